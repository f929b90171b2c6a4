//! Generates a benchmark archive for `newsdiff check` from the NewsEdits corpus sample
//! (`../shared/corpus/newsedits-sample.json`: 400 real pairs of consecutive versions).
//!
//! ```console
//! $ cargo run --release --example archive_gen -- --versions 100000 --out /tmp/bench.jsonl
//! $ cargo run --release --example archive_gen -- --versions 100000 --out /tmp/bench.db --format sqlite
//! ```
//!
//! Each article starts from one corpus pair: its first version is the pair's old version,
//! its second the pair's new version (a real edit). It is padded to `--pad` sentences
//! (default 24, about a NewsEdits article; the sample's versions are cut to 9 sentences)
//! with sentences of other corpus articles, fixed for the article. Later versions apply
//! one to three edits drawn like real updates: a number changes (a toll rises), a word is
//! replaced, a sentence is appended (taken from another article), one is deleted, two
//! paragraphs swap, a quotation is trimmed, a correction note is added (3%), the headline
//! is rewritten (10%). A few versions are anomalies the rules catch: a repeated version
//! (0.5%), a flip-flop back to the version before last (0.5%), a time out of order (0.3%).
//! An article has 2 to 8 versions (NewsEdits: 4.6 million versions of 1.2 million
//! articles, about 4 each).
//!
//! JSON Lines are written in crawl order: the versions of 500 articles at a time, sorted
//! by time, so one article's versions are spread over the file. SQLite is written in the
//! diffengine layout (`entry`, `entryversion` with HTML summaries), as peewee creates it.

use std::io::{BufWriter, Write};

use serde_json::Value;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One corpus pair: the sentences of the old and the new version.
struct Pair {
    source: String,
    old: Vec<String>,
    new: Vec<String>,
}

fn load_corpus(path: &str) -> Vec<Pair> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("archive_gen: {path}: {e} (give the corpus with --corpus)");
        std::process::exit(2)
    });
    let doc: serde_json::Map<String, Value> = serde_json::from_str(&text).expect("corpus JSON");
    let mut pairs = Vec::new();
    for (key, v) in doc {
        let source = key
            .trim_start_matches("('")
            .split('\'')
            .next()
            .unwrap_or("news")
            .to_string();
        let mut by_version: std::collections::BTreeMap<u64, Vec<(u64, String)>> =
            Default::default();
        for n in v["nodes"].as_array().into_iter().flatten() {
            let (Some(ver), Some(idx), Some(s)) = (
                n["version"].as_u64(),
                n["sent_idx"].as_u64(),
                n["sentence"].as_str(),
            ) else {
                continue;
            };
            let s = s.replace("''", "\"");
            if s.trim().len() > 1 {
                by_version
                    .entry(ver)
                    .or_default()
                    .push((idx, s.trim().to_string()));
            }
        }
        let mut versions: Vec<Vec<String>> = by_version
            .into_values()
            .map(|mut v| {
                v.sort();
                v.into_iter().map(|(_, s)| s).collect()
            })
            .collect();
        if versions.len() == 2 {
            let new = versions.pop().unwrap();
            let old = versions.pop().unwrap();
            pairs.push(Pair { source, old, new });
        }
    }
    pairs.sort_by(|a, b| a.old.cmp(&b.old));
    pairs
}

/// A version being built: paragraphs of sentences.
#[derive(Clone, PartialEq)]
struct Body {
    title: String,
    paragraphs: Vec<Vec<String>>,
}

fn paragraphs(sentences: &[String], rng: &mut Rng) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let n = 1 + rng.below(2);
        out.push(sentences[i..(i + n).min(sentences.len())].to_vec());
        i += n;
    }
    out
}

const SWAPS: &[(&str, &str)] = &[
    ("said", "told reporters"),
    ("killed", "dead"),
    ("people", "residents"),
    ("on Tuesday", "on Wednesday"),
    ("officials", "authorities"),
    ("government", "administration"),
    ("about", "nearly"),
    ("more than", "over"),
    ("the", "a"),
];

/// Changes one number of a random sentence that has one.
fn bump_number(b: &mut Body, rng: &mut Rng) -> bool {
    let spots: Vec<(usize, usize)> = b
        .paragraphs
        .iter()
        .enumerate()
        .flat_map(|(p, s)| (0..s.len()).map(move |i| (p, i)))
        .filter(|&(p, i)| b.paragraphs[p][i].chars().any(|c| c.is_ascii_digit()))
        .collect();
    if spots.is_empty() {
        return false;
    }
    let (p, i) = spots[rng.below(spots.len())];
    let s = &b.paragraphs[p][i];
    let start = s.find(|c: char| c.is_ascii_digit()).unwrap();
    let end = s[start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(s.len(), |e| start + e);
    let n: u64 = s[start..end].parse().unwrap_or(1);
    let new = n + 1 + rng.below(9) as u64;
    b.paragraphs[p][i] = format!("{}{new}{}", &s[..start], &s[end..]);
    true
}

fn reword(b: &mut Body, rng: &mut Rng) -> bool {
    let p = rng.below(b.paragraphs.len());
    let i = rng.below(b.paragraphs[p].len());
    let s = &b.paragraphs[p][i];
    for k in 0..SWAPS.len() {
        let (a, z) = SWAPS[(k + rng.below(SWAPS.len())) % SWAPS.len()];
        let (from, to) = if rng.chance(0.5) { (a, z) } else { (z, a) };
        if let Some(at) = s.find(&format!(" {from} ")) {
            b.paragraphs[p][i] = format!("{} {to} {}", &s[..at], &s[at + from.len() + 2..]);
            return true;
        }
    }
    false
}

fn edit(b: &mut Body, rng: &mut Rng, corpus: &[Pair]) {
    let ops = 1 + rng.below(3);
    for _ in 0..ops {
        match rng.below(10) {
            0..=2 => {
                if !bump_number(b, rng) {
                    reword(b, rng);
                }
            }
            3 | 4 => {
                reword(b, rng);
            }
            5 | 6 => {
                let other = &corpus[rng.below(corpus.len())];
                let s = other.new[rng.below(other.new.len())].clone();
                if rng.chance(0.7) {
                    b.paragraphs.push(vec![s]);
                } else {
                    let at = 1 + rng.below(b.paragraphs.len());
                    b.paragraphs.insert(at.min(b.paragraphs.len()), vec![s]);
                }
            }
            7 if b.paragraphs.len() > 3 => {
                let p = 1 + rng.below(b.paragraphs.len() - 1);
                if b.paragraphs[p].len() > 1 {
                    let i = rng.below(b.paragraphs[p].len());
                    b.paragraphs[p].remove(i);
                } else {
                    b.paragraphs.remove(p);
                }
            }
            8 if b.paragraphs.len() > 3 => {
                let p = 1 + rng.below(b.paragraphs.len() - 2);
                b.paragraphs.swap(p, p + 1);
            }
            _ => {
                // Trim a quotation, or reword when there is none.
                let spot = b
                    .paragraphs
                    .iter()
                    .enumerate()
                    .flat_map(|(p, s)| (0..s.len()).map(move |i| (p, i)))
                    .find(|&(p, i)| b.paragraphs[p][i].matches('"').count() >= 2);
                match spot {
                    Some((p, i)) => {
                        let s = &b.paragraphs[p][i];
                        let open = s.find('"').unwrap();
                        let close = open + 1 + s[open + 1..].find('"').unwrap();
                        let inner = &s[open + 1..close];
                        let words: Vec<&str> = inner.split(' ').collect();
                        if words.len() > 4 {
                            let cut = words[..words.len() - 2].join(" ");
                            b.paragraphs[p][i] =
                                format!("{}\"{cut}\"{}", &s[..open], &s[close + 1..]);
                        }
                    }
                    None => {
                        reword(b, rng);
                    }
                }
            }
        }
    }
    if rng.chance(0.03) {
        b.paragraphs.push(vec![
            "Correction: An earlier version of this article misstated a figure.".to_string(),
        ]);
    }
    if rng.chance(0.10) {
        b.title = format!("{} (updated)", b.title.trim_end_matches(" (updated)"));
        if rng.chance(0.5) {
            b.title = b.title.replace(" (updated)", ": latest");
        }
    }
}

struct Version {
    article: usize,
    version: u64,
    created: i64,
    url: String,
    source: String,
    body: Body,
}

fn text_of(b: &Body) -> String {
    b.paragraphs
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn html_of(b: &Body) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    b.paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", esc(&p.join(" "))))
        .collect::<Vec<_>>()
        .join("\n")
}

fn article_versions(
    id: usize,
    corpus: &[Pair],
    pad: usize,
    rng: &mut Rng,
    start: i64,
) -> Vec<Version> {
    let pair = &corpus[id % corpus.len()];
    let mut filler: Vec<String> = Vec::new();
    while pair.old.len() + filler.len() < pad {
        let other = &corpus[rng.below(corpus.len())];
        filler.extend(
            other
                .old
                .iter()
                .take(pad - pair.old.len() - filler.len())
                .cloned(),
        );
    }
    let with = |s: &[String]| -> Vec<String> { s.iter().chain(&filler).cloned().collect() };
    let title: String = pair.old[0]
        .split_whitespace()
        .take(9)
        .collect::<Vec<_>>()
        .join(" ");
    let first = Body {
        title: title.clone(),
        paragraphs: paragraphs(&with(&pair.old), rng),
    };
    let second = Body {
        title,
        paragraphs: paragraphs(&with(&pair.new), rng),
    };
    let count = 2 + rng.below(7);
    let mut second = second;
    // Some corpus pairs differ only in what the splitter dropped: make the edit real.
    for _ in 0..5 {
        if second != first {
            break;
        }
        edit(&mut second, rng, corpus);
    }
    let mut bodies = vec![first, second];
    while bodies.len() < count {
        let last = bodies.last().unwrap().clone();
        let body = if rng.chance(0.005) {
            last
        } else if bodies.len() >= 2 && rng.chance(0.005) {
            bodies[bodies.len() - 2].clone()
        } else {
            let mut b = last.clone();
            for _ in 0..5 {
                edit(&mut b, rng, corpus);
                if b != last {
                    break;
                }
            }
            b
        };
        bodies.push(body);
    }
    let url = format!("https://www.{}.example/story/{id}", pair.source);
    let mut t = start;
    bodies
        .into_iter()
        .enumerate()
        .map(|(v, body)| {
            t += 60 * (5 + rng.below(180) as i64);
            let created = if v > 0 && rng.chance(0.003) {
                t - 86_400
            } else {
                t
            };
            Version {
                article: id,
                version: v as u64,
                created,
                url: url.clone(),
                source: pair.source.clone(),
                body,
            }
        })
        .collect()
}

fn rfc3339(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn main() {
    let mut versions_wanted = 100_000usize;
    let mut out = String::from("bench.jsonl");
    let mut format = String::from("jsonl");
    let mut corpus_path = String::from("../shared/corpus/newsedits-sample.json");
    let mut pad = 24usize;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().expect("a value after the flag");
        match a.as_str() {
            "--versions" => versions_wanted = val().parse().expect("a number"),
            "--out" => out = val(),
            "--format" => format = val(),
            "--corpus" => corpus_path = val(),
            "--pad" => pad = val().parse().expect("a number"),
            "--seed" => seed = val().parse().expect("a number"),
            other => {
                eprintln!(
                    "archive_gen: unknown argument {other}\nusage: archive_gen [--versions N] [--out PATH] [--format jsonl|sqlite] [--corpus FILE] [--pad SENTENCES] [--seed N]"
                );
                std::process::exit(2);
            }
        }
    }
    let corpus = load_corpus(&corpus_path);
    let mut rng = Rng(seed);
    let start = 1_500_000_000i64;
    let mut written = 0usize;
    let mut articles = 0usize;
    match format.as_str() {
        "jsonl" => {
            let mut w = BufWriter::with_capacity(
                1 << 20,
                std::fs::File::create(&out).expect("can write --out"),
            );
            while written < versions_wanted {
                // 500 articles at a time, their versions in time order.
                let mut batch = Vec::new();
                for _ in 0..500 {
                    if written >= versions_wanted {
                        break;
                    }
                    let vs = article_versions(
                        articles,
                        &corpus,
                        pad,
                        &mut rng,
                        start + articles as i64 * 600,
                    );
                    written += vs.len();
                    articles += 1;
                    batch.extend(vs);
                }
                batch.sort_by_key(|v| (v.created, v.article, v.version));
                for v in batch {
                    let line = serde_json::json!({
                        "article": format!("{}-{}", v.source, v.article),
                        "version": v.version,
                        "created": rfc3339(v.created),
                        "title": v.body.title,
                        "url": v.url,
                        "source": v.source,
                        "text": text_of(&v.body),
                    });
                    writeln!(w, "{line}").unwrap();
                }
            }
            w.flush().unwrap();
        }
        "sqlite" => {
            let _ = std::fs::remove_file(&out);
            let mut conn = rusqlite::Connection::open(&out).expect("can create --out");
            conn.execute_batch(
                r#"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                CREATE TABLE "entry" ("id" INTEGER NOT NULL PRIMARY KEY, "url" VARCHAR(255) NOT NULL,
                    "created" DATETIME NOT NULL, "checked" DATETIME NOT NULL);
                CREATE TABLE "entryversion" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(255) NOT NULL,
                    "url" VARCHAR(255) NOT NULL, "summary" VARCHAR(255) NOT NULL, "created" DATETIME NOT NULL,
                    "archive_url" VARCHAR(255), "entry_id" INTEGER NOT NULL, "tweet_status_id_str" VARCHAR(255),
                    FOREIGN KEY ("entry_id") REFERENCES "entry" ("id"));
                CREATE INDEX "entryversion_entry_id" ON "entryversion" ("entry_id");"#,
            )
            .unwrap();
            let tx = conn.transaction().unwrap();
            {
                let mut entry = tx
                    .prepare("INSERT INTO entry VALUES (?1, ?2, ?3, ?3)")
                    .unwrap();
                let mut version = tx
                    .prepare("INSERT INTO entryversion (title, url, summary, created, entry_id) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .unwrap();
                let naive = |s: i64| {
                    chrono::DateTime::from_timestamp(s, 0)
                        .unwrap()
                        .format("%Y-%m-%d %H:%M:%S%.6f")
                        .to_string()
                };
                while written < versions_wanted {
                    let vs = article_versions(
                        articles,
                        &corpus,
                        pad,
                        &mut rng,
                        start + articles as i64 * 600,
                    );
                    let id = articles as i64 + 1;
                    entry
                        .execute(rusqlite::params![id, vs[0].url, naive(vs[0].created)])
                        .unwrap();
                    for v in &vs {
                        version
                            .execute(rusqlite::params![
                                v.body.title,
                                v.url,
                                html_of(&v.body),
                                naive(v.created),
                                id
                            ])
                            .unwrap();
                    }
                    written += vs.len();
                    articles += 1;
                }
            }
            tx.commit().unwrap();
        }
        other => {
            eprintln!("archive_gen: --format is jsonl or sqlite, not {other}");
            std::process::exit(2);
        }
    }
    eprintln!("archive_gen: wrote {written} versions of {articles} articles to {out}");
}
