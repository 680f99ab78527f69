//! Initial enrollment applications (R-BOA-5, with R-BOA-2, R-BOA-9, R-BOA-10, R-OA-3, R-AUTH-4)
//! over real HTTP against a real SQLite file seeded with the demo data. Dana Whitfield (dwhit5)
//! applies for a new organization and names Glenn Hart (ghart7) backup OA; Morgan Reyes
//! (mreyes3) is listed with adverse findings.

mod common;

use common::{client, error_of, json, refusal, refused, Server};
use contract::application::RequestStatus;
use contract::enrollment::examples::{self, NEW_NPI};
use contract::enrollment::{
    EnrollmentDraft, EnrollmentRole, EnrollmentStep, EnrollmentView, ListedPerson, SaveEnrollment,
};
use contract::error::codes;
use contract::messages::MessagePage;
use contract::operations::{EnrollmentQueueItem, EnrollmentReview};
use contract::records::{Program, RecordKind, Relationship};
use reqwest::{Client, Response, StatusCode};

const APPLICANT: &str = "dwhit5";
const APPLICANT_PIN: &str = "1118";
const BACKUP: &str = "ghart7";
const BACKUP_PIN: &str = "1658";
/// Another user who applies for the same provider.
const RIVAL: &str = "kpatel4";
const RIVAL_PIN: &str = "4228";

/// A complete organization application naming Glenn Hart backup OA; Morgan Reyes, an owner, has
/// adverse findings.
fn organization() -> EnrollmentDraft {
    examples::organization(
        vec![
            examples::person("Dana Whitfield", Relationship::Owner, APPLICANT),
            examples::person("Glenn Hart", Relationship::ManagingEmployee, BACKUP),
            ListedPerson {
                adverse_findings: Some(true),
                ..examples::person("Morgan Reyes", Relationship::Owner, "mreyes3")
            },
        ],
        BACKUP,
    )
}

async fn create(server: &Server, client: &Client) -> EnrollmentView {
    let response = server.post(client, "/api/enrollments").await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn save(
    server: &Server,
    client: &Client,
    id: i64,
    step: EnrollmentStep,
    draft: &EnrollmentDraft,
) -> Response {
    let save = SaveEnrollment {
        step,
        draft: draft.clone(),
    };
    server
        .put_json(client, &format!("/api/enrollments/{id}"), &save)
        .await
}

async fn submit(server: &Server, client: &Client, id: i64, pin: &str) -> Response {
    server
        .submit(client, &format!("/api/enrollments/{id}/submit"), pin)
        .await
}

/// A fresh server, and the applicant signed in to it.
async fn applicant() -> (Server, Client) {
    let server = Server::start().await;
    let applicant = server.signed_in(APPLICANT).await;
    (server, applicant)
}

/// Saves the complete organization application through Check your answers.
async fn save_complete(server: &Server, client: &Client, id: i64) -> Response {
    save(server, client, id, EnrollmentStep::Review, &organization()).await
}

/// The applicant's complete application, saved through Check your answers.
async fn ready_application(server: &Server, client: &Client, draft: &EnrollmentDraft) -> i64 {
    let id = create(server, client).await.id;
    let response = save(server, client, id, EnrollmentStep::Review, draft).await;
    assert_eq!(response.status(), StatusCode::OK);
    id
}

#[tokio::test]
async fn the_primary_saves_resumes_and_submits_with_a_tracking_number() {
    let (server, applicant) = applicant().await;
    let created = create(&server, &applicant).await;
    assert_eq!(created.status, RequestStatus::Draft);
    assert_eq!(created.step, None);
    assert_eq!(created.role, EnrollmentRole::Primary);

    let partial = EnrollmentDraft {
        provider_type: Some(RecordKind::Organization),
        ..EnrollmentDraft::default()
    };
    let response = save(
        &server,
        &applicant,
        created.id,
        EnrollmentStep::ProviderType,
        &partial,
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    // Resuming: what was saved comes back with the step reached.
    let resumed: EnrollmentView = server
        .get_json(&applicant, &format!("/api/enrollments/{}", created.id))
        .await;
    assert_eq!(resumed.step, Some(EnrollmentStep::ProviderType));
    assert_eq!(resumed.draft.provider_type, Some(RecordKind::Organization));

    let id = created.id;
    let response = save_complete(&server, &applicant, id).await;
    assert_eq!(response.status(), StatusCode::OK);
    let submitted: EnrollmentView =
        json(submit(&server, &applicant, id, APPLICANT_PIN).await).await;
    assert_eq!(submitted.status, RequestStatus::Submitted);
    let tracking = submitted.tracking_number.expect("a tracking number");
    assert!(tracking.0.starts_with("ENR-"), "{tracking}");
    assert!(tracking.0.ends_with(&format!("{id:06}")), "{tracking}");

    // Submitted, it is no longer the applicant's to change.
    let response = save_complete(&server, &applicant, id).await;
    refusal(response, StatusCode::CONFLICT, "R-OA-6").await;
}

#[tokio::test]
async fn the_named_backup_reads_but_cannot_change_or_sign() {
    // R-BOA-5
    let (server, applicant) = applicant().await;
    let id = ready_application(&server, &applicant, &organization()).await;

    let backup = server.signed_in(BACKUP).await;
    let listed: Vec<EnrollmentView> = server.get_json(&backup, "/api/enrollments").await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, id);
    assert_eq!(listed[0].role, EnrollmentRole::NamedBackup);
    assert_eq!(listed[0].applicant_ncid, APPLICANT);

    refusal(
        submit(&server, &backup, id, BACKUP_PIN).await,
        StatusCode::FORBIDDEN,
        "R-BOA-5",
    )
    .await;
    let response = save_complete(&server, &backup, id).await;
    refusal(response, StatusCode::FORBIDDEN, "R-BOA-5").await;
    let withdraw = server
        .post(&backup, &format!("/api/enrollments/{id}/withdraw"))
        .await;
    assert_eq!(withdraw.status(), StatusCode::FORBIDDEN);

    // Anyone else: as if it did not exist.
    let stranger = server.signed_in("kpatel4").await;
    let (status, body) = error_of(
        server
            .get(&stranger, &format!("/api/enrollments/{id}"))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body.error, codes::NOT_FOUND);
    let (status, _) = error_of(submit(&server, &stranger, id, "4228").await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The application is untouched by all of it.
    let view: EnrollmentView = server
        .get_json(&applicant, &format!("/api/enrollments/{id}"))
        .await;
    assert_eq!(view.status, RequestStatus::Draft);
    assert_eq!(view.draft, organization());
}

#[tokio::test]
async fn backup_eligibility_is_checked_inside_the_application() {
    // R-BOA-2: Morgan Reyes is listed with adverse findings; the applicant is the primary.
    let (server, applicant) = applicant().await;
    let id = create(&server, &applicant).await.id;
    for (backup, rule) in [
        ("mreyes3", "R-BOA-2"),
        (APPLICANT, "R-BOA-2"),
        ("clin2", "R-BOA-5"),
    ] {
        let draft = EnrollmentDraft {
            backup: Some(backup.into()),
            ..organization()
        };
        let (status, body) =
            error_of(save(&server, &applicant, id, EnrollmentStep::Backup, &draft).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{backup}");
        assert_eq!(body.rule.map(|r| r.id()), Some(rule), "{backup}");
        assert!(body.fields.contains_key("backup"), "{backup}");
    }

    // Listed with a well-formed NCID that no account has.
    let mut draft = organization();
    draft.people[1].ncid = Some("nobody77".into());
    draft.backup = Some("nobody77".into());
    let response = save(&server, &applicant, id, EnrollmentStep::Backup, &draft).await;
    refusal(response, StatusCode::UNPROCESSABLE_ENTITY, "R-BOA-2").await;
}

#[tokio::test]
async fn billing_agents_and_dmhddsus_only_applications_name_no_backup() {
    // R-BOA-9, R-BOA-10
    let (server, applicant) = applicant().await;
    let id = create(&server, &applicant).await.id;

    let billing_agent = EnrollmentDraft {
        provider_type: Some(RecordKind::BillingAgent),
        people: Vec::new(),
        ..organization()
    };
    let refused = [
        // The people step comes first: listing nobody, the backup names nobody listed.
        (EnrollmentStep::Backup, billing_agent.clone(), "R-BOA-9"),
        (
            EnrollmentStep::People,
            EnrollmentDraft {
                provider_type: Some(RecordKind::BillingAgent),
                ..organization()
            },
            "R-BOA-9",
        ),
        (
            EnrollmentStep::Backup,
            EnrollmentDraft {
                programs: vec![Program::Dmhddsus],
                ..organization()
            },
            "R-BOA-10",
        ),
    ];
    for (step, draft, rule) in refused {
        let response = save(&server, &applicant, id, step, &draft).await;
        refusal(response, StatusCode::UNPROCESSABLE_ENTITY, rule).await;
    }

    // Without a backup both are complete applications.
    let response = save(
        &server,
        &applicant,
        id,
        EnrollmentStep::Review,
        &EnrollmentDraft {
            backup: None,
            ..billing_agent
        },
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = submit(&server, &applicant, id, APPLICANT_PIN).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn signing_needs_the_right_pin_and_a_complete_application() {
    // R-AUTH-4
    let (server, applicant) = applicant().await;
    let id = create(&server, &applicant).await.id;
    let (status, body) = error_of(submit(&server, &applicant, id, APPLICANT_PIN).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.fields.contains_key("provider_type"));

    save_complete(&server, &applicant, id).await;
    let body = refused(
        submit(&server, &applicant, id, "0000").await,
        StatusCode::FORBIDDEN,
        codes::INVALID_PIN,
    )
    .await;
    assert_eq!(body.rule.map(|r| r.id()), Some("R-AUTH-4"));
    let view: EnrollmentView = server
        .get_json(&applicant, &format!("/api/enrollments/{id}"))
        .await;
    assert_eq!(view.status, RequestStatus::Draft);
}

#[tokio::test]
async fn an_enrolled_provider_or_an_open_application_refuses_another() {
    let (server, applicant) = applicant().await;

    // Avery Family Practice, PLLC is enrolled already: its OAs change by OA Change Request.
    let enrolled = EnrollmentDraft {
        provider_id: "2044707588".into(),
        ..organization()
    };
    let id = ready_application(&server, &applicant, &enrolled).await;
    refusal(
        submit(&server, &applicant, id, APPLICANT_PIN).await,
        StatusCode::CONFLICT,
        "R-BOA-6",
    )
    .await;

    // Another user's draft for the provider blocks no one until it is submitted (R-OA-5).
    let rival = server.signed_in(RIVAL).await;
    let rivals = ready_application(&server, &rival, &organization()).await;
    let first = ready_application(&server, &applicant, &organization()).await;
    assert_eq!(
        submit(&server, &applicant, first, APPLICANT_PIN)
            .await
            .status(),
        StatusCode::OK
    );
    // The draft saved before the first was submitted is refused at its submission.
    let body = refusal(
        submit(&server, &rival, rivals, RIVAL_PIN).await,
        StatusCode::CONFLICT,
        "R-OA-5",
    )
    .await;
    assert!(body.message.contains("ENR-"), "{}", body.message);
}

/// The identity step of a new application for `provider_id`.
fn identity_of(provider_id: &str) -> EnrollmentDraft {
    EnrollmentDraft {
        provider_id: provider_id.into(),
        ..organization()
    }
}

#[tokio::test]
async fn a_second_application_for_a_provider_is_refused_at_its_identity_step() {
    let (server, applicant) = applicant().await;
    let first = ready_application(&server, &applicant, &organization()).await;

    // R-OA-5: one draft per author and provider, said at the provider id field.
    let second = create(&server, &applicant).await.id;
    let body = refusal(
        save(
            &server,
            &applicant,
            second,
            EnrollmentStep::Identity,
            &identity_of(NEW_NPI),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "R-OA-5",
    )
    .await;
    let said = &body.fields["provider_id"];
    assert!(
        said.contains("You already have a draft enrollment application for"),
        "{said}"
    );
    assert!(!said.contains("R-OA-5"), "{said}");
    // The first draft itself saves again, and another provider is no trouble.
    let again = save(
        &server,
        &applicant,
        first,
        EnrollmentStep::Review,
        &organization(),
    )
    .await;
    assert_eq!(again.status(), StatusCode::OK);
    let response = save(
        &server,
        &applicant,
        second,
        EnrollmentStep::Identity,
        &identity_of("1234567901"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);

    // Once the first is submitted it is open: anyone's new application for the provider is
    // refused with its tracking number and date only.
    submit(&server, &applicant, first, APPLICANT_PIN).await;
    let rival = server.signed_in(RIVAL).await;
    let rivals = create(&server, &rival).await.id;
    let body = refusal(
        save(
            &server,
            &rival,
            rivals,
            EnrollmentStep::Identity,
            &identity_of(NEW_NPI),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "R-OA-5",
    )
    .await;
    let said = &body.fields["provider_id"];
    assert!(
        said.contains("is already pending: tracking number ENR-"),
        "{said}"
    );
    assert!(!said.contains("Blue Ridge"), "{said}");
    // Written as people write dates, not 2026-12-03.
    assert!(!said.contains("-12-"), "{said}");

    // Withdrawn, it blocks nobody.
    server
        .post(&applicant, &format!("/api/enrollments/{first}/withdraw"))
        .await;
    let response = save(
        &server,
        &rival,
        rivals,
        EnrollmentStep::Identity,
        &identity_of(NEW_NPI),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_applicant_withdraws_and_a_withdrawn_application_stays_withdrawn() {
    let (server, applicant) = applicant().await;
    let id = ready_application(&server, &applicant, &organization()).await;
    submit(&server, &applicant, id, APPLICANT_PIN).await;
    let withdraw = || async {
        server
            .post(&applicant, &format!("/api/enrollments/{id}/withdraw"))
            .await
    };
    let view: EnrollmentView = json(withdraw().await).await;
    assert_eq!(view.status, RequestStatus::Withdrawn);
    refusal(withdraw().await, StatusCode::CONFLICT, "R-OA-6").await;
}

// Operations review (R-OA-6): the same queue and decisions as the OA Change Request; approval
// creates the record with its primary and backup OA (R-BOA-5), and every decision is told to the
// applicant and the named backup (R-OA-7, R-BOA-4).

const STAFF: &str = "opsreview1";

/// A fresh server with Dana Whitfield's application submitted, and operations staff signed in:
/// the server, the applicant, staff and the application's id.
async fn submitted_to_staff() -> (Server, Client, Client, i64) {
    let server = Server::start().await;
    let (applicant, id) = submitted_application(&server).await;
    let staff = server.signed_in(STAFF).await;
    (server, applicant, staff, id)
}

/// Dana Whitfield's application naming Glenn Hart backup, submitted.
async fn submitted_application(server: &Server) -> (Client, i64) {
    let applicant = server.signed_in(APPLICANT).await;
    let id = ready_application(server, &applicant, &organization()).await;
    let response = submit(server, &applicant, id, APPLICANT_PIN).await;
    assert_eq!(response.status(), StatusCode::OK);
    (applicant, id)
}

async fn decide(server: &Server, staff: &Client, id: i64, decision: &str, note: &str) -> Response {
    server
        .decide(staff, "enrollments", id, decision, note)
        .await
}

/// Who received a message whose subject starts with `subject`, by NCID.
async fn recipients(server: &Server, subject: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT u.ncid FROM messages m JOIN users u ON u.id = m.recipient_user_id \
         WHERE m.subject LIKE ? || '%' ORDER BY u.ncid",
    )
    .bind(subject)
    .fetch_all(&server.state.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn staff_see_submitted_applications_in_the_queue_and_start_the_review() {
    let server = Server::start().await;
    let (applicant, id) = submitted_application(&server).await;
    // A draft never reaches the queue.
    ready_application(
        &server,
        &applicant,
        &EnrollmentDraft {
            provider_id: "1003000126".into(),
            ..organization()
        },
    )
    .await;
    let staff = server.signed_in(STAFF).await;
    let queue: Vec<EnrollmentQueueItem> =
        server.get_json(&staff, "/api/operations/enrollments").await;
    assert_eq!(queue.len(), 1);
    let item = &queue[0];
    assert_eq!(item.id, id);
    assert!(item.subject.tracking_number.0.starts_with("ENR-"));
    assert_eq!(
        (
            item.subject.provider_id.as_str(),
            item.subject.provider_name.as_str(),
            item.applicant_ncid.as_str(),
            item.status
        ),
        (
            NEW_NPI,
            "Blue Ridge Therapy Group",
            APPLICANT,
            RequestStatus::Submitted
        )
    );
    let in_review: Vec<EnrollmentQueueItem> = server
        .get_json(&staff, "/api/operations/enrollments?status=in_review")
        .await;
    assert!(in_review.is_empty());
    let (status, _) = error_of(
        server
            .get(&staff, "/api/operations/enrollments?status=draft")
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Reading changes nothing; every answer is there.
    let review: EnrollmentReview = server
        .get_json(&staff, &format!("/api/operations/enrollments/{id}"))
        .await;
    assert_eq!(review.item.status, RequestStatus::Submitted);
    assert_eq!(review.draft, organization());
    assert_eq!(review.attachment, None);

    let start = || async {
        server
            .post(&staff, &format!("/api/operations/enrollments/{id}/review"))
            .await
    };
    let started: EnrollmentQueueItem = start().await.json().await.unwrap();
    assert_eq!(started.status, RequestStatus::InReview);
    let again: EnrollmentQueueItem = start().await.json().await.unwrap();
    assert_eq!(again.status, RequestStatus::InReview);
}

#[tokio::test]
async fn only_staff_review_and_decide_applications() {
    let server = Server::start().await;
    let (applicant, id) = submitted_application(&server).await;
    for client in [&applicant, &server.signed_in(BACKUP).await] {
        for path in [
            "/api/operations/enrollments".to_owned(),
            format!("/api/operations/enrollments/{id}"),
        ] {
            let (status, body) = error_of(server.get(client, &path).await).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
            assert_eq!(body.error, codes::FORBIDDEN);
        }
        let (status, _) = error_of(decide(&server, client, id, "approve", "").await).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let review = server
            .post(client, &format!("/api/operations/enrollments/{id}/review"))
            .await;
        assert_eq!(review.status(), StatusCode::FORBIDDEN);
    }
    let (status, _) = error_of(decide(&server, &client(), id, "approve", "").await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let records: i64 = sqlx::query_scalar("SELECT count(*) FROM records WHERE id = ?")
        .bind(NEW_NPI)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(records, 0);
}

#[tokio::test]
async fn approval_creates_the_record_with_its_primary_and_backup_oa() {
    let (server, applicant, staff, id) = submitted_to_staff().await;
    let decided: EnrollmentQueueItem = json(decide(&server, &staff, id, "approve", "").await).await;
    assert_eq!(decided.status, RequestStatus::Approved);

    let db = &server.state.db;
    let (name, kind, primary, backup, code): (String, String, String, String, String) =
        sqlx::query_as(
            "SELECT r.name, r.kind, p.ncid, b.ncid, r.authorization_code FROM records r \
             JOIN users p ON p.id = r.primary_oa_id JOIN users b ON b.id = r.backup_oa_id \
             WHERE r.id = ?",
        )
        .bind(NEW_NPI)
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(
        (
            name.as_str(),
            kind.as_str(),
            primary.as_str(),
            backup.as_str()
        ),
        (
            "Blue Ridge Therapy Group",
            "organization",
            APPLICANT,
            BACKUP
        )
    );
    assert_eq!(code.len(), 10);
    let listed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM managing_relationships WHERE record_id = ? AND active = 1",
    )
    .bind(NEW_NPI)
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(listed, 3);
    // Both OAs have an Active association with every role, and no one else has one.
    let associations: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT u.ncid, a.status, a.roles_label FROM associations a \
         JOIN users u ON u.id = a.user_id WHERE a.record_id = ? ORDER BY u.ncid",
    )
    .bind(NEW_NPI)
    .fetch_all(db)
    .await
    .unwrap();
    let every_role = "Prior Approvals, Claims, Eligibility, Referrals".to_owned();
    assert_eq!(
        associations,
        vec![
            (
                APPLICANT.to_owned(),
                "active".to_owned(),
                every_role.clone()
            ),
            (BACKUP.to_owned(), "active".to_owned(), every_role),
        ]
    );
    // R-BOA-4: the notice goes to the primary and the backup, and to no one else.
    assert_eq!(
        recipients(&server, "Enrollment approved").await,
        vec![APPLICANT.to_owned(), BACKUP.to_owned()]
    );
    let (decided_by, decided): (String, Option<i64>) = sqlx::query_as(
        "SELECT u.ncid, e.decided FROM enrollment_applications e \
         JOIN users u ON u.id = e.decided_by_user_id WHERE e.id = ?",
    )
    .bind(id)
    .fetch_one(db)
    .await
    .unwrap();
    assert_eq!(decided_by, STAFF);
    assert!(decided.is_some());

    // The backup sees the record and the notice; the applicant's view says approved.
    let backup = server.signed_in(BACKUP).await;
    let messages: MessagePage = server.get_json(&backup, "/api/messages").await;
    let notice = messages
        .messages
        .iter()
        .find(|message| message.subject.starts_with("Enrollment approved"))
        .expect("the approval notice");
    assert_eq!(
        (notice.record_id.as_str(), notice.record_name.as_str()),
        (NEW_NPI, "Blue Ridge Therapy Group")
    );
    // People by name and NCID.
    assert!(
        notice.body.contains(
            "Dana Whitfield (dwhit5) is its primary Office Administrator and Glenn Hart \
             (ghart7) its backup OA"
        ),
        "{}",
        notice.body
    );
    let view: EnrollmentView = server
        .get_json(&applicant, &format!("/api/enrollments/{id}"))
        .await;
    assert_eq!(view.status, RequestStatus::Approved);

    // R-OA-6: decided once.
    refusal(
        decide(&server, &staff, id, "deny", "Too late").await,
        StatusCode::CONFLICT,
        "R-OA-6",
    )
    .await;
    assert_eq!(
        recipients(&server, "Enrollment denied").await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn a_denial_needs_a_note_creates_nothing_and_is_told_to_both() {
    let (server, applicant, staff, id) = submitted_to_staff().await;
    refusal(
        decide(&server, &staff, id, "deny", "  ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "R-OA-6",
    )
    .await;

    let response = decide(
        &server,
        &staff,
        id,
        "deny",
        "The NPI belongs to someone else",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let records: i64 = sqlx::query_scalar("SELECT count(*) FROM records WHERE id = ?")
        .bind(NEW_NPI)
        .fetch_one(&server.state.db)
        .await
        .unwrap();
    assert_eq!(records, 0);
    assert_eq!(
        recipients(&server, "Enrollment denied").await,
        vec![APPLICANT.to_owned(), BACKUP.to_owned()]
    );
    // The Messages page shows it, about the provider the application names.
    let messages: MessagePage = server.get_json(&applicant, "/api/messages").await;
    let notice = &messages.messages[0];
    assert!(notice.subject.starts_with("Enrollment denied"));
    assert_eq!(
        (notice.record_id.as_str(), notice.record_name.as_str()),
        (NEW_NPI, "Blue Ridge Therapy Group")
    );
    assert!(notice.body.contains("The NPI belongs to someone else"));
    let view: EnrollmentView = server
        .get_json(&applicant, &format!("/api/enrollments/{id}"))
        .await;
    assert_eq!(view.status, RequestStatus::Denied);
    assert_eq!(
        view.decision_note.as_deref(),
        Some("The NPI belongs to someone else")
    );
    let (status, _) = error_of(decide(&server, &staff, id, "approve", "").await).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_returned_application_is_corrected_resubmitted_and_approved() {
    let (server, applicant, staff, id) = submitted_to_staff().await;
    let returned: EnrollmentQueueItem =
        json(decide(&server, &staff, id, "return", "Use the suite number").await).await;
    assert_eq!(returned.status, RequestStatus::Returned);
    assert_eq!(
        recipients(&server, "Enrollment returned").await,
        vec![APPLICANT.to_owned(), BACKUP.to_owned()]
    );
    // Waiting for its applicant: operations cannot decide it now.
    let (status, _) = error_of(decide(&server, &staff, id, "approve", "").await).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let mut corrected = organization();
    corrected.address.street = "12 Main St, Suite 4".into();
    let response = save(&server, &applicant, id, EnrollmentStep::Review, &corrected).await;
    assert_eq!(response.status(), StatusCode::OK);
    let resubmitted: EnrollmentView =
        json(submit(&server, &applicant, id, APPLICANT_PIN).await).await;
    assert_eq!(resubmitted.status, RequestStatus::Submitted);
    assert_eq!(
        resubmitted.tracking_number.as_ref(),
        Some(&returned.subject.tracking_number)
    );

    let review: EnrollmentReview = server
        .get_json(&staff, &format!("/api/operations/enrollments/{id}"))
        .await;
    assert_eq!(review.draft.address.street, "12 Main St, Suite 4");
    assert_eq!(
        review.decision_note.as_deref(),
        Some("Use the suite number")
    );
    let response = decide(&server, &staff, id, "approve", "").await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn approval_is_refused_when_the_provider_was_enrolled_meanwhile() {
    let server = Server::start().await;
    let (_, id) = submitted_application(&server).await;
    sqlx::query(
        "INSERT INTO records (id, id_kind, name, kind, programs, authorization_code) \
         VALUES (?, 'npi', 'Someone Else', 'organization', '[\"medicaid\"]', 'ABCDEFGHJK')",
    )
    .bind(NEW_NPI)
    .execute(&server.state.db)
    .await
    .unwrap();
    let staff = server.signed_in(STAFF).await;
    refusal(
        decide(&server, &staff, id, "approve", "").await,
        StatusCode::CONFLICT,
        "R-BOA-6",
    )
    .await;
    // Nothing changed: still undecided, nobody associated, nobody told.
    let review: EnrollmentReview = server
        .get_json(&staff, &format!("/api/operations/enrollments/{id}"))
        .await;
    assert_eq!(review.item.status, RequestStatus::Submitted);
    let associations: i64 =
        sqlx::query_scalar("SELECT count(*) FROM associations WHERE record_id = ?")
            .bind(NEW_NPI)
            .fetch_one(&server.state.db)
            .await
            .unwrap();
    assert_eq!(associations, 0);
    assert_eq!(
        recipients(&server, "Enrollment").await,
        Vec::<String>::new()
    );
}

/// Whether an NCID has an account is told at the backup field, so a user trying names to learn
/// who has one is limited: each NCID the application did not name before counts, saving the
/// one it names at every later step does not (issue 16).
#[tokio::test]
async fn one_user_looks_up_a_bounded_number_of_ncids() {
    let (server, client) = applicant().await;
    let id = create(&server, &client).await.id;
    for _ in 0..30 {
        let response = save_complete(&server, &client, id).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let mut unknown = 0;
    let refused = loop {
        let ncid = format!("nobody{unknown}");
        let draft = examples::organization(
            vec![
                examples::person("Dana Whitfield", Relationship::Owner, APPLICANT),
                examples::person("No One", Relationship::ManagingEmployee, &ncid),
            ],
            &ncid,
        );
        let response = save(&server, &client, id, EnrollmentStep::Review, &draft).await;
        if response.status() != StatusCode::UNPROCESSABLE_ENTITY {
            break response;
        }
        let (_, body) = error_of(response).await;
        assert!(body.fields.contains_key("backup"), "{body:?}");
        unknown += 1;
        assert!(unknown <= 100, "no limit on NCID look-ups");
    };
    // The first save named Glenn Hart: one look-up of the twenty.
    assert_eq!(unknown, 19);
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key(reqwest::header::RETRY_AFTER));
    let (_, body) = error_of(refused).await;
    assert_eq!(body.error, codes::TOO_MANY_REQUESTS);
    assert!(
        body.fields["backup"].starts_with("Too many NCIDs checked"),
        "{body:?}"
    );
    // The application still names Glenn Hart, and saving it again is no look-up.
    let view: EnrollmentView = server
        .get_json(&client, &format!("/api/enrollments/{id}"))
        .await;
    assert_eq!(view.draft.backup.as_deref(), Some(BACKUP));
    assert_eq!(
        save_complete(&server, &client, id).await.status(),
        StatusCode::OK
    );
}
