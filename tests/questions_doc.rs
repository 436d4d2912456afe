//! `docs/questions.md` is the question contract: every question of the embedded rules
//! with its id, kind, allowed values, default and `ask_if`. Its tables are generated
//! from the rules, and this test keeps them equal; after changing
//! `rules/questions.toml`, regenerate with `UPDATE_DOCS=1 cargo test --test questions_doc`.

use std::fmt::Write as _;
use std::path::Path;

use container_advisor::model::{QuestionKind, RuleSet};
use container_advisor::questionnaire::{describe, needed_for_estimate};

const BEGIN: &str = "<!-- generated: questions (UPDATE_DOCS=1 cargo test --test questions_doc) -->\n";
const END: &str = "<!-- end generated -->\n";

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The generated part: one row per question, in asking order.
fn generated(rules: &RuleSet) -> String {
    let mut out = String::from(BEGIN);
    out.push_str("| id | kind | allowed values | default | asked when |\n|---|---|---|---|---|\n");
    for q in &rules.questions {
        let allowed = match q.kind {
            QuestionKind::Bool => "`true`, `false`".to_owned(),
            QuestionKind::Number => match &q.range {
                Some(r) => {
                    let unit = r.unit.as_ref().map(|u| format!(" {}", u.en)).unwrap_or_default();
                    let whole = if r.integer { ", whole" } else { "" };
                    format!("{} – {}{unit}{whole}", r.min, r.max)
                }
                None => "a number".to_owned(),
            },
            QuestionKind::Single | QuestionKind::Multi => {
                let ids: Vec<String> = q.options.iter().map(|o| format!("`{}`", o.id)).collect();
                let max = match q.kind {
                    QuestionKind::Multi => format!("up to {} of ", q.max_choices.unwrap_or(q.options.len())),
                    _ => String::new(),
                };
                format!("{max}{}", ids.join(", "))
            }
        };
        let default = match (&q.default, q.optional) {
            _ if q.optional && needed_for_estimate(q) => "— (required when `estimate_cost = true`)".to_owned(),
            (Some(d), _) => format!("`{}`", d.to_toml()),
            (None, true) => "— (optional)".to_owned(),
            (None, false) => "— (required)".to_owned(),
        };
        let asked = q.ask_if.as_ref().map_or_else(|| "always".to_owned(), |c| format!("`{}`", describe(c)));
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            q.id,
            q.kind.as_str(),
            cell(&allowed),
            cell(&default),
            cell(&asked)
        );
    }
    out.push_str(END);
    out
}

#[test]
fn docs_questions_md_lists_every_question_of_the_rules() {
    let rules = container_advisor::default_rules().unwrap_or_else(|e| panic!("{e}"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/questions.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let (Some(start), Some(end)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/questions.md lacks the generated markers");
    };
    let current = &doc[start..end + END.len()];
    let wanted = generated(&rules);
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        let updated = format!("{}{wanted}{}", &doc[..start], &doc[end + END.len()..]);
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    assert_eq!(current, wanted, "docs/questions.md is stale: UPDATE_DOCS=1 cargo test --test questions_doc");
    for q in &rules.questions {
        assert!(current.contains(&format!("| `{}` |", q.id)), "{} is missing", q.id);
    }
}
