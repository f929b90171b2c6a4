//! `tune`: the evidence weights fitted on half the generated pages, reported on the other
//! half.

use std::collections::BTreeMap;

use newsdiff::Article;
use newsdiff::dev::newssniffer::{self, page};

use crate::{Case, load, paragraphs};

/// The fitting objective on some pages: pages recovered exactly plus pages whose truth
/// is the chosen reading or among the first 3 alternatives.
fn fit_score(cases: &[(&Case, String)], w: &newssniffer::body::Weights) -> usize {
    let is_truth = |c: &Case, a: &Article| {
        a.revisions.len() == 2 && paragraphs(a, 0) == c.old && paragraphs(a, 1) == c.new
    };
    cases
        .iter()
        .map(
            |(c, scrape)| match newssniffer::split_with(&c.key, scrape, w, 3) {
                Ok(s) => {
                    let exact = is_truth(c, &s.article);
                    let top = exact || s.alternatives.iter().any(|x| is_truth(c, &x.article));
                    usize::from(exact) + usize::from(top)
                }
                Err(_) => 0,
            },
        )
        .sum()
}

/// Base rates of one-sided runs in the generated pages: added and deleted, before the
/// first unchanged row, between two, and after the last. The side priors are their
/// log-odds.
fn base_rates(cases: &[&Case]) {
    let mut n: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for c in cases {
        let roles = page::body_rows_with_roles(&c.old, &c.new, true);
        let first = roles.iter().position(|r| r.1 == page::Role::Unchanged);
        let last = roles.iter().rposition(|r| r.1 == page::Role::Unchanged);
        let mut i = 0;
        while i < roles.len() {
            let role = roles[i].1;
            if !matches!(role, page::Role::Added | page::Role::Deleted) {
                i += 1;
                continue;
            }
            let at = match (first, last) {
                (Some(f), _) if i < f => "top",
                (_, Some(l)) if i > l => "end",
                _ => "middle",
            };
            let side = if role == page::Role::Added {
                "added"
            } else {
                "deleted"
            };
            *n.entry((at, side)).or_default() += 1;
            while i < roles.len() && roles[i].1 == role {
                i += 1;
            }
        }
    }
    for at in ["top", "middle", "end"] {
        let (a, d) = (
            n.get(&(at, "added")).copied().unwrap_or(0),
            n.get(&(at, "deleted")).copied().unwrap_or(0),
        );
        println!(
            "one-sided runs at {at}: {a} added, {d} deleted, log-odds {:.2}",
            ((a as f64 + 0.5) / (d as f64 + 0.5)).ln()
        );
    }
}

pub(crate) fn tune(corpus: &str, seed: &str) {
    let cases = load(corpus, seed);
    let rendered: Vec<(&Case, String)> = cases
        .iter()
        .map(|c| (c, page::render(&c.spec, &c.old, &c.new)))
        .collect();
    let (fit, check): (Vec<_>, Vec<_>) = rendered
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i.is_multiple_of(2));
    let fit: Vec<(&Case, String)> = fit.into_iter().map(|x| x.1).collect();
    let check: Vec<(&Case, String)> = check.into_iter().map(|x| x.1).collect();
    base_rates(&fit.iter().map(|x| x.0).collect::<Vec<_>>());
    let mut w = newssniffer::body::Weights::default();
    let mut best = fit_score(&fit, &w);
    println!(
        "objective (exact + truth in the first four readings), start: fit {best}/{}, check {}/{}",
        2 * fit.len(),
        fit_score(&check, &w),
        2 * check.len()
    );
    for round in 0..3 {
        for field in 0..18 {
            let signed = matches!(field, 6 | 12 | 13);
            let factors: &[f32] = if signed {
                &[-1.0, -0.5, 0.0, 0.5, 1.5, 2.0, 3.0]
            } else {
                &[0.0, 0.5, 0.75, 1.25, 1.5, 2.0, 3.0]
            };
            for &factor in factors {
                let mut t = w;
                let f: &mut f32 = match field {
                    0 => &mut t.end_punct,
                    1 => &mut t.no_end_punct,
                    2 => &mut t.start_ok,
                    3 => &mut t.bad_start,
                    4 => &mut t.likeness,
                    5 => &mut t.one_sided,
                    6 => &mut t.added_top,
                    7 => &mut t.whitespace,
                    8 => &mut t.repeat,
                    9 => &mut t.chain,
                    10 => &mut t.length,
                    11 => &mut t.cross,
                    12 => &mut t.added_middle,
                    13 => &mut t.added_end,
                    14 => &mut t.end_credit,
                    15 => &mut t.end_url,
                    16 => &mut t.end_tag,
                    _ => &mut t.runs,
                };
                *f *= factor;
                let n = fit_score(&fit, &t);
                if n > best {
                    best = n;
                    w = t;
                    println!("round {round}: fit {best}/{} with {w:?}", 2 * fit.len());
                }
            }
        }
    }
    println!(
        "final: fit {best}/{}, check {}/{}\n{w:?}",
        2 * fit.len(),
        fit_score(&check, &w),
        2 * check.len()
    );
}
