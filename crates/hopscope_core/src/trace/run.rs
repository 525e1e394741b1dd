//! The trace's loop: every transfer followed, in time order, moving stolen parts between
//! holdings (`holding.rs`), into the pools that absorb them and along the links that carry
//! them out, and, across conversions, from a conversion's inputs to its outputs.

use rustc_hash::FxHashMap as HashMap;

use super::holding::{Holding, Part};
use super::{is_swap, largest_first, Method, Trace};
use crate::convert::Conversion;
use crate::infer::LinkKey;
use crate::model::labels::{shown, LabelBook};
use crate::model::{Amount, Asset, Case, Category, NodeId, TransferId};

/// A transfer's part in a conversion being followed.
#[derive(Clone, Copy)]
enum Role {
    Input(usize),
    Output(usize),
}

pub(super) fn run(
    case: &Case,
    seeds: &[NodeId],
    asset: &Asset,
    method: Method,
    absorbers: &[NodeId],
    links: &[LinkKey],
    conversions: Option<&[Conversion]>,
) -> Trace {
    let graph = &case.graph;
    let transfers = graph.transfers();
    let book: &LabelBook = &case.book;
    let flag = |ids: &mut dyn Iterator<Item = NodeId>| {
        let mut v = vec![false; graph.node_bound()];
        for id in ids {
            if let Some(slot) = v.get_mut(id.index()) {
                *slot = true;
            }
        }
        v
    };
    let absorbs = flag(&mut absorbers.iter().copied());
    let swaps = flag(
        &mut graph
            .node_ids()
            .filter(|id| !seeds.contains(id) && graph.node(*id).is_some_and(|n| is_swap(n, book))),
    );
    let seed_flags = flag(&mut seeds.iter().copied());
    let at = |v: &Vec<bool>, id: NodeId| v.get(id.index()).copied().unwrap_or(false);
    // For each out-transfer, the in-transfers linked to it.
    let mut linked_from: HashMap<usize, Vec<usize>> = HashMap::default();
    for l in links {
        linked_from
            .entry(l.out.index())
            .or_default()
            .push(l.into.index());
    }
    // Each transfer's role in a followed conversion (the first conversion that names it).
    let across = conversions.is_some();
    let conversions = conversions.unwrap_or_default();
    let mut role: Vec<Option<Role>> = if conversions.is_empty() {
        Vec::new()
    } else {
        vec![None; transfers.len()]
    };
    for (c, conv) in conversions.iter().enumerate() {
        for t in conv.inputs.iter().chain(&conv.outputs) {
            let r = if conv.inputs.contains(t) {
                Role::Input(c)
            } else {
                Role::Output(c)
            };
            if let Some(slot @ None) = role.get_mut(t.index()) {
                *slot = Some(r);
            }
        }
    }
    let role_of = |k: usize| role.get(k).copied().flatten();
    // Each transfer's asset as a small number, so holdings are keyed without hashing text.
    let mut asset_ids: HashMap<&Asset, u32> = HashMap::default();
    let mut assets: Vec<&Asset> = Vec::new();
    let asset_of: Vec<u32> = transfers
        .iter()
        .map(|t| {
            *asset_ids.entry(&t.asset).or_insert_with(|| {
                assets.push(&t.asset);
                (assets.len() - 1) as u32
            })
        })
        .collect();
    // (No transfer of the stolen asset: a number no transfer has.)
    let stolen_id = asset_ids.get(asset).copied().unwrap_or(u32::MAX);
    // What went into each conversion, stolen; the sum of its inputs and of its outputs.
    let mut into_conv: Vec<Part> = vec![Part::ZERO; conversions.len()];
    let sum = |ids: &[TransferId]| {
        ids.iter()
            .filter_map(|t| transfers.get(t.index()))
            .fold(Amount::ZERO, |s, t| s.saturating_add(t.amount))
    };
    let in_total: Vec<Amount> = conversions.iter().map(|c| sum(&c.inputs)).collect();
    let out_total: Vec<Amount> = conversions.iter().map(|c| sum(&c.outputs)).collect();
    let mut out_of_conv: Vec<Amount> = vec![Amount::ZERO; conversions.len()];
    // Stolen value each linked in-transfer brought that no out-transfer has carried on yet.
    let mut unspent: HashMap<usize, Part> = HashMap::default();
    // Stolen value each absorbing address holds, and what reached each swap contract.
    let mut pooled: std::collections::HashMap<NodeId, Amount> = Default::default();
    let mut swapped: std::collections::HashMap<NodeId, Amount> = Default::default();
    let mut order: Vec<usize> = (0..transfers.len())
        .filter(|&k| across || asset_of[k] == stolen_id)
        .collect();
    // Time order; within one time a conversion's outputs after everything else, so its inputs
    // have arrived.
    order.sort_by_key(|&k| {
        let t = &transfers[k];
        let output = matches!(role_of(k), Some(Role::Output(_)));
        (t.timestamp.is_none(), t.timestamp, output, k)
    });
    let mut holdings: HashMap<(NodeId, u32), Holding> = HashMap::default();
    let mut received_in: HashMap<(NodeId, u32), Amount> = HashMap::default();
    // Stolen value each address received, in worth (the result's map, kept in a faster one
    // while the loop runs).
    let mut received: HashMap<NodeId, Amount> = HashMap::default();
    // Dollar values are added up only where the files gave some.
    let has_usd = case.facts.has_usd();
    let mut result = Trace {
        asset: Some(asset.clone()),
        method,
        across,
        carried: vec![Amount::ZERO; transfers.len()],
        carried_equiv: vec![Amount::ZERO; transfers.len()],
        ..Trace::default()
    };
    for &k in &order {
        let t = &transfers[k];
        let amount = t.amount;
        let role_k = role_of(k);
        let asset_k = asset_of[k];
        let tainted: Part = if let Some(Role::Output(c)) = role_k {
            // The same share of what came out as was stolen of what went in.
            let part = Part {
                amount: amount.share(into_conv[c].amount, in_total[c]),
                equiv: into_conv[c].equiv.share(amount, out_total[c]),
            };
            out_of_conv[c] = out_of_conv[c].saturating_add(part.amount);
            part
        } else if at(&seed_flags, t.from) && asset_k == stolen_id {
            result.left_seeds = result.left_seeds.saturating_add(amount);
            Part {
                amount,
                equiv: amount,
            }
        } else if at(&swaps, t.from) {
            Part::ZERO // another trader's swap: not the stolen funds
        } else if at(&absorbs, t.from) {
            // Only along links: the stolen share of each linked deposit, scaled to this amount.
            let mut out = Part::ZERO;
            for &i in linked_from.get(&k).map(Vec::as_slice).unwrap_or_default() {
                let into = &transfers[i];
                let Some(left) = unspent.get_mut(&i) else {
                    continue; // not yet arrived, or another asset
                };
                // The share of the deposit this transfer takes, in its own asset and in worth,
                // never more than is left of it.
                let room = amount.saturating_sub(out.amount);
                let same = t.asset == into.asset;
                let mut amount_part = amount.share(result.carried[i], into.amount).min(room);
                if same {
                    amount_part = amount_part.min(left.amount);
                }
                let used = if same {
                    amount_part
                } else {
                    result.carried[i]
                        .share(amount, into.amount)
                        .min(left.amount)
                };
                let equiv = result.carried_equiv[i]
                    .share(amount, into.amount)
                    .min(left.equiv);
                let taken = Part {
                    amount: amount_part,
                    equiv,
                };
                *left = left.less(Part {
                    amount: used,
                    equiv,
                });
                if let Some(p) = pooled.get_mut(&into.to) {
                    *p = p.saturating_sub(taken.equiv);
                }
                out = out.add(taken);
            }
            out
        } else {
            holdings
                .entry((t.from, asset_k))
                .or_default()
                .spend(amount, method)
        };
        // The stolen asset is worth itself (value swapped back into it counts as what came
        // back, not what left).
        let tainted = if asset_k == stolen_id {
            Part {
                amount: tainted.amount,
                equiv: tainted.amount,
            }
        } else {
            tainted
        };
        result.carried[k] = tainted.amount;
        result.carried_equiv[k] = tainted.equiv;
        if !tainted.is_zero() {
            let r = received.entry(t.to).or_default();
            *r = r.saturating_add(tainted.equiv);
            // The stolen asset's receipts are `received` itself (worth is amount there).
            if asset_k != stolen_id {
                let r = received_in.entry((t.to, asset_k)).or_default();
                *r = r.saturating_add(tainted.amount);
            }
            if has_usd {
                let u = result.received_usd.entry(t.to).or_default();
                match case.facts.usd(TransferId(k as u32)) {
                    Some(usd) => u.0 = u.0.saturating_add(usd.share(tainted.amount, amount)),
                    None => u.1 = true,
                }
            }
        }
        if let Some(Role::Input(c)) = role_k {
            // Into the conversion: neither held nor swapped away by the recipient.
            into_conv[c] = into_conv[c].add(tainted);
        } else if at(&swaps, t.to) {
            let s = swapped.entry(t.to).or_default();
            *s = s.saturating_add(tainted.equiv);
        } else if at(&absorbs, t.to) {
            let p = pooled.entry(t.to).or_default();
            *p = p.saturating_add(tainted.equiv);
            unspent.insert(k, tainted);
        } else {
            holdings
                .entry((t.to, asset_k))
                .or_default()
                .receive(amount, tainted, method);
        }
    }
    let mut held_in: std::collections::HashMap<NodeId, Vec<(Asset, Amount)>> = Default::default();
    for ((id, a), h) in &holdings {
        let held = h.holds(method);
        if !held.is_zero() {
            let e = result.held.entry(*id).or_default();
            *e = e.saturating_add(held.equiv);
            held_in
                .entry(*id)
                .or_default()
                .push((assets[*a as usize].clone(), held.amount));
        }
    }
    let mut by_asset: std::collections::HashMap<NodeId, Vec<(Asset, Amount)>> = Default::default();
    // What each address received of the stolen asset itself: its `received` less the worth of
    // what reached it in other assets (the stolen asset's worth is its amount).
    let mut other_worth: HashMap<NodeId, Amount> = HashMap::default();
    if across {
        for (k, &c) in result.carried_equiv.iter().enumerate() {
            if !c.is_zero() && asset_of[k] != stolen_id {
                let w = other_worth.entry(transfers[k].to).or_default();
                *w = w.saturating_add(c);
            }
        }
    }
    result.received = received.into_iter().collect();
    for (&id, &total) in &result.received {
        let own = total.saturating_sub(other_worth.get(&id).copied().unwrap_or_default());
        if !own.is_zero() {
            by_asset.entry(id).or_default().push((asset.clone(), own));
        }
    }
    for ((id, a), v) in received_in {
        by_asset
            .entry(id)
            .or_default()
            .push((assets[a as usize].clone(), v));
    }
    for list in by_asset.values_mut().chain(held_in.values_mut()) {
        list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    }
    result.received_in = by_asset;
    result.held_in = held_in;
    let absorbed = largest_first(pooled);
    for &(id, v) in &absorbed {
        let h = result.held.entry(id).or_default();
        *h = h.saturating_add(v);
    }
    result.absorbed = absorbed;
    result.swapped = largest_first(swapped);
    result.converted = (0..conversions.len())
        .filter(|&c| !into_conv[c].is_zero())
        .map(|c| (c, into_conv[c].amount, out_of_conv[c]))
        .collect();
    result.cashout = largest_first(
        result
            .received
            .iter()
            .filter(|(id, _)| {
                graph
                    .node(**id)
                    .is_some_and(|n| shown(n, book).category == Category::Exchange)
            })
            .map(|(id, v)| (*id, *v))
            .collect(),
    );
    result.order = order;
    result
}
