//! Which open case a value belongs to. Every newly opened case gets a fresh `CaseTag` (a case
//! that grows by added files keeps its own, since its ids stay valid). Panels that keep node
//! ids or links between frames (path lists, search hits, a held-back hub) keep them as
//! `Tagged` values, and the stage gives them back only to the case they came from: an id of
//! one case can never be used in another, where it would name an unrelated address or none.

use std::sync::atomic::{AtomicU64, Ordering};

use super::Stage;

/// The identity of an opened case; unique for the life of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CaseTag(u64);

impl CaseTag {
    /// A tag no case had before.
    pub(super) fn fresh() -> CaseTag {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        CaseTag(NEXT.fetch_add(1, Ordering::Relaxed))
    }

    /// No case: what a panel holds before any case opened.
    pub const NONE: CaseTag = CaseTag(0);
}

/// A value that means something only in the case it was made for.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagged<T> {
    tag: CaseTag,
    value: T,
}

impl<T> Tagged<T> {
    /// A value of no case: never given back by any stage.
    pub fn orphan(value: T) -> Tagged<T> {
        Tagged {
            tag: CaseTag::NONE,
            value,
        }
    }

    /// The value, when `stage` holds the case it was made for.
    pub fn within(&self, stage: &Stage) -> Option<&T> {
        (self.tag == stage.tag()).then_some(&self.value)
    }

    /// The case the value belongs to.
    pub fn tag(&self) -> CaseTag {
        self.tag
    }

    /// The value, for display only (naming it needs no case).
    pub fn peek(&self) -> &T {
        &self.value
    }
}

impl Stage {
    /// The open case's identity.
    pub fn tag(&self) -> CaseTag {
        self.tag
    }

    /// `value` marked as belonging to this stage's case.
    pub fn tagged<T>(&self, value: T) -> Tagged<T> {
        Tagged {
            tag: self.tag,
            value,
        }
    }
}

#[cfg(test)]
mod tests {
    use hopscope_core::paths::shortest_path;
    use hopscope_core::NodeId;

    use super::Tagged;
    use crate::stage::tests::settled_stage;

    /// The longest shortest path from the first seed in a stage's case (as the paths panel
    /// would find it).
    fn a_path(stage: &crate::stage::Stage) -> Vec<NodeId> {
        let from = stage.case.seeds[0];
        stage
            .case
            .graph
            .node_ids()
            .filter_map(|to| shortest_path(&stage.case, &stage.view.filter, from, to))
            .max_by_key(Vec::len)
            .expect("the demo case has paths")
    }

    #[test]
    fn a_path_found_in_one_case_is_refused_by_another_and_nothing_changes() {
        let small = settled_stage(crate::bundled_case("textbook-ten").expect("bundled").1);
        let mut big = settled_stage(crate::DEMO_CASE);
        let path = small.tagged(a_path(&small));
        assert!(path.peek().len() >= 3);
        let (view, emphasis) = (big.view.clone(), big.emphasis.clone());
        assert!(!big.highlight_path(&path), "another case's path");
        assert_eq!(big.view, view, "nothing was shown");
        assert_eq!(big.emphasis, emphasis, "nothing was lit");
        assert!(big.highlighted.is_empty());
        // The same path in its own case is drawn.
        let mut small = small;
        assert!(small.highlight_path(&path));
        assert_eq!(small.highlighted, *path.peek());
    }

    #[test]
    fn a_tag_is_new_for_each_opened_case_and_kept_when_files_join_it() {
        let a = settled_stage(crate::DEMO_CASE);
        let b = settled_stage(crate::DEMO_CASE);
        assert_ne!(a.tag(), b.tag(), "the same file opened twice is two cases");
        let tag = a.tag();
        let case = a.case.clone();
        let grown = crate::stage::Stage::grown(a, case, hopscope_core::Format::CaseV1);
        assert_eq!(grown.tag(), tag);
        assert!(Tagged::orphan(1).within(&grown).is_none());
    }

    #[test]
    fn ids_the_case_lacks_never_reach_the_scene() {
        let mut stage = settled_stage(crate::bundled_case("textbook-ten").expect("bundled").1);
        // An id past the end of this case: the last address of the bigger demo case.
        let demo = hopscope_core::parse_case(crate::DEMO_CASE)
            .expect("parses")
            .value;
        let foreign = demo.graph.node_ids().last().expect("addresses");
        assert!(foreign.index() >= stage.case.graph.node_bound());
        let known = stage.case.seeds[0];
        // Even with this case's tag, a path naming an address the case lacks is refused.
        assert!(!stage.highlight_path(&stage.tagged(vec![known, foreign])));
        // A view change that names one keeps only this case's ids (no panic in the scene).
        let n = stage.scene.nodes.len();
        stage.change_view(|v, _| {
            v.show(foreign, hopscope_core::view::Origin::ExpandedFrom(known));
            v.mark_seed(foreign);
        });
        assert!(!stage.view.is_visible(foreign));
        assert_eq!(stage.scene.nodes.len(), n);
    }
}
