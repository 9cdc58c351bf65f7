//! dondoc: follow up the directives of a briefing, unit by unit.
//!
//! A pure core ([`model`], [`clock`], [`fold`], [`dates`], [`term_text`], [`query`], [`store`],
//! [`csv_out`], [`git`], [`i18n`], [`report`]) under two front ends, [`cli`] and [`tui`].
//! The layers, what each may use and where to find what: `docs/ARCHITECTURE.md`.

pub mod author;
pub mod cli;
pub mod clock;
pub mod config;
pub mod context;
pub mod csv_out;
pub mod dates;
pub mod fold;
pub mod git;
pub mod i18n;
pub mod import;
pub mod model;
pub mod owners;
pub mod query;
pub mod report;
pub mod search;
pub mod store;
pub mod term_text;
pub mod tui;
pub mod watch;

#[cfg(test)]
mod layering;
