//! Article HTML (the `summary` column of a diffengine or NewsEdits database) reduced to
//! paragraphs of plain text.
//!
//! - Block elements (`<p>`, `<div>`, `<li>`, `<h1>`…`<h6>`, `<blockquote>`, `<tr>`, …) end a
//!   paragraph; so do two `<br>` in a row. A single `<br>` is a line break inside the
//!   paragraph (read as wrapping, like a line break in a text file).
//! - Other tags are dropped and their text kept; `<script>`, `<style>`, `<noscript>`,
//!   `<template>`, `<iframe>`, `<svg>` and `<head>` are dropped with their content, and so
//!   are comments.
//! - Character references are decoded (all HTML5 named entities, decimal and hex).
//! - White space (a no-break space included) collapses to one space, as a browser shows it.
//!
//! A summary with no markup at all is plain text: blank lines separate its paragraphs (or
//! each line is one, when there is no blank line), as in a text file.

use crate::text;

/// Elements whose start or end closes the current paragraph.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements dropped together with their content.
const SKIPPED: &[&str] = &[
    "head", "iframe", "noscript", "script", "style", "svg", "template", "title",
];

/// The paragraphs of an HTML fragment (or of plain text, when it has no markup), each
/// trimmed, without blank lines inside, never empty.
pub fn paragraphs(html: &str) -> Vec<String> {
    if !has_markup(html) {
        let text = html_escape::decode_html_entities(html);
        return text::paragraph_spans(&text)
            .into_iter()
            .map(|s| collapse_lines(&text[s.range()]))
            .filter(|p| !p.is_empty())
            .collect();
    }
    let mut out = Builder::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some(tag) = read_tag(html, i) else {
            i += 1;
            continue;
        };
        out.text(&html[text_start..i]);
        i = tag.end;
        match tag.kind {
            TagKind::Comment | TagKind::Other => {}
            TagKind::Element { ref name, closing } => {
                if !closing && SKIPPED.contains(&name.as_str()) {
                    i = skip_content(html, i, name);
                } else if name == "br" {
                    out.line_break();
                } else if BLOCK.contains(&name.as_str()) {
                    out.paragraph_break();
                }
            }
        }
        text_start = i;
    }
    out.text(&html[text_start..]);
    out.finish()
}

/// Whether the text has any tag or comment (`<` followed by a letter, `/` or `!`).
fn has_markup(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

#[derive(Debug)]
enum TagKind {
    Element {
        name: String,
        closing: bool,
    },
    Comment,
    /// `<!DOCTYPE>`, `<?xml?>` and the like.
    Other,
}

#[derive(Debug)]
struct Tag {
    kind: TagKind,
    /// Byte offset just past the tag.
    end: usize,
}

/// Reads the tag starting at `at` (a `<`), or `None` when the `<` is text ("a < b").
fn read_tag(html: &str, at: usize) -> Option<Tag> {
    let rest = &html[at..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = body.find("-->").map_or(html.len(), |e| at + 4 + e + 3);
        return Some(Tag {
            kind: TagKind::Comment,
            end,
        });
    }
    let b = rest.as_bytes();
    if b.len() > 1 && (b[1] == b'!' || b[1] == b'?') {
        let end = rest.find('>').map_or(html.len(), |e| at + e + 1);
        return Some(Tag {
            kind: TagKind::Other,
            end,
        });
    }
    let closing = b.get(1) == Some(&b'/');
    let name_start = if closing { 2 } else { 1 };
    let name_len = b[name_start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
    // Find the closing `>`, skipping quoted attribute values.
    let mut quote: Option<u8> = None;
    let mut j = name_start + name_len;
    while j < b.len() {
        match (quote, b[j]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b[j]),
            (None, b'>') => break,
            (None, _) => {}
        }
        j += 1;
    }
    Some(Tag {
        kind: TagKind::Element { name, closing },
        end: (at + j + 1).min(html.len()),
    })
}

/// Skips the content of a dropped element up to and including its end tag.
fn skip_content(html: &str, from: usize, name: &str) -> usize {
    let lower = html[from..].to_ascii_lowercase();
    let needle = format!("</{name}");
    match lower.find(&needle) {
        Some(k) => {
            let after = from + k + needle.len();
            html[after..]
                .find('>')
                .map_or(html.len(), |e| after + e + 1)
        }
        None => html.len(),
    }
}

/// Collects text into lines and paragraphs.
#[derive(Default)]
struct Builder {
    paragraphs: Vec<String>,
    lines: Vec<String>,
    line: String,
    /// `<br>`s since the last text.
    breaks: usize,
}

impl Builder {
    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = html_escape::decode_html_entities(raw);
        if !decoded.trim().is_empty() {
            self.breaks = 0;
        }
        self.line.push_str(&decoded);
    }

    fn line_break(&mut self) {
        self.breaks += 1;
        if self.breaks >= 2 {
            self.paragraph_break();
        } else {
            self.end_line();
        }
    }

    fn end_line(&mut self) {
        let line = collapse(&std::mem::take(&mut self.line));
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    fn paragraph_break(&mut self) {
        self.end_line();
        self.breaks = 0;
        if !self.lines.is_empty() {
            self.paragraphs
                .push(std::mem::take(&mut self.lines).join("\n"));
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.paragraph_break();
        self.paragraphs
    }
}

/// Runs of white space (no-break spaces included) as one space, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Collapses each line of a plain-text paragraph, keeping its line breaks.
fn collapse_lines(s: &str) -> String {
    s.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_entities_and_breaks() {
        let html = "<div class=\"story\"><p>Officials said&nbsp;12 people &amp; 3 dogs\n   were hurt.</p>\
                    <p>&ldquo;It was awful,&rdquo; said O&#39;Neil &#x2014; a witness.</p>\
                    <p>Line one<br>line two<br/><br />Next para</p></div>";
        assert_eq!(
            paragraphs(html),
            [
                "Officials said 12 people & 3 dogs were hurt.",
                "\u{201c}It was awful,\u{201d} said O'Neil \u{2014} a witness.",
                "Line one\nline two",
                "Next para",
            ]
        );
    }

    #[test]
    fn scripts_comments_and_attributes_are_dropped() {
        let html = "<p>Before<!-- <p>hidden</p> --> after.</p><script>var x = '<p>no</p>';</script>\
                    <STYLE>p { color: red }</STYLE><p><a href=\"x?a=1&amp;b=>2\" title='>'>Linked</a> text.</p>";
        assert_eq!(paragraphs(html), ["Before after.", "Linked text."]);
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(paragraphs("<p>a < b and 3<4</p>"), ["a < b and 3<4"]);
    }

    #[test]
    fn plain_text_keeps_its_paragraphs() {
        assert_eq!(
            paragraphs("One &amp; two.\n\nThree  four.\n"),
            ["One & two.", "Three four."]
        );
        assert!(paragraphs("  ").is_empty());
        assert!(paragraphs("<p> </p><img src=x>").is_empty());
    }

    #[test]
    fn unclosed_tags_do_not_panic() {
        assert_eq!(paragraphs("<p>Text <b"), ["Text"]);
        assert_eq!(paragraphs("<p>Text</p><script>never closed"), ["Text"]);
        assert_eq!(paragraphs("<p>x<!-- open"), ["x"]);
    }
}
