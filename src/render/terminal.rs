//! The terminal view: a header per revision pair, then the changed sentences with their
//! word changes, a little unchanged context around them, and the rest elided.
//!
//! Every change is marked in text as well as colour (`+`/`-`/`~` in the margin, `[-old-]`
//! and `{+new+}` inside sentences), so output piped to a file or read aloud loses nothing.

use std::fmt::Write;

use colored::Colorize;

use crate::align::words::WordOp;
use crate::align::{Kind, Op};
use crate::article::Revision;
use crate::changelog::{ChangeLog, RevisionDiff};
use crate::classify::ClassEvidence;
use crate::render::period;
use crate::render::view::{
    article_title, class_item, decisions_note, elided, is_change, list, one_line, op_notes,
    revisions, stat_line, version_name, visible,
};

/// How a diff is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    colored::control::set_override(opts.color);
    let revisions = revisions(log);
    let find = |v: u64| revisions.iter().find(|r| r.version == v);
    let mut out = String::new();
    if let Some(t) = article_title(log, &revisions) {
        let _ = writeln!(out, "{}", one_line(t).bold());
    }
    let place: Vec<&str> = [&log.article.source, &log.article.url]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !place.is_empty() {
        let _ = writeln!(out, "{}", one_line(&place.join(" · ")).dimmed());
    }
    if let Some(note) = decisions_note(log, "`--format json`") {
        let _ = writeln!(out, "{} {note}", "note:".yellow().bold());
    }
    for w in log.warnings.iter().filter(|w| w.runner_up.is_none()) {
        let _ = writeln!(
            out,
            "{} {}",
            "note:".yellow().bold(),
            one_line(&w.to_string())
        );
    }
    for d in &log.diffs {
        let (Some(old), Some(new)) = (find(d.from), find(d.to)) else {
            continue;
        };
        if !out.is_empty() {
            out.push('\n');
        }
        render_diff(&mut out, d, old, new, opts);
    }
    colored::control::unset_override();
    out
}

fn render_diff(out: &mut String, d: &RevisionDiff, old: &Revision, new: &Revision, opts: &Options) {
    let mut head = format!("{} → {}", version_name(old), version_name(new));
    if let Some(p) = period(old.created, new.created) {
        head.push_str(&format!(" · {p}"));
    }
    let _ = writeln!(out, "{}", format!("━━ {} ━━", one_line(&head)).bold());
    if let Some(t) = &d.title {
        let words = if t.words.is_empty() {
            format!(
                "{}{}",
                t.old
                    .as_deref()
                    .map(|o| mark(WordOp::Delete, o))
                    .unwrap_or_default(),
                t.new
                    .as_deref()
                    .map(|n| mark(WordOp::Insert, n))
                    .unwrap_or_default()
            )
        } else {
            t.words.iter().map(|w| mark(w.op, &w.text)).collect()
        };
        let _ = writeln!(out, "{} {words}", "title:".bold());
    }
    let _ = writeln!(out, "{}", stat_line(&d.stats, "  "));
    write_classes(out, &d.classes);
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
            let _ = writeln!(out, "  {}", elided(hidden).dimmed());
            hidden = 0;
        }
        let para = op.new.first().map(|&n| new.paragraph_of(n));
        if para.is_some() && last_para.is_some() && para != last_para {
            out.push('\n');
        }
        last_para = para.or(last_para);
        match opts.layout {
            Layout::Inline => render_op(out, op, old, new),
            Layout::Side => render_op_side(out, op, old, new, opts.width),
        }
    }
    if hidden > 0 {
        let _ = writeln!(out, "  {}", elided(hidden).dimmed());
    }
}

/// The line that names the diff's change classes, as the change log has them, with the
/// evidence that fits on a line: `classes: lede changed, number changed (12 → 19), ...`.
fn write_classes(out: &mut String, classes: &[ClassEvidence]) {
    if classes.is_empty() {
        return;
    }
    let items: Vec<String> = classes.iter().map(|c| class_item(c, &one_line)).collect();
    let _ = writeln!(out, "{} {}", "classes:".bold(), items.join(", "));
}

fn render_op(out: &mut String, op: &Op, old: &Revision, new: &Revision) {
    let join = |idx: &[usize], r: &Revision| -> String {
        idx.iter()
            .map(|&i| one_line(r.sentence(i)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (margin, body) = match op.kind {
        Kind::Unchanged => (" ".normal(), join(&op.new, new).normal().to_string()),
        Kind::Added => ("+".green().bold(), join(&op.new, new).green().to_string()),
        Kind::Deleted => ("-".red().bold(), join(&op.old, old).red().to_string()),
        Kind::Edited | Kind::Merged | Kind::Split => (
            "~".yellow().bold(),
            op.words.iter().map(|w| mark(w.op, &w.text)).collect(),
        ),
    };
    let notes = op_notes(op, |_, note| note);
    let margin = if op.moved && op.kind == Kind::Unchanged {
        "↕".cyan().bold()
    } else {
        margin
    };
    let _ = write!(out, "{margin} {body}");
    if !notes.is_empty() {
        let _ = write!(out, " {}", format!("[{}]", notes.join("; ")).cyan());
    }
    out.push('\n');
}

/// A run of text and how it is marked.
type Run = (String, Style);

/// How a run of text is marked.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Plain,
    Removed,
    Added,
    Note,
}

impl Style {
    fn paint(self, text: &str) -> String {
        match self {
            Style::Plain => text.to_string(),
            Style::Removed => text.red().strikethrough().to_string(),
            Style::Added => text.green().underline().to_string(),
            Style::Note => text.cyan().to_string(),
        }
    }
}

/// One op in two columns: the old text on the left, the new on the right, each wrapped to
/// half the width. Word changes carry their text markers too, so the columns read the
/// same without colour.
fn render_op_side(out: &mut String, op: &Op, old: &Revision, new: &Revision, width: usize) {
    let col = (width.saturating_sub(5) / 2).max(16);
    let text = |idx: &[usize], r: &Revision| -> String {
        idx.iter()
            .map(|&i| one_line(r.sentence(i)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let marked = |t: &str, op: WordOp| match op {
        WordOp::Equal => (one_line(t), Style::Plain),
        WordOp::Delete => (format!("[-{}-]", one_line(t)), Style::Removed),
        WordOp::Insert => (format!("{{+{}+}}", one_line(t)), Style::Added),
    };
    let (mut left, mut right): (Vec<Run>, Vec<Run>) = match op.kind {
        Kind::Unchanged => (
            vec![(text(&op.old, old), Style::Plain)],
            vec![(text(&op.new, new), Style::Plain)],
        ),
        Kind::Added => (
            vec![],
            vec![(format!("{{+{}+}}", text(&op.new, new)), Style::Added)],
        ),
        Kind::Deleted => (
            vec![(format!("[-{}-]", text(&op.old, old)), Style::Removed)],
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
        Kind::Merged => right.push((format!(" [merged from old {}]", list(&op.old)), Style::Note)),
        Kind::Split => left.push((format!(" [split into new {}]", list(&op.new)), Style::Note)),
        _ => {}
    }
    if op.moved {
        right.push((format!(" [moved from old {}]", op.old[0] + 1), Style::Note));
    }
    let margin = match (op.kind, op.moved) {
        (Kind::Unchanged, true) => "↕".cyan().bold(),
        (Kind::Unchanged, false) => " ".normal(),
        (Kind::Added, _) => "+".green().bold(),
        (Kind::Deleted, _) => "-".red().bold(),
        _ => "~".yellow().bold(),
    };
    let (l, r) = (wrap(&left, col), wrap(&right, col));
    for i in 0..l.len().max(r.len()) {
        let empty = (String::new(), 0);
        let (lt, lw) = l.get(i).unwrap_or(&empty);
        let (rt, _) = r.get(i).unwrap_or(&empty);
        let m = if i == 0 {
            margin.to_string()
        } else {
            " ".to_string()
        };
        let pad = " ".repeat(col.saturating_sub(*lw));
        let line = format!("{m} {lt}{pad} │ {rt}");
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Wraps styled runs into lines of at most `width` characters (words longer than that
/// are cut); returns each line painted, with its visible width.
fn wrap(runs: &[Run], width: usize) -> Vec<(String, usize)> {
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
            line.push_str(&style.paint(&w[..cut]));
            lines.push((std::mem::take(&mut line), width));
            used = 0;
            w = &w[cut..];
            n = w.chars().count();
        }
        line.push_str(&style.paint(w));
        used += n;
    }
    if used > 0 {
        lines.push((line, used));
    }
    lines
}

/// Marks a run of a word diff: colour when on, and always the text markers.
fn mark(op: WordOp, text: &str) -> String {
    let text = &one_line(text);
    match op {
        WordOp::Equal => text.to_string(),
        WordOp::Delete => format!("[-{text}-]").red().strikethrough().to_string(),
        WordOp::Insert => format!("{{+{text}+}}").green().underline().to_string(),
    }
}
