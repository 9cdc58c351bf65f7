//! dondoc: follow up the directives of a briefing, unit by unit.
//!
//! Layers, from pure to I/O: [`model`] (data and timeliness), [`fold`] (search folding),
//! [`query`] (filters and sorting), [`store`] (read, edit in memory, write atomically);
//! [`cli`] and [`tui`] on top.

pub mod author;
pub mod cli;
pub mod config;
pub mod dates;
pub mod fold;
pub mod git;
pub mod i18n;
pub mod model;
pub mod query;
pub mod report;
pub mod store;
pub mod term_text;
pub mod tui;
pub mod watch;
