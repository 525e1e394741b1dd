//! The trace's loop: every transfer followed, in time order, moving stolen parts between
//! holdings (`holding.rs`), into the pools that absorb them and along the links that carry
//! them out, and, across conversions, from a conversion's inputs to its outputs.

use rustc_hash::FxHashMap as HashMap;

use super::holding::{Holdings, Part};
use super::{is_swap, largest_first, Converted, Method, Trace};
use crate::convert::Conversion;
use crate::infer::LinkKey;
use crate::model::labels::{shown, LabelBook};
use crate::model::{Amount, Asset, Case, Category, NodeId, Packed, TransferId};

/// A transfer's part in a conversion being followed.
#[derive(Clone, Copy)]
enum Role {
    Input(usize),
    Output(usize),
    /// Part of what went in, handed back to the converter.
    Refund(usize),
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
        let roles = conv
            .inputs
            .iter()
            .map(|t| (t, Role::Input(c)))
            .chain(conv.outputs.iter().map(|t| (t, Role::Output(c))))
            .chain(conv.refunds.iter().map(|t| (t, Role::Refund(c))));
        for (t, r) in roles {
            if let Some(slot @ None) = role.get_mut(t.index()) {
                *slot = Some(r);
            }
        }
    }
    let role_of = |k: usize| role.get(k).copied().flatten();
    // Each transfer's asset as a small number, so holdings are keyed without hashing text.
    let mut asset_ids: HashMap<&Asset, u32> = HashMap::default();
    let mut assets: Vec<&Asset> = Vec::new();
    // (Runs of one asset, as an export mostly is, skip the lookup.)
    let mut last: Option<(&Asset, u32)> = None;
    let asset_of: Vec<u32> = transfers
        .iter()
        .map(|t| {
            if let Some((a, k)) = last {
                if *a == t.asset {
                    return k;
                }
            }
            let k = *asset_ids.entry(&t.asset).or_insert_with(|| {
                assets.push(&t.asset);
                (assets.len() - 1) as u32
            });
            last = Some((&t.asset, k));
            k
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
    // What went in and was not handed back: the outputs' worth is the stolen share of it.
    let net_in: Vec<Amount> = conversions
        .iter()
        .zip(&in_total)
        .map(|(c, total)| total.saturating_sub(sum(&c.refunds)))
        .collect();
    // When each conversion's last input happens: its outputs and refunds are followed after
    // it, even when a payout's time (a block's) reads earlier than its deposit's.
    // (An input without a time puts the outputs among the untimed transfers, after it.)
    let last_in: Vec<Option<i64>> = conversions
        .iter()
        .map(|c| {
            let times: Option<Vec<i64>> = c
                .inputs
                .iter()
                .map(|t| transfers.get(t.index()).and_then(|t| t.timestamp))
                .collect();
            times.and_then(|v| v.into_iter().max())
        })
        .collect();
    let untimed_in: Vec<bool> = conversions
        .iter()
        .map(|c| {
            c.inputs.iter().any(|t| {
                transfers
                    .get(t.index())
                    .is_some_and(|t| t.timestamp.is_none())
            })
        })
        .collect();
    let mut out_of_conv: Vec<Amount> = vec![Amount::ZERO; conversions.len()];
    // Stolen value each linked in-transfer brought that no out-transfer has carried on yet.
    let mut unspent: HashMap<usize, Part> = HashMap::default();
    // Stolen value each absorbing address holds, and what reached each swap contract.
    let mut pooled: std::collections::HashMap<NodeId, Amount> = Default::default();
    // The same per asset, as amounts of it.
    let mut pooled_in: HashMap<(NodeId, u32), Amount> = HashMap::default();
    let mut swapped: std::collections::HashMap<NodeId, Amount> = Default::default();
    let mut order: Vec<usize> = (0..transfers.len())
        .filter(|&k| across || asset_of[k] == stolen_id)
        .collect();
    // Time order; a conversion's outputs and refunds at the latest of their time and its last
    // input's, and after everything else at that time, so its inputs have arrived.
    order.sort_by_key(|&k| {
        let t = &transfers[k];
        match role_of(k) {
            Some(Role::Output(c) | Role::Refund(c)) => {
                let at = if untimed_in[c] {
                    None
                } else {
                    t.timestamp.max(last_in[c])
                };
                (at.is_none(), at, true, k)
            }
            _ => (t.timestamp.is_none(), t.timestamp, false, k),
        }
    });
    let mut holdings = Holdings::new(graph.node_bound(), assets.len(), transfers.len());
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
        carried: vec![Amount::ZERO.pack(); transfers.len()],
        carried_equiv: vec![Amount::ZERO.pack(); transfers.len()],
        ..Trace::default()
    };
    for &k in &order {
        let t = &transfers[k];
        let amount = t.amount;
        let role_k = role_of(k);
        let asset_k = asset_of[k];
        let tainted: Part = if let Some(Role::Output(c)) = role_k {
            // The same share of what came out as was stolen of what went in (and was not
            // handed back), worth what went in.
            let part = Part {
                amount: amount.share(into_conv[c].amount, in_total[c]),
                equiv: into_conv[c]
                    .equiv
                    .share(net_in[c], in_total[c])
                    .share(amount, out_total[c]),
            };
            out_of_conv[c] = out_of_conv[c].saturating_add(part.amount);
            part
        } else if let Some(Role::Refund(c)) = role_k {
            // Handed back: the stolen share of the input, as it went in.
            Part {
                amount: amount.share(into_conv[c].amount, in_total[c]),
                equiv: into_conv[c].equiv.share(amount, in_total[c]),
            }
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
                // This transfer carries the deposit's stolen share of its own amount (never
                // more than is left of the deposit, nor than the transfer itself). What it takes
                // comes off the deposit unit for unit: a link carries the same value across,
                // also where a bridge names the asset differently (USDC in, USDC.e out). Its
                // worth is the same share of the deposit's worth.
                let room = amount.saturating_sub(out.amount);
                let amount_part = amount
                    .share(result.carried[i].get(), into.amount)
                    .min(room)
                    .min(left.amount);
                let used = amount_part;
                let equiv = left.equiv.share(used, left.amount).min(left.equiv);
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
                if let Some(p) = pooled_in.get_mut(&(into.to, asset_of[i])) {
                    *p = p.saturating_sub(used);
                }
                out = out.add(taken);
            }
            out
        } else {
            holdings.at(t.from, asset_k).spend(amount, method)
        };
        result.carried[k] = tainted.amount.pack();
        result.carried_equiv[k] = tainted.equiv.pack();
        // A swap back to the trader itself is the same value in another form: its worth is
        // not received a second time.
        let same_value = match role_k {
            Some(Role::Output(c) | Role::Refund(c)) => conversions[c].address == t.to,
            _ => false,
        };
        if !tainted.is_zero() && !same_value {
            let r = received.entry(t.to).or_default();
            *r = r.saturating_add(tainted.equiv);
        }
        if !tainted.is_zero() {
            // Receipts of other assets, per asset (the stolen asset's are added up from
            // `carried` after the loop, away from this hot path).
            if asset_k != stolen_id {
                let r = received_in.entry((t.to, asset_k)).or_default();
                *r = r.saturating_add(tainted.amount);
            }
            if has_usd && !same_value {
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
            let p = pooled_in.entry((t.to, asset_k)).or_default();
            *p = p.saturating_add(tainted.amount);
            unspent.insert(k, tainted);
        } else {
            holdings.at(t.to, asset_k).receive(amount, tainted, method);
        }
    }
    let mut held_in: std::collections::HashMap<NodeId, Vec<(Asset, Amount)>> = Default::default();
    for ((id, a), h) in holdings.iter() {
        let held = h.holds(method);
        if !held.is_zero() {
            let e = result.held.entry(id).or_default();
            *e = e.saturating_add(held.equiv);
            held_in
                .entry(id)
                .or_default()
                .push((assets[a as usize].clone(), held.amount));
        }
    }
    // What pools and bridges keep, per asset.
    for ((id, a), v) in pooled_in {
        if !v.is_zero() {
            held_in
                .entry(id)
                .or_default()
                .push((assets[a as usize].clone(), v));
        }
    }
    let mut by_asset: std::collections::HashMap<NodeId, Vec<(Asset, Amount)>> = Default::default();
    // What each address received of the stolen asset itself, transfer by transfer.
    let mut own: HashMap<NodeId, Amount> = HashMap::default();
    for (k, c) in result.carried.iter().map(Packed::get).enumerate() {
        if !c.is_zero() && asset_of[k] == stolen_id {
            let w = own.entry(transfers[k].to).or_default();
            *w = w.saturating_add(c);
        }
    }
    for (id, v) in own {
        by_asset.entry(id).or_default().push((asset.clone(), v));
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
    result.received = received.into_iter().collect();
    let absorbed = largest_first(pooled);
    for &(id, v) in &absorbed {
        let h = result.held.entry(id).or_default();
        *h = h.saturating_add(v);
    }
    result.absorbed = absorbed;
    result.swapped = largest_first(swapped);
    // In the order the money went through them.
    let mut converted: Vec<usize> = (0..conversions.len())
        .filter(|&c| !into_conv[c].is_zero())
        .collect();
    converted.sort_by_key(|&c| (last_in[c].is_none(), last_in[c], c));
    result.converted = converted
        .into_iter()
        .map(|c| {
            // What went in net of what came back.
            Converted {
                conversion: conversions[c].clone(),
                stolen_in: into_conv[c].amount.share(net_in[c], in_total[c]),
                stolen_out: out_of_conv[c],
            }
        })
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
