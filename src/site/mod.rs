//! `newsdiff report`: a static site of an archive. An index of its articles, sortable by
//! how much and how often they changed ([`index`]); the HTML changelog page of each
//! article, in `articles/`; and an Atom feed of the changes, newest first ([`atom`]).
//!
//! Articles stream through one at a time (as `check` reads them); only a small index
//! entry per article and per change is kept for the index and the feed.

mod atom;
mod index;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::archive::{self, Item, Problem};
use crate::changelog::ChangeLog;
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
}

/// What stops a site from being built.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// Nothing could be read (an unmounted disk, say); `problems` says why.
    #[error("no article could be read; the site was left as it was")]
    NothingRead { problems: Vec<Problem> },
    /// A file or directory of the site could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Builds the site for `paths` (anything `check` reads) into `out`.
pub fn build(paths: &[PathBuf], out: &Path) -> Result<Summary, SiteError> {
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text).map_err(|source| SiteError::Write {
            path: path.display().to_string(),
            source,
        })
    };
    let pages = out.join("articles");
    std::fs::create_dir_all(&pages).map_err(|source| SiteError::Write {
        path: pages.display().to_string(),
        source,
    })?;
    let mut summary = Summary::default();
    let mut index: Vec<index::Entry> = Vec::new();
    let mut feed: Vec<atom::Entry> = Vec::new();
    let mut slugs: HashSet<String> = HashSet::new();
    let mut failed: Option<SiteError> = None;
    archive::read_all(paths, &mut |item| {
        let unit = match item {
            Item::Problem(p) => {
                summary.problems.push(p);
                return true;
            }
            Item::Unit(u) => u,
        };
        let loaded = match unit.load() {
            Ok(l) => l,
            Err(p) => {
                summary.problems.push(p);
                return true;
            }
        };
        summary.problems.extend(loaded.problems);
        let log = ChangeLog::consecutive(&loaded.article, loaded.warnings);
        // Named within the archive it came from, not by where the archive lies.
        let root = paths[unit.root].display().to_string();
        let within = unit.name.strip_prefix(&root).unwrap_or(&unit.name);
        let slug = unique_slug(within, &mut slugs);
        let page = format!("articles/{slug}.html");
        if let Err(e) = write(
            &out.join(&page),
            &html::render(&log, &html::Options::default()),
        ) {
            failed = Some(e);
            return false;
        }
        let title = log
            .article
            .title
            .clone()
            .or_else(|| log.revisions.last().and_then(|r| r.title.clone()))
            .unwrap_or_else(|| unit.name.clone());
        let mut classes: Vec<String> = Vec::new();
        for (d, id) in log.diffs.iter().zip(html::diff_ids(&log)) {
            for c in &d.classes {
                let name = c.class.name().to_string();
                if !classes.contains(&name) {
                    classes.push(name);
                }
            }
            let time = log
                .revisions
                .iter()
                .find(|r| r.version == Some(d.to))
                .and_then(|r| r.created);
            let mut s = stat_parts(&d.stats).join("  ");
            let cls: Vec<String> = d
                .classes
                .iter()
                .map(|c| class_item(c, &|t| t.to_string()))
                .collect();
            if !cls.is_empty() {
                s.push_str(&format!(" · {}", cls.join(", ")));
            }
            feed.push(atom::Entry {
                id: format!("urn:newsdiff:{slug}:{}:{}", d.from, d.to),
                title: format!("{title}: version {} → {}", d.from, d.to),
                link: format!("{page}#{id}"),
                time,
                summary: if s.is_empty() {
                    "no change in the text".into()
                } else {
                    s
                },
            });
        }
        index.push(index::Entry {
            page,
            title,
            source: log.article.source.clone().unwrap_or_default(),
            versions: log.revisions.len(),
            changes: log
                .diffs
                .iter()
                .map(|d| {
                    let s = &d.stats;
                    s.added + s.deleted + s.edited + s.merged + s.split + s.moved
                })
                .sum(),
            weight: log.diffs.iter().map(|d| d.stats.changed_share).sum(),
            last: log.revisions.iter().filter_map(|r| r.created).max(),
            classes,
        });
        summary.articles += 1;
        summary.changes += log.diffs.len();
        true
    });
    if let Some(e) = failed {
        return Err(e);
    }
    // Before the index and feed are written: a run over an archive that is not there (an
    // unmounted disk) must not replace a published site with an empty one.
    if summary.articles == 0 {
        return Err(SiteError::NothingRead {
            problems: summary.problems,
        });
    }
    write(&out.join("index.html"), &index::page(index, &summary))?;
    write(&out.join("feed.xml"), &atom::feed(feed))?;
    Ok(summary)
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
