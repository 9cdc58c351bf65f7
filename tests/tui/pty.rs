//! The real binary in a pseudo-terminal.
//! The real binary's ways out: signals, panics, and staying quiet when idle.

use super::*;

#[test]
fn end_to_end_in_a_pseudo_terminal() {
    let ws = Workspace::new();
    let (mut run, original) = PtyRun::start_and_edit(&ws, &[]);
    run.type_keys(b"q");
    let status = run.wait_exit();
    assert!(status.success(), "{status:?}");

    let written = ws.read(FILE);
    let expected = expect_block_edit(&original, "gb-2023-08-27", |b| {
        let b = edit_head(b, "status = \"in_progress\"", "status = \"done\"");
        replace_once(
            &b,
            "đạt thấp\"\n\n[[directive.log]]",
            "đạt thấp\"\ndone_on = 2023-10-15\n\n[[directive.log]]",
        )
    });
    // The log entry's time is the real clock's: check it apart from the rest.
    let by = written.find("by = \"Người Thử\"").expect("a new log entry");
    let entry_start = written[..by].rfind("[[directive.log]]").unwrap();
    let entry_end = entry_start
        + written[entry_start..]
            .find("\n\n")
            .unwrap_or(written.len() - entry_start);
    let entry = &written[entry_start..entry_end];
    assert!(
        entry.contains("by = \"Người Thử\"\nstatus = \"done\"\ndone_on = 2023-10-15"),
        "{entry}"
    );
    let without_entry = format!(
        "{}{}",
        &written[..entry_start - 1],
        &written[entry_end + 1..]
    );
    assert_same_text(&without_entry, &expected);

    // The terminal was given back: the last thing written leaves the alternate screen.
    run.wait_output_ends_with(b"\x1b[?1049l");
    let out = run.output();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("\x1b[?1049h"), "entered the alternate screen");
    assert!(!text.contains("\x1b[?1000h"), "no mouse capture");
}

/// The built binary in a pseudo-terminal of 120×40 on a workspace, with everything it writes
/// collected by a reader thread.
pub(crate) struct PtyRun {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    output: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    writer: Box<dyn std::io::Write + Send>,
    // Kept open: dropping the master would hang up the terminal under the program.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Generous: a loaded CI machine must never fail these tests by being slow.
const PTY_PATIENCE: std::time::Duration = std::time::Duration::from_secs(120);

/// What `leave_screen` writes last: show the cursor, leave the alternate screen.
const RESTORE: &[u8] = b"\x1b[?25h\x1b[?1049l";

impl PtyRun {
    pub(crate) fn start(ws: &Workspace, env: &[(&str, &str)]) -> PtyRun {
        use portable_pty::{native_pty_system, CommandBuilder, PtySize};
        use std::io::Read;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dondoc"));
        cmd.args([
            "--data",
            ws.root().to_str().unwrap(),
            "--today",
            "2023-10-15",
            "--lang",
            "en",
        ]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("DONDOC_USER", "Người Thử");
        cmd.env("RUST_BACKTRACE", "0");
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(ws.root());
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = std::sync::Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        PtyRun {
            child,
            output,
            writer,
            _master: pair.master,
        }
    }

    pub(crate) fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// Waits until the output satisfies `done`; fails naming `what` after the patience.
    pub(crate) fn wait_until(&self, what: &str, done: impl Fn(&[u8]) -> bool) {
        let start = std::time::Instant::now();
        loop {
            let out = self.output();
            if done(&out) {
                return;
            }
            assert!(
                start.elapsed() < PTY_PATIENCE,
                "never saw {what}; the output ends with {:?}",
                String::from_utf8_lossy(&out[out.len().saturating_sub(300)..])
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Only changed cells are sent: look for words without spaces in them.
    pub(crate) fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("{needle:?}"), |out| {
            String::from_utf8_lossy(out).contains(needle)
        });
    }

    pub(crate) fn type_keys(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends a signal the way the system would (`kill`), not through the terminal.
    pub(crate) fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("the child's pid");
        let status = std::process::Command::new("kill")
            .args(["-s", name, &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -s {name} {pid}: {status:?}");
    }

    pub(crate) fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < PTY_PATIENCE, "dondoc did not end");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// After the exit: waits until the reader has everything the program wrote up to `ending`.
    pub(crate) fn wait_output_ends_with(&self, ending: &[u8]) {
        self.wait_until(&format!("the output end with {ending:?}"), |out| {
            out.ends_with(ending)
        });
    }

    /// Starts the UI, marks gb-2023-08-27 done with the keys (`j j 4 <Enter>`) and waits
    /// until the status line says it is saved. Returns the file as it was before.
    pub(crate) fn start_and_edit(ws: &Workspace, env: &[(&str, &str)]) -> (PtyRun, String) {
        let original = ws.read(FILE);
        let mut run = PtyRun::start(ws, env);
        run.wait_for("15d late");
        run.type_keys(b"jj4");
        run.wait_for("(optional)");
        run.type_keys(b"\r");
        run.wait_for("Saved");
        (run, original)
    }
}

/// A failed test must not leave the program running.
impl Drop for PtyRun {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The edit of [`PtyRun::start_and_edit`] is on disk with its log entry, and nothing else
/// changed.
fn assert_the_edit_is_on_disk(ws: &Workspace, original: &str) {
    let written = ws.read(FILE);
    // The log entry's time is the real clock's: check it apart from the rest.
    let by = written.find("by = \"Người Thử\"").expect("a new log entry");
    let entry_start = written[..by].rfind("[[directive.log]]").unwrap();
    let entry_end = entry_start
        + written[entry_start..]
            .find("\n\n")
            .unwrap_or(written.len() - entry_start);
    assert!(
        written[entry_start..entry_end]
            .contains("by = \"Người Thử\"\nstatus = \"done\"\ndone_on = 2023-10-15"),
        "{}",
        &written[entry_start..entry_end]
    );
    let expected = expect_block_edit(original, "gb-2023-08-27", |b| {
        let b = edit_head(b, "status = \"in_progress\"", "status = \"done\"");
        replace_once(
            &b,
            "đạt thấp\"\n\n[[directive.log]]",
            "đạt thấp\"\ndone_on = 2023-10-15\n\n[[directive.log]]",
        )
    });
    let without_entry = format!(
        "{}{}",
        &written[..entry_start - 1],
        &written[entry_end + 1..]
    );
    assert_same_text(&without_entry, &expected);
}

/// A signal ends dondoc by its own exit (128 + the signal, not killed by it), the last bytes
/// written give the terminal back, and the edit made before is on disk.
fn a_signal_restores_the_terminal_and_keeps_the_edit(name: &str, number: u32) {
    let ws = Workspace::new();
    let (mut run, original) = PtyRun::start_and_edit(&ws, &[]);
    let before_signal = run.output().len();
    run.signal(name);
    let status = run.wait_exit();
    assert_eq!(
        (status.signal(), status.exit_code()),
        (None, 128 + number),
        "SIG{name} should end dondoc through its own exit: {status:?}"
    );
    run.wait_output_ends_with(RESTORE);
    assert!(run.output().len() > before_signal);
    assert_the_edit_is_on_disk(&ws, &original);
}

#[test]
fn end_to_end_sighup_restores_the_terminal_and_keeps_the_edit() {
    a_signal_restores_the_terminal_and_keeps_the_edit("HUP", 1);
}

#[test]
fn end_to_end_sigterm_restores_the_terminal_and_keeps_the_edit() {
    a_signal_restores_the_terminal_and_keeps_the_edit("TERM", 15);
}

/// A panic gives the terminal back before its message is printed, writes nothing to the
/// screen after that, and the edit made before is on disk.
fn a_panic_restores_the_terminal_and_keeps_the_edit(asked: &str, message: &str) {
    let ws = Workspace::new();
    let (mut run, original) = PtyRun::start_and_edit(&ws, &[("DONDOC_TEST_PANIC_ON_KEY", asked)]);
    run.type_keys(b"X");
    let status = run.wait_exit();
    assert_eq!(status.exit_code(), 101, "{status:?}");
    run.wait_for(message);
    let out = run.output();
    let restored = out
        .windows(RESTORE.len())
        .position(|w| w == RESTORE)
        .expect("the terminal given back");
    let after = String::from_utf8_lossy(&out[restored + RESTORE.len()..]).into_owned();
    assert!(
        after.contains(message),
        "the message after the restore: {after:?}"
    );
    // Nothing drew on the shell after it was given back: no escape sequence, only text.
    assert!(!after.contains('\x1b'), "{after:?}");
    assert_the_edit_is_on_disk(&ws, &original);
}

#[test]
fn end_to_end_a_panic_restores_the_terminal_and_keeps_the_edit() {
    a_panic_restores_the_terminal_and_keeps_the_edit("X", "test panic in the loop");
}

#[test]
fn end_to_end_a_panic_on_another_thread_ends_dondoc_and_restores_the_terminal() {
    a_panic_restores_the_terminal_and_keeps_the_edit("thread:X", "test panic on a thread");
}

/// Starts the UI, waits until the first screen and git's answer for the title are drawn and
/// a while passes without output, then reads for 3 seconds: not a byte may arrive.
fn an_idle_dondoc_writes_nothing(in_a_repository: bool) {
    use std::time::Duration;
    let ws = Workspace::new();
    if in_a_repository {
        // So that git's answer (which redraws the title) is seen to have arrived.
        crate::common::init_repo(ws.root(), "idlecheck");
    }
    let mut run = PtyRun::start(&ws, &[]);
    run.wait_for("15d late");
    if in_a_repository {
        run.wait_for("idlecheck");
    }
    // Outside a repository git's answer changes nothing on screen but may still come late
    // on a loaded machine: wait until two whole seconds pass without output.
    let mut seen = run.output().len();
    let mut quiet_checks = 0;
    let start = std::time::Instant::now();
    while quiet_checks < 20 {
        assert!(
            start.elapsed() < PTY_PATIENCE,
            "the output never went quiet; it ends with {:?}",
            String::from_utf8_lossy(&run.output()[seen.saturating_sub(300)..])
        );
        std::thread::sleep(Duration::from_millis(100));
        let now = run.output().len();
        quiet_checks = if now == seen { quiet_checks + 1 } else { 0 };
        seen = now;
    }
    // Idle: no tick, no redraw, not a byte.
    std::thread::sleep(Duration::from_secs(3));
    let out = run.output();
    assert_eq!(
        out.len(),
        seen,
        "an idle dondoc wrote {:?}",
        String::from_utf8_lossy(&out[seen..])
    );
    // Still alive and answering: it was idle, not stuck or gone.
    run.type_keys(b"q");
    assert!(run.wait_exit().success());
    run.wait_output_ends_with(RESTORE);
}

#[test]
fn end_to_end_an_idle_dondoc_writes_nothing() {
    an_idle_dondoc_writes_nothing(false);
}

#[test]
fn end_to_end_an_idle_dondoc_in_a_repository_writes_nothing() {
    an_idle_dondoc_writes_nothing(true);
}

/// The terminal goes away but no SIGHUP reaches dondoc: its session leader (here `sh`, as with
/// `ssh -t host dondoc` under a shell that ignores HUP, or a killed tmux session) ignores the
/// hang-up. dondoc must notice by itself and end, not spin on the dead terminal.
#[test]
fn end_to_end_a_vanished_terminal_without_sighup_ends_dondoc() {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::Read;

    let ws = Workspace::new();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // `; true` keeps sh from exec'ing dondoc: sh stays the session leader.
    let script = format!(
        "trap '' HUP; '{}' --data '{}' --today 2023-10-15 --lang en; true",
        env!("CARGO_BIN_EXE_dondoc"),
        ws.root().display()
    );
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", &script]);
    cmd.env("TERM", "xterm-256color");
    let mut shell = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    // Read until the first screen is drawn, then stop: the reader's handle on the terminal
    // closes with it, so dropping the master below really hangs the terminal up.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (seen_tx, seen_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&out).contains("15d late") {
                let _ = seen_tx.send(());
                break;
            }
        }
    });
    seen_rx
        .recv_timeout(PTY_PATIENCE)
        .expect("the first screen was drawn");
    drop(pair.master);
    let start = std::time::Instant::now();
    loop {
        if shell.try_wait().unwrap().is_some() {
            return;
        }
        if start.elapsed() > PTY_PATIENCE {
            // Do not leave a spinning dondoc behind on the machine.
            let pid = shell.process_id().unwrap().to_string();
            let _ = std::process::Command::new("pkill")
                .args(["-9", "-P", &pid])
                .status();
            panic!("dondoc did not end after its terminal went away");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// `dondoc` with no command, its error said by the caller: the message and exit code 2.
fn run_without_a_terminal(home: &Path, args: &[&str]) -> (Option<i32>, String) {
    // A home of its own: a real user config (language, workspace) never interferes.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dondoc"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env_remove("DONDOC_DATA")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn the_ui_without_a_terminal_or_a_workspace_says_why_and_exits_2() {
    let ws = Workspace::new();
    let root = ws.root().to_str().unwrap();
    let home = tempfile::tempdir().unwrap();
    let (code, stderr) = run_without_a_terminal(home.path(), &["--data", root]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "dondoc: the screen needs a terminal; for a list use `dondoc list`, for an edit `dondoc set`\n"
    );
    let missing = ws.path("nowhere");
    let (code, stderr) =
        run_without_a_terminal(home.path(), &["--data", missing.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!(
            "dondoc: {0} has no dondoc.toml: not a dondoc workspace (create one with `dondoc init {0}`)\n",
            missing.display()
        )
    );
}
