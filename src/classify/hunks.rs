//! The hunks of an op's word diff: the runs of change between its equal runs, as byte
//! ranges of the op's old and new text. Each class of an edited op is told by where its
//! evidence lies against the hunks: a number is changed only if a hunk overlaps it, a
//! quote only if a hunk touches it, and the words left unexplained are counted per hunk.

use std::ops::Range;

use crate::align::words::{WordChange, WordOp};
use crate::article::Side;

/// A run of changes between two equal runs of the word diff: byte ranges of the old and
/// new side (either may be empty).
#[derive(Debug, Clone)]
pub(super) struct Hunk {
    old: Range<usize>,
    new: Range<usize>,
}

/// The hunks of one op's word diff, in text order on both sides (an equal run stands
/// between any two), so finding the hunk at a byte range is a binary search.
pub(super) struct Hunks(Vec<Hunk>);

impl Hunks {
    /// The hunks of a word diff of `a` → `b`. If the diff does not spell the two sides (it
    /// always does for ops from the aligner), the whole op is one hunk.
    pub(super) fn of(words: &[WordChange], a: &str, b: &str) -> Self {
        let spell = |side| WordChange::spell(words, side);
        if words.is_empty() || spell(WordOp::Delete) != a || spell(WordOp::Insert) != b {
            return Hunks(vec![Hunk {
                old: 0..a.len(),
                new: 0..b.len(),
            }]);
        }
        let (mut i, mut j) = (0, 0);
        let mut out: Vec<Hunk> = Vec::new();
        let mut open = false;
        for w in words {
            let len = w.text.len();
            if w.op == WordOp::Equal {
                // The old side of an equal run may differ in white space.
                i += w.on(WordOp::Delete).map_or(len, str::len);
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
        Hunks(out)
    }

    /// The hunks in text order, with their indices.
    pub(super) fn iter(&self) -> impl Iterator<Item = (usize, &Hunk)> {
        self.0.iter().enumerate()
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    pub(super) fn get(&self, k: usize) -> &Hunk {
        &self.0[k]
    }

    /// The first hunk whose range on `side` overlaps `r`.
    pub(super) fn overlapping(&self, side: Side, r: &Range<usize>) -> Option<usize> {
        let hunks = &self.0;
        let from = hunks.partition_point(|h| h.on(side).end <= r.start);
        (from..hunks.len())
            .take_while(|&k| hunks[k].on(side).start < r.end)
            .find(|&k| overlaps(hunks[k].on(side), r))
    }

    /// Whether the word diff changed anything inside a passage on `side`: a deletion right
    /// at its end counts (a quote cut short).
    pub(super) fn touched(&self, side: Side, r: &Range<usize>) -> bool {
        let hunks = &self.0;
        let from = hunks.partition_point(|h| h.on(side).end < r.start);
        (from..hunks.len())
            .take_while(|&k| hunks[k].on(side).start <= r.end)
            .any(|k| touches(hunks[k].on(side), r))
    }
}

impl Hunk {
    /// The hunk's byte range on one side.
    pub(super) fn on(&self, side: Side) -> &Range<usize> {
        match side {
            Side::Old => &self.old,
            Side::New => &self.new,
        }
    }
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
