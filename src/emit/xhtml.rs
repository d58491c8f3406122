//! The display form (fi. *näyttömuoto*): XHTML following the Kanta sample's
//! `div.soc-document` layout. Every text goes through [`escape`]; no scripts, styles,
//! event attributes or external references are ever written.

use super::format::{format_item, FormatOptions};
use super::xml::{Layout, Xml};
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
/// use sosmeta_editor::{write_xhtml, Document, Structure, XhtmlOptions};
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
    // A set: looked up once per field (a scan was quadratic in repeated items).
    let hidden: std::collections::HashSet<&DataPath> = hidden.iter().collect();
    let mut w = Writer {
        s,
        hidden: &hidden,
        opts,
        fmt: FormatOptions {
            lang: opts.lang,
            mask_hetu: opts.mask_hetu,
        },
        x: Xml::new("", Layout::Compact, 4096),
    };
    w.document(doc);
    w.x.out
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
/// näyttää asiakirjan ylätunnisteessa" ×49).
const HEADER_NOTES: &[&str] = &[
    "näytetään asiakirjan ylätunnisteessa",
    "tulostetaan asiakirjan ylätunnisteeseen",
    "voidaan näyttää asiakirjan ylätunnisteessa",
];

/// Notes that put an identifier in the footer (`soc-ftr1`): "Versiotunnuksena näytetään
/// asiakirjan alatunnisteessa otsikko-kentässä oleva tunnus" (×14).
const FOOTER_NOTES: &[&str] = &["näytetään asiakirjan alatunnisteessa"];

struct Writer<'a> {
    s: &'a Structure,
    hidden: &'a std::collections::HashSet<&'a DataPath>,
    opts: &'a XhtmlOptions,
    fmt: FormatOptions,
    x: Xml,
}

impl Writer<'_> {
    fn text(&mut self, t: &str) {
        self.x.text(t);
    }

    /// Text with line breaks as `<br/>`.
    fn multiline(&mut self, t: &str) {
        let t = t.replace("\r\n", "\n");
        for (i, line) in t.split('\n').enumerate() {
            if i > 0 {
                self.x.empty("br", &[]);
            }
            self.text(line);
        }
    }

    /// `<div class="…">`.
    fn div(&mut self, class: &str) {
        self.x.open("div", &[("class", class)]);
    }

    fn document(&mut self, doc: &Document) {
        let lang = self.opts.lang;
        let id = self.opts.doc_oid.as_ref().map(|o| format!("OID{o}"));
        let mut attrs = vec![("class", "soc-document")];
        if let Some(id) = &id {
            attrs.push(("id", id));
        }
        attrs.extend([
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("lang", lang.code()),
            ("xml:lang", lang.code()),
        ]);
        self.x.open("div", &attrs);
        self.div("soc-header");
        let organisation = self.opts.organisation.clone().unwrap_or_default();
        self.x.leaf("div", &[("class", "soc-hdr1")], &organisation);
        let doc_type = self.s.meta.document_type.clone().unwrap_or_default();
        self.x.leaf("div", &[("class", "soc-hdr2")], &doc_type);
        self.div("soc-hdr3");
        self.marked_identifier(doc, HEADER_NOTES);
        self.x.close("div");
        self.x.close("div");
        self.div("soc-main-wrapper");
        let title = self.s.document_title(lang).to_string();
        self.x.leaf("h1", &[("class", "soc-fulltitle")], &title);
        if self.opts.draft {
            let banner = super::text::doc_text(super::text::DocText::DraftBanner, lang);
            self.x.leaf("p", &[("class", "soc-draft")], banner);
        }
        let dn = self.s.document_node();
        if let Some(Entry::One(Item::Group(body))) = doc.top.get(dn) {
            let path = DataPath::root().child(PathToken::Node(dn));
            self.top_items(dn, body, &path);
        }
        self.x.close("div");
        self.div("soc-footer");
        self.div("soc-ftr1");
        self.marked_identifier(doc, FOOTER_NOTES);
        self.x.close("div");
        self.x.leaf("div", &[("class", "soc-ftr2")], "");
        self.x.leaf("div", &[("class", "soc-ftr3")], "");
        self.x.close("div");
        self.x.close("div");
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
            self.div("soc-list");
            self.div("soc-item");
            if !n.meta.hidden_title {
                let label = n.meta.label(self.opts.lang).to_string();
                self.x.leaf("h1", &[("class", "soc-title")], &label);
            }
            self.div("soc-content");
            match (&n.kind, entry) {
                (NodeKind::Field(_), None) => self.x.leaf("p", &[], "____________________"),
                (NodeKind::Field(_), Some(e)) => {
                    self.x.open("p", &[]);
                    for (i, it) in e.items().iter().enumerate() {
                        if i > 0 {
                            self.x.empty("br", &[]);
                        }
                        let v = format_item(self.s, c, it, self.fmt);
                        self.multiline(&v);
                    }
                    self.x.close("p");
                }
                (NodeKind::Group, Some(e)) => {
                    for (i, it) in e.items().iter().enumerate() {
                        if let Item::Group(inner) = it {
                            self.x.open("p", &[]);
                            let ipath = item_path(&cpath, e, i);
                            self.lines(c, inner, &ipath);
                            self.x.close("p");
                        }
                    }
                }
                (NodeKind::Group, None) => {}
            }
            self.x.close("div");
            self.x.close("div");
            self.x.close("div");
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
                    self.text(": ____________________");
                    self.x.empty("br", &[]);
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
                            self.x.leaf("span", &[("class", "soc-subtitle")], &label);
                            self.x.empty("br", &[]);
                        }
                        self.lines(c, inner, &ipath);
                    }
                    _ => {
                        if !n.meta.hidden_title {
                            self.text(&label);
                            self.text(": ");
                        }
                        let v = format_item(self.s, c, it, self.fmt);
                        self.multiline(&v);
                        self.x.empty("br", &[]);
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
