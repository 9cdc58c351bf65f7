//! One channel of events for the loop: keys and resizes from the terminal, signals, and
//! whatever later producers send (a file watcher, git finishing) through an [`EventSender`].
//!
//! The loop is generic over [`EventSource`], so tests feed it keys without a terminal.

use crate::git::status::GitStatus;
use crate::git::sync::{Step, SyncOutcome};
use crossterm::event::{KeyEvent, KeyEventKind};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste): typed into the open input, never
    /// run as keys.
    Paste(String),
    Resize(u16, u16),
    /// SIGTERM or SIGHUP: restore the terminal and leave.
    Signal(i32),
    /// The terminal can no longer be read (the SSH connection dropped).
    InputClosed,
    /// The watcher saw these workspace files change (relative paths with `/`).
    FilesChanged(Vec<String>),
    /// The watcher itself failed (e.g. the inotify limit): said once in the status line.
    WatchFailed(String),
    /// `git status` finished; `None`: not a git repository (or git is not usable).
    GitStatus(Option<GitStatus>),
    /// The commit of one edit (`[git] commit = true`) finished: the short hash, or why not.
    Committed {
        id: String,
        result: Result<Option<String>, String>,
    },
    /// A sync (`S`) started this step.
    SyncStep(Step),
    /// A sync ended.
    SyncDone(Box<SyncOutcome>),
}

/// Where the loop gets its next event; `None` ends the loop.
pub trait EventSource {
    fn next(&mut self) -> Option<Event>;

    /// An event already waiting, without waiting for one: the loop does idle work between.
    fn ready(&mut self) -> Option<Event>;
}

/// A fixed list of events, for tests: none ever waits, so idle work is all done before the
/// next event.
impl EventSource for std::vec::IntoIter<Event> {
    fn next(&mut self) -> Option<Event> {
        Iterator::next(self)
    }

    fn ready(&mut self) -> Option<Event> {
        None
    }
}

enum Envelope {
    /// From the terminal reader, which waits until the loop asks for the next event.
    Input(Event),
    Other(Event),
}

/// Sends events into the loop's channel from any thread.
#[derive(Clone)]
pub struct EventSender(Sender<Envelope>);

impl EventSender {
    /// False when the loop has ended.
    pub fn send(&self, event: Event) -> bool {
        self.0.send(Envelope::Other(event)).is_ok()
    }
}

/// The live event channel.
pub struct Events {
    rx: Receiver<Envelope>,
    tx: Sender<Envelope>,
    resume_input: Option<SyncSender<()>>,
    input_waiting: bool,
}

impl Default for Events {
    fn default() -> Self {
        Self::new()
    }
}

impl Events {
    pub fn new() -> Events {
        let (tx, rx) = channel();
        Events {
            rx,
            tx,
            resume_input: None,
            input_waiting: false,
        }
    }

    pub fn sender(&self) -> EventSender {
        EventSender(self.tx.clone())
    }

    /// Lets the terminal reader go on once the loop is done with its last event.
    fn resume(&mut self) {
        if self.input_waiting {
            self.input_waiting = false;
            if let Some(resume) = &self.resume_input {
                let _ = resume.send(());
            }
        }
    }

    fn unwrap(&mut self, envelope: Envelope) -> Option<Event> {
        match envelope {
            Envelope::Input(e) => {
                self.input_waiting = true;
                Some(e)
            }
            Envelope::Other(e) => Some(e),
        }
    }

    /// Starts the thread that reads the terminal. It reads one event, hands it over and waits
    /// until the loop has handled it: so while `$EDITOR` runs, no one else reads the terminal.
    /// It blocks in `read`, so an idle dondoc uses no CPU.
    pub fn start_terminal_input(&mut self) {
        let tx = self.tx.clone();
        let (resume_tx, resume_rx) = sync_channel::<()>(1);
        self.resume_input = Some(resume_tx);
        std::thread::spawn(move || loop {
            let event = match crossterm::event::read() {
                Ok(crossterm::event::Event::Key(k)) if k.kind != KeyEventKind::Release => {
                    Event::Key(k)
                }
                Ok(crossterm::event::Event::Resize(w, h)) => Event::Resize(w, h),
                Ok(crossterm::event::Event::Paste(text)) => Event::Paste(text),
                Ok(_) => continue,
                Err(_) => {
                    let _ = tx.send(Envelope::Other(Event::InputClosed));
                    return;
                }
            };
            if tx.send(Envelope::Input(event)).is_err() || resume_rx.recv().is_err() {
                return;
            }
        });
    }
}

impl EventSource for Events {
    fn next(&mut self) -> Option<Event> {
        self.resume();
        let envelope = self.rx.recv().ok()?;
        self.unwrap(envelope)
    }

    fn ready(&mut self) -> Option<Event> {
        self.resume();
        let envelope = self.rx.try_recv().ok()?;
        self.unwrap(envelope)
    }
}
