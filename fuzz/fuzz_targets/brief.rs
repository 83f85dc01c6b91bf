//! Arbitrary bytes as a brief: parsing and validation must answer Ok or Err, never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = jianggao::brief::parse(Path::new("fuzz.toml"), text) {
            // Rendering the message must not panic either.
            let _ = e.to_string();
        }
    }
});
