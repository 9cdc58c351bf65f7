//! Which files of a workspace folder hold directives: the one rule the loader's walk and the
//! watcher both follow.

use std::path::{Component, Path};

use super::CONFIG_FILE;

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
}
