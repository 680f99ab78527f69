//! Page titles and the `?next=` return path of the sign-in page.

pub const SITE_NAME: &str = "NCTracks Provider Portal";

/// `document.title` for a page: its heading first, so tabs and history read well.
pub fn page_title(heading: &str) -> String {
    format!("{heading} – {SITE_NAME}")
}

/// The sign-in page that returns to `path` afterwards.
pub fn login_path(path: &str) -> String {
    if path == "/" || path.is_empty() {
        "/login".to_owned()
    } else {
        format!("/login?next={}", encode_query_value(path))
    }
}

/// Where to go after signing in: only a path on this site, never another origin
/// (`//evil.example` or `https://…` would make the sign-in page an open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.starts_with("/login") =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Percent-encodes everything but the unreserved characters and `/` (RFC 3986).
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_page_then_the_site() {
        assert_eq!(page_title("Sign in"), "Sign in – NCTracks Provider Portal");
    }

    #[test]
    fn the_login_path_carries_the_page_to_return_to() {
        assert_eq!(login_path("/"), "/login");
        assert_eq!(
            login_path("/account?page=2&sort=name"),
            "/login?next=/account%3Fpage%3D2%26sort%3Dname"
        );
    }

    #[test]
    fn next_only_goes_to_paths_on_this_site() {
        assert_eq!(safe_next(Some("/account?page=2")), "/account?page=2");
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/login")), "/");
    }
}
