//! Text from the files made safe for a terminal and fitted to it by display width: the one
//! rule for the screens and the command line.
//!
//! Anyone who can push to the repository can put an escape sequence, a bidi override or an
//! invisible character in a directive. Each such character is replaced by one visible cell
//! before it reaches a terminal: C0 controls (and so ESC) by their Control Pictures symbol
//! (`␛`, `␉`), DEL by `␡`, everything else a terminal would obey or not show by `¿`.
//! Widths count what is shown: Vietnamese with or without combining marks, CJK two cells.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// The symbol shown for a character that must not reach a terminal as it is.
pub const HIDDEN: char = '¿';

/// Whether `c` would be obeyed by a terminal or be invisible there: C0 and C1 controls, DEL,
/// bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width
/// characters and marks (U+200B–U+200F, U+FEFF), line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c as u32,
        0x00..=0x1F | 0x7F..=0x9F | 0x200B..=0x200F | 0x2028..=0x202E | 0x2066..=0x2069 | 0xFEFF
    )
}

/// `c` as it may be shown: itself, or one visible symbol when it is unsafe.
pub fn visible_char(c: char) -> char {
    match c as u32 {
        n @ 0x00..=0x1F => char::from_u32(0x2400 + n).unwrap_or(HIDDEN),
        0x7F => '␡',
        _ if is_unsafe(c) => HIDDEN,
        _ => c,
    }
}

/// Every unsafe character replaced by its symbol (line breaks too: `␊`).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(visible_char).collect())
}

/// One line for a table cell: line breaks and tabs become spaces, other unsafe characters
/// their symbol.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c => visible_char(c),
            })
            .collect(),
    )
}

/// Display width of one char as shown; an unsafe one is one symbol.
pub fn char_width(c: char) -> usize {
    if is_unsafe(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// Display width of a string as it will be shown.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The text made visible and cut to at most `max` cells, ending in `…` when cut. Never cuts
/// a character, and keeps combining marks with their base.
pub fn fit(s: &str, max: usize) -> String {
    let s = visible(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::with_capacity(max * 3);
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `s` (already safe) padded with spaces to `cells` wide; never cut.
pub fn pad(s: &str, cells: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(width(s))));
    out
}

/// [`fit`], then padded with spaces to exactly `cells` wide (a wide char that would straddle
/// the edge is left out and its cell padded).
pub fn cell(s: &str, cells: usize) -> String {
    pad(&fit(s, cells), cells)
}

/// The text made visible and broken into lines of at most `max` cells: a line of the text
/// starts a line, words are separated at spaces and tabs, and a word longer than a line is
/// cut across lines. One pass over the text: a megabyte without a space costs no more than a
/// megabyte of words.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in s.lines() {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let w = width(word);
            if used > 0 && used + 1 + w > max {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            for c in word.chars().map(visible_char) {
                let cw = char_width(c);
                if used + cw > max && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_invisible_characters_become_visible() {
        assert_eq!(visible("a\x1b[31mred\x07"), "a␛[31mred␇");
        assert_eq!(visible("tab\there\r\n"), "tab␉here␍␊");
        assert_eq!(visible("c1\u{9b}2J del\x7f"), "c1¿2J del␡");
        // A right-to-left override would show "txt.exe" as "exe.txt"; a zero-width space
        // would hide a difference between two ids.
        assert_eq!(
            visible("a\u{202e}b\u{2066}c\u{200b}d\u{feff}e"),
            "a¿b¿c¿d¿e"
        );
        for c in [
            '\u{202a}', '\u{202d}', '\u{2069}', '\u{200f}', '\u{85}', '\u{2028}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
            assert_eq!(width(&c.to_string()), 1);
        }
        assert!(matches!(visible("Sở Tài chính 日本"), Cow::Borrowed(_)));
        assert_eq!(one_line("hai\ndòng\r\n\tvà\x1b"), "hai dòng   và␛");
        assert!(matches!(one_line("Sở Tài chính"), Cow::Borrowed(_)));
    }

    #[test]
    fn fits_by_display_width_never_mid_char() {
        assert_eq!(fit("Thực hiện tốt", 20), "Thực hiện tốt");
        assert_eq!(fit("Thực hiện tốt", 6), "Thực …");
        assert_eq!(width(&fit("Thực hiện tốt", 6)), 6);
        // Wide CJK: 2 cells each; a char that would cross the edge is left out.
        assert_eq!(fit("日本語の文書", 6), "日本…");
        assert_eq!(cell("日本語の文書", 6), "日本… ");
        assert_eq!(width(&cell("日本語の文書", 6)), 6);
        // Combining marks (decomposed Vietnamese) take no cell.
        let decomposed = "Vie\u{302}\u{323}t Nam";
        assert_eq!(width(decomposed), 8);
        assert_eq!(cell(decomposed, 10), format!("{decomposed}  "));
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("a\x1b[2Jb", 4), "a␛[…");
    }

    #[test]
    fn wraps_words_and_lines() {
        assert_eq!(wrap("một hai ba bốn", 7), vec!["một hai", "ba bốn"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
        assert_eq!(
            wrap("Đẩy nhanh tiến độ giải ngân", 12),
            vec!["Đẩy nhanh", "tiến độ giải", "ngân"]
        );
        assert_eq!(wrap("một\nhai ba\r\n", 20), vec!["một", "hai ba"]);
        assert_eq!(wrap("a\x1b[2J b", 20), vec!["a␛[2J b"]);
        // A wide char never goes past the edge, and a line always takes at least one char.
        assert_eq!(wrap("日本語", 3), vec!["日", "本", "語"]);
        assert_eq!(wrap("日本", 1), vec!["日", "本"]);
    }

    #[test]
    fn wrapping_a_megabyte_word_is_linear() {
        // Cutting by copying the rest of the word for each line, as the CLI once did, takes
        // minutes here; one pass takes milliseconds. Every line is full and nothing is lost.
        let word = "x".repeat(1 << 20);
        let lines = wrap(&word, 80);
        assert_eq!(lines.len(), (1 << 20) / 80 + 1);
        assert!(lines.iter().all(|l| l.len() <= 80));
        assert_eq!(lines.concat(), word);
    }
}
