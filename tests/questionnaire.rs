//! The questionnaire's contract without a terminal: what `estimate_cost = true`
//! requires, the answers template, `--set` by label, and the saved state of an
//! interrupted run (`--resume`). The prompts themselves are in `tests/pty.rs`.

mod support;

use predicates::prelude::*;
use support::{COMPLETE, cmd, write};

const WORKLOAD_NEEDED: [&str; 4] = ["`region`", "`tasks`", "`task_vcpu`", "`task_memory_gib`"];

#[test]
fn estimate_cost_true_requires_the_workload_in_files_flags_and_no_input() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", &format!("{COMPLETE}\nestimate_cost = true\n"));
    for extra in [&["--no-input"][..], &[]] {
        let mut assert = cmd().args(["recommend", "--answers"]).arg(&answers).args(extra).assert().code(2);
        for id in WORKLOAD_NEEDED {
            assert = assert.stderr(predicate::str::contains(id));
        }
        assert.stderr(predicate::str::contains("required when `estimate_cost = true`"));
    }
    // From `--set` alone, in Japanese too; what is answered is not named.
    cmd()
        .args(["--lang", "ja", "recommend", "--no-input", "--answers"])
        .arg(dir.path().join("a.toml"))
        .args(["--set", "region=us-east-1", "--set", "tasks=3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`estimate_cost = true` のときは `task_vcpu`、`task_memory_gib` が必須"))
        .stderr(predicate::str::contains("`region`").not());
    // Answered, it runs and prices.
    cmd()
        .args(["recommend", "--no-input", "--format", "json", "--answers"])
        .arg(&answers)
        .args(["--set", "region=us-east-1", "--set", "tasks=3", "--set", "task_vcpu=1", "--set", "task_memory_gib=2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"monthly_usd\""));
}

#[test]
fn the_template_says_what_estimate_cost_requires_and_makes_nothing_up() {
    let output = cmd().args(["questions", "--format", "toml"]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("# tasks =    # required when estimate_cost = true"), "{text}");
    assert!(text.contains("# task_vcpu =    # required when estimate_cost = true"), "{text}");
    assert!(!text.contains("tasks = 1"), "no made-up answer: {text}");
    cmd()
        .env("COLUMNS", "200")
        .args(["questions"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(required when estimate_cost = true)"));
}
