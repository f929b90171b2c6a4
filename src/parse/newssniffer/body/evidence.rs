//! The evidence a reading is scored on, and its weights: how a changed row's split
//! looks (how the old paragraph ends, how the new one starts, how alike the halves are,
//! how long they run), how likely a row is one-sided and on which side, and the
//! agreement of chained pages. The repeat penalty and the likeness of one-sided rows to
//! changed ones are tallied by the model (`model.rs`), which reads the weights here.

use std::collections::HashMap;

use super::model::Side;
use super::{ends_paragraph, starts_paragraph};
use crate::text::lexicon::STOPWORDS;
use crate::text::segment;
use crate::text::tokens::word_spans;

/// The weights of the evidence, in log-odds units (a reading's score is their sum over
/// its decisions). The defaults were fitted as a log-linear model of the readings (the
/// truth's log-probability among each page's best readings, maximised) on pages generated
/// from all 400 pairs of the NewsEdits sample with the generator's seeds `fit` and
/// `fit-2`, and reported on another seed (`examples/newssniffer_corpus/fit.rs`,
/// `docs/newssniffer.md`). The chain weight, which one-page scrapes cannot fit, is kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Old half of a changed row ends with sentence-final punctuation.
    pub end_punct: f32,
    /// … ends with a bracketed credit line (`(Reporting by …; Editing by …)`).
    pub end_credit: f32,
    /// … ends with a bare URL.
    pub end_url: f32,
    /// … ends with an agency tag or wire note (`Reuters`, `More follows`).
    pub end_tag: f32,
    /// … ends in none of these ways (mid-sentence, most likely).
    pub no_end_punct: f32,
    /// New half starts like a paragraph / does not.
    pub start_ok: f32,
    pub bad_start: f32,
    /// New half starts with a dateline (`WASHINGTON (AP) --`, `BEIRUT (Reuters) -`): a
    /// dateline opens a story's first paragraph, so a rewritten story's new first
    /// paragraph starts where it stands.
    pub dateline: f32,
    /// The halves open with the same words / close with the same words (0..1: up to
    /// three words alike): an edited paragraph keeps its opening and its close.
    pub same_start: f32,
    pub same_end: f32,
    /// Weight of the halves' likeness (0..1).
    pub likeness: f32,
    /// Weight of the runs of words the halves share (Dice of their 6-word shingles, 0..1):
    /// an edited paragraph keeps whole phrases of the old one.
    pub runs: f32,
    /// Score of reading a row as one-sided: what a changed reading must beat.
    pub one_sided: f32,
    /// Log-odds of a run of one-sided rows being added rather than deleted, by where the
    /// run is: before the first unchanged row, between two, after the last (a page with
    /// no unchanged row counts as between).
    pub added_top: f32,
    pub added_middle: f32,
    pub added_end: f32,
    /// A gap has one-sided rows (the old and new sides of it differ in length), whatever
    /// their side: against reading every row of it as changed.
    pub surplus: f32,
    /// White-space cue, when the scrape kept white space.
    pub whitespace: f32,
    /// Penalty per word shingle repeated within one version.
    pub repeat: f32,
    /// Bonus per paragraph two chained pages agree on (and penalty per disagreement).
    pub chain: f32,
    /// Weight of the paragraph-length prior.
    pub length: f32,
    /// Weight of a one-sided row's likeness to the halves of its gap's changed rows: a row
    /// like an old half is that paragraph's new version, displaced by an insertion, so it
    /// is new (and the other way round). Summed over the gap's changed rows.
    pub cross: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            end_punct: -0.73,
            end_credit: 1.46,
            end_url: 1.01,
            end_tag: 2.31,
            no_end_punct: -4.78,
            start_ok: 2.6,
            bad_start: -2.77,
            dateline: 3.4,
            same_start: 1.49,
            same_end: 0.78,
            likeness: 3.84,
            runs: 5.13,
            one_sided: 2.42,
            added_top: 0.72,
            added_middle: 1.06,
            added_end: 0.6,
            surplus: -0.97,
            whitespace: 3.11,
            repeat: 0.37,
            chain: 4.0,
            length: 0.14,
            cross: 2.17,
        }
    }
}

/// Where a gap lies on the page, for the side prior of its one-sided rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Position {
    Top,
    Middle,
    End,
}

impl Weights {
    /// The prior of a run of one-sided rows at `at` being on `side`.
    pub(super) fn side_prior(&self, at: Position, side: Side) -> f32 {
        match (side, at) {
            (Side::Old, _) => 0.0,
            (Side::New, Position::Top) => self.added_top,
            (Side::New, Position::Middle) => self.added_middle,
            (Side::New, Position::End) => self.added_end,
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

/// Every split of a row between two words, scored in one pass: `(t, score)` for the
/// split before word `t` (`1 <= t < spans.len()`), in order. None is dropped: which one
/// is right may only show once repeats across the page are weighed. `spans` are the
/// row's words, `ends` the byte offsets where its sentences end.
pub(super) fn split_scores(
    text: &str,
    spans: &[(usize, usize)],
    ends: &[usize],
    uncollapsed: bool,
    w: &Weights,
) -> Vec<(usize, f32)> {
    if spans.len() < 2 {
        return Vec::new();
    }
    let keys = word_keys(text, spans);
    let n = keys.len();
    // `starts[t]`: words `t..` begin as the row does; `ends_rev[n - t]`: words `..t`
    // end as the row does.
    let forward: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    let backward: Vec<&str> = forward.iter().rev().copied().collect();
    let (starts, ends_rev) = (z_function(&forward), z_function(&backward));
    let alike = |k: usize| k.min(EDGE_WORDS) as f32 / EDGE_WORDS as f32;
    let mut overlap = Overlap::new(&keys);
    let mut scored = Vec::with_capacity(spans.len());
    for t in 1..n {
        // The split before word `t`: word `t - 1` has just moved to the old half.
        let likeness = overlap.shift(&keys[t - 1]);
        let old = &text[..spans[t - 1].1];
        let new = &text[spans[t].0..];
        let most = t.min(n - t);
        let edges = w.same_start * alike(starts[t].min(most))
            + w.same_end * alike(ends_rev[n - t].min(most));
        let score = split_score(old, new, likeness, ends, uncollapsed, w) + edges;
        scored.push((t, score));
    }
    scored
}

/// Words alike at a paragraph's edges that count for `same_start` and `same_end`.
const EDGE_WORDS: usize = 3;

/// `z[i]`: how many items from `i` on equal the items from the start (`z[0]` is the
/// length). Linear.
fn z_function<T: PartialEq>(s: &[T]) -> Vec<usize> {
    let n = s.len();
    let mut z = vec![0; n];
    if n == 0 {
        return z;
    }
    z[0] = n;
    let (mut l, mut r) = (0, 0);
    for i in 1..n {
        if i < r {
            z[i] = (r - i).min(z[i - l]);
        }
        while i + z[i] < n && s[z[i]] == s[i + z[i]] {
            z[i] += 1;
        }
        if i + z[i] > r {
            l = i;
            r = i + z[i];
        }
    }
    z
}

/// For each split, given as `cuts` (nondecreasing counts of the row's hashed words in
/// the old half), the Dice likeness of the halves' shingles: the old half holds the
/// row's shingles `0..cut - 5`, the new half `cut..`. One pass: a split one word further
/// moves at most one shingle into the old half and one out of the new.
pub(super) fn shared_runs(sh: &[u64], cuts: &[u32]) -> Vec<f32> {
    let n = sh.len();
    let mut left: HashMap<u64, i32> = HashMap::new();
    let mut right: HashMap<u64, i32> = HashMap::new();
    for h in sh {
        *right.entry(*h).or_default() += 1;
    }
    let (mut old_end, mut new_start, mut shared) = (0usize, 0usize, 0i32);
    let mut out = Vec::with_capacity(cuts.len());
    for &cut in cuts {
        let cut = cut as usize;
        // The new half loses the shingles before `cut`.
        while new_start < cut.min(n) {
            let r = right.entry(sh[new_start]).or_default();
            let l = left.get(&sh[new_start]).copied().unwrap_or(0);
            shared -= i32::from(*r <= l);
            *r -= 1;
            new_start += 1;
        }
        // The old half gains the shingles that end before `cut`.
        while old_end < (cut + 1).saturating_sub(6).min(n) {
            let l = left.entry(sh[old_end]).or_default();
            let r = right.get(&sh[old_end]).copied().unwrap_or(0);
            shared += i32::from(*l < r);
            *l += 1;
            old_end += 1;
        }
        let sizes = old_end + (n - new_start);
        out.push(if sizes == 0 {
            0.0
        } else {
            2.0 * shared as f32 / sizes as f32
        });
    }
    out
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
    let old_sentences = ends.partition_point(|&e| e <= old.len()).max(1);
    let new_sentences = ends.len().saturating_sub(old_sentences).max(1);
    let mut score = ending_score(old, new, w)
        + if starts_paragraph(new) {
            w.start_ok
        } else {
            w.bad_start
        }
        + if starts_dateline(new) {
            w.dateline
        } else {
            0.0
        }
        + w.likeness * likeness
        + w.length * (length_prior(old_sentences) + length_prior(new_sentences));
    if uncollapsed {
        let cue = !old.contains("  ") && double_spaced(new);
        score += if cue { w.whitespace } else { -w.whitespace };
    }
    score
}

/// Whether `s` starts with a dateline: a place in capitals, then (perhaps after a region
/// and an agency in brackets) a dash: `WASHINGTON (AP) --`, `HARTFORD, Conn. (AP) --`,
/// `BEIRUT (Reuters) -`, `WASHINGTON —`. An opening quote mark before it is allowed.
pub(super) fn starts_dateline(s: &str) -> bool {
    let s = s.trim_start_matches(['“', '"', '‘', '\'']);
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let agency = |w: &str| {
        w.strip_prefix('(')
            .and_then(|w| w.strip_suffix(')'))
            .is_some_and(|a| (2..=12).contains(&a.len()) && a.chars().all(char::is_alphabetic))
    };
    let words: Vec<&str> = s.split_whitespace().take(8).collect();
    if !words.first().is_some_and(|w| capitals(w)) {
        return false;
    }
    words
        .windows(2)
        .any(|p| matches!(p[1], "--" | "-" | "—" | "–") && (agency(p[0]) || capitals(p[0])))
}

/// Whether every gap between words is at least two spaces (the new cell, uncollapsed).
fn double_spaced(s: &str) -> bool {
    let w = word_spans(s);
    w.windows(2).all(|p| p[1].0 - p[0].1 >= 2)
}

/// How a paragraph ends, for the split evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    /// Sentence-final punctuation, where a sentence may end.
    Sentence,
    /// A bracketed credit line: `(Reporting by …; Editing by …)`.
    Credit,
    /// A bare URL.
    Url,
    /// An agency tag or wire note: `Reuters`, `AP`, `More follows`.
    Tag,
    /// None of these: most likely mid-sentence.
    Open,
}

/// Wire tags that end paragraphs with no punctuation (as their own line, or after the
/// last sentence).
const TAGS: [&str; 11] = [
    "Reuters",
    "AP",
    "AFP",
    "PA",
    "Bloomberg",
    "dpa",
    "Xinhua",
    "UPI",
    "More follows",
    "more follows",
    "Developing",
];

/// How `old` ends, given that `new` follows it in the row.
pub(super) fn ending(old: &str, new: &str) -> Ending {
    if ends_paragraph(old) && segment::is_boundary(old, new) {
        return Ending::Sentence;
    }
    let t = old.trim_end();
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    if t.ends_with(')') && t.rfind('(').is_some_and(|i| t[i..].contains(' ')) {
        Ending::Credit
    } else if is_url(last) {
        Ending::Url
    } else if TAGS.iter().any(|tag| {
        t.strip_suffix(tag)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', '-', '—', '(']))
    }) {
        Ending::Tag
    } else {
        Ending::Open
    }
}

/// A bare URL or web address: a scheme, `www.`, or a domain followed by a path
/// (`pic.twitter.com/x`, `reut.rs/1a`).
fn is_url(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',', ')']);
    w.contains("://")
        || w.starts_with("www.")
        || w.split_once('/').is_some_and(|(host, _)| {
            host.rsplit_once('.').is_some_and(|(name, tld)| {
                !name.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase())
            })
        })
}

/// The weight of how the old half of a split ends.
fn ending_score(old: &str, new: &str, w: &Weights) -> f32 {
    match ending(old, new) {
        Ending::Sentence => w.end_punct,
        Ending::Credit => w.end_credit,
        Ending::Url => w.end_url,
        Ending::Tag => w.end_tag,
        Ending::Open => w.no_end_punct,
    }
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
        let spans = word_spans(row);
        let s = split_scores(row, &spans, &ends, false, &Weights::default());
        let best = s.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        assert_eq!(
            &row[..spans[best.0 - 1].1],
            "The toll rose to 23 on Monday. Rescuers kept digging."
        );
    }

    #[test]
    fn endings_without_punctuation() {
        let e = |s: &str| ending(s, "Next paragraph.");
        assert_eq!(e("He left."), Ending::Sentence);
        assert_eq!(e("“We have failed. ”"), Ending::Sentence);
        assert_eq!(
            e("(Reporting by Tom Perry; Editing by Peter Graff)"),
            Ending::Credit
        );
        assert_eq!(
            e("Read more at https://www.example.com/news/1"),
            Ending::Url
        );
        assert_eq!(e("http://reut.rs/1abc"), Ending::Url);
        assert_eq!(e("up 1WTC pic.twitter.com/cWhC1x"), Ending::Url);
        assert_eq!(e("he said 2/3 of them"), Ending::Open);
        assert_eq!(e("Reuters"), Ending::Tag);
        assert_eq!(e("More follows"), Ending::Tag);
        assert_eq!(e("the rebels said"), Ending::Open);
        assert_eq!(e("a report by GAP"), Ending::Open);
    }

    #[test]
    fn z_function_matches_the_direct_count() {
        let s = [1, 2, 1, 2, 1, 3, 1, 2];
        let z = z_function(&s);
        for i in 0..s.len() {
            let want = s[i..].iter().zip(&s).take_while(|(a, b)| a == b).count();
            assert_eq!(z[i], want, "at {i}");
        }
    }

    #[test]
    fn datelines() {
        assert!(starts_dateline(
            "WASHINGTON (AP) -- It's time to change time again."
        ));
        assert!(starts_dateline("HARTFORD, Conn. (AP) -- A housekeeper"));
        assert!(starts_dateline("“LONDON (AP) -- The Duchess"));
        assert!(starts_dateline("BEIRUT (Reuters) - Syrian rebels"));
        assert!(starts_dateline("WASHINGTON — The Senate"));
        assert!(!starts_dateline("The council (AP) -- said"));
        assert!(!starts_dateline("NATO said on Monday - in a statement"));
        assert!(!starts_dateline("Washington (AP) -- lower case"));
    }

    #[test]
    fn shared_runs_count_the_shingles_both_halves_hold() {
        // Each cut, in one pass and alone, against a direct count.
        let sh = [1, 2, 3, 9, 1, 2];
        let cuts: Vec<u32> = (0..=12).collect();
        let pass = shared_runs(&sh, &cuts);
        for cut in 0..=12u32 {
            let got = shared_runs(&sh, &[cut])[0];
            assert_eq!(got, pass[cut as usize]);
            let c = cut as usize;
            let old = &sh[..(c + 1).saturating_sub(6).min(sh.len())];
            let new = &sh[c.min(sh.len())..];
            let mut shared = 0;
            let mut rest: Vec<u64> = new.to_vec();
            for h in old {
                if let Some(i) = rest.iter().position(|x| x == h) {
                    rest.remove(i);
                    shared += 1;
                }
            }
            let want = if old.len() + new.len() == 0 {
                0.0
            } else {
                2.0 * shared as f32 / (old.len() + new.len()) as f32
            };
            assert!((got - want).abs() < 1e-6, "cut {cut}: {got} vs {want}");
        }
    }
}
