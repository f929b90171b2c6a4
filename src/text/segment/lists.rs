//! The word lists of the segmenter: what a copy editor knows about where a sentence does
//! not end (titles before names, abbreviations before numbers, initials, acronyms,
//! datelines) and where it does (sentence starters, speech tags). Each list says which
//! rule uses it and why it holds.

/// Titles that stand before a name and never end a sentence there: `Mr. Lavrov`,
/// `the Rev. Federico`, `St. Louis`, `Gen. "Mad Dog" Mattis`. They keep the sentence going
/// when a capital follows.
///
/// Not [`lexicon::TITLES`](crate::text::lexicon::TITLES), the classifier's titles: this
/// list is about abbreviations with a point, so it has plurals and rarer ones (`Messrs`,
/// `Fr`, `Mt`) and lacks `Sir`; merging the two would change what both stages do.
pub(super) const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Gov", "Govs", "Sen", "Sens", "Rep", "Reps",
    "Gen", "Gens", "Lt", "Col", "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Maj", "Cmdr", "Cdr",
    "Brig", "Prof", "Rev", "Msgr", "Fr", "Hon", "Pres", "Supt", "Atty", "Insp", "Det", "Ald",
    "Amb", "Sec", "Treas", "Sra", "Mme", "Mlle", "St", "Ste", "Mt", "Ft", "Pt",
];

/// `v.` and `vs.` stand between two parties (`Roe v. Wade`, `Brazil vs. Germany`), so they
/// never end a sentence.
pub(super) const VERSUS: &[&str] = &["v", "vs"];

/// Abbreviations that are followed by a number (`Jan. 5`, `No. 3`, `pp. 12`). Before a
/// number they never end a sentence; before anything else they may (`... on Jan. 25.`
/// ends with `25.`, not with `Jan.`).
pub(super) const BEFORE_NUMBERS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "Nos", "Vol", "pp", "p", "Art", "Sec", "Ch", "Fig", "Op", "Rt", "Hwy", "Ave", "Rd",
];

/// Abbreviations that often do end a sentence (`... a deal with Boeing Co. The company`),
/// so they keep it going only when a lowercase word, a number or a bracketed gloss follows:
/// `Boeing Co. will`, `Trump Jr. (left)`, `i.e. it is`, `approx. 40`.
pub(super) const SOFT_ABBREVIATIONS: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Bros", "LLC", "plc", "etc", "e.g", "i.e", "cf",
    "approx", "est",
];

/// Words that continue a name after its `Jr.` or `Sr.`: what is named after a person
/// (`Martin Luther King Jr. Day`, `... Jr. Boulevard`). Before other capitalised words the
/// suffix ends the sentence (`... with Cal Ripken Jr. The two ...`).
pub(super) const AFTER_NAME_SUFFIX: &[&str] = &[
    "Day",
    "Boulevard",
    "Blvd",
    "Drive",
    "Avenue",
    "Street",
    "Parkway",
    "Highway",
    "Memorial",
    "High",
    "Elementary",
    "Middle",
    "Library",
    "Center",
    "Centre",
    "Bridge",
    "Airport",
    "Holiday",
    "Park",
    "Stadium",
    "Hall",
    "Building",
    "Federal",
    "Institute",
    "Foundation",
];

/// Place abbreviations among [`TITLES`]: `St.` is a saint before a name (`St. Louis`) but a
/// street at the end of an address (`on Main St. The house ...`), and so on for the others.
pub(super) const PLACE_TITLES: &[&str] = &["St", "Ste", "Mt", "Ft", "Pt"];

/// Words that a single capital labels rather than begins a name after: `vitamin D`,
/// `Plan B`, `Group C`, `Proposition C` on a ballot, `Terminal 2`'s letter cousins. An initial after one of them ends
/// the sentence before a capital (`Take vitamin D. Experts say ...`), while one after a
/// first name goes on (`Harry S. Truman`).
pub(super) const LABEL_WORDS: &[&str] = &[
    "vitamin",
    "plan",
    "type",
    "grade",
    "class",
    "category",
    "section",
    "group",
    "gate",
    "terminal",
    "wing",
    "block",
    "level",
    "tier",
    "option",
    "hepatitis",
    "exhibit",
    "appendix",
    "pool",
    "round",
    "stage",
    "phase",
    "unit",
    "building",
    "schedule",
    "part",
    "model",
    "proposition",
    "prop",
    "measure",
];

/// Words besides [`CALENDAR_WORDS`] that follow `a.m.`/`p.m.` inside a sentence (`5 p.m.
/// EDT`). Before any other capitalised word the time ends the sentence (`at around 7:20
/// a.m. He says`). Lowercase words (`a.m. local time`) need no list: they never open a
/// sentence.
///
/// Its zones are fewer than [`TIME_ZONES`](crate::text::lexicon::TIME_ZONES) (no `CET`,
/// `MST`, `IST`, ...) and it has words that are no zones: one merged list would change
/// where sentences end after `a.m.`/`p.m.`, so the two stay apart.
pub(super) const AFTER_TIME: &[&str] = &[
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "PT", "PST", "PDT", "GMT", "BST", "UTC",
    "Eastern", "Central", "Pacific", "Mountain", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// Words that continue a name after a dotted acronym used as an adjective: `U.S. Department
/// of Justice`, `the U.N. Security Council`, `U.S. District Judge`, `D.C. Fire and
/// Emergency`. Before other capitalised words a dotted acronym ends the sentence, as it does
/// in `the Kurdistan Workers' Party, or P.K.K. Hundreds have died`.
pub(super) const AFTER_ACRONYM: &[&str] = &[
    "President",
    "Vice",
    "Secretary",
    "Secretary-General",
    "State",
    "Department",
    "Embassy",
    "Ambassador",
    "Envoy",
    "Mission",
    "Army",
    "Navy",
    "Air",
    "Marine",
    "Marines",
    "Coast",
    "Forces",
    "Central",
    "Command",
    "Special",
    "Senate",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "House",
    "Congress",
    "Capitol",
    "District",
    "Circuit",
    "Court",
    "Supreme",
    "Justice",
    "Attorney",
    "Census",
    "Geological",
    "Immigration",
    "Customs",
    "Border",
    "Treasury",
    "Commerce",
    "Trade",
    "Security",
    "General",
    "Assembly",
    "Council",
    "Commission",
    "Commissioner",
    "High",
    "Human",
    "Agency",
    "Director",
    "Chairman",
    "Olympic",
    "Open",
    "Fire",
    "Police",
    "Metro",
];

/// Words that commonly open a sentence. After a single initial they mean the full stop
/// really ended the sentence (`... Plan B. The next day ...`); before anything else an
/// initial is followed by the rest of a name (`Sergey V. Lavrov`).
pub(super) const SENTENCE_STARTERS: &[&str] = &[
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

/// Verbs of a speech tag after a quoted question or exclamation (`"Why?" Maria Ortiz
/// asked.`). More than [`SAY_VERBS`](crate::text::lexicon::SAY_VERBS): questions are
/// asked, wondered and demanded, exclamations shouted and cried.
pub(super) const SPEECH_TAG_VERBS: &[&str] = &[
    "asked",
    "asks",
    "said",
    "says",
    "wondered",
    "wonders",
    "shouted",
    "shouts",
    "yelled",
    "cried",
    "screamed",
    "exclaimed",
    "demanded",
    "replied",
    "added",
    "told",
    "tells",
    "recalled",
    "joked",
    "pleaded",
    "whispered",
    "chanted",
    "wrote",
    "tweeted",
    "continued",
    "insisted",
    "countered",
    "marveled",
    "marvelled",
    "mused",
    "quipped",
    "cheered",
];

/// Words that may follow the verb of a speech tag before the tag ends: its object, a
/// short adverbial (`asked reporters.`, `told the BBC.`, `said on Tuesday.`) or a short
/// clause of time (`asked as she waited for a bus.`). Anything else after the verb (`told
/// the Telegraph she would ...`, `said no.`) is a sentence of its own.
pub(super) const SPEECH_TAG_TAILS: &[&str] = &[
    "reporters",
    "her",
    "him",
    "them",
    "me",
    "us",
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "later",
    "then",
    "again",
    "quietly",
    "softly",
    "loudly",
    "aloud",
    "angrily",
    "to",
    "from",
    "of",
    "outside",
    "today",
    "yesterday",
    "tonight",
    "as",
    "while",
];

/// How many words a speech tag may have before its verb (`Justice Minister Lucy Frazer QC
/// asked`), and after it (`told the BBC on Tuesday.`).
pub(super) const SPEECH_TAG_WORDS: usize = 7;

/// Marks that may open a sentence or a word before its first letter: English quotes and
/// brackets, French `«` and `‹`, German `„`, `‚` and the inward `»`, `›`, and Chinese and
/// Japanese `「`, `『`, `（`.
pub(super) const OPENERS: &[char] = &[
    '(', '[', '"', '“', '‘', '\'', '«', '‹', '„', '‚', '»', '›', '「', '『', '（',
];

/// Marks that may close a sentence after its final punctuation, in English, French, German
/// (`“`, `‘`, and the inward `«`, `‹`), Chinese and Japanese.
pub(super) const CLOSERS: &[char] = &[
    ')', ']', '"', '”', '’', '\'', '»', '›', '«', '‹', '“', '‘', '」', '』', '）',
];

/// Marks that close a quotation or a bracket and never open one when they stand alone
/// after a sentence's end: English closing quotes (and the straight ones, which NewsEdits
/// and scrapers leave detached), French `»` and `›` (set apart by a space or a no-break
/// space), Chinese and Japanese closing brackets; and the dots of a detached ellipsis.
/// `»` opens German quotations (`»Wir gehen.«`), but there it is never followed by a space.
pub(super) const STRAY_CLOSERS: &[char] = &[
    '.', '…', '"', '”', '\'', '’', '`', '»', '›', '」', '』', '）', '】', '》', '〉', '〕',
];

/// How far the quotation rule looks on either side of a `?` or `!`, in bytes; it is
/// about short quotations (slogans, chants), and this bounds its cost.
pub(super) const QUOTE_REACH: usize = 120;

/// Chinese and Japanese sentence ends: full stop, exclamation and question marks.
pub(super) const CJK_STOPS: &[char] = &['。', '！', '？'];

/// Marks that close a quotation or bracket in Chinese and Japanese copy, after its
/// sentence end: `。」`, `！”`, `。）`.
pub(super) const CJK_CLOSERS: &[char] = &['」', '』', '）', '”', '’', '】', '》', '〉', '〕', ')'];

/// Marks that open a quotation or bracket in Chinese and Japanese copy (and the ASCII
/// brackets its writers use too): after a sentence end they start the next sentence.
pub(super) const CJK_OPENERS: &[char] =
    &['「', '『', '（', '“', '‘', '【', '《', '〈', '〔', '(', '['];

/// How far a Japanese quotation is followed on either side of a candidate boundary inside
/// it, in bytes (three to a character): a long quotation's worth.
pub(super) const CJK_QUOTE_REACH: usize = 1500;

/// How far back a detached closing mark looks for the mark it closes (`„` for `“`), in
/// bytes: a long sentence's worth.
pub(super) const PAIR_REACH: usize = 1000;
