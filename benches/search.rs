//! Search-as-you-type, key by key, through the app's own path (keymap, update, a frame drawn
//! on a `TestBackend`), on a big workspace: `cargo bench --bench search [DIR]`.
//! Make the workspace first: `python3 benches/gen_workspace.py target/bench/ws200000
//! --directives 200000`. Not a test: nothing here fails on a time.

use chrono::NaiveDate;
use dondoc::i18n::Lang;
use dondoc::tui::{handle_event, keymap, ui};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::PathBuf;
use std::time::Instant;

/// `/giai ngan`, a Backspace and the `n` again, then `Esc`: the keys a clerk types.
const KEYS: &str = "/ g i a i <Space> n g a n <Backspace> n <Esc>";

fn main() {
    let root = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench/ws200000"));
    if !root.join("dondoc.toml").exists() {
        eprintln!(
            "{}: no workspace; make it with benches/gen_workspace.py",
            root.display()
        );
        return;
    }
    let today = NaiveDate::from_ymd_opt(2023, 10, 15).expect("a date");
    let runs = 5;
    let keys = keymap::parse_keys(KEYS);
    let mut times = vec![Vec::with_capacity(runs); keys.len()];
    let mut rows = vec![0; keys.len()];
    let mut idle = Vec::new();
    for _ in 0..runs {
        let ws = dondoc::store::load(&root).expect("load");
        let mut app = dondoc::tui::app::App::new(ws, today, Lang::Vi, (160, 45));
        let mut runner = dondoc::tui::effect::Runner::new("Bench".to_string());
        let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("a terminal");
        terminal.draw(|f| ui::draw(f, &app)).expect("a frame");
        for (i, key) in keys.iter().enumerate() {
            let start = Instant::now();
            handle_event(&mut app, &mut runner, dondoc::tui::event::Event::Key(*key));
            terminal.draw(|f| ui::draw(f, &app)).expect("a frame");
            times[i].push(start.elapsed().as_secs_f64() * 1000.0);
            rows[i] = app.list.rows.len();
            // What the event loop does before the next key, while the user is idle.
            let start = Instant::now();
            let mut steps = 0;
            while app.has_idle_work() {
                app.idle_work();
                steps += 1;
            }
            if steps > 0 {
                idle.push((start.elapsed().as_secs_f64() * 1000.0, steps));
            }
        }
    }
    println!(
        "{}: median of {runs} runs, key handled and frame drawn",
        root.display()
    );
    for (ms, steps) in &idle {
        println!("idle work after a key (the search index): {ms:.1} ms in {steps} steps");
    }
    for (i, token) in KEYS.split_whitespace().enumerate() {
        let t = &mut times[i];
        t.sort_by(|a, b| a.total_cmp(b));
        println!(
            "{token:>12}  {:7.2} ms  (min {:6.2}, max {:6.2})  {:>7} rows",
            t[runs / 2],
            t[0],
            t[runs - 1],
            rows[i]
        );
    }
}
