//! A conclusion notice (thông báo kết luận) read into a proposed source and its tasks.
//! Rules, not a model: the header gives the source, numbered or bulleted items and the
//! assignment phrases ("Giao X chủ trì, phối hợp với Y …", "X: …", "Đề nghị X …", a heading
//! naming a unit) give the tasks. Pure.

use super::dates::{self, Due};
use super::units::{tokenize, Mention, Token, UnitMatcher};
use super::{sheet, Draft, Flag, Proposal, SkipKind, Skipped};
use crate::fold::fold;
use crate::model::{Owner, Source};
use chrono::{Datelike, NaiveDate};

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

/// Word notices set their header in a borderless table: the body and number on the left,
/// the motto and place-date on the right. Such a table near the top becomes its lines, left
/// column first.
fn flatten_header_table(blocks: &[Block]) -> Vec<Block> {
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

/// What a paragraph (or the headings above it) says about who does a task, and when.
#[derive(Debug, Clone, Default)]
struct Ctx {
    leads: Vec<String>,
    lead_group: bool,
    support: Vec<String>,
    due: Option<Due>,
}

/// Reads `blocks` into a proposal. `owners` is the registry; `fallback` dates a notice that
/// gives no date of its own (the year of "trước 30/9").
pub fn parse(blocks: &[Block], owners: &[Owner], fallback: NaiveDate) -> Proposal {
    let flat = flatten_header_table(blocks);
    let blocks = &flat[..];
    let matcher = UnitMatcher::new(owners);
    let mut p = Proposal::default();
    let body_start = read_header(blocks, &mut p.source);
    let date = p.source.date.unwrap_or(fallback);
    let year = date.year();

    // List levels: each new kind of mark goes one level deeper; a kind seen before closes
    // the levels under it. A plain paragraph ending in ":" heads the marks after it.
    let mut levels: Vec<Option<usize>> = vec![None; blocks.len()];
    let mut stack: Vec<String> = Vec::new();
    for (i, b) in blocks.iter().enumerate().skip(body_start) {
        let Block::Para(para) = b else { continue };
        let key = match &para.mark {
            Some(m) => m.key.clone(),
            None if para.text.trim_end().ends_with(':') => "plain:".to_string(),
            None if is_section_title(&para.text) => "title".to_string(),
            None => continue,
        };
        if let Some(pos) = stack.iter().position(|k| *k == key) {
            stack.truncate(pos);
        }
        stack.push(key);
        levels[i] = Some(stack.len() - 1);
    }

    let mut issuer: Option<String> = None;
    // None: no section title yet; Some(true): a section of tasks; Some(false): assessment.
    let mut tasks_section: Option<bool> = None;
    let mut heads: Vec<(usize, Ctx)> = Vec::new();
    let mut group_no = 0usize;
    let mut footer = false;

    for (i, b) in blocks.iter().enumerate().skip(body_start) {
        let para = match b {
            Block::Table { rows, line } => {
                let cells: Vec<Vec<sheet::Cell>> = rows
                    .iter()
                    .map(|r| r.iter().map(|c| sheet::Cell::Text(c.clone())).collect())
                    .collect();
                let mut found = sheet::parse_rows(&cells, &matcher, year, Some(date), *line);
                for d in &mut found.drafts {
                    if d.issued_by.is_none() {
                        d.issued_by = issuer.clone();
                    }
                    if let Some(g) = d.group.as_mut() {
                        *g += group_no;
                    }
                }
                group_no += found.drafts.len();
                p.drafts.extend(found.drafts);
                p.skipped.extend(found.skipped);
                continue;
            }
            Block::Para(para) => para,
        };
        let text = para.text.trim();
        let f = fold(text);
        if footer || f.starts_with("noi nhan") {
            footer = true;
            p.skipped.push(skip(para, SkipKind::Narrative));
            continue;
        }
        let level = levels[i];
        if let Some(l) = level {
            heads.retain(|(hl, _)| *hl < l);
        }
        let ctx = merged(&heads);

        // "Đồng chí Bí thư Tỉnh ủy kết luận: …", "Thường trực Tỉnh ủy kết luận như sau:"
        if let Some((who, rest)) = issuer_statement(text) {
            issuer = Some(who);
            tasks_section = Some(true);
            let rest = rest.trim();
            if rest.is_empty() {
                p.skipped.push(skip(para, SkipKind::Heading));
                continue;
            }
            let sub = Para {
                text: rest.to_string(),
                ..para.clone()
            };
            task_or_narrative(
                &sub,
                &ctx,
                true,
                &matcher,
                &mut p,
                &issuer,
                year,
                date,
                &mut group_no,
            );
            continue;
        }

        let tokens = tokenize(text);
        let mentions = matcher.mentions(&tokens);
        let found = assignment(text, &tokens, &mentions);

        let is_section = para.mark.as_ref().is_some_and(|m| m.key == "roman")
            || (para.mark.is_none() && is_section_title(text));
        if is_section {
            tasks_section = section_kind(&f).or(tasks_section);
        }
        let has_children = level.is_some_and(|l| {
            blocks[i + 1..]
                .iter()
                .zip(&levels[i + 1..])
                .find_map(|(b, lv)| match b {
                    Block::Para(_) => lv.map(Some).or(Some(None)),
                    Block::Table { .. } => Some(Some(l + 1)),
                })
                .flatten()
                .is_some_and(|next| next > l)
        }) || (text.ends_with(':')
            // "Sở Y tế:" over plain paragraphs: they are its tasks.
            && matches!(blocks.get(i + 1), Some(Block::Para(n)) if n.mark.is_none() && levels[i + 1].is_none()));
        if has_children || is_section {
            let mut c = Ctx {
                due: dates::find_due(text, year, Some(date)),
                ..Ctx::default()
            };
            if let Some(a) = &found {
                c.leads = a.leads.clone();
                c.lead_group = a.lead_group;
                c.support = a.support.clone();
            }
            heads.push((level.unwrap_or(0), c));
            p.skipped.push(skip(para, SkipKind::Heading));
            continue;
        }
        let explicit = found.as_ref().is_some_and(|a| a.explicit);
        let is_task = match tasks_section {
            Some(false) => explicit,
            Some(true) => true,
            None => para.mark.is_some() || found.is_some() || !ctx.leads.is_empty(),
        };
        if !is_task
            || (para.mark.is_none()
                && found.is_none()
                && ctx.leads.is_empty()
                && tasks_section.is_none())
        {
            p.skipped.push(skip(para, SkipKind::Narrative));
            continue;
        }
        task_or_narrative(
            para,
            &ctx,
            true,
            &matcher,
            &mut p,
            &issuer,
            year,
            date,
            &mut group_no,
        );
    }
    p
}

#[allow(clippy::too_many_arguments)]
fn task_or_narrative(
    para: &Para,
    ctx: &Ctx,
    _is_task: bool,
    matcher: &UnitMatcher,
    p: &mut Proposal,
    issuer: &Option<String>,
    year: i32,
    date: NaiveDate,
    group_no: &mut usize,
) {
    let text = para.text.trim();
    let tokens = tokenize(text);
    let mentions = matcher.mentions(&tokens);
    let found = assignment(text, &tokens, &mentions);
    let (mut leads, mut support, start) = match &found {
        Some(a) if !a.leads.is_empty() => (a.leads.clone(), a.support.clone(), a.text_start),
        Some(a) => {
            let mut s = ctx.support.clone();
            s.extend(a.support.iter().cloned());
            (ctx.leads.clone(), s, a.text_start)
        }
        None => (ctx.leads.clone(), ctx.support.clone(), 0),
    };
    support.retain(|s| !leads.contains(s));
    dedup(&mut support);
    dedup(&mut leads);
    let body = tidy(&text[start..]);
    let body = if body.is_empty() { tidy(text) } else { body };
    let due = dates::find_due(text, year, Some(date)).or(ctx.due);
    let mut flags = Vec::new();
    if leads.is_empty() {
        match found.as_ref().and_then(|a| a.unknown.clone()) {
            Some(u) => flags.push(Flag::UnknownLead(u)),
            None => flags.push(Flag::NoLead),
        }
    }
    let base = Draft {
        text: body,
        deadline: match due {
            Some(Due::By(d)) => Some(d),
            _ => None,
        },
        ongoing: due == Some(Due::Ongoing),
        issued_by: issuer.clone(),
        line: para.line,
        flags,
        ..Draft::default()
    };
    if leads.len() <= 1 {
        p.drafts.push(Draft {
            owner: leads.first().cloned(),
            support,
            ..base
        });
    } else {
        *group_no += 1;
        for l in &leads {
            p.drafts.push(Draft {
                owner: Some(l.clone()),
                support: support.iter().filter(|s| *s != l).cloned().collect(),
                group: Some(*group_no),
                ..base.clone()
            });
        }
    }
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
}

fn skip(para: &Para, kind: SkipKind) -> Skipped {
    let text = match &para.mark {
        Some(m) => format!("{} {}", m.label, para.text),
        None => para.text.clone(),
    };
    Skipped {
        line: para.line,
        kind,
        text,
    }
}

/// The heads in force, innermost last: the nearest one naming units decides the units.
fn merged(heads: &[(usize, Ctx)]) -> Ctx {
    let mut c = Ctx::default();
    for (_, h) in heads {
        if !h.leads.is_empty() {
            c.leads = h.leads.clone();
            c.lead_group = h.lead_group;
            c.support = h.support.clone();
        } else {
            c.support.extend(h.support.iter().cloned());
        }
        if h.due.is_some() {
            c.due = h.due;
        }
    }
    c
}

/// A task's text: no leading separators, no trailing punctuation, a capital first letter.
fn tidy(s: &str) -> String {
    let s = s
        .trim()
        .trim_start_matches([',', ':', ';', '-', '–', ' '])
        .trim_end_matches(['.', ';', ',', ' '])
        .trim();
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

/// An all-capitals line of a few words ("II. NHIỆM VỤ TRỌNG TÂM") or a short line naming a
/// part of the notice.
fn is_section_title(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4
        && letters.iter().all(|c| c.is_uppercase())
        && text.split_whitespace().count() <= 20
}

/// Whether a section title opens tasks or an assessment.
fn section_kind(folded: &str) -> Option<bool> {
    const TASKS: &[&str] = &[
        "nhiem vu",
        "giai phap",
        "ket luan",
        "chi dao",
        "thoi gian toi",
        "de nghi",
        "giao ",
        "trien khai",
        "doi voi",
    ];
    const NARRATIVE: &[&str] = &[
        "danh gia",
        "ket qua",
        "tinh hinh",
        "uu diem",
        "han che",
        "ton tai",
        "nguyen nhan",
        "khuyet diem",
        "kho khan",
    ];
    if TASKS.iter().any(|k| folded.contains(k)) {
        Some(true)
    } else if NARRATIVE.iter().any(|k| folded.contains(k)) {
        Some(false)
    } else {
        None
    }
}

/// "Đồng chí X, Bí thư Tỉnh ủy kết luận: rest" → ("X", "rest"); a title stands for a name
/// not given ("Đồng chí Bí thư Tỉnh ủy kết luận" → "Bí thư Tỉnh ủy").
fn issuer_statement(text: &str) -> Option<(String, String)> {
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

/// Who a paragraph assigns its task to, and where the task's own words start.
#[derive(Debug, Clone, Default)]
struct Assign {
    leads: Vec<String>,
    lead_group: bool,
    support: Vec<String>,
    /// Byte offset in the paragraph where the task's own words start.
    text_start: usize,
    /// Assigned in so many words (giao, đề nghị, chủ trì, "X:").
    explicit: bool,
    /// Words in the lead unit's place that name no unit of the registry.
    unknown: Option<String>,
}

/// Words between units of one list ("Sở A, Sở B và UBND các huyện").
fn is_list_glue(w: &str) -> bool {
    matches!(w, "va" | "cung" | "cac")
}

/// Mentions from `k` on that follow one another with only list glue between them.
fn run(mentions: &[Mention], k: usize, tokens: &[Token]) -> usize {
    let mut j = k + 1;
    while j < mentions.len() {
        let gap = &tokens[mentions[j - 1].tok_end..mentions[j].tok_start];
        if gap.iter().all(|t| is_list_glue(&t.word)) {
            j += 1;
        } else {
            break;
        }
    }
    j
}

fn ids_of(ms: &[Mention]) -> Vec<String> {
    ms.iter().flat_map(|m| m.owners.iter().cloned()).collect()
}

fn words_at(tokens: &[Token], at: usize, seq: &[&str]) -> bool {
    at + seq.len() <= tokens.len()
        && tokens[at..at + seq.len()]
            .iter()
            .zip(seq)
            .all(|(t, w)| t.word == *w)
}

/// Fillers after a list of units: "và các cơ quan, đơn vị liên quan".
fn skip_fillers(tokens: &[Token], mut at: usize) -> usize {
    let fillers: &[&[&str]] = &[
        &["va", "cac", "co", "quan", "don", "vi", "lien", "quan"],
        &["cac", "co", "quan", "don", "vi", "lien", "quan"],
        &["va", "cac", "don", "vi", "lien", "quan"],
        &["cac", "don", "vi", "lien", "quan"],
        &["va", "cac", "co", "quan", "lien", "quan"],
        &["cac", "co", "quan", "lien", "quan"],
        &["va", "cac", "dia", "phuong"],
        &["co", "lien", "quan"],
        &["lien", "quan"],
        &["tinh"],
    ];
    'again: loop {
        for f in fillers {
            if words_at(tokens, at, f) {
                at += f.len();
                continue 'again;
            }
        }
        return at;
    }
}

const TRIGGERS: &[&[&str]] = &[
    &["giao", "cho"],
    &["giao"],
    &["de", "nghi"],
    &["yeu", "cau"],
    &["doi", "voi"],
];

fn assignment(text: &str, tokens: &[Token], mentions: &[Mention]) -> Option<Assign> {
    // "Về công tác cán bộ: Ban Tổ chức Tỉnh ủy tham mưu …": a topic, then the assignment.
    // The topic stays in the task's text.
    if tokens.first().is_some_and(|t| t.word == "ve") {
        if let Some(c) = text.find(':') {
            let at = tokens
                .iter()
                .position(|t| t.start > c)
                .unwrap_or(tokens.len());
            if at <= 15 {
                let sub: Vec<Mention> = mentions
                    .iter()
                    .filter(|m| m.tok_start >= at)
                    .map(|m| Mention {
                        tok_start: m.tok_start - at,
                        tok_end: m.tok_end - at,
                        ..m.clone()
                    })
                    .collect();
                if let Some(a) = assignment(text, &tokens[at..], &sub) {
                    if !a.leads.is_empty() {
                        return Some(Assign { text_start: 0, ..a });
                    }
                }
            }
        }
    }
    let mut a = Assign::default();
    let byte_after = |tok: usize| tokens.get(tok).map(|t| t.start).unwrap_or(text.len());
    let colon_after = |tok_end: usize| {
        let end = tokens[tok_end - 1].end;
        text[end..].trim_start().starts_with(':')
    };
    let mention_at = |tok: usize| mentions.iter().position(|m| m.tok_start == tok);

    // Where the leading units' list starts: at the beginning, or after a trigger there.
    let mut lead_at = None;
    let mut trigger_len = 0;
    for t in TRIGGERS {
        if words_at(tokens, 0, t) {
            trigger_len = t.len();
            break;
        }
    }
    if let Some(k) = mention_at(trigger_len) {
        lead_at = Some(k);
    }
    if let Some(k) = lead_at {
        let end = run(mentions, k, tokens);
        let leads = &mentions[k..end];
        let mut tok = leads.last().unwrap().tok_end;
        let explicit_colon = colon_after(tok);
        tok = skip_fillers(tokens, tok);
        let mut explicit = trigger_len > 0 || explicit_colon;
        if words_at(tokens, tok, &["chu", "tri"]) {
            tok += 2;
            explicit = true;
        }
        a.leads = ids_of(leads);
        a.lead_group = leads.iter().any(|m| m.group);
        if !explicit_colon {
            tok = support_after(tokens, mentions, tok, &mut a.support);
        }
        a.explicit = explicit;
        a.text_start = if explicit_colon {
            let end = tokens[leads.last().unwrap().tok_end - 1].end;
            end + text[end..].find(':').map(|c| c + 1).unwrap_or(0)
        } else {
            byte_after(tok)
        };
        // Any "phối hợp với" later in the text still names coordinating units.
        later_support(tokens, mentions, tok, &mut a.support);
        return Some(a);
    }

    // A unit not in the registry where the lead unit goes: "Giao Ban X chủ trì, …".
    if trigger_len > 0 && !words_at(tokens, 0, &["doi", "voi"]) {
        if let Some(ct) = (trigger_len..tokens.len().min(trigger_len + 14))
            .find(|&i| words_at(tokens, i, &["chu", "tri"]))
        {
            if ct > trigger_len {
                let unknown = text[tokens[trigger_len].start..tokens[ct - 1].end]
                    .trim()
                    .to_string();
                let mut tok = ct + 2;
                tok = support_after(tokens, mentions, tok, &mut a.support);
                a.unknown = Some(unknown);
                a.explicit = true;
                a.text_start = byte_after(tok);
                return Some(a);
            }
        }
    }
    // "X: …" with X not in the registry.
    if let Some(c) = text.find(':') {
        let head = &text[..c];
        let words = head.split_whitespace().count();
        let starts_upper = head.chars().next().is_some_and(|ch| ch.is_uppercase());
        let f = fold(head);
        let looks_like_unit = [
            "so ",
            "ban ",
            "cuc ",
            "chi cuc",
            "ubnd",
            "uy ban",
            "huyen ",
            "tp",
            "thanh pho",
            "cong ty",
            "trung tam",
            "truong ",
            "vien ",
            "hoi ",
            "doan ",
            "lien doan",
            "mat tran",
            "bql",
        ]
        .iter()
        .any(|k| f.starts_with(k));
        if words <= 10 && starts_upper && looks_like_unit && mentions.iter().all(|m| m.start > c) {
            a.unknown = Some(head.trim().to_string());
            a.explicit = true;
            a.text_start = c + 1;
            later_support(tokens, mentions, 0, &mut a.support);
            return Some(a);
        }
    }

    // Units named later: "…, giao Cục Thuế chủ trì", "(Sở Y tế chủ trì, phối hợp với …)".
    for (k, m) in mentions.iter().enumerate() {
        let before_trigger = TRIGGERS
            .iter()
            .any(|t| m.tok_start >= t.len() && words_at(tokens, m.tok_start - t.len(), t));
        let end = run(mentions, k, tokens);
        let after = skip_fillers(tokens, mentions[end - 1].tok_end);
        let chu_tri = words_at(tokens, after, &["chu", "tri"]);
        let is_support = m.tok_start >= 2 && words_at(tokens, m.tok_start - 2, &["hop", "voi"]);
        if (before_trigger || chu_tri) && !is_support {
            a.leads = ids_of(&mentions[k..end]);
            a.lead_group = mentions[k..end].iter().any(|m| m.group);
            a.explicit = true;
            later_support(tokens, mentions, 0, &mut a.support);
            return Some(a);
        }
    }
    let mut support = Vec::new();
    later_support(tokens, mentions, 0, &mut support);
    if !support.is_empty() {
        a.support = support;
        return Some(a);
    }
    None
}

/// "phối hợp với A, B và C" right at `tok`: the units go to `support`; returns the token
/// after them.
fn support_after(
    tokens: &[Token],
    mentions: &[Mention],
    mut tok: usize,
    support: &mut Vec<String>,
) -> usize {
    for seq in [
        &["phoi", "hop", "voi"][..],
        &["phoi", "hop"][..],
        &["cung", "voi"][..],
    ] {
        if words_at(tokens, tok, seq) {
            let at = tok + seq.len();
            let at = if words_at(tokens, at, &["cac"]) && mentions.iter().all(|m| m.tok_start != at)
            {
                at + 1
            } else {
                at
            };
            if let Some(k) = mentions.iter().position(|m| m.tok_start == at) {
                let end = run(mentions, k, tokens);
                support.extend(ids_of(&mentions[k..end]));
                tok = skip_fillers(tokens, mentions[end - 1].tok_end);
            } else {
                // "phối hợp với các cơ quan liên quan": no unit named.
                tok = skip_fillers(tokens, at);
            }
            break;
        }
    }
    tok
}

/// Every "phối hợp (với)" list from `from` on.
fn later_support(tokens: &[Token], mentions: &[Mention], from: usize, support: &mut Vec<String>) {
    for i in from..tokens.len() {
        if words_at(tokens, i, &["phoi", "hop"]) {
            let mut s = Vec::new();
            support_after(tokens, mentions, i, &mut s);
            for x in s {
                if !support.contains(&x) {
                    support.push(x);
                }
            }
        }
    }
}

/// The source from the notice's header: the issuing body, "Số …", "…, ngày … tháng … năm …",
/// "THÔNG BÁO" and the title under it. Returns the index of the first block of the body.
fn read_header(blocks: &[Block], source: &mut Source) -> usize {
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
            if !who.trim().is_empty() {
                source.issued_by = Some(who.trim().to_string());
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

    #[test]
    fn a_conclusion_titled_on_two_lines() {
        let text =
            "BAN THƯỜNG VỤ TỈNH ỦY\nSố 99-KL/TU\nBắc Kạn, ngày 2 tháng 3 năm 2024\nKẾT LUẬN\n\
                    của Ban Thường vụ Tỉnh ủy về công tác dân vận\n\
                    1. Ban Dân vận Tỉnh ủy: theo dõi, đôn đốc trong quý II/2024.\n";
        let owners = [Owner {
            id: "bdv-tu".into(),
            name: "Ban Dân vận Tỉnh ủy".into(),
            short: None,
            group: "Ban".into(),
            aliases: vec![],
            addressee: None,
        }];
        let p = parse(
            &blocks_from_text(text),
            &owners,
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        );
        assert_eq!(
            p.source.title,
            "Kết luận của Ban Thường vụ Tỉnh ủy về công tác dân vận"
        );
        assert_eq!(p.source.reference.as_deref(), Some("Kết luận số 99-KL/TU"));
        assert_eq!(p.source.issued_by.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));
        assert_eq!(p.drafts.len(), 1);
        assert_eq!(p.drafts[0].owner.as_deref(), Some("bdv-tu"));
        assert_eq!(p.drafts[0].deadline, NaiveDate::from_ymd_opt(2024, 6, 30));
    }

    #[test]
    fn a_unit_over_plain_paragraphs_leads_them() {
        let text =
            "NHIỆM VỤ THỜI GIAN TỚI\nSở Y tế:\nKiểm tra an toàn thực phẩm trước 30/11/2023.\n\
                    Tăng cường tiêm chủng mở rộng.\n";
        let owners = [Owner {
            id: "so-yt".into(),
            name: "Sở Y tế".into(),
            short: None,
            group: "Sở".into(),
            aliases: vec![],
            addressee: None,
        }];
        let p = parse(
            &blocks_from_text(text),
            &owners,
            NaiveDate::from_ymd_opt(2023, 10, 1).unwrap(),
        );
        let got: Vec<_> = p
            .drafts
            .iter()
            .map(|d| (d.text.as_str(), d.owner.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Kiểm tra an toàn thực phẩm trước 30/11/2023", Some("so-yt")),
                ("Tăng cường tiêm chủng mở rộng", Some("so-yt")),
            ]
        );
    }

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
