//! Notes the investigator keeps on an address or on a flow: free text and a colour. The text is
//! untrusted when it comes from a case file, so renderers show it as text only.

use super::View;
use crate::model::NodeId;

/// What a note is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    Node(NodeId),
    /// The flow from the first address to the second.
    Flow(NodeId, NodeId),
}

/// Longest note kept, in characters; longer text is cut there.
pub const MAX_NOTE_CHARS: usize = 10_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    /// `#rrggbb`, lower case.
    pub colour: Option<String>,
}

/// `#rrggbb` (any case, with or without `#`) lower-cased, or `None` when it is not one.
pub fn parse_colour(raw: &str) -> Option<String> {
    let hex = raw.trim().trim_start_matches('#');
    (hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

impl View {
    /// Sets the note on `mark`; an empty text with no (valid) colour removes it.
    pub fn set_note(&mut self, mark: Mark, text: &str, colour: Option<&str>) {
        let text: String = text.trim().chars().take(MAX_NOTE_CHARS).collect();
        let colour = colour.and_then(parse_colour);
        if text.is_empty() && colour.is_none() {
            self.notes.remove(&mark);
        } else {
            self.notes.insert(mark, Note { text, colour });
        }
    }

    pub fn note(&self, mark: Mark) -> Option<&Note> {
        self.notes.get(&mark)
    }

    pub fn notes(&self) -> impl Iterator<Item = (Mark, &Note)> + '_ {
        self.notes.iter().map(|(m, n)| (*m, n))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_colour;

    #[test]
    fn only_six_digit_hex_colours_are_kept() {
        assert_eq!(parse_colour("#A0b1C2").as_deref(), Some("#a0b1c2"));
        assert_eq!(parse_colour("a0b1c2").as_deref(), Some("#a0b1c2"));
        for bad in [
            "",
            "#fff",
            "red",
            "#12345g",
            "#1234567",
            "url(x)",
            "#a0b1c2;x",
        ] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }
}
