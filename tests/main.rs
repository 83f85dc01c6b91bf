//! Integration tests: one binary, one module per area.

mod accuracy;
mod brief;
mod cli;
mod docx;
mod generate;
mod hardening;
mod mine;
mod phrases;
mod properties;
mod revise;
mod support;
