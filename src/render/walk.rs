//! One walk over a diff, which every view writes.
//!
//! [`walk`] turns one diff of the change log and its two revisions into what a reader
//! sees, in reading order: the [`Head`] blocks (the two versions and the period between
//! them, the title change, the stat line, the classes) and, when the text changed, the
//! [`Item`]s of the sentence list (each shown op with its margin [`Mark`], [`Note`]s,
//! paragraph break and class tags; the unchanged sentences left out; the places moved
//! sentences left). Which sentences are shown, where elisions and paragraph breaks fall
//! and how notes are worded is decided here, once, so the views cannot drift apart.
//!
//! # Adding a view
//!
//! A view is a block writer. Walk the change log's pairs with [`pairs`], call [`walk`]
//! on each with the view's [`Plan`], and write each `Head` and each `Item` in the view's
//! own markup, one `match` arm per block. `markdown.rs` is the shortest example; the
//! terminal view writes the same items in two layouts, and the HTML view writes them
//! twice on one page (inline, then side by side).

use std::fmt;

use crate::align::words::WordOp;
use crate::align::{Kind, Op};
use crate::article::{Revision, Side};
use crate::changelog::{ChangeLog, RevisionDiff, Stats, TitleChange};
use crate::classify::{Class, ClassEvidence};
use crate::render::period;
use crate::render::view::{Context, sentence};

/// What a view asks of the walk.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub context: Context,
    /// Hand over the sentences outside the context inside [`Item::Elided`] as well as
    /// their count, for a view that folds them away rather than leaving them out.
    pub fold: bool,
    /// Mark the place each moved sentence left with an [`Item::Departure`]. A departure
    /// counts as a change, so context is shown around it too.
    pub departures: bool,
}

/// A diff of the change log with the two revisions it joins.
#[derive(Debug, Clone, Copy)]
pub struct Pair<'a> {
    /// The diff's position in the change log's `diffs`.
    pub index: usize,
    pub diff: &'a RevisionDiff,
    pub old: &'a Revision,
    pub new: &'a Revision,
}

/// The diffs of a change log with their two revisions, in order. Revisions are found by
/// position, never by version number, which an archive may repeat.
pub fn pairs(log: &ChangeLog) -> impl Iterator<Item = Pair<'_>> + '_ {
    log.diffs.iter().enumerate().map(|(index, diff)| {
        let (old, new) = log.pair(diff);
        Pair {
            index,
            diff,
            old,
            new,
        }
    })
}

/// What a view writes of one diff.
pub struct Walk<'a> {
    /// The versions and the stats always; the title and the classes when there are any.
    pub head: Vec<Head<'a>>,
    /// The sentence list, or `None` when nothing in the text changed.
    pub body: Option<Vec<Item<'a>>>,
}

/// A block of a diff's heading, in this order.
pub enum Head<'a> {
    /// The two revisions, and the time between them in words (`about 4 hours later`).
    Versions {
        old: &'a Revision,
        new: &'a Revision,
        period: Option<String>,
    },
    /// The title changed: its word diff as runs, old to new.
    Title(Vec<(WordOp, &'a str)>),
    /// The counts for the stat line.
    Stats(&'a Stats),
    /// The change classes of the whole diff, with their evidence (never empty).
    Classes(&'a [ClassEvidence]),
    /// Paragraphs of either revision set aside as boilerplate (at least one), written
    /// with [`set_aside_line`](crate::render::view::set_aside_line).
    SetAside {
        old: &'a Revision,
        new: &'a Revision,
    },
}

/// An entry of a diff's sentence list.
pub enum Item<'a> {
    /// An op that is shown.
    Op(Shown<'a>),
    /// `count` unchanged sentences outside the context. `folded` holds their items when
    /// the plan folds, and is empty otherwise.
    Elided { count: usize, folded: Vec<Item<'a>> },
    /// The place old sentence `old` left when it moved to new sentence `new` (0-based);
    /// `up` when the new place comes earlier in the list.
    Departure { old: usize, new: usize, up: bool },
}

/// How the margin marks an op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Unchanged,
    /// Unchanged, but moved: a moved op that was also edited is marked [`Mark::Edited`].
    Moved,
    Added,
    Deleted,
    /// Edited, merged, split or rewritten.
    Edited,
}

impl Mark {
    fn of(op: &Op) -> Mark {
        match op.kind {
            Kind::Unchanged if op.moved => Mark::Moved,
            Kind::Unchanged => Mark::Unchanged,
            Kind::Added => Mark::Added,
            Kind::Deleted => Mark::Deleted,
            Kind::Edited | Kind::Merged | Kind::Split | Kind::Rewritten => Mark::Edited,
        }
    }
}

/// A merge, split, rewrite or move note of an op. Sentence numbers are 0-based here and
/// 1-based as written (`merged from old sentences 2, 3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note<'a> {
    MergedFrom(&'a [usize]),
    SplitInto(&'a [usize]),
    /// A many-to-many group: the old sentences its new ones were rewritten from.
    RewrittenFrom(&'a [usize]),
    MovedFrom(usize),
}

impl Note<'_> {
    /// The side whose sentences the note stands beside: a split with the old sentence
    /// that was split, a merge or move with the new sentence.
    pub fn side(&self) -> Side {
        match self {
            Note::SplitInto(_) => Side::Old,
            Note::MergedFrom(_) | Note::RewrittenFrom(_) | Note::MovedFrom(_) => Side::New,
        }
    }
}

impl fmt::Display for Note<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::MergedFrom(old) => write!(f, "merged from old sentences {}", list(old)),
            Note::SplitInto(new) => write!(f, "split into new sentences {}", list(new)),
            Note::RewrittenFrom(old) => write!(f, "rewritten from old sentences {}", list(old)),
            Note::MovedFrom(old) => write!(f, "moved from old sentence {}", old + 1),
        }
    }
}

/// 1-based sentence numbers for people: `2, 3`.
fn list(idx: &[usize]) -> String {
    idx.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// An op as a view shows it.
pub struct Shown<'a> {
    pub op: &'a Op,
    pub mark: Mark,
    /// The op starts a new paragraph of the new revision: the last op handed over before
    /// it (shown or folded) stood in another one.
    pub paragraph_break: bool,
    /// Merge or split first, then move.
    pub notes: Vec<Note<'a>>,
    /// The op's own classes, with their evidence.
    pub classes: &'a [ClassEvidence],
    /// The classes to tag the op with: the diff's classes that name it (the lede, a
    /// correction, appended sentences), then its own but names and wording, which are in
    /// nearly every edit and listed in the diff's head.
    pub tags: Vec<&'a ClassEvidence>,
    old: &'a Revision,
    new: &'a Revision,
}

impl<'a> Shown<'a> {
    /// The op's sentences on one side, in order (empty text for a sentence the revision
    /// does not have).
    pub fn sentences(&self, side: Side) -> impl Iterator<Item = &'a str> + 'a {
        let (idx, r) = match side {
            Side::Old => (&self.op.old, self.old),
            Side::New => (&self.op.new, self.new),
        };
        idx.iter().map(move |&i| sentence(r, i))
    }

    /// The op's sentences on one side, each through `f`, joined with single spaces.
    pub fn text(&self, side: Side, f: impl Fn(&str) -> String) -> String {
        self.sentences(side).map(f).collect::<Vec<_>>().join(" ")
    }
}

/// Walks one diff for a view: its head, and its sentence list as `plan` asks.
pub fn walk<'a>(pair: Pair<'a>, plan: &Plan) -> Walk<'a> {
    let Pair { diff, old, new, .. } = pair;
    let mut head = vec![Head::Versions {
        old,
        new,
        period: period(old.created, new.created),
    }];
    if let Some(t) = &diff.title {
        head.push(Head::Title(title_runs(t)));
    }
    head.push(Head::Stats(&diff.stats));
    if !diff.classes.is_empty() {
        head.push(Head::Classes(&diff.classes));
    }
    if !old.ignored.is_empty() || !new.ignored.is_empty() {
        head.push(Head::SetAside { old, new });
    }
    let body = diff.stats.has_changes().then(|| body(pair, plan));
    Walk { head, body }
}

/// A title change as word runs: its word diff, or the whole old title removed and the
/// whole new one added when there is none.
fn title_runs(t: &TitleChange) -> Vec<(WordOp, &str)> {
    if t.words.is_empty() {
        t.old
            .iter()
            .map(|o| (WordOp::Delete, o.as_str()))
            .chain(t.new.iter().map(|n| (WordOp::Insert, n.as_str())))
            .collect()
    } else {
        t.words.iter().map(|w| (w.op, w.text.as_str())).collect()
    }
}

/// A place in the sentence list before anything is left out: op `i`, or the place op
/// `i`'s old sentence left.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Op(usize),
    Departure(usize),
}

/// The sentence list: the slots in the context of a change, and the rest elided.
fn body<'a>(pair: Pair<'a>, plan: &Plan) -> Vec<Item<'a>> {
    let ops = &pair.diff.ops;
    let slots = slots(ops, plan.departures);
    let changes: Vec<bool> = slots
        .iter()
        .map(|s| match *s {
            Slot::Op(i) => is_change(&ops[i]),
            Slot::Departure(_) => true,
        })
        .collect();
    let shown = visible(&changes, plan.context.context, plan.context.full);
    let mut walker = Walker {
        pair,
        slot_of: vec![0; ops.len()],
        last_para: None,
    };
    for (k, s) in slots.iter().enumerate() {
        if let Slot::Op(i) = *s {
            walker.slot_of[i] = k;
        }
    }
    let mut items = Vec::new();
    let (mut count, mut folded) = (0, Vec::new());
    for (k, (&slot, show)) in slots.iter().zip(shown).enumerate() {
        if !show {
            count += 1;
            if plan.fold {
                folded.push(walker.item(k, slot));
            }
            continue;
        }
        if count > 0 {
            let folded = std::mem::take(&mut folded);
            items.push(Item::Elided { count, folded });
            count = 0;
        }
        items.push(walker.item(k, slot));
    }
    if count > 0 {
        items.push(Item::Elided { count, folded });
    }
    items
}

/// Whether an op is shown as a change (anything but an unchanged sentence in place).
fn is_change(op: &Op) -> bool {
    op.kind != Kind::Unchanged || op.moved
}

/// Which slots to show: every change, plus `context` slots on either side.
fn visible(changes: &[bool], context: usize, full: bool) -> Vec<bool> {
    let mut show: Vec<bool> = changes.iter().map(|&c| full || c).collect();
    for (i, &c) in changes.iter().enumerate() {
        if c {
            let lo = i.saturating_sub(context);
            let hi = i.saturating_add(context).min(changes.len() - 1);
            for s in &mut show[lo..=hi] {
                *s = true;
            }
        }
    }
    show
}

/// The slots of a diff in reading order: its ops and, with `departures`, after the op
/// that holds the nearest earlier old sentence that stayed in place, the place each
/// moved op left.
fn slots(ops: &[Op], departures: bool) -> Vec<Slot> {
    if !departures {
        return (0..ops.len()).map(Slot::Op).collect();
    }
    let n_old = ops
        .iter()
        .flat_map(|o| o.old.iter())
        .max()
        .map_or(0, |m| m + 1);
    let mut owner: Vec<Option<usize>> = vec![None; n_old];
    for (i, op) in ops.iter().enumerate() {
        for &o in &op.old {
            owner[o] = Some(i);
        }
    }
    // Departures to place after each op (index + 1), or first of all (index 0), with the
    // old sentence they left to sort them by.
    let mut after: Vec<Vec<(usize, usize)>> = vec![Vec::new(); ops.len() + 1];
    for (i, op) in ops.iter().enumerate() {
        if !op.moved || op.old.is_empty() {
            continue;
        }
        let o = op.old[0];
        let anchor = (0..o)
            .rev()
            .filter_map(|p| owner[p])
            .find(|&k| !ops[k].moved);
        after[anchor.map_or(0, |k| k + 1)].push((o, i));
    }
    let mut slots = Vec::with_capacity(ops.len() + after.iter().map(Vec::len).sum::<usize>());
    for (at, list) in after.iter_mut().enumerate() {
        if at > 0 {
            slots.push(Slot::Op(at - 1));
        }
        list.sort_unstable();
        slots.extend(list.iter().map(|&(_, i)| Slot::Departure(i)));
    }
    slots
}

/// Turns slots into items in order, keeping track of paragraphs.
struct Walker<'a> {
    pair: Pair<'a>,
    /// Where each op stands among the slots.
    slot_of: Vec<usize>,
    /// The new paragraph of the last op handed over.
    last_para: Option<usize>,
}

impl<'a> Walker<'a> {
    /// The item of slot `k`.
    fn item(&mut self, k: usize, slot: Slot) -> Item<'a> {
        match slot {
            Slot::Op(i) => Item::Op(self.shown(i)),
            Slot::Departure(i) => {
                let op = &self.pair.diff.ops[i];
                Item::Departure {
                    old: op.old[0],
                    new: op.new.first().copied().unwrap_or(0),
                    up: self.slot_of[i] < k,
                }
            }
        }
    }

    fn shown(&mut self, i: usize) -> Shown<'a> {
        let Pair { diff, old, new, .. } = self.pair;
        let op = &diff.ops[i];
        let para = op.new.first().map(|&n| new.paragraph_of(n));
        let paragraph_break = para.is_some() && self.last_para.is_some() && para != self.last_para;
        self.last_para = para.or(self.last_para);
        let classes = diff
            .op_classes
            .iter()
            .find(|c| c.op == i)
            .map_or(&[][..], |c| &c.classes);
        Shown {
            op,
            mark: Mark::of(op),
            paragraph_break,
            notes: notes(op),
            classes,
            tags: tags(diff, i, classes),
            old,
            new,
        }
    }
}

/// The notes of an op: merge, split or rewrite, then move.
fn notes(op: &Op) -> Vec<Note<'_>> {
    let mut notes = Vec::new();
    match op.kind {
        Kind::Merged => notes.push(Note::MergedFrom(&op.old)),
        Kind::Split => notes.push(Note::SplitInto(&op.new)),
        Kind::Rewritten => notes.push(Note::RewrittenFrom(&op.old)),
        _ => {}
    }
    if op.moved
        && let Some(&o) = op.old.first()
    {
        notes.push(Note::MovedFrom(o));
    }
    notes
}

/// See [`Shown::tags`].
fn tags<'a>(diff: &'a RevisionDiff, op: usize, own: &'a [ClassEvidence]) -> Vec<&'a ClassEvidence> {
    diff.classes
        .iter()
        .filter(|c| matches!(c.class, Class::Lede | Class::Correction | Class::Appended))
        .filter(|c| c.ops.contains(&op))
        .chain(
            own.iter()
                .filter(|c| !matches!(c.class, Class::Names | Class::Wording)),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_shows_neighbours_of_changes() {
        let changes = [false, false, true, false, false, false];
        assert_eq!(
            visible(&changes, 1, false),
            [false, true, true, true, false, false]
        );
        assert_eq!(visible(&changes, 0, true), [true; 6]);
    }

    #[test]
    fn notes_are_worded_alike() {
        assert_eq!(
            Note::MergedFrom(&[1, 2]).to_string(),
            "merged from old sentences 2, 3"
        );
        assert_eq!(
            Note::SplitInto(&[8, 9]).to_string(),
            "split into new sentences 9, 10"
        );
        assert_eq!(
            Note::RewrittenFrom(&[2, 3]).to_string(),
            "rewritten from old sentences 3, 4"
        );
        assert_eq!(Note::MovedFrom(3).to_string(), "moved from old sentence 4");
    }
}
