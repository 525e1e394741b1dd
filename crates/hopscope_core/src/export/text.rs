//! Text for the exported pictures: a conservative estimate of how wide a text is drawn (so that
//! labels and the legend are kept inside the page), cutting and wrapping by that estimate, the
//! short form of an address, and exact amounts with their unit.
//!
//! The widths are those of DejaVu Sans, the widest of the common sans-serif faces (and the one
//! Linux browsers and `rsvg-convert` fall back to for `system-ui`), rounded up per class of
//! character; other faces draw narrower, so a text never runs further than estimated.

pub use crate::model::labels::short_address;
use crate::model::{Amount, Asset};

/// How wide `text` is drawn at `font_size` pixels, at most (regular weight; `bold` adds 12 %).
pub fn text_width(text: &str, font_size: f32, bold: bool) -> f32 {
    let em: f32 = text.chars().map(char_em).sum();
    em * font_size * if bold { 1.12 } else { 1.0 }
}

/// Width of a character in ems, rounded up (DejaVu Sans).
fn char_em(c: char) -> f32 {
    match c {
        ' ' => 0.33,
        '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.42,
        'i' | 'j' | 'l' => 0.3,
        'f' | 't' | 'r' => 0.45,
        'm' => 0.98,
        'w' => 0.82,
        'M' => 0.87,
        'W' => 1.0,
        'a'..='z' => 0.64,
        'A'..='Z' => 0.8,
        '0'..='9' => 0.64,
        '(' | ')' | '[' | ']' | '{' | '}' | '-' | '/' | '\\' => 0.45,
        '%' | '@' => 1.0,
        c if c.is_ascii() => 0.84,
        // Combining marks take no room of their own.
        '\u{300}'..='\u{36f}' | '\u{200b}'..='\u{200f}' => 0.0,
        c if is_wide(c) => 1.1,
        _ => 1.0,
    }
}

/// East Asian wide and full-width characters, and emoji.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115f
        | 0x2e80..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x1f000..=0x1faff
        | 0x20000..=0x3fffd)
}

/// `text` cut to at most `max_width` pixels at `font_size`, ending in "…" when cut (nothing
/// when not even "…" fits).
pub fn fit(text: &str, font_size: f32, bold: bool, max_width: f32) -> String {
    if text_width(text, font_size, bold) <= max_width {
        return text.to_owned();
    }
    let ellipsis = text_width("…", font_size, bold);
    let mut out = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), font_size, bold);
        if width + w + ellipsis > max_width {
            break;
        }
        width += w;
        out.push(c);
    }
    if ellipsis > max_width {
        return String::new();
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

/// `text` broken into lines of at most `max_width` pixels at `font_size`, at spaces where it
/// can (a word longer than a line is cut across lines).
pub fn wrap(text: &str, font_size: f32, max_width: f32) -> Vec<String> {
    let space = text_width(" ", font_size, false);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = text_width(word, font_size, false);
        if !line.is_empty() && width + space + w <= max_width {
            line.push(' ');
            line.push_str(word);
            width += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line: cut it into pieces that fit.
        let mut piece = String::new();
        let mut piece_width = 0.0;
        for c in word.chars() {
            let cw = text_width(c.encode_utf8(&mut [0; 4]), font_size, false);
            if !piece.is_empty() && piece_width + cw > max_width {
                lines.push(std::mem::take(&mut piece));
                piece_width = 0.0;
            }
            piece.push(c);
            piece_width += cw;
        }
        line = piece;
        width = piece_width;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An asset's name as a unit: its symbol, or words saying the data did not name it (importers
/// write `?` for a table without an asset column).
pub fn unit(asset: &Asset) -> String {
    match asset.as_str().trim() {
        "" | "?" => "(asset not named in the data)".to_owned(),
        name => name.to_owned(),
    }
}

/// An exact amount with its unit, thousands grouped: `10,456.6 ETH` — every digit the data
/// has, never rounded (the core's one formatter, `figures`).
pub fn exact_amount(amount: Amount, asset: &Asset) -> String {
    crate::figures::amount(amount, &unit(asset)).exact
}

/// Whether `c` changes the direction of the text around it (U+202A–U+202E, U+2066–U+2069,
/// U+200E, U+200F, U+061C): in a label it could make an address or a date read backwards.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Text from a file as a picture or report shows it: direction controls become U+FFFD, so no
/// label can turn the text after it around.
pub fn without_bidi_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_bidi_control) {
        text.chars()
            .map(|c| if is_bidi_control(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_the_text_and_wide_characters_count_more() {
        assert_eq!(text_width("", 11.0, false), 0.0);
        assert!(text_width("WWW", 11.0, false) > text_width("iii", 11.0, false));
        assert!(text_width("交易所", 11.0, false) >= 3.0 * 11.0);
        assert!(text_width("Thief", 18.0, true) > text_width("Thief", 18.0, false));
    }

    #[test]
    fn fitting_cuts_with_an_ellipsis_and_keeps_short_text() {
        assert_eq!(fit("Thief", 11.0, false, 200.0), "Thief");
        let cut = fit("Exchange deposit (illustrative)", 11.0, false, 60.0);
        assert!(cut.ends_with('…') && cut.len() < 20, "{cut}");
        assert!(text_width(&cut, 11.0, false) <= 60.0);
        assert_eq!(fit("anything", 11.0, false, 1.0), "");
    }

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let text = "Edge width: value of the flow, relative to the largest flow of its asset";
        let lines = wrap(text, 11.0, 120.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| text_width(l, 11.0, false) <= 120.0));
        let long = "0x".to_owned() + &"ab".repeat(60);
        let cut = wrap(&long, 11.0, 100.0);
        assert_eq!(cut.concat(), long);
        assert!(cut.iter().all(|l| text_width(l, 11.0, false) <= 100.0));
    }

    #[test]
    fn short_addresses_and_exact_amounts() {
        assert_eq!(
            short_address("0xdcedd75bb72d87fe17e18b9b364b3377f20d2a34"),
            "0xdced…2a34"
        );
        assert_eq!(short_address("bc1q"), "bc1q");
        let eth = Asset::new("ETH");
        let a = |s: &str| Amount::parse(s).unwrap();
        assert_eq!(exact_amount(a("10456.6"), &eth), "10,456.6 ETH");
        assert_eq!(exact_amount(a("95.99981234"), &eth), "95.99981234 ETH");
        assert_eq!(exact_amount(a("100"), &eth), "100 ETH");
        assert_eq!(
            exact_amount(a("18644407607981136418.510471168"), &Asset::new("DAI")),
            "18,644,407,607,981,136,418.510471168 DAI"
        );
        assert_eq!(
            exact_amount(a("10456.6"), &Asset::new("?")),
            "10,456.6 (asset not named in the data)"
        );
    }
}
