//! Honest surfaces: the format follows the extension of `--output` unless `--format`
//! says otherwise, a contradiction is refused, every advertised format is real or
//! refused by the parser, a man page exists for every command, and `rules check`
//! speaks Japanese with `--lang ja`.

mod support;

use std::path::Path;

use predicates::prelude::*;
use support::{COMPLETE, cmd, write};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn output_extension_chooses_the_format() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    for (name, starts) in [
        ("r.html", "<!doctype html>"),
        ("r.HTM", "<!doctype html>"),
        ("r.json", "{"),
        ("r.md", "# "),
        ("r.markdown", "# "),
        ("r.csv", "pattern"),
    ] {
        let out = dir.path().join(name);
        cmd().args(["recommend", "--no-input", "--answers"]).arg(&answers).arg("-o").arg(&out).assert().success();
        let text = read(&out);
        assert!(text.starts_with(starts), "{name}: {}", text.lines().next().unwrap_or_default());
    }
    // No extension, or one that names no format: the terminal table.
    let out = dir.path().join("r.txt");
    cmd().args(["recommend", "--no-input", "--answers"]).arg(&answers).arg("-o").arg(&out).assert().success();
    assert!(!read(&out).starts_with('{') && !read(&out).starts_with('<'), "{}", read(&out));
    // `questions -o answers.toml` writes the answers template.
    let out = dir.path().join("answers.toml");
    cmd().args(["questions", "-o"]).arg(&out).assert().success();
    assert!(read(&out).starts_with("# container-advisor answers file"), "{}", read(&out));
    // An ADR is Markdown: `--format adr -o adr.md` agrees.
    let out = dir.path().join("adr.md");
    cmd()
        .args(["recommend", "--no-input", "--format", "adr", "--answers"])
        .arg(&answers)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(read(&out).contains("status:"), "{}", read(&out));
}

#[test]
fn a_format_that_contradicts_the_extension_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let existing = write(dir.path(), "x.md", "keep me\n");
    cmd()
        .args(["recommend", "--no-input", "--format", "json", "--force", "--answers"])
        .arg(&answers)
        .arg("-o")
        .arg(&existing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`--format json` contradicts `--output"))
        .stderr(predicate::str::contains("whose extension means Markdown"));
    assert_eq!(read(&existing), "keep me\n", "the file is untouched");
    for args in [
        &["compare", "--format", "csv", "-o"][..],
        &["cost", "--set", "region=us-east-1", "--set", "tasks=2", "--format", "html", "-o"],
        &["rules", "reach", "--sample", "10", "--format", "json", "-o"],
    ] {
        cmd().args(args).arg(&existing).arg("--force").assert().code(2).stderr(predicate::str::contains("contradicts"));
        assert_eq!(read(&existing), "keep me\n", "{args:?}");
    }
    let missing = dir.path().join("new.json");
    cmd()
        .args(["--lang", "ja", "questions", "--format", "table", "-o"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("矛盾しています"));
    assert!(!missing.exists());
}

#[test]
fn an_extension_the_command_cannot_write_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("reach.csv");
    cmd()
        .args(["rules", "reach", "--sample", "10", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names a CSV file, which this command does not write"))
        .stderr(predicate::str::contains("`table`, `markdown`, `json`"));
    assert!(!out.exists());
    let out = dir.path().join("cost.toml");
    cmd().args(["cost", "-o"]).arg(&out).assert().code(2).stderr(predicate::str::contains("TOML"));
    assert!(!out.exists());
}

#[test]
fn every_advertised_format_is_real_or_refused_by_the_parser() {
    for format in ["html", "csv", "adr", "toml"] {
        cmd()
            .args(["rules", "list", "--format", format])
            .assert()
            .code(2)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("invalid value"));
    }
    for format in ["csv", "html", "adr"] {
        cmd().args(["rules", "reach", "--format", format]).assert().code(2);
    }
    cmd().args(["cost", "--format", "adr"]).assert().code(2);
    cmd().args(["questions", "--format", "json"]).assert().code(2);
    // And what is offered is what comes out.
    let json = cmd().args(["rules", "list", "--format", "json"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(serde_json::from_slice::<serde_json::Value>(&json.stdout).is_ok());
    let markdown = cmd().args(["rules", "list", "--format", "markdown"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&markdown.stdout).starts_with('#'));
}

#[test]
fn man_prints_one_page_per_command() {
    let top = cmd().arg("man").output().unwrap_or_else(|e| panic!("{e}"));
    let top = String::from_utf8_lossy(&top.stdout).into_owned();
    assert!(top.contains(".TH container-advisor 1"), "{top}");
    assert!(!top.contains("container-advisor-help"), "no page is listed that does not exist");
    cmd()
        .args(["man", "recommend"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH container-advisor-recommend 1"))
        .stdout(predicate::str::contains("no\\-input"));
    cmd()
        .args(["man", "rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH container-advisor-rules-check 1"));
    cmd()
        .args(["man", "recomend"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no man page for `recomend`; did you mean `recommend`?"));
}

#[test]
fn man_dir_writes_every_page_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pages = dir.path().join("man1");
    cmd().args(["man", "--dir"]).arg(&pages).assert().success();
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for page in ["container-advisor.1", "container-advisor-recommend.1", "container-advisor-rules-check.1"] {
        assert!(names.iter().any(|n| n == page), "{page} missing from {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    // Every sub-page the top page lists exists.
    let top = read(&pages.join("container-advisor.1")).replace("\\-", "-");
    for name in names.iter().filter_map(|n| n.strip_suffix(".1")).filter(|n| *n != "container-advisor") {
        if name.matches('-').count() == 2 {
            assert!(top.contains(&format!("{name}(1)")), "{name} not listed on the top page");
        }
    }
    for listed in top.split("container-advisor-").skip(1).filter_map(|s| s.split("(1)").next()) {
        if !listed.contains(' ') && !listed.contains('\n') {
            assert!(names.contains(&format!("container-advisor-{listed}.1")), "{listed} listed but not written");
        }
    }
    let before = read(&pages.join("container-advisor.1"));
    std::fs::write(pages.join("container-advisor-cost.1"), "mine\n").unwrap_or_else(|e| panic!("{e}"));
    cmd()
        .args(["man", "--dir"])
        .arg(&pages)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exist"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(read(&pages.join("container-advisor-cost.1")), "mine\n");
    assert_eq!(read(&pages.join("container-advisor.1")), before);
    cmd().args(["man", "--force", "--dir"]).arg(&pages).assert().success();
    assert!(read(&pages.join("container-advisor-cost.1")).contains(".TH container-advisor-cost 1"));
}

#[test]
fn rules_check_speaks_japanese_with_lang_ja() {
    cmd()
        .args(["--lang", "ja", "rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: パターン 6 件、評価軸 10 件"))
        .stdout(predicate::str::contains("警告 0 件"))
        .stdout(predicate::str::contains("ok: 6 patterns").not());
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "bad.toml", "[[rules]]\nid = 1\n");
    cmd()
        .args(["--lang", "ja", "rules", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ルールの検査に失敗しました: エラー"));
}
