//! The disk side of a write: the workspace lock, a read that does not catch a file half
//! saved, the check that nothing changed just before the rename, and a replacement that keeps
//! the file's mode and group. Other programs (editors, git, `cp`) take no lock, so every step
//! that could race with them is checked again right before and right after it.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

/// How long a write waits for another dondoc's lock before it gives up.
pub const LOCK_WAIT: Duration = Duration::from_secs(4);
/// A dondoc temporary file older than this is a leftover (a killed write), not one in use.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);
/// Reads of a file that keeps changing before the write gives up.
const STABLE_READS: usize = 40;

/// Called once when a write starts waiting for another dondoc's lock (the command line says
/// "waiting for another dondoc…" on stderr). Set once by the program.
pub static WAIT_NOTICE: OnceLock<fn()> = OnceLock::new();

/// Why the workspace lock was not taken.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LockError {
    #[error("{path}: another dondoc is still writing (waited {secs} s); nothing was written — try again, or end the other dondoc")]
    Busy { path: String, secs: u64 },
    #[error(
        "{path}: the lock file is a symbolic link; it is not followed and nothing was written"
    )]
    Symlink { path: String },
    #[error("{path}: cannot create the lock file ({reason}); nothing was written")]
    Create { path: String, reason: String },
}

/// An advisory lock serialising writes by every dondoc on this workspace. The OS drops it
/// when the process dies, so a killed process never leaves a stale lock.
pub struct WorkspaceLock {
    file: File,
}

impl WorkspaceLock {
    pub fn path(root: &Path) -> PathBuf {
        let git = root.join(".git");
        if git.is_dir() {
            git.join("dondoc.lock")
        } else {
            root.join(".dondoc.lock")
        }
    }

    /// Takes the lock, waiting at most [`LOCK_WAIT`]; then removes the temporary files a
    /// killed dondoc left (no other dondoc writes while we hold it).
    pub fn acquire(root: &Path) -> Result<WorkspaceLock, LockError> {
        Self::acquire_within(root, LOCK_WAIT)
    }

    pub fn acquire_within(root: &Path, wait: Duration) -> Result<WorkspaceLock, LockError> {
        let path = Self::path(root);
        let shown = path.display().to_string();
        let open = |write: bool| {
            let mut options = OpenOptions::new();
            options.read(true).custom_flags(libc::O_NOFOLLOW);
            if write {
                options.write(true).create(true).truncate(false).mode(0o666);
            }
            options.open(&path)
        };
        let file = match open(true) {
            Ok(f) => Ok(f),
            // Another user's lock file we cannot write: a read-only handle locks as well.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => open(false),
            Err(e) => Err(e),
        }
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                LockError::Symlink {
                    path: shown.clone(),
                }
            } else {
                LockError::Create {
                    path: shown.clone(),
                    reason: io_reason(&e),
                }
            }
        })?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) => {}
                Err(fs::TryLockError::Error(e)) => {
                    return Err(LockError::Create {
                        path: shown,
                        reason: io_reason(&e),
                    })
                }
            }
            if start.elapsed() >= wait {
                return Err(LockError::Busy {
                    path: shown,
                    secs: wait.as_secs_f64().ceil() as u64,
                });
            }
            if !told && start.elapsed() >= Duration::from_millis(300) {
                told = true;
                if let Some(notice) = WAIT_NOTICE.get() {
                    notice();
                }
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        remove_stale_temps(root, SystemTime::now());
        Ok(WorkspaceLock { file })
    }
}

impl Drop for WorkspaceLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// An I/O error in words, without the "(os error N)" tail.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Whether `name` is one of dondoc's own temporary files.
pub fn is_own_temp(name: &str) -> bool {
    name.starts_with(".dondoc-") && name.ends_with(".tmp")
}

/// Removes dondoc's temporary files older than [`STALE_TEMP_AGE`] below `dir` (hidden folders
/// and symlinked folders are not entered).
fn remove_stale_temps(dir: &Path, now: SystemTime) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !name.starts_with('.') {
                remove_stale_temps(&entry.path(), now);
            }
        } else if kind.is_file() && is_own_temp(&name) {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| now.duration_since(m).ok())
                .is_some_and(|age| age >= STALE_TEMP_AGE);
            if old {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
        }
    }
}

/// One read of a file: the handle it was read through (to notice a save into it after it
/// was replaced), its stamp and its bytes.
pub struct Snapshot {
    pub file: File,
    pub stamp: Stamp,
    pub bytes: Vec<u8>,
    pub mode: u32,
    pub gid: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Never two reads alike: someone is writing it right now.
    #[error("the file keeps changing")]
    Unsettled,
}

/// Reads the whole file through `file` (from its start).
pub fn read_handle(mut file: File) -> std::io::Result<Snapshot> {
    let before = file.metadata()?;
    let mut bytes = Vec::with_capacity(before.len() as usize);
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut bytes)?;
    let meta = file.metadata()?;
    Ok(Snapshot {
        stamp: Stamp::of(&meta),
        bytes,
        mode: meta.mode() & 0o7777,
        gid: meta.gid(),
        file,
    })
}

fn read_once(path: &Path) -> std::io::Result<Snapshot> {
    read_handle(File::open(path)?)
}

/// Reads `path`; when the bytes are not `expected` (what was loaded), reads again until two
/// reads in a row agree and no program has the file open for writing (where that can be
/// told), so a file another program is saving in place (truncate, then write) is never taken
/// in its half-written state.
pub fn read_settled(path: &Path, expected: impl Fn(&[u8]) -> bool) -> Result<Snapshot, ReadError> {
    let mut last = read_once(path)?;
    if expected(&last.bytes) {
        return Ok(last);
    }
    for round in 0..STABLE_READS {
        if round > 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
        let next = read_once(path)?;
        if next.stamp == last.stamp
            && next.bytes == last.bytes
            && open_for_writing(&next.file) != Some(true)
        {
            return Ok(next);
        }
        last = next;
    }
    Err(ReadError::Unsettled)
}

/// The same, through a handle already open (the file as it was before a rename replaced it).
pub fn read_settled_handle(file: &File) -> Result<Vec<u8>, ReadError> {
    let mut last = read_handle(file.try_clone()?)?;
    for round in 0..STABLE_READS {
        if round > 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
        let next = read_handle(file.try_clone()?)?;
        if next.stamp == last.stamp && next.bytes == last.bytes {
            return Ok(next.bytes);
        }
        last = next;
    }
    Err(ReadError::Unsettled)
}

/// Whether `path` still holds exactly what `snap` read: same inode, size, time and bytes.
pub fn unchanged(path: &Path, snap: &Snapshot) -> std::io::Result<bool> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let meta = if meta.file_type().is_symlink() {
        fs::metadata(path)?
    } else {
        meta
    };
    if Stamp::of(&meta) != snap.stamp {
        return Ok(false);
    }
    Ok(fs::read(path)? == snap.bytes)
}

/// Whether something wrote into the file `snap` read since (through a handle opened before
/// the file was replaced: that save is in the old file only).
pub fn written_since(snap: &Snapshot) -> bool {
    match snap.file.metadata() {
        Ok(meta) => Stamp::of(&meta) != snap.stamp,
        Err(_) => false,
    }
}

/// Why a file could not be replaced as it was.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The folder does not let this account create the new version beside the file.
    #[error("the folder is read-only")]
    FolderReadOnly,
    /// The new version could not get the file's group (this account is not in it).
    #[error("the file belongs to group {gid}, which this account cannot give the new version")]
    Group { gid: u32 },
}

/// A new version of a file, written and flushed beside it, with the old file's mode and group
/// (or, for a new file, the mode the umask gives). Dropped without [`Staged::commit`], it is
/// removed.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

impl Staged {
    pub fn new(
        target: &Path,
        bytes: &[u8],
        like: Option<(u32, u32)>,
    ) -> Result<Staged, ReplaceError> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".dondoc-")
            .suffix(".tmp")
            // Subject to the umask, like any new file.
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(dir)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::PermissionDenied => ReplaceError::FolderReadOnly,
                _ => ReplaceError::Io(e),
            })?;
        tmp.write_all(bytes)?;
        if let Some((mode, gid)) = like {
            let current = tmp.as_file().metadata()?;
            if current.gid() != gid {
                std::os::unix::fs::fchown(tmp.as_file(), None, Some(gid))
                    .map_err(|_| ReplaceError::Group { gid })?;
            }
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(mode))?;
        }
        tmp.as_file().sync_all()?;
        Ok(Staged {
            tmp,
            target: target.to_path_buf(),
        })
    }

    /// Renames the new version over the target and flushes the folder.
    pub fn commit(self) -> std::io::Result<()> {
        let dir = self.target.parent().map(Path::to_path_buf);
        self.tmp.persist(&self.target).map_err(|e| e.error)?;
        if let Some(d) = dir.and_then(|d| File::open(d).ok()) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// Like [`Staged::commit`], but exchanges the two names in one step (Linux), so the file
    /// replaced stays at hand under the temporary name: a save that landed in it after the
    /// last check can be put back with [`Swapped::restore`]. Where the exchange is not
    /// supported, a plain rename (the replaced file is then reachable through an open handle
    /// only).
    pub fn swap(self) -> std::io::Result<Swapped> {
        let dir = self.target.parent().map(Path::to_path_buf);
        let ours = Stamp::of(&self.tmp.as_file().metadata()?);
        // Closed here: a probe for writers must not count our own handle.
        let tmp = self.tmp.into_temp_path();
        let old = if exchange(&tmp, &self.target)? {
            Some(tmp)
        } else {
            tmp.persist(&self.target).map_err(|e| e.error)?;
            None
        };
        if let Some(d) = dir.and_then(|d| File::open(d).ok()) {
            let _ = d.sync_all();
        }
        Ok(Swapped {
            old,
            target: self.target,
            ours,
        })
    }

    /// Like [`Staged::commit`], but never over an existing file.
    pub fn commit_new(self) -> std::io::Result<()> {
        self.tmp
            .persist_noclobber(&self.target)
            .map(|_| ())
            .map_err(|e| e.error)
    }
}

/// Exchanges the names `a` and `b` in one step; `Ok(false)` where the system cannot.
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let a = CString::new(a.as_os_str().as_bytes())?;
        let b = CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: two valid NUL-terminated paths; the call only renames.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(true);
        }
        let e = std::io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::ENOTSUP) => Ok(false),
            _ => Err(e),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// A new version renamed over a file by [`Staged::swap`], the replaced file kept under the
/// temporary name (removed when this is dropped).
pub struct Swapped {
    old: Option<tempfile::TempPath>,
    target: PathBuf,
    /// The new version as written.
    ours: Stamp,
}

impl Swapped {
    /// The replaced file, opened read-only; `None` after a plain rename.
    pub fn replaced(&self) -> Option<std::io::Result<File>> {
        self.old.as_ref().map(File::open)
    }

    /// Puts the replaced file back in place of ours in one step, unless a newer save has
    /// already replaced ours or been written into it (that one is the latest then, and
    /// stays). Whatever is left under the temporary name goes when this is dropped.
    pub fn restore(self) -> std::io::Result<()> {
        let Some(old) = &self.old else {
            return Ok(());
        };
        if !self.still_ours(&self.target)? {
            return Ok(());
        }
        if exchange(old, &self.target)? && !self.still_ours(old)? {
            // A save landed on ours in the instant before: that newer one goes back.
            exchange(old, &self.target)?;
        }
        if let Some(d) = self.target.parent().and_then(|d| File::open(d).ok()) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    /// Whether `path` holds our new version as we wrote it: not replaced, and nothing written
    /// into it by a program that opened it after our rename (waited for while it writes).
    fn still_ours(&self, path: &Path) -> std::io::Result<bool> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e),
        };
        let same = |f: &File| f.metadata().map(|m| Stamp::of(&m) == self.ours);
        if !same(&file)? {
            return Ok(false);
        }
        let start = Instant::now();
        while open_for_writing(&file) == Some(true) && start.elapsed() < Duration::from_secs(3) {
            std::thread::sleep(Duration::from_millis(2));
        }
        same(&file)
    }
}

/// Whether some program has `file` open for writing: on Linux a read lease cannot be taken
/// then. `None` when that cannot be told (another account's file, a file system without
/// leases, another system).
pub fn open_for_writing(file: &File) -> Option<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // Not in the libc crate: fcntl.h's value on Linux.
        const F_SETSIG: libc::c_int = 10;
        let fd = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor we own. A program opening the file for writing in
        // the instant we hold the lease signals us: SIGURG, ignored by default, rather than
        // SIGIO, which would end the process.
        unsafe {
            if libc::fcntl(fd, F_SETSIG, libc::SIGURG) != 0 {
                return None;
            }
            if libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) == 0 {
                libc::fcntl(fd, libc::F_SETLEASE, libc::F_UNLCK);
                return Some(false);
            }
        }
        match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EAGAIN) => Some(true),
            _ => None,
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        None
    }
}

/// The lines `init` and `git-setup` put in `.gitignore`: dondoc's lock and temporary files.
pub const GITIGNORE_LINES: &[&str] = &[".dondoc.lock", ".dondoc-*.tmp"];

/// Adds dondoc's lock and temporary files to `root/.gitignore`, keeping its other lines.
/// Returns whether it added anything.
pub fn ensure_gitignore(root: &Path) -> std::io::Result<bool> {
    let path = root.join(".gitignore");
    let existing = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let missing: Vec<&str> = GITIGNORE_LINES
        .iter()
        .copied()
        .filter(|l| !existing.lines().any(|have| have.trim() == *l))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("# dondoc's lock and temporary files\n");
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    super::write::atomic_write(&path, text.as_bytes())?;
    Ok(true)
}
