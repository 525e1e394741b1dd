//! An asset chosen from the open case's assets (most transfers first), shared by the panels
//! that work on one asset at a time (minimum value, trace): the user's pick while the case has
//! it, else the case's main asset.

use hopscope_core::model::Asset;
use leptos::prelude::*;

use super::open_case::CaseStore;

#[derive(Clone, Copy)]
pub struct AssetChoice {
    /// The case's assets, most transfers first.
    pub assets: Memo<Vec<Asset>>,
    picked: RwSignal<String>,
}

impl AssetChoice {
    pub fn new(case: CaseStore) -> Self {
        AssetChoice {
            assets: Memo::new(move |_| {
                case.revision.track();
                case.peek(|s| s.map(|s| s.assets())).unwrap_or_default()
            }),
            picked: RwSignal::new(String::new()),
        }
    }

    /// The asset in effect (tracked).
    pub fn current(&self) -> String {
        let chosen = self.picked.get();
        let list = self.assets.get();
        if list.iter().any(|a| a.as_str() == chosen) {
            chosen
        } else {
            list.first()
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default()
        }
    }

    /// The user's pick, untracked (empty when none).
    pub fn picked_untracked(&self) -> String {
        self.picked.get_untracked()
    }

    pub fn pick(&self, asset: String) {
        self.picked.set(asset);
    }
}
