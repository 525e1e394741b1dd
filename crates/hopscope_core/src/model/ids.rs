//! Typed identifiers: addresses, transaction hashes, chains, assets, and indices into the graph.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::sync::Arc;

use petgraph::stable_graph::NodeIndex;

/// An on-chain address as written in the source. EVM-style hex addresses (`0x` + 40 hex digits)
/// are case-insensitive on chain, so they are stored lower-cased; anything else is kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address(String);

impl Address {
    pub fn new(raw: &str) -> Self {
        Address(Address::normalized(raw).into_owned())
    }

    /// The text an address is stored as, borrowed when it already is in that form (so a
    /// lookup of a known address allocates nothing).
    pub fn normalized(raw: &str) -> Cow<'_, str> {
        let trimmed = raw.trim();
        // Postgres `bytea` as query tools write it (`\x8b2d…`, Dune's older engine): the same
        // EVM address as `0x8b2d…`.
        if let Some(hex) = trimmed
            .strip_prefix("\\x")
            .or_else(|| trimmed.strip_prefix("\\X"))
            .filter(|h| h.len() == 40 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            return Cow::Owned(format!("0x{}", hex.to_ascii_lowercase()));
        }
        let is_evm_hex = trimmed.len() == 42
            && (trimmed.starts_with("0x") || trimmed.starts_with("0X"))
            && trimmed[2..].bytes().all(|b| b.is_ascii_hexdigit());
        if is_evm_hex && trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(trimmed.to_ascii_lowercase())
        } else {
            Cow::Borrowed(trimmed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Address {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Bytes as lower-case hex, two digits each (a hash's text, a digest).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * bytes.len());
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// A chain name such as `ethereum` or `bitcoin`, lower-cased. Shared, so the many transfers
/// of one chain hold one copy of its name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chain(Arc<str>);

impl Chain {
    pub fn new(raw: &str) -> Self {
        Chain(raw.trim().to_ascii_lowercase().into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An asset symbol such as `ETH` or `USDT`, as the source writes it. Shared like `Chain`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Asset(pub Arc<str>);

impl Asset {
    pub fn new(symbol: &str) -> Self {
        Asset(symbol.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A node (address) of the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub NodeIndex<u32>);

impl NodeId {
    pub fn index(self) -> usize {
        self.0.index()
    }
}

/// A transfer, as an index into the graph's list of transfers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TransferId(pub u32);

impl TransferId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An inferred link by its two transfers: into the pool or bridge, and out of it; a conversion
/// by its first input and first output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkKey {
    pub into: TransferId,
    pub out: TransferId,
}
