//! The JSON Schema of every `--format json` output, generated from the report types
//! (`schemars`), so the published contract (`docs/schema/*.schema.json`) follows the
//! code. `tests/json_schema.rs` checks the committed files against these and
//! validates real outputs with them.

use crate::reach::Reach;
use crate::report::catalogue::Catalogue;
use crate::report::compare::CompareReport;
use crate::report::versus::VersusReport;
use crate::report::{CostOnlyReport, Report};

/// Every JSON output: its file stem under `docs/schema/`, the command that prints
/// it, and its schema as pretty JSON with a final newline.
pub fn json_schemas() -> Vec<(&'static str, &'static str, String)> {
    fn pretty(schema: &schemars::Schema) -> String {
        let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
        text.push('\n');
        text
    }
    vec![
        ("recommend", "recommend --format json", pretty(&schemars::schema_for!(Report))),
        ("recommend-versus", "recommend --versus FILE --format json", pretty(&schemars::schema_for!(VersusReport))),
        ("compare", "compare --format json (with or without answers)", pretty(&schemars::schema_for!(CompareReport))),
        ("cost", "cost --format json", pretty(&schemars::schema_for!(CostOnlyReport))),
        ("rules-list", "rules list --format json", pretty(&schemars::schema_for!(Catalogue))),
        ("rules-reach", "rules reach --format json", pretty(&schemars::schema_for!(Reach))),
    ]
}
