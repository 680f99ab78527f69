//! The idle timeout: a warning before the server ends an idle session, and the sign-in page
//! when it has.

use super::header::SignOutButton;
use super::session_guard::current_path;
use crate::api::last_activity_ms;
use crate::api::session::{self as session_requests, use_session};
use crate::components::ModalDialog;
use crate::state::idle::{describe_duration, IdleClock, IdlePhase};
use crate::state::navigation::login_path;
use crate::state::session::SignOutReason;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::time::Duration;

/// The idle timeout: warns before the server ends the session and leaves when it has.
#[component]
pub(super) fn IdleWatch() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let clock = StoredValue::new(None::<IdleClock>);
    let phase = RwSignal::new(IdlePhase::Active);

    // A new clock for each signed-in user; keep-alive answers do not restart it.
    let timeout = Memo::new(move |_| {
        session.with(|status| {
            status
                .user()
                .map(|info| (info.user.ncid.clone(), info.idle_timeout_seconds))
        })
    });
    Effect::new(move |_| {
        clock.set_value(
            timeout
                .get()
                .map(|(_, seconds)| IdleClock::new(seconds, now_ms())),
        );
        phase.set(IdlePhase::Active);
    });

    let check = move || {
        let Some(mut current) = clock.get_value() else {
            return;
        };
        if let Some(at) = last_activity_ms() {
            current.record_activity(at as i64);
        }
        let now = current.phase(now_ms());
        if now == IdlePhase::Expired {
            clock.set_value(None);
            session.end(SignOutReason::Inactive {
                minutes: current.timeout_minutes(),
            });
            // The server has ended it already; this only makes sure of it.
            spawn_local(async {
                _ = session_requests::sign_out().await;
            });
            navigate(
                &login_path(&current_path(&location)),
                NavigateOptions::default(),
            );
        } else {
            clock.set_value(Some(current));
        }
        if phase.get_untracked() != now {
            phase.set(now);
        }
    };
    if let Ok(handle) = set_interval_with_handle(check, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }

    // Any answered request restarts the server's idle period, this one too.
    let stay = move || {
        spawn_local(async move {
            // A refusal changes nothing here: a 401 has ended the session in the API layer.
            if session_requests::keep_alive().await.is_ok() {
                phase.set(IdlePhase::Active);
            }
        });
    };
    let seconds_left = Signal::derive(move || match phase.get() {
        IdlePhase::Warning { seconds_left } => seconds_left,
        _ => 0,
    });
    let warning = Memo::new(move |_| matches!(phase.get(), IdlePhase::Warning { .. }));
    view! {
        <Show when=move || warning.get()>
            <IdleWarning seconds_left on_stay=Callback::new(move |()| stay()) />
        </Show>
    }
}

/// The warning itself, counting down: "Stay signed in" or Sign out (Escape stays).
#[component]
pub fn IdleWarning(
    #[prop(into)] seconds_left: Signal<i64>,
    on_stay: Callback<()>,
) -> impl IntoView {
    view! {
        <ModalDialog id="idle-warning" title="You will be signed out soon" on_escape=on_stay>
            <p id="idle-warning-description">
                "For your security, we will sign you out in "
                <strong>{move || describe_duration(seconds_left.get())}</strong>
                " because there has been no activity."
            </p>
            <div class="button-group">
                <button type="button" class="button" on:click=move |_| on_stay.run(())>
                    "Stay signed in"
                </button>
                <SignOutButton />
            </div>
        </ModalDialog>
    }
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
