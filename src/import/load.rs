//! A document into proposals, for `dondoc import` and the UI's review alike: the bytes of a
//! notice or a sheet (or a notice's pasted text) parsed against the registry; and, for the
//! UI, a typed path found and read, and the new meeting file named.

use super::read::{self, Kind, ReadError};
use super::review::Review;
use super::sheet::{self, Field, SheetOptions};
use super::{notice, render, Proposal};
use crate::i18n::{import as t, Lang};
use crate::model::{Owner, Workspace};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What the command line may say about how to read a document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub sheet: Option<String>,
    pub map: Vec<(String, Field)>,
    pub source_title: Option<String>,
    pub source_date: Option<NaiveDate>,
}

#[derive(Debug)]
pub enum LoadError {
    Read(ReadError),
    /// `--map` names columns the sheet does not have.
    UnknownColumns(Vec<String>),
}

impl LoadError {
    pub fn message(&self, lang: Lang, path: &str) -> String {
        match self {
            LoadError::Read(e) => format!("{path}: {}", t::read_error(lang, e)),
            LoadError::UnknownColumns(c) => t::unknown_columns(lang, c, path),
        }
    }
}

/// The document's proposals: one for a notice, one per distinct source for a sheet. `stem`
/// (the file's name) titles a source that has none.
pub fn proposals(
    kind: Kind,
    bytes: &[u8],
    stem: &str,
    owners: &[Owner],
    opts: &Options,
    today: NaiveDate,
) -> Result<Vec<Proposal>, LoadError> {
    let mut proposals = match kind {
        Kind::Text | Kind::Docx => {
            let blocks = match kind {
                Kind::Docx => read::docx_blocks(bytes),
                _ => read::text_blocks(bytes),
            }
            .map_err(LoadError::Read)?;
            let mut p = notice::parse(&blocks, owners, opts.source_date.unwrap_or(today));
            if p.source.title.trim().is_empty() {
                p.source.title = stem.to_string();
            }
            vec![p]
        }
        Kind::Xlsx | Kind::Csv => {
            let cells = match kind {
                Kind::Csv => read::csv_cells(bytes),
                _ => read::workbook_cells(bytes, opts.sheet.as_deref()),
            }
            .map_err(LoadError::Read)?;
            let unknown = sheet::unknown_map_keys(&cells, &opts.map);
            if !unknown.is_empty() {
                return Err(LoadError::UnknownColumns(unknown));
            }
            let sheet_opts = SheetOptions {
                map: opts.map.clone(),
                source_title: opts.source_title.clone(),
                source_date: opts.source_date,
                file_title: stem.to_string(),
                today: Some(today),
            };
            sheet::parse_sheet(&cells, owners, &sheet_opts, today)
        }
    };
    for p in &mut proposals {
        if let Some(title) = &opts.source_title {
            p.source.title = title.clone();
        }
        if let Some(date) = opts.source_date {
            p.source.date = Some(date);
        }
    }
    Ok(proposals)
}

/// A notice pasted as text (into the UI's prompt).
pub fn pasted(text: &str, owners: &[Owner], today: NaiveDate, lang: Lang) -> Proposal {
    let blocks = notice::blocks_from_text(text);
    let mut p = notice::parse(&blocks, owners, today);
    if p.source.title.trim().is_empty() {
        p.source.title = t::tr(lang, t::PASTED).to_string();
    }
    p
}

/// Where a typed path is: as typed when absolute (`~/` is the home folder), else from the
/// current folder, else from the workspace. Err: the places looked in.
pub fn find(typed: &str, cwd: &Path, root: &Path) -> Result<PathBuf, Vec<String>> {
    let typed = typed.trim();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let path = match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(typed),
    };
    if path.is_absolute() {
        return if path.exists() {
            Ok(path)
        } else {
            Err(vec![path.display().to_string()])
        };
    }
    let places = [cwd.to_path_buf(), root.to_path_buf()];
    for place in &places {
        let p = place.join(&path);
        if p.exists() {
            return Ok(p);
        }
    }
    Err(places.iter().map(|p| p.display().to_string()).collect())
}

/// A new meeting file for a source: `YEAR/NAME.toml`, with `-2`, `-3` … when taken.
pub fn new_file_name(ws: &Workspace, stem: &str, date: Option<NaiveDate>) -> String {
    let name = render::slug(stem);
    let dir = date
        .map(|d| d.format("%Y/").to_string())
        .unwrap_or_default();
    let taken = |rel: &str| ws.root.join(rel).exists() || ws.files.iter().any(|f| f.path == rel);
    let mut rel = format!("{dir}{name}.toml");
    let mut n = 2;
    while taken(&rel) {
        rel = format!("{dir}{name}-{n}.toml");
        n += 1;
    }
    rel
}

/// What the UI's prompt asked for: a document's path, or a notice's text pasted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(String),
    Text(String),
}

/// Reads what the prompt gave into a review, or says why not (in the UI's language).
pub fn open(
    input: &Input,
    ws: &Workspace,
    cwd: &Path,
    today: NaiveDate,
    lang: Lang,
) -> Result<Review, String> {
    let (proposal, origin, stem) = match input {
        Input::Text(text) => {
            let p = pasted(text, &ws.owners, today, lang);
            // Named by the notice's number ("thong-bao-so-512-tb-tu"): a title is too long.
            let stem = match &p.source.reference {
                Some(r) if crate::fold::fold(r).starts_with(char::is_alphabetic) => {
                    if crate::fold::fold(r).starts_with("so") {
                        format!("thong-bao-{r}")
                    } else {
                        r.clone()
                    }
                }
                Some(r) => format!("thong-bao-{r}"),
                None => "thong-bao".to_string(),
            };
            (p, t::tr(lang, t::PASTED).to_string(), stem)
        }
        Input::Path(typed) => {
            let shown = render::one_line(typed);
            if typed.trim().is_empty() {
                return Err(t::tr(lang, t::EMPTY_PATH).to_string());
            }
            let path = find(typed, cwd, &ws.root)
                .map_err(|looked| t::no_such_file(lang, &shown, &looked))?;
            if path.is_dir() {
                return Err(t::is_a_folder(lang, &shown));
            }
            let kind = Kind::of(&path).ok_or_else(|| t::not_a_document(lang, &shown))?;
            let bytes = std::fs::read(&path)
                .map_err(|e| t::cannot_read(lang, &shown, &render::one_line(&e.to_string())))?;
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "import".into());
            let mut ps = proposals(kind, &bytes, &stem, &ws.owners, &Options::default(), today)
                .map_err(|e| render::one_line(&e.message(lang, &shown)))?;
            if ps.len() > 1 {
                return Err(t::several_sources_ui(lang, &shown, ps.len()));
            }
            let p = ps.pop().unwrap_or_default();
            (p, shown, stem)
        }
    };
    let rel = new_file_name(ws, &stem, proposal.source.date);
    Ok(Review::new(proposal, &origin, &rel))
}
