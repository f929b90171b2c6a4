//! The body rows the site rendered for two versions: the page model's rule, used by the
//! reader to check that a reading renders back to the scrape, and by the page renderer
//! (`page.rs`) to make scrapes.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::text::normalize::collapse;

/// What a body row holds.
#[cfg_attr(not(any(test, feature = "dev")), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An unchanged paragraph, shown twice.
    Unchanged,
    /// A changed pair; the old paragraph is the row's first `old_len` bytes.
    Changed {
        old_len: usize,
    },
    Deleted,
    Added,
}

/// The body rows for two paragraph lists: an LCS of the paragraphs walked like diff-lcs's
/// `traverse_balanced` (in each gap: changed pairs in order first, then the surplus).
pub fn body_rows(old: &[String], new: &[String], collapse_ws: bool) -> Vec<String> {
    body_rows_with_roles(old, new, collapse_ws)
        .into_iter()
        .map(|r| r.0)
        .collect()
}

/// [`body_rows`] with what each row holds.
pub fn body_rows_with_roles(
    old: &[String],
    new: &[String],
    collapse_ws: bool,
) -> Vec<(String, Role)> {
    let old: Vec<String> = old.iter().map(|p| collapse(p)).collect();
    let new: Vec<String> = new.iter().map(|p| collapse(p)).collect();
    let mut rows = Vec::new();
    let mut gap = Gap::default();
    for op in capture_diff_slices(Algorithm::Lcs, &old, &new) {
        let (_, old_range, new_range) = op.as_tag_tuple();
        if let DiffOp::Equal { .. } = op {
            gap.flush(&mut rows, collapse_ws);
            rows.extend(
                old[old_range]
                    .iter()
                    .map(|p| (format!("{p}{p}"), Role::Unchanged)),
            );
        } else {
            // Deleted and inserted paragraphs gather until the next unchanged one.
            gap.del.extend(old[old_range].iter().map(String::as_str));
            gap.ins.extend(new[new_range].iter().map(String::as_str));
        }
    }
    gap.flush(&mut rows, collapse_ws);
    rows
}

/// The paragraphs deleted and inserted between two unchanged ones.
#[derive(Default)]
struct Gap<'a> {
    del: Vec<&'a str>,
    ins: Vec<&'a str>,
}

impl Gap<'_> {
    /// Writes the gap's rows (changed pairs in order first, then the surplus of one side)
    /// and empties it.
    fn flush(&mut self, rows: &mut Vec<(String, Role)>, collapse_ws: bool) {
        let pairs = self.del.len().min(self.ins.len());
        for (old, new) in self.del.iter().zip(&self.ins) {
            rows.push((
                changed_row(old, new, collapse_ws),
                Role::Changed { old_len: old.len() },
            ));
        }
        for p in &self.del[pairs..] {
            rows.push((p.to_string(), Role::Deleted));
        }
        for p in &self.ins[pairs..] {
            rows.push((p.to_string(), Role::Added));
        }
        self.del.clear();
        self.ins.clear();
    }
}

/// A changed row: the old paragraph, a space, the new one. A scrape that kept white space
/// shows the new cell's words two spaces apart.
fn changed_row(old: &str, new: &str, collapse_ws: bool) -> String {
    if collapse_ws {
        format!("{old} {new}")
    } else {
        format!("{old}  {}", new.split(' ').collect::<Vec<_>>().join("  "))
    }
}
