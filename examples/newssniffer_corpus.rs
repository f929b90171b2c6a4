//! Generates News Sniffer page scrapes from real version pairs and measures the parser on
//! them.
//!
//! The NewsEdits sample (`../shared/corpus/newsedits-sample.json`) gives two versions of
//! each article as sentences. This tool groups them into paragraphs (one to three sentences;
//! a sentence kept from the old version keeps its paragraph break, so unchanged paragraphs
//! stay unchanged), gives each pair a title (changed in about a third of the pairs) and
//! renders the page with `newsdiff::dev::newssniffer::page`, cycling through the header
//! variants: with and without times, pagination lines, CRLF, no final newline, white space
//! kept or collapsed.
//!
//! ```text
//! cargo run --release --example newssniffer_corpus -- measure [CORPUS]
//! cargo run --release --example newssniffer_corpus -- generate DIR COUNT [CORPUS]
//! cargo run --release --example newssniffer_corpus -- big FILE MEGABYTES [CORPUS]
//! cargo run --release --example newssniffer_corpus -- tune [CORPUS]
//! ```
//!
//! `tune` fits the parser's evidence weights by coordinate search on the even-numbered
//! pairs and reports the result on the odd-numbered ones, which the search never saw.
//! ```text
//! ```

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use newsdiff::Article;
use newsdiff::dev::newssniffer::{self, page};
use newsdiff::{ArticleDoc, ParagraphDoc, RevisionDoc};
use serde_json::Value;

const DEFAULT_CORPUS: &str = "../shared/corpus/newsedits-sample.json";

/// A small deterministic generator (splitmix64), so the set regenerates byte for byte.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        let mut h: u64 = 0xcbf29ce484222325;
        for b in seed.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        Rng(h)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One generated case: the page and the versions it must parse back to.
struct Case {
    key: String,
    old: Vec<String>,
    new: Vec<String>,
    old_title: String,
    new_title: String,
    spec: page::PageSpec,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus_at = |i: usize| args.get(i).map(String::as_str).unwrap_or(DEFAULT_CORPUS);
    match args.first().map(String::as_str) {
        Some("measure") => measure(corpus_at(1)),
        Some("generate") => {
            let dir = args.get(1).expect("generate DIR COUNT [CORPUS]");
            let count: usize = args.get(2).and_then(|c| c.parse().ok()).expect("COUNT");
            generate(dir, count, corpus_at(3));
        }
        Some("tune") => tune(corpus_at(1)),
        Some("big") => {
            let file = args.get(1).expect("big FILE MEGABYTES [CORPUS]");
            let mb: usize = args.get(2).and_then(|c| c.parse().ok()).expect("MEGABYTES");
            big(file, mb, corpus_at(3));
        }
        _ => {
            eprintln!("usage: newssniffer_corpus measure|generate|big ...");
            std::process::exit(2);
        }
    }
}

fn load(corpus: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(corpus).unwrap_or_else(|e| panic!("{corpus}: {e}"));
    let all: BTreeMap<String, Value> = serde_json::from_str(&text).expect("corpus JSON");
    all.iter()
        .enumerate()
        .map(|(i, (key, v))| make_case(i, key, v))
        .collect()
}

fn sentences_of(v: &Value, version: u64) -> Vec<String> {
    let mut s: Vec<(u64, String)> = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|n| n["version"].as_u64() == Some(version))
        .map(|n| {
            (
                n["sent_idx"].as_u64().unwrap_or(0),
                page::collapse(n["sentence"].as_str().unwrap_or("")),
            )
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    s.sort_by_key(|x| x.0);
    // NewsEdits' splitter leaves closing quotes (`''`) and ellipsis dots as sentences of
    // their own; the article had them attached to the sentence before.
    let mut out: Vec<String> = Vec::new();
    for (_, t) in s {
        match out.last_mut() {
            Some(prev) if !t.chars().any(char::is_alphanumeric) => {
                if !t.starts_with('\'') && !t.starts_with('"') {
                    prev.push(' ');
                }
                prev.push_str(&t);
            }
            _ => out.push(t),
        }
    }
    out
}

fn make_case(i: usize, key: &str, v: &Value) -> Case {
    let mut versions: Vec<u64> = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["version"].as_u64())
        .collect();
    versions.sort_unstable();
    versions.dedup();
    let (vx, vy) = (versions[0], *versions.last().expect("two versions"));
    let old_s = sentences_of(v, vx);
    let new_s = sentences_of(v, vy);
    let mut rng = Rng::new(key);
    // Paragraph breaks: random for the old version; a new sentence equal to an old one
    // keeps that sentence's break.
    let mut old_break: HashMap<String, bool> = HashMap::new();
    let mut group = |sents: &[String], rng: &mut Rng, inherit: bool| -> Vec<String> {
        let mut paras = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        for (j, s) in sents.iter().enumerate() {
            cur.push(s);
            // A paragraph ends only where a sentence really ends: NewsEdits' splitter
            // sometimes cuts after an abbreviation, and no page breaks a paragraph there.
            let can_break = sents.get(j + 1).is_none_or(|next| {
                newssniffer::body::ends_paragraph(s) && newsdiff::dev::segment::is_boundary(s, next)
            });
            let brk = can_break
                && match old_break.get(s.as_str()) {
                    Some(&b) if inherit => b,
                    _ => cur.len() >= 3 || rng.below(100) < 55,
                };
            if !inherit {
                old_break.insert(s.clone(), brk);
            }
            if brk || j + 1 == sents.len() {
                paras.push(cur.join(" "));
                cur.clear();
            }
        }
        paras
    };
    let old = group(&old_s, &mut rng, false);
    let new = group(&new_s, &mut rng, true);
    let title_of = |s: &str| -> String {
        s.split_whitespace()
            .take(9)
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches([',', '.', ':', ';', '-'])
            .to_string()
    };
    let old_title = title_of(old_s.first().map(String::as_str).unwrap_or("Untitled"));
    let new_title = if rng.below(3) == 0 {
        title_of(new_s.first().map(String::as_str).unwrap_or("Untitled"))
    } else {
        old_title.clone()
    };
    let source = key
        .trim_start_matches("('")
        .split('\'')
        .next()
        .unwrap_or("news")
        .to_string();
    let t0 = Utc
        .with_ymd_and_hms(2014, 7, 17, 9, 0, 0)
        .single()
        .expect("valid time")
        + Duration::minutes(rng.below(60 * 24 * 365) as i64);
    let t1 = t0 + Duration::minutes(1 + rng.below(60 * 30) as i64);
    let spec = page::PageSpec {
        source,
        url: format!(
            "http://www.example.com/{}",
            key.replace(['(', ')', '\'', ' ', ','], "")
        ),
        versions_stored: vy + 1 + rng.below(4),
        old_version: vx,
        new_version: vy,
        old_title: old_title.clone(),
        new_title: new_title.clone(),
        times: i
            .is_multiple_of(2)
            .then(|| (t0.fixed_offset(), t1.fixed_offset())),
        period: "about 2 hours".into(),
        pagination: i.is_multiple_of(3),
        crlf: i % 4 == 1,
        final_newline: i % 5 != 2,
        collapse: i % 7 != 3,
    };
    Case {
        key: key.to_string(),
        old,
        new,
        old_title,
        new_title,
        spec,
    }
}

fn paragraphs(a: &Article, i: usize) -> Vec<String> {
    let r = &a.revisions[i];
    r.paragraph_texts().map(String::from).collect()
}

fn measure(corpus: &str) {
    let cases = load(corpus);
    let mut exact = 0;
    let mut titles = 0;
    let mut doubts = 0;
    let mut flagged_misses = 0;
    let mut misses = Vec::new();
    let mut bytes = 0;
    let mut para_right = 0usize;
    let mut para_total = 0usize;
    let mut ambiguous = 0;
    let mut side_ambiguous = 0;
    let mut side_truly_deleted = 0;
    let mut exact_unambiguous = 0;
    let start = Instant::now();
    let ambiguity: Vec<Option<String>> = cases.iter().map(twin).collect();
    for (c, twin) in cases.iter().zip(&ambiguity) {
        ambiguous += usize::from(twin.is_some());
        side_ambiguous += usize::from(twin.as_ref().is_some_and(|t| t.contains("either version")));
        side_truly_deleted += usize::from(twin.as_ref().is_some_and(|t| t.contains("(deleted)")));
        let scrape = page::render(&c.spec, &c.old, &c.new);
        bytes += scrape.len();
        match newssniffer::parse(&c.key, &scrape) {
            Ok((a, warnings)) => {
                let ok = a.revisions.len() == 2
                    && paragraphs(&a, 0) == c.old
                    && paragraphs(&a, 1) == c.new;
                for (i, want) in [(0, &c.old), (1, &c.new)] {
                    let got = if a.revisions.len() == 2 {
                        paragraphs(&a, i)
                    } else {
                        Vec::new()
                    };
                    para_total += want.len().max(got.len());
                    para_right += similar::capture_diff_slices(similar::Algorithm::Lcs, want, &got)
                        .iter()
                        .filter_map(|op| match op {
                            similar::DiffOp::Equal { len, .. } => Some(*len),
                            _ => None,
                        })
                        .sum::<usize>();
                }
                let doubtful = warnings.iter().any(|w| w.doubt);
                doubts += usize::from(doubtful);
                if ok {
                    exact += 1;
                    exact_unambiguous += usize::from(twin.is_none());
                } else {
                    flagged_misses += usize::from(doubtful);
                    let mut m = describe_miss(c, &a, &warnings);
                    if let Some(t) = twin {
                        m.push_str(&format!("\n  AMBIGUOUS: {t}"));
                    }
                    misses.push(m);
                }
                if a.revisions.len() == 2
                    && a.revisions[0].title.as_deref() == Some(c.old_title.as_str())
                    && a.revisions[1].title.as_deref() == Some(c.new_title.as_str())
                {
                    titles += 1;
                }
            }
            Err(e) => misses.push(format!("{}: error: {e}", c.key)),
        }
    }
    let elapsed = start.elapsed();
    for m in &misses {
        println!("{m}\n");
    }
    let n = cases.len();
    let changed_titles = cases.iter().filter(|c| c.old_title != c.new_title).count();
    println!(
        "provably ambiguous pairs (another plausible pair of versions renders to the same \
         scrape): {ambiguous}, of which {side_ambiguous} by which version a run of one-sided \
         rows belongs to ({side_truly_deleted} of them deleted in truth)\nexact among the {} identifiable pairs: {exact_unambiguous} ({:.1}%)",
        n - ambiguous,
        100.0 * exact_unambiguous as f64 / (n - ambiguous).max(1) as f64
    );
    println!(
        "paragraphs recovered exactly (LCS of expected and parsed, over the longer): \
         {para_right} of {para_total} ({:.1}%)",
        100.0 * para_right as f64 / para_total.max(1) as f64
    );
    println!(
        "pairs: {n}\nboth versions exact: {exact} ({:.1}%)\ntitles exact: {titles} ({:.1}%; {changed_titles} pairs have a changed title)\n\
         pairs with a doubt reported: {doubts}\nmisses flagged by a doubt: {flagged_misses} of {}\n\
         parsed {:.1} MB in {:.3} s",
        100.0 * exact as f64 / n as f64,
        100.0 * titles as f64 / n as f64,
        misses.len(),
        bytes as f64 / 1e6,
        elapsed.as_secs_f64()
    );
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

/// Writes `count` cases spread over the corpus: `NNN.txt` (the scrape) and `NNN.json` (the
/// two versions it must parse back to, as a JSON article).
fn generate(dir: &str, count: usize, corpus: &str) {
    let cases = load(corpus);
    std::fs::create_dir_all(dir).expect("create dir");
    // Spread over the corpus, shifting each pick by one so that the header variants
    // (which cycle with the index) all occur.
    let step = (cases.len() / count.max(1)).max(1);
    let picks = (0..count).map(|k| (k * step + k % step).min(cases.len() - 1));
    for (n, c) in picks.map(|i| &cases[i]).enumerate() {
        let scrape = page::render(&c.spec, &c.old, &c.new);
        std::fs::write(format!("{dir}/{n:03}.txt"), &scrape).expect("write scrape");
        let rev = |version: u64, paras: &[String], title: &str| RevisionDoc {
            version: Some(version),
            created: None,
            title: Some(title.to_string()),
            label: None,
            text: None,
            paragraphs: Some(paras.iter().cloned().map(ParagraphDoc::Text).collect()),
            sentences: None,
            separators: None,
            ignored: Vec::new(),
        };
        let doc = ArticleDoc {
            article: newsdiff::ArticleMeta {
                id: Some(c.key.clone()),
                ..Default::default()
            },
            revisions: vec![
                rev(c.spec.old_version, &c.old, &c.old_title),
                rev(c.spec.new_version, &c.new, &c.new_title),
            ],
            warnings: Vec::new(),
        };
        let json = serde_json::to_string_pretty(&doc).expect("serialise");
        std::fs::write(format!("{dir}/{n:03}.json"), json + "\n").expect("write expected");
    }
    println!("wrote {} cases to {dir}", count.min(cases.len()));
}

/// A long scrape of many chained pages of one article, for the benchmark. The story
/// starts as a corpus article; each next version applies one to three paragraph edits of
/// the kinds the corpus shows (a sentence rewritten, a paragraph deleted, one inserted
/// from the corpus pool, one moved), so every page looks like a real update.
fn big(file: &str, megabytes: usize, corpus: &str) {
    let cases = load(corpus);
    let pool: Vec<&String> = cases.iter().flat_map(|c| c.new.iter()).collect();
    let mut rng = Rng::new("big");
    let mut current: Vec<String> = cases[0].old.clone();
    let mut title = cases[0].old_title.clone();
    let mut out = String::new();
    let mut v = 0u64;
    let target = megabytes * 1_000_000;
    while out.len() < target {
        let mut next = current.clone();
        for _ in 0..1 + rng.below(3) {
            let n = next.len() as u64;
            match rng.below(4) {
                // Rewrite a paragraph: its last sentence replaced by one from the pool.
                0 if n > 0 => {
                    let k = rng.below(n) as usize;
                    let other = pool[rng.below(pool.len() as u64) as usize];
                    let keep = next[k].rsplit_once(". ").map_or("", |x| x.0);
                    next[k] = if keep.is_empty() {
                        other.clone()
                    } else {
                        format!("{keep}. {other}")
                    };
                }
                1 if n > 4 => {
                    next.remove(rng.below(n) as usize);
                }
                2 if n > 1 => {
                    let from = rng.below(n) as usize;
                    let p = next.remove(from);
                    next.insert(rng.below(n) as usize, p);
                }
                _ => {
                    let at = rng.below(n + 1) as usize;
                    next.insert(at, pool[rng.below(pool.len() as u64) as usize].clone());
                }
            }
        }
        // Keep the story a realistic length.
        while next.len() > 40 {
            next.remove(rng.below(next.len() as u64) as usize);
        }
        let new_title = if rng.below(10) == 0 {
            cases[rng.below(cases.len() as u64) as usize]
                .new_title
                .clone()
        } else {
            title.clone()
        };
        let spec = page::PageSpec {
            old_version: v,
            new_version: v + 1,
            old_title: title.clone(),
            new_title: new_title.clone(),
            versions_stored: 100_000,
            source: "nytimes".into(),
            url: "http://www.example.com/one-long-story".into(),
            ..cases[0].spec.clone()
        };
        out.push_str(&page::render(&spec, &current, &next));
        if !spec.final_newline {
            out.push('\n');
        }
        current = next;
        title = new_title;
        v += 1;
    }
    std::fs::write(file, &out).expect("write");
    println!(
        "wrote {} pages, {:.1} MB, to {file}",
        v,
        out.len() as f64 / 1e6
    );
}

fn exact_count(cases: &[(&Case, String)], w: &newssniffer::body::Weights) -> usize {
    cases
        .iter()
        .filter(|(c, scrape)| {
            newssniffer::parse_with(&c.key, scrape, w).is_ok_and(|(a, _)| {
                a.revisions.len() == 2 && paragraphs(&a, 0) == c.old && paragraphs(&a, 1) == c.new
            })
        })
        .count()
}

fn tune(corpus: &str) {
    let cases = load(corpus);
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
    let mut w = newssniffer::body::Weights::default();
    let mut best = exact_count(&fit, &w);
    println!(
        "start: fit {best}/{}, check {}/{}",
        fit.len(),
        exact_count(&check, &w),
        check.len()
    );
    for round in 0..3 {
        for field in 0..12 {
            for factor in [0.0, 0.5, 0.75, 1.25, 1.5, 2.0, 3.0] {
                let mut t = w;
                let f: &mut f32 = match field {
                    0 => &mut t.end_punct,
                    1 => &mut t.no_end_punct,
                    2 => &mut t.start_ok,
                    3 => &mut t.bad_start,
                    4 => &mut t.likeness,
                    5 => &mut t.one_sided,
                    6 => &mut t.added_prior,
                    7 => &mut t.whitespace,
                    8 => &mut t.repeat,
                    9 => &mut t.chain,
                    10 => &mut t.length,
                    _ => &mut t.cross,
                };
                *f *= factor;
                let n = exact_count(&fit, &t);
                if n > best {
                    best = n;
                    w = t;
                    println!("round {round}: fit {best}/{} with {w:?}", fit.len());
                }
            }
        }
    }
    println!(
        "final: fit {best}/{}, check {}/{}\n{w:?}",
        fit.len(),
        exact_count(&check, &w),
        check.len()
    );
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
