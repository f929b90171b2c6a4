//! News Sniffer diff pages, as text scrapes (`docs/newssniffer.md` has the page model).
//!
//! A scrape interleaves two versions row by row and nothing marks which words belong to
//! which. This module reads the header and splits the file into pages; [`body`] decides,
//! for each row, which version it belongs to and where changed rows split, weighing all
//! the evidence the page model gives, and says how sure it is; [`page`] renders pages the
//! way the site did, for tests and measurement.

pub mod body;
// The page renderer makes scrapes from versions, for the corpus tool, the benchmarks and
// the tests; the reader needs only the body rows it renders (`rows`).
#[cfg(any(test, feature = "dev"))]
pub mod page;
mod rows;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::article::{Article, ArticleMeta, ParagraphInput, Revision};
use crate::{Error, InputProblem, Warning};

const SOURCE_PREFIX: &str = "This article is from the source '";
const URL_PREFIX: &str = "You can find the current article at its original source at ";
const CHANGED_PREFIX: &str = "The article has changed ";

/// Whether a text starts like a News Sniffer page scrape.
pub fn sniff(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            l.trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with(SOURCE_PREFIX)
        })
}

/// One line of the input, with its 1-based line number.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub number: usize,
    pub text: String,
}

/// The period row's `(about 4 hours later)`: the words and what they roughly mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub text: String,
    /// The duration the words stand for, in seconds (the middle of the range they cover);
    /// negative when the page says `earlier`.
    pub approx_seconds: i64,
}

/// What one page's header and table head say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageInfo {
    /// Line number of the page's first line.
    pub line: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<DateTime<FixedOffset>>,
    /// The sentence on when the article is checked next, as the page says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_check: Option<DateTime<FixedOffset>>,
    /// Stored versions, version 0 included (`The article has changed N times`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub versions_stored: Option<u64>,
    pub old_version: u64,
    pub new_version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_time: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_time: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

/// A page: its header facts, its title row and its body rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub info: PageInfo,
    pub title_row: Option<Line>,
    pub rows: Vec<Line>,
}

/// Parses a scrape into an article. A text with no page header at all (a bare body, read
/// with `--from newssniffer`) is one page of versions 0 and 1 with no title row.
pub fn parse(name: &str, text: &str) -> Result<(Article, Vec<Warning>), Error> {
    parse_with(name, text, &body::Weights::default())
}

/// [`parse`] with other evidence weights (for fitting them).
pub fn parse_with(
    name: &str,
    text: &str,
    weights: &body::Weights,
) -> Result<(Article, Vec<Warning>), Error> {
    let s = split_with(name, text, weights, 0)?;
    Ok((s.article, s.warnings))
}

/// A scrape read with its next-best readings.
#[derive(Debug, Clone)]
#[cfg_attr(not(feature = "dev"), allow(dead_code))]
pub struct Split {
    /// The chosen reading, as [`parse`] gives it.
    pub article: Article,
    pub warnings: Vec<Warning>,
    /// The chosen reading's score: the sum of its evidence in log-odds-like units
    /// (`body::Weights`); only differences between readings of one file mean anything.
    pub score: f32,
    /// The next-best whole readings, best first; each renders back to the scrape.
    pub alternatives: Vec<Alternative>,
}

/// Another whole reading of a scrape.
#[derive(Debug, Clone)]
pub struct Alternative {
    /// Its score, in the units of [`Split::score`] (never above it).
    pub score: f32,
    /// The reading, as an article of the scrape's versions.
    pub article: Article,
}

/// Reads a scrape with up to `alternatives` next-best whole readings (each differs
/// from the chosen one in one page's reading; the other pages keep their choice).
pub fn split_with(
    name: &str,
    text: &str,
    weights: &body::Weights,
    alternatives: usize,
) -> Result<Split, Error> {
    let fail = |m: String| Error::input(name, InputProblem::Format(m));
    let mut warnings = Vec::new();
    let mut pages = split_pages(text, &mut warnings).map_err(|p| Error::input(name, p))?;
    if pages.is_empty() {
        return Err(fail("no News Sniffer page found".into()));
    }
    check_same_article(&pages).map_err(|p| Error::input(name, p))?;
    chain_warnings(&pages, &mut warnings);
    for p in &pages {
        if p.rows.is_empty() {
            return Err(fail(format!(
                "the page at line {} has a header but no body rows; is the scrape truncated?",
                p.info.line
            )));
        }
    }
    mend_cut_last_row(&mut pages, &mut warnings);
    let titles = body::resolve_titles(&pages, &mut warnings);
    for (p, (old, new)) in pages.iter_mut().zip(titles) {
        p.info.old_title = old;
        p.info.new_title = new;
    }
    let readings = body::resolve_with(&pages, weights, alternatives, &mut warnings)
        .map_err(|p| Error::input(name, p))?;
    let chosen: Vec<&body::Reading> = readings.iter().map(|r| &r.chosen).collect();
    let article = assemble(&pages, &chosen, &mut warnings).map_err(|p| Error::input(name, p))?;
    let score = chosen.first().map_or(0.0, |r| r.score);
    let alternatives = alternative_articles(&pages, &readings, alternatives);
    Ok(Split {
        article,
        warnings,
        score,
        alternatives,
    })
}

/// The `n` best whole readings after the chosen one: each page's alternatives with the
/// other pages' chosen readings, best first. One that cannot be assembled (two pages
/// disagree on a version, say) is left out.
fn alternative_articles(
    pages: &[Page],
    readings: &[body::PageReadings],
    n: usize,
) -> Vec<Alternative> {
    let mut all: Vec<(f32, usize, &body::Reading)> = readings
        .iter()
        .enumerate()
        .flat_map(|(p, r)| r.alternatives.iter().map(move |a| (a.score, p, a)))
        .collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    all.into_iter()
        .filter_map(|(score, p, alt)| {
            let mut chosen: Vec<&body::Reading> = readings.iter().map(|r| &r.chosen).collect();
            chosen[p] = alt;
            let article = assemble(pages, &chosen, &mut Vec::new()).ok()?;
            Some(Alternative { score, article })
        })
        .take(n)
        .collect()
}

/// The score the parser gives a one-page scrape's body read as `old`/`new` (see
/// [`body::score_of`]); `None` when the scrape has more than one page or that reading
/// does not render to the page.
#[cfg(feature = "dev")]
pub fn truth_score(text: &str, old: &[String], new: &[String], w: &body::Weights) -> Option<f32> {
    let mut pages = split_pages(text, &mut Vec::new()).ok()?;
    if pages.len() != 1 {
        return None;
    }
    mend_cut_last_row(&mut pages, &mut Vec::new());
    body::score_of(&pages[0], old, new, w)
}

/// A scrape cut inside its last row: the row is a paragraph followed by the start of the
/// same paragraph (`…Syria war.Mr. Lav`), an unchanged row (`XX`) cut inside its second
/// copy. Read as it stands, the cut copy would become a paragraph of the new version.
/// The row is read as the unchanged paragraph it was, and the cut is reported as a doubt
/// (`--strict` fails on it). A cut elsewhere in a row leaves no such trace: a shorter
/// last paragraph reads like any other.
fn mend_cut_last_row(pages: &mut [Page], warnings: &mut Vec<Warning>) {
    let Some(row) = pages.last_mut().and_then(|p| p.rows.last_mut()) else {
        return;
    };
    let Some(whole) = cut_unchanged_row(&row.text) else {
        return;
    };
    let cut = row.text[whole.len()..].to_string();
    warnings.push(Warning {
        kind: "truncated".into(),
        at: Some(format!("line {}", row.number)),
        message: format!(
            "the scrape ends inside its last row: after the paragraph it repeats only \
             {:?}; read as that paragraph, unchanged, and the cut copy left out",
            clip(cut.trim(), 40)
        ),
        chosen: None,
        runner_up: None,
        doubt: true,
    });
    row.text = format!("{whole}{whole}");
}

/// The paragraph `P` when `row` is `P` followed by a proper start of `P` (white space
/// between allowed) that stops inside a word, and `P` ends like a paragraph; the longest
/// such `P`. A whole `PP` is an unchanged row, and a start of `P` that ends like a
/// paragraph is a changed row whose new version dropped a sentence: neither is a cut.
fn cut_unchanged_row(row: &str) -> Option<&str> {
    // The middle may fall inside a character (a curly quote): then the halves differ.
    let mid = row.len() / 2;
    if row.get(..mid).is_some_and(|a| Some(a) == row.get(mid..)) {
        return None;
    }
    let ends: Vec<usize> = row
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        // A paragraph ends at its last mark, not at the space after it.
        .filter(|&i| {
            i < row.len()
                && !row[..i].ends_with(char::is_whitespace)
                && body::ends_paragraph(&row[..i])
        })
        .collect();
    ends.into_iter().rev().find_map(|i| {
        let (whole, rest) = row.split_at(i);
        let rest = rest.trim_start();
        // The cut copy holds some of the paragraph's words: a rest of closing quotes
        // alone is the end of the paragraph itself (`…frame.''`), not a second copy.
        let cut = rest.chars().any(char::is_alphanumeric)
            && rest.len() < whole.len()
            && !body::ends_paragraph(rest);
        // A cut falls inside a word: a copy that stops where the paragraph has a space
        // is a whole run of its words, as when a new paragraph ends by quoting the old
        // one entire (a changed row, not a cut one).
        let mid_word = |rest: &str| !whole[rest.len()..].starts_with(char::is_whitespace);
        (cut && whole.starts_with(rest) && mid_word(rest)).then_some(whole)
    })
}

/// Splits the text into pages. Header lines that are not understood are reported, not
/// dropped.
fn split_pages(text: &str, warnings: &mut Vec<Warning>) -> Result<Vec<Page>, InputProblem> {
    let lines = input_lines(text);
    if is_headerless(&lines) {
        return Ok(vec![headerless_page(lines)]);
    }
    let mut cursor = Cursor { lines: &lines };
    let mut pages: Vec<Page> = Vec::new();
    while !cursor.lines.is_empty() {
        pages.push(read_page(&mut cursor, pages.is_empty(), warnings)?);
    }
    Ok(pages)
}

/// The input's lines that are not blank, trimmed (a byte-order mark too), with their
/// line numbers.
fn input_lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Line {
            number: i + 1,
            text: l.trim_start_matches('\u{feff}').trim().to_string(),
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// A bare body: the text neither starts like a page nor has a table head anywhere.
fn is_headerless(lines: &[Line]) -> bool {
    lines.first().is_some_and(|l| {
        !l.text.starts_with(SOURCE_PREFIX)
            && !lines.iter().any(|l| parse_versions(&l.text).is_some())
    })
}

/// A bare body is one page of versions 0 and 1 with no title row.
fn headerless_page(lines: Vec<Line>) -> Page {
    Page {
        info: PageInfo {
            line: lines[0].number,
            old_version: 0,
            new_version: 1,
            ..PageInfo::default()
        },
        title_row: None,
        rows: lines
            .into_iter()
            .filter(|l| !is_pagination(&l.text))
            .collect(),
    }
}

/// The lines not read yet.
struct Cursor<'a> {
    lines: &'a [Line],
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<&'a Line> {
        self.lines.first()
    }

    fn advance(&mut self) {
        self.lines = &self.lines[1..];
    }
}

/// Reads the page that starts at the cursor (which has lines left): its header, its
/// table head (versions, title row, period row) and its body rows, up to the next page.
fn read_page(
    cursor: &mut Cursor,
    first: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Page, InputProblem> {
    let mut info = PageInfo {
        line: cursor.lines[0].number,
        ..PageInfo::default()
    };
    read_header(cursor, &mut info, warnings)?;
    read_versions(cursor, &mut info, first)?;
    // The row after the versions is the title row, unless the page ends there.
    let title_row = cursor
        .peek()
        .filter(|l| !l.text.starts_with(SOURCE_PREFIX))
        .cloned();
    if title_row.is_some() {
        cursor.advance();
    }
    if let Some(l) = cursor.peek()
        && let Some((old_t, new_t, period)) = parse_time_row(&l.text)
    {
        info.old_time = old_t;
        info.new_time = new_t;
        info.period = Some(period);
        cursor.advance();
    }
    let rows = read_rows(cursor);
    Ok(Page {
        info,
        title_row,
        rows,
    })
}

/// Reads the header: everything up to the `Version A Version B` line.
fn read_header(
    cursor: &mut Cursor,
    info: &mut PageInfo,
    warnings: &mut Vec<Warning>,
) -> Result<(), InputProblem> {
    let mut saw_header = false;
    while let Some(l) = cursor.peek()
        && parse_versions(&l.text).is_none()
    {
        if saw_header && l.text.starts_with(SOURCE_PREFIX) {
            return Err(InputProblem::Format(format!(
                "line {}: a new page starts before the page at line {} reached its table; \
                 the scrape is truncated",
                l.number, info.line
            )));
        }
        if !header_line(&l.text, info) && !is_pagination(&l.text) {
            warnings.push(Warning {
                kind: "unplaced-text".into(),
                at: Some(format!("line {}", l.number)),
                message: format!(
                    "header line not understood, kept out of the article: {:?}",
                    clip(&l.text, 80)
                ),
                chosen: None,
                runner_up: None,
                doubt: true,
            });
        }
        saw_header = true;
        cursor.advance();
    }
    Ok(())
}

/// Reads the `Version A Version B` line the header stopped at; without one the scrape is
/// not a page at all (on the `first` page) or is truncated.
fn read_versions(
    cursor: &mut Cursor,
    info: &mut PageInfo,
    first: bool,
) -> Result<(), InputProblem> {
    let Some((l, (a, b))) = cursor
        .peek()
        .and_then(|l| Some((l, parse_versions(&l.text)?)))
    else {
        if first {
            return Err(InputProblem::Format(
                "no `Version A Version B` line: not a News Sniffer page, or the \
                            scrape is truncated"
                    .into(),
            ));
        }
        return Err(InputProblem::Format(format!(
            "the page at line {} has no `Version A Version B` line; the scrape is truncated",
            info.line
        )));
    };
    if b <= a {
        return Err(InputProblem::Format(format!(
            "line {}: version {b} does not come after version {a}",
            l.number
        )));
    }
    info.old_version = a;
    info.new_version = b;
    cursor.advance();
    Ok(())
}

/// Reads the body rows, up to the next page; pagination lines are dropped.
fn read_rows(cursor: &mut Cursor) -> Vec<Line> {
    let mut rows = Vec::new();
    while let Some(l) = cursor.peek()
        && !l.text.starts_with(SOURCE_PREFIX)
    {
        if !is_pagination(&l.text) {
            rows.push(l.clone());
        }
        cursor.advance();
    }
    rows
}

/// Reads one header line into `info`; false when the line is not a header line.
fn header_line(l: &str, info: &mut PageInfo) -> bool {
    if let Some(rest) = l.strip_prefix(SOURCE_PREFIX) {
        let Some((source, rest)) = rest.split_once('\'') else {
            return false;
        };
        info.source = Some(source.to_string());
        let rest = rest.trim_start_matches(" and was first published or seen on");
        // `DATE (UTC). STATUS` or `. STATUS` when the scraper dropped the <time>.
        let (date, status) = match rest.find(". ") {
            Some(k) => (&rest[..k], rest[k + 2..].trim()),
            None => (rest.trim_end_matches('.'), ""),
        };
        info.first_seen = parse_long_date(date.trim().trim_end_matches("(UTC)").trim());
        if !status.is_empty() {
            info.check_status = Some(status.to_string());
            if let Some(d) = status.strip_prefix("The next check for changes will be ") {
                info.next_check = parse_long_date(d.trim_end_matches('.').trim());
            }
        }
        return true;
    }
    if let Some(url) = l.strip_prefix(URL_PREFIX) {
        info.url = Some(url.trim().to_string());
        return true;
    }
    if let Some(rest) = l.strip_prefix(CHANGED_PREFIX) {
        let n = rest.split_whitespace().next().and_then(|n| n.parse().ok());
        info.versions_stored = n;
        return n.is_some();
    }
    false
}

/// `Previous version 1 2 3 ... Next version`, in any of its partial forms.
fn is_pagination(l: &str) -> bool {
    (l.starts_with("Previous version") || l.ends_with("Next version"))
        && l.split_whitespace().all(|w| {
            matches!(w, "Previous" | "Next" | "version" | "..." | "…")
                || w.chars().all(|c| c.is_ascii_digit())
        })
}

/// `Version 2 Version 3` → (2, 3).
fn parse_versions(l: &str) -> Option<(u64, u64)> {
    let w: Vec<&str> = l.split_whitespace().collect();
    match w.as_slice() {
        ["Version", a, "Version", b] => Some((a.parse().ok()?, b.parse().ok()?)),
        _ => None,
    }
}

/// Rails' long form, `December 05, 2016 09:41`, taken as UTC.
fn parse_long_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let t = NaiveDateTime::parse_from_str(s, "%B %d, %Y %H:%M").ok()?;
    Some(Utc.from_utc_datetime(&t).fixed_offset())
}

/// Ruby's `2016-12-05 14:02:37 UTC`.
fn parse_ruby_time(s: &str) -> Option<DateTime<FixedOffset>> {
    let t = NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S UTC").ok()?;
    Some(Utc.from_utc_datetime(&t).fixed_offset())
}

type TimeRow = (
    Option<DateTime<FixedOffset>>,
    Option<DateTime<FixedOffset>>,
    Period,
);

/// `OLD_TIME NEW_TIME (PERIOD later)`, where the times may be missing.
fn parse_time_row(l: &str) -> Option<TimeRow> {
    let open = l.rfind('(')?;
    let inner = l[open..].strip_prefix('(')?.strip_suffix(')')?;
    let (words, sign) = if let Some(w) = inner.strip_suffix(" later") {
        (w, 1)
    } else {
        (inner.strip_suffix(" earlier")?, -1)
    };
    let secs = period_seconds(words)?;
    let times = l[..open].trim();
    let (old, new) = if times.is_empty() {
        (None, None)
    } else {
        // Two `YYYY-MM-DD HH:MM:SS UTC` stamps of 23 characters each.
        let (a, b) = times.split_at(times.len().min(23));
        let (a, b) = (parse_ruby_time(a)?, parse_ruby_time(b)?);
        (Some(a), Some(b))
    };
    Some((
        old,
        new,
        Period {
            text: inner.to_string(),
            approx_seconds: sign * secs,
        },
    ))
}

/// Rails' `distance_of_time_in_words` back to seconds (the middle of each range).
fn period_seconds(words: &str) -> Option<i64> {
    const MIN: i64 = 60;
    const HOUR: i64 = 3600;
    const DAY: i64 = 86400;
    const MONTH: i64 = 30 * DAY;
    const YEAR: i64 = 365 * DAY;
    let w: Vec<&str> = words.split_whitespace().collect();
    let n = |s: &str| s.parse::<i64>().ok();
    Some(match w.as_slice() {
        ["less", "than", "a", "minute"] => 30,
        ["less", "than", x, "seconds"] => n(x)? / 2,
        ["half", "a", "minute"] => 30,
        ["1", "minute"] => MIN,
        [x, "minutes"] => n(x)? * MIN,
        ["about", "1", "hour"] => HOUR,
        ["about", x, "hours"] => n(x)? * HOUR,
        ["1", "day"] => DAY,
        [x, "days"] => n(x)? * DAY,
        ["about", "1", "month"] => MONTH,
        [x, "months"] => n(x)? * MONTH,
        ["about", "1", "year"] => YEAR,
        ["about", x, "years"] => n(x)? * YEAR,
        ["over", x, "years"] => n(x)? * YEAR + YEAR / 2,
        ["almost", x, "years"] => n(x)? * YEAR - YEAR / 8,
        _ => return None,
    })
}

/// Pages from different articles cannot make one history.
fn check_same_article(pages: &[Page]) -> Result<(), InputProblem> {
    let first = &pages[0].info;
    for p in &pages[1..] {
        let differs =
            |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(x), Some(y)) if x != y);
        if differs(&first.url, &p.info.url) || differs(&first.source, &p.info.source) {
            return Err(InputProblem::Format(format!(
                "the page at line {} is from another article ({}) than the page at line {} ({}); \
                 split the file per article",
                p.info.line,
                p.info
                    .url
                    .as_deref()
                    .or(p.info.source.as_deref())
                    .unwrap_or("?"),
                first.line,
                first
                    .url
                    .as_deref()
                    .or(first.source.as_deref())
                    .unwrap_or("?"),
            )));
        }
    }
    Ok(())
}

/// Reports each page whose old version is not the previous page's new version: the
/// history has a gap there, and the pages cannot check each other.
fn chain_warnings(pages: &[Page], warnings: &mut Vec<Warning>) {
    for w in pages.windows(2) {
        let (a, b) = (&w[0].info, &w[1].info);
        if b.old_version != a.new_version {
            warnings.push(Warning {
                kind: "pages-do-not-chain".into(),
                at: Some(format!("line {}", b.line)),
                message: format!(
                    "page {}→{} does not follow page {}→{}; the history has a gap",
                    b.old_version, b.new_version, a.old_version, a.new_version
                ),
                chosen: None,
                runner_up: None,
                doubt: true,
            });
        }
    }
}

/// Builds the revisions from the resolved pages: each page gives its old side (unless an
/// earlier page already gave that version) and its new side.
fn assemble(
    pages: &[Page],
    readings: &[&body::Reading],
    warnings: &mut Vec<Warning>,
) -> Result<Article, InputProblem> {
    let mut history = History::default();
    for (page, reading) in pages.iter().zip(readings) {
        let i = &page.info;
        history.add(
            i.old_version,
            &reading.old,
            &i.old_title,
            i.old_time,
            warnings,
        )?;
        history.add(
            i.new_version,
            &reading.new,
            &i.new_title,
            i.new_time,
            warnings,
        )?;
    }
    let revisions = history.revisions;
    if revisions.iter().any(|r| r.paragraphs().is_empty()) {
        return Err(InputProblem::Format(
            "a version has no text at all; the scrape holds no sensible revision".into(),
        ));
    }
    Ok(Article {
        meta: article_meta(pages, &revisions),
        revisions,
    })
}

/// The revisions built so far, in version order.
#[derive(Default)]
struct History {
    revisions: Vec<Revision>,
    /// Sentences per paragraph text: consecutive versions share most paragraphs, so each
    /// distinct one is cut into sentences once.
    cuts: HashMap<String, Vec<String>>,
}

impl History {
    /// Adds one side of a page as `version`. A version an earlier page gave already keeps
    /// its first text; a different text is reported.
    fn add(
        &mut self,
        version: u64,
        paragraphs: &[String],
        title: &Option<String>,
        time: Option<DateTime<FixedOffset>>,
        warnings: &mut Vec<Warning>,
    ) -> Result<(), InputProblem> {
        if let Some(existing) = self.revisions.iter().find(|r| r.version == version) {
            let same = existing
                .paragraph_texts()
                .eq(paragraphs.iter().map(String::as_str));
            if !same {
                warnings.push(Warning {
                    kind: "pages-disagree".into(),
                    at: None,
                    message: format!(
                        "two pages give different texts for version {version}; the first is kept"
                    ),
                    chosen: None,
                    runner_up: None,
                    doubt: true,
                });
            }
            return Ok(());
        }
        if self.revisions.last().is_some_and(|r| r.version > version) {
            return Err(InputProblem::Format(format!(
                "version {version} comes after a later version"
            )));
        }
        let inputs = paragraphs
            .iter()
            .map(|text| self.paragraph_input(text))
            .collect();
        let mut r = Revision::from_paragraphs(version, inputs, None)?;
        r.title = title.clone();
        r.created = time;
        self.revisions.push(r);
        Ok(())
    }

    fn paragraph_input(&mut self, text: &str) -> ParagraphInput {
        let sentences = self
            .cuts
            .entry(text.to_string())
            .or_insert_with(|| {
                crate::text::segment::sentences(text)
                    .into_iter()
                    .map(|s| text[s.range()].to_string())
                    .collect()
            })
            .clone();
        ParagraphInput::Sentences {
            text: text.to_string(),
            sentences,
        }
    }
}

/// The article's facts: its latest title, and the source and URL of the first page; every
/// page's header is kept under `newssniffer`.
fn article_meta(pages: &[Page], revisions: &[Revision]) -> ArticleMeta {
    let first = &pages[0].info;
    let mut meta = ArticleMeta {
        title: revisions.last().and_then(|r| r.title.clone()),
        url: first.url.clone(),
        source: first.source.clone(),
        ..ArticleMeta::default()
    };
    meta.extra.insert(
        "newssniffer".into(),
        serde_json::json!({ "pages": pages.iter().map(|p| &p.info).collect::<Vec<_>>() }),
    );
    meta
}

/// `s` cut to `max` characters, with an ellipsis when cut, for quoting in warnings.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_cut_inside_its_second_copy_is_found() {
        let p = "The toll rose to 12. Officials said so.";
        assert_eq!(cut_unchanged_row(&format!("{p}The to")), Some(p));
        assert_eq!(cut_unchanged_row(&format!("{p} The toll ro")), Some(p));
        // Not cuts: a whole unchanged row, a new version that dropped a sentence, and a
        // row that merely starts two paragraphs alike.
        assert_eq!(cut_unchanged_row(&format!("{p}{p}")), None);
        assert_eq!(cut_unchanged_row("A. A.A. A."), None);
        assert_eq!(
            cut_unchanged_row(&format!("{p} The toll rose to 12.")),
            None
        );
        assert_eq!(cut_unchanged_row("The toll rose. The toll fell."), None);
        // A paragraph that opens and closes with quote marks, twice: the closing quotes
        // are not a cut copy of the opening ones.
        let q = "''The fire got worse, he said.''";
        assert_eq!(cut_unchanged_row(&format!("{q}{q}")), None);
        assert_eq!(cut_unchanged_row(&format!("{q} {q}")), None);
        assert_eq!(cut_unchanged_row(&format!("{q}''The fi")), Some(q));
        // Found by fuzzing: the middle of a row inside a multi-byte character panicked.
        assert_eq!(cut_unchanged_row("Ab“d"), None);
        assert_eq!(cut_unchanged_row("“We will.”“We wi"), Some("“We will.”"));
        // A new paragraph that ends with the whole old one is no cut (found by the corpus
        // tool: the row read as unchanged did not render back).
        assert_eq!(
            cut_unchanged_row("List: A, B and C The list grew. List: A, B and C"),
            None
        );
    }

    fn paras(a: &Article, i: usize) -> Vec<String> {
        let r = &a.revisions[i];
        r.paragraph_texts().map(String::from).collect()
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn edited_paragraph_and_moved_paragraph_round_trip() {
        let old = v(&[
            "MOSCOW (AP) -- Russia said on Monday it would start talks with the United States.",
            "The death toll in Aleppo rose to 23, activists said. Rescuers kept digging.",
            "Mr. Lavrov spoke at a news conference in Moscow.",
            "Kerry met Lavrov in Rome on Saturday to discuss the routes for the fighters.",
        ]);
        let new = v(&[
            "MOSCOW (AP) -- Russia said on Monday it would start talks with the United States.",
            "Kerry met Lavrov in Rome on Saturday to discuss the routes for the fighters.",
            "The death toll in Aleppo rose to at least 50, activists said. Rescuers kept digging through the night.",
            "Mr. Lavrov spoke at a news conference in Moscow.",
        ]);
        let scrape = page::render(&page::PageSpec::default(), &old, &new);
        let (a, _) = parse("t", &scrape).unwrap();
        assert_eq!(paras(&a, 0), old);
        assert_eq!(paras(&a, 1), new);
    }

    #[test]
    fn time_rows_with_and_without_times() {
        let (a, b, p) =
            parse_time_row("2016-12-05 14:02:37 UTC 2016-12-05 18:10:00 UTC (about 4 hours later)")
                .unwrap();
        assert_eq!(a.unwrap().to_rfc3339(), "2016-12-05T14:02:37+00:00");
        assert_eq!(b.unwrap().to_rfc3339(), "2016-12-05T18:10:00+00:00");
        assert_eq!(p.approx_seconds, 4 * 3600);
        let (a, _, p) = parse_time_row("(less than a minute earlier)").unwrap();
        assert!(a.is_none());
        assert_eq!(p.approx_seconds, -30);
        assert!(parse_time_row("(about 4 lightyears later)").is_none());
        assert!(parse_time_row("Some headline (with a parenthesis)").is_none());
    }

    #[test]
    fn header_lines() {
        let mut i = PageInfo::default();
        assert!(header_line(
            "This article is from the source 'bbc' and was first published or seen on December 05, 2016 09:41 (UTC). The next check for changes will be December 06, 2016 10:00",
            &mut i
        ));
        assert_eq!(i.source.as_deref(), Some("bbc"));
        assert_eq!(
            i.first_seen.unwrap().to_rfc3339(),
            "2016-12-05T09:41:00+00:00"
        );
        assert_eq!(
            i.next_check.unwrap().to_rfc3339(),
            "2016-12-06T10:00:00+00:00"
        );
        let mut j = PageInfo::default();
        assert!(header_line(
            "This article is from the source 'nytimes' and was first published or seen on . It will not be checked again for changes.",
            &mut j
        ));
        assert!(j.first_seen.is_none());
        assert_eq!(
            j.check_status.as_deref(),
            Some("It will not be checked again for changes.")
        );
        assert!(is_pagination("Previous version 1 2 3 ... Next version"));
        assert!(!is_pagination(
            "Previous versions of the law were stricter."
        ));
    }
}
