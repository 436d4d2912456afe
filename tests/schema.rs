//! `rules schema` describes the rule files: every embedded file validates against it,
//! and a misspelt field does not; exported files start with the `#:schema` directive.

mod support;

use container_advisor::load::{DEFAULT_RULE_FILES, SCHEMA_FILE, rules_schema};

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&rules_schema()).unwrap_or_else(|e| panic!("{e}"));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("invalid schema: {e}"))
}

fn as_json(toml_text: &str) -> serde_json::Value {
    let table: toml::Table = toml::from_str(toml_text).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_value(table).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_embedded_rule_file_validates_against_the_schema() {
    let validator = validator();
    for (name, text) in DEFAULT_RULE_FILES {
        let errors: Vec<String> =
            validator.iter_errors(&as_json(text)).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_schema_rejects_unknown_fields_and_wrong_types() {
    let validator = validator();
    let misspelt = as_json("[[rule]]\nid = \"x\"\nwhenn = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\n");
    assert!(!validator.is_valid(&misspelt));
    let wrong_kind = as_json("[[question]]\nid = \"q\"\nkind = \"several\"\ntext = { en = \"a\", ja = \"あ\" }\n");
    assert!(!validator.is_valid(&wrong_kind));
}

#[test]
fn exported_files_point_editors_at_the_schema() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    support::cmd().args(["rules", "export"]).arg(dir.path()).assert().success();
    for (name, _) in DEFAULT_RULE_FILES {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap_or_default();
        assert!(text.starts_with(&format!("#:schema ./{SCHEMA_FILE}\n")), "{name}");
    }
    let schema = std::fs::read_to_string(dir.path().join(SCHEMA_FILE)).unwrap_or_default();
    assert_eq!(schema, rules_schema());
    support::cmd().args(["rules", "schema"]).assert().success().stdout(rules_schema());
}
