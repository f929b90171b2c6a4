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
//! Every random choice follows `--seed S` (default `fit`; the weights were fitted on
//! `fit,fit-2`; measure with another).
//!
//! ```text
//! cargo run --release --example newssniffer_corpus -- measure [--seed S] [CORPUS]
//! cargo run --release --example newssniffer_corpus -- generate DIR COUNT [CORPUS]
//! cargo run --release --example newssniffer_corpus -- big FILE MEGABYTES [CORPUS]
//! cargo run --release --example newssniffer_corpus -- tune [--seed S1,S2] [CORPUS]
//! ```
//!
//! `measure` reports exact recovery (overall and where only one plausible reading
//! exists), the calibration of doubts, the share of pages whose truth is among the first
//! four readings, readings scored below the truth or not rendering back, and the misses
//! by kind. `tune` prints the base rates of added and deleted runs by position and fits
//! the parser's evidence weights on the pages of the given seeds as a log-linear model:
//! the truth's log-probability among each page's best readings (`fit.rs`). Both take
//! `NS_WEIGHTS=w1,w2,…` (22 numbers, in `fit::NAMES`' order) to use other weights than
//! the defaults; `measure` takes `NS_RANK=1` (or `2`, with the split points) to print
//! where the truth ranks on pages whose first four readings miss it, and how the readings
//! above it differ from it.

mod fit;
mod measure;
mod pages;
mod tune;

use std::collections::BTreeMap;

use newsdiff::Article;
use newsdiff::dev::newssniffer::page;
use newsdiff::{ArticleDoc, ParagraphDoc, RevisionDoc};
use serde_json::Value;

use measure::measure;
use pages::make_case;
use tune::tune;

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
        Some("margins") => measure::margins(args.get(1).expect("margins FILE")),
        Some("fixtures") => measure::fixtures(args.get(1).expect("fixtures DIR")),
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

/// The weights to measure: `Weights::default()`, or the 22 numbers of `NS_WEIGHTS`
/// (comma-separated, in `fit::NAMES`' order) when trying others.
fn weights() -> newsdiff::dev::newssniffer::body::Weights {
    match std::env::var("NS_WEIGHTS") {
        Ok(s) => {
            let v: Vec<f32> = s
                .split(',')
                .map(|x| x.trim().parse().expect("a number"))
                .collect();
            fit::from_array(&v.try_into().expect("22 weights"))
        }
        Err(_) => Default::default(),
    }
}

fn paragraphs(a: &Article, i: usize) -> Vec<String> {
    let r = &a.revisions[i];
    r.paragraph_texts().map(String::from).collect()
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
