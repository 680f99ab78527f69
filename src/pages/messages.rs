//! `/messages`: the signed-in user's notices, newest first and paged (the page in the URL).
//! The backup OA of a record gets every notice its primary OA gets (R-BOA-4). Unread messages
//! say so in words; opening one shows it in place and marks it read, and the page tells the
//! app the new unread count for the navigation.

use crate::api::messages::MessagesApi;
use crate::components::{Loaded, PageHeading, Retry};
use crate::state::operations::{message_time, messages_path};
use contract::messages::{MessageId, MessagePage};
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use std::rc::Rc;

#[component]
pub fn Inbox(
    api: Rc<dyn MessagesApi>,
    /// The page the URL asks for, from 1.
    #[prop(into)]
    page: Signal<u32>,
    /// Shows another page: the app puts it in the URL.
    on_navigate: Callback<u32>,
    /// The unread count changed (a message was opened, or a page arrived): for the navigation.
    on_unread_count: Callback<u64>,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    // Keyed on the URL's page: only the answer to the latest page is shown.
    let inbox = LocalResource::new(move || {
        let page = page.get();
        api.with_value(|api| api.messages(page))
    });
    let opened = RwSignal::new(Vec::<MessageId>::new());
    // Messages marked read since the page arrived, and the unread count now.
    let marked = RwSignal::new(Vec::<MessageId>::new());
    let unread = RwSignal::new(0_u64);
    Effect::new(move |_| {
        let Some(count) = inbox.with(|inbox| match inbox {
            Some(Ok(found)) => Some(found.unread),
            _ => None,
        }) else {
            return;
        };
        marked.set(Vec::new());
        unread.set(count);
        on_unread_count.run(count);
    });

    let mark_read = Action::new_local(move |id: &MessageId| {
        let id = *id;
        let answer = api.with_value(|api| api.mark_read(id));
        async move {
            // The message is shown all the same when this fails; it stays unread and can be
            // opened again.
            if answer.await.is_ok() && !marked.with_untracked(|marked| marked.contains(&id)) {
                // Kept beside the page rather than in it, so the list is not built again and
                // the button keeps focus.
                marked.update(|marked| marked.push(id));
                unread.update(|unread| *unread = unread.saturating_sub(1));
                on_unread_count.run(unread.get_untracked());
            }
        }
    });
    let open = move |id: MessageId| {
        let was_open = opened.with_untracked(|opened| opened.contains(&id));
        opened.update(|opened| {
            if was_open {
                opened.retain(|open| *open != id);
            } else {
                opened.push(id);
            }
        });
        let is_unread = inbox.with_untracked(|inbox| {
            matches!(inbox, Some(Ok(found)) if found.messages.iter().any(|m| m.id == id && !m.read))
        }) && !marked.with_untracked(|marked| marked.contains(&id));
        if !was_open && is_unread {
            mark_read.dispatch_local(id);
        }
    };

    view! {
        <PageHeading text="Messages" />
        <p class="lead">
            "Notices about your provider records. As a backup OA you receive every notice the record's primary OA receives."
        </p>
        <Loaded
            resource=inbox
            loading="Loading your messages"
            failed="We could not load your messages"
            retry_place=Retry::InAlert
            keep_shown=true
            content={move |found: MessagePage| {
                if found.total == 0 {
                    view! {
                        <div class="empty-state" id="messages-empty">
                            <p>"You have no messages."</p>
                        </div>
                    }
                    .into_any()
                } else {
                    inbox_view(&found, Shown { opened, marked, unread }, open, on_navigate).into_any()
                }
            }}
        />
    }
}

/// What the list shows beside the page's messages: which are open, which were marked read.
#[derive(Clone, Copy)]
struct Shown {
    opened: RwSignal<Vec<MessageId>>,
    marked: RwSignal<Vec<MessageId>>,
    unread: RwSignal<u64>,
}

fn inbox_view(
    found: &MessagePage,
    shown: Shown,
    open: impl Fn(MessageId) + Copy + 'static,
    on_navigate: Callback<u32>,
) -> impl IntoView {
    let Shown {
        opened,
        marked,
        unread,
    } = shown;
    let (total, page_number, page_count) = (found.total, found.page, found.page_count());
    let summary = move || {
        format!(
            "{total} message{}, {} unread. Page {page_number} of {page_count}.",
            if total == 1 { "" } else { "s" },
            unread.get()
        )
    };
    let items = found
        .messages
        .iter()
        .map(|message| {
            let id = message.id;
            let body_id = format!("message-{id}-body");
            let is_open = move || opened.with(|opened| opened.contains(&id));
            let was_unread = !message.read;
            let unread = move || was_unread && !marked.with(|marked| marked.contains(&id));
            view! {
                <li class="message" class:message--unread=unread>
                    <h2 class="message__subject">
                        <button
                            type="button"
                            class="message__toggle"
                            id=format!("message-{id}-toggle")
                            aria-expanded=move || is_open().to_string()
                            aria-controls=body_id.clone()
                            on:click=move |_| open(id)
                        >
                            {move || unread().then(|| view! { <span class="message__tag">"Unread"</span> " " })}
                            <span class="message__subject-text">{message.subject.clone()}</span>
                        </button>
                    </h2>
                    <p class="message__meta">
                        {format!("{} ({}) · {}", message.record_name, message.record_id, message_time(message.created))}
                    </p>
                    <div class="message__body" id=body_id hidden=move || !is_open()>
                        <p>{message.body.clone()}</p>
                    </div>
                </li>
            }
        })
        .collect_view();
    let page = found.page;
    let last = u32::try_from(found.page_count()).unwrap_or(u32::MAX);
    let link = move |to: u32, text: &'static str| {
        let on_click = move |ev: MouseEvent| {
            if !ev.default_prevented() {
                ev.prevent_default();
                on_navigate.run(to);
            }
        };
        view! {
            <li>
                <a class="pagination__button" href=messages_path(to) on:click=on_click>{text}</a>
            </li>
        }
    };
    view! {
        <p id="messages-summary">{summary}</p>
        <ul class="message-list">{items}</ul>
        <Show when=move || { last > 1 }>
            <nav class="pagination" aria-label="Pagination">
                <ul class="pagination__list">
                    {(page > 1).then(|| link(page - 1, "Previous page"))}
                    <li class="pagination__overflow">{format!("Page {page} of {last}")}</li>
                    {(page < last).then(|| link(page + 1, "Next page"))}
                </ul>
            </nav>
        </Show>
    }
}
