//! The SQLite form of an export (schema in `docs/export.md`).
//!
//! One row per article, revision, sentence, diff, link and class finding, keyed by
//! `article` (the export's own 1-based number) and positions, so that joins need no
//! version numbers (which archives may repeat). Rows are written in one transaction per
//! [`BATCH`] articles: a transaction per article would spend the run on fsyncs, one for
//! the whole export would hold an unbounded journal.

use std::path::Path;

use rusqlite::{Connection, params};

use super::{Made, Sink, link_count};
use crate::article::boilerplate::IgnoreReason;
use crate::changelog::{ChangeLog, RevisionDiff};

/// Articles per transaction.
const BATCH: usize = 256;

/// The tables. `links` holds one row per added or deleted sentence and per pair of linked
/// old and new sentences (a merge of 2 into 1 is 2 rows), with the op it belongs to.
///
/// The tables with many rows per article are `WITHOUT ROWID`, keyed by article and
/// position: rows arrive in key order, so each is stored once, in the key's B-tree,
/// instead of in a table and again in an index (measured on a 3,000-version generated
/// archive: the writer's instructions fell by about a fifth).
pub const SCHEMA: &str = "
CREATE TABLE articles (
  article INTEGER PRIMARY KEY,   -- 1, 2, 3… in reading order
  name TEXT NOT NULL,            -- how the archive names it (path, `file: article ID`)
  id TEXT, title TEXT, url TEXT, source TEXT
);
CREATE TABLE revisions (
  article INTEGER NOT NULL REFERENCES articles(article),
  revision INTEGER NOT NULL,     -- position, 0-based
  version INTEGER NOT NULL,      -- the version number the input gave
  created TEXT,                  -- RFC 3339
  title TEXT, label TEXT,
  sentences INTEGER NOT NULL,
  set_aside INTEGER NOT NULL,    -- boilerplate paragraphs set aside
  PRIMARY KEY (article, revision)
) WITHOUT ROWID;
CREATE TABLE ignored (           -- paragraphs set aside as boilerplate
  article INTEGER NOT NULL, revision INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,    -- its place among the paragraphs as read
  text TEXT NOT NULL,
  reason TEXT NOT NULL,          -- share-prompt, timestamp, copyright, …, pattern
  pattern TEXT                   -- the user's pattern, for reason `pattern`
);
CREATE TABLE sentences (
  article INTEGER NOT NULL, revision INTEGER NOT NULL,
  sentence INTEGER NOT NULL,     -- 0-based within the revision
  paragraph INTEGER NOT NULL,    -- 0-based within the revision
  text TEXT NOT NULL,
  PRIMARY KEY (article, revision, sentence)
) WITHOUT ROWID;
CREATE TABLE diffs (
  article INTEGER NOT NULL,
  diff INTEGER NOT NULL,         -- 0-based within the article
  old_revision INTEGER NOT NULL, new_revision INTEGER NOT NULL,
  from_version INTEGER NOT NULL, to_version INTEGER NOT NULL,
  title_changed INTEGER NOT NULL,
  added INTEGER NOT NULL, deleted INTEGER NOT NULL, edited INTEGER NOT NULL,
  merged INTEGER NOT NULL, split INTEGER NOT NULL, rewritten INTEGER NOT NULL,
  moved INTEGER NOT NULL,
  words_added INTEGER NOT NULL, words_removed INTEGER NOT NULL,
  changed_share REAL NOT NULL,
  PRIMARY KEY (article, diff)
) WITHOUT ROWID;
CREATE TABLE links (
  article INTEGER NOT NULL, diff INTEGER NOT NULL,
  link INTEGER NOT NULL,         -- 0-based within the diff, in the order of the ops
  op INTEGER NOT NULL,           -- the op's index in the diff's ops
  old_sentence INTEGER,          -- NULL: added
  new_sentence INTEGER,          -- NULL: deleted
  kind TEXT NOT NULL,            -- unchanged, edited, merged, split, rewritten, added, deleted
  moved INTEGER NOT NULL,
  similarity REAL NOT NULL,
  PRIMARY KEY (article, diff, link)
) WITHOUT ROWID;
CREATE TABLE classes (
  article INTEGER NOT NULL, diff INTEGER NOT NULL,
  class TEXT NOT NULL,           -- number, quotation, headline, …
  old TEXT, new TEXT             -- one piece of evidence (NULL when none, or absent)
);
";

/// Indexes beyond the keys, built once the rows are in: one sort of the finished table
/// costs less than keeping the index in order through every insert.
const INDEXES: &str = "CREATE INDEX classes_by_class ON classes (class);";

/// Writes articles into a new database.
pub struct Writer {
    conn: Connection,
    articles: usize,
}

fn text(e: rusqlite::Error) -> String {
    e.to_string()
}

impl Writer {
    /// A new database at `path` (an existing file there is replaced) with the tables.
    pub fn create(path: &Path) -> Result<Writer, String> {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.to_string()),
        }
        let conn = Connection::open(path).map_err(text)?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
             PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY;",
        )
        .map_err(text)?;
        conn.execute_batch(SCHEMA).map_err(text)?;
        conn.execute_batch("BEGIN").map_err(text)?;
        Ok(Writer { conn, articles: 0 })
    }

    fn write(&self, n: i64, made: &Made) -> rusqlite::Result<()> {
        let log = &made.log;
        let meta = &log.article;
        self.conn
            .prepare_cached("INSERT INTO articles VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![
                n,
                made.name,
                meta.id,
                meta.title,
                meta.url,
                meta.source
            ])?;
        self.revisions(n, log)?;
        for (k, d) in log.diffs.iter().enumerate() {
            self.diff(n, k as i64, d)?;
        }
        Ok(())
    }

    fn revisions(&self, n: i64, log: &ChangeLog) -> rusqlite::Result<()> {
        let mut rev = self
            .conn
            .prepare_cached("INSERT INTO revisions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
        let mut sent = self
            .conn
            .prepare_cached("INSERT INTO sentences VALUES (?1, ?2, ?3, ?4, ?5)")?;
        let mut ignored = self
            .conn
            .prepare_cached("INSERT INTO ignored VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        for (i, r) in log.revisions.iter().enumerate() {
            rev.execute(params![
                n,
                i as i64,
                r.version as i64,
                r.created.map(|t| t.to_rfc3339()),
                r.title,
                r.label,
                r.sentence_count() as i64,
                r.ignored.len() as i64
            ])?;
            for g in &r.ignored {
                let (reason, pattern) = reason_of(&g.reason);
                ignored.execute(params![
                    n,
                    i as i64,
                    g.paragraph as i64,
                    g.text,
                    reason,
                    pattern
                ])?;
            }
            for (p, para) in r.paragraphs().iter().enumerate() {
                for s in para.sentence_indices() {
                    sent.execute(params![n, i as i64, s as i64, p as i64, r.sentence(s)])?;
                }
            }
        }
        Ok(())
    }

    fn diff(&self, n: i64, k: i64, d: &RevisionDiff) -> rusqlite::Result<()> {
        let s = &d.stats;
        self.conn
            .prepare_cached(
                "INSERT INTO diffs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \
                 ?13, ?14, ?15, ?16, ?17)",
            )?
            .execute(params![
                n,
                k,
                d.old_revision as i64,
                d.new_revision as i64,
                d.from as i64,
                d.to as i64,
                d.title.is_some(),
                s.added as i64,
                s.deleted as i64,
                s.edited as i64,
                s.merged as i64,
                s.split as i64,
                s.rewritten as i64,
                s.moved as i64,
                s.words_added as i64,
                s.words_removed as i64,
                s.changed_share
            ])?;
        self.links(n, k, d)?;
        let mut class = self
            .conn
            .prepare_cached("INSERT INTO classes VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for c in &d.classes {
            if c.changes.is_empty() {
                class.execute(params![
                    n,
                    k,
                    c.class.name(),
                    None::<String>,
                    None::<String>
                ])?;
            }
            for e in &c.changes {
                class.execute(params![n, k, c.class.name(), e.old, e.new])?;
            }
        }
        Ok(())
    }

    fn links(&self, n: i64, k: i64, d: &RevisionDiff) -> rusqlite::Result<()> {
        let mut link = self
            .conn
            .prepare_cached("INSERT INTO links VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
        let mut l = 0i64;
        for (i, op) in d.ops.iter().enumerate() {
            let kind = op.kind.name();
            let olds: Vec<Option<i64>> = side(&op.old);
            let news: Vec<Option<i64>> = side(&op.new);
            for o in &olds {
                for w in &news {
                    link.execute(params![
                        n,
                        k,
                        l,
                        i as i64,
                        o,
                        w,
                        kind,
                        op.moved,
                        op.similarity
                    ])?;
                    l += 1;
                }
            }
        }
        Ok(())
    }
}

/// The `reason` and `pattern` columns of a paragraph set aside, as the JSON spells them.
fn reason_of(r: &IgnoreReason) -> (String, Option<String>) {
    let json = serde_json::to_value(r).unwrap_or_default();
    let field = |k: &str| json.get(k).and_then(|v| v.as_str()).map(String::from);
    (field("reason").unwrap_or_default(), field("pattern"))
}

/// A side of an op as link ends: its sentences, or one NULL when it has none.
fn side(idx: &[usize]) -> Vec<Option<i64>> {
    if idx.is_empty() {
        vec![None]
    } else {
        idx.iter().map(|&i| Some(i as i64)).collect()
    }
}

impl Sink for Writer {
    fn article(&mut self, made: &Made) -> Result<usize, String> {
        self.articles += 1;
        self.write(self.articles as i64, made).map_err(text)?;
        if self.articles.is_multiple_of(BATCH) {
            self.conn.execute_batch("COMMIT; BEGIN").map_err(text)?;
        }
        Ok(link_count(&made.log))
    }

    fn finish(&mut self) -> Result<(), String> {
        self.conn.execute_batch("COMMIT").map_err(text)?;
        self.conn.execute_batch(INDEXES).map_err(text)
    }
}
