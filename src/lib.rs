//! newsdiff: how news articles change after publication.
//!
//! The pipeline is `parse` (inputs to revisions) → `segment` (sentences) → `align`
//! (sentence alignment and word changes) → `changelog` (the one model of what changed,
//! with the change classes from `classify`) → `render` (terminal, JSON). The `newsdiff` binary is a thin front end over this crate.

pub mod align;
pub mod archive;
pub mod article;
pub mod changelog;
pub mod check;
pub mod classify;
pub mod error;
pub mod parse;
pub mod render;
pub mod site;
pub mod text;
pub mod xml;

pub use error::{EncodingHint, Error, InputProblem, Result, Warning};
