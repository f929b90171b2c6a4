//! `newsdiff report`: the static site of an archive.

use crate::util::{newsdiff, sample_text, stderr_of, tempdir, write};

#[test]
fn report_builds_index_pages_and_feed_and_reports_what_it_cannot_read() {
    let dir = tempdir();
    let archive = dir.path().join("archive");
    let story = archive.join("story");
    std::fs::create_dir_all(&story).unwrap();
    for v in ["v1.txt", "v2.txt", "v3.txt"] {
        write(&story, v, sample_text(&format!("toll-update/{v}")));
    }
    let hostile = r#"{"article": {"title": "<script>alert(1)</script> & co", "source": "x"},
      "revisions": [{"version": 0, "text": "One thing happened. Then another."},
                    {"version": 1, "text": "One thing happened. Then <img src=x onerror=alert(1)>."}]}"#;
    write(&archive, "hostile.json", hostile);
    write(&archive, "broken.txt", b"junk\0bytes");
    let site = dir.path().join("site");
    let out = newsdiff()
        .args([
            "report",
            archive.to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    // As with `check`: the unreadable article is trouble, and the rest is still written.
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("broken.txt"),
        "{}",
        stderr_of(&out)
    );

    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        index.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "{index}"
    );
    assert!(!index.contains("<script>alert"));
    let links: Vec<&str> = index
        .split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .filter(|h| h.starts_with("articles/"))
        .collect();
    assert_eq!(links.len(), 2, "{index}");
    for l in &links {
        let page = std::fs::read_to_string(site.join(l)).unwrap();
        assert!(!page.contains("<img src=x"), "{l}");
    }
    // Sorted by weight of change, heaviest first (every third data-v cell is the weight).
    let values: Vec<f64> = index
        .split("data-v=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    let weights: Vec<f64> = values.chunks(3).map(|c| c[2]).collect();
    assert_eq!(weights.len(), 2);
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");

    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    assert!(feed.starts_with("<?xml") && feed.trim_end().ends_with("</feed>"));
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    for entry in feed.split("<link href=\"").skip(2) {
        let link = &entry[..entry.find('"').unwrap()];
        let (page, anchor) = link.split_once('#').unwrap();
        let text = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(text.contains(&format!("id=\"{anchor}\"")), "{link}");
    }
}

/// Regression: a report of nothing readable wrote an empty site and exited 0, so a
/// scheduled job pointed at an unmounted archive would replace its site unnoticed.
#[test]
fn report_of_nothing_readable_is_an_error() {
    let dir = tempdir();
    let empty = write(dir.path(), "empty.txt", "");
    let missing = dir.path().join("nonexistent");
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    write(&site, "index.html", "the published site");
    // A site an earlier report wrote carries its marker.
    write(&site, ".newsdiff-site", "");
    for input in [empty.as_str(), missing.to_str().unwrap()] {
        let out = newsdiff()
            .args(["report", input, "-o", site.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        let err = stderr_of(&out);
        let last = err.lines().last().unwrap_or("");
        assert!(
            last.starts_with("newsdiff: error: ") && last.contains("no article could be read"),
            "{err}"
        );
        let index = std::fs::read_to_string(site.join("index.html")).unwrap();
        assert_eq!(index, "the published site");
    }
}

#[test]
fn report_needs_an_output_directory() {
    let out = newsdiff().args(["report", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Regression: `report -o DIR` wrote into any directory (a home directory, say), and a
/// re-run left the pages of articles no longer in the archive behind.
#[test]
fn report_writes_only_into_its_own_site_and_removes_stale_pages() {
    let dir = tempdir();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    // Each subdirectory is an article, its files the versions in name order.
    for (article, old, new) in [("bridge", "One.", "Two."), ("storm", "Rain.", "Snow.")] {
        std::fs::create_dir(archive.join(article)).unwrap();
        write(&archive.join(article), "v1.txt", old);
        write(&archive.join(article), "v2.txt", new);
    }
    let report = |site: &std::path::Path| {
        newsdiff()
            .args([
                "report",
                archive.to_str().unwrap(),
                "-o",
                site.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    };
    let mine = dir.path().join("notes");
    std::fs::create_dir(&mine).unwrap();
    write(&mine, "todo.txt", "my own file");
    let out = report(&mine);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("not made by newsdiff report"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(std::fs::read_dir(&mine).unwrap().count(), 1);

    let site = dir.path().join("site");
    assert!(report(&site).status.success());
    let pages = |site: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(site.join("articles"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(pages(&site).len(), 2, "{:?}", pages(&site));
    std::fs::remove_dir_all(archive.join("storm")).unwrap();
    let out = report(&site);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let left = pages(&site);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].contains("bridge"), "{left:?}");
}
