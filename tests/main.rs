//! Integration tests: one binary, one module per area.

mod brief;
mod cli;
mod docx;
mod hardening;
mod phrases;
mod support;
