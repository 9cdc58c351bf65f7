//! Which files of a workspace folder are directive files.

use crate::store::common::*;
use dondoc::model::Status;
use dondoc::store::edit::Change;
use dondoc::store::write::write_edit;

fn directive(id: &str) -> String {
    format!("{SOURCE}\n[[directive]]\nid = \"{id}\"\ntext = \"x\"\nowner = \"so-tc\"\nstatus = \"open\"\n")
}

fn paths(ws: &dondoc::model::Workspace) -> Vec<&str> {
    ws.files.iter().map(|f| f.path.as_str()).collect()
}

#[test]
fn directive_files_are_found_at_any_depth_in_path_order() {
    let t = TestWs::new();
    t.write("a/b/c/d/e/x.toml", &directive("deep"));
    t.write("top.toml", &directive("top"));
    t.write("2023/09/giao-ban.toml", &directive("mid"));
    let ws = t.load();
    assert_eq!(problems(&ws), Vec::<String>::new());
    assert_eq!(
        paths(&ws),
        ["2023/09/giao-ban.toml", "a/b/c/d/e/x.toml", "top.toml"]
    );
    let deep = ws.directive("deep").unwrap();
    assert_eq!(ws.file_of(deep).path, "a/b/c/d/e/x.toml");
}

#[test]
fn hidden_folders_hidden_files_and_other_extensions_are_skipped() {
    let t = TestWs::new();
    t.write(".git/config.toml", &directive("git"));
    t.write(".hidden/x.toml", &directive("hidden"));
    t.write("2023/.draft.toml", &directive("draft"));
    t.write("2023/notes.md", "# not TOML");
    t.write("2023/x.toml.bak", "broken = ");
    t.write("2023/X.TOML", &directive("upper"));
    t.write("2023/real.toml", &directive("real"));
    let ws = t.load();
    assert_eq!(problems(&ws), Vec::<String>::new());
    assert_eq!(paths(&ws), ["2023/real.toml"]);
}

#[test]
fn dondoc_toml_in_a_sub_folder_is_not_a_directive_file() {
    // Only the root dondoc.toml configures the workspace; another one below (a copied
    // workspace) is a config, not a list of directives, and is left alone.
    let t = TestWs::new();
    t.write("old/dondoc.toml", OWNERS);
    t.write("old/2022.toml", &directive("old"));
    let ws = t.load();
    assert_eq!(problems(&ws), Vec::<String>::new());
    assert_eq!(paths(&ws), ["old/2022.toml"]);
}

#[test]
fn a_workspace_with_no_directive_files_loads_empty() {
    let t = TestWs::new();
    let ws = t.load();
    assert!(ws.files.is_empty() && ws.directives.is_empty() && ws.problems.is_empty());
    assert_eq!(ws.owners.len(), 3);
    assert_eq!(ws.groups, ["Sở, ngành", "Huyện, thành ủy"]);
}

#[cfg(unix)]
#[test]
fn symlinked_folders_are_not_followed_so_loops_cannot_hang() {
    let t = TestWs::new();
    t.write("a/x.toml", &directive("x"));
    std::os::unix::fs::symlink(t.root(), t.path("a/loop")).unwrap();
    std::os::unix::fs::symlink(t.path("a"), t.path("again")).unwrap();
    let ws = t.load();
    assert_eq!(problems(&ws), Vec::<String>::new());
    assert_eq!(paths(&ws), ["a/x.toml"]);
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_read_and_written_through() {
    let t = TestWs::new();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("shared.toml");
    std::fs::write(&target, directive("linked")).unwrap();
    std::os::unix::fs::symlink(&target, t.path("linked.toml")).unwrap();
    let mut ws = t.load();
    assert_eq!(paths(&ws), ["linked.toml"]);
    let e = edit(
        "linked",
        Change {
            status: Some(Status::InProgress),
            ..Default::default()
        },
    );
    write_edit(&mut ws, &e).unwrap();
    // The link is still a link, and the file it points to has the change.
    let meta = std::fs::symlink_metadata(t.path("linked.toml")).unwrap();
    assert!(meta.file_type().is_symlink());
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("status = \"in_progress\""), "{text}");
    assert_eq!(ws.directive("linked").unwrap().status, Status::InProgress);
}

#[test]
fn reload_file_picks_up_new_changed_and_removed_files() {
    let t = TestWs::new();
    t.write("a.toml", &directive("a"));
    t.write("b.toml", &directive("b"));
    let mut ws = t.load();
    t.write("c.toml", &directive("c"));
    ws.reload_file("c.toml");
    assert!(ws.directive("c").is_some());
    std::fs::remove_file(t.path("a.toml")).unwrap();
    ws.reload_file("a.toml");
    assert_eq!(paths(&ws), ["b.toml", "c.toml"]);
    assert!(ws.directive("a").is_none());
    // Indices into `files` still point at the right file after the removal.
    for d in &ws.directives {
        assert_eq!(ws.file_of(d).path, format!("{}.toml", d.id));
    }
    // A file that stops parsing keeps its last good directives on screen, marked broken.
    t.write("b.toml", "[[directive]\n");
    ws.reload_file("b.toml");
    assert!(ws.directive("b").is_some());
    assert!(ws.files[ws.directive("b").unwrap().file].broken.is_some());
    assert_eq!(
        problems(&ws),
        ["b.toml:1:13: TOML syntax: unclosed array table, expected `]`"]
    );
}
