//! The inferred links as the "Mixers & bridges" panel lists them, and the investigator's
//! verdicts on them: one row per withdrawal (or bridge transfer out), the decided link if any,
//! else the best; accepting shows the link's far end; rejecting a withdrawal rejects it for
//! every deposit it was suggested for, and taking the rejection back frees it for all of them;
//! a second click on the verdict a link has takes it back.

use std::collections::HashMap;

use hopscope_core::infer::{Decision, InferredLink, LinkKey, LinkKind};
use hopscope_core::view::{Origin, Threshold};
use hopscope_core::TransferId;

use super::Stage;

/// One row per withdrawal (or bridge transfer out) of `kind`, in the order of `links` (best
/// first): the decided link if any, else the first.
pub fn link_rows(links: Vec<InferredLink>, kind: LinkKind) -> Vec<InferredLink> {
    let mut rows: Vec<InferredLink> = Vec::new();
    let mut row_of: HashMap<TransferId, usize> = HashMap::new();
    for l in links.into_iter().filter(|l| l.kind == kind) {
        match row_of.get(&l.key.out) {
            Some(&k) => {
                if rows[k].decision.is_none() && l.decision.is_some() {
                    rows[k] = l;
                }
            }
            None => {
                row_of.insert(l.key.out, rows.len());
                rows.push(l);
            }
        }
    }
    rows
}

/// What a row says of its link: its verdict, or that the trace follows it anyway (an
/// undecided bridge hop or conversion), or that a conversion's rate is doubtful, or nothing.
pub fn link_status(link: &InferredLink) -> &'static str {
    match link.decision {
        Some(Decision::Accepted) => "accepted",
        Some(Decision::Rejected) => "rejected",
        None if link.carries() => "followed",
        None if link.conversion().is_some_and(|c| c.doubtful) => "doubtful",
        None => "",
    }
}

/// A link's confidence as a row shows it ("83 %").
pub fn confidence_text(link: &InferredLink) -> String {
    format!("{:.0} %", 100.0 * link.score)
}

/// The threshold a slider value sets: a percentage up to 100; 20 for what is not one.
pub fn threshold_of(value: &str) -> Threshold {
    Threshold(value.parse::<u8>().unwrap_or(20).min(100))
}

impl Stage {
    /// Accepts or rejects `link`, or takes back the verdict it already has, as one undo step;
    /// an accepted link's far end is shown (a bridge hop's as reached from its sender, since
    /// the bridge on the sending side may not be shown; a withdrawal's from its pool).
    /// Rejecting, or taking a rejection back, acts on the withdrawal for every deposit. The
    /// explain panel shows the link.
    pub fn decide(&mut self, link: &InferredLink, decision: Decision) {
        let (key, to) = (link.key, link.to);
        let next = (link.decision != Some(decision)).then_some(decision);
        let via = if matches!(link.kind, LinkKind::Bridge | LinkKind::Conversion) {
            link.from
        } else {
            link.via
        };
        let was_rejected = link.decision == Some(Decision::Rejected);
        let siblings: Vec<LinkKey> = if next == Some(Decision::Rejected) || was_rejected {
            let want = was_rejected.then_some(Decision::Rejected);
            self.links()
                .into_iter()
                .filter(|l| l.kind == link.kind && l.key.out == key.out && l.decision == want)
                .map(|l| l.key)
                .collect()
        } else {
            Vec::new()
        };
        self.change_view(|v, _| {
            for &k in &siblings {
                v.decide(k, if was_rejected { None } else { next });
            }
            v.decide(key, next);
            if next == Some(Decision::Accepted) && !v.is_visible(to) && !v.is_hidden(to) {
                v.show(to, Origin::ExpandedFrom(via));
            }
        });
        self.explained = Some(key);
        self.rev.view_changed();
    }

    /// The mixer pools the view shows.
    pub fn pools_in_view(&self) -> usize {
        self.patterns
            .pools
            .iter()
            .filter(|&&id| self.view.is_visible(id))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use hopscope_core::infer::{Decision, LinkKind};
    use hopscope_core::view::{ExpandOptions, Threshold};

    use super::*;

    /// The bridge case with the hacked wallet expanded 3 hops (into the pool) and the pool 1.
    fn at_the_pool() -> Stage {
        let imported =
            hopscope_core::parse_case(crate::bundled_case("bridge-tornado-avalanche").unwrap().1)
                .unwrap();
        let mut stage = Stage::new(imported.value, imported.format);
        let victim = stage.case.seeds[0];
        let pool = stage
            .case
            .graph
            .node_by_text("0xa160cdab225685da1d56aa342ad8841c3b53f291")
            .unwrap();
        let patterns = std::sync::Arc::clone(&stage.patterns);
        for (from, hops) in [(victim, 3), (pool, 1)] {
            let options = ExpandOptions {
                hops,
                hub_threshold: 10_000,
                ..ExpandOptions::default()
            };
            stage.change_view(|v, case| {
                v.expand_with(case, Some(&patterns), from, &options);
            });
        }
        stage
    }

    /// A demixing candidate whose withdrawal is suggested for two or more deposits.
    fn shared_withdrawal(links: &[InferredLink]) -> InferredLink {
        links
            .iter()
            .filter(|l| l.kind == LinkKind::Demix)
            .find(|l| {
                links
                    .iter()
                    .filter(|m| m.kind == LinkKind::Demix && m.key.out == l.key.out)
                    .count()
                    >= 2
            })
            .cloned()
            .expect("a withdrawal suggested for several deposits")
    }

    #[test]
    fn rows_are_one_per_withdrawal_the_decided_link_first() {
        let mut stage = at_the_pool();
        let links = stage.links();
        let rows = link_rows(links.clone(), LinkKind::Demix);
        assert!(rows.len() >= 3, "candidate rows: {}", rows.len());
        let mut outs: Vec<_> = rows.iter().map(|l| l.key.out).collect();
        outs.sort();
        outs.dedup();
        assert_eq!(outs.len(), rows.len(), "one row per withdrawal");
        assert!(rows.iter().all(|l| l.kind == LinkKind::Demix));
        // A withdrawal suggested for two deposits: its row is the best until one is decided.
        let shared = shared_withdrawal(&links);
        let later = links
            .iter()
            .filter(|m| m.kind == LinkKind::Demix && m.key.out == shared.key.out)
            .nth(1)
            .cloned()
            .unwrap();
        let row = |s: &Stage| {
            link_rows(s.links(), LinkKind::Demix)
                .into_iter()
                .find(|l| l.key.out == shared.key.out)
                .unwrap()
        };
        assert_eq!(row(&stage).key, shared.key);
        stage.decide(&later, Decision::Accepted);
        assert_eq!(row(&stage).key, later.key, "the decided one is listed");
        assert_eq!(link_status(&row(&stage)), "accepted");
        assert_eq!(confidence_text(&row(&stage)), {
            let pct = (100.0 * later.score).round();
            format!("{pct} %")
        });
    }

    #[test]
    fn rejecting_a_withdrawal_rejects_it_for_every_deposit_and_a_second_click_takes_it_back() {
        let mut stage = at_the_pool();
        let links = stage.links();
        let shared = shared_withdrawal(&links);
        let verdicts = |s: &Stage| -> Vec<Option<Decision>> {
            s.links()
                .into_iter()
                .filter(|l| l.kind == LinkKind::Demix && l.key.out == shared.key.out)
                .map(|l| l.decision)
                .collect()
        };
        let n = verdicts(&stage).len();
        stage.decide(&shared, Decision::Rejected);
        assert_eq!(verdicts(&stage), vec![Some(Decision::Rejected); n]);
        assert_eq!(stage.explained, Some(shared.key));
        let rejected = stage
            .links()
            .into_iter()
            .find(|l| l.key == shared.key)
            .unwrap();
        stage.decide(&rejected, Decision::Rejected);
        assert_eq!(
            verdicts(&stage),
            vec![None; n],
            "taken back for every deposit"
        );
        // One undo step each.
        assert!(stage.undo());
        assert_eq!(verdicts(&stage), vec![Some(Decision::Rejected); n]);
    }

    #[test]
    fn accepting_shows_the_far_end_from_its_pool_and_a_second_click_takes_it_back() {
        let mut stage = at_the_pool();
        let link = stage
            .links()
            .into_iter()
            .find(|l| l.kind == LinkKind::Demix)
            .unwrap();
        // The far end out of the picture first (not hidden), so accepting must bring it in.
        stage.change_view(|v, _| {
            v.hide(link.to);
            v.unhide(link.to);
        });
        assert!(!stage.view.is_visible(link.to));
        stage.decide(&link, Decision::Accepted);
        assert!(stage.view.is_visible(link.to));
        assert_eq!(
            stage.view.origin(link.to),
            Some(hopscope_core::view::Origin::ExpandedFrom(link.via))
        );
        let accepted = stage
            .links()
            .into_iter()
            .find(|l| l.key == link.key)
            .unwrap();
        assert_eq!(accepted.decision, Some(Decision::Accepted));
        stage.decide(&accepted, Decision::Accepted);
        assert_eq!(
            stage
                .links()
                .into_iter()
                .find(|l| l.key == link.key)
                .and_then(|l| l.decision),
            None
        );
    }

    #[test]
    fn the_threshold_slider_reads_a_percentage_and_the_pools_in_view_are_counted() {
        assert_eq!(threshold_of("35"), Threshold(35));
        assert_eq!(threshold_of("250"), Threshold(100));
        assert_eq!(threshold_of("300"), Threshold(20), "not a u8");
        assert_eq!(threshold_of("x"), Threshold(20));
        // The 100 ETH pool and the other pool the trail's deposits went into.
        assert_eq!(at_the_pool().pools_in_view(), 2);
    }
}
