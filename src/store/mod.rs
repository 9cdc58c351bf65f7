//! Reading and writing workspace files. `load` and `text` read; `edit` changes a parsed
//! document in memory (pure); `write` is the one place that writes files.

pub mod create;
pub mod edit;
pub mod load;
pub mod text;
pub mod undo;
pub mod write;

pub use load::{load, LoadError, CONFIG_FILE};
