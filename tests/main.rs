//! Every integration test in one binary (one link instead of eight), one module per area.
//! Each works on real files in temporary folders: a copy of `data/`, fixtures, git clones.

mod common;

mod author;
mod cache;
mod cli;
mod cli_edits;
mod git;
mod import;
mod qa;
mod report;
mod search;
#[path = "store/main.rs"]
mod store;
#[path = "tui/main.rs"]
mod tui;
