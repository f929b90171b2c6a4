//! The terminal view: a header per revision pair, then the changed sentences with their
//! word changes, a little unchanged context around them, and the rest elided.
//!
//! Every change is marked in text as well as colour (`+`/`-`/`~` in the margin, `[-old-]`
//! and `{+new+}` inside sentences), so output piped to a file or read aloud loses nothing.

use std::fmt::Write;

use crate::align::words::WordOp;
use crate::align::{Kind, Op};
use crate::article::Revision;
use crate::changelog::{ChangeLog, RevisionDiff};
use crate::classify::ClassEvidence;
use crate::render::paint::{Paint, Style};
use crate::render::period;
use crate::render::view::{
    article_title, class_item, decisions_note, elided, is_change, list, one_line, op_notes,
    revisions, stat_line, version_name, visible, warnings,
};

/// How a diff is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// One column: each changed sentence once, with its word changes marked inside.
    Inline,
    /// Two columns, old on the left and new on the right, wrapped to the width.
    Side,
}

/// What the terminal view shows.
#[derive(Debug, Clone)]
pub struct Options {
    /// Colour on (the caller has already weighed `--color`, `NO_COLOR` and the terminal).
    pub color: bool,
    /// Unchanged sentences shown around each change.
    pub context: usize,
    /// Show every sentence.
    pub full: bool,
    pub layout: Layout,
    /// Columns available (the side layout fits itself to them).
    pub width: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            color: false,
            context: 1,
            full: false,
            layout: Layout::Inline,
            width: 100,
        }
    }
}

/// Renders a change log for a terminal.
pub fn render(log: &ChangeLog, opts: &Options) -> String {
    let p = Paint::new(opts.color);
    let revisions = revisions(log);
    let find = |v: u64| revisions.iter().find(|r| r.version == v);
    let mut out = String::new();
    if let Some(t) = article_title(log, &revisions) {
        let _ = writeln!(out, "{}", p.paint(Style::BOLD, &one_line(t)));
    }
    let place: Vec<&str> = [&log.article.source, &log.article.url]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !place.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            p.paint(Style::DIM, &one_line(&place.join(" · ")))
        );
    }
    if let Some(note) = decisions_note(log, "`--format json`") {
        let _ = writeln!(out, "{} {note}", p.paint(Style::BOLD_YELLOW, "note:"));
    }
    for w in warnings(log) {
        let _ = writeln!(
            out,
            "{} {}",
            p.paint(Style::BOLD_YELLOW, "note:"),
            one_line(&w)
        );
    }
    for d in &log.diffs {
        let (Some(old), Some(new)) = (find(d.from), find(d.to)) else {
            continue;
        };
        if !out.is_empty() {
            out.push('\n');
        }
        render_diff(&mut out, d, old, new, opts, p);
    }
    out
}

fn render_diff(
    out: &mut String,
    d: &RevisionDiff,
    old: &Revision,
    new: &Revision,
    opts: &Options,
    p: Paint,
) {
    let mut head = format!("{} → {}", version_name(old), version_name(new));
    if let Some(p) = period(old.created, new.created) {
        head.push_str(&format!(" · {p}"));
    }
    let _ = writeln!(
        out,
        "{}",
        p.paint(Style::BOLD, &format!("━━ {} ━━", one_line(&head)))
    );
    if let Some(t) = &d.title {
        let words = if t.words.is_empty() {
            format!(
                "{}{}",
                t.old
                    .as_deref()
                    .map(|o| mark(p, WordOp::Delete, o))
                    .unwrap_or_default(),
                t.new
                    .as_deref()
                    .map(|n| mark(p, WordOp::Insert, n))
                    .unwrap_or_default()
            )
        } else {
            t.words.iter().map(|w| mark(p, w.op, &w.text)).collect()
        };
        let _ = writeln!(out, "{} {words}", p.paint(Style::BOLD, "title:"));
    }
    let _ = writeln!(out, "{}", stat_line(&d.stats, "  "));
    write_classes(out, &d.classes, p);
    if !d.stats.has_changes() {
        return;
    }
    out.push('\n');

    let changes: Vec<bool> = d.ops.iter().map(is_change).collect();
    let shown = visible(&changes, opts.context, opts.full);
    let mut hidden = 0usize;
    let mut last_para: Option<usize> = None;
    for (op, show) in d.ops.iter().zip(shown) {
        if !show {
            hidden += 1;
            continue;
        }
        if hidden > 0 {
            let _ = writeln!(out, "  {}", p.paint(Style::DIM, &elided(hidden)));
            hidden = 0;
        }
        let para = op.new.first().map(|&n| new.paragraph_of(n));
        if para.is_some() && last_para.is_some() && para != last_para {
            out.push('\n');
        }
        last_para = para.or(last_para);
        match opts.layout {
            Layout::Inline => render_op(out, op, old, new, p),
            Layout::Side => render_op_side(out, op, old, new, opts.width, p),
        }
    }
    if hidden > 0 {
        let _ = writeln!(out, "  {}", p.paint(Style::DIM, &elided(hidden)));
    }
}

/// The line that names the diff's change classes, as the change log has them, with the
/// evidence that fits on a line: `classes: lede changed, number changed (12 → 19), ...`.
fn write_classes(out: &mut String, classes: &[ClassEvidence], p: Paint) {
    if classes.is_empty() {
        return;
    }
    let items: Vec<String> = classes.iter().map(|c| class_item(c, &one_line)).collect();
    let _ = writeln!(
        out,
        "{} {}",
        p.paint(Style::BOLD, "classes:"),
        items.join(", ")
    );
}

fn render_op(out: &mut String, op: &Op, old: &Revision, new: &Revision, p: Paint) {
    let join = |idx: &[usize], r: &Revision| -> String {
        idx.iter()
            .map(|&i| one_line(r.sentence(i)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (margin, body) = match op.kind {
        Kind::Unchanged => (" ".to_string(), join(&op.new, new)),
        Kind::Added => (
            p.paint(Style::BOLD_GREEN, "+"),
            p.paint(Style::GREEN, &join(&op.new, new)),
        ),
        Kind::Deleted => (
            p.paint(Style::BOLD_RED, "-"),
            p.paint(Style::RED, &join(&op.old, old)),
        ),
        Kind::Edited | Kind::Merged | Kind::Split => (
            p.paint(Style::BOLD_YELLOW, "~"),
            op.words.iter().map(|w| mark(p, w.op, &w.text)).collect(),
        ),
    };
    let notes = op_notes(op, |_, note| note);
    let margin = if op.moved && op.kind == Kind::Unchanged {
        p.paint(Style::BOLD_CYAN, "↕")
    } else {
        margin
    };
    let _ = write!(out, "{margin} {body}");
    if !notes.is_empty() {
        let _ = write!(
            out,
            " {}",
            p.paint(Style::CYAN, &format!("[{}]", notes.join("; ")))
        );
    }
    out.push('\n');
}

/// A run of text and how it is marked.
type Run = (String, Style);

/// One op in two columns: the old text on the left, the new on the right, each wrapped to
/// half the width. Word changes carry their text markers too, so the columns read the
/// same without colour.
fn render_op_side(
    out: &mut String,
    op: &Op,
    old: &Revision,
    new: &Revision,
    width: usize,
    p: Paint,
) {
    let col = (width.saturating_sub(5) / 2).max(16);
    let text = |idx: &[usize], r: &Revision| -> String {
        idx.iter()
            .map(|&i| one_line(r.sentence(i)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let marked = |t: &str, op: WordOp| match op {
        WordOp::Equal => (one_line(t), Style::PLAIN),
        WordOp::Delete => (format!("[-{}-]", one_line(t)), Style::STRUCK_RED),
        WordOp::Insert => (format!("{{+{}+}}", one_line(t)), Style::UNDERLINED_GREEN),
    };
    let (mut left, mut right): (Vec<Run>, Vec<Run>) = match op.kind {
        Kind::Unchanged => (
            vec![(text(&op.old, old), Style::PLAIN)],
            vec![(text(&op.new, new), Style::PLAIN)],
        ),
        Kind::Added => (
            vec![],
            vec![(
                format!("{{+{}+}}", text(&op.new, new)),
                Style::UNDERLINED_GREEN,
            )],
        ),
        Kind::Deleted => (
            vec![(format!("[-{}-]", text(&op.old, old)), Style::STRUCK_RED)],
            vec![],
        ),
        Kind::Edited | Kind::Merged | Kind::Split => (
            op.words
                .iter()
                .filter(|w| w.op != WordOp::Insert)
                .map(|w| marked(&w.text, w.op))
                .collect(),
            op.words
                .iter()
                .filter(|w| w.op != WordOp::Delete)
                .map(|w| marked(&w.text, w.op))
                .collect(),
        ),
    };
    match op.kind {
        Kind::Merged => right.push((
            format!(" [merged from old sentences {}]", list(&op.old)),
            Style::CYAN,
        )),
        Kind::Split => left.push((
            format!(" [split into new sentences {}]", list(&op.new)),
            Style::CYAN,
        )),
        _ => {}
    }
    if op.moved {
        right.push((
            format!(" [moved from old sentence {}]", op.old[0] + 1),
            Style::CYAN,
        ));
    }
    let margin = match (op.kind, op.moved) {
        (Kind::Unchanged, true) => p.paint(Style::BOLD_CYAN, "↕"),
        (Kind::Unchanged, false) => " ".to_string(),
        (Kind::Added, _) => p.paint(Style::BOLD_GREEN, "+"),
        (Kind::Deleted, _) => p.paint(Style::BOLD_RED, "-"),
        _ => p.paint(Style::BOLD_YELLOW, "~"),
    };
    let (l, r) = (wrap(&left, col, p), wrap(&right, col, p));
    for i in 0..l.len().max(r.len()) {
        let empty = (String::new(), 0);
        let (lt, lw) = l.get(i).unwrap_or(&empty);
        let (rt, _) = r.get(i).unwrap_or(&empty);
        let m = if i == 0 { margin.as_str() } else { " " };
        let pad = " ".repeat(col.saturating_sub(*lw));
        let line = format!("{m} {lt}{pad} │ {rt}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Wraps styled runs into lines of at most `width` characters (words longer than that
/// are cut); returns each line painted, with its visible width.
fn wrap(runs: &[Run], width: usize, p: Paint) -> Vec<(String, usize)> {
    let mut lines: Vec<(String, usize)> = Vec::new();
    let (mut line, mut used) = (String::new(), 0usize);
    // Split runs into words, keeping the space before each word with it.
    let mut words: Vec<Run> = Vec::new();
    for (text, style) in runs {
        let mut cur = String::new();
        for c in text.chars() {
            if c == ' ' && !cur.is_empty() && !cur.ends_with(' ') {
                words.push((std::mem::take(&mut cur), *style));
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            words.push((cur, *style));
        }
    }
    for (word, style) in words {
        let mut w = word.as_str();
        let mut n = w.chars().count();
        if used > 0 && used + n > width {
            lines.push((std::mem::take(&mut line), used));
            used = 0;
            w = w.trim_start();
            n = w.chars().count();
        }
        while n > width {
            let cut = w.char_indices().nth(width - used).map_or(w.len(), |x| x.0);
            line.push_str(&p.paint(style, &w[..cut]));
            lines.push((std::mem::take(&mut line), width));
            used = 0;
            w = &w[cut..];
            n = w.chars().count();
        }
        line.push_str(&p.paint(style, w));
        used += n;
    }
    if used > 0 {
        lines.push((line, used));
    }
    lines
}

/// Marks a run of a word diff: colour when on, and always the text markers.
fn mark(p: Paint, op: WordOp, text: &str) -> String {
    let text = &one_line(text);
    match op {
        WordOp::Equal => text.to_string(),
        WordOp::Delete => p.paint(Style::STRUCK_RED, &format!("[-{text}-]")),
        WordOp::Insert => p.paint(Style::UNDERLINED_GREEN, &format!("{{+{text}+}}")),
    }
}
