//! `newsdiff export`: the change logs of every article of one or more archives, as data.
//!
//! Researchers want the alignments of a whole archive, not findings (`check`) or pages
//! (`report`). An export runs the same pipeline as `check` (the archive readers, the
//! ordered parallel [`pipeline`], the settings of `newsdiff.toml` and the flags: the
//! boilerplate set aside, `ignore`), builds each article's [`ChangeLog`] of consecutive
//! pairs, and writes it to a [`Target`]:
//!
//! - JSON Lines (`OUT.jsonl`): one change log per line, the documented JSON contract
//!   (`docs/changelog.md`), so every revision rebuilds from it byte for byte;
//! - SQLite (`OUT.db`, `OUT.sqlite`, `OUT.sqlite3`): tables `articles`, `revisions`,
//!   `sentences`, `diffs`, `links` and `classes` ([`sqlite`], `docs/export.md`), ready
//!   for pandas or DuckDB.
//!
//! Memory stays bounded whatever the archive's size: the pipeline holds a few articles per
//! core, and the writer keeps nothing of an article once it is written. An article that
//! cannot be read is reported and skipped, never the end of the run.

mod sqlite;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::archive::pipeline::{self, Done};
use crate::archive::{Problem, Unit};
use crate::changelog::ChangeLog;
use crate::check::rules::{ConfigFile, Override, RuleSet};
use crate::check::{self, CheckError, Progress, article_source, load_configs};
use crate::text::normalize::escape_c1_controls;

/// Where an export goes, by the output's extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One change log per line.
    JsonLines(PathBuf),
    /// A SQLite database (created; an existing file is replaced).
    Sqlite(PathBuf),
}

impl Target {
    /// The target for `path`: `.jsonl` (or `.ndjson`) is JSON Lines; `.db`, `.sqlite` and
    /// `.sqlite3` are SQLite.
    ///
    /// # Errors
    /// [`ExportError::UnknownTarget`] for any other extension.
    pub fn for_path(path: &Path) -> Result<Target, ExportError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("jsonl" | "ndjson") => Ok(Target::JsonLines(path.to_path_buf())),
            Some("db" | "sqlite" | "sqlite3") => Ok(Target::Sqlite(path.to_path_buf())),
            _ => Err(ExportError::UnknownTarget(path.display().to_string())),
        }
    }

    fn path(&self) -> &Path {
        match self {
            Target::JsonLines(p) | Target::Sqlite(p) => p,
        }
    }
}

/// How to run an export: the same settings as a check.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// A configuration file for every path, instead of each archive's `newsdiff.toml`.
    pub config: Option<PathBuf>,
    /// Settings from the command line (`--ignore`, …); they win over the files.
    pub overrides: Vec<Override>,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Articles written.
    pub articles: usize,
    /// Revisions written, over all articles.
    pub revisions: usize,
    /// Diffs (consecutive pairs) written.
    pub diffs: usize,
    /// Links written: one per added or deleted sentence, one per pair of linked old and
    /// new sentences of every other op.
    pub links: usize,
    /// What could not be read, each skipped.
    pub problems: Vec<Problem>,
    /// Wall time, in seconds.
    pub elapsed_s: f64,
}

/// What stops an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output's extension names no format.
    #[error("{0}: give an output ending in .jsonl, .db or .sqlite")]
    UnknownTarget(String),
    /// A configuration file that cannot be used.
    #[error(transparent)]
    Config(CheckError),
    /// The output could not be written.
    #[error("{path}: cannot write: {message}")]
    Write {
        /// The output file.
        path: String,
        /// Why.
        message: String,
    },
}

/// One article as a worker made it, ready for the writer.
struct Made {
    /// How the archive names it.
    name: String,
    log: ChangeLog,
    /// The change log as a JSON line, when the target is JSON Lines: written by the
    /// worker, so the one writing thread only writes.
    line: Option<String>,
    problems: Vec<Problem>,
}

/// What a writer does with each article, in reading order.
trait Sink {
    fn article(&mut self, made: &Made) -> Result<usize, String>;
    fn finish(&mut self) -> Result<(), String>;
}

/// Exports every article of `paths` to `target`, telling `progress`, if any, how far it
/// got (as a check's totals: articles, versions, problems).
///
/// # Errors
/// A configuration that cannot be used, before anything is written; the output failing
/// to be created or written, which stops the run.
pub fn run(
    paths: &[PathBuf],
    target: &Target,
    opts: &Options,
    progress: Option<&dyn Progress>,
) -> Result<Summary, ExportError> {
    let configs = load_configs(paths, opts.config.as_deref()).map_err(ExportError::Config)?;
    let failed = |message: String| ExportError::Write {
        path: target.path().display().to_string(),
        message,
    };
    let mut sink: Box<dyn Sink> = match target {
        Target::JsonLines(p) => Box::new(JsonLines::create(p).map_err(failed)?),
        Target::Sqlite(p) => Box::new(sqlite::Writer::create(p).map_err(failed)?),
    };
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut totals = check::Summary::default();
    let json = matches!(target, Target::JsonLines(_));
    let work = |unit: &Unit| make(unit, configs[unit.root].as_ref(), &opts.overrides, json);
    let ran = pipeline::run(paths, pipeline::jobs(opts.jobs), &work, &mut |done| {
        match done {
            Done::Unit(Ok(mut made)) => {
                summary.links += sink.article(&made)?;
                summary.articles += 1;
                summary.revisions += made.log.revisions.len();
                summary.diffs += made.log.diffs.len();
                summary.problems.append(&mut made.problems);
            }
            Done::Unit(Err(p)) | Done::Problem(p) => summary.problems.push(p),
            Done::Panicked { name, message } => summary.problems.push(Problem::new(
                name,
                format!("internal error while exporting (please report it): {message}"),
            )),
        }
        if let Some(p) = progress {
            totals.articles = summary.articles;
            totals.versions = summary.revisions;
            totals.problems = summary.problems.len();
            p.update(&totals, started.elapsed());
        }
        Ok(())
    });
    if let Some(p) = progress {
        p.finish();
    }
    ran.map_err(failed)?;
    sink.finish().map_err(failed)?;
    summary.elapsed_s = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Loads one article, sets its boilerplate aside as its settings say, and builds its
/// change log of consecutive pairs.
fn make(
    unit: &Unit,
    config: Option<&ConfigFile>,
    flags: &[Override],
    json: bool,
) -> Result<Made, Problem> {
    let mut loaded = unit.load()?;
    let source = article_source(&loaded.article.meta);
    let rules = RuleSet::resolve(config, flags, source.as_deref());
    rules.boilerplate.set_aside(&mut loaded.article);
    let log = ChangeLog::consecutive_of(loaded.article, loaded.warnings);
    let line = match json {
        // C1 controls escaped, as in every JSON newsdiff writes (`render::json`).
        true => Some(escape_c1_controls(
            serde_json::to_string(&log).map_err(|e| Problem::new(&unit.name, e.to_string()))?,
        )),
        false => None,
    };
    Ok(Made {
        name: unit.name.clone(),
        log,
        line,
        problems: loaded.problems,
    })
}

/// The links of a change log's ops, as the SQLite `links` table counts them.
fn link_count(log: &ChangeLog) -> usize {
    log.diffs
        .iter()
        .flat_map(|d| &d.ops)
        .map(|op| (op.old.len().max(1)) * (op.new.len().max(1)))
        .sum()
}

/// JSON Lines: one compact change log per line.
struct JsonLines {
    out: BufWriter<std::fs::File>,
}

impl JsonLines {
    fn create(path: &Path) -> Result<JsonLines, String> {
        let file = std::fs::File::create(path).map_err(|e| e.to_string())?;
        Ok(JsonLines {
            out: BufWriter::new(file),
        })
    }
}

impl Sink for JsonLines {
    fn article(&mut self, made: &Made) -> Result<usize, String> {
        let line = made.line.as_deref().unwrap_or_default();
        writeln!(self.out, "{line}").map_err(|e| e.to_string())?;
        Ok(link_count(&made.log))
    }

    fn finish(&mut self) -> Result<(), String> {
        self.out.flush().map_err(|e| e.to_string())
    }
}
