//! hopscope's platform-free core: the model of a case, the case file format, the force layout,
//! the scene every renderer draws, the view (what the investigator has expanded, with undo),
//! tracing the stolen amount, paths between addresses, search, inferred links through mixers and
//! bridges (demixing, bridge hops, peel chains, common-spend entities), and summary statistics. It knows nothing of the DOM, of clocks or of threads, so
//! everything here builds and tests natively with `cargo test`.

pub mod addresses;
pub mod annotate;
pub mod bridge;
pub mod camera;
pub mod case_file;
pub mod cluster;
pub mod convert;
pub mod counting;
pub mod demix;
pub mod emphasis;
pub mod export;
pub mod figures;
pub mod filter;
pub mod format;
pub mod infer;
pub mod inspect;
pub use hopscope_layout as layout;
pub mod model;
pub mod paths;
pub mod peel;
pub mod playback;
pub mod search;
pub mod spam;
pub mod spatial;
pub mod stats;
pub mod style;
pub mod trace;
pub mod view;

pub use format::{
    import, parse_case, Format, ImportOptions, Imported, ParseError, Warning, MAX_WHOLE_FILE_BYTES,
};
pub use model::{
    Address, Amount, Case, Category, Graph, Node, NodeId, Transfer, TransferId, TxHash,
};
