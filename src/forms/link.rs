//! The link between an applicant's work-based application and the employer's part of it (the
//! terms of employment). An applicant's form links to an employer when it asks for the
//! employer's Business ID ([`BUSINESS_ID`]) and the applicant's consent to share the
//! application with it ([`CONSENT`]); the employer's form ([`TERMS`]) then starts from what the
//! employer may know of it ([`seeded_terms`]).

use super::answers::Answers;
use super::definition::FormDef;
use crate::domain::business_id::BusinessId;

/// The question of the employer's Business ID.
pub const BUSINESS_ID: &str = "employer-business-id";
/// The question of the applicant's consent to share the application with the employer.
pub const CONSENT: &str = "employer-consent";
/// The kind of the employer's form.
pub const TERMS: &str = "employment-terms";
/// The employer's form asks the kind of permit (which sets the income threshold), answered
/// beforehand from the applicant's kind of work.
const PERMIT_TYPE: &str = "permit-type";
const PERMIT_TYPE_STEP: &str = "terms-permit";

/// The organisation the application is shared with: the Business ID the applicant gave, when
/// the form asks for consent and the applicant gave it.
pub fn employer(def: &FormDef, answers: &Answers) -> Option<BusinessId> {
    def.question(CONSENT)?;
    if answers.get(CONSENT) != Some("yes") {
        return None;
    }
    answers.get(BUSINESS_ID).and_then(BusinessId::parse)
}

/// Whether an application of the kind of work `work_type` is on the fast track (a
/// specialist's): its terms are due in two days, and its employer cannot pay its fee.
pub fn on_fast_track(work_type: &str) -> bool {
    work_type == "specialist"
}

/// The answers a new employer's part starts with: the kind of permit, from the applicant's
/// kind of work `work_type` (the employer may change it). Nothing else of the applicant's.
pub fn seeded_terms(work_type: &str) -> Answers {
    let mut answers = Answers::default();
    if let Some(kind) = Some(work_type).filter(|kind| ["employed", "specialist"].contains(kind)) {
        answers.values.insert(PERMIT_TYPE.into(), kind.into());
        answers.done.insert(PERMIT_TYPE_STEP.into());
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::catalogue::{EMPLOYMENT_TERMS, FIRST_WORK, FIRST_WORK_V1};

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        let mut answers = Answers::default();
        answers.values.extend(pairs.iter().map(|(q, a)| (q.to_string(), a.to_string())));
        answers
    }

    #[test]
    fn an_application_links_to_the_employer_only_with_consent() {
        let given = answers(&[(BUSINESS_ID, "2077474-0"), (CONSENT, "yes")]);
        assert_eq!(employer(&FIRST_WORK, &given).map(|id| id.to_string()).as_deref(), Some("2077474-0"));
        assert_eq!(employer(&FIRST_WORK, &answers(&[(BUSINESS_ID, "2077474-0"), (CONSENT, "no")])), None);
        assert_eq!(employer(&FIRST_WORK_V1, &given), None, "version 1 never asked for consent");
    }

    #[test]
    fn the_terms_start_with_the_kind_of_permit_only() {
        let seeded = seeded_terms("specialist");
        assert_eq!(seeded.values.len(), 1);
        assert_eq!(seeded_terms("astronaut"), Answers::default());
        assert_eq!(seeded.get(PERMIT_TYPE), Some("specialist"));
        assert!(EMPLOYMENT_TERMS.step(PERMIT_TYPE_STEP).is_some_and(|(_, step)| step.questions[0].id == PERMIT_TYPE));
    }
}
