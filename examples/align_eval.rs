//! Evaluates newsdiff's sentence aligner.
//!
//! ```text
//! cargo run --release --example align_eval -- gold [--list]
//! cargo run --release --example align_eval -- corpus [CORPUS] [--list N]
//! cargo run --release --example align_eval -- extract-gold [CORPUS]
//! cargo run --release --example align_eval -- tune
//! cargo run --release --example align_eval -- export DIR [CORPUS]
//! ```
//!
//! `export` writes each corpus pair as a JSON article with the given sentences (for the
//! whole-process benchmark, `benches/corpus.sh`).
//!
//! `tune` searches the aligner's bars on the first half of the gold pairs and reports the
//! second half, which the search never saw.
//!
//! `gold` scores newsdiff and the NewsEdits aligner against the hand-checked gold set in
//! `tests/data/gold/` (sentences included, so it needs nothing outside the repo).
//! `corpus` aligns all 400 pairs of the NewsEdits sample, reports agreement with the
//! NewsEdits arcs (which are an algorithm's output, not truth) and the throughput, and
//! lists disagreements for reading. `extract-gold` rewrites `tests/data/gold/pairs.json`
//! (the gold pairs' sentences and NewsEdits arcs) from the corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use newsdiff::dev::eval;
use serde::{Deserialize, Serialize};
use serde_json::Value;

const DEFAULT_CORPUS: &str = "../shared/corpus/newsedits-sample.json";
const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/gold/alignment.json"
);
const PAIRS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gold/pairs.json");

/// A version pair with its sentences and the NewsEdits arcs.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pair {
    key: String,
    old: Vec<String>,
    new: Vec<String>,
    newsedits: Vec<eval::Link>,
}

#[derive(Debug, Deserialize)]
struct GoldFile {
    pairs: Vec<GoldPair>,
}

#[derive(Debug, Deserialize)]
struct GoldPair {
    key: String,
    links: Vec<eval::Link>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let corpus = args
        .iter()
        .skip(1)
        .find(|a| !a.starts_with("--") && a.ends_with(".json"))
        .map(String::as_str)
        .unwrap_or(DEFAULT_CORPUS);
    match args.first().map(String::as_str) {
        Some("gold") => gold(list),
        Some("corpus") => {
            let n = args
                .iter()
                .position(|a| a == "--list")
                .and_then(|i| args.get(i + 1))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            corpus_run(corpus, n)
        }
        Some("extract-gold") => extract_gold(corpus),
        Some("tune") => tune(),
        Some("export") => {
            let dir = args
                .get(1)
                .filter(|a| !a.ends_with(".json"))
                .expect("export DIR [CORPUS]");
            export(dir, corpus)
        }
        _ => {
            eprintln!(
                "usage: align_eval gold [--list] | corpus [CORPUS] [--list N] | extract-gold [CORPUS]"
            );
            std::process::exit(2);
        }
    }
}

fn load_corpus(path: &str) -> Vec<Pair> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let all: BTreeMap<String, Value> = serde_json::from_str(&text).expect("corpus JSON");
    all.into_iter().map(|(k, v)| pair_of(k, &v)).collect()
}

fn pair_of(key: String, v: &Value) -> Pair {
    let nodes = v["nodes"].as_array().expect("nodes");
    let mut versions: Vec<u64> = nodes.iter().filter_map(|n| n["version"].as_u64()).collect();
    versions.sort_unstable();
    versions.dedup();
    let side = |ver: u64| -> Vec<String> {
        let mut s: Vec<(usize, String)> = nodes
            .iter()
            .filter(|n| n["version"].as_u64() == Some(ver))
            .map(|n| {
                (
                    n["sent_idx"].as_u64().unwrap_or(0) as usize,
                    n["sentence"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        s.sort_by_key(|x| x.0);
        let len = s.last().map_or(0, |x| x.0 + 1);
        let mut out = vec![String::new(); len];
        for (i, t) in s {
            out[i] = t;
        }
        out
    };
    let idx = |x: &Value| x.as_f64().map(|f| f as usize);
    let newsedits = v["arcs"]
        .as_array()
        .expect("arcs")
        .iter()
        .map(|a| (idx(&a["sent_idx_x"]), idx(&a["sent_idx_y"])))
        .filter(|l| l.0.is_some() || l.1.is_some())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Pair {
        key,
        old: side(versions[0]),
        new: side(*versions.last().expect("a version")),
        newsedits,
    }
}

fn ours(p: &Pair) -> BTreeSet<eval::Link> {
    ours_with(p, &newsdiff::dev::Params::default())
}

fn ours_with(p: &Pair, params: &newsdiff::dev::Params) -> BTreeSet<eval::Link> {
    let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
    let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
    eval::links(&newsdiff::dev::align_with(&old, &new, params))
}

/// The gold set and its pairs' sentences (both in tests/data/gold).
fn load_gold() -> (GoldFile, Vec<Pair>) {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let gold = serde_json::from_str(&read(GOLD)).expect("gold JSON");
    let pairs = serde_json::from_str(&read(PAIRS)).expect("pairs JSON");
    (gold, pairs)
}

/// Each gold pair with its sentences.
fn gold_pairs<'a>(gold: &'a GoldFile, pairs: &'a [Pair]) -> Vec<(&'a GoldPair, &'a Pair)> {
    let by_key: BTreeMap<&str, &Pair> = pairs.iter().map(|p| (p.key.as_str(), p)).collect();
    gold.pairs
        .iter()
        .map(|g| (g, by_key[g.key.as_str()]))
        .collect()
}

fn gold_score(pairs: &[(&GoldPair, &Pair)], params: &newsdiff::dev::Params) -> eval::Score {
    let mut total = eval::Score::default();
    for (g, p) in pairs {
        let reference: BTreeSet<eval::Link> = g.links.iter().copied().collect();
        let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
        let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
        total.add(eval::score(&ours_with(p, params), &reference, &old, &new));
    }
    total
}

fn tune() {
    let (gold, pairs) = load_gold();
    let all = gold_pairs(&gold, &pairs);
    let (fit, check) = all.split_at(all.len() / 2);
    let objective = |s: &eval::Score| s.overall.f1() + s.non_identical.f1();
    let mut best = (f64::MIN, newsdiff::dev::Params::default());
    for link in [0.25, 0.3, 0.35, 0.4, 0.45, 0.5] {
        for gap in [0.05, 0.1, 0.15, 0.2, 0.25, 0.3] {
            for absorb in [0.3, 0.4, 0.5, 0.6, 0.7] {
                for fold in [0.6, 0.7, 0.8, 0.9] {
                    for lede in [0.05, 0.1, 0.15, 1.0] {
                        let params = newsdiff::dev::Params {
                            link,
                            gap,
                            absorb,
                            fold,
                            lede,
                        };
                        let o = objective(&gold_score(fit, &params));
                        if o > best.0 + 1e-9 {
                            best = (o, params);
                        }
                    }
                }
            }
        }
    }
    let d = newsdiff::dev::Params::default();
    for (name, params) in [("defaults", &d), ("best on fit half", &best.1)] {
        let (f, c) = (gold_score(fit, params), gold_score(check, params));
        println!("{name}: {params:?}");
        println!(
            "  fit half   F1 all {:.3}, non-identical {:.3}",
            f.overall.f1(),
            f.non_identical.f1()
        );
        println!(
            "  check half F1 all {:.3}, non-identical {:.3}",
            c.overall.f1(),
            c.non_identical.f1()
        );
    }
}

fn line(name: &str, s: &eval::Counts) -> String {
    format!(
        "{name:<34} P {:.3}  R {:.3}  F1 {:.3}   ({} matched, {} predicted, {} reference)",
        s.precision(),
        s.recall(),
        s.f1(),
        s.matched,
        s.predicted,
        s.reference
    )
}

fn gold(list: bool) {
    let (gold, pairs) = load_gold();
    let (mut us, mut them) = (eval::Score::default(), eval::Score::default());
    for (g, p) in gold_pairs(&gold, &pairs) {
        let reference: BTreeSet<eval::Link> = g.links.iter().copied().collect();
        let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
        let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
        let mine = ours(p);
        let theirs: BTreeSet<eval::Link> = p.newsedits.iter().copied().collect();
        us.add(eval::score(&mine, &reference, &old, &new));
        them.add(eval::score(&theirs, &reference, &old, &new));
        if list {
            print_disagreements(&g.key, &mine, &reference, &old, &new);
        }
    }
    println!("gold set: {} pairs (tests/data/gold)", gold.pairs.len());
    println!("{}", line("newsdiff, all links", &us.overall));
    println!(
        "{}",
        line("newsdiff, non-identical links", &us.non_identical)
    );
    println!("{}", line("NewsEdits, all links", &them.overall));
    println!(
        "{}",
        line("NewsEdits, non-identical links", &them.non_identical)
    );
}

fn show(l: &eval::Link, old: &[&str], new: &[&str]) -> String {
    let o = l.0.map_or("—".to_string(), |i| {
        format!("o{i} {:?}", clip(old.get(i).unwrap_or(&"")))
    });
    let n = l.1.map_or("—".to_string(), |i| {
        format!("n{i} {:?}", clip(new.get(i).unwrap_or(&"")))
    });
    format!("{o}\n        → {n}")
}

fn clip(s: &str) -> String {
    s.chars().take(110).collect()
}

fn print_disagreements(
    key: &str,
    mine: &BTreeSet<eval::Link>,
    reference: &BTreeSet<eval::Link>,
    old: &[&str],
    new: &[&str],
) {
    let missing: Vec<_> = reference.difference(mine).collect();
    let extra: Vec<_> = mine.difference(reference).collect();
    if missing.is_empty() && extra.is_empty() {
        return;
    }
    println!("== {key}");
    let f = newsdiff::dev::Features::new(old.iter().copied(), new.iter().copied());
    let why = |l: &eval::Link| match l {
        (Some(o), Some(n)) => format!(
            " [dice {:.2}, new in old {:.2}, old in new {:.2}]",
            f.dice(&f.old[*o], &f.new[*n]),
            f.containment(&f.new[*n], &f.old[*o]),
            f.containment(&f.old[*o], &f.new[*n])
        ),
        _ => String::new(),
    };
    for l in missing {
        println!("  missed{}  {}", why(l), show(l, old, new));
    }
    for l in extra {
        println!("  extra{}   {}", why(l), show(l, old, new));
    }
}

fn corpus_run(path: &str, list: usize) {
    let pairs = load_corpus(path);
    let start = Instant::now();
    let results: Vec<BTreeSet<eval::Link>> = pairs.iter().map(ours).collect();
    let elapsed = start.elapsed();
    let mut agree = eval::Score::default();
    let mut listed = 0;
    for (p, mine) in pairs.iter().zip(&results) {
        let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
        let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
        let theirs: BTreeSet<eval::Link> = p.newsedits.iter().copied().collect();
        agree.add(eval::score(mine, &theirs, &old, &new));
        if listed < list {
            print_disagreements(&p.key, mine, &theirs, &old, &new);
            listed += 1;
        }
    }
    let sentences: usize = pairs.iter().map(|p| p.old.len() + p.new.len()).sum();
    println!(
        "corpus: {} pairs, {sentences} sentences; agreement with the NewsEdits arcs \
         (newsdiff as prediction, NewsEdits as reference; not a gold standard):",
        pairs.len()
    );
    println!("{}", line("all links", &agree.overall));
    println!("{}", line("non-identical links", &agree.non_identical));
    println!(
        "aligned {} pairs in {:.1} ms: {:.0} pairs/s (alignment and word diffs, one core)",
        pairs.len(),
        elapsed.as_secs_f64() * 1e3,
        pairs.len() as f64 / elapsed.as_secs_f64()
    );
}

fn extract_gold(corpus: &str) {
    let gold: GoldFile = serde_json::from_str(&std::fs::read_to_string(GOLD).expect("gold file"))
        .expect("gold JSON");
    let all = load_corpus(corpus);
    let by_key: BTreeMap<&str, &Pair> = all.iter().map(|p| (p.key.as_str(), p)).collect();
    let pairs: Vec<&Pair> = gold.pairs.iter().map(|g| by_key[g.key.as_str()]).collect();
    let json = serde_json::to_string_pretty(&pairs).expect("serialise");
    std::fs::write(PAIRS, json + "\n").expect("write pairs");
    println!("wrote {} pairs to {PAIRS}", pairs.len());
}

fn export(dir: &str, corpus: &str) {
    std::fs::create_dir_all(dir).expect("create dir");
    let pairs = load_corpus(corpus);
    for (i, p) in pairs.iter().enumerate() {
        // Empty sentences (the splitter's) are dropped: a JSON article's sentences are text.
        fn side(s: &[String]) -> Vec<&String> {
            s.iter().filter(|x| !x.is_empty()).collect()
        }
        let doc = serde_json::json!({
            "article": {"id": p.key},
            "revisions": [
                {"version": 0, "sentences": side(&p.old)},
                {"version": 1, "sentences": side(&p.new)},
            ]
        });
        std::fs::write(format!("{dir}/{i:03}.json"), doc.to_string()).expect("write");
    }
    println!("wrote {} JSON articles to {dir}", pairs.len());
}
