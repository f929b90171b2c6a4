//! A News Sniffer scrape: a page header in front of arbitrary rows, so the fuzzer spends
//! its time in the body reader rather than in header detection.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::parse::{self, Format, Source};

const HEADER: &str = "This article is from the source 'nytimes' and was first published or seen on 5 December 2016 14:02.\n\
Version 2 Version 3\n";

fuzz_target!(|body: &str| {
    let text = format!("{HEADER}{body}");
    let _ = parse::parse(&Source::from_text("fuzz", text), Some(Format::Newssniffer));
    let _ = parse::parse(&Source::from_text("bare", body), Some(Format::Newssniffer));
});
