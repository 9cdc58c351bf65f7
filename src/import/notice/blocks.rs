//! The notice's line structure: paragraphs and tables as blocks, and the list mark
//! (numbering or bullet) that opens a paragraph.

use super::super::dates;

/// A paragraph of the document, with the list label Word or the text gave it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    pub text: String,
    /// The list mark: a label ("1.", "a)", "-") and a key telling list levels apart.
    pub mark: Option<Mark>,
    /// 1-based line (text) or paragraph number (docx).
    pub line: usize,
    /// A blank line came before it (text files).
    pub gap_before: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub label: String,
    /// Same key, same list level: "roman", "dec1", "dec2", "alpha", "-", "+", or a Word
    /// list's "numId:ilvl".
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    /// A table's rows of cell texts.
    Table {
        rows: Vec<Vec<String>>,
        line: usize,
    },
}

/// Lines of a .txt or .md notice as blocks. Markdown headings and emphasis are dropped,
/// markdown tables become tables, a line starting in lower case continues the paragraph.
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut gap = false;
    let mut table: Option<(Vec<Vec<String>>, usize)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let t = crate::fold::nfc(raw.trim());
        if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
            let cells: Vec<String> = t[1..t.len() - 1]
                .split('|')
                .map(|c| clean_inline(c.trim()))
                .collect();
            // The |---|---| line under a markdown header: an empty row, so each row's index
            // still counts lines.
            let cells = if cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')))
            {
                vec![String::new(); cells.len()]
            } else {
                cells
            };
            table
                .get_or_insert_with(|| (Vec::new(), line))
                .0
                .push(cells);
            continue;
        }
        if let Some((rows, at)) = table.take() {
            out.push(Block::Table { rows, line: at });
        }
        if t.is_empty() {
            gap = true;
            continue;
        }
        let t = t.trim_start_matches('#').trim();
        let t = clean_inline(t);
        if t.is_empty() {
            continue;
        }
        let (mark, body) = split_mark(&t);
        let continues = mark.is_none()
            && !gap
            && body.chars().next().is_some_and(|c| c.is_lowercase())
            && matches!(out.last(), Some(Block::Para(p)) if !p.text.ends_with(':'));
        if continues {
            if let Some(Block::Para(p)) = out.last_mut() {
                p.text.push(' ');
                p.text.push_str(body);
            }
            continue;
        }
        out.push(Block::Para(Para {
            text: body.to_string(),
            mark,
            line,
            gap_before: gap,
        }));
        gap = false;
    }
    if let Some((rows, at)) = table.take() {
        out.push(Block::Table { rows, line: at });
    }
    out
}

/// Markdown emphasis and escapes out of a line.
fn clean_inline(s: &str) -> String {
    s.replace("**", "").replace("__", "").replace("\\", "")
}

/// The list mark at the start of a paragraph, if any, and the text after it.
pub fn split_mark(t: &str) -> (Option<Mark>, &str) {
    fn mark<'a>(label: &str, key: &str, rest: &'a str) -> Option<(Mark, &'a str)> {
        Some((
            Mark {
                label: label.to_string(),
                key: key.to_string(),
            },
            rest.trim_start(),
        ))
    }
    let first = t.chars().next();
    let found = (|| {
        let c = first?;
        if matches!(
            c,
            '-' | '–' | '—' | '+' | '•' | '*' | '·' | '◦' | '▪' | '●' | '\u{f0b7}'
        ) {
            let rest = &t[c.len_utf8()..];
            if rest.starts_with(' ') || rest.starts_with('\t') {
                let key = if matches!(c, '–' | '—') { '-' } else { c };
                return mark(&c.to_string(), &key.to_string(), rest);
            }
            return None;
        }
        let word_end = t.find(|ch: char| ch.is_whitespace()).unwrap_or(t.len());
        let word = &t[..word_end];
        let rest = &t[word_end..];
        if rest.trim().is_empty() {
            return None;
        }
        let body = word.trim_end_matches(['.', ')']);
        if body.len() == word.len() {
            return None;
        }
        // 1. 1) 1.1. 1.2.3
        if body
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            let depth = body.split('.').count();
            return mark(word, &format!("dec{depth}"), rest);
        }
        if dates::roman(&body.to_ascii_lowercase()).is_some()
            && body.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        {
            return mark(word, "roman", rest);
        }
        let mut cs = body.chars();
        if let (Some(l), None) = (cs.next(), cs.next()) {
            if l.is_lowercase() && l.is_alphabetic() {
                return mark(word, "alpha", rest);
            }
            if l.is_uppercase() && l.is_ascii_alphabetic() {
                return mark(word, "upper", rest);
            }
        }
        None
    })();
    match found {
        Some((m, rest)) => (Some(m), rest),
        None => (None, t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks() {
        let k = |s: &str| split_mark(s).0.map(|m| m.key);
        assert_eq!(k("1. Tăng cường"), Some("dec1".into()));
        assert_eq!(k("1.2. Tăng cường"), Some("dec2".into()));
        assert_eq!(k("a) Tăng cường"), Some("alpha".into()));
        assert_eq!(k("II. NHIỆM VỤ"), Some("roman".into()));
        assert_eq!(k("- Tăng cường"), Some("-".into()));
        assert_eq!(k("+ Tăng cường"), Some("+".into()));
        assert_eq!(k("• Tăng cường"), Some("•".into()));
        assert_eq!(k("Tăng cường"), None);
        assert_eq!(k("30/9 là hạn"), None);
    }
}
