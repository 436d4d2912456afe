//! The cost model as users drive it: the `cost` command (JSON parsed into typed
//! structs, tables in both languages, exit codes), the cost section and money trace of
//! `recommend`, and property tests of the estimate (more or larger tasks never cost
//! less). Figures are computed by hand in the comments.

mod support;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use container_advisor::cost::{Purchase, Workload, estimate};
use container_advisor::model::pricing::Arch;
use container_advisor::{RuleSet, default_rules};
use predicates::prelude::*;
use proptest::prelude::*;
use serde::Deserialize;
use support::{COMPLETE, cmd, recommend_json, write};

/// The `cost` command's JSON, as tests read it.
#[derive(Debug, Deserialize)]
struct CostOnly {
    schema_version: u32,
    cost: Cost,
    defaulted: Vec<String>,
    rules_digest: String,
}

/// The `cost` object (DESIGN §7), shared by `cost` and `recommend`.
#[derive(Debug, Deserialize)]
struct Cost {
    region: String,
    as_of: String,
    monthly_usd: BTreeMap<String, Option<f64>>,
    cheapest: Option<String>,
    lines: Vec<Line>,
    ec2: BTreeMap<String, Ec2>,
    fargate: BTreeMap<String, FargateSize>,
    break_even: Vec<BreakEven>,
    notes: Vec<Note>,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Line {
    pattern: String,
    item: String,
    monthly_usd: f64,
    as_of: String,
    source: String,
}

#[derive(Debug, Deserialize)]
struct Ec2 {
    instance_type: String,
    count: u32,
    utilisation: f64,
}

#[derive(Debug, Deserialize)]
struct FargateSize {
    vcpu: f64,
    memory_gib: f64,
}

#[derive(Debug, Deserialize)]
struct BreakEven {
    ec2_pattern: String,
    fargate_pattern: String,
    utilisation: f64,
    current_utilisation: f64,
}

#[derive(Debug, Deserialize)]
struct Note {
    patterns: Vec<String>,
    text: String,
}

/// The money behind a `cost` rating in `recommend`'s trace.
#[derive(Debug, Deserialize)]
struct Money {
    monthly_usd: f64,
    cheapest_usd: f64,
    cheapest_pattern: String,
    deltas_applied: bool,
}

#[derive(Debug, Deserialize)]
struct CostCriterion {
    rating: f64,
    deltas: Vec<serde_json::Value>,
    money: Option<Money>,
}

/// 10 tasks of 1 vCPU / 2 GiB in us-east-1.
const WORKLOAD: &[&str] =
    &["--set", "region=us-east-1", "--set", "tasks=10", "--set", "task_vcpu=1", "--set", "task_memory_gib=2"];

fn cost_json(extra: &[&str]) -> CostOnly {
    let output = cmd()
        .args(["cost", "--format", "json"])
        .args(WORKLOAD)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("not the cost JSON: {e}"))
}

#[test]
fn cost_prints_the_hand_computed_estimate_as_json() {
    let report = cost_json(&[]);
    assert_eq!(report.schema_version, 1);
    assert!(report.rules_digest.starts_with("blake3:"));
    let cost = report.cost;
    assert_eq!((cost.region.as_str(), cost.as_of.as_str()), ("us-east-1", "2026-06-13"));
    // ECS on Fargate: 10 × (0.04048 + 2 × 0.004445) × 730 = 360.40.
    // EKS on Fargate: 1 vCPU / 2.25 GiB -> 1 vCPU / 3 GiB: 295.50 + 97.35 + 73.00 = 465.85.
    // ECS on EC2: 7 × m6a.large × 0.0864 × 730 = 441.504 -> 441.50 (2 tasks each, 80 % target).
    // EKS on EC2: 2 × c6a.2xlarge × 0.306 × 730 = 446.76, + 73.00 = 519.76.
    // ECS on Managed Instances: ECS on EC2's 441.50 + fee 7 × 0.010368 × 730 = 52.98 -> 494.48.
    // EKS Auto Mode: 2 × c6a.2xlarge 446.76 + fee 2 × 0.03672 × 730 = 53.61 + 73.00 -> 573.37.
    let expected = [
        ("ecs-ec2", 441.50),
        ("ecs-fargate", 360.40),
        ("ecs-managed-instances", 494.48),
        ("eks-auto-mode", 573.37),
        ("eks-ec2", 519.76),
        ("eks-fargate", 465.85),
    ];
    assert_eq!(cost.monthly_usd, expected.iter().map(|(p, usd)| ((*p).to_owned(), Some(*usd))).collect());
    assert_eq!(cost.cheapest.as_deref(), Some("ecs-fargate"));
    for (pattern, usd) in expected {
        let sum: f64 = cost.lines.iter().filter(|l| l.pattern == pattern).map(|l| l.monthly_usd).sum();
        assert!((sum - usd).abs() < 0.005, "{pattern}: the lines add up to the total");
    }
    assert!(cost.lines.iter().all(|l| !l.as_of.is_empty() && !l.source.is_empty()));
    let ec2 = &cost.ec2["ecs-ec2"];
    assert_eq!((ec2.instance_type.as_str(), ec2.count), ("m6a.large", 7));
    assert!((ec2.utilisation - 10.0 / 14.0).abs() < 1e-9);
    let eks_size = &cost.fargate["eks-fargate"];
    assert_eq!((eks_size.vcpu, eks_size.memory_gib), (1.0, 3.0));
    // Break-even: 5 × 0.0864 × 730 / 360.40 = 315.36 / 360.40 = 87.5 %.
    let even = cost.break_even.iter().find(|b| b.ec2_pattern == "ecs-ec2").unwrap_or_else(|| panic!("no break-even"));
    assert_eq!(even.fargate_pattern, "ecs-fargate");
    assert!((even.utilisation - 315.36 / 360.40).abs() < 1e-9);
    assert!((even.current_utilisation - 10.0 / 14.0).abs() < 1e-9);
    assert!(cost.notes.iter().any(|n| n.patterns == ["eks-fargate"] && n.text.contains("0.25 GiB")));
    // The us-east-1 Fargate rates cite AWS's AmazonECS offer file and Vantage, by title.
    let fargate_sources = "AWS Price List: AmazonECS offer for us-east-1, publication of 2025-08-28 (copy in \
        opencost/opencost, pkg/cloud/aws/testdata/ecs-pricing-us-east-1.json); AWS Fargate Pricing Explained (Vantage)";
    assert!(cost.sources.contains(&fargate_sources.to_owned()), "sources by title");
    for id in ["arch", "clusters", "purchase", "ec2_utilisation_target"] {
        assert!(report.defaulted.contains(&id.to_owned()), "{id} takes its default and says so");
    }
}

#[test]
fn cost_with_three_clusters_pays_eks_three_times() {
    // EKS on EC2: 446.76 + 3 × 0.10 × 730 = 665.76; ECS unchanged.
    let report = cost_json(&["--set", "clusters=3"]);
    assert_eq!(report.cost.monthly_usd["eks-ec2"], Some(665.76));
    assert_eq!(report.cost.monthly_usd["ecs-ec2"], Some(441.50));
    let planes: Vec<f64> =
        report.cost.lines.iter().filter(|l| l.item == "control_plane").map(|l| l.monthly_usd).collect();
    assert_eq!(planes, [219.00, 219.00, 219.00], "every EKS pattern: on EC2, on Fargate and Auto Mode");
}

#[test]
fn cost_with_spot_and_savings_plans() {
    // Spot: ECS Fargate 360.40 − 126.14 = 234.26; ECS EC2 441.50 − 198.68 = 242.82;
    // EKS Fargate stays on demand (465.85).
    let spot = cost_json(&["--set", "purchase=spot"]).cost;
    assert_eq!(spot.monthly_usd["ecs-fargate"], Some(234.26));
    assert_eq!(spot.monthly_usd["ecs-ec2"], Some(242.82));
    assert_eq!(spot.monthly_usd["eks-fargate"], Some(465.85));
    // Savings Plans: ECS Fargate 360.40 − 93.70 = 266.70; ECS EC2 441.50 − 145.70 = 295.80.
    let plan = cost_json(&["--set", "purchase=savings_plan"]).cost;
    assert_eq!(plan.monthly_usd["ecs-fargate"], Some(266.70));
    assert_eq!(plan.monthly_usd["ecs-ec2"], Some(295.80));
    assert!(plan.lines.iter().any(|l| l.item == "discount" && l.source.contains("Savings Plans")), "cited by title");
}

#[test]
fn cost_table_in_english_and_japanese() {
    cmd()
        .args(["cost"])
        .args(WORKLOAD)
        .assert()
        .success()
        .stdout(predicate::str::contains("Monthly cost estimate (USD)"))
        .stdout(predicate::str::contains("ECS on Fargate (cheapest)"))
        .stdout(predicate::str::contains("360.40"))
        .stdout(predicate::str::contains("7 × m6a.large"))
        .stdout(predicate::str::contains("Break-even"))
        .stdout(predicate::str::contains("prices as of 2026-06-13"))
        .stdout(predicate::str::contains("AWS Fargate Pricing Explained (Vantage)"));
    cmd()
        .args(["cost", "--lang", "ja"])
        .args(WORKLOAD)
        .assert()
        .success()
        .stdout(predicate::str::contains("月額コストの試算"))
        .stdout(predicate::str::contains("損益分岐点"))
        .stdout(predicate::str::contains("（最安）"));
}

#[test]
fn cost_names_the_missing_workload_answers_and_exits_2() {
    cmd()
        .args(["cost", "--set", "tasks=3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the cost estimate needs `region`"))
        .stderr(predicate::str::contains("--set region=us-east-1"));
    cmd().args(["cost"]).assert().code(2).stderr(predicate::str::contains("`region`, `tasks`"));
}

#[test]
fn cost_reads_an_answers_file_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(dir.path(), "a.toml", &format!("{COMPLETE}\nregion = \"ap-northeast-1\"\ntasks = 10\n"));
    let out = write(dir.path(), "cost.json", "keep me");
    cmd().args(["cost", "--format", "json", "--answers"]).arg(&answers).arg("--output").arg(&out).assert().code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), "keep me");
    cmd()
        .args(["cost", "--format", "json", "--force", "--answers"])
        .arg(&answers)
        .arg("--output")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let report: CostOnly = serde_json::from_str(&std::fs::read_to_string(&out).unwrap_or_default())
        .unwrap_or_else(|e| panic!("not the cost JSON: {e}"));
    // Tokyo ECS on Fargate: 10 × 0.05056 × 730 = 369.09; 20 × 0.005536 × 730 = 80.83.
    assert_eq!(report.cost.monthly_usd["ecs-fargate"], Some(449.92));
    assert_eq!(report.cost.as_of, "2025-09");
}

#[test]
fn cost_without_pricing_exits_2() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let rules = dir.path().join("rules");
    cmd().args(["rules", "export"]).arg(&rules).assert().success();
    std::fs::remove_file(rules.join("pricing.toml")).unwrap_or_else(|e| panic!("{e}"));
    cmd().args(["rules", "check", "--rules-only"]).arg(&rules).assert().success();
    cmd()
        .args(["cost", "--rules-only", "--rules"])
        .arg(&rules)
        .args(WORKLOAD)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("define no prices"));
}

#[test]
fn recommend_rates_cost_from_money_and_shows_the_figures() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(
        dir.path(),
        "a.toml",
        &format!(
            "{COMPLETE}\nestimate_cost = true\nregion = \"us-east-1\"\ntasks = 10\ntask_vcpu = 1\ntask_memory_gib = 2\n"
        ),
    );
    let report = recommend_json(&answers, &[]);
    let cost: Cost = serde_json::from_value(report.cost.clone().unwrap_or_default())
        .unwrap_or_else(|e| panic!("not the cost object: {e}"));
    assert_eq!(cost.monthly_usd["ecs-fargate"], Some(360.40));
    // COMPLETE has traffic = variable: traffic-variable gives Fargate +1 on cost, which
    // the money supersedes. Ratings: 1 + 4 × 360.40 / cost.
    let output = cmd()
        .args(["recommend", "--format", "json", "--no-input", "--answers"])
        .arg(&answers)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let ranking = json["ranking"].as_array().cloned().unwrap_or_default();
    for entry in ranking {
        let id = entry["pattern"].as_str().unwrap_or_default().to_owned();
        let criterion: CostCriterion =
            serde_json::from_value(entry["criteria"]["cost"].clone()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let money = criterion.money.unwrap_or_else(|| panic!("{id}: no money in the trace"));
        let usd = cost.monthly_usd[&id].unwrap_or_default();
        assert_eq!(
            (money.monthly_usd, money.cheapest_usd, money.cheapest_pattern.as_str()),
            (usd, 360.40, "ecs-fargate")
        );
        assert!(!money.deltas_applied);
        assert!((criterion.rating - (1.0 + 4.0 * 360.40 / usd)).abs() < 1e-9, "{id}");
        // Money sets the rating alone: the superseded deltas are not listed, and the
        // reason is the money's.
        assert!(criterion.deltas.is_empty(), "{id}: no base-plus-delta arithmetic beside the money");
        let reason = entry["criteria"]["cost"]["reason"].as_str().unwrap_or_default();
        assert!(reason.contains("from the estimate") && reason.contains(&format!("${usd:.2}")), "{id}: {reason}");
    }
    cmd()
        .args(["recommend", "--no-input", "--explain", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("Monthly cost estimate (USD)"))
        .stdout(predicate::str::contains("5.00 ($)"))
        .stdout(predicate::str::contains("1 + 4 × 360.40 / 441.50 = 4.27"))
        .stdout(predicate::str::contains("traffic-variable (+1)").not());
    // The first screen prices every eligible pattern.
    cmd()
        .args(["recommend", "--no-input", "--answers"])
        .arg(&answers)
        .assert()
        .success()
        .stdout(predicate::str::contains("USD/month"))
        .stdout(predicate::str::contains("360.40"));
}

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| default_rules().unwrap_or_else(|e| panic!("{e}")))
}

/// Monthly USD per pattern, `None` where it cannot run the workload.
fn monthly(workload: &Workload) -> Vec<Option<f64>> {
    let rules = rules();
    let pricing = rules.pricing.get().unwrap_or_else(|| panic!("pricing"));
    let estimate = estimate(pricing, &rules.patterns, workload).unwrap_or_else(|| panic!("region"));
    estimate.patterns.iter().map(|p| p.monthly_usd).collect()
}

/// `after` never costs less than `before`, and what cannot run stays so.
fn never_less(before: &[Option<f64>], after: &[Option<f64>]) -> Result<(), TestCaseError> {
    for (b, a) in before.iter().zip(after) {
        match (b, a) {
            (Some(b), Some(a)) => prop_assert!(a + 1e-9 >= *b, "{a} < {b}"),
            (None, Some(a)) => prop_assert!(false, "unpriceable before, {a} after"),
            (_, None) => {}
        }
    }
    Ok(())
}

fn workload_strategy() -> impl Strategy<Value = Workload> {
    (
        prop::sample::select(vec!["us-east-1", "ap-northeast-1"]),
        1u32..300,
        1u32..=64,
        2u32..=480,
        prop::sample::select(vec![Arch::X86_64, Arch::Arm64]),
        1u32..=5,
        prop::sample::select(vec![Purchase::OnDemand, Purchase::SavingsPlan, Purchase::Spot]),
        50u32..=100,
    )
        .prop_map(|(region, tasks, quarter_vcpu, quarter_gib, arch, clusters, purchase, target)| Workload {
            region: region.to_owned(),
            tasks,
            task_vcpu: f64::from(quarter_vcpu) / 4.0,
            task_memory_gib: f64::from(quarter_gib) / 4.0,
            arch,
            clusters,
            purchase,
            ec2_utilisation_target: target,
            hours: 730.0,
            gpu: false,
            task_gpus: 0,
            public_ipv4: false,
            extended_support: false,
            windows: false,
        })
}

proptest! {
    #[test]
    fn more_tasks_never_cost_less(workload in workload_strategy(), more in 1u32..200) {
        let mut larger = workload.clone();
        larger.tasks += more;
        never_less(&monthly(&workload), &monthly(&larger))?;
    }

    #[test]
    fn a_larger_task_never_costs_less(workload in workload_strategy(), extra_vcpu in 0u32..16, extra_gib in 0u32..64) {
        let mut larger = workload.clone();
        larger.task_vcpu += f64::from(extra_vcpu) / 4.0;
        larger.task_memory_gib += f64::from(extra_gib) / 4.0;
        never_less(&monthly(&workload), &monthly(&larger))?;
    }
}

#[test]
fn cost_command_in_every_document_format() {
    let args = [
        "cost",
        "--set",
        "region=us-east-1",
        "--set",
        "tasks=10",
        "--set",
        "task_vcpu=1",
        "--set",
        "task_memory_gib=2",
    ];
    let run = |format: &str| {
        let output = support::cmd().args(args).args(["--format", format]).output().unwrap_or_else(|e| panic!("{e}"));
        assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let markdown = run("markdown");
    assert!(markdown.contains("| ECS on Fargate (cheapest) | 360.40 |"), "{markdown}");
    let html = run("html");
    assert!(html.starts_with("<!doctype html>") && html.contains("<section id=\"cost\">") && html.contains("360.40"));
    assert!(!html.contains("<script"));
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let fargate: f64 = reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| &r[0] == "ecs-fargate")
        .filter_map(|r| r[7].parse::<f64>().ok())
        .sum();
    assert!((fargate - 360.40).abs() < 0.011, "ECS on Fargate lines add up to {fargate}");
    support::cmd().args(args).args(["--format", "adr"]).assert().code(2);
}

#[test]
fn recommend_documents_carry_the_cost_section() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = support::write(
        dir.path(),
        "a.toml",
        &format!("{}\nregion = \"us-east-1\"\ntasks = 10\ntask_vcpu = 1\ntask_memory_gib = 2\n", support::COMPLETE),
    );
    for (format, needle) in [
        ("markdown", "## Monthly cost estimate (USD)"),
        ("html", "<section id=\"cost\">"),
        ("adr", "Monthly cost estimate (USD):"),
    ] {
        let output = support::cmd()
            .args(["recommend", "--no-input", "--format", format, "--answers"])
            .arg(&answers)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains(needle) && text.contains("360.40"), "{format} lacks the cost:\n{text}");
    }
}

#[test]
fn cost_prices_the_aws_managed_ec2_patterns_with_their_fees() {
    // The default rules' two AWS-run EC2 patterns. Hand-computed (us-east-1, 10 tasks of
    // 1 vCPU / 2 GiB, 80 %):
    //   ECS on Managed Instances: 7 × m6a.large: 441.50 + fee 7 × 0.010368 × 730 = 52.98 -> 494.48
    //   EKS Auto Mode: 2 × c6a.2xlarge: 446.76 + fee 2 × 0.03672 × 730 = 53.61 + 73.00 -> 573.37
    let output =
        cmd().args(["cost", "--format", "json"]).args(WORKLOAD).output().unwrap_or_else(|e| panic!("cannot run: {e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let cost = serde_json::from_slice::<CostOnly>(&output.stdout).unwrap_or_else(|e| panic!("{e}")).cost;
    assert_eq!(cost.monthly_usd["ecs-managed-instances"], Some(494.48));
    assert_eq!(cost.monthly_usd["eks-auto-mode"], Some(573.37));
    assert_eq!(cost.monthly_usd["ecs-ec2"], Some(441.50), "the seed patterns are unchanged");
    let fees: Vec<(&str, f64)> =
        cost.lines.iter().filter(|l| l.item == "management_fee").map(|l| (l.pattern.as_str(), l.monthly_usd)).collect();
    assert_eq!(fees, [("ecs-managed-instances", 52.98), ("eks-auto-mode", 53.61)]);
    let pairs: Vec<(&str, &str)> =
        cost.break_even.iter().map(|b| (b.ec2_pattern.as_str(), b.fargate_pattern.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("ecs-ec2", "ecs-fargate"),
            ("eks-ec2", "eks-fargate"),
            ("ecs-managed-instances", "ecs-fargate"),
            ("eks-auto-mode", "eks-fargate")
        ]
    );
    assert!(
        cost.sources.iter().any(|s| s.starts_with("Amazon EKS Pricing"))
            && cost.sources.iter().any(|s| s.starts_with("Amazon ECS Pricing"))
    );
}

/// The `cost` JSON for exactly these `--set` answers.
fn cost_of(sets: &[&str]) -> Cost {
    let mut command = cmd();
    command.args(["cost", "--format", "json"]);
    for set in sets {
        command.args(["--set", set]);
    }
    let output = command.output().unwrap_or_else(|e| panic!("cannot run: {e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice::<CostOnly>(&output.stdout).unwrap_or_else(|e| panic!("{e}")).cost
}

fn line_amounts(cost: &Cost, pattern: &str) -> Vec<(String, f64)> {
    cost.lines.iter().filter(|l| l.pattern == pattern).map(|l| (l.item.clone(), l.monthly_usd)).collect()
}

#[test]
fn one_workload_in_three_new_regions() {
    // 10 tasks of 1 vCPU / 2 GiB, x86, on demand, 80 %. EC2 prices there are the Region's
    // own (SkyPilot catalogue copy of AWS's price list, medium), per `large` × vCPU / 2:
    //   Frankfurt: m6a.large 0.1035; c6a.large 0.0873 -> c6a.2xlarge 0.3492, c6a.4xlarge 0.6984.
    //   Sydney: m6a.large 0.108; c6a.large 0.0999 -> c6a.2xlarge 0.3996, c6a.4xlarge 0.7992.
    //   Mumbai: m6a.large 0.05555; c6a.large 0.04675 -> c6a.2xlarge 0.187, c6a.4xlarge 0.374.
    // ECS on EC2 packs 2 tasks per m6a.large (7 nodes) or 7 per c6a.2xlarge (2 nodes) or
    // 15 per c6a.4xlarge (1 node). Frankfurt: 7 × 0.1035 = 0.7245 > 2 × 0.3492 = 0.6984 =
    // 1 × 0.6984, a tie that keeps catalogue order: c6a.2xlarge. Sydney: 7 × 0.108 = 0.756
    // < 2 × 0.3996 = 0.7992: m6a.large. Mumbai: 7 × 0.05555 = 0.38885 > 2 × 0.187 = 0.374
    // (tie with c6a.4xlarge again): c6a.2xlarge. EKS on EC2: 2 × c6a.2xlarge (7 pods each)
    // everywhere (one c6a.4xlarge, 14 pods, ties and comes later).
    // Frankfurt: Fargate 10 × 0.04656 × 730 = 339.888 -> 339.89, 20 × 0.00511 × 730 = 74.606
    //   -> 74.61: 414.50. ECS on EC2 2 × 0.3492 × 730 = 509.832 -> 509.83. EKS on EC2
    //   509.83 + 73.00 = 582.83.
    // Sydney: Fargate 10 × 0.04856 × 730 = 354.488 -> 354.49, 20 × 0.00532 × 730 = 77.672
    //   -> 77.67: 432.16. ECS on EC2 7 × 0.108 × 730 = 551.88. EKS on EC2 2 × 0.3996 × 730
    //   = 583.416 -> 583.42 + 73.00 = 656.42.
    // Mumbai: Fargate 10 × 0.04256 × 730 = 310.688 -> 310.69, 20 × 0.00467 × 730 = 68.182
    //   -> 68.18: 378.87. ECS on EC2 2 × 0.187 × 730 = 273.02. EKS on EC2 273.02 + 73.00
    //   = 346.02.
    let expected = [
        ("eu-central-1", 414.50, 509.83, "c6a.2xlarge", 582.83),
        ("ap-southeast-2", 432.16, 551.88, "m6a.large", 656.42),
        ("ap-south-1", 378.87, 273.02, "c6a.2xlarge", 346.02),
    ];
    for (region, fargate, ecs_ec2, ecs_type, eks_ec2) in expected {
        let r = format!("region={region}");
        let cost = cost_of(&[&r, "tasks=10", "task_vcpu=1", "task_memory_gib=2"]);
        assert_eq!(cost.region, region);
        assert_eq!(cost.monthly_usd["ecs-fargate"], Some(fargate), "{region}");
        assert_eq!(cost.monthly_usd["ecs-ec2"], Some(ecs_ec2), "{region}");
        assert_eq!(cost.monthly_usd["eks-ec2"], Some(eks_ec2), "{region}");
        assert_eq!(cost.ec2["ecs-ec2"].instance_type, ecs_type, "{region}");
        assert_eq!(cost.ec2["eks-ec2"].instance_type, "c6a.2xlarge", "{region}");
        // The Region's own EC2 prices are medium: ECS and EKS on EC2 are not in the
        // low-confidence note (the Region's Fargate rates and the management fees still are).
        let low = cost.notes.iter().find(|n| n.text.contains("low confidence")).map(|n| n.text.clone());
        assert!(
            low.as_ref().is_none_or(|t| !t.contains(&format!("ecs-ec2 {ecs_type} ({region})"))
                && !t.contains(&format!("eks-ec2 c6a.2xlarge ({region})"))),
            "{region}: {low:?}"
        );
    }
}

#[test]
fn a_16_vcpu_task_is_priced_on_every_pattern() {
    // us-east-1, 4 tasks of 16 vCPU / 32 GiB, on demand, 80 %:
    //   ECS on Fargate: 16 vCPU / 32 GiB is valid: 4 × 16 × 0.04048 × 730 = 1891.2256
    //     -> 1891.23; 4 × 32 × 0.004445 × 730 = 415.3408 -> 415.34; total 2306.57.
    //   EKS on Fargate: 32.25 GiB -> 16 vCPU / 40 GiB: 1891.23 + 4 × 40 × 0.004445 × 730
    //     (519.176 -> 519.18) + 73.00 = 2483.41.
    //   ECS on EC2: m6a.4xlarge (16 / 64, $0.6912) holds one task (ECS keeps no CPU):
    //     ⌈4 × 100 / 80⌉ = 5 nodes × 0.6912 × 730 = 2522.88 (m6a.8xlarge: 2 per node, 3
    //     nodes × 1.3824 = 4.1472 $/h > 5 × 0.6912 = 3.456).
    //   ECS on Managed Instances: the same 5 nodes + fee 5 × 0.082944 × 730 = 302.7456
    //     -> 302.75: 2825.63.
    //   EKS on EC2: a 16-vCPU node keeps 0.235 vCPU, so no 16-vCPU type holds a pod;
    //     c6a.24xlarge (96 / 192, $3.672) keeps 0.435 vCPU and 8.26 GiB: 5 pods, 1 node:
    //     3.672 × 730 = 2680.56 + 73.00 = 2753.56.
    //   EKS Auto Mode: 2680.56 + fee 0.44064 × 730 = 321.6672 -> 321.67 + 73.00 = 3075.23.
    let cost = cost_of(&["region=us-east-1", "tasks=4", "task_vcpu=16", "task_memory_gib=32"]);
    let expected = [
        ("ecs-fargate", 2306.57),
        ("eks-fargate", 2483.41),
        ("ecs-ec2", 2522.88),
        ("ecs-managed-instances", 2825.63),
        ("eks-ec2", 2753.56),
        ("eks-auto-mode", 3075.23),
    ];
    for (pattern, usd) in expected {
        assert_eq!(cost.monthly_usd[pattern], Some(usd), "{pattern}");
    }
    assert_eq!((cost.ec2["ecs-ec2"].instance_type.as_str(), cost.ec2["ecs-ec2"].count), ("m6a.4xlarge", 5));
    assert_eq!((cost.ec2["eks-ec2"].instance_type.as_str(), cost.ec2["eks-ec2"].count), ("c6a.24xlarge", 1));
}

#[test]
fn a_gpu_workload_is_packed_onto_gpu_instances() {
    // us-east-1, 6 tasks of 8 vCPU / 32 GiB and 2 GPUs each. Fargate has no GPUs.
    // g6.12xlarge (48 vCPU, 192 GiB, 4 GPUs, $4.6016) holds 2 tasks by GPU; ⌈6 × 100 /
    // (80 × 2)⌉ = 4 nodes: 4 × 4.6016 × 730 = 13436.672 -> 13436.67 (g6.48xlarge: 4 per
    // node, 2 nodes × 13.3504 = 26.7008 $/h > 4 × 4.6016 = 18.4064).
    // EKS on EC2: the node keeps 0.315 vCPU and 2.86 GiB and runs 3 system pods (aws-node,
    // kube-proxy, the NVIDIA device plugin): still 2 pods: 13436.67 + 73.00 = 13509.67.
    // ECS on Managed Instances: + fee 4 × 0.552192 × 730 = 1612.40064 -> 1612.40: 15049.07.
    let cost =
        cost_of(&["region=us-east-1", "tasks=6", "task_vcpu=8", "task_memory_gib=32", "gpu=true", "task_gpus=2"]);
    assert_eq!(cost.monthly_usd["ecs-ec2"], Some(13436.67));
    assert_eq!(cost.monthly_usd["eks-ec2"], Some(13509.67));
    assert_eq!(cost.monthly_usd["ecs-managed-instances"], Some(15049.07));
    assert_eq!(cost.monthly_usd["ecs-fargate"], None);
    assert_eq!(cost.monthly_usd["eks-fargate"], None);
    assert_eq!((cost.ec2["ecs-ec2"].instance_type.as_str(), cost.ec2["ecs-ec2"].count), ("g6.12xlarge", 4));
    assert!(cost.notes.iter().any(|n| n.text.starts_with("Not priced: Fargate has no GPUs")));
}

#[test]
fn public_ipv4_addresses_are_a_line_per_task_or_node() {
    // $0.005 per address-hour. ECS on Fargate: 10 tasks × 0.005 × 730 = 36.50 -> 396.90.
    // ECS on EC2: 7 nodes × 0.005 × 730 = 25.55 -> 441.50 + 25.55 = 467.05.
    // EKS on EC2: 2 nodes -> 7.30 -> 519.76 + 7.30 = 527.06.
    // EKS on Fargate: private subnets only, no address: 465.85, and a NAT gateway note.
    let cost = cost_of(&["region=us-east-1", "tasks=10", "task_vcpu=1", "task_memory_gib=2", "public_ipv4=true"]);
    assert_eq!(
        line_amounts(&cost, "ecs-fargate"),
        [("fargate_vcpu".to_owned(), 295.50), ("fargate_memory".to_owned(), 64.90), ("public_ipv4".to_owned(), 36.50)]
    );
    assert_eq!(cost.monthly_usd["ecs-fargate"], Some(396.90));
    assert_eq!(cost.monthly_usd["ecs-ec2"], Some(467.05));
    assert_eq!(cost.monthly_usd["eks-ec2"], Some(527.06));
    assert_eq!(cost.monthly_usd["eks-fargate"], Some(465.85));
    assert!(line_amounts(&cost, "eks-fargate").iter().all(|(item, _)| item != "public_ipv4"));
    // The default is no public address: no such line.
    let cost = cost_of(&["region=us-east-1", "tasks=10", "task_vcpu=1", "task_memory_gib=2"]);
    assert!(cost.lines.iter().all(|l| l.item != "public_ipv4"));
}

#[test]
fn eks_on_fargate_notes_the_nat_gateway_of_its_private_subnets() {
    // us-east-1 NAT gateway: $0.045 per hour (0.045 × 730 = 32.85 a month) and per GB.
    let cost = cost_of(&["region=us-east-1", "tasks=10", "task_vcpu=1", "task_memory_gib=2"]);
    let nat = cost.notes.iter().find(|n| n.text.contains("NAT gateway")).unwrap_or_else(|| panic!("no NAT note"));
    assert_eq!(nat.patterns, ["eks-fargate"]);
    assert!(nat.text.contains("$0.045 per hour, about $32.85 a month each") && nat.text.contains("$0.045 per GB"));
}

#[test]
fn windows_on_ecs_fargate_pays_windows_rates_and_the_licence() {
    // us-east-1 Windows on Fargate (AWS's AmazonECS offer of 2025-08-28): vCPU 10 ×
    // 0.046552 × 730 = 339.8296 -> 339.83; memory 20 × 0.00511175 × 730 = 74.63155 ->
    // 74.63; licence 10 × 0.046 × 730 = 335.80; total 339.83 + 74.63 + 335.80 = 750.26.
    let cost = cost_of(&["region=us-east-1", "tasks=10", "task_vcpu=1", "task_memory_gib=2", "windows=true"]);
    assert_eq!(
        line_amounts(&cost, "ecs-fargate"),
        [
            ("fargate_vcpu".to_owned(), 339.83),
            ("fargate_memory".to_owned(), 74.63),
            ("windows_license".to_owned(), 335.80)
        ]
    );
    assert_eq!(cost.monthly_usd["ecs-fargate"], Some(750.26));
}

#[test]
fn eks_extended_support_charges_the_higher_control_plane_rate() {
    // $0.60 instead of $0.10 per cluster-hour: 0.60 × 730 = 438.00.
    // EKS on EC2: 446.76 + 438.00 = 884.76; EKS on Fargate: 295.50 + 97.35 + 438.00 = 830.85.
    let cost =
        cost_of(&["region=us-east-1", "tasks=10", "task_vcpu=1", "task_memory_gib=2", "eks_extended_support=true"]);
    assert_eq!(
        line_amounts(&cost, "eks-ec2"),
        [("ec2_instances".to_owned(), 446.76), ("control_plane".to_owned(), 438.00)]
    );
    assert_eq!(cost.monthly_usd["eks-ec2"], Some(884.76));
    assert_eq!(cost.monthly_usd["eks-fargate"], Some(830.85));
    assert_eq!(cost.monthly_usd["ecs-ec2"], Some(441.50), "ECS has no control plane");
}
