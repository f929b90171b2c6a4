//! JSON Lines archives: one version per line,
//! `{"article": "id", "version": 3, "created": "RFC 3339", "title": "...", "url": "...",
//! "text": "..."}` (also `source`, and `html` instead of `text`). The versions of one
//! article may be spread over the file.
//!
//! Two passes keep memory bounded whatever the file's size. The first reads each line's
//! article id and files the line's place (24 bytes: id hash, offset, length, line number)
//! into one of several buckets by the hash, spilling the buckets to temporary files when
//! the archive is large. The second takes one bucket at a time, groups its lines by
//! article, reads each article's lines back and hands the article over. Memory is one
//! bucket's index (a bucket covers about [`BUCKET_BYTES`] of the archive) and one article.

use std::collections::hash_map::DefaultHasher;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
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

/// The first pass reads only the id.
#[derive(Deserialize)]
struct IdOnly {
    article: Option<Id>,
}

/// A whole line.
#[derive(Deserialize)]
struct Line {
    article: Id,
    #[serde(default)]
    version: Option<u64>,
    #[serde(default)]
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
    let count = (size / BUCKET_BYTES + 1) as usize;
    let mut buckets = if count == 1 {
        Buckets::Memory(Vec::new())
    } else {
        let mut spill = Vec::with_capacity(count);
        for _ in 0..count {
            match tempfile::tempfile() {
                Ok(f) => spill.push(BufWriter::with_capacity(16 << 10, f)),
                Err(e) => return emit(problem(format!("cannot make a temporary file: {e}"))),
            }
        }
        Buckets::Spilled(spill)
    };

    // Pass 1: ids and places.
    let mut reader = BufReader::with_capacity(1 << 20, &file);
    let mut buf = Vec::new();
    let (mut offset, mut line) = (0u64, 0u64);
    loop {
        buf.clear();
        let n = match (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
        {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                return emit(problem(format!(
                    "cannot read after line {line}: {e}; the rest of the file is skipped"
                )));
            }
        };
        line += 1;
        let at = offset;
        offset += n as u64;
        if n > MAX_LINE {
            // Skip the rest of the line.
            let mut rest = Vec::new();
            while !buf.ends_with(b"\n") {
                rest.clear();
                match reader.read_until(b'\n', &mut rest) {
                    Ok(0) | Err(_) => break,
                    Ok(k) => {
                        offset += k as u64;
                        buf.clear();
                        buf.extend_from_slice(&rest[rest.len().saturating_sub(1)..]);
                    }
                }
            }
            if !emit(Item::Problem(Problem::new(
                format!("{shown}:{line}"),
                format!("line longer than {MAX_LINE} bytes; the line is skipped"),
            ))) {
                return false;
            }
            continue;
        }
        let content = trim_ascii(&buf);
        if content.is_empty() {
            continue;
        }
        let id = match serde_json::from_slice::<IdOnly>(content) {
            Ok(IdOnly { article: Some(id) }) => id.into_string(),
            Ok(IdOnly { article: None }) => {
                if !emit(Item::Problem(Problem::new(
                    format!("{shown}:{line}"),
                    "no `article` id; the line is skipped",
                ))) {
                    return false;
                }
                continue;
            }
            Err(e) => {
                if !emit(Item::Problem(Problem::new(
                    format!("{shown}:{line}"),
                    format!("not a JSON object ({e}); the line is skipped"),
                ))) {
                    return false;
                }
                continue;
            }
        };
        let hash = hash_id(&id);
        let entry = Entry {
            hash,
            line,
            offset: at,
            len: n as u64,
        };
        match &mut buckets {
            Buckets::Memory(v) => v.push(entry),
            Buckets::Spilled(files) => {
                let k = (hash % files.len() as u64) as usize;
                if let Err(e) = files[k].write_all(&entry.to_bytes()) {
                    return emit(problem(format!("cannot write a temporary file: {e}")));
                }
            }
        }
    }

    // Pass 2: one bucket at a time.
    match buckets {
        Buckets::Memory(entries) => emit_bucket(&file, &shown, root, entries, emit),
        Buckets::Spilled(files) => {
            for w in files {
                let entries = match w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .and_then(|mut f| {
                        f.seek(SeekFrom::Start(0))?;
                        let mut bytes = Vec::new();
                        f.read_to_end(&mut bytes)?;
                        Ok(bytes)
                    }) {
                    Ok(bytes) => bytes
                        .chunks_exact(Entry::SIZE)
                        .map(Entry::from_bytes)
                        .collect(),
                    Err(e) => return emit(problem(format!("cannot read a temporary file: {e}"))),
                };
                if !emit_bucket(&file, &shown, root, entries, emit) {
                    return false;
                }
            }
            true
        }
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
        let mut articles: Vec<(String, ArticleMeta, Vec<RawVersion>)> = Vec::new();
        for e in group {
            let at = format!("{shown}:{}", e.line);
            let parsed = read_line(file, e).and_then(|bytes| {
                serde_json::from_slice::<Line>(trim_ascii(&bytes))
                    .map_err(|err| format!("not a version line ({err}); the line is skipped"))
            });
            let line = match parsed {
                Ok(l) => l,
                Err(m) => {
                    if !emit(Item::Problem(Problem::new(at, m))) {
                        return false;
                    }
                    continue;
                }
            };
            let id = line.article.into_string();
            let body = match (line.text, line.html) {
                (Some(t), _) => Body::Text(t),
                (None, Some(h)) => Body::Html(h),
                (None, None) => {
                    let what = line
                        .version
                        .map_or("a version".to_string(), |v| format!("version {v}"));
                    if !emit(Item::Problem(Problem::new(
                        at,
                        format!("{what} of article {id} has no `text`; the version is skipped"),
                    ))) {
                        return false;
                    }
                    continue;
                }
            };
            let k = match articles.iter().position(|(a, _, _)| *a == id) {
                Some(k) => k,
                None => {
                    articles.push((
                        id.clone(),
                        ArticleMeta {
                            id: Some(id.clone()),
                            ..ArticleMeta::default()
                        },
                        Vec::new(),
                    ));
                    articles.len() - 1
                }
            };
            let meta = &mut articles[k].1;
            if meta.url.is_none() {
                meta.url = line.url;
            }
            if meta.source.is_none() {
                meta.source = line.source;
            }
            articles[k].2.push(RawVersion {
                at,
                version: line.version,
                created: line.created,
                title: line.title,
                body,
            });
        }
        for (id, meta, versions) in articles {
            let unit = Unit {
                name: format!("{shown}: article {id}"),
                root,
                body: UnitBody::Versions { meta, versions },
            };
            if !emit(Item::Unit(unit)) {
                return false;
            }
        }
    }
    true
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
