//! The case format v1 (`docs/FORMAT.md`, `docs/case-v1.schema.json`): raw serde structs that
//! mirror the file, converted once into the model. Values are checked while deserializing, so
//! serde_json reports the line and column of a bad value.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::json::json_error;
use super::{Format, Imported, ParseError, Warning, WarningSink};
use crate::model::Investigation;
use crate::model::Story;
use crate::model::{
    Address, Amount, Asset, Case, Category, Chain, Graph, Node, NodeId, Source, Transfer, TxHash,
};

const FORMAT_MARKER: &str = "hopscope-case";

#[derive(Deserialize)]
struct RawCase {
    #[allow(dead_code)]
    format: Marker,
    #[allow(dead_code)]
    version: VersionOne,
    #[serde(default)]
    title: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    nodes: Vec<RawNode>,
    #[serde(default)]
    transfers: Vec<RawTransfer>,
    #[serde(default)]
    seeds: Vec<String>,
    #[serde(default)]
    /// Read loosely: a damaged investigation is skipped with a warning, and the data opens.
    investigation: Option<serde_json::Value>,
    /// Read loosely too: a damaged story is skipped with a warning.
    #[serde(default)]
    story: Option<serde_json::Value>,
    /// Transactions' senders and memos (`Facts`).
    #[serde(default)]
    transactions: Vec<RawTx>,
    /// The files the case was built from. Read loosely: a damaged list is skipped.
    #[serde(default)]
    sources: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RawTx {
    tx: String,
    #[serde(default)]
    sender: Option<String>,
    #[serde(default)]
    memo: Option<String>,
}

#[derive(Deserialize)]
struct RawNode {
    id: String,
    #[serde(default)]
    label_source: Option<String>,
    #[serde(default)]
    chain: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    category: CategoryField,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct RawTransfer {
    tx: String,
    from: String,
    to: String,
    amount: DecimalField,
    asset: String,
    #[serde(default)]
    timestamp: Option<i64>,
    #[serde(default)]
    chain: Option<String>,
    #[serde(default)]
    block: Option<u64>,
    #[serde(default)]
    fee: Option<DecimalField>,
    #[serde(default)]
    index: Option<u32>,
    /// Its US-dollar value at the time, where the source file gave one.
    #[serde(default)]
    usd: Option<DecimalField>,
}

/// Reads a case file v1. Errors name line and column; skipped or repaired entries become warnings.
pub fn parse_case_v1(text: &str) -> Result<Imported<Case>, ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawCase = serde_json::from_str(body).map_err(|e| json_error(e, body))?;
    let mut warnings = WarningSink::default();
    let case = raw.into_case(&mut warnings);
    Ok(Imported {
        format: Format::CaseV1,
        value: case,
        warnings: warnings.finish(),
    })
}

impl RawCase {
    fn into_case(self, warnings: &mut WarningSink) -> Case {
        let mut graph = Graph::new();
        let mut first_seen: HashMap<NodeId, usize> = HashMap::new();
        for (i, raw) in self.nodes.into_iter().enumerate() {
            if raw.id.trim().is_empty() {
                warnings.add(warn(
                    format!("nodes[{i}].id"),
                    "empty address; node skipped",
                ));
                continue;
            }
            let node = Node {
                address: Address::new(&raw.id),
                chain: Chain::new(raw.chain.as_deref().unwrap_or("unknown")),
                label: raw.label.filter(|l| !l.trim().is_empty()),
                category: raw.category.0,
                tags: raw.tags,
                label_source: raw.label_source.filter(|s| !s.trim().is_empty()),
            };
            let (id, is_new) = graph.add_node(node);
            if is_new {
                first_seen.insert(id, i);
            } else {
                let first = first_seen.get(&id).copied().unwrap_or_default();
                warnings.add(warn(
                    format!("nodes[{i}]"),
                    format!("same address as nodes[{first}]; kept the first"),
                ));
            }
        }
        // The file position of each stored transfer, to name duplicates.
        let mut raw_index_of: Vec<usize> = Vec::new();
        let mut facts = crate::model::Facts::default();
        for (i, raw) in self.transfers.into_iter().enumerate() {
            let chain = raw.chain.as_deref().map(Chain::new);
            let from = endpoint(
                &mut graph,
                &raw.from,
                &chain,
                format!("transfers[{i}].from"),
                warnings,
            );
            let to = endpoint(
                &mut graph,
                &raw.to,
                &chain,
                format!("transfers[{i}].to"),
                warnings,
            );
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            let usd = raw.usd.map(|u| u.0);
            let added = graph.add_transfer(Transfer {
                tx: TxHash::from(raw.tx),
                from,
                to,
                amount: raw.amount.0,
                asset: Asset(raw.asset.into()),
                timestamp: raw.timestamp,
                chain,
                block: raw.block,
                fee: raw.fee.map(|f| f.0.pack()),
                index: raw.index,
            });
            match added {
                Ok(id) => {
                    raw_index_of.push(i);
                    if let Some(usd) = usd {
                        facts.set_usd(id, usd);
                    }
                }
                Err(existing) => {
                    let first = raw_index_of
                        .get(existing.index())
                        .copied()
                        .unwrap_or_default();
                    warnings.add(warn(
                        format!("transfers[{i}]"),
                        format!("same transfer as transfers[{first}] (same tx, index, endpoints, asset and amount); kept once"),
                    ));
                }
            }
        }
        for (i, raw) in self.transactions.iter().enumerate() {
            let tx = TxHash::from(raw.tx.clone());
            if let Some(sender) = &raw.sender {
                match graph.node_by_address(&Address::new(sender)) {
                    Some(id) => facts.set_sender(&tx, id),
                    None => warnings.add(warn(
                        format!("transactions[{i}].sender"),
                        format!("\"{sender}\" is not an address of this case; sender skipped"),
                    )),
                }
            }
            if let Some(memo) = &raw.memo {
                if memo.trim().len() > crate::model::memo::MAX_MEMO_LEN {
                    warnings.add(warn(
                        format!("transactions[{i}].memo"),
                        format!(
                            "longer than {} characters, which no swap protocol writes; not kept",
                            crate::model::memo::MAX_MEMO_LEN
                        ),
                    ));
                } else if let Some(why) = crate::model::memo::swap_memo_problem(memo) {
                    warnings.add(warn(format!("transactions[{i}].memo"), why));
                }
                facts.set_memo(&tx, memo);
            }
        }
        let mut seeds = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, seed) in self.seeds.iter().enumerate() {
            match graph.node_by_address(&Address::new(seed)) {
                Some(id) if seen.insert(id) => seeds.push(id),
                Some(_) => {}
                None => warnings.add(warn(
                    format!("seeds[{i}]"),
                    format!("\"{seed}\" is not an address of this case; seed skipped"),
                )),
            }
        }
        Case {
            title: self.title,
            notes: self.notes,
            graph,
            seeds,
            investigation: self.investigation.and_then(|raw| {
                match serde_json::from_value::<Investigation>(raw) {
                    Ok(i) => Some(i),
                    Err(e) => {
                        warnings.add(warn(
                            "investigation".to_owned(),
                            format!("not read ({e}); the case opens without its saved view"),
                        ));
                        None
                    }
                }
            }),
            story: self
                .story
                .and_then(|raw| match serde_json::from_value::<Story>(raw) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        warnings.add(warn(
                            "story".to_owned(),
                            format!("not read ({e}); the case opens without its story"),
                        ));
                        None
                    }
                }),
            book: super::label_list::bundled_book(),
            facts: {
                // Read whole: sorted once, so lookups are binary searches.
                facts.shrink_to_fit();
                facts
            },
            sources: self
                .sources
                .and_then(|raw| match serde_json::from_value::<Vec<Source>>(raw) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        warnings.add(warn(
                            "sources".to_owned(),
                            format!(
                                "not read ({e}); the list of files the case came from is left out"
                            ),
                        ));
                        None
                    }
                })
                .unwrap_or_default(),
        }
    }
}

/// Finds a transfer's endpoint, adding an `unknown` node (with a warning) when the case lists
/// the transfer but not the address.
fn endpoint(
    graph: &mut Graph,
    raw: &str,
    chain: &Option<Chain>,
    location: String,
    warnings: &mut WarningSink,
) -> Option<NodeId> {
    if raw.trim().is_empty() {
        warnings.add(warn(location, "empty address; transfer skipped"));
        return None;
    }
    let address = Address::new(raw);
    if let Some(id) = graph.node_by_address(&address) {
        return Some(id);
    }
    warnings.add(warn(
        location,
        format!("address \"{raw}\" is not among the nodes; added it with category unknown"),
    ));
    let node = Node {
        address,
        chain: chain.clone().unwrap_or_else(|| Chain::new("unknown")),
        label: None,
        category: Category::Unknown,
        tags: vec![],
        label_source: None,
    };
    Some(graph.add_node(node).0)
}

fn warn(location: String, message: impl Into<String>) -> Warning {
    Warning {
        location,
        message: message.into(),
    }
}

/// Writes a case as a v1 file (pretty-printed JSON). Reading it back gives the same case.
pub fn write_case_v1(case: &Case) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_case_v1_to(case, &mut bytes, true);
    bytes.push(b'\n');
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes a case as a v1 file to `out`, pretty-printed or compact (as autosave stores it):
/// the addresses and transfers are written one at a time as they are serialised, so no copy
/// of them is made on the way, and a writer that passes the bytes on holds little at once.
pub fn write_case_v1_to(
    case: &Case,
    out: impl std::io::Write,
    pretty: bool,
) -> std::io::Result<()> {
    let graph = &case.graph;
    let address = |id: NodeId| {
        graph
            .node(id)
            .map(|n| n.address.as_str())
            .unwrap_or_default()
    };
    let case_out = OutCase {
        format: FORMAT_MARKER,
        version: 1,
        title: &case.title,
        notes: &case.notes,
        nodes: Lazy(|| {
            graph.nodes().map(|(_, n)| OutNode {
                id: n.address.as_str(),
                chain: n.chain.as_str(),
                label: n.label.as_deref(),
                category: n.category.as_str(),
                tags: &n.tags,
                label_source: n.label_source.as_deref(),
            })
        }),
        transfers: Lazy(|| {
            graph
                .transfers()
                .iter()
                .enumerate()
                .map(move |(k, t)| OutTransfer {
                    tx: t.tx.as_str(),
                    from: address(t.from),
                    to: address(t.to),
                    amount: t.amount.to_string(),
                    asset: t.asset.as_str(),
                    timestamp: t.timestamp,
                    chain: t.chain.as_ref().map(|c| c.as_str()),
                    block: t.block,
                    fee: t.fee.as_ref().map(|f| f.get().to_string()),
                    index: t.index,
                    usd: case
                        .facts
                        .usd(crate::model::TransferId(k as u32))
                        .map(|u| u.to_string()),
                })
        }),
        transactions: case
            .facts
            .transactions()
            .into_iter()
            .map(|(tx, sender, memo)| OutTx {
                tx,
                sender: sender.map(|s| address(s).to_owned()),
                memo,
            })
            .collect(),
        seeds: case.seeds.iter().map(|&s| address(s)).collect(),
        investigation: case.investigation.as_ref(),
        story: case.story.as_ref(),
        sources: &case.sources,
    };
    let result = if pretty {
        serde_json::to_writer_pretty(out, &case_out)
    } else {
        serde_json::to_writer(out, &case_out)
    };
    result.map_err(std::io::Error::other)
}

/// A list serialised from a fresh iterator each time, one item at a time.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct OutCase<'a, N, T> {
    format: &'static str,
    version: u32,
    title: &'a str,
    notes: &'a str,
    nodes: N,
    transfers: T,
    seeds: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    investigation: Option<&'a Investigation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<&'a Story>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    transactions: Vec<OutTx>,
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    sources: &'a [Source],
}

#[derive(Serialize)]
struct OutTx {
    tx: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    memo: Option<String>,
}

#[derive(Serialize)]
struct OutNode<'a> {
    id: &'a str,
    chain: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    category: &'static str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    label_source: Option<&'a str>,
}

#[derive(Serialize)]
struct OutTransfer<'a> {
    tx: crate::model::TxText<'a>,
    from: &'a str,
    to: &'a str,
    amount: String,
    asset: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chain: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    block: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    usd: Option<String>,
}

/// `"format": "hopscope-case"`, checked where it stands.
struct Marker;

impl<'de> Deserialize<'de> for Marker {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text == FORMAT_MARKER {
            Ok(Marker)
        } else {
            Err(de::Error::custom(format!(
                "\"format\" is \"{text}\", expected \"{FORMAT_MARKER}\""
            )))
        }
    }
}

/// `"version": 1`; other versions are refused with a clear message.
struct VersionOne;

impl<'de> Deserialize<'de> for VersionOne {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let version = u64::deserialize(d)?;
        if version == 1 {
            Ok(VersionOne)
        } else {
            Err(de::Error::custom(format!(
                "case format version {version} is not supported; this hopscope reads version 1"
            )))
        }
    }
}

#[derive(Default)]
struct CategoryField(Category);

impl<'de> Deserialize<'de> for CategoryField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map(CategoryField).map_err(de::Error::custom)
    }
}

/// An amount written as a decimal string; a JSON number is refused because it may already
/// have lost precision.
struct DecimalField(Amount);

impl<'de> Deserialize<'de> for DecimalField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;
        impl Visitor<'_> for DecimalVisitor {
            type Value = DecimalField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a decimal string such as \"12.5\" (amounts are strings so they stay exact)",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DecimalField, E> {
                Amount::parse(v).map(DecimalField).map_err(E::custom)
            }
        }
        d.deserialize_str(DecimalVisitor)
    }
}
