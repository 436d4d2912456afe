//! The JSON contract (`docs/json.md`): a JSON Schema for every `--format json`
//! output lives in `docs/schema/`, equal to what the code generates (so it never goes
//! stale), and the outputs of real runs validate against it.
//!
//! After changing a report type, regenerate the files with
//! `UPDATE_SCHEMAS=1 cargo test --test json_schema`.

mod support;

use std::path::{Path, PathBuf};

use container_advisor::app::schema::json_schemas;
use support::{COMPLETE, cmd, write};

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema")
}

#[test]
fn committed_schemas_match_the_code() {
    let dir = schema_dir();
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, _, schema) in json_schemas() {
        let path = dir.join(format!("{name}.schema.json"));
        if update {
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(&path, &schema).unwrap_or_else(|e| panic!("{e}"));
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(schema.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale or missing JSON Schema files: {stale:?}\nregenerate them: UPDATE_SCHEMAS=1 cargo test --test json_schema"
    );
    // No file is left over from an output that no longer exists.
    let names: Vec<String> = json_schemas().iter().map(|(n, _, _)| format!("{n}.schema.json")).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        assert!(names.contains(&file), "docs/schema/{file} belongs to no output");
    }
}

#[test]
fn docs_json_md_lists_every_schema() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md")).unwrap_or_default();
    for (name, command, _) in json_schemas() {
        assert!(doc.contains(&format!("schema/{name}.schema.json")), "docs/json.md does not link {name}");
        assert!(doc.contains(command), "docs/json.md does not name `{command}`");
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let (_, _, text) = json_schemas().into_iter().find(|(n, _, _)| *n == name).unwrap_or_else(|| panic!("{name}"));
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("invalid schema {name}: {e}"))
}

fn output_of(args: &[&str]) -> serde_json::Value {
    let output = cmd().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn assert_valid(name: &str, value: &serde_json::Value, what: &str) {
    let errors: Vec<String> =
        validator(name).iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match docs/schema/{name}.schema.json:\n{}", errors.join("\n"));
}

const PRICED: [&str; 10] = [
    "--set",
    "estimate_cost=true",
    "--set",
    "region=us-east-1",
    "--set",
    "tasks=12",
    "--set",
    "task_vcpu=1",
    "--set",
    "task_memory_gib=2",
];

#[test]
fn outputs_validate_against_their_schemas() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let complete = write(dir.path(), "a.toml", COMPLETE);
    let complete = complete.to_str().unwrap_or_default();
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&scenarios)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    for file in files.iter().take(4) {
        let file = file.to_str().unwrap_or_default();
        let json = output_of(&["recommend", "--no-input", "--format", "json", "--answers", file]);
        assert_valid("recommend", &json, file);
    }
    let mut priced = vec!["recommend", "--no-input", "--format", "json", "--answers", complete];
    priced.extend(PRICED);
    let json = output_of(&priced);
    assert!(json["cost"].is_object(), "the priced run has a cost");
    assert_valid("recommend", &json, "a priced recommend");

    let versus = files[1].to_str().unwrap_or_default();
    let json = output_of(&["recommend", "--no-input", "--format", "json", "--answers", complete, "--versus", versus]);
    assert_valid("recommend-versus", &json, "recommend --versus");

    assert_valid("compare", &output_of(&["compare", "--format", "json"]), "compare");
    assert_valid("compare", &output_of(&["compare", "--format", "json", "--answers", complete]), "weighted compare");

    let mut cost = vec!["cost", "--format", "json"];
    cost.extend(&PRICED[2..]);
    assert_valid("cost", &output_of(&cost), "cost");

    assert_valid("rules-list", &output_of(&["rules", "list", "--format", "json"]), "rules list");
    assert_valid("rules-reach", &output_of(&["rules", "reach", "--sample", "50", "--format", "json"]), "rules reach");
}

#[test]
fn a_schema_rejects_what_breaks_the_contract() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let complete = write(dir.path(), "a.toml", COMPLETE);
    let mut json =
        output_of(&["recommend", "--no-input", "--format", "json", "--answers", complete.to_str().unwrap_or_default()]);
    json["schema_version"] = serde_json::Value::String("one".into());
    assert!(!validator("recommend").is_valid(&json));
}
