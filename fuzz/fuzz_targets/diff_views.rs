//! Two arbitrary texts: the diff must be consistent with both, rebuild both byte for
//! byte from its JSON, and render in every view without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdiff::render::{self, terminal};
use newsdiff::{Article, ChangeLog, Revision};

fuzz_target!(|pair: (&str, &str)| {
    let (Ok(old), Ok(new)) = (
        Revision::from_text(0, pair.0.to_string()),
        Revision::from_text(1, pair.1.to_string()),
    ) else {
        return;
    };
    let article = Article {
        meta: Default::default(),
        revisions: vec![old, new],
    };
    let log = ChangeLog::consecutive(&article, Vec::new());
    let (a, b) = log.pair(&log.diffs[0]);
    log.diffs[0].check(a, b).expect("a diff describes its revisions");
    let json = render::json::render(&log);
    let back: ChangeLog = serde_json::from_str(&json).expect("a change log reads back");
    assert_eq!(back.pair(&back.diffs[0]).0.text(), pair.0);
    assert_eq!(back.pair(&back.diffs[0]).1.text(), pair.1);
    for layout in [terminal::Layout::Inline, terminal::Layout::Side] {
        for color in [false, true] {
            let opts = terminal::Options { color, layout, width: 60, ..Default::default() };
            let _ = terminal::render(&log, &opts);
        }
    }
    let context = render::Context::default();
    let _ = render::html::render(&log, &context);
    let _ = render::markdown::render(&log, &context);
    let _ = render::log::render_terminal(&log, true);
    let _ = render::log::render_json(&log);
});
