//! The model of an investigation: addresses (nodes), transfers between them, and the case that
//! holds both with its title, notes and seeds. Knows nothing of files or of drawing.

mod amount;
mod case;
mod category;
mod graph;
mod ids;
mod tokens;

pub use amount::{Amount, AmountError};
pub use case::{Case, LabelReport, MergeReport, EDITED_LABEL_SOURCE};
pub use category::Category;
pub use graph::{Flow, Graph, Node, Transfer};
pub use ids::{Address, Asset, Chain, NodeId, TransferId, TxHash};
pub use tokens::token_asset;
