//! Archives: whole collections of article versions, read one article at a time.
//!
//! A path given to `newsdiff check` is one of:
//! - a **directory** ([`dir`]): each file an article (a News Sniffer scrape, a JSON article,
//!   a multi-version text), each subdirectory an article whose files are its versions in
//!   name order; JSON Lines files and SQLite databases found in it are read as archives;
//! - a **JSON Lines** file ([`jsonl`]), one version per line;
//! - a **SQLite** database in the diffengine or NewsEdits layout ([`sqlite`]), whose HTML
//!   is reduced to paragraphs by [`html`];
//! - any other file: one article.
//!
//! Readers stream: they hand over one [`Unit`] (an article, not yet parsed) at a time, so
//! memory does not grow with the archive. What they cannot read is handed over as a
//! [`Problem`] with its location, and reading goes on.
//!
//! [`pipeline`] runs work on the articles read (checking them, rendering their pages) in
//! parallel and hands the results back in reading order.

pub mod dir;
pub mod html;
pub mod jsonl;
pub mod pick;
pub mod pipeline;
pub mod sqlite;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

use crate::Warning;
use crate::article::{Article, ArticleMeta, ParagraphInput, Revision, next_version};
use crate::parse;

/// Something that could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The location: a path, `path:line`, or a database row.
    pub at: String,
    /// What is wrong, for a person, and what was done about it ("the line is skipped").
    pub message: String,
}

impl Problem {
    /// A problem at `at` (see [`Problem::at`]).
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            at: at.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// One article of an archive as a reader found it, before parsing (parsing is the
/// checkers' job, so it runs in parallel).
#[derive(Debug, Clone)]
pub struct Unit {
    /// How reports name the article: a path, or `archive: article ID`.
    pub name: String,
    /// Which of the paths given to the run it came from.
    pub root: usize,
    /// Where its versions are.
    pub body: UnitBody,
}

/// Where the versions of a [`Unit`] are.
#[derive(Debug, Clone)]
pub enum UnitBody {
    /// One file holding an article (any input format), or several files that are its
    /// versions, oldest first.
    Files(Vec<PathBuf>),
    /// Versions read from rows or lines.
    Versions {
        /// What the rows or lines said of the article (id, URL, source).
        meta: ArticleMeta,
        /// In the order read; sorted by version number on loading when all have one.
        versions: Vec<RawVersion>,
    },
}

/// One version as a row or line held it.
#[derive(Debug, Clone)]
pub struct RawVersion {
    /// Where it was: `archive.jsonl:17`, `news.db: entryversion row 4`.
    pub at: String,
    /// The version number the archive gave it, if any.
    pub version: Option<u64>,
    /// The time as written; read by [`parse_time`].
    pub created: Option<String>,
    /// The headline of this version, if the archive kept one.
    pub title: Option<String>,
    /// The address this version was read from, when the row or line gives one.
    pub url: Option<String>,
    /// The article text of this version.
    pub body: Body,
}

/// The text of a [`RawVersion`], as the archive held it.
#[derive(Debug, Clone)]
pub enum Body {
    /// Plain text, split like a text file.
    Text(String),
    /// HTML, reduced by [`html::paragraphs`].
    Html(String),
}

/// What a reader hands over.
#[derive(Debug)]
pub enum Item {
    /// An article, not yet parsed.
    Unit(Unit),
    /// Something that could not be read (a file, a line, a row): no article.
    Problem(Problem),
}

/// An article ready to check, with what the parser doubted and what could not be read
/// of it (a version with a bad time, say: the rest of the article is still checked).
#[derive(Debug)]
pub struct Loaded {
    /// The article, its revisions oldest first.
    pub article: Article,
    /// The parser's decisions, doubtful or not.
    pub warnings: Vec<Warning>,
    /// What could not be read of it; the rest is in `article`.
    pub problems: Vec<Problem>,
    /// Bytes of article text read.
    pub bytes: usize,
}

impl Unit {
    /// Parses the article. An error means nothing of it could be used.
    pub fn load(&self) -> Result<Loaded, Problem> {
        match &self.body {
            UnitBody::Files(paths) => load_files(&self.name, paths),
            UnitBody::Versions { meta, versions } => load_versions(meta, versions),
        }
    }
}

fn load_files(name: &str, paths: &[PathBuf]) -> Result<Loaded, Problem> {
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    // Among several version files, one with no text is an empty version, for the
    // empty-revision rule to report, not a reason to give up on the article.
    let blank = match paths.len() {
        1 => parse::Blank::Error,
        _ => parse::Blank::EmptyVersion,
    };
    let parsed = parse::load_with(&names, None, blank).map_err(|e| match e {
        // The error names the file already.
        crate::Error::Input { name, problem } => Problem::new(name, problem.to_string()),
        other => Problem::new(name, other.to_string()),
    })?;
    let bytes = parsed
        .article
        .revisions
        .iter()
        .map(|r| r.text().len())
        .sum();
    Ok(Loaded {
        article: parsed.article,
        warnings: parsed.warnings,
        problems: Vec::new(),
        bytes,
    })
}

fn load_versions(meta: &ArticleMeta, raw: &[RawVersion]) -> Result<Loaded, Problem> {
    let mut problems = Vec::new();
    let mut warnings: Vec<Warning> = Vec::new();
    // The page furniture removed from each version, reported in one warning.
    let mut chrome: Vec<(u64, Vec<html::Chrome>)> = Vec::new();
    let mut order: Vec<&RawVersion> = raw.iter().collect();
    if order.iter().all(|v| v.version.is_some()) {
        order.sort_by_key(|v| v.version);
    }
    let mut revisions: Vec<Revision> = Vec::with_capacity(order.len());
    let mut bytes = 0;
    for v in order {
        let version = match (v.version, revisions.last()) {
            (Some(n), _) => n,
            (None, None) => 0,
            (None, Some(r)) => {
                next_version(r.version).map_err(|p| Problem::new(&v.at, p.to_string()))?
            }
        };
        let (mut rev, removed) = build_revision(v, version, meta)?;
        if !removed.is_empty() {
            chrome.push((version, removed));
        }
        if let Some(c) = &v.created {
            match parse_time(c) {
                Some(t) => rev.created = Some(t),
                None => problems.push(Problem::new(
                    &v.at,
                    format!(
                        "cannot read the time {c:?} (RFC 3339, `YYYY-MM-DD HH:MM:SS`, or Unix \
                         seconds or milliseconds)"
                    ),
                )),
            }
        }
        bytes += rev.text().len();
        revisions.push(rev);
    }
    if revisions.is_empty() {
        return Err(Problem::new(
            meta.id.as_deref().unwrap_or("article"),
            "no version could be read",
        ));
    }
    let mut meta = meta.clone();
    if meta.title.is_none() {
        meta.title = revisions.iter().rev().find_map(|r| r.title.clone());
    }
    warnings.extend(boilerplate_warning(&meta, &chrome));
    warnings.extend(url_changes(raw));
    Ok(Loaded {
        article: Article { meta, revisions },
        warnings,
        problems,
        bytes,
    })
}

/// A stored version as a revision: its title as text (character references decoded,
/// markup dropped), its HTML reduced to paragraphs without the tracker's page furniture
/// ([`html::page_chrome`]). What was removed is reported in a warning (kind
/// `boilerplate`), never dropped silently.
fn build_revision(
    v: &RawVersion,
    version: u64,
    meta: &ArticleMeta,
) -> Result<(Revision, Vec<html::Chrome>), Problem> {
    let mut removed = Vec::new();
    let own: Vec<&str> = [v.url.as_deref(), meta.url.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let built = match &v.body {
        Body::Text(t) => text_without_chrome(version, t, &own, &mut removed),
        Body::Html(h) => {
            let kept = html::paragraphs(h)
                .into_iter()
                .filter_map(|p| html::without_chrome(&p, &own, &mut removed))
                .map(ParagraphInput::Text)
                .collect();
            Revision::from_paragraphs(version, kept, None)
        }
    };
    let mut rev = built.map_err(|p| Problem::new(&v.at, p.to_string()))?;
    rev.title = v
        .title
        .as_deref()
        .map(html::title_text)
        .filter(|t| !t.is_empty());
    rev.label = Some(v.at.clone());
    Ok((rev, removed))
}

/// A stored plain-text version without the tracker's page lines (the same lines as in
/// stored HTML: a JSON Lines export of a raw database keeps them in `text`). The text is
/// kept byte for byte when it has none; otherwise it is rebuilt from the paragraphs left.
fn text_without_chrome(
    version: u64,
    text: &str,
    own: &[&str],
    removed: &mut Vec<html::Chrome>,
) -> Result<Revision, crate::InputProblem> {
    let rev = Revision::from_text(version, text.to_string())?;
    let before = removed.len();
    let kept: Vec<ParagraphInput> = rev
        .paragraph_texts()
        .filter_map(|p| html::without_chrome(p, own, removed))
        .map(ParagraphInput::Text)
        .collect();
    if removed.len() == before {
        return Ok(rev);
    }
    Revision::from_paragraphs(version, kept, None)
}

/// One warning (kind `boilerplate`, no doubt) for the page furniture removed from an
/// article's versions: how many lines, from which versions, and of what kind. The lines
/// themselves are not quoted, so their words appear in no output.
fn boilerplate_warning(meta: &ArticleMeta, chrome: &[(u64, Vec<html::Chrome>)]) -> Option<Warning> {
    let total: usize = chrome.iter().map(|(_, c)| c.len()).sum();
    if total == 0 {
        return None;
    }
    let versions: Vec<String> = chrome.iter().map(|(v, _)| v.to_string()).collect();
    let mut kinds: Vec<(html::Chrome, usize)> = Vec::new();
    for c in chrome.iter().flat_map(|(_, c)| c) {
        match kinds.iter_mut().find(|(k, _)| k == c) {
            Some((_, n)) => *n += 1,
            None => kinds.push((*c, 1)),
        }
    }
    let what: Vec<String> = kinds
        .iter()
        .map(|(k, n)| format!("{} ({n})", k.describe()))
        .collect();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    Some(Warning {
        kind: "boilerplate".into(),
        at: meta.id.as_ref().map(|id| format!("article {id}")),
        message: format!(
            "{total} page line{} removed as the tracker's, not the article's, from version{} \
             {}: {}",
            plural(total),
            plural(versions.len()),
            versions.join(", "),
            what.join(", ")
        ),
        chosen: None,
        runner_up: None,
        doubt: false,
    })
}

/// A warning (kind `url-changed`) for each version whose address differs from the one
/// before it ([`html::same_url`]): the archive keeps them as one article, so newsdiff reads
/// them as one, but a new address can also be a different article. That is a doubt
/// (`check` reports it under `parse-clean`, `--strict` fails on it), so a changed address
/// is never passed over in silence.
fn url_changes(raw: &[RawVersion]) -> Vec<Warning> {
    let mut order: Vec<&RawVersion> = raw.iter().collect();
    if order.iter().all(|v| v.version.is_some()) {
        order.sort_by_key(|v| v.version);
    }
    let mut out = Vec::new();
    // Versions are compared with each other, not with the entry's address (diffengine
    // keeps the feed's link there, which often redirects to the version's).
    let mut last: Option<&str> = None;
    for v in order {
        let Some(url) = v.url.as_deref() else {
            continue;
        };
        if let Some(before) = last
            && !html::same_url(before, url)
        {
            out.push(Warning {
                kind: "url-changed".into(),
                at: Some(v.at.clone()),
                message: format!(
                    "the address changed from {before} to {url}; read as the same article"
                ),
                chosen: Some("the same article at a new address".into()),
                runner_up: Some("a different article".into()),
                doubt: true,
            });
        }
        last = Some(url);
    }
    out
}

/// Reads a time as archives write it: RFC 3339, a naive `YYYY-MM-DD HH:MM:SS[.f]`
/// (diffengine, peewee), with `T` or a space, taken as UTC, or a Unix time ([`epoch`]).
pub fn parse_time(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    if let Some(t) = epoch(s) {
        return Some(t);
    }
    const NAIVE: &[&str] = &[
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ];
    NAIVE.iter().find_map(|f| {
        NaiveDateTime::parse_from_str(s, f)
            .ok()
            .map(|n| Utc.from_utc_datetime(&n).fixed_offset())
    })
}

/// Below this, a Unix time is in seconds (up to the year 5138); from it on, in
/// milliseconds (from 1973-03-03 on), as data-frame exports write them.
pub const EPOCH_MILLIS_FROM: f64 = 1e11;

/// A Unix time as data frames export it: a number (digits, an optional `-` and decimal
/// part) of seconds or milliseconds since 1970-01-01T00:00:00Z, told apart by magnitude
/// ([`EPOCH_MILLIS_FROM`]). Microseconds and nanoseconds (from 10^14 and 10^17) are read
/// too. The instant is UTC.
pub fn epoch(s: &str) -> Option<DateTime<FixedOffset>> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 20 || !all_digits(whole) || !all_digits(frac) {
        return None;
    }
    let whole: i128 = whole.parse().ok()?;
    let units_per_second: i128 = match whole {
        w if (w as f64) < EPOCH_MILLIS_FROM => 1,
        w if w < 100_000_000_000_000 => 1_000,
        w if w < 100_000_000_000_000_000 => 1_000_000,
        _ => 1_000_000_000,
    };
    // Nanoseconds in one unit, and the fraction of a unit (nine digits at most).
    let unit_nanos = 1_000_000_000 / units_per_second;
    let frac_nanos: i128 = format!("{frac:0<9}")[..9].parse().ok()?;
    let mut nanos =
        whole * 1_000_000_000 / units_per_second + frac_nanos * unit_nanos / 1_000_000_000;
    if negative {
        nanos = -nanos;
    }
    let secs = i64::try_from(nanos.div_euclid(1_000_000_000)).ok()?;
    let sub = u32::try_from(nanos.rem_euclid(1_000_000_000)).ok()?;
    Utc.timestamp_opt(secs, sub)
        .single()
        .map(|t| t.fixed_offset())
}

/// The host of a URL without `www.`, as the fallback source of an article.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// What kind of archive a file is, from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A JSON Lines archive ([`jsonl`]).
    Jsonl,
    /// A diffengine or NewsEdits database ([`sqlite`]).
    Sqlite,
    /// One article.
    Article,
}

/// Picks how to read a file: SQLite by its header (or a `.db`, `.sqlite`, `.sqlite3`
/// name, so a corrupt database is reported as one), JSON Lines by a `.jsonl` or `.ndjson`
/// name, anything else as one article.
pub fn file_kind(path: &Path) -> FileKind {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "jsonl" | "ndjson") {
        return FileKind::Jsonl;
    }
    if matches!(ext.as_str(), "db" | "sqlite" | "sqlite3") {
        return FileKind::Sqlite;
    }
    let mut head = [0u8; 16];
    let is_sqlite = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"SQLite format 3\0";
    if is_sqlite {
        FileKind::Sqlite
    } else {
        FileKind::Article
    }
}

/// Reads the paths of a run, in order, handing each article or problem to `emit`.
/// `emit` returns false to stop early.
pub fn read_all(paths: &[PathBuf], emit: &mut dyn FnMut(Item) -> bool) {
    for (root, path) in paths.iter().enumerate() {
        if !read_path(path, root, emit) {
            return;
        }
    }
}

/// Reads one path given to the run. Returns false when `emit` asked to stop.
pub fn read_path(path: &Path, root: usize, emit: &mut dyn FnMut(Item) -> bool) -> bool {
    match entry_kind(path) {
        Ok(EntryKind::Dir) => dir::read(path, root, emit),
        Ok(EntryKind::File) => read_file(path, root, emit),
        Err(p) => emit(Item::Problem(p)),
    }
}

/// What an archive entry is, after following symbolic links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A directory: an archive (given as a path) or an article (inside one).
    Dir,
    /// A regular file.
    File,
}

/// Whether `path` is a directory or a regular file. Anything else (a FIFO, a socket, a
/// device) is a problem and is never opened: opening a FIFO blocks until a writer comes,
/// which would hang the whole run. A symbolic link loop or a dangling link is a problem
/// too, with the system's reason.
pub fn entry_kind(path: &Path) -> Result<EntryKind, Problem> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            _ => format!("cannot read: {e}"),
        };
        Problem::new(shown.clone(), message)
    })?;
    if meta.is_dir() {
        return Ok(EntryKind::Dir);
    }
    if meta.is_file() {
        return Ok(EntryKind::File);
    }
    Err(Problem::new(
        shown,
        format!("is {}, not a regular file; skipped", special_kind(&meta)),
    ))
}

/// "a FIFO", "a socket", "a device", as an error message names them.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "neither a file nor a directory"
}

/// Reads a file: an archive of its own, or one article.
pub fn read_file(path: &Path, root: usize, emit: &mut dyn FnMut(Item) -> bool) -> bool {
    match file_kind(path) {
        FileKind::Jsonl => jsonl::read(path, root, emit),
        FileKind::Sqlite => sqlite::read(path, root, emit),
        FileKind::Article => emit(Item::Unit(Unit {
            name: path.display().to_string(),
            root,
            body: UnitBody::Files(vec![path.to_path_buf()]),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(
            parse_time("2016-12-05 14:02:37.123456")
                .unwrap()
                .to_rfc3339(),
            "2016-12-05T14:02:37.123456+00:00"
        );
        assert_eq!(
            parse_time("2016-12-05T14:02:37-05:00")
                .unwrap()
                .to_rfc3339(),
            "2016-12-05T14:02:37-05:00"
        );
        assert!(parse_time("yesterday").is_none());
        // Unix seconds and milliseconds, told apart by magnitude.
        let utc = |s: &str| parse_time(s).map(|t| t.to_rfc3339());
        let may_day = Some("2020-05-01T08:00:00+00:00".to_string());
        assert_eq!(utc("1588320000"), may_day);
        assert_eq!(utc("1588320000000"), may_day);
        assert_eq!(utc("1588320000000000"), may_day);
        assert_eq!(
            utc("1588320000.5").as_deref(),
            Some("2020-05-01T08:00:00.500+00:00")
        );
        assert_eq!(utc("0").as_deref(), Some("1970-01-01T00:00:00+00:00"));
        assert_eq!(
            utc("99999999999").as_deref(),
            Some("5138-11-16T09:46:39+00:00")
        );
        assert_eq!(
            utc("100000000000").as_deref(),
            Some("1973-03-03T09:46:40+00:00")
        );
        assert_eq!(utc("-1").as_deref(), Some("1969-12-31T23:59:59+00:00"));
        for bad in [
            "",
            "-",
            ".5",
            "1e9",
            "12ab",
            "1.2.3",
            "--1",
            "99999999999999999999999999999",
        ] {
            assert!(parse_time(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(
            url_host("https://www.NYTimes.com/2020/a.html?x").as_deref(),
            Some("nytimes.com")
        );
        assert_eq!(
            url_host("http://user@bbc.co.uk:80/news").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn versions_sort_and_keep_problems() {
        let v = |at: &str, version, created: &str, text: &str| RawVersion {
            at: at.into(),
            version: Some(version),
            created: Some(created.into()),
            title: Some(format!("T{version}")),
            url: None,
            body: Body::Text(text.into()),
        };
        let loaded = load_versions(
            &ArticleMeta::default(),
            &[
                v("a:2", 1, "2020-01-01T10:00:00Z", "Two."),
                v("a:1", 0, "bad time", "One."),
            ],
        )
        .unwrap();
        let r = &loaded.article.revisions;
        assert_eq!(r[0].text(), "One.");
        assert_eq!(r[1].label.as_deref(), Some("a:2"));
        assert_eq!(loaded.article.meta.title.as_deref(), Some("T1"));
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].at, "a:1");
    }
}
