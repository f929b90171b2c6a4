//! The classes of one op, step by step (the steps are listed in the module docs of
//! [`classify`](super)).

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use super::attribution::attributions;
use super::found::{Found, cancel, pair_up};
use super::hunks::Hunks;
use super::quotes::quotes;
use super::{Change, Class, ClassEvidence, Classifier, names, numbers};
use crate::align::words::WordChange;
use crate::article::Side;
use crate::text::normalize::typography_key;
use crate::text::tokens::tokens;

impl Classifier<'_> {
    /// The classes of an added (`side` = new) or deleted (`side` = old) sentence:
    /// `quotation` for its quotes, `names` for the names the other revision does not
    /// have at all, and `wording` if any word is left outside those.
    pub(super) fn lone(&self, side: Side, text: &str) -> Vec<ClassEvidence> {
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
        let ns: Vec<Found> = names::names(text, &[0])
            .into_iter()
            .filter(|n| !other.contains(n.key.as_str()) && seen.insert(n.text.clone()))
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

/// One side of an op: its sentences joined with single spaces (as the word diff joins
/// them), and where each sentence starts.
pub(super) struct SideText {
    pub(super) text: String,
    /// Byte offsets of the sentences' starts in `text`.
    pub(super) starts: Vec<usize>,
}

impl SideText {
    /// The sentences `idx` of `sents` (indices past the end are skipped).
    pub(super) fn join(idx: &[usize], sents: &[&str]) -> Self {
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

/// An edited, merged or split op as every step reads it: both sides' text and the hunks
/// of its word diff.
pub(super) struct EditedOp<'a> {
    pub(super) old: &'a SideText,
    pub(super) new: &'a SideText,
    pub(super) hunks: Hunks,
}

impl EditedOp<'_> {
    pub(super) fn side(&self, side: Side) -> &SideText {
        match side {
            Side::Old => self.old,
            Side::New => self.new,
        }
    }

    /// Hunk `k` as evidence: what it removed and what it put in, trimmed (a side that
    /// is only white space is absent).
    fn hunk_change(&self, k: usize) -> Change {
        let h = self.hunks.get(k);
        let text = |side: Side| {
            let s = self.side(side).text[h.on(side).clone()].trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        Change::new(text(Side::Old), text(Side::New))
    }
}

/// The classes of an edited, merged or split op (`a` → `b`, `words` its word diff), in
/// the order of the steps: typography alone, or the specific classes and then wording.
pub(super) fn edit(a: &SideText, b: &SideText, words: &[WordChange]) -> Vec<ClassEvidence> {
    let op = EditedOp {
        old: a,
        new: b,
        hunks: Hunks::of(words, &a.text, &b.text),
    };
    if typography_key(&a.text) == typography_key(&b.text) {
        let changes = (0..op.hunks.len()).map(|k| op.hunk_change(k)).collect();
        return vec![ClassEvidence::new(Class::Typography, changes)];
    }
    let mut changed = ChangedWords::of(&op);
    let mut out = Vec::new();
    out.extend(numbers::edited(&op, &mut changed));
    out.extend(passages(&op, &mut changed, Class::Quotation, quotes));
    out.extend(passages(
        &op,
        &mut changed,
        Class::Attribution,
        attributions,
    ));
    out.extend(names::edited(&op, &mut changed));
    // Function words that only glue an explained change in ("met Lavrov and Staffan de
    // Mistura") go with it.
    let explained = changed.explained_hunks();
    changed.cover_in_hunks(&explained, GLUE);
    out.extend(wording(&op, &changed, !out.is_empty()));
    out
}

/// Quotations or attributions (`find` finds them in a text): what is left on either side
/// once equal ones are struck off, where the word diff touched it, paired in order.
fn passages(
    op: &EditedOp,
    changed: &mut ChangedWords,
    class: Class,
    find: fn(&str) -> Vec<Found>,
) -> Option<ClassEvidence> {
    let (old, new) = cancel(find(&op.old.text), find(&op.new.text), |f| f.key.clone());
    let touched = |side: Side, found: Vec<Found>| -> Vec<Found> {
        found
            .into_iter()
            .filter(|f| op.hunks.touched(side, &f.range))
            .collect()
    };
    let (old, new) = (touched(Side::Old, old), touched(Side::New, new));
    if old.is_empty() && new.is_empty() {
        return None;
    }
    for f in &old {
        changed.cover(Side::Old, &f.range);
    }
    for f in &new {
        changed.cover(Side::New, &f.range);
    }
    Some(ClassEvidence::new(class, pair_up(old, new)))
}

/// Wording: the hunks that still hold a changed word nothing else explains. When no
/// class explained anything and no such word is left (words only moved about), every
/// hunk is wording.
fn wording(op: &EditedOp, changed: &ChangedWords, explained: bool) -> Option<ClassEvidence> {
    let mut hunks = changed.unexplained_hunks();
    if !explained && hunks.is_empty() {
        hunks = (0..op.hunks.len()).collect();
    }
    let changes: Vec<Change> = hunks.into_iter().map(|k| op.hunk_change(k)).collect();
    (!changes.is_empty()).then(|| ClassEvidence::new(Class::Wording, changes))
}

/// Function words that join an explained change to its sentence.
const GLUE: &[&str] = &[
    "and", "or", "the", "a", "an", "of", "with", "to", "in", "on", "at", "by", "for", "from", "as",
    "his", "her", "their", "its",
];

/// A changed word of the word diff.
struct Changed {
    side: Side,
    range: Range<usize>,
    hunk: usize,
    /// The word's typography key: lower-case letters and digits.
    key: String,
    /// Not matched by the same word on the other side of its hunk (case, punctuation and
    /// quote style aside).
    live: bool,
    /// Explained by a class.
    covered: bool,
}

/// The words an op's word diff changed, on both sides, and which of them the classes
/// found so far explain.
pub(super) struct ChangedWords {
    words: Vec<Changed>,
    /// Per side, indices into `words` in text order, for covering a range.
    old: Vec<usize>,
    new: Vec<usize>,
}

impl ChangedWords {
    /// The changed words of every hunk, with those that only changed case or punctuation
    /// in place struck off (not `live`).
    fn of(op: &EditedOp) -> Self {
        let mut words: Vec<Changed> = Vec::new();
        for (k, h) in op.hunks.iter() {
            let first = words.len();
            for side in Side::BOTH {
                let r = h.on(side);
                for t in tokens(&op.side(side).text[r.clone()]) {
                    if t.is_word() {
                        words.push(Changed {
                            side,
                            range: r.start + t.at..r.start + t.end(),
                            hunk: k,
                            key: typography_key(t.text),
                            live: true,
                            covered: false,
                        });
                    }
                }
            }
            strike_in_place(&mut words[first..]);
        }
        // Hunks come in text order, so each side's words do too.
        let order = |side: Side| -> Vec<usize> {
            (0..words.len())
                .filter(|&k| words[k].side == side)
                .collect()
        };
        let (old, new) = (order(Side::Old), order(Side::New));
        ChangedWords { words, old, new }
    }

    /// Marks the changed words inside `r` on `side` as explained.
    pub(super) fn cover(&mut self, side: Side, r: &Range<usize>) {
        let list = match side {
            Side::Old => &self.old,
            Side::New => &self.new,
        };
        let words = &mut self.words;
        let from = list.partition_point(|&k| words[k].range.end <= r.start);
        for &k in &list[from..] {
            if words[k].range.start >= r.end {
                break;
            }
            words[k].covered = true;
        }
    }

    /// Marks as explained the changed words of `hunks` that are one of `list` (by key).
    pub(super) fn cover_in_hunks(&mut self, hunks: &HashSet<usize>, list: &[&str]) {
        for c in &mut self.words {
            if hunks.contains(&c.hunk) && list.contains(&c.key.as_str()) {
                c.covered = true;
            }
        }
    }

    /// The hunks with a word some class explains.
    fn explained_hunks(&self) -> HashSet<usize> {
        self.words
            .iter()
            .filter(|c| c.covered)
            .map(|c| c.hunk)
            .collect()
    }

    /// The hunks, in order, that hold a live changed word nothing explains.
    fn unexplained_hunks(&self) -> Vec<usize> {
        let mut hunks: Vec<usize> = self
            .words
            .iter()
            .filter(|c| c.live && !c.covered)
            .map(|c| c.hunk)
            .collect();
        hunks.dedup();
        hunks
    }
}

/// Within one hunk's changed words, strikes off (not `live`) each removed word that the
/// hunk puts back with the same key, first with first: only its case or punctuation
/// changed.
fn strike_in_place(here: &mut [Changed]) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align;
    use crate::align::Kind;
    use crate::classify::test_support::*;
    use crate::classify::{Class, classify_op};

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
    fn an_added_clause_with_a_number_is_wording_not_a_number_change() {
        let c = pair(
            "Mr. Ellery said 52 people had been taken to hospital.",
            "Mr. Ellery said 52 people had been taken to hospital, eight of them in critical condition.",
        );
        assert_eq!(classes(&c), [Class::Wording]);
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
}
