//! The user's config file, `config.toml` in the platform config folder (see `config_path`).

use crate::i18n::Lang;
use crate::model::ValueKind;
use crate::store::text::{self, LineIndex};
use crate::store::value_kind as kind;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserGit {
    pub commit: Option<bool>,
}

/// The keys of the file and of its `[git]` table.
pub const KEYS: &[&str] = &["data_dir", "lang", "letters_dir", "git", "osc52"];
pub const GIT_KEYS: &[&str] = &["commit"];

/// Why the config file cannot be used, as data: `i18n::cli::config_error` words it in the
/// language of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The file is there but cannot be read (no permission, a folder).
    Unreadable {
        path: PathBuf,
        kind: std::io::ErrorKind,
        /// The system's message, for the kinds i18n has no words for.
        message: String,
    },
    /// The file is read, and wrong at `line:col`.
    Invalid {
        path: PathBuf,
        line: usize,
        col: usize,
        problem: ConfigProblem,
    },
}

/// What is wrong inside the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    InvalidUtf8,
    /// The TOML parser's own message.
    Syntax(String),
    /// `key` is `git.commit` for a key of `[git]`; `allowed` the keys of that table.
    UnknownKey {
        key: String,
        allowed: &'static [&'static str],
    },
    NotAString {
        key: &'static str,
        found: ValueKind,
    },
    NotABoolean {
        key: &'static str,
        found: ValueKind,
    },
    NotATable {
        key: &'static str,
        found: ValueKind,
    },
    /// `lang` is a string but not a language dondoc speaks.
    UnknownLang(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::cli::config_problem(Lang::En, self))
    }
}

impl std::error::Error for ConfigError {}

/// `~/.config/dondoc/config.toml` on Linux (from the `directories` crate).
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dondoc").map(|d| d.config_dir().join("config.toml"))
}

impl UserConfig {
    /// Reads the config file; a missing file is an empty config, a broken one an error that
    /// names the file, line and column.
    pub fn load(path: Option<&Path>) -> Result<UserConfig, ConfigError> {
        let Some(path) = path else {
            return Ok(UserConfig::default());
        };
        let bytes = match text::read_limited(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(UserConfig::default()),
            Err(e) => {
                return Err(ConfigError::Unreadable {
                    path: path.to_path_buf(),
                    kind: e.kind(),
                    message: e.to_string(),
                })
            }
        };
        let invalid = |(line, col), problem| ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            col,
            problem,
        };
        let text =
            text::decode_utf8(&bytes).map_err(|pos| invalid(pos, ConfigProblem::InvalidUtf8))?;
        let text = text.strip_prefix(text::BOM).unwrap_or(text);
        let lines = LineIndex::new(text);
        let table = DeTable::parse(text).map_err(|e| {
            let pos = e.span().map(|s| lines.position(s.start)).unwrap_or((1, 1));
            invalid(pos, ConfigProblem::Syntax(e.message().trim().to_string()))
        })?;
        read(table.get_ref()).map_err(|(offset, problem)| invalid(lines.position(offset), problem))
    }

    /// `--data`, else `$DONDOC_DATA`, else `data_dir` here, else `./data`.
    pub fn data_dir(&self, flag: Option<&Path>, env: Option<PathBuf>) -> PathBuf {
        flag.map(Path::to_path_buf)
            .or(env.filter(|p| !p.as_os_str().is_empty()))
            .or_else(|| self.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("data"))
    }
}

type Field<'i> = Spanned<DeValue<'i>>;

/// The first problem of a parsed file, at its byte offset; else the config.
fn read(table: &DeTable) -> Result<UserConfig, (usize, ConfigProblem)> {
    let mut config = UserConfig::default();
    for (key, value) in table.iter() {
        let at = value.span().start;
        match key.get_ref().as_ref() {
            "data_dir" => config.data_dir = Some(string(value, "data_dir")?.into()),
            "letters_dir" => config.letters_dir = Some(string(value, "letters_dir")?.into()),
            "lang" => {
                let lang = string(value, "lang")?;
                config.lang = Some(match lang.as_str() {
                    "en" => Lang::En,
                    "vi" => Lang::Vi,
                    _ => return Err((at, ConfigProblem::UnknownLang(lang))),
                });
            }
            "osc52" => config.osc52 = Some(boolean(value, "osc52")?),
            "git" => {
                let DeValue::Table(git) = value.get_ref() else {
                    let found = kind(value.get_ref());
                    return Err((at, ConfigProblem::NotATable { key: "git", found }));
                };
                for (key, value) in git.iter() {
                    match key.get_ref().as_ref() {
                        "commit" => config.git.commit = Some(boolean(value, "git.commit")?),
                        other => return Err(unknown(key, format!("git.{other}"), GIT_KEYS)),
                    }
                }
            }
            other => return Err(unknown(key, other.to_string(), KEYS)),
        }
    }
    Ok(config)
}

fn unknown(
    key: &Spanned<std::borrow::Cow<str>>,
    name: String,
    allowed: &'static [&'static str],
) -> (usize, ConfigProblem) {
    let problem = ConfigProblem::UnknownKey { key: name, allowed };
    (key.span().start, problem)
}

fn string(value: &Field, key: &'static str) -> Result<String, (usize, ConfigProblem)> {
    match value.get_ref() {
        DeValue::String(s) => Ok(s.to_string()),
        other => Err((
            value.span().start,
            ConfigProblem::NotAString {
                key,
                found: kind(other),
            },
        )),
    }
}

fn boolean(value: &Field, key: &'static str) -> Result<bool, (usize, ConfigProblem)> {
    match value.get_ref() {
        DeValue::Boolean(b) => Ok(*b),
        other => Err((
            value.span().start,
            ConfigProblem::NotABoolean {
                key,
                found: kind(other),
            },
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::cli::{config_error, config_problem};

    /// Loads `text` as the config file of a temporary folder: (the folder, the result).
    fn load(text: &[u8]) -> (tempfile::TempDir, Result<UserConfig, ConfigError>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        let loaded = UserConfig::load(Some(&path));
        (dir, loaded)
    }

    /// The problem in both languages, without the folder: (English, Vietnamese).
    fn worded(text: &str) -> (String, String) {
        let (dir, loaded) = load(text.as_bytes());
        let e = loaded.unwrap_err();
        let folder = format!("{}/", dir.path().display());
        let say = |lang| config_problem(lang, &e).replacen(&folder, "", 1);
        (say(Lang::En), say(Lang::Vi))
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_a_whole_one_is_read() {
        assert_eq!(UserConfig::load(None).unwrap(), UserConfig::default());
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("config.toml");
        assert_eq!(
            UserConfig::load(Some(&missing)).unwrap(),
            UserConfig::default()
        );
        let text = "\u{feff}data_dir = \"/srv/theo-doi\"\nlang = \"vi\"\nletters_dir = \"cv\"\nosc52 = false\n[git]\ncommit = true\n";
        let (_dir, loaded) = load(text.as_bytes());
        assert_eq!(
            loaded.unwrap(),
            UserConfig {
                data_dir: Some("/srv/theo-doi".into()),
                lang: Some(Lang::Vi),
                letters_dir: Some("cv".into()),
                git: UserGit { commit: Some(true) },
                osc52: Some(false),
            }
        );
        let (_dir, loaded) = load(b"git.commit = false\n");
        assert_eq!(loaded.unwrap().git.commit, Some(false));
    }

    #[test]
    fn a_syntax_error_names_the_file_line_and_column_in_both_languages() {
        let (en, vi) = worded("lang = \"vi\"\ndata_dir = \n");
        assert!(en.starts_with("config.toml:2:12: TOML syntax: "), "{en}");
        assert!(vi.starts_with("config.toml:2:12: cú pháp TOML: "), "{vi}");
        let (en, _) = worded("osc52 = true\nosc52 = false\n");
        assert!(en.starts_with("config.toml:2:1: TOML syntax: "), "{en}");
    }

    #[test]
    fn wrong_values_and_keys_are_worded_in_both_languages() {
        let cases = [
            (
                "osc52 = \"no\"\n",
                "config.toml:1:9: osc52 must be true or false, found a string",
                "config.toml:1:9: osc52 phải là true hoặc false, nhưng lại là một chuỗi",
            ),
            (
                "[git]\ncommit = 1\n",
                "config.toml:2:10: git.commit must be true or false, found an integer",
                "config.toml:2:10: git.commit phải là true hoặc false, nhưng lại là một số nguyên",
            ),
            (
                "data_dir = 3\n",
                "config.toml:1:12: data_dir must be a string, found an integer",
                "config.toml:1:12: data_dir phải là một chuỗi, nhưng lại là một số nguyên",
            ),
            (
                "lang = \"fr\"\n",
                "config.toml:1:8: lang must be \"en\" or \"vi\", found \"fr\"",
                "config.toml:1:8: lang phải là \"en\" hoặc \"vi\", nhưng lại là \"fr\"",
            ),
            (
                "git = 1\n",
                "config.toml:1:7: git must be a table, found an integer",
                "config.toml:1:7: git phải là một bảng, nhưng lại là một số nguyên",
            ),
            (
                "lang = \"en\"\ncolour = true\n",
                "config.toml:2:1: unknown key \"colour\" in the config file (expected one of: data_dir, lang, letters_dir, git, osc52)",
                "config.toml:2:1: khóa \"colour\" không hợp lệ trong tệp cấu hình (các khóa dùng được: data_dir, lang, letters_dir, git, osc52)",
            ),
            (
                "[git]\npush = true\n",
                "config.toml:2:1: unknown key \"git.push\" in the config file (expected one of: commit)",
                "config.toml:2:1: khóa \"git.push\" không hợp lệ trong tệp cấu hình (các khóa dùng được: commit)",
            ),
        ];
        for (text, en, vi) in cases {
            assert_eq!(worded(text), (en.to_string(), vi.to_string()), "{text}");
        }
    }

    #[test]
    fn a_file_that_is_not_utf8_or_not_a_file() {
        let (dir, loaded) = load(b"lang = \"vi\"\ndata_dir = \"\xff\"\n");
        let e = loaded.unwrap_err();
        let path = dir.path().join("config.toml");
        assert_eq!(
            config_problem(Lang::Vi, &e),
            format!(
                "{}:2:13: không phải UTF-8: hãy lưu tệp dạng UTF-8",
                path.display()
            )
        );
        // A folder where the file should be.
        let e = UserConfig::load(Some(dir.path())).unwrap_err();
        assert!(matches!(e, ConfigError::Unreadable { .. }), "{e:?}");
        assert!(
            config_problem(Lang::Vi, &e)
                .starts_with(&format!("không đọc được {}: ", dir.path().display())),
            "{e}"
        );
    }

    #[test]
    fn the_error_says_that_dondoc_stops_and_how_to_go_on() {
        let (_dir, loaded) = load(b"data_dir = \n");
        let e = loaded.unwrap_err();
        let en = config_error(Lang::En, &e);
        let vi = config_error(Lang::Vi, &e);
        assert!(en.starts_with(&config_problem(Lang::En, &e)), "{en}");
        assert!(en.contains("dondoc stops here"), "{en}");
        assert!(en.contains("delete it to run with the defaults"), "{en}");
        assert!(vi.contains("dondoc dừng tại đây"), "{vi}");
        assert!(
            vi.contains("xóa tệp để chạy với thiết lập mặc định"),
            "{vi}"
        );
        // The English words are the error's own.
        assert_eq!(e.to_string(), config_problem(Lang::En, &e));
    }
}
