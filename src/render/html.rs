//! The HTML view: one self-contained HTML5 page (inline CSS, no network requests, readable
//! without script) with the article, a timeline of its revisions and every diff, inline
//! and side by side.
//!
//! Like every renderer it reads the change log and nothing else: the alignment, the kinds,
//! the stats and the change classes with their evidence come from the library. Numbers
//! and quotations that changed are highlighted where the classes' evidence finds them in
//! the text; nothing is re-derived here.
//!
//! Every change is marked in text as well as colour: `<del>`/`<ins>` carry visually
//! hidden labels ("removed:", "added:") for screen readers, and the margin marks of the
//! terminal view (`~ + - ↕`) stand beside each sentence. All article text goes through
//! [`escape`].
//!
//! Each diff is the [walk](crate::render::walk)'s blocks: `write_head` writes its head,
//! and `List` writes its sentence list twice, inline and side by side, with a switch
//! between them. Its plan folds the unchanged sentences into a `<details>` rather than
//! leaving them out, and marks the places moved sentences left, with links both ways.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset};

use crate::align::Kind;
use crate::align::words::WordOp;
use crate::article::{Revision, Side};
use crate::changelog::ChangeLog;
use crate::classify::{Class, ClassEvidence};
use crate::render::period;
use crate::render::terminal::Layout;
use crate::render::view;
use crate::render::view::{
    article_title, class_item, decisions_note, elided, is_web_url, set_aside_line, stat_line,
    version_name,
};
use crate::render::walk::{Head, Item, Mark, Note, Pair, Plan, Shown, pairs, walk};

/// What the HTML view shows: unchanged sentences around each change (the rest are
/// folded into a `<details>` that opens to show them), or all of them.
pub type Options = crate::render::view::Context;

/// Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`,
/// `"` and `'`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Article text for the page: [`escape`]d, with control characters (which HTML forbids)
/// shown as visible escapes, as the terminal view does.
pub fn text(s: &str) -> String {
    escape(&visible_controls(s))
}

fn visible_controls(s: &str) -> String {
    if !s.chars().any(forbidden) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if forbidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters an HTML document may not hold as text: controls other than the usual
/// white space, and noncharacters.
fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || view::noncharacter(c)
}

/// Renders a change log as one HTML page.
pub fn render(log: &ChangeLog, opts: &Options) -> String {
    let revisions = &log.revisions;
    let ids = diff_ids(log);
    let title = article_title(log, revisions);
    let mut out = String::with_capacity(48 * 1024);

    let page_title = match title {
        Some(t) => format!("{} · newsdiff", text(t)),
        None => "newsdiff: how the text changed".to_string(),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"newsdiff {}\">\n<title>{page_title}</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n<header class=\"top\">\n",
        env!("CARGO_PKG_VERSION")
    );
    match title {
        Some(t) => {
            let _ = writeln!(out, "<h1>{}</h1>", text(t));
        }
        None => out.push_str("<h1>How the text changed</h1>\n"),
    }
    let source = log.article.source.as_deref().map(text);
    let url = log.article.url.as_deref().map(|u| {
        if is_web_url(u) {
            format!("<a href=\"{0}\" rel=\"noreferrer\">{0}</a>", text(u))
        } else {
            text(u)
        }
    });
    let place: Vec<String> = [source, url].into_iter().flatten().collect();
    if !place.is_empty() {
        let _ = writeln!(out, "<p class=\"src\">{}</p>", place.join(" · "));
    }
    write_notes(&mut out, log);
    out.push_str(LEGEND);
    out.push_str(TOOLS);
    out.push_str("</header>\n");

    write_timeline(&mut out, log, &ids);

    out.push_str("<main>\n");
    for pair in pairs(log) {
        write_diff(&mut out, pair, &ids[pair.index], opts);
    }
    let _ = write!(
        out,
        "</main>\n<footer><p>Made by newsdiff {} from its change log ({}).</p></footer>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        text(crate::changelog::SCHEMA)
    );
    out
}

/// The anchor id of each diff on the page (`v2-v3`, made unique if a pair comes twice),
/// also used by links from outside it.
pub fn diff_ids(log: &ChangeLog) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(log.diffs.len());
    for (i, d) in log.diffs.iter().enumerate() {
        let base = format!("v{}-v{}", d.from, d.to);
        let id = if ids.contains(&base) {
            format!("{base}-{}", i + 1)
        } else {
            base
        };
        ids.push(id);
    }
    ids
}

fn write_notes(out: &mut String, log: &ChangeLog) {
    let mut notes = Vec::new();
    notes.extend(decisions_note(log, "<code>--format json</code>"));
    notes.extend(view::warnings(log).map(|w| text(&w)));
    if notes.is_empty() {
        return;
    }
    out.push_str("<ul class=\"notes\">");
    for n in notes {
        let _ = write!(out, "<li><b>note:</b> {n}</li>");
    }
    out.push_str("</ul>\n");
}

fn time(t: &DateTime<FixedOffset>) -> String {
    let shown = if t.offset().local_minus_utc() == 0 {
        t.format("%Y-%m-%d %H:%M UTC")
    } else {
        t.format("%Y-%m-%d %H:%M %:z")
    };
    format!("<time datetime=\"{}\">{shown}</time>", t.to_rfc3339())
}

fn write_timeline(out: &mut String, log: &ChangeLog, ids: &[String]) {
    out.push_str(
        "<nav class=\"tl\" aria-labelledby=\"tl-h\">\n<h2 id=\"tl-h\">Revisions</h2>\n<ol>\n",
    );
    let page_title = log.article.title.as_ref();
    let mut prev: Option<&Revision> = None;
    for (i, r) in log.revisions.iter().enumerate() {
        let _ = write!(out, "<li><span class=\"v\">version {}</span>", r.version);
        if let Some(l) = &r.label {
            let _ = write!(out, " <span class=\"mute\">{}</span>", text(l));
        }
        if let Some(t) = &r.created {
            let _ = write!(out, " {}", time(t));
        }
        if let Some(gap) = prev.and_then(|p| period(p.created, r.created)) {
            let _ = write!(out, " <span class=\"mute\">· {gap}</span>");
        }
        let title_changed = prev.is_some_and(|p| p.title != r.title);
        if title_changed {
            let t = r.title.as_deref().map(text).unwrap_or_default();
            let _ = write!(
                out,
                "<br><span class=\"tag tc\">title changed</span> {}",
                if t.is_empty() {
                    "<i>no title</i>".to_string()
                } else {
                    t
                }
            );
        } else if prev.is_none()
            && let Some(t) = r.title.as_ref().filter(|t| Some(*t) != page_title)
        {
            let _ = write!(out, "<br>{}", text(t));
        }
        for (d, id) in log
            .diffs
            .iter()
            .zip(ids)
            .filter(|(d, _)| d.new_revision == i)
        {
            let _ = write!(
                out,
                "<br><a href=\"#{id}\">changes from version {}</a> <span class=\"cnt\">{}</span>",
                d.from,
                stat_line(&d.stats, " ")
            );
            if !d.classes.is_empty() {
                let names: Vec<&str> = d.classes.iter().map(|c| c.class.name()).collect();
                let _ = write!(out, " <span class=\"mute\">· {}</span>", names.join(", "));
            }
        }
        out.push_str("</li>\n");
        prev = Some(r);
    }
    out.push_str("</ol>\n</nav>\n");
}

/// One diff: its head, then its sentence list twice, inline and side by side, with a
/// switch between them.
fn write_diff(out: &mut String, pair: Pair, id: &str, opts: &Options) {
    let plan = Plan {
        context: *opts,
        fold: true,
        departures: true,
    };
    let walk = walk(pair, &plan);
    let _ = write!(
        out,
        "<section class=\"diff\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<header>\n"
    );
    for head in &walk.head {
        write_head(out, head, id);
    }
    out.push_str("</header>\n");
    let Some(items) = &walk.body else {
        out.push_str("</section>\n");
        return;
    };
    let _ = writeln!(
        out,
        "<fieldset class=\"view\"><legend class=\"sr\">View of this diff</legend>\
         <input type=\"radio\" name=\"{id}-view\" id=\"{id}-vi\" class=\"vi\" checked>\
         <label for=\"{id}-vi\">Inline</label>\
         <input type=\"radio\" name=\"{id}-view\" id=\"{id}-vs\" class=\"vs\">\
         <label for=\"{id}-vs\">Side by side</label></fieldset>"
    );
    let list = List {
        id,
        old: pair.old,
        new: pair.new,
    };
    out.push_str("<div class=\"inline\">\n");
    for item in items {
        list.item(out, item, Layout::Inline);
    }
    out.push_str("</div>\n<div class=\"side\">\n");
    let _ = writeln!(
        out,
        "<div class=\"row hd\" aria-hidden=\"true\"><span></span><div>version {}</div>\
         <div>version {}</div></div>",
        pair.old.version, pair.new.version
    );
    for item in items {
        list.item(out, item, Layout::Side);
    }
    out.push_str("</div>\n</section>\n");
}

/// A block of a diff's head; `id` is the diff's anchor.
fn write_head(out: &mut String, head: &Head, id: &str) {
    match head {
        Head::Versions { old, new, period } => {
            let (o, n) = (text(&version_name(old)), text(&version_name(new)));
            let _ = writeln!(out, "<h2 id=\"{id}-h\">{o} → {n}</h2>");
            let mut when = Vec::new();
            if old.created.is_some() || new.created.is_some() {
                let t = |r: &Revision| r.created.as_ref().map_or("time unknown".into(), time);
                when.push(format!("{} → {}", t(old), t(new)));
            }
            when.extend(period.clone());
            if !when.is_empty() {
                let _ = writeln!(out, "<p class=\"mute\">{}</p>", when.join(" · "));
            }
        }
        Head::Title(runs) => {
            out.push_str("<p><b>title:</b> ");
            for &(op, t) in runs {
                mark(out, op, t);
            }
            out.push_str("</p>\n");
        }
        Head::Stats(stats) => {
            let _ = writeln!(
                out,
                "<p class=\"stats\">{}</p>",
                text(&stat_line(stats, "  "))
            );
        }
        Head::Classes(classes) => {
            let items: Vec<String> = classes.iter().map(|c| class_item(c, &text)).collect();
            let _ = writeln!(
                out,
                "<p class=\"classes\"><b>classes:</b> {}</p>",
                items.join(", ")
            );
        }
        Head::SetAside { old, new } => {
            let _ = writeln!(
                out,
                "<p class=\"mute set-aside\">{}</p>",
                text(&set_aside_line(old, new))
            );
        }
    }
}

/// A run of a title's word diff as `<del>`/`<ins>` with its hidden label.
fn mark(out: &mut String, op: WordOp, t: &str) {
    match op {
        WordOp::Equal => out.push_str(&text(t)),
        WordOp::Delete => {
            let _ = write!(
                out,
                "<del><span class=\"sr\">removed: </span>{}</del>",
                text(t)
            );
        }
        WordOp::Insert => {
            let _ = write!(
                out,
                "<ins><span class=\"sr\">added: </span>{}</ins>",
                text(t)
            );
        }
    }
}

/// Where a piece of text is highlighted: a changed number or a changed quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Hl {
    Quote,
    Number,
}

/// One side of an op as text, with the ranges the word diff changed and the highlights.
#[derive(Default)]
struct SideText {
    text: String,
    changed: Vec<std::ops::Range<usize>>,
    hl: Vec<(std::ops::Range<usize>, Hl)>,
}

impl SideText {
    /// Finds `needle` from `from` on; numbers must lie inside a changed run and stand as a
    /// whole word. Returns the end of the match.
    fn highlight(&mut self, needle: &str, from: usize, kind: Hl) -> Option<usize> {
        if needle.is_empty() {
            return None;
        }
        let mut at = from;
        while let Some(i) = self.text.get(at..).and_then(|t| t.find(needle)) {
            let (s, e) = (at + i, at + i + needle.len());
            let ok = match kind {
                Hl::Quote => true,
                Hl::Number => {
                    let before = self.text[..s].chars().next_back();
                    let after = self.text[e..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                        && self.changed.iter().any(|r| r.start <= s && e <= r.end)
                }
            };
            if ok {
                self.hl.push((s..e, kind));
                return Some(e);
            }
            at = s + needle.chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    fn at(&self, pos: usize) -> Option<Hl> {
        self.hl
            .iter()
            .filter(|(r, _)| r.contains(&pos))
            .map(|(_, k)| *k)
            .max()
    }
}

/// An op made ready to print: its runs and the highlights of both sides.
struct Marked<'a> {
    runs: Vec<(WordOp, &'a str)>,
    /// The runs are whole sentences added or deleted, and are labelled so.
    sentences: bool,
    old: SideText,
    new: SideText,
}

impl<'a> Marked<'a> {
    fn new(s: &Shown<'a>) -> Self {
        let runs: Vec<(WordOp, &str)> = match s.mark {
            Mark::Edited => s.op.words.iter().map(|w| (w.op, w.text.as_str())).collect(),
            Mark::Added => s
                .sentences(Side::New)
                .map(|t| (WordOp::Insert, t))
                .collect(),
            Mark::Deleted => s
                .sentences(Side::Old)
                .map(|t| (WordOp::Delete, t))
                .collect(),
            Mark::Unchanged | Mark::Moved => {
                s.sentences(Side::New).map(|t| (WordOp::Equal, t)).collect()
            }
        };
        let mut m = Marked {
            runs,
            sentences: matches!(s.mark, Mark::Added | Mark::Deleted),
            old: SideText::default(),
            new: SideText::default(),
        };
        for &(op, t) in &m.runs {
            if op != WordOp::Insert {
                let s = m.old.text.len();
                m.old.text.push_str(t);
                if op == WordOp::Delete {
                    m.old.changed.push(s..m.old.text.len());
                }
            }
            if op != WordOp::Delete {
                let s = m.new.text.len();
                m.new.text.push_str(t);
                if op == WordOp::Insert {
                    m.new.changed.push(s..m.new.text.len());
                }
            }
        }
        for c in s.classes {
            let kind = match c.class {
                Class::Number => Hl::Number,
                Class::Quotation => Hl::Quote,
                _ => continue,
            };
            let (mut from_old, mut from_new) = (0, 0);
            for ch in &c.changes {
                if let Some(o) = &ch.old {
                    from_old = m.old.highlight(o, from_old, kind).unwrap_or(from_old);
                }
                if let Some(n) = &ch.new {
                    from_new = m.new.highlight(n, from_new, kind).unwrap_or(from_new);
                }
            }
        }
        m
    }

    /// Writes the runs of both sides, or of `side` alone.
    fn write(&self, out: &mut String, side: Option<Side>) {
        let (mut po, mut pn) = (0usize, 0usize);
        for &(op, t) in &self.runs {
            let len = t.len();
            let show = !matches!(
                (side, op),
                (Some(Side::New), WordOp::Delete) | (Some(Side::Old), WordOp::Insert)
            );
            if show {
                let hl = |i: usize| -> Option<Hl> {
                    let a = (op != WordOp::Insert)
                        .then(|| self.old.at(po + i))
                        .flatten();
                    let b = (op != WordOp::Delete)
                        .then(|| self.new.at(pn + i))
                        .flatten();
                    a.max(b)
                };
                let (open, close) = match op {
                    WordOp::Equal => ("", ""),
                    WordOp::Delete if self.sentences => (
                        "<del><span class=\"sr\">deleted sentence: </span>",
                        "</del>",
                    ),
                    WordOp::Insert if self.sentences => {
                        ("<ins><span class=\"sr\">added sentence: </span>", "</ins>")
                    }
                    WordOp::Delete => ("<del><span class=\"sr\">removed: </span>", "</del>"),
                    WordOp::Insert => ("<ins><span class=\"sr\">added: </span>", "</ins>"),
                };
                out.push_str(open);
                write_highlighted(out, t, hl);
                out.push_str(close);
            }
            if op != WordOp::Insert {
                po += len;
            }
            if op != WordOp::Delete {
                pn += len;
            }
        }
    }
}

/// Text of one run, with `<mark>` around highlighted stretches.
fn write_highlighted(out: &mut String, t: &str, hl: impl Fn(usize) -> Option<Hl>) {
    let mut start = 0;
    let mut cur = hl(0);
    let mut boundaries: Vec<usize> = t.char_indices().map(|(i, _)| i).skip(1).collect();
    boundaries.push(t.len());
    for i in boundaries {
        let k = if i < t.len() { hl(i) } else { None };
        if k != cur || i == t.len() {
            let piece = text(&t[start..i]);
            match cur {
                Some(Hl::Number) => {
                    let _ = write!(out, "<mark class=\"n\">{piece}</mark>");
                }
                Some(Hl::Quote) => {
                    let _ = write!(out, "<mark class=\"q\">{piece}</mark>");
                }
                None => out.push_str(&piece),
            }
            start = i;
            cur = k;
        }
    }
}

/// The sentence list of one diff, written in either layout.
struct List<'a> {
    /// The diff's anchor.
    id: &'a str,
    old: &'a Revision,
    new: &'a Revision,
}

impl List<'_> {
    /// One item of the list in one layout; folded items go inside a `<details>`.
    fn item(&self, out: &mut String, item: &Item, layout: Layout) {
        match item {
            Item::Elided { count, folded } => {
                let _ = writeln!(
                    out,
                    "<details class=\"el\"><summary>{}</summary>",
                    elided(*count)
                );
                for item in folded {
                    self.item(out, item, layout);
                }
                out.push_str("</details>\n");
            }
            Item::Departure { old, new, up } => {
                let (tag, cell, end) = match layout {
                    Layout::Inline => ("op mv", "<p class=\"t\">", "</p>"),
                    Layout::Side => (
                        "row mv",
                        "<div class=\"o\">",
                        "</div><div class=\"n\"></div>",
                    ),
                };
                let _ = write!(
                    out,
                    "<div class=\"{tag}\" id=\"{}\"><span class=\"m\" aria-hidden=\"true\">↕</span>\
                     {cell}<a href=\"#{}\">Old sentence {} moved from here {} to new sentence {}</a>{end}",
                    self.anchor(layout, Side::Old, *old),
                    self.anchor(layout, Side::New, *new),
                    old + 1,
                    if *up { "up" } else { "down" },
                    new + 1,
                );
                out.push_str("</div>\n");
            }
            Item::Op(shown) => self.op(out, shown, layout),
        }
    }

    /// An anchor id for a sentence of one side in a layout: `v2-v3-n4` inline,
    /// `v2-v3-sn4` side by side (`o` for old sentences).
    fn anchor(&self, layout: Layout, side: Side, i: usize) -> String {
        let layout = match layout {
            Layout::Inline => "",
            Layout::Side => "s",
        };
        let side = match side {
            Side::Old => 'o',
            Side::New => 'n',
        };
        format!("{}-{layout}{side}{i}", self.id)
    }

    /// An op: its margin mark, then its text with word changes and highlights, its notes
    /// and (inline) its tags; side by side, the old text and the new in two cells.
    fn op(&self, out: &mut String, s: &Shown, layout: Layout) {
        let (cls, margin) = match s.mark {
            Mark::Moved => ("mv", "↕"),
            Mark::Unchanged => ("u", ""),
            Mark::Added => ("a", "+"),
            Mark::Deleted => ("d", "−"),
            Mark::Edited => ("e", "~"),
        };
        let id = match s.op.new.first() {
            Some(&n) => self.anchor(layout, Side::New, n),
            None => self.anchor(layout, Side::Old, s.op.old.first().copied().unwrap_or(0)),
        };
        let _ = write!(
            out,
            "<div class=\"{} {cls}{}\" id=\"{id}\"><span class=\"m\" aria-hidden=\"true\">{margin}</span>",
            match layout {
                Layout::Inline => "op",
                Layout::Side => "row",
            },
            if s.paragraph_break { " p" } else { "" },
        );
        let marked = Marked::new(s);
        let notes = self.notes(&s.notes, layout);
        match layout {
            Layout::Inline => {
                out.push_str("<p class=\"t\">");
                if let Some(label) = label(s) {
                    let _ = write!(out, "<span class=\"sr\">{label}</span>");
                }
                marked.write(out, None);
                out.push_str(&notes);
                out.push_str("</p>");
                write_tags(out, &s.tags);
            }
            Layout::Side => {
                for side in Side::BOTH {
                    self.cell(out, s, side, &marked, &notes);
                }
            }
        }
        out.push_str("</div>\n");
    }

    /// One side of an op side by side: its text, labelled with its version for narrow
    /// screens (where the cells stack), and the notes on the new side; empty when the
    /// op has no sentence on that side.
    fn cell(&self, out: &mut String, s: &Shown, side: Side, marked: &Marked, notes: &str) {
        let (sentences, class, version) = match side {
            Side::Old => (&s.op.old, "o", self.old.version),
            Side::New => (&s.op.new, "n", self.new.version),
        };
        if sentences.is_empty() {
            let _ = write!(out, "<div class=\"{class}\"></div>");
            return;
        }
        let _ = write!(
            out,
            "<div class=\"{class}\"><span class=\"lab\">version {version}: </span>"
        );
        marked.write(out, Some(side));
        if side == Side::New {
            out.push_str(notes);
        }
        out.push_str("</div>");
    }

    /// The notes of an op; a move links to the place it left.
    fn notes(&self, notes: &[Note], layout: Layout) -> String {
        if notes.is_empty() {
            return String::new();
        }
        let notes: Vec<String> = notes
            .iter()
            .map(|note| match note {
                Note::MovedFrom(o) => {
                    let place = self.anchor(layout, Side::Old, *o);
                    format!("<a href=\"#{place}\">{note}</a>")
                }
                _ => note.to_string(),
            })
            .collect();
        format!(" <span class=\"note\">[{}]</span>", notes.join("; "))
    }
}

/// What a screen reader hears before an op's text: `Moved: `, `Edited: `, ...
fn label(s: &Shown) -> Option<&'static str> {
    match (s.mark, s.op.kind) {
        (Mark::Moved, _) => Some("Moved: "),
        (_, Kind::Edited) => Some("Edited: "),
        (_, Kind::Merged) => Some("Merged: "),
        (_, Kind::Split) => Some("Split: "),
        (_, Kind::Rewritten) => Some("Rewritten: "),
        _ => None,
    }
}

/// An op's class tags, with short evidence for numbers.
fn write_tags(out: &mut String, tags: &[&ClassEvidence]) {
    if tags.is_empty() {
        return;
    }
    out.push_str("<p class=\"tags\"><span class=\"sr\">Classes: </span>");
    for (k, c) in tags.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let ev: Vec<String> = if c.class == Class::Number {
            c.changes
                .iter()
                .map(|ch| {
                    format!(
                        "{} → {}",
                        ch.old.as_deref().map(text).unwrap_or_default(),
                        ch.new.as_deref().map(text).unwrap_or_default()
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        let _ = write!(out, "<span class=\"tag\">{}", c.class.name());
        if !ev.is_empty() {
            let _ = write!(out, " {}", ev.join(", "));
        }
        out.push_str("</span>");
    }
    out.push_str("</p>");
}

const LEGEND: &str = "<p class=\"legend\"><span class=\"sr\">Key: </span>\
<del>removed words</del> <ins>added words</ins> <mark class=\"n\">changed number</mark> \
<mark class=\"q\">changed quotation</mark> <span aria-hidden=\"true\">~ edited + added \
- deleted ↕ moved</span></p>\n";

/// Shown by the script only: with no script, each diff's own switch and each fold work.
const TOOLS: &str = "<p id=\"tools\" hidden><button type=\"button\" id=\"t-open\" \
aria-pressed=\"false\">Unfold all unchanged sentences</button> <button type=\"button\" \
id=\"t-side\" aria-pressed=\"false\">Side by side everywhere</button></p>\n";

const SCRIPT: &str = "(function(){var d=document,t=d.getElementById('tools');\
function tog(id,f){var b=d.getElementById(id);b.addEventListener('click',function(){\
var on=b.getAttribute('aria-pressed')!=='true';b.setAttribute('aria-pressed',String(on));f(on);});}\
tog('t-open',function(on){d.querySelectorAll('details.el').forEach(function(e){e.open=on;});});\
tog('t-side',function(on){d.querySelectorAll(on?'input.vs':'input.vi').forEach(function(e){e.checked=true;});});\
t.hidden=false;})();";

const CSS: &str = "
:root{--fg:#1a1a1a;--bg:#fff;--mute:#5a5f66;--line:#d5d8dc;--del:#fde2e2;--delf:#8b1a1a;\
--ins:#dcf3df;--insf:#115c23;--num:#ffe68a;--q:#e3e9ff;--qline:#3a5bd9;--acc:#0b57d0;--ed:#9a5b00}
@media (prefers-color-scheme:dark){:root{--fg:#e4e6e8;--bg:#15171a;--mute:#a3a9b0;--line:#3b4047;\
--del:#4b2024;--delf:#ffc2c2;--ins:#1d3f27;--insf:#b3ecbf;--num:#6b5600;--q:#262f52;--qline:#9db1ff;\
--acc:#8ab4f8;--ed:#f0b45a}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:68rem;padding:1rem;font:1rem/1.55 system-ui,-apple-system,\"Segoe UI\",\
Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
h1{font-size:1.65rem;line-height:1.25;margin:.2rem 0 .4rem}
h2{font-size:1.2rem;line-height:1.3;margin:0 0 .3rem}
a{color:var(--acc)}
p{margin:.3rem 0}
.mute,.src,.note,.legend,details.el>summary{color:var(--mute)}
.note{font-size:.88em}
.sr,.lab{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;\
clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
del,ins,mark{border-radius:2px;padding:0 .1em;-webkit-box-decoration-break:clone;box-decoration-break:clone;\
-webkit-print-color-adjust:exact;print-color-adjust:exact}
del{background:var(--del);color:var(--delf);text-decoration:line-through}
ins{background:var(--ins);color:var(--insf);text-decoration:underline;text-underline-offset:.18em}
.a ins,.d del{text-decoration:none;padding:0}
mark{color:inherit;background:none}
mark.n{background:var(--num);font-weight:700;outline:1px solid var(--mute)}
mark.q{background:var(--q);box-shadow:inset 0 -2px var(--qline)}
.notes{padding-left:1.2rem;margin:.4rem 0;font-size:.92em}
.legend{font-size:.88em}
.legend>*{margin-right:.4em}
#tools button,.view label{font:inherit;font-size:.88em;color:var(--fg);background:var(--bg);\
border:1px solid var(--line);border-radius:.4rem;padding:.2rem .6rem;cursor:pointer}
#tools button[aria-pressed=true]{background:var(--q)}
.tl{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .9rem;margin:1rem 0}
.tl ol{margin:0;padding:0;list-style:none}
.tl li{margin:.3rem 0}
.v{font-weight:700}
.tag{display:inline-block;font-size:.78em;line-height:1.4;border:1px solid var(--line);\
border-radius:1em;padding:0 .5em;color:var(--mute)}
.tc{border-color:var(--ed);color:var(--ed);font-weight:600}
.diff{border-top:2px solid var(--fg);margin-top:1.6rem;padding-top:.6rem}
.stats{font-weight:600}
.view{border:0;margin:.5rem 0;padding:0;display:flex;gap:.3rem}
.view input{position:absolute;opacity:0;width:1px;height:1px}
.view input:checked+label{background:var(--fg);color:var(--bg);border-color:var(--fg)}
.view input:focus-visible+label{outline:2px solid var(--acc);outline-offset:2px}
.side{display:none}
.diff:has(.vs:checked) .inline{display:none}
.diff:has(.vs:checked) .side{display:block}
.op,.row{display:grid;grid-template-columns:1.4rem minmax(0,1fr);margin:.15rem 0}
.row{grid-template-columns:1.4rem minmax(0,1fr) minmax(0,1fr);column-gap:1rem;\
border-top:1px solid var(--line);padding:.25rem 0;margin:0}
.op>:not(.m){grid-column:2}
.m{font-weight:700;text-align:center;color:var(--mute)}
.a>.m{color:var(--insf)}.d>.m{color:var(--delf)}.e>.m{color:var(--ed)}.mv>.m{color:var(--acc)}
.p{margin-top:.9rem}
.row.p{margin-top:0;border-top-width:3px}
.u>.t,.u>div{color:var(--mute)}
.t,.tags{margin:0}
.tags .tag{margin-right:.2rem}
.hd{font-weight:700;border-top:0}
details.el{margin:.2rem 0}
details.el>summary{cursor:pointer;padding-left:1.4rem;font-size:.92em}
footer{margin-top:2rem;font-size:.85em;color:var(--mute)}
@media (max-width:40rem){
body{padding:.7rem}
h1{font-size:1.35rem}
.row{grid-template-columns:1.4rem minmax(0,1fr)}
.row>.o,.row>.n{grid-column:2}
.row>.m{grid-row:span 2}
.row>div:empty,.hd,.row.u>.o{display:none}
.row.u>.n>.lab{display:none}
.lab{position:static;width:auto;height:auto;margin:0 .3em 0 0;overflow:visible;clip:auto;clip-path:none;\
font-size:.78em;font-weight:700;color:var(--mute)}
}
@media print{
:root{--fg:#000;--bg:#fff;--mute:#444;--line:#999;--del:#fde2e2;--delf:#7a0000;--ins:#dcf3df;\
--insf:#0a4a1a;--num:#ffe68a;--q:#e3e9ff;--acc:#000}
body{max-width:none;padding:0;font-size:10.5pt}
#tools,.view,.side{display:none!important}
.diff .inline{display:block!important}
a{text-decoration:none}
.diff+.diff{break-before:page}
.op{break-inside:avoid}
}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn controls_become_visible() {
        assert_eq!(text("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(text("tab\tok"), "tab\tok");
    }

    #[test]
    fn highlights_cut_runs_at_marks() {
        let mut out = String::new();
        write_highlighted(&mut out, "ab12c", |i| {
            (2..4).contains(&i).then_some(Hl::Number)
        });
        assert_eq!(out, "ab<mark class=\"n\">12</mark>c");
    }
}
