//! Change classes: what kind of edit each op is (a number updated, a quote cut, an
//! attribution changed, ...) and what kinds of change a whole revision diff holds (the
//! headline, the lede, a correction note, material appended), each with its evidence.
//!
//! Everything here is a pure function of the ops and the texts. The change log calls it
//! once per diff (`changelog::diff`) and stores the result; renderers only read it.
//!
//! Per op (`edited`, `merged`, `split`): a pair that differs only in punctuation, quote or
//! dash style, case or white space is `typography` and nothing else. Otherwise the
//! changed words (from the op's word diff) are explained by the specific classes,
//! `number`, `quotation`, `attribution` and `names`, and whatever changed word none of
//! them explains makes the op `wording`. An `added` or `deleted` sentence can be
//! `quotation` (it holds quoted text), `names` (it brings in a name the other revision
//! never mentions, or takes one out) and `wording` (words outside those). Unchanged ops,
//! moved or not, have no class.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::align::words::{WordChange, WordOp};
use crate::align::{Kind, Op};
use crate::article::{Revision, Side};
use crate::text::lexicon::{
    CALENDAR_WORDS, FORMS_OF_BE, NAME_JOINERS, NUMBER_SCALES, NUMBER_WORDS, SAY_VERBS, TIME_ZONES,
    TITLES,
};
use crate::text::normalize::{normalize, typography_key};
use crate::text::tokens::{Token, has_word, strip_possessive, tokens, word_set};

/// A class of change. The order here is the order classes are listed in: the most
/// telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// The title changed (revision level only).
    Headline,
    /// A change touches a sentence of the first paragraph of either revision (revision
    /// level only).
    Lede,
    /// A correction or update note was added (revision level only).
    Correction,
    /// Sentences were added after the last sentence the old revision also had (revision
    /// level only).
    Appended,
    /// A number changed.
    Number,
    /// Quoted text changed, was added or was removed.
    Quotation,
    /// Who said it, or how, changed ("said Smith" → "said Jones").
    Attribution,
    /// A capitalised name was added, removed or replaced.
    Names,
    /// Words changed that no class above explains.
    Wording,
    /// Only punctuation, quote or dash style, case or white space changed.
    Typography,
}

impl Class {
    /// The class as it is written in the change log.
    pub fn name(self) -> &'static str {
        match self {
            Class::Headline => "headline",
            Class::Lede => "lede",
            Class::Correction => "correction",
            Class::Appended => "appended",
            Class::Number => "number",
            Class::Quotation => "quotation",
            Class::Attribution => "attribution",
            Class::Names => "names",
            Class::Wording => "wording",
            Class::Typography => "typography",
        }
    }
}

/// One piece of text evidence: what stood there and what stands there now. A side is
/// absent when the thing was added (no `old`) or removed (no `new`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Change {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

impl Change {
    fn new(old: Option<String>, new: Option<String>) -> Self {
        Change { old, new }
    }
}

/// A class found, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassEvidence {
    pub class: Class,
    /// Text evidence, in reading order: the numbers, quotes, attributions, names or
    /// changed passages, old → new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// Revision level: the indices (into the diff's `ops`) of the ops that show the class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ops: Vec<usize>,
    /// Revision level, for `lede`: the old sentences concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub old: Vec<usize>,
    /// Revision level, for `lede`, `correction` and `appended`: the new sentences
    /// concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new: Vec<usize>,
}

impl ClassEvidence {
    fn new(class: Class, changes: Vec<Change>) -> Self {
        ClassEvidence {
            class,
            changes,
            ops: Vec::new(),
            old: Vec::new(),
            new: Vec::new(),
        }
    }
}

/// The classes of one op, by its index in the diff's `ops`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpClasses {
    pub op: usize,
    pub classes: Vec<ClassEvidence>,
}

/// The classes of one op. `old` and `new` are the sentences of the two revisions.
/// (To classify many ops of one diff, [`Classifier`] shares the work between them.)
pub fn classify_op(op: &Op, old: &[&str], new: &[&str]) -> Vec<ClassEvidence> {
    Classifier::new(old, new).op(op)
}

/// Classifies the ops of one diff; it remembers what it learns of the whole revisions
/// (which words each one holds) between ops.
pub struct Classifier<'a> {
    old: &'a [&'a str],
    new: &'a [&'a str],
    old_words: OnceCell<HashSet<String>>,
    new_words: OnceCell<HashSet<String>>,
}

impl<'a> Classifier<'a> {
    pub fn new(old: &'a [&'a str], new: &'a [&'a str]) -> Self {
        Classifier {
            old,
            new,
            old_words: OnceCell::new(),
            new_words: OnceCell::new(),
        }
    }

    /// The classes of every op that has any, in op order.
    pub fn ops(&self, ops: &[Op]) -> Vec<OpClasses> {
        ops.iter()
            .enumerate()
            .map(|(op, o)| OpClasses {
                op,
                classes: self.op(o),
            })
            .filter(|c| !c.classes.is_empty())
            .collect()
    }

    /// The classes of one op.
    pub fn op(&self, op: &Op) -> Vec<ClassEvidence> {
        let mut out = match op.kind {
            Kind::Unchanged => Vec::new(),
            Kind::Added => match op.new.first().and_then(|&n| self.new.get(n)) {
                Some(s) => self.lone(Side::New, s),
                None => Vec::new(),
            },
            Kind::Deleted => match op.old.first().and_then(|&o| self.old.get(o)) {
                Some(s) => self.lone(Side::Old, s),
                None => Vec::new(),
            },
            Kind::Edited | Kind::Merged | Kind::Split => {
                let a = SideText::join(&op.old, self.old);
                let b = SideText::join(&op.new, self.new);
                edit(&a, &b, &op.words)
            }
        };
        out.sort_by_key(|c| c.class);
        out
    }

    /// Every word of one whole revision (possessive `'s` dropped).
    fn words_of(&self, side: Side) -> &HashSet<String> {
        let (cell, sents) = match side {
            Side::Old => (&self.old_words, self.old),
            Side::New => (&self.new_words, self.new),
        };
        cell.get_or_init(|| sents.iter().flat_map(|s| word_set(s)).collect())
    }

    /// An added (`side` = new) or deleted (`side` = old) sentence.
    fn lone(&self, side: Side, text: &str) -> Vec<ClassEvidence> {
        let evidence = |s: String| match side {
            Side::Old => Change::new(Some(s), None),
            Side::New => Change::new(None, Some(s)),
        };
        let toks = tokens(text);
        let mut covered = vec![false; toks.len()];
        let cover = |covered: &mut [bool], r: &Range<usize>| {
            let from = toks.partition_point(|t| t.end() <= r.start);
            for k in (from..toks.len()).take_while(|&k| toks[k].at < r.end) {
                covered[k] = true;
            }
        };
        let mut out = Vec::new();
        let qs = quotes(text);
        if !qs.is_empty() {
            for q in &qs {
                cover(&mut covered, &q.range);
            }
            let changes = qs.into_iter().map(|q| evidence(q.text)).collect();
            out.push(ClassEvidence::new(Class::Quotation, changes));
        }
        let other = self.words_of(side.other());
        let mut seen = HashSet::new();
        let ns: Vec<Found> = names(text, &[0])
            .into_iter()
            .filter(|n| !other.contains(&n.key) && seen.insert(n.text.clone()))
            .collect();
        if !ns.is_empty() {
            for n in &ns {
                cover(&mut covered, &n.range);
            }
            let changes = ns.into_iter().map(|n| evidence(n.text)).collect();
            out.push(ClassEvidence::new(Class::Names, changes));
        }
        let rest = toks.iter().zip(&covered).any(|(t, &c)| !c && t.is_word());
        if rest {
            // The op itself is the evidence: the whole sentence was added or deleted.
            out.push(ClassEvidence::new(Class::Wording, Vec::new()));
        }
        out
    }
}

impl Classifier<'_> {
    /// The classes of a whole diff: `headline`, `lede`, `correction` and `appended`, which
    /// only the whole revisions show, and every class of its ops (`op_classes`, from
    /// [`Classifier::ops`]) with their evidence gathered. Sorted by class.
    pub fn diff(
        &self,
        old: &Revision,
        new: &Revision,
        ops: &[Op],
        op_classes: &[OpClasses],
    ) -> Vec<ClassEvidence> {
        let mut out = Vec::new();
        if old.title != new.title {
            out.push(ClassEvidence::new(
                Class::Headline,
                vec![Change::new(old.title.clone(), new.title.clone())],
            ));
        }
        let typography_only: HashSet<usize> = op_classes
            .iter()
            .filter(|c| c.classes.iter().all(|c| c.class == Class::Typography))
            .map(|c| c.op)
            .collect();
        let typography_only = |k: usize| typography_only.contains(&k);

        // The lede: the first paragraph of either revision.
        let first = |r: &Revision| {
            r.paragraphs()
                .first()
                .map_or(0..0, |p| p.sentence_indices())
        };
        let (old_lede, new_lede) = (first(old), first(new));
        let mut lede = ClassEvidence::new(Class::Lede, Vec::new());
        for (k, op) in ops.iter().enumerate() {
            if (op.kind == Kind::Unchanged && !op.moved) || typography_only(k) {
                continue;
            }
            let o: Vec<usize> = op
                .old
                .iter()
                .copied()
                .filter(|i| old_lede.contains(i))
                .collect();
            let n: Vec<usize> = op
                .new
                .iter()
                .copied()
                .filter(|i| new_lede.contains(i))
                .collect();
            if !o.is_empty() || !n.is_empty() {
                lede.ops.push(k);
                lede.old.extend(o);
                lede.new.extend(n);
            }
        }
        if !lede.ops.is_empty() {
            lede.old.sort_unstable();
            lede.new.sort_unstable();
            out.push(lede);
        }

        // Correction and update notes.
        let added_op: std::collections::HashMap<usize, usize> = ops
            .iter()
            .enumerate()
            .filter(|(_, op)| op.kind == Kind::Added)
            .filter_map(|(k, op)| op.new.first().map(|&n| (n, k)))
            .collect();
        let mut correction = ClassEvidence::new(Class::Correction, Vec::new());
        let mut in_note: HashSet<usize> = HashSet::new();
        for (k, op) in ops.iter().enumerate() {
            match op.kind {
                Kind::Added => {
                    let Some(&n) = op.new.first() else { continue };
                    if n >= new.sentence_count()
                        || in_note.contains(&n)
                        || !is_correction(new.sentence(n))
                    {
                        continue;
                    }
                    // The note goes on with the added sentences after it in its paragraph
                    // ("Correction: ... gave her age incorrectly. She is 34, not 43.").
                    let mut note = vec![n];
                    let mut next = n + 1;
                    while next < new.sentence_count()
                        && new.paragraph_of(next) == new.paragraph_of(n)
                        && added_op.contains_key(&next)
                        && !is_correction(new.sentence(next))
                    {
                        note.push(next);
                        next += 1;
                    }
                    in_note.extend(&note);
                    correction
                        .changes
                        .push(Change::new(None, Some(new.joined(&note))));
                    correction.ops.extend(note.iter().map(|n| added_op[n]));
                    correction.new.extend(note);
                }
                Kind::Edited | Kind::Merged | Kind::Split => {
                    let (a, b) = (old.joined(&op.old), new.joined(&op.new));
                    if is_correction(&b) && !is_correction(&a) {
                        correction.changes.push(Change::new(Some(a), Some(b)));
                        correction.ops.push(k);
                        correction.new.extend(&op.new);
                    }
                }
                _ => {}
            }
        }
        if !correction.ops.is_empty() {
            correction.ops.sort_unstable();
            correction.ops.dedup();
            out.push(correction);
        }

        // Material appended: added sentences after the last one the old revision also had.
        let last_linked = ops
            .iter()
            .filter(|op| !op.old.is_empty())
            .flat_map(|op| op.new.iter().copied())
            .max();
        if let Some(last) = last_linked {
            let mut appended = ClassEvidence::new(Class::Appended, Vec::new());
            for (k, op) in ops.iter().enumerate() {
                if op.kind == Kind::Added && op.new.first().is_some_and(|&n| n > last) {
                    appended.ops.push(k);
                    appended.new.extend(&op.new);
                }
            }
            if !appended.ops.is_empty() {
                appended.new.sort_unstable();
                out.push(appended);
            }
        }

        // Every class of the ops, evidence gathered in op order.
        let mut union: Vec<(ClassEvidence, HashSet<&Change>)> = Vec::new();
        for oc in op_classes {
            for c in &oc.classes {
                let at = match union.iter().position(|(u, _)| u.class == c.class) {
                    Some(i) => i,
                    None => {
                        union.push((ClassEvidence::new(c.class, Vec::new()), HashSet::new()));
                        union.len() - 1
                    }
                };
                let (u, seen) = &mut union[at];
                for ch in &c.changes {
                    if seen.insert(ch) {
                        u.changes.push(ch.clone());
                    }
                }
                u.ops.push(oc.op);
            }
        }
        let mut union: Vec<ClassEvidence> = union.into_iter().map(|(u, _)| u).collect();
        // Names: an op adds or removes a name against the other side of that op, but for the
        // whole diff a name counts as removed only if the new revision no longer has it, and
        // added only if the old one did not (a name that moved between sentences is no
        // change of names of the article). The class stays with its ops even if no name is
        // left.
        if let Some(u) = union.iter_mut().find(|u| u.class == Class::Names) {
            // Words as written (case matters, or "the bush" would keep "George Bush"), and a
            // name by its last word, as `names` keys it.
            let (old_words, new_words) = (self.words_of(Side::Old), self.words_of(Side::New));
            let key = |name: &str| -> String {
                let t = tokens(name);
                t.iter()
                    .rev()
                    .find(|t| t.is_word())
                    .map_or(name, |t| strip_possessive(t.text))
                    .to_string()
            };
            let mut seen = HashSet::new();
            u.changes = std::mem::take(&mut u.changes)
                .into_iter()
                .filter_map(|ch| {
                    let o = ch.old.filter(|n| !new_words.contains(&key(n)));
                    let n = ch.new.filter(|n| !old_words.contains(&key(n)));
                    (o.is_some() || n.is_some()).then(|| Change::new(o, n))
                })
                .filter(|c| seen.insert(c.clone()))
                .collect();
        }
        out.extend(union);
        out.sort_by_key(|c| c.class);
        out
    }
}

/// Whether a sentence is (or holds) a correction or update note.
pub fn is_correction(text: &str) -> bool {
    let t = normalize(text);
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    const LABELS: &[&str] = &[
        "correction:",
        "corrections:",
        "clarification:",
        "update:",
        "updated:",
        "editor's note:",
        "editors' note:",
        "editors note:",
    ];
    const PHRASES: &[&str] = &[
        "correction:",
        "clarification:",
        "an earlier version of this",
        "a previous version of this",
        "an earlier version of the",
        "a previous version of the",
        "this article has been updated",
        "this story has been updated",
        "this article has been amended",
        "this story has been amended",
        "this article has been corrected",
        "this story has been corrected",
        "we regret the error",
    ];
    // "corrected", "updated", "amended" count when the note speaks of the piece itself.
    const VERBS: &[&str] = &["corrected", "updated", "amended", "clarified"];
    const PIECE: &[&str] = &[
        "this article",
        "this story",
        "this report",
        "this post",
        "this version",
        "this item",
        "earlier version",
        "previous version",
    ];
    LABELS.iter().any(|l| t.starts_with(l))
        || PHRASES.iter().any(|p| t.contains(p))
        || (VERBS.iter().any(|v| has_word(t, v)) && PIECE.iter().any(|p| t.contains(p)))
}

// ---------------------------------------------------------------------------------------
// One edited, merged or split op.

/// One side of an op: its sentences joined with single spaces (as the word diff joins
/// them), and where each sentence starts.
struct SideText {
    text: String,
    starts: Vec<usize>,
}

impl SideText {
    fn join(idx: &[usize], sents: &[&str]) -> Self {
        let mut text = String::new();
        let mut starts = Vec::new();
        for s in idx.iter().filter_map(|&i| sents.get(i)) {
            if !starts.is_empty() {
                text.push(' ');
            }
            starts.push(text.len());
            text.push_str(s);
        }
        SideText { text, starts }
    }
}

/// A run of changes between two equal runs of the word diff: byte ranges of the old and
/// new side (either may be empty).
#[derive(Debug, Clone)]
struct Hunk {
    old: Range<usize>,
    new: Range<usize>,
}

/// A changed word of the word diff.
struct Changed {
    side: Side,
    range: Range<usize>,
    hunk: usize,
    key: String,
    /// Not matched by the same word on the other side of its hunk (case, punctuation and
    /// quote style aside).
    live: bool,
    covered: bool,
}

fn edit(a: &SideText, b: &SideText, words: &[WordChange]) -> Vec<ClassEvidence> {
    let hunks = hunks_of(words, &a.text, &b.text);
    let hunk_change = |h: &Hunk| {
        let side = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        Change::new(side(&a.text[h.old.clone()]), side(&b.text[h.new.clone()]))
    };
    if typography_key(&a.text) == typography_key(&b.text) {
        return vec![ClassEvidence::new(
            Class::Typography,
            hunks.iter().map(hunk_change).collect(),
        )];
    }
    let text_of = |w: Side| match w {
        Side::Old => &a.text,
        Side::New => &b.text,
    };
    let hunk_of = |w: Side, r: &Range<usize>| hunk_overlapping(&hunks, w, r);
    let touched = |w: Side, r: &Range<usize>| hunk_touched(&hunks, w, r);

    // The changed words, with those that only changed case or punctuation in place
    // struck off.
    let mut changed: Vec<Changed> = Vec::new();
    for (hi, h) in hunks.iter().enumerate() {
        let first = changed.len();
        for (side, r) in [(Side::Old, &h.old), (Side::New, &h.new)] {
            for t in tokens(&text_of(side)[r.clone()]) {
                if t.is_word() {
                    changed.push(Changed {
                        side,
                        range: r.start + t.at..r.start + t.at + t.text.len(),
                        hunk: hi,
                        key: typography_key(t.text),
                        live: true,
                        covered: false,
                    });
                }
            }
        }
        let here = &mut changed[first..];
        let mut inserted: HashMap<String, VecDeque<usize>> = HashMap::new();
        for (j, c) in here.iter().enumerate() {
            if c.side == Side::New {
                inserted.entry(c.key.clone()).or_default().push_back(j);
            }
        }
        for i in 0..here.len() {
            if here[i].side != Side::Old {
                continue;
            }
            if let Some(j) = inserted.get_mut(&here[i].key).and_then(VecDeque::pop_front) {
                here[i].live = false;
                here[j].live = false;
            }
        }
    }
    // Per side, the changed words in text order (hunks come in order), for covering.
    let order = |w: Side| -> Vec<usize> {
        (0..changed.len())
            .filter(|&k| changed[k].side == w)
            .collect()
    };
    let (old_order, new_order) = (order(Side::Old), order(Side::New));
    let cover = |changed: &mut [Changed], w: Side, r: &Range<usize>| {
        let list = match w {
            Side::Old => &old_order,
            Side::New => &new_order,
        };
        let from = list.partition_point(|&k| changed[k].range.end <= r.start);
        for &k in &list[from..] {
            if changed[k].range.start >= r.end {
                break;
            }
            changed[k].covered = true;
        }
    };
    let mut out = Vec::new();

    // Numbers: the numbers the word diff changed, equal values struck off, paired when
    // they plausibly are one quantity updated (the same kind of number counting the same
    // thing, "20 people" → "25 people", or the same kind in one hunk; see each step). The
    // rest stand alone and are no number change.
    let in_a_hunk = |w: Side, found: Vec<Num>| -> Vec<Num> {
        found
            .into_iter()
            .filter(|f| hunk_of(w, &f.found.range).is_some())
            .collect()
    };
    let (old_n, new_n) = cancel_numbers(
        in_a_hunk(Side::Old, numbers(&a.text)),
        in_a_hunk(Side::New, numbers(&b.text)),
    );
    let hunk_of_num = |w: Side, n: &Num| hunk_of(w, &n.found.range);
    // The same kind and unit counting the same thing, in one change, then anywhere.
    let (mut pairs, old_n, new_n) = pair_by(old_n, new_n, |w, n| {
        Some((hunk_of_num(w, n)?, n.kind, n.unit.clone(), n.noun()?))
    });
    let (more, old_n, new_n) = pair_by(old_n, new_n, |_, n| {
        Some((n.kind, n.unit.clone(), n.noun()?))
    });
    pairs.extend(more);
    // The same kind and unit in one change, in order, unless their words say they count
    // different things.
    let (more, old_n, new_n) = unlike_apart(pair_by(old_n, new_n, |w, n| {
        Some((hunk_of_num(w, n)?, n.kind, n.unit.clone()))
    }));
    pairs.extend(more);
    // An amount, a year or a vague number counting the same thing.
    let loose_noun = |n: &Num| n.noun().filter(|_| n.loose_kind());
    let (more, old_n, new_n) = pair_by(old_n, new_n, |w, n| {
        Some((hunk_of_num(w, n)?, loose_noun(n)?))
    });
    pairs.extend(more);
    let (more, old_n, new_n) = pair_by(old_n, new_n, |_, n| loose_noun(n));
    pairs.extend(more);
    // The last of its kind on both sides ("12 people were killed" → "the toll rose to 19").
    let count = |ns: &[Num]| -> HashMap<(NumKind, Option<String>), usize> {
        let mut c = HashMap::new();
        for n in ns {
            *c.entry((n.kind, n.unit.clone())).or_default() += 1;
        }
        c
    };
    let (old_count, new_count) = (count(&old_n), count(&new_n));
    let (more, _, _) = unlike_apart(pair_by(old_n, new_n, |_, n| {
        let k = (n.kind, n.unit.clone());
        (old_count.get(&k) == Some(&1) && new_count.get(&k) == Some(&1)).then_some(k)
    }));
    pairs.extend(more);
    let mut pairs: Vec<(Found, Found)> =
        pairs.into_iter().map(|(o, n)| (o.found, n.found)).collect();
    pairs.sort_by_key(|(o, _)| o.range.start);
    if !pairs.is_empty() {
        let mut number_hunks = HashSet::new();
        for (o, n) in &pairs {
            cover(&mut changed, Side::Old, &o.range);
            cover(&mut changed, Side::New, &n.range);
            number_hunks.extend(hunk_of(Side::Old, &o.range));
            number_hunks.extend(hunk_of(Side::New, &n.range));
        }
        // "23" → "at least 50": the qualifier goes with the number.
        for c in &mut changed {
            if number_hunks.contains(&c.hunk) && QUALIFIERS.contains(&c.key.as_str()) {
                c.covered = true;
            }
        }
        out.push(ClassEvidence::new(
            Class::Number,
            pairs
                .into_iter()
                .map(|(o, n)| Change::new(Some(o.text), Some(n.text)))
                .collect(),
        ));
    }

    // Quotations, attributions: what is left on either side once equal ones are struck
    // off, where the word diff touched it.
    let touched_only = |w: Side, found: Vec<Found>| -> Vec<Found> {
        found.into_iter().filter(|f| touched(w, &f.range)).collect()
    };
    for (class, find) in [
        (Class::Quotation, quotes as fn(&str) -> Vec<Found>),
        (Class::Attribution, attributions),
    ] {
        let (o, n) = cancel(find(&a.text), find(&b.text), |f| f.key.clone());
        let (o, n) = (touched_only(Side::Old, o), touched_only(Side::New, n));
        if o.is_empty() && n.is_empty() {
            continue;
        }
        for f in &o {
            cover(&mut changed, Side::Old, &f.range);
        }
        for f in &n {
            cover(&mut changed, Side::New, &f.range);
        }
        out.push(ClassEvidence::new(class, pair_up(o, n)));
    }

    // Names: a name whose last word the other side does not have at all. A name is
    // replaced when a hunk removes one and adds one; otherwise each stands alone.
    let (a_words, b_words) = (word_set(&a.text), word_set(&b.text));
    let gone = |found: Vec<Found>, other: &HashSet<String>| -> Vec<Found> {
        let mut seen = HashSet::new();
        found
            .into_iter()
            .filter(|f| !other.contains(&f.key) && seen.insert(f.text.clone()))
            .collect()
    };
    let removed = gone(names(&a.text, &a.starts), &b_words);
    let added = gone(names(&b.text, &b.starts), &a_words);
    if !removed.is_empty() || !added.is_empty() {
        for f in &removed {
            cover(&mut changed, Side::Old, &f.range);
        }
        for f in &added {
            cover(&mut changed, Side::New, &f.range);
        }
        // How many removed and added names each hunk holds.
        let mut per_hunk: HashMap<usize, (usize, usize)> = HashMap::new();
        for f in &removed {
            if let Some(h) = hunk_of(Side::Old, &f.range) {
                per_hunk.entry(h).or_default().0 += 1;
            }
        }
        for f in &added {
            if let Some(h) = hunk_of(Side::New, &f.range) {
                per_hunk.entry(h).or_default().1 += 1;
            }
        }
        let (pairs, rest_old, rest_new) = pair_by(removed, added, |w, f| {
            hunk_of(w, &f.range).filter(|h| per_hunk.get(h) == Some(&(1, 1)))
        });
        // Replaced, then removed, then added, each in reading order.
        let changes = pairs
            .into_iter()
            .map(|(o, n)| (Some(o), Some(n)))
            .chain(rest_old.into_iter().map(|o| (Some(o), None)))
            .chain(rest_new.into_iter().map(|n| (None, Some(n))))
            .map(|(o, n)| Change::new(o.map(|f| f.text), n.map(|f| f.text)))
            .collect();
        out.push(ClassEvidence::new(Class::Names, changes));
    }

    // Function words that only glue an explained change in ("met Lavrov and Staffan de
    // Mistura") go with it.
    let explained: HashSet<usize> = changed
        .iter()
        .filter(|c| c.covered)
        .map(|c| c.hunk)
        .collect();
    for c in &mut changed {
        if explained.contains(&c.hunk) && GLUE.contains(&c.key.as_str()) {
            c.covered = true;
        }
    }

    // Wording: the hunks that still hold a changed word nothing above explains.
    let mut wording: Vec<usize> = changed
        .iter()
        .filter(|c| c.live && !c.covered)
        .map(|c| c.hunk)
        .collect();
    wording.dedup();
    if out.is_empty() && wording.is_empty() {
        // Words only moved about: still a change of wording.
        wording = (0..hunks.len()).collect();
    }
    if !wording.is_empty() {
        out.push(ClassEvidence::new(
            Class::Wording,
            wording.iter().map(|&h| hunk_change(&hunks[h])).collect(),
        ));
    }
    out
}

/// The hunks of a word diff. If the diff does not spell the two sides (it always does for
/// ops from the aligner), the whole op is one hunk.
fn hunks_of(words: &[WordChange], a: &str, b: &str) -> Vec<Hunk> {
    let spell = |side: WordOp| -> String {
        words
            .iter()
            .filter(|w| w.op == WordOp::Equal || w.op == side)
            .map(|w| w.text.as_str())
            .collect()
    };
    if words.is_empty() || spell(WordOp::Delete) != a || spell(WordOp::Insert) != b {
        return vec![Hunk {
            old: 0..a.len(),
            new: 0..b.len(),
        }];
    }
    let (mut i, mut j) = (0, 0);
    let mut out: Vec<Hunk> = Vec::new();
    let mut open = false;
    for w in words {
        let len = w.text.len();
        if w.op == WordOp::Equal {
            i += len;
            j += len;
            open = false;
            continue;
        }
        if !open {
            out.push(Hunk {
                old: i..i,
                new: j..j,
            });
            open = true;
        }
        let h = out.last_mut().expect("a hunk is open");
        match w.op {
            WordOp::Delete => {
                i += len;
                h.old.end = i;
            }
            _ => {
                j += len;
                h.new.end = j;
            }
        }
    }
    out
}

fn hunk_side(h: &Hunk, w: Side) -> &Range<usize> {
    match w {
        Side::Old => &h.old,
        Side::New => &h.new,
    }
}

/// The first hunk whose range on side `w` overlaps `r`. Hunks are in text order on both
/// sides (an equal run stands between any two), so this is a binary search.
fn hunk_overlapping(hunks: &[Hunk], w: Side, r: &Range<usize>) -> Option<usize> {
    let from = hunks.partition_point(|h| hunk_side(h, w).end <= r.start);
    (from..hunks.len())
        .take_while(|&k| hunk_side(&hunks[k], w).start < r.end)
        .find(|&k| overlaps(hunk_side(&hunks[k], w), r))
}

/// Whether the word diff changed anything inside a passage on side `w`: a deletion right
/// at its end counts (a quote cut short).
fn hunk_touched(hunks: &[Hunk], w: Side, r: &Range<usize>) -> bool {
    let from = hunks.partition_point(|h| hunk_side(h, w).end < r.start);
    (from..hunks.len())
        .take_while(|&k| hunk_side(&hunks[k], w).start <= r.end)
        .any(|k| touches(hunk_side(&hunks[k], w), r))
}

/// Strikes off the numbers on both sides that are one quantity: the same value of the
/// same kind, unless both carry a unit in the word and the units differ ("11km" and
/// "11m"). Numbers whose units agree go first, then a number without a unit against one
/// with ("28-year-old" and "28", "140 miles" and "140-mile"). The rest stay in order.
fn cancel_numbers(old: Vec<Num>, new: Vec<Num>) -> (Vec<Num>, Vec<Num>) {
    let root = |n: &Num| {
        n.unit
            .as_deref()
            .map(|u| u.split('-').next().unwrap_or(u).to_string())
    };
    let (old, new) = cancel(old, new, |n| (n.value.clone(), root(n)));
    let (old_bare, old_unit): (Vec<Num>, Vec<Num>) =
        old.into_iter().partition(|n| n.unit.is_none());
    let (new_bare, new_unit): (Vec<Num>, Vec<Num>) =
        new.into_iter().partition(|n| n.unit.is_none());
    let (old_bare, new_unit) = cancel(old_bare, new_unit, |n| n.value.clone());
    let (old_unit, new_bare) = cancel(old_unit, new_bare, |n| n.value.clone());
    let in_order = |mut v: Vec<Num>| {
        v.sort_by_key(|n| n.found.range.start);
        v
    };
    (
        in_order([old_bare, old_unit].concat()),
        in_order([new_bare, new_unit].concat()),
    )
}

/// Strikes off the things of equal key found on both sides (first with first), keeping
/// the rest in order.
fn cancel<T, K: std::hash::Hash + Eq>(
    old: Vec<T>,
    new: Vec<T>,
    key: impl Fn(&T) -> K,
) -> (Vec<T>, Vec<T>) {
    let mut by_key: HashMap<K, VecDeque<usize>> = HashMap::new();
    for (j, n) in new.iter().enumerate() {
        by_key.entry(key(n)).or_default().push_back(j);
    }
    let mut taken = vec![false; new.len()];
    let mut rest_old = Vec::new();
    for o in old {
        match by_key.get_mut(&key(&o)).and_then(VecDeque::pop_front) {
            Some(j) => taken[j] = true,
            None => rest_old.push(o),
        }
    }
    let rest_new = new
        .into_iter()
        .zip(taken)
        .filter(|(_, t)| !t)
        .map(|(n, _)| n)
        .collect();
    (rest_old, rest_new)
}

/// Pairs old and new things of equal key (`key` says which, say the hunk they lie in, or
/// `None` to keep a thing out of pairing), in order within each key. Returns the pairs
/// and what is left of each side, in order.
#[allow(clippy::type_complexity)]
fn pair_by<T, K: std::hash::Hash + Eq>(
    old: Vec<T>,
    new: Vec<T>,
    key: impl Fn(Side, &T) -> Option<K>,
) -> (Vec<(T, T)>, Vec<T>, Vec<T>) {
    let mut by_key: HashMap<K, VecDeque<usize>> = HashMap::new();
    for (j, n) in new.iter().enumerate() {
        if let Some(k) = key(Side::New, n) {
            by_key.entry(k).or_default().push_back(j);
        }
    }
    let partner: Vec<Option<usize>> = old
        .iter()
        .map(|o| key(Side::Old, o).and_then(|k| by_key.get_mut(&k).and_then(VecDeque::pop_front)))
        .collect();
    let mut new: Vec<Option<T>> = new.into_iter().map(Some).collect();
    let mut pairs = Vec::new();
    let mut rest_old = Vec::new();
    for (o, p) in old.into_iter().zip(partner) {
        match p {
            Some(j) => pairs.push((o, new[j].take().expect("each new thing pairs once"))),
            None => rest_old.push(o),
        }
    }
    (pairs, rest_old, new.into_iter().flatten().collect())
}

/// Undoes the pairs of numbers that count different things (see
/// [`Num::may_count_the_same`]): both go back to what is left, in text order.
#[allow(clippy::type_complexity)]
fn unlike_apart(
    (pairs, mut old, mut new): (Vec<(Num, Num)>, Vec<Num>, Vec<Num>),
) -> (Vec<(Num, Num)>, Vec<Num>, Vec<Num>) {
    let mut kept = Vec::new();
    for (o, n) in pairs {
        if o.may_count_the_same(&n) {
            kept.push((o, n));
        } else {
            old.push(o);
            new.push(n);
        }
    }
    old.sort_by_key(|n| n.found.range.start);
    new.sort_by_key(|n| n.found.range.start);
    (kept, old, new)
}

/// Pairs old and new things in order; the longer side's extras stand alone.
fn pair_up(old: Vec<Found>, new: Vec<Found>) -> Vec<Change> {
    let n = old.len().max(new.len());
    let mut old = old.into_iter();
    let mut new = new.into_iter();
    (0..n)
        .map(|_| Change::new(old.next().map(|f| f.text), new.next().map(|f| f.text)))
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether a hunk's range on one side touches `r`: overlaps it or, for an empty range
/// (nothing of that side changed there), lies inside it or at its ends.
fn touches(hunk: &Range<usize>, r: &Range<usize>) -> bool {
    if hunk.is_empty() {
        r.start <= hunk.start && hunk.start <= r.end
    } else {
        overlaps(hunk, r)
    }
}

// ---------------------------------------------------------------------------------------
// Finding things in a text.

/// Something found in a text: its byte range, its text as written, and the key that
/// says whether two of them are the same.
#[derive(Debug, Clone)]
struct Found {
    range: Range<usize>,
    text: String,
    key: String,
}

/// Next and previous non-space token around index `i`.
fn next_tok(toks: &[Token], i: usize) -> Option<usize> {
    (i + 1..toks.len()).find(|&j| !toks[j].is_space())
}
fn prev_tok(toks: &[Token], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !toks[j].is_space())
}

// Numbers.

/// Words that qualify a number ("at least 50", "as many as 50", "an estimated 50"): when
/// the number changed, so did they, and they are no change of wording of their own.
const QUALIFIERS: &[&str] = &[
    "at",
    "least",
    "most",
    "more",
    "than",
    "about",
    "nearly",
    "almost",
    "around",
    "over",
    "some",
    "roughly",
    "approximately",
    "up",
    "to",
    "fewer",
    "less",
    "under",
    "only",
    "just",
    "as",
    "many",
    "much",
    "an",
    "estimated",
    "a",
];

/// Words after a number that do not name what it counts ("20 were", "five in recent
/// weeks").
const NOT_THINGS: &[&str] = &[
    "and", "or", "but", "nor", "the", "a", "an", "of", "with", "to", "in", "on", "at", "by", "for",
    "from", "as", "into", "per", "than", "since", "after", "before", "during", "over", "under",
    "until", "when", "while", "ago", "who", "which", "that", "this", "these", "those", "his",
    "her", "their", "its", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
    "would", "more", "most", "other", "last", "earlier", "later", "each",
];

/// Function words that join an explained change to its sentence.
const GLUE: &[&str] = &[
    "and", "or", "the", "a", "an", "of", "with", "to", "in", "on", "at", "by", "for", "from", "as",
    "his", "her", "their", "its",
];

/// Letters that may follow a numeral in the same word: ordinals ("5th"), decades
/// ("1990s"), times ("4pm"), scales ("4.5bn") and short units ("11km", "90ft", "255.7p").
/// Anything else ("2tIzceM", a link shortener's code) makes the word no number.
const SUFFIXES: &[&str] = &[
    "st", "nd", "rd", "th", "s", "am", "pm", "k", "m", "bn", "b", "tn", "km", "cm", "mm", "kg",
    "g", "mg", "lb", "lbs", "oz", "ft", "mi", "mph", "kph", "kmh", "ha", "p", "c", "f", "kw", "mw",
    "gw", "kwh", "gb", "mb", "tb", "yr", "yrs", "x", "hr", "hrs", "h", "min", "mins",
];

/// Suffixes that are a scale ("£120m" is "£120 million").
const SCALE_SUFFIXES: &[(&str, &str)] = &[
    ("k", "thousand"),
    ("m", "million"),
    ("bn", "billion"),
    ("b", "billion"),
    ("tn", "trillion"),
];

/// A numeral word split up: its digits (commas dropped; "6-5" kept whole) and the
/// letters attached after them, lower-cased ("km", "th", "year-old", "th-minute"). `None`
/// when the word is no numeral.
fn numeral(word: &str) -> Option<(String, String)> {
    let w = strip_possessive(word);
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let split = w
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(w.len());
    let (digits, rest) = w.split_at(split);
    let digits = digits.replace(',', "");
    if rest.is_empty() {
        return Some((digits, String::new()));
    }
    // "6-5", "2014-15": a score or a range, one value as written.
    if let Some(r) = rest.strip_prefix('-')
        && r.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some((w.replace(',', ""), String::new()));
    }
    // "34-year-old", "11km", "74th-minute": letters, a known suffix or a hyphen first.
    let letters = rest.find('-').map_or(rest, |h| &rest[..h]);
    let lower = letters.to_lowercase();
    let one_case = letters == lower || letters == letters.to_uppercase();
    if !(letters.is_empty() || one_case && SUFFIXES.contains(&lower.as_str())) {
        return None;
    }
    if letters.chars().any(|c| !c.is_ascii_alphabetic()) {
        return None;
    }
    Some((digits, rest.to_lowercase()))
}

/// The value a number word or numeral stands for, for comparing: "1,200" and "1200" are
/// the same, so are "twelve" and "12".
fn number_key(word: &str) -> Option<String> {
    if let Some((digits, _)) = numeral(word) {
        return Some(digits);
    }
    let w = word.to_lowercase();
    if let Some((_, v)) = NUMBER_WORDS.iter().find(|(n, _)| *n == w) {
        return Some(v.to_string());
    }
    // "twenty-one"
    let parts: Vec<&str> = w.split('-').collect();
    if parts.len() > 1 {
        let mut sum = 0u64;
        for p in parts {
            let (_, v) = NUMBER_WORDS.iter().find(|(n, _)| *n == p)?;
            sum += v.parse::<u64>().ok()?;
        }
        return Some(sum.to_string());
    }
    None
}

/// What a number counts, for pairing an old number with a new one: two numbers of other
/// kinds are not one quantity updated ("18:00" → "2.3 million").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NumKind {
    /// "8:40", "0600", "4pm".
    Time,
    /// A four-digit year (1800 to 2100) or decade ("1990s").
    Year,
    /// "5th".
    Ordinal,
    /// "6-5", "2014-15".
    Range,
    /// "dozens", "thousands".
    Vague,
    /// Any other count or amount.
    Amount,
}

/// A number found, with what it counts.
#[derive(Debug, Clone)]
struct Num {
    /// `key` is the number as a value: "06:00" and "0600" are one, so are "£120m" and
    /// "£120 million".
    found: Found,
    /// The value with its kind: different for "1990" and "the 1990s", or "5th" and "5"
    /// (units are compared apart, see `cancel_numbers`).
    value: String,
    kind: NumKind,
    /// The unit or word attached to a numeral ("km" in "11km", "year-old" in
    /// "34-year-old"): numbers with different ones are not one quantity.
    unit: Option<String>,
    /// The unit attached, or else the words of the next two that may name what the
    /// number counts, up to a function word or a number, lower-cased, a plural `s`
    /// dropped: "fire", "engine" in "26 fire engines were", nothing in "19 on Tuesday".
    things: Vec<String>,
}

impl Num {
    /// Whether nothing says the two count different things: one of them names nothing,
    /// or they name a thing in common ("20 engines" and "26 fire engines", not "nine
    /// days" and "eight people").
    fn may_count_the_same(&self, other: &Num) -> bool {
        self.things.is_empty()
            || other.things.is_empty()
            || self.things.iter().any(|t| other.things.contains(t))
    }

    /// The one word for what it counts, when there is one ("people" in "20 people",
    /// "km" in "11km", "%" in "3.5%"; none in "19 on Tuesday").
    fn noun(&self) -> Option<String> {
        self.things.first().cloned()
    }

    /// The kind, for kinds that may pair with each other when they count the same thing
    /// ("dozens of people" → "60 people", "2000 homes" → "2,500 homes").
    fn loose_kind(&self) -> bool {
        matches!(self.kind, NumKind::Amount | NumKind::Year | NumKind::Vague)
    }
}

/// Numbers as written: numerals ("23", "1,200", "3.5", "8:40", "11km", "5th"), number
/// words (one to twenty, the tens, "dozens", "hundreds"), with a scale word after them
/// kept with them ("2 million", "two hundred").
fn numbers(s: &str) -> Vec<Num> {
    let toks = tokens(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(first) = number_key(toks[i].text) else {
            i += 1;
            continue;
        };
        // "one of the" is a pronoun, no count.
        if toks[i].lower() == "one"
            && toks.get(i + 1).is_some_and(|t| t.text == " ")
            && toks.get(i + 2).is_some_and(|t| t.lower() == "of")
        {
            i += 1;
            continue;
        }
        let mut unit = numeral(toks[i].text).map(|(_, u)| u).unwrap_or_default();
        let mut keys = vec![first];
        let mut time = false;
        let mut end = i;
        loop {
            // "8:40"
            if toks.get(end + 1).is_some_and(|t| t.text == ":")
                && unit.is_empty()
                && numeral(toks[end].text).is_some()
                && let Some((minutes, u)) = toks.get(end + 2).and_then(|t| numeral(t.text))
            {
                let last = keys.last_mut().expect("keys start with one");
                last.push(':');
                last.push_str(&minutes);
                unit = u;
                time = true;
                end += 2;
                continue;
            }
            // "2 million"
            if toks.get(end + 1).is_some_and(|t| t.text == " ")
                && toks
                    .get(end + 2)
                    .is_some_and(|t| NUMBER_SCALES.contains(&t.lower().as_str()))
            {
                keys.push(toks[end + 2].lower());
                end += 2;
                continue;
            }
            break;
        }
        // "£120m" is "£120 million".
        if let Some((_, scale)) = SCALE_SUFFIXES.iter().find(|(u, _)| *u == unit) {
            keys.push(scale.to_string());
            unit.clear();
        }
        let mut key = keys.join(" ");
        // "74th-minute": the suffix "th" and the word "minute".
        let (suffix, tail) = unit.split_once('-').unwrap_or((unit.as_str(), ""));
        let digits_only = |k: &str| -> String { k.chars().filter(char::is_ascii_digit).collect() };
        let four_digits = key.len() == 4 && digits_only(&key) == key;
        // "1430 GMT"
        let zone = toks.get(end + 1).is_some_and(|t| t.text == " ")
            && toks
                .get(end + 2)
                .is_some_and(|t| TIME_ZONES.contains(&t.text));
        let kind = if time
            || matches!(suffix, "am" | "pm")
            || (four_digits && (key.starts_with('0') || zone))
        {
            // Times compare as 24-hour digits: "0600" is "06:00", "4pm" is "16:00".
            let d = digits_only(&key);
            let (h, m) = match d.len() {
                0..=2 => (d.as_str(), "00"),
                n => d.split_at(n - 2),
            };
            let mut h: u32 = h.parse().unwrap_or(0);
            match suffix {
                "pm" if h < 12 => h += 12,
                "am" if h == 12 => h = 0,
                _ => {}
            }
            key = format!("{h}{m} h");
            NumKind::Time
        } else if matches!(suffix, "st" | "nd" | "rd" | "th") {
            NumKind::Ordinal
        } else if key.contains('-') {
            NumKind::Range
        } else if ["dozens", "hundreds", "thousands", "millions", "billions"]
            .contains(&key.as_str())
        {
            NumKind::Vague
        } else if (four_digits
            && matches!(suffix, "" | "s")
            // "1,950 people" is no year.
            && !toks[i].text.contains(',')
            && key.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y)))
            // "the 90s"
            || (suffix == "s" && key.len() == 2 && key.ends_with('0'))
        {
            NumKind::Year
        } else {
            NumKind::Amount
        };
        // What it counts: the unit attached, else the next word.
        let attached = if !tail.is_empty() {
            tail
        } else if ["", "st", "nd", "rd", "th", "s", "am", "pm"].contains(&suffix) {
            ""
        } else {
            suffix
        };
        let mut unit = (!attached.is_empty()).then(|| attached.to_string());
        // The next two words, "of" skipped ("20 fire engines", "12 of the rebels").
        let mut next = Vec::new();
        let mut k = end + 1;
        while next.len() < 2
            && toks.get(k).is_some_and(|t| t.text == " ")
            && let Some(t) = toks.get(k + 1).filter(|t| t.is_word())
        {
            let w = strip_possessive(t.text).to_lowercase();
            if w != "of" {
                next.push(w);
            }
            k += 2;
        }
        let per_cent = toks.get(end + 1).is_some_and(|t| t.text == "%")
            || next.first().is_some_and(|w| w == "percent")
            || next == ["per", "cent"];
        if per_cent {
            unit = Some("%".to_string());
        }
        let things = if let Some(u) = &unit {
            vec![u.clone()]
        } else {
            next.iter()
                .take_while(|w| number_key(w).is_none() && !NOT_THINGS.contains(&w.as_str()))
                .map(|w| w.strip_suffix('s').unwrap_or(w).to_string())
                .collect()
        };
        let range = toks[i].at..toks[end].end();
        let decade = if suffix == "s" { "s" } else { "" };
        out.push(Num {
            value: format!("{key}{decade} {kind:?}"),
            found: Found {
                text: s[range.clone()].to_string(),
                range,
                key,
            },
            kind,
            unit,
            things,
        });
        i = end + 1;
    }
    out
}

// Quotations.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteStyle {
    /// “…”
    Curly,
    /// "…"
    Straight,
    /// ''…'' (NewsEdits) and ``…''
    Doubled,
    /// ‘…’
    Single,
    /// «…»
    Guillemet,
}

/// Quoted passages: the range between the marks, and the text there trimmed of white
/// space and a trailing comma. A quote left open runs to the end of the text; a closing
/// mark before any other mark (a quote that began in an earlier sentence) closes a quote
/// from the start. Other unmatched marks are ignored, so quotes never overlap.
fn quotes(s: &str) -> Vec<Found> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut open: Option<(QuoteStyle, usize)> = None;
    let mut seen = false;
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        let prev = k.checked_sub(1).and_then(at);
        let next = at(k + 1);
        let (style, width, opens, closes) = match c {
            '“' => (QuoteStyle::Curly, 1, true, false),
            '”' => (QuoteStyle::Curly, 1, false, true),
            '«' => (QuoteStyle::Guillemet, 1, true, false),
            '»' => (QuoteStyle::Guillemet, 1, false, true),
            '"' => {
                // Opening after a space or at the start, closing otherwise.
                let opening = prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p));
                (QuoteStyle::Straight, 1, opening, !opening)
            }
            '\'' if next == Some('\'') => {
                let opening = prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p));
                (QuoteStyle::Doubled, 2, opening, !opening)
            }
            '`' if next == Some('`') => (QuoteStyle::Doubled, 2, true, false),
            '‘' if prev.is_none_or(|p| !p.is_alphanumeric()) => {
                (QuoteStyle::Single, 1, true, false)
            }
            // An apostrophe inside a word (It’s) is no quote mark.
            '’' if next.is_none_or(|n| !n.is_alphanumeric()) => {
                (QuoteStyle::Single, 1, false, true)
            }
            _ => {
                k += 1;
                continue;
            }
        };
        let after = chars.get(k + width).map_or(s.len(), |&(p, _)| p);
        match open {
            Some((st, start)) if st == style && closes => {
                spans.push(start..pos);
                open = None;
            }
            Some(_) => {}
            None if opens => open = Some((style, after)),
            // The first mark closes: a quote that began before this text. A lone ’ is far
            // more often an apostrophe (the Smiths’) than the end of a quote: leave it.
            None if style != QuoteStyle::Single && !seen => spans.push(0..pos),
            None => {}
        }
        seen = true;
        k += width;
    }
    if let Some((_, start)) = open {
        spans.push(start..s.len());
    }
    spans
        .into_iter()
        .filter_map(|range| {
            let text = s[range.clone()].trim().trim_end_matches(',').trim_end();
            let key = typography_key(text);
            (!key.is_empty()).then(|| Found {
                text: text.to_string(),
                range,
                key,
            })
        })
        .collect()
}

// Attributions.

/// Words that may stand between a speaker and the verb ("Lavrov also said").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "earlier",
    "previously",
    "then",
    "again",
    "has",
    "had",
    "have",
    "would",
    "will",
    "could",
    "may",
    "might",
    "separately",
    "further",
    "reportedly",
    "repeatedly",
    "once",
    "too",
];

/// Words that end a speaker phrase.
const SPEAKER_STOP: &[&str] = &[
    "and", "but", "that", "which", "who", "whom", "whose", "when", "while", "as", "because",
    "where", "if", "so", "than", "after", "before", "since", "until", "on", "in", "at", "to", "by",
    "with", "adding", "saying",
];

/// Speakers that may follow the verb without a capital ("said police").
const PLAIN_SPEAKERS: &[&str] = &[
    "the",
    "a",
    "an",
    "police",
    "officials",
    "witnesses",
    "residents",
    "activists",
    "authorities",
    "rescuers",
    "investigators",
    "sources",
    "analysts",
    "experts",
    "diplomats",
    "doctors",
    "prosecutors",
];

/// Whether the token before `j` (a `.`) ends a title ("Mr.").
fn title_dot(toks: &[Token], j: usize) -> bool {
    toks[j].text == "." && j > 0 && TITLES.contains(&toks[j - 1].text)
}

/// The words of a speaker phrase from token `from` onwards (`forward`) or backwards:
/// words and the points of titles ("Mr."), no other punctuation, no stop word, at most 8
/// words. Returns the first and last token it covers.
fn speaker(toks: &[Token], from: usize, forward: bool) -> Option<(usize, usize)> {
    if from >= toks.len() {
        return None;
    }
    let order: Box<dyn Iterator<Item = usize>> = if forward {
        Box::new(from..toks.len())
    } else {
        Box::new((0..=from).rev())
    };
    let mut words = 0;
    let (mut lo, mut hi) = (usize::MAX, 0);
    for j in order {
        let t = &toks[j];
        if t.is_word() {
            if words == 8 || SPEAKER_STOP.contains(&t.lower().as_str()) {
                break;
            }
            words += 1;
        } else if !t.is_space() && !title_dot(toks, j) {
            break;
        }
        if !t.is_space() {
            lo = lo.min(j);
            hi = hi.max(j);
        }
    }
    (words > 0).then_some((lo, hi))
}

/// Attribution phrases: "X said", "said X" (after a quote or comma), "X told reporters",
/// "according to X". The key is the whole phrase, normalised.
fn attributions(s: &str) -> Vec<Found> {
    let toks = tokens(s);
    let mut out = Vec::new();
    let found = |lo: usize, hi: usize| -> Found {
        let range = toks[lo].at..toks[hi].end();
        let text = s[range.clone()].to_string();
        Found {
            key: normalize(&text),
            text,
            range,
        }
    };
    for (i, t) in toks.iter().enumerate() {
        let w = t.lower();
        if w == "according" {
            let Some(to) = next_tok(&toks, i) else {
                continue;
            };
            if toks[to].lower() != "to" {
                continue;
            }
            if let Some(x) = next_tok(&toks, to).and_then(|x| speaker(&toks, x, true)) {
                out.push(found(i, x.1));
            }
            continue;
        }
        if !SAY_VERBS.contains(&w.as_str()) {
            continue;
        }
        let prev = prev_tok(&toks, i);
        if prev.is_some_and(|p| FORMS_OF_BE.contains(&toks[p].lower().as_str())) {
            continue;
        }
        let inverted = prev.is_none_or(|p| !toks[p].is_word() && !title_dot(&toks, p));
        let phrase = if inverted {
            // `," said Maria Delgado, 43,` / `, said the ministry.`
            next_tok(&toks, i)
                .filter(|&x| {
                    let t = &toks[x];
                    t.text.starts_with(char::is_uppercase)
                        || PLAIN_SPEAKERS.contains(&t.lower().as_str())
                })
                .and_then(|x| speaker(&toks, x, true))
                .map(|(_, hi)| (i, hi))
                .or_else(|| {
                    // `the rail operator, Coastline Rail, said it was`
                    prev.filter(|&p| toks[p].text == ",")
                        .and_then(|p| prev_tok(&toks, p))
                        .filter(|&q| toks[q].is_word())
                        .and_then(|q| speaker(&toks, q, false))
                        .map(|(lo, _)| (lo, i))
                })
        } else {
            // Skip "also", "had" and the like back to the speaker.
            let mut p = prev;
            while let Some(j) = p.filter(|&j| BETWEEN.contains(&toks[j].lower().as_str())) {
                p = prev_tok(&toks, j);
            }
            p.filter(|&j| toks[j].is_word() || title_dot(&toks, j))
                .and_then(|j| speaker(&toks, j, false))
                .map(|(lo, _)| {
                    // "told reporters", "told the BBC"
                    let object = (w == "told" || w == "tells")
                        .then(|| next_tok(&toks, i).and_then(|x| speaker(&toks, x, true)))
                        .flatten()
                        .filter(|(l, h)| toks[*l..=*h].iter().filter(|t| t.is_word()).count() <= 3);
                    (lo, object.map_or(i, |(_, h)| h))
                })
        };
        if let Some((lo, hi)) = phrase {
            out.push(found(lo, hi));
        }
    }
    out
}

// Names.

/// Function words, which are no names even with a capital.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "but", "or", "nor", "so", "yet", "for", "in", "on", "at", "by", "to",
    "of", "from", "with", "as", "if", "when", "while", "after", "before", "since", "it", "he",
    "she", "they", "we", "you", "his", "her", "its", "their", "our", "this", "that", "these",
    "those", "there", "here", "what", "who", "why", "how", "where", "not", "no", "yes", "all",
    "some", "many", "most", "more", "such", "under", "over", "about",
];

fn capitalised(word: &str) -> bool {
    let w = strip_possessive(word);
    w.starts_with(char::is_uppercase)
        && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
        && w.chars().count() > 1
        && !CALENDAR_WORDS.contains(&w)
        && !TITLES.contains(&w)
        && number_key(w).is_none()
}

/// Capitalised names: runs of capitalised words (one space apart, "of", "de" and the
/// like allowed inside) that do not begin a sentence. A run that begins a sentence, or a
/// quote, or follows a colon, loses its first word (and a dateline in capitals before it) ("Fire Chief Tom Ellery" at the start
/// is "Chief Tom Ellery"). The key is the last word, which is what a later mention keeps
/// ("Tom Ellery", then "Ellery").
fn names(s: &str, starts: &[usize]) -> Vec<Found> {
    let toks = tokens(s);
    // Side words begin a sentence, a quote or a clause after a colon.
    let mut initial = vec![false; toks.len()];
    let mut fresh = true;
    let mut next_start = starts.iter().peekable();
    for (i, t) in toks.iter().enumerate() {
        while next_start.next_if(|&&st| st <= t.at).is_some() {
            fresh = true;
        }
        if t.is_word() {
            initial[i] = fresh;
            // A dateline ("BEIRUT The last rebels"): the sentence begins again after it.
            fresh = fresh && t.text.chars().count() > 1 && !t.text.chars().any(char::is_lowercase);
        } else if !t.is_space() {
            let c = t.text.chars().next().unwrap_or(' ');
            let prev_space = i == 0 || toks[i - 1].is_space();
            if "“‘«:(".contains(c) || (c == '"' && prev_space) || (c == '\'' && prev_space) {
                fresh = true;
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].is_word() && capitalised(toks[i].text)) {
            i += 1;
            continue;
        }
        // The run of capitalised words from i.
        let mut words = vec![i];
        let mut j = i;
        loop {
            let sp = toks.get(j + 1).is_some_and(|t| t.text == " ");
            let Some(n) = toks.get(j + 2).filter(|_| sp) else {
                break;
            };
            if n.is_word() && capitalised(n.text) && strip_possessive(toks[j].text) == toks[j].text
            {
                words.push(j + 2);
                j += 2;
                continue;
            }
            // "Bank of England"
            if NAME_JOINERS.contains(&n.text)
                && toks.get(j + 3).is_some_and(|t| t.text == " ")
                && toks
                    .get(j + 4)
                    .is_some_and(|t| t.is_word() && capitalised(t.text))
            {
                words.push(j + 4);
                j += 4;
                continue;
            }
            break;
        }
        let Some(&first) = words.iter().find(|&&w| !initial[w]) else {
            i = j + 1;
            continue;
        };
        let last = *words.last().expect("a run has a word");
        let end = toks[last].at + strip_possessive(toks[last].text).len();
        let range = toks[first].at..end;
        out.push(Found {
            text: s[range.clone()].to_string(),
            key: strip_possessive(toks[last].text).to_string(),
            range,
        });
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align;

    fn classes(list: &[ClassEvidence]) -> Vec<Class> {
        list.iter().map(|c| c.class).collect()
    }

    fn changes(list: &[ClassEvidence], class: Class) -> Vec<(Option<&str>, Option<&str>)> {
        list.iter()
            .find(|c| c.class == class)
            .unwrap_or_else(|| panic!("no {class:?} in {list:?}"))
            .changes
            .iter()
            .map(|c| (c.old.as_deref(), c.new.as_deref()))
            .collect()
    }

    /// Classes of the one op that pairs a one-sentence old text with a one-sentence new.
    fn pair(old: &str, new: &str) -> Vec<ClassEvidence> {
        let (a, b) = ([old], [new]);
        let ops = align::align(&a, &b);
        assert_eq!(ops.len(), 1, "{ops:?}");
        classify_op(&ops[0], &a, &b)
    }

    fn revision(version: u64, text: &str) -> Revision {
        Revision::from_text(version, text.to_string()).unwrap()
    }

    /// The revision-level classes of two texts.
    fn diff(old: &str, new: &str) -> Vec<ClassEvidence> {
        let (o, n) = (revision(0, old), revision(1, new));
        let a: Vec<&str> = o.sentences().collect();
        let b: Vec<&str> = n.sentences().collect();
        let ops = align::align(&a, &b);
        let classifier = Classifier::new(&a, &b);
        let per_op = classifier.ops(&ops);
        classifier.diff(&o, &n, &ops, &per_op)
    }

    #[test]
    fn names_match_the_serialised_form() {
        for c in [
            Class::Headline,
            Class::Lede,
            Class::Correction,
            Class::Appended,
            Class::Number,
            Class::Quotation,
            Class::Attribution,
            Class::Names,
            Class::Wording,
            Class::Typography,
        ] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.name());
        }
    }

    #[test]
    fn death_toll_update_is_a_number_change() {
        let c = pair(
            "The death toll in Aleppo rose to 23, activists said.",
            "The death toll in Aleppo rose to at least 50, activists said.",
        );
        assert_eq!(classes(&c), [Class::Number]);
        assert_eq!(changes(&c, Class::Number), [(Some("23"), Some("50"))]);
    }

    #[test]
    fn numbers_pair_in_order_and_keep_their_written_form() {
        let c = pair(
            "Mr. Ellery said 40 people had been taken to hospital, and twelve were missing.",
            "Mr. Ellery said 1,200 people had been taken to hospital, and 15 were missing.",
        );
        assert_eq!(
            changes(&c, Class::Number),
            [(Some("40"), Some("1,200")), (Some("twelve"), Some("15"))]
        );
        // A number written another way is no change of number.
        let c = pair(
            "Officials said twelve homes were destroyed by the blaze.",
            "Officials said 12 homes were destroyed by the blaze overnight.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        assert!(classes(&c).contains(&Class::Wording));
    }

    #[test]
    fn url_code_is_not_a_number() {
        let c = pair(
            "Read the full statement at indy.st/2tIzceM, the council said.",
            "Read the full statement at indy.st/2uMpdG0, the council said.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "More on the ruling, which the judges signed, at bit.ly/2rrhjML on Monday.",
            "More on the ruling, which 25 judges signed, on Monday.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        // A numeral with a short unit is still a number.
        let n: Vec<String> =
            numbers("11km, the 5th, the 1990s, 3.5%, $4.5bn, a 34-year-old, 2.30pm")
                .into_iter()
                .map(|n| n.found.text)
                .collect();
        assert_eq!(
            n,
            [
                "11km",
                "5th",
                "1990s",
                "3.5",
                "4.5bn",
                "34-year-old",
                "2.30pm"
            ]
        );
    }

    #[test]
    fn same_time_in_another_format_is_no_number_change() {
        let c = pair(
            "The curfew ends at 0600 local time, officials said.",
            "The curfew ends at 06:00 local time, officials said.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        for (old, new) in [
            ("4pm", "16:00"),
            ("12am", "0000 GMT"),
            ("1430 GMT", "14:30 GMT"),
        ] {
            let c = pair(
                &format!("The market closed at {old} on Friday."),
                &format!("The market closed at {new} on Friday."),
            );
            assert!(
                !classes(&c).contains(&Class::Number),
                "{old} → {new}: {c:?}"
            );
        }
    }

    /// Review finding: values were compared without their am/pm or decade, so a
    /// corrected time or period was no number change.
    #[test]
    fn a_corrected_time_or_period_is_a_number_change() {
        for (old, new) in [
            ("The blast happened at 4am.", "The blast happened at 4pm."),
            (
                "The blast happened at 8:30am.",
                "The blast happened at 8:30pm.",
            ),
            (
                "The law was passed in 1990.",
                "The law was passed in the 1990s.",
            ),
        ] {
            let c = pair(old, new);
            assert!(classes(&c).contains(&Class::Number), "{old} → {new}: {c:?}");
        }
    }

    #[test]
    fn numbers_with_a_comma_are_no_years_and_the_90s_are_a_decade() {
        let kinds = |s: &str| numbers(s).into_iter().map(|n| n.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds("1,950 people in 1950"),
            [NumKind::Amount, NumKind::Year]
        );
        assert_eq!(kinds("the 90s"), [NumKind::Year]);
    }

    #[test]
    fn same_number_with_another_word_attached_is_no_number_change() {
        let c = pair(
            "Police said a 34-year-old man was arrested at the scene.",
            "Police said a 34-year veteran of the force was arrested at the scene.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "Shares fell after the company lost £120m in the quarter.",
            "Shares fell after the company lost £120 million in the quarter.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
    }

    #[test]
    fn unrelated_leftover_numbers_are_not_paired() {
        // The aleppo sample: "four besieged areas" and "Thousands of people".
        let c = pair(
            "BEIRUT Evacuations from four besieged areas of Syria resumed on Wednesday, state television reported.",
            "BEIRUT Thousands of people were evacuated from besieged areas of Syria on Wednesday, state television reported.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "The protest began at 18:00 outside the parliament building in the capital.",
            "The protest outside the parliament building drew 2.3 million people in the capital.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "About 5,800 people have fled the town, the agency said on Monday.",
            "People have fled the town since 2015, the agency said on Monday.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        // The same kind of quantity of the same thing is still paired.
        let c = pair(
            "Rescuers said 20 people were killed in the blast on Monday in the north.",
            "On Monday rescuers said in the north that 25 people were killed in the blast.",
        );
        assert_eq!(changes(&c, Class::Number), [(Some("20"), Some("25"))]);
        // Numbers with different units attached are not one quantity.
        let c = pair(
            "The 43-year-old driver was arrested near the 39-acre site on Friday.",
            "The driver was arrested near the 16-hectare site on Friday, 25 minutes later.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
    }

    #[test]
    fn numbers_in_one_change_pair_by_what_they_count() {
        let c = pair(
            "The FTSE 100 index was down 30.0 points, or 0.51%, at 5,881.5.",
            "The FTSE 100 index closed up 1.3%, or 78.9 points, at 5,990.3.",
        );
        assert_eq!(
            changes(&c, Class::Number),
            [
                (Some("30.0"), Some("78.9")),
                (Some("0.51"), Some("1.3")),
                (Some("5,881.5"), Some("5,990.3"))
            ]
        );
    }

    #[test]
    fn one_of_is_no_number() {
        // "one of which" is a pronoun, not a count to pair with "six".
        let c = pair(
            "The road was shut on Monday after several vehicles collided, one of which caught fire.",
            "The road was shut on Monday after several vehicles collided near junction six.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        assert!(
            numbers("One of the four men")
                .iter()
                .all(|n| n.found.text != "One")
        );
    }

    #[test]
    fn a_per_cent_pairs_only_with_a_per_cent() {
        let c = pair(
            "The benchmark FTSE 100 opened down 40.49 points at 6,797.43.",
            "The FTSE 100 was down 50.03 points, or 0.7%, at 6,787.89.",
        );
        assert_eq!(
            changes(&c, Class::Number),
            [
                (Some("40.49"), Some("50.03")),
                (Some("6,797.43"), Some("6,787.89"))
            ]
        );
    }

    #[test]
    fn numbers_counting_different_things_are_not_paired() {
        let c = pair(
            "Three men carried out the vehicle and knife attack on the bridge nine days ago.",
            "Three men carried out the vehicle and knife attack on the bridge, killing eight people.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "Officials said on Monday that 20 firefighters had been killed in the disaster.",
            "Officials said on Monday that 10 civilians were also killed in the disaster.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        // A word between the number and what it counts is no other thing.
        let c = pair(
            "The service said it was called at 20:50 and 20 engines were at the scene.",
            "The service said 26 fire engines had been at the scene since 20:30.",
        );
        assert_eq!(
            changes(&c, Class::Number),
            [(Some("20:50"), Some("20:30")), (Some("20"), Some("26"))]
        );
    }

    #[test]
    fn an_added_clause_with_a_number_is_wording_not_a_number_change() {
        let c = pair(
            "Mr. Ellery said 52 people had been taken to hospital.",
            "Mr. Ellery said 52 people had been taken to hospital, eight of them in critical condition.",
        );
        assert_eq!(classes(&c), [Class::Wording]);
    }

    #[test]
    fn a_trimmed_quote_is_a_quotation_change() {
        let c = pair(
            "“We will not leave Aleppo until the last fighter is gone, and we will fight to the end,” the commander said.",
            "“We will not leave Aleppo until the last fighter is gone,” the commander said.",
        );
        assert_eq!(classes(&c), [Class::Quotation]);
        assert_eq!(
            changes(&c, Class::Quotation),
            [(
                Some(
                    "We will not leave Aleppo until the last fighter is gone, and we will fight to the end"
                ),
                Some("We will not leave Aleppo until the last fighter is gone")
            )]
        );
    }

    #[test]
    fn newsedits_doubled_apostrophes_are_quotes() {
        let c = pair(
            "''The situation is catastrophic,'' a U.N. spokesman said on Friday.",
            "''The situation is catastrophic and getting worse,'' a U.N. spokesman said on Friday.",
        );
        assert_eq!(classes(&c), [Class::Quotation]);
        assert_eq!(
            changes(&c, Class::Quotation),
            [(
                Some("The situation is catastrophic"),
                Some("The situation is catastrophic and getting worse")
            )]
        );
    }

    #[test]
    fn a_different_speaker_is_an_attribution_and_a_name_change() {
        let c = pair(
            "The talks in Geneva were suspended on Tuesday, said Smith.",
            "The talks in Geneva were suspended on Tuesday, said Jones.",
        );
        assert_eq!(classes(&c), [Class::Attribution, Class::Names]);
        assert_eq!(
            changes(&c, Class::Attribution),
            [(Some("said Smith"), Some("said Jones"))]
        );
        assert_eq!(changes(&c, Class::Names), [(Some("Smith"), Some("Jones"))]);
    }

    #[test]
    fn a_different_verb_or_source_is_an_attribution_change() {
        let c = pair(
            "Rescue crews were still searching the wreckage, Fire Chief Tom Ellery told reporters.",
            "Rescue crews were still searching the wreckage, Fire Chief Tom Ellery said.",
        );
        assert_eq!(classes(&c), [Class::Attribution]);
        assert_eq!(
            changes(&c, Class::Attribution),
            [(
                Some("Fire Chief Tom Ellery told reporters"),
                Some("Fire Chief Tom Ellery said")
            )]
        );
        let c = pair(
            "At least 20 people were killed in the strike, according to the Syrian Observatory.",
            "At least 20 people were killed in the strike, according to state media.",
        );
        assert!(classes(&c).contains(&Class::Attribution), "{c:?}");
        assert_eq!(
            changes(&c, Class::Attribution),
            [(
                Some("according to the Syrian Observatory"),
                Some("according to state media")
            )]
        );
    }

    #[test]
    fn names_added_removed_and_replaced() {
        let c = pair(
            "Kerry met Lavrov in Rome on Saturday to discuss the evacuation.",
            "Kerry met Lavrov and Staffan de Mistura in Rome on Saturday to discuss the evacuation.",
        );
        assert_eq!(
            changes(&c, Class::Names),
            [(None, Some("Staffan de Mistura"))]
        );
        assert!(!classes(&c).contains(&Class::Wording), "{c:?}");
        // A shorter later mention of the same person is not a new name.
        let c = pair(
            "Rescue crews said Tom Ellery had arrived at the site.",
            "Rescue crews said Ellery had arrived at the site on foot.",
        );
        assert!(!classes(&c).contains(&Class::Names), "{c:?}");
    }

    #[test]
    fn names_still_in_the_article_are_not_listed_as_removed() {
        let old = "Evacuations resumed on Wednesday, a Hezbollah media unit reported.\n\n\
                   Thousands of people left the villages near Idlib, the unit said.\n\n\
                   The deal covers four towns in Syria.";
        let new = "Evacuations resumed on Wednesday, state media reported.\n\n\
                   Thousands of people left the villages near Idlib and Madaya, the Hezbollah unit said.\n\n\
                   The deal covers four towns in Syria.";
        let d = diff(old, new);
        // Hezbollah moved from one sentence to another: per op it was removed from one
        // and added to the other, but the article still names it.
        assert_eq!(changes(&d, Class::Names), [(None, Some("Madaya"))]);
        let names = d.iter().find(|c| c.class == Class::Names).unwrap();
        assert_eq!(names.ops, [0, 1]);
        // Review finding: the article-wide check ignored case, so "the bush" kept
        // George Bush from being listed as removed.
        let d = diff(
            "The talks with George Bush and Angela Merkel went on.\n\nOfficials met in London.",
            "The talks with Angela Merkel went on.\n\nOfficials met in the bush.",
        );
        let removed: Vec<_> = changes(&d, Class::Names)
            .into_iter()
            .filter_map(|(o, _)| o)
            .collect();
        assert!(removed.iter().any(|n| n.contains("Bush")), "{d:?}");
    }

    #[test]
    fn curly_quotes_only_is_typography_only() {
        let c = pair(
            "\"It was like being thrown around inside a tin can,\" said Maria Delgado -- who was travelling to work.",
            "“It was like being thrown around inside a tin can,” said Maria Delgado — who was travelling to work.",
        );
        assert_eq!(classes(&c), [Class::Typography]);
        assert!(!changes(&c, Class::Typography).is_empty());
        // Case and white space too, and the revision is typography only.
        let d = diff(
            "Officials in HARWICK said the line would reopen.\n\nMore to come.",
            "Officials in Harwick said the line would  re-open.\n\nMore to come.",
        );
        assert_eq!(classes(&d), [Class::Typography]);
    }

    #[test]
    fn a_correction_note_at_the_end_is_a_correction_and_appended() {
        let old = "A train derailed near Harwick on Tuesday, killing 21 people.\n\n\
                   \"It was like being thrown around,\" said Maria Delgado, 34.";
        let new = "A train derailed near Harwick on Tuesday, killing 21 people.\n\n\
                   \"It was like being thrown around,\" said Maria Delgado, 34.\n\n\
                   Correction: An earlier version of this story gave Maria Delgado's age incorrectly. She is 34, not 43.";
        let d = diff(old, new);
        assert_eq!(
            classes(&d),
            [Class::Correction, Class::Appended, Class::Wording]
        );
        let c = &d[0];
        assert_eq!(
            changes(&d, Class::Correction),
            [(
                None,
                Some(
                    "Correction: An earlier version of this story gave Maria Delgado's age incorrectly. She is 34, not 43."
                )
            )]
        );
        assert_eq!(c.new, [2, 3]);
        assert_eq!(d[1].new, [2, 3]);
    }

    #[test]
    fn update_notes_are_corrections_ordinary_copy_is_not() {
        for note in [
            "This article has been updated to include comments from the ministry.",
            "Update: The ministry later denied the report.",
            "CLARIFICATION: The plant is owned by a subsidiary.",
            "An earlier version of this article misstated the date of the vote.",
            "This story was corrected to show that the vote is on Friday.",
            "(Editor’s note: names have been changed.)",
        ] {
            assert!(is_correction(note), "{note}");
        }
        for copy in [
            "The ministry corrected its figures on Monday.",
            "Officials updated the death toll to 21.",
            "He said the earlier report was wrong.",
        ] {
            assert!(!is_correction(copy), "{copy}");
        }
    }

    #[test]
    fn a_rewritten_lede_is_lede_wording_and_number() {
        let old = "At least 12 people were killed when a passenger train derailed near the town of Harwick on Tuesday morning, police said.\n\n\
                   The train left the tracks at 8:40 a.m. on a curve south of Harwick station.";
        let new = "The death toll from a passenger train derailment near Harwick rose to 19 on Tuesday as rescuers pulled more bodies from the overturned carriages, police said.\n\n\
                   The train left the tracks at 8:40 a.m. on a curve south of Harwick station.";
        let d = diff(old, new);
        assert_eq!(classes(&d), [Class::Lede, Class::Number, Class::Wording]);
        let lede = &d[0];
        assert_eq!(
            (lede.old.as_slice(), lede.new.as_slice()),
            (&[0][..], &[0][..])
        );
        assert_eq!(lede.ops, [0]);
        assert_eq!(changes(&d, Class::Number), [(Some("12"), Some("19"))]);
    }

    #[test]
    fn a_headline_change_and_no_lede_for_a_later_paragraph() {
        let mut o = revision(0, "Storm hits the coast.\n\nRoads were closed on Monday.");
        let mut n = revision(1, "Storm hits the coast.\n\nRoads were reopened on Friday.");
        o.title = Some("Storm hits".into());
        n.title = Some("Storm hits coast".into());
        let a: Vec<&str> = o.sentences().collect();
        let b: Vec<&str> = n.sentences().collect();
        let ops = align::align(&a, &b);
        let classifier = Classifier::new(&a, &b);
        let per_op = classifier.ops(&ops);
        let d = classifier.diff(&o, &n, &ops, &per_op);
        assert_eq!(classes(&d), [Class::Headline, Class::Wording]);
        assert_eq!(
            changes(&d, Class::Headline),
            [(Some("Storm hits"), Some("Storm hits coast"))]
        );
    }

    #[test]
    fn added_and_deleted_sentences() {
        let old = "Rebels fired on the city on Monday.\n\nTalks will resume in Geneva.";
        let new = "Rebels fired on the city on Monday.\n\n“We have nowhere to go,” said Amal Haddad, a teacher.\n\nTalks will resume in Geneva.";
        let d = diff(old, new);
        // Added in the middle: not appended.
        assert_eq!(
            classes(&d),
            [Class::Quotation, Class::Names, Class::Wording]
        );
        assert_eq!(
            changes(&d, Class::Quotation),
            [(None, Some("We have nowhere to go"))]
        );
        assert_eq!(changes(&d, Class::Names), [(None, Some("Amal Haddad"))]);
        // Nothing at all: no classes.
        assert!(diff(old, old).is_empty());
    }

    #[test]
    fn merge_with_punctuation_and_a_capital_changed() {
        let a = [
            "The train left the tracks on a curve south of Harwick station.",
            "Four carriages overturned.",
        ];
        let b = [
            "The train left the tracks on a curve south of Harwick station, and four of its carriages overturned.",
        ];
        let ops = align::align(&a, &b);
        assert_eq!(ops[0].kind, Kind::Merged);
        let c = classify_op(&ops[0], &a, &b);
        assert_eq!(classes(&c), [Class::Wording]);
        assert_eq!(
            changes(&c, Class::Wording),
            [(Some(". Four"), Some(", and four of its"))]
        );
    }

    #[test]
    fn finders() {
        let n: Vec<String> =
            numbers("About 2 million people, 8:40 a.m., twenty-one dead and dozens hurt")
                .into_iter()
                .map(|n| format!("{}={}", n.found.text, n.found.key))
                .collect();
        assert_eq!(
            n,
            [
                "2 million=2 million",
                "8:40=840 h",
                "twenty-one=21",
                "dozens=dozens"
            ]
        );
        let q: Vec<String> = quotes("He said \"no\" and ‘never’. It’s “over")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(q, ["no", "never", "over"]);
        let q: Vec<String> = quotes("People were screaming.” Then silence.")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(q, ["People were screaming."]);
        let a: Vec<String> = attributions(
            "Mr. Ellery said 40 people were hurt, the ministry also said, and it was added later.",
        )
        .into_iter()
        .map(|f| f.text)
        .collect();
        assert_eq!(a, ["Mr. Ellery said", "the ministry also said"]);
        let s = "Fire Chief Tom Ellery met the Bank of England's governor on Tuesday. \"People were screaming,\" Delgado said.";
        let second = s.find('"').unwrap();
        let n: Vec<String> = names(s, &[0, second]).into_iter().map(|f| f.text).collect();
        assert_eq!(n, ["Chief Tom Ellery", "Bank of England", "Delgado"]);
    }

    #[test]
    fn stray_quote_marks_never_make_overlapping_quotes() {
        let q: Vec<String> = quotes("one\" two\" three” four\"")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(q, ["one"]);
    }

    /// A huge one-sentence "paragraph" (a broken scrape) full of quote marks, speakers
    /// and numbers: evidence stays about as long as the text, and the work is linear (a
    /// quadratic pass here takes minutes).
    #[test]
    fn a_huge_sentence_stays_linear() {
        let words = [
            "alpha", "Beta", "12", "\"quote", "said", "Smith", "the", "1,200", "Delta", "end\"",
        ];
        let make = |seed: usize| -> String {
            (0..40_000)
                .map(|i| words[(i * 7 + seed * (i / 3)) % words.len()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (a, b) = (make(1), make(2));
        let (sa, sb) = ([a.as_str()], [b.as_str()]);
        let start = std::time::Instant::now();
        let ops = align::align(&sa, &sb);
        let c: Vec<ClassEvidence> = ops
            .iter()
            .flat_map(|op| classify_op(op, &sa, &sb))
            .collect();
        let evidence: usize = c
            .iter()
            .flat_map(|c| &c.changes)
            .map(|ch| {
                ch.old.as_ref().map_or(0, String::len) + ch.new.as_ref().map_or(0, String::len)
            })
            .sum();
        assert!(
            evidence <= 3 * (a.len() + b.len()),
            "{evidence} bytes of evidence"
        );
        assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    }

    #[test]
    fn odd_text_does_not_panic() {
        for (a, b) in [
            ("“", "”"),
            ("''", "'' ''"),
            ("‘’’‘", "’"),
            ("Said.", "Said X."),
            ("according to", "according to."),
            ("Mr. . Mr", "Mr. Mr. said"),
            ("1,2,3 million million", "1:2:3 hundred"),
            ("É à Ö", "é À ö!"),
        ] {
            let (sa, sb) = ([a], [b]);
            for op in align::align(&sa, &sb) {
                let _ = classify_op(&op, &sa, &sb);
            }
            let _ = diff(a, b);
        }
    }
}
