//! Integration tests: one binary, one module per area.

mod accuracy;
mod brief;
mod cli;
mod docx;
mod mine;
mod phrases;
mod support;
