//! The parsed workspace kept between runs, so a start does not parse files that did not
//! change. Modelled on git's index: each file's entry holds its size, mtime and ctime (ns),
//! inode and device, and the fingerprint of its bytes. An entry is used without reading the
//! file only when all of these match and the file was last changed well before the load that
//! wrote the cache (git's "racily clean" rule: a change in the same clock tick as that load
//! would leave the stat unchanged). Otherwise the file is read; when its bytes have the cached
//! fingerprint the parse is reused, else it is parsed. A cache of another version, for other
//! `dondoc.toml` bytes, truncated or unreadable is ignored whole: it can change the speed of
//! an answer, never the answer.
//!
//! It lives in `.git/dondoc-cache/` when the workspace is in a git repository, else in the
//! user's cache folder (`$XDG_CACHE_HOME/dondoc/`), one file per workspace path, except for a
//! workspace in the temporary folder outside git (none); written atomically (a temporary
//! file renamed). `DONDOC_NO_CACHE=1` turns it off.

use super::directive_file::FileLoad;
use crate::model::{Directive, Fingerprint, SourceFile};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MAGIC: &[u8; 8] = b"DONDOCC\x01";
/// Bumped whenever the entry layout or what the loader puts in it changes.
const FORMAT: u32 = 2;
/// How long before the writing load a file must have last changed to be trusted by its stat
/// alone: covers file systems with one- or two-second timestamps and the kernel's coarse clock.
const RACY: Duration = Duration::from_secs(2);

/// What `stat` says of a file: a change of content changes at least one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Stat {
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub ino: u64,
    pub dev: u64,
}

impl Stat {
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> Stat {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Stat {
            size: meta.size(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }

    #[cfg(not(unix))]
    pub fn of(meta: &std::fs::Metadata) -> Stat {
        let ns = |t: std::io::Result<SystemTime>| t.map(time_ns).unwrap_or(i128::MAX);
        Stat {
            size: meta.len(),
            mtime_ns: ns(meta.modified()),
            // Without a ctime, nothing is trusted by its stat (see `Cache::by_stat`).
            ctime_ns: i128::MAX,
            ino: 0,
            dev: 0,
        }
    }
}

fn time_ns(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// One file's parse as stored: the borrowed form is written, the owned one read back.
#[derive(Serialize)]
struct PayloadRef<'a> {
    file: &'a SourceFile,
    directives: &'a [Directive],
}

#[derive(Deserialize)]
struct Payload {
    file: SourceFile,
    directives: Vec<Directive>,
}

/// An entry as read from the cache file; `payload` borrows the file's bytes.
struct Entry<'c> {
    stat: Stat,
    fingerprint: Fingerprint,
    /// A check of the ids and the payload: a cache damaged by anything is never decoded into
    /// an answer.
    check: u64,
    /// The ids of the file's directives, to find a directive without decoding every file.
    ids: &'c [u8],
    payload: &'c [u8],
}

/// The cache as read: valid for this version and these `dondoc.toml` bytes.
pub(super) struct Cache<'c> {
    /// The start of the load that wrote it.
    written_from_ns: i128,
    entries: HashMap<&'c str, Entry<'c>>,
}

/// How a file's parse was had, and what the next cache keeps of it.
pub(super) struct Fresh<'c> {
    pub load: FileLoad,
    /// `None` when the file could not be read: not cached.
    pub entry: Option<NewEntry<'c>>,
    pub how: How,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// From the cache without reading the file.
    Stat,
    /// Read, and its bytes were the cached ones.
    Content,
    /// Read and parsed.
    Parsed,
}

pub(super) struct NewEntry<'c> {
    path: String,
    stat: Stat,
    fingerprint: Fingerprint,
    check: u64,
    ids: std::borrow::Cow<'c, [u8]>,
    payload: std::borrow::Cow<'c, [u8]>,
}

/// How many files of a load came from where (for tests and the benchmark).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheUse {
    pub by_stat: usize,
    pub by_content: usize,
    pub parsed: usize,
}

/// Where the cache of the workspace at `root` lives; `None` when there is nowhere to put it.
pub fn location(root: &Path) -> Option<PathBuf> {
    let canonical = root.canonicalize().ok()?;
    let key = format!(
        "{:016x}",
        fnv1a(canonical.as_os_str().to_string_lossy().as_bytes())
    );
    for dir in canonical.ancestors() {
        let dot_git = dir.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git.join("dondoc-cache").join(key));
        }
        // A worktree or submodule: `.git` is a file naming the real git folder.
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let git_dir = text.trim().strip_prefix("gitdir:")?.trim();
            return Some(dir.join(git_dir).join("dondoc-cache").join(key));
        }
    }
    // A workspace in the temporary folder (a test's, a scratch copy) would leave its cache in
    // the user's cache folder long after it is gone: it gets none.
    let temp = std::env::temp_dir().canonicalize().ok()?;
    if canonical.starts_with(&temp) {
        return None;
    }
    let dirs = directories::ProjectDirs::from("", "", "dondoc")?;
    Some(dirs.cache_dir().join(key))
}

/// A hash that stays the same across builds and platforms (the cache file's name).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The header every cache starts with: the format, this program's version and build, and a
/// check of the fingerprint function (it is std's hasher, which may change between toolchains).
fn header(config: Fingerprint, written_from_ns: i128) -> Vec<u8> {
    let mut h = Vec::with_capacity(64);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&FORMAT.to_le_bytes());
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    h.extend_from_slice(&(version.len() as u32).to_le_bytes());
    h.extend_from_slice(version);
    h.extend_from_slice(&super::text::fingerprint(b"dondoc").hash.to_le_bytes());
    // Another build of dondoc may lay the model out otherwise under the same version number:
    // the program's own size and mtime tie the cache to this build.
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| Stat::of(&m))
        .unwrap_or_default();
    h.extend_from_slice(&exe.size.to_le_bytes());
    h.extend_from_slice(&exe.mtime_ns.to_le_bytes());
    h.extend_from_slice(&config.len.to_le_bytes());
    h.extend_from_slice(&config.hash.to_le_bytes());
    h.extend_from_slice(&written_from_ns.to_le_bytes());
    h
}

/// Reads little-endian fields off the front of a byte slice; `None` once it runs out.
struct Reader<'c>(&'c [u8]);

impl<'c> Reader<'c> {
    fn take(&mut self, n: usize) -> Option<&'c [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn i128(&mut self) -> Option<i128> {
        Some(i128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<&'c [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}

impl<'c> Cache<'c> {
    /// The cache in `bytes`, when it is of this format and version and for `config` (the
    /// fingerprint of `dondoc.toml`'s bytes); `None` otherwise, and when anything is off.
    pub fn parse(bytes: &'c [u8], config: Fingerprint) -> Option<Cache<'c>> {
        let mut r = Reader(bytes);
        let written_from_ns = {
            let expected = header(config, 0);
            let head = r.take(expected.len() - 16)?;
            if head != &expected[..expected.len() - 16] {
                return None;
            }
            r.i128()?
        };
        let count = r.u32()? as usize;
        let mut entries = HashMap::with_capacity(count.min(1 << 20));
        for _ in 0..count {
            let path = std::str::from_utf8(r.bytes()?).ok()?;
            let stat = Stat {
                size: r.u64()?,
                mtime_ns: r.i128()?,
                ctime_ns: r.i128()?,
                ino: r.u64()?,
                dev: r.u64()?,
            };
            let fingerprint = Fingerprint {
                len: r.u64()?,
                hash: r.u64()?,
            };
            let check = r.u64()?;
            let ids = r.bytes()?;
            let payload = r.bytes()?;
            entries.insert(
                path,
                Entry {
                    stat,
                    fingerprint,
                    check,
                    ids,
                    payload,
                },
            );
        }
        // Trailing bytes mean a cache written by something else.
        if !r.0.is_empty() {
            return None;
        }
        Some(Cache {
            written_from_ns,
            entries,
        })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The entry of `rel` when its stat is the cached one and the file last changed well
    /// before the load that wrote the cache.
    fn by_stat(&self, rel: &str, stat: &Stat) -> Option<&Entry<'c>> {
        let entry = self.entries.get(rel)?;
        let changed = stat.mtime_ns.max(stat.ctime_ns);
        let settled = changed < self.written_from_ns - RACY.as_nanos() as i128;
        (entry.stat == *stat && settled).then_some(entry)
    }
}

fn check(ids: &[u8], payload: &[u8]) -> u64 {
    super::text::fingerprint(ids).hash ^ super::text::fingerprint(payload).hash.rotate_left(1)
}

fn decode(entry: &Entry) -> Option<FileLoad> {
    if check(entry.ids, entry.payload) != entry.check {
        return None;
    }
    let p: Payload = postcard::from_bytes(entry.payload).ok()?;
    Some(FileLoad {
        file: p.file,
        directives: p.directives,
    })
}

fn encode_ids(load: &FileLoad) -> Option<Vec<u8>> {
    let ids: Vec<&str> = load.directives.iter().map(|d| d.id.as_str()).collect();
    postcard::to_allocvec(&ids).ok()
}

/// The ids of `rel`'s directives, in file order, and its entry for the next cache, when the
/// cache vouches for the file by its stat alone: nothing of the file is read or decoded.
pub(super) fn ids_by_stat<'c>(
    cache: &Cache<'c>,
    root: &Path,
    rel: &str,
) -> Option<(Vec<&'c str>, NewEntry<'c>)> {
    let stat = Stat::of(&std::fs::metadata(root.join(rel)).ok()?);
    let entry = cache.by_stat(rel, &stat)?;
    // The check covers the payload too: hashing it costs far less than decoding it.
    if check(entry.ids, entry.payload) != entry.check {
        return None;
    }
    let ids: Vec<&'c str> = postcard::from_bytes(entry.ids).ok()?;
    let new = NewEntry {
        path: rel.to_string(),
        stat,
        fingerprint: entry.fingerprint,
        check: entry.check,
        ids: std::borrow::Cow::Borrowed(entry.ids),
        payload: std::borrow::Cow::Borrowed(entry.payload),
    };
    Some((ids, new))
}

fn encode(load: &FileLoad) -> Option<Vec<u8>> {
    postcard::to_allocvec(&PayloadRef {
        file: &load.file,
        directives: &load.directives,
    })
    .ok()
}

/// Reads one directive file through the cache: from it when the stat or the bytes say it is
/// unchanged, else parsed by `parse` (which also gets the read error, if any). A parse is
/// encoded for the next cache only when `keep`.
pub(super) fn read<'c>(
    cache: Option<&Cache<'c>>,
    root: &Path,
    rel: &str,
    keep: bool,
    parse: impl Fn(std::io::Result<Vec<u8>>) -> FileLoad,
) -> Fresh<'c> {
    // The stat is taken before the bytes are read: a change in between leaves a cached stat
    // older than the content, which the next load sees as changed.
    let opened = std::fs::File::open(root.join(rel)).and_then(|f| {
        let meta = f.metadata()?;
        Ok((f, meta))
    });
    let (f, meta) = match opened {
        Ok(x) => x,
        Err(e) => {
            return Fresh {
                load: parse(Err(e)),
                entry: None,
                how: How::Parsed,
            }
        }
    };
    let stat = Stat::of(&meta);
    let cached = |entry: &Entry<'c>, how| {
        decode(entry).map(|load| Fresh {
            load,
            entry: Some(NewEntry {
                path: rel.to_string(),
                stat,
                fingerprint: entry.fingerprint,
                check: entry.check,
                ids: std::borrow::Cow::Borrowed(entry.ids),
                payload: std::borrow::Cow::Borrowed(entry.payload),
            }),
            how,
        })
    };
    if let Some(fresh) = cache
        .and_then(|c| c.by_stat(rel, &stat))
        .and_then(|e| cached(e, How::Stat))
    {
        return fresh;
    }
    // Read with the loader's size limit, like every other read of a directive file.
    let bytes = match super::text::read_limited_from(f) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Fresh {
                load: parse(Err(e)),
                entry: None,
                how: How::Parsed,
            }
        }
    };
    let fingerprint = super::text::fingerprint(&bytes);
    if let Some(fresh) = cache
        .and_then(|c| c.entries.get(rel))
        .filter(|e| e.fingerprint == fingerprint)
        .and_then(|e| cached(e, How::Content))
    {
        return fresh;
    }
    let load = parse(Ok(bytes));
    if !keep {
        return Fresh {
            load,
            entry: None,
            how: How::Parsed,
        };
    }
    let entry = encode(&load)
        .zip(encode_ids(&load))
        .map(|(payload, ids)| NewEntry {
            path: rel.to_string(),
            stat,
            fingerprint,
            check: check(&ids, &payload),
            ids: std::borrow::Cow::Owned(ids),
            payload: std::borrow::Cow::Owned(payload),
        });
    Fresh {
        load,
        entry,
        how: How::Parsed,
    }
}

/// The start time of a load, as the cache records it.
pub(super) fn now_ns(now: SystemTime) -> i128 {
    time_ns(now)
}

/// Whether a load that found `old` (its number of entries) and `files` files, taken as `used`
/// says, should write the cache again: when it had none, files came or went, or some were
/// parsed; not for files whose bytes were only read again (touched, young), unless they are
/// many. `eager`: also for a single parsed file (a full load; an edit's load waits for one).
pub(super) fn worth_writing(old: Option<usize>, files: usize, used: CacheUse, eager: bool) -> bool {
    let Some(old) = old else {
        return true;
    };
    old != files || (eager && used.parsed > 0) || used.parsed > 16 || used.by_content * 8 > files
}

/// Writes the cache atomically (a temporary file beside it, renamed). Failing to write it is
/// not an error: the next start is only slower.
pub(super) fn write(
    path: &Path,
    config: Fingerprint,
    written_from_ns: i128,
    entries: &[&NewEntry],
) {
    let _ = try_write(path, config, written_from_ns, entries);
}

fn try_write(
    path: &Path,
    config: Fingerprint,
    written_from_ns: i128,
    entries: &[&NewEntry],
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let size: usize = entries
        .iter()
        .map(|e| e.path.len() + e.ids.len() + e.payload.len() + 100)
        .sum();
    let mut out = header(config, written_from_ns);
    out.reserve(size + 4);
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for e in entries {
        out.extend_from_slice(&(e.path.len() as u32).to_le_bytes());
        out.extend_from_slice(e.path.as_bytes());
        out.extend_from_slice(&e.stat.size.to_le_bytes());
        out.extend_from_slice(&e.stat.mtime_ns.to_le_bytes());
        out.extend_from_slice(&e.stat.ctime_ns.to_le_bytes());
        out.extend_from_slice(&e.stat.ino.to_le_bytes());
        out.extend_from_slice(&e.stat.dev.to_le_bytes());
        out.extend_from_slice(&e.fingerprint.len.to_le_bytes());
        out.extend_from_slice(&e.fingerprint.hash.to_le_bytes());
        out.extend_from_slice(&e.check.to_le_bytes());
        out.extend_from_slice(&(e.ids.len() as u32).to_le_bytes());
        out.extend_from_slice(&e.ids);
        out.extend_from_slice(&(e.payload.len() as u32).to_le_bytes());
        out.extend_from_slice(&e.payload);
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    // Not synced: a cache torn by a crash fails its checks entry by entry (or whole), and those
    // files are read again.
    tmp.write_all(&out)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
