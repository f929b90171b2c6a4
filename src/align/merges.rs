//! Step 4: merges and splits.

use super::candidates::{COMMON_DF, postings};
use super::similarity::{Features, union};
use super::{Link, Linking, Params, Side};

/// Informative tokens a free sentence needs before containment says anything.
const FOLD_MIN_TOKENS: usize = 3;

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
        lk.join(li, side, cand);
        lk.links[li].score = score;
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
    let (this, other) = side.tokens(f);
    let owner = side.owners(lk);
    let (grow, fixed) = match side {
        Side::New => (&l.new, &l.old),
        Side::Old => (&l.old, &l.new),
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

/// Free × linked sentence pairs past which [`contained`] indexes the linked sentences'
/// tokens rather than reading every pair.
const SCAN_LIMIT: usize = 1 << 14;

/// Whether two sorted token lists share a token that is not common (in at most
/// [`COMMON_DF`] sentences): the candidates an inverted index of such tokens would give.
fn shares_rare_token(f: &Features, a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if f.df[a[i] as usize] <= COMMON_DF {
                    return true;
                }
                i += 1;
                j += 1;
            }
        }
    }
    false
}

/// Joins free sentences on `side` to links whose other side is a single sentence that
/// contains them. Candidates are the linked sentences that share a token that is not
/// common with them.
fn contained(lk: &mut Linking, f: &Features, side: Side, min_containment: f32) {
    let (this, other) = side.tokens(f);
    // In an archive's pairs nearly every sentence is linked already: no index is built
    // when no free sentence could join a link.
    let free = |s: usize| side.owners(lk)[s].is_none() && this[s].len() >= FOLD_MIN_TOKENS;
    if !(0..this.len()).any(free) {
        return;
    }
    // The linked sentences of the other side that share an uncommon token. Read directly
    // when the free sentences are few (an archive's pairs: an index of every linked
    // sentence cost more than the reading); from an index of those tokens when the
    // reading would be large. Both give the same candidates, in order.
    let linked: Vec<usize> = (0..other.len())
        .filter(|&i| side.other().owners(lk)[i].is_some())
        .collect();
    let free_count = (0..this.len()).filter(|&s| free(s)).count();
    let index = (free_count * linked.len() > SCAN_LIMIT)
        .then(|| postings(f, other, |i| side.other().owners(lk)[i].is_some()));
    for (s, toks) in this.iter().enumerate() {
        if side.owners(lk)[s].is_some() || toks.len() < FOLD_MIN_TOKENS {
            continue;
        }
        let cands: Vec<usize> = match &index {
            Some(postings) => {
                let mut c: Vec<usize> = toks
                    .iter()
                    .filter_map(|t| postings.get(t))
                    .flatten()
                    .copied()
                    .collect();
                c.sort_unstable();
                c.dedup();
                c
            }
            None => linked
                .iter()
                .copied()
                .filter(|&c| shares_rare_token(f, toks, &other[c]))
                .collect(),
        };
        let best = cands
            .into_iter()
            .map(|c| (f.containment(toks, &other[c]), c))
            .filter(|(c, _)| *c >= min_containment)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        let Some((_, c)) = best else { continue };
        let Some(li) = side.other().owners(lk)[c] else {
            continue;
        };
        let l = &lk.links[li];
        let fixed = match side {
            Side::Old => &l.new,
            Side::New => &l.old,
        };
        // Many-to-many links are no merge or split anyone reads, and a link at score 1
        // already has the same informative tokens on both sides.
        if fixed.len() == 1 && l.score < 1.0 {
            lk.join(li, side, s);
        }
    }
}
