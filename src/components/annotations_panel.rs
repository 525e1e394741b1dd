//! "Annotations": text boxes, arrows and frames the investigator puts on the picture for a
//! report, anchored to addresses so they follow the layout. A text box goes beside the
//! selected address; an arrow from the one address picked (shift-click or M) to the selected
//! one; a frame around the selected and the picked addresses. Each is listed with its
//! text to edit or remove; every change is one undo step, saved with the case, drawn on the
//! canvas, in the SVG and in the report. Which annotation a selection makes is the stage's
//! rule (`Stage::annotation_shape`), what makes a valid one the core's (`Annotation::new`).

use hopscope_core::view::{Annotation, Shape};
use leptos::prelude::*;

use super::banner::Messages;
use super::open_case::CaseStore;
use crate::stage::AnnotationKind as Kind;

#[component]
pub fn AnnotationsPanel() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let messages = expect_context::<Messages>();
    let kind = RwSignal::new(Kind::Text);
    let text = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let made = case
            .read(|s| s.annotation_shape(kind.get_untracked()))
            .unwrap_or(Err("No case is open."))
            .and_then(|s| {
                Annotation::new(s, &text.get_untracked(), None)
                    .ok_or("That annotation would anchor nowhere.")
            });
        match made {
            Ok(a) => {
                case.annotate(a);
                text.set(String::new());
                messages
                    .status
                    .set("Annotation added (Undo takes it back)".to_owned());
            }
            Err(why) => messages.status.set(why.to_owned()),
        }
    };
    // The list: each annotation's kind, anchors by name, text.
    let rows = move || {
        case.view_revision.track();
        case.peek(|s| {
            let Some(s) = s else { return Vec::new() };
            s.view
                .annotations()
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let names: Vec<String> = a
                        .shape
                        .anchors()
                        .into_iter()
                        .map(|id| s.case.name(id))
                        .collect();
                    let on = match &a.shape {
                        Shape::Arrow { .. } => names.join(" → "),
                        _ => names.join(", "),
                    };
                    (i, a.shape.kind(), on, a.text.clone(), a.colour.clone())
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <details class="panel annotations-panel" data-testid="annotations-panel">
            <summary>"Annotations"</summary>
            <p class="hint">"Text boxes, arrows and frames for the picture and the report. They stay with their addresses as the layout moves."</p>
            <form class="annotate" on:submit=add>
                <select data-testid="annotation-kind" aria-label="Kind of annotation" on:change=move |ev| kind.set(match event_target_value(&ev).as_str() {
                    "arrow" => Kind::Arrow,
                    "frame" => Kind::Frame,
                    _ => Kind::Text,
                })>
                    <option value="text" selected>"Text box at the selected address"</option>
                    <option value="arrow">"Arrow from the picked to the selected address"</option>
                    <option value="frame">"Frame around the selected and picked"</option>
                </select>
                <textarea data-testid="annotation-text" rows="2" placeholder="Text" aria-label="Annotation text"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit" class="button" data-testid="annotation-add">"Add"</button>
            </form>
            <ul class="annotation-list" data-testid="annotation-list">
                <For each=rows key=|(i, kind, on, t, c)| (*i, *kind, on.clone(), t.clone(), c.clone()) let:row>
                    {
                        let (i, kind, on, t, colour) = row;
                        let edited = RwSignal::new(t.clone());
                        view! {
                            <li data-testid="annotation-item">
                                <span class="annotation-kind">{kind}</span>" "
                                <span class="annotation-on">{on}</span>
                                <input type="text" data-testid="annotation-edit" aria-label="Annotation text" prop:value=t
                                    on:input=move |ev| edited.set(event_target_value(&ev))
                                    on:change=move |_| case.edit_annotation(i, &edited.get_untracked(), colour.as_deref()) />
                                <button class="link-button" data-testid="annotation-remove" title="Remove this annotation" on:click=move |_| case.remove_annotation(i)>"Remove"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </details>
    }
}
