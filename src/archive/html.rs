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
/// trimmed, without blank lines inside, never empty. Markup that was escaped once
/// (`&lt;b&gt;unless essential&lt;/b&gt;`, as some trackers store it) is decoded and then
/// read as markup: its tags are dropped and their text kept.
pub fn paragraphs(html: &str) -> Vec<String> {
    if !has_markup(html) {
        let text = html_escape::decode_html_entities(html);
        if has_markup(&text) {
            let mut out = Builder::default();
            feed(&mut out, &text, false);
            return out.finish();
        }
        return text::paragraph_spans(&text)
            .into_iter()
            .map(|s| collapse_lines(&text[s.range()]))
            .filter(|p| !p.is_empty())
            .collect();
    }
    let mut out = Builder::default();
    feed(&mut out, html, true);
    out.finish()
}

/// Reads markup into `out`. `decode`: the text between tags still holds character
/// references (the first pass); decoded text that turns out to hold markup is read again
/// without decoding, and there a `<` only starts a tag that ends with `>`.
fn feed(out: &mut Builder, html: &str, decode: bool) {
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let tag = read_tag(html, i).filter(|t| decode || html[..t.end].ends_with('>'));
        let Some(tag) = tag else {
            i += 1;
            continue;
        };
        out.text(&html[text_start..i], decode);
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
    out.text(&html[text_start..], decode);
}

/// A title as a tracker stored it, as text: character references decoded, markup
/// (escaped once, or not) dropped, white space collapsed.
pub fn title_text(raw: &str) -> String {
    let decoded = html_escape::decode_html_entities(raw);
    if !has_markup(&decoded) {
        return collapse(&decoded);
    }
    let mut out = Builder::default();
    feed(&mut out, &decoded, false);
    out.finish().join(" ")
}

/// A paragraph that is a tracker's page furniture stored with the article text, not part
/// of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chrome {
    /// The article's own address alone in a paragraph.
    OwnLink,
    /// The tracker's "Version N of M" line.
    VersionCounter,
    /// The tracker's "Currently monitoring N news articles" line.
    MonitoringCount,
}

impl Chrome {
    /// What it is, for a report (without quoting the line, so the line's words appear
    /// nowhere in newsdiff's output).
    pub fn describe(self) -> &'static str {
        match self {
            Chrome::OwnLink => "the article's own link",
            Chrome::VersionCounter => "the tracker's version counter",
            Chrome::MonitoringCount => "the tracker's count of the articles it monitors",
        }
    }
}

/// Longer than any page line a tracker stores (a long address included).
const MAX_CHROME_BYTES: usize = 2048;

/// Whether a whole paragraph is page furniture: the article's own URL (`own`, compared
/// without scheme, `www.`, fragment or trailing `/`), `Version N of M`, or `Currently
/// monitoring N [news] articles`. Only a whole paragraph matches; the words inside a
/// sentence are article text.
pub fn page_chrome(paragraph: &str, own: &[&str]) -> Option<Chrome> {
    let p = paragraph.trim();
    // Each kind is one short line (an address has no space): most paragraphs are copy,
    // and are passed over without being lower-cased and split.
    if p.len() > MAX_CHROME_BYTES || p.split(' ').nth(6).is_some() {
        return None;
    }
    if is_url(p) && own.iter().any(|u| same_url(u, p)) {
        return Some(Chrome::OwnLink);
    }
    let words: Vec<String> = p
        .trim_end_matches(['.', ':', ';', '!'])
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let number = |w: &str| {
        !w.is_empty()
            && w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    match words.as_slice() {
        ["version", n, "of", m] if number(n) && number(m) => Some(Chrome::VersionCounter),
        ["currently", "monitoring", n, "news", "articles" | "article"]
        | ["currently", "monitoring", n, "articles" | "article"]
            if number(n) =>
        {
            Some(Chrome::MonitoringCount)
        }
        _ => None,
    }
}

/// A paragraph without its page furniture: the whole paragraph, or whole lines of it
/// (furniture kept apart by `<br>` rather than paragraphs). The kinds removed are added
/// to `removed`; `None` when nothing is left.
pub fn without_chrome(paragraph: &str, own: &[&str], removed: &mut Vec<Chrome>) -> Option<String> {
    if let Some(c) = page_chrome(paragraph, own) {
        removed.push(c);
        return None;
    }
    if !paragraph.contains('\n') {
        return Some(paragraph.to_string());
    }
    let lines: Vec<&str> = paragraph
        .split('\n')
        .filter(|l| match page_chrome(l, own) {
            Some(c) => {
                removed.push(c);
                false
            }
            None => true,
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn is_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

/// Two addresses of one page: the scheme, `www.`, the fragment, a trailing `/` and
/// campaign tracking parameters (`utm_*`, `ns_*`) aside, the host compared without case.
pub fn same_url(a: &str, b: &str) -> bool {
    fn key(u: &str) -> String {
        let u = u.trim();
        let u = u.split_once("://").map_or(u, |(_, rest)| rest);
        let u = u.split('#').next().unwrap_or(u);
        let (u, query) = u.split_once('?').unwrap_or((u, ""));
        let query: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("utm_") && !p.starts_with("ns_"))
            .collect();
        let u = u.trim_end_matches('/');
        let (host, path) = u.split_once('/').unwrap_or((u, ""));
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        format!("{host}/{path}?{}", query.join("&"))
    }
    !a.trim().is_empty() && key(a) == key(b)
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
    /// Text between tags; `decode`: it still holds character references. Decoded text
    /// that holds markup (escaped markup) is read as markup, once.
    fn text(&mut self, raw: &str, decode: bool) {
        if raw.is_empty() {
            return;
        }
        let decoded = match decode {
            true => html_escape::decode_html_entities(raw),
            false => raw.into(),
        };
        if decode && has_markup(&decoded) {
            feed(self, &decoded, false);
            return;
        }
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

    /// The field case's escaped markup, and others of the kind: escaped block tags break
    /// paragraphs, an escaped `<` that is no tag stays text, double escaping is decoded once.
    #[test]
    fn escaped_markup_is_read_as_markup() {
        assert_eq!(
            paragraphs("<p>Avoid travel &lt;b&gt;unless essential&lt;/b&gt;.</p>"),
            ["Avoid travel unless essential."]
        );
        assert_eq!(
            paragraphs("&lt;p&gt;One &lt;i&gt;two&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;Three.&lt;/p&gt;"),
            ["One two.", "Three."]
        );
        assert_eq!(paragraphs("<p>3 &lt;4 and x &lt;y</p>"), ["3 <4 and x <y"]);
        assert_eq!(
            paragraphs("<p>a &amp;lt;b&amp;gt; c</p>"),
            ["a &lt;b&gt; c"]
        );
        assert_eq!(
            paragraphs(
                "<p>&lt;a href=\"x\"&gt;Linked&lt;/a&gt; text &lt;script&gt;x()&lt;/script&gt;</p>"
            ),
            ["Linked text"]
        );
    }

    #[test]
    fn titles_are_text() {
        assert_eq!(
            title_text("Caf&eacute; owner&rsquo;s  appeal"),
            "Caf\u{e9} owner\u{2019}s appeal"
        );
        assert_eq!(title_text("&lt;b&gt;Live:&lt;/b&gt; vote"), "Live: vote");
        assert_eq!(title_text("AT&T <b>wins</b>"), "AT&T wins");
        assert_eq!(title_text("3 < 4"), "3 < 4");
    }

    #[test]
    fn page_chrome_is_whole_paragraphs_only() {
        let own = ["http://www.bbc.co.uk/news/uk-00000001"];
        let chrome = |p: &str| page_chrome(p, &own);
        assert_eq!(
            chrome("https://bbc.co.uk/news/uk-00000001/"),
            Some(Chrome::OwnLink)
        );
        assert_eq!(chrome("http://www.bbc.co.uk/news/uk-00000002"), None);
        assert_eq!(chrome("Version 1 of 3"), Some(Chrome::VersionCounter));
        assert_eq!(chrome("version 12 of 140."), Some(Chrome::VersionCounter));
        assert_eq!(
            chrome("Currently monitoring 112,345 news articles"),
            Some(Chrome::MonitoringCount)
        );
        assert_eq!(
            chrome("Currently monitoring 9 articles."),
            Some(Chrome::MonitoringCount)
        );
        for text in [
            "Version 2 of the bill was passed.",
            "The final version of 3 drafts",
            "Police are currently monitoring 12 news articles about the case, she said.",
            "Version one of three",
        ] {
            assert_eq!(chrome(text), None, "{text}");
        }
        assert_eq!(
            page_chrome("http://www.bbc.co.uk/news/uk-00000001", &[]),
            None
        );
        // Lines kept apart by <br> are furniture too; the rest of the paragraph stays.
        let mut removed = Vec::new();
        let p = paragraphs(
            "<p>Version 2 of 5<br>Flooding closed 12 roads.<br>Currently monitoring 7 articles</p>",
        );
        assert_eq!(
            without_chrome(&p[0], &own, &mut removed).as_deref(),
            Some("Flooding closed 12 roads.")
        );
        assert_eq!(removed, [Chrome::VersionCounter, Chrome::MonitoringCount]);
    }

    #[test]
    fn unclosed_tags_do_not_panic() {
        assert_eq!(paragraphs("<p>Text <b"), ["Text"]);
        assert_eq!(paragraphs("<p>Text</p><script>never closed"), ["Text"]);
        assert_eq!(paragraphs("<p>x<!-- open"), ["x"]);
    }
}
