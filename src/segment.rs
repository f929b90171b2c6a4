//! Sentence segmentation for news copy.
//!
//! The base is Unicode's sentence boundaries (UAX #29, from `unicode-segmentation`): it is
//! lossless, fast, and handles closing quotes and lowercase continuations. It knows nothing
//! of abbreviations, so it breaks after `Mr.`, `U.S.` or the `V.` of `Sergey V. Lavrov`.
//! News copy is full of those, so each candidate boundary is re-examined here with what
//! a copy editor knows: titles are followed by names, initials by surnames, dotted
//! acronyms mostly by more of the sentence, and a sentence never starts in lowercase.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;

/// Titles and abbreviations that are (almost) never the last word of a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Gov", "Govs", "Sen", "Sens", "Rep", "Reps",
    "Gen", "Gens", "Lt", "Col", "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Maj", "Cmdr", "Cdr",
    "Brig", "Prof", "Rev", "Msgr", "Fr", "Hon", "Pres", "Supt", "Atty", "Insp", "Det", "Ald",
    "Amb", "Sec", "Treas", "Sr", "Sra", "Mme", "Mlle", "St", "Ste", "Mt", "Ft", "Pt", "vs", "v",
    "cf", "approx", "est", "Nos", "No", "Art", "Vol", "Ch", "Fig", "Op",
];

/// Abbreviations that end a sentence only when followed by something that clearly starts
/// one; before a number they never do (`Jan. 5`, `No. 3`).
const BEFORE_NUMBERS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "Nos", "Vol", "pp", "p", "Art", "Sec", "Ch", "Fig", "Rt", "Hwy", "Ave", "Rd",
];

/// Words that follow `a.m.`/`p.m.` inside a sentence.
const AFTER_TIME: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "ET",
    "EST",
    "EDT",
    "CT",
    "CST",
    "CDT",
    "MT",
    "PT",
    "PST",
    "PDT",
    "GMT",
    "BST",
    "UTC",
    "local",
    "Eastern",
    "Central",
    "Pacific",
    "Mountain",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "today",
    "tomorrow",
];

/// Words that commonly open a sentence; after an initial or a dotted acronym, one of these
/// means the full stop really ended the sentence (`... in the U.S. The next day ...`).
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "Still",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "Because",
    "Meanwhile",
    "However",
    "Now",
    "Then",
    "Some",
    "Many",
    "Most",
    "All",
    "No",
    "Not",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "For",
    "With",
    "By",
    "From",
    "To",
    "Officials",
    "Police",
    "Asked",
    "According",
];

/// Sentence spans of one paragraph, relative to it. The spans are in order, do not overlap,
/// carry no surrounding white space, and the text between them is white space only, so
/// together with that text they rebuild the paragraph byte for byte.
pub fn sentences(paragraph: &str) -> Vec<Span> {
    // Line breaks inside a paragraph are wrapping, not paragraph ends; UAX #29 would force a
    // break at each. Replace them with spaces of the same byte length before asking it.
    let flat: std::borrow::Cow<str> = if paragraph.contains(['\n', '\r']) {
        paragraph.replace(['\n', '\r'], " ").into()
    } else {
        paragraph.into()
    };
    let mut out: Vec<Span> = Vec::new();
    for (start, piece) in flat.split_sentence_bound_indices() {
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = piece.len() - piece.trim_start().len();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        match out.last_mut() {
            Some(prev) if !is_boundary(&flat[prev.range()], trimmed) => prev.end = span.end,
            _ => out.push(span),
        }
    }
    out
}

/// Whether a sentence really ends between `before` (the text so far) and `after` (the text
/// that follows, trimmed): the news-aware judgement the segmenter applies to every
/// candidate boundary.
pub fn is_boundary(before: &str, after: &str) -> bool {
    let Some(first) = after.chars().next() else {
        return true;
    };
    // A sentence never opens in lowercase, nor with closing or joining punctuation.
    if first.is_lowercase() || matches!(first, ',' | ';' | ':' | ')' | ']' | '—' | '–' | '-') {
        return false;
    }
    let next_word = leading_word(after);
    let Some(last) = before.split_whitespace().next_back() else {
        return true;
    };
    // Only a full stop can be an abbreviation's; `?`, `!` and closing quotes end sentences.
    let Some(stem) = last.strip_suffix('.') else {
        return true;
    };
    let stem = stem.trim_start_matches(['(', '[', '"', '“', '‘', '\'']);
    if stem.is_empty() || stem.ends_with('.') && stem.chars().filter(|c| *c == '.').count() > 2 {
        // an ellipsis
        return true;
    }
    let starts_number = first.is_ascii_digit();
    if TITLES.contains(&stem) && !(stem == "No" && !starts_number && is_starter(next_word)) {
        return false;
    }
    if starts_number && BEFORE_NUMBERS.contains(&stem) {
        return false;
    }
    if matches!(stem.to_ascii_lowercase().as_str(), "a.m" | "p.m") {
        return !AFTER_TIME.contains(&next_word);
    }
    // A single capital letter: an initial (`Sergey V. Lavrov`, `Harry S. Truman`).
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return is_starter(next_word);
    }
    // Dotted acronyms: U.S., U.N., D.C., E.U.
    if is_dotted_acronym(stem) {
        return is_starter(next_word);
    }
    true
}

fn is_starter(word: &str) -> bool {
    SENTENCE_STARTERS.contains(&word)
}

/// `U.S` (the final dot already stripped): single letters joined by dots.
fn is_dotted_acronym(stem: &str) -> bool {
    let parts: Vec<&str> = stem.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// The first word of `s`, without opening quotes or brackets.
fn leading_word(s: &str) -> &str {
    let s = s.trim_start_matches(['(', '[', '"', '“', '‘', '\'']);
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn lossless_with_odd_spacing() {
        let t = "  One.  Two?\tThree!  ";
        let spans = sentences(t);
        assert_eq!(split(t), ["One.", "Two?", "Three!"]);
        let mut pos = 0;
        for s in spans {
            assert!(t[pos..s.start].trim().is_empty());
            pos = s.end;
        }
        assert!(t[pos..].trim().is_empty());
    }

    #[test]
    fn wrapped_lines_do_not_break_sentences() {
        assert_eq!(
            split("A long\nsentence. Next\r\none."),
            ["A long\nsentence.", "Next\r\none."]
        );
    }

    #[test]
    fn empty_and_blank_give_nothing() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \t ").is_empty());
    }
}
