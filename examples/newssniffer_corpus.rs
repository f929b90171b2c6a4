//! Generates News Sniffer page scrapes from real version pairs and measures the parser on
//! them.
//!
//! The NewsEdits sample (`../shared/corpus/newsedits-sample.json`) gives two versions of
//! each article as sentences. This tool groups them into paragraphs (one to six sentences;
//! a sentence kept from the old version keeps its paragraph break, so unchanged paragraphs
//! stay unchanged), adds the lines real copy carries (credit lines, URLs, agency tags, a
//! boilerplate line twice, quote marks that run across paragraphs), gives each pair a
//! title (changed in about half the pairs) and renders the page with
//! `newsdiff::dev::newssniffer::page`, cycling through the header variants: with and
//! without times, pagination lines, CRLF, no final newline, white space kept or collapsed.
//! Every random choice follows `--seed S` (default `fit`, the seed the weights are
//! fitted on; measure with another).
//!
//! ```text
//! cargo run --release --example newssniffer_corpus -- measure [--seed S] [CORPUS]
//! cargo run --release --example newssniffer_corpus -- generate DIR COUNT [CORPUS]
//! cargo run --release --example newssniffer_corpus -- big FILE MEGABYTES [CORPUS]
//! cargo run --release --example newssniffer_corpus -- tune [--seed S] [CORPUS]
//! ```
//!
//! `measure` reports exact recovery (overall and where only one plausible reading
//! exists), the calibration of doubts, the share of pages whose truth is among the first
//! four readings, readings scored below the truth or not rendering back, and the misses
//! by kind. `tune` fits the parser's evidence weights by coordinate search on the
//! even-numbered pages (objective: exact pages plus pages whose truth is among the first
//! four readings) and reports the result on the odd-numbered ones, which the search never
//! saw; it also prints the base rates of added and deleted runs by position.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use newsdiff::Article;
use newsdiff::dev::newssniffer::{self, page};
use newsdiff::{ArticleDoc, ParagraphDoc, RevisionDoc};
use serde_json::Value;

const DEFAULT_CORPUS: &str = "../shared/corpus/newsedits-sample.json";

/// The seed the weights are fitted on (`tune`); measure with another.
const FIT_SEED: &str = "fit";

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
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--seed S` anywhere: the generator's seed (default: the one the weights were fitted
    // on, `fit`).
    let seed = match args.iter().position(|a| a == "--seed") {
        Some(k) if k + 1 < args.len() => {
            let s = args.remove(k + 1);
            args.remove(k);
            s
        }
        _ => FIT_SEED.to_string(),
    };
    let seed = seed.as_str();
    let corpus_at = |i: usize| args.get(i).map(String::as_str).unwrap_or(DEFAULT_CORPUS);
    match args.first().map(String::as_str) {
        Some("measure") => measure(corpus_at(1), seed),
        Some("generate") => {
            let dir = args.get(1).expect("generate DIR COUNT [CORPUS]");
            let count: usize = args.get(2).and_then(|c| c.parse().ok()).expect("COUNT");
            generate(dir, count, corpus_at(3), seed);
        }
        Some("tune") => tune(corpus_at(1), seed),
        Some("big") => {
            let file = args.get(1).expect("big FILE MEGABYTES [CORPUS]");
            let mb: usize = args.get(2).and_then(|c| c.parse().ok()).expect("MEGABYTES");
            big(file, mb, corpus_at(3), seed);
        }
        _ => {
            eprintln!("usage: newssniffer_corpus measure|generate|big ...");
            std::process::exit(2);
        }
    }
}

/// Every corpus pair as a generated case; `seed` varies every random choice (paragraph
/// breaks, extra lines, titles, header variants), so a seed the weights were not fitted
/// on gives pages they never saw.
fn load(corpus: &str, seed: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(corpus).unwrap_or_else(|e| panic!("{corpus}: {e}"));
    let all: BTreeMap<String, Value> = serde_json::from_str(&text).expect("corpus JSON");
    all.iter()
        .enumerate()
        .map(|(i, (key, v))| make_case(i, key, v, seed))
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

/// Names for credit lines.
const NAMES: [&str; 8] = [
    "Tom Perry",
    "Lisa Barrington",
    "John Stonestreet",
    "Angus MacSwan",
    "Dominic Evans",
    "Sami Aboudi",
    "Peter Graff",
    "Mark Heinrich",
];

/// Lines real copy carries besides its sentences, which end without sentence-final
/// punctuation (the audit's misses): agency tags, a boilerplate line (twice), a URL.
const TAGS: [&str; 4] = ["Reuters", "More follows", "AP", "AFP"];
const BOILERPLATE: [&str; 3] = [
    "Sign up for our morning briefing here",
    "Follow us on Twitter @newsdesk",
    "Read more: Syria's war in maps",
];

/// A paragraph's length in sentences, one to six, as news copy runs.
fn paragraph_target(rng: &mut Rng) -> usize {
    match rng.below(100) {
        0..=34 => 1,
        35..=64 => 2,
        65..=79 => 3,
        80..=89 => 4,
        90..=94 => 5,
        _ => 6,
    }
}

/// Quotation marks as copy has them: a sentence may open a quote that runs on into the
/// next paragraph (no closing mark), or close with the mark after a space. Decided by
/// the sentence's own hash, so a sentence kept between versions keeps its marks.
fn quote_marks(s: &str, seed: &str) -> String {
    if s.contains(['"', '“', '”']) || s.contains("''") {
        return s.to_string();
    }
    match Rng::new(&format!("{seed}|{s}")).below(16) {
        0 => format!("“{s}"),
        1 if newssniffer::body::ends_paragraph(s) => format!("“{s} ”"),
        _ => s.to_string(),
    }
}

/// The article's extra lines: which occur and what they say, the same for both versions
/// except where an update changes them (the editor of a credit line, a `More follows`
/// dropped).
struct Extras {
    credit: Option<(String, String)>,
    url: Option<String>,
    tag: Option<(&'static str, bool)>,
    boilerplate: Option<&'static str>,
}

impl Extras {
    fn draw(rng: &mut Rng) -> Extras {
        let name = |rng: &mut Rng| NAMES[rng.below(NAMES.len() as u64) as usize];
        let credit = (rng.below(4) == 0).then(|| {
            let old = format!("(Reporting by {}; Editing by {})", name(rng), name(rng));
            let new = if rng.below(2) == 0 {
                old.replace(')', &format!(" and {})", name(rng)))
            } else {
                old.clone()
            };
            (old, new)
        });
        let url = (rng.below(6) == 0).then(|| match rng.below(2) {
            0 => format!("http://reut.rs/{:x}", rng.next() % 0xffffff),
            _ => format!(
                "Read more at https://www.example.com/news/{}",
                rng.below(99999)
            ),
        });
        let tag = (rng.below(6) == 0).then(|| {
            let t = TAGS[rng.below(TAGS.len() as u64) as usize];
            (t, t == "More follows" || rng.below(3) == 0)
        });
        let boilerplate =
            (rng.below(6) == 0).then(|| BOILERPLATE[rng.below(BOILERPLATE.len() as u64) as usize]);
        Extras {
            credit,
            url,
            tag,
            boilerplate,
        }
    }

    /// Adds the extra paragraphs to one version's paragraphs.
    fn apply(&self, paras: &mut Vec<String>, new: bool) {
        if let Some(b) = self.boilerplate {
            let at = paras.len().min(2);
            paras.insert(at, b.to_string());
            paras.push(b.to_string());
        }
        if let Some(u) = &self.url {
            let at = paras.len().min(4);
            paras.insert(at, u.clone());
        }
        if let Some((t, dropped)) = self.tag
            && !(new && dropped)
        {
            paras.push(t.to_string());
        }
        if let Some((old, newer)) = &self.credit {
            paras.push(if new { newer.clone() } else { old.clone() });
        }
    }
}

fn make_case(i: usize, key: &str, v: &Value, seed: &str) -> Case {
    let mut versions: Vec<u64> = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["version"].as_u64())
        .collect();
    versions.sort_unstable();
    versions.dedup();
    let (vx, vy) = (versions[0], *versions.last().expect("two versions"));
    let old_s: Vec<String> = sentences_of(v, vx)
        .iter()
        .map(|s| quote_marks(s, seed))
        .collect();
    let new_s: Vec<String> = sentences_of(v, vy)
        .iter()
        .map(|s| quote_marks(s, seed))
        .collect();
    let mut rng = Rng::new(&format!("{seed}/{key}"));
    // Paragraph breaks: random for the old version (one to six sentences); a new sentence
    // equal to an old one keeps that sentence's break.
    let mut old_break: HashMap<String, bool> = HashMap::new();
    let mut group = |sents: &[String], rng: &mut Rng, inherit: bool| -> Vec<String> {
        let mut paras = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        let mut target = paragraph_target(rng);
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
                    _ => cur.len() >= target,
                };
            if !inherit {
                old_break.insert(s.clone(), brk);
            }
            if brk || j + 1 == sents.len() {
                paras.push(cur.join(" "));
                cur.clear();
                target = paragraph_target(rng);
            }
        }
        paras
    };
    let mut old = group(&old_s, &mut rng, false);
    let mut new = group(&new_s, &mut rng, true);
    let extras = Extras::draw(&mut rng);
    extras.apply(&mut old, false);
    extras.apply(&mut new, true);
    let title_of = |s: &str| -> String {
        s.split_whitespace()
            .take(9)
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches([',', '.', ':', ';', '-'])
            .to_string()
    };
    let old_title = title_of(old_s.first().map(String::as_str).unwrap_or("Untitled"));
    let new_title = match rng.below(6) {
        0 | 1 => title_of(new_s.first().map(String::as_str).unwrap_or("Untitled")),
        2 => format!("UPDATE 1-{old_title}"),
        _ => old_title.clone(),
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
    // The header variants cycle with the index, shifted by the seed.
    let i = i + rng.below(420) as usize * usize::from(!seed.is_empty());
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

fn measure(corpus: &str, seed: &str) {
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
    let w = newssniffer::body::Weights::default();
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

/// Writes `count` cases spread over the corpus: `NNN.txt` (the scrape) and `NNN.json` (the
/// two versions it must parse back to, as a JSON article).
fn generate(dir: &str, count: usize, corpus: &str, seed: &str) {
    let cases = load(corpus, seed);
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
fn big(file: &str, megabytes: usize, corpus: &str, seed: &str) {
    let cases = load(corpus, seed);
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

/// The fitting objective on some pages: pages recovered exactly plus pages whose truth
/// is the chosen reading or among the first 3 alternatives.
fn fit_score(cases: &[(&Case, String)], w: &newssniffer::body::Weights) -> usize {
    let is_truth = |c: &Case, a: &Article| {
        a.revisions.len() == 2 && paragraphs(a, 0) == c.old && paragraphs(a, 1) == c.new
    };
    cases
        .iter()
        .map(
            |(c, scrape)| match newssniffer::split_with(&c.key, scrape, w, 3) {
                Ok(s) => {
                    let exact = is_truth(c, &s.article);
                    let top = exact || s.alternatives.iter().any(|x| is_truth(c, &x.article));
                    usize::from(exact) + usize::from(top)
                }
                Err(_) => 0,
            },
        )
        .sum()
}

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

fn tune(corpus: &str, seed: &str) {
    let cases = load(corpus, seed);
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
    base_rates(&fit.iter().map(|x| x.0).collect::<Vec<_>>());
    let mut w = newssniffer::body::Weights::default();
    let mut best = fit_score(&fit, &w);
    println!(
        "objective (exact + truth in the first four readings), start: fit {best}/{}, check {}/{}",
        2 * fit.len(),
        fit_score(&check, &w),
        2 * check.len()
    );
    for round in 0..3 {
        for field in 0..17 {
            let signed = matches!(field, 6 | 12 | 13);
            let factors: &[f32] = if signed {
                &[-1.0, -0.5, 0.0, 0.5, 1.5, 2.0, 3.0]
            } else {
                &[0.0, 0.5, 0.75, 1.25, 1.5, 2.0, 3.0]
            };
            for &factor in factors {
                let mut t = w;
                let f: &mut f32 = match field {
                    0 => &mut t.end_punct,
                    1 => &mut t.no_end_punct,
                    2 => &mut t.start_ok,
                    3 => &mut t.bad_start,
                    4 => &mut t.likeness,
                    5 => &mut t.one_sided,
                    6 => &mut t.added_top,
                    7 => &mut t.whitespace,
                    8 => &mut t.repeat,
                    9 => &mut t.chain,
                    10 => &mut t.length,
                    11 => &mut t.cross,
                    12 => &mut t.added_middle,
                    13 => &mut t.added_end,
                    14 => &mut t.end_credit,
                    15 => &mut t.end_url,
                    _ => &mut t.end_tag,
                };
                *f *= factor;
                let n = fit_score(&fit, &t);
                if n > best {
                    best = n;
                    w = t;
                    println!("round {round}: fit {best}/{} with {w:?}", 2 * fit.len());
                }
            }
        }
    }
    println!(
        "final: fit {best}/{}, check {}/{}\n{w:?}",
        2 * fit.len(),
        fit_score(&check, &w),
        2 * check.len()
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
