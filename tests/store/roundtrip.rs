//! Edits change only the lines they must: each case compares the whole file, byte for byte,
//! with the original where the expected lines were replaced or inserted by hand. Every case
//! runs twice: `edit::apply` on the text, and `write::write_edit` on a copy of the workspace.

use crate::store::common::*;
use dondoc::model::Status;
use dondoc::store::edit::{apply, Change};
use dondoc::store::write::write_edit;
use std::path::Path;

/// Applies `change` to `id` in `rel` of the workspace `from`, purely and on disk, and checks
/// both results against `expected(original)`. Returns the workspace after the write.
fn check(from: &Path, rel: &str, id: &str, change: Change, expected: impl Fn(&str) -> String) {
    let original = std::fs::read_to_string(from.join(rel)).unwrap();
    let expected = expected(&original);
    let e = edit(id, change.clone());

    let pure = apply(&original, &e).unwrap();
    assert_eq!(pure, expected, "edit::apply on {rel}");

    let t = TestWs::copy_of(from);
    let mut ws = t.load();
    let before = ws.problems.clone();
    let written = write_edit(&mut ws, &e).unwrap();
    assert_eq!(written.path, rel);
    assert!(!written.rebased);
    assert_eq!(t.read(rel), expected, "write_edit on {rel}");
    // The workspace now holds the new values, and the edit added no problem but the
    // warning about a note given with line breaks (the format wants one line).
    let multi_line = change
        .note
        .as_ref()
        .is_some_and(|n| n.as_deref().is_some_and(|n| n.contains(['\n', '\r'])));
    let added: Vec<_> = ws.problems.iter().filter(|p| !before.contains(p)).collect();
    assert!(
        before.iter().all(|p| ws.problems.contains(p))
            && added.iter().all(|p| {
                multi_line && p.kind == dondoc::model::ProblemKind::MultiLineNote(id.into())
            }),
        "{added:?}"
    );
    let d = ws.directive(id).unwrap();
    if let Some(s) = change.status {
        assert_eq!(d.status, s);
    }
    if let Some(dl) = change.deadline {
        assert_eq!(d.deadline, dl);
    }
    if let Some(done) = change.done_on {
        assert_eq!(d.done_on, done);
    }
    if let Some(note) = &change.note {
        assert_eq!(&d.note, note);
    }
    let last = d.log.last().unwrap();
    assert_eq!((last.by.as_str(), last.at), ("Tester", Some(at())));
    // A reload from scratch agrees with the one after the write.
    let fresh = t.load();
    assert!(fresh.directive(id).unwrap().same_content(d));
}

fn fixture_ws() -> std::path::PathBuf {
    fixtures().join("ws")
}

fn done(on: &str) -> Change {
    Change {
        status: Some(Status::Done),
        done_on: Some(Some(date(on))),
        ..Default::default()
    }
}

#[test]
fn fixture_workspace_loads_cleanly() {
    let ws = dondoc::store::load(&fixture_ws()).unwrap();
    assert_eq!(problems(&ws), Vec::<String>::new());
    let files: Vec<&str> = ws.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        files,
        [
            "2023/bom.toml",
            "2023/comments.toml",
            "2023/crlf.toml",
            "2023/indented.toml",
            "2023/nfd.toml",
            "2023/sub/inline.toml"
        ]
    );
    assert_eq!(ws.directives.len(), 12);
    let t01 = ws.directive("t-01").unwrap();
    assert_eq!(
        t01.text,
        "Rà soát các dự án chậm tiến độ,\nbáo cáo Thường trực"
    );
    assert_eq!(t01.support, ["cuc-thue", "ba-be"]);
    assert_eq!(t01.note.as_deref(), Some("Đã rà soát 12/20 dự án"));
    let t02 = ws.directive("t-02").unwrap();
    assert_eq!(t02.text, r#"Literal \ backslash, "quotes" kept"#);
    assert_eq!(t02.log.len(), 2);
    assert_eq!(t02.log[1].note.as_deref(), Some("Gửi báo cáo"));
    let inline = ws.file_of(ws.directive("n-01").unwrap());
    assert_eq!(inline.source.title, "Dotted keys and inline logs");
    assert_eq!(ws.directive("n-02").unwrap().log.len(), 1);
    assert_eq!(ws.directive("b-01").unwrap().line, 4);
    assert_eq!(ws.directive("i-02").unwrap().log[0].by, "Nông Văn C");
}

// --- comments.toml: comments, literal and multi-line strings, three directives ---

#[test]
fn done_keeps_trailing_comments_and_lands_before_the_next_directive() {
    check(
        &fixture_ws(),
        "2023/comments.toml",
        "t-01",
        done("2023-10-15"),
        |o| {
            replace_once(
                o,
                "status = \"in_progress\" # was open\n\
             note = \"\"\"\n\
             Đã rà soát 12/20 dự án\"\"\"  # multi-line basic\n\
             \n\
             [[directive]]\n",
                "status = \"done\" # was open\n\
             note = \"\"\"\n\
             Đã rà soát 12/20 dự án\"\"\"  # multi-line basic\n\
             done_on = 2023-10-15\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             status = \"done\"\n\
             done_on = 2023-10-15\n\
             \n\
             [[directive]]\n",
            )
        },
    );
}

#[test]
fn leaving_done_removes_done_on_and_logs_before_the_next_directives_comment() {
    let change = Change {
        status: Some(Status::InProgress),
        done_on: Some(None),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/comments.toml", "t-02", change, |o| {
        let o = replace_once(
            o,
            "status = \"done\"\ndone_on = 2023-09-30\ndeadline = 2023-10-01\n",
            "status = \"in_progress\"\ndeadline = 2023-10-01\n",
        );
        replace_once(
            &o,
            "note = 'Gửi báo cáo'\n\n# Comment about t-03",
            "note = 'Gửi báo cáo'\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             status = \"in_progress\"\n\
             cleared = [\"done_on\"]\n\
             \n\
             # Comment about t-03",
        )
    });
}

#[test]
fn last_directive_gets_its_first_log_before_the_comments_at_end_of_file() {
    let change = Change {
        deadline: Some(Some(date("2023-11-30"))),
        note: Some(Some("Đã họp triển khai".into())),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/comments.toml", "t-03", change, |o| {
        replace_once(
            o,
            "status = \"open\"\n# trailing comments",
            "status = \"open\"\n\
             deadline = 2023-11-30\n\
             note = \"Đã họp triển khai\"\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             deadline = 2023-11-30\n\
             note = \"Đã họp triển khai\"\n\
             # trailing comments",
        )
    });
}

#[test]
fn deadline_none_removes_the_key_but_keeps_its_comment() {
    let change = Change {
        deadline: Some(None),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/comments.toml", "t-01", change, |o| {
        let o = replace_once(
            o,
            "deadline = 2023-10-20 # agreed at the meeting\n",
            "# agreed at the meeting\n",
        );
        replace_once(
            &o,
            "  # multi-line basic\n\n[[directive]]",
            "  # multi-line basic\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             cleared = [\"deadline\"]\n\
             \n\
             [[directive]]",
        )
    });
}

#[test]
fn a_multi_line_note_changed_becomes_one_line_with_its_comment() {
    let change = Change {
        note: Some(Some("Đã rà soát 20/20 dự án".into())),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/comments.toml", "t-01", change, |o| {
        replace_once(
            o,
            "note = \"\"\"\nĐã rà soát 12/20 dự án\"\"\"  # multi-line basic\n\n[[directive]]",
            "note = \"Đã rà soát 20/20 dự án\"  # multi-line basic\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             note = \"Đã rà soát 20/20 dự án\"\n\
             \n\
             [[directive]]",
        )
    });
}

#[test]
fn a_removed_note_keeps_its_trailing_comment() {
    let change = Change {
        note: Some(None),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/comments.toml", "t-01", change, |o| {
        replace_once(
            o,
            "note = \"\"\"\nĐã rà soát 12/20 dự án\"\"\"  # multi-line basic\n\n[[directive]]",
            "\n\
             # multi-line basic\n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             cleared = [\"note\"]\n\
             \n\
             [[directive]]",
        )
    });
}

#[test]
fn a_note_with_quotes_backslash_newline_and_control_chars_stays_on_one_line() {
    let note = "Có \"ngoặc\" và \\ gạch\nDòng 2\r\n\tcột\u{7}\u{7f}";
    let change = Change {
        note: Some(Some(note.into())),
        ..Default::default()
    };
    let escaped = r#""Có \"ngoặc\" và \\ gạch\nDòng 2\r\n\tcột\u0007\u007F""#;
    check(&fixture_ws(), "2023/comments.toml", "t-03", change, |o| {
        replace_once(
            o,
            "status = \"open\"\n# trailing",
            &format!(
                "status = \"open\"\n\
                 note = {escaped}\n\
                 \n\
                 [[directive.log]]\n\
                 at = 2023-10-15T09:00:00+07:00\n\
                 by = \"Tester\"\n\
                 note = {escaped}\n\
                 # trailing"
            ),
        )
    });
}

#[test]
fn quotes_without_control_chars_are_written_as_toml_chooses() {
    // A note with a double quote and no control character: the written value must read back
    // as the same text, on one line.
    let note = r#"Theo "Kết luận 12" \ mục 3"#;
    let e = edit(
        "t-03",
        Change {
            note: Some(Some(note.into())),
            ..Default::default()
        },
    );
    let original = std::fs::read_to_string(fixture_ws().join("2023/comments.toml")).unwrap();
    let out = apply(&original, &e).unwrap();
    let load = dondoc::store::load::load_file("x.toml", Ok(out.clone().into_bytes()), None);
    let d = load.directives.iter().find(|d| d.id == "t-03").unwrap();
    assert_eq!(d.note.as_deref(), Some(note));
    let added: Vec<&str> = out.lines().filter(|l| l.contains("Kết luận 12")).collect();
    assert_eq!(
        added.len(),
        2,
        "the note and its log entry, one line each: {out}"
    );
    assert!(added.iter().all(|l| l.starts_with("note = ")), "{added:?}");
}

// --- crlf.toml ---

#[test]
fn crlf_file_gets_crlf_new_lines() {
    check(
        &fixture_ws(),
        "2023/crlf.toml",
        "c-01",
        done("2023-10-15"),
        |o| {
            replace_once(
                o,
                "status = \"open\" # comment\r\n\r\n[[directive]]",
                "status = \"done\" # comment\r\n\
             done_on = 2023-10-15\r\n\
             \r\n\
             [[directive.log]]\r\n\
             at = 2023-10-15T09:00:00+07:00\r\n\
             by = \"Tester\"\r\n\
             status = \"done\"\r\n\
             done_on = 2023-10-15\r\n\
             \r\n\
             [[directive]]",
            )
        },
    );
}

#[test]
fn crlf_file_note_with_newline_does_not_become_multi_line() {
    let change = Change {
        note: Some(Some("a\nb".into())),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/crlf.toml", "c-02", change, |o| {
        format!(
            "{}\
             \r\n\
             [[directive.log]]\r\n\
             at = 2023-10-15T09:00:00+07:00\r\n\
             by = \"Tester\"\r\n\
             note = \"a\\nb\"\r\n",
            replace_once(
                o,
                "status = \"in_progress\"\r\n\r\n",
                "status = \"in_progress\"\r\nnote = \"a\\nb\"\r\n\r\n"
            )
        )
    });
}

#[test]
fn a_file_with_lone_lf_among_crlf_is_not_converted() {
    // Mixed endings: the edit must not rewrite the existing lines' endings.
    let original = "[source]\r\ntitle = \"t\"\n\n[[directive]]\r\nid = \"m\"\r\nowner = \"so-tc\"\r\nstatus = \"open\"\r\n";
    let out = apply(original, &edit("m", done("2023-10-15"))).unwrap();
    // Kept lines keep their own ending; new lines take the ending of the line before them.
    let expected =
        "[source]\r\ntitle = \"t\"\n\n[[directive]]\r\nid = \"m\"\r\nowner = \"so-tc\"\r\n\
                    status = \"done\"\r\ndone_on = 2023-10-15\r\n\r\n[[directive.log]]\r\n\
                    at = 2023-10-15T09:00:00+07:00\r\nby = \"Tester\"\r\nstatus = \"done\"\r\n\
                    done_on = 2023-10-15\r\n";
    assert_eq!(out, expected);
}

// --- bom.toml, nfd.toml ---

#[test]
fn bom_is_kept() {
    let change = Change {
        status: Some(Status::InProgress),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/bom.toml", "b-01", change, |o| {
        assert!(o.starts_with('\u{feff}'));
        replace_once(
            o,
            "status = \"open\"\n",
            "status = \"in_progress\"\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             status = \"in_progress\"\n",
        )
    });
}

#[test]
fn decomposed_text_is_read_as_nfc_and_left_decomposed_where_untouched() {
    use unicode_normalization::UnicodeNormalization;
    let ws = dondoc::store::load(&fixture_ws()).unwrap();
    let d = ws.directive("d-01").unwrap();
    assert_eq!(d.text, "Đẩy nhanh tiến độ giải ngân vốn đầu tư công");
    assert_eq!(d.issued_by.as_deref(), Some("Hoàng Duy Chinh"));
    assert_eq!(d.note.as_deref(), Some("Đã giải ngân 40%"));
    let folded = dondoc::fold::fold(&d.text);
    assert!(folded.contains("giai ngan"), "{folded}");

    // The note is given decomposed too: it is written as NFC, the other lines stay NFD.
    let nfd_note: String = "Đã giải ngân 55%".nfd().collect();
    let change = Change {
        note: Some(Some(nfd_note)),
        ..Default::default()
    }
    .resolve(d, date("2023-10-15"));
    assert_eq!(change.note, Some(Some("Đã giải ngân 55%".to_string())));
    check(&fixture_ws(), "2023/nfd.toml", "d-01", change, |o| {
        let old_note = format!(
            "note = \"{}\"\n",
            "Đã giải ngân 40%".nfd().collect::<String>()
        );
        replace_once(
            o,
            &old_note,
            "note = \"Đã giải ngân 55%\"\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             note = \"Đã giải ngân 55%\"\n",
        )
    });
}

// --- indented.toml ---

#[test]
fn new_keys_and_log_follow_the_indentation() {
    check(
        &fixture_ws(),
        "2023/indented.toml",
        "i-01",
        done("2023-10-15"),
        |o| {
            replace_once(
                o,
                "    status = \"open\"\n\n  [[directive]]",
                "    status = \"done\"\n    done_on = 2023-10-15\n\
             \n  [[directive.log]]\n\
             \x20   at = 2023-10-15T09:00:00+07:00\n\
             \x20   by = \"Tester\"\n\
             \x20   status = \"done\"\n\
             \x20   done_on = 2023-10-15\n\
             \n  [[directive]]",
            )
        },
    );
}

#[test]
fn a_new_log_entry_is_indented_like_the_previous_one() {
    let change = Change {
        status: Some(Status::InProgress),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/indented.toml", "i-02", change, |o| {
        let o = replace_once(
            o,
            "    status = \"blocked\"\n\n    [[directive.log]]",
            "    status = \"in_progress\"\n\n    [[directive.log]]",
        );
        format!(
            "{o}\n    [[directive.log]]\n\
             \x20     at = 2023-10-15T09:00:00+07:00\n\
             \x20     by = \"Tester\"\n\
             \x20     status = \"in_progress\"\n"
        )
    });
}

// --- sub/inline.toml: dotted keys, hand-written inline logs ---

#[test]
fn a_single_line_inline_log_gets_the_entry_appended_inline() {
    let change = Change {
        status: Some(Status::InProgress),
        ..Default::default()
    };
    check(&fixture_ws(), "2023/sub/inline.toml", "n-01", change, |o| {
        replace_once(
            o,
            "status = \"open\"\nlog = [{at = 2023-09-03T08:00:00+07:00, by = \"A\"}]\n",
            "status = \"in_progress\"\nlog = [{at = 2023-09-03T08:00:00+07:00, by = \"A\"}, \
             { at = 2023-10-15T09:00:00+07:00, by = \"Tester\", status = \"in_progress\" }]\n",
        )
    });
}

#[test]
fn a_multi_line_inline_log_gets_the_entry_on_its_own_line() {
    check(
        &fixture_ws(),
        "2023/sub/inline.toml",
        "n-02",
        done("2023-10-15"),
        |o| {
            replace_once(
            o,
            "  {at = 2023-09-03T08:00:00+07:00, by = \"A\"},\n]\nstatus = \"in_progress\"\n",
            "  {at = 2023-09-03T08:00:00+07:00, by = \"A\"},\n\
             \x20 { at = 2023-10-15T09:00:00+07:00, by = \"Tester\", status = \"done\", done_on = 2023-10-15 },\n\
             ]\nstatus = \"done\"\ndone_on = 2023-10-15\n",
        )
        },
    );
}

// --- the sample workspace ---

#[test]
fn sample_first_directive_leaves_done() {
    let change = Change {
        status: Some(Status::InProgress),
        done_on: Some(None),
        ..Default::default()
    };
    check(&sample(), SAMPLE_FILE, "gb-2023-08-01", change, |o| {
        let o = replace_once(
            o,
            "deadline = 2023-09-30\nstatus = \"done\"\ndone_on = 2023-09-28\nnote = \"Đã tiêm phòng",
            "deadline = 2023-09-30\nstatus = \"in_progress\"\nnote = \"Đã tiêm phòng",
        );
        replace_once(
            &o,
            "status = \"done\"\nnote = \"Đã tiêm phòng đợt 2 cho đàn gia súc; không phát sinh ổ dịch mới\"\n\n[[directive]]\nid = \"gb-2023-08-02\"",
            "status = \"done\"\nnote = \"Đã tiêm phòng đợt 2 cho đàn gia súc; không phát sinh ổ dịch mới\"\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             status = \"in_progress\"\n\
             cleared = [\"done_on\"]\n\
             \n\
             [[directive]]\nid = \"gb-2023-08-02\"",
        )
    });
}

#[test]
fn sample_directive_without_log_in_the_middle() {
    check(
        &sample(),
        SAMPLE_FILE,
        "gb-2023-08-05",
        done("2023-10-14"),
        |o| {
            replace_once(
                o,
                "deadline = 2023-11-30\nstatus = \"open\"\n\n[[directive]]\nid = \"gb-2023-08-06\"",
                "deadline = 2023-11-30\nstatus = \"done\"\ndone_on = 2023-10-14\n\
             \n\
             [[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             status = \"done\"\n\
             done_on = 2023-10-14\n\
             \n\
             [[directive]]\nid = \"gb-2023-08-06\"",
            )
        },
    );
}

#[test]
fn sample_last_directive_deadline_moved() {
    let change = Change {
        deadline: Some(Some(date("2023-12-31"))),
        ..Default::default()
    };
    check(&sample(), SAMPLE_FILE, "gb-2023-08-36", change, |o| {
        let o = replace_once(o, "deadline = 2023-09-20\n", "deadline = 2023-12-31\n");
        format!(
            "{o}\n[[directive.log]]\n\
             at = 2023-10-15T09:00:00+07:00\n\
             by = \"Tester\"\n\
             deadline = 2023-12-31\n"
        )
    });
}

/// The original lines an edit removed or rewrote (everything not kept byte for byte).
fn lines_not_kept(original: &str, edited: &str) -> Vec<String> {
    let old: Vec<&str> = original.split_inclusive('\n').collect();
    let new: Vec<&str> = edited.split_inclusive('\n').collect();
    let mut gone = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new) {
        if let similar::DiffOp::Delete {
            old_index, old_len, ..
        }
        | similar::DiffOp::Replace {
            old_index, old_len, ..
        } = op
        {
            gone.extend(
                old[old_index..old_index + old_len]
                    .iter()
                    .map(|l| l.to_string()),
            );
        }
    }
    gone
}

/// Headers and dotted keys spelled with spaces, as people type them.
const SPELLED: &str = "[ source ]\ntitle = \"Giao ban\"\ndate = 2023-08-25\n\n\
[[ directive ]]\nid = \"s-01\"\ntext = \"Một\"\nowner = \"ba-be\"\nstatus = \"open\"\n\n\
[[ directive . log ]]\nat = 2023-09-01T08:00:00+07:00\nby = \"A\"\nstatus = \"open\"\n\n\
[[directive]]\nid = \"s-02\"\ntext = \"Hai\"\nowner = \"ba-be\"\nstatus = \"open\"\n\n\
[[directive . log]]\nat = 2023-09-01T08:00:00+07:00\nby = \"A\"\nstatus = \"open\"\n\n\
[[ directive.log ]]\nat = 2023-09-02T08:00:00+07:00\nby = \"B\"\nnote = \"x\"\n";

#[test]
fn untouched_headers_keep_their_spelling_lf_and_crlf() {
    for crlf in [false, true] {
        let original = if crlf {
            SPELLED.replace('\n', "\r\n")
        } else {
            SPELLED.to_string()
        };
        let nl = if crlf { "\r\n" } else { "\n" };
        for id in ["s-01", "s-02"] {
            let e = edit(
                id,
                Change {
                    status: Some(Status::Blocked),
                    ..Default::default()
                },
            );
            let out = apply(&original, &e).unwrap();
            // Only the status line of the edited directive changed; the log entry is new.
            assert_eq!(
                lines_not_kept(&original, &out),
                vec![format!("status = \"open\"{nl}")],
                "crlf {crlf}, {id}:\n{out}"
            );
            let t = TestWs::new();
            t.write("2023/spelled.toml", &original);
            let mut ws = t.load();
            write_edit(&mut ws, &e).unwrap();
            assert_eq!(t.read("2023/spelled.toml"), out);
        }
    }
}

#[test]
fn untouched_dotted_keys_keep_their_spelling() {
    let original = format!(
        "{SOURCE}\n[[directive]]\nid = \"s-01\"\ntext = \"Một\"\nowner = \"ba-be\"\n\
         status = \"open\"\nextra . tag = 1\nextra .  more = \"a . b\"\n"
    );
    let e = edit(
        "s-01",
        Change {
            note: Some(Some("ghi chú".into())),
            ..Default::default()
        },
    );
    let out = apply(&original, &e).unwrap();
    assert!(lines_not_kept(&original, &out).is_empty(), "{out}");
}
