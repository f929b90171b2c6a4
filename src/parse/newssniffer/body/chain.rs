//! From each page's best readings to the file's: every reading is rendered back and
//! compared with its page's rows (readings that fail are dropped); chained pages (A→B
//! then B→C) choose among their readings together, by dynamic programming along the
//! chain; and each page's other readings, ranked with its neighbours' choices fixed,
//! are its alternatives and the measure of its doubts.

use super::doubts::{incomplete_warning, page_warnings, unchecked_warning};
use super::evidence::{Weights, chain_score};
use super::exact::{best_readings, paragraphs};
use super::fingerprint::para_key;
use super::model::{Assign, PageModel, build_model};
use crate::parse::newssniffer::Page;
use crate::parse::newssniffer::rows::body_rows;
use crate::text::normalize::collapse;
use crate::{InputProblem, Warning};

/// One reading of a page's body: both versions' paragraphs, white space collapsed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    pub old: Vec<String>,
    pub new: Vec<String>,
    /// The whole file's score with this reading of the page and the chosen reading of
    /// every other page, in the evidence's log-odds-like units (higher is likelier).
    pub score: f32,
}

/// A page's chosen reading and its next-best readings, best first.
#[derive(Debug, Clone, Default)]
pub struct PageReadings {
    pub chosen: Reading,
    pub alternatives: Vec<Reading>,
}

/// A page's reading that renders back to its rows, with its paragraph keys.
struct Candidate {
    assign: Assign,
    old: Vec<String>,
    new: Vec<String>,
    old_keys: Vec<u64>,
    new_keys: Vec<u64>,
}

/// Readings searched per page beyond those asked for: a few may fail the render check,
/// and the doubt needs a runner-up.
const SPARE: usize = 4;

/// Readings searched per page of a chain: the chain may prefer a page's fifth reading.
const CHAINED: usize = 12;

/// See [`super::resolve_with`].
pub(super) fn resolve(
    pages: &[Page],
    w: &Weights,
    alternatives: usize,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<PageReadings>, InputProblem> {
    let models: Vec<PageModel> = pages.iter().map(|p| build_model(p, w, warnings)).collect();
    let chained: Vec<bool> = (0..models.len())
        .map(|i| i + 1 < models.len() && models[i].new_version == models[i + 1].old_version)
        .collect();
    let mut lists = Vec::with_capacity(models.len());
    for (p, m) in models.iter().enumerate() {
        let linked = chained[p] || (p > 0 && chained[p - 1]);
        let k = (alternatives + 1).max(2) + SPARE;
        let ranked = best_readings(m, if linked { k.max(CHAINED) } else { k });
        if !ranked.complete {
            warnings.push(incomplete_warning(&pages[p]));
        }
        if m.rows.len() * m.rows.len() > RENDER_CHECK_MAX {
            warnings.push(unchecked_warning(&pages[p]));
        }
        // Two readings can give the same versions (a paragraph the page shows twice);
        // the better one stands for both.
        let mut seen = std::collections::HashSet::new();
        let list: Vec<Candidate> = ranked
            .readings
            .into_iter()
            .filter_map(|a| candidate(m, a))
            .filter(|c| seen.insert((c.old_keys.clone(), c.new_keys.clone())))
            .collect();
        if list.is_empty() {
            return Err(InputProblem::Format(format!(
                "no reading of the page at line {} renders back to its rows",
                pages[p].info.line
            )));
        }
        lists.push(list);
    }
    let choice = choose(&lists, &chained, w.chain);
    Ok(rank(
        &models,
        &lists,
        &choice,
        &chained,
        alternatives,
        warnings,
    ))
}

/// The largest page (paragraphs of the old version times those of the new) whose readings
/// are rendered to check them: the site's LCS takes time and memory in proportion.
/// Longer pages keep only the checks built into the search (a warning says so).
const RENDER_CHECK_MAX: usize = 250_000;

/// The reading `a` of page `m`, if it renders back to the page's rows (or the page is
/// too long to render, `RENDER_CHECK_MAX`).
fn candidate(m: &PageModel, assign: Assign) -> Option<Candidate> {
    let (old, new) = paragraphs(m, &assign);
    let same = old.len() * new.len() > RENDER_CHECK_MAX || {
        let rows = body_rows(&old, &new, true);
        rows.len() == m.rows.len()
            && rows
                .iter()
                .zip(&m.rows)
                .all(|(a, b)| *a == collapse(&b.text))
    };
    let keys = |v: &[String]| v.iter().map(|p| para_key(p)).collect();
    same.then(|| Candidate {
        old_keys: keys(&old),
        new_keys: keys(&new),
        assign,
        old,
        new,
    })
}

/// The index of each page's chosen reading: the best total of page scores and chain
/// agreement, by dynamic programming along each run of chained pages.
fn choose(lists: &[Vec<Candidate>], chained: &[bool], weight: f32) -> Vec<usize> {
    let mut choice = vec![0; lists.len()];
    let mut start = 0;
    while start < lists.len() {
        let mut end = start;
        while chained[end] {
            end += 1;
        }
        viterbi(&lists[start..=end], weight, &mut choice[start..=end]);
        start = end + 1;
    }
    choice
}

/// The best path through a run of chained pages' readings.
fn viterbi(lists: &[Vec<Candidate>], weight: f32, choice: &mut [usize]) {
    let mut best: Vec<f32> = lists[0].iter().map(|c| c.assign.score).collect();
    let mut back: Vec<Vec<usize>> = vec![Vec::new()];
    for p in 1..lists.len() {
        let (prev, cur) = (&lists[p - 1], &lists[p]);
        let mut next = Vec::with_capacity(cur.len());
        let mut from = Vec::with_capacity(cur.len());
        for c in cur {
            let (j, s) = prev
                .iter()
                .enumerate()
                .map(|(j, b)| (j, best[j] + chain_score(&b.new_keys, &c.old_keys, weight)))
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
                .unwrap_or((0, 0.0));
            next.push(s + c.assign.score);
            from.push(j);
        }
        best = next;
        back.push(from);
    }
    let mut i = (0..best.len())
        .max_by(|&x, &y| best[x].total_cmp(&best[y]).then(y.cmp(&x)))
        .unwrap_or(0);
    for p in (0..lists.len()).rev() {
        choice[p] = i;
        if p > 0 {
            i = back[p][i];
        }
    }
}

/// Each page's chosen reading and alternatives, scored as whole-file readings (the
/// other pages' choices fixed), with the warnings their margins call for.
fn rank(
    models: &[PageModel],
    lists: &[Vec<Candidate>],
    choice: &[usize],
    chained: &[bool],
    alternatives: usize,
    warnings: &mut Vec<Warning>,
) -> Vec<PageReadings> {
    let weight = models.first().map_or(0.0, |m| m.w.chain);
    // A reading's part of the whole score: its page's score and its chain links.
    let part = |p: usize, c: &Candidate| {
        let mut s = c.assign.score;
        if p > 0 && chained[p - 1] {
            s += chain_score(&lists[p - 1][choice[p - 1]].new_keys, &c.old_keys, weight);
        }
        if chained[p] {
            s += chain_score(&c.new_keys, &lists[p + 1][choice[p + 1]].old_keys, weight);
        }
        s
    };
    let total: f32 = (0..lists.len())
        .map(|p| {
            let c = &lists[p][choice[p]];
            let link = if chained[p] {
                chain_score(&c.new_keys, &lists[p + 1][choice[p + 1]].old_keys, weight)
            } else {
                0.0
            };
            c.assign.score + link
        })
        .sum();
    let mut out = Vec::with_capacity(lists.len());
    for (p, list) in lists.iter().enumerate() {
        let chosen = &list[choice[p]];
        let mine = part(p, chosen);
        let mut others: Vec<(f32, &Candidate)> = list
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != choice[p])
            .map(|(_, c)| (mine - part(p, c), c))
            .collect();
        others.sort_by(|a, b| a.0.total_cmp(&b.0));
        let margins: Vec<(f32, &Assign)> = others.iter().map(|(d, c)| (*d, &c.assign)).collect();
        warnings.extend(page_warnings(&models[p], &chosen.assign, &margins));
        let reading = |c: &Candidate, score: f32| Reading {
            old: c.old.clone(),
            new: c.new.clone(),
            score,
        };
        out.push(PageReadings {
            chosen: reading(chosen, total),
            alternatives: others
                .iter()
                .take(alternatives)
                .map(|(d, c)| reading(c, total - d))
                .collect(),
        });
    }
    out
}

/// See [`super::score_of`].
#[cfg(feature = "dev")]
pub(super) fn score_of(page: &Page, old: &[String], new: &[String], w: &Weights) -> Option<f32> {
    use super::model::Side;
    use crate::parse::newssniffer::rows::{Role, body_rows_with_roles};
    let m = build_model(page, w, &mut Vec::new());
    let roles = body_rows_with_roles(old, new, true);
    let same = roles.len() == m.rows.len()
        && roles
            .iter()
            .zip(&m.rows)
            .all(|(a, b)| a.0 == collapse(&b.text));
    if !same {
        return None;
    }
    let mut a = Assign {
        hyp: vec![0; m.gaps.len()],
        split: vec![0; m.rows.len()],
        score: 0.0,
    };
    for (g, gap) in m.gaps.iter().enumerate() {
        let role = |pos: usize| roles[gap.rows[pos]].1;
        let k = (0..gap.rows.len())
            .take_while(|&pos| matches!(role(pos), Role::Changed { .. }))
            .count();
        let side = match (k < gap.rows.len()).then(|| role(k)) {
            Some(Role::Deleted) => Side::Old,
            _ => Side::New,
        };
        a.hyp[g] = gap.hyps.iter().position(|h| h.k == k && h.side == side)?;
        for &r in &gap.rows[..k] {
            let Role::Changed { old_len } = roles[r].1 else {
                return None;
            };
            a.split[r] = m.rows[r].splits.iter().position(|s| s.old_end == old_len)?;
        }
    }
    Some(m.score(&a))
}
