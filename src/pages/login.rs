//! `/login`: the NCID-shaped sign-in (R-AUTH-1). The page takes its flow state and the three
//! requests as a `SignInApi`, so a test can mount it with the server's answers of its choice.

use crate::api::session::SignInApi;
use crate::components::error_summary::ERROR_SUMMARY_ID;
use crate::components::focus::focus_by_id_after_render;
use crate::components::{Alert, AlertKind, ErrorSummary, PageHeading, SummaryItem};
use crate::state::sign_in::{Field, FocusTarget, SignInFlow, Step};
use contract::auth::SessionInfo;
use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

#[component]
pub fn LoginPage(
    flow: RwSignal<SignInFlow>,
    api: Rc<dyn SignInApi>,
    /// Why the user is here (signed out, timed out), shown above the form.
    notice: Option<String>,
    on_signed_in: Callback<SessionInfo>,
) -> impl IntoView {
    let api = StoredValue::new_local(api);
    let step = Memo::new(move |_| flow.with(SignInFlow::step));

    // Follow the flow's focus requests: the error summary after a refusal, the next field
    // after a step.
    let focus = Memo::new(move |_| flow.with(SignInFlow::focus));
    Effect::new(move |_| {
        if let Some(request) = focus.get() {
            focus_by_id_after_render(match request.target {
                FocusTarget::ErrorSummary => ERROR_SUMMARY_ID,
                FocusTarget::Field(field) => field.id(),
            });
        }
    });

    let summary = Signal::derive(move || {
        flow.with(|flow| {
            flow.problems()
                .iter()
                .map(|problem| SummaryItem {
                    target: problem.field.map(Field::id),
                    message: problem.message.clone(),
                })
                .collect::<Vec<_>>()
        })
    });

    view! {
        <PageHeading text="Sign in" />
        {notice.map(|notice| view! { <Alert kind=AlertKind::Info>{notice}</Alert> })}
        <ErrorSummary items=summary />
        {move || match step.get() {
            Step::UserName => user_name_step(flow).into_any(),
            Step::Password => password_step(flow, api).into_any(),
            Step::OneTimeCode => one_time_code_step(flow, api, on_signed_in).into_any(),
            Step::SignedIn => view! { <p>"You are signed in."</p> }.into_any(),
        }}
    }
}

fn input_value(input: NodeRef<Input>) -> String {
    input
        .get_untracked()
        .map(|input| input.value())
        .unwrap_or_default()
}

/// Label, hint, inline error and input, wired together as GOV.UK does.
fn text_field(
    flow: RwSignal<SignInFlow>,
    field: Field,
    label: &'static str,
    hint: Option<&'static str>,
    input: impl IntoView + 'static,
) -> impl IntoView {
    let id = field.id();
    let error = move || flow.with(|flow| flow.field_error(field).map(str::to_owned));
    view! {
        <div class="form-group" class:form-group--error=move || error().is_some()>
            <label class="label" for=id>
                {label}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            {move || {
                error()
                    .map(|message| {
                        view! {
                            <p class="field-error" id=format!("{id}-error")>
                                <span class="visually-hidden">"Error: "</span>
                                {message}
                            </p>
                        }
                    })
            }}
            {input}
        </div>
    }
}

/// `aria-describedby` of an input: its hint, then its error when there is one.
fn described_by(
    flow: RwSignal<SignInFlow>,
    field: Field,
    has_hint: bool,
) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || {
        let id = field.id();
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if flow.with(|flow| flow.field_error(field).is_some()) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

fn invalid(flow: RwSignal<SignInFlow>, field: Field) -> impl Fn() -> Option<&'static str> {
    move || {
        flow.with(|flow| flow.field_error(field).is_some())
            .then_some("true")
    }
}

fn user_name_step(flow: RwSignal<SignInFlow>) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let prefill = flow.with_untracked(|flow| flow.ncid().to_owned());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = input_value(input);
        flow.update(|flow| flow.submit_user_name(&typed));
    };
    let field = Field::UserName;
    view! {
        <p>"Sign in with your NCID user name and password."</p>
        <form class="sign-in-form" novalidate on:submit=on_submit>
            {text_field(
                flow,
                field,
                "User name",
                None,
                view! {
                    <input
                        class="input"
                        id=field.id()
                        name="username"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        prop:value=prefill
                        aria-describedby=described_by(flow, field, false)
                        aria-invalid=invalid(flow, field)
                        node_ref=input
                    />
                },
            )}
            <button type="submit" class="button">
                "Next"
            </button>
        </form>
    }
}

fn password_step(
    flow: RwSignal<SignInFlow>,
    api: StoredValue<Rc<dyn SignInApi>, LocalStorage>,
) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let ncid = flow.with_untracked(|flow| flow.ncid().to_owned());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let password = input_value(input);
        let Some(request) = flow
            .try_update(|flow| flow.submit_password(&password))
            .flatten()
        else {
            return;
        };
        let answer = api.with_value(|api| api.submit_password(request));
        spawn_local(async move {
            let answer = answer.await;
            let accepted = answer.is_ok();
            if !accepted {
                // A refused password is not left in the field to be submitted again.
                if let Some(input) = input.get_untracked() {
                    input.set_value("");
                }
            }
            flow.update(|flow| flow.password_answered(answer));
            if accepted {
                let demo = api.with_value(|api| api.demo_code());
                if let Ok(Some(demo)) = demo.await {
                    flow.update(|flow| flow.demo_code_received(demo.code));
                }
            }
        });
    };
    let change = move |ev: MouseEvent| {
        ev.prevent_default();
        flow.update(SignInFlow::change_user_name);
    };
    let field = Field::Password;
    view! {
        <p class="signing-in-as">
            "Signing in as " <strong class="signing-in-as__name">{ncid.clone()}</strong> " "
            <a href="/login" class="signing-in-as__change" on:click=change>
                "Change"
                <span class="visually-hidden">" user name"</span>
            </a>
        </p>
        <form class="sign-in-form" novalidate on:submit=on_submit>
            // Lets password managers pair the password with its user name.
            <input type="text" name="username" autocomplete="username" value=ncid hidden readonly />
            {text_field(
                flow,
                field,
                "Password",
                Some("Passwords are case-sensitive."),
                view! {
                    <input
                        class="input"
                        id=field.id()
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        aria-describedby=described_by(flow, field, true)
                        aria-invalid=invalid(flow, field)
                        node_ref=input
                    />
                },
            )}
            <button type="submit" class="button">
                "Sign On"
            </button>
        </form>
    }
}

fn one_time_code_step(
    flow: RwSignal<SignInFlow>,
    api: StoredValue<Rc<dyn SignInApi>, LocalStorage>,
    on_signed_in: Callback<SessionInfo>,
) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = input_value(input);
        let Some(request) = flow.try_update(|flow| flow.submit_code(&typed)).flatten() else {
            return;
        };
        let answer = api.with_value(|api| api.submit_one_time_code(request));
        spawn_local(async move {
            match answer.await {
                Ok(session) => {
                    flow.update(|flow| flow.code_answered(Ok(())));
                    on_signed_in.run(session);
                }
                Err(error) => flow.update(|flow| flow.code_answered(Err(error))),
            }
        });
    };
    let demo_code = move || flow.with(|flow| flow.demo_code().map(str::to_owned));
    let field = Field::OneTimeCode;
    view! {
        <p>"We need to check it is you. Open your authenticator app to get a one-time code."</p>
        {move || {
            demo_code()
                .map(|code| {
                    view! {
                        <Alert kind=AlertKind::Info>
                            <p class="demo-code">"Demo: your current code is " {code}</p>
                        </Alert>
                    }
                })
        }}
        <form class="sign-in-form" novalidate on:submit=on_submit>
            {text_field(
                flow,
                field,
                "One-time code",
                Some("The 6-digit code from your authenticator app."),
                view! {
                    <input
                        class="input input--code"
                        id=field.id()
                        name="one-time-code"
                        type="text"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        spellcheck="false"
                        aria-describedby=described_by(flow, field, true)
                        aria-invalid=invalid(flow, field)
                        node_ref=input
                    />
                },
            )}
            <button type="submit" class="button">
                "Verify"
            </button>
        </form>
    }
}
