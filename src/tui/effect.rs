//! Side effects the app asks for, and the runner that carries them out: writes through the
//! store's one write path, reloads, `$EDITOR`. The result comes back as an [`Outcome`].

use crate::model::Workspace;
use crate::store::edit::{Change, Edit};
use crate::store::write::{write_edit, WriteError, Written};
use crate::store::{self, LoadError};
use chrono::{DateTime, FixedOffset};
use std::io::Write as _;

use super::app::Prompt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write one change (already resolved against the directive as shown).
    Write(WriteRequest),
    /// Read the whole workspace again.
    Reload,
    /// Open `$EDITOR` on the prompt's text; the prompt comes back with what was written.
    Editor(Prompt),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteRequest {
    pub id: String,
    pub change: Change,
    /// An undo: not itself pushed on the undo stack.
    pub undo: bool,
    /// The prompt the user typed into, reopened with the text if the write fails.
    pub prompt: Option<Prompt>,
}

#[derive(Debug)]
pub enum Outcome {
    Written {
        request: WriteRequest,
        written: Written,
    },
    WriteFailed {
        request: WriteRequest,
        error: WriteError,
    },
    Reloaded(Result<Box<Workspace>, LoadError>),
    EditorClosed {
        prompt: Prompt,
        result: std::io::Result<String>,
    },
}

type Clock = Box<dyn Fn() -> DateTime<FixedOffset>>;
type Editor = Box<dyn FnMut(&str) -> std::io::Result<String>>;

/// Runs effects. The clock and the editor can be replaced (tests use a fixed time and a fake
/// editor); the terminal UI wraps the editor to leave and restore the screen around it.
pub struct Runner {
    author: String,
    clock: Clock,
    editor: Editor,
}

impl Runner {
    /// `author` signs every log entry (resolved once at startup).
    pub fn new(author: String) -> Runner {
        Runner {
            author,
            clock: Box::new(|| chrono::Local::now().fixed_offset()),
            editor: Box::new(|text| edit_in_editor(&editor_command(), text)),
        }
    }

    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<FixedOffset> + 'static) -> Runner {
        self.clock = Box::new(clock);
        self
    }

    pub fn with_editor(
        mut self,
        editor: impl FnMut(&str) -> std::io::Result<String> + 'static,
    ) -> Runner {
        self.editor = Box::new(editor);
        self
    }

    pub fn author(&self) -> &str {
        &self.author
    }

    pub fn run(&mut self, effect: Effect, ws: &mut Workspace) -> Outcome {
        match effect {
            Effect::Write(request) => {
                let edit = Edit {
                    id: request.id.clone(),
                    change: request.change.clone(),
                    by: self.author.clone(),
                    at: (self.clock)(),
                };
                match write_edit(ws, &edit) {
                    Ok(written) => Outcome::Written { request, written },
                    Err(error) => Outcome::WriteFailed { request, error },
                }
            }
            Effect::Reload => Outcome::Reloaded(store::load(&ws.root).map(Box::new)),
            Effect::Editor(prompt) => {
                let result = (self.editor)(&prompt.input).map(|text| note_from_editor(&text));
                Outcome::EditorClosed { prompt, result }
            }
        }
    }
}

/// `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs `command` (through the shell, so `EDITOR="code --wait"` works) on a temporary file
/// holding `initial`, and returns the file's text afterwards.
pub fn edit_in_editor(command: &str, initial: &str) -> std::io::Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix("dondoc-note-")
        .suffix(".txt")
        .tempfile()?;
    writeln!(file, "{initial}")?;
    file.flush()?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()?;
    if !status.success() {
        return Err(std::io::Error::other(format!(
            "{command} exited with {status}"
        )));
    }
    std::fs::read_to_string(file.path())
}

/// A note is one line: the editor's non-empty lines, trimmed and joined by spaces.
pub fn note_from_editor(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_note_becomes_one_line() {
        assert_eq!(
            note_from_editor("\n  Đã họp với các xã \n\nngày 12/10; còn vướng\n  \n"),
            "Đã họp với các xã ngày 12/10; còn vướng"
        );
        assert_eq!(note_from_editor("\n\n"), "");
    }

    #[test]
    fn the_editor_edits_a_temp_file() {
        // `sed -i` stands in for an interactive editor.
        let out = edit_in_editor("sed -i 's/cũ/mới/'", "ghi chú cũ").unwrap();
        assert_eq!(out, "ghi chú mới\n");
        assert!(edit_in_editor("false", "x").is_err());
    }
}
