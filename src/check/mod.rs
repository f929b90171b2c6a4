//! `newsdiff check`: applies rules to every article of one or more archives, in parallel,
//! with memory bounded whatever the archives' size.
//!
//! One thread reads the archives ([`crate::archive`]) and hands articles, unparsed, to a
//! bounded queue; worker threads parse and check them; the calling thread puts the results
//! back in reading order and hands them to a [`Sink`] (a report). The reader may run at
//! most [`WINDOW_PER_JOB`] articles per worker ahead of the report, so what is held at any
//! time is a few articles per core. A broken article (or a panic while checking it) is
//! reported with its location, and the run goes on.

pub mod report;
pub mod rules;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::archive::{self, Item, Problem, Unit, dir::CONFIG_FILE};
use rules::{ConfigFile, Override, Rule, RuleSet, Violation};

/// Articles the reader may run ahead of the report, per worker.
pub const WINDOW_PER_JOB: usize = 16;

/// How many slowest and largest articles the summary keeps.
pub const TOP: usize = 5;

/// What can stop a check before or while it runs (everything about the archives
/// themselves is reported, not an error).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{path}: {message}")]
    Config { path: String, message: String },
    #[error("writing the report: {0}")]
    Output(#[from] std::io::Error),
}

/// How to run a check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// Show a progress bar on standard error (only drawn when it is a terminal).
    pub progress: bool,
    /// A configuration file for every path, instead of each archive's `newsdiff.toml`.
    pub config: Option<PathBuf>,
    /// Rule settings from the command line; they win over the files.
    pub overrides: Vec<Override>,
}

/// What checking one article found.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub article: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub versions: usize,
    pub bytes: usize,
    pub pairs_diffed: usize,
    pub sentences_changed: usize,
    #[serde(serialize_with = "as_millis")]
    pub elapsed: Duration,
    pub violations: Vec<Violation>,
    /// What could not be read of it; when `broken`, nothing could.
    pub problems: Vec<Problem>,
    pub broken: bool,
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1e6).round() / 1e3)
}

/// One result, in reading order: an article, or something a reader could not read.
#[derive(Debug, Clone)]
pub enum Outcome {
    Article(ArticleReport),
    Problem(Problem),
}

/// An article in the summary's slowest or largest list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notable {
    pub article: String,
    pub versions: usize,
    pub bytes: usize,
    pub elapsed_ms: f64,
}

/// The totals of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub articles: usize,
    pub versions: usize,
    pub bytes: usize,
    pub pairs_diffed: usize,
    pub sentences_changed: usize,
    /// Articles with at least one violation.
    pub failing_articles: usize,
    pub violations: usize,
    pub violations_by_rule: BTreeMap<Rule, usize>,
    /// Articles that could not be read at all.
    pub broken_articles: usize,
    /// Everything that could not be read: broken articles, bad lines and rows, bad files.
    pub problems: usize,
    pub slowest: Vec<Notable>,
    pub largest: Vec<Notable>,
    pub elapsed_s: f64,
    pub versions_per_second: f64,
    pub jobs: usize,
}

impl Summary {
    fn add(&mut self, o: &Outcome) {
        match o {
            Outcome::Problem(_) => self.problems += 1,
            Outcome::Article(a) => {
                self.articles += 1;
                self.versions += a.versions;
                self.bytes += a.bytes;
                self.pairs_diffed += a.pairs_diffed;
                self.sentences_changed += a.sentences_changed;
                self.problems += a.problems.len();
                self.broken_articles += usize::from(a.broken);
                if !a.violations.is_empty() {
                    self.failing_articles += 1;
                }
                self.violations += a.violations.len();
                for v in &a.violations {
                    *self.violations_by_rule.entry(v.rule).or_default() += 1;
                }
                if !a.broken {
                    let n = Notable {
                        article: a.article.clone(),
                        versions: a.versions,
                        bytes: a.bytes,
                        elapsed_ms: (a.elapsed.as_secs_f64() * 1e6).round() / 1e3,
                    };
                    keep_top(&mut self.slowest, n.clone(), |n| n.elapsed_ms);
                    keep_top(&mut self.largest, n, |n| n.bytes as f64);
                }
            }
        }
    }

    /// Trouble when anything could not be read, else violations when a rule was broken.
    pub fn verdict(&self) -> Verdict {
        if self.problems > 0 {
            Verdict::Trouble
        } else if self.violations > 0 {
            Verdict::Violations
        } else {
            Verdict::Pass
        }
    }
}

/// What a run amounts to, worst first: the `newsdiff` binary exits 2, 1 or 0 for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Something could not be read (whatever the rules found in the rest).
    Trouble,
    /// Everything was read, and a rule was broken.
    Violations,
    /// Everything was read, and no rule was broken.
    Pass,
}

/// Keeps the `TOP` largest by `key`, largest first (earlier ones win ties).
fn keep_top(list: &mut Vec<Notable>, n: Notable, key: impl Fn(&Notable) -> f64) {
    if list.len() == TOP && list.last().is_some_and(|l| key(l) >= key(&n)) {
        return;
    }
    let at = list.partition_point(|l| key(l) >= key(&n));
    list.insert(at, n);
    list.truncate(TOP);
}

/// Receives the results of a run, in reading order.
pub trait Sink {
    fn outcome(&mut self, o: &Outcome) -> std::io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> std::io::Result<()>;
}

/// The configuration of each path of a run: the `--config` file, or the archive's
/// `newsdiff.toml` (in the directory given, or beside the file given), if any.
pub fn load_configs(
    paths: &[PathBuf],
    explicit: Option<&Path>,
) -> Result<Vec<Option<ConfigFile>>, CheckError> {
    let read = |p: &Path| {
        ConfigFile::read(p).map_err(|message| CheckError::Config {
            path: p.display().to_string(),
            message,
        })
    };
    if let Some(p) = explicit {
        let c = read(p)?;
        return Ok(paths.iter().map(|_| Some(c.clone())).collect());
    }
    paths
        .iter()
        .map(|p| {
            let root = if p.is_dir() {
                Some(p.as_path())
            } else {
                p.parent().map(|d| {
                    if d.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        d
                    }
                })
            };
            match root.map(|r| r.join(CONFIG_FILE)) {
                Some(c) if c.is_file() => read(&c).map(Some),
                _ => Ok(None),
            }
        })
        .collect()
}

/// Checks one article.
pub fn check_unit(unit: &Unit, config: Option<&ConfigFile>, flags: &[Override]) -> ArticleReport {
    let start = Instant::now();
    let mut report = ArticleReport {
        article: unit.name.clone(),
        source: None,
        versions: 0,
        bytes: 0,
        pairs_diffed: 0,
        sentences_changed: 0,
        elapsed: Duration::ZERO,
        violations: Vec::new(),
        problems: Vec::new(),
        broken: false,
    };
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let loaded = unit.load()?;
        let meta = &loaded.article.meta;
        let source = meta.source.clone().or_else(|| {
            meta.url.as_deref().and_then(archive::url_host).or_else(|| {
                // The URL of a JSON article may sit in its extra fields.
                meta.extra
                    .get("url")
                    .and_then(|v| v.as_str())
                    .and_then(archive::url_host)
            })
        });
        let rules = RuleSet::resolve(config, flags, source.as_deref());
        let e = rules::evaluate(&loaded.article, &loaded.warnings, &rules);
        Ok::<_, Problem>((loaded, source, e))
    }));
    match run {
        Ok(Ok((loaded, source, e))) => {
            report.source = source;
            report.versions = loaded.article.revisions.len();
            report.bytes = loaded.bytes;
            report.pairs_diffed = e.pairs_diffed;
            report.sentences_changed = e.sentences_changed;
            report.violations = e.violations;
            report.problems = loaded.problems;
        }
        Ok(Err(p)) => {
            report.broken = true;
            report.problems.push(p);
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            report.broken = true;
            report.problems.push(Problem::new(
                &unit.name,
                format!("internal error while checking (please report it): {what}"),
            ));
        }
    }
    report.elapsed = start.elapsed();
    report
}

/// Checks every article of `paths`, handing each result to `sink` in reading order.
pub fn run(paths: &[PathBuf], opts: &Options, sink: &mut dyn Sink) -> Result<Summary, CheckError> {
    let configs = load_configs(paths, opts.config.as_deref())?;
    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.jobs
    };
    let window = (jobs * WINDOW_PER_JOB) as u64;
    let started = Instant::now();
    let bar = progress_bar(opts.progress);

    let (item_tx, item_rx) = mpsc::sync_channel::<(u64, Item)>(jobs * 2);
    let item_rx = Mutex::new(item_rx);
    let (out_tx, out_rx) = mpsc::channel::<(u64, Outcome)>();
    // How many outcomes the report has taken; the reader waits for it.
    let gate = (Mutex::new(0u64), Condvar::new());
    let stop = AtomicBool::new(false);
    let mut summary = Summary {
        jobs,
        ..Summary::default()
    };
    let mut failure: Option<std::io::Error> = None;

    std::thread::scope(|s| {
        let (gate, stop, configs) = (&gate, &stop, &configs);
        s.spawn(move || {
            let mut seq = 0u64;
            archive::read_all(paths, &mut |item| {
                let mut done = gate.0.lock().expect("gate");
                while seq >= *done + window && !stop.load(Ordering::Relaxed) {
                    done = gate.1.wait(done).expect("gate");
                }
                drop(done);
                if stop.load(Ordering::Relaxed) || item_tx.send((seq, item)).is_err() {
                    return false;
                }
                seq += 1;
                true
            });
        });
        for _ in 0..jobs {
            let out_tx = out_tx.clone();
            let item_rx = &item_rx;
            s.spawn(move || {
                loop {
                    let next = item_rx.lock().expect("queue").recv();
                    let Ok((seq, item)) = next else { break };
                    if stop.load(Ordering::Relaxed) {
                        continue;
                    }
                    let outcome = match item {
                        Item::Problem(p) => Outcome::Problem(p),
                        Item::Unit(u) => Outcome::Article(check_unit(
                            &u,
                            configs[u.root].as_ref(),
                            &opts.overrides,
                        )),
                    };
                    let _ = out_tx.send((seq, outcome));
                }
            });
        }
        drop(out_tx);

        let mut pending: BTreeMap<u64, Outcome> = BTreeMap::new();
        let mut next = 0u64;
        let mut last_draw = Instant::now();
        'collect: for (seq, outcome) in out_rx.iter() {
            pending.insert(seq, outcome);
            while let Some(o) = pending.remove(&next) {
                summary.add(&o);
                let noisy = match &o {
                    Outcome::Problem(_) => true,
                    Outcome::Article(a) => !a.violations.is_empty() || !a.problems.is_empty(),
                };
                let written = if noisy && !bar.is_hidden() {
                    bar.suspend(|| sink.outcome(&o))
                } else {
                    sink.outcome(&o)
                };
                if let Err(e) = written {
                    failure = Some(e);
                    stop.store(true, Ordering::Relaxed);
                    gate.1.notify_all();
                    break 'collect;
                }
                next += 1;
                *gate.0.lock().expect("gate") = next;
                gate.1.notify_all();
            }
            if last_draw.elapsed() > Duration::from_millis(100) {
                last_draw = Instant::now();
                bar.set_message(progress_message(&summary, started.elapsed()));
            }
        }
    });
    bar.finish_and_clear();
    if let Some(e) = failure {
        return Err(CheckError::Output(e));
    }
    summary.elapsed_s = (started.elapsed().as_secs_f64() * 1e3).round() / 1e3;
    summary.versions_per_second = if summary.elapsed_s > 0.0 {
        (summary.versions as f64 / summary.elapsed_s).round()
    } else {
        0.0
    };
    sink.finish(&summary)?;
    Ok(summary)
}

fn progress_bar(wanted: bool) -> indicatif::ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {wide_msg}")
            .expect("a valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn progress_message(s: &Summary, elapsed: Duration) -> String {
    let rate = s.versions as f64 / elapsed.as_secs_f64().max(1e-3);
    format!(
        "{} versions ({}/s) · {} articles · {} violations · {} problems",
        report::count(s.versions),
        report::count(rate as usize),
        report::count(s.articles),
        report::count(s.violations),
        report::count(s.problems)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_lists_keep_the_largest_in_order() {
        let mut list = Vec::new();
        for (i, b) in [5, 1, 9, 3, 9, 7, 2, 8].into_iter().enumerate() {
            keep_top(
                &mut list,
                Notable {
                    article: i.to_string(),
                    versions: 1,
                    bytes: b,
                    elapsed_ms: 0.0,
                },
                |n| n.bytes as f64,
            );
        }
        let got: Vec<(String, usize)> = list.iter().map(|n| (n.article.clone(), n.bytes)).collect();
        assert_eq!(
            got,
            [
                ("2".into(), 9),
                ("4".into(), 9),
                ("7".into(), 8),
                ("5".into(), 7),
                ("0".into(), 5)
            ]
        );
    }
}
