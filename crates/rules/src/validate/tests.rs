use std::fmt::Write as _;

use crate::diag::{self, Code, Severity};
use crate::model::Lang;
use crate::testing::{mini_sources, mini_validated};

/// A `[[pricing.region]]` header, for the pricing cases below.
macro_rules! region_head {
    () => {
        "[[pricing.region]]\nid = \"r1\"\nname = { en = \"Region one\", ja = \"リージョン 1\" }\n"
    };
}

/// The first figure of a region, valid.
macro_rules! first_figure {
    () => {
        "fargate_x86_vcpu_hour = { usd = 0.04, as_of = \"2026-06\", source = \"s\" }\n"
    };
}

/// Every other figure of a region, valid.
macro_rules! other_figures {
    () => {
        concat!(
            "fargate_x86_gb_hour = { usd = 0.004, as_of = \"2026-06\", source = \"s\" }\n",
            "fargate_arm64_vcpu_hour = { usd = 0.03, as_of = \"2026-06\", source = \"s\" }\n",
            "fargate_arm64_gb_hour = { usd = 0.003, as_of = \"2026-06\", source = \"s\" }\n",
            "fargate_ephemeral_gb_hour = { usd = 0.0001, as_of = \"2026-06\", source = \"s\" }\n",
            "savings_plan_ec2 = { factor = 0.7, as_of = \"2026-06\", source = \"s\" }\n",
            "savings_plan_fargate = { factor = 0.8, as_of = \"2026-06\", source = \"s\" }\n",
            "spot_ec2 = { factor = 0.5, as_of = \"2026-06\", source = \"s\" }\n",
            "spot_fargate = { factor = 0.6, as_of = \"2026-06\", source = \"s\" }\n",
        )
    };
}

/// One instance type priced in `r1` and one Fargate size.
macro_rules! catalogue {
    () => {
        concat!(
            "\n[[pricing.instance_type]]\nid = \"m6i.large\"\nfamily = \"general\"\narch = \"x86_64\"\nvcpu = 2\nmemory_gib = 8\n",
            "prices = [{ region = \"r1\", usd = 0.096, as_of = \"2026-11\", source = \"s\" }]\n",
            "\n[[pricing.fargate_size]]\nvcpu = 1\nmemory_gib = [2, 3, 4]\nsource = \"s\"\n",
        )
    };
}

/// Pattern `alpha` (ECS on EC2) of the mini rule set with a cost recipe.
macro_rules! alpha_with {
    ($cost:literal) => {
        concat!(
            "[[pattern]]\nid = \"alpha\"\norchestrator = \"ecs\"\ncapacity = \"ec2\"\ncost = ",
            $cost,
            "\nname = { en = \"Alpha\", ja = \"アルファ\" }\nsummary = { en = \"a\", ja = \"a\" }\n\n"
        )
    };
}

/// A management fee `eks-auto-mode` on `m6i.large` in `r1`, for an instance type id.
macro_rules! fee {
    ($instance:literal) => {
        concat!(
            "\n[[pricing.management_fee]]\nid = \"eks-auto-mode\"\nname = { en = \"Fee\", ja = \"料金\" }\n",
            "prices = [{ instance_type = \"",
            $instance,
            "\", region = \"r1\", usd = 0.01152, as_of = \"2026-11\", source = \"s\" }]\n",
        )
    };
}

/// One broken overlay per diagnostic code: (code, file text).
const CASES: &[(Code, &str)] = &[
    (Code::InvalidToml, "[[rule]]\nid = \"x\"\nwhen = { q = \"gpu\", is = true \n"),
    (Code::InvalidToml, "[[rule]]\nid = \"x\"\nwhenn = { q = \"gpu\", is = true }\n"),
    (Code::InvalidToml, alpha_with!("{ compute = \"ec2\", node_reserv = \"ecs\" }")),
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
    (Code::OutOfRange, alpha_with!("{ compute = \"fargate\", pod_overhead_gib = -0.25 }")),
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
        Code::UnknownSource,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s; tset §2\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::InvalidSource,
        "[[source]]\nid = \"bad\"\ntitle = { en = \"Bad\", ja = \"悪い\" }\npublisher = \"P\"\ndate = \"soon\"\nurl = \"javascript:alert(1)\"\n",
    ),
    (
        Code::InvalidDefault,
        "[[question]]\nid = \"size\"\nkind = \"single\"\ndefault = \"medium\"\ntext = { en = \"How big?\", ja = \"規模は？\" }\noptions = [{ id = \"small\", label = { en = \"S\", ja = \"小\" } }, { id = \"large\", label = { en = \"L\", ja = \"大\" } }]\n",
    ),
    (Code::MissingPrice, concat!(region_head!(), first_figure!(), catalogue!())),
    (
        Code::InvalidPrice,
        concat!(
            region_head!(),
            "fargate_x86_vcpu_hour = { usd = -0.04, as_of = \"2026-06\", source = \"s\" }\n",
            other_figures!(),
            catalogue!()
        ),
    ),
    (
        Code::PriceOutOfRange,
        concat!(
            region_head!(),
            "fargate_x86_vcpu_hour = { usd = 1e308, as_of = \"2026-06\", source = \"s\" }\n",
            other_figures!(),
            catalogue!()
        ),
    ),
    (
        Code::ControlCharacter,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\\u001b]52;c;eA==\\u0007\", ja = \"\u{202e}あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n",
    ),
    (
        Code::WeightOutOfRange,
        "[[criterion]]\nid = \"cost\"\nname = { en = \"Cost\", ja = \"コスト\" }\ndescription = { en = \"d\", ja = \"d\" }\nweight = 1e308\n",
    ),
    (
        Code::FactorOutOfRange,
        "[[rule]]\nid = \"x\"\nwhen = { all = [] }\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 1e6 }]\n",
    ),
    (
        Code::MissingAsOf,
        concat!(
            region_head!(),
            "fargate_x86_vcpu_hour = { usd = 0.04, source = \"s\" }\n",
            other_figures!(),
            catalogue!()
        ),
    ),
    (
        Code::MissingRegion,
        concat!(
            "[[question]]\nid = \"region\"\nkind = \"single\"\noptional = true\ntext = { en = \"Where?\", ja = \"どこか？\" }\n",
            "options = [{ id = \"r1\", label = { en = \"One\", ja = \"1\" } }, { id = \"r2\", label = { en = \"Two\", ja = \"2\" } }]\n\n",
            region_head!(),
            first_figure!(),
            other_figures!(),
            catalogue!()
        ),
    ),
    (
        Code::UnknownRegion,
        concat!(
            region_head!(),
            first_figure!(),
            other_figures!(),
            catalogue!(),
            "\n[[pricing.instance_type]]\nid = \"c6i.large\"\nfamily = \"compute\"\narch = \"x86_64\"\nvcpu = 2\nmemory_gib = 4\n",
            "prices = [{ region = \"r2\", usd = 0.085, as_of = \"2026-11\", source = \"s\" }]\n"
        ),
    ),
    (
        Code::UnknownInstanceType,
        concat!(region_head!(), first_figure!(), other_figures!(), catalogue!(), fee!("m6i.larg")),
    ),
    (
        Code::UnknownPriceKey,
        concat!(
            alpha_with!("{ compute = \"ec2\", node_reserve = \"ecs\", management_fee = \"eks-automode\" }"),
            region_head!(),
            first_figure!(),
            other_figures!(),
            catalogue!(),
            fee!("m6i.large")
        ),
    ),
    (Code::CostRecipeMismatch, alpha_with!("{ compute = \"ec2\", node_reserve = \"ecs\", arm64 = false }")),
    (Code::CostRecipeMismatch, alpha_with!("{ compute = \"ec2\", management_fee = \"eks-auto-mode\" }")),
    (Code::CostRecipeMismatch, alpha_with!("{ compute = \"fargate\", node_reserve = \"eks\" }")),
];

/// The cases whose text is too long to write out: every fixture, as owned text.
fn cases() -> Vec<(Code, String)> {
    let long = format!(
        "[[rule]]\nid = \"x\"\nwhen = {{ all = [] }}\nreason = {{ en = \"\"\"\n{}\"\"\", ja = \"あ\" }}\nsource = \"s\"\neffects = [{{ weight = \"cost\", factor = 2 }}]\n",
        "word word word word word word word word word word\n".repeat(90)
    );
    let many = format!(
        "[[rule]]\nid = \"x\"\nwhen = {{ all = [] }}\nreason = {{ en = \"a\", ja = \"あ\" }}\nsource = \"s\"\neffects = [\n{}]\n",
        "  { weight = \"cost\", factor = 1 },\n".repeat(crate::validate::limits::MAX_EFFECTS + 1)
    );
    CASES
        .iter()
        .map(|(code, text)| (*code, (*text).to_owned()))
        .chain([(Code::TextTooLong, long), (Code::TooManyEntries, many)])
        .collect()
}

#[test]
fn every_case_reports_its_code_with_a_position() {
    for (code, text) in &cases() {
        let text = text.as_str();
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
    for (code, text) in &cases() {
        let text = text.as_str();
        let sources = mini_sources(&[("broken.toml", text)]);
        let validated = crate::validate::validate(&sources);
        let _ = writeln!(all, "=== {code}");
        all.push_str(&diag::render(&validated.diagnostics, &sources.sources, false, Lang::En));
    }
    insta::assert_snapshot!("diagnostics", all);
}

/// A few diagnostics as a Japanese user sees them: the same code, position and caret,
/// the message and help in Japanese.
#[test]
fn rendered_diagnostics_snapshot_in_japanese() {
    let mut all = String::new();
    for code in [
        Code::UnknownQuestion,
        Code::TypeMismatch,
        Code::MissingSource,
        Code::DuplicateId,
        Code::CostRecipeMismatch,
        Code::UnknownPriceKey,
    ] {
        let (_, text) = CASES.iter().find(|(c, _)| *c == code).copied().unwrap_or((code, ""));
        let sources = mini_sources(&[("broken.toml", text)]);
        let validated = crate::validate::validate(&sources);
        let _ = writeln!(all, "=== {code}");
        all.push_str(&diag::render(&validated.diagnostics, &sources.sources, false, Lang::Ja));
    }
    insta::assert_snapshot!("diagnostics_ja", all);
}

#[test]
fn every_code_except_input_only_ones_has_a_fixture() {
    // `pattern-never-wins` comes from `reach::check`, which has its own fixture;
    // `file-too-large` is found while reading a directory (tests/hardening.rs has it).
    let input_only = [
        Code::InvalidUtf8,
        Code::EmptyRuleSet,
        Code::NestingTooDeep,
        Code::UnusedOption,
        Code::InvalidAnswer,
        Code::PatternNeverWins,
        Code::FileTooLarge,
    ];
    let cases = cases();
    for code in Code::ALL {
        if input_only.contains(code) {
            continue;
        }
        assert!(cases.iter().any(|(c, _)| c == code), "no fixture for {code}");
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
    let text = "[[question]]\nid = \"color\"\nkind = \"single\"\ndefault = \"red\"\ntext = { en = \"Colour?\", ja = \"色は？\" }\noptions = [{ id = \"red\", label = { en = \"Red\", ja = \"赤\" } }, { id = \"blue\", label = { en = \"Blue\", ja = \"青\" } }]\n";
    let validated = mini_validated(&[("q.toml", text)]);
    assert!(validated.rules.is_some());
    assert!(validated.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    let unread: Vec<String> =
        validated.diagnostics.iter().filter(|d| d.code == Code::UnusedOption).map(|d| d.message.en.clone()).collect();
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert!(unread[0].contains("`blue`"), "the default option (the neutral answer) is not reported: {unread:?}");
}

#[test]
fn note_without_text_says_the_rule_reason() {
    let text = "[[rule]]\nid = \"n\"\nwhen = { all = [] }\nreason = { en = \"Because.\", ja = \"理由。\" }\nsource = \"s\"\neffects = [{ note = { pattern = \"beta\" }, kind = \"risk\" }]\n";
    let rules = mini_validated(&[("n.toml", text)]).rules.unwrap_or_else(|| panic!("invalid"));
    let rule = rules.rules.iter().find(|r| r.id == "n").unwrap_or_else(|| panic!("no rule"));
    assert!(matches!(&rule.effects[0], crate::model::Effect::Note { text, .. } if text.en == "Because."));
}

#[test]
fn a_rule_set_without_pricing_is_valid_and_has_none() {
    assert!(crate::testing::mini().pricing.is_none());
}

#[test]
fn pricing_overlay_replaces_a_region_and_an_instance_type_by_id() {
    let mut sources = mini_sources(&[]);
    let defaults = concat!(region_head!(), first_figure!(), other_figures!(), catalogue!());
    sources.add_text("mini/pricing.toml".into(), defaults, crate::load::Layer::Default);
    let overlay = concat!(
        region_head!(),
        "fargate_x86_vcpu_hour = { usd = 0.03, as_of = \"2026-10\", source = \"our contract\" }\n",
        other_figures!(),
        "\n[[pricing.instance_type]]\nid = \"m6i.large\"\nfamily = \"general\"\narch = \"x86_64\"\nvcpu = 2\nmemory_gib = 8\n",
        "prices = [{ region = \"r1\", usd = 0.05, as_of = \"2026-10\", source = \"our contract\" }]\n",
    );
    sources.add_text("team/pricing.toml".into(), overlay, crate::load::Layer::User);
    let validated = crate::validate::validate(&sources);
    let rules = validated.rules.unwrap_or_else(|| panic!("{:?}", validated.diagnostics));
    let pricing = rules.pricing.into_inner().unwrap_or_else(|| panic!("no pricing"));
    assert_eq!(pricing.regions.len(), 1);
    assert_eq!(pricing.regions[0].fargate_x86_vcpu_hour.usd, 0.03);
    assert_eq!(pricing.regions[0].fargate_x86_vcpu_hour.source, "our contract");
    assert_eq!(pricing.instance_types.len(), 1);
    assert_eq!(pricing.instance_types[0].prices.get("r1").map(|p| p.usd), Some(0.05));
    assert_eq!(pricing.fargate_sizes.len(), 1, "the default Fargate sizes stay");
}

#[test]
fn malformed_dates_and_factors_are_reported() {
    let text = concat!(
        region_head!(),
        "fargate_x86_vcpu_hour = { usd = 0.04, as_of = \"June 2026\", source = \"s\" }\n",
        "fargate_x86_gb_hour = { usd = 0.004, as_of = \"2026-06\", source = \"s\" }\n",
        "fargate_arm64_vcpu_hour = { usd = 0.03, as_of = \"2026-06\", source = \"s\" }\n",
        "fargate_arm64_gb_hour = { usd = 0.003, as_of = \"2026-06\", source = \"s\" }\n",
        "fargate_ephemeral_gb_hour = { usd = 0.0001, as_of = \"2026-06\" }\n",
        "savings_plan_ec2 = { factor = 1.5, as_of = \"2026-06\", source = \"s\" }\n",
        "savings_plan_fargate = { factor = 0.8, as_of = \"2026-06\", source = \"s\" }\n",
        "spot_ec2 = { factor = 0, as_of = \"2026-06\", source = \"s\" }\n",
        "spot_fargate = { factor = 0.6, as_of = \"2026-06\", source = \"s\" }\n",
        catalogue!(),
    );
    let validated = mini_validated(&[("pricing.toml", text)]);
    let codes: Vec<Code> = validated.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        vec![Code::MissingAsOf, Code::MissingSource, Code::InvalidPrice, Code::InvalidPrice],
        "{:?}",
        validated.diagnostics
    );
    assert!(validated.rules.is_none());
}

#[test]
fn a_region_without_instance_types_or_fargate_sizes_is_incomplete() {
    let text = concat!(region_head!(), first_figure!(), other_figures!());
    let validated = mini_validated(&[("pricing.toml", text)]);
    let messages: Vec<&str> = validated.diagnostics.iter().map(|d| d.message.en.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("no `[[pricing.fargate_size]]`")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("no non-burstable")), "{messages:?}");
    assert!(validated.diagnostics.iter().all(|d| d.code == Code::MissingPrice));
}

#[test]
fn cost_recipes_are_validated_into_the_model() {
    use crate::model::cost_recipe::{ComputeRecipe, NodeReserveProfile};
    let text = concat!(
        alpha_with!("{ compute = \"ec2\", node_reserve = \"eks\", control_plane = \"eks\" }"),
        "[[pattern]]\nid = \"beta\"\norchestrator = \"eks\"\ncapacity = \"fargate\"\n",
        "cost = { compute = \"fargate\", pod_overhead_gib = 0.25, fargate_spot = false }\n",
        "name = { en = \"Beta\", ja = \"ベータ\" }\nsummary = { en = \"b\", ja = \"b\" }\n",
    );
    let rules = mini_validated(&[("p.toml", text)]).rules.unwrap_or_else(|| panic!("invalid"));
    let alpha = rules.patterns[0].cost.clone().unwrap_or_else(|| panic!("no recipe"));
    assert_eq!(
        alpha.compute,
        ComputeRecipe::Ec2 { node_reserve: NodeReserveProfile::Eks, management_fee: None },
        "no pricing: the keys are not checked"
    );
    assert_eq!(alpha.control_plane.as_deref(), Some("eks"));
    let beta = rules.patterns[1].cost.clone().unwrap_or_else(|| panic!("no recipe"));
    assert_eq!(
        beta.compute,
        ComputeRecipe::Fargate {
            pod_overhead_gib: 0.25,
            fargate_spot: false,
            arm64: true,
            windows: true,
            public_ipv4: true
        }
    );
    assert!(crate::testing::mini().patterns.iter().all(|p| p.cost.is_none()), "the recipe is optional");
}

#[test]
fn recipe_keys_are_checked_against_the_pricing_with_a_suggestion() {
    let text = concat!(
        alpha_with!(
            "{ compute = \"ec2\", node_reserve = \"ecs\", control_plane = \"eks\", management_fee = \"eks-automode\" }"
        ),
        region_head!(),
        first_figure!(),
        other_figures!(),
        catalogue!(),
        fee!("m6i.large")
    );
    let validated = mini_validated(&[("p.toml", text)]);
    let found: Vec<(Code, String, Option<String>)> = validated
        .diagnostics
        .iter()
        .map(|d| (d.code, d.message.en.clone(), d.help.as_ref().map(|h| h.en.clone())))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(code, _, _)| *code == Code::UnknownPriceKey));
    assert!(found[0].1.contains("`control_plane = \"eks\"` names no `[[pricing.control_plane]]`"), "{found:?}");
    assert_eq!(found[1].2.as_deref(), Some("did you mean `eks-auto-mode`?"));
}

#[test]
fn control_planes_and_fees_are_validated_and_overlaid_by_id() {
    let plane = concat!(
        "\n[[pricing.control_plane]]\nid = \"eks\"\nname = { en = \"EKS control plane\", ja = \"EKS コントロールプレーン\" }\n",
        "prices = [{ region = \"r1\", usd = 0.1, as_of = \"2026-11\", source = \"s\" }]\n",
        "extended_support = [{ region = \"r1\", usd = 0.6, as_of = \"2026-11\", source = \"s\" }]\n",
    );
    let mut sources = mini_sources(&[]);
    let defaults =
        [concat!(region_head!(), first_figure!(), other_figures!(), catalogue!(), fee!("m6i.large")), plane].concat();
    sources.add_text("mini/pricing.toml".into(), &defaults, crate::load::Layer::Default);
    let overlay = concat!(
        "[[pricing.management_fee]]\nid = \"eks-auto-mode\"\nname = { en = \"Our fee\", ja = \"料金\" }\n",
        "prices = [{ instance_type = \"m6i.large\", region = \"r1\", usd = 0.01, as_of = \"2026-11\", source = \"our contract\" }]\n",
    );
    sources.add_text("team/fees.toml".into(), overlay, crate::load::Layer::User);
    let validated = crate::validate::validate(&sources);
    let pricing =
        validated.rules.and_then(|r| r.pricing.into_inner()).unwrap_or_else(|| panic!("{:?}", validated.diagnostics));
    let eks = pricing.control_plane("eks").unwrap_or_else(|| panic!("no control plane"));
    assert_eq!(
        (eks.prices.get("r1").map(|p| p.usd), eks.extended_support.get("r1").map(|p| p.usd)),
        (Some(0.1), Some(0.6))
    );
    let fee = pricing.management_fee("eks-auto-mode").unwrap_or_else(|| panic!("no fee"));
    assert_eq!(fee.name.en, "Our fee", "the overlay replaced the fee");
    let m6i = pricing.instance_types.iter().find(|t| t.id == "m6i.large").unwrap_or_else(|| panic!("no m6i.large"));
    assert_eq!(fee.price(m6i, "r1").map(|p| p.usd), Some(0.01));

    // A control plane must price every Region.
    let text = concat!(
        region_head!(),
        first_figure!(),
        other_figures!(),
        catalogue!(),
        "\n[[pricing.control_plane]]\nid = \"eks\"\nname = { en = \"EKS\", ja = \"EKS\" }\nprices = []\n",
    );
    let validated = mini_validated(&[("pricing.toml", text)]);
    assert!(
        validated.diagnostics.iter().any(|d| d.code == Code::MissingPrice && d.message.en.contains("no price in `r1`")),
        "{:?}",
        validated.diagnostics
    );
}
