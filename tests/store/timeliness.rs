//! docs/FORMAT.md's timeliness table, computed on directives loaded from disk.

use crate::store::common::*;
use dondoc::model::Timeliness;

/// One directive per row of the table and per boundary, with the timeliness it must get on
/// 2023-10-15 with `due_soon_days = 7`.
const ROWS: &[(&str, &str, Timeliness)] = &[
    // done, no deadline
    (
        "done-no-deadline",
        "status = \"done\"\ndone_on = 2023-10-01",
        Timeliness::OnTime,
    ),
    // done on the deadline day is on time; one day later is late
    (
        "done-on-deadline",
        "deadline = 2023-10-01\nstatus = \"done\"\ndone_on = 2023-10-01",
        Timeliness::OnTime,
    ),
    (
        "done-early",
        "deadline = 2023-10-01\nstatus = \"done\"\ndone_on = 2023-09-01",
        Timeliness::OnTime,
    ),
    (
        "done-late",
        "deadline = 2023-10-01\nstatus = \"done\"\ndone_on = 2023-10-02",
        Timeliness::Late,
    ),
    // done before a deadline still to come
    (
        "done-future-deadline",
        "deadline = 2023-12-31\nstatus = \"done\"\ndone_on = 2023-10-02",
        Timeliness::OnTime,
    ),
    (
        "cancelled-overdue",
        "deadline = 2023-09-01\nstatus = \"cancelled\"",
        Timeliness::None,
    ),
    (
        "cancelled-ongoing",
        "status = \"cancelled\"",
        Timeliness::None,
    ),
    ("open-ongoing", "status = \"open\"", Timeliness::Ongoing),
    (
        "in-progress-ongoing",
        "status = \"in_progress\"",
        Timeliness::Ongoing,
    ),
    (
        "blocked-ongoing",
        "status = \"blocked\"",
        Timeliness::Ongoing,
    ),
    (
        "overdue-yesterday",
        "deadline = 2023-10-14\nstatus = \"in_progress\"",
        Timeliness::Overdue,
    ),
    (
        "blocked-overdue",
        "deadline = 2023-01-01\nstatus = \"blocked\"",
        Timeliness::Overdue,
    ),
    // deadline today: not yet overdue
    (
        "deadline-today",
        "deadline = 2023-10-15\nstatus = \"open\"",
        Timeliness::DueSoon,
    ),
    (
        "due-tomorrow",
        "deadline = 2023-10-16\nstatus = \"blocked\"",
        Timeliness::DueSoon,
    ),
    // exactly due_soon_days ahead is due soon; one more day is on track
    (
        "due-in-7",
        "deadline = 2023-10-22\nstatus = \"open\"",
        Timeliness::DueSoon,
    ),
    (
        "due-in-8",
        "deadline = 2023-10-23\nstatus = \"open\"",
        Timeliness::OnTrack,
    ),
    (
        "far",
        "deadline = 2024-06-30\nstatus = \"in_progress\"",
        Timeliness::OnTrack,
    ),
];

fn table_file() -> String {
    let mut text = SOURCE.to_string();
    for (id, fields, _) in ROWS {
        text.push_str(&format!(
            "\n[[directive]]\nid = \"{id}\"\ntext = \"Row {id}\"\nowner = \"so-tc\"\n{fields}\n"
        ));
    }
    text
}

#[test]
fn every_row_of_the_table_after_loading() {
    let t = TestWs::new();
    t.write("2023/rows.toml", &table_file());
    let ws = t.load();
    assert_eq!(problems(&ws), Vec::<String>::new());
    assert_eq!(ws.due_soon_days, 7, "the default when dondoc.toml omits it");
    assert_eq!(ws.directives.len(), ROWS.len());
    let today = date("2023-10-15");
    for (id, _, expected) in ROWS {
        let d = ws.directive(id).unwrap_or_else(|| panic!("{id} loaded"));
        assert_eq!(ws.timeliness(d, today), *expected, "timeliness of {id}");
    }
    // Every timeliness of the table occurs.
    for t in Timeliness::ALL {
        assert!(ROWS.iter().any(|r| r.2 == t), "{t} covered");
    }
}

#[test]
fn due_soon_days_comes_from_dondoc_toml() {
    let t = TestWs::new();
    t.write(
        "dondoc.toml",
        &OWNERS.replace("title = \"Test\"", "title = \"Test\"\ndue_soon_days = 3"),
    );
    t.write("2023/rows.toml", &table_file());
    let ws = t.load();
    assert_eq!(ws.due_soon_days, 3);
    let today = date("2023-10-15");
    let of = |id: &str| ws.timeliness(ws.directive(id).unwrap(), today);
    assert_eq!(of("deadline-today"), Timeliness::DueSoon);
    assert_eq!(of("due-tomorrow"), Timeliness::DueSoon);
    assert_eq!(of("due-in-7"), Timeliness::OnTrack);
    // On the deadline day itself, with 3 days ahead of it: 2023-10-18 is exactly 3 days.
    assert_eq!(
        dondoc::model::timeliness(
            dondoc::model::Status::Open,
            Some(date("2023-10-18")),
            None,
            today,
            ws.due_soon_days
        ),
        Timeliness::DueSoon
    );
}

#[test]
fn sample_workspace_counts_as_of_mid_october() {
    let ws = dondoc::store::load(&sample()).unwrap();
    assert_eq!(problems(&ws), Vec::<String>::new());
    // 36 from the August meeting, 8 from the September one.
    assert_eq!(ws.directives.len(), 44);
    let today = date("2023-10-15");
    let count = |t: Timeliness| {
        ws.directives
            .iter()
            .filter(|d| ws.timeliness(d, today) == t)
            .count()
    };
    assert_eq!(
        Timeliness::ALL.map(count),
        // August: [7, 4, 9, 3, 8, 4, 1]; September: 03 04 08 overdue, 05 (extended to 15/11)
        // and 07 (31/10) on track, 06 ongoing, 01 on time, 02 late.
        [10, 4, 11, 4, 9, 5, 1],
        "overdue, due_soon, on_track, ongoing, on_time, late, none"
    );
}
