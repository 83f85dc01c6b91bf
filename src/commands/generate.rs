//! `jianggao generate`

use crate::cli::GenerateArgs;
use crate::error::{Error, Result};

/// Runs `jianggao generate`.
pub fn run(_args: &GenerateArgs, _quiet: bool) -> Result<()> {
    Err(Error::Message("generate is not available yet".into()))
}
