//! Attributions: who said something, and how ("said Smith", "Lavrov also told
//! reporters", "according to state media").
//!
//! A phrase is found around a verb of attribution ([`SAY_VERBS`]) or "according to": the
//! speaker before the verb ("the ministry also said"), or after it when the verb comes
//! first after a quote or comma (`," said Maria Delgado`). The phrase is the evidence, and
//! two phrases are the same when their normalised text is; an edited op changes an
//! attribution when a phrase left after striking off equal ones is touched by the word
//! diff (the step is `op::passages`).

use super::found::Found;
use crate::text::lexicon::{FORMS_OF_BE, SAY_VERBS, TITLES};
use crate::text::normalize::normalize;
use crate::text::tokens::{Token, tokens};

/// Attribution phrases: "X said", "said X" (after a quote or comma), "X told reporters",
/// "according to X". The key is the whole phrase, normalised.
pub(super) fn attributions(s: &str) -> Vec<Found> {
    let toks = tokens(s);
    (0..toks.len())
        .filter_map(|i| phrase_at(&toks, i))
        .map(|(lo, hi)| {
            let range = toks[lo].at..toks[hi].end();
            let text = s[range.clone()].to_string();
            Found {
                key: normalize(&text),
                text,
                range,
            }
        })
        .collect()
}

/// The attribution phrase around token `i` if it is "according" or a verb of
/// attribution: its first and last token.
fn phrase_at(toks: &[Token], i: usize) -> Option<(usize, usize)> {
    let verb = toks[i].lower();
    if verb == "according" {
        let to = next_tok(toks, i).filter(|&to| toks[to].lower() == "to")?;
        let (_, hi) = next_tok(toks, to).and_then(|x| speaker(toks, x, true))?;
        return Some((i, hi));
    }
    if !SAY_VERBS.contains(&verb.as_str()) {
        return None;
    }
    let prev = prev_tok(toks, i);
    if prev.is_some_and(|p| FORMS_OF_BE.contains(&toks[p].lower().as_str())) {
        return None;
    }
    let inverted = prev.is_none_or(|p| !toks[p].is_word() && !title_dot(toks, p));
    if inverted {
        verb_first(toks, i, prev)
    } else {
        speaker_first(toks, i, prev, &verb)
    }
}

/// A verb at `i` after punctuation (`prev`, the token before it, if any): the speaker
/// follows it (`," said Maria Delgado, 43,`, `, said the ministry.`), or else stands
/// before the comma (`the rail operator, Coastline Rail, said it was`).
fn verb_first(toks: &[Token], i: usize, prev: Option<usize>) -> Option<(usize, usize)> {
    next_tok(toks, i)
        .filter(|&x| {
            let t = &toks[x];
            t.text.starts_with(char::is_uppercase) || PLAIN_SPEAKERS.contains(&t.lower().as_str())
        })
        .and_then(|x| speaker(toks, x, true))
        .map(|(_, hi)| (i, hi))
        .or_else(|| {
            prev.filter(|&p| toks[p].text == ",")
                .and_then(|p| prev_tok(toks, p))
                .filter(|&q| toks[q].is_word())
                .and_then(|q| speaker(toks, q, false))
                .map(|(lo, _)| (lo, i))
        })
}

/// A verb at `i` after a word (`prev`): the speaker stands before it, past words like
/// "also" or "had" ("Lavrov also said"); "told" and "tells" take a short object with
/// them ("told reporters", "told the BBC").
fn speaker_first(
    toks: &[Token],
    i: usize,
    prev: Option<usize>,
    verb: &str,
) -> Option<(usize, usize)> {
    let mut p = prev;
    while let Some(j) = p.filter(|&j| BETWEEN.contains(&toks[j].lower().as_str())) {
        p = prev_tok(toks, j);
    }
    let (lo, _) = p
        .filter(|&j| toks[j].is_word() || title_dot(toks, j))
        .and_then(|j| speaker(toks, j, false))?;
    let object = (verb == "told" || verb == "tells")
        .then(|| next_tok(toks, i).and_then(|x| speaker(toks, x, true)))
        .flatten()
        .filter(|(l, h)| toks[*l..=*h].iter().filter(|t| t.is_word()).count() <= 3);
    Some((lo, object.map_or(i, |(_, h)| h)))
}

/// Whether the token before `j` (a `.`) ends a title ("Mr.").
fn title_dot(toks: &[Token], j: usize) -> bool {
    toks[j].text == "." && j > 0 && TITLES.contains(&toks[j - 1].text)
}

/// The words of a speaker phrase from token `from` onwards (`forward`) or backwards:
/// words and the points of titles ("Mr."), no other punctuation, no stop word, at most 8
/// words. Returns the first and last token it covers.
fn speaker(toks: &[Token], from: usize, forward: bool) -> Option<(usize, usize)> {
    if from >= toks.len() {
        return None;
    }
    let order: Box<dyn Iterator<Item = usize>> = if forward {
        Box::new(from..toks.len())
    } else {
        Box::new((0..=from).rev())
    };
    let mut words = 0;
    let (mut lo, mut hi) = (usize::MAX, 0);
    for j in order {
        let t = &toks[j];
        if t.is_word() {
            if words == 8 || SPEAKER_STOP.contains(&t.lower().as_str()) {
                break;
            }
            words += 1;
        } else if !t.is_space() && !title_dot(toks, j) {
            break;
        }
        if !t.is_space() {
            lo = lo.min(j);
            hi = hi.max(j);
        }
    }
    (words > 0).then_some((lo, hi))
}

/// Next and previous non-space token around index `i`.
fn next_tok(toks: &[Token], i: usize) -> Option<usize> {
    (i + 1..toks.len()).find(|&j| !toks[j].is_space())
}
fn prev_tok(toks: &[Token], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !toks[j].is_space())
}

/// Words that may stand between a speaker and the verb ("Lavrov also said").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "earlier",
    "previously",
    "then",
    "again",
    "has",
    "had",
    "have",
    "would",
    "will",
    "could",
    "may",
    "might",
    "separately",
    "further",
    "reportedly",
    "repeatedly",
    "once",
    "too",
];

/// Words that end a speaker phrase.
const SPEAKER_STOP: &[&str] = &[
    "and", "but", "that", "which", "who", "whom", "whose", "when", "while", "as", "because",
    "where", "if", "so", "than", "after", "before", "since", "until", "on", "in", "at", "to", "by",
    "with", "adding", "saying",
];

/// Speakers that may follow the verb without a capital ("said police").
const PLAIN_SPEAKERS: &[&str] = &[
    "the",
    "a",
    "an",
    "police",
    "officials",
    "witnesses",
    "residents",
    "activists",
    "authorities",
    "rescuers",
    "investigators",
    "sources",
    "analysts",
    "experts",
    "diplomats",
    "doctors",
    "prosecutors",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Class;
    use crate::classify::test_support::*;

    #[test]
    fn a_different_speaker_is_an_attribution_and_a_name_change() {
        let c = pair(
            "The talks in Geneva were suspended on Tuesday, said Smith.",
            "The talks in Geneva were suspended on Tuesday, said Jones.",
        );
        assert_eq!(classes(&c), [Class::Attribution, Class::Names]);
        assert_eq!(
            changes(&c, Class::Attribution),
            [(Some("said Smith"), Some("said Jones"))]
        );
        assert_eq!(changes(&c, Class::Names), [(Some("Smith"), Some("Jones"))]);
    }

    #[test]
    fn a_different_verb_or_source_is_an_attribution_change() {
        let c = pair(
            "Rescue crews were still searching the wreckage, Fire Chief Tom Ellery told reporters.",
            "Rescue crews were still searching the wreckage, Fire Chief Tom Ellery said.",
        );
        assert_eq!(classes(&c), [Class::Attribution]);
        assert_eq!(
            changes(&c, Class::Attribution),
            [(
                Some("Fire Chief Tom Ellery told reporters"),
                Some("Fire Chief Tom Ellery said")
            )]
        );
        let c = pair(
            "At least 20 people were killed in the strike, according to the Syrian Observatory.",
            "At least 20 people were killed in the strike, according to state media.",
        );
        assert!(classes(&c).contains(&Class::Attribution), "{c:?}");
        assert_eq!(
            changes(&c, Class::Attribution),
            [(
                Some("according to the Syrian Observatory"),
                Some("according to state media")
            )]
        );
    }

    #[test]
    fn finds_attributions() {
        let a: Vec<String> = attributions(
            "Mr. Ellery said 40 people were hurt, the ministry also said, and it was added later.",
        )
        .into_iter()
        .map(|f| f.text)
        .collect();
        assert_eq!(a, ["Mr. Ellery said", "the ministry also said"]);
    }
}
