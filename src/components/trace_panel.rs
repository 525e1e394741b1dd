//! The trace: from the seeds, how much of the stolen amount reached each address, by haircut
//! (proportional) or FIFO. Shown as node fill on the canvas, in the inspector, and as the
//! cash-out table: what ended at exchanges, summed per exchange. Mixer pools and bridges stop
//! the trace unless a link across them is accepted (or treated as ordinary addresses); what
//! stopped there is said, with where, and so is what DEX pools and routers swapped (not
//! followed). With Follow conversions (the default) value goes on through swaps and
//! cross-chain swaps, and the cash-out table says in which assets it arrived. The sentences
//! come from the stage (`Stage::trace_report`).

use hopscope_core::figures;
use hopscope_core::model::Asset;
use hopscope_core::trace::{Method, Pools};
use leptos::prelude::*;

use super::asset_choice::AssetChoice;
use super::open_case::CaseStore;

#[component]
pub fn TracePanel() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let method = RwSignal::new(Method::Haircut);
    let pools = RwSignal::new(Pools::Absorb);
    // Follow value across swaps and other conversions (off: one asset, strict).
    let across = RwSignal::new(true);
    let last_ms = RwSignal::new(0.0f64);
    let choice = AssetChoice::new(case);
    // A trace restored with a case (or run elsewhere) sets the controls, its asset included
    // (the chooser once fell back to the case's first asset after a reload while the summary
    // named the restored one). Only a new trace does: a pick not yet run stays.
    let synced = StoredValue::new(None::<(Method, Pools, String, bool)>);
    Effect::new(move |_| {
        case.revision.track();
        case.view_revision.track();
        let now = case.peek(|s| {
            s.and_then(|s| s.trace.as_ref())
                .map(|t| (t.method, t.pools, t.asset.as_str().to_owned(), t.across))
        });
        if now.is_none() || synced.with_value(|was| *was == now) {
            return;
        }
        synced.set_value(now.clone());
        if let Some((m, p, a, x)) = now {
            if across.get_untracked() != x {
                across.set(x);
            }
            if choice.picked_untracked() != a {
                choice.pick(a);
            }
            if method.get_untracked() != m {
                method.set(m);
            }
            if pools.get_untracked() != p {
                pools.set(p);
            }
        }
    });
    let assets = choice.assets;
    let asset_now = move || choice.current();
    let run = move || {
        let (m, a, p, x) = (
            method.get_untracked(),
            Asset::new(&asset_now()),
            pools.get_untracked(),
            across.get_untracked(),
        );
        // How long the trace and its node fill took (not the panels that update after), for
        // the benchmark (`data-trace-ms`).
        let mut ms = 0.0;
        case.act(|s| {
            let t0 = crate::platform::tick::now_ms();
            s.run_trace(m, a, p, x);
            ms = (crate::platform::tick::now_ms() - t0).max(0.0);
        });
        last_ms.set(ms);
    };
    // What the trace found, read again on every view change.
    let summary = move || {
        case.view_revision.track();
        case.revision.track();
        case.peek(|s| s.and_then(|s| Some((s.trace_report()?, s.cashout()))))
    };
    view! {
        <section class="panel-section trace" data-trace-ms=move || format!("{:.1}", last_ms.get())>
            <h3>"Trace"</h3>
            <div class="row">
                <select
                    data-testid="trace-method"
                    prop:value=move || if method.get() == Method::Fifo { "fifo" } else { "haircut" }
                    title="Haircut: every payment carries the stolen share of the balance. FIFO: payments spend the oldest receipts first."
                    on:change=move |ev| {
                        method.set(if event_target_value(&ev) == "fifo" { Method::Fifo } else { Method::Haircut });
                        if summary().is_some() {
                            run();
                        }
                    }
                >
                    <option value="haircut">"Haircut (proportional)"</option>
                    <option value="fifo">"FIFO (by time)"</option>
                </select>
                <select data-testid="trace-asset" prop:value=asset_now on:change=move |ev| choice.pick(event_target_value(&ev))>
                    {move || assets.get().into_iter().map(|a| {
                        let name = a.as_str().to_owned();
                        let this = name.clone();
                        // Selected by the option itself too: options drawn after the select's
                        // value was set would otherwise leave it blank.
                        view! { <option value=name.clone() selected=move || asset_now() == this>{name.clone()}</option> }
                    }).collect_view()}
                </select>
                <button data-testid="trace-run" on:click=move |_| run()>"Trace"</button>
            </div>
            <label class="row">
                "Mixers & bridges: "
                <select
                    data-testid="trace-pools"
                    prop:value=move || if pools.get() == Pools::Ordinary { "ordinary" } else { "absorb" }
                    title="Stop: a mixer pool or bridge keeps what reaches it, except what an accepted link (or a bridge hop) carries on. Ordinary: treat them like any address (assumes the data holds every deposit)."
                    on:change=move |ev| {
                        pools.set(if event_target_value(&ev) == "ordinary" { Pools::Ordinary } else { Pools::Absorb });
                        if summary().is_some() {
                            run();
                        }
                    }
                >
                    <option value="absorb">"stop, follow accepted links"</option>
                    <option value="ordinary">"ordinary addresses"</option>
                </select>
            </label>
            <label class="row" title="On: value goes on through swaps, wraps and cross-chain swaps in the asset that came out, worth the same in the stolen asset at the swap's own rate. Off: a strict trace of one asset that stops where it is swapped.">
                <input
                    type="checkbox"
                    data-testid="trace-conversions"
                    prop:checked=move || across.get()
                    on:change=move |ev| {
                        across.set(event_target_checked(&ev));
                        if summary().is_some() {
                            run();
                        }
                    }
                />
                " Follow conversions (swaps, cross-chain swaps)"
            </label>
            {move || {
                case.view_revision.track();
                case.revision.track();
                let none = case.peek(|s| s.is_some_and(|s| s.view.seeds(&s.case).is_empty()));
                none.then(|| view! {
                    <p class="hint" data-testid="trace-no-seeds">"This case names no seed: select where the stolen funds start and press Seed (S)."</p>
                })
            }}
            {move || summary().map(|(report, rows)| {
                let unit = report.unit.clone();
                view! {
                    <p class="trace-summary" data-testid="trace-summary" title=report.summary.exact.clone()>
                        {report.summary.text.clone()}
                    </p>
                    {report.stopped.clone().map(|l| view! {
                        <p class="hint" data-testid="trace-stopped" title=l.exact>{l.text}</p>
                    })}
                    {report.swapped.clone().map(|l| view! {
                        <p class="hint" data-testid="trace-swapped" title=l.exact>{l.text}</p>
                    })}
                    {report.converted.clone().map(|l| view! {
                        <p class="hint" data-testid="trace-converted" title=l.exact>{l.text}</p>
                    })}
                    <table class="cashout" data-testid="cashout-table">
                        <thead><tr><th title="and what arrived there, per asset">"Exchange"</th><th>{unit.clone()}</th><th>"Addresses"</th></tr></thead>
                        <tbody>
                            {if rows.is_empty() {
                                view! { <tr><td colspan="3">"No stolen value reached an exchange."</td></tr> }.into_any()
                            } else {
                                rows.into_iter().map(|r| {
                                    let first = r.first;
                                    let figure = figures::number(r.amount);
                                    let arrived: Vec<figures::Figure> = r
                                        .assets
                                        .iter()
                                        .map(|(a, v)| figures::amount(*v, a.as_str()))
                                        .collect();
                                    let arrived_text = arrived.iter().map(|f| f.text.clone()).collect::<Vec<_>>().join(", ");
                                    let arrived_exact = arrived.iter().map(|f| f.exact.clone()).collect::<Vec<_>>().join(", ");
                                    view! {
                                        <tr>
                                            <td>
                                                <button class="link" title="Show it on the canvas" on:click=move |_| {
                                                    case.act(|s| {
                                                        s.change_view(|v, case| { v.reveal_path(case, first); });
                                                        s.centre_on(first);
                                                    });
                                                }>{r.name}</button>
                                                <div class="arrived" data-testid="cashout-assets" title=arrived_exact>{arrived_text}</div>
                                            </td>
                                            <td class="amount" title=figure.exact>{figure.text}</td>
                                            <td class="amount">{r.n_addresses}</td>
                                        </tr>
                                    }
                                }).collect_view().into_any()
                            }}
                        </tbody>
                    </table>
                    <button class="link" data-testid="trace-clear" on:click=move |_| { case.act(|s| s.clear_trace()); }>"Clear trace"</button>
                }
            })}
        </section>
    }
}
