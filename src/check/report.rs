//! Reports of `newsdiff check`: a human one (one line per finding, then a summary), JSON
//! (`newsdiff/check/1`) and JUnit XML for CI systems. All three stream: what they hold
//! does not grow with the archive.

use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use super::{ArticleReport, Outcome, Sink, Summary, Verdict};
use crate::text::normalize::{escape_c1_controls, one_line};
use crate::xml;

/// The schema identifier of the JSON report.
pub const SCHEMA: &str = "newsdiff/check/1";

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line per violation or problem, then a summary.
    Human,
    /// `{"schema": "newsdiff/check/1", "findings": [...], "summary": {...}}`.
    Json,
    /// JUnit XML: one test case per article.
    Junit,
}

/// The report of `format`, written to `out`.
pub fn sink<'a>(format: Format, out: Box<dyn Write + 'a>) -> Box<dyn Sink + 'a> {
    let out = BufWriter::new(out);
    match format {
        Format::Human => Box::new(Human { out }),
        Format::Json => Box::new(Json { out, first: true }),
        Format::Junit => Box::new(Junit {
            out,
            cases: None,
            tests: 0,
            failures: 0,
            errors: 0,
        }),
    }
}

/// A count with thousands separators.
pub fn count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn bytes(n: usize) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

/// `1 article`, `1,200 articles`: a count ([`count`]) with the noun that fits it.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

struct Human<W: Write> {
    out: W,
}

impl<W: Write> Sink for Human<W> {
    /// Every string here comes from archive data (ids, paths, parser messages): each
    /// goes through `one_line`, so none can reach the terminal as an escape sequence.
    fn outcome(&mut self, o: &Outcome) -> io::Result<()> {
        let out = &mut self.out;
        match o {
            Outcome::Problem(p) => {
                writeln!(out, "{}: error: {}", one_line(&p.at), one_line(&p.message))
            }
            Outcome::Article(a) => {
                let article = one_line(&a.article);
                for p in &a.problems {
                    let (at, message) = (one_line(&p.at), one_line(&p.message));
                    if p.at == a.article {
                        writeln!(out, "{at}: error: {message}")?;
                    } else {
                        writeln!(out, "{article}: error: {message} ({at})")?;
                    }
                }
                for v in &a.violations {
                    write!(out, "{article}: ")?;
                    if let Some(ver) = v.version {
                        write!(out, "version {ver}: ")?;
                    }
                    write!(out, "{}: {}", v.rule, one_line(&v.message))?;
                    match &v.at {
                        Some(at) if *at != a.article => writeln!(out, " ({})", one_line(at))?,
                        _ => writeln!(out)?,
                    }
                }
                Ok(())
            }
        }
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let o = &mut self.out;
        if s.violations + s.problems > 0 {
            writeln!(o)?;
        }
        writeln!(
            o,
            "checked {}, {} ({}), {} diffed, in {:.1} s: {} versions/s on {}",
            plural(s.articles, "article", "articles"),
            plural(s.versions, "version", "versions"),
            bytes(s.bytes),
            plural(s.counts.pairs_diffed, "pair", "pairs"),
            s.elapsed_s,
            count(s.versions_per_second as usize),
            plural(s.jobs, "thread", "threads"),
        )?;
        set_aside_and_skipped(o, s)?;
        violations_by_rule(o, s)?;
        if s.problems > 0 {
            writeln!(
                o,
                "problems: {} (nothing could be read of {})",
                count(s.problems),
                plural(s.broken_articles, "article", "articles")
            )?;
        }
        // One article is its own slowest and largest.
        if s.articles > 1 {
            slowest_and_largest(o, s)?;
        }
        writeln!(
            o,
            "{}",
            match s.verdict() {
                Verdict::Pass => "PASS".to_string(),
                Verdict::Violations =>
                    format!("FAIL: {}", plural(s.violations, "violation", "violations")),
                Verdict::Trouble => format!(
                    "TROUBLE: {} could not be read",
                    plural(s.problems, "thing", "things")
                ),
                Verdict::NothingChecked => "TROUBLE: no article found to check (an empty \
                    directory or file, or only READMEs and newsdiff.toml)"
                    .to_string(),
            }
        )?;
        o.flush()
    }
}

/// What the run left out, so nothing is passed over in silence: boilerplate paragraphs
/// set aside, and pairs the change policies skipped (typography only, or trivial).
fn set_aside_and_skipped(o: &mut impl Write, s: &Summary) -> io::Result<()> {
    if s.counts.set_aside > 0 {
        writeln!(
            o,
            "set aside as boilerplate: {} (`newsdiff export` lists each)",
            plural(s.counts.set_aside, "paragraph", "paragraphs")
        )?;
    }
    if s.counts.skipped_typography + s.counts.skipped_trivial > 0 {
        writeln!(
            o,
            "skipped by the change policies: {} typography only, {} below the minimum change",
            plural(s.counts.skipped_typography, "pair", "pairs"),
            plural(s.counts.skipped_trivial, "pair", "pairs"),
        )?;
    }
    Ok(())
}

/// The summary's count of violations, by rule in a table.
fn violations_by_rule(o: &mut impl Write, s: &Summary) -> io::Result<()> {
    if s.violations == 0 {
        return writeln!(o, "violations: none");
    }
    writeln!(
        o,
        "violations: {} in {}",
        count(s.violations),
        plural(s.failing_articles, "article", "articles")
    )?;
    let width = s
        .violations_by_rule
        .keys()
        .map(|r| r.name().len())
        .max()
        .unwrap_or(0);
    for (rule, n) in &s.violations_by_rule {
        writeln!(o, "  {:<width$}  {:>7}", rule.name(), count(*n))?;
    }
    Ok(())
}

/// The summary's lists of the slowest and the largest articles.
fn slowest_and_largest(o: &mut impl Write, s: &Summary) -> io::Result<()> {
    writeln!(o, "slowest:")?;
    for n in &s.slowest {
        writeln!(
            o,
            "  {:>9.1} ms  {} ({})",
            n.elapsed_ms,
            one_line(&n.article),
            plural(n.versions, "version", "versions")
        )?;
    }
    writeln!(o, "largest:")?;
    for n in &s.largest {
        writeln!(
            o,
            "  {:>12}  {} ({})",
            bytes(n.bytes),
            one_line(&n.article),
            plural(n.versions, "version", "versions")
        )?;
    }
    Ok(())
}

/// A finding of the JSON report.
#[derive(serde::Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Finding<'a> {
    Violation {
        article: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<&'a str>,
        #[serde(flatten)]
        violation: &'a super::Violation,
    },
    Problem {
        #[serde(skip_serializing_if = "Option::is_none")]
        article: Option<&'a str>,
        at: &'a str,
        message: &'a str,
        /// Whether nothing of the article could be read.
        broken: bool,
    },
}

struct Json<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> Json<W> {
    fn write(&mut self, f: &Finding<'_>) -> io::Result<()> {
        if self.first {
            writeln!(self.out, "{{\"schema\": \"{SCHEMA}\", \"findings\": [")?;
            self.first = false;
        } else {
            self.out.write_all(b",\n")?;
        }
        // Findings carry archive text: C1 controls are escaped, as in every JSON output.
        let line = escape_c1_controls(serde_json::to_string(f)?);
        self.out.write_all(line.as_bytes())
    }
}

impl<W: Write> Sink for Json<W> {
    fn outcome(&mut self, o: &Outcome) -> io::Result<()> {
        match o {
            Outcome::Problem(p) => self.write(&Finding::Problem {
                article: None,
                at: &p.at,
                message: &p.message,
                broken: false,
            }),
            Outcome::Article(a) => {
                for p in &a.problems {
                    self.write(&Finding::Problem {
                        article: Some(&a.article),
                        at: &p.at,
                        message: &p.message,
                        broken: a.broken,
                    })?;
                }
                for v in &a.violations {
                    self.write(&Finding::Violation {
                        article: &a.article,
                        source: a.source.as_deref(),
                        violation: v,
                    })?;
                }
                Ok(())
            }
        }
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        if self.first {
            write!(self.out, "{{\"schema\": \"{SCHEMA}\", \"findings\": [")?;
        }
        self.out.write_all(b"\n], \"summary\": ")?;
        let summary = escape_c1_controls(serde_json::to_string_pretty(s)?);
        self.out.write_all(summary.as_bytes())?;
        // The exit status `newsdiff check` gives, as the schema documents it.
        writeln!(
            self.out,
            ", \"exit\": {}}}",
            match s.verdict() {
                Verdict::Pass => 0,
                Verdict::Violations => 1,
                Verdict::Trouble | Verdict::NothingChecked => 2,
            }
        )?;
        self.out.flush()
    }
}

/// JUnit XML. The `<testsuite>` element carries the counts, which are known only at the
/// end, so the test cases go to a temporary file first.
struct Junit<W: Write> {
    out: W,
    cases: Option<BufWriter<std::fs::File>>,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl<W: Write> Junit<W> {
    fn cases(&mut self) -> io::Result<&mut BufWriter<std::fs::File>> {
        if self.cases.is_none() {
            self.cases = Some(BufWriter::new(tempfile::tempfile()?));
        }
        Ok(self.cases.as_mut().expect("just set"))
    }

    fn article(&mut self, a: &ArticleReport) -> io::Result<()> {
        self.tests += 1;
        let secs = a.elapsed.as_secs_f64();
        let class = a.source.as_deref().unwrap_or("newsdiff.check");
        let mut body = String::new();
        if !a.problems.is_empty() {
            self.errors += 1;
            let lines: Vec<String> = a.problems.iter().map(|p| p.to_string()).collect();
            body.push_str(&format!(
                "<error message=\"{}\" type=\"{}\">{}</error>",
                xml::escape(&lines[0]),
                if a.broken {
                    "unreadable"
                } else {
                    "partly-unreadable"
                },
                xml::escape(&lines.join("\n"))
            ));
        }
        if !a.violations.is_empty() {
            self.failures += 1;
            let mut rules: Vec<&str> = a.violations.iter().map(|v| v.rule.name()).collect();
            rules.dedup();
            let lines: Vec<String> = a
                .violations
                .iter()
                .map(|v| match v.version {
                    Some(ver) => format!("version {ver}: {}: {}", v.rule, v.message),
                    None => format!("{}: {}", v.rule, v.message),
                })
                .collect();
            body.push_str(&format!(
                "<failure message=\"{}\" type=\"{}\">{}</failure>",
                xml::escape(&format!(
                    "{}: {}",
                    plural(a.violations.len(), "violation", "violations"),
                    lines[0]
                )),
                xml::escape(&rules.join(",")),
                xml::escape(&lines.join("\n"))
            ));
        }
        let open = format!(
            "    <testcase classname=\"{}\" name=\"{}\" time=\"{secs:.6}\"",
            xml::escape(class),
            xml::escape(&a.article)
        );
        let w = self.cases()?;
        if body.is_empty() {
            writeln!(w, "{open}/>")
        } else {
            writeln!(w, "{open}>{body}</testcase>")
        }
    }
}

impl<W: Write> Sink for Junit<W> {
    fn outcome(&mut self, o: &Outcome) -> io::Result<()> {
        match o {
            Outcome::Article(a) => self.article(a),
            Outcome::Problem(p) => {
                self.tests += 1;
                self.errors += 1;
                let line = format!(
                    "    <testcase classname=\"newsdiff.archive\" name=\"{}\" time=\"0\"><error message=\"{}\" type=\"unreadable\"/></testcase>",
                    xml::escape(&p.at),
                    xml::escape(&p.message)
                );
                writeln!(self.cases()?, "{line}")
            }
        }
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let o = &mut self.out;
        writeln!(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            o,
            "<testsuites name=\"newsdiff check\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3}\">",
            self.tests, self.failures, self.errors, s.elapsed_s
        )?;
        writeln!(
            o,
            "  <testsuite name=\"newsdiff check\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{:.3}\">",
            self.tests, self.failures, self.errors, s.elapsed_s
        )?;
        if let Some(cases) = self.cases.take() {
            let mut f = cases.into_inner().map_err(|e| e.into_error())?;
            f.seek(SeekFrom::Start(0))?;
            let mut buf = vec![0u8; 1 << 16];
            loop {
                let n = f.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                o.write_all(&buf[..n])?;
            }
        }
        writeln!(o, "  </testsuite>")?;
        writeln!(o, "</testsuites>")?;
        o.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(4_600_000), "4,600,000");
    }
}
