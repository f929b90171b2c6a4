//! Numbers: which numbers of an edited op changed, and into what.
//!
//! Steps, for one edited op ([`edited`]):
//!
//! 1. Find the numbers of both sides ([`numbers`]): numerals and number words, each with
//!    its value, its kind (a time, a year, an ordinal, a range, a vague number or an
//!    amount), its unit and the words that say what it counts.
//! 2. Keep those the word diff changed (a hunk overlaps them) and strike off the ones of
//!    equal value on both sides ([`cancel_numbers`]): "twelve" → "12" is no change.
//! 3. Pair the rest when they plausibly are one quantity updated ([`pair_numbers`]), from
//!    the surest pairing to the loosest; what is left stands alone and is no number
//!    change (a number in an added clause is wording).
//! 4. The pairs explain their words, and the qualifiers in their hunks ("23" → "at least
//!    50").

use std::collections::{HashMap, HashSet};

use super::found::{Found, cancel, pair_by};
use super::op::{ChangedWords, EditedOp};
use super::{Change, Class, ClassEvidence};
use crate::article::Side;
use crate::text::lexicon::{NUMBER_SCALES, NUMBER_WORDS, TIME_ZONES};
use crate::text::tokens::{Token, strip_possessive, tokens};

/// The `number` class of an edited op, if any of its numbers changed; the numbers and
/// qualifiers it explains are covered in `changed`.
pub(super) fn edited(op: &EditedOp, changed: &mut ChangedWords) -> Option<ClassEvidence> {
    let in_a_hunk = |side: Side| -> Vec<Num> {
        numbers(&op.side(side).text)
            .into_iter()
            .filter(|n| op.hunks.overlapping(side, &n.found.range).is_some())
            .collect()
    };
    let (old, new) = cancel_numbers(in_a_hunk(Side::Old), in_a_hunk(Side::New));
    let pairs = pair_numbers(op, old, new);
    if pairs.is_empty() {
        return None;
    }
    let mut number_hunks = HashSet::new();
    for (o, n) in &pairs {
        changed.cover(Side::Old, &o.range);
        changed.cover(Side::New, &n.range);
        number_hunks.extend(op.hunks.overlapping(Side::Old, &o.range));
        number_hunks.extend(op.hunks.overlapping(Side::New, &n.range));
    }
    // "23" → "at least 50": the qualifier goes with the number.
    changed.cover_in_hunks(&number_hunks, QUALIFIERS);
    let changes = pairs
        .into_iter()
        .map(|(o, n)| Change::new(Some(o.text), Some(n.text)))
        .collect();
    Some(ClassEvidence::new(Class::Number, changes))
}

/// Pairs the changed numbers (`old`, `new`, equal values already struck off) that
/// plausibly are one quantity updated, in the order of the old side. Each step pairs what
/// the steps before it left:
///
/// 1. the same kind and unit counting the same thing, in one hunk, then anywhere;
/// 2. the same kind and unit in one hunk, in order, unless their words say they count
///    different things;
/// 3. an amount, a year or a vague number counting the same thing, in one hunk, then
///    anywhere ("dozens of people" → "60 people");
/// 4. the last of its kind and unit on both sides ("12 people were killed" → "the toll
///    rose to 19"), unless their words say they count different things.
fn pair_numbers(op: &EditedOp, old: Vec<Num>, new: Vec<Num>) -> Vec<(Found, Found)> {
    let hunk = |side: Side, n: &Num| op.hunks.overlapping(side, &n.found.range);
    // 1.
    let (mut pairs, old, new) = pair_by(old, new, |side, n| {
        Some((hunk(side, n)?, n.kind, n.unit.clone(), n.noun()?))
    });
    let (more, old, new) = pair_by(old, new, |_, n| Some((n.kind, n.unit.clone(), n.noun()?)));
    pairs.extend(more);
    // 2.
    let (more, old, new) = unlike_apart(pair_by(old, new, |side, n| {
        Some((hunk(side, n)?, n.kind, n.unit.clone()))
    }));
    pairs.extend(more);
    // 3.
    let loose_noun = |n: &Num| n.noun().filter(|_| n.loose_kind());
    let (more, old, new) = pair_by(old, new, |side, n| Some((hunk(side, n)?, loose_noun(n)?)));
    pairs.extend(more);
    let (more, old, new) = pair_by(old, new, |_, n| loose_noun(n));
    pairs.extend(more);
    // 4.
    let count = |ns: &[Num]| -> HashMap<(NumKind, Option<String>), usize> {
        let mut c = HashMap::new();
        for n in ns {
            *c.entry((n.kind, n.unit.clone())).or_default() += 1;
        }
        c
    };
    let (old_count, new_count) = (count(&old), count(&new));
    let (more, _, _) = unlike_apart(pair_by(old, new, |_, n| {
        let k = (n.kind, n.unit.clone());
        (old_count.get(&k) == Some(&1) && new_count.get(&k) == Some(&1)).then_some(k)
    }));
    pairs.extend(more);
    let mut pairs: Vec<(Found, Found)> =
        pairs.into_iter().map(|(o, n)| (o.found, n.found)).collect();
    pairs.sort_by_key(|(o, _)| o.range.start);
    pairs
}

/// Strikes off the numbers on both sides that are one quantity: the same value of the
/// same kind, unless both carry a unit in the word and the units differ ("11km" and
/// "11m"). Numbers whose units agree go first, then a number without a unit against one
/// with ("28-year-old" and "28", "140 miles" and "140-mile"). The rest stay in order.
fn cancel_numbers(old: Vec<Num>, new: Vec<Num>) -> (Vec<Num>, Vec<Num>) {
    let root = |n: &Num| {
        n.unit
            .as_deref()
            .map(|u| u.split('-').next().unwrap_or(u).to_string())
    };
    let (old, new) = cancel(old, new, |n| (n.value.clone(), root(n)));
    let (old_bare, old_unit): (Vec<Num>, Vec<Num>) =
        old.into_iter().partition(|n| n.unit.is_none());
    let (new_bare, new_unit): (Vec<Num>, Vec<Num>) =
        new.into_iter().partition(|n| n.unit.is_none());
    let (old_bare, new_unit) = cancel(old_bare, new_unit, |n| n.value.clone());
    let (old_unit, new_bare) = cancel(old_unit, new_bare, |n| n.value.clone());
    let in_order = |mut v: Vec<Num>| {
        v.sort_by_key(|n| n.found.range.start);
        v
    };
    (
        in_order([old_bare, old_unit].concat()),
        in_order([new_bare, new_unit].concat()),
    )
}

/// Undoes the pairs of numbers that count different things (see
/// [`Num::may_count_the_same`]): both go back to what is left, in text order.
#[allow(clippy::type_complexity)]
fn unlike_apart(
    (pairs, mut old, mut new): (Vec<(Num, Num)>, Vec<Num>, Vec<Num>),
) -> (Vec<(Num, Num)>, Vec<Num>, Vec<Num>) {
    let mut kept = Vec::new();
    for (o, n) in pairs {
        if o.may_count_the_same(&n) {
            kept.push((o, n));
        } else {
            old.push(o);
            new.push(n);
        }
    }
    old.sort_by_key(|n| n.found.range.start);
    new.sort_by_key(|n| n.found.range.start);
    (kept, old, new)
}

/// What a number counts, for pairing an old number with a new one: two numbers of other
/// kinds are not one quantity updated ("18:00" → "2.3 million").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NumKind {
    /// "8:40", "0600", "4pm".
    Time,
    /// A four-digit year (1800 to 2100) or decade ("1990s").
    Year,
    /// "5th".
    Ordinal,
    /// "6-5", "2014-15".
    Range,
    /// "dozens", "thousands".
    Vague,
    /// Any other count or amount.
    Amount,
}

/// A number found, with what it counts.
#[derive(Debug, Clone)]
struct Num {
    /// `key` is the number as a value: "06:00" and "0600" are one, so are "£120m" and
    /// "£120 million".
    found: Found,
    /// The value with its kind: different for "1990" and "the 1990s", or "5th" and "5"
    /// (units are compared apart, see `cancel_numbers`).
    value: String,
    kind: NumKind,
    /// The unit or word attached to a numeral ("km" in "11km", "year-old" in
    /// "34-year-old"): numbers with different ones are not one quantity.
    unit: Option<String>,
    /// The unit attached, or else the words of the next two that may name what the
    /// number counts, up to a function word or a number, lower-cased, a plural `s`
    /// dropped: "fire", "engine" in "26 fire engines were", nothing in "19 on Tuesday".
    things: Vec<String>,
}

impl Num {
    /// Whether nothing says the two count different things: one of them names nothing,
    /// or they name a thing in common ("20 engines" and "26 fire engines", not "nine
    /// days" and "eight people").
    fn may_count_the_same(&self, other: &Num) -> bool {
        self.things.is_empty()
            || other.things.is_empty()
            || self.things.iter().any(|t| other.things.contains(t))
    }

    /// The one word for what it counts, when there is one ("people" in "20 people",
    /// "km" in "11km", "%" in "3.5%"; none in "19 on Tuesday").
    fn noun(&self) -> Option<String> {
        self.things.first().cloned()
    }

    /// The kind, for kinds that may pair with each other when they count the same thing
    /// ("dozens of people" → "60 people", "2000 homes" → "2,500 homes").
    fn loose_kind(&self) -> bool {
        matches!(self.kind, NumKind::Amount | NumKind::Year | NumKind::Vague)
    }
}

/// Numbers as written: numerals ("23", "1,200", "3.5", "8:40", "11km", "5th"), number
/// words (one to twenty, the tens, "dozens", "hundreds"), with a scale word after them
/// kept with them ("2 million", "two hundred"). In text order.
fn numbers(s: &str) -> Vec<Num> {
    let toks = tokens(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match number_at(s, &toks, i) {
            Some((num, end)) => {
                out.push(num);
                i = end + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// The number that begins at token `i` of `s`, and the index of its last token.
fn number_at(s: &str, toks: &[Token], i: usize) -> Option<(Num, usize)> {
    let first = number_key(toks[i].text)?;
    // "one of the" is a pronoun, no count.
    if toks[i].lower() == "one"
        && toks.get(i + 1).is_some_and(|t| t.text == " ")
        && toks.get(i + 2).is_some_and(|t| t.lower() == "of")
    {
        return None;
    }
    let w = Written::read(toks, i, first);
    // "74th-minute": the suffix "th" and the word "minute".
    let (suffix, tail) = w.unit.split_once('-').unwrap_or((w.unit.as_str(), ""));
    let (kind, key) = kind_and_key(toks, i, &w, suffix);
    let (unit, things) = counted(toks, w.end, suffix, tail);
    let range = toks[i].at..toks[w.end].end();
    let decade = if suffix == "s" { "s" } else { "" };
    let num = Num {
        value: format!("{key}{decade} {kind:?}"),
        found: Found {
            text: s[range.clone()].to_string(),
            range,
            key,
        },
        kind,
        unit,
        things,
    };
    Some((num, w.end))
}

/// A number's tokens as written, before it is classified.
struct Written {
    /// The values of its words: "2", "million"; "8:40" is one.
    keys: Vec<String>,
    /// The letters attached to its (last) numeral, lower-cased: "km", "pm", "year-old".
    unit: String,
    /// Hours and minutes ("8:40").
    time: bool,
    /// Index of its last token.
    end: usize,
}

impl Written {
    /// Reads on from token `i` (whose value is `first`): minutes after a colon ("8:40")
    /// and scale words ("2 million") belong to the number, and so does a scale in its
    /// unit ("£120m" is "£120 million").
    fn read(toks: &[Token], i: usize, first: String) -> Self {
        let mut unit = numeral(toks[i].text).map(|(_, u)| u).unwrap_or_default();
        let mut keys = vec![first];
        let mut time = false;
        let mut end = i;
        loop {
            // "8:40"
            if toks.get(end + 1).is_some_and(|t| t.text == ":")
                && unit.is_empty()
                && numeral(toks[end].text).is_some()
                && let Some((minutes, u)) = toks.get(end + 2).and_then(|t| numeral(t.text))
            {
                let last = keys.last_mut().expect("keys start with one");
                last.push(':');
                last.push_str(&minutes);
                unit = u;
                time = true;
                end += 2;
                continue;
            }
            // "2 million"
            if toks.get(end + 1).is_some_and(|t| t.text == " ")
                && toks
                    .get(end + 2)
                    .is_some_and(|t| NUMBER_SCALES.contains(&t.lower().as_str()))
            {
                keys.push(toks[end + 2].lower());
                end += 2;
                continue;
            }
            break;
        }
        if let Some((_, scale)) = SCALE_SUFFIXES.iter().find(|(u, _)| *u == unit) {
            keys.push(scale.to_string());
            unit.clear();
        }
        Written {
            keys,
            unit,
            time,
            end,
        }
    }
}

/// The kind of a number written `w` (beginning at token `i`, `suffix` the letters on its
/// numeral), and its key: its words' values, or for a time its 24-hour digits.
fn kind_and_key(toks: &[Token], i: usize, w: &Written, suffix: &str) -> (NumKind, String) {
    let key = w.keys.join(" ");
    let digits_only = |k: &str| -> String { k.chars().filter(char::is_ascii_digit).collect() };
    let four_digits = key.len() == 4 && digits_only(&key) == key;
    // "1430 GMT"
    let zone = toks.get(w.end + 1).is_some_and(|t| t.text == " ")
        && toks
            .get(w.end + 2)
            .is_some_and(|t| TIME_ZONES.contains(&t.text));
    if w.time || matches!(suffix, "am" | "pm") || (four_digits && (key.starts_with('0') || zone)) {
        return (NumKind::Time, clock_key(&digits_only(&key), suffix));
    }
    let kind = if matches!(suffix, "st" | "nd" | "rd" | "th") {
        NumKind::Ordinal
    } else if key.contains('-') {
        NumKind::Range
    } else if ["dozens", "hundreds", "thousands", "millions", "billions"].contains(&key.as_str()) {
        NumKind::Vague
    } else if (four_digits
        && matches!(suffix, "" | "s")
        // "1,950 people" is no year.
        && !toks[i].text.contains(',')
        && key.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y)))
        // "the 90s"
        || (suffix == "s" && key.len() == 2 && key.ends_with('0'))
    {
        NumKind::Year
    } else {
        NumKind::Amount
    };
    (kind, key)
}

/// A time's key as 24-hour digits, so times compare across formats: "0600" is "06:00",
/// "4pm" is "16:00". `digits` are the time's digits, `suffix` its "am" or "pm" if any.
fn clock_key(digits: &str, suffix: &str) -> String {
    let (h, m) = match digits.len() {
        0..=2 => (digits, "00"),
        n => digits.split_at(n - 2),
    };
    let mut h: u32 = h.parse().unwrap_or(0);
    match suffix {
        "pm" if h < 12 => h += 12,
        "am" if h == 12 => h = 0,
        _ => {}
    }
    format!("{h}{m} h")
}

/// What a number ending at token `end` counts: its unit (the word attached, `tail`, or a
/// unit `suffix`; a per cent sign or words after it) and its things (the unit, or else up
/// to two words after it, "of" skipped, up to a function word or a number, a plural `s`
/// dropped: "fire", "engine" in "26 fire engines were").
fn counted(toks: &[Token], end: usize, suffix: &str, tail: &str) -> (Option<String>, Vec<String>) {
    let attached = if !tail.is_empty() {
        tail
    } else if ["", "st", "nd", "rd", "th", "s", "am", "pm"].contains(&suffix) {
        ""
    } else {
        suffix
    };
    let mut unit = (!attached.is_empty()).then(|| attached.to_string());
    // The next two words, "of" skipped ("20 fire engines", "12 of the rebels").
    let mut next = Vec::new();
    let mut k = end + 1;
    while next.len() < 2
        && toks.get(k).is_some_and(|t| t.text == " ")
        && let Some(t) = toks.get(k + 1).filter(|t| t.is_word())
    {
        let w = strip_possessive(t.text).to_lowercase();
        if w != "of" {
            next.push(w);
        }
        k += 2;
    }
    let per_cent = toks.get(end + 1).is_some_and(|t| t.text == "%")
        || next.first().is_some_and(|w| w == "percent")
        || next == ["per", "cent"];
    if per_cent {
        unit = Some("%".to_string());
    }
    let things = if let Some(u) = &unit {
        vec![u.clone()]
    } else {
        next.iter()
            .take_while(|w| number_key(w).is_none() && !NOT_THINGS.contains(&w.as_str()))
            .map(|w| w.strip_suffix('s').unwrap_or(w).to_string())
            .collect()
    };
    (unit, things)
}

/// A numeral word split up: its digits (commas dropped; "6-5" kept whole) and the
/// letters attached after them, lower-cased ("km", "th", "year-old", "th-minute"). `None`
/// when the word is no numeral.
fn numeral(word: &str) -> Option<(String, String)> {
    let w = strip_possessive(word);
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let split = w
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(w.len());
    let (digits, rest) = w.split_at(split);
    let digits = digits.replace(',', "");
    if rest.is_empty() {
        return Some((digits, String::new()));
    }
    // "6-5", "2014-15": a score or a range, one value as written.
    if let Some(r) = rest.strip_prefix('-')
        && r.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some((w.replace(',', ""), String::new()));
    }
    // "34-year-old", "11km", "74th-minute": letters, a known suffix or a hyphen first.
    let letters = rest.find('-').map_or(rest, |h| &rest[..h]);
    let lower = letters.to_lowercase();
    let one_case = letters == lower || letters == letters.to_uppercase();
    if !(letters.is_empty() || one_case && SUFFIXES.contains(&lower.as_str())) {
        return None;
    }
    if letters.chars().any(|c| !c.is_ascii_alphabetic()) {
        return None;
    }
    Some((digits, rest.to_lowercase()))
}

/// The value a number word or numeral stands for, for comparing: "1,200" and "1200" are
/// the same, so are "twelve" and "12".
pub(super) fn number_key(word: &str) -> Option<String> {
    if let Some((digits, _)) = numeral(word) {
        return Some(digits);
    }
    if !word.starts_with(char::is_alphabetic) {
        return None;
    }
    if word.is_ascii() {
        // Most tokens are words of copy: compared without a lower-cased copy.
        let named = |p: &str| NUMBER_WORDS.iter().find(|(n, _)| n.eq_ignore_ascii_case(p));
        if let Some((_, v)) = named(word) {
            return Some(v.to_string());
        }
        if !word.contains('-') {
            return None;
        }
    }
    let w = word.to_lowercase();
    if let Some((_, v)) = NUMBER_WORDS.iter().find(|(n, _)| *n == w) {
        return Some(v.to_string());
    }
    // "twenty-one"
    let parts: Vec<&str> = w.split('-').collect();
    if parts.len() > 1 {
        let mut sum = 0u64;
        for p in parts {
            let (_, v) = NUMBER_WORDS.iter().find(|(n, _)| *n == p)?;
            sum += v.parse::<u64>().ok()?;
        }
        return Some(sum.to_string());
    }
    None
}

/// Words that qualify a number ("at least 50", "as many as 50", "an estimated 50"): when
/// the number changed, so did they, and they are no change of wording of their own.
const QUALIFIERS: &[&str] = &[
    "at",
    "least",
    "most",
    "more",
    "than",
    "about",
    "nearly",
    "almost",
    "around",
    "over",
    "some",
    "roughly",
    "approximately",
    "up",
    "to",
    "fewer",
    "less",
    "under",
    "only",
    "just",
    "as",
    "many",
    "much",
    "an",
    "estimated",
    "a",
];

/// Words after a number that do not name what it counts ("20 were", "five in recent
/// weeks").
const NOT_THINGS: &[&str] = &[
    "and", "or", "but", "nor", "the", "a", "an", "of", "with", "to", "in", "on", "at", "by", "for",
    "from", "as", "into", "per", "than", "since", "after", "before", "during", "over", "under",
    "until", "when", "while", "ago", "who", "which", "that", "this", "these", "those", "his",
    "her", "their", "its", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
    "would", "more", "most", "other", "last", "earlier", "later", "each",
];

/// Letters that may follow a numeral in the same word: ordinals ("5th"), decades
/// ("1990s"), times ("4pm"), scales ("4.5bn") and short units ("11km", "90ft", "255.7p").
/// Anything else ("2tIzceM", a link shortener's code) makes the word no number.
const SUFFIXES: &[&str] = &[
    "st", "nd", "rd", "th", "s", "am", "pm", "k", "m", "bn", "b", "tn", "km", "cm", "mm", "kg",
    "g", "mg", "lb", "lbs", "oz", "ft", "mi", "mph", "kph", "kmh", "ha", "p", "c", "f", "kw", "mw",
    "gw", "kwh", "gb", "mb", "tb", "yr", "yrs", "x", "hr", "hrs", "h", "min", "mins",
];

/// Suffixes that are a scale ("£120m" is "£120 million").
const SCALE_SUFFIXES: &[(&str, &str)] = &[
    ("k", "thousand"),
    ("m", "million"),
    ("bn", "billion"),
    ("b", "billion"),
    ("tn", "trillion"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Class;
    use crate::classify::test_support::*;

    #[test]
    fn death_toll_update_is_a_number_change() {
        let c = pair(
            "The death toll in Aleppo rose to 23, activists said.",
            "The death toll in Aleppo rose to at least 50, activists said.",
        );
        assert_eq!(classes(&c), [Class::Number]);
        assert_eq!(changes(&c, Class::Number), [(Some("23"), Some("50"))]);
    }

    #[test]
    fn numbers_pair_in_order_and_keep_their_written_form() {
        let c = pair(
            "Mr. Ellery said 40 people had been taken to hospital, and twelve were missing.",
            "Mr. Ellery said 1,200 people had been taken to hospital, and 15 were missing.",
        );
        assert_eq!(
            changes(&c, Class::Number),
            [(Some("40"), Some("1,200")), (Some("twelve"), Some("15"))]
        );
        // A number written another way is no change of number.
        let c = pair(
            "Officials said twelve homes were destroyed by the blaze.",
            "Officials said 12 homes were destroyed by the blaze overnight.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        assert!(classes(&c).contains(&Class::Wording));
    }

    #[test]
    fn url_code_is_not_a_number() {
        let c = pair(
            "Read the full statement at indy.st/2tIzceM, the council said.",
            "Read the full statement at indy.st/2uMpdG0, the council said.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "More on the ruling, which the judges signed, at bit.ly/2rrhjML on Monday.",
            "More on the ruling, which 25 judges signed, on Monday.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        // A numeral with a short unit is still a number.
        let n: Vec<String> =
            numbers("11km, the 5th, the 1990s, 3.5%, $4.5bn, a 34-year-old, 2.30pm")
                .into_iter()
                .map(|n| n.found.text)
                .collect();
        assert_eq!(
            n,
            [
                "11km",
                "5th",
                "1990s",
                "3.5",
                "4.5bn",
                "34-year-old",
                "2.30pm"
            ]
        );
    }

    #[test]
    fn same_time_in_another_format_is_no_number_change() {
        let c = pair(
            "The curfew ends at 0600 local time, officials said.",
            "The curfew ends at 06:00 local time, officials said.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        for (old, new) in [
            ("4pm", "16:00"),
            ("12am", "0000 GMT"),
            ("1430 GMT", "14:30 GMT"),
        ] {
            let c = pair(
                &format!("The market closed at {old} on Friday."),
                &format!("The market closed at {new} on Friday."),
            );
            assert!(
                !classes(&c).contains(&Class::Number),
                "{old} → {new}: {c:?}"
            );
        }
    }

    /// Review finding: values were compared without their am/pm or decade, so a
    /// corrected time or period was no number change.
    #[test]
    fn a_corrected_time_or_period_is_a_number_change() {
        for (old, new) in [
            ("The blast happened at 4am.", "The blast happened at 4pm."),
            (
                "The blast happened at 8:30am.",
                "The blast happened at 8:30pm.",
            ),
            (
                "The law was passed in 1990.",
                "The law was passed in the 1990s.",
            ),
        ] {
            let c = pair(old, new);
            assert!(classes(&c).contains(&Class::Number), "{old} → {new}: {c:?}");
        }
    }

    #[test]
    fn numbers_with_a_comma_are_no_years_and_the_90s_are_a_decade() {
        let kinds = |s: &str| numbers(s).into_iter().map(|n| n.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds("1,950 people in 1950"),
            [NumKind::Amount, NumKind::Year]
        );
        assert_eq!(kinds("the 90s"), [NumKind::Year]);
    }

    #[test]
    fn same_number_with_another_word_attached_is_no_number_change() {
        let c = pair(
            "Police said a 34-year-old man was arrested at the scene.",
            "Police said a 34-year veteran of the force was arrested at the scene.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "Shares fell after the company lost £120m in the quarter.",
            "Shares fell after the company lost £120 million in the quarter.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
    }

    #[test]
    fn unrelated_leftover_numbers_are_not_paired() {
        // The aleppo sample: "four besieged areas" and "Thousands of people".
        let c = pair(
            "BEIRUT Evacuations from four besieged areas of Syria resumed on Wednesday, state television reported.",
            "BEIRUT Thousands of people were evacuated from besieged areas of Syria on Wednesday, state television reported.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "The protest began at 18:00 outside the parliament building in the capital.",
            "The protest outside the parliament building drew 2.3 million people in the capital.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "About 5,800 people have fled the town, the agency said on Monday.",
            "People have fled the town since 2015, the agency said on Monday.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        // The same kind of quantity of the same thing is still paired.
        let c = pair(
            "Rescuers said 20 people were killed in the blast on Monday in the north.",
            "On Monday rescuers said in the north that 25 people were killed in the blast.",
        );
        assert_eq!(changes(&c, Class::Number), [(Some("20"), Some("25"))]);
        // Numbers with different units attached are not one quantity.
        let c = pair(
            "The 43-year-old driver was arrested near the 39-acre site on Friday.",
            "The driver was arrested near the 16-hectare site on Friday, 25 minutes later.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
    }

    #[test]
    fn numbers_in_one_change_pair_by_what_they_count() {
        let c = pair(
            "The FTSE 100 index was down 30.0 points, or 0.51%, at 5,881.5.",
            "The FTSE 100 index closed up 1.3%, or 78.9 points, at 5,990.3.",
        );
        assert_eq!(
            changes(&c, Class::Number),
            [
                (Some("30.0"), Some("78.9")),
                (Some("0.51"), Some("1.3")),
                (Some("5,881.5"), Some("5,990.3"))
            ]
        );
    }

    #[test]
    fn one_of_is_no_number() {
        // "one of which" is a pronoun, not a count to pair with "six".
        let c = pair(
            "The road was shut on Monday after several vehicles collided, one of which caught fire.",
            "The road was shut on Monday after several vehicles collided near junction six.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        assert!(
            numbers("One of the four men")
                .iter()
                .all(|n| n.found.text != "One")
        );
    }

    #[test]
    fn a_per_cent_pairs_only_with_a_per_cent() {
        let c = pair(
            "The benchmark FTSE 100 opened down 40.49 points at 6,797.43.",
            "The FTSE 100 was down 50.03 points, or 0.7%, at 6,787.89.",
        );
        assert_eq!(
            changes(&c, Class::Number),
            [
                (Some("40.49"), Some("50.03")),
                (Some("6,797.43"), Some("6,787.89"))
            ]
        );
    }

    #[test]
    fn numbers_counting_different_things_are_not_paired() {
        let c = pair(
            "Three men carried out the vehicle and knife attack on the bridge nine days ago.",
            "Three men carried out the vehicle and knife attack on the bridge, killing eight people.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        let c = pair(
            "Officials said on Monday that 20 firefighters had been killed in the disaster.",
            "Officials said on Monday that 10 civilians were also killed in the disaster.",
        );
        assert!(!classes(&c).contains(&Class::Number), "{c:?}");
        // A word between the number and what it counts is no other thing.
        let c = pair(
            "The service said it was called at 20:50 and 20 engines were at the scene.",
            "The service said 26 fire engines had been at the scene since 20:30.",
        );
        assert_eq!(
            changes(&c, Class::Number),
            [(Some("20:50"), Some("20:30")), (Some("20"), Some("26"))]
        );
    }

    #[test]
    fn finds_numbers() {
        let n: Vec<String> =
            numbers("About 2 million people, 8:40 a.m., twenty-one dead and dozens hurt")
                .into_iter()
                .map(|n| format!("{}={}", n.found.text, n.found.key))
                .collect();
        assert_eq!(
            n,
            [
                "2 million=2 million",
                "8:40=840 h",
                "twenty-one=21",
                "dozens=dozens"
            ]
        );
    }
}
