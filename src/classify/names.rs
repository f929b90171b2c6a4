//! Names: capitalised names that an op adds, removes or replaces.
//!
//! A name is found by its capital letters ([`names`]) and known by its last word, which
//! is what a later mention keeps ("Tom Ellery", then "Ellery"). A name counts as added or
//! removed only if the other side does not have that word at all, so a shorter or moved
//! mention is no change of names. For an edited op ([`edited`]) a hunk that removes one
//! name and adds one replaced it; other names stand alone. The whole diff then keeps only
//! the names the other revision lacks altogether (`diff::keep_article_names`).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashSet;

use super::found::{Found, pair_by};
use super::numbers::number_key;
use super::op::{ChangedWords, EditedOp};
use super::{Change, Class, ClassEvidence};
use crate::article::Side;
use crate::text::lexicon::{
    CALENDAR_ABBREVIATIONS, CALENDAR_WORDS, DEMONYMS, NAME_JOINERS, TITLES,
};
use crate::text::tokens::{Token, strip_possessive, tokens, words};

/// The `names` class of an edited op, if it adds or removes a name; the names are covered
/// in `changed`. Evidence: replaced names, then removed ones, then added ones, each in
/// reading order.
pub(super) fn edited(op: &EditedOp, changed: &mut ChangedWords) -> Option<ClassEvidence> {
    let gone = |side: Side| -> Vec<Found> {
        let this = op.side(side);
        let found = names(&this.text, &this.starts);
        if found.is_empty() {
            return found;
        }
        // A name the other side does not hold as bytes cannot be one of its words; the
        // other side is split into words only when a name is there as bytes.
        let other_text = op.side(side.other()).text.as_str();
        let other_words: OnceCell<FxHashSet<&str>> = OnceCell::new();
        let other_has = |key: &str| {
            memchr::memmem::find(other_text.as_bytes(), key.as_bytes()).is_some()
                && other_words
                    .get_or_init(|| words(other_text).collect())
                    .contains(key)
        };
        let mut seen = HashSet::new();
        found
            .into_iter()
            .filter(|f| !other_has(f.key.as_str()) && seen.insert(f.text.clone()))
            .collect()
    };
    let (removed, added) = (gone(Side::Old), gone(Side::New));
    if removed.is_empty() && added.is_empty() {
        return None;
    }
    for f in &removed {
        changed.cover(Side::Old, &f.range);
    }
    for f in &added {
        changed.cover(Side::New, &f.range);
    }
    // How many removed and added names each hunk holds.
    let mut per_hunk: HashMap<usize, (usize, usize)> = HashMap::new();
    for f in &removed {
        if let Some(h) = op.hunks.overlapping(Side::Old, &f.range) {
            per_hunk.entry(h).or_default().0 += 1;
        }
    }
    for f in &added {
        if let Some(h) = op.hunks.overlapping(Side::New, &f.range) {
            per_hunk.entry(h).or_default().1 += 1;
        }
    }
    let (pairs, rest_old, rest_new) = pair_by(removed, added, |side, f| {
        op.hunks
            .overlapping(side, &f.range)
            .filter(|h| per_hunk.get(h) == Some(&(1, 1)))
    });
    let changes = pairs
        .into_iter()
        .map(|(o, n)| (Some(o), Some(n)))
        .chain(rest_old.into_iter().map(|o| (Some(o), None)))
        .chain(rest_new.into_iter().map(|n| (None, Some(n))))
        .map(|(o, n)| Change::new(o.map(|f| f.text), n.map(|f| f.text)))
        .collect();
    Some(ClassEvidence::new(Class::Names, changes))
}

/// Capitalised names: runs of capitalised words (one space apart, "of", "de" and the
/// like allowed inside) that do not begin a sentence. A run that begins a sentence (at
/// one of `starts`, byte offsets into `s`), or a quote, or follows a colon, loses its
/// first word (and a dateline in capitals before it) ("Fire Chief Tom Ellery" at the
/// start is "Chief Tom Ellery"). The key is the last word, possessive `'s` dropped.
pub(super) fn names(s: &str, starts: &[usize]) -> Vec<Found> {
    let toks = tokens(s);
    let initial = sentence_initial(&toks, starts);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].is_word() && (capitalised(toks[i].text) || first_name(&toks, i))) {
            i += 1;
            continue;
        }
        let words = name_run(&toks, i);
        let last = *words.last().expect("a run has a word");
        i = last + 1;
        let Some(&first) = words.iter().find(|&&w| !initial[w]) else {
            continue;
        };
        // A word for a people is no name ("Russians", "West African"), but it begins
        // many ("European Union", "Saudi Arabia", "Swedish Public Health Agency"): the
        // run is judged by its last word, as its key is.
        if demonym_phrase(
            &toks,
            &words[words.iter().position(|&w| w == first).unwrap_or(0)..],
        ) {
            continue;
        }
        let end = toks[last].at + strip_possessive(toks[last].text).len();
        let range = toks[first].at..end;
        out.push(Found {
            text: s[range.clone()].to_string(),
            key: strip_possessive(toks[last].text).to_string(),
            range,
        });
    }
    out
}

/// Per token, whether it is a word that begins a sentence (one of `starts`), a quote or a
/// clause after a colon, where a capital says nothing of a name.
fn sentence_initial(toks: &[Token], starts: &[usize]) -> Vec<bool> {
    let mut initial = vec![false; toks.len()];
    let mut fresh = true;
    let mut next_start = starts.iter().peekable();
    for (i, t) in toks.iter().enumerate() {
        while next_start.next_if(|&&st| st <= t.at).is_some() {
            fresh = true;
        }
        if t.is_word() {
            initial[i] = fresh;
            // A dateline ("BEIRUT The last rebels"): the sentence begins again after it.
            fresh = fresh && t.text.chars().count() > 1 && !t.text.chars().any(char::is_lowercase);
        } else if !t.is_space() {
            let c = t.text.chars().next().unwrap_or(' ');
            let prev_space = i == 0 || toks[i - 1].is_space();
            if "“‘«:(".contains(c) || (c == '"' && prev_space) || (c == '\'' && prev_space) {
                fresh = true;
            }
        }
    }
    initial
}

/// The tokens of the run of capitalised words that begins at token `i` (a capitalised
/// word): words one space apart or joined by a joiner ("Bank of England"). A possessive
/// ends the run before another capitalised word ("Britain's Theresa May" is two names).
fn name_run(toks: &[Token], i: usize) -> Vec<usize> {
    let mut words = vec![i];
    let mut j = i;
    loop {
        let sp = toks.get(j + 1).is_some_and(|t| t.text == " ");
        let Some(n) = toks.get(j + 2).filter(|_| sp) else {
            break;
        };
        if n.is_word() && capitalised(n.text) && strip_possessive(toks[j].text) == toks[j].text {
            words.push(j + 2);
            j += 2;
            continue;
        }
        // "Bank of England"
        if NAME_JOINERS.contains(&n.text)
            && toks.get(j + 3).is_some_and(|t| t.text == " ")
            && toks
                .get(j + 4)
                .is_some_and(|t| t.is_word() && capitalised(t.text))
        {
            words.push(j + 4);
            j += 4;
            continue;
        }
        break;
    }
    words
}

/// Function words, which are no names even with a capital.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "but", "or", "nor", "so", "yet", "for", "in", "on", "at", "by", "to",
    "of", "from", "with", "as", "if", "when", "while", "after", "before", "since", "it", "he",
    "she", "they", "we", "you", "his", "her", "its", "their", "our", "this", "that", "these",
    "those", "there", "here", "what", "who", "why", "how", "where", "not", "no", "yes", "all",
    "some", "many", "most", "more", "such", "under", "over", "about",
];

/// Whether a word may be (part of) a name: capitalised, longer than one letter, and no
/// function word, day or month (or their abbreviation), title or number. (A demonym may
/// begin a name; [`names`] drops a run that ends in one.)
fn capitalised(word: &str) -> bool {
    let w = strip_possessive(word);
    w.starts_with(char::is_uppercase)
        && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
        && w.chars().count() > 1
        && !CALENDAR_WORDS.contains(&w)
        && !CALENDAR_ABBREVIATIONS.contains(&w)
        && !TITLES.contains(&w)
        && number_key(w).is_none()
}

/// Whether a run of name words is a word for a people, with only compass words before it
/// ("Russians", "West African", "South Korean"); "Anglo American" (a company) and
/// "European Union" are names.
fn demonym_phrase(toks: &[Token], words: &[usize]) -> bool {
    const MODIFIERS: &[&str] = &[
        "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
        "Latin",
    ];
    let Some((&last, before)) = words.split_last() else {
        return false;
    };
    is_demonym(strip_possessive(toks[last].text))
        && before
            .iter()
            .all(|&w| MODIFIERS.contains(&toks[w].text) || is_demonym(toks[w].text))
}

/// A month or weekday abbreviation without its full stop before a capitalised word is a
/// first name ("Jan Schuerlein"), not a date ("Jan. 5", "Sat 19 Aug").
fn first_name(toks: &[Token], i: usize) -> bool {
    CALENDAR_ABBREVIATIONS.contains(&toks[i].text)
        && toks.get(i + 1).is_some_and(|t| t.text == " ")
        && toks
            .get(i + 2)
            .is_some_and(|t| t.is_word() && capitalised(t.text))
}

/// A word for a people, singular or plural (`Russian`, `Russians`, `Chinese`).
fn is_demonym(w: &str) -> bool {
    DEMONYMS.contains(&w)
        || w.strip_suffix('s')
            .is_some_and(|one| DEMONYMS.contains(&one))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Class;
    use crate::classify::test_support::*;

    #[test]
    fn names_added_removed_and_replaced() {
        let c = pair(
            "Kerry met Lavrov in Rome on Saturday to discuss the evacuation.",
            "Kerry met Lavrov and Staffan de Mistura in Rome on Saturday to discuss the evacuation.",
        );
        assert_eq!(
            changes(&c, Class::Names),
            [(None, Some("Staffan de Mistura"))]
        );
        assert!(!classes(&c).contains(&Class::Wording), "{c:?}");
        // A shorter later mention of the same person is not a new name.
        let c = pair(
            "Rescue crews said Tom Ellery had arrived at the site.",
            "Rescue crews said Ellery had arrived at the site on foot.",
        );
        assert!(!classes(&c).contains(&Class::Names), "{c:?}");
    }

    #[test]
    fn finds_names() {
        let s = "Fire Chief Tom Ellery met the Bank of England's governor on Tuesday. \"People were screaming,\" Delgado said.";
        let second = s.find('"').unwrap();
        let n: Vec<String> = names(s, &[0, second]).into_iter().map(|f| f.text).collect();
        assert_eq!(n, ["Chief Tom Ellery", "Bank of England", "Delgado"]);
    }

    #[test]
    fn demonyms_and_calendar_abbreviations_are_no_names() {
        let s = "On Jan. 5 the Russians and Chinese diplomats met British officials and \
                 Ukrainian envoy Olena Kovalenko in Geneva, before Tue. talks.";
        let n: Vec<String> = names(s, &[0]).into_iter().map(|f| f.text).collect();
        assert_eq!(n, ["Olena Kovalenko", "Geneva"]);
    }

    #[test]
    fn names_that_begin_with_a_demonym_are_names() {
        // Lost in the 400-pair comparison when demonyms were dropped word by word.
        let s = "Officials of the European Union and Saudi Arabia met the Swedish Public \
                 Health Agency, while West African and South Korean envoys waited.";
        let n: Vec<String> = names(s, &[0]).into_iter().map(|f| f.text).collect();
        assert_eq!(
            n,
            [
                "European Union",
                "Saudi Arabia",
                "Swedish Public Health Agency"
            ]
        );
    }
}
