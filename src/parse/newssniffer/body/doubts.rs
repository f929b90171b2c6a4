//! Doubts: every decision of the best reading is compared with its best alternative, and
//! the close calls are reported as warnings, the decisions within `DOUBT_MARGIN` as
//! doubts.

use super::model::{Gap, Hyp, PageModel, Row, Side, Split};
use super::search::{
    Move, Sides, apply, gap_alternatives, score_with_neighbours, split_alternatives,
};
use super::{DOUBT_MARGIN, REPORT_MARGIN};
use crate::Warning;
use crate::parse::newssniffer::clip;

/// Compares every decision with its best alternative and reports the close ones.
pub(super) fn report_doubts(
    models: &mut [PageModel],
    chained: &[bool],
    warnings: &mut Vec<Warning>,
) {
    let sides: Sides = models.iter().map(PageModel::side_paras).collect();
    for (p, model) in models.iter_mut().enumerate() {
        let judge = Judge {
            best: score_with_neighbours(model, &sides, chained, p),
            sides: &sides,
            chained,
            p,
        };
        for g in 0..model.gaps.len() {
            warnings.extend(judge.gap_doubt(model, g));
            let h = model.gaps[g].hyps[model.hyp[g]];
            let changed: Vec<usize> = model.gaps[g].rows[..h.k].to_vec();
            for r in changed {
                warnings.extend(judge.split_doubt(model, r));
            }
        }
    }
}

/// Weighs page `p`'s decisions against their alternatives, with its chain neighbours.
struct Judge<'a> {
    /// The score of the chosen reading.
    best: f32,
    sides: &'a Sides,
    chained: &'a [bool],
    p: usize,
}

impl Judge<'_> {
    /// The best-scoring move of `group`, tried one at a time and undone.
    fn runner_up(&self, m: &mut PageModel, group: Vec<Move>) -> Option<(f32, Move)> {
        let mut runner: Option<(f32, Move)> = None;
        for mv in group {
            let undo = apply(m, mv);
            let s = score_with_neighbours(m, self.sides, self.chained, self.p);
            apply(m, undo);
            if runner.is_none_or(|(rs, _)| s > rs) {
                runner = Some((s, mv));
            }
        }
        runner
    }

    /// A warning when another structure of gap `g` scores close to the chosen one.
    fn gap_doubt(&self, m: &mut PageModel, g: usize) -> Option<Warning> {
        let Some((s, Move::Hyp(_, h))) = self.runner_up(m, gap_alternatives(m, g)) else {
            return None;
        };
        let margin = self.best - s;
        let gap = &m.gaps[g];
        (margin < REPORT_MARGIN).then(|| Warning {
            kind: "gap-reading".into(),
            at: Some(line_range(m, &gap.rows)),
            message: format!(
                "which rows are changed pairs and which version the others belong \
                 to is inferred (margin {margin:.1})"
            ),
            chosen: Some(describe(m, gap, gap.hyps[m.hyp[g]])),
            runner_up: Some(describe(m, gap, gap.hyps[h])),
            doubt: margin < DOUBT_MARGIN,
        })
    }

    /// A warning when another split of changed row `r` scores close to the chosen one.
    fn split_doubt(&self, m: &mut PageModel, r: usize) -> Option<Warning> {
        let Some((s, Move::Split(_, c))) = self.runner_up(m, split_alternatives(m, r)) else {
            return None;
        };
        let margin = self.best - s;
        let row = &m.rows[r];
        (margin < REPORT_MARGIN).then(|| Warning {
            kind: "split-point".into(),
            at: Some(format!("line {}", row.line)),
            message: format!(
                "where the old paragraph ends and the new one starts is \
                 inferred (margin {margin:.1})"
            ),
            chosen: Some(describe_split(row, &row.splits[m.split[r]])),
            runner_up: Some(describe_split(row, &row.splits[c])),
            doubt: margin < DOUBT_MARGIN,
        })
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
fn describe_split(row: &Row, s: &Split) -> String {
    let old = &row.text[..s.old_end];
    let new = &row.text[s.new_start..];
    let tail: String = {
        let chars: Vec<char> = old.chars().collect();
        chars[chars.len().saturating_sub(30)..].iter().collect()
    };
    format!("…{tail} | {}", clip(new, 30))
}
