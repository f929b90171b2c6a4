//! Git histories: every committed version of one file, oldest first, read with `gix` (pure
//! Rust; no `git` binary is needed).
//!
//! The versions are the commits reachable from `HEAD` in which the file's content differs
//! from every parent's (as `git log -- PATH` lists them on a linear history). Each carries
//! its committer time and its commit id; [`super::load_git`] reads each with the format
//! detected for its content.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::MAX_INPUT_BYTES;
use crate::{Error, InputProblem};

/// One committed version of a file.
#[derive(Debug)]
pub struct Version {
    /// The commit's id, in full hexadecimal.
    pub commit: String,
    /// The committer time, in the committer's offset.
    pub time: Option<DateTime<FixedOffset>>,
    /// The file's content at that commit.
    pub content: Vec<u8>,
}

/// Every committed version of the file `name`, oldest first.
pub fn history(name: &str) -> Result<Vec<Version>, Error> {
    let fail = |msg: String| Error::input(name, InputProblem::Format(msg));
    let (repo, relative) = locate(name).map_err(fail)?;
    let versions =
        walk(&repo, &relative).map_err(|e| fail(format!("cannot read its git history: {e}")))?;
    if versions.is_empty() {
        return Err(fail(format!(
            "has no committed version in the git repository at {}",
            repo.workdir().unwrap_or(repo.git_dir()).display()
        )));
    }
    Ok(versions)
}

/// The repository whose working tree holds `name`, and the path inside it.
fn locate(name: &str) -> Result<(gix::Repository, PathBuf), String> {
    let path = Path::new(name);
    if path.is_dir() {
        return Err("is a directory; --git reads the history of one file".into());
    }
    let file_name = path.file_name().ok_or("names no file")?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = parent
        .canonicalize()
        .map_err(|_| "is in a folder that does not exist".to_string())?;
    let not_in_repo =
        || "is not inside a git working tree (--git reads a file's committed versions)";
    let repo = gix::discover(&dir).map_err(|_| not_in_repo().to_string())?;
    let workdir = repo
        .workdir()
        .ok_or_else(|| not_in_repo().to_string())?
        .canonicalize()
        .map_err(|_| not_in_repo().to_string())?;
    let inside = dir
        .strip_prefix(&workdir)
        .map_err(|_| not_in_repo().to_string())?;
    let relative = inside.join(file_name);
    Ok((repo, relative))
}

/// The versions of `relative` in the history of `HEAD`, oldest first.
fn walk(
    repo: &gix::Repository,
    relative: &Path,
) -> Result<Vec<Version>, Box<dyn std::error::Error + Send + Sync>> {
    let head = repo.head_commit()?;
    let mut out = Vec::new();
    for info in repo.rev_walk([head.id]).all()? {
        let info = info?;
        let commit = info.object()?;
        let blob_id = match commit.tree()?.lookup_entry_by_path(relative)? {
            Some(entry) if entry.mode().is_blob() => entry.object_id(),
            _ => continue,
        };
        let mut unchanged = false;
        for parent in info.parent_ids() {
            let tree = parent.object()?.into_commit().tree()?;
            if tree.lookup_entry_by_path(relative)?.map(|e| e.object_id()) == Some(blob_id) {
                unchanged = true;
                break;
            }
        }
        if unchanged {
            continue;
        }
        let blob = repo.find_blob(blob_id)?;
        if blob.data.len() as u64 > MAX_INPUT_BYTES {
            return Err(format!("the version of commit {} is too large", commit.id).into());
        }
        let time = commit.time()?;
        out.push(Version {
            commit: commit.id.to_string(),
            time: FixedOffset::east_opt(time.offset).and_then(|o| {
                DateTime::from_timestamp(time.seconds, 0).map(|t| t.with_timezone(&o))
            }),
            content: blob.data.clone(),
        });
    }
    out.reverse();
    Ok(out)
}
