//! The one XML writer: the display form writes it compact, the CDA envelope one
//! element per line with tabs, as the Kanta sample is laid out. Every text and attribute
//! value is escaped here ([`super::escape`]); nothing else writes markup.

/// How elements are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    /// No whitespace between elements (the display form).
    Compact,
    /// One element per line, indented by tabs (the envelope).
    Indented,
}

/// Writes XML into a string.
pub(super) struct Xml {
    /// What was written.
    pub(super) out: String,
    depth: usize,
    layout: Layout,
}

impl Xml {
    /// A writer starting with `prolog` (the XML declaration, or nothing).
    pub(super) fn new(prolog: &str, layout: Layout, capacity: usize) -> Xml {
        let mut out = String::with_capacity(capacity.max(prolog.len()));
        out.push_str(prolog);
        Xml {
            out,
            depth: 0,
            layout,
        }
    }

    fn indent(&mut self) {
        if self.layout == Layout::Indented {
            for _ in 0..self.depth {
                self.out.push('\t');
            }
        }
    }

    fn end_line(&mut self) {
        if self.layout == Layout::Indented {
            self.out.push('\n');
        }
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            attr_escape(v, &mut self.out);
            self.out.push('"');
        }
    }

    /// `<name attrs>`; the content follows (indented one more).
    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push('>');
        self.end_line();
        self.depth += 1;
    }

    /// `</name>`.
    pub(super) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self.end_line();
    }

    /// `<name attrs/>`.
    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str("/>");
        self.end_line();
    }

    /// `<name attrs>text</name>` on one line.
    pub(super) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        self.out.push('>');
        super::escape(text, &mut self.out);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self.end_line();
    }

    /// `<name attrs>` + `content` written as is (already safe: base64) + `</name>`.
    pub(super) fn leaf_raw(&mut self, name: &str, attrs: &[(&str, &str)], content: &str) {
        self.start(name, attrs);
        self.out.push('>');
        self.out.push_str(content);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self.end_line();
    }

    /// Text content, escaped.
    pub(super) fn text(&mut self, t: &str) {
        super::escape(t, &mut self.out);
    }
}

/// Attribute values: [`super::escape`], and the whitespace XML would normalise away kept
/// as character references.
fn attr_escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => super::escape(c.encode_utf8(&mut [0; 4]), out),
        }
    }
}
