//! What each method and heuristic rests on and how it can be wrong, written once: the explain
//! panel shows it beside a link, the report's "Method and limits" section for every one the
//! case used (`Heuristic::used`). Plain text; the writers escape it like any other.

use super::{InferredLink, LinkKind, Patterns};
use crate::convert::ConversionKind;
use crate::model::choices::Method;

/// A method or heuristic whose result the investigator relies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Heuristic {
    Haircut,
    Fifo,
    /// Mixer pools and bridges keep what they receive unless a link carries it out.
    PoolsAbsorb,
    Demix,
    BridgeHop,
    Swap,
    Wrap,
    CrossChain,
    PeelChain,
    CommonSpend,
    Labels,
}

impl Heuristic {
    pub fn name(self) -> &'static str {
        match self {
            Heuristic::Haircut => "Haircut (proportional) tracing",
            Heuristic::Fifo => "FIFO tracing",
            Heuristic::PoolsAbsorb => "Mixer pools and bridges hold what they receive",
            Heuristic::Demix => "Demixing (linking a mixer withdrawal to a deposit)",
            Heuristic::BridgeHop => "Cross-chain bridge hops",
            Heuristic::Swap => "Swaps in one transaction",
            Heuristic::Wrap => "Wraps (a coin and its wrapped form)",
            Heuristic::CrossChain => "Cross-chain swaps (THORChain memos)",
            Heuristic::PeelChain => "Peel chains",
            Heuristic::CommonSpend => "Common-spend entities",
            Heuristic::Labels => "Address labels",
        }
    }

    /// What it rests on.
    pub fn rests_on(self) -> &'static str {
        match self {
            Heuristic::Haircut => "Every address's holdings are treated as a mix: each transfer out carries the stolen share of the sender's balance at that moment, so stolen value spreads in proportion over everything the address later sends. Transfers are followed in time order; all the seeds send counts as stolen.",
            Heuristic::Fifo => "An address's receipts queue up in time order and each transfer out spends the oldest first (first in, first out), so a transfer carries exactly the stolen part of the receipts it uses up. Transfers are followed in time order; all the seeds send counts as stolen.",
            Heuristic::PoolsAbsorb => "A mixer pool or a bridge contract is shared by many users and the data never holds all of its deposits, so what reaches it is kept there; value leaves it only along a link the investigator accepted (a demixing candidate) or a bridge hop, and never more than the linked deposit brought in.",
            Heuristic::Demix => "A withdrawal from the same pool and denomination soon after a deposit, with few other withdrawals in between; the same address on both sides; the depositor and the withdrawer dealing directly; a withdrawer taking out the same multi-pool total the depositor put in; a withdrawer later dealing with the trail. Each reason adds weight to a confidence; a candidate counts only once the investigator accepts it.",
            Heuristic::BridgeHop => "What went into a bridge on one chain and came out on another: to the same address, or in an amount a little smaller (the bridge's fee) within a time window.",
            Heuristic::Swap => "Transfers of one transaction in which one party gave one asset and got another back, through a router or pool the labels name; who converted is the transaction's sender where the file names it, else the only party that gave value.",
            Heuristic::Wrap => "A coin and its wrapped form (ETH and WETH and the like) exchanged one for one in one transaction.",
            Heuristic::CrossChain => "A deposit to THORChain whose memo names the swap (asset and destination address), paired with the payout on the other chain that names the deposit, or that matches its destination, asset and time.",
            Heuristic::PeelChain => "A Bitcoin transaction with one input and two outputs, one much smaller than the other (the payment), the larger (the change) spent on in the same way, step after step.",
            Heuristic::CommonSpend => "Bitcoin addresses spent together as inputs of one transaction are taken to be controlled by one owner; CoinJoin-like transactions (many equal outputs) are skipped.",
            Heuristic::Labels => "Names and categories (exchange, mixer, bridge, DeFi) come from the case's own files, from label lists the investigator added, or from the label book bundled with hopscope; each label names its source.",
        }
    }

    /// How it can be wrong.
    pub fn can_be_wrong(self) -> &'static str {
        match self {
            Heuristic::Haircut => "It is a convention, not a fact on chain: it spreads stolen value thinly over every later transfer of a mixed address, so small stolen shares appear in many places. Transfers the data lacks (other tokens, other chains, internal transactions not exported) change every share after them.",
            Heuristic::Fifo => "It is a convention, not a fact on chain: a wallet does not spend its coins in any order, and FIFO can assign a whole transfer to stolen or clean value where haircut would split it. Transfers the data lacks change every share after them.",
            Heuristic::PoolsAbsorb => "Stolen value that did leave a pool to an address no link names is shown as still held by the pool; the trace under-counts beyond the pool rather than guess.",
            Heuristic::Demix => "Timing and amounts are circumstantial: another user's withdrawal can match as well or better, relayers and fixed denominations make many withdrawals alike, and the data holds only the transfers that were exported. A candidate is a lead to check, not proof; rejected candidates are neither drawn nor followed.",
            Heuristic::BridgeHop => "Busy bridges move many similar amounts at the same time: an amount-and-time match can pair the deposit with another user's withdrawal. Fees that differ from the tolerance, or a hop that takes longer than the window, are missed.",
            Heuristic::Swap => "When several parties give value in one transaction and none is known as a contract or the sender, the converter is a guess (marked as such). A rate far from the others of the same pair marks a conversion as doubtful; doubtful ones are not followed unless accepted.",
            Heuristic::Wrap => "A token that merely shares a wrapped coin's name is not its wrapped form; only names in the bundled list count.",
            Heuristic::CrossChain => "Without a memo naming the deposit, a payout is paired by destination, asset and time, and another swap to the same address at the same time can be taken for it. Refunds and other protocols (Maya, Chainflip) are not modelled.",
            Heuristic::PeelChain => "A payment to a merchant that gives change looks the same; the smaller output is not always the payment, and a chain may be cut where the owner changed wallet software.",
            Heuristic::CommonSpend => "CoinJoins not detected as such, and services that spend for many customers, merge unrelated owners into one entity.",
            Heuristic::Labels => "A label is only as good as its source: lists go out of date, exchanges have many deposit addresses no list names, and a label a file gives cannot be checked here.",
        }
    }

    /// The methods and heuristics a case's analysis used: the trace method (if a trace is
    /// shown), pools absorbing, the demixing candidates drawn among `links` (`infer::links` of
    /// the view), and each kind of bridge hop, conversion, chain or entity the patterns found;
    /// labels always.
    pub fn used(
        patterns: &Patterns,
        links: &[InferredLink],
        trace: Option<(Method, bool)>,
        entities: bool,
    ) -> Vec<Heuristic> {
        let mut used = Vec::new();
        if let Some((method, absorb)) = trace {
            used.push(match method {
                Method::Haircut => Heuristic::Haircut,
                Method::Fifo => Heuristic::Fifo,
            });
            if absorb && !patterns.absorbing.is_empty() {
                used.push(Heuristic::PoolsAbsorb);
            }
        }
        if links.iter().any(|l| l.kind == LinkKind::Demix && l.drawn()) {
            used.push(Heuristic::Demix);
        }
        if !patterns.bridge_hops.is_empty() {
            used.push(Heuristic::BridgeHop);
        }
        for (kind, h) in [
            (ConversionKind::Swap, Heuristic::Swap),
            (ConversionKind::Wrap, Heuristic::Wrap),
            (ConversionKind::CrossChain, Heuristic::CrossChain),
        ] {
            if patterns.conversions.iter().any(|c| c.kind == kind) {
                used.push(h);
            }
        }
        if !patterns.peel_chains.is_empty() {
            used.push(Heuristic::PeelChain);
        }
        if entities {
            used.push(Heuristic::CommonSpend);
        }
        used.push(Heuristic::Labels);
        used
    }
}

impl Heuristic {
    /// The heuristic behind an inferred link of `kind` (a conversion's own kind, where it is one).
    pub fn of_link(kind: LinkKind, conversion: Option<ConversionKind>) -> Heuristic {
        match (kind, conversion) {
            (LinkKind::Demix, _) => Heuristic::Demix,
            (LinkKind::Bridge, _) | (_, Some(ConversionKind::Bridge)) => Heuristic::BridgeHop,
            (_, Some(ConversionKind::Wrap)) => Heuristic::Wrap,
            (_, Some(ConversionKind::CrossChain)) => Heuristic::CrossChain,
            (LinkKind::Conversion, _) => Heuristic::Swap,
        }
    }
}
