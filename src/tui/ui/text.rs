//! Text from the files, made safe and fitted to columns by display width.
//!
//! Anyone who can push to the repository can put an escape sequence in a directive: every
//! control character is replaced by a visible symbol before it reaches the screen.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Replaces C0 controls (and so ESC) with their Control Pictures symbol (`␛`, `␉`), DEL with
/// `␡`, and C1 controls with `¿`: one visible cell each, nothing a terminal would obey.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(visible_char).collect())
}

fn is_control(c: char) -> bool {
    matches!(c as u32, 0x00..=0x1F | 0x7F..=0x9F)
}

fn visible_char(c: char) -> char {
    match c as u32 {
        n @ 0x00..=0x1F => char::from_u32(0x2400 + n).unwrap_or('?'),
        0x7F => '␡',
        0x80..=0x9F => '¿',
        _ => c,
    }
}

/// Display width of one char; controls count 1 (they are shown as one symbol).
fn char_width(c: char) -> usize {
    if is_control(c) {
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

/// [`fit`], then padded with spaces to exactly `cells` wide (a wide char that would straddle
/// the edge is left out and its cell padded).
pub fn cell(s: &str, cells: usize) -> String {
    let mut out = fit(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Words wrapped to `max` cells per line; a word longer than a line is cut across lines.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let s = visible(s);
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split(' ') {
        let w = width(word);
        if used > 0 && used + 1 + w > max {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        for c in word.chars() {
            let cw = char_width(c);
            if used + cw > max && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// One line of an input fitted to `room` cells around its cursor (at column `cursor`, in
/// characters): the part shown and the cursor's cell in it. The cursor always stays in view,
/// so the end of a long input shows while typing at its end.
pub fn input_window(line: &str, cursor: usize, room: usize) -> (String, usize) {
    let chars: Vec<char> = visible(line).chars().collect();
    let cursor = cursor.min(chars.len());
    let cells = |cs: &[char]| cs.iter().map(|c| char_width(*c)).sum::<usize>();
    let mut start = 0;
    // One cell is kept for the cursor itself when it is at the end.
    while start < cursor && cells(&chars[start..cursor]) + 1 > room {
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for &c in &chars[start..] {
        used += char_width(c);
        if used > room {
            break;
        }
        shown.push(c);
    }
    (shown, cells(&chars[start..cursor]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(visible("a\x1b[31mred\x07"), "a␛[31mred␇");
        assert_eq!(visible("tab\there\r\n"), "tab␉here␍␊");
        assert_eq!(visible("c1\u{9b}2J del\x7f"), "c1¿2J del␡");
        assert!(matches!(visible("Sở Tài chính"), Cow::Borrowed(_)));
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
    }

    #[test]
    fn wraps_words() {
        assert_eq!(wrap("một hai ba bốn", 7), vec!["một hai", "ba bốn"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
    }
}
