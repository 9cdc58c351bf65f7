//! Languages. Every user-visible string has a Vietnamese and an English form; each part of
//! the program keeps its own table in a submodule here.

pub mod cli;
pub mod report;
pub mod tui;

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Vi,
}

impl Lang {
    /// `--lang`, else the config file's `lang`, else `LC_ALL`/`LC_MESSAGES`/`LANG` starting
    /// with `vi`, else English.
    pub fn choose(flag: Option<Lang>, config: Option<Lang>) -> Lang {
        flag.or(config)
            .unwrap_or_else(|| Self::from_env(|k| std::env::var(k).ok()))
    }

    /// The locale variables in POSIX precedence: the first one set and non-empty decides.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| var(k))
            .find(|v| !v.is_empty());
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("vi") => Lang::Vi,
            _ => Lang::En,
        }
    }

    /// Picks the string for this language.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_decides_when_nothing_else_does() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env(env(&[("LANG", "vi_VN.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::from_env(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "vi_VN")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", ""), ("LANG", "vi")])),
            Lang::Vi
        );
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        assert_eq!(Lang::choose(Some(Lang::Vi), Some(Lang::En)), Lang::Vi);
    }
}
