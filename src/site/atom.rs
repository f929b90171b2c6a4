//! The Atom feed of the site: the newest changes, one entry per pair of versions.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, Utc};

use crate::xml;

/// Changes listed in the feed at most.
const FEED_ENTRIES: usize = 200;

/// One change in the feed.
pub(super) struct Entry {
    /// A stable id: `urn:newsdiff:SLUG:FROM:TO`.
    pub id: String,
    pub title: String,
    /// The change on its article's page, relative to the feed.
    pub link: String,
    /// When the newer version was published, if known.
    pub time: Option<DateTime<FixedOffset>>,
    pub summary: String,
}

/// The feed of the newest [`FEED_ENTRIES`] of `entries` (by time, then id). Its
/// `updated` is the newest entry's time; without any, now, which entries without a
/// time take too.
pub(super) fn feed(mut entries: Vec<Entry>) -> String {
    entries.sort_by(|a, b| b.time.cmp(&a.time).then(a.id.cmp(&b.id)));
    entries.truncate(FEED_ENTRIES);
    let now = Utc::now().fixed_offset();
    let updated = entries.iter().filter_map(|e| e.time).max().unwrap_or(now);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str("<title>Article changes</title>\n<id>urn:newsdiff:feed</id>\n");
    out.push_str("<link href=\"index.html\"/>\n");
    let _ = writeln!(out, "<updated>{}</updated>", updated.to_rfc3339());
    out.push_str("<author><name>newsdiff</name></author>\n");
    for e in &entries {
        let _ = writeln!(
            out,
            "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{}</updated>\
             <summary>{}</summary></entry>",
            xml::escape(&e.title),
            xml::escape(&e.id),
            xml::escape(&e.link),
            e.time.unwrap_or(updated).to_rfc3339(),
            xml::escape(&e.summary)
        );
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_stays_well_formed_xml_whatever_the_titles_hold() {
        let feed = feed(vec![Entry {
            id: "urn:x".into(),
            title: "A \u{1}bell & <b>".into(),
            link: "articles/a.html#v0-v1".into(),
            time: None,
            summary: "+1 added".into(),
        }]);
        assert!(
            feed.contains("<title>A bell &amp; &lt;b&gt;</title>"),
            "{feed}"
        );
        assert!(!feed.contains('\u{1}'));
    }
}
