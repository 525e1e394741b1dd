//! What the page's address asks for: `?embed`, `?case=NAME`, `&step=K`, `?present`,
//! `?renderer=…`, and a case file carried in the fragment (`#case=` and URL-safe base64, which
//! browsers never send to a server).

use base64::Engine;

/// A parameter of the page's query string, decoded.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// The story step the address asks for (`&step=K`, counted from 1), as an index.
pub fn step_asked() -> Option<usize> {
    let k = query_param("step")?.trim().parse::<usize>().ok()?;
    Some(k.saturating_sub(1))
}

/// Whether the page was opened as an embed (`?embed`).
pub fn embed_asked() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .is_some_and(|p| p.has("embed"))
}

/// The case file in the fragment (`#case=…`, URL-safe base64, padding optional).
pub fn fragment_case(hash: &str) -> Option<Result<String, String>> {
    let encoded = hash.trim_start_matches('#').strip_prefix("case=")?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|e| format!("the case in the address (#case=…) is not URL-safe base64: {e}"));
    Some(bytes.and_then(|b| {
        String::from_utf8(b)
            .map_err(|_| "the case in the address (#case=…) is not UTF-8 text".to_owned())
    }))
}

/// The fragment that carries a case file: `case=` and its URL-safe base64.
pub fn case_fragment(case_file: &str) -> String {
    format!(
        "case={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(case_file)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_survives_the_fragment_and_bad_fragments_say_why() {
        let text = "{\"title\": \"Ünïcode ]]> <b>\"}";
        let fragment = case_fragment(text);
        assert!(fragment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "=-_".contains(c)));
        assert_eq!(
            fragment_case(&format!("#{fragment}")),
            Some(Ok(text.to_owned()))
        );
        assert_eq!(fragment_case("#other=1"), None);
        assert!(fragment_case("#case=***")
            .unwrap()
            .unwrap_err()
            .contains("base64"));
        let not_utf8 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([0xff, 0xfe]);
        assert!(fragment_case(&format!("#case={not_utf8}"))
            .unwrap()
            .unwrap_err()
            .contains("UTF-8"));
    }
}
