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

const SPEECH: &str = "在全县工会工作会议上的讲话\n同志们：\n今天，我们召开全县工会工作会议。下面，我讲三点意见。\n一、充分认识做好工会工作的重要性\n工会是党联系职工群众的桥梁和纽带，是推动经济社会发展的重要力量。\n二、突出重点，扎实做好今年的工会工作\n一是要深入开展劳动竞赛。各级工会要围绕中心工作组织竞赛。二是要做好困难职工帮扶。要把送温暖活动抓实抓好。\n同志们，让我们团结一心，努力开创工会工作新局面！\n";

/// Another speech, sharing no sentence with [`SPEECH`], so that neither is a duplicate of the other.
const OTHER_SPEECH: &str = "在全市工会工作会议上的讲话\n同志们：\n这次会议的主要任务是总结去年工作，部署今年任务。\n一、坚定不移走中国特色社会主义工会发展道路\n各级工会要始终坚持党对工会工作的全面领导，切实履行维护职工合法权益的基本职责。\n二、着力加强工会自身建设\n一是要扩大工会组织覆盖面。要推动新就业形态劳动者入会。二是要提升服务职工水平。要建好用好职工服务阵地。\n同志们，新的一年任务艰巨，让我们携起手来，奋力谱写工会事业新篇章！\n";

#[test]
fn a_corpus_of_bad_files_names_each_and_mines_the_rest() {
    use std::io::Write as _;

    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).expect("mkdir");
    std::fs::write(archive.join("good.txt"), SPEECH).expect("write");
    let gbk_text: &str = OTHER_SPEECH;
    let (gbk, _, _) = encoding_rs::GBK.encode(gbk_text);
    std::fs::write(archive.join("gbk.txt"), &gbk).expect("write");
    std::fs::write(
        archive.join("binary.doc"),
        [0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0xFF, 0xFE, 7, 0],
    )
    .expect("write");
    std::fs::write(archive.join("empty.txt"), "").expect("write");
    // A single line of 50 MB: Chinese text without a line break, written at test time.
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(archive.join("huge.txt")).expect("create"));
        let piece = "工会工作要围绕中心、服务大局，".repeat(1000);
        let mut written = 0;
        while written < 50 << 20 {
            f.write_all(piece.as_bytes()).expect("write");
            written += piece.len();
        }
        f.flush().expect("flush");
    }
    // Unreadable: mode 000. Root reads it anyway; then it is simply mined.
    let locked = archive.join("locked.txt");
    std::fs::write(&locked, SPEECH.replace("三点", "四点")).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    let unreadable = std::fs::read(&locked).is_err();

    let started = std::time::Instant::now();
    let run = jianggao(dir.path())
        .args(["mine", "archive", "--out", "bank"])
        .output()
        .expect("runs");
    let elapsed = started.elapsed();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644));
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (name, why) in [("binary.doc", "binary"), ("empty.txt", "empty")] {
        assert!(
            stderr.lines().any(|l| l.contains(name) && l.contains(why)),
            "{name} not named as {why}: {stderr}"
        );
    }
    if unreadable {
        assert!(stderr.lines().any(|l| l.contains("locked.txt")), "{stderr}");
    }
    assert!(!stderr.contains("good.txt") && !stderr.contains("gbk.txt"), "{stderr}");
    let bank = jianggao::bank::Bank::load(&dir.path().join("bank")).expect("bank written");
    for name in ["good.txt", "gbk.txt"] {
        assert!(
            bank.phrases.iter().any(|p| p.source.starts_with(&format!("{name}:"))),
            "nothing mined from {name}"
        );
    }
    // The huge line is cut, not mined whole, and does not take the run down or stall it.
    assert!(bank.phrases.iter().all(|p| p.text.chars().count() < 10_000));
    assert!(elapsed.as_secs() < 120, "mining took {elapsed:?}");
}

#[test]
fn a_broken_link_in_a_corpus_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).expect("mkdir");
    std::fs::write(archive.join("good.txt"), SPEECH).expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere.txt", archive.join("gone.txt")).expect("symlink");
        std::fs::create_dir(archive.join("sub")).expect("mkdir");
        std::os::unix::fs::symlink("..", archive.join("sub/up")).expect("symlink");
    }
    let run = jianggao(dir.path())
        .args(["mine", "archive", "--out", "bank", "--explain", "--format", "json"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    #[cfg(unix)]
    {
        assert!(
            stderr.lines().any(|l| l.contains("gone.txt") && l.contains("skipped")),
            "{stderr}"
        );
        // The link back up is named once and not followed: good.txt is read once.
        assert_eq!(stderr.matches("up").count(), 1, "{stderr}");
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            stdout.contains("good.txt") && !stdout.contains("up/good.txt"),
            "{stdout}"
        );
    }
}
