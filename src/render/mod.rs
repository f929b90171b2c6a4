//! Renderers. Each reads the change log and nothing else: alignment, kinds and stats are
//! decided once, in the library, and every view shows the same facts.
//!
//! The diff views are built alike: [`view::revisions`] reads the change log's revisions,
//! [`walk`] turns each diff into blocks (what is shown, in reading order), and the view
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
pub mod paint;
pub mod terminal;
pub mod view;
pub mod walk;

use chrono::{DateTime, FixedOffset};

/// The output formats of `newsdiff diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Terminal,
    Json,
    Html,
    Markdown,
}

/// "about 4 hours later" between two optional times, in the words people use.
pub fn period(
    a: Option<DateTime<FixedOffset>>,
    b: Option<DateTime<FixedOffset>>,
) -> Option<String> {
    let (a, b) = (a?, b?);
    Some(period_of_seconds((b - a).num_seconds()))
}

/// "about 4 hours later" (or "earlier", when `secs` is below zero) for a signed number of
/// seconds: the one wording of a period that every view uses.
pub fn period_of_seconds(secs: i64) -> String {
    let dir = if secs < 0 { "earlier" } else { "later" };
    format!("{} {dir}", distance_in_words(secs.abs()))
}

/// A duration in seconds as words, in the style of Rails' `distance_of_time_in_words`.
pub fn distance_in_words(secs: i64) -> String {
    let mins = (secs as f64 / 60.0).round() as i64;
    match mins {
        0 => "less than a minute".into(),
        1 => "1 minute".into(),
        2..=44 => format!("{mins} minutes"),
        45..=89 => "about 1 hour".into(),
        90..=1439 => format!("about {} hours", (mins as f64 / 60.0).round() as i64),
        1440..=2519 => "1 day".into(),
        2520..=43199 => format!("{} days", (mins as f64 / 1440.0).round() as i64),
        43200..=86399 => "about 1 month".into(),
        86400..=525599 => format!("{} months", (mins as f64 / 43200.0).round() as i64),
        _ => {
            let years = mins / 525600;
            if years <= 1 {
                "about 1 year".into()
            } else {
                format!("about {years} years")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_read_like_rails() {
        assert_eq!(distance_in_words(20), "less than a minute");
        assert_eq!(distance_in_words(4 * 3600 + 100), "about 4 hours");
        assert_eq!(distance_in_words(3 * 86400), "3 days");
    }
}
