//! Arbitrary bytes as a brief: parsing and validation must answer Ok or Err, never panic, and the
//! error's report (miette, with the offending span underlined) must render without panicking.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(e) = jianggao::brief::parse(Path::new("fuzz.toml"), text)
    {
        let plain = jianggao::report::render(&e, false);
        assert!(plain.starts_with("error: "), "report does not open with error: {plain}");
        let _ = jianggao::report::render(&e, true);
    }
});
