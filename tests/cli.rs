//! The command line as users drive it: stdout, stderr and exit codes.

mod support;

use predicates::prelude::*;
use support::{COMPLETE, cmd, recommend_json, write};

#[test]
fn help_lists_commands_and_exit_codes() {
    let output = cmd().arg("--help").output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    insta::assert_snapshot!("help", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn recommend_prints_the_json_contract() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let report = recommend_json(&answers, &[]);
    assert_eq!(report.schema_version, 1);
    assert_eq!(report.ranking.len(), 6);
    let winner_entry = &report.ranking[0];
    assert_eq!(
        (&report.recommendation.orchestrator, &report.recommendation.capacity, &report.recommendation.hosts),
        (
            &Some(winner_entry.orchestrator.clone()),
            &Some(winner_entry.capacity.clone()),
            &Some(winner_entry.hosts.clone())
        ),
        "the recommendation carries its pattern's attributes"
    );
    for entry in &report.ranking {
        assert!(
            ["ecs", "eks"].contains(&entry.orchestrator.as_str())
                && ["ec2", "fargate"].contains(&entry.capacity.as_str())
        );
        assert!(["self", "aws"].contains(&entry.hosts.as_str()), "{}", entry.hosts);
    }
    let winner = report.recommendation.pattern.clone().unwrap_or_default();
    assert_eq!(report.ranking[0].pattern, winner);
    assert_eq!(report.recommendation.score, report.ranking[0].score);
    for pattern in &report.ranking {
        assert_eq!(pattern.criteria.len(), 10, "every criterion is traced");
        let sum: f64 = pattern.criteria.values().map(|c| c.contribution).sum();
        if let Some(score) = pattern.score {
            assert!((sum - score).abs() < 1e-9, "contributions add up to the score");
            assert!((0.0..=100.0).contains(&score));
        }
    }
    assert!(report.rules_digest.starts_with("blake3:"));
    assert!(report.cost.is_none(), "no workload answered, no money");
    let robustness = report.robustness.as_ref().unwrap_or_else(|| panic!("robustness missing"));
    let shares = robustness["win_probability"]
        .as_object()
        .map(|m| m.values().filter_map(serde_json::Value::as_f64).sum::<f64>());
    assert!((shares.unwrap_or_default() - 1.0).abs() < 1e-9, "win probabilities sum to 1 over the eligible patterns");
    assert!(robustness["verdict"].as_str().is_some_and(|v| v.contains("plausible weightings")));
    assert!(report.defaulted.contains(&"gpu".to_owned()), "defaults taken are listed");
    assert_eq!(report.answers.get("services").and_then(|v| v.as_str()), Some("some"));
}

#[test]
fn same_input_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let run = || {
        cmd()
            .args(["recommend", "--format", "json", "--no-input", "--answers"])
            .arg(&answers)
            .output()
            .map(|o| o.stdout)
    };
    assert_eq!(run().ok(), run().ok());
}

#[test]
fn table_output_shows_ranking_ratings_and_fired_rules() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", &format!("{COMPLETE}\ngpu = true\n"));
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("Recommendation:"))
        .stdout(predicate::str::contains(" points because it rates higher on "))
        .stdout(predicate::str::contains("Ruled out"))
        .stdout(predicate::str::contains("--explain"));
    cmd()
        .args(["recommend", "--no-input", "--explain", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("Ranking"))
        .stdout(predicate::str::contains("Ratings by criterion"))
        .stdout(predicate::str::contains("Excluded patterns"))
        .stdout(predicate::str::contains("Rules that changed the result"));
}

#[test]
fn japanese_output_from_lang_flag_and_from_locale() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    cmd()
        .args(["recommend", "--no-input", "--lang", "ja", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("推奨"));
    cmd()
        .env("LANG", "ja_JP.UTF-8")
        .args(["recommend", "--no-input", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("ポイント上回っています"));
}

#[test]
fn without_a_terminal_missing_answers_exit_2_with_a_hint() {
    cmd()
        .args(["recommend"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`k8s_in_use`"))
        .stderr(predicate::str::contains("--answers"))
        .stderr(predicate::str::contains("--no-input"))
        .stderr(predicate::str::contains("questions --format toml"));
}

#[test]
fn no_input_names_required_answers_that_have_no_default() {
    cmd()
        .args(["recommend", "--no-input", "--set", "k8s_in_use=none"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`k8s_skill`"))
        .stderr(predicate::str::contains("`k8s_in_use`").not());
}

#[test]
fn bad_answers_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "bad.toml", &format!("{COMPLETE}\ngpus = true\nservices2 = 1\n"));
    let answers2 = write(dir.path(), "bad2.toml", &COMPLETE.replace("\"some\"", "\"lots\""));
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:10:1"))
        .stderr(predicate::str::contains("did you mean `gpu`?"))
        .stderr(predicate::str::contains("unknown question `services2`"));
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&answers2)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`lots` is not an option of `services`"))
        .stderr(predicate::str::contains("`few`, `some`, `many`"));
}

#[test]
fn bad_set_flags_exit_2_naming_the_flag() {
    for (flag, expected) in [
        ("gpu", "`--set gpu` has no `=`"),
        ("tasks=0", "`tasks` must be between 1 and"),
        ("gpu=maybe", "`gpu` expects `true` or `false`"),
        ("priorities=cost,learning,scalability,recovery", "at most 3 choices"),
        ("nope=1", "unknown question `nope`"),
    ] {
        cmd()
            .args(["recommend", "--no-input", "--set", flag])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(expected));
    }
}

#[test]
fn set_overrides_the_answers_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let report = recommend_json(&answers, &["--set", "services=many"]);
    assert_eq!(report.answers.get("services").and_then(|v| v.as_str()), Some("many"));
}

#[test]
fn questions_template_is_accepted_by_recommend() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let output = cmd().args(["questions", "--format", "toml"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let template = write(dir.path(), "template.toml", &String::from_utf8_lossy(&output.stdout));
    // Unchanged, it parses; only the questions without a default are then missing.
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&template)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no answer and no default for"));
    // With the required answers added, it runs.
    let mut args = vec!["--set".to_owned()];
    args.push("k8s_in_use=none".into());
    for pair in [
        "k8s_skill=none",
        "ops_capacity=none",
        "services=few",
        "lock_in=acceptable",
        "traffic=steady",
        "deploy_frequency=weekly",
    ] {
        args.push("--set".into());
        args.push(pair.into());
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let report = recommend_json(&template, &refs);
    assert!(report.recommendation.pattern.is_some());
}

#[test]
fn save_answers_round_trips() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let saved = dir.path().join("saved.toml");
    let first = recommend_json(&answers, &["--save-answers", saved.to_str().unwrap_or_default(), "--set", "tasks=12"]);
    let second = recommend_json(&saved, &[]);
    assert_eq!(first.answers, second.answers);
    assert_eq!(first.ranking, second.ranking);
}

#[test]
fn output_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let out = write(dir.path(), "out.json", "keep me");
    cmd()
        .args(["recommend", "--no-input", "--format", "json", "--answers"])
        .arg(&answers)
        .arg("--output")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), "keep me");
    cmd()
        .args(["recommend", "--no-input", "--format", "json", "--force", "--answers"])
        .arg(&answers)
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    assert!(std::fs::read_to_string(&out).unwrap_or_default().contains("\"schema_version\": 1"));
}

#[test]
fn default_rules_pass_check_with_no_warnings() {
    cmd()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: 6 patterns, 10 criteria, 60 ratings"))
        .stdout(predicate::str::contains("; 0 warnings"))
        .stderr("");
}

#[test]
fn exported_rules_check_alone_and_errors_point_into_the_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let rules = dir.path().join("rules");
    cmd().args(["rules", "export"]).arg(&rules).assert().success();
    cmd().args(["rules", "check", "--rules-only"]).arg(&rules).assert().success();
    cmd().args(["rules", "export"]).arg(&rules).assert().code(2).stderr(predicate::str::contains("--force"));
    write(
        &rules,
        "zz-broken.toml",
        "[[rule]]\nid = \"broken\"\nwhen = { q = \"gpu\", is = \"yes\" }\nreason = { en = \"x\", ja = \"x\" }\nsource = \"s\"\neffects = [{ exclude = { capacity = \"fargate\" } }]\n",
    );
    cmd()
        .args(["rules", "check", "--rules-only"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("zz-broken.toml:3:26"))
        .stderr(predicate::str::contains("type-mismatch"));
}

#[test]
fn a_team_overlay_changes_the_advice() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let before = recommend_json(&answers, &[]);
    let winner = before.recommendation.pattern.clone().unwrap_or_default();
    let overlay = dir.path().join("team");
    std::fs::create_dir(&overlay).unwrap_or_else(|e| panic!("{e}"));
    write(
        &overlay,
        "policy.toml",
        &format!(
            "[[rule]]\nid = \"team-bans-winner\"\nwhen = {{ all = [] }}\nreason = {{ en = \"Team policy.\", ja = \"チームの方針。\" }}\nsource = \"team-wiki\"\neffects = [{{ exclude = {{ pattern = \"{winner}\" }} }}]\n\n[[source]]\nid = \"team-wiki\"\ntitle = {{ en = \"Team wiki\", ja = \"チーム Wiki\" }}\npublisher = \"Example\"\ndate = \"2026-11\"\nurl = \"https://wiki.example.com/policy\"\n"
        ),
    );
    let after = recommend_json(&answers, &["--rules", overlay.to_str().unwrap_or_default()]);
    assert_ne!(after.recommendation.pattern.as_deref(), Some(winner.as_str()));
    let banned = after.ranking.iter().find(|r| r.pattern == winner).unwrap_or_else(|| panic!("missing"));
    assert!(banned.excluded && banned.excluded_because[0].rule == "team-bans-winner");
    assert_ne!(before.rules_digest, after.rules_digest);
}

#[test]
fn missing_or_wrong_paths_exit_2() {
    cmd()
        .args(["recommend", "--answers", "/nonexistent/a.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read answers file"));
    cmd().args(["recommend", "--answers", "/"]).assert().code(2).stderr(predicate::str::contains("is a directory"));
    cmd()
        .args(["rules", "check", "/nonexistent"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read rules directory"));
    cmd()
        .args(["recommend", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'pdf'"));
    cmd().args(["--lang", "fr", "questions"]).assert().code(2);
}

#[test]
fn closed_stdout_pipe_exits_quietly() {
    // The reader is gone before the binary writes: the write fails with EPIPE, and the
    // binary must exit 0 without an error message.
    let script = format!(
        "set -o pipefail; (sleep 0.3; exec '{}' questions --format toml) | true",
        env!("CARGO_BIN_EXE_container-advisor")
    );
    let output = std::process::Command::new("bash").arg("-c").arg(script).output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn explain_shows_every_delta_factor_and_contribution() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", &format!("{COMPLETE}\npriorities = [\"cost\"]\n"));
    cmd()
        .args(["recommend", "--no-input", "--explain", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("Weights: base × the factors of the rules that fired"))
        .stdout(predicate::str::contains("×2 priority-cost"))
        .stdout(predicate::str::contains("Changes (rule)"))
        .stdout(predicate::str::contains("Points = 100 × weight × (rating − 1)"));
}

#[test]
fn seed_changes_nothing_but_the_sampled_shares() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let a = recommend_json(&answers, &[]);
    let b = recommend_json(&answers, &["--seed", "7"]);
    assert_eq!(a.ranking, b.ranking);
    let seed = |r: &support::Report| r.robustness.as_ref().and_then(|x| x["seed"].as_u64());
    assert_eq!(seed(&b), Some(7));
    assert_ne!(seed(&a), seed(&b));
}

#[test]
fn versus_with_identical_answers_reports_no_change() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = write(dir.path(), "a.toml", COMPLETE);
    let b = write(dir.path(), "b.toml", COMPLETE);
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&a)
        .arg("--versus")
        .arg(&b)
        .assert()
        .success()
        .stdout(predicate::str::contains("No change"));
    let output = cmd()
        .args(["recommend", "--no-input", "--format", "json", "--answers"])
        .arg(&a)
        .arg("--versus")
        .arg(&b)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["unchanged"], serde_json::Value::Bool(true));
    assert_eq!(json["answers_changed"].as_array().map(Vec::len), Some(0));
}

#[test]
fn versus_shows_what_changes_between_two_teams() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = write(dir.path(), "a.toml", COMPLETE);
    let b = write(dir.path(), "b.toml", &format!("{COMPLETE}\nhost_access = true\n"));
    let output = cmd()
        .args(["recommend", "--no-input", "--format", "json", "--answers"])
        .arg(&a)
        .arg("--versus")
        .arg(&b)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["unchanged"], serde_json::Value::Bool(false));
    assert_eq!(json["answers_changed"][0]["id"], "host_access");
    let added: Vec<&str> =
        json["rules_added"].as_array().into_iter().flatten().filter_map(|r| r["id"].as_str()).collect();
    assert!(added.contains(&"host-access-excludes-fargate"), "{added:?}");
    let fargate = json["ranking"].as_array().into_iter().flatten().find(|p| p["pattern"] == "ecs-fargate");
    assert!(fargate.is_some_and(|p| p["score_b"].is_null() && p["score_a"].is_number()));
}

#[test]
fn versus_file_with_missing_answers_names_them() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = write(dir.path(), "a.toml", COMPLETE);
    let b = write(dir.path(), "b.toml", "gpu = true\n");
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&a)
        .arg("--versus")
        .arg(&b)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("b.toml`"))
        .stderr(predicate::str::contains("`k8s_in_use`"));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = cmd().args(["completions", shell]).output().unwrap_or_else(|e| panic!("{e}"));
        assert!(output.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("recommend") && text.contains("no-input"), "{shell} completion lacks the commands");
    }
    cmd().args(["completions", "tcsh"]).assert().code(2);
    cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie \\n(.g .ds Aq"))
        .stdout(predicate::str::contains(".TH container-advisor"))
        .stdout(predicate::str::contains("recommend"));
}

#[test]
fn rules_list_is_a_catalogue_with_reasons_and_sources() {
    let output = cmd().args(["rules", "list", "--format", "json"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["ratings"].as_array().map(Vec::len), Some(60), "six patterns × ten criteria");
    let sources = json["sources"].as_array().cloned().unwrap_or_default();
    assert!(sources.len() >= 50, "the source catalogue is listed");
    assert!(
        sources
            .iter()
            .all(|s| s["url"].as_str().is_some_and(|u| u.starts_with("https://") || u.starts_with("http://")))
    );
    let rules = json["rules"].as_array().cloned().unwrap_or_default();
    assert!(rules.len() >= 40);
    assert!(rules.iter().all(|r| r["source"].as_str().is_some_and(|s| !s.is_empty())), "every rule cites a source");
    cmd()
        .args(["rules", "list", "--format", "markdown", "--lang", "ja"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## 基本評価"))
        .stdout(predicate::str::contains("### `gpu-excludes-fargate`"));
}

/// 2026-11-23T00:00:00Z.
const EPOCH_2026_11_23: &str = "1795392000";

#[test]
fn recommend_writes_a_madr_4_record_dated_by_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", &format!("{COMPLETE}\ngpu = true\n"));
    let run = || {
        cmd()
            .env("SOURCE_DATE_EPOCH", EPOCH_2026_11_23)
            .args(["recommend", "--no-input", "--format", "adr", "--answers"])
            .arg(&answers)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let output = run();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let adr = String::from_utf8_lossy(&output.stdout);
    assert!(
        adr.starts_with("---\nstatus: proposed\ndate: 2026-11-23\ndecision-makers:\nconsulted:\ninformed:\n---\n# "),
        "{adr}"
    );
    let report = recommend_json(&answers, &[]);
    let winner = report.recommendation.pattern.unwrap_or_default();
    assert_eq!(report.recommendation.capacity.as_deref(), Some("ec2"), "a GPU workload cannot run on Fargate");
    let rules = container_advisor::default_rules().unwrap_or_else(|e| panic!("{e}"));
    let name = rules.patterns[rules.pattern_index(&winner).unwrap_or_else(|| panic!("{winner}"))].name.en.clone();
    assert!(adr.contains(&format!("\nChosen option: \"{name}\", because ")), "{adr}");
    for heading in [
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "### Consequences",
        "### Confirmation",
        "## Pros and Cons of the Options",
        "## More Information",
    ] {
        assert!(adr.contains(&format!("\n{heading}\n")), "missing {heading}");
    }
    assert!(adr.contains("rules out ECS on Fargate and EKS on Fargate"), "the GPU exclusion is a driver");
    assert_eq!(run().stdout, output.stdout, "same input and date, same bytes");
}

#[test]
fn adr_date_is_today_without_source_date_epoch_and_bad_epochs_exit_2() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let today = || {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        container_advisor::report::adr::date::iso_date(i64::try_from(now).unwrap_or_default())
    };
    let before = today();
    let output = cmd()
        .args(["recommend", "--no-input", "--format", "adr", "--answers"])
        .arg(&answers)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let adr = String::from_utf8_lossy(&output.stdout);
    let date = adr.lines().find_map(|l| l.strip_prefix("date: ")).unwrap_or_default().to_owned();
    assert!(date == before || date == today(), "{date} is not today ({before})");
    cmd()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["recommend", "--no-input", "--format", "adr", "--answers"])
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`SOURCE_DATE_EPOCH` must be a whole number of seconds"));
    // Only the ADR carries a date: other formats ignore the variable.
    cmd()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["recommend", "--no-input", "--format", "markdown", "--answers"])
        .arg(&answers)
        .assert()
        .success();
}

#[test]
fn versus_and_compare_work_in_every_format() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let a = write(dir.path(), "a.toml", COMPLETE);
    let b = write(dir.path(), "b.toml", &format!("{COMPLETE}\nhost_access = true\n"));
    for format in ["table", "markdown", "json", "csv", "adr"] {
        cmd()
            .env("SOURCE_DATE_EPOCH", EPOCH_2026_11_23)
            .args(["recommend", "--no-input", "--format", format, "--answers"])
            .arg(&a)
            .arg("--versus")
            .arg(&b)
            .assert()
            .success()
            .stdout(predicate::str::contains("ECS on Fargate").or(predicate::str::contains("ecs-fargate")));
        cmd().args(["compare", "--format", format]).assert().success();
    }
    cmd()
        .env("SOURCE_DATE_EPOCH", EPOCH_2026_11_23)
        .args(["recommend", "--no-input", "--format", "adr", "--answers"])
        .arg(&a)
        .arg("--versus")
        .arg(&b)
        .assert()
        .stdout(predicate::str::contains("Compared with `"))
        .stdout(predicate::str::contains("Rules that fire only in B: "));
    cmd()
        .args(["compare", "--format", "adr"])
        .assert()
        .stdout(predicate::str::contains("No option is chosen yet"))
        .stdout(predicate::str::contains("\ndate: "));
}

#[test]
fn rules_list_includes_every_price_with_its_date_and_source() {
    let output = cmd().args(["rules", "list", "--format", "json"]).output().unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let prices = json["prices"].as_array().cloned().unwrap_or_default();
    let fargate = prices.iter().find(|p| p["region"] == "us-east-1" && p["item"] == "Fargate x86 vCPU-hour");
    assert_eq!(fargate.and_then(|p| p["value"].as_f64()), Some(0.04048));
    assert!(prices.iter().filter(|p| p["region"] == "ap-northeast-1").count() >= 12 + 11);
    assert!(
        prices.iter().all(|p| p["as_of"].as_str().is_some_and(|a| !a.is_empty())
            && p["source"].as_str().is_some_and(|s| !s.is_empty()))
    );
}

/// Errors in the user's input follow `--lang`, and `LANG` when there is no flag; the
/// position, the stable code and the exit code do not change.
#[test]
fn input_errors_are_in_japanese_with_lang_ja_or_a_japanese_locale() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "bad.toml", &format!("{COMPLETE}\ngpus = true\ntasks = 0\n"));
    let by_flag = || {
        let mut c = cmd();
        c.args(["--lang", "ja"]);
        c
    };
    let by_locale = || {
        let mut c = cmd();
        c.env("LANG", "ja_JP.UTF-8");
        c
    };
    for japanese in [by_flag, by_locale] {
        japanese()
            .args(["recommend", "--no-input", "--answers"])
            .arg(&answers)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("error[unknown-question]: 不明な質問 `gpus`"))
            .stderr(predicate::str::contains("bad.toml:10:1"))
            .stderr(predicate::str::contains("`gpu` の誤りではありませんか？"))
            .stderr(predicate::str::contains("`tasks` は 1 から"))
            .stderr(predicate::str::contains("error: 回答が不正です: エラー 2 件、警告 0 件"))
            .stderr(predicate::str::contains("unknown question").not());
        japanese()
            .args(["recommend", "--set", "gpu"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("error[invalid-answer]: `--set gpu` に `=` がありません"))
            .stderr(predicate::str::contains("`--set id=value` の形で書いてください"));
        japanese()
            .args(["recommend", "--answers", "/nonexistent/answers.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("error: 回答ファイル `/nonexistent/answers.toml` を読めません"));
        japanese()
            .args(["recommend"])
            .write_stdin("")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("質問を表示する端末がなく、`k8s_in_use`"))
            .stderr(predicate::str::contains("が未回答です"))
            .stderr(predicate::str::contains("`--no-input` で既定値を使うこともできます"));
    }
}

#[test]
fn an_existing_output_file_is_refused_in_japanese() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = write(dir.path(), "out.json", "{}");
    cmd()
        .args(["--lang", "ja", "recommend", "--no-input", "--format", "json", "--output"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("はすでに存在します。上書きするには `--force` を付けてください"));
}

#[test]
fn english_stays_the_default_with_lang_c() {
    cmd()
        .args(["recommend", "--set", "gpu"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error[invalid-answer]: `--set gpu` has no `=`"))
        .stderr(predicate::str::contains("error: invalid answers: 1 error, 0 warnings"));
}

#[test]
fn answers_file_problems_come_in_file_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // `gpu` sorts before `zebra` but stands after it in the file.
    let answers = write(dir.path(), "a.toml", "zebra = 1\ngpu = \"maybe\"\n");
    let output =
        cmd().args(["recommend", "--no-input", "--answers"]).arg(&answers).output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let (first, second) = (stderr.find("a.toml:1:1"), stderr.find("a.toml:2:7"));
    assert!(first.is_some() && second.is_some() && first < second, "{stderr}");
}

/// Every default answer pinned but the workload shape and the priorities: a space small
/// enough to sweep (and ablate) whole in a debug build.
const REACH_PINS: &[&str] = &[
    "--set=k8s_in_use=none",
    "--set=k8s_skill=none",
    "--set=k8s_ecosystem=false",
    "--set=ops_capacity=none",
    "--set=services=few",
    "--set=lock_in=acceptable",
    "--set=gpu=false",
    "--set=host_access=false",
    "--set=windows=false",
    "--set=storage=none",
    "--set=deploy_frequency=weekly",
    "--set=startup_latency=normal",
];

#[test]
fn reach_json_sweeps_the_pinned_space_exhaustively() {
    let reach = support::reach_json(REACH_PINS);
    assert_eq!(reach.schema_version, 1);
    assert_eq!(reach.mode, support::ReachMode { kind: "exhaustive".into(), seed: None });
    assert_eq!(reach.space, reach.answer_sets);
    assert_eq!(reach.fixed.get("k8s_in_use").and_then(|v| v.as_str()), Some("none"));
    let total: u64 = reach.patterns.iter().map(|p| p.wins.count).sum();
    assert!(total <= reach.answer_sets);
    for p in &reach.patterns {
        assert_eq!(p.wins.count == 0, reach.never_win.contains(&p.pattern), "{}", p.pattern);
        assert_eq!(p.example.is_some(), p.wins.count > 0, "{}", p.pattern);
        if let Some(example) = &p.example {
            assert_eq!(example.get("lock_in").and_then(|v| v.as_str()), Some("acceptable"), "pins hold");
        }
    }
    let traffic: u64 = reach.by_answer.iter().filter(|r| r.question == "traffic").map(|r| r.answer_sets).sum();
    assert_eq!(traffic, reach.answer_sets, "one row per traffic value");
    let cost = reach.by_answer.iter().find(|r| r.question == "priorities" && r.value == "cost");
    assert!(cost.is_some_and(|r| r.wins.values().sum::<u64>() <= r.answer_sets));
    assert!(reach.ablation.is_some());
}

#[test]
fn reach_samples_when_asked_with_a_seed() {
    let mut args = REACH_PINS.to_vec();
    args.extend(["--sample", "300", "--seed", "9"]);
    let reach = support::reach_json(&args);
    assert_eq!(reach.mode, support::ReachMode { kind: "sampled".into(), seed: Some(9) });
    assert_eq!(reach.answer_sets, 300);
    assert!(reach.space > 300);
}

#[test]
fn reach_table_and_markdown_show_shares_and_warnings() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(
        dir.path(),
        "bury.toml",
        "[[rule]]\nid = \"bury-beta\"\nwhen = { all = [] }\nreason = { en = \"x\", ja = \"x\" }\nsource = \"test\"\neffects = [{ rating = \"speed\", delta = -3, on = { pattern = \"beta\" } }]\n",
    );
    let mini = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(&rules).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(&mini).unwrap_or_else(|e| panic!("{e}")).flatten() {
        std::fs::copy(entry.path(), rules.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::copy(dir.path().join("bury.toml"), rules.join("bury.toml")).unwrap_or_else(|e| panic!("{e}"));
    let run = |format: &str| {
        cmd().args(["rules", "reach", "--rules-only", "--format", format, "--rules"]).arg(&rules).assert().success()
    };
    run("table")
        .stdout(predicate::str::contains("exhaustive: 12 answer sets"))
        .stdout(predicate::str::contains("Win share per answer"))
        .stdout(predicate::str::contains("warning: Beta (`beta`) wins none of the answer sets"))
        .stdout(predicate::str::contains("Rules that never change a ranking"));
    run("markdown")
        .stdout(predicate::str::contains("| Pattern | Id | Wins | Share |"))
        .stdout(predicate::str::contains("| size | small | 6 | 100.0% | 0% |"));
    cmd()
        .args(["rules", "reach", "--rules-only", "--lang", "ja", "--rules"])
        .arg(&rules)
        .assert()
        .success()
        .stdout(predicate::str::contains("全数: 12 通りの回答"));
    cmd()
        .args(["rules", "check", "--rules-only"])
        .arg(&rules)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[pattern-never-wins]: pattern `beta` wins none of the 12 answer sets"))
        .stdout(predicate::str::contains("; 1 warning"));
}

#[test]
fn a_team_template_replaces_the_built_in_one_and_its_errors_exit_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", COMPLETE);
    let templates = dir.path().join("templates");
    cmd().args(["templates", "export"]).arg(&templates).assert().success();
    // A second export refuses the files it would overwrite; --force overwrites.
    cmd().args(["templates", "export"]).arg(&templates).assert().code(2).stderr(predicate::str::contains("--force"));
    cmd().args(["templates", "export", "--force"]).arg(&templates).assert().success();

    let _ = write(&templates, "recommend.md", "# Our review\n\nWe run on {{ recommendation.name }}.\n");
    let markdown = |extra: &[&str]| {
        cmd().args(["recommend", "--no-input", "--format", "markdown", "--answers"]).arg(&answers).args(extra).assert()
    };
    markdown(&["--templates", &templates.display().to_string()])
        .success()
        .stdout(predicate::str::starts_with("# Our review\n\nWe run on "));
    // Without the flag, the built-in layout.
    markdown(&[]).success().stdout(predicate::str::starts_with("# Container platform recommendation"));

    let _ = write(&templates, "recommend.md", "# Our review\n\n{% for x in %}\n");
    markdown(&["--templates", &templates.display().to_string()])
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("recommend.md:3: syntax error"));
    let _ = write(&templates, "recommend.md", "ok\n{{ ranking|no_such_filter }}\n");
    markdown(&["--templates", &templates.display().to_string()])
        .code(2)
        .stderr(predicate::str::contains("recommend.md:2: "));
}

#[test]
fn templates_inside_the_rules_directory_are_used() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let rules = dir.path().join("rules");
    cmd().args(["rules", "export"]).arg(&rules).assert().success();
    std::fs::create_dir(rules.join("templates")).unwrap_or_else(|e| panic!("{e}"));
    let _ = write(&rules.join("templates"), "compare.md", "Compared: {{ patterns|length }} patterns\n");
    cmd()
        .args(["compare", "--format", "markdown", "--rules"])
        .arg(&rules)
        .assert()
        .success()
        .stdout("Compared: 6 patterns\n");
    let _ = write(&rules.join("templates"), "compare.mdx", "");
    cmd()
        .args(["compare", "--format", "markdown", "--rules"])
        .arg(&rules)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not replace a built-in template"));
}
