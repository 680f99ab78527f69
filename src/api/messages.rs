//! The inbox's requests, and the unread count the navigation shows.

use super::client::{built, get, json, post};
use super::Answer;
use contract::messages::{Message, MessageId, MessagePage, UnreadCount};

/// The requests of the inbox.
pub trait MessagesApi {
    fn messages(&self, page: u32) -> Answer<MessagePage>;
    fn mark_read(&self, id: MessageId) -> Answer<Message>;
}

/// The real server, over HTTP.
pub struct ServerMessages;

impl MessagesApi for ServerMessages {
    /// One page of the signed-in user's messages, newest first.
    fn messages(&self, page: u32) -> Answer<MessagePage> {
        json(built(get(&format!("/messages?page={page}"))))
    }

    fn mark_read(&self, id: MessageId) -> Answer<Message> {
        json(built(post(&format!("/messages/{id}/read"))))
    }
}

/// The count the navigation shows.
pub fn unread_count() -> Answer<UnreadCount> {
    json(built(get("/messages/unread-count")))
}
