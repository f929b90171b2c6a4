//! Saved web pages: one version of an article as a browser or the Wayback Machine saved it.
//!
//! The page is reduced to the article itself before anything is compared, so a site's
//! header, navigation, share bars, "most read" lists, scripts and styles never reach the
//! diff. The reduction is [`dom_smoothie`]'s port of Mozilla's Readability (chosen over
//! `legible`, `readabilityrs` and `libreadability` in a trial on news pages: no article
//! paragraph lost, none of the page chrome kept, the fewest crates and a 2–8 ms parse of a
//! 465 KB page), after the elements the Wayback Machine injects (its toolbar, print and
//! donation banners) are removed, which no readability implementation knows of.
//!
//! - the headline is the revision's title: the page's single `<h1>` when the `<title>`
//!   is that headline followed by the site's name, else what readability found;
//! - the byline goes to the article's metadata (`byline`), and the publication time becomes
//!   `created` when it reads as RFC 3339 (from the page's metadata, JSON-LD, or the first
//!   `<time datetime>`); one that does not is kept as `published` metadata;
//! - each block of the article's text (a paragraph, a subhead, a list item) is a paragraph.
//!
//! With a selector ([`super::ReadOptions::selector`], `--selector CSS`), the element it matches is
//! taken as the article instead of readability's guess.

use chrono::DateTime;
use dom_query::{Document, Matcher, Selection};
use dom_smoothie::{Config, Readability, TextMode};

use crate::article::{Article, ArticleMeta, ParagraphInput, Revision};
use crate::text::normalize::collapse;
use crate::{Error, InputProblem};

/// Elements the Wayback Machine injects into a snapshot: its toolbar, print banner,
/// capture information and donation banner.
const WAYBACK_CHROME: &str =
    "#wm-ipp-base, #wm-ipp, #wm-ipp-print, #wm-capinfo, #donato, #wm-ipp-sparkline";

/// Elements that are never article text: code, embeds, forms, navigation, asides and
/// footers, share bars and tag lists (Readability.js drops share bars too, but only after
/// scoring; they are removed first here so no count of shares is left behind).
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, svg, canvas, object, \
    button, form, select, nav, aside, footer, [role=navigation], [role=complementary], \
    [class*=share], [id*=share], [class*=social], [class*=tags]";

/// Elements that name the author; outside a paragraph they are the byline line, which is
/// metadata, not text.
const BYLINE: &str = "[rel=author], [itemprop~=author], [class*=byline], [class*=author]";

/// Block elements whose text is one paragraph of a `--selector` element.
const BLOCKS: &str = "p, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption";

/// Whether the text is an HTML document: it starts with `<!DOCTYPE html` or `<html`, in any
/// case, after white space and a byte order mark.
pub fn sniff(text: &str) -> bool {
    let head = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let head = head.get(..14).unwrap_or(head).to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The deepest nesting of elements read. Real pages nest a few dozen deep (browsers stop
/// nesting at 512); far deeper markup is a broken or hostile file, and readability's walks
/// over it would take minutes or overflow the stack.
const MAX_DEPTH: usize = 400;

/// The deepest nesting the text scan before parsing lets through ([`rough_depth`]); the HTML
/// parser's own scope checks grow with the depth, so markup nested tens of thousands deep
/// would take minutes to parse.
const MAX_ROUGH_DEPTH: usize = 2000;

/// Elements whose end tag may be left out, and void elements: not counted by
/// [`rough_depth`].
const UNCOUNTED: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp", "html", "head", "body", "area", "base", "br", "col", "embed",
    "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
];

/// The deepest nesting of elements by a scan of the tags (start tags less end tags, not
/// counting [`UNCOUNTED`] ones or self-closed ones): an upper bound of a sort, cheap to
/// find before parsing.
fn rough_depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for tag in html.split('<').skip(1) {
        let (closing, rest) = match tag.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, tag),
        };
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        if name.is_empty() || UNCOUNTED.contains(&name.as_str()) {
            continue;
        }
        let self_closed = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closed {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// What a page holds once reduced to its article.
#[derive(Debug)]
struct Extract {
    title: String,
    byline: Option<String>,
    published: Option<String>,
    paragraphs: Vec<String>,
}

/// Parses one saved page into an article of one revision.
pub fn parse(name: &str, text: &str, selector: Option<&str>) -> Result<Article, Error> {
    let matcher = match selector {
        Some(css) => Some(Matcher::new(css).map_err(|_| {
            Error::input(
                name,
                InputProblem::Format(format!("--selector {css:?} is not a valid CSS selector")),
            )
        })?),
        None => None,
    };
    let page = extract(text, matcher.as_ref()).map_err(|p| Error::input(name, p))?;
    revision_of(name, page)
}

/// Builds the article of one page's extract.
fn revision_of(name: &str, page: Extract) -> Result<Article, Error> {
    let paragraphs = page
        .paragraphs
        .into_iter()
        .map(ParagraphInput::Text)
        .collect();
    let mut rev =
        Revision::from_paragraphs(0, paragraphs, None).map_err(|p| Error::input(name, p))?;
    rev.label = Some(name.to_string());
    if !page.title.is_empty() {
        rev.title = Some(page.title);
    }
    let mut meta = ArticleMeta::default();
    if let Some(byline) = page.byline {
        meta.extra
            .insert("byline".into(), serde_json::Value::String(byline));
    }
    if let Some(published) = page.published {
        match DateTime::parse_from_rfc3339(published.trim()) {
            Ok(t) => rev.created = Some(t),
            Err(_) => {
                meta.extra
                    .insert("published".into(), serde_json::Value::String(published));
            }
        }
    }
    Ok(Article {
        meta,
        revisions: vec![rev],
    })
}

/// Collapses runs of white space to one space and trims the ends.
/// Reduces a page to its article: readability's, or the `selector` element's.
fn extract(html: &str, selector: Option<&Matcher>) -> Result<Extract, InputProblem> {
    if rough_depth(html) > MAX_ROUGH_DEPTH {
        return Err(InputProblem::Format(format!(
            "is an HTML page nested far too deep (more than {MAX_ROUGH_DEPTH} elements); \
             newsdiff reads pages nested up to {MAX_DEPTH} deep"
        )));
    }
    let doc = Document::from(html);
    if too_deep(&doc) {
        return Err(InputProblem::Format(format!(
            "is an HTML page nested more than {MAX_DEPTH} elements deep; newsdiff reads \
             pages up to that depth"
        )));
    }
    doc.select(WAYBACK_CHROME).remove();
    let fallback_time = doc
        .select("time[datetime]")
        .first()
        .attr("datetime")
        .map(|t| t.to_string());
    let dom_byline = Some(collapse(&doc.select(BYLINE).first().text())).filter(|b| !b.is_empty());
    remove_chrome(&doc);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let no_article = || {
        InputProblem::Format(
            "is an HTML page with no article text in it (try --selector CSS to name the \
             article element)"
                .into(),
        )
    };
    let mut page = match selector {
        Some(m) => {
            let r = Readability::with_document(doc.clone(), None, Some(config))
                .map_err(|_| no_article())?;
            let meta = r.get_article_metadata(r.parse_json_ld());
            let chosen = doc.select_matcher(m);
            if chosen.is_empty() {
                return Err(InputProblem::Format(
                    "--selector matches no element of the page".into(),
                ));
            }
            Extract {
                title: meta.title,
                byline: meta.byline,
                published: meta.published_time,
                paragraphs: blocks_of(&chosen),
            }
        }
        None => {
            let mut r = Readability::with_document(doc.clone(), None, Some(config))
                .map_err(|_| no_article())?;
            let a = r.parse().map_err(|_| no_article())?;
            Extract {
                title: a.title,
                byline: a.byline,
                published: a.published_time,
                paragraphs: a.text_content.split("\n\n").map(collapse).collect(),
            }
        }
    };
    page.title = headline(&doc, collapse(&page.title));
    page.published = page.published.or(fallback_time);
    page.byline = page.byline.or(dom_byline);
    page.paragraphs
        .retain(|p| !p.is_empty() && *p != page.title && Some(p) != page.byline.as_ref());
    if page.paragraphs.is_empty() {
        return Err(no_article());
    }
    Ok(page)
}

/// Whether any node of the document is nested deeper than [`MAX_DEPTH`] (walked without
/// recursion).
fn too_deep(doc: &Document) -> bool {
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return true;
        }
        stack.extend(node.children().into_iter().map(|c| (c, depth + 1)));
    }
    false
}

/// Removes what is never article text ([`NEVER_TEXT`]), and the byline and date lines:
/// author elements and `<time>` elements that are not inside a paragraph.
fn remove_chrome(doc: &Document) {
    doc.select(NEVER_TEXT).remove();
    for meta in doc.select(BYLINE).iter().chain(doc.select("time").iter()) {
        if meta.ancestors(None).is("p") {
            continue;
        }
        // The line the author or time stands on: its parent, when that holds nothing else
        // of length (a `div.meta` of byline and time), else the element alone.
        let parent = meta.parent();
        let own = collapse(&meta.text()).len();
        let line = collapse(&parent.text()).len();
        if !parent.is("article, main, body") && line <= own + 80 {
            parent.remove();
        } else {
            meta.remove();
        }
    }
}

/// One paragraph per innermost block of the chosen elements; their text split on blank
/// lines when they hold no blocks (`<div>`-only markup).
fn blocks_of(chosen: &Selection) -> Vec<String> {
    let blocks: Vec<String> = chosen
        .select(BLOCKS)
        .iter()
        .filter(|b| b.select("p, li, blockquote, pre").is_empty())
        .map(|b| collapse(&b.text()))
        .collect();
    if blocks.iter().any(|b| !b.is_empty()) {
        return blocks;
    }
    chosen
        .formatted_text()
        .split("\n\n")
        .map(collapse)
        .collect()
}

/// The page's single `<h1>` when the title found is that headline with more after it
/// (`Headline - Site`); readability keeps such a suffix when the headline is short.
fn headline(doc: &Document, title: String) -> String {
    let h1s = doc.select("h1");
    if h1s.length() == 1 {
        let h1 = collapse(&h1s.text());
        if !h1.is_empty() && title != h1 && title.starts_with(&h1) {
            return h1;
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_knows_html_documents() {
        assert!(sniff("<!DOCTYPE html>\n<html>"));
        assert!(sniff("\u{feff}  \n<!doctype HTML><p>x"));
        assert!(sniff("<HTML lang=en>"));
        assert!(!sniff("The <html> tag opens a page."));
        assert!(!sniff("<p>A fragment</p>"));
        assert!(!sniff(""));
    }

    #[test]
    fn a_page_without_article_text_is_an_error() {
        let page = "<!DOCTYPE html><html><head><title>x</title></head><body></body></html>";
        let e = parse("p.html", page, None).unwrap_err();
        assert!(e.to_string().contains("no article text"), "{e}");
    }

    #[test]
    fn pages_nested_too_deep_are_refused_and_deep_enough_ones_read() {
        let nested = |n: usize, tag: &str| {
            format!(
                "<!DOCTYPE html><html><body>{}<p>The bridge closed on Monday after the \
                 storm.</p></body></html>",
                format!("<{tag}>").repeat(n)
            )
        };
        for tag in ["div", "b"] {
            let e = parse("p.html", &nested(100_000, tag), None).unwrap_err();
            assert!(e.to_string().contains("too deep"), "{e}");
        }
        let e = parse("p.html", &nested(MAX_DEPTH + 10, "div"), None).unwrap_err();
        assert!(e.to_string().contains("nested more than"), "{e}");
        assert!(parse("p.html", &nested(MAX_DEPTH - 10, "div"), None).is_ok());
    }

    #[test]
    fn an_invalid_selector_is_an_error() {
        let page = "<html><body><article><p>Text here.</p></article></body></html>";
        let e = parse("p.html", page, Some("p[[")).unwrap_err();
        assert!(e.to_string().contains("not a valid CSS selector"), "{e}");
    }
}
