//! Correction and update notes.

use crate::text::normalize::normalize;
use crate::text::tokens::has_word;

/// Whether a sentence is (or holds) a correction or update note.
pub fn is_correction(text: &str) -> bool {
    let t = normalize(text);
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    const LABELS: &[&str] = &[
        "correction:",
        "corrections:",
        "clarification:",
        "update:",
        "updated:",
        "editor's note:",
        "editors' note:",
        "editors note:",
    ];
    const PHRASES: &[&str] = &[
        "correction:",
        "clarification:",
        "an earlier version of this",
        "a previous version of this",
        "an earlier version of the",
        "a previous version of the",
        "this article has been updated",
        "this story has been updated",
        "this article has been amended",
        "this story has been amended",
        "this article has been corrected",
        "this story has been corrected",
        "we regret the error",
    ];
    // "corrected", "updated", "amended" count when the note speaks of the piece itself.
    const VERBS: &[&str] = &["corrected", "updated", "amended", "clarified"];
    const PIECE: &[&str] = &[
        "this article",
        "this story",
        "this report",
        "this post",
        "this version",
        "this item",
        "earlier version",
        "previous version",
    ];
    LABELS.iter().any(|l| t.starts_with(l))
        || PHRASES.iter().any(|p| t.contains(p))
        || (VERBS.iter().any(|v| has_word(t, v)) && PIECE.iter().any(|p| t.contains(p)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Class;
    use crate::classify::test_support::*;

    #[test]
    fn a_correction_note_at_the_end_is_a_correction_and_appended() {
        let old = "A train derailed near Harwick on Tuesday, killing 21 people.\n\n\
                   \"It was like being thrown around,\" said Maria Delgado, 34.";
        let new = "A train derailed near Harwick on Tuesday, killing 21 people.\n\n\
                   \"It was like being thrown around,\" said Maria Delgado, 34.\n\n\
                   Correction: An earlier version of this story gave Maria Delgado's age incorrectly. She is 34, not 43.";
        let d = diff(old, new);
        assert_eq!(
            classes(&d),
            [Class::Correction, Class::Appended, Class::Wording]
        );
        let c = &d[0];
        assert_eq!(
            changes(&d, Class::Correction),
            [(
                None,
                Some(
                    "Correction: An earlier version of this story gave Maria Delgado's age incorrectly. She is 34, not 43."
                )
            )]
        );
        assert_eq!(c.new, [2, 3]);
        assert_eq!(d[1].new, [2, 3]);
    }

    #[test]
    fn update_notes_are_corrections_ordinary_copy_is_not() {
        for note in [
            "This article has been updated to include comments from the ministry.",
            "Update: The ministry later denied the report.",
            "CLARIFICATION: The plant is owned by a subsidiary.",
            "An earlier version of this article misstated the date of the vote.",
            "This story was corrected to show that the vote is on Friday.",
            "(Editor’s note: names have been changed.)",
        ] {
            assert!(is_correction(note), "{note}");
        }
        for copy in [
            "The ministry corrected its figures on Monday.",
            "Officials updated the death toll to 21.",
            "He said the earlier report was wrong.",
        ] {
            assert!(!is_correction(copy), "{copy}");
        }
    }
}
