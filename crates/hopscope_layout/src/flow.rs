//! Flow mode's columns, so the picture reads left to right from the hack to the cash-out:
//! either each node's hop distance from the seeds along the direction money moves (nodes that
//! only send *to* the seeds, funders, get negative columns; nodes not connected to any seed go
//! one column right of the last), or the order in which nodes first received value, in
//! `TIME_COLUMNS` equal-count slices (nodes that never receive, the sources, stand left).

use std::collections::VecDeque;

use super::Link;

/// The hop column of every node. Without seeds, nodes that receive nothing start the flow.
pub fn hop_columns(n_nodes: usize, links: &[Link], seeds: &[u32]) -> Vec<i32> {
    let n = n_nodes;
    let valid = |l: &&Link| (l.source as usize) < n && (l.target as usize) < n;
    let mut out_adj: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut in_adj: Vec<Vec<u32>> = vec![Vec::new(); n];
    for l in links.iter().filter(valid) {
        out_adj[l.source as usize].push(l.target);
        in_adj[l.target as usize].push(l.source);
    }
    let mut starts: Vec<u32> = seeds
        .iter()
        .copied()
        .filter(|&s| (s as usize) < n)
        .collect();
    if starts.is_empty() {
        starts = (0..n as u32)
            .filter(|&i| in_adj[i as usize].is_empty() && !out_adj[i as usize].is_empty())
            .collect();
    }
    if starts.is_empty() && n > 0 {
        starts.push(0);
    }
    const UNSET: i32 = i32::MIN;
    let mut column = vec![UNSET; n];
    let mut queue = VecDeque::new();
    for &s in &starts {
        column[s as usize] = 0;
        queue.push_back(s);
    }
    bfs(&mut column, &mut queue, &out_adj, 1);
    // Upstream: whatever reaches a placed node without being reached from the seeds.
    let placed: Vec<u32> = (0..n as u32)
        .filter(|&i| column[i as usize] != UNSET)
        .collect();
    queue.extend(placed);
    bfs(&mut column, &mut queue, &in_adj, -1);
    let last = column
        .iter()
        .copied()
        .filter(|&c| c != UNSET)
        .max()
        .unwrap_or(0);
    for c in column.iter_mut().filter(|c| **c == UNSET) {
        *c = last + 1;
    }
    column
}

/// Columns of flow by time.
pub const TIME_COLUMNS: usize = 12;

/// Each node's column by when it first received value: nodes sorted by that time and cut into
/// up to `TIME_COLUMNS` slices of equal count (ties stay together); nodes that never received
/// (or whose time is unknown) take column −1.
pub fn time_columns(n_nodes: usize, first_receipt: &[Option<i64>]) -> Vec<i32> {
    let mut timed: Vec<(i64, usize)> = (0..n_nodes)
        .filter_map(|i| first_receipt.get(i).copied().flatten().map(|t| (t, i)))
        .collect();
    timed.sort_unstable();
    let mut column = vec![-1; n_nodes];
    let m = timed.len();
    let slices = TIME_COLUMNS.min(m.max(1));
    let mut k = 0;
    while k < m {
        // A run of equal times shares the column of its first member.
        let c = (k * slices / m) as i32;
        let t = timed[k].0;
        while k < m && timed[k].0 == t {
            column[timed[k].1] = c;
            k += 1;
        }
    }
    column
}

/// Breadth-first: unset neighbours get the node's column plus `step`.
fn bfs(column: &mut [i32], queue: &mut VecDeque<u32>, adj: &[Vec<u32>], step: i32) {
    while let Some(v) = queue.pop_front() {
        let next = column[v as usize] + step;
        for &w in &adj[v as usize] {
            if column[w as usize] == i32::MIN {
                column[w as usize] = next;
                queue.push_back(w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(source: u32, target: u32) -> Link {
        Link {
            source,
            target,
            weight: 1.0,
        }
    }

    #[test]
    fn columns_follow_the_money_from_the_seed() {
        // funder 5 → 0 (seed) → 1 → 2, 0 → 3; 4 unconnected.
        let links = [link(5, 0), link(0, 1), link(1, 2), link(0, 3)];
        assert_eq!(hop_columns(6, &links, &[0]), vec![0, 1, 2, 1, 3, -1]);
        // Without seeds the node that receives nothing starts.
        assert_eq!(
            hop_columns(3, &[link(2, 0), link(0, 1)], &[]),
            vec![1, 2, 0]
        );
    }

    #[test]
    fn time_columns_follow_first_receipt() {
        let times = [None, Some(50), Some(10), Some(10), Some(99)];
        assert_eq!(time_columns(5, &times), vec![-1, 2, 0, 0, 3]);
        let many: Vec<Option<i64>> = (0..100).map(Some).collect();
        let cols = time_columns(100, &many);
        assert_eq!((cols[0], cols[99]), (0, TIME_COLUMNS as i32 - 1));
        assert!(cols.windows(2).all(|w| w[0] <= w[1]));
    }
}
