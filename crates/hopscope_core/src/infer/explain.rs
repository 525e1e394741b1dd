//! What an inferred link or a pattern group rests on, for the explain panel: which heuristic
//! made it, and each piece of evidence in words, with exact amounts and UTC times.

use crate::figures::format_duration;
use std::collections::BTreeSet;

use petgraph::Direction;

use super::{Decision, Evidence, GroupKind, InferredLink, LinkKind, Patterns};
use crate::bridge::{BridgeOptions, BridgeReason};
use crate::cluster::entity_label;
use crate::demix;
use crate::figures::format_utc;
use crate::model::labels::shown;
use crate::model::{Case, NodeId, TransferId};
use crate::peel::CHANGE_RATIO;

/// What an inferred link or pattern rests on, for the explain panel: a title, and each
/// heuristic with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub title: String,
    pub lines: Vec<(String, String)>,
}

/// An address for reading: its label (book or own) and the address itself.
pub fn name_of(case: &Case, id: NodeId) -> String {
    match case.graph.node(id) {
        Some(n) => match shown(n, &case.book).label {
            Some(l) => format!("{l} ({})", n.address.as_str()),
            None => n.address.as_str().to_owned(),
        },
        None => "?".to_owned(),
    }
}

fn transfer_text(case: &Case, t: TransferId) -> String {
    match case.graph.transfer(t) {
        Some(t) => format!(
            "{} in tx {}{}",
            crate::figures::amount(t.amount, t.asset.as_str()).text,
            t.tx,
            t.timestamp
                .map(|ts| format!(" at {}", format_utc(ts)))
                .unwrap_or_default()
        ),
        None => "?".to_owned(),
    }
}

/// Which heuristics made `link`, and the evidence for each.
pub fn explain(case: &Case, link: &InferredLink) -> Explanation {
    let graph = &case.graph;
    let (from, to, via) = (
        name_of(case, link.from),
        name_of(case, link.to),
        name_of(case, link.via),
    );
    let mut lines = Vec::new();
    let title = match &link.evidence {
        Evidence::Demix(reasons) => {
            lines.push((
                "Deposit".to_owned(),
                format!("{from} into {via}: {}", transfer_text(case, link.key.into)),
            ));
            lines.push((
                "Withdrawal".to_owned(),
                format!("to {to}: {}", transfer_text(case, link.key.out)),
            ));
            for r in reasons {
                lines.push(match r {
                    demix::Reason::SoonAfter { seconds, crowd } => (
                        "Same pool and denomination, soon after".to_owned(),
                        format!(
                            "withdrawn {} after the deposit; {crowd} other withdrawal{} of that denomination came in between (weight {:.2})",
                            format_duration(*seconds),
                            if *crowd == 1 { "" } else { "s" },
                            r.weight()
                        ),
                    ),
                    demix::Reason::SameAddress => (
                        "Same address on both sides".to_owned(),
                        format!("the withdrawal pays the depositor itself (weight {:.2})", r.weight()),
                    ),
                    demix::Reason::LinkedAddress { via } => (
                        "Linked address".to_owned(),
                        format!(
                            "the depositor and the withdrawal's address dealt directly: {} (weight {:.2})",
                            transfer_text(case, *via),
                            r.weight()
                        ),
                    ),
                    demix::Reason::MatchingTotal {
                        total,
                        asset,
                        pools,
                    } => (
                        "Matching multi-denomination total".to_owned(),
                        format!(
                            "the depositor put {} into {pools} pools in all, and this address took the same total out of them (weight {:.2})",
                            crate::figures::amount(*total, asset.as_str()).text,
                            r.weight()
                        ),
                    ),
                    demix::Reason::FundedByTrail { trail_address } => (
                        "Withdrawal address later deals with the trail".to_owned(),
                        format!(
                            "after the withdrawal it transacts with {}, an address of the trail (weight {:.2})",
                            name_of(case, *trail_address),
                            r.weight()
                        ),
                    ),
                });
            }
            lines.push((
                "Not used".to_owned(),
                "gas price and relayer heuristics: the data has no gas prices or relayers"
                    .to_owned(),
            ));
            format!("Demixing candidate, {:.0} % confidence", 100.0 * link.score)
        }
        Evidence::Bridge(reasons) => {
            let chain = |t: TransferId| {
                graph
                    .transfer(t)
                    .and_then(|t| graph.chain_of(t))
                    .map(|c| c.as_str().to_owned())
                    .unwrap_or_default()
            };
            lines.push((
                "Into the bridge".to_owned(),
                format!(
                    "{from} into {via} on {}: {}",
                    chain(link.key.into),
                    transfer_text(case, link.key.into)
                ),
            ));
            lines.push((
                "Out on the other side".to_owned(),
                format!(
                    "to {to} on {}: {}",
                    chain(link.key.out),
                    transfer_text(case, link.key.out)
                ),
            ));
            for r in reasons {
                lines.push(match r {
                    BridgeReason::SameAddress => (
                        "Same address on both chains".to_owned(),
                        "the address that sent into the bridge received what came out".to_owned(),
                    ),
                    BridgeReason::AmountAndTime { shortfall, seconds } => (
                        "Amount and time".to_owned(),
                        format!(
                            "out {} later, {:.2} % less than went in (the bridge's fee); tolerance {:.0} % and {}",
                            format_duration(*seconds),
                            100.0 * shortfall,
                            100.0 * BridgeOptions::default().max_shortfall,
                            format_duration(BridgeOptions::default().max_seconds)
                        ),
                    ),
                });
            }
            format!("Cross-chain hop, {:.0} % confidence", 100.0 * link.score)
        }
        Evidence::Conversion(c) => {
            use crate::convert::words;
            let list = |ids: &[TransferId]| {
                ids.iter()
                    .map(|&t| transfer_text(case, t))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            lines.push((
                "In".to_owned(),
                format!("{} gave {}", name_of(case, c.address), list(&c.inputs)),
            ));
            lines.push((
                "Out".to_owned(),
                format!("{} got {}", name_of(case, c.to), list(&c.outputs)),
            ));
            lines.push(("Rate".to_owned(), words::rate_text(c)));
            for e in words::all_evidence(c, case) {
                lines.push(("Evidence".to_owned(), e));
            }
            format!(
                "{} {}, {:.0} % confidence",
                c.kind.as_str(),
                words::label(c),
                100.0 * link.score
            )
        }
    };
    let verdict = match link.decision {
        Some(Decision::Accepted) => "accepted: the trace follows it",
        Some(Decision::Rejected) => "rejected: not drawn, not followed",
        None if link.carries() && link.kind == LinkKind::Conversion => {
            "not yet judged; a conversion is followed unless rejected"
        }
        None if link.carries() => "not yet judged; a bridge hop is followed unless rejected",
        None if link.kind == LinkKind::Conversion => "doubtful: not followed until accepted",
        None => "a suggestion: the trace does not follow it until accepted",
    };
    lines.push(("Status".to_owned(), verdict.to_owned()));
    let heuristic = super::Heuristic::of_link(link.kind, link.conversion().map(|c| c.kind));
    lines.push(("Rests on".to_owned(), heuristic.rests_on().to_owned()));
    lines.push((
        "Can be wrong".to_owned(),
        heuristic.can_be_wrong().to_owned(),
    ));
    Explanation { title, lines }
}

/// Which heuristic made a pattern group (an entity or a peel chain), and from what evidence;
/// `None` for a group the investigator made.
pub fn explain_group(
    case: &Case,
    name: &str,
    members: &BTreeSet<NodeId>,
    kind: GroupKind,
    patterns: &Patterns,
) -> Option<Explanation> {
    let first = *members.first()?;
    match kind {
        GroupKind::Manual => None,
        GroupKind::CommonSpend => {
            let entity = patterns.clusters.entity_of(first)?;
            let mut lines = vec![(
                "Common-spend (multi-input) heuristic".to_owned(),
                format!(
                    "{} addresses are inputs of the same transactions, so one wallet holds their keys; {} co-spending transaction{}",
                    entity.members.len(),
                    entity.co_spends.len(),
                    if entity.co_spends.len() == 1 { "" } else { "s" }
                ),
            )];
            for &tx in entity.co_spends.iter().take(10) {
                let ins: Vec<String> = case
                    .graph
                    .flows_of(tx, Direction::Incoming)
                    .map(|(from, _)| name_of(case, from))
                    .collect();
                lines.push((
                    format!("Transaction {}", name_of(case, tx)),
                    format!("spends from {}", ins.join(", ")),
                ));
            }
            if entity.co_spends.len() > 10 {
                lines.push((
                    "…".to_owned(),
                    format!("{} more", entity.co_spends.len() - 10),
                ));
            }
            match entity_label(case, entity) {
                Some(l) => lines.push((
                    "Label carried to the entity".to_owned(),
                    format!(
                        "\"{}\" from member {} (source: {})",
                        l.label,
                        name_of(case, l.from),
                        l.source
                    ),
                )),
                None => lines.push(("Label".to_owned(), "no member is labelled".to_owned())),
            }
            lines.push((
                "Not used".to_owned(),
                format!(
                    "{} CoinJoin-like transaction{} (tagged coinjoin, a mixer, or ≥ 3 inputs with ≥ 3 equal outputs) in this case join nobody",
                    patterns.clusters.coinjoins.len(),
                    if patterns.clusters.coinjoins.len() == 1 { "" } else { "s" }
                ),
            ));
            lines.push((
                "Can be wrong".to_owned(),
                super::Heuristic::CommonSpend.can_be_wrong().to_owned(),
            ));
            Some(Explanation {
                title: name.to_owned(),
                lines,
            })
        }
        GroupKind::PeelChain => {
            let chain = patterns.peel_chain_of(first)?;
            let mut lines = vec![
                (
                    "Peel-chain heuristic".to_owned(),
                    format!(
                        "each transaction pays out a small amount and sends at least {CHANGE_RATIO}× the largest payment on to a fresh change address, which the next transaction spends alone"
                    ),
                ),
                (
                    "Length".to_owned(),
                    format!("{} steps, {} payments out", chain.len(), chain.peels.len()),
                ),
                (
                    "Total peeled".to_owned(),
                    crate::figures::amount(
                        chain.total_peeled,
                        chain
                            .peels
                            .first()
                            .and_then(|&t| case.graph.transfer(t))
                            .map(|t| t.asset.as_str())
                            .unwrap_or_default(),
                    )
                    .text,
                ),
                ("Starts at".to_owned(), name_of(case, chain.start)),
            ];
            if let Some(end) = chain.end() {
                lines.push(("Ends at".to_owned(), name_of(case, end)));
            }
            lines.push((
                "Can be wrong".to_owned(),
                super::Heuristic::PeelChain.can_be_wrong().to_owned(),
            ));
            Some(Explanation {
                title: name.to_owned(),
                lines,
            })
        }
    }
}
