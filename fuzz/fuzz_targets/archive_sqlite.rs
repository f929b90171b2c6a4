//! Any bytes as a diffengine or NewsEdits SQLite database: a corrupt database is a
//! reported problem, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::check_archive("archive.db", data));
