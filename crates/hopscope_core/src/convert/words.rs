//! Conversions in words, for the explain panel, the CLI's report and exports: the label of a
//! conversion edge ("62,423 USDC → 41.4 ETH") and each piece of evidence as a sentence.

use super::{Conversion, ConversionEvidence};
use crate::figures;
use crate::figures::format_duration;
use crate::model::Case;

/// "62,423 USDC → 41.4 ETH": both amounts exact, with their units.
pub fn label(c: &Conversion) -> String {
    format!(
        "{} → {}",
        figures::amount(c.from_amount, c.from_asset.as_str()).text,
        figures::amount(c.to_amount, c.to_asset.as_str()).text
    )
}

/// One piece of evidence as a sentence naming the addresses it rests on.
pub fn evidence(e: &ConversionEvidence, c: &Conversion, case: &Case) -> String {
    match e {
        ConversionEvidence::SameTx => {
            format!("both sides are transfers of one transaction ({})", c.tx.as_str())
        }
        ConversionEvidence::Through(ids) => {
            let names: Vec<String> = ids.iter().map(|&id| case.name(id)).collect();
            format!("passed through {} (a known contract)", names.join(", "))
        }
        ConversionEvidence::Sender => format!(
            "{} sent the transaction (its own row names it as the sender)",
            case.name(c.address)
        ),
        ConversionEvidence::OnlyGiver => format!(
            "{} is the only party that paid in without being a known contract",
            case.name(c.address)
        ),
        ConversionEvidence::Guess => format!(
            "several parties paid in and none is a known contract or the named sender: {} is a guess (it got its output from a known contract, or had received what it paid in before, or appears in the most flows)",
            case.name(c.address)
        ),
        ConversionEvidence::SentOn => format!(
            "the output went on to {}, not back to the payer (swap and send)",
            case.name(c.to)
        ),
        ConversionEvidence::InboundMemo(m) => format!("the deposit's memo asks for it: \"{m}\""),
        ConversionEvidence::OutboundMemo(m) => {
            format!("the payout's memo names the deposit: \"{m}\"")
        }
        ConversionEvidence::DestinationAndTime { seconds } => format!(
            "no payout names the deposit: paired by the memo's destination, paid {} later (less sure)",
            format_duration(*seconds)
        ),
        ConversionEvidence::BridgeHop { score } => format!(
            "the bridge matcher paired the two sides ({:.0}%)",
            score * 100.0
        ),
    }
}

/// Every piece of evidence, in order, and a doubtful rate's warning first.
pub fn all_evidence(c: &Conversion, case: &Case) -> Vec<String> {
    let mut out = Vec::new();
    if c.doubtful {
        out.push(format!(
            "doubtful: its rate ({}) is more than {}× away from the median of this pair in the case; not followed unless accepted",
            rate_text(c),
            super::DOUBTFUL_RATE
        ));
    }
    out.extend(c.evidence.iter().map(|e| evidence(e, c, case)));
    out
}

/// "1 USDC = 0.00066 ETH": the rate for reading only (the trace uses the exact amounts).
pub fn rate_text(c: &Conversion) -> String {
    if !c.rate.is_finite() {
        return "none: nothing went in".to_owned();
    }
    format!(
        "1 {} = {} {}",
        c.from_asset.as_str(),
        significant(c.rate),
        c.to_asset.as_str()
    )
}

/// A float with five significant digits, never in exponent form.
fn significant(x: f64) -> String {
    if x == 0.0 {
        return "0".to_owned();
    }
    let digits = (4 - x.abs().log10().floor() as i32).clamp(0, 30) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}
