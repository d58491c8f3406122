//! The display form (fi. *näyttömuoto*): XHTML following the Kanta sample's
//! `div.soc-document` layout. Every text goes through [`escape`]; no scripts, styles,
//! event attributes or external references are ever written.

use super::format::{format_item, FormatOptions};
use crate::document::{DataPath, Document, Entry, Group, Item, PathToken};
use crate::lang::Lang;
use crate::model::{FieldKind, NodeId, NodeKind, Structure};

/// Options for the display form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XhtmlOptions {
    /// Language of labels and fixed words.
    pub lang: Lang,
    /// The document's own OID (given by the host); becomes `id="OID…"`.
    pub doc_oid: Option<String>,
    /// Organisation name for the header (`soc-hdr1`).
    pub organisation: Option<String>,
    /// Paper print-out: include signature (Allekirjoitus) lines.
    pub print: bool,
    /// Mask henkilötunnus. On by default.
    pub mask_hetu: bool,
    /// Mark the output as a draft preview that may not be archived.
    pub draft: bool,
}

impl Default for XhtmlOptions {
    fn default() -> Self {
        XhtmlOptions {
            lang: Lang::Fi,
            doc_oid: None,
            organisation: None,
            print: false,
            mask_hetu: true,
            draft: false,
        }
    }
}

/// Writes the display form of `doc`. `hidden` lists field paths a rule hides.
///
/// ```
/// use sosmeta_editor::{model::Structure, document::Document, emit::{write_xhtml, XhtmlOptions}};
/// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
/// let doc = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"merkinta":"<b>Käynti</b>"}}"#).unwrap();
/// let x = write_xhtml(&s, &doc, &[], &XhtmlOptions::default());
/// assert!(x.contains("&lt;b&gt;Käynti&lt;/b&gt;"));
/// ```
pub fn write_xhtml(
    s: &Structure,
    doc: &Document,
    hidden: &[DataPath],
    opts: &XhtmlOptions,
) -> String {
    let mut w = Writer {
        s,
        hidden,
        opts,
        fmt: FormatOptions {
            lang: opts.lang,
            mask_hetu: opts.mask_hetu,
        },
        out: String::with_capacity(4096),
    };
    w.document(doc);
    w.out
}

/// Escapes text for XHTML content and attribute values. Characters XML 1.0 forbids
/// (most C0 controls, U+FFFE, U+FFFF) become U+FFFD so the output stays well-formed.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Notes that put an identifier in the display form's header (`soc-hdr3`), strongest first
/// (the corpus: "Asianumero näytetään asiakirjan ylätunnisteessa" ×9, "… tulostetaan
/// asiakirjan ylätunnisteeseen" ×2, "Päätöstunnus / Asiatunnus / Asiakirjatunnus voidaan
/// näyttää asiakirjan ylätunnisteessa" ×49). Issue 16.
const HEADER_NOTES: &[&str] = &[
    "näytetään asiakirjan ylätunnisteessa",
    "tulostetaan asiakirjan ylätunnisteeseen",
    "voidaan näyttää asiakirjan ylätunnisteessa",
];

/// Notes that put an identifier in the footer (`soc-ftr1`): "Versiotunnuksena näytetään
/// asiakirjan alatunnisteessa otsikko-kentässä oleva tunnus" (×14). Issue 16.
const FOOTER_NOTES: &[&str] = &["näytetään asiakirjan alatunnisteessa"];

struct Writer<'a> {
    s: &'a Structure,
    hidden: &'a [DataPath],
    opts: &'a XhtmlOptions,
    fmt: FormatOptions,
    out: String,
}

impl Writer<'_> {
    fn text(&mut self, t: &str) {
        escape(t, &mut self.out);
    }

    /// Text with line breaks as `<br/>`.
    fn multiline(&mut self, t: &str) {
        let t = t.replace("\r\n", "\n");
        for (i, line) in t.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str("<br/>");
            }
            self.text(line);
        }
    }

    fn document(&mut self, doc: &Document) {
        let lang = self.opts.lang;
        self.out.push_str("<div class=\"soc-document\"");
        if let Some(oid) = &self.opts.doc_oid {
            self.out.push_str(" id=\"OID");
            self.text(oid);
            self.out.push('"');
        }
        self.out
            .push_str(" xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"");
        self.out.push_str(lang.code());
        self.out.push_str("\" xml:lang=\"");
        self.out.push_str(lang.code());
        self.out.push_str("\">");
        self.out
            .push_str("<div class=\"soc-header\"><div class=\"soc-hdr1\">");
        if let Some(o) = &self.opts.organisation {
            self.text(o);
        }
        self.out.push_str("</div><div class=\"soc-hdr2\">");
        if let Some(t) = &self.s.meta.document_type {
            self.text(t);
        }
        self.out.push_str("</div><div class=\"soc-hdr3\">");
        self.marked_identifier(doc, HEADER_NOTES);
        self.out.push_str("</div></div>");
        self.out
            .push_str("<div class=\"soc-main-wrapper\"><h1 class=\"soc-fulltitle\">");
        let title = self.s.document_title(lang).to_string();
        self.text(&title);
        self.out.push_str("</h1>");
        if self.opts.draft {
            self.out.push_str("<p class=\"soc-draft\">");
            self.text(super::text::doc_text(
                super::text::DocText::DraftBanner,
                lang,
            ));
            self.out.push_str("</p>");
        }
        let dn = self.s.document_node();
        if let Some(Entry::One(Item::Group(body))) = doc.top.get(dn) {
            let path = DataPath::root().child(PathToken::Node(dn));
            self.top_items(dn, body, &path);
        }
        self.out
            .push_str("</div><div class=\"soc-footer\"><div class=\"soc-ftr1\">");
        self.marked_identifier(doc, FOOTER_NOTES);
        self.out.push_str(
            "</div><div class=\"soc-ftr2\"></div><div class=\"soc-ftr3\"></div></div></div>",
        );
    }

    /// "Label: value" of the first identifier (Tunnus) field whose note puts it in the
    /// header or footer (`phrases`, strongest first: "näytetään" before "voidaan näyttää"),
    /// outside repeated groups, present and not hidden.
    fn marked_identifier(&mut self, doc: &Document, phrases: &[&str]) {
        for phrase in phrases {
            for id in self.s.ids() {
                let n = self.s.node(id);
                let note = n.meta.implementation_note.fi.as_deref().unwrap_or_default();
                if n.kind != NodeKind::Field(FieldKind::Identifier)
                    || !note.to_lowercase().contains(phrase)
                {
                    continue;
                }
                let Some(parent) = n.parent else { continue };
                let found = crate::document::group_instances(self.s, doc, parent)
                    .into_iter()
                    .find_map(|(gp, g)| {
                        let path = gp.child(PathToken::Node(id));
                        let value = match g.get(id)? {
                            Entry::One(item) => format_item(self.s, id, item, self.fmt),
                            Entry::Many(_) => return None,
                        };
                        (!self.hidden.contains(&path) && !value.trim().is_empty()).then_some(value)
                    });
                if let Some(value) = found {
                    let label = n.meta.label(self.opts.lang).to_string();
                    self.text(&format!("{label}: {value}"));
                    return;
                }
            }
        }
    }

    fn is_shown(&self, id: NodeId, path: &DataPath) -> bool {
        let n = self.s.node(id);
        if n.kind == NodeKind::Field(FieldKind::Signature) && !self.opts.print {
            return false;
        }
        !self.hidden.contains(path)
    }

    /// Children of a group as top-level `soc-list` items; hiddenField groups are flattened.
    fn top_items(&mut self, id: NodeId, g: &Group, path: &DataPath) {
        for &c in &self.s.node(id).children {
            let cpath = path.child(PathToken::Node(c));
            if !self.is_shown(c, &cpath) {
                continue;
            }
            let n = self.s.node(c);
            let entry = g.get(c);
            if n.kind == NodeKind::Group && n.meta.hidden_field {
                if let Some(e) = entry {
                    for (i, it) in e.items().iter().enumerate() {
                        if let Item::Group(inner) = it {
                            let ipath = item_path(&cpath, e, i);
                            self.top_items(c, inner, &ipath);
                        }
                    }
                }
                continue;
            }
            let print_sig = self.opts.print && n.kind == NodeKind::Field(FieldKind::Signature);
            if entry.is_none_or(|e| e.items().is_empty()) && !print_sig {
                continue;
            }
            self.out
                .push_str("<div class=\"soc-list\"><div class=\"soc-item\">");
            if !n.meta.hidden_title {
                self.out.push_str("<h1 class=\"soc-title\">");
                let label = n.meta.label(self.opts.lang).to_string();
                self.text(&label);
                self.out.push_str("</h1>");
            }
            self.out.push_str("<div class=\"soc-content\">");
            match (&n.kind, entry) {
                (NodeKind::Field(_), None) => self.out.push_str("<p>____________________</p>"),
                (NodeKind::Field(_), Some(e)) => {
                    self.out.push_str("<p>");
                    for (i, it) in e.items().iter().enumerate() {
                        if i > 0 {
                            self.out.push_str("<br/>");
                        }
                        let v = format_item(self.s, c, it, self.fmt);
                        self.multiline(&v);
                    }
                    self.out.push_str("</p>");
                }
                (NodeKind::Group, Some(e)) => {
                    for (i, it) in e.items().iter().enumerate() {
                        if let Item::Group(inner) = it {
                            self.out.push_str("<p>");
                            let ipath = item_path(&cpath, e, i);
                            self.lines(c, inner, &ipath);
                            self.out.push_str("</p>");
                        }
                    }
                }
                (NodeKind::Group, None) => {}
            }
            self.out.push_str("</div></div></div>");
        }
    }

    /// A group's content as "Label: value<br/>" lines; sub-groups as a heading line + lines.
    fn lines(&mut self, id: NodeId, g: &Group, path: &DataPath) {
        for &c in &self.s.node(id).children {
            let cpath = path.child(PathToken::Node(c));
            if !self.is_shown(c, &cpath) {
                continue;
            }
            let n = self.s.node(c);
            let label = n.meta.label(self.opts.lang).to_string();
            let Some(e) = g.get(c) else {
                if self.opts.print && n.kind == NodeKind::Field(FieldKind::Signature) {
                    self.text(&label);
                    self.out.push_str(": ____________________<br/>");
                }
                continue;
            };
            for (i, it) in e.items().iter().enumerate() {
                match it {
                    Item::Group(inner) => {
                        let ipath = item_path(&cpath, e, i);
                        if !n.meta.hidden_field
                            && !n.meta.hidden_title
                            && (i == 0 || !inner.is_empty())
                        {
                            self.out.push_str("<span class=\"soc-subtitle\">");
                            self.text(&label);
                            self.out.push_str("</span><br/>");
                        }
                        self.lines(c, inner, &ipath);
                    }
                    _ => {
                        if !n.meta.hidden_title {
                            self.text(&label);
                            self.out.push_str(": ");
                        }
                        let v = format_item(self.s, c, it, self.fmt);
                        self.multiline(&v);
                        self.out.push_str("<br/>");
                    }
                }
            }
        }
    }
}

fn item_path(node_path: &DataPath, e: &Entry, i: usize) -> DataPath {
    match e {
        Entry::One(_) => node_path.clone(),
        Entry::Many(_) => node_path.child(PathToken::Index(i)),
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping_table() {
        let cases = [
            ("a & b", "a &amp; b"),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("\" onload='x'", "&quot; onload=&#39;x&#39;"),
            ("]]>", "]]&gt;"),
            ("\u{0}\u{8}x", "\u{FFFD}\u{FFFD}x"),
            ("rivi\nrivi", "rivi\nrivi"),
            ("ääkköset", "ääkköset"),
        ];
        for (input, expected) in cases {
            let mut out = String::new();
            escape(input, &mut out);
            assert_eq!(out, expected, "input {input:?}");
        }
    }
}
