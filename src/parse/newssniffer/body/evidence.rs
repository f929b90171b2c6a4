//! The evidence a reading is scored on, and its weights: the local evidence of each
//! changed row's split and each gap's structure, and the agreement of chained pages. The
//! repeat penalty is kept as a running tally by the model (`PageModel::score`).

use std::collections::HashMap;

use super::model::{Hyp, PageModel, Side, Split};
use super::{ends_paragraph, starts_paragraph};
use crate::text::lexicon::STOPWORDS;
use crate::text::segment;
use crate::text::tokens::word_spans;

/// The weights of the evidence, in log-odds-like units. The defaults were fitted on
/// scrapes generated from half of the NewsEdits sample and checked on the other half
/// (`examples/newssniffer_corpus.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Old half of a changed row ends with sentence-final punctuation / does not.
    pub end_punct: f32,
    pub no_end_punct: f32,
    /// New half starts like a paragraph / does not.
    pub start_ok: f32,
    pub bad_start: f32,
    /// Weight of the halves' likeness (0..1).
    pub likeness: f32,
    /// Score of reading a row as one-sided: what a changed reading must beat.
    pub one_sided: f32,
    /// Preference for reading one-sided rows as added rather than deleted.
    pub added_prior: f32,
    /// White-space cue, when the scrape kept white space.
    pub whitespace: f32,
    /// Penalty per word shingle repeated within one version.
    pub repeat: f32,
    /// Bonus per paragraph two chained pages agree on (and penalty per disagreement).
    pub chain: f32,
    /// Weight of the paragraph-length prior (news paragraphs run one to three sentences).
    pub length: f32,
    /// Weight of a one-sided row's likeness to the halves of its gap's changed rows: a row
    /// like an old half is that paragraph's new version, displaced by an insertion, so it
    /// is new (and the other way round).
    pub cross: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            end_punct: 1.5,
            no_end_punct: -3.0,
            start_ok: 1.25,
            bad_start: -2.5,
            likeness: 6.0,
            one_sided: 3.5,
            added_prior: 0.375,
            whitespace: 3.0,
            repeat: 0.5,
            chain: 4.0,
            length: 0.5,
            cross: 4.0,
        }
    }
}

/// Log-prior of a paragraph of `n` sentences.
pub(super) fn length_prior(n: usize) -> f32 {
    match n {
        0 | 1 => -0.9,
        2 => -1.05,
        3 => -1.6,
        4 => -2.5,
        5 => -3.2,
        n => -4.0 - 0.7 * (n - 6) as f32,
    }
}

/// Split candidates kept per row.
pub(super) const MAX_SPLITS: usize = 4;

/// Every split between two words, scored in one pass; the best few are kept.
/// `ends` are the byte offsets where the row's sentences end.
pub(super) fn split_candidates(
    text: &str,
    ends: &[usize],
    uncollapsed: bool,
    w: &Weights,
) -> Vec<Split> {
    let words: Vec<(usize, usize)> = word_spans(text);
    if words.len() < 2 {
        return Vec::new();
    }
    let keys = word_keys(text, &words);
    let mut overlap = Overlap::new(&keys);
    let mut scored: Vec<(f32, usize)> = Vec::with_capacity(words.len());
    for t in 1..words.len() {
        // The split before word `t`: word `t - 1` has just moved to the old half.
        let likeness = overlap.shift(&keys[t - 1]);
        let old = &text[..words[t - 1].1];
        let new = &text[words[t].0..];
        scored.push((split_score(old, new, likeness, ends, uncollapsed, w), t));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(MAX_SPLITS);
    scored
        .into_iter()
        .map(|(score, t)| Split::new(text, words[t - 1].1, words[t].0, score))
        .collect()
}

/// Each word's key (its letters and digits, lower-cased) and its weight in the likeness:
/// stop words weigh a quarter, as any two paragraphs share them.
fn word_keys(text: &str, words: &[(usize, usize)]) -> Vec<(String, f32)> {
    words
        .iter()
        .map(|&(a, b)| {
            let k: String = text[a..b]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            let w = if k.is_empty() {
                0.0
            } else if STOPWORDS.contains(&k.as_str()) {
                0.25
            } else {
                1.0
            };
            (k, w)
        })
        .collect()
}

/// The weighted word overlap of a row's two halves while the split point moves right a
/// word at a time. A moved word changes only its own term of the intersection, so every
/// split point of a row costs one step, not a comparison of the halves.
struct Overlap<'a> {
    left: HashMap<&'a str, i32>,
    right: HashMap<&'a str, i32>,
    /// Weighted size of the multiset intersection of the halves.
    inter: f32,
    /// Weight of all the row's words.
    total: f32,
}

impl<'a> Overlap<'a> {
    /// Every word in the right half.
    fn new(keys: &'a [(String, f32)]) -> Self {
        let total: f32 = keys.iter().map(|k| k.1).sum();
        let mut right: HashMap<&str, i32> = HashMap::new();
        for (k, _) in keys {
            *right.entry(k.as_str()).or_default() += 1;
        }
        Overlap {
            left: HashMap::new(),
            right,
            inter: 0.0,
            total,
        }
    }

    /// Moves the next word from the right half to the left and returns the halves'
    /// likeness (weighted Dice, 0..1).
    fn shift(&mut self, (k, weight): &'a (String, f32)) -> f32 {
        let l = self.left.entry(k.as_str()).or_default();
        let r = self.right.entry(k.as_str()).or_default();
        let before = (*l).min(*r);
        *l += 1;
        *r -= 1;
        self.inter += weight * ((*l).min(*r) - before) as f32;
        if self.total > 0.0 {
            2.0 * self.inter / self.total
        } else {
            0.0
        }
    }
}

/// The local evidence for reading a changed row as `old` then `new`; `ends` are the
/// row's sentence ends, `likeness` the halves' word overlap.
fn split_score(
    old: &str,
    new: &str,
    likeness: f32,
    ends: &[usize],
    uncollapsed: bool,
    w: &Weights,
) -> f32 {
    let at_end = ends_paragraph(old) && segment::is_boundary(old, new);
    let old_sentences = ends.partition_point(|&e| e <= old.len()).max(1);
    let new_sentences = ends.len().saturating_sub(old_sentences).max(1);
    let mut score = if at_end { w.end_punct } else { w.no_end_punct }
        + if starts_paragraph(new) {
            w.start_ok
        } else {
            w.bad_start
        }
        + w.likeness * likeness
        + w.length * (length_prior(old_sentences) + length_prior(new_sentences));
    if uncollapsed {
        let cue = !old.contains("  ") && double_spaced(new);
        score += if cue { w.whitespace } else { -w.whitespace };
    }
    score
}

/// Whether every gap between words is at least two spaces (the new cell, uncollapsed).
fn double_spaced(s: &str) -> bool {
    let w = word_spans(s);
    w.windows(2).all(|p| p[1].0 - p[0].1 >= 2)
}

/// The local score of reading gap `g` as `h`, with the current split choices.
pub(super) fn local_gap(m: &PageModel, g: usize, h: Hyp) -> f32 {
    let gap = &m.gaps[g];
    let mut s = 0.0;
    for (pos, &r) in gap.rows.iter().enumerate() {
        let row = &m.rows[r];
        if pos < h.k {
            s += row.splits[m.split[r]].score;
        } else {
            // Likeness to the old and new halves of this gap's changed rows.
            let (mut to_old, mut to_new) = (0.0f32, 0.0f32);
            let len = gap.rows.len();
            for (j, &c) in gap.rows[..h.k].iter().enumerate() {
                let (o, n) = gap.cross[(pos * len + j) * MAX_SPLITS + m.split[c]];
                to_old = to_old.max(o);
                to_new = to_new.max(n);
            }
            let lean = m.w.cross * (to_old - to_new);
            s += row.one_score
                + match h.side {
                    Side::New => m.w.added_prior + lean,
                    Side::Old => -lean,
                };
        }
    }
    s
}

/// Agreement of two chained pages: paragraphs of `a`'s new side found in `b`'s old side.
pub(super) fn chain_score(a_new: &[u64], b_old: &[u64], chain: f32) -> f32 {
    let mut count: HashMap<u64, i32> = HashMap::new();
    for k in b_old {
        *count.entry(*k).or_default() += 1;
    }
    let mut agree = 0;
    for k in a_new {
        if let Some(c) = count.get_mut(k)
            && *c > 0
        {
            *c -= 1;
            agree += 1;
        }
    }
    let disagree = a_new.len().max(b_old.len()) - agree;
    chain * agree as f32 - chain * disagree as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_halves_split_where_they_align() {
        let row = "The toll rose to 23 on Monday. Rescuers kept digging. The toll rose to 50 on Monday. Rescuers kept digging through the night.";
        let ends: Vec<usize> = segment::sentences(row).iter().map(|s| s.end).collect();
        let s = split_candidates(row, &ends, false, &Weights::default());
        assert_eq!(
            &row[..s[0].old_end],
            "The toll rose to 23 on Monday. Rescuers kept digging."
        );
    }
}
