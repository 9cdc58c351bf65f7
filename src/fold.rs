//! Search text folding: case and Vietnamese diacritics ignored, one char in, one char out,
//! so a match position in the folded text is the same char position in the original.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// Folds one character: lower case, diacritics dropped, đ → d.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'đ' | 'Đ' => return 'd',
        _ => {}
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    let base = base.unwrap_or(c);
    let mut lower = base.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => base,
    }
}

/// Folds a string for matching. Combining marks left over from decomposed input are dropped,
/// so run it on NFC text when positions matter (the loader normalises to NFC).
pub fn fold(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    fold_into(s, &mut out);
    String::from_utf8(out).expect("folding UTF-8 gives UTF-8")
}

/// [`fold`] as UTF-8 bytes, appended to `out`: the search folds every text of a big workspace
/// this way, into one buffer. A byte at a time: ASCII is lowered, any other char below U+2000
/// (Latin, Vietnamese among them) is looked up in a table made once with [`fold_char`], which
/// decomposes each char and is ten times slower.
pub fn fold_into(s: &str, out: &mut Vec<u8>) {
    let table = table();
    let bytes = s.as_bytes();
    out.reserve(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            out.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        // Decoded here when it is two or three bytes (a lead byte below 0xF0): the bytes are
        // valid UTF-8, a `str`'s.
        let byte = |k: usize| u32::from(bytes[i + k] & 0x3F);
        let (code, width) = match b {
            0x80..0xE0 => ((u32::from(b & 0x1F) << 6) | byte(1), 2),
            0xE0..0xF0 => ((u32::from(b & 0x0F) << 12) | (byte(1) << 6) | byte(2), 3),
            _ => (u32::MAX, 4),
        };
        match table.get(code as usize) {
            Some(folded) => {
                // Nearly always one ASCII letter: pushed as such, not copied as a slice.
                match folded.len {
                    1 => out.push(folded.bytes[0]),
                    len => out.extend_from_slice(&folded.bytes[..usize::from(len)]),
                }
                i += width;
            }
            None => {
                let c = s[i..].chars().next().expect("a char starts here");
                i += c.len_utf8();
                let folded = if is_combining_mark(c) {
                    Folded::DROPPED
                } else {
                    Folded::of(fold_char(c))
                };
                out.extend_from_slice(&folded.bytes[..usize::from(folded.len)]);
            }
        }
    }
}

/// A folded char as UTF-8: `len` bytes of `bytes` (none for a combining mark).
#[derive(Debug, Clone, Copy)]
struct Folded {
    bytes: [u8; 4],
    len: u8,
}

impl Folded {
    const DROPPED: Folded = Folded {
        bytes: [0; 4],
        len: 0,
    };

    fn of(c: char) -> Folded {
        let mut bytes = [0; 4];
        let len = c.encode_utf8(&mut bytes).len() as u8;
        Folded { bytes, len }
    }
}

/// The fold of every char below U+2000.
fn table() -> &'static [Folded] {
    static TABLE: std::sync::OnceLock<Vec<Folded>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x2000u32)
            .map(|u| match char::from_u32(u) {
                Some(c) if is_combining_mark(c) => Folded::DROPPED,
                Some(c) => Folded::of(fold_char(c)),
                None => Folded::DROPPED,
            })
            .collect()
    })
}

/// NFC normalisation, cheap when the text is already NFC (most files).
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// True when every whitespace-separated word of `query` occurs in `text`, both folded.
/// `folded_text` must come from [`fold`].
pub fn matches_folded(folded_text: &str, query: &str) -> bool {
    fold(query)
        .split_whitespace()
        .all(|word| folded_text.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_vietnamese_letter() {
        let accented = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
        // 17 a, 11 e, 5 i, 17 o, 11 u, 5 y, 1 đ.
        let expected: String = [
            ('a', 17),
            ('e', 11),
            ('i', 5),
            ('o', 17),
            ('u', 11),
            ('y', 5),
            ('d', 1),
        ]
        .iter()
        .flat_map(|&(c, n)| std::iter::repeat_n(c, n))
        .collect();
        assert_eq!(fold(accented), expected);
        assert_eq!(fold(&accented.to_uppercase()), expected);
    }

    #[test]
    fn finds_without_diacritics() {
        assert!(matches_folded(
            &fold("Đẩy nhanh giải ngân vốn"),
            "giai ngan"
        ));
        assert!(matches_folded(&fold("quản lý đất đai"), "dat dai"));
        assert!(matches_folded(&fold("QUẢN LÝ ĐẤT ĐAI"), "Đất"));
        assert!(!matches_folded(&fold("quản lý rừng"), "dat dai"));
    }

    #[test]
    fn decomposed_input_folds_like_precomposed() {
        let decomposed: String = "giải ngân".nfd().collect();
        assert_ne!(decomposed, "giải ngân");
        assert_eq!(fold(&decomposed), fold("giải ngân"));
        assert_eq!(nfc(&decomposed), "giải ngân");
    }

    /// The rule `fold` had before its table: every char on its own, combining marks dropped.
    fn fold_slowly(s: &str) -> String {
        s.chars()
            .filter(|c| !is_combining_mark(*c))
            .map(fold_char)
            .collect()
    }

    #[test]
    fn the_table_folds_as_fold_char() {
        let every: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        assert_eq!(fold(&every), fold_slowly(&every));
        let decomposed: String = "Đẩy NHANH giải ngân, Ấp Bắc — ǅ ﬁ 日本".nfd().collect();
        assert_eq!(fold(&decomposed), fold_slowly(&decomposed));
        assert_eq!(fold("ABC\u{0301}xyz"), "abcxyz");
        let mut out = "Giữ ".as_bytes().to_vec();
        fold_into("NGUYÊN", &mut out);
        assert_eq!(out, "Giữ nguyen".as_bytes());
    }

    proptest::proptest! {
        #[test]
        fn any_text_folds_as_char_by_char(s in "\\PC*", t in ".*") {
            proptest::prop_assert_eq!(fold(&s), fold_slowly(&s));
            proptest::prop_assert_eq!(fold(&t), fold_slowly(&t));
        }
    }

    #[test]
    fn one_char_per_char() {
        let s = "Ngân sách 日本 ﬁ";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }
}
