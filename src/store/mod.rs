//! Reading and writing workspace files. `load` walks and reloads, over `parse` (the preamble
//! every file goes through), `directive_file` and `config_file` (the checks of each kind);
//! `files` says which files hold directives; `changes` which directives differ between two
//! loads; `text` reads; `edit` changes a parsed document in memory (pure), `create` makes new
//! directives, meeting files and units (pure), `undo` takes a change back or does it again
//! (pure); `write` is the one place that writes files.

mod cache;
pub mod changes;
mod compat;
mod config_file;
pub mod create;
pub mod delete;
mod directive_file;
pub mod edit;
pub mod files;
pub mod guard;
pub mod load;
mod parse;
/// The type a TOML value was found to have, for the user config's problems too.
pub(crate) use parse::kind as value_kind;
pub mod text;
pub mod undo;
pub mod write;

pub use cache::location as cache_location;
/// The version of the workspace format (docs/FORMAT.md) this build reads and writes.
pub const FORMAT_VERSION: &str = "1.1";

pub use config_file::timezone_setting;
pub use files::is_directive_file;
pub use load::{
    load, load_for_edit, load_for_edit_with_cache, load_problems, load_problems_with_cache,
    load_with_cache, load_without_logs, load_without_logs_with_cache, CacheUse, LoadError,
    Problems, CONFIG_FILE,
};
