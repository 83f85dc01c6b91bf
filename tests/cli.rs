//! Command-line conventions: help with examples, version, completions, man page, exit codes,
//! colour, quiet, broken pipes.

use clap::CommandFactory;
use jianggao::cli::Cli;

use crate::support::{at, jianggao, root};

/// Every subcommand path, e.g. ["brief", "check"].
fn subcommand_paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        out.push(path.clone());
        subcommand_paths(sub, &path, out);
    }
}

#[test]
fn every_subcommand_help_ends_with_examples() {
    let mut paths = Vec::new();
    subcommand_paths(&Cli::command(), &[], &mut paths);
    assert!(paths.len() >= 10, "found only {paths:?}");
    for path in paths {
        let out = jianggao(&root())
            .args(&path)
            .arg("--help")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let help = String::from_utf8_lossy(&out);
        let tail = help.rsplit("Examples:").next().unwrap_or("");
        assert!(
            help.contains("Examples:"),
            "`{}` --help has no examples:\n{help}",
            path.join(" ")
        );
        let examples: Vec<&str> = tail.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert!(!examples.is_empty(), "`{}`: empty examples", path.join(" "));
        let want = format!("jianggao {} ", path[0]);
        for e in &examples {
            assert!(
                e.starts_with(&want) || *e == format!("jianggao {}", path[0]),
                "`{}` example does not start with `{want}`: {e}",
                path.join(" ")
            );
        }
    }
}

#[test]
fn version_names_the_program_and_its_version() {
    jianggao(&root())
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("jianggao {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_generate_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef jianggao"),
        ("fish", "complete -c jianggao"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = jianggao(&root())
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains(marker), "{shell} completion lacks {marker}");
        for sub in ["generate", "phrases", "brief", "mine"] {
            assert!(text.contains(sub), "{shell} completion lacks {sub}");
        }
    }
    jianggao(&root()).args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_with_the_subcommands() {
    let out = jianggao(&root())
        .arg("man")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.starts_with(".ie") || text.starts_with(".TH"),
        "{}",
        &text[..text.len().min(80)]
    );
    assert!(text.contains(".TH jianggao"));
    for sub in ["generate", "phrases", "brief", "completions"] {
        assert!(text.contains(sub), "man page lacks {sub}");
    }
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    jianggao(&root()).arg("frobnicate").assert().code(2).stdout("");
    jianggao(&root()).args(["phrases", "--limit", "many"]).assert().code(2);
    jianggao(&root())
        .args(["brief", "init", "--level", "省"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("县, 市, 区, 企业"));
    jianggao(&root())
        .args(["brief", "check", "no-such-brief.toml"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "no-such-brief.toml: cannot read the brief: no such file",
        ));
}

#[test]
fn no_colour_when_not_a_terminal_even_without_no_color() {
    let bad = at("tests/fixtures/bad/unknown_level.toml");
    let out = jianggao(&root())
        .env_remove("NO_COLOR")
        .args(["brief", "check"])
        .arg(&bad)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert!(!out.contains(&0x1b), "escape codes in piped stderr");
    let out = jianggao(&root())
        .arg("--bogus")
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(!out.contains(&0x1b));
}

#[test]
fn quiet_silences_warnings_but_not_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let brief = "kind = \"leader_speech\"\nyear = 2026\n[organisation]\nname = \"青山县\"\nlevel = \"县\"\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(brief);
    std::fs::write(dir.path().join("gbk.toml"), &gbk).expect("write");
    jianggao(dir.path())
        .args(["brief", "check", "gbk.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("青山县"))
        .stderr(predicates::str::contains("GB18030"));
    jianggao(dir.path())
        .args(["--quiet", "brief", "check", "gbk.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("青山县"))
        .stderr("");
}

#[test]
fn a_closed_pipe_is_success() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("jianggao"))
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "status {:?}, stderr {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
