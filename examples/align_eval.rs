//! Evaluates newsdiff's sentence aligner.
//!
//! ```text
//! cargo run --release --example align_eval -- gold [--list]
//! cargo run --release --example align_eval -- gold2 [--list]
//! cargo run --release --example align_eval -- corpus [CORPUS] [--list N]
//! cargo run --release --example align_eval -- given [CORPUS]
//! cargo run --release --example align_eval -- extract-gold [CORPUS]
//! cargo run --release --example align_eval -- tune [gold|gold2]
//! cargo run --release --example align_eval -- pair KEY [CORPUS]
//! cargo run --release --example align_eval -- export DIR [CORPUS]
//! ```
//!
//! Which set tunes and which is held out: the defaults (`align::Params`) were tuned on
//! `gold` (tests/data/gold); `gold2` (tests/data/gold2) is held out. `tune gold2` shows
//! the other direction. Each gold report ends with recall by kind of gold link
//! (`eval::LinkKind`), and lede links beside them.
//!
//! `export` writes each corpus pair as a JSON article with the given sentences (for the
//! whole-process benchmark, `benches/corpus.sh`).
//!
//! `tune SET` searches the aligner's bars on one gold set and reports both, the other one
//! never seen by the search.
//!
//! `given` diffs every corpus pair from its given sentences (empty ones kept at their
//! index) as the command line does: JSON article in, change log checked for consistency,
//! every view rendered; it exits 1 when any pair fails (issue 14, item 1).
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
const GOLD2: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/gold2/alignment.json"
);
const PAIRS2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gold2/pairs.json");

/// The two hand-checked gold sets.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Set {
    /// tests/data/gold: the set the defaults were tuned on.
    Gold,
    /// tests/data/gold2: held out from tuning.
    Gold2,
}

impl Set {
    fn name(self) -> &'static str {
        match self {
            Set::Gold => "gold",
            Set::Gold2 => "gold2",
        }
    }
    fn paths(self) -> (&'static str, &'static str) {
        match self {
            Set::Gold => (GOLD, PAIRS),
            Set::Gold2 => (GOLD2, PAIRS2),
        }
    }
    fn other(self) -> Set {
        match self {
            Set::Gold => Set::Gold2,
            Set::Gold2 => Set::Gold,
        }
    }
}

/// A version pair with its sentences and the NewsEdits arcs.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pair {
    key: String,
    old: Vec<String>,
    new: Vec<String>,
    /// The NewsEdits arcs (the first gold set's pairs carry them; gold2's do not).
    #[serde(default)]
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
        Some("gold") => gold(Set::Gold, list),
        Some("gold2") => gold(Set::Gold2, list),
        Some("given") => given(corpus),
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
        Some("pair") => show_pair(args.get(1).expect("pair KEY [CORPUS]"), corpus),
        Some("tune") => tune(if args.get(1).is_some_and(|a| a == "gold2") {
            Set::Gold2
        } else {
            Set::Gold
        }),
        Some("export") => {
            let dir = args
                .get(1)
                .filter(|a| !a.ends_with(".json"))
                .expect("export DIR [CORPUS]");
            export(dir, corpus)
        }
        _ => {
            eprintln!(
                "usage: align_eval gold|gold2 [--list] | corpus [CORPUS] [--list N] | given [CORPUS] \
                 | tune [gold|gold2] | extract-gold [CORPUS] | export DIR [CORPUS] | pair KEY [CORPUS]"
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
    ours_with(p, &params_from_env())
}

/// The default bars, with any named in `ALIGN_PARAMS` (`part=0.5,gap=0.2`) changed: for
/// trying a bar by hand before a search.
fn params_from_env() -> newsdiff::dev::Params {
    let mut p = newsdiff::dev::Params::default();
    let Ok(spec) = std::env::var("ALIGN_PARAMS") else {
        return p;
    };
    for (name, value) in spec.split(',').filter_map(|kv| kv.split_once('=')) {
        let v: f32 = value.parse().expect("ALIGN_PARAMS value");
        match name {
            "link" => p.link = v,
            "gap" => p.gap = v,
            "absorb" => p.absorb = v,
            "fold" => p.fold = v,
            "lede" => p.lede = v,
            "part" => p.part = v,
            other => panic!("ALIGN_PARAMS: no bar {other}"),
        }
    }
    p
}

fn ours_with(p: &Pair, params: &newsdiff::dev::Params) -> BTreeSet<eval::Link> {
    let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
    let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
    eval::links(&newsdiff::dev::align_with(&old, &new, params))
}

/// A gold set and its pairs' sentences.
fn load_gold(set: Set) -> (GoldFile, Vec<Pair>) {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (gold, pairs) = set.paths();
    let gold = serde_json::from_str(&read(gold)).expect("gold JSON");
    let pairs = serde_json::from_str(&read(pairs)).expect("pairs JSON");
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

/// Searches the bars on `set` and reports both sets with the defaults and with the best
/// bars found: the other set is held out from the search.
fn tune(set: Set) {
    let (g1, p1) = load_gold(set);
    let (g2, p2) = load_gold(set.other());
    let fit = gold_pairs(&g1, &p1);
    let check = gold_pairs(&g2, &p2);
    let objective = |s: &eval::Score| s.overall.f1() + s.non_identical.f1();
    let mut best = (f64::MIN, newsdiff::dev::Params::default());
    for params in grid() {
        let o = objective(&gold_score(&fit, &params));
        if o > best.0 + 1e-9 {
            best = (o, params);
        }
    }
    let d = newsdiff::dev::Params::default();
    for (name, params) in [("defaults", &d), ("best on the tuning set", &best.1)] {
        println!("{name}: {params:?}");
        for (label, pairs) in [
            (format!("tuned on {}", set.name()), &fit),
            (format!("held out {}", set.other().name()), &check),
        ] {
            let s = gold_score(pairs, params);
            println!("  {label:<16} {}", line("all", &s.overall));
            println!("  {label:<16} {}", line("non-identical", &s.non_identical));
        }
    }
}

/// The bars `tune` tries.
fn grid() -> Vec<newsdiff::dev::Params> {
    let mut out = Vec::new();
    for link in [0.25, 0.3, 0.35, 0.4, 0.45] {
        for gap in [0.05, 0.1, 0.15, 0.2, 0.25] {
            for absorb in [0.3, 0.4, 0.5, 0.6] {
                for fold in [0.6, 0.7, 0.8] {
                    for lede in [0.05, 0.1, 0.15, 1.0] {
                        for part in [0.4, 0.5, 0.6, 0.7, 2.0] {
                            out.push(newsdiff::dev::Params {
                                link,
                                gap,
                                absorb,
                                fold,
                                lede,
                                part,
                            });
                        }
                    }
                }
            }
        }
    }
    out
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

fn gold(set: Set, list: bool) {
    let (gold, pairs) = load_gold(set);
    let (mut us, mut them) = (eval::Score::default(), eval::Score::default());
    let mut by_kind = KindRecall::default();
    for (g, p) in gold_pairs(&gold, &pairs) {
        let reference: BTreeSet<eval::Link> = g.links.iter().copied().collect();
        let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
        let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
        let mine = ours(p);
        let theirs: BTreeSet<eval::Link> = p.newsedits.iter().copied().collect();
        us.add(eval::score(&mine, &reference, &old, &new));
        them.add(eval::score(&theirs, &reference, &old, &new));
        by_kind.add(&mine, &reference, &old, &new);
        if list {
            print_disagreements(&g.key, &mine, &reference, &old, &new);
        }
    }
    let (path, _) = set.paths();
    println!(
        "{} set: {} pairs ({})",
        set.name(),
        gold.pairs.len(),
        path.trim_start_matches(env!("CARGO_MANIFEST_DIR"))
    );
    println!("{}", line("newsdiff, all links", &us.overall));
    println!(
        "{}",
        line("newsdiff, non-identical links", &us.non_identical)
    );
    if pairs.iter().any(|p| !p.newsedits.is_empty()) {
        println!("{}", line("NewsEdits, all links", &them.overall));
        println!(
            "{}",
            line("NewsEdits, non-identical links", &them.non_identical)
        );
    }
    by_kind.print();
}

/// Recall of newsdiff by kind of gold link (`eval::LinkKind`), and of lede links.
#[derive(Default)]
struct KindRecall {
    /// (matched, reference) per kind, in `LinkKind::ALL` order.
    kinds: [(usize, usize); 6],
    lede: (usize, usize),
}

impl KindRecall {
    fn add(
        &mut self,
        mine: &BTreeSet<eval::Link>,
        reference: &BTreeSet<eval::Link>,
        old: &[&str],
        new: &[&str],
    ) {
        for (l, kind, lede) in eval::link_kinds(reference, old, new) {
            let hit = usize::from(mine.contains(&l));
            let i = eval::LinkKind::ALL
                .iter()
                .position(|k| *k == kind)
                .unwrap_or(0);
            self.kinds[i].0 += hit;
            self.kinds[i].1 += 1;
            if lede {
                self.lede.0 += hit;
                self.lede.1 += 1;
            }
        }
    }

    fn print(&self) {
        println!("recall by kind of gold link:");
        let row = |name: &str, (m, r): (usize, usize)| {
            let rec = if r == 0 { 1.0 } else { m as f64 / r as f64 };
            println!("  {name:<32} R {rec:.3}   ({m} of {r})");
        };
        for (k, c) in eval::LinkKind::ALL.iter().zip(self.kinds) {
            row(k.name(), c);
        }
        row("lede (non-identical, sentence 0)", self.lede);
    }
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
    let kinds: BTreeMap<eval::Link, eval::LinkKind> = eval::link_kinds(reference, old, new)
        .into_iter()
        .map(|(l, k, _)| (l, k))
        .collect();
    for l in missing {
        let kind = kinds.get(l).map_or("", |k| k.name());
        println!("  missed ({kind}){}  {}", why(l), show(l, old, new));
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

/// Diffs every corpus pair from its given sentences as the command line does, and fails
/// when any pair errs, breaks the change log's consistency or a view panics.
fn given(corpus: &str) {
    let pairs = load_corpus(corpus);
    let mut failed = 0;
    let mut empty = 0;
    for p in &pairs {
        empty += p
            .old
            .iter()
            .chain(&p.new)
            .filter(|s| s.trim().is_empty())
            .count();
        let text = article_json(p).to_string();
        let source = newsdiff::parse::Source::from_text(format!("{}.json", p.key), text);
        let result = std::panic::catch_unwind(|| -> Result<(), String> {
            let parsed = newsdiff::parse::parse(&source, None).map_err(|e| e.to_string())?;
            let log = newsdiff::ChangeLog::consecutive(&parsed.article, parsed.warnings);
            for d in &log.diffs {
                let (a, b) = log.pair(d);
                d.check(a, b).map_err(|e| e.to_string())?;
            }
            let _ = newsdiff::render::json::render(&log);
            let _ = newsdiff::render::terminal::render(&log, &Default::default());
            let _ = newsdiff::render::markdown::render(&log, &Default::default());
            let _ = newsdiff::render::html::render(&log, &Default::default());
            Ok(())
        });
        let outcome = match result {
            Ok(Ok(())) => continue,
            Ok(Err(e)) => e,
            Err(_) => "panicked".to_string(),
        };
        failed += 1;
        println!("{}: {outcome}", p.key);
    }
    println!(
        "given sentences: {} pairs ({empty} empty or blank sentences kept), {failed} failed",
        pairs.len()
    );
    if failed > 0 {
        std::process::exit(1);
    }
}

/// A corpus pair as a JSON article with its given sentences, empty ones included.
fn article_json(p: &Pair) -> Value {
    serde_json::json!({
        "article": {"id": p.key},
        "revisions": [
            {"version": 0, "sentences": p.old},
            {"version": 1, "sentences": p.new},
        ]
    })
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
        // Empty sentences (NewsEdits' splitter leaves them) are kept at their index.
        let doc = article_json(p);
        std::fs::write(format!("{dir}/{i:03}.json"), doc.to_string()).expect("write");
    }
    println!("wrote {} JSON articles to {dir}", pairs.len());
}

/// Prints one pair (from the gold sets or the corpus, by key or a part of it): its
/// sentences numbered, and newsdiff's ops, for reading what the aligner did.
fn show_pair(key: &str, corpus: &str) {
    let (_, p1) = load_gold(Set::Gold);
    let (_, p2) = load_gold(Set::Gold2);
    let mut all = p1;
    all.extend(p2);
    let p = match all.into_iter().find(|p| p.key.contains(key)) {
        Some(p) => p,
        None => load_corpus(corpus)
            .into_iter()
            .find(|p| p.key.contains(key))
            .unwrap_or_else(|| panic!("no pair {key}")),
    };
    println!("== {}", p.key);
    for (i, s) in p.old.iter().enumerate() {
        println!("  o{i} {}", clip(s));
    }
    for (i, s) in p.new.iter().enumerate() {
        println!("  n{i} {}", clip(s));
    }
    let old: Vec<&str> = p.old.iter().map(String::as_str).collect();
    let new: Vec<&str> = p.new.iter().map(String::as_str).collect();
    let ops = newsdiff::dev::align_with(&old, &new, &params_from_env());
    let f = newsdiff::dev::Features::new(old.iter().copied(), new.iter().copied());
    // For each deleted or added sentence, its likeliest partners on the other side.
    for op in ops.iter().filter(|o| o.old.len() + o.new.len() == 1) {
        let (mine, theirs, name) = match op.kind {
            newsdiff::Kind::Deleted => (&f.old[op.old[0]], &f.new, format!("o{}", op.old[0])),
            _ => (&f.new[op.new[0]], &f.old, format!("n{}", op.new[0])),
        };
        let mut best: Vec<(f32, usize)> = theirs
            .iter()
            .enumerate()
            .map(|(i, t)| (f.dice(mine, t), i))
            .collect();
        best.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (d, i) in best.into_iter().take(2).filter(|x| x.0 > 0.0) {
            println!(
                "  {name} ~ {i}: dice {d:.2}, mine in it {:.2}, it in mine {:.2}",
                f.containment(mine, &theirs[i]),
                f.containment(&theirs[i], mine)
            );
        }
    }
    for op in ops {
        println!(
            "  {:<10} {:?} -> {:?}{} {:.2}",
            op.kind.name(),
            op.old,
            op.new,
            if op.moved { " moved" } else { "" },
            op.similarity
        );
    }
}
