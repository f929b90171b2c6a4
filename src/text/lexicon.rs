//! Word lists: facts about English news copy that more than one stage relies on.
//!
//! A list lives here when it says something true of the language or of news style (the
//! days and months, the function words), not when it tunes one rule; a rule's own list
//! stays beside its rule. Where two stages need lists that look alike but differ, both
//! are kept and each says why: merging them would change what one of the stages does.

/// Function words that carry no evidence that two sentences (or paragraphs) are versions
/// of each other: the aligner's content tokens and News Sniffer's paragraph likeness skip
/// them. Lower-case; `s` is the remnant of a possessive cut at its apostrophe.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with",
    "from", "as", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "it",
    "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their",
    "we", "our", "i", "you", "not", "no", "will", "would", "could", "can", "may", "also", "which",
    "who", "whom", "what", "there", "than", "then", "into", "about", "after", "over", "up", "out",
    "said", "says", "say", "s", "so", "if", "do", "did", "does", "all", "more", "some", "such",
    "one", "any", "had", "when", "while", "where", "how", "mr", "ms", "mrs",
];

/// The days of the week and the months: capitalised words that are no names and that
/// may follow a time inside a sentence. One list for the segmenter and the classifier.
pub const CALENDAR_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
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
];
