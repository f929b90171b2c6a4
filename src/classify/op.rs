//! The classes of one op.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use super::attribution::attributions;
use super::found::{Found, cancel, pair_by, pair_up};
use super::hunks::{Hunk, hunk_overlapping, hunk_touched, hunks_of};
use super::names::names;
use super::numbers::{Num, NumKind, QUALIFIERS, cancel_numbers, numbers, unlike_apart};
use super::quotes::quotes;
use super::{Change, Class, ClassEvidence, Classifier};
use crate::align::words::WordChange;
use crate::article::Side;
use crate::text::normalize::typography_key;
use crate::text::tokens::{tokens, word_set};

impl Classifier<'_> {
    /// An added (`side` = new) or deleted (`side` = old) sentence.
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

/// One side of an op: its sentences joined with single spaces (as the word diff joins
/// them), and where each sentence starts.
pub(super) struct SideText {
    text: String,
    starts: Vec<usize>,
}

impl SideText {
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
    key: String,
    /// Not matched by the same word on the other side of its hunk (case, punctuation and
    /// quote style aside).
    live: bool,
    covered: bool,
}

pub(super) fn edit(a: &SideText, b: &SideText, words: &[WordChange]) -> Vec<ClassEvidence> {
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
