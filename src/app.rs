//! The application layer: one function per command, taking an options value and
//! returning the value the binary renders and writes. Here live the workflows that
//! used to sit in `main.rs`: loading the selected rules, reading answers (in one
//! place, [`answers`]), checking `--patterns`, building each report.
//!
//! What this module must not do: parse arguments (clap stays in the binary), prompt
//! (the questionnaire needs a terminal, so the binary asks when [`answers::gather`]
//! says [`Gathered::Ask`](answers::Gathered::Ask)), read the environment (the binary
//! builds one [`Environment`] and passes it in), or write files and streams.

pub mod answers;
pub mod environment;
pub mod failure;
pub mod format;
pub mod questions;
pub mod schema;

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diag::{self, Diagnostic};
use crate::engine::robustness::{RobustnessOptions, analyse};
use crate::i18n::{Lang, Message};
use crate::load::RulesSelection;
use crate::model::{Answers, RuleSet};
use crate::msg;
use crate::questionnaire::complete_with_defaults;
use crate::reach::ReachOptions;
use crate::report::catalogue::Catalogue;
use crate::report::compare::CompareReport;
use crate::report::versus::VersusReport;
use crate::report::{CostOnlyReport, Format, RenderOptions, Report};
use crate::suggest::did_you_mean;

pub use answers::AnswerInput;
pub use environment::Environment;
pub use failure::{Failure, invalid};
pub use questions::{Questions, QuestionsFormat};

/// What every command knows: the environment, the language, and how diagnostics are
/// coloured.
#[derive(Debug, Clone)]
pub struct Context {
    /// The environment, read once by the binary.
    pub env: Environment,
    /// `--lang`, else the locale's.
    pub lang: Lang,
}

impl Context {
    /// Colour diagnostics on stderr?
    pub fn color(&self) -> bool {
        self.env.stderr_color()
    }
}

/// Rules that loaded, with the warnings found, rendered for stderr (empty when none).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated rules.
    pub rules: RuleSet,
    /// The rendered warnings, to print before the result.
    pub warnings: String,
}

/// Loads and validates the selected rules. Errors are a failure with every diagnostic
/// rendered and a summary line.
pub fn load_rules(selection: &RulesSelection, cx: &Context) -> Result<Loaded, Failure> {
    let (rules, diagnostics, sources) = crate::load_rules(selection)?;
    let rendered = diag::render(&diagnostics, &sources, cx.color(), cx.lang);
    match rules {
        Some(rules) => Ok(Loaded { rules, warnings: if diagnostics.is_empty() { String::new() } else { rendered } }),
        None => Err(Failure::Diagnostics(format!(
            "{rendered}{}",
            failure::summary(&diagnostics, &msg!("the rules are invalid", "ルールが不正です"), cx.lang)
        ))),
    }
}

/// Options of `recommend` once the answers are complete.
#[derive(Debug, Clone, Default)]
pub struct RecommendOptions {
    /// Seed of the robustness sampler.
    pub seed: u64,
    /// `--versus FILE`: the second answers (read with the same `--set`), and its label.
    pub versus: Option<PathBuf>,
    /// The label of the first answers (`--answers FILE`, else prompts and `--set`).
    pub answers_file: Option<PathBuf>,
}

/// The result of `recommend`: one report, or two side by side (`--versus`).
#[derive(Debug, Clone)]
pub enum Recommendation {
    /// One set of answers.
    Single(Box<Report>),
    /// `--versus`.
    Versus(Box<VersusReport>),
}

impl Recommendation {
    /// Renders in `format`.
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        match self {
            Self::Single(report) => report.render(format, options),
            Self::Versus(versus) => versus.render(format, options),
        }
    }

    /// Renders in `format`; a team template that fails names its file and line.
    pub fn try_render(&self, format: Format, options: &RenderOptions) -> Result<String, crate::error::InvalidInput> {
        match self {
            Self::Single(report) => report.try_render(format, options),
            Self::Versus(versus) => versus.try_render(format, options),
        }
    }
}

/// Evaluates answers, analyses robustness and builds the report.
pub fn report(rules: &RuleSet, answers: &Answers, defaulted: &[String], seed: u64, lang: Lang) -> Report {
    let evaluation = crate::evaluate(rules, answers);
    let robustness = analyse(&evaluation, &RobustnessOptions { seed, ..RobustnessOptions::default() });
    Report::new(rules, answers, defaulted, &evaluation, Some(&robustness), lang)
}

/// `recommend` with complete answers; with `versus`, the second answers file is read
/// (with the same `set`, defaults taken when `no_input`) and both reports are compared.
pub fn recommend(
    rules: &RuleSet,
    answers: &Answers,
    defaulted: &[String],
    set: &[String],
    no_input: bool,
    options: &RecommendOptions,
    cx: &Context,
) -> Result<Recommendation, Failure> {
    let report_a = report(rules, answers, defaulted, options.seed, cx.lang);
    let Some(path) = &options.versus else {
        return Ok(Recommendation::Single(Box::new(report_a)));
    };
    let input = AnswerInput { file: Some(path.clone()), set: set.to_vec() };
    let missing = if no_input { answers::Missing::Defaults } else { answers::Missing::RefuseVersus };
    let (answers_b, defaulted_b) = match answers::gather(rules, &input, None, missing, false, cx.color(), cx.lang)? {
        answers::Gathered::Ready(answers, defaulted) => (answers, defaulted),
        // Only `Missing::Ask` asks; the `--versus` file never does.
        answers::Gathered::Ask(answers) => (answers, Vec::new()),
    };
    let report_b = report(rules, &answers_b, &defaulted_b, options.seed, cx.lang);
    let label = |p: Option<&PathBuf>| p.map_or_else(|| "(prompts and --set)".to_owned(), |p| p.display().to_string());
    Ok(Recommendation::Versus(Box::new(VersusReport::new(
        report_a,
        report_b,
        label(options.answers_file.as_ref()),
        label(Some(path)),
    ))))
}

/// Options of `compare`.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Answers for the weighted view; none gives the base view.
    pub answers: AnswerInput,
    /// `--patterns`: only these, in this order, by id or name.
    pub patterns: Vec<String>,
}

/// `compare`: the patterns side by side, weighted when answers are given.
pub fn compare(rules: &RuleSet, options: &CompareOptions, cx: &Context) -> Result<CompareReport, Failure> {
    let lang = cx.lang;
    let mut only = Vec::new();
    for id in &options.patterns {
        let Some(index) = rules.find_pattern(id) else {
            let known: Vec<&str> = rules.patterns.iter().map(|p| p.id.as_str()).collect();
            let known_list = Message::list(&known);
            let id = crate::escape::terminal_line(id);
            return Err(invalid(match did_you_mean(&id, &known) {
                Some(near) => msg!(
                    "`--patterns`: unknown pattern `{id}`; did you mean `{near}`? (known: {known_list})",
                    "`--patterns`: 不明なパターン `{id}` です。`{near}` の誤りではありませんか？（定義済み: {known_list}）"; known_list
                ),
                None => msg!(
                    "`--patterns`: unknown pattern `{id}` (known: {known_list})",
                    "`--patterns`: 不明なパターン `{id}` です（定義済み: {known_list}）"; known_list
                ),
            }));
        };
        if only.contains(&index) {
            let id = crate::escape::terminal_line(id);
            return Err(invalid(msg!(
                "`--patterns` names `{id}` twice; name each pattern once",
                "`--patterns` に `{id}` が二回あります。各パターンは一回だけ指定してください"
            )));
        }
        only.push(index);
    }
    let only = (!only.is_empty()).then_some(only.as_slice());
    if options.answers.is_empty() {
        return Ok(CompareReport::base(rules, only, lang));
    }
    let answers = answers::read(&options.answers, rules, cx.color(), lang)?;
    let completion = complete_with_defaults(rules, answers);
    if !completion.missing.is_empty() {
        let missing = Message::list(&completion.missing);
        return Err(invalid(msg!(
            "the weighted view needs an answer for {missing}; add them to `--answers FILE` or pass `--set id=value`",
            "重み付きの比較には {missing} への回答が必要です。`--answers FILE` に書くか `--set id=value` を渡してください"; missing
        )));
    }
    let evaluation = crate::evaluate(rules, &completion.answers);
    Ok(CompareReport::weighted(rules, &completion.answers, &evaluation, only, lang))
}

/// `cost`: the cost model alone, for the workload in the answers.
pub fn cost(rules: &RuleSet, input: &AnswerInput, cx: &Context) -> Result<CostOnlyReport, Failure> {
    let answers = answers::read(input, rules, cx.color(), cx.lang)?;
    let (estimate, completion) = crate::cost::estimate_answers(rules, answers).map_err(|e| invalid(e.message()))?;
    Ok(CostOnlyReport::new(rules, &completion.answers, &completion.defaulted, &estimate, cx.lang))
}

/// `rules list`: the catalogue of criteria, ratings and rules.
pub fn rules_list(rules: &RuleSet, cx: &Context) -> Catalogue {
    Catalogue::new(rules, cx.lang)
}

/// Options of `rules reach`.
#[derive(Debug, Clone, Default)]
pub struct ReachRequest {
    /// Answers pinned by `--answers` and `--set`.
    pub pinned: AnswerInput,
    /// `--sample N`.
    pub sample: Option<u64>,
    /// `--seed N`.
    pub seed: u64,
}

/// The result of `rules reach`, ready to render.
#[derive(Debug, Clone)]
pub struct ReachView {
    reach: crate::reach::Reach,
    rules: RuleSet,
    lang: Lang,
}

impl ReachView {
    /// Renders in `format` (table, Markdown or JSON).
    pub fn render(&self, format: Format, options: &RenderOptions) -> String {
        crate::report::reach::render(&self.reach, &self.rules, self.lang, format, options)
    }
}

/// `rules reach`: how often each pattern wins over the answer space.
pub fn reach(rules: &RuleSet, request: &ReachRequest, cx: &Context) -> Result<ReachView, Failure> {
    let fixed = answers::read(&request.pinned, rules, cx.color(), cx.lang)?;
    let options = ReachOptions { fixed, sample: request.sample, seed: request.seed, ..ReachOptions::default() };
    let reach = crate::reach::sweep(rules, &options);
    Ok(ReachView { reach, rules: rules.clone(), lang: cx.lang })
}

/// The outcome of `rules check`: every diagnostic rendered for stderr, and the summary
/// for stdout when the rules are valid.
#[derive(Debug, Clone)]
pub struct RulesCheck {
    /// Every diagnostic, rendered (empty when there is none).
    pub diagnostics: String,
    /// The summary of valid rules; `None` when they are invalid.
    pub summary: Option<String>,
    /// The failure line (`error: rules check failed: 2 errors, 0 warnings`) when invalid.
    pub failure: Option<String>,
}

/// `rules check`: validates the selected rules and sweeps for patterns that never win.
pub fn rules_check(selection: &RulesSelection, cx: &Context) -> Result<RulesCheck, Failure> {
    // The defaults too are parsed and validated again: the check is of the rule files.
    let (rules, mut diagnostics, sources) = crate::load_rules_from_toml(selection)?;
    // Only `rules check` sweeps for patterns that never win: every other command would
    // pay for it on each run.
    if let Some(rules) = &rules {
        diagnostics.extend(crate::reach::check::never_wins(rules));
    }
    let rendered = diag::render(&diagnostics, &sources, cx.color(), cx.lang);
    Ok(match rules {
        Some(rules) => RulesCheck {
            diagnostics: rendered,
            summary: Some(check_summary(&rules, &diagnostics, cx.lang)),
            failure: None,
        },
        None => RulesCheck {
            diagnostics: rendered,
            summary: None,
            failure: Some(failure::summary(
                &diagnostics,
                &msg!("rules check failed", "ルールの検査に失敗しました"),
                cx.lang,
            )),
        },
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn check_summary(rules: &RuleSet, diagnostics: &[Diagnostic], lang: Lang) -> String {
    let ratings: usize = rules.ratings.iter().map(Vec::len).sum();
    let warnings = diag::count(diagnostics).1;
    let (patterns, criteria, questions, rule_count) =
        (rules.patterns.len(), rules.criteria.len(), rules.questions.len(), rules.rules.len());
    let mut out = String::new();
    let line = match lang {
        Lang::En => format!(
            "ok: {}, {}, {}, {}, {}; {}",
            plural(patterns, "pattern", "patterns"),
            plural(criteria, "criterion", "criteria"),
            plural(ratings, "rating", "ratings"),
            plural(questions, "question", "questions"),
            plural(rule_count, "rule", "rules"),
            plural(warnings, "warning", "warnings"),
        ),
        Lang::Ja => format!(
            "ok: パターン {patterns} 件、評価軸 {criteria} 件、評価 {ratings} 件、質問 {questions} 件、ルール {rule_count} 件。警告 {warnings} 件"
        ),
    };
    let _ = writeln!(out, "{line}");
    if let Some(pricing) = rules.pricing.get() {
        let (regions, types, sizes) =
            (pricing.regions.len(), pricing.instance_types.len(), pricing.fargate_sizes.len());
        let line = match lang {
            Lang::En => format!(
                "pricing: {}, {}, {}",
                plural(regions, "Region", "Regions"),
                plural(types, "instance type", "instance types"),
                plural(sizes, "Fargate CPU size", "Fargate CPU sizes"),
            ),
            Lang::Ja => format!(
                "料金: リージョン {regions} 件、インスタンスタイプ {types} 件、Fargate の CPU サイズ {sizes} 件"
            ),
        };
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{}: {}", lang.pick("digest", "ダイジェスト"), rules.digest);
    out
}

/// Where `rules export` wrote, as lines for stderr.
pub fn written_lines(paths: &[PathBuf], lang: Lang) -> String {
    let mut out = String::new();
    for path in paths {
        let path = path.display();
        let _ = writeln!(out, "{}", msg!("wrote {path}", "{path} を書き出しました").get(lang));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::answers::{Gathered, Missing};

    fn rules() -> RuleSet {
        crate::default_rules().unwrap_or_else(|e| panic!("{e}"))
    }

    fn cx(lang: Lang) -> Context {
        Context { env: Environment::default(), lang }
    }

    fn message(failure: Failure, lang: Lang) -> String {
        match failure {
            Failure::Diagnostics(text) => text,
            Failure::Error(e) => match e.downcast_ref::<crate::InvalidInput>() {
                Some(crate::InvalidInput(m)) => m.get(lang).to_owned(),
                None => format!("{e:#}"),
            },
        }
    }

    #[test]
    fn compare_suggests_a_near_pattern_and_refuses_a_repeat() {
        let rules = rules();
        let options = CompareOptions { patterns: vec!["ecs-fargat".into()], ..CompareOptions::default() };
        let err = compare(&rules, &options, &cx(Lang::En)).err().map(|f| message(f, Lang::En)).unwrap_or_default();
        assert!(err.contains("did you mean `ecs-fargate`?"), "{err}");
        let options =
            CompareOptions { patterns: vec!["ecs-ec2".into(), "ecs-ec2".into()], ..CompareOptions::default() };
        let err = compare(&rules, &options, &cx(Lang::Ja)).err().map(|f| message(f, Lang::Ja)).unwrap_or_default();
        assert!(err.ends_with("各パターンは一回だけ指定してください"), "{err}");
    }

    #[test]
    fn gather_takes_defaults_or_names_what_is_missing() {
        let rules = rules();
        let input = AnswerInput { file: None, set: vec!["gpu=true".into()] };
        let err = answers::gather(&rules, &input, None, Missing::Refuse, false, false, Lang::En)
            .err()
            .map(|f| message(f, Lang::En))
            .unwrap_or_default();
        assert!(err.starts_with("no terminal to ask the questions on, and `k8s_in_use`"), "{err}");
        assert!(err.contains("are not answered"), "{err}");
        let asked = answers::gather(&rules, &input, None, Missing::Ask, false, false, Lang::En);
        assert!(matches!(asked, Ok(Gathered::Ask(a)) if a.contains("gpu")));
        let err = answers::gather(&rules, &input, None, Missing::Defaults, false, false, Lang::Ja)
            .err()
            .map(|f| message(f, Lang::Ja))
            .unwrap_or_default();
        assert!(err.contains("に回答も既定値もありません"), "{err}");
    }

    #[test]
    fn rules_check_summarises_in_the_language_asked() {
        let check =
            rules_check(&RulesSelection::Default, &cx(Lang::Ja)).unwrap_or_else(|f| panic!("{}", message(f, Lang::En)));
        let summary = check.summary.unwrap_or_default();
        assert!(summary.starts_with("ok: パターン 6 件"), "{summary}");
        let check =
            rules_check(&RulesSelection::Default, &cx(Lang::En)).unwrap_or_else(|f| panic!("{}", message(f, Lang::En)));
        let summary = check.summary.unwrap_or_default();
        assert!(summary.starts_with("ok: 6 patterns, 10 criteria"), "{summary}");
        assert!(summary.contains("; 0 warnings"), "{summary}");
    }

    #[test]
    fn recommend_returns_one_report_for_one_answer_set() {
        let rules = rules();
        let input = AnswerInput {
            file: None,
            set: ["k8s_in_use=none", "k8s_skill=none", "ops_capacity=none", "services=few", "lock_in=acceptable"]
                .into_iter()
                .chain(["traffic=steady", "deploy_frequency=weekly"])
                .map(str::to_owned)
                .collect(),
        };
        let Ok(Gathered::Ready(answers, defaulted)) =
            answers::gather(&rules, &input, None, Missing::Defaults, false, false, Lang::En)
        else {
            panic!("the answers are complete with defaults");
        };
        assert!(defaulted.contains(&"gpu".to_owned()));
        let result =
            recommend(&rules, &answers, &defaulted, &input.set, true, &RecommendOptions::default(), &cx(Lang::En));
        assert!(matches!(result, Ok(Recommendation::Single(_))));
    }
}
