//! Small helpers over quick-xml shared by the GEXF and GraphML readers and writers: attribute
//! lists, entity references in text, error positions, and escaping for output.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::XmlVersion;

pub use super::LineCounter;
use super::{locate, ParseError};

/// An element's attributes as (local name, unescaped value).
pub fn attributes(e: &BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| format!("bad attribute: {err}"))?;
        let name = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| format!("bad value of attribute \"{name}\": {err}"))?;
        out.push((name, value.into_owned()));
    }
    Ok(out)
}

/// Looks up an attribute by name.
pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The local name of an element, lower-cased.
pub fn local_name(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase()
}

/// The text a `&…;` reference in content stands for (character references and the five
/// predefined entities); `None` for anything else.
pub fn resolve_reference(r: &BytesRef<'_>) -> Option<String> {
    if let Ok(Some(ch)) = r.resolve_char_ref() {
        return Some(ch.to_string());
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
}

/// The next event and the byte position where it starts; malformed XML is an error at the
/// position the reader stopped.
pub fn next_event<'a>(
    reader: &mut quick_xml::Reader<&'a [u8]>,
    text: &str,
) -> Result<(u64, quick_xml::events::Event<'a>), ParseError> {
    let position = reader.buffer_position();
    reader
        .read_event()
        .map(|event| (position, event))
        .map_err(|e| {
            error_at(
                text,
                reader.error_position(),
                format!("not well-formed XML: {e}"),
            )
        })
}

/// A parse error at a byte position of the text.
pub fn error_at(text: &str, position: u64, message: impl Into<String>) -> ParseError {
    let (line, column) = locate(text, usize::try_from(position).unwrap_or(usize::MAX));
    ParseError {
        line,
        column,
        message: message.into(),
    }
}

/// The core's one escaper of text for XML and HTML, in an element or an attribute with either
/// quote: `&`, `<`, `>`, `"` and `'` become references (`'` as `&#39;`, which HTML 4 reads too);
/// characters XML 1.0 forbids (control characters other than tab, line feed and carriage
/// return; U+FFFE, U+FFFF) become U+FFFD, so labels that differ only by one stay different.
/// The graph files and the SVG and HTML exports all use it.
pub fn escape(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    let Some(start) = text.find(|c| matches!(c, '&' | '<' | '>' | '"' | '\'') || forbidden(c))
    else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    for c in text[start..].chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_both_quotes_and_forbidden_characters() {
        let check = |text: &str, want: &str| assert_eq!(escape(text), want, "{text:?}");
        check("plain 0xab…cd", "plain 0xab…cd");
        check("<script>&\"'", "&lt;script&gt;&amp;&quot;&#39;");
        check("]]> &amp;", "]]&gt; &amp;amp;");
        check(
            "bell\u{7}nul\u{0}esc\u{1b}\u{ffff}",
            "bell\u{fffd}nul\u{fffd}esc\u{fffd}\u{fffd}",
        );
        check("tab\tline\ncr\r", "tab\tline\ncr\r");
        assert!(matches!(
            escape("kept as is"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
