//! The model of an investigation, as data: addresses (nodes), transfers between them, and the
//! case that holds both with its title, notes and seeds, the investigation saved with it and its
//! story; the label book; the investigator's saved choices. Knows nothing of files, of the
//! analysis or of drawing: every other part of the core is built on it.

pub mod address_form;
mod amount;
mod case;
mod category;
pub mod choices;
pub mod coins;
pub mod facts;
mod graph;
mod ids;
pub mod investigation;
pub mod labels;
pub mod memo;
mod packed;
pub mod sources;
pub mod story;
mod tokens;
mod tx_hash;

pub use amount::{Amount, AmountError, MAX_SCALE, SHARE_SCALE};
pub use case::{Case, LabelReport, MergeReport, EDITED_LABEL_SOURCE};
pub use category::Category;
pub use choices::{Flowing, Method, Pools};
pub use facts::{Facts, TxCursor};
pub use graph::{Flow, FlowSums, Graph, Node, Totals, Transfer};
pub use ids::{hex, Address, Asset, Chain, LinkKey, NodeId, TransferId};
pub use investigation::Investigation;
pub use labels::{shown, Book, LabelBook, LabelEntry, ShownLabel};
pub use packed::Packed;
pub use sources::Source;
pub use story::Story;
pub use tokens::token_asset;
pub use tx_hash::{TxHash, TxText};
