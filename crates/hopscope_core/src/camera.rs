//! The camera: how world coordinates (where the layout puts nodes) map to screen pixels, with
//! zoom around a point, pan and fit-to-content (hit testing is `spatial.rs`). Pure math, shared by
//! every renderer.

/// Maps world space to screen space: `pos_in_screen = (pos_in_world - center) * zoom + size / 2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The world point shown at the middle of the screen.
    pub center: [f32; 2],
    /// Screen pixels per world unit.
    pub zoom: f32,
    /// Screen size in CSS pixels.
    pub size: [f32; 2],
}

pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 40.0;

impl Default for Camera {
    fn default() -> Self {
        Camera {
            center: [0.0, 0.0],
            zoom: 1.0,
            size: [800.0, 600.0],
        }
    }
}

impl Camera {
    pub fn screen_from_world(&self, pos_in_world: [f32; 2]) -> [f32; 2] {
        [
            (pos_in_world[0] - self.center[0]) * self.zoom + self.size[0] / 2.0,
            (pos_in_world[1] - self.center[1]) * self.zoom + self.size[1] / 2.0,
        ]
    }

    pub fn world_from_screen(&self, pos_in_screen: [f32; 2]) -> [f32; 2] {
        [
            (pos_in_screen[0] - self.size[0] / 2.0) / self.zoom + self.center[0],
            (pos_in_screen[1] - self.size[1] / 2.0) / self.zoom + self.center[1],
        ]
    }

    /// Multiplies the zoom by `factor`, keeping the world point under `pos_in_screen` fixed.
    pub fn zoom_at(&mut self, pos_in_screen: [f32; 2], factor: f32) {
        let anchor = self.world_from_screen(pos_in_screen);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let moved = self.world_from_screen(pos_in_screen);
        self.center[0] += anchor[0] - moved[0];
        self.center[1] += anchor[1] - moved[1];
    }

    /// Moves the picture by a screen-space delta (what a drag does).
    pub fn pan_by(&mut self, delta_in_screen: [f32; 2]) {
        self.center[0] -= delta_in_screen[0] / self.zoom;
        self.center[1] -= delta_in_screen[1] / self.zoom;
    }

    /// Centres and zooms so every position (flat `[x0, y0, …]`) fits inside the screen less
    /// `margins` pixels (left, top, right, bottom), never zooming in past `max_zoom`, so a
    /// small graph is not blown up to fill the screen.
    pub fn fit(&mut self, positions: &[f32], margins: [f32; 4], max_zoom: f32) {
        let mut min = [f32::INFINITY; 2];
        let mut max = [f32::NEG_INFINITY; 2];
        for p in positions.chunks_exact(2) {
            for k in 0..2 {
                min[k] = min[k].min(p[k]);
                max[k] = max[k].max(p[k]);
            }
        }
        if !(min[0].is_finite() && max[0].is_finite() && min[1].is_finite() && max[1].is_finite()) {
            return;
        }
        let [left, top, right, bottom] = margins;
        let span = [(max[0] - min[0]).max(1.0), (max[1] - min[1]).max(1.0)];
        let avail = [
            (self.size[0] - left - right).max(10.0),
            (self.size[1] - top - bottom).max(10.0),
        ];
        self.zoom = (avail[0] / span[0])
            .min(avail[1] / span[1])
            .clamp(MIN_ZOOM, max_zoom.min(MAX_ZOOM));
        // Centre the content in the area inside the margins.
        let mid_in_screen = [left + avail[0] / 2.0, top + avail[1] / 2.0];
        self.center = [
            (min[0] + max[0]) / 2.0 - (mid_in_screen[0] - self.size[0] / 2.0) / self.zoom,
            (min[1] + max[1]) / 2.0 - (mid_in_screen[1] - self.size[1] / 2.0) / self.zoom,
        ];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_and_world_round_trip_and_zoom_keeps_the_anchor() {
        let mut cam = Camera {
            center: [10.0, -5.0],
            zoom: 2.0,
            size: [400.0, 300.0],
        };
        let w = [3.0, 4.0];
        let s = cam.screen_from_world(w);
        let back = cam.world_from_screen(s);
        assert!((back[0] - w[0]).abs() < 1e-4 && (back[1] - w[1]).abs() < 1e-4);
        cam.zoom_at(s, 3.0);
        let s2 = cam.screen_from_world(w);
        assert!(
            (s2[0] - s[0]).abs() < 1e-3 && (s2[1] - s[1]).abs() < 1e-3,
            "{s:?} vs {s2:?}"
        );
        assert_eq!(cam.zoom, 6.0);
    }

    #[test]
    fn fit_shows_everything_and_hit_finds_the_nearest_node() {
        let mut cam = Camera {
            size: [200.0, 100.0],
            ..Camera::default()
        };
        let positions = [-100.0, 0.0, 100.0, 0.0, 0.0, 50.0];
        cam.fit(&positions, [10.0, 10.0, 30.0, 10.0], 4.0);
        for p in positions.chunks_exact(2) {
            let s = cam.screen_from_world([p[0], p[1]]);
            assert!(
                (9.9..=170.1).contains(&s[0]) && (9.9..=90.1).contains(&s[1]),
                "{s:?}"
            );
        }
        let tiny = [0.0, 0.0, 1.0, 1.0];
        cam.fit(&tiny, [10.0; 4], 2.0);
        assert_eq!(cam.zoom, 2.0, "a tiny graph is not blown up");
        let radii = [5.0, 5.0, 5.0];
        let on_second = cam.screen_from_world([100.0, 0.0]);
        // Hit testing (the spatial grid) through this camera's screen points.
        let grid = crate::spatial::Grid::build(&positions, &radii);
        let hit =
            |s: [f32; 2]| grid.hit(&positions, &radii, cam.world_from_screen(s), 4.0 / cam.zoom);
        assert_eq!(hit(on_second), Some(1));
        assert_eq!(hit([100.0, 5.0]), None);
    }

    #[test]
    fn pan_moves_the_picture_with_the_pointer() {
        let mut cam = Camera::default();
        let before = cam.screen_from_world([0.0, 0.0]);
        cam.pan_by([30.0, -10.0]);
        let after = cam.screen_from_world([0.0, 0.0]);
        assert_eq!([after[0] - before[0], after[1] - before[1]], [30.0, -10.0]);
    }
}
