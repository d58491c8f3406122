//! The Sosmeta structure model (fi. *asiakirjarakenne*): parsed once, immutable after.
//!
//! A structure is an arena of [`Node`]s addressed by copyable [`NodeId`]s. Node 0 is the
//! schema's root object; its only child is the document node (e.g.
//! `lapsiperheiden_palvelujen_asiakassuunnitelma`). After parsing, nothing in the crate
//! reads raw schema JSON. No Yew and no I/O here.

mod error;
mod kind;
mod parse;
mod protection;
mod value_set;

pub use crate::json::{escape_pointer_token, unescape_pointer_token};
pub use error::{display_pointer, ParseError, ParseErrorKind, ParseWarning, ParseWarningKind};
pub use kind::{FieldKind, QuantityKind};
pub use protection::{
    protection_rule, ContactProtection, ProtectionSwitch, KEPT_CONTACT_PARTS,
    LEGAL_REPRESENTATIVE_ROLES, PROTECTED_DETAILS,
};
pub use value_set::{parse_value_set, ValueSet};

use crate::lang::{Lang, LangText};

/// Identifier of a node in a [`Structure`]. Cheap to copy; valid for that structure only.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The arena index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A parsed Sosmeta structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Structure {
    /// Root `sosmeta` metadata.
    pub meta: StructureMeta,
    nodes: Vec<Node>,
    warnings: Vec<ParseWarning>,
    /// Children by key for wide groups: loading stays linear in a group's width.
    index: ChildIndex,
}

/// Children by key for groups wider than [`ChildIndex::WIDE`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ChildIndex {
    by_key: std::collections::HashMap<NodeId, std::collections::HashMap<String, NodeId>>,
}

impl ChildIndex {
    /// Below this many children a linear scan is as fast as a hash lookup.
    const WIDE: usize = 16;

    fn build(nodes: &[Node]) -> ChildIndex {
        let mut ix = ChildIndex::default();
        for (i, n) in nodes.iter().enumerate() {
            if n.children.len() > Self::WIDE {
                ix.by_key.insert(
                    NodeId(i as u32),
                    n.children
                        .iter()
                        .map(|c| (nodes[c.index()].key.clone(), *c))
                        .collect(),
                );
            }
        }
        ix
    }
}

/// The root `sosmeta` block of a structure.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct StructureMeta {
    /// Structure OID, e.g. `1.2.246.537.6.1506.15007.2024.11.28`.
    pub oid: String,
    /// Publication status; only `Valmis` structures may be archived.
    pub status: String,
    /// The export's title.
    pub title: String,
    /// Document type (fi. *asiakirjatyyppi*), e.g. `Suunnitelma`.
    pub document_type: Option<String>,
    /// Service area (fi. *asiakirjan aihe*), e.g. `Turvakotipalvelun asiakasasiakirjat`.
    pub document_subject: Option<String>,
    /// Who authors the document, e.g. `Ammattihenkilö`.
    pub document_author: Option<String>,
    /// Definition version (a date).
    pub document_definition_version: Option<String>,
    /// Data component library version (a date).
    pub data_component_library_version: Option<String>,
}

impl StructureMeta {
    /// True when the structure is published (`Valmis`) and may be archived.
    pub fn is_valmis(&self) -> bool {
        self.status.trim().eq_ignore_ascii_case("valmis")
    }

    /// The document type code and its code system, derived from the OID: the segment
    /// before the definition date (`…1506.15007.2024.11.28` → (`1.2.246.537.6.1506`, `15007`)).
    /// `None` when the OID does not have that shape ([`StructureMeta::oid_problem`]).
    pub fn document_type_code(&self) -> Option<(String, String)> {
        if self.oid_problem().is_some() {
            return None;
        }
        let parts: Vec<&str> = self.oid.split('.').collect();
        let code_at = parts.len() - 4;
        let system = parts[..code_at].join(".");
        Some((system, parts[code_at].to_string()))
    }

    /// Why the structure OID cannot identify an archived document, or `None` when it can.
    ///
    /// Source: every one of the 167 published structures (`shared/sosmeta/structures`) has
    /// an OID `<code system>.<document type code>.<YYYY>.<M>.<D>` — the THL code system
    /// (`1.2.246.537.6.1506`, or `…1505` for client-level documents), the document type,
    /// and the definition date (equal to `documentDefinitionVersion`). The bundle writes the
    /// OID as `contentSpecificationId` and derives the document type code from it, so an
    /// OID without that shape (`1.2.246.537.6.1506`: the code system alone) would archive
    /// a document of no type.
    pub fn oid_problem(&self) -> Option<&'static str> {
        if !is_oid(&self.oid) {
            return Some("not a dotted-decimal OID");
        }
        let parts: Vec<&str> = self.oid.split('.').collect();
        if parts.len() < 6 {
            return Some(
                "too short: a structure OID is <code system>.<document type>.<YYYY>.<M>.<D>",
            );
        }
        let n = parts.len();
        let date = format!("{}-{}-{}", parts[n - 3], parts[n - 2], parts[n - 1]);
        if parts[n - 3].len() != 4 || crate::time::parse_ymd(&date).is_none() {
            return Some("it does not end in a definition date <YYYY>.<M>.<D>");
        }
        None
    }
}

/// True for a dotted-decimal OID (ITU-T X.660): at least two arcs, the first 0, 1 or 2,
/// no empty arc, no leading zeros, digits only, at most 128 characters.
///
/// ```
/// use sosmeta_editor::is_oid;
/// assert!(is_oid("1.2.246.537.6.1506.15007.2024.11.28"));
/// for bad in ["", "1", "1..2", "01.2", "1.02", "3.1", "\"><script>", "1.2 "] {
///     assert!(!is_oid(bad), "{bad}");
/// }
/// ```
pub fn is_oid(v: &str) -> bool {
    let arcs: Vec<&str> = v.split('.').collect();
    v.len() <= 128
        && arcs.len() >= 2
        && matches!(arcs[0], "0" | "1" | "2")
        && arcs.iter().all(|a| {
            !a.is_empty()
                && a.bytes().all(|b| b.is_ascii_digit())
                && (a.len() == 1 || !a.starts_with('0'))
        })
}

/// One node: the schema's root, a data group (fi. *tietokokonaisuus*) or a field (fi. *tietokenttä*).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Property name in the parent (`""` for the schema root).
    pub key: String,
    /// The parent node (`None` for the schema root).
    pub parent: Option<NodeId>,
    /// Children in display order (rowNumber, then schema order).
    pub children: Vec<NodeId>,
    /// Group or field.
    pub kind: NodeKind,
    /// `Some` when the node is repeatable (`type: array`, fi. *toistuva*).
    pub repeat: Option<Repeat>,
    /// Whether the parent's `required` array names this node (fi. *pakollinen*).
    pub required: bool,
    /// The value's shape as the schema constrains it.
    pub shape: Shape,
    /// Sosmeta metadata.
    pub meta: NodeMeta,
    /// JSON Pointer of this node's property schema in the structure file.
    pub schema_pointer: String,
}

/// Group or field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A data group: a JSON object of child nodes.
    Group,
    /// A field with a value.
    Field(FieldKind),
}

/// Repetition of a repeatable node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repeat {
    /// `minItems` of the array (0 when absent).
    pub min_items: u64,
}

/// JSON type of a plain value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    /// `string`.
    String,
    /// `number` (integers included).
    Number,
    /// `integer`.
    Integer,
    /// `boolean`.
    Boolean,
}

impl JsonType {
    /// The JSON Schema name.
    pub fn name(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::Boolean => "boolean",
        }
    }
}

/// A regular expression from a schema `pattern`. Its syntax is checked when the structure
/// is parsed; the matcher is compiled on first use and shared by every clone.
///
/// In the browser the pattern runs on the browser's own ECMA-262 engine (`RegExp` with the
/// `u` flag, as JSON Schema and ajv mean it); natively on the `regex` crate with `\d` read
/// as ASCII digits. Keeping `regex` out of the wasm build saves a third of its size.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The pattern as written in the schema.
    pub source: String,
    #[cfg(not(target_arch = "wasm32"))]
    regex: std::sync::Arc<std::sync::OnceLock<regex::Regex>>,
    #[cfg(target_arch = "wasm32")]
    regex: std::rc::Rc<std::cell::OnceCell<Option<js_sys::RegExp>>>,
    /// Results by text: every keystroke re-validates the whole document, and handing each
    /// text to the browser's RegExp costs a UTF-8 → UTF-16 copy. Bounded; cleared when full.
    #[cfg(target_arch = "wasm32")]
    memo: std::rc::Rc<std::cell::RefCell<std::collections::HashMap<String, bool>>>,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

#[cfg(target_arch = "wasm32")]
mod js_regexp {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// `new RegExp(pattern, flags)`, catching the SyntaxError.
        #[wasm_bindgen(catch, js_namespace = Reflect, js_name = construct)]
        fn construct(target: &JsValue, args: &js_sys::Array) -> Result<js_sys::RegExp, JsValue>;
    }

    pub fn compile(source: &str) -> Result<js_sys::RegExp, String> {
        let ctor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("RegExp"))
            .map_err(|_| "no RegExp in this environment".to_string())?;
        let args = js_sys::Array::of2(&JsValue::from_str(source), &JsValue::from_str("u"));
        construct(&ctor, &args).map_err(|e| {
            js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "invalid regular expression".to_string())
        })
    }
}

impl Pattern {
    /// Checks an ECMA-262 pattern as JSON Schema means it (unanchored search; `\d` is ASCII).
    pub fn new(source: &str) -> Result<Pattern, String> {
        #[cfg(not(target_arch = "wasm32"))]
        regex_syntax::Parser::new()
            .parse(&Self::translate(source))
            .map_err(|e| e.to_string())?;
        #[cfg(target_arch = "wasm32")]
        js_regexp::compile(source)?;
        Ok(Pattern {
            source: source.to_string(),
            regex: Default::default(),
            #[cfg(target_arch = "wasm32")]
            memo: Default::default(),
        })
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn translate(source: &str) -> String {
        source.replace("\\d", "[0-9]")
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn regex(&self) -> &regex::Regex {
        self.regex.get_or_init(|| {
            regex::RegexBuilder::new(&Self::translate(&self.source))
                .size_limit(1 << 22)
                .build()
                // Syntax was checked in `new`; only the size limit can fail here, and then
                // nothing can match: a pattern too big to run rejects every value.
                .unwrap_or_else(|_| regex::Regex::new("[^\\s\\S]").expect("valid"))
        })
    }

    /// True when the text matches somewhere, as JSON Schema `pattern` requires.
    pub fn is_match(&self, text: &str) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return self.regex().is_match(text);
        #[cfg(target_arch = "wasm32")]
        {
            const MEMO_LIMIT: usize = 8192;
            if let Some(&hit) = self.memo.borrow().get(text) {
                return hit;
            }
            // Checked in `new`; a pattern that cannot be compiled here matches nothing.
            let result = self
                .regex
                .get_or_init(|| js_regexp::compile(&self.source).ok())
                .as_ref()
                .is_some_and(|r| r.test(text));
            let mut memo = self.memo.borrow_mut();
            if memo.len() >= MEMO_LIMIT {
                memo.clear();
            }
            memo.insert(text.to_string(), result);
            result
        }
    }

    /// For `^urn:oid:1\.2\.3(\.\d+)*$`-style patterns: the code system URI `urn:oid:1.2.3`.
    pub fn oid_system(&self) -> Option<String> {
        let rest = self.source.strip_prefix("^urn:oid:")?;
        let base = rest.strip_suffix("(\\.\\d+)*$")?;
        let unescaped = base.replace("\\.", ".");
        if unescaped.chars().all(|c| c.is_ascii_digit() || c == '.') {
            Some(format!("urn:oid:{unescaped}"))
        } else {
            None
        }
    }
}

/// Constraints on a plain JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    /// The JSON type.
    pub json_type: JsonType,
    /// `minLength`, counted in Unicode scalar values.
    pub min_length: Option<u64>,
    /// `pattern`.
    pub pattern: Option<Pattern>,
    /// `enum`: the allowed values.
    pub allowed: Option<Vec<serde_json::Value>>,
}

/// One part of an object-shaped field, e.g. `code` of a Koodi.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The part's property name.
    pub key: String,
    /// Whether the field's `required` array names it.
    pub required: bool,
    /// Its constraints.
    pub scalar: Scalar,
}

/// The shape of a node's value (of one item, for repeatable nodes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A JSON object of child nodes.
    Group {
        /// False when `additionalProperties` is not `false`.
        closed: bool,
    },
    /// A plain JSON value.
    Scalar(Scalar),
    /// A JSON object of plain parts (Koodi, Tunnus, Määrä, …).
    Parts {
        /// The parts in schema order.
        parts: Vec<Part>,
        /// False when `additionalProperties` is not `false`.
        closed: bool,
    },
}

/// Sosmeta metadata of one node.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NodeMeta {
    /// `name`: the data element's name.
    pub name: LangText,
    /// `title`: what people read, when it differs from the name.
    pub title: LangText,
    /// `description`: help text.
    pub description: LangText,
    /// `example`.
    pub example: LangText,
    /// `implementationNote`: rules in prose, incl. conditional requirements.
    pub implementation_note: LangText,
    /// `representation` as written.
    pub representation: LangText,
    /// `classification`: the code system's name.
    pub classification: LangText,
    /// `classificationOid`.
    pub classification_oid: Option<String>,
    /// `classificationLink`.
    pub classification_link: Option<String>,
    /// `systemUri`: the identifier system, e.g. `urn:oid:1.2.246.21` (henkilötunnus).
    pub system_uri: Option<String>,
    /// `valueSet`: prose list of values, e.g. `1 = Kyllä, 2 = Ei`.
    pub value_set: LangText,
    /// The `valueSet` parsed into (code, text) pairs, once, when the structure is read.
    pub value_set_codes: ValueSet,
    /// `acceptedValues`.
    pub accepted_values: Vec<String>,
    /// `phrase`: the fixed text of a Fraasi.
    pub phrase: LangText,
    /// `repeatable` as the sosmeta block says.
    pub repeatable: bool,
    /// `required` as the sosmeta block says.
    pub required: bool,
    /// `conditionalRequired` (fi. *ehdollisesti pakollinen*): the condition is prose.
    pub conditional_required: bool,
    /// `nationwideRecordedInformation`.
    pub nationwide: bool,
    /// `hiddenField`: the group's frame and heading are not shown, its children are.
    pub hidden_field: bool,
    /// `hiddenTitle`: the value is shown without its label.
    pub hidden_title: bool,
    /// `rowNumber`: display order.
    pub row_number: Option<u32>,
}

impl NodeMeta {
    /// The display label: `title` when present, else `name`.
    pub fn label(&self, lang: Lang) -> &str {
        if !self.title.is_empty() {
            self.title.text(lang)
        } else {
            self.name.text(lang)
        }
    }

    /// The label with a flag telling whether it fell back from `lang` to another language.
    pub fn label_localized(&self, lang: Lang) -> crate::lang::Localized<'_> {
        let t = if !self.title.is_empty() {
            &self.title
        } else {
            &self.name
        };
        t.get(lang).unwrap_or(crate::lang::Localized {
            text: "",
            is_fallback: true,
        })
    }
}

impl Structure {
    /// Parses a Sosmeta JSON Schema export.
    ///
    /// ```
    /// use sosmeta_editor::Structure;
    /// let json = std::fs::read_to_string("structures/demo-kertomus.json").unwrap();
    /// let s = Structure::from_json(&json).unwrap();
    /// assert_eq!(s.meta.status, "Valmis");
    /// assert!(Structure::from_json("{}").is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<Structure, ParseError> {
        Self::from_json_all(text).map_err(first)
    }

    /// Parses a structure and reports every error (in document order), not only the first.
    pub fn from_json_all(text: &str) -> Result<Structure, Vec<ParseError>> {
        parse::parse_str(text)
    }

    /// The draft-07 assertions the structure uses that this version does not evaluate
    /// (schema pointer, keyword). Non-empty means: no signed-ready bundle.
    pub fn unevaluated_keywords(&self) -> impl Iterator<Item = (&str, &str)> {
        self.warnings.iter().filter_map(|w| match &w.kind {
            ParseWarningKind::UnevaluatedKeyword { keyword } => {
                Some((w.pointer.as_str(), keyword.as_str()))
            }
            _ => None,
        })
    }

    /// Parses an already-decoded JSON value.
    pub fn from_value(value: &serde_json::Value) -> Result<Structure, ParseError> {
        parse::parse_value(value).map_err(first)
    }

    /// The schema's root object (node 0): its only child is [`Structure::document_node`].
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// The document node, e.g. `asiakkuusasiakirja`.
    pub fn document_node(&self) -> NodeId {
        self.nodes[0].children[0]
    }

    /// A node by id.
    ///
    /// Panics only when given an id from another structure that is out of range.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// All node ids in arena order (parents before children).
    pub fn ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    /// Number of nodes (groups and fields), the schema root excluded.
    pub fn len(&self) -> usize {
        self.nodes.len() - 1
    }

    /// Always false: a parsed structure has at least its document node.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The document's title in `lang`: the document node's label.
    pub fn document_title(&self, lang: Lang) -> &str {
        self.node(self.document_node()).meta.label(lang)
    }

    /// Warnings found while parsing.
    pub fn warnings(&self) -> &[ParseWarning] {
        &self.warnings
    }

    /// The child of `parent` with property name `key`.
    pub fn child_by_key(&self, parent: NodeId, key: &str) -> Option<NodeId> {
        if let Some(m) = self.index.by_key.get(&parent) {
            return m.get(key).copied();
        }
        self.node(parent)
            .children
            .iter()
            .copied()
            .find(|c| self.node(*c).key == key)
    }

    /// Position of `child` among its parent's children (the canonical key order).
    pub fn child_position(&self, child: NodeId) -> usize {
        match self.node(child).parent {
            Some(p) => self
                .node(p)
                .children
                .iter()
                .position(|c| *c == child)
                .unwrap_or(0),
            None => 0,
        }
    }

    /// Resolves a key path such as `/asiakkuusasiakirja/asiakas/henkilotunnus` (no indexes).
    pub fn resolve_key_path(&self, path: &str) -> Option<NodeId> {
        let mut at = self.root();
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            if seg.chars().all(|c| c.is_ascii_digit()) || seg == "*" {
                continue;
            }
            at = self.child_by_key(at, seg)?;
        }
        (at != self.root()).then_some(at)
    }

    /// The key path of a node, e.g. `/asiakkuusasiakirja/asiakas/henkilotunnus`.
    pub fn key_path(&self, id: NodeId) -> String {
        let mut keys = Vec::new();
        let mut at = Some(id);
        while let Some(n) = at {
            if n != self.root() {
                keys.push(self.node(n).key.as_str());
            }
            at = self.node(n).parent;
        }
        keys.reverse();
        let mut out = String::new();
        for k in keys {
            out.push('/');
            out.push_str(&escape_pointer_token(k));
        }
        out
    }

    /// Ancestors of `id` from the schema root down to `id` itself.
    pub fn lineage(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = vec![id];
        let mut at = self.node(id).parent;
        while let Some(p) = at {
            out.push(p);
            at = self.node(p).parent;
        }
        out.reverse();
        out
    }

    /// The identifier fields whose notes tie them to the CDA header's case id: "Asianumeron
    /// / Asiatunnuksen tulee olla sama kuin asiakirjan metatiedoissa oleva asiatunnus"
    /// (19 structures of the corpus). With a host case id they are filled from it, locked in
    /// the form and checked before a bundle is made.
    pub fn case_id_nodes(&self) -> Vec<NodeId> {
        self.ids()
            .filter(|&id| {
                let n = self.node(id);
                n.kind == NodeKind::Field(FieldKind::Identifier)
                    && n.meta
                        .implementation_note
                        .fi
                        .as_deref()
                        .is_some_and(|note| {
                            note.to_lowercase()
                                .contains("metatiedoissa oleva asiatunnus")
                        })
            })
            .collect()
    }

    /// True when `id` is a field whose identifier system is the Finnish henkilötunnus.
    pub fn is_henkilotunnus(&self, id: NodeId) -> bool {
        let n = self.node(id);
        n.kind == NodeKind::Field(FieldKind::Identifier)
            && (n.meta.system_uri.as_deref() == Some(HETU_SYSTEM) || n.key == "henkilotunnus")
    }
}

/// Code system URI of the Finnish personal identity code (henkilötunnus).
pub const HETU_SYSTEM: &str = "urn:oid:1.2.246.21";

/// The first of a non-empty error list.
fn first(mut errors: Vec<ParseError>) -> ParseError {
    errors.swap_remove(0)
}
