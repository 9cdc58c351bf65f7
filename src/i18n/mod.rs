//! Languages. Every user-visible string has a Vietnamese and an English form; each part of
//! the program keeps its own table in a submodule here, and all of them take the words for
//! the things dondoc names from one glossary, [`terms`].

pub mod cli;
pub mod cli_help;
pub mod import;
pub mod report;
pub mod store;
pub mod templates;
pub mod terms;
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

/// One word for each thing: the UI, the CLI and the reports say what the glossary says.
#[cfg(test)]
mod one_vocabulary {
    use super::*;
    use crate::model::{Status, Timeliness};

    #[test]
    fn every_table_uses_the_glossary_for_statuses_and_timeliness() {
        for lang in [Lang::En, Lang::Vi] {
            for s in Status::ALL {
                let word = terms::tr(lang, terms::status(s));
                assert_eq!(tui::status_label(lang, s), word);
                // The English CLI prints what `--status` takes.
                let cli_word = lang.pick(s.as_str(), word);
                assert_eq!(cli::status(lang, s), cli_word);
            }
            let r = report::text(lang);
            for t in Timeliness::ALL {
                let word = terms::tr(lang, terms::timeliness(t));
                assert_eq!(tui::timeliness_label(lang, t), word);
                assert_eq!(cli::timeliness(lang, t), lang.pick(t.as_str(), word));
                let head = terms::heading(word);
                // The report's column for it: the term as a heading, or a heading holding it.
                let column = match t {
                    Timeliness::Overdue => r.overdue,
                    Timeliness::DueSoon => r.due_soon,
                    Timeliness::OnTrack => r.within,
                    Timeliness::Ongoing => r.ongoing,
                    Timeliness::OnTime => r.on_time,
                    Timeliness::Late => r.late,
                    Timeliness::None => r.cancelled,
                };
                assert!(
                    column == head || column.to_lowercase().contains(word),
                    "{lang}: report says {column:?} for {word:?}"
                );
            }
        }
    }

    #[test]
    fn the_vietnamese_labels_are_the_glossarys() {
        let vi = Lang::Vi;
        assert_eq!(terms::tr(vi, tui::TIMELINESS), "Tình trạng thời hạn");
        assert_eq!(terms::tr(vi, tui::SOURCE), "Văn bản giao");
        assert_eq!(terms::tr(vi, tui::LEAD), "Đơn vị chủ trì");
        assert_eq!(terms::tr(vi, tui::SUPPORT), "Đơn vị phối hợp");
        assert_eq!(terms::tr(vi, tui::DONE_ON), "Ngày hoàn thành");
        assert_eq!(terms::tr(vi, tui::HELP_TITLE), "Phím tắt");
        assert_eq!(terms::tr(vi, tui::RELOADING_FAILED), "Không tải lại được");
        let show = cli::show_labels(vi);
        assert_eq!(
            [show.source, show.lead, show.support, show.done_on],
            [
                "Văn bản giao",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Ngày hoàn thành"
            ]
        );
        assert_eq!(cli::list_headers(vi)[3], "tình trạng thời hạn");
        let r = report::text(vi);
        assert_eq!(r.as_of, "Ngày chốt số liệu");
        assert_eq!(r.source, "Văn bản giao");
        // No table of the UI, the CLI or the reports uses the words the office does not.
        let today = chrono::NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
        let overdue = tui::relative(vi, Timeliness::Overdue, today.pred_opt(), today);
        assert_eq!(overdue, "quá hạn 1 ngày");
        assert!(tui::DEADLINE_HINT.1.contains("ngày chốt số liệu"));
    }
}
