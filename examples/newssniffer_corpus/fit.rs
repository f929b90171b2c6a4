//! `fit`: the evidence weights fitted as a log-linear model of the readings.
//!
//! A reading's score is linear in the weights (`Weights`): every term is a weight times
//! something the reading has (a count of repeats, a likeness, one for a sentence-final
//! ending), plus the penalty for an empty version, which no weight scales. So the score
//! of a fixed reading under the unit weights gives its features. The fit makes the truth
//! likely among each page's best readings: it maximises the sum over pages of the
//! truth's log-probability when the probability of a reading is proportional to the
//! exponential of its score (the softmax over the truth and the page's best readings under
//! the weights so far), less a small pull towards the starting weights. The readings are
//! searched again with the new weights and pooled with the earlier ones, a few rounds.
//! Scores so fitted are log-odds: a runner-up `m` points behind is about `e^-m` as likely
//! as the chosen reading, which is what the doubt margin reads.

use newsdiff::dev::newssniffer::{self, page};

use crate::{Case, load, paragraphs};

/// How many weights there are (the fields of `Weights`, in `to_array`'s order).
pub(crate) const N: usize = 22;

pub(crate) const NAMES: [&str; N] = [
    "end_punct",
    "end_credit",
    "end_url",
    "end_tag",
    "no_end_punct",
    "start_ok",
    "bad_start",
    "dateline",
    "same_start",
    "same_end",
    "likeness",
    "runs",
    "one_sided",
    "added_top",
    "added_middle",
    "added_end",
    "surplus",
    "whitespace",
    "repeat",
    "chain",
    "length",
    "cross",
];

pub(crate) fn to_array(w: &newssniffer::body::Weights) -> [f32; N] {
    [
        w.end_punct,
        w.end_credit,
        w.end_url,
        w.end_tag,
        w.no_end_punct,
        w.start_ok,
        w.bad_start,
        w.dateline,
        w.same_start,
        w.same_end,
        w.likeness,
        w.runs,
        w.one_sided,
        w.added_top,
        w.added_middle,
        w.added_end,
        w.surplus,
        w.whitespace,
        w.repeat,
        w.chain,
        w.length,
        w.cross,
    ]
}

pub(crate) fn from_array(a: &[f32; N]) -> newssniffer::body::Weights {
    newssniffer::body::Weights {
        end_punct: a[0],
        end_credit: a[1],
        end_url: a[2],
        end_tag: a[3],
        no_end_punct: a[4],
        start_ok: a[5],
        bad_start: a[6],
        dateline: a[7],
        same_start: a[8],
        same_end: a[9],
        likeness: a[10],
        runs: a[11],
        one_sided: a[12],
        added_top: a[13],
        added_middle: a[14],
        added_end: a[15],
        surplus: a[16],
        whitespace: a[17],
        repeat: a[18],
        chain: a[19],
        length: a[20],
        cross: a[21],
    }
}

/// A reading's features: its score under each unit weight, less its score with every
/// weight zero (the constant: the empty-version penalty), which is kept last.
fn features(scrape: &str, old: &[String], new: &[String]) -> Option<[f64; N + 1]> {
    let zero = newssniffer::truth_score(scrape, old, new, &from_array(&[0.0; N]))?;
    let mut f = [0.0f64; N + 1];
    for (i, x) in f.iter_mut().take(N).enumerate() {
        let mut unit = [0.0f32; N];
        unit[i] = 1.0;
        let s = newssniffer::truth_score(scrape, old, new, &from_array(&unit))?;
        *x = f64::from(s - zero);
    }
    f[N] = f64::from(zero);
    Some(f)
}

/// One page's readings as features: the truth first, then the distinct others found.
struct PageSet {
    readings: Vec<(Vec<String>, Vec<String>)>,
    feats: Vec<[f64; N + 1]>,
}

impl PageSet {
    fn add(&mut self, scrape: &str, old: Vec<String>, new: Vec<String>) {
        if self.readings.iter().any(|(o, n)| *o == old && *n == new) {
            return;
        }
        if let Some(f) = features(scrape, &old, &new) {
            self.readings.push((old, new));
            self.feats.push(f);
        }
    }
}

fn score(w: &[f64; N], f: &[f64; N + 1]) -> f64 {
    f[N] + w.iter().zip(f).map(|(a, b)| a * b).sum::<f64>()
}

/// The mean log-probability of the truth and its gradient.
fn objective(sets: &[PageSet], w: &[f64; N]) -> (f64, [f64; N]) {
    let mut ll = 0.0;
    let mut grad = [0.0; N];
    for s in sets {
        let scores: Vec<f64> = s.feats.iter().map(|f| score(w, f)).collect();
        let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let z: f64 = scores.iter().map(|x| (x - top).exp()).sum();
        ll += scores[0] - top - z.ln();
        for (f, x) in s.feats.iter().zip(&scores) {
            let p = (x - top).exp() / z;
            for (g, x) in grad.iter_mut().zip(f) {
                *g -= p * x;
            }
        }
        for (g, x) in grad.iter_mut().zip(&s.feats[0]) {
            *g += x;
        }
    }
    let n = sets.len().max(1) as f64;
    (ll / n, grad.map(|g| g / n))
}

/// Gradient ascent (Adam) on the mean log-probability less `l2` times the squared
/// distance from `start`.
fn optimise(sets: &[PageSet], start: &[f64; N], fixed: &[bool; N], l2: f64) -> [f64; N] {
    let mut w = *start;
    let (mut m, mut v) = ([0.0; N], [0.0; N]);
    let (b1, b2, rate) = (0.9f64, 0.999f64, 0.02f64);
    for t in 1..=3000 {
        let (_, g) = objective(sets, &w);
        #[allow(clippy::needless_range_loop)] // five arrays in step
        for i in 0..N {
            if fixed[i] {
                continue;
            }
            let g = g[i] - 2.0 * l2 * (w[i] - start[i]);
            m[i] = b1 * m[i] + (1.0 - b1) * g;
            v[i] = b2 * v[i] + (1.0 - b2) * g * g;
            let mh = m[i] / (1.0 - b1.powi(t));
            let vh = v[i] / (1.0 - b2.powi(t));
            w[i] += rate * mh / (vh.sqrt() + 1e-8);
            // The exact search's bound holds only while repeats never raise a score
            // (`exact.rs`): the repeat penalty stays at zero or above.
            if NAMES[i] == "repeat" {
                w[i] = w[i].max(0.0);
            }
        }
    }
    w
}

/// Readings searched per page each round.
const K: usize = 24;

pub(crate) fn fit(corpus: &str, seeds: &str) {
    let cases: Vec<Case> = seeds.split(',').flat_map(|s| load(corpus, s)).collect();
    let scrapes: Vec<String> = cases
        .iter()
        .map(|c| page::render(&c.spec, &c.old, &c.new))
        .collect();
    let start = crate::weights();
    let mut w: [f64; N] = to_array(&start).map(f64::from);
    let w0 = w;
    let mut sets: Vec<PageSet> = cases
        .iter()
        .zip(&scrapes)
        .map(|(c, s)| {
            let mut set = PageSet {
                readings: Vec::new(),
                feats: Vec::new(),
            };
            set.add(s, c.old.clone(), c.new.clone());
            set
        })
        .collect();
    // The chain weight has no evidence on one-page scrapes: it stays as it is.
    let mut fixed = [false; N];
    let chain = NAMES
        .iter()
        .position(|&n| n == "chain")
        .expect("chain is a weight");
    fixed[chain] = true;
    let l2: f64 = std::env::var("NS_L2")
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(0.001);
    for round in 0..3 {
        let wf = from_array(&w.map(|x| x as f32));
        for ((c, scrape), set) in cases.iter().zip(&scrapes).zip(&mut sets) {
            if set.readings.is_empty() {
                continue;
            }
            let Ok(split) = newssniffer::split_with(&c.key, scrape, &wf, K) else {
                continue;
            };
            let mut all = vec![&split.article];
            all.extend(split.alternatives.iter().map(|a| &a.article));
            for a in all {
                if a.revisions.len() == 2 {
                    set.add(scrape, paragraphs(a, 0), paragraphs(a, 1));
                }
            }
        }
        let usable: Vec<PageSet> = sets
            .iter()
            .filter(|s| !s.readings.is_empty())
            .map(|s| PageSet {
                readings: Vec::new(),
                feats: s.feats.clone(),
            })
            .collect();
        let before = objective(&usable, &w).0;
        w = optimise(&usable, &w0, &fixed, l2);
        let after = objective(&usable, &w).0;
        let readings: usize = usable.iter().map(|s| s.feats.len()).sum();
        println!(
            "round {round}: {} pages, {readings} readings, mean log-probability of the truth \
             {before:.3} -> {after:.3}",
            usable.len()
        );
    }
    println!("weights:");
    for (name, x) in NAMES.iter().zip(&w) {
        println!("  {name}: {x:.3},");
    }
    let list: Vec<String> = w.iter().map(|x| format!("{x:.3}")).collect();
    println!("NS_WEIGHTS={}", list.join(","));
}
