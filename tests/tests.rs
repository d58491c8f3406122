//! One integration binary, a module per topic (see STYLE.md §3).

#![cfg(not(target_arch = "wasm32"))]

mod support;

mod architecture;
mod archive;
mod assess;
mod cda;
mod cli;
mod context;
mod derive;
mod differential;
mod docs;
mod forged;
mod host;
mod hostile;
mod kanta_sample;
mod leaks;
mod lint;
mod parse;
mod policy;
mod readiness;
mod regression;
mod render;
mod restrict;
mod serialize;
mod strict;
mod sweep;
mod ui;
mod validate;
