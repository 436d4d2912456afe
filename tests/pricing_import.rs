//! `pricing import` on small offer files written here in the AWS Price List bulk format
//! (products keyed by SKU with `attributes`, `terms.OnDemand` price dimensions,
//! `publicationDate`), then the estimate with `--rules DIR`. Figures by hand in comments.

mod support;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::cmd;

/// An offer file: `(attributes, USD per unit)` per product.
fn offer(code: &str, products: &[(Value, f64)]) -> Value {
    let mut by_sku = serde_json::Map::new();
    let mut on_demand = serde_json::Map::new();
    for (i, (attributes, usd)) in products.iter().enumerate() {
        let sku = format!("SKU{i:04}");
        by_sku.insert(sku.clone(), json!({ "sku": sku, "productFamily": "Compute", "attributes": attributes }));
        on_demand.insert(
            sku.clone(),
            json!({
                format!("{sku}.JRTCKXETXF"): {
                    "offerTermCode": "JRTCKXETXF",
                    "sku": sku,
                    "effectiveDate": "2026-11-01T00:00:00Z",
                    "priceDimensions": {
                        format!("{sku}.JRTCKXETXF.6YS6EN2CT7"): {
                            "rateCode": format!("{sku}.JRTCKXETXF.6YS6EN2CT7"),
                            "description": "per hour",
                            "beginRange": "0",
                            "endRange": "Inf",
                            "unit": "Hrs",
                            "pricePerUnit": { "USD": format!("{usd:.10}") },
                            "appliesTo": []
                        }
                    },
                    "termAttributes": {}
                }
            }),
        );
    }
    json!({
        "formatVersion": "v1.0",
        "disclaimer": "test",
        "offerCode": code,
        "version": "20261120000000",
        "publicationDate": "2026-11-20T00:00:00Z",
        "products": by_sku,
        "terms": { "OnDemand": on_demand, "Reserved": {} }
    })
}

fn ec2(region: &str, prefix: &str, instance: &str, os: &str) -> Value {
    json!({
        "servicecode": "AmazonEC2", "location": "EU (Stockholm)", "regionCode": region,
        "instanceType": instance, "usagetype": format!("{prefix}BoxUsage:{instance}"),
        "operatingSystem": os, "tenancy": "Shared", "preInstalledSw": "NA", "capacitystatus": "Used",
        "vcpu": "2", "memory": "8 GiB"
    })
}

fn usage(region: &str, usagetype: &str) -> Value {
    json!({ "location": "EU (Stockholm)", "regionCode": region, "usagetype": usagetype })
}

/// EC2, ECS and EKS offers for eu-north-1 (unknown to the built-in rules).
fn write_offers(dir: &Path) -> Vec<PathBuf> {
    let compute_offer = offer(
        "AmazonEC2",
        &[
            (ec2("eu-north-1", "EUN1-", "m6a.large", "Linux"), 0.0963),
            (ec2("eu-north-1", "EUN1-", "c6a.2xlarge", "Linux"), 0.3412),
            (ec2("eu-north-1", "EUN1-", "m6i.large", "Linux"), 0.107),
            // Skipped: Windows, and a type outside the catalogue.
            (ec2("eu-north-1", "EUN1-", "m6a.large", "Windows"), 0.01),
            (ec2("eu-north-1", "EUN1-", "x1e.xlarge", "Linux"), 0.01),
        ],
    );
    let fargate_offer = offer(
        "AmazonECS",
        &[
            (usage("eu-north-1", "EUN1-Fargate-vCPU-Hours:perCPU"), 0.0404),
            (usage("eu-north-1", "EUN1-Fargate-GB-Hours"), 0.0044),
            (usage("eu-north-1", "EUN1-Fargate-ARM-vCPU-Hours:perCPU"), 0.0323),
            (usage("eu-north-1", "EUN1-Fargate-ARM-GB-Hours"), 0.00355),
        ],
    );
    let cluster_offer = offer("AmazonEKS", &[(usage("eu-north-1", "EUN1-AmazonEKS-Hours:perCluster"), 0.10)]);
    [("ec2.json", compute_offer), ("ecs.json", fargate_offer), ("eks.json", cluster_offer)]
        .into_iter()
        .map(|(name, value)| support::write(dir, name, &value.to_string()))
        .collect()
}

fn import(files: &[PathBuf], out: &Path, extra: &[&str]) -> std::process::Output {
    cmd()
        .args(["pricing", "import"])
        .args(files)
        .arg("--output")
        .arg(out)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"))
}

fn monthly(cost: &Value, pattern: &str) -> Option<f64> {
    cost["cost"]["monthly_usd"][pattern].as_f64()
}

#[test]
fn offers_round_trip_through_import_to_an_estimate_in_a_new_region() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let files = write_offers(dir.path());
    let out = dir.path().join("overlay");
    let output = import(&files, &out, &[]);
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    for name in ["pricing.toml", "sources.toml", "questions.toml"] {
        assert!(out.join(name).is_file(), "{name}");
    }
    let pricing = std::fs::read_to_string(out.join("pricing.toml")).unwrap_or_default();
    assert!(pricing.contains("as_of = \"2026-11-20\""), "as_of is the publication date");
    assert!(pricing.contains("aws-price-list-amazonec2-2026-11-20"), "the offer is the source");
    assert!(!pricing.contains("x1e.xlarge"), "only the catalogue's types");

    // eu-north-1, 10 tasks of 1 vCPU / 2 GiB, 80 %:
    //   ECS on Fargate: 10 × 0.0404 × 730 = 294.92; 20 × 0.0044 × 730 = 64.24; 359.16.
    //   ECS on EC2: 7 × m6a.large 0.0963 × 730 = 492.093 -> 492.09 (Linux, not the
    //     Windows SKU; 2 × c6a.2xlarge = 0.6824 $/h > 7 × 0.0963 = 0.6741).
    //   EKS on EC2: 2 × c6a.2xlarge 0.3412 × 730 = 498.152 -> 498.15 + 0.10 × 730 = 571.15.
    let output = cmd()
        .args(["cost", "--format", "json", "--rules"])
        .arg(&out)
        .args(["--set", "region=eu-north-1", "--set", "tasks=10", "--set", "task_vcpu=1", "--set", "task_memory_gib=2"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let cost: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cost["cost"]["region"], "eu-north-1");
    assert_eq!(cost["cost"]["as_of"], "2026-06-13", "the oldest figure: the built-in management-fee ratio");
    assert_eq!(monthly(&cost, "ecs-fargate"), Some(359.16));
    assert_eq!(monthly(&cost, "ecs-ec2"), Some(492.09));
    assert_eq!(monthly(&cost, "eks-ec2"), Some(571.15));
    assert_eq!(cost["cost"]["ec2"]["ecs-ec2"]["instance_type"], "m6a.large");

    // The built-in Regions are untouched by the overlay.
    let output = cmd()
        .args(["cost", "--format", "json", "--rules"])
        .arg(&out)
        .args(["--set", "region=us-east-1", "--set", "tasks=10", "--set", "task_vcpu=1", "--set", "task_memory_gib=2"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"));
    let cost: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(monthly(&cost, "ecs-ec2"), Some(441.50));
}

#[test]
fn an_existing_overlay_is_refused_without_force() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let files = write_offers(dir.path());
    let out = dir.path().join("overlay");
    assert!(import(&files, &out, &[]).status.success());
    let again = import(&files, &out, &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert!(import(&files, &out, &["--force"]).status.success());
}

#[test]
fn a_bad_file_is_named_with_its_position_and_exits_2() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = support::write(dir.path(), "broken.json", "{\"offerCode\": \"AmazonEC2\",\n \"products\": {\"A\": ");
    let output = import(&[bad], &dir.path().join("out"), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.json") && stderr.contains("line 2"), "{stderr}");
    assert!(!dir.path().join("out").exists(), "nothing written");

    let other = support::write(dir.path(), "s3.json", &offer("AmazonS3", &[]).to_string());
    let output = import(&[other], &dir.path().join("out"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("AmazonS3"));

    let missing = import(&[dir.path().join("nope.json")], &dir.path().join("out"), &[]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn region_filter_and_a_region_without_fargate() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let files = write_offers(dir.path());
    // Only us-east-1 wanted: nothing in these files.
    let output = import(&files, &dir.path().join("a"), &["--region", "us-east-1"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no price"));
    // EC2 alone cannot make an unknown Region usable.
    let output = import(&files[..1], &dir.path().join("b"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("AmazonECS"));
}

#[test]
fn a_built_in_region_takes_the_imported_instance_prices() {
    // us-east-1 (no Region prefix in its usage types): m6a.large at $0.09 instead of
    // $0.0864. 7 × 0.09 = 0.63 $/h now costs more than 2 × c6a.2xlarge (7 tasks each) =
    // 0.612, so ECS on EC2 moves to c6a.2xlarge: 2 × 0.306 × 730 = 446.76. The rest keeps
    // the built-in figures.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = support::write(
        dir.path(),
        "ec2.json",
        &offer("AmazonEC2", &[(ec2("us-east-1", "", "m6a.large", "Linux"), 0.09)]).to_string(),
    );
    let out = dir.path().join("overlay");
    let output = import(&[file], &out, &[]);
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    assert!(!out.join("questions.toml").exists(), "no new Region");
    let output = cmd()
        .args(["cost", "--format", "json", "--rules"])
        .arg(&out)
        .args(["--set", "region=us-east-1", "--set", "tasks=10", "--set", "task_vcpu=1", "--set", "task_memory_gib=2"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"));
    let cost: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(monthly(&cost, "ecs-ec2"), Some(446.76));
    assert_eq!(cost["cost"]["ec2"]["ecs-ec2"]["instance_type"], "c6a.2xlarge");
    assert_eq!(monthly(&cost, "ecs-fargate"), Some(360.40));
}

#[test]
fn windows_ephemeral_and_extended_support_as_aws_spells_them() {
    // The usage types as AWS's AmazonECS offer for us-east-1 (2025-08-28) spells them,
    // with the Stockholm prefix (the Fargate prices are made-up fixture values). The EKS
    // offer bills extended support as a surcharge (`AmazonEKS-Hours:extendedSupport`,
    // $0.50) next to the $0.10 cluster-hour, so the imported extended-support price is
    // 0.10 + 0.50 = 0.60 per cluster-hour.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fargate_offer = offer(
        "AmazonECS",
        &[
            (usage("eu-north-1", "EUN1-Fargate-vCPU-Hours:perCPU"), 0.0404),
            (usage("eu-north-1", "EUN1-Fargate-GB-Hours"), 0.0044),
            (usage("eu-north-1", "EUN1-Fargate-EphemeralStorage-GB-Hours"), 0.000_105),
            (usage("eu-north-1", "EUN1-Fargate-Windows-vCPU-Hours:perCPU"), 0.04646),
            (usage("eu-north-1", "EUN1-Fargate-Windows-GB-Hours"), 0.00506),
            (usage("eu-north-1", "EUN1-Fargate-Windows-OS-Hours:perCPU"), 0.046),
        ],
    );
    let cluster_offer = offer(
        "AmazonEKS",
        &[
            (usage("eu-north-1", "EUN1-AmazonEKS-Hours:perCluster"), 0.10),
            (usage("eu-north-1", "EUN1-AmazonEKS-Hours:extendedSupport"), 0.50),
        ],
    );
    let mut files = write_offers(dir.path());
    files.truncate(1);
    files.push(support::write(dir.path(), "ecs-windows.json", &fargate_offer.to_string()));
    files.push(support::write(dir.path(), "eks-extended.json", &cluster_offer.to_string()));
    let out = dir.path().join("overlay");
    let output = import(&files, &out, &[]);
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let pricing = std::fs::read_to_string(out.join("pricing.toml")).unwrap_or_default();
    let ecs = "as_of = \"2026-11-20\", confidence = \"high\", source = \"aws-price-list-amazonecs-2026-11-20\"";
    for line in [
        format!("fargate_ephemeral_gb_hour = {{ usd = 0.000105, {ecs} }}"),
        format!("fargate_windows_vcpu_hour = {{ usd = 0.04646, {ecs} }}"),
        format!("fargate_windows_gb_hour = {{ usd = 0.00506, {ecs} }}"),
        format!("fargate_windows_license_vcpu_hour = {{ usd = 0.046, {ecs} }}"),
    ] {
        assert!(pricing.contains(&line), "{line} in:\n{pricing}");
    }
    let (_, extended) = pricing.split_once("extended_support = [").unwrap_or_else(|| panic!("{pricing}"));
    assert!(
        extended.contains("{ region = \"eu-north-1\", usd = 0.6, as_of = \"2026-11-20\", confidence = \"high\""),
        "0.10 + 0.50: {extended}"
    );
    // The estimate in extended support: 0.60 × 730 = 438.00 for the control plane.
    let output = cmd()
        .args(["cost", "--format", "json", "--rules"])
        .arg(&out)
        .args(["--set", "region=eu-north-1", "--set", "tasks=10", "--set", "task_vcpu=1", "--set", "task_memory_gib=2"])
        .args(["--set", "eks_extended_support=true"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"));
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    let cost: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let control_plane = cost["cost"]["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|l| l["pattern"] == "eks-ec2" && l["item"] == "control_plane")
        .unwrap_or_else(|| panic!("no control plane line: {cost}"));
    assert_eq!(control_plane["monthly_usd"].as_f64(), Some(438.00));
}
