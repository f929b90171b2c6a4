//! Scoring an alignment against a reference (a hand-checked gold set, or another aligner).
//!
//! An alignment is a set of links `(old, new)`, where `None` on one side marks an added or
//! deleted sentence; a merge or split is several links sharing a sentence. Precision,
//! recall and F1 count links, micro-averaged over pairs. "Non-identical" restricts both
//! sets to the links a diff is for: additions, deletions and links between sentences that
//! are not the very same text, since identical sentences any aligner gets right.

use std::collections::BTreeSet;

use super::{Kind, Op};

/// One link: old sentence index, new sentence index, either may be absent.
pub type Link = (Option<usize>, Option<usize>);

/// The links an alignment's ops stand for.
pub fn links(ops: &[Op]) -> BTreeSet<Link> {
    let mut out = BTreeSet::new();
    for op in ops {
        match op.kind {
            Kind::Added => {
                out.insert((None, Some(op.new[0])));
            }
            Kind::Deleted => {
                out.insert((Some(op.old[0]), None));
            }
            _ => {
                for &o in &op.old {
                    for &n in &op.new {
                        out.insert((Some(o), Some(n)));
                    }
                }
            }
        }
    }
    out
}

/// Counts behind precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub matched: usize,
    pub predicted: usize,
    pub reference: usize,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.matched += other.matched;
        self.predicted += other.predicted;
        self.reference += other.reference;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.reference)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Overall and non-identical counts for one pair.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub overall: Counts,
    pub non_identical: Counts,
}

impl Score {
    pub fn add(&mut self, other: Score) {
        self.overall.add(other.overall);
        self.non_identical.add(other.non_identical);
    }
}

/// Scores `predicted` against `reference` for a pair whose sentences are `old` and `new`.
pub fn score(
    predicted: &BTreeSet<Link>,
    reference: &BTreeSet<Link>,
    old: &[&str],
    new: &[&str],
) -> Score {
    let identical = |l: &Link| match l {
        (Some(o), Some(n)) => old.get(*o).zip(new.get(*n)).is_some_and(|(a, b)| a == b),
        _ => false,
    };
    let counts = |keep: &dyn Fn(&Link) -> bool| Counts {
        matched: predicted
            .iter()
            .filter(|l| keep(l) && reference.contains(l))
            .count(),
        predicted: predicted.iter().filter(|l| keep(l)).count(),
        reference: reference.iter().filter(|l| keep(l)).count(),
    };
    Score {
        overall: counts(&|_| true),
        non_identical: counts(&|l| !identical(l)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_links_count_only_overall() {
        let old = ["Same.", "Old."];
        let new = ["Same.", "New."];
        let gold: BTreeSet<Link> = [(Some(0), Some(0)), (Some(1), Some(1))].into();
        let pred: BTreeSet<Link> = [(Some(0), Some(0)), (Some(1), None), (None, Some(1))].into();
        let s = score(&pred, &gold, &old, &new);
        assert_eq!(
            (s.overall.matched, s.overall.predicted, s.overall.reference),
            (1, 3, 2)
        );
        assert_eq!(
            (
                s.non_identical.matched,
                s.non_identical.predicted,
                s.non_identical.reference
            ),
            (0, 2, 1)
        );
        assert!((s.overall.f1() - 0.4).abs() < 1e-9);
    }
}
