//! newsdiff: how news articles change after publication, sentence by sentence.
//!
//! Newsrooms edit stories after they are published: headlines soften, death tolls move,
//! quotes are trimmed, corrections are appended. newsdiff reads the versions that trackers
//! keep (text files, JSON articles, News Sniffer scrapes, archives) and says what changed,
//! sentence by sentence and word by word, with the kind of each change.
//!
//! # Which part to use
//!
//! - To diff two texts you hold: make a [`Revision`] of each ([`Revision::from_text`])
//!   and call [`diff`], or put them in an [`Article`] and build a [`ChangeLog`]
//!   ([`ChangeLog::consecutive`]) to diff every consecutive pair.
//! - To read files as the command line does (format detection, News Sniffer scrapes,
//!   several versions per file): [`parse::load`], then [`ChangeLog::build`].
//! - To show a change log: [`render::terminal`], [`render::markdown`], [`render::html`],
//!   [`render::json`] (the versioned JSON contract, `docs/changelog.md`), [`render::log`].
//! - To check whole archives against rules: [`check::run`]; to publish them as a static
//!   site: [`site::build`].
//! - To align sentences yourself: [`align()`] returns the [`Op`]s, each with its
//!   [`Kind`] and word changes; [`sentences`] cuts news copy into sentences the way
//!   newsdiff does (abbreviations, initials, datelines, quotations).
//!
//! The stages and the rules for their imports are in `ARCHITECTURE.md`.

#![cfg_attr(not(feature = "dev"), warn(missing_docs))]

mod align;
mod archive;
mod article;
pub mod changelog;
pub mod check;
mod classify;
mod error;
pub mod export;
pub mod parse;
pub mod render;
pub mod site;
mod text;
mod xml;

#[cfg(feature = "dev")]
pub mod dev;

pub use align::words::{WordChange, WordOp};
pub use align::{Kind, Op, align};
pub use archive::Problem;
pub use archive::pick::{
    ArchiveEntry, ArchiveError, is_archive, list_archive_articles, load_archive_article,
};
pub use article::boilerplate::{Boilerplate, IgnoreReason, Ignored};
pub use article::doc::{ArticleDoc, ParagraphDoc, RevisionDoc};
pub use article::{Article, ArticleMeta, Paragraph, ParagraphInput, Revision, Side, Span};
pub use changelog::{ChangeLog, RevisionDiff, diff};
pub use classify::{Change, Class, ClassEvidence, OpClasses};
pub use error::{EncodingHint, Error, InputProblem, Result, Warning};
pub use text::segment::sentences;
