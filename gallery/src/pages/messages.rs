//! Messages: unread and read, one opened, an empty inbox, loading and a failure.

use super::laid_out;
use crate::catalogue::State;
use crate::fixed::{offline, Fixed};
use contract::messages::{Message, MessageId, MessagePage, MESSAGES_PAGE_SIZE};
use leptos::prelude::*;
use provider_portal::api::messages::MessagesApi;
use provider_portal::api::Answer;
use provider_portal::pages::Inbox;
use std::rc::Rc;

/// November 20, 2026, 14:30 UTC.
const SENT: i64 = 1_795_703_400;

fn message(id: MessageId, subject: &str, body: &str, read: bool) -> Message {
    Message {
        id,
        record_id: "2044707588".into(),
        record_name: "Avery Family Practice, PLLC".into(),
        subject: subject.into(),
        body: body.into(),
        created: SENT - id * 3_600,
        read,
    }
}

fn inbox() -> Vec<Message> {
    vec![
        message(
            1,
            "OA Change Request OAC-20261120-000007 approved",
            "Casey Lin (clin2) is now the backup OA of Avery Family Practice, PLLC.",
            false,
        ),
        message(
            2,
            "A user was added to Avery Family Practice, PLLC",
            "Jordan Avery (javery1) gave Kiran Patel (kpatel4) the Eligibility role.",
            false,
        ),
        message(
            3,
            "OA Change Request OAC-20261118-000004 returned for correction",
            "Operations staff returned the request: the explanation document is missing.",
            true,
        ),
    ]
}

#[derive(Clone)]
struct FixedMessages {
    page: Fixed<Vec<Message>>,
}

impl MessagesApi for FixedMessages {
    fn messages(&self, page: u32) -> Answer<MessagePage> {
        let to_page = |messages: Vec<Message>| MessagePage {
            total: messages.len() as u64,
            unread: messages.iter().filter(|m| !m.read).count() as u64,
            messages,
            page,
            page_size: MESSAGES_PAGE_SIZE,
        };
        self.page.answer_with(|messages| to_page(messages.clone()))
    }

    fn mark_read(&self, id: MessageId) -> Answer<Message> {
        let read = inbox()
            .into_iter()
            .find(|m| m.id == id)
            .map(|m| Message { read: true, ..m });
        match read {
            Some(message) => Fixed::Ready(message),
            None => offline(),
        }
        .answer()
    }
}

fn messages(page: Fixed<Vec<Message>>) -> AnyView {
    laid_out(view! {
        <Inbox
            api=Rc::new(FixedMessages { page })
            page=Signal::stored(1)
            on_navigate=Callback::new(|_| ())
            on_unread_count=Callback::new(|_| ())
        />
    })
}

pub fn states() -> Vec<State> {
    vec![
        State::new("inbox", "Unread and read messages", || {
            messages(Fixed::Ready(inbox()))
        }),
        State::new("opened", "A message opened", || {
            messages(Fixed::Ready(inbox()))
        })
        .clicking("button[aria-expanded]"),
        State::new("empty", "No messages", || {
            messages(Fixed::Ready(Vec::new()))
        }),
        State::new("loading", "Loading", || messages(Fixed::Loading)),
        State::new(
            "error",
            "Could not load, with Retry",
            || messages(offline()),
        ),
    ]
}
