//! WARC files (`.warc`, `.warc.gz`): web archives as crawlers (Heritrix, wget, the
//! Wayback Machine) write them.
//!
//! Every HTML response record (status 2xx) of one URL is a revision, in capture time order
//! (`WARC-Date`, which becomes `created`), each reduced to its article as a saved page is
//! ([`super::html`]). With several URLs in the file, [`super::ReadOptions::url`] picks one.
//!
//! Records are read by `rust_warc` (no dependencies of its own; `warc` 0.4 read the same
//! records in a trial but pulls in 48 crates), `.warc.gz` through flate2's multi-member
//! gzip decoder (crawlers write one gzip member per record), and the HTTP response inside
//! by `httparse`, undoing chunked transfer and gzip or deflate content encoding.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use flate2::bufread::MultiGzDecoder;

use super::{MAX_INPUT_BYTES, html, read_limited};
use crate::article::Article;
use crate::{Error, InputProblem};

/// The gzip magic number.
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Whether bytes read from `name` are a WARC file: they start with `WARC/1.`, or with the
/// gzip magic number and the name ends in `.warc.gz`.
pub fn sniff(name: &str, head: &[u8]) -> bool {
    head.starts_with(b"WARC/1.")
        || (head.starts_with(GZIP_MAGIC) && name.to_ascii_lowercase().ends_with(".warc.gz"))
}

/// One HTML capture of a URL.
struct Capture {
    date: DateTime<FixedOffset>,
    uri: String,
    html: Vec<u8>,
}

/// Reads the captures of one URL from a WARC file's bytes into an article.
pub fn parse(
    name: &str,
    bytes: &[u8],
    url: Option<&str>,
    selector: Option<&str>,
) -> Result<Article, Error> {
    let fail = |msg: String| Error::input(name, InputProblem::Format(msg));
    let mut captures = captures(bytes).map_err(fail)?;
    let mut urls: Vec<&str> = captures.iter().map(|c| c.uri.as_str()).collect();
    urls.sort_unstable();
    urls.dedup();
    let chosen = match (url, urls.as_slice()) {
        (_, []) => {
            return Err(fail(
                "is a WARC file with no HTML response (2xx) in it".into(),
            ));
        }
        (Some(u), _) if urls.contains(&u) => u.to_string(),
        (Some(u), _) => {
            return Err(fail(format!(
                "has no HTML capture of {u}; its URLs: {}",
                urls.join(", ")
            )));
        }
        (None, [only]) => only.to_string(),
        (None, _) => {
            return Err(fail(format!(
                "holds captures of {} URLs; pick one with --url URL: {}",
                urls.len(),
                urls.join(", ")
            )));
        }
    };
    captures.retain(|c| c.uri == chosen);
    // Stable: captures at the same time keep the file's order.
    captures.sort_by_key(|c| c.date);
    let mut article: Option<Article> = None;
    for (i, c) in captures.into_iter().enumerate() {
        let label = format!("{name} @ {}", c.date.to_rfc3339());
        let text = String::from_utf8_lossy(&c.html);
        let mut page = html::parse(&label, &text, selector)?;
        let mut rev = page.revisions.remove(0);
        rev.version = i as u64;
        rev.created = Some(c.date);
        rev.label = Some(label);
        match article.as_mut() {
            Some(a) => a.revisions.push(rev),
            None => {
                page.meta.url = Some(chosen.clone());
                page.revisions = vec![rev];
                article = Some(page);
            }
        }
    }
    article.ok_or_else(|| fail("is a WARC file with no HTML response (2xx) in it".into()))
}

/// The file's bytes, decompressed when they are gzip (at most [`MAX_INPUT_BYTES`], so a
/// gzip bomb cannot eat memory).
fn decompressed(bytes: &[u8]) -> Result<Cow<'_, [u8]>, String> {
    if !bytes.starts_with(GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    let out = read_limited(MultiGzDecoder::new(bytes)).map_err(|e| match e {
        InputProblem::TooLarge { .. } => format!(
            "decompresses to more than {MAX_INPUT_BYTES} bytes; newsdiff reads WARC files up to that size"
        ),
        e => format!("is a gzip file that does not decompress ({e})"),
    })?;
    Ok(Cow::Owned(out))
}

/// What `rust_warc` found wrong, in words (it has no `Display`): its own message for a
/// malformed record, its first letter lower-cased to follow our colon.
fn warc_error(e: &rust_warc::WarcError) -> String {
    match e {
        rust_warc::WarcError::Malformed(m) => {
            let mut chars = m.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_lowercase().chain(chars).collect::<String>()
            })
        }
        rust_warc::WarcError::IO(e) => e.to_string(),
        rust_warc::WarcError::EOF => "the file ends inside it".to_string(),
    }
}

/// Fails when the record at the start of `rest` claims more content than the file holds
/// (the WARC reader would allocate what the header claims).
fn check_length(rest: &[u8], n: usize) -> Result<(), String> {
    let Some(end) = rest.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(());
    };
    let header = String::from_utf8_lossy(&rest[..end]);
    let claimed = header.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<u64>().ok())?
    });
    match claimed {
        Some(len) if len > (rest.len() - end - 4) as u64 => Err(format!(
            "WARC record {n} claims {len} bytes of content, more than the file holds"
        )),
        _ => Ok(()),
    }
}

/// Every HTML response (2xx) of the file, in file order.
fn captures(bytes: &[u8]) -> Result<Vec<Capture>, String> {
    let data = decompressed(bytes)?;
    let mut rest: &[u8] = &data;
    let mut out = Vec::new();
    let mut n = 0;
    while !rest.iter().all(u8::is_ascii_whitespace) {
        n += 1;
        check_length(rest, n)?;
        let record = rust_warc::WarcRecord::parse(&mut rest)
            .map_err(|e| format!("WARC record {n} is malformed: {}", warc_error(&e)))?;
        let field = |key: &str| record.header.get(&key.into()).map(|v| v.trim().to_string());
        if field("WARC-Type").as_deref() != Some("response") {
            continue;
        }
        let Some(date) = field("WARC-Date") else {
            return Err(format!("WARC record {n} has no WARC-Date"));
        };
        let date = DateTime::parse_from_rfc3339(&date)
            .map_err(|_| format!("WARC record {n} has a bad WARC-Date {date:?}"))?;
        let uri = field("WARC-Target-URI").unwrap_or_default();
        let uri = uri
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_string();
        if let Some(html) = http_html_body(&record.content)
            .map_err(|e| format!("WARC record {n} (capture of {uri}): {e}"))?
        {
            out.push(Capture { date, uri, html });
        }
    }
    Ok(out)
}

/// The body of an HTTP response when it is a 2xx HTML page (or has no content type),
/// with chunked transfer and gzip or deflate content encoding undone; `None` otherwise.
fn http_html_body(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let n = match resp.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        // A record that is not an HTTP response (a DNS record, say) is no page.
        Ok(httparse::Status::Partial) | Err(_) => return Ok(None),
    };
    let code = resp.code.unwrap_or(0);
    let get = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let ctype = get("content-type").unwrap_or_default();
    if !(200..300).contains(&code) || !(ctype.contains("html") || ctype.is_empty()) {
        return Ok(None);
    }
    let mut body = block[n..].to_vec();
    if get("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)?;
    }
    // Refused whole when it decodes to more than newsdiff reads, never cut short.
    let decoded = match get("content-encoding").as_deref().map(str::trim) {
        Some("gzip" | "x-gzip") => read_limited(flate2::read::MultiGzDecoder::new(&body[..])),
        Some("deflate") => read_limited(flate2::read::ZlibDecoder::new(&body[..])),
        _ => return Ok(Some(body)),
    };
    let out = decoded.map_err(|e| format!("the page's compressed body cannot be read ({e})"))?;
    Ok(Some(out))
}

/// The data of a chunked HTTP body.
fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        match httparse::parse_chunk_size(b).map_err(|_| "a bad chunk size in the body")? {
            httparse::Status::Complete((_, 0)) | httparse::Status::Partial => return Ok(out),
            httparse::Status::Complete((i, size)) => {
                let end = usize::try_from(size)
                    .ok()
                    .and_then(|s| i.checked_add(s))
                    .ok_or("a chunk larger than the body")?;
                out.extend_from_slice(b.get(i..end).ok_or("a chunk cut short")?);
                b = b.get(end + 2..).unwrap_or(&[]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_knows_warc_files() {
        assert!(sniff("x.bin", b"WARC/1.1\r\nWARC-Type: warcinfo"));
        assert!(sniff("crawl.WARC.GZ", b"\x1f\x8b\x08\x00"));
        assert!(!sniff("page.html.gz", b"\x1f\x8b\x08\x00"));
        assert!(!sniff("notes.txt", b"WARC files are archives"));
    }

    #[test]
    fn chunked_and_compressed_bodies_are_undone() {
        let chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\
            Transfer-Encoding: chunked\r\n\r\n3\r\n<p>\r\n2\r\nhi\r\n0\r\n\r\n";
        assert_eq!(http_html_body(chunked).unwrap().unwrap(), b"<p>hi");
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert!(http_html_body(redirect).unwrap().is_none());
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(http_html_body(image).unwrap().is_none());
        let claims =
            b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 18446744073709551615\r\n\r\nx";
        let e = captures(claims).err().unwrap();
        assert!(e.contains("more than the file holds"), "{e}");
        let huge = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nx";
        assert!(http_html_body(huge).is_err());
    }

    /// The reader's error was printed with `{:?}`: `(Malformed("Unknown WARC version"))`.
    #[test]
    fn a_malformed_record_is_said_in_words() {
        let e = captures(b"Two versions of a story.\n").err().unwrap();
        assert_eq!(e, "WARC record 1 is malformed: unknown WARC version");
    }
}
