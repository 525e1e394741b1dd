//! The investigation saved beside a case's data in a case file (the `investigation` field of
//! format v1, which older readers skip), as plain data keyed by address: what is visible and
//! why, hidden addresses, filters, groups (with who made them), notes, verdicts on inferred
//! links (each link named by its two transfers: tx hash, sender and recipient), the link
//! threshold and the entity option, positions and pins, the layout mode, the trace settings
//! and the highlighted path. Turning it into a view and back is `case_file`'s work (a layer
//! above the view); here it is only what the file holds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::choices::{Flowing, Method, Pools};
use crate::layout::Mode;

/// Saved coordinates beyond this are refused: a layout never goes near it, and sums of such
/// numbers would overflow.
pub const MAX_COORDINATE: f32 = 1.0e7;

/// The saved investigation, as it stands in the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Investigation {
    #[serde(default)]
    pub visible: Vec<Shown>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
    #[serde(default)]
    pub filter: SavedFilter,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<SavedGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<SavedNote>,
    /// Text boxes, arrows and frames drawn on the picture. Read one by one: an entry that is
    /// not one is kept as `unreadable` (restoring skips it with a warning), and the rest of the
    /// investigation still opens.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "loose_annotations"
    )]
    pub annotations: Vec<SavedAnnotation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Placed>,
    #[serde(default)]
    pub layout_mode: Mode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<SavedTrace>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<SavedLink>,
    /// Suggested links below this confidence (percent) are hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_threshold: Option<u8>,
    /// Co-spending Bitcoin addresses drawn as one entity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub entities: bool,
    /// Members of entities the user opened (they stay apart).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opened_entities: Vec<String>,
    /// Addresses searched for (drawn even where the filter leaves them no flow).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub found: Vec<String>,
    /// The highlighted path, its addresses in order. Read loosely: anything but a list of
    /// addresses is no path, and the rest of the investigation still opens.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "loose_addresses"
    )]
    pub path: Vec<String>,
}

/// A list of strings, or nothing for any other JSON value.
fn loose_addresses<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(match value {
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Some(s),
                _ => None,
            })
            .collect::<Option<Vec<String>>>()
            .unwrap_or_default(),
        _ => Vec::new(),
    })
}

/// A transfer named by its transaction and endpoints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedTransfer {
    pub tx: String,
    pub from: String,
    pub to: String,
    /// Told apart from other transfers of the same tx and endpoints by asset and amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
}

/// A verdict on an inferred link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedLink {
    pub into: SavedTransfer,
    pub out: SavedTransfer,
    pub accepted: bool,
}

/// A visible address and the address whose expansion showed it (none: a seed, or shown with
/// everything when `all` is set).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub all: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedFilter {
    /// UTC seconds, from..=to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<(i64, i64)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Vec<String>>,
    /// Smallest amount per asset, as decimal strings.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub min_value: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "is_both")]
    pub direction: Flowing,
}

fn is_both(d: &Flowing) -> bool {
    *d == Flowing::Both
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedGroup {
    pub name: String,
    pub members: Vec<String>,
    /// `manual` (absent), `common-spend` or `peel-chain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A note on an address (`address`) or on the flow `from` → `to`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedNote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

/// An annotation on the picture: a text box beside an address (`text`, one address, `dx`,
/// `dy` its offset in layout units), an arrow (`arrow`, from the first address to the second)
/// or a frame (`frame`, around the addresses).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedAnnotation {
    pub kind: String,
    pub addresses: Vec<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dx: f64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dy: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// The kind an annotation entry that could not be read is given, with why.
pub const UNREADABLE_ANNOTATION: &str = "unreadable";

/// A list of annotations read entry by entry (anything but a list: none).
fn loose_annotations<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<SavedAnnotation>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    let serde_json::Value::Array(items) = value else {
        return Ok(Vec::new());
    };
    Ok(items
        .into_iter()
        .map(|item| {
            serde_json::from_value::<SavedAnnotation>(item).unwrap_or_else(|e| SavedAnnotation {
                kind: UNREADABLE_ANNOTATION.to_owned(),
                text: e.to_string(),
                ..SavedAnnotation::default()
            })
        })
        .collect())
}

/// Where an address was drawn, and whether the user pinned it there.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Placed {
    pub address: String,
    pub x: f32,
    pub y: f32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedTrace {
    pub method: Method,
    pub asset: String,
    #[serde(default)]
    pub pools: Pools,
    /// Whether value is followed across swaps and other conversions (the default), or the
    /// trace keeps to one asset.
    #[serde(default = "yes")]
    pub conversions: bool,
}

fn yes() -> bool {
    true
}
