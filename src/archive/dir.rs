//! A directory archive: each file an article, each subdirectory an article whose files
//! are its versions in name order. Hidden entries (`.name`), `newsdiff.toml` and READMEs
//! (the archive's notes on itself) are skipped; JSON Lines files and SQLite databases are
//! read as archives of their own.

use std::path::{Path, PathBuf};

use super::{EntryKind, Item, Problem, Unit, UnitBody, entry_kind};

/// The configuration file of an archive root, never an article.
pub const CONFIG_FILE: &str = "newsdiff.toml";

/// Reads a directory, entry by entry in name order. Only the names of one directory are
/// held at a time; the articles stream.
pub fn read(dir: &Path, root: usize, emit: &mut dyn FnMut(Item) -> bool) -> bool {
    let entries = match list(dir) {
        Ok(e) => e,
        Err(p) => return emit(Item::Problem(p)),
    };
    for path in entries {
        let keep_going = match entry_kind(&path) {
            Err(p) => emit(Item::Problem(p)),
            Ok(EntryKind::Dir) => read_article_dir(&path, root, emit),
            Ok(EntryKind::File)
                if path
                    .file_name()
                    .is_some_and(|n| n == CONFIG_FILE || is_readme(n)) =>
            {
                true
            }
            Ok(EntryKind::File) => super::read_file(&path, root, emit),
        };
        if !keep_going {
            return false;
        }
    }
    true
}

/// A subdirectory: one article, its files the versions in name order. An entry that is
/// not a regular file (a nested directory, a FIFO) is reported, never read.
fn read_article_dir(dir: &Path, root: usize, emit: &mut dyn FnMut(Item) -> bool) -> bool {
    let entries = match list(dir) {
        Ok(e) => e,
        Err(p) => return emit(Item::Problem(p)),
    };
    let mut files: Vec<PathBuf> = Vec::with_capacity(entries.len());
    for path in entries {
        let problem = match entry_kind(&path) {
            Ok(EntryKind::File) => {
                files.push(path);
                continue;
            }
            Ok(EntryKind::Dir) => Problem::new(
                path.display().to_string(),
                "a directory inside an article directory; skipped (an article's versions \
                 are the files directly in it)",
            ),
            Err(p) => p,
        };
        if !emit(Item::Problem(problem)) {
            return false;
        }
    }
    if files.is_empty() {
        return emit(Item::Problem(Problem::new(
            dir.display().to_string(),
            "an article directory with no version files",
        )));
    }
    emit(Item::Unit(Unit {
        name: dir.display().to_string(),
        root,
        body: UnitBody::Files(files),
    }))
}

/// `README`, `README.md`, `readme.txt`: notes about the archive, not an article.
fn is_readme(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy().to_ascii_lowercase();
    name == "readme" || name.starts_with("readme.")
}

/// The visible entries of a directory, sorted by name.
fn list(dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    let read = std::fs::read_dir(dir)
        .map_err(|e| Problem::new(dir.display().to_string(), format!("cannot list: {e}")))?;
    let mut out = Vec::new();
    for entry in read {
        let entry = entry
            .map_err(|e| Problem::new(dir.display().to_string(), format!("cannot list: {e}")))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        out.push(entry.path());
    }
    out.sort();
    Ok(out)
}
