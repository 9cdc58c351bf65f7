//! Documents as Word files (.docx): WordprocessingML written directly into the zip container
//! (the `zip` crate, already used by the xlsx writer), so tables stay real Word tables a clerk
//! can edit. A4 portrait, the official margins (top and bottom 20 mm, left 30 mm, right
//! 15 mm), Times New Roman 14 pt for the text and 12 or 10.5 pt in tables, page numbers at
//! the top from the second page.

use super::doc::{clean, Align, Block, Cell, DocOptions, Document, Table};
use super::ReportOn;
use crate::i18n::Lang;
use crate::model::ReportFrame;
use std::fmt::Write as _;
use std::io::Write as _;

/// Text width in twentieths of a point: A4 (11906) less the left and right margins.
const TEXT_WIDTH: u32 = 11906 - 1701 - 850;

/// The report as a .docx file.
pub fn render(
    report: &ReportOn,
    frame: &ReportFrame,
    opts: &DocOptions,
    lang: Lang,
) -> anyhow::Result<Vec<u8>> {
    write(
        &super::doc::report_document(report, frame, opts, lang),
        lang,
    )
}

/// Any document (a report, a letter) as a .docx file.
pub fn write(doc: &Document, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles(lang)),
        ("word/header1.xml", HEADER.to_string()),
        ("word/document.xml", document_xml(doc)),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;

/// The page number, centred at the top from the second page on (the first page has none,
/// as official documents are numbered).
const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#;

fn styles(lang: Lang) -> String {
    let lang = match lang {
        Lang::Vi => "vi-VN",
        Lang::En => "en-GB",
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

/// XML text: escaped, without the control characters XML 1.0 forbids.
fn x(s: &str) -> String {
    super::html::esc(&clean(s))
}

#[derive(Clone, Copy, Default)]
struct Style {
    bold: bool,
    italic: bool,
    underline: bool,
    /// Half-points; 0 for the default (14 pt).
    size: u32,
    align: Option<Align>,
    /// First-line indent in twips (body paragraphs: 1 cm).
    indent: u32,
    /// Space before, in twips.
    before: u32,
    after: u32,
}

fn para(out: &mut String, text: &str, s: Style) {
    out.push_str("<w:p><w:pPr>");
    let _ = write!(
        out,
        "<w:spacing w:before=\"{}\" w:after=\"{}\"/>",
        s.before, s.after
    );
    if s.indent > 0 {
        let _ = write!(out, "<w:ind w:firstLine=\"{}\"/>", s.indent);
    }
    let jc = match s.align {
        Some(Align::Center) => "center",
        Some(Align::Right) => "right",
        Some(Align::Left) => "left",
        None => "both",
    };
    let _ = write!(out, "<w:jc w:val=\"{jc}\"/>");
    out.push_str("</w:pPr>");
    if !text.is_empty() {
        run(out, text, s);
    }
    out.push_str("</w:p>");
}

fn run(out: &mut String, text: &str, s: Style) {
    out.push_str("<w:r><w:rPr>");
    if s.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if s.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    if s.underline {
        out.push_str("<w:u w:val=\"single\"/>");
    }
    if s.size > 0 {
        let _ = write!(out, "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", s.size);
    }
    let _ = write!(
        out,
        "</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        x(text)
    );
}

fn centered(bold: bool, italic: bool) -> Style {
    Style {
        bold,
        italic,
        align: Some(Align::Center),
        ..Style::default()
    }
}

/// A table without borders that places blocks side by side (the header, the signature).
fn layout_table(out: &mut String, widths: [u32; 2], cells: [String; 2]) {
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders></w:tblPr><w:tblGrid>");
    for w in widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid><w:tr>");
    for (w, content) in widths.iter().zip(cells) {
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>{}</w:tc>",
            if content.is_empty() {
                "<w:p/>".to_string()
            } else {
                content
            }
        );
    }
    out.push_str("</w:tr></w:tbl>");
}

fn document_xml(doc: &Document) -> String {
    let mut body = String::with_capacity(64 * 1024);

    // The header: issuer and number on the left, motto and date on the right.
    let mut left = String::new();
    if let Some(issuer) = &doc.issuer {
        para(&mut left, issuer, centered(false, false));
    }
    if let Some(office) = &doc.office {
        para(&mut left, office, centered(true, false));
    }
    if doc.issuer.is_some() || doc.office.is_some() {
        para(&mut left, "*", centered(false, false));
    }
    if let Some(number) = &doc.number {
        para(&mut left, number, centered(false, false));
    }
    if let Some(subject) = &doc.subject {
        para(
            &mut left,
            subject,
            Style {
                italic: true,
                size: 24,
                align: Some(Align::Center),
                ..Style::default()
            },
        );
    }
    let mut right = String::new();
    for (i, line) in doc.motto.iter().enumerate() {
        let last = i + 1 == doc.motto.len();
        para(
            &mut right,
            line,
            Style {
                bold: true,
                underline: last,
                align: Some(Align::Center),
                size: if i == 0 && doc.motto.len() > 1 {
                    26
                } else {
                    28
                },
                ..Style::default()
            },
        );
    }
    para(
        &mut right,
        &doc.date_line,
        Style {
            italic: true,
            before: 240,
            align: Some(Align::Center),
            ..Style::default()
        },
    );
    layout_table(
        &mut body,
        [TEXT_WIDTH * 4 / 10, TEXT_WIDTH * 6 / 10],
        [left, right],
    );

    if let Some(title) = &doc.title {
        para(
            &mut body,
            title,
            Style {
                bold: true,
                size: 32,
                before: 360,
                align: Some(Align::Center),
                ..Style::default()
            },
        );
    }
    for line in &doc.subtitle {
        para(&mut body, line, centered(true, false));
    }
    for line in &doc.under_title {
        para(&mut body, line, centered(false, true));
    }
    if let Some(to) = &doc.addressee {
        para(
            &mut body,
            to,
            Style {
                before: 240,
                after: 120,
                align: Some(Align::Center),
                ..Style::default()
            },
        );
    }
    para(&mut body, "", Style::default());

    for block in &doc.blocks {
        match block {
            Block::Heading(h) => para(
                &mut body,
                h,
                Style {
                    bold: true,
                    indent: 567,
                    before: 120,
                    after: 60,
                    ..Style::default()
                },
            ),
            Block::Paragraph(p) => para(
                &mut body,
                p,
                Style {
                    indent: 567,
                    after: 120,
                    ..Style::default()
                },
            ),
            Block::Note(p) => para(
                &mut body,
                p,
                Style {
                    italic: true,
                    size: 24,
                    indent: 567,
                    before: 60,
                    after: 120,
                    ..Style::default()
                },
            ),
            Block::Table(t) => table(&mut body, t),
        }
    }

    // Recipients on the left (12 pt, the label bold italic), signature on the right.
    let mut left = String::new();
    para(
        &mut left,
        &doc.recipients_label,
        Style {
            bold: true,
            italic: true,
            size: 24,
            align: Some(Align::Left),
            ..Style::default()
        },
    );
    for r in &doc.recipients {
        para(
            &mut left,
            &format!("- {r},"),
            Style {
                size: 22,
                align: Some(Align::Left),
                ..Style::default()
            },
        );
    }
    let mut right = String::new();
    for line in &doc.signer_title {
        para(&mut right, line, centered(true, false));
    }
    for _ in 0..4 {
        para(&mut right, "", Style::default());
    }
    if let Some(signer) = &doc.signer {
        para(&mut right, signer, centered(true, false));
    }
    para(&mut body, "", Style::default());
    layout_table(&mut body, [TEXT_WIDTH / 2, TEXT_WIDTH / 2], [left, right]);

    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#
    )
}

fn table(out: &mut String, t: &Table) {
    let total: u32 = t.widths.iter().sum::<u32>().max(1);
    let widths: Vec<u32> = t.widths.iter().map(|w| w * TEXT_WIDTH / total).collect();
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    out.push_str("</w:tblBorders></w:tblPr><w:tblGrid>");
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let size = if t.small { 21 } else { 24 };
    // Per grid column: rows still covered by a cell above, and that cell's width in columns.
    let mut merged: Vec<(usize, usize)> = vec![(0, 0); widths.len()];
    let rows = t
        .head
        .iter()
        .map(|r| (r, true))
        .chain(t.rows.iter().map(|r| (r, false)));
    for (row, header) in rows {
        out.push_str("<w:tr>");
        out.push_str(if header {
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:trPr><w:cantSplit/></w:trPr>"
        });
        let mut cells = row.iter();
        let mut col = 0;
        while col < widths.len() {
            if merged[col].0 > 0 {
                let span = merged[col].1;
                merged[col].0 -= 1;
                cell(out, &widths, col, span, Some(false), None, size, header);
                col += span;
                continue;
            }
            let Some(c) = cells.next() else {
                // A short row: fill it so Word keeps the grid.
                cell(
                    out,
                    &widths,
                    col,
                    1,
                    None,
                    Some(&Cell::new("")),
                    size,
                    header,
                );
                col += 1;
                continue;
            };
            let span = c.colspan.clamp(1, widths.len() - col);
            let restart = (c.rowspan > 1).then(|| {
                merged[col] = (c.rowspan - 1, span);
                true
            });
            cell(out, &widths, col, span, restart, Some(c), size, header);
            col += span;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, or it joins them.
    para(
        out,
        "",
        Style {
            size: 12,
            ..Style::default()
        },
    );
}

#[allow(clippy::too_many_arguments)]
fn cell(
    out: &mut String,
    widths: &[u32],
    col: usize,
    span: usize,
    vmerge: Option<bool>,
    content: Option<&Cell>,
    size: u32,
    header: bool,
) {
    let w: u32 = widths[col..col + span].iter().sum();
    let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
    if span > 1 {
        let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
    }
    match vmerge {
        Some(true) => out.push_str("<w:vMerge w:val=\"restart\"/>"),
        Some(false) => out.push_str("<w:vMerge/>"),
        None => {}
    }
    if header {
        out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDEDED\"/>");
    }
    out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
    let style = Style {
        bold: content.is_some_and(|c| c.bold),
        size: if header { size - 2 } else { size },
        align: Some(content.map_or(Align::Left, |c| c.align)),
        ..Style::default()
    };
    para(out, content.map_or("", |c| c.text.as_str()), style);
    if let Some(sub) = content.and_then(|c| c.sub.as_deref()) {
        para(
            out,
            sub,
            Style {
                italic: true,
                ..style
            },
        );
    }
    out.push_str("</w:tc>");
}
