//! The JSON document shapes of articles and revisions: what a JSON article input holds,
//! what `newsdiff split` writes, and how the change log carries its revisions. A
//! [`RevisionDoc`] made by [`RevisionDoc::from_revision`] rebuilds its revision byte for
//! byte (paragraphs, sentences and separators), so a change log needs no original files.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::boilerplate::Ignored;
use super::{Article, ArticleMeta, ParagraphInput, Revision};
use crate::{InputProblem, Warning};

/// A whole JSON article document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleDoc {
    #[serde(default)]
    /// What is known of the article apart from its revisions.
    pub article: ArticleMeta,
    /// The revisions, oldest first.
    pub revisions: Vec<RevisionDoc>,
    /// Doubts and unplaced text reported by the parser that produced this document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// One revision in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionDoc {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "version_number"
    )]
    /// The version number; absent, it is the one after the previous revision's (0 for the first).
    pub version: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "rfc3339"
    )]
    /// When the version was published or captured, in RFC 3339 form.
    pub created: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The headline of this version.
    pub title: Option<String>,
    /// Where the revision came from (a file name), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The body as plain text, split into paragraphs like a text file.
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The body as paragraphs, each a string or a text with its sentences.
    pub paragraphs: Option<Vec<ParagraphDoc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The body as one paragraph of the given sentences.
    pub sentences: Option<Vec<String>>,
    /// The white space before, between and after the paragraphs, when it is not the
    /// default (nothing around, a blank line between): with it the text rebuilds exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separators: Option<Vec<String>>,
    /// Paragraphs set aside as boilerplate before the comparison, with where they stood
    /// among the paragraphs as read and why (`reason`, and `pattern` for a user's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<Ignored>,
}

/// A version number, with a message a user can act on ("-1" is no version number).
fn version_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let v: Option<serde_json::Number> = Option::deserialize(d)?;
    v.map(|n| {
        n.as_u64().ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{n} is no version number (a whole number, 0 or more)"
            ))
        })
    })
    .transpose()
}

/// A time in RFC 3339 form, as `created` is documented.
fn rfc3339<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.map(|s| {
        DateTime::parse_from_rfc3339(&s).map_err(|_| {
            serde::de::Error::custom(format!(
                "{s:?} is not a time in RFC 3339 form, such as 2016-12-05T14:02:37Z"
            ))
        })
    })
    .transpose()
}

/// A paragraph: a plain string, or its text with its sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParagraphDoc {
    /// A paragraph to be cut into sentences.
    Text(String),
    /// A paragraph with, optionally, its sentences.
    Full {
        /// The paragraph's text.
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        /// Its sentences in order, used as given.
        sentences: Option<Vec<String>>,
    },
}

impl RevisionDoc {
    /// The document form of a revision, sentences included, that rebuilds it exactly.
    pub fn from_revision(r: &Revision) -> Self {
        let paragraphs = r
            .to_paragraph_inputs()
            .into_iter()
            .map(|p| match p {
                ParagraphInput::Text(text) => ParagraphDoc::Full {
                    text,
                    sentences: None,
                },
                ParagraphInput::Sentences { text, sentences } => ParagraphDoc::Full {
                    text,
                    sentences: Some(sentences),
                },
            })
            .collect();
        RevisionDoc {
            version: Some(r.version),
            created: r.created,
            title: r.title.clone(),
            label: r.label.clone(),
            text: None,
            paragraphs: Some(paragraphs),
            sentences: None,
            separators: (!r.has_default_separators())
                .then(|| r.separators().into_iter().map(String::from).collect()),
            ignored: r.ignored.clone(),
        }
    }

    /// The revision this document describes; `index` is its position (for messages) and
    /// `default_version` its version when none is given.
    pub fn to_revision(
        &self,
        index: usize,
        default_version: u64,
    ) -> Result<Revision, InputProblem> {
        let version = self.version.unwrap_or(default_version);
        let at = |p: InputProblem| match p {
            InputProblem::Format(m) => {
                InputProblem::Format(format!("revision {index} (version {version}): {m}"))
            }
            other => other,
        };
        let bodies = [
            self.text.is_some(),
            self.paragraphs.is_some(),
            self.sentences.is_some(),
        ];
        if bodies.iter().filter(|b| **b).count() != 1 {
            return Err(at(InputProblem::Format(
                "give exactly one of `text`, `paragraphs` or `sentences`".into(),
            )));
        }
        let mut rev = if let Some(text) = &self.text {
            if self.separators.is_some() {
                return Err(at(InputProblem::Format(
                    "`separators` goes with `paragraphs`, not `text`".into(),
                )));
            }
            Revision::from_text(version, text.clone())
        } else if let Some(sentences) = &self.sentences {
            // White space around a given sentence is not part of it (research data has
            // some); trimming keeps every sentence, so indices survive. An empty sentence
            // (NewsEdits' splitter leaves some) stays in its place as an empty span; the
            // text joins the others with single spaces.
            let sentences: Vec<String> = sentences.iter().map(|s| s.trim().to_string()).collect();
            let text = sentences
                .iter()
                .filter(|s| !s.is_empty())
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ");
            let input = ParagraphInput::Sentences { text, sentences };
            Revision::from_paragraphs(version, vec![input], self.separators.clone())
        } else {
            let paragraphs = self
                .paragraphs
                .iter()
                .flatten()
                .map(|p| match p {
                    ParagraphDoc::Text(t)
                    | ParagraphDoc::Full {
                        text: t,
                        sentences: None,
                    } => ParagraphInput::Text(t.clone()),
                    ParagraphDoc::Full {
                        text,
                        sentences: Some(s),
                    } => ParagraphInput::Sentences {
                        text: text.clone(),
                        sentences: s.clone(),
                    },
                })
                .collect();
            Revision::from_paragraphs(version, paragraphs, self.separators.clone())
        }
        .map_err(at)?;
        rev.created = self.created;
        rev.title = self.title.clone();
        rev.label = self.label.clone();
        rev.ignored = self.ignored.clone();
        Ok(rev)
    }
}

impl ArticleDoc {
    /// The document of an article, with the warnings its parser reported.
    pub fn from_article(article: &Article, warnings: Vec<Warning>) -> Self {
        ArticleDoc {
            article: article.meta.clone(),
            revisions: article
                .revisions
                .iter()
                .map(RevisionDoc::from_revision)
                .collect(),
            warnings,
        }
    }
}
