//! Timeline playback on the stage (issue 8): the case's timed transfers (`Playback`, built
//! once per case), the moment shown (`None`: playback off, everything drawn), and when each
//! scene node and edge appears (`Appearance`, rebuilt with the scene). What is not there yet
//! is hidden through the emphasis, so every renderer leaves it out; the view is not changed,
//! so scrubbing costs no undo step and no layout.

use hopscope_core::playback::{Appearance, Playback, Totals};

use super::Stage;

impl Stage {
    /// The case's transfers in time order (built on first use).
    pub fn playback(&self) -> &Playback {
        self.timeline.get_or_init(|| Playback::of(&self.case))
    }

    /// The moment playback shows, if it is on.
    pub fn playback_at(&self) -> Option<i64> {
        self.playback_at
    }

    /// Shows the graph as it stood at `t` (or everything, with `None`).
    pub fn set_playback_at(&mut self, t: Option<i64>) {
        if self.playback_at == t {
            return;
        }
        self.playback_at = t;
        self.refresh_emphasis();
        self.restyled();
        self.dirty = true;
    }

    /// What had left the seeds and reached mixers, bridges and exchanges at the moment shown
    /// (at the end when playback is off).
    pub fn playback_totals(&self) -> Totals {
        let t = self
            .playback_at
            .or_else(|| self.playback().span().map(|(_, end)| end))
            .unwrap_or(i64::MAX);
        self.playback().totals_at(&self.case, t)
    }

    /// Hides, in the emphasis, what is not there yet at the moment shown.
    pub(super) fn apply_playback(&mut self) {
        let Some(t) = self.playback_at else {
            return;
        };
        let stale = self.appearance.as_ref().is_none_or(|a| {
            a.nodes.len() != self.scene.nodes.len() || a.edges.len() != self.scene.edges.len()
        });
        if stale {
            self.appearance = Some(Appearance::of(&self.case, &self.scene));
        }
        if let Some(appearance) = &self.appearance {
            let (nodes, edges) = appearance.hidden_at(t);
            self.emphasis.hide(&nodes, &edges);
        }
    }
}

#[cfg(test)]
mod tests {
    use hopscope_core::emphasis::Tone;

    use crate::stage::Stage;

    #[test]
    fn playback_hides_what_has_not_happened_yet_and_off_shows_everything() {
        let mut stage =
            crate::stage::tests::settled_stage(crate::bundled_case("textbook-ten").unwrap().1);
        let (start, end) = stage.playback().span().unwrap();
        stage.set_playback_at(Some(start - 1));
        let hidden = |s: &Stage| {
            (0..s.scene.nodes.len())
                .filter(|&i| s.emphasis.node(i) == Tone::Hidden)
                .count()
        };
        assert_eq!(hidden(&stage), stage.scene.nodes.len() - 1, "only the seed");
        stage.set_playback_at(Some(end));
        assert_eq!(hidden(&stage), 0);
        stage.set_playback_at(Some(start));
        assert!(hidden(&stage) > 0);
        // Hovering keeps what playback hides hidden.
        let (_, at) = stage.nodes_on_screen()[0];
        stage.hover(Some(at));
        assert!(hidden(&stage) > 0);
        let totals = stage.playback_totals();
        assert_eq!(totals.left_seeds["ETH"].to_string(), "100");
        stage.set_playback_at(None);
        assert_eq!(hidden(&stage), 0);
    }
}
