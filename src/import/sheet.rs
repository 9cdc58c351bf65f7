//! A tracking spreadsheet (or a notice's table of tasks) read into drafts: the header row
//! found and its columns mapped by their Vietnamese or English names, units by the registry,
//! dates from date cells or text, statuses from words. Pure.

use super::dates::{self, Due};
use super::units::UnitMatcher;
use super::{unknown_unit_text, Draft, Flag, Proposal, SkipKind, Skipped};
use crate::fold::fold;
use crate::model::{Owner, Source, Status};
use chrono::NaiveDate;

/// A cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Number,
    Text,
    Owner,
    Support,
    Deadline,
    Status,
    Note,
    Source,
    DoneOn,
    IssuedBy,
    Skip,
}

impl Field {
    /// A field named on the command line (`--map "Nội dung=text"`).
    pub fn parse(s: &str) -> Option<Field> {
        Some(match fold(s.trim()).as_str() {
            "text" => Field::Text,
            "owner" | "lead" => Field::Owner,
            "support" => Field::Support,
            "deadline" => Field::Deadline,
            "status" => Field::Status,
            "note" => Field::Note,
            "source" => Field::Source,
            "done_on" => Field::DoneOn,
            "issued_by" => Field::IssuedBy,
            "number" | "stt" => Field::Number,
            "skip" | "ignore" => Field::Skip,
            _ => return None,
        })
    }
}

/// The field a header names. Checked in order: "Đơn vị phối hợp" before "Đơn vị".
fn field_of(header: &str) -> Option<Field> {
    let h = fold(header);
    let h = h.trim();
    const RULES: &[(&str, Field)] = &[
        ("van ban giao", Field::Source),
        ("van ban chi dao", Field::Source),
        ("nguon", Field::Source),
        ("source", Field::Source),
        ("phoi hop", Field::Support),
        ("support", Field::Support),
        ("chu tri", Field::Owner),
        ("ngay hoan thanh", Field::DoneOn),
        ("done on", Field::DoneOn),
        ("thoi han", Field::Deadline),
        ("han hoan thanh", Field::Deadline),
        ("thoi gian hoan thanh", Field::Deadline),
        ("deadline", Field::Deadline),
        ("due", Field::Deadline),
        ("tinh hinh", Field::Status),
        ("trang thai", Field::Status),
        ("tien do", Field::Status),
        ("status", Field::Status),
        ("ket qua", Field::Note),
        ("ghi chu", Field::Note),
        ("note", Field::Note),
        ("nguoi chi dao", Field::IssuedBy),
        ("lanh dao chi dao", Field::IssuedBy),
        ("issued", Field::IssuedBy),
        ("noi dung", Field::Text),
        ("nhiem vu", Field::Text),
        ("y kien", Field::Text),
        ("ket luan", Field::Text),
        ("task", Field::Text),
        ("directive", Field::Text),
        ("text", Field::Text),
        ("don vi", Field::Owner),
        ("co quan", Field::Owner),
        ("owner", Field::Owner),
        ("lead", Field::Owner),
        ("unit", Field::Owner),
    ];
    if matches!(h, "stt" | "tt" | "so tt" | "no" | "no." | "#") {
        return Some(Field::Number);
    }
    if h == "han" {
        return Some(Field::Deadline);
    }
    RULES.iter().find(|(k, _)| h.contains(k)).map(|(_, f)| *f)
}

/// The rows of a sheet read: drafts, rows that became none, and each draft's source text
/// (the "Văn bản giao" column) when the sheet has one.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub drafts: Vec<Draft>,
    pub skipped: Vec<Skipped>,
    pub sources: Vec<Option<String>>,
    /// The header row was not found: nothing mapped.
    pub no_header: bool,
}

/// Column overrides: (a header name, a column letter or a 1-based number) → field.
pub type ColumnMap = Vec<(String, Field)>;

pub fn parse_rows(
    cells: &[Vec<Cell>],
    matcher: &UnitMatcher,
    year: i32,
    after: Option<NaiveDate>,
    first_line: usize,
) -> Rows {
    parse_rows_mapped(cells, matcher, year, after, first_line, &[], None)
}

/// Finds the header (the first of the first rows naming a task-text column and another),
/// joins a second header row under merged cells ("Đơn vị" over "Chủ trì | Phối hợp"), and
/// reads every row after it.
pub fn parse_rows_mapped(
    cells: &[Vec<Cell>],
    matcher: &UnitMatcher,
    year: i32,
    after: Option<NaiveDate>,
    first_line: usize,
    map: &[(String, Field)],
    today: Option<NaiveDate>,
) -> Rows {
    let mut out = Rows::default();
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    let get = |r: usize, c: usize| {
        cells
            .get(r)
            .and_then(|row| row.get(c))
            .map(Cell::text)
            .unwrap_or_default()
    };
    let mut header: Option<(usize, Vec<Option<Field>>)> = None;
    for r in 0..cells.len().min(12) {
        // Carry a merged cell's label right over the empty cells of its span, and join the
        // row below when it fills those cells in.
        let mut labels: Vec<String> = (0..width).map(|c| get(r, c)).collect();
        // A title over the table (one cell, often merged across it) is no header.
        let mapped = |c: usize| {
            map.iter()
                .any(|(key, _)| column_index(key, &labels, width) == Some(c))
        };
        if (0..width)
            .filter(|&c| !labels[c].is_empty() && (field_of(&labels[c]).is_some() || mapped(c)))
            .count()
            < 2
        {
            continue;
        }
        let below: Vec<String> = (0..width).map(|c| get(r + 1, c)).collect();
        let below_is_header = below.iter().filter(|b| !b.is_empty()).count() > 0
            && below.iter().all(|b| b.is_empty() || field_of(b).is_some())
            && below.iter().any(|b| !b.is_empty() && field_of(b).is_some());
        let mut last = String::new();
        for c in 0..width {
            if labels[c].is_empty() && below_is_header && !below[c].is_empty() {
                labels[c] = last.clone();
            } else if !labels[c].is_empty() {
                last = labels[c].clone();
            }
        }
        let joined: Vec<String> = (0..width)
            .map(|c| {
                if below_is_header && !below[c].is_empty() {
                    format!("{} {}", labels[c], below[c])
                } else {
                    labels[c].clone()
                }
            })
            .collect();
        let mut fields: Vec<Option<Field>> = joined
            .iter()
            .map(|l| if l.is_empty() { None } else { sub_field(l) })
            .collect();
        for (key, field) in map {
            if let Some(c) = column_index(key, &joined, width) {
                fields[c] = Some(*field);
            }
        }
        let named = fields.iter().filter(|f| f.is_some()).count();
        if fields.contains(&Some(Field::Text)) && named >= 2 {
            header = Some((if below_is_header { r + 1 } else { r }, fields));
            break;
        }
    }
    let Some((hr, fields)) = header else {
        out.no_header = true;
        for (r, row) in cells.iter().enumerate() {
            let text: Vec<String> = row
                .iter()
                .map(Cell::text)
                .filter(|t| !t.is_empty())
                .collect();
            if !text.is_empty() {
                out.skipped.push(Skipped {
                    line: first_line + r,
                    kind: SkipKind::Narrative,
                    text: text.join(" | "),
                });
            }
        }
        return out;
    };
    let col = |f: Field| fields.iter().position(|x| *x == Some(f));
    let text_col = col(Field::Text);
    let mut group_no = 0;
    let mut section_leads: Vec<String> = Vec::new();
    for (r, row) in cells.iter().enumerate().skip(hr + 1) {
        let line = first_line + r;
        let cell = |f: Field| {
            col(f)
                .and_then(|c| row.get(c))
                .cloned()
                .unwrap_or(Cell::Empty)
        };
        let text = text_col
            .and_then(|c| row.get(c))
            .map(Cell::text)
            .unwrap_or_default();
        if text.is_empty() {
            let rest: Vec<String> = row
                .iter()
                .map(Cell::text)
                .filter(|t| !t.is_empty())
                .collect();
            if !rest.is_empty() {
                out.skipped.push(Skipped {
                    line,
                    kind: SkipKind::EmptyRow,
                    text: rest.join(" | "),
                });
            }
            continue;
        }
        // A section row ("I | NHIỆM VỤ THEO THÔNG BÁO SỐ 512"): a roman or capital number, or
        // capitals only, and no unit nor deadline.
        let number = cell(Field::Number).text();
        let section_number = !number.is_empty()
            && (dates::roman(&number.trim_end_matches('.').to_lowercase()).is_some()
                && number.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | '.'))
                || number.len() <= 2 && number.starts_with(|c: char| c.is_ascii_uppercase()));
        let capitals = text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if (section_number || capitals)
            && cell(Field::Owner).text().is_empty()
            && cell(Field::Deadline).text().is_empty()
        {
            // "II | SỞ TÀI CHÍNH": the rows under it without a unit are its.
            section_leads = matcher
                .find_all(&text)
                .into_iter()
                .flat_map(|m| m.owners)
                .collect();
            out.skipped.push(Skipped {
                line,
                kind: SkipKind::Heading,
                text: [number, text].join(" ").trim().to_string(),
            });
            continue;
        }
        let mut flags = Vec::new();
        let owner_text = cell(Field::Owner).text();
        let mut leads: Vec<String> = matcher
            .find_all(&owner_text)
            .into_iter()
            .flat_map(|m| m.owners)
            .collect();
        if leads.is_empty() && owner_text.is_empty() {
            leads = section_leads.clone();
        }
        if leads.is_empty() {
            if owner_text.is_empty() {
                flags.push(Flag::NoLead);
            } else {
                flags.push(Flag::UnknownLead(owner_text.clone()));
            }
        } else if let Some(u) = unknown_unit_text(&owner_text, matcher) {
            flags.push(Flag::UnknownLead(u));
        }
        let support_text = cell(Field::Support).text();
        let mut support: Vec<String> = matcher
            .find_all(&support_text)
            .into_iter()
            .flat_map(|m| m.owners)
            .collect();
        if let Some(u) = unknown_unit_text(&support_text, matcher) {
            flags.push(Flag::UnknownSupport(u));
        }
        support.retain(|s| !leads.contains(s));
        let (deadline, ongoing) = match cell(Field::Deadline) {
            Cell::Date(d) => (Some(d), false),
            Cell::Empty => (None, false),
            c => match dates::parse_due_cell(&c.text(), year, after) {
                Some(Due::By(d)) => (Some(d), false),
                Some(Due::Ongoing) => (None, true),
                None => {
                    flags.push(Flag::BadDeadline(c.text()));
                    (None, false)
                }
            },
        };
        let status_text = cell(Field::Status).text();
        let status = status_from_words(&status_text);
        let mut note_parts = Vec::new();
        if status.is_none() && !status_text.is_empty() {
            note_parts.push(status_text.clone());
        }
        let note_cell = cell(Field::Note).text();
        if !note_cell.is_empty() {
            note_parts.push(note_cell.clone());
        }
        let mut done_on = match cell(Field::DoneOn) {
            Cell::Date(d) => Some(d),
            c => {
                dates::find_due(&format!("trước {}", c.text()), year, None).and_then(|d| match d {
                    Due::By(d) => Some(d),
                    Due::Ongoing => None,
                })
            }
        };
        if status == Some(Status::Done) && done_on.is_none() {
            done_on = find_date(&status_text).or_else(|| find_date(&note_cell));
            if done_on.is_none() {
                done_on = today;
                flags.push(Flag::DoneWithoutDate);
            }
        }
        let source = cell(Field::Source).text();
        let issued_by = Some(cell(Field::IssuedBy).text()).filter(|s| !s.is_empty());
        let base = Draft {
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            support,
            deadline,
            ongoing,
            issued_by,
            status,
            done_on: if status == Some(Status::Done) {
                done_on
            } else {
                None
            },
            note: (!note_parts.is_empty()).then(|| note_parts.join("; ")),
            line,
            flags,
            ..Draft::default()
        };
        let src = (!source.is_empty()).then_some(source);
        if leads.len() <= 1 {
            out.drafts.push(Draft {
                owner: leads.first().cloned(),
                ..base
            });
            out.sources.push(src);
        } else {
            group_no += 1;
            for l in &leads {
                out.drafts.push(Draft {
                    owner: Some(l.clone()),
                    support: base.support.iter().filter(|s| *s != l).cloned().collect(),
                    group: Some(group_no),
                    ..base.clone()
                });
                out.sources.push(src.clone());
            }
        }
    }
    out
}

/// The `--map` columns found in none of the first rows (a typo in a header's name).
pub fn unknown_map_keys(cells: &[Vec<Cell>], map: &[(String, Field)]) -> Vec<String> {
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    map.iter()
        .filter(|(key, _)| {
            !cells.iter().take(12).any(|row| {
                let labels: Vec<String> = row.iter().map(Cell::text).collect();
                column_index(key, &labels, width).is_some()
            })
        })
        .map(|(key, _)| key.clone())
        .collect()
}

/// The field of a (possibly joined) header: "Đơn vị thực hiện Phối hợp" → support.
fn sub_field(label: &str) -> Option<Field> {
    field_of(label)
}

/// A column named by its header, its letter ("C") or its 1-based number.
fn column_index(key: &str, headers: &[String], width: usize) -> Option<usize> {
    let k = key.trim();
    if let Ok(n) = k.parse::<usize>() {
        return (n >= 1 && n <= width).then(|| n - 1);
    }
    if k.len() <= 2 && k.chars().all(|c| c.is_ascii_alphabetic()) {
        let n = k
            .to_ascii_uppercase()
            .bytes()
            .fold(0usize, |acc, b| acc * 26 + (b - b'A' + 1) as usize);
        if n >= 1 && n <= width {
            return Some(n - 1);
        }
    }
    let fk = fold(k);
    headers
        .iter()
        .position(|h| fold(h).trim() == fk.trim())
        .or_else(|| headers.iter().position(|h| fold(h).contains(fk.trim())))
}

fn find_date(text: &str) -> Option<NaiveDate> {
    let f = fold(text);
    for (i, c) in f.char_indices() {
        if c.is_ascii_digit() && (i == 0 || !f[..i].ends_with(|x: char| x.is_ascii_digit())) {
            if let Some(Due::By(d)) = dates::parse_due_cell(
                &f[i..f[i..]
                    .find(|x: char| x.is_whitespace() || x == ')')
                    .map(|e| i + e)
                    .unwrap_or(f.len())],
                1970,
                None,
            ) {
                if d.format("%Y").to_string() != "1970" {
                    return Some(d);
                }
            }
        }
    }
    None
}

/// A status from the words offices use. "Quá hạn" is not done; it says nothing more.
pub fn status_from_words(text: &str) -> Option<Status> {
    let f = fold(text);
    let f = f.trim();
    if f.is_empty() {
        return None;
    }
    let has = |k: &str| f.contains(k);
    Some(
        if has("huy") || has("dung thuc hien") || has("khong thuc hien") || f == "cancelled" {
            Status::Cancelled
        } else if has("chua thuc hien")
            || has("chua trien khai")
            || has("chua hoan thanh") && !has("dang")
            || f == "open"
        {
            Status::Open
        } else if has("hoan thanh") || has("da xong") || f == "xong" || f == "done" {
            Status::Done
        } else if has("dang") || f == "in_progress" || f == "in progress" {
            Status::InProgress
        } else if has("vuong mac") || has("kho khan") || f == "blocked" {
            Status::Blocked
        } else if has("qua han") {
            Status::Open
        } else {
            return None;
        },
    )
}

/// Options of a spreadsheet import.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    pub map: ColumnMap,
    pub source_title: Option<String>,
    pub source_date: Option<NaiveDate>,
    /// The name of the file, for a source with no title.
    pub file_title: String,
    pub today: Option<NaiveDate>,
}

/// A spreadsheet into one proposal per distinct "Văn bản giao" (one when there is none).
pub fn parse_sheet(
    cells: &[Vec<Cell>],
    owners: &[Owner],
    opts: &SheetOptions,
    fallback: NaiveDate,
) -> Vec<Proposal> {
    let matcher = UnitMatcher::new(owners);
    let date = opts.source_date.unwrap_or(fallback);
    let year = chrono::Datelike::year(&date);
    let rows = parse_rows_mapped(
        cells,
        &matcher,
        year,
        opts.source_date,
        1,
        &opts.map,
        opts.today,
    );
    let mut out: Vec<(Option<String>, Proposal)> = Vec::new();
    for (d, src) in rows.drafts.into_iter().zip(rows.sources) {
        let i = match out.iter().position(|(s, _)| *s == src) {
            Some(i) => i,
            None => {
                let title = opts
                    .source_title
                    .clone()
                    .or_else(|| src.clone())
                    .unwrap_or_else(|| opts.file_title.clone());
                let date = src
                    .as_deref()
                    .and_then(dates::document_date)
                    .or(opts.source_date);
                out.push((
                    src.clone(),
                    Proposal {
                        source: Source {
                            title,
                            date,
                            reference: src.clone(),
                            issued_by: None,
                        },
                        ..Proposal::default()
                    },
                ));
                out.len() - 1
            }
        };
        out[i].1.drafts.push(d);
    }
    if out.is_empty() {
        out.push((
            None,
            Proposal {
                source: Source {
                    title: opts
                        .source_title
                        .clone()
                        .unwrap_or_else(|| opts.file_title.clone()),
                    date: opts.source_date,
                    ..Source::default()
                },
                ..Proposal::default()
            },
        ));
    }
    out[0].1.skipped = rows.skipped;
    out.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(status_from_words("Đã hoàn thành"), Some(Status::Done));
        assert_eq!(
            status_from_words("Đang thực hiện"),
            Some(Status::InProgress)
        );
        assert_eq!(status_from_words("Chưa thực hiện"), Some(Status::Open));
        assert_eq!(status_from_words("Quá hạn"), Some(Status::Open));
        assert_eq!(status_from_words("Chưa hoàn thành"), Some(Status::Open));
        assert_eq!(status_from_words(""), None);
    }

    #[test]
    fn a_section_row_naming_a_unit_leads_the_rows_under_it() {
        let owners = [Owner {
            id: "so-tc".into(),
            name: "Sở Tài chính".into(),
            short: None,
            group: "Sở".into(),
            aliases: vec![],
            addressee: None,
        }];
        let t = |s: &str| Cell::Text(s.into());
        let cells = vec![
            vec![t("STT"), t("Nội dung"), t("Chủ trì"), t("Thời hạn")],
            vec![t("II"), t("SỞ TÀI CHÍNH"), Cell::Empty, Cell::Empty],
            vec![
                t("1"),
                t("Quyết toán ngân sách"),
                Cell::Empty,
                t("31/12/2023"),
            ],
        ];
        let m = UnitMatcher::new(&owners);
        let rows = parse_rows(&cells, &m, 2023, None, 1);
        assert_eq!(rows.drafts.len(), 1);
        assert_eq!(rows.drafts[0].owner.as_deref(), Some("so-tc"));
        assert!(rows.drafts[0].flags.is_empty());
        assert_eq!(rows.skipped[0].kind, SkipKind::Heading);
    }

    #[test]
    fn headers() {
        assert_eq!(field_of("Đơn vị chủ trì"), Some(Field::Owner));
        assert_eq!(field_of("Đơn vị phối hợp"), Some(Field::Support));
        assert_eq!(field_of("Nội dung nhiệm vụ"), Some(Field::Text));
        assert_eq!(field_of("Tình hình thực hiện"), Some(Field::Status));
        assert_eq!(field_of("Kết quả/Ghi chú"), Some(Field::Note));
        assert_eq!(field_of("Văn bản giao"), Some(Field::Source));
        assert_eq!(field_of("Thời hạn"), Some(Field::Deadline));
        assert_eq!(field_of("STT"), Some(Field::Number));
    }
}
