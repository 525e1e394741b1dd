//! The binary form in which read files cross from the import worker to the page: postcard,
//! with each chain and asset written once, amounts as their exact 16-byte form, and nodes
//! referred to by position. On arrival the case is rebuilt through the same `Graph` calls an
//! importer makes, so a file read in the worker gives the same case as one read on the page.

use serde::{Deserialize, Serialize};

use super::{Format, Imported, ParseError, Warning};
use crate::model::{
    Address, Amount, Asset, Case, Category, Chain, Graph, Node, NodeId, Transfer, TxHash,
};

/// One file as the worker read it: what `batch::combine` merges, plus the header row of a
/// table whose columns the user must name.
#[derive(Clone, Debug)]
pub struct ReadFile {
    pub name: String,
    pub detected: Option<Format>,
    pub result: Result<Imported<Case>, ParseError>,
    /// The header row when the file is a table that asks for a column mapping.
    pub headers: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct WireFile {
    name: String,
    detected: Option<Format>,
    result: Result<WireImported, ParseError>,
    headers: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct WireImported {
    format: Format,
    warnings: Vec<Warning>,
    case: WireCase,
}

#[derive(Serialize, Deserialize)]
struct WireCase {
    title: String,
    notes: String,
    seeds: Vec<u32>,
    /// The saved investigation as JSON (its optional fields do not suit postcard).
    investigation: Option<String>,
    /// The story as JSON, likewise.
    story: Option<String>,
    /// The files the case was built from: name, format, transfers added, warnings.
    sources: Vec<(String, String, u64, Vec<String>)>,
    chains: Vec<String>,
    assets: Vec<String>,
    nodes: Vec<WireNode>,
    transfers: Vec<WireTransfer>,
    /// US-dollar values by transfer position, and transactions' senders (node position) and
    /// memos (`Facts`).
    usd: Vec<(u32, ([u8; 32], u8))>,
    txs: Vec<(String, Option<u32>, Option<String>)>,
}

#[derive(Serialize, Deserialize)]
struct WireNode {
    address: String,
    chain: u32,
    label: Option<String>,
    label_source: Option<String>,
    category: Category,
    tags: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct WireTransfer {
    tx: String,
    from: u32,
    to: u32,
    amount: ([u8; 32], u8),
    asset: u32,
    timestamp: Option<i64>,
    chain: Option<u32>,
    block: Option<u64>,
    fee: Option<([u8; 32], u8)>,
    index: Option<u32>,
}

/// Encodes read files for the page.
pub fn encode(files: &[ReadFile]) -> Vec<u8> {
    let wire: Vec<WireFile> = files
        .iter()
        .map(|f| WireFile {
            name: f.name.clone(),
            detected: f.detected,
            result: f
                .result
                .as_ref()
                .map_err(Clone::clone)
                .map(|i| WireImported {
                    format: i.format,
                    warnings: i.warnings.clone(),
                    case: to_wire(&i.value),
                }),
            headers: f.headers.clone(),
        })
        .collect();
    // Serialising plain structs into a Vec cannot fail.
    postcard::to_allocvec(&wire).unwrap_or_default()
}

/// Decodes what `encode` wrote; any inconsistency is an error, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Vec<ReadFile>, String> {
    let wire: Vec<WireFile> = postcard::from_bytes(bytes)
        .map_err(|e| format!("the import worker's answer is damaged ({e})"))?;
    wire.into_iter()
        .map(|f| {
            let result = match f.result {
                Err(e) => Err(e),
                Ok(i) => Ok(Imported {
                    format: i.format,
                    warnings: i.warnings,
                    value: from_wire(i.case)?,
                }),
            };
            Ok(ReadFile {
                name: f.name,
                detected: f.detected,
                result,
                headers: f.headers,
            })
        })
        .collect()
}

/// Interns strings into a table, returning each one's position.
#[derive(Default)]
struct Table {
    list: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl Table {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        i
    }
}

fn to_wire(case: &Case) -> WireCase {
    let mut chains = Table::default();
    let mut assets = Table::default();
    let mut position = rustc_hash::FxHashMap::default();
    let mut nodes = Vec::with_capacity(case.graph.n_nodes());
    for (id, node) in case.graph.nodes() {
        position.insert(id, nodes.len() as u32);
        nodes.push(WireNode {
            address: node.address.as_str().to_owned(),
            chain: chains.id(node.chain.as_str()),
            label: node.label.clone(),
            label_source: node.label_source.clone(),
            category: node.category,
            tags: node.tags.clone(),
        });
    }
    let at = |id: NodeId| position.get(&id).copied().unwrap_or(u32::MAX);
    let transfers = case
        .graph
        .transfers()
        .iter()
        .map(|t| WireTransfer {
            tx: t.tx.as_str().to_owned(),
            from: at(t.from),
            to: at(t.to),
            amount: t.amount.to_bytes(),
            asset: assets.id(t.asset.as_str()),
            timestamp: t.timestamp,
            chain: t.chain.as_ref().map(|c| chains.id(c.as_str())),
            block: t.block,
            fee: t.fee.map(Amount::to_bytes),
            index: t.index,
        })
        .collect();
    WireCase {
        title: case.title.clone(),
        notes: case.notes.clone(),
        seeds: case.seeds.iter().map(|&s| at(s)).collect(),
        investigation: case
            .investigation
            .as_ref()
            .and_then(|i| serde_json::to_string(i).ok()),
        story: case
            .story
            .as_ref()
            .and_then(|s| serde_json::to_string(s).ok()),
        sources: case
            .sources
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.format.clone(),
                    s.transfers as u64,
                    s.warnings.clone(),
                )
            })
            .collect(),
        chains: chains.list,
        assets: assets.list,
        nodes,
        transfers,
        usd: case
            .facts
            .usd_values()
            .map(|(id, usd)| (id.0, usd.to_bytes()))
            .collect(),
        txs: case
            .facts
            .transactions()
            .into_iter()
            .map(|(tx, sender, memo)| (tx, sender.map(at), memo))
            .collect(),
    }
}

fn from_wire(wire: WireCase) -> Result<Case, String> {
    let damaged = |what: &str| format!("the import worker's answer is damaged ({what})");
    let chains: Vec<Chain> = wire.chains.iter().map(|c| Chain::new(c)).collect();
    let assets: Vec<Asset> = wire.assets.iter().map(|a| Asset::new(a)).collect();
    let chain = |i: u32| {
        chains
            .get(i as usize)
            .cloned()
            .ok_or_else(|| damaged("chain"))
    };
    let amount = |b| Amount::from_bytes(b).ok_or_else(|| damaged("amount"));
    let mut graph = Graph::new();
    let mut ids = Vec::with_capacity(wire.nodes.len());
    for n in wire.nodes {
        let (id, _) = graph.add_node(Node {
            address: Address::new(&n.address),
            chain: chain(n.chain)?,
            label: n.label,
            label_source: n.label_source,
            category: n.category,
            tags: n.tags,
        });
        ids.push(id);
    }
    let node = |i: u32| ids.get(i as usize).copied().ok_or_else(|| damaged("node"));
    let mut transfer_ids = Vec::with_capacity(wire.transfers.len());
    for t in wire.transfers {
        // A transfer the rebuilt graph already holds was a duplicate there too: not added.
        let added = graph.add_transfer(Transfer {
            tx: TxHash(t.tx),
            from: node(t.from)?,
            to: node(t.to)?,
            amount: amount(t.amount)?,
            asset: assets
                .get(t.asset as usize)
                .cloned()
                .ok_or_else(|| damaged("asset"))?,
            timestamp: t.timestamp,
            chain: t.chain.map(chain).transpose()?,
            block: t.block,
            fee: t.fee.map(amount).transpose()?,
            index: t.index,
        });
        transfer_ids.push(added.unwrap_or_else(|id| id));
    }
    let mut facts = crate::model::Facts::default();
    for (k, usd) in wire.usd {
        let id = transfer_ids
            .get(k as usize)
            .copied()
            .ok_or_else(|| damaged("usd"))?;
        facts.set_usd(id, amount(usd)?);
    }
    for (tx, sender, memo) in wire.txs {
        let tx = TxHash(tx);
        if let Some(sender) = sender {
            facts.set_sender(&tx, node(sender)?);
        }
        if let Some(memo) = memo {
            facts.set_memo(&tx, &memo);
        }
    }
    let seeds = wire.seeds.into_iter().map(node).collect::<Result<_, _>>()?;
    Ok(Case {
        title: wire.title,
        notes: wire.notes,
        graph,
        seeds,
        investigation: wire
            .investigation
            .and_then(|text| serde_json::from_str(&text).ok()),
        story: wire.story.and_then(|text| serde_json::from_str(&text).ok()),
        book: super::label_list::bundled_book(),
        facts,
        sources: wire
            .sources
            .into_iter()
            .map(|(name, format, transfers, warnings)| crate::model::Source {
                name,
                format,
                transfers: usize::try_from(transfers).unwrap_or(usize::MAX),
                warnings,
            })
            .collect(),
    })
}
