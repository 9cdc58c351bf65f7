//! TOML 1.1 syntax that TOML 1.0 tools reject (Python's `tomllib`, most editors' plugins).
//! dondoc's parser reads it, but a workspace is shared with such tools, so `validate` warns
//! about it. A lexical scan of a text that already parsed: strings, comments and headers are
//! skipped the way TOML reads them. Pure.

use crate::model::Toml11;

/// Where `text` (a file that parsed) uses syntax TOML 1.0 does not have: byte offsets, in
/// order. An inline table is reported once however many lines it spans.
pub fn newer_syntax(text: &str) -> Vec<(usize, Toml11)> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    // Open `{` and `[` of values; for a `{`, whether its line break was reported.
    let mut stack: Vec<(u8, bool)> = Vec::new();
    let mut line_start = true;
    let mut in_header = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                if let Some((b'{', told)) = stack.last_mut() {
                    if !*told {
                        *told = true;
                        found.push((i, Toml11::InlineTableNewline));
                    }
                }
                line_start = true;
                in_header = false;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i = basic_string(b, i, &mut found);
            }
            b'\'' => {
                i = literal_string(b, i);
            }
            b'[' if stack.is_empty() && line_start => {
                in_header = true;
                i += 1;
            }
            b'[' | b']' if in_header => i += 1,
            b'[' | b'{' => {
                stack.push((c, false));
                i += 1;
            }
            b']' | b'}' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if matches!(stack.last(), Some((b'{', _))) && next_token(b, i + 1) == Some(b'}') {
                    found.push((i, Toml11::InlineTableTrailingComma));
                }
                i += 1;
            }
            _ if is_bare(c) => {
                let start = i;
                while i < b.len() && is_bare(b[i]) {
                    i += 1;
                }
                if !in_header && time_without_seconds(&b[start..i]) {
                    found.push((start, Toml11::TimeWithoutSeconds));
                }
            }
            _ => i += 1,
        }
        line_start = false;
    }
    found
}

fn is_bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b':' | b'.' | b'+')
}

/// The first byte after `i` that is not a space, a line break or a comment.
fn next_token(b: &[u8], mut i: usize) -> Option<u8> {
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            c => return Some(c),
        }
    }
    None
}

/// `07:30` or `2023-08-25T07:30` (a time or a date-time whose time has no seconds).
fn time_without_seconds(token: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let time_at = |t: &[u8]| {
        t.len() >= 5
            && digits(&t[..2])
            && t[2] == b':'
            && digits(&t[3..5])
            && t.get(5) != Some(&b':')
    };
    if time_at(token) {
        return true;
    }
    token.len() >= 11
        && digits(&token[..4])
        && token[4] == b'-'
        && digits(&token[5..7])
        && token[7] == b'-'
        && digits(&token[8..10])
        && matches!(token[10], b'T' | b't')
        && time_at(&token[11..])
}

/// Skips a basic string (one line or `"""`) starting at `i`, noting `\e` and `\xHH`.
fn basic_string(b: &[u8], i: usize, found: &mut Vec<(usize, Toml11)>) -> usize {
    let multi = b[i..].starts_with(b"\"\"\"");
    let mut j = i + if multi { 3 } else { 1 };
    while j < b.len() {
        match b[j] {
            b'\\' => {
                match b.get(j + 1) {
                    Some(b'e') => found.push((j, Toml11::EscapeE)),
                    Some(b'x') => found.push((j, Toml11::EscapeX)),
                    _ => {}
                }
                j += 2;
            }
            b'"' if !multi => return j + 1,
            b'"' if b[j..].starts_with(b"\"\"\"") => {
                // Up to two quotes may close the content right before the delimiter.
                let mut end = j + 3;
                while end < b.len() && b[end] == b'"' && end < j + 5 {
                    end += 1;
                }
                return end;
            }
            b'\n' if !multi => return j,
            _ => j += 1,
        }
    }
    j
}

/// Skips a literal string (one line or `'''`) starting at `i`.
fn literal_string(b: &[u8], i: usize) -> usize {
    if b[i..].starts_with(b"'''") {
        let mut j = i + 3;
        while j < b.len() {
            if b[j..].starts_with(b"'''") {
                let mut end = j + 3;
                while end < b.len() && b[end] == b'\'' && end < j + 5 {
                    end += 1;
                }
                return end;
            }
            j += 1;
        }
        return j;
    }
    let mut j = i + 1;
    while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
        j += 1;
    }
    (j + 1).min(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Toml11::*;

    fn kinds(text: &str) -> Vec<(usize, Toml11)> {
        newer_syntax(text)
    }

    #[test]
    fn toml_1_0_text_has_nothing() {
        let text = "# a: 07:30 \\e\n[source]\ntitle = \"a \\\\e \\u00e9 07:30\"\n\
                    date = 2023-08-25\nat = 2023-08-25T07:30:00+07:00\nt = 07:30:00\n\
                    l = 'C:\\x\\e'\nm = '''\n07:30 \\e'''\nx = { a = 1, b = [\n1,\n2,\n] }\n\
                    [[ directive . log ]]\narr = [\n  1,\n  2,\n]\n\
                    s = \"\"\"\nline \\\n  \\x\"\"\"\"\"\n";
        // The last one: `\x` inside a multi-line basic string is a 1.1 escape.
        let found = kinds(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, EscapeX);
    }

    #[test]
    fn finds_each_newer_construct_where_it_is() {
        let text = "a = \"x\\e[0m\"\nb = \"\\x41\"\nc = 07:30\nd = 2023-08-25T07:30\n\
                    e = 2023-08-25 07:30+07:00\nf = { a = 1,\n b = 2 }\ng = { a = 1, }\n";
        let found = kinds(text);
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            found,
            vec![
                (at("\\e"), EscapeE),
                (at("\\x41"), EscapeX),
                (at("07:30\n"), TimeWithoutSeconds),
                (at("2023-08-25T07:30"), TimeWithoutSeconds),
                (at("07:30+07"), TimeWithoutSeconds),
                (at(",\n b") + 1, InlineTableNewline),
                (at(", }"), InlineTableTrailingComma),
            ]
        );
    }
}
