//! `store::load` timing on a big workspace (not a test: `cargo bench --bench load [DIR]`).
//! Make the workspace first: `python3 benches/gen_workspace.py /tmp/ws20k`. Loads go through
//! the cache; `DONDOC_NO_CACHE=1` times a full parse.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    // `cargo bench` passes `--bench`; the first other argument is the workspace.
    let root = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/ws20k"));
    if !root.join("dondoc.toml").exists() {
        eprintln!(
            "{}: no workspace; make it with benches/gen_workspace.py",
            root.display()
        );
        return;
    }
    let runs = 10;
    let mut times = Vec::with_capacity(runs);
    let mut counts = (0, 0, 0);
    for _ in 0..runs {
        let start = Instant::now();
        let ws = dondoc::store::load(&root).expect("load");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        counts = (ws.files.len(), ws.directives.len(), ws.problems.len());
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "store::load {}: {} files, {} directives, {} problems; {runs} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        root.display(),
        counts.0,
        counts.1,
        counts.2,
        times[0],
        times[runs / 2],
        times[runs - 1]
    );
}
