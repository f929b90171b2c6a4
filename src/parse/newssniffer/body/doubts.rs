//! Doubts: every decision of the best reading is compared with its best alternative, and
//! the close calls are reported as warnings, the decisions within `DOUBT_MARGIN` as
//! doubts.

use super::model::{Gap, Hyp, PageModel, Row, Side, Split};
use super::search::{Move, Sides, apply, score_with_neighbours};
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
