//! The column dialog: when a table's sender, recipient or amount column is not recognised,
//! the user picks which column is which (preselected where a name was recognised) and the
//! table is read with that choice.

use hopscope_core::format::edge_list::{partial_guess, ColumnMapping};
use leptos::prelude::*;

use super::ui::Ui;

/// The roles a column can play: label, required, test id.
const ROLES: [(&str, bool, &str); 6] = [
    ("Sender (from)", true, "map-from"),
    ("Recipient (to)", true, "map-to"),
    ("Amount", true, "map-amount"),
    ("Asset", false, "map-asset"),
    ("Time", false, "map-time"),
    ("Transaction", false, "map-tx"),
];

#[component]
pub fn MappingDialog() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.files.mapping.get().map(|request| {
            let guess = partial_guess(&request.headers);
            let choices: [RwSignal<Option<usize>>; 6] = std::array::from_fn(|i| RwSignal::new(guess[i]));
            let problem = RwSignal::new(None::<String>);
            let headers = request.headers.clone();
            let rows = ROLES
                .into_iter()
                .zip(choices)
                .map(|((label, required, test_id), choice)| {
                    let options = headers
                        .iter()
                        .enumerate()
                        .map(|(i, h)| {
                            view! { <option value=i.to_string() selected=move || choice.get() == Some(i)>{h.clone()}</option> }
                        })
                        .collect_view();
                    view! {
                        <label>
                            <span>{label}{required.then_some(" *")}</span>
                            <select
                                data-testid=test_id
                                on:change=move |ev| choice.set(event_target_value(&ev).parse().ok())
                            >
                                <option value="" selected=move || choice.get().is_none()>"—"</option>
                                {options}
                            </select>
                        </label>
                    }
                })
                .collect_view();
            let confirm = move |_| {
                let [from, to, amount, asset, time, tx] = choices.map(|c| c.get_untracked());
                let (Some(from), Some(to), Some(amount)) = (from, to, amount) else {
                    problem.set(Some("Choose the sender, recipient and amount columns.".into()));
                    return;
                };
                ui.apply_mapping(ColumnMapping { from, to, amount, asset, time, tx, chain: None });
            };
            view! {
                <div class="dialog-backdrop">
                    <div class="dialog" role="dialog" aria-modal="true" data-testid="column-mapping">
                        <h2>"Which column is which?"</h2>
                        <p>{format!("hopscope could not tell the columns of {} by their names.", request.name)}</p>
                        <div class="mapping-grid">{rows}</div>
                        {move || problem.get().map(|p| view! { <p class="problem">{p}</p> })}
                        <div class="dialog-buttons">
                            <button class="button secondary" on:click=move |_| ui.files.close_mapping()>"Cancel"</button>
                            <button class="button" data-testid="map-confirm" on:click=confirm>"Read the table"</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
