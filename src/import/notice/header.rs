//! Recognising the notice's header: the issuing body, number, place-date, kind and title
//! that give the source, including a header Word set in a borderless table.

use super::super::dates;
use super::{is_section_title, Block, Para};
use crate::fold::fold;
use crate::model::Source;

/// Word notices set their header in a borderless table: the body and number on the left,
/// the motto and place-date on the right. Such a table near the top becomes its lines, left
/// column first.
pub(super) fn flatten_header_table(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Table { rows, line }
                if i < 3
                    && rows.len() <= 4
                    && rows.iter().all(|r| r.len() <= 3)
                    && rows.iter().flatten().any(|c| {
                        let f = fold(c);
                        f.contains("so") && c.chars().any(|ch| ch.is_ascii_digit())
                            || f.contains("ngay") && f.contains("thang")
                    }) =>
            {
                let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
                for c in 0..cols {
                    for r in rows {
                        for text in r.get(c).into_iter().flat_map(|cell| cell.lines()) {
                            if !text.trim().is_empty() {
                                out.push(Block::Para(Para {
                                    text: text.trim().to_string(),
                                    mark: None,
                                    line: *line,
                                    gap_before: false,
                                }));
                            }
                        }
                    }
                }
            }
            other => out.push(other.clone()),
        }
    }
    out
}

/// The source from the notice's header: the issuing body, "Số …", "…, ngày … tháng … năm …",
/// "THÔNG BÁO" and the title under it. Returns the index of the first block of the body.
pub(super) fn read_header(blocks: &[Block], source: &mut Source) -> usize {
    let mut kind: Option<&str> = None;
    let mut number: Option<String> = None;
    let mut body: Option<String> = None;
    let mut title: Option<String> = None;
    let mut end = 0;
    let limit = blocks.len().min(16);
    let mut i = 0;
    while i < limit {
        let Block::Para(p) = &blocks[i] else { break };
        let t = p.text.trim();
        let f = fold(t);
        let motto = f.contains("dang cong san viet nam")
            || f.contains("cong hoa xa hoi")
            || f.contains("doc lap") && f.contains("tu do")
            || t.chars().all(|c| !c.is_alphanumeric());
        if motto {
            end = i + 1;
        } else if number.is_none()
            && (f.starts_with("so:") || f.starts_with("so "))
            && t.chars().any(|c| c.is_ascii_digit())
            && t.len() < 60
        {
            let n = t[t.char_indices().nth(2).map(|c| c.0).unwrap_or(2)..]
                .trim_start_matches([':', ' '])
                .trim();
            number = Some(n.to_string());
            end = i + 1;
        } else if source.date.is_none()
            && f.contains("ngay ")
            && f.contains(" thang ")
            && t.contains(',')
            && t.len() < 80
        {
            source.date = dates::document_date(t);
            end = i + 1;
        } else if title.is_none()
            && (f == "thong bao"
                || f == "ket luan"
                || f.starts_with("thong bao ket luan")
                || f.starts_with("ket luan cua"))
        {
            let mut tt = if f == "thong bao" || f == "ket luan" {
                kind = Some(if f == "thong bao" {
                    "Thông báo"
                } else {
                    "Kết luận"
                });
                i += 1;
                match blocks.get(i) {
                    // "KẾT LUẬN" over "của Ban Thường vụ …": one title.
                    Some(Block::Para(n)) if n.text.starts_with(|c: char| c.is_lowercase()) => {
                        format!("{} {}", kind.unwrap_or_default(), n.text.trim())
                    }
                    Some(Block::Para(n)) => n.text.trim().to_string(),
                    _ => String::new(),
                }
            } else {
                let k = if f.starts_with("thong bao") {
                    "Thông báo"
                } else {
                    "Kết luận"
                };
                kind = Some(k);
                // "KẾT LUẬN của Ban Thường vụ …" (two lines read as one): "Kết luận của …".
                let rest = t.char_indices().nth(k.chars().count()).map(|c| &t[c.0..]);
                match rest {
                    Some(r) if r.trim_start().starts_with(|c: char| c.is_lowercase()) => {
                        format!("{k} {}", r.trim_start())
                    }
                    _ => t.to_string(),
                }
            };
            // A title wrapped over lines: the next lines start in lower case.
            while let Some(Block::Para(n)) = blocks.get(i + 1) {
                if n.mark.is_none()
                    && !n.gap_before
                    && n.text.chars().next().is_some_and(|c| c.is_lowercase())
                {
                    tt.push(' ');
                    tt.push_str(n.text.trim());
                    i += 1;
                } else {
                    break;
                }
            }
            title = Some(tt);
            end = i + 1;
        } else if body.is_none() && title.is_none() && is_section_title(t) && p.mark.is_none() {
            body = Some(t.to_string());
            end = i + 1;
        } else if p.mark.is_none() && t.starts_with('(') && title.is_some() {
            end = i + 1;
        } else if title.is_some() || p.mark.is_some() || t.split_whitespace().count() > 20 {
            break;
        }
        i += 1;
    }
    // No "THÔNG BÁO": the body starts where the header lines stop.
    if let Some(t) = &title {
        source.title = t.clone();
        let f = fold(t);
        if let Some(p) = f.find("cua ") {
            let after = &t[t
                .char_indices()
                .nth(f[..p + 4].chars().count())
                .map(|c| c.0)
                .unwrap_or(t.len())..];
            let fa = fold(after);
            let stop = [" tai ", " ve ", " ngay ", " trong "]
                .iter()
                .filter_map(|s| fa.find(s))
                .min()
                .unwrap_or(fa.len());
            let who = &after[..after
                .char_indices()
                .nth(fa[..stop].chars().count())
                .map(|c| c.0)
                .unwrap_or(after.len())];
            // "… của đồng chí Phó Bí thư Thường trực Tỉnh ủy": the office, not the address.
            let who = who.trim();
            let who = match fold(who).strip_prefix("dong chi ") {
                Some(_) => who
                    .char_indices()
                    .nth("dong chi ".chars().count())
                    .map_or("", |(b, _)| &who[b..])
                    .trim(),
                None => who,
            };
            if !who.is_empty() {
                source.issued_by = Some(who.to_string());
            }
        }
    }
    if source.issued_by.is_none() {
        source.issued_by = body;
    }
    if let Some(n) = number {
        source.reference = Some(match kind {
            Some(k) => format!("{k} số {n}"),
            None => format!("Số {n}"),
        });
    }
    end
}
