//! The JSON change log against its published schema, `docs/changelog.schema.json`.
//!
//! No JSON Schema crate builds offline here, so this file carries a small validator for
//! the part of draft 2020-12 that the schema uses (`type`, `properties`, `required`,
//! `additionalProperties`, `items`, `minItems`/`maxItems`, `enum`, `const`, `minimum`/
//! `maximum`, `minLength`, `format: date-time`, `allOf`/`anyOf`/`oneOf`/`not`,
//! `if`/`then`/`else`, local `$ref`). A keyword it does not know fails the test, so the
//! schema cannot quietly use something that is never checked.
//!
//! In strict mode an object whose schema says `"type": "object"`, lists `properties` and
//! says nothing of `additionalProperties` may hold no other keys. The published schema is open (version 1
//! may gain fields), but what newsdiff writes today must be documented field by field.

use serde_json::{Map, Value, json};

use crate::util::{json_change_log, root, sample, tempdir, write};

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$defs",
    "title",
    "description",
    "examples",
    "default",
];

struct Validator<'a> {
    root: &'a Value,
    strict: bool,
}

impl Validator<'_> {
    fn validate(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let Some(schema) = schema.as_object() else {
            match schema {
                Value::Bool(true) => {}
                Value::Bool(false) => errors.push(format!("{at}: not allowed")),
                other => panic!("schema at {at} is not an object: {other}"),
            }
            return;
        };
        for (key, arg) in schema {
            if ANNOTATIONS.contains(&key.as_str()) {
                continue;
            }
            match key.as_str() {
                "$ref" => {
                    let target = self.resolve(arg.as_str().expect("$ref is a string"));
                    self.validate(target, value, at, errors);
                }
                "type" => {
                    let types: Vec<&str> = match arg {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
                        _ => panic!("bad type at {at}"),
                    };
                    if !types.iter().any(|t| has_type(value, t)) {
                        errors.push(format!("{at}: {value} is not of type {types:?}"));
                    }
                }
                "enum" => {
                    if !arg.as_array().unwrap().iter().any(|v| same(v, value)) {
                        errors.push(format!("{at}: {value} is not one of {arg}"));
                    }
                }
                "const" => {
                    if !same(arg, value) {
                        errors.push(format!("{at}: {value} is not {arg}"));
                    }
                }
                "minimum" => {
                    if let Some(n) = value.as_f64()
                        && n < arg.as_f64().unwrap()
                    {
                        errors.push(format!("{at}: {n} < {arg}"));
                    }
                }
                "maximum" => {
                    if let Some(n) = value.as_f64()
                        && n > arg.as_f64().unwrap()
                    {
                        errors.push(format!("{at}: {n} > {arg}"));
                    }
                }
                "minLength" => {
                    if let Some(s) = value.as_str()
                        && (s.chars().count() as u64) < arg.as_u64().unwrap()
                    {
                        errors.push(format!("{at}: string shorter than {arg}"));
                    }
                }
                "format" => {
                    assert_eq!(arg, "date-time", "unsupported format at {at}");
                    if let Some(s) = value.as_str()
                        && chrono::DateTime::parse_from_rfc3339(s).is_err()
                    {
                        errors.push(format!("{at}: {s:?} is not an RFC 3339 date-time"));
                    }
                }
                "minItems" | "maxItems" => {
                    if let Some(items) = value.as_array() {
                        let n = items.len() as u64;
                        let bound = arg.as_u64().unwrap();
                        if (key == "minItems" && n < bound) || (key == "maxItems" && n > bound) {
                            errors.push(format!("{at}: {n} items, {key} {bound}"));
                        }
                    }
                }
                "items" => {
                    if let Some(items) = value.as_array() {
                        for (i, item) in items.iter().enumerate() {
                            self.validate(arg, item, &format!("{at}[{i}]"), errors);
                        }
                    }
                }
                "required" => {
                    if let Some(obj) = value.as_object() {
                        for name in arg.as_array().unwrap() {
                            let name = name.as_str().unwrap();
                            if !obj.contains_key(name) {
                                errors.push(format!("{at}: missing {name:?}"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(obj) = value.as_object() {
                        let props = arg.as_object().unwrap();
                        for (name, sub) in props {
                            if let Some(v) = obj.get(name) {
                                self.validate(sub, v, &format!("{at}.{name}"), errors);
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(obj) = value.as_object() {
                        let props = schema.get("properties").and_then(Value::as_object);
                        for (name, v) in obj {
                            if !props.is_some_and(|p| p.contains_key(name)) {
                                self.validate(arg, v, &format!("{at}.{name}"), errors);
                            }
                        }
                    }
                }
                "allOf" => {
                    for sub in arg.as_array().unwrap() {
                        self.validate(sub, value, at, errors);
                    }
                }
                "anyOf" | "oneOf" => {
                    let passing = arg
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|sub| self.passes(sub, value, at))
                        .count();
                    let ok = if key == "anyOf" {
                        passing >= 1
                    } else {
                        passing == 1
                    };
                    if !ok {
                        errors.push(format!("{at}: {passing} branches of {key} pass"));
                    }
                }
                "not" => {
                    if self.passes(arg, value, at) {
                        errors.push(format!("{at}: matches `not` {arg}"));
                    }
                }
                "if" => {
                    let branch = if self.passes(arg, value, at) {
                        schema.get("then")
                    } else {
                        schema.get("else")
                    };
                    if let Some(branch) = branch {
                        self.validate(branch, value, at, errors);
                    }
                }
                "then" | "else" => {} // with `if`
                other => panic!("the schema uses {other:?} at {at}, which this test cannot check"),
            }
        }
        if self.strict
            && schema.get("type") == Some(&Value::from("object"))
            && schema.contains_key("properties")
            && !schema.contains_key("additionalProperties")
            && let Some(obj) = value.as_object()
        {
            let props = schema["properties"].as_object().unwrap();
            for name in obj.keys() {
                if !props.contains_key(name) {
                    errors.push(format!("{at}: {name:?} is not documented in the schema"));
                }
            }
        }
    }

    /// Whether `value` passes `schema`. Subschemas checked this way (`if`, `not`, the
    /// branches of `anyOf`/`oneOf`) describe a part of a value, so they are never strict.
    fn passes(&self, schema: &Value, value: &Value, at: &str) -> bool {
        let mut errors = Vec::new();
        let lenient = Validator {
            root: self.root,
            strict: false,
        };
        lenient.validate(schema, value, at, &mut errors);
        errors.is_empty()
    }

    fn resolve(&self, reference: &str) -> &Value {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local references are supported: {reference}"));
        self.root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling $ref {reference}"))
    }
}

fn has_type(value: &Value, t: &str) -> bool {
    match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        // JSON Schema: an integer is any number with a zero fractional part.
        "integer" => {
            value.is_u64() || value.is_i64() || value.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        other => panic!("unknown type {other}"),
    }
}

/// JSON Schema equality: numbers compare by value (1 equals 1.0).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("docs/changelog.schema.json"))
        .expect("docs/changelog.schema.json exists");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// Errors of `value` against the schema's root, or against `$defs/NAME` when given.
fn errors(value: &Value, def: Option<&str>, strict: bool) -> Vec<String> {
    let root = schema();
    let v = Validator {
        root: &root,
        strict,
    };
    let target = match def {
        Some(name) => v.resolve(&format!("#/$defs/{name}")).clone(),
        None => root.clone(),
    };
    let mut errors = Vec::new();
    v.validate(&target, value, "$", &mut errors);
    errors
}

#[track_caller]
fn assert_valid(value: &Value) {
    let errs = errors(value, None, true);
    assert!(errs.is_empty(), "schema errors:\n{}", errs.join("\n"));
}

#[test]
fn the_schema_is_draft_2020_12() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["properties"]["schema"]["const"], "newsdiff/changelog/1");
    assert_eq!(
        s["properties"]["schema"]["const"],
        newsdiff::changelog::SCHEMA
    );
}

#[test]
fn real_change_logs_match_the_schema() {
    let toll = ["v1.txt", "v2.txt", "v3.txt"].map(|v| sample(&format!("toll-update/{v}")));
    assert_valid(&json_change_log(&[&toll[0], &toll[1], &toll[2]]));
    assert_valid(&json_change_log(&[&sample("json/aleppo.json")]));
    assert_valid(&json_change_log(&[
        &sample("moved-paragraph/v1.txt"),
        &sample("moved-paragraph/v2.txt"),
    ]));
    assert_valid(&json_change_log(&[
        &sample("split-merge/v1.txt"),
        &sample("split-merge/v2.txt"),
    ]));
    // Seeds from different outlets: nearly everything added and deleted.
    assert_valid(&json_change_log(&[
        &sample("aleppo-moscow-hopes-kerry-aggregator.txt"),
        &sample("aleppo-lavrov-withdrawal-talks-beirut-wire.txt"),
        &sample("aleppo-regime-advance-lavrov-eradicated-one-per-line.txt"),
    ]));
}

/// A `rewritten` op (added within version 1, issue 14) and the `rewritten` count in
/// stats match the schema.
#[test]
fn a_rewritten_group_matches_the_schema() {
    let dir = tempdir();
    let path = crate::util::rewritten_list_article(dir.path());
    let log = json_change_log(&[&path]);
    let d = &log["diffs"][0];
    assert!(
        d["ops"]
            .as_array()
            .unwrap()
            .iter()
            .any(|op| op["kind"] == "rewritten"),
        "{d}"
    );
    assert_eq!(d["stats"]["rewritten"], 1);
    assert_valid(&log);
}

#[test]
fn separators_titles_times_and_warnings_match_the_schema() {
    let dir = tempdir();
    let crlf = write(
        dir.path(),
        "crlf.txt",
        "\u{feff}  First paragraph. Second sentence.\r\n\r\nLast one.\r\n",
    );
    let log = json_change_log(&[&crlf, &sample("toll-update/v1.txt")]);
    assert!(log["revisions"][0]["separators"].is_array());
    assert_valid(&log);

    let doc = r#"{
      "article": {"title": "Storm", "lang": "en", "desk": {"name": "metro"}},
      "warnings": [{"kind": "unplaced-text", "at": "page 1", "message": "a row was not placed", "doubt": true}],
      "revisions": [
        {"version": 3, "created": "2024-02-01T09:00:00+01:00", "title": "Storm hits", "text": "A storm hit. Roads closed."},
        {"version": 5, "sentences": ["A storm hit the coast.", "Roads closed."]},
        {"version": 9, "created": "2024-02-02T09:00:00Z", "title": "Storm hits coast",
         "paragraphs": ["Roads closed.", {"text": "A storm hit the coast. It was big.", "sentences": ["A storm hit the coast.", "It was big."]}],
         "separators": ["\n", "\n\n", ""]}
      ]}"#;
    let path = write(dir.path(), "article.json", doc);
    let log = json_change_log(&[&path]);
    assert_eq!(log["warnings"][0]["kind"], "unplaced-text");
    assert_eq!(log["article"]["desk"]["name"], "metro");
    assert!(log["diffs"][0]["title"]["new"].is_null());
    assert_valid(&log);
    assert!(
        errors(
            &serde_json::from_str(doc).unwrap(),
            Some("article_input"),
            true
        )
        .is_empty()
    );
}

#[test]
fn the_json_sample_matches_the_input_shape() {
    let text = std::fs::read_to_string(root().join(sample("json/aleppo.json"))).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let errs = errors(&doc, Some("article_input"), true);
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

/// The validator is not vacuous: broken change logs fail it.
#[test]
fn broken_change_logs_fail_the_schema() {
    let good = json_change_log(&[&sample("toll-update/v1.txt"), &sample("toll-update/v2.txt")]);
    assert_valid(&good);
    type Breakage = Box<dyn Fn(&mut Value)>;
    let breakages: Vec<(&str, Breakage)> = vec![
        (
            "wrong schema id",
            Box::new(|v| v["schema"] = json!("newsdiff/changelog/2")),
        ),
        ("no diffs", Box::new(|v| remove(v, "", "diffs"))),
        (
            "unknown kind",
            Box::new(|v| v["diffs"][0]["ops"][0]["kind"] = json!("renamed")),
        ),
        (
            "added op with an old side",
            Box::new(|v| {
                let op = find_op(v, "added");
                op["old"] = json!([0]);
            }),
        ),
        (
            "split into one",
            Box::new(|v| {
                let op = find_op(v, "split");
                op["new"] = json!([9]);
            }),
        ),
        (
            "edited without words",
            Box::new(|v| {
                let op = find_op(v, "edited");
                op.as_object_mut().unwrap().remove("words");
            }),
        ),
        (
            "similarity above 1",
            Box::new(|v| v["diffs"][0]["ops"][0]["similarity"] = json!(1.5)),
        ),
        (
            "negative count",
            Box::new(|v| v["diffs"][0]["stats"]["added"] = json!(-1)),
        ),
        (
            "missing stat",
            Box::new(|v| remove(v, "/diffs/0/stats", "words_new")),
        ),
        (
            "bad word op",
            Box::new(|v| {
                let op = find_op(v, "edited");
                op["words"][0]["op"] = json!("replace");
            }),
        ),
        (
            "paragraph without sentences",
            Box::new(|v| remove(v, "/revisions/0/paragraphs/0", "sentences")),
        ),
        (
            "version as string",
            Box::new(|v| v["revisions"][0]["version"] = json!("0")),
        ),
        (
            "bad time",
            Box::new(|v| v["revisions"][0]["created"] = json!("yesterday")),
        ),
        (
            "undocumented field",
            Box::new(|v| v["diffs"][0]["score"] = json!(3)),
        ),
        (
            "unknown class",
            Box::new(|v| v["diffs"][0]["classes"][0]["class"] = json!("spin")),
        ),
        (
            "a diff-level class on an op",
            Box::new(|v| v["diffs"][0]["op_classes"][0]["classes"][0]["class"] = json!("lede")),
        ),
        (
            "an op class naming ops",
            Box::new(|v| v["diffs"][0]["op_classes"][0]["classes"][0]["ops"] = json!([0])),
        ),
        (
            "evidence with neither side",
            Box::new(|v| {
                let c = v["diffs"][0]["classes"]
                    .as_array_mut()
                    .unwrap()
                    .iter_mut()
                    .find(|c| c["class"] == "number")
                    .unwrap();
                c["changes"][0] = json!({});
            }),
        ),
        (
            "a diff class without its ops",
            Box::new(|v| remove(v, "/diffs/0/classes/0", "ops")),
        ),
        (
            "undocumented evidence field",
            Box::new(|v| v["diffs"][0]["classes"][0]["score"] = json!(1)),
        ),
    ];
    for (what, breakage) in breakages {
        let mut bad = good.clone();
        breakage(&mut bad);
        assert!(
            !errors(&bad, None, true).is_empty(),
            "the schema accepts a change log with {what}"
        );
    }
    // The published schema is open: an added field is fine for a lenient consumer.
    let mut extended = good.clone();
    extended["diffs"][0]["score"] = json!(3);
    assert!(errors(&extended, None, false).is_empty());
}

fn remove(v: &mut Value, pointer: &str, key: &str) {
    let obj: &mut Map<String, Value> = v.pointer_mut(pointer).unwrap().as_object_mut().unwrap();
    assert!(obj.remove(key).is_some(), "no {key} at {pointer}");
}

fn find_op<'a>(v: &'a mut Value, kind: &str) -> &'a mut Value {
    v["diffs"][0]["ops"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|op| op["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} op in the sample"))
}
