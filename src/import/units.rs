//! Recognising the units of the registry in a document's words: by name, short name, aliases
//! and the forms offices write them in ("UBND huyện Ba Bể", "Sở KH&ĐT", "Cục Thuế tỉnh"),
//! case and diacritics ignored. Pure.

use crate::fold::fold_char;
use crate::model::Owner;

/// One word of a text, folded, with its byte span in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into folded words. `&` and `-` inside a word join its parts ("KH&ĐT" is one
/// word "khdt", "LĐ-TB&XH" is "ldtbxh"); other punctuation separates. A few multi-word forms
/// are merged into the abbreviation offices use for them ("Ủy ban nhân dân" → "ubnd").
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Token> = Vec::new();
    let mut cur: Option<Token> = None;
    for (i, &(pos, c)) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            let f = fold_char(c);
            match cur.as_mut() {
                Some(t) => {
                    t.word.push(f);
                    t.end = pos + c.len_utf8();
                }
                None => {
                    cur = Some(Token {
                        word: f.to_string(),
                        start: pos,
                        end: pos + c.len_utf8(),
                    })
                }
            }
            continue;
        }
        let joins = matches!(c, '&' | '-')
            && cur.is_some()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphabetic());
        if !joins {
            if let Some(t) = cur.take() {
                out.push(t);
            }
        }
    }
    if let Some(t) = cur.take() {
        out.push(t);
    }
    merge_phrases(out)
}

/// Multi-word forms written as one abbreviation as often as in full.
const PHRASES: &[(&[&str], &str)] = &[
    (&["uy", "ban", "nhan", "dan"], "ubnd"),
    (&["hoi", "dong", "nhan", "dan"], "hdnd"),
    (&["thanh", "pho"], "tp"),
    (&["ban", "thuong", "vu"], "btv"),
    (&["ban", "can", "su", "dang"], "bcsd"),
    (&["bao", "hiem", "xa", "hoi"], "bhxh"),
    (&["kho", "bac", "nha", "nuoc"], "kbnn"),
    (&["ngan", "hang", "chinh", "sach", "xa", "hoi"], "nhcsxh"),
    (&["bo", "chi", "huy", "quan", "su"], "bchqs"),
    (&["bo", "chqs"], "bchqs"),
    (&["ban", "quan", "ly"], "bql"),
];

fn merge_phrases(tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'outer: while i < tokens.len() {
        for (words, abbr) in PHRASES {
            let n = words.len();
            if i + n <= tokens.len()
                && tokens[i..i + n]
                    .iter()
                    .zip(*words)
                    .all(|(t, w)| t.word == *w)
            {
                out.push(Token {
                    word: abbr.to_string(),
                    start: tokens[i].start,
                    end: tokens[i + n - 1].end,
                });
                i += n;
                continue 'outer;
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

fn words(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.word).collect()
}

/// The registry's units, each with every form it may be written in.
#[derive(Debug, Clone)]
pub struct UnitMatcher {
    /// (folded words of a form, owner ids it names). Longest forms first.
    forms: Vec<(Vec<String>, Vec<String>)>,
}

/// Where a unit (or a group of units) is named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    /// Index of the first and one past the last token.
    pub tok_start: usize,
    pub tok_end: usize,
    /// One owner, or every member of a group ("các huyện ủy, thành ủy").
    pub owners: Vec<String>,
    pub group: bool,
}

impl UnitMatcher {
    pub fn new(owners: &[Owner]) -> UnitMatcher {
        let mut forms: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        let mut add = |form: &str, ids: Vec<String>| {
            let w = words(form);
            if w.is_empty() {
                return;
            }
            if let Some(existing) = forms.iter_mut().find(|(f, _)| *f == w) {
                for id in ids {
                    if !existing.1.contains(&id) {
                        existing.1.push(id);
                    }
                }
            } else {
                forms.push((w, ids));
            }
        };
        let mut districts = Vec::new();
        for o in owners {
            let one = || vec![o.id.clone()];
            for form in owner_forms(o) {
                add(&form, one());
            }
            if district_place(&o.name).is_some() {
                districts.push(o.id.clone());
            }
        }
        // Groups: the registry's own groups, and the districts as notices name them together.
        let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
        for o in owners {
            match groups.iter_mut().find(|(g, _)| *g == o.group) {
                Some((_, ids)) => ids.push(o.id.clone()),
                None => groups.push((&o.group, vec![o.id.clone()])),
            }
        }
        for (g, ids) in &groups {
            if ids.len() > 1 && !g.trim().is_empty() {
                add(&format!("các {g}"), ids.clone());
            }
        }
        if districts.len() > 1 {
            for form in DISTRICT_GROUP_FORMS {
                add(form, districts.clone());
            }
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
        UnitMatcher { forms }
    }

    /// Every unit named in `tokens`, left to right, longest form first where forms overlap.
    pub fn mentions(&self, tokens: &[Token]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let found = self.forms.iter().find(|(form, _)| {
                i + form.len() <= tokens.len()
                    && tokens[i..i + form.len()]
                        .iter()
                        .zip(form)
                        .all(|(t, w)| t.word == *w)
            });
            match found {
                Some((form, ids)) => {
                    let mut end = i + form.len();
                    // "Cục Thuế tỉnh", "UBND huyện Ba Bể" named with the province after it.
                    if tokens.get(end).is_some_and(|t| t.word == "tinh")
                        && !form.ends_with(&["tinh".to_string()])
                    {
                        end += 1;
                    }
                    out.push(Mention {
                        start: tokens[i].start,
                        end: tokens[end - 1].end,
                        tok_start: i,
                        tok_end: end,
                        owners: ids.clone(),
                        group: ids.len() > 1,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The one owner a short piece of text names (a spreadsheet cell), if any.
    pub fn find_all(&self, text: &str) -> Vec<Mention> {
        self.mentions(&tokenize(text))
    }
}

/// How notices name all district and city committees together.
const DISTRICT_GROUP_FORMS: &[&str] = &[
    "các huyện ủy, thành ủy",
    "các huyện, thành ủy",
    "các huyện ủy, thành ủy",
    "huyện ủy, thành ủy",
    "các huyện, thành phố",
    "UBND các huyện, thành phố",
    "các huyện ủy, thành ủy, UBND các huyện, thành phố",
    "các địa phương",
];

/// The place of a district or city committee ("Huyện ủy Ba Bể" → ("huyện", "Ba Bể")).
fn district_place(name: &str) -> Option<(&'static str, String)> {
    let w: Vec<&str> = name.split_whitespace().collect();
    if w.len() < 3 {
        return None;
    }
    let head = format!("{} {}", fold_word(w[0]), fold_word(w[1]));
    let kind = match head.as_str() {
        "huyen uy" => "huyện",
        "thanh uy" => "thành phố",
        "thi uy" => "thị xã",
        _ => return None,
    };
    Some((kind, w[2..].join(" ")))
}

fn fold_word(w: &str) -> String {
    w.chars().map(fold_char).collect()
}

/// The forms one owner may be written in.
pub fn owner_forms(o: &Owner) -> Vec<String> {
    let mut forms = vec![o.name.clone()];
    forms.extend(o.short.clone());
    forms.extend(o.aliases.iter().cloned());
    if let Some((kind, place)) = district_place(&o.name) {
        let committee = o
            .name
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        for f in [
            format!("{committee} {place}"),
            format!("BTV {committee} {place}"),
            format!("UBND {kind} {place}"),
            format!("{kind} {place}"),
        ] {
            forms.push(f);
        }
    }
    // "Cục Thuế tỉnh Bắc Kạn" → "Cục Thuế tỉnh", "Cục Thuế".
    let w: Vec<&str> = o.name.split_whitespace().collect();
    if let Some(p) = w.iter().rposition(|x| fold_word(x) == "tinh") {
        if p > 0 {
            forms.push(w[..p].join(" "));
        }
    }
    // "Sở Kế hoạch và Đầu tư" → "Sở KHĐT" (what "Sở KH&ĐT" and "Sở KH-ĐT" fold to).
    if w.len() > 2 && matches!(fold_word(w[0]).as_str(), "so" | "ban") {
        let rest = w[1..].join(" ");
        let mut initials = String::new();
        for part in rest.split([',', '-']).flat_map(|p| p.split(" và ")) {
            for word in part.split_whitespace() {
                if let Some(c) = word.chars().next() {
                    initials.push(c);
                }
            }
        }
        forms.push(format!("{} {initials}", w[0]));
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner(id: &str, name: &str, short: Option<&str>, group: &str) -> Owner {
        Owner {
            id: id.into(),
            name: name.into(),
            short: short.map(Into::into),
            group: group.into(),
            aliases: vec![],
            addressee: None,
        }
    }

    fn registry() -> Vec<Owner> {
        vec![
            owner("ba-be", "Huyện ủy Ba Bể", Some("Ba Bể"), "Huyện, thành ủy"),
            owner(
                "tp",
                "Thành ủy Bắc Kạn",
                Some("TP. Bắc Kạn"),
                "Huyện, thành ủy",
            ),
            owner("so-khdt", "Sở Kế hoạch và Đầu tư", None, "Sở"),
            owner(
                "so-ldtbxh",
                "Sở Lao động - Thương binh và Xã hội",
                None,
                "Sở",
            ),
            owner("cuc-thue", "Cục Thuế tỉnh Bắc Kạn", Some("Cục Thuế"), "TW"),
        ]
    }

    fn ids(m: &UnitMatcher, text: &str) -> Vec<Vec<String>> {
        m.find_all(text).into_iter().map(|m| m.owners).collect()
    }

    #[test]
    fn common_forms_are_recognised() {
        let m = UnitMatcher::new(&registry());
        for (text, id) in [
            ("UBND huyện Ba Bể", "ba-be"),
            ("Ủy ban nhân dân huyện Ba Bể", "ba-be"),
            ("HUYỆN ỦY BA BỂ", "ba-be"),
            ("huyen uy ba be", "ba-be"),
            ("UBND thành phố Bắc Kạn", "tp"),
            ("Sở KH&ĐT", "so-khdt"),
            ("Sở KH-ĐT", "so-khdt"),
            ("Sở LĐ-TB&XH", "so-ldtbxh"),
            ("Cục Thuế tỉnh", "cuc-thue"),
            ("Sở Kế hoạch và Đầu tư", "so-khdt"),
        ] {
            assert_eq!(ids(&m, text), vec![vec![id.to_string()]], "{text}");
        }
    }

    #[test]
    fn a_group_names_every_district() {
        let m = UnitMatcher::new(&registry());
        let found = m.find_all("Đề nghị các huyện ủy, thành ủy chỉ đạo");
        assert_eq!(found.len(), 1);
        assert!(found[0].group);
        assert_eq!(found[0].owners, vec!["ba-be", "tp"]);
    }

    #[test]
    fn spans_point_into_the_original() {
        let m = UnitMatcher::new(&registry());
        let text = "Giao Cục Thuế tỉnh chủ trì";
        let found = m.find_all(text);
        assert_eq!(&text[found[0].start..found[0].end], "Cục Thuế tỉnh");
    }
}
