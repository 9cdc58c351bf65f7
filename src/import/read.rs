//! The bytes of a document into what the parsers read: a .txt/.md/.docx notice into blocks,
//! a .xlsx/.csv sheet into cells. Bytes in, values out: the caller reads the file.

use super::notice::{self, Block, Mark, Para};
use super::sheet::Cell;
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not a Word document (.docx): {0}")]
    Docx(String),
    #[error("cannot read the spreadsheet: {0}")]
    Sheet(String),
    #[error("no sheet named \"{0}\" (sheets: {1})")]
    NoSheet(String, String),
    #[error("line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("not UTF-8 text (byte {0}): save it as UTF-8 or Unicode text")]
    Utf8(usize),
}

/// What kind of document a file name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Docx,
    Xlsx,
    Csv,
}

impl Kind {
    pub fn of(path: &std::path::Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "md" | "markdown" => Kind::Text,
            "docx" => Kind::Docx,
            "xlsx" | "xlsm" | "xls" | "ods" => Kind::Xlsx,
            "csv" => Kind::Csv,
            _ => return None,
        })
    }
}

/// A text notice; a UTF-8 byte-order mark is dropped, CRLF read as LF.
pub fn text_blocks(bytes: &[u8]) -> Result<Vec<Block>, ReadError> {
    Ok(notice::blocks_from_text(&decode_text(bytes)?))
}

/// UTF-8 (with or without a byte-order mark), or UTF-16 with its mark (what Word and Notepad
/// write as "Unicode" text).
pub fn decode_text(bytes: &[u8]) -> Result<String, ReadError> {
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| ReadError::Utf8(0))
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| ReadError::Utf8(e.valid_up_to()))
}

/// One level of a Word list: how its number is written.
#[derive(Debug, Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// A .docx notice: paragraphs with the numbers Word shows for its lists (from numPr and
/// numbering.xml), and tables as rows of cell texts.
pub fn docx_blocks(bytes: &[u8]) -> Result<Vec<Block>, ReadError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Docx(e.to_string()))?;
    let mut part = |name: &str| -> Result<Option<String>, ReadError> {
        let mut f = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(ReadError::Docx(e.to_string())),
        };
        let mut s = String::new();
        f.read_to_string(&mut s)
            .map_err(|e| ReadError::Docx(format!("{name}: {e}")))?;
        Ok(Some(s))
    };
    let document =
        part("word/document.xml")?.ok_or_else(|| ReadError::Docx("no word/document.xml".into()))?;
    let numbering = part("word/numbering.xml")?
        .map(|x| read_numbering(&x))
        .transpose()?
        .unwrap_or_default();
    read_document(&document, &numbering)
}

/// numId → (abstractNumId, its levels).
type Numbering = HashMap<String, (String, Vec<Level>)>;

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn xml_err(e: impl std::fmt::Display) -> ReadError {
    ReadError::Docx(e.to_string())
}

fn read_numbering(xml: &str) -> Result<Numbering, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut cur_abs: Option<String> = None;
    let mut cur_lvl: Option<usize> = None;
    let mut cur_num: Option<String> = None;
    loop {
        let ev = reader.read_event().map_err(xml_err)?;
        let (e, is_empty) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    b"abstractNum" => cur_abs = None,
                    b"lvl" => cur_lvl = None,
                    b"num" => cur_num = None,
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let _ = is_empty;
        match e.local_name().as_ref() {
            b"abstractNum" => cur_abs = attr(e, b"abstractNumId"),
            b"lvl" => cur_lvl = attr(e, b"ilvl").and_then(|v| v.parse().ok()),
            b"num" => cur_num = attr(e, b"numId"),
            b"abstractNumId" => {
                if let (Some(n), Some(v)) = (&cur_num, attr(e, b"val")) {
                    nums.insert(n.clone(), v);
                }
            }
            name @ (b"numFmt" | b"lvlText" | b"start") => {
                if let (Some(a), Some(l), Some(v)) = (&cur_abs, cur_lvl, attr(e, b"val")) {
                    let levels = abstracts.entry(a.clone()).or_default();
                    if levels.len() <= l {
                        levels.resize(
                            l + 1,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        );
                    }
                    match name {
                        b"numFmt" => levels[l].fmt = v,
                        b"lvlText" => levels[l].text = v,
                        _ => levels[l].start = v.parse().unwrap_or(1),
                    }
                }
            }
            _ => {}
        }
    }
    Ok(nums
        .into_iter()
        .map(|(num, abs)| {
            let levels = abstracts.get(&abs).cloned().unwrap_or_default();
            (num, (abs, levels))
        })
        .collect())
}

/// The number Word shows for `n` in format `fmt`.
fn format_number(n: u32, fmt: &str) -> String {
    let letter = |n: u32| {
        let n = n.max(1) - 1;
        let c = (b'a' + (n % 26) as u8) as char;
        c.to_string().repeat(n as usize / 26 + 1)
    };
    let roman = |n: u32| {
        let table = [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ];
        let mut n = n;
        let mut s = String::new();
        for (v, r) in table {
            while n >= v {
                s.push_str(r);
                n -= v;
            }
        }
        s
    };
    match fmt {
        "lowerLetter" => letter(n),
        "upperLetter" => letter(n).to_uppercase(),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        _ => n.to_string(),
    }
}

fn read_document(xml: &str, numbering: &Numbering) -> Result<Vec<Block>, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    // Counters per list (abstractNum) and level.
    let mut counters: HashMap<String, Vec<u32>> = HashMap::new();
    let mut para_no = 0usize;
    let mut gap = false;
    // Inside a paragraph: its text and list level.
    let mut text = String::new();
    let mut in_para = false;
    let mut num_id: Option<String> = None;
    let mut ilvl: usize = 0;
    let mut in_text = false;
    // Tables: nesting depth, rows of the outer table, the current row and cell.
    let mut depth = 0usize;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut table_line = 0;
    loop {
        let ev = reader.read_event().map_err(xml_err)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"p" if !empty => {
                        in_para = true;
                        text.clear();
                        num_id = None;
                        ilvl = 0;
                    }
                    b"tbl" if !empty => {
                        depth += 1;
                        if depth == 1 {
                            rows.clear();
                            table_line = para_no + 1;
                        }
                    }
                    b"tr" if !empty && depth == 1 => row.clear(),
                    b"tc" if !empty && depth == 1 => cell.clear(),
                    b"numId" if in_para => num_id = attr(e, b"val"),
                    b"ilvl" if in_para => {
                        ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)
                    }
                    b"t" if !empty => in_text = true,
                    b"tab" if in_para => text.push(' '),
                    b"br" | b"cr" if in_para => text.push(' '),
                    _ => {}
                }
            }
            Event::Text(ref t) if in_text => text.push_str(&t.decode().map_err(xml_err)?),
            Event::GeneralRef(ref r) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else {
                    let name = r.decode().map_err(xml_err)?;
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    in_para = false;
                    para_no += 1;
                    let t = crate::fold::nfc(text.trim());
                    if depth > 0 {
                        if !t.is_empty() {
                            if !cell.is_empty() {
                                cell.push('\n');
                            }
                            cell.push_str(&t);
                        }
                        continue;
                    }
                    if t.is_empty() {
                        gap = true;
                        continue;
                    }
                    let word_mark = num_id
                        .as_ref()
                        .filter(|n| n.as_str() != "0")
                        .and_then(|n| numbering.get(n))
                        .and_then(|(abs, levels)| {
                            let lvl = levels.get(ilvl)?;
                            let c = counters.entry(abs.clone()).or_default();
                            if c.len() < levels.len() {
                                c.resize(levels.len(), 0);
                            }
                            c[ilvl] = if c[ilvl] == 0 {
                                lvl.start.max(1)
                            } else {
                                c[ilvl] + 1
                            };
                            for deeper in c.iter_mut().skip(ilvl + 1) {
                                *deeper = 0;
                            }
                            let label = if lvl.fmt == "bullet" {
                                match lvl.text.as_str() {
                                    "-" | "–" | "+" | "•" => lvl.text.clone(),
                                    _ => "•".to_string(),
                                }
                            } else {
                                let mut label = lvl.text.clone();
                                for (k, l) in levels.iter().enumerate().take(ilvl + 1) {
                                    let n = c[k].max(l.start.max(1));
                                    label = label
                                        .replace(&format!("%{}", k + 1), &format_number(n, &l.fmt));
                                }
                                label
                            };
                            Some(Mark {
                                label,
                                key: format!("w{abs}:{ilvl}"),
                            })
                        });
                    let (mark, body) = match word_mark {
                        Some(m) => (Some(m), t.as_str()),
                        None => notice::split_mark(&t),
                    };
                    out.push(Block::Para(Para {
                        text: body.to_string(),
                        mark,
                        line: para_no,
                        gap_before: gap,
                    }));
                    gap = false;
                }
                b"tc" if depth == 1 => row.push(std::mem::take(&mut cell)),
                b"tr" if depth == 1 => rows.push(std::mem::take(&mut row)),
                b"tbl" => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        out.push(Block::Table {
                            rows: std::mem::take(&mut rows),
                            line: table_line,
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Excel's serial day number (1900 date system) as a date.
pub fn excel_date(serial: f64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

/// The sheets of a workbook by name, and the cells of one (`sheet`, else the first).
pub fn workbook_cells(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Vec<Cell>>, ReadError> {
    use calamine::{Data, Reader as _};
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| ReadError::Sheet(e.to_string()))?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| crate::fold::fold(n) == crate::fold::fold(s))
            .cloned()
            .ok_or_else(|| ReadError::NoSheet(s.to_string(), names.join(", ")))?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| ReadError::Sheet("no sheet".into()))?,
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| ReadError::Sheet(e.to_string()))?;
    // Rows and columns before the range's first cell are empty: keep positions as in Excel.
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut out: Vec<Vec<Cell>> = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; c0 as usize];
        cells.extend(row.iter().map(|d| {
            match d {
                Data::Empty => Cell::Empty,
                Data::String(s) => Cell::Text(crate::fold::nfc(s)),
                Data::Int(i) => Cell::Number(*i as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::Bool(b) => Cell::Text(b.to_string()),
                Data::DateTime(dt) => excel_date(dt.as_f64())
                    .map(Cell::Date)
                    .unwrap_or(Cell::Empty),
                Data::DateTimeIso(s) => s
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .map(Cell::Date)
                    .unwrap_or_else(|| Cell::Text(s.clone())),
                Data::DurationIso(s) => Cell::Text(s.clone()),
                Data::Error(e) => Cell::Text(format!("#{e:?}")),
            }
        }));
        out.push(cells);
    }
    Ok(out)
}

/// A CSV file's cells: comma, semicolon or tab separated (whichever the first line uses
/// most), UTF-8 with or without a byte-order mark.
pub fn csv_cells(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| ReadError::Utf8(e.valid_up_to()))?;
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| ReadError::Csv {
            line: e.position().map(|p| p.line()).unwrap_or(0),
            message: e.to_string(),
        })?;
        out.push(
            rec.iter()
                .map(|s| {
                    let s = crate::fold::nfc(s.trim());
                    if s.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s)
                    }
                })
                .collect(),
        );
    }
    Ok(out)
}
