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
    /// Commit, pull and push in the background.
    Sync,
    /// Show or hide the id column of the list.
    ToggleIds,
    /// Copy the selected directive's id to the clipboard (OSC 52).
    CopyId,
    Quit,
    Type(char),
    Backspace,
    ClearInput,
    Resize(u16, u16),
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
