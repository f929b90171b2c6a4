//! The change log as its JSON document: how [`ChangeLog`] is written and read back.
//!
//! The model holds [`Revision`]s and names a diff's revisions by position; the document
//! writes each revision as a [`RevisionDoc`] and each diff with both its positions
//! (`old_revision`, `new_revision`) and its version numbers (`from`, `to`). A change log
//! written before the positions were added is read by finding each version number in
//! the list (the first revision with it at or after the one before).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ChangeLog, RevisionDiff, SCHEMA, Stats, TitleChange};
use crate::Warning;
use crate::align::Op;
use crate::article::ArticleMeta;
use crate::article::doc::RevisionDoc;
use crate::classify::{ClassEvidence, OpClasses};

/// The whole document, field for field as `docs/changelog.schema.json` describes it.
#[derive(Serialize, Deserialize)]
struct Document {
    schema: String,
    article: ArticleMeta,
    revisions: Vec<RevisionDoc>,
    diffs: Vec<DiffDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<Warning>,
}

/// One diff in the document.
#[derive(Serialize, Deserialize)]
struct DiffDoc {
    from: u64,
    to: u64,
    /// Positions in `revisions`; absent in change logs from before they were written.
    #[serde(default)]
    old_revision: Option<usize>,
    #[serde(default)]
    new_revision: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<TitleChange>,
    /// Absent only in change logs from before classes.
    #[serde(default)]
    classes: Vec<ClassEvidence>,
    ops: Vec<Op>,
    #[serde(default)]
    op_classes: Vec<OpClasses>,
    stats: Stats,
}

impl Serialize for ChangeLog {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Document {
            schema: SCHEMA.to_string(),
            article: self.article.clone(),
            revisions: self
                .revisions
                .iter()
                .map(RevisionDoc::from_revision)
                .collect(),
            diffs: self.diffs.iter().map(DiffDoc::from).collect(),
            warnings: self.warnings.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for ChangeLog {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let doc = Document::deserialize(d)?;
        if doc.schema != SCHEMA {
            return Err(D::Error::custom(format!(
                "schema {:?} is not {SCHEMA:?}",
                doc.schema
            )));
        }
        let revisions = doc
            .revisions
            .iter()
            .enumerate()
            .map(|(i, r)| r.to_revision(i, i as u64))
            .collect::<Result<Vec<_>, _>>()
            .map_err(D::Error::custom)?;
        let versions: Vec<u64> = revisions.iter().map(|r| r.version).collect();
        let diffs = doc
            .diffs
            .into_iter()
            .enumerate()
            .map(|(k, diff)| {
                diff.resolve(&versions)
                    .map_err(|m| format!("diffs[{k}]: {m}"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(D::Error::custom)?;
        Ok(ChangeLog {
            article: doc.article,
            revisions,
            diffs,
            warnings: doc.warnings,
        })
    }
}

impl From<&RevisionDiff> for DiffDoc {
    fn from(d: &RevisionDiff) -> Self {
        DiffDoc {
            from: d.from,
            to: d.to,
            old_revision: Some(d.old_revision),
            new_revision: Some(d.new_revision),
            title: d.title.clone(),
            classes: d.classes.clone(),
            ops: d.ops.clone(),
            op_classes: d.op_classes.clone(),
            stats: d.stats.clone(),
        }
    }
}

/// Why a diff of a change log document names no revision of it.
#[derive(Debug, thiserror::Error)]
enum Unresolved {
    #[error("no revision has version {0}")]
    NoVersion(u64),
    #[error("revision {at} has version {have}, not {want}")]
    Mismatch { at: usize, have: u64, want: u64 },
    #[error("no revision at position {0}")]
    NoPosition(usize),
}

impl DiffDoc {
    /// The diff, its positions checked against the revisions' `versions` (or found from
    /// `from` and `to` when the document has none).
    fn resolve(self, versions: &[u64]) -> Result<RevisionDiff, Unresolved> {
        let find = |v: u64, after: usize| {
            (after..versions.len())
                .find(|&i| versions[i] == v)
                .or_else(|| versions.iter().position(|&x| x == v))
                .ok_or(Unresolved::NoVersion(v))
        };
        let old = match self.old_revision {
            Some(i) => i,
            None => find(self.from, 0)?,
        };
        let new = match self.new_revision {
            Some(i) => i,
            None => find(self.to, old + 1)?,
        };
        for (i, v) in [(old, self.from), (new, self.to)] {
            match versions.get(i) {
                Some(&have) if have == v => {}
                Some(&have) => {
                    return Err(Unresolved::Mismatch {
                        at: i,
                        have,
                        want: v,
                    });
                }
                None => return Err(Unresolved::NoPosition(i)),
            }
        }
        Ok(RevisionDiff {
            old_revision: old,
            new_revision: new,
            from: self.from,
            to: self.to,
            title: self.title,
            classes: self.classes,
            ops: self.ops,
            op_classes: self.op_classes,
            stats: self.stats,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Revision};

    fn log() -> ChangeLog {
        let r = |v: u64, t: &str| Revision::from_text(v, t.to_string()).unwrap();
        let article = Article {
            meta: ArticleMeta::default(),
            revisions: vec![r(3, "One."), r(5, "One. Two."), r(5, "One. Three.")],
        };
        ChangeLog::consecutive(&article, Vec::new())
    }

    #[test]
    fn a_change_log_from_before_positions_is_read_by_version() {
        let mut doc = serde_json::to_value(log()).unwrap();
        for d in doc["diffs"].as_array_mut().unwrap() {
            let d = d.as_object_mut().unwrap();
            d.remove("old_revision");
            d.remove("new_revision");
        }
        let back: ChangeLog = serde_json::from_value(doc).unwrap();
        let positions: Vec<_> = back
            .diffs
            .iter()
            .map(|d| (d.old_revision, d.new_revision))
            .collect();
        // The repeated version 5 is found after the old side, not at its first place.
        assert_eq!(positions, [(0, 1), (1, 2)]);
    }

    #[test]
    fn positions_that_contradict_the_versions_are_refused() {
        let mut doc = serde_json::to_value(log()).unwrap();
        doc["diffs"][0]["new_revision"] = 0.into();
        let err = serde_json::from_value::<ChangeLog>(doc)
            .unwrap_err()
            .to_string();
        assert!(err.contains("revision 0 has version 3, not 5"), "{err}");
    }
}
