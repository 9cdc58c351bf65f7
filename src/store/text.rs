//! Byte offsets to `line:col`, file fingerprints, encodings and conflict markers.

use crate::model::Fingerprint;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Line starts of a text, to turn byte offsets into 1-based line and column (in chars).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }
}

/// The largest file dondoc reads: a directive file of a whole year is well under 1 MB; one
/// far larger is a mistake (a log pasted in, a binary) that would take gigabytes to parse.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a workspace file, refusing one over [`MAX_FILE_BYTES`] with a clear reason.
pub fn read_limited(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    read_limited_from(std::fs::File::open(path)?)
}

/// [`read_limited`] of a file already open (the cache stats it first).
pub fn read_limited_from(file: std::fs::File) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let too_big = |len: u64| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the file is {} MB, more than the {} MB dondoc reads; not read",
                len.div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    let len = file.metadata()?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // It may grow while being read.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

pub fn fingerprint(bytes: &[u8]) -> Fingerprint {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Fingerprint {
        len: bytes.len() as u64,
        hash: hasher.finish(),
    }
}

pub const BOM: &str = "\u{feff}";

/// Position (line, col) of the first git conflict marker, if any.
pub fn conflict_marker(text: &str) -> Option<(usize, usize)> {
    text.split('\n').enumerate().find_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let is_marker = line.starts_with("<<<<<<< ")
            || line == "<<<<<<<"
            || line.starts_with(">>>>>>> ")
            || line == ">>>>>>>"
            || line == "======="
            || line.starts_with("||||||| ");
        is_marker.then_some((i + 1, 1))
    })
}

/// Decodes UTF-8, or says where the first invalid byte is as (line, col).
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, (usize, usize)> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by definition.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        LineIndex::new(prefix).position(prefix.len())
    })
}

/// True when the text uses CRLF line endings (judged by its first line break).
pub fn uses_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r')
}

/// Turns every lone `\n` into `\r\n` (the lines an edit added to a CRLF file).
pub fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut prev = '\0';
    for c in text.chars() {
        if c == '\n' && prev != '\r' {
            out.push('\r');
        }
        out.push(c);
        prev = c;
    }
    out
}

/// `lines` (ending in `\n`) with the endings of the lines they replace, in order, and
/// beyond those the ending of the line before; the ending of the last line pushed.
fn push_lines<'a>(
    out: &mut String,
    lines: &[&str],
    replaced: &[&str],
    mut ending: &'a str,
) -> &'a str {
    for (i, line) in lines.iter().enumerate() {
        match line.strip_suffix('\n') {
            Some(body) => {
                ending = match replaced.get(i) {
                    Some(old) if old.ends_with("\r\n") => "\r\n",
                    Some(old) if old.ends_with('\n') => "\n",
                    _ => ending,
                };
                out.push_str(body);
                out.push_str(ending);
            }
            None => out.push_str(line),
        }
    }
    ending
}

/// `edited` (all `\n` endings) with the line endings of `original` (mixed `\r\n` and `\n`):
/// a line the edit kept gets its own ending back; a new line takes the ending of the line
/// before it.
pub fn restore_line_endings(original: &str, edited: &str) -> String {
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let old_lf: Vec<String> = old.iter().map(|l| l.replace("\r\n", "\n")).collect();
    let new: Vec<&str> = edited.split_inclusive('\n').collect();
    let old_keys: Vec<&str> = old_lf.iter().map(String::as_str).collect();
    let mut out = String::with_capacity(edited.len() + edited.len() / 16);
    let mut ending = if uses_crlf(original) { "\r\n" } else { "\n" };
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_keys, &new) {
        match op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                for line in &old[old_index..old_index + len] {
                    out.push_str(line);
                    if line.ends_with("\r\n") {
                        ending = "\r\n";
                    } else if line.ends_with('\n') {
                        ending = "\n";
                    }
                }
            }
            similar::DiffOp::Delete { .. } => {}
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => ending = push_lines(&mut out, &new[new_index..new_index + new_len], &[], ending),
            // A changed line keeps the ending of the line it replaces (`status = …` rewritten
            // in a file of mixed endings is one changed line in a diff, not an ending too).
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                ending = push_lines(
                    &mut out,
                    &new[new_index..new_index + new_len],
                    &old[old_index..old_index + old_len],
                    ending,
                )
            }
        }
    }
    out
}

/// A line without its spaces and tabs outside quoted strings: two lines alike under this
/// differ only in how they are spelled (`[[ directive . log ]]`, `a . b = 1`).
fn unspaced(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match quote {
            Some(q) => {
                out.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == ' ' || c == '\t' => {}
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// Whether `line` is a table header (`[x]`, `[[x . y]]`), the lines `toml_edit` respells.
fn is_header(line: &str) -> bool {
    line.trim_start().starts_with('[')
}

/// Whether `new` is `old` respelled: a header or a key that differs only in spaces outside
/// strings, with the value (after `=`) byte for byte the same.
fn respelled(old: &str, new: &str) -> bool {
    if old == new || unspaced(old) != unspaced(new) {
        return false;
    }
    if is_header(old) {
        return true;
    }
    match (old.split_once('='), new.split_once('=')) {
        (Some((_, a)), Some((_, b))) => a.trim_start() == b.trim_start(),
        _ => false,
    }
}

/// `rendered` (an edit's output, `\n` endings) with every line that only respells a line of
/// `original` given back as the original spelled it, and each new header spelled like the
/// last header of the same name before it: `toml_edit` shares one spelling between all the
/// headers of a table (`[[directive]]`, `[[ directive . log ]]`), and the format says only
/// the lines an edit changes change.
pub fn keep_spelling(original: &str, rendered: &str) -> String {
    let old_lf: Vec<String> = original
        .split_inclusive('\n')
        .map(|l| l.replace("\r\n", "\n"))
        .collect();
    let old: Vec<&str> = old_lf.iter().map(String::as_str).collect();
    let new: Vec<&str> = rendered.split_inclusive('\n').collect();
    let mut out = String::with_capacity(rendered.len());
    let mut headers: HashMap<String, &str> = HashMap::new();
    fn emit<'a>(headers: &mut HashMap<String, &'a str>, out: &mut String, line: &'a str) {
        if is_header(line) {
            headers.insert(unspaced(line.trim_end()), line);
        }
        out.push_str(line);
    }
    // A new line: a header takes the spelling of the last one of its name.
    fn emit_new<'a>(headers: &mut HashMap<String, &'a str>, out: &mut String, line: &'a str) {
        let spelled = headers.get(&unspaced(line.trim_end())).copied();
        match spelled.filter(|s| respelled(s, line)) {
            Some(s) => emit(headers, out, s),
            None => emit(headers, out, line),
        }
    }
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new) {
        match op {
            similar::DiffOp::Equal { new_index, len, .. } => {
                for line in &new[new_index..new_index + len] {
                    emit(&mut headers, &mut out, line);
                }
            }
            similar::DiffOp::Delete { .. } => {}
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for line in &new[new_index..new_index + new_len] {
                    emit_new(&mut headers, &mut out, line);
                }
            }
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let olds = &old[old_index..old_index + old_len];
                let mut next = 0;
                for line in &new[new_index..new_index + new_len] {
                    let found = (next..olds.len()).find(|&j| respelled(olds[j], line));
                    match found {
                        Some(j) => {
                            next = j + 1;
                            emit(&mut headers, &mut out, olds[j]);
                        }
                        None => emit_new(&mut headers, &mut out, line),
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_keeps_its_own_ending_in_a_file_of_mixed_endings() {
        let original = "a = 1\nb = 2\r\nc = 3\n";
        let edited = "a = 1\nb = 5\nc = 3\nd = 4\n";
        assert_eq!(
            restore_line_endings(original, edited),
            "a = 1\nb = 5\r\nc = 3\nd = 4\n"
        );
    }

    #[test]
    fn positions_count_chars_not_bytes() {
        let text = "a = 1\nđề = 2\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(6), (2, 1));
        let eq = text.find("= 2").unwrap();
        assert_eq!(idx.position(eq), (2, 4));
    }

    #[test]
    fn finds_conflict_markers() {
        assert_eq!(conflict_marker("a = 1\n<<<<<<< HEAD\n"), Some((2, 1)));
        assert_eq!(conflict_marker("a = 1\r\n=======\r\n"), Some((2, 1)));
        assert_eq!(conflict_marker("a = \"<<<<<<< x\"\n"), None);
    }

    #[test]
    fn invalid_utf8_position() {
        assert_eq!(decode_utf8(b"ab\ncd\xffe"), Err((2, 3)));
    }

    #[test]
    fn crlf_conversion_keeps_existing_pairs() {
        assert_eq!(to_crlf("a\r\nb\nc"), "a\r\nb\r\nc");
        assert!(uses_crlf("a\r\nb"));
        assert!(!uses_crlf("a\nb\r\n"));
    }

    #[test]
    fn mixed_endings_are_restored_line_by_line() {
        let original = "a\r\nb\nc\r\nd\n";
        let edited = "a\nB\nnew\nc\nd\nend\n";
        assert_eq!(
            restore_line_endings(original, edited),
            "a\r\nB\nnew\nc\r\nd\nend\n"
        );
    }
}
