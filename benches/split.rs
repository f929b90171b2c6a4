//! Splitting News Sniffer scrapes: throughput and how it grows with size.
//!
//! The input is one story's consecutive versions rendered as chained pages, built here
//! from the committed fixtures (tests/data/newssniffer), so the bench needs nothing
//! outside the repo. Each version applies one to three paragraph edits to the one before.
//! `cargo bench --bench split`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use newsdiff::ArticleDoc;
use newsdiff::dev::newssniffer::{self, page};

/// Paragraphs of the committed fixtures, as a pool of realistic text.
fn pool() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/newssniffer");
    let mut out = Vec::new();
    for n in 0.. {
        let Ok(text) = std::fs::read_to_string(format!("{dir}/{n:03}.json")) else {
            break;
        };
        let doc: ArticleDoc = serde_json::from_str(&text).expect("fixture JSON");
        for (i, r) in doc.revisions.iter().enumerate() {
            let r = r.to_revision(i, 0).expect("fixture revision");
            out.extend(r.paragraph_texts().map(String::from));
        }
    }
    out
}

/// A scrape of chained pages of about `bytes` bytes.
fn story(pool: &[String], bytes: usize) -> String {
    let mut state: u64 = 0x9e3779b97f4a7c15;
    let mut next_u = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let mut current: Vec<String> = pool[..12].to_vec();
    let mut out = String::new();
    let mut v = 0;
    while out.len() < bytes {
        let mut next = current.clone();
        for _ in 0..1 + next_u(3) {
            let n = next.len();
            match next_u(4) {
                0 => {
                    let k = next_u(n);
                    next[k] = pool[next_u(pool.len())].clone();
                }
                1 if n > 6 => {
                    next.remove(next_u(n));
                }
                2 => {
                    let p = next.remove(next_u(n));
                    next.insert(next_u(n), p);
                }
                _ => next.insert(next_u(n + 1), pool[next_u(pool.len())].clone()),
            }
        }
        next.truncate(40);
        let spec = page::PageSpec {
            old_version: v,
            new_version: v + 1,
            versions_stored: 100_000,
            ..page::PageSpec::default()
        };
        out.push_str(&page::render(&spec, &current, &next));
        current = next;
        v += 1;
    }
    out
}

fn split(c: &mut Criterion) {
    let pool = pool();
    let mut group = c.benchmark_group("split_newssniffer");
    group.sample_size(10);
    for mb in [0.5, 1.0, 2.0, 5.0] {
        let scrape = story(&pool, (mb * 1e6) as usize);
        group.throughput(Throughput::Bytes(scrape.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &scrape,
            |b, s| b.iter(|| newssniffer::parse("bench", s).expect("parses")),
        );
    }
    group.finish();
}

criterion_group!(benches, split);
criterion_main!(benches);
