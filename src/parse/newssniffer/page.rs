//! Renders a News Sniffer diff page's text scrape from two versions, exactly as the page
//! model says the site built it (`docs/newssniffer.md`). It is the parser's inverse: tests
//! use it to check that a rendered page parses back to the same versions, and the corpus
//! tools use it to measure the parser on real version pairs.

use chrono::{DateTime, FixedOffset};

use crate::text::duration::in_words as distance_in_words;
pub use crate::text::normalize::collapse;

/// How the scrape was taken, and what the header says.
#[derive(Debug, Clone)]
pub struct PageSpec {
    pub source: String,
    pub url: String,
    /// `The article has changed N times`.
    pub versions_stored: u64,
    pub old_version: u64,
    pub new_version: u64,
    pub old_title: String,
    pub new_title: String,
    /// Times of the two versions; the period row is derived from them. Without them
    /// (`None`) the row shows `period` alone, as a scraper that dropped `<time>` does.
    pub times: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    /// The period words when `times` is `None` (e.g. `about 4 hours`).
    pub period: String,
    /// A `Previous version ... Next version` line before and after the table.
    pub pagination: bool,
    pub crlf: bool,
    pub final_newline: bool,
    /// Collapse white space, as most scrapes do; without it the new cell's words are
    /// two spaces apart.
    pub collapse: bool,
}

impl Default for PageSpec {
    fn default() -> Self {
        PageSpec {
            source: "nytimes".into(),
            url: "http://www.example.com/article".into(),
            versions_stored: 2,
            old_version: 0,
            new_version: 1,
            old_title: "Title".into(),
            new_title: "Title".into(),
            times: None,
            period: "about 1 hour".into(),
            pagination: false,
            crlf: false,
            final_newline: true,
            collapse: true,
        }
    }
}

pub use super::rows::{Role, body_rows, body_rows_with_roles};

/// The whole page scrape.
pub fn render(spec: &PageSpec, old: &[String], new: &[String]) -> String {
    let mut lines: Vec<String> = vec![
        format!(
            "This article is from the source '{}' and was first published or seen on . \
             It last changed over 40 days ago and won't be checked again for changes.",
            spec.source
        ),
        String::new(),
        format!(
            "You can find the current article at its original source at {}",
            spec.url
        ),
        String::new(),
        format!(
            "The article has changed {} times. There is an RSS feed of changes available.",
            spec.versions_stored
        ),
        String::new(),
    ];
    let pagination = || {
        let mut l = "Previous version".to_string();
        for v in 1..=spec.versions_stored.saturating_sub(1).min(12) {
            l.push_str(&format!(" {v}"));
        }
        l + " Next version"
    };
    if spec.pagination {
        lines.push(pagination());
    }
    lines.push(format!(
        "Version {} Version {}",
        spec.old_version, spec.new_version
    ));
    lines.push(format!(
        "{} {}",
        collapse(&spec.old_title),
        collapse(&spec.new_title)
    ));
    lines.push(match spec.times {
        Some((a, b)) => {
            let secs = (b - a).num_seconds();
            let dir = if secs < 0 { "earlier" } else { "later" };
            format!(
                "{} {} ({} {dir})",
                a.format("%Y-%m-%d %H:%M:%S UTC"),
                b.format("%Y-%m-%d %H:%M:%S UTC"),
                distance_in_words(secs.abs())
            )
        }
        None => format!("({} later)", spec.period),
    });
    lines.extend(body_rows(old, new, spec.collapse));
    if spec.pagination {
        lines.push(pagination());
    }
    let eol = if spec.crlf { "\r\n" } else { "\n" };
    let mut out = lines.join(eol);
    if spec.final_newline {
        out.push_str(eol);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn gap_rows_pair_first_then_surplus() {
        let rows = body_rows(
            &v(&["A.", "B.", "C.", "D."]),
            &v(&["A.", "X.", "Y.", "Z.", "D."]),
            true,
        );
        assert_eq!(rows, ["A.A.", "B. X.", "C. Y.", "Z.", "D.D."]);
    }
}
