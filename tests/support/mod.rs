//! Shared helpers for the integration tests: the command, typed JSON, answer files.
#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use serde::Deserialize;

/// The binary with a fixed environment: English, no colour, fixed width, no TTY.
pub fn cmd() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("container-advisor");
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", "C").env("NO_COLOR", "1").env("COLUMNS", "100");
    cmd.env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// The JSON contract of `recommend --format json` (DESIGN §7), as tests read it.
#[derive(Debug, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub recommendation: Recommendation,
    pub ranking: Vec<Ranked>,
    pub rules_fired: Vec<Fired>,
    pub robustness: Option<serde_json::Value>,
    pub cost: Option<serde_json::Value>,
    pub notes: Vec<Note>,
    pub answers: BTreeMap<String, serde_json::Value>,
    pub defaulted: Vec<String>,
    pub rules_digest: String,
}

#[derive(Debug, Deserialize)]
pub struct Recommendation {
    pub pattern: Option<String>,
    pub orchestrator: Option<String>,
    pub capacity: Option<String>,
    pub hosts: Option<String>,
    pub score: Option<f64>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Ranked {
    pub pattern: String,
    pub orchestrator: String,
    pub capacity: String,
    pub hosts: String,
    pub score: Option<f64>,
    pub excluded: bool,
    pub excluded_because: Vec<Exclusion>,
    pub criteria: BTreeMap<String, CriterionScore>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Exclusion {
    pub rule: String,
    pub reason: String,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct CriterionScore {
    pub rating: f64,
    pub weight: f64,
    pub contribution: f64,
}

#[derive(Debug, Deserialize)]
pub struct Fired {
    pub id: String,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
pub struct Note {
    pub rule: String,
    pub kind: String,
    pub patterns: Vec<String>,
    pub text: String,
}

/// A complete answers file: every question without a default answered.
pub const COMPLETE: &str = r#"
k8s_in_use = "none"
k8s_skill = "basic"
ops_capacity = "part_time"
services = "some"
lock_in = "acceptable"
traffic = "variable"
deploy_frequency = "weekly"
"#;

/// Runs `recommend --format json --no-input` on an answers file and parses the JSON.
pub fn recommend_json(answers_file: &Path, extra: &[&str]) -> Report {
    let output = cmd()
        .args(["recommend", "--format", "json", "--no-input", "--answers"])
        .arg(answers_file)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"));
    assert!(
        output.status.success(),
        "exit {:?}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not the JSON contract: {e}"))
}

/// Writes `text` to `name` in `dir` and returns the path.
/// The `*.toml` files of a folder of the repository (`tests/scenarios`), sorted.
pub fn toml_files(folder: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

pub fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

/// The JSON of `rules reach --format json`, as tests read it.
#[derive(Debug, Deserialize)]
pub struct Reach {
    pub schema_version: u32,
    pub mode: ReachMode,
    pub space: u64,
    pub answer_sets: u64,
    pub fixed: BTreeMap<String, serde_json::Value>,
    pub patterns: Vec<PatternReach>,
    pub never_win: Vec<String>,
    pub by_answer: Vec<AnswerReach>,
    pub ablation: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct ReachMode {
    pub kind: String,
    pub seed: Option<u64>,
}

#[derive(Debug, Deserialize)]
pub struct PatternReach {
    pub pattern: String,
    pub wins: Share,
    pub example: Option<BTreeMap<String, serde_json::Value>>,
}

#[derive(Debug, Deserialize)]
pub struct Share {
    pub count: u64,
    pub share: f64,
}

#[derive(Debug, Deserialize)]
pub struct AnswerReach {
    pub question: String,
    pub value: String,
    pub answer_sets: u64,
    pub wins: BTreeMap<String, u64>,
}

/// Runs `rules reach --format json` with extra arguments and parses the JSON.
pub fn reach_json(args: &[&str]) -> Reach {
    let output = cmd()
        .args(["rules", "reach", "--format", "json"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not the reach JSON: {e}"))
}
