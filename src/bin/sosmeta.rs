//! `sosmeta`: the command-line edge of the same core the browser component uses.
//!
//! Exit codes: 0 ok, 1 findings (issues, refusal, lint findings), 2 unusable input.

#[cfg(not(target_arch = "wasm32"))]
#[path = "sosmeta/cli.rs"]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The CLI is native only; this keeps `cargo test --target wasm32-unknown-unknown` building.
#[cfg(target_arch = "wasm32")]
fn main() {}
