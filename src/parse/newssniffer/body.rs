//! Reading the body of News Sniffer pages back into two versions.
//!
//! The page model fixes the shape of every gap between two unchanged (`XX`) rows: first
//! `k` changed rows (old paragraph, a space, new paragraph), then the surplus of ONE side
//! as one-sided rows. So a gap of `g` rows has only `2g + 1` readings of its structure;
//! what remains open is where each changed row splits. Each reading gets a score:
//!
//! * local evidence, row by row: a changed row's old half ends like a paragraph (sentence-
//!   final punctuation) and its new half starts like one (capital, digit, opening quote);
//!   its halves tend to be alike (weighted word overlap, computed for every split point in
//!   one pass); white-space cues when the scrape kept them (the new cell's words are two
//!   spaces apart);
//! * global evidence, over the whole page: an article does not say the same sentence twice,
//!   so a reading that puts one sentence twice into a version is penalised; and when a file
//!   holds consecutive pages, the new side of one page must equal the old side of the next.
//!
//! The best whole reading is found by coordinate ascent over all gaps and split points of
//! all pages at once (starting from the best local choices), then every decision is
//! compared with its runner-up: close calls are reported as doubts.

use std::collections::HashMap;
use std::hash::Hasher;

use super::{Line, Page, clip};
use crate::Warning;
use crate::text::lexicon::STOPWORDS;
use crate::text::normalize::collapse;
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
fn length_prior(n: usize) -> f32 {
    match n {
        0 | 1 => -0.9,
        2 => -1.05,
        3 => -1.6,
        4 => -2.5,
        5 => -3.2,
        n => -4.0 - 0.7 * (n - 6) as f32,
    }
}

/// Words per shingle: runs this long rarely recur within one article by chance.
const SHINGLE: usize = 6;
/// Split candidates kept per row.
const MAX_SPLITS: usize = 4;
/// Decisions whose runner-up scores within this margin are doubts.
pub const DOUBT_MARGIN: f32 = 1.5;
/// Decisions whose runner-up scores within this margin are reported at all.
pub const REPORT_MARGIN: f32 = 6.0;

/// The two versions a page's body holds, as paragraph lists.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    pub old: Vec<String>,
    pub new: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Old,
    New,
}

/// One way to split a changed row.
#[derive(Debug, Clone)]
struct Split {
    /// Byte offsets: the old half is `text[..old_end]`, the new half `text[new_start..]`.
    old_end: usize,
    new_start: usize,
    score: f32,
    old_sh: Vec<u64>,
    new_sh: Vec<u64>,
    old_words: Vec<u64>,
    new_words: Vec<u64>,
    old_para: u64,
    new_para: u64,
}

#[derive(Debug, Clone)]
struct Row {
    line: usize,
    text: String,
    unchanged: bool,
    sh: Vec<u64>,
    /// Content words, hashed, sorted and unique.
    words: Vec<u64>,
    para: u64,
    splits: Vec<Split>,
    one_score: f32,
}

/// A reading of one gap's structure: `k` changed rows, the rest one-sided on `side`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Hyp {
    k: usize,
    side: Side,
}

#[derive(Debug, Clone)]
struct Gap {
    /// Indices into the page's rows.
    rows: Vec<usize>,
    hyps: Vec<Hyp>,
    /// `cross[(i * len + j) * MAX_SPLITS + s]`: likeness of the gap's row `i`, read as
    /// one-sided, to the old and new halves of its row `j` split by candidate `s`.
    /// Computed once, because every reading of the gap asks for it.
    cross: Vec<(f32, f32)>,
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

struct PageModel {
    rows: Vec<Row>,
    gaps: Vec<Gap>,
    /// Chosen hypothesis per gap.
    hyp: Vec<usize>,
    /// Chosen split per row (meaningful for changed rows).
    split: Vec<usize>,
    /// Per row, its gap and position in it (`None` for unchanged rows).
    row_gap: Vec<Option<(usize, usize)>>,
    /// Per version (old, new), how often each shingle occurs under the current reading.
    counts: [KeyMap<u32>; 2],
    /// Shingle occurrences beyond the first, over both versions.
    repeats: i64,
    /// Paragraphs per version (old, new) under the current reading.
    paras: [i64; 2],
    /// Local score per gap under the current reading.
    local: Vec<f32>,
    w: Weights,
    old_version: u64,
    new_version: u64,
}

/// Resolves every page's body, jointly, into readings; reports unplaced rows and doubts.
pub fn resolve(pages: &[Page], warnings: &mut Vec<Warning>) -> Vec<Reading> {
    resolve_with(pages, &Weights::default(), warnings)
}

/// [`resolve`] with other weights (for fitting them).
pub fn resolve_with(pages: &[Page], w: &Weights, warnings: &mut Vec<Warning>) -> Vec<Reading> {
    let mut models: Vec<PageModel> = pages.iter().map(|p| build_model(p, w, warnings)).collect();
    let chained: Vec<bool> = (0..models.len())
        .map(|i| i + 1 < models.len() && models[i].new_version == models[i + 1].old_version)
        .collect();
    optimise(&mut models, &chained);
    report_doubts(&mut models, &chained, warnings);
    models.iter().map(reading).collect()
}

fn build_model(page: &Page, w: &Weights, warnings: &mut Vec<Warning>) -> PageModel {
    let uncollapsed = page.rows.iter().any(|r| r.text.contains("  "));
    let mut rows = Vec::with_capacity(page.rows.len());
    for l in &page.rows {
        if is_junk(&l.text) {
            warnings.push(Warning {
                kind: "unplaced-text".into(),
                at: Some(format!("line {}", l.number)),
                message: format!(
                    "row is not article text (control characters or undecodable bytes); \
                     kept out of both versions: {:?}",
                    clip(&l.text, 60)
                ),
                chosen: None,
                runner_up: None,
                doubt: true,
            });
            continue;
        }
        rows.push(row_model(l, uncollapsed, w));
    }
    let mut gaps = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if r.unchanged {
            if !current.is_empty() {
                gaps.push(std::mem::take(&mut current));
            }
        } else {
            current.push(i);
        }
    }
    if !current.is_empty() {
        gaps.push(current);
    }
    let gaps: Vec<Gap> = gaps
        .into_iter()
        .map(|rows_in_gap| {
            let splittable = rows_in_gap
                .iter()
                .take_while(|&&r| !rows[r].splits.is_empty())
                .count();
            let mut hyps = Vec::new();
            for k in 0..=splittable {
                if k == rows_in_gap.len() {
                    hyps.push(Hyp { k, side: Side::New });
                } else {
                    hyps.push(Hyp { k, side: Side::New });
                    hyps.push(Hyp { k, side: Side::Old });
                }
            }
            let len = rows_in_gap.len();
            let mut cross = vec![(0.0, 0.0); len * len * MAX_SPLITS];
            for (i, &r) in rows_in_gap.iter().enumerate() {
                for (j, &c) in rows_in_gap.iter().enumerate().take(splittable) {
                    for (k, sp) in rows[c].splits.iter().enumerate() {
                        cross[(i * len + j) * MAX_SPLITS + k] = (
                            dice(&rows[r].words, &sp.old_words),
                            dice(&rows[r].words, &sp.new_words),
                        );
                    }
                }
            }
            Gap {
                rows: rows_in_gap,
                hyps,
                cross,
            }
        })
        .collect();
    let mut row_gap = vec![None; rows.len()];
    for (g, gap) in gaps.iter().enumerate() {
        for (pos, &r) in gap.rows.iter().enumerate() {
            row_gap[r] = Some((g, pos));
        }
    }
    let mut m = PageModel {
        hyp: vec![0; gaps.len()],
        split: vec![0; rows.len()],
        local: vec![0.0; gaps.len()],
        rows,
        gaps,
        row_gap,
        counts: [KeyMap::default(), KeyMap::default()],
        repeats: 0,
        paras: [0, 0],
        w: *w,
        old_version: page.info.old_version,
        new_version: page.info.new_version,
    };
    // Start from the best local reading of each gap.
    for g in 0..m.gaps.len() {
        let best = (0..m.gaps[g].hyps.len())
            .max_by(|&a, &b| {
                local_gap(&m, g, m.gaps[g].hyps[a]).total_cmp(&local_gap(&m, g, m.gaps[g].hyps[b]))
            })
            .unwrap_or(0);
        m.hyp[g] = best;
        m.local[g] = local_gap(&m, g, m.gaps[g].hyps[best]);
    }
    for r in 0..m.rows.len() {
        m.count(r, m.place(r), true);
    }
    m
}

/// Rows that are not text: control characters (tabs aside) or replacement characters.
fn is_junk(text: &str) -> bool {
    let total = text.chars().count().max(1);
    let replacement = text.chars().filter(|&c| c == '\u{fffd}').count();
    text.chars().any(|c| c.is_control() && c != '\t') || replacement * 20 >= total
}

/// FNV-1a: these hashes only key maps within one run, so speed beats DoS resistance.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100000001b3);
    }
    h
}

/// Hashes of a paragraph's words, case and punctuation folded, computed without
/// allocating: every row of every page goes through here.
fn word_hashes(text: &str) -> Vec<u64> {
    text.split_whitespace()
        .filter_map(|w| {
            let mut h: u64 = 0xcbf29ce484222325;
            let mut any = false;
            for c in w
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
            {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
                }
                any = true;
            }
            any.then_some(h)
        })
        .collect()
}

/// Hashes of the runs of `SHINGLE` consecutive words of a paragraph. A sentence said
/// twice in one version, even edited at either end or in the middle, shows up as
/// shingles counted twice.
fn shingles(text: &str) -> Vec<u64> {
    word_hashes(text)
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0u64, |h, x| h.rotate_left(13) ^ x))
        .collect()
}

/// Content words of a paragraph (stop words dropped), hashed, sorted and unique.
fn content_words(text: &str) -> Vec<u64> {
    static STOP: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let stop = STOP.get_or_init(|| STOPWORDS.iter().map(|w| hash(w.as_bytes())).collect());
    let mut v: Vec<u64> = word_hashes(text)
        .into_iter()
        .filter(|h| !stop.contains(h))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Dice coefficient of two sorted unique lists.
fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f32 / (a.len() + b.len()) as f32
}

/// Paragraphs are compared across pages as the site stored them (collapsed), exactly.
fn para_key(text: &str) -> u64 {
    hash(collapse(text).as_bytes())
}

fn row_model(l: &Line, uncollapsed: bool, w: &Weights) -> Row {
    let text = l.text.clone();
    let n = text.len();
    let unchanged = n.is_multiple_of(2)
        && n > 0
        && text.is_char_boundary(n / 2)
        && text[..n / 2] == text[n / 2..];
    // Unchanged rows are certain: they need only what the versions' scores read.
    let (splits, one_score, words) = if unchanged {
        (Vec::new(), 0.0, Vec::new())
    } else {
        // Cut once: the split points and the one-sided reading both count sentences.
        let ends: Vec<usize> = segment::sentences(&text).iter().map(|s| s.end).collect();
        let cue = if uncollapsed && text.contains("  ") {
            -w.whitespace
        } else {
            0.0
        };
        (
            split_candidates(&text, &ends, uncollapsed, w),
            w.one_sided + w.length * length_prior(ends.len()) + cue,
            content_words(&text),
        )
    };
    let sh = shingles(if unchanged { &text[..n / 2] } else { &text });
    let para = para_key(if unchanged { &text[..n / 2] } else { &text });
    Row {
        line: l.number,
        text,
        unchanged,
        sh,
        words,
        para,
        splits,
        one_score,
    }
}

/// Every split between two words, scored in one pass; the best few are kept.
/// `ends` are the byte offsets where the row's sentences end.
fn split_candidates(text: &str, ends: &[usize], uncollapsed: bool, w: &Weights) -> Vec<Split> {
    let words: Vec<(usize, usize)> = word_spans(text);
    if words.len() < 2 {
        return Vec::new();
    }
    let keys: Vec<(String, f32)> = words
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
        .collect();
    let total: f32 = keys.iter().map(|k| k.1).sum();
    let mut right: HashMap<&str, i32> = HashMap::new();
    for (k, _) in &keys {
        *right.entry(k.as_str()).or_default() += 1;
    }
    let mut left: HashMap<&str, i32> = HashMap::new();
    let mut inter = 0.0f32;
    let mut scored: Vec<(f32, usize)> = Vec::with_capacity(words.len());
    for t in 1..words.len() {
        let (k, weight) = (&keys[t - 1].0, keys[t - 1].1);
        let l = left.entry(k.as_str()).or_default();
        let r = right.entry(k.as_str()).or_default();
        let before = (*l).min(*r);
        *l += 1;
        *r -= 1;
        inter += weight * ((*l).min(*r) - before) as f32;
        let old = &text[..words[t - 1].1];
        let new = &text[words[t].0..];
        let likeness = if total > 0.0 {
            2.0 * inter / total
        } else {
            0.0
        };
        let at_end = ends_paragraph(old) && segment::is_boundary(old, new);
        let old_sentences = ends.partition_point(|&e| e <= words[t - 1].1).max(1);
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
        scored.push((score, t));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(MAX_SPLITS);
    scored
        .into_iter()
        .map(|(score, t)| {
            let (old_end, new_start) = (words[t - 1].1, words[t].0);
            let (old, new) = (&text[..old_end], &text[new_start..]);
            Split {
                old_end,
                new_start,
                score,
                old_sh: shingles(old),
                new_sh: shingles(new),
                old_words: content_words(old),
                new_words: content_words(new),
                old_para: para_key(old),
                new_para: para_key(new),
            }
        })
        .collect()
}

/// Whether every gap between words is at least two spaces (the new cell, uncollapsed).
fn double_spaced(s: &str) -> bool {
    let w = word_spans(s);
    w.windows(2).all(|p| p[1].0 - p[0].1 >= 2)
}

/// Ends like a paragraph: sentence-final punctuation, possibly inside closing quotes or
/// brackets.
pub fn ends_paragraph(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '’', '"', '\'', ')', ']', '»']);
    t.ends_with(['.', '!', '?', '…']) || (t.len() < s.len() && t.ends_with([',', ':']))
}

/// Starts like a paragraph: a capital, a digit, an opening quote or bracket.
pub fn starts_paragraph(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“‘\"'(«[—-•*".contains(c))
}

/// The local score of reading gap `g` as `h`, with the current split choices.
fn local_gap(m: &PageModel, g: usize, h: Hyp) -> f32 {
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

/// Where a row's text goes under the current choices.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    /// An unchanged row: the same paragraph in both versions.
    Both,
    /// A changed row, split by the given candidate.
    Changed(usize),
    /// A one-sided row.
    One(Side),
}

impl PageModel {
    fn place(&self, r: usize) -> Place {
        match self.row_gap[r] {
            None => Place::Both,
            Some((g, pos)) => {
                let h = self.gaps[g].hyps[self.hyp[g]];
                if pos < h.k {
                    Place::Changed(self.split[r])
                } else {
                    Place::One(h.side)
                }
            }
        }
    }

    /// Adds (or removes) a row's shingles to the versions it goes to, keeping count of
    /// the shingles that occur more than once within a version.
    fn count(&mut self, r: usize, place: Place, add: bool) {
        let row = &self.rows[r];
        let pieces: [(usize, &[u64]); 2] = match place {
            Place::Both => [(0, &row.sh), (1, &row.sh)],
            Place::Changed(c) => [(0, &row.splits[c].old_sh), (1, &row.splits[c].new_sh)],
            Place::One(Side::Old) => [(0, &row.sh), (1, &[])],
            Place::One(Side::New) => [(1, &row.sh), (0, &[])],
        };
        let delta = if add { 1 } else { -1 };
        match place {
            Place::Both | Place::Changed(_) => {
                self.paras[0] += delta;
                self.paras[1] += delta;
            }
            Place::One(Side::Old) => self.paras[0] += delta,
            Place::One(Side::New) => self.paras[1] += delta,
        }
        for (side, shingles) in pieces {
            let counts = &mut self.counts[side];
            for sh in shingles {
                let c = counts.entry(*sh).or_default();
                if add {
                    if *c >= 1 {
                        self.repeats += 1;
                    }
                    *c += 1;
                } else {
                    *c -= 1;
                    if *c >= 1 {
                        self.repeats -= 1;
                    }
                }
            }
        }
    }

    fn set_hyp(&mut self, g: usize, h: usize) {
        if self.hyp[g] == h {
            return;
        }
        let rows = self.gaps[g].rows.clone();
        let before: Vec<Place> = rows.iter().map(|&r| self.place(r)).collect();
        self.hyp[g] = h;
        for (&r, b) in rows.iter().zip(before) {
            let a = self.place(r);
            if a != b {
                self.count(r, b, false);
                self.count(r, a, true);
            }
        }
        self.local[g] = local_gap(self, g, self.gaps[g].hyps[h]);
    }

    fn set_split(&mut self, r: usize, c: usize) {
        let before = self.place(r);
        self.split[r] = c;
        let after = self.place(r);
        if before != after {
            self.count(r, before, false);
            self.count(r, after, true);
        }
        if let Some((g, _)) = self.row_gap[r] {
            self.local[g] = local_gap(self, g, self.gaps[g].hyps[self.hyp[g]]);
        }
    }

    /// The page's own score: local evidence less the repeats. A reading that leaves a
    /// version with no paragraph at all is impossible: the site stores no empty version.
    fn score(&self) -> f32 {
        let empty = self.paras.iter().filter(|&&n| n == 0).count() as f32;
        self.local.iter().sum::<f32>() - self.w.repeat * self.repeats as f32 - 1000.0 * empty
    }

    /// Paragraph keys of both versions, in order.
    fn side_paras(&self) -> (Vec<u64>, Vec<u64>) {
        let (mut old, mut new) = (Vec::new(), Vec::new());
        for (r, row) in self.rows.iter().enumerate() {
            match self.place(r) {
                Place::Both => {
                    old.push(row.para);
                    new.push(row.para);
                }
                Place::Changed(c) => {
                    old.push(row.splits[c].old_para);
                    new.push(row.splits[c].new_para);
                }
                Place::One(Side::Old) => old.push(row.para),
                Place::One(Side::New) => new.push(row.para),
            }
        }
        (old, new)
    }
}

/// Agreement of two chained pages: paragraphs of `a`'s new side found in `b`'s old side.
fn chain_score(a_new: &[u64], b_old: &[u64], chain: f32) -> f32 {
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

type Sides = Vec<(Vec<u64>, Vec<u64>)>;

/// A change to one page's reading.
#[derive(Debug, Clone, Copy)]
enum Move {
    Hyp(usize, usize),
    Split(usize, usize),
    Pair(usize, usize, usize, usize),
}

/// Applies a move and returns the move that undoes it.
fn apply(m: &mut PageModel, mv: Move) -> Move {
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
        out.push(
            (0..m.gaps[g].hyps.len())
                .filter(|&h| h != m.hyp[g])
                .map(|h| Move::Hyp(g, h))
                .collect(),
        );
        let h = m.gaps[g].hyps[m.hyp[g]];
        for &r in &m.gaps[g].rows[..h.k] {
            out.push(
                (0..m.rows[r].splits.len())
                    .filter(|&c| c != m.split[r])
                    .map(|c| Move::Split(r, c))
                    .collect(),
            );
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

/// Coordinate ascent over every gap's structure and every changed row's split point, and
/// over pairs of gaps that interact (their rows share shingles): a repeat between two gaps
/// can only be resolved by changing both at once.
fn optimise(models: &mut [PageModel], chained: &[bool]) {
    let mut sides: Sides = models.iter().map(PageModel::side_paras).collect();
    let pairs: Vec<Vec<(usize, usize)>> = models.iter().map(interacting_gaps).collect();
    // A page is looked at again only when it or a chained neighbour changed.
    let mut dirty: std::collections::BTreeSet<usize> = (0..models.len()).collect();
    let mut visits = vec![0u32; models.len()];
    while let Some(p) = dirty.pop_first() {
        visits[p] += 1;
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
    let mut pairs = std::collections::BTreeSet::new();
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

/// Compares every decision with its best alternative and reports the close ones.
fn report_doubts(models: &mut [PageModel], chained: &[bool], warnings: &mut Vec<Warning>) {
    let sides: Sides = models.iter().map(PageModel::side_paras).collect();
    for (p, model) in models.iter_mut().enumerate() {
        let best = score_with_neighbours(model, &sides, chained, p);
        let runner_up = |m: &mut PageModel, group: Vec<Move>| -> Option<(f32, Move)> {
            let mut runner: Option<(f32, Move)> = None;
            for mv in group {
                let undo = apply(m, mv);
                let s = score_with_neighbours(m, &sides, chained, p);
                apply(m, undo);
                if runner.is_none_or(|(rs, _)| s > rs) {
                    runner = Some((s, mv));
                }
            }
            runner
        };
        for g in 0..model.gaps.len() {
            let group: Vec<Move> = (0..model.gaps[g].hyps.len())
                .filter(|&h| h != model.hyp[g])
                .map(|h| Move::Hyp(g, h))
                .collect();
            if let Some((s, Move::Hyp(_, h))) = runner_up(model, group) {
                let margin = best - s;
                if margin < REPORT_MARGIN {
                    let m = &model;
                    let gap = &m.gaps[g];
                    warnings.push(Warning {
                        kind: "gap-reading".into(),
                        at: Some(line_range(m, &gap.rows)),
                        message: format!(
                            "which rows are changed pairs and which version the others belong \
                             to is inferred (margin {margin:.1})"
                        ),
                        chosen: Some(describe(m, gap, gap.hyps[m.hyp[g]])),
                        runner_up: Some(describe(m, gap, gap.hyps[h])),
                        doubt: margin < DOUBT_MARGIN,
                    });
                }
            }
            let h = model.gaps[g].hyps[model.hyp[g]];
            let changed: Vec<usize> = model.gaps[g].rows[..h.k].to_vec();
            for r in changed {
                let group: Vec<Move> = (0..model.rows[r].splits.len())
                    .filter(|&c| c != model.split[r])
                    .map(|c| Move::Split(r, c))
                    .collect();
                if let Some((s, Move::Split(_, c))) = runner_up(model, group) {
                    let margin = best - s;
                    if margin < REPORT_MARGIN {
                        let row = &model.rows[r];
                        warnings.push(Warning {
                            kind: "split-point".into(),
                            at: Some(format!("line {}", row.line)),
                            message: format!(
                                "where the old paragraph ends and the new one starts is \
                                 inferred (margin {margin:.1})"
                            ),
                            chosen: Some(describe_split(row, &row.splits[model.split[r]])),
                            runner_up: Some(describe_split(row, &row.splits[c])),
                            doubt: margin < DOUBT_MARGIN,
                        });
                    }
                }
            }
        }
    }
}

/// Score of page `p` with its chain neighbours, using the cached sides of the others.
fn score_with_neighbours(m: &PageModel, sides: &Sides, chained: &[bool], p: usize) -> f32 {
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

fn line_range(m: &PageModel, rows: &[usize]) -> String {
    match (rows.first(), rows.last()) {
        (Some(&a), Some(&b)) if a != b => {
            format!("lines {}-{}", m.rows[a].line, m.rows[b].line)
        }
        (Some(&a), _) => format!("line {}", m.rows[a].line),
        _ => String::new(),
    }
}

fn describe(m: &PageModel, gap: &Gap, h: Hyp) -> String {
    let mut parts = Vec::new();
    if h.k > 0 {
        parts.push(format!(
            "{} changed ({})",
            plural(h.k, "row"),
            line_range(m, &gap.rows[..h.k])
        ));
    }
    let rest = gap.rows.len() - h.k;
    if rest > 0 {
        let (what, v) = match h.side {
            Side::Old => ("deleted from version", m.old_version),
            Side::New => ("added in version", m.new_version),
        };
        parts.push(format!(
            "{} {what} {v} ({})",
            plural(rest, "row"),
            line_range(m, &gap.rows[h.k..])
        ));
    }
    parts.join("; ")
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn describe_split(row: &Row, s: &Split) -> String {
    let old = &row.text[..s.old_end];
    let new = &row.text[s.new_start..];
    let tail: String = {
        let chars: Vec<char> = old.chars().collect();
        chars[chars.len().saturating_sub(30)..].iter().collect()
    };
    format!("…{tail} | {}", clip(new, 30))
}

/// The paragraphs of both versions, white space collapsed as stored articles are.
fn reading(m: &PageModel) -> Reading {
    let mut r = Reading::default();
    for (i, row) in m.rows.iter().enumerate() {
        match m.place(i) {
            Place::Both => {
                let half = &row.text[..row.text.len() / 2];
                r.old.push(collapse(half));
                r.new.push(collapse(half));
            }
            Place::Changed(c) => {
                let s = &row.splits[c];
                r.old.push(collapse(&row.text[..s.old_end]));
                r.new.push(collapse(&row.text[s.new_start..]));
            }
            Place::One(Side::Old) => r.old.push(collapse(&row.text)),
            Place::One(Side::New) => r.new.push(collapse(&row.text)),
        }
    }
    r
}

/// Splits each page's title row into old and new title. Equal titles (`T T`) are certain;
/// otherwise the split weighs the likeness of the halves, their balance and, across
/// chained pages, agreement (page `i`'s new title is page `i + 1`'s old title).
pub fn resolve_titles(
    pages: &[Page],
    warnings: &mut Vec<Warning>,
) -> Vec<(Option<String>, Option<String>)> {
    // Candidates per page: (score, old, new).
    let cands: Vec<Vec<(f32, String, String)>> = pages
        .iter()
        .map(|p| {
            p.title_row
                .as_ref()
                .map(|l| title_candidates(&l.text))
                .unwrap_or_default()
        })
        .collect();
    // Viterbi over pages: the best total score ending in each candidate.
    let n = pages.len();
    let mut best: Vec<Vec<(f32, Option<usize>)>> = Vec::with_capacity(n);
    for i in 0..n {
        let mut row = Vec::new();
        for (score, old, _) in &cands[i] {
            let mut entry = (*score, None);
            if i > 0 && !cands[i - 1].is_empty() {
                let chained = pages[i - 1].info.new_version == pages[i].info.old_version;
                for (j, (_, _, prev_new)) in cands[i - 1].iter().enumerate() {
                    let bonus = if chained && prev_new == old { 5.0 } else { 0.0 };
                    let s = best[i - 1][j].0 + score + bonus;
                    if entry.1.is_none() || s > entry.0 {
                        entry = (s, Some(j));
                    }
                }
            }
            row.push(entry);
        }
        best.push(row);
    }
    let mut choice: Vec<Option<usize>> = vec![None; n];
    let mut cur = best
        .last()
        .and_then(|r| (0..r.len()).max_by(|&a, &b| r[a].0.total_cmp(&r[b].0)));
    for i in (0..n).rev() {
        if cands[i].is_empty() {
            // A page without a title row breaks the chain; restart from its predecessor.
            cur = if i > 0 {
                (0..best[i - 1].len())
                    .max_by(|&a, &b| best[i - 1][a].0.total_cmp(&best[i - 1][b].0))
            } else {
                None
            };
            continue;
        }
        let Some(c) = cur else { break };
        choice[i] = Some(c);
        cur = best[i][c].1.or_else(|| {
            if i > 0 {
                (0..best[i - 1].len())
                    .max_by(|&a, &b| best[i - 1][a].0.total_cmp(&best[i - 1][b].0))
            } else {
                None
            }
        });
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let Some(c) = choice[i] else {
            out.push((None, None));
            continue;
        };
        let (score, old, new) = &cands[i][c];
        if cands[i].len() > 1 {
            let runner = cands[i]
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != c)
                .max_by(|a, b| a.1.0.total_cmp(&b.1.0));
            if let Some((_, (rs, ro, rn))) = runner {
                let margin = score - rs;
                let settled_by_chain = best[i][c].1.is_some()
                    && cands[i - 1][best[i][c].1.unwrap_or(0)].2 == *old
                    || (i + 1 < n && choice[i + 1].is_some_and(|d| cands[i + 1][d].1 == *new));
                if margin < REPORT_MARGIN && !settled_by_chain {
                    warnings.push(Warning {
                        kind: "title-split".into(),
                        at: pages[i]
                            .title_row
                            .as_ref()
                            .map(|l| format!("line {}", l.number)),
                        message: format!(
                            "the old and new titles are not marked apart; the split is inferred \
                             (margin {margin:.1})"
                        ),
                        chosen: Some(format!("{old:?} → {new:?}")),
                        runner_up: Some(format!("{ro:?} → {rn:?}")),
                        doubt: margin < DOUBT_MARGIN,
                    });
                }
            }
        }
        out.push((Some(old.clone()), Some(new.clone())));
    }
    out
}

/// Candidate splits of a title row. `T T` gives the one certain candidate.
fn title_candidates(row: &str) -> Vec<(f32, String, String)> {
    let n = row.len();
    if n % 2 == 1
        && row.is_char_boundary(n / 2)
        && row.as_bytes()[n / 2] == b' '
        && row[..n / 2] == row[n / 2 + 1..]
    {
        let t = row[..n / 2].to_string();
        return vec![(100.0, t.clone(), t)];
    }
    let words = word_spans(row);
    let keys: Vec<String> = words
        .iter()
        .map(|&(a, b)| row[a..b].to_lowercase())
        .collect();
    let mut out = Vec::new();
    for t in 1..words.len() {
        let old = &row[..words[t - 1].1];
        let new = &row[words[t].0..];
        let (l, r) = (&keys[..t], &keys[t..]);
        let shared =
            l.iter().filter(|k| r.contains(k)).count() + r.iter().filter(|k| l.contains(k)).count();
        let likeness = shared as f32 / keys.len() as f32;
        let balance = 1.0 - (old.len() as f32 - new.len() as f32).abs() / n as f32;
        let start = if starts_paragraph(new) { 0.5 } else { -2.0 };
        out.push((
            4.0 * likeness + 2.0 * balance + start,
            old.to_string(),
            new.to_string(),
        ));
    }
    if out.is_empty() {
        // A one-word row: the same title on both sides is the only reading.
        out.push((0.0, row.to_string(), row.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_edges() {
        assert!(ends_paragraph("He left."));
        assert!(ends_paragraph("“We have failed.”"));
        assert!(ends_paragraph("he said, “No,”"));
        assert!(!ends_paragraph("Follow live updates"));
        assert!(starts_paragraph("“Today, we"));
        assert!(starts_paragraph("2016 was"));
        assert!(!starts_paragraph("and then"));
    }

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

    #[test]
    fn equal_titles_are_certain() {
        let c = title_candidates("Russia Talks Russia Talks");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].1, "Russia Talks");
    }

    #[test]
    fn junk_rows_are_recognised() {
        assert!(is_junk("abc\u{1}\u{2}def"));
        assert!(!is_junk("An ordinary row — with “quotes”."));
    }
}
