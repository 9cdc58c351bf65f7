//! The program's resolved invocation: the workspace folder, the as-of date, the language and
//! the user's config, as every command and the terminal UI get them.

use crate::config::UserConfig;
use crate::i18n::Lang;
use chrono::NaiveDate;
use std::path::PathBuf;

/// What every command gets: resolved options.
#[derive(Debug, Clone)]
pub struct Context {
    pub data: PathBuf,
    pub today: NaiveDate,
    pub lang: Lang,
    pub config: UserConfig,
}
