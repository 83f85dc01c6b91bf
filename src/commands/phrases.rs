//! `jianggao phrases`

use crate::cli::PhrasesArgs;
use crate::error::{Error, Result};

/// Runs `jianggao phrases`.
pub fn run(_args: &PhrasesArgs) -> Result<()> {
    Err(Error::Message("phrases is not available yet".into()))
}
