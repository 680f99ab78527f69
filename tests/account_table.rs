//! My Account Management in a real browser (R-ACCT-1..3): the table's columns, the labelled row
//! checkboxes, locked rows, the header checkbox's three states, the selection across pages, and
//! Remove Selected Accounts, with the server's answers supplied by the test.

use crate::support::{focused_id, settle, Mounted, Received, Reply};
use contract::accounts::{
    AccountPage, AccountQuery, AccountRow, AccountSelection, AssociationStatus, RemovalLock,
    RemovalOutcome, RemovalReport, RemovalResult, SelectionPreview, SortColumn,
};
use contract::records::OaRole;
use contract::table::{InvalidQuery, TableFilter};
use contract::Rule;
use leptos::prelude::*;
use provider_portal::api::accounts::AccountsApi;
use provider_portal::api::{Answer, ApiError};
use provider_portal::pages::AccountManagement;
use provider_portal::state::selection::Selection;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

const HEADINGS: [&str; 6] = [
    "Provider record",
    "Office Administrator NCID",
    "Office Administrator Name",
    "My Roles",
    "NPI/Atypical ID",
    "Status",
];

fn row(id: i64, oa_ncid: &str, oa_name: &str, provider_id: &str) -> AccountRow {
    AccountRow {
        id,
        oa_ncid: oa_ncid.into(),
        oa_name: oa_name.into(),
        oa_end_date: None,
        roles: vec!["Claims".into(), "Eligibility".into()],
        provider_id: provider_id.into(),
        record_name: format!("Record {id}"),
        status: AssociationStatus::Active,
        lock: None,
    }
}

fn locked_row() -> AccountRow {
    AccountRow {
        record_name: "Sandhills Family Medicine".into(),
        lock: Some(RemovalLock::for_role(OaRole::Backup)),
        ..row(3, "providertraining1", "Taylor Brooks", "1548250381")
    }
}

/// Page 1 of 5: two removable rows and a locked one; 42 of the 43 matching can be removed.
fn first_page() -> AccountPage {
    AccountPage {
        rows: vec![
            row(1, "tstclaims3", "Riley Morgan", "2336930211"),
            row(2, "clin2", "Casey Lin", "ATY00417"),
            locked_row(),
        ],
        page: 1,
        page_size: 10,
        total_matching: 43,
        removable_matching: 42,
    }
}

/// The server's answers, chosen by each test; the requests it received, for the asserts.
#[derive(Clone)]
struct ScriptedServer {
    page: Reply<Result<AccountPage, ApiError>>,
    preview: Reply<Result<SelectionPreview, ApiError>>,
    removal: Reply<Result<RemovalReport, ApiError>>,
    queries: Received<AccountQuery>,
    removals: Received<AccountSelection>,
}

impl ScriptedServer {
    fn answering(page: AccountPage) -> Self {
        Self {
            page: Reply::new(Ok(page)),
            preview: Reply::new(Err(ApiError::Server)),
            removal: Reply::new(Err(ApiError::Server)),
            queries: Received::default(),
            removals: Received::default(),
        }
    }
}

impl AccountsApi for ScriptedServer {
    fn accounts(&self, query: AccountQuery) -> Answer<AccountPage> {
        self.queries.record(query);
        self.page.answer()
    }

    fn preview_selection(&self, _selection: AccountSelection) -> Answer<SelectionPreview> {
        self.preview.answer()
    }

    fn remove_accounts(&self, selection: AccountSelection) -> Answer<RemovalReport> {
        self.removals.record(selection);
        self.removal.answer()
    }
}

/// What the app around the page holds: the URL's view of the table, which `on_navigate`
/// writes as the app's router would, and the selection it keeps across pages.
#[derive(Clone, Copy)]
struct Outside {
    query: RwSignal<Result<AccountQuery, InvalidQuery>>,
    selection: RwSignal<Selection>,
}

type Page = Mounted<Outside>;

impl Page {
    async fn mount(server: ScriptedServer) -> Self {
        Self::mount_at(server, Ok(AccountQuery::default())).await
    }

    async fn mount_at(server: ScriptedServer, url: Result<AccountQuery, InvalidQuery>) -> Self {
        let outside = Outside {
            query: RwSignal::new(url),
            selection: RwSignal::new(Selection::default()),
        };
        Self::with(outside, move |Outside { query, selection }| {
            view! {
                <AccountManagement
                    api=Rc::new(server)
                    query
                    on_navigate=Callback::new(move |to| query.set(Ok(to)))
                    selection
                />
            }
        })
        .await
    }

    /// The outcome of a removal, an alert.
    fn notice(&self) -> String {
        let notice = self.find("#account-notice").expect("the outcome");
        assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
        notice.text_content().unwrap_or_default()
    }

    fn label_of(&self, id: &str) -> String {
        self.text_of(&format!("label[for='{id}']"))
    }

    fn selected_text(&self) -> String {
        self.text_of(".selection-bar__count")
    }

    fn dialog(&self) -> Option<HtmlElement> {
        self.find("[role=dialog]")
    }
}

#[wasm_bindgen_test]
async fn the_table_has_a_caption_and_exactly_the_six_columns() {
    let page = Page::mount(ScriptedServer::answering(first_page())).await;
    assert_eq!(page.text_of("h1"), "My Account Management");
    assert!(page.text_of("caption").starts_with("My accounts"));
    let headers: Vec<String> = page
        .all("thead th")
        .iter()
        .skip(1)
        .map(|th| th.text_content().unwrap_or_default())
        .collect();
    assert_eq!(headers, HEADINGS);
    assert!(page
        .all("thead th")
        .iter()
        .all(|th| th.get_attribute("scope").as_deref() == Some("col")));
    let sorted: Vec<String> = page
        .all("th[aria-sort]")
        .iter()
        .map(|th| {
            format!(
                "{}={}",
                th.text_content().unwrap(),
                th.get_attribute("aria-sort").unwrap()
            )
        })
        .collect();
    assert_eq!(sorted, ["Office Administrator NCID=ascending"]);
    assert_eq!(page.label_of("select-page"), "Select all rows on this page");
    assert!(page.find("thead th:first-child #select-page").is_some());
    let region = page
        .find("[role=region][tabindex='0']")
        .expect("a scrollable region");
    assert_eq!(
        region.get_attribute("aria-labelledby").as_deref(),
        Some("account-table-caption")
    );
}

#[wasm_bindgen_test]
async fn every_row_shows_its_association_and_a_labelled_checkbox() {
    let page = Page::mount(ScriptedServer::answering(first_page())).await;
    assert_eq!(page.all("tbody tr").len(), 3);
    assert_eq!(
        page.label_of("select-1"),
        "Select tstclaims3 – NPI 2336930211"
    );
    assert_eq!(
        page.label_of("select-2"),
        "Select clin2 – Atypical ID ATY00417"
    );
    assert_eq!(
        page.label_of("select-3"),
        "Select providertraining1 – NPI 1548250381"
    );
    let cells: Vec<String> = page
        .all("tbody tr:first-child td")
        .iter()
        .skip(1)
        .map(|td| td.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        cells,
        [
            "Record 1",
            "tstclaims3",
            "Riley Morgan",
            "Claims, Eligibility",
            "2336930211",
            "Active"
        ]
    );
    assert_eq!(
        page.text_of(".account-toolbar__showing"),
        "Showing 1–3 of 43"
    );
    // Each cell says its column, which the narrow layout shows when the rows stack as cards.
    let labels: Vec<String> = page
        .all("tbody tr:first-child td")
        .iter()
        .skip(1)
        .map(|td| td.get_attribute("data-label").unwrap_or_default())
        .collect();
    assert_eq!(labels, HEADINGS);
    assert_eq!(
        page.find("tbody tr:first-child td")
            .unwrap()
            .get_attribute("data-label"),
        None,
        "the checkbox has its own label"
    );
}

#[wasm_bindgen_test]
async fn a_locked_row_cannot_be_ticked_and_says_why_with_a_link_to_an_oa_change() {
    let page = Page::mount(ScriptedServer::answering(first_page())).await;
    let locked = page.input("select-3");
    assert!(locked.disabled());
    let note_id = locked
        .get_attribute("aria-describedby")
        .expect("the reason describes the checkbox");
    let note = page.text_of(&format!("#{note_id}"));
    assert!(
        note.contains("You are the backup OA of this record, so you cannot remove it."),
        "{note}"
    );
    let link = page
        .find(&format!("#{note_id} a"))
        .expect("a link to the OA change");
    assert_eq!(
        link.text_content().as_deref(),
        Some("Request an OA change for Sandhills Family Medicine")
    );
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/oa-change?record=1548250381")
    );
    let removable = page.input("select-1");
    assert!(!removable.disabled());
    // Its note is there for a refusal to come, and says nothing yet.
    let note_id = removable.get_attribute("aria-describedby").unwrap();
    assert_eq!(page.text_of(&format!("#{note_id}")), "");
}

#[wasm_bindgen_test]
async fn the_header_checkbox_is_unchecked_then_mixed_then_checked_for_this_page() {
    let page = Page::mount(ScriptedServer::answering(first_page())).await;
    let header = page.input("select-page");
    assert!(!header.checked() && !header.indeterminate());
    assert_eq!(
        header.get_attribute("aria-checked").as_deref(),
        Some("false")
    );
    assert_eq!(page.selected_text(), "0 selected");

    page.click("#select-1").await;
    assert!(header.indeterminate(), "one of two removable rows: mixed");
    assert_eq!(
        header.get_attribute("aria-checked").as_deref(),
        Some("mixed")
    );
    assert_eq!(page.selected_text(), "1 selected");

    page.click("#select-2").await;
    assert!(header.checked() && !header.indeterminate());
    assert_eq!(
        header.get_attribute("aria-checked").as_deref(),
        Some("true")
    );
    assert_eq!(page.selected_text(), "2 selected");

    page.click("#select-page").await;
    assert!(!header.checked() && !header.indeterminate());
    assert!(!page.input("select-1").checked());
    assert_eq!(page.selected_text(), "0 selected");

    // From unchecked, the header ticks every removable row of the page, never the locked one.
    page.click("#select-page").await;
    assert!(header.checked());
    assert!(page.input("select-1").checked() && page.input("select-2").checked());
    assert!(!page.input("select-3").checked());
    assert_eq!(page.selected_text(), "2 selected");
}

#[wasm_bindgen_test]
async fn the_count_is_in_a_polite_live_region() {
    let page = Page::mount(ScriptedServer::answering(first_page())).await;
    let count = page.find(".selection-bar__count").unwrap();
    assert_eq!(count.get_attribute("aria-live").as_deref(), Some("polite"));
}

#[wasm_bindgen_test]
async fn a_page_of_locked_rows_disables_the_header_checkbox() {
    let server = ScriptedServer::answering(AccountPage {
        rows: vec![locked_row()],
        total_matching: 1,
        removable_matching: 0,
        ..first_page()
    });
    let page = Page::mount(server).await;
    assert!(page.input("select-page").disabled());
    assert!(page
        .text_of(".selection-bar")
        .contains("0 of 1 matching can be removed"));
    assert!(!page.text_of(".selection-bar").contains("Select all"));
}

#[wasm_bindgen_test]
async fn select_all_matching_is_a_filter_and_an_unticked_row_an_exception() {
    let page = Page::mount(ScriptedServer::answering(first_page())).await;
    assert!(page
        .text_of(".selection-bar")
        .contains("42 of 43 matching can be removed"));
    page.press("Select all 42 matching").await;
    assert_eq!(page.selected_text(), "42 selected");
    assert!(page.input("select-page").checked());

    page.click("#select-2").await;
    assert_eq!(page.selected_text(), "41 selected");
    assert!(page.input("select-page").indeterminate());
    assert_eq!(
        page.outside.selection.with_untracked(Selection::to_wire),
        AccountSelection::Matching {
            filter: TableFilter::default(),
            except: BTreeSet::from([2]),
            also: BTreeSet::new(),
        }
    );

    page.press("Clear selection").await;
    assert_eq!(page.selected_text(), "0 selected");
}

#[wasm_bindgen_test]
async fn the_selection_holds_when_the_page_changes() {
    let server = ScriptedServer::answering(first_page());
    let page = Page::mount(server.clone()).await;
    page.click("#select-1").await;

    *server.page.borrow_mut() = Ok(AccountPage {
        rows: vec![row(11, "javery1", "Jordan Avery", "1234567893")],
        page: 2,
        ..first_page()
    });
    let next = page
        .find("nav[aria-label=Pagination] a[aria-label='Page 2']")
        .unwrap();
    next.click();
    settle().await;
    assert_eq!(page.outside.query.get_untracked().unwrap().page, 2);
    assert_eq!(server.queries.borrow().last().unwrap().page, 2);
    assert!(page.input("select-11").get_attribute("id").is_some());
    assert!(!page.input("select-page").checked());
    assert_eq!(page.selected_text(), "1 selected", "page 1's tick is kept");
}

#[wasm_bindgen_test]
async fn pagination_marks_the_current_page() {
    let page = Page::mount(ScriptedServer::answering(first_page())).await;
    let nav = page
        .find("nav[aria-label=Pagination]")
        .expect("the pagination");
    let pages: Vec<String> = page
        .all("nav[aria-label=Pagination] a[aria-label^='Page']")
        .iter()
        .map(|link| link.get_attribute("aria-label").unwrap())
        .collect();
    assert_eq!(pages, ["Page 1", "Page 2", "Page 3", "Page 4", "Page 5"]);
    let current = page.all("nav[aria-label=Pagination] [aria-current=page]");
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].text_content().as_deref(), Some("1"));
    let text = nav.text_content().unwrap();
    assert!(
        text.contains("Next page") && !text.contains("Previous"),
        "{text}"
    );
    assert_eq!(
        page.find("nav[aria-label=Pagination] a[aria-label='Page 3']")
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/account?page=3")
    );
}

#[wasm_bindgen_test]
async fn a_header_button_sorts_and_marks_its_column() {
    let server = ScriptedServer::answering(first_page());
    let page = Page::mount(server.clone()).await;
    page.press("Status").await;
    let query = page.outside.query.get_untracked().unwrap();
    assert_eq!(query.sort, SortColumn::Status);
    assert_eq!(
        server.queries.borrow().last().unwrap().sort,
        SortColumn::Status
    );
    let status = page.find("th[aria-sort]").unwrap();
    assert_eq!(status.text_content().as_deref(), Some("Status"));
    assert_eq!(
        status.get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    page.press("Status").await;
    assert_eq!(
        page.find("th[aria-sort]")
            .unwrap()
            .get_attribute("aria-sort")
            .as_deref(),
        Some("descending")
    );
}

#[wasm_bindgen_test]
async fn the_filter_asks_for_page_one_of_the_matching_rows() {
    let page = Page::mount_at(
        ScriptedServer::answering(first_page()),
        Ok(AccountQuery {
            page: 3,
            ..AccountQuery::default()
        }),
    )
    .await;
    let input: HtmlInputElement = page.find("#account-filter").unwrap().unchecked_into();
    input.set_value("  riley ");
    page.find("#account-status")
        .unwrap()
        .unchecked_into::<web_sys::HtmlSelectElement>()
        .set_value("inactive");
    page.press("Apply filter").await;
    let query = page.outside.query.get_untracked().unwrap();
    assert_eq!(query.page, 1);
    assert_eq!(
        query.filter,
        TableFilter {
            text: "riley".into(),
            status: Some(AssociationStatus::Inactive),
        }
    );
    assert_eq!(
        page.label_of("account-filter"),
        "Filter by NCID, name or NPI"
    );
    assert_eq!(page.label_of("account-status"), "Status");
}

#[wasm_bindgen_test]
async fn no_rows_for_the_filter_offers_to_clear_it() {
    let server = ScriptedServer::answering(AccountPage {
        rows: vec![],
        total_matching: 0,
        removable_matching: 0,
        ..first_page()
    });
    let filtered = AccountQuery {
        filter: TableFilter {
            text: "nobody".into(),
            status: None,
        },
        ..AccountQuery::default()
    };
    let page = Page::mount_at(server, Ok(filtered)).await;
    assert!(page.all("tbody input[type=checkbox]").is_empty());
    assert!(page.input("select-page").disabled());
    let empty = page.text_of("tbody td[colspan='7']");
    assert!(empty.contains("No accounts match the filter"), "{empty}");
    page.press("Clear filter").await;
    assert_eq!(
        page.outside.query.get_untracked().unwrap().filter,
        TableFilter::default()
    );
}

#[wasm_bindgen_test]
async fn a_page_past_the_last_one_links_to_the_last_page() {
    let server = ScriptedServer::answering(AccountPage {
        rows: vec![],
        page: 6,
        ..first_page()
    });
    let at_page_six = AccountQuery {
        page: 6,
        ..AccountQuery::default()
    };
    let page = Page::mount_at(server, Ok(at_page_six)).await;
    let link = page
        .find("tbody td[colspan='7'] a")
        .expect("a link to the last page");
    assert_eq!(
        link.text_content().as_deref(),
        Some("Go to page 5, the last page")
    );
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/account?page=5")
    );
    link.click();
    settle().await;
    assert_eq!(page.outside.query.get_untracked().unwrap().page, 5);
}

#[wasm_bindgen_test]
async fn a_user_without_associations_is_told_so() {
    let server = ScriptedServer::answering(AccountPage {
        rows: vec![],
        total_matching: 0,
        removable_matching: 0,
        ..first_page()
    });
    let page = Page::mount(server).await;
    let empty = page.text_of(".empty-state");
    assert!(
        empty.contains("You are not associated with any provider record"),
        "{empty}"
    );
    assert!(page.find(".selection-bar").is_none());
    assert!(page.find("table").is_none());
}

#[wasm_bindgen_test]
async fn a_wrong_value_in_the_url_is_explained_with_a_way_back() {
    let problem = AccountQuery::from_pairs([("size", "20")]).unwrap_err();
    let page = Page::mount_at(ScriptedServer::answering(first_page()), Err(problem)).await;
    let alert = page.text_of(".alert");
    assert!(alert.contains("This page address is not valid"), "{alert}");
    assert!(
        alert.contains("Rows per page must be 10, 25, 50 or 100."),
        "{alert}"
    );
    let reset = page.find(".alert a").unwrap();
    assert_eq!(reset.text_content().as_deref(), Some("Reset the table"));
    reset.click();
    settle().await;
    assert_eq!(
        page.outside.query.get_untracked(),
        Ok(AccountQuery::default())
    );
    assert!(page.find("table").is_some());
}

#[wasm_bindgen_test]
async fn a_failed_load_offers_retry_and_keeps_the_selection() {
    let server = ScriptedServer::answering(first_page());
    let page = Page::mount(server.clone()).await;
    page.click("#select-1").await;
    *server.page.borrow_mut() = Err(ApiError::Network);
    page.press("Status").await;
    let alert = page.text_of(".load-error");
    assert!(
        alert.contains("Your accounts could not be loaded"),
        "{alert}"
    );
    assert!(alert.contains("Check your connection"), "{alert}");
    assert_eq!(page.selected_text(), "1 selected");

    *server.page.borrow_mut() = Ok(first_page());
    page.press("Retry").await;
    assert!(page.input("select-1").checked());
}

#[wasm_bindgen_test]
async fn remove_with_nothing_selected_says_what_to_do() {
    let page = Page::mount(ScriptedServer::answering(first_page())).await;
    page.press("Remove Selected Accounts").await;
    assert!(page.dialog().is_none());
    assert!(page
        .text_of("[role=alert]")
        .contains("Select at least one account to remove."));
}

fn preview_of(rows: Vec<AccountRow>, total: u64) -> SelectionPreview {
    SelectionPreview {
        rows,
        total,
        locked: vec![],
    }
}

/// The first page's first two rows are what the selection stands for; the removal takes the
/// first and answers `second` for the other.
fn removing_the_first_two(second: RemovalOutcome) -> ScriptedServer {
    let server = ScriptedServer::answering(first_page());
    *server.preview.borrow_mut() = Ok(preview_of(
        vec![
            row(1, "tstclaims3", "Riley Morgan", "2336930211"),
            row(2, "clin2", "Casey Lin", "ATY00417"),
        ],
        2,
    ));
    *server.removal.borrow_mut() = Ok(RemovalReport {
        results: [(1, RemovalOutcome::Removed), (2, second)]
            .map(|(id, outcome)| RemovalResult { id, outcome })
            .into(),
    });
    server
}

#[wasm_bindgen_test]
async fn the_confirmation_lists_the_selection_and_one_request_removes_it() {
    let server = removing_the_first_two(RemovalOutcome::AlreadyGone);
    let page = Page::mount(server.clone()).await;
    page.click("#select-page").await;
    page.button("Remove Selected Accounts").focus().unwrap();
    page.press("Remove Selected Accounts").await;

    let dialog = page.dialog().expect("the confirmation");
    assert_eq!(page_title_of(&dialog), "Remove 2 accounts?");
    // A destructive dialog opens on its heading, not on "Yes, remove".
    assert_eq!(focused_id().as_deref(), Some("remove-dialog-title"));
    let items = page.texts("[role=dialog] .removal-list__rows li");
    assert_eq!(
        items,
        [
            "Record 1 (NPI 2336930211) – OA: tstclaims3 – Riley Morgan",
            "Record 2 (Atypical ID ATY00417) – OA: clin2 – Casey Lin"
        ]
    );
    let loads_before = server.queries.borrow().len();

    // Two presses: the second finds the removal under way and sends nothing.
    let yes = page.button("Yes, remove 2 accounts");
    yes.click();
    yes.click();
    settle().await;
    assert_eq!(server.removals.borrow().len(), 1);
    assert_eq!(
        server.removals.borrow()[0],
        AccountSelection::Ids {
            ids: BTreeSet::from([1, 2])
        }
    );
    assert!(page.dialog().is_none());
    let notice = page.notice();
    assert!(notice.contains("2 accounts removed"), "{notice}");
    assert!(
        notice.contains(
            "You no longer have access to Record 1 (NPI 2336930211) and Record 2 (Atypical ID \
             ATY00417)."
        ),
        "{notice}"
    );
    assert_eq!(focused_id().as_deref(), Some("account-notice"));
    assert_eq!(page.selected_text(), "0 selected");
    assert!(
        server.queries.borrow().len() > loads_before,
        "the page is loaded again"
    );
}

#[wasm_bindgen_test]
async fn past_fifty_rows_the_confirmation_says_how_many_more() {
    let server = ScriptedServer::answering(first_page());
    let rows = (100..150)
        .map(|id| row(id, "oa", "Name", "2336930211"))
        .collect();
    *server.preview.borrow_mut() = Ok(SelectionPreview {
        locked: vec![locked_row()],
        ..preview_of(rows, 52)
    });
    let page = Page::mount(server).await;
    page.press("Select all 42 matching").await;
    page.press("Remove Selected Accounts").await;
    let dialog = page.dialog().unwrap();
    assert_eq!(page_title_of(&dialog), "Remove 52 accounts?");
    assert_eq!(page.texts("[role=dialog] .removal-list__rows li").len(), 50);
    let text = dialog.text_content().unwrap();
    assert!(text.contains("and 2 more"), "{text}");
    assert!(text.contains("1 account cannot be removed"), "{text}");
    assert!(
        text.contains("You are the backup OA of this record"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn a_refused_row_stays_selected_with_the_servers_reason() {
    let server = removing_the_first_two(RemovalOutcome::Refused {
        rule: Rule::Acct3,
        reason: "You became the primary OA of this record.".into(),
    });
    let page = Page::mount(server).await;
    page.click("#select-page").await;
    page.press("Remove Selected Accounts").await;
    page.press("Yes, remove 2 accounts").await;
    let notice = page.notice();
    assert!(
        notice.contains("1 account could not be removed"),
        "{notice}"
    );
    assert!(
        notice.contains("1 account removed: Record 1 (NPI 2336930211)."),
        "{notice}"
    );
    assert_eq!(page.selected_text(), "1 selected");
    assert!(page.input("select-2").checked());
    let note_id = page
        .input("select-2")
        .get_attribute("aria-describedby")
        .unwrap();
    assert!(page
        .text_of(&format!("#{note_id}"))
        .contains("You became the primary OA of this record."));
}

#[wasm_bindgen_test]
async fn no_keep_them_and_escape_close_the_dialog_and_return_focus() {
    let server = ScriptedServer::answering(first_page());
    *server.preview.borrow_mut() = Ok(preview_of(
        vec![row(1, "tstclaims3", "Riley Morgan", "2336930211")],
        1,
    ));
    let page = Page::mount(server.clone()).await;
    page.click("#select-1").await;

    page.button("Remove Selected Accounts").focus().unwrap();
    page.press("Remove Selected Accounts").await;
    assert_eq!(page_title_of(&page.dialog().unwrap()), "Remove 1 account?");
    assert!(page.find_button("Yes, remove 1 account").is_some());
    page.press("No, keep it").await;
    assert!(page.dialog().is_none());
    assert_eq!(focused_id().as_deref(), Some("remove-selected"));

    page.press("Remove Selected Accounts").await;
    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    page.dialog().unwrap().dispatch_event(&escape).unwrap();
    settle().await;
    assert!(page.dialog().is_none());
    assert_eq!(focused_id().as_deref(), Some("remove-selected"));
    assert!(server.removals.borrow().is_empty());
    assert_eq!(page.selected_text(), "1 selected");
}

#[wasm_bindgen_test]
async fn a_removal_that_fails_keeps_the_selection() {
    let server = ScriptedServer::answering(first_page());
    *server.preview.borrow_mut() = Ok(preview_of(
        vec![row(1, "tstclaims3", "Riley Morgan", "2336930211")],
        1,
    ));
    *server.removal.borrow_mut() = Err(ApiError::Network);
    let page = Page::mount(server).await;
    page.click("#select-1").await;
    page.press("Remove Selected Accounts").await;
    page.press("Yes, remove 1 account").await;
    let notice = page.notice();
    assert!(
        notice.contains("Your accounts were not removed"),
        "{notice}"
    );
    assert_eq!(page.selected_text(), "1 selected");
    assert_eq!(focused_id().as_deref(), Some("account-notice"));
}

fn page_title_of(dialog: &HtmlElement) -> String {
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    document()
        .get_element_by_id(&title_id)
        .unwrap()
        .text_content()
        .unwrap_or_default()
}
