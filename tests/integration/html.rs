//! The HTML view (`--format html`): escaping, no outside resources, size, anchors, and the
//! browser check of `.ci/browser-test.sh` when Chromium is installed. The Markdown view's
//! escaping is checked here too.

use std::collections::HashSet;

use crate::util::{bin, newsdiff, root, sample, stderr_of, stdout_of, tempdir, write};

const SEED: &str = "newssniffer-nyt-aleppo-v2-v3.txt";
const TOLL: &[&str] = &[
    "toll-update/v1.txt",
    "toll-update/v2.txt",
    "toll-update/v3.txt",
];

fn run(args: &[&str]) -> String {
    let out = newsdiff().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    stdout_of(&out)
}

fn page(samples: &[&str]) -> String {
    let mut args: Vec<String> = samples.iter().map(|s| sample(s)).collect();
    args.extend(["--format".into(), "html".into()]);
    run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The values of every `name="..."` attribute in the page.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            &rest[..rest.find('"').expect("attribute closed")]
        })
        .collect()
}

const HOSTILE_TITLE: &str = "<script>alert(1)</script> & 'friends'";
const HOSTILE_IMG: &str = "<img src=x onerror=alert(1)>";

/// A JSON article whose every text field tries to be markup.
fn hostile_article(dir: &std::path::Path) -> String {
    let doc = serde_json::json!({
        "article": {
            "title": HOSTILE_TITLE,
            "source": "<b onmouseover=alert(1)>wire</b>",
            "url": "javascript:alert(1)"
        },
        "revisions": [
            {"version": 0, "title": "Calm", "label": "<i>v0</i>",
             "text": "Police said 12 people were hurt.\n\nThe road was closed."},
            {"version": 1, "title": HOSTILE_TITLE,
             "text": format!("Police said 14 people were hurt.\n\nThe road was closed.\n\n\
                              Then {HOSTILE_IMG} arrived. <script>alert(2)</script> too.\n\n\
                              \"<svg onload=alert(3)>\" he said.")}
        ]
    });
    write(dir, "hostile.json", doc.to_string())
}

#[test]
fn article_text_is_escaped_never_markup() {
    let dir = tempdir();
    let input = hostile_article(dir.path());
    let html = run(&[&input, "--format", "html"]);
    // The page's own script is the only one; no tag from the article survives.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    for raw in [
        "<img",
        "<svg",
        "<b onmouseover",
        "<i>v0",
        "onerror=alert(1)>",
    ] {
        assert!(!html.contains(raw), "{raw} is in the page raw");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;friends&#39;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    // A `javascript:` address stays text, never a link.
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(html.contains("javascript:alert(1)"));

    let md = run(&[&input, "--format", "markdown"]);
    // Every `<` is escaped (there is no web address here to autolink).
    for (i, _) in md.match_indices('<') {
        assert_eq!(&md[i - 1..i], "\\", "unescaped < at {i}: {md}");
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"), "{md}");
}

#[test]
fn the_page_loads_nothing_from_outside() {
    let seed_url =
        "http://www.nytimes.com/2016/12/05/world/middleeast/russia-lavrov-kerry-aleppo-rebels.html";
    for (html, own) in [
        (page(&[SEED]), Some(seed_url)),
        (page(TOLL), None),
        (page(&["json/aleppo.json"]), None),
    ] {
        assert!(attributes(&html, "src").is_empty(), "no src at all");
        for href in attributes(&html, "href") {
            assert!(
                href.starts_with('#') || Some(href) == own,
                "outside address {href}"
            );
        }
        assert!(!html.contains("@import") && !html.contains("url("));
        if own.is_some() {
            assert!(html.contains(&format!("href=\"{seed_url}\" rel=\"noreferrer\"")));
        }
    }
}

#[test]
fn the_seed_page_is_small() {
    let html = page(&[SEED]);
    assert!(html.len() < 100_000, "{} bytes", html.len());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn every_anchor_has_a_target() {
    for html in [page(&[SEED]), page(TOLL), page(&["json/aleppo.json"])] {
        let ids: Vec<&str> = attributes(&html, "id");
        let unique: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "ids are unique");
        for href in attributes(&html, "href")
            .iter()
            .filter(|h| h.starts_with('#'))
        {
            assert!(unique.contains(&href[1..]), "no target for {href}");
        }
        // The timeline links to every diff.
        let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
        let diffs: Vec<&str> = html
            .match_indices("<section class=\"diff\" id=\"")
            .map(|(i, m)| {
                let rest = &html[i + m.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert!(!diffs.is_empty());
        for id in diffs {
            assert!(
                nav.contains(&format!("href=\"#{id}\"")),
                "{id} not in the timeline"
            );
        }
    }
}

#[test]
fn the_timeline_has_every_revision_with_times_and_title_changes() {
    let html = page(&["json/aleppo.json"]);
    let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
    for v in ["version 0", "version 1", "version 2"] {
        assert!(nav.contains(v), "{v}");
    }
    assert!(
        nav.contains("<time datetime=\"2017-04-19T08:12:00+00:00\">2017-04-19 08:12 UTC</time>")
    );
    assert!(nav.contains("about 3 hours later"), "{nav}");
    assert_eq!(nav.matches("title changed").count(), 2, "{nav}");
    assert!(nav.contains("href=\"#v0-v1\"") && nav.contains("href=\"#v1-v2\""));
}

#[test]
fn changes_are_marked_for_screen_readers_and_numbers_highlighted() {
    let html = page(&TOLL[..2]);
    assert!(html.contains("<del><span class=\"sr\">removed: </span>"));
    assert!(html.contains("<ins><span class=\"sr\">added: </span>"));
    assert!(html.contains("<ins><span class=\"sr\">added sentence: </span>"));
    // The number evidence of the change log (12 → 19, 40 → 52) is highlighted in place.
    assert!(html.contains("<mark class=\"n\">12</mark>"), "{html}");
    assert!(html.contains("<mark class=\"n\">19</mark>"));
    assert!(html.contains("<mark class=\"n\">52</mark>"));
    assert!(html.contains("split into new sentences 9, 10"));
    // Both views are in the page; the switch works with no script.
    assert!(html.contains("<div class=\"inline\">") && html.contains("<div class=\"side\">"));
    assert!(html.contains("type=\"radio\""));
}

#[test]
fn moved_sentences_link_to_where_they_were() {
    let html = page(&TOLL[1..]);
    // Old sentence 5 ("People were screaming.") moved: its op links to its old place,
    // and the old place links back.
    assert!(
        html.contains("<a href=\"#v0-v1-o4\">moved from old sentence 5</a>"),
        "{html}"
    );
    assert!(html.contains("id=\"v0-v1-o4\""));
    assert!(html.contains("Old sentence 5 moved from here"));
    assert!(html.contains("merged from old sentences 2, 3"));
}

/// The browser check of `.ci/browser-test.sh` (screenshots not blank, no console
/// messages, no network requests, no horizontal scroll at phone width, working toggles,
/// and the validators when they are installed), run on this build's binary. Skipped when
/// Chromium is not installed, so `cargo test` passes without it.
#[test]
fn the_page_in_a_browser() {
    let chromium = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("chromium"))
            .chain([std::path::PathBuf::from("/usr/bin/chromium")])
            .find(|p| p.is_file())
    });
    if chromium.is_none() {
        println!("skipped: chromium not installed");
        return;
    }
    let out = std::process::Command::new("bash")
        .arg(root().join(".ci/browser-test.sh"))
        .args(["--bin", bin(), "--no-install"])
        .current_dir(root())
        .output()
        .expect("bash runs");
    let text = format!("{}{}", stdout_of(&out), stderr_of(&out));
    println!("{text}");
    assert!(out.status.success(), "{text}");
    assert!(text.contains(" passed, 0 failed"), "{text}");
}
