//! `jianggao brief`

use crate::cli::BriefCommand;
use crate::error::{Error, Result};

/// Runs `jianggao brief`.
pub fn run(_cmd: &BriefCommand) -> Result<()> {
    Err(Error::Message("brief is not available yet".into()))
}
