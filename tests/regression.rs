//! Regression tests named after what they found.

use sosmeta_editor::Structure;

fn nested(levels: usize) -> String {
    let mut inner = String::from(r#"{"type":"string"}"#);
    for _ in 0..levels {
        inner = format!(r#"{{"type":"object","properties":{{"x":{inner}}}}}"#);
    }
    format!(
        r#"{{"type":"object","sosmeta":{{"oid":"1.2","status":"Valmis"}},"properties":{{"d":{inner}}}}}"#
    )
}

/// Hostile nesting must be an error naming the limit, not a stack overflow.
#[test]
// See: docs/security.md: hostile nesting is refused with a typed error.
fn deeply_nested_structure_is_an_error_not_a_crash() {
    let err = Structure::from_json(&nested(300)).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("recursion limit") || msg.contains("nesting deeper"),
        "{msg}"
    );
    assert!(Structure::from_json(&nested(40)).is_ok());
}
