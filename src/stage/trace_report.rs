//! What the trace found, as sentences for the trace panel and the inspector: exact amounts
//! with their unit (`figures`), shares that never read "-0.0 %", what stopped in mixers and
//! bridges, what was swapped at DEX pools and routers (not followed, never "still holds").

use hopscope_core::figures::{self, Figure};
use hopscope_core::model::labels::{shown, LabelBook};
use hopscope_core::model::Amount;
use hopscope_core::trace::{Method, Trace};
use hopscope_core::NodeId;

use super::Stage;

/// A sentence and, where an amount in it is cut (marked "≈"), the exact figures for a tooltip.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub exact: String,
}

/// The trace panel's summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceReport {
    /// The asset traced (the unit of every figure).
    pub unit: String,
    /// What left the seeds and what reached exchanges.
    pub summary: Line,
    /// What stopped in mixer pools and bridges, where there is any.
    pub stopped: Option<Line>,
    /// What went into swap contracts (swapped, not followed), where there is any.
    pub swapped: Option<Line>,
}

/// Addresses named in a line at most.
const NAMED: usize = 3;

impl Stage {
    /// The summary of the trace run, if one is.
    pub fn trace_report(&self) -> Option<TraceReport> {
        let traced = self.trace.as_ref()?;
        let t = &traced.trace;
        let unit = traced.asset.as_str().to_owned();
        let left = figures::amount(t.left_seeds, &unit);
        let cashed_total = Trace::total(&t.cashout);
        let cashed = figures::amount(cashed_total, &unit);
        let method = match traced.method {
            Method::Haircut => "haircut",
            Method::Fifo => "FIFO",
        };
        let summary = line(
            format!(
                "{} left the seeds; {} ({}) reached exchanges ({method}).",
                left.text,
                cashed.text,
                figures::percent(cashed_total, t.left_seeds)
            ),
            &[&left, &cashed],
        );
        let stopped = (!t.absorbed.is_empty()).then(|| {
            let total = figures::amount(Trace::total(&t.absorbed), &unit);
            line(
                format!(
                    "{} stopped in mixers or bridges ({}). Accept demixing candidates under \"Mixers & bridges\" to follow it.",
                    total.text,
                    self.names(&t.absorbed)
                ),
                &[&total],
            )
        });
        let swapped = (!t.swapped.is_empty()).then(|| {
            let total = figures::amount(Trace::total(&t.swapped), &unit);
            line(
                format!(
                    "{} went into DEX pools or routers ({}): swapped, not followed (the trace follows one asset, {unit}, and the swap paid out another).",
                    total.text,
                    self.names(&t.swapped)
                ),
                &[&total],
            )
        });
        Some(TraceReport {
            unit,
            summary,
            stopped,
            swapped,
        })
    }

    /// What the trace says of the address `id` (all `members` of its group): a seed, a swap
    /// contract (swapped, not followed), or what reached it and what it still holds.
    pub fn trace_line(&self, members: &[NodeId]) -> Option<Line> {
        let traced = self.trace.as_ref()?;
        let t = &traced.trace;
        let unit = traced.asset.as_str();
        let seeds = self.view.seeds(&self.case);
        if members.iter().any(|m| seeds.contains(m)) {
            let left = figures::amount(t.left_seeds, unit);
            return Some(line(
                format!(
                    "Traced from here: a seed, so all it sent counts as stolen ({} left the seeds).",
                    left.text
                ),
                &[&left],
            ));
        }
        let sum = |f: &dyn Fn(NodeId) -> Amount| {
            members
                .iter()
                .fold(Amount::ZERO, |s, &m| s.saturating_add(f(m)))
        };
        let received = figures::amount(sum(&|m| t.received_by(m)), unit);
        if members.iter().any(|&m| t.swapped_at(m).is_some()) {
            return Some(line(
                format!(
                    "Traced: {} of the stolen funds reached it, a DEX pool or router: swapped, not followed (it paid out another asset than {unit}).",
                    received.text
                ),
                &[&received],
            ));
        }
        let held = figures::amount(sum(&|m| t.held_by(m)), unit);
        Some(line(
            format!(
                "Traced: {} of the stolen funds reached it; it still holds {}.",
                received.text, held.text
            ),
            &[&received, &held],
        ))
    }

    /// The first `NAMED` addresses of a list by their shown names, and how many more.
    fn names(&self, list: &[(NodeId, Amount)]) -> String {
        let book: &LabelBook = &self.case.book;
        let mut names: Vec<String> = list
            .iter()
            .take(NAMED)
            .filter_map(|(id, _)| self.case.graph.node(*id))
            .map(|n| {
                shown(n, book)
                    .label
                    .unwrap_or_else(|| n.address.as_str().to_owned())
            })
            .collect();
        if list.len() > NAMED {
            names.push(format!("{} more", list.len() - NAMED));
        }
        names.join("; ")
    }
}

/// A sentence with the exact value of each cut figure for its tooltip.
fn line(text: String, figures: &[&Figure]) -> Line {
    let exact: Vec<&str> = figures
        .iter()
        .filter(|f| f.is_cut())
        .map(|f| f.exact.as_str())
        .collect();
    Line {
        text,
        exact: if exact.is_empty() {
            String::new()
        } else {
            format!("Exactly: {}", exact.join("; "))
        },
    }
}

#[cfg(test)]
mod tests {
    use hopscope_core::model::Asset;
    use hopscope_core::trace::Pools;
    use hopscope_core::view::ExpandOptions;

    use super::*;

    fn demo_expanded() -> Stage {
        let imported = hopscope_core::parse_case(crate::DEMO_CASE).expect("demo case parses");
        let mut stage = Stage::new(imported.value, imported.format);
        let seed = stage.case.seeds[0];
        let options = ExpandOptions {
            hops: 8,
            hub_threshold: 1000,
            ..ExpandOptions::default()
        };
        stage.change_view(|v, case| {
            v.expand(case, seed, &options);
        });
        stage
    }

    #[test]
    fn nothing_cashed_out_reads_zero_not_minus_zero() {
        let mut stage = demo_expanded();
        // USDT in the demo case goes to a DEX router and no further: nothing reaches an
        // exchange (an empty f64 sum was -0.0 and read "-0 USDT (-0.0 %)").
        stage.run_trace(Method::Haircut, Asset::new("USDT"), Pools::Absorb, true);
        let report = stage.trace_report().unwrap();
        assert!(
            report
                .summary
                .text
                .contains("; 0 USDT (0 %) reached exchanges"),
            "{}",
            report.summary.text
        );
        assert!(!report.summary.text.contains("-0"), "{report:?}");
    }

    #[test]
    fn a_dex_router_is_swapped_not_followed_never_still_holding() {
        let mut stage = demo_expanded();
        stage.run_trace(Method::Fifo, Asset::new("USDT"), Pools::Absorb, true);
        let report = stage.trace_report().unwrap();
        let swapped = report.swapped.expect("the router is named");
        assert!(
            swapped.text.contains("swapped, not followed") && swapped.text.contains("DEX router"),
            "{swapped:?}"
        );
        let router = stage
            .case
            .graph
            .node_ids()
            .find(|&id| stage.trace.as_ref().unwrap().trace.swapped_at(id).is_some())
            .unwrap();
        let said = stage.trace_line(&[router]).unwrap().text;
        assert!(said.contains("swapped, not followed"), "{said}");
        assert!(!said.contains("still holds"), "{said}");
    }

    #[test]
    fn amounts_carry_unit_and_grouping() {
        let mut stage = demo_expanded();
        stage.run_trace(Method::Haircut, Asset::new("ETH"), Pools::Ordinary, true);
        let report = stage.trace_report().unwrap();
        let text = &report.summary.text;
        assert!(text.contains(" ETH left the seeds"), "{text}");
        assert!(text.contains(',') && text.contains(" %)"), "{text}");
        // A cut figure keeps its exact value for the tooltip.
        assert_eq!(
            text.contains('≈'),
            !report.summary.exact.is_empty(),
            "{report:?}"
        );
    }
}
