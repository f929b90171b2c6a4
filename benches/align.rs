//! Sentence alignment: speed on synthetic revisions and how it grows with size.
//!
//! Sentences are 12–28 words drawn from a 20,000-word vocabulary with Zipf-like
//! frequencies (a few words everywhere, most words rare, as in real copy). The new
//! revision edits 30% of the old one's sentences: 10% reworded (a quarter of their words
//! replaced), 5% moved far, 7.5% deleted, 7.5% added. "nothing matches" aligns two
//! unrelated revisions. "classify numbers" classifies one edited sentence in which every
//! one of n numbers changed: the cost must grow with n, not n² (a quadratic scan once
//! made 50,000 numbers take 23 s). `cargo bench --bench align`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use newsdiff::align;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// A word rank with Zipf-like frequencies: rank r has weight about 1/r.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

fn word(rank: usize) -> String {
    const SYL: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "de", "pa", "gu", "ri", "zo", "ba", "te",
        "no",
    ];
    let mut w = String::new();
    let mut r = rank + 1;
    while r > 0 {
        w.push_str(SYL[r % 16]);
        r /= 16;
    }
    w
}

fn sentence(rng: &mut Rng) -> Vec<String> {
    (0..12 + rng.below(17))
        .map(|_| word(rng.zipf(20_000)))
        .collect()
}

fn render(words: &[String]) -> String {
    let mut s = words.join(" ");
    s[..1].make_ascii_uppercase();
    s.push('.');
    s
}

/// Two revisions of `n` sentences, the second with 30% of sentences changed.
fn revisions(n: usize, seed: u64) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng(seed);
    let old: Vec<Vec<String>> = (0..n).map(|_| sentence(&mut rng)).collect();
    let mut new: Vec<Vec<String>> = Vec::with_capacity(n);
    let mut moved = Vec::new();
    for s in &old {
        match rng.below(1000) {
            0..=99 => {
                let mut e = s.clone();
                for _ in 0..e.len() / 4 {
                    let k = rng.below(e.len());
                    e[k] = word(rng.zipf(20_000));
                }
                new.push(e);
            }
            100..=149 => moved.push(s.clone()),
            150..=224 => {}
            225..=299 => {
                new.push(s.clone());
                new.push(sentence(&mut rng));
            }
            _ => new.push(s.clone()),
        }
    }
    for m in moved {
        let at = rng.below(new.len() + 1);
        new.insert(at, m);
    }
    (
        old.iter().map(|s| render(s)).collect(),
        new.iter().map(|s| render(s)).collect(),
    )
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [100, 500, 1_000, 10_000] {
        let (old, new) = revisions(n, 42);
        let (a, b): (Vec<&str>, Vec<&str>) = (
            old.iter().map(String::as_str).collect(),
            new.iter().map(String::as_str).collect(),
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new("edited_30pct", n),
            &(a, b),
            |bch, (a, b)| bch.iter(|| align(a, b)),
        );
    }
    for n in [100, 1_000, 10_000] {
        let (old, _) = revisions(n, 1);
        let (other, _) = revisions(n, 2);
        let (a, b): (Vec<&str>, Vec<&str>) = (
            old.iter().map(String::as_str).collect(),
            other.iter().map(String::as_str).collect(),
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new("nothing_matches", n),
            &(a, b),
            |bch, (a, b)| bch.iter(|| align(a, b)),
        );
    }
    group.finish();
}

fn bench_classify(c: &mut Criterion) {
    let mut group = c.benchmark_group("classify_numbers");
    group.sample_size(10);
    for n in [1_000, 10_000] {
        let sentence = |shift: usize| -> String {
            (0..n)
                .map(|i| format!("w{i} {}", i + shift))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (old, new) = (sentence(0), sentence(n));
        let (a, b) = ([old.as_str()], [new.as_str()]);
        let ops = align(&a, &b);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &ops, |bch, ops| {
            bch.iter(|| {
                ops.iter()
                    .map(|op| newsdiff::dev::classify_op(op, &a, &b).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_classify);
criterion_main!(benches);
