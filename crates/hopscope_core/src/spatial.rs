//! A uniform grid over the drawn nodes, so that hover, click and box selection look at the few
//! nodes near the pointer instead of looping over all of them. Each node is filed in every cell
//! its circle overlaps; a query looks at the cells its reach overlaps. Built from the layout's
//! positions (x, y per node) and radii in world units; rebuilt when they move.

/// Nodes by grid cell, in world units.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    origin: [f32; 2],
    cell: f32,
    cols: usize,
    rows: usize,
    /// Start of each cell's run in `items` (`cols * rows + 1` entries).
    starts: Vec<u32>,
    items: Vec<u32>,
}

/// At most this many cells per node: a huge circle is filed in a coarser way (its bounding
/// cells, clamped), which only costs a few extra candidates.
const MAX_CELLS: usize = 1 << 20;

impl Grid {
    /// The grid of `positions` (x, y per node; nodes without finite positions are left out)
    /// with `radii` in world units.
    pub fn build(positions: &[f32], radii: &[f32]) -> Grid {
        let n = (positions.len() / 2).min(radii.len());
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let mut finite = 0usize;
        for i in 0..n {
            let (x, y) = (positions[2 * i], positions[2 * i + 1]);
            if !(x.is_finite() && y.is_finite()) {
                continue;
            }
            finite += 1;
            let r = radii[i].max(0.0);
            x0 = x0.min(x - r);
            y0 = y0.min(y - r);
            x1 = x1.max(x + r);
            y1 = y1.max(y + r);
        }
        if finite == 0 {
            return Grid::default();
        }
        let (w, h) = ((x1 - x0).max(1e-3), (y1 - y0).max(1e-3));
        // About two nodes per cell on average, and never more cells than `MAX_CELLS`.
        let target = (finite / 2).clamp(1, MAX_CELLS) as f32;
        let cell = ((w * h) / target).sqrt().max(1e-3);
        let cols = ((w / cell).ceil() as usize).clamp(1, MAX_CELLS);
        let rows = ((h / cell).ceil() as usize).clamp(1, MAX_CELLS / cols);
        let mut grid = Grid {
            origin: [x0, y0],
            cell,
            cols,
            rows,
            starts: vec![0; cols * rows + 1],
            items: Vec::new(),
        };
        // Two passes: count per cell, then fill.
        for pass in 0..2 {
            let mut next = grid.starts.clone();
            for i in 0..n {
                let (x, y) = (positions[2 * i], positions[2 * i + 1]);
                if !(x.is_finite() && y.is_finite()) {
                    continue;
                }
                let r = radii[i].max(0.0);
                let (c0, r0, c1, r1) = grid.span([x - r, y - r], [x + r, y + r]);
                for row in r0..=r1 {
                    for col in c0..=c1 {
                        let k = row * cols + col;
                        if pass == 0 {
                            grid.starts[k + 1] += 1;
                        } else {
                            grid.items[next[k] as usize] = i as u32;
                            next[k] += 1;
                        }
                    }
                }
            }
            if pass == 0 {
                for k in 0..cols * rows {
                    grid.starts[k + 1] += grid.starts[k];
                }
                grid.items = vec![0; grid.starts[cols * rows] as usize];
            }
        }
        grid
    }

    /// Columns and rows (inclusive) that a world rectangle overlaps, clamped to the grid.
    fn span(&self, min: [f32; 2], max: [f32; 2]) -> (usize, usize, usize, usize) {
        let cell = |v: f32, o: f32, n: usize| {
            let c = ((v - o) / self.cell).floor();
            if c.is_nan() || c < 0.0 {
                0
            } else {
                (c as usize).min(n - 1)
            }
        };
        (
            cell(min[0], self.origin[0], self.cols),
            cell(min[1], self.origin[1], self.rows),
            cell(max[0], self.origin[0], self.cols),
            cell(max[1], self.origin[1], self.rows),
        )
    }

    /// Calls `f` with every node filed in a cell the world rectangle overlaps (a node may come
    /// more than once).
    fn candidates(&self, min: [f32; 2], max: [f32; 2], mut f: impl FnMut(usize)) {
        if self.cols == 0 {
            return;
        }
        let (c0, r0, c1, r1) = self.span(min, max);
        for row in r0..=r1 {
            for col in c0..=c1 {
                let k = row * self.cols + col;
                for &i in &self.items[self.starts[k] as usize..self.starts[k + 1] as usize] {
                    f(i as usize);
                }
            }
        }
    }

    /// The node whose circle (radius at least `min_reach`) contains a world point, the
    /// nearest centre first.
    pub fn hit(
        &self,
        positions: &[f32],
        radii: &[f32],
        point: [f32; 2],
        min_reach: f32,
    ) -> Option<usize> {
        let m = min_reach.max(0.0);
        let mut best: Option<(usize, f32)> = None;
        self.candidates(
            [point[0] - m, point[1] - m],
            [point[0] + m, point[1] + m],
            |i| {
                let (x, y) = (positions[2 * i], positions[2 * i + 1]);
                let d2 = (x - point[0]).powi(2) + (y - point[1]).powi(2);
                let reach = radii[i].max(m);
                if d2 <= reach * reach && best.is_none_or(|(b, bd)| d2 < bd || (d2 == bd && i < b))
                {
                    best = Some((i, d2));
                }
            },
        );
        best.map(|(i, _)| i)
    }

    /// Nodes whose centres lie in a world rectangle, in index order.
    pub fn in_rect(&self, positions: &[f32], a: [f32; 2], b: [f32; 2]) -> Vec<usize> {
        let min = [a[0].min(b[0]), a[1].min(b[1])];
        let max = [a[0].max(b[0]), a[1].max(b[1])];
        let mut out = Vec::new();
        self.candidates(min, max, |i| {
            let (x, y) = (positions[2 * i], positions[2 * i + 1]);
            if (min[0]..=max[0]).contains(&x) && (min[1]..=max[1]).contains(&y) {
                out.push(i);
            }
        });
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as a loop over every node.
    fn brute_hit(p: &[f32], r: &[f32], q: [f32; 2], m: f32) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for i in 0..r.len() {
            let d2 = (p[2 * i] - q[0]).powi(2) + (p[2 * i + 1] - q[1]).powi(2);
            let reach = r[i].max(m);
            if d2 <= reach * reach && best.is_none_or(|(_, bd)| d2 < bd) {
                best = Some((i, d2));
            }
        }
        best.map(|(i, _)| i)
    }

    #[test]
    fn hit_and_box_agree_with_a_loop_over_all_nodes() {
        // A scatter with some big circles and one node without a position.
        let n = 2000;
        let mut seed = 7u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as f32) / (1u64 << 31) as f32
        };
        let mut p = Vec::new();
        let mut r = Vec::new();
        for i in 0..n {
            p.push(rnd() * 1000.0 - 500.0);
            p.push(rnd() * 600.0 - 300.0);
            r.push(if i % 97 == 0 { 40.0 } else { 2.0 + rnd() * 4.0 });
        }
        p[10] = f32::NAN;
        let grid = Grid::build(&p, &r);
        for k in 0..500 {
            let q = [rnd() * 1100.0 - 550.0, rnd() * 700.0 - 350.0];
            let m = if k % 2 == 0 { 1.0 } else { 15.0 };
            assert_eq!(grid.hit(&p, &r, q, m), brute_hit(&p, &r, q, m), "at {q:?}");
        }
        let (a, b) = ([-100.0, -50.0], [120.0, 80.0]);
        let boxed = grid.in_rect(&p, b, a);
        let brute: Vec<usize> = (0..n)
            .filter(|&i| {
                (-100.0..=120.0).contains(&p[2 * i]) && (-50.0..=80.0).contains(&p[2 * i + 1])
            })
            .collect();
        assert!(!brute.is_empty());
        assert_eq!(boxed, brute);
    }

    #[test]
    fn empty_and_single_point_grids_answer() {
        let empty = Grid::build(&[], &[]);
        assert_eq!(empty.hit(&[], &[], [0.0, 0.0], 5.0), None);
        assert!(empty.in_rect(&[], [0.0, 0.0], [1.0, 1.0]).is_empty());
        let one = Grid::build(&[3.0, 4.0], &[1.0]);
        assert_eq!(one.hit(&[3.0, 4.0], &[1.0], [3.5, 4.0], 0.0), Some(0));
        assert_eq!(one.hit(&[3.0, 4.0], &[1.0], [30.0, 4.0], 0.0), None);
    }
}
