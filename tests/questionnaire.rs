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

#[test]
fn set_takes_a_label_and_a_region_name_gets_its_code_suggested() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let report =
        support::recommend_json(&answers, &["--set", "traffic=Daily cycle", "--set", "lock_in=prefer to AVOID"]);
    assert_eq!(report.answers["traffic"], "variable");
    assert_eq!(report.answers["lock_in"], "prefer_avoid");
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&answers)
        .args(["--set", "region=tokyo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `ap-northeast-1`?"));
}

fn resume(state: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = cmd();
    cmd.env("XDG_STATE_HOME", state).args(["recommend", "--resume"]);
    cmd
}

#[test]
fn resume_without_kept_answers_says_there_is_nothing_to_resume() {
    let state = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    resume(state.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to resume"))
        .stderr(predicate::str::contains("container-advisor/answers.toml"));
    // Never together with `--no-input`, which keeps and resumes nothing.
    resume(state.path()).arg("--no-input").assert().code(2).stderr(predicate::str::contains("--no-input"));
}

#[test]
fn a_corrupt_state_file_is_a_clear_error_not_a_panic() {
    let state = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = state.path().join("container-advisor");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for (content, expected) in [
        (&b"k8s_in_use = \"none\"\nthis is not toml ["[..], "invalid-toml"),
        (&b"gpus = true\n"[..], "unknown question `gpus`"),
        (&b"\xff\xfe\x00"[..], "not UTF-8"),
    ] {
        std::fs::write(dir.join("answers.toml"), content).unwrap_or_else(|e| panic!("{e}"));
        resume(state.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected))
            .stderr(predicate::str::contains("answers.toml"))
            .stderr(predicate::str::contains("start afresh"))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn resume_without_a_terminal_names_what_is_missing_and_keeps_the_answers() {
    let state = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let kept = state.path().join("container-advisor/answers.toml");
    std::fs::create_dir_all(kept.parent().unwrap_or_else(|| unreachable!())).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&kept, "k8s_in_use = \"production\"\n").unwrap_or_else(|e| panic!("{e}"));
    resume(state.path())
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`k8s_skill`"))
        .stderr(predicate::str::contains("`k8s_in_use`").not());
    assert!(kept.exists());
}

#[test]
fn resume_without_a_terminal_and_nothing_missing_gives_the_result() {
    let state = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let kept = state.path().join("container-advisor/answers.toml");
    std::fs::create_dir_all(kept.parent().unwrap_or_else(|| unreachable!())).unwrap_or_else(|e| panic!("{e}"));
    let answers = write(state.path(), "a.toml", COMPLETE);
    // Every answer, the defaults included, as a finished questionnaire would keep them.
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&answers)
        .arg("--save-answers")
        .arg(&kept)
        .assert()
        .success();
    resume(state.path())
        .args(["--format", "json"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"schema_version\": 1"));
}
