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
    /// The conversions the value was followed through, where it was.
    pub converted: Option<Line>,
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
            let why = if t.across {
                "no conversion in the data pays it back out, so it is not followed".to_owned()
            } else {
                format!("the trace follows one asset, {unit}, and the swap paid out another; turn on Follow conversions to go on")
            };
            line(
                format!(
                    "{} went into DEX pools or routers ({}): swapped, not followed ({why}).",
                    total.text,
                    self.names(&t.swapped)
                ),
                &[&total],
            )
        });
        let converted = (!t.converted.is_empty()).then(|| {
            let mut parts: Vec<String> = t
                .converted
                .iter()
                .take(NAMED)
                .map(|v| {
                    let c = &v.conversion;
                    format!(
                        "{} → {} ({})",
                        figures::amount(v.stolen_in, c.from_asset.as_str()).text,
                        figures::amount(v.stolen_out, c.to_asset.as_str()).text,
                        c.kind.as_str()
                    )
                })
                .collect();
            if t.converted.len() > NAMED {
                parts.push(format!("{} more", t.converted.len() - NAMED));
            }
            line(
                format!(
                    "Followed through {} conversion{}: {}. Amounts are worth in {unit} at the conversions' own rates.",
                    t.converted.len(),
                    if t.converted.len() == 1 { "" } else { "s" },
                    parts.join("; ")
                ),
                &[],
            )
        });
        Some(TraceReport {
            unit,
            summary,
            stopped,
            swapped,
            converted,
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
        // Across conversions: what arrived in which asset, and its worth at the time in US
        // dollars where the files gave it.
        let mut assets: Vec<(hopscope_core::model::Asset, Amount)> = Vec::new();
        for &m in members {
            for (a, v) in t.received_assets(m) {
                match assets.iter_mut().find(|(b, _)| b == a) {
                    Some((_, w)) => *w = w.saturating_add(*v),
                    None => assets.push((a.clone(), *v)),
                }
            }
        }
        let in_assets = if t.across && assets.iter().any(|(a, _)| a.as_str() != unit) {
            let list: Vec<String> = assets
                .iter()
                .map(|(a, v)| figures::amount(*v, a.as_str()).text)
                .collect();
            format!(" as {}", list.join(" and "))
        } else {
            String::new()
        };
        let (usd, partial) = members
            .iter()
            .filter_map(|m| t.received_usd.get(m))
            .fold((Amount::ZERO, false), |(s, p), (u, q)| {
                (s.saturating_add(*u), p || *q)
            });
        let usd_figure = figures::amount(usd, "USD");
        let usd_text = if usd.is_zero() {
            String::new()
        } else {
            format!(
                " ({} at the time{})",
                usd_figure.text,
                if partial {
                    ", of the transfers whose file gave a dollar value"
                } else {
                    ""
                }
            )
        };
        let worth = if in_assets.is_empty() { "" } else { "worth " };
        Some(line(
            format!(
                "Traced: {worth}{} of the stolen funds reached it{in_assets}{usd_text}; it still holds {worth}{}.",
                received.text, held.text
            ),
            &[&received, &held, &usd_figure],
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
