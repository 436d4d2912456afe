//! The real questionnaire, driven through a pseudo-terminal (expectrl): arrow keys,
//! space, enter and a typed number reach a result; Ctrl-C and Esc exit 130 and write
//! nothing. Follows `shared/recipes/crates-and-pty-tests.md`: Enter is `\r`, the PTY
//! is never resized, and every key waits for its prompt.
#![cfg(unix)]

use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect as _, Regex};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";
const ESC: &str = "\x1b";

/// Answers that leave four questions to ask: `k8s_in_use` (select), `priorities`
/// (multi-select), `estimate_cost` (confirm) and `tasks` (a typed number).
const PRESET: &[&str] = &[
    "k8s_skill=basic",
    "k8s_ecosystem=false",
    "ops_capacity=part_time",
    "services=some",
    "lock_in=acceptable",
    "gpu=false",
    "host_access=false",
    "windows=false",
    "storage=none",
    "traffic=variable",
    "deploy_frequency=daily",
    "startup_latency=normal",
    "region=us-east-1",
    "task_vcpu=1",
    "task_memory_gib=2",
    "arch=x86_64",
    "clusters=1",
    "purchase=on_demand",
    "ec2_utilisation_target=80",
];

fn spawn(extra: &[&str]) -> OsSession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_container-advisor"));
    cmd.env("NO_COLOR", "1").env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    cmd.args(["recommend", "--format", "json"]);
    for preset in PRESET {
        cmd.args(["--set", preset]);
    }
    cmd.args(extra);
    let mut session = OsSession::spawn(cmd).unwrap_or_else(|e| panic!("cannot spawn: {e}"));
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session
}

fn expect(session: &mut OsSession, text: &str) {
    session.expect(text).unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
}

fn send(session: &mut OsSession, keys: &str) {
    session.send(keys).unwrap_or_else(|e| panic!("cannot send keys: {e}"));
}

fn exit_code(session: &mut OsSession) -> i32 {
    match session.get_process().wait().unwrap_or_else(|e| panic!("wait: {e}")) {
        WaitStatus::Exited(_, code) => code,
        other => panic!("unexpected status {other:?}"),
    }
}

#[test]
fn questionnaire_with_arrows_space_enter_and_a_number_reaches_a_result() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let saved = dir.path().join("answers.toml");
    let mut s = spawn(&["--save-answers", saved.to_str().unwrap_or_default()]);

    expect(&mut s, "already run Kubernetes");
    send(&mut s, DOWN); // none -> evaluating
    send(&mut s, ENTER);

    expect(&mut s, "Which criteria matter most");
    send(&mut s, " "); // cost
    send(&mut s, DOWN);
    send(&mut s, " "); // ops_burden
    send(&mut s, ENTER);

    expect(&mut s, "monthly cost estimate");
    send(&mut s, "y");
    send(&mut s, ENTER);

    expect(&mut s, "How many tasks or pods");
    send(&mut s, "12");
    send(&mut s, ENTER);

    expect(&mut s, "\"schema_version\": 1");
    s.expect(Regex("\"k8s_in_use\": \"evaluating\"")).unwrap_or_else(|e| panic!("answers not in output: {e}"));
    s.expect(Eof).unwrap_or_else(|e| panic!("no end of output: {e}"));
    assert_eq!(exit_code(&mut s), 0);

    let saved = std::fs::read_to_string(&saved).unwrap_or_else(|e| panic!("answers not saved: {e}"));
    assert!(saved.contains("k8s_in_use = \"evaluating\""), "{saved}");
    assert!(saved.contains("priorities = [\"cost\", \"ops_burden\"]"), "{saved}");
    assert!(saved.contains("estimate_cost = true"), "{saved}");
    assert!(saved.contains("tasks = 12"), "{saved}");
}

#[test]
fn ctrl_c_at_a_prompt_exits_130_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let saved = dir.path().join("answers.toml");
    let out = dir.path().join("report.json");
    let mut s =
        spawn(&["--save-answers", saved.to_str().unwrap_or_default(), "--output", out.to_str().unwrap_or_default()]);
    expect(&mut s, "already run Kubernetes");
    send(&mut s, ENTER);
    expect(&mut s, "Which criteria matter most");
    send(&mut s, CTRL_C);
    let _ = s.expect(Eof);
    assert_eq!(exit_code(&mut s), 130);
    assert!(!saved.exists() && !out.exists(), "nothing may be written after an interrupt");
}

#[test]
fn esc_at_a_prompt_exits_130() {
    let mut s = spawn(&[]);
    expect(&mut s, "already run Kubernetes");
    send(&mut s, ESC);
    let _ = s.expect(Eof);
    assert_eq!(exit_code(&mut s), 130);
}

#[test]
fn esc_at_a_yes_no_prompt_and_ctrl_c_at_a_number_prompt_exit_130() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let saved = dir.path().join("answers.toml");

    // Esc at the Confirm prompt.
    let mut s = spawn(&["--save-answers", saved.to_str().unwrap_or_default()]);
    expect(&mut s, "already run Kubernetes");
    send(&mut s, ENTER);
    expect(&mut s, "Which criteria matter most");
    send(&mut s, ENTER);
    expect(&mut s, "monthly cost estimate");
    send(&mut s, ESC);
    let _ = s.expect(Eof);
    assert_eq!(exit_code(&mut s), 130);
    assert!(!saved.exists());

    // Ctrl-C while typing a number.
    let mut s = spawn(&["--save-answers", saved.to_str().unwrap_or_default()]);
    expect(&mut s, "already run Kubernetes");
    send(&mut s, ENTER);
    expect(&mut s, "Which criteria matter most");
    send(&mut s, ENTER);
    expect(&mut s, "monthly cost estimate");
    send(&mut s, "y");
    send(&mut s, ENTER);
    expect(&mut s, "How many tasks or pods");
    send(&mut s, "4");
    send(&mut s, CTRL_C);
    let _ = s.expect(Eof);
    assert_eq!(exit_code(&mut s), 130);
    assert!(!saved.exists(), "nothing may be written after an interrupt");
}
