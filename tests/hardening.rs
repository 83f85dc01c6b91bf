//! Bad inputs end in a clear message that names the file and the place; nothing is lost.

use std::path::Path;

use crate::support::{at, jianggao};

/// A copy of the fixture bank in `dir/bank`, with `file` replaced by `edit(original)`.
fn bank_with(dir: &Path, file: &str, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    let bank = dir.join("bank");
    std::fs::create_dir_all(&bank).expect("mkdir");
    for f in std::fs::read_dir(at("tests/fixtures/bank")).expect("fixture bank") {
        let f = f.expect("entry").path();
        let name = f.file_name().expect("name").to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&f).expect("read");
        let text = if name == file { edit(&text) } else { text };
        std::fs::write(bank.join(&name), text).expect("write");
    }
    bank
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle in fixture")
        + 1
}

fn stderr_of(dir: &Path, args: &[&str]) -> String {
    let out = jianggao(dir).args(args).output().expect("run");
    assert!(!out.status.success(), "{args:?} succeeded");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_malformed_bank_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(at("tests/fixtures/bank/opening.toml")).expect("read");
    let line = line_of(&original, "source = ");
    // An unclosed string on that line.
    let bank = bank_with(dir.path(), "opening.toml", |t| {
        t.lines()
            .enumerate()
            .map(|(i, l)| {
                if i + 1 == line {
                    l.trim_end_matches('"').to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    let stderr = stderr_of(dir.path(), &["phrases", "--bank", &bank.to_string_lossy()]);
    assert!(stderr.contains(&format!("opening.toml:{line}:")), "{stderr}");
}

#[test]
fn an_unknown_slot_in_a_bank_is_named_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = std::fs::read_to_string(at("tests/fixtures/bank/opening.toml")).expect("read");
    // The second phrase of the file gets a slot that does not exist.
    let second = original.match_indices("[[phrase]]").nth(1).expect("two phrases").0;
    let line = original[..second].matches('\n').count() + 1;
    let bank = bank_with(dir.path(), "opening.toml", |t| {
        let (head, tail) = t.split_at(second);
        format!("{head}{}", tail.replacen("{{ ", "{{ nosuchslot", 1))
    });
    let stderr = stderr_of(dir.path(), &["phrases", "--bank", &bank.to_string_lossy()]);
    assert!(stderr.contains(&format!("opening.toml:{line}:")), "{stderr}");
    assert!(stderr.contains("unknown slot"), "{stderr}");
}

#[test]
fn a_bank_file_that_is_not_utf8_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bank = bank_with(dir.path(), "closing.toml", |t| t.to_string());
    let (gbk, _, _) = encoding_rs::GBK.encode("[[phrase]]\ntext = \"同志们\"\n");
    std::fs::write(bank.join("closing.toml"), gbk).expect("write");
    let stderr = stderr_of(dir.path(), &["phrases", "--bank", &bank.to_string_lossy()]);
    assert!(stderr.contains("closing.toml"), "{stderr}");
}
