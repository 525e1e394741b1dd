//! Teaching mode (issue 8): the story tour over the graph (phase, title, caption, progress,
//! previous / next, a link to the step), authoring (add a step from the view, edit its title,
//! caption and phase in place, remove it; saved in the case), presentation mode (full screen,
//! large type, high contrast, no side panels), the keyboard (arrows step, Escape leaves) and
//! the start screen listing the bundled teaching cases. Text from case files is only ever
//! put into text nodes and attribute values, never parsed as markup.

use hopscope_core::model::story::Phase;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::ui::Ui;
use crate::stage::StepEdit;

/// What the tour panel shows of the step on screen.
#[derive(Clone, Debug, Default, PartialEq)]
struct Shown {
    k: usize,
    n: usize,
    title: String,
    caption: String,
    phase: Option<Phase>,
    missing: Vec<String>,
}

/// A bundled case as the start screen lists it.
struct Listed {
    name: &'static str,
    title: String,
    summary: String,
    steps: usize,
    n_addresses: usize,
    illustrative: bool,
}

fn phase_value(phase: Option<Phase>) -> &'static str {
    match phase {
        Some(Phase::Placement) => "placement",
        Some(Phase::Layering) => "layering",
        Some(Phase::Integration) => "integration",
        None => "",
    }
}

fn parse_phase(value: &str) -> Option<Phase> {
    match value {
        "placement" => Some(Phase::Placement),
        "layering" => Some(Phase::Layering),
        "integration" => Some(Phase::Integration),
        _ => None,
    }
}

/// Starts the tour at step 1, or ends it: in the toolbar, and in the embed's bar (which
/// leaves it out for a case without a story, `hide_without_story`).
#[component]
pub fn StoryStart(#[prop(optional)] hide_without_story: bool) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let n_steps = Memo::new(move |_| {
        ui.case.revision.track();
        ui.case.view_revision.track();
        ui.case.read(|s| s.n_steps()).unwrap_or(0)
    });
    view! {
        <Show when=move || { !hide_without_story || n_steps.get() > 0 }>
            <button
                data-testid="story-start"
                title="Play the case's story: a guided tour, step by step (→ next, ← back)"
                prop:disabled=move || n_steps.get() == 0
                on:click=move |_| {
                    if ui.tour.story_at.get_untracked().is_some() {
                        ui.end_story();
                    } else {
                        ui.show_step(0);
                    }
                }
            >
                {move || match (ui.tour.story_at.get(), n_steps.get()) {
                    (Some(_), _) => "■ End story".to_owned(),
                    (None, 0) => "Story".to_owned(),
                    (None, n) => format!("▶ Story ({n})"),
                }}
            </button>
        </Show>
    }
}

/// The toolbar's story controls: start the tour, add a step, presentation mode, the start
/// screen.
#[component]
pub fn StoryButtons() -> impl IntoView {
    let ui = expect_context::<Ui>();
    view! {
        <span class="story-buttons">
            <StoryStart />
            <button
                data-testid="story-add"
                title="Add a story step from what you look at: the picked addresses (else the selected one, else the highlighted path) at the timeline's moment"
                on:click=move |_| ui.add_step()
            >
                "+ Step"
            </button>
            <button
                data-testid="present-mode"
                title="Presentation mode: full screen, large type, high contrast, no side panels (Escape leaves)"
                aria-pressed=move || ui.tour.presenting.get().to_string()
                on:click=move |_| ui.toggle_present()
            >
                {move || if ui.tour.presenting.get() { "Leave presentation" } else { "Present" }}
            </button>
            <button data-testid="show-start" title="The teaching cases" on:click=move |_| ui.tour.start_open.set(true)>
                "Cases…"
            </button>
        </span>
    }
}

/// The tour panel over the graph, shown while a story step is on screen. Its parts follow
/// the step reactively (the panel is not rebuilt), so editing keeps the focus where it is.
#[component]
pub fn StoryPanel() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let editing = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        ui.case.revision.track();
        ui.case.view_revision.track();
        let k = ui.tour.story_at.get()?;
        ui.case.peek(|s| {
            let s = s?;
            let story = s.story()?;
            let step = story.steps.get(k)?;
            Some(Shown {
                k,
                n: story.steps.len(),
                title: step.title.clone(),
                caption: step.caption.clone(),
                phase: step.phase,
                missing: s.step_missing().to_vec(),
            })
        })
    });
    let field = move |f: fn(&Shown) -> String| {
        move || shown.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    // What an edit field starts with: set when the step changes, not after each edit (an edit
    // of another field must not overwrite what is being typed).
    let initial = move |f: fn(&Shown) -> String| {
        move || {
            ui.tour.story_at.track();
            shown.with_untracked(|s| s.as_ref().map(f).unwrap_or_default())
        }
    };
    let k = move || shown.with(|s| s.as_ref().map_or(0, |s| s.k));
    let n = move || shown.with(|s| s.as_ref().map_or(0, |s| s.n));
    let phase = move || shown.with(|s| s.as_ref().and_then(|s| s.phase));
    let on_text = move |title: bool| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            ui.edit_step(if title {
                StepEdit {
                    title: Some(value),
                    ..StepEdit::default()
                }
            } else {
                StepEdit {
                    caption: Some(value),
                    ..StepEdit::default()
                }
            });
        }
    };
    view! {
        <Show when=move || shown.with(Option::is_some)>
            <section class="story-panel" data-testid="story-panel" aria-live="polite">
                <div class="story-head">
                    <span class=move || format!("phase {}", phase_value(phase())) data-testid="story-phase">
                        {move || phase().map(Phase::title).unwrap_or("—")}
                    </span>
                    <span class="progress" data-testid="story-progress">{move || format!("Step {} of {}", k() + 1, n())}</span>
                    <span class="dots" aria-hidden="true">
                        {move || (0..n()).map(|i| view! {
                            <button
                                class="dot"
                                class:done=move || { i < k() }
                                class:now=move || { i == k() }
                                title=format!("Step {}", i + 1)
                                on:click=move |_| { ui.show_step(i); }
                            ></button>
                        }).collect_view()}
                    </span>
                    <button class="close" data-testid="story-close" title="End the story (Escape)" on:click=move |_| ui.end_story()>"×"</button>
                </div>
                <Show
                    when=move || editing.get() && !ui.read_only()
                    fallback=move || view! {
                        <h2 class="story-title" data-testid="story-title">{field(|s| s.title.clone())}</h2>
                        <p class="story-caption" data-testid="story-caption">{field(|s| s.caption.clone())}</p>
                    }
                >
                    <input class="story-title-edit" data-testid="story-title-edit" aria-label="Step title" prop:value=initial(|s| s.title.clone()) on:change=on_text(true) />
                    <textarea class="story-caption-edit" data-testid="story-caption-edit" aria-label="Caption" rows="4" prop:value=initial(|s| s.caption.clone()) on:change=on_text(false)></textarea>
                    <label>
                        "Phase "
                        <select data-testid="story-phase-edit" prop:value=move || phase_value(phase()) on:change=move |ev| {
                            ui.edit_step(StepEdit { phase: Some(parse_phase(&event_target_value(&ev))), ..StepEdit::default() });
                        }>
                            <option value="">"—"</option>
                            <option value="placement">"Placement"</option>
                            <option value="layering">"Layering"</option>
                            <option value="integration">"Integration"</option>
                        </select>
                    </label>
                </Show>
                {move || {
                    let missing = shown.with(|s| s.as_ref().map(|s| s.missing.clone()).unwrap_or_default());
                    (!missing.is_empty()).then(|| view! {
                        <p class="story-missing" data-testid="story-missing">
                            {format!("Not in this case, skipped: {}", missing.join(", "))}
                        </p>
                    })
                }}
                <div class="story-nav">
                    <button data-testid="story-prev" title="Previous step (←)" prop:disabled=move || { k() == 0 } on:click=move |_| { ui.step_by(true); }>"← Back"</button>
                    <button data-testid="story-next" class="primary" title="Next step (→)" prop:disabled=move || { k() + 1 >= n() } on:click=move |_| { ui.step_by(false); }>"Next →"</button>
                    <span class="spacer"></span>
                    {move || ui.step_link().map(|link| view! {
                        <a class="step-link" data-testid="story-link" href=link title="A link that opens this case at this step">"Link to this step"</a>
                    })}
                    <Show when=move || !ui.read_only()>
                        <button data-testid="story-edit" aria-pressed=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>
                            {move || if editing.get() { "Done" } else { "Edit" }}
                        </button>
                        <Show when=move || editing.get()>
                            <button data-testid="story-remove" class="secondary" title="Remove this step" on:click=move |_| ui.remove_step()>"Remove step"</button>
                        </Show>
                    </Show>
                </div>
            </section>
        </Show>
    }
}

/// The start screen: the bundled teaching cases, each opened with its story running.
#[component]
pub fn StartScreen() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let listed: Vec<Listed> = crate::BUNDLED_CASES
        .iter()
        .filter_map(|(file, text)| {
            let case = hopscope_core::parse_case(text).ok()?.value;
            let summary = case
                .notes
                .split("\n\n")
                .next()
                .unwrap_or_default()
                .chars()
                .take(260)
                .collect::<String>();
            Some(Listed {
                name: file.strip_suffix(".json").unwrap_or(file),
                illustrative: case.title.contains("illustrative")
                    || case.notes.contains("illustrative"),
                steps: case.story.as_ref().map_or(0, |s| s.steps.len()),
                n_addresses: case.graph.n_nodes(),
                title: case.title,
                summary,
            })
        })
        .collect();
    let open = move |name: &'static str, story: bool| {
        ui.tour.start_open.set(false);
        if ui.open_bundled(name) {
            ui.messages.report.set(Vec::new());
            if story {
                ui.show_step(0);
            }
        }
    };
    let cards = listed
        .into_iter()
        .map(|c| {
            let name = c.name;
            let has_story = c.steps > 0;
            view! {
                <li class="case-card" data-testid=format!("start-case-{name}")>
                    <h3>{c.title}</h3>
                    <p class="meta">
                        {format!("{} addresses", c.n_addresses)}
                        {has_story.then(|| format!(" · story of {} steps", c.steps))}
                        {c.illustrative.then(|| view! { <span class="badge">"illustrative"</span> })}
                    </p>
                    <p class="summary">{c.summary}</p>
                    <div class="row">
                        <Show when=move || has_story>
                            <button class="primary" data-testid=format!("start-story-{name}") on:click=move |_| open(name, true)>"▶ Play the story"</button>
                        </Show>
                        <button data-testid=format!("start-open-{name}") on:click=move |_| open(name, false)>"Explore"</button>
                    </div>
                </li>
            }
        })
        .collect_view();
    let close = move || ui.tour.start_open.set(false);
    // Leaving full screen with the browser's own key ends presentation mode too.
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("fullscreenchange"),
        move |_| {
            let full = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.fullscreen_element().is_some());
            if !full && ui.tour.presenting.get_untracked() {
                ui.tour.presenting.set(false);
                ui.refit_step_later();
            }
        },
    );
    view! {
        <div class="start-screen" data-testid="start-screen" role="dialog" aria-modal="true" aria-label="Teaching cases"
            style:display=move || if ui.tour.start_open.get() { "" } else { "none" }
            on:click=move |ev| {
                // A click on the backdrop closes it.
                let backdrop = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| el.class_list().contains("start-screen"));
                if backdrop { close(); }
            }
        >
            <div class="start-card">
                <h2>"hopscope — follow stolen crypto, hop by hop"</h2>
                <p>
                    "Pick a teaching case: its story plays the laundering flow step by step (placement, layering, integration), in time order. "
                    "Or open your own transaction export with "<b>"Open…"</b>" — it never leaves this browser."
                </p>
                <ul class="cases">{cards}</ul>
                <div class="row">
                    <button data-testid="start-close" on:click=move |_| close()>"Close — explore the demo case"</button>
                </div>
            </div>
        </div>
    }
}
