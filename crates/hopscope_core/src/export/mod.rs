//! Pictures of a case for reports: the scene as SVG (`svg.rs`, its legend `legend.rs`, text
//! measures `text.rs`) with the investigation drawn over it (`marks.rs`: trace, path, notes),
//! as a one-file HTML page with pan, zoom and tooltips (`html.rs`), the visible transfers as
//! CSV (`csv.rs`), and `render_case`, which turns a case file's content into that SVG the way
//! `hopscope render` does — the saved view, positions, trace (re-run) and highlighted path when
//! the file has them, else the whole case, laid out deterministically from the app's fixed seed
//! until the layout rests. `trace_report` is the trace as JSON (`hopscope trace`).

mod annotations;
mod csv;
mod html;
mod legend;
mod marks;
mod nodes;
mod page;
pub mod report;
mod svg;
pub mod text;
mod trace_report;

pub use crate::format::xml::escape;
pub use annotations::DEFAULT_COLOUR as ANNOTATION_COLOUR;
pub use csv::{transfers_csv, visible_transfers, CSV_HEADER};
pub use html::html_snapshot;
pub use marks::{trace_fill, trace_view, Marks, TraceMarks};
pub use report::{report, Report, ReportOptions};
pub use svg::{svg, SvgOptions, Theme};
pub use text::{short_address, text_width};
pub use trace_report::{trace_report, TraceRequest};

use crate::infer::Patterns;
use crate::layout::{Settings, Simulation};
use crate::style::{FlowScale, Scene};
use crate::view::View;
use crate::Case;

/// A file name stem from a case's title: letters and digits, the rest as dashes.
pub fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_lowercase();
    if stem.is_empty() {
        "case".to_owned()
    } else {
        stem
    }
}

/// The seed every layout of the app and the CLI starts from.
pub const LAYOUT_SEED: u64 = 0x6d6f_6e65_7974_7261;
/// Ticks at most before a picture is drawn as it stands.
pub const MAX_TICKS: usize = 3000;

/// The view a case file opens to, and the positions to draw it at (saved ones where the file
/// has them; the rest laid out).
pub fn laid_out(case: &Case) -> (View, Scene, Vec<f32>) {
    let restored = case
        .investigation
        .as_ref()
        .map(|i| crate::case_file::restore(i, case));
    let (view, scene) = opened_with(case, restored.as_ref().map(|r| &r.view));
    let input = scene.layout_input();
    let mut sim = Simulation::new(
        &input,
        Settings::infer(input.n_nodes, input.links.len()),
        LAYOUT_SEED,
    );
    let mut start = vec![f32::NAN; 2 * scene.nodes.len()];
    let mut all_saved = !scene.nodes.is_empty();
    for (i, node) in scene.nodes.iter().enumerate() {
        match restored.as_ref().and_then(|r| r.positions.get(&node.id)) {
            Some(([x, y], _)) => {
                start[2 * i] = *x;
                start[2 * i + 1] = *y;
            }
            None => all_saved = false,
        }
    }
    if all_saved {
        return (view, scene, start);
    }
    if restored.is_some() {
        sim.start_from(&start);
        for (i, node) in scene.nodes.iter().enumerate() {
            if start[2 * i].is_finite()
                && restored
                    .as_ref()
                    .is_some_and(|r| r.positions.contains_key(&node.id))
            {
                sim.pin(i, start[2 * i], start[2 * i + 1]);
            }
        }
    }
    sim.run(MAX_TICKS);
    let positions = sim.positions().to_vec();
    (view, scene, positions)
}

/// The view a case file opens to (its saved one, else the whole case) and its scene.
pub fn opened(case: &Case) -> (View, Scene) {
    let restored = case
        .investigation
        .as_ref()
        .map(|i| crate::case_file::restore(i, case));
    opened_with(case, restored.as_ref().map(|r| &r.view))
}

fn opened_with(case: &Case, saved: Option<&View>) -> (View, Scene) {
    let view = saved.cloned().unwrap_or_else(|| View::all(case));
    let scene = Scene::of_view_scaled(
        case,
        &view,
        &FlowScale::of(&case.graph),
        &Patterns::of(case),
    );
    (view, scene)
}

/// A case as SVG: its view laid out (see `laid_out`) and drawn, with its saved trace re-run
/// and its highlighted path (`saved_marks`).
pub fn render_case(case: &Case, options: &SvgOptions) -> String {
    let (view, scene, positions) = laid_out(case);
    let marks = saved_marks(case, &view, &scene);
    svg(case, &scene, &positions, &marks, options)
}

/// The marks a case file's investigation asks for over `view`'s `scene`: its trace settings
/// traced again (as the app does on opening it), its highlighted path and the view's notes.
pub fn saved_marks(case: &Case, view: &View, scene: &Scene) -> Marks {
    let restored = case
        .investigation
        .as_ref()
        .map(|i| crate::case_file::restore(i, case));
    let path = restored
        .as_ref()
        .map(|r| r.path.clone())
        .unwrap_or_default();
    let trace = restored
        .and_then(|r| r.trace)
        .map(|(method, asset, pools, conversions)| {
            let patterns = Patterns::of(case);
            (
                trace_view(case, view, &patterns, method, &asset, pools, conversions),
                pools,
            )
        });
    Marks::of(view, scene, trace.as_ref().map(|(t, p)| (t, *p)), &path)
}
