//! `newsdiff log`: one line per revision, the history of an article at a glance. It reads
//! the change log of consecutive revisions, like every other view.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::article::ArticleMeta;
use crate::changelog::{ChangeLog, RevisionDiff};
use crate::render::paint::{Paint, Style};
use crate::render::period_of_seconds;
use crate::render::view::{one_line, stat_counts};

/// The schema identifier of the JSON log.
pub const SCHEMA: &str = "newsdiff/log/1";

/// The log of an article, as JSON.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Log {
    pub schema: &'static str,
    pub article: ArticleMeta,
    pub revisions: Vec<Entry>,
}

/// One revision in the log.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry {
    pub version: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<DateTime<FixedOffset>>,
    /// Seconds since the previous revision, when both times are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds_since_previous: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub title_changed: bool,
    pub sentences: usize,
    /// Counts against the previous revision (absent for the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Counts>,
    /// Names of the change classes against the previous revision.
    pub classes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Counts {
    pub added: usize,
    pub deleted: usize,
    pub edited: usize,
    pub merged: usize,
    pub split: usize,
    /// Written only when above 0: added within version 1 (issue 14).
    #[serde(skip_serializing_if = "is_zero")]
    pub rewritten: usize,
    pub moved: usize,
    pub changed_share: f64,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The diff that leads to the revision at position `i`, if the change log has one.
fn diff_to(log: &ChangeLog, i: usize) -> Option<&RevisionDiff> {
    log.diffs.iter().find(|d| d.new_revision == i)
}

/// The log entries of a change log of consecutive revisions.
pub(crate) fn entries(log: &ChangeLog) -> Log {
    let mut prev_time: Option<DateTime<FixedOffset>> = None;
    let revisions = log
        .revisions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let d = diff_to(log, i);
            let e = Entry {
                version: r.version,
                created: r.created,
                seconds_since_previous: prev_time
                    .zip(r.created)
                    .map(|(a, b)| (b - a).num_seconds()),
                title_changed: d.is_some_and(|d| d.title.is_some()),
                sentences: r.sentence_count(),
                changes: d.map(|d| Counts {
                    added: d.stats.added,
                    deleted: d.stats.deleted,
                    edited: d.stats.edited,
                    merged: d.stats.merged,
                    split: d.stats.split,
                    rewritten: d.stats.rewritten,
                    moved: d.stats.moved,
                    changed_share: d.stats.changed_share,
                }),
                classes: d
                    .map(|d| {
                        d.classes
                            .iter()
                            .map(|c| c.class.name().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                title: r.title.clone(),
            };
            prev_time = r.created.or(prev_time);
            e
        })
        .collect();
    Log {
        schema: SCHEMA,
        article: log.article.clone(),
        revisions,
    }
}

/// The log as JSON (`newsdiff/log/1`, documented in `docs/changelog.md`).
pub fn render_json(log: &ChangeLog) -> String {
    crate::render::json::pretty(&entries(log))
}

/// One line per revision: version, time, gap, counts and classes, then the title
/// (marked `*` when it changed).
pub fn render_terminal(log: &ChangeLog, color: bool) -> String {
    let p = Paint::new(color);
    let l = entries(log);
    let mut out = String::new();
    if let Some(t) = &l.article.title {
        let _ = writeln!(out, "{}", p.paint(Style::BOLD, &one_line(t)));
    }
    // Times written with different offsets would read out of order without theirs
    // (08:00Z, then 09:00+02:00 "an hour earlier"): then every time shows its offset.
    let mut offsets = l
        .revisions
        .iter()
        .filter_map(|e| e.created.map(|t| *t.offset()));
    let mixed = offsets
        .next()
        .is_some_and(|first| offsets.any(|o| o != first));
    let (pattern, width) = match mixed {
        true => ("%Y-%m-%d %H:%M %:z", 23),
        false => ("%Y-%m-%d %H:%M", 16),
    };
    for (i, e) in l.revisions.iter().enumerate() {
        let time = e
            .created
            .map(|t| t.format(pattern).to_string())
            .unwrap_or_else(|| "—".into());
        let gap = e
            .seconds_since_previous
            .map(period_of_seconds)
            .unwrap_or_default();
        let counts = match diff_to(log, i) {
            None => format!("{} sentences", e.sentences),
            Some(d) => {
                let parts: Vec<String> = stat_counts(&d.stats)
                    .into_iter()
                    .map(|(n, _, sym)| format!("{sym}{n}"))
                    .collect();
                if parts.is_empty() {
                    "no text change".into()
                } else {
                    parts.join(" ")
                }
            }
        };
        let mark = if e.title_changed { "*" } else { " " };
        let title = e.title.as_deref().map(one_line).unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {:<width$} {:<24} {:<20} {}{}{}",
            p.paint(Style::BOLD, &format!("{:<6}", format!("v{}", e.version))),
            time,
            gap,
            counts,
            p.paint(Style::BOLD_YELLOW, mark),
            title,
            if e.classes.is_empty() {
                String::new()
            } else {
                p.paint(Style::CYAN, &format!("  [{}]", e.classes.join(", ")))
            }
        );
    }
    out
}
