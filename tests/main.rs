//! Integration tests: one binary, one module per area.

mod accuracy;
mod mine;
mod support;
