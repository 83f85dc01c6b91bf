//! Integration tests: one binary, one module per area.

mod brief;
mod cli;
mod docx;
mod generate;
mod phrases;
mod revise;
mod support;
