//! Reading a workspace: `dondoc.toml`, then every directive file below the root, in parallel;
//! and reloading one file when it changed. A broken file never stops the rest; every problem
//! gets a `path:line:col`. The checks themselves are in `directive_file` and `config_file`.

use super::config_file::parse_config;
pub use super::config_file::CONFIG_FILE;
pub use super::directive_file::{load_file, log_time, FileLoad};
use super::files::is_directive_file;
use crate::model::*;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Why there is no workspace to show. The sentences are in `i18n::store`.
#[derive(Debug)]
pub enum LoadError {
    NotAFolder(PathBuf),
    NoConfig(PathBuf),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::load_error(crate::i18n::Lang::En, self))
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Loads the workspace at `root`. Errors only when there is no workspace to show at all.
pub fn load(root: &Path) -> Result<Workspace, LoadError> {
    if !root.is_dir() {
        return Err(if root.exists() {
            LoadError::NotAFolder(root.to_path_buf())
        } else {
            LoadError::NoConfig(root.to_path_buf())
        });
    }
    let config_path = root.join(CONFIG_FILE);
    let config_bytes = match super::text::read_limited(&config_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NoConfig(root.to_path_buf()))
        }
        Err(e) => {
            return Err(LoadError::Io {
                path: config_path,
                source: e,
            })
        }
    };
    let mut ws = Workspace {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let known_owners = parse_config(&config_bytes, &mut ws);

    let mut paths = Vec::new();
    collect_directive_files(root, root, &mut paths);
    paths.sort();
    let loaded: Vec<FileLoad> = paths
        .par_iter()
        .map(|rel| {
            let bytes = super::text::read_limited(&root.join(rel));
            load_file(rel, bytes, known_owners.as_ref())
        })
        .collect();
    // One id map for the whole load: rebuilding it per file made loading quadratic.
    let mut known = KnownIds::new();
    for file in loaded {
        ws.add_file(file, &mut known);
    }
    ws.recheck();
    Ok(ws)
}

/// Directive id → (file index, line).
type KnownIds = HashMap<String, (usize, usize)>;

impl Workspace {
    pub(super) fn known_ids(&self) -> KnownIds {
        self.directives
            .iter()
            .map(|d| (d.id.clone(), (d.file, d.line)))
            .collect()
    }

    pub(super) fn add_file(&mut self, load: FileLoad, known: &mut KnownIds) {
        let index = self.files.len();
        self.files.push(load.file);
        self.insert_directives(index, load.directives, known);
    }

    /// Adds a file's directives, leaving out ids already used elsewhere (each such is a
    /// problem); `known` must hold the workspace's ids and gets the new ones.
    pub(super) fn insert_directives(
        &mut self,
        file_index: usize,
        directives: Vec<Directive>,
        known: &mut KnownIds,
    ) {
        for mut d in directives {
            d.file = file_index;
            if let Some(&(other_file, other_line)) = known.get(&d.id) {
                let kind = ProblemKind::DuplicateId {
                    id: d.id.clone(),
                    path: self.files[other_file].path.clone(),
                    line: other_line,
                };
                let (line, col) = d.id_pos;
                let path = self.files[file_index].path.clone();
                self.files[file_index].problems.push(Problem {
                    path,
                    line,
                    col,
                    kind,
                });
                continue;
            }
            known.insert(d.id.clone(), (file_index, d.line));
            self.directives.push(d);
        }
    }

    /// Re-reads one directive file (after a write, or when it changed on disk); `rel` is
    /// relative to the root. A file that no longer exists is dropped. Returns false, having
    /// changed nothing, when the bytes on disk are the ones already loaded (dondoc's own
    /// write seen again by the watcher, a touch), the file is absent from both, or `rel` is
    /// not a directive file ([`is_directive_file`]: a sub-folder's `dondoc.toml`, say).
    pub fn reload_file(&mut self, rel: &str) -> bool {
        // Whoever reports the change (the watcher, git), only directive files are loaded.
        if !is_directive_file(rel) {
            return false;
        }
        let read = self.read_file(rel);
        self.put_file(read)
    }

    /// Gathers every problem: the config's and each file's, in path order.
    pub fn recheck(&mut self) {
        let mut problems = self.config_problems.clone();
        let mut files: Vec<&SourceFile> = self.files.iter().collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        for f in files {
            problems.extend(f.problems.iter().cloned());
        }
        self.problems = problems;
    }
}

/// Every directive file below `dir`, as paths relative to `root` with `/` separators.
fn collect_directive_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        // Symlinked folders are not followed: they could loop.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                collect_directive_files(root, &path, out);
            }
        } else if is_directive_file(rel)
            // A symlink to a file is read; one to a folder is not followed.
            && (kind.is_file() || (kind.is_symlink() && path.is_file()))
        {
            out.push(relative_path_string(rel));
        }
    }
}

/// A relative path with `/` separators, as shown to users.
pub fn relative_path_string(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn directive_file(ids: &[&str]) -> String {
        let mut s = "[source]\ntitle = \"Giao ban\"\ndate = 2023-08-25\n".to_string();
        for id in ids {
            s.push_str(&format!(
                "\n[[directive]]\nid = \"{id}\"\ntext = \"Việc {id}\"\nowner = \"a\"\nstatus = \"open\"\n"
            ));
        }
        s
    }

    #[test]
    fn an_id_used_in_two_files_is_kept_once_and_reported_where_it_was_first() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            CONFIG_FILE,
            "title = \"T\"\n[[owner]]\nid = \"a\"\nname = \"A\"\ngroup = \"G\"\n",
        );
        write(root, "1.toml", &directive_file(&["x-1", "x-2"]));
        write(root, "2.toml", &directive_file(&["x-3", "x-1"]));
        let mut ws = load(root).unwrap();
        let ids: Vec<&str> = ws.directives.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x-1", "x-2", "x-3"]);
        let problems: Vec<String> = ws.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            ["2.toml:12:6: duplicate id \"x-1\": already used at 1.toml:5"]
        );
        // Reloading the second file finds the same duplicate against the first.
        ws.reload_file("2.toml");
        assert_eq!(ws.directives.len(), 3);
        assert_eq!(ws.problems.len(), 1);
        // A new file with a known id, seen by a reload.
        write(root, "3.toml", &directive_file(&["x-2", "x-4"]));
        ws.reload_file("3.toml");
        let ids: Vec<&str> = ws.directives.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x-1", "x-2", "x-3", "x-4"]);
        assert_eq!(ws.problems.len(), 2);
    }

    #[test]
    fn only_directive_files_are_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let config = "title = \"T\"\n[[owner]]\nid = \"a\"\nname = \"A\"\ngroup = \"G\"\n";
        write(root, CONFIG_FILE, config);
        write(root, "2023/1.toml", &directive_file(&["x-1"]));
        // A copied workspace's settings, a hidden folder, a temporary file, not TOML.
        write(
            root,
            "old/dondoc.toml",
            "title = \"Old\"\n[[owner]]\nid = \"b\"\n",
        );
        write(root, ".git/x.toml", &directive_file(&["x-2"]));
        write(root, "2023/.dondoc-tmp.toml", &directive_file(&["x-3"]));
        write(root, "notes.txt", "[[directive]]");
        let mut ws = load(root).unwrap();
        let files: Vec<&str> = ws.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(files, ["2023/1.toml"]);
        assert_eq!(ws.problems, vec![]);
        assert_eq!(ws.directives.len(), 1);
        // A reload asked for by the watcher goes by the same rule.
        for rel in [
            "old/dondoc.toml",
            ".git/x.toml",
            "2023/.dondoc-tmp.toml",
            "notes.txt",
        ] {
            assert!(!ws.reload_file(rel), "{rel}");
        }
        assert_eq!(ws.files.len(), 1);
        assert_eq!(ws.problems, vec![]);
    }

    #[test]
    fn format_1_1_keys_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            CONFIG_FILE,
            r#"title = "T"
timezone = "Asia/Ho_Chi_Minh"
[report]
issuer = "TỈNH ỦY BẮC KẠN"
motto = "ĐẢNG CỘNG SẢN VIỆT NAM"
signer_title = ["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
[[owner]]
id = "a"
name = "Huyện ủy A"
group = "G"
aliases = ["UBND huyện A"]
addressee = "Ban Thường vụ Huyện ủy A"
"#,
        );
        write(
            root,
            "1.toml",
            r#"[source]
title = "Giao ban"
date = 2023-08-25
issued_by = "Thường trực Tỉnh ủy"

[[directive]]
id = "x-01"
text = "Việc"
owner = "a"
deadline = 2023-10-31
first_deadline = 2023-09-30
status = "done"
done_on = 2023-10-20
done_ref = "Báo cáo số 45/BC-UBND"

[[directive.log]]
at = 2023-08-25T09:00:00+07:00
by = "A"
created = true
text = "Việc"
owner = "a"
support = ["a"]
deadline = 2023-09-30

[[directive.log]]
at = 2023-09-20T09:00:00+07:00
by = "A"
deadline = 2023-10-31
reason = "Đơn vị đề nghị"
ref = "Công văn 12/UBND"
approved_by = "Phó Bí thư"

[[directive.log]]
at = 2023-10-01T09:00:00+07:00
by = "A"
reminder = true
ref = "Công văn 99-CV/VPTU"

[[directive]]
id = "x-02"
text = "Nháp"
draft = true
status = "open"
"#,
        );
        let ws = load(root).unwrap();
        assert_eq!(ws.problems, vec![]);
        assert_eq!(ws.timezone.as_deref(), Some("Asia/Ho_Chi_Minh"));
        assert_eq!(ws.report.motto, ["ĐẢNG CỘNG SẢN VIỆT NAM"]);
        assert_eq!(ws.report.signer_title.len(), 2);
        assert_eq!(ws.owners[0].aliases, ["UBND huyện A"]);
        assert_eq!(ws.owners[0].addressee(), "Ban Thường vụ Huyện ủy A");
        assert_eq!(
            ws.files[0].source.issued_by.as_deref(),
            Some("Thường trực Tỉnh ủy")
        );
        let d = &ws.directives[0];
        assert_eq!(d.done_ref.as_deref(), Some("Báo cáo số 45/BC-UBND"));
        assert!(d.log[0].created);
        assert_eq!(d.log[0].support.as_deref(), Some(&["a".to_string()][..]));
        assert_eq!(d.extensions(), 1);
        assert_eq!(
            d.latest_extension().unwrap().reason.as_deref(),
            Some("Đơn vị đề nghị")
        );
        assert_eq!(d.reminders().count(), 1);
        assert!(ws.directives[1].draft);
        assert_eq!(ws.directives[1].owner, "");
    }
}
