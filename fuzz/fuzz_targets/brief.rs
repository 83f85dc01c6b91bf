//! Arbitrary bytes as a brief: parsing and validation must answer Ok or Err, never panic, and the
//! error's report (miette, with the offending span underlined) must render without panicking.
//! Bytes that are not UTF-8 go through a file, so that decoding (BOMs, GB18030) is fuzzed too.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn check(result: jianggao::Result<jianggao::brief::Brief>) {
    if let Err(e) = result {
        let plain = jianggao::report::render(&e, false);
        assert!(plain.starts_with("error: "), "report does not open with error: {plain}");
        let _ = jianggao::report::render(&e, true);
    }
}

/// A scratch file for the whole run.
fn scratch() -> &'static PathBuf {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder").keep();
        dir.join("brief.toml")
    })
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => check(jianggao::brief::parse(Path::new("fuzz.toml"), text)),
        Err(_) => {
            let file = scratch();
            std::fs::write(file, data).expect("write the input");
            check(jianggao::brief::load_with_warnings(file).map(|(b, _)| b));
        }
    }
});
