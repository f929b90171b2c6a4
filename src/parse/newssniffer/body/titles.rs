//! Title rows. A title row holds the old and the new title with nothing between them; it is
//! read apart from the body, with evidence of its own.

use super::{DOUBT_MARGIN, REPORT_MARGIN, starts_paragraph};
use crate::Warning;
use crate::parse::newssniffer::Page;
use crate::text::tokens::word_spans;

/// One way to split a title row, scored on its own evidence.
#[derive(Debug, Clone)]
struct Candidate {
    score: f32,
    old: String,
    new: String,
}

/// What agreement with the previous page's new title adds to a candidate's score.
const CHAIN_AGREEMENT: f32 = 5.0;

/// Splits each page's title row into old and new title. Equal titles (`T T`) are certain;
/// otherwise the split weighs the likeness of the halves, their balance and, across
/// chained pages, agreement (page `i`'s new title is page `i + 1`'s old title).
pub fn resolve_titles(
    pages: &[Page],
    warnings: &mut Vec<Warning>,
) -> Vec<(Option<String>, Option<String>)> {
    let trellis = Trellis::new(pages);
    let choice = trellis.backtrack();
    let mut out = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let Some(c) = choice[i] else {
            out.push((None, None));
            continue;
        };
        warnings.extend(trellis.doubt(page, &choice, i, c));
        let chosen = &trellis.cands[i][c];
        out.push((Some(chosen.old.clone()), Some(chosen.new.clone())));
    }
    out
}

/// Viterbi over the pages: the title candidates of every page, and for each the best
/// total score of the pages up to it that ends in that candidate.
struct Trellis {
    /// Per page, its title row's candidates (none without a title row).
    cands: Vec<Vec<Candidate>>,
    /// Per page and candidate: the best total score ending in it, and the previous
    /// page's candidate on that path (`None` where the chain of title rows starts).
    best: Vec<Vec<(f32, Option<usize>)>>,
}

impl Trellis {
    fn new(pages: &[Page]) -> Self {
        let cands: Vec<Vec<Candidate>> = pages
            .iter()
            .map(|p| {
                p.title_row
                    .as_ref()
                    .map(|l| title_candidates(&l.text))
                    .unwrap_or_default()
            })
            .collect();
        let mut best: Vec<Vec<(f32, Option<usize>)>> = Vec::with_capacity(pages.len());
        for i in 0..pages.len() {
            let row = if i > 0 && !cands[i - 1].is_empty() {
                let chained = pages[i - 1].info.new_version == pages[i].info.old_version;
                cands[i]
                    .iter()
                    .map(|cand| best_entry(cand, &cands[i - 1], &best[i - 1], chained))
                    .collect()
            } else {
                cands[i].iter().map(|cand| (cand.score, None)).collect()
            };
            best.push(row);
        }
        Trellis { cands, best }
    }

    /// The chosen candidate per page, followed back from the best end; a page without a
    /// title row has none.
    fn backtrack(&self) -> Vec<Option<usize>> {
        let n = self.cands.len();
        let mut choice: Vec<Option<usize>> = vec![None; n];
        let mut cur = self.best.last().and_then(|r| best_in(r));
        for i in (0..n).rev() {
            if self.cands[i].is_empty() {
                // A page without a title row breaks the chain; restart from its predecessor.
                cur = self.best_before(i);
                continue;
            }
            let Some(c) = cur else { break };
            choice[i] = Some(c);
            cur = self.best[i][c].1.or_else(|| self.best_before(i));
        }
        choice
    }

    /// The best end of the path through the pages before page `i`.
    fn best_before(&self, i: usize) -> Option<usize> {
        i.checked_sub(1).and_then(|p| best_in(&self.best[p]))
    }

    /// A warning when page `i`'s chosen split `c` has a close runner-up, unless a
    /// neighbouring page's title agrees with it, which settles the split.
    fn doubt(&self, page: &Page, choice: &[Option<usize>], i: usize, c: usize) -> Option<Warning> {
        let chosen = &self.cands[i][c];
        let (_, runner) = self.cands[i]
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != c)
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score))?;
        let margin = chosen.score - runner.score;
        let settled_by_previous = self.best[i][c]
            .1
            .is_some_and(|p| self.cands[i - 1][p].new == chosen.old);
        let settled_by_next = choice
            .get(i + 1)
            .copied()
            .flatten()
            .is_some_and(|d| self.cands[i + 1][d].old == chosen.new);
        let settled_by_chain = settled_by_previous || settled_by_next;
        (margin < REPORT_MARGIN && !settled_by_chain).then(|| Warning {
            kind: "title-split".into(),
            at: page
                .title_row
                .as_ref()
                .map(|l| format!("line {}", l.number)),
            message: format!(
                "the old and new titles are not marked apart; the split is inferred \
                 (margin {margin:.1})"
            ),
            chosen: Some(format!("{:?} → {:?}", chosen.old, chosen.new)),
            runner_up: Some(format!("{:?} → {:?}", runner.old, runner.new)),
            doubt: margin < DOUBT_MARGIN,
        })
    }
}

/// The best path ending in `cand`, over the previous page's candidates `prev` (whose best
/// paths are `prev_best`); agreeing with a chained previous page's new title earns a bonus.
fn best_entry(
    cand: &Candidate,
    prev: &[Candidate],
    prev_best: &[(f32, Option<usize>)],
    chained: bool,
) -> (f32, Option<usize>) {
    let mut entry = (cand.score, None);
    for (j, p) in prev.iter().enumerate() {
        let bonus = if chained && p.new == cand.old {
            CHAIN_AGREEMENT
        } else {
            0.0
        };
        let s = prev_best[j].0 + cand.score + bonus;
        if entry.1.is_none() || s > entry.0 {
            entry = (s, Some(j));
        }
    }
    entry
}

/// The candidate with the best path score in one page's row of the trellis.
fn best_in(row: &[(f32, Option<usize>)]) -> Option<usize> {
    (0..row.len()).max_by(|&a, &b| row[a].0.total_cmp(&row[b].0))
}

/// Candidate splits of a title row. `T T` gives the one certain candidate.
/// `part` is all of `whole`'s start or end (and not all of it).
fn contains_at_edge(whole: &str, part: &str) -> bool {
    part.len() < whole.len() && (whole.starts_with(part) || whole.ends_with(part))
}

fn title_candidates(row: &str) -> Vec<Candidate> {
    let n = row.len();
    if n % 2 == 1
        && row.is_char_boundary(n / 2)
        && row.as_bytes()[n / 2] == b' '
        && row[..n / 2] == row[n / 2 + 1..]
    {
        let t = row[..n / 2].to_string();
        return vec![Candidate {
            score: 100.0,
            old: t.clone(),
            new: t,
        }];
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
        // A title kept whole inside the other (`UPDATE 1-` put before it, a clause after
        // it) is how wire titles change.
        let kept = if contains_at_edge(new, old) || contains_at_edge(old, new) {
            3.0
        } else {
            0.0
        };
        out.push(Candidate {
            score: 4.0 * likeness + 2.0 * balance + start + kept,
            old: old.to_string(),
            new: new.to_string(),
        });
    }
    if out.is_empty() {
        // A one-word row: the same title on both sides is the only reading.
        out.push(Candidate {
            score: 0.0,
            old: row.to_string(),
            new: row.to_string(),
        });
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
        assert_eq!(c[0].old, "Russia Talks");
    }

    #[test]
    fn a_title_kept_whole_inside_the_new_one_splits_there() {
        let old = "HAVANA (AP) -- The eldest son of late Cuban";
        let c = title_candidates(&format!("{old} UPDATE 1-{old}"));
        let best = c.iter().max_by(|a, b| a.score.total_cmp(&b.score)).unwrap();
        assert_eq!(best.old, old);
    }
}
