//! The design tokens, read from `style/tokens.css` (the one place they are defined) when the
//! gallery is built: each colour with its contrast against white and against the ink, the
//! spacing steps and the type scale, each drawn with the token itself.

use leptos::prelude::*;

const TOKENS_CSS: &str = include_str!("../../style/tokens.css");

/// One custom property of `:root`: `--name: value;`.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    name: String,
    value: String,
}

/// The tokens in the order the file defines them (a value may run over several lines).
fn tokens() -> Vec<Token> {
    let mut found = Vec::new();
    let mut rest = TOKENS_CSS;
    while let Some(start) = rest.find("--") {
        rest = &rest[start + 2..];
        let (Some(colon), Some(end)) = (rest.find(':'), rest.find(';')) else {
            break;
        };
        if colon < end {
            found.push(Token {
                name: rest[..colon].trim().to_owned(),
                value: rest[colon + 1..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            });
        }
        rest = &rest[end + 1..];
    }
    found
}

/// `#rrggbb` as red, green and blue, 0–255.
fn rgb(hex: &str) -> Option<[u8; 3]> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let part = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some([part(0)?, part(2)?, part(4)?])
}

/// WCAG 2.1's relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |value: u8| {
        let c = f64::from(value) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2.1's contrast ratio of two colours, 1 to 21.
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// "7.0:1, AA for text" and so on, as WCAG 2.1 reads a ratio.
fn verdict(ratio: f64) -> String {
    let meets = if ratio >= 7.0 {
        "AAA for text"
    } else if ratio >= 4.5 {
        "AA for text"
    } else if ratio >= 3.0 {
        "large text and borders only"
    } else {
        "decoration only"
    };
    format!("{ratio:.1}:1, {meets}")
}

#[component]
pub fn Tokens() -> impl IntoView {
    document().set_title("Design tokens – Provider Portal gallery");
    let all = tokens();
    let white = [255, 255, 255];
    let ink = all
        .iter()
        .find(|token| token.name == "color-ink")
        .and_then(|token| rgb(&token.value))
        .unwrap_or([0, 0, 0]);
    let colours = all
        .iter()
        .filter_map(|token| rgb(&token.value).map(|colour| (token.clone(), colour)))
        .map(|(token, colour)| {
            view! {
                <li class="gallery-swatch">
                    <div
                        class="gallery-swatch__colour"
                        style:background-color=format!("var(--{})", token.name)
                    ></div>
                    <p>
                        <code>{format!("--{}", token.name)}</code>
                        " "
                        {token.value.clone()}
                    </p>
                    <p>"On white: " {verdict(contrast(colour, white))}</p>
                    <p>"With the ink: " {verdict(contrast(colour, ink))}</p>
                </li>
            }
        })
        .collect_view();
    let named = |prefix: &'static str| {
        all.iter()
            .filter(move |token| token.name.starts_with(prefix))
            .cloned()
            .collect::<Vec<_>>()
    };
    let spacing = named("space-")
        .into_iter()
        .map(|token| {
            let drawn = view! {
                <span class="gallery-space" style:width=format!("var(--{})", token.name)></span>
            };
            (token, Some(drawn.into_any()))
        })
        .collect();
    let type_scale = named("font-size-")
        .into_iter()
        .map(|token| {
            let drawn = view! {
                <span style:font-size=format!("var(--{})", token.name)>"Office Administrator"</span>
            };
            (token, Some(drawn.into_any()))
        })
        .collect();
    let other = all
        .iter()
        .filter(|token| {
            rgb(&token.value).is_none()
                && !token.name.starts_with("space-")
                && !token.name.starts_with("font-size-")
        })
        .map(|token| (token.clone(), None))
        .collect();
    view! {
        <div class="gallery-bar">
            <div class="container gallery-bar__row">
                <a href="/gallery">"Provider Portal gallery"</a>
                <span>"Design tokens"</span>
            </div>
        </div>
        <main class="main" id="main-content">
            <div class="container">
                <h1 class="page-heading">"Design tokens"</h1>
                <p class="lead">
                    "Read from style/tokens.css, the one place they are defined; each drawn with the token itself. Contrast is WCAG 2.1's: 4.5:1 for text (AA), 3:1 for large text and for borders and focus indicators."
                </p>
                <h2>"Colours"</h2>
                <ul class="gallery-swatches">{colours}</ul>
                <h2>"Spacing"</h2>
                {token_table("Spacing steps", Some("Drawn"), spacing)}
                <h2>"Type scale"</h2>
                {token_table("Type sizes", Some("Sample"), type_scale)}
                <h2>"Type, shape and measure"</h2>
                {token_table("Other tokens", None, other)}
            </div>
        </main>
    }
}

/// Tokens with their values and, when `drawn` names a column, each drawn with itself.
fn token_table(
    caption: &'static str,
    drawn: Option<&'static str>,
    rows: Vec<(Token, Option<AnyView>)>,
) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(token, shown)| {
            view! {
                <tr>
                    <th scope="row">
                        <code>{format!("--{}", token.name)}</code>
                    </th>
                    <td>{token.value}</td>
                    {shown.map(|shown| view! { <td>{shown}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        // A region that scrolls is reached by the keyboard too.
        <div class="gallery-table-scroll" role="region" aria-label=caption tabindex="0">
            <table class="table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Token"</th>
                        <th scope="col">"Value"</th>
                        {drawn.map(|heading| view! { <th scope="col">{heading}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
