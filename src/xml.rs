//! Text for XML documents: the Atom feed of `newsdiff report` and the JUnit report of
//! `newsdiff check` both write it.

/// Text escaped for XML (attributes and content), without the characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            // C1 controls are legal XML but some terminals obey U+009B as CSI: a
            // character reference means the same to an XML reader and nothing to a
            // terminal showing the file.
            '\u{80}'..='\u{9f}' => out.push_str(&format!("&#x{:x};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            super::escape("a<b & \"c\"\u{1}\n\u{9b}"),
            "a&lt;b &amp; &quot;c&quot;&#10;&#x9b;"
        );
    }
}
