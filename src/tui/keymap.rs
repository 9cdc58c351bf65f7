//! Keys as data: one table of (modes, keys, action, help). The loop resolves keys through it,
//! and the `?` screen and the footer hints are drawn from it, so they cannot drift apart.

use super::action::{Action, EditOp};
use crate::i18n::import as ti;
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
/// (modes, keys, action, help in English and Vietnamese, footer hint).
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Mode::ALL, &[Ctrl('c')], Action::Quit, ("quit", "thoát"), None),
    // Lists and detail.
    bind(LISTS, &[Char('j'), Down], Action::Down, ("next row", "dòng dưới"), Some(("j/k", ("move", "di chuyển")))),
    bind(LISTS, &[Char('k'), Up], Action::Up, ("previous row", "dòng trên"), None),
    bind(LISTS, &[Char('g'), Home], Action::Top, ("first row", "dòng đầu"), None),
    bind(LISTS, &[Char('G'), End], Action::Bottom, ("last row", "dòng cuối"), None),
    bind(&[Normal], &[PageDown, Ctrl('d')], Action::PageDown, ("page down", "trang sau"), None),
    bind(&[Normal], &[PageUp, Ctrl('u')], Action::PageUp, ("page up", "trang trước"), None),
    bind(&[Normal], &[Tab, BackTab], Action::NextPane, ("switch between units and directives", "chuyển giữa đơn vị và nhiệm vụ"), Some(("Tab", ("pane", "khung")))),
    bind(&[Normal, Detail], &[Char('b')], Action::Dashboard, ("dashboard: figures by unit, as dondoc report", "bảng tổng hợp theo đơn vị, như dondoc report"), Some(("b", ("dashboard", "tổng hợp")))),
    bind(LISTS, &[Char('t')], Action::AsOf, ("change the as-of date of every figure", "đổi ngày chốt số liệu"), None),
    bind(&[Normal], &[Char('h'), Left], Action::FocusOwners, ("go to the units", "sang danh sách đơn vị"), None),
    bind(&[Normal], &[Char('l'), Right], Action::FocusDirectives, ("go to the directives", "sang danh sách nhiệm vụ"), None),
    bind(&[Normal], &[Enter], Action::Confirm, ("open the directive's detail", "xem chi tiết nhiệm vụ"), Some(("Enter", ("detail", "chi tiết")))),
    bind(&[Normal], &[Esc], Action::Back, ("clear the search and filter", "bỏ tìm kiếm và bộ lọc"), None),
    bind(&[Detail], &[Esc, Enter], Action::Back, ("back to the list", "về danh sách"), Some(("Esc", ("back", "quay lại")))),
    bind(&[Detail], &[PageDown, Ctrl('d')], Action::PageDown, ("scroll the detail down", "cuộn xuống"), Some(("PgDn/PgUp", ("scroll", "cuộn")))),
    bind(&[Detail], &[PageUp, Ctrl('u')], Action::PageUp, ("scroll the detail up", "cuộn lên"), None),
    bind(LISTS, &[Char('s')], Action::StatusPicker, ("change the status", "đổi trạng thái"), Some(("s/1-5", ("status", "trạng thái")))),
    bind(LISTS, &[Char('1')], Action::SetStatus(Status::Open), ("status: open", "trạng thái: chưa thực hiện"), None),
    bind(LISTS, &[Char('2')], Action::SetStatus(Status::InProgress), ("status: in progress", "trạng thái: đang thực hiện"), None),
    bind(LISTS, &[Char('3')], Action::SetStatus(Status::Blocked), ("status: blocked", "trạng thái: có vướng mắc"), None),
    bind(LISTS, &[Char('4')], Action::SetStatus(Status::Done), ("status: done", "trạng thái: đã hoàn thành"), None),
    bind(LISTS, &[Char('5')], Action::SetStatus(Status::Cancelled), ("status: cancelled", "trạng thái: dừng thực hiện"), None),
    bind(LISTS, &[Char('d')], Action::EditDeadline, ("change the deadline", "đổi thời hạn"), Some(("d", ("deadline", "thời hạn")))),
    bind(LISTS, &[Char('n')], Action::AddNote, ("add a progress note", "thêm ghi chú tiến độ"), Some(("n", ("note", "ghi chú")))),
    bind(LISTS, &[Char('e')], Action::NoteInEditor, ("write a long note in $EDITOR", "viết ghi chú dài bằng $EDITOR"), None),
    bind(LISTS, &[Char('u')], Action::Undo, ("undo the last edit (a new logged change)", "hoàn tác lần sửa trước (ghi nhật ký)"), Some(("u", ("undo", "hoàn tác")))),
    bind(&[Normal], &[Char('/')], Action::StartSearch, t::KEY_SEARCH_OR_FIND, Some(("/", ("search", "tìm")))),
    bind(&[Normal], &[Char('f')], Action::FilterPicker, ("filter by timeliness or status", "lọc theo tình trạng thời hạn hoặc trạng thái"), Some(("f", ("filter", "lọc")))),
    bind(&[Normal], &[Char('o')], Action::CycleSort, ("change the sort order", "đổi cách sắp xếp"), Some(("o", ("sort", "sắp xếp")))),
    bind(&[Normal], &[Char('#')], Action::ToggleIds, ("show or hide the id column", "hiện hoặc ẩn cột mã"), None),
    bind(&[Normal], &[Char('v')], Action::ToggleLines, t::KEY_TWO_LINES, None),
    bind(LISTS, &[Char('y')], Action::CopyId, ("copy the directive's id to the clipboard (OSC 52)", "sao chép mã nhiệm vụ (OSC 52)"), None),
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
    bind(LISTS, &[Char('R')], Action::Remind, ("reminder letter to the unit: preview, Enter writes it (docx) and logs it", "công văn đôn đốc đơn vị: xem trước, Enter ghi tệp (docx) và ghi nhật ký"), Some(("R", t::HINT_REMIND))),
    bind(LISTS, &[Char('r')], Action::Reload, ("reload from disk", "tải lại từ đĩa"), None),
    bind(LISTS, &[Char('?')], Action::Help, ("all keys", "tất cả các phím"), Some(("?", ("help", "trợ giúp")))),
    bind(LISTS, &[Char('q')], Action::Quit, ("quit", "thoát"), Some(("q", ("quit", "thoát")))),
    // Dashboard.
    bind(&[Dashboard], &[Char('j'), Down], Action::Down, ("next unit", "đơn vị dưới"), Some(("j/k", ("move", "di chuyển")))),
    bind(&[Dashboard], &[Char('k'), Up], Action::Up, ("previous unit", "đơn vị trên"), None),
    bind(&[Dashboard], &[Char('g'), Home], Action::Top, ("first unit", "đơn vị đầu"), None),
    bind(&[Dashboard], &[Char('G'), End], Action::Bottom, ("last unit", "đơn vị cuối"), None),
    bind(&[Dashboard], &[PageDown, Ctrl('d')], Action::PageDown, ("page down", "trang sau"), None),
    bind(&[Dashboard], &[PageUp, Ctrl('u')], Action::PageUp, ("page up", "trang trước"), None),
    bind(&[Dashboard], &[Enter], Action::Confirm, ("the unit's directives", "xem nhiệm vụ của đơn vị"), Some(("Enter", ("directives", "nhiệm vụ")))),
    bind(&[Dashboard], &[Esc, Char('b')], Action::Back, ("back to the lists", "về danh sách"), Some(("Esc", ("back", "quay lại")))),
    bind(&[Dashboard], &[Char('t')], Action::AsOf, ("change the as-of date", "đổi ngày chốt số liệu"), Some(("t", ("as-of date", "ngày chốt")))),
    bind(&[Dashboard], &[Char('r')], Action::Reload, ("reload from disk", "tải lại từ đĩa"), None),
    bind(&[Dashboard], &[Char('?')], Action::Help, ("all keys", "tất cả các phím"), Some(("?", ("help", "trợ giúp")))),
    bind(&[Dashboard], &[Char('q')], Action::Quit, ("quit", "thoát"), Some(("q", ("quit", "thoát")))),
    // Last in the footer: it shows on wide screens; `?` lists it always.
    bind(LISTS, &[Char('S')], Action::Sync, ("sync with git: commit, pull, push (in the background)", "đồng bộ git: commit, kéo về, đẩy lên (chạy nền)"), Some(("S", ("sync", "đồng bộ")))),
    // Pickers.
    bind(PICKERS, &[Char('j'), Down], Action::Down, ("next choice", "lựa chọn dưới"), Some(("j/k", ("move", "di chuyển")))),
    bind(PICKERS, &[Char('k'), Up], Action::Up, ("previous choice", "lựa chọn trên"), None),
    bind(&[StatusPicker], &[Char('1')], Action::SetStatus(Status::Open), ("open", "chưa thực hiện"), None),
    bind(&[StatusPicker], &[Char('2')], Action::SetStatus(Status::InProgress), ("in progress", "đang thực hiện"), None),
    bind(&[StatusPicker], &[Char('3')], Action::SetStatus(Status::Blocked), ("blocked", "có vướng mắc"), None),
    bind(&[StatusPicker], &[Char('4')], Action::SetStatus(Status::Done), ("done", "đã hoàn thành"), None),
    bind(&[StatusPicker], &[Char('5')], Action::SetStatus(Status::Cancelled), ("cancelled", "dừng thực hiện"), None),
    bind(&[FilterPicker], &[Char('g'), Home], Action::Top, ("first choice", "lựa chọn đầu"), None),
    bind(&[FilterPicker], &[Char('G'), End], Action::Bottom, ("last choice", "lựa chọn cuối"), None),
    bind(&[FilterPicker], &[Char(' ')], Action::Mark, t::KEY_FILTER_COMBINE, Some(("Space", t::HINT_COMBINE))),
    bind(PICKERS, &[Enter], Action::Confirm, ("choose", "chọn"), Some(("Enter", ("choose", "chọn")))),
    bind(PICKERS, &[Esc, Char('q')], Action::Back, ("cancel", "hủy"), Some(("Esc", ("cancel", "hủy")))),
    // Typing.
    bind(INPUTS, &[Enter], Action::Confirm, ("save", "lưu"), Some(("Enter", ("save", "lưu")))),
    bind(INPUTS, &[Esc], Action::Back, ("cancel", "hủy"), Some(("Esc", ("cancel", "hủy")))),
    bind(TEXT_INPUTS, &[Backspace, Ctrl('h')], Action::Edit(EditOp::Backspace), t::KEY_BACKSPACE, None),
    bind(TEXT_INPUTS, &[Delete], Action::Edit(EditOp::Delete), t::KEY_DELETE, None),
    bind(TEXT_INPUTS, &[Ctrl('w')], Action::Edit(EditOp::DeleteWord), t::KEY_DELETE_WORD, None),
    bind(TEXT_INPUTS, &[Ctrl('u')], Action::Edit(EditOp::Clear), ("clear the input", "xóa hết ô nhập"), None),
    bind(TEXT_INPUTS, &[Left], Action::Edit(EditOp::Left), t::KEY_LEFT, None),
    bind(TEXT_INPUTS, &[Right], Action::Edit(EditOp::Right), t::KEY_RIGHT, None),
    bind(TEXT_INPUTS, &[Home, Ctrl('a')], Action::Edit(EditOp::Home), t::KEY_HOME, None),
    bind(TEXT_INPUTS, &[End], Action::Edit(EditOp::End), t::KEY_END, None),
    bind(&[NoteInput, DeadlineInput], &[Tab], Action::NextField, t::KEY_PROMPT_TAB, Some(("Tab", t::HINT_MORE))),
    bind(&[NoteInput, DeadlineInput], &[BackTab], Action::PrevField, t::KEY_PREV_FIELD, None),
    bind(&[NoteInput], &[Ctrl('e')], Action::NoteInEditor, ("continue the note in $EDITOR", "viết tiếp ghi chú bằng $EDITOR"), Some(("Ctrl-E", ("editor", "trình soạn thảo")))),
    bind(&[Search], &[Enter], Action::Confirm, ("keep the search, back to the list", "giữ kết quả tìm, về danh sách"), Some(("Enter", ("keep", "giữ")))),
    bind(&[Search], &[Esc], Action::Back, ("clear the search", "bỏ tìm kiếm"), Some(("Esc", ("clear", "bỏ tìm")))),
    bind(&[Search], &[Down], Action::Down, ("next row", "dòng dưới"), None),
    bind(&[Search], &[Up], Action::Up, ("previous row", "dòng trên"), None),
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
    bind(&[ImportPath], &[Esc], Action::Back, ("cancel", "hủy"), Some(("Esc", ti::HINT_CANCEL))),
    bind(&[Import], &[Char('j'), Down], Action::Down, ("next draft", "nhiệm vụ dưới"), Some(("j/k", ("move", "di chuyển")))),
    bind(&[Import], &[Char('k'), Up], Action::Up, ("previous draft", "nhiệm vụ trên"), None),
    bind(&[Import], &[Char('g'), Home], Action::Top, ("first draft", "nhiệm vụ đầu"), None),
    bind(&[Import], &[Char('G'), End], Action::Bottom, ("last row", "dòng cuối"), None),
    bind(&[Import], &[PageDown, Ctrl('d')], Action::PageDown, ("page down", "trang sau"), None),
    bind(&[Import], &[PageUp, Ctrl('u')], Action::PageUp, ("page up", "trang trước"), None),
    bind(&[Import], &[Char(' ')], Action::Mark, ti::KEY_ACCEPT, Some(("Space", ti::HINT_ACCEPT))),
    bind(&[Import], &[Char('*')], Action::MarkAll, ti::KEY_ACCEPT_ALL, None),
    bind(&[Import], &[Char('e'), Enter], Action::Confirm, ti::KEY_EDIT, Some(("e", ti::HINT_EDIT))),
    bind(&[Import], &[Char('s')], Action::Split, ti::KEY_SPLIT, Some(("s", ti::HINT_SPLIT))),
    bind(&[Import], &[Char('m')], Action::Merge, ti::KEY_MERGE, Some(("m", ti::HINT_MERGE))),
    bind(&[Import], &[Char('x'), Delete], Action::Drop, ti::KEY_DROP, Some(("x", ti::HINT_DROP))),
    bind(&[Import], &[Char('w'), Ctrl('s')], Action::Save, ti::KEY_WRITE, Some(("w", ti::HINT_WRITE))),
    bind(&[Import], &[Esc], Action::Back, ti::KEY_BACK, Some(("Esc", ti::HINT_BACK))),
    bind(&[Import], &[Char('?')], Action::Help, ("all keys", "tất cả các phím"), Some(("?", ("help", "trợ giúp")))),
    bind(&[ImportConfirm], &[Char('y')], Action::Yes, ti::KEY_WRITE_YES, Some(("y", ti::HINT_WRITE))),
    bind(&[ImportConfirm], &[Char('d')], Action::AsDrafts, ti::KEY_WRITE_DRAFTS, Some(("d", ti::HINT_DRAFTS))),
    bind(&[ImportConfirm], &[Char('n'), Esc], Action::Back, t::KEY_NO, Some(("n/Esc", t::HINT_NO))),
    // Help.
    bind(&[Help], &[Char('j'), Down], Action::Down, ("scroll down", "cuộn xuống"), Some(("j/k", ("scroll", "cuộn")))),
    bind(&[Help], &[Char('k'), Up], Action::Up, ("scroll up", "cuộn lên"), None),
    bind(&[Help], &[PageDown, Ctrl('d')], Action::PageDown, ("page down", "trang sau"), Some(("PgDn/PgUp", ("page", "trang")))),
    bind(&[Help], &[PageUp, Ctrl('u')], Action::PageUp, ("page up", "trang trước"), None),
    bind(&[Help], &[Char('g'), Home], Action::Top, ("top", "đầu trang"), None),
    bind(&[Help], &[Char('G'), End], Action::Bottom, ("end", "cuối trang"), None),
    bind(&[Help], &[Esc, Char('q'), Char('?')], Action::Back, ("close", "đóng"), Some(("Esc", ("close", "đóng")))),
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

    #[test]
    fn every_binding_is_in_the_help() {
        let help = help(Lang::Vi);
        let count: usize = help.iter().map(|(_, e)| e.len()).sum();
        assert_eq!(count, BINDINGS.len());
        assert_eq!(help[0].0, "Mọi nơi");
    }
}
