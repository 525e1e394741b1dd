//! Stories for teaching (issue 8): a case may carry an ordered list of steps, each with a
//! title, a caption, the laundering phase it shows (placement, layering, integration), the
//! addresses and flows to highlight, a time range and the addresses the camera fits. Saved in
//! the case file's `story` field keyed by address, like the investigation, so a step survives
//! merging and re-import; `resolve` turns a step into node ids for the case at hand and says
//! what it had to skip.

use serde::{Deserialize, Serialize};

use crate::model::{Case, NodeId};

/// The three stages of laundering a step belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// The stolen funds enter: the theft and the first hops.
    Placement,
    /// Hiding the trail: splits, swaps, mixers, bridges, peel chains.
    Layering,
    /// Cashing out: exchanges, OTC desks.
    Integration,
}

impl Phase {
    pub fn title(self) -> &'static str {
        match self {
            Phase::Placement => "Placement",
            Phase::Layering => "Layering",
            Phase::Integration => "Integration",
        }
    }
}

/// A flow to highlight, by its two addresses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryFlow {
    pub from: String,
    pub to: String,
}

/// A closed time range in UTC seconds; either end may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i64>,
}

/// One step of a guided tour.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub title: String,
    #[serde(default)]
    pub caption: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// Addresses to highlight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlight: Vec<String>,
    /// Flows to highlight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<StoryFlow>,
    /// The transfers the step shows, by time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<TimeRange>,
    /// Addresses the camera fits (empty: the highlighted ones, else everything).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fit: Vec<String>,
}

/// A case's guided tour.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub steps: Vec<Step>,
}

/// A step in terms of the case at hand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolved {
    pub highlight: Vec<NodeId>,
    pub flows: Vec<(NodeId, NodeId)>,
    pub time: Option<TimeRange>,
    /// What the camera fits: the step's `fit`, else its highlighted addresses and flow ends.
    pub fit: Vec<NodeId>,
    /// Addresses the case lacks, skipped.
    pub missing: Vec<String>,
}

impl Step {
    /// The step for `case`: addresses found by their text (as search finds them), the rest
    /// listed as missing.
    pub fn resolve(&self, case: &Case) -> Resolved {
        let mut missing = Vec::new();
        let mut find = |address: &str| {
            let found = case.graph.node_by_text(address);
            if found.is_none() && !missing.iter().any(|m| m == address) {
                missing.push(address.to_owned());
            }
            found
        };
        let highlight: Vec<NodeId> = self.highlight.iter().filter_map(|a| find(a)).collect();
        let flows: Vec<(NodeId, NodeId)> = self
            .flows
            .iter()
            .filter_map(|f| {
                // Both ends looked up, so both are named when missing.
                let (a, b) = (find(&f.from), find(&f.to));
                Some((a?, b?))
            })
            .collect();
        let mut fit: Vec<NodeId> = self.fit.iter().filter_map(|a| find(a)).collect();
        if fit.is_empty() {
            fit = highlight.clone();
            for &(a, b) in &flows {
                for id in [a, b] {
                    if !fit.contains(&id) {
                        fit.push(id);
                    }
                }
            }
        }
        Resolved {
            highlight,
            flows,
            time: self.time,
            fit,
            missing,
        }
    }

    /// A step made from what the user is looking at: these addresses highlighted and fitted,
    /// these flows, this time range.
    pub fn from_view(
        case: &Case,
        title: &str,
        highlight: &[NodeId],
        flows: &[(NodeId, NodeId)],
        time: Option<TimeRange>,
    ) -> Step {
        let address = |id: NodeId| {
            case.graph
                .node(id)
                .map(|n| n.address.as_str().to_owned())
                .unwrap_or_default()
        };
        Step {
            title: title.to_owned(),
            caption: String::new(),
            phase: None,
            highlight: highlight.iter().map(|&id| address(id)).collect(),
            flows: flows
                .iter()
                .map(|&(a, b)| StoryFlow {
                    from: address(a),
                    to: address(b),
                })
                .collect(),
            time,
            fit: Vec::new(),
        }
    }
}

impl TimeRange {
    /// Whether a time lies in the range (a transfer without a time lies in every range).
    pub fn contains(&self, t: Option<i64>) -> bool {
        match t {
            None => true,
            Some(t) => self.from.is_none_or(|f| t >= f) && self.to.is_none_or(|e| t <= e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ranges_are_closed_and_may_be_open_ended() {
        let r = TimeRange {
            from: Some(10),
            to: Some(20),
        };
        assert!(r.contains(Some(10)) && r.contains(Some(20)) && r.contains(None));
        assert!(!r.contains(Some(9)) && !r.contains(Some(21)));
        assert!(TimeRange::default().contains(Some(i64::MIN)));
    }
}
