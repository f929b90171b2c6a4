//! SQLite archives in the diffengine layout: a table `entry` (`id`, `url`, …) and a table
//! `entryversion` whose rows are versions (`entry_id`, `title`, `url`, `summary` holding
//! the article HTML, `created`). The NewsEdits raw databases use the same layout, with a
//! `version` column in `entryversion` (and sometimes no `entry` table, or a `source`
//! column); whichever of these columns exist are used.
//!
//! Versions are read in one query ordered by entry (and version, or row id: diffengine
//! inserts a version when it sees it), so SQLite streams them (with an index on
//! `entry_id`) or sorts them with its own disk-backed sorter: memory stays bounded
//! whatever the database's size. The database is opened read-only.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::{Body, Item, Problem, RawVersion, Unit, UnitBody, url_host};
use crate::article::ArticleMeta;

/// Reads a database. Returns false when `emit` asked to stop.
pub fn read(path: &Path, root: usize, emit: &mut dyn FnMut(Item) -> bool) -> bool {
    let shown = path.display().to_string();
    match read_inner(path, &shown, root, emit) {
        Ok(keep) => keep,
        Err(message) => emit(Item::Problem(Problem::new(shown, message))),
    }
}

/// The columns of `entryversion` (and `entry`) that the query uses.
struct Layout {
    version: bool,
    created: bool,
    title: bool,
    url: bool,
    source: bool,
    entry_url: bool,
}

impl Layout {
    /// The layout of an open database.
    ///
    /// # Errors
    /// The database cannot be read, or it has no `entryversion` table with the
    /// `entry_id` and `summary` columns.
    fn of(conn: &Connection) -> Result<Layout, String> {
        let version_cols = columns(conn, "entryversion")?;
        if version_cols.is_empty() {
            return Err(
                "not a diffengine or NewsEdits database: it has no `entryversion` table".into(),
            );
        }
        for needed in ["entry_id", "summary"] {
            if !version_cols.contains(needed) {
                return Err(format!("table `entryversion` has no `{needed}` column"));
            }
        }
        let entry_cols = columns(conn, "entry")?;
        Ok(Layout {
            version: version_cols.contains("version"),
            created: version_cols.contains("created"),
            title: version_cols.contains("title"),
            url: version_cols.contains("url"),
            source: version_cols.contains("source"),
            entry_url: entry_cols.contains("id") && entry_cols.contains("url"),
        })
    }

    /// The query of every version, by entry: row id, entry id, version, created, title,
    /// url, source, summary, the entry's url (NULL for a column the database lacks).
    fn query(&self) -> String {
        let col = |has: bool, name: &str| {
            if has {
                format!("v.{name}")
            } else {
                "NULL".to_string()
            }
        };
        format!(
            "SELECT v.rowid, v.entry_id, {}, {}, {}, {}, {}, v.summary, {} \
             FROM entryversion v {} ORDER BY v.entry_id, {}v.rowid",
            col(self.version, "version"),
            col(self.created, "created"),
            col(self.title, "title"),
            col(self.url, "url"),
            col(self.source, "source"),
            if self.entry_url { "e.url" } else { "NULL" },
            if self.entry_url {
                "LEFT JOIN entry e ON e.id = v.entry_id"
            } else {
                ""
            },
            if self.version { "v.version, " } else { "" },
        )
    }
}

fn columns(conn: &Connection, table: &str) -> Result<HashSet<String>, String> {
    let mut stmt = conn
        .prepare(&format!("PRAGMA table_info({table})"))
        .map_err(db_error)?;
    let names = stmt
        .query_map([], |row| row.get::<_, String>(1))
        .map_err(db_error)?
        .collect::<Result<HashSet<_>, _>>()
        .map_err(db_error)?;
    Ok(names.into_iter().map(|n| n.to_ascii_lowercase()).collect())
}

fn db_error(e: rusqlite::Error) -> String {
    format!("cannot read as a SQLite database: {e}")
}

/// The versions of one entry read so far; the rows of an entry come together.
struct EntryRows {
    id: String,
    meta: ArticleMeta,
    versions: Vec<RawVersion>,
}

fn read_inner(
    path: &Path,
    shown: &str,
    root: usize,
    emit: &mut dyn FnMut(Item) -> bool,
) -> Result<bool, String> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(db_error)?;
    let mut stmt = conn
        .prepare(&Layout::of(&conn)?.query())
        .map_err(db_error)?;
    let mut rows = stmt.query([]).map_err(db_error)?;
    let mut current: Option<EntryRows> = None;
    loop {
        let row = match rows.next() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) => {
                // A damaged page: hand over what was read, report, and stop this file.
                let keep = hand_over(current.take(), shown, root, emit);
                return Ok(keep
                    && emit(Item::Problem(Problem::new(
                        shown,
                        format!("{}; the rest of the database is skipped", db_error(e)),
                    ))));
            }
        };
        let entry = cell(row, 1).unwrap_or_default();
        if current.as_ref().is_some_and(|c| c.id != entry)
            && !hand_over(current.take(), shown, root, emit)
        {
            return Ok(false);
        }
        let current = current.get_or_insert_with(|| EntryRows {
            id: entry.clone(),
            meta: ArticleMeta {
                id: Some(entry.clone()),
                ..ArticleMeta::default()
            },
            versions: Vec::new(),
        });
        match read_version(row, shown, current) {
            Ok(v) => current.versions.push(v),
            Err(p) => {
                if !emit(Item::Problem(p)) {
                    return Ok(false);
                }
            }
        }
    }
    Ok(hand_over(current.take(), shown, root, emit))
}

/// Hands over an entry's article, if it has a version. False when `emit` asked to stop.
fn hand_over(
    entry: Option<EntryRows>,
    shown: &str,
    root: usize,
    emit: &mut dyn FnMut(Item) -> bool,
) -> bool {
    match entry {
        Some(e) if !e.versions.is_empty() => emit(Item::Unit(Unit {
            name: format!("{shown}: entry {}", e.id),
            root,
            body: UnitBody::Versions {
                meta: e.meta,
                versions: e.versions,
            },
        })),
        _ => true,
    }
}

/// A row of [`Layout::query`] as a version of `entry`, whose URL and source it may
/// supply. A row without text is a problem, named by its row.
fn read_version(
    row: &rusqlite::Row<'_>,
    shown: &str,
    entry: &mut EntryRows,
) -> Result<RawVersion, Problem> {
    let rowid = cell(row, 0).unwrap_or_default();
    let version = match row.get_ref(2) {
        Ok(ValueRef::Integer(v)) => u64::try_from(v).ok(),
        Ok(ValueRef::Real(v)) if v >= 0.0 && v.fract() == 0.0 => Some(v as u64),
        Ok(ValueRef::Text(t)) => std::str::from_utf8(t).ok().and_then(|t| t.parse().ok()),
        _ => None,
    };
    let at = match version {
        Some(v) => format!(
            "{shown}: entryversion row {rowid} (entry {}, version {v})",
            entry.id
        ),
        None => format!("{shown}: entryversion row {rowid} (entry {})", entry.id),
    };
    // A number is a Unix time in seconds or milliseconds, which `parse_time` tells apart
    // by magnitude, as it does for JSON Lines.
    let created = row.get_ref(3).ok().and_then(text_of);
    let meta = &mut entry.meta;
    let url = cell(row, 5);
    if meta.url.is_none() {
        meta.url = cell(row, 8).or_else(|| url.clone());
    }
    if meta.source.is_none() {
        meta.source = cell(row, 6).or_else(|| meta.url.as_deref().and_then(url_host));
    }
    let Some(summary) = cell(row, 7) else {
        return Err(Problem::new(
            at,
            "the version has no text (`summary` is empty); the version is skipped",
        ));
    };
    Ok(RawVersion {
        at,
        version,
        created,
        title: cell(row, 4),
        url,
        body: Body::Html(summary),
    })
}

/// Column `i` of a row as text (see [`text_of`]).
fn cell(row: &rusqlite::Row<'_>, i: usize) -> Option<String> {
    row.get_ref(i).ok().and_then(text_of)
}

/// A cell as text: text and blobs (when UTF-8) as they are, numbers written out, NULL and
/// empty strings as nothing.
fn text_of(v: ValueRef<'_>) -> Option<String> {
    let s = match v {
        ValueRef::Null => return None,
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    };
    (!s.trim().is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(path: &Path) -> (Vec<Unit>, Vec<Problem>) {
        let (mut units, mut problems) = (Vec::new(), Vec::new());
        read(path, 0, &mut |i| {
            match i {
                Item::Unit(u) => units.push(u),
                Item::Problem(p) => problems.push(p),
            }
            true
        });
        (units, problems)
    }

    #[test]
    fn newsedits_layout_with_versions_and_no_entry_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ne.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE entryversion (id INTEGER PRIMARY KEY, entry_id INTEGER, version INTEGER,
                 title TEXT, url TEXT, created TEXT, summary TEXT, source TEXT);
             INSERT INTO entryversion VALUES (1, 5, 1, 'T', 'https://x.org/a', '2020-01-01 10:00:00', '<p>Two.</p>', 'wp');
             INSERT INTO entryversion VALUES (2, 5, 0, 'T', 'https://x.org/a', '2020-01-01 09:00:00', '<p>One.</p>', 'wp');
             INSERT INTO entryversion VALUES (3, 6, 0, 'U', 'https://x.org/b', '2020-01-01 09:00:00', NULL, 'wp');",
        )
        .unwrap();
        drop(conn);
        let (units, problems) = collect(&path);
        assert_eq!(units.len(), 1);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].at.contains("row 3 (entry 6, version 0)"),
            "{problems:?}"
        );
        let loaded = units[0].load().unwrap();
        let texts: Vec<&str> = loaded.article.revisions.iter().map(|r| r.text()).collect();
        assert_eq!(texts, ["One.", "Two."]);
        assert_eq!(loaded.article.meta.source.as_deref(), Some("wp"));
    }

    #[test]
    fn not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.db");
        std::fs::write(
            &path,
            b"SQLite format 3\0 but then garbage, garbage, garbage",
        )
        .unwrap();
        let (units, problems) = collect(&path);
        assert!(units.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("SQLite"), "{problems:?}");
    }
}
