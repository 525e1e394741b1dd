//! A Barnes-Hut quadtree over flat coordinate arrays, rebuilt every tick into buffers that are
//! kept between ticks (no allocation once they have grown). Cells are stored in depth-first
//! preorder, each with a skip index to the cell after its subtree, so a walk is one forward
//! loop (descend: next cell; prune: jump to `next`) with no stack and no closure per visit, and
//! memory is read mostly in order. Points are permuted so that each leaf's points are one
//! contiguous run of `order`. A cell holds its points' count, centroid, tight bounding box
//! (whose longer side is the Barnes-Hut size: often far smaller than the cell's square, so
//! more cells count as far) and the largest radius among them (for collision).

/// Points per leaf: smaller makes deeper trees, larger makes leaves slower to scan.
const LEAF_SIZE: usize = 16;
/// Deeper than this, coincident points simply share a leaf.
const MAX_DEPTH: u32 = 32;

#[derive(Clone, Copy, Debug, Default)]
pub struct Cell {
    /// Centroid of the cell's points.
    pub cx: f32,
    pub cy: f32,
    /// Square of the longer side of the points' tight bounding box: the Barnes-Hut size,
    /// often much smaller than the cell's square.
    pub extent2: f32,
    /// Number of points.
    pub count: u32,
    /// The cell after this one's subtree.
    pub next: u32,
    /// A leaf's points: `order[start..end]`; for an inner cell `start == end`.
    pub start: u32,
    pub end: u32,
    /// The points' tight bounding box.
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// Largest point radius in the cell.
    pub max_r: f32,
}

impl Cell {
    pub fn is_leaf(&self) -> bool {
        self.end > self.start
    }
}

/// What the many-body walk reads of a cell, kept apart from the rest so more of it fits in
/// cache (28 bytes instead of 48).
#[derive(Clone, Copy, Debug, Default)]
pub struct WalkCell {
    pub cx: f32,
    pub cy: f32,
    pub extent2: f32,
    /// Point count as a float.
    pub mass: f32,
    pub next: u32,
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Debug, Default)]
pub struct QuadTree {
    /// Cells in depth-first preorder; the root is cell 0.
    pub cells: Vec<Cell>,
    /// The same cells, only what the many-body walk needs.
    pub walk: Vec<WalkCell>,
    /// Point indices, grouped by leaf.
    pub order: Vec<u32>,
    /// The points' coordinates in `order`'s order, so a leaf is scanned from contiguous memory.
    pub px: Vec<f32>,
    pub py: Vec<f32>,
}

impl QuadTree {
    /// Rebuilds the tree over `xs`, `ys` (radii optional: empty means 0).
    pub fn build(&mut self, xs: &[f32], ys: &[f32], radii: &[f32]) {
        let n = xs.len();
        self.cells.clear();
        self.walk.clear();
        self.order.clear();
        self.order.extend(0..n as u32);
        if n == 0 {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for i in 0..n {
            x0 = x0.min(xs[i]);
            x1 = x1.max(xs[i]);
            y0 = y0.min(ys[i]);
            y1 = y1.max(ys[i]);
        }
        let size = (x1 - x0).max(y1 - y0).max(1e-3) * 1.0001;
        let points = Points { xs, ys, radii };
        self.subtree(&points, 0, n, [x0, y0, size], 0);
        self.walk.clear();
        self.walk.extend(self.cells.iter().map(|c| WalkCell {
            cx: c.cx,
            cy: c.cy,
            extent2: c.extent2,
            mass: c.count as f32,
            next: c.next,
            start: c.start,
            end: c.end,
        }));
        self.px.clear();
        self.py.clear();
        self.px.extend(self.order.iter().map(|&i| xs[i as usize]));
        self.py.extend(self.order.iter().map(|&i| ys[i as usize]));
    }

    /// Appends the cell over `order[s..e]` and, in preorder, its subtree; returns its index.
    fn subtree(
        &mut self,
        p: &Points,
        s: usize,
        e: usize,
        [x0, y0, size]: [f32; 3],
        depth: u32,
    ) -> usize {
        let c = self.cells.len();
        self.cells.push(Cell::default());
        let (mut sx, mut sy, mut max_r) = (0.0f32, 0.0f32, 0.0f32);
        let (mut bx0, mut by0, mut bx1, mut by1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        if e - s > LEAF_SIZE && depth < MAX_DEPTH {
            let half = size * 0.5;
            let (mx, my) = (x0 + half, y0 + half);
            // Partition into [top | bottom], then each half into [left | right].
            let mid = partition(&mut self.order[s..e], |i| p.ys[i as usize] < my) + s;
            let q1 = partition(&mut self.order[s..mid], |i| p.xs[i as usize] < mx) + s;
            let q3 = partition(&mut self.order[mid..e], |i| p.xs[i as usize] < mx) + mid;
            let quadrants = [
                (s, q1, x0, y0),
                (q1, mid, mx, y0),
                (mid, q3, x0, my),
                (q3, e, mx, my),
            ];
            for (a, b, qx, qy) in quadrants {
                if b > a {
                    let k = self.subtree(p, a, b, [qx, qy, half], depth + 1);
                    let ch = self.cells[k];
                    sx += ch.cx * ch.count as f32;
                    sy += ch.cy * ch.count as f32;
                    max_r = max_r.max(ch.max_r);
                    (bx0, by0) = (bx0.min(ch.x0), by0.min(ch.y0));
                    (bx1, by1) = (bx1.max(ch.x1), by1.max(ch.y1));
                }
            }
        } else {
            for &i in &self.order[s..e] {
                let i = i as usize;
                let (x, y) = (p.xs[i], p.ys[i]);
                sx += x;
                sy += y;
                (bx0, by0) = (bx0.min(x), by0.min(y));
                (bx1, by1) = (bx1.max(x), by1.max(y));
                max_r = max_r.max(p.radii.get(i).copied().unwrap_or(0.0));
            }
            self.cells[c].start = s as u32;
            self.cells[c].end = e as u32;
        }
        let count = (e - s) as u32;
        let next = self.cells.len() as u32;
        let cell = &mut self.cells[c];
        cell.count = count;
        cell.cx = sx / count as f32;
        cell.cy = sy / count as f32;
        cell.max_r = max_r;
        cell.next = next;
        (cell.x0, cell.y0, cell.x1, cell.y1) = (bx0, by0, bx1, by1);
        let extent = (bx1 - bx0).max(by1 - by0);
        cell.extent2 = extent * extent;
        c
    }
}

struct Points<'a> {
    xs: &'a [f32],
    ys: &'a [f32],
    radii: &'a [f32],
}

/// Moves the items for which `left` holds to the front; returns how many there are.
fn partition(items: &mut [u32], left: impl Fn(u32) -> bool) -> usize {
    let mut k = 0;
    for j in 0..items.len() {
        if left(items[j]) {
            items.swap(k, j);
            k += 1;
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_is_in_exactly_one_leaf_inside_its_box() {
        let mut rng = crate::SplitMix64::new(5);
        let n = 1000;
        let xs: Vec<f32> = (0..n).map(|_| rng.next_f32() * 100.0).collect();
        let mut ys: Vec<f32> = (0..n).map(|_| rng.next_f32() * 50.0).collect();
        ys[7] = ys[8]; // coincident points
        let mut tree = QuadTree::default();
        tree.build(&xs, &ys, &[]);
        let mut seen = vec![0; n];
        for cell in tree.cells.iter().filter(|c| c.is_leaf()) {
            for &i in &tree.order[cell.start as usize..cell.end as usize] {
                let i = i as usize;
                seen[i] += 1;
                assert!(xs[i] >= cell.x0 && xs[i] <= cell.x1);
                assert!(ys[i] >= cell.y0 && ys[i] <= cell.y1);
            }
        }
        assert!(seen.iter().all(|&s| s == 1));
        // Skip indices: each cell's subtree ends at `next`, which lies after it.
        for (k, cell) in tree.cells.iter().enumerate() {
            assert!(cell.next as usize > k && cell.next as usize <= tree.cells.len());
        }
        assert_eq!(tree.cells[0].next as usize, tree.cells.len());
        assert_eq!(tree.cells[0].count, n as u32);
        let mean_x = xs.iter().sum::<f32>() / n as f32;
        assert!((tree.cells[0].cx - mean_x).abs() < 0.01);
    }
}
