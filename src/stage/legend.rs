//! Room for the legend: the camera's fit leaves the legend's corner (bottom left of the
//! canvas) clear, so the legend never covers a node of a fitted picture. The page measures the
//! legend (expanded or collapsed) and tells the stage; the fit then widens whichever margin
//! (left or bottom) costs the picture less room.

use super::{Stage, FIT_MARGINS};

/// The fit margins (left, top, right, bottom) that keep a legend of `legend` CSS pixels (its
/// width and height measured from the canvas's left and bottom edges) clear, on a screen of
/// `screen` pixels: the base margins with the left or the bottom one widened, whichever leaves
/// the larger area to draw in.
pub fn margins_clear_of(base: [f32; 4], legend: [f32; 2], screen: [f32; 2]) -> [f32; 4] {
    let [left, top, right, bottom] = base;
    let [w, h] = legend;
    if !(w > 0.0 && h > 0.0) {
        return base;
    }
    const GAP: f32 = 12.0;
    let beside = [left.max(w + GAP), top, right, bottom];
    let above = [left, top, right, bottom.max(h + GAP)];
    let area =
        |m: [f32; 4]| (screen[0] - m[0] - m[2]).max(0.0) * (screen[1] - m[1] - m[3]).max(0.0);
    if area(beside) >= area(above) {
        beside
    } else {
        above
    }
}

impl Stage {
    /// The legend's size as the page measured it (`[0, 0]`: none shown). Refits a camera that
    /// follows the layout.
    pub fn set_legend(&mut self, legend: [f32; 2]) {
        if self.legend == legend {
            return;
        }
        self.legend = legend;
        if self.follow_layout {
            self.fit_followed();
        }
        self.dirty = true;
    }

    /// The margins a fit to the whole picture leaves: the base ones, clear of the legend.
    pub(super) fn fit_margins(&self) -> [f32; 4] {
        margins_clear_of(FIT_MARGINS, self.legend, self.camera.size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheaper_side_is_widened() {
        let base = [40.0, 40.0, 150.0, 40.0];
        // A tall, narrow legend: widen the left margin.
        assert_eq!(
            margins_clear_of(base, [120.0, 300.0], [800.0, 600.0]),
            [132.0, 40.0, 150.0, 40.0]
        );
        // A wide, short one (collapsed): raise the bottom margin.
        assert_eq!(
            margins_clear_of(base, [300.0, 40.0], [800.0, 600.0]),
            [40.0, 40.0, 150.0, 52.0]
        );
        // None shown: the base margins.
        assert_eq!(margins_clear_of(base, [0.0, 0.0], [800.0, 600.0]), base);
    }

    #[test]
    fn a_fitted_picture_leaves_the_legend_uncovered() {
        let mut stage = crate::stage::tests::settled_stage(crate::DEMO_CASE);
        // A legend 220 × 260 px in the bottom-left corner of an 800 × 600 canvas.
        let legend = [220.0f32, 260.0f32];
        let covered = |stage: &Stage| {
            stage
                .nodes_on_screen()
                .iter()
                .filter(|(_, [x, y])| *x < legend[0] && *y > 600.0 - legend[1])
                .count()
        };
        stage.fit();
        let before = covered(&stage);
        stage.set_legend(legend);
        stage.fit();
        assert!(before > 0, "the demo's fit puts nodes where the legend is");
        assert_eq!(covered(&stage), 0, "{before} nodes were under the legend");
    }
}
