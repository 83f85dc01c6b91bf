//! Arbitrary bytes as one file of a speech archive: mining reads, decodes, cleans, splits,
//! classifies, cuts and generalises it without panicking, either skipping it with a warning that
//! names it or mining phrases — and the bank written from those phrases loads again.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use jianggao::bank::Bank;
use jianggao::mine::{self, Options};
use libfuzzer_sys::fuzz_target;

/// A scratch folder for the whole run: the speech file and the bank written from it.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temporary folder").keep())
}

fuzz_target!(|data: &[u8]| {
    let dir = scratch();
    let file = dir.join("speech.txt");
    std::fs::write(&file, data).expect("write the input");
    let mined = mine::mine(std::slice::from_ref(&file), Options { records: true }, |_, _| {});
    for w in &mined.warnings {
        assert!(w.contains("speech.txt"), "a warning that does not name the file: {w}");
    }
    assert!(
        mined.files == 1 || !mined.warnings.is_empty(),
        "the file was neither mined nor named in a warning"
    );
    if mined.phrases.is_empty() {
        return;
    }
    let bank = dir.join("bank");
    mine::write_bank(&mined.phrases, &bank).expect("write the bank");
    if let Err(e) = Bank::load(&bank) {
        panic!("mining wrote a bank that does not load: {e}");
    }
});
