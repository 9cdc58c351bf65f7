//! The search of the directives list, at the speed of typing on 200,000 directives.
//!
//! A directive matches when each term of the search ([`search_terms`]) is in
//! its folded search text, [`query::search_text`]: its id, text, note, issuer, its lead and
//! coordinating units' names, its meeting's title and number, one per line. No term holds a
//! line break, so a term is in that text exactly when it is in one of its parts. The index
//! keeps them apart:
//! - what is the directive's own (id, text, note, issuer) is folded into one buffer per chunk
//!   of directives, read in order by every search (memory read in order is fast; 200,000
//!   texts read in the rows' order are not);
//! - what many directives share (a meeting's title, a unit's name) is folded once and matched
//!   once per term, then looked up by number.
//!
//! The index is by position in `ws.directives`, so it is made again whenever the workspace
//! changes: folding 200,000 directives costs about what reading their files does.

use crate::fold::fold_into;
use crate::model::Workspace;
use memchr::memmem::Finder;
use rayon::prelude::*;
use std::collections::HashMap;

/// Directives per chunk: a multiple of 64, so a chunk owns whole words of a [`Matches`].
const CHUNK: usize = 4096;

/// No unit: the directive names a unit `dondoc.toml` does not list (its id is then searched
/// as its name, in the directive's own text).
const NO_UNIT: u32 = u32::MAX;

/// The folded search texts of a workspace's directives, by index in `ws.directives`.
#[derive(Debug, Default)]
pub struct SearchIndex {
    len: usize,
    chunks: Vec<Chunk>,
    /// Each file's meeting title and number, folded, by index in `ws.files`.
    files: Vec<Vec<u8>>,
    /// Each unit's name, folded, by index in `ws.owners`.
    units: Vec<Vec<u8>>,
}

#[derive(Debug, Default)]
struct Chunk {
    /// Own texts, folded (UTF-8), one after the other.
    text: Vec<u8>,
    /// Where each directive's own text starts in `text`, and where the last one ends.
    starts: Vec<usize>,
    /// Each directive's file.
    file: Vec<u32>,
    /// Each directive's units, lead first, by index in `ws.owners`: `units[unit_starts[i]..
    /// unit_starts[i + 1]]`.
    units: Vec<u32>,
    unit_starts: Vec<usize>,
}

/// A set of directives, by index in `ws.directives`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    words: Vec<u64>,
}

impl Matches {
    /// Every directive of `len`.
    pub fn all(len: usize) -> Matches {
        let mut words = vec![u64::MAX; len.div_ceil(64)];
        if !len.is_multiple_of(64) {
            if let Some(last) = words.last_mut() {
                *last = (1u64 << (len % 64)) - 1;
            }
        }
        Matches { words }
    }

    /// The directives at `indexes`, of `len`.
    pub fn of(len: usize, indexes: impl IntoIterator<Item = usize>) -> Matches {
        let mut words = vec![0u64; len.div_ceil(64)];
        for i in indexes {
            words[i / 64] |= 1 << (i % 64);
        }
        Matches { words }
    }

    pub fn contains(&self, index: usize) -> bool {
        self.words
            .get(index / 64)
            .is_some_and(|w| w & (1 << (index % 64)) != 0)
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// One term of a search, matched against what directives share before their own texts.
struct Term<'a> {
    finder: Finder<'a>,
    in_file: Vec<bool>,
    in_unit: Vec<bool>,
}

impl SearchIndex {
    /// The whole index of `ws`.
    pub fn build(ws: &Workspace) -> SearchIndex {
        let mut index = SearchIndex::start(ws);
        index.fold_more(ws, usize::MAX);
        index
    }

    /// An index with the shared parts folded (meetings, units) and none of the directives yet:
    /// [`SearchIndex::fold_more`] folds them, a few at a time while the user is idle.
    pub fn start(ws: &Workspace) -> SearchIndex {
        let units = ws
            .owners
            .par_iter()
            .map(|o| crate::fold::fold(&o.name).into_bytes())
            .collect();
        let files = ws
            .files
            .par_iter()
            .map(|f| {
                let mut s = Vec::new();
                fold_into(&f.source.title, &mut s);
                s.push(b'\n');
                fold_into(f.source.reference.as_deref().unwrap_or(""), &mut s);
                s
            })
            .collect();
        SearchIndex {
            len: ws.directives.len(),
            chunks: Vec::new(),
            files,
            units,
        }
    }

    /// Every directive folded: the index can be searched.
    pub fn is_complete(&self) -> bool {
        self.chunks.len() * CHUNK >= self.len
    }

    /// Folds the next `chunks` chunks of directives (of 4096), over every core. `ws` must be
    /// the workspace the index was started on.
    pub fn fold_more(&mut self, ws: &Workspace, chunks: usize) {
        let unit_of: HashMap<&str, u32, foldhash::fast::RandomState> = ws
            .owners
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i as u32))
            .collect();
        let from = (self.chunks.len() * CHUNK).min(ws.directives.len());
        let to = from
            .saturating_add(chunks.saturating_mul(CHUNK))
            .min(ws.directives.len());
        let more: Vec<Chunk> = ws.directives[from..to]
            .par_chunks(CHUNK)
            .map(|directives| Chunk::fold(directives, &unit_of))
            .collect();
        self.chunks.extend(more);
    }

    /// How many directives the index was made for.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The directives of `within` whose search text holds every term (folded, as
    /// `search_terms` gives them). No terms: all of `within`.
    pub fn matching(&self, terms: &[String], within: &Matches) -> Matches {
        assert!(self.is_complete(), "a search on an index still being made");
        let terms: Vec<Term> = terms
            .iter()
            .map(|t| {
                let finder = Finder::new(t.as_bytes());
                let holds = |s: &Vec<u8>| finder.find(s).is_some();
                Term {
                    in_file: self.files.par_iter().map(holds).collect(),
                    in_unit: self.units.iter().map(holds).collect(),
                    finder,
                }
            })
            .collect();
        let mut words = within.words.clone();
        words.resize(self.len.div_ceil(64), 0);
        words
            .par_chunks_mut(CHUNK / 64)
            .zip(self.chunks.par_iter())
            .for_each(|(words, chunk)| {
                for (w, word) in words.iter_mut().enumerate() {
                    let mut bits = *word;
                    while bits != 0 {
                        let bit = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        let i = w * 64 + bit;
                        if !terms.iter().all(|t| chunk.holds(i, t)) {
                            *word &= !(1 << bit);
                        }
                    }
                }
            });
        Matches { words }
    }
}

impl Chunk {
    fn fold(
        directives: &[crate::model::Directive],
        unit_of: &HashMap<&str, u32, foldhash::fast::RandomState>,
    ) -> Chunk {
        let mut chunk = Chunk {
            text: Vec::with_capacity(directives.len() * 160),
            starts: Vec::with_capacity(directives.len() + 1),
            file: Vec::with_capacity(directives.len()),
            units: Vec::with_capacity(directives.len() * 2),
            unit_starts: Vec::with_capacity(directives.len() + 1),
        };
        for d in directives {
            chunk.starts.push(chunk.text.len());
            chunk.unit_starts.push(chunk.units.len());
            chunk.file.push(d.file as u32);
            let parts = [
                d.id.as_str(),
                &d.text,
                d.note.as_deref().unwrap_or(""),
                d.issued_by.as_deref().unwrap_or(""),
            ];
            for part in parts {
                fold_into(part, &mut chunk.text);
                chunk.text.push(b'\n');
            }
            for unit in std::iter::once(&d.owner).chain(&d.support) {
                match unit_of.get(unit.as_str()) {
                    Some(&i) => chunk.units.push(i),
                    None => {
                        chunk.units.push(NO_UNIT);
                        fold_into(unit, &mut chunk.text);
                        chunk.text.push(b'\n');
                    }
                }
            }
        }
        chunk.starts.push(chunk.text.len());
        chunk.unit_starts.push(chunk.units.len());
        chunk
    }

    /// Whether directive `i` of the chunk matches `term`.
    fn holds(&self, i: usize, term: &Term) -> bool {
        if term.in_file[self.file[i] as usize] {
            return true;
        }
        let units = &self.units[self.unit_starts[i]..self.unit_starts[i + 1]];
        if units
            .iter()
            .any(|&u| u != NO_UNIT && term.in_unit[u as usize])
        {
            return true;
        }
        let own = &self.text[self.starts[i]..self.starts[i + 1]];
        term.finder.find(own).is_some()
    }
}

/// Whether a search of `new` terms can only find fewer directives than one of `old`: each old
/// term is inside one of the new (a text holding the new one holds the old one too).
pub fn narrows(old: &[String], new: &[String]) -> bool {
    old.iter()
        .all(|o| new.iter().any(|n| n.contains(o.as_str())))
}

/// The search's terms, folded: its words, and each "quoted phrase" as one term (its words in
/// that order, one space apart), so `"giai ngan"` does not match "giải pháp … ngân sách".
pub fn search_terms(search: &str) -> Vec<String> {
    let folded = crate::fold::fold(search);
    let mut terms = Vec::new();
    for (i, part) in folded.split('"').enumerate() {
        let words = part.split_whitespace();
        if i % 2 == 1 {
            let phrase = words.collect::<Vec<_>>().join(" ");
            if !phrase.is_empty() {
                terms.push(phrase);
            }
        } else {
            terms.extend(words.map(str::to_string));
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_has_exactly_len_members() {
        for len in [0, 1, 63, 64, 65, 4096, 5000] {
            let all = Matches::all(len);
            assert_eq!(all.count(), len, "{len}");
            assert!(len == 0 || all.contains(len - 1));
            assert!(!all.contains(len));
        }
    }
}
