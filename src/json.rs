//! Strict JSON reading for every input the component takes (structure, document, rules,
//! markings, code sets, context). PURE, a leaf: imports nothing from the crate.
//!
//! What it adds to plain JSON parsing, and why ("Nothing lost"):
//! - **Duplicate keys are an error** naming the key's pointer and both places. A parser
//!   that keeps the last value silently drops the first group of a document or the first
//!   rule set of a structure.
//! - **Numbers are kept exactly** as decimal values and written in one canonical spelling
//!   ([`canonical_number`]): `1e2` → `100`, `1.50` → `1.5`, `-0` → `0`,
//!   `1234567890123456.78` stays as is. A number whose plain spelling would be longer than
//!   [`MAX_NUMBER_CHARS`] characters (`1e-400`, `1e999999`) cannot be represented and is an
//!   error — never a rounding.
//! - **A UTF-8 byte order mark** gets its own message (a common editor artefact).
//! - **Size and depth limits** ([`Limits`]): over a limit is an error, nothing half-read.
//!   The CLI and the element refuse inputs over [`DEFAULT_MAX_BYTES`] (configurable)
//!   before reading them.
//!
//! JSON Pointer tokens (RFC 6901) are escaped here too: the model (schema pointers), the
//! document (data pointers) and this reader all write pointers with the same function.
//!
//! It must not: know Sosmeta, allocate more than a constant factor of its input, or panic
//! on any input.

use std::fmt;

use serde_json::{Map, Number, Value};

/// Longest canonical spelling of a number accepted (characters, sign and point included):
/// every finite IEEE double fits (the smallest, `5e-324`, is 326 characters written out;
/// the largest 309), so nothing a JavaScript host can send is refused.
pub const MAX_NUMBER_CHARS: usize = 400;

/// The edges' default largest input, in bytes (16 MiB): the CLI's `--max-bytes` and the
/// element's `max-bytes`. The largest real structure is about 0.5 MB; a document with
/// 10 000 repeated items about 3 MB. The library itself parses what it is handed (the
/// text is already in memory); the edges refuse more before reading it.
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// Default deepest nesting of arrays and objects: 127 levels, exactly what `serde_json`
/// accepts (tested), so no input that loaded before is refused now.
pub const DEFAULT_MAX_DEPTH: usize = 127;

/// Size limits of one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest input in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of arrays and objects.
    pub max_depth: usize,
}

impl Default for Limits {
    /// No size limit (the edges bound the input), [`DEFAULT_MAX_DEPTH`].
    fn default() -> Self {
        Limits {
            max_bytes: usize::MAX,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

/// JSON text that is not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line of the problem (of the second occurrence for a duplicate key).
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// JSON Pointer of the value concerned (`""` for the whole text).
    pub pointer: String,
    /// What is wrong.
    pub kind: JsonErrorKind,
}

/// What is wrong with a JSON text.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// Occurs when the text is not JSON (RFC 8259).
    Syntax {
        /// What was expected or found.
        message: String,
    },
    /// Occurs when the text starts with a UTF-8 byte order mark (U+FEFF).
    ByteOrderMark,
    /// Occurs when an object has the same key twice. The pointer names the key; both
    /// places are given.
    DuplicateKey {
        /// The key.
        key: String,
        /// 1-based line of the first occurrence.
        first_line: usize,
        /// 1-based column of the first occurrence.
        first_column: usize,
    },
    /// Occurs when a number's canonical spelling would exceed [`MAX_NUMBER_CHARS`].
    NumberOutOfRange {
        /// The number as written (shortened when very long).
        text: String,
    },
    /// Occurs when the input is larger than [`Limits::max_bytes`].
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Occurs when nesting is deeper than [`Limits::max_depth`].
    TooDeep {
        /// The limit.
        limit: usize,
    },
}

/// A place in a text: 1-based (line, column).
pub type Place = (usize, usize);

impl JsonError {
    /// The pointer and both places of a duplicate key, e.g.
    /// `("/a", (1, 2), (1, 10))`; `None` for other errors.
    pub fn duplicate(&self) -> Option<(&str, Place, Place)> {
        match &self.kind {
            JsonErrorKind::DuplicateKey {
                first_line,
                first_column,
                ..
            } => Some((
                &self.pointer,
                (*first_line, *first_column),
                (self.line, self.column),
            )),
            _ => None,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "(root)".to_string()
        } else {
            self.pointer.clone()
        };
        match &self.kind {
            JsonErrorKind::Syntax { message } => write!(
                f,
                "not valid JSON at line {} column {}: {message}",
                self.line, self.column
            ),
            JsonErrorKind::ByteOrderMark => f.write_str(
                "the text starts with a UTF-8 byte order mark (U+FEFF); save it as UTF-8 without BOM",
            ),
            JsonErrorKind::DuplicateKey {
                key,
                first_line,
                first_column,
            } => write!(
                f,
                "duplicate key '{}' at {at}: first at line {first_line} column {first_column}, again at line {} column {}",
                key.escape_debug(),
                self.line,
                self.column
            ),
            JsonErrorKind::NumberOutOfRange { text } => write!(
                f,
                "number {text} at {at} (line {} column {}) cannot be kept exactly: its plain decimal spelling is longer than {MAX_NUMBER_CHARS} characters",
                self.line, self.column
            ),
            JsonErrorKind::TooLarge { limit } => {
                write!(f, "input is larger than the limit of {limit} bytes")
            }
            JsonErrorKind::TooDeep { limit } => write!(
                f,
                "nesting deeper than {limit} levels at line {} column {}",
                self.line, self.column
            ),
        }
    }
}

impl std::error::Error for JsonError {}

/// Parses JSON text strictly with the default [`Limits`].
///
/// ```
/// let v = sosmeta_editor::json::parse(r#"{"a": 1e2, "b": 0.10}"#).unwrap();
/// assert_eq!(v.to_string(), r#"{"a":100,"b":0.1}"#);
/// let e = sosmeta_editor::json::parse("{\"a\": 1,\n \"a\": 2}").unwrap_err();
/// assert_eq!(e.duplicate(), Some(("/a", (1, 2), (2, 2))));
/// ```
pub fn parse(text: &str) -> Result<Value, JsonError> {
    parse_with(text, &Limits::default())
}

/// Parses JSON text strictly with the given limits.
pub fn parse_with(text: &str, limits: &Limits) -> Result<Value, JsonError> {
    let mut p = P::new(text, *limits);
    p.begin()?;
    loop {
        if let Some(v) = p.run(usize::MAX)? {
            return p.finish(v);
        }
    }
}

/// A JSON text read a part at a time, with every check of [`parse`] and the same value
/// and errors: the element reads a 16 MiB input in tasks of a few milliseconds, so the
/// page paints and takes input in between (one task for the whole text took ~290 ms).
///
/// ```
/// use sosmeta_editor::json::{Limits, Reading};
/// let mut r = Reading::new(r#"{"a": [1, 2, {"b": "c"}], "d": null}"#.to_string(), Limits::default());
/// let mut steps = 0;
/// let v = loop {
///     steps += 1;
///     if let Some(v) = r.step(4).unwrap() {
///         break v;
///     }
/// };
/// assert!(steps > 1);
/// assert_eq!(v, sosmeta_editor::json::parse(r#"{"a": [1, 2, {"b": "c"}], "d": null}"#).unwrap());
/// ```
pub struct Reading {
    text: String,
    limits: Limits,
    state: ReadState,
}

/// Where a [`Reading`] is.
enum ReadState {
    /// Nothing read yet.
    Start,
    /// Paused at the start of a value: its offset, the path to it, the arrays and objects
    /// it is in.
    At(usize, Vec<Seg>, Vec<Open>),
    /// A value or an error was given.
    Done,
    /// Text was given after reading began: the next step is an error.
    Late,
}

impl Reading {
    /// A reading of `text` under `limits`; nothing is read until [`Reading::step`].
    pub fn new(text: String, limits: Limits) -> Reading {
        Reading {
            text,
            limits,
            state: ReadState::Start,
        }
    }

    /// Appends `more` to the text (a large text handed over in parts, each in a task of
    /// its own), before the first [`Reading::step`]. Text given after reading began is
    /// not read, and the next step says so (an error, never a value without it).
    pub fn push_str(&mut self, more: &str) {
        if matches!(self.state, ReadState::Start) {
            self.text.push_str(more);
        } else if !more.is_empty() {
            self.state = ReadState::Late;
        }
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Reads on for about `bytes` more bytes of the text (it pauses only at the start of a
    /// value inside an array or object, so a long string or number is read whole):
    /// `Ok(Some(value))` once the text is read whole, `Ok(None)` while there is more, or
    /// the error [`parse`] gives for the text. Stepped again after a value or an error, it
    /// answers with an error.
    pub fn step(&mut self, bytes: usize) -> Result<Option<Value>, JsonError> {
        let mut p = P::new(&self.text, self.limits);
        match std::mem::replace(&mut self.state, ReadState::Done) {
            ReadState::Start => p.begin()?,
            ReadState::At(i, path, open) => {
                p.i = i;
                p.path = path;
                p.open = open;
            }
            ReadState::Done => {
                return Err(p.fail_at(
                    self.text.len(),
                    JsonErrorKind::Syntax {
                        message: "the text was read already".into(),
                    },
                ))
            }
            ReadState::Late => {
                return Err(p.fail_at(
                    self.text.len(),
                    JsonErrorKind::Syntax {
                        message: "more text was given after reading began; it was not read".into(),
                    },
                ))
            }
        }
        match p.run(p.i.saturating_add(bytes.max(1)))? {
            Some(v) => p.finish(v).map(Some),
            None => {
                self.state = ReadState::At(p.i, p.path, p.open);
                Ok(None)
            }
        }
    }
}

/// Parses a JSON text into a value of a serde type, with every check of [`parse`].
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let v = parse(text)?;
    serde_json::from_value(v).map_err(|e| JsonError {
        line: 1,
        column: 1,
        pointer: String::new(),
        kind: JsonErrorKind::Syntax {
            message: e.to_string(),
        },
    })
}

/// The canonical spelling of a JSON number: plain decimal, no exponent, no leading zeros,
/// no trailing zeros after the point, no point without a fraction, `0` for every zero.
/// `None` when `text` is not a JSON number or its spelling would exceed
/// [`MAX_NUMBER_CHARS`].
///
/// ```
/// use sosmeta_editor::json::canonical_number as c;
/// assert_eq!(c("1e2").as_deref(), Some("100"));
/// assert_eq!(c("-0.0").as_deref(), Some("0"));
/// assert_eq!(c("12.50E-1").as_deref(), Some("1.25"));
/// assert_eq!(c("18446744073709551616").as_deref(), Some("18446744073709551616"));
/// assert_eq!(c("1e-400"), None);
/// ```
pub fn canonical_number(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut i = 0;
    let neg = b.first() == Some(&b'-');
    if neg {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int = &text[int_start..i];
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) {
        return None;
    }
    let mut frac = "";
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let fs = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac = &text[fs..i];
        if frac.is_empty() {
            return None;
        }
    }
    let mut exp: i64 = 0;
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        let eneg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let es = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if es == i {
            return None;
        }
        // Saturate: anything this large is out of range unless the digits are all zero.
        let mut e: i64 = 0;
        for d in &b[es..i] {
            e = (e * 10 + i64::from(d - b'0')).min(1_000_000_000);
        }
        exp = if eneg { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    // value = digits × 10^(exp − frac.len())
    let digits: String = int.chars().chain(frac.chars()).collect();
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Some("0".to_string());
    }
    let trimmed = digits.trim_end_matches('0');
    let mut scale = exp - frac.len() as i64 + (digits.len() - trimmed.len()) as i64;
    let digits = trimmed;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if scale >= 0 {
        let len = digits.len() as i64 + scale + i64::from(neg);
        if len > MAX_NUMBER_CHARS as i64 {
            return None;
        }
        out.push_str(digits);
        while scale > 0 {
            out.push('0');
            scale -= 1;
        }
    } else {
        let point = digits.len() as i64 + scale; // digits before the point
        if point > 0 {
            let point = point as usize;
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        } else {
            let zeros = -point;
            let len = 2 + zeros + digits.len() as i64 + i64::from(neg);
            if len > MAX_NUMBER_CHARS as i64 {
                return None;
            }
            out.push_str("0.");
            for _ in 0..zeros {
                out.push('0');
            }
            out.push_str(digits);
        }
    }
    if out.len() > MAX_NUMBER_CHARS {
        return None;
    }
    Some(out)
}

/// A JSON number from a canonical spelling (see [`canonical_number`]).
pub fn number(canonical: &str) -> Option<Number> {
    canonical.parse::<Number>().ok()
}

/// True when a JSON number has no fractional part (canonical spellings have no point then).
pub fn is_integer(n: &Number) -> bool {
    let t = n.to_string();
    match canonical_number(&t) {
        Some(c) => !c.contains('.'),
        None => false,
    }
}

/// The members an input may have, level by level, for inputs read into serde types: an
/// unknown member (`minordecision` for `minorDecision`) or an array where an object belongs
/// is reported with its JSON Pointer before serde reads the value (serde would name the
/// key but not where it is, and reads an array as a struct's fields in order).
#[derive(Debug)]
pub enum Members {
    /// Any JSON value (its type is serde's to check).
    Any,
    /// An object (or `null` for an optional one) with exactly these members at most.
    Object(&'static [(&'static str, Members)]),
}

/// The pointer of the first top-level member of `v` that `T` cannot read on its own: where
/// a type serde refused is (serde names the problem but not the member). Looked for only
/// after a failed read, never on every read.
pub fn first_unreadable_member<T: serde::de::DeserializeOwned>(v: &Value) -> String {
    v.as_object()
        .and_then(|m| {
            m.iter().find(|(k, x)| {
                let one = [((*k).clone(), (*x).clone())].into_iter().collect();
                serde_json::from_value::<T>(Value::Object(one)).is_err()
            })
        })
        .map(|(k, _)| format!("/{}", escape_pointer_token(k)))
        .unwrap_or_default()
}

/// The first member `v` may not have under `shape`: (pointer, what is wrong).
pub fn unknown_member(v: &Value, shape: &Members) -> Option<(String, String)> {
    fn walk(v: &Value, shape: &Members, at: &mut String) -> Option<(String, String)> {
        let Members::Object(fields) = shape else {
            return None;
        };
        let m = match v {
            Value::Object(m) => m,
            Value::Null if !at.is_empty() => return None,
            _ => return Some((at.clone(), "expected a JSON object".into())),
        };
        for (k, child) in m {
            let Some((_, sub)) = fields.iter().find(|(name, _)| name == k) else {
                let names: Vec<&str> = fields.iter().map(|f| f.0).collect();
                return Some((
                    format!("{at}/{}", escape_pointer_token(k)),
                    format!(
                        "unknown member '{}' (one of: {})",
                        k.escape_debug(),
                        names.join(", ")
                    ),
                ));
            };
            let len = at.len();
            at.push('/');
            at.push_str(&escape_pointer_token(k));
            let found = walk(child, sub, at);
            at.truncate(len);
            if found.is_some() {
                return found;
            }
        }
        None
    }
    walk(v, shape, &mut String::new())
}

/// Shows the empty pointer as `/` (the document root) so messages never end in "at ".
pub fn display_pointer(p: &str) -> &str {
    if p.is_empty() {
        "/"
    } else {
        p
    }
}

/// An input file that cannot be used: where (a JSON Pointer into it, `""` for the whole
/// file) and what (the input's own `#[non_exhaustive]` kind). The one shape of the errors
/// of rules, markings and code-set files; it reads `<kind> at <pointer>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError<K> {
    /// JSON Pointer into the input (`""`: the whole input).
    pub pointer: String,
    /// What is wrong.
    pub kind: K,
}

impl<K> InputError<K> {
    /// An error of `kind` at `pointer`.
    pub fn new(pointer: impl Into<String>, kind: K) -> InputError<K> {
        InputError {
            pointer: pointer.into(),
            kind,
        }
    }
}

impl<K: fmt::Display> fmt::Display for InputError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.kind, display_pointer(&self.pointer))
    }
}

impl<K: fmt::Display + fmt::Debug> std::error::Error for InputError<K> {}

/// Escapes one JSON Pointer reference token (`~` → `~0`, `/` → `~1`, RFC 6901).
pub fn escape_pointer_token(s: &str) -> String {
    if !s.contains(['~', '/']) {
        return s.to_string();
    }
    s.replace('~', "~0").replace('/', "~1")
}

/// Reverses [`escape_pointer_token`] (`~1` before `~0`, as RFC 6901 requires).
pub fn unescape_pointer_token(s: &str) -> String {
    if !s.contains('~') {
        return s.to_string();
    }
    s.replace("~1", "/").replace("~0", "~")
}

/// One step of the path to where the parser is: a member (by the byte offset of its key's
/// opening quote, read again only for an error's pointer) or an array index.
enum Seg {
    Key(usize),
    Index(usize),
}

/// An array or an object being read (the reader keeps them on a stack of its own, not
/// in the call stack, so it can pause and go on).
enum Open {
    Array(Vec<Value>),
    /// The members so far (the one being read holds `null` until its value is read) and
    /// the byte offset of each key, in insertion order (= the map's order).
    Object(Map<String, Value>, Vec<usize>),
}

struct P<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    limits: Limits,
    path: Vec<Seg>,
    open: Vec<Open>,
}

impl<'a> P<'a> {
    /// A reader at the start of `text`.
    fn new(text: &'a str, limits: Limits) -> P<'a> {
        P {
            s: text.as_bytes(),
            text,
            i: 0,
            limits,
            path: Vec::new(),
            open: Vec::new(),
        }
    }

    /// The checks before the first value: the size limit, no byte order mark.
    fn begin(&mut self) -> Result<(), JsonError> {
        if self.text.len() > self.limits.max_bytes {
            return Err(self.fail_at(
                0,
                JsonErrorKind::TooLarge {
                    limit: self.limits.max_bytes,
                },
            ));
        }
        if self.text.starts_with('\u{feff}') {
            return Err(self.fail_at(0, JsonErrorKind::ByteOrderMark));
        }
        self.ws();
        Ok(())
    }

    /// The check after the value: nothing but whitespace follows it.
    fn finish(&mut self, v: Value) -> Result<Value, JsonError> {
        self.ws();
        if self.i < self.s.len() {
            return Err(self.syntax("trailing characters after the JSON value"));
        }
        Ok(v)
    }

    fn pointer(&self) -> String {
        let mut out = String::new();
        for s in &self.path {
            out.push('/');
            match s {
                Seg::Key(at) => {
                    // The key read again from where it starts (it was read once, so this
                    // cannot fail; an error's pointer is the only reader).
                    let mut again = P::new(self.text, self.limits);
                    again.i = *at;
                    out.push_str(&escape_pointer_token(&again.string().unwrap_or_default()))
                }
                Seg::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    fn line_col(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.s.len());
        let before = &self.s[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        // Columns in characters; `at` may sit inside a character after a bad byte.
        let mut end = at;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        (line, column)
    }

    fn fail_at(&self, at: usize, kind: JsonErrorKind) -> JsonError {
        let (line, column) = self.line_col(at);
        JsonError {
            line,
            column,
            pointer: self.pointer(),
            kind,
        }
    }

    fn syntax(&self, message: &str) -> JsonError {
        self.fail_at(
            self.i,
            JsonErrorKind::Syntax {
                message: message.to_string(),
            },
        )
    }

    fn ws(&mut self) {
        // One pass over the run (a structure as THL publishes it is 62 % indentation).
        let rest = self.s.get(self.i..).unwrap_or_default();
        self.i += rest
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
    }

    /// Reads values until the outermost one is complete (`Some`), or pauses (`None`) at
    /// the start of a value at or after byte `pause` inside an array or object; `self`
    /// then holds where it is, and `run` goes on from there.
    fn run(&mut self, pause: usize) -> Result<Option<Value>, JsonError> {
        loop {
            // At the start of a value.
            if self.i >= pause && !self.open.is_empty() {
                return Ok(None);
            }
            let mut v = match self.s.get(self.i) {
                None => return Err(self.syntax("unexpected end of input, expected a value")),
                Some(b'{') => {
                    self.enter()?;
                    self.i += 1;
                    self.ws();
                    if self.s.get(self.i) == Some(&b'}') {
                        self.i += 1;
                        Value::Object(Map::new())
                    } else {
                        self.open.push(Open::Object(Map::new(), Vec::new()));
                        self.key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.enter()?;
                    self.i += 1;
                    self.ws();
                    if self.s.get(self.i) == Some(&b']') {
                        self.i += 1;
                        Value::Array(Vec::new())
                    } else {
                        self.open.push(Open::Array(Vec::new()));
                        self.path.push(Seg::Index(0));
                        continue;
                    }
                }
                Some(b'"') => Value::String(self.string()?),
                Some(b't') => self.word("true", Value::Bool(true))?,
                Some(b'f') => self.word("false", Value::Bool(false))?,
                Some(b'n') => self.word("null", Value::Null)?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(_) => return Err(self.syntax("expected a value")),
            };
            // A value is complete: into the array or object it is in; then close each one
            // that ends after it.
            loop {
                let (in_array, len) = match self.open.last_mut() {
                    None => return Ok(Some(v)),
                    Some(Open::Array(items)) => {
                        items.push(v);
                        (true, items.len())
                    }
                    Some(Open::Object(map, _)) => {
                        if let Some(slot) = map.values_mut().next_back() {
                            *slot = v;
                        }
                        (false, 0)
                    }
                };
                self.path.pop();
                self.ws();
                match self.s.get(self.i) {
                    Some(b',') => {
                        self.i += 1;
                        if in_array {
                            self.ws();
                            self.path.push(Seg::Index(len));
                        } else {
                            self.key()?;
                        }
                        break;
                    }
                    Some(b']') if in_array => {
                        self.i += 1;
                        v = match self.open.pop() {
                            Some(Open::Array(items)) => Value::Array(items),
                            _ => Value::Null,
                        };
                    }
                    Some(b'}') if !in_array => {
                        self.i += 1;
                        v = match self.open.pop() {
                            Some(Open::Object(map, _)) => Value::Object(map),
                            _ => Value::Null,
                        };
                    }
                    _ if in_array => return Err(self.syntax("expected ',' or ']' in an array")),
                    _ => return Err(self.syntax("expected ',' or '}' in an object")),
                }
            }
        }
    }

    /// In the object on top of the stack: the next key (an error if it is there already),
    /// the colon and the whitespace to its value, whose path is pushed.
    fn key(&mut self) -> Result<(), JsonError> {
        self.ws();
        if self.s.get(self.i) != Some(&b'"') {
            return Err(self.syntax("expected a key (a string) in an object"));
        }
        let key_at = self.i;
        let key = self.string()?;
        let Some(Open::Object(map, at)) = self.open.last_mut() else {
            return Err(self.syntax("expected a value"));
        };
        let duplicate = match map.entry(key) {
            serde_json::map::Entry::Vacant(slot) => {
                slot.insert(Value::Null);
                at.push(key_at);
                None
            }
            serde_json::map::Entry::Occupied(o) => Some(o.key().clone()),
        };
        if let Some(key) = duplicate {
            let first = map.keys().position(|k| *k == key).map_or(0, |p| at[p]);
            let (fl, fc) = self.line_col(first);
            self.path.push(Seg::Key(key_at));
            return Err(self.fail_at(
                key_at,
                JsonErrorKind::DuplicateKey {
                    key,
                    first_line: fl,
                    first_column: fc,
                },
            ));
        }
        self.ws();
        if self.s.get(self.i) != Some(&b':') {
            return Err(self.syntax("expected ':' after a key"));
        }
        self.i += 1;
        self.ws();
        self.path.push(Seg::Key(key_at));
        Ok(())
    }

    fn word(&mut self, w: &str, v: Value) -> Result<Value, JsonError> {
        if self.s[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            Err(self.syntax("expected a value"))
        }
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.i;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.s.get(self.i) {
            self.i += 1;
        }
        let t = &self.text[start..self.i];
        match canonical_number(t) {
            Some(c) => match number(&c) {
                Some(n) => Ok(Value::Number(n)),
                None => Err(self.fail_at(
                    start,
                    JsonErrorKind::Syntax {
                        message: format!("invalid number '{t}'"),
                    },
                )),
            },
            None if is_number_syntax(t) => {
                let shown = if t.len() > 40 {
                    format!("{}…", &t[..40])
                } else {
                    t.to_string()
                };
                Err(self.fail_at(start, JsonErrorKind::NumberOutOfRange { text: shown }))
            }
            None => Err(self.fail_at(
                start,
                JsonErrorKind::Syntax {
                    message: "invalid number".into(),
                },
            )),
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.syntax("unexpected end of input in a \\u escape"))?;
        let mut v = 0u32;
        for &c in h {
            let d = (c as char)
                .to_digit(16)
                .ok_or_else(|| self.syntax("invalid \\u escape"))?;
            v = v * 16 + d;
        }
        self.i += 4;
        Ok(v)
    }

    /// The index of the first byte at or after `from` that ends a run of plain string
    /// characters (a quote, a backslash or a control character), or the end.
    fn run_end(&self, from: usize) -> usize {
        self.s
            .get(from..)
            .unwrap_or_default()
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            .map_or(self.s.len(), |n| from + n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1; // opening quote

        // Most strings have no escape: taken whole, in one allocation of their size
        // (5 % of reading 1505.1 natively against the loop below alone).
        let end = self.run_end(self.i);
        if self.s.get(end) == Some(&b'"') {
            let out = self.text[self.i..end].to_string();
            self.i = end + 1;
            return Ok(out);
        }
        let mut out = String::new();
        loop {
            let run = self.i;
            self.i = self.run_end(run);
            out.push_str(&self.text[run..self.i]);
            match self.s.get(self.i) {
                None => return Err(self.syntax("unexpected end of input in a string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let Some(&e) = self.s.get(self.i) else {
                        return Err(self.syntax("unexpected end of input in a string"));
                    };
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let at = self.i - 2;
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return Err(self.fail_at(
                                        at,
                                        JsonErrorKind::Syntax {
                                            message: "unpaired surrogate in a \\u escape".into(),
                                        },
                                    ));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.fail_at(
                                        at,
                                        JsonErrorKind::Syntax {
                                            message: "unpaired surrogate in a \\u escape".into(),
                                        },
                                    ));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&hi) {
                                return Err(self.fail_at(
                                    at,
                                    JsonErrorKind::Syntax {
                                        message: "unpaired surrogate in a \\u escape".into(),
                                    },
                                ));
                            } else {
                                hi
                            };
                            match char::from_u32(c) {
                                Some(c) => out.push(c),
                                None => return Err(self.syntax("invalid \\u escape")),
                            }
                        }
                        _ => {
                            self.i -= 1;
                            return Err(self.syntax("invalid escape in a string"));
                        }
                    }
                }
                Some(_) => {
                    return Err(self.syntax("control character in a string (must be escaped)"))
                }
            }
        }
    }

    /// One level deeper: an error past the depth limit.
    fn enter(&self) -> Result<(), JsonError> {
        if self.open.len() + 1 > self.limits.max_depth {
            Err(self.fail_at(
                self.i,
                JsonErrorKind::TooDeep {
                    limit: self.limits.max_depth,
                },
            ))
        } else {
            Ok(())
        }
    }
}

fn is_number_syntax(t: &str) -> bool {
    // The grammar without the length limit: a huge exponent is still a number.
    let mut s = t.strip_prefix('-').unwrap_or(t);
    let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
    if int_len == 0 || (int_len > 1 && s.starts_with('0')) {
        return false;
    }
    s = &s[int_len..];
    if let Some(r) = s.strip_prefix('.') {
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        s = &r[n..];
    }
    if let Some(r) = s.strip_prefix(['e', 'E']) {
        let r = r.strip_prefix(['+', '-']).unwrap_or(r);
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        return n > 0 && n == r.len();
    }
    s.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escaping_table() {
        let cases = [
            ("a", "a"),
            ("a/b", "a~1b"),
            ("m~n", "m~0n"),
            ("~/", "~0~1"),
            ("~1", "~01"),
        ];
        for (raw, escaped) in cases {
            assert_eq!(escape_pointer_token(raw), escaped, "escape {raw}");
            assert_eq!(unescape_pointer_token(escaped), raw, "unescape {escaped}");
        }
    }

    #[test]
    fn duplicate_keys_name_the_pointer_and_both_places() {
        let e = parse("{\"g\": {\"x\": 1,\n  \"x\": 2}}").unwrap_err();
        assert_eq!(e.duplicate(), Some(("/g/x", (1, 8), (2, 3))));
        assert!(e.to_string().contains("duplicate key 'x' at /g/x"), "{e}");
        let e = parse(r#"[{"a~b/c": 1, "a~b/c": 1}]"#).unwrap_err();
        assert_eq!(e.pointer, "/0/a~0b~1c");
    }

    #[test]
    fn an_error_deep_inside_names_every_key_on_the_way_as_written() {
        // RFC 6901: the pointer holds the decoded keys (an escape in the text is the
        // character it stands for), "~" and "/" escaped as "~0" and "~1".
        let e = parse(r#"{"a/b": {"c\u007e": [1, {"\"q\"\n": tru}]}}"#).unwrap_err();
        assert_eq!(e.pointer, "/a~1b/c~0/1/\"q\"\n");
        let e = parse(r#"{"plain": {"": [null, x]}}"#).unwrap_err();
        assert_eq!(e.pointer, "/plain//1");
    }

    #[test]
    fn numbers_are_exact_in_one_canonical_spelling() {
        for (input, out) in [
            ("1234567890123456.78", "1234567890123456.78"),
            ("18446744073709551616", "18446744073709551616"),
            ("9007199254740993", "9007199254740993"),
            ("1e2", "100"),
            ("1E+2", "100"),
            ("100.0", "100"),
            ("0.000", "0"),
            ("-0", "0"),
            ("0e99999999999999999999", "0"),
            ("-1.5e-3", "-0.0015"),
            ("12.5", "12.5"),
            ("1.0e1", "10"),
        ] {
            assert_eq!(
                parse(input).unwrap().to_string(),
                out,
                "{input} must be written {out}"
            );
        }
    }

    #[test]
    fn numbers_that_cannot_be_kept_are_errors_not_roundings() {
        for t in ["1e-400", "1e400", "1e99999999999999999999", "-1e-399"] {
            let e = parse(t).unwrap_err();
            assert!(
                matches!(e.kind, JsonErrorKind::NumberOutOfRange { .. }),
                "{t}: {e}"
            );
        }
        for t in [
            "1e399",
            "5e-324",
            "-1.7976931348623157e308",
            "2.2250738585072014e-308",
        ] {
            assert!(parse(t).is_ok(), "{t}: every finite double fits");
        }
        for t in ["01", "1.", ".5", "+1", "1e", "--1", "1.2.3", "0x10"] {
            assert!(
                matches!(parse(t).unwrap_err().kind, JsonErrorKind::Syntax { .. }),
                "{t}"
            );
        }
    }

    #[test]
    fn unknown_members_are_named_with_their_pointer() {
        const CODED: Members = Members::Object(&[("code", Members::Any)]);
        const ROOT: Members = Members::Object(&[("a", Members::Any), ("b", CODED)]);
        let check = |t: &str| unknown_member(&parse(t).unwrap(), &ROOT).map(|x| x.0);
        assert_eq!(check(r#"{"a": [1], "b": {"code": 1}}"#), None);
        assert_eq!(check(r#"{"b": null}"#), None);
        assert_eq!(check(r#"{"b": {"kode": 1}}"#).as_deref(), Some("/b/kode"));
        assert_eq!(check(r#"{"b": [true]}"#).as_deref(), Some("/b"));
        assert_eq!(check(r#"{"c/d": 1}"#).as_deref(), Some("/c~1d"));
        assert_eq!(check("[]").as_deref(), Some(""));
        assert_eq!(check("null").as_deref(), Some(""));
    }

    #[test]
    fn a_byte_order_mark_has_its_own_message() {
        let e = parse("\u{feff}{}").unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::ByteOrderMark);
    }

    #[test]
    fn limits_refuse_instead_of_reading_on() {
        let l = Limits {
            max_bytes: 10,
            max_depth: 3,
        };
        assert!(matches!(
            parse_with("[1,2,3,4,5,6]", &l).unwrap_err().kind,
            JsonErrorKind::TooLarge { limit: 10 }
        ));
        assert!(matches!(
            parse_with("[[[[1]]]]", &l).unwrap_err().kind,
            JsonErrorKind::TooDeep { limit: 3 }
        ));
        assert!(parse_with("[[[1]]]", &l).is_ok());
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn strings_follow_rfc_8259() {
        assert_eq!(
            parse(r#""a\u00e4\ud83d\ude00\n\/""#).unwrap(),
            Value::String("aä😀\n/".into())
        );
        for bad in [
            r#""\ud800""#,
            r#""\udc00x""#,
            "\"a\u{1}\"",
            r#""\x""#,
            "\"abc",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn agrees_with_serde_json_on_what_is_json() {
        for t in [
            "{}".to_string().as_str(),
            "[]",
            " {\"a\" : [ true , false , null , \"x\" ] } ",
            "[1,]",
            "{\"a\":1,}",
            "tru",
            "[1 2]",
            "{\"a\" 1}",
            "\"\\u12\"",
            "nul",
            "[1]x",
            "",
            "   ",
            &format!("{}{}", "[".repeat(127), "]".repeat(127)),
            &format!("{}{}", "[".repeat(128), "]".repeat(128)),
            &format!("{}{}", "[".repeat(129), "]".repeat(129)),
            &format!("{}1{}", "{\"a\":".repeat(128), "}".repeat(128)),
            &format!("{}1{}", "{\"a\":".repeat(129), "}".repeat(129)),
        ] {
            assert_eq!(
                parse(t).is_ok(),
                serde_json::from_str::<Value>(t).is_ok(),
                "{t:?}"
            );
        }
    }

    /// `text` read by a [`Reading`] `bytes` at a time.
    fn stepwise(text: &str, bytes: usize) -> Result<Value, JsonError> {
        let mut r = Reading::new(text.to_string(), Limits::default());
        loop {
            if let Some(v) = r.step(bytes)? {
                return Ok(v);
            }
        }
    }

    /// What a reading in parts gives is what one reading gives — the value, or the error
    /// with its line, column and pointer — at every step size, for the texts this module
    /// is tested with (and the JSON text pointer tests of the element: a member's pointer
    /// after a pause).
    #[test]
    fn a_reading_in_parts_gives_what_one_reading_gives() {
        let texts = [
            " {\"a\" : [ true , false , null , \"x\" ] } ",
            "{\"a\": {\"b\": [1, 2, {\"c\": 1.50e1}]}, \"d\": \"\\u00e4\\n\"}",
            "{\"a\": [1, 2, {\"b\": 1, \"b\": 2}]}",
            "{\"x\": 1,\n \"a\": [{}, [], {\"q\": [1, tru]}]}",
            "{\"a\": [1, 2 3]}",
            "{\"a\": {\"b\" 1}}",
            "{\"a\": {\"b\": 1,}}",
            "[1, 2, 1e-400]",
            "[\"\\ud800\"]",
            "{\"a\":1}x",
            "[[[]]] ",
            "\u{feff}{}",
            "",
            "[1,]",
            "{\"a\": \"\u{1}\"}",
        ];
        let deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
        let deep_obj = format!("{}1{}", "{\"a\":".repeat(129), "}".repeat(129));
        for t in texts
            .iter()
            .copied()
            .chain([deep.as_str(), deep_obj.as_str()])
        {
            let whole = parse(t);
            for bytes in [1, 2, 3, 7, 64, usize::MAX] {
                assert_eq!(
                    stepwise(t, bytes),
                    whole,
                    "{t:?} read {bytes} bytes at a time"
                );
            }
        }
    }

    /// A reading pauses (more than one step for a long text) and, once it has given its
    /// value, refuses to be read again.
    #[test]
    fn a_reading_pauses_and_ends() {
        let text = format!("[{}0]", "1, ".repeat(1000));
        let mut r = Reading::new(text.clone(), Limits::default());
        let mut steps = 0;
        let v = loop {
            steps += 1;
            if let Some(v) = r.step(100).unwrap() {
                break v;
            }
        };
        assert_eq!(v, parse(&text).unwrap());
        assert!(
            (30..=31).contains(&steps),
            "{steps} steps of 100 bytes for 3 002"
        );
        assert!(r.step(100).is_err());
        // A text handed over in parts is read as one; text given once reading began is an
        // error, never silently left out.
        let mut parts = Reading::new("[1, ".into(), Limits::default());
        parts.push_str("\"ä\"");
        parts.push_str("]");
        assert_eq!(parts.len(), "[1, \"ä\"]".len());
        assert_eq!(parts.step(2).unwrap(), None);
        assert_eq!(parts.step(100).unwrap(), Some(parse("[1, \"ä\"]").unwrap()));
        let mut late = Reading::new("[1, 2, 3]".into(), Limits::default());
        assert_eq!(late.step(2).unwrap(), None);
        late.push_str(", 4");
        assert!(late
            .step(100)
            .unwrap_err()
            .to_string()
            .contains("after reading began"));
        let mut over = Reading::new(
            "[1]".into(),
            Limits {
                max_bytes: 2,
                max_depth: 9,
            },
        );
        assert!(matches!(
            over.step(1).unwrap_err().kind,
            JsonErrorKind::TooLarge { limit: 2 }
        ));
    }
}
