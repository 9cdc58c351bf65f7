//! Assignment patterns: who a paragraph gives its task to ("Giao X chủ trì, phối hợp với
//! Y …", "X: …", "Đề nghị X …") and where the task's own words start.

use super::super::units::{Mention, Token};
use crate::fold::fold;

/// Who a paragraph assigns its task to, and where the task's own words start.
#[derive(Debug, Clone, Default)]
pub(super) struct Assign {
    pub(super) leads: Vec<String>,
    pub(super) lead_group: bool,
    pub(super) support: Vec<String>,
    /// Byte offset in the paragraph where the task's own words start.
    pub(super) text_start: usize,
    /// Assigned in so many words (giao, đề nghị, chủ trì, "X:").
    pub(super) explicit: bool,
    /// Words in the lead unit's place that name no unit of the registry.
    pub(super) unknown: Option<String>,
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

pub(super) fn assignment(text: &str, tokens: &[Token], mentions: &[Mention]) -> Option<Assign> {
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
