//! The minimap: the whole graph as dots in a small corner canvas, with the part the main view
//! shows as a rectangle (the minimap spans both); a click or drag on it moves the view there. The dots are a pixel
//! buffer rebuilt at most a few times a second (the layout moves them); the rectangle follows
//! the camera every frame. The mapping is plain Rust, tested natively.

use hopscope_core::camera::Camera;

use super::palette::{rgb, Palette};
use crate::stage::Stage;

/// How often the dots are rebuilt while the picture changes (ms).
const REBUILD_MS: f64 = 250.0;
/// At most this many nodes become dots (a spread-out sample beyond).
const MAX_DOTS: usize = 60_000;
/// Room left around the graph (px).
const PAD: f32 = 6.0;

/// World to minimap pixels: `(world - origin) * scale + offset`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Frame {
    origin: [f32; 2],
    scale: f32,
    offset: [f32; 2],
}

impl Frame {
    /// The frame that fits every finite position and what the camera shows into `size`
    /// pixels, so the view's rectangle is always whole on the minimap; `None` without
    /// positions.
    pub fn of_view(positions: &[f32], camera: &Camera, size: [f32; 2]) -> Option<Frame> {
        Frame::fit(positions, size)?;
        let a = camera.world_from_screen([0.0, 0.0]);
        let b = camera.world_from_screen(camera.size);
        Frame::fit_with(positions, &[a[0], a[1], b[0], b[1]], size)
    }

    /// The frame that fits every finite position into `size` pixels; `None` with none.
    pub fn fit(positions: &[f32], size: [f32; 2]) -> Option<Frame> {
        Frame::fit_with(positions, &[], size)
    }

    /// `fit` over the positions and some more points (x, y pairs).
    fn fit_with(positions: &[f32], more: &[f32], size: [f32; 2]) -> Option<Frame> {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in positions.chunks_exact(2).chain(more.chunks_exact(2)) {
            if p[0].is_finite() && p[1].is_finite() {
                x0 = x0.min(p[0]);
                x1 = x1.max(p[0]);
                y0 = y0.min(p[1]);
                y1 = y1.max(p[1]);
            }
        }
        if x0 > x1 {
            return None;
        }
        let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        let scale = ((size[0] - 2.0 * PAD) / w).min((size[1] - 2.0 * PAD) / h);
        Some(Frame {
            origin: [x0, y0],
            scale,
            offset: [(size[0] - w * scale) / 2.0, (size[1] - h * scale) / 2.0],
        })
    }

    pub fn to_map(self, w: [f32; 2]) -> [f32; 2] {
        [
            (w[0] - self.origin[0]) * self.scale + self.offset[0],
            (w[1] - self.origin[1]) * self.scale + self.offset[1],
        ]
    }

    pub fn to_world(self, m: [f32; 2]) -> [f32; 2] {
        [
            (m[0] - self.offset[0]) / self.scale + self.origin[0],
            (m[1] - self.offset[1]) / self.scale + self.origin[1],
        ]
    }

    /// The camera's view as a rectangle on the minimap: left, top, width, height.
    pub fn viewport(self, camera: &Camera) -> [f32; 4] {
        let a = self.to_map(camera.world_from_screen([0.0, 0.0]));
        let b = self.to_map(camera.world_from_screen(camera.size));
        [a[0], a[1], b[0] - a[0], b[1] - a[1]]
    }
}

/// What the minimap's canvas shares with its pointer handlers: the frame it was last drawn
/// with, and whether a drag on it holds that frame still (else each move of the view would
/// shift the map under the pointer).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shared {
    pub frame: Option<Frame>,
    pub held: bool,
}

#[derive(Default)]
pub struct Minimap {
    pub frame: Option<Frame>,
    pixels: Vec<u32>,
    size: [usize; 2],
    built_at: f64,
    /// The picture and the background the dots were drawn for.
    built_for: Option<(u64, &'static str)>,
}

impl Minimap {
    /// Rebuilds the dots if the picture changed and the last build is old enough (or the size
    /// changed). Returns whether the dots are new.
    pub fn update(
        &mut self,
        stage: &Stage,
        palette: &Palette,
        size: [usize; 2],
        now_ms: f64,
    ) -> bool {
        let key = (stage.picture(), palette.background);
        let stale = self.built_for != Some(key);
        let restyled = self
            .built_for
            .is_some_and(|(_, bg)| bg != palette.background);
        let resized = self.size != size;
        if !(resized || restyled || (stale && now_ms - self.built_at >= REBUILD_MS)) {
            return false;
        }
        self.size = size;
        self.built_at = now_ms;
        self.built_for = Some(key);
        let [r, g, b] = rgb(palette.background);
        self.pixels.clear();
        self.pixels
            .resize(size[0] * size[1], u32::from_le_bytes([r, g, b, 0xe6]));
        let positions = stage.positions();
        self.frame = Frame::of_view(positions, &stage.camera, [size[0] as f32, size[1] as f32]);
        let Some(frame) = self.frame else {
            return true;
        };
        let nodes = &stage.scene.nodes;
        let step = nodes.len().div_ceil(MAX_DOTS).max(1);
        // Dots big enough to see on small graphs, single pixels on big ones.
        let dot: isize = match nodes.len() {
            0..2_000 => 3,
            2_000..20_000 => 2,
            _ => 1,
        };
        let mut last: (&str, u32) = ("", 0);
        for (i, node) in nodes.iter().enumerate().step_by(step) {
            let Some(p) = positions.get(2 * i..2 * i + 2) else {
                break;
            };
            if !(p[0].is_finite() && p[1].is_finite()) {
                continue;
            }
            let [x, y] = frame.to_map([p[0], p[1]]);
            let (x, y) = (x as isize - dot / 2, y as isize - dot / 2);
            if !std::ptr::eq(last.0, node.colour) {
                let [r, g, b] = rgb(node.colour);
                last = (node.colour, u32::from_le_bytes([r, g, b, 0xff]));
            }
            for py in y.max(0)..(y + dot).min(size[1] as isize) {
                for px in x.max(0)..(x + dot).min(size[0] as isize) {
                    self.pixels[py as usize * size[0] + px as usize] = last.1;
                }
            }
        }
        true
    }

    /// The dots as bytes for `ImageData`.
    pub fn bytes(&self) -> &[u8] {
        bytemuck::cast_slice(&self.pixels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_fits_the_graph_and_maps_both_ways() {
        let positions = [-100.0, -50.0, 100.0, 50.0, f32::NAN, 0.0];
        let f = Frame::fit(&positions, [200.0, 120.0]).unwrap();
        for p in [[-100.0, -50.0], [100.0, 50.0], [0.0, 0.0]] {
            let m = f.to_map(p);
            assert!(
                (0.0..=200.0).contains(&m[0]) && (0.0..=120.0).contains(&m[1]),
                "{m:?}"
            );
            let back = f.to_world(m);
            assert!((back[0] - p[0]).abs() < 1e-3 && (back[1] - p[1]).abs() < 1e-3);
        }
        assert!(Frame::fit(&[f32::NAN, 1.0], [10.0, 10.0]).is_none());
    }

    #[test]
    fn the_viewport_shrinks_as_the_camera_zooms_in() {
        let f = Frame::fit(&[-100.0, -100.0, 100.0, 100.0], [100.0, 100.0]).unwrap();
        let mut cam = Camera {
            size: [400.0, 400.0],
            ..Camera::default()
        };
        cam.fit(&[-100.0, -100.0, 100.0, 100.0], [0.0; 4], 10.0);
        let whole = f.viewport(&cam);
        cam.zoom_at([200.0, 200.0], 4.0);
        let close = f.viewport(&cam);
        assert!(
            (close[2] - whole[2] / 4.0).abs() < 0.01,
            "{whole:?} {close:?}"
        );
        // Still centred on the same point.
        let mid = |r: [f32; 4]| [r[0] + r[2] / 2.0, r[1] + r[3] / 2.0];
        assert!((mid(whole)[0] - mid(close)[0]).abs() < 0.01);
    }
}
