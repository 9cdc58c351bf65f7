//! Pure app state: actions in, state and effects out.

use super::*;

#[test]
fn moving_in_the_list_follows_the_selected_id() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    assert_eq!(app.list.rows.len(), 36);
    assert_eq!(app.focus, Pane::Directives);
    // Most urgent first: the overdue ones, earliest deadline first, then by id.
    assert_eq!(selected_id(&app), "gb-2023-08-09");
    assert!(app.update(Action::Down).is_empty());
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    app.update(Action::Up);
    assert_eq!(app.list.cursor, 1);
    app.update(Action::Bottom);
    assert_eq!(app.list.cursor, 35);
    // The list scrolled so the cursor row is on screen (120×40: 34 rows).
    assert_eq!(app.list.offset, 36 - app.list_height());
    app.update(Action::Down);
    assert_eq!(app.list.cursor, 35, "stays on the last row");
    app.update(Action::Top);
    assert_eq!((app.list.cursor, app.list.offset), (0, 0));
    app.update(Action::PageDown);
    assert_eq!(app.list.cursor, app.list_height() - 1);

    // Another sort keeps the same directive selected.
    let id = selected_id(&app);
    app.update(Action::CycleSort);
    assert_eq!(app.list.sort, dondoc::query::Sort::Deadline);
    assert_eq!(selected_id(&app), id);
    assert_eq!(app.message.as_ref().unwrap().text, "Sorted by deadline.");
}

#[test]
fn a_unit_shows_what_it_leads_then_what_it_supports() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::NextPane);
    assert_eq!(app.focus, Pane::Owners);
    // Row 0 is "All units", row 1 the first group's row (all its units), then its units.
    app.update(Action::Down);
    assert_eq!(app.selected_owner(), None);
    assert_eq!(app.list.group.as_deref(), Some("Huyện, thành ủy"));
    app.update(Action::Down);
    assert_eq!(
        app.ws().owners[app.selected_owner().unwrap()].id,
        "tp-bac-kan"
    );
    app.update(Action::Down);
    let ba_be = app.selected_owner().unwrap();
    assert_eq!(app.ws().owners[ba_be].id, "ba-be");
    assert_eq!(app.owners.counts[ba_be].open, 2);
    assert_eq!(app.owners.counts[ba_be].overdue, 2);
    let rows: Vec<(String, bool)> = app
        .list
        .rows
        .iter()
        .map(|r| (app.directive(r).id.clone(), r.support))
        .collect();
    let leads: Vec<&(String, bool)> = rows.iter().filter(|(_, s)| !s).collect();
    assert!(!leads.is_empty());
    let first_support = rows
        .iter()
        .position(|(_, s)| *s)
        .expect("ba-be supports some");
    assert!(rows[first_support..].iter().all(|(_, s)| *s), "{rows:?}");
    for r in &app.list.rows {
        let d = app.directive(r);
        assert_eq!(d.owner == "ba-be", !r.support);
        assert!(d.owner == "ba-be" || d.support.iter().any(|s| s == "ba-be"));
    }
    // Up at the top of the units returns to "All units".
    app.update(Action::Top);
    assert_eq!(app.selected_owner(), None);
    assert_eq!(app.list.rows.len(), 36);
}

#[test]
fn filter_by_timeliness_and_status() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::FilterPicker);
    assert!(matches!(app.popup, Some(Popup::FilterPicker { cursor: 0 })));
    // Choice 1 is the first timeliness: overdue.
    app.update(Action::Down);
    app.update(Action::Confirm);
    assert_eq!(app.popup, None);
    assert_eq!(app.list.rows.len(), 7);
    assert!(app
        .list
        .rows
        .iter()
        .all(|r| app.timeliness(app.directive(r)) == Timeliness::Overdue));
    // Status "blocked": choices are none, 6 timeliness values, then the statuses.
    app.update(Action::FilterPicker);
    for _ in 0..2 {
        app.update(Action::Down);
    }
    app.update(Action::Up);
    app.update(Action::Confirm);
    assert_eq!(app.list.rows.len(), 4, "due soon");
    app.update(Action::FilterPicker);
    // From "due soon" (2) down to "blocked" (9).
    for _ in 0..7 {
        app.update(Action::Down);
    }
    app.update(Action::Confirm);
    assert!(!app.list.rows.is_empty());
    assert!(app
        .list
        .rows
        .iter()
        .all(|r| app.directive(r).status == Status::Blocked));
    // Esc in the list clears the filter.
    app.update(Action::Back);
    assert_eq!(app.list.rows.len(), 36);
}

#[test]
fn search_as_you_type_ignores_case_and_diacritics() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    app.update(Action::StartSearch);
    for c in "giai ngan".chars() {
        app.update(Action::Type(c));
    }
    let plain = ids(&app);
    assert!(!plain.is_empty() && plain.len() < 36, "{plain:?}");
    for r in &app.list.rows {
        let d = app.directive(r);
        let text = dondoc::fold::fold(&format!(
            "{} {}",
            d.text,
            d.note.clone().unwrap_or_default()
        ));
        assert!(text.contains("giai") && text.contains("ngan"), "{}", d.text);
    }
    // The same words with their diacritics and in capitals find the same directives.
    app.update(Action::Edit(dondoc::tui::action::EditOp::Clear));
    assert_eq!(app.list.rows.len(), 36);
    for c in "GIẢI NGÂN".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(ids(&app), plain);
    // Enter keeps the search; Esc in the list clears it.
    app.update(Action::Confirm);
    assert!(!app.list.searching);
    assert_eq!(ids(&app), plain);
    app.update(Action::Back);
    assert_eq!(app.list.search, "");
    assert_eq!(app.list.rows.len(), 36);
    // Nothing found: no selection, and edits say so instead of acting.
    app.update(Action::StartSearch);
    for c in "zzzz".chars() {
        app.update(Action::Type(c));
    }
    assert!(app.list.rows.is_empty());
    app.update(Action::Confirm);
    assert!(app.update(Action::SetStatus(Status::Done)).is_empty());
    assert_eq!(app.popup, None);
}

#[test]
fn a_status_change_asks_for_a_note_then_writes_the_resolved_change() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    app.update(Action::StatusPicker);
    // The picker opens on the current status (in progress).
    assert_eq!(app.popup, Some(Popup::StatusPicker { cursor: 1 }));
    app.update(Action::Down);
    app.update(Action::Down);
    assert!(app.update(Action::Confirm).is_empty());
    let prompt = Prompt::new(
        PromptKind::Note {
            status: Some(Status::Done),
        },
        "gb-2023-08-27",
        today(),
    );
    assert_eq!(app.popup, Some(Popup::Prompt(prompt.clone())));
    for c in "Xong".chars() {
        app.update(Action::Type(c));
    }
    let effects = app.update(Action::Confirm);
    assert_eq!(app.popup, None);
    assert_eq!(
        effects,
        vec![Effect::Write(WriteRequest {
            id: "gb-2023-08-27".into(),
            change: Change {
                status: Some(Status::Done),
                // Done without a date is done on the as-of date.
                done_on: Some(Some(today())),
                deadline: None,
                note: Some(Some("Xong".into())),
                ..Change::default()
            },
            undo: false,
            prompt: Some(Popup::Prompt(Prompt {
                input: "Xong".into(),
                ..prompt
            })),
        })]
    );
}

#[test]
fn choosing_the_current_status_without_a_note_writes_nothing() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::SetStatus(Status::InProgress));
    assert!(app.update(Action::Confirm).is_empty());
    assert_eq!(app.message.as_ref().unwrap().text, "Nothing to change.");
}

#[test]
fn undo_writes_the_inverse_of_the_last_edit() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    assert!(app.update(Action::Undo).is_empty());
    assert_eq!(app.message.as_ref().unwrap().text, "Nothing to undo.");

    // Pretend the runner wrote "done" for the selected directive: the app only sees outcomes.
    let index = app.list.rows[0].index;
    let before = app.ws().directives[index].clone();
    let change = Change {
        status: Some(Status::Done),
        done_on: Some(Some(today())),
        ..Change::default()
    };
    // The file as the runner would have read it back after the write.
    let directives = app
        .ws()
        .directives
        .iter()
        .filter(|d| d.file == before.file)
        .map(|d| match d.id == before.id {
            true => dondoc::model::Directive {
                status: Status::Done,
                done_on: Some(today()),
                ..d.clone()
            },
            false => d.clone(),
        })
        .collect();
    let file = FileRead {
        path: FILE.into(),
        content: FileContent::Parsed(Box::new(FileLoad {
            file: app.ws().files[before.file].clone(),
            directives,
        })),
    };
    app.apply(Outcome::Written {
        request: WriteRequest {
            id: before.id.clone(),
            change,
            undo: false,
            prompt: None,
        },
        written: Box::new(dondoc::store::write::Written {
            path: FILE.into(),
            before: before.clone(),
            rebased: false,
        }),
        file,
        others: vec![],
    });
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Info);
    assert_eq!(
        message.text,
        format!(
            "Saved {}: status in progress → done, done on 2023-10-15 ({FILE})",
            before.id
        )
    );
    assert_eq!(app.undo_entries().len(), 1);
    let effects = app.update(Action::Undo);
    assert_eq!(
        effects,
        vec![Effect::Write(WriteRequest {
            id: before.id.clone(),
            change: Change {
                status: Some(Status::InProgress),
                done_on: Some(None),
                undo: true,
                ..Change::default()
            },
            undo: true,
            prompt: None,
        })]
    );
    assert!(app.undo_entries().is_empty());
}

#[test]
fn an_impossible_deadline_is_refused_and_the_input_kept() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    app.update(Action::EditDeadline);
    for c in "31/02/2024".chars() {
        app.update(Action::Type(c));
    }
    assert!(app.update(Action::Confirm).is_empty());
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert_eq!(message.text, "Ngày 31/02/2024 không tồn tại");
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "31/02/2024"),
        other => panic!("the prompt should stay open: {other:?}"),
    }
}

/// Typing a search key by key (letters that narrow it, a space, a quote, Backspace, a word
/// deleted, the cursor moved back) finds, after every key, exactly what the same search
/// pasted at once in a fresh app finds: narrowing from the rows shown never loses a row.
#[test]
fn a_search_typed_key_by_key_finds_what_it_finds_typed_at_once() {
    use dondoc::tui::action::EditOp;
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    app.update(Action::StartSearch);
    let mut steps: Vec<Action> = "tăng cường".chars().map(Action::Type).collect();
    steps.extend([
        Action::Edit(EditOp::Backspace),
        Action::Edit(EditOp::Backspace),
        Action::Type('n'),
        Action::Edit(EditOp::DeleteWord),
        Action::Type('"'),
    ]);
    steps.extend("quan ly".chars().map(Action::Type));
    steps.extend([
        Action::Type('"'),
        Action::Edit(EditOp::Home),
        Action::Type('x'),
        Action::Edit(EditOp::Delete),
        Action::Edit(EditOp::Backspace),
    ]);
    let mut narrowed_some = false;
    for step in steps {
        let before = app.list.rows.len();
        app.update(step);
        let typed = app.list.search.clone();
        // The whole search at once (a paste): one pass over all the rows.
        let mut fresh = ws.app(Lang::Vi, (120, 40));
        fresh.update(Action::StartSearch);
        fresh.paste(&typed);
        assert_eq!(fresh.list.search, typed);
        assert_eq!(ids(&app), ids(&fresh), "after {step:?}: {typed:?}");
        narrowed_some |= app.list.rows.len() < before && !app.list.rows.is_empty();
    }
    assert!(narrowed_some, "the search narrowed the rows at some key");
}

/// The search index is made while the user is idle after `/`, a few chunks at a time. A letter
/// typed before it is whole finishes it, and finds what a search on a whole index finds; so
/// do the letters after it, a Backspace (the earlier search taken again) and `Esc`.
#[test]
fn a_search_typed_while_its_index_is_being_made_finds_what_it_should() {
    let open = |ws| {
        let mut app = App::new(ws, today(), Lang::Vi, (120, 40));
        app.update(Action::StartSearch);
        app
    };
    let mut app = open(crate::search::big(20_000));
    assert!(app.has_idle_work(), "`/` starts the index");
    app.idle_work();
    // 4096 directives a chunk, a chunk per core at each step.
    let steps = 20_000usize.div_ceil(4096 * rayon::current_num_threads());
    assert_eq!(app.has_idle_work(), steps > 1, "one step of {steps}");
    let mut whole = open(crate::search::big(20_000));
    while whole.has_idle_work() {
        whole.idle_work();
    }
    let mut sizes = Vec::new();
    for step in "ma so 777".chars().map(Action::Type).chain([
        Action::Edit(dondoc::tui::action::EditOp::Backspace),
        Action::Back,
    ]) {
        app.update(step);
        whole.update(step);
        assert!(!app.has_idle_work());
        assert_eq!(app.list.search, whole.list.search);
        assert_eq!(app.list.rows, whole.list.rows, "{:?}", app.list.search);
        sizes.push(app.list.rows.len());
    }
    // "m" finds most, "ma so" a seventh (the upper-case texts), "ma so 777" a few, `Esc` all.
    assert!(
        sizes[0] > sizes[4] && sizes[4] > sizes[8] && sizes[8] > 0,
        "{sizes:?}"
    );
    assert_eq!(sizes[9], sizes[7], "Backspace: \"ma so 77\" again");
    assert_eq!(sizes[10], 20_000, "Esc: every directive");
}

/// A search closed before anything was typed lets its index go: no work goes on for it.
#[test]
fn a_search_closed_at_once_stops_making_its_index() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::StartSearch);
    assert!(app.has_idle_work());
    app.update(Action::Back);
    assert!(!app.list.searching);
    assert!(!app.has_idle_work(), "Esc let the index go");
    // A search confirmed with Enter keeps it: the rows follow the files through it.
    app.update(Action::StartSearch);
    app.update(Action::Type('t'));
    app.update(Action::Confirm);
    assert_eq!(app.list.search, "t");
    app.update(Action::StartSearch);
    assert!(
        !app.has_idle_work(),
        "the index of the search in force is whole"
    );
}
