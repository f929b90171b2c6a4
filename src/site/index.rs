//! The index page of the site: one row per article, heaviest change first, sortable by
//! any column in the browser.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};

use super::Summary;
use crate::render::html::text;

/// One article in the index.
pub(super) struct Entry {
    /// The article's page, relative to the index (`articles/SLUG.html`).
    pub page: String,
    pub title: String,
    pub source: String,
    pub versions: usize,
    /// Sentences added, deleted, edited, merged, split or moved, over all revisions.
    pub changes: usize,
    /// Share of words changed, summed over revisions (1.0 = one full rewrite).
    pub weight: f64,
    pub last: Option<DateTime<FixedOffset>>,
    pub classes: Vec<String>,
}

/// The page's style, inlined: the page must stand alone and its policy allows no file.
const CSS: &str = include_str!("index.css");

/// Sorts the table by the clicked column; the page reads fine without it.
const SCRIPT: &str = include_str!("index.js");

/// The index page of `entries`, sorted by weight of change (then title), with the
/// totals and what could not be read from `summary`.
pub(super) fn page(mut entries: Vec<Entry>, summary: &Summary) -> String {
    entries.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.title.cmp(&b.title)));
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <title>Article changes</title>\n<link rel=\"alternate\" type=\"application/atom+xml\" \
         href=\"feed.xml\" title=\"Changes\">\n<style>\n",
    );
    out.push_str(CSS);
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
            let _ = write!(out, "<li>{}</li>", text(&p.to_string()));
        }
        out.push_str("</ul></details>\n");
    }
    out.push_str(
        "<table id=\"articles\">\n<thead><tr><th scope=\"col\">Article</th>\
         <th scope=\"col\">Source</th><th scope=\"col\" data-num>Versions</th>\
         <th scope=\"col\" data-num>Changes</th><th scope=\"col\" data-num>Weight</th>\
         <th scope=\"col\">Last version</th><th scope=\"col\">Classes</th></tr></thead>\n<tbody>\n",
    );
    for e in &entries {
        row(&mut out, e);
    }
    out.push_str("</tbody>\n</table>\n<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// One row of the table; numeric cells carry their value in `data-v` for the sorter.
fn row(out: &mut String, e: &Entry) {
    let last = e
        .last
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td data-v=\"{}\">{}</td>\
         <td data-v=\"{}\">{}</td><td data-v=\"{:.3}\">{:.0}%</td><td>{}</td><td>{}</td></tr>",
        text(&e.page),
        text(&e.title),
        text(&e.source),
        e.versions,
        e.versions,
        e.changes,
        e.changes,
        e.weight,
        e.weight * 100.0,
        text(&last),
        text(&e.classes.join(", "))
    );
}
