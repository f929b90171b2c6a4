//! Generated cases: a corpus pair's two versions grouped into paragraphs, with the lines
//! real copy carries, a title, and the page's header variant.

use std::collections::HashMap;

use chrono::{Duration, TimeZone, Utc};
use newsdiff::dev::newssniffer::{self, page};
use serde_json::Value;

use crate::{Case, Rng, sentences_of};

/// Names for credit lines.
const NAMES: [&str; 8] = [
    "Tom Perry",
    "Lisa Barrington",
    "John Stonestreet",
    "Angus MacSwan",
    "Dominic Evans",
    "Sami Aboudi",
    "Peter Graff",
    "Mark Heinrich",
];

/// Lines real copy carries besides its sentences, which end without sentence-final
/// punctuation (the audit's misses): agency tags, a boilerplate line (twice), a URL.
const TAGS: [&str; 4] = ["Reuters", "More follows", "AP", "AFP"];
const BOILERPLATE: [&str; 3] = [
    "Sign up for our morning briefing here",
    "Follow us on Twitter @newsdesk",
    "Read more: Syria's war in maps",
];

/// A paragraph's length in sentences, one to six, as news copy runs.
fn paragraph_target(rng: &mut Rng) -> usize {
    match rng.below(100) {
        0..=34 => 1,
        35..=64 => 2,
        65..=79 => 3,
        80..=89 => 4,
        90..=94 => 5,
        _ => 6,
    }
}

/// Quotation marks as copy has them: a sentence may open a quote that runs on into the
/// next paragraph (no closing mark), or close with the mark after a space. Decided by
/// the sentence's own hash, so a sentence kept between versions keeps its marks.
fn quote_marks(s: &str, seed: &str) -> String {
    if s.contains(['"', '“', '”']) || s.contains("''") {
        return s.to_string();
    }
    match Rng::new(&format!("{seed}|{s}")).below(16) {
        0 => format!("“{s}"),
        1 if newssniffer::body::ends_paragraph(s) => format!("“{s} ”"),
        _ => s.to_string(),
    }
}

/// The article's extra lines: which occur and what they say, the same for both versions
/// except where an update changes them (the editor of a credit line, a `More follows`
/// dropped).
struct Extras {
    credit: Option<(String, String)>,
    url: Option<String>,
    tag: Option<(&'static str, bool)>,
    boilerplate: Option<&'static str>,
}

impl Extras {
    fn draw(rng: &mut Rng) -> Extras {
        let name = |rng: &mut Rng| NAMES[rng.below(NAMES.len() as u64) as usize];
        let credit = (rng.below(4) == 0).then(|| {
            let old = format!("(Reporting by {}; Editing by {})", name(rng), name(rng));
            let new = if rng.below(2) == 0 {
                old.replace(')', &format!(" and {})", name(rng)))
            } else {
                old.clone()
            };
            (old, new)
        });
        let url = (rng.below(6) == 0).then(|| match rng.below(2) {
            0 => format!("http://reut.rs/{:x}", rng.next() % 0xffffff),
            _ => format!(
                "Read more at https://www.example.com/news/{}",
                rng.below(99999)
            ),
        });
        let tag = (rng.below(6) == 0).then(|| {
            let t = TAGS[rng.below(TAGS.len() as u64) as usize];
            (t, t == "More follows" || rng.below(3) == 0)
        });
        let boilerplate =
            (rng.below(6) == 0).then(|| BOILERPLATE[rng.below(BOILERPLATE.len() as u64) as usize]);
        Extras {
            credit,
            url,
            tag,
            boilerplate,
        }
    }

    /// Adds the extra paragraphs to one version's paragraphs.
    fn apply(&self, paras: &mut Vec<String>, new: bool) {
        if let Some(b) = self.boilerplate {
            let at = paras.len().min(2);
            paras.insert(at, b.to_string());
            paras.push(b.to_string());
        }
        if let Some(u) = &self.url {
            let at = paras.len().min(4);
            paras.insert(at, u.clone());
        }
        if let Some((t, dropped)) = self.tag
            && !(new && dropped)
        {
            paras.push(t.to_string());
        }
        if let Some((old, newer)) = &self.credit {
            paras.push(if new { newer.clone() } else { old.clone() });
        }
    }
}

pub(crate) fn make_case(i: usize, key: &str, v: &Value, seed: &str) -> Case {
    let mut versions: Vec<u64> = v["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["version"].as_u64())
        .collect();
    versions.sort_unstable();
    versions.dedup();
    let (vx, vy) = (versions[0], *versions.last().expect("two versions"));
    let old_s: Vec<String> = sentences_of(v, vx)
        .iter()
        .map(|s| quote_marks(s, seed))
        .collect();
    let new_s: Vec<String> = sentences_of(v, vy)
        .iter()
        .map(|s| quote_marks(s, seed))
        .collect();
    let mut rng = Rng::new(&format!("{seed}/{key}"));
    // Paragraph breaks: random for the old version (one to six sentences); a new sentence
    // equal to an old one keeps that sentence's break.
    let mut old_break: HashMap<String, bool> = HashMap::new();
    let mut group = |sents: &[String], rng: &mut Rng, inherit: bool| -> Vec<String> {
        let mut paras = Vec::new();
        let mut cur: Vec<&str> = Vec::new();
        let mut target = paragraph_target(rng);
        for (j, s) in sents.iter().enumerate() {
            cur.push(s);
            // A paragraph ends only where a sentence really ends: NewsEdits' splitter
            // sometimes cuts after an abbreviation, and no page breaks a paragraph there.
            let can_break = sents.get(j + 1).is_none_or(|next| {
                newssniffer::body::ends_paragraph(s) && newsdiff::dev::segment::is_boundary(s, next)
            });
            let brk = can_break
                && match old_break.get(s.as_str()) {
                    Some(&b) if inherit => b,
                    _ => cur.len() >= target,
                };
            if !inherit {
                old_break.insert(s.clone(), brk);
            }
            if brk || j + 1 == sents.len() {
                paras.push(cur.join(" "));
                cur.clear();
                target = paragraph_target(rng);
            }
        }
        paras
    };
    let mut old = group(&old_s, &mut rng, false);
    let mut new = group(&new_s, &mut rng, true);
    let extras = Extras::draw(&mut rng);
    extras.apply(&mut old, false);
    extras.apply(&mut new, true);
    let title_of = |s: &str| -> String {
        s.split_whitespace()
            .take(9)
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches([',', '.', ':', ';', '-'])
            .to_string()
    };
    let old_title = title_of(old_s.first().map(String::as_str).unwrap_or("Untitled"));
    let new_title = match rng.below(6) {
        0 | 1 => title_of(new_s.first().map(String::as_str).unwrap_or("Untitled")),
        2 => format!("UPDATE 1-{old_title}"),
        _ => old_title.clone(),
    };
    let header = Header {
        i,
        key,
        versions: (vx, vy),
        titles: (old_title.clone(), new_title.clone()),
    };
    let spec = header.spec(&mut rng, seed);
    Case {
        key: key.to_string(),
        old,
        new,
        old_title,
        new_title,
        spec,
    }
}

/// What a page's header is made from.
struct Header<'a> {
    /// The pair's index in the corpus: the header variants cycle with it.
    i: usize,
    key: &'a str,
    versions: (u64, u64),
    titles: (String, String),
}

impl Header<'_> {
    /// The page's spec: source and URL from the key, times, and the header variant.
    fn spec(self, rng: &mut Rng, seed: &str) -> page::PageSpec {
        let source = self
            .key
            .trim_start_matches("('")
            .split('\'')
            .next()
            .unwrap_or("news")
            .to_string();
        let t0 = Utc
            .with_ymd_and_hms(2014, 7, 17, 9, 0, 0)
            .single()
            .expect("valid time")
            + Duration::minutes(rng.below(60 * 24 * 365) as i64);
        let t1 = t0 + Duration::minutes(1 + rng.below(60 * 30) as i64);
        // The header variants cycle with the index, shifted by the seed.
        let i = self.i + rng.below(420) as usize * usize::from(!seed.is_empty());
        let (vx, vy) = self.versions;
        page::PageSpec {
            source,
            url: format!(
                "http://www.example.com/{}",
                self.key.replace(['(', ')', '\'', ' ', ','], "")
            ),
            versions_stored: vy + 1 + rng.below(4),
            old_version: vx,
            new_version: vy,
            old_title: self.titles.0,
            new_title: self.titles.1,
            times: i
                .is_multiple_of(2)
                .then(|| (t0.fixed_offset(), t1.fixed_offset())),
            period: "about 2 hours".into(),
            pagination: i.is_multiple_of(3),
            crlf: i % 4 == 1,
            final_newline: i % 5 != 2,
            collapse: i % 7 != 3,
        }
    }
}
