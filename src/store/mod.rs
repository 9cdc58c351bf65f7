//! Reading and writing workspace files. `load` and `text` read; `edit` changes a parsed
//! document in memory (pure); `write` is the one place that writes files.

pub mod edit;
pub mod files;
pub mod load;
pub mod text;
pub mod write;

pub use files::is_directive_file;
pub use load::{load, LoadError, CONFIG_FILE};
