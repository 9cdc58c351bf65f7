//! The user's config file, `config.toml` in the platform config folder (see `config_path`).

use crate::i18n::Lang;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct UserConfig {
    /// The workspace to open when neither `--data` nor `$DONDOC_DATA` is given.
    pub data_dir: Option<PathBuf>,
    pub lang: Option<Lang>,
    /// Where the UI's `R` writes reminder letters (default: beside the workspace folder).
    pub letters_dir: Option<PathBuf>,
    pub git: UserGit,
    /// `false`: `y` does not send the id to the terminal's clipboard (OSC 52).
    pub osc52: Option<bool>,
}

/// Per-user overrides of the workspace's `[git]` settings.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct UserGit {
    pub commit: Option<bool>,
}

/// `~/.config/dondoc/config.toml` on Linux (from the `directories` crate).
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dondoc").map(|d| d.config_dir().join("config.toml"))
}

impl UserConfig {
    /// Reads the config file; a missing file is an empty config, a broken one an error that
    /// names the file, line and column.
    pub fn load(path: Option<&Path>) -> anyhow::Result<UserConfig> {
        let Some(path) = path else {
            return Ok(UserConfig::default());
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(UserConfig::default()),
            Err(e) => anyhow::bail!("cannot read {}: {e}", path.display()),
        };
        toml::from_str(&text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| crate::store::text::LineIndex::new(&text).position(s.start))
                .unwrap_or((1, 1));
            anyhow::anyhow!("{}:{line}:{col}: {}", path.display(), e.message().trim())
        })
    }

    /// `--data`, else `$DONDOC_DATA`, else `data_dir` here, else `./data`.
    pub fn data_dir(&self, flag: Option<&Path>, env: Option<PathBuf>) -> PathBuf {
        flag.map(Path::to_path_buf)
            .or(env.filter(|p| !p.as_os_str().is_empty()))
            .or_else(|| self.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("data"))
    }
}
