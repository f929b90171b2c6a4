//! What every view says the same way: the revisions of a change log, how much unchanged
//! text is shown ([`Context`]), how versions are named, the stat line, how classes are
//! worded, which addresses may become links and how article text is put on one line.
//! Which sentences are shown and how an op's notes are worded is the
//! [walk](crate::render::walk)'s business.

use crate::article::Revision;
use crate::changelog::{ChangeLog, Stats};
use crate::classify::{Class, ClassEvidence};
pub use crate::text::normalize::{noncharacter, one_line};

/// How much unchanged text a view shows: `context` sentences around each change, or all
/// of it with `full`. The HTML and Markdown views take just this; the terminal view adds
/// its colour and layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// Unchanged sentences shown around each change.
    pub context: usize,
    /// Show every sentence, changed or not.
    pub full: bool,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            context: 1,
            full: false,
        }
    }
}

/// Sentence `i` of a revision, or nothing when a hand-made change log names one that is
/// not there.
pub fn sentence(r: &Revision, i: usize) -> &str {
    if i < r.sentence_count() {
        r.sentence(i)
    } else {
        ""
    }
}

/// `version 2 (file.txt)`.
pub fn version_name(r: &Revision) -> String {
    match &r.label {
        Some(l) => format!("version {} ({l})", r.version),
        None => format!("version {}", r.version),
    }
}

/// The counts of a diff above zero, in the order every view shows them, each with its
/// word and symbol: `(1, "added", "+")`, `(2, "edited", "~")`, ...
pub fn stat_counts(s: &Stats) -> Vec<(usize, &'static str, &'static str)> {
    [
        (s.added, "added", "+"),
        (s.deleted, "deleted", "-"),
        (s.edited, "edited", "~"),
        (s.merged, "merged", "⊃"),
        (s.split, "split", "⊂"),
        (s.rewritten, "rewritten", "≈"),
        (s.moved, "moved", "↕"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .collect()
}

/// `+1 added`, `~2 edited`, ... for the counts above zero.
pub fn stat_parts(s: &Stats) -> Vec<String> {
    stat_counts(s)
        .into_iter()
        .map(|(n, label, sym)| format!("{sym}{n} {label}"))
        .collect()
}

/// A class as the terminal view's `classes:` line words it, evidence through `f`.
pub fn class_item(c: &ClassEvidence, f: &dyn Fn(&str) -> String) -> String {
    let n = c.changes.len();
    let (one, many) = match c.class {
        Class::Headline => ("headline changed", "headline changed"),
        Class::Lede => ("lede changed", "lede changed"),
        Class::Correction => ("correction added", "corrections added"),
        Class::Appended => {
            let k = c.new.len();
            return format!("{k} sentence{} appended", if k == 1 { "" } else { "s" });
        }
        Class::Number => ("number changed", "numbers changed"),
        Class::Quotation => ("quotation changed", "quotations changed"),
        Class::Attribution => ("attribution changed", "attributions changed"),
        Class::Names => ("names changed", "names changed"),
        Class::Wording => ("wording changed", "wording changed"),
        Class::Typography => ("typography changed", "typography changed"),
    };
    let label = if n > 1 { many } else { one };
    if !matches!(c.class, Class::Number | Class::Attribution | Class::Names) || n == 0 {
        return label.to_string();
    }
    const SHOWN: usize = 4;
    let mut ev: Vec<String> = c
        .changes
        .iter()
        .take(SHOWN)
        .map(|ch| match (&ch.old, &ch.new) {
            (Some(o), Some(n)) => format!("{} → {}", f(&one_line(o)), f(&one_line(n))),
            (Some(o), None) => format!("-{}", f(&one_line(o))),
            (None, Some(n)) => format!("+{}", f(&one_line(n))),
            (None, None) => String::new(),
        })
        .collect();
    if n > SHOWN {
        ev.push(format!("… {} more", n - SHOWN));
    }
    format!("{label} ({})", ev.join(", "))
}

/// `… 3 unchanged sentences …`.
pub fn elided(n: usize) -> String {
    if n == 1 {
        "… 1 unchanged sentence …".to_string()
    } else {
        format!("… {n} unchanged sentences …")
    }
}

/// The note on a parser's inferred decisions, when there were any: how many had an
/// alternative and how many of those were doubts. `flag` is `--format json` as the view
/// quotes code.
pub fn decisions_note(log: &ChangeLog, flag: &str) -> Option<String> {
    let inferred = log
        .warnings
        .iter()
        .filter(|w| w.runner_up.is_some())
        .count();
    if inferred == 0 {
        return None;
    }
    let doubts = log
        .warnings
        .iter()
        .filter(|w| w.doubt && w.runner_up.is_some())
        .count();
    Some(format!(
        "{inferred} reading decision{} had an alternative ({doubts} doubtful); {flag} lists \
         each with its runner-up",
        if inferred == 1 { "" } else { "s" }
    ))
}

/// The parser's warnings that are plain notes (those with a runner-up are counted by
/// [`decisions_note`] instead), as text for the view to escape.
pub fn warnings(log: &ChangeLog) -> impl Iterator<Item = String> + '_ {
    log.warnings
        .iter()
        .filter(|w| w.runner_up.is_none())
        .map(|w| w.to_string())
}

/// Whether an address may become a link: only web addresses, and only with characters a
/// URL may hold, so neither a `javascript:` URL nor an address that would end an HTML
/// attribute or a Markdown autolink early does. Anything else is shown as text.
pub fn is_web_url(u: &str) -> bool {
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        })
}

/// The article's title, or its first revision's when the article has none.
pub fn article_title<'a>(log: &'a ChangeLog, revisions: &'a [Revision]) -> Option<&'a str> {
    log.article
        .title
        .as_deref()
        .or(revisions.first().and_then(|r| r.title.as_deref()))
}

/// What was set aside as boilerplate from the two revisions of a diff, in a line:
/// `set aside as boilerplate: 2 paragraphs of version 0: share prompt, copyright line;
/// 1 of version 1: share prompt`. The paragraphs themselves are in the JSON change log.
pub fn set_aside_line(old: &Revision, new: &Revision) -> String {
    let part = |r: &Revision, first: bool| -> Option<String> {
        let n = r.ignored.len();
        if n == 0 {
            return None;
        }
        let mut kinds: Vec<String> = Vec::new();
        for i in &r.ignored {
            let k = i.reason.describe();
            if !kinds.contains(&k) {
                kinds.push(k);
            }
        }
        let what = match (first, n) {
            (true, 1) => "1 paragraph".to_string(),
            (true, _) => format!("{n} paragraphs"),
            (false, _) => n.to_string(),
        };
        Some(format!(
            "{what} of {}: {}",
            version_name(r),
            kinds.join(", ")
        ))
    };
    let first = part(old, true);
    let second = part(new, first.is_none());
    let parts: Vec<String> = first.into_iter().chain(second).collect();
    format!("set aside as boilerplate: {}", parts.join("; "))
}

/// The stat line: `+1 added␣␣~2 edited␣␣(22% of words changed)` with the parts joined by
/// `sep`, or `no changes in the text`.
pub fn stat_line(s: &Stats, sep: &str) -> String {
    let parts = stat_parts(s);
    if parts.is_empty() {
        return "no changes in the text".to_string();
    }
    // A change that rounds to 0% is still a change (a word in a long article).
    let percent = match s.changed_share * 100.0 {
        p if p > 0.0 && p < 0.5 => "<1".to_string(),
        p => format!("{p:.0}"),
    };
    format!("{}{sep}({percent}% of words changed)", parts.join(sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One word of a long article was shown as `(0% of words changed)`.
    #[test]
    fn a_change_too_small_to_round_up_is_under_one_percent() {
        let mut s = Stats {
            edited: 1,
            changed_share: 0.002,
            ..Stats::default()
        };
        assert!(stat_line(&s, "  ").ends_with("(<1% of words changed)"));
        s.changed_share = 0.22;
        assert!(stat_line(&s, "  ").ends_with("(22% of words changed)"));
        s = Stats {
            moved: 1,
            ..Stats::default()
        };
        assert!(stat_line(&s, "  ").ends_with("(0% of words changed)"));
    }

    #[test]
    fn only_web_urls_are_links() {
        assert!(is_web_url("https://example.org/a?b=c&d"));
        assert!(is_web_url("HTTP://example.org/"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url(" https://example.org/"));
        assert!(!is_web_url("https://example.org/a b"));
        assert!(!is_web_url("https://example.org/?q=\"x\""));
        assert!(!is_web_url("https://example.org/<x>"));
    }
}
