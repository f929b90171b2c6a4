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

/// The kind of a reference link, for recall by kind (issue 14, item 5): which sort of
/// change a reader linked, so the next weakness of the aligner is visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// The two sentences are the very same text.
    Identical,
    /// A 1:1 link between different texts.
    Edited,
    /// Part of a merge or split: one side of the link has other links too, but the
    /// connected group is not many-to-many.
    MergedSplit,
    /// Part of a group of ≥ 2 old and ≥ 2 new sentences (the gold2 `groups`, which its
    /// README defines as exactly these connected components).
    Rewritten,
    /// `[x, null]`.
    Deleted,
    /// `[null, y]`.
    Added,
}

impl LinkKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [LinkKind; 6] = [
        LinkKind::Identical,
        LinkKind::Edited,
        LinkKind::MergedSplit,
        LinkKind::Rewritten,
        LinkKind::Deleted,
        LinkKind::Added,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Identical => "identical",
            LinkKind::Edited => "edited (1:1)",
            LinkKind::MergedSplit => "merged/split",
            LinkKind::Rewritten => "rewritten (m:n)",
            LinkKind::Deleted => "deleted",
            LinkKind::Added => "added",
        }
    }
}

/// The kind of each reference link, and whether it is a non-identical link touching
/// sentence 0 of either side (a lede link, reported beside the kinds).
pub fn link_kinds(
    reference: &BTreeSet<Link>,
    old: &[&str],
    new: &[&str],
) -> Vec<(Link, LinkKind, bool)> {
    // Connected components of the [x, y] links: old sentence x is node x, new y is
    // node old.len() + y.
    let n_old = old.len().max(
        reference
            .iter()
            .filter_map(|l| l.0)
            .max()
            .map_or(0, |m| m + 1),
    );
    let n_new = new.len().max(
        reference
            .iter()
            .filter_map(|l| l.1)
            .max()
            .map_or(0, |m| m + 1),
    );
    let mut parent: Vec<usize> = (0..n_old + n_new).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for l in reference {
        if let (Some(o), Some(n)) = *l {
            let (a, b) = (root(&mut parent, o), root(&mut parent, n_old + n));
            parent[a] = b;
        }
    }
    let mut sides: std::collections::HashMap<usize, (BTreeSet<usize>, BTreeSet<usize>)> =
        Default::default();
    for l in reference {
        if let (Some(o), Some(n)) = *l {
            let r = root(&mut parent, o);
            let e = sides.entry(r).or_default();
            e.0.insert(o);
            e.1.insert(n);
        }
    }
    reference
        .iter()
        .map(|l| {
            let kind = match *l {
                (Some(o), Some(n)) => {
                    let (a, b) = &sides[&root(&mut parent, o)];
                    if a.len() >= 2 && b.len() >= 2 {
                        LinkKind::Rewritten
                    } else if a.len() >= 2 || b.len() >= 2 {
                        LinkKind::MergedSplit
                    } else if old.get(o).zip(new.get(n)).is_some_and(|(x, y)| x == y) {
                        LinkKind::Identical
                    } else {
                        LinkKind::Edited
                    }
                }
                (Some(_), None) => LinkKind::Deleted,
                _ => LinkKind::Added,
            };
            let lede = kind != LinkKind::Identical && (l.0 == Some(0) || l.1 == Some(0));
            (*l, kind, lede)
        })
        .collect()
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
