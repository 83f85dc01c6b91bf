//! `jianggao mine`: reading archives, the explain records, the committed bank.

use std::path::PathBuf;

use jianggao::bank::{Bank, Label};
use jianggao::mine::{self, Options};

use crate::support::{at, jianggao};

fn mine_corpus() -> mine::Mined {
    mine::mine(&[at("corpus")], Options::default(), |_, _| {})
}

#[test]
fn committed_bank_equals_a_fresh_mine() {
    let mined = mine_corpus();
    assert!(mined.warnings.is_empty(), "{:?}", mined.warnings);
    for (name, bytes) in mine::bank_files(&mined.phrases).expect("bank files") {
        let committed = std::fs::read(at(&format!("phrasebank/{name}"))).expect("committed bank file");
        assert!(
            committed == bytes,
            "phrasebank/{name} differs from a fresh mine of corpus/; run `jianggao mine`"
        );
    }
}

#[test]
fn mining_twice_gives_identical_files() {
    let a = mine::bank_files(&mine_corpus().phrases).expect("bank files");
    let b = mine::bank_files(&mine_corpus().phrases).expect("bank files");
    assert_eq!(a, b);
}

#[test]
fn the_core_sections_are_well_stocked() {
    let bank = Bank::load(&at("phrasebank")).expect("bank loads");
    let count = |s: Label| bank.phrases.iter().filter(|p| p.section == s).count();
    let counts: Vec<_> = Label::SECTIONS.iter().map(|s| (s.as_str(), count(*s))).collect();
    eprintln!("{counts:?}");
    assert!(count(Label::Opening) >= 25, "{counts:?}");
    assert!(count(Label::Achievements) >= 30, "{counts:?}");
    assert!(count(Label::Tasks) >= 80, "{counts:?}");
    assert!(count(Label::Closing) >= 12, "{counts:?}");
}

/// The level words of `data/levels.toml`: every level's self-reference and short patterns and
/// the words presupposing a level, each with the guard characters of the level word it holds.
fn level_words() -> Vec<(String, String, String)> {
    let data: toml::Value = toml::from_str(include_str!("../data/levels.toml")).expect("levels.toml parses");
    let strings = |v: &toml::Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    };
    let guard = |word: &str, side: &str| -> String {
        data["guard"]
            .get(word)
            .and_then(|g| g.get(side))
            .and_then(|s| s.as_str())
            .unwrap_or("")
            .to_string()
    };
    let mut patterns: Vec<String> = data["self"]
        .as_array()
        .expect("self patterns")
        .iter()
        .filter_map(|pair| pair.get(0).and_then(|p| p.as_str()).map(str::to_string))
        .collect();
    patterns.extend(strings(&data["short"]));
    let levels: Vec<String> = data["level"].as_table().expect("levels").keys().cloned().collect();
    assert!(levels.len() >= 6 && patterns.len() >= 10);
    let mut words = Vec::new();
    for level in &levels {
        for p in &patterns {
            let w = p.replace("{L}", level);
            let before = if p.starts_with("{L}") {
                guard(level, "before")
            } else {
                String::new()
            };
            let after = if p.ends_with("{L}") {
                guard(level, "after")
            } else {
                String::new()
            };
            words.push((w, before, after));
        }
    }
    for w in strings(&data["presuppose"]) {
        words.push((w, String::new(), String::new()));
    }
    words
}

/// `text` with each `{{ slot }}` replaced by a space.
fn outside_slots(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        out.push(' ');
        let end = rest[start..].find("}}").map_or(rest.len(), |e| start + e + 2);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn no_phrase_keeps_a_level_word_outside_its_slots() {
    let words = level_words();
    assert!(words.iter().any(|(w, _, _)| w == "全市"));
    let mut bad = Vec::new();
    for p in &mine_corpus().phrases {
        let bare = outside_slots(&p.text);
        for (w, before, after) in &words {
            for (at, _) in bare.match_indices(w.as_str()) {
                let prev = bare[..at].chars().next_back();
                let next = bare[at + w.len()..].chars().next();
                if prev.is_some_and(|c| before.contains(c)) || next.is_some_and(|c| after.contains(c)) {
                    continue;
                }
                bad.push(format!("{} {} holds {w}: {}", p.id, p.source, p.text));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn a_phrases_themes_are_those_its_own_text_names() {
    // Not those of sentences mining cut from the paragraph: a draft picks a sub-point for its
    // point's theme by them.
    let bank = Bank::load(&at("phrasebank")).expect("bank loads");
    let mut checked = 0;
    for p in &bank.phrases {
        let said: Vec<&str> = jianggao::themes::tag(&outside_slots(&p.text));
        assert_eq!(p.themes, said, "{}: {}", p.id, p.text);
        checked += usize::from(!said.is_empty());
    }
    assert!(checked > 100, "only {checked} phrases carry a theme");
}

#[test]
fn phrases_are_unique_and_subpoint_leads_are_prefixes() {
    let bank = Bank::load(&at("phrasebank")).expect("bank loads");
    let mut ids: Vec<_> = bank.phrases.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids are unique");
    for p in &bank.phrases {
        if let Some(lead) = &p.lead {
            assert!(p.text.starts_with(lead.as_str()), "{}: lead is a prefix", p.id);
            assert!(
                jianggao::corpus::numbering(lead).is_none(),
                "{}: lead keeps no original number: {lead}",
                p.id
            );
        }
        assert!(p.source.contains(".txt:"), "{}: source is FILE:LINE", p.id);
    }
}

fn explain_json(dir: &std::path::Path, args: &[&str]) -> (Vec<serde_json::Value>, String) {
    let out = jianggao(dir)
        .args(["mine", "--explain", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("a JSON array");
    (records, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn explain_json_has_one_record_per_paragraph() {
    let (records, _) = explain_json(&at("."), &["corpus/000_592489f94325e6aa.txt"]);
    let text = std::fs::read_to_string(at("corpus/000_592489f94325e6aa.txt")).expect("reads");
    let paragraphs = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(records.len(), paragraphs);
    let keys = ["source", "line", "text", "label", "themes", "kept", "reason"];
    for r in &records {
        let obj = r.as_object().expect("an object");
        assert_eq!(obj.keys().map(String::as_str).collect::<Vec<_>>(), keys);
        assert_eq!(r["source"], "corpus/000_592489f94325e6aa.txt");
        assert!(r["line"].as_u64().is_some_and(|l| l >= 1));
        assert!(Label::parse(r["label"].as_str().expect("label")).is_some());
        assert!(r["themes"].is_array() && r["kept"].is_boolean() && r["reason"].is_string());
    }
    assert_eq!(records[1]["label"], "salutation");
    assert_eq!(records[1]["line"], 2);
}

const SPEECH: &str = "在全县工会工作会议上的讲话\n同志们：\n今天，我们召开全县工会工作会议。下面，我讲三点意见。\n一、充分认识做好工会工作的重要性\n工会是党联系职工群众的桥梁和纽带。\n二、突出重点，扎实做好今年的工会工作\n一是要深入开展劳动竞赛。各级工会要围绕中心工作组织竞赛。二是要做好困难职工帮扶。要把送温暖活动抓实抓好。\n同志们，让我们团结一心，努力开创工会工作新局面！\n";

#[test]
fn gbk_archives_are_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bytes, _, _) = encoding_rs::GBK.encode(SPEECH);
    std::fs::write(dir.path().join("old.txt"), &bytes).expect("write");
    let (records, stderr) = explain_json(dir.path(), &["old.txt"]);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(records.len(), 8);
    assert_eq!(records[1]["text"], "同志们：");
    assert_eq!(records[3]["label"], "heading");
    let tasks: Vec<_> = records.iter().filter(|r| r["label"] == "tasks").collect();
    assert_eq!(tasks.len(), 1);
    assert!(
        tasks[0]["reason"]
            .as_str()
            .expect("reason")
            .matches("sub-point")
            .count()
            >= 2
    );
    assert_eq!(records[7]["label"], "closing");
}

#[test]
fn binary_and_empty_files_are_named_and_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).expect("mkdir");
    std::fs::write(archive.join("a.txt"), SPEECH).expect("write");
    std::fs::write(archive.join("b.doc"), [0xD0, 0xCF, 0x11, 0xE0, 0, 0, 1, 2, 3, 0xFF]).expect("write");
    std::fs::write(archive.join("c.txt"), "").expect("write");
    std::fs::write(archive.join("d.txt"), "  \n\n").expect("write");
    let out = dir.path().join("bank");
    let run = jianggao(dir.path())
        .args(["mine", "archive", "--out", "bank"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("b.doc") && stderr.contains("binary"), "{stderr}");
    assert!(stderr.contains("c.txt") && stderr.contains("empty"), "{stderr}");
    assert!(stderr.contains("d.txt"), "{stderr}");
    assert!(!stderr.contains("a.txt"), "{stderr}");
    let bank = Bank::load(&out).expect("bank written");
    assert!(bank.phrases.iter().any(|p| p.source == "a.txt:7"));
}

#[test]
fn nothing_readable_leaves_the_bank_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("e.txt"), "").expect("write");
    std::fs::create_dir(dir.path().join("bank")).expect("mkdir");
    std::fs::write(dir.path().join("bank/keep.toml"), "x").expect("write");
    jianggao(dir.path())
        .args(["mine", "e.txt", "missing.txt", "--out", "bank"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("missing.txt"));
    assert!(dir.path().join("bank/keep.toml").exists());
}

#[test]
fn a_huge_single_line_is_survived() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = SPEECH.to_string();
    text.push_str(&"工会工作要围绕中心、服务大局，".repeat(200_000));
    text.push('\n');
    std::fs::write(dir.path().join("big.txt"), text).expect("write");
    let mined = mine::mine(&[PathBuf::from(dir.path())], Options { records: true }, |_, _| {});
    assert_eq!(mined.files, 1);
    let last = mined.records.last().expect("records");
    assert!(!last.kept);
    assert_eq!(last.line, 9);
    assert!(mined.phrases.iter().all(|p| p.text.chars().count() < 10_000));
}
