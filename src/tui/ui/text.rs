//! Text from the files, made safe and fitted to columns by display width: the core's one rule
//! ([`crate::term_text`]), as the views use it.

pub use crate::term_text::{cell, fit, visible, width, wrap};
