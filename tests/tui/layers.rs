//! The UI's layers, checked on the sources: the state never reaches into the view, the UI
//! never into the command line, and what lies below the UI never into the UI.

use super::*;

/// Every `.rs` file under `src/<rel>` (a file or a folder), with its text.
fn sources(rel: &str) -> Vec<(PathBuf, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(rel);
    let mut out = Vec::new();
    let mut stack = vec![path];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else if p.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&p).unwrap();
            out.push((p, text));
        }
    }
    assert!(!out.is_empty(), "no sources under src/{rel}");
    out
}

fn assert_none_mentions(rels: &[&str], needles: &[&str]) {
    for rel in rels {
        for (path, text) in sources(rel) {
            for needle in needles {
                assert!(
                    !text.contains(needle),
                    "{} mentions {needle}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_ui_does_not_use_the_command_line() {
    assert_none_mentions(&["tui"], &["crate::cli", "super::cli"]);
}

#[test]
fn the_state_does_not_use_the_view() {
    let state = [
        "tui/app",
        "tui/action.rs",
        "tui/layout.rs",
        "tui/keymap.rs",
        "tui/effect.rs",
        "tui/event.rs",
    ];
    assert_none_mentions(&state, &["::ui::", "::ui;", "super::ui", " ui::", "(ui::"]);
}

#[test]
fn below_the_ui_nothing_uses_it() {
    let below = ["i18n", "store", "watch.rs", "dates.rs", "context.rs"];
    assert_none_mentions(&below, &["crate::tui", "crate::cli"]);
}
