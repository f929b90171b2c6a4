//! Boilerplate: page-chrome paragraphs set aside before alignment, and reported.
//!
//! Saved pages, archives and copied text carry lines that belong to the page, not the
//! article: share prompts, "Last modified on …" stamps, "Reuse this content", newsletter
//! and cookie prompts, copyright lines. Left in, they show up as edits (a stamp changes
//! with every version) and raise classes (`number`). [`Boilerplate`] holds the built-in
//! list and the user's patterns (`--ignore REGEX`, `ignore = [...]` in `newsdiff.toml`);
//! [`Boilerplate::set_aside`] moves each matching paragraph out of its revision into
//! [`Revision::ignored`], with where it stood and why, so nothing is dropped silently.
//!
//! A paragraph is set aside whole, or not at all: when every non-blank line of it is
//! boilerplate. A sentence of article text that merely mentions a newsletter stays.
//! The built-in list was drawn from the 400 NewsEdits pairs in `../shared/corpus` (AP's
//! three copyright sentences appear 93–110 times each there) and from the page furniture
//! of the sites in it (Guardian, BBC, Reuters, AP, Independent, Washington Post).

use std::cell::RefCell;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{Article, ParagraphInput, Revision};
use crate::text::memo::{Memo, remember};

/// Why a paragraph was set aside: a built-in kind of page chrome, or a user's pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum IgnoreReason {
    /// "Share on Facebook", "Share this article", "Tweet", a row of share targets.
    SharePrompt,
    /// "Last modified on Tue 3 Mar 2020 10.00 GMT", "First published on …", "Updated: …".
    Timestamp,
    /// "Reuse this content", "Reprints and permissions".
    ReusePrompt,
    /// "Sign up to our newsletter", "Newsletter promotion".
    NewsletterPrompt,
    /// "We use cookies…", "Accept all cookies".
    CookiePrompt,
    /// "© 2020 Guardian News & Media", "Copyright 2016 The Associated Press.", "All
    /// rights reserved.", AP's "This material may not be published, …".
    Copyright,
    /// "Advertisement", "Skip advertisement", "Story continues below advertisement".
    Advertisement,
    /// A user's pattern matched every line.
    Pattern {
        /// The pattern as given.
        pattern: String,
    },
}

impl IgnoreReason {
    /// A short description for views (`share prompt`, `pattern ^Follow`).
    pub fn describe(&self) -> String {
        match self {
            IgnoreReason::SharePrompt => "share prompt".into(),
            IgnoreReason::Timestamp => "page timestamp".into(),
            IgnoreReason::ReusePrompt => "reuse prompt".into(),
            IgnoreReason::NewsletterPrompt => "newsletter prompt".into(),
            IgnoreReason::CookiePrompt => "cookie prompt".into(),
            IgnoreReason::Copyright => "copyright line".into(),
            IgnoreReason::Advertisement => "advertisement marker".into(),
            IgnoreReason::Pattern { pattern } => format!("pattern {pattern}"),
        }
    }
}

/// A paragraph set aside from a revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ignored {
    /// Its position among the paragraphs of the revision as read (0-based, counting the
    /// ones set aside), so the paragraphs as read can be put back in order (the white
    /// space around a paragraph set aside is not kept).
    pub paragraph: usize,
    /// The paragraph's text, exactly.
    pub text: String,
    /// Why it was set aside.
    #[serde(flatten)]
    pub reason: IgnoreReason,
}

/// What to set aside: the built-in list (on unless turned off) and user patterns.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    builtin: bool,
    patterns: Vec<Regex>,
}

impl Default for Boilerplate {
    /// The built-in list, no user patterns.
    fn default() -> Self {
        Boilerplate {
            builtin: true,
            patterns: Vec::new(),
        }
    }
}

impl Boilerplate {
    /// Nothing set aside at all (`--keep-boilerplate`).
    pub fn none() -> Self {
        Boilerplate {
            builtin: false,
            patterns: Vec::new(),
        }
    }

    /// Also sets aside paragraphs every line of which `pattern` matches (searched, as
    /// grep does: anchor it with `^`/`$` to match whole lines).
    ///
    /// # Errors
    /// The regex crate's error when `pattern` is not a valid regular expression.
    pub fn with_pattern(self, pattern: &str) -> Result<Self, regex::Error> {
        Ok(self.with_regex(Regex::new(pattern)?))
    }

    /// Also sets aside paragraphs every line of which `pattern` matches.
    pub fn with_regex(mut self, pattern: Regex) -> Self {
        self.patterns.push(pattern);
        self
    }

    /// The built-in list on or off.
    pub fn with_builtin(mut self, on: bool) -> Self {
        self.builtin = on;
        self
    }

    /// Whether anything can be set aside at all.
    pub fn is_empty(&self) -> bool {
        !self.builtin && self.patterns.is_empty()
    }

    /// Why `paragraph` is boilerplate, when every non-blank line of it is.
    pub fn reason(&self, paragraph: &str) -> Option<IgnoreReason> {
        let mut lines = paragraph.lines().map(str::trim).filter(|l| !l.is_empty());
        let first = self.line_reason(lines.next()?)?;
        lines
            .all(|l| self.line_reason(l).is_some())
            .then_some(first)
    }

    fn line_reason(&self, line: &str) -> Option<IgnoreReason> {
        if let Some(p) = self.patterns.iter().find(|p| p.is_match(line)) {
            return Some(IgnoreReason::Pattern {
                pattern: p.as_str().to_string(),
            });
        }
        self.builtin.then(|| builtin_reason(line)).flatten()
    }

    /// Moves the boilerplate paragraphs of every revision of `article` into its
    /// [`Revision::ignored`]; returns how many were set aside in all.
    pub fn set_aside(&self, article: &mut Article) -> usize {
        if self.is_empty() {
            return 0;
        }
        let mut count = 0;
        for rev in &mut article.revisions {
            count += self.set_aside_in(rev);
        }
        count
    }

    /// Sets the boilerplate of one revision aside; how many paragraphs it was. A revision
    /// that would be left with no paragraph keeps its text: an article that is all
    /// boilerplate by these rules is more likely a rule's mistake than a page.
    pub fn set_aside_in(&self, rev: &mut Revision) -> usize {
        let texts: Vec<&str> = rev.paragraph_texts().collect();
        let reasons: Vec<Option<IgnoreReason>> = texts.iter().map(|t| self.reason(t)).collect();
        let found = reasons.iter().filter(|r| r.is_some()).count();
        if found == 0 || found == texts.len() {
            return 0;
        }
        let separators: Vec<String> = rev.separators().into_iter().map(String::from).collect();
        let inputs = rev.to_paragraph_inputs();
        let mut kept: Vec<ParagraphInput> = Vec::new();
        let mut kept_seps = vec![separators[0].clone()];
        let mut ignored = Vec::new();
        for (i, (input, reason)) in inputs.into_iter().zip(reasons).enumerate() {
            match reason {
                Some(reason) => ignored.push(Ignored {
                    paragraph: i,
                    text: texts[i].to_string(),
                    reason,
                }),
                None => {
                    if !kept.is_empty() {
                        kept_seps.push(separators[i].clone());
                    }
                    kept.push(input);
                }
            }
        }
        kept_seps.push(separators.last().cloned().unwrap_or_default());
        let rebuilt = Revision::from_paragraphs(rev.version, kept, Some(kept_seps))
            .expect("paragraphs of a revision rebuild it");
        let mut previous = std::mem::replace(rev, rebuilt);
        rev.created = previous.created;
        rev.title = previous.title.take();
        rev.label = previous.label.take();
        rev.ignored = previous.ignored;
        rev.ignored.extend(ignored);
        found
    }
}

/// A cheap first look, before a line is lower-cased and split: every built-in kind is
/// at most 60 words and opens with one of a few words ([`OPENERS`] or a share word), or
/// holds ©, cookies or a newsletter. It never turns away a line the rules would take (a
/// proptest holds it to that).
fn may_be_chrome(line: &str) -> bool {
    let mut words = line_words(line);
    let Some(first) = words.next() else {
        return false;
    };
    if words.nth(59).is_some() {
        return false;
    }
    let opens = |list: &[&str]| list.iter().any(|o| first.eq_ignore_ascii_case(o));
    static MARKS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["©", "cookie", "newsletter"])
            .expect("fixed patterns build")
    });
    // One pass for the three marks, rather than a window compared at every byte.
    opens(OPENERS) || opens(SHARE_WORDS) || MARKS.is_match(line)
}

/// First words of the kinds that are not share rows.
const OPENERS: &[&str] = &[
    "last",
    "first",
    "published",
    "updated",
    "posted",
    "reuse",
    "reprints",
    "copyright",
    "c",
    "all",
    "this",
    "advertisement",
    "skip",
    "story",
    "ad",
];

/// The words of a line as the rules see them: split at white space and the separators
/// of share rows, punctuation trimmed (`@` and `©` kept), empty ones dropped.
fn line_words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || c == '|' || c == '·' || c == '•')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '©'))
        .filter(|w| !w.is_empty())
}

/// A test of one line: its lower-case text and its words (punctuation trimmed).
type LineCheck = fn(&str, &[&str]) -> bool;

/// The built-in kind of a line of page chrome, if it is one.
///
/// Remembered per thread ([`remember`]): the versions of an article repeat most of their
/// lines, and this was about a tenth of the work of checking a generated archive.
fn builtin_reason(line: &str) -> Option<IgnoreReason> {
    thread_local! {
        static SEEN: RefCell<Memo<Option<IgnoreReason>>> = RefCell::default();
    }
    remember(&SEEN, line, |line| {
        may_be_chrome(line).then(|| rules_reason(line)).flatten()
    })
}

/// The built-in rules themselves, without the first look.
fn rules_reason(line: &str) -> Option<IgnoreReason> {
    let lower = line.to_lowercase();
    let words: Vec<&str> = line_words(&lower).collect();
    let checks: [(LineCheck, IgnoreReason); 7] = [
        (is_share_prompt, IgnoreReason::SharePrompt),
        (is_timestamp, IgnoreReason::Timestamp),
        (is_reuse_prompt, IgnoreReason::ReusePrompt),
        (is_newsletter_prompt, IgnoreReason::NewsletterPrompt),
        (is_cookie_prompt, IgnoreReason::CookiePrompt),
        (is_copyright, IgnoreReason::Copyright),
        (is_advertisement, IgnoreReason::Advertisement),
    ];
    checks
        .into_iter()
        .find(|(check, _)| check(&lower, &words))
        .map(|(_, reason)| reason)
}

/// Words a row of share buttons is made of; a line of nothing else is a share prompt.
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "sharing",
    "on",
    "via",
    "this",
    "article",
    "story",
    "page",
    "with",
    "your",
    "friends",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "email",
    "e-mail",
    "mail",
    "linkedin",
    "pinterest",
    "reddit",
    "messenger",
    "telegram",
    "flipboard",
    "copy",
    "link",
    "print",
    "view",
    "more",
    "options",
    "tweet",
    "gift",
    "save",
    "comments",
    "comment",
];

/// Share targets: at least one must be present, or "share" itself, so that a line of
/// words like "View more" is not taken.
const SHARE_TARGETS: &[&str] = &[
    "share",
    "facebook",
    "twitter",
    "whatsapp",
    "email",
    "linkedin",
    "pinterest",
    "reddit",
    "messenger",
    "telegram",
    "tweet",
];

fn is_share_prompt(_: &str, words: &[&str]) -> bool {
    !words.is_empty()
        && words.len() <= 24
        && words.iter().all(|w| SHARE_WORDS.contains(w))
        && words.iter().any(|w| SHARE_TARGETS.contains(w))
        // "Share" as a noun in copy ("Shares in Tesco rose") never ends a row of buttons
        // alone with a verb; all-share-words lines only.
        && !(words.len() == 1 && *words.first().unwrap() == "shares")
}

/// How page timestamps begin (Guardian "Last modified on", BBC "Updated", Reuters
/// "Published"); the rest of the line must be a date or time and nothing else.
const STAMP_OPENINGS: &[&[&str]] = &[
    &["last", "modified", "on"],
    &["last", "modified"],
    &["last", "updated", "on"],
    &["last", "updated"],
    &["first", "published", "on"],
    &["first", "published"],
    &["published", "on"],
    &["published"],
    &["updated", "on"],
    &["updated"],
    &["posted", "on"],
    &["posted"],
];

const DATE_WORDS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "bst",
    "utc",
    "et",
    "edt",
    "est",
    "ct",
    "cdt",
    "cst",
    "pt",
    "pdt",
    "pst",
    "cet",
    "cest",
    "aest",
    "aedt",
    "at",
    "on",
    "the",
];

fn is_timestamp(_: &str, words: &[&str]) -> bool {
    let Some(opening) = STAMP_OPENINGS.iter().find(|o| words.starts_with(o)) else {
        return false;
    };
    let rest = &words[opening.len()..];
    let date_like = |w: &&str| {
        DATE_WORDS.contains(w)
            || w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '/' | '-' | ','))
            || ordinal(w)
    };
    !rest.is_empty()
        && rest.len() <= 10
        && rest.iter().all(date_like)
        && rest.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// `1st`, `22nd`, `3rd`, `4th`.
fn ordinal(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th")
}

fn is_reuse_prompt(lower: &str, _: &[&str]) -> bool {
    let l = lower.trim_end_matches(['.', ':']);
    matches!(
        l,
        "reuse this content"
            | "reuse this article"
            | "reuse this image"
            | "reprints & permissions"
            | "reprints and permissions"
            | "reprints"
    )
}

fn is_newsletter_prompt(lower: &str, words: &[&str]) -> bool {
    let calls = ["sign", "subscribe", "get", "receive", "join", "enter"];
    lower.contains("newsletter")
        && words.len() <= 25
        && (words.first().is_some_and(|w| calls.contains(w))
            || lower.trim_end_matches('.') == "newsletter promotion"
            || lower.trim_end_matches('.') == "after newsletter promotion")
}

fn is_cookie_prompt(lower: &str, words: &[&str]) -> bool {
    // The phrases of consent banners, not the word alone: copy can be about cookies ("The
    // site's use of cookies breached the law, the regulator said.").
    let cues = [
        "we use cookies",
        "this site uses cookies",
        "this website uses cookies",
        "our site uses cookies",
        "accept all cookies",
        "accept cookies",
        "manage cookies",
        "cookie settings",
        "cookie preferences",
    ];
    let short = ["cookie policy", "cookies policy"];
    (words.len() <= 40 && cues.iter().any(|c| lower.contains(c)))
        || (words.len() <= 6 && short.iter().any(|c| lower.contains(c)))
}

fn is_copyright(lower: &str, words: &[&str]) -> bool {
    // Every sentence of the line is a copyright sentence: a line that goes on with copy a
    // splitter glued to it ("… rewritten or redistributed. BEIJING -- A journalist …")
    // is copy. The first must name the copyright.
    let mut parts = lower
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(')
        .trim_end_matches('.')
        .split(". ");
    words.len() <= 40
        && parts
            .next()
            .is_some_and(|p| names_copyright(p) || rights(p))
        && parts.all(|p| names_copyright(p) || rights(p))
}

/// `© 2020 …`, `(c) …`, `copyright 2016 …`, `copyright © …` (lower-cased).
fn names_copyright(p: &str) -> bool {
    let mut w = p.split_whitespace();
    let year = |y: &str| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit());
    p.starts_with('©')
        // "(c) 2020 …", not a list item "(c) a person who …".
        || (p.starts_with("(c) ") && p[4..].split_whitespace().next().is_some_and(year))
        || (w.next() == Some("copyright")
            && w.next().is_some_and(|y| year(y) || y == "©"))
}

/// The sentences that follow a copyright (lower-cased, without their stop).
fn rights(p: &str) -> bool {
    matches!(
        p.trim_end_matches('.'),
        "all rights reserved"
            | "this material may not be published, broadcast, rewritten or redistributed"
    )
}

fn is_advertisement(lower: &str, _: &[&str]) -> bool {
    matches!(
        lower.trim_end_matches(['.', ':']),
        "advertisement" | "skip advertisement" | "story continues below advertisement" | "ad"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(line: &str) -> Option<IgnoreReason> {
        Boilerplate::default().reason(line)
    }

    #[test]
    fn page_chrome_of_every_builtin_kind_is_found() {
        let cases = [
            (
                "Share on Facebook Share on Twitter Share via Email View more sharing options Share on LinkedIn Share on Pinterest",
                IgnoreReason::SharePrompt,
            ),
            ("Share this article", IgnoreReason::SharePrompt),
            ("X Facebook Email", IgnoreReason::SharePrompt),
            ("Facebook|Twitter|Email", IgnoreReason::SharePrompt),
            (
                "©2020 Guardian News & Media Limited",
                IgnoreReason::Copyright,
            ),
            (
                "Last modified on Tue 3 Mar 2020 10.00 GMT",
                IgnoreReason::Timestamp,
            ),
            (
                "First published on Mon 2 Mar 2020 18.30 GMT",
                IgnoreReason::Timestamp,
            ),
            (
                "Updated: 10:42 a.m. ET, June 3, 2019",
                IgnoreReason::Timestamp,
            ),
            ("Reuse this content", IgnoreReason::ReusePrompt),
            (
                "Sign up to our Brexit weekly newsletter",
                IgnoreReason::NewsletterPrompt,
            ),
            ("Newsletter promotion", IgnoreReason::NewsletterPrompt),
            (
                "We use cookies to improve your experience. Accept all cookies",
                IgnoreReason::CookiePrompt,
            ),
            (
                "© 2020 Guardian News & Media Limited or its affiliated companies. All rights reserved.",
                IgnoreReason::Copyright,
            ),
            (
                "Copyright 2016 The Associated Press.",
                IgnoreReason::Copyright,
            ),
            ("All rights reserved.", IgnoreReason::Copyright),
            (
                "This material may not be published, broadcast, rewritten or redistributed.",
                IgnoreReason::Copyright,
            ),
            ("Advertisement", IgnoreReason::Advertisement),
        ];
        for (line, want) in cases {
            assert_eq!(reason(line), Some(want), "{line}");
        }
    }

    proptest::proptest! {
        /// The first look never turns away a line the rules take.
        #[test]
        fn the_first_look_never_rejects_chrome(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "Share", "share", "on", "Facebook", "X", "Email", "|", "·", "Comment", "Link",
                "©2020", "©", "(c)", "2020", "Copyright", "All", "rights", "reserved.",
                "Last", "modified", "Tue", "3", "Mar", "10.00", "GMT", "Updated:", "We", "use",
                "cookies", "Accept", "all", "Sign", "up", "to", "our", "newsletter", "Reuse",
                "this", "content", "Advertisement", "the", "mayor", "said", "\"",
            ]), 1..14)
        ) {
            let line = words.join(" ");
            if rules_reason(&line).is_some() {
                proptest::prop_assert!(may_be_chrome(&line), "{line}");
            }
        }
    }

    #[test]
    fn article_sentences_that_mention_the_same_words_stay() {
        for line in [
            "Shares in Tesco rose 2.1%, a day after the supermarket said it had resolved its pricing row.",
            "Shares",
            "Updated figures were published on Monday showing 5 deaths.",
            "Published on Tuesday, the report found 12 schools had closed.",
            "The company said it would share the data with regulators.",
            "Subscribers to the newsletter were told the paper would close on Friday, the editor said.",
            "The court ruled that the copyright in the photograph belonged to the agency.",
            "Copyright lawyers said the ruling would be appealed.",
            "Share your experiences We want to hear from pro-union Protestants in Northern Ireland.",
            "He refused to accept that cookies were to blame.",
            "The site's use of cookies breached the law, the regulator said.",
            "(c) a person who publishes such material commits an offence.",
            // AP's lines glued to the lede by a splitter: the paragraph is copy.
            "Copyright 2016 The Associated Press. BEIJING -- A journalist says he was blocked.",
            "This material may not be published, broadcast, rewritten or redistributed. BEIJING -- A journalist says he was blocked.",
        ] {
            assert_eq!(reason(line), None, "{line}");
        }
    }

    #[test]
    fn a_paragraph_is_set_aside_only_when_every_line_is_chrome() {
        assert_eq!(
            reason("Share on Facebook\nShare on Twitter\n\nReuse this content"),
            Some(IgnoreReason::SharePrompt)
        );
        assert_eq!(
            reason("Share on Facebook\nThe mayor resigned on Friday."),
            None
        );
    }

    #[test]
    fn user_patterns_are_searched_and_named() {
        let b = Boilerplate::none().with_pattern("^Follow ").unwrap();
        assert_eq!(
            b.reason("Follow Jane Doe on Twitter"),
            Some(IgnoreReason::Pattern {
                pattern: "^Follow ".into()
            })
        );
        assert_eq!(b.reason("Reuse this content"), None);
        assert!(Boilerplate::none().with_pattern("(").is_err());
    }

    #[test]
    fn set_aside_keeps_the_rest_byte_for_byte_and_records_where() {
        let text = "The bridge will close.\n\nShare this article\n\nRepairs cost $3 million.\n\nReuse this content\n";
        let mut rev = Revision::from_text(0, text.to_string()).unwrap();
        rev.title = Some("Bridge".into());
        assert_eq!(Boilerplate::default().set_aside_in(&mut rev), 2);
        assert_eq!(
            rev.text(),
            "The bridge will close.\n\nRepairs cost $3 million.\n"
        );
        assert_eq!(rev.title.as_deref(), Some("Bridge"));
        let at: Vec<(usize, &str)> = rev
            .ignored
            .iter()
            .map(|i| (i.paragraph, i.text.as_str()))
            .collect();
        assert_eq!(at, [(1, "Share this article"), (3, "Reuse this content")]);
    }

    #[test]
    fn a_revision_of_nothing_but_chrome_is_left_whole() {
        let mut rev = Revision::from_text(0, "Share this article\n\nAdvertisement".into()).unwrap();
        assert_eq!(Boilerplate::default().set_aside_in(&mut rev), 0);
        assert!(rev.ignored.is_empty());
    }
}
