//! Step 2: candidates from an inverted index of informative tokens, so long articles are
//! never compared all against all.

use rustc_hash::FxHashMap;

use super::Linking;
use super::similarity::Features;

/// Candidates kept per sentence from the inverted index.
const MAX_CANDIDATES: usize = 8;
/// Tokens in more sentences than this are too common to propose candidates (they still
/// count in the score).
pub(super) const COMMON_DF: u32 = 64;

/// A possible link between a free old sentence and a free new one.
pub(super) struct Candidate {
    /// The likeness less a small penalty for drifting from document order: what the
    /// greedy assignment takes best first.
    pub rank: f32,
    /// The likeness.
    pub score: f32,
    pub old: usize,
    pub new: usize,
}

/// The candidate pairs, and each old sentence's candidate new sentences (best first).
pub(super) struct Candidates {
    pub pairs: Vec<Candidate>,
    pub per_old: Vec<Vec<usize>>,
}

/// An inverted index of the uncommon tokens of the sentences in `side` that `keep` admits:
/// token id to sentence indices, in sentence order.
pub(super) fn postings(
    f: &Features,
    side: &[Vec<u32>],
    keep: impl Fn(usize) -> bool,
) -> FxHashMap<u32, Vec<usize>> {
    let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, toks) in side.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        for &t in toks {
            if f.df[t as usize] <= COMMON_DF {
                postings.entry(t).or_default().push(i);
            }
        }
    }
    postings
}

/// For each free old sentence, the free new sentences that share the most token weight
/// with it, scored.
pub(super) fn find(f: &Features, lk: &Linking) -> Candidates {
    let postings = postings(f, &f.new, |n| lk.new_link[n].is_none());
    let (old_len, new_len) = (lk.old_link.len(), lk.new_link.len());
    let rel = |i: usize, len: usize| i as f32 / len.max(1) as f32;
    let mut out = Candidates {
        pairs: Vec::new(),
        per_old: vec![Vec::new(); old_len],
    };
    // Reused across sentences to save an allocation each.
    let mut acc: FxHashMap<usize, f32> = FxHashMap::default();
    for (o, toks) in f.old.iter().enumerate() {
        if lk.old_link[o].is_some() {
            continue;
        }
        for n in best_sharing(f, toks, &postings, &mut acc) {
            let score = f.dice(toks, &f.new[n]);
            out.per_old[o].push(n);
            let drift = (rel(o, old_len) - rel(n, new_len)).abs();
            out.pairs.push(Candidate {
                rank: score - 0.05 * drift,
                score,
                old: o,
                new: n,
            });
        }
    }
    out
}

/// The [`MAX_CANDIDATES`] indexed sentences sharing the most token weight with `toks`,
/// most first (lower index first among equals).
fn best_sharing(
    f: &Features,
    toks: &[u32],
    postings: &FxHashMap<u32, Vec<usize>>,
    acc: &mut FxHashMap<usize, f32>,
) -> Vec<usize> {
    acc.clear();
    for &t in toks {
        if let Some(ns) = postings.get(&t) {
            for &n in ns {
                *acc.entry(n).or_default() += f.weight[t as usize];
            }
        }
    }
    let mut best: Vec<(f32, usize)> = acc.iter().map(|(&n, &w)| (w, n)).collect();
    best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    best.truncate(MAX_CANDIDATES);
    best.into_iter().map(|(_, n)| n).collect()
}
