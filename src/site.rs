//! `newsdiff report`: a static site of an archive. An index of its articles, sortable by
//! how much and how often they changed; the HTML changelog page of each article; and an
//! Atom feed of the changes, newest first.
//!
//! Articles stream through one at a time (as `check` reads them); only a small index
//! entry per article and per change is kept for the index and the feed.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use crate::archive::{self, Item, Problem};
use crate::changelog::ChangeLog;
use crate::render::html::{self, escape};
use crate::render::view::{class_item, stat_parts};
use crate::xml;

/// Changes listed in the feed at most.
const FEED_ENTRIES: usize = 200;

/// What building the site did.
#[derive(Debug, Default)]
pub struct Summary {
    pub articles: usize,
    pub changes: usize,
    /// Articles or archives that could not be read; the rest of the site is built.
    pub problems: Vec<Problem>,
}

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("no article could be read; the site was left as it was")]
    NothingRead { problems: Vec<Problem> },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// One article in the index.
struct Entry {
    page: String,
    title: String,
    source: String,
    versions: usize,
    /// Sentences added, deleted, edited, merged, split or moved, over all revisions.
    changes: usize,
    /// Share of words changed, summed over revisions (1.0 = one full rewrite).
    weight: f64,
    last: Option<DateTime<FixedOffset>>,
    classes: Vec<String>,
}

/// One change in the feed.
struct FeedEntry {
    id: String,
    title: String,
    link: String,
    time: Option<DateTime<FixedOffset>>,
    summary: String,
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
    let mut index: Vec<Entry> = Vec::new();
    let mut feed: Vec<FeedEntry> = Vec::new();
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
            feed.push(FeedEntry {
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
        index.push(Entry {
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
    index.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.title.cmp(&b.title)));
    write(&out.join("index.html"), &index_page(&index, &summary))?;
    feed.sort_by(|a, b| b.time.cmp(&a.time).then(a.id.cmp(&b.id)));
    feed.truncate(FEED_ENTRIES);
    write(&out.join("feed.xml"), &atom(&feed))?;
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

fn index_page(index: &[Entry], summary: &Summary) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <title>Article changes</title>\n<link rel=\"alternate\" type=\"application/atom+xml\" \
         href=\"feed.xml\" title=\"Changes\">\n<style>\n",
    );
    out.push_str(INDEX_CSS);
    out.push_str("</style>\n</head>\n<body>\n<h1>Article changes</h1>\n");
    let _ = writeln!(
        out,
        "<p>{} articles, {} changes. <a href=\"feed.xml\">Atom feed</a>. Sorted by weight of \
         change (share of words changed, summed over revisions); click a column to sort by \
         it.</p>",
        summary.articles, summary.changes
    );
    if !summary.problems.is_empty() {
        out.push_str("<details><summary>Could not be read</summary><ul>");
        for p in &summary.problems {
            let _ = write!(out, "<li>{}</li>", escape(&p.to_string()));
        }
        out.push_str("</ul></details>\n");
    }
    out.push_str(
        "<table id=\"articles\">\n<thead><tr><th scope=\"col\">Article</th>\
         <th scope=\"col\">Source</th><th scope=\"col\" data-num>Versions</th>\
         <th scope=\"col\" data-num>Changes</th><th scope=\"col\" data-num>Weight</th>\
         <th scope=\"col\">Last version</th><th scope=\"col\">Classes</th></tr></thead>\n<tbody>\n",
    );
    for e in index {
        let last = e
            .last
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td data-v=\"{}\">{}</td>\
             <td data-v=\"{}\">{}</td><td data-v=\"{:.3}\">{:.0}%</td><td>{}</td><td>{}</td></tr>",
            escape(&e.page),
            escape(&e.title),
            escape(&e.source),
            e.versions,
            e.versions,
            e.changes,
            e.changes,
            e.weight,
            e.weight * 100.0,
            escape(&last),
            escape(&e.classes.join(", "))
        );
    }
    out.push_str("</tbody>\n</table>\n<script>\n");
    out.push_str(INDEX_SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

const INDEX_CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:70rem;\
padding:0 1rem;color:#1a1a1a;background:#fff}table{border-collapse:collapse;width:100%}\
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}\
th{cursor:pointer;white-space:nowrap}td[data-v]{text-align:right}a{color:#0645ad}\
@media (prefers-color-scheme:dark){body{background:#121212;color:#e6e6e6}a{color:#8ab4f8}\
th,td{border-color:#333}}@media (max-width:40rem){td:nth-child(2),th:nth-child(2),\
td:nth-child(7),th:nth-child(7){display:none}}\n";

/// Sorts the table by the clicked column; the page reads fine without it.
const INDEX_SCRIPT: &str = "document.querySelectorAll('#articles th').forEach(function(th,i){\
th.addEventListener('click',function(){var tb=document.querySelector('#articles tbody');\
var rows=Array.prototype.slice.call(tb.rows);var num=th.hasAttribute('data-num');\
var dir=th.dataset.dir==='d'?'a':'d';th.dataset.dir=dir;rows.sort(function(a,b){\
var x=a.cells[i],y=b.cells[i];var c=num?parseFloat(x.dataset.v)-parseFloat(y.dataset.v):\
x.textContent.localeCompare(y.textContent);return dir==='d'?-c:c;});\
rows.forEach(function(r){tb.appendChild(r);});});});\n";

fn atom(feed: &[FeedEntry]) -> String {
    let now = Utc::now().fixed_offset();
    let updated = feed.iter().filter_map(|e| e.time).max().unwrap_or(now);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str("<title>Article changes</title>\n<id>urn:newsdiff:feed</id>\n");
    out.push_str("<link href=\"index.html\"/>\n");
    let _ = writeln!(out, "<updated>{}</updated>", updated.to_rfc3339());
    out.push_str("<author><name>newsdiff</name></author>\n");
    for e in feed {
        let _ = writeln!(
            out,
            "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{}</updated>\
             <summary>{}</summary></entry>",
            xml::escape(&e.title),
            xml::escape(&e.id),
            xml::escape(&e.link),
            e.time.unwrap_or(updated).to_rfc3339(),
            xml::escape(&e.summary)
        );
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_stays_well_formed_xml_whatever_the_titles_hold() {
        let feed = atom(&[FeedEntry {
            id: "urn:x".into(),
            title: "A \u{1}bell & <b>".into(),
            link: "articles/a.html#v0-v1".into(),
            time: None,
            summary: "+1 added".into(),
        }]);
        assert!(
            feed.contains("<title>A bell &amp; &lt;b&gt;</title>"),
            "{feed}"
        );
        assert!(!feed.contains('\u{1}'));
    }

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
