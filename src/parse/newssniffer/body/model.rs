//! The page model: a page's rows, fingerprinted once; its gaps (the runs of rows between
//! unchanged ones) with the readings of their structure; and the score of a reading,
//! taken apart into terms the search can add one decision at a time.
//!
//! A reading's score is the sum of
//!
//! * per gap, its structure's terms: each one-sided row's score, the side prior of the
//!   run (`Weights::side_prior`), and the empty-version penalty;
//! * per changed row, its split's value: the split's own evidence, the likeness of the
//!   gap's one-sided rows to its halves (`Weights::cross`), and the repeats its halves
//!   make with unchanged rows (each such shingle is repeated whatever else is chosen);
//! * the repeats among shingles that several rows of gaps hold ("coupled" shingles),
//!   which depend on more than one decision and are tallied by the search;
//! * the repeats among unchanged rows, the same for every reading.
//!
//! Everything but the coupled repeats is a sum of terms of single decisions, which is
//! what lets the search bound the best completion of a partial reading.

use super::evidence::{Position, Weights, length_prior, shared_runs, split_scores};
use super::fingerprint::{
    KeyMap, SHINGLE, para_key, shingles, shingles_of, span_content, span_hashes,
};
use crate::Warning;
use crate::parse::newssniffer::{Line, Page, clip};
use crate::text::segment;
use crate::text::tokens::word_spans;

/// The version a one-sided row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Old,
    New,
}

/// One way to split a changed row.
#[derive(Debug, Clone, Copy)]
pub(super) struct SplitPt {
    /// Byte offsets: the old half is `text[..old_end]`, the new half `text[new_start..]`.
    pub(super) old_end: usize,
    pub(super) new_start: usize,
    /// The split's own evidence (`evidence::split_scores`).
    pub(super) score: f32,
    /// Hashed words in the old half: its shingles are the row's windows `0..cut - 5`,
    /// the new half's are `cut..`.
    cut: u32,
}

/// A body row, with what every reading of it needs, computed once.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) line: usize,
    pub(super) text: String,
    /// The row is one paragraph twice (`XX`).
    pub(super) unchanged: bool,
    /// Shingles of the row's paragraph (one half of an unchanged row), by position.
    sh: Vec<u64>,
    /// Every split between two words (none for unchanged rows and one-word rows).
    pub(super) splits: Vec<SplitPt>,
    /// Local score of reading the row as one-sided, before its run's side prior.
    one_score: f32,
    /// Each word span's content-word hash, for the likeness of rows.
    content: Vec<Option<u64>>,
    /// `fixed[p]`: how many of the shingle positions before `p` an unchanged row holds.
    fixed: Vec<u32>,
    /// Shingle positions that other rows of gaps hold too, with the shingle's id.
    pub(super) coupled: Vec<(u32, u32)>,
    /// Prefix hashes of the row's words (`WordKeys`): a key of any run of them in O(1).
    keys: WordKeys,
}

/// Keys of runs of a row's words, for telling whether two paragraphs are the same text
/// (white space collapsed): a polynomial hash of the words' own hashes, kept as prefix
/// sums so that every split's halves get their key in O(1).
#[derive(Debug, Clone, Default)]
struct WordKeys {
    prefix: Vec<u64>,
    power: Vec<u64>,
}

impl WordKeys {
    const BASE: u64 = 0x100000001b3;

    fn new(text: &str, spans: &[(usize, usize)]) -> WordKeys {
        let mut k = WordKeys {
            prefix: vec![0],
            power: vec![1],
        };
        for &(a, b) in spans {
            let h = para_key(&text[a..b]) | 1;
            let (p, q) = (k.prefix[k.prefix.len() - 1], k.power[k.power.len() - 1]);
            k.prefix.push(p.wrapping_mul(Self::BASE).wrapping_add(h));
            k.power.push(q.wrapping_mul(Self::BASE));
        }
        k
    }

    /// The key of words `a..b`.
    fn run(&self, a: usize, b: usize) -> u64 {
        self.prefix[b].wrapping_sub(self.prefix[a].wrapping_mul(self.power[b - a]))
    }
}

/// A reading of one gap's structure: `k` changed rows, the rest one-sided on `side`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Hyp {
    pub(super) k: usize,
    pub(super) side: Side,
}

/// Gaps with more rows than this leave out the likeness of one-sided rows to changed
/// ones: its table grows with the square of the gap, and gaps this long are lists of
/// added or deleted paragraphs, not edits.
const CROSS_MAX_ROWS: usize = 48;

/// A run of rows between unchanged rows, and the readings of its structure.
#[derive(Debug, Clone)]
pub(super) struct Gap {
    /// Indices into the page's rows.
    pub(super) rows: Vec<usize>,
    pub(super) hyps: Vec<Hyp>,
    pub(super) at: Position,
    /// `cross[j][(k - j - 1) * n + s]` (`n` splits of the gap's row `j`, `k > j`): the
    /// likeness to the old half less that to the new half of row `j` split by `s`,
    /// summed over the gap's rows `k..`, which are one-sided when `k` rows are changed.
    /// Empty for long gaps (`CROSS_MAX_ROWS`).
    cross: Vec<Vec<f32>>,
    /// `one[pos]`: the one-sided scores of the gap's rows `pos..`, summed.
    one: Vec<f32>,
}

/// One page's model: its rows and gaps, and the score's constant parts.
pub(super) struct PageModel {
    pub(super) rows: Vec<Row>,
    pub(super) gaps: Vec<Gap>,
    /// Per row, its gap and position in it (`None` for unchanged rows).
    pub(super) row_gap: Vec<Option<(usize, usize)>>,
    /// How many coupled shingles there are (their ids run `0..coupled`).
    pub(super) coupled: usize,
    /// Repeats among unchanged rows: the same in every reading.
    fixed_repeats: u32,
    /// No row is unchanged: a reading with no changed row leaves a version empty.
    all_one_gap: bool,
    pub(super) w: Weights,
    pub(super) old_version: u64,
    pub(super) new_version: u64,
}

/// Where a row's text goes in a reading.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Place {
    /// An unchanged row: the same paragraph in both versions.
    Both,
    /// A changed row, split by the given split.
    Changed(usize),
    /// A one-sided row.
    One(Side),
}

/// A whole reading of a page: every gap's structure and every changed row's split.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Assign {
    /// Per gap, the index of its hypothesis.
    pub(super) hyp: Vec<usize>,
    /// Per row, its split (meaningful for changed rows only).
    pub(super) split: Vec<usize>,
    /// The page's score of this reading (without chain terms).
    pub(super) score: f32,
}

/// A reading that leaves a version with no paragraph: the site stores no empty version.
const EMPTY_PENALTY: f32 = 1000.0;

/// Builds a page's model.
pub(super) fn build_model(page: &Page, w: &Weights, warnings: &mut Vec<Warning>) -> PageModel {
    let mut rows = text_rows(page, w, warnings);
    let (coupled, fixed_repeats) = tally_shingles(&mut rows);
    let spans = gap_spans(&rows);
    let all_one_gap = !rows.iter().any(|r| r.unchanged);
    let gaps: Vec<Gap> = spans
        .into_iter()
        .map(|span| gap_model(span, &rows, w))
        .collect();
    let row_gap = row_gaps(&gaps, rows.len());
    PageModel {
        rows,
        gaps,
        row_gap,
        coupled,
        fixed_repeats,
        all_one_gap,
        w: *w,
        old_version: page.info.old_version,
        new_version: page.info.new_version,
    }
}

/// The page's rows, modelled; rows that are not text are reported and left out.
fn text_rows(page: &Page, w: &Weights, warnings: &mut Vec<Warning>) -> Vec<Row> {
    // A scrape either kept white space or collapsed it, for every row at once; only a
    // scrape that kept it has white-space cues.
    let uncollapsed = page.rows.iter().any(|r| r.text.contains("  "));
    let mut rows = Vec::with_capacity(page.rows.len());
    for l in &page.rows {
        if is_junk(&l.text) {
            warnings.push(junk_warning(l));
            continue;
        }
        rows.push(row_model(l, uncollapsed, w));
    }
    rows
}

fn junk_warning(l: &Line) -> Warning {
    Warning {
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
    }
}

/// Rows that are not text: control characters (tabs aside) or replacement characters.
fn is_junk(text: &str) -> bool {
    let total = text.chars().count().max(1);
    let replacement = text.chars().filter(|&c| c == '\u{fffd}').count();
    text.chars().any(|c| c.is_control() && c != '\t') || replacement * 20 >= total
}

/// A row's model: whether it is unchanged and, if not, its splits and its score as
/// one-sided.
fn row_model(l: &Line, uncollapsed: bool, w: &Weights) -> Row {
    let text = l.text.clone();
    let n = text.len();
    let unchanged = n.is_multiple_of(2)
        && n > 0
        && text.is_char_boundary(n / 2)
        && text[..n / 2] == text[n / 2..];
    let mut row = Row {
        line: l.number,
        unchanged,
        sh: Vec::new(),
        splits: Vec::new(),
        one_score: 0.0,
        content: Vec::new(),
        fixed: Vec::new(),
        coupled: Vec::new(),
        keys: WordKeys::default(),
        text,
    };
    if unchanged {
        // Unchanged rows are certain: they need only their shingles.
        row.sh = shingles(&row.text[..n / 2]);
        return row;
    }
    let spans = word_spans(&row.text);
    row.keys = WordKeys::new(&row.text, &spans);
    let hashes = span_hashes(&row.text, &spans);
    // Hashed words before each span: where each split cuts the row's shingles.
    let mut before = Vec::with_capacity(spans.len() + 1);
    before.push(0u32);
    for h in &hashes {
        before.push(before.last().copied().unwrap_or(0) + u32::from(h.is_some()));
    }
    let words: Vec<u64> = hashes.iter().flatten().copied().collect();
    row.sh = shingles_of(&words);
    // Cut once: the split points and the one-sided reading both count sentences.
    let ends: Vec<usize> = segment::sentences(&row.text)
        .iter()
        .map(|s| s.end)
        .collect();
    let scored = split_scores(&row.text, &spans, &ends, uncollapsed, w);
    let cuts: Vec<u32> = scored.iter().map(|&(t, _)| before[t]).collect();
    let runs = shared_runs(&row.sh, &cuts);
    row.splits = scored
        .into_iter()
        .zip(runs)
        .map(|((t, score), runs)| SplitPt {
            old_end: spans[t - 1].1,
            new_start: spans[t].0,
            score: score + w.runs * runs,
            cut: before[t],
        })
        .collect();
    let cue = if uncollapsed && row.text.contains("  ") {
        -w.whitespace
    } else {
        0.0
    };
    row.one_score = w.one_sided + w.length * length_prior(ends.len()) + cue;
    row.content = span_content(&hashes);
    row
}

/// Counts shingles: those unchanged rows hold (a gap row's copy of one is a repeat in
/// any reading), and those several gap rows hold (coupled: whether they repeat depends
/// on how the rows are read). Returns the number of coupled shingles and the repeats
/// among unchanged rows.
fn tally_shingles(rows: &mut [Row]) -> (usize, u32) {
    let mut fixed: KeyMap<u32> = KeyMap::default();
    let mut free: KeyMap<u32> = KeyMap::default();
    for r in rows.iter() {
        let map = if r.unchanged { &mut fixed } else { &mut free };
        for sh in &r.sh {
            *map.entry(*sh).or_default() += 1;
        }
    }
    // Each version holds every unchanged paragraph once.
    let fixed_repeats = 2 * fixed.values().map(|c| c - 1).sum::<u32>();
    let mut ids: KeyMap<u32> = KeyMap::default();
    for r in rows.iter_mut().filter(|r| !r.unchanged) {
        r.fixed = Vec::with_capacity(r.sh.len() + 1);
        r.fixed.push(0);
        for (p, sh) in r.sh.iter().enumerate() {
            let is_fixed = fixed.contains_key(sh);
            let last = r.fixed.last().copied().unwrap_or(0);
            r.fixed.push(last + u32::from(is_fixed));
            if !is_fixed && free.get(sh).is_some_and(|&c| c >= 2) {
                let next = ids.len() as u32;
                let id = *ids.entry(*sh).or_insert(next);
                r.coupled.push((p as u32, id));
            }
        }
    }
    (ids.len(), fixed_repeats)
}

/// The runs of rows between unchanged rows, as indices into `rows`.
fn gap_spans(rows: &[Row]) -> Vec<Vec<usize>> {
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
    gaps
}

/// A gap with the readings of its structure and the tables their scores read.
fn gap_model(span: Vec<usize>, rows: &[Row], w: &Weights) -> Gap {
    // Changed rows come first in a gap, so only a leading run of rows that can be split
    // can be changed rows.
    let splittable = span
        .iter()
        .take_while(|&&r| !rows[r].splits.is_empty())
        .count();
    let (first, last) = (span[0], span[span.len() - 1]);
    let at = match (first == 0, last + 1 == rows.len()) {
        (true, false) => Position::Top,
        (false, true) => Position::End,
        _ => Position::Middle,
    };
    let mut one = vec![0.0; span.len() + 1];
    for pos in (0..span.len()).rev() {
        let r = &rows[span[pos]];
        one[pos] = one[pos + 1] + r.one_score - w.repeat * r.fixed_total() as f32;
    }
    let cross = if span.len() <= CROSS_MAX_ROWS {
        (0..splittable)
            .map(|j| cross_table(&span, j, rows))
            .collect()
    } else {
        Vec::new()
    };
    Gap {
        hyps: gap_hyps(span.len(), splittable),
        at,
        cross,
        one,
        rows: span,
    }
}

/// Every `k` changed rows up to `splittable`, the rest added or deleted; when all `len`
/// rows are changed there is no rest, and one reading stands for both sides.
fn gap_hyps(len: usize, splittable: usize) -> Vec<Hyp> {
    let mut hyps = Vec::new();
    for k in 0..=splittable {
        hyps.push(Hyp { k, side: Side::New });
        if k < len {
            hyps.push(Hyp { k, side: Side::Old });
        }
    }
    hyps
}

/// The distinct content words of a row with the first and last word span holding each.
fn word_extent(content: &[Option<u64>]) -> KeyMap<(usize, usize)> {
    let mut at: KeyMap<(usize, usize)> = KeyMap::default();
    for (t, h) in content.iter().enumerate() {
        if let Some(h) = h {
            at.entry(*h).and_modify(|e| e.1 = t).or_insert((t, t));
        }
    }
    at
}

/// The table behind [`Gap::cross`] for the gap's row `j`: for every split `s` of it and
/// every later row `i`, the Dice likeness of row `i`'s content words to the old half
/// less that to the new half, summed over `i >= k` for each `k`.
fn cross_table(span: &[usize], j: usize, rows: &[Row]) -> Vec<f32> {
    let row = &rows[span[j]];
    let n = row.splits.len();
    let extent = word_extent(&row.content);
    // Split `s` puts spans `..=s` in the old half: a word is there when its first span
    // is `<= s`, and in the new half when its last span is `> s`.
    let (old_size, new_size) = half_sizes(extent.values().copied(), n);
    let len = span.len();
    let mut table = vec![0.0f32; (len - j) * n];
    let mut diff = vec![0.0f32; n];
    for i in (j + 1..len).rev() {
        let words = word_extent(&rows[span[i]].content);
        let shared = extent
            .iter()
            .filter(|(h, _)| words.contains_key(h))
            .map(|(_, e)| *e);
        let (old_in, new_in) = half_sizes(shared, n);
        let wi = words.len() as f32;
        for s in 0..n {
            let dice = |inter: f32, size: f32| {
                if wi + size > 0.0 {
                    2.0 * inter / (wi + size)
                } else {
                    0.0
                }
            };
            diff[s] += dice(old_in[s], old_size[s]) - dice(new_in[s], new_size[s]);
        }
        // Row `i` is one-sided for every `k <= i`: the sum over `i >= k` is the running
        // sum at `k = i`.
        table[(i - j - 1) * n..(i - j) * n].copy_from_slice(&diff);
    }
    table
}

/// For each of `n` splits, how many of the words (given by their first and last span)
/// are in the old half and how many in the new half.
fn half_sizes(extents: impl Iterator<Item = (usize, usize)>, n: usize) -> (Vec<f32>, Vec<f32>) {
    let mut first = vec![0.0f32; n + 1];
    let mut last = vec![0.0f32; n + 1];
    for (f, l) in extents {
        first[f.min(n)] += 1.0;
        last[l.min(n)] += 1.0;
    }
    let mut old = vec![0.0; n];
    let mut new = vec![0.0; n];
    let (mut acc_old, mut acc_new) = (0.0, 0.0);
    for s in 0..n {
        acc_old += first[s];
        old[s] = acc_old;
    }
    for s in (0..n).rev() {
        acc_new += last[s + 1];
        new[s] = acc_new;
    }
    (old, new)
}

/// Per row, its gap and position in it (`None` for unchanged rows).
fn row_gaps(gaps: &[Gap], row_count: usize) -> Vec<Option<(usize, usize)>> {
    let mut row_gap = vec![None; row_count];
    for (g, gap) in gaps.iter().enumerate() {
        for (pos, &r) in gap.rows.iter().enumerate() {
            row_gap[r] = Some((g, pos));
        }
    }
    row_gap
}

impl Row {
    /// Keys of split `s`'s old and new paragraphs: equal keys, equal text (white space
    /// collapsed), but not the keys of [`para_key`].
    pub(super) fn split_keys(&self, s: usize) -> (u64, u64) {
        let n = self.keys.prefix.len() - 1;
        (self.keys.run(0, s + 1), self.keys.run(s + 1, n))
    }

    /// The key of the whole row as one paragraph, comparable with [`Row::split_keys`].
    pub(super) fn one_key(&self) -> u64 {
        self.keys.run(0, self.keys.prefix.len() - 1)
    }

    /// Shingle positions an unchanged row holds too.
    fn fixed_total(&self) -> u32 {
        self.fixed.last().copied().unwrap_or(0)
    }

    /// The ranges of shingle positions the old and new halves of split `s` hold.
    pub(super) fn halves(&self, s: usize) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let cut = self.splits[s].cut as usize;
        let n = self.sh.len();
        (0..(cut + 1).saturating_sub(SHINGLE).min(n), cut.min(n)..n)
    }

    /// Repeats with unchanged rows made by the halves of split `s`.
    fn fixed_in_split(&self, s: usize) -> u32 {
        let (old, new) = self.halves(s);
        let f = &self.fixed;
        (f[old.end] - f[old.start]) + (f[new.end] - f[new.start])
    }
}

impl PageModel {
    /// Where row `r`'s text goes under reading `a`.
    pub(super) fn place(&self, a: &Assign, r: usize) -> Place {
        match self.row_gap[r] {
            None => Place::Both,
            Some((g, pos)) => {
                let h = self.gaps[g].hyps[a.hyp[g]];
                if pos < h.k {
                    Place::Changed(a.split[r])
                } else {
                    Place::One(h.side)
                }
            }
        }
    }

    /// The terms of gap `g` read as `h` that do not depend on any split: its one-sided
    /// rows, their side prior, and the empty-version penalty.
    pub(super) fn hyp_score(&self, g: usize, h: Hyp) -> f32 {
        let gap = &self.gaps[g];
        let mut s = gap.one[h.k];
        if h.k < gap.rows.len() {
            s += self.w.surplus + self.w.side_prior(gap.at, h.side);
            if h.k == 0 && self.all_one_gap {
                s -= EMPTY_PENALTY;
            }
        }
        s
    }

    /// The value of splitting the gap's row at `pos` by `s` when gap `g` is read as `h`:
    /// the split's evidence, the lean it gives the gap's one-sided rows, and its repeats
    /// with unchanged rows.
    pub(super) fn split_value(&self, g: usize, h: Hyp, pos: usize, s: usize) -> f32 {
        let gap = &self.gaps[g];
        let row = &self.rows[gap.rows[pos]];
        let mut v = row.splits[s].score - self.w.repeat * row.fixed_in_split(s) as f32;
        if let Some(table) = gap.cross.get(pos)
            && h.k < gap.rows.len()
        {
            let n = row.splits.len();
            let lean = table[(h.k - pos - 1) * n + s];
            v += self.w.cross
                * match h.side {
                    Side::New => lean,
                    Side::Old => -lean,
                };
        }
        v
    }

    /// Whether gap `g`'s split values differ between its hypotheses (they do only
    /// through the likeness of one-sided rows, which long gaps leave out).
    pub(super) fn split_values_depend_on_hyp(&self, g: usize) -> bool {
        !self.gaps[g].cross.is_empty()
    }

    /// The score of the repeats every reading has.
    pub(super) fn constant(&self) -> f32 {
        -self.w.repeat * self.fixed_repeats as f32
    }

    /// The whole score of reading `a`, from scratch (the search adds it up a decision at
    /// a time; this is the check, and the score of readings given from outside).
    pub(super) fn score(&self, a: &Assign) -> f32 {
        let mut s = self.constant();
        for (g, gap) in self.gaps.iter().enumerate() {
            let h = gap.hyps[a.hyp[g]];
            s += self.hyp_score(g, h);
            for (pos, &r) in gap.rows[..h.k].iter().enumerate() {
                s += self.split_value(g, h, pos, a.split[r]);
            }
        }
        let mut tally = Tally::new(self.coupled);
        for r in 0..self.rows.len() {
            tally.place(self, r, self.place(a, r), true);
        }
        s - self.w.repeat * tally.repeats as f32
    }
}

/// Occurrences of coupled shingles per version, and how many are repeats.
pub(super) struct Tally {
    counts: [Vec<u32>; 2],
    pub(super) repeats: u32,
}

impl Tally {
    pub(super) fn new(coupled: usize) -> Tally {
        Tally {
            counts: [vec![0; coupled], vec![0; coupled]],
            repeats: 0,
        }
    }

    /// Adds (or removes) row `r`'s coupled shingles to the versions `place` gives them.
    pub(super) fn place(&mut self, m: &PageModel, r: usize, place: Place, add: bool) {
        let row = &m.rows[r];
        if row.coupled.is_empty() {
            return;
        }
        let all = 0..row.sh.len();
        let (old, new) = match place {
            Place::Both => return,
            Place::Changed(s) => row.halves(s),
            Place::One(Side::Old) => (all, 0..0),
            Place::One(Side::New) => (0..0, all),
        };
        for (v, range) in [(0, old), (1, new)] {
            let from = row
                .coupled
                .partition_point(|c| (c.0 as usize) < range.start);
            for &(p, id) in &row.coupled[from..] {
                if p as usize >= range.end {
                    break;
                }
                let c = &mut self.counts[v][id as usize];
                if add {
                    *c += 1;
                    self.repeats += u32::from(*c >= 2);
                } else {
                    self.repeats -= u32::from(*c >= 2);
                    *c -= 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_rows_are_recognised() {
        assert!(is_junk("abc\u{1}\u{2}def"));
        assert!(!is_junk("An ordinary row — with “quotes”."));
    }

    #[test]
    fn halves_hold_the_shingles_of_their_text() {
        let l = Line {
            number: 1,
            text: "one two three four five six seven eight nine ten eleven twelve".into(),
        };
        let row = row_model(&l, false, &Weights::default());
        for (s, sp) in row.splits.iter().enumerate() {
            let (old, new) = row.halves(s);
            assert_eq!(row.sh[old], shingles(&row.text[..sp.old_end])[..]);
            assert_eq!(row.sh[new], shingles(&row.text[sp.new_start..])[..]);
        }
    }
}
