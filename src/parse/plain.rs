//! Plain text: one version of an article per file.

use crate::article::{Article, ArticleMeta, Revision};
use crate::{Error, InputProblem};

/// Parses one plain-text version. The text is kept exactly; paragraphs are found by
/// [`crate::text::paragraph_spans`].
pub fn parse(name: &str, text: &str) -> Result<Article, Error> {
    let mut rev = Revision::from_text(0, text.to_string()).map_err(|p| Error::input(name, p))?;
    if rev.sentence_count() == 0 {
        return Err(Error::input(name, InputProblem::Empty));
    }
    rev.label = Some(name.to_string());
    Ok(Article {
        meta: ArticleMeta::default(),
        revisions: vec![rev],
    })
}
