//! Integration tests: one binary, one module per area.

mod brief;
mod cli;
mod docx;
mod generate;
mod hardening;
mod phrases;
mod properties;
mod revise;
mod support;
