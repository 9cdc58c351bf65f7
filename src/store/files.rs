//! Which files are directive files, and one directive file read from disk apart from putting
//! it into the workspace: the UI reads on its effect runner (`&Workspace`) and puts the result
//! in from its one mutator, so what it shows never changes behind its back.

use super::load::{load_file, FileLoad};
use super::{text, CONFIG_FILE};
use crate::model::Workspace;
use std::collections::HashSet;
use std::path::{Component, Path};

/// Whether `rel`, a path relative to the workspace root (`2023/giao-ban.toml`), is a directive
/// file: a `.toml` that is not a `dondoc.toml` (the root's configures the workspace; one in a
/// sub-folder, a copied workspace say, is a config too) and not inside a hidden folder or
/// hidden itself (`.git/`, dondoc's own `.dondoc-*.toml` temporary files).
pub fn is_directive_file(rel: impl AsRef<Path>) -> bool {
    let rel = rel.as_ref();
    let mut names = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => names.push(name.to_string_lossy()),
            // Only relative paths below the root.
            _ => return false,
        }
    }
    let Some(name) = names.last() else {
        return false;
    };
    names.iter().all(|n| !n.starts_with('.')) && name.ends_with(".toml") && name != CONFIG_FILE
}

/// One directive file as read from disk, not yet in the workspace ([`Workspace::put_file`]).
#[derive(Debug)]
pub struct FileRead {
    /// Relative to the root, with `/`.
    pub path: String,
    pub content: FileContent,
}

#[derive(Debug)]
pub enum FileContent {
    /// The bytes on disk are the ones already loaded (dondoc's own write seen again, a
    /// touch), or the file is absent from both: nothing to do.
    Unchanged,
    /// The file is gone from the disk.
    Gone,
    /// Boxed: a parsed file is large beside the other two.
    Parsed(Box<FileLoad>),
}

impl Workspace {
    /// Reads and parses one directive file (`rel` relative to the root); changes nothing.
    pub fn read_file(&self, rel: &str) -> FileRead {
        let existing = self.files.iter().position(|f| f.path == rel);
        let bytes = text::read_limited(&self.root.join(rel));
        let gone = matches!(&bytes, Err(e) if e.kind() == std::io::ErrorKind::NotFound);
        let unchanged = match (&bytes, existing) {
            (Ok(b), Some(i)) => text::fingerprint(b) == self.files[i].fingerprint,
            (Err(_), None) => gone,
            _ => false,
        };
        let content = if unchanged {
            FileContent::Unchanged
        } else if gone {
            FileContent::Gone
        } else {
            let known_owners: Option<HashSet<String>> =
                (!self.config_broken).then(|| self.owners.iter().map(|o| o.id.clone()).collect());
            FileContent::Parsed(Box::new(load_file(rel, bytes, known_owners.as_ref())))
        };
        FileRead {
            path: rel.to_string(),
            content,
        }
    }

    /// Puts a file read by [`Workspace::read_file`] into the workspace: new, replaced or
    /// dropped. Returns false when that changed nothing. The directives stay in the order of
    /// a fresh load (by file path, then line), whichever file changed last.
    pub fn put_file(&mut self, read: FileRead) -> bool {
        let rel = read.path.as_str();
        let existing = self.files.iter().position(|f| f.path == rel);
        match (read.content, existing) {
            (FileContent::Unchanged, _) | (FileContent::Gone, None) => return false,
            (FileContent::Gone, Some(index)) => {
                self.directives.retain(|d| d.file != index);
                self.files.remove(index);
                for d in &mut self.directives {
                    if d.file > index {
                        d.file -= 1;
                    }
                }
            }
            (FileContent::Parsed(mut load), Some(index)) => {
                if load.file.broken.is_some() {
                    // A file that stops parsing (a half-saved edit, a conflict) keeps its last
                    // good directives on screen, marked broken with the error; it is never
                    // written while broken.
                    load.file.source = self.files[index].source.clone();
                    self.files[index] = load.file;
                } else {
                    self.directives.retain(|d| d.file != index);
                    self.files[index] = load.file;
                    let mut known = self.known_ids();
                    self.insert_directives(index, load.directives, &mut known);
                }
            }
            (FileContent::Parsed(load), None) => {
                let mut known = self.known_ids();
                self.add_file(*load, &mut known);
            }
        }
        self.sort_directives();
        self.recheck();
        true
    }

    /// By file path, then line: the order of a fresh load.
    fn sort_directives(&mut self) {
        let files = &self.files;
        self.directives
            .sort_by(|a, b| (&files[a.file].path, a.line).cmp(&(&files[b.file].path, b.line)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_files_are_the_visible_toml_files_but_dondoc_toml() {
        assert!(is_directive_file("a.toml"));
        assert!(is_directive_file("2023/giao ban.toml"));
        assert!(is_directive_file(Path::new("2023").join("b.toml")));
        assert!(!is_directive_file("dondoc.toml"));
        assert!(!is_directive_file("old/dondoc.toml"));
        assert!(!is_directive_file(".git/config.toml"));
        assert!(!is_directive_file("2023/.dondoc-abc.toml"));
        assert!(!is_directive_file(".hidden/a.toml"));
        assert!(!is_directive_file("notes.txt"));
        assert!(!is_directive_file("2023"));
        assert!(!is_directive_file(""));
        assert!(!is_directive_file("/abs/a.toml"));
        assert!(!is_directive_file("../a.toml"));
    }

    #[test]
    fn which_files_hold_directives() {
        assert!(is_directive_file("a.toml"));
        assert!(is_directive_file("2023/giao-ban.toml"));
        assert!(!is_directive_file("dondoc.toml"));
        assert!(!is_directive_file("old/dondoc.toml"));
        assert!(!is_directive_file(".git/x.toml"));
        assert!(!is_directive_file("2023/.dondoc-abc.toml"));
        assert!(!is_directive_file("2023/.dondoc-abc.tmp"));
        assert!(!is_directive_file("notes.txt"));
        assert!(!is_directive_file(""));
    }
}
