//! Initial enrollment applications (R-BOA-5, with R-BOA-2, R-BOA-9, R-BOA-10, R-OA-3, R-AUTH-4)
//! over real HTTP against a real SQLite file seeded with the demo data. Dana Whitfield (dwhit5)
//! applies for a new organization and names Glenn Hart (ghart7) backup OA; Morgan Reyes
//! (mreyes3) is listed with adverse findings.

mod common;

use common::{client, error_of, mutate, Server};
use contract::enrollment::{
    EnrollmentDraft, EnrollmentRole, EnrollmentStep, EnrollmentView, ListedPerson, SaveEnrollment,
    ServiceAddress,
};
use contract::error::codes;
use contract::oa_change::{ExclusionAnswers, RequestStatus};
use contract::records::{Program, RecordKind, Relationship};
use reqwest::{Client, Response, StatusCode};
use serde_json::json;

const APPLICANT: &str = "dwhit5";
const APPLICANT_PIN: &str = "1118";
const BACKUP: &str = "ghart7";
const BACKUP_PIN: &str = "1658";
const NEW_NPI: &str = "1234567893";

fn person(name: &str, relationship: Relationship, ncid: Option<&str>) -> ListedPerson {
    ListedPerson {
        name: name.into(),
        relationship,
        ncid: ncid.map(Into::into),
        adverse_findings: Some(false),
    }
}

/// A complete organization application naming Glenn Hart backup OA.
fn organization() -> EnrollmentDraft {
    EnrollmentDraft {
        provider_type: Some(RecordKind::Organization),
        name: "Blue Ridge Therapy Group".into(),
        provider_id: NEW_NPI.into(),
        address: ServiceAddress {
            street: "12 Main St".into(),
            city: "Asheville".into(),
            state: "NC".into(),
            zip: "28801".into(),
        },
        programs: vec![Program::Medicaid],
        people: vec![
            person("Dana Whitfield", Relationship::Owner, Some(APPLICANT)),
            person("Glenn Hart", Relationship::ManagingEmployee, Some(BACKUP)),
            ListedPerson {
                adverse_findings: Some(true),
                ..person("Morgan Reyes", Relationship::Owner, Some("mreyes3"))
            },
        ],
        backup: Some(BACKUP.into()),
        exclusion: ExclusionAnswers {
            excluded: Some(false),
            sanctioned: Some(false),
            convicted: Some(false),
            explanation: None,
        },
    }
}

async fn create(server: &Server, client: &Client) -> EnrollmentView {
    let response = mutate(client.post(server.url("/api/enrollments")))
        .send()
        .await
        .unwrap();
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
    mutate(client.put(server.url(&format!("/api/enrollments/{id}"))))
        .json(&SaveEnrollment {
            step,
            draft: draft.clone(),
        })
        .send()
        .await
        .unwrap()
}

async fn submit(server: &Server, client: &Client, id: i64, pin: &str) -> Response {
    mutate(client.post(server.url(&format!("/api/enrollments/{id}/submit"))))
        .json(&json!({ "attestation": true, "pin": pin }))
        .send()
        .await
        .unwrap()
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
    let server = Server::start().await;
    let applicant = client();
    server.sign_in(&applicant, APPLICANT).await;
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
        .get(&applicant, &format!("/api/enrollments/{}", created.id))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(resumed.step, Some(EnrollmentStep::ProviderType));
    assert_eq!(resumed.draft.provider_type, Some(RecordKind::Organization));

    let id = created.id;
    let response = save(
        &server,
        &applicant,
        id,
        EnrollmentStep::Review,
        &organization(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = submit(&server, &applicant, id, APPLICANT_PIN).await;
    assert_eq!(response.status(), StatusCode::OK);
    let submitted: EnrollmentView = response.json().await.unwrap();
    assert_eq!(submitted.status, RequestStatus::Submitted);
    let tracking = submitted.tracking_number.expect("a tracking number");
    assert!(tracking.0.starts_with("ENR-"), "{tracking}");
    assert!(tracking.0.ends_with(&format!("{id:06}")), "{tracking}");

    // Submitted, it is no longer the applicant's to change.
    let (status, body) = error_of(
        save(
            &server,
            &applicant,
            id,
            EnrollmentStep::Review,
            &organization(),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body.rule.as_deref(), Some("R-OA-6"));
}

#[tokio::test]
async fn the_named_backup_reads_but_cannot_change_or_sign() {
    // R-BOA-5
    let server = Server::start().await;
    let applicant = client();
    server.sign_in(&applicant, APPLICANT).await;
    let id = ready_application(&server, &applicant, &organization()).await;

    let backup = client();
    server.sign_in(&backup, BACKUP).await;
    let listed: Vec<EnrollmentView> = server
        .get(&backup, "/api/enrollments")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, id);
    assert_eq!(listed[0].role, EnrollmentRole::NamedBackup);
    assert_eq!(listed[0].applicant_ncid, APPLICANT);

    let (status, body) = error_of(submit(&server, &backup, id, BACKUP_PIN).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body.rule.as_deref(), Some("R-BOA-5"));
    let (status, body) = error_of(
        save(
            &server,
            &backup,
            id,
            EnrollmentStep::Review,
            &organization(),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body.rule.as_deref(), Some("R-BOA-5"));
    let withdraw = mutate(backup.post(server.url(&format!("/api/enrollments/{id}/withdraw"))))
        .send()
        .await
        .unwrap();
    assert_eq!(withdraw.status(), StatusCode::FORBIDDEN);

    // Anyone else: as if it did not exist.
    let stranger = client();
    server.sign_in(&stranger, "kpatel4").await;
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
        .get(&applicant, &format!("/api/enrollments/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view.status, RequestStatus::Draft);
    assert_eq!(view.draft, organization());
}

#[tokio::test]
async fn backup_eligibility_is_checked_inside_the_application() {
    // R-BOA-2: Morgan Reyes is listed with adverse findings; the applicant is the primary.
    let server = Server::start().await;
    let applicant = client();
    server.sign_in(&applicant, APPLICANT).await;
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
        assert_eq!(body.rule.as_deref(), Some(rule), "{backup}");
        assert!(body.fields.contains_key("backup"), "{backup}");
    }

    // Listed with a well-formed NCID that no account has.
    let mut draft = organization();
    draft.people[1].ncid = Some("nobody77".into());
    draft.backup = Some("nobody77".into());
    let (status, body) =
        error_of(save(&server, &applicant, id, EnrollmentStep::Backup, &draft).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body.rule.as_deref(), Some("R-BOA-2"));
}

#[tokio::test]
async fn billing_agents_and_dmhddsus_only_applications_name_no_backup() {
    // R-BOA-9, R-BOA-10
    let server = Server::start().await;
    let applicant = client();
    server.sign_in(&applicant, APPLICANT).await;
    let id = create(&server, &applicant).await.id;

    let billing_agent = EnrollmentDraft {
        provider_type: Some(RecordKind::BillingAgent),
        people: Vec::new(),
        ..organization()
    };
    let (status, body) = error_of(
        save(
            &server,
            &applicant,
            id,
            EnrollmentStep::Backup,
            &billing_agent,
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The people step comes first: listing nobody, the backup names nobody listed.
    assert_eq!(body.rule.as_deref(), Some("R-BOA-9"));
    let with_people = EnrollmentDraft {
        provider_type: Some(RecordKind::BillingAgent),
        ..organization()
    };
    let (status, body) = error_of(
        save(
            &server,
            &applicant,
            id,
            EnrollmentStep::People,
            &with_people,
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body.rule.as_deref(), Some("R-BOA-9"));

    let dmhddsus_only = EnrollmentDraft {
        programs: vec![Program::Dmhddsus],
        ..organization()
    };
    let (status, body) = error_of(
        save(
            &server,
            &applicant,
            id,
            EnrollmentStep::Backup,
            &dmhddsus_only,
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body.rule.as_deref(), Some("R-BOA-10"));

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
    let server = Server::start().await;
    let applicant = client();
    server.sign_in(&applicant, APPLICANT).await;
    let id = create(&server, &applicant).await.id;
    let (status, body) = error_of(submit(&server, &applicant, id, APPLICANT_PIN).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.fields.contains_key("provider_type"));

    save(
        &server,
        &applicant,
        id,
        EnrollmentStep::Review,
        &organization(),
    )
    .await;
    let (status, body) = error_of(submit(&server, &applicant, id, "0000").await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body.error, codes::INVALID_PIN);
    assert_eq!(body.rule.as_deref(), Some("R-AUTH-4"));
    let view: EnrollmentView = server
        .get(&applicant, &format!("/api/enrollments/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view.status, RequestStatus::Draft);
}

#[tokio::test]
async fn an_enrolled_provider_or_an_open_application_refuses_another() {
    let server = Server::start().await;
    let applicant = client();
    server.sign_in(&applicant, APPLICANT).await;

    // Avery Family Practice, PLLC is enrolled already: its OAs change by OA Change Request.
    let enrolled = EnrollmentDraft {
        provider_id: "2044707588".into(),
        ..organization()
    };
    let id = ready_application(&server, &applicant, &enrolled).await;
    let (status, body) = error_of(submit(&server, &applicant, id, APPLICANT_PIN).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body.rule.as_deref(), Some("R-BOA-6"));

    let first = ready_application(&server, &applicant, &organization()).await;
    assert_eq!(
        submit(&server, &applicant, first, APPLICANT_PIN)
            .await
            .status(),
        StatusCode::OK
    );
    let second = ready_application(&server, &applicant, &organization()).await;
    let (status, body) = error_of(submit(&server, &applicant, second, APPLICANT_PIN).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body.rule.as_deref(), Some("R-OA-5"));
    assert!(body.message.contains("ENR-"), "{}", body.message);
}

#[tokio::test]
async fn the_applicant_withdraws_and_a_withdrawn_application_stays_withdrawn() {
    let server = Server::start().await;
    let applicant = client();
    server.sign_in(&applicant, APPLICANT).await;
    let id = ready_application(&server, &applicant, &organization()).await;
    submit(&server, &applicant, id, APPLICANT_PIN).await;
    let withdraw = || async {
        mutate(applicant.post(server.url(&format!("/api/enrollments/{id}/withdraw"))))
            .send()
            .await
            .unwrap()
    };
    let response = withdraw().await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: EnrollmentView = response.json().await.unwrap();
    assert_eq!(view.status, RequestStatus::Withdrawn);
    let (status, body) = error_of(withdraw().await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body.rule.as_deref(), Some("R-OA-6"));
}
