//! NewsDiffs files: one version of an article as the NewsDiffs tracker stores it in its git
//! archive (`date + "\n" + title + "\n" + byline + "\n\n" + body`).
//!
//! ```text
//! June 5, 2018
//! Greece and Neighbor Near Deal on Name
//! By JANE ROE
//!
//! ATHENS — Greece and its northern neighbor said on Tuesday that talks had made progress.
//! What happens next
//! A deal would need approval by both parliaments.
//! ```
//!
//! The headline becomes the revision's title (so a changed headline is a title change, not
//! a body edit); the date becomes `created` when it reads as a date ([`parse_date`];
//! a date alone is midnight UTC), and otherwise a warning that keeps it; the byline goes
//! to the article's metadata (`byline`). The body is one paragraph per non-blank line
//! (subheads are paragraphs of their own), kept byte for byte.
//!
//! Detection ([`sniff`]) is conservative, so ordinary text files are not caught: the first
//! line must be a date of at most 60 characters ([`is_date_like`]), the second a headline
//! (not blank, at most 300 characters, not itself a date or a byline), the third a byline
//! (`By `, in any case, and at most 200 characters) or blank, then a blank line, and a
//! body after it. `--from newsdiffs` reads a file this way whatever its first lines.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::Warning;
use crate::article::{Article, ArticleMeta, ParagraphInput, Revision};
use crate::{Error, InputProblem};

/// The longest date line detection accepts.
const MAX_DATE_CHARS: usize = 60;
/// The longest headline detection accepts.
const MAX_HEADLINE_CHARS: usize = 300;
/// The longest byline detection accepts.
const MAX_BYLINE_CHARS: usize = 200;

/// Month names and their abbreviations, lower case.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Date and time forms the date line is read in (after RFC 3339).
const DATE_TIMES: &[&str] = &[
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%B %d, %Y, %I:%M %p",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y, %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y at %I:%M %p",
    "%b. %d, %Y %I:%M %p",
];

/// Date forms the date line is read in.
const DATES: &[&str] = &[
    "%Y-%m-%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A, %B %d, %Y",
    "%A %d %B %Y",
    "%A, %d %B %Y",
    "%m/%d/%Y",
];

/// The date line as a time: RFC 3339, a date and time in one of [`DATE_TIMES`] (UTC), or a
/// date in one of [`DATES`] (midnight UTC), after an `Updated`, `Published` or `Posted`
/// in front. `None` when it is none of these.
pub fn parse_date(line: &str) -> Option<DateTime<FixedOffset>> {
    let mut s = line.trim();
    // "Updated June 5, 2018": the word before the date is no part of it.
    for prefix in ["last updated", "updated", "published", "posted"] {
        if s.len() > prefix.len()
            && s.is_char_boundary(prefix.len())
            && s[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            s = s[prefix.len()..].trim_start_matches([':', ' ']);
            break;
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    let utc = |n: NaiveDateTime| Utc.from_utc_datetime(&n).fixed_offset();
    DATE_TIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| {
            DATES
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
        .map(utc)
}

/// Whether a line looks like a date line: at most [`MAX_DATE_CHARS`] characters, and it
/// reads as a date ([`parse_date`]) or holds a year (1900–2099) and a month name, in at
/// most eight words (`Updated June 5, 2018 2:03 p.m. ET`).
pub fn is_date_like(line: &str) -> bool {
    let s = line.trim();
    if s.is_empty() || s.chars().count() > MAX_DATE_CHARS {
        return false;
    }
    if parse_date(s).is_some() {
        return true;
    }
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let year = words.iter().any(|w| {
        w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.parse::<u16>().is_ok()
    });
    let month = words.iter().any(|w| MONTHS.contains(&w.as_str()));
    year && month && s.split_whitespace().count() <= 8
}

/// `By …` (any case: NewsDiffs keeps `BY JANE ROE` as the site wrote it), short.
fn is_byline(line: &str) -> bool {
    let s = line.trim();
    s.len() > 3
        && s.is_char_boundary(3)
        && s[..3].eq_ignore_ascii_case("by ")
        && s.chars().count() <= MAX_BYLINE_CHARS
}

/// Whether a text is a NewsDiffs file (the rule is in the module docs).
pub fn sniff(text: &str) -> bool {
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let (Some(date), Some(headline), Some(byline), Some(gap)) =
        (lines.next(), lines.next(), lines.next(), lines.next())
    else {
        return false;
    };
    let headline_ok = !headline.trim().is_empty()
        && headline.chars().count() <= MAX_HEADLINE_CHARS
        && !is_date_like(headline)
        && !is_byline(headline);
    let byline_ok = is_byline(byline) || byline.trim().is_empty();
    is_date_like(date)
        && headline_ok
        && byline_ok
        && gap.trim().is_empty()
        && lines.any(|l| !l.trim().is_empty())
}

/// The three header lines and where the body starts.
struct Header<'a> {
    date: &'a str,
    headline: &'a str,
    byline: &'a str,
    body_start: usize,
}

/// Splits off the first three lines (missing ones are empty).
fn header(text: &str) -> Header<'_> {
    let mut rest = text;
    let mut take = || {
        let (line, after) = match rest.split_once('\n') {
            Some((l, a)) => (l, a),
            None => (rest, ""),
        };
        rest = after;
        line.trim()
    };
    let (date, headline, byline) = (take(), take(), take());
    Header {
        date,
        headline,
        byline,
        body_start: text.len() - rest.len(),
    }
}

/// The body as one paragraph per non-blank line, with the white space around them as
/// separators, so the revision's text is the body exactly.
fn body_revision(body: &str) -> Result<Revision, InputProblem> {
    let mut paragraphs = Vec::new();
    let mut separators = Vec::new();
    let mut gap_start = 0;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim();
        if !content.is_empty() {
            let start = pos + (line.len() - line.trim_start().len());
            separators.push(body[gap_start..start].to_string());
            paragraphs.push(ParagraphInput::Text(content.to_string()));
            gap_start = start + content.len();
        }
        pos += line.len();
    }
    separators.push(body[gap_start..].to_string());
    Revision::from_paragraphs(0, paragraphs, Some(separators))
}

/// Parses one NewsDiffs version (see the module docs).
pub fn parse(name: &str, text: &str) -> Result<(Article, Vec<Warning>), Error> {
    let text = text.trim_start_matches('\u{feff}');
    let h = header(text);
    if h.headline.is_empty() {
        return Err(Error::input(
            name,
            InputProblem::Format(
                "a NewsDiffs file has its headline on the second line, and it is blank".into(),
            ),
        ));
    }
    let mut rev = body_revision(&text[h.body_start..]).map_err(|p| Error::input(name, p))?;
    rev.title = Some(h.headline.to_string());
    rev.label = Some(name.to_string());
    let mut warnings = Vec::new();
    rev.created = parse_date(h.date);
    if rev.created.is_none() && !h.date.is_empty() {
        warnings.push(Warning {
            kind: "date".into(),
            at: Some(name.to_string()),
            message: format!(
                "the date line {:?} is not a date newsdiff reads; the version has no time",
                h.date
            ),
            chosen: None,
            runner_up: None,
            doubt: false,
        });
    }
    let mut meta = ArticleMeta::default();
    if !h.byline.is_empty() {
        meta.extra
            .insert("byline".into(), serde_json::Value::String(h.byline.into()));
    }
    Ok((
        Article {
            meta,
            revisions: vec![rev],
        },
        warnings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "June 5, 2018\nGreece and Neighbor Near Deal on Name\nBy JANE ROE\n\n\n\
        ATHENS \u{2014} Greece and its northern neighbor said on Tuesday that talks had made progress.\n\
        What happens next\nA deal would need approval by both parliaments.\n\n\n";

    #[test]
    fn the_header_is_title_time_and_byline_and_each_line_a_paragraph() {
        assert!(sniff(V1));
        let (a, warnings) = parse("v1.txt", V1).unwrap();
        assert!(warnings.is_empty());
        let r = &a.revisions[0];
        assert_eq!(
            r.title.as_deref(),
            Some("Greece and Neighbor Near Deal on Name")
        );
        assert_eq!(r.created.unwrap().to_rfc3339(), "2018-06-05T00:00:00+00:00");
        assert_eq!(a.meta.extra["byline"], "By JANE ROE");
        let paragraphs: Vec<&str> = r.paragraph_texts().collect();
        assert_eq!(paragraphs.len(), 3);
        assert_eq!(paragraphs[1], "What happens next");
        assert_eq!(r.text(), &V1[V1.find("ATHENS").unwrap() - 2..]);
    }

    #[test]
    fn other_newsdiffs_shapes() {
        // No byline (NewsDiffs writes an empty line), a date with a time, paragraphs
        // separated by blank lines, CRLF line ends.
        let no_byline = "2014-03-02 17:05:11\nA headline\n\n\nOne paragraph.\n\nTwo.\n";
        assert!(sniff(no_byline));
        let (a, _) = parse("x", no_byline).unwrap();
        assert!(a.meta.extra.is_empty());
        assert_eq!(a.revisions[0].paragraphs().len(), 2);
        assert_eq!(
            a.revisions[0].created.unwrap().to_rfc3339(),
            "2014-03-02T17:05:11+00:00"
        );
        let crlf = "Tuesday, June 5, 2018\r\nHeadline\r\nBy A. B. and C. D.\r\n\r\nBody.\r\n";
        assert!(sniff(crlf));
        let (a, _) = parse("x", crlf).unwrap();
        assert_eq!(a.revisions[0].title.as_deref(), Some("Headline"));
        assert_eq!(a.revisions[0].text(), "\r\nBody.\r\n");
        // "Updated", "BY", "at".
        let updated = "Updated June 5, 2018 at 2:03 PM\nHeadline\nBY JANE ROE\n\nBody.";
        assert!(sniff(updated));
        let (a, _) = parse("x", updated).unwrap();
        assert_eq!(
            a.revisions[0].created.unwrap().to_rfc3339(),
            "2018-06-05T14:03:00+00:00"
        );
        // A date line that is a date but not one newsdiff reads: kept in a warning.
        let odd = "Updated June 5, 2018 2:03 p.m. ET\nHeadline\nBy X\n\nBody.";
        assert!(sniff(odd));
        let (a, w) = parse("x", odd).unwrap();
        assert!(a.revisions[0].created.is_none());
        assert!(w[0].message.contains("Updated June 5"), "{w:?}");
    }

    #[test]
    fn ordinary_text_files_are_not_newsdiffs_files() {
        for text in [
            // A dateline paragraph, then the body.
            "June 5, 2018\n\nThe council met on Tuesday.\n\nIt voted.",
            // A date, then body lines one per line.
            "June 5, 2018\nThe council met on Tuesday.\nIt voted on the budget.\n\nMore.",
            // A headline and a byline, no date.
            "Council votes\nBy Jane Roe\n\nThe council met.",
            // A dateline that opens a sentence.
            "ATHENS, June 5, 2018 \u{2014} Greece and its neighbour said on Tuesday that talks \
             had made progress.\nHeadline\nBy X\n\nBody.",
            // The shape, but nothing after the header.
            "June 5, 2018\nHeadline\nBy X\n\n\n",
            // A year without a month, a month without a year.
            "2018\nHeadline\nBy X\n\nBody.",
            "May we all\nHeadline\nBy X\n\nBody.",
            // Two date lines.
            "June 5, 2018\nJune 6, 2018\nBy X\n\nBody.",
            "",
        ] {
            assert!(!sniff(text), "{text:?}");
        }
    }

    #[test]
    fn a_forced_read_of_a_file_without_the_header_is_an_error_or_a_reading() {
        assert!(parse("x", "just one line").is_err());
        let (a, w) = parse("x", "not a date\nHeadline\n").unwrap();
        assert_eq!(a.revisions[0].sentence_count(), 0);
        assert_eq!(w.len(), 1);
    }
}
