//! `dondoc man`: the manual page (roff), generated from the command definitions in the
//! language of the run; with `--dir DIR`, one page per command (`dondoc.1`, `dondoc-list.1`,
//! …) written there.

use super::{help, output, Cli, Context};
use crate::i18n::{cli as text, cli_help as vi, Lang};
use anyhow::Context as _;
use clap::{Command, CommandFactory};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install:\n  \
    dondoc man > ~/.local/share/man/man1/dondoc.1 && man dondoc\n  \
    dondoc man --dir ~/.local/share/man/man1          # also dondoc-list.1, dondoc-set.1, …")]
pub struct Args {
    /// Write one page per command into this folder instead of the main page to stdout
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let cmd = pages_command(lang);
    match args.dir {
        Some(dir) => {
            let shown = dir.display().to_string();
            std::fs::create_dir_all(&dir).with_context(|| text::cannot_create(lang, &shown))?;
            write_pages(&cmd, &dir, lang).with_context(|| text::cannot_write(lang, &shown))?;
        }
        None => {
            let page = render(&cmd, lang)?;
            output::to_stdout(|out| out.write_all(page.as_bytes()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The tree the pages describe, in `lang`: without clap's `help` command (its page would
/// say what `--help` says), built so that each command knows its page's name.
pub fn pages_command(lang: Lang) -> Command {
    let mut cmd = help::localized(Cli::command().disable_help_subcommand(true), lang);
    cmd.build();
    cmd
}

/// The page of one command of [`pages_command`], in `lang`.
pub fn render(cmd: &Command, lang: Lang) -> std::io::Result<String> {
    let mut out = Vec::new();
    // Every page names the program and its version (a command's own has no version).
    let man =
        clap_mangen::Man::new(cmd.clone()).source(concat!("dondoc ", env!("CARGO_PKG_VERSION")));
    let man = match lang {
        Lang::En => man,
        Lang::Vi => man.manual(vi::MAN_MANUAL),
    };
    man.render(&mut out)?;
    let page = String::from_utf8_lossy(&out);
    // groff's preconv reads the encoding from this line when the locale does not say it.
    let coding = ".\\\" -*- coding: UTF-8 -*-\n";
    Ok(match lang {
        Lang::En => format!("{coding}{page}"),
        Lang::Vi => format!("{coding}{}", vietnamese_headings(&page)),
    })
}

/// A page whose section headings clap_mangen wrote in English, with the Vietnamese ones:
/// each `.SH` line of a known heading is written anew, everything else is left as it is.
pub fn vietnamese_headings(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + 64);
    for line in page.lines() {
        let known = line
            .strip_prefix(".SH ")
            .map(|h| h.trim().trim_matches('"'))
            .and_then(|h| vi::MAN_HEADINGS.iter().find(|(en, _)| *en == h));
        match known {
            Some((_, heading)) => out.push_str(&section_heading(heading)),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// A section heading in roff; quoted, as a heading of two words is one argument of `.SH`.
fn section_heading(name: &str) -> String {
    format!(".SH \"{name}\"")
}

/// The page of `cmd` and of each of its commands, as `<name>.1` in `dir`.
fn write_pages(cmd: &Command, dir: &Path, lang: Lang) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, lang)?;
    }
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
    std::fs::write(dir.join(format!("{name}.1")), render(cmd, lang)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The section headings of a page, in order.
    fn headings(page: &str) -> Vec<&str> {
        page.lines().filter(|l| l.starts_with(".SH")).collect()
    }

    #[test]
    fn the_vietnamese_page_has_vietnamese_headings_and_texts() {
        let cmd = pages_command(Lang::Vi);
        let page = render(&cmd, Lang::Vi).unwrap();
        assert_eq!(
            headings(&page),
            [
                ".SH \"TÊN\"",
                ".SH \"CÚ PHÁP\"",
                ".SH \"MÔ TẢ\"",
                ".SH \"TÙY CHỌN\"",
                ".SH \"LỆNH\"",
                ".SH \"PHIÊN BẢN\"",
            ],
            "{page}"
        );
        // The texts of cli_help, an option's with it.
        assert!(page.contains(vi::ABOUT_ROOT), "{page}");
        assert!(
            page.contains(
                "\\fB\\-\\-data\\fR \\fI<THƯ_MỤC>\\fR\nThư mục dữ liệu (chứa dondoc.toml)"
            ),
            "{page}"
        );
        assert!(page.contains("Liệt kê nhiệm vụ, theo thời hạn"), "{page}");
        assert!(page.contains("định dạng thư mục dữ liệu 1.1"), "{page}");
        for english in [
            "Workspace folder",
            "Print help",
            "Possible values",
            "default:",
        ] {
            assert!(!page.contains(english), "{english}: {page}");
        }
        // A command's page: its arguments under their own heading, its after-help as notes.
        let report = cmd.find_subcommand("report").unwrap();
        let page = render(report, Lang::Vi).unwrap();
        assert!(page.starts_with(".\\\" -*- coding: UTF-8 -*-\n"), "{page}");
        assert!(
            page.contains(&format!(
                ".TH dondoc-report 1  \"dondoc {}\" \"Hướng dẫn sử dụng\"",
                env!("CARGO_PKG_VERSION")
            )),
            "{page}"
        );
        assert!(page.contains(".SH \"GHI CHÚ\""), "{page}");
        assert!(page.contains("Ngày đầu kỳ (cùng \\-\\-to)"), "{page}");
        assert!(page.contains("[mặc định: md]"), "{page}");
        let set = render(cmd.find_subcommand("set").unwrap(), Lang::Vi).unwrap();
        assert!(set.contains(".SH \"THAM SỐ\""), "{set}");
        assert!(set.contains(".SH \"TÙY CHỌN\""), "{set}");
    }

    #[test]
    fn the_english_page_is_clap_mangens() {
        let cmd = pages_command(Lang::En);
        let page = render(&cmd, Lang::En).unwrap();
        assert_eq!(
            headings(&page),
            [
                ".SH NAME",
                ".SH SYNOPSIS",
                ".SH DESCRIPTION",
                ".SH OPTIONS",
                ".SH SUBCOMMANDS",
                ".SH VERSION"
            ]
        );
        assert!(
            page.contains("Workspace folder (holds dondoc.toml)"),
            "{page}"
        );
        // No page for clap's help command, which --help already is.
        assert!(!page.contains("dondoc\\-help(1)"), "{page}");
    }

    #[test]
    fn only_heading_lines_change() {
        let page = ".TH x 1\n.SH NAME\nx \\- NAME\n.SH \"Lệnh\"\n.SH OTHER\ntext\n";
        assert_eq!(
            vietnamese_headings(page),
            ".TH x 1\n.SH \"TÊN\"\nx \\- NAME\n.SH \"LỆNH\"\n.SH OTHER\ntext\n"
        );
    }
}
