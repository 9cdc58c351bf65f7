//! The clap command in the invocation's language. The language is known before parsing
//! (`--lang` in the arguments, the config file, the locale), so `--help` and clap's usage
//! errors speak it: the derive's command is built, then every command's and argument's help
//! is replaced from [`crate::i18n::cli_help`]. English is the derive's text as it is.

use super::Cli;
use crate::i18n::{cli_help as vi, Lang};
use clap::builder::{StyledStr, Styles};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, Command, CommandFactory};
use std::ffi::OsString;
use std::fmt::Write as _;

/// The language of this invocation, found before parsing the way `dispatch` finds it after:
/// `--lang`, else the config file's `lang`, else the locale.
pub fn lang_of(args: &[OsString]) -> Lang {
    let config = crate::config::UserConfig::load(crate::config::config_path().as_deref())
        .ok()
        .and_then(|c| c.lang);
    Lang::choose(lang_flag(args), config)
}

/// `--lang vi` or `--lang=vi` among the arguments (the program's name first), before `--`;
/// the last one wins, as clap's does.
pub fn lang_flag(args: &[OsString]) -> Option<Lang> {
    let parse = |s: &str| <Lang as clap::ValueEnum>::from_str(s, true).ok();
    let mut flag = None;
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    while let Some(word) = words.next() {
        match word {
            Some("--") => break,
            Some("--lang") => flag = words.next().flatten().and_then(parse).or(flag),
            Some(w) => {
                if let Some(value) = w.strip_prefix("--lang=") {
                    flag = parse(value).or(flag);
                }
            }
            None => {}
        }
    }
    flag
}

/// The whole command tree, its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Vi => {
            // Built first, so clap's own `--help`, `--version` and `help` command are there
            // to be translated, and the global options are copied into every command.
            cmd.build();
            localize(cmd, "")
        }
    }
}

/// The key of a command in the tables: the copies under a `help` read as the commands they
/// stand for ("owner help add" as "owner add"), and every `help` as clap's help command.
fn key(path: &str) -> String {
    let words: Vec<&str> = path.split(' ').collect();
    if words.last() == Some(&"help") {
        return "help".to_string();
    }
    words
        .into_iter()
        .filter(|w| *w != "help")
        .collect::<Vec<_>>()
        .join(" ")
}

fn localize(cmd: Command, path: &str) -> Command {
    let usage = *cmd.get_styles().get_usage();
    let has_list = cmd.get_arguments().any(|a| !a.is_hide_set()) || cmd.has_subcommands();
    let template = if has_list {
        format!(
            "{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#} {{usage}}\n\n{{all-args}}{{after-help}}",
            vi::USAGE
        )
    } else {
        format!(
            "{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#} {{usage}}{{after-help}}",
            vi::USAGE
        )
    };
    let k = &key(path);
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(vi::COMMANDS_HEADING)
        .long_about(if path.is_empty() {
            Some(vi::LONG_ABOUT_ROOT)
        } else {
            None
        });
    if let Some(about) = vi::command(k) {
        cmd = cmd.about(about);
    }
    if let Some(after) = vi::after_help(k) {
        cmd = cmd.after_help(after);
    }
    cmd = cmd.mut_args(|a| localize_arg(a, k));
    cmd.mut_subcommands(|sub| {
        let child = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        localize(sub, &child)
    })
}

/// The argument's help from the table, with its default and its values in the same
/// language (clap would add them in English).
fn localize_arg(arg: Arg, path: &str) -> Arg {
    let heading = if arg.is_positional() {
        vi::ARGUMENTS_HEADING
    } else {
        vi::OPTIONS_HEADING
    };
    let arg = arg.help_heading(heading);
    let Some(mut text) = vi::arg(path, arg.get_id().as_str()) else {
        return arg;
    };
    if arg.get_action().takes_values() {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !arg.is_hide_default_value_set() && !defaults.is_empty() {
            let _ = write!(text, " [{}: {}]", vi::DEFAULT, defaults.join(", "));
        }
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !arg.is_hide_possible_values_set() && !values.is_empty() {
            let _ = write!(text, " [{}: {}]", vi::POSSIBLE_VALUES, values.join(", "));
        }
    }
    arg.help(text)
        .long_help(None)
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// clap's usage errors in Vietnamese: the same facts (what was wrong, a similar name, the
/// usage line) in the words of [`vi::errors`].
pub struct Vietnamese;

impl ErrorFormatter for Vietnamese {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let styles = Styles::styled();
        let err = *styles.get_error();
        let valid = *styles.get_valid();
        let literal = *styles.get_literal();
        let mut out = StyledStr::new();
        let _ = write!(out, "{err}{}{err:#} ", vi::ERROR);
        out.push_str(&message(error));
        let similar = [
            (
                ContextKind::SuggestedSubcommand,
                vi::errors::SIMILAR_COMMAND,
            ),
            (ContextKind::SuggestedArg, vi::errors::SIMILAR),
            (ContextKind::SuggestedValue, vi::errors::SIMILAR_VALUE),
        ];
        let mut first = true;
        for (kind, words) in similar {
            let names = match error.get(kind) {
                Some(ContextValue::String(s)) => vec![s.clone()],
                Some(ContextValue::Strings(v)) => v.clone(),
                _ => continue,
            };
            out.push_str(if first { "\n\n" } else { "\n" });
            first = false;
            let quoted: Vec<String> = names
                .iter()
                .map(|n| format!("'{valid}{n}{valid:#}'"))
                .collect();
            let _ = write!(
                out,
                "  {valid}{}{valid:#} {words} {}",
                vi::TIP,
                quoted.join(", ")
            );
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.ansi().to_string().replacen("Usage:", vi::USAGE, 1);
            out.push_str("\n\n");
            out.push_str(&usage);
        }
        let more = vi::errors::MORE.replace("{arg}", &format!("{literal}--help{literal:#}"));
        let _ = write!(out, "\n\n{more}\n");
        out
    }
}

/// What was wrong, from the error's kind and context; the kind alone when clap gave none.
fn message(error: &clap::error::Error<Vietnamese>) -> String {
    use vi::errors as e;
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let fill = |template: &str| template.replace("{arg}", &arg).replace("{value}", &value);
    let mut out = match error.kind() {
        ErrorKind::UnknownArgument => fill(e::UNKNOWN_ARGUMENT),
        ErrorKind::InvalidValue if value.is_empty() => fill(e::EMPTY_VALUE),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => fill(e::INVALID_VALUE),
        ErrorKind::InvalidSubcommand => e::INVALID_SUBCOMMAND.replace(
            "{value}",
            &text(ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::MissingRequiredArgument => {
            let mut s = e::MISSING_REQUIRED.to_string();
            if let Some(ContextValue::Strings(missing)) = error.get(ContextKind::InvalidArg) {
                for m in missing {
                    s.push_str("\n  ");
                    s.push_str(m);
                }
            }
            s
        }
        ErrorKind::MissingSubcommand => e::MISSING_SUBCOMMAND.replace(
            "{arg}",
            &text(ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::ArgumentConflict => {
            let prior = error.get(ContextKind::PriorArg);
            if prior == error.get(ContextKind::InvalidArg) {
                fill(e::CONFLICT_SELF)
            } else {
                let with = match prior {
                    Some(ContextValue::String(p)) => format!(" '{p}'"),
                    Some(ContextValue::Strings(ps)) => {
                        ps.iter().map(|p| format!("\n  {p}")).collect::<String>()
                    }
                    _ => format!(" {}", e::CONFLICT_OTHERS),
                };
                format!("{}{with}", fill(e::CONFLICT))
            }
        }
        ErrorKind::TooManyValues => fill(e::TOO_MANY_VALUES),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => fill(e::WRONG_NUMBER),
        ErrorKind::NoEquals => fill(e::NO_EQUALS),
        ErrorKind::InvalidUtf8 => e::INVALID_UTF8.to_string(),
        _ => e::OTHER.to_string(),
    };
    if error.kind() == ErrorKind::ValueValidation {
        if let Some(source) = std::error::Error::source(error) {
            let _ = write!(out, ": {source}");
        }
    }
    if let Some(ContextValue::Strings(values)) = error.get(ContextKind::ValidValue) {
        if !values.is_empty() {
            let _ = write!(out, "\n  [{}: {}]", vi::POSSIBLE_VALUES, values.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_flag_is_found_before_parsing() {
        assert_eq!(
            lang_flag(&args(&["dondoc", "--lang", "vi", "list"])),
            Some(Lang::Vi)
        );
        assert_eq!(
            lang_flag(&args(&["dondoc", "list", "--lang=vi"])),
            Some(Lang::Vi)
        );
        assert_eq!(
            lang_flag(&args(&["dondoc", "--lang", "vi", "--lang", "en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_flag(&args(&["dondoc", "--", "--lang", "vi"])), None);
        assert_eq!(lang_flag(&args(&["dondoc", "--lang"])), None);
        assert_eq!(lang_flag(&args(&["dondoc", "show", "x"])), None);
    }

    /// Every command and argument clap can show, with its path, walked from the root.
    fn walk(cmd: &Command, path: &str, out: &mut Vec<(String, Option<String>, String)>) {
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.push((path.to_string(), None, about));
        for a in cmd.get_arguments() {
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            out.push((path.to_string(), Some(a.get_id().to_string()), help));
        }
        for sub in cmd.get_subcommands() {
            let child = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, &child, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_a_vietnamese_help() {
        let mut english = command(Lang::En);
        english.build();
        let mut en = Vec::new();
        walk(&english, "", &mut en);
        let mut vi_items = Vec::new();
        walk(&command(Lang::Vi), "", &mut vi_items);
        assert_eq!(en.len(), vi_items.len(), "the same tree in both languages");
        let mut missing = Vec::new();
        for ((path, id, en_help), (_, _, vi_help)) in en.iter().zip(&vi_items) {
            let from_table = match id {
                None => vi::command(&key(path)).is_some(),
                Some(id) => vi::arg(&key(path), id).is_some(),
            };
            // Each has its own Vietnamese, not the English left in place.
            if !from_table || vi_help.is_empty() || vi_help == en_help {
                missing.push(format!("{path:?} {id:?}: {vi_help:?}"));
            }
        }
        assert!(
            missing.is_empty(),
            "no Vietnamese help for:\n{}",
            missing.join("\n")
        );
        assert!(
            vi_items.len() > 100,
            "the walk saw the tree: {}",
            vi_items.len()
        );
    }

    #[test]
    fn the_vietnamese_help_uses_the_glossary() {
        let mut cmd = command(Lang::Vi);
        let help = cmd.render_long_help().to_string();
        assert!(help.contains("Cách dùng: dondoc"), "{help}");
        assert!(
            help.contains("Lệnh:") && help.contains("Tùy chọn:"),
            "{help}"
        );
        assert!(help.contains("Liệt kê nhiệm vụ"), "{help}");
        assert!(!help.contains("Print help"), "{help}");
        let list = cmd
            .find_subcommand_mut("list")
            .unwrap()
            .render_help()
            .to_string();
        for word in [
            "đơn vị chủ trì",
            "hoàn thành đúng hạn",
            "hoàn thành quá hạn",
            "quá hạn",
        ] {
            assert!(list.contains(word), "{word}: {list}");
        }
        assert!(
            list.contains("[mặc định: table] [giá trị: table, json, csv]"),
            "{list}"
        );
        // Words an office does not write for these things.
        let mut all = Vec::new();
        walk(&command(Lang::Vi), "", &mut all);
        for (path, id, text) in all {
            for wrong in ["chỉ thị", "xong", "Print "] {
                assert!(!text.contains(wrong), "{path} {id:?}: {text}");
            }
        }
    }

    #[test]
    fn usage_errors_are_in_vietnamese() {
        let err = command(Lang::Vi)
            .try_get_matches_from(["dondoc", "list", "--stauts", "done"])
            .unwrap_err()
            .apply::<Vietnamese>();
        let text = err.render().to_string();
        assert!(
            text.starts_with("lỗi: không có tham số '--stauts'"),
            "{text}"
        );
        assert!(
            text.contains("gợi ý: có tham số gần giống: '--status'"),
            "{text}"
        );
        assert!(text.contains("Cách dùng: dondoc list"), "{text}");
        let err = command(Lang::Vi)
            .try_get_matches_from(["dondoc", "list", "--format", "pdf"])
            .unwrap_err()
            .apply::<Vietnamese>();
        let text = err.render().to_string();
        assert!(
            text.contains("giá trị 'pdf' không hợp lệ cho '--format <FORMAT>'"),
            "{text}"
        );
        assert!(text.contains("[giá trị: table, json, csv]"), "{text}");
    }
}
