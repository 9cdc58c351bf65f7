//! The search index finds exactly what the search's rule finds: every term in the directive's
//! folded search text (`query::search_text`). Checked on the sample and on a workspace of
//! several chunks with what hand-written files hold: units `dondoc.toml` does not list,
//! decomposed and upper-case text, notes over several lines, meeting numbers, issuers.

use crate::common::copy_dir;
use dondoc::model::Workspace;
use dondoc::query::search_text;
use dondoc::search::{narrows, search_terms, Matches, SearchIndex};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

fn sample() -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        dir.path(),
    );
    dondoc::store::load(dir.path()).unwrap()
}

/// The sample's directives again and again, to `n`, each a little different.
pub fn big(n: usize) -> Workspace {
    let mut ws = sample();
    ws.files[0].source.reference = Some("Số 123-TB/TU".to_string());
    let originals = ws.directives.clone();
    ws.directives.clear();
    for i in 0..n {
        let mut d = originals[i % originals.len()].clone();
        d.id = format!("x-{i}");
        d.file = i % ws.files.len();
        match i % 7 {
            0 => d.text = format!("{} MÃ SỐ {i}", d.text.to_uppercase()),
            1 => d.text = d.text.nfd().collect(),
            2 => d.owner = "don-vi-chua-khai-bao".into(),
            3 => d.note = Some(format!("dòng một {i}\ndòng hai: Đã BÁO CÁO")),
            4 => d.issued_by = Some("Thường trực Tỉnh ủy".into()),
            5 => d.support.push("phong-khong-co".into()),
            _ => d.support.clear(),
        }
        ws.directives.push(d);
    }
    ws
}

/// The rule itself, directive by directive, on their `search_text`s.
fn by_rule(texts: &[String], terms: &[String]) -> Vec<usize> {
    (0..texts.len())
        .filter(|&i| terms.iter().all(|t| texts[i].contains(t.as_str())))
        .collect()
}

fn members(found: &Matches, len: usize) -> Vec<usize> {
    (0..len).filter(|&i| found.contains(i)).collect()
}

/// Searches made of pieces of the texts themselves (words, parts of words, phrases, the
/// meeting's number, a unit's name, an unlisted unit's id), and some that find nothing.
fn searches(ws: &Workspace) -> Vec<String> {
    let mut searches: Vec<String> = [
        "g",
        "giai",
        "giai ngan",
        "\"giai ngan\"",
        "ma so",
        "MÃ SỐ 7",
        "123-tb",
        "tb/tu",
        "dong hai",
        "\"bao cao\"",
        "thuong truc",
        "chua-khai",
        "phong-khong",
        "x-1",
        "x-12 ba",
        "zzqx",
        "ba be",
        "cuc thue",
        "\"ngan sach\" thue",
        "đ",
        "d",
        "\n",
        "",
    ]
    .map(str::to_string)
    .to_vec();
    // Pieces of a few search texts, taken at steps through them.
    let mut seed = 7usize;
    for d in ws.directives.iter().step_by(ws.directives.len() / 40 + 1) {
        let text: Vec<char> = search_text(ws, d).chars().collect();
        for len in [1, 3, 6, 11] {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (seed >> 33) % text.len().saturating_sub(len).max(1);
            let piece: String = text[at..(at + len).min(text.len())].iter().collect();
            searches.push(piece.clone());
            searches.push(format!("\"{piece}\""));
        }
    }
    searches
}

fn check(ws: &Workspace) {
    let index = SearchIndex::build(ws);
    let texts: Vec<String> = ws.directives.iter().map(|d| search_text(ws, d)).collect();
    let all = Matches::all(ws.directives.len());
    let mut found_some = false;
    let mut found_none = false;
    let mut earlier: Vec<(Vec<String>, Matches)> = Vec::new();
    for search in searches(ws) {
        let terms = search_terms(&search);
        let expected = by_rule(&texts, &terms);
        let found = index.matching(&terms, &all);
        assert_eq!(
            members(&found, ws.directives.len()),
            expected,
            "{search:?} → {terms:?}"
        );
        found_some |= !expected.is_empty() && expected.len() < ws.directives.len();
        found_none |= expected.is_empty();
        // Narrowing from what an earlier search found gives the same answer.
        for (old, old_found) in &earlier {
            if narrows(old, &terms) {
                let narrowed = index.matching(&terms, old_found);
                assert_eq!(
                    members(&narrowed, ws.directives.len()),
                    expected,
                    "{search:?} from {old:?}"
                );
            }
        }
        earlier.push((terms, found));
    }
    assert!(
        found_some && found_none,
        "the searches tell directives apart"
    );
}

#[test]
fn the_index_finds_what_the_rule_finds_in_the_sample() {
    check(&sample());
}

#[test]
fn the_index_finds_what_the_rule_finds_over_several_chunks() {
    // 4096 directives a chunk: three chunks, the last one short.
    check(&big(10_000));
}

#[test]
fn an_index_made_a_little_at_a_time_is_the_index_made_at_once() {
    let ws = big(10_000);
    let mut index = SearchIndex::start(&ws);
    let mut steps = 0;
    while !index.is_complete() {
        index.fold_more(&ws, 1);
        steps += 1;
    }
    assert_eq!(steps, 3);
    let whole = SearchIndex::build(&ws);
    let all = Matches::all(ws.directives.len());
    for search in ["ma so", "\"bao cao\"", "chua-khai", "x-99"] {
        let terms = search_terms(search);
        assert_eq!(
            index.matching(&terms, &all),
            whole.matching(&terms, &all),
            "{search}"
        );
    }
}
