//! The layering rule of docs/ARCHITECTURE.md, checked on the sources: no core module names a
//! front end (`crate::tui`, `crate::cli`), so the core can be used and tested without them.

use std::path::{Path, PathBuf};

/// The core: everything a front end builds on.
const CORE: &[&str] = &[
    "model",
    "clock",
    "fold",
    "dates",
    "term_text",
    "csv_out",
    "query",
    "store",
    "report",
    "search",
    "git",
    "i18n",
];
const FRONT_ENDS: &[&str] = &["tui", "cli"];

/// The front ends that `source` reaches through a `crate::` path, including inside a
/// `use crate::{…}` group (only its top-level items: `crate::i18n::{cli, tui}` is i18n's).
fn front_ends_named(source: &str) -> Vec<&'static str> {
    let compact: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found = Vec::new();
    let mut rest = compact.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let firsts: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => top_level_items(group)
                .into_iter()
                .map(first_segment)
                .collect(),
            None => vec![first_segment(rest)],
        };
        for name in FRONT_ENDS {
            if firsts.contains(name) && !found.contains(name) {
                found.push(*name);
            }
        }
    }
    found
}

/// The items of a group, `a::b, c::{d, e}, f}…` → `a::b`, `c::{d, e}`, `f`.
fn top_level_items(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

fn first_segment(path: &str) -> &str {
    let end = path
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(path.len());
    &path[..end]
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn no_core_module_names_a_front_end() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offences = Vec::new();
    let mut checked = 0;
    for module in CORE {
        let mut files = Vec::new();
        rust_files(&src.join(format!("{module}.rs")), &mut files);
        rust_files(&src.join(module), &mut files);
        assert!(!files.is_empty(), "no source for the core module {module}");
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            checked += 1;
            for front_end in front_ends_named(&source) {
                offences.push(format!("{} names crate::{front_end}", file.display()));
            }
        }
    }
    assert!(checked >= CORE.len());
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn the_check_sees_every_way_of_naming_a_module() {
    assert_eq!(front_ends_named("use crate::tui::input::X;"), ["tui"]);
    assert_eq!(
        front_ends_named("let c = crate::cli::Context { };"),
        ["cli"]
    );
    assert_eq!(
        front_ends_named("use crate::{\n    model::Status,\n    tui::{app, ui},\n};"),
        ["tui"]
    );
    assert_eq!(front_ends_named("use crate :: cli;"), ["cli"]);
    assert!(front_ends_named("use crate::i18n::{cli, tui};").is_empty());
    assert!(front_ends_named("use crate::{i18n::{cli, tui}, model};").is_empty());
    assert!(front_ends_named("use crate::tuition; // crate::clinic").is_empty());
    assert!(front_ends_named("use super::tui;").is_empty());
}
