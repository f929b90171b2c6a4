//! The terminal view: a header per revision pair, then the changed sentences with their
//! word changes, a little unchanged context around them, and the rest elided.
//!
//! Every change is marked in text as well as colour (`+`/`-`/`~` in the margin, `[-old-]`
//! and `{+new+}` inside sentences), so output piped to a file or read aloud loses nothing.
//!
//! It writes the blocks of [`walk`](crate::render::walk) in one of two layouts: inline
//! (each op on one line) or side by side (old and new in two wrapped columns).

use std::fmt::Write;

use crate::align::words::WordOp;
use crate::article::Side;
use crate::changelog::ChangeLog;
use crate::render::paint::{Paint, Style};
use crate::render::view::{
    Context, article_title, class_item, decisions_note, elided, one_line, set_aside_line,
    stat_line, version_name, warnings,
};
use crate::render::walk::{Head, Item, Mark, Plan, Shown, pairs, walk};
use crate::text::tokens::stands_alone;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    /// One column, or old and new side by side.
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
    let view = Terminal {
        paint: Paint::new(opts.color),
        layout: opts.layout,
        width: opts.width,
    };
    let p = view.paint;
    let revisions = &log.revisions;
    let mut out = String::new();
    if let Some(t) = article_title(log, revisions) {
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
    let plan = Plan {
        context: Context {
            context: opts.context,
            full: opts.full,
        },
        fold: false,
        departures: false,
    };
    for pair in pairs(log) {
        if !out.is_empty() {
            out.push('\n');
        }
        let walk = walk(pair, &plan);
        for head in &walk.head {
            view.head(&mut out, head);
        }
        if let Some(items) = &walk.body {
            out.push('\n');
            for item in items {
                view.item(&mut out, item);
            }
        }
    }
    out
}

/// The terminal view's block writer.
struct Terminal {
    paint: Paint,
    layout: Layout,
    width: usize,
}

impl Terminal {
    fn head(&self, out: &mut String, head: &Head) {
        let runs: Vec<Run> = match head {
            Head::Versions { old, new, period } => {
                let mut line = format!("{} → {}", version_name(old), version_name(new));
                if let Some(period) = period {
                    line.push_str(&format!(" · {period}"));
                }
                vec![(format!("━━ {} ━━", one_line(&line)), Style::BOLD)]
            }
            Head::Title(runs) => std::iter::once(("title:".to_string(), Style::BOLD))
                .chain(std::iter::once((" ".to_string(), Style::PLAIN)))
                .chain(runs.iter().map(|&(op, t)| word_run(op, t)))
                .collect(),
            Head::Stats(stats) => vec![(stat_line(stats, "  "), Style::PLAIN)],
            // The classes as the change log has them, with the evidence that fits on a
            // line: `classes: lede changed, number changed (12 → 19), ...`.
            Head::Classes(classes) => {
                let items: Vec<String> = classes.iter().map(|c| class_item(c, &one_line)).collect();
                vec![
                    ("classes:".to_string(), Style::BOLD),
                    (format!(" {}", items.join(", ")), Style::PLAIN),
                ]
            }
            Head::SetAside { old, new } => {
                vec![(one_line(&set_aside_line(old, new)), Style::DIM)]
            }
        };
        self.head_lines(out, &runs);
    }

    /// Writes a head line: as it is inline, and wrapped to the width beside the two
    /// columns, which promise to keep within it.
    fn head_lines(&self, out: &mut String, runs: &[Run]) {
        match self.layout {
            Layout::Inline => {
                for (text, style) in runs {
                    out.push_str(&self.paint.paint(*style, text));
                }
                out.push('\n');
            }
            Layout::Side => {
                for (line, _) in wrap(runs, self.width.max(16), self.paint) {
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
            }
        }
    }

    fn item(&self, out: &mut String, item: &Item) {
        match item {
            Item::Elided { count, .. } => {
                let _ = writeln!(out, "  {}", self.paint.paint(Style::DIM, &elided(*count)));
            }
            Item::Op(shown) => {
                if shown.paragraph_break {
                    out.push('\n');
                }
                match self.layout {
                    Layout::Inline => self.op_inline(out, shown),
                    Layout::Side => self.op_side(out, shown),
                }
            }
            // The terminal's plan asks for none: a moved sentence's note says where it
            // came from.
            Item::Departure { .. } => {}
        }
    }

    /// The margin mark of an op, painted.
    fn margin(&self, mark: Mark) -> String {
        let (symbol, style) = match mark {
            Mark::Unchanged => (" ", Style::PLAIN),
            Mark::Moved => ("↕", Style::BOLD_CYAN),
            Mark::Added => ("+", Style::BOLD_GREEN),
            Mark::Deleted => ("-", Style::BOLD_RED),
            Mark::Edited => ("~", Style::BOLD_YELLOW),
        };
        self.paint.paint(style, symbol)
    }

    /// A run of a word diff with its text markers, painted.
    fn mark(&self, op: WordOp, text: &str) -> String {
        let (text, style) = word_run(op, text);
        self.paint.paint(style, &text)
    }

    /// One op on one line: margin, text with its word changes, notes.
    fn op_inline(&self, out: &mut String, s: &Shown) {
        let p = self.paint;
        let body = match s.mark {
            Mark::Unchanged | Mark::Moved => s.text(Side::New, one_line),
            Mark::Added => p.paint(Style::GREEN, &s.text(Side::New, one_line)),
            Mark::Deleted => p.paint(Style::RED, &s.text(Side::Old, one_line)),
            Mark::Edited => {
                s.op.words
                    .iter()
                    .map(|w| self.mark(w.op, &w.text))
                    .collect()
            }
        };
        let _ = write!(out, "{} {body}", self.margin(s.mark));
        if !s.notes.is_empty() {
            let notes: Vec<String> = s.notes.iter().map(ToString::to_string).collect();
            let notes = format!("[{}]", notes.join("; "));
            let _ = write!(out, " {}", p.paint(Style::CYAN, &notes));
        }
        out.push('\n');
    }

    /// One op in two columns: the old text on the left, the new on the right, each
    /// wrapped to half the width. Word changes carry their text markers too, so the
    /// columns read the same without colour.
    fn op_side(&self, out: &mut String, s: &Shown) {
        let col = (self.width.saturating_sub(5) / 2).max(16);
        let words = |hidden: WordOp| -> Vec<Run> {
            s.op.words
                .iter()
                .filter(|w| w.op != hidden)
                .map(|w| word_run(w.op, &w.text))
                .collect()
        };
        let (mut left, mut right): (Vec<Run>, Vec<Run>) = match s.mark {
            Mark::Unchanged | Mark::Moved => (
                vec![(s.text(Side::Old, one_line), Style::PLAIN)],
                vec![(s.text(Side::New, one_line), Style::PLAIN)],
            ),
            Mark::Added => {
                let new = format!("{{+{}+}}", s.text(Side::New, one_line));
                (vec![], vec![(new, Style::UNDERLINED_GREEN)])
            }
            Mark::Deleted => {
                let old = format!("[-{}-]", s.text(Side::Old, one_line));
                (vec![(old, Style::STRUCK_RED)], vec![])
            }
            Mark::Edited => (words(WordOp::Insert), words(WordOp::Delete)),
        };
        for note in &s.notes {
            let run = (format!(" [{note}]"), Style::CYAN);
            match note.side() {
                Side::Old => left.push(run),
                Side::New => right.push(run),
            }
        }
        let margin = self.margin(s.mark);
        let (l, r) = (wrap(&left, col, self.paint), wrap(&right, col, self.paint));
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
}

/// A run of text and its style.
type Run = (String, Style);

/// A run of a word diff with its text markers (`[-old-]`, `{+new+}`) and its style.
fn word_run(op: WordOp, text: &str) -> Run {
    let text = one_line(text);
    match op {
        WordOp::Equal => (text, Style::PLAIN),
        WordOp::Delete => (format!("[-{text}-]"), Style::STRUCK_RED),
        WordOp::Insert => (format!("{{+{text}+}}"), Style::UNDERLINED_GREEN),
    }
}

/// Wraps styled runs into lines of at most `width` terminal cells, wide characters (CJK,
/// most emoji) counted as two: lines break at spaces, and also between the characters of
/// scripts written without spaces, and a word longer than a line is cut. Returns each line
/// painted, with its visible width.
fn wrap(runs: &[Run], width: usize, p: Paint) -> Vec<(String, usize)> {
    let mut lines: Vec<(String, usize)> = Vec::new();
    let (mut line, mut used) = (Line::default(), 0usize);
    for (word, style) in break_words(runs) {
        let mut w = word.as_str();
        let mut n = w.width();
        if used > 0 && used + n > width {
            lines.push((line.paint(p), used));
            used = 0;
            w = w.trim_start();
            n = w.width();
        }
        while used + n > width {
            let (cut, cells) = fit(w, width - used);
            if cut == 0 && used == 0 {
                // Not even one character fits a line: give up cutting (widths are >= 16).
                break;
            }
            line.push(&w[..cut], style);
            lines.push((line.paint(p), used + cells));
            used = 0;
            w = &w[cut..];
            n = w.width();
        }
        line.push(w, style);
        used += n;
    }
    if used > 0 {
        lines.push((line.paint(p), used));
    }
    lines
}

/// A line being filled: its text in runs of one style, so that each run is painted once.
#[derive(Default)]
struct Line(Vec<Run>);

impl Line {
    fn push(&mut self, text: &str, style: Style) {
        match self.0.last_mut() {
            Some((t, s)) if *s == style => t.push_str(text),
            _ => self.0.push((text.to_string(), style)),
        }
    }

    /// The line painted; it is empty afterwards.
    fn paint(&mut self, p: Paint) -> String {
        std::mem::take(&mut self.0)
            .iter()
            .map(|(t, s)| p.paint(*s, t))
            .collect()
    }
}

/// The runs cut into words that a line may break before: each with the space before it,
/// and each character of a script written without spaces on its own.
fn break_words(runs: &[Run]) -> Vec<Run> {
    let mut words: Vec<Run> = Vec::new();
    for (text, style) in runs {
        let mut cur = String::new();
        for c in text.chars() {
            let breaks = c == ' ' && !cur.ends_with(' ') || stands_alone(c) || c.width() == Some(2);
            if breaks && !cur.is_empty() && !cur.ends_with(' ') {
                words.push((std::mem::take(&mut cur), *style));
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            words.push((cur, *style));
        }
    }
    words
}

/// The longest start of `w` that fits in `cells` terminal cells: its length in bytes and
/// its width.
fn fit(w: &str, cells: usize) -> (usize, usize) {
    let mut used = 0;
    for (i, c) in w.char_indices() {
        let cw = c.width().unwrap_or(0);
        if used + cw > cells {
            return (i, used);
        }
        used += cw;
    }
    (w.len(), used)
}
