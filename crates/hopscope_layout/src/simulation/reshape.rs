//! Changing what is laid out without starting over: `grow` and `reshape` carry kept nodes'
//! places and pins over to a changed graph (kept nodes are held by anchors until it rests, new
//! ones start beside a linked node), `warm_start` and `start_from` begin from given or saved
//! positions, `release_anchors` lets the kept nodes go.

use super::{LayoutInput, Simulation, GROW_ALPHA};

impl Simulation {
    /// Adds the nodes of a grown `input` (the first nodes are the ones already laid out, in
    /// the same order): `reshape` with every old node kept in place.
    pub fn grow(&mut self, input: &LayoutInput) {
        let old = self.xs.len();
        let keep: Vec<Option<u32>> = (0..input.n_nodes.max(old))
            .map(|i| (i < old).then_some(i as u32))
            .collect();
        self.reshape(input, &keep);
    }

    /// Lays out a changed graph `input` going on from this one: new node `i` is old node
    /// `keep[i]` (position, velocity and pin kept) or, when `None`, a new node, which starts a
    /// little way from a node it is linked to that is already placed (its parent), or near
    /// the centre of the picture. Old nodes not kept leave. Then the simulation warms up just
    /// enough to fit the new nodes in, so the picture does not jump.
    pub fn reshape(&mut self, input: &LayoutInput, keep: &[Option<u32>]) {
        let n = input.n_nodes;
        let old = self.xs.len();
        let kept = |i: usize| {
            keep.get(i)
                .copied()
                .flatten()
                .map(|k| k as usize)
                .filter(|&k| k < old)
        };
        let identity = n == old && (0..n).all(|i| kept(i) == Some(i));
        if identity {
            self.set_structure(input);
            return;
        }
        let take = |v: &[f32], fill: f32| -> Vec<f32> {
            (0..n).map(|i| kept(i).map_or(fill, |k| v[k])).collect()
        };
        let (cx, cy) = if old > 0 {
            (
                self.xs.iter().sum::<f32>() / old as f32,
                self.ys.iter().sum::<f32>() / old as f32,
            )
        } else {
            (0.0, 0.0)
        };
        self.xs = take(&self.xs, 0.0);
        self.ys = take(&self.ys, 0.0);
        self.vxs = take(&self.vxs, 0.0);
        self.vys = take(&self.vys, 0.0);
        self.pin_x = take(&self.pin_x, f32::NAN);
        self.pin_y = take(&self.pin_y, f32::NAN);
        self.n_pinned = self.pin_x.iter().filter(|x| !x.is_nan()).count();
        let spread = self.settings.link_distance * 0.5;
        let mut placed: Vec<bool> = (0..n).map(|i| kept(i).is_some()).collect();
        // Place new nodes next to placed neighbours, pass after pass (chains of new nodes).
        let mut progress = true;
        while progress {
            progress = false;
            for l in &input.links {
                let (s, t) = (l.source as usize, l.target as usize);
                if s >= n || t >= n || placed[s] == placed[t] {
                    continue;
                }
                let (parent, child) = if placed[s] { (s, t) } else { (t, s) };
                let angle_x = self.rng.next_f32() * 2.0 - 1.0;
                let angle_y = self.rng.next_f32() * 2.0 - 1.0;
                self.xs[child] = self.xs[parent] + angle_x * spread;
                self.ys[child] = self.ys[parent] + angle_y * spread;
                placed[child] = true;
                progress = true;
            }
        }
        for i in (0..n).filter(|&i| !placed[i]) {
            self.xs[i] = cx + (self.rng.next_f32() - 0.5) * 4.0 * spread;
            self.ys[i] = cy + (self.rng.next_f32() - 0.5) * 4.0 * spread;
        }
        // Hold the kept nodes where they are while the new ones settle in.
        self.anchor_x = (0..n)
            .map(|i| {
                if kept(i).is_some() {
                    self.xs[i]
                } else {
                    f32::NAN
                }
            })
            .collect();
        self.anchor_y = (0..n)
            .map(|i| {
                if kept(i).is_some() {
                    self.ys[i]
                } else {
                    f32::NAN
                }
            })
            .collect();
        self.set_structure(input);
        self.write_positions();
        self.reheat(GROW_ALPHA);
    }

    /// Puts the nodes at `positions` (`[x0, y0, …]`, as `positions()` gives them), e.g. to go
    /// on from a layout computed elsewhere; ignored unless it has two numbers per node.
    pub fn warm_start(&mut self, positions: &[f32]) {
        if positions.len() == 2 * self.xs.len() {
            for (i, p) in positions.chunks_exact(2).enumerate() {
                self.xs[i] = p[0];
                self.ys[i] = p[1];
            }
            self.write_positions();
        }
    }

    /// Starts from saved positions (`[x0, y0, …]`; a NaN pair keeps that node where it is).
    /// When every node has one, the simulation starts at rest, so a saved picture comes back
    /// exactly; otherwise it runs to place the others.
    pub fn start_from(&mut self, positions: &[f32]) {
        if positions.len() != 2 * self.xs.len() {
            return;
        }
        let mut all = true;
        for (i, p) in positions.chunks_exact(2).enumerate() {
            if p[0].is_finite() && p[1].is_finite() {
                self.xs[i] = p[0];
                self.ys[i] = p[1];
            } else {
                all = false;
            }
        }
        if all {
            self.alpha = 0.0;
        }
        self.write_positions();
    }

    /// Lets nodes held by a reshape move freely again.
    pub fn release_anchors(&mut self) {
        self.anchor_x.clear();
        self.anchor_y.clear();
    }
}
