//! What every route shares at the HTTP edge: JSON refusals, the JSON body extractor, the
//! security headers with the Content-Security-Policy, static files and the API's 404.

pub(crate) mod body_deadline;
mod csp;
pub(crate) mod error;
pub(crate) mod json;
pub(crate) mod path;
pub(crate) mod serve;
pub(crate) mod unread_body;
pub(crate) mod web;
