//! The review of a proposal before anything is written: each draft accepted, edited, split,
//! merged with the next or dropped, and the skipped paragraphs kept in view. Pure: the UI
//! holds a [`Review`] and draws it; writing goes through [`super::write`].

use super::render;
use super::{Draft, Flag, Proposal, Skipped};
use crate::model::Source;
use crate::store::create::NewDirective;
use std::collections::HashSet;

/// One draft and what the clerk decided about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub draft: Draft,
    pub accepted: bool,
    pub dropped: bool,
    /// Changed by the clerk (in the form, a split or a merge): no longer only what was read.
    pub edited: bool,
    /// An id typed in the form; otherwise the format's next free number is given at writing.
    pub id: Option<String>,
}

impl Item {
    fn new(draft: Draft) -> Item {
        Item {
            draft,
            accepted: false,
            dropped: false,
            edited: false,
            id: None,
        }
    }

    /// Neither accepted nor dropped yet.
    pub fn undecided(&self) -> bool {
        !self.accepted && !self.dropped
    }
}

/// Where a split cuts a draft's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// After this byte of the text (the end of a line or a sentence).
    At(usize),
    /// Two drafts with the whole text each, to be edited apart.
    Copy,
}

/// A proposal under review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub source: Source,
    /// What was read: the document's path as typed, or the words for a pasted text.
    pub origin: String,
    /// The meeting file the drafts go to (relative to the workspace), a new file.
    pub rel: String,
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// Something was decided or changed since the document was read (Esc asks first).
    pub touched: bool,
}

/// What a confirmed review writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToWrite {
    pub new: Vec<NewDirective>,
    /// Accepted drafts with no lead unit (written as drafts, `draft = true`, only when asked).
    pub unassigned: usize,
}

impl Review {
    pub fn new(p: Proposal, origin: &str, rel: &str) -> Review {
        Review {
            source: p.source,
            origin: origin.to_string(),
            rel: rel.to_string(),
            items: p.drafts.into_iter().map(Item::new).collect(),
            skipped: p.skipped,
            touched: false,
        }
    }

    pub fn accepted(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.accepted && !i.dropped)
            .count()
    }

    pub fn dropped(&self) -> usize {
        self.items.iter().filter(|i| i.dropped).count()
    }

    pub fn undecided(&self) -> usize {
        self.items.iter().filter(|i| i.undecided()).count()
    }

    /// Space: accepted, or back to undecided. A dropped draft taken back is accepted.
    pub fn toggle_accept(&mut self, i: usize) {
        if let Some(it) = self.items.get_mut(i) {
            if it.dropped {
                it.dropped = false;
                it.accepted = true;
            } else {
                it.accepted = !it.accepted;
            }
            self.touched = true;
        }
    }

    /// Every draft not dropped is accepted; when all already are, none is.
    pub fn accept_all(&mut self) {
        let all = self.items.iter().filter(|i| !i.dropped).all(|i| i.accepted);
        for it in self.items.iter_mut().filter(|i| !i.dropped) {
            it.accepted = !all;
        }
        self.touched = true;
    }

    /// Dropped (kept in the list, struck out, never written), or taken back.
    pub fn toggle_drop(&mut self, i: usize) {
        if let Some(it) = self.items.get_mut(i) {
            it.dropped = !it.dropped;
            if it.dropped {
                it.accepted = false;
            }
            self.touched = true;
        }
    }

    /// Draft `i` made two: the text cut at a line or sentence end, or copied whole. Both parts
    /// keep the units and deadline; both are left to accept again.
    pub fn split(&mut self, i: usize, how: Split) -> bool {
        let Some(it) = self.items.get(i) else {
            return false;
        };
        let text = it.draft.text.clone();
        let (a, b) = match how {
            Split::Copy => (text.clone(), text),
            Split::At(at) => {
                if at == 0 || at >= text.len() || !text.is_char_boundary(at) {
                    return false;
                }
                let (a, b) = text.split_at(at);
                (a.trim().to_string(), b.trim().to_string())
            }
        };
        if a.is_empty() || b.is_empty() {
            return false;
        }
        let mut first = self.items[i].clone();
        first.draft.text = a;
        first.draft.group = None;
        first.accepted = false;
        first.edited = true;
        first.id = None;
        let mut second = first.clone();
        second.draft.text = b;
        self.items[i] = first;
        self.items.insert(i + 1, second);
        self.touched = true;
        true
    }

    /// Draft `i` and the next become one: the texts joined, the first's units and deadline
    /// (the next's where the first has none), the coordinating units of both.
    pub fn merge_next(&mut self, i: usize) -> bool {
        if i + 1 >= self.items.len() {
            return false;
        }
        let next = self.items.remove(i + 1);
        let it = &mut self.items[i];
        let d = &mut it.draft;
        let n = next.draft;
        d.text = format!("{}\n{}", d.text.trim_end(), n.text.trim_start());
        if d.owner.is_none() {
            d.owner = n.owner;
        }
        for s in n.support {
            if !d.support.contains(&s) && d.owner.as_ref() != Some(&s) {
                d.support.push(s);
            }
        }
        if d.deadline.is_none() && !d.ongoing {
            d.deadline = n.deadline;
            d.ongoing = n.ongoing;
        }
        d.issued_by = d.issued_by.take().or(n.issued_by);
        d.note = d.note.take().or(n.note);
        for f in n.flags {
            if !d.flags.contains(&f) {
                d.flags.push(f);
            }
        }
        d.group = None;
        refresh_flags(d);
        it.accepted = false;
        it.dropped = false;
        it.edited = true;
        it.id = None;
        self.touched = true;
        true
    }

    /// Draft `i` replaced by what the form gave: one draft per lead unit chosen there
    /// (several share a group, as a task given to several units). Reviewed: accepted.
    pub fn replace(&mut self, i: usize, new: &[NewDirective], proposed_id: &str) {
        if i >= self.items.len() || new.is_empty() {
            return;
        }
        let old = self.items.remove(i);
        let group = (new.len() > 1).then(|| self.next_group());
        for (k, n) in new.iter().enumerate() {
            let mut d = old.draft.clone();
            d.text = n.text.clone();
            d.owner = Some(n.owner.clone()).filter(|o| !o.is_empty());
            d.support = n.support.clone();
            d.deadline = n.deadline;
            d.ongoing = n.deadline.is_none();
            d.issued_by = n.issued_by.clone();
            d.note = n.note.clone();
            d.status = n.status;
            d.done_on = n.done_on;
            d.group = group;
            // The clerk chose the units: what was not recognised no longer matters.
            d.flags.clear();
            refresh_flags(&mut d);
            let id = (new.len() == 1 && n.id != proposed_id).then(|| n.id.clone());
            self.items.insert(
                i + k,
                Item {
                    draft: d,
                    accepted: true,
                    dropped: false,
                    edited: true,
                    id,
                },
            );
        }
        self.touched = true;
    }

    /// A skipped paragraph made a draft after all (with no lead unit: the clerk edits it).
    pub fn revive(&mut self, skipped: usize) -> Option<usize> {
        if skipped >= self.skipped.len() {
            return None;
        }
        let s = self.skipped.remove(skipped);
        let draft = Draft {
            text: s.text,
            line: s.line,
            flags: vec![Flag::NoLead],
            ..Draft::default()
        };
        let at = self
            .items
            .iter()
            .position(|i| i.draft.line > s.line)
            .unwrap_or(self.items.len());
        let mut item = Item::new(draft);
        item.edited = true;
        self.items.insert(at, item);
        self.touched = true;
        Some(at)
    }

    fn next_group(&self) -> usize {
        self.items
            .iter()
            .filter_map(|i| i.draft.group)
            .max()
            .map_or(1_000_000, |g| g + 1)
    }

    /// The ids the drafts in `keep` get, in list order: the file's prefix and the next free
    /// numbers, or the id typed in the form. `None` for the others.
    fn ids_of(&self, keep: impl Fn(&Item) -> bool, taken: &HashSet<String>) -> Vec<Option<String>> {
        let prefix = render::slug(
            std::path::Path::new(&self.rel)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("import"),
        );
        let mut used = taken.clone();
        used.extend(self.items.iter().filter_map(|i| i.id.clone()));
        let kept: Vec<Draft> = self
            .items
            .iter()
            .filter(|i| keep(i))
            .map(|i| i.draft.clone())
            .collect();
        let mut proposed = render::assign_ids(&kept, &prefix, &used).into_iter();
        self.items
            .iter()
            .map(|i| {
                if keep(i) {
                    let p = proposed.next();
                    i.id.clone().or(p)
                } else {
                    None
                }
            })
            .collect()
    }

    /// The ids the drafts not dropped would get, in list order (as the form shows them).
    pub fn ids(&self, taken: &HashSet<String>) -> Vec<Option<String>> {
        self.ids_of(|i| !i.dropped, taken)
    }

    /// The accepted drafts as the store's new directives, in list order, numbered in turn.
    pub fn to_write(&self, taken: &HashSet<String>) -> ToWrite {
        let written = |i: &Item| i.accepted && !i.dropped;
        let ids = self.ids_of(written, taken);
        let mut drafts = Vec::new();
        let mut kept = Vec::new();
        for (it, id) in self.items.iter().zip(ids) {
            if let Some(id) = id {
                drafts.push(it.draft.clone());
                kept.push(id);
            }
        }
        let unassigned = drafts.iter().filter(|d| d.owner.is_none()).count();
        let p = Proposal {
            source: self.source.clone(),
            drafts,
            skipped: Vec::new(),
        };
        ToWrite {
            new: render::to_new(&p, &kept),
            unassigned,
        }
    }

    /// Draft `i` as the directive form shows it, with the id it would get.
    pub fn as_new(&self, i: usize, taken: &HashSet<String>) -> Option<NewDirective> {
        let id = self.ids(taken).into_iter().nth(i)??;
        let d = &self.items.get(i)?.draft;
        let p = Proposal {
            source: self.source.clone(),
            drafts: vec![d.clone()],
            skipped: Vec::new(),
        };
        let mut new = render::to_new(&p, &[id]).pop()?;
        // The form shows the text as it was read, line breaks and all.
        new.text = d.text.trim().to_string();
        if new.issued_by.is_none() {
            new.issued_by = d.issued_by.clone().or(self.source.issued_by.clone());
        }
        Some(new)
    }
}

/// A draft with a lead unit is no longer flagged for lacking one.
fn refresh_flags(d: &mut Draft) {
    if d.owner.is_some() {
        d.flags
            .retain(|f| !matches!(f, Flag::NoLead | Flag::UnknownLead(_)));
    } else if !d.flags.iter().any(|f| matches!(f, Flag::NoLead)) {
        d.flags.insert(0, Flag::NoLead);
    }
}

/// Where a text may be cut: after each line, and after each sentence (". ", "; ", ": "
/// followed by more words). Byte offsets, in order, neither 0 nor the end.
pub fn split_points(text: &str) -> Vec<usize> {
    let mut points = Vec::new();
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let cut = match c {
            '\n' => true,
            '.' | ';' | ':' => bytes.get(end).is_some_and(|b| *b == b' ' || *b == b'\n'),
            _ => false,
        };
        if cut && !text[end..].trim().is_empty() && !text[..end].trim().is_empty() {
            // A line break right after a sentence end cuts at the same place.
            let at = if c == '\n' { i } else { end };
            if points.last() != Some(&at) && points.last().map(|p| p + 1) != Some(at) {
                points.push(at);
            }
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn draft(text: &str, owner: Option<&str>) -> Draft {
        Draft {
            text: text.into(),
            owner: owner.map(str::to_string),
            flags: if owner.is_none() {
                vec![Flag::NoLead]
            } else {
                vec![]
            },
            ..Draft::default()
        }
    }

    fn review(drafts: Vec<Draft>) -> Review {
        let p = Proposal {
            source: Source {
                title: "Thông báo kết luận".into(),
                ..Source::default()
            },
            drafts,
            skipped: vec![Skipped {
                line: 3,
                kind: super::super::SkipKind::Narrative,
                text: "Tình hình kinh tế - xã hội tiếp tục ổn định.".into(),
            }],
        };
        Review::new(p, "tb.txt", "2023/thong-bao.toml")
    }

    #[test]
    fn only_accepted_drafts_are_written_numbered_in_turn() {
        let mut r = review(vec![
            draft("Một.", Some("ba-be")),
            draft("Hai.", None),
            draft("Ba.", Some("cuc-thue")),
        ]);
        assert_eq!(r.undecided(), 3);
        r.accept_all();
        r.toggle_drop(1);
        assert_eq!((r.accepted(), r.dropped(), r.undecided()), (2, 1, 0));
        let w = r.to_write(&HashSet::new());
        let ids: Vec<&str> = w.new.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["thong-bao-01", "thong-bao-02"]);
        assert_eq!(w.unassigned, 0);
        // Taken back from dropped: accepted, without a lead unit.
        r.toggle_accept(1);
        let w = r.to_write(&HashSet::new());
        assert_eq!(w.new.len(), 3);
        assert_eq!(w.unassigned, 1);
        assert!(w.new[1].draft);
    }

    #[test]
    fn a_split_cuts_at_a_sentence_or_copies_and_a_merge_joins() {
        let text = "Rà soát nguồn thu. Báo cáo kết quả\ntrước ngày 30/9.";
        let points = split_points(text);
        assert_eq!(points.len(), 2, "{points:?}");
        assert_eq!(&text[..points[0]], "Rà soát nguồn thu.");
        assert_eq!(&text[..points[1]], "Rà soát nguồn thu. Báo cáo kết quả");
        let mut d = draft(text, Some("ba-be"));
        d.deadline = NaiveDate::from_ymd_opt(2023, 9, 30);
        d.support = vec!["cuc-thue".into()];
        let mut r = review(vec![d, draft("Khác.", None)]);
        assert!(r.split(0, Split::At(points[0])));
        assert_eq!(r.items.len(), 3);
        assert_eq!(r.items[0].draft.text, "Rà soát nguồn thu.");
        assert_eq!(r.items[1].draft.text, "Báo cáo kết quả\ntrước ngày 30/9.");
        assert_eq!(r.items[1].draft.owner.as_deref(), Some("ba-be"));
        assert_eq!(r.items[1].draft.support, ["cuc-thue"]);
        assert!(r.split(2, Split::Copy));
        assert_eq!(r.items[2].draft.text, r.items[3].draft.text);
        assert!(!r.split(0, Split::At(0)));
        // The draft with no unit merged into the one before takes nothing away from it.
        r.items.truncate(3);
        r.items[2] = Item::new(draft("Khác.", None));
        assert!(r.merge_next(1));
        assert_eq!(r.items.len(), 2);
        assert_eq!(
            r.items[1].draft.text,
            "Báo cáo kết quả\ntrước ngày 30/9.\nKhác."
        );
        assert_eq!(r.items[1].draft.owner.as_deref(), Some("ba-be"));
        assert!(
            r.items[1].draft.flags.is_empty(),
            "{:?}",
            r.items[1].draft.flags
        );
        assert!(!r.merge_next(1));
    }

    #[test]
    fn the_form_result_replaces_the_draft_and_a_skipped_paragraph_can_come_back() {
        let mut r = review(vec![draft("Một.", None), draft("Hai.", Some("ba-be"))]);
        let taken = HashSet::new();
        let mut new = r.as_new(0, &taken).unwrap();
        assert_eq!(new.id, "thong-bao-01");
        new.owner = "cho-don".into();
        let a = NewDirective {
            id: "thong-bao-01-cho-don".into(),
            ..new.clone()
        };
        let b = NewDirective {
            id: "thong-bao-01-na-ri".into(),
            owner: "na-ri".into(),
            ..new
        };
        r.replace(0, &[a, b], "thong-bao-01");
        assert_eq!(r.items.len(), 3);
        assert!(r.items[0].accepted && r.items[0].draft.flags.is_empty());
        r.accept_all();
        let w = r.to_write(&taken);
        let ids: Vec<&str> = w.new.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            ["thong-bao-01-cho-don", "thong-bao-01-na-ri", "thong-bao-02"]
        );
        // Line 3 comes after the drafts (line 0 here).
        assert_eq!(r.revive(0), Some(3));
        assert!(r.skipped.is_empty());
        assert_eq!(r.items[3].draft.flags, [Flag::NoLead]);
    }
}
