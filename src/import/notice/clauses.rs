//! A paragraph that gives several tasks: "Thứ nhất, về X. Giao A chủ trì …; B kiểm soát …",
//! "Thường trực Tỉnh ủy giao: (1) A …; (2) B …". It is cut into one clause per assignment:
//! the ordinal and the topic sentence go (listed as a heading), an inline enumeration is cut
//! at its numbers, and a sentence or a clause after ";" that opens with a unit (or "Giao
//! unit") starts a task of its own. Words that open with no unit stay with the task before.

use super::super::units::{tokenize, UnitMatcher};
use crate::fold::fold;

const ORDINALS: &[&str] = &[
    "thu nhat", "thu hai", "thu ba", "thu tu", "thu nam", "thu sau", "thu bay", "thu tam",
    "thu chin", "thu muoi",
];

/// The clauses of `text`, and the words that head them (an ordinal's topic, an enumeration's
/// lead-in) when there are any.
pub(super) fn clauses(text: &str, matcher: &UnitMatcher) -> (Vec<String>, Option<String>) {
    let mut rest = text.trim();
    let mut head = String::new();
    // "Thứ nhất, về thu ngân sách nhà nước. Giao …": the ordinal, then a topic sentence.
    let f = fold(rest);
    if let Some(o) = ORDINALS.iter().find(|o| f.starts_with(*o)) {
        let after = byte_at(rest, o.chars().count());
        let body = rest[after..].trim_start_matches([',', ':', '.', ' ']);
        head.push_str(rest[..rest.len() - body.len()].trim());
        rest = body;
        if fold(rest).starts_with("ve ") {
            if let Some(end) = sentence_end(rest) {
                head.push(' ');
                head.push_str(rest[..end].trim());
                rest = rest[end..].trim_start();
            }
        }
    }
    // "… giao: (1) …; (2) …": cut at the numbers; the lead-in heads them.
    let mut parts: Vec<&str> = Vec::new();
    let marks = inline_numbers(rest);
    if marks.len() >= 2 {
        let lead_in = rest[..marks[0].0].trim();
        if !lead_in.is_empty() {
            if !head.is_empty() {
                head.push(' ');
            }
            head.push_str(lead_in);
        }
        for (k, (_, body)) in marks.iter().enumerate() {
            let end = marks.get(k + 1).map_or(rest.len(), |m| m.0);
            parts.push(&rest[*body..end]);
        }
    } else {
        parts.push(rest);
    }
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        for piece in pieces(part) {
            let piece_t = piece.trim();
            if piece_t.is_empty() {
                continue;
            }
            match out.last_mut() {
                Some(last) if !opens_with_unit(piece_t, matcher) => {
                    last.push_str(piece);
                }
                _ => out.push(piece.to_string()),
            }
        }
    }
    let out: Vec<String> = out
        .into_iter()
        .map(|c| c.trim().trim_end_matches([';', ',']).trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    let head = Some(head).filter(|h| !h.is_empty());
    (out, head)
}

/// The byte offset of the `n`th character.
fn byte_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

/// The end of the first sentence (after its ". "), when more follows.
fn sentence_end(s: &str) -> Option<usize> {
    let i = s.find(". ")?;
    Some(i + 1)
}

/// Inline numbers "(1) ", "(2) " in order: (where the mark starts, where its words start).
fn inline_numbers(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut want = 1;
    let mut from = 0;
    while let Some(i) = s[from..].find(&format!("({want})")) {
        let at = from + i;
        let body = at + format!("({want})").len();
        out.push((at, body));
        from = body;
        want += 1;
    }
    out
}

/// The text cut after each "; " and each ". " (the separators kept with the piece before).
fn pieces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        if (c == ';' || c == '.') && bytes.get(i + 1) == Some(&b' ') {
            out.push(&s[start..i + 1]);
            start = i + 1;
        }
    }
    out.push(&s[start..]);
    out
}

/// Whether a clause starts with a unit of the registry, maybe after "giao", "đề nghị",
/// "yêu cầu": the subject of a task of its own.
fn opens_with_unit(s: &str, matcher: &UnitMatcher) -> bool {
    let tokens = tokenize(s);
    let mentions = matcher.mentions(&tokens);
    let trigger = match tokens.first().map(|t| t.word.as_str()) {
        Some("giao") => 1,
        Some("de") | Some("yeu") if tokens.len() > 1 => 2,
        _ => 0,
    };
    mentions.iter().any(|m| m.tok_start == trigger)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Owner;

    fn matcher() -> UnitMatcher {
        let o = |id: &str, name: &str| Owner {
            id: id.into(),
            name: name.into(),
            short: None,
            group: "g".into(),
            aliases: vec![],
            addressee: None,
        };
        UnitMatcher::new(&[
            o("cuc-thue", "Cục Thuế tỉnh"),
            o("kbnn", "Kho bạc Nhà nước tỉnh"),
            o("so-ct", "Sở Công Thương"),
            o("cong-an", "Công an tỉnh"),
        ])
    }

    #[test]
    fn one_clause_per_assignment() {
        let (c, head) = clauses(
            "Thứ nhất, về thu ngân sách. Giao Cục Thuế tỉnh chủ trì rà soát nguồn thu; hoàn \
             thành trước 15/12; Kho bạc Nhà nước tỉnh kiểm soát chi. Báo cáo kết quả.",
            &matcher(),
        );
        assert_eq!(head.as_deref(), Some("Thứ nhất, về thu ngân sách."));
        assert_eq!(
            c,
            [
                "Giao Cục Thuế tỉnh chủ trì rà soát nguồn thu; hoàn thành trước 15/12",
                "Kho bạc Nhà nước tỉnh kiểm soát chi. Báo cáo kết quả."
            ]
        );
        let (c, head) = clauses(
            "Thường trực Tỉnh ủy giao: (1) Sở Công Thương theo dõi giá; (2) Công an tỉnh bảo \
             đảm an ninh.",
            &matcher(),
        );
        assert_eq!(head.as_deref(), Some("Thường trực Tỉnh ủy giao:"));
        assert_eq!(
            c,
            [
                "Sở Công Thương theo dõi giá",
                "Công an tỉnh bảo đảm an ninh."
            ]
        );
        // One assignment: the paragraph as it was.
        let one = "Giao Cục Thuế tỉnh chủ trì, phối hợp với Công an tỉnh chống thất thu.";
        assert_eq!(clauses(one, &matcher()), (vec![one.to_string()], None));
    }
}
