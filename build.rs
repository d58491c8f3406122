//! Tells the test suite whether the real corpus (`../shared/sosmeta/structures`) is beside
//! the project. Without it, and outside CI, the tests that need it are reported as ignored,
//! with the reason, instead of passing without asserting anything; with `CI=true` they
//! always run (and fail without the corpus). The library and the CLI do not use it.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(sosmeta_no_corpus)");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-changed=build.rs");
    let dir = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
        .join("../shared/sosmeta/structures");
    // The folder itself (created or removed) reruns this script; when it is missing, cargo
    // reruns it on every build, which costs nothing else (the output does not change).
    println!("cargo::rerun-if-changed={}", dir.display());
    let ci = std::env::var("CI").as_deref() == Ok("true");
    if !dir.is_dir() && !ci {
        println!("cargo::rustc-cfg=sosmeta_no_corpus");
    }
}
