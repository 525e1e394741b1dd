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

    /// The status line the app shows for a picture of `drawn` of the case's addresses:
    /// `summary` when it shows all, else `14 of 4,144 addresses shown · 9,012 transfers`, so a
    /// filter or a partial view is never mistaken for the whole case.
    pub fn status(&self, drawn: usize) -> String {
        if drawn >= self.nodes {
            return self.summary();
        }
        format!(
            "{} of {} {} shown · {} {}",
            crate::figures::count(drawn),
            crate::figures::count(self.nodes),
            plural(self.nodes, "address", "addresses"),
            crate::figures::count(self.transfers),
            plural(self.transfers, "transfer", "transfers")
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_line_says_how_many_addresses_the_picture_shows() {
        let stats = CaseStats {
            format: "case",
            nodes: 4144,
            transfers: 9012,
            assets: vec!["ETH".to_owned()],
            first: None,
            last: None,
        };
        assert_eq!(stats.status(4144), "4144 nodes · 9012 transfers");
        assert_eq!(
            stats.status(14),
            "14 of 4,144 addresses shown · 9,012 transfers"
        );
    }
}
