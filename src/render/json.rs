//! The JSON change log, as documented in `docs/changelog.md`.

use crate::changelog::ChangeLog;

pub fn render(log: &ChangeLog) -> String {
    let mut s = serde_json::to_string_pretty(log).expect("a change log always serialises");
    s.push('\n');
    s
}
