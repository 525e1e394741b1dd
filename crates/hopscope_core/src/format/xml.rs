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

/// Escapes text for an XML attribute or element (`&`, `<`, `>`, `'`, `"`); characters XML 1.0
/// forbids (control characters other than tab, line feed and carriage return) become U+FFFD.
pub fn escape(text: &str) -> Cow<'_, str> {
    let forbidden = |c: char| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r');
    if text.chars().any(forbidden) {
        let cleaned: String = text
            .chars()
            .map(|c| if forbidden(c) { '\u{fffd}' } else { c })
            .collect();
        Cow::Owned(quick_xml::escape::escape(cleaned.as_str()).into_owned())
    } else {
        quick_xml::escape::escape(text)
    }
}
