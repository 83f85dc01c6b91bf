//! jianggao (讲稿) drafts Chinese speeches for trade-union work meetings from a phrase bank mined
//! out of real speeches.
//!
//! Data flows through the modules in this order: `corpus` (read, clean, split) → `mine`
//! (classify, generalise, filter) → `bank` (the phrase bank) → `brief` (the input) → `compose`
//! (plan and pick, seeded) → `render` (Tera) → `export` (text, markdown, JSON, Word).

pub mod almanac;
pub mod avoid;
pub mod bank;
pub mod brief;
pub mod cli;
pub mod cn;
pub mod commands;
pub mod compose;
pub mod corpus;
pub mod draft;
pub mod error;
pub mod export;
pub mod fsutil;
pub mod mine;
pub mod occasion;
pub mod record;
pub mod render;
pub mod report;
pub mod rng;
pub mod season;
pub mod themes;

pub use error::{Error, Result};
