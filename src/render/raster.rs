//! A software renderer for big graphs, where Canvas 2D would spend most of a second per frame
//! stroking a hundred thousand paths: edges become 1-pixel alpha-blended lines and nodes small
//! discs in a pixel buffer that the page puts on the canvas in one call. Work per frame is
//! capped: while the layout moves, a frame draws a spread-out sample of the edges (a fixed
//! stride through them) within `EDGE_PIXEL_BUDGET`; once the picture is still, the remaining
//! edges are added over the next frames, so no frame blocks the page for long. Plain Rust, so
//! it is tested natively.

use hopscope_core::emphasis::Tone;

use super::palette::{rgb, Palette};
use crate::stage::Stage;

/// Pixels of edge drawn per frame at most (about 5–10 ms in wasm), so a frame stays well
/// under 50 ms with the rest of its work. The budget in use adapts to how long the last
/// pictures took (`adapt`), between a quarter of this and this.
pub const EDGE_PIXEL_BUDGET: usize = 1_200_000;
/// What a picture's drawing should take while the view moves, so the frame keeps to 60 fps.
const TARGET_MS: f64 = 7.0;

thread_local! {
    /// The budget the raster last chose, for the test hook and the frame benchmark.
    static LAST_BUDGET: std::cell::Cell<usize> = const { std::cell::Cell::new(EDGE_PIXEL_BUDGET) };
}

/// The edge budget the raster last chose (pixels per picture).
pub fn last_budget() -> usize {
    LAST_BUDGET.with(|b| b.get())
}
/// From this many nodes or flows on, the Canvas 2D fallback draws with this renderer (at
/// 10,000 nodes and 20,000 flows the vector drawing took 133 ms a frame while panning).
pub const MIN_NODES: usize = 5_000;
pub const MIN_EDGES: usize = 10_000;
#[cfg(test)]
const BACKGROUND: u32 = rgba(0xf7, 0xf7, 0xf4, 0xff);

const fn rgba(r: u8, g: u8, b: u8, a: u8) -> u32 {
    u32::from_le_bytes([r, g, b, a])
}

/// Whether a stage is big enough for this renderer.
pub fn wanted(stage: &Stage) -> bool {
    stage.scene.nodes.len() >= MIN_NODES || stage.scene.edges.len() >= MIN_EDGES
}

/// The pixel buffer and how far the current picture has got.
#[derive(Default)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    /// RGBA bytes in memory order, as `ImageData` wants them.
    pub pixels: Vec<u32>,
    /// Edges drawn so far of the current picture (in stride order).
    drawn: usize,
    /// Nothing is left to draw for the current picture.
    pub complete: bool,
    /// The theme's edge colour (0xRRGGBB) and opacity (0–255).
    edge: (u32, u32),
    /// Edge pixels a picture may draw now (0: not yet adapted, the full budget).
    budget: usize,
    /// The theme's background pixel, traced colour and the opacity of what the focus dims.
    background: u32,
    traced: u32,
    dim: f32,
}

impl Raster {
    /// Starts a new picture: clears, draws up to the budget of edges, then the nodes.
    pub fn redraw(
        &mut self,
        stage: &Stage,
        palette: &Palette,
        dpr: f32,
        width: usize,
        height: usize,
    ) {
        self.width = width;
        self.height = height;
        self.pixels.clear();
        let [r, g, b] = rgb(palette.background);
        self.background = rgba(r, g, b, 0xff);
        self.pixels.resize(width * height, self.background);
        self.traced = colour_of(palette.traced);
        self.dim = palette.dim;
        let [r, g, b] = rgb(palette.edge);
        self.edge = (
            u32::from_be_bytes([0, r, g, b]),
            (palette.edge_alpha * 90.0) as u32,
        );
        self.drawn = 0;
        self.complete = false;
        self.more_edges(stage, dpr);
    }

    /// Adds the next edges of a still picture (and the nodes again on top).
    pub fn refine(&mut self, stage: &Stage, dpr: f32) {
        if !self.complete && self.pixels.len() == self.width * self.height {
            self.more_edges(stage, dpr);
        }
    }

    fn more_edges(&mut self, stage: &Stage, dpr: f32) {
        let edges = &stage.scene.edges;
        let n = edges.len();
        let positions = stage.positions();
        let cam = &stage.camera;
        let at = |i: usize| {
            let s = cam.screen_from_world([positions[2 * i], positions[2 * i + 1]]);
            (s[0] * dpr, s[1] * dpr)
        };
        let stride = stride_for(n);
        let mut spent = 0;
        let budget = self.budget();
        // What the focus dims is fainter (lit edges are drawn over it on the overlay).
        let emphasis = &stage.emphasis;
        let dim_alpha = (self.edge.1 as f32 * self.dim).round() as u32;
        while self.drawn < n && spent < budget {
            // A fixed stride coprime with n visits every edge once, spread over the graph.
            let k = (self.drawn * stride) % n;
            let e = &edges[k];
            let (a, b) = (at(e.source as usize), at(e.target as usize));
            let alpha = match emphasis.edge(k) {
                Tone::Dim => dim_alpha,
                Tone::Hidden => 0,
                _ => self.edge.1,
            };
            if alpha > 0 {
                spent += self.line(a, b, self.edge.0, alpha);
            }
            self.drawn += 1;
        }
        self.complete = self.drawn >= n;
        let r_scale = (cam.zoom * dpr).max(0.0);
        let fill = stage.trace.as_ref().map(|t| &t.fill);
        // Colours are a handful of constants: parse each once, not once per node and frame.
        let mut last: (&str, u32) = ("", 0);
        for (i, node) in stage.scene.nodes.iter().enumerate() {
            if emphasis.node(i) == Tone::Hidden {
                continue;
            }
            let (x, y) = at(i);
            let r = (node.radius * r_scale).clamp(1.0, 6.0 * dpr);
            if !std::ptr::eq(last.0, node.colour) {
                last = (node.colour, colour_of(node.colour));
            }
            let colour = if emphasis.node(i) == Tone::Dim {
                // Faded towards the background.
                mix_pixels(self.background, last.1, (self.dim * 255.0) as u32)
            } else {
                last.1
            };
            self.disc(x, y, r, colour);
            // The traced share, as in the other renderers: an inner disc by area.
            let share = fill.and_then(|f| f.get(i)).copied().unwrap_or(0.0);
            if share > 0.0 {
                self.disc(x, y, (r * share.sqrt()).max(1.0), self.traced);
            }
        }
    }

    fn budget(&self) -> usize {
        if self.budget == 0 {
            EDGE_PIXEL_BUDGET
        } else {
            self.budget
        }
    }

    /// Adjusts the edge budget from how long the last picture took to draw: less when over
    /// the target, more (up to `EDGE_PIXEL_BUDGET`) when well under it.
    pub fn adapt(&mut self, took_ms: f64) {
        let budget = self.budget() as f64;
        let next = if took_ms > TARGET_MS {
            budget * (TARGET_MS / took_ms).max(0.5)
        } else if took_ms < 0.7 * TARGET_MS {
            budget * 1.15
        } else {
            budget
        };
        self.budget = (next as usize).clamp(EDGE_PIXEL_BUDGET / 4, EDGE_PIXEL_BUDGET);
        LAST_BUDGET.with(|b| b.set(self.budget));
    }

    /// A 1-pixel line blended at `alpha` (0–255), clipped to the buffer; returns the pixels
    /// stepped.
    fn line(&mut self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), rgb: u32, alpha: u32) -> usize {
        let (w, h) = (self.width as f32, self.height as f32);
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            return 0;
        }
        if (x0 < 0.0 && x1 < 0.0)
            || (y0 < 0.0 && y1 < 0.0)
            || (x0 >= w && x1 >= w)
            || (y0 >= h && y1 >= h)
        {
            return 0;
        }
        let steps = (x1 - x0)
            .abs()
            .max((y1 - y0).abs())
            .ceil()
            .min(4.0 * (w + h)) as usize;
        if steps == 0 {
            return 0;
        }
        let (dx, dy) = ((x1 - x0) / steps as f32, (y1 - y0) / steps as f32);
        let (mut x, mut y) = (x0, y0);
        for _ in 0..=steps {
            if x >= 0.0 && y >= 0.0 && x < w && y < h {
                let k = y as usize * self.width + x as usize;
                self.pixels[k] = blend(self.pixels[k], rgb, alpha);
            }
            x += dx;
            y += dy;
        }
        steps
    }

    /// A filled disc.
    fn disc(&mut self, cx: f32, cy: f32, r: f32, rgb: u32) {
        let (w, h) = (self.width as i64, self.height as i64);
        if !(cx.is_finite() && cy.is_finite()) {
            return;
        }
        let (x0, x1) = ((cx - r).floor() as i64, (cx + r).ceil() as i64);
        let (y0, y1) = ((cy - r).floor() as i64, (cy + r).ceil() as i64);
        if x1 < 0 || y1 < 0 || x0 >= w || y0 >= h {
            return;
        }
        let r2 = r * r;
        for y in y0.max(0)..y1.min(h) {
            for x in x0.max(0)..x1.min(w) {
                let (fx, fy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                if fx * fx + fy * fy <= r2 {
                    self.pixels[y as usize * self.width + x as usize] = rgb | 0xff00_0000;
                }
            }
        }
    }

    /// The pixels as bytes for `ImageData`.
    pub fn bytes(&self) -> &[u8] {
        bytemuck::cast_slice(&self.pixels)
    }
}

/// A step through `0..n` that is coprime with `n`, near n times the golden ratio.
fn stride_for(n: usize) -> usize {
    if n < 2 {
        return 1;
    }
    let mut s = ((n as f64) * 0.618_033_988_75) as usize | 1;
    while gcd(s, n) != 1 {
        s += 2;
    }
    s
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `#rrggbb` as a pixel's colour bytes (alpha left 0).
fn colour_of(hex: &str) -> u32 {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0x999999);
    u32::from_le_bytes([(v >> 16) as u8, (v >> 8) as u8, v as u8, 0])
}

/// Two pixels (colour bytes in memory order) mixed: `src` over `dst` at `alpha` (0–255),
/// alpha byte left 0.
fn mix_pixels(dst: u32, src: u32, alpha: u32) -> u32 {
    let ([dr, dg, db, _], [sr, sg, sb, _]) = (dst.to_le_bytes(), src.to_le_bytes());
    let mix = |d: u8, s: u8| ((u32::from(d) * (255 - alpha) + u32::from(s) * alpha) / 255) as u8;
    u32::from_le_bytes([mix(dr, sr), mix(dg, sg), mix(db, sb), 0])
}

/// `dst` with `rgb` (0xRRGGBB) laid over it at `alpha` (0–255).
fn blend(dst: u32, rgb: u32, alpha: u32) -> u32 {
    let [dr, dg, db, _] = dst.to_le_bytes();
    let (sr, sg, sb) = ((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    let mix = |d: u8, s: u32| ((u32::from(d) * (255 - alpha) + s * alpha) / 255) as u8;
    u32::from_le_bytes([mix(dr, sr), mix(dg, sg), mix(db, sb), 0xff])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_edge_is_visited_once_by_the_stride() {
        for n in [2usize, 3, 10, 1000, 99_991, 100_000] {
            let s = stride_for(n);
            let mut seen = vec![false; n];
            for k in 0..n {
                seen[(k * s) % n] = true;
            }
            assert!(seen.iter().all(|&v| v), "n = {n}");
        }
    }

    #[test]
    fn lines_blend_and_clip_and_discs_fill() {
        let mut r = Raster {
            width: 20,
            height: 10,
            pixels: vec![BACKGROUND; 200],
            ..Raster::default()
        };
        let steps = r.line((-5.0, 5.0), (30.0, 5.0), 0x000000, 255);
        assert!(steps >= 35);
        assert!((0..20).all(|x| r.pixels[5 * 20 + x] == rgba(0, 0, 0, 255)));
        assert_eq!(
            r.line((-5.0, -5.0), (-1.0, -1.0), 0, 255),
            0,
            "wholly outside"
        );
        r.disc(10.0, 2.0, 1.5, colour_of("#ff0000"));
        assert_eq!(r.pixels[2 * 20 + 10], rgba(0xff, 0, 0, 0xff));
        assert_eq!(r.bytes().len(), 800);
        assert_eq!(blend(BACKGROUND, 0x000000, 0), BACKGROUND);
        let red = colour_of("#ff0000");
        assert_eq!(mix_pixels(BACKGROUND, red, 255), red);
        assert_eq!(mix_pixels(BACKGROUND, red, 0), BACKGROUND & 0x00ff_ffff);
        assert_eq!(mix_pixels(0, red, 128).to_le_bytes(), [128, 0, 0, 0]);
    }

    #[test]
    fn the_budget_shrinks_when_pictures_are_slow_and_grows_back_within_bounds() {
        let mut r = Raster::default();
        assert_eq!(r.budget(), EDGE_PIXEL_BUDGET);
        r.adapt(14.0);
        assert_eq!(r.budget(), EDGE_PIXEL_BUDGET / 2);
        for _ in 0..20 {
            r.adapt(100.0);
        }
        assert_eq!(r.budget(), EDGE_PIXEL_BUDGET / 4, "never below a quarter");
        for _ in 0..40 {
            r.adapt(1.0);
        }
        assert_eq!(r.budget(), EDGE_PIXEL_BUDGET, "never above the full budget");
        r.adapt(6.0);
        assert_eq!(r.budget(), EDGE_PIXEL_BUDGET, "near the target: unchanged");
    }
}
