//! `jianggao mine`

use crate::cli::MineArgs;
use crate::error::{Error, Result};

/// Runs `jianggao mine`.
pub fn run(_args: &MineArgs, _quiet: bool) -> Result<()> {
    Err(Error::Message("mine is not available yet".into()))
}
