//! The program's resolved invocation: the workspace folder, the as-of date, the language,
//! the user's config and the office's clock, as every command and the terminal UI get them.

use crate::clock::Clock;
use crate::config::UserConfig;
use crate::i18n::Lang;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::path::PathBuf;

/// What every command gets: resolved options.
#[derive(Debug, Clone)]
pub struct Context {
    pub data: PathBuf,
    /// The as-of date: `--today`, else the office clock's date.
    pub today: NaiveDate,
    pub lang: Lang,
    pub config: UserConfig,
    /// The office's clock (the workspace's `timezone`): log entries' times.
    pub clock: Clock,
}

impl Context {
    /// Now on the office's clock: the `at` of a log entry.
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.clock.now()
    }
}
