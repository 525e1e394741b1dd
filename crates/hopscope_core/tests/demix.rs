//! Demixing on constructed pools where the true link is known: the true withdrawal ranks
//! first among decoys, impossible ones (earlier, other denomination) are never candidates.

mod common;

use std::collections::BTreeSet;

use hopscope_core::demix::{candidates, Reason};
use hopscope_core::model::Category;
use hopscope_core::NodeId;

/// n0 hacker deposits 100 into pool n1 at t=1000. Withdrawals of 100: to n2 at 500 (before:
/// impossible), to n3 at 1100, n4 at 1200, n5 at 1300 (decoys), to n6 at 1400 (the true
/// one: n6 later pays n7, an address of the trail), and 10 to n8 at 1050 (other
/// denomination). n9 deposits 100 too (another user).
fn pool_case() -> (hopscope_core::Case, Vec<NodeId>) {
    common::small_case(
        10,
        &[
            (9, 1, 100, 900),
            (0, 1, 100, 1000),
            (1, 2, 100, 500),
            (1, 3, 100, 1100),
            (1, 4, 100, 1200),
            (1, 5, 100, 1300),
            (1, 6, 100, 1400),
            (1, 8, 10, 1050),
            (6, 7, 99, 2000),
            (0, 7, 1, 10),
        ],
        &[(1, Category::Mixer)],
    )
}

#[test]
fn the_true_withdrawal_ranks_first_among_decoys_with_its_reasons() {
    let (case, n) = pool_case();
    let deposit = case
        .graph
        .transfers_of(n[0], petgraph::Direction::Outgoing)
        .into_iter()
        .find(|&t| case.graph.transfer(t).unwrap().to == n[1])
        .unwrap();
    let trail: BTreeSet<NodeId> = [n[0], n[7]].into_iter().collect();
    let found = candidates(&case, n[1], &[deposit], &trail);
    assert_eq!(found[0].to, n[6], "{found:#?}");
    assert!(found[0]
        .reasons
        .iter()
        .any(|r| matches!(r, Reason::FundedByTrail { trail_address } if *trail_address == n[7])));
    let to: Vec<NodeId> = found.iter().map(|c| c.to).collect();
    assert!(
        !to.contains(&n[2]),
        "a withdrawal before the deposit is no candidate"
    );
    assert!(!to.contains(&n[8]), "another denomination is no candidate");
    assert_eq!(to.len(), 4, "the four later withdrawals of 100");
    // Among the decoys, the earliest after the deposit (smallest crowd) scores highest.
    assert_eq!(to[1], n[3]);
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(found.iter().all(|c| (0.0..=1.0).contains(&c.score)));
}

#[test]
fn a_withdrawal_back_to_the_depositor_or_a_linked_address_is_flagged() {
    // n0 deposits at 1000; withdrawals to n0 itself (1500) and to n2 (1200), which n0 paid
    // directly at 10; a decoy to n3 at 1100.
    let (case, n) = common::small_case(
        4,
        &[
            (0, 1, 5, 1000),
            (1, 0, 5, 1500),
            (1, 2, 5, 1200),
            (1, 3, 5, 1100),
            (0, 2, 1, 10),
        ],
        &[(1, Category::Mixer)],
    );
    let deposit = case.graph.transfers_of(n[1], petgraph::Direction::Incoming)[0];
    let found = candidates(&case, n[1], &[deposit], &BTreeSet::new());
    assert_eq!(found[0].to, n[0]);
    assert!(found[0].reasons.contains(&Reason::SameAddress));
    assert_eq!(found[1].to, n[2]);
    assert!(matches!(found[1].reasons[1], Reason::LinkedAddress { .. }));
    assert_eq!(found[2].to, n[3]);
}
