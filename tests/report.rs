//! `dondoc report`: figures checked against counts made by hand from the sample data, period
//! selection at every boundary, each output format read back, and the edge cases.

use crate::common::copy_dir;
use assert_cmd::Command;
use chrono::NaiveDate;
use dondoc::i18n::Lang;
use dondoc::model::Workspace;
use dondoc::report::{self, Figures, Period, Report, ReportOptions, Scope};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The sample workspace as these figures were counted by hand: `data/` without the
/// September meeting (`data_dir()` is the whole sample).
fn sample_dir() -> PathBuf {
    static COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        let to = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-august-sample");
        let _ = std::fs::remove_dir_all(&to);
        copy_dir(&data_dir(), &to);
        to
    })
    .clone()
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn sample() -> Workspace {
    let ws = dondoc::store::load(&sample_dir()).unwrap();
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    ws
}

fn as_of_oct15() -> ReportOptions {
    ReportOptions::new(date("2023-10-15"))
}

/// The due-date scope (the rule before the assigned scope became the default).
fn due_oct15() -> ReportOptions {
    ReportOptions {
        scope: Scope::Due,
        ..as_of_oct15()
    }
}

fn unit<'r>(report: &'r Report, owner: &str) -> &'r Figures {
    &report
        .units()
        .find(|u| u.owner == owner)
        .unwrap_or_else(|| panic!("no unit {owner} in the report"))
        .figures
}

/// total, on_time, late, within, due_soon, overdue, ongoing, cancelled
fn counts(f: &Figures) -> [usize; 8] {
    [
        f.total,
        f.on_time,
        f.late,
        f.within,
        f.due_soon,
        f.overdue,
        f.ongoing,
        f.cancelled,
    ]
}

fn assert_rate(actual: Option<f64>, expected: Option<f64>) {
    match (actual, expected) {
        (Some(a), Some(e)) => assert!((a - e).abs() < 1e-9, "{a} != {e}"),
        (a, e) => assert_eq!(a, e),
    }
}

fn dondoc() -> Command {
    let mut cmd = Command::cargo_bin("dondoc").unwrap();
    // No user config from the machine running the tests.
    let home = std::env::temp_dir().join("dondoc-report-tests-home");
    cmd.env("HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .env_remove("DONDOC_DATA")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

// ---------------------------------------------------------------------------------------
// Figures on the sample data, as of 2023-10-15 (due soon = deadline within 7 days, so
// 2023-10-15..=2023-10-22). Counted by hand from data/2023/giao-ban-2023-08-25.toml:
//
//  01 so-nnptnt 09-30 done 09-28 on_time    19 btc-tu     —     in_progress ongoing
//  02 so-nnptnt —     in_progress ongoing   20 vp-tu      10-10 done 10-12 late
//  03 so-nnptnt 10-31 within                21 so-khdt    10-20 due soon (1 extension)
//  04 so-khdt   10-20 due soon              22 ban-dan-toc 10-15 blocked due soon
//  05 bcs-ubnd  11-30 within                23 so-tnmt    10-31 within
//  06 so-ct     10-10 blocked overdue (5 d) 24 bcs-ubnd   09-30 done 09-29 on_time
//  07 so-ct     10-31 within                25 so-gddt    09-30 done 10-06 late
//  08 so-khdt   10-31 within (1 extension)  26 tp-bac-kan 09-30 done 09-29 on_time
//  09 cuc-thue  09-30 overdue (15 d)        27 ba-be      09-30 overdue
//  10 tp-bac-kan 09-30 done 10-05 late      28 bach-thong 09-30 done 10-03 late
//  11 ba-be     09-30 overdue               29 cho-don    09-30 blocked overdue
//  12 cho-don   09-30 done 09-29 on_time    30 cho-moi    10-31 within (1 extension)
//  13 so-tc     12-31 within                31 na-ri      09-30 overdue
//  14 so-tnmt   10-18 due soon              32 ngan-son   09-30 done 09-28 on_time
//  15 so-gddt   09-05 cancelled             33 pac-nam    09-30 overdue
//  16 so-yt     12-31 within                34 so-nv      12-31 within
//  17 so-vhttdl 09-30 done 09-26 on_time    35 nhcsxh     10-31 done 10-11 on_time
//  18 cong-an   —     ongoing               36 so-khdt    09-20 done 09-19 on_time
// ---------------------------------------------------------------------------------------

#[test]
fn sample_figures_per_unit_match_a_hand_count() {
    let ws = sample();
    let r = report::compute(&ws, &as_of_oct15());

    // so-khdt: 04 due soon, 08 within, 21 due soon, 36 on time.
    assert_eq!(counts(unit(&r, "so-khdt")), [4, 1, 0, 3, 2, 0, 0, 0]);
    assert_rate(unit(&r, "so-khdt").completion_rate(), Some(1.0));
    assert_rate(unit(&r, "so-khdt").on_time_rate(), Some(1.0));
    // ba-be: 11 and 27 overdue, nothing done.
    assert_eq!(counts(unit(&r, "ba-be")), [2, 0, 0, 0, 0, 2, 0, 0]);
    assert_rate(unit(&r, "ba-be").completion_rate(), Some(0.0));
    assert_rate(unit(&r, "ba-be").on_time_rate(), None);
    // cho-don: 12 on time, 29 overdue.
    assert_eq!(counts(unit(&r, "cho-don")), [2, 1, 0, 0, 0, 1, 0, 0]);
    assert_rate(unit(&r, "cho-don").completion_rate(), Some(0.5));
    assert_rate(unit(&r, "cho-don").on_time_rate(), Some(1.0));
    // tp-bac-kan: 10 late, 26 on time.
    assert_eq!(counts(unit(&r, "tp-bac-kan")), [2, 1, 1, 0, 0, 0, 0, 0]);
    assert_rate(unit(&r, "tp-bac-kan").on_time_rate(), Some(0.5));
    // so-gddt: 15 cancelled (not in the rates), 25 late.
    // The total is done + not done: the cancelled one is apart.
    assert_eq!(counts(unit(&r, "so-gddt")), [1, 0, 1, 0, 0, 0, 0, 1]);
    assert_rate(unit(&r, "so-gddt").completion_rate(), Some(1.0));
    assert_rate(unit(&r, "so-gddt").on_time_rate(), Some(0.0));
    // so-nnptnt: 01 on time, 02 ongoing, 03 within.
    assert_eq!(counts(unit(&r, "so-nnptnt")), [3, 1, 0, 1, 0, 0, 1, 0]);
    // ban-dan-toc: 22 due today is due soon, not yet overdue.
    assert_eq!(counts(unit(&r, "ban-dan-toc")), [1, 0, 0, 1, 1, 0, 0, 0]);
    // A unit with no directive is listed with zeros and no rates.
    assert_eq!(counts(unit(&r, "bhxh")), [0; 8]);
    assert_rate(unit(&r, "bhxh").completion_rate(), None);
    assert_eq!(r.units().count(), 34, "every registered unit is listed");
}

#[test]
fn sample_totals_per_group_and_overall_match_a_hand_count() {
    let ws = sample();
    let r = report::compute(&ws, &as_of_oct15());

    // Overall: on time 01 12 17 24 26 32 35 36; late 10 20 25 28; within 03 04 05 07 08 13
    // 14 16 21 22 23 30 34 (due soon 04 14 21 22); overdue 06 09 11 27 29 31 33; ongoing 02
    // 18 19; cancelled 15 (apart: Tổng số = đã hoàn thành + chưa hoàn thành = 12 + 23).
    assert_eq!(counts(&r.overall), [35, 8, 4, 13, 4, 7, 3, 1]);
    assert_rate(r.overall.completion_rate(), Some(12.0 / 19.0));
    assert_rate(r.overall.on_time_rate(), Some(8.0 / 12.0));

    let names: Vec<&str> = r.groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(
        names,
        ws.groups.iter().map(String::as_str).collect::<Vec<_>>()
    );
    // Huyện, thành ủy: 10 26 (tp), 11 27 (ba-be), 28 (bach-thong), 12 29 (cho-don),
    // 30 (cho-moi), 31 (na-ri), 32 (ngan-son), 33 (pac-nam).
    let districts = &r.groups[0];
    assert_eq!(districts.group, "Huyện, thành ủy");
    assert_eq!(counts(&districts.figures), [11, 3, 2, 1, 0, 5, 0, 0]);
    assert_rate(districts.figures.completion_rate(), Some(0.5));
    assert_rate(districts.figures.on_time_rate(), Some(0.6));
    // Lực lượng vũ trang: 18 (cong-an) ongoing only.
    let forces = r
        .groups
        .iter()
        .find(|g| g.group == "Lực lượng vũ trang")
        .unwrap();
    assert_eq!(counts(&forces.figures), [1, 0, 0, 0, 0, 0, 1, 0]);
    assert_rate(forces.figures.completion_rate(), None);
}

#[test]
fn units_are_ranked_worst_first_within_their_group() {
    let ws = sample();
    let plain = report::compute(&ws, &as_of_oct15());
    let order: Vec<&str> = plain.groups[0]
        .units
        .iter()
        .map(|u| u.owner.as_str())
        .collect();
    // By default, the order of dondoc.toml, with no rank.
    assert_eq!(
        order,
        [
            "tp-bac-kan",
            "ba-be",
            "bach-thong",
            "cho-don",
            "cho-moi",
            "na-ri",
            "ngan-son",
            "pac-nam"
        ]
    );
    assert!(plain.units().all(|u| u.rank.is_none()));
    let r = report::compute(
        &ws,
        &ReportOptions {
            rank: true,
            ..as_of_oct15()
        },
    );
    assert_eq!(r.groups[0].units[0].rank, Some(1));
    let order: Vec<&str> = r.groups[0].units.iter().map(|u| u.owner.as_str()).collect();
    // 0% with 2 overdue; 0% with 1 overdue (registry order); 50%; 100% with on-time 0%,
    // 50%, 100%; nothing fallen due last.
    assert_eq!(
        order,
        [
            "ba-be",
            "na-ri",
            "pac-nam",
            "cho-don",
            "bach-thong",
            "tp-bac-kan",
            "ngan-son",
            "cho-moi"
        ]
    );
}

#[test]
fn overdue_list_is_most_overdue_first_with_extensions_and_last_note() {
    let ws = sample();
    let r = report::compute(&ws, &as_of_oct15());
    let ids: Vec<&str> = r.overdue.iter().map(|o| o.id.as_ref()).collect();
    // 15 days (deadline 09-30) in registry order of the unit, then so-ct's 06 (10-10, 5 days).
    assert_eq!(
        ids,
        [
            "gb-2023-08-11",
            "gb-2023-08-27",
            "gb-2023-08-29",
            "gb-2023-08-31",
            "gb-2023-08-33",
            "gb-2023-08-09",
            "gb-2023-08-06"
        ]
    );
    assert_eq!(r.overdue[0].days_overdue, 15);
    let last = r.overdue.last().unwrap();
    assert_eq!((last.days_overdue, last.extensions), (5, 0));
    assert_eq!(last.deadline, date("2023-10-10"));
    assert_eq!(
        last.note.as_deref(),
        Some("Vướng giải phóng mặt bằng, chờ phê duyệt phương án bồi thường")
    );
}

#[test]
fn extensions_count_deadline_changes_in_the_log() {
    let ws = sample();
    // 30 is due 10-31 after one extension; as of 2023-11-05 it is overdue.
    let r = report::compute(&ws, &ReportOptions::new(date("2023-11-05")));
    let item = r.overdue.iter().find(|o| o.id == "gb-2023-08-30").unwrap();
    assert_eq!((item.extensions, item.days_overdue), (1, 5));
}

#[test]
fn month_of_september_on_the_sample() {
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::month("2023-09").unwrap()),
        ..due_oct15()
    };
    let r = report::compute(&ws, &opts);
    // Deadlines in September: 01 09 10 11 12 15 17 24 25 26 27 28 29 31 32 33 36. The source
    // is dated 08-25, so its three ongoing directives are not in September.
    // The cancelled 15 is apart from the total.
    assert_eq!(counts(&r.overall), [16, 7, 3, 0, 0, 6, 0, 1]);
    assert_rate(r.overall.completion_rate(), Some(10.0 / 16.0));
}

#[test]
fn month_of_october_brings_the_september_backlog_but_not_what_was_done() {
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::month("2023-10").unwrap()),
        ..due_oct15()
    };
    let ids: BTreeSet<String> = report::selected(&ws, &opts)
        .iter()
        .map(|(d, _)| d.id.clone())
        .collect();
    // Due in October: 03 04 06 07 08 14 20 21 22 23 30 35; still overdue from September:
    // 09 11 27 29 31 33. September's done ones (01, 12, ...) and the cancelled 15 are out.
    let expected: BTreeSet<String> = [
        "03", "04", "06", "07", "08", "14", "20", "21", "22", "23", "30", "35", "09", "11", "27",
        "29", "31", "33",
    ]
    .iter()
    .map(|n| format!("gb-2023-08-{n}"))
    .collect();
    assert_eq!(ids, expected);
}

#[test]
fn ongoing_directives_belong_to_the_period_of_their_source() {
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::month("2023-08").unwrap()),
        ..due_oct15()
    };
    let r = report::compute(&ws, &opts);
    // Nothing is due in August; the meeting of 2023-08-25 gave 02, 18 and 19 without deadline.
    assert_eq!(counts(&r.overall), [3, 0, 0, 0, 0, 0, 3, 0]);
    assert_rate(r.overall.completion_rate(), None);
}

// ---------------------------------------------------------------------------------------
// Period boundaries, on a small hand-written workspace.
// ---------------------------------------------------------------------------------------

const FIXTURE_CONFIG: &str = r#"title = "Thử nghiệm <báo cáo> & kiểm tra"
due_soon_days = 7

[[owner]]
id = "a"
name = "Đơn vị A <b>&amp;</b>"
short = "A & co"
group = "Khối 1"

[[owner]]
id = "b"
name = "Đơn vị \"B\""
group = "Khối 1"

[[owner]]
id = "c"
name = "Đơn vị C, không có nhiệm vụ"
group = "Khối 2"
"#;

fn directive(
    id: &str,
    owner: &str,
    deadline: Option<&str>,
    status: &str,
    done_on: Option<&str>,
) -> String {
    let mut s =
        format!("[[directive]]\nid = \"{id}\"\ntext = \"Nhiệm vụ {id}\"\nowner = \"{owner}\"\n");
    if let Some(d) = deadline {
        s.push_str(&format!("deadline = {d}\n"));
    }
    s.push_str(&format!("status = \"{status}\"\n"));
    if let Some(d) = done_on {
        s.push_str(&format!("done_on = {d}\n"));
    }
    s.push('\n');
    s
}

fn source(title: &str, date: &str, directives: &[String]) -> String {
    format!(
        "[source]\ntitle = \"{title}\"\ndate = {date}\n\n{}",
        directives.concat()
    )
}

/// A workspace in a temp dir: the fixture config and these files.
fn fixture(files: &[(&str, String)]) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dondoc.toml"), FIXTURE_CONFIG).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let ws = dondoc::store::load(dir.path()).unwrap();
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    (dir, ws)
}

/// Open directives due on each date, one per date, owned by "a": id = "d-" + date.
fn open_on(dates: &[&str]) -> Vec<String> {
    dates
        .iter()
        .map(|d| directive(&format!("d-{d}"), "a", Some(d), "open", None))
        .collect()
}

fn selected_ids(ws: &Workspace, period: Period, as_of: &str) -> BTreeSet<String> {
    let opts = ReportOptions {
        period: Some(period),
        scope: Scope::Due,
        ..ReportOptions::new(date(as_of))
    };
    report::selected(ws, &opts)
        .iter()
        .map(|(d, _)| d.id.clone())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn month_boundaries() {
    // As of 2023-08-15 nothing due in late August is overdue yet: only the period counts.
    let dates = ["2023-08-31", "2023-09-01", "2023-09-30", "2023-10-01"];
    let (_dir, ws) = fixture(&[("f.toml", source("Họp", "2023-07-01", &open_on(&dates)))]);
    let september = Period::month("2023-09").unwrap();
    assert_eq!(
        selected_ids(&ws, september, "2023-08-15"),
        set(&["d-2023-09-01", "d-2023-09-30"])
    );
    // As of 2023-10-15 the one due 08-31 is overdue from before: it is in; 10-01 never is.
    assert_eq!(
        selected_ids(&ws, september, "2023-10-15"),
        set(&["d-2023-08-31", "d-2023-09-01", "d-2023-09-30"])
    );
}

#[test]
fn quarter_boundaries() {
    let dates = ["2023-06-30", "2023-07-01", "2023-09-30", "2023-10-01"];
    let (_dir, ws) = fixture(&[("f.toml", source("Họp", "2023-01-01", &open_on(&dates)))]);
    let q3 = Period::quarter("2023-Q3").unwrap();
    assert_eq!(
        selected_ids(&ws, q3, "2023-06-01"),
        set(&["d-2023-07-01", "d-2023-09-30"])
    );
    assert_eq!(
        selected_ids(&ws, q3, "2023-07-01"),
        set(&["d-2023-06-30", "d-2023-07-01", "d-2023-09-30"])
    );
}

#[test]
fn range_boundaries() {
    let dates = ["2023-09-09", "2023-09-10", "2023-09-20", "2023-09-21"];
    let (_dir, ws) = fixture(&[("f.toml", source("Họp", "2023-01-01", &open_on(&dates)))]);
    let range = Period::range(date("2023-09-10"), date("2023-09-20")).unwrap();
    // As of the first day, 09-09 is one day overdue: the backlog is in.
    assert_eq!(
        selected_ids(&ws, range, "2023-09-10"),
        set(&["d-2023-09-09", "d-2023-09-10", "d-2023-09-20"])
    );
    // As of the day before, it is not overdue yet.
    assert_eq!(
        selected_ids(&ws, range, "2023-09-09"),
        set(&["d-2023-09-10", "d-2023-09-20"])
    );
}

#[test]
fn earlier_periods_bring_only_what_is_still_overdue() {
    let directives = vec![
        directive("overdue-aug", "a", Some("2023-08-20"), "in_progress", None),
        directive("blocked-aug", "b", Some("2023-08-21"), "blocked", None),
        directive(
            "done-aug",
            "a",
            Some("2023-08-20"),
            "done",
            Some("2023-08-19"),
        ),
        directive(
            "done-late-aug",
            "a",
            Some("2023-08-20"),
            "done",
            Some("2023-09-05"),
        ),
        directive("cancelled-aug", "a", Some("2023-08-20"), "cancelled", None),
        directive(
            "due-sep",
            "b",
            Some("2023-09-15"),
            "done",
            Some("2023-09-14"),
        ),
    ];
    let (_dir, ws) = fixture(&[("f.toml", source("Họp", "2023-08-01", &directives))]);
    let september = Period::month("2023-09").unwrap();
    assert_eq!(
        selected_ids(&ws, september, "2023-10-15"),
        set(&["overdue-aug", "blocked-aug", "due-sep"])
    );
    let opts = ReportOptions {
        period: Some(september),
        scope: Scope::Due,
        rank: true,
        ..ReportOptions::new(date("2023-10-15"))
    };
    let r = report::compute(&ws, &opts);
    assert_eq!(counts(&r.overall), [3, 1, 0, 0, 0, 2, 0, 0]);
    // Worst first: a (0 of 1 fallen due done: 0%) before b (1 of 2: 50%); c has none.
    let order: Vec<&str> = r.units().map(|u| u.owner.as_str()).collect();
    assert_eq!(order, ["a", "b", "c"]);
}

#[test]
fn ongoing_directives_follow_their_source_date_and_no_period_takes_all() {
    let in_sep = source(
        "Họp tháng 9",
        "2023-09-10",
        &[directive("ongoing-sep", "a", None, "open", None)],
    );
    let in_aug = source(
        "Họp tháng 8",
        "2023-08-31",
        &[directive("ongoing-aug", "a", None, "in_progress", None)],
    );
    let (_dir, ws) = fixture(&[("sep.toml", in_sep), ("aug.toml", in_aug)]);
    let september = Period::month("2023-09").unwrap();
    assert_eq!(
        selected_ids(&ws, september, "2023-10-15"),
        set(&["ongoing-sep"])
    );
    let all = report::compute(&ws, &ReportOptions::new(date("2023-10-15")));
    assert_eq!(all.overall.ongoing, 2);
    assert_eq!(all.overall.total, 2);
}

#[test]
fn source_and_unit_filters() {
    let sep = source(
        "Họp tháng 9",
        "2023-09-10",
        &[
            directive("s1", "a", Some("2023-09-20"), "open", None),
            directive("s2", "b", Some("2023-09-20"), "open", None),
        ],
    );
    let aug = source(
        "Họp tháng 8",
        "2023-08-10",
        &[directive("a1", "a", Some("2023-09-20"), "open", None)],
    );
    let (_dir, ws) = fixture(&[("sep.toml", sep), ("aug.toml", aug)]);
    let opts = ReportOptions {
        source: Some("sep.toml".into()),
        ..ReportOptions::new(date("2023-10-15"))
    };
    let r = report::compute(&ws, &opts);
    assert_eq!(r.overall.total, 2);
    assert_eq!(r.source.as_ref().unwrap().title, "Họp tháng 9");

    let opts = ReportOptions {
        owner: Some("a".into()),
        ..ReportOptions::new(date("2023-10-15"))
    };
    let r = report::compute(&ws, &opts);
    assert_eq!(
        r.units().map(|u| u.owner.as_str()).collect::<Vec<_>>(),
        ["a"]
    );
    assert_eq!(r.overall.total, 2);
    assert_eq!(r.overdue.len(), 2);

    let opts = ReportOptions {
        group: Some("Khối 2".into()),
        ..ReportOptions::new(date("2023-10-15"))
    };
    let r = report::compute(&ws, &opts);
    assert_eq!(
        r.units().map(|u| u.owner.as_str()).collect::<Vec<_>>(),
        ["c"]
    );
    assert!(r.is_empty());

    for bad in [
        ReportOptions {
            owner: Some("zz".into()),
            ..ReportOptions::new(date("2023-10-15"))
        },
        ReportOptions {
            group: Some("Khối 9".into()),
            ..ReportOptions::new(date("2023-10-15"))
        },
        ReportOptions {
            source: Some("nope.toml".into()),
            ..ReportOptions::new(date("2023-10-15"))
        },
    ] {
        assert!(bad.check(&ws).is_err(), "{bad:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Edge cases.
// ---------------------------------------------------------------------------------------

#[test]
fn a_period_with_nothing_says_so_in_every_format() {
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::month("2022-01").unwrap()),
        ..due_oct15()
    };
    let r = report::compute(&ws, &opts);
    assert!(r.is_empty());
    assert_eq!(counts(&r.overall), [0; 8]);
    assert_rate(r.overall.completion_rate(), None);
    assert_rate(r.overall.on_time_rate(), None);

    let md = report::md::render(&r, Lang::Vi);
    assert!(
        md.contains("Không có nhiệm vụ nào trong kỳ báo cáo"),
        "{md}"
    );
    let html = report::html::render(&r, Lang::En);
    assert!(html.contains("Nothing in this period"));
    check_well_formed(&html);
    let json: serde_json::Value = serde_json::from_str(&report::json::render(&r)).unwrap();
    assert_eq!(json["overall"]["total"], 0);
    assert!(json["overall"]["completion_rate"].is_null());
    assert_eq!(json["from"], "2022-01-01");
    let csv = parse_csv(&report::csv::render(&r, false));
    assert_eq!(csv.last().unwrap()[0], "overall");
    assert_eq!(csv.last().unwrap()[12], "");
    let xlsx = report::xlsx::render(&r, Lang::En).unwrap();
    let summary = sheet(&xlsx, "Summary");
    assert!(cell_string(&summary, report::xlsx::SUMMARY_HEADER_ROW, 0)
        .starts_with("Nothing in this period"));

    // The command itself: exit 0, the message on stderr for the machine formats.
    for format in ["md", "csv", "json", "html"] {
        let out = dondoc()
            .args(["--data"])
            .arg(sample_dir())
            .args([
                "--lang", "en", "report", "--month", "2022-01", "--format", format,
            ])
            .args(["--as-of", "2023-10-15"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("Nothing in this period"), "{format}: {all}");
    }
}

#[test]
fn all_cancelled_gives_counts_but_no_rates() {
    let directives = vec![
        directive("x1", "a", Some("2023-09-10"), "cancelled", None),
        directive("x2", "b", Some("2023-09-11"), "cancelled", None),
    ];
    let (_dir, ws) = fixture(&[("f.toml", source("Họp", "2023-09-01", &directives))]);
    let r = report::compute(&ws, &ReportOptions::new(date("2023-10-15")));
    assert!(!r.is_empty());
    // Cancelled directives (dừng thực hiện) are apart: not in the total.
    assert_eq!(counts(&r.overall), [0, 0, 0, 0, 0, 0, 0, 2]);
    assert_rate(r.overall.completion_rate(), None);
    assert_rate(r.overall.on_time_rate(), None);
    assert!(r.overdue.is_empty());
    let md = report::md::render(&r, Lang::En);
    assert!(md.contains("No directive is overdue."));
    check_well_formed(&report::html::render(&r, Lang::Vi));
}

#[test]
fn units_of_owners_missing_from_the_registry_are_counted_not_lost() {
    let directives = vec![directive("u1", "ghost", Some("2023-09-10"), "open", None)];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dondoc.toml"), FIXTURE_CONFIG).unwrap();
    std::fs::write(
        dir.path().join("f.toml"),
        source("Họp", "2023-09-01", &directives),
    )
    .unwrap();
    let ws = dondoc::store::load(dir.path()).unwrap();
    let r = report::compute(&ws, &ReportOptions::new(date("2023-10-15")));
    let last = r.groups.last().unwrap();
    assert_eq!(last.group, report::UNKNOWN_GROUP);
    assert_eq!(last.units[0].owner, "ghost");
    assert_eq!(r.overall.overdue, 1);
}

// ---------------------------------------------------------------------------------------
// Formats, read back.
// ---------------------------------------------------------------------------------------

/// RFC 4180: quoted fields with doubled quotes, CRLF or LF row ends.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "CSV must end with a line break"
    );
    rows
}

#[test]
fn csv_parses_back_with_the_right_numbers() {
    let ws = sample();
    let r = report::compute(&ws, &as_of_oct15());
    let rows = parse_csv(&report::csv::render(&r, false));
    assert_eq!(rows[0], report::csv::HEADER);
    assert!(rows
        .iter()
        .all(|row| row.len() == report::csv::HEADER.len()));
    let col = |name: &str| report::csv::HEADER.iter().position(|h| *h == name).unwrap();
    let find = |level: &str, key_col: usize, key: &str| {
        rows.iter()
            .find(|row| row[0] == level && row[key_col] == key)
            .unwrap_or_else(|| panic!("no {level} row {key}"))
            .clone()
    };
    let khdt = find("unit", col("owner"), "so-khdt");
    assert_eq!(khdt[col("name")], "Sở Kế hoạch và Đầu tư");
    assert_eq!(khdt[col("group")], "Sở, ban, ngành");
    let numbers: Vec<&str> = (col("total")..=col("cancelled"))
        .map(|c| khdt[c].as_str())
        .collect();
    assert_eq!(numbers, ["4", "1", "0", "3", "2", "0", "0", "0"]);
    assert_eq!(khdt[col("completion_rate")], "1.0000");
    let cho_don = find("unit", col("owner"), "cho-don");
    assert_eq!(cho_don[col("completion_rate")], "0.5000");
    let ba_be = find("unit", col("owner"), "ba-be");
    assert_eq!(ba_be[col("on_time_rate")], "", "undefined rate is empty");
    let districts = find("group", col("group"), "Huyện, thành ủy");
    assert_eq!(districts[col("total")], "11");
    assert_eq!(districts[col("overdue")], "5");
    let overall = rows.last().unwrap();
    assert_eq!(overall[0], "overall");
    assert_eq!(overall[col("total")], "35");
    assert_eq!(overall[col("completion_rate")], "0.6316"); // 12 / 19
    assert_eq!(rows.iter().filter(|r| r[0] == "unit").count(), 34);
    // Six groups since Ban cán sự đảng UBND tỉnh has its own.
    assert_eq!(rows.iter().filter(|r| r[0] == "group").count(), 6);

    let with_bom = report::csv::render(&r, true);
    assert!(with_bom.starts_with('\u{feff}'));
    assert!(!report::csv::render(&r, false).starts_with('\u{feff}'));
}

#[test]
fn csv_bom_from_the_command_line() {
    let out = dondoc()
        .arg("--data")
        .arg(sample_dir())
        .args([
            "report",
            "--format",
            "csv",
            "--bom",
            "--as-of",
            "2023-10-15",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    assert!(text.starts_with("level,group,owner,name,"));
}

#[derive(serde::Deserialize, serde::Serialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
struct JsonReport {
    as_of: String,
    scope: String,
    from: Option<String>,
    to: Option<String>,
    units: Vec<JsonUnit>,
    groups: Vec<JsonGroup>,
    overall: JsonFigures,
    overdue: Vec<JsonOverdue>,
}

#[derive(serde::Deserialize, serde::Serialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
struct JsonUnit {
    owner: String,
    name: String,
    group: String,
    #[serde(flatten)]
    figures: JsonFigures,
}

#[derive(serde::Deserialize, serde::Serialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
struct JsonGroup {
    group: String,
    #[serde(flatten)]
    figures: JsonFigures,
}

#[derive(serde::Deserialize, serde::Serialize, PartialEq, Debug)]
struct JsonFigures {
    total: usize,
    on_time: usize,
    late: usize,
    within: usize,
    due_soon: usize,
    overdue: usize,
    ongoing: usize,
    cancelled: usize,
    overdue_30: usize,
    overdue_90: usize,
    completion_rate: Option<f64>,
    on_time_rate: Option<f64>,
}

#[derive(serde::Deserialize, serde::Serialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
struct JsonOverdue {
    id: String,
    owner: String,
    deadline: String,
    days_overdue: i64,
    extensions: usize,
    note: Option<String>,
    source_ref: Option<String>,
    source_date: Option<String>,
    support: Vec<String>,
    status: String,
    first_deadline: Option<String>,
    reason: Option<String>,
    reminders: usize,
}

fn keys(v: &serde_json::Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn json_has_the_exact_shape_and_round_trips() {
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::quarter("2023-Q4").unwrap()),
        ..due_oct15()
    };
    let text = report::json::render(&report::compute(&ws, &opts));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();

    let figure_keys = [
        "total",
        "on_time",
        "late",
        "within",
        "due_soon",
        "overdue",
        "ongoing",
        "cancelled",
        "overdue_30",
        "overdue_90",
        "completion_rate",
        "on_time_rate",
    ];
    let with = |extra: &[&'static str]| -> BTreeSet<&str> {
        figure_keys.iter().chain(extra).copied().collect()
    };
    assert_eq!(
        keys(&value),
        BTreeSet::from(["as_of", "scope", "from", "to", "units", "groups", "overall", "overdue"])
    );
    for u in value["units"].as_array().unwrap() {
        assert_eq!(keys(u), with(&["owner", "name", "group"]));
    }
    for g in value["groups"].as_array().unwrap() {
        assert_eq!(keys(g), with(&["group"]));
    }
    assert_eq!(keys(&value["overall"]), with(&[]));
    for o in value["overdue"].as_array().unwrap() {
        assert_eq!(
            keys(o),
            BTreeSet::from([
                "id",
                "owner",
                "deadline",
                "days_overdue",
                "extensions",
                "note",
                "source_ref",
                "source_date",
                "support",
                "status",
                "first_deadline",
                "reason",
                "reminders",
            ])
        );
    }

    let parsed: JsonReport = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed.as_of, "2023-10-15");
    assert_eq!(parsed.scope, "due");
    assert_eq!(parsed.from.as_deref(), Some("2023-10-01"));
    assert_eq!(parsed.to.as_deref(), Some("2023-12-31"));
    // Q4 as of 10-15: the sample's directives due in Q4 plus the September backlog.
    // Due in Q4: 03 04 05 06 07 08 13 14 16 20 21 22 23 30 34 35 = 16; backlog 09 11 27 29 31 33.
    assert_eq!(parsed.overall.total, 22);
    assert_eq!(parsed.overdue[0].source_date.as_deref(), Some("2023-08-25"));
    assert_eq!(parsed.overall.overdue, 7);
    assert_eq!(parsed.overall.on_time, 1); // 35
    assert_eq!(parsed.overall.late, 1); // 20
    assert_eq!(parsed.overdue.len(), 7);
    assert_eq!(parsed.overdue[6].id, "gb-2023-08-06");
    assert_eq!(parsed.overdue[6].deadline, "2023-10-10");
    let khdt = parsed.units.iter().find(|u| u.owner == "so-khdt").unwrap();
    assert_eq!(khdt.figures.within, 3);
    assert_eq!(khdt.figures.completion_rate, None);
    // Round trip: what we read writes back to the same JSON value.
    let again: serde_json::Value = serde_json::to_value(&parsed).unwrap();
    assert_eq!(again, value);

    // No period: from and to are null.
    let all: serde_json::Value =
        serde_json::from_str(&report::json::render(&report::compute(&ws, &as_of_oct15()))).unwrap();
    assert!(all["from"].is_null() && all["to"].is_null());
}

/// Well-formed as XML: every tag closed in order, only XML's entities. Returns the text.
fn check_well_formed(html: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(html);
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                stack.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                for attr in e.attributes() {
                    attr.expect("well-formed attribute")
                        .decode_and_unescape_value(reader.decoder())
                        .expect("attribute entities");
                }
            }
            Ok(Event::End(e)) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "closing tag");
            }
            Ok(Event::Text(t)) => text.push_str(&t.decode().unwrap()),
            Ok(Event::GeneralRef(r)) => {
                let name = r.decode().unwrap().to_string();
                match name.as_str() {
                    "amp" => text.push('&'),
                    "lt" => text.push('<'),
                    "gt" => text.push('>'),
                    "quot" => text.push('"'),
                    "apos" => text.push('\''),
                    _ => text.push(
                        r.resolve_char_ref()
                            .unwrap()
                            .unwrap_or_else(|| panic!("entity &{name}; is not XML")),
                    ),
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    text
}

#[test]
fn html_is_well_formed_self_contained_and_names_every_unit() {
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::month("2023-09").unwrap()),
        ..due_oct15()
    };
    let r = report::compute(&ws, &opts);
    let html = report::html::render(&r, Lang::Vi);
    let text = check_well_formed(&html);
    for owner in &ws.owners {
        assert!(text.contains(&owner.name), "{} missing", owner.name);
        assert!(text.contains(&owner.short_name().to_string()));
    }
    for heading in [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Chưa hoàn thành, trong hạn",
        "Quá hạn",
        "Thường xuyên",
        "Dừng thực hiện",
        "Tỷ lệ hoàn thành",
        "Tỷ lệ đúng hạn",
        "tháng 9/2023",
        "15/10/2023",
        "62,5%",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
    // Self-contained and printable.
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<link") && !html.contains("<script") && !html.contains("src="));
    assert!(html.contains("@page") && html.contains("A4"));
    assert!(html.contains("<svg"));
    // The overdue list has the 6 September directives still open.
    assert_eq!(html.matches("<td class=\"id\">").count(), 6);
}

#[test]
fn html_escapes_text_from_the_files() {
    let directives = vec![directive("e1", "a", Some("2023-09-10"), "open", None)];
    let (_dir, ws) = fixture(&[("f.toml", source("Họp <i>x</i>", "2023-09-01", &directives))]);
    let r = report::compute(&ws, &ReportOptions::new(date("2023-10-15")));
    let html = report::html::render(&r, Lang::En);
    let text = check_well_formed(&html);
    assert!(
        text.contains("Đơn vị A <b>&amp;</b>"),
        "names come through as text"
    );
    assert!(text.contains("Thử nghiệm <báo cáo> & kiểm tra"));
    assert!(text.contains("Đơn vị \"B\""));
    assert!(!html.contains("<b>"));
    assert!(html.contains("A &amp; co"));
}

#[test]
fn markdown_has_title_period_formulas_and_overdue_list() {
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::month("2023-09").unwrap()),
        ..due_oct15()
    };
    let md = report::md::render(&report::compute(&ws, &opts), Lang::Vi);
    assert!(md.starts_with("# Theo dõi kết luận giao ban — Tỉnh ủy Bắc Kạn\n"));
    assert!(md.contains("tháng 9/2023 (01/09/2023 – 30/09/2023)"));
    assert!(md.contains("15/10/2023"));
    assert!(md.contains("Tỷ lệ hoàn thành = (hoàn thành đúng hạn + hoàn thành quá hạn) / "));
    assert!(md.contains("| **Tổng cộng** | **16** | **7** | **3** | **0** | **0** | **6** | **0** | **1** | **62,5%** | **70%** |"));
    assert!(md.contains("| 1 | gb-2023-08-11 | Huyện ủy Ba Bể |"));
    // Every table row has the same number of cells as its header.
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let widths: BTreeSet<usize> = table
            .lines()
            .map(|l| l.replace("\\|", "").matches('|').count())
            .collect();
        assert_eq!(widths.len(), 1, "{table}");
    }
}

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<calamine::Data> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    book.worksheet_range(name).unwrap()
}

fn cell_string(range: &calamine::Range<calamine::Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(calamine::Data::String(s)) => s.clone(),
        other => panic!("({row}, {col}) is not a string: {other:?}"),
    }
}

fn cell_number(range: &calamine::Range<calamine::Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(calamine::Data::Float(n)) => *n,
        Some(calamine::Data::Int(n)) => *n as f64,
        other => panic!("({row}, {col}) is not a number: {other:?}"),
    }
}

/// The Excel serial number of a date (days since 1899-12-30).
fn serial(d: &str) -> f64 {
    (date(d) - date("1899-12-30")).num_days() as f64
}

fn cell_date(range: &calamine::Range<calamine::Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(calamine::Data::DateTime(d)) => d.as_f64(),
        other => panic!("({row}, {col}) is not a date: {other:?}"),
    }
}

#[test]
fn xlsx_reads_back_with_numbers_rates_and_dates_in_place() {
    let ws = sample();
    let opts = ReportOptions {
        rank: true,
        ..as_of_oct15()
    };
    let r = report::compute(&ws, &opts);
    let bytes = report::xlsx::render(&r, Lang::Vi).unwrap();

    let summary = sheet(&bytes, "Tổng hợp");
    assert_eq!(
        cell_string(&summary, 0, 0),
        "Theo dõi kết luận giao ban — Tỉnh ủy Bắc Kạn"
    );
    assert_eq!(cell_date(&summary, 3, 2), serial("2023-10-15"));
    let header = report::xlsx::SUMMARY_HEADER_ROW;
    let col = |key: &str| {
        report::xlsx::SUMMARY_COLUMNS
            .iter()
            .position(|c| *c == key)
            .unwrap() as u32
    };
    assert_eq!(
        cell_string(&summary, header, col("on_time")),
        "Hoàn thành đúng hạn"
    );
    // The first data row is the worst district: Ba Bể, 2 overdue, 0%.
    let first = header + 1;
    assert_eq!(
        cell_string(&summary, first, col("group")),
        "Huyện, thành ủy"
    );
    assert_eq!(cell_number(&summary, first, col("rank")), 1.0);
    assert_eq!(cell_string(&summary, first, col("name")), "Huyện ủy Ba Bể");
    assert_eq!(cell_string(&summary, first, col("owner")), "ba-be");
    assert_eq!(cell_number(&summary, first, col("total")), 2.0);
    assert_eq!(cell_number(&summary, first, col("overdue")), 2.0);
    assert_eq!(cell_number(&summary, first, col("completion_rate")), 0.0);
    assert!(
        matches!(
            summary.get_value((first, col("on_time_rate"))),
            None | Some(calamine::Data::Empty)
        ),
        "an undefined rate is a blank cell"
    );
    // Row of cho-don (4th in its group): 50%.
    assert_eq!(cell_string(&summary, first + 3, col("owner")), "cho-don");
    assert_eq!(
        cell_number(&summary, first + 3, col("completion_rate")),
        0.5
    );
    // The districts' total row after their 8 units.
    let total_row = first + 8;
    assert_eq!(cell_string(&summary, total_row, col("name")), "Cộng khối");
    assert_eq!(cell_number(&summary, total_row, col("total")), 11.0);
    assert_eq!(cell_number(&summary, total_row, col("on_time_rate")), 0.6);
    // The overall row: 34 units + 6 group rows after the header.
    let overall = first + 34 + 6;
    assert_eq!(cell_string(&summary, overall, col("name")), "Tổng cộng");
    assert_eq!(cell_number(&summary, overall, col("total")), 35.0);
    assert_eq!(cell_number(&summary, overall, col("overdue")), 7.0);
    assert!((cell_number(&summary, overall, col("completion_rate")) - 12.0 / 19.0).abs() < 1e-12);

    let overdue = sheet(&bytes, "Quá hạn");
    assert_eq!(cell_string(&overdue, 0, 1), "Mã");
    assert_eq!(cell_string(&overdue, 1, 1), "gb-2023-08-11");
    assert_eq!(cell_string(&overdue, 1, 2), "Huyện ủy Ba Bể");
    assert_eq!(cell_date(&overdue, 1, 4), serial("2023-09-30"));
    assert_eq!(cell_number(&overdue, 1, 5), 15.0);
    assert_eq!(cell_number(&overdue, 1, 6), 0.0);
    assert_eq!(cell_string(&overdue, 7, 1), "gb-2023-08-06");
    assert_eq!(cell_date(&overdue, 7, 4), serial("2023-10-10"));
    assert_eq!(cell_number(&overdue, 7, 5), 5.0);
    assert!(overdue
        .get_value((8, 1))
        .is_none_or(|c| *c == calamine::Data::Empty));
}

#[test]
fn the_command_writes_files_and_refuses_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("bc.html");
    dondoc()
        .arg("--data")
        .arg(sample_dir())
        .args([
            "--today",
            "2023-10-15",
            "--lang",
            "vi",
            "report",
            "--month",
            "2023-09",
        ])
        .args(["--format", "html", "--output"])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    // A past month stands at its last day unless --as-of says otherwise.
    assert!(page.contains("tháng 9/2023") && page.contains("30/09/2023"));

    let xlsx = dir.path().join("bc.xlsx");
    dondoc()
        .arg("--data")
        .arg(sample_dir())
        .args([
            "report",
            "--format",
            "xlsx",
            "--as-of",
            "2023-10-15",
            "--output",
        ])
        .arg(&xlsx)
        .assert()
        .success();
    let summary = sheet(&std::fs::read(&xlsx).unwrap(), "Summary");
    assert_eq!(cell_date(&summary, 3, 2), serial("2023-10-15"));

    let refused = |args: &[&str], needle: &str| {
        let out = dondoc()
            .arg("--data")
            .arg(sample_dir())
            .arg("report")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    };
    refused(&["--format", "xlsx"], "--output");
    refused(&["--month", "2023-13"], "YYYY-MM");
    refused(&["--quarter", "2023-Q5"], "YYYY-QN");
    refused(&["--from", "2023-10-02", "--to", "2023-10-01"], "--from");
    refused(&["--from", "2023-10-02"], "--to");
    refused(&["--month", "2023-09", "--quarter", "2023-Q3"], "--quarter");
    refused(&["--owner", "nobody"], "nobody");
    refused(&["--group", "Khối X"], "Khối X");
    refused(&["--source", "missing.toml"], "missing.toml");
}

#[test]
fn markdown_never_carries_control_characters_from_the_files() {
    let mut overdue = directive("x1", "a", Some("2023-09-10"), "open", None);
    overdue.push_str("note = \"ANSI \\u001b[31mred\\u0007\"\n");
    let (_dir, ws) = fixture(&[(
        "f.toml",
        source("Họp \\u001b]0;t\\u0007", "2023-09-01", &[overdue]),
    )]);
    let md = report::md::render(
        &report::compute(&ws, &ReportOptions::new(date("2023-10-15"))),
        Lang::En,
    );
    assert!(md.contains("ANSI \\[31mred"), "{md}");
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{md:?}");
}

// ---------------------------------------------------------------------------------------
// The state on a date and the scopes
// ---------------------------------------------------------------------------------------

/// The sample as of 25/09/2023 (no period), counted by hand from the file: only 36 (due
/// 20/09, done 19/09) was done by then; 15 was cancelled on 01/09; nothing was overdue yet
/// (every other deadline on that day is 30/09 or later: 08, 21 and 30 were extended only
/// on 28–30/09 and count with their first deadline, 30/09). Due soon (deadline up to 02/10):
/// 01 08 09 10 11 12 17 21 24 25 26 27 28 29 30 31 32 33 (18); within, not soon: 03 04 05
/// 06 07 13 14 16 20 22 23 34 35 (13); ongoing 02 18 19.
#[test]
fn the_sample_as_of_25_september_counts_that_day() {
    let ws = sample();
    let r = report::compute(&ws, &ReportOptions::new(date("2023-09-25")));
    assert_eq!(counts(&r.overall), [35, 1, 0, 31, 18, 0, 3, 1]);
    assert_rate(r.overall.completion_rate(), Some(1.0));
    // so-khdt: 04 within, 08 and 21 due soon, 36 on time.
    assert_eq!(counts(unit(&r, "so-khdt")), [4, 1, 0, 3, 2, 0, 0, 0]);
    // ba-be: 11 and 27 due soon (overdue from 01/10 only).
    assert_eq!(counts(unit(&r, "ba-be")), [2, 0, 0, 2, 2, 0, 0, 0]);
    // tp-bac-kan: 10 (done 05/10) and 26 (done 29/09) were both not done yet.
    assert_eq!(counts(unit(&r, "tp-bac-kan")), [2, 0, 0, 2, 2, 0, 0, 0]);
    // so-nnptnt: 01 due soon (done 28/09), 02 ongoing, 03 within.
    assert_eq!(counts(unit(&r, "so-nnptnt")), [3, 0, 0, 2, 1, 0, 1, 0]);
    // so-gddt: 15 cancelled (apart), 25 due soon.
    assert_eq!(counts(unit(&r, "so-gddt")), [1, 0, 0, 1, 1, 0, 0, 1]);
    // vp-tu: 20 (deadline 10/10, done 12/10) within.
    assert_eq!(counts(unit(&r, "vp-tu")), [1, 0, 0, 1, 0, 0, 0, 0]);
    assert!(r.overdue.is_empty());

    // On 15/10 the extensions count: 08 and 30 due 31/10, 21 due 20/10.
    let later = report::compute(&ws, &as_of_oct15());
    assert_eq!(counts(unit(&later, "cho-moi")), [1, 0, 0, 1, 0, 0, 0, 0]);
}

fn logged(directive: String, entries: &[&str]) -> String {
    let mut s = directive.trim_end().to_string();
    s.push('\n');
    for e in entries {
        s.push_str(&format!("\n[[directive.log]]\n{e}\n"));
    }
    s.push('\n');
    s
}

fn scope_fixture() -> (tempfile::TempDir, Workspace) {
    let jul = source(
        "Họp tháng 7",
        "2023-07-20",
        &[
            // Extended on 10/10, after September: September still saw it overdue.
            logged(
                directive("jul-due-sep", "a", Some("2023-11-30"), "open", None)
                    .replace("status", "first_deadline = 2023-09-15\nstatus"),
                &["at = 2023-10-10T09:00:00+07:00\nby = \"X\"\ndeadline = 2023-11-30\nreason = \"Đơn vị đề nghị\""],
            ),
            directive("jul-done-aug", "a", Some("2023-08-31"), "done", Some("2023-08-20")),
        ],
    );
    let sep = source(
        "Họp tháng 9",
        "2023-09-10",
        &[
            directive("sep-due-oct", "a", Some("2023-10-31"), "open", None),
            directive("sep-done-early", "b", Some("2023-11-30"), "done", Some("2023-09-20")),
            directive("sep-ongoing", "b", None, "in_progress", None),
            directive("sep-due-sep", "b", Some("2023-09-25"), "done", Some("2023-09-28")),
            logged(
                directive("sep-created-later", "a", Some("2023-12-31"), "open", None),
                &["at = 2023-10-03T09:00:00+07:00\nby = \"X\"\ncreated = true\nstatus = \"open\"\ndeadline = 2023-12-31"],
            ),
        ],
    );
    let oct = source(
        "Họp tháng 10",
        "2023-10-02",
        &[directive(
            "oct-due-oct",
            "a",
            Some("2023-10-20"),
            "open",
            None,
        )],
    );
    let old = source(
        "Họp tháng 12/2022",
        "2022-12-15",
        &[directive(
            "old-due-sep",
            "b",
            Some("2023-09-10"),
            "open",
            None,
        )],
    );
    fixture(&[
        ("jul.toml", jul),
        ("sep.toml", sep),
        ("oct.toml", oct),
        ("old.toml", old),
    ])
}

fn scoped_ids(ws: &Workspace, scope: Scope, as_of: &str) -> BTreeSet<String> {
    let opts = ReportOptions {
        period: Some(Period::month("2023-09").unwrap()),
        scope,
        ..ReportOptions::new(date(as_of))
    };
    report::selected(ws, &opts)
        .iter()
        .map(|(d, _)| d.id.clone())
        .collect()
}

#[test]
fn each_scope_takes_its_directives_on_both_sides_of_each_boundary() {
    let (_dir, ws) = scope_fixture();
    // Assigned: the sources dated in September; the one created on 03/10 did not exist yet.
    assert_eq!(
        scoped_ids(&ws, Scope::Assigned, "2023-09-30"),
        set(&[
            "sep-due-oct",
            "sep-done-early",
            "sep-ongoing",
            "sep-due-sep"
        ])
    );
    assert_eq!(
        scoped_ids(&ws, Scope::Assigned, "2023-10-05"),
        set(&[
            "sep-due-oct",
            "sep-done-early",
            "sep-ongoing",
            "sep-due-sep",
            "sep-created-later"
        ])
    );
    // Cumulative: from 01/01/2023 to the as-of date; not December 2022, not October yet.
    assert_eq!(
        scoped_ids(&ws, Scope::Cumulative, "2023-09-30"),
        set(&[
            "jul-due-sep",
            "jul-done-aug",
            "sep-due-oct",
            "sep-done-early",
            "sep-ongoing",
            "sep-due-sep"
        ])
    );
    assert!(scoped_ids(&ws, Scope::Cumulative, "2023-10-05").contains("oct-due-oct"));
    // Due: deadlines in September (by the deadline on the as-of date: jul-due-sep was
    // extended only on 10/10), ongoing ones given in September.
    assert_eq!(
        scoped_ids(&ws, Scope::Due, "2023-09-30"),
        set(&["jul-due-sep", "sep-due-sep", "old-due-sep", "sep-ongoing"])
    );
    // Seen from 15/10, jul-due-sep is due in November: extending it removed it from the
    // due-date scope, which is why it is not the default.
    assert!(!scoped_ids(&ws, Scope::Due, "2023-10-15").contains("jul-due-sep"));

    // Figures of the assigned scope as of 30/09: on time, late, within, ongoing.
    let opts = ReportOptions {
        period: Some(Period::month("2023-09").unwrap()),
        ..ReportOptions::new(date("2023-09-30"))
    };
    let r = report::compute(&ws, &opts);
    assert_eq!(counts(&r.overall), [4, 1, 1, 1, 0, 0, 1, 0]);
    // As of 15/09 neither sep-done-early nor sep-due-sep (done 28/09) was done yet.
    let r = report::compute(
        &ws,
        &ReportOptions {
            as_of: date("2023-09-15"),
            ..opts.clone()
        },
    );
    assert_eq!(counts(&r.overall), [4, 0, 0, 3, 0, 0, 1, 0]);
    // The cumulative report as of 30/09 lists jul-due-sep overdue with its first deadline.
    let r = report::compute(
        &ws,
        &ReportOptions {
            scope: Scope::Cumulative,
            ..opts.clone()
        },
    );
    assert_eq!(r.overdue.len(), 1);
    let item = &r.overdue[0];
    assert_eq!(item.id, "jul-due-sep");
    assert_eq!(item.deadline, date("2023-09-15"));
    assert_eq!(item.days_overdue, 15);
    assert_eq!(item.extensions, 0, "the extension came later");
    assert_eq!(item.source_date, Some(date("2023-07-20")));
}

#[test]
fn compare_puts_the_previous_period_beside_each_unit() {
    let (_dir, ws) = scope_fixture();
    let opts = ReportOptions {
        period: Some(Period::month("2023-09").unwrap()),
        scope: Scope::Due,
        compare: true,
        ..ReportOptions::new(date("2023-09-30"))
    };
    let r = report::compute(&ws, &opts);
    assert_eq!(r.previous, Some(Period::month("2023-08").unwrap()));
    // August, as of 31/08: jul-done-aug, done on time, was a's only directive due.
    let a = r.units().find(|u| u.owner == "a").unwrap();
    assert_eq!(a.previous.unwrap().on_time, 1);
    assert_rate(a.previous.unwrap().completion_rate(), Some(1.0));
    // September: a's jul-due-sep overdue.
    assert_rate(a.figures.completion_rate(), Some(0.0));
    // The Markdown shows the previous rate beside this one: 0% now, 100% in August.
    let md = report::md::render(&r, Lang::En);
    assert!(md.contains("| Completion rate, previous period |"), "{md}");
    assert!(md.contains("| 0% | — | 100% |"), "{md}");
}

// ---------------------------------------------------------------------------------------
// The signed document: docx and HTML
// ---------------------------------------------------------------------------------------

/// `word/document.xml` of a .docx, read back: every paragraph's text, and every table row
/// as its cells' texts (a cell's paragraphs joined by a line break).
struct DocxText {
    paragraphs: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn read_docx(bytes: &[u8]) -> DocxText {
    use quick_xml::events::Event;
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for part in ["[Content_Types].xml", "_rels/.rels", "word/styles.xml"] {
        assert!(zip.by_name(part).is_ok(), "{part} missing");
    }
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut paragraphs, mut rows) = (Vec::new(), Vec::new());
    let (mut para, mut cell, mut row) = (String::new(), Vec::<String>::new(), Vec::new());
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed document.xml") {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    paragraphs.push(para.clone());
                    cell.push(std::mem::take(&mut para));
                }
                b"w:tc" => row.push(std::mem::take(&mut cell).join("\n").trim().to_string()),
                b"w:tr" => rows.push(std::mem::take(&mut row)),
                _ => {}
            },
            Event::Empty(e) if e.name().as_ref() == b"w:p" => paragraphs.push(String::new()),
            Event::Text(t) if in_text => para.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().unwrap().to_string();
                para.push(match name.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => r.resolve_char_ref().unwrap().expect("XML entity"),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    DocxText { paragraphs, rows }
}

fn figures_cells(f: &Figures) -> Vec<String> {
    let mut cells: Vec<String> = [
        f.total,
        f.on_time,
        f.late,
        f.within_with_ongoing(),
        f.due_soon,
        f.ongoing,
        f.overdue,
        f.cancelled,
    ]
    .iter()
    .map(|n| n.to_string())
    .collect();
    cells.push(dondoc::i18n::report::percent(f.completion_rate(), Lang::Vi));
    cells
}

const NARRATIVE_AUG: &str = "Tổng số 35 nhiệm vụ; đã hoàn thành 12 nhiệm vụ (đúng hạn 8, quá hạn 4), đạt 63,2%; chưa hoàn thành 23 nhiệm vụ (trong hạn 16, trong đó sắp đến hạn 4, thường xuyên 3; quá hạn 7); dừng thực hiện 01 nhiệm vụ.";

#[test]
fn the_docx_report_reads_back_with_its_frame_figures_and_signature() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bc.docx");
    dondoc()
        .arg("--data")
        .arg(sample_dir())
        .args([
            "--today",
            "2023-10-15",
            "--lang",
            "vi",
            "report",
            "--month",
            "2023-08",
        ])
        .args(["--as-of", "2023-10-15", "--format", "docx", "--output"])
        .arg(&path)
        .assert()
        .success();
    let doc = read_docx(&std::fs::read(&path).unwrap());
    let has = |s: &str| doc.paragraphs.iter().any(|p| p == s);
    assert!(has("TỈNH ỦY BẮC KẠN") && has("VĂN PHÒNG"));
    assert!(
        has("Số\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}-BC/VPTU"),
        "{:?}",
        &doc.paragraphs[..8]
    );
    assert!(has("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(has("Bắc Kạn, ngày 15 tháng 10 năm 2023"));
    assert!(has("BÁO CÁO"));
    assert!(has("Tình hình thực hiện kết luận, chỉ đạo tháng 8/2023"));
    assert!(has(NARRATIVE_AUG), "{:#?}", doc.paragraphs);
    for heading in [
        "I. KẾT QUẢ CHUNG",
        "II. KẾT QUẢ THỰC HIỆN THEO ĐƠN VỊ",
        "III. NHIỆM VỤ QUÁ HẠN",
    ] {
        assert!(has(heading), "{heading}");
    }
    assert!(has("Nơi nhận:") && has("- Lưu Văn phòng Tỉnh ủy,"));
    assert!(has("K/T CHÁNH VĂN PHÒNG") && has("Nguyễn Văn An"));

    // Every unit's row: its figures in the order of the table, units in dondoc.toml order.
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::month("2023-08").unwrap()),
        ..as_of_oct15()
    };
    let r = report::compute(&ws, &opts);
    let mut last = 0;
    for u in r.units() {
        let (i, row) = doc
            .rows
            .iter()
            .enumerate()
            .find(|(_, row)| row.get(1) == Some(&u.name))
            .unwrap_or_else(|| panic!("no row for {}", u.name));
        assert_eq!(row[2..], figures_cells(&u.figures)[..], "{}", u.name);
        assert!(i > last, "{} out of order", u.name);
        last = i;
    }
    let overall = doc
        .rows
        .iter()
        .find(|row| row.get(1).map(String::as_str) == Some("Tổng cộng"))
        .unwrap();
    assert_eq!(overall[2..], figures_cells(&r.overall)[..]);
    // The overdue list: the notice under the text, the reminders of Na Rì's directive.
    let na_ri = doc
        .rows
        .iter()
        .find(|row| row.len() == 9 && row[2] == "Huyện ủy Na Rì")
        .unwrap();
    assert!(na_ri[1].contains("Thông báo số 1234-TB/TU (minh họa), 25/08/2023"));
    assert_eq!(na_ri[5], "15");
    assert_eq!(na_ri[7], "1 (05/10/2023)");
}

#[test]
fn the_html_document_has_the_same_frame_and_is_well_formed() {
    let ws = sample();
    let opts = ReportOptions {
        period: Some(Period::month("2023-08").unwrap()),
        ..as_of_oct15()
    };
    let r = report::compute(&ws, &opts);
    let doc = report::doc::DocOptions {
        title: None,
        annex: false,
        today: date("2023-10-15"),
    };
    let html = report::html::render_document(&r, &ws.report, &doc, Lang::Vi);
    let text = check_well_formed(&html);
    for expected in [
        "-BC/VPTU",
        "Bắc Kạn, ngày 15 tháng 10 năm 2023",
        "BÁO CÁO",
        NARRATIVE_AUG,
        "Nơi nhận:",
        "Nguyễn Văn An",
        "Huyện ủy Ba Bể",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    // An annex and another title; English headings.
    let annex = report::html::render_document(
        &r,
        &ws.report,
        &report::doc::DocOptions {
            title: Some("Kết quả quý III".into()),
            annex: true,
            ..doc.clone()
        },
        Lang::Vi,
    );
    let text = check_well_formed(&annex);
    assert!(text.contains("PHỤ LỤC") && text.contains("Kết quả quý III"));
    assert!(text.contains("(Kèm theo Báo cáo số"));
    assert!(!text.contains("BÁO CÁO"));
    let en = check_well_formed(&report::html::render_document(
        &r,
        &ws.report,
        &doc,
        Lang::En,
    ));
    assert!(en.contains("REPORT") && en.contains("In total 35 directives;"));
    assert!(en.contains("Bắc Kạn, 15 October 2023"));
}

// ---------------------------------------------------------------------------------------
// Reminder letters
// ---------------------------------------------------------------------------------------

fn remind(data: &Path, args: &[&str]) -> Command {
    let mut cmd = dondoc();
    cmd.arg("--data")
        .arg(data)
        .args(["--today", "2023-10-15", "--lang", "vi", "remind"])
        .args(args);
    cmd
}

#[test]
fn a_reminder_letter_is_written_and_logged_on_each_directive_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(&sample_dir(), &data);
    let out = dir.path().join("thu");
    let file = data.join("2023/giao-ban-2023-08-25.toml");
    let before = std::fs::read_to_string(&file).unwrap();

    // A dry run writes nothing: no letter, no log entry.
    let dry = remind(
        &data,
        &[
            "--owner",
            "ba-be",
            "--dry-run",
            "--output-dir",
            out.to_str().unwrap(),
        ],
    )
    .assert()
    .success();
    let said = String::from_utf8(dry.get_output().stdout.clone()).unwrap();
    assert!(said.contains("gb-2023-08-11, gb-2023-08-27"), "{said}");
    assert!(!out.exists());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    remind(
        &data,
        &[
            "--owner",
            "ba-be",
            "--ref",
            "125-CV/VPTU",
            "--format",
            "md",
            "--by",
            "Văn thư",
        ],
    )
    .arg("--output-dir")
    .arg(&out)
    .assert()
    .success();
    let letter = std::fs::read_to_string(out.join("don-doc-ba-be-2023-10-15.md")).unwrap();
    for expected in [
        "Số\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}-CV/VPTU",
        "V/v đôn đốc thực hiện nhiệm vụ",
        "Bắc Kạn, ngày 15 tháng 10 năm 2023",
        "Kính gửi: Ban Thường vụ Huyện ủy Ba Bể",
        "Thực hiện đồng bộ, quyết liệt, hiệu quả các giải pháp thu",
        "| 30/09/2023 | 15 | 0 |",
        "trước ngày 22/10/2023",
        "Nguyễn Văn An",
    ] {
        assert!(
            letter.contains(expected),
            "{expected} missing in:\n{letter}"
        );
    }
    // Only Ba Bể's two directives, nobody else's.
    assert_eq!(letter.matches("| 30/09/2023 |").count(), 2);

    // Each listed directive got one reminder entry with the letter's number; nothing else.
    let ws = dondoc::store::load(&data).unwrap();
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    for id in ["gb-2023-08-11", "gb-2023-08-27"] {
        let d = ws.directive(id).unwrap();
        let last = d.log.last().unwrap();
        assert!(last.reminder && last.by == "Văn thư", "{id}");
        assert_eq!(last.reference(), Some("125-CV/VPTU"));
        assert_eq!(last.date(), Some(date("2023-10-15")));
        assert_eq!(d.reminders().count(), 1);
    }
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(after.lines().count(), before.lines().count() + 12);
    let original = dondoc::store::load(&sample_dir()).unwrap();
    for d in &ws.directives {
        if d.id != "gb-2023-08-11" && d.id != "gb-2023-08-27" {
            assert!(
                d.same_content(original.directive(&d.id).unwrap()),
                "{}",
                d.id
            );
        }
    }

    // `show` lists the letter in the log.
    let shown = dondoc()
        .arg("--data")
        .arg(&data)
        .args(["show", "gb-2023-08-11"])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(
        shown.contains("- reminder sent\n    - ref: 125-CV/VPTU"),
        "{shown}"
    );

    // The report counts the reminders in its overdue list.
    let r = report::compute(&ws, &as_of_oct15());
    let item = r.overdue.iter().find(|o| o.id == "gb-2023-08-11").unwrap();
    assert_eq!(
        (item.reminders, item.last_reminder),
        (1, Some(date("2023-10-15")))
    );
    // Not as of the day before the letter.
    let r = report::compute(&ws, &ReportOptions::new(date("2023-10-14")));
    assert_eq!(
        r.overdue
            .iter()
            .find(|o| o.id == "gb-2023-08-11")
            .unwrap()
            .reminders,
        0
    );

    // A second letter says the directives were already reminded once.
    remind(&data, &["--owner", "ba-be", "--format", "html"])
        .arg("--output-dir")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("don-doc-ba-be-2023-10-15.html")).unwrap();
    let text = check_well_formed(&html);
    assert!(text.contains("Kính gửi: Ban Thường vụ Huyện ủy Ba Bể"));
    assert!(html.contains("<td class=\"c\">15</td><td class=\"c\">1</td>"));
}

#[test]
fn remind_all_writes_one_docx_per_late_unit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(&sample_dir(), &data);
    let out = dir.path().join("thu");
    remind(
        &data,
        &["--all", "--format", "docx", "--ref", "130-CV/VPTU"],
    )
    .arg("--output-dir")
    .arg(&out)
    .assert()
    .success();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    // Units with a directive overdue or due soon (deadline up to 22/10) on 15/10.
    let units = [
        "ba-be",
        "ban-dan-toc",
        "cho-don",
        "cuc-thue",
        "na-ri",
        "pac-nam",
        "so-ct",
        "so-khdt",
        "so-tnmt",
    ];
    let expected: Vec<String> = units
        .iter()
        .map(|u| format!("don-doc-{u}-2023-10-15.docx"))
        .collect();
    assert_eq!(names, expected);
    let doc = read_docx(&std::fs::read(out.join("don-doc-na-ri-2023-10-15.docx")).unwrap());
    assert!(doc
        .paragraphs
        .iter()
        .any(|p| p == "Kính gửi: Huyện ủy Na Rì"));
    // Na Rì's directive had one letter before (05/10 in the sample): this one is its second.
    let row = doc
        .rows
        .iter()
        .find(|r| r.len() == 5 && r[0] == "1")
        .unwrap();
    assert_eq!(row[3..], ["15".to_string(), "1".to_string()]);
    let ws = dondoc::store::load(&data).unwrap();
    assert_eq!(
        ws.directive("gb-2023-08-31").unwrap().reminders().count(),
        2
    );
    // Nothing to remind: refused, exit 1.
    remind(&data, &["--owner", "bhxh"]).assert().code(1);
    remind(&data, &["--owner", "khong-co"]).assert().code(2);
}

#[test]
fn the_docx_drops_control_characters_and_escapes_markup_from_the_files() {
    let hostile = "Nhiệm vụ <b>&amp;</b> \u{1b}[31mđỏ\u{7}\u{0}";
    let text = format!(
        "[source]\ntitle = \"Họp \\u001b <i>\"\ndate = 2023-09-01\nref = \"Số 1 & 2\"\n\n[[directive]]\nid = \"x-01\"\ntext = \"{}\"\nowner = \"a\"\ndeadline = 2023-09-10\nstatus = \"open\"\nnote = \"ghi\\u0007chú\"\n",
        hostile.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007").replace('\u{0}', "\\u0000")
    );
    let (_dir, ws) = fixture(&[("f.toml", text)]);
    let opts = ReportOptions {
        period: Some(Period::month("2023-09").unwrap()),
        ..ReportOptions::new(date("2023-10-15"))
    };
    let r = report::compute(&ws, &opts);
    assert_eq!(r.overdue.len(), 1);
    let doc = report::doc::DocOptions {
        title: None,
        annex: false,
        today: date("2023-10-15"),
    };
    let bytes = report::docx::render(&r, &ws.report, &doc, Lang::Vi).unwrap();
    let read = read_docx(&bytes);
    let all = read.paragraphs.join("\n");
    assert!(all.contains("Nhiệm vụ <b>&amp;</b> [31mđỏ"), "{all}");
    assert!(all.contains("ghichú"));
    assert!(!all.chars().any(|c| c.is_control() && c != '\n'));
    let html = report::html::render_document(&r, &ws.report, &doc, Lang::Vi);
    let text = check_well_formed(&html);
    assert!(text.contains("Nhiệm vụ <b>&amp;</b> [31mđỏ"));
    assert!(!html.contains('\u{1b}') && !html.contains("<b>&amp;"));
}

#[test]
fn list_as_of_shows_the_directives_as_they_stood() {
    let out = dondoc()
        .arg("--data")
        .arg(sample_dir())
        .args([
            "list",
            "--as-of",
            "2023-09-25",
            "--status",
            "done",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    // On 25/09 only 36 was done (on 19/09); ten more were done later.
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["gb-2023-08-36"]);
    assert_eq!(rows[0]["timeliness"], "on_time");
    // 08 counts with its first deadline, 30/09, before its extension of 29/09.
    let out = dondoc()
        .arg("--data")
        .arg(sample_dir())
        .args([
            "list",
            "--as-of",
            "2023-09-25",
            "--search",
            "du an trong diem",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["id"], "gb-2023-08-08");
    assert_eq!(row["deadline"], "2023-09-30");
    assert_eq!(row["timeliness"], "due_soon");
}

#[test]
fn a_reminder_entry_fits_every_log_style_and_a_stale_file_is_not_written() {
    use dondoc::store::edit::{apply_log_only, LogOnly};
    let at = chrono::DateTime::parse_from_rfc3339("2023-10-15T09:00:00+07:00").unwrap();
    let entry = LogOnly::Reminder {
        reference: Some("12-CV/VPTU".into()),
    };
    let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let file = "[source]\r\ntitle = \"H\"\r\ndate = 2023-09-01\r\n\r\n[[directive]]\r\nid = \"a-1\"\r\ntext = \"T\"\r\nowner = \"a\"\r\nstatus = \"open\"\r\nlog = [{ at = 2023-09-01T08:00:00+07:00, by = \"X\", note = \"n\" }]\r\n\r\n[[directive]]\r\nid = \"a-2\"\r\ntext = \"U\" # giữ chú thích\r\nowner = \"a\"\r\nstatus = \"open\"\r\n";
    let out = apply_log_only(file, &ids(&["a-1", "a-2"]), &entry, "Văn thư", at).unwrap();
    // CRLF kept everywhere, the comment kept, both entries present.
    assert!(!out.replace("\r\n", "").contains('\n'), "{out}");
    assert!(out.contains("text = \"U\" # giữ chú thích"));
    let (_dir, ws) = fixture(&[("f.toml", out.clone())]);
    for id in ["a-1", "a-2"] {
        let d = ws.directive(id).unwrap();
        let last = d.log.last().unwrap();
        assert!(last.reminder, "{id}");
        assert_eq!(last.reference(), Some("12-CV/VPTU"));
        assert_eq!(last.by, "Văn thư");
        // Nothing else changed.
        assert_eq!((d.status, d.deadline), (dondoc::model::Status::Open, None));
    }
    assert_eq!(ws.directive("a-1").unwrap().log.len(), 2);
    assert!(apply_log_only(file, &ids(&["zz"]), &entry, "V", at).is_err());

    // The one write path refuses a file changed on disk in a listed directive, and writes
    // nothing.
    let plain = source(
        "Họp",
        "2023-09-01",
        &[directive("b-1", "a", Some("2023-09-10"), "open", None)],
    );
    let (dir, mut ws) = fixture(&[("g.toml", plain.clone())]);
    let changed = plain.replace("status = \"open\"", "status = \"in_progress\"");
    std::fs::write(dir.path().join("g.toml"), &changed).unwrap();
    let e =
        dondoc::store::write::write_log_only(&mut ws, &ids(&["b-1"]), &entry, "V", at).unwrap_err();
    assert!(e.to_string().contains("changed on disk"), "{e}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("g.toml")).unwrap(),
        changed
    );
}

#[test]
fn units_gone_quiet_have_open_directives_and_no_news_for_the_given_days() {
    let aug = source(
        "Họp tháng 8",
        "2023-08-01",
        &[
            logged(
                directive("a-old", "a", Some("2023-12-31"), "in_progress", None),
                &["at = 2023-09-01T09:00:00+07:00\nby = \"X\"\nstatus = \"in_progress\""],
            ),
            logged(
                directive("b-new", "b", Some("2023-12-31"), "in_progress", None),
                &["at = 2023-10-10T09:00:00+07:00\nby = \"X\"\nstatus = \"in_progress\""],
            ),
            directive(
                "c-done",
                "c",
                Some("2023-09-30"),
                "done",
                Some("2023-09-01"),
            ),
        ],
    );
    let oct = source(
        "Họp tháng 10",
        "2023-10-01",
        &[directive("c-given", "c", Some("2023-12-31"), "open", None)],
    );
    let (_dir, ws) = fixture(&[("aug.toml", aug), ("oct.toml", oct)]);
    let quiet = |days: i64| {
        let r = report::compute(
            &ws,
            &ReportOptions {
                quiet_days: days,
                ..ReportOptions::new(date("2023-10-15"))
            },
        );
        r.quiet
            .iter()
            .map(|q| (q.owner.clone(), q.open, q.last_entry))
            .collect::<Vec<_>>()
    };
    // a: last news 01/09 (44 days); b: 10/10 (5 days); c: given on 01/10 (14 days), no log.
    assert_eq!(quiet(30), [("a".to_string(), 1, Some(date("2023-09-01")))]);
    assert_eq!(
        quiet(10),
        [
            ("a".to_string(), 1, Some(date("2023-09-01"))),
            ("c".to_string(), 1, None)
        ]
    );
    assert_eq!(quiet(5).len(), 3);
    let md = report::md::render(
        &report::compute(&ws, &ReportOptions::new(date("2023-10-15"))),
        Lang::Vi,
    );
    assert!(
        md.contains("| Đơn vị A \\<b\\>&amp;\\</b\\> | 1 | 01/09/2023 |"),
        "{md}"
    );
}

/// The whole sample (with the September meeting, dated 20/09/2023): the September report of
/// the assigned scope, at the end of the month and as of 15/10/2023, counted by hand.
#[test]
fn the_september_meeting_of_the_sample_counts_by_hand() {
    let ws = dondoc::store::load(&data_dir()).unwrap();
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    let september = |as_of: &str| ReportOptions {
        period: Some(Period::month("2023-09").unwrap()),
        ..ReportOptions::new(date(as_of))
    };
    // On 30/09: 01 done on time; 02 (due 25/09) and 04 (due 29/09) overdue; 03 05 07 08 within;
    // 06 ongoing. The August meeting is not in September's assigned scope.
    let r = report::compute(&ws, &september("2023-09-30"));
    assert_eq!(counts(&r.overall), [8, 1, 0, 4, 0, 2, 1, 0]);
    // On 15/10: 02 done late; 03 (10/10), 04 (29/09) and 08 (13/10) overdue; 05 extended to
    // 15/11 and 07 (31/10) within.
    let r = report::compute(&ws, &september("2023-10-15"));
    assert_eq!(counts(&r.overall), [8, 1, 1, 2, 0, 3, 1, 0]);
    let ba_be = r.overdue.iter().find(|o| o.id == "gb-2023-09-04").unwrap();
    assert_eq!((ba_be.days_overdue, ba_be.reminders), (16, 1));
    assert_eq!(unit(&r, "so-nv").within, 1);
}

/// Every format warns about the workspace's problems on stderr, sorted by file path, then line,
/// then column (the loader finds them config first, and a duplicate id after its file's other
/// problems).
#[test]
fn report_warnings_are_sorted_by_path_line_and_column_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    let write = |rel: &str, text: &str| std::fs::write(ws.join(rel), text).unwrap();
    write(
        "dondoc.toml",
        "title = \"T\"\ncolour = \"red\"\n\n[[owner]]\nid = \"a\"\nname = \"A\"\ngroup = \"G\"\n",
    );
    let head = "[source]\ntitle = \"Giao ban\"\ndate = 2023-08-25\n";
    let directive = |id: &str, owner: &str| {
        format!("\n[[directive]]\nid = \"{id}\"\ntext = \"Việc\"\nowner = \"{owner}\"\nstatus = \"open\"\n")
    };
    write(
        "a.toml",
        &format!("{head}{}", directive("x-01", "khong-co")),
    );
    write(
        "b.toml",
        &format!(
            "{head}{}{}",
            directive("x-01", "a"),
            directive("x-02", "cung-khong-co")
        ),
    );
    for format in ["md", "csv", "json", "html"] {
        let out = Command::new(env!("CARGO_BIN_EXE_dondoc"))
            .env("DONDOC_NO_CACHE", "1")
            .env("HOME", ws)
            .env("XDG_CONFIG_HOME", ws.join(".config"))
            .args(["--lang", "en", "--today", "2023-10-15", "--data"])
            .arg(ws)
            .args(["report", "--format", format])
            .assert()
            .success()
            .get_output()
            .stderr
            .clone();
        let stderr = String::from_utf8(out).unwrap();
        let lines: Vec<String> = stderr
            .lines()
            .filter_map(|l| l.strip_prefix("dondoc: warning: "))
            .map(|l| l.splitn(4, ':').take(3).collect::<Vec<_>>().join(":"))
            .collect();
        assert_eq!(
            lines,
            ["a.toml:8:9", "b.toml:6:6", "b.toml:14:9", "dondoc.toml:2:1"],
            "{format}: {stderr}"
        );
    }
}

/// Every text format, byte for byte, as the command prints it (to stdout and to a file), for
/// a report as of today, a quarter compared with the one before in Vietnamese, and a past
/// as-of date: the fixtures in tests/fixtures/report are the output before the report was
/// written as it is made, and any change to a byte shows here.
#[test]
fn the_text_formats_are_pinned_byte_for_byte() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report");
    let cases: [(&str, &[&str]); 3] = [
        ("today", &["--lang", "en", "report"]),
        (
            "q3-vi",
            &[
                "--lang",
                "vi",
                "report",
                "--quarter",
                "2023-Q3",
                "--as-of",
                "2023-10-15",
                "--compare",
                "--rank",
            ],
        ),
        (
            "past",
            &[
                "--lang",
                "en",
                "report",
                "--month",
                "2023-09",
                "--scope",
                "due",
                "--as-of",
                "2023-10-01",
            ],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in cases {
        for format in ["md", "csv", "json", "html"] {
            let want = std::fs::read_to_string(fixtures.join(format!("{name}.{format}"))).unwrap();
            let run = |extra: &[&std::ffi::OsStr]| {
                dondoc()
                    .env("DONDOC_NO_CACHE", "1")
                    .arg("--data")
                    .arg(sample_dir())
                    .args(["--today", "2023-10-15"])
                    .args(args)
                    .args(["--format", format])
                    .args(extra)
                    .output()
                    .unwrap()
            };
            let out = run(&[]);
            assert!(out.status.success(), "{name}.{format}: {out:?}");
            let got = String::from_utf8(out.stdout).unwrap();
            assert!(got == want, "{name}.{format} differs:\n{got}");
            let file = dir.path().join(format!("{name}.{format}"));
            let out = run(&["--output".as_ref(), file.as_os_str()]);
            assert!(out.status.success(), "{name}.{format} --output: {out:?}");
            assert!(out.stdout.is_empty());
            let written = std::fs::read_to_string(&file).unwrap();
            assert!(
                written == want,
                "{name}.{format} --output differs:\n{written}"
            );
        }
    }
}
