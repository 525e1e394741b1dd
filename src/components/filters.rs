//! Filters: a time window brushed on a histogram of the case's transfers over time, the
//! smallest amount that counts per asset, and which assets count. A filter hides the flows it
//! excludes and steers later expansions, searches, paths; it undoes like any view change.
//! Likely spam tokens are listed apart, folded under "Likely spam (N)", and start unticked
//! (`Filter::opening`).

use std::collections::BTreeSet;

use hopscope_core::figures::format_utc;
use hopscope_core::model::{Amount, Asset};
use hopscope_core::view::{Flowing, Histogram};
use leptos::prelude::*;

use super::asset_choice::AssetChoice;
use super::open_case::CaseStore;

/// Bars of the time histogram.
const BINS: usize = 48;
/// The histogram's size in CSS pixels.
const WIDTH: f64 = 240.0;
const HEIGHT: f64 = 48.0;

#[component]
pub fn Filters() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let histogram = Memo::new(move |_| {
        case.revision.track();
        case.peek(|s| s.and_then(|s| Histogram::of(&s.case.graph, BINS)))
    });
    let filter = move || {
        case.view_revision.track();
        case.revision.track();
        case.peek(|s| s.as_ref().map(|s| s.view.filter.clone()))
            .unwrap_or_default()
    };
    // The asset the minimum value applies to.
    let choice = AssetChoice::new(case);
    let assets = choice.assets;
    let min_asset_now = move || choice.current();
    let set_filter = move |change: Box<dyn FnOnce(&mut hopscope_core::view::Filter)>| {
        case.act(|s| s.change_view(|v, _| change(&mut v.filter)));
    };
    // Likely spam tokens (`hopscope_core::spam`), grouped apart in the asset list.
    let spam = Memo::new(move |_| {
        case.revision.track();
        case.peek(|s| s.map(|s| hopscope_core::spam::likely_spam(&s.case.graph)))
            .unwrap_or_default()
    });
    // One asset's box: ticked when the filter counts it.
    let asset_box = move |a: Asset, all: Vec<Asset>| {
        let name = a.as_str().to_owned();
        let (title, data) = (name.clone(), name.clone());
        let asset = a.clone();
        let on = move || filter().assets.as_ref().is_none_or(|c| c.contains(&a));
        view! {
            <label class="asset" title=title>
                <input
                    type="checkbox"
                    data-asset=data
                    prop:checked=on
                    on:change=move |ev| {
                        let keep = event_target_checked(&ev);
                        let asset = asset.clone();
                        let all = all.clone();
                        set_filter(Box::new(move |f| {
                            let mut set: BTreeSet<Asset> = f.assets.clone().unwrap_or_else(|| all.iter().cloned().collect());
                            if keep { set.insert(asset); } else { set.remove(&asset); }
                            f.assets = (set.len() != all.len()).then_some(set);
                        }));
                    }
                />
                {name}
            </label>
        }
    };
    // Brushing: the bin where the press started and where the pointer is.
    let brush = RwSignal::new(None::<(usize, usize)>);
    let bin_at = move |x: f64| ((x / WIDTH * BINS as f64).floor().max(0.0) as usize).min(BINS - 1);
    let on_down = move |ev: web_sys::PointerEvent| {
        let k = bin_at(ev.offset_x() as f64);
        brush.set(Some((k, k)));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if let Some((a, _)) = brush.get_untracked() {
            brush.set(Some((a, bin_at(ev.offset_x() as f64))));
        }
    };
    let on_up = move |_| {
        let (Some((a, b)), Some(h)) = (brush.get_untracked(), histogram.get_untracked()) else {
            return;
        };
        brush.set(None);
        let window = h.window(a, b);
        set_filter(Box::new(move |f| f.time = Some(window)));
    };
    let bars = move || {
        let Some(h) = histogram.get() else {
            return view! { <p class="hint">"No transfer has a time."</p> }.into_any();
        };
        let max = h.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
        let bar_w = WIDTH / h.counts.len() as f64;
        let window = filter().time;
        let brushing = brush.get();
        let hist = h.clone();
        let selected = move |k: usize| match (brushing, window) {
            (Some((a, b)), _) => (a.min(b)..=a.max(b)).contains(&k),
            (None, Some((from, to))) => hist.bin_start(k + 1) > from && hist.bin_start(k) <= to,
            (None, None) => true,
        };
        let rects = h
            .counts
            .iter()
            .enumerate()
            .map(|(k, &c)| {
                let bh = (c as f64 / max * (HEIGHT - 4.0)).max(if c > 0 { 1.5 } else { 0.0 });
                view! {
                    <rect
                        x=format!("{:.1}", k as f64 * bar_w)
                        y=format!("{:.1}", HEIGHT - bh)
                        width=format!("{:.1}", (bar_w - 1.0).max(0.5))
                        height=format!("{bh:.1}")
                        class:on=selected(k)
                    ></rect>
                }
            })
            .collect_view();
        view! {
            <svg
                class="histogram"
                data-testid="filter-time"
                width=WIDTH
                height=HEIGHT
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointerleave=move |_| brush.set(None)
            >
                {rects}
            </svg>
        }
        .into_any()
    };
    view! {
        <section class="panel-section filters">
            <h3>"Filters"</h3>
            <p class="hint">"Drag across the histogram to keep only transfers in that time window."</p>
            {bars}
            <p class="filter-window" data-testid="filter-time-window">
                {move || match filter().time {
                    Some((from, to)) => format!("{} – {}", format_utc(from), format_utc(to)),
                    None => "All times".to_owned(),
                }}
                " "
                <button
                    class="link"
                    data-testid="filter-time-clear"
                    on:click=move |_| set_filter(Box::new(|f| f.time = None))
                >
                    "all times"
                </button>
            </p>
            <label class="min-value">
                "At least "
                <input
                    type="number"
                    min="0"
                    step="any"
                    data-testid="filter-min-value"
                    placeholder="any"
                    prop:value=move || {
                        let asset = Asset::new(&min_asset_now());
                        filter().min_value.get(&asset).map(|v| v.to_string()).unwrap_or_default()
                    }
                    on:change=move |ev| {
                        let raw = event_target_value(&ev);
                        let asset = Asset::new(&min_asset_now());
                        match Amount::parse(raw.trim()) {
                            Ok(v) if !v.is_zero() => set_filter(Box::new(move |f| { f.min_value.insert(asset, v); })),
                            _ => set_filter(Box::new(move |f| { f.min_value.remove(&asset); })),
                        }
                    }
                />
                <select on:change=move |ev| choice.pick(event_target_value(&ev)) prop:value=min_asset_now>
                    {move || assets.get().into_iter().map(|a| {
                        let name = a.as_str().to_owned();
                        let this = name.clone();
                        // Selected by the option too: drawn after the value was set, it
                        // would otherwise leave the chooser blank.
                        view! { <option value=name.clone() selected=move || min_asset_now() == this>{name.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="row">
                "Money "
                <select
                    data-testid="filter-direction"
                    prop:value=move || match filter().direction {
                        Flowing::Both => "both",
                        Flowing::FromSeeds => "from-seeds",
                        Flowing::ToSeeds => "to-seeds",
                    }
                    on:change=move |ev| {
                        let d = match event_target_value(&ev).as_str() {
                            "from-seeds" => Flowing::FromSeeds,
                            "to-seeds" => Flowing::ToSeeds,
                            _ => Flowing::Both,
                        };
                        set_filter(Box::new(move |f| f.direction = d));
                    }
                >
                    <option value="both">"both ways"</option>
                    <option value="from-seeds">"leaving the seeds"</option>
                    <option value="to-seeds">"reaching the seeds"</option>
                </select>
            </label>
            <div class="assets" data-testid="filter-assets">
                {move || {
                    let list = assets.get();
                    let spam = spam.get();
                    let (junk, real): (Vec<Asset>, Vec<Asset>) =
                        list.iter().cloned().partition(|a| spam.contains(a));
                    let n_junk = junk.len();
                    view! {
                        {real.into_iter().map(|a| asset_box(a, list.clone())).collect_view()}
                        {(n_junk > 0).then(|| view! {
                            <details class="spam-assets" data-testid="filter-spam">
                                <summary title="Token names that only airdrop spam uses (Etherscan's placeholder for unnamed tokens, web addresses, \u{201c}claim\u{201d}, \u{201c}visit\u{201d}…) or tokens only ever sent as zero. Unticked when a case opens.">
                                    {format!("Likely spam ({n_junk})")}
                                </summary>
                                {junk.into_iter().map(|a| asset_box(a, list.clone())).collect_view()}
                            </details>
                        })}
                    }
                }}
            </div>
        </section>
    }
}
