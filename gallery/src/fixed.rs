//! Fixed answers in place of the server's: at once, never (a page that stays loading), or a
//! refusal.

use contract::application::{AttachmentInfo, AttachmentKind};
use provider_portal::api::{Answer, ApiError};

pub fn ready<T: 'static>(value: T) -> Answer<T> {
    Box::pin(std::future::ready(Ok(value)))
}

/// An answer that never comes: the page stays in its loading state.
pub fn never<T: 'static>() -> Answer<T> {
    Box::pin(std::future::pending())
}

pub fn refused<T: 'static>(error: ApiError) -> Answer<T> {
    Box::pin(std::future::ready(Err(error)))
}

/// What one request answers in a state of the gallery.
#[derive(Clone)]
pub enum Fixed<T> {
    Ready(T),
    Loading,
    Failing(ApiError),
}

impl<T: Clone + 'static> Fixed<T> {
    pub fn answer(&self) -> Answer<T> {
        match self {
            Self::Ready(value) => ready(value.clone()),
            Self::Loading => never(),
            Self::Failing(error) => refused(error.clone()),
        }
    }

    /// Another request's answer that arrives, waits or fails as this one does, made from its
    /// value.
    pub fn answer_with<U: 'static>(&self, made: impl FnOnce(&T) -> U) -> Answer<U> {
        match self {
            Self::Ready(value) => ready(made(value)),
            Self::Loading => never(),
            Self::Failing(error) => refused(error.clone()),
        }
    }
}

/// The network refusal every "could not load" state shows.
pub fn offline<T>() -> Fixed<T> {
    Fixed::Failing(ApiError::Network)
}

/// The server's answer to every explanation upload (R-OA-3): a PDF of 90 KB.
pub fn uploaded_pdf() -> Answer<AttachmentInfo> {
    ready(AttachmentInfo {
        id: 42,
        kind: AttachmentKind::Pdf,
        size: 90_000,
    })
}
