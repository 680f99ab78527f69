//! `/login`: the NCID-shaped sign-in (R-AUTH-1). The page takes its flow state and the three
//! requests as a `SignInApi`, so a test can mount it with the server's answers of its choice.

use crate::api::session::SignInApi;
use crate::components::error_summary::ERROR_SUMMARY_ID;
use crate::components::focus::focus_by_id_after_render;
use crate::components::{
    Alert, AlertKind, ErrorSummary, FieldWiring, FormField, PageHeading, SummaryItem,
};
use crate::state::sign_in::{Field, FocusTarget, SignInFlow, Step};
use contract::auth::{OneTimeCodeRequest, PasswordRequest, SessionInfo};
use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::html::Input;
use leptos::prelude::*;
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
                    target: problem.field.map(|field| field.id().to_owned()),
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

/// A field's message while its answer is refused.
fn field_error(flow: RwSignal<SignInFlow>, field: Field) -> Signal<Option<String>> {
    Signal::derive(move || flow.with(|flow| flow.field_error(field).map(str::to_owned)))
}

/// A step's submission: the flow checks what was typed and, when it may go, the action sends
/// it (the flow refuses a second submission while one is on its way).
fn send_typed<R: 'static>(
    flow: RwSignal<SignInFlow>,
    input: NodeRef<Input>,
    check: fn(&mut SignInFlow, &str) -> Option<R>,
    send: Action<R, ()>,
) -> impl Fn(SubmitEvent) + 'static {
    move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = input_value(input);
        if let Some(request) = flow.try_update(|flow| check(flow, &typed)).flatten() {
            send.dispatch_local(request);
        }
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
            <FormField
                id=field.id()
                label="User name"
                error=field_error(flow, field)
                input=move |wiring: FieldWiring| {
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
                            aria-describedby=wiring.described_by
                            aria-invalid=wiring.invalid
                            node_ref=input
                        />
                    }
                }
            />
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
    let sign_on = Action::new_local(move |request: &PasswordRequest| {
        let answer = api.with_value(|api| api.submit_password(request.clone()));
        async move {
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
        }
    });
    let on_submit = send_typed(flow, input, SignInFlow::submit_password, sign_on);
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
            <FormField
                id=field.id()
                label="Password"
                hint=Some("Passwords are case-sensitive.")
                error=field_error(flow, field)
                input=move |wiring: FieldWiring| {
                    view! {
                        <input
                            class="input"
                            id=field.id()
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            aria-describedby=wiring.described_by
                            aria-invalid=wiring.invalid
                            node_ref=input
                        />
                    }
                }
            />
            // R-AUTH-1's step, in the one spelling the portal uses: "Sign in", never "Sign On".
            <button type="submit" class="button">
                "Sign in"
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
    let verify = Action::new_local(move |request: &OneTimeCodeRequest| {
        let answer = api.with_value(|api| api.submit_one_time_code(request.clone()));
        async move {
            match answer.await {
                Ok(session) => {
                    flow.update(|flow| flow.code_answered(Ok(())));
                    on_signed_in.run(session);
                }
                Err(error) => flow.update(|flow| flow.code_answered(Err(error))),
            }
        }
    });
    let on_submit = send_typed(flow, input, SignInFlow::submit_code, verify);
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
            <FormField
                id=field.id()
                label="One-time code"
                hint=Some("The 6-digit code from your authenticator app.")
                error=field_error(flow, field)
                input=move |wiring: FieldWiring| {
                    view! {
                        <input
                            class="input input--code"
                            id=field.id()
                            name="one-time-code"
                            type="text"
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            spellcheck="false"
                            aria-describedby=wiring.described_by
                            aria-invalid=wiring.invalid
                            node_ref=input
                        />
                    }
                }
            />
            <button type="submit" class="button">
                "Verify"
            </button>
        </form>
    }
}
