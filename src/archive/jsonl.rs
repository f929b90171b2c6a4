//! JSON Lines archives: one version per line,
//! `{"article": "id", "version": 3, "created": "RFC 3339", "title": "...", "url": "...",
//! "text": "..."}` (also `source`, and `html` instead of `text`). The versions of one
//! article may be spread over the file. Data-frame exports are read as they come:
//! `version` may be a string of digits, `created` a Unix time in seconds or milliseconds
//! (told apart by magnitude, [`super::epoch`]).
//!
//! Two passes keep memory bounded whatever the file's size. The first reads each line's
//! article id and files the line's place (32 bytes: id hash, line number, offset, length)
//! into one of several buckets by the hash, spilling the buckets to temporary files when
//! the archive is large. The second takes one bucket at a time, groups its lines by
//! article, reads each article's lines back and hands the article over. Memory is one
//! bucket's index (a bucket covers about [`BUCKET_BYTES`] of the archive) and one article.

use std::collections::hash_map::DefaultHasher;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::ControlFlow;
use std::path::Path;

use serde::Deserialize;

use super::{Body, Item, Problem, RawVersion, Unit, UnitBody};
use crate::article::ArticleMeta;

/// About how many bytes of archive one bucket covers.
pub const BUCKET_BYTES: u64 = 64 << 20;

/// The longest line read (a version is rarely over a megabyte).
const MAX_LINE: usize = 64 << 20;

/// An article id: a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Str(String),
    Int(i64),
    Float(f64),
}

impl Id {
    fn into_string(self) -> String {
        match self {
            Id::Str(s) => s,
            Id::Int(i) => i.to_string(),
            Id::Float(f) => f.to_string(),
        }
    }
}

/// A version number as data-frame exports write it: a whole number, a string of digits
/// (`"3"`, an object column), or a whole float (`3.0`, a column that also holds NaN).
#[derive(Deserialize)]
#[serde(untagged)]
enum VersionField {
    Int(u64),
    Float(f64),
    Str(String),
    Other(serde_json::Value),
}

/// A whole, non-negative float as a version number.
fn whole(f: f64) -> Option<u64> {
    (f >= 0.0 && f.fract() == 0.0 && f < 1e15).then_some(f as u64)
}

fn version_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let v: Option<VersionField> = Option::deserialize(d)?;
    match v {
        None => Ok(None),
        Some(VersionField::Int(n)) => Ok(Some(n)),
        Some(VersionField::Float(f)) => whole(f).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "version {f} is no version number (a whole number, 0 or more)"
            ))
        }),
        Some(VersionField::Str(s)) => match s.trim() {
            "" => Ok(None),
            t if t.bytes().all(|b| b.is_ascii_digit()) => t.parse().map(Some).map_err(|_| {
                serde::de::Error::custom(format!("version {s:?} is too large a number"))
            }),
            t if t.parse::<f64>().ok().and_then(whole).is_some() && t.ends_with(".0") => {
                Ok(t.parse::<f64>().ok().and_then(whole))
            }
            _ => Err(serde::de::Error::custom(format!(
                "version {s:?} is no version number (a whole number, 0 or more)"
            ))),
        },
        Some(VersionField::Other(v)) => Err(serde::de::Error::custom(format!(
            "version {v} is no version number (a whole number, 0 or more)"
        ))),
    }
}

/// A time as written: text (read by [`super::parse_time`]), or a number of seconds or
/// milliseconds since 1970 (kept as its digits, which `parse_time` reads the same way).
fn created_field<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v: Option<serde_json::Value> = Option::deserialize(d)?;
    match v {
        None => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(serde::de::Error::custom(format!(
            "created {other} is no time (RFC 3339 text, or seconds or milliseconds since 1970)"
        ))),
    }
}

/// The first pass reads only the id.
#[derive(Deserialize)]
struct IdOnly {
    article: Option<Id>,
}

/// A whole line.
#[derive(Deserialize)]
struct Line {
    article: Id,
    #[serde(default, deserialize_with = "version_field")]
    version: Option<u64>,
    #[serde(default, deserialize_with = "created_field")]
    created: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
}

/// Where one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    hash: u64,
    line: u64,
    offset: u64,
    len: u64,
}

impl Entry {
    const SIZE: usize = 32;
    fn to_bytes(self) -> [u8; Self::SIZE] {
        let mut b = [0u8; Self::SIZE];
        b[0..8].copy_from_slice(&self.hash.to_le_bytes());
        b[8..16].copy_from_slice(&self.line.to_le_bytes());
        b[16..24].copy_from_slice(&self.offset.to_le_bytes());
        b[24..32].copy_from_slice(&self.len.to_le_bytes());
        b
    }
    fn from_bytes(b: &[u8]) -> Self {
        let u = |r: std::ops::Range<usize>| u64::from_le_bytes(b[r].try_into().expect("8 bytes"));
        Entry {
            hash: u(0..8),
            line: u(8..16),
            offset: u(16..24),
            len: u(24..32),
        }
    }
}

/// The buckets of the first pass: in memory for a small archive, spilled otherwise.
enum Buckets {
    Memory(Vec<Entry>),
    Spilled(Vec<BufWriter<File>>),
}

impl Buckets {
    /// Buckets for an archive of `size` bytes: one per [`BUCKET_BYTES`].
    ///
    /// # Errors
    /// A temporary file cannot be made.
    fn for_size(size: u64) -> std::io::Result<Buckets> {
        let count = (size / BUCKET_BYTES + 1) as usize;
        if count == 1 {
            return Ok(Buckets::Memory(Vec::new()));
        }
        let spill = (0..count)
            .map(|_| Ok(BufWriter::with_capacity(16 << 10, tempfile::tempfile()?)))
            .collect::<std::io::Result<_>>()?;
        Ok(Buckets::Spilled(spill))
    }

    /// Files a line's place in the bucket of its id's hash.
    ///
    /// # Errors
    /// A temporary file cannot be written.
    fn file(&mut self, entry: Entry) -> std::io::Result<()> {
        match self {
            Buckets::Memory(v) => v.push(entry),
            Buckets::Spilled(files) => {
                let k = (entry.hash % files.len() as u64) as usize;
                files[k].write_all(&entry.to_bytes())?;
            }
        }
        Ok(())
    }

    /// The second pass: hands over the articles of one bucket at a time. Returns false
    /// when `emit` asked to stop.
    fn hand_over(
        self,
        file: &File,
        shown: &str,
        root: usize,
        emit: &mut dyn FnMut(Item) -> bool,
    ) -> bool {
        let files = match self {
            Buckets::Memory(entries) => return emit_bucket(file, shown, root, entries, emit),
            Buckets::Spilled(files) => files,
        };
        for w in files {
            let entries = match read_spilled(w) {
                Ok(entries) => entries,
                Err(e) => {
                    return emit(Item::Problem(Problem::new(
                        shown,
                        format!("cannot read a temporary file: {e}"),
                    )));
                }
            };
            if !emit_bucket(file, shown, root, entries, emit) {
                return false;
            }
        }
        true
    }
}

/// The entries a spilled bucket holds.
fn read_spilled(w: BufWriter<File>) -> std::io::Result<Vec<Entry>> {
    let mut f = w.into_inner().map_err(|e| e.into_error())?;
    f.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok(bytes
        .chunks_exact(Entry::SIZE)
        .map(Entry::from_bytes)
        .collect())
}

fn hash_id(id: &str) -> u64 {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Reads a JSON Lines archive. Returns false when `emit` asked to stop.
pub fn read(path: &Path, root: usize, emit: &mut dyn FnMut(Item) -> bool) -> bool {
    let shown = path.display().to_string();
    let problem = |m: String| Item::Problem(Problem::new(shown.clone(), m));
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return emit(problem(format!("cannot read: {e}"))),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut buckets = match Buckets::for_size(size) {
        Ok(b) => b,
        Err(e) => return emit(problem(format!("cannot make a temporary file: {e}"))),
    };
    match index_lines(&file, &shown, &mut buckets, emit) {
        ControlFlow::Continue(()) => buckets.hand_over(&file, &shown, root, emit),
        ControlFlow::Break(keep_going) => keep_going,
    }
}

/// The first pass: files the place of each line in `buckets` by its article id, and
/// reports the lines that have none. Breaks with what to return when reading ends early
/// (false when `emit` asked to stop).
fn index_lines(
    file: &File,
    shown: &str,
    buckets: &mut Buckets,
    emit: &mut dyn FnMut(Item) -> bool,
) -> ControlFlow<bool> {
    let problem = |m: String| Item::Problem(Problem::new(shown, m));
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buf = Vec::new();
    let (mut offset, mut line) = (0u64, 0u64);
    loop {
        buf.clear();
        let n = match (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
        {
            Ok(0) => return ControlFlow::Continue(()),
            Ok(n) => n,
            Err(e) => {
                return ControlFlow::Break(emit(problem(format!(
                    "cannot read after line {line}: {e}; the rest of the file is skipped"
                ))));
            }
        };
        line += 1;
        let at = offset;
        offset += n as u64;
        let id = if n > MAX_LINE {
            if !buf.ends_with(b"\n") {
                // Read past the rest of the line without holding it.
                offset += reader.skip_until(b'\n').unwrap_or(0) as u64;
            }
            Err(format!(
                "line longer than {MAX_LINE} bytes; the line is skipped"
            ))
        } else {
            match trim_ascii(&buf) {
                [] => continue,
                content => line_id(content),
            }
        };
        let entry = match id {
            Ok(id) => Entry {
                hash: hash_id(&id),
                line,
                offset: at,
                len: n as u64,
            },
            Err(m) => {
                if !emit(Item::Problem(Problem::new(format!("{shown}:{line}"), m))) {
                    return ControlFlow::Break(false);
                }
                continue;
            }
        };
        if let Err(e) = buckets.file(entry) {
            let m = format!("cannot write a temporary file: {e}");
            return ControlFlow::Break(emit(problem(m)));
        }
    }
}

/// The article id of a line, or why the line is skipped.
fn line_id(content: &[u8]) -> Result<String, String> {
    match serde_json::from_slice::<IdOnly>(content) {
        Ok(IdOnly { article: Some(id) }) => Ok(id.into_string()),
        Ok(IdOnly { article: None }) => Err("no `article` id; the line is skipped".into()),
        Err(e) => Err(format!("not a JSON object ({e}); the line is skipped")),
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

/// The versions of one article read so far from a bucket.
struct ArticleLines {
    id: String,
    meta: ArticleMeta,
    versions: Vec<RawVersion>,
}

/// Groups a bucket's lines by article (in order of each article's first line) and hands
/// each article over.
fn emit_bucket(
    file: &File,
    shown: &str,
    root: usize,
    mut entries: Vec<Entry>,
    emit: &mut dyn FnMut(Item) -> bool,
) -> bool {
    entries.sort_unstable();
    // Groups of one hash, ordered by their first line.
    let mut groups: Vec<&[Entry]> = entries.chunk_by(|a, b| a.hash == b.hash).collect();
    groups.sort_by_key(|g| g[0].line);
    for group in groups {
        // Different ids can share a hash: split the group by the real id.
        let mut articles: Vec<ArticleLines> = Vec::new();
        for e in group {
            let line = match read_version(file, shown, e) {
                Ok(line) => line,
                Err(p) => {
                    if !emit(Item::Problem(p)) {
                        return false;
                    }
                    continue;
                }
            };
            let k = match articles.iter().position(|a| a.id == line.id) {
                Some(k) => k,
                None => {
                    articles.push(ArticleLines {
                        id: line.id.clone(),
                        meta: ArticleMeta {
                            id: Some(line.id),
                            ..ArticleMeta::default()
                        },
                        versions: Vec::new(),
                    });
                    articles.len() - 1
                }
            };
            let meta = &mut articles[k].meta;
            if meta.url.is_none() {
                meta.url = line.url;
            }
            if meta.source.is_none() {
                meta.source = line.source;
            }
            articles[k].versions.push(line.version);
        }
        for a in articles {
            let unit = Unit {
                name: format!("{shown}: article {}", a.id),
                root,
                body: UnitBody::Versions {
                    meta: a.meta,
                    versions: a.versions,
                },
            };
            if !emit(Item::Unit(unit)) {
                return false;
            }
        }
    }
    true
}

/// A line read back: a version of an article, and the article's URL and source.
struct VersionLine {
    id: String,
    url: Option<String>,
    source: Option<String>,
    version: RawVersion,
}

/// Reads a line back as a version. A line that is no version, or has no text, is a
/// problem.
fn read_version(file: &File, shown: &str, e: &Entry) -> Result<VersionLine, Problem> {
    let at = format!("{shown}:{}", e.line);
    let parsed = read_line(file, e).and_then(|bytes| {
        serde_json::from_slice::<Line>(trim_ascii(&bytes))
            .map_err(|err| format!("not a version line ({err}); the line is skipped"))
    });
    let Line {
        article,
        version,
        created,
        title,
        url,
        source,
        text,
        html,
    } = match parsed {
        Ok(l) => l,
        Err(m) => return Err(Problem::new(at, m)),
    };
    let id = article.into_string();
    let body = match (text, html) {
        (Some(t), _) => Body::Text(t),
        (None, Some(h)) => Body::Html(h),
        (None, None) => {
            let what = version.map_or("a version".to_string(), |v| format!("version {v}"));
            return Err(Problem::new(
                at,
                format!("{what} of article {id} has no `text`; the version is skipped"),
            ));
        }
    };
    Ok(VersionLine {
        id,
        url: url.clone(),
        source,
        version: RawVersion {
            at,
            version,
            created,
            title,
            url,
            body,
        },
    })
}

fn read_line(file: &File, e: &Entry) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; e.len as usize];
    read_at(file, &mut bytes, e.offset).map_err(|err| format!("cannot read the line: {err}"))?;
    Ok(bytes)
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    let mut f = file.try_clone()?;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(path: &Path) -> Vec<Item> {
        let mut out = Vec::new();
        read(path, 0, &mut |i| {
            out.push(i);
            true
        });
        out
    }

    #[test]
    fn spread_versions_are_grouped_and_bad_lines_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(
            &path,
            concat!(
                r#"{"article": "x", "version": 1, "text": "X two."}"#,
                "\n",
                r#"{"article": 7, "version": 0, "text": "Seven."}"#,
                "\n\n",
                "not json\n",
                r#"{"article": "x", "version": 0, "text": "X one.", "url": "https://www.bbc.co.uk/a"}"#,
                "\n",
                r#"{"article": "x", "version": 2}"#,
                "\n",
            ),
        )
        .unwrap();
        let items = collect(&path);
        let mut units = Vec::new();
        let mut problems = Vec::new();
        for i in items {
            match i {
                Item::Unit(u) => units.push(u),
                Item::Problem(p) => problems.push(p),
            }
        }
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].at.ends_with("a.jsonl:4"), "{problems:?}");
        assert!(problems[1].at.ends_with("a.jsonl:6"), "{problems:?}");
        assert!(
            problems[1]
                .message
                .contains("version 2 of article x has no `text`")
        );
        assert_eq!(units.len(), 2);
        assert!(units[0].name.ends_with("article x"));
        let loaded = units[0].load().unwrap();
        let texts: Vec<&str> = loaded.article.revisions.iter().map(|r| r.text()).collect();
        assert_eq!(texts, ["X one.", "X two."]);
        assert_eq!(
            loaded.article.meta.url.as_deref(),
            Some("https://www.bbc.co.uk/a")
        );
    }

    /// An article's id and its versions' (number, created in UTC).
    type Times = (String, Vec<(u64, String)>);

    /// Loads every article of a JSON Lines text: its times, and the problems.
    fn times_of(text: &str) -> (Vec<Times>, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, text).unwrap();
        let (mut articles, mut problems) = (Vec::new(), Vec::new());
        for item in collect(&path) {
            match item {
                Item::Problem(p) => problems.push(p),
                Item::Unit(u) => {
                    let loaded = u.load().unwrap();
                    problems.extend(loaded.problems);
                    let times = loaded.article.revisions.iter().map(|r| {
                        let t = r
                            .created
                            .map(|t| t.with_timezone(&chrono::Utc).to_rfc3339());
                        (r.version, t.unwrap_or_default())
                    });
                    articles.push((loaded.article.meta.id.unwrap(), times.collect()));
                }
            }
        }
        (articles, problems)
    }

    /// The field case: pandas' `to_json(orient="records", lines=True)` writes `created` as
    /// Unix milliseconds (or seconds) and an object column's `version` as a string.
    #[test]
    fn data_frame_epoch_times_and_string_versions_are_read() {
        let feed = include_str!("../../tests/data/field-cases/jsonl-epoch-times/feed.jsonl");
        let (articles, problems) = times_of(feed);
        assert!(problems.is_empty(), "{problems:?}");
        let t = |s: &str| s.to_string();
        assert_eq!(
            articles,
            [
                (
                    t("a1"),
                    vec![
                        (0, t("2020-05-01T08:00:00+00:00")),
                        (1, t("2020-05-01T09:00:00+00:00"))
                    ]
                ),
                (
                    t("a2"),
                    vec![
                        (0, t("2020-05-01T08:00:00+00:00")),
                        (1, t("2020-05-01T07:00:00+00:00"))
                    ]
                ),
            ]
        );
        let feed2 = include_str!("../../tests/data/field-cases/jsonl-epoch-times/feed2.jsonl");
        let (articles, problems) = times_of(feed2);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            articles[1],
            (t("a3"), vec![(0, t("2020-05-01T08:00:00+00:00"))])
        );
    }

    /// Cases of the same kind: seconds with a fraction, microseconds, digits in a string,
    /// a float-typed version column is refused by name, and `"007"` is version 7.
    #[test]
    fn other_data_frame_shapes() {
        let text = concat!(
            r#"{"article": 1, "version": "007", "created": 1588320000.25, "text": "A."}"#,
            "\n",
            r#"{"article": 1, "version": "8", "created": "1588320000000000", "text": "B."}"#,
            "\n",
            r#"{"article": 1, "version": 9.0, "created": 1588320000, "text": "C."}"#,
            "\n",
            r#"{"article": 1, "version": "10.0", "created": 1588320000, "text": "C."}"#,
            "\n",
            r#"{"article": 2, "version": 1.5, "created": 1588320000, "text": "C."}"#,
            "\n",
            r#"{"article": 3, "version": "x1", "created": 1588320000, "text": "C."}"#,
            "\n",
            r#"{"article": 4, "version": 0, "created": true, "text": "D."}"#,
            "\n",
        );
        let (articles, problems) = times_of(text);
        assert_eq!(
            articles,
            [(
                "1".to_string(),
                vec![
                    (7, "2020-05-01T08:00:00.250+00:00".to_string()),
                    (8, "2020-05-01T08:00:00+00:00".to_string()),
                    (9, "2020-05-01T08:00:00+00:00".to_string()),
                    (10, "2020-05-01T08:00:00+00:00".to_string())
                ]
            )]
        );
        let messages: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].contains("version 1.5 is no version number"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains(r#"version "x1" is no version number"#),
            "{messages:?}"
        );
        assert!(
            messages[2].contains("created true is no time"),
            "{messages:?}"
        );
    }

    #[test]
    fn entries_round_trip() {
        let e = Entry {
            hash: u64::MAX - 3,
            line: 9,
            offset: 1 << 40,
            len: 77,
        };
        assert_eq!(Entry::from_bytes(&e.to_bytes()), e);
    }
}
