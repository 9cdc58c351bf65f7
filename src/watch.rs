//! Live reload plumbing for the UI: a debounced watcher on the workspace that reports which
//! TOML files changed (by `git pull`, an editor or another dondoc); [`read_changed`] reads
//! them without touching the workspace and [`apply_changes`] puts them in and says which
//! directives changed (the UI runs the first on its effect runner, the second in `App::apply`).

use crate::model::{Directive, Workspace};
use crate::store::files::{FileContent, FileRead};
use crate::store::{self, changes, is_directive_file, load::relative_path_string, CONFIG_FILE};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Changes closer together than this arrive as one batch (a `git pull` touching many files).
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Watches while alive; dropping it stops the OS watcher, which ends the batching thread.
pub struct Watcher {
    _watcher: notify::RecommendedWatcher,
}

/// What the watcher reports: changed files (relative paths with `/`, sorted, deduplicated),
/// or an error from the OS watcher (e.g. the inotify limit) to show in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    Changed(Vec<String>),
    Error(String),
}

/// Starts watching `root` recursively. `on_event` runs on the watcher's thread: send the event
/// into the UI's channel from it. `.git/`, hidden folders, dondoc's temporary files and
/// anything not `.toml` are left out; a batch with nothing left is not reported.
pub fn watch(
    root: &Path,
    mut on_event: impl FnMut(WatchEvent) + Send + 'static,
) -> Result<Watcher, notify::Error> {
    let roots: Vec<PathBuf> = [Some(root.to_path_buf()), root.canonicalize().ok()]
        .into_iter()
        .flatten()
        .collect();
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })?;
    watcher.watch(root, RecursiveMode::Recursive)?;
    std::thread::Builder::new()
        .name("dondoc-watch".into())
        .spawn(move || {
            // Blocks until something happens, then gathers what follows within DEBOUNCE.
            while let Ok(first) = rx.recv() {
                let mut batch = vec![first];
                while let Ok(next) = rx.recv_timeout(DEBOUNCE) {
                    batch.push(next);
                }
                let mut paths = BTreeSet::new();
                for event in batch {
                    match event {
                        // Opening or reading a file (`git status`, `cat`, our own reload)
                        // changes nothing; reporting it would make every reload report
                        // itself again, for ever.
                        Ok(e) if matches!(e.kind, EventKind::Access(_)) => {}
                        Ok(e) => paths.extend(e.paths.iter().filter_map(|p| {
                            roots
                                .iter()
                                .find_map(|r| p.strip_prefix(r).ok())
                                .map(relative_path_string)
                                .filter(|rel| is_workspace_file(rel))
                        })),
                        Err(e) => on_event(WatchEvent::Error(format!("watching files: {e}"))),
                    }
                }
                if !paths.is_empty() {
                    on_event(WatchEvent::Changed(paths.into_iter().collect()));
                }
            }
        })
        .map_err(notify::Error::io)?;
    Ok(Watcher { _watcher: watcher })
}

/// A path (relative, `/`) that can matter to the workspace: the root's `dondoc.toml`, or a
/// directive file by the loader's own rule ([`is_directive_file`]).
pub fn is_workspace_file(rel: &str) -> bool {
    rel == CONFIG_FILE || is_directive_file(rel)
}

/// What a reload changed, for the status line ("3 directives updated: ...") and the marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReloadSummary {
    pub updated: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Changed files that no longer parse: their last good directives stay, marked broken.
    pub broken_files: Vec<String>,
    /// `dondoc.toml` changed: the whole workspace was reloaded.
    pub config_changed: bool,
    /// The whole reload failed (e.g. `dondoc.toml` was deleted); the workspace is unchanged.
    pub error: Option<String>,
    /// `dondoc.toml` stopped parsing: the workspace as last read stays (its units, its
    /// title), and this is why (`dondoc.toml:line:col`).
    pub config_broken: Option<crate::model::Problem>,
}

impl ReloadSummary {
    pub fn is_empty(&self) -> bool {
        *self == ReloadSummary::default()
    }
}

/// Changed files read from disk, not yet in the workspace.
#[derive(Debug)]
pub enum Reread {
    /// `dondoc.toml` changed: the whole workspace, read again (or why it could not be).
    Workspace(Result<Box<Workspace>, String>),
    /// Directive files, each as it is on disk now.
    Files(Vec<FileRead>),
}

impl Reread {
    /// Every file read is the one already loaded (dondoc's own write seen again, a touch):
    /// putting it in would change nothing.
    pub fn is_unchanged(&self) -> bool {
        match self {
            Reread::Workspace(_) => false,
            Reread::Files(files) => files
                .iter()
                .all(|f| matches!(f.content, FileContent::Unchanged)),
        }
    }
}

/// Reads the changed files; changes nothing. A change to `dondoc.toml` reads everything.
pub fn read_changed(ws: &Workspace, paths: &[String]) -> Reread {
    if paths.iter().any(|p| p == CONFIG_FILE) {
        return Reread::Workspace(
            store::load(&ws.root)
                .map(Box::new)
                .map_err(|e| e.to_string()),
        );
    }
    Reread::Files(
        paths
            .iter()
            .filter(|p| is_directive_file(p))
            .map(|p| ws.read_file(p))
            .collect(),
    )
}

/// Puts what [`read_changed`] read into `ws` and says what changed. A file whose bytes on disk
/// are the ones already loaded changes nothing: dondoc's own write (already put in) or a touch.
pub fn apply_changes(ws: &mut Workspace, reread: Reread) -> ReloadSummary {
    let mut summary = ReloadSummary::default();
    let files = match reread {
        Reread::Workspace(result) => {
            summary.config_changed = true;
            match result {
                // A registry half-typed in an editor (or holding conflict markers) would
                // empty the units pane: keep the last good workspace, as for a broken file.
                Ok(new) if new.config_broken && !ws.config_broken => {
                    summary.config_broken = Some(
                        new.config_problems
                            .first()
                            .or_else(|| new.problems.iter().find(|p| p.path == CONFIG_FILE))
                            .cloned()
                            .unwrap_or_else(|| crate::model::Problem {
                                path: CONFIG_FILE.to_string(),
                                line: 1,
                                col: 1,
                                kind: crate::model::ProblemKind::EmptyFile,
                            }),
                    );
                }
                Ok(new) => {
                    let before = by_id(ws.directives.iter());
                    *ws = *new;
                    let after = by_id(ws.directives.iter());
                    diff(&before, &after, &mut summary);
                    summary.broken_files = ws
                        .files
                        .iter()
                        .filter(|f| f.broken.is_some())
                        .map(|f| f.path.clone())
                        .collect();
                }
                Err(e) => summary.error = Some(e),
            }
            return summary;
        }
        Reread::Files(files) => files,
    };
    let files: Vec<FileRead> = files
        .into_iter()
        .filter(|f| !matches!(f.content, FileContent::Unchanged))
        .collect();
    let candidates: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let in_candidates = |ws: &Workspace, d: &Directive| candidates.contains(&ws.files[d.file].path);
    let before = by_id(ws.directives.iter().filter(|d| in_candidates(ws, d)));
    let mut changed = Vec::new();
    for file in files {
        let path = file.path.clone();
        if ws.put_file(file) {
            changed.push(path);
        }
    }
    if changed.is_empty() {
        return summary;
    }
    let after = by_id(ws.directives.iter().filter(|d| in_candidates(ws, d)));
    diff(&before, &after, &mut summary);
    summary.broken_files = ws
        .files
        .iter()
        .filter(|f| f.broken.is_some() && changed.contains(&f.path))
        .map(|f| f.path.clone())
        .collect();
    summary
}

/// Reads the changed files and puts them into `ws` ([`read_changed`], then [`apply_changes`]).
pub fn reload_changed(ws: &mut Workspace, paths: &[String]) -> ReloadSummary {
    let reread = read_changed(ws, paths);
    apply_changes(ws, reread)
}

fn by_id<'a>(directives: impl Iterator<Item = &'a Directive>) -> changes::Snapshot {
    changes::snapshot(directives)
}

fn diff(before: &changes::Snapshot, after: &changes::Snapshot, summary: &mut ReloadSummary) {
    let changes = changes::between(before, after);
    summary.updated = changes.updated;
    summary.added = changes.added;
    summary.removed = changes.removed;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    const CONFIG: &str = "title = \"t\"\n[[owner]]\nid = \"a\"\nname = \"A\"\n";

    fn file(status: &str) -> String {
        format!(
            "[source]\ntitle = \"m\"\ndate = 2023-08-25\n\n[[directive]]\nid = \"d1\"\ntext = \"x\"\nowner = \"a\"\nstatus = \"{status}\"\n\n[[directive]]\nid = \"d2\"\ntext = \"y\"\nowner = \"a\"\nstatus = \"open\"\n"
        )
    }

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), CONFIG).unwrap();
        std::fs::write(dir.path().join("m.toml"), file("open")).unwrap();
        let ws = store::load(dir.path()).unwrap();
        (dir, ws)
    }

    #[test]
    fn filters_paths() {
        assert!(is_workspace_file("2023/a.toml"));
        assert!(is_workspace_file("dondoc.toml"));
        assert!(!is_workspace_file(".git/config.toml"));
        assert!(!is_workspace_file("2023/.dondoc-abc.tmp"));
        assert!(!is_workspace_file("2023/.dondoc-abc.toml"));
        assert!(!is_workspace_file("notes.txt"));
        // A config in a sub-folder (a copied workspace) is no directive file: the loader's rule.
        assert!(!is_workspace_file("old/dondoc.toml"));
    }

    #[test]
    fn a_nested_dondoc_toml_is_not_loaded_as_a_directive_file() {
        let (dir, mut ws) = workspace();
        std::fs::create_dir(dir.path().join("old")).unwrap();
        std::fs::write(dir.path().join("old").join(CONFIG_FILE), CONFIG).unwrap();
        let s = reload_changed(&mut ws, &["old/dondoc.toml".to_string()]);
        assert!(s.is_empty(), "{s:?}");
        assert_eq!(ws.files.len(), 1);
        assert!(ws.problems.is_empty(), "{:?}", ws.problems);
        // What `dondoc validate` loads: the same files, the same (no) problems.
        let fresh = store::load(dir.path()).unwrap();
        assert_eq!(fresh.files.len(), ws.files.len());
        assert_eq!(fresh.problems.len(), ws.problems.len());
    }

    #[test]
    fn a_reloaded_file_keeps_its_place_in_the_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), CONFIG).unwrap();
        let two = |p: &str| {
            file("open")
                .replace("d1", &format!("{p}-1"))
                .replace("d2", &format!("{p}-2"))
        };
        std::fs::write(dir.path().join("a.toml"), two("a")).unwrap();
        std::fs::write(dir.path().join("b.toml"), two("b")).unwrap();
        let mut ws = store::load(dir.path()).unwrap();
        let ids = |ws: &Workspace| {
            ws.directives
                .iter()
                .map(|d| d.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&ws), ["a-1", "a-2", "b-1", "b-2"]);
        std::fs::write(
            dir.path().join("a.toml"),
            format!("# comment\n{}", two("a")),
        )
        .unwrap();
        let s = reload_changed(&mut ws, &["a.toml".to_string()]);
        assert!(s.is_empty(), "only a comment changed: {s:?}");
        assert_eq!(ids(&ws), ["a-1", "a-2", "b-1", "b-2"]);
        // A new file in between takes its place by path too.
        std::fs::write(dir.path().join("ab.toml"), two("ab")).unwrap();
        reload_changed(&mut ws, &["ab.toml".to_string()]);
        assert_eq!(ids(&ws), ["a-1", "a-2", "ab-1", "ab-2", "b-1", "b-2"]);
        assert_eq!(ids(&ws), ids(&store::load(dir.path()).unwrap()));
    }

    #[test]
    fn reload_reports_updated_added_removed() {
        let (dir, mut ws) = workspace();
        let changed = file("blocked").replace("id = \"d2\"", "id = \"d3\"");
        std::fs::write(dir.path().join("m.toml"), changed).unwrap();
        let s = reload_changed(&mut ws, &["m.toml".to_string()]);
        assert_eq!(s.updated, vec!["d1"]);
        assert_eq!(s.added, vec!["d3"]);
        assert_eq!(s.removed, vec!["d2"]);
        assert_eq!(ws.directive("d1").unwrap().status, Status::Blocked);
        // The same bytes again (our own write, already loaded): nothing to do.
        assert!(reload_changed(&mut ws, &["m.toml".to_string()]).is_empty());
    }

    #[test]
    fn broken_file_keeps_last_good_directives() {
        let (dir, mut ws) = workspace();
        std::fs::write(dir.path().join("m.toml"), "[source]\ntitle = \"m\n").unwrap();
        let s = reload_changed(&mut ws, &["m.toml".to_string()]);
        assert_eq!(s.broken_files, vec!["m.toml"]);
        assert!(s.updated.is_empty() && s.removed.is_empty());
        assert_eq!(ws.directives.len(), 2);
        let f = &ws.files[0];
        assert!(matches!(
            f.broken,
            Some(crate::model::ProblemKind::TomlSyntax(_))
        ));
        assert_eq!(f.source.title, "m");
        assert!(ws
            .problems
            .iter()
            .any(|p| p.path == "m.toml" && p.line == 2));
        // Fixed again: the new contents come in.
        std::fs::write(
            dir.path().join("m.toml"),
            file("done").replace(
                "status = \"done\"",
                "status = \"done\"\ndone_on = 2023-10-01",
            ),
        )
        .unwrap();
        let s = reload_changed(&mut ws, &["m.toml".to_string()]);
        assert_eq!(s.updated, vec!["d1"]);
        assert!(ws.files[0].broken.is_none());
    }

    #[test]
    fn deleted_file_and_config_change() {
        let (dir, mut ws) = workspace();
        std::fs::remove_file(dir.path().join("m.toml")).unwrap();
        let s = reload_changed(&mut ws, &["m.toml".to_string()]);
        assert_eq!(s.removed, vec!["d1", "d2"]);
        assert!(ws.files.is_empty());
        std::fs::write(dir.path().join("n.toml"), file("open")).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            CONFIG.replace("title = \"t\"", "title = \"u\""),
        )
        .unwrap();
        let s = reload_changed(&mut ws, &[CONFIG_FILE.to_string()]);
        assert!(s.config_changed);
        assert_eq!(s.added, vec!["d1", "d2"]);
        assert_eq!(ws.title, "u");
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        let (dir, _ws) = workspace();
        let (tx, rx) = std::sync::mpsc::channel();
        let _watcher = watch(dir.path(), move |e| {
            let _ = tx.send(e);
        })
        .unwrap();
        // Readers of the workspace: git status, another dondoc, dondoc's own reload.
        for _ in 0..3 {
            std::fs::read(dir.path().join(CONFIG_FILE)).unwrap();
            std::fs::read(dir.path().join("m.toml")).unwrap();
        }
        std::fs::write(dir.path().join("n.toml"), file("open")).unwrap();
        // The reads came first: had they been reported, they would be in this batch or before.
        let first = rx.recv_timeout(Duration::from_secs(30)).unwrap();
        assert_eq!(first, WatchEvent::Changed(vec!["n.toml".to_string()]));
    }
}
