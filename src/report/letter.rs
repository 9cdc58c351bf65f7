//! Reminder letters (công văn đôn đốc): for a unit, its directives overdue or due soon on a
//! date, and the letter an office sends about them. Pure.

use super::doc::{self, Block, Cell, Document, Table};
use super::period::format_date;
use super::state::{entry_date, state_on};
use crate::i18n::report::{letter_opening, letter_request, text};
use crate::i18n::Lang;
use crate::model::{Timeliness, Workspace};
use chrono::NaiveDate;

/// One directive a letter lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterItem {
    pub id: String,
    pub text: String,
    /// The notice: its number, else its title; and its date.
    pub notice: String,
    pub source_date: Option<NaiveDate>,
    pub deadline: NaiveDate,
    /// Days past the deadline (0 or less when it is due soon).
    pub days_overdue: i64,
    /// Reminders already sent on or before the date.
    pub reminders: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub owner: String,
    pub name: String,
    pub addressee: String,
    /// Most overdue first.
    pub items: Vec<LetterItem>,
    /// The sources the items come from, as the opening names them.
    pub sources: Vec<String>,
}

/// The letters to send on `as_of` to each of `owners` (ids) that has directives overdue or due
/// soon on that day; units with none get no letter. Drafts are never in a letter.
pub fn letters(ws: &Workspace, as_of: NaiveDate, owners: &[String]) -> Vec<Letter> {
    letters_listing(ws, as_of, owners, |_| true)
}

/// [`letters`] listing only the directives `ids` (the ones a clerk marked): one letter per
/// lead unit among them, in the order of `ids`; a marked directive neither overdue nor due
/// soon is in no letter.
pub fn letters_of(ws: &Workspace, as_of: NaiveDate, ids: &[String]) -> Vec<Letter> {
    let mut owners: Vec<String> = Vec::new();
    for d in ids.iter().filter_map(|id| ws.directive(id)) {
        if !owners.iter().any(|o| *o == d.owner) {
            owners.push(d.owner.to_string());
        }
    }
    letters_listing(ws, as_of, &owners, |d| ids.contains(&d.id))
}

fn letters_listing(
    ws: &Workspace,
    as_of: NaiveDate,
    owners: &[String],
    listed: impl Fn(&crate::model::Directive) -> bool,
) -> Vec<Letter> {
    let mut out = Vec::new();
    for owner in owners {
        let mut items = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        for d in ws
            .directives
            .iter()
            .filter(|d| !d.draft && d.owner == *owner && listed(d))
        {
            let Some(state) = state_on(d, as_of, ws.due_soon_days) else {
                continue;
            };
            let (Timeliness::Overdue | Timeliness::DueSoon, Some(deadline)) =
                (state.timeliness, state.deadline)
            else {
                continue;
            };
            let source = &ws.file_of(d).source;
            let notice = source
                .reference
                .clone()
                .unwrap_or_else(|| source.title.clone());
            let named = match &source.reference {
                Some(r) if !source.title.is_empty() => format!("{} ({r})", source.title),
                _ => notice.clone(),
            };
            if !sources.contains(&named) {
                sources.push(named);
            }
            items.push(LetterItem {
                id: d.id.clone(),
                text: d.text.clone(),
                notice,
                source_date: source.date,
                deadline,
                days_overdue: (as_of - deadline).num_days(),
                reminders: d
                    .reminders()
                    .filter(|e| entry_date(e).is_some_and(|x| x <= as_of))
                    .count(),
            });
        }
        if items.is_empty() {
            continue;
        }
        items.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.id.cmp(&b.id)));
        let unit = ws.owner(owner);
        out.push(Letter {
            owner: owner.clone(),
            name: unit.map_or(owner.clone(), |o| o.name.clone()),
            addressee: unit.map_or(owner.clone(), |o| o.addressee().to_string()),
            items,
            sources,
        });
    }
    out
}

/// The letter as a document: the frame with the letter number and "V/v …", "Kính gửi", the
/// opening, the table, the request to report back by `reply_by`, recipients and signature.
pub fn letter_document(
    letter: &Letter,
    ws: &Workspace,
    today: NaiveDate,
    reply_by: NaiveDate,
    lang: Lang,
) -> Document {
    let t = text(lang);
    let mut d = doc::frame(&ws.report, ws.report.letter_ref.as_deref(), today, lang);
    d.subject = Some(match lang {
        Lang::Vi => format!("V/v {}", t.letter_subject.trim_start_matches("V/v ")),
        Lang::En => t.letter_subject.to_string(),
    });
    d.addressee = Some(format!("{} {}", t.letter_to, letter.addressee));
    d.blocks.push(Block::Paragraph(letter_opening(
        &letter.sources.join("; "),
        lang,
    )));
    let rows = letter
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let notice = match item.source_date {
                Some(date) => format!("{}, {}", item.notice, format_date(date, lang)),
                None => item.notice.clone(),
            };
            vec![
                Cell::num((i + 1).to_string()),
                Cell::new(&item.text).with_sub(notice),
                Cell::num(format_date(item.deadline, lang)),
                Cell::num(if item.days_overdue > 0 {
                    item.days_overdue.to_string()
                } else {
                    t.letter_due_soon.to_string()
                }),
                Cell::num(item.reminders.to_string()),
            ]
        })
        .collect();
    d.blocks.push(Block::Table(Table {
        widths: vec![6, 50, 15, 15, 14],
        head: vec![vec![
            Cell::head(t.rank),
            Cell::head(t.content),
            Cell::head(t.deadline),
            Cell::head(t.letter_days_overdue),
            Cell::head(t.letter_times),
        ]],
        rows,
        small: false,
    }));
    d.blocks
        .push(Block::Paragraph(letter_request(reply_by, lang)));
    let mut recipients = vec![match lang {
        Lang::Vi => "Như trên".to_string(),
        Lang::En => "As above".to_string(),
    }];
    recipients.extend(ws.report.recipients.iter().cloned());
    d.recipients = recipients;
    d
}

/// A document as Markdown (a letter to paste into a message, or to check before sending).
pub fn markdown(d: &Document) -> String {
    let inline = super::md::inline;
    let mut out = String::new();
    for line in [&d.issuer, &d.office, &d.number, &d.subject]
        .into_iter()
        .flatten()
    {
        out.push_str(&format!("{}  \n", inline(line)));
    }
    for line in &d.motto {
        out.push_str(&format!("**{}**  \n", inline(line)));
    }
    out.push_str(&format!("*{}*\n\n", inline(&d.date_line)));
    if let Some(title) = &d.title {
        out.push_str(&format!("## {}\n\n", inline(title)));
    }
    if let Some(to) = &d.addressee {
        out.push_str(&format!("**{}**\n\n", inline(to)));
    }
    for block in &d.blocks {
        match block {
            Block::Heading(h) => out.push_str(&format!("### {}\n\n", inline(h))),
            Block::Paragraph(p) => out.push_str(&format!("{}\n\n", inline(p))),
            Block::Note(p) => out.push_str(&format!("*{}*\n\n", inline(p))),
            Block::Table(table) => {
                for row in &table.head {
                    out.push('|');
                    for c in row {
                        out.push_str(&format!(" {} |", inline(&c.text)));
                    }
                    out.push_str("\n|");
                    for _ in row {
                        out.push_str("---|");
                    }
                    out.push('\n');
                }
                for row in &table.rows {
                    out.push('|');
                    for c in row {
                        let mut cell = inline(&c.text);
                        if let Some(sub) = &c.sub {
                            cell.push_str(&format!(" ({})", inline(sub)));
                        }
                        out.push_str(&format!(" {cell} |"));
                    }
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }
    out.push_str(&format!("**{}**\n\n", inline(&d.recipients_label)));
    for r in &d.recipients {
        out.push_str(&format!("- {}\n", inline(r)));
    }
    out.push('\n');
    for line in &d.signer_title {
        out.push_str(&format!("**{}**  \n", inline(line)));
    }
    if let Some(signer) = &d.signer {
        out.push_str(&format!("\n**{}**\n", inline(signer)));
    }
    out
}
