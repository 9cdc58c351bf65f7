//! The terminal UI, one module per concern: `state` (actions in, state and effects out),
//! `screens` (snapshots in `snapshots/`), `keys` (key sequences, then the files on disk),
//! `dashboard` (and the as-of date), `live` (reload, git status, commit, sync), `event_loop`
//! (the real loop over a `TestBackend`), `pty` (the real binary in a pseudo-terminal), and
//! `layers` (who may use whom). Shared helpers are here.
//!
//! Everything runs on a temporary copy of the repository's `data/`, as of 2023-10-15, with a
//! fixed clock for log entries, so nothing depends on the time zone, the date or the path.

use crate::common::copy_dir;
use chrono::{DateTime, FixedOffset, NaiveDate};
use dondoc::i18n::Lang;
use dondoc::model::{Status, Timeliness};
use dondoc::store::edit::Change;
use dondoc::store::files::{FileContent, FileRead};
use dondoc::store::load::FileLoad;
use dondoc::tui::action::Action;
use dondoc::tui::app::{App, Level, Pane, Popup, Prompt, PromptKind, View};
use dondoc::tui::effect::{Effect, Outcome, Runner, WriteRequest};
use dondoc::tui::{run_keys, ui};
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::fs;
use std::path::{Path, PathBuf};

const FILE: &str = "2023/giao-ban-2023-08-25.toml";
const AT: &str = "2023-10-15T09:00:00+07:00";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 10, 15).unwrap()
}

/// A temporary copy of `data/`.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
            dir.path(),
        );
        Workspace { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    fn app(&self, lang: Lang, size: (u16, u16)) -> App {
        let ws = dondoc::store::load(self.root()).unwrap();
        App::new(ws, today(), lang, size)
    }
}

fn clock() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(AT).unwrap()
}

/// The effect runner with a fixed author and clock, and an editor that must not be called.
fn runner() -> Runner {
    Runner::new("Kiểm Thử".to_string())
        .with_clock(clock)
        .with_editor(|_| panic!("no editor in this test"))
}

fn selected_id(app: &App) -> String {
    app.selected().expect("a directive is selected").id.clone()
}

fn ids(app: &App) -> Vec<String> {
    app.list
        .rows
        .iter()
        .map(|r| app.directive(r).id.clone())
        .collect()
}

/// Byte range of one `[[directive]]` block (header to the next header or the end).
fn block(text: &str, id: &str) -> std::ops::Range<usize> {
    let at = text.find(&format!("id = \"{id}\"")).unwrap();
    let start = text[..at].rfind("[[directive]]").unwrap();
    let end = text[at..]
        .find("\n[[directive]]")
        .map_or(text.len(), |i| at + i + 1);
    start..end
}

/// The original file with one directive's block edited by `edit`: every other byte the same.
fn expect_block_edit(original: &str, id: &str, edit: impl Fn(&str) -> String) -> String {
    let range = block(original, id);
    format!(
        "{}{}{}",
        &original[..range.start],
        edit(&original[range.clone()]),
        &original[range.end..]
    )
}

/// Like `assert_eq!` on two texts, but shows only the lines that differ.
#[track_caller]
fn assert_same_text(actual: &str, expected: &str) {
    if actual == expected {
        return;
    }
    let a: Vec<&str> = actual.split_inclusive('\n').collect();
    let e: Vec<&str> = expected.split_inclusive('\n').collect();
    let head = a.iter().zip(&e).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(e[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let from = head.saturating_sub(3);
    panic!(
        "texts differ from line {}:\n--- actual\n{:?}\n--- expected\n{:?}",
        head + 1,
        a[from..a.len() - tail].concat(),
        e[from..e.len() - tail].concat()
    );
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} in {text}");
    text.replacen(from, to, 1)
}

/// Edits the directive's own keys: the part of its block before its first log entry.
fn edit_head(block: &str, from: &str, to: &str) -> String {
    let split = block.find("\n[[directive.log]]").unwrap_or(block.len());
    format!(
        "{}{}",
        replace_once(&block[..split], from, to),
        &block[split..]
    )
}

/// A block ends with one blank line before the next `[[directive]]`: the new log entry goes
/// after the last entry, before that blank line.
fn append_log(block: &str, entry: &str) -> String {
    let body = block.trim_end_matches('\n');
    // The body's own line end, then the blank line that separated it from the next block.
    let blank = &block[(body.len() + 1).min(block.len())..];
    format!("{body}\n\n{entry}{blank}")
}

fn screen(app: &App) -> TestBackend {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal.backend().clone()
}

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (170, 45)];
const LANGS: [Lang; 2] = [Lang::En, Lang::Vi];

/// Snapshots one screen per language and size, after `keys`.
fn snapshot_screens(name: &str, keys: &str, setup: impl Fn(&Workspace)) {
    for lang in LANGS {
        for size in SIZES {
            let ws = Workspace::new();
            setup(&ws);
            let mut app = ws.app(lang, size);
            let mut runner = runner();
            run_keys(&mut app, &mut runner, keys);
            snapshot(
                &format!("{name}_{lang}_{}x{}", size.0, size.1),
                screen(&app),
            );
        }
    }
}

/// `dondoc validate` on the workspace, as a user runs it: it must find no problem.
#[track_caller]
fn assert_validate_clean(ws: &Workspace) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dondoc"))
        .arg("--data")
        .arg(ws.root())
        .arg("validate")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "validate: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One screen against `tests/tui/snapshots/tui__{name}.snap`, whichever module takes it.
fn snapshot(name: &str, screen: TestBackend) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("tui__{name}"), screen));
}

mod clerk;
mod clock;
mod columns;
mod dashboard;
mod detail_wrap;
mod editor;
mod event_loop;
mod filter_menu;
mod find;
mod footer;
mod forms;
mod help;
mod import;
mod keys;
mod layers;
mod live;
mod marks;
mod pickers;
mod pty;
mod remind;
mod reshape;
mod screens;
mod state;
mod text;
mod two_lines;
mod views;
