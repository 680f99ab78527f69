//! The Messages inbox in a real browser (R-BOA-4): unread messages say so in words, opening one
//! shows it and marks it read (once) and lowers the count the navigation shows, and the pages
//! follow the URL, with the server's answers supplied by the test.

use crate::support::{focused_id, ready, settle, Mounted, Received, Reply};
use contract::messages::{Message, MessageId, MessagePage, MESSAGES_PAGE_SIZE};
use leptos::prelude::*;
use provider_portal::api::messages::MessagesApi;
use provider_portal::api::Answer;
use provider_portal::pages::Inbox;
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
    messages: Reply<Vec<Message>>,
    pages_asked: Received<u32>,
    marked: Received<MessageId>,
}

impl ScriptedServer {
    fn new(total: i64, unread: i64) -> Self {
        Self {
            messages: Reply::new(
                (1..=total)
                    .map(|id| message(id, &format!("Notice {id}"), id > unread))
                    .collect(),
            ),
            pages_asked: Received::default(),
            marked: Received::default(),
        }
    }
}

impl MessagesApi for ScriptedServer {
    fn messages(&self, page: u32) -> Answer<MessagePage> {
        self.pages_asked.record(page);
        let all = self.messages.borrow();
        let size = MESSAGES_PAGE_SIZE as usize;
        ready(Ok(MessagePage {
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
        }))
    }

    fn mark_read(&self, id: MessageId) -> Answer<Message> {
        self.marked.record(id);
        let mut all = self.messages.borrow_mut();
        let found = all.iter_mut().find(|m| m.id == id).unwrap();
        found.read = true;
        ready(Ok(found.clone()))
    }
}

/// What the app around the inbox holds: the URL's page, and each unread count the inbox told
/// the navigation.
#[derive(Clone, Copy)]
struct Outside {
    page: RwSignal<u32>,
    counts: RwSignal<Vec<u64>>,
}

type Page = Mounted<Outside>;

impl Page {
    async fn mount(server: ScriptedServer) -> Self {
        let outside = Outside {
            page: RwSignal::new(1),
            counts: RwSignal::new(Vec::new()),
        };
        Self::with(outside, move |Outside { page, counts }| {
            view! {
                <Inbox
                    api=Rc::new(server)
                    page
                    on_navigate=Callback::new(move |to| page.set(to))
                    on_unread_count=Callback::new(move |count| counts.update(|counts| counts.push(count)))
                />
            }
        })
        .await
    }

    fn toggles(&self) -> Vec<String> {
        self.all(".message__toggle")
            .into_iter()
            .map(|button| button.text_content().unwrap_or_default())
            .collect()
    }
}

#[wasm_bindgen_test]
async fn unread_messages_say_so_and_opening_one_marks_it_read_and_lowers_the_count() {
    let server = ScriptedServer::new(3, 2);
    let page = Page::mount(server.clone()).await;
    assert_eq!(page.text_of("h1"), "Messages");
    assert_eq!(
        page.toggles(),
        ["Unread Notice 1", "Unread Notice 2", "Notice 3"]
    );
    assert_eq!(page.all(".message--unread").len(), 2);
    assert!(page
        .text_of("#messages-summary")
        .contains("3 messages, 2 unread"));
    assert_eq!(page.outside.counts.get_untracked(), [2]);

    // Closed at first; opening shows the body in place and marks it read.
    let first = page.all(".message__toggle")[0].clone();
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(page.find("#message-1-body").unwrap().hidden());
    first.focus().unwrap();
    first.click();
    settle().await;
    // The list is not built again, so the button keeps focus.
    assert_eq!(focused_id().as_deref(), Some("message-1-toggle"));
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!page.find("#message-1-body").unwrap().hidden());
    assert_eq!(page.text_of("#message-1-body"), "Body of Notice 1");
    assert_eq!(*server.marked.borrow(), [1]);
    assert_eq!(page.toggles(), ["Notice 1", "Unread Notice 2", "Notice 3"]);
    assert!(page.text_of("#messages-summary").contains("1 unread"));
    assert_eq!(page.outside.counts.get_untracked(), [2, 1]);

    // Closing and opening it again, or opening a read one, asks nothing more.
    first.click();
    settle().await;
    first.click();
    settle().await;
    page.all(".message__toggle")[2].click();
    settle().await;
    assert_eq!(*server.marked.borrow(), [1]);
    assert_eq!(page.outside.counts.get_untracked(), [2, 1]);
}

#[wasm_bindgen_test]
async fn an_empty_inbox_says_so() {
    let page = Page::mount(ScriptedServer::new(0, 0)).await;
    assert_eq!(page.text_of("#messages-empty"), "You have no messages.");
    assert!(page.find(".message-list").is_none());
}

#[wasm_bindgen_test]
async fn the_inbox_is_paged_and_follows_the_url() {
    let server = ScriptedServer::new(25, 0);
    let page = Page::mount(server.clone()).await;
    assert_eq!(page.toggles().len(), 20);
    assert!(page.text_of("#messages-summary").contains("Page 1 of 2"));
    let next = page.find("nav[aria-label=Pagination] a").unwrap();
    assert_eq!(next.text_content().unwrap(), "Next page");
    assert_eq!(next.get_attribute("href").unwrap(), "/messages?page=2");
    next.click();
    settle().await;
    assert_eq!(page.outside.page.get_untracked(), 2);
    assert_eq!(*server.pages_asked.borrow(), [1, 2]);
    assert_eq!(
        page.toggles(),
        (21..=25)
            .map(|id| format!("Notice {id}"))
            .collect::<Vec<_>>()
    );
    assert!(page.text_of("#messages-summary").contains("Page 2 of 2"));
}
