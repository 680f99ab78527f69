//! Page titles, the `?next=` return path of the sign-in page, and URL query strings.

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

/// `?key=value&…` from pairs, or nothing when there are none.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let joined = pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode_query_value(key), encode_query_value(value)))
        .collect::<Vec<_>>()
        .join("&");
    if joined.is_empty() {
        joined
    } else {
        format!("?{joined}")
    }
}

/// The pairs of a URL query (`a=1&b=x%20y`, with or without its `?`), decoded as a browser's
/// form decoding does: `+` is a space, `%XX` a byte, and bytes that are not UTF-8 are replaced.
pub fn decode_query(search: &str) -> Vec<(String, String)> {
    search
        .strip_prefix('?')
        .unwrap_or(search)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(key), decode_component(value))
        })
        .collect()
}

fn decode_component(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => {
                if let (Some(high), Some(low)) = (hex(index + 1), hex(index + 2)) {
                    out.push((high * 16 + low) as u8);
                    index += 2;
                } else {
                    out.push(b'%');
                }
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    fn query_strings_round_trip_through_decoding() {
        let pairs = [
            ("q", "50% off & more/ü".to_owned()),
            ("page", "2".to_owned()),
        ];
        let text = query_string(&pairs);
        assert_eq!(text, "?q=50%25%20off%20%26%20more/%C3%BC&page=2");
        let decoded = decode_query(&text);
        assert_eq!(
            decoded,
            vec![
                ("q".to_owned(), "50% off & more/ü".to_owned()),
                ("page".to_owned(), "2".to_owned())
            ]
        );
        assert_eq!(query_string(&[]), "");
    }

    #[test]
    fn decoding_reads_what_browsers_and_people_write() {
        assert_eq!(
            decode_query("q=riley+morgan&status=&flag&bad=%zz%4"),
            vec![
                ("q".to_owned(), "riley morgan".to_owned()),
                ("status".to_owned(), String::new()),
                ("flag".to_owned(), String::new()),
                ("bad".to_owned(), "%zz%4".to_owned()),
            ]
        );
        assert!(decode_query("").is_empty());
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
