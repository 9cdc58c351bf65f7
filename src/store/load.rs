//! Reading a workspace: `dondoc.toml`, then every directive file below the root, in parallel;
//! and reloading one file when it changed. A broken file never stops the rest; every problem
//! gets a `path:line:col`. The checks themselves are in `directive_file` and `config_file`.

pub use super::cache::CacheUse;
use super::cache::{self, How};
use super::config_file::parse_config;
pub use super::config_file::CONFIG_FILE;
pub use super::directive_file::{load_file, log_time, FileLoad};
use super::files::is_directive_file;
use super::text;
use crate::model::*;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Why there is no workspace to show. The sentences are in `i18n::store`.
#[derive(Debug)]
pub enum LoadError {
    NotAFolder(PathBuf),
    NoConfig(PathBuf),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file that may hold the directive asked for was being saved by another program
    /// (open for writing) through the settled read's wait; `path` is relative to the root.
    Saving {
        path: String,
    },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::load_error(crate::i18n::Lang::En, self))
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Loads the workspace at `root`. Errors only when there is no workspace to show at all.
/// Files that did not change since the last load come from the cache ([`super::cache`]),
/// unless `DONDOC_NO_CACHE` is set (to anything but `0` or nothing).
pub fn load(root: &Path) -> Result<Workspace, LoadError> {
    let cache = cache_path(root);
    load_with_cache(root, cache.as_deref(), SystemTime::now()).map(|(ws, _)| ws)
}

/// The cache's file, unless `DONDOC_NO_CACHE` turns it off.
fn cache_path(root: &Path) -> Option<PathBuf> {
    let off = std::env::var_os("DONDOC_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0");
    if off {
        None
    } else {
        cache::location(root)
    }
}

/// The workspace as far as a change to directive `id` needs it: the settings, and only the
/// file that holds `id` (the first in path order, as in a full load), with its directives but
/// those whose ids an earlier file already uses. The files the cache vouches for by their stat
/// are neither read nor decoded; the others are read and parsed as in [`load`]. No file
/// holds `id`: no file in the workspace (ask [`load`] for the whole picture). An id used more
/// than once: the whole workspace, as [`load`] has it (a write refuses such an id).
pub fn load_for_edit(root: &Path, id: &str) -> Result<Workspace, LoadError> {
    let cache = cache_path(root);
    load_for_edit_with_cache(root, id, cache.as_deref(), SystemTime::now()).map(|(ws, _)| ws)
}

/// [`load_for_edit`] with the cache at `cache_path`, as if started at `now`.
///
/// No file holds `id` at the first read: a file another program is saving in place (truncate,
/// then write) reads empty or cut, so the files are looked at again once settled
/// ([`settle_for`]); one that holds `id` now is loaded. One still being saved after the
/// settled read's wait: [`LoadError::Saving`], not an unknown id.
pub fn load_for_edit_with_cache(
    root: &Path,
    id: &str,
    cache_path: Option<&Path>,
    now: SystemTime,
) -> Result<(Workspace, CacheUse), LoadError> {
    load_for_edit_observed(root, id, cache_path, now, &mut || {})
}

/// Times the files are looked at again when `id` is not found ([`load_for_edit_with_cache`]).
const SETTLE_ROUNDS: usize = 2;

/// [`load_for_edit_with_cache`], calling `not_found` each time no file held `id`, before the
/// files are looked at again: a test completes another program's save there.
#[doc(hidden)]
pub fn load_for_edit_observed(
    root: &Path,
    id: &str,
    cache_path: Option<&Path>,
    now: SystemTime,
    not_found: &mut dyn FnMut(),
) -> Result<(Workspace, CacheUse), LoadError> {
    let mut loaded = load_for_edit_once(root, id, cache_path, now)?;
    for _ in 0..SETTLE_ROUNDS {
        if loaded.0.directive(id).is_some() {
            break;
        }
        not_found();
        if !settle_for(root, id)? {
            break;
        }
        loaded = load_for_edit_once(root, id, cache_path, now)?;
    }
    Ok(loaded)
}

/// Whether a directive file below `root` holds `id` (written as a quoted string) once every
/// file another program has open for writing is settled ([`super::guard::read_settled`]): a
/// file saved in place reads empty or cut in the middle of the save. Still being saved after
/// the settled read's wait: [`LoadError::Saving`].
pub fn settle_for(root: &Path, id: &str) -> Result<bool, LoadError> {
    use super::guard::{self, ReadError};
    enum Look {
        Holds,
        Not,
        Saving,
    }
    let quoted = [format!("\"{id}\""), format!("'{id}'")];
    let holds = |bytes: &[u8]| {
        quoted
            .iter()
            .any(|q| memchr::memmem::find(bytes, q.as_bytes()).is_some())
    };
    let mut paths = Vec::new();
    collect_directive_files(root, root, &mut paths);
    paths.sort();
    let looks: Vec<Look> = paths
        .par_iter()
        .map(|rel| {
            let path = root.join(rel);
            let Ok(file) = std::fs::File::open(&path) else {
                return Look::Not;
            };
            let bytes = if guard::open_for_writing(&file) == Some(true) {
                match guard::read_settled(&path, |_| false) {
                    Ok(snap) => snap.bytes,
                    Err(ReadError::Unsettled) => return Look::Saving,
                    Err(ReadError::Io(_)) => return Look::Not,
                }
            } else {
                match text::read_limited_from(file) {
                    Ok(bytes) => bytes,
                    Err(_) => return Look::Not,
                }
            };
            if holds(&bytes) {
                Look::Holds
            } else {
                Look::Not
            }
        })
        .collect();
    if looks.iter().any(|l| matches!(l, Look::Holds)) {
        return Ok(true);
    }
    match looks.iter().position(|l| matches!(l, Look::Saving)) {
        Some(i) => Err(LoadError::Saving {
            path: paths[i].clone(),
        }),
        None => Ok(false),
    }
}

fn load_for_edit_once(
    root: &Path,
    id: &str,
    cache_path: Option<&Path>,
    now: SystemTime,
) -> Result<(Workspace, CacheUse), LoadError> {
    let Start {
        mut ws,
        known_owners,
        started,
        config,
    } = start(root, now)?;
    let cache_file = cache_path.and_then(cache::CacheFile::open);
    let old = cache_file
        .as_ref()
        .and_then(|f| cache::Cache::parse(f, config));
    let (paths, stats) = directive_files_with_stats(root, old.is_some());
    enum Got<'c> {
        // Boxed: both are large, and most files are one or the other.
        Ids(cache::IdBlock<'c>, Box<cache::NewEntry>),
        Read(Box<cache::Fresh>),
    }
    let parse = |rel: &str, bytes| load_file(rel, bytes, known_owners.as_ref());
    let keep = cache_path.is_some();
    let got: Vec<Got> = paths
        .par_iter()
        .zip(&stats)
        .map(|(rel, stat)| {
            match old
                .as_ref()
                .and_then(|c| cache::ids_by_stat(c, root, rel, *stat))
            {
                Some((ids, entry)) => Got::Ids(ids, Box::new(entry)),
                None => Got::Read(Box::new(cache::read::<FileLoad>(
                    old.as_ref(),
                    root,
                    rel,
                    *stat,
                    keep,
                    |b| parse(rel, b),
                ))),
            }
        })
        .collect();
    let mut used = CacheUse::default();
    for g in &got {
        used.count(match g {
            Got::Ids(..) => How::Stat,
            Got::Read(f) => f.how,
        });
    }
    if let Some(path) = cache_path {
        // An edit's own write makes the cache out of date for its file anyway: the next full
        // load writes it.
        if cache::worth_writing(old.as_ref().map(|c| c.len()), got.len(), used, false) {
            let entries: Vec<&cache::NewEntry> = got
                .iter()
                .filter_map(|g| match g {
                    Got::Ids(_, e) => Some(e.as_ref()),
                    Got::Read(f) => f.entry.as_ref(),
                })
                .collect();
            cache::write(path, config, started, &entries, old.as_ref());
        }
    }
    fn ids_of<'g>(g: &'g Got) -> Vec<&'g str> {
        match g {
            Got::Ids(block, _) => block.ids(),
            Got::Read(f) => f.load.directives.iter().map(|d| d.id.as_str()).collect(),
        }
    }
    let ids: Vec<Vec<&str>> = got.iter().map(ids_of).collect();
    // Ids must be unique, and a write refuses one that several directives share (naming
    // every use): then the whole workspace is loaded, so that every use is known.
    let uses: usize = ids.iter().flatten().filter(|i| **i == id).count();
    if uses > 1 {
        drop(ids);
        drop(got);
        return load_with_cache(root, cache_path, now);
    }
    // The first file, in path order, that holds `id`; the ids of its directives that a file
    // before it already uses (left out, as a full load leaves them out).
    let target = ids.iter().position(|file| file.contains(&id));
    let mut shadowed: HashSet<String> = HashSet::new();
    if let Some(i) = target {
        let own: HashSet<&str> = ids[i].iter().copied().collect();
        for earlier in ids[..i].iter().flatten() {
            if own.contains(earlier) {
                shadowed.insert(earlier.to_string());
            }
        }
    }
    drop(ids);
    if let Some(i) = target {
        let rel = paths[i].as_str();
        let load = match got.into_iter().nth(i) {
            Some(Got::Read(f)) => Some(f.load),
            // Vouched for by its stat a moment ago: decoded now (or read again if that fails).
            _ => Some(
                cache::read::<FileLoad>(old.as_ref(), root, rel, None, keep, |b| parse(rel, b))
                    .load,
            ),
        };
        if let Some(mut load) = load {
            load.directives.retain(|d| !shadowed.contains(&d.id));
            ws.add_file(load, &mut KnownIds::new());
        }
    }
    ws.recheck();
    Ok((ws, used))
}

/// Checks `root` is a workspace and reads its `dondoc.toml`.
fn open(root: &Path) -> Result<(Workspace, Vec<u8>), LoadError> {
    if !root.is_dir() {
        return Err(if root.exists() {
            LoadError::NotAFolder(root.to_path_buf())
        } else {
            LoadError::NoConfig(root.to_path_buf())
        });
    }
    let config_path = root.join(CONFIG_FILE);
    let config_bytes = match super::text::read_limited(&config_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NoConfig(root.to_path_buf()))
        }
        Err(e) => {
            return Err(LoadError::Io {
                path: config_path,
                source: e,
            })
        }
    };
    let ws = Workspace {
        root: root.to_path_buf(),
        ..Default::default()
    };
    Ok((ws, config_bytes))
}

/// [`load`] with the cache at `cache_path` (none: no cache), as if started at `now`; also
/// says how many files came from the cache.
pub fn load_with_cache(
    root: &Path,
    cache_path: Option<&Path>,
    now: SystemTime,
) -> Result<(Workspace, CacheUse), LoadError> {
    load_as::<FileLoad>(root, cache_path, now)
}

/// The workspace at `root` as [`load`] has it, but every directive's log left empty: for an
/// answer that never looks at a log (`list` of today). From the cache, no log is decoded or
/// held: the most memory a load takes.
pub fn load_without_logs(root: &Path) -> Result<Workspace, LoadError> {
    let cache = cache_path(root);
    load_without_logs_with_cache(root, cache.as_deref(), SystemTime::now()).map(|(ws, _)| ws)
}

/// [`load_without_logs`] with the cache at `cache_path` (none: no cache), as if started at
/// `now`.
pub fn load_without_logs_with_cache(
    root: &Path,
    cache_path: Option<&Path>,
    now: SystemTime,
) -> Result<(Workspace, CacheUse), LoadError> {
    load_as::<cache::WithoutLogs>(root, cache_path, now)
}

impl From<cache::WithoutLogs> for FileLoad {
    fn from(w: cache::WithoutLogs) -> FileLoad {
        w.0
    }
}

/// A directive to be overwritten: what the workspace's list is made of before each file's
/// directives are put in their place (moving a `String` in allocates nothing).
fn placeholder() -> Directive {
    Directive {
        id: String::new(),
        text: String::new(),
        owner: Name::default(),
        support: Vec::new(),
        issued_by: None,
        deadline: None,
        status: Status::Open,
        done_on: None,
        note: None,
        first_deadline: None,
        done_ref: None,
        draft: false,
        log: Vec::new(),
        file: 0,
        line: 0,
        id_pos: (0, 0),
    }
}

/// A full load (of `T`: with or without logs). The directives of the files the cache vouches
/// for are decoded straight into their place in the workspace's list, on every core: the
/// load never holds them twice (once per file, then in the list), which was its peak. When
/// the cache turns out damaged, the load starts again file by file ([`load_by_file`]).
fn load_as<T>(
    root: &Path,
    cache_path: Option<&Path>,
    now: SystemTime,
) -> Result<(Workspace, CacheUse), LoadError>
where
    T: cache::Take + Into<FileLoad> + Send,
{
    let Start {
        mut ws,
        known_owners,
        started,
        config,
    } = start(root, now)?;
    let cache_file = cache_path.and_then(cache::CacheFile::open);
    let old = cache_file
        .as_ref()
        .and_then(|f| cache::Cache::parse(f, config));
    let (paths, stats) = directive_files_with_stats(root, old.is_some());
    let Some(cache) = old.as_ref() else {
        drop(old);
        let start = Start {
            ws,
            known_owners,
            started,
            config,
        };
        return Ok(load_by_file::<T>(root, cache_path, start, paths));
    };
    enum Step {
        Hit(cache::Entry, cache::Stat),
        // Boxed: most files are hits, and a parse is large.
        Done(Box<cache::Fresh<FileLoad>>),
    }
    let steps: Vec<Step> = paths
        .par_iter()
        .zip(&stats)
        .map(
            |(rel, stat)| match cache::hit_by_stat(cache, root, rel, *stat) {
                Some((entry, stat)) => Step::Hit(entry, stat),
                None => {
                    let f =
                        cache::read::<T>(Some(cache), root, rel, None, cache_path.is_some(), |b| {
                            load_file(rel, b, known_owners.as_ref())
                        });
                    Step::Done(Box::new(cache::Fresh {
                        load: f.load.into(),
                        entry: f.entry,
                        how: f.how,
                    }))
                }
            },
        )
        .collect();
    let mut used = CacheUse::default();
    for step in &steps {
        used.count(match step {
            Step::Hit(..) => How::Stat,
            Step::Done(f) => f.how,
        });
    }
    // Known before the directives are decoded: the entries for the next cache are kept only
    // when it is written.
    let writing =
        cache_path.is_some() && cache::worth_writing(Some(cache.len()), steps.len(), used, true);
    // The index is not needed any more: let it go before the directives take their room.
    let cache = cache.thin();
    let cache = &cache;
    drop(old);
    drop(cache_file);
    let counts: Vec<usize> = steps
        .iter()
        .map(|s| match s {
            Step::Hit(entry, _) => entry.count(),
            Step::Done(f) => f.load.directives.len(),
        })
        .collect();
    let mut all = vec![placeholder(); counts.iter().sum()];
    let mut places = Vec::with_capacity(counts.len());
    let mut rest = all.as_mut_slice();
    for &count in &counts {
        let (place, after) = rest.split_at_mut(count);
        places.push(place);
        rest = after;
    }
    type Done = (SourceFile, Option<Box<cache::NewEntry>>);
    let done: Vec<Option<Done>> = steps
        .into_par_iter()
        .zip(places)
        .enumerate()
        .map(|(index, (step, place))| {
            let (load, entry) = match step {
                Step::Hit(e, stat) => {
                    let load: FileLoad = T::from_entry(cache, &e)?.into();
                    let entry = writing.then(|| cache::again(&paths[index], stat, &e));
                    (load, entry)
                }
                Step::Done(f) => {
                    let f = *f;
                    (f.load, f.entry.filter(|_| writing))
                }
            };
            if load.directives.len() != place.len() {
                return None;
            }
            for (slot, mut d) in place.iter_mut().zip(load.directives) {
                d.file = index;
                *slot = d;
            }
            Some((load.file, entry.map(Box::new)))
        })
        .collect();
    let Some(done) = done.into_iter().collect::<Option<Vec<_>>>() else {
        // A damaged entry: every file is parsed again, none of the cache trusted.
        drop(all);
        let start = Start {
            ws,
            known_owners,
            started,
            config,
        };
        return Ok(load_by_file::<T>(root, cache_path, start, paths));
    };
    if let (Some(path), true) = (cache_path, writing) {
        let entries: Vec<&cache::NewEntry> = done.iter().filter_map(|f| f.1.as_deref()).collect();
        cache::write(path, config, started, &entries, Some(cache));
    }
    let mut files: Vec<SourceFile> = done.into_iter().map(|f| f.0).collect();
    let ids = all.iter().map(|d| (d.file, d.id.as_str(), d.id_pos));
    let (_, keep) = first_uses(&mut files, ids, all.len());
    let mut keep = keep.into_iter();
    all.retain(|_| keep.next().unwrap_or(false));
    ws.directives = all;
    ws.files = files;
    ws.recheck();
    Ok((ws, used))
}

/// What every load starts from: the settings, read once, and the instant it started.
struct Start {
    ws: Workspace,
    known_owners: Option<HashSet<String>>,
    /// Taken before any file is looked at: the cache trusts a stat only for files that had
    /// settled by then.
    started: i128,
    config: Fingerprint,
}

fn start(root: &Path, now: SystemTime) -> Result<Start, LoadError> {
    let (mut ws, config_bytes) = open(root)?;
    let known_owners = parse_config(&config_bytes, &mut ws);
    Ok(Start {
        ws,
        known_owners,
        started: cache::now_ns(now),
        config: text::fingerprint(&config_bytes),
    })
}

/// [`load_as`] with no cache to trust (none yet, another version's, or a damaged entry): every
/// one of `paths` (sorted) parsed, then put together, and a new cache written.
fn load_by_file<T>(
    root: &Path,
    cache_path: Option<&Path>,
    start: Start,
    paths: Vec<String>,
) -> (Workspace, CacheUse)
where
    T: cache::Take + Into<FileLoad> + Send,
{
    let Start {
        mut ws,
        known_owners,
        started,
        config,
    } = start;
    let loaded: Vec<cache::Fresh<T>> = paths
        .par_iter()
        .map(|rel| {
            cache::read(None, root, rel, None, cache_path.is_some(), |bytes| {
                load_file(rel, bytes, known_owners.as_ref())
            })
        })
        .collect();
    let used = count_use(&loaded);
    if let Some(path) = cache_path {
        if cache::worth_writing(None, loaded.len(), used, true) {
            let entries: Vec<&cache::NewEntry> =
                loaded.iter().filter_map(|f| f.entry.as_ref()).collect();
            cache::write(path, config, started, &entries, None);
        }
    }
    let (mut files, lists): (Vec<SourceFile>, Vec<Vec<Directive>>) = loaded
        .into_iter()
        .map(|f| {
            let load: FileLoad = f.load.into();
            (load.file, load.directives)
        })
        .unzip();
    let keep = {
        let ids = lists
            .iter()
            .enumerate()
            .flat_map(|(index, list)| list.iter().map(move |d| (index, d.id.as_str(), d.id_pos)));
        let total = lists.iter().map(Vec::len).sum();
        first_uses(&mut files, ids, total).1
    };
    ws.directives
        .reserve_exact(keep.iter().filter(|&&k| k).count());
    let mut keep = keep.into_iter();
    for (index, list) in lists.into_iter().enumerate() {
        for mut d in list {
            if keep.next().unwrap_or(false) {
                d.file = index;
                ws.directives.push(d);
            }
        }
    }
    ws.files = files;
    ws.recheck();
    (ws, used)
}

fn count_use<T>(loaded: &[cache::Fresh<T>]) -> CacheUse {
    let mut used = CacheUse::default();
    for f in loaded {
        used.count(f.how);
    }
    used
}

/// Finds the uses of an id after its first (in path order, then file order), as a full load
/// leaves them out: each gets a duplicate-id problem in its file, naming where the id was
/// first used. `ids` are every directive's (file index, id, id's line and column), in order;
/// `total` how many. Returns how many ids are kept and, for each id in order, whether it is.
fn first_uses<'a>(
    files: &mut [SourceFile],
    ids: impl Iterator<Item = (usize, &'a str, (usize, usize))>,
    total: usize,
) -> (usize, Vec<bool>) {
    // foldhash, not std's SipHash: hashing ids was a twentieth of a cached `list`.
    let mut first: HashMap<&str, (u32, (usize, usize)), foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(total, Default::default());
    let mut keep = Vec::with_capacity(total);
    let mut kept = 0;
    for (index, id, id_pos) in ids {
        match first.get(id) {
            Some(&(other_file, (other_line, other_col))) => {
                let kind = ProblemKind::DuplicateId {
                    id: id.to_string(),
                    path: files[other_file as usize].path.clone(),
                    line: other_line as u32,
                    col: other_col as u32,
                };
                let path = files[index].path.clone();
                files[index].problems.push(Problem {
                    path,
                    line: id_pos.0,
                    col: id_pos.1,
                    kind,
                });
                keep.push(false);
            }
            None => {
                // A workspace has far fewer than 4 billion files.
                first.insert(id, (index as u32, id_pos));
                keep.push(true);
                kept += 1;
            }
        }
    }
    (kept, keep)
}

/// What `validate` answers: every problem, in path order, and how many directives, files and
/// units the workspace has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems {
    pub problems: Vec<Problem>,
    pub directives: usize,
    pub files: usize,
    pub owners: usize,
}

/// The problems of the workspace at `root`, as [`load`] would find them, and its counts;
/// through the cache, without decoding a single directive of the files it vouches for.
pub fn load_problems(root: &Path) -> Result<Problems, LoadError> {
    let cache = cache_path(root);
    load_problems_with_cache(root, cache.as_deref(), SystemTime::now()).map(|(p, _)| p)
}

/// [`load_problems`] with the cache at `cache_path` (none: no cache), as if started at `now`.
pub fn load_problems_with_cache(
    root: &Path,
    cache_path: Option<&Path>,
    now: SystemTime,
) -> Result<(Problems, CacheUse), LoadError> {
    let Start {
        mut ws,
        known_owners,
        started,
        config,
    } = start(root, now)?;
    let cache_file = cache_path.and_then(cache::CacheFile::open);
    let old = cache_file
        .as_ref()
        .and_then(|f| cache::Cache::parse(f, config));
    let (paths, stats) = directive_files_with_stats(root, old.is_some());
    let loaded: Vec<cache::Fresh<cache::Head>> = paths
        .par_iter()
        .zip(&stats)
        .map(|(rel, stat)| {
            cache::read(
                old.as_ref(),
                root,
                rel,
                *stat,
                cache_path.is_some(),
                |bytes| load_file(rel, bytes, known_owners.as_ref()),
            )
        })
        .collect();
    let used = count_use(&loaded);
    if let Some(path) = cache_path {
        if cache::worth_writing(old.as_ref().map(|c| c.len()), loaded.len(), used, true) {
            let entries: Vec<&cache::NewEntry> =
                loaded.iter().filter_map(|f| f.entry.as_ref()).collect();
            cache::write(path, config, started, &entries, old.as_ref());
        }
    }
    let (mut files, ids): (Vec<SourceFile>, Vec<Vec<cache::IdAt>>) = loaded
        .into_iter()
        .map(|f| (f.load.file, f.load.ids))
        .unzip();
    let total = ids.iter().map(Vec::len).sum();
    let all = ids.iter().enumerate().flat_map(|(index, list)| {
        list.iter()
            .map(move |at| (index, at.id.as_ref(), at.id_pos))
    });
    let (directives, _) = first_uses(&mut files, all, total);
    ws.files = files;
    ws.recheck();
    let problems = Problems {
        problems: ws.problems,
        directives,
        files: ws.files.len(),
        owners: ws.owners.len(),
    };
    Ok((problems, used))
}

/// Directive id → (file index, line).
/// Each id's file and the id's own line and column there.
type KnownIds = HashMap<String, (usize, (usize, usize))>;

impl Workspace {
    pub(super) fn known_ids(&self) -> KnownIds {
        self.directives
            .iter()
            .map(|d| (d.id.clone(), (d.file, d.id_pos)))
            .collect()
    }

    pub(super) fn add_file(&mut self, load: FileLoad, known: &mut KnownIds) {
        let index = self.files.len();
        self.files.push(load.file);
        self.insert_directives(index, load.directives, known);
    }

    /// Adds a file's directives, leaving out ids already used elsewhere (each such is a
    /// problem); `known` must hold the workspace's ids and gets the new ones.
    pub(super) fn insert_directives(
        &mut self,
        file_index: usize,
        directives: Vec<Directive>,
        known: &mut KnownIds,
    ) {
        for mut d in directives {
            d.file = file_index;
            if let Some(&(other_file, (other_line, other_col))) = known.get(&d.id) {
                let kind = ProblemKind::DuplicateId {
                    id: d.id.clone(),
                    path: self.files[other_file].path.clone(),
                    line: other_line as u32,
                    col: other_col as u32,
                };
                let (line, col) = d.id_pos;
                let path = self.files[file_index].path.clone();
                self.files[file_index].problems.push(Problem {
                    path,
                    line,
                    col,
                    kind,
                });
                continue;
            }
            known.insert(d.id.clone(), (file_index, d.id_pos));
            self.directives.push(d);
        }
    }

    /// Re-reads one directive file (after a write, or when it changed on disk); `rel` is
    /// relative to the root. A file that no longer exists is dropped. Returns false, having
    /// changed nothing, when the bytes on disk are the ones already loaded (dondoc's own
    /// write seen again by the watcher, a touch), the file is absent from both, or `rel` is
    /// not a directive file ([`is_directive_file`]: a sub-folder's `dondoc.toml`, say).
    pub fn reload_file(&mut self, rel: &str) -> bool {
        // Whoever reports the change (the watcher, git), only directive files are loaded.
        if !is_directive_file(rel) {
            return false;
        }
        let read = self.read_file(rel);
        self.put_file(read)
    }

    /// Gathers every problem: the config's and each file's, in path order.
    pub fn recheck(&mut self) {
        let mut problems = self.config_problems.clone();
        let mut files: Vec<&SourceFile> = self.files.iter().collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        for f in files {
            problems.extend(f.problems.iter().cloned());
        }
        self.problems = problems;
    }
}

/// Every directive file below `dir`, as paths relative to `root` with `/` separators, in no
/// particular order.
fn collect_directive_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut found = Vec::new();
    walk(root, dir, false, &mut found);
    out.extend(found.into_iter().map(|(rel, _)| rel));
}

/// Every directive file below `root` in path order, each regular file with its stat when
/// `stats` (see [`walk`]).
fn directive_files_with_stats(root: &Path, stats: bool) -> (Vec<String>, Vec<Option<cache::Stat>>) {
    let mut found = Vec::new();
    walk(root, root, stats, &mut found);
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    found.into_iter().unzip()
}

/// Every directive file below `dir` as [`collect_directive_files`] has them, each regular
/// file with its stat when `stats`: taken from its folder, it costs no lookup of the whole
/// path (a `set` stats every file). Subfolders are walked in parallel (a workspace has
/// hundreds).
fn walk(root: &Path, dir: &Path, stats: bool, out: &mut Vec<(String, Option<cache::Stat>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subfolders = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        // Symlinked folders are not followed: they could loop.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !entry.file_name().to_string_lossy().starts_with('.') {
                subfolders.push(path);
            }
        } else if is_directive_file(rel)
            // A symlink to a file is read; one to a folder is not followed.
            && (kind.is_file() || (kind.is_symlink() && path.is_file()))
        {
            // A regular file's own stat is the one its path leads to; a symlink's is not.
            let stat = (stats && kind.is_file())
                .then(|| entry.metadata().ok().map(|m| cache::Stat::of(&m)))
                .flatten();
            out.push((relative_path_string(rel), stat));
        }
    }
    let below: Vec<Vec<(String, Option<cache::Stat>)>> = subfolders
        .par_iter()
        .map(|sub| {
            let mut found = Vec::new();
            walk(root, sub, stats, &mut found);
            found
        })
        .collect();
    out.extend(below.into_iter().flatten());
}

/// A relative path with `/` separators, as shown to users.
pub fn relative_path_string(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn directive_file(ids: &[&str]) -> String {
        let mut s = "[source]\ntitle = \"Giao ban\"\ndate = 2023-08-25\n".to_string();
        for id in ids {
            s.push_str(&format!(
                "\n[[directive]]\nid = \"{id}\"\ntext = \"Việc {id}\"\nowner = \"a\"\nstatus = \"open\"\n"
            ));
        }
        s
    }

    #[test]
    fn an_id_used_in_two_files_is_kept_once_and_reported_where_it_was_first() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            CONFIG_FILE,
            "title = \"T\"\n[[owner]]\nid = \"a\"\nname = \"A\"\ngroup = \"G\"\n",
        );
        write(root, "1.toml", &directive_file(&["x-1", "x-2"]));
        write(root, "2.toml", &directive_file(&["x-3", "x-1"]));
        let mut ws = load(root).unwrap();
        let ids: Vec<&str> = ws.directives.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x-1", "x-2", "x-3"]);
        let problems: Vec<String> = ws.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            ["2.toml:12:6: duplicate id \"x-1\": already used at 1.toml:6:6"]
        );
        // Reloading the second file finds the same duplicate against the first.
        ws.reload_file("2.toml");
        assert_eq!(ws.directives.len(), 3);
        assert_eq!(ws.problems.len(), 1);
        // A new file with a known id, seen by a reload.
        write(root, "3.toml", &directive_file(&["x-2", "x-4"]));
        ws.reload_file("3.toml");
        let ids: Vec<&str> = ws.directives.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x-1", "x-2", "x-3", "x-4"]);
        assert_eq!(ws.problems.len(), 2);
    }

    #[test]
    fn only_directive_files_are_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let config = "title = \"T\"\n[[owner]]\nid = \"a\"\nname = \"A\"\ngroup = \"G\"\n";
        write(root, CONFIG_FILE, config);
        write(root, "2023/1.toml", &directive_file(&["x-1"]));
        // A copied workspace's settings, a hidden folder, a temporary file, not TOML.
        write(
            root,
            "old/dondoc.toml",
            "title = \"Old\"\n[[owner]]\nid = \"b\"\n",
        );
        write(root, ".git/x.toml", &directive_file(&["x-2"]));
        write(root, "2023/.dondoc-tmp.toml", &directive_file(&["x-3"]));
        write(root, "notes.txt", "[[directive]]");
        let mut ws = load(root).unwrap();
        let files: Vec<&str> = ws.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(files, ["2023/1.toml"]);
        assert_eq!(ws.problems, vec![]);
        assert_eq!(ws.directives.len(), 1);
        // A reload asked for by the watcher goes by the same rule.
        for rel in [
            "old/dondoc.toml",
            ".git/x.toml",
            "2023/.dondoc-tmp.toml",
            "notes.txt",
        ] {
            assert!(!ws.reload_file(rel), "{rel}");
        }
        assert_eq!(ws.files.len(), 1);
        assert_eq!(ws.problems, vec![]);
    }

    #[test]
    fn format_1_1_keys_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            CONFIG_FILE,
            r#"title = "T"
timezone = "Asia/Ho_Chi_Minh"
[report]
issuer = "TỈNH ỦY BẮC KẠN"
motto = "ĐẢNG CỘNG SẢN VIỆT NAM"
signer_title = ["K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
[[owner]]
id = "a"
name = "Huyện ủy A"
group = "G"
aliases = ["UBND huyện A"]
addressee = "Ban Thường vụ Huyện ủy A"
"#,
        );
        write(
            root,
            "1.toml",
            r#"[source]
title = "Giao ban"
date = 2023-08-25
issued_by = "Thường trực Tỉnh ủy"

[[directive]]
id = "x-01"
text = "Việc"
owner = "a"
deadline = 2023-10-31
first_deadline = 2023-09-30
status = "done"
done_on = 2023-10-20
done_ref = "Báo cáo số 45/BC-UBND"

[[directive.log]]
at = 2023-08-25T09:00:00+07:00
by = "A"
created = true
text = "Việc"
owner = "a"
support = ["a"]
deadline = 2023-09-30

[[directive.log]]
at = 2023-09-20T09:00:00+07:00
by = "A"
deadline = 2023-10-31
reason = "Đơn vị đề nghị"
ref = "Công văn 12/UBND"
approved_by = "Phó Bí thư"

[[directive.log]]
at = 2023-10-01T09:00:00+07:00
by = "A"
reminder = true
ref = "Công văn 99-CV/VPTU"

[[directive]]
id = "x-02"
text = "Nháp"
draft = true
status = "open"
"#,
        );
        let ws = load(root).unwrap();
        assert_eq!(ws.problems, vec![]);
        assert_eq!(ws.timezone.as_deref(), Some("Asia/Ho_Chi_Minh"));
        assert_eq!(ws.report.motto, ["ĐẢNG CỘNG SẢN VIỆT NAM"]);
        assert_eq!(ws.report.signer_title.len(), 2);
        assert_eq!(ws.owners[0].aliases, ["UBND huyện A"]);
        assert_eq!(ws.owners[0].addressee(), "Ban Thường vụ Huyện ủy A");
        assert_eq!(
            ws.files[0].source.issued_by.as_deref(),
            Some("Thường trực Tỉnh ủy")
        );
        let d = &ws.directives[0];
        assert_eq!(d.done_ref.as_deref(), Some("Báo cáo số 45/BC-UBND"));
        assert!(d.log[0].created);
        assert_eq!(d.log[0].support(), Some(&["a".to_string()][..]));
        assert_eq!(d.extensions(), 1);
        assert_eq!(
            d.latest_extension().unwrap().reason(),
            Some("Đơn vị đề nghị")
        );
        assert_eq!(d.reminders().count(), 1);
        assert!(ws.directives[1].draft);
        assert_eq!(ws.directives[1].owner, "");
    }
}
