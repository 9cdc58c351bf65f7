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
    s.chars()
        .filter(|c| !is_combining_mark(*c))
        .map(fold_char)
        .collect()
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
        let expected = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
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

    #[test]
    fn one_char_per_char() {
        let s = "Ngân sách 日本 ﬁ";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }
}
