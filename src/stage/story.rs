//! The story tour on the stage (issue 8): showing a step lights its addresses and flows (the
//! emphasis's spotlight, so every renderer draws it), sets the timeline to the end of its time
//! range, and keeps the camera on the addresses it fits while the layout moves. Authors add a
//! step from what they look at and edit or remove steps; the steps live in the case, so they
//! are saved with it.

use hopscope_core::model::story::{Phase, Step, Story, TimeRange};
use hopscope_core::view::Origin;
use hopscope_core::NodeId;

use super::Stage;

/// A story shows every address of a case up to this size (so playback can reveal them);
/// bigger cases show only what each step names.
const SHOW_ALL_UP_TO: usize = 5_000;

/// Room the camera leaves around a step's addresses (left, top, right, bottom): the layout
/// panel above, the view controls on the right, the story panel below.
/// The page measures what its panels cover and sets them (`set_story_margins`).
pub const STORY_MARGINS: [f32; 4] = [40.0, 70.0, 170.0, 230.0];

/// A step is fitted again this long after it is shown or the panels change (ms): by then the
/// page shows the step's panel at its height, which the new margins measure.
pub const REFIT_AFTER_MS: f64 = 60.0;

/// What an author may change on a step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepEdit {
    pub title: Option<String>,
    pub caption: Option<String>,
    pub phase: Option<Option<Phase>>,
}

impl Stage {
    /// The case's story, if it has steps.
    pub fn story(&self) -> Option<&Story> {
        self.case.story.as_ref().filter(|s| !s.steps.is_empty())
    }

    pub fn n_steps(&self) -> usize {
        self.story().map_or(0, |s| s.steps.len())
    }

    /// The step the tour shows, if any.
    pub fn story_step(&self) -> Option<usize> {
        self.tour.step
    }

    /// The addresses a step named that the case lacks (shown to the author).
    pub fn step_missing(&self) -> &[String] {
        &self.tour.step_missing
    }

    /// Shows step `k`: its addresses (shown if the view lacked them), its highlight, the
    /// timeline at the end of its time range (all transfers without one) and the camera on
    /// what it fits. Returns false when there is no such step.
    pub fn show_step(&mut self, k: usize) -> bool {
        let Some(step) = self.story().and_then(|s| s.steps.get(k)).cloned() else {
            return false;
        };
        let resolved = step.resolve(&self.case);
        let small = self.case.graph.n_nodes() <= SHOW_ALL_UP_TO;
        let wanted: Vec<NodeId> = resolved
            .highlight
            .iter()
            .chain(&resolved.fit)
            .copied()
            .chain(resolved.flows.iter().flat_map(|&(a, b)| [a, b]))
            .collect();
        self.change_view(|v, case| {
            if small {
                v.show_all(case);
            }
            for &id in &wanted {
                if !v.is_visible(id) {
                    v.show(id, Origin::Shown);
                }
            }
        });
        let end = self.playback().span().map(|(_, end)| end);
        let at = resolved.time.map(|r| r.to.or(end).unwrap_or(i64::MAX));
        self.tour.show(k, resolved, at);
        self.rev.view_changed();
        self.rev.playback_changed();
        self.refresh_emphasis();
        self.restyled();
        self.follow_layout = true;
        self.fit_followed();
        self.dirty = true;
        true
    }

    /// The transfers step `k` plays, as (from, to): from its own start, else the end of the
    /// step before (before the first transfer for the first step), to its moment (the case's
    /// end without one). `None`: nothing to play (no times, or the step before has no end).
    pub fn step_playback(&self, k: usize) -> Option<(i64, i64)> {
        let steps = &self.story()?.steps;
        let (start, end) = self.playback().span()?;
        let time = steps.get(k)?.time;
        let from = time.and_then(|r| r.from).or_else(|| match k {
            0 => Some(start.saturating_sub(1)),
            _ => steps[k - 1].time.and_then(|r| r.to),
        })?;
        let to = time.and_then(|r| r.to).unwrap_or(end);
        Some((from, to))
    }

    /// Ends the tour: no spotlight, every transfer shown, the camera on the whole picture.
    pub fn end_story(&mut self) {
        self.tour.end();
        self.rev.view_changed();
        self.rev.playback_changed();
        self.refresh_emphasis();
        self.restyled();
        self.fit();
    }

    /// Adds a step made from what the user looks at, after the step shown (or at the end):
    /// the picked addresses, else the selected node, else the highlighted path, with the
    /// path's flows and the timeline's moment. Returns its index.
    pub fn add_step(&mut self, title: &str) -> usize {
        let mut highlight: Vec<NodeId> = self.marked.iter().copied().collect();
        if highlight.is_empty() {
            highlight.extend(
                self.selected
                    .and_then(|i| self.scene.nodes.get(i))
                    .map(|n| n.id),
            );
        }
        if highlight.is_empty() {
            highlight = self.highlighted.clone();
        }
        let flows: Vec<(NodeId, NodeId)> =
            self.highlighted.windows(2).map(|w| (w[0], w[1])).collect();
        let time = self.tour.playback_at.map(|t| TimeRange {
            from: None,
            to: Some(t),
        });
        let step = Step::from_view(&self.case, title, &highlight, &flows, time);
        let story = self.case.story.get_or_insert_with(Story::default);
        let at = self
            .tour
            .step
            .map_or(story.steps.len(), |k| k + 1)
            .min(story.steps.len());
        story.steps.insert(at, step);
        self.rev.case_changed();
        self.show_step(at);
        at
    }

    /// Changes step `k`'s title, caption or phase. Returns whether anything changed.
    pub fn edit_step(&mut self, k: usize, edit: StepEdit) -> bool {
        let Some(step) = self.case.story.as_mut().and_then(|s| s.steps.get_mut(k)) else {
            return false;
        };
        let before = step.clone();
        if let Some(title) = edit.title {
            step.title = title;
        }
        if let Some(caption) = edit.caption {
            step.caption = caption;
        }
        if let Some(phase) = edit.phase {
            step.phase = phase;
        }
        let changed = *step != before;
        if changed {
            self.rev.case_changed();
        }
        changed
    }

    /// Removes step `k`; the tour shows the step now in its place (or ends when none is left).
    pub fn remove_step(&mut self, k: usize) -> bool {
        let Some(story) = self.case.story.as_mut().filter(|s| k < s.steps.len()) else {
            return false;
        };
        story.steps.remove(k);
        let left = story.steps.len();
        self.rev.case_changed();
        if left == 0 {
            self.case.story = None;
            self.end_story();
        } else {
            self.show_step(k.min(left - 1));
        }
        true
    }

    /// Whether an inferred link is drawn: not while a step is shown unless accepted (the
    /// candidates would bury the story's flows), and never to what playback hides.
    pub fn link_drawn(&self, link: &hopscope_core::style::LinkShape) -> bool {
        (self.tour.step.is_none() || link.accepted)
            && [link.source, link.target]
                .iter()
                .all(|&i| self.emphasis.node(i as usize) != hopscope_core::emphasis::Tone::Hidden)
    }

    /// The room the camera leaves around a step's addresses (left, top, right, bottom).
    pub fn set_story_margins(&mut self, margins: [f32; 4]) {
        self.tour.story_margins = margins;
    }

    /// Asks for the step shown to be fitted again `REFIT_AFTER_MS` after `now` (ms), between
    /// the panels as they will stand then (`refit_due`).
    pub fn refit_later(&mut self, now: f64) {
        self.tour.refit_later(now);
    }

    /// Whether the refit asked for is due at `now` (ms): true once, when its time has come;
    /// the page then measures its panels and calls `refit_step`.
    pub fn refit_due(&mut self, now: f64) -> bool {
        self.tour.refit_due(now)
    }

    /// Fits the step shown again within new margins (the panels changed size).
    pub fn refit_step(&mut self, margins: [f32; 4]) {
        self.tour.story_margins = margins;
        if self.tour.step.is_some() {
            self.follow_layout = true;
            self.fit_followed();
            self.dirty = true;
        }
    }

    /// The spotlight in scene indices: the step's nodes, and the scene edges of its flows.
    pub(super) fn spotlight_indices(&self) -> (Vec<usize>, Vec<usize>) {
        let nodes: Vec<usize> = self
            .tour
            .spotlight
            .iter()
            .filter_map(|&id| self.node_of(id))
            .collect();
        let pairs: std::collections::HashSet<(u32, u32)> = self
            .tour
            .spotlight_flows
            .iter()
            .filter_map(|&(a, b)| Some((self.node_of(a)? as u32, self.node_of(b)? as u32)))
            .collect();
        let edges = if pairs.is_empty() {
            Vec::new()
        } else {
            self.scene
                .edges
                .iter()
                .enumerate()
                .filter(|(_, e)| pairs.contains(&(e.source, e.target)))
                .map(|(k, _)| k)
                .collect()
        };
        (nodes, edges)
    }

    /// Fits the camera to what it follows: the step's addresses during a tour, else
    /// everything.
    pub(super) fn fit_followed(&mut self) {
        let p = self.positions();
        let chosen: Vec<f32> = self
            .tour
            .fit_to
            .iter()
            .filter_map(|&id| self.node_of(id))
            .filter(|&i| 2 * i + 1 < p.len())
            .flat_map(|i| [p[2 * i], p[2 * i + 1]])
            .filter(|v| v.is_finite())
            .collect();
        if chosen.is_empty() {
            let all = p.to_vec();
            let margins = self.fit_margins();
            self.camera.fit(&all, margins, super::FIT_MAX_ZOOM);
        } else {
            self.camera
                .fit(&chosen, self.tour.story_margins, super::FIT_MAX_ZOOM);
        }
    }
}

#[cfg(test)]
mod tests {
    use hopscope_core::emphasis::Tone;
    use hopscope_core::model::story::Phase;

    use super::StepEdit;
    use crate::stage::Stage;

    /// The address of scene node `i`.
    fn address_of(stage: &Stage, i: usize) -> String {
        let id = stage.scene.nodes[i].id;
        stage
            .case
            .graph
            .node(id)
            .unwrap()
            .address
            .as_str()
            .to_owned()
    }

    fn lit(stage: &Stage) -> Vec<String> {
        let mut out: Vec<String> = (0..stage.scene.nodes.len())
            .filter(|&i| stage.emphasis.node(i) == Tone::Lit)
            .map(|i| address_of(stage, i))
            .collect();
        out.sort();
        out
    }

    fn on_screen(stage: &Stage, address: &str) -> bool {
        let id = stage.case.graph.node_by_text(address).unwrap();
        let i = stage.node_of(id).unwrap();
        let p = stage.positions();
        let s = stage.camera.screen_from_world([p[2 * i], p[2 * i + 1]]);
        s[0] >= 0.0 && s[1] >= 0.0 && s[0] <= stage.camera.size[0] && s[1] <= stage.camera.size[1]
    }

    #[test]
    fn a_step_restores_its_highlight_time_and_camera_and_the_tour_ends_clean() {
        let mut stage =
            crate::stage::tests::settled_stage(crate::bundled_case("textbook-ten").unwrap().1);
        let n = stage.n_steps();
        assert!(n >= 4, "the textbook case carries a story");
        let mut seen = Vec::new();
        for k in 0..n {
            assert!(stage.show_step(k));
            for _ in 0..60 {
                stage.frame([800.0, 600.0]);
            }
            let step = stage.story().unwrap().steps[k].clone();
            let resolved = step.resolve(&stage.case);
            assert!(
                resolved.missing.is_empty(),
                "step {k} names only real addresses"
            );
            // Every highlighted address is lit (flows light their ends too).
            let shown = lit(&stage);
            for a in &step.highlight {
                assert!(shown.contains(&a.to_lowercase()), "step {k}: {a} lit");
            }
            // The timeline stands at the end of the step's range.
            let want = step
                .time
                .map(|r| r.to.unwrap_or(stage.playback().span().unwrap().1));
            assert_eq!(stage.playback_at(), want, "step {k}");
            // It plays from where the step before stood (before the first transfer for the
            // first) to its own moment.
            let (start, end) = stage.playback().span().unwrap();
            let from = match k {
                0 => start - 1,
                _ => stage.story().unwrap().steps[k - 1]
                    .time
                    .unwrap()
                    .to
                    .unwrap(),
            };
            assert_eq!(
                stage.step_playback(k),
                Some((from, want.unwrap_or(end))),
                "step {k}"
            );
            // The camera shows what the step fits.
            for id in &resolved.fit {
                let address = stage
                    .case
                    .graph
                    .node(*id)
                    .unwrap()
                    .address
                    .as_str()
                    .to_owned();
                assert!(on_screen(&stage, &address), "step {k}: {address} on screen");
            }
            seen.push((shown, stage.playback_at(), stage.camera.zoom));
        }
        // Going back restores the earlier step exactly (highlight, time, zoom).
        stage.show_step(1);
        for _ in 0..60 {
            stage.frame([800.0, 600.0]);
        }
        assert_eq!(lit(&stage), seen[1].0);
        assert_eq!(stage.playback_at(), seen[1].1);
        assert!((stage.camera.zoom - seen[1].2).abs() < 1e-3 * seen[1].2);
        assert!(!stage.show_step(n), "no step past the end");
        stage.end_story();
        assert_eq!(stage.story_step(), None);
        assert_eq!(stage.playback_at(), None);
        assert!(lit(&stage).is_empty());
    }

    #[test]
    fn a_step_is_refitted_once_its_panel_has_its_height() {
        let mut stage =
            crate::stage::tests::settled_stage(crate::bundled_case("textbook-ten").unwrap().1);
        assert!(!stage.refit_due(1e9), "none asked for");
        assert!(stage.show_step(1));
        stage.refit_later(1_000.0);
        assert!(!stage.refit_due(1_000.0 + super::REFIT_AFTER_MS - 1.0));
        assert!(stage.refit_due(1_000.0 + super::REFIT_AFTER_MS));
        assert!(!stage.refit_due(2_000.0), "once");
        // The refit keeps the step's addresses clear of a taller panel below.
        stage.refit_later(3_000.0);
        assert!(stage.refit_due(4_000.0));
        stage.refit_step([40.0, 70.0, 170.0, 400.0]);
        stage.frame([800.0, 600.0]);
        let step = stage.story().unwrap().steps[1].clone();
        let p = stage.positions().to_vec();
        for id in step.resolve(&stage.case).fit {
            let i = stage.node_of(id).unwrap();
            let s = stage.camera.screen_from_world([p[2 * i], p[2 * i + 1]]);
            assert!(s[1] <= 600.0 - 400.0 + 1.0, "above the panel: {s:?}");
        }
    }

    #[test]
    fn steps_are_added_from_the_view_edited_and_removed() {
        let mut stage =
            crate::stage::tests::settled_stage(crate::bundled_case("textbook-ten").unwrap().1);
        stage.case.story = None;
        stage.select(Some(3));
        let address = address_of(&stage, 3);
        let (start, _) = stage.playback().span().unwrap();
        stage.set_playback_at(Some(start + 1));
        assert_eq!(stage.add_step("First"), 0);
        let step = &stage.story().unwrap().steps[0];
        assert_eq!(step.highlight, vec![address]);
        assert_eq!(step.time.unwrap().to, Some(start + 1));
        assert_eq!(stage.story_step(), Some(0));
        assert!(stage.edit_step(
            0,
            StepEdit {
                caption: Some("The thief moves the funds on.".into()),
                phase: Some(Some(Phase::Layering)),
                ..StepEdit::default()
            }
        ));
        assert!(!stage.edit_step(0, StepEdit::default()));
        assert_eq!(stage.add_step("Second"), 1);
        // Saved with the case file and read back.
        let text = hopscope_core::format::write_case_v1(&stage.case_to_save());
        let back = hopscope_core::parse_case(&text).unwrap().value;
        let story = back.story.unwrap();
        assert_eq!(story.steps.len(), 2);
        assert_eq!(story.steps[0].caption, "The thief moves the funds on.");
        assert_eq!(story.steps[0].phase, Some(Phase::Layering));
        assert!(stage.remove_step(0));
        assert_eq!(stage.story().unwrap().steps[0].title, "Second");
        assert!(stage.remove_step(0));
        assert!(stage.story().is_none());
        assert_eq!(stage.story_step(), None);
    }
}
