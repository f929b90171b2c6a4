//! Web pages, WARC files and git histories as inputs (issue 12): a saved page is reduced
//! to its article, so the site's chrome never reaches the diff.

use std::process::Output;

use crate::util::{json_change_log, newsdiff, sample, stderr_of, stdout_of, tempdir, write};

/// Path of a file under `tests/data/`, checked to exist.
fn data(rel: &str) -> String {
    let path = format!("tests/data/{rel}");
    assert!(crate::util::root().join(&path).is_file(), "missing {path}");
    path
}

/// The paragraphs of revision `i` of a change log.
fn paragraphs(log: &serde_json::Value, i: usize) -> Vec<String> {
    log["revisions"][i]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts one `newsdiff: error:` line naming `what`, exit 2, nothing on standard output.
fn assert_one_error(out: &Output, what: &str) {
    let err = stderr_of(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("newsdiff: error: "), "{err}");
    assert!(err.contains(what), "{err:?} does not say {what:?}");
    assert!(out.stdout.is_empty());
}

/// The Wayback field case: the article alone, the one real change, nothing of the toolbar
/// or the archive's script.
#[test]
fn wayback_snapshots_diff_to_the_article_alone() {
    let (a, b) = (
        data("field-cases/wayback-snapshots/snap1.html"),
        data("field-cases/wayback-snapshots/snap2.html"),
    );
    let out = newsdiff()
        .args([&a, &b, "--color", "never"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.starts_with("Bridge to close\n"), "{text}");
    assert!(text.contains("~1 edited  ("), "{text}");
    assert!(
        text.contains("number changed (2 million → 3 million)"),
        "{text}"
    );
    for chrome in [
        "Wayback",
        "wbPrefix",
        "20170118",
        "web.archive.org",
        "Example News",
    ] {
        assert!(!text.contains(chrome), "{chrome} reached the diff: {text}");
    }
    let log = json_change_log(&[&a, &b]);
    assert_eq!(log["revisions"][0]["title"], "Bridge to close");
    assert_eq!(
        paragraphs(&log, 0),
        [
            "The city council voted on Monday to close the old bridge.",
            "Repairs will cost about $2 million."
        ]
    );
}

/// Two saved pages of one article whose header, ticker, share counts, "most read" box,
/// comment count, footer and scripts all change: the diff is the one edited paragraph, and
/// no class is raised by the chrome.
#[test]
fn saved_pages_diff_to_the_one_edit_of_the_article() {
    // The committed sample the README shows is the test input, so the two cannot drift.
    let (a, b) = (sample("web-page/v1.html"), sample("web-page/v2.html"));
    let log = json_change_log(&[&a, &b]);
    let old = &log["revisions"][0];
    assert_eq!(
        old["title"],
        "Island ferry service cut to two sailings a day"
    );
    assert_eq!(old["created"], "2025-06-12T07:15:00+01:00");
    assert_eq!(log["article"]["byline"], "Tom Reilly");
    let paras = paragraphs(&log, 0);
    assert_eq!(paras.len(), 6, "{paras:#?}");
    assert!(
        paras[0].starts_with("The ferry linking the mainland"),
        "{paras:#?}"
    );
    let out = newsdiff()
        .args([&a, &b, "--color", "never"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("~1 edited  ("), "{text}");
    assert!(text.contains("classes: wording changed\n"), "{text}");
    assert!(text.contains("chartered {+urgently +}while"), "{text}");
    for chrome in [
        "shares",
        "reads",
        "Most read",
        "Comments",
        "Weather",
        "Live:",
        "Tags:",
        "Newsletter",
        "pageViewId",
        "generated at",
        "Skip to content",
        "12 June 2025",
    ] {
        assert!(!text.contains(chrome), "{chrome} reached the diff: {text}");
    }
}

/// `--from html` reads a page that does not start like one; `--selector` takes the named
/// element as the article.
#[test]
fn from_html_and_selector_pick_the_article() {
    let dir = tempdir();
    let page = |n: &str| {
        format!(
            "<!-- saved -->\n<head><title>Pier closes - Gazette</title></head><body>\
             <div class=promo><p>Subscribe today for just one pound a week.</p></div>\
             <div class=story><h1>Pier closes</h1><p>The pier closed on Friday after \
             storm damage.</p><p>It will reopen in {n} weeks.</p></div></body>"
        )
    };
    let a = write(dir.path(), "a.htm", page("two"));
    let b = write(dir.path(), "b.htm", page("three"));
    let log = json_change_log(&[&a, &b, "--from", "html", "--selector", "div.story"]);
    assert_eq!(log["revisions"][1]["title"], "Pier closes");
    assert_eq!(
        paragraphs(&log, 1),
        [
            "The pier closed on Friday after storm damage.",
            "It will reopen in three weeks."
        ]
    );
}

/// An invalid selector, a selector that matches nothing, and a page with no article are
/// each one error line and exit 2.
#[test]
fn pages_without_an_article_are_one_error() {
    let dir = tempdir();
    let page = write(
        dir.path(),
        "p.html",
        "<!DOCTYPE html><html><body><article><p>The pier closed on Friday.</p></article>",
    );
    let empty = write(
        dir.path(),
        "empty.html",
        "<!DOCTYPE html><html><head><title>Home</title><script>var x = 1;</script></head>\
         <body><nav><a href=/>Home</a></nav></body></html>",
    );
    let run = |args: &[&str]| newsdiff().args(args).output().unwrap();
    assert_one_error(
        &run(&[&page, "--selector", "p[["]),
        "not a valid CSS selector",
    );
    assert_one_error(
        &run(&[&page, "--selector", "div.story"]),
        "matches no element",
    );
    assert_one_error(&run(&[&empty]), "no article text");
}

// ---------------------------------------------------------------------------------------
// WARC files

/// One WARC record: its type, capture time, target URI and block.
fn warc_record(kind: &str, date: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{date}>\r\n\
         WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response of status `code` with an HTML or other body.
fn http(code: u16, ctype: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {code} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The Wayback snapshot page with the repair cost given.
fn bridge_page(cost: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Bridge to close - Example News</title>\
         <script>var t = \"{cost}\";</script></head><body><article><h1>Bridge to close</h1>\
         <p>The city council voted on Monday to close the old bridge.</p>\
         <p>Repairs will cost about ${cost} million.</p></article></body></html>"
    )
}

/// Three captures of one URL, written out of time order among a request, an image and a
/// redirect, read as three revisions in capture order with their capture times.
#[test]
fn a_warc_with_three_captures_reads_as_three_revisions() {
    let dir = tempdir();
    let url = "https://example-news.test/bridge";
    let mut warc = Vec::new();
    warc.extend(warc_record(
        "request",
        "2017-01-18T10:00:00Z",
        url,
        b"GET / HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "2017-01-18T16:00:00Z",
        url,
        &http(200, "text/html", &bridge_page("3")),
    ));
    warc.extend(warc_record(
        "response",
        "2017-01-18T10:00:00Z",
        url,
        &http(200, "text/html; charset=utf-8", &bridge_page("2")),
    ));
    warc.extend(warc_record(
        "response",
        "2017-01-18T11:00:00Z",
        "https://example-news.test/logo.png",
        &http(200, "image/png", "PNG"),
    ));
    warc.extend(warc_record(
        "response",
        "2017-01-19T09:00:00Z",
        url,
        &http(301, "text/html", ""),
    ));
    warc.extend(warc_record(
        "response",
        "2017-01-19T08:00:00Z",
        url,
        &http(200, "text/html", &bridge_page("4")),
    ));
    let file = write(dir.path(), "crawl.warc", &warc);
    let log = json_change_log(&[&file]);
    let revisions = log["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 3, "{log:#}");
    let created: Vec<&str> = revisions
        .iter()
        .map(|r| r["created"].as_str().unwrap())
        .collect();
    assert_eq!(
        created,
        [
            "2017-01-18T10:00:00Z",
            "2017-01-18T16:00:00Z",
            "2017-01-19T08:00:00Z"
        ]
    );
    for (i, cost) in ["2", "3", "4"].iter().enumerate() {
        assert_eq!(revisions[i]["title"], "Bridge to close");
        assert_eq!(
            paragraphs(&log, i)[1],
            format!("Repairs will cost about ${cost} million.")
        );
    }
    // With no HTML response at all: one error line.
    let mut none = warc_record(
        "request",
        "2017-01-18T10:00:00Z",
        url,
        b"GET / HTTP/1.1\r\n\r\n",
    );
    none.extend(warc_record(
        "response",
        "2017-01-18T11:00:00Z",
        url,
        &http(404, "text/html", "gone"),
    ));
    let none = write(dir.path(), "none.warc", &none);
    assert_one_error(&newsdiff().arg(&none).output().unwrap(), "no HTML response");
}

/// A gzipped WARC (one member per record) with two URLs: without --url an error lists
/// them; with it, the captures of that URL (chunked and gzip-encoded ones too) are read.
#[test]
fn a_warc_with_several_urls_needs_url() {
    let file = data("warc/bridge-and-other.warc.gz");
    let out = newsdiff().arg(&file).output().unwrap();
    assert_one_error(
        &out,
        "https://example-news.test/bridge, https://example-news.test/other",
    );
    assert!(stderr_of(&out).contains("--url"));
    let log = json_change_log(&[&file, "--url", "https://example-news.test/bridge"]);
    assert_eq!(log["revisions"].as_array().unwrap().len(), 4);
    assert_eq!(
        paragraphs(&log, 3)[1],
        "Repairs will cost about $4 million."
    );
    let out = newsdiff()
        .args([&file, "--url", "https://example-news.test/nope"])
        .output()
        .unwrap();
    assert_one_error(
        &out,
        "has no HTML capture of https://example-news.test/nope",
    );
    // A cut-off gzip file is one error, not a panic.
    let dir = tempdir();
    let bytes = std::fs::read(crate::util::root().join(&file)).unwrap();
    let cut = write(dir.path(), "cut.warc.gz", &bytes[..bytes.len() / 2]);
    let out = newsdiff().arg(&cut).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(stderr_of(&out).lines().count(), 1, "{}", stderr_of(&out));
}

// ---------------------------------------------------------------------------------------
// Git histories

/// Runs `git` in `dir` with a fixed identity and commit time; false when it fails.
fn git(dir: &std::path::Path, args: &[&str], date: &str) -> bool {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.test")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.test")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A repository made here (the `git` binary only builds it) with five commits of one
/// article among commits of another file reads as five revisions with commit times.
#[test]
fn a_git_history_reads_as_one_revision_per_commit() {
    let dir = tempdir();
    let repo = dir.path();
    if !git(repo, &["--version"], "2017-01-18T10:00:00+01:00") {
        eprintln!("skipped: no `git` binary to build the test repository with");
        return;
    }
    assert!(git(
        repo,
        &["init", "-q", "-b", "main"],
        "2017-01-18T10:00:00+01:00"
    ));
    std::fs::create_dir(repo.join("articles")).unwrap();
    let costs = ["1", "2", "3", "4", "5"];
    for (i, cost) in costs.iter().enumerate() {
        let date = format!("2017-01-1{}T09:00:00+01:00", i + 1);
        let text = format!(
            "The city council voted on Monday to close the old bridge.\n\n\
             Repairs will cost about ${cost} million.\n"
        );
        write(&repo.join("articles"), "bridge.txt", text);
        write(repo, "other.txt", format!("unrelated {i}\n"));
        assert!(git(repo, &["add", "-A"], &date));
        assert!(git(repo, &["commit", "-q", "-m", &format!("v{i}")], &date));
        // A commit that leaves the article alone is no version of it.
        write(repo, "other.txt", format!("unrelated again {i}\n"));
        assert!(git(repo, &["commit", "-q", "-am", "other"], &date));
    }
    let path = repo.join("articles/bridge.txt");
    let log = json_change_log(&["--git", path.to_str().unwrap()]);
    let revisions = log["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 5, "{log:#}");
    for (i, cost) in costs.iter().enumerate() {
        assert_eq!(
            revisions[i]["created"],
            format!("2017-01-1{}T09:00:00+01:00", i + 1)
        );
        assert_eq!(
            paragraphs(&log, i)[1],
            format!("Repairs will cost about ${cost} million.")
        );
        assert!(
            revisions[i]["label"]
                .as_str()
                .unwrap()
                .contains("bridge.txt@")
        );
    }
}

/// A path outside any git repository is one error line.
#[test]
fn git_outside_a_repository_is_one_error() {
    let dir = tempdir();
    let file = write(dir.path(), "a.txt", "The bridge closed.\n");
    let out = newsdiff().args(["--git", &file]).output().unwrap();
    assert_one_error(&out, "is not inside a git working tree");
}
