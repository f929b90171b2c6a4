//! Word lists: facts about English and about news copy (the days and months, number
//! words, titles, verbs of attribution, function words).
//!
//! A list lives here when it says something true of the language or of news style, not
//! when it tunes one rule: a rule's own list (which words end a speaker phrase, which glue
//! a change to its sentence) stays beside its rule. Where two stages need lists that look
//! alike but differ, both are kept and each says why: merging them would change what one
//! of the stages does.

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

/// Abbreviations of months and weekdays as news copy writes them (`Jan. 5`, `Tue.`):
/// dates, never names.
pub const CALENDAR_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
];

/// Demonyms, singular (a plural is the word with `s`): words for peoples and what is
/// theirs (`Russians`, `Chinese`, `British`). They are capitalised but name no one, so
/// the `names` class leaves them out.
pub const DEMONYMS: &[&str] = &[
    "Afghan",
    "African",
    "Albanian",
    "Algerian",
    "American",
    "Arab",
    "Argentine",
    "Argentinian",
    "Armenian",
    "Asian",
    "Australian",
    "Austrian",
    "Azerbaijani",
    "Bangladeshi",
    "Belarusian",
    "Belgian",
    "Bolivian",
    "Bosnian",
    "Brazilian",
    "British",
    "Briton",
    "Bulgarian",
    "Burmese",
    "Cambodian",
    "Canadian",
    "Chilean",
    "Chinese",
    "Colombian",
    "Congolese",
    "Croatian",
    "Cuban",
    "Czech",
    "Danish",
    "Dutch",
    "Ecuadorian",
    "Egyptian",
    "Emirati",
    "English",
    "Eritrean",
    "Estonian",
    "Ethiopian",
    "European",
    "Filipino",
    "Finnish",
    "French",
    "Georgian",
    "German",
    "Ghanaian",
    "Greek",
    "Haitian",
    "Hungarian",
    "Icelandic",
    "Indian",
    "Indonesian",
    "Iranian",
    "Iraqi",
    "Irish",
    "Israeli",
    "Italian",
    "Jamaican",
    "Japanese",
    "Jordanian",
    "Kazakh",
    "Kenyan",
    "Korean",
    "Kurd",
    "Kurdish",
    "Kuwaiti",
    "Latvian",
    "Lebanese",
    "Libyan",
    "Lithuanian",
    "Malaysian",
    "Mexican",
    "Moldovan",
    "Mongolian",
    "Moroccan",
    "Nepali",
    "Nigerian",
    "Norwegian",
    "Omani",
    "Pakistani",
    "Palestinian",
    "Peruvian",
    "Polish",
    "Portuguese",
    "Qatari",
    "Romanian",
    "Russian",
    "Rwandan",
    "Saudi",
    "Scot",
    "Scottish",
    "Serb",
    "Serbian",
    "Slovak",
    "Slovenian",
    "Somali",
    "Spanish",
    "Sudanese",
    "Swedish",
    "Swiss",
    "Syrian",
    "Taiwanese",
    "Thai",
    "Tibetan",
    "Tunisian",
    "Turk",
    "Turkish",
    "Ugandan",
    "Ukrainian",
    "Uzbek",
    "Venezuelan",
    "Vietnamese",
    "Welsh",
    "Yemeni",
    "Zimbabwean",
];

/// Number words and the value each stands for, for comparing a number written in words
/// with one in digits ("twelve" and "12"). Words that name no exact value ("dozens",
/// "million" on its own) stand for themselves.
pub const NUMBER_WORDS: &[(&str, &str)] = &[
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("thirteen", "13"),
    ("fourteen", "14"),
    ("fifteen", "15"),
    ("sixteen", "16"),
    ("seventeen", "17"),
    ("eighteen", "18"),
    ("nineteen", "19"),
    ("twenty", "20"),
    ("thirty", "30"),
    ("forty", "40"),
    ("fifty", "50"),
    ("sixty", "60"),
    ("seventy", "70"),
    ("eighty", "80"),
    ("ninety", "90"),
    ("hundred", "100"),
    ("thousand", "1000"),
    ("million", "million"),
    ("billion", "billion"),
    ("trillion", "trillion"),
    ("dozen", "12"),
    ("dozens", "dozens"),
    ("hundreds", "hundreds"),
    ("thousands", "thousands"),
    ("millions", "millions"),
    ("billions", "billions"),
];

/// Words that join the number before them ("2 million", "two hundred").
pub const NUMBER_SCALES: &[&str] = &[
    "hundred", "thousand", "million", "billion", "trillion", "dozen",
];

/// Time zones written after a time ("1430 GMT"), as news copy abbreviates them.
pub const TIME_ZONES: &[&str] = &[
    "GMT", "BST", "UTC", "CET", "CEST", "EET", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST",
    "MDT", "PT", "PST", "PDT", "IST", "JST", "AEST", "AEDT", "GST",
];

/// Verbs of attribution: how news copy says who said something ("said", "told",
/// "warned"), in the tenses it uses; questions are attributed too (`"Are we safe?" one
/// resident asked`).
pub const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "asked",
    "asks",
    "replied",
    "wondered",
    "shouted",
    "added",
    "adds",
    "stated",
    "announced",
    "wrote",
    "reported",
    "confirmed",
    "claimed",
    "insisted",
    "warned",
    "noted",
    "argued",
    "explained",
    "acknowledged",
];

/// Forms of "to be", lower-case. Before a verb of attribution they make it passive ("was
/// said to be", "were added"), which names no speaker.
pub const FORMS_OF_BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

/// Titles written before a name ("Mr", "Gen", "Sir"), without their point: a title is no
/// name of its own, and "Mr." belongs to the name after it.
///
/// Not the segmenter's list of abbreviated titles (`segment::TITLES`): that one is about
/// where a sentence may end after a point, so it has plurals and rarer abbreviations
/// ("Messrs", "Fr", "Mt", "Pt") and lacks "Sir", which is never abbreviated. One merged
/// list would stop "Fr" or "Mt" from counting as names in the classifier, and make "Sir."
/// keep a sentence going in the segmenter.
pub const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Gen", "Lt", "Col", "Sgt", "Capt", "Rev", "Sen", "Rep",
    "Gov", "Maj", "Adm", "Cmdr", "Insp", "Supt", "Det", "St",
];

/// Lower-case words that may join the capitalised words of one name ("Bank of England",
/// "Staffan de Mistura", "Ludwig van Beethoven").
pub const NAME_JOINERS: &[&str] = &[
    "of", "de", "la", "le", "van", "von", "der", "den", "al", "bin", "da", "du", "del",
];
