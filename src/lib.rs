//! dondoc: follow up the directives of a briefing, unit by unit.
//!
//! Layers, from pure to I/O: [`model`] (data and timeliness), [`fold`] (search folding),
//! [`query`] (filters and sorting), [`store`] (read, edit in memory, write atomically).

pub mod author;
pub mod fold;
pub mod model;
pub mod query;
pub mod store;
