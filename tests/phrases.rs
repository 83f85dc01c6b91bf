//! `jianggao phrases` against a small fixture bank.

use predicates::str::contains;

use crate::support::{jianggao, root};

const BANK: &str = "tests/fixtures/bank";

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let out = jianggao(&root())
        .arg("phrases")
        .args(args)
        .args(["--bank", BANK, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("a JSON array")
}

fn text(args: &[&str]) -> String {
    let out = jianggao(&root())
        .arg("phrases")
        .args(args)
        .args(["--bank", BANK])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn section_filter_gives_only_that_section_in_text_and_json() {
    for section in ["opening", "achievements", "tasks", "closing"] {
        let items = json(&["--section", section]);
        assert!(!items.is_empty(), "{section}: nothing");
        assert!(items.iter().all(|p| p["section"] == section), "{section}: {items:?}");
        let lines = text(&["--section", section]);
        assert_eq!(lines.lines().count(), items.len());
        for line in lines.lines() {
            let cols: Vec<&str> = line.split_whitespace().collect();
            assert!(cols[0].starts_with(&format!("{section}-")), "{line}");
            assert_eq!(cols[1], section);
        }
    }
}

#[test]
fn json_has_the_documented_fields() {
    let items = json(&[]);
    assert_eq!(items.len(), 17);
    for p in &items {
        for key in [
            "id",
            "section",
            "text",
            "slots",
            "themes",
            "kind",
            "level_family",
            "era",
            "source",
        ] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
    }
}

#[test]
fn text_shows_slots_readably_and_themes() {
    let out = text(&["--section", "opening"]);
    assert!(out.contains("〔全县〕上下深入推进"), "{out}");
    assert!(!out.contains("{{"), "{out}");
    let out = text(&["--section", "tasks", "--theme", "送温暖"]);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("困难职工帮扶,送温暖"), "{out}");
}

#[test]
fn grep_theme_kind_family_year_and_limit_filter() {
    let items = json(&["--grep", "劳动竞赛"]);
    assert_eq!(items.len(), 2);
    assert!(
        items
            .iter()
            .all(|p| p["text"].as_str().is_some_and(|t| t.contains("劳动竞赛")))
    );
    // A slot's readable form can be searched too.
    let items = json(&["--grep", "〔全县〕"]);
    assert!(items.len() >= 3 && items.iter().all(|p| p["slots"].to_string().contains("lv.all")));
    let items = json(&["--theme", "安全生产"]);
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|p| p["themes"].to_string().contains("安全生产")));
    let items = json(&["--kind", "work_report"]);
    assert!(!items.is_empty() && items.iter().all(|p| p["kind"] == "work_report"));
    let items = json(&["--level-family", "enterprise"]);
    assert_eq!(items.len(), 4);
    // 2015: no phrase from 2018 on, and the 1990–2012 one is gone too.
    let all = json(&[]).len();
    let items = json(&["--year", "2015"]);
    assert_eq!(items.len(), all - 2);
    assert!(
        items
            .iter()
            .all(|p| p["era"]["from"].as_u64() <= Some(2015) && p["era"]["to"].as_u64() >= Some(2015))
    );
    assert_eq!(json(&["--limit", "3"]).len(), 3);
    assert_eq!(json(&["--grep", "不存在的话"]).len(), 0);
}

#[test]
fn unknown_section_theme_kind_are_usage_errors_listing_the_valid_ones() {
    jianggao(&root())
        .args(["phrases", "--bank", BANK, "--section", "openings"])
        .assert()
        .code(2)
        .stderr(contains("'opening'"))
        .stderr(contains(
            "salutation, opening, achievements, significance, tasks, leadership, problems, closing",
        ));
    jianggao(&root())
        .args(["phrases", "--bank", BANK, "--theme", "劳动"])
        .assert()
        .code(2)
        .stderr(contains("劳动竞赛, 技术创新"));
    jianggao(&root())
        .args(["phrases", "--bank", BANK, "--kind", "speech"])
        .assert()
        .code(2)
        .stderr(contains("leader_speech, work_report"));
    jianggao(&root())
        .args(["phrases", "--bank", BANK, "--level-family", "county"])
        .assert()
        .code(2)
        .stderr(contains("government, enterprise"));
    jianggao(&root())
        .args(["phrases", "--bank", BANK, "--year", "1900"])
        .assert()
        .code(2);
}

#[test]
fn show_finds_every_listed_id_with_its_slots_and_source() {
    for p in json(&[]) {
        let id = p["id"].as_str().expect("id");
        let out = jianggao(&root())
            .args(["phrases", "show", id, "--bank", BANK])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).expect("UTF-8");
        assert!(out.starts_with(id), "{out}");
        for slot in p["slots"].as_array().expect("slots") {
            assert!(
                out.contains(slot.as_str().expect("slot")),
                "{id}: slot {slot} not shown"
            );
        }
        // The fixture corpus is at hand: the source paragraph is shown, marked.
        let line: usize = p["source"]
            .as_str()
            .and_then(|s| s.rsplit(':').next())
            .and_then(|l| l.parse().ok())
            .expect("line");
        let marked = out
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("> "))
            .unwrap_or("");
        assert!(
            marked.trim_start().starts_with(&format!("{line} │")),
            "{id}: no source paragraph\n{out}"
        );
    }
}

#[test]
fn show_explains_slots_and_accepts_a_unique_prefix() {
    let id = json(&["--grep", "议事日程"])[0]["id"].as_str().expect("id").to_string();
    jianggao(&root())
        .args(["phrases", "show", &id[..16], "--bank", BANK])
        .assert()
        .success()
        .stdout(contains("〔县委〕"))
        .stdout(contains("lv.party"))
        .stdout(contains("县委 / 市委 / 区委 / 矿党委"))
        .stdout(contains("二是做好困难职工帮扶"));
    jianggao(&root())
        .args(["phrases", "show", "tasks-", "--bank", BANK])
        .assert()
        .code(2)
        .stderr(contains("is the start of 4 ids"));
    jianggao(&root())
        .args(["phrases", "show", "closing-0000", "--bank", BANK])
        .assert()
        .code(1)
        .stderr(contains("no phrase has the id `closing-0000`"));
}

#[test]
fn show_says_when_the_corpus_is_not_at_hand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = json(&["--section", "closing"])[0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    jianggao(dir.path())
        .args(["phrases", "show", &id, "--bank"])
        .arg(root().join(BANK))
        .args(["--corpus", "nowhere"])
        .assert()
        .success()
        .stdout(contains("in "))
        .stdout(contains("sample.txt"));
    // Copy the bank away from its corpus: the paragraph cannot be shown, and it says so.
    let bank = dir.path().join("b/bank");
    std::fs::create_dir_all(&bank).expect("mkdir");
    for f in std::fs::read_dir(root().join(BANK)).expect("bank") {
        let f = f.expect("entry").path();
        std::fs::copy(&f, bank.join(f.file_name().expect("name"))).expect("copy");
    }
    jianggao(dir.path())
        .args(["phrases", "show", &id, "--bank", "b/bank"])
        .assert()
        .success()
        .stdout(contains("is not at hand"));
}

#[test]
fn stats_counts_by_section_and_theme() {
    let out = jianggao(&root())
        .args(["phrases", "stats", "--bank", BANK])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    let row = |name: &str| -> Vec<usize> {
        let line = out
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no row {name}\n{out}"));
        line[name.len()..]
            .split_whitespace()
            .map(|n| n.parse().expect("count"))
            .collect()
    };
    assert!(
        out.lines()
            .next()
            .is_some_and(|h| h.contains("opening") && h.contains("total"))
    );
    let all = row("all phrases");
    assert_eq!(all.len(), 9);
    assert_eq!(all[8], 17);
    assert_eq!(all[..8].iter().sum::<usize>(), 17);
    assert_eq!(row("劳动竞赛"), [0, 0, 1, 0, 1, 0, 0, 0, 2]);
    assert_eq!(
        row("(no theme)")[8],
        json(&[])
            .iter()
            .filter(|p| p["themes"] == serde_json::json!([]))
            .count()
    );
    // Columns line up under Chinese row names: every row has the same display width.
    let widths: Vec<usize> = out.lines().map(unicode_width::UnicodeWidthStr::width).collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{out}");
}
