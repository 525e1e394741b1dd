//! What a report says, worked out once from the case: the view it opens to, the trace (the
//! saved one re-run, else the default one from the seeds, and which), where the value ended,
//! the routes to each end (`trace::routes`), the highlighted path and the story's steps as
//! lists of transfers, and each inferred step's heuristic, confidence and verdict. The HTML
//! (`html.rs`) and the CSV tables (`tables.rs`) are both written from this.

use std::collections::BTreeMap;

use crate::export::marks::trace_view;
use crate::infer::{self, Decision, Heuristic, InferredLink, LinkKind, Patterns};
use crate::model::{Amount, Asset, Case, NodeId, TransferId};
use crate::trace::routes::{routes, Step as RouteStep, MAX_ROUTE_STEPS};
use crate::trace::{Method, Pools, Trace};
use crate::view::View;

/// Routes drawn as hop tables at most (the cash-out table lists every end).
pub const MAX_ROUTES: usize = 40;
/// Ends that only hold stolen value (not exchanges, pools or swaps) given a route, at most.
const MAX_HOLDER_ROUTES: usize = 10;
/// Transfers listed per pair of addresses of a highlighted path or a story flow.
pub const MAX_PAIR_TRANSFERS: usize = 25;

/// The trace the report gives, and whether it is the case's saved one.
pub struct TraceRun {
    pub trace: Trace,
    pub asset: Asset,
    pub method: Method,
    pub pools: Pools,
    pub conversions: bool,
    /// The saved investigation's trace settings (else the default trace from the seeds).
    pub saved: bool,
}

/// An inferred step: what made it, how sure, and the investigator's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct Inferred {
    pub heuristic: Heuristic,
    /// What exactly (`demixing candidate`, `swap 3,000 USDT → 1 ETH`).
    pub what: String,
    /// The heuristic's confidence, 0…1 (none for a link only the investigator's verdict
    /// makes).
    pub confidence: Option<f64>,
    pub verdict: &'static str,
}

/// A row of a hop table.
#[derive(Clone, Debug, PartialEq)]
pub enum Hop {
    Transfer {
        /// The hop's number (1 for the first pair of addresses).
        number: usize,
        transfer: TransferId,
        inferred: Option<Inferred>,
    },
    /// More transfers between the same two addresses than are listed.
    More {
        number: usize,
        from: NodeId,
        to: NodeId,
        count: usize,
    },
}

/// A hop table: a title, what it is, and its rows.
pub struct HopTable {
    pub title: String,
    pub caption: String,
    pub rows: Vec<Hop>,
}

/// What left the seeds in one asset: the amount, and its US-dollar value where files gave
/// one (`true`: only some of the transfers had one).
pub type LeftSeeds = (Asset, Amount, Option<(Amount, bool)>);

/// Everything a report says about its case.
pub struct Findings<'c> {
    pub case: &'c Case,
    /// What reading the case file and restoring its investigation warned of.
    pub warnings: Vec<String>,
    pub view: View,
    pub patterns: Patterns,
    pub links: Vec<InferredLink>,
    pub seeds: Vec<NodeId>,
    pub trace: Option<TraceRun>,
    pub tables: Vec<HopTable>,
    /// Ends with no route table (over `MAX_ROUTES`).
    pub routes_left_out: usize,
}

impl<'c> Findings<'c> {
    /// The findings of `case`; `warnings` are reading the file's (restoring's are added).
    pub fn of(case: &'c Case, mut warnings: Vec<String>) -> Findings<'c> {
        let restored = case
            .investigation
            .as_ref()
            .map(|i| crate::case_file::restore(i, case));
        if let Some(r) = &restored {
            warnings.extend(r.warnings.iter().cloned());
        }
        let view = restored.map(|r| r.view).unwrap_or_else(|| View::all(case));
        let patterns = Patterns::of(case);
        let seeds = view.seeds(case);
        let saved = case
            .investigation
            .as_ref()
            .and_then(|i| i.trace.as_ref())
            .map(|t| (t.method, Asset::new(&t.asset), t.pools, t.conversions, true));
        let default = || {
            let asset = crate::export::trace_report::most_sent(case, &seeds)?;
            Some((Method::Haircut, asset, Pools::Absorb, true, false))
        };
        let trace = saved
            .or_else(default)
            .map(|(method, asset, pools, conversions, saved)| TraceRun {
                trace: trace_view(case, &view, &patterns, method, &asset, pools, conversions),
                asset,
                method,
                pools,
                conversions,
                saved,
            });
        // The links as the panel lists them for a trail of everything shown and everything the
        // trace reached, so a route's accepted step is found even where the saved view does
        // not show its ends.
        let reached: std::collections::BTreeSet<NodeId> = trace
            .iter()
            .flat_map(|r| r.trace.received.keys().copied())
            .collect();
        let links = infer::links(
            case,
            &Reached {
                view: &view,
                reached,
            },
            &patterns,
        );
        let mut findings = Findings {
            case,
            warnings,
            view,
            patterns,
            links,
            seeds,
            trace,
            tables: Vec::new(),
            routes_left_out: 0,
        };
        findings.tables = findings.hop_tables();
        findings
    }

    /// Every address the report names outside the picture: seeds, hop-table rows, the trace's
    /// ends and conversions, notes and annotations.
    pub fn named(&self) -> std::collections::BTreeSet<NodeId> {
        let graph = &self.case.graph;
        let mut named: std::collections::BTreeSet<NodeId> = self.seeds.iter().copied().collect();
        for table in &self.tables {
            for row in &table.rows {
                match row {
                    Hop::Transfer { transfer, .. } => {
                        if let Some(t) = graph.transfer(*transfer) {
                            named.extend([t.from, t.to]);
                        }
                    }
                    Hop::More { from, to, .. } => {
                        named.extend([*from, *to]);
                    }
                }
            }
        }
        if let Some(run) = &self.trace {
            let t = &run.trace;
            named.extend(
                t.cashout
                    .iter()
                    .chain(&t.absorbed)
                    .chain(&t.swapped)
                    .map(|(id, _)| *id),
            );
            named.extend(t.held.keys().copied());
            for c in &t.converted {
                named.extend([c.conversion.address, c.conversion.to]);
            }
        }
        for (mark, _) in self.view.notes() {
            match mark {
                crate::view::Mark::Node(id) => {
                    named.insert(id);
                }
                crate::view::Mark::Flow(a, b) => named.extend([a, b]),
            }
        }
        for a in self.view.annotations() {
            named.extend(a.shape.anchors());
        }
        named
    }

    /// The time span of the data: its first and last transfer time (UTC seconds).
    pub fn span(&self) -> Option<(i64, i64)> {
        let times = self
            .case
            .graph
            .transfers()
            .iter()
            .filter_map(|t| t.timestamp);
        let (lo, hi) = times.fold((i64::MAX, i64::MIN), |(lo, hi), t| (lo.min(t), hi.max(t)));
        (lo <= hi).then_some((lo, hi))
    }

    /// What left the seeds, per asset (transfers from a seed to an address that is not one),
    /// with its US-dollar value where every such transfer's file gave one (else the sum of
    /// those that had one, marked partial).
    pub fn left_seeds(&self) -> Vec<LeftSeeds> {
        let mut out: BTreeMap<Asset, (Amount, Amount, usize, usize)> = BTreeMap::new();
        for (k, t) in self.case.graph.transfers().iter().enumerate() {
            if !self.seeds.contains(&t.from) || self.seeds.contains(&t.to) {
                continue;
            }
            let e = out.entry(t.asset.clone()).or_default();
            e.0 = e.0.saturating_add(t.amount);
            e.2 += 1;
            if let Some(usd) = self.case.facts.usd(TransferId(k as u32)) {
                e.1 = e.1.saturating_add(usd);
                e.3 += 1;
            }
        }
        out.into_iter()
            .map(|(asset, (sum, usd, n, with_usd))| {
                (asset, sum, (with_usd > 0).then_some((usd, with_usd < n)))
            })
            .collect()
    }

    /// Whether the trace carried stolen value along transfer `t` (`None`: no trace).
    fn carried(&self, t: TransferId) -> Option<bool> {
        let run = self.trace.as_ref()?;
        Some(
            run.trace
                .carried
                .get(t.index())
                .is_some_and(|v| !v.is_zero()),
        )
    }

    /// An inferred link's heuristic, confidence and verdict; whether the trace followed it is
    /// read from what it carried along the link's out-transfer.
    fn inferred_link(&self, link: &InferredLink) -> Inferred {
        let what = match (&link.kind, link.conversion()) {
            (_, Some(c)) => format!("{} {}", c.kind.as_str(), crate::convert::words::label(c)),
            (LinkKind::Demix, _) => "demixing candidate".to_owned(),
            _ => "bridge hop".to_owned(),
        };
        Inferred {
            heuristic: Heuristic::of_link(link.kind, link.conversion().map(|c| c.kind)),
            what,
            confidence: Some(link.score),
            verdict: verdict(link.decision, self.carried(link.key.out)),
        }
    }

    /// The inference behind a route step, if it rests on one.
    fn inferred(&self, step: &RouteStep) -> Option<Inferred> {
        match step {
            RouteStep::Plain(_) => None,
            RouteStep::Linked { out, from } => {
                let key = crate::model::LinkKey {
                    into: *from,
                    out: *out,
                };
                let link = self.links.iter().find(|l| l.key == key);
                Some(match link {
                    Some(l) => self.inferred_link(l),
                    None => {
                        // Not among the links listed (below the threshold): a bridge hop by
                        // the matcher's score, else the investigator's accepted link.
                        let hop = self
                            .patterns
                            .bridge_hops
                            .iter()
                            .find(|h| h.into == *from && h.out == *out);
                        Inferred {
                            heuristic: if hop.is_some() {
                                Heuristic::BridgeHop
                            } else {
                                Heuristic::Demix
                            },
                            what: if hop.is_some() {
                                "bridge hop".to_owned()
                            } else {
                                "link accepted by the investigator".to_owned()
                            },
                            confidence: hop.map(|h| h.score),
                            verdict: verdict(self.view_verdict(key), self.carried(*out)),
                        }
                    }
                })
            }
            RouteStep::Converted { conversion, .. } => {
                let key = conversion.key();
                Some(Inferred {
                    heuristic: Heuristic::of_link(LinkKind::Conversion, Some(conversion.kind)),
                    what: format!(
                        "{} {}",
                        conversion.kind.as_str(),
                        crate::convert::words::label(conversion)
                    ),
                    confidence: Some(conversion.confidence),
                    verdict: verdict(self.view_verdict(key), self.carried(step.transfer())),
                })
            }
        }
    }

    fn view_verdict(&self, key: crate::model::LinkKey) -> Option<Decision> {
        use crate::infer::Verdicts;
        self.view.verdict(key)
    }

    /// The ends the routes go to: every exchange that received stolen value, the pools and
    /// bridges still holding some, the swaps it stopped at, then the largest other holders.
    fn ends(&self) -> Vec<NodeId> {
        let Some(run) = &self.trace else {
            return Vec::new();
        };
        let t = &run.trace;
        let mut ends: Vec<NodeId> = Vec::new();
        let add = |id: NodeId, ends: &mut Vec<NodeId>| {
            if !ends.contains(&id) && !self.seeds.contains(&id) {
                ends.push(id);
            }
        };
        for &(id, _) in t.cashout.iter().chain(&t.absorbed).chain(&t.swapped) {
            add(id, &mut ends);
        }
        let mut holders: Vec<(NodeId, Amount)> = t
            .held
            .iter()
            .filter(|(_, v)| !v.is_zero())
            .map(|(&id, &v)| (id, v))
            .collect();
        holders.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (id, _) in holders.into_iter().take(MAX_HOLDER_ROUTES) {
            add(id, &mut ends);
        }
        ends
    }

    fn hop_tables(&mut self) -> Vec<HopTable> {
        let mut tables = Vec::new();
        if let Some(path) = self.saved_path() {
            tables.push(self.pair_table(
                "Highlighted path".to_owned(),
                format!(
                    "The path the investigator highlighted, {} hops; every transfer between each pair of addresses{}.",
                    path.len().saturating_sub(1),
                    if self.trace.is_some() { " that carried traced value (all of them where none did)" } else { "" }
                ),
                &path,
                None,
            ));
        }
        if let Some(story) = &self.case.story {
            for (i, step) in story.steps.iter().enumerate() {
                let resolved = step.resolve(self.case);
                let mut rows = Vec::new();
                for (n, &(a, b)) in resolved.flows.iter().enumerate() {
                    rows.extend(self.pair_rows(n + 1, a, b, resolved.time));
                }
                tables.push(HopTable {
                    title: format!("Story step {}: {}", i + 1, step.title),
                    caption: step.caption.clone(),
                    rows,
                });
            }
        }
        let ends = self.ends();
        self.routes_left_out = ends.len().saturating_sub(MAX_ROUTES);
        if let Some(run) = &self.trace {
            let carrying = infer::carrying(&self.view, &self.patterns);
            let found = routes(
                self.case,
                &run.trace,
                &self.seeds,
                &carrying,
                &ends[..ends.len().min(MAX_ROUTES)],
            );
            for route in found {
                let name = infer::name_of(self.case, route.to);
                let rows = route
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(i, step)| Hop::Transfer {
                        number: i + 1,
                        transfer: step.transfer(),
                        inferred: self.inferred(step),
                    })
                    .collect();
                let caption = if route.from_seed {
                    "Walked back from this address's largest traced receipt to a seed: at each address, the largest traced receipt before the transfer out; across a pool or bridge, the deposit the link names; across a conversion, its largest stolen input.".to_owned()
                } else if route.steps.len() >= MAX_ROUTE_STEPS {
                    format!("Walked back as above; cut at {MAX_ROUTE_STEPS} steps before reaching a seed.")
                } else {
                    "Walked back as above; the walk stopped before a seed (no earlier traced receipt, or a loop).".to_owned()
                };
                tables.push(HopTable {
                    title: format!("Route to {name}"),
                    caption,
                    rows,
                });
            }
        }
        tables
    }

    /// The saved highlighted path, as addresses of the case (none if any is missing).
    fn saved_path(&self) -> Option<Vec<NodeId>> {
        let path = &self.case.investigation.as_ref()?.path;
        if path.len() < 2 {
            return None;
        }
        path.iter()
            .map(|a| self.case.graph.node_by_text(a))
            .collect()
    }

    fn pair_table(
        &self,
        title: String,
        caption: String,
        path: &[NodeId],
        time: Option<crate::model::story::TimeRange>,
    ) -> HopTable {
        let mut rows = Vec::new();
        for (n, pair) in path.windows(2).enumerate() {
            rows.extend(self.pair_rows(n + 1, pair[0], pair[1], time));
        }
        HopTable {
            title,
            caption,
            rows,
        }
    }

    /// The transfers from `a` to `b` (in time order, within `time`): those that carried traced
    /// value, or all where none did; at most `MAX_PAIR_TRANSFERS`, the rest counted.
    fn pair_rows(
        &self,
        number: usize,
        a: NodeId,
        b: NodeId,
        time: Option<crate::model::story::TimeRange>,
    ) -> Vec<Hop> {
        let graph = &self.case.graph;
        let mut all: Vec<TransferId> = graph
            .transfers_of(a, petgraph::Direction::Outgoing)
            .into_iter()
            .filter(|&t| {
                graph
                    .transfer(t)
                    .is_some_and(|x| x.to == b && time.is_none_or(|r| r.contains(x.timestamp)))
            })
            .collect();
        let carried = |t: TransferId| {
            self.trace
                .as_ref()
                .and_then(|r| r.trace.carried.get(t.index()))
                .is_some_and(|v| !v.is_zero())
        };
        if all.iter().any(|&t| carried(t)) {
            all.retain(|&t| carried(t));
        }
        all.sort_by_key(|&t| {
            let time = graph.transfer(t).and_then(|x| x.timestamp);
            (time.is_none(), time, t)
        });
        let link_of = |t: TransferId| {
            self.links
                .iter()
                .find(|l| l.key.out == t && l.drawn())
                .map(|l| self.inferred_link(l))
        };
        let mut rows: Vec<Hop> = all
            .iter()
            .take(MAX_PAIR_TRANSFERS)
            .map(|&t| Hop::Transfer {
                number,
                transfer: t,
                inferred: link_of(t),
            })
            .collect();
        if all.len() > MAX_PAIR_TRANSFERS {
            rows.push(Hop::More {
                number,
                from: a,
                to: b,
                count: all.len() - MAX_PAIR_TRANSFERS,
            });
        }
        rows
    }
}

/// A verdict in words, and whether the trace followed the step (from what it carried; `None`:
/// no trace).
pub(super) fn verdict(decision: Option<Decision>, followed: Option<bool>) -> &'static str {
    match (decision, followed) {
        (Some(Decision::Accepted), Some(true)) => {
            "accepted by the investigator; the trace follows it"
        }
        (Some(Decision::Accepted), Some(false)) => {
            "accepted by the investigator; the trace carried nothing along it"
        }
        (Some(Decision::Accepted), None) => "accepted by the investigator",
        (Some(Decision::Rejected), _) => "rejected by the investigator; not followed",
        (None, Some(true)) => "not judged; the trace follows it by default",
        (None, Some(false)) => "not judged; not followed by the trace",
        (None, None) => "not judged",
    }
}

/// The view's verdicts, with a trail of what it shows and what the trace reached.
struct Reached<'v> {
    view: &'v View,
    reached: std::collections::BTreeSet<NodeId>,
}

impl infer::Verdicts for Reached<'_> {
    fn on_trail(&self, id: NodeId) -> bool {
        self.view.on_trail(id) || self.reached.contains(&id)
    }
    fn trail(&self) -> std::collections::BTreeSet<NodeId> {
        let mut all = self.view.trail();
        all.extend(self.reached.iter().copied());
        all
    }
    fn verdict(&self, key: crate::model::LinkKey) -> Option<Decision> {
        self.view.verdict(key)
    }
    fn verdicts(&self) -> Vec<(crate::model::LinkKey, Decision)> {
        self.view.verdicts()
    }
    fn floor(&self) -> f64 {
        self.view.floor()
    }
}
