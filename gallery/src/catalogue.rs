//! What the gallery shows: groups (a shared component, or one page module of the portal) of
//! states, each drawn by a function from fixed data, and what a person does to reach it.

use leptos::prelude::*;

/// A shared component, or a page: each page module of `src/pages` has a group of its own
/// (tests/visual checks that none is missing).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Component,
    Page {
        /// The module in `src/pages`, e.g. `account`.
        module: &'static str,
    },
}

pub struct Group {
    /// In the address: `/gallery/<id>/…`.
    pub id: &'static str,
    pub title: &'static str,
    pub kind: Kind,
    pub states: Vec<State>,
}

pub struct State {
    /// In the address: `/gallery/<group>/<id>`.
    pub id: &'static str,
    pub title: &'static str,
    pub view: fn() -> AnyView,
    /// What a person does once it is drawn, in order: the states after an action (errors after
    /// Continue, an open dialog) are reached as a person reaches them, by the page's own code.
    pub act: Vec<Act>,
}

impl State {
    pub fn new(id: &'static str, title: &'static str, view: fn() -> AnyView) -> Self {
        Self {
            id,
            title,
            view,
            act: Vec::new(),
        }
    }

    /// Then presses the button with this text.
    pub fn pressing(self, button: &'static str) -> Self {
        self.typing(&[], button)
    }

    /// Then types into fields (id, text) and presses the button with this text.
    pub fn typing(
        mut self,
        fields: &'static [(&'static str, &'static str)],
        button: &'static str,
    ) -> Self {
        self.act.push(Act::Press(fields, button));
        self
    }

    /// Then clicks the element the selector finds.
    pub fn clicking(mut self, selector: &'static str) -> Self {
        self.act.push(Act::Click(selector));
        self
    }
}

/// One thing a person does on a state.
#[derive(Clone, Copy)]
pub enum Act {
    /// Types into each field (id, text), then presses the button with this text.
    Press(&'static [(&'static str, &'static str)], &'static str),
    Click(&'static str),
}

/// Every group, components first, then the pages in the order of the portal's navigation.
pub fn groups() -> Vec<Group> {
    let mut groups = crate::components::groups();
    groups.extend(crate::pages::groups());
    groups
}

pub fn find(group: &str, state: &str) -> Option<(&'static str, &'static str, State)> {
    groups().into_iter().find(|g| g.id == group).and_then(|g| {
        let (group_title, group_id) = (g.title, g.id);
        g.states
            .into_iter()
            .find(|s| s.id == state)
            .map(|s| (group_id, group_title, s))
    })
}
