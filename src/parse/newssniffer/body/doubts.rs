//! Doubts: the chosen reading of a page against its next-best whole readings. Each
//! decision in which a reading within `REPORT_MARGIN` differs from the chosen one is
//! reported once, with the margin of the closest such reading; those within
//! `DOUBT_MARGIN` are doubts. So a page has a doubt exactly when its runner-up reading
//! scores within `DOUBT_MARGIN` of the chosen one.

use std::collections::HashSet;

use super::model::{Assign, Gap, Hyp, PageModel, Row, Side, SplitPt};
use super::{DOUBT_MARGIN, REPORT_MARGIN};
use crate::Warning;
use crate::parse::newssniffer::{Page, clip};

/// The warnings of page `m`'s `chosen` reading, given its other readings with their
/// margins (how much lower they score), closest first.
pub(super) fn page_warnings(
    m: &PageModel,
    chosen: &Assign,
    others: &[(f32, &Assign)],
) -> Vec<Warning> {
    let mut out = Vec::new();
    let (mut gaps, mut rows) = (HashSet::new(), HashSet::new());
    for &(margin, alt) in others.iter().take_while(|o| o.0 < REPORT_MARGIN) {
        for (g, gap) in m.gaps.iter().enumerate() {
            if alt.hyp[g] != chosen.hyp[g] {
                if gaps.insert(g) {
                    out.push(gap_warning(m, g, chosen, alt, margin));
                }
                continue;
            }
            let k = gap.hyps[chosen.hyp[g]].k;
            for &r in &gap.rows[..k] {
                if alt.split[r] != chosen.split[r] && rows.insert(r) {
                    out.push(split_warning(m, r, chosen, alt, margin));
                }
            }
        }
    }
    out
}

/// The search ran out of steps: the reading is the best found, not proven best.
pub(super) fn incomplete_warning(page: &Page) -> Warning {
    Warning {
        kind: "search-incomplete".into(),
        at: Some(format!("line {}", page.info.line)),
        message: "the page has too many interacting decisions to search them all; \
                  the reading is the best found, not proven the best"
            .into(),
        chosen: None,
        runner_up: None,
        doubt: true,
    }
}

/// The page is too long for its readings to be rendered back and compared.
pub(super) fn unchecked_warning(page: &Page) -> Warning {
    Warning {
        kind: "unchecked-reading".into(),
        at: Some(format!("line {}", page.info.line)),
        message: "the page is too long to render its reading back for a check; only the \
                  checks built into the search were made"
            .into(),
        chosen: None,
        runner_up: None,
        doubt: false,
    }
}

/// Gap `g` is read another way by a reading `margin` below the chosen one.
fn gap_warning(m: &PageModel, g: usize, chosen: &Assign, alt: &Assign, margin: f32) -> Warning {
    let gap = &m.gaps[g];
    Warning {
        kind: "gap-reading".into(),
        at: Some(line_range(m, &gap.rows)),
        message: format!(
            "which rows are changed pairs and which version the others belong \
             to is inferred (margin {margin:.1})"
        ),
        chosen: Some(describe(m, gap, gap.hyps[chosen.hyp[g]])),
        runner_up: Some(describe(m, gap, gap.hyps[alt.hyp[g]])),
        doubt: margin < DOUBT_MARGIN,
    }
}

/// Changed row `r` is split elsewhere by a reading `margin` below the chosen one.
fn split_warning(m: &PageModel, r: usize, chosen: &Assign, alt: &Assign, margin: f32) -> Warning {
    let row = &m.rows[r];
    Warning {
        kind: "split-point".into(),
        at: Some(format!("line {}", row.line)),
        message: format!(
            "where the old paragraph ends and the new one starts is \
             inferred (margin {margin:.1})"
        ),
        chosen: Some(describe_split(row, &row.splits[chosen.split[r]])),
        runner_up: Some(describe_split(row, &row.splits[alt.split[r]])),
        doubt: margin < DOUBT_MARGIN,
    }
}

/// The input lines of `rows`, for a warning's `at`.
fn line_range(m: &PageModel, rows: &[usize]) -> String {
    match (rows.first(), rows.last()) {
        (Some(&a), Some(&b)) if a != b => {
            format!("lines {}-{}", m.rows[a].line, m.rows[b].line)
        }
        (Some(&a), _) => format!("line {}", m.rows[a].line),
        _ => String::new(),
    }
}

/// A reading of a gap, in words.
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

/// A split in words: the end of the old half and the start of the new one.
fn describe_split(row: &Row, s: &SplitPt) -> String {
    let old = &row.text[..s.old_end];
    let new = &row.text[s.new_start..];
    let tail: String = {
        let chars: Vec<char> = old.chars().collect();
        chars[chars.len().saturating_sub(30)..].iter().collect()
    };
    format!("…{tail} | {}", clip(new, 30))
}
