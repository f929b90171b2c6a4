//! `tune`: the base rates of one-sided runs, and the evidence weights fitted as a
//! log-linear model (`fit.rs`).

use std::collections::BTreeMap;

use newsdiff::dev::newssniffer::page;

use crate::{Case, load};

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

/// Prints the base rates on the fitting seeds, then fits the weights on them
/// ([`crate::fit::fit`]; `seeds` is a comma-separated list).
pub(crate) fn tune(corpus: &str, seeds: &str) {
    let cases: Vec<Case> = seeds.split(',').flat_map(|s| load(corpus, s)).collect();
    base_rates(&cases.iter().collect::<Vec<_>>());
    crate::fit::fit(corpus, seeds);
}
