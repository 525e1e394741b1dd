//! Inferred links: what can honestly be said about money that goes into a mixer pool or a
//! bridge and comes out elsewhere. Two kinds, each a pair of transfers (in, out) with a
//! confidence and the heuristics behind it:
//! - **demixing candidates** (`demix.rs`): for each deposit of the visible trail into a visible
//!   mixer pool, the pool's later withdrawals of the same denomination, scored;
//! - **bridge hops** (`bridge.rs`): a transfer into a bridge on one chain matched with one out
//!   of a bridge on another.
//!
//! The investigator accepts or rejects each (the verdicts are part of the view, so they undo
//! and are saved). Accepted links, and bridge hops not rejected (a bridge's matching in and out
//! is the bridge working as designed), carry the trace across and are followed by expansion;
//! demixing candidates carry nothing until accepted, since a mixer exists to break that link.
//! `Patterns` holds what is found once per case (bridge hops, peel chains, entities);
//! `explain` (`explain.rs`) says for any link or pattern group which heuristic made it and from
//! what evidence.

use std::collections::BTreeSet;

use petgraph::Direction;

mod explain;
mod limits;
pub use crate::figures::format_duration;
pub use explain::{explain, explain_group, name_of, Explanation};
pub use limits::Heuristic;

use crate::bridge::{bridge_hops, BridgeHop, BridgeOptions, BridgeReason};
use crate::cluster::{common_spend, Clusters};
use crate::convert::{conversions, Conversion};
use crate::demix;
use crate::model::labels::{shown, LabelBook};
use crate::model::{Amount, Asset, Case, Category, NodeId, TransferId};
use crate::peel::{peel_chains, PeelChain};

/// Who made a group of addresses drawn as one node: the investigator, or a heuristic whose
/// evidence `explain_group` gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKind {
    /// The investigator.
    #[default]
    Manual,
    /// The common-spend heuristic (Bitcoin inputs spent together).
    CommonSpend,
    /// A collapsed peel chain: its transactions and change addresses.
    PeelChain,
}

/// What inferred links are judged against: the trail the investigator follows (the addresses
/// shown), their verdicts, and the confidence below which a suggestion is not shown. The view
/// keeps these and implements this, so the analysis reads them without knowing the view.
pub trait Verdicts {
    /// Whether the trail shows `id`.
    fn on_trail(&self, id: NodeId) -> bool;
    /// The addresses the trail shows.
    fn trail(&self) -> BTreeSet<NodeId>;
    /// The verdict on one link, if any.
    fn verdict(&self, key: LinkKey) -> Option<Decision>;
    /// Every verdict given, in key order.
    fn verdicts(&self) -> Vec<(LinkKey, Decision)>;
    /// Suggestions below this confidence (0 to 1) are not shown.
    fn floor(&self) -> f64;
}

pub use crate::model::LinkKey;

/// The investigator's verdict on a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    Accepted,
    Rejected,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// A deposit into a mixer pool and a withdrawal that may be the same money.
    Demix,
    /// Into a bridge on one chain, out on another.
    Bridge,
    /// Money changing form: a swap, a wrap, a cross-chain swap (`convert`).
    Conversion,
}

/// The heuristics behind a link.
#[derive(Clone, Debug, PartialEq)]
pub enum Evidence {
    Demix(Vec<demix::Reason>),
    Bridge(Vec<BridgeReason>),
    Conversion(Box<Conversion>),
}

/// A link as the app shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct InferredLink {
    pub kind: LinkKind,
    pub key: LinkKey,
    /// Who put the money in, and who took it out.
    pub from: NodeId,
    pub to: NodeId,
    /// The pool or bridge it went into.
    pub via: NodeId,
    pub score: f64,
    pub evidence: Evidence,
    pub decision: Option<Decision>,
}

impl InferredLink {
    /// Whether the trace and expansion follow it: accepted, or a bridge hop or a conversion
    /// (not doubtful) not rejected.
    pub fn carries(&self) -> bool {
        match &self.evidence {
            Evidence::Conversion(c) => match self.decision {
                Some(d) => d == Decision::Accepted,
                None => !c.doubtful,
            },
            _ => carries(self.kind, self.decision),
        }
    }

    /// The conversion it stands for, if it is one.
    pub fn conversion(&self) -> Option<&Conversion> {
        match &self.evidence {
            Evidence::Conversion(c) => Some(c),
            _ => None,
        }
    }

    /// Whether it is drawn (not rejected).
    pub fn drawn(&self) -> bool {
        self.decision != Some(Decision::Rejected)
    }
}

fn carries(kind: LinkKind, decision: Option<Decision>) -> bool {
    match decision {
        Some(d) => d == Decision::Accepted,
        None => kind == LinkKind::Bridge,
    }
}

/// What the pattern finders found in a case, computed once per case.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Patterns {
    /// The case's mixer pools, in id order.
    pub pools: Vec<NodeId>,
    /// Its mixer pools and bridges, in id order: where the trace stops unless a link carries on.
    pub absorbing: Vec<NodeId>,
    pub bridge_hops: Vec<BridgeHop>,
    /// Where money changes form (`convert`): swaps, wraps, cross-chain swaps.
    pub conversions: Vec<Conversion>,
    pub peel_chains: Vec<PeelChain>,
    pub clusters: Clusters,
}

impl Patterns {
    pub fn of(case: &Case) -> Patterns {
        let book: &LabelBook = &case.book;
        let mut pools = Vec::new();
        let mut absorbing = Vec::new();
        for (id, node) in case.graph.nodes() {
            match shown(node, book).category {
                Category::Mixer => {
                    pools.push(id);
                    absorbing.push(id);
                }
                Category::Bridge => absorbing.push(id),
                _ => {}
            }
        }
        pools.sort();
        absorbing.sort();
        let bridge_hops = bridge_hops(case, &BridgeOptions::default());
        Patterns {
            pools,
            absorbing,
            conversions: conversions(case, &bridge_hops),
            bridge_hops,
            peel_chains: peel_chains(case),
            clusters: common_spend(case),
        }
    }

    /// The peel chain an address or transaction belongs to (as start, step, change or end).
    pub fn peel_chain_of(&self, id: NodeId) -> Option<&PeelChain> {
        self.peel_chains
            .iter()
            .find(|c| c.start == id || c.txs.contains(&id) || c.change.contains(&id))
    }
}

/// Whether an address is a mixer pool (by its category, or the label book's).
pub fn is_pool(case: &Case, id: NodeId) -> bool {
    case.graph
        .node(id)
        .is_some_and(|n| shown(n, &case.book).category == Category::Mixer)
}

/// Demixing candidates for the trail's deposits into `pool`: every later withdrawal of the
/// same denomination at or above the view's threshold, and any the user decided on. Once a
/// pair is accepted, the other suggestions for its deposit and its withdrawal are dropped.
/// `pools` are the pools whose totals are compared for the multi-denomination heuristic (the
/// visible ones; `pool` is always among them).
pub fn pool_links(
    case: &Case,
    view: &impl Verdicts,
    pool: NodeId,
    pools: &[NodeId],
) -> Vec<InferredLink> {
    let mut all: Vec<NodeId> = pools.to_vec();
    if !all.contains(&pool) {
        all.push(pool);
    }
    let mut links = demix_links(case, view, &all);
    links.retain(|l| l.via == pool);
    links
}

/// The demixing candidates of `pools`, scored (with matching totals across them), then
/// thresholded.
fn demix_links(case: &Case, view: &impl Verdicts, pools: &[NodeId]) -> Vec<InferredLink> {
    let graph = &case.graph;
    let trail: BTreeSet<NodeId> = view.trail();
    let mut out = Vec::new();
    for &pool in pools {
        let deposits: Vec<TransferId> = graph
            .transfers_of(pool, Direction::Incoming)
            .into_iter()
            .filter(|&t| graph.transfer(t).is_some_and(|t| trail.contains(&t.from)))
            .collect();
        out.extend(
            demix::candidates(case, pool, &deposits, &trail)
                .into_iter()
                .map(|c| {
                    let key = LinkKey {
                        into: c.deposit,
                        out: c.withdrawal,
                    };
                    InferredLink {
                        kind: LinkKind::Demix,
                        key,
                        from: graph.transfer(c.deposit).map_or(pool, |t| t.from),
                        to: c.to,
                        via: pool,
                        score: c.score,
                        evidence: Evidence::Demix(c.reasons),
                        decision: view.verdict(key),
                    }
                }),
        );
    }
    add_matching_totals(case, &mut out);
    let floor = view.floor();
    // One deposit comes out once, and one withdrawal is one deposit's money: once a pair is
    // accepted, the other suggestions for its deposit or its withdrawal go.
    let accepted: Vec<LinkKey> = view
        .verdicts()
        .into_iter()
        .filter(|(_, d)| *d == Decision::Accepted)
        .map(|(k, _)| k)
        .collect();
    let taken = |key: LinkKey| {
        accepted
            .iter()
            .any(|a| *a != key && (a.into == key.into || a.out == key.out))
    };
    out.retain(|l| l.decision.is_some() || (l.score >= floor && !taken(l.key)));
    out
}

/// Every link the view has a use for: the demixing candidates of its visible pools, the
/// bridge hops and the conversions that start or end at a visible address; best first within
/// each kind.
pub fn links(case: &Case, view: &impl Verdicts, patterns: &Patterns) -> Vec<InferredLink> {
    let graph = &case.graph;
    let pools: Vec<NodeId> = patterns
        .pools
        .iter()
        .copied()
        .filter(|&id| view.on_trail(id))
        .collect();
    let mut out = demix_links(case, view, &pools);
    let floor = view.floor();
    for hop in &patterns.bridge_hops {
        let (Some(into), Some(from_bridge)) = (graph.transfer(hop.into), graph.transfer(hop.out))
        else {
            continue;
        };
        if !view.on_trail(into.from) && !view.on_trail(from_bridge.to) {
            continue;
        }
        let key = LinkKey {
            into: hop.into,
            out: hop.out,
        };
        let decision = view.verdict(key);
        if decision.is_none() && hop.score < floor {
            continue;
        }
        out.push(InferredLink {
            kind: LinkKind::Bridge,
            key,
            from: into.from,
            to: from_bridge.to,
            via: into.to,
            score: hop.score,
            evidence: Evidence::Bridge(hop.reasons.clone()),
            decision,
        });
    }
    for c in &patterns.conversions {
        if c.kind == crate::convert::ConversionKind::Bridge {
            continue; // a bridge hop with two asset names: listed as the hop
        }
        if !view.on_trail(c.address) && !view.on_trail(c.to) {
            continue;
        }
        let key = c.key();
        let decision = view.verdict(key);
        if decision.is_none() && c.confidence < floor {
            continue;
        }
        out.push(InferredLink {
            kind: LinkKind::Conversion,
            key,
            from: c.address,
            // A swap back to the trader is drawn to what it swapped with.
            to: if c.to == c.address {
                c.via.unwrap_or(c.to)
            } else {
                c.to
            },
            via: c.via.unwrap_or(c.address),
            score: c.confidence,
            evidence: Evidence::Conversion(Box::new(c.clone())),
            decision,
        });
    }
    out.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.score.total_cmp(&a.score))
            .then(a.key.cmp(&b.key))
    });
    out
}

/// The links to draw: none rejected; of a deposit's demixing candidates, an accepted one, else
/// only the best (highest confidence, then the first by key) unless `every_candidate`: with
/// every address shown, a pool's candidates otherwise fill the picture with dashed edges. The
/// others stay listed in the Mixers & bridges panel. Bridge hops are all drawn.
pub fn drawn(links: &[InferredLink], every_candidate: bool) -> Vec<&InferredLink> {
    use std::collections::HashMap;
    let mut best: HashMap<TransferId, &InferredLink> = HashMap::new();
    for l in links
        .iter()
        .filter(|l| l.kind == LinkKind::Demix && l.decision.is_none())
    {
        let better =
            |old: &&InferredLink| l.score > old.score || (l.score == old.score && l.key < old.key);
        if best.get(&l.key.into).is_none_or(better) {
            best.insert(l.key.into, l);
        }
    }
    links
        .iter()
        .filter(|l| l.drawn())
        .filter(|l| {
            every_candidate
                || l.kind != LinkKind::Demix
                || l.decision == Some(Decision::Accepted)
                || best.get(&l.key.into).is_some_and(|b| b.key == l.key)
        })
        .collect()
}

/// The multi-denomination heuristic across pools: where a depositor's deposits into two or
/// more of the listed pools add up to what a candidate's address withdrew from those pools (of
/// the same asset), each such link gains the reason and is scored again.
fn add_matching_totals(case: &Case, links: &mut [InferredLink]) {
    use std::collections::{BTreeMap, HashMap};
    let graph = &case.graph;
    // Everything each address put into, and took out of, the pools the links go through, by
    // asset, with the pools.
    let pools: BTreeSet<NodeId> = links
        .iter()
        .filter(|l| l.kind == LinkKind::Demix)
        .map(|l| l.via)
        .collect();
    // Exact sums: the heuristic asks for the same total, to the last digit.
    type Totals<'a> = HashMap<(NodeId, &'a str), (Amount, BTreeSet<NodeId>)>;
    let (mut put, mut took): (Totals, Totals) = (HashMap::new(), HashMap::new());
    for &pool in &pools {
        for (direction, totals) in [
            (petgraph::Direction::Incoming, &mut put),
            (petgraph::Direction::Outgoing, &mut took),
        ] {
            for t in graph.transfers_of(pool, direction) {
                let Some(t) = graph.transfer(t) else {
                    continue;
                };
                let who = if direction == petgraph::Direction::Incoming {
                    t.from
                } else {
                    t.to
                };
                let e = totals.entry((who, t.asset.as_str())).or_default();
                e.0 = e.0.saturating_add(t.amount);
                e.1.insert(pool);
            }
        }
    }
    let pairs: BTreeSet<(NodeId, NodeId, &str)> = links
        .iter()
        .filter(|l| l.kind == LinkKind::Demix)
        .filter_map(|l| Some((l.from, l.to, graph.transfer(l.key.into)?.asset.as_str())))
        .collect();
    let mut matched: BTreeMap<(NodeId, NodeId), (Amount, Asset, usize)> = BTreeMap::new();
    for &(from, to, asset) in &pairs {
        let (Some((total_in, pools_in)), Some((total_out, pools_out))) =
            (put.get(&(from, asset)), took.get(&(to, asset)))
        else {
            continue;
        };
        if pools_in.len() >= 2
            && pools_out == pools_in
            && total_in == total_out
            && !total_in.is_saturated()
        {
            matched.insert((from, to), (*total_in, Asset::new(asset), pools_in.len()));
        }
    }
    for l in links.iter_mut() {
        if let (Some((total, asset, pools)), Evidence::Demix(reasons)) =
            (matched.get(&(l.from, l.to)), &mut l.evidence)
        {
            reasons.push(demix::Reason::MatchingTotal {
                total: *total,
                asset: asset.clone(),
                pools: *pools,
            });
            l.score = demix::score_of(reasons);
        }
    }
}

/// The links the trace follows: every accepted link, and every bridge hop not rejected that is
/// at or above the threshold (so every link that carries is one the user can see).
pub fn carrying(view: &impl Verdicts, patterns: &Patterns) -> Vec<LinkKey> {
    let mut keys: BTreeSet<LinkKey> = view
        .verdicts()
        .into_iter()
        .filter(|(_, d)| *d == Decision::Accepted)
        .map(|(k, _)| k)
        .collect();
    for hop in &patterns.bridge_hops {
        let key = LinkKey {
            into: hop.into,
            out: hop.out,
        };
        let decision = view.verdict(key);
        // An undecided hop below the threshold is not shown, so it must not carry either.
        if carries(LinkKind::Bridge, decision) && (decision.is_some() || hop.score >= view.floor())
        {
            keys.insert(key);
        }
    }
    keys.into_iter().collect()
}

/// Whether a conversion is followed by the trace and expansion: accepted, or undecided and
/// neither doubtful nor below the threshold (a bridge hop with two asset names is a link
/// already, and carries as one).
pub fn follows(conversion: &Conversion, view: &impl Verdicts) -> bool {
    match view.verdict(conversion.key()) {
        Some(d) => d == Decision::Accepted,
        None => !conversion.doubtful && conversion.confidence >= view.floor(),
    }
}

/// The conversions the trace carries value across (`follows`), bridge hops left to the links.
pub fn following(view: &impl Verdicts, patterns: &Patterns) -> Vec<Conversion> {
    patterns
        .conversions
        .iter()
        .filter(|c| c.kind != crate::convert::ConversionKind::Bridge && follows(c, view))
        .cloned()
        .collect()
}
