use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    Info,
    Success,
    Warning,
    Error,
}

impl AlertKind {
    fn class(self) -> &'static str {
        match self {
            Self::Info => "alert alert--info",
            Self::Success => "alert alert--success",
            Self::Warning => "alert alert--warning",
            Self::Error => "alert alert--error",
        }
    }

    /// Read before the text, so the kind never rests on colour alone.
    fn label(self) -> &'static str {
        match self {
            Self::Info => "Information",
            Self::Success => "Success",
            Self::Warning => "Warning",
            Self::Error => "Error",
        }
    }
}

/// A USWDS alert. It carries no live-region role: those that must be announced are rendered
/// inside one (the error summary) or take focus.
#[component]
pub fn Alert(
    kind: AlertKind,
    #[prop(optional, into)] heading: Option<String>,
    /// 2 on its own under the page heading, 3 inside a section headed by an `<h2>`.
    #[prop(default = 2)]
    heading_level: u8,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=kind.class()>
            <span class="alert__icon" aria-hidden="true"></span>
            <div class="alert__body">
                {match heading {
                    Some(heading) => {
                        let content = view! {
                            <span class="visually-hidden">{kind.label()} ": "</span>
                            {heading}
                        };
                        if heading_level >= 3 {
                            view! { <h3 class="alert__heading">{content}</h3> }.into_any()
                        } else {
                            view! { <h2 class="alert__heading">{content}</h2> }.into_any()
                        }
                    }
                    None => view! { <span class="visually-hidden">{kind.label()} ": "</span> }.into_any(),
                }}
                <div class="alert__text">{children()}</div>
            </div>
        </div>
    }
}
