//! `newsdiff report`: a static site of an archive. An index of its articles, sortable by
//! how much and how often they changed ([`index`]); the HTML changelog page of each
//! article, in `articles/`; and an Atom feed of the changes, newest first ([`atom`]).
//!
//! Articles are rendered in parallel by the archive [`pipeline`] and named and written in
//! reading order; only a small index entry per article and per change is kept for the
//! index and the feed.

mod atom;
mod index;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::archive::pipeline::{self, Done};
use crate::archive::{Problem, Unit};
use crate::changelog::ChangeLog;
use crate::check::rules::{ConfigFile, Override, RuleSet};
use crate::check::{CheckError, article_source, load_configs};
use crate::render::html;
use crate::render::view::{class_item, stat_parts};

/// What building the site did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Articles given a page.
    pub articles: usize,
    /// Pairs of versions compared, over all articles.
    pub changes: usize,
    /// Articles or archives that could not be read; the rest of the site is built.
    pub problems: Vec<Problem>,
    /// Boilerplate paragraphs set aside before the comparison, over all articles.
    pub set_aside: usize,
    /// Changes left out of the feed and the index counts: typography only (when ignored)
    /// or below the minimum change. Their pages still show them.
    pub skipped: usize,
}

/// How to build a site: the settings of `check` that apply to it (`ignore`,
/// `min-changed-words`, `min-changed-percent`), from each archive's `newsdiff.toml` or
/// the one given, and from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A configuration file for every path, instead of each archive's `newsdiff.toml`.
    pub config: Option<PathBuf>,
    /// Settings from the command line; they win over the files.
    pub overrides: Vec<Override>,
}

/// What stops a site from being built.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// Nothing could be read (an unmounted disk, say); `problems` says why.
    #[error("no article could be read; the site was left as it was")]
    NothingRead {
        /// Everything that could not be read.
        problems: Vec<Problem>,
    },
    /// A configuration file could not be read or is wrong.
    #[error(transparent)]
    Config(CheckError),
    /// The output directory holds files that `newsdiff report` did not make: writing the
    /// site there (and removing stale pages) could destroy someone's work.
    #[error(
        "{path}: the directory is not empty and was not made by newsdiff report; give an \
         empty or new directory, or one an earlier report wrote"
    )]
    NotASite {
        /// The output directory.
        path: String,
    },
    /// A file or directory of the site could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file or directory.
        path: String,
        /// Why it could not be written.
        source: std::io::Error,
    },
}

/// One article as a worker rendered it, before it is named: names are given in reading
/// order, so that one given twice gets the same suffix whatever the threads do.
struct Rendered {
    /// The article's name within its archive, which its page is named after.
    within: String,
    /// Its changelog page.
    html: String,
    /// What could not be read of it (a version with a bad time, say).
    problems: Vec<Problem>,
    /// Its row of the index, but for the page, which is not yet named.
    entry: index::Entry,
    changes: Vec<Change>,
    set_aside: usize,
    skipped: usize,
}

/// One pair of versions of an article, for the feed.
struct Change {
    from: u64,
    to: u64,
    /// The change's anchor on the article's page.
    anchor: String,
    time: Option<DateTime<FixedOffset>>,
    summary: String,
}

/// Builds the site for `paths` (anything `check` reads) into `out`: `index.html`,
/// `feed.xml`, and a page per article in `articles/`.
///
/// # Errors
/// [`SiteError::NothingRead`] when no article could be read, before the index and the
/// feed are written; [`SiteError::Write`] when a file cannot be written;
/// [`SiteError::Config`] when a `newsdiff.toml` cannot be read, before anything is.
pub fn build(paths: &[PathBuf], out: &Path, opts: &Options) -> Result<Summary, SiteError> {
    let configs = load_configs(paths, opts.config.as_deref()).map_err(SiteError::Config)?;
    claim(out)?;
    let pages = out.join("articles");
    std::fs::create_dir_all(&pages).map_err(|source| SiteError::Write {
        path: pages.display().to_string(),
        source,
    })?;
    let mut summary = Summary::default();
    let mut entries: Vec<index::Entry> = Vec::new();
    let mut feed: Vec<atom::Entry> = Vec::new();
    let mut slugs: HashSet<String> = HashSet::new();
    let work = |unit: &Unit| render(unit, paths, configs[unit.root].as_ref(), &opts.overrides);
    pipeline::run(paths, pipeline::jobs(0), &work, &mut |done| {
        let mut r = match done {
            Done::Unit(Ok(r)) => r,
            Done::Unit(Err(p)) | Done::Problem(p) => {
                summary.problems.push(p);
                return Ok(());
            }
            Done::Panicked { name, message } => {
                let what = format!("internal error while rendering (please report it): {message}");
                summary.problems.push(Problem::new(name, what));
                return Ok(());
            }
        };
        summary.problems.append(&mut r.problems);
        summary.set_aside += r.set_aside;
        summary.skipped += r.skipped;
        let slug = unique_slug(&r.within, &mut slugs);
        r.entry.page = format!("articles/{slug}.html");
        write(&out.join(&r.entry.page), &r.html)?;
        summary.articles += 1;
        summary.changes += r.changes.len();
        feed.extend(r.changes.into_iter().map(|c| atom::Entry {
            id: format!("urn:newsdiff:{slug}:{}:{}", c.from, c.to),
            title: format!("{}: version {} → {}", r.entry.title, c.from, c.to),
            link: format!("{}#{}", r.entry.page, c.anchor),
            time: c.time,
            summary: c.summary,
        }));
        entries.push(r.entry);
        Ok(())
    })?;
    // Before the index and feed are written: a run over an archive that is not there (an
    // unmounted disk) must not replace a published site with an empty one.
    if summary.articles == 0 {
        return Err(SiteError::NothingRead {
            problems: summary.problems,
        });
    }
    write(&out.join("index.html"), &index::page(entries, &summary))?;
    write(&out.join("feed.xml"), &atom::feed(feed))?;
    write(&out.join(MARKER), MARKER_TEXT)?;
    remove_stale_pages(&pages, &slugs)?;
    Ok(summary)
}

/// The file that marks a directory as a site `newsdiff report` wrote, so a later run may
/// rewrite it and remove its stale pages.
const MARKER: &str = ".newsdiff-site";
const MARKER_TEXT: &str = "This directory is a site written by `newsdiff report`; a later \
    report may rewrite it and remove pages of articles no longer in the archive.\n";

/// Checks that `out` is new, empty, or a site an earlier report wrote.
fn claim(out: &Path) -> Result<(), SiteError> {
    let Ok(mut entries) = std::fs::read_dir(out) else {
        return Ok(()); // Missing: created below; not a directory: the write says so.
    };
    if out.join(MARKER).is_file() || entries.next().is_none() {
        return Ok(());
    }
    Err(SiteError::NotASite {
        path: out.display().to_string(),
    })
}

/// Removes the article pages of an earlier run whose article is no longer in the
/// archive: a page is stale when its name is not one of this run's `slugs`.
fn remove_stale_pages(pages: &Path, slugs: &HashSet<String>) -> Result<(), SiteError> {
    let failed = |source| SiteError::Write {
        path: pages.display().to_string(),
        source,
    };
    for entry in std::fs::read_dir(pages).map_err(failed)? {
        let path = entry.map_err(failed)?.path();
        let stale = path.extension().is_some_and(|e| e == "html")
            && path
                .file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| !slugs.contains(s));
        if stale {
            std::fs::remove_file(&path).map_err(|source| SiteError::Write {
                path: path.display().to_string(),
                source,
            })?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), SiteError> {
    std::fs::write(path, text).map_err(|source| SiteError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// Loads an article of the run over `paths`, sets its boilerplate aside, and renders its
/// page and its index entry; the changes the settings skip stay on the page but leave
/// the index counts and the feed.
fn render(
    unit: &Unit,
    paths: &[PathBuf],
    config: Option<&ConfigFile>,
    flags: &[Override],
) -> Result<Rendered, Problem> {
    let mut loaded = unit.load()?;
    let source = article_source(&loaded.article.meta);
    let rules = RuleSet::resolve(config, flags, source.as_deref());
    let set_aside = rules.boilerplate.set_aside(&mut loaded.article);
    let log = ChangeLog::consecutive_of(loaded.article, loaded.warnings);
    let counted: Vec<bool> = log.diffs.iter().map(|d| rules.skips(d).is_none()).collect();
    let skipped = counted.iter().filter(|c| !**c).count();
    // Named within the archive it came from, not by where the archive lies.
    let root = paths[unit.root].display().to_string();
    let within = unit.name.strip_prefix(&root).unwrap_or(&unit.name);
    let title = log
        .article
        .title
        .clone()
        .or_else(|| log.revisions.last().and_then(|r| r.title.clone()))
        .unwrap_or_else(|| unit.name.clone());
    let entry = index::Entry {
        page: String::new(),
        title,
        source: log.article.source.clone().unwrap_or_default(),
        versions: log.revisions.len(),
        changes: log
            .diffs
            .iter()
            .zip(&counted)
            .filter(|(_, counted)| **counted)
            .map(|(d, _)| {
                let s = &d.stats;
                s.added + s.deleted + s.linked_changes() + s.moved
            })
            .sum(),
        weight: log
            .diffs
            .iter()
            .zip(&counted)
            .filter(|(_, counted)| **counted)
            .map(|(d, _)| d.stats.changed_share)
            .sum(),
        last: log.revisions.iter().filter_map(|r| r.created).max(),
        classes: classes(&log, &counted),
    };
    Ok(Rendered {
        within: within.to_string(),
        html: html::render(&log, &html::Options::default()),
        problems: loaded.problems,
        entry,
        changes: changes(&log)
            .into_iter()
            .zip(counted)
            .filter_map(|(c, counted)| counted.then_some(c))
            .collect(),
        set_aside,
        skipped,
    })
}

/// The names of the change classes of an article's counted diffs, each once, in order of
/// appearance.
fn classes(log: &ChangeLog, counted: &[bool]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let kept = log.diffs.iter().zip(counted).filter(|(_, c)| **c);
    for c in kept.flat_map(|(d, _)| &d.classes) {
        let name = c.class.name().to_string();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Each pair of versions of an article, with its counts and classes in a line.
fn changes(log: &ChangeLog) -> Vec<Change> {
    log.diffs
        .iter()
        .zip(html::diff_ids(log))
        .map(|(d, anchor)| {
            let time = log.pair(d).1.created;
            let mut s = stat_parts(&d.stats).join("  ");
            let cls: Vec<String> = d
                .classes
                .iter()
                .map(|c| class_item(c, &|t| t.to_string()))
                .collect();
            if !cls.is_empty() {
                s.push_str(&format!(" · {}", cls.join(", ")));
            }
            Change {
                from: d.from,
                to: d.to,
                anchor,
                time,
                summary: if s.is_empty() {
                    "no change in the text".into()
                } else {
                    s
                },
            }
        })
        .collect()
}

/// A file name for an article: its name's letters and digits, made unique.
fn unique_slug(name: &str, taken: &mut HashSet<String>) -> String {
    let mut base: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if base.len() > 80 {
        base = base[base.len() - 80..].trim_start_matches('-').to_string();
    }
    if base.is_empty() {
        base = "article".into();
    }
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(
            unique_slug("news/A Story.json", &mut taken),
            "news-a-story-json"
        );
        assert_eq!(
            unique_slug("news/a story.json", &mut taken),
            "news-a-story-json-2"
        );
        assert_eq!(unique_slug("../../etc/passwd", &mut taken), "etc-passwd");
        assert_eq!(unique_slug("«»", &mut taken), "article");
    }
}
