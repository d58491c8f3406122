//! Canonical JSON of a document: the structured form (fi. *rakenteinen muoto*).
//!
//! Rule (documented in docs/output-formats.md): object keys in structure order (the order of the
//! structure's children, i.e. rowNumber order; parts of Koodi/Tunnus/Määrä in schema order;
//! properties kept from open objects after them in input order), no insignificant whitespace,
//! strings escaped as JSON requires and nothing more (`"` `\` and control characters; other
//! characters, incl. non-ASCII, written as UTF-8), numbers as read.

use super::{Document, Entry, Group, Item, Parts, Plain};
use crate::model::{NodeId, Shape, Structure};

/// Writes the canonical JSON of `doc`.
///
/// ```
/// use sosmeta_editor::{write_canonical_json, Document, Structure};
/// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
/// let doc = Document::from_json(&s, "{ \"demo_asiakaskertomus\" : { \"merkinta\" : \"Käynti\" } }").unwrap();
/// assert_eq!(write_canonical_json(&s, &doc), "{\"demo_asiakaskertomus\":{\"merkinta\":\"Käynti\"}}");
/// ```
pub fn write_canonical_json(s: &Structure, doc: &Document) -> String {
    let mut out = String::with_capacity(1024);
    group(s, s.root(), &doc.top, &mut out);
    out
}

/// A group's members in the structure's child order (rowNumber), then kept extras.
fn group(s: &Structure, node: NodeId, g: &Group, out: &mut String) {
    out.push('{');
    let mut first = true;
    let present = s
        .node(node)
        .children
        .iter()
        .filter_map(|c| g.get(*c).map(|e| (c, e)));
    for (id, entry) in present {
        if !first {
            out.push(',');
        }
        first = false;
        string(&s.node(*id).key, out);
        out.push(':');
        match entry {
            Entry::One(i) => item(s, *id, i, out),
            Entry::Many(items) => {
                out.push('[');
                for (k, i) in items.iter().enumerate() {
                    if k > 0 {
                        out.push(',');
                    }
                    item(s, *id, i, out);
                }
                out.push(']');
            }
        }
    }
    extra(&g.extra, &mut first, out);
    out.push('}');
}

fn extra(extra: &[(String, serde_json::Value)], first: &mut bool, out: &mut String) {
    for (k, v) in extra {
        if !*first {
            out.push(',');
        }
        *first = false;
        string(k, out);
        out.push(':');
        out.push_str(&serde_json::to_string(v).unwrap_or_else(|_| "null".into()));
    }
}

fn item(s: &Structure, id: crate::model::NodeId, i: &Item, out: &mut String) {
    match i {
        Item::Group(g) => group(s, id, g, out),
        Item::Plain(p) => plain(p, out),
        Item::Parts(p) => parts(s, id, p, out),
    }
}

fn parts(s: &Structure, id: crate::model::NodeId, p: &Parts, out: &mut String) {
    let Shape::Parts { parts, .. } = &s.node(id).shape else {
        return;
    };
    out.push('{');
    let mut first = true;
    for (i, v) in &p.values {
        if !first {
            out.push(',');
        }
        first = false;
        string(
            parts
                .get(*i as usize)
                .map(|p| p.key.as_str())
                .unwrap_or("?"),
            out,
        );
        out.push(':');
        plain(v, out);
    }
    extra(&p.extra, &mut first, out);
    out.push('}');
}

fn plain(p: &Plain, out: &mut String) {
    match p {
        Plain::Text(t) => string(t, out),
        Plain::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Plain::Number(n) => out.push_str(&n.to_string()),
    }
}

/// Writes a JSON string literal.
pub(crate) fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::string;

    #[test]
    fn string_escaping_table() {
        let cases = [
            ("a", r#""a""#),
            ("\"q\"", r#""\"q\"""#),
            ("back\\slash", r#""back\\slash""#),
            ("rivi\nrivi", r#""rivi\nrivi""#),
            ("\u{1}", r#""\u0001""#),
            ("äö</script>", "\"äö</script>\""),
        ];
        for (input, expected) in cases {
            let mut out = String::new();
            string(input, &mut out);
            assert_eq!(out, expected);
            let back: String = serde_json::from_str(&out).unwrap();
            assert_eq!(back, input);
        }
    }
}
