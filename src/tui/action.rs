//! What the user asked for, after the keymap: the one input of `App::update`.

/// What the user asked for, after the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    NextPane,
    FocusOwners,
    FocusDirectives,
    /// Enter: open the detail, choose in a picker, save a prompt.
    Confirm,
    /// Esc: close, cancel, go back.
    Back,
    Help,
    StatusPicker,
    SetStatus(crate::model::Status),
    EditDeadline,
    AddNote,
    NoteInEditor,
    Undo,
    StartSearch,
    FilterPicker,
    CycleSort,
    Reload,
    /// Open or close the dashboard (figures by unit, as `dondoc report`).
    Dashboard,
    /// Ask for a new as-of date for the whole UI.
    AsOf,
    /// Preview the reminder letter to a unit; confirming writes and records it.
    Remind,
    /// Commit, pull and push in the background.
    Sync,
    /// Show or hide the id column of the list.
    ToggleIds,
    /// Copy the selected directive's id to the clipboard (OSC 52).
    CopyId,
    Quit,
    /// A character typed into the open input.
    Type(char),
    /// An editing key in the open input.
    Edit(EditOp),
    /// Redo the last undone edit.
    Redo,
    /// Delete the directive (entered by mistake today), after a confirmation.
    Delete,
    /// The list of meetings.
    Meetings,
    /// Mark or unmark the selected directive; mark all shown.
    Mark,
    MarkAll,
    /// Edit the directive's text.
    EditText,
    /// Change the lead unit, the coordinating units.
    EditOwner,
    EditSupport,
    /// A new directive in the meeting shown or selected.
    NewDirective,
    /// A new meeting (a source file).
    NewMeeting,
    /// Tab, Shift-Tab in a form.
    NextField,
    PrevField,
    /// Ctrl-S: write the form.
    Save,
    /// `y` to a question.
    Yes,
    /// Import a notice or a sheet: the path prompt, then the review.
    Import,
    /// In the import's review: split the draft, merge it with the next, drop it.
    Split,
    Merge,
    Drop,
    /// Confirm an import's write, drafts with no lead unit written as drafts.
    AsDrafts,
    Resize(u16, u16),
}

/// What an editing key does to the text being typed ([`crate::tui::app::Input`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOp {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    Up,
    Down,
    Backspace,
    Delete,
    /// Ctrl-W: the word before the cursor.
    DeleteWord,
    /// Ctrl-U: the whole input.
    Clear,
    /// A new line (in a text of several lines).
    Newline,
}

impl Action {
    /// A key that moves a cursor.
    pub fn is_move(self) -> bool {
        matches!(
            self,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageUp
                | Action::PageDown
        )
    }
}
