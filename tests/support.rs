//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path below the crate's root.
pub fn at(rel: &str) -> PathBuf {
    root().join(rel)
}

/// A `jianggao` command run in `dir`.
pub fn jianggao(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("jianggao").expect("binary built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}
