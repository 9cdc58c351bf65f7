//! `dondoc completions SHELL`: the shell's completion script for every command and option,
//! generated from the same definitions clap parses with; the descriptions that zsh and fish
//! show are in the language of the run.

use super::{help, output, Context};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install:\n  \
    bash: dondoc completions bash > ~/.local/share/bash-completion/completions/dondoc\n  \
    zsh:  dondoc completions zsh > ~/.zfunc/_dondoc   (with fpath+=~/.zfunc before compinit)\n  \
    fish: dondoc completions fish > ~/.config/fish/completions/dondoc.fish")]
pub struct Args {
    /// The shell: bash, zsh, fish (also elvish, powershell)
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let mut cmd = help::command(ctx.lang);
    output::to_stdout(|out| {
        clap_complete::generate(args.shell, &mut cmd, "dondoc", out);
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
