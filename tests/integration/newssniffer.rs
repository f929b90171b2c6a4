//! The News Sniffer parser: the seed, the fixed set of generated scrapes, chained pages and
//! malformed input.

use std::collections::HashSet;

use newsdiff::Article;
use newsdiff::ArticleDoc;
use newsdiff::dev::newssniffer::{self, page};

use crate::util::{newsdiff, root, sample, stderr_of, stdout_of, tempdir, write};

const SEED: &str = "newssniffer-nyt-aleppo-v2-v3.txt";

/// The fewest of the 24 fixed scrapes the parser must recover exactly. Most pages of the
/// corpus are ambiguous in principle (`docs/newssniffer.md`), so this is a floor against
/// regressions, not a target; raise it when the parser improves. (It was 12 before issue
/// 16, whose pages the fixtures predate; the fixtures it lost are doubts whose truth is
/// among the first alternatives. It was 11 before the weights were fitted as a log-linear
/// model with the halves' opening and closing words as evidence.)
const EXACT_FLOOR: usize = 12;

/// The fewest of the 24 whose truth is the chosen reading or among the first 3
/// alternatives (`newsdiff split --alternatives 3`).
const TOP4_FLOOR: usize = 18;

fn paragraphs(a: &Article, i: usize) -> Vec<String> {
    let r = &a.revisions[i];
    r.paragraph_texts().map(String::from).collect()
}

/// The body rows of a scrape: the lines after the period row, without pagination lines,
/// white space collapsed.
fn body_rows_of(scrape: &str) -> Vec<String> {
    let lines: Vec<&str> = scrape.lines().map(str::trim).collect();
    let start = lines
        .iter()
        .position(|l| l.ends_with("later)") || l.ends_with("earlier)"))
        .expect("a period row")
        + 1;
    lines[start..]
        .iter()
        .filter(|l| !l.is_empty() && !l.starts_with("Previous version"))
        .map(|l| page::collapse(l))
        .collect()
}

/// Re-rendering the parsed versions must give back the scrape's rows: no text lost,
/// none invented, and a reading the site could have produced.
fn assert_rerenders(scrape: &str, a: &Article, name: &str) {
    let rows = page::body_rows(&paragraphs(a, 0), &paragraphs(a, 1), true);
    assert_eq!(
        rows,
        body_rows_of(scrape),
        "{name}: the reading does not re-render the page"
    );
}

fn sentences_repeat(a: &Article, i: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    a.revisions[i]
        .sentences()
        .filter(|s| s.split_whitespace().count() >= 5)
        .filter(|s| !seen.insert(s.to_string()))
        .map(String::from)
        .collect()
}

#[test]
fn seed_splits_into_versions_2_and_3_with_nothing_lost_or_repeated() {
    let out = newsdiff()
        .args(["split", &sample(SEED), "--strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let doc: ArticleDoc = serde_json::from_str(&stdout_of(&out)).unwrap();
    let versions: Vec<_> = doc.revisions.iter().map(|r| r.version).collect();
    assert_eq!(versions, [Some(2), Some(3)]);
    let scrape = std::fs::read_to_string(root().join(sample(SEED))).unwrap();
    let (a, warnings) = newssniffer::parse(SEED, &scrape).unwrap();
    assert!(warnings.iter().all(|w| !w.doubt), "{warnings:?}");
    assert_rerenders(&scrape, &a, SEED);
    assert_eq!(sentences_repeat(&a, 0), Vec::<String>::new());
    assert_eq!(sentences_repeat(&a, 1), Vec::<String>::new());
    assert_eq!(a.revisions[0].title, a.revisions[1].title);
    assert_eq!(a.meta.source.as_deref(), Some("nytimes"));
}

#[test]
fn generated_scrapes_rerender_exactly_and_mostly_parse_exactly() {
    let dir = root().join("tests/data/newssniffer");
    let mut exact = 0;
    let mut top4 = 0;
    let mut cases = 0;
    for n in 0.. {
        let txt = dir.join(format!("{n:03}.txt"));
        if !txt.exists() {
            break;
        }
        cases += 1;
        let scrape = std::fs::read_to_string(&txt).unwrap();
        let want: ArticleDoc = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{n:03}.json"))).unwrap(),
        )
        .unwrap();
        let (a, _) = newssniffer::parse(&format!("{n:03}"), &scrape).unwrap();
        assert_eq!(a.revisions.len(), 2);
        assert_rerenders(&scrape, &a, &format!("{n:03}.txt"));
        let want_paras = |i: usize| -> Vec<String> {
            want.revisions[i]
                .to_revision(i, 0)
                .map(|r| r.paragraph_texts().map(String::from).collect())
                .unwrap()
        };
        let is_truth =
            |a: &Article| paragraphs(a, 0) == want_paras(0) && paragraphs(a, 1) == want_paras(1);
        if is_truth(&a) {
            exact += 1;
        }
        let split = newssniffer::split_with(
            &format!("{n:03}"),
            &scrape,
            &newssniffer::body::Weights::default(),
            3,
        )
        .unwrap();
        if is_truth(&split.article) || split.alternatives.iter().any(|x| is_truth(&x.article)) {
            top4 += 1;
        }
        assert_eq!(a.revisions[0].version, want.revisions[0].version.unwrap());
        assert_eq!(a.revisions[1].version, want.revisions[1].version.unwrap());
    }
    eprintln!("exact: {exact} of {cases}; truth among the first four readings: {top4}");
    assert_eq!(cases, 24, "the fixed set has 24 scrapes");
    assert!(
        exact >= EXACT_FLOOR,
        "only {exact} of {cases} recovered exactly"
    );
    assert!(
        top4 >= TOP4_FLOOR,
        "the truth is among the first four readings of only {top4} of {cases}"
    );
}

fn v(s: &[&str]) -> Vec<String> {
    s.iter().map(|s| s.to_string()).collect()
}

#[test]
fn chained_pages_settle_what_one_page_cannot() {
    // Page 1 alone cannot tell whether B was deleted or added; page 2 alone cannot tell
    // about D. Only one reading makes page 1's new side equal page 2's old side.
    let a = "MOSCOW (AP) -- Russia said on Monday it would start talks with the United States.";
    let b = "The talks were expected to start in Geneva on Tuesday or Wednesday, officials said.";
    let c = "Rebel shelling killed a Russian nurse in a makeshift hospital in the city on Monday.";
    let d = "Kerry told reporters in Brussels that there may or may not be a meeting this week.";
    let (v0, v1, v2) = (v(&[a, b, c]), v(&[a, c]), v(&[a, c, d]));
    let spec = |o: u64, n: u64| page::PageSpec {
        old_version: o,
        new_version: n,
        versions_stored: 3,
        ..page::PageSpec::default()
    };
    let one = page::render(&spec(0, 1), &v0, &v1);
    let both = one.clone() + &page::render(&spec(1, 2), &v1, &v2);
    let (art, _) = newssniffer::parse("chain", &both).unwrap();
    assert_eq!(art.revisions.len(), 3);
    assert_eq!(paragraphs(&art, 0), v0);
    assert_eq!(paragraphs(&art, 1), v1);
    assert_eq!(paragraphs(&art, 2), v2);
    // On its own, the first page's side of B is a doubt.
    let (_, warnings) = newssniffer::parse("one", &one).unwrap();
    assert!(warnings.iter().any(|w| w.doubt), "{warnings:?}");
}

#[test]
fn strict_turns_doubts_into_exit_2() {
    let a = "MOSCOW (AP) -- Russia said on Monday it would start talks with the United States.";
    let b = "The talks were expected to start in Geneva on Tuesday or Wednesday, officials said.";
    let scrape = page::render(&page::PageSpec::default(), &v(&[a, b]), &v(&[a]));
    let dir = tempdir();
    let f = write(dir.path(), "page.txt", &scrape);
    let out = newsdiff().args(["split", &f]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr_of(&out).contains("warning"), "{}", stderr_of(&out));
    let out = newsdiff().args(["split", &f, "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--strict"), "{}", stderr_of(&out));
}

#[test]
fn split_text_and_json_read_back_to_the_same_revisions() {
    let dir = tempdir();
    let text = newsdiff()
        .args(["split", &sample(SEED), "--format", "text"])
        .output()
        .unwrap();
    let t = write(dir.path(), "seed.versions.txt", &text.stdout);
    let from_text = newsdiff().args(["split", &t]).output().unwrap();
    let direct = newsdiff().args(["split", &sample(SEED)]).output().unwrap();
    let a: ArticleDoc = serde_json::from_str(&stdout_of(&from_text)).unwrap();
    let b: ArticleDoc = serde_json::from_str(&stdout_of(&direct)).unwrap();
    let paras = |d: &ArticleDoc| -> Vec<Vec<String>> {
        d.revisions
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let r = r.to_revision(i, 0).unwrap();
                r.paragraph_texts().map(String::from).collect()
            })
            .collect()
    };
    assert_eq!(paras(&a), paras(&b));
    assert_eq!(
        a.revisions
            .iter()
            .map(|r| (&r.version, &r.title))
            .collect::<Vec<_>>(),
        b.revisions
            .iter()
            .map(|r| (&r.version, &r.title))
            .collect::<Vec<_>>()
    );
    // And the JSON reads back as input too.
    let j = write(dir.path(), "seed.json", &direct.stdout);
    let again = newsdiff().args(["split", &j]).output().unwrap();
    let c: ArticleDoc = serde_json::from_str(&stdout_of(&again)).unwrap();
    assert_eq!(paras(&c), paras(&b));
}

fn assert_exit_2_one_line(scrape: &str, what: &str) {
    let dir = tempdir();
    let f = write(dir.path(), "page.txt", scrape);
    let out = newsdiff().args(["split", &f]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert_eq!(err.lines().count(), 1, "{what}: {err}");
    assert!(
        err.starts_with("newsdiff: error: ") && err.contains(&f),
        "{what}: {err}"
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
}

#[test]
fn malformed_pages_are_one_error() {
    let seed = std::fs::read_to_string(root().join(sample(SEED))).unwrap();
    let header_only: String = seed.lines().take(5).map(|l| format!("{l}\n")).collect();
    assert_exit_2_one_line(&header_only, "header only");
    let table_head_only: String = seed.lines().take(9).map(|l| format!("{l}\n")).collect();
    assert_exit_2_one_line(&table_head_only, "table head, no body");
    let other = seed.replace(
        "http://www.nytimes.com/2016/12/05/world/middleeast/russia-lavrov-kerry-aleppo-rebels.html",
        "http://www.example.com/another-story",
    );
    assert_exit_2_one_line(&format!("{seed}\n{other}"), "pages of two articles");
    let backwards = seed.replace("Version 2 Version 3", "Version 3 Version 2");
    assert_exit_2_one_line(&backwards, "versions backwards");
}

#[test]
fn a_junk_row_is_reported_not_placed() {
    let seed = std::fs::read_to_string(root().join(sample(SEED))).unwrap();
    let junk = seed.replacen(
        "(about 4 hours later)\n",
        "(about 4 hours later)\n\u{1}\u{2}\u{7f}junk\u{3}\n",
        1,
    );
    let dir = tempdir();
    let f = write(dir.path(), "page.txt", &junk);
    let out = newsdiff().args(["split", &f]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("not article text"),
        "{}",
        stderr_of(&out)
    );
    let doc: ArticleDoc = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert!(doc.warnings.iter().any(|w| w.kind == "unplaced-text"));
    assert!(!stdout_of(&out).contains("junk\\u0003") || stdout_of(&out).contains("warnings"));
}

#[test]
fn a_bare_body_reads_with_from_newssniffer() {
    let seed = std::fs::read_to_string(root().join(sample(SEED))).unwrap();
    let body: String = seed.lines().skip(9).map(|l| format!("{l}\n")).collect();
    let dir = tempdir();
    let f = write(dir.path(), "body.txt", &body);
    let out = newsdiff()
        .args(["split", &f, "--from", "newssniffer"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let doc: ArticleDoc = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(doc.revisions.len(), 2);
}

/// The committed generated scrapes and the versions each must read back to.
fn fixtures() -> Vec<(String, String, Vec<String>, Vec<String>)> {
    let dir = root().join("tests/data/newssniffer");
    let mut out = Vec::new();
    for n in 0.. {
        let txt = dir.join(format!("{n:03}.txt"));
        if !txt.exists() {
            break;
        }
        let scrape = std::fs::read_to_string(&txt).unwrap();
        let want: ArticleDoc = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{n:03}.json"))).unwrap(),
        )
        .unwrap();
        let paras = |i: usize| -> Vec<String> {
            let r = want.revisions[i].to_revision(i, 0).unwrap();
            r.paragraph_texts().map(String::from).collect()
        };
        out.push((format!("{n:03}"), scrape, paras(0), paras(1)));
    }
    out
}

#[test]
fn the_chosen_reading_never_scores_below_the_truth_and_every_reading_renders_back() {
    let w = newssniffer::body::Weights::default();
    let fixtures = fixtures();
    assert_eq!(fixtures.len(), 24);
    for (name, scrape, old, new) in fixtures {
        let split = newssniffer::split_with(&name, &scrape, &w, 5).unwrap();
        let truth = newssniffer::truth_score(&scrape, &old, &new, &w)
            .unwrap_or_else(|| panic!("{name}: the truth does not render to its page"));
        assert!(
            split.score >= truth - 1e-3,
            "{name}: chosen {} < truth {truth}",
            split.score
        );
        assert_rerenders(&scrape, &split.article, &name);
        let mut last = split.score;
        for alt in &split.alternatives {
            assert_rerenders(&scrape, &alt.article, &name);
            assert!(
                alt.score <= last + 1e-3,
                "{name}: alternatives out of order"
            );
            last = alt.score;
        }
    }
}

#[test]
fn split_gives_alternatives_in_the_article_shape() {
    let out = newsdiff()
        .args([
            "split",
            &sample(SEED),
            "--format",
            "json",
            "--alternatives",
            "3",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let alts = doc["alternatives"].as_array().unwrap();
    assert_eq!(alts.len(), 3);
    let mut last = f64::INFINITY;
    for a in alts {
        let score = a["score"].as_f64().unwrap();
        assert!(score <= last);
        last = score;
        let revisions: Vec<newsdiff::RevisionDoc> =
            serde_json::from_value(a["revisions"].clone()).unwrap();
        let versions: Vec<_> = revisions.iter().map(|r| r.version).collect();
        assert_eq!(versions, [Some(2), Some(3)]);
        assert_ne!(a["revisions"], doc["revisions"]);
    }
    // The article itself is unchanged by asking for alternatives.
    let plain = newsdiff().args(["split", &sample(SEED)]).output().unwrap();
    let plain: serde_json::Value = serde_json::from_str(&stdout_of(&plain)).unwrap();
    assert_eq!(plain["revisions"], doc["revisions"]);
    // Alternatives are JSON, of a News Sniffer scrape.
    let text = newsdiff()
        .args([
            "split",
            &sample(SEED),
            "--format",
            "text",
            "--alternatives",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(text.status.code(), Some(2), "{}", stderr_of(&text));
}
