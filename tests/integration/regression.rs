//! Regression tests, each named after the fault it pins: what a user saw go wrong, so
//! that it cannot come back unnoticed. A test here failed on the code before its fix.

use crate::util::{newsdiff, stderr_of, stdout_of, tempdir, write};

/// `newsdiff chek x` was read as the file `chek` and reported missing, with no hint
/// that a subcommand was meant.
#[test]
fn mistyped_subcommand_was_read_as_a_missing_file() {
    let out = newsdiff().args(["chek", "samples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("did you mean 'check'?"), "{err}");
    // A real file of that name is still read as a file, and a name far from every
    // subcommand is still just a missing file.
    let out = newsdiff().args(["zzzz", "samples"]).output().unwrap();
    assert!(stderr_of(&out).contains("zzzz: no such file"));
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// A UTF-16 file with a byte order mark (Notepad's "Unicode") was refused as "binary
/// data"; it is read like any other text.
#[test]
fn utf16_file_with_a_byte_order_mark_was_called_binary_data() {
    let dir = tempdir();
    let old = write(
        dir.path(),
        "old.txt",
        utf16le("The bridge will close for 2 weeks."),
    );
    let new = write(
        dir.path(),
        "new.txt",
        utf16le("The bridge will close for 3 weeks."),
    );
    let out = newsdiff()
        .args([&old, &new, "--color", "never"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("[-2-]{+3+}"),
        "{}",
        stdout_of(&out)
    );
}

/// A UTF-8 file cut inside a character was told to convert from Windows-1252, which
/// would have garbled the rest of it.
#[test]
fn utf8_cut_inside_a_character_was_told_to_convert_from_windows_1252() {
    let dir = tempdir();
    let cut = write(dir.path(), "cut.txt", b"Caf\xC3\xA9 owner appeals. Caf\xC3");
    let ok = write(dir.path(), "ok.txt", "Café owner appeals.");
    let out = newsdiff().args([&ok, &cut]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("cut short"), "{err}");
    assert!(!err.contains("WINDOWS-1252"), "{err}");
    let latin = write(dir.path(), "latin.txt", b"Caf\xE9 owner appeals.");
    let err = stderr_of(&newsdiff().args([&ok, &latin]).output().unwrap());
    assert!(err.contains("WINDOWS-1252"), "{err}");
}

/// A JSON article whose version is the largest u64, followed by a revision with no
/// version, panicked a debug build (`attempt to add with overflow`) and wrapped to
/// version 0 in release, so the diff ran backwards and exited 0.
#[test]
fn version_after_u64_max_overflowed_to_zero() {
    let dir = tempdir();
    let json = r#"{"revisions": [
        {"version": 18446744073709551615, "text": "The bridge will close."},
        {"text": "The bridge will close on Monday."}]}"#;
    let path = write(dir.path(), "a.json", json);
    let out = newsdiff().arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("version 18446744073709551615"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The same through a text file given after the JSON article.
    let last = r#"{"revisions": [{"version": 18446744073709551615, "text": "One."}]}"#;
    let one = write(dir.path(), "one.json", last);
    let two = write(dir.path(), "two.txt", "Two.");
    let out = newsdiff().args([&one, &two]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("18446744073709551615"));
}

/// `-o` named one of the inputs and overwrote a version with the diff of it.
#[test]
fn output_file_could_overwrite_an_input() {
    let dir = tempdir();
    let old = write(dir.path(), "old.txt", "The bridge will close.");
    let new = write(dir.path(), "new.txt", "The bridge will close on Monday.");
    let other_spelling = format!("{}/./new.txt", dir.path().display());
    for args in [
        vec![old.as_str(), new.as_str(), "-o", other_spelling.as_str()],
        vec!["log", old.as_str(), new.as_str(), "-o", old.as_str()],
        vec!["split", old.as_str(), new.as_str(), "-o", new.as_str()],
        vec!["check", old.as_str(), "-o", old.as_str()],
    ] {
        let out = newsdiff().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr_of(&out).contains("is one of the inputs"), "{args:?}");
    }
    assert_eq!(
        std::fs::read_to_string(&old).unwrap(),
        "The bridge will close."
    );
    assert_eq!(
        std::fs::read_to_string(&new).unwrap(),
        "The bridge will close on Monday."
    );
}

/// `check` of an empty directory, an empty JSON Lines file or a folder with only a
/// README printed PASS and exited 0: a CI job pointed at the wrong place went green.
#[test]
fn check_of_nothing_passed() {
    let dir = tempdir();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let jsonl = write(dir.path(), "none.jsonl", "");
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    write(&notes, "README.md", "What this archive is.");
    for path in [empty.to_str().unwrap(), &jsonl, notes.to_str().unwrap()] {
        let out = newsdiff()
            .args(["check", "--no-progress", path])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{path}");
        assert!(!stdout_of(&out).contains("PASS"), "{path}");
        let err = stderr_of(&out);
        assert!(err.contains("no article found to check"), "{err}");
        assert!(err.contains(path), "{err}");
    }
}

/// A FIFO inside an archive directory blocked `check` and `report` forever: opening it
/// waits for a writer. It is reported and skipped, and the rest is checked.
#[cfg(unix)]
#[test]
fn fifo_in_an_archive_hung_check_and_report() {
    let dir = tempdir();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    write(&archive, "story.txt", "The bridge will close.");
    let fifo = archive.join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let archive_s = archive.to_str().unwrap();
    let site = dir.path().join("site");
    for args in [
        vec!["check", "--no-progress", archive_s],
        vec!["report", archive_s, "-o", site.to_str().unwrap()],
    ] {
        let out = newsdiff()
            .args(&args)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        let said = format!("{}{}", stdout_of(&out), stderr_of(&out));
        assert!(said.contains("pipe") && said.contains("FIFO"), "{said}");
    }
    // The rest was checked: the story's page was written.
    assert!(site.join("index.html").is_file());
}

/// `check … | head` exited 0 though violations had been found, so a `set -o pipefail`
/// job went green: the reader closing the pipe is no reason to lose the verdict.
#[test]
fn closed_pipe_turned_violations_into_success() {
    let dir = tempdir();
    for i in 0..40 {
        let article = dir.path().join(format!("story{i:02}"));
        std::fs::create_dir(&article).unwrap();
        write(&article, "1.txt", "The bridge will close.");
        write(&article, "2.txt", "");
    }
    let mut child = crate::util::newsdiff_std()
        .args([
            "check",
            "--no-progress",
            "-j",
            "1",
            dir.path().to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader leaves before reading anything
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

/// An archive article that repeats a version number made `report` publish the old text
/// as the new one (revisions were looked up by version number) and exit 0.
#[test]
fn repeated_version_number_published_the_old_text_as_the_new() {
    let dir = tempdir();
    let lines = [
        (1, "The bridge will close."),
        (2, "The bridge will close on Monday."),
        (2, "The bridge will close on Tuesday."),
    ]
    .map(|(v, text)| {
        serde_json::json!({"article": "bridge", "version": v, "title": "Bridge", "text": text})
            .to_string()
    });
    let archive = write(dir.path(), "feed.jsonl", lines.join("\n") + "\n");
    let site = dir.path().join("site");
    let out = newsdiff()
        .args(["report", &archive, "-o", site.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let page = std::fs::read_dir(site.join("articles"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .next()
        .unwrap();
    // The last diff is Monday → Tuesday, not Monday → Monday.
    assert!(page.contains("Monday</del><ins>"), "{page}");
    assert!(page.contains("Tuesday</ins>"), "{page}");
    assert!(
        page.contains("version 2 is given to two revisions"),
        "{page}"
    );
}

/// The same change log panicked the side-by-side view through the library (`index out of
/// bounds`): it looked the new revision up by its number and found the wrong one.
#[test]
fn repeated_version_number_panicked_the_side_by_side_view() {
    use newsdiff::ChangeLog;
    use newsdiff::render::terminal::{self, Layout, Options};
    use newsdiff::{Article, Revision};
    let revision = |v: u64, text: &str| Revision::from_text(v, text.to_string()).unwrap();
    let article = Article {
        meta: Default::default(),
        revisions: vec![
            revision(1, "The bridge will close."),
            revision(
                1,
                "The bridge will close. Drivers should use the tunnel. It is free.",
            ),
        ],
    };
    let log = ChangeLog::consecutive(&article, Vec::new());
    let opts = Options {
        layout: Layout::Side,
        ..Options::default()
    };
    let shown = terminal::render(&log, &opts);
    assert!(shown.contains("Drivers should use the tunnel."), "{shown}");
    let back: ChangeLog = serde_json::from_str(&newsdiff::render::json::render(&log)).unwrap();
    assert_eq!(
        back.pair(&back.diffs[0]).1.text(),
        article.revisions[1].text()
    );
}

/// Escape sequences in archive data reached the user's terminal: the human `check`
/// report printed article ids raw, and a JSON article's `warnings` went raw to stderr,
/// so an archive could retitle the terminal or clear the screen. Every command and every
/// output is fed ESC, BEL and CSI sequences here; none may come out raw.
#[test]
fn escape_sequences_from_input_data_reached_the_terminal() {
    const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";
    let dir = tempdir();
    let article = serde_json::json!({
        "article": {"title": format!("Bridge {EVIL}"), "id": format!("id{EVIL}")},
        "revisions": [
            {"version": 0, "title": format!("Old {EVIL}"), "text": format!("The bridge will close {EVIL}.")},
            {"version": 1, "title": "New", "text": "The bridge will close on Monday."}
        ],
        "warnings": [{"kind": "unplaced-text", "message": format!("junk {EVIL}"), "doubt": true}]
    });
    let json = write(dir.path(), &format!("a{EVIL}.json"), article.to_string());
    let lines: Vec<String> = (0..2)
        .map(|v| {
            serde_json::json!({"article": format!("story{EVIL}"), "version": v,
                "title": format!("T{EVIL}"), "text": format!("Text {v} {EVIL}."),
                "created": format!("bad time {EVIL}")})
            .to_string()
        })
        .collect();
    let jsonl = write(dir.path(), "feed.jsonl", lines.join("\n"));
    let site = dir.path().join("site");
    let site_s = site.to_str().unwrap();
    let missing = format!("{}/missing{EVIL}.txt", dir.path().display());
    let runs: Vec<Vec<&str>> = vec![
        vec![&json],
        vec![&json, "--layout", "side"],
        vec![&json, "--format", "markdown"],
        vec![&json, "--format", "html"],
        vec![&json, "--format", "json"],
        vec!["log", &json],
        vec!["log", &json, "--format", "json"],
        vec!["split", &json],
        vec!["check", "--no-progress", &jsonl],
        vec!["check", "--no-progress", &jsonl, "--format", "json"],
        vec!["check", "--no-progress", &jsonl, "--format", "junit"],
        vec!["report", &jsonl, "-o", site_s],
        vec![&missing, &json],
    ];
    for args in runs {
        let out = newsdiff().args(&args).output().unwrap();
        for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'),
                "{args:?} {what}: {text}"
            );
        }
    }
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!index.contains('\u{1b}'), "{index}");
}

/// A News Sniffer scrape cut inside its body was accepted with exit 0, and the cut row
/// became article text ("…six-year Syria war.M"). The cut is reported, `--strict` fails
/// on it, and nothing of the cut copy enters a version.
#[test]
fn truncated_scrape_put_the_cut_row_into_the_article() {
    let scrape = crate::util::sample_text("newssniffer-nyt-aleppo-v2-v3.txt");
    let at = scrape
        .find("six-year Syria war.M")
        .expect("the sample has the row")
        + 20;
    let dir = tempdir();
    let cut = write(dir.path(), "cut.txt", &scrape[..at]);
    let out = newsdiff().args(["split", &cut]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("truncated") || err.contains("ends inside its last row"),
        "{err}"
    );
    let json = stdout_of(&out);
    assert!(!json.contains("war.M") && !json.contains("\"M\""), "{json}");
    assert!(json.contains("six-year Syria war."), "{json}");
    let strict = newsdiff()
        .args(["split", &cut, "--strict"])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(2), "{}", stderr_of(&strict));
}

/// The archive of issue 11, all at once: `check` used to hang, panic, pass or hide
/// problems on these. It must finish, report each problem with its location, and check
/// the rest.
#[cfg(unix)]
#[test]
fn hostile_archive_hung_passed_or_hid_its_problems() {
    let dir = tempdir();
    let root = dir.path().join("archive");
    std::fs::create_dir(&root).unwrap();
    let line = |id: &str, v: serde_json::Value, text: &str| {
        serde_json::json!({"article": id, "version": v, "title": format!("T {id}"), "text": text})
            .to_string()
    };
    let jsonl = [
        line("dup", 1.into(), "The bridge will close."),
        line("dup", 2.into(), "The bridge will close on Monday."),
        line("dup", 2.into(), "The bridge will close on Tuesday."),
        line("big", u64::MAX.into(), "One."),
        line("big", serde_json::Value::Null, "Two."),
        line("esc\u{1b}[2J", 0.into(), "Clear \u{1b}]0;x\u{7} screen."),
        line("esc\u{1b}[2J", 1.into(), "Clear screen now."),
    ];
    write(&root, "feed.jsonl", jsonl.join("\n"));
    let good = root.join("good");
    std::fs::create_dir(&good).unwrap();
    write(&good, "1.txt", "The mayor said the plan would help.");
    write(
        &good,
        "2.txt",
        "The mayor said the plan would help everyone.",
    );
    let utf16 = root.join("utf16");
    std::fs::create_dir(&utf16).unwrap();
    for (name, text) in [("1.txt", "Two weeks."), ("2.txt", "Three weeks.")] {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        write(&utf16, name, bytes);
    }
    let scrape = crate::util::sample_text("newssniffer-nyt-aleppo-v2-v3.txt");
    let at = scrape.find("six-year Syria war.M").unwrap() + 20;
    write(&root, "cut.txt", &scrape[..at]);
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("pipe"))
        .status();
    assert!(made.is_ok_and(|s| s.success()));
    std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();

    let out = newsdiff()
        .args([
            "check",
            "--no-progress",
            "--format",
            "json",
            root.to_str().unwrap(),
        ])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let said = |needle: &str| findings.iter().any(|f| f.to_string().contains(needle));
    assert!(said("FIFO") && said("pipe"), "{findings:#?}");
    assert!(said("symbolic links") && said("loop"), "{findings:#?}");
    assert!(said("18446744073709551615"), "{findings:#?}");
    assert!(
        said("duplicate-revision") || said("appears twice"),
        "{findings:#?}"
    );
    assert!(said("ends inside its last row"), "{findings:#?}");
    assert!(!stdout_of(&out).contains('\u{1b}'));
    // Located: every finding says where.
    for f in findings {
        assert!(f["at"].is_string() || f["article"].is_string(), "{f}");
    }
    // The rest was checked: the good, UTF-16, duplicate and escape articles at least.
    assert!(
        report["summary"]["articles"].as_u64().unwrap() >= 5,
        "{}",
        report["summary"]
    );
}

/// A NewsEdits revision with an empty given sentence (33 of the 400 corpus pairs have one)
/// was refused, exit 2, with "sentence 11 is empty"; it is an empty sentence that keeps
/// its index.
#[test]
fn empty_given_sentence_was_refused_with_exit_2() {
    let dir = tempdir();
    let doc = r#"{"revisions": [
        {"sentences": ["Police said 12 people were hurt.", "The road was closed."]},
        {"sentences": ["Police said 14 people were hurt.", "", "The road was closed."]}]}"#;
    let file = write(dir.path(), "a.json", doc);
    let out = newsdiff()
        .args([&file, "--color", "never"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("[-12-]{+14+}"),
        "{}",
        stdout_of(&out)
    );
}

/// JSON Lines written by a data frame (`created` in Unix milliseconds or seconds,
/// `version` as a string of digits) lost every such line: "not a version line (invalid
/// type: integer ...); the line is skipped", exit 2.
#[test]
fn data_frame_json_lines_with_epoch_times_were_skipped() {
    let dir = tempdir();
    let feed = write(
        dir.path(),
        "feed.jsonl",
        concat!(
            r#"{"article":"a1","version":"0","created":1588320000000,"text":"The minister resigned."}"#,
            "\n",
            r#"{"article":"a1","version":"1","created":1588323600,"text":"The minister resigned on Friday."}"#,
            "\n",
        ),
    );
    let out = newsdiff().args(["check", &feed]).output().unwrap();
    let stdout = stdout_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", stderr_of(&out));
    assert!(stdout.contains("checked 1 article, 2 versions"), "{stdout}");
    assert!(!stdout.contains("skipped"), "{stdout}");
}

/// A NewsDiffs file (date, headline, byline, then the body) was read as plain text: the
/// headline change `Near` → `Reach` showed as a body edit and the date and byline as
/// paragraphs.
#[test]
fn newsdiffs_headline_change_was_shown_as_a_body_edit() {
    let dir = tempdir();
    let v1 = write(
        dir.path(),
        "v1.txt",
        "May 1, 2019\nTalks Near Deal\nBy A. WRITER\n\nTalks went on late.\n",
    );
    let v2 = write(
        dir.path(),
        "v2.txt",
        "May 1, 2019\nTalks Reach Deal\nBy A. WRITER\n\nTalks went on late.\n",
    );
    let out = newsdiff()
        .args([&v1, &v2, "--color", "never"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(
        text.contains("title: Talks [-Near-]{+Reach+} Deal"),
        "{text}"
    );
    assert!(!text.contains("~ "), "a body edit: {text}");
}

/// `newsdiff diff news.db` (a diffengine database) was refused as binary data, and a
/// JSON Lines archive as malformed JSON: there was no way to diff one article of an
/// archive. `--article ID` picks one; the error without it says so.
#[test]
fn an_archive_given_to_diff_was_refused_as_binary_data() {
    let db = "tests/data/field-cases/one-article-of-an-archive/diffengine.db";
    let out = newsdiff().args([db]).output().unwrap();
    let err = stderr_of(&out);
    assert!(!err.contains("binary"), "{err}");
    assert!(err.contains("--article"), "{err}");
    let out = newsdiff().args([db, "--article", "7"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

/// A NewsEdits raw database showed its tracker's page lines (`Version 2 of 3`,
/// `Currently monitoring …`, the article's link) and escaped `<b>` tags as article text,
/// so an unchanged article read as changed.
#[test]
fn newsedits_page_lines_read_as_article_text() {
    let db = "tests/data/field-cases/newsedits-raw-page-lines/newsedits-bbc.db";
    let out = newsdiff()
        .args([db, "--article", "101", "--color", "never"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(!text.contains("Version 2 of 3"), "{text}");
    assert!(!text.contains("<b>"), "{text}");
    assert_eq!(text.matches("no changes in the text").count(), 1, "{text}");
}

/// A diffengine title stored with HTML entities (`Caf&eacute;`) was shown as written and
/// its next version's literal `Café` read as a headline change.
#[test]
fn html_entities_in_a_title_read_as_a_headline_change() {
    let db = "tests/data/field-cases/entities-in-titles/ent.db";
    let out = newsdiff()
        .args([db, "--article", "3", "--color", "never"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(!text.contains("&eacute;"), "{text}");
    assert_eq!(text.matches("title: ").count(), 1, "{text}");
}

/// A version that moved to a new address with the same text was called a duplicate
/// (`duplicate-revision`): the move is reported as a URL change, never as a duplicate.
#[test]
fn url_change_with_the_same_text_was_called_a_duplicate() {
    let dir = tempdir();
    let lines = [
        ("https://example.com/a", "The bridge will close."),
        (
            "https://example.com/news/a-renamed",
            "The bridge will close.",
        ),
    ]
    .iter()
    .enumerate()
    .map(|(v, (url, text))| {
        serde_json::json!({"article": "a", "version": v, "url": url, "text": text}).to_string()
    })
    .collect::<Vec<_>>();
    let feed = write(dir.path(), "feed.jsonl", lines.join("\n"));
    let out = newsdiff()
        .args(["check", "--no-progress", &feed])
        .output()
        .unwrap();
    let report = stdout_of(&out);
    assert!(!report.contains("duplicate-revision"), "{report}");
    assert!(report.contains("address changed"), "{report}");
}

/// Found by the `newssniffer` fuzz target: the check for a scrape cut inside its last
/// row split the row at its middle byte, which panicked when that fell inside a
/// multi-byte character such as a curly quote.
#[test]
fn cut_row_check_panicked_inside_a_multibyte_character() {
    let dir = tempdir();
    let body = write(
        dir.path(),
        "body.txt",
        "The mayor spoke.The mayor spoke.\nAb“d\n",
    );
    let out = newsdiff()
        .args(["split", "--from", "newssniffer", &body])
        .output()
        .unwrap();
    assert!(!stderr_of(&out).contains("panicked"), "{}", stderr_of(&out));
    assert!(out.status.code().is_some_and(|c| c <= 2));
}

/// `--git` on a directory answered with the archive message ("pick one with --article")
/// instead of saying that `--git` reads one file's history.
#[test]
fn git_on_a_directory_was_told_to_pick_an_article() {
    let out = newsdiff().args(["--git", "samples"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("--git reads the history of one file"), "{err}");
    assert!(!err.contains("--article"), "{err}");
}

#[test]
fn headline_change_failed_a_title_whose_typography_alone_changed() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.json",
        r#"{"article":{"id":"t"},"revisions":[
            {"version":0,"title":"Mayor's \"plan\" - approved","text":"The plan was approved."},
            {"version":1,"title":"Mayor’s “plan” — approved","text":"The plan was approved."},
            {"version":2,"title":"Mayor’s “plan” — rejected","text":"The plan was approved."}]}"#,
    );
    let out = newsdiff()
        .args([
            "check",
            dir.path().to_str().unwrap(),
            "--enable",
            "headline-change",
        ])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(!report.contains("version 1:"), "typography alone: {report}");
    assert!(report.contains("version 2: headline-change"), "{report}");
}

#[test]
fn newssniffer_search_panicked_on_a_fuzzed_scrape() {
    // Found by the `newssniffer` fuzz target: repeated, cut and run-together rows of the
    // seed scrape, with NUL bytes (which the binary refuses before parsing, so the
    // library is called as the fuzz target calls it).
    use newsdiff::parse::{self, Format, Source};
    let path = crate::util::root().join("tests/data/crashes/newssniffer-search.txt");
    let body = String::from_utf8(std::fs::read(path).unwrap()).unwrap();
    let header = "This article is from the source 'nytimes' and was first published or seen \
                  on 5 December 2016 14:02.\nVersion 2 Version 3\n";
    for text in [format!("{header}{body}"), body.clone()] {
        let _ = parse::parse(&Source::from_text("fuzz", text), Some(Format::Newssniffer));
    }
}
