//! Collision, as d3's `forceCollide`: overlapping nodes (by radius plus padding) are pushed
//! apart, each pair once, the smaller node moving more. Candidates come from this tick's
//! quadtree, whose cells know their largest radius; its preorder walk needs no stack.

use super::quadtree::QuadTree;
use super::SplitMix64;

#[allow(clippy::too_many_arguments)]
pub(super) fn apply(
    tree: &QuadTree,
    xs: &[f32],
    ys: &[f32],
    vxs: &mut [f32],
    vys: &mut [f32],
    radii: &[f32],
    padding: f32,
    strength: f32,
    rng: &mut SplitMix64,
) {
    if tree.cells.is_empty() || radii.len() != xs.len() {
        return;
    }
    for &i in &tree.order {
        let i = i as usize;
        let ri = radii[i] + padding;
        let (xi, yi) = (xs[i] + vxs[i], ys[i] + vys[i]);
        let cells = &tree.cells;
        let mut c = 0;
        while c < cells.len() {
            let cell = &cells[c];
            let reach = ri + cell.max_r + padding;
            if xi < cell.x0 - reach
                || xi > cell.x1 + reach
                || yi < cell.y0 - reach
                || yi > cell.y1 + reach
            {
                c = cell.next as usize;
                continue;
            }
            if !cell.is_leaf() {
                c += 1;
                continue;
            }
            for &j in &tree.order[cell.start as usize..cell.end as usize] {
                let j = j as usize;
                if j <= i {
                    continue;
                }
                let rj = radii[j] + padding;
                let r = ri + rj;
                let mut dx = xi - xs[j] - vxs[j];
                let mut dy = yi - ys[j] - vys[j];
                let mut l = dx * dx + dy * dy;
                if l >= r * r {
                    continue;
                }
                if dx == 0.0 {
                    dx = rng.jiggle();
                    l += dx * dx;
                }
                if dy == 0.0 {
                    dy = rng.jiggle();
                    l += dy * dy;
                }
                let len = l.sqrt();
                let push = (r - len) / len * strength;
                dx *= push;
                dy *= push;
                let (ri2, rj2) = (ri * ri, rj * rj);
                let share = rj2 / (ri2 + rj2);
                vxs[i] += dx * share;
                vys[i] += dy * share;
                vxs[j] -= dx * (1.0 - share);
                vys[j] -= dy * (1.0 - share);
            }
            c = cell.next as usize;
        }
    }
}
