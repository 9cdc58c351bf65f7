//! What the new commands share: units and files named on the command line, the author and
//! time of a change, committing a new file when `[git] commit` is on.

use super::{Context, Refused};
use crate::i18n::{cli as text, Lang};
use crate::model::Workspace;
use std::path::Path;

/// The unit ids named by `value` (ids, names or group names, comma-separated; case and
/// diacritics ignored), or a refusal naming what matched nothing.
pub fn resolve(
    lang: Lang,
    ws: &Workspace,
    option: &str,
    value: &str,
) -> Result<Vec<String>, Refused> {
    crate::owners::resolve(&ws.owners, &ws.groups, value).map_err(|unknown| {
        Refused(text::unknown_unit(
            lang,
            option,
            &unknown,
            ws.owners.first().map_or("ba-be", |o| o.id.as_str()),
            ws.groups.first().map_or("Huyện, thành ủy", String::as_str),
        ))
    })
}

/// The directive file named by `--source`: its path in the workspace, its file name, or a
/// path to it from the current folder.
pub fn source_file(lang: Lang, ws: &Workspace, value: &str) -> Result<String, Refused> {
    let value = value.trim();
    // Compared composed (NFC): a file named on a Mac (NFD) matches its name typed elsewhere.
    let rel = crate::fold::nfc(value.trim_start_matches("./"));
    let rel = rel.as_str();
    if let Some(f) = ws.files.iter().find(|f| crate::fold::nfc(&f.path) == rel) {
        return Ok(f.path.clone());
    }
    let by_name: Vec<&str> = ws
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| {
            let p = crate::fold::nfc(p);
            p.rsplit('/').next() == Some(rel) || p.strip_suffix(".toml") == Some(rel)
        })
        .collect();
    if let [one] = by_name.as_slice() {
        return Ok(one.to_string());
    }
    if let (Ok(full), Ok(root)) = (
        std::fs::canonicalize(Path::new(value)),
        std::fs::canonicalize(&ws.root),
    ) {
        if let Ok(inside) = full.strip_prefix(&root) {
            let inside = crate::store::load::relative_path_string(inside);
            if ws.files.iter().any(|f| f.path == inside) {
                return Ok(inside);
            }
        }
    }
    Err(Refused(if by_name.len() > 1 {
        text::several_sources(lang, value, &by_name)
    } else {
        text::no_such_source(lang, value)
    }))
}

/// Commits `path` when `[git] commit` is on; a failure is a warning (the file is saved).
pub fn commit(ctx: &Context, ws: &Workspace, path: &str, message: &str, by: &str) {
    if !ctx.config.git.commit.unwrap_or(ws.git.commit) || crate::git::repo_root(&ws.root).is_none()
    {
        return;
    }
    match crate::git::commit_edit(&ws.root, path, message, by) {
        Ok(c) => eprintln!("dondoc: {}", text::committed(ctx.lang, &c)),
        Err(e) => eprintln!(
            "dondoc: {}",
            text::not_committed(ctx.lang, &text::git_error(ctx.lang, &e))
        ),
    }
}

/// `--text -` reads the text from stdin.
pub fn text_arg(lang: Lang, value: &str) -> anyhow::Result<String> {
    if value != "-" {
        return Ok(value.to_string());
    }
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
        .map_err(|e| anyhow::anyhow!(text::cannot_read_stdin(lang, &e)))?;
    Ok(text.trim().to_string())
}
