//! The JSON change log, as documented in `docs/changelog.md`.

use crate::changelog::ChangeLog;
use crate::text::normalize::escape_c1_controls;

/// The change log as pretty-printed JSON, ending with a line break. C1 control characters
/// in article text are escaped too, so the JSON is safe to show on a terminal.
pub fn render(log: &ChangeLog) -> String {
    pretty(log)
}

/// Any value as newsdiff writes JSON: pretty-printed, C1 controls escaped
/// ([`escape_c1_controls`]), ending with a line break.
pub fn pretty<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let s = serde_json::to_string_pretty(value).expect("newsdiff's documents always serialise");
    let mut s = escape_c1_controls(s);
    s.push('\n');
    s
}
