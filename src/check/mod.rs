//! `newsdiff check`: applies rules to every article of one or more archives, in parallel,
//! with memory bounded whatever the archives' size.
//!
//! The articles are read and checked by the archive [`pipeline`], which hands the
//! results back in reading order to a [`Sink`] (a report). A broken article (or a panic
//! while checking it) is reported with its location, and the run goes on.

mod evaluate;
pub mod report;
pub mod rules;

pub use evaluate::{ChangeCounts, Violation};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::archive::pipeline::{self, Done};
use crate::archive::{self, Problem, Unit, dir::CONFIG_FILE};
use crate::article::ArticleMeta;
use rules::{ConfigFile, Override, Rule, RuleSet};

/// How many slowest and largest articles the summary keeps.
pub const TOP: usize = 5;

/// What can stop a check before or while it runs (everything about the archives
/// themselves is reported, not an error).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A `newsdiff.toml` (or `--config` file) that cannot be used.
    #[error("{path}: {problem}")]
    Config {
        /// The file's path.
        path: String,
        /// What is wrong with it.
        problem: rules::ConfigError,
    },
    /// The report could not be written; the check stopped.
    #[error("writing the report: {error}")]
    Output {
        /// Why the write failed (a closed pipe is `BrokenPipe`).
        error: std::io::Error,
        /// What the articles checked before the failure amount to: a reader that closed
        /// the pipe early (`newsdiff check … | head`) has seen those findings, and the
        /// run's exit code must still say so.
        so_far: Verdict,
    },
}

/// How to run a check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// A configuration file for every path, instead of each archive's `newsdiff.toml`.
    pub config: Option<PathBuf>,
    /// Rule settings from the command line; they win over the files.
    pub overrides: Vec<Override>,
}

/// What checking one article found.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    /// The article's name (see [`Unit::name`]).
    pub article: String,
    /// Where it comes from (its `source`, or its URL's host), which selects rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Versions read.
    pub versions: usize,
    /// Bytes of article text read.
    pub bytes: usize,
    /// The comparison work: pairs diffed, sentences changed, paragraphs set aside,
    /// pairs the policies passed over.
    #[serde(flatten)]
    pub counts: ChangeCounts,
    /// Time taken to read and check it (serialized in milliseconds).
    #[serde(serialize_with = "as_millis")]
    pub elapsed: Duration,
    /// The rules it broke.
    pub violations: Vec<Violation>,
    /// What could not be read of it; when `broken`, nothing could.
    pub problems: Vec<Problem>,
    /// Whether nothing of it could be read (or checking it failed).
    pub broken: bool,
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1e6).round() / 1e3)
}

/// One result, in reading order: an article, or something a reader could not read.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// What checking an article found.
    Article(ArticleReport),
    /// Something that could not be read (a file, a line, a row): no article.
    Problem(Problem),
}

/// An article in the summary's slowest or largest list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notable {
    /// The article's name.
    pub article: String,
    /// Versions read.
    pub versions: usize,
    /// Bytes of article text read.
    pub bytes: usize,
    /// Time taken to read and check it, in milliseconds (to the microsecond).
    pub elapsed_ms: f64,
}

/// The totals of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Articles checked, broken ones included.
    pub articles: usize,
    /// Versions read.
    pub versions: usize,
    /// Bytes of article text read.
    pub bytes: usize,
    /// The comparison work, over all articles.
    #[serde(flatten)]
    pub counts: ChangeCounts,
    /// Articles with at least one violation.
    pub failing_articles: usize,
    /// Rules broken, over all articles.
    pub violations: usize,
    /// Violations of each rule broken at least once.
    pub violations_by_rule: BTreeMap<Rule, usize>,
    /// Articles that could not be read at all.
    pub broken_articles: usize,
    /// Everything that could not be read: broken articles, bad lines and rows, bad files.
    pub problems: usize,
    /// The [`TOP`] articles that took longest, slowest first (broken ones left out).
    pub slowest: Vec<Notable>,
    /// The [`TOP`] articles with the most text, largest first (broken ones left out).
    pub largest: Vec<Notable>,
    /// Wall time of the run, in seconds (to the millisecond); set when it ends.
    pub elapsed_s: f64,
    /// Versions read per second of wall time, rounded; set when the run ends.
    pub versions_per_second: f64,
    /// Worker threads used.
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
                self.counts += a.counts;
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

    /// Trouble when anything could not be read, nothing when no article was found (an
    /// empty directory or JSON Lines file: a CI job pointed at the wrong place must not
    /// pass), else violations when a rule was broken.
    pub fn verdict(&self) -> Verdict {
        if self.problems > 0 {
            Verdict::Trouble
        } else if self.articles == 0 {
            Verdict::NothingChecked
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
    /// Everything was read, and it held no article: nothing was checked.
    NothingChecked,
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
    /// One article's findings, or what could not be read.
    ///
    /// # Errors
    /// Writing failed; the run stops with [`CheckError::Output`].
    fn outcome(&mut self, o: &Outcome) -> std::io::Result<()>;
    /// The totals, once every outcome was handed over.
    ///
    /// # Errors
    /// Writing failed.
    fn finish(&mut self, summary: &Summary) -> std::io::Result<()>;
}

/// Told how a run is going, so a front end can show it (the `newsdiff` binary draws a
/// progress bar). Called on the thread that called [`run`].
pub trait Progress {
    /// The totals so far (without `elapsed_s` and `versions_per_second`), after each
    /// result handed to the report, and the time since the run began. Called once per
    /// article, so what it draws it should draw only now and then.
    fn update(&self, so_far: &Summary, elapsed: Duration);
    /// Runs `write` (the report writing findings, perhaps to the same terminal) with the
    /// progress display out of its way.
    fn suspend(&self, write: &mut dyn FnMut());
    /// The run is over, done or failed.
    fn finish(&self);
}

/// The configuration of each path of a run: the `--config` file, or the archive's
/// `newsdiff.toml` (in the directory given, or beside the file given), if any.
pub fn load_configs(
    paths: &[PathBuf],
    explicit: Option<&Path>,
) -> Result<Vec<Option<ConfigFile>>, CheckError> {
    let read = |p: &Path| {
        ConfigFile::read(p).map_err(|problem| CheckError::Config {
            path: p.display().to_string(),
            problem,
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

/// Checks one article. What cannot be read of it is in its `problems`; when nothing
/// could, it is `broken`.
pub fn check_unit(unit: &Unit, config: Option<&ConfigFile>, flags: &[Override]) -> ArticleReport {
    let start = Instant::now();
    let mut report = match unit.load() {
        Err(p) => ArticleReport::broken(&unit.name, p),
        Ok(mut loaded) => {
            let source = article_source(&loaded.article.meta);
            let rules = RuleSet::resolve(config, flags, source.as_deref());
            let set_aside = rules.boilerplate.set_aside(&mut loaded.article);
            let e = evaluate::evaluate(&loaded.article, &loaded.warnings, &rules);
            ArticleReport {
                article: unit.name.clone(),
                source,
                versions: loaded.article.revisions.len(),
                bytes: loaded.bytes,
                counts: ChangeCounts {
                    set_aside,
                    ..e.counts
                },
                elapsed: Duration::ZERO,
                violations: e.violations,
                problems: loaded.problems,
                broken: false,
            }
        }
    };
    report.elapsed = start.elapsed();
    report
}

/// Where an article comes from, for rules set by source: its `source`, else its URL's host.
pub(crate) fn article_source(meta: &ArticleMeta) -> Option<String> {
    meta.source.clone().or_else(|| {
        meta.url.as_deref().and_then(archive::url_host).or_else(|| {
            // The URL of a JSON article may sit in its extra fields.
            meta.extra
                .get("url")
                .and_then(|v| v.as_str())
                .and_then(archive::url_host)
        })
    })
}

impl ArticleReport {
    /// The report of an article of which nothing could be read, for `problem`.
    fn broken(article: &str, problem: Problem) -> Self {
        ArticleReport {
            article: article.to_string(),
            source: None,
            versions: 0,
            bytes: 0,
            counts: ChangeCounts::default(),
            elapsed: Duration::ZERO,
            violations: Vec::new(),
            problems: vec![problem],
            broken: true,
        }
    }
}

/// Checks every article of `paths`, handing each result to `sink` in reading order and
/// telling `progress`, if any, how far it got.
///
/// # Errors
/// A configuration file that cannot be read or is wrong, before anything is checked;
/// the sink failing to write, which stops the run.
pub fn run(
    paths: &[PathBuf],
    opts: &Options,
    sink: &mut dyn Sink,
    progress: Option<&dyn Progress>,
) -> Result<Summary, CheckError> {
    let configs = load_configs(paths, opts.config.as_deref())?;
    let jobs = pipeline::jobs(opts.jobs);
    let started = Instant::now();
    let mut summary = Summary {
        jobs,
        ..Summary::default()
    };
    let work = |unit: &Unit| check_unit(unit, configs[unit.root].as_ref(), &opts.overrides);
    let ran = pipeline::run(paths, jobs, &work, &mut |done| {
        let outcome = match done {
            Done::Unit(report) => Outcome::Article(report),
            Done::Problem(p) => Outcome::Problem(p),
            Done::Panicked { name, message } => {
                let what = format!("internal error while checking (please report it): {message}");
                Outcome::Article(ArticleReport::broken(&name, Problem::new(&name, what)))
            }
        };
        summary.add(&outcome);
        let written = hand_on(&outcome, sink, progress);
        if let Some(p) = progress {
            p.update(&summary, started.elapsed());
        }
        written
    });
    if let Some(p) = progress {
        p.finish();
    }
    let failed = |error, summary: &Summary| CheckError::Output {
        error,
        so_far: summary.verdict(),
    };
    ran.map_err(|e| failed(e, &summary))?;
    summary.elapsed_s = (started.elapsed().as_secs_f64() * 1e3).round() / 1e3;
    summary.versions_per_second = if summary.elapsed_s > 0.0 {
        (summary.versions as f64 / summary.elapsed_s).round()
    } else {
        0.0
    };
    sink.finish(&summary).map_err(|e| failed(e, &summary))?;
    Ok(summary)
}

/// Hands an outcome to the sink; the progress display steps aside only for outcomes
/// with findings, since it flickers each time it does.
fn hand_on(
    outcome: &Outcome,
    sink: &mut dyn Sink,
    progress: Option<&dyn Progress>,
) -> std::io::Result<()> {
    let noisy = match outcome {
        Outcome::Problem(_) => true,
        Outcome::Article(a) => !a.violations.is_empty() || !a.problems.is_empty(),
    };
    match progress {
        Some(p) if noisy => {
            let mut written = Ok(());
            p.suspend(&mut || written = sink.outcome(outcome));
            written
        }
        _ => sink.outcome(outcome),
    }
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
