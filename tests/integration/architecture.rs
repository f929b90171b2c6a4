//! The import map of `ARCHITECTURE.md` against the code: each stage of the library
//! imports only the stages the map allows, so the pipeline's imports run one way.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::root;

/// The map: module → the modules it may import, from the table between the
/// `import-map` markers.
fn import_map() -> BTreeMap<String, BTreeSet<String>> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let start = doc
        .find("<!-- import-map -->")
        .expect("ARCHITECTURE.md has the map");
    let end = doc.find("<!-- end import-map -->").expect("the map ends");
    doc[start..end]
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let [module, allowed] = cells[..] else {
                return None;
            };
            if module == "module" || module.starts_with("---") || module.is_empty() {
                return None;
            }
            let allowed = allowed
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(String::from)
                .collect();
            Some((module.to_string(), allowed))
        })
        .collect()
}

/// The `crate::` modules a source file names: `crate::align::…`, and the lower-case
/// names inside `crate::{…}`. Upper-case names are items re-exported at the root (the
/// error types), which every stage may use.
fn crate_modules(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(group.len())]
                .split(',')
                .map(|n| n.trim().split("::").next().unwrap_or("").trim())
                .collect(),
            None => vec![
                rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or(""),
            ],
        };
        out.extend(
            names
                .into_iter()
                .filter(|n| n.starts_with(|c: char| c.is_ascii_lowercase()))
                .filter(|n| *n != "self")
                .map(String::from),
        );
    }
    out
}

fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            rust_files(&e.unwrap().path(), out);
        }
    } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn imports_follow_the_map() {
    let map = import_map();
    assert!(map.len() >= 10, "the map was not read: {map:?}");
    let src = root().join("src");
    let mut wrong = Vec::new();
    for (module, allowed) in &map {
        let mut files = Vec::new();
        rust_files(&src.join(module), &mut files);
        rust_files(&src.join(format!("{module}.rs")), &mut files);
        assert!(
            !files.is_empty(),
            "the map names {module}, which src/ does not have"
        );
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for used in crate_modules(&text) {
                if used != *module && !allowed.contains(&used) {
                    wrong.push(format!("{}: imports {used}", file.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
    // Every stage of the library is on the map.
    for e in std::fs::read_dir(&src).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().replace(".rs", "");
        if !["lib", "bin"].contains(&name.as_str()) {
            assert!(map.contains_key(&name), "{name} is not on the map");
        }
    }
}

#[test]
fn the_reader_of_the_map_sees_imports() {
    let found =
        crate_modules("use crate::align::{self, Op};\nuse crate::{Error, text::x, Warning};");
    assert_eq!(
        found,
        BTreeSet::from(["align".to_string(), "text".to_string()])
    );
}
