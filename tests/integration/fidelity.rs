//! Issue 13, "say exactly what changed on real copy": the field cases of
//! `tests/data/field-cases/` (each a small input a user met, with its right result), and
//! more cases of the same kind beside each, run through the binary's JSON change log.

use serde_json::Value;

use crate::util::{newsdiff, tempdir, write};

/// The first diff of the JSON change log of the versions `texts`, oldest first.
fn json_diff(texts: &[&str]) -> Value {
    let dir = tempdir();
    let paths: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| write(dir.path(), &format!("v{i}.txt"), t))
        .collect();
    let out = newsdiff()
        .args(["--format", "json", "--from", "text"])
        .args(&paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    log["diffs"][0].clone()
}

/// The text of a field case's file.
fn field_case(case: &str, file: &str) -> String {
    let path = crate::util::root().join(format!("tests/data/field-cases/{case}/{file}"));
    std::fs::read_to_string(path).unwrap()
}

/// The op kinds of a diff, in order.
fn kinds(diff: &Value) -> Vec<&str> {
    diff["ops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|op| op["kind"].as_str().unwrap())
        .collect()
}

/// Whether a class of this name is among the diff's classes.
fn has_class(diff: &Value, name: &str) -> bool {
    diff["classes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["class"] == name)
}

/// A quoted question or exclamation and its speech tag are one sentence, whatever the tag
/// opens with, so changing the speaker is one edited sentence with an attribution change.
#[test]
fn speech_tag_after_question_stays_with_its_quotation() {
    let field = (
        field_case("quote-then-named-speaker", "d1.txt"),
        field_case("quote-then-named-speaker", "d2.txt"),
    );
    let more = [
        (
            "“Who pays for this?” The mayor asked. Nobody answered.",
            "“Who pays for this?” One councillor asked. Nobody answered.",
        ),
        (
            "'Is it over?' Sarah Jones asked reporters. The crowd cheered.",
            "'Is it over?' She asked reporters. The crowd cheered.",
        ),
        (
            "‘We won!’ Maria Ortiz shouted. Then she cried.",
            "‘We won!’ The coach shouted. Then she cried.",
        ),
    ];
    for (old, new) in std::iter::once((field.0.as_str(), field.1.as_str())).chain(more) {
        let diff = json_diff(&[old, new]);
        assert_eq!(
            kinds(&diff),
            ["edited", "unchanged"],
            "{old:?} → {new:?}: {diff:#}"
        );
        assert!(
            has_class(&diff, "attribution"),
            "{old:?} → {new:?}: {diff:#}"
        );
    }
}

/// The changed runs of the first edited op, as `(op, text)`.
fn changed_runs(diff: &Value) -> Vec<(String, String)> {
    let op = diff["ops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|op| op["kind"] == "edited")
        .unwrap_or_else(|| panic!("no edited op: {diff:#}"));
    op_changed_runs(op)
}

/// The changed runs of one op, as `(op, text)`.
fn op_changed_runs(op: &Value) -> Vec<(String, String)> {
    op["words"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["op"] != "equal")
        .map(|w| {
            (
                w["op"].as_str().unwrap().into(),
                w["text"].as_str().unwrap().into(),
            )
        })
        .collect()
}

/// A paragraph re-wrapped at other points with one real word change shows that one word
/// replaced, and no line break or space as a change; the share of words changed counts
/// one word each way.
#[test]
fn rewrapped_paragraph_shows_only_the_word_that_changed() {
    let field = (
        field_case("rewrapped-paragraph", "r1.txt"),
        field_case("rewrapped-paragraph", "r2.txt"),
    );
    let more = [
        (
            "Crews worked through the night to restore power to\nabout 2,000 homes, the utility said.",
            "Crews worked through the\nnight to restore electricity to about\n2,000 homes,  the utility said.",
            ("power", "electricity"),
        ),
        (
            "\tThe council voted\r\non Tuesday to close the\r\nlibrary early.",
            "\tThe council voted on\r\nMonday to close the library\r\nearly.",
            ("Tuesday", "Monday"),
        ),
    ];
    let field_row = (field.0.as_str(), field.1.as_str(), ("routes", "services"));
    for (old, new, (gone, came)) in std::iter::once(field_row).chain(more) {
        // A blank line, so that the plain reader takes the lines as wrapping, not as
        // paragraphs of their own.
        let (old, new) = (
            format!("{old}\n\nMore soon."),
            format!("{new}\n\nMore soon."),
        );
        let diff = json_diff(&[&old, &new]);
        let want = [
            ("delete".to_string(), gone.to_string()),
            ("insert".to_string(), came.to_string()),
        ];
        assert_eq!(changed_runs(&diff), want, "{old:?} → {new:?}");
        let stats = &diff["stats"];
        assert_eq!(stats["words_added"], 1, "{stats}");
        assert_eq!(stats["words_removed"], 1, "{stats}");
    }
}

/// `newsdiff check --enable number-change` on an archive of one article with the
/// versions `texts`: whether it passed, and its report.
fn number_change_check(texts: &[&str]) -> (bool, String) {
    let dir = tempdir();
    let paths: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| write(dir.path(), &format!("v{i}.txt"), t))
        .collect();
    let article = newsdiff()
        .args(["split", "--format", "json", "--from", "text"])
        .args(&paths)
        .output()
        .unwrap();
    assert!(article.status.success());
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    write(&archive, "story.json", &article.stdout);
    let out = newsdiff()
        .args(["check", "--no-progress", "--enable", "number-change"])
        .arg(&archive)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.success(), report)
}

/// A wire story's new version carries a bracketed tag: `(Corrects ...)` is a correction
/// note, `(Updates with ...)`, `(Adds ...)`, `(Recasts ...)` are update notes, as are the
/// notes papers write in words, at the top or the foot of the story. Each raises the
/// `correction` class, and so excuses the number change it explains.
#[test]
fn wire_correction_and_update_tags_are_notes() {
    let (v1, v2) = (
        field_case("wire-correction-tag", "v1.txt"),
        field_case("wire-correction-tag", "v2.txt"),
    );
    let body = |n: &str| {
        format!(
            "LONDON, May 3 (Reuters) - The bank raised rates to {n} percent, its highest in \
             a decade.\n\nMarkets were calm."
        )
    };
    let tagged = [
        format!("(Updates with market reaction)\n\n{}", body("5.25")),
        format!(
            "[Adds analyst quotes in paragraphs 3-4]\n\n{}",
            body("5.25")
        ),
        format!("(Recasts lead, adds detail)\n\n{}", body("5.25")),
        format!(
            "(CORRECTS rate in paragraph 1 to 5.25 percent, not 5.5 percent) {}",
            body("5.25")
        ),
        format!(
            "{}\n\nThis article was amended on 4 May 2024 to correct the rate.",
            body("5.25")
        ),
        format!(
            "{}\n\nEditor's note: An earlier version of this story gave the wrong rate.",
            body("5.25")
        ),
    ];
    let old_body = body("5.5");
    let cases = std::iter::once((v1.as_str(), v2.as_str()))
        .chain(tagged.iter().map(|new| (old_body.as_str(), new.as_str())));
    assert!(has_class(&json_diff(&[&v1, &v2]), "number"));
    for (old, new) in cases {
        let diff = json_diff(&[old, new]);
        assert!(has_class(&diff, "correction"), "{new:?}: {diff:#}");
        let (passed, report) = number_change_check(&[old, new]);
        assert!(passed, "{new:?}:\n{report}");
    }
    // Without a tag the same number change is a violation: the check can fail.
    let (passed, report) = number_change_check(&[&old_body, &body("5.25")]);
    assert!(!passed, "{report}");
}

/// Chinese and Japanese are written without spaces: an edit inside a sentence is one
/// edited sentence with the changed characters marked, not a sentence deleted and added.
#[test]
fn cjk_sentence_edit_marks_the_changed_characters() {
    let (v1, v2) = (
        field_case("cjk-copy", "v1.txt"),
        field_case("cjk-copy", "v2.txt"),
    );
    let diff = json_diff(&[&v1, &v2]);
    assert_eq!(kinds(&diff), ["edited", "edited"], "{diff:#}");
    let ops = diff["ops"].as_array().unwrap();
    let pair = |op: &str, text: &str| (op.to_string(), text.to_string());
    assert_eq!(
        op_changed_runs(&ops[1]),
        [
            pair("delete", "9"),
            pair("insert", "10"),
            pair("insert", "大きく")
        ]
    );
    let more = [
        (
            "北京市气象台今天发布暴雨黄色预警。\n\n市民应减少外出。",
            "北京市气象台今天发布暴雨红色预警。\n\n市民应减少外出。",
            vec![pair("delete", "黄"), pair("insert", "红")],
        ),
        (
            "政府は来年度の予算を5兆円増やす方針だ。\n\n詳細は未定だ。",
            "政府は来年度の防衛予算を6兆円増やす方針を固めた。\n\n詳細は未定だ。",
            vec![
                pair("insert", "防衛"),
                pair("delete", "5"),
                pair("insert", "6"),
                pair("delete", "だ"),
                pair("insert", "を固めた"),
            ],
        ),
    ];
    for (old, new, want) in more {
        let diff = json_diff(&[old, new]);
        assert_eq!(kinds(&diff), ["edited", "unchanged"], "{diff:#}");
        assert_eq!(op_changed_runs(&diff["ops"][0]), want, "{old} → {new}");
    }
}

/// A quotation and the words that carry it are one sentence in Japanese (`「…。」と言った`,
/// even when the quotation holds two sentences) and in French (`« … ! » a lancé`, with
/// narrow no-break spaces), so changing the speaker or the verb is one edited sentence,
/// not the tag cut off as a sentence of its own.
#[test]
fn quotation_and_its_tag_are_one_sentence_in_japanese_and_french() {
    let pairs = [
        (
            "「もう帰る。」と彼は言った。雨が降っていた。",
            "「もう帰る。」と彼女は言った。雨が降っていた。",
        ),
        (
            "首相は「対策を急ぐ。補正予算も組む。」と述べた。野党は反発している。",
            "首相は「対策を急ぐ。補正予算も組む。」と強調した。野党は反発している。",
        ),
        (
            "«\u{202f}C'est une honte\u{202f}!\u{202f}» a lancé la maire. La séance a été suspendue.",
            "«\u{202f}C'est une honte\u{202f}!\u{202f}» a lancé le préfet. La séance a été suspendue.",
        ),
    ];
    for (old, new) in pairs {
        let diff = json_diff(&[old, new]);
        assert_eq!(
            kinds(&diff),
            ["edited", "unchanged"],
            "{old:?} → {new:?}: {diff:#}"
        );
    }
}

/// The side-by-side layout keeps every line within the width in terminal cells, wide
/// characters (CJK, emoji) counted as two, with and without colour.
#[test]
fn side_layout_counts_wide_characters_as_two_cells() {
    use unicode_width::UnicodeWidthStr;
    let dir = crate::util::root().join("tests/data/field-cases/cjk-copy");
    let long_cjk = "東京都は10日、強風のため交通機関が大きく乱れたと発表した。".repeat(4);
    let tmp = tempdir();
    let a = write(
        tmp.path(),
        "a.txt",
        format!("{long_cjk}\n\n絵文字🌊🌊のテスト。"),
    );
    let b = write(
        tmp.path(),
        "b.txt",
        format!("{long_cjk}追加。\n\n絵文字🌊🌊🌊のテスト。"),
    );
    let inputs = [
        [dir.join("v1.txt"), dir.join("v2.txt")],
        [a.into(), b.into()],
    ];
    for [old, new] in &inputs {
        for width in [40usize, 60, 80] {
            for colour in ["never", "always"] {
                let out = newsdiff()
                    .args(["--layout", "side", "--no-pager", "--color", colour])
                    .args(["--width", &width.to_string()])
                    .arg(old)
                    .arg(new)
                    .output()
                    .unwrap();
                assert!(out.status.success());
                let text = String::from_utf8(out.stdout).unwrap();
                for line in text.lines() {
                    let plain = strip_escapes(line);
                    assert!(
                        plain.width() <= width,
                        "{width}: {} cells: {plain:?}",
                        plain.width()
                    );
                }
            }
        }
    }
}

/// A line without its colour escapes (`ESC [ ... m`).
fn strip_escapes(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().take_while(|&d| d != 'm').for_each(drop);
        } else {
            out.push(c);
        }
    }
    out
}

/// The JSON change log of a JSON article with these `(title, text)` versions.
fn json_article_diff(versions: &[(&str, &str)]) -> Value {
    let revisions: Vec<Value> = versions
        .iter()
        .enumerate()
        .map(|(i, (title, text))| {
            let paragraphs: Vec<&str> = text.split("\n\n").collect();
            serde_json::json!({"version": i, "title": title, "paragraphs": paragraphs})
        })
        .collect();
    let article = serde_json::json!({"article": {}, "revisions": revisions});
    let dir = tempdir();
    let path = write(dir.path(), "a.json", article.to_string());
    let out = newsdiff()
        .args(["--format", "json", "--from", "json", &path])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    log["diffs"][0].clone()
}

/// The names the whole diff lists, old and new.
fn names_listed(diff: &Value) -> Vec<String> {
    diff["classes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["class"] == "names")
        .flat_map(|c| c["changes"].as_array().unwrap().clone())
        .flat_map(|ch| [ch["old"].clone(), ch["new"].clone()])
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}

/// `names` lists proper names only: no demonyms, no month or weekday abbreviations, no
/// common word that has a capital only because it opens a sentence or clause.
#[test]
fn names_are_proper_names_only() {
    let title = "Storm";
    let cases = [
        (
            "The talks began on Jan. 5 in Geneva.\n\nMore talks are planned.",
            "The talks began on Feb. 5 in Geneva, where Russians and Chinese envoys met \
             Olena Kovalenko.\n\nMore talks are planned.",
            vec!["Olena Kovalenko"],
        ),
        (
            "Ukrainian officials said the dam held.\n\nEngineers were later sent.",
            "Ukrainian officials said the dam held. Later, Syrian and Turkish crews joined \
             Mayor Tom Ellery.\n\nEngineers were later sent.",
            vec!["Mayor Tom Ellery"],
        ),
    ];
    for (old, new, want) in cases {
        let diff = json_article_diff(&[(title, old), (title, new)]);
        assert_eq!(names_listed(&diff), want, "{new}");
    }
}

/// A headline that changes only in typography (quotes, dashes, case) is `typography`,
/// not `headline`; a reworded one is still `headline`.
#[test]
fn headline_typography_is_typography() {
    let body = "The bridge will close on Monday.\n\nDrivers should plan ahead.";
    for (old, new) in [
        (
            "Mayor's \"last chance\" plan - what it means",
            "Mayor’s “last chance” plan — what it means",
        ),
        ("Bridge To Close For Repairs", "Bridge to close for repairs"),
    ] {
        let diff = json_article_diff(&[(old, body), (new, body)]);
        assert!(has_class(&diff, "typography"), "{diff:#}");
        assert!(!has_class(&diff, "headline"), "{diff:#}");
    }
    let diff = json_article_diff(&[("Bridge to close", body), ("Bridge to reopen", body)]);
    assert!(
        has_class(&diff, "headline") && !has_class(&diff, "typography"),
        "{diff:#}"
    );
}

/// A version an extraction cut short: the first `keep` paragraphs of `text`, the last of
/// them cut in the middle when `truncate`.
fn cut_short(text: &str, keep: usize, truncate: bool) -> String {
    let mut paragraphs: Vec<String> = text
        .trim_end()
        .split("\n\n")
        .take(keep)
        .map(String::from)
        .collect();
    if truncate && let Some(last) = paragraphs.last_mut() {
        let half = last.char_indices().nth(last.chars().count() / 2).unwrap().0;
        last.truncate(half);
    }
    paragraphs.join("\n\n") + "\n"
}

#[test]
fn an_extraction_that_lost_paragraphs_counts_them_as_deleted() {
    let full = crate::util::sample_text("toll-update/v2.txt");
    for (keep, truncate) in [(1, false), (2, false), (2, true), (3, true)] {
        let short = cut_short(&full, keep, truncate);
        let diff = &json_diff(&[&full, &short]);
        let ops = diff["ops"].as_array().unwrap();
        // Every sentence the cut version lost is a deletion of its own: no op joins
        // several old sentences into one that kept only some of their words.
        let joined: Vec<&Value> = ops
            .iter()
            .filter(|op| op["old"].as_array().unwrap().len() > 1)
            .collect();
        assert!(
            joined.is_empty(),
            "keep {keep}, truncate {truncate}: {joined:?}"
        );
        let old = diff["stats"]["sentences_old"].as_u64().unwrap();
        let new = diff["stats"]["sentences_new"].as_u64().unwrap();
        let deleted = diff["stats"]["deleted"].as_u64().unwrap();
        assert_eq!(deleted, old - new, "keep {keep}, truncate {truncate}");
        // So `--max-deleted-percent` sees the loss.
        let dir = tempdir();
        std::fs::create_dir(dir.path().join("story")).unwrap();
        write(dir.path(), "story/1.txt", &full);
        write(dir.path(), "story/2.txt", &short);
        let out = newsdiff()
            .args([
                "check",
                dir.path().to_str().unwrap(),
                "--max-deleted-percent",
                "40",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "keep {keep}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("deleted-sentences"));
    }
}
