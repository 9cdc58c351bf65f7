//! Parsing what the user types into prompts: dates are parsed by the core, as on the command
//! line.

pub use crate::dates::{parse_as_of, parse_deadline, DateError as DeadlineError};
