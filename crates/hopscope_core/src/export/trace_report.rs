//! The trace as one JSON document (`hopscope trace`): the conversions the value went through
//! (and those listed as doubtful, not followed), what each address received and holds of the
//! stolen value per asset and in the stolen asset's worth, and the cash-out rows. The same
//! trace as the app's (`trace_view`'s parts), from the seeds given; the case file's verdicts
//! on links and conversions, where it has an investigation, count.

use serde_json::{json, Value};

use crate::convert::{words, Conversion};
use crate::infer::{self, Patterns};
use crate::model::labels::shown;
use crate::model::{Amount, Asset, Case, NodeId};
use crate::trace::{trace_across, trace_through, Method};
use crate::view::View;

/// What to trace: from which addresses, which asset (else the one the seeds sent most often),
/// by which method, and whether across conversions.
pub struct TraceRequest<'a> {
    pub seeds: &'a [String],
    pub asset: Option<&'a str>,
    pub method: Method,
    pub conversions: bool,
}

/// The trace of `request` over `case` as a JSON value; an error names a seed the case lacks or
/// an asset no seed sent.
pub fn trace_report(case: &Case, request: &TraceRequest) -> Result<Value, String> {
    let graph = &case.graph;
    let mut seeds = Vec::new();
    for s in request.seeds {
        let id = graph
            .node_by_text(s)
            .ok_or_else(|| format!("--seed {s}: no such address in the case"))?;
        seeds.push(id);
    }
    let asset = match request.asset {
        Some(a) => Asset::new(a),
        None => most_sent(case, &seeds).ok_or("the seeds send nothing: name an --asset")?,
    };
    let view = case
        .investigation
        .as_ref()
        .map(|i| crate::case_file::restore(i, case).view)
        .unwrap_or_else(|| View::all(case));
    let patterns = Patterns::of(case);
    let links = infer::carrying(&view, &patterns);
    let following = infer::following(&view, &patterns);
    let trace = if request.conversions {
        trace_across(
            case,
            &seeds,
            &asset,
            request.method,
            &patterns.absorbing,
            &links,
            &following,
        )
    } else {
        trace_through(
            case,
            &seeds,
            &asset,
            request.method,
            &patterns.absorbing,
            &links,
        )
    };
    let address = |id: NodeId| {
        graph
            .node(id)
            .map(|n| n.address.as_str().to_owned())
            .unwrap_or_default()
    };
    let conversion = |c: &Conversion| {
        json!({
            "tx": c.tx.as_str(),
            "address": address(c.address),
            "to": address(c.to),
            "from_asset": c.from_asset.as_str(),
            "from_amount": c.from_amount.to_string(),
            "to_asset": c.to_asset.as_str(),
            "to_amount": c.to_amount.to_string(),
            "kind": c.kind.as_str(),
            "confidence": (c.confidence * 100.0).round() / 100.0,
            "evidence": words::all_evidence(c, case),
        })
    };
    let used: Vec<Value> = trace
        .converted
        .iter()
        .map(|c| {
            let mut v = conversion(&c.conversion);
            v["stolen_in"] = json!(c.stolen_in.to_string());
            v["stolen_out"] = json!(c.stolen_out.to_string());
            v
        })
        .collect();
    let doubtful: Vec<Value> = patterns
        .conversions
        .iter()
        .filter(|c| c.doubtful && !following.contains(c))
        .map(conversion)
        .collect();
    let assets = |list: &[(Asset, Amount)]| -> Vec<Value> {
        list.iter()
            .map(|(a, v)| json!({"asset": a.as_str(), "amount": v.to_string()}))
            .collect()
    };
    // Every address stolen value reached (a trader's own swap back counts in its assets, not
    // again in worth).
    let mut ids: Vec<NodeId> = trace
        .received
        .keys()
        .chain(trace.received_in.keys())
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    ids.sort_by(|a, b| {
        trace
            .received_by(*b)
            .cmp(&trace.received_by(*a))
            .then(a.cmp(b))
    });
    let row = |id: NodeId| {
        let mut v = json!({
            "address": address(id),
            "name": graph.node(id).and_then(|n| shown(n, &case.book).label),
            "received": assets(trace.received_assets(id)),
            "holds": assets(trace.held_assets(id)),
            "received_worth": trace.received_by(id).to_string(),
            "holds_worth": trace.held_by(id).to_string(),
        });
        if let Some((usd, partial)) = trace.received_usd.get(&id) {
            if !usd.is_zero() {
                v["received_usd"] = json!(usd.to_string());
                v["received_usd_partial"] = json!(partial);
            }
        }
        v
    };
    let addresses: Vec<Value> = ids.iter().map(|&id| row(id)).collect();
    let cashout: Vec<Value> = trace.cashout.iter().map(|&(id, _)| row(id)).collect();
    let listed = |list: &[(NodeId, Amount)]| -> Vec<Value> {
        list.iter()
            .map(|&(id, v)| json!({"address": address(id), "worth": v.to_string()}))
            .collect()
    };
    Ok(json!({
        "asset": asset.as_str(),
        "method": match request.method { Method::Haircut => "haircut", Method::Fifo => "fifo" },
        "conversions_followed": request.conversions,
        "seeds": seeds.iter().map(|&s| address(s)).collect::<Vec<_>>(),
        "left_seeds": trace.left_seeds.to_string(),
        "worth_unit": asset.as_str(),
        "conversions": used,
        "doubtful_conversions": doubtful,
        "addresses": addresses,
        "cashout": cashout,
        "swapped_not_followed": listed(&trace.swapped),
        "held_in_pools": listed(&trace.absorbed),
    }))
}

/// The asset the seeds sent in the most transfers.
pub(crate) fn most_sent(case: &Case, seeds: &[NodeId]) -> Option<Asset> {
    let mut count: std::collections::HashMap<&Asset, usize> = Default::default();
    for t in case.graph.transfers() {
        if seeds.contains(&t.from) {
            *count.entry(&t.asset).or_default() += 1;
        }
    }
    count
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(a, _)| a.clone())
}
