//! What graph files (GEXF, GraphML, Cytoscape.js) have in common: nodes and edges with free
//! attributes. This maps attribute names the tools commonly use onto addresses and transfers,
//! and writes them back under hopscope's own names so a case round-trips.

use std::collections::HashMap;

use super::{ImportOptions, WarningSink};
use crate::model::{
    Address, Amount, Asset, Case, Category, Chain, Graph, Node, NodeId, Transfer, TxHash,
};

/// Attribute names, lower-cased, that mean the same thing.
const NODE_LABEL: &[&str] = &["label", "name"];
const NODE_CATEGORY: &[&str] = &["category", "type", "kind", "entity_type"];
const NODE_CHAIN: &[&str] = &["chain", "network", "blockchain"];
const NODE_TAGS: &[&str] = &["tags", "tag"];
const EDGE_TX: &[&str] = &[
    "tx",
    "hash",
    "txhash",
    "tx_hash",
    "transaction",
    "transaction_hash",
];
const EDGE_AMOUNT: &[&str] = &["amount", "value"];
const EDGE_ASSET: &[&str] = &["asset", "token", "symbol", "currency", "tokensymbol"];
const EDGE_TIME: &[&str] = &["timestamp", "time", "block_time", "unixtimestamp"];
const EDGE_CHAIN: &[&str] = &["chain", "network"];
const EDGE_BLOCK: &[&str] = &["block", "blocknumber", "block_number", "blockno"];
const EDGE_INDEX: &[&str] = &["index", "log_index", "logindex", "vout"];
const EDGE_FEE: &[&str] = &["fee", "txnfee"];

/// Attributes of one node or edge, by lower-cased name.
#[derive(Clone, Debug, Default)]
pub struct Attrs(pub HashMap<String, String>);

impl Attrs {
    pub fn insert(&mut self, name: &str, value: impl Into<String>) {
        self.0
            .insert(name.trim().to_ascii_lowercase(), value.into());
    }

    fn first(&self, names: &[&str]) -> Option<&str> {
        names
            .iter()
            .find_map(|n| self.0.get(*n))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// A `<node>` or `<edge>` element of an XML graph file being read: its own XML attributes and
/// the attribute values collected from its children.
pub struct XmlElement {
    pub is_edge: bool,
    pub own: Vec<(String, String)>,
    pub attrs: Attrs,
    pub line: usize,
}

impl XmlElement {
    /// Hands the finished element to the builder. An edge's weight is its own `weight`
    /// attribute (GEXF) or a `weight` value (GraphML); a node's own `label` attribute (GEXF)
    /// counts when no label value was given.
    pub fn finish(self, builder: &mut GraphBuilder<'_>) {
        let XmlElement {
            is_edge,
            own,
            mut attrs,
            line,
        } = self;
        let own_attr = |k: &str| super::xml::attr(&own, k);
        let id = own_attr("id").unwrap_or_default();
        if is_edge {
            let weight = own_attr("weight").or(attrs.0.get("weight").map(String::as_str));
            let (source, target) = (
                own_attr("source").unwrap_or_default(),
                own_attr("target").unwrap_or_default(),
            );
            builder.edge(
                id,
                source,
                target,
                weight,
                &attrs,
                &format!("line {line} (edge {id})"),
            );
        } else {
            if let Some(label) = own_attr("label") {
                attrs
                    .0
                    .entry("label".into())
                    .or_insert_with(|| label.to_owned());
            }
            builder.node(id, &attrs, &format!("line {line} (node)"));
        }
    }
}

/// Builds a graph from nodes and edges read from a graph file, in file order.
pub struct GraphBuilder<'a> {
    options: &'a ImportOptions,
    graph: Graph,
    seeds: Vec<NodeId>,
    pub warnings: WarningSink,
    unknown_categories: Vec<String>,
    n_edges_without_amount: usize,
}

impl<'a> GraphBuilder<'a> {
    pub fn new(options: &'a ImportOptions) -> Self {
        GraphBuilder {
            options,
            graph: Graph::new(),
            seeds: Vec::new(),
            warnings: WarningSink::default(),
            unknown_categories: Vec::new(),
            n_edges_without_amount: 0,
        }
    }

    fn default_chain(&self) -> Chain {
        Chain::new(self.options.chain.as_deref().unwrap_or("unknown"))
    }

    /// Adds a node; `location` names it in warnings.
    pub fn node(&mut self, id: &str, attrs: &Attrs, location: &str) {
        if id.trim().is_empty() {
            self.warnings.push(location, "node without an id; skipped");
            return;
        }
        let category = match attrs.first(NODE_CATEGORY) {
            None => Category::Unknown,
            Some(raw) => raw.to_ascii_lowercase().parse().unwrap_or_else(|_| {
                if self.unknown_categories.len() < 20
                    && !self.unknown_categories.iter().any(|c| c == raw)
                {
                    self.unknown_categories.push(raw.to_owned());
                }
                Category::Unknown
            }),
        };
        let label = attrs
            .first(NODE_LABEL)
            .filter(|l| *l != id.trim())
            .map(str::to_owned);
        let tags = attrs
            .first(NODE_TAGS)
            .map(|t| {
                t.split([',', ';', '|'])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let node = Node {
            address: Address::new(id),
            chain: attrs
                .first(NODE_CHAIN)
                .map(Chain::new)
                .unwrap_or_else(|| self.default_chain()),
            label,
            category,
            tags,
            label_source: attrs.first(&["label_source"]).map(str::to_owned),
        };
        if !self.graph.add_node(node).1 {
            self.warnings.push(
                location,
                format!("node \"{id}\" appears again; kept the first"),
            );
        }
        if attrs
            .first(&["seed"])
            .is_some_and(|v| matches!(v, "true" | "1" | "yes"))
        {
            if let Some(id) = self.graph.node_by_address(&Address::new(id)) {
                self.seeds.push(id);
            }
        }
    }

    /// Adds an edge as a transfer. `weight` is the format's own edge weight, if any.
    pub fn edge(
        &mut self,
        edge_id: &str,
        source: &str,
        target: &str,
        weight: Option<&str>,
        attrs: &Attrs,
        location: &str,
    ) {
        let (Some(from), Some(to)) = (
            self.endpoint(source, location),
            self.endpoint(target, location),
        ) else {
            return;
        };
        let (raw_amount, decimals) = match (
            attrs.first(EDGE_AMOUNT),
            weight.map(str::trim).filter(|w| !w.is_empty()),
        ) {
            (Some(a), _) => (a.to_owned(), 0),
            (None, Some(w)) => (w.to_owned(), self.options.decimals),
            (None, None) => {
                self.n_edges_without_amount += 1;
                ("1".to_owned(), 0)
            }
        };
        let amount = match Amount::from_base_units(&raw_amount, decimals) {
            Ok(a) => a,
            Err(e) => {
                self.warnings
                    .push(location, format!("edge amount {e}; edge skipped"));
                return;
            }
        };
        let timestamp = match attrs.first(EDGE_TIME) {
            None => None,
            Some(raw) => match raw.parse::<i64>() {
                Ok(t) => Some(t),
                Err(_) => {
                    self.warnings.push(
                        location,
                        format!("time \"{raw}\" is not whole UTC seconds; left out"),
                    );
                    None
                }
            },
        };
        let asset = attrs
            .first(EDGE_ASSET)
            .map(str::to_owned)
            .or_else(|| self.options.asset.clone())
            .unwrap_or_else(|| "weight".to_owned());
        let tx = attrs
            .first(EDGE_TX)
            .map(str::to_owned)
            .unwrap_or_else(|| format!("edge:{edge_id}"));
        let added = self.graph.add_transfer(Transfer {
            tx: TxHash::from(tx),
            from,
            to,
            amount,
            asset: Asset(asset.into()),
            timestamp,
            chain: attrs.first(EDGE_CHAIN).map(Chain::new),
            block: attrs.first(EDGE_BLOCK).and_then(|b| b.parse().ok()),
            fee: attrs
                .first(EDGE_FEE)
                .and_then(|f| Amount::parse(f).ok())
                .map(Amount::pack),
            index: attrs.first(EDGE_INDEX).and_then(|i| i.parse().ok()),
        });
        if added.is_err() {
            self.warnings
                .push(location, "the same transfer appears again; kept once");
        }
    }

    /// An edge's endpoint; graph files may name nodes they never declare.
    fn endpoint(&mut self, raw: &str, location: &str) -> Option<NodeId> {
        if raw.trim().is_empty() {
            self.warnings
                .push(location, "edge without a source or target; skipped");
            return None;
        }
        let address = Address::new(raw);
        if let Some(id) = self.graph.node_by_address(&address) {
            return Some(id);
        }
        self.warnings.push(
            location,
            format!("edge names node \"{raw}\" that is not declared; added it"),
        );
        let node = Node {
            address,
            chain: self.default_chain(),
            label: None,
            category: Category::Unknown,
            tags: vec![],
            label_source: None,
        };
        Some(self.graph.add_node(node).0)
    }

    pub fn finish(mut self, title: String) -> (Case, Vec<super::Warning>) {
        if !self.unknown_categories.is_empty() {
            let list = self.unknown_categories.join(", ");
            self.warnings.push(
                "nodes",
                format!("categories not in hopscope's list were read as unknown: {list}"),
            );
        }
        if self.n_edges_without_amount > 0 {
            self.warnings.push(
                "edges",
                format!(
                    "{} edges have no amount or weight; each was read as 1",
                    self.n_edges_without_amount
                ),
            );
        }
        let case = Case {
            title,
            notes: String::new(),
            graph: self.graph,
            seeds: self.seeds,
            investigation: None,
            story: None,
            book: super::label_list::bundled_book(),
            facts: Default::default(),
            sources: Vec::new(),
        };
        (case, self.warnings.finish())
    }
}

/// Node attributes as hopscope writes them into graph files.
pub fn node_attrs(case: &Case, id: NodeId) -> Vec<(&'static str, String)> {
    let Some(node) = case.graph.node(id) else {
        return Vec::new();
    };
    let mut out = vec![
        ("chain", node.chain.as_str().to_owned()),
        ("category", node.category.as_str().to_owned()),
    ];
    if let Some(label) = &node.label {
        out.push(("label", label.clone()));
    }
    if let Some(source) = &node.label_source {
        out.push(("label_source", source.clone()));
    }
    if !node.tags.is_empty() {
        out.push(("tags", node.tags.join(",")));
    }
    if case.seeds.contains(&id) {
        out.push(("seed", "true".to_owned()));
    }
    out
}

/// Transfer attributes as hopscope writes them into graph files.
pub fn transfer_attrs(t: &Transfer) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("tx", t.tx.as_str().to_owned()),
        ("amount", t.amount.to_string()),
        ("asset", t.asset.as_str().to_owned()),
    ];
    if let Some(ts) = t.timestamp {
        out.push(("timestamp", ts.to_string()));
    }
    if let Some(c) = &t.chain {
        out.push(("chain", c.as_str().to_owned()));
    }
    if let Some(b) = t.block {
        out.push(("block", b.to_string()));
    }
    if let Some(i) = t.index {
        out.push(("index", i.to_string()));
    }
    if let Some(f) = &t.fee {
        out.push(("fee", f.get().to_string()));
    }
    out
}

/// Names of every attribute hopscope writes, for formats that declare them up front.
pub const NODE_ATTR_NAMES: &[&str] =
    &["chain", "category", "label", "label_source", "tags", "seed"];
pub const EDGE_ATTR_NAMES: &[&str] = &[
    "tx",
    "amount",
    "asset",
    "timestamp",
    "chain",
    "block",
    "index",
    "fee",
];
