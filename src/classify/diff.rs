//! The classes of a whole diff: those only the two whole revisions show (`headline`,
//! `lede`, `correction`, `appended`), and every class of its ops gathered, with the
//! `names` evidence narrowed to names the article gained or lost.

use std::collections::HashSet;

use super::{Change, Class, ClassEvidence, Classifier, OpClasses, notes};
use crate::align::{Kind, Op};
use crate::article::{Revision, Side};
use crate::text::normalize::typography_key;
use crate::text::tokens::{strip_possessive, tokens};

impl Classifier<'_> {
    /// The classes of a whole diff of `old` → `new` (`ops` from the aligner, over the
    /// sentences this classifier was made with): `headline`, `lede`, `correction` and
    /// `appended`, which only the whole revisions show, and every class of its ops
    /// (`op_classes`, from [`Classifier::ops`]) with their evidence gathered. Sorted by
    /// class; a class is listed once.
    pub fn diff(
        &self,
        old: &Revision,
        new: &Revision,
        ops: &[Op],
        op_classes: &[OpClasses],
    ) -> Vec<ClassEvidence> {
        let mut out = Vec::new();
        out.extend(headline(old, new));
        out.extend(lede(old, new, ops, op_classes));
        out.extend(notes::correction(old, new, ops));
        out.extend(appended(ops));
        let mut gathered = gather(op_classes);
        if let Some(names) = gathered.iter_mut().find(|u| u.class == Class::Names) {
            self.keep_article_names(names);
        }
        if let Some(change) = title_typography(old, new) {
            match gathered.iter_mut().find(|u| u.class == Class::Typography) {
                Some(typography) => typography.changes.insert(0, change),
                None => gathered.push(ClassEvidence::new(Class::Typography, vec![change])),
            }
        }
        out.extend(gathered);
        out.sort_by_key(|c| c.class);
        out
    }

    /// Names: an op adds or removes a name against the other side of that op, but for the
    /// whole diff a name counts as removed only if the new revision no longer has it, and
    /// added only if the old one did not (a name that moved between sentences is no
    /// change of names of the article). The class stays with its ops even if no name is
    /// left.
    fn keep_article_names(&self, names: &mut ClassEvidence) {
        // Words as written (case matters, or "the bush" would keep "George Bush"), and a
        // name by its last word, as `names` keys it.
        let (old_words, new_words) = (self.words_of(Side::Old), self.words_of(Side::New));
        let key = |name: &str| -> String {
            let t = tokens(name);
            t.iter()
                .rev()
                .find(|t| t.is_word())
                .map_or(name, |t| strip_possessive(t.text))
                .to_string()
        };
        // A single capitalised word that either revision also writes in lower case is a
        // common word at the head of a sentence or clause ("Later", "Residents"), no name.
        let common = |name: &String| {
            let lower = name.to_lowercase();
            !name.contains(char::is_whitespace)
                && lower != *name
                && (old_words.contains(lower.as_str()) || new_words.contains(lower.as_str()))
        };
        let mut seen = HashSet::new();
        names.changes = std::mem::take(&mut names.changes)
            .into_iter()
            .filter_map(|ch| {
                let o = ch
                    .old
                    .filter(|n| !new_words.contains(key(n).as_str()) && !common(n));
                let n = ch
                    .new
                    .filter(|n| !old_words.contains(key(n).as_str()) && !common(n));
                (o.is_some() || n.is_some()).then(|| Change::new(o, n))
            })
            .filter(|c| seen.insert(c.clone()))
            .collect();
    }
}

/// `headline`: the titles differ in more than typography (which [`title_typography`]
/// reports). Evidence: the old title and the new.
fn headline(old: &Revision, new: &Revision) -> Option<ClassEvidence> {
    (old.title != new.title && title_typography(old, new).is_none()).then(|| {
        ClassEvidence::new(
            Class::Headline,
            vec![Change::new(old.title.clone(), new.title.clone())],
        )
    })
}

/// The title change, when both revisions have a title and they differ only in
/// punctuation, quote or dash style, case or white space: `typography`, not `headline`.
fn title_typography(old: &Revision, new: &Revision) -> Option<Change> {
    match (&old.title, &new.title) {
        (Some(a), Some(b)) if a != b && typography_key(a) == typography_key(b) => {
            Some(Change::new(Some(a.clone()), Some(b.clone())))
        }
        _ => None,
    }
}

/// `lede`: an op that changed something (not unchanged in place, not typography only)
/// touches a sentence of the first paragraph of either revision. Evidence: those ops, and
/// their sentences in the two ledes.
fn lede(
    old: &Revision,
    new: &Revision,
    ops: &[Op],
    op_classes: &[OpClasses],
) -> Option<ClassEvidence> {
    let typography_only: HashSet<usize> = op_classes
        .iter()
        .filter(|c| c.classes.iter().all(|c| c.class == Class::Typography))
        .map(|c| c.op)
        .collect();
    let first = |r: &Revision| {
        r.paragraphs()
            .first()
            .map_or(0..0, |p| p.sentence_indices())
    };
    let (old_lede, new_lede) = (first(old), first(new));
    let mut lede = ClassEvidence::new(Class::Lede, Vec::new());
    for (k, op) in ops.iter().enumerate() {
        if (op.kind == Kind::Unchanged && !op.moved) || typography_only.contains(&k) {
            continue;
        }
        let o: Vec<usize> = op
            .old
            .iter()
            .copied()
            .filter(|i| old_lede.contains(i))
            .collect();
        let n: Vec<usize> = op
            .new
            .iter()
            .copied()
            .filter(|i| new_lede.contains(i))
            .collect();
        if !o.is_empty() || !n.is_empty() {
            lede.ops.push(k);
            lede.old.extend(o);
            lede.new.extend(n);
        }
    }
    if lede.ops.is_empty() {
        return None;
    }
    lede.old.sort_unstable();
    lede.new.sort_unstable();
    Some(lede)
}

/// `appended`: sentences added after the last sentence the old revision also had (the
/// last new sentence of any op with an old side). Evidence: those ops and sentences.
fn appended(ops: &[Op]) -> Option<ClassEvidence> {
    let last = ops
        .iter()
        .filter(|op| !op.old.is_empty())
        .flat_map(|op| op.new.iter().copied())
        .max()?;
    let mut appended = ClassEvidence::new(Class::Appended, Vec::new());
    for (k, op) in ops.iter().enumerate() {
        if op.kind == Kind::Added && op.new.first().is_some_and(|&n| n > last) {
            appended.ops.push(k);
            appended.new.extend(&op.new);
        }
    }
    if appended.ops.is_empty() {
        return None;
    }
    appended.new.sort_unstable();
    Some(appended)
}

/// Every class of the ops, each once, in order of first appearance: its evidence
/// gathered in op order (each piece once) and the ops that show it.
fn gather(op_classes: &[OpClasses]) -> Vec<ClassEvidence> {
    let mut gathered: Vec<(ClassEvidence, HashSet<&Change>)> = Vec::new();
    for oc in op_classes {
        for c in &oc.classes {
            let at = match gathered.iter().position(|(u, _)| u.class == c.class) {
                Some(i) => i,
                None => {
                    gathered.push((ClassEvidence::new(c.class, Vec::new()), HashSet::new()));
                    gathered.len() - 1
                }
            };
            let (u, seen) = &mut gathered[at];
            for ch in &c.changes {
                if seen.insert(ch) {
                    u.changes.push(ch.clone());
                }
            }
            u.ops.push(oc.op);
        }
    }
    gathered.into_iter().map(|(u, _)| u).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align;
    use crate::classify::Class;
    use crate::classify::test_support::*;

    #[test]
    fn a_rewritten_lede_is_lede_wording_and_number() {
        let old = "At least 12 people were killed when a passenger train derailed near the town of Harwick on Tuesday morning, police said.\n\n\
                   The train left the tracks at 8:40 a.m. on a curve south of Harwick station.";
        let new = "The death toll from a passenger train derailment near Harwick rose to 19 on Tuesday as rescuers pulled more bodies from the overturned carriages, police said.\n\n\
                   The train left the tracks at 8:40 a.m. on a curve south of Harwick station.";
        let d = diff(old, new);
        assert_eq!(classes(&d), [Class::Lede, Class::Number, Class::Wording]);
        let lede = &d[0];
        assert_eq!(
            (lede.old.as_slice(), lede.new.as_slice()),
            (&[0][..], &[0][..])
        );
        assert_eq!(lede.ops, [0]);
        assert_eq!(changes(&d, Class::Number), [(Some("12"), Some("19"))]);
    }

    #[test]
    fn a_headline_change_and_no_lede_for_a_later_paragraph() {
        let mut o = revision(0, "Storm hits the coast.\n\nRoads were closed on Monday.");
        let mut n = revision(1, "Storm hits the coast.\n\nRoads were reopened on Friday.");
        o.title = Some("Storm hits".into());
        n.title = Some("Storm hits coast".into());
        let a: Vec<&str> = o.sentences().collect();
        let b: Vec<&str> = n.sentences().collect();
        let ops = align::align(&a, &b);
        let classifier = Classifier::new(&a, &b);
        let per_op = classifier.ops(&ops);
        let d = classifier.diff(&o, &n, &ops, &per_op);
        assert_eq!(classes(&d), [Class::Headline, Class::Wording]);
        assert_eq!(
            changes(&d, Class::Headline),
            [(Some("Storm hits"), Some("Storm hits coast"))]
        );
    }

    #[test]
    fn added_and_deleted_sentences() {
        let old = "Rebels fired on the city on Monday.\n\nTalks will resume in Geneva.";
        let new = "Rebels fired on the city on Monday.\n\n“We have nowhere to go,” said Amal Haddad, a teacher.\n\nTalks will resume in Geneva.";
        let d = diff(old, new);
        // Added in the middle: not appended.
        assert_eq!(
            classes(&d),
            [Class::Quotation, Class::Names, Class::Wording]
        );
        assert_eq!(
            changes(&d, Class::Quotation),
            [(None, Some("We have nowhere to go"))]
        );
        assert_eq!(changes(&d, Class::Names), [(None, Some("Amal Haddad"))]);
        // Nothing at all: no classes.
        assert!(diff(old, old).is_empty());
    }

    #[test]
    fn names_still_in_the_article_are_not_listed_as_removed() {
        let old = "Evacuations resumed on Wednesday, a Hezbollah media unit reported.\n\n\
                   Thousands of people left the villages near Idlib, the unit said.\n\n\
                   The deal covers four towns in Syria.";
        let new = "Evacuations resumed on Wednesday, state media reported.\n\n\
                   Thousands of people left the villages near Idlib and Madaya, the Hezbollah unit said.\n\n\
                   The deal covers four towns in Syria.";
        let d = diff(old, new);
        // Hezbollah moved from one sentence to another: per op it was removed from one
        // and added to the other, but the article still names it.
        assert_eq!(changes(&d, Class::Names), [(None, Some("Madaya"))]);
        let names = d.iter().find(|c| c.class == Class::Names).unwrap();
        assert_eq!(names.ops, [0, 1]);
        // Review finding: the article-wide check ignored case, so "the bush" kept
        // George Bush from being listed as removed.
        let d = diff(
            "The talks with George Bush and Angela Merkel went on.\n\nOfficials met in London.",
            "The talks with Angela Merkel went on.\n\nOfficials met in the bush.",
        );
        let removed: Vec<_> = changes(&d, Class::Names)
            .into_iter()
            .filter_map(|(o, _)| o)
            .collect();
        assert!(removed.iter().any(|n| n.contains("Bush")), "{d:?}");
    }
}
