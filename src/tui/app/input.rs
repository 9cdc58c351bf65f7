//! The one text editor of the UI: every prompt, the search line and each field of a form type
//! into an [`Input`], a `ratatui-textarea` editor (cursor moves, Home/End, Delete, word delete,
//! paste) holding one line or several.
//!
//! The app sees the text as a string ([`Input::as_str`], kept in step with the editor), so
//! the rules compare and parse plain text; the view draws the editor's text and cursor.

use crate::tui::action::EditOp;
use ratatui_textarea::{CursorMove, TextArea};

/// A text being typed.
#[derive(Clone)]
pub struct Input {
    area: TextArea<'static>,
    /// The editor's lines joined by `\n`: what the app reads.
    text: String,
    multi_line: bool,
}

impl Default for Input {
    fn default() -> Input {
        Input::line("")
    }
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}@{:?}", self.text, self.cursor())
    }
}

/// Two inputs are equal when they hold the same text with the cursor at the same place.
impl PartialEq for Input {
    fn eq(&self, other: &Input) -> bool {
        self.text == other.text
            && self.cursor() == other.cursor()
            && self.multi_line == other.multi_line
    }
}

impl Eq for Input {}

impl PartialEq<&str> for Input {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialEq<str> for Input {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl From<&str> for Input {
    fn from(s: &str) -> Input {
        Input::line(s)
    }
}

impl From<String> for Input {
    fn from(s: String) -> Input {
        Input::line(&s)
    }
}

impl Input {
    /// One line, the cursor at its end. Line breaks in `text` become spaces.
    pub fn line(text: &str) -> Input {
        let mut input = Input {
            area: TextArea::default(),
            text: String::new(),
            multi_line: false,
        };
        input.set_text(text);
        input
    }

    /// Several lines (Enter starts a new one), the cursor at the end.
    pub fn lines(text: &str) -> Input {
        let mut input = Input {
            area: TextArea::default(),
            text: String::new(),
            multi_line: true,
        };
        input.set_text(text);
        input
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn is_multi_line(&self) -> bool {
        self.multi_line
    }

    /// The editor's lines.
    pub fn rows(&self) -> &[String] {
        self.area.lines()
    }

    /// (row, column in characters) of the cursor.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    /// Replaces the whole text; the cursor goes to its end.
    pub fn set_text(&mut self, text: &str) {
        let text = self.clean(text);
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        self.area = TextArea::new(lines);
        self.area.move_cursor(CursorMove::Bottom);
        self.area.move_cursor(CursorMove::End);
        self.sync();
    }

    pub fn clear(&mut self) {
        self.set_text("");
    }

    /// Types one character at the cursor (control characters are not text).
    pub fn type_char(&mut self, c: char) {
        if c == '\t' {
            self.area.insert_char(' ');
        } else if !c.is_control() {
            self.area.insert_char(c);
        }
        self.sync();
    }

    /// Pasted text at the cursor: in one line, line breaks and tabs become spaces; control
    /// characters (escape sequences in a paste) are dropped.
    pub fn paste(&mut self, text: &str) {
        let text = self.clean(text);
        self.area.insert_str(text);
        self.sync();
    }

    /// An editing key. Returns false when it did nothing here (Up on a one-line input),
    /// so the caller may give the key another meaning.
    pub fn apply(&mut self, op: EditOp) -> bool {
        let a = &mut self.area;
        match op {
            EditOp::Left => a.move_cursor(CursorMove::Back),
            EditOp::Right => a.move_cursor(CursorMove::Forward),
            EditOp::WordLeft => a.move_cursor(CursorMove::WordBack),
            EditOp::WordRight => a.move_cursor(CursorMove::WordForward),
            EditOp::Home => a.move_cursor(CursorMove::Head),
            EditOp::End => a.move_cursor(CursorMove::End),
            EditOp::Up if self.multi_line => a.move_cursor(CursorMove::Up),
            EditOp::Down if self.multi_line => a.move_cursor(CursorMove::Down),
            EditOp::Up | EditOp::Down => return false,
            EditOp::Backspace => {
                a.delete_char();
            }
            EditOp::Delete => {
                a.delete_next_char();
            }
            EditOp::DeleteWord => {
                a.delete_word();
            }
            EditOp::Clear => {
                self.clear();
                return true;
            }
            EditOp::Newline if self.multi_line => a.insert_newline(),
            EditOp::Newline => return false,
        }
        self.sync();
        true
    }

    fn clean(&self, text: &str) -> String {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        text.chars()
            .filter_map(|c| match c {
                '\n' if self.multi_line => Some('\n'),
                '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect()
    }

    fn sync(&mut self) {
        self.text = self.area.lines().join("\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(input: &mut Input, ops: &[EditOp]) {
        for op in ops {
            input.apply(*op);
        }
    }

    #[test]
    fn a_typo_in_the_middle_is_fixed_without_retyping() {
        let mut i = Input::line("Đã họp vơi các xã");
        ops(
            &mut i,
            &[EditOp::Home, EditOp::WordRight, EditOp::WordRight],
        );
        ops(&mut i, &[EditOp::Right, EditOp::Delete]);
        i.type_char('ớ');
        assert_eq!(i.as_str(), "Đã họp với các xã");
        ops(&mut i, &[EditOp::End, EditOp::DeleteWord]);
        assert_eq!(i.as_str(), "Đã họp với các ");
        ops(
            &mut i,
            &[EditOp::Backspace, EditOp::Left, EditOp::Backspace],
        );
        assert_eq!(i.as_str(), "Đã họp với cc");
        assert_eq!(i.cursor(), (0, 12));
    }

    #[test]
    fn a_paste_in_one_line_joins_its_lines() {
        let mut i = Input::line("Ghi chú: ");
        i.paste("dòng một\r\ndòng hai\tba\x1b[31m");
        assert_eq!(i.as_str(), "Ghi chú: dòng một dòng hai ba[31m");
        let mut m = Input::lines("");
        m.paste("một\nhai");
        assert_eq!(m.rows(), ["một", "hai"]);
        assert_eq!(m.as_str(), "một\nhai");
        assert!(!Input::line("x").apply(EditOp::Newline));
    }
}
