//! The search for the best whole reading: coordinate ascent over every decision of every
//! page, each scored with its chain neighbours, until no single change improves the score.

use std::collections::BTreeSet;

use super::evidence::chain_score;
use super::fingerprint::KeyMap;
use super::model::PageModel;

/// Each page's paragraph keys (old, new), kept for its chain neighbours' scores.
pub(super) type Sides = Vec<(Vec<u64>, Vec<u64>)>;

/// A change to one page's reading.
#[derive(Debug, Clone, Copy)]
pub(super) enum Move {
    /// Gap `.0` read as its hypothesis `.1`.
    Hyp(usize, usize),
    /// Row `.0` split by its candidate `.1`.
    Split(usize, usize),
    /// Two gaps' hypotheses at once: gap `.0` as `.1`, gap `.2` as `.3`.
    Pair(usize, usize, usize, usize),
}

/// Applies a move and returns the move that undoes it.
pub(super) fn apply(m: &mut PageModel, mv: Move) -> Move {
    match mv {
        Move::Hyp(g, h) => {
            let undo = Move::Hyp(g, m.hyp[g]);
            m.set_hyp(g, h);
            undo
        }
        Move::Split(r, c) => {
            let undo = Move::Split(r, m.split[r]);
            m.set_split(r, c);
            undo
        }
        Move::Pair(g1, h1, g2, h2) => {
            let undo = Move::Pair(g1, m.hyp[g1], g2, m.hyp[g2]);
            m.set_hyp(g1, h1);
            m.set_hyp(g2, h2);
            undo
        }
    }
}

/// Every alternative to the current choice of one decision: a gap's structure, a changed
/// row's split, or the structures of two interacting gaps together.
fn moves(m: &PageModel, pairs: &[(usize, usize)]) -> Vec<Vec<Move>> {
    let mut out = Vec::new();
    for g in 0..m.gaps.len() {
        out.push(gap_alternatives(m, g));
        let h = m.gaps[g].hyps[m.hyp[g]];
        for &r in &m.gaps[g].rows[..h.k] {
            out.push(split_alternatives(m, r));
        }
    }
    for &(g1, g2) in pairs {
        let mut v = Vec::new();
        for h1 in 0..m.gaps[g1].hyps.len() {
            for h2 in 0..m.gaps[g2].hyps.len() {
                if h1 != m.hyp[g1] && h2 != m.hyp[g2] {
                    v.push(Move::Pair(g1, h1, g2, h2));
                }
            }
        }
        out.push(v);
    }
    out
}

/// The other readings of gap `g`'s structure.
pub(super) fn gap_alternatives(m: &PageModel, g: usize) -> Vec<Move> {
    (0..m.gaps[g].hyps.len())
        .filter(|&h| h != m.hyp[g])
        .map(|h| Move::Hyp(g, h))
        .collect()
}

/// The other split candidates of changed row `r`.
pub(super) fn split_alternatives(m: &PageModel, r: usize) -> Vec<Move> {
    (0..m.rows[r].splits.len())
        .filter(|&c| c != m.split[r])
        .map(|c| Move::Split(r, c))
        .collect()
}

/// Coordinate ascent over every gap's structure and every changed row's split point, and
/// over pairs of gaps that interact (their rows share shingles): a repeat between two gaps
/// can only be resolved by changing both at once.
pub(super) fn optimise(models: &mut [PageModel], chained: &[bool]) {
    let mut sides: Sides = models.iter().map(PageModel::side_paras).collect();
    let pairs: Vec<Vec<(usize, usize)>> = models.iter().map(interacting_gaps).collect();
    // A page is looked at again only when it or a chained neighbour changed.
    let mut dirty: BTreeSet<usize> = (0..models.len()).collect();
    let mut visits = vec![0u32; models.len()];
    while let Some(p) = dirty.pop_first() {
        visits[p] += 1;
        // A bound on the time: chained pages can re-dirty each other many times over.
        if visits[p] > 8 {
            continue;
        }
        let mut best = score_with_neighbours(&models[p], &sides, chained, p);
        let mut improved = false;
        for group in moves(&models[p], &pairs[p]) {
            let mut choice: Option<Move> = None;
            for mv in group {
                let undo = apply(&mut models[p], mv);
                let s = score_with_neighbours(&models[p], &sides, chained, p);
                apply(&mut models[p], undo);
                // Only a gain beyond rounding counts, so equal readings do not trade places.
                if s > best + 1e-4 {
                    best = s;
                    choice = Some(mv);
                }
            }
            if let Some(mv) = choice {
                apply(&mut models[p], mv);
                improved = true;
            }
        }
        if improved {
            sides[p] = models[p].side_paras();
            dirty.insert(p);
            if p > 0 && chained[p - 1] {
                dirty.insert(p - 1);
            }
            if chained[p] {
                dirty.insert(p + 1);
            }
        }
    }
}

/// Pairs of gaps whose rows share a shingle in some reading.
fn interacting_gaps(m: &PageModel) -> Vec<(usize, usize)> {
    let mut owner: KeyMap<usize> = KeyMap::default();
    let mut pairs = BTreeSet::new();
    for (g, gap) in m.gaps.iter().enumerate() {
        for &r in &gap.rows {
            let row = &m.rows[r];
            let all = row.sh.iter().chain(
                row.splits
                    .iter()
                    .flat_map(|s| s.old_sh.iter().chain(&s.new_sh)),
            );
            for sh in all {
                match owner.get(sh) {
                    Some(&o) if o != g => {
                        pairs.insert((o, g));
                    }
                    Some(_) => {}
                    None => {
                        owner.insert(*sh, g);
                    }
                }
            }
        }
    }
    pairs.into_iter().collect()
}

/// Score of page `p` with its chain neighbours, using the cached sides of the others.
pub(super) fn score_with_neighbours(
    m: &PageModel,
    sides: &Sides,
    chained: &[bool],
    p: usize,
) -> f32 {
    let mut s = m.score();
    let (old, new) = m.side_paras();
    if p > 0 && chained[p - 1] {
        s += chain_score(&sides[p - 1].1, &old, m.w.chain);
    }
    if chained[p] {
        s += chain_score(&new, &sides[p + 1].0, m.w.chain);
    }
    s
}
