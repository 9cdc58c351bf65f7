//! The report as a Word document (.docx).

use super::doc::DocOptions;
use super::Report;
use crate::i18n::Lang;
use crate::model::ReportFrame;

pub fn render(
    _report: &Report,
    _frame: &ReportFrame,
    _doc: &DocOptions,
    _lang: Lang,
) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("docx is not available yet")
}
