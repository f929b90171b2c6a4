//! The search for a page's best readings: depth-first branch and bound over every
//! decision (each gap's structure, then each of its changed rows' split), keeping the
//! `K` best whole readings found.
//!
//! Every term of the score but the coupled repeats belongs to one decision
//! (`model.rs`), so the best completion of a partial reading is bounded by the sum of
//! each open decision's best term, less the coupled repeats already made (they can only
//! grow as rows are added). A branch whose bound does not beat the `K`-th best reading
//! found is cut, and since each decision's options are tried best first, so are all the
//! options after it. Nothing else is cut: the readings returned are the `K` best of the
//! page under its own score, unless the node budget ran out (then `complete` is false).
//!
//! Gaps that share no coupled shingle never cut each other's branches late: the first
//! descent takes each gap's best reading, and the bound cuts every other option at once
//! unless it is among the `K` best. That is the dynamic programming over independent
//! gaps, done by the bound.
//!
//! Readings are valid by construction in one way the search can check as it goes: no
//! paragraph of a gap's old side equals one of its new side (the site's LCS would have
//! paired them as unchanged, so the page would show an unchanged row there).

use super::model::{Assign, Hyp, PageModel, Place, Side, Tally};
use crate::text::normalize::collapse;

/// The most search steps spent on one page; beyond it the best readings found so far
/// are returned, marked incomplete. Generated pages need a few hundred.
const BUDGET: usize = 200_000;

/// The most open decisions a page may have for the search: the search recurses once per
/// decision. Pages beyond it take each decision's best option.
const MAX_DEPTH: usize = 4_000;

/// A page's best readings, best first.
pub(super) struct Ranked {
    pub(super) readings: Vec<Assign>,
    /// The search finished: these are the page's best readings under its score.
    pub(super) complete: bool,
}

/// The `k` best readings of page `m`.
pub(super) fn best_readings(m: &PageModel, k: usize) -> Ranked {
    let depth: usize = m.gaps.iter().map(|g| 1 + g.rows.len()).sum();
    let mut s = Search::new(m, k.max(1));
    if depth > MAX_DEPTH {
        s.budget = 0;
    }
    s.gap(0);
    if s.top.is_empty() {
        // Out of budget before the first leaf (or too deep): the greedy reading.
        s.greedy();
    }
    Ranked {
        complete: !s.stopped,
        readings: s.top,
    }
}

/// The options of one gap read as one hypothesis: per changed row, its splits' values
/// best first, and the sums of the rows' best values from each row on.
struct HypOptions {
    rows: Vec<Vec<(f32, usize)>>,
    rest: Vec<f32>,
}

struct Search<'a> {
    m: &'a PageModel,
    k: usize,
    /// Per gap, per hypothesis: its terms plus its changed rows' best split values.
    bound: Vec<Vec<f32>>,
    /// Per gap, its hypotheses best bound first.
    order: Vec<Vec<usize>>,
    /// `rest[g]`: the best of gaps `g..`, plus the score's constant.
    rest: Vec<f32>,
    options: Vec<Vec<Option<HypOptions>>>,
    cur: Assign,
    /// Score of the decisions taken, without coupled repeats.
    acc: f32,
    tally: Tally,
    top: Vec<Assign>,
    steps: usize,
    budget: usize,
    stopped: bool,
}

impl<'a> Search<'a> {
    fn new(m: &'a PageModel, k: usize) -> Search<'a> {
        let bound: Vec<Vec<f32>> = (0..m.gaps.len()).map(|g| hyp_bounds(m, g)).collect();
        let order = bound
            .iter()
            .map(|b| {
                let mut o: Vec<usize> = (0..b.len()).collect();
                o.sort_by(|&x, &y| b[y].total_cmp(&b[x]));
                o
            })
            .collect();
        let mut rest = vec![m.constant(); m.gaps.len() + 1];
        for g in (0..m.gaps.len()).rev() {
            let best = bound[g].iter().copied().fold(f32::NEG_INFINITY, f32::max);
            rest[g] = rest[g + 1] + best;
        }
        Search {
            options: m
                .gaps
                .iter()
                .map(|g| (0..g.hyps.len()).map(|_| None).collect())
                .collect(),
            cur: Assign {
                hyp: vec![0; m.gaps.len()],
                split: vec![0; m.rows.len()],
                score: 0.0,
            },
            acc: 0.0,
            tally: Tally::new(m.coupled),
            top: Vec::new(),
            steps: 0,
            budget: BUDGET,
            stopped: false,
            m,
            k,
            bound,
            order,
            rest,
        }
    }

    /// The score a branch must beat to be worth following.
    fn threshold(&self) -> f32 {
        if self.top.len() < self.k {
            f32::NEG_INFINITY
        } else {
            self.top[self.k - 1].score
        }
    }

    /// The score so far, coupled repeats included.
    fn partial(&self) -> f32 {
        self.acc - self.m.w.repeat * self.tally.repeats as f32
    }

    /// One more step; false when the budget is spent.
    fn step(&mut self) -> bool {
        self.steps += 1;
        if self.steps > self.budget {
            self.stopped = true;
        }
        !self.stopped
    }

    /// Tries every hypothesis of gap `g` (best bound first), then goes on to its rows.
    fn gap(&mut self, g: usize) {
        if g == self.m.gaps.len() {
            self.leaf();
            return;
        }
        for idx in 0..self.order[g].len() {
            let h = self.order[g][idx];
            if self.partial() + self.bound[g][h] + self.rest[g + 1] <= self.threshold() {
                break;
            }
            if !self.step() {
                return;
            }
            let hyp = self.m.gaps[g].hyps[h];
            self.cur.hyp[g] = h;
            let terms = self.m.hyp_score(g, hyp);
            self.acc += terms;
            self.place_one_sided(g, hyp, true);
            self.ensure_options(g, h);
            self.row(g, h, 0);
            self.place_one_sided(g, hyp, false);
            self.acc -= terms;
        }
    }

    /// Tries every split of gap `g`'s changed row `j` (best first), then the next row.
    fn row(&mut self, g: usize, h: usize, j: usize) {
        let hyp = self.m.gaps[g].hyps[h];
        if j == hyp.k {
            if self.gap_is_valid(g, hyp) {
                self.gap(g + 1);
            }
            return;
        }
        let r = self.m.gaps[g].rows[j];
        let n = self.opts(g, h).rows[j].len();
        for o in 0..n {
            let (v, s) = self.opts(g, h).rows[j][o];
            let after = self.opts(g, h).rest[j + 1];
            if self.partial() + v + after + self.rest[g + 1] <= self.threshold() {
                break;
            }
            if !self.step() {
                return;
            }
            self.cur.split[r] = s;
            self.acc += v;
            self.tally.place(self.m, r, Place::Changed(s), true);
            self.row(g, h, j + 1);
            self.tally.place(self.m, r, Place::Changed(s), false);
            self.acc -= v;
        }
    }

    fn opts(&self, g: usize, h: usize) -> &HypOptions {
        self.options[g][h].as_ref().expect("options made on entry")
    }

    fn ensure_options(&mut self, g: usize, h: usize) {
        if self.options[g][h].is_none() {
            let o = hyp_options(self.m, g, self.m.gaps[g].hyps[h]);
            self.steps += o.rows.iter().map(Vec::len).sum::<usize>() / 64;
            self.options[g][h] = Some(o);
        }
    }

    fn place_one_sided(&mut self, g: usize, hyp: Hyp, add: bool) {
        for &r in &self.m.gaps[g].rows[hyp.k..] {
            self.tally.place(self.m, r, Place::One(hyp.side), add);
        }
    }

    /// No paragraph of the gap's old side equals one of its new side.
    fn gap_is_valid(&self, g: usize, hyp: Hyp) -> bool {
        !gap_pairs_equal(self.m, &self.cur, g, hyp)
    }

    /// A whole reading: kept when it is among the `k` best.
    fn leaf(&mut self) {
        let score = self.partial() + self.rest[self.m.gaps.len()];
        if score <= self.threshold() {
            return;
        }
        let mut a = self.cur.clone();
        // The reading's own score, not the running sum: on tangled pages (repeated runs
        // cut and run together, found by the fuzzer) the two drift apart, and the list of
        // best readings must be ordered by what the model says of each.
        let score = self.m.score(&a);
        if score <= self.threshold() {
            return;
        }
        a.score = score;
        let at = self.top.partition_point(|t| t.score >= score);
        self.top.insert(at, a);
        self.top.truncate(self.k);
    }

    /// Each gap's best hypothesis and each changed row's best split, ignoring coupled
    /// repeats: the reading of a page too large or too tangled to search.
    fn greedy(&mut self) {
        let m = self.m;
        let mut a = self.cur.clone();
        for g in 0..m.gaps.len() {
            let h = self.order[g].first().copied().unwrap_or(0);
            a.hyp[g] = h;
            let o = hyp_options(m, g, m.gaps[g].hyps[h]);
            for (j, opts) in o.rows.iter().enumerate() {
                a.split[m.gaps[g].rows[j]] = opts.first().map_or(0, |x| x.1);
            }
        }
        a.score = m.score(&a);
        self.top = vec![a];
        self.stopped = true;
    }
}

/// The bound of each hypothesis of gap `g`: its own terms plus each changed row's best
/// split value.
fn hyp_bounds(m: &PageModel, g: usize) -> Vec<f32> {
    let gap = &m.gaps[g];
    if !m.split_values_depend_on_hyp(g) {
        // One pass over the rows serves every hypothesis (long gaps: this keeps them
        // linear, not quadratic).
        let mut prefix = vec![0.0f32];
        let any = Hyp {
            k: 0,
            side: Side::New,
        };
        let splittable = gap.hyps.iter().map(|h| h.k).max().unwrap_or(0);
        for pos in 0..splittable {
            let best = best_value(m, g, any, pos);
            prefix.push(prefix[pos] + best);
        }
        return gap
            .hyps
            .iter()
            .map(|&h| m.hyp_score(g, h) + prefix[h.k])
            .collect();
    }
    gap.hyps
        .iter()
        .map(|&h| {
            let best: f32 = (0..h.k).map(|pos| best_value(m, g, h, pos)).sum();
            m.hyp_score(g, h) + best
        })
        .collect()
}

fn best_value(m: &PageModel, g: usize, h: Hyp, pos: usize) -> f32 {
    let n = m.rows[m.gaps[g].rows[pos]].splits.len();
    (0..n)
        .map(|s| m.split_value(g, h, pos, s))
        .fold(f32::NEG_INFINITY, f32::max)
}

/// Each changed row's splits, best value first, for gap `g` read as `h`.
fn hyp_options(m: &PageModel, g: usize, h: Hyp) -> HypOptions {
    let rows: Vec<Vec<(f32, usize)>> = (0..h.k)
        .map(|pos| {
            let n = m.rows[m.gaps[g].rows[pos]].splits.len();
            let mut v: Vec<(f32, usize)> =
                (0..n).map(|s| (m.split_value(g, h, pos, s), s)).collect();
            v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            v
        })
        .collect();
    let mut rest = vec![0.0; rows.len() + 1];
    for j in (0..rows.len()).rev() {
        rest[j] = rest[j + 1] + rows[j].first().map_or(0.0, |x| x.0);
    }
    HypOptions { rows, rest }
}

/// Whether a paragraph of gap `g`'s old side equals one of its new side, when read as
/// `hyp` with `a`'s splits.
fn gap_pairs_equal(m: &PageModel, a: &Assign, g: usize, hyp: Hyp) -> bool {
    let mut keys: [Vec<u64>; 2] = [Vec::new(), Vec::new()];
    for (pos, &r) in m.gaps[g].rows.iter().enumerate() {
        let row = &m.rows[r];
        if pos < hyp.k {
            let (o, n) = row.split_keys(a.split[r]);
            keys[0].push(o);
            keys[1].push(n);
        } else {
            keys[usize::from(hyp.side == Side::New)].push(row.one_key());
        }
    }
    keys[0].iter().any(|k| keys[1].contains(k))
}

/// The paragraphs of both versions under reading `a`, white space collapsed as stored
/// articles are.
pub(super) fn paragraphs(m: &PageModel, a: &Assign) -> (Vec<String>, Vec<String>) {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for (r, row) in m.rows.iter().enumerate() {
        match m.place(a, r) {
            Place::Both => {
                let half = collapse(&row.text[..row.text.len() / 2]);
                old.push(half.clone());
                new.push(half);
            }
            Place::Changed(s) => {
                let sp = &row.splits[s];
                old.push(collapse(&row.text[..sp.old_end]));
                new.push(collapse(&row.text[sp.new_start..]));
            }
            Place::One(Side::Old) => old.push(collapse(&row.text)),
            Place::One(Side::New) => new.push(collapse(&row.text)),
        }
    }
    (old, new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::newssniffer::body::evidence::Weights;
    use crate::parse::newssniffer::body::model::build_model;
    use crate::parse::newssniffer::{page, split_pages};

    /// Every valid reading's score, by brute force.
    fn all_scores(m: &PageModel) -> Vec<f32> {
        fn rec(m: &PageModel, g: usize, a: &mut Assign, out: &mut Vec<f32>) {
            if g == m.gaps.len() {
                out.push(m.score(a));
                return;
            }
            for h in 0..m.gaps[g].hyps.len() {
                a.hyp[g] = h;
                rows(m, g, 0, a, out);
            }
        }
        fn rows(m: &PageModel, g: usize, j: usize, a: &mut Assign, out: &mut Vec<f32>) {
            let hyp = m.gaps[g].hyps[a.hyp[g]];
            if j == hyp.k {
                if !gap_pairs_equal(m, a, g, hyp) {
                    rec(m, g + 1, a, out);
                }
                return;
            }
            let r = m.gaps[g].rows[j];
            for s in 0..m.rows[r].splits.len() {
                a.split[r] = s;
                rows(m, g, j + 1, a, out);
            }
        }
        let mut a = Assign {
            hyp: vec![0; m.gaps.len()],
            split: vec![0; m.rows.len()],
            score: 0.0,
        };
        let mut out = Vec::new();
        rec(m, 0, &mut a, &mut out);
        out.sort_by(|x, y| y.total_cmp(x));
        out
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_search_finds_the_best_readings_brute_force_finds() {
        // Sentences repeated across gaps couple them: the case where one decision at a
        // time gets stuck.
        let s1 = "The death toll in Aleppo rose to 23 on Monday, activists said.";
        let s2 = "Rescuers kept digging through the rubble of the hospital overnight.";
        let s3 = "Russia said it would start talks with the United States this week.";
        let s4 = "Kerry met Lavrov in Rome on Saturday to discuss the rebels' exit.";
        let s5 = "More follows";
        let u = "The United Nations called for an immediate ceasefire in the city.";
        let cases = [
            (v(&[s1, u, s3]), v(&[&format!("{s1} {s2}"), u, s4])),
            (v(&[s1, s2, u, s3]), v(&[s2, u, s1, s3, s4])),
            (v(&[&format!("{s1} {s2}"), u, s5]), v(&[s1, u, s2, s3])),
            (v(&[s3, u, s4, s1]), v(&[s4, u, s3, s1, s5])),
        ];
        let w = Weights::default();
        let mut coupled = 0;
        for (old, new) in cases {
            let text = page::render(&page::PageSpec::default(), &old, &new);
            let pages = split_pages(&text, &mut Vec::new()).unwrap();
            let m = build_model(&pages[0], &w, &mut Vec::new());
            coupled += m.coupled;
            let all = all_scores(&m);
            let found = best_readings(&m, 5);
            assert!(found.complete);
            let got: Vec<f32> = found.readings.iter().map(|a| a.score).collect();
            assert_eq!(got.len(), all.len().min(5), "{old:?} {new:?}");
            for (g, b) in got.iter().zip(&all) {
                assert!(
                    (g - b).abs() < 1e-3,
                    "{got:?} vs {:?}",
                    &all[..5.min(all.len())]
                );
            }
            for a in &found.readings {
                assert!((m.score(a) - a.score).abs() < 1e-3);
            }
        }
        assert!(coupled > 0, "no case couples its gaps");
    }
}
