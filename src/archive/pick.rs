//! One article out of an archive, for `diff`, `log` and `split --article ID`, and the list
//! of an archive's articles (`check --list`).
//!
//! An article's id is the archive's own: the `article` of a JSON Lines line, the
//! `entry_id` of a database row. In a directory, it is the path of the article's file or
//! subdirectory inside the directory (`story`, `aleppo.json`), and for an archive found
//! in the directory, that file's path, `#`, and the id inside it (`feeds/bbc.jsonl#a1`).

use std::path::Path;

use super::{Item, Loaded, Problem, Unit, UnitBody, entry_kind, file_kind};
use crate::Warning;
use crate::article::Article;

/// Why an article could not be taken out of an archive.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// No article of the archive has the id asked for.
    #[error(
        "{archive}: no article {id:?} (of {count} article{s}); `newsdiff check {archive} --list` lists the ids",
        s = if *count == 1 { "" } else { "s" }
    )]
    NoSuchArticle {
        /// The archive's path.
        archive: String,
        /// The id asked for.
        id: String,
        /// How many articles the archive has.
        count: usize,
    },
    /// The archive, or the article asked for, could not be read.
    #[error("{0}")]
    Unreadable(Problem),
}

/// One article of an archive as `check --list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveEntry {
    /// The id `--article` takes.
    pub id: String,
    /// How many versions it has (as stored, before parsing).
    pub versions: usize,
    /// Its latest title, when the archive keeps one.
    pub title: Option<String>,
}

/// Whether a path is an archive of many articles (a directory, a JSON Lines file, a
/// SQLite database) rather than one article.
pub fn is_archive(path: &Path) -> bool {
    match entry_kind(path) {
        Ok(super::EntryKind::Dir) => true,
        Ok(super::EntryKind::File) => file_kind(path) != super::FileKind::Article,
        Err(_) => false,
    }
}

/// The id of a unit read from `archive` (see the module docs).
fn unit_id(archive: &Path, unit: &Unit) -> String {
    let inside = |p: &Path| {
        p.strip_prefix(archive)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    match &unit.body {
        UnitBody::Files(files) => {
            // A subdirectory's unit is named by the directory; a file's by the file.
            let name = Path::new(&unit.name);
            match files.as_slice() {
                [one] if one == name => inside(one),
                _ => inside(name),
            }
        }
        UnitBody::Versions { meta, .. } => {
            let id = meta.id.clone().unwrap_or_default();
            // The unit's name is `FILE: article ID` or `FILE: entry ID`.
            let file = unit.name.split(": ").next().unwrap_or_default();
            if Path::new(file) == archive {
                id
            } else {
                format!("{}#{id}", inside(Path::new(file)))
            }
        }
    }
}

/// How many versions a unit has and its latest title, read without parsing when the
/// archive stores them apart (rows, lines), else by loading it.
fn describe(unit: &Unit) -> (usize, Option<String>) {
    match &unit.body {
        UnitBody::Versions { versions, .. } => (
            versions.len(),
            versions.iter().rev().find_map(|v| v.title.clone()),
        ),
        UnitBody::Files(_) => match unit.load() {
            Ok(l) => (
                l.article.revisions.len(),
                l.article
                    .revisions
                    .iter()
                    .rev()
                    .find_map(|r| r.title.clone())
                    .or(l.article.meta.title),
            ),
            Err(_) => (0, None),
        },
    }
}

/// The articles of an archive, in reading order, and what could not be read.
pub fn list_archive_articles(archive: &Path) -> (Vec<ArchiveEntry>, Vec<Problem>) {
    let (mut entries, mut problems) = (Vec::new(), Vec::new());
    super::read_path(archive, 0, &mut |item| {
        match item {
            Item::Unit(u) => {
                let (versions, title) = describe(&u);
                entries.push(ArchiveEntry {
                    id: unit_id(archive, &u),
                    versions,
                    title,
                });
            }
            Item::Problem(p) => problems.push(p),
        }
        true
    });
    (entries, problems)
}

/// The article `id` of an archive, with its parser's warnings; what could not be read of
/// it (a version with a bad time) comes as warnings too (kind `unreadable`), so nothing
/// is dropped silently.
pub fn load_archive_article(
    archive: &Path,
    id: &str,
) -> Result<(Article, Vec<Warning>), ArchiveError> {
    let mut found: Option<Unit> = None;
    let mut count = 0;
    let mut fatal: Option<Problem> = None;
    let mut skipped = 0;
    super::read_path(archive, 0, &mut |item| {
        match item {
            Item::Unit(u) if unit_id(archive, &u) == id => {
                found = Some(u);
                return false;
            }
            Item::Unit(_) => count += 1,
            // The archive as a whole could not be read.
            Item::Problem(p) if p.at == archive.display().to_string() => fatal = Some(p),
            // A line or row that could not be read may have been this article's.
            Item::Problem(_) => skipped += 1,
        }
        true
    });
    let Some(unit) = found else {
        return Err(match fatal {
            Some(p) if count == 0 => ArchiveError::Unreadable(p),
            _ => ArchiveError::NoSuchArticle {
                archive: archive.display().to_string(),
                id: id.to_string(),
                count,
            },
        });
    };
    let Loaded {
        article,
        mut warnings,
        problems,
        ..
    } = unit.load().map_err(ArchiveError::Unreadable)?;
    warnings.extend(problems.into_iter().map(|p| Warning {
        kind: "unreadable".into(),
        at: Some(p.at),
        message: p.message,
        chosen: None,
        runner_up: None,
        doubt: false,
    }));
    if skipped > 0 {
        warnings.push(Warning {
            kind: "unreadable".into(),
            at: Some(archive.display().to_string()),
            message: format!(
                "{skipped} line{} or row{} of the archive could not be read and may have held \
                 versions of this article; `newsdiff check {}` names them",
                if skipped == 1 { "" } else { "s" },
                if skipped == 1 { "" } else { "s" },
                archive.display()
            ),
            chosen: None,
            runner_up: None,
            doubt: false,
        });
    }
    Ok((article, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_a_directory_and_a_json_lines_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("story")).unwrap();
        std::fs::write(root.join("story/1.txt"), "One.").unwrap();
        std::fs::write(root.join("story/2.txt"), "Two.").unwrap();
        std::fs::write(
            root.join("feed.jsonl"),
            "{\"article\": \"a1\", \"title\": \"T\", \"text\": \"X.\"}\n",
        )
        .unwrap();
        let (entries, problems) = list_archive_articles(root);
        assert!(problems.is_empty(), "{problems:?}");
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["feed.jsonl#a1", "story"]);
        assert_eq!(entries[1].versions, 2);
        let (a, _) = load_archive_article(root, "story").unwrap();
        assert_eq!(a.revisions.len(), 2);
        let (entries, _) = list_archive_articles(&root.join("feed.jsonl"));
        assert_eq!(entries[0].id, "a1");
        assert_eq!(entries[0].title.as_deref(), Some("T"));
        // A line that could not be read is counted in a warning, not dropped silently.
        std::fs::write(
            root.join("bad.jsonl"),
            "{\"article\": \"b\", \"text\": \"X.\"}\nnot json\n{\"article\": \"b\", \"text\": \"Y.\"}\n",
        )
        .unwrap();
        let (a, w) = load_archive_article(&root.join("bad.jsonl"), "b").unwrap();
        assert_eq!(a.revisions.len(), 2);
        assert!(
            w.iter()
                .any(|w| w.kind == "unreadable" && w.message.starts_with("1 line")),
            "{w:?}"
        );
        let e = load_archive_article(root, "nope").unwrap_err().to_string();
        assert!(e.contains("no article \"nope\" (of 3 articles)"), "{e}");
        assert!(e.contains("--list"), "{e}");
    }
}
