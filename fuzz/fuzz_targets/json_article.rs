//! A JSON article, read and then written back: what reads must write and read again to
//! the same revisions.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::parse::{self, Format, Source};

fuzz_target!(|text: &str| {
    let Ok(parsed) = parse::parse(&Source::from_text("fuzz", text), Some(Format::Json)) else {
        return;
    };
    let doc = newsdiff::ArticleDoc::from_article(&parsed.article, parsed.warnings);
    let written = serde_json::to_string(&doc).expect("an article serialises");
    let again = parse::parse(&Source::from_text("again", written), Some(Format::Json))
        .expect("what newsdiff writes, it reads");
    assert_eq!(again.article.revisions, parsed.article.revisions);
});
