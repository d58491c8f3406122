//! JSON Pointer reference tokens (RFC 6901). PURE, a leaf of the model layer: the model
//! (schema pointers) and the document (data pointers) both escape with it, so neither
//! imports the other for it.

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
}
