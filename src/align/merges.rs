//! Step 4: merges and splits.

use super::candidates::postings;
use super::similarity::{Features, union};
use super::{Link, Linking, Params};

/// Informative tokens a free sentence needs before containment says anything.
const FOLD_MIN_TOKENS: usize = 3;

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Old,
    New,
}

/// Merges and splits, in this order: free sentences paired with two adjacent free ones,
/// links grown by free neighbours, and free sentences joined to a link that contains them.
pub(super) fn link_groups(lk: &mut Linking, f: &Features, per_old: &[Vec<usize>], p: &Params) {
    split_into_two(lk, f, per_old, p);
    // Anchors and other links at score 1 can score no better, so they absorb nothing.
    for li in 0..lk.links.len() {
        if lk.links[li].score >= 1.0 {
            continue;
        }
        absorb(lk, f, li, Side::New, p.absorb);
        absorb(lk, f, li, Side::Old, p.absorb);
    }
    // A free sentence almost wholly contained in a linked one was folded into it
    // (merged) or cut out of it (split), wherever it stood.
    contained(lk, f, Side::Old, p.fold);
    contained(lk, f, Side::New, p.fold);
}

/// Links each free old sentence to two adjacent free new sentences together, when the
/// pair scores at the link bar and each half is mostly contained in the old sentence.
/// The pairs tried are those around the old sentence's indexed candidates.
fn split_into_two(lk: &mut Linking, f: &Features, per_old: &[Vec<usize>], p: &Params) {
    for (o, cands) in per_old.iter().enumerate() {
        if lk.old_link[o].is_some() {
            continue;
        }
        let mut best: Option<(f32, usize)> = None;
        for &n in cands {
            for (a, b) in [n.checked_sub(1).map(|m| (m, n)), Some((n, n + 1))]
                .into_iter()
                .flatten()
            {
                if b >= lk.new_link.len() || lk.new_link[a].is_some() || lk.new_link[b].is_some() {
                    continue;
                }
                let joined = union(&[&f.new[a], &f.new[b]]);
                let s = f.dice(&f.old[o], &joined);
                let both_contained = f.containment(&f.new[a], &f.old[o]) >= p.absorb
                    && f.containment(&f.new[b], &f.old[o]) >= p.absorb;
                if s >= p.link && both_contained && best.is_none_or(|(bs, _)| s > bs) {
                    best = Some((s, a));
                }
            }
        }
        if let Some((score, a)) = best {
            lk.add(Link {
                old: vec![o],
                new: vec![a, a + 1],
                score,
            });
        }
    }
}

/// Grows link `li` on `side` with free adjacent sentences while each is mostly contained
/// in the other side and the combination scores better. One side grows only while the
/// other has a single sentence: a many-to-many link is no merge or split anyone reads.
fn absorb(lk: &mut Linking, f: &Features, li: usize, side: Side, min_containment: f32) {
    while let Some((score, cand)) = best_neighbour(lk, f, li, side, min_containment) {
        let l = &mut lk.links[li];
        match side {
            Side::New => l.new.push(cand),
            Side::Old => l.old.push(cand),
        }
        l.old.sort_unstable();
        l.new.sort_unstable();
        l.score = score;
        match side {
            Side::New => lk.new_link[cand] = Some(li),
            Side::Old => lk.old_link[cand] = Some(li),
        }
    }
}

/// The free neighbour on `side` (just before or just after) that link `li` would best
/// absorb, with the link's score after absorbing it; `None` when no neighbour qualifies.
fn best_neighbour(
    lk: &Linking,
    f: &Features,
    li: usize,
    side: Side,
    min_containment: f32,
) -> Option<(f32, usize)> {
    let l = &lk.links[li];
    let (this, other, grow, fixed, owner) = match side {
        Side::New => (&f.new, &f.old, &l.new, &l.old, &lk.new_link),
        Side::Old => (&f.old, &f.new, &l.old, &l.new, &lk.old_link),
    };
    if fixed.len() != 1 {
        return None;
    }
    let fixed_toks = &other[fixed[0]];
    let lo = *grow.iter().min().expect("links have both sides");
    let hi = *grow.iter().max().expect("links have both sides");
    let current: Vec<&[u32]> = grow.iter().map(|&i| this[i].as_slice()).collect();
    let mut best: Option<(f32, usize)> = None;
    for cand in [lo.checked_sub(1), Some(hi + 1)].into_iter().flatten() {
        if cand >= this.len() || owner[cand].is_some() || this[cand].is_empty() {
            continue;
        }
        if f.containment(&this[cand], fixed_toks) < min_containment {
            continue;
        }
        let mut lists = current.clone();
        lists.push(&this[cand]);
        let s = f.dice(fixed_toks, &union(&lists));
        if s > l.score + 0.02 && best.is_none_or(|(bs, _)| s > bs) {
            best = Some((s, cand));
        }
    }
    best
}

/// Joins free sentences on `side` to links whose other side is a single sentence that
/// contains them. Candidates come from an inverted index of the other side's tokens.
fn contained(lk: &mut Linking, f: &Features, side: Side, min_containment: f32) {
    let (this, other, other_owner) = match side {
        Side::Old => (&f.old, &f.new, &lk.new_link),
        Side::New => (&f.new, &f.old, &lk.old_link),
    };
    let postings = postings(f, other, |i| other_owner[i].is_some());
    for s in 0..this.len() {
        let (owner, other_owner) = match side {
            Side::Old => (&lk.old_link, &lk.new_link),
            Side::New => (&lk.new_link, &lk.old_link),
        };
        if owner[s].is_some() || this[s].len() < FOLD_MIN_TOKENS {
            continue;
        }
        let mut cands: Vec<usize> = this[s]
            .iter()
            .filter_map(|t| postings.get(t))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let best = cands
            .into_iter()
            .map(|c| (f.containment(&this[s], &other[c]), c))
            .filter(|(c, _)| *c >= min_containment)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let Some((_, c)) = best else { continue };
        let Some(li) = other_owner[c] else { continue };
        join_if_single(lk, li, s, side);
    }
}

/// Adds sentence `s` on `side` to link `li`, if the link's other side is one sentence
/// and the link scores below 1: a many-to-many link is no merge or split anyone reads,
/// and a link at 1 already holds the same informative tokens on both sides.
fn join_if_single(lk: &mut Linking, li: usize, s: usize, side: Side) {
    let l = &mut lk.links[li];
    let fixed_single = match side {
        Side::Old => l.new.len() == 1,
        Side::New => l.old.len() == 1,
    };
    if !fixed_single || l.score >= 1.0 {
        return;
    }
    match side {
        Side::Old => l.old.push(s),
        Side::New => l.new.push(s),
    }
    l.old.sort_unstable();
    l.new.sort_unstable();
    match side {
        Side::Old => lk.old_link[s] = Some(li),
        Side::New => lk.new_link[s] = Some(li),
    }
}
