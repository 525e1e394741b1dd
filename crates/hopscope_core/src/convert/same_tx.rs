//! Swaps in one transaction. The transfers of each hash that moves two or more assets are
//! netted per address and asset: who gave what, who got what. The converter is the party that
//! gave value: the transaction's sender where a file named it; else the only giver that is not
//! a known contract (a label of category DeFi, bridge or mixer); else, among several, the one
//! that got its output from a known contract, then the one that had received what it paid in
//! before, then the one in the most flows of the case (the address an export is of), marked a
//! guess. Within one transaction a pool looks
//! like a trader in reverse, so without a label or a sender nothing better can be said.
//!
//! The output goes to the converter if it got another asset, else to the one party that got
//! value and gave none (swap-and-send). One asset in and one out: a transaction whose
//! converter gave or got several is left out rather than guessed at.

use std::collections::HashMap;

use super::{rate_of, Conversion, ConversionEvidence, ConversionKind};
use crate::model::labels::shown;
use crate::model::{Amount, Asset, Case, Category, NodeId, TransferId};

/// Whether two asset names are one coin and its wrapped form (ETH and WETH).
pub(crate) fn wrap_pair(a: &Asset, b: &Asset) -> bool {
    let bare = |s: &str| -> String {
        let s = s.split(['@', ' ']).next().unwrap_or(s).to_ascii_uppercase();
        s.strip_prefix('W').map(str::to_owned).unwrap_or(s)
    };
    let (x, y) = (
        a.as_str().to_ascii_uppercase(),
        b.as_str().to_ascii_uppercase(),
    );
    x != y && bare(&x) == bare(&y) && (x.starts_with('W') != y.starts_with('W'))
}

/// What one party gave and got in one transaction, per asset.
#[derive(Default)]
struct Side {
    sent: HashMap<Asset, Amount>,
    got: HashMap<Asset, Amount>,
}

impl Side {
    /// Assets it gave more of than it got, with the difference.
    fn gave(&self) -> Vec<(Asset, Amount)> {
        self.net(&self.sent, &self.got)
    }

    fn gained(&self) -> Vec<(Asset, Amount)> {
        self.net(&self.got, &self.sent)
    }

    fn net(
        &self,
        more: &HashMap<Asset, Amount>,
        less: &HashMap<Asset, Amount>,
    ) -> Vec<(Asset, Amount)> {
        let mut v: Vec<(Asset, Amount)> = more
            .iter()
            .filter_map(|(a, m)| {
                let l = less.get(a).copied().unwrap_or_default();
                m.checked_sub(l)
                    .filter(|d| !d.is_zero())
                    .map(|d| (a.clone(), d))
            })
            .collect();
        v.sort_by(|x, y| x.0.cmp(&y.0));
        v
    }
}

pub(super) fn find(case: &Case) -> Vec<Conversion> {
    let graph = &case.graph;
    let transfers = graph.transfers();
    // Transfers grouped by hash without a map of a million entries: sorted by a 64-bit hash
    // of the transaction hash (cheap to compare, and no spelling out as text), then by text
    // only where two collide.
    let key = |t: &crate::model::Transfer| {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        t.tx.hash(&mut h);
        h.finish()
    };
    let mut order: Vec<(u64, u32)> = transfers
        .iter()
        .enumerate()
        .map(|(k, t)| (key(t), k as u32))
        .collect();
    order.sort_unstable();
    // Runs of one 64-bit key hold one hash text unless two texts collide: then the run is
    // sorted by text, so each hash's transfers stand together.
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && order[j].0 == order[i].0 {
            j += 1;
        }
        let run = &mut order[i..j];
        let first = &transfers[run[0].1 as usize].tx;
        if run.iter().any(|&(_, k)| transfers[k as usize].tx != *first) {
            run.sort_by(|a, b| {
                transfers[a.1 as usize]
                    .tx
                    .as_str()
                    .cmp(&transfers[b.1 as usize].tx.as_str())
                    .then(a.1.cmp(&b.1))
            });
        }
        i = j;
    }
    let order: Vec<u32> = order.into_iter().map(|(_, k)| k).collect();
    let known = |id: NodeId| {
        graph.node(id).is_some_and(|n| {
            matches!(
                shown(n, &case.book).category,
                Category::Defi | Category::Bridge | Category::Mixer
            )
        })
    };
    // How many flows each address has, counted once and only if a guess needs it.
    let counted: std::cell::OnceCell<Vec<u32>> = std::cell::OnceCell::new();
    let flows_of = |id: NodeId| -> u32 {
        let counts = counted.get_or_init(|| {
            let mut v = vec![0u32; graph.node_bound()];
            for (a, b, _) in graph.flows() {
                for end in [a, b] {
                    if let Some(c) = v.get_mut(end.index()) {
                        *c = c.saturating_add(1);
                    }
                }
            }
            v
        });
        counts.get(id.index()).copied().unwrap_or(0)
    };
    // When each address first received each asset, worked out once per address asked about.
    let receipts: std::cell::RefCell<HashMap<NodeId, HashMap<Asset, i64>>> = Default::default();
    let first_receipt = |id: NodeId, asset: &Asset| -> Option<i64> {
        let mut cache = receipts.borrow_mut();
        let times = cache.entry(id).or_insert_with(|| {
            let mut m: HashMap<Asset, i64> = HashMap::new();
            for t in graph.transfers_of(id, petgraph::Direction::Incoming) {
                if let Some(t) = graph.transfer(t) {
                    if let Some(ts) = t.timestamp {
                        let e = m.entry(t.asset.clone()).or_insert(ts);
                        *e = (*e).min(ts);
                    }
                }
            }
            m
        });
        times.get(asset).copied()
    };
    let mut out = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let tx = &transfers[order[start] as usize].tx;
        let mut end = start + 1;
        while end < order.len() && transfers[order[end] as usize].tx == *tx {
            end += 1;
        }
        let group = &order[start..end];
        start = end;
        let first = &transfers[group[0] as usize].asset;
        if group.len() < 2
            || tx.as_str().is_empty()
            || group.iter().all(|&k| transfers[k as usize].asset == *first)
        {
            continue;
        }
        if let Some(c) = one_tx(case, group, &known, &flows_of, &first_receipt) {
            out.push(c);
        }
    }
    out
}

fn one_tx(
    case: &Case,
    group: &[u32],
    known: &impl Fn(NodeId) -> bool,
    flows_of: &impl Fn(NodeId) -> u32,
    first_receipt: &impl Fn(NodeId, &Asset) -> Option<i64>,
) -> Option<Conversion> {
    let graph = &case.graph;
    let transfers = graph.transfers();
    let mut sides: HashMap<NodeId, Side> = HashMap::new();
    for &k in group {
        let t = &transfers[k as usize];
        if t.from == t.to {
            continue;
        }
        let s = sides.entry(t.from).or_default().sent.entry(t.asset.clone());
        let e = s.or_default();
        *e = e.saturating_add(t.amount);
        let g = sides.entry(t.to).or_default().got.entry(t.asset.clone());
        let e = g.or_default();
        *e = e.saturating_add(t.amount);
    }
    let tx = &transfers[group[0] as usize].tx;
    let mut evidence = vec![ConversionEvidence::SameTx];
    let givers: Vec<NodeId> = {
        let mut v: Vec<NodeId> = sides
            .iter()
            .filter(|(_, s)| !s.gave().is_empty())
            .map(|(id, _)| *id)
            .collect();
        v.sort();
        v
    };
    let outsiders: Vec<NodeId> = givers.iter().copied().filter(|&g| !known(g)).collect();
    let sender = case.facts.sender(tx).filter(|s| givers.contains(s));
    let (converter, confidence) = if let Some(s) = sender {
        evidence.push(ConversionEvidence::Sender);
        (s, 0.95)
    } else if outsiders.len() == 1 {
        evidence.push(ConversionEvidence::OnlyGiver);
        (
            outsiders[0],
            if outsiders.len() < givers.len() {
                0.9
            } else {
                0.8
            },
        )
    } else if outsiders.is_empty() {
        return None;
    } else {
        evidence.push(ConversionEvidence::Guess);
        let from_known = |id: NodeId| {
            group.iter().any(|&k| {
                let t = &transfers[k as usize];
                t.to == id && known(t.from)
            })
        };
        // Got its output from a known contract; else had received what it paid in before
        // this transaction (a trader pays with what it got; a pool's stock is seldom in the
        // data); else the one in the most flows (the address an export is of, a trail address),
        // counted only then.
        let t0 = transfers[group[0] as usize].timestamp;
        let held_before = |id: NodeId| {
            let (Some(side), Some(t0)) = (sides.get(&id), t0) else {
                return false;
            };
            side.gave()
                .iter()
                .any(|(a, _)| first_receipt(id, a).is_some_and(|t| t < t0))
        };
        let narrow = |from: Vec<NodeId>, keep: &dyn Fn(NodeId) -> bool| -> Vec<NodeId> {
            let kept: Vec<NodeId> = from.iter().copied().filter(|&id| keep(id)).collect();
            if kept.is_empty() {
                from
            } else {
                kept
            }
        };
        let fed = narrow(outsiders.clone(), &from_known);
        // (Asked only when more than one is left: it reads the candidates' history.)
        let held = if fed.len() > 1 {
            narrow(fed, &held_before)
        } else {
            fed
        };
        let pick = match held.as_slice() {
            [one] => *one,
            several => several
                .iter()
                .copied()
                .max_by_key(|&id| (flows_of(id), std::cmp::Reverse(id)))?,
        };
        (pick, 0.5)
    };
    let side = sides.get(&converter)?;
    let gave = side.gave();
    let gained = side.gained();
    let [(from_asset, from_amount)] = gave.as_slice() else {
        return None;
    };
    // Its own output, or the one party that only got value (swap-and-send).
    let (to, to_asset, to_amount) = match gained.as_slice() {
        [(a, m)] if a != from_asset => (converter, a.clone(), *m),
        [] => {
            let takers: Vec<(NodeId, Asset, Amount)> = sides
                .iter()
                .filter(|(id, s)| **id != converter && !known(**id) && s.gave().is_empty())
                .filter_map(|(id, s)| match s.gained().as_slice() {
                    [(a, m)] if a != from_asset => Some((*id, a.clone(), *m)),
                    _ => None,
                })
                .collect();
            let [one] = takers.as_slice() else {
                return None;
            };
            evidence.push(ConversionEvidence::SentOn);
            one.clone()
        }
        _ => return None,
    };
    let inputs: Vec<TransferId> = group
        .iter()
        .filter(|&&k| {
            let t = &transfers[k as usize];
            t.from == converter && t.asset == *from_asset && t.to != converter
        })
        .map(|&k| TransferId(k))
        .collect();
    let outputs: Vec<TransferId> = group
        .iter()
        .filter(|&&k| {
            let t = &transfers[k as usize];
            t.to == to && t.asset == to_asset && t.from != to
        })
        .map(|&k| TransferId(k))
        .collect();
    if inputs.is_empty() || outputs.is_empty() {
        return None;
    }
    let refunds: Vec<TransferId> = group
        .iter()
        .filter(|&&k| {
            let t = &transfers[k as usize];
            t.to == converter && t.asset == *from_asset && t.from != converter
        })
        .map(|&k| TransferId(k))
        .collect();
    let mut through: Vec<NodeId> = sides.keys().copied().filter(|&id| known(id)).collect();
    through.sort();
    let via = through.first().copied().or_else(|| {
        inputs
            .first()
            .and_then(|t| graph.transfer(*t))
            .map(|t| t.to)
    });
    if !through.is_empty() {
        evidence.push(ConversionEvidence::Through(through));
    }
    // A wrap is one for one; two such names at another rate are a swap.
    let rate = rate_of(*from_amount, to_amount);
    let kind = if wrap_pair(from_asset, &to_asset) && (0.99..=1.01).contains(&rate) {
        ConversionKind::Wrap
    } else {
        ConversionKind::Swap
    };
    Some(Conversion {
        kind,
        tx: tx.clone(),
        address: converter,
        to,
        via,
        inputs,
        outputs,
        refunds,
        from_asset: from_asset.clone(),
        from_amount: *from_amount,
        to_asset: to_asset.clone(),
        to_amount,
        rate,
        confidence,
        evidence,
        doubtful: false,
    })
}
