//! A case file's investigation, read and written: `save` keeps a view over a case (with
//! positions, layout mode, trace settings and, by `with_path`, the highlighted path) as the
//! plain data of `model::Investigation`, and `restore` turns saved data back into a view.
//! Everything is keyed by address, so it survives the data being read back in another order;
//! entries that name an address the case lacks are dropped with a warning. This is the top of
//! the core's layers: it knows the view, the inferred links' verdicts, the trace settings and
//! the layout mode, and nothing below it knows it.

use std::collections::{BTreeMap, BTreeSet};

use crate::infer::{Decision, LinkKey};
use crate::layout::Mode;
use crate::model::investigation::{
    Investigation, Placed, SavedAnnotation, SavedFilter, SavedGroup, SavedLink, SavedNote,
    SavedTrace, SavedTransfer, Shown, MAX_COORDINATE, UNREADABLE_ANNOTATION,
};
use crate::model::{Amount, Asset, Case, NodeId, TransferId};
use crate::trace::{Method, Pools};
use crate::view::{
    Annotation, Filter, GroupKind, Mark, Origin, Shape, Threshold, View, MAX_ANNOTATIONS,
};

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

/// A restored investigation: the view, and positions and pins by node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restored {
    pub view: View,
    pub positions: BTreeMap<NodeId, ([f32; 2], bool)>,
    pub layout_mode: Mode,
    pub trace: Option<(Method, Asset, Pools, bool)>,
    /// The highlighted path (empty when none was saved, or when it names an address the case
    /// lacks).
    pub path: Vec<NodeId>,
    /// Entries dropped, each saying why.
    pub warnings: Vec<String>,
}

/// The investigation of `view` over `case`, with where each node is drawn.
pub fn save(
    case: &Case,
    view: &View,
    placed: &[(NodeId, [f32; 2], bool)],
    layout_mode: Mode,
    trace: Option<(Method, &Asset, Pools, bool)>,
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
        annotations: view
            .annotations()
            .iter()
            .map(|a| {
                let [dx, dy] = match a.shape {
                    Shape::Text { offset, .. } => offset.map(f64::from),
                    _ => [0.0, 0.0],
                };
                SavedAnnotation {
                    kind: a.shape.kind().to_owned(),
                    addresses: a.shape.anchors().into_iter().map(address).collect(),
                    text: a.text.clone(),
                    dx,
                    dy,
                    colour: a.colour.clone(),
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
        trace: trace.map(|(method, asset, pools, conversions)| SavedTrace {
            method,
            asset: asset.as_str().to_owned(),
            pools,
            conversions,
        }),
        links: view
            .decisions()
            .filter_map(|(key, d)| {
                let named = |t: TransferId| {
                    let t = graph.transfer(t)?;
                    Some(SavedTransfer {
                        tx: t.tx.to_string(),
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
pub fn with_path(mut saved: Investigation, case: &Case, path: &[NodeId]) -> Investigation {
    saved.path = path
        .iter()
        .filter_map(|&id| Some(case.graph.node(id)?.address.as_str().to_owned()))
        .collect();
    saved
}

/// The view this investigation describes over `case`.
pub fn restore(saved: &Investigation, case: &Case) -> Restored {
    let graph = &case.graph;
    let mut warnings = Vec::new();
    let mut view = View::default();
    for shown in &saved.visible {
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
    for (id, (_, pinned)) in &positions_of(graph, &saved.positions) {
        if *pinned {
            view.set_pinned(*id, true);
        }
    }
    for raw in &saved.hidden {
        if let Some(id) = lookup(graph, &mut warnings, raw, "hidden address") {
            view.hide(id);
        }
    }
    for raw in &saved.found {
        if let Some(id) = lookup(graph, &mut warnings, raw, "searched address") {
            view.mark_found(id);
        }
    }
    let assets: Option<BTreeSet<Asset>> = saved
        .filter
        .assets
        .as_ref()
        .map(|a| a.iter().map(|a| Asset::new(a)).collect());
    let mut min_value = BTreeMap::new();
    for (asset, raw) in &saved.filter.min_value {
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
        time: saved.filter.time.filter(|(a, b)| a <= b),
        assets,
        min_value,
        direction: saved.filter.direction,
    };
    for g in &saved.groups {
        let members: Vec<NodeId> = g
            .members
            .iter()
            .filter_map(|m| lookup(graph, &mut warnings, m, "group member"))
            .collect();
        view.group_as(members, &g.name, kind_of(g.kind.as_deref()));
    }
    for link in &saved.links {
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
    if let Some(t) = saved.link_threshold {
        view.threshold = Threshold(t.min(100));
    }
    if saved.entities {
        let opened: Vec<NodeId> = saved
            .opened_entities
            .iter()
            .filter_map(|a| lookup(graph, &mut warnings, a, "opened entity member"))
            .collect();
        view.restore_entities_flag(opened);
    }
    for note in &saved.notes {
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
    for a in &saved.annotations {
        if a.kind == UNREADABLE_ANNOTATION {
            warnings.push(format!(
                "investigation: an annotation could not be read ({}); skipped",
                a.text
            ));
            continue;
        }
        if !(a.dx.is_finite() && a.dy.is_finite()) {
            warnings.push(format!(
                "investigation: an annotation's offset is not a number; skipped ({:?})",
                a.text
            ));
            continue;
        }
        // Whole layout units, within the limit (`Annotation::new` clamps).
        let offset = [a.dx, a.dy].map(|v| v.round().clamp(-1.0e9, 1.0e9) as i32);
        let ids: Vec<NodeId> = a
            .addresses
            .iter()
            .filter_map(|raw| lookup(graph, &mut warnings, raw, "annotated address"))
            .collect();
        let shape = match (a.kind.as_str(), ids.as_slice()) {
            ("text", [at]) if a.addresses.len() == 1 => Some(Shape::Text { at: *at, offset }),
            ("arrow", [from, to]) if a.addresses.len() == 2 => Some(Shape::Arrow {
                from: *from,
                to: *to,
            }),
            ("frame", around) if !around.is_empty() => Some(Shape::Frame {
                around: around.to_vec(),
            }),
            _ => None,
        };
        match shape.and_then(|s| Annotation::new(s, &a.text, a.colour.as_deref())) {
            Some(annotation) => {
                if view.annotate(annotation).is_none() {
                    warnings.push(format!(
                        "investigation: more than {MAX_ANNOTATIONS} annotations; the rest are skipped"
                    ));
                    break;
                }
            }
            None => warnings.push(format!(
                "investigation: a {:?} annotation with {} addresses cannot be drawn; skipped",
                a.kind,
                a.addresses.len()
            )),
        }
    }
    let mut positions = BTreeMap::new();
    for p in &saved.positions {
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
    let path: Option<Vec<NodeId>> = saved
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
        layout_mode: saved.layout_mode,
        trace: saved
            .trace
            .as_ref()
            .map(|t| (t.method, Asset::new(&t.asset), t.pools, t.conversions)),
        warnings,
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
                    && t.tx.as_str().eq_ignore_ascii_case(&saved.tx)
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
