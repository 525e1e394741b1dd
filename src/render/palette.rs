//! The canvas colours of the light and dark themes, shared by the WebGL2 and Canvas 2D
//! renderers and the label overlay, so the themes look alike whichever draws. Category and
//! chain colours come from the core's style and are the same in both themes.

use hopscope_core::export::Theme;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: &'static str,
    /// Edges: colour and opacity.
    pub edge: &'static str,
    pub edge_alpha: f32,
    /// Label text and the halo behind it.
    pub text: &'static str,
    pub halo: &'static str,
    /// Outline of a node (against the background).
    pub outline: &'static str,
    pub seed_ring: &'static str,
    pub selected_ring: &'static str,
    pub picked_ring: &'static str,
    pub path: &'static str,
    pub traced: &'static str,
    /// Opacity of what the focus dims.
    pub dim: f32,
}

const LIGHT: Palette = Palette {
    background: "#f7f7f4",
    edge: "#5a5a64",
    edge_alpha: 0.45,
    text: "#202020",
    halo: "#f7f7f4",
    outline: "#ffffff",
    seed_ring: "#1b1b1b",
    selected_ring: "#ff6a00",
    picked_ring: "#2563eb",
    path: "#ff6a00",
    traced: "#c0111f",
    dim: 0.18,
};

const DARK: Palette = Palette {
    background: "#16181d",
    edge: "#a0a4ae",
    edge_alpha: 0.4,
    text: "#e8e8e8",
    halo: "#16181d",
    outline: "#16181d",
    seed_ring: "#f2f2f2",
    selected_ring: "#ff8a33",
    picked_ring: "#60a5fa",
    path: "#ff8a33",
    traced: "#ff4d5a",
    dim: 0.2,
};

impl Palette {
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Light => LIGHT,
            Theme::Dark => DARK,
        }
    }
}

/// `#rrggbb` as red, green, blue (grey for anything else).
pub fn rgb(hex: &str) -> [u8; 3] {
    let digits = hex.trim_start_matches('#');
    match u32::from_str_radix(digits, 16) {
        Ok(v) if digits.len() == 6 => [(v >> 16) as u8, (v >> 8) as u8, v as u8],
        _ => [0x99, 0x99, 0x99],
    }
}

/// `#rrggbb` with an opacity, as CSS.
pub fn rgba_css(hex: &str, alpha: f32) -> String {
    let [r, g, b] = rgb(hex);
    format!("rgba({r}, {g}, {b}, {:.3})", alpha.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_the_themes_differ() {
        assert_eq!(rgb("#ff6a00"), [0xff, 0x6a, 0x00]);
        assert_eq!(rgb("nonsense"), [0x99, 0x99, 0x99]);
        assert_eq!(rgba_css("#000000", 2.0), "rgba(0, 0, 0, 1.000)");
        assert_ne!(Palette::of(Theme::Light), Palette::of(Theme::Dark));
    }
}
