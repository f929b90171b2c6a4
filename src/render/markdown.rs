//! The Markdown view, for pasting into an issue, a wiki page or a newsletter: a heading
//! per diff, the stat and classes lines, and the changed sentences as a list with
//! `~~old~~ **new**` word marks, a little unchanged context and the rest elided, like the
//! terminal view.
//!
//! Article text is escaped: every character Markdown (CommonMark and GitHub's dialect)
//! could read as markup is backslash-escaped, so an article cannot add links, images,
//! HTML, mentions or emphasis of its own. Because `~~` and `**` only work where
//! CommonMark's flanking rules allow (not between a letter and a comma, say), a change
//! that starts or ends with punctuation next to a letter is widened to the whole word on
//! both sides (`~~station. Four~~**station, and four**`), which reads the same and
//! renders everywhere.
//!
//! It writes the blocks of the [walk](crate::render::walk): `write_head` and
//! `write_item` are the whole view apart from the escaping and the word marks.

use std::fmt::Write;

use crate::align::words::WordOp;
use crate::article::Side;
use crate::changelog::ChangeLog;
use crate::render::view::{
    article_title, class_item, decisions_note, elided, is_web_url, one_line, set_aside_line,
    stat_line, version_name, warnings,
};
use crate::render::walk::{Head, Item, Mark, Plan, Shown, pairs, walk};

/// What the Markdown view shows.
pub type Options = crate::render::view::Context;

/// Escapes text for Markdown: white space on one line, and a backslash before every
/// character that could start markup (emphasis, code, links, HTML, entities, headings,
/// tables, math, mentions, issue references).
pub fn escape(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '~'
                | '|'
                | '#'
                | '$'
                | '@'
                | '&'
                | '!'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Renders a change log as Markdown.
pub fn render(log: &ChangeLog, opts: &Options) -> String {
    let revisions = &log.revisions;
    let mut out = String::new();
    if let Some(t) = article_title(log, revisions) {
        let _ = writeln!(out, "# {}\n", escape(t));
    }
    let mut place: Vec<String> = log.article.source.iter().map(|s| escape(s)).collect();
    if let Some(u) = &log.article.url {
        place.push(autolink(u));
    }
    if !place.is_empty() {
        let _ = writeln!(out, "{}\n", place.join(" · "));
    }
    if let Some(note) = decisions_note(log, "`--format json`") {
        let _ = writeln!(out, "**note:** {note}\n");
    }
    for w in warnings(log) {
        let _ = writeln!(out, "**note:** {}\n", escape(&w));
    }
    let plan = Plan {
        context: *opts,
        fold: false,
        departures: false,
    };
    for pair in pairs(log) {
        let walk = walk(pair, &plan);
        for head in &walk.head {
            write_head(&mut out, head);
        }
        if let Some(items) = &walk.body {
            for item in items {
                write_item(&mut out, item);
            }
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A web address as an autolink; anything else as escaped text.
fn autolink(u: &str) -> String {
    if is_web_url(u) {
        format!("<{u}>")
    } else {
        escape(u)
    }
}

fn write_head(out: &mut String, head: &Head) {
    match head {
        Head::Versions { old, new, period } => {
            let (old, new) = (escape(&version_name(old)), escape(&version_name(new)));
            let _ = write!(out, "## {old} → {new}");
            if let Some(period) = period {
                let _ = write!(out, " · {period}");
            }
            out.push_str("\n\n");
        }
        Head::Title(runs) => {
            let _ = writeln!(out, "**title:** {}\n", words(runs));
        }
        Head::Stats(stats) => {
            let _ = writeln!(out, "{}\n", escape(&stat_line(stats, " · ")));
        }
        Head::Classes(classes) => {
            let items: Vec<String> = classes.iter().map(|c| class_item(c, &escape)).collect();
            let _ = writeln!(out, "**classes:** {}\n", items.join(", "));
        }
        Head::SetAside { old, new } => {
            let _ = writeln!(out, "_{}_\n", escape(&set_aside_line(old, new)));
        }
    }
}

fn write_item(out: &mut String, item: &Item) {
    match item {
        Item::Elided { count, .. } => {
            let _ = writeln!(out, "- _{}_", elided(*count));
        }
        Item::Op(shown) => write_op(out, shown),
        // The Markdown plan asks for none: a moved sentence's note says where it came from.
        Item::Departure { .. } => {}
    }
}

/// An op as a list item: a label, the text with its word changes, and the notes.
fn write_op(out: &mut String, s: &Shown) {
    let body = match s.mark {
        Mark::Moved => format!("_moved:_ {}", s.text(Side::New, escape)),
        Mark::Unchanged => s.text(Side::New, escape),
        Mark::Added => format!("_added:_ **{}**", s.text(Side::New, escape).trim()),
        Mark::Deleted => format!("_deleted:_ ~~{}~~", s.text(Side::Old, escape).trim()),
        Mark::Edited => {
            let runs: Vec<(WordOp, &str)> =
                s.op.words.iter().map(|w| (w.op, w.text.as_str())).collect();
            format!("_edited:_ {}", words(&runs))
        }
    };
    let _ = write!(out, "- {}", body.trim_end());
    if !s.notes.is_empty() {
        let notes: Vec<String> = s.notes.iter().map(ToString::to_string).collect();
        let _ = write!(out, " _({})_", notes.join("; "));
    }
    out.push('\n');
}

/// A piece of a word diff: text both sides share, or a change.
#[derive(Debug)]
enum Seg {
    Same(String),
    Change { del: String, ins: String },
}

/// A word diff as `~~old~~**new**` marks, escaped, on one line.
fn words(runs: &[(WordOp, &str)]) -> String {
    let mut segs: Vec<Seg> = Vec::new();
    for &(op, t) in runs {
        let t = escape(t);
        match (op, segs.last_mut()) {
            (WordOp::Equal, Some(Seg::Same(s))) => s.push_str(&t),
            (WordOp::Equal, _) => segs.push(Seg::Same(t)),
            (WordOp::Delete, Some(Seg::Change { del, .. })) => del.push_str(&t),
            (WordOp::Insert, Some(Seg::Change { ins, .. })) => ins.push_str(&t),
            (WordOp::Delete, _) => segs.push(Seg::Change {
                del: t,
                ins: String::new(),
            }),
            (WordOp::Insert, _) => segs.push(Seg::Change {
                del: String::new(),
                ins: t,
            }),
        }
    }
    for i in 0..segs.len() {
        if matches!(segs[i], Seg::Change { .. }) {
            widen(&mut segs, i);
        }
    }
    let mut out = String::new();
    for seg in &segs {
        match seg {
            Seg::Same(s) => out.push_str(s),
            Seg::Change { del, ins } => write_change(&mut out, del, ins),
        }
    }
    squeeze(&out)
}

/// Punctuation (or a symbol) as CommonMark's flanking rules count it.
fn punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Whether a delimiter between `before` and the text is fine (no letter glued to
/// punctuation across it). `None` is the edge of the line.
fn flanks(outside: Option<char>, inside: Option<char>) -> bool {
    match (outside, inside) {
        (Some(o), Some(i)) => !(punct(i) && !o.is_whitespace() && !punct(o)),
        _ => true,
    }
}

/// Widens change `i` over the neighbouring words until its marks work (see the module
/// documentation); a change of white space only takes in the words on both sides.
fn widen(segs: &mut [Seg], i: usize) {
    for _ in 0..3 {
        let (del, ins) = match &segs[i] {
            Seg::Change { del, ins } => (del.clone(), ins.clone()),
            Seg::Same(_) => return,
        };
        let (dc, ic) = (del.trim(), ins.trim());
        let empty = dc.is_empty() && ic.is_empty();
        let first = if dc.is_empty() { ic } else { dc }.chars().next();
        let last = if ic.is_empty() { dc } else { ic }.chars().next_back();
        let lead = del.starts_with(char::is_whitespace) || ins.starts_with(char::is_whitespace);
        let trail = del.ends_with(char::is_whitespace) || ins.ends_with(char::is_whitespace);
        let before = if lead {
            Some(' ')
        } else {
            neighbour(segs, i, false)
        };
        let after = if trail {
            Some(' ')
        } else {
            neighbour(segs, i, true)
        };
        // With both sides there, white space at one side's edge only cannot be shown
        // outside the marks: take in the word next to it instead.
        let both = !dc.is_empty() && !ic.is_empty();
        let ws_start = |s: &str| s.starts_with(char::is_whitespace);
        let ws_end = |s: &str| s.ends_with(char::is_whitespace);
        let need_left = empty || !flanks(before, first) || both && ws_start(&del) != ws_start(&ins);
        let need_right = empty || !flanks(after, last) || both && ws_end(&del) != ws_end(&ins);
        if !need_left && !need_right {
            return;
        }
        let mut took = false;
        if need_left
            && i > 0
            && let Seg::Same(s) = &mut segs[i - 1]
        {
            let cut = s.rfind(char::is_whitespace).map_or(0, |k| k + 1);
            let chunk = s.split_off(cut);
            if !chunk.is_empty() {
                took = true;
                if let Seg::Change { del, ins } = &mut segs[i] {
                    del.insert_str(0, &chunk);
                    ins.insert_str(0, &chunk);
                }
            }
        }
        if need_right && let Some(Seg::Same(s)) = segs.get_mut(i + 1) {
            let cut = s.find(char::is_whitespace).unwrap_or(s.len());
            let rest = s.split_off(cut);
            let chunk = std::mem::replace(s, rest);
            if !chunk.is_empty() {
                took = true;
                if let Seg::Change { del, ins } = &mut segs[i] {
                    del.push_str(&chunk);
                    ins.push_str(&chunk);
                }
            }
        }
        if !took {
            return;
        }
    }
}

/// The character next to segment `i` on one side, as the rendered line will have it: a
/// neighbouring change's mark counts as punctuation.
fn neighbour(segs: &[Seg], i: usize, right: bool) -> Option<char> {
    let j = if right { i + 1 } else { i.checked_sub(1)? };
    match segs.get(j)? {
        Seg::Same(s) if s.is_empty() => {
            if right {
                segs.get(j + 1).map(|_| '*')
            } else {
                j.checked_sub(1).map(|_| '*')
            }
        }
        Seg::Same(s) => {
            if right {
                s.chars().next()
            } else {
                s.chars().next_back()
            }
        }
        Seg::Change { .. } => Some('*'),
    }
}

fn write_change(out: &mut String, del: &str, ins: &str) {
    let (dc, ic) = (del.trim(), ins.trim());
    if dc.is_empty() && ic.is_empty() {
        out.push_str(if del.is_empty() { ins } else { del });
        return;
    }
    if del.starts_with(char::is_whitespace) || ins.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    if !dc.is_empty() {
        let _ = write!(out, "~~{dc}~~");
    }
    if !dc.is_empty()
        && !ic.is_empty()
        && (del.ends_with(char::is_whitespace) || ins.starts_with(char::is_whitespace))
    {
        out.push(' ');
    }
    if !ic.is_empty() {
        let _ = write!(out, "**{ic}**");
    }
    if del.ends_with(char::is_whitespace) || ins.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// One space for every run of spaces.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(runs: &[(char, &str)]) -> String {
        let runs: Vec<(WordOp, &str)> = runs
            .iter()
            .map(|&(k, t)| {
                let op = match k {
                    '=' => WordOp::Equal,
                    '-' => WordOp::Delete,
                    _ => WordOp::Insert,
                };
                (op, t)
            })
            .collect();
        words(&runs)
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b>*x*</b> [a](b) @you #1 ~~s~~ $x$ &amp;"),
            "\\<b\\>\\*x\\*\\</b\\> \\[a\\](b) \\@you \\#1 \\~\\~s\\~\\~ \\$x\\$ \\&amp;"
        );
        assert_eq!(escape("two\nlines"), "two lines");
    }

    #[test]
    fn plain_changes_are_marked_in_place() {
        assert_eq!(
            w(&[('=', "said "), ('-', "40"), ('+', "52"), ('=', " people")]),
            "said ~~40~~**52** people"
        );
        assert_eq!(
            w(&[('=', "resumes"), ('+', " after bombing")]),
            "resumes **after bombing**"
        );
    }

    #[test]
    fn punctuation_next_to_a_letter_widens_to_the_word() {
        assert_eq!(
            w(&[
                ('=', "south of Harwick station"),
                ('-', ". Four"),
                ('+', ", and four of its"),
                ('=', " carriages")
            ]),
            "south of Harwick ~~station. Four~~**station, and four of its** carriages"
        );
        assert_eq!(
            w(&[('=', "hospital"), ('+', ", eight of them"), ('=', ".")]),
            "~~hospital~~**hospital, eight of them**."
        );
    }

    #[test]
    fn white_space_changes_take_in_both_words() {
        assert_eq!(
            w(&[('=', "a foo"), ('-', " "), ('=', "bar b")]),
            "a ~~foo bar~~**foobar** b"
        );
    }
}
