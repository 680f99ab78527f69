//! Messages: the notices a user receives about a record (R-ACCT-4, R-OA-7, R-BOA-8), each also
//! delivered to the record's backup OA when it goes to the primary (R-BOA-4).

use serde::{Deserialize, Serialize};

pub type MessageId = i64;

/// Messages on one page of the inbox.
pub const MESSAGES_PAGE_SIZE: u32 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: MessageId,
    pub record_id: String,
    pub record_name: String,
    pub subject: String,
    pub body: String,
    /// Unix seconds, so the inbox can show the time as well as the day.
    pub created: i64,
    pub read: bool,
}

/// `GET /api/messages?page=`: newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessagePage {
    pub messages: Vec<Message>,
    /// 1-based, as requested (a page past the last one has no messages).
    pub page: u32,
    pub page_size: u32,
    pub total: u64,
    pub unread: u64,
}

impl MessagePage {
    /// At least one page, so "Page 1 of 1" reads right for an empty inbox.
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(u64::from(self.page_size)).max(1)
    }
}

/// `GET /api/messages/unread-count`: the count the navigation shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: u64,
}

/// The `page` query parameter: absent means 1; anything but a positive whole number is refused.
pub fn parse_page(text: Option<&str>) -> Result<u32, String> {
    match text {
        None => Ok(1),
        Some(text) => match text.trim().parse::<u32>() {
            Ok(page) if page >= 1 => Ok(page),
            _ => Err("The page must be a whole number from 1".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_and_parsed() {
        let page = |total| MessagePage {
            messages: Vec::new(),
            page: 1,
            page_size: MESSAGES_PAGE_SIZE,
            total,
            unread: 0,
        };
        assert_eq!(page(0).page_count(), 1);
        assert_eq!(page(20).page_count(), 1);
        assert_eq!(page(21).page_count(), 2);
        assert_eq!(parse_page(None), Ok(1));
        assert_eq!(parse_page(Some("3")), Ok(3));
        for bad in ["0", "-1", "x", ""] {
            assert!(parse_page(Some(bad)).is_err(), "{bad}");
        }
    }
}
