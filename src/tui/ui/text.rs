//! Text from the files, made safe and fitted to columns by display width: the core's one rule
//! ([`crate::term_text`]), as the views use it.

pub use crate::term_text::{cell, fit, visible, width, wrap};

use crate::term_text::char_width;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

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

/// Styled lines broken into rows of at most `max` cells, as a paragraph wraps them: at
/// spaces (the space at a break is dropped), a word longer than a row cut across rows. One
/// pass over the text, so a note of megabytes costs its length once.
pub fn wrap_lines(lines: Vec<Line<'_>>, max: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let mut rows = Vec::new();
    for line in lines {
        let mut row = Row::default();
        for span in &line.spans {
            let style = line.style.patch(span.style);
            for (i, word) in span.content.split(' ').enumerate() {
                if i > 0 {
                    if row.used < max {
                        row.push(' ', 1, style);
                    } else {
                        rows.push(row.take());
                    }
                }
                let w = width(word);
                if row.used > 0 && row.used + w > max && w <= max {
                    rows.push(row.take());
                }
                for c in word.chars() {
                    let cw = char_width(c);
                    if row.used + cw > max && row.used > 0 {
                        rows.push(row.take());
                    }
                    row.push(crate::term_text::visible_char(c), cw, style);
                }
            }
        }
        rows.push(row.take());
    }
    rows
}

/// A row being filled: its spans and the text of the last one.
#[derive(Default)]
struct Row {
    spans: Vec<Span<'static>>,
    text: String,
    style: Style,
    used: usize,
}

impl Row {
    fn push(&mut self, c: char, w: usize, style: Style) {
        if style != self.style && !self.text.is_empty() {
            self.spans
                .push(Span::styled(std::mem::take(&mut self.text), self.style));
        }
        self.style = style;
        self.text.push(c);
        self.used += w;
    }

    fn take(&mut self) -> Line<'static> {
        if !self.text.is_empty() {
            self.spans
                .push(Span::styled(std::mem::take(&mut self.text), self.style));
        }
        self.used = 0;
        Line::from(std::mem::take(&mut self.spans))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Line]) -> Vec<String> {
        rows.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wraps_at_spaces_cuts_long_words_and_keeps_styles() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![
            Span::styled("Ghi chú: ", bold),
            Span::raw("giải ngân abcdefghijkl"),
        ]);
        let rows = wrap_lines(vec![line, Line::default()], 10);
        // The space before a break stays at the row's end, where it shows as nothing.
        assert_eq!(
            texts(&rows),
            ["Ghi chú: ", "giải ngân ", "abcdefghij", "kl", ""]
        );
        assert_eq!(rows[0].spans[0].style, bold);
        assert_eq!(rows[1].spans[0].style, Style::new());
        // A control character is shown as its symbol.
        assert_eq!(texts(&wrap_lines(vec![Line::raw("a\u{1b}b")], 10)), ["a␛b"]);
    }
}
