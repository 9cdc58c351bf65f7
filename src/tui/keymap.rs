//! Keys as data: one table of (modes, keys, action, help). The loop resolves keys through it,
//! and the `?` screen and the footer hints are drawn from it, so they cannot drift apart.

use super::action::{Action, EditOp};
use crate::i18n::import as ti;
use crate::i18n::terms;
use crate::i18n::tui::{self as t, tr, Text};
use crate::i18n::Lang;
use crate::model::Status;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the keys mean right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The owners and directives lists.
    Normal,
    Detail,
    StatusPicker,
    FilterPicker,
    NoteInput,
    DeadlineInput,
    Search,
    Help,
    /// Figures by unit.
    Dashboard,
    /// Typing a new as-of date.
    AsOfInput,
    /// A form: a new directive, a new meeting.
    Form,
    /// A yes/no question (discard a filled form?).
    Question,
    /// The preview of a reminder letter.
    Letter,
    /// The import's path prompt.
    ImportPath,
    /// The import's review of the drafts.
    Import,
    /// Choosing where to split a draft.
    ImportSplit,
    /// Confirming the import's write.
    ImportConfirm,
    /// Typing a unit's name to find it in the units pane.
    UnitFind,
    /// Editing a directive's text (`E`): several lines.
    TextInput,
}

impl Mode {
    const ALL: &'static [Mode] = &[
        Mode::Normal,
        Mode::Detail,
        Mode::StatusPicker,
        Mode::FilterPicker,
        Mode::NoteInput,
        Mode::DeadlineInput,
        Mode::Search,
        Mode::Help,
        Mode::Dashboard,
        Mode::AsOfInput,
        Mode::Form,
        Mode::Question,
        Mode::Letter,
        Mode::ImportPath,
        Mode::Import,
        Mode::ImportSplit,
        Mode::ImportConfirm,
        Mode::UnitFind,
        Mode::TextInput,
    ];

    /// Typing text: plain characters are input, not commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::NoteInput
                | Mode::DeadlineInput
                | Mode::AsOfInput
                | Mode::Search
                | Mode::Form
                | Mode::ImportPath
                | Mode::UnitFind
                | Mode::TextInput
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    /// Alt-Enter (ESC then CR from the terminal): a line break in a text.
    AltEnter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        Some(match e.code {
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter if e.modifiers.contains(KeyModifiers::ALT) => Key::AltEnter,
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            _ => return None,
        })
    }

    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Enter => "Enter".into(),
            Key::AltEnter => "Alt-Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Backspace => "Backspace".into(),
            Key::Delete => "Delete".into(),
        }
    }
}

pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    pub help: Text,
    /// Shown in the footer of these modes as (keys, hint).
    pub footer: Option<(&'static str, Text)>,
}

use Key::*;
use Mode::*;

const LISTS: &[Mode] = &[Normal, Detail];
const PICKERS: &[Mode] = &[StatusPicker, FilterPicker, Letter, ImportSplit];
const INPUTS: &[Mode] = &[NoteInput, DeadlineInput, AsOfInput, TextInput];
const TEXT_INPUTS: &[Mode] = &[
    NoteInput,
    DeadlineInput,
    AsOfInput,
    Search,
    Form,
    ImportPath,
    UnitFind,
    TextInput,
];

const fn bind(
    modes: &'static [Mode],
    keys: &'static [Key],
    action: Action,
    help: Text,
    footer: Option<(&'static str, Text)>,
) -> Binding {
    Binding {
        modes,
        keys,
        action,
        help,
        footer,
    }
}

/// Every key of the UI, in the order the help screen shows them: one binding a line,
/// (modes, keys, action, help, footer hint). The words are i18n's; the table only names them.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Mode::ALL, &[Ctrl('c')], Action::Quit, t::KEY_QUIT, None),
    // Lists and detail.
    bind(LISTS, &[Char('j'), Down], Action::Down, t::KEY_NEXT_ROW, Some(("j/k", t::HINT_MOVE))),
    bind(LISTS, &[Char('k'), Up], Action::Up, t::KEY_PREV_ROW, None),
    bind(LISTS, &[Char('g'), Home], Action::Top, t::KEY_FIRST_ROW, None),
    bind(LISTS, &[Char('G'), End], Action::Bottom, t::KEY_LAST_ROW, None),
    bind(&[Normal], &[PageDown, Ctrl('d')], Action::PageDown, t::KEY_PAGE_DOWN, None),
    bind(&[Normal], &[PageUp, Ctrl('u')], Action::PageUp, t::KEY_PAGE_UP, None),
    bind(&[Normal], &[Tab, BackTab], Action::NextPane, t::KEY_NEXT_PANE, Some(("Tab", t::HINT_PANE))),
    bind(&[Normal, Detail], &[Char('b')], Action::Dashboard, t::KEY_DASHBOARD, Some(("b", t::HINT_DASHBOARD))),
    bind(LISTS, &[Char('t')], Action::AsOf, t::KEY_AS_OF_EVERYWHERE, None),
    bind(&[Normal], &[Char('h'), Left], Action::FocusOwners, t::KEY_FOCUS_UNITS, None),
    bind(&[Normal], &[Char('l'), Right], Action::FocusDirectives, t::KEY_FOCUS_DIRECTIVES, None),
    bind(&[Normal], &[Enter], Action::Confirm, t::KEY_OPEN_DETAIL, Some(("Enter", t::HINT_DETAIL))),
    bind(&[Normal], &[Esc], Action::Back, t::KEY_CLEAR_SEARCH_AND_FILTER, None),
    bind(&[Detail], &[Esc, Enter], Action::Back, t::KEY_BACK_TO_LIST, Some(("Esc", t::HINT_BACK))),
    bind(&[Detail], &[PageDown, Ctrl('d')], Action::PageDown, t::KEY_DETAIL_DOWN, Some(("PgDn/PgUp", t::HINT_SCROLL))),
    bind(&[Detail], &[PageUp, Ctrl('u')], Action::PageUp, t::KEY_DETAIL_UP, None),
    bind(LISTS, &[Char('s')], Action::StatusPicker, t::KEY_STATUS, Some(("s/1-5", t::HINT_STATUS))),
    bind(LISTS, &[Char('1')], Action::SetStatus(Status::Open), t::KEY_STATUS_OPEN, None),
    bind(LISTS, &[Char('2')], Action::SetStatus(Status::InProgress), t::KEY_STATUS_IN_PROGRESS, None),
    bind(LISTS, &[Char('3')], Action::SetStatus(Status::Blocked), t::KEY_STATUS_BLOCKED, None),
    bind(LISTS, &[Char('4')], Action::SetStatus(Status::Done), t::KEY_STATUS_DONE, None),
    bind(LISTS, &[Char('5')], Action::SetStatus(Status::Cancelled), t::KEY_STATUS_CANCELLED, None),
    bind(LISTS, &[Char('d')], Action::EditDeadline, t::KEY_DEADLINE, Some(("d", t::HINT_DEADLINE))),
    bind(LISTS, &[Char('n')], Action::AddNote, t::KEY_NOTE, Some(("n", t::HINT_NOTE))),
    bind(LISTS, &[Char('e')], Action::NoteInEditor, t::KEY_NOTE_IN_EDITOR, None),
    bind(LISTS, &[Char('u')], Action::Undo, t::KEY_UNDO, Some(("u", t::HINT_UNDO))),
    bind(&[Normal], &[Char('/')], Action::StartSearch, t::KEY_SEARCH_OR_FIND, Some(("/", t::HINT_SEARCH))),
    bind(&[Normal], &[Char('f')], Action::FilterPicker, t::KEY_FILTER, Some(("f", t::HINT_FILTER))),
    bind(&[Normal], &[Char('o')], Action::CycleSort, t::KEY_SORT, Some(("o", t::HINT_SORT))),
    bind(&[Normal], &[Char('#')], Action::ToggleIds, t::KEY_TOGGLE_IDS, None),
    bind(&[Normal], &[Char('v')], Action::ToggleLines, t::KEY_TWO_LINES, None),
    bind(LISTS, &[Char('y')], Action::CopyId, t::KEY_COPY_ID, None),
    bind(&[Normal], &[Char(' ')], Action::Mark, t::KEY_MARK, Some(("Space", t::HINT_MARK))),
    bind(&[Normal], &[Char('*')], Action::MarkAll, t::KEY_MARK_ALL, Some(("*", t::HINT_MARK_ALL))),
    bind(LISTS, &[Ctrl('r')], Action::Redo, t::KEY_REDO, Some(("Ctrl-R", t::HINT_REDO))),
    bind(LISTS, &[Char('E')], Action::EditText, t::KEY_EDIT_TEXT, Some(("E", t::HINT_EDIT_TEXT))),
    bind(LISTS, &[Char('O')], Action::EditOwner, t::KEY_EDIT_OWNER, Some(("O", t::HINT_EDIT_OWNER))),
    bind(LISTS, &[Char('P')], Action::EditSupport, t::KEY_EDIT_SUPPORT, Some(("P", t::HINT_EDIT_SUPPORT))),
    bind(&[Normal], &[Char('m')], Action::Meetings, t::KEY_MEETINGS, Some(("m", t::HINT_MEETINGS))),
    bind(LISTS, &[Char('D')], Action::Delete, t::KEY_DELETE_DIRECTIVE, Some(("D", t::HINT_DELETE))),
    bind(LISTS, &[Char('a')], Action::NewDirective, t::KEY_NEW_DIRECTIVE, Some(("a", t::HINT_ADD))),
    bind(LISTS, &[Char('N')], Action::NewMeeting, t::KEY_NEW_MEETING, Some(("N", t::HINT_NEW_MEETING))),
    bind(&[Normal], &[Char('I'), Char('i')], Action::Import, ti::KEY_IMPORT, Some(("I", t::HINT_IMPORT))),
    bind(LISTS, &[Char('R')], Action::Remind, t::KEY_REMIND, Some(("R", t::HINT_REMIND))),
    bind(LISTS, &[Char('r')], Action::Reload, t::KEY_RELOAD, None),
    bind(LISTS, &[Char('?')], Action::Help, t::KEY_HELP, Some(("?", t::HINT_HELP))),
    bind(LISTS, &[Char('q')], Action::Quit, t::KEY_QUIT, Some(("q", t::HINT_QUIT))),
    // Dashboard.
    bind(&[Dashboard], &[Char('j'), Down], Action::Down, t::KEY_NEXT_UNIT, Some(("j/k", t::HINT_MOVE))),
    bind(&[Dashboard], &[Char('k'), Up], Action::Up, t::KEY_PREV_UNIT, None),
    bind(&[Dashboard], &[Char('g'), Home], Action::Top, t::KEY_FIRST_UNIT, None),
    bind(&[Dashboard], &[Char('G'), End], Action::Bottom, t::KEY_LAST_UNIT, None),
    bind(&[Dashboard], &[PageDown, Ctrl('d')], Action::PageDown, t::KEY_PAGE_DOWN, None),
    bind(&[Dashboard], &[PageUp, Ctrl('u')], Action::PageUp, t::KEY_PAGE_UP, None),
    bind(&[Dashboard], &[Enter], Action::Confirm, t::KEY_UNIT_DIRECTIVES, Some(("Enter", t::HINT_DIRECTIVES))),
    bind(&[Dashboard], &[Esc, Char('b')], Action::Back, t::KEY_BACK_TO_LISTS, Some(("Esc", t::HINT_BACK))),
    bind(&[Dashboard], &[Char('t')], Action::AsOf, t::KEY_AS_OF, Some(("t", t::HINT_AS_OF))),
    bind(&[Dashboard], &[Char('r')], Action::Reload, t::KEY_RELOAD, None),
    bind(&[Dashboard], &[Char('?')], Action::Help, t::KEY_HELP, Some(("?", t::HINT_HELP))),
    bind(&[Dashboard], &[Char('q')], Action::Quit, t::KEY_QUIT, Some(("q", t::HINT_QUIT))),
    // Last in the footer: it shows on wide screens; `?` lists it always.
    bind(LISTS, &[Char('S')], Action::Sync, t::KEY_SYNC, Some(("S", t::HINT_SYNC))),
    // Pickers.
    bind(PICKERS, &[Char('j'), Down], Action::Down, t::KEY_NEXT_CHOICE, Some(("j/k", t::HINT_MOVE))),
    bind(PICKERS, &[Char('k'), Up], Action::Up, t::KEY_PREV_CHOICE, None),
    bind(&[StatusPicker], &[Char('1')], Action::SetStatus(Status::Open), terms::status(Status::Open), None),
    bind(&[StatusPicker], &[Char('2')], Action::SetStatus(Status::InProgress), terms::status(Status::InProgress), None),
    bind(&[StatusPicker], &[Char('3')], Action::SetStatus(Status::Blocked), terms::status(Status::Blocked), None),
    bind(&[StatusPicker], &[Char('4')], Action::SetStatus(Status::Done), terms::status(Status::Done), None),
    bind(&[StatusPicker], &[Char('5')], Action::SetStatus(Status::Cancelled), terms::status(Status::Cancelled), None),
    bind(&[FilterPicker], &[Char('g'), Home], Action::Top, t::KEY_FIRST_CHOICE, None),
    bind(&[FilterPicker], &[Char('G'), End], Action::Bottom, t::KEY_LAST_CHOICE, None),
    bind(&[FilterPicker], &[Char(' ')], Action::Mark, t::KEY_FILTER_COMBINE, Some(("Space", t::HINT_COMBINE))),
    bind(PICKERS, &[Enter], Action::Confirm, t::KEY_CHOOSE, Some(("Enter", t::HINT_CHOOSE))),
    bind(PICKERS, &[Esc, Char('q')], Action::Back, t::KEY_CANCEL, Some(("Esc", t::HINT_CANCEL))),
    // Typing.
    bind(INPUTS, &[Enter], Action::Confirm, t::KEY_SAVE, Some(("Enter", t::HINT_SAVE))),
    bind(INPUTS, &[Esc], Action::Back, t::KEY_CANCEL, Some(("Esc", t::HINT_CANCEL))),
    bind(TEXT_INPUTS, &[Backspace, Ctrl('h')], Action::Edit(EditOp::Backspace), t::KEY_BACKSPACE, None),
    bind(TEXT_INPUTS, &[Delete], Action::Edit(EditOp::Delete), t::KEY_DELETE, None),
    bind(TEXT_INPUTS, &[Ctrl('w')], Action::Edit(EditOp::DeleteWord), t::KEY_DELETE_WORD, None),
    bind(TEXT_INPUTS, &[Ctrl('u')], Action::Edit(EditOp::Clear), t::KEY_CLEAR_INPUT, None),
    bind(TEXT_INPUTS, &[Left], Action::Edit(EditOp::Left), t::KEY_LEFT, None),
    bind(TEXT_INPUTS, &[Right], Action::Edit(EditOp::Right), t::KEY_RIGHT, None),
    bind(TEXT_INPUTS, &[Home, Ctrl('a')], Action::Edit(EditOp::Home), t::KEY_HOME, None),
    bind(TEXT_INPUTS, &[End], Action::Edit(EditOp::End), t::KEY_END, None),
    bind(&[NoteInput, DeadlineInput], &[Tab], Action::NextField, t::KEY_PROMPT_TAB, Some(("Tab", t::HINT_MORE))),
    bind(&[NoteInput, DeadlineInput], &[BackTab], Action::PrevField, t::KEY_PREV_FIELD, None),
    bind(&[NoteInput], &[Ctrl('e')], Action::NoteInEditor, t::KEY_CONTINUE_IN_EDITOR, Some(("Ctrl-E", t::HINT_EDITOR))),
    bind(&[Search], &[Enter], Action::Confirm, t::KEY_KEEP_SEARCH, Some(("Enter", t::HINT_KEEP_SEARCH))),
    bind(&[Search], &[Esc], Action::Back, t::KEY_CLEAR_SEARCH, Some(("Esc", t::HINT_CLEAR_SEARCH))),
    bind(&[Search], &[Down], Action::Down, t::KEY_NEXT_ROW, None),
    bind(&[Search], &[Up], Action::Up, t::KEY_PREV_ROW, None),
    // Finding a unit.
    bind(&[UnitFind], &[Enter], Action::Confirm, t::KEY_FIND_KEEP, Some(("Enter", t::HINT_FIND_KEEP))),
    bind(&[UnitFind], &[Esc], Action::Back, t::KEY_FIND_BACK, Some(("Esc", t::HINT_CANCEL))),
    bind(&[UnitFind], &[Down], Action::Down, t::KEY_FIND_NEXT, Some(("↓/↑", t::HINT_FIND_NEXT))),
    bind(&[UnitFind], &[Up], Action::Up, t::KEY_FIND_PREV, None),
    // Forms.
    bind(&[Form], &[Tab], Action::NextField, t::KEY_NEXT_FIELD, Some(("Tab", t::HINT_NEXT_FIELD))),
    bind(&[Form], &[BackTab], Action::PrevField, t::KEY_PREV_FIELD, None),
    bind(&[Form], &[Enter], Action::Confirm, t::KEY_FORM_ENTER, Some(("Enter", t::HINT_FORM_ENTER))),
    bind(&[Form], &[Ctrl('s')], Action::Save, t::KEY_SAVE_FORM, Some(("Ctrl-S", t::HINT_SAVE))),
    bind(&[Form], &[Down], Action::Down, t::KEY_FORM_DOWN, None),
    bind(&[Form], &[Up], Action::Up, t::KEY_FORM_UP, None),
    bind(&[Form], &[Esc], Action::Back, t::KEY_FORM_ESC, Some(("Esc", t::HINT_CANCEL))),
    bind(&[TextInput], &[AltEnter, Ctrl('j')], Action::Edit(EditOp::Newline), t::KEY_NEWLINE, Some(("Alt-Enter/Ctrl-J", t::HINT_NEWLINE))),
    // In a form, only the text takes it: the form says so under its fields.
    bind(&[Form], &[AltEnter, Ctrl('j')], Action::Edit(EditOp::Newline), t::KEY_NEWLINE, None),
    bind(&[TextInput], &[Down], Action::Edit(EditOp::Down), t::KEY_LINE_DOWN, None),
    bind(&[TextInput], &[Up], Action::Edit(EditOp::Up), t::KEY_LINE_UP, None),
    bind(&[Question], &[Char('y')], Action::Yes, t::KEY_YES, Some(("y", t::HINT_YES))),
    bind(&[Question], &[Char('n'), Esc], Action::Back, t::KEY_NO, Some(("n/Esc", t::HINT_NO))),
    // Importing a notice or a sheet.
    bind(&[ImportPath], &[Enter], Action::Confirm, ti::KEY_READ, Some(("Enter", ti::HINT_READ))),
    bind(&[ImportPath], &[Esc], Action::Back, t::KEY_CANCEL, Some(("Esc", ti::HINT_CANCEL))),
    bind(&[Import], &[Char('j'), Down], Action::Down, t::KEY_NEXT_DRAFT, Some(("j/k", t::HINT_MOVE))),
    bind(&[Import], &[Char('k'), Up], Action::Up, t::KEY_PREV_DRAFT, None),
    bind(&[Import], &[Char('g'), Home], Action::Top, t::KEY_FIRST_DRAFT, None),
    bind(&[Import], &[Char('G'), End], Action::Bottom, t::KEY_LAST_ROW, None),
    bind(&[Import], &[PageDown, Ctrl('d')], Action::PageDown, t::KEY_PAGE_DOWN, None),
    bind(&[Import], &[PageUp, Ctrl('u')], Action::PageUp, t::KEY_PAGE_UP, None),
    bind(&[Import], &[Char(' ')], Action::Mark, ti::KEY_ACCEPT, Some(("Space", ti::HINT_ACCEPT))),
    bind(&[Import], &[Char('*')], Action::MarkAll, ti::KEY_ACCEPT_ALL, None),
    bind(&[Import], &[Char('e'), Enter], Action::Confirm, ti::KEY_EDIT, Some(("e", ti::HINT_EDIT))),
    bind(&[Import], &[Char('s')], Action::Split, ti::KEY_SPLIT, Some(("s", ti::HINT_SPLIT))),
    bind(&[Import], &[Char('m')], Action::Merge, ti::KEY_MERGE, Some(("m", ti::HINT_MERGE))),
    bind(&[Import], &[Char('x'), Delete], Action::Drop, ti::KEY_DROP, Some(("x", ti::HINT_DROP))),
    bind(&[Import], &[Char('w'), Ctrl('s')], Action::Save, ti::KEY_WRITE, Some(("w", ti::HINT_WRITE))),
    bind(&[Import], &[Esc], Action::Back, ti::KEY_BACK, Some(("Esc", ti::HINT_BACK))),
    bind(&[Import], &[Char('?')], Action::Help, t::KEY_HELP, Some(("?", t::HINT_HELP))),
    bind(&[ImportConfirm], &[Char('y')], Action::Yes, ti::KEY_WRITE_YES, Some(("y", ti::HINT_WRITE))),
    bind(&[ImportConfirm], &[Char('d')], Action::AsDrafts, ti::KEY_WRITE_DRAFTS, Some(("d", ti::HINT_DRAFTS))),
    bind(&[ImportConfirm], &[Char('n'), Esc], Action::Back, t::KEY_NO, Some(("n/Esc", t::HINT_NO))),
    // Help.
    bind(&[Help], &[Char('j'), Down], Action::Down, t::KEY_SCROLL_DOWN, Some(("j/k", t::HINT_SCROLL))),
    bind(&[Help], &[Char('k'), Up], Action::Up, t::KEY_SCROLL_UP, None),
    bind(&[Help], &[PageDown, Ctrl('d')], Action::PageDown, t::KEY_PAGE_DOWN, Some(("PgDn/PgUp", t::HINT_PAGE))),
    bind(&[Help], &[PageUp, Ctrl('u')], Action::PageUp, t::KEY_PAGE_UP, None),
    bind(&[Help], &[Char('g'), Home], Action::Top, t::KEY_TOP, None),
    bind(&[Help], &[Char('G'), End], Action::Bottom, t::KEY_BOTTOM, None),
    bind(&[Help], &[Esc, Char('q'), Char('?')], Action::Back, t::KEY_CLOSE, Some(("Esc", t::HINT_CLOSE))),
];

/// The action for a key in a mode. In text modes, a plain character is typed.
pub fn resolve(mode: Mode, event: &KeyEvent) -> Option<Action> {
    let key = Key::from_event(event)?;
    let bound = BINDINGS
        .iter()
        .find(|b| b.modes.contains(&mode) && b.keys.contains(&key))
        .map(|b| b.action);
    match (bound, key) {
        (Some(a), _) => Some(a),
        (None, Key::Char(c))
            if mode.takes_text() && !event.modifiers.contains(KeyModifiers::ALT) =>
        {
            Some(Action::Type(c))
        }
        _ => None,
    }
}

fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(|k| k.label()).collect::<Vec<_>>().join("/")
}

/// The footer hints for a mode: (keys, hint).
pub fn footer(mode: Mode, lang: Lang) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode) && b.modes.len() < Mode::ALL.len())
        .filter_map(|b| b.footer.map(|(keys, hint)| (keys, tr(lang, hint))))
        .collect()
}

/// Where the footer is drawn: the keys that matter differ in a meeting's list, with marks,
/// in the units pane and in the detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The directives of a unit or of every unit.
    Directives,
    /// A meeting's directives (`m`): entering them comes first.
    Meeting,
    /// Directives marked: the keys that apply to all of them.
    Marked,
    /// The units pane.
    Units,
    /// A directive's detail: reshaping it.
    Detail,
}

/// The footer's keys in the order they give way when the line is short: the first ones stay.
/// Keys a context does not name come after it, in table order.
#[rustfmt::skip]
const fn priority(context: Context) -> &'static [&'static str] {
    match context {
        Context::Directives => &["s/1-5", "d", "n", "a", "Space", "Tab", "Enter", "/", "f", "E", "m", "u", "N", "Ctrl-R", "o", "b", "R", "*", "O", "P", "I", "D"],
        Context::Meeting => &["a", "E", "s/1-5", "d", "Space", "n", "O", "P", "D", "Tab", "Enter", "N", "m", "u", "Ctrl-R", "/", "f"],
        Context::Marked => &["s/1-5", "d", "Space", "n", "*", "R", "u", "Ctrl-R", "Tab", "a", "Enter", "/", "f"],
        Context::Units => &["/", "a", "m", "N", "Tab", "Enter", "I", "b", "f", "u"],
        Context::Detail => &["E", "O", "P", "d", "s/1-5", "n", "Esc", "PgDn/PgUp", "u", "Ctrl-R", "R", "D", "a"],
    }
}

/// The footer hints of a mode, the ones that matter in `context` first (lists and detail;
/// other modes keep the table's order).
pub fn footer_in(mode: Mode, context: Context, lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut all = footer(mode, lang);
    if !matches!(mode, Normal | Detail) {
        return all;
    }
    let order = priority(context);
    let rank = |keys: &str| order.iter().position(|k| *k == keys).unwrap_or(order.len());
    // Stable: what the context does not name keeps the table's order.
    all.sort_by_key(|(keys, _)| rank(keys));
    all
}

fn section_title(modes: &[Mode]) -> Text {
    if modes.len() == Mode::ALL.len() {
        return t::MODE_EVERYWHERE;
    }
    match modes[0] {
        Normal => t::MODE_LIST,
        Detail => t::MODE_DETAIL,
        StatusPicker => t::MODE_STATUS,
        FilterPicker | Letter => t::MODE_FILTER,
        NoteInput | DeadlineInput | AsOfInput => t::MODE_INPUT,
        Search => t::MODE_SEARCH,
        Help => t::MODE_HELP,
        Dashboard => t::MODE_DASHBOARD,
        Form => t::MODE_FORM,
        Question => t::MODE_QUESTION,
        ImportPath | Import | ImportSplit | ImportConfirm => ti::MODE_IMPORT,
        UnitFind => t::MODE_FIND_UNIT,
        TextInput => t::MODE_TEXT_INPUT,
    }
}

/// The help screen: sections in table order, each with (keys, what they do).
pub fn help(lang: Lang) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut sections: Vec<(&'static str, Vec<(String, &'static str)>)> = Vec::new();
    for b in BINDINGS {
        let title = tr(lang, section_title(b.modes));
        let entry = (keys_label(b.keys), tr(lang, b.help));
        match sections.iter_mut().find(|(t, _)| *t == title) {
            Some((_, entries)) => entries.push(entry),
            None => sections.push((title, vec![entry])),
        }
    }
    sections
}

/// One row of the help screen, wrapped to its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A section: "In the lists".
    Heading(&'static str),
    /// Keys and what they do; `keys` is empty on the rows that continue a long text.
    Entry { keys: String, text: String },
    /// Symbols and their meanings, as many a row as fit.
    Legend(Vec<LegendItem>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendItem {
    Timeliness(crate::model::Timeliness),
    Status(Status),
    /// `↳`: the selected unit coordinates the directive.
    Support,
}

/// Cells before an entry's text.
pub const HELP_KEYS_WIDTH: usize = 18;

impl LegendItem {
    /// The symbol and its meaning, as drawn: "  ‼ overdue".
    pub fn parts(self, lang: Lang) -> (String, &'static str) {
        match self {
            LegendItem::Timeliness(tl) => (
                format!("  {} ", t::timeliness_symbol(tl)),
                t::timeliness_label(lang, tl),
            ),
            LegendItem::Status(s) => (
                format!("  {} ", t::status_symbol(s)),
                t::status_label(lang, s),
            ),
            LegendItem::Support => ("  ↳ ".to_string(), tr(lang, t::SUPPORT_MARK).trim()),
        }
    }
}

/// The help screen's rows at `width` cells: every key from the table, then the legend. The
/// screen draws them and the help's scrolling stops at their end, so both count the same.
pub fn help_rows(lang: Lang, width: usize) -> Vec<HelpRow> {
    use crate::term_text::{width as cells, wrap};
    let mut rows = Vec::new();
    for (section, entries) in help(lang) {
        rows.push(HelpRow::Heading(section));
        for (keys, what) in entries {
            let keys = format!("  {keys}");
            let indent = HELP_KEYS_WIDTH.max(cells(&keys) + 1);
            let mut lines = wrap(what, width.saturating_sub(indent).max(10)).into_iter();
            rows.push(HelpRow::Entry {
                keys: format!("{keys:<indent$}"),
                text: lines.next().unwrap_or_default(),
            });
            rows.extend(lines.map(|text| HelpRow::Entry {
                keys: " ".repeat(indent),
                text,
            }));
        }
    }
    rows.push(HelpRow::Heading(tr(lang, t::LEGEND)));
    let groups: [Vec<LegendItem>; 3] = [
        crate::model::Timeliness::ALL
            .into_iter()
            .map(LegendItem::Timeliness)
            .collect(),
        Status::ALL.into_iter().map(LegendItem::Status).collect(),
        vec![LegendItem::Support],
    ];
    for group in groups {
        let mut row: Vec<LegendItem> = Vec::new();
        let mut used = 0;
        for item in group {
            let (symbol, label) = item.parts(lang);
            let w = cells(&symbol) + cells(label);
            if used + w > width && !row.is_empty() {
                rows.push(HelpRow::Legend(std::mem::take(&mut row)));
                used = 0;
            }
            row.push(item);
            used += w;
        }
        rows.push(HelpRow::Legend(row));
    }
    rows
}

/// Keys written as in a test script: `j j s 4 <Enter>`. Named keys in angle brackets
/// (`<Enter> <A-Enter> <Esc> <Tab> <BackTab> <Up> <Down> <Left> <Right> <PageUp> <PageDown> <Home> <End>
/// <Backspace> <Delete> <Space>`, `<C-x>` for Ctrl-x); any other token types its characters.
pub fn parse_keys(script: &str) -> Vec<KeyEvent> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let mut keys = Vec::new();
    for token in script.split_whitespace() {
        let named = match token {
            "<Enter>" => Some(KeyCode::Enter),
            "<A-Enter>" => {
                keys.push(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT));
                continue;
            }
            "<Esc>" => Some(KeyCode::Esc),
            "<Tab>" => Some(KeyCode::Tab),
            "<BackTab>" => Some(KeyCode::BackTab),
            "<Up>" => Some(KeyCode::Up),
            "<Down>" => Some(KeyCode::Down),
            "<Left>" => Some(KeyCode::Left),
            "<Right>" => Some(KeyCode::Right),
            "<PageUp>" => Some(KeyCode::PageUp),
            "<PageDown>" => Some(KeyCode::PageDown),
            "<Home>" => Some(KeyCode::Home),
            "<End>" => Some(KeyCode::End),
            "<Backspace>" => Some(KeyCode::Backspace),
            "<Delete>" => Some(KeyCode::Delete),
            "<Space>" => Some(KeyCode::Char(' ')),
            _ => None,
        };
        if let Some(code) = named {
            keys.push(plain(code));
        } else if let Some(c) = token
            .strip_prefix("<C-")
            .and_then(|r| r.strip_suffix('>'))
            .filter(|r| r.chars().count() == 1)
        {
            let c = c.chars().next().unwrap_or('c');
            keys.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        } else {
            for c in token.chars() {
                let mods = if c.is_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                keys.push(KeyEvent::new(KeyCode::Char(c), mods));
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_things_in_one_mode() {
        for mode in Mode::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.modes.contains(mode)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {mode:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn text_modes_type_letters_but_lists_do_not() {
        let q = parse_keys("q")[0];
        assert_eq!(resolve(Mode::Normal, &q), Some(Action::Quit));
        assert_eq!(resolve(Mode::NoteInput, &q), Some(Action::Type('q')));
        assert_eq!(resolve(Mode::Search, &q), Some(Action::Type('q')));
        let ctrl_c = parse_keys("<C-c>")[0];
        for mode in Mode::ALL {
            assert_eq!(resolve(*mode, &ctrl_c), Some(Action::Quit));
        }
        assert_eq!(
            resolve(Mode::Normal, &parse_keys("G")[0]),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn the_footer_orders_name_footer_keys() {
        let contexts = [
            (Context::Directives, Mode::Normal),
            (Context::Meeting, Mode::Normal),
            (Context::Marked, Mode::Normal),
            (Context::Units, Mode::Normal),
            (Context::Detail, Mode::Detail),
        ];
        for (context, mode) in contexts {
            let hints = footer(mode, Lang::En);
            for keys in priority(context) {
                assert!(
                    hints.iter().any(|(k, _)| k == keys),
                    "{keys} in {context:?} has no footer hint in {mode:?}"
                );
            }
            let first = footer_in(mode, context, Lang::Vi)[0].0;
            assert_eq!(first, priority(context)[0], "{context:?}");
        }
    }

    /// The table names its words, it does not spell them: in either language they are
    /// i18n's, beside the rest of the UI's.
    #[test]
    fn the_table_spells_no_words() {
        let src = include_str!("keymap.rs");
        let table = &src[src.find("pub static BINDINGS").unwrap()..];
        let table = &table[..table.find("\n];").unwrap()];
        // Its only literals are the footer's keys ("s/1-5", "Alt-Enter/Ctrl-J"): no spaces.
        for literal in table.split('"').skip(1).step_by(2) {
            assert!(
                !literal.contains(' '),
                "words in the key table: {literal:?}"
            );
        }
        // Nor Vietnamese anywhere in the file (Latin-1 to Latin Extended-B, combining marks,
        // Latin Extended Additional), written here as escapes so that this test passes itself.
        let vietnamese = |c: char| {
            ('\u{c0}'..='\u{24f}').contains(&c)
                || ('\u{300}'..='\u{36f}').contains(&c)
                || ('\u{1e00}'..='\u{1eff}').contains(&c)
        };
        let found: String = src.chars().filter(|c| vietnamese(*c)).collect();
        assert!(found.is_empty(), "Vietnamese in keymap.rs: {found}");
    }

    /// "status: done" and the picker's "done" say the glossary's word for the status.
    #[test]
    fn status_keys_say_the_glossarys_words() {
        for b in BINDINGS {
            if let Action::SetStatus(s) = b.action {
                for lang in [Lang::En, Lang::Vi] {
                    let word = terms::tr(lang, terms::status(s));
                    assert!(tr(lang, b.help).ends_with(word), "{:?}", b.help);
                }
            }
        }
    }

    #[test]
    fn every_binding_is_in_the_help() {
        let help = help(Lang::Vi);
        let count: usize = help.iter().map(|(_, e)| e.len()).sum();
        assert_eq!(count, BINDINGS.len());
        assert_eq!(help[0].0, tr(Lang::Vi, t::MODE_EVERYWHERE));
    }
}
