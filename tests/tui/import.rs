//! The import's review (`i`): a notice read from a file or pasted, its drafts accepted,
//! edited in the directive form, split, merged and dropped, then written through the one
//! write path; the file on disk checked and `validate` clean.

use super::*;

/// A notice written for these tests, put in the workspace folder.
fn put_notice(ws: &Workspace, name: &str) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/notice-1.txt");
    fs::copy(from, ws.path(name)).unwrap();
}

fn text_of(app: &App) -> String {
    let b = screen(app);
    let mut s = String::new();
    for y in 0..b.buffer().area.height {
        for x in 0..b.buffer().area.width {
            s.push_str(b.buffer()[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

#[test]
fn explore() {
    let ws = Workspace::new();
    put_notice(&ws, "tb-512.txt");
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "i tb-512.txt <Enter>");
    println!("{}", text_of(&app));
    println!("{:?}", app.message);
}
