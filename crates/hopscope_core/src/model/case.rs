//! A case: the graph under investigation with its title, notes and seeds.

use super::{Graph, NodeId};

/// Everything a case file holds.
#[derive(Clone, Debug, Default)]
pub struct Case {
    pub title: String,
    pub notes: String,
    pub graph: Graph,
    /// Where the investigation starts (e.g. the hacked wallet).
    pub seeds: Vec<NodeId>,
}
