//! The preview of a reminder letter (`R`): the letter as `dondoc remind --format md` writes
//! it, scrollable, with where Enter writes it.

use super::text::{fit, visible};
use super::{centered, Theme};
use crate::i18n::tui as t;
use crate::i18n::Lang;
use crate::tui::app::remind::LetterPreview;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub fn render(frame: &mut Frame, preview: &LetterPreview, lang: Lang, theme: &Theme) {
    let screen = frame.area();
    let area = centered(
        screen,
        screen.width.saturating_sub(4).min(110),
        screen.height.saturating_sub(2),
    );
    frame.render_widget(Clear, area);
    let title = match preview.place {
        (_, 1) => t::letter_title(lang, &visible(&preview.name)),
        (at, of) => t::letter_title_of(lang, &visible(&preview.name), at, of),
    };
    let block = Block::bordered()
        .title(format!(
            " {} ",
            fit(&title, area.width.saturating_sub(4) as usize)
        ))
        .border_style(theme.border(true));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    let text = Rect {
        height: inner.height - 1,
        ..inner
    };
    let lines: Vec<Line> = preview
        .text
        .lines()
        .map(|l| Line::from(visible(l).into_owned()))
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((preview.scroll, 0)),
        text,
    );
    let hint = t::letter_hint(lang, &preview.path.display().to_string());
    frame.buffer_mut().set_line(
        inner.x,
        inner.bottom() - 1,
        &Line::from(Span::styled(
            fit(&visible(&hint), inner.width as usize),
            theme.dim(),
        )),
        inner.width,
    );
}
