//! What an application form is made of. Definitions are `static` data built with the `const`
//! helpers below, so they cost nothing at run time and compile into the browser too.

/// An application form, versioned: a draft keeps the version it was started on.
#[derive(Debug)]
pub struct FormDef {
    /// The kind in URLs and the forwarded document, e.g. `first-work`.
    pub kind: &'static str,
    pub version: u32,
    /// Who fills it in: an applicant, or an employer for an applicant's application.
    pub filled_by: FilledBy,
    pub sections: &'static [Section],
    /// Attachments, each needed when its condition holds.
    pub attachments: &'static [Rule],
    /// Fee categories: the first whose condition holds is the application's.
    pub fees: &'static [Rule],
}

/// Who fills in a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilledBy {
    /// A person applying, who starts it from the start page.
    Applicant,
    /// A user acting for an organisation, for an applicant's application that names it: the
    /// employer's part (the terms of employment), started from the organisation's tasks.
    Employer,
    /// Anyone, without an account: the pre-check "Which application do I need?", whose
    /// answers stay in the session and are carried into the application started from its
    /// result (`forms::pre_check`).
    Visitor,
}

/// Something that follows from the answers when `when` holds.
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub when: Cond,
    /// For an attachment: why these answers call for it, when the general reason does not
    /// fit (`attachment-{id}-why-{because}`; empty: `attachment-{id}-why`). The same
    /// attachment can have a rule per reason: the first that holds gives it.
    pub because: &'static str,
}

pub const fn rule(id: &'static str, when: Cond) -> Rule {
    Rule { id, when, because: "" }
}

impl Rule {
    /// The same rule, with the reason these answers give for it.
    pub const fn because(self, because: &'static str) -> Rule {
        Rule { because, ..self }
    }
}

/// A part of the task list.
#[derive(Debug)]
pub struct Section {
    pub id: &'static str,
    pub steps: &'static [Step],
}

/// One page of questions.
#[derive(Debug)]
pub struct Step {
    pub id: &'static str,
    pub questions: &'static [Question],
    /// The step is asked only when this holds.
    pub when: Cond,
    /// With an introduction under the heading (`step-{id}-intro`).
    pub intro: bool,
    /// Asked once per item (family members, previous stays…), up to this many items.
    pub repeat: Option<u8>,
    /// An exit: when `when` holds, the application does not fit, and the page (`step-{id}` and
    /// `step-{id}-body`) says so and what to do instead. It has no questions.
    pub exit: bool,
    /// An exit's application to make instead (a form's kind), which its page links to.
    pub instead: Option<&'static str>,
}

pub const fn step(id: &'static str, questions: &'static [Question]) -> Step {
    Step { id, questions, when: Cond::Always, intro: false, repeat: None, exit: false, instead: None }
}

/// A page that stops the application when `when` holds.
pub const fn exit(id: &'static str, when: Cond) -> Step {
    Step { id, questions: &[], when, intro: false, repeat: None, exit: true, instead: None }
}

impl Step {
    pub const fn when(self, when: Cond) -> Step {
        Step { when, ..self }
    }

    pub const fn intro(self) -> Step {
        Step { intro: true, ..self }
    }

    pub const fn repeat(self, max_items: u8) -> Step {
        Step { repeat: Some(max_items), ..self }
    }

    /// The application (a form's kind) an exit sends the applicant to instead.
    pub const fn instead(self, kind: &'static str) -> Step {
        Step { instead: Some(kind), ..self }
    }
}

#[derive(Debug)]
pub struct Question {
    pub id: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Asked only when this holds. A condition on a question of the same step is revealed in
    /// the browser as the user answers; without JavaScript the question shows, and is ignored
    /// when its condition does not hold.
    pub when: Cond,
    /// With a hint (`q-{id}-hint`).
    pub hint: bool,
}

pub const fn q(id: &'static str, kind: Kind) -> Question {
    Question { id, kind, required: true, when: Cond::Always, hint: false }
}

impl Question {
    pub const fn optional(self) -> Question {
        Question { required: false, ..self }
    }

    pub const fn hint(self) -> Question {
        Question { hint: true, ..self }
    }

    pub const fn when(self, when: Cond) -> Question {
        Question { when, ..self }
    }
}

/// What kind of answer a question takes, and how it is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line of free text, at most this many characters.
    Text(u16),
    /// Several lines, at most this many characters.
    LongText(u16),
    /// A name as in the passport's machine-readable zone.
    PassportName,
    Email,
    /// A phone number in international form.
    Phone,
    PostalCode,
    /// A Finnish personal identity code, of the person whose date of birth the named date
    /// question asks, if any: the date in the code must be that date, and never in the future.
    IdentityCode(Option<&'static str>),
    BusinessId,
    Iban,
    /// Whole euros.
    Euros,
    /// A whole number in a range (e.g. years, days).
    Number(u32, u32),
    /// Hours in a range, to a tenth (`37,5` or `37.5`): the standard Finnish full-time week is
    /// 37.5 hours. Stored with a point.
    Hours(u32, u32),
    Date(DateRule),
    /// One of the options.
    Choice(&'static [&'static str]),
    /// Any of the options (stored comma-separated).
    Choices(&'static [&'static str]),
    YesNo,
    /// A country code from the ISO 3166 list.
    Country,
    /// An occupation group of the ISCO-08 classification (`domain::occupations`).
    Occupation,
}

/// Where a date must lie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRule {
    Past,
    Future,
    Any,
    /// After the date answered to another question (e.g. a passport's expiry after its issue).
    After(&'static str),
}

/// A condition on earlier answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cond {
    Always,
    /// The answer to a question is this value.
    Is(&'static str, &'static str),
    /// The answer is one of these values.
    In(&'static str, &'static [&'static str]),
    /// A Choices answer includes this value.
    Has(&'static str, &'static str),
    /// A number or euro answer is at least this much.
    AtLeast(&'static str, u32),
    /// A euro answer is at least the income threshold of this category in force on the day
    /// (`domain::income_thresholds`).
    AtLeastThreshold(&'static str, &'static str),
    /// The person born on the date answered is younger than this many years today.
    YoungerThan(&'static str, u8),
    /// A repeating step has at least one item.
    HasItems(&'static str),
    All(&'static [Cond]),
    Any(&'static [Cond]),
    Not(&'static Cond),
}

impl FormDef {
    pub fn steps(&self) -> impl Iterator<Item = (&'static Section, &'static Step)> + '_ {
        self.sections.iter().flat_map(|section| section.steps.iter().map(move |step| (section, step)))
    }

    pub fn step(&self, id: &str) -> Option<(&'static Section, &'static Step)> {
        self.steps().find(|(_, step)| step.id == id)
    }

    /// Every question with the step it is on.
    pub fn questions(&self) -> impl Iterator<Item = (&'static Step, &'static Question)> + '_ {
        self.steps().flat_map(|(_, step)| step.questions.iter().map(move |question| (step, question)))
    }

    pub fn question(&self, id: &str) -> Option<(&'static Step, &'static Question)> {
        self.questions().find(|(_, question)| question.id == id)
    }

    /// The step whose answer led to the exit `exit`: of the steps its condition reads, the one
    /// asked last before it (an exit stands right after what triggers it; the others only say
    /// when it applies, as the kind of work does for a salary that is too low).
    pub fn cause_of(&self, exit: &Step) -> Option<&'static Step> {
        let read = exit.when.questions();
        self.steps()
            .map(|(_, step)| step)
            .take_while(|step| step.id != exit.id)
            .filter(|step| step.questions.iter().any(|q| read.contains(&q.id)))
            .last()
    }
}

impl Cond {
    /// The questions this condition reads.
    pub fn questions(&self) -> Vec<&'static str> {
        match self {
            Cond::Always => Vec::new(),
            Cond::Is(q, _)
            | Cond::In(q, _)
            | Cond::Has(q, _)
            | Cond::AtLeast(q, _)
            | Cond::AtLeastThreshold(q, _)
            | Cond::YoungerThan(q, _) => vec![q],
            Cond::HasItems(_) => Vec::new(),
            Cond::All(conds) | Cond::Any(conds) => conds.iter().flat_map(Cond::questions).collect(),
            Cond::Not(cond) => cond.questions(),
        }
    }

    /// The income threshold's category this condition compares with, if any.
    pub fn threshold(&self) -> Option<&'static str> {
        match self {
            Cond::AtLeastThreshold(_, category) => Some(category),
            Cond::All(conds) | Cond::Any(conds) => conds.iter().find_map(Cond::threshold),
            Cond::Not(cond) => cond.threshold(),
            _ => None,
        }
    }

    /// The repeating steps this condition reads.
    pub fn steps(&self) -> Vec<&'static str> {
        match self {
            Cond::HasItems(step) => vec![step],
            Cond::All(conds) | Cond::Any(conds) => conds.iter().flat_map(Cond::steps).collect(),
            Cond::Not(cond) => cond.steps(),
            _ => Vec::new(),
        }
    }
}
