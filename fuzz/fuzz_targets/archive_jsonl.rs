//! Any bytes as a JSON Lines archive, checked with every policy on.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::check_archive("archive.jsonl", data));
