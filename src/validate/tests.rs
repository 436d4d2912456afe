use std::fmt::Write as _;

use crate::diag::{self, Code, Severity};
use crate::testing::{mini_sources, mini_validated};

/// One broken overlay per diagnostic code: (code, file text).
const CASES: &[(Code, &str)] = &[
    (Code::InvalidToml, "[[rule]]\nid = \"x\"\nwhen = { q = \"gpu\", is = true \n"),
    (Code::InvalidToml, "[[rule]]\nid = \"x\"\nwhenn = { q = \"gpu\", is = true }\n"),
    (
        Code::DuplicateId,
        "[[rule]]\nid = \"dup\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n\n[[rule]]\nid = \"dup\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::InvalidId,
        "[[rule]]\nid = \"Bad Id\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::UnknownQuestion,
        "[[rule]]\nid = \"x\"\nwhen = { q = \"gpus\", is = true }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::UnknownOption,
        "[[rule]]\nid = \"x\"\nwhen = { q = \"size\", in = [\"huge\"] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::UnknownCriterion,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"costs\", factor = 2 }]\n",
    ),
    (
        Code::UnknownPattern,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ exclude = { pattern = \"gamma\" } }]\n",
    ),
    (
        Code::TypeMismatch,
        "[[rule]]\nid = \"x\"\nwhen = { q = \"size\", gte = 3 }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::OutOfRange,
        "[[rating]]\npattern = \"alpha\"\ncriterion = \"cost\"\nvalue = 7\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\n",
    ),
    (
        Code::MissingRating,
        "[[pattern]]\nid = \"gamma\"\norchestrator = \"ecs\"\ncapacity = \"fargate\"\nname = { en = \"G\", ja = \"G\" }\nsummary = { en = \"g\", ja = \"g\" }\n",
    ),
    (
        Code::MissingSource,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::MissingTranslation,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"only English\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::InvalidEffect,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2, exclude = { pattern = \"beta\" } }]\n",
    ),
    (
        Code::InvalidCondition,
        "[[rule]]\nid = \"x\"\nwhen = { q = \"gpu\", is = true, in = [\"a\"] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::EmptySelector,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ exclude = {} }]\n",
    ),
    (
        Code::SelectorMatchesNothing,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ exclude = { orchestrator = \"ecs\", capacity = \"fargate\" } }]\n",
    ),
    (
        Code::InvalidDefault,
        "[[question]]\nid = \"size\"\nkind = \"single\"\ndefault = \"medium\"\ntext = { en = \"How big?\", ja = \"規模は？\" }\noptions = [{ id = \"small\", label = { en = \"S\", ja = \"小\" } }, { id = \"large\", label = { en = \"L\", ja = \"大\" } }]\n",
    ),
];

#[test]
fn every_case_reports_its_code_with_a_position() {
    for (code, text) in CASES {
        let sources = mini_sources(&[("broken.toml", text)]);
        let validated = crate::validate::validate(&sources);
        let found: Vec<_> = validated.diagnostics.iter().filter(|d| d.code == *code).collect();
        assert!(!found.is_empty(), "{code}: got {:?}", validated.diagnostics);
        if *code != Code::MissingRating {
            let position = found[0].position(&sources.sources).unwrap_or_default();
            assert!(position.starts_with("team/broken.toml:"), "{code}: {position}");
        }
        if found[0].severity == Severity::Error {
            assert!(validated.rules.is_none(), "{code}: errors must stop the advice");
        }
    }
}

#[test]
fn rendered_diagnostics_snapshot() {
    let mut all = String::new();
    for (code, text) in CASES {
        let sources = mini_sources(&[("broken.toml", text)]);
        let validated = crate::validate::validate(&sources);
        let _ = writeln!(all, "=== {code}");
        all.push_str(&diag::render(&validated.diagnostics, &sources.sources, false));
    }
    insta::assert_snapshot!("diagnostics", all);
}

#[test]
fn every_code_except_input_only_ones_has_a_fixture() {
    let input_only = [
        Code::InvalidUtf8,
        Code::EmptyRuleSet,
        Code::NestingTooDeep,
        Code::UnusedOption,
        Code::MissingAnswer,
        Code::InvalidAnswer,
    ];
    for code in Code::ALL {
        if input_only.contains(code) {
            continue;
        }
        assert!(CASES.iter().any(|(c, _)| c == code), "no fixture for {code}");
    }
}

#[test]
fn reports_every_problem_not_just_the_first() {
    let text = "[[rule]]\nid = \"x\"\nwhen = { q = \"nope\", is = true }\nreason = { en = \"a\" }\neffects = [{ weight = \"nope\", factor = -1 }]\n";
    let validated = mini_validated(&[("broken.toml", text)]);
    let codes: Vec<Code> = validated.diagnostics.iter().map(|d| d.code).collect();
    for expected in
        [Code::UnknownQuestion, Code::MissingTranslation, Code::MissingSource, Code::UnknownCriterion, Code::OutOfRange]
    {
        assert!(codes.contains(&expected), "missing {expected} in {codes:?}");
    }
}

#[test]
fn overlay_replaces_same_id_in_place_and_appends_new_ids() {
    let text = "[[pattern]]\nid = \"alpha\"\norchestrator = \"ecs\"\ncapacity = \"ec2\"\nname = { en = \"Alpha prime\", ja = \"アルファ改\" }\nsummary = { en = \"s\", ja = \"s\" }\n\n[[rating]]\npattern = \"beta\"\ncriterion = \"cost\"\nvalue = 5\nreason = { en = \"negotiated discount\", ja = \"割引契約がある\" }\nsource = \"team policy\"\n";
    let validated = mini_validated(&[("ours.toml", text)]);
    let rules = validated.rules.unwrap_or_else(|| panic!("{:?}", validated.diagnostics));
    assert_eq!(rules.patterns[0].id, "alpha");
    assert_eq!(rules.patterns[0].name.en, "Alpha prime");
    assert_eq!(rules.ratings[1][0].value, 5);
    assert_eq!(rules.ratings[1][0].source, "team policy");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 40;
    let condition = format!("{}{{ q = \"gpu\", is = true }}{}", "{ not = ".repeat(depth), " }".repeat(depth));
    let text = format!(
        "[[rule]]\nid = \"x\"\nwhen = {condition}\nreason = {{ en = \"a\", ja = \"あ\" }}\nsource = \"s\"\neffects = [{{ weight = \"cost\", factor = 2 }}]\n"
    );
    let validated = mini_validated(&[("deep.toml", &text)]);
    assert!(validated.diagnostics.iter().any(|d| d.code == Code::NestingTooDeep), "{:?}", validated.diagnostics);
}

#[test]
fn unread_options_are_warnings_that_do_not_stop_the_advice() {
    let text = "[[question]]\nid = \"color\"\nkind = \"single\"\ndefault = \"red\"\ntext = { en = \"Colour?\", ja = \"色は？\" }\noptions = [{ id = \"red\", label = { en = \"Red\", ja = \"赤\" } }]\n";
    let validated = mini_validated(&[("q.toml", text)]);
    assert!(validated.rules.is_some());
    assert!(validated.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    assert!(validated.diagnostics.iter().any(|d| d.code == Code::UnusedOption));
}

#[test]
fn note_without_text_says_the_rule_reason() {
    let text = "[[rule]]\nid = \"n\"\nwhen = { all = [] }\nreason = { en = \"Because.\", ja = \"理由。\" }\nsource = \"s\"\neffects = [{ note = { pattern = \"beta\" }, kind = \"risk\" }]\n";
    let rules = mini_validated(&[("n.toml", text)]).rules.unwrap_or_else(|| panic!("invalid"));
    let rule = rules.rules.iter().find(|r| r.id == "n").unwrap_or_else(|| panic!("no rule"));
    assert!(matches!(&rule.effects[0], crate::model::Effect::Note { text, .. } if text.en == "Because."));
}
