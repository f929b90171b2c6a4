//! Evaluating the rules on one article: the integrity rules on its versions, and the
//! change policies on the diff of each consecutive pair (only when one is on, since
//! diffing is the expensive part).

use serde::Serialize;

use super::rules::{Rule, RuleSet, Skip};
use crate::Warning;
use crate::article::{Article, Revision};
use crate::changelog::{self, RevisionDiff};
use crate::classify::{Change, Class, is_correction};
use crate::text::normalize::collapse;

/// A rule broken by one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// The version concerned (the newer of a pair).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
    /// The version before it, for rules about a change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_version: Option<u64>,
    /// Where the version is (a file, `archive.jsonl:17`, a database row), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// What is wrong, for people.
    pub message: String,
}

/// What checking one article found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    /// The rules it broke.
    pub violations: Vec<Violation>,
    /// The comparison work (`set_aside` is the caller's: it sets the boilerplate aside).
    pub counts: ChangeCounts,
}

/// The comparison work of an article or of a whole run: the counters an article's
/// evaluation, its report and the run's summary share (and add up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ChangeCounts {
    /// Pairs of versions diffed (only when a change policy is on).
    pub pairs_diffed: usize,
    /// Sentences added, deleted, edited, merged or split over the diffed pairs that the
    /// policies read.
    pub sentences_changed: usize,
    /// Boilerplate paragraphs set aside before the comparison, over all versions.
    #[serde(skip_serializing_if = "is_zero")]
    pub set_aside: usize,
    /// Diffed pairs the change policies passed over because only typography changed
    /// (`ignore = ["typography"]`).
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_typography: usize,
    /// Diffed pairs the change policies passed over for changing fewer words than
    /// `min-changed-words` or `min-changed-percent`.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_trivial: usize,
}

impl std::ops::AddAssign for ChangeCounts {
    fn add_assign(&mut self, o: ChangeCounts) {
        self.pairs_diffed += o.pairs_diffed;
        self.sentences_changed += o.sentences_changed;
        self.set_aside += o.set_aside;
        self.skipped_typography += o.skipped_typography;
        self.skipped_trivial += o.skipped_trivial;
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A revision's content as the duplicate rules compare it: the title and the sentences
/// with white space collapsed.
fn content_key(r: &Revision) -> (Option<String>, Vec<String>) {
    (
        r.title.as_deref().map(collapse),
        r.sentences().map(collapse).collect(),
    )
}

/// Applies the rules to an article.
pub fn evaluate(article: &Article, warnings: &[Warning], rules: &RuleSet) -> Evaluation {
    let revs = &article.revisions;
    let keys: Vec<_> = revs.iter().map(content_key).collect();
    let mut out = Evaluation::default();
    let v = &mut out.violations;
    if rules.is_on(Rule::ParseClean) {
        parse_clean(warnings, v);
    }
    if rules.is_on(Rule::TimeOrder) {
        time_order(revs, v);
    }
    if rules.is_on(Rule::EmptyRevision) {
        empty_revisions(revs, v);
    }
    if rules.is_on(Rule::DuplicateRevision) {
        duplicate_revisions(revs, &keys, warnings, v);
    }
    if rules.is_on(Rule::FlipFlop) {
        flip_flops(revs, &keys, v);
    }
    if rules.any_policy() {
        diff_policies(revs, &keys, rules, &mut out);
    }
    // Reading order: by version, then by rule.
    out.violations
        .sort_by_key(|v| (v.version.is_some(), v.version, v.rule));
    out
}

impl Violation {
    /// A violation of `rule` by revision `r` (none for the article as a whole), in the
    /// change from version `from` when the rule is about a change.
    fn new(rule: Rule, r: Option<&Revision>, from: Option<u64>, message: String) -> Violation {
        Violation {
            rule,
            version: r.map(|r| r.version),
            from_version: from,
            at: r.and_then(|r| r.label.clone()),
            message,
        }
    }
}

/// `parse-clean`: each warning the parser flagged as a doubt.
fn parse_clean(warnings: &[Warning], out: &mut Vec<Violation>) {
    for w in warnings.iter().filter(|w| w.doubt) {
        let mut m = format!("doubtful {}: {w}", w.kind);
        if let (Some(c), Some(r)) = (&w.chosen, &w.runner_up) {
            m.push_str(&format!(" (chose {c}; runner-up {r})"));
        }
        out.push(Violation::new(Rule::ParseClean, None, None, m));
    }
}

/// `time-order`: each version created before the one before it.
fn time_order(revs: &[Revision], out: &mut Vec<Violation>) {
    for pair in revs.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].created, pair[1].created)
            && b < a
        {
            out.push(Violation::new(
                Rule::TimeOrder,
                Some(&pair[1]),
                Some(pair[0].version),
                format!(
                    "version {} ({}) is older than version {} before it ({})",
                    pair[1].version,
                    b.to_rfc3339(),
                    pair[0].version,
                    a.to_rfc3339()
                ),
            ));
        }
    }
}

/// `empty-revision`: each version without sentences.
fn empty_revisions(revs: &[Revision], out: &mut Vec<Violation>) {
    for r in revs.iter().filter(|r| r.sentence_count() == 0) {
        out.push(Violation::new(
            Rule::EmptyRevision,
            Some(r),
            None,
            format!("version {} is empty", r.version),
        ));
    }
}

/// `duplicate-revision`: each version with the number of the one before it, or else its
/// content (`keys`, from [`content_key`]).
fn duplicate_revisions(
    revs: &[Revision],
    keys: &[(Option<String>, Vec<String>)],
    warnings: &[Warning],
    out: &mut Vec<Violation>,
) {
    // The same text at a new address is the article moving, not a duplicate: the reader
    // reported it (`url-changed`, under parse-clean) at the version's label.
    let moved = |r: &Revision| {
        warnings
            .iter()
            .any(|w| w.kind == "url-changed" && w.at.is_some() && w.at == r.label)
    };
    for i in 1..revs.len() {
        let (a, b) = (&revs[i - 1], &revs[i]);
        let message = if a.version == b.version {
            let also = a.label.as_deref().map(|l| format!(" (also at {l})"));
            format!(
                "version {} appears twice{}",
                b.version,
                also.unwrap_or_default()
            )
        } else if keys[i] == keys[i - 1] && !moved(b) {
            format!(
                "version {} repeats version {} exactly",
                b.version, a.version
            )
        } else {
            continue;
        };
        out.push(Violation::new(
            Rule::DuplicateRevision,
            Some(b),
            Some(a.version),
            message,
        ));
    }
}

/// `flip-flop`: each version identical to an earlier one other than the one just before
/// it, which undoes the versions between. A repeat of the version just before is
/// `duplicate-revision`'s, not this rule's.
fn flip_flops(revs: &[Revision], keys: &[(Option<String>, Vec<String>)], out: &mut Vec<Violation>) {
    for i in 2..revs.len() {
        if keys[i] == keys[i - 1] {
            continue;
        }
        let Some(j) = (0..i - 1).rev().find(|&j| keys[j] == keys[i]) else {
            continue;
        };
        let undone = if i - j == 2 {
            format!("version {}", revs[i - 1].version)
        } else {
            format!("versions {}–{}", revs[j + 1].version, revs[i - 1].version)
        };
        out.push(Violation::new(
            Rule::FlipFlop,
            Some(&revs[i]),
            Some(revs[i - 1].version),
            format!(
                "version {} is identical to version {}, undoing {undone}",
                revs[i].version, revs[j].version
            ),
        ));
    }
}

/// Diffs each consecutive pair that differs and applies the change policies.
fn diff_policies(
    revs: &[Revision],
    keys: &[(Option<String>, Vec<String>)],
    rules: &RuleSet,
    out: &mut Evaluation,
) {
    for i in 1..revs.len() {
        let (a, b) = (&revs[i - 1], &revs[i]);
        if a.sentence_count() == 0 || b.sentence_count() == 0 || keys[i] == keys[i - 1] {
            continue;
        }
        let d = changelog::diff(a, b);
        out.counts.pairs_diffed += 1;
        match rules.skips(&d) {
            Some(Skip::Typography) => {
                out.counts.skipped_typography += 1;
                continue;
            }
            Some(Skip::Trivial) => {
                out.counts.skipped_trivial += 1;
                continue;
            }
            None => {}
        }
        out.counts.sentences_changed += d.stats.added + d.stats.deleted + d.stats.linked_changes();
        for (rule, message) in policy_violations(a, b, &d, rules) {
            let v = Violation::new(rule, Some(b), Some(a.version), message);
            out.violations.push(v);
        }
    }
}

/// The change policies a diff from `old` to `new` breaks.
fn policy_violations(
    old: &Revision,
    new: &Revision,
    d: &RevisionDiff,
    rules: &RuleSet,
) -> Vec<(Rule, String)> {
    let mut out = Vec::new();
    // A note taken away is no correction of its own, so nothing excuses it.
    if rules.is_on(Rule::CorrectionRemoved) {
        let removed = removed_notes(old, new, d);
        if !removed.is_empty() {
            out.push((
                Rule::CorrectionRemoved,
                format!("correction or update note removed: {}", evidence(&removed)),
            ));
        }
    }
    let has = |c: Class| d.classes.iter().find(|e| e.class == c);
    if has(Class::Correction).is_some() {
        return out;
    }
    const TAIL: &str = "without a correction or update note";
    // The `headline` class, not any title change: a change of typography alone in the
    // title is `typography`, which no policy fails.
    if rules.is_on(Rule::HeadlineChange)
        && has(Class::Headline).is_some()
        && let Some(t) = &d.title
        && let (Some(old), Some(new)) = (&t.old, &t.new)
    {
        out.push((
            Rule::HeadlineChange,
            format!(
                "headline changed {TAIL}: {:?} → {:?}",
                short(old, 80),
                short(new, 80)
            ),
        ));
    }
    if rules.is_on(Rule::NumberChange)
        && let Some(e) = has(Class::Number)
    {
        out.push((
            Rule::NumberChange,
            format!("numbers changed {TAIL}: {}", evidence(&e.changes)),
        ));
    }
    if rules.is_on(Rule::QuotationChange)
        && let Some(e) = has(Class::Quotation)
    {
        out.push((
            Rule::QuotationChange,
            format!("quotation changed {TAIL}: {}", evidence(&e.changes)),
        ));
    }
    if rules.is_on(Rule::DeletedSentences) && d.stats.sentences_old > 0 {
        let share = d.stats.deleted as f64 * 100.0 / d.stats.sentences_old as f64;
        if share > rules.max_deleted_percent {
            out.push((
                Rule::DeletedSentences,
                format!(
                    "{} of {} sentences ({share:.0}%) deleted {TAIL} (limit {}%)",
                    d.stats.deleted, d.stats.sentences_old, rules.max_deleted_percent
                ),
            ));
        }
    }
    out
}

/// The correction and update notes of `old` that `new` no longer has: deleted, or edited
/// into a sentence that is no note. A note reworded into another note is still there, and
/// so is one the aligner saw replaced by a new note: only a revision with fewer note
/// sentences than the one before it has lost one.
fn removed_notes(old: &Revision, new: &Revision, d: &RevisionDiff) -> Vec<Change> {
    let notes = |r: &Revision| r.sentences().filter(|s| is_correction(s)).count();
    if notes(new) >= notes(old) {
        return Vec::new();
    }
    d.ops
        .iter()
        .filter(|op| !op.old.is_empty())
        .filter_map(|op| {
            let gone = op.old.iter().any(|&i| is_correction(old.sentence(i)));
            let kept = !op.new.is_empty() && is_correction(&new.joined(&op.new));
            (gone && !kept).then(|| Change {
                old: Some(old.joined(&op.old)),
                new: (!op.new.is_empty()).then(|| new.joined(&op.new)),
            })
        })
        .collect()
}

/// Evidence as `old → new`, `+added`, `-removed`, three at most.
fn evidence(changes: &[Change]) -> String {
    let mut parts: Vec<String> = changes
        .iter()
        .take(3)
        .map(|c| match (&c.old, &c.new) {
            (Some(o), Some(n)) => format!("{} → {}", short(o, 60), short(n, 60)),
            (None, Some(n)) => format!("+{}", short(n, 60)),
            (Some(o), None) => format!("-{}", short(o, 60)),
            (None, None) => String::new(),
        })
        .collect();
    if changes.len() > 3 {
        parts.push(format!("and {} more", changes.len() - 3));
    }
    parts.join(", ")
}

fn short(s: &str, max: usize) -> String {
    let s = collapse(s);
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleMeta;
    use crate::check::rules::Override;

    fn rev(version: u64, title: &str, text: &str, created: Option<&str>) -> Revision {
        let mut r = Revision::from_text(version, text.to_string()).unwrap();
        r.title = Some(title.to_string());
        r.created = created.map(|c| chrono::DateTime::parse_from_rfc3339(c).unwrap());
        r.label = Some(format!("v{version}"));
        r
    }

    fn article(revisions: Vec<Revision>) -> Article {
        Article {
            meta: ArticleMeta::default(),
            revisions,
        }
    }

    fn rules_of(e: &Evaluation) -> Vec<Rule> {
        e.violations.iter().map(|v| v.rule).collect()
    }

    #[test]
    fn integrity_rules() {
        let a = article(vec![
            rev(0, "T", "One. Two.", Some("2020-01-01T10:00:00Z")),
            rev(1, "T", "One.  Two.", Some("2020-01-01T11:00:00Z")),
            rev(2, "T", "One. Three.", Some("2020-01-01T09:00:00Z")),
            rev(3, "T", "One. Two.", None),
            rev(4, "T", "", None),
            rev(4, "T", "Four.", None),
        ]);
        let e = evaluate(&a, &[], &RuleSet::default());
        assert_eq!(
            rules_of(&e),
            [
                Rule::DuplicateRevision,
                Rule::TimeOrder,
                Rule::FlipFlop,
                Rule::EmptyRevision,
                Rule::DuplicateRevision,
            ],
            "{e:#?}"
        );
        assert_eq!(e.violations[1].at.as_deref(), Some("v2"));
        assert!(e.violations[2].message.contains("identical to version 1"));
        assert!(e.violations[4].message.contains("version 4 appears twice"));
        assert_eq!(e.counts.pairs_diffed, 0);
    }

    #[test]
    fn policies_pass_with_a_correction_note() {
        let old = rev(
            0,
            "Toll 12",
            "At least 12 people died in the fire, police said.",
            None,
        );
        let new = rev(
            1,
            "Toll 19",
            "At least 19 people died in the fire, police said.",
            None,
        );
        let noted = rev(
            2,
            "Toll 21",
            "At least 21 people died in the fire, police said.\n\n\
             Correction: An earlier version of this story gave the toll incorrectly.",
            None,
        );
        let mut rules = RuleSet::default();
        for o in ["headline-change", "number-change"] {
            Override::rule(o, true)
                .unwrap()
                .settings
                .apply_to(&mut rules);
        }
        let e = evaluate(&article(vec![old, new, noted]), &[], &rules);
        assert_eq!(
            rules_of(&e),
            [Rule::HeadlineChange, Rule::NumberChange],
            "{e:#?}"
        );
        assert!(e.violations[1].message.contains("12 → 19"), "{e:#?}");
        assert_eq!(e.violations[1].version, Some(1));
        assert_eq!(e.counts.pairs_diffed, 2);
    }

    #[test]
    fn a_removed_correction_note_is_flagged_and_a_reworded_one_is_not() {
        let body = "At least 21 people died in the fire, police said.";
        let noted = rev(
            0,
            "T",
            &format!("{body}\n\nCorrection: An earlier version gave the toll incorrectly."),
            None,
        );
        let reworded = rev(
            1,
            "T",
            &format!(
                "{body}\n\nCorrection: An earlier version of this story gave the toll wrongly."
            ),
            None,
        );
        let removed = rev(2, "T", body, None);
        let mut rules = RuleSet::default();
        Override::rule("correction-removed", true)
            .unwrap()
            .settings
            .apply_to(&mut rules);
        let e = evaluate(&article(vec![noted, reworded, removed]), &[], &rules);
        assert_eq!(rules_of(&e), [Rule::CorrectionRemoved], "{e:#?}");
        assert_eq!(e.violations[0].version, Some(2));
        assert!(
            e.violations[0]
                .message
                .contains("-Correction: An earlier version of this story"),
            "{e:#?}"
        );
        // A note replaced by another one is still a note.
        let replaced = rev(
            3,
            "T",
            &format!("{body}\n\nUpdate: This story has been updated with the names of the dead."),
            None,
        );
        let e = evaluate(
            &article(vec![
                rev(
                    0,
                    "T",
                    &format!("{body} Correction: We misspelled a name."),
                    None,
                ),
                replaced,
            ]),
            &[],
            &rules,
        );
        assert!(e.violations.is_empty(), "{e:#?}");
        // Off unless turned on.
        let off = evaluate(
            &article(vec![
                rev(0, "T", "A. Correction: B.", None),
                rev(1, "T", "A.", None),
            ]),
            &[],
            &RuleSet::default(),
        );
        assert!(off.violations.is_empty(), "{off:#?}");
    }

    #[test]
    fn deleted_share() {
        let old = rev(0, "T", "One here. Two here. Three here. Four here.", None);
        let new = rev(1, "T", "One here.", None);
        let rules = RuleSet::resolve(None, &[Override::max_deleted("50").unwrap()], None);
        let e = evaluate(&article(vec![old, new]), &[], &rules);
        assert_eq!(rules_of(&e), [Rule::DeletedSentences]);
        assert!(e.violations[0].message.contains("3 of 4 sentences (75%)"));
    }
}
