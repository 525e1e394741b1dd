//! Summary figures of a case: what `hopscope stats` prints and the app shows in its status line.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::format::Format;
use crate::model::Case;

/// One line of JSON: `{"format":…,"nodes":N,"transfers":M,"assets":[…],"first":T,"last":T}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseStats {
    pub format: &'static str,
    pub nodes: usize,
    pub transfers: usize,
    pub assets: Vec<String>,
    /// Earliest and latest transfer time (UTC seconds); `null` for a case without transfers.
    pub first: Option<i64>,
    pub last: Option<i64>,
}

impl CaseStats {
    pub fn of(case: &Case, format: Format) -> Self {
        let transfers = case.graph.transfers();
        let assets: BTreeSet<&str> = transfers.iter().map(|t| t.asset.as_str()).collect();
        CaseStats {
            format: format.name(),
            nodes: case.graph.n_nodes(),
            transfers: transfers.len(),
            assets: assets.into_iter().map(str::to_owned).collect(),
            first: transfers.iter().filter_map(|t| t.timestamp).min(),
            last: transfers.iter().filter_map(|t| t.timestamp).max(),
        }
    }

    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The status line the app shows, e.g. `87 nodes · 142 transfers`.
    pub fn summary(&self) -> String {
        format!(
            "{} {} · {} {}",
            self.nodes,
            plural(self.nodes, "node", "nodes"),
            self.transfers,
            plural(self.transfers, "transfer", "transfers")
        )
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}
