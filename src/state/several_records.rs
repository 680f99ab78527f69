//! One backup OA for several records (R-MANY-1..3) as plain logic: the flow's steps and its
//! place in the URL, which of the user's records can be picked, the set's records, the people
//! to choose from, the per-record judgement and outcome in the user's words, copying one
//! record's answers to the others (and undoing it), and where each error links to.

use crate::state::wizard::{exclusion_rows, question_id, AnswerRow, StepInUrl};
use contract::application::{ExclusionAnswers, Steps};
use contract::oa_change::RecordOverview;
use contract::provider_id::ProviderId;
use contract::records::{backup_availability, AdministeredRecord, OaRole};
use contract::several_records::{
    Outcome, RecordAnswers, RecordOutcome, RecordVerdict, SetStep, SeveralRecordsDraft, Verdict,
};
use contract::Rule;

pub const SEVERAL_PATH: &str = "/oa-change/several";

/// The flow's steps: the four the server saves (`SetStep`), then the signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SeveralStep {
    Records,
    Backup,
    Exclusion,
    Review,
    Sign,
}

impl SeveralStep {
    pub const ALL: [Self; 5] = [
        Self::Records,
        Self::Backup,
        Self::Exclusion,
        Self::Review,
        Self::Sign,
    ];

    /// The step the server records when Continue saves this one; the signature submits.
    pub fn saved_as(self) -> Option<SetStep> {
        match self {
            Self::Records => Some(SetStep::Records),
            Self::Backup => Some(SetStep::Backup),
            Self::Exclusion => Some(SetStep::Exclusion),
            Self::Review => Some(SetStep::Review),
            Self::Sign => None,
        }
    }

    /// Where a set saved after `saved` resumes: the step after it.
    pub fn resuming(saved: SetStep) -> Self {
        match saved {
            SetStep::Records => Self::Backup,
            SetStep::Backup => Self::Exclusion,
            SetStep::Exclusion => Self::Review,
            SetStep::Review => Self::Sign,
        }
    }
}

impl Steps for SeveralStep {
    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn title(self) -> &'static str {
        match self {
            Self::Records => "Provider records",
            Self::Backup => "Backup OA",
            Self::Exclusion => "Exclusion and sanction questions",
            Self::Review => "Check your answers",
            Self::Sign => "Sign and submit",
        }
    }
}

/// Where the flow is: the step the URL names (none: resume the saved set), whether it was
/// opened from Check your answers (`return=review`), and whether the set was just submitted
/// (`submitted=yes`), whose confirmation a reload shows again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeveralPlace {
    pub step: Option<SeveralStep>,
    pub returning: bool,
    pub submitted: bool,
}

impl SeveralPlace {
    pub fn at(step: SeveralStep) -> Self {
        Self {
            step: Some(step),
            ..Self::default()
        }
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut shared = StepInUrl::default();
        let mut submitted = false;
        for (key, value) in pairs {
            if !shared.read(key, value) && key == "submitted" {
                submitted = value == "yes";
            }
        }
        Self {
            step: shared.step,
            returning: shared.returning,
            submitted,
        }
    }

    pub fn path(&self) -> String {
        let shared = StepInUrl {
            step: self.step,
            returning: self.returning,
        };
        let submitted = self.submitted.then(|| ("submitted", "yes".to_owned()));
        shared.path(SEVERAL_PATH, None, submitted)
    }
}

/// Where Continue goes once `step` is saved: the next step; or, for a step opened from Check
/// your answers, back there, unless the change asks more first: new records need the person
/// judged again, and a record without its answers (`answered`: every record's) needs them.
pub fn after_save(step: SeveralStep, returning: bool, answered: bool) -> SeveralPlace {
    let still_returning = |step| SeveralPlace {
        returning: true,
        ..SeveralPlace::at(step)
    };
    match (returning, step) {
        (true, SeveralStep::Records) => still_returning(SeveralStep::Backup),
        (true, SeveralStep::Backup) if !answered => still_returning(SeveralStep::Exclusion),
        (true, _) => SeveralPlace::at(SeveralStep::Review),
        (false, _) => SeveralPlace::at(step.next().unwrap_or(step)),
    }
}

/// Why the record cannot be in a set, if it cannot: it has no backup OA at all (R-BOA-9,
/// R-BOA-10), or the user's primary OA role has ended (R-BOA-8), so they do not administer it.
pub fn why_not_pickable(record: &AdministeredRecord) -> Option<String> {
    if let Err(why) = backup_availability(record.kind, &record.programs) {
        return Some(why.to_string());
    }
    (record.my_role == OaRole::Primary && !record.has_active_primary_oa).then(|| {
        "Your primary OA role on this record has ended, so you cannot name its backup OA.".into()
    })
}

/// "Avery Family Practice, PLLC – NPI 2044707588".
pub fn record_label(name: &str, id: &str) -> String {
    ProviderId::parse(id).map_or_else(|_| format!("{name} – {id}"), |id| format!("{name} – {id}"))
}

/// Whether the set holds the record.
pub fn is_picked(draft: &SeveralRecordsDraft, id: &str) -> bool {
    draft.records.iter().any(|record| record.record_id == id)
}

/// Puts the record in the set or takes it out, keeping the set in the order of `order` (the
/// records as the page lists them) and each record's answers.
pub fn pick(draft: &mut SeveralRecordsDraft, order: &[String], id: &str, picked: bool) {
    if picked && !is_picked(draft, id) {
        draft.records.push(RecordAnswers {
            record_id: id.to_owned(),
            exclusion: ExclusionAnswers::default(),
        });
    } else if !picked {
        draft.records.retain(|record| record.record_id != id);
    }
    draft.records.sort_by_key(|record| {
        order
            .iter()
            .position(|listed| *listed == record.record_id)
            .unwrap_or(usize::MAX)
    });
}

/// Every record of `order` in the set (select all), or none.
pub fn pick_all(draft: &mut SeveralRecordsDraft, order: &[String], picked: bool) {
    for id in order {
        pick(draft, order, id, picked);
    }
}

/// One person listed on the picked records, whom the user may choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub ncid: String,
    pub name: String,
}

impl Person {
    /// "Casey Lin (clin2)".
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.ncid)
    }
}

/// The people with an NCID listed on the records, each once, by name; never the applicant,
/// who cannot be both (R-BOA-2).
pub fn people_on(overviews: &[RecordOverview], applicant: &str) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    for candidate in overviews.iter().flat_map(|overview| &overview.candidates) {
        let Some(ncid) = candidate.ncid.as_deref() else {
            continue;
        };
        let known = people
            .iter()
            .any(|person| person.ncid.eq_ignore_ascii_case(ncid));
        if !known && !ncid.eq_ignore_ascii_case(applicant) {
            people.push(Person {
                ncid: ncid.to_owned(),
                name: candidate.name.clone(),
            });
        }
    }
    people.sort_by(|a, b| a.name.cmp(&b.name).then(a.ncid.cmp(&b.ncid)));
    people
}

/// "Casey Lin (clin2)" when a picked record lists the person, else the NCID alone.
pub fn person_label(people: &[Person], ncid: &str) -> String {
    people
        .iter()
        .find(|person| person.ncid.eq_ignore_ascii_case(ncid.trim()))
        .map_or_else(|| ncid.trim().to_owned(), Person::label)
}

/// R-MANY-1: what naming the person would do on the record, in plain words.
pub fn verdict_text(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Eligible => "Can be named backup OA".into(),
        Verdict::AlreadyBackup => {
            "Is already its backup OA: nothing to change, so remove it from the set".into()
        }
        Verdict::Ineligible { reason, .. } => format!("Cannot be named backup OA: {reason}"),
    }
}

/// The records of the judgement where the person cannot be named (or already is).
pub fn not_eligible(verdicts: &[RecordVerdict]) -> Vec<String> {
    verdicts
        .iter()
        .filter(|verdict| verdict.verdict != Verdict::Eligible)
        .map(|verdict| verdict.record_id.clone())
        .collect()
}

/// R-MANY-2: the first record's three answers copied to every other record of the set; a
/// record left with no Yes drops its explanation, one with a Yes keeps its own (each record's
/// explanation covers its own managing employees, R-OA-3). Answers what the records held
/// before, for Undo.
pub fn copy_first_answers(draft: &mut SeveralRecordsDraft) -> Vec<ExclusionAnswers> {
    let before: Vec<ExclusionAnswers> = draft
        .records
        .iter()
        .map(|record| record.exclusion.clone())
        .collect();
    let Some(first) = before.first().cloned() else {
        return before;
    };
    for record in draft.records.iter_mut().skip(1) {
        let answers = &mut record.exclusion;
        answers.excluded = first.excluded;
        answers.sanctioned = first.sanctioned;
        answers.convicted = first.convicted;
        if !answers.any_yes() {
            answers.explanation = None;
        }
    }
    before
}

/// Undoes `copy_first_answers`: each record gets back the answers it held.
pub fn undo_copy(draft: &mut SeveralRecordsDraft, before: &[ExclusionAnswers]) {
    for (record, answers) in draft.records.iter_mut().zip(before) {
        record.exclusion = answers.clone();
    }
}

/// One record's section of Check your answers; each row's step is where its Change link goes.
pub fn record_rows(
    label: &str,
    backup: &str,
    answers: &ExclusionAnswers,
) -> Vec<AnswerRow<SeveralStep>> {
    let mut rows = vec![
        AnswerRow::new(SeveralStep::Records, "Provider record", label),
        AnswerRow::new(SeveralStep::Backup, "New backup OA", backup),
    ];
    rows.extend(exclusion_rows(SeveralStep::Exclusion, answers));
    rows
}

/// The id of the control an error about this form field links to: the records' list, the
/// person, a record's row of the judgement (`records.N`), a record's question
/// (`records.N.exclusion.*`), the signature.
pub fn field_target(field: &str) -> Option<String> {
    let known = matches!(field, "records" | "backup_ncid" | "attestation" | "pin")
        || field.strip_prefix("records.").is_some_and(|rest| {
            rest.split('.')
                .next()
                .is_some_and(|index| index.parse::<usize>().is_ok())
        });
    known.then(|| question_id(field))
}

/// R-MANY-3: what the confirmation says of a record not filed: why, and what to do.
pub fn not_filed_advice(rule: Option<Rule>) -> &'static str {
    match rule {
        Some(Rule::Oa5) => {
            "Wait until the open request is decided, or withdraw it in My applications, then prepare this record again."
        }
        Some(Rule::Boa2 | Rule::Boa9 | Rule::Boa10) => {
            "Choose another person for this record, in a new set or in an OA Change Request for the record."
        }
        _ => "Prepare this record again, or file an OA Change Request for it.",
    }
}

/// How many of the outcomes were filed.
pub fn filed_count(outcomes: &[RecordOutcome]) -> usize {
    outcomes
        .iter()
        .filter(|outcome| matches!(outcome.outcome, Outcome::Filed { .. }))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::wizard::WizardStep;
    use contract::oa_change::Candidate;
    use contract::records::{OfficeAdministrator, Program, RecordKind, Relationship};

    fn record(id: &str, kind: RecordKind, programs: &[Program]) -> AdministeredRecord {
        AdministeredRecord {
            id: id.into(),
            name: "Avery Family Practice, PLLC".into(),
            kind,
            programs: programs.to_vec(),
            my_role: OaRole::Primary,
            primary_oa: Some(OfficeAdministrator {
                ncid: "javery1".into(),
                name: "Jordan Avery".into(),
                end_date: None,
            }),
            has_active_primary_oa: true,
            backup_oa: None,
        }
    }

    #[test]
    fn the_place_round_trips_through_the_url() {
        let place = SeveralPlace::at(SeveralStep::Exclusion);
        assert_eq!(place.path(), "/oa-change/several?step=3");
        assert_eq!(SeveralPlace::from_pairs([("step", "3")]), place);
        let done = SeveralPlace {
            submitted: true,
            ..SeveralPlace::at(SeveralStep::Sign)
        };
        assert_eq!(done.path(), "/oa-change/several?step=5&submitted=yes");
        assert_eq!(
            SeveralPlace::from_pairs([("step", "5"), ("submitted", "yes")]),
            done
        );
        let changing = SeveralPlace::from_pairs([("step", "2"), ("return", "review")]);
        assert!(changing.returning);
        assert_eq!(SeveralPlace::default().path(), SEVERAL_PATH);
        assert_eq!(SeveralStep::from_number("6"), None);
    }

    #[test]
    fn a_saved_set_resumes_after_its_last_step() {
        assert_eq!(SeveralStep::resuming(SetStep::Records), SeveralStep::Backup);
        assert_eq!(SeveralStep::resuming(SetStep::Review), SeveralStep::Sign);
        assert_eq!(SeveralStep::Sign.saved_as(), None);
        assert_eq!(SeveralStep::Review.saved_as(), Some(SetStep::Review));
        assert_eq!(SeveralStep::count(), 5);
    }

    #[test]
    fn a_change_from_the_review_goes_back_there_once_nothing_more_is_asked() {
        let at = SeveralPlace::at;
        assert_eq!(
            after_save(SeveralStep::Records, false, false),
            at(SeveralStep::Backup)
        );
        assert_eq!(
            after_save(SeveralStep::Review, false, true),
            at(SeveralStep::Sign)
        );
        let records = after_save(SeveralStep::Records, true, true);
        assert_eq!(
            (records.step, records.returning),
            (Some(SeveralStep::Backup), true)
        );
        let unanswered = after_save(SeveralStep::Backup, true, false);
        assert_eq!(unanswered.step, Some(SeveralStep::Exclusion));
        assert!(unanswered.returning);
        assert_eq!(
            after_save(SeveralStep::Backup, true, true),
            at(SeveralStep::Review)
        );
        assert_eq!(
            after_save(SeveralStep::Exclusion, true, true),
            at(SeveralStep::Review)
        );
    }

    #[test]
    fn records_without_a_backup_option_cannot_be_picked() {
        let medicaid = record("2044707588", RecordKind::Organization, &[Program::Medicaid]);
        assert_eq!(why_not_pickable(&medicaid), None);
        let agent = record("2059028110", RecordKind::BillingAgent, &[Program::Medicaid]);
        assert!(why_not_pickable(&agent).unwrap().contains("Billing agent"));
        let dmhddsus = record("2533389336", RecordKind::Organization, &[Program::Dmhddsus]);
        assert!(why_not_pickable(&dmhddsus).unwrap().contains("NC Medicaid"));
        let ended = AdministeredRecord {
            has_active_primary_oa: false,
            ..medicaid.clone()
        };
        assert!(why_not_pickable(&ended).unwrap().contains("ended"));
        // The backup OA of a record whose primary is end-dated still administers it (R-BOA-8).
        let backup = AdministeredRecord {
            my_role: OaRole::Backup,
            ..ended
        };
        assert_eq!(why_not_pickable(&backup), None);
    }

    #[test]
    fn picking_keeps_the_listed_order_and_each_records_answers() {
        let order: Vec<String> = ["A1", "B2", "C3"].map(String::from).to_vec();
        let mut draft = SeveralRecordsDraft::default();
        pick(&mut draft, &order, "C3", true);
        pick(&mut draft, &order, "A1", true);
        draft.records[1].exclusion.excluded = Some(false);
        pick_all(&mut draft, &order, true);
        let ids: Vec<&str> = draft.records.iter().map(|r| r.record_id.as_str()).collect();
        assert_eq!(ids, ["A1", "B2", "C3"]);
        assert_eq!(draft.records[2].exclusion.excluded, Some(false));
        pick(&mut draft, &order, "B2", false);
        assert!(!is_picked(&draft, "B2"));
        pick_all(&mut draft, &order, false);
        assert!(draft.records.is_empty());
    }

    #[test]
    fn the_people_are_those_listed_each_once_without_the_applicant() {
        let overview = |candidates: Vec<(&str, Option<&str>)>| RecordOverview {
            id: "2044707588".into(),
            name: "Avery Family Practice, PLLC".into(),
            kind: RecordKind::Organization,
            programs: vec![Program::Medicaid],
            primary_oa: None,
            has_active_primary_oa: true,
            backup_oa: None,
            backup_unavailable: None,
            candidates: candidates
                .into_iter()
                .map(|(name, ncid)| Candidate {
                    name: name.into(),
                    relationship: Relationship::ManagingEmployee,
                    ncid: ncid.map(String::from),
                    as_backup: None,
                    as_new_primary: None,
                })
                .collect(),
            needs_authorization_code: false,
        };
        let people = people_on(
            &[
                overview(vec![
                    ("Jordan Avery", Some("javery1")),
                    ("Casey Lin", Some("clin2")),
                ]),
                overview(vec![
                    ("Casey Lin", Some("CLIN2")),
                    ("Ann Able", Some("aable1")),
                ]),
                overview(vec![("No Ncid", None)]),
            ],
            "javery1",
        );
        let labels: Vec<String> = people.iter().map(Person::label).collect();
        assert_eq!(labels, ["Ann Able (aable1)", "Casey Lin (clin2)"]);
        assert_eq!(person_label(&people, " clin2 "), "Casey Lin (clin2)");
        assert_eq!(person_label(&people, "zz9"), "zz9");
    }

    #[test]
    fn verdicts_read_as_plain_words() {
        assert_eq!(verdict_text(&Verdict::Eligible), "Can be named backup OA");
        assert!(verdict_text(&Verdict::AlreadyBackup).contains("already"));
        let refused = Verdict::Ineligible {
            rule: Rule::Boa2,
            reason: "Has adverse findings".into(),
        };
        assert_eq!(
            verdict_text(&refused),
            "Cannot be named backup OA: Has adverse findings"
        );
        let verdicts = [
            ("A1", Verdict::Eligible),
            ("B2", Verdict::AlreadyBackup),
            ("C3", refused),
        ]
        .map(|(id, verdict)| RecordVerdict {
            record_id: id.into(),
            record_name: id.into(),
            verdict,
        });
        assert_eq!(not_eligible(&verdicts), ["B2", "C3"]);
    }

    #[test]
    fn copying_the_first_answers_can_be_undone() {
        let answers = |excluded, explanation| ExclusionAnswers {
            excluded: Some(excluded),
            sanctioned: Some(false),
            convicted: Some(false),
            explanation,
        };
        let mut draft = SeveralRecordsDraft {
            records: vec![
                RecordAnswers {
                    record_id: "A1".into(),
                    exclusion: answers(false, None),
                },
                RecordAnswers {
                    record_id: "B2".into(),
                    exclusion: answers(true, Some(7)),
                },
                RecordAnswers {
                    record_id: "C3".into(),
                    exclusion: ExclusionAnswers::default(),
                },
            ],
            backup_ncid: "clin2".into(),
        };
        let original = draft.clone();
        let before = copy_first_answers(&mut draft);
        assert!(draft
            .records
            .iter()
            .all(|record| record.exclusion == answers(false, None)));
        undo_copy(&mut draft, &before);
        assert_eq!(draft, original);
        // A Yes copied keeps the record's own explanation, which a Yes needs.
        draft.records[0].exclusion.excluded = Some(true);
        copy_first_answers(&mut draft);
        assert_eq!(draft.records[1].exclusion.explanation, Some(7));
        assert_eq!(draft.records[2].exclusion.explanation, None);
    }

    #[test]
    fn errors_link_to_their_controls() {
        assert_eq!(field_target("records").as_deref(), Some("records"));
        assert_eq!(field_target("backup_ncid").as_deref(), Some("backup-ncid"));
        assert_eq!(field_target("records.2").as_deref(), Some("records-2"));
        assert_eq!(
            field_target("records.0.exclusion.excluded").as_deref(),
            Some("records-0-exclusion-excluded")
        );
        assert_eq!(field_target("records.x"), None);
        assert_eq!(field_target("other"), None);
    }

    #[test]
    fn a_record_not_filed_says_what_to_do() {
        assert!(not_filed_advice(Some(Rule::Oa5)).contains("withdraw"));
        assert!(not_filed_advice(Some(Rule::Boa2)).contains("another person"));
        assert!(not_filed_advice(None).contains("again"));
        let rows = record_rows(
            "Avery – NPI 2044707588",
            "Casey Lin (clin2)",
            &ExclusionAnswers::default(),
        );
        assert_eq!(rows[1].step, SeveralStep::Backup);
        assert_eq!(rows[2].step, SeveralStep::Exclusion);
    }
}
