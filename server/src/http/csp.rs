//! The Content-Security-Policy, with the sha256 of each inline `<script>` of the built
//! index.html (trunk writes an inline module loader), computed at start-up.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for every response. `script_hashes` are CSP source expressions (`'sha256-…'`).
pub fn policy(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        script_src.push(' ');
        script_src.push_str(hash);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// `'sha256-<base64>'` of the exact text of every `<script>` without a `src` attribute.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    inline_scripts(html)
        .into_iter()
        .map(|body| {
            format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(body.as_bytes()))
            )
        })
        .collect()
}

fn inline_scripts(html: &str) -> Vec<&str> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<script") {
        let name_end = from + found + "<script".len();
        let Some(after_name) = lower[name_end..].chars().next() else {
            break;
        };
        if !(after_name.is_ascii_whitespace() || after_name == '>' || after_name == '/') {
            // `<scripts>` or similar: not a script element.
            from = name_end;
            continue;
        }
        let Some(tag_end) = open_tag_end(&lower, name_end) else {
            break;
        };
        let body_start = tag_end + 1;
        let Some(close) = lower[body_start..].find("</script") else {
            break;
        };
        if !has_attribute(&lower[name_end..tag_end], "src") {
            scripts.push(&html[body_start..body_start + close]);
        }
        from = body_start + close;
    }
    scripts
}

/// The index of the `>` closing an open tag whose attributes start at `from`, skipping quoted
/// attribute values (which may contain `>`).
fn open_tag_end(html: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (offset, c) in html[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return Some(from + offset),
            _ => {}
        }
    }
    None
}

/// Whether the (lower-cased) attribute text of a tag has an attribute called `name`.
fn has_attribute(attributes: &str, name: &str) -> bool {
    let mut chars = attributes.chars().peekable();
    loop {
        while chars
            .next_if(|c| c.is_ascii_whitespace() || *c == '/')
            .is_some()
        {}
        let mut attribute = String::new();
        while let Some(c) = chars.next_if(|c| !(c.is_ascii_whitespace() || *c == '=' || *c == '/'))
        {
            attribute.push(c);
        }
        if attribute.is_empty() {
            return false;
        }
        if attribute == name {
            return true;
        }
        while chars.next_if(char::is_ascii_whitespace).is_some() {}
        if chars.next_if_eq(&'=').is_some() {
            while chars.next_if(char::is_ascii_whitespace).is_some() {}
            match chars.next_if(|c| *c == '"' || *c == '\'') {
                Some(quote) => while chars.next().is_some_and(|c| c != quote) {},
                None => while chars.next_if(|c| !c.is_ascii_whitespace()).is_some() {},
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = "\nimport init, * as bindings from '/provider-portal-1a2b.js';\n\
const wasm = await init({ module_or_path: '/provider-portal-1a2b_bg.wasm' });\n\
window.wasmBindings = bindings;\n\
dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n";

    fn sample_index() -> String {
        format!(
            "<!DOCTYPE html><html><head>\
             <link rel=\"stylesheet\" href=\"/base-9f.css\">\
             <script src=\"/analytics.js\" data-x=\"a>b\"></script>\
             <link rel=\"modulepreload\" href=\"/provider-portal-1a2b.js\" crossorigin=\"anonymous\">\
             <SCRIPT type=\"module\">{LOADER}</SCRIPT>\
             </head><body><script>window.x = 1;</script></body></html>"
        )
    }

    #[test]
    fn finds_inline_scripts_only() {
        let html = sample_index();
        assert_eq!(inline_scripts(&html), vec![LOADER, "window.x = 1;"]);
    }

    #[test]
    fn hashes_the_exact_script_text() {
        let hashes = inline_script_hashes(&sample_index());
        // Independently: `printf 'window.x = 1;' | openssl dgst -sha256 -binary | base64`.
        assert_eq!(
            hashes[1],
            "'sha256-U1BU0BfAhaBREBgsEDDctSYokOF3U7hQUIj6mrtukfw='"
        );
        let expected = STANDARD.encode(Sha256::digest(LOADER.as_bytes()));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        assert_eq!(hashes.len(), 2);
    }

    #[test]
    fn data_src_is_not_src() {
        assert!(has_attribute(" type=module src=/a.js", "src"));
        assert!(has_attribute(" async src", "src"));
        assert!(!has_attribute(" data-src=\"/a.js\" type=\"module\"", "src"));
        assert!(!has_attribute(" type=\"module\" title=\"src\"", "src"));
    }

    #[test]
    fn the_policy_lists_the_hashes() {
        let policy = policy(&["'sha256-abc='".to_owned()]);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='; "));
        assert!(policy.ends_with("frame-ancestors 'none'"));
    }
}
