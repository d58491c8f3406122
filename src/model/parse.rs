//! Sosmeta JSON Schema export → [`Structure`]. The only place that reads schema keywords.

use serde_json::{Map, Value};

use super::*;
use crate::json::escape_pointer_token;

/// Deepest nesting accepted; real structures go to about 12.
const MAX_DEPTH: usize = 64;

const SCHEMA_KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "type",
    "additionalProperties",
    "sosmeta",
    "required",
    "properties",
    "minLength",
    "pattern",
    "minItems",
    "items",
    "enum",
];

/// Draft-07 assertions and applicators that this version does not evaluate. A structure
/// using one is readable, but documents cannot be fully checked against it, so it gets no
/// signed-ready bundle (the 167 published structures use none of them).
const UNEVALUATED_KEYWORDS: &[&str] = &[
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "maxItems",
    "uniqueItems",
    "contains",
    "additionalItems",
    "maxProperties",
    "minProperties",
    "patternProperties",
    "dependencies",
    "propertyNames",
    "const",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "format",
    "$ref",
    "contentEncoding",
    "contentMediaType",
];

const SOSMETA_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "example",
    "implementationNote",
    "representation",
    "classification",
    "classificationOid",
    "classificationLink",
    "systemUri",
    "valueSet",
    "acceptedValues",
    "phrase",
    "repeatable",
    "required",
    "conditionalRequired",
    "nationwideRecordedInformation",
    "hiddenField",
    "hiddenTitle",
    "rowNumber",
];

const ROOT_SOSMETA_KEYS: &[&str] = &[
    "title",
    "status",
    "documentDefinitionVersion",
    "dataComponentLibraryVersion",
    "oid",
    "documentType",
    "documentAuthor",
    "documentSubject",
];

/// Errors kept per structure; a hostile file with more is cut short (the count is exact
/// up to here).
const MAX_ERRORS: usize = 1000;

pub(super) fn parse_str(text: &str) -> Result<Structure, Vec<ParseError>> {
    let value: Value = crate::json::parse(text).map_err(|e| vec![ParseError::from(e)])?;
    parse_value(&value)
}

/// Every error of the structure: a node that cannot be read is reported and its siblings
/// are still read, so an author fixes them all in one round.
pub(super) fn parse_value(value: &Value) -> Result<Structure, Vec<ParseError>> {
    let mut p = Parser {
        nodes: Vec::new(),
        warnings: Vec::new(),
        patterns: Default::default(),
        errors: Vec::new(),
    };
    match parse_root(&mut p, value) {
        Ok(s) if p.errors.is_empty() => Ok(s),
        Ok(_) => Err(p.errors),
        Err(e) => {
            p.errors.push(e);
            Err(p.errors)
        }
    }
}

fn parse_root(p: &mut Parser, value: &Value) -> Result<Structure, ParseError> {
    let root = obj(value, "")?;
    let sosmeta = match root.get("sosmeta") {
        Some(s) => obj(s, "/sosmeta")?,
        None => return Err(err("", ParseErrorKind::NotSosmeta)),
    };
    let oid = req_str(sosmeta, "oid", "/sosmeta")?;
    if !is_oid(&oid) {
        return Err(err("/sosmeta/oid", ParseErrorKind::BadOid { oid }));
    }
    let meta = StructureMeta {
        oid,
        status: req_str(sosmeta, "status", "/sosmeta")?,
        title: opt_str(sosmeta, "title", "/sosmeta")?
            .or(opt_str(root, "title", "")?)
            .unwrap_or_default(),
        document_type: opt_str(sosmeta, "documentType", "/sosmeta")?,
        document_subject: opt_str(sosmeta, "documentSubject", "/sosmeta")?,
        document_author: opt_str(sosmeta, "documentAuthor", "/sosmeta")?,
        document_definition_version: opt_str(sosmeta, "documentDefinitionVersion", "/sosmeta")?,
        data_component_library_version: opt_str(
            sosmeta,
            "dataComponentLibraryVersion",
            "/sosmeta",
        )?,
    };
    for k in sosmeta.keys() {
        if !ROOT_SOSMETA_KEYS.contains(&k.as_str()) {
            p.warn(
                "/sosmeta",
                ParseWarningKind::UnknownSosmetaKey { key: k.clone() },
            );
        }
    }
    p.check_keywords(root, "");
    let json_type = req_str(root, "type", "")?;
    if json_type != "object" {
        return Err(err(
            "/type",
            ParseErrorKind::BadKeyword {
                keyword: "type".into(),
                expected: "\"object\" at the root",
            },
        ));
    }
    let props = match root.get("properties") {
        Some(v) => obj(v, "/properties")?,
        None => {
            return Err(err(
                "",
                ParseErrorKind::MissingKeyword {
                    keyword: "properties".into(),
                },
            ))
        }
    };
    if props.len() != 1 {
        return Err(err(
            "/properties",
            ParseErrorKind::RootProperties { count: props.len() },
        ));
    }
    let required = required_list(root, "", props)?;
    let closed = p.closed(root, "");
    p.nodes.push(Node {
        key: String::new(),
        parent: None,
        children: Vec::new(),
        kind: NodeKind::Group,
        repeat: None,
        required: false,
        shape: Shape::Group { closed },
        meta: NodeMeta::default(),
        schema_pointer: String::new(),
    });
    let (key, schema) = props.iter().next().expect("one property checked above");
    let ptr = format!("/properties/{}", escape_pointer_token(key));
    let child = p.parse_prop(
        key,
        schema,
        &ptr,
        NodeId(0),
        required.contains(&key.as_str()),
        1,
    )?;
    p.nodes[0].children = vec![child];
    if matches!(p.nodes[child.index()].kind, NodeKind::Field(_))
        || p.nodes[child.index()].repeat.is_some()
    {
        return Err(err(
            &ptr,
            ParseErrorKind::BadKeyword {
                keyword: "type".into(),
                expected: "\"object\" for the document property",
            },
        ));
    }
    let nodes = std::mem::take(&mut p.nodes);
    Ok(Structure {
        meta,
        index: ChildIndex::build(&nodes),
        nodes,
        warnings: std::mem::take(&mut p.warnings),
    })
}

struct Parser {
    nodes: Vec<Node>,
    warnings: Vec<ParseWarning>,
    /// Compiled patterns by source: real structures repeat the same few hundred times.
    patterns: std::collections::HashMap<String, Pattern>,
    /// Errors of nodes already passed over (the parse goes on with their siblings).
    errors: Vec<ParseError>,
}

fn err(pointer: &str, kind: ParseErrorKind) -> ParseError {
    ParseError {
        pointer: pointer.to_string(),
        kind,
    }
}

fn obj<'a>(v: &'a Value, pointer: &str) -> Result<&'a Map<String, Value>, ParseError> {
    v.as_object()
        .ok_or_else(|| err(pointer, ParseErrorKind::NotAnObject))
}

fn opt_str(m: &Map<String, Value>, key: &str, pointer: &str) -> Result<Option<String>, ParseError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(err(
            &format!("{pointer}/{key}"),
            ParseErrorKind::BadKeyword {
                keyword: key.into(),
                expected: "a string",
            },
        )),
    }
}

fn req_str(m: &Map<String, Value>, key: &str, pointer: &str) -> Result<String, ParseError> {
    opt_str(m, key, pointer)?.ok_or_else(|| {
        err(
            pointer,
            ParseErrorKind::MissingKeyword {
                keyword: key.into(),
            },
        )
    })
}

fn opt_bool(m: &Map<String, Value>, key: &str, pointer: &str) -> Result<bool, ParseError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(err(
            &format!("{pointer}/{key}"),
            ParseErrorKind::BadKeyword {
                keyword: key.into(),
                expected: "a boolean",
            },
        )),
    }
}

fn opt_u64(m: &Map<String, Value>, key: &str, pointer: &str) -> Result<Option<u64>, ParseError> {
    match m.get(key) {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .or_else(|| {
                v.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                    .map(|f| f as u64)
            })
            .map(Some)
            .ok_or_else(|| {
                err(
                    &format!("{pointer}/{key}"),
                    ParseErrorKind::BadKeyword {
                        keyword: key.into(),
                        expected: "a non-negative integer",
                    },
                )
            }),
    }
}

fn required_list<'a>(
    m: &'a Map<String, Value>,
    pointer: &str,
    props: &Map<String, Value>,
) -> Result<Vec<&'a str>, ParseError> {
    let Some(v) = m.get("required") else {
        return Ok(Vec::new());
    };
    let arr = v.as_array().ok_or_else(|| {
        err(
            &format!("{pointer}/required"),
            ParseErrorKind::BadKeyword {
                keyword: "required".into(),
                expected: "an array of strings",
            },
        )
    })?;
    let mut out = Vec::with_capacity(arr.len());
    for (i, item) in arr.iter().enumerate() {
        let name = item.as_str().ok_or_else(|| {
            err(
                &format!("{pointer}/required/{i}"),
                ParseErrorKind::BadKeyword {
                    keyword: "required".into(),
                    expected: "an array of strings",
                },
            )
        })?;
        if !props.contains_key(name) {
            return Err(err(
                &format!("{pointer}/required/{i}"),
                ParseErrorKind::UnknownRequired { name: name.into() },
            ));
        }
        out.push(name);
    }
    Ok(out)
}

/// Reads a `[{lang, value}]` list. `-` and blank values count as absent.
fn lang_text(m: &Map<String, Value>, key: &str, pointer: &str) -> Result<LangText, ParseError> {
    let mut t = LangText::default();
    let Some(v) = m.get(key) else { return Ok(t) };
    let bad = || {
        err(
            &format!("{pointer}/{key}"),
            ParseErrorKind::BadKeyword {
                keyword: key.into(),
                expected: "a list of {lang, value} objects",
            },
        )
    };
    let arr = v.as_array().ok_or_else(bad)?;
    for e in arr {
        let e = e.as_object().ok_or_else(bad)?;
        let lang = e.get("lang").and_then(Value::as_str).unwrap_or("");
        let value = match e.get("value") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Bool(b)) => b.to_string(),
            None | Some(Value::Null) => continue,
            Some(_) => return Err(bad()),
        };
        if value.trim().is_empty() || value.trim() == "-" {
            continue;
        }
        let slot = match lang {
            "fi" => &mut t.fi,
            "sv" => &mut t.sv,
            _ => &mut t.neutral,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
    Ok(t)
}

fn neutral(t: LangText) -> Option<String> {
    t.neutral.or(t.fi).or(t.sv)
}

impl Parser {
    fn warn(&mut self, pointer: &str, kind: ParseWarningKind) {
        self.warnings.push(ParseWarning {
            pointer: pointer.to_string(),
            kind,
        });
    }

    fn check_keywords(&mut self, m: &Map<String, Value>, pointer: &str) {
        for k in m.keys() {
            if UNEVALUATED_KEYWORDS.contains(&k.as_str()) {
                self.warn(
                    pointer,
                    ParseWarningKind::UnevaluatedKeyword { keyword: k.clone() },
                );
            } else if !SCHEMA_KEYWORDS.contains(&k.as_str()) {
                self.warn(
                    pointer,
                    ParseWarningKind::UnknownKeyword { keyword: k.clone() },
                );
            }
        }
    }

    fn closed(&mut self, m: &Map<String, Value>, pointer: &str) -> bool {
        // `additionalProperties` as a schema (not true/false) constrains the extra
        // properties: not evaluated here.
        if m.get("additionalProperties")
            .is_some_and(|v| !v.is_boolean())
        {
            self.warn(
                pointer,
                ParseWarningKind::UnevaluatedKeyword {
                    keyword: "additionalProperties".into(),
                },
            );
        }
        let closed = m.get("additionalProperties") == Some(&Value::Bool(false));
        if !closed {
            self.warn(pointer, ParseWarningKind::OpenObject);
        }
        closed
    }

    fn meta(
        &mut self,
        m: Option<&Map<String, Value>>,
        pointer: &str,
    ) -> Result<NodeMeta, ParseError> {
        let Some(s) = m else {
            return Ok(NodeMeta::default());
        };
        let p = format!("{pointer}/sosmeta");
        for k in s.keys() {
            if !SOSMETA_KEYS.contains(&k.as_str()) {
                self.warn(&p, ParseWarningKind::UnknownSosmetaKey { key: k.clone() });
            }
        }
        let accepted = lang_text_list(s, "acceptedValues", &p)?;
        let value_set = lang_text(s, "valueSet", &p)?;
        Ok(NodeMeta {
            name: lang_text(s, "name", &p)?,
            title: lang_text(s, "title", &p)?,
            description: lang_text(s, "description", &p)?,
            example: lang_text(s, "example", &p)?,
            implementation_note: lang_text(s, "implementationNote", &p)?,
            representation: lang_text(s, "representation", &p)?,
            classification: lang_text(s, "classification", &p)?,
            classification_oid: neutral(lang_text(s, "classificationOid", &p)?),
            classification_link: neutral(lang_text(s, "classificationLink", &p)?),
            system_uri: neutral(lang_text(s, "systemUri", &p)?),
            value_set_codes: ValueSet::of(&value_set),
            value_set,
            accepted_values: accepted,
            phrase: lang_text(s, "phrase", &p)?,
            repeatable: opt_bool(s, "repeatable", &p)?,
            required: opt_bool(s, "required", &p)?,
            conditional_required: opt_bool(s, "conditionalRequired", &p)?,
            nationwide: opt_bool(s, "nationwideRecordedInformation", &p)?,
            hidden_field: opt_bool(s, "hiddenField", &p)?,
            hidden_title: opt_bool(s, "hiddenTitle", &p)?,
            row_number: opt_u64(s, "rowNumber", &p)?.map(|n| n.min(u32::MAX as u64) as u32),
        })
    }

    fn scalar(
        &mut self,
        m: &Map<String, Value>,
        pointer: &str,
        json_type: JsonType,
    ) -> Result<Scalar, ParseError> {
        let pattern = match opt_str(m, "pattern", pointer)? {
            Some(src) => Some(match self.patterns.get(&src) {
                Some(p) => p.clone(),
                None => {
                    let p = Pattern::new(&src).map_err(|e| {
                        err(
                            &format!("{pointer}/pattern"),
                            ParseErrorKind::BadPattern {
                                pattern: src.clone(),
                                message: one_line(&e.to_string()),
                            },
                        )
                    })?;
                    self.patterns.insert(src, p.clone());
                    p
                }
            }),
            None => None,
        };
        let allowed = match m.get("enum") {
            None => None,
            Some(Value::Array(a)) => Some(a.clone()),
            Some(_) => {
                return Err(err(
                    &format!("{pointer}/enum"),
                    ParseErrorKind::BadKeyword {
                        keyword: "enum".into(),
                        expected: "an array",
                    },
                ))
            }
        };
        Ok(Scalar {
            json_type,
            min_length: opt_u64(m, "minLength", pointer)?,
            pattern,
            allowed,
        })
    }

    fn parse_prop(
        &mut self,
        key: &str,
        schema: &Value,
        pointer: &str,
        parent: NodeId,
        required: bool,
        depth: usize,
    ) -> Result<NodeId, ParseError> {
        if depth > MAX_DEPTH {
            return Err(err(pointer, ParseErrorKind::TooDeep { limit: MAX_DEPTH }));
        }
        let m = obj(schema, pointer)?;
        self.check_keywords(m, pointer);
        let ty = req_str(m, "type", pointer)?;
        let (item, item_ptr, repeat) = if ty == "array" {
            let items = m.get("items").ok_or_else(|| {
                err(
                    pointer,
                    ParseErrorKind::MissingKeyword {
                        keyword: "items".into(),
                    },
                )
            })?;
            let ip = format!("{pointer}/items");
            let im = obj(items, &ip)?;
            self.check_keywords(im, &ip);
            let min_items = opt_u64(m, "minItems", pointer)?.unwrap_or(0);
            (im, ip, Some(Repeat { min_items }))
        } else {
            (m, pointer.to_string(), None)
        };
        let sos = match item.get("sosmeta").or_else(|| m.get("sosmeta")) {
            Some(v) => Some(obj(v, &format!("{item_ptr}/sosmeta"))?),
            None => None,
        };
        let meta = self.meta(sos, &item_ptr)?;
        if sos.is_some_and(|m| m.contains_key("required")) && meta.required != required {
            self.warn(
                &item_ptr,
                ParseWarningKind::RequiredMismatch {
                    sosmeta: meta.required,
                    schema: required,
                },
            );
        }
        if sos.is_some_and(|m| m.contains_key("repeatable")) && meta.repeatable != repeat.is_some()
        {
            self.warn(
                &item_ptr,
                ParseWarningKind::RepeatableMismatch {
                    sosmeta: meta.repeatable,
                },
            );
        }
        let item_ty = req_str(item, "type", &item_ptr)?;
        let rep_fi = meta
            .representation
            .fi
            .clone()
            .or(meta.representation.neutral.clone());
        let classified = rep_fi
            .as_deref()
            .map(|r| (r, FieldKind::from_representation(r)));
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(Node {
            key: key.to_string(),
            parent: Some(parent),
            children: Vec::new(),
            kind: NodeKind::Group,
            repeat,
            required,
            shape: Shape::Group { closed: true },
            meta,
            schema_pointer: pointer.to_string(),
        });
        let (kind, shape) = match item_ty.as_str() {
            "object" => {
                let closed = self.closed(item, &item_ptr);
                let empty = Map::new();
                let props = match item.get("properties") {
                    Some(v) => obj(v, &format!("{item_ptr}/properties"))?,
                    None => &empty,
                };
                let req = required_list(item, &item_ptr, props)?;
                match classified {
                    Some((_, Some(k))) if k.is_object_shaped() => {
                        let mut parts = Vec::new();
                        for (pk, pv) in props {
                            let pp = format!("{item_ptr}/properties/{}", escape_pointer_token(pk));
                            let pm = obj(pv, &pp)?;
                            self.check_keywords(pm, &pp);
                            let pt = req_str(pm, "type", &pp)?;
                            let jt = match scalar_type(&pt) {
                                Some(t) => t,
                                None if pt == "object" || pt == "array" => {
                                    return Err(err(
                                        &pp,
                                        ParseErrorKind::NestedPart { part: pk.clone() },
                                    ))
                                }
                                None => {
                                    return Err(err(
                                        &format!("{pp}/type"),
                                        ParseErrorKind::UnsupportedType { found: pt },
                                    ))
                                }
                            };
                            let scalar = self.scalar(pm, &pp, jt)?;
                            parts.push(Part {
                                key: pk.clone(),
                                required: req.contains(&pk.as_str()),
                                scalar,
                            });
                        }
                        (NodeKind::Field(k), Shape::Parts { parts, closed })
                    }
                    other => {
                        if let Some((r, k)) = other {
                            if r != "Otsikko" {
                                match k {
                                    None => self.warn(
                                        &item_ptr,
                                        ParseWarningKind::UnknownRepresentation {
                                            representation: r.into(),
                                        },
                                    ),
                                    Some(_) => self.warn(
                                        &item_ptr,
                                        ParseWarningKind::RepresentationMismatch {
                                            representation: r.into(),
                                            json_type: "object".into(),
                                        },
                                    ),
                                }
                            }
                        }
                        let mut kids: Vec<(u32, usize, NodeId)> = Vec::new();
                        for (i, (ck, cv)) in props.iter().enumerate() {
                            let cp = format!("{item_ptr}/properties/{}", escape_pointer_token(ck));
                            let cid = match self.parse_prop(
                                ck,
                                cv,
                                &cp,
                                id,
                                req.contains(&ck.as_str()),
                                depth + 1,
                            ) {
                                Ok(c) => c,
                                // Report it and read the siblings; the structure is unusable.
                                Err(e) if self.errors.len() < MAX_ERRORS => {
                                    self.errors.push(e);
                                    continue;
                                }
                                Err(e) => return Err(e),
                            };
                            let row = self.nodes[cid.index()].meta.row_number.unwrap_or(u32::MAX);
                            kids.push((row, i, cid));
                        }
                        kids.sort();
                        self.nodes[id.index()].children = kids.into_iter().map(|k| k.2).collect();
                        (NodeKind::Group, Shape::Group { closed })
                    }
                }
            }
            t => {
                let jt = scalar_type(t).ok_or_else(|| {
                    err(
                        &format!("{item_ptr}/type"),
                        ParseErrorKind::UnsupportedType {
                            found: t.to_string(),
                        },
                    )
                })?;
                let scalar = self.scalar(item, &item_ptr, jt)?;
                let kind = match classified {
                    Some((r, Some(k))) => {
                        let fits = match &k {
                            FieldKind::Switch => jt == JsonType::Boolean,
                            FieldKind::Number | FieldKind::Count => {
                                matches!(jt, JsonType::Number | JsonType::Integer)
                            }
                            k if k.is_object_shaped() => false,
                            _ => jt == JsonType::String,
                        };
                        if fits {
                            k
                        } else {
                            self.warn(
                                &item_ptr,
                                ParseWarningKind::RepresentationMismatch {
                                    representation: r.into(),
                                    json_type: t.into(),
                                },
                            );
                            kind_for_type(jt)
                        }
                    }
                    Some((r, None)) => {
                        self.warn(
                            &item_ptr,
                            ParseWarningKind::UnknownRepresentation {
                                representation: r.into(),
                            },
                        );
                        FieldKind::Unknown {
                            representation: r.into(),
                        }
                    }
                    None => {
                        self.warn(&item_ptr, ParseWarningKind::MissingRepresentation);
                        kind_for_type(jt)
                    }
                };
                (NodeKind::Field(kind), Shape::Scalar(scalar))
            }
        };
        let n = &mut self.nodes[id.index()];
        n.kind = kind;
        n.shape = shape;
        Ok(id)
    }
}

fn lang_text_list(
    m: &Map<String, Value>,
    key: &str,
    pointer: &str,
) -> Result<Vec<String>, ParseError> {
    let Some(v) = m.get(key) else {
        return Ok(Vec::new());
    };
    let bad = || {
        err(
            &format!("{pointer}/{key}"),
            ParseErrorKind::BadKeyword {
                keyword: key.into(),
                expected: "a list of {lang, value} objects",
            },
        )
    };
    let arr = v.as_array().ok_or_else(bad)?;
    let mut out = Vec::new();
    for e in arr {
        match e.as_object().and_then(|o| o.get("value")) {
            Some(Value::String(s)) => out.push(s.clone()),
            Some(Value::Number(n)) => out.push(n.to_string()),
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

fn scalar_type(t: &str) -> Option<JsonType> {
    Some(match t {
        "string" => JsonType::String,
        "number" => JsonType::Number,
        "integer" => JsonType::Integer,
        "boolean" => JsonType::Boolean,
        _ => return None,
    })
}

fn kind_for_type(t: JsonType) -> FieldKind {
    match t {
        JsonType::String => FieldKind::Text,
        JsonType::Number | JsonType::Integer => FieldKind::Number,
        JsonType::Boolean => FieldKind::Switch,
    }
}

/// Regex errors span several lines with a caret; keep the last, which says what is wrong.
fn one_line(msg: &str) -> String {
    msg.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or(msg)
        .to_string()
}
