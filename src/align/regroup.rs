//! Step 4b: a sentence that carries a substantial part of a sentence on the other side
//! joins that sentence's link, even when this makes a group of several old and several
//! new sentences (a `rewritten` group: two sentences rewritten into two others, a list
//! folded into fewer sentences).
//!
//! Readers link every sentence that carries part of what another reported (the gold sets'
//! rule, `tests/data/gold2/RULES.md` 3 and 4); the earlier steps make at most one link per
//! sentence plus merges and splits of neighbours, so these partial links are what is left.
//! A partial link needs more than shared words: the part must be a large share of the
//! smaller sentence, the pair must be alike overall, and the two must stand within half an
//! article of each other, because a story that repeats a name in every sentence would
//! otherwise fold into one group.

use std::collections::HashSet;

use super::candidates::postings;
use super::similarity::{Features, union};
use super::{Linking, Params};

/// Informative tokens a sentence needs before a share of it says anything.
const MIN_TOKENS: usize = 3;
/// Sentences a group may hold on one side: a rewrite redistributes a passage, not an
/// article.
const MAX_SIDE: usize = 4;
/// How far apart (as a share of each article's length) the two sentences may stand:
/// half an article. Chosen on the first gold set (F1 0.932 at a third, 0.936 at a half,
/// 0.933 with no limit); the second gold set, held out, is the same at all three.
const MAX_DRIFT: f32 = 0.5;

/// A pair of sentences that carry part of each other, with their likeness.
struct Partial {
    score: f32,
    old: usize,
    new: usize,
}

/// Joins partial pairs (see the module docs), strongest first.
pub(super) fn link_partials(lk: &mut Linking, f: &Features, p: &Params) {
    if p.part > 1.0 {
        return;
    }
    let mut partials = find(lk, f, p);
    partials.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.old, a.new).cmp(&(b.old, b.new)))
    });
    for c in partials {
        join(lk, f, c.old, c.new);
    }
}

/// The pairs of a free and a linked sentence whose smaller sentence is at least `p.part`
/// contained in the other, alike at `p.gap` or more, and near each other. Sentences in links at score 1
/// (equal text) take no part: nothing of them went elsewhere.
fn find(lk: &Linking, f: &Features, p: &Params) -> Vec<Partial> {
    let fixed = |l: Option<usize>| l.is_some_and(|l| lk.links[l].score >= 1.0);
    let index = postings(f, &f.new, |n| !fixed(lk.new_link[n]));
    let (old_len, new_len) = (f.old.len().max(1) as f32, f.new.len().max(1) as f32);
    let mut out = Vec::new();
    let mut seen: HashSet<usize> = HashSet::new();
    for (o, toks) in f.old.iter().enumerate() {
        if fixed(lk.old_link[o]) || toks.len() < MIN_TOKENS {
            continue;
        }
        seen.clear();
        for n in toks.iter().filter_map(|t| index.get(t)).flatten() {
            if !seen.insert(*n) {
                continue;
            }
            let n = *n;
            // One of the two must be free: see `join`.
            let both = lk.old_link[o].is_some() == lk.new_link[n].is_some();
            if both || f.new[n].len() < MIN_TOKENS {
                continue;
            }
            if (o as f32 / old_len - n as f32 / new_len).abs() > MAX_DRIFT {
                continue;
            }
            let score = f.dice(toks, &f.new[n]);
            let part = f
                .containment(toks, &f.new[n])
                .max(f.containment(&f.new[n], toks));
            if score >= p.gap && part >= p.part {
                out.push(Partial {
                    score,
                    old: o,
                    new: n,
                });
            }
        }
    }
    out
}

/// Puts old sentence `o` and new sentence `n` in one link when one of them is free: it
/// joins the other's link. Nothing is joined when the group would grow past [`MAX_SIDE`]
/// on a side. Two links are not joined into one, nor two free sentences linked: on both
/// gold sets that made as many wrong links as right ones (a pair of links carrying part
/// of each other usually shares only part of their content, and the group's every pair
/// counts as a link).
fn join(lk: &mut Linking, f: &Features, o: usize, n: usize) {
    let joined = match (lk.old_link[o], lk.new_link[n]) {
        (Some(a), None) if lk.links[a].new.len() < MAX_SIDE => {
            lk.links[a].new.push(n);
            lk.links[a].new.sort_unstable();
            lk.new_link[n] = Some(a);
            a
        }
        (None, Some(b)) if lk.links[b].old.len() < MAX_SIDE => {
            lk.links[b].old.push(o);
            lk.links[b].old.sort_unstable();
            lk.old_link[o] = Some(b);
            b
        }
        _ => return,
    };
    // A group's likeness is that of its two sides taken together, as for merges.
    let l = &lk.links[joined];
    let a: Vec<&[u32]> = l.old.iter().map(|&i| f.old[i].as_slice()).collect();
    let b: Vec<&[u32]> = l.new.iter().map(|&i| f.new[i].as_slice()).collect();
    lk.links[joined].score = f.dice(&union(&a), &union(&b));
}

#[cfg(test)]
mod tests {
    use crate::align::{Kind, align};

    /// A list rewritten with its items redistributed (a corpus pair, Independent): the
    /// attribution moved from the first sentence to the second, the items stayed.
    /// Merged and split cannot say this; the group is rewritten.
    #[test]
    fn a_list_rewritten_over_two_sentences_is_one_rewritten_group() {
        let old = [
            "The US-led coalition has killed several senior Isis commanders.",
            "General Martin Dempsey, the chairman of the Joint Chiefs of Staff, told the Wall Street Journal in an interview that Haji Mutazz, a deputy to Isis leader Abu Bakr al-Baghdadi;",
            "Abd al-Basit, the top military commander;",
            "and Radwan Talib, an official in Mosul, had been killed.",
        ];
        let new = [
            "The US-led coalition has killed several senior Isis commanders.",
            "Airstrikes carried out between 3 December and 9 December killed Haji Mutazz, a deputy to Isis leader Abu Bakr al-Baghdadi;",
            "and Abd al-Basit, the top military commander, General Martin Dempsey, the chairman of the Joint Chiefs of Staff, told the Wall Street Journal.",
            "and Radwan Talib, an official in Mosul, had been killed.",
        ];
        let ops = align(&old, &new);
        let kinds: Vec<_> = ops
            .iter()
            .map(|o| (o.kind, o.old.clone(), o.new.clone()))
            .collect();
        assert!(
            kinds.contains(&(Kind::Rewritten, vec![1, 2], vec![1, 2])),
            "{kinds:?}"
        );
    }
}
