//! A conclusion notice (thông báo kết luận) read into a proposed source and its tasks.
//! Rules, not a model: the header gives the source, numbered or bulleted items and the
//! assignment phrases ("Giao X chủ trì, phối hợp với Y …", "X: …", "Đề nghị X …", a heading
//! naming a unit) give the tasks. Pure.

use super::dates::{self, Due};
use super::units::{tokenize, UnitMatcher};
use super::{sheet, Draft, Flag, Proposal, SkipKind, Skipped};
use crate::fold::fold;
use crate::model::Owner;
use chrono::{Datelike, NaiveDate};

mod assign;
mod blocks;
mod clauses;
mod header;
mod issuer;

pub use blocks::{blocks_from_text, split_mark, Block, Mark, Para};

use assign::assignment;
use header::{flatten_header_table, read_header};
use issuer::issuer_statement;

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
            clauses_to_tasks(
                &sub,
                &ctx,
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
            || is_closing(&f)
            || (para.mark.is_none()
                && found.is_none()
                && ctx.leads.is_empty()
                && tasks_section.is_none())
        {
            p.skipped.push(skip(para, SkipKind::Narrative));
            continue;
        }
        clauses_to_tasks(
            para,
            &ctx,
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

/// "Văn phòng Tỉnh ủy thông báo để các cơ quan, đơn vị biết, thực hiện": the notice's
/// closing formula, not a task.
fn is_closing(folded: &str) -> bool {
    folded.contains("thong bao de") && folded.contains("biet")
}

/// A paragraph's tasks: one per clause that assigns one ([`clauses::clauses`]); the words
/// heading them (an ordinal's topic, an enumeration's lead-in) listed as a heading.
#[allow(clippy::too_many_arguments)]
fn clauses_to_tasks(
    para: &Para,
    ctx: &Ctx,
    matcher: &UnitMatcher,
    p: &mut Proposal,
    issuer: &Option<String>,
    year: i32,
    date: NaiveDate,
    group_no: &mut usize,
) {
    let (parts, head) = clauses::clauses(&para.text, matcher);
    // A clause has its own deadline or none: the paragraph's first is not every clause's.
    if parts.len() <= 1 && head.is_none() {
        task_or_narrative(para, ctx, matcher, p, issuer, year, date, group_no);
        return;
    }
    if let Some(head) = head {
        p.skipped.push(Skipped {
            line: para.line,
            kind: SkipKind::Heading,
            text: head,
        });
    }
    // Each clause has its own deadline or none: another clause's is not its.
    for part in parts {
        let sub = Para {
            text: part,
            mark: None,
            ..para.clone()
        };
        task_or_narrative(&sub, ctx, matcher, p, issuer, year, date, group_no);
    }
}

#[allow(clippy::too_many_arguments)]
fn task_or_narrative(
    para: &Para,
    ctx: &Ctx,
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
pub(super) fn is_section_title(text: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
