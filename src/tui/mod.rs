//! The terminal UI: directives by unit, edited in place from the keyboard.
//!
//! `app` holds the state and its rules (pure), `action` is what a key means, `keymap` turns
//! keys into actions, `effect` does the I/O the app asks for, `event` is the one channel the
//! loop waits on, `layout` is the geometry the state and the view share, `ui` draws.
//! The loop draws only after an event: an idle dondoc writes nothing and uses no CPU.

pub mod action;
pub mod app;
pub mod copy;
pub mod effect;
pub mod event;
pub mod keymap;
pub mod layout;
pub mod ui;

use crate::context::Context;
use crate::store::LoadError;
use anyhow::Context as _;
use app::App;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use effect::{Effect, Runner};
use event::{Event, EventSource, Events};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::Terminal;
use std::io::{IsTerminal, Write};

/// Why the UI could not start or stopped: the caller says so and chooses the exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No workspace to show.
    #[error("{0}")]
    Load(LoadError),
    #[error("{}", crate::i18n::tui::needs_a_terminal(crate::i18n::Lang::En))]
    NotATerminal,
    /// The terminal failed (setting it up, drawing).
    #[error("{0:#}")]
    Terminal(anyhow::Error),
}

/// How the UI ended when it ended well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// SIGTERM or SIGHUP (or the terminal hung up): this signal.
    Signal(i32),
}

pub fn run(ctx: &Context) -> Result<Ended, Error> {
    let ws = crate::store::load(&ctx.data).map_err(Error::Load)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::NotATerminal);
    }
    let author = crate::author::resolve(None, &ws.root);
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());

    install_panic_hook();
    enter_screen()
        .context(crate::i18n::tui::cannot_set_up_terminal(ctx.lang))
        .map_err(Error::Terminal)?;
    let backend = CrosstermBackend::new(Screen::default());
    let mut ended_app = None;
    let result = (|| -> anyhow::Result<Option<i32>> {
        let mut terminal = Terminal::new(backend)?;
        let size = terminal.size()?;
        let mut app = new_app(ctx, ws, (size.width, size.height));
        app.color = color;
        app.letters_dir = ctx.config.letters_dir.clone();
        let mut events = Events::new();
        let mut runner = new_runner(ctx, author)
            .with_editor(|text| {
                // The editor gets the real screen and keyboard; ours comes back after.
                leave_screen();
                let result = effect::edit_in_editor(&effect::editor_command(), text);
                let _ = enter_screen();
                result
            })
            .with_events(events.sender());
        events.start_terminal_input();
        watch_signals(events.sender());
        watch_hangup(events.sender());
        // Kept until the loop ends: dropping it stops the watching.
        let root = app.ws().root.clone();
        let _watcher = watch_files(&root, events.sender(), &mut app);
        // The title bar's git status arrives when git has answered.
        let started = runner.run(Effect::GitStatus, app.ws());
        app.apply(started);
        let result = event_loop(&mut terminal, &mut app, &mut runner, &mut events);
        ended_app = Some(app);
        result
    })();
    leave_screen();
    // Not freed piece by piece: 200,000 directives take a tenth of a second to free, and the
    // shell's prompt waits for the exit. Nothing in it has anything left to write.
    std::mem::forget(ended_app);
    match result {
        Ok(Some(signal)) => Ok(Ended::Signal(signal)),
        Ok(None) => Ok(Ended::Quit),
        Err(e) => Err(Error::Terminal(e)),
    }
}

/// The app as the UI opens it: the as-of date of the context, and the office clock's date
/// (the title bar says "as of" a date that is not the calendar's).
pub fn new_app(ctx: &Context, ws: crate::model::Workspace, size: (u16, u16)) -> App {
    let mut app = App::new(ws, ctx.today, ctx.lang, size);
    app.clock_today = ctx.clock.today();
    app.copy_ids = ctx.config.osc52 != Some(false);
    app
}

/// The effect runner as the UI starts it: log entries at the office clock's time, and the
/// user's `[git] commit`.
pub fn new_runner(ctx: &Context, author: String) -> Runner {
    let clock = ctx.clock;
    Runner::new(author)
        .with_clock(move || clock.now())
        .with_commit(ctx.config.git.commit)
        .with_lang(ctx.lang)
}

/// Draws, waits for one event, handles it; until the app quits or the events end.
/// Returns the signal that ended it, if one did.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runner: &mut Runner,
    events: &mut impl EventSource,
) -> anyhow::Result<Option<i32>>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        terminal.draw(|frame| ui::draw(frame, app))?;
        // Work that changes nothing on screen is done while no event waits, in small steps.
        let event = loop {
            if !app.has_idle_work() {
                break events.next();
            }
            match events.ready() {
                Some(event) => break Some(event),
                None => app.idle_work(),
            }
        };
        let Some(event) = event else {
            return Ok(None);
        };
        #[cfg(debug_assertions)]
        panic_on_test_key(&event);
        let signal = match event {
            Event::Signal(s) => Some(s),
            _ => None,
        };
        if handle_event(app, runner, event) {
            // Redraw everything on the next frame. Not `Terminal::clear`: it asks the terminal
            // for the cursor position, a round trip over SSH that some terminals never answer.
            let size = terminal.size()?;
            terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        }
        if app.should_quit() {
            return Ok(signal);
        }
    }
}

/// One event through the keymap, the app and the effect runner. Returns true when the
/// screen must be redrawn from scratch (after `$EDITOR` had it).
pub fn handle_event(app: &mut App, runner: &mut Runner, event: Event) -> bool {
    let effects = match event {
        Event::Key(key) => match keymap::resolve(app.mode(), &key) {
            Some(action) => app.update(action),
            None => return false,
        },
        Event::Paste(text) => app.paste(&text),
        Event::Resize(w, h) => app.update(action::Action::Resize(w, h)),
        Event::Signal(_) | Event::InputClosed => app.update(action::Action::Quit),
        // Reading the changed files is I/O: the runner does it, only for those files.
        Event::FilesChanged(paths) => vec![Effect::ReloadFiles(paths)],
        other => match effect::Outcome::from_event(other) {
            Some(outcome) => app.apply(outcome),
            None => vec![],
        },
    };
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    let mut full_redraw = false;
    while let Some(effect) = queue.pop_front() {
        full_redraw |= matches!(effect, Effect::Editor(_));
        let outcome = runner.run(effect, app.ws());
        queue.extend(app.apply(outcome));
    }
    // Background work done at once (no event channel): its results, in order.
    for event in runner.take_pending() {
        full_redraw |= handle_event(app, runner, event);
    }
    full_redraw
}

/// Drives the app with a key script (`"j j s 4 <Enter>"`, see [`keymap::parse_keys`]) through
/// the same path as the terminal: keymap, update, effects. For tests and scripted use.
pub fn run_keys(app: &mut App, runner: &mut Runner, script: &str) {
    for key in keymap::parse_keys(script) {
        handle_event(app, runner, Event::Key(key));
        if app.should_quit() {
            break;
        }
    }
}

/// Standard output, buffered per frame. Once the terminal is gone (EIO after a dropped SSH
/// connection) output is dropped instead of failing: the input side notices the loss and ends
/// the loop, and nothing on the way out (ratatui's own cleanup included) trips over it.
struct Screen {
    out: std::io::BufWriter<std::io::Stdout>,
    gone: bool,
}

impl Default for Screen {
    fn default() -> Screen {
        Screen {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            gone: false,
        }
    }
}

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // After a panic gave the terminal back, the unwinding (ratatui's cleanup, a frame
        // drawn by the loop meanwhile) must not draw on the user's shell.
        if PANICKED.load(std::sync::atomic::Ordering::SeqCst) {
            return Ok(buf.len());
        }
        if !self.gone {
            if let Err(e) = self.out.write_all(buf) {
                self.gone = is_terminal_gone(&e);
                if !self.gone {
                    return Err(e);
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gone || PANICKED.load(std::sync::atomic::Ordering::SeqCst) {
            return Ok(());
        }
        self.out.flush().or_else(|e| {
            self.gone = is_terminal_gone(&e);
            if self.gone {
                Ok(())
            } else {
                Err(e)
            }
        })
    }
}

fn is_terminal_gone(e: &std::io::Error) -> bool {
    const EIO: i32 = 5;
    e.kind() == std::io::ErrorKind::BrokenPipe || e.raw_os_error() == Some(EIO)
}

fn enter_screen() -> std::io::Result<()> {
    enable_raw_mode()?;
    // No mouse capture: selecting and copying text with the terminal keeps working.
    // Bracketed paste: a paste arrives as one text, so its letters never run as commands.
    crossterm::execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste,
        crossterm::cursor::Hide
    )
}

/// Gives the terminal back as it was. Safe to call twice, and when the terminal is gone.
/// The last bytes written are the leave-alternate-screen sequence.
fn leave_screen() {
    let _ = disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = crossterm::execute!(
        out,
        crossterm::event::DisableBracketedPaste,
        crossterm::cursor::Show,
        LeaveAlternateScreen
    );
    let _ = out.flush();
}

/// Set by the panic hook: from then on the screen writes nothing (see [`Screen`]).
static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A panic restores the terminal first, so its message is readable and the shell usable.
/// Every edit was written before the panic or not at all (writes are atomic).
///
/// A panic on another thread (background git work, the signal or input reader) ends the
/// process too: the loop could not go on drawing on a terminal given back, and the work that
/// thread was to report would never arrive. An edit being written on the loop's thread is
/// cut short at worst before its atomic rename, never half-written; the lock is the kernel's
/// and goes with the process.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    let ui_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        let first = !PANICKED.swap(true, std::sync::atomic::Ordering::SeqCst);
        if first {
            leave_screen();
        }
        default(info);
        if std::thread::current().id() != ui_thread {
            std::process::exit(101);
        }
    }));
}

/// Debug builds only, so the end-to-end tests can drive the panic path of the real binary:
/// with `DONDOC_TEST_PANIC_ON_KEY=X` the key X panics in the loop, with `thread:X` on a
/// thread of its own. Release builds have no such door.
#[cfg(debug_assertions)]
fn panic_on_test_key(event: &Event) {
    let Event::Key(key) = event else { return };
    let crossterm::event::KeyCode::Char(c) = key.code else {
        return;
    };
    let Ok(asked) = std::env::var("DONDOC_TEST_PANIC_ON_KEY") else {
        return;
    };
    let (on_thread, asked) = match asked.strip_prefix("thread:") {
        Some(rest) => (true, rest),
        None => (false, asked.as_str()),
    };
    if !asked.chars().eq([c]) {
        return;
    }
    if on_thread {
        // The hook ends the process; were it not so, the loop would go on (and the test fail).
        let _ = std::thread::spawn(move || panic!("test panic on a thread, key {c:?}")).join();
        return;
    }
    panic!("test panic in the loop, key {c:?}");
}

/// Starts the live reload: the watcher sends changed files into the loop's channel. If it
/// cannot start (e.g. the inotify limit), the status line says so and `r` still reloads.
fn watch_files(
    root: &std::path::Path,
    sender: event::EventSender,
    app: &mut App,
) -> Option<crate::watch::Watcher> {
    let result = crate::watch::watch(root, move |event| {
        sender.send(match event {
            crate::watch::WatchEvent::Changed(paths) => Event::FilesChanged(paths),
            crate::watch::WatchEvent::Error(e) => Event::WatchFailed(e),
        });
    });
    match result {
        Ok(watcher) => Some(watcher),
        Err(e) => {
            app.apply(effect::Outcome::WatchFailed(e.to_string()));
            None
        }
    }
}

/// SIGTERM and SIGHUP (the SSH connection dropped) end the loop normally, which restores the
/// terminal; an edit being written finishes first. (In raw mode Ctrl-C is a key, not SIGINT.)
/// Ends the UI when its terminal is gone but no SIGHUP came (a session leader that ignores
/// HUP, as with `ssh -t host dondoc` under some shells, or a killed tmux session): crossterm
/// 0.29's reader then spins on the dead terminal at 100% CPU for ever (crossterm issue 793).
/// Every two seconds this asks the kernel whether stdin has hung up, without reading from it;
/// a wake-up that cheap leaves an idle dondoc at zero CPU ticks.
fn watch_hangup(sender: event::EventSender) {
    const PERIOD: std::time::Duration = std::time::Duration::from_secs(2);
    std::thread::spawn(move || loop {
        std::thread::sleep(PERIOD);
        let mut fds = [libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        }];
        // SAFETY: one valid pollfd, a zero timeout; poll only writes `revents`.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) };
        let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
        if ready > 0 && fds[0].revents & gone != 0 {
            sender.send(Event::Signal(libc::SIGHUP));
            return;
        }
    });
}

fn watch_signals(sender: event::EventSender) {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            sender.send(Event::Signal(signal));
        }
    });
}
