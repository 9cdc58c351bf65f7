//! `dondoc import`: a conclusion notice (.docx, .txt, .md) or a tracking sheet (.xlsx, .csv)
//! proposed as a directive file. `--dry-run` shows it; otherwise it is written through the
//! store (new meeting file, directives appended with `created = true` entries) only when every
//! task has a lead unit (or `--allow-unassigned`, which writes those as drafts).

use super::{output, Context, Refused};
use crate::author;
use crate::i18n::store::apply_error;
use crate::i18n::{cli as c, import as t, Lang};
use crate::import::load;
use crate::import::read::Kind;
use crate::import::render::{self, Stamp};
use crate::import::sheet::Field;
use crate::import::{write, Proposal};
use crate::model::Workspace;
use crate::store::create::{self, NewDirective};
use crate::store::write::WriteError;
use anyhow::Context as _;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: a notice (.docx, .txt, .md) or a tracking sheet (.xlsx, .csv)
    pub file: PathBuf,
    /// The directive file to write, relative to the workspace; an existing one gets the
    /// directives appended (default: YEAR/NAME-OF-THE-DOCUMENT.toml)
    #[arg(long, value_name = "FILE")]
    pub into: Option<PathBuf>,
    /// Print the proposed file and a summary; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Write tasks with no lead unit as drafts (draft = true) instead of refusing
    #[arg(long)]
    pub allow_unassigned: bool,
    /// The sheet of a workbook to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Columns: COLUMN=FIELD, COLUMN a header, a letter or a number; FIELD one of text, owner,
    /// support, deadline, status, note, source, done_on, issued_by, skip
    #[arg(long, value_name = "COL=FIELD", value_delimiter = ',')]
    pub map: Vec<String>,
    /// The title of the source (default: from the document)
    #[arg(long, value_name = "TITLE")]
    pub source_title: Option<String>,
    /// The date of the source, e.g. 25/8/2023 or 2023-08-25 (default: from the document)
    #[arg(long, value_name = "DATE")]
    pub source_date: Option<String>,
    /// Who imports (default: $DONDOC_USER, git user.name, login name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// One file to write: where, whether it exists, the directives and the text they make.
struct Planned {
    rel: String,
    append: bool,
    new: Vec<NewDirective>,
    /// The new file, or what the directives add at the end of the existing one.
    preview: String,
    proposal: Proposal,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let map = parse_map(ctx.lang, &args.map)?;
    let source_date: Option<NaiveDate> = args
        .source_date
        .as_deref()
        .map(|d| crate::dates::parse_date(d, ctx.today))
        .transpose()
        .map_err(|e| super::date_error(ctx.lang, "--source-date", &e))?;
    let shown = args.file.display().to_string();
    let kind =
        Kind::of(&args.file).ok_or_else(|| anyhow::anyhow!(t::not_a_document(ctx.lang, &shown)))?;
    let bytes = fs::read(&args.file).with_context(|| shown.clone())?;
    let mut ws = crate::store::load(&ctx.data)?;
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    let opts = load::Options {
        sheet: args.sheet.clone(),
        map,
        source_title: args.source_title.clone(),
        source_date,
    };
    let proposals = load::proposals(kind, &bytes, &stem, &ws.owners, &opts, ctx.today)
        .map_err(|e| anyhow::anyhow!(e.message(ctx.lang, &shown)))?;
    if args.into.is_some() && proposals.len() > 1 {
        return Err(Refused(t::several_sources(ctx.lang, &shown, proposals.len())).into());
    }

    let stamp = Stamp {
        by: author::resolve(args.by.as_deref(), &ctx.data),
        at: ctx.now(),
    };
    let lang = ctx.lang;
    let planned = plan(&ws, &args, lang, &stem, proposals, &stamp)?;

    // A new meeting file needs its date (`validate` rejects a [source] without one): a
    // document that does not give it, and no --source-date, is said, never written undated.
    let undated: Vec<&str> = planned
        .iter()
        .filter(|p| !p.append && p.proposal.source.date.is_none())
        .map(|p| p.rel.as_str())
        .collect();
    if args.dry_run {
        output::to_stdout(|out| {
            for p in &planned {
                writeln!(out, "{}", t::would_write(lang, p.append, &p.rel))?;
                out.write_all(p.preview.as_bytes())?;
                writeln!(out)?;
            }
            for p in &planned {
                review(out, lang, &p.proposal, planned.len() > 1)?;
            }
            for rel in &undated {
                writeln!(out, "{}", t::no_source_date(lang, rel))?;
            }
            Ok(())
        })?;
        return Ok(ExitCode::SUCCESS);
    }

    if planned.iter().all(|p| p.new.is_empty()) {
        let mut msg = Vec::new();
        for p in &planned {
            review(&mut msg, lang, &p.proposal, planned.len() > 1)?;
        }
        eprint!("{}", String::from_utf8_lossy(&msg));
        return Err(Refused(t::no_task(lang, &shown)).into());
    }
    let unassigned: usize = planned
        .iter()
        .map(|p| {
            p.proposal
                .drafts
                .iter()
                .filter(|d| d.owner.is_none())
                .count()
        })
        .sum();
    if unassigned > 0 && !args.allow_unassigned {
        let mut msg = Vec::new();
        for p in &planned {
            review(&mut msg, lang, &p.proposal, planned.len() > 1)?;
        }
        eprint!("{}", String::from_utf8_lossy(&msg));
        return Err(Refused(t::unassigned_refused(lang, unassigned)).into());
    }

    if let Some(rel) = undated.first() {
        return Err(Refused(t::no_source_date(lang, rel)).into());
    }
    for p in &planned {
        write_one(&mut ws, lang, p, &stamp)?;
    }
    output::to_stdout(|out| {
        for p in &planned {
            review(out, lang, &p.proposal, planned.len() > 1)?;
            writeln!(out, "{}", t::wrote(lang, p.append, &p.rel))?;
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn parse_map(lang: Lang, items: &[String]) -> anyhow::Result<Vec<(String, Field)>> {
    items
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let (col, field) = s
                .rsplit_once('=')
                .ok_or_else(|| anyhow::anyhow!(t::bad_map_item(lang, s)))?;
            let field = Field::parse(field)
                .ok_or_else(|| anyhow::anyhow!(t::bad_map_field(lang, s, field)))?;
            Ok((col.trim().to_string(), field))
        })
        .collect()
}

/// Where each proposal goes and what is written there.
fn plan(
    ws: &Workspace,
    args: &Args,
    lang: Lang,
    stem: &str,
    proposals: Vec<Proposal>,
    stamp: &Stamp,
) -> anyhow::Result<Vec<Planned>> {
    let mut taken: HashSet<String> = ws.directives.iter().map(|d| d.id.clone()).collect();
    let many = proposals.len() > 1;
    let mut out: Vec<Planned> = Vec::new();
    for (i, p) in proposals.into_iter().enumerate() {
        let rel = match &args.into {
            Some(into) => relative(lang, &ws.root, into)?,
            None => {
                let mut name = render::slug(stem);
                if many {
                    name = format!("{name}-{}", i + 1);
                }
                match p.source.date {
                    Some(d) => format!("{}/{name}.toml", d.format("%Y")),
                    None => format!("{name}.toml"),
                }
            }
        };
        let append = ws.root.join(&rel).exists();
        if append && args.into.is_none() {
            return Err(Refused(t::exists_use_into(lang, &rel)).into());
        }
        if out.iter().any(|o| o.rel == rel) {
            return Err(Refused(t::two_sources_one_file(lang, &rel)).into());
        }
        let file_stem = Path::new(&rel)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (new, preview) = if append {
            let Some(file) = ws.files.iter().find(|f| f.path == rel) else {
                return Err(Refused(t::not_a_directive_file(lang, &rel)).into());
            };
            if let Some(reason) = &file.broken {
                return Err(Refused(t::broken_file(
                    lang,
                    &rel,
                    &crate::i18n::store::problem_kind(lang, reason),
                ))
                .into());
            }
            let ids: Vec<&str> = ws
                .directives
                .iter()
                .filter(|d| ws.files[d.file].path == rel)
                .map(|d| d.id.as_str())
                .collect();
            let prefix = render::prefix_of(&file_stem, &ids);
            let new = render::to_new(&p, &render::assign_ids(&p.drafts, &prefix, &taken));
            let original = fs::read_to_string(ws.root.join(&rel)).with_context(|| rel.clone())?;
            let after = create::append_directives(&original, &new, &stamp.by, stamp.at)
                .map_err(|e| Refused(format!("{rel}: {}", apply_error(lang, &e))))?;
            let added = after.strip_prefix(&original).unwrap_or(&after).to_string();
            (new, added)
        } else {
            let prefix = render::slug(&file_stem);
            let new = render::to_new(&p, &render::assign_ids(&p.drafts, &prefix, &taken));
            let text = render::new_file(&p, &new, stamp)
                .map_err(|e| Refused(format!("{rel}: {}", apply_error(lang, &e))))?;
            (new, text)
        };
        // The ids this file takes are not free for the next one.
        taken.extend(new.iter().map(|d| d.id.clone()));
        out.push(Planned {
            rel,
            append,
            new,
            preview,
            proposal: p,
        });
    }
    Ok(out)
}

/// `--into` relative to the workspace; an absolute path must lie inside it.
fn relative(lang: Lang, root: &Path, into: &Path) -> anyhow::Result<String> {
    let rel = if into.is_absolute() {
        let root_abs = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let parent = into.parent().unwrap_or(Path::new("/"));
        let parent_abs = fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
        let rel_parent = parent_abs.strip_prefix(&root_abs).map_err(|_| {
            Refused(t::outside_workspace(
                lang,
                &into.display().to_string(),
                &root.display().to_string(),
            ))
        })?;
        rel_parent.join(into.file_name().unwrap_or_default())
    } else {
        into.to_path_buf()
    };
    if rel.extension().and_then(|e| e.to_str()) != Some("toml")
        || rel.file_name().and_then(|n| n.to_str()) == Some(crate::store::CONFIG_FILE)
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(Refused(t::bad_into(lang, &into.display().to_string())).into());
    }
    Ok(crate::store::load::relative_path_string(&rel))
}

/// Writes one planned file through the import's one write path (as the UI's review does).
fn write_one(ws: &mut Workspace, lang: Lang, p: &Planned, stamp: &Stamp) -> anyhow::Result<()> {
    let result = if p.append {
        write::append(ws, &p.rel, &p.new, &stamp.by, stamp.at)
    } else {
        write::new_file(ws, &p.rel, &p.proposal.source, &p.new, &stamp.by, stamp.at)
    };
    result.map(|_| ()).map_err(|e| {
        let why = t::nothing_written(lang, &crate::i18n::store::write_error(lang, &e));
        match e {
            WriteError::Io { .. } => anyhow::anyhow!(why),
            _ => Refused(why).into(),
        }
    })
}

/// The summary, the tasks to review and what became no task.
fn review(
    out: &mut dyn std::io::Write,
    lang: Lang,
    p: &Proposal,
    name_source: bool,
) -> std::io::Result<()> {
    if name_source {
        writeln!(out, "== {}", render::one_line(&p.source.title))?;
    }
    writeln!(out, "{}", c::import_summary(lang, &p.summary()))?;
    let (to_review, skipped) = c::import_review(lang);
    let flagged: Vec<_> = p.drafts.iter().filter(|d| !d.flags.is_empty()).collect();
    if !flagged.is_empty() {
        writeln!(out, "{to_review}:")?;
        for d in flagged {
            let why: Vec<String> = d.flags.iter().map(|f| c::import_flag(lang, f)).collect();
            writeln!(
                out,
                "  {} {}: {} [{}]",
                label_line(lang),
                d.line,
                crate::term_text::fit(&render::one_line(&d.text), 80),
                render::one_line(&why.join("; "))
            )?;
        }
    }
    if !p.skipped.is_empty() {
        writeln!(out, "{skipped}:")?;
        for s in &p.skipped {
            writeln!(
                out,
                "  {} {} ({}): {}",
                label_line(lang),
                s.line,
                c::import_skip_kind(lang, s.kind),
                crate::term_text::fit(&render::one_line(&s.text), 100)
            )?;
        }
    }
    Ok(())
}

fn label_line(lang: Lang) -> &'static str {
    t::tr(lang, t::LINE)
}
