//! Text from the files, made safe and fitted to columns by display width: the core's one rule
//! ([`crate::term_text`]), as the views use it.

pub use crate::term_text::{cell, fit, visible, width, wrap};

use crate::term_text::char_width;

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
