//! The parsed workspace kept between runs, so a start does not parse files that did not
//! change. Modelled on git's index: each file's entry holds its size, mtime and ctime (ns),
//! inode and device, and the fingerprint of its bytes. An entry is used without reading (or
//! even opening) the file only when all of these match and the file was last changed well
//! before the load that wrote the cache (git's "racily clean" rule: a change in the same clock
//! tick as that load would leave the stat unchanged). Otherwise the file is read; when its
//! bytes have the cached fingerprint the parse is reused, else it is parsed. A cache of
//! another version, for other `dondoc.toml` bytes, truncated or unreadable is ignored whole,
//! and an entry that fails its checks is read from its file: the cache can change the speed
//! of an answer, never the answer.
//!
//! The file is a header, an index (each entry's path, stat, fingerprint, checks and block
//! lengths), the heads region, then the bodies region. An entry's head is the ids of the
//! file's directives with their lines and the file's own record (its source and problems);
//! its body is its directives, then their logs. The heads of all entries come one after the
//! other, read with the index in one go (a `set` looks at every file's ids: one read, not
//! one per file); bodies are read when used, file by file: a load needing only ids and
//! problems (`validate`, `set`) decodes no directive, one needing no log (`list`) no log,
//! and none holds the bodies of the whole cache in memory.
//!
//! It lives in `.git/dondoc-cache/` when the workspace is in a git repository, else in the
//! user's cache folder (`$XDG_CACHE_HOME/dondoc/`), one file per workspace path, except for a
//! workspace in the temporary folder outside git (none); written atomically (a temporary
//! file renamed). `DONDOC_NO_CACHE=1` turns it off.

use super::directive_file::FileLoad;
use crate::model::{Directive, Fingerprint, LogEntry, SourceFile};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MAGIC: &[u8; 8] = b"DONDOCC\x01";
/// Bumped whenever the entry layout or what the loader puts in it changes.
const FORMAT: u32 = 8;
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

/// A directive's id where the file has it: the line of its `[[directive]]` header and the
/// line and column of the id's value (what a duplicate-id problem names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct IdAt<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    pub line: usize,
    pub id_pos: (usize, usize),
}

/// An entry of the cache's index: a file's stat and fingerprint, and where its blocks are.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    stat: Stat,
    fingerprint: Fingerprint,
    /// A check of the first two blocks, one of the third, one of the fourth: a cache damaged
    /// by anything is never decoded into an answer.
    head_check: u64,
    body_check: u64,
    log_check: u64,
    /// Where, in the cache file, the head (the ids of the file's directives, [`IdAt`], to
    /// find a directive or a duplicate id without decoding every file, then the
    /// [`SourceFile`]) and the body (the directives without their logs, then each one's log)
    /// start; the four blocks' lengths.
    head_at: usize,
    body_at: u64,
    lens: [u32; 4],
    /// How many directives the file has.
    count: u32,
}

impl Entry {
    pub fn count(&self) -> usize {
        self.count as usize
    }

    fn head_len(&self) -> usize {
        self.lens[0] as usize + self.lens[1] as usize
    }

    fn body_len(&self, logs: bool) -> usize {
        self.lens[2] as usize + if logs { self.lens[3] as usize } else { 0 }
    }
}

/// The cache file, open, its header, index and heads read. Bodies are read when used, each
/// file's on its own: a load never holds the whole cache besides what it decoded from it.
pub(super) struct CacheFile {
    file: std::sync::Arc<std::fs::File>,
    size: u64,
    /// The header, the index, then the heads region (at `index_end`).
    bytes: std::sync::Arc<Vec<u8>>,
    index_end: usize,
}

/// The cache as read: valid for this version and these `dondoc.toml` bytes.
pub(super) struct Cache<'c> {
    /// The start of the load that wrote it.
    written_from_ns: i128,
    file: std::sync::Arc<std::fs::File>,
    /// The cache file's start, up to the bodies: an entry's head is found at its `head_at`.
    heads: std::sync::Arc<Vec<u8>>,
    entries: HashMap<&'c str, Entry, foldhash::fast::RandomState>,
}

/// How a file's parse was had, and what the next cache keeps of it.
pub(super) struct Fresh<T = FileLoad> {
    pub load: T,
    /// `None` when the file could not be read: not cached.
    pub entry: Option<NewEntry>,
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

pub(super) struct NewEntry {
    path: String,
    stat: Stat,
    fingerprint: Fingerprint,
    head_check: u64,
    body_check: u64,
    log_check: u64,
    count: u32,
    blocks: Blocks,
}

/// A new entry's blocks: those of an entry of the old cache (copied when it is written), or
/// new ones.
enum Blocks {
    Old(Entry),
    New([Vec<u8>; 4]),
}

impl NewEntry {
    /// The entry `old` again, with the stat just taken.
    fn again(rel: &str, stat: Stat, old: &Entry) -> NewEntry {
        NewEntry {
            path: rel.to_string(),
            stat,
            fingerprint: old.fingerprint,
            head_check: old.head_check,
            body_check: old.body_check,
            log_check: old.log_check,
            count: old.count,
            blocks: Blocks::Old(*old),
        }
    }

    fn lens(&self) -> [u32; 4] {
        match &self.blocks {
            Blocks::Old(e) => e.lens,
            Blocks::New(b) => b.each_ref().map(|b| b.len() as u32),
        }
    }

    fn head_len(&self) -> usize {
        let lens = self.lens();
        lens[0] as usize + lens[1] as usize
    }
}

/// Reads `buf.len()` bytes of `file` at `offset`, without moving a shared position (the
/// loader's threads read the cache at once).
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> Option<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(buf, offset).ok()
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            let n = file
                .seek_read(&mut buf[done..], offset + done as u64)
                .ok()?;
            if n == 0 {
                return None;
            }
            done += n;
        }
        Some(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, buf, offset);
        None
    }
}

/// The fixed part before the index: the header, the number of entries, the index's length,
/// the heads region's length.
fn fixed_len() -> usize {
    header(Fingerprint::default(), 0).len() + 4 + 8 + 8
}

impl CacheFile {
    /// The cache at `path`, its header and index read; `None` when it cannot be.
    pub fn open(path: &Path) -> Option<CacheFile> {
        use std::io::Read;
        let mut file = std::fs::File::open(path).ok()?;
        let size = file.metadata().ok()?.len();
        let fixed = fixed_len();
        let mut fixed_part = vec![0; fixed];
        file.read_exact(&mut fixed_part).ok()?;
        let index_len = u64::from_le_bytes(fixed_part[fixed - 16..fixed - 8].try_into().ok()?);
        let heads_len = u64::from_le_bytes(fixed_part[fixed - 8..].try_into().ok()?);
        if index_len.saturating_add(heads_len) > size.saturating_sub(fixed as u64) {
            return None;
        }
        // The index and the heads in one read, into memory not zeroed first.
        let rest = index_len + heads_len;
        let mut bytes = Vec::with_capacity(fixed + rest as usize);
        bytes.extend_from_slice(&fixed_part);
        (&mut file).take(rest).read_to_end(&mut bytes).ok()?;
        if bytes.len() as u64 != fixed as u64 + rest {
            return None;
        }
        Some(CacheFile {
            file: std::sync::Arc::new(file),
            size,
            bytes: std::sync::Arc::new(bytes),
            index_end: fixed + index_len as usize,
        })
    }
}

/// How many files of a load came from where (for tests and the benchmark).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheUse {
    pub by_stat: usize,
    pub by_content: usize,
    pub parsed: usize,
}

impl CacheUse {
    /// One more file, come `how`.
    pub fn count(&mut self, how: How) {
        match how {
            How::Stat => self.by_stat += 1,
            How::Content => self.by_content += 1,
            How::Parsed => self.parsed += 1,
        }
    }
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
    /// The cache in `cf`, when it is of this format and version and for `config` (the
    /// fingerprint of `dondoc.toml`'s bytes); `None` otherwise, and when anything is off.
    pub fn parse(cf: &'c CacheFile, config: Fingerprint) -> Option<Cache<'c>> {
        let size = cf.size;
        let mut r = Reader(&cf.bytes[..cf.index_end]);
        let written_from_ns = {
            let expected = header(config, 0);
            let head = r.take(expected.len() - 16)?;
            if head != &expected[..expected.len() - 16] {
                return None;
            }
            r.i128()?
        };
        let count = r.u32()? as usize;
        let _index_len = r.u64()?;
        let _heads_len = r.u64()?;
        let mut head_at = cf.index_end;
        let mut body_at = cf.bytes.len() as u64;
        let mut entries = HashMap::with_capacity_and_hasher(count.min(1 << 20), Default::default());
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
            let head_check = r.u64()?;
            let body_check = r.u64()?;
            let log_check = r.u64()?;
            let lens = [r.u32()?, r.u32()?, r.u32()?, r.u32()?];
            let count = r.u32()?;
            let entry = Entry {
                stat,
                fingerprint,
                head_check,
                body_check,
                log_check,
                head_at,
                body_at,
                lens,
                count,
            };
            head_at += entry.head_len();
            body_at += entry.body_len(true) as u64;
            entries.insert(path, entry);
        }
        // Bytes left in the index, or regions of other lengths than the entries say: a cache
        // truncated, or written by something else.
        if !r.0.is_empty() || head_at != cf.bytes.len() || body_at != size {
            return None;
        }
        Some(Cache {
            written_from_ns,
            file: cf.file.clone(),
            heads: cf.bytes.clone(),
            entries,
        })
    }

    /// The head of `entry` (its ids, then its file record), when its check holds.
    fn head(&self, entry: &Entry) -> Option<(&[u8], &[u8])> {
        let head = self
            .heads
            .get(entry.head_at..entry.head_at + entry.head_len())?;
        let (ids, file) = head.split_at(entry.lens[0] as usize);
        (check(&[ids, file]) == entry.head_check).then_some((ids, file))
    }

    /// The body of `entry`, its logs too when `logs`, read in one go.
    fn body(&self, entry: &Entry, logs: bool) -> Option<Vec<u8>> {
        let mut buf = vec![0; entry.body_len(logs)];
        read_at(&self.file, &mut buf, entry.body_at)?;
        Some(buf)
    }

    /// The cache without its index: enough to read the blocks of entries already looked up,
    /// and to write them into the next cache, in less memory.
    pub fn thin(&self) -> Cache<'static> {
        Cache {
            written_from_ns: self.written_from_ns,
            file: self.file.clone(),
            heads: self.heads.clone(),
            entries: HashMap::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The entry of `rel` when its stat is the cached one and the file last changed well
    /// before the load that wrote the cache.
    fn by_stat(&self, rel: &str, stat: &Stat) -> Option<&Entry> {
        let entry = self.entries.get(rel)?;
        let changed = stat.mtime_ns.max(stat.ctime_ns);
        let settled = changed < self.written_from_ns - RACY.as_nanos() as i128;
        (entry.stat == *stat && settled).then_some(entry)
    }
}

/// A check of a block: a fast hash of its words, not std's (a cache of 100 MB is checked
/// at every start). Damage is what it catches, not forgery: the cache is the user's own.
fn check(blocks: &[&[u8]]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = 0x243f_6a88_85a3_08d3;
    for block in blocks {
        h = (h.rotate_left(5) ^ block.len() as u64).wrapping_mul(K);
        let mut words = block.chunks_exact(8);
        for w in &mut words {
            let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        }
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    }
    // A final mix, so that every input bit reaches every output bit.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The ids and the file record of an entry, when its check holds.
fn decode_head(cache: &Cache, entry: &Entry) -> Option<(Vec<IdAt<'static>>, SourceFile)> {
    let (ids, file) = cache.head(entry)?;
    let ids: Vec<IdAt> = postcard::from_bytes(ids).ok()?;
    let ids = ids
        .into_iter()
        .map(|i| IdAt {
            id: Cow::Owned(i.id.into_owned()),
            line: i.line,
            id_pos: i.id_pos,
        })
        .collect();
    let file: SourceFile = postcard::from_bytes(file).ok()?;
    Some((ids, file))
}

/// The file and its directives; their logs too when `logs`.
fn decode(cache: &Cache, entry: &Entry, logs: bool) -> Option<FileLoad> {
    let (_, file) = cache.head(entry)?;
    let buf = cache.body(entry, logs)?;
    let (payload, log_block) = buf.split_at(entry.lens[2] as usize);
    if check(&[payload]) != entry.body_check || (logs && check(&[log_block]) != entry.log_check) {
        return None;
    }
    let file: SourceFile = postcard::from_bytes(file).ok()?;
    let mut directives: Vec<Directive> = postcard::from_bytes(payload).ok()?;
    if logs {
        let logs: Vec<Vec<LogEntry>> = postcard::from_bytes(log_block).ok()?;
        if logs.len() != directives.len() {
            return None;
        }
        for (d, log) in directives.iter_mut().zip(logs) {
            d.log = log;
        }
    }
    Some(FileLoad { file, directives })
}

/// Where each of a parse's directives is.
pub(super) fn ids_of(load: &FileLoad) -> Vec<IdAt<'_>> {
    load.directives
        .iter()
        .map(|d| IdAt {
            id: Cow::Borrowed(d.id.as_str()),
            line: d.line,
            id_pos: d.id_pos,
        })
        .collect()
}

/// The entry of `rel` and the stat just taken, when the cache vouches for the file by its
/// stat alone; nothing is read or decoded yet.
pub(super) fn hit_by_stat(
    cache: &Cache,
    root: &Path,
    rel: &str,
    stat: Option<Stat>,
) -> Option<(Entry, Stat)> {
    let stat = match stat {
        Some(stat) => stat,
        None => Stat::of(&std::fs::metadata(root.join(rel)).ok()?),
    };
    let entry = cache.by_stat(rel, &stat)?;
    Some((*entry, stat))
}

/// The entry `old` of `rel` again for the next cache, with the stat just taken.
pub(super) fn again(rel: &str, stat: Stat, old: &Entry) -> NewEntry {
    NewEntry::again(rel, stat, old)
}

/// The ids of `rel`'s directives, as the cache holds them, and its entry for the next cache,
/// when the cache vouches for the file by its stat (`stat`, or taken now): nothing of the
/// file is read, nor any directive decoded.
pub(super) fn ids_by_stat<'a>(
    cache: &'a Cache,
    root: &Path,
    rel: &str,
    stat: Option<Stat>,
) -> Option<(IdBlock<'a>, NewEntry)> {
    let stat = match stat {
        Some(stat) => stat,
        None => Stat::of(&std::fs::metadata(root.join(rel)).ok()?),
    };
    let entry = cache.by_stat(rel, &stat)?;
    let (ids, _) = cache.head(entry)?;
    // Decoded once here so that a block that does not decode sends the file to be read.
    postcard::from_bytes::<Vec<IdRef>>(ids).ok()?;
    Some((IdBlock { ids }, NewEntry::again(rel, stat, entry)))
}

/// A file's ids as the cache holds them, decoded when looked at: a `set` looks through every
/// file's ids, and a copy of each (20,000 at 20,000 directives) was most of its allocations.
pub(super) struct IdBlock<'a> {
    ids: &'a [u8],
}

impl IdBlock<'_> {
    /// The ids, in file order (borrowed from the block).
    pub fn ids(&self) -> Vec<&str> {
        postcard::from_bytes::<Vec<IdRef>>(self.ids)
            .map(|ids| ids.into_iter().map(|i| i.id).collect())
            .unwrap_or_default()
    }
}

/// [`IdAt`] decoded with its id borrowed from the block, field for field (postcard reads
/// fields in order).
#[derive(Deserialize)]
struct IdRef<'a> {
    id: &'a str,
    #[allow(dead_code)]
    line: usize,
    #[allow(dead_code)]
    id_pos: (usize, usize),
}

fn encode(rel: &str, stat: Stat, fingerprint: Fingerprint, load: &FileLoad) -> Option<NewEntry> {
    let ids = postcard::to_allocvec(&ids_of(load)).ok()?;
    let file = postcard::to_allocvec(&load.file).ok()?;
    let payload = postcard::to_allocvec(&load.directives).ok()?;
    let logs: Vec<&Vec<LogEntry>> = load.directives.iter().map(|d| &d.log).collect();
    let logs = postcard::to_allocvec(&logs).ok()?;
    Some(NewEntry {
        path: rel.to_string(),
        stat,
        fingerprint,
        head_check: check(&[&ids, &file]),
        body_check: check(&[&payload]),
        log_check: check(&[&logs]),
        count: load.directives.len() as u32,
        blocks: Blocks::New([ids, file, payload, logs]),
    })
}

/// What a load takes of each file: the whole parse ([`FileLoad`]), or only its [`Head`].
pub(super) trait Take: Sized {
    /// From a cache entry; `None` when the entry fails its checks or does not decode.
    fn from_entry(cache: &Cache, entry: &Entry) -> Option<Self>;
    fn from_parse(load: FileLoad) -> Self;
}

impl Take for FileLoad {
    fn from_entry(cache: &Cache, entry: &Entry) -> Option<Self> {
        decode(cache, entry, true)
    }
    fn from_parse(load: FileLoad) -> Self {
        load
    }
}

/// A file's parse with every directive's log left empty.
pub(super) struct WithoutLogs(pub FileLoad);

impl Take for WithoutLogs {
    fn from_entry(cache: &Cache, entry: &Entry) -> Option<Self> {
        decode(cache, entry, false).map(WithoutLogs)
    }
    fn from_parse(mut load: FileLoad) -> Self {
        for d in &mut load.directives {
            d.log = Vec::new();
        }
        WithoutLogs(load)
    }
}

/// A file's record and where its directives' ids are: what the problems of a workspace need.
pub(super) struct Head {
    pub file: SourceFile,
    pub ids: Vec<IdAt<'static>>,
}

impl Take for Head {
    fn from_entry(cache: &Cache, entry: &Entry) -> Option<Self> {
        decode_head(cache, entry).map(|(ids, file)| Head { file, ids })
    }
    fn from_parse(load: FileLoad) -> Self {
        let ids = load
            .directives
            .into_iter()
            .map(|d| IdAt {
                id: Cow::Owned(d.id),
                line: d.line,
                id_pos: d.id_pos,
            })
            .collect();
        Head {
            file: load.file,
            ids,
        }
    }
}

/// Reads one directive file through the cache: from it when the stat or the bytes say it is
/// unchanged, else parsed by `parse` (which also gets the read error, if any). A parse is
/// encoded for the next cache only when `keep`. `stat`: the
/// file's, taken by the walk (else taken here).
pub(super) fn read<T: Take>(
    cache: Option<&Cache>,
    root: &Path,
    rel: &str,
    stat: Option<Stat>,
    keep: bool,
    parse: impl Fn(std::io::Result<Vec<u8>>) -> FileLoad,
) -> Fresh<T> {
    let path = root.join(rel);
    let parsed = |load: FileLoad, entry| Fresh {
        load: T::from_parse(load),
        entry,
        how: How::Parsed,
    };
    // A file the cache vouches for by its stat is not even opened.
    if let Some(cache) = cache {
        let stat = stat.or_else(|| std::fs::metadata(&path).ok().map(|m| Stat::of(&m)));
        if let Some(stat) = stat {
            if let Some(entry) = cache.by_stat(rel, &stat) {
                if let Some(load) = T::from_entry(cache, entry) {
                    return Fresh {
                        load,
                        entry: Some(NewEntry::again(rel, stat, entry)),
                        how: How::Stat,
                    };
                }
            }
        }
    }
    // The stat is taken before the bytes are read: a change in between leaves a cached stat
    // older than the content, which the next load sees as changed.
    let opened = std::fs::File::open(&path).and_then(|f| {
        let meta = f.metadata()?;
        Ok((f, meta))
    });
    let (f, meta) = match opened {
        Ok(x) => x,
        Err(e) => return parsed(parse(Err(e)), None),
    };
    let stat = Stat::of(&meta);
    // Read with the loader's size limit, like every other read of a directive file.
    let bytes = match super::text::read_limited_from(f) {
        Ok(bytes) => bytes,
        Err(e) => return parsed(parse(Err(e)), None),
    };
    let fingerprint = super::text::fingerprint(&bytes);
    if let Some((cache, entry)) = cache
        .and_then(|c| Some((c, c.entries.get(rel)?)))
        .filter(|(_, e)| e.fingerprint == fingerprint)
    {
        if let Some(load) = T::from_entry(cache, entry) {
            return Fresh {
                load,
                entry: Some(NewEntry::again(rel, stat, entry)),
                how: How::Content,
            };
        }
    }
    let load = parse(Ok(bytes));
    let entry = if keep {
        encode(rel, stat, fingerprint, &load)
    } else {
        None
    };
    parsed(load, entry)
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

/// Writes the cache atomically (a temporary file beside it, renamed), the blocks of entries
/// taken again from `old`, the cache read. Failing to write it is not an error: the next
/// start is only slower.
pub(super) fn write(
    path: &Path,
    config: Fingerprint,
    written_from_ns: i128,
    entries: &[&NewEntry],
    old: Option<&Cache>,
) {
    let _ = try_write(path, config, written_from_ns, entries, old);
}

fn try_write(
    path: &Path,
    config: Fingerprint,
    written_from_ns: i128,
    entries: &[&NewEntry],
    old: Option<&Cache>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut index = Vec::with_capacity(entries.iter().map(|e| e.path.len() + 120).sum());
    for e in entries {
        index.extend_from_slice(&(e.path.len() as u32).to_le_bytes());
        index.extend_from_slice(e.path.as_bytes());
        index.extend_from_slice(&e.stat.size.to_le_bytes());
        index.extend_from_slice(&e.stat.mtime_ns.to_le_bytes());
        index.extend_from_slice(&e.stat.ctime_ns.to_le_bytes());
        index.extend_from_slice(&e.stat.ino.to_le_bytes());
        index.extend_from_slice(&e.stat.dev.to_le_bytes());
        index.extend_from_slice(&e.fingerprint.len.to_le_bytes());
        index.extend_from_slice(&e.fingerprint.hash.to_le_bytes());
        index.extend_from_slice(&e.head_check.to_le_bytes());
        index.extend_from_slice(&e.body_check.to_le_bytes());
        index.extend_from_slice(&e.log_check.to_le_bytes());
        for len in e.lens() {
            index.extend_from_slice(&len.to_le_bytes());
        }
        index.extend_from_slice(&e.count.to_le_bytes());
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        // Streamed: the cache is never whole in memory.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        out.write_all(&header(config, written_from_ns))?;
        out.write_all(&(entries.len() as u32).to_le_bytes())?;
        out.write_all(&(index.len() as u64).to_le_bytes())?;
        let heads_len: u64 = entries.iter().map(|e| e.head_len() as u64).sum();
        out.write_all(&heads_len.to_le_bytes())?;
        out.write_all(&index)?;
        let old = || old.ok_or(std::io::Error::from(std::io::ErrorKind::NotFound));
        for e in entries {
            match &e.blocks {
                Blocks::New(blocks) => {
                    out.write_all(&blocks[0])?;
                    out.write_all(&blocks[1])?;
                }
                Blocks::Old(entry) => {
                    let head = old()?
                        .heads
                        .get(entry.head_at..entry.head_at + entry.head_len())
                        .ok_or(std::io::ErrorKind::UnexpectedEof)?;
                    out.write_all(head)?;
                }
            }
        }
        let mut buf = Vec::new();
        for e in entries {
            match &e.blocks {
                Blocks::New(blocks) => {
                    out.write_all(&blocks[2])?;
                    out.write_all(&blocks[3])?;
                }
                Blocks::Old(entry) => {
                    buf.resize(entry.body_len(true), 0);
                    read_at(&old()?.file, &mut buf, entry.body_at)
                        .ok_or(std::io::ErrorKind::UnexpectedEof)?;
                    out.write_all(&buf)?;
                }
            }
        }
        out.flush()?;
    }
    // Not synced: a cache torn by a crash fails its checks entry by entry (or whole), and those
    // files are read again.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `IdRef` reads the bytes `IdAt` writes: the same fields in the same order.
    #[test]
    fn a_block_of_ids_reads_back_borrowed() {
        let ids = vec![
            IdAt {
                id: Cow::Borrowed("gb-2023-08-01"),
                line: 17,
                id_pos: (18, 6),
            },
            IdAt {
                id: Cow::Owned("mã-ổn-định".to_string()),
                line: 30,
                id_pos: (31, 8),
            },
        ];
        let bytes = postcard::to_allocvec(&ids).unwrap();
        let block = IdBlock { ids: &bytes };
        assert_eq!(block.ids(), ["gb-2023-08-01", "mã-ổn-định"]);
    }
}
