//! The page model: a page's rows, fingerprinted once; its gaps (the runs of rows between
//! unchanged ones) with the readings of their structure; and the current choice of every
//! decision, with running tallies (shingle counts, paragraphs per version, local score
//! per gap) so that changing one decision costs only the rows it moves.

use super::evidence::{MAX_SPLITS, Weights, length_prior, local_gap, split_candidates};
use super::fingerprint::{KeyMap, content_words, dice, para_key, shingles};
use crate::Warning;
use crate::parse::newssniffer::{Line, Page, clip};
use crate::text::segment;

/// The version a one-sided row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Old,
    New,
}

/// One way to split a changed row.
#[derive(Debug, Clone)]
pub(super) struct Split {
    /// Byte offsets: the old half is `text[..old_end]`, the new half `text[new_start..]`.
    pub(super) old_end: usize,
    pub(super) new_start: usize,
    pub(super) score: f32,
    pub(super) old_sh: Vec<u64>,
    pub(super) new_sh: Vec<u64>,
    old_words: Vec<u64>,
    new_words: Vec<u64>,
    old_para: u64,
    new_para: u64,
}

impl Split {
    /// The split of `text` into `text[..old_end]` and `text[new_start..]`, its halves
    /// fingerprinted once for the search.
    pub(super) fn new(text: &str, old_end: usize, new_start: usize, score: f32) -> Split {
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
    }
}

/// A body row, with what every reading of it needs, computed once.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) line: usize,
    pub(super) text: String,
    /// The row is one paragraph twice (`XX`).
    unchanged: bool,
    /// Shingles of the row's paragraph (one half of an unchanged row).
    pub(super) sh: Vec<u64>,
    /// Content words, hashed, sorted and unique.
    words: Vec<u64>,
    /// Key of the row's paragraph (one half of an unchanged row).
    para: u64,
    /// The best split candidates, best first (none for unchanged rows and one-word rows).
    pub(super) splits: Vec<Split>,
    /// Local score of reading the row as one-sided, before the side's own evidence.
    pub(super) one_score: f32,
}

/// A reading of one gap's structure: `k` changed rows, the rest one-sided on `side`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Hyp {
    pub(super) k: usize,
    pub(super) side: Side,
}

/// A run of rows between unchanged rows, and the readings of its structure.
#[derive(Debug, Clone)]
pub(super) struct Gap {
    /// Indices into the page's rows.
    pub(super) rows: Vec<usize>,
    pub(super) hyps: Vec<Hyp>,
    /// `cross[(i * len + j) * MAX_SPLITS + s]`: likeness of the gap's row `i`, read as
    /// one-sided, to the old and new halves of its row `j` split by candidate `s`.
    /// Computed once, because every reading of the gap asks for it.
    pub(super) cross: Vec<(f32, f32)>,
}

/// One page's reading in progress: its rows and gaps, the current choice of every
/// decision, and the tallies the score reads.
pub(super) struct PageModel {
    pub(super) rows: Vec<Row>,
    pub(super) gaps: Vec<Gap>,
    /// Chosen hypothesis per gap.
    pub(super) hyp: Vec<usize>,
    /// Chosen split per row (meaningful for changed rows).
    pub(super) split: Vec<usize>,
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
    pub(super) w: Weights,
    pub(super) old_version: u64,
    pub(super) new_version: u64,
}

/// Builds a page's model, starting from the best local reading of each gap.
pub(super) fn build_model(page: &Page, w: &Weights, warnings: &mut Vec<Warning>) -> PageModel {
    let rows = text_rows(page, w, warnings);
    let gaps: Vec<Gap> = gap_spans(&rows)
        .into_iter()
        .map(|span| gap_model(span, &rows))
        .collect();
    let row_gap = row_gaps(&gaps, rows.len());
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
    m.start_locally();
    m
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

/// A gap with the readings of its structure and the likeness table they read.
fn gap_model(span: Vec<usize>, rows: &[Row]) -> Gap {
    // Changed rows come first in a gap, so only a leading run of rows that can be split
    // can be changed rows.
    let splittable = span
        .iter()
        .take_while(|&&r| !rows[r].splits.is_empty())
        .count();
    Gap {
        hyps: gap_hyps(span.len(), splittable),
        cross: cross_likeness(&span, splittable, rows),
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

/// The table behind [`Gap::cross`]: each row of the gap against both halves of every
/// split candidate of each row that can be changed.
fn cross_likeness(span: &[usize], splittable: usize, rows: &[Row]) -> Vec<(f32, f32)> {
    let len = span.len();
    let mut cross = vec![(0.0, 0.0); len * len * MAX_SPLITS];
    for (i, &r) in span.iter().enumerate() {
        for (j, &c) in span.iter().enumerate().take(splittable) {
            for (k, sp) in rows[c].splits.iter().enumerate() {
                cross[(i * len + j) * MAX_SPLITS + k] = (
                    dice(&rows[r].words, &sp.old_words),
                    dice(&rows[r].words, &sp.new_words),
                );
            }
        }
    }
    cross
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

/// Rows that are not text: control characters (tabs aside) or replacement characters.
fn is_junk(text: &str) -> bool {
    let total = text.chars().count().max(1);
    let replacement = text.chars().filter(|&c| c == '\u{fffd}').count();
    text.chars().any(|c| c.is_control() && c != '\t') || replacement * 20 >= total
}

/// A row's model: whether it is unchanged and, if not, its split candidates and its
/// score as one-sided.
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

/// Where a row's text goes under the current choices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Place {
    /// An unchanged row: the same paragraph in both versions.
    Both,
    /// A changed row, split by the given candidate.
    Changed(usize),
    /// A one-sided row.
    One(Side),
}

impl PageModel {
    /// Chooses the best local reading of each gap, then counts every row's shingles under
    /// it: the search starts from there.
    fn start_locally(&mut self) {
        for g in 0..self.gaps.len() {
            let best = (0..self.gaps[g].hyps.len())
                .max_by(|&a, &b| {
                    local_gap(self, g, self.gaps[g].hyps[a]).total_cmp(&local_gap(
                        self,
                        g,
                        self.gaps[g].hyps[b],
                    ))
                })
                .unwrap_or(0);
            self.hyp[g] = best;
            self.local[g] = local_gap(self, g, self.gaps[g].hyps[best]);
        }
        for r in 0..self.rows.len() {
            self.count(r, self.place(r), true);
        }
    }

    pub(super) fn place(&self, r: usize) -> Place {
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

    pub(super) fn set_hyp(&mut self, g: usize, h: usize) {
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

    pub(super) fn set_split(&mut self, r: usize, c: usize) {
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
    pub(super) fn score(&self) -> f32 {
        let empty = self.paras.iter().filter(|&&n| n == 0).count() as f32;
        self.local.iter().sum::<f32>() - self.w.repeat * self.repeats as f32 - 1000.0 * empty
    }

    /// Paragraph keys of both versions, in order.
    pub(super) fn side_paras(&self) -> (Vec<u64>, Vec<u64>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_rows_are_recognised() {
        assert!(is_junk("abc\u{1}\u{2}def"));
        assert!(!is_junk("An ordinary row — with “quotes”."));
    }
}
