//! `/`: the records the signed-in user administers as primary or backup OA.

use crate::api::Answer;
use crate::components::{Alert, AlertKind, Loaded, PageHeading};
use crate::state::record_users::{oa_change_path, record_users_path};
use crate::state::several_records::SEVERAL_PATH;
use contract::record_users::RecordUserQuery;
use contract::records::{
    backup_availability, AdministeredRecord, HomeSummary, OaRole, OfficeAdministrator,
};
use contract::ProviderId;
use leptos::prelude::*;

#[component]
pub fn HomePage(
    /// Where the records come from: the server (`api::home::home`), or fixed answers.
    records: fn() -> Answer<HomeSummary>,
) -> impl IntoView {
    let records = LocalResource::new(records);

    view! {
        <PageHeading text="My provider records" />
        <p class="lead">
            "The provider records where you are the primary or backup Office Administrator (OA)."
        </p>
        <p>
            <a href=SEVERAL_PATH>"Assign one backup OA to several records"</a>
        </p>
        <Loaded
            resource=records
            loading="Loading your provider records"
            failed="Your provider records could not be loaded"
            keep_shown=true
            content=|summary: HomeSummary| {
                if summary.records.is_empty() {
                    empty_state().into_any()
                } else {
                    record_list(summary.records).into_any()
                }
            }
        />
    }
}

fn empty_state() -> impl IntoView {
    view! {
        <div class="empty-state">
            <h2 class="empty-state__title">"No provider records"</h2>
            <p>"You are not the primary or backup OA of any provider record."</p>
        </div>
    }
}

fn record_list(records: Vec<AdministeredRecord>) -> impl IntoView {
    view! {
        <ul class="record-list">
            <For each=move || records.clone() key=|record| record.id.clone() let:record>
                <li class="record-list__item">{record_card(record)}</li>
            </For>
        </ul>
    }
}

fn record_card(record: AdministeredRecord) -> impl IntoView {
    let heading_id = format!("record-{}", record.id);
    let labelled_by = heading_id.clone();
    let (id_label, id_value) = match ProviderId::parse(&record.id) {
        Ok(ProviderId::Npi(npi)) => ("NPI", npi),
        Ok(ProviderId::Atypical(id)) => ("Atypical ID", id),
        Err(_) => ("NPI/Atypical ID", record.id.clone()),
    };
    let programs = record
        .programs
        .iter()
        .map(|program| program.label())
        .collect::<Vec<_>>()
        .join(", ");
    // R-BOA-9, R-BOA-10: some records cannot have a backup OA at all; say why.
    let availability = backup_availability(record.kind, &record.programs);
    let backup = match (&record.backup_oa, &availability) {
        (Some(backup), _) => oa_text(backup),
        (None, Err(why)) => format!("Not available. {why}"),
        (None, Ok(())) => "None".to_owned(),
    };
    // R-USER-5: a record that could have a backup OA and has none is at risk; say so here.
    let no_backup =
        (record.backup_oa.is_none() && availability.is_ok()).then(|| no_backup_warning(&record.id));
    let primary = record
        .primary_oa
        .as_ref()
        .map_or_else(|| "None".to_owned(), oa_text);
    view! {
        <section class="record" aria-labelledby=labelled_by>
            <h2 class="record__name" id=heading_id>
                {record.name.clone()}
            </h2>
            {(!record.has_active_primary_oa)
                .then(|| no_active_primary_warning(&record.id, record.my_role))}
            {no_backup}
            <dl class="record__details">
                <div class="record__detail">
                    <dt>{id_label}</dt>
                    <dd>{id_value}</dd>
                </div>
                <div class="record__detail">
                    <dt>"Kind"</dt>
                    <dd>{record.kind.label()}</dd>
                </div>
                <div class="record__detail">
                    <dt>"Programs"</dt>
                    <dd>{programs}</dd>
                </div>
                <div class="record__detail">
                    <dt>"My role"</dt>
                    <dd>{record.my_role.label()}</dd>
                </div>
                <div class="record__detail">
                    <dt>"Primary OA"</dt>
                    <dd>{primary}</dd>
                </div>
                <div class="record__detail">
                    <dt>"Backup OA"</dt>
                    <dd>{backup}</dd>
                </div>
            </dl>
            {manage_users(&record)}
        </section>
    }
}

/// "Jordan Avery (javery1)", with "(end-dated September 30, 2026)" when end-dated.
fn oa_text(oa: &OfficeAdministrator) -> String {
    match oa.end_date {
        Some(end) => format!("{} ({}) (end-dated {})", oa.name, oa.ncid, end.long_form()),
        None => format!("{} ({})", oa.name, oa.ncid),
    }
}

/// R-BOA-8, R-USER-5: the backup OA is never promoted automatically; the record says so in
/// words, to its backup OA as "you", with the request that names a primary.
fn no_active_primary_warning(record_id: &str, my_role: OaRole) -> impl IntoView {
    let href = oa_change_path(record_id);
    let text = match my_role {
        OaRole::Backup => {
            "This record has no active primary OA. You are still its backup OA: you were not \
             made primary OA automatically. You can submit an OA Change Request that names a \
             new primary OA."
        }
        OaRole::Primary => {
            "This record has no active primary OA. The backup OA is not promoted \
             automatically; submit an OA Change Request to name a new primary OA."
        }
    };
    view! {
        <Alert kind=AlertKind::Warning heading="No active primary OA" heading_level=3>
            <p>{text}</p>
            <p>
                <a href=href>"Request an OA change to name a primary OA"</a>
            </p>
        </Alert>
    }
}

/// R-USER-5: without a backup OA nobody can act as OA when the primary cannot.
fn no_backup_warning(record_id: &str) -> impl IntoView {
    let href = oa_change_path(record_id);
    view! {
        <Alert kind=AlertKind::Warning heading="No backup OA" heading_level=3>
            <p>
                "This record has no backup OA, so nobody else can administer it when the \
                primary OA cannot."
            </p>
            <p>
                <a href=href>"Name a backup OA"</a>
            </p>
        </Alert>
    }
}

/// R-USER-1: the record's active primary OA and its backup OA administer its users; an
/// end-dated primary no longer does (R-BOA-8).
fn manage_users(record: &AdministeredRecord) -> Option<impl IntoView> {
    let administers = record.my_role == OaRole::Backup || record.has_active_primary_oa;
    administers.then(|| {
        let href = record_users_path(&record.id, &RecordUserQuery::default());
        view! {
            <p class="record__actions">
                <a class="button button--outline" href=href>
                    "Manage users"
                    <span class="visually-hidden">{format!(" of {}", record.name)}</span>
                </a>
            </p>
        }
    })
}
