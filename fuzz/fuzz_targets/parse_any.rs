//! Any bytes as an input file: decoding (UTF-8, UTF-16, the refusals), format detection
//! and whichever parser it picks, then each parser forced on the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::parse::{self, Format, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = parse::decode(data.to_vec()) else {
        return;
    };
    let source = Source::from_text("fuzz", text);
    let _ = parse::parse(&source, None);
    for format in [
        Format::Text,
        Format::Json,
        Format::Newssniffer,
        Format::Versions,
        Format::Newsdiffs,
        Format::Html,
        Format::Warc,
    ] {
        let _ = parse::parse(&source, Some(format));
    }
});
