//! The CLI's argument and file-path handling: arguments from the input (NUL-separated),
//! pointing at the project's files, missing files, `-` and odd paths. Exit codes 0, 1 or 2
//! only; never a panic. The target runs in a temporary working directory and drops inputs
//! whose own arguments contain a path separator, so whatever `--out` names is created
//! there, never in the project.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code, clippy::all)]
#[path = "../../src/bin/sosmeta/cli.rs"]
mod cli;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.contains(['/', '\\']) || text.contains("..") {
        return;
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = std::env::temp_dir().join(format!("sosmeta-fuzz-cli-{}", std::process::id()));
    static CWD: std::sync::Once = std::sync::Once::new();
    CWD.call_once(|| {
        let _ = std::fs::create_dir_all(&out);
        std::env::set_current_dir(&out).expect("temporary working directory");
    });
    let args: Vec<String> = text
        .split('\0')
        .take(12)
        .map(|a| {
            a.replace("@S", &format!("{root}/structures/demo-kertomus.json"))
                .replace("@D", &format!("{root}/tests/data/demo-kertomus.filled.json"))
                .replace("@R", &format!("{root}/rules/demo-kertomus.rules.json"))
                .replace("@O", &out.display().to_string())
        })
        // stdin is the fuzzer's own: never read it.
        .filter(|a| a != "-")
        .collect();
    let code = cli::run_args(args);
    assert!(code <= 3, "exit code {code}");
});
