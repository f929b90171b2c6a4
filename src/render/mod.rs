//! Renderers. Each reads the change log and nothing else: alignment, kinds and stats are
//! decided once, in the library, and every view shows the same facts.
//!
//! The diff views are built alike: [`walk`] turns each diff into blocks (what is shown, in reading order), and the view
//! writes each block in its own markup: [`terminal`] (inline or side by side, coloured
//! through a [`paint::Paint`] value), [`markdown`] and [`html`]. What they all word the
//! same way (version names, the stat line, classes, periods, which addresses may become
//! links) is in [`view`] and here. To add a view, write a block writer: see [`walk`].
//!
//! [`json`] writes the change log itself, and [`log`] one line per revision.

pub mod html;
pub mod json;
pub mod log;
pub mod markdown;
pub(crate) mod paint;
pub mod terminal;
pub(crate) mod view;
pub(crate) mod walk;

pub use crate::text::normalize::one_line;
pub use view::Context;

use chrono::{DateTime, FixedOffset};

use crate::text::duration::in_words;

/// "about 4 hours later" between two optional times, in the words people use.
pub fn period(
    a: Option<DateTime<FixedOffset>>,
    b: Option<DateTime<FixedOffset>>,
) -> Option<String> {
    let (a, b) = (a?, b?);
    // Two versions with the very same time (pages that carry their publication time,
    // commits made together) say nothing about the gap: no period rather than "less
    // than a minute later".
    (a != b).then(|| period_of_seconds((b - a).num_seconds()))
}

/// "about 4 hours later" (or "earlier", when `secs` is below zero) for a signed number of
/// seconds: the one wording of a period that every view uses.
pub fn period_of_seconds(secs: i64) -> String {
    let dir = if secs < 0 { "earlier" } else { "later" };
    format!("{} {dir}", in_words(secs.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_times_have_no_period() {
        let t = DateTime::parse_from_rfc3339("2025-06-12T07:15:00+01:00").unwrap();
        assert_eq!(period(Some(t), Some(t)), None);
        let later = DateTime::parse_from_rfc3339("2025-06-12T11:20:00+01:00").unwrap();
        assert_eq!(
            period(Some(t), Some(later)).as_deref(),
            Some("about 4 hours later")
        );
        assert_eq!(period(None, Some(later)), None);
    }
}
