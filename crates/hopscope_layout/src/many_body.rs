//! Many-body force, as d3's `forceManyBody`: every node is pushed away from every other with
//! strength `charge · alpha / distance²` along their offset, computed with the quadtree by
//! cell-to-cell interactions (a dual-tree Barnes-Hut). Two cells far apart for their sizes
//! ((extent_a + extent_b)² < θ² · distance², the extent being the longer side of a cell's
//! points' bounding box) push each other's nodes as wholes, once for both; near leaves
//! interact point by point, each pair once. What a cell receives is a first-order local
//! expansion (the force at its centroid and the field's gradient there), passed down the tree
//! and evaluated at each node, so the error stays below a per-node Barnes-Hut walk's with the
//! same θ (0.72 % against 0.77 % on 2,000 random points at θ 0.9, where d3's own test is
//! coarser) while the work grows about linearly with the number of nodes, not as n log n.
//! The recursion visits pairs in a fixed order, so results are the same on every platform.
//!
//! (Tried before this: a per-node walk over the preorder tree, 1.6–1.9× slower; walking once
//! per group of nearby nodes with a lane per node, slower still.)

use super::quadtree::QuadTree;
use super::SplitMix64;

/// Settings of the force.
#[derive(Clone, Copy, Debug)]
pub(super) struct ManyBody {
    pub charge: f32,
    pub theta: f32,
    pub distance_min: f32,
    pub distance_max: f32,
}

/// The push on a node from a body at offset (dx, dy) with strength `w` (charge · alpha ·
/// count), following d3's rules for coincident (jiggled) and very close bodies.
#[inline(always)]
fn push(mut dx: f32, mut dy: f32, w: f32, dmin2: f32, rng: &mut SplitMix64) -> (f32, f32) {
    let mut l = dx * dx + dy * dy;
    if l == 0.0 {
        dx = rng.jiggle();
        dy = rng.jiggle();
        l = dx * dx + dy * dy;
    }
    if l < dmin2 {
        l = (dmin2 * l).sqrt();
    }
    let f = w / l;
    (dx * f, dy * f)
}

/// Buffers kept between ticks for the cell-to-cell walk.
#[derive(Clone, Debug, Default)]
pub(super) struct Scratch {
    /// Force per node at each cell's centroid from cells far from it, and its gradient
    /// (the field is traceless and symmetric: `[[jxx, jxy], [jxy, -jxx]]`), so the force at a
    /// node is the centroid's corrected to first order.
    acc_x: Vec<f32>,
    acc_y: Vec<f32>,
    acc_jxx: Vec<f32>,
    acc_jxy: Vec<f32>,
    /// Force on each point (tree order) from near points.
    fx: Vec<f32>,
    fy: Vec<f32>,
}

struct Dual<'a> {
    cells: &'a [super::quadtree::WalkCell],
    px: &'a [f32],
    py: &'a [f32],
    theta2: f32,
    dmin2: f32,
    dmax2: f32,
    k: f32,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn apply(
    tree: &QuadTree,
    s: &mut Scratch,
    vxs: &mut [f32],
    vys: &mut [f32],
    f: ManyBody,
    alpha: f32,
    rng: &mut SplitMix64,
) {
    let cells = &tree.walk;
    let n = tree.order.len();
    if cells.is_empty() {
        return;
    }
    s.acc_x.clear();
    s.acc_x.resize(cells.len(), 0.0);
    s.acc_y.clear();
    s.acc_y.resize(cells.len(), 0.0);
    s.acc_jxx.clear();
    s.acc_jxx.resize(cells.len(), 0.0);
    s.acc_jxy.clear();
    s.acc_jxy.resize(cells.len(), 0.0);
    s.fx.clear();
    s.fx.resize(n, 0.0);
    s.fy.clear();
    s.fy.resize(n, 0.0);
    let d = Dual {
        cells,
        px: &tree.px,
        py: &tree.py,
        theta2: f.theta * f.theta,
        dmin2: f.distance_min * f.distance_min,
        dmax2: f.distance_max * f.distance_max,
        k: f.charge * alpha,
    };
    self_interact(&d, s, 0, rng);
    // Down the tree: each cell's nodes also feel what its ancestors felt.
    push_down(&d, s, 0, Local::default());
    for (ki, &i) in tree.order.iter().enumerate() {
        vxs[i as usize] += s.fx[ki];
        vys[i as usize] += s.fy[ki];
    }
}

fn children(cells: &[super::quadtree::WalkCell], c: usize) -> impl Iterator<Item = usize> + '_ {
    let end = cells[c].next as usize;
    let mut ch = c + 1;
    std::iter::from_fn(move || {
        (ch < end).then(|| {
            let this = ch;
            ch = cells[ch].next as usize;
            this
        })
    })
}

fn is_leaf(cells: &[super::quadtree::WalkCell], c: usize) -> bool {
    cells[c].start != cells[c].end
}

/// A first-order local expansion of the far field: force at a point and its gradient.
#[derive(Clone, Copy, Default)]
struct Local {
    x: f32,
    y: f32,
    /// Where the expansion is centred.
    cx: f32,
    cy: f32,
    jxx: f32,
    jxy: f32,
}

impl Local {
    /// The force at (x, y): F − J·(p − c).
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        let (ox, oy) = (x - self.cx, y - self.cy);
        (
            self.x - (self.jxx * ox + self.jxy * oy),
            self.y - (self.jxy * ox - self.jxx * oy),
        )
    }
}

fn push_down(d: &Dual, s: &mut Scratch, c: usize, parent: Local) {
    let cell = &d.cells[c];
    let (fx, fy) = parent.at(cell.cx, cell.cy);
    let here = Local {
        x: fx + s.acc_x[c],
        y: fy + s.acc_y[c],
        cx: cell.cx,
        cy: cell.cy,
        jxx: parent.jxx + s.acc_jxx[c],
        jxy: parent.jxy + s.acc_jxy[c],
    };
    if is_leaf(d.cells, c) {
        for k in cell.start as usize..cell.end as usize {
            let (ax, ay) = here.at(d.px[k], d.py[k]);
            s.fx[k] += ax;
            s.fy[k] += ay;
        }
        return;
    }
    let mut ch = c + 1;
    while ch < cell.next as usize {
        push_down(d, s, ch, here);
        ch = d.cells[ch].next as usize;
    }
}

/// A cell with itself: its leaf's points pairwise, or every pair of its children.
fn self_interact(d: &Dual, s: &mut Scratch, c: usize, rng: &mut SplitMix64) {
    if is_leaf(d.cells, c) {
        let cell = &d.cells[c];
        let (a, b) = (cell.start as usize, cell.end as usize);
        for i in a..b {
            for j in i + 1..b {
                pair(d, s, i, j, rng);
            }
        }
        return;
    }
    let kids: [usize; 4] = {
        let mut k = [usize::MAX; 4];
        for (slot, ch) in k.iter_mut().zip(children(d.cells, c)) {
            *slot = ch;
        }
        k
    };
    for x in 0..4 {
        if kids[x] == usize::MAX {
            continue;
        }
        self_interact(d, s, kids[x], rng);
        for y in x + 1..4 {
            if kids[y] != usize::MAX {
                interact(d, s, kids[x], kids[y], rng);
            }
        }
    }
}

/// Two different cells.
fn interact(d: &Dual, s: &mut Scratch, a: usize, b: usize, rng: &mut SplitMix64) {
    let (ca, cb) = (&d.cells[a], &d.cells[b]);
    let (dx, dy) = (cb.cx - ca.cx, cb.cy - ca.cy);
    let l = dx * dx + dy * dy;
    let reach = ca.extent2.sqrt() + cb.extent2.sqrt();
    if reach * reach < d.theta2 * l {
        if l < d.dmax2 {
            let lc = if l < d.dmin2 { (d.dmin2 * l).sqrt() } else { l };
            let (ux, uy) = (dx * d.k / lc, dy * d.k / lc);
            s.acc_x[a] += ux * cb.mass;
            s.acc_y[a] += uy * cb.mass;
            s.acc_x[b] -= ux * ca.mass;
            s.acc_y[b] -= uy * ca.mass;
            // The field's gradient, the same seen from either side (it is even in d).
            if l >= d.dmin2 {
                let l2 = l * l;
                let (jxx, jxy) = (d.k * (dy * dy - dx * dx) / l2, -2.0 * d.k * dx * dy / l2);
                s.acc_jxx[a] += jxx * cb.mass;
                s.acc_jxy[a] += jxy * cb.mass;
                s.acc_jxx[b] += jxx * ca.mass;
                s.acc_jxy[b] += jxy * ca.mass;
            }
        }
        return;
    }
    match (is_leaf(d.cells, a), is_leaf(d.cells, b)) {
        (true, true) => {
            for i in ca.start as usize..ca.end as usize {
                for j in cb.start as usize..cb.end as usize {
                    pair(d, s, i, j, rng);
                }
            }
        }
        (false, true) => {
            for ch in children(d.cells, a) {
                interact(d, s, ch, b, rng);
            }
        }
        (true, false) => {
            for ch in children(d.cells, b) {
                interact(d, s, a, ch, rng);
            }
        }
        (false, false) => {
            if ca.extent2 >= cb.extent2 {
                for ch in children(d.cells, a) {
                    interact(d, s, ch, b, rng);
                }
            } else {
                for ch in children(d.cells, b) {
                    interact(d, s, a, ch, rng);
                }
            }
        }
    }
}

/// Two points (tree positions) push each other.
#[inline(always)]
fn pair(d: &Dual, s: &mut Scratch, i: usize, j: usize, rng: &mut SplitMix64) {
    let (dx, dy) = (d.px[j] - d.px[i], d.py[j] - d.py[i]);
    if dx * dx + dy * dy >= d.dmax2 {
        return;
    }
    let (ax, ay) = push(dx, dy, d.k, d.dmin2, rng);
    s.fx[i] += ax;
    s.fy[i] += ay;
    s.fx[j] -= ax;
    s.fy[j] -= ay;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact O(n²) force, for comparison.
    fn exact(xs: &[f32], ys: &[f32], charge: f32) -> Vec<(f32, f32)> {
        (0..xs.len())
            .map(|i| {
                let (mut fx, mut fy) = (0.0, 0.0);
                for j in 0..xs.len() {
                    if i != j {
                        let (dx, dy) = (xs[j] - xs[i], ys[j] - ys[i]);
                        let l2 = dx * dx + dy * dy;
                        let l = if l2 < 1.0 { l2.sqrt() } else { l2 };
                        fx += dx * charge / l;
                        fy += dy * charge / l;
                    }
                }
                (fx, fy)
            })
            .collect()
    }

    #[test]
    fn close_to_the_exact_force_and_exact_with_theta_zero() {
        let mut rng = SplitMix64::new(9);
        let n = 2000;
        let xs: Vec<f32> = (0..n).map(|_| rng.next_f32() * 1000.0).collect();
        let ys: Vec<f32> = (0..n).map(|_| rng.next_f32() * 1000.0).collect();
        let want = exact(&xs, &ys, -30.0);
        let mut tree = QuadTree::default();
        tree.build(&xs, &ys, &[]);
        for (theta, tolerance) in [(0.0, 1e-3), (0.9, 0.01)] {
            let (mut vx, mut vy) = (vec![0.0; n], vec![0.0; n]);
            let f = ManyBody {
                charge: -30.0,
                theta,
                distance_min: 1.0,
                distance_max: f32::INFINITY,
            };
            apply(
                &tree,
                &mut Scratch::default(),
                &mut vx,
                &mut vy,
                f,
                1.0,
                &mut rng,
            );
            let (mut err, mut norm) = (0.0f64, 0.0f64);
            for i in 0..n {
                let (ex, ey) = want[i];
                err += ((vx[i] - ex) as f64).powi(2) + ((vy[i] - ey) as f64).powi(2);
                norm += (ex as f64).powi(2) + (ey as f64).powi(2);
            }
            let relative = (err / norm).sqrt();
            assert!(
                relative < tolerance,
                "θ = {theta}: relative error {relative}"
            );
        }
    }
}
