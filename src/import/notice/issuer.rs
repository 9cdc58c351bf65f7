//! Issuer statements: "Đồng chí X, Bí thư Tỉnh ủy kết luận: …" names who concluded.

use crate::fold::fold;

/// "Đồng chí X, Bí thư Tỉnh ủy kết luận: rest" → ("X", "rest"); a title stands for a name
/// not given ("Đồng chí Bí thư Tỉnh ủy kết luận" → "Bí thư Tỉnh ủy").
pub(super) fn issuer_statement(text: &str) -> Option<(String, String)> {
    let f = fold(text);
    let colon = f.find(':')?;
    // The last keyword before the colon: "… kết luận:", "… đề nghị:", "… kết luận như sau:".
    let kw = ["ket luan", "chi dao", "yeu cau", "de nghi"]
        .iter()
        .filter_map(|k| f[..colon].rfind(k))
        .max()?;
    let after_kw = Some(colon);
    let head_f = &f[..kw];
    let head_words = head_f.split_whitespace().count();
    let starts = [
        "dong chi",
        "thay mat",
        "thuong truc",
        "ban thuong vu",
        "chu tri hoi nghi",
    ];
    let speaks = starts.iter().any(|s| head_f.starts_with(s)) || head_f.contains("dong chi");
    if head_words == 0 || head_words > 30 || !speaks {
        return None;
    }
    // The keyword must end the clause: "… kết luận:" or "… kết luận như sau:".
    if f[kw..colon].split_whitespace().count() > 5 {
        return None;
    }
    // Byte offsets: fold keeps one char per char, so map by char index.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |folded_byte: usize| f[..folded_byte].chars().count();
    let kw_byte = chars.get(char_at(kw)).map(|c| c.0).unwrap_or(text.len());
    let rest_byte = after_kw
        .and_then(|c| chars.get(char_at(c) + 1).map(|x| x.0))
        .unwrap_or(text.len());
    let head = text[..kw_byte].trim();
    let who = issuer_name(head);
    Some((who, text[rest_byte..].to_string()))
}

fn issuer_name(head: &str) -> String {
    let mut h = head.trim().trim_end_matches(',').trim();
    let f = fold(h);
    // "Thay mặt Thường trực Tỉnh ủy, đồng chí X …": the person speaks.
    if let Some(p) = f.find("dong chi") {
        let start = h
            .char_indices()
            .nth(f[..p].chars().count())
            .map(|c| c.0)
            .unwrap_or(0);
        h = h[start..].trim();
        h = h
            .char_indices()
            .nth("dong chi".chars().count())
            .map(|(b, _)| h[b..].trim())
            .unwrap_or("");
    }
    let name = h.split(',').next().unwrap_or(h).trim();
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_statements() {
        let (who, rest) =
            issuer_statement("Đồng chí Bí thư Tỉnh ủy kết luận: Giao Sở Y tế").unwrap();
        assert_eq!(who, "Bí thư Tỉnh ủy");
        assert_eq!(rest.trim(), "Giao Sở Y tế");
        let (who, _) =
            issuer_statement("Đồng chí Hoàng Văn An, Phó Bí thư Tỉnh ủy kết luận như sau:")
                .unwrap();
        assert_eq!(who, "Hoàng Văn An");
        let (who, _) = issuer_statement("Thường trực Tỉnh ủy kết luận như sau:").unwrap();
        assert_eq!(who, "Thường trực Tỉnh ủy");
        assert!(issuer_statement("Sở Y tế chỉ đạo các bệnh viện: tăng cường").is_none());
        let (who, _) = issuer_statement(
            "Phát biểu kết luận hội nghị, đồng chí Trần Văn Minh, Bí thư Tỉnh ủy đề nghị:",
        )
        .unwrap();
        assert_eq!(who, "Trần Văn Minh");
    }
}
