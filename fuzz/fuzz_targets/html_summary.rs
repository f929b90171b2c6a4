//! Arbitrary HTML as the stored summary of two versions in a JSON Lines archive: the
//! HTML reducer turns it into paragraphs, then every rule runs on the result.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|html: &str| {
    let (a, b) = html.split_at(html.char_indices().nth(html.chars().count() / 2).map_or(0, |(i, _)| i));
    let lines: Vec<String> = [a, b]
        .iter()
        .enumerate()
        .map(|(v, h)| serde_json::json!({"article": "a", "version": v, "html": h}).to_string())
        .collect();
    common::check_archive("archive.jsonl", lines.join("\n").as_bytes());
});
