//! Integration tests of the workspace store: loading, editing, writing. One test binary,
//! one module per concern; every test works on real files in a temporary folder.

mod common;

mod bad_input;
mod every_path;
mod guard;
mod layout;
mod mid_save;
mod prop;
mod roundtrip;
mod rules;
mod stale;
mod timeliness;
mod toml_suite;
mod unique;
