//! The rules `newsdiff check` applies to each article, how they are configured
//! (`newsdiff.toml` and flags, each scoped by source if wanted); `evaluate.rs` applies them.
//!
//! Integrity rules, on unless turned off: `parse-clean`, `time-order`, `empty-revision`,
//! `duplicate-revision`, `flip-flop`. Change policies, off unless turned on:
//! `headline-change`, `number-change`, `quotation-change`, `deleted-sentences`; each fails
//! a revision that makes such a change without adding a correction or update note (the
//! `correction` class) in the same revision. `correction-removed`, also off unless turned
//! on, fails a revision that takes such a note away.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::article::boilerplate::Boilerplate;
use crate::changelog::RevisionDiff;
use crate::classify::Class;

/// Why a revision was passed over by the change policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Only typography changed, and typography is ignored.
    Typography,
    /// Fewer words changed than `min-changed-words` or `min-changed-percent` ask.
    Trivial,
}

/// A rule, by the name reports and configuration use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The parser had no doubt (no split point with a close runner-up, say).
    ParseClean,
    /// Each version is no older than the one before it.
    TimeOrder,
    /// No version is empty.
    EmptyRevision,
    /// No version repeats the one before it, and no version number appears twice.
    DuplicateRevision,
    /// No version is identical to an earlier one other than the one just before it (an
    /// edit made and undone).
    FlipFlop,
    /// The headline did not change without a correction note.
    HeadlineChange,
    /// No number changed without a correction note.
    NumberChange,
    /// No quotation changed without a correction note.
    QuotationChange,
    /// No more than the set share of sentences was deleted without a correction note.
    DeletedSentences,
    /// No correction or update note was taken out of the article.
    CorrectionRemoved,
}

impl Rule {
    /// Every rule, in the order reports list them.
    pub const ALL: [Rule; 10] = [
        Rule::ParseClean,
        Rule::TimeOrder,
        Rule::EmptyRevision,
        Rule::DuplicateRevision,
        Rule::FlipFlop,
        Rule::HeadlineChange,
        Rule::NumberChange,
        Rule::QuotationChange,
        Rule::DeletedSentences,
        Rule::CorrectionRemoved,
    ];

    /// The rule's name in flags, `newsdiff.toml` and reports (`number-change`).
    pub fn name(self) -> &'static str {
        match self {
            Rule::ParseClean => "parse-clean",
            Rule::TimeOrder => "time-order",
            Rule::EmptyRevision => "empty-revision",
            Rule::DuplicateRevision => "duplicate-revision",
            Rule::FlipFlop => "flip-flop",
            Rule::HeadlineChange => "headline-change",
            Rule::NumberChange => "number-change",
            Rule::QuotationChange => "quotation-change",
            Rule::DeletedSentences => "deleted-sentences",
            Rule::CorrectionRemoved => "correction-removed",
        }
    }

    /// The rule of that name, if any.
    pub fn from_name(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == s)
    }

    /// Whether the rule needs the revisions diffed.
    pub fn is_policy(self) -> bool {
        matches!(
            self,
            Rule::HeadlineChange
                | Rule::NumberChange
                | Rule::QuotationChange
                | Rule::DeletedSentences
                | Rule::CorrectionRemoved
        )
    }

    fn index(self) -> usize {
        Rule::ALL.iter().position(|r| *r == self).expect("in ALL")
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The deleted share that fails `deleted-sentences` when it is turned on without a limit.
pub const DEFAULT_MAX_DELETED_PERCENT: f64 = 50.0;

/// Settings for rules: each `None` leaves what was there. This is a `[rules]` or
/// `[sources.NAME]` table of `newsdiff.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// `parse-clean`: the parser settled every decision.
    pub parse_clean: Option<bool>,
    /// `time-order`: versions are in time order.
    pub time_order: Option<bool>,
    /// `empty-revision`: no version is empty.
    pub empty_revision: Option<bool>,
    /// `duplicate-revision`: no version repeats the one before.
    pub duplicate_revision: Option<bool>,
    /// `flip-flop`: no version returns to the text of the one before the last.
    pub flip_flop: Option<bool>,
    /// `headline-change`: the headline does not change.
    pub headline_change: Option<bool>,
    /// `number-change`: no number changes without a correction note.
    pub number_change: Option<bool>,
    /// `quotation-change`: no quotation changes without a correction note.
    pub quotation_change: Option<bool>,
    /// `deleted-sentences`: no version deletes more than the limit without a correction note.
    pub deleted_sentences: Option<bool>,
    /// `correction-removed`: no correction or update note is taken out.
    pub correction_removed: Option<bool>,
    /// The limit for `deleted-sentences`, in percent of the old version's sentences;
    /// setting it turns the rule on.
    pub max_deleted_percent: Option<f64>,
    /// What to leave out of the comparison: `"typography"` (a change of typography alone
    /// counts as no change), or a regular expression: paragraphs every line of which it
    /// matches are set aside as boilerplate. Lists add up over tables and flags.
    pub ignore: Option<Vec<IgnoreEntry>>,
    /// `false` turns the built-in boilerplate list off (`--keep-boilerplate`).
    pub builtin_boilerplate: Option<bool>,
    /// A revision with fewer changed words than this (added plus removed) is skipped by
    /// the change policies and the site's feed, and counted as skipped.
    pub min_changed_words: Option<usize>,
    /// A revision with a smaller share of its words changed than this, in percent, is
    /// skipped likewise.
    pub min_changed_percent: Option<f64>,
}

/// One entry of `ignore`: the word `typography`, or a regular expression for boilerplate.
#[derive(Debug, Clone)]
pub enum IgnoreEntry {
    /// Typography-only changes count as no change.
    Typography,
    /// Paragraphs this pattern matches (every line) are set aside.
    Pattern(regex::Regex),
}

impl IgnoreEntry {
    /// `typography`, or a pattern.
    ///
    /// # Errors
    /// [`ConfigError::BadPattern`] when the text is not a valid regular expression.
    pub fn parse(text: &str) -> Result<IgnoreEntry, ConfigError> {
        if text == "typography" {
            return Ok(IgnoreEntry::Typography);
        }
        regex::Regex::new(text)
            .map(IgnoreEntry::Pattern)
            .map_err(|e| ConfigError::BadPattern {
                pattern: text.to_string(),
                // The regex crate draws the pattern with a caret over several lines; its
                // last line says what is wrong.
                problem: e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .trim_start_matches("error: ")
                    .to_string(),
            })
    }

    fn text(&self) -> &str {
        match self {
            IgnoreEntry::Typography => "typography",
            IgnoreEntry::Pattern(p) => p.as_str(),
        }
    }
}

impl PartialEq for IgnoreEntry {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl<'de> Deserialize<'de> for IgnoreEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        IgnoreEntry::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Settings {
    fn slot(&mut self, rule: Rule) -> &mut Option<bool> {
        match rule {
            Rule::ParseClean => &mut self.parse_clean,
            Rule::TimeOrder => &mut self.time_order,
            Rule::EmptyRevision => &mut self.empty_revision,
            Rule::DuplicateRevision => &mut self.duplicate_revision,
            Rule::FlipFlop => &mut self.flip_flop,
            Rule::HeadlineChange => &mut self.headline_change,
            Rule::NumberChange => &mut self.number_change,
            Rule::QuotationChange => &mut self.quotation_change,
            Rule::DeletedSentences => &mut self.deleted_sentences,
            Rule::CorrectionRemoved => &mut self.correction_removed,
        }
    }

    /// Settings that turn one rule on or off.
    pub fn one(rule: Rule, on: bool) -> Settings {
        let mut s = Settings::default();
        *s.slot(rule) = Some(on);
        s
    }

    pub(super) fn apply_to(&self, set: &mut RuleSet) {
        let mut me = self.clone();
        for rule in Rule::ALL {
            if let Some(on) = *me.slot(rule) {
                set.enabled[rule.index()] = on;
            }
        }
        if let Some(p) = self.max_deleted_percent {
            set.max_deleted_percent = p;
            if self.deleted_sentences.is_none() {
                set.enabled[Rule::DeletedSentences.index()] = true;
            }
        }
        for entry in self.ignore.iter().flatten() {
            match entry {
                IgnoreEntry::Typography => set.ignore_typography = true,
                IgnoreEntry::Pattern(p) => {
                    set.boilerplate = std::mem::take(&mut set.boilerplate).with_regex(p.clone())
                }
            }
        }
        if let Some(on) = self.builtin_boilerplate {
            set.boilerplate = std::mem::take(&mut set.boilerplate).with_builtin(on);
        }
        if let Some(n) = self.min_changed_words {
            set.min_changed_words = n;
        }
        if let Some(p) = self.min_changed_percent {
            set.min_changed_percent = p;
        }
    }

    fn validate(&self) -> Result<(), ConfigError> {
        for p in [self.max_deleted_percent, self.min_changed_percent]
            .into_iter()
            .flatten()
        {
            if !(0.0..=100.0).contains(&p) || p.is_nan() {
                return Err(ConfigError::PercentOutOfRange(p));
            }
        }
        Ok(())
    }
}

/// A `newsdiff.toml`: `[rules]` for every article, `[sources.NAME]` for the articles of
/// one source (later tables win).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    /// Settings for every article.
    pub rules: Settings,
    #[serde(default)]
    /// Settings for the articles of one source, by source name or host.
    pub sources: BTreeMap<String, Settings>,
}

/// What is wrong with a rule setting, in a `newsdiff.toml` or on the command line. Each
/// reads as the tail of `FILE: …` or `--flag: …`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read (the I/O error's text).
    #[error("cannot read: {0}")]
    Read(String),
    /// The TOML is malformed or names an unknown key; `line` counts from 1.
    #[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Toml {
        /// Where the problem starts, when the TOML parser knows.
        line: Option<usize>,
        /// The TOML parser's message.
        message: String,
    },
    /// A percentage (`max-deleted-percent`, `min-changed-percent`) outside 0 to 100.
    #[error("{0} is out of range; give a percentage from 0 to 100")]
    PercentOutOfRange(f64),
    /// An `ignore` entry that is neither `typography` nor a valid regular expression.
    #[error("{pattern:?} is not a valid regular expression ({problem})")]
    BadPattern {
        /// The entry as given.
        pattern: String,
        /// The regex crate's message.
        problem: String,
    },
    /// A value for `--min-changed-words` that is not a whole number.
    #[error("{0:?} is not a number of words")]
    NotACount(String),
    /// A value for `--max-deleted-percent` or `--min-changed-percent` that is not a number.
    #[error("{0:?} is not a percentage")]
    NotAPercentage(String),
    /// A rule name that is not one of [`Rule::ALL`].
    #[error("no rule {name:?}; the rules are {known}")]
    NoSuchRule {
        /// The name as given.
        name: String,
        /// The rule names, comma-separated.
        known: String,
    },
    /// A problem inside one source's table.
    #[error("[sources.{table}]: {problem}")]
    InSource {
        /// The source's table name.
        table: String,
        /// What is wrong in it.
        problem: Box<ConfigError>,
    },
}

impl ConfigFile {
    /// Parses and validates the text of a `newsdiff.toml`.
    pub fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
        let c: ConfigFile = toml::from_str(text).map_err(|e| ConfigError::Toml {
            line: e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().to_string(),
        })?;
        c.rules.validate()?;
        for (name, s) in &c.sources {
            s.validate().map_err(|problem| ConfigError::InSource {
                table: name.clone(),
                problem: Box::new(problem),
            })?;
        }
        Ok(c)
    }

    /// Reads and parses a `newsdiff.toml`.
    pub fn read(path: &Path) -> Result<ConfigFile, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read(e.to_string()))?;
        ConfigFile::parse(&text)
    }
}

/// A setting from the command line, for every article or for one source's.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The source whose articles it applies to; `None` for all.
    pub source: Option<String>,
    /// What it sets.
    pub settings: Settings,
}

impl Override {
    /// `RULE[@SOURCE]` for `--enable` (`on`) or `--disable`.
    pub fn rule(spec: &str, on: bool) -> Result<Override, ConfigError> {
        let (name, source) = split_scope(spec);
        let rule = Rule::from_name(name).ok_or_else(|| {
            let all: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
            ConfigError::NoSuchRule {
                name: name.to_string(),
                known: all.join(", "),
            }
        })?;
        Ok(Override {
            source,
            settings: Settings::one(rule, on),
        })
    }

    /// `PERCENT[@SOURCE]` for `--max-deleted-percent`.
    pub fn max_deleted(spec: &str) -> Result<Override, ConfigError> {
        let (value, source) = split_scope(spec);
        let p: f64 = value
            .parse()
            .map_err(|_| ConfigError::NotAPercentage(value.to_string()))?;
        let settings = Settings {
            max_deleted_percent: Some(p),
            ..Settings::default()
        };
        settings.validate()?;
        Ok(Override { source, settings })
    }
}

impl Override {
    /// `typography` or `REGEX` for `--ignore`: for every article (a pattern may hold `@`).
    pub fn ignore(spec: &str) -> Result<Override, ConfigError> {
        Ok(Override::all(Settings {
            ignore: Some(vec![IgnoreEntry::parse(spec)?]),
            ..Settings::default()
        }))
    }

    /// `--keep-boilerplate`: the built-in boilerplate list off.
    pub fn keep_boilerplate() -> Override {
        Override::all(Settings {
            builtin_boilerplate: Some(false),
            ..Settings::default()
        })
    }

    /// `N` for `--min-changed-words`.
    pub fn min_changed_words(spec: &str) -> Result<Override, ConfigError> {
        let n = spec
            .trim()
            .parse()
            .map_err(|_| ConfigError::NotACount(spec.to_string()))?;
        Ok(Override::all(Settings {
            min_changed_words: Some(n),
            ..Settings::default()
        }))
    }

    /// `PERCENT` for `--min-changed-percent`.
    pub fn min_changed_percent(spec: &str) -> Result<Override, ConfigError> {
        let p: f64 = spec
            .trim()
            .parse()
            .map_err(|_| ConfigError::NotAPercentage(spec.to_string()))?;
        let settings = Settings {
            min_changed_percent: Some(p),
            ..Settings::default()
        };
        settings.validate()?;
        Ok(Override::all(settings))
    }

    fn all(settings: Settings) -> Override {
        Override {
            source: None,
            settings,
        }
    }
}

fn split_scope(spec: &str) -> (&str, Option<String>) {
    match spec.split_once('@') {
        Some((a, s)) if !s.is_empty() => (a.trim(), Some(s.trim().to_string())),
        _ => (spec.trim(), None),
    }
}

/// Whether a scope key names an article's source: the same name, or (for a source that
/// is a host name) a domain it is part of (`nytimes.com` covers `www.nytimes.com`).
pub fn source_matches(key: &str, source: &str) -> bool {
    let (key, source) = (key.to_ascii_lowercase(), source.to_ascii_lowercase());
    source == key || source.ends_with(&format!(".{key}"))
}

/// The rules in force for one article.
#[derive(Debug, Clone)]
pub struct RuleSet {
    enabled: [bool; Rule::ALL.len()],
    /// The limit of `deleted-sentences`, in percent of the old version's sentences.
    pub max_deleted_percent: f64,
    /// What is set aside as boilerplate before the comparison.
    pub boilerplate: Boilerplate,
    /// Typography-only changes count as no change.
    pub ignore_typography: bool,
    /// Revisions with fewer changed words than this are skipped (0: none).
    pub min_changed_words: usize,
    /// Revisions with a smaller share of changed words than this, in percent, are
    /// skipped (0: none).
    pub min_changed_percent: f64,
}

impl Default for RuleSet {
    /// The integrity rules on, the change policies off.
    fn default() -> Self {
        let mut enabled = [false; Rule::ALL.len()];
        for r in Rule::ALL {
            enabled[r.index()] = !r.is_policy();
        }
        RuleSet {
            enabled,
            max_deleted_percent: DEFAULT_MAX_DELETED_PERCENT,
            boilerplate: Boilerplate::default(),
            ignore_typography: false,
            min_changed_words: 0,
            min_changed_percent: 0.0,
        }
    }
}

impl RuleSet {
    /// Whether `rule` is on.
    pub fn is_on(&self, rule: Rule) -> bool {
        self.enabled[rule.index()]
    }

    /// The rule set for an article of `source`: defaults, then the file's `[rules]`, its
    /// matching `[sources.*]`, the command line's overrides for all, and those for the
    /// source.
    pub fn resolve(file: Option<&ConfigFile>, flags: &[Override], source: Option<&str>) -> Self {
        let mut set = RuleSet::default();
        let matches = |key: &str| source.is_some_and(|s| source_matches(key, s));
        if let Some(f) = file {
            f.rules.apply_to(&mut set);
            for (key, s) in &f.sources {
                if matches(key) {
                    s.apply_to(&mut set);
                }
            }
        }
        for o in flags.iter().filter(|o| o.source.is_none()) {
            o.settings.apply_to(&mut set);
        }
        for o in flags {
            if o.source.as_deref().is_some_and(matches) {
                o.settings.apply_to(&mut set);
            }
        }
        set
    }

    /// Why a diff is passed over by the change policies and the feed, if it is: a change
    /// of typography alone (when ignored), or fewer changed words than the thresholds
    /// unless it changed the headline, a number or a correction note.
    pub fn skips(&self, d: &RevisionDiff) -> Option<Skip> {
        if self.ignore_typography && d.is_typography_only() {
            return Some(Skip::Typography);
        }
        // A change the policies are there for is never trivial, however few its words: a
        // new headline, a number, a correction note (added, or taken out with its words).
        let telling = d
            .classes
            .iter()
            .any(|c| matches!(c.class, Class::Headline | Class::Number | Class::Correction));
        let words = d.stats.words_added + d.stats.words_removed;
        let percent = d.stats.changed_share * 100.0;
        (!telling && (words < self.min_changed_words || percent < self.min_changed_percent))
            .then_some(Skip::Trivial)
    }

    pub(super) fn any_policy(&self) -> bool {
        Rule::ALL.iter().any(|r| r.is_policy() && self.is_on(*r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_and_scopes() {
        let file = ConfigFile::parse(
            "[rules]\nnumber-change = true\nflip-flop = false\n\
             [sources.\"nytimes.com\"]\nnumber-change = false\nmax-deleted-percent = 20\n",
        )
        .unwrap();
        let any = RuleSet::resolve(Some(&file), &[], Some("bbc.co.uk"));
        assert!(any.is_on(Rule::NumberChange) && !any.is_on(Rule::FlipFlop));
        assert!(!any.is_on(Rule::DeletedSentences));
        let nyt = RuleSet::resolve(Some(&file), &[], Some("www.nytimes.com"));
        assert!(!nyt.is_on(Rule::NumberChange) && nyt.is_on(Rule::DeletedSentences));
        assert_eq!(nyt.max_deleted_percent, 20.0);
        let flags = [
            Override::rule("number-change@nytimes.com", true).unwrap(),
            Override::rule("time-order", false).unwrap(),
        ];
        let nyt = RuleSet::resolve(Some(&file), &flags, Some("nytimes.com"));
        assert!(nyt.is_on(Rule::NumberChange) && !nyt.is_on(Rule::TimeOrder));
        assert!(ConfigFile::parse("[rules]\nheadline = true\n").is_err());
        assert!(
            ConfigFile::parse("[rules]\nmax-deleted-percent = 120\n")
                .unwrap_err()
                .to_string()
                .contains("0 to 100")
        );
        assert!(
            Override::rule("nope", true)
                .unwrap_err()
                .to_string()
                .contains("flip-flop")
        );
    }

    #[test]
    fn the_minimum_change_passes_over_trivial_edits_but_never_a_number_or_headline() {
        use crate::article::Revision;
        let rev = |title: &str, text: &str| {
            let mut r = Revision::from_text(0, text.to_string()).unwrap();
            r.title = Some(title.to_string());
            r
        };
        let rules = RuleSet::resolve(None, &[Override::min_changed_words("3").unwrap()], None);
        let base = rev(
            "Mayor's plan",
            "The mayor spoke on Friday. The cost is $2 million.",
        );
        let skip = |b: &Revision| rules.skips(&crate::changelog::diff(&base, b));
        // A quote style in the title and one word of the body: trivial.
        let typo = rev(
            "Mayor’s plan",
            "The mayor spoke on Thursday. The cost is $2 million.",
        );
        assert_eq!(skip(&typo), Some(Skip::Trivial));
        let number = rev(
            "Mayor's plan",
            "The mayor spoke on Friday. The cost is $3 million.",
        );
        assert_eq!(skip(&number), None);
        let headline = rev(
            "Mayor quits",
            "The mayor spoke on Friday. The cost is $2 million.",
        );
        assert_eq!(skip(&headline), None);
    }
}
