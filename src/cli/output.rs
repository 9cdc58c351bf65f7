//! Printing for the CLI: a locked, buffered stdout that ends quietly on a closed pipe, tables
//! aligned by display width, JSON and CSV records of directives, and small text helpers.

use crate::csv_out;
use crate::model::{Directive, Name, Workspace};
pub use crate::term_text::pad;
use crate::term_text::{self, fit, width};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, IsTerminal, Write};

/// Runs `print` on a locked, buffered stdout. A reader that stops early (`dondoc list | head`)
/// closes the pipe: that is a normal end, not an error.
pub fn to_stdout(print: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let result = if terminal {
        // Whatever the format (CSV, JSON, a table), text from the files reaches a terminal
        // only as visible symbols: no escape sequence, no bidi override.
        let mut buffer = Vec::new();
        print(&mut buffer).and_then(|()| {
            let text = String::from_utf8_lossy(&buffer);
            out.write_all(terminal_safe(&text).as_bytes())
        })
    } else {
        print(&mut out)
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(OutputError(e).into()),
    }
}

/// `text` with every character a terminal would obey or hide shown as a symbol, keeping its
/// line breaks and tabs.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && c != '\t' && term_text::is_unsafe(c);
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if unsafe_char(c) {
                    term_text::visible_char(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// One line on stderr, prefixed `dondoc: `, made one safe line (a value or file name from
/// the files cannot break it or act on the terminal).
pub fn note(line: &str) {
    let _ = writeln!(io::stderr(), "dondoc: {}", term_text::visible(line));
}

/// Stdout failed (a full disk, a closed terminal); said in the invocation's language.
#[derive(Debug)]
pub struct OutputError(pub io::Error);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::i18n::cli::cannot_write_output(crate::i18n::Lang::En, &self.0);
        f.write_str(&text)
    }
}

impl std::error::Error for OutputError {}

/// The terminal's width in columns when stdout is a terminal; `None` when it is a pipe or file
/// (then nothing is cut).
pub fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(cols, _)| usize::from(cols))
        .filter(|&c| c > 0)
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
}

/// One line for a table cell: line breaks and tabs become spaces, other unsafe characters a
/// visible symbol ([`term_text`]).
pub fn one_line(s: &str) -> String {
    term_text::one_line(s).into_owned()
}

/// Breaks `text` into lines of at most `width` columns (never fewer than 10), made safe for
/// the terminal ([`term_text::wrap`]).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    term_text::wrap(text, width.max(10))
}

/// A table printed with columns aligned by display width (Vietnamese and CJK line up), every
/// cell made one safe line. The last column takes what is left of `max_width` and is cut with
/// "…"; without `max_width` nothing is cut.
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

const GAP: &str = "  ";

impl Table {
    pub fn print(&self, out: &mut dyn Write, max_width: Option<usize>) -> io::Result<()> {
        let columns = self.headers.len();
        let safe = |row: &[String]| -> Vec<String> {
            row.iter().take(columns).map(|c| one_line(c)).collect()
        };
        let rows: Vec<Vec<String>> = std::iter::once(&self.headers)
            .chain(&self.rows)
            .map(|r| safe(r))
            .collect();
        let mut widths = vec![0; columns];
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let fixed: usize = widths[..columns - 1].iter().sum::<usize>() + GAP.len() * (columns - 1);
        // The last column keeps at least a few characters even on a very narrow terminal.
        let last_width = max_width.map(|w| w.saturating_sub(fixed).max(12));
        let mut line = String::new();
        for row in &rows {
            line.clear();
            for (i, cell) in row.iter().enumerate() {
                if i + 1 == columns {
                    match last_width {
                        Some(w) => line.push_str(&fit(cell, w)),
                        None => line.push_str(cell),
                    }
                } else {
                    line.push_str(&pad(cell, widths[i]));
                    line.push_str(GAP);
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// One directive as `list --format json` prints it: every field, absent ones as null.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub owner: &'a str,
    pub support: &'a [Name],
    pub issued_by: Option<&'a str>,
    pub deadline: Option<NaiveDate>,
    pub status: &'static str,
    pub done_on: Option<NaiveDate>,
    pub note: Option<&'a str>,
    pub timeliness: &'static str,
    pub file: &'a str,
    pub line: usize,
    pub source: SourceRecord<'a>,
}

#[derive(Debug, Serialize)]
pub struct SourceRecord<'a> {
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    #[serde(rename = "ref")]
    pub reference: Option<&'a str>,
}

/// `s` as a JSON string, as serde_json writes it: most strings need no escape, and are copied
/// whole (serde_json looks at each byte in turn, a tenth of a `list`'s time).
fn json_str(buf: &mut Vec<u8>, s: &str) {
    let plain = !s.bytes().fold(false, |acc, b| {
        acc | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if plain {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        serde_json::to_writer(&mut *buf, s).expect("a string always encodes");
    }
}

fn json_opt_str(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

fn json_date(buf: &mut Vec<u8>, d: Option<NaiveDate>) {
    use chrono::Datelike;
    match d {
        Some(d) if (0..=9999).contains(&d.year()) => {
            let (y, m, day) = (d.year() as u32, d.month(), d.day());
            buf.extend_from_slice(&[
                b'"',
                b'0' + (y / 1000) as u8,
                b'0' + (y / 100 % 10) as u8,
                b'0' + (y / 10 % 10) as u8,
                b'0' + (y % 10) as u8,
                b'-',
                b'0' + (m / 10) as u8,
                b'0' + (m % 10) as u8,
                b'-',
                b'0' + (day / 10) as u8,
                b'0' + (day % 10) as u8,
                b'"',
            ]);
        }
        Some(d) => serde_json::to_writer(&mut *buf, &d).expect("a date always encodes"),
        None => buf.extend_from_slice(b"null"),
    }
}

impl<'a> Record<'a> {
    /// The record as one line of compact JSON, byte for byte what serde_json makes of it, in
    /// a fraction of the time.
    pub fn write_json(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(b"{\"id\":");
        json_str(buf, self.id);
        buf.extend_from_slice(b",\"text\":");
        json_str(buf, self.text);
        buf.extend_from_slice(b",\"owner\":");
        json_str(buf, self.owner);
        buf.extend_from_slice(b",\"support\":[");
        for (i, s) in self.support.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            json_str(buf, s);
        }
        buf.extend_from_slice(b"],\"issued_by\":");
        json_opt_str(buf, self.issued_by);
        buf.extend_from_slice(b",\"deadline\":");
        json_date(buf, self.deadline);
        buf.extend_from_slice(b",\"status\":");
        json_str(buf, self.status);
        buf.extend_from_slice(b",\"done_on\":");
        json_date(buf, self.done_on);
        buf.extend_from_slice(b",\"note\":");
        json_opt_str(buf, self.note);
        buf.extend_from_slice(b",\"timeliness\":");
        json_str(buf, self.timeliness);
        buf.extend_from_slice(b",\"file\":");
        json_str(buf, self.file);
        buf.extend_from_slice(b",\"line\":");
        buf.extend_from_slice(self.line.to_string().as_bytes());
        buf.extend_from_slice(b",\"source\":{\"title\":");
        json_str(buf, self.source.title);
        buf.extend_from_slice(b",\"date\":");
        json_date(buf, self.source.date);
        buf.extend_from_slice(b",\"ref\":");
        json_opt_str(buf, self.source.reference);
        buf.extend_from_slice(b"}}");
    }

    pub fn new(ws: &'a Workspace, d: &'a Directive, today: NaiveDate) -> Record<'a> {
        let file = ws.file_of(d);
        Record {
            id: &d.id,
            text: &d.text,
            owner: &d.owner,
            support: &d.support,
            issued_by: d.issued_by.as_deref().or(file.source.issued_by.as_deref()),
            deadline: d.deadline,
            status: d.status.as_str(),
            done_on: d.done_on,
            note: d.note.as_deref(),
            timeliness: ws.timeliness(d, today).as_str(),
            file: &file.path,
            line: d.line,
            source: SourceRecord {
                title: &file.source.title,
                date: file.source.date,
                reference: file.source.reference.as_deref(),
            },
        }
    }
}

/// Records per chunk encoded on one thread: big enough to amortise, small enough to keep
/// memory flat.
const CHUNK: usize = 512;

/// Encodes the records in chunks on every core and writes each window of chunks, in order, as
/// soon as it is done: the output streams, and only a few chunks are ever held (20,000
/// directives make about 10 MB of JSON).
/// `encode` gets each record's index in `records` too.
fn write_parallel<T: Sync>(
    out: &mut dyn Write,
    records: &[T],
    encode: impl Fn(usize, &T, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    let window = CHUNK * 2 * rayon::current_num_threads().max(1);
    for (w, part) in records.chunks(window).enumerate() {
        let chunks: Vec<io::Result<Vec<u8>>> = part
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut buf = Vec::with_capacity(chunk.len() * 512);
                let first = w * window + c * CHUNK;
                for (i, r) in chunk.iter().enumerate() {
                    encode(first + i, r, &mut buf)?;
                }
                Ok(buf)
            })
            .collect();
        for chunk in chunks {
            out.write_all(&chunk?)?;
        }
    }
    Ok(())
}

/// A JSON array with one directive per line: valid JSON, and still greppable.
/// Each item's record is made as it is written (by `record`): no list of them is held.
pub fn write_json<'a>(
    out: &mut dyn Write,
    items: &[&'a Directive],
    record: impl Fn(&'a Directive) -> Record<'a> + Sync,
) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(out, "[]");
    }
    out.write_all(b"[\n")?;
    let last = items.len() - 1;
    write_parallel(out, items, |i, item, buf| {
        record(item).write_json(buf);
        buf.extend_from_slice(if i < last { b",\n" } else { b"\n" });
        Ok(())
    })?;
    out.write_all(b"]\n")
}

const CSV_HEADER: [&str; 15] = [
    "id",
    "text",
    "owner",
    "support",
    "issued_by",
    "deadline",
    "status",
    "done_on",
    "note",
    "timeliness",
    "file",
    "line",
    "source_title",
    "source_date",
    "source_ref",
];

/// CSV as RFC 4180 has it, by the one writer ([`crate::csv_out`]: formulas neutralised,
/// escapes shown); absent values are empty, support units are joined by ';'.
pub fn write_csv<'a>(
    out: &mut dyn Write,
    items: &[&'a Directive],
    record: impl Fn(&'a Directive) -> Record<'a> + Sync,
) -> io::Result<()> {
    csv_out::write_row(out, CSV_HEADER)?;
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let text = |s: Option<&str>| s.unwrap_or_default().to_string();
    write_parallel(out, items, |_, item, buf| {
        let r = record(item);
        csv_out::write_row(
            buf,
            [
                r.id.to_string(),
                r.text.to_string(),
                r.owner.to_string(),
                r.support.join(";"),
                text(r.issued_by),
                date(r.deadline),
                r.status.to_string(),
                date(r.done_on),
                text(r.note),
                r.timeliness.to_string(),
                r.file.to_string(),
                r.line.to_string(),
                r.source.title.to_string(),
                date(r.source.date),
                text(r.source.reference),
            ],
        )
    })
}

/// Ids close to `wanted` (same text inside, or a few typos away), best first, at most three.
fn close_ids<'a>(ws: &'a Workspace, wanted: &str) -> Vec<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> = ws
        .directives
        .iter()
        .filter_map(|d| {
            let id = d.id.as_str();
            if !wanted_lower.is_empty() && id.to_lowercase().contains(&wanted_lower) {
                return Some((0, id));
            }
            let distance = edit_distance(&wanted_lower, &id.to_lowercase());
            (distance <= 2).then_some((distance, id))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// "no directive with id X", with close ids when there are some.
pub fn unknown_id(ws: &Workspace, id: &str, lang: crate::i18n::Lang) -> super::Refused {
    let close = close_ids(ws, id);
    // The directive may sit in a file that does not load: name such files.
    let broken: Vec<&str> = ws
        .files
        .iter()
        .filter(|f| f.broken.is_some())
        .map(|f| f.path.as_str())
        .collect();
    super::Refused(crate::i18n::cli::unknown_id(lang, id, &close, &broken))
}

/// "1 problem", "3 problems".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_written_as_serde_json_writes_it() {
        let date = |s: &str| Some(s.parse::<NaiveDate>().unwrap());
        let support = [Name::from("a"), Name::from("b\"c")];
        let records = [
            Record {
                id: "x-1",
                text: "Việc \"khó\"\n\ttab \\ \u{1}\u{1f}\u{7f} \u{202e}",
                owner: "đv",
                support: &support,
                issued_by: None,
                deadline: date("0999-01-02"),
                status: "open",
                done_on: None,
                note: Some("ghi chú\r"),
                timeliness: "overdue",
                file: "2023/a b.toml",
                line: 1234567,
                source: SourceRecord {
                    title: "",
                    date: date("2023-10-15"),
                    reference: None,
                },
            },
            Record {
                id: "y",
                text: "",
                owner: "",
                support: &[],
                issued_by: Some("Chủ tịch"),
                deadline: None,
                status: "done",
                done_on: date("2023-12-31"),
                note: None,
                timeliness: "on_time",
                file: "f.toml",
                line: 0,
                source: SourceRecord {
                    title: "Giao ban",
                    date: None,
                    reference: Some("Số 1/TB"),
                },
            },
        ];
        for r in &records {
            let mut ours = Vec::new();
            r.write_json(&mut ours);
            let theirs = serde_json::to_vec(r).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap()
            );
        }
    }

    #[test]
    fn table_columns_line_up_by_width() {
        let table = Table {
            headers: vec!["id".into(), "owner".into(), "text".into()],
            rows: vec![
                vec!["a".into(), "Chợ Đồn".into(), "x".into()],
                vec!["b".into(), "日本".into(), "y".into()],
            ],
        };
        let mut out = Vec::new();
        table.print(&mut out, None).unwrap();
        let text = String::from_utf8(out).unwrap();
        let text_columns: Vec<usize> = text
            .lines()
            .map(|l| {
                let last = l.rfind(' ').unwrap() + 1;
                width(&l[..last])
            })
            .collect();
        assert_eq!(text_columns, vec![13, 13, 13], "{text}");
    }

    #[test]
    fn table_cuts_the_last_column_to_the_width() {
        let table = Table {
            headers: vec!["id".into(), "text".into()],
            rows: vec![vec![
                "a".into(),
                "Đẩy nhanh tiến độ giải ngân vốn đầu tư công".into(),
            ]],
        };
        let mut out = Vec::new();
        table.print(&mut out, Some(20)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let row = text.lines().nth(1).unwrap();
        assert_eq!(row, "a   Đẩy nhanh tiến …");
        assert!(width(row) <= 20);
    }

    #[test]
    fn table_cells_are_one_safe_line() {
        let table = Table {
            headers: vec!["id".into(), "text".into()],
            rows: vec![vec!["a\x1b[2J".into(), "hai\ndòng\u{202e}".into()]],
        };
        let mut out = Vec::new();
        table.print(&mut out, None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "id     text\na␛[2J  hai dòng¿\n");
    }

    #[test]
    fn parallel_chunks_come_out_in_order() {
        let numbers: Vec<usize> = (0..CHUNK * 4 + 7).collect();
        let mut out = Vec::new();
        write_parallel(&mut out, &numbers, |i, n, buf| {
            assert_eq!(i, *n);
            writeln!(buf, "{n}")
        })
        .unwrap();
        let expected: String = numbers.iter().map(|n| format!("{n}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("gb-2023-08-05", "gb-2023-08-05"), 0);
        assert_eq!(edit_distance("gb-2023-08-5", "gb-2023-08-05"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
