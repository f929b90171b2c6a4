//! Names.

use super::found::Found;
use super::numbers::number_key;
use crate::text::lexicon::{CALENDAR_WORDS, NAME_JOINERS, TITLES};
use crate::text::tokens::{strip_possessive, tokens};

/// Function words, which are no names even with a capital.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "but", "or", "nor", "so", "yet", "for", "in", "on", "at", "by", "to",
    "of", "from", "with", "as", "if", "when", "while", "after", "before", "since", "it", "he",
    "she", "they", "we", "you", "his", "her", "its", "their", "our", "this", "that", "these",
    "those", "there", "here", "what", "who", "why", "how", "where", "not", "no", "yes", "all",
    "some", "many", "most", "more", "such", "under", "over", "about",
];

fn capitalised(word: &str) -> bool {
    let w = strip_possessive(word);
    w.starts_with(char::is_uppercase)
        && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
        && w.chars().count() > 1
        && !CALENDAR_WORDS.contains(&w)
        && !TITLES.contains(&w)
        && number_key(w).is_none()
}

/// Capitalised names: runs of capitalised words (one space apart, "of", "de" and the
/// like allowed inside) that do not begin a sentence. A run that begins a sentence, or a
/// quote, or follows a colon, loses its first word (and a dateline in capitals before it) ("Fire Chief Tom Ellery" at the start
/// is "Chief Tom Ellery"). The key is the last word, which is what a later mention keeps
/// ("Tom Ellery", then "Ellery").
pub(super) fn names(s: &str, starts: &[usize]) -> Vec<Found> {
    let toks = tokens(s);
    // Side words begin a sentence, a quote or a clause after a colon.
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
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].is_word() && capitalised(toks[i].text)) {
            i += 1;
            continue;
        }
        // The run of capitalised words from i.
        let mut words = vec![i];
        let mut j = i;
        loop {
            let sp = toks.get(j + 1).is_some_and(|t| t.text == " ");
            let Some(n) = toks.get(j + 2).filter(|_| sp) else {
                break;
            };
            if n.is_word() && capitalised(n.text) && strip_possessive(toks[j].text) == toks[j].text
            {
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
        let Some(&first) = words.iter().find(|&&w| !initial[w]) else {
            i = j + 1;
            continue;
        };
        let last = *words.last().expect("a run has a word");
        let end = toks[last].at + strip_possessive(toks[last].text).len();
        let range = toks[first].at..end;
        out.push(Found {
            text: s[range.clone()].to_string(),
            key: strip_possessive(toks[last].text).to_string(),
            range,
        });
        i = j + 1;
    }
    out
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
}
