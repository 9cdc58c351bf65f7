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
/// the last valid one. clap refuses `--lang` given twice in one place, as any option given
/// twice, and the refusal is then worded in this language; it takes one given both before a
/// command and after it (`--lang vi list --lang en`), and then the later one wins, as here.
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
    localized(Cli::command(), lang)
}

/// `cmd` (the derive's tree, perhaps without its `help` command) with its help in `lang`;
/// built when Vietnamese.
pub fn localized(mut cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Vi => {
            // Built first, so clap's own `--help`, `--version` and `help` command are there
            // to be translated, and the global options are copied into every command.
            cmd.build();
            localize(cmd.version(vi::VERSION), "")
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
    let k = &key(path);
    let mut cmd = cmd
        .subcommand_help_heading(vi::COMMANDS_HEADING)
        .subcommand_value_name(vi::COMMAND_VALUE)
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
    let mut cmd = cmd.mut_subcommands(|sub| {
        let child = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        localize(sub, &child)
    });
    // The usage line in the help is written here, its placeholders in Vietnamese; an error's
    // usage line (which names what was given) is put in the same words by `usage_words`.
    let styles = cmd.get_styles().clone();
    let usage_style = *styles.get_usage();
    let line = usage_words(&cmd.render_usage().ansi().to_string());
    let line = line.replacen("Usage:", "", 1);
    let has_list = cmd.get_arguments().any(|a| !a.is_hide_set()) || cmd.has_subcommands();
    let list = if has_list { "\n\n{all-args}" } else { "" };
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage_style}{}{usage_style:#}{}{list}{{after-help}}",
        vi::USAGE,
        line
    );
    cmd.help_template(template)
}

/// clap's English words in a usage line, in Vietnamese: "[OPTIONS]", "[COMMAND]".
pub fn usage_words(usage: &str) -> String {
    vi::USAGE_WORDS
        .iter()
        .fold(usage.to_string(), |s, (en, vi)| s.replace(en, vi))
}

/// The argument's help from the table, with its default and its values in the same
/// language (clap would add them in English).
fn localize_arg(arg: Arg, path: &str) -> Arg {
    let heading = if arg.is_positional() {
        vi::ARGUMENTS_HEADING
    } else {
        vi::OPTIONS_HEADING
    };
    let mut arg = arg.help_heading(heading);
    if arg.get_action().takes_values() {
        let id = arg.get_id().as_str().to_string();
        let english = match arg.get_value_names() {
            Some(names) => names
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            None => id.to_uppercase(),
        };
        if let Some(name) = vi::value_name(&id, &english) {
            arg = arg.value_name(name);
        }
        arg = numbers_in_vietnamese(arg);
    }
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

pub use vi::NumberProblem;

/// A refused number with the bounds of what the option takes and a value it takes: the
/// source of clap's error, worded by [`message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberRefused {
    pub problem: NumberProblem,
    pub min: i128,
    pub max: i128,
    pub example: Option<String>,
}

impl std::fmt::Display for NumberRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // English for logs; the Vietnamese run words it itself.
        let why = match self.problem {
            NumberProblem::NotANumber => "not a number",
            NumberProblem::TooLarge => "too large",
            NumberProblem::TooSmall => "too small",
        };
        write!(
            f,
            "{why} (a whole number from {} to {})",
            self.min, self.max
        )
    }
}

impl std::error::Error for NumberRefused {}

/// A whole number within `min..=max`, refused with [`NumberRefused`].
fn whole_number<T>(
    min: i128,
    max: i128,
    example: Option<String>,
) -> impl Fn(&str) -> Result<T, NumberRefused> + Clone + Send + Sync + 'static
where
    T: TryFrom<i128> + Clone + Send + Sync + 'static,
{
    move |s: &str| {
        let refused = |problem| NumberRefused {
            problem,
            min,
            max,
            example: example.clone(),
        };
        let text = s.trim();
        let n: i128 = match text.parse() {
            Ok(n) => n,
            // Digits that overflow even 128 bits are still a number, and a big one.
            Err(_)
                if !text.is_empty()
                    && text
                        .trim_start_matches(['-', '+'])
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                    && text.len() > 1 =>
            {
                return Err(refused(if text.starts_with('-') {
                    NumberProblem::TooSmall
                } else {
                    NumberProblem::TooLarge
                }))
            }
            Err(_) => return Err(refused(NumberProblem::NotANumber)),
        };
        if n < min {
            return Err(refused(NumberProblem::TooSmall));
        }
        if n > max {
            return Err(refused(NumberProblem::TooLarge));
        }
        T::try_from(n).map_err(|_| refused(NumberProblem::TooLarge))
    }
}

/// An option that takes a whole number refuses a wrong one in Vietnamese words (Rust's
/// "invalid digit found in string" otherwise); the value keeps its type.
fn numbers_in_vietnamese(arg: Arg) -> Arg {
    use std::any::TypeId;
    let example = arg
        .get_default_values()
        .first()
        .map(|v| v.to_string_lossy().into_owned());
    let ty = arg.get_value_parser().type_id();
    macro_rules! whole {
        ($($t:ty),*) => {
            $(
                if ty == TypeId::of::<$t>() {
                    let parser = whole_number::<$t>(<$t>::MIN as i128, <$t>::MAX as i128, example);
                    return arg.value_parser(parser);
                }
            )*
        };
    }
    whole!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);
    arg
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
            let usage = usage_words(&usage.ansi().to_string()).replacen("Usage:", vi::USAGE, 1);
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
    let arg = usage_words(&text(ContextKind::InvalidArg).unwrap_or_default());
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
            match source.downcast_ref::<NumberRefused>() {
                Some(n) => {
                    let why = vi::number_refused(n.problem, n.min, n.max, n.example.as_deref());
                    let _ = write!(out, ": {why}");
                }
                // Every parser that can refuse is one of ours; another one's reason is
                // shown rather than lost.
                None => {
                    let _ = write!(out, ": {source}");
                }
            }
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
    use clap::Parser;

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
        assert_eq!(
            lang_flag(&args(&["dondoc", "--lang", "vi", "--lang", "xx"])),
            Some(Lang::Vi)
        );
        assert_eq!(lang_flag(&args(&["dondoc", "--", "--lang", "vi"])), None);
        assert_eq!(lang_flag(&args(&["dondoc", "--lang"])), None);
        assert_eq!(lang_flag(&args(&["dondoc", "show", "x"])), None);
    }

    /// What the comment of `lang_flag` says of clap: twice in one place is refused, before
    /// and after a command the later one is the run's language.
    #[test]
    fn the_language_flag_agrees_with_clap() {
        for twice in [
            &["dondoc", "--lang", "vi", "--lang", "en", "list"][..],
            &["dondoc", "--lang=vi", "--lang=vi", "list"],
            &["dondoc", "list", "--lang", "en", "--lang", "vi"],
        ] {
            let e = Cli::try_parse_from(args(twice)).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::ArgumentConflict, "{twice:?}");
        }
        for (words, lang) in [
            (
                &["dondoc", "--lang", "vi", "list", "--lang", "en"],
                Lang::En,
            ),
            (
                &["dondoc", "--lang", "en", "list", "--lang", "vi"],
                Lang::Vi,
            ),
        ] {
            let cli = Cli::try_parse_from(args(words)).unwrap();
            assert_eq!(cli.lang, Some(lang), "{words:?}");
            assert_eq!(lang_flag(&args(words)), Some(lang), "{words:?}");
        }
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
            text.contains("giá trị 'pdf' không hợp lệ cho '--format <ĐỊNH_DẠNG>'"),
            "{text}"
        );
        assert!(text.contains("[giá trị: table, json, csv]"), "{text}");
    }

    /// Every option that takes a value, given a wrong one: clap's whole error reads in
    /// Vietnamese (the value, the option with its Vietnamese placeholder, why, what it takes).
    #[test]
    fn every_refused_value_reads_in_vietnamese() {
        let english = [
            "invalid", "digit", "found", "string", "number", "possible", "error", "Usage",
            "OPTIONS", "COMMAND", "large", "small", "value",
        ];
        let mut items = Vec::new();
        let root = command(Lang::Vi);
        fn commands<'a>(
            cmd: &'a Command,
            path: Vec<String>,
            out: &mut Vec<(Vec<String>, &'a Command)>,
        ) {
            out.push((path.clone(), cmd));
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let mut p = path.clone();
                p.push(sub.get_name().to_string());
                commands(sub, p, out);
            }
        }
        commands(&root, Vec::new(), &mut items);
        let mut numbers = 0;
        let mut enums = 0;
        for (path, cmd) in items {
            for arg in cmd
                .get_arguments()
                .filter(|a| a.get_action().takes_values())
            {
                for bad in ["abc", "99999999999999999999999999999999999999999999"] {
                    let mut argv = vec!["dondoc".to_string()];
                    argv.extend(path.iter().cloned());
                    match arg.get_long() {
                        Some(long) => argv.push(format!("--{long}")),
                        None if arg.is_positional() => {}
                        None => continue,
                    }
                    argv.push(bad.to_string());
                    let Err(e) = command(Lang::Vi).try_get_matches_from(&argv) else {
                        continue;
                    };
                    match e.kind() {
                        ErrorKind::ValueValidation => numbers += 1,
                        ErrorKind::InvalidValue => enums += 1,
                        _ => continue,
                    }
                    let text = e.apply::<Vietnamese>().render().to_string();
                    assert!(text.starts_with("lỗi: giá trị '"), "{argv:?}: {text}");
                    let words: Vec<&str> = text
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| english.iter().any(|e| w.eq_ignore_ascii_case(e)))
                        .collect();
                    assert!(words.is_empty(), "{argv:?}: {words:?} in {text}");
                }
            }
        }
        // Two numbers (report --quiet-days, sync --timeout) twice; the value enums.
        assert!(numbers >= 4, "{numbers}");
        assert!(enums >= 6, "{enums}");
    }

    #[test]
    fn a_wrong_number_says_why_and_what_is_taken() {
        let refused = |argv: &[&str]| {
            command(Lang::Vi)
                .try_get_matches_from(argv)
                .unwrap_err()
                .apply::<Vietnamese>()
                .render()
                .to_string()
        };
        let text = refused(&["dondoc", "sync", "--timeout", "abc"]);
        assert!(
            text.starts_with(
                "lỗi: giá trị 'abc' không hợp lệ cho '--timeout <SỐ_GIÂY>': không phải là số; \
                 cần một số nguyên từ 0 trở lên, ví dụ 60"
            ),
            "{text}"
        );
        let text = refused(&[
            "dondoc",
            "sync",
            "--timeout",
            "123456789012345678901234567890",
        ]);
        assert!(
            text.contains(": số quá lớn; cần một số nguyên từ 0 trở lên"),
            "{text}"
        );
        let text = refused(&["dondoc", "report", "--quiet-days", "ba mươi"]);
        assert!(
            text.contains(
                "'--quiet-days <SỐ_NGÀY>': không phải là số; cần một số nguyên, ví dụ 30"
            ),
            "{text}"
        );
        // The number still reaches the command as its type.
        let m = command(Lang::Vi)
            .try_get_matches_from(["dondoc", "sync", "--timeout", " 15 "])
            .unwrap();
        let (_, sync) = m.subcommand().unwrap();
        assert_eq!(sync.get_one::<u64>("timeout"), Some(&15));
        // The usage line of the help and of an error: no clap English left.
        let help = command(Lang::Vi)
            .find_subcommand_mut("report")
            .unwrap()
            .render_help()
            .to_string();
        assert!(
            help.contains("Cách dùng: dondoc report [TÙY_CHỌN]"),
            "{help}"
        );
        assert!(help.contains("--from <NGÀY>"), "{help}");
        let root = command(Lang::Vi).render_help().to_string();
        assert!(
            root.contains("Cách dùng: dondoc [TÙY_CHỌN] [LỆNH]"),
            "{root}"
        );
    }

    #[test]
    fn every_placeholder_is_vietnamese() {
        let mut cmd = command(Lang::En);
        cmd.build();
        let mut missing = Vec::new();
        fn each(cmd: &Command, missing: &mut Vec<String>) {
            for a in cmd
                .get_arguments()
                .filter(|a| a.get_action().takes_values())
            {
                let id = a.get_id().as_str();
                let english = match a.get_value_names() {
                    Some(n) => n.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(" "),
                    None => id.to_uppercase(),
                };
                match vi::value_name(id, &english) {
                    Some(vi) if vi != english || english == "SHELL" => {}
                    _ => missing.push(format!("{} {id} {english}", cmd.get_name())),
                }
            }
            for sub in cmd.get_subcommands() {
                each(sub, missing);
            }
        }
        each(&cmd, &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn the_vietnamese_version_names_the_format_it_reads() {
        let version = command(Lang::Vi).render_version();
        assert!(
            version.ends_with(&format!(
                "(định dạng thư mục dữ liệu {})\n",
                crate::store::FORMAT_VERSION
            )),
            "{version}"
        );
    }
}
