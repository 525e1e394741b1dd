//! The legend at the foot of an exported picture: a swatch for each category and each mark
//! drawn (seed, traced share, path, note, pool, entity, chain), then lines of text — what edge
//! widths stand for (the widest flow of each asset, exact, with its unit), the trace, the
//! path, the notes by number, the time the data runs to and the case's source note. Rows wrap
//! and lines are cut to the page's width by the conservative text estimate, so nothing runs
//! past the right edge; the legend is laid out first and the graph gets the room left.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::marks::Marks;
use super::svg::{escape_line, r, Colours, MARGIN};
use super::text::{exact_amount, fit, text_width, unit, wrap};
use crate::figures::format_utc;
use crate::model::{Amount, Asset, Category};
use crate::style::{category_colour, Scene};
use crate::trace::{Method, Pools};
use crate::Case;

const FONT: f32 = 11.0;
const ROW: f32 = 18.0;
const LINE: f32 = 16.0;
const PADDING: f32 = 12.0;
/// Notes listed by number at most; the rest are in the tooltips.
const MAX_NOTES: usize = 8;

/// A swatch and its words.
enum Swatch {
    Disc(&'static str),
    Ring(String, bool),
    Path,
    DashedRim(&'static str),
    DoubleRim,
    Traced,
}

struct Item {
    swatch: Swatch,
    text: String,
}

/// A note on the picture, by number: where it is and its words.
pub(super) struct NumberedNote {
    pub name: String,
    pub text: String,
}

/// The legend laid out for a page `width` wide.
pub(super) struct Legend {
    rows: Vec<Vec<(f32, Item)>>,
    lines: Vec<String>,
}

impl Legend {
    pub fn new(
        case: &Case,
        scene: &Scene,
        marks: &Marks,
        notes: &[NumberedNote],
        width: f32,
        max_height: f32,
    ) -> Legend {
        let room = width - 2.0 * MARGIN;
        let rows = rows(items(case, scene, marks), room);
        let mut lines: Vec<String> = Vec::new();
        let mut push = |text: &str| lines.extend(wrap(text, FONT, room));
        push(&widths_line(case, scene));
        if let Some(t) = &marks.trace {
            push(&trace_line(t.method, &t.asset, t.pools, t.largest));
        }
        if marks.path_hops > 0 {
            push(&format!(
                "Orange: the highlighted path, {} hop{}{}.",
                marks.path_hops,
                if marks.path_hops == 1 { "" } else { "s" },
                path_ends(scene, marks, case)
            ));
        }
        let mut note_lines: Vec<String> = notes
            .iter()
            .take(MAX_NOTES)
            .enumerate()
            .map(|(k, n)| {
                fit(
                    &format!("[{}] {}: {}", k + 1, n.name, n.text),
                    FONT,
                    false,
                    room,
                )
            })
            .collect();
        if notes.len() > MAX_NOTES {
            note_lines.push(format!(
                "… and {} more notes, in the tooltips.",
                notes.len() - MAX_NOTES
            ));
        }
        let mut closing = wrap(&closing_line(case), FONT, room);
        // What does not fit in the room given goes: notes first, then the closing line, the
        // explanations and the swatches.
        let mut rows = rows;
        let too_tall = |rows: usize, n_lines: usize| {
            PADDING + rows as f32 * ROW + n_lines as f32 * LINE > max_height
        };
        let mut notes_cut = false;
        while too_tall(rows.len(), lines.len() + note_lines.len() + closing.len()) {
            if note_lines.pop().is_some() {
                notes_cut = true;
            } else if closing.pop().is_none() && lines.pop().is_none() && rows.pop().is_none() {
                break;
            }
        }
        if notes_cut {
            if let Some(last) = note_lines.last_mut() {
                *last = "… more notes, in the tooltips.".to_owned();
            }
        }
        lines.extend(note_lines);
        lines.extend(closing);
        Legend { rows, lines }
    }

    /// Height the legend takes at the foot of the page.
    pub fn height(&self) -> f32 {
        PADDING + self.rows.len() as f32 * ROW + self.lines.len() as f32 * LINE
    }

    /// The legend as SVG, its top at `top`.
    pub fn write(&self, s: &mut String, top: f32, c: &Colours) {
        let _ = writeln!(s, "<g class=\"legend\" font-size=\"11\" fill=\"{}\">", c.fg);
        let mut base = top + PADDING + 4.0;
        for row in &self.rows {
            for (x, item) in row {
                swatch(s, &item.swatch, *x, base - 4.0, c);
                let _ = writeln!(
                    s,
                    "<text x=\"{}\" y=\"{}\">{}</text>",
                    r(x + 14.0),
                    r(base),
                    escape_line(&item.text)
                );
            }
            base += ROW;
        }
        for line in &self.lines {
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>",
                r(MARGIN),
                r(base),
                c.muted,
                escape_line(line)
            );
            base += LINE;
        }
        let _ = writeln!(s, "</g>");
    }
}

/// The swatches: categories shown, then each kind of mark drawn.
fn items(case: &Case, scene: &Scene, marks: &Marks) -> Vec<Item> {
    let mut categories: Vec<Category> = scene.nodes.iter().map(|n| n.category).collect();
    categories.sort();
    categories.dedup();
    let mut items: Vec<Item> = categories
        .into_iter()
        .map(|c| Item {
            swatch: Swatch::Disc(category_colour(c)),
            text: c.title().to_owned(),
        })
        .collect();
    let mut add = |swatch, text: String| items.push(Item { swatch, text });
    if scene.nodes.iter().any(|n| n.is_seed) {
        add(Swatch::Ring(String::new(), false), "Seed".to_owned());
    }
    if let Some(t) = marks.trace.as_ref().filter(|t| t.largest > 0.0) {
        add(Swatch::Traced, format!("Traced {}", unit(&t.asset)));
    }
    if marks.path_hops > 0 {
        add(Swatch::Path, "Path".to_owned());
    }
    let noted = marks
        .node_notes
        .iter()
        .chain(&marks.edge_notes)
        .flatten()
        .count();
    if noted > 0 {
        add(Swatch::Ring(String::new(), true), "Note [n]".to_owned());
    }
    if scene.nodes.iter().any(|n| n.pool) {
        add(Swatch::DashedRim("#cc79a7"), "Mixer pool".to_owned());
    }
    if scene.nodes.iter().any(|n| n.group.is_some()) {
        add(Swatch::DoubleRim, "Group of addresses".to_owned());
    }
    let mut chains: BTreeMap<String, &'static str> = BTreeMap::new();
    for n in &scene.nodes {
        if let (Some(colour), Some(node)) = (n.chain_colour, case.graph.node(n.id)) {
            chains.insert(node.chain.as_str().to_owned(), colour);
        }
    }
    for (chain, colour) in chains {
        add(
            Swatch::Ring(colour.to_owned(), false),
            format!("Chain: {chain}"),
        );
    }
    items
}

/// Items placed left to right, wrapping to a new row at the page's edge.
fn rows(items: Vec<Item>, room: f32) -> Vec<Vec<(f32, Item)>> {
    let mut rows: Vec<Vec<(f32, Item)>> = Vec::new();
    let mut x = MARGIN;
    for mut item in items {
        item.text = fit(&item.text, FONT, false, room - 14.0);
        let w = 14.0 + text_width(&item.text, FONT, false) + 12.0;
        if rows.is_empty() || (x + w - 12.0 > MARGIN + room && x > MARGIN) {
            rows.push(Vec::new());
            x = MARGIN;
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, item));
        }
        x += w;
    }
    rows
}

fn swatch(s: &mut String, swatch: &Swatch, x: f32, y: f32, c: &Colours) {
    let (cx, cy) = (r(x + 5.0), r(y));
    let _ = match swatch {
        Swatch::Disc(colour) => writeln!(
            s,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"5\" fill=\"{colour}\"/>"
        ),
        Swatch::Ring(colour, note) => {
            let colour = if colour.is_empty() {
                if *note {
                    c.muted
                } else {
                    c.seed
                }
            } else {
                colour
            };
            writeln!(
                s,
                "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"4.5\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>"
            )
        }
        Swatch::Path => writeln!(
            s,
            "<line x1=\"{}\" y1=\"{cy}\" x2=\"{}\" y2=\"{cy}\" stroke=\"{}\" stroke-width=\"4\"/>",
            r(x),
            r(x + 10.0),
            c.path
        ),
        Swatch::DashedRim(colour) => writeln!(
            s,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"4.5\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"2 2\"/>"
        ),
        Swatch::DoubleRim => writeln!(
            s,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"5\" fill=\"none\" stroke=\"{fg}\" stroke-width=\"1\"/><circle cx=\"{cx}\" cy=\"{cy}\" r=\"3\" fill=\"none\" stroke=\"{fg}\" stroke-width=\"1\"/>",
            fg = c.fg
        ),
        Swatch::Traced => writeln!(
            s,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"5\" fill=\"#999999\"/><circle cx=\"{cx}\" cy=\"{cy}\" r=\"3.5\" fill=\"{}\"/>",
            c.traced
        ),
    };
}

/// What edge widths stand for: the widest flow of each asset in the case, exact (at most three
/// assets named); and the dashed inferred links when drawn.
fn widths_line(case: &Case, scene: &Scene) -> String {
    let mut widest: BTreeMap<Asset, (Amount, bool)> = BTreeMap::new();
    for (_, _, flow) in case.graph.flows() {
        let sums = case.graph.sums(flow);
        for (asset, &total) in &sums.totals {
            let entry = widest
                .entry(asset.clone())
                .or_insert((total, sums.saturated));
            if total > entry.0 {
                *entry = (total, sums.saturated);
            }
        }
    }
    let mut named: Vec<String> = widest
        .iter()
        .take(3)
        .map(|(asset, &(v, saturated))| {
            format!(
                "{}{}",
                if saturated { "at least " } else { "" },
                exact_amount(v, asset)
            )
        })
        .collect();
    if widest.len() > 3 {
        named.push(format!("{} more assets", widest.len() - 3));
    }
    let mut line =
        "Edge width: value of the flow, relative to the largest flow of its asset in the case"
            .to_owned();
    if !named.is_empty() {
        let _ = write!(line, " (widest: {})", named.join(", "));
    }
    line.push('.');
    if scene.links.iter().any(|l| l.label.is_none()) {
        line.push_str(
            " Dashed: inferred link (demixing candidate or cross-chain hop) with its confidence; ✓ accepted.",
        );
    }
    if scene.links.iter().any(|l| l.label.is_some()) {
        line.push_str(
            " Dashed teal: conversion (a swap, wrap or cross-chain swap), labelled with what went in and what came out.",
        );
    }
    line
}

fn trace_line(method: Method, asset: &Asset, pools: Pools, largest: f64) -> String {
    let method = match method {
        Method::Haircut => "haircut (proportional)",
        Method::Fifo => "FIFO (first in, first out)",
    };
    let pools = match pools {
        Pools::Absorb => {
            "mixer pools and bridges keep what reaches them except along accepted links"
        }
        Pools::Ordinary => "mixer pools and bridges followed as ordinary addresses",
    };
    let unit = unit(asset);
    if largest > 0.0 {
        format!(
            "Red disc: stolen {unit} traced from the seeds by {method}; {pools}. Its area is the share of the most any drawn address received ({}); each address's figure is in its tooltip.",
            approximate(largest, &unit)
        )
    } else {
        format!(
            "Traced {unit} from the seeds by {method}; {pools}. None of it reached the addresses drawn."
        )
    }
}

/// "from A to B" for the path's ends, when both are drawn.
fn path_ends(scene: &Scene, marks: &Marks, case: &Case) -> String {
    let name = |i: usize| super::page::node_name(case, scene, i);
    match (marks.path_from, marks.path_to) {
        (Some(a), Some(b)) => format!(" from {} to {}", name(a), name(b)),
        _ => String::new(),
    }
}

/// A figure summed in floating point for drawing (a traced disc's scale), marked as rounded:
/// `≈ 1,234.5678 ETH`. Safe to show because it says it is rounded; the exact amount of each
/// address is in the app's trace panel and the case's trace.
pub(super) fn approximate(v: f64, unit: &str) -> String {
    let text = crate::figures::format_amount(v);
    if v > 0.0 && text == "0" {
        format!("<\u{a0}0.0001 {unit}")
    } else {
        // A no-break space: the sign stays with its number when the line wraps.
        format!("≈\u{a0}{text} {unit}")
    }
}

/// The time the data runs to and the first line of the case's source note.
fn closing_line(case: &Case) -> String {
    let last = case
        .graph
        .transfers()
        .iter()
        .filter_map(|t| t.timestamp)
        .max();
    let note = case
        .notes
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let mut note: String = note.chars().take(110).collect();
    if note.chars().count() == 110 {
        note.push('…');
    }
    format!(
        "{}{}",
        last.map(|t| format!("Data up to {}. ", format_utc(t)))
            .unwrap_or_default(),
        note
    )
}
