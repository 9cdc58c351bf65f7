//! `dondoc validate`: every problem as `path:line:col: message`, exit 1 if there is one; fit
//! to run as a check in the data repository.

use super::{output, Context};
use crate::i18n::cli as text;
use crate::store;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    // Only the problems and the counts: from the cache, no directive is decoded.
    let ws = store::load_problems(&ctx.data)?;
    let mut problems: Vec<_> = ws.problems.iter().collect();
    problems.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    output::to_stdout(|out| {
        // One problem a line whatever the file names and values hold (a newline, an escape).
        for p in &problems {
            writeln!(
                out,
                "{}",
                crate::term_text::visible(&crate::i18n::store::problem(ctx.lang, p))
            )?;
        }
        Ok(())
    })?;
    // Warnings (TOML 1.1 syntax, a note on several lines) are listed but do not fail.
    let errors: Vec<_> = problems.iter().filter(|p| !p.kind.is_warning()).collect();
    let warnings = problems.len() - errors.len();
    if errors.is_empty() {
        let summary = text::validate_ok(ctx.lang, ws.directives, ws.files, ws.owners);
        let summary = match warnings {
            0 => summary,
            n => format!("{summary} ({})", text::warnings(ctx.lang, n)),
        };
        output::to_stdout(|out| writeln!(out, "{summary}"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let files = {
        let mut paths: Vec<&str> = errors.iter().map(|p| p.path.as_str()).collect();
        paths.dedup();
        paths.len()
    };
    eprintln!(
        "dondoc: {}",
        text::validate_failed(ctx.lang, errors.len(), files)
    );
    Ok(ExitCode::from(1))
}
