//! The applications. Sections shared by several forms are defined once; each form adds its
//! grounds, attachments and fee categories. Wording lives in `locales/*/forms.ftl` and
//! `locales/*/questions.ftl`; thresholds follow `../shared/design/DOMAIN.md` (2026 rules).

use super::definition::Kind::*;
use super::definition::{exit, q, rule, step, Cond, DateRule, FilledBy, FormDef, Question, Rule, Section, Step};

const MRZ_NAME: super::definition::Kind = PassportName;

// ---------------------------------------------------------------- shared sections

const PERSONAL: Section = Section {
    id: "personal",
    steps: &[
        step(
            "names",
            &[
                q("surname", MRZ_NAME).hint(),
                q("given-names", MRZ_NAME).hint(),
                q("previous-names", Text(200)).optional().hint(),
            ],
        ),
        step(
            "birth",
            &[
                q("birth-date", Date(DateRule::Past)),
                q("sex", Choice(&["female", "male", "unspecified"])).hint(),
                q("birth-country", Country),
                q("citizenship", Country),
                q("other-citizenship", Country).optional().hint(),
            ],
        ),
        step(
            "identity-code",
            &[
                q("has-identity-code", YesNo).hint(),
                q("identity-code", IdentityCode(Some("birth-date"))).hint().when(Cond::Is("has-identity-code", "yes")),
            ],
        ),
    ],
};

const PASSPORT: Section = Section {
    id: "passport",
    steps: &[step(
        "passport",
        &[
            q("passport-number", Text(20)).hint(),
            q("passport-country", Country),
            q("passport-issued", Date(DateRule::Past)),
            q("passport-expires", Date(DateRule::After("passport-issued"))).hint(),
        ],
    )],
};

const IN_FINLAND: Cond = Cond::Is("address-country", "FI");

const CONTACT: Section = Section {
    id: "contact",
    steps: &[
        step(
            "contact-details",
            &[q("email", Email).hint(), q("phone", Phone).hint(), q("language", Choice(&["fi", "sv", "en"]))],
        ),
        step(
            "address",
            &[
                q("address-country", Country),
                q("street", Text(200)),
                q("postal-code", PostalCode).when(IN_FINLAND),
                q("postal-code-abroad", Text(12)).optional().when(Cond::Not(&IN_FINLAND)),
                q("city", Text(100)),
            ],
        ),
    ],
};

const HAS_SPOUSE: Cond = Cond::In("marital-status", &["married", "registered-partnership", "cohabiting"]);

const FAMILY: Section = Section {
    id: "family",
    steps: &[
        step(
            "marital-status",
            &[q(
                "marital-status",
                Choice(&["single", "married", "registered-partnership", "cohabiting", "divorced", "widowed"]),
            )],
        ),
        step(
            "spouse",
            &[
                q("spouse-surname", MRZ_NAME),
                q("spouse-given-names", MRZ_NAME),
                q("spouse-birth-date", Date(DateRule::Past)),
                q("spouse-citizenship", Country),
                q("spouse-in-finland", YesNo),
            ],
        )
        .when(HAS_SPOUSE),
        CHILDREN_QUESTION,
        CHILDREN,
    ],
};

const CHILDREN_QUESTION: Step = step("children-question", &[q("has-children", YesNo).hint()]);

const CHILDREN: Step = step(
    "children",
    &[
        q("child-surname", MRZ_NAME),
        q("child-given-names", MRZ_NAME),
        q("child-birth-date", Date(DateRule::Past)),
        q("child-citizenship", Country),
        q("child-moves", YesNo),
    ],
)
.intro()
.repeat(10)
.when(Cond::Is("has-children", "yes"));

/// The family of someone who joins their spouse or partner in Finland: the sponsor section has
/// asked about the partner already (the sponsor is the partner, and the relationship says
/// how), so only the children are asked here.
const FAMILY_OF_PARTNER: Section = Section { id: "family", steps: &[CHILDREN_QUESTION, CHILDREN] };

const STAYS: Section = Section {
    id: "stays",
    steps: &[
        step("stays-question", &[q("stayed-in-finland", YesNo).hint()]),
        step(
            "previous-stays",
            &[
                q("stay-from", Date(DateRule::Past)),
                q("stay-to", Date(DateRule::After("stay-from"))),
                q("stay-purpose", Choice(&["work", "study", "family", "visit", "other"])),
            ],
        )
        .intro()
        .repeat(10)
        .when(Cond::Is("stayed-in-finland", "yes")),
    ],
};

const INTEGRITY: Section = Section {
    id: "integrity",
    steps: &[
        step(
            "criminal-record",
            &[q("convicted", YesNo).hint(), q("conviction-details", LongText(2000)).when(Cond::Is("convicted", "yes"))],
        )
        .intro(),
        step(
            "entry-bans",
            &[q("entry-ban", YesNo).hint(), q("entry-ban-details", LongText(2000)).when(Cond::Is("entry-ban", "yes"))],
        ),
    ],
};

const SUPPORT: Section = Section {
    id: "support",
    steps: &[step(
        "support",
        &[
            q("support-sources", Choices(&["salary", "savings", "grant", "family", "pension", "other"])).hint(),
            q("monthly-income", Euros).hint(),
        ],
    )],
};

const SERVICE_POINT: Section = Section {
    id: "service-point",
    steps: &[step(
        "service-point",
        &[q(
            "service-point",
            Choice(&[
                "helsinki",
                "espoo",
                "vantaa",
                "turku",
                "tampere",
                "oulu",
                "jyvaskyla",
                "kuopio",
                "lappeenranta",
                "joensuu",
                "vaasa",
                "rovaniemi",
                "mission",
            ]),
        )
        .hint()],
    )
    .intro()],
};

/// What every application needs, whatever its grounds.
const PASSPORT_COPY: Rule = rule("passport-copy", Cond::Always);

// ---------------------------------------------------------------- first permit: work

const SPECIALIST: Cond = Cond::Is("work-type", "specialist");

const WORK_TYPE: Step = step("work-type", &[q("work-type", Choice(&["employed", "specialist"])).hint()]);
const SALARY: Step = step("salary", &[q("monthly-salary", Euros).hint(), q("weekly-hours", Hours(1, 80))]);

/// The salary below the income threshold of the kind of work in force on the day: each kind
/// its own exit, named `{prefix}specialist-salary-low` and `{prefix}salary-low`.
const SPECIALIST_SALARY_LOW: Cond =
    Cond::All(&[SPECIALIST, Cond::Not(&Cond::AtLeastThreshold("monthly-salary", "specialist"))]);
const EMPLOYED_SALARY_LOW: Cond =
    Cond::All(&[Cond::Not(&SPECIALIST), Cond::Not(&Cond::AtLeastThreshold("monthly-salary", "employed"))]);

/// The questions about the employer; version 2 asks the applicant's consent to share the
/// application with the employer, which links the employer's part to it.
const EMPLOYER_BUSINESS_ID: Question = q(crate::forms::link::BUSINESS_ID, BusinessId).hint();
const EMPLOYER_NAME: Question = q("employer-name", Text(200));
const OCCUPATION: Question = q("occupation", Text(200));
const WORK_START: Question = q("work-start", Date(DateRule::Any));

const WORK: Section = Section {
    id: "work",
    steps: &[
        WORK_TYPE,
        step(
            "employer",
            &[
                EMPLOYER_BUSINESS_ID,
                EMPLOYER_NAME,
                q(crate::forms::link::CONSENT, YesNo).hint(),
                OCCUPATION,
                WORK_START,
            ],
        )
        .intro(),
        SALARY,
        exit("specialist-salary-low", SPECIALIST_SALARY_LOW),
        exit("salary-low", EMPLOYED_SALARY_LOW),
    ],
};

const WORK_V1: Section = Section {
    id: "work",
    steps: &[
        WORK_TYPE,
        step("employer", &[EMPLOYER_BUSINESS_ID, EMPLOYER_NAME, OCCUPATION, WORK_START]).intro(),
        SALARY,
        exit("specialist-salary-low", SPECIALIST_SALARY_LOW),
        exit("salary-low", EMPLOYED_SALARY_LOW),
    ],
};

const FIRST_WORK_FEES: &[Rule] = &[rule("first-specialist", SPECIALIST), rule("first-employed", Cond::Always)];

/// Version 2's attachments; version 1's are the first four (it asked no consent).
const FIRST_WORK_ATTACHMENTS: &[Rule] = &[
    PASSPORT_COPY,
    rule("employment-contract", Cond::Always),
    rule("degree-certificate", SPECIALIST),
    rule("marriage-certificate", Cond::In("marital-status", &["married", "registered-partnership"]))
        .because("own-spouse"),
    rule("employment-terms-form", Cond::Is(crate::forms::link::CONSENT, "no")),
];

/// Version 2 asks the applicant's consent to share the application with the employer, who
/// then fills in the terms of employment in the portal; without it the applicant attaches
/// the terms signed by the employer.
pub static FIRST_WORK: FormDef = FormDef {
    kind: "first-work",
    version: 2,
    filled_by: FilledBy::Applicant,
    sections: &[PERSONAL, PASSPORT, CONTACT, FAMILY, WORK, STAYS, INTEGRITY, SERVICE_POINT],
    attachments: FIRST_WORK_ATTACHMENTS,
    fees: FIRST_WORK_FEES,
};

/// Version 1 had no consent: its applications link to no employer. Kept for the drafts
/// started on it.
pub static FIRST_WORK_V1: FormDef = FormDef {
    kind: "first-work",
    version: 1,
    filled_by: FilledBy::Applicant,
    sections: &[PERSONAL, PASSPORT, CONTACT, FAMILY, WORK_V1, STAYS, INTEGRITY, SERVICE_POINT],
    attachments: FIRST_WORK_ATTACHMENTS.split_at(4).0,
    fees: FIRST_WORK_FEES,
};

// ---------------------------------------------------------------- the employer's part

const TERMS_SPECIALIST: Cond = Cond::Is("permit-type", "specialist");
const YES: &str = "yes";

const FILLER: Section = Section {
    id: "filler",
    steps: &[step(
        "filler",
        &[
            q("filler-role", Choice(&["employer", "representative"])).hint(),
            q("contact-name", Text(200)),
            q("contact-phone", Phone).hint(),
            q("contact-email", Email),
        ],
    )
    .intro()],
};

const EMPLOYER_DETAILS: Section = Section {
    id: "employer-details",
    steps: &[
        step(
            "legal-form",
            &[q(
                "legal-form",
                Choice(&[
                    "limited-company",
                    "partnership",
                    "cooperative",
                    "association",
                    "foundation",
                    "private-trader",
                    "public-body",
                ]),
            )],
        ),
        step(
            "trader",
            &[
                q("trader-surname", Text(100)),
                q("trader-given-names", Text(100)),
                q("trader-birth-date", Date(DateRule::Past)),
            ],
        )
        .when(Cond::Is("legal-form", "private-trader")),
        step(
            "employer-details",
            &[
                q("industry", Text(200)),
                q("staff-count", Number(0, 1_000_000)),
                q("domicile", Text(100)).hint(),
                q("employer-address", Text(200)),
                q("employer-postal-code", PostalCode),
                q("employer-town", Text(100)),
            ],
        ),
    ],
};

const COMPANY: Section = Section {
    id: "company",
    steps: &[
        step(
            "company",
            &[
                q("posted-worker", YesNo).hint(),
                q("sending-company", Text(200)).when(Cond::Is("posted-worker", YES)),
                q("agency-or-subcontractor", YesNo).hint(),
                q("young-company", YesNo).hint(),
            ],
        ),
        step(
            "substitute-payer",
            &[
                q("substitute-payer", YesNo).hint(),
                q("payer-name", Text(200)).when(Cond::Is("substitute-payer", YES)),
                q("payer-business-id", BusinessId).when(Cond::Is("substitute-payer", YES)),
            ],
        ),
    ],
};

const TERMS: Section = Section {
    id: "terms",
    steps: &[
        step("terms-permit", &[q("permit-type", Choice(&["employed", "specialist"])).hint()]).intro(),
        step(
            "occupation",
            &[q("occupation-group", Occupation).hint(), q("job-title", Text(200)), q("main-duties", LongText(2000))],
        ),
        step(
            "pay",
            &[
                q("monthly-salary", Euros).hint(),
                q("weekly-hours", Hours(1, 80)),
                q("collective-agreement", YesNo),
                q("collective-agreement-name", Text(200)).when(Cond::Is("collective-agreement", YES)),
            ],
        ),
        exit(
            "terms-specialist-salary-low",
            Cond::All(&[TERMS_SPECIALIST, Cond::Not(&Cond::AtLeastThreshold("monthly-salary", "specialist"))]),
        ),
        exit(
            "terms-salary-low",
            Cond::All(&[
                Cond::Not(&TERMS_SPECIALIST),
                Cond::Not(&Cond::AtLeastThreshold("monthly-salary", "employed")),
            ]),
        ),
        step(
            "duration",
            &[
                q("work-start", Date(DateRule::Any)),
                q("duration", Choice(&["permanent", "fixed-term"])),
                q("work-end", Date(DateRule::After("work-start"))).when(Cond::Is("duration", "fixed-term")),
                q("apprenticeship", YesNo),
            ],
        ),
    ],
};

/// The terms of employment: the employer's part of a work-based application, filled in by a
/// user acting for the organisation the applicant named (`forms::link`). No fee: sending it
/// forwards it at once.
pub static EMPLOYMENT_TERMS: FormDef = FormDef {
    kind: crate::forms::link::TERMS,
    version: 1,
    filled_by: FilledBy::Employer,
    sections: &[FILLER, EMPLOYER_DETAILS, COMPANY, TERMS],
    attachments: &[
        rule("financial-statements", Cond::Is("young-company", YES)),
        rule("subcontract", Cond::Is("agency-or-subcontractor", YES)),
        rule("posting-certificate", Cond::Is("posted-worker", YES)),
    ],
    fees: &[],
};

// ---------------------------------------------------------------- first permit: studies

const STUDIES: Section = Section {
    id: "studies",
    steps: &[
        step(
            "study-place",
            &[
                q("institution", Text(200)),
                q("degree-programme", Text(200)),
                q("study-level", Choice(&["bachelor", "master", "doctoral", "vocational", "exchange", "other"])),
                q("studies-start", Date(DateRule::Any)),
                q("studies-end", Date(DateRule::After("studies-start"))),
            ],
        ),
        step(
            "tuition",
            &[
                q("tuition-fee", YesNo).hint(),
                q("tuition-amount", Euros).when(Cond::Is("tuition-fee", "yes")),
                q("scholarship", YesNo),
            ],
        ),
        step("funds", &[q("funds-amount", Euros).hint(), q("insurance", Choice(&["ehic", "kela", "private"])).hint()])
            .intro(),
        exit("funds-low", Cond::Not(&Cond::AtLeast("funds-amount", 9600))),
    ],
};

pub static FIRST_STUDIES: FormDef = FormDef {
    kind: "first-studies",
    version: 1,
    filled_by: FilledBy::Applicant,
    sections: &[PERSONAL, PASSPORT, CONTACT, FAMILY, STUDIES, STAYS, INTEGRITY, SERVICE_POINT],
    attachments: &[
        PASSPORT_COPY,
        rule("admission-letter", Cond::Always),
        rule("proof-of-funds", Cond::Always),
        rule("insurance-certificate", Cond::Is("insurance", "private")),
        rule("tuition-receipt", Cond::Is("tuition-fee", "yes")),
    ],
    fees: &[rule("first-student", Cond::Always)],
};

// ---------------------------------------------------------------- first permit: family

const COHABITING: Cond = Cond::Is("relationship", "cohabiting");

const SPONSOR: Section = Section {
    id: "sponsor",
    steps: &[
        step(
            "sponsor",
            &[
                q("sponsor-surname", MRZ_NAME),
                q("sponsor-given-names", MRZ_NAME),
                q("sponsor-birth-date", Date(DateRule::Past)),
                q("sponsor-identity-code", IdentityCode(Some("sponsor-birth-date"))).optional().hint(),
                q("sponsor-status", Choice(&["citizen", "permanent", "temporary", "protection"])),
            ],
        )
        .intro(),
        step(
            "relationship",
            &[
                q("relationship", Choice(&["spouse", "registered-partner", "cohabiting"])),
                q("relationship-start", Date(DateRule::Past)),
                q("lived-together", YesNo),
                q("lived-together-since", Date(DateRule::Past)).when(Cond::Is("lived-together", "yes")),
            ],
        ),
        exit("cohabitation-short", Cond::All(&[COHABITING, Cond::Is("lived-together", "no")])),
    ],
};

const FIRST_FAMILY_ATTACHMENTS: &[Rule] = &[
    PASSPORT_COPY,
    rule("marriage-certificate", Cond::In("relationship", &["spouse", "registered-partner"])),
    rule("cohabitation-proof", COHABITING),
    rule("cohabitation-proof", Cond::Is("lived-together", "yes")).because("lived-together"),
];

/// Version 2 asks about the partner once, as the sponsor.
pub static FIRST_FAMILY: FormDef = FormDef {
    kind: "first-family",
    version: 2,
    filled_by: FilledBy::Applicant,
    sections: &[PERSONAL, PASSPORT, CONTACT, SPONSOR, FAMILY_OF_PARTNER, STAYS, INTEGRITY, SUPPORT, SERVICE_POINT],
    attachments: FIRST_FAMILY_ATTACHMENTS,
    fees: &[rule("first-family", Cond::Always)],
};

/// Version 1 asked about the partner twice: as the sponsor and again as the spouse. Kept for
/// the drafts started on it.
pub static FIRST_FAMILY_V1: FormDef = FormDef {
    kind: "first-family",
    version: 1,
    filled_by: FilledBy::Applicant,
    sections: &[PERSONAL, PASSPORT, CONTACT, SPONSOR, FAMILY, STAYS, INTEGRITY, SUPPORT, SERVICE_POINT],
    attachments: FIRST_FAMILY_ATTACHMENTS,
    fees: &[rule("first-family", Cond::Always)],
};

// ---------------------------------------------------------------- extended permit

const CURRENT_PERMIT: Section = Section {
    id: "current-permit",
    steps: &[
        step(
            "current-permit",
            &[
                q("permit-grounds", Choice(&["work", "studies", "family"])),
                q("permit-expires", Date(DateRule::Any)).hint(),
                q("same-grounds", YesNo).hint(),
            ],
        ),
        exit("grounds-changed", Cond::Is("same-grounds", "no")),
        step("photo", &[q("photo-code", Text(20)).optional().hint()]).intro(),
        step(
            "work-continues",
            &[
                q("employer-business-id", BusinessId).hint(),
                q("employer-name", Text(200)),
                q("monthly-salary", Euros).hint(),
            ],
        )
        .when(Cond::Is("permit-grounds", "work")),
        step("studies-continue", &[q("institution", Text(200)), q("study-credits", Number(0, 600)).hint()])
            .when(Cond::Is("permit-grounds", "studies")),
        step("family-continues", &[q("sponsor-identity-code", IdentityCode(None)).hint(), q("still-together", YesNo)])
            .when(Cond::Is("permit-grounds", "family")),
    ],
};

pub static EXTENDED: FormDef = FormDef {
    kind: "extended",
    version: 1,
    filled_by: FilledBy::Applicant,
    sections: &[PERSONAL, PASSPORT, CONTACT, CURRENT_PERMIT, FAMILY, INTEGRITY, SERVICE_POINT],
    attachments: &[
        PASSPORT_COPY,
        rule("employment-contract", Cond::Is("permit-grounds", "work")).because("extended"),
        rule("study-register-extract", Cond::Is("permit-grounds", "studies")),
    ],
    fees: &[rule("extended", Cond::Always)],
};

// ---------------------------------------------------------------- permanent permit

/// Six years' residence, B1 Finnish or Swedish and two years' work (from 8 January 2026).
const PERMANENT_P: Cond = Cond::All(&[
    Cond::AtLeast("continuous-years", 6),
    Cond::In("language-level", &["b1", "b2"]),
    Cond::AtLeast("work-years", 2),
]);

/// The four-year fast track.
const PERMANENT_FAST: Cond = Cond::All(&[
    Cond::AtLeast("continuous-years", 4),
    Cond::Any(&[
        Cond::AtLeast("annual-income", 40_000),
        Cond::All(&[Cond::Is("finnish-masters", "yes"), Cond::AtLeast("work-years", 2)]),
        Cond::All(&[Cond::Is("language-level", "b2"), Cond::AtLeast("work-years", 3)]),
    ]),
]);

/// The EU long-term resident's permit: five years' continuous residence.
const PERMANENT_EU: Cond = Cond::AtLeast("continuous-years", 5);

const LANGUAGE_SKILLS: Step =
    step("language-skills", &[q("language-level", Choice(&["none", "a2", "b1", "b2"])).hint()]);

const WORK_HISTORY: Step = step(
    "work-history",
    &[q("work-years", Number(0, 80)).hint(), q("annual-income", Euros).hint(), q("finnish-masters", YesNo)],
);

const RESIDENCE_HISTORY: Section = Section {
    id: "residence-history",
    steps: &[
        step(
            "residence",
            &[q("first-permit-date", Date(DateRule::Past)).hint(), q("continuous-years", Number(0, 80)).hint()],
        ),
        LANGUAGE_SKILLS,
        WORK_HISTORY,
        exit("permanent-not-yet", Cond::Not(&Cond::Any(&[PERMANENT_P, PERMANENT_FAST, PERMANENT_EU])))
            .instead("extended"),
    ],
};

/// The fast track's grounds besides its four years: the residence time is counted from the
/// periods (`forms::residence`), which take the shorter requirement when these hold.
pub const PERMANENT_FAST_TRACK: Cond = Cond::Any(&[
    Cond::AtLeast("annual-income", 40_000),
    Cond::All(&[Cond::Is("finnish-masters", "yes"), Cond::AtLeast("work-years", 2)]),
    Cond::All(&[Cond::Is("language-level", "b2"), Cond::AtLeast("work-years", 3)]),
]);

/// The P permit's grounds besides its six years.
const PERMANENT_P_GROUNDS: Cond =
    Cond::All(&[Cond::In("language-level", &["b1", "b2"]), Cond::AtLeast("work-years", 2)]);

/// Version 2 asks the periods in Finland and the trips abroad once and counts the years from
/// them; an application sent before the earliest day it can succeed is warned, not stopped.
/// Without the P permit's grounds it is an EU long-term resident's permit (P-EU).
const RESIDENCE_HISTORY_V2: Section = Section {
    id: "residence-history",
    steps: &[
        RESIDENCE_PERIODS,
        TRAVELLED_ABROAD,
        PERIODS_ABROAD.when(Cond::Is("travelled-abroad", "yes")),
        LANGUAGE_SKILLS,
        WORK_HISTORY,
    ],
};

const PERMANENT_ATTACHMENTS: &[Rule] = &[
    PASSPORT_COPY,
    rule("language-certificate", Cond::In("language-level", &["b1", "b2"])).because("permanent"),
    rule("employment-certificates", Cond::AtLeast("work-years", 1)),
    rule("degree-certificate", Cond::Is("finnish-masters", "yes")).because("finnish-masters"),
];

pub static PERMANENT: FormDef = FormDef {
    kind: "permanent",
    version: 2,
    filled_by: FilledBy::Applicant,
    sections: &[PERSONAL, PASSPORT, CONTACT, RESIDENCE_HISTORY_V2, FAMILY, INTEGRITY, SUPPORT, SERVICE_POINT],
    attachments: PERMANENT_ATTACHMENTS,
    fees: &[
        rule("permanent-p", Cond::Any(&[PERMANENT_P_GROUNDS, PERMANENT_FAST_TRACK])),
        rule("permanent-p-eu", Cond::Always),
    ],
};

/// Version 1 asked the years of continuous residence as a number, and stopped an application
/// short of them. Kept for the drafts started on it.
pub static PERMANENT_V1: FormDef = FormDef {
    kind: "permanent",
    version: 1,
    filled_by: FilledBy::Applicant,
    sections: &[PERSONAL, PASSPORT, CONTACT, RESIDENCE_HISTORY, FAMILY, INTEGRITY, SUPPORT, SERVICE_POINT],
    attachments: PERMANENT_ATTACHMENTS,
    fees: &[rule("permanent-p", Cond::Any(&[PERMANENT_P, PERMANENT_FAST])), rule("permanent-p-eu", PERMANENT_EU)],
};

// ---------------------------------------------------------------- citizenship

const CITIZENSHIP_RESIDENCE: Section = Section {
    id: "citizenship-residence",
    steps: &[
        exit("under-18", Cond::YoungerThan("birth-date", 18)),
        step(
            "residence-period",
            &[
                q("residence-years", Number(0, 100)).hint(),
                q("shorter-period", Choice(&["none", "language", "spouse", "stateless"])).hint(),
            ],
        )
        .intro(),
        exit(
            "residence-short",
            Cond::Not(&Cond::Any(&[
                Cond::AtLeast("residence-years", 8),
                Cond::All(&[Cond::AtLeast("residence-years", 5), Cond::Not(&Cond::Is("shorter-period", "none"))]),
            ])),
        ),
        step("absences", &[q("days-abroad", Number(0, 36_500)).hint(), q("days-abroad-last-year", Number(0, 366))]),
        exit(
            "abroad-too-long",
            Cond::Any(&[Cond::AtLeast("days-abroad", 366), Cond::AtLeast("days-abroad-last-year", 91)]),
        ),
        PERIODS_ABROAD.when(Cond::AtLeast("days-abroad", 1)),
        LANGUAGE_PROOF,
    ],
};

/// The trips abroad, one item each: the days between leaving and coming back are the days
/// abroad.
const PERIODS_ABROAD: Step = step(
    "periods-abroad",
    &[
        q("abroad-from", Date(DateRule::Past)),
        q("abroad-to", Date(DateRule::After("abroad-from"))),
        q("abroad-country", Country),
        q("abroad-reason", Choice(&["holiday", "work", "study", "family", "other"])),
    ],
)
.intro()
.repeat(20);

const LANGUAGE_PROOF: Step = step(
    "language-proof",
    &[
        q("language-proof", Choice(&["certificate", "school", "degree"])).hint(),
        q("language-proof-date", Date(DateRule::Past)),
    ],
);

/// The periods lived in Finland, each with the permit (or right) it was lived on, one item
/// each: the residence time is counted from them (`forms::residence`), as the calculators
/// count it.
const RESIDENCE_PERIODS: Step = step(
    "residence-periods",
    &[
        q("period-from", Date(DateRule::Past)),
        q("period-to", Date(DateRule::After("period-from"))).optional().hint(),
        q("period-status", Choice(&["continuous", "temporary", "eu-right", "waiting", "visa"])),
    ],
)
.intro()
.repeat(20);

const TRAVELLED_ABROAD: Step = step("travelled-abroad", &[q("travelled-abroad", YesNo).hint()]);

/// Version 2 asks the periods in Finland and the trips abroad once, and counts the residence
/// time from them: an application that would be sent before the earliest day it can succeed
/// is warned, not stopped (`forms::residence`).
const CITIZENSHIP_RESIDENCE_V2: Section = Section {
    id: "citizenship-residence",
    steps: &[
        exit("under-18", Cond::YoungerThan("birth-date", 18)),
        step(
            "residence-requirement",
            &[q("shorter-period", Choice(&["none", "language", "spouse", "stateless"])).hint()],
        )
        .intro(),
        RESIDENCE_PERIODS,
        TRAVELLED_ABROAD,
        PERIODS_ABROAD.when(Cond::Is("travelled-abroad", "yes")),
        LANGUAGE_PROOF,
    ],
};

const OBLIGATIONS: Section = Section {
    id: "obligations",
    steps: &[step(
        "payments",
        &[
            q("unpaid-taxes", YesNo).hint(),
            q("unpaid-maintenance", YesNo).hint(),
            q("payment-details", LongText(2000))
                .when(Cond::Any(&[Cond::Is("unpaid-taxes", "yes"), Cond::Is("unpaid-maintenance", "yes")])),
        ],
    )],
};

pub static CITIZENSHIP: FormDef = FormDef {
    kind: "citizenship",
    version: 2,
    filled_by: FilledBy::Applicant,
    sections: &[
        PERSONAL,
        PASSPORT,
        CONTACT,
        CITIZENSHIP_RESIDENCE_V2,
        FAMILY,
        INTEGRITY,
        OBLIGATIONS,
        SUPPORT,
        SERVICE_POINT,
    ],
    attachments: CITIZENSHIP_ATTACHMENTS,
    fees: &[rule("citizenship", Cond::Always)],
};

/// Version 1 asked the years lived here and the days abroad as numbers, and stopped an
/// application short of them. Kept for the drafts started on it.
pub static CITIZENSHIP_V1: FormDef = FormDef {
    kind: "citizenship",
    version: 1,
    filled_by: FilledBy::Applicant,
    sections: &[
        PERSONAL,
        PASSPORT,
        CONTACT,
        CITIZENSHIP_RESIDENCE,
        FAMILY,
        INTEGRITY,
        OBLIGATIONS,
        SUPPORT,
        SERVICE_POINT,
    ],
    attachments: CITIZENSHIP_ATTACHMENTS,
    fees: &[rule("citizenship", Cond::Always)],
};

const CITIZENSHIP_ATTACHMENTS: &[Rule] =
    &[PASSPORT_COPY, rule("language-certificate", Cond::Always).because("citizenship")];

// ---------------------------------------------------------------- the pre-check

/// Citizens of the EU and EEA countries, the Nordic countries and Switzerland: they need no
/// residence permit, and register their right of residence instead.
const FREE_MOVEMENT: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH",
];

const LIVING_IN_FINLAND: Cond = Cond::Is("purpose", "living-in-finland");

/// "Which application do I need?": a few questions anyone can answer without an account,
/// ending on the applications that fit (`forms::pre_check`), or on an exit saying why none
/// does and where to go. Question ids are those of the applications, so that the answers
/// carry over.
pub static PRE_CHECK: FormDef = FormDef {
    kind: super::pre_check::KIND,
    version: 1,
    filled_by: FilledBy::Visitor,
    sections: &[Section {
        id: "pre-check",
        steps: &[
            step("pre-check-citizenship", &[q("citizenship", Country)]),
            exit("pre-check-free-movement", Cond::In("citizenship", FREE_MOVEMENT)),
            step("pre-check-age", &[q("birth-date", Date(DateRule::Past))]),
            exit("pre-check-minor", Cond::YoungerThan("birth-date", 18)),
            step(
                "pre-check-purpose",
                &[q("purpose", Choice(&["work", "studies", "family", "living-in-finland"])).hint()],
            ),
            WORK_TYPE.when(Cond::Is("purpose", "work")),
            step(
                "pre-check-current-permit",
                &[
                    q("current-permit", Choice(&["temporary", "continuous"])).hint(),
                    q("residence-years", Number(0, 100)).hint(),
                ],
            )
            .when(LIVING_IN_FINLAND),
        ],
    }],
    attachments: &[],
    fees: &[],
};

// ---------------------------------------------------------------- the catalogue

/// Every published version of every form, the forms in the order the start page offers them.
/// A draft keeps the version it was started on, so a version stays here while drafts of it can
/// exist (90 days after the next one is published); new drafts get the latest.
pub static FORMS: [&FormDef; 12] = [
    &FIRST_WORK_V1,
    &FIRST_WORK,
    &FIRST_STUDIES,
    &FIRST_FAMILY_V1,
    &FIRST_FAMILY,
    &EXTENDED,
    &PERMANENT_V1,
    &PERMANENT,
    &CITIZENSHIP_V1,
    &CITIZENSHIP,
    &EMPLOYMENT_TERMS,
    &PRE_CHECK,
];

/// The forms a deployment offers, every version of each: the published ones
/// ([`Catalogue::published`]) or, in tests, others besides. The server provides it to pages as
/// context ([`use_catalogue`]); the browser, which runs only published forms, has the default.
#[derive(Clone, Copy, Debug)]
pub struct Catalogue {
    forms: &'static [&'static FormDef],
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue::published()
    }
}

impl Catalogue {
    pub const fn new(forms: &'static [&'static FormDef]) -> Catalogue {
        Catalogue { forms }
    }

    /// The forms published with this build.
    pub const fn published() -> Catalogue {
        Catalogue::new(&FORMS)
    }

    /// Version `version` of the form `kind`.
    pub fn form(&self, kind: &str, version: u32) -> Option<&'static FormDef> {
        self.forms.iter().copied().find(|def| def.kind == kind && def.version == version)
    }

    /// The latest version of `kind`: the one new drafts are started on.
    pub fn latest(&self, kind: &str) -> Option<&'static FormDef> {
        self.versions(kind).last()
    }

    /// Every version of `kind`, the oldest first.
    pub fn versions(&self, kind: &str) -> impl Iterator<Item = &'static FormDef> {
        let mut versions: Vec<&'static FormDef> = self.forms.iter().copied().filter(|def| def.kind == kind).collect();
        versions.sort_by_key(|def| def.version);
        versions.into_iter()
    }

    /// The latest version of each form, in the order the start page offers them.
    pub fn current(&self) -> impl Iterator<Item = &'static FormDef> + '_ {
        let mut kinds: Vec<&str> = Vec::new();
        for def in self.forms {
            if !kinds.contains(&def.kind) {
                kinds.push(def.kind);
            }
        }
        kinds.into_iter().filter_map(|kind| self.latest(kind))
    }

    /// Every version of every form.
    pub fn all(&self) -> impl Iterator<Item = &'static FormDef> {
        self.forms.iter().copied()
    }
}

/// The catalogue of this render: the server's, or the published one.
pub fn use_catalogue() -> Catalogue {
    leptos::prelude::use_context::<Catalogue>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::check;

    #[test]
    fn every_definition_is_sound_in_every_language() {
        for def in Catalogue::published().all() {
            let problems = check::problems(def);
            assert!(problems.is_empty(), "{}: {problems:#?}", def.kind);
        }
    }
}

#[cfg(test)]
mod versions {
    use super::*;

    static FIRST_WORK_3: FormDef = FormDef {
        kind: "first-work",
        version: 3,
        filled_by: FilledBy::Applicant,
        sections: &[],
        attachments: &[],
        fees: &[],
    };
    static WITH_TWO: [&FormDef; 3] = [&FIRST_WORK_3, &FIRST_WORK_V1, &FIRST_STUDIES];

    #[test]
    fn a_form_is_found_by_kind_and_version_and_the_latest_is_offered() {
        let catalogue = Catalogue::new(&WITH_TWO);
        assert_eq!(catalogue.form("first-work", 1).map(|d| d.version), Some(1));
        assert_eq!(catalogue.form("first-work", 2).map(|d| d.version), None);
        assert_eq!(catalogue.latest("first-work").map(|d| d.version), Some(3));
        assert_eq!(catalogue.versions("first-work").map(|d| d.version).collect::<Vec<_>>(), [1, 3]);
        let current: Vec<(&str, u32)> = catalogue.current().map(|d| (d.kind, d.version)).collect();
        assert_eq!(current, [("first-work", 3), ("first-studies", 1)]);
    }
}
