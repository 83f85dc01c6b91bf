//! Revising a draft: re-rolling sections, keeping a recorded mix, avoiding earlier speeches,
//! sizing by speaking time, comparing drafts.

use std::collections::BTreeSet;
use std::path::Path;

use jianggao::avoid::{MIN_SENTENCE, sentences};
use jianggao::bank::Bank;
use jianggao::brief::{self, Brief};
use jianggao::compose::Composer;
use jianggao::draft::{Draft, Section};
use jianggao::render::Templates;

use crate::support::{at, jianggao};

const BRIEFS: [&str; 5] = [
    "examples/county.toml",
    "examples/city.toml",
    "examples/district.toml",
    "examples/enterprise_report.toml",
    "tests/fixtures/briefs/enterprise.toml",
];
const SEEDS: [u64; 4] = [1, 7, 42, 2026];

fn fixture_bank() -> Bank {
    Bank::load(&at("tests/fixtures/compose_bank")).expect("fixture bank loads")
}

fn load(rel: &str) -> Brief {
    brief::load(&at(rel)).expect("brief loads")
}

fn same(a: &Section, b: &Section) -> bool {
    a.role == b.role && a.heading == b.heading && a.seed == b.seed && a.paragraphs == b.paragraphs
}

fn ids(d: &Draft) -> Vec<&str> {
    d.paragraphs()
        .flat_map(|p| p.phrases.iter().map(String::as_str))
        .collect()
}

#[test]
fn rerolling_a_section_changes_it_and_no_other() {
    let bank = fixture_bank();
    let templates = Templates::embedded().expect("templates");
    let mut checked = 0;
    for rel in BRIEFS {
        let brief = load(rel);
        let composer = Composer::new(&brief, &bank, &templates).expect("composer");
        for seed in SEEDS {
            let base = composer.draft(seed);
            for place in Composer::places(&base) {
                let mut d = base.clone();
                composer.reroll(&mut d, &place).expect("reroll");
                for (a, b) in base.sections.iter().zip(&d.sections) {
                    if a.role == place {
                        assert_ne!(a.paragraphs, b.paragraphs, "{rel} seed {seed}: {place} did not change");
                        assert_ne!(a.seed, b.seed, "{rel} seed {seed}: {place} kept its seed");
                    } else {
                        assert!(same(a, b), "{rel} seed {seed}: re-rolling {place} changed {}", a.role);
                    }
                }
                let used = ids(&d);
                let unique: BTreeSet<&str> = used.iter().copied().collect();
                assert_eq!(
                    used.len(),
                    unique.len(),
                    "{rel} seed {seed} {place}: a phrase used twice"
                );
                assert_eq!(d.text, Draft::plain_text(&d.sections));
                // A new point numbers its sub-points as the others do.
                let numberings: BTreeSet<&str> = d
                    .sections
                    .iter()
                    .filter(|s| s.role.starts_with("point/") || s.role.starts_with("plan/"))
                    .flat_map(|s| s.paragraphs.iter().skip(1))
                    .filter_map(|p| crate::generate::marker(&p.text, p.style).map(|(style, _)| style))
                    .collect();
                assert!(
                    numberings.len() <= 1,
                    "{rel} seed {seed} {place}: numbered {numberings:?}"
                );
                // The same re-roll again gives the same draft; replaying the record rebuilds it.
                let mut again = base.clone();
                composer.reroll(&mut again, &place).expect("reroll");
                assert_eq!(again, d);
                assert_eq!(composer.rebuild(seed, &d.rerolls).expect("rebuild"), d);
                checked += 1;
            }
        }
    }
    assert!(checked >= 5 * 4 * 5, "only {checked} re-rolls checked");
}

#[test]
fn a_second_reroll_of_a_mix_leaves_the_first_alone() {
    let bank = fixture_bank();
    let templates = Templates::embedded().expect("templates");
    for rel in ["examples/county.toml", "examples/enterprise_report.toml"] {
        let brief = load(rel);
        let composer = Composer::new(&brief, &bank, &templates).expect("composer");
        for seed in SEEDS {
            let mut d = composer.draft(seed);
            let places = Composer::places(&d);
            composer.reroll(&mut d, &places[1]).expect("reroll");
            let mix = d.clone();
            let last = places.last().expect("closing");
            composer.reroll(&mut d, last).expect("reroll");
            composer.reroll(&mut d, last).expect("reroll twice");
            for (a, b) in mix.sections.iter().zip(&d.sections) {
                if &a.role != last {
                    assert!(same(a, b), "{rel} seed {seed}: {} changed", a.role);
                }
            }
            assert_eq!(composer.rebuild(seed, &d.rerolls).expect("rebuild"), d);
        }
    }
}

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = jianggao(dir).args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn keep_reproduces_a_rerolled_draft_byte_for_byte() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bank = at("tests/fixtures/compose_bank");
    let bank = bank.to_str().expect("path");
    for rel in ["examples/county.toml", "examples/enterprise_report.toml"] {
        let brief = at(rel);
        let brief = brief.to_str().expect("path");
        let json = run_ok(
            tmp.path(),
            &[
                "generate", brief, "--bank", bank, "--seed", "42", "--reroll", "2", "--reroll", "closing", "--format",
                "json",
            ],
        );
        std::fs::write(tmp.path().join("mix.json"), &json).expect("write");
        let kept = run_ok(
            tmp.path(),
            &[
                "generate", brief, "--bank", bank, "--keep", "mix.json", "--format", "json",
            ],
        );
        assert_eq!(kept, json, "{rel}: --keep did not reproduce the draft");
        let text = run_ok(tmp.path(), &["generate", brief, "--bank", bank, "--keep", "mix.json"]);
        let record: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(Some(text.as_str()), record["text"].as_str());
        assert_eq!(record["rerolls"].as_array().map(Vec::len), Some(2));
        // --keep and --reroll: only the re-rolled section changes.
        let more = run_ok(
            tmp.path(),
            &[
                "generate", brief, "--bank", bank, "--keep", "mix.json", "--reroll", "opening", "--format", "json",
            ],
        );
        let more: serde_json::Value = serde_json::from_str(&more).expect("json");
        let (a, b) = (
            record["sections"].as_array().expect("a"),
            more["sections"].as_array().expect("b"),
        );
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            if x["role"] == "opening" {
                assert_ne!(x, y);
            } else {
                assert_eq!(x, y, "{rel}: {} changed", x["role"]);
            }
        }
    }
}

#[test]
fn reroll_names_are_checked() {
    let tmp = tempfile::tempdir().expect("tmp");
    let brief = at("examples/county.toml");
    jianggao(tmp.path())
        .args([
            "generate",
            brief.to_str().expect("path"),
            "--seed",
            "1",
            "--reroll",
            "9",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no such section").and(predicates::str::contains("opening, closing")));
    std::fs::write(tmp.path().join("x.json"), "{\"a\": 1}").expect("write");
    jianggao(tmp.path())
        .args(["generate", brief.to_str().expect("path"), "--keep", "x.json"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("not a jianggao draft"));
}

use predicates::prelude::PredicateBooleanExt;

/// The sentences of a draft a listener would hear as wording: the title block aside (it names
/// the meeting and the speaker), at least [`MIN_SENTENCE`] characters.
fn wording(d: &Draft) -> Vec<String> {
    let body: String = d
        .sections
        .iter()
        .filter(|s| s.role != "title")
        .flat_map(|s| s.paragraphs.iter().map(|p| format!("{}\n", p.text)))
        .collect();
    sentences(&body)
        .into_iter()
        .filter(|s| s.chars().count() >= MIN_SENTENCE)
        .map(str::to_string)
        .collect()
}

#[test]
fn avoiding_last_years_draft_repeats_none_of_its_sentences_or_says_so() {
    let bank = fixture_bank();
    let templates = Templates::embedded().expect("templates");
    let mut clean = 0;
    let mut total = 0;
    for rel in BRIEFS {
        let brief = load(rel);
        let composer = Composer::new(&brief, &bank, &templates).expect("composer");
        for seed in SEEDS {
            let old = composer.draft(seed);
            let mut avoid = jianggao::avoid::Avoid::default();
            avoid.add_text(&old.text);
            let fresh = Composer::new(&brief, &bank, &templates)
                .expect("composer")
                .with_avoid(avoid);
            let new = fresh.draft(seed + 1000);
            let new_text = new.text.clone();
            let repeated: Vec<String> = wording(&old)
                .into_iter()
                .filter(|s| new_text.contains(s.as_str()))
                .collect();
            let excluded = new.avoided.as_ref().map_or(0, |a| a.excluded);
            assert!(excluded > 0, "{rel} seed {seed}: nothing excluded");
            total += 1;
            if repeated.is_empty() {
                clean += 1;
            } else {
                assert!(
                    new.warnings.iter().any(|w| w.contains("wording repeats")),
                    "{rel} seed {seed}: repeated {repeated:?} without a warning"
                );
            }
        }
    }
    assert!(
        clean * 2 >= total,
        "only {clean} of {total} drafts avoided every sentence"
    );
}

#[test]
fn avoid_from_the_command_line_and_the_brief() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bank = at("tests/fixtures/compose_bank");
    let bank = bank.to_str().expect("path");
    let brief = std::fs::read_to_string(at("examples/county.toml")).expect("brief");
    std::fs::write(tmp.path().join("b.toml"), &brief).expect("write");
    let old = run_ok(
        tmp.path(),
        &["generate", "b.toml", "--bank", bank, "--seed", "5", "--format", "json"],
    );
    std::fs::write(tmp.path().join("2025讲话.json"), &old).expect("write");
    let out = jianggao(tmp.path())
        .args([
            "generate",
            "b.toml",
            "--bank",
            bank,
            "--seed",
            "6",
            "--avoid",
            "2025讲话.json",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains("left out"))
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert!(v["avoided"]["excluded"].as_u64().unwrap_or(0) > 0);
    // The same through the brief, and a missing file named with its line.
    let with = brief.replacen("kind =", "avoid = [\"2025讲话.json\"]\nkind =", 1);
    std::fs::write(tmp.path().join("c.toml"), &with).expect("write");
    let via_brief = run_ok(
        tmp.path(),
        &["generate", "c.toml", "--bank", bank, "--seed", "6", "--format", "json"],
    );
    assert_eq!(via_brief.as_bytes(), out.as_slice());
    std::fs::write(tmp.path().join("d.toml"), with.replace("2025讲话.json", "2024讲话.txt")).expect("write");
    jianggao(tmp.path())
        .args(["brief", "check", "d.toml"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("avoid[0]").and(predicates::str::contains("d.toml:1")));
}

fn brief_with_outline(outline: &str) -> String {
    format!(
        "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"青山县\"\nlevel = \"县\"\n[meeting]\nreporter = \"王志刚\"\n[outline]\n{outline}\n"
    )
}

#[test]
fn minutes_size_the_draft_at_the_speaking_rate() {
    let bank = fixture_bank();
    let templates = Templates::embedded().expect("templates");
    let mut measured = Vec::new();
    for (minutes, rate) in [(6, 220), (8, 220), (10, 180), (7, 300)] {
        let text = brief_with_outline(&format!("minutes = {minutes}\nrate = {rate}"));
        let brief = brief::parse(Path::new("m.toml"), &text).expect("brief");
        assert_eq!(brief.outline.length, minutes * rate);
        let composer = Composer::new(&brief, &bank, &templates).expect("composer");
        for seed in SEEDS {
            let d = composer.draft(seed);
            let got = d.text.chars().filter(|c| *c != '\n').count();
            let target = f64::from(minutes * rate);
            #[allow(clippy::cast_precision_loss)]
            let ratio = got as f64 / target;
            measured.push((minutes, rate, got));
            assert!(
                (0.85..=1.15).contains(&ratio),
                "{minutes} min at {rate}: {got} characters for {target}"
            );
        }
    }
}

#[test]
fn length_and_minutes_are_validated() {
    let both = brief::parse(Path::new("m.toml"), &brief_with_outline("length = 4000\nminutes = 15"));
    let msg = both.expect_err("both").to_string();
    assert!(
        msg.contains("both length and minutes") && msg.contains("give one"),
        "{msg}"
    );
    for bad in [
        "minutes = 0",
        "minutes = 121",
        "minutes = 15\nrate = 100",
        "minutes = \"15\"",
    ] {
        let e = brief::parse(Path::new("m.toml"), &brief_with_outline(bad))
            .expect_err(bad)
            .to_string();
        assert!(e.contains("outline."), "{bad}: {e}");
    }
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("m.toml"), brief_with_outline("minutes = 15")).expect("write");
    jianggao(tmp.path())
        .args(["brief", "check", "m.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "15 minutes at 220 characters a minute: a target of 3300 characters",
        ));
}

#[test]
fn diff_shows_the_shared_phrases_section_by_section() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bank = at("tests/fixtures/compose_bank");
    let bank = bank.to_str().expect("path");
    let brief = at("examples/county.toml");
    let brief = brief.to_str().expect("path");
    let a = run_ok(
        tmp.path(),
        &["generate", brief, "--bank", bank, "--seed", "3", "--format", "json"],
    );
    let b = run_ok(
        tmp.path(),
        &[
            "generate", brief, "--bank", bank, "--seed", "3", "--reroll", "1", "--format", "json",
        ],
    );
    std::fs::write(tmp.path().join("a.json"), &a).expect("write");
    std::fs::write(tmp.path().join("b.json"), &b).expect("write");
    let out = run_ok(tmp.path(), &["diff", "a.json", "b.json"]);
    let va: serde_json::Value = serde_json::from_str(&a).expect("json");
    let total: usize = va["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().into_iter().flatten())
        .map(|p| p["phrases"].as_array().map_or(0, Vec::len))
        .sum();
    let point1: usize = va["sections"][2]["paragraphs"]
        .as_array()
        .expect("point 1")
        .iter()
        .map(|p| p["phrases"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(out.contains("point/1: 0 of"), "{out}");
    assert!(
        out.contains(&format!("A a.json: {} of {total} phrases shared", total - point1)),
        "{out}"
    );
    // A shared phrase is shown with its id and text.
    let first = va["sections"][1]["paragraphs"]
        .as_array()
        .expect("opening")
        .iter()
        .find_map(|p| {
            Some((
                p["phrases"].as_array()?.first()?.as_str()?.to_string(),
                p["text"].as_str()?.to_string(),
            ))
        });
    if let Some((id, text)) = first {
        assert!(out.contains(&id) && out.contains(&text), "{out}");
    }
    std::fs::write(tmp.path().join("c.json"), "[1, 2]").expect("write");
    jianggao(tmp.path())
        .args(["diff", "a.json", "c.json"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("c.json"));
    std::fs::write(tmp.path().join("d.json"), "{\"seed\": 1}").expect("write");
    jianggao(tmp.path())
        .args(["diff", "a.json", "d.json"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("not a jianggao draft"));
}
