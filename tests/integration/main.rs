//! The integration tests of `newsdiff`, in one test binary (ripgrep style): one link step
//! for all of them, and shared helpers in `util`.
//!
//! - `cli`: the `newsdiff` binary as a user runs it (arguments, inputs, exit codes,
//!   colour, errors).
//! - `snapshots`: whole outputs for the samples, reviewed by hand (insta).
//! - `properties`: lossless parsing and self-consistent change logs for generated inputs
//!   (proptest).
//! - `schema`: the JSON change log against `docs/changelog.schema.json`.
//! - `check`: `newsdiff check` on small archives built in temporary directories.
//! - `html`: the HTML and Markdown views (escaping, no outside resources, anchors) and,
//!   when Chromium is installed, the browser check of `.ci/browser-test.sh`.
//! - `views`: the terminal layouts and `log` on the samples.
//! - `inputs`: versions as people keep them (NewsDiffs files, data-frame JSON Lines,
//!   NewsEdits and News Sniffer databases, one article of an archive).
//! - `boilerplate`: page chrome set aside and reported; `--ignore typography` and the
//!   minimum-change thresholds.
//! - `pages`: web pages (saved articles, Wayback snapshots) reduced to their article.
//! - `newssniffer`: reading News Sniffer scrapes, and splitting them back.
//! - `alignment`: the aligner's scores on the hand-aligned gold set.
//! - `export`: `newsdiff export` to JSON Lines and SQLite.
//! - `report`: `newsdiff report`, the static site of an archive.
//! - `terminal`: the binary on a pseudo-terminal (paging, colour under `auto`).
//! - `fidelity`: issue 13's field cases (real copy said exactly), and more of each kind.
//! - `regression`: one test per fault a user met, named after it.
//! - `architecture`: the import map of `ARCHITECTURE.md` against the code.

mod alignment;
mod architecture;
mod boilerplate;
mod check;
mod cli;
mod export;
mod fidelity;
mod html;
mod inputs;
mod newssniffer;
mod pages;
mod properties;
mod regression;
mod report;
mod schema;
mod snapshots;
mod terminal;
mod util;
mod views;
