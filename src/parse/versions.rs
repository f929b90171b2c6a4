//! The multi-version text format: several versions of one article in one readable file,
//! written by `newsdiff split --format text` and read by every command
//! (`docs/versions-format.md`).
//!
//! ```text
//! # newsdiff versions 1
//! title: Russia Says It'll Discuss With U.S. a Deal on Exit for Insurgents in Aleppo
//! url: http://www.nytimes.com/2016/12/05/world/middleeast/russia-lavrov-kerry-aleppo-rebels.html
//!
//! === version 2
//! title: Russia Says It'll Discuss ...
//! created: 2016-12-05T14:02:37+00:00
//!
//! First paragraph.
//!
//! Second paragraph.
//!
//! === version 3
//! ...
//! ```
//!
//! Attribute lines (`key: value`) follow the first line and each `=== version N` line up
//! to the first blank line; paragraphs are separated by blank lines. A paragraph line that
//! starts with `===`, `#` or `\` is written with a `\` in front, so no article text can be
//! mistaken for structure. `# ` lines in the article's head are comments (warnings).

use chrono::{DateTime, FixedOffset};

use crate::article::{Article, ArticleMeta, ParagraphInput, Revision};
use crate::{Error, InputProblem, Warning};

/// The first line of the format.
pub const MAGIC: &str = "# newsdiff versions 1";
const VERSION_PREFIX: &str = "=== version ";

/// Whether a text is in this format.
pub fn sniff(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(MAGIC)
}

/// Writes an article in the format. Paragraph texts and titles come back exactly; the
/// white space between paragraphs becomes one blank line.
pub fn write(article: &Article, warnings: &[Warning]) -> String {
    let mut out = String::from(MAGIC);
    out.push('\n');
    let m = &article.meta;
    for (key, value) in [
        ("id", &m.id),
        ("title", &m.title),
        ("url", &m.url),
        ("source", &m.source),
    ] {
        if let Some(v) = value {
            out.push_str(&format!("{key}: {}\n", one_line(v)));
        }
    }
    // Other metadata (a NewsDiffs byline): strings as they are, anything else as JSON;
    // only under keys the reader reads back as attributes.
    let readable = |k: &str| attribute(&format!("{k}: x")).is_some();
    for (key, value) in m.extra.iter().filter(|(k, _)| readable(k)) {
        let text = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        out.push_str(&format!("{key}: {}\n", one_line(&text)));
    }
    for w in warnings {
        out.push_str(&format!("# warning: {}\n", one_line(&w.to_string())));
    }
    for r in &article.revisions {
        out.push_str(&format!("\n{VERSION_PREFIX}{}\n", r.version));
        if let Some(t) = &r.title {
            out.push_str(&format!("title: {}\n", one_line(t)));
        }
        if let Some(c) = &r.created {
            out.push_str(&format!("created: {}\n", c.to_rfc3339()));
        }
        if let Some(l) = &r.label {
            out.push_str(&format!("label: {}\n", one_line(l)));
        }
        for text in r.paragraph_texts() {
            out.push('\n');
            for line in text.split('\n') {
                if line.starts_with("===") || line.starts_with('#') || line.starts_with('\\') {
                    out.push('\\');
                }
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Attribute values live on one line; a line break inside one becomes a space.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// Reads the format.
pub fn parse(name: &str, text: &str) -> Result<Article, Error> {
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut r = Reader { name, lines, i: 1 };
    if r.lines.first().map(|l| l.trim_end()) != Some(MAGIC) {
        return Err(r.fail(1, format!("the first line must be `{MAGIC}`")));
    }
    let meta = r.article_meta()?;
    let mut revisions: Vec<Revision> = Vec::new();
    while r.i < r.lines.len() {
        if r.lines[r.i].trim().is_empty() {
            r.i += 1;
            continue;
        }
        let after = revisions.last().map(|rev| rev.version);
        revisions.push(r.revision(after)?);
    }
    if revisions.is_empty() {
        return Err(Error::input(
            name,
            InputProblem::Format("no `=== version N` section".into()),
        ));
    }
    Ok(Article { meta, revisions })
}

/// What a version's head may say of it.
struct VersionAttributes {
    title: Option<String>,
    created: Option<DateTime<FixedOffset>>,
    label: Option<String>,
}

/// The lines of a multi-version text and how far they have been read (`i`, from 0).
struct Reader<'a> {
    name: &'a str,
    lines: Vec<&'a str>,
    i: usize,
}

impl Reader<'_> {
    /// An error at `line` (counted from 1, as editors count).
    fn fail(&self, line: usize, m: String) -> Error {
        Error::input(self.name, InputProblem::Format(format!("line {line}: {m}")))
    }

    /// The article's attributes, up to the first blank line; `#` lines are comments.
    fn article_meta(&mut self) -> Result<ArticleMeta, Error> {
        let mut meta = ArticleMeta::default();
        while self.i < self.lines.len() && !self.lines[self.i].trim().is_empty() {
            let l = self.lines[self.i];
            self.i += 1;
            if l.starts_with('#') {
                continue;
            }
            let (key, value) = attribute(l)
                .ok_or_else(|| self.fail(self.i, format!("not `key: value`: {l:?}")))?;
            let slot = match key {
                "id" => &mut meta.id,
                "title" => &mut meta.title,
                "url" => &mut meta.url,
                "source" => &mut meta.source,
                _ => {
                    meta.extra.insert(key.to_string(), value.into());
                    continue;
                }
            };
            *slot = Some(value.to_string());
        }
        Ok(meta)
    }

    /// One `=== version N` section, whose version must follow `after`.
    fn revision(&mut self, after: Option<u64>) -> Result<Revision, Error> {
        let head = self.lines[self.i];
        let version: u64 = head
            .strip_prefix(VERSION_PREFIX)
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| {
                self.fail(
                    self.i + 1,
                    format!("expected `{VERSION_PREFIX}N`, found {head:?}"),
                )
            })?;
        if after.is_some_and(|v| v >= version) {
            return Err(self.fail(
                self.i + 1,
                format!("version {version} must come after the versions before it"),
            ));
        }
        self.i += 1;
        let attributes = self.version_attributes()?;
        let paragraphs = self.paragraphs();
        if paragraphs.is_empty() {
            return Err(self.fail(self.i, format!("version {version} has no text")));
        }
        let mut r = Revision::from_paragraphs(version, paragraphs, None)
            .map_err(|p| Error::input(self.name, p))?;
        r.title = attributes.title;
        r.created = attributes.created;
        r.label = attributes.label;
        Ok(r)
    }

    /// A version's `title`, `created` and `label`, up to the blank line after its head.
    fn version_attributes(&mut self) -> Result<VersionAttributes, Error> {
        let mut found = VersionAttributes {
            title: None,
            created: None,
            label: None,
        };
        while self.i < self.lines.len() && !self.lines[self.i].trim().is_empty() {
            let line = self.lines[self.i];
            let at = self.i + 1;
            let (key, value) = attribute(line)
                .ok_or_else(|| self.fail(at, format!("not `key: value`: {line:?}")))?;
            match key {
                "title" => found.title = Some(value.to_string()),
                "label" => found.label = Some(value.to_string()),
                "created" => {
                    found.created = Some(DateTime::parse_from_rfc3339(value).map_err(|e| {
                        self.fail(at, format!("`created` is not an RFC 3339 time: {e}"))
                    })?)
                }
                _ => return Err(self.fail(at, format!("unknown version attribute `{key}`"))),
            }
            self.i += 1;
        }
        Ok(found)
    }

    /// The paragraphs up to the next version's head: blank lines separate them, and a
    /// leading `\\` (which keeps text from reading as structure) is removed.
    fn paragraphs(&mut self) -> Vec<ParagraphInput> {
        let mut paragraphs = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        while self.i < self.lines.len() && !self.lines[self.i].starts_with(VERSION_PREFIX) {
            let l = self.lines[self.i];
            if l.trim().is_empty() {
                if !current.is_empty() {
                    paragraphs.push(ParagraphInput::Text(current.join("\n")));
                    current.clear();
                }
            } else {
                current.push(l.strip_prefix('\\').unwrap_or(l));
            }
            self.i += 1;
        }
        if !current.is_empty() {
            paragraphs.push(ParagraphInput::Text(current.join("\n")));
        }
        paragraphs
    }
}

fn attribute(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(": ")?;
    (!k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then_some((k, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_paragraphs_titles_and_times() {
        let mut a = Revision::from_text(
            2,
            "=== looks like a header.\n\n# Not a comment.\n\\ back\nslash.\n".into(),
        )
        .unwrap();
        a.title = Some("Old: title".into());
        a.created = Some(DateTime::parse_from_rfc3339("2016-12-05T14:02:37Z").unwrap());
        let b = Revision::from_text(3, "Plain one.\n\nPlain two.".into()).unwrap();
        let article = Article {
            meta: ArticleMeta {
                title: Some("T".into()),
                ..ArticleMeta::default()
            },
            revisions: vec![a, b],
        };
        let text = write(&article, &[]);
        let back = parse("t", &text).unwrap();
        assert_eq!(back.meta, article.meta);
        for (x, y) in back.revisions.iter().zip(&article.revisions) {
            assert_eq!(x.version, y.version);
            assert_eq!(x.title, y.title);
            assert_eq!(x.created, y.created);
            let px: Vec<_> = x.paragraph_texts().collect();
            let py: Vec<_> = y.paragraph_texts().collect();
            assert_eq!(px, py);
        }
    }
}
