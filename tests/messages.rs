//! The Messages inbox in a real browser (R-BOA-4): unread messages say so in words, opening one
//! shows it and marks it read (once) and lowers the count the navigation shows, and the pages
//! follow the URL, with the server's answers supplied by the test.

use crate::support::{focused_id, settle, Container};
use contract::messages::{Message, MessageId, MessagePage, MESSAGES_PAGE_SIZE};
use leptos::prelude::*;
use provider_portal::api::messages::MessagesApi;
use provider_portal::api::Answer;
use provider_portal::pages::Inbox;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

fn message(id: MessageId, subject: &str, read: bool) -> Message {
    Message {
        id,
        record_id: "2044707588".into(),
        record_name: "Avery Family Practice, PLLC".into(),
        subject: subject.into(),
        body: format!("Body of {subject}"),
        created: 1_795_356_309 - id,
        read,
    }
}

/// An inbox of `total` messages, the first `unread` of them unread, newest first.
#[derive(Clone)]
struct ScriptedServer {
    messages: Rc<RefCell<Vec<Message>>>,
    pages_asked: Rc<RefCell<Vec<u32>>>,
    marked: Rc<RefCell<Vec<MessageId>>>,
}

impl ScriptedServer {
    fn new(total: i64, unread: i64) -> Self {
        Self {
            messages: Rc::new(RefCell::new(
                (1..=total)
                    .map(|id| message(id, &format!("Notice {id}"), id > unread))
                    .collect(),
            )),
            pages_asked: Rc::new(RefCell::new(Vec::new())),
            marked: Rc::new(RefCell::new(Vec::new())),
        }
    }
}

impl MessagesApi for ScriptedServer {
    fn messages(&self, page: u32) -> Answer<MessagePage> {
        self.pages_asked.borrow_mut().push(page);
        let all = self.messages.borrow();
        let size = MESSAGES_PAGE_SIZE as usize;
        let answer = MessagePage {
            messages: all
                .iter()
                .skip((page as usize - 1) * size)
                .take(size)
                .cloned()
                .collect(),
            page,
            page_size: MESSAGES_PAGE_SIZE,
            total: all.len() as u64,
            unread: all.iter().filter(|m| !m.read).count() as u64,
        };
        Box::pin(async move { Ok(answer) })
    }

    fn mark_read(&self, id: MessageId) -> Answer<Message> {
        self.marked.borrow_mut().push(id);
        let mut all = self.messages.borrow_mut();
        let found = all.iter_mut().find(|m| m.id == id).unwrap();
        found.read = true;
        let answer = found.clone();
        Box::pin(async move { Ok(answer) })
    }
}

struct Page {
    dom: Container,
    counts: RwSignal<Vec<u64>>,
    page: RwSignal<u32>,
}

impl Page {
    async fn mount(server: ScriptedServer) -> Self {
        let counts = RwSignal::new(Vec::new());
        let page = RwSignal::new(1);
        let dom = Container::mount(move || {
            view! {
                <Inbox
                    api=Rc::new(server)
                    page
                    on_navigate=Callback::new(move |to| page.set(to))
                    on_unread_count=Callback::new(move |count| counts.update(|counts| counts.push(count)))
                />
            }
        });
        settle().await;
        Self { dom, counts, page }
    }

    fn toggles(&self) -> Vec<String> {
        self.dom
            .all(".message__toggle")
            .into_iter()
            .map(|button| button.text_content().unwrap_or_default())
            .collect()
    }
}

#[wasm_bindgen_test]
async fn unread_messages_say_so_and_opening_one_marks_it_read_and_lowers_the_count() {
    let server = ScriptedServer::new(3, 2);
    let page = Page::mount(server.clone()).await;
    assert_eq!(page.dom.text_of("h1"), "Messages");
    assert_eq!(
        page.toggles(),
        ["Unread Notice 1", "Unread Notice 2", "Notice 3"]
    );
    assert_eq!(page.dom.all(".message--unread").len(), 2);
    assert!(page
        .dom
        .text_of("#messages-summary")
        .contains("3 messages, 2 unread"));
    assert_eq!(page.counts.get_untracked(), [2]);

    // Closed at first; opening shows the body in place and marks it read.
    let first = page.dom.all(".message__toggle")[0].clone();
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(page.dom.find("#message-1-body").unwrap().hidden());
    first.focus().unwrap();
    first.click();
    settle().await;
    // The list is not built again, so the button keeps focus.
    assert_eq!(focused_id().as_deref(), Some("message-1-toggle"));
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!page.dom.find("#message-1-body").unwrap().hidden());
    assert_eq!(page.dom.text_of("#message-1-body"), "Body of Notice 1");
    assert_eq!(*server.marked.borrow(), [1]);
    assert_eq!(page.toggles(), ["Notice 1", "Unread Notice 2", "Notice 3"]);
    assert!(page.dom.text_of("#messages-summary").contains("1 unread"));
    assert_eq!(page.counts.get_untracked(), [2, 1]);

    // Closing and opening it again, or opening a read one, asks nothing more.
    first.click();
    settle().await;
    first.click();
    settle().await;
    page.dom.all(".message__toggle")[2].click();
    settle().await;
    assert_eq!(*server.marked.borrow(), [1]);
    assert_eq!(page.counts.get_untracked(), [2, 1]);
}

#[wasm_bindgen_test]
async fn an_empty_inbox_says_so() {
    let page = Page::mount(ScriptedServer::new(0, 0)).await;
    assert_eq!(page.dom.text_of("#messages-empty"), "You have no messages.");
    assert!(page.dom.find(".message-list").is_none());
}

#[wasm_bindgen_test]
async fn the_inbox_is_paged_and_follows_the_url() {
    let server = ScriptedServer::new(25, 0);
    let page = Page::mount(server.clone()).await;
    assert_eq!(page.toggles().len(), 20);
    assert!(page
        .dom
        .text_of("#messages-summary")
        .contains("Page 1 of 2"));
    let next = page.dom.find("nav[aria-label=Pagination] a").unwrap();
    assert_eq!(next.text_content().unwrap(), "Next page");
    assert_eq!(next.get_attribute("href").unwrap(), "/messages?page=2");
    next.click();
    settle().await;
    assert_eq!(page.page.get_untracked(), 2);
    assert_eq!(*server.pages_asked.borrow(), [1, 2]);
    assert_eq!(
        page.toggles(),
        (21..=25)
            .map(|id| format!("Notice {id}"))
            .collect::<Vec<_>>()
    );
    assert!(page
        .dom
        .text_of("#messages-summary")
        .contains("Page 2 of 2"));
}
