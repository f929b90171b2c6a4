//! Title rows. A title row holds the old and the new title with nothing between them; it is
//! read apart from the body, with evidence of its own.

use super::evidence::starts_paragraph;
use super::{DOUBT_MARGIN, REPORT_MARGIN};
use crate::Warning;
use crate::parse::newssniffer::Page;
use crate::text::tokens::word_spans;

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
    fn equal_titles_are_certain() {
        let c = title_candidates("Russia Talks Russia Talks");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].1, "Russia Talks");
    }
}
