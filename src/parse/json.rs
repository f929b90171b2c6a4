//! The JSON article: newsdiff's own interchange shape, read by every command and written
//! by `newsdiff split` and inside the change log.
//!
//! ```json
//! {"article": {"title": "...", "url": "...", "source": "..."},
//!  "revisions": [{"version": 0, "created": "2016-12-05T14:02:37Z", "title": "...",
//!                 "paragraphs": [{"text": "...", "sentences": ["..."]}]}]}
//! ```
//! A revision's body is one of `text` (plain text, split like a text file), `paragraphs`
//! (strings, or objects with their sentences) or `sentences` (one paragraph whose sentences
//! are used as given). Given sentences are never re-split, so their indices survive.

use crate::article::doc::ArticleDoc;
use crate::article::{Article, Revision, next_version};
use crate::{Error, InputProblem, Warning};

/// Parses a JSON article document.
pub fn parse(name: &str, text: &str) -> Result<(Article, Vec<Warning>), Error> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let first_line = text.lines().next().unwrap_or("");
        let jsonl = e.line() > 1
            && serde_json::from_str::<serde_json::Value>(first_line).is_ok_and(|v| v.is_object());
        let problem = match jsonl {
            true => InputProblem::Format(
                "one JSON object per line is a JSON Lines archive: `newsdiff check` and \
                 `newsdiff report` read it from a file named `.jsonl`; diff and log take \
                 one article"
                    .into(),
            ),
            false => InputProblem::Json(e.to_string()),
        };
        Error::input(name, problem)
    })?;
    if value.get("revisions").is_none() {
        return Err(Error::input(
            name,
            InputProblem::Format(
                "JSON without a `revisions` list is not a newsdiff article (see docs/changelog.md)"
                    .into(),
            ),
        ));
    }
    // The path of a bad field (`revisions[2].created`) says where to look; serde_json
    // gives no position once the text is a value.
    let doc: ArticleDoc = serde_path_to_error::deserialize(value).map_err(|e| {
        let problem = format!("{}: {}", e.path(), e.inner());
        Error::input(name, InputProblem::Format(problem))
    })?;
    if doc.revisions.is_empty() {
        return Err(Error::input(
            name,
            InputProblem::Format("the article has no revisions".into()),
        ));
    }
    let mut revisions: Vec<Revision> = Vec::with_capacity(doc.revisions.len());
    for (i, r) in doc.revisions.iter().enumerate() {
        let default = match revisions.last() {
            Some(p) => next_version(p.version).map_err(|p| Error::input(name, p))?,
            None => 0,
        };
        revisions.push(
            r.to_revision(i, default)
                .map_err(|p| Error::input(name, p))?,
        );
    }
    for pair in revisions.windows(2) {
        if pair[1].version <= pair[0].version {
            return Err(Error::input(
                name,
                InputProblem::Format(format!(
                    "version {} follows version {}; versions must be listed oldest first, \
                     each once",
                    pair[1].version, pair[0].version
                )),
            ));
        }
    }
    if let Some(r) = revisions.iter().find(|r| r.sentence_count() == 0) {
        return Err(Error::input(
            name,
            InputProblem::Format(format!("version {} has no text", r.version)),
        ));
    }
    Ok((
        Article {
            meta: doc.article,
            revisions,
        },
        doc.warnings,
    ))
}

/// Whether a text is meant as JSON: articles never start with `{`, so such a file is read
/// as a JSON article, and a broken one or one without `revisions` is reported, not diffed
/// as prose.
pub fn sniff(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_body_forms() {
        let doc = r#"{"article": {"title": "T", "source": "x", "lang": "en"}, "revisions": [
            {"version": 2, "text": "A b. C d.\n\nE f."},
            {"version": 3, "created": "2016-12-05T14:02:37Z", "paragraphs": ["A b. C d.", {"text": "E f. G.", "sentences": ["E f. G."]}]},
            {"sentences": ["One.", "''", "Two."]}
        ]}"#;
        let (a, _) = parse("t.json", doc).unwrap();
        assert_eq!(a.meta.extra["lang"], "en");
        assert_eq!(a.revisions[0].sentence_count(), 3);
        assert_eq!(a.revisions[1].sentence_count(), 3);
        assert_eq!(
            a.revisions[1].created.unwrap().to_rfc3339(),
            "2016-12-05T14:02:37+00:00"
        );
        assert_eq!(a.revisions[2].version, 4);
        assert_eq!(a.revisions[2].sentence(1), "''");
    }

    #[test]
    fn round_trip_through_doc_is_exact() {
        let r = Revision::from_text(
            4,
            "\u{feff}x\r\n  Para one. Two.\r\n\r\nPara three.\n".into(),
        )
        .unwrap();
        let doc = crate::article::doc::RevisionDoc::from_revision(&r);
        let back = doc.to_revision(0, 0).unwrap();
        assert_eq!(back.text(), r.text());
        assert_eq!(back, r);
    }

    #[test]
    fn versions_must_increase_and_have_text() {
        let dup =
            r#"{"revisions": [{"version": 5, "text": "One."}, {"version": 5, "text": "Two."}]}"#;
        assert!(
            parse("t.json", dup)
                .unwrap_err()
                .to_string()
                .contains("follows version 5")
        );
        let empty = r#"{"revisions": [{"version": 1, "paragraphs": []}]}"#;
        assert!(
            parse("t.json", empty)
                .unwrap_err()
                .to_string()
                .contains("no text")
        );
        let other = r#"{"article": {"title": "x"}}"#;
        assert!(sniff(other));
        assert!(
            parse("t.json", other)
                .unwrap_err()
                .to_string()
                .contains("revisions")
        );
    }

    #[test]
    fn given_sentences_with_white_space_around_them_are_trimmed() {
        let doc = r#"{"revisions": [{"sentences": [" One. ", "Two.  "]}, {"sentences": ["One.", "Three.\n"]}]}"#;
        let (a, _) = parse("t.json", doc).unwrap();
        assert_eq!(
            a.revisions[0].sentences().collect::<Vec<_>>(),
            ["One.", "Two."]
        );
        assert_eq!(a.revisions[1].sentence(1), "Three.");
        // White space only is an empty sentence that keeps its index.
        let empty = r#"{"revisions": [{"sentences": ["One.", "  ", "Two."]}]}"#;
        let (a, _) = parse("t.json", empty).unwrap();
        assert_eq!(
            a.revisions[0].sentences().collect::<Vec<_>>(),
            ["One.", "", "Two."]
        );
        assert_eq!(a.revisions[0].text(), "One. Two.");
    }

    #[test]
    fn errors_name_the_revision() {
        let doc = r#"{"revisions": [{"version": 7, "text": "a", "sentences": ["a"]}]}"#;
        let e = parse("t.json", doc).unwrap_err().to_string();
        assert!(e.contains("version 7"), "{e}");
    }
}
