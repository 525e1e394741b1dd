//! Transaction hashes, kept compact: nearly every transfer names one, and a million-transfer
//! case kept each as a 66-character string (about 84 bytes with its header in wasm). The two
//! usual spellings of a 32-byte hash — `0x` and 64 lower-case hex digits (EVM explorers) and
//! the 64 digits alone (Bitcoin) — are kept as their 32 bytes, and spelled out again exactly
//! when read (`as_str`); any other identifier is kept as its text.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// A transaction hash (or any transaction identifier the source uses), as the source wrote it.
/// Equal texts are equal hashes (each text has one form); there is no order (sort by
/// `as_str` to sort by text).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TxHash(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// `0x` and the 64 lower-case hex digits of these bytes.
    Prefixed([u8; 32]),
    /// The 64 lower-case hex digits of these bytes.
    Bare([u8; 32]),
    Text(Box<str>),
}

/// The 32 bytes that 64 lower-case hex digits spell; `None` for anything else (upper-case
/// digits too, so the text comes back exactly as written).
fn hash_bytes(digits: &str) -> Option<[u8; 32]> {
    let digit = |b: u8| match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    };
    if digits.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (pair, byte) in digits.as_bytes().chunks_exact(2).zip(out.iter_mut()) {
        *byte = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

impl TxHash {
    /// The identifier as written (not trimmed or re-cased: `key` is the spelling-free form).
    pub fn new(text: &str) -> TxHash {
        if let Some(bytes) = text.strip_prefix("0x").and_then(hash_bytes) {
            return TxHash(Repr::Prefixed(bytes));
        }
        match hash_bytes(text) {
            Some(bytes) => TxHash(Repr::Bare(bytes)),
            None => TxHash(Repr::Text(text.into())),
        }
    }

    /// The identifier's text, exactly as written.
    pub fn as_str(&self) -> TxText<'_> {
        let spelled = |prefix: &[u8], bytes: &[u8; 32]| {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            let mut buf = [0u8; 66];
            buf[..prefix.len()].copy_from_slice(prefix);
            for (i, b) in bytes.iter().enumerate() {
                buf[prefix.len() + 2 * i] = DIGITS[usize::from(b >> 4)];
                buf[prefix.len() + 2 * i + 1] = DIGITS[usize::from(b & 15)];
            }
            TxText(Text::Spelled(buf, (prefix.len() + 64) as u8))
        };
        match &self.0 {
            Repr::Prefixed(bytes) => spelled(b"0x", bytes),
            Repr::Bare(bytes) => spelled(b"", bytes),
            Repr::Text(text) => TxText(Text::Borrowed(text)),
        }
    }

    /// The hash as one key whatever its spelling: trimmed, lower-case, without `0x` (THORChain
    /// memos name an Ethereum hash in upper case without it).
    pub fn key(&self) -> String {
        match &self.0 {
            Repr::Prefixed(bytes) | Repr::Bare(bytes) => super::hex(bytes),
            Repr::Text(text) => {
                let t = text.trim();
                let t = t
                    .strip_prefix("0x")
                    .or_else(|| t.strip_prefix("0X"))
                    .unwrap_or(t);
                t.to_ascii_lowercase()
            }
        }
    }

    /// The 32 bytes of a hash kept as bytes (`None` for an identifier kept as text).
    pub fn bytes(&self) -> Option<&[u8; 32]> {
        match &self.0 {
            Repr::Prefixed(bytes) | Repr::Bare(bytes) => Some(bytes),
            Repr::Text(_) => None,
        }
    }
}

impl From<&str> for TxHash {
    fn from(text: &str) -> TxHash {
        TxHash::new(text)
    }
}

impl From<String> for TxHash {
    fn from(text: String) -> TxHash {
        TxHash::new(&text)
    }
}

impl fmt::Display for TxHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl fmt::Debug for TxHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TxHash({:?})", &*self.as_str())
    }
}

/// A transaction hash's text (`TxHash::as_str`): borrowed, or spelled out from its bytes on
/// the stack. Reads as a `&str`.
pub struct TxText<'a>(Text<'a>);

enum Text<'a> {
    Borrowed(&'a str),
    Spelled([u8; 66], u8),
}

impl Deref for TxText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Text::Borrowed(text) => text,
            // Hex digits and `0x` only: always UTF-8.
            Text::Spelled(buf, len) => std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or(""),
        }
    }
}

impl AsRef<str> for TxText<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq for TxText<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for TxText<'_> {}

impl PartialOrd for TxText<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TxText<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        (**self).cmp(&**other)
    }
}

impl Hash for TxText<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl fmt::Display for TxText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl serde::Serialize for TxText<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl fmt::Debug for TxText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_comes_back_exactly_and_the_usual_ones_are_packed() {
        let lower = "0x".to_owned() + &"0123456789abcdef".repeat(4);
        let bare = "ab".repeat(32);
        let upper = lower.to_uppercase().replacen("0X", "0x", 1);
        let cases = [
            (lower.as_str(), true),
            (bare.as_str(), true),
            (upper.as_str(), false),
            ("0xabc", false),
            ("edge:7", false),
            ("", false),
            (" 0x12 ", false),
        ];
        for (text, packed) in cases {
            let tx = TxHash::new(text);
            assert_eq!(&*tx.as_str(), text);
            assert_eq!(tx.to_string(), text);
            assert_eq!(tx.bytes().is_some(), packed, "{text}");
        }
        // One key whatever the spelling.
        assert_eq!(TxHash::new(&upper).key(), TxHash::new(&lower).key());
        assert_eq!(TxHash::new(&lower).key(), &lower[2..]);
        assert_eq!(TxHash::new(&bare).key(), bare);
        assert_ne!(TxHash::new(&upper), TxHash::new(&lower), "kept as written");
        assert!(std::mem::size_of::<TxHash>() <= 40);
    }
}
