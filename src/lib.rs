//! chronoscope: a terminal explorer for chronologies.
//!
//! The library holds everything but the thin `main`: the model, the loader,
//! the queries and the explorer, so that tests and benchmarks use exactly
//! what the binary runs.

pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod diff;
pub mod export;
pub mod fit;
pub mod import;
pub mod link;
pub mod load;
pub mod map;
pub mod marks;
pub mod model;
pub mod query;
pub mod term;
pub mod text;
pub mod ui;
pub mod views;
