//! The hunks of an op's word diff.

use std::ops::Range;

use crate::align::words::{WordChange, WordOp};
use crate::article::Side;

/// A run of changes between two equal runs of the word diff: byte ranges of the old and
/// new side (either may be empty).
#[derive(Debug, Clone)]
pub(super) struct Hunk {
    pub(super) old: Range<usize>,
    pub(super) new: Range<usize>,
}

/// The hunks of a word diff. If the diff does not spell the two sides (it always does for
/// ops from the aligner), the whole op is one hunk.
pub(super) fn hunks_of(words: &[WordChange], a: &str, b: &str) -> Vec<Hunk> {
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
pub(super) fn hunk_overlapping(hunks: &[Hunk], w: Side, r: &Range<usize>) -> Option<usize> {
    let from = hunks.partition_point(|h| hunk_side(h, w).end <= r.start);
    (from..hunks.len())
        .take_while(|&k| hunk_side(&hunks[k], w).start < r.end)
        .find(|&k| overlaps(hunk_side(&hunks[k], w), r))
}

/// Whether the word diff changed anything inside a passage on side `w`: a deletion right
/// at its end counts (a quote cut short).
pub(super) fn hunk_touched(hunks: &[Hunk], w: Side, r: &Range<usize>) -> bool {
    let from = hunks.partition_point(|h| hunk_side(h, w).end < r.start);
    (from..hunks.len())
        .take_while(|&k| hunk_side(&hunks[k], w).start <= r.end)
        .any(|k| touches(hunk_side(&hunks[k], w), r))
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
