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
    assert!(stderr.lines().any(|l| l.starts_with("error: ")), "{stderr}");
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

/// A template folder whose `leader_speech/announce.txt` is `text`.
fn templates_with(dir: &Path, text: &str) -> String {
    let t = dir.join("templates/leader_speech");
    std::fs::create_dir_all(&t).expect("mkdir");
    std::fs::write(t.join("announce.txt"), text).expect("write");
    dir.join("templates").to_string_lossy().into_owned()
}

#[test]
fn template_errors_are_named_with_line_and_column() {
    let brief = at("examples/county.toml");
    let brief = brief.to_string_lossy();
    // (template text, line:column of the fault), columns counted in characters.
    let cases = [
        // Syntax: an unclosed variable; the parser stops at the first character after the name.
        (
            "下面，我讲{{ points_cn }}点意见：\n借此机会，讲{{ points_cn 点意见：\n",
            "2:20",
        ),
        // Rendering: a variable the context does not have; the place is its name.
        (
            "下面，我讲{{ points_cn }}点意见：\n\n各位，讲{{ nosuch }}点意见：\n",
            "3:8",
        ),
        // Validation: a filter that does not exist.
        ("下面\n{{ points_cn | nofilter }}点意见：\n", "2:16"),
    ];
    for (text, place) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        let templates = templates_with(dir.path(), text);
        let stderr = stderr_of(dir.path(), &["generate", &brief, "--templates", &templates]);
        assert!(
            stderr.contains(&format!("leader_speech/announce.txt:{place}")),
            "{text:?}: {stderr}"
        );
    }
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_generate_leaves_the_old_output_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("draft.txt"), "the old draft").expect("write");
    std::fs::write(dir.path().join("bad.toml"), "kind = \"leader_speech\"\nyear = 2026\n").expect("write");
    // Even with --force, an invalid brief writes nothing.
    stderr_of(dir.path(), &["generate", "bad.toml", "-o", "draft.txt", "--force"]);
    // A bad template folder fails after the brief was read: still nothing written.
    let templates = templates_with(dir.path(), "{{ nosuch }}\n");
    let brief = at("examples/county.toml");
    stderr_of(
        dir.path(),
        &[
            "generate",
            &brief.to_string_lossy(),
            "--templates",
            &templates,
            "-o",
            "draft.txt",
            "--force",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("draft.txt")).expect("kept"),
        "the old draft"
    );
    assert_eq!(listing(dir.path()), ["bad.toml", "draft.txt", "templates"]);
}

#[test]
fn an_output_that_cannot_be_written_is_named_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("file"), "a file, not a folder").expect("write");
    let brief = at("examples/county.toml");
    let brief = brief.to_string_lossy();
    // A folder that is a file (root cannot write there either), and one that does not exist.
    for out in ["file/draft.txt", "missing/draft.txt"] {
        let stderr = stderr_of(dir.path(), &["generate", &brief, "-o", out]);
        assert!(stderr.contains(out), "{stderr}");
    }
    // Variants: the second name is a folder, so the first must not be written either.
    std::fs::create_dir(dir.path().join("v-2.txt")).expect("mkdir");
    let stderr = stderr_of(
        dir.path(),
        &[
            "generate",
            &brief,
            "--seed",
            "1",
            "--variants",
            "2",
            "-o",
            "v.txt",
            "--force",
        ],
    );
    assert!(stderr.contains("v-2.txt"), "{stderr}");
    assert_eq!(listing(dir.path()), ["file", "v-2.txt"]);
}

#[test]
fn a_successful_generate_leaves_only_its_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let brief = at("examples/county.toml");
    jianggao(dir.path())
        .args([
            "generate",
            &brief.to_string_lossy(),
            "--seed",
            "3",
            "--variants",
            "2",
            "--format",
            "md",
            "-o",
            "d.md",
        ])
        .assert()
        .success();
    assert_eq!(listing(dir.path()), ["d-3.md", "d-4.md"]);
    let text = std::fs::read_to_string(dir.path().join("d-3.md")).expect("read");
    assert!(text.starts_with("# ") && text.ends_with('\n'), "{text}");
}
