//! The investigation saved beside a case's data in a case file (the `investigation` field of
//! format v1, which older readers skip): what is visible and why, hidden addresses, filters,
//! groups (with who made them), notes, verdicts on inferred links (each link named by its two
//! transfers: tx hash, sender and recipient), the link threshold and the entity option,
//! positions and pins, the layout mode, the trace settings and the highlighted path. Everything is
//! keyed by address, so it survives the data being read back in another order; entries that
//! name an address the case lacks are dropped with a warning.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::infer::{Decision, LinkKey};
use crate::layout::Mode;
use crate::model::{Amount, Asset, Case, NodeId, TransferId};
use crate::trace::{Method, Pools};
use crate::view::{Filter, Flowing, GroupKind, Mark, Origin, Threshold, View};

/// Saved coordinates beyond this are refused: a layout never goes near it, and sums of such
/// numbers would overflow.
pub const MAX_COORDINATE: f32 = 1.0e7;

/// The saved investigation, as it stands in the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Investigation {
    #[serde(default)]
    pub visible: Vec<Shown>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
    #[serde(default)]
    pub filter: SavedFilter,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<SavedGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<SavedNote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Placed>,
    #[serde(default)]
    pub layout_mode: Mode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<SavedTrace>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<SavedLink>,
    /// Suggested links below this confidence (percent) are hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_threshold: Option<u8>,
    /// Co-spending Bitcoin addresses drawn as one entity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub entities: bool,
    /// Members of entities the user opened (they stay apart).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opened_entities: Vec<String>,
    /// Addresses searched for (drawn even where the filter leaves them no flow).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub found: Vec<String>,
    /// The highlighted path, its addresses in order. Read loosely: anything but a list of
    /// addresses is no path, and the rest of the investigation still opens.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "loose_addresses"
    )]
    pub path: Vec<String>,
}

/// A list of strings, or nothing for any other JSON value.
fn loose_addresses<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(match value {
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Some(s),
                _ => None,
            })
            .collect::<Option<Vec<String>>>()
            .unwrap_or_default(),
        _ => Vec::new(),
    })
}

/// A transfer named by its transaction and endpoints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedTransfer {
    pub tx: String,
    pub from: String,
    pub to: String,
    /// Told apart from other transfers of the same tx and endpoints by asset and amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
}

/// A verdict on an inferred link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedLink {
    pub into: SavedTransfer,
    pub out: SavedTransfer,
    pub accepted: bool,
}

/// A visible address and the address whose expansion showed it (none: a seed, or shown with
/// everything when `all` is set).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedFilter {
    /// UTC seconds, from..=to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<(i64, i64)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Vec<String>>,
    /// Smallest amount per asset, as decimal strings.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub min_value: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "is_both")]
    pub direction: Flowing,
}

fn is_both(d: &Flowing) -> bool {
    *d == Flowing::Both
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedGroup {
    pub name: String,
    pub members: Vec<String>,
    /// `manual` (absent), `common-spend` or `peel-chain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

fn kind_name(kind: GroupKind) -> Option<String> {
    match kind {
        GroupKind::Manual => None,
        GroupKind::CommonSpend => Some("common-spend".to_owned()),
        GroupKind::PeelChain => Some("peel-chain".to_owned()),
    }
}

fn kind_of(name: Option<&str>) -> GroupKind {
    match name {
        Some("common-spend") => GroupKind::CommonSpend,
        Some("peel-chain") => GroupKind::PeelChain,
        _ => GroupKind::Manual,
    }
}

/// A note on an address (`address`) or on the flow `from` → `to`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedNote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

/// Where an address was drawn, and whether the user pinned it there.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Placed {
    pub address: String,
    pub x: f32,
    pub y: f32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedTrace {
    pub method: Method,
    pub asset: String,
    #[serde(default)]
    pub pools: Pools,
}

/// A restored investigation: the view, and positions and pins by node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restored {
    pub view: View,
    pub positions: BTreeMap<NodeId, ([f32; 2], bool)>,
    pub layout_mode: Mode,
    pub trace: Option<(Method, Asset, Pools)>,
    /// The highlighted path (empty when none was saved, or when it names an address the case
    /// lacks).
    pub path: Vec<NodeId>,
    /// Entries dropped, each saying why.
    pub warnings: Vec<String>,
}

impl Investigation {
    /// The investigation of `view` over `case`, with where each node is drawn.
    pub fn of(
        case: &Case,
        view: &View,
        placed: &[(NodeId, [f32; 2], bool)],
        layout_mode: Mode,
        trace: Option<(Method, &Asset, Pools)>,
    ) -> Investigation {
        let graph = &case.graph;
        let address = |id: NodeId| {
            graph
                .node(id)
                .map(|n| n.address.as_str().to_owned())
                .unwrap_or_default()
        };
        Investigation {
            visible: view
                .visible()
                .map(|id| Shown {
                    address: address(id),
                    from: match view.origin(id) {
                        Some(Origin::ExpandedFrom(p)) => Some(address(p)),
                        _ => None,
                    },
                    all: view.origin(id) == Some(Origin::Shown),
                })
                .collect(),
            hidden: view.hidden().map(address).collect(),
            found: view.found().map(address).collect(),
            filter: SavedFilter {
                time: view.filter.time,
                assets: view
                    .filter
                    .assets
                    .as_ref()
                    .map(|a| a.iter().map(|a| a.as_str().to_owned()).collect()),
                min_value: view
                    .filter
                    .min_value
                    .iter()
                    .map(|(a, v)| (a.as_str().to_owned(), v.to_string()))
                    .collect(),
                direction: view.filter.direction,
            },
            groups: view
                .groups()
                .iter()
                .map(|g| SavedGroup {
                    name: g.name.clone(),
                    members: g.members.iter().map(|&m| address(m)).collect(),
                    kind: kind_name(g.kind),
                })
                .collect(),
            notes: view
                .notes()
                .map(|(mark, note)| {
                    let (address_of, from, to) = match mark {
                        Mark::Node(id) => (Some(address(id)), None, None),
                        Mark::Flow(a, b) => (None, Some(address(a)), Some(address(b))),
                    };
                    SavedNote {
                        address: address_of,
                        from,
                        to,
                        text: note.text.clone(),
                        colour: note.colour.clone(),
                    }
                })
                .collect(),
            positions: placed
                .iter()
                .filter(|(_, [x, y], _)| x.is_finite() && y.is_finite())
                .map(|&(id, [x, y], pinned)| Placed {
                    address: address(id),
                    x,
                    y,
                    pinned,
                })
                .collect(),
            layout_mode,
            trace: trace.map(|(method, asset, pools)| SavedTrace {
                method,
                asset: asset.as_str().to_owned(),
                pools,
            }),
            links: view
                .decisions()
                .filter_map(|(key, d)| {
                    let named = |t: TransferId| {
                        let t = graph.transfer(t)?;
                        Some(SavedTransfer {
                            tx: t.tx.0.clone(),
                            from: address(t.from),
                            to: address(t.to),
                            asset: Some(t.asset.as_str().to_owned()),
                            amount: Some(t.amount.to_string()),
                        })
                    };
                    Some(SavedLink {
                        into: named(key.into)?,
                        out: named(key.out)?,
                        accepted: d == Decision::Accepted,
                    })
                })
                .collect(),
            link_threshold: (view.threshold != Threshold::default()).then_some(view.threshold.0),
            entities: view.entities(),
            opened_entities: view.opened_entities().map(address).collect(),
            path: Vec::new(),
        }
    }

    /// The same, with `path` (addresses in order) as the highlighted path.
    pub fn with_path(mut self, case: &Case, path: &[NodeId]) -> Investigation {
        self.path = path
            .iter()
            .filter_map(|&id| Some(case.graph.node(id)?.address.as_str().to_owned()))
            .collect();
        self
    }

    /// The view this investigation describes over `case`.
    pub fn restore(&self, case: &Case) -> Restored {
        let graph = &case.graph;
        let mut warnings = Vec::new();
        let mut view = View::default();
        for shown in &self.visible {
            let Some(id) = lookup(graph, &mut warnings, &shown.address, "visible address") else {
                continue;
            };
            let origin = match shown
                .from
                .as_deref()
                .map(|f| lookup(graph, &mut warnings, f, "expanded-from address"))
            {
                Some(Some(parent)) => Origin::ExpandedFrom(parent),
                _ if shown.all => Origin::Shown,
                _ => Origin::Seed,
            };
            view.show(id, origin);
        }
        for (id, (_, pinned)) in &positions_of(graph, &self.positions) {
            if *pinned {
                view.set_pinned(*id, true);
            }
        }
        for raw in &self.hidden {
            if let Some(id) = lookup(graph, &mut warnings, raw, "hidden address") {
                view.hide(id);
            }
        }
        for raw in &self.found {
            if let Some(id) = lookup(graph, &mut warnings, raw, "searched address") {
                view.mark_found(id);
            }
        }
        let assets: Option<BTreeSet<Asset>> = self
            .filter
            .assets
            .as_ref()
            .map(|a| a.iter().map(|a| Asset::new(a)).collect());
        let mut min_value = BTreeMap::new();
        for (asset, raw) in &self.filter.min_value {
            match Amount::parse(raw) {
                Ok(v) => {
                    min_value.insert(Asset::new(asset), v);
                }
                Err(e) => warnings.push(format!(
                    "investigation: minimum value {raw:?} for {asset}: {e}; skipped"
                )),
            }
        }
        view.filter = Filter {
            time: self.filter.time.filter(|(a, b)| a <= b),
            assets,
            min_value,
            direction: self.filter.direction,
        };
        for g in &self.groups {
            let members: Vec<NodeId> = g
                .members
                .iter()
                .filter_map(|m| lookup(graph, &mut warnings, m, "group member"))
                .collect();
            view.group_as(members, &g.name, kind_of(g.kind.as_deref()));
        }
        for link in &self.links {
            match (
                find_transfer(case, &link.into),
                find_transfer(case, &link.out),
            ) {
                (Some(into), Some(out)) => view.decide(
                    LinkKey { into, out },
                    Some(if link.accepted {
                        Decision::Accepted
                    } else {
                        Decision::Rejected
                    }),
                ),
                _ => warnings.push(format!(
                    "investigation: a verdict on the link from tx {:?} to tx {:?} names a transfer the case lacks; skipped",
                    link.into.tx, link.out.tx
                )),
            }
        }
        if let Some(t) = self.link_threshold {
            view.threshold = Threshold(t.min(100));
        }
        if self.entities {
            let opened: Vec<NodeId> = self
                .opened_entities
                .iter()
                .filter_map(|a| lookup(graph, &mut warnings, a, "opened entity member"))
                .collect();
            view.restore_entities_flag(opened);
        }
        for note in &self.notes {
            let mark = match (&note.address, &note.from, &note.to) {
                (Some(a), _, _) => lookup(graph, &mut warnings, a, "noted address").map(Mark::Node),
                (None, Some(f), Some(t)) => match (
                    lookup(graph, &mut warnings, f, "noted flow's sender"),
                    lookup(graph, &mut warnings, t, "noted flow's recipient"),
                ) {
                    (Some(f), Some(t)) => Some(Mark::Flow(f, t)),
                    _ => None,
                },
                _ => None,
            };
            if let Some(mark) = mark {
                view.set_note(mark, &note.text, note.colour.as_deref());
            }
        }
        let mut positions = BTreeMap::new();
        for p in &self.positions {
            if !(p.x.abs() <= MAX_COORDINATE && p.y.abs() <= MAX_COORDINATE) {
                warnings.push(format!(
                    "investigation: position of {:?} is not a number within ±{MAX_COORDINATE}; skipped",
                    p.address
                ));
                continue;
            }
            if let Some(id) = lookup(graph, &mut warnings, &p.address, "placed address") {
                positions.insert(id, ([p.x, p.y], p.pinned));
            }
        }
        let path: Option<Vec<NodeId>> = self
            .path
            .iter()
            .map(|a| case.graph.node_by_text(a))
            .collect();
        let path = match path {
            Some(path) if path.len() >= 2 => path,
            Some(_) => Vec::new(),
            None => {
                warnings.push(
                    "investigation: the highlighted path names an address the case lacks; not highlighted"
                        .to_owned(),
                );
                Vec::new()
            }
        };
        Restored {
            view,
            positions,
            path,
            layout_mode: self.layout_mode,
            trace: self
                .trace
                .as_ref()
                .map(|t| (t.method, Asset::new(&t.asset), t.pools)),
            warnings,
        }
    }
}

/// The node of a saved address, or a warning that the case lacks it.
fn lookup(
    graph: &crate::model::Graph,
    warnings: &mut Vec<String>,
    raw: &str,
    what: &str,
) -> Option<NodeId> {
    let found = graph.node_by_text(raw);
    if found.is_none() {
        warnings.push(format!(
            "investigation: {what} {raw:?} is not in the case; skipped"
        ));
    }
    found
}

/// The transfer a saved one names: its tx hash and endpoints.
fn find_transfer(case: &Case, saved: &SavedTransfer) -> Option<TransferId> {
    let graph = &case.graph;
    let from = graph.node_by_text(&saved.from)?;
    let to = graph.node_by_text(&saved.to)?;
    graph
        .transfers_of(from, petgraph::Direction::Outgoing)
        .into_iter()
        .find(|&t| {
            graph.transfer(t).is_some_and(|t| {
                t.to == to
                    && t.tx.0.eq_ignore_ascii_case(&saved.tx)
                    && saved.asset.as_deref().is_none_or(|a| a == t.asset.as_str())
                    && saved
                        .amount
                        .as_deref()
                        .is_none_or(|a| Amount::parse(a).is_ok_and(|v| v == t.amount))
            })
        })
}

/// Saved positions by node, without warnings (those come with the positions themselves).
fn positions_of(
    graph: &crate::model::Graph,
    placed: &[Placed],
) -> BTreeMap<NodeId, ([f32; 2], bool)> {
    placed
        .iter()
        .filter(|p| p.x.abs() <= MAX_COORDINATE && p.y.abs() <= MAX_COORDINATE)
        .filter_map(|p| Some((graph.node_by_text(&p.address)?, ([p.x, p.y], p.pinned))))
        .collect()
}
