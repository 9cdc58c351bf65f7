//! The one CSV writer (RFC 4180: comma, CRLF line ends, quotes doubled), for `list` and the
//! reports. A CSV is opened in a spreadsheet or printed to a terminal, so every cell from the
//! files is made safe for both:
//!
//! - a cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or
//!   a carriage return) gets a leading `'`, unless it is a plain number (`-5` stays `-5`);
//! - escape sequences and invisible characters are shown as symbols ([`crate::term_text`]);
//!   line breaks and tabs inside a cell stay, quoted.

use crate::term_text;
use std::borrow::Cow;
use std::io::{self, Write};

/// Appends one record (ending in CRLF) to `out`.
pub fn push_row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(cell.as_ref()));
    }
    out.push_str("\r\n");
}

/// Writes one record (ending in CRLF).
pub fn write_row<S: AsRef<str>>(
    out: &mut dyn Write,
    cells: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    let mut line = String::new();
    push_row(&mut line, cells);
    out.write_all(line.as_bytes())
}

/// One cell as written: made safe, then quoted when it holds a comma, a quote, a line break or
/// spaces at an edge.
pub fn field(cell: &str) -> Cow<'_, str> {
    let cell = safe(cell);
    let needs_quotes =
        cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", cell.replace('"', "\"\"")).into()
    } else {
        cell
    }
}

/// The cell with formulas neutralised and unsafe characters shown as symbols.
fn safe(cell: &str) -> Cow<'_, str> {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(cell);
    let unsafe_char = |c: char| c != '\n' && c != '\t' && term_text::is_unsafe(c);
    if !formula && !cell.chars().any(unsafe_char) {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 1);
    if formula {
        out.push('\'');
    }
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A Windows line end inside a cell is one line break.
            '\r' if chars.peek() == Some(&'\n') => {}
            c if unsafe_char(c) => out.push(term_text::visible_char(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A plain decimal number (`-5`, `+3`, `0.25`, `-1.5e3`): a spreadsheet reads it as a number,
/// never as a formula.
fn is_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => (digits(int) || int.is_empty()) && digits(frac),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("two\r\nlines"), "\"two\nlines\"");
        assert_eq!(field(" edge"), "\" edge\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_stay_numbers() {
        assert_eq!(
            field("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(field("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\t=1"), "'\t=1");
        assert_eq!(field("\r=1"), "'␍=1");
        assert_eq!(field("-"), "'-");
        for number in ["-5", "+3", "-0.25", "0.1250", "-1.5e3", "12", "-.5"] {
            assert_eq!(field(number), number);
        }
        // Only the start matters: a dash inside is text as usual.
        assert_eq!(field("gb-2023-08-05"), "gb-2023-08-05");
        assert_eq!(field("2023-10-15"), "2023-10-15");
    }

    #[test]
    fn escapes_are_shown_not_sent() {
        assert_eq!(field("a\x1b[2Jb\u{202e}"), "a␛[2Jb¿");
        assert_eq!(field("tab\there"), "tab\there");
    }

    #[test]
    fn rows_end_in_crlf() {
        let mut out = String::new();
        push_row(&mut out, ["a", "b,c", "-5", "=1"]);
        assert_eq!(out, "a,\"b,c\",-5,'=1\r\n");
        let mut bytes = Vec::new();
        write_row(&mut bytes, vec!["x".to_string()]).unwrap();
        assert_eq!(bytes, b"x\r\n");
    }
}
