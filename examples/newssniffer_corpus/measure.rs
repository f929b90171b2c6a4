//! `measure`: the parser on every generated page, against the truth.

use std::collections::BTreeMap;
use std::time::Instant;

use newsdiff::Article;
use newsdiff::dev::newssniffer::{self, page};

use crate::{Case, load, paragraphs};

/// What one generated page gave.
#[derive(Default)]
struct Outcome {
    exact: bool,
    doubt: bool,
    /// Another plausible pair of versions renders to the same scrape (see [`twin`]).
    twin: bool,
    /// Why a miss missed (`render`, `structure`, `side`, `split`, `error`).
    kind: Option<&'static str>,
    title_exact: bool,
    /// The truth is the chosen reading or among the first 3 alternatives.
    in_top4: bool,
    /// How much the chosen reading outscores the next one (infinite when there is none).
    margin: f32,
    /// The chosen reading scores below the truth under the parser's own score.
    below_truth: bool,
    /// A returned reading (chosen or alternative) does not render back to the scrape.
    unrendered: usize,
    para_right: usize,
    para_total: usize,
    report: Option<String>,
}

pub(crate) fn measure(corpus: &str, seed: &str) {
    let cases = load(corpus, seed);
    let start = Instant::now();
    let mut bytes = 0;
    let outcomes: Vec<Outcome> = cases
        .iter()
        .map(|c| {
            let scrape = page::render(&c.spec, &c.old, &c.new);
            bytes += scrape.len();
            // `NS_DUMP=KEY` writes that page and its truth to /tmp, for a closer look.
            if std::env::var("NS_DUMP").is_ok_and(|k| k == c.key) {
                std::fs::write("/tmp/ns_dump.txt", &scrape).expect("write dump");
                let truth = format!(
                    "{}\n\n=====\n\n{}\n",
                    c.old.join("\n\n"),
                    c.new.join("\n\n")
                );
                std::fs::write("/tmp/ns_dump_truth.txt", truth).expect("write dump");
            }
            outcome(c, &scrape)
        })
        .collect();
    let elapsed = start.elapsed();
    for o in &outcomes {
        if let Some(r) = &o.report {
            println!("{r}\n");
        }
    }
    report_totals(&outcomes, seed);
    let n = cases.len();
    let changed_titles = cases.iter().filter(|c| c.old_title != c.new_title).count();
    let titles = outcomes.iter().filter(|o| o.title_exact).count();
    let (pr, pt) = outcomes
        .iter()
        .fold((0, 0), |(a, b), o| (a + o.para_right, b + o.para_total));
    println!(
        "paragraphs recovered exactly (LCS of expected and parsed, over the longer): \
         {pr} of {pt} ({:.1}%)\ntitles exact: {titles} of {n} ({changed_titles} changed)\n\
         parsed {:.1} MB in {:.3} s",
        pct(pr, pt),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64()
    );
}

fn pct(a: usize, b: usize) -> f64 {
    100.0 * a as f64 / b.max(1) as f64
}

/// The headline figures: exact recovery overall and where one plausible reading exists,
/// the calibration of doubts, and the misses by kind.
fn report_totals(outcomes: &[Outcome], seed: &str) {
    let n = outcomes.len();
    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.iter().filter(|o| f(o)).count();
    let exact = count(&|o| o.exact);
    let single = count(&|o| !o.twin);
    let exact_single = count(&|o| o.exact && !o.twin);
    let clear = count(&|o| !o.doubt);
    let exact_clear = count(&|o| o.exact && !o.doubt);
    let doubt = count(&|o| o.doubt);
    let exact_doubt = count(&|o| o.exact && o.doubt);
    println!("seed {seed:?}: {n} pages");
    println!(
        "both versions exact: {exact} of {n} ({:.1}%)",
        pct(exact, n)
    );
    println!(
        "exact where only one plausible reading exists: {exact_single} of {single} ({:.1}%)",
        pct(exact_single, single)
    );
    println!(
        "pages with no doubt: {clear}, exact {exact_clear} ({:.1}%); with a doubt: {doubt}, \
         exact {exact_doubt} ({:.1}%)",
        pct(exact_clear, clear),
        pct(exact_doubt, doubt)
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for o in outcomes {
        if let Some(k) = o.kind {
            *kinds.entry(k).or_default() += 1;
        }
    }
    println!("misses by kind: {kinds:?}");
    // How exact the pages are whose runner-up is at least `m` behind: the doubt margin
    // is chosen on the fitting seed from this table.
    for m in [0.5f32, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0] {
        let clear = count(&|o| o.margin >= m);
        let exact = count(&|o| o.margin >= m && o.exact);
        println!(
            "runner-up at least {m} behind: {clear} pages, exact {exact} ({:.1}%)",
            pct(exact, clear)
        );
    }
    let top4 = count(&|o| o.in_top4);
    println!(
        "truth is the chosen reading or among the first 3 alternatives: {top4} of {n} ({:.1}%)",
        pct(top4, n)
    );
    let below = count(&|o| o.below_truth);
    let unrendered: usize = outcomes.iter().map(|o| o.unrendered).sum();
    println!(
        "chosen reading scores below the truth: {below}; returned readings that do not \
         render back: {unrendered}"
    );
}

/// Parses one generated page and compares it with the truth.
fn outcome(c: &Case, scrape: &str) -> Outcome {
    let twin = twin(c);
    let mut o = Outcome {
        twin: twin.is_some(),
        ..Outcome::default()
    };
    let w = crate::weights();
    let split = match newssniffer::split_with(&c.key, scrape, &w, 3) {
        Ok(x) => x,
        Err(e) => {
            o.kind = Some("error");
            o.report = Some(format!("{}: error: {e}", c.key));
            return o;
        }
    };
    let (a, warnings) = (&split.article, &split.warnings);
    let got = |i: usize| {
        if a.revisions.len() == 2 {
            paragraphs(a, i)
        } else {
            Vec::new()
        }
    };
    let (old, new) = (got(0), got(1));
    o.exact = old == c.old && new == c.new;
    let truth_rows = page::body_rows(&c.old, &c.new, true);
    let renders = |a: &Article| {
        a.revisions.len() == 2
            && page::body_rows(&paragraphs(a, 0), &paragraphs(a, 1), true) == truth_rows
    };
    let is_truth = |a: &Article| {
        a.revisions.len() == 2 && paragraphs(a, 0) == c.old && paragraphs(a, 1) == c.new
    };
    o.unrendered = usize::from(!renders(a))
        + split
            .alternatives
            .iter()
            .filter(|x| !renders(&x.article))
            .count();
    o.margin = split
        .alternatives
        .first()
        .map_or(f32::INFINITY, |x| split.score - x.score);
    o.in_top4 = o.exact || split.alternatives.iter().any(|x| is_truth(&x.article));
    let truth = newssniffer::truth_score(scrape, &c.old, &c.new, &w);
    o.below_truth = truth.is_none_or(|t| split.score < t - 1e-3);
    if std::env::var("NS_GAPS").is_ok() && !o.in_top4 {
        eprintln!(
            "GAP {:.2} {} alts {:?}",
            truth.map_or(f32::NAN, |t| split.score - t),
            c.key,
            split
                .alternatives
                .iter()
                .map(|x| split.score - x.score)
                .collect::<Vec<_>>()
        );
    }
    if std::env::var("NS_RANK").is_ok() && !o.in_top4 {
        rank_report(c, scrape, &w, truth);
    }
    if o.below_truth || o.unrendered > 0 {
        eprintln!(
            "{}: truth score {truth:?}, chosen {}, unrendered {}",
            c.key, split.score, o.unrendered
        );
    }
    o.doubt = warnings.iter().any(|w| w.doubt);
    for (want, got) in [(&c.old, &old), (&c.new, &new)] {
        o.para_total += want.len().max(got.len());
        o.para_right += similar::capture_diff_slices(similar::Algorithm::Lcs, want, got)
            .iter()
            .filter_map(|op| match op {
                similar::DiffOp::Equal { len, .. } => Some(*len),
                _ => None,
            })
            .sum::<usize>();
    }
    o.title_exact = a.revisions.len() == 2
        && a.revisions[0].title.as_deref() == Some(c.old_title.as_str())
        && a.revisions[1].title.as_deref() == Some(c.new_title.as_str());
    if !o.exact {
        o.kind = Some(miss_kind(c, &old, &new));
        let mut m = describe_miss(c, a, warnings);
        if let Some(t) = twin {
            m.push_str(&format!("\n  AMBIGUOUS: {t}"));
        }
        m.push_str(&format!(
            "\n  KIND: {} MARGIN: {:.2}",
            o.kind.unwrap_or("?"),
            o.margin
        ));
        o.report = Some(m);
    }
    o
}

/// Why a reading missed, by comparing what each row holds in it and in the truth: it
/// does not render the scrape; a row changed in one and one-sided in the other
/// (`structure`); one-sided rows given to the other version (`side`); or a changed row
/// split elsewhere, told apart by whether the true old paragraph ends in sentence-final
/// punctuation (`split`) or not (`split-unpunctuated`: a credit line, URL, tag).
fn miss_kind(c: &Case, old: &[String], new: &[String]) -> &'static str {
    let truth = page::body_rows_with_roles(&c.old, &c.new, true);
    let got = page::body_rows_with_roles(old, new, true);
    if truth.iter().map(|r| &r.0).ne(got.iter().map(|r| &r.0)) {
        return "render";
    }
    let pairs = || truth.iter().zip(&got).map(|(t, g)| (t.1, g.1, &t.0));
    let changed = |r: page::Role| matches!(r, page::Role::Changed { .. });
    if pairs().any(|(t, g, _)| changed(t) != changed(g)) {
        return "structure";
    }
    if pairs().any(|(t, g, _)| t != g && !changed(t)) {
        return "side";
    }
    let unpunctuated = pairs().any(|(t, g, row)| match t {
        page::Role::Changed { old_len } if t != g => {
            !newssniffer::body::ends_paragraph(&row[..old_len])
        }
        _ => false,
    });
    if unpunctuated {
        "split-unpunctuated"
    } else {
        "split"
    }
}

fn describe_miss(c: &Case, a: &Article, warnings: &[newsdiff::Warning]) -> String {
    let mut s = format!("MISS {}", c.key);
    for (side, want, i) in [("old", &c.old, 0), ("new", &c.new, 1)] {
        let got = if a.revisions.len() > i {
            paragraphs(a, i)
        } else {
            Vec::new()
        };
        if &got != want {
            s.push_str(&format!(
                "\n  {side}: expected {} paragraphs, got {}",
                want.len(),
                got.len()
            ));
            for (k, (g, w)) in got.iter().zip(want.iter()).enumerate() {
                if g != w {
                    s.push_str(&format!(
                        "\n    first difference at paragraph {k}:\n      want {:?}\n      got  {:?}",
                        clip(w),
                        clip(g)
                    ));
                    break;
                }
            }
        }
    }
    for w in warnings {
        s.push_str(&format!(
            "\n  warning{}: {} | chosen {} | runner-up {}",
            if w.doubt { " (doubt)" } else { "" },
            w.at.as_deref().unwrap_or(""),
            w.chosen.as_deref().unwrap_or("-"),
            w.runner_up.as_deref().unwrap_or("-")
        ));
    }
    s
}

fn clip(s: &str) -> String {
    s.chars().take(90).collect()
}

/// Finds another plausible pair of versions whose page renders to the very same scrape:
/// the surplus rows of a gap given to the other version, or a changed row split at another
/// point where a paragraph can end. Plausible means no sentence is said twice within a
/// version, the rule the parser itself relies on. Returns what differs, if anything does.
fn twin(c: &Case) -> Option<String> {
    let rows = page::body_rows_with_roles(&c.old, &c.new, c.spec.collapse);
    let target = page::body_rows(&c.old, &c.new, c.spec.collapse);
    let rebuild = |roles: &[(String, page::Role)]| -> (Vec<String>, Vec<String>) {
        let (mut o, mut n) = (Vec::new(), Vec::new());
        for (row, role) in roles {
            match role {
                page::Role::Unchanged => {
                    o.push(row[..row.len() / 2].to_string());
                    n.push(row[..row.len() / 2].to_string());
                }
                page::Role::Changed { old_len } => {
                    o.push(page::collapse(&row[..*old_len]));
                    n.push(page::collapse(&row[*old_len..]));
                }
                page::Role::Deleted => o.push(row.clone()),
                page::Role::Added => n.push(row.clone()),
            }
        }
        (o, n)
    };
    let plausible = |o: &[String], n: &[String]| -> bool {
        [o, n].iter().all(|v| {
            let mut seen = std::collections::HashSet::new();
            v.iter().all(|p| {
                newsdiff::dev::segment::sentences(p)
                    .iter()
                    .map(|s| &p[s.range()])
                    .filter(|s| s.split_whitespace().count() >= 5)
                    .all(|s| seen.insert(s.to_string()))
            })
        })
    };
    let check = |roles: &[(String, page::Role)], what: String| -> Option<String> {
        let (o, n) = rebuild(roles);
        if (o.as_slice(), n.as_slice()) == (c.old.as_slice(), c.new.as_slice()) {
            return None;
        }
        (page::body_rows(&o, &n, c.spec.collapse) == target && plausible(&o, &n)).then_some(what)
    };
    // Surplus on the other side, one run of one-sided rows at a time.
    let mut i = 0;
    while i < rows.len() {
        if matches!(rows[i].1, page::Role::Deleted | page::Role::Added) {
            let mut j = i;
            while j < rows.len() && rows[j].1 == rows[i].1 {
                j += 1;
            }
            let mut alt = rows.clone();
            for r in &mut alt[i..j] {
                r.1 = if r.1 == page::Role::Added {
                    page::Role::Deleted
                } else {
                    page::Role::Added
                };
            }
            let truth = if rows[i].1 == page::Role::Added {
                "added"
            } else {
                "deleted"
            };
            let what = format!(
                "rows {}-{} ({truth}) could belong to either version",
                i + 1,
                j
            );
            if let Some(w) = check(&alt, what) {
                return Some(w);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // A changed row split elsewhere, where one paragraph can end and another begin.
    for (k, (row, role)) in rows.iter().enumerate() {
        if let page::Role::Changed { old_len } = role {
            for (pos, _) in row.match_indices(' ') {
                if pos == *old_len || pos == 0 {
                    continue;
                }
                let (a, b) = (&row[..pos], &row[pos + 1..]);
                if !(newssniffer::body::ends_paragraph(a)
                    && newssniffer::body::starts_paragraph(b)
                    && newsdiff::dev::segment::is_boundary(a, b))
                {
                    continue;
                }
                let mut alt = rows.clone();
                alt[k].1 = page::Role::Changed { old_len: pos };
                if let Some(w) = check(&alt, format!("row {} could split elsewhere", k + 1)) {
                    return Some(w);
                }
            }
        }
    }
    None
}

/// Diagnostic (`NS_RANK=1`): where the truth ranks among many readings, and how each
/// reading above it differs from it, row by row.
fn rank_report(c: &Case, scrape: &str, w: &newssniffer::body::Weights, truth: Option<f32>) {
    let Ok(split) = newssniffer::split_with(&c.key, scrape, w, 60) else {
        return;
    };
    let truth_rows = page::body_rows_with_roles(&c.old, &c.new, true);
    let mut readings = vec![(split.score, &split.article)];
    readings.extend(split.alternatives.iter().map(|x| (x.score, &x.article)));
    let rank = readings.iter().position(|(_, a)| {
        a.revisions.len() == 2 && paragraphs(a, 0) == c.old && paragraphs(a, 1) == c.new
    });
    let mut lines = Vec::new();
    let stop = rank.unwrap_or(readings.len()).min(12);
    for (score, a) in &readings[..stop] {
        let got = page::body_rows_with_roles(&paragraphs(a, 0), &paragraphs(a, 1), true);
        let mut diffs = Vec::new();
        for (i, (t, g)) in truth_rows.iter().zip(&got).enumerate() {
            if t.1 != g.1 {
                let d = |r: page::Role| match r {
                    page::Role::Unchanged => "X".to_string(),
                    page::Role::Changed { old_len } => format!("C{old_len}"),
                    page::Role::Deleted => "D".into(),
                    page::Role::Added => "A".into(),
                };
                diffs.push(format!("r{i}:{}>{}", d(t.1), d(g.1)));
            }
        }
        lines.push(format!(
            "    {:.2} {}",
            split.score - score,
            diffs.join(" ")
        ));
        if lines.len() == 1 && std::env::var("NS_RANK").is_ok_and(|v| v == "2") {
            for (t, g) in truth_rows.iter().zip(&got) {
                if let (page::Role::Changed { old_len: a }, page::Role::Changed { old_len: b }) =
                    (t.1, g.1)
                    && a != b
                {
                    let mark = |row: &str, at: usize| {
                        let from = row.floor_char_boundary(at.saturating_sub(70));
                        let to = row.ceil_char_boundary((at + 40).min(row.len()));
                        format!("{}‖{}", &row[from..at], &row[at..to])
                    };
                    lines.push(format!("      truth {}", mark(&t.0, a)));
                    lines.push(format!("      got   {}", mark(&g.0, b)));
                }
            }
        }
    }
    eprintln!(
        "RANK {} truth {:?} behind {:.2} n {}\n{}",
        c.key,
        rank,
        truth.map_or(f32::NAN, |t| split.score - t),
        readings.len(),
        lines.join("\n")
    );
}

/// `fixtures DIR`: the parser (with `crate::weights()`) on committed scrapes `NNN.txt`
/// with their truth `NNN.json`: per file, exact, rank of the truth among the first
/// readings, and the runner-up's margin.
pub(crate) fn fixtures(dir: &str) {
    let w = crate::weights();
    let (mut exact, mut top4) = (0, 0);
    for n in 0.. {
        let Ok(scrape) = std::fs::read_to_string(format!("{dir}/{n:03}.txt")) else {
            break;
        };
        let json = std::fs::read_to_string(format!("{dir}/{n:03}.json")).expect("truth");
        let want: newsdiff::ArticleDoc = serde_json::from_str(&json).expect("truth JSON");
        let paras = |i: usize| -> Vec<String> {
            want.revisions[i]
                .to_revision(i, 0)
                .map(|r| r.paragraph_texts().map(String::from).collect())
                .expect("truth revision")
        };
        let (old, new) = (paras(0), paras(1));
        let Ok(split) = newssniffer::split_with(&format!("{n:03}"), &scrape, &w, 3) else {
            println!("{n:03}: error");
            continue;
        };
        let is_truth = |a: &Article| {
            a.revisions.len() == 2 && paragraphs(a, 0) == old && paragraphs(a, 1) == new
        };
        let rank = std::iter::once(&split.article)
            .chain(split.alternatives.iter().map(|x| &x.article))
            .position(is_truth);
        exact += usize::from(rank == Some(0));
        top4 += usize::from(rank.is_some());
        let margin = split
            .alternatives
            .first()
            .map_or(f32::INFINITY, |x| split.score - x.score);
        println!("{n:03}: rank {rank:?}, margin {margin:.2}");
    }
    println!("exact {exact}, truth among the first four readings {top4}");
}

/// `margins FILE`: how far each of the next readings of a scrape is behind the chosen one
/// (with `crate::weights()`), and whether the parser raises a doubt.
pub(crate) fn margins(file: &str) {
    let scrape = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let split = newssniffer::split_with(file, &scrape, &crate::weights(), 5).expect("a scrape");
    let behind: Vec<String> = split
        .alternatives
        .iter()
        .map(|x| format!("{:.3}", split.score - x.score))
        .collect();
    let doubt = split.warnings.iter().any(|w| w.doubt);
    println!(
        "behind the chosen reading: {}; doubt: {doubt}",
        behind.join(", ")
    );
}
