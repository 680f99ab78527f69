//! Home: the records the signed-in user administers.

use super::client::{built, get, json};
use super::Answer;
use contract::records::HomeSummary;

pub fn home() -> Answer<HomeSummary> {
    json(built(get("/home")))
}
