//! The Addresses panel: every address of the open case that moved the chosen asset, with what
//! it received and sent (exact sums), its balance in the data, the stolen amount a trace of
//! that asset says reached it, and its counterparties (`hopscope_core::addresses`). A sort
//! button sorts by one of those (again: the other way) and the rows show that figure (all of
//! them in a row's tooltip); a category can be picked; the first rows are
//! listed and "Show more" lists more, so a case of 10,000 addresses stays quick. A row's click
//! reveals the address (with the path to it) and selects and centres it, as search does.

use std::collections::BTreeSet;

use hopscope_core::addresses::{self, AddressRow, SortKey};
use hopscope_core::model::{Amount, Category};
use hopscope_core::NodeId;
use leptos::prelude::*;

use super::asset_choice::AssetChoice;
use super::banner::Messages;
use super::open_case::CaseStore;

/// Rows listed at first, and added by each "Show more".
const PAGE: usize = 25;

/// An exact amount with its unit and grouped thousands: `1,250.000000000000000001 ETH` (the
/// core's formatter, every digit kept: a table of money is not rounded).
pub fn amount_text(amount: Amount, unit: &str) -> String {
    hopscope_core::figures::amount(amount, unit).exact
}

/// A row as listed: id, name, full address, category and its figures as text.
#[derive(Clone, Debug, PartialEq)]
struct Listed {
    id: NodeId,
    name: String,
    address: String,
    category: Category,
    cells: [String; 5],
}

fn listed(case: &hopscope_core::Case, r: &AddressRow, unit: &str) -> Listed {
    Listed {
        id: r.id,
        name: case.name(r.id),
        address: case
            .graph
            .node(r.id)
            .map(|n| n.address.as_str().to_owned())
            .unwrap_or_default(),
        category: r.category,
        cells: [
            r.received.text(unit),
            r.sent.text(unit),
            r.balance().text(unit),
            r.traced
                .map_or("no trace".to_owned(), |v| amount_text(v, unit)),
            r.degree.to_string(),
        ],
    }
}

#[component]
pub fn AddressesPanel() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let messages = expect_context::<Messages>();
    let choice = AssetChoice::new(case);
    let sort = RwSignal::new((SortKey::Received, true));
    let category = RwSignal::new(None::<Category>);
    let shown = RwSignal::new(PAGE);
    // Sorted rows of the chosen asset (and category), with the categories to choose from.
    let table = Memo::new(move |_| {
        case.revision.track();
        case.view_revision.track();
        let asset = hopscope_core::model::Asset::new(&choice.current());
        let (key, descending) = sort.get();
        let only = category.get().map(|c| BTreeSet::from([c]));
        case.peek(|s| {
            let s = s?;
            let trace = s.trace.as_ref().map(|t| &t.trace);
            let all = addresses::rows(&s.case, &asset, trace, None);
            let categories = addresses::categories(&all);
            let mut rows = match &only {
                Some(c) => all
                    .into_iter()
                    .filter(|r| c.contains(&r.category))
                    .collect(),
                None => all,
            };
            addresses::sort(&mut rows, key, descending);
            Some((rows, categories))
        })
        .unwrap_or_default()
    });
    let go = move |id: NodeId| {
        let found = case.act(|s| {
            let mut revealed = None;
            s.change_view(|v, case| revealed = v.reveal_path(case, id));
            s.centre_on(id);
            revealed
        });
        messages.status.set(match found.flatten() {
            Some(added) if added.is_empty() => "Selected and centred".to_owned(),
            Some(added) => format!(
                "Revealed with the path to it ({} addresses added)",
                added.len()
            ),
            None => "That address is hidden; it stays hidden".to_owned(),
        });
    };
    let head = move |key: SortKey| {
        let testid = format!("addresses-sort-{}", key.title().to_lowercase());
        view! {
                <button
                    class="link"
                    data-testid=testid
                    class:on=move || sort.get().0 == key
                    title="Sort by this column (again: the other way)"
                    on:click=move |_| {
                        let (now, descending) = sort.get_untracked();
                        sort.set((key, if now == key { !descending } else { true }));
                        shown.set(PAGE);
                    }
                >
                    {key.title()}
                    {move || {
                        let (now, descending) = sort.get();
                        (now == key).then_some(if descending { " ↓" } else { " ↑" })
                    }}
                </button>
        }
    };
    view! {
        <section class="panel-section addresses-panel" data-testid="addresses-panel">
            <h3>"Addresses"</h3>
            <div class="row">
                <select
                    data-testid="addresses-asset"
                    title="The asset the sums are in"
                    prop:value=move || choice.current()
                    on:change=move |ev| { choice.pick(event_target_value(&ev)); shown.set(PAGE); }
                >
                    {move || choice.assets.get().into_iter().map(|a| {
                        let name = a.as_str().to_owned();
                        view! { <option value=name.clone()>{name.clone()}</option> }
                    }).collect_view()}
                </select>
                <select
                    data-testid="addresses-category"
                    title="Only addresses of this category"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        category.set(Category::ALL.into_iter().find(|c| c.title() == v));
                        shown.set(PAGE);
                    }
                >
                    <option value="">"All categories"</option>
                    {move || table.get().1.into_iter().map(|(c, n)| {
                        view! { <option value=c.title()>{format!("{} ({n})", c.title())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="addresses-sort" title="Sort by (again: the other way)">
                {SortKey::ALL.into_iter().map(head).collect_view()}
            </div>
            <div class="addresses-scroll">
                <table class="addresses" data-testid="addresses-table">
                    <tbody>
                        {move || {
                            let rows = table.get().0;
                            let unit = choice.current();
                            let page: Vec<Listed> = case.peek(|s| {
                                s.map(|s| {
                                    rows.iter().take(shown.get()).map(|r| listed(&s.case, r, &unit)).collect()
                                })
                            }).unwrap_or_default();
                            let column = SortKey::ALL.iter().position(|k| *k == sort.get().0).unwrap_or(0);
                            page.into_iter().map(|r| {
                                let id = r.id;
                                // Every figure in the tooltip; the sorted one in the row.
                                let figures: Vec<String> = SortKey::ALL
                                    .iter()
                                    .zip(&r.cells)
                                    .map(|(k, c)| format!("{}: {c}", k.title()))
                                    .collect();
                                let title = format!("{}\n{}\n{}", r.address, r.category.title(), figures.join("\n"));
                                let value = r.cells[column].clone();
                                view! {
                                    <tr
                                        class="address-row"
                                        data-address=r.address.clone()
                                        title=title
                                        on:click=move |_| go(id)
                                    >
                                        <td class="name">{r.name.clone()}</td>
                                        <td class="num" data-testid="addresses-value">{value}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            {move || {
                let n = table.get().0.len();
                let now = shown.get().min(n);
                view! {
                    <p class="hint" data-testid="addresses-count">
                        {format!("{now} of {n} addresses")}
                        {(now < n).then(|| view! {
                            " "
                            <button class="link" data-testid="addresses-more" on:click=move |_| shown.update(|k| *k += PAGE)>
                                "Show more"
                            </button>
                        })}
                    </p>
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_every_digit_with_unit_and_grouping() {
        let a = |raw| Amount::parse(raw).unwrap();
        assert_eq!(amount_text(a("0"), "ETH"), "0 ETH");
        assert_eq!(amount_text(a("999"), "ETH"), "999 ETH");
        assert_eq!(amount_text(a("1250.5"), "USDT"), "1,250.5 USDT");
        assert_eq!(
            amount_text(a("1234567.000000000000000001"), "ETH"),
            "1,234,567.000000000000000001 ETH"
        );
    }
}
