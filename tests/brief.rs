//! Briefs: validation errors as people see them (snapshots of every bad fixture), `brief init`
//! and `brief check`.

use std::path::Path;

use jianggao::brief::{self, Level};
use predicates::str::contains;

use crate::support::{at, jianggao, root};

#[test]
fn bad_brief_reports() {
    insta::glob!("fixtures/bad/*.toml", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).expect("file name");
        let dir = path.parent().expect("folder");
        let out = jianggao(dir)
            .args(["brief", "check", name])
            .assert()
            .code(1)
            .stdout("")
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 report");
        assert!(stderr.starts_with(&format!("error: {name}")), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        insta::assert_snapshot!(stderr);
    });
}

#[test]
fn every_bad_brief_error_names_line_column_and_field() {
    for entry in std::fs::read_dir(at("tests/fixtures/bad")).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "toml") || path.ends_with("empty.toml") {
            continue;
        }
        let err = brief::load(&path).expect_err("bad brief is refused");
        let jianggao::Error::Brief(b) = err else {
            panic!("{}: not a brief error", path.display());
        };
        let place = b
            .place
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no place", path.display()));
        assert!(place.line >= 1 && place.column >= 1);
        assert!(b.help.is_some(), "{}: no help", path.display());
        let shown = b.to_string();
        assert!(
            shown.contains(&format!(":{}:{}: ", place.line, place.column)),
            "{shown}"
        );
    }
}

#[test]
fn columns_count_characters_under_chinese_text() {
    let text = "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"临澧县\"\nlevel = \"省\"\n";
    let Err(jianggao::Error::Brief(b)) = brief::parse(Path::new("b.toml"), text) else {
        panic!("level 省 accepted");
    };
    let place = b.place.expect("place");
    assert_eq!((place.line, place.column), (5, 9));
}

fn brief_error(text: &str) -> jianggao::Error {
    match brief::parse(Path::new("b.toml"), text) {
        Err(e @ jianggao::Error::Brief(_)) => e,
        _ => panic!("expected a brief error"),
    }
}

#[test]
fn underline_is_aligned_after_wide_characters_on_the_same_line() {
    let text = "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"临澧县\"\nlevel = \"县\"\n[outline]\nfocus = [\"劳动竞赛\", \"劳模评选\"]\n";
    let report = jianggao::report::render(&brief_error(text), false);
    let lines: Vec<&str> = report.lines().collect();
    let code = lines.iter().position(|l| l.contains("focus = [")).expect("code line");
    let under = lines[code + 1];
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let target = lines[code].find("\"劳模评选\"").expect("bad theme");
    let start = under.find('─').expect("underline");
    assert_eq!(w(&under[..start]), w(&lines[code][..target]), "\n{report}");
    let len = under[start..].chars().filter(|&c| c == '─' || c == '┬').count();
    assert_eq!(len, w("\"劳模评选\""), "\n{report}");
}

#[test]
fn the_issue_brief_is_accepted_as_written() {
    let b = brief::load(&at("tests/fixtures/briefs/issue.toml")).expect("valid");
    assert_eq!(b.year, 2026);
    assert_eq!(b.organisation.level, Level::County);
    assert_eq!(b.organisation.short, "县");
    assert_eq!(b.meeting.reporter.as_deref(), Some("王志刚"));
    assert!(b.meeting.commendation);
    assert_eq!(b.meeting.date.as_deref(), Some("2026-02-26"));
    assert_eq!(b.outline.focus, ["劳动竞赛", "困难职工帮扶"]);
    assert_eq!(b.figures.len(), 1);
    assert_eq!(b.figures[0].phrase(), "地区生产总值达到116.5亿元，同比增长8.2%");
    assert_eq!(b.style, None);
}

#[test]
fn figures_keep_their_written_form_and_style_is_read() {
    let b = brief::load(&at("tests/fixtures/briefs/enterprise.toml")).expect("valid");
    assert_eq!(b.organisation.short, "矿");
    assert_eq!(b.meeting.name, "全矿工会工作会议");
    assert_eq!(b.outline.points, 4);
    assert_eq!(b.figures[0].value_text, "1200");
    assert_eq!(b.figures[0].growth_text.as_deref(), Some("3.40"));
    assert_eq!(b.figures[0].phrase(), "原煤产量为1200万吨，同比下降3.40%");
    assert_eq!(b.figures[1].phrase(), "职工人均收入为6.5万元，与上年持平");
    let style = b.style.expect("style");
    assert_eq!(style.body.as_deref(), Some("仿宋_GB2312"));
    assert_eq!(style.heading1, None);
}

#[test]
fn init_output_is_valid_for_every_kind_and_level() {
    for kind in ["leader_speech", "work_report"] {
        for level in Level::NAMES {
            let text = jianggao::commands::brief::init(kind, level).expect("init");
            let b =
                brief::parse(Path::new("init.toml"), &text).unwrap_or_else(|e| panic!("{kind} {level}: {e}\n{text}"));
            assert_eq!(b.kind.as_str(), kind);
            assert_eq!(b.organisation.level.as_str(), level);
            assert!(b.style.is_some() && !b.figures.is_empty() && !b.outline.focus.is_empty());
            // Every key of the schema appears in the example, set or commented.
            for (table, keys) in brief::SCHEMA {
                for key in keys {
                    let written = format!("{key} =");
                    let header = format!("[{key}]");
                    assert!(
                        text.contains(&written) || text.contains(&header) || text.contains(&format!("[[{key}]]")),
                        "{kind} {level}: {table}.{key} missing"
                    );
                }
            }
        }
    }
}

#[test]
fn init_then_check_through_the_binary() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (kind, level) in [("leader_speech", "市"), ("work_report", "企业")] {
        let out = jianggao(dir.path())
            .args(["brief", "init", "--kind", kind, "--level", level])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        std::fs::write(dir.path().join("b.toml"), out).expect("write");
        jianggao(dir.path())
            .args(["brief", "check", "b.toml"])
            .assert()
            .success()
            .stdout(contains("valid brief"))
            .stdout(contains(format!("kind:           {kind}")));
    }
}

#[test]
fn check_shows_years_plan_figures_and_focus() {
    jianggao(&root())
        .args([
            "brief",
            "check",
            "tests/fixtures/briefs/issue.toml",
            "--bank",
            "tests/fixtures/bank",
        ])
        .assert()
        .success()
        .stdout(contains("reviews 2025, plans 2026"))
        .stdout(contains("“十五五” (2026–2030); 2026 is its 开局之年"))
        .stdout(contains("1. 地区生产总值达到116.5亿元，同比增长8.2%"))
        .stdout(contains("3 main points (我讲三点意见)"))
        .stdout(contains("focus:          劳动竞赛, 困难职工帮扶"))
        // The fixture bank has one government phrase for each focus theme: too few.
        .stderr(contains("warning: focus theme 劳动竞赛: the phrase bank has 2 phrases"))
        .stderr(contains("warning: focus theme 困难职工帮扶"));
    jianggao(&root())
        .args(["brief", "check", "tests/fixtures/briefs/enterprise.toml"])
        .assert()
        .success()
        .stdout(contains("reviews 2012, plans 2013"))
        .stdout(contains("“十二五” (2011–2015); 2013 is its 承上启下的重要一年"))
        .stdout(contains("Party 十八大 (2012)"))
        .stdout(contains("原煤产量为1200万吨，同比下降3.40%"));
}

#[test]
fn template_syntax_in_names_is_kept_literally() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"{{ 7*7 }}县{% raw %}\"\nlevel = \"县\"\n[speaker]\nname = \"{# x #}\"\n";
    std::fs::write(dir.path().join("b.toml"), text).expect("write");
    let b = brief::load(&dir.path().join("b.toml")).expect("valid");
    assert_eq!(b.organisation.name, "{{ 7*7 }}县{% raw %}");
    jianggao(dir.path())
        .args(["brief", "check", "b.toml"])
        .assert()
        .success()
        .stdout(contains("{{ 7*7 }}县{% raw %}"))
        .stdout(contains("{# x #}"));
}

#[test]
fn files_that_are_not_briefs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path();
    std::fs::create_dir(p.join("folder.toml")).expect("mkdir");
    jianggao(p)
        .args(["brief", "check", "folder.toml"])
        .assert()
        .code(1)
        .stderr(contains("folder.toml: is a folder, not a brief"));
    std::fs::write(p.join("huge.toml"), vec![b'#'; 3 << 20]).expect("write");
    let start = std::time::Instant::now();
    jianggao(p)
        .args(["brief", "check", "huge.toml"])
        .assert()
        .code(1)
        .stderr(contains(
            "huge.toml: the file is 3.0 MiB, too large for a brief (at most 1 MiB)",
        ));
    assert!(start.elapsed().as_secs() < 20);
    std::fs::write(p.join("binary.toml"), b"kind = \"\x00\x01\x02\xff\xfe\"").expect("write");
    jianggao(p)
        .args(["brief", "check", "binary.toml"])
        .assert()
        .code(1)
        .stderr(contains("binary.toml: is not a text file"));
    jianggao(p)
        .args(["brief", "check", "missing.toml"])
        .assert()
        .code(1)
        .stderr(contains("missing.toml: cannot read the brief: no such file"));
}

#[test]
fn gbk_and_utf16_briefs_are_decoded_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"青山县\"\nlevel = \"县\"\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let path = dir.path().join("gbk.toml");
    std::fs::write(&path, &gbk).expect("write");
    let (b, warnings) = brief::load_with_warnings(&path).expect("decoded");
    assert_eq!(b.organisation.name, "青山县");
    assert!(
        warnings[0].contains("GB18030") && warnings[0].contains("iconv"),
        "{warnings:?}"
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("utf16.toml");
    std::fs::write(&path, &utf16).expect("write");
    let (b, warnings) = brief::load_with_warnings(&path).expect("decoded");
    assert_eq!(b.organisation.name, "青山县");
    assert!(warnings[0].contains("UTF-16LE"), "{warnings:?}");
}
