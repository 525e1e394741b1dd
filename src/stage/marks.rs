//! What the exported picture draws over the stage's scene: the trace's fill, the highlighted
//! path and the notes, as the core's `export::Marks` — the same value `hopscope render` makes
//! of the saved case, so that the app's export and the CLI's render agree byte for byte.

use hopscope_core::export::Marks;

use super::Stage;

impl Stage {
    /// The investigation to draw over the scene in an exported picture.
    pub fn marks(&self) -> Marks {
        Marks::of(
            &self.view,
            &self.scene,
            self.trace.as_ref().map(|t| (&t.trace, t.pools)),
            &self.highlighted,
        )
    }
}

#[cfg(test)]
mod tests {
    use hopscope_core::export::{self, SvgOptions};
    use hopscope_core::format::write_case_v1;
    use hopscope_core::trace::{Method, Pools};
    use hopscope_core::view::{ExpandOptions, Mark, Origin};

    use super::*;

    /// The demo case three hops out from its seed, with a note, a FIFO trace and a one-hop path
    /// from the seed, at rest.
    fn investigated() -> Stage {
        let imported = hopscope_core::parse_case(crate::DEMO_CASE).expect("demo case parses");
        let mut stage = Stage::new(imported.value, imported.format);
        let seed = stage.case.seeds[0];
        let options = ExpandOptions {
            hops: 3,
            hub_threshold: 1000,
            ..ExpandOptions::default()
        };
        stage.change_view(|v, case| {
            v.expand(case, seed, &options);
        });
        let next = stage
            .view
            .visible()
            .find(|&id| stage.view.origin(id) == Some(Origin::ExpandedFrom(seed)))
            .expect("a neighbour of the seed");
        stage.change_view(|v, _| {
            v.set_note(Mark::Node(next), "<b>first</b> hop & more", Some("#aa00ff"))
        });
        let asset = stage.assets()[0].clone();
        stage.run_trace(Method::Fifo, asset, Pools::Absorb, true);
        let path = stage.tagged(vec![seed, next]);
        assert!(stage.highlight_path(&path));
        for _ in 0..400 {
            stage.frame([800.0, 600.0]);
        }
        stage
    }

    #[test]
    fn the_export_of_the_stage_equals_the_render_of_the_saved_case() {
        let stage = investigated();
        let options = SvgOptions::default();
        let app = export::svg(
            &stage.case,
            &stage.scene,
            stage.positions(),
            &stage.marks(),
            &options,
        );
        assert!(app.contains("<g class=\"path\""), "the path is drawn");
        assert!(
            app.contains("stroke=\"#aa00ff\""),
            "the note's ring is drawn"
        );
        assert!(app.contains("Note: &lt;b&gt;first&lt;/b&gt; hop &amp; more</title>"));
        assert!(
            app.contains("fill=\"#c0111f\"/>"),
            "the trace's fill is drawn"
        );
        let saved = hopscope_core::parse_case(&write_case_v1(&stage.case_to_save()))
            .expect("the saved case reads back")
            .value;
        assert_eq!(app, export::render_case(&saved, &options));
    }

    #[test]
    fn a_reopened_case_highlights_its_saved_path_and_draws_the_same_marks() {
        let stage = investigated();
        let saved = hopscope_core::parse_case(&write_case_v1(&stage.case_to_save()))
            .expect("the saved case reads back");
        let reopened = Stage::new(saved.value, saved.format);
        assert_eq!(reopened.highlighted, stage.highlighted);
        assert_eq!(reopened.marks(), stage.marks());
        assert!(reopened.marks().path_hops == 1);
    }
}
