//! The "because" sentence: why the winner won, in one sentence that names the
//! criteria that decided it, the runner-up and the margin.
//!
//! The criteria come from [`criterion_leads`]: the winner's lead over the runner-up,
//! criterion by criterion, in score points. The sentence names the (at most) two
//! largest leads, and the runner-up's largest lead when it has one, so a reader sees
//! both what won and what was given up.

use std::fmt::Write as _;

use crate::engine::margin::{CriterionLead, criterion_leads};
use crate::engine::{Evaluation, PatternOutcome};
use crate::model::{Lang, RuleSet};

/// Leads smaller than this (score points) are not worth naming.
const NOTABLE: f64 = 0.05;

/// The sentence for an evaluation, in one language.
pub fn sentence(rules: &RuleSet, evaluation: &Evaluation, lang: Lang) -> String {
    let name = |p: usize| rules.patterns[p].name.get(lang).to_owned();
    let Some(winner) = evaluation.winner() else {
        return lang
            .pick(
                "Every pattern is ruled out by a hard constraint, so there is no recommendation.",
                "すべてのパターンがハード制約で除外されたため、推奨はありません。",
            )
            .to_owned();
    };
    let Some(runner_up) = evaluation.ranking.get(1).filter(|o| o.score.is_some()) else {
        let excluded = evaluation.ranking.len() - 1;
        return match lang {
            Lang::En => format!(
                "{} is the only pattern that no hard constraint rules out ({excluded} excluded).",
                name(winner.pattern)
            ),
            Lang::Ja => {
                format!("ハード制約で除外されないパターンは {} だけです（{excluded} 件を除外）。", name(winner.pattern))
            }
        };
    };
    let margin = winner.score.unwrap_or_default() - runner_up.score.unwrap_or_default();
    let leads = criterion_leads(winner, runner_up);
    let for_winner: Vec<String> = leads
        .iter()
        .filter(|l| l.points >= NOTABLE)
        .take(2)
        .map(|l| criterion_phrase(rules, l, winner, runner_up, lang))
        .collect();
    let for_runner_up =
        leads.iter().rev().find(|l| l.points <= -NOTABLE).map(|l| criterion_phrase(rules, l, runner_up, winner, lang));
    let (w, r) = (name(winner.pattern), name(runner_up.pattern));
    let points = format!("{margin:.1}");
    match lang {
        Lang::En => {
            let lead = if margin < NOTABLE {
                format!("{w} and {r} are level ({points} points apart); {w} ranks first by rule order")
            } else {
                format!("{w} leads {r} by {points} points")
            };
            match (for_winner.as_slice(), for_runner_up) {
                ([], _) => format!("{lead}."),
                (wins, None) => format!("{lead} because it rates higher on {}.", and_list(wins, lang)),
                (wins, Some(loss)) => {
                    format!(
                        "{lead} because it rates higher on {}, which outweighs the lead of {r} on {loss}.",
                        and_list(wins, lang)
                    )
                }
            }
        }
        Lang::Ja => {
            let lead = if margin < NOTABLE {
                format!("{w} と {r} の差は {points} ポイントでほぼ同点で、ルールの順序により {w} を 1 位としています")
            } else {
                format!("{w} が {r} を {points} ポイント上回っています")
            };
            match (for_winner.as_slice(), for_runner_up) {
                ([], _) => format!("{lead}。"),
                (wins, None) => format!("{lead}。{}で評価が高いためです。", and_list(wins, lang)),
                (wins, Some(loss)) => {
                    format!("{lead}。{}で評価が高く、{r} が優れる{loss}の差を上回るためです。", and_list(wins, lang))
                }
            }
        }
    }
}

/// A criterion as the sentence names it: lower-case in English ("ease of operation"),
/// with the two monthly bills when money set the cost rating.
fn criterion_phrase(
    rules: &RuleSet,
    lead: &CriterionLead,
    better: &PatternOutcome,
    worse: &PatternOutcome,
    lang: Lang,
) -> String {
    let name = rules.criteria[lead.criterion].name.get(lang);
    let mut phrase = match lang {
        Lang::En => lower_first(name),
        Lang::Ja => name.to_owned(),
    };
    let money = |o: &PatternOutcome| o.criteria[lead.criterion].money.as_ref().map(|m| m.monthly_usd);
    if let (Some(better), Some(worse)) = (money(better), money(worse)) {
        let _ = match lang {
            Lang::En => write!(phrase, " (${better:.0} against ${worse:.0} a month)"),
            Lang::Ja => write!(phrase, "（月額 ${better:.0} 対 ${worse:.0}）"),
        };
    }
    phrase
}

/// "a", "a and b".
fn and_list(items: &[String], lang: Lang) -> String {
    items.join(lang.pick(" and ", "・"))
}

/// "Ease of operation" → "ease of operation"; "EKS support" stays as it is.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::testing::complete_answers;

    fn because(answers: &str, lang: Lang) -> String {
        let (rules, completion) = complete_answers(answers);
        sentence(&rules, &evaluate(&rules, &completion.answers), lang)
    }

    #[test]
    fn names_the_winner_the_runner_up_the_margin_and_a_criterion() {
        let (rules, completion) = complete_answers(crate::testing::SAMPLE_ANSWERS);
        let evaluation = evaluate(&rules, &completion.answers);
        let text = sentence(&rules, &evaluation, Lang::En);
        let (w, r) = (&evaluation.ranking[0], &evaluation.ranking[1]);
        assert!(text.starts_with(rules.patterns[w.pattern].name.get(Lang::En)), "{text}");
        assert!(text.contains(rules.patterns[r.pattern].name.get(Lang::En)), "{text}");
        let margin = w.score.unwrap_or_else(|| panic!("no value")) - r.score.unwrap_or_else(|| panic!("no value"));
        assert!(text.contains(&format!("by {margin:.1} points")), "{text}");
        let top = criterion_leads(w, r)[0].criterion;
        assert!(text.contains(&lower_first(rules.criteria[top].name.get(Lang::En))), "{text}");
        assert_eq!(text.matches('.').count(), 2, "one sentence (and the decimal point): {text}");
        let ja = sentence(&rules, &evaluation, Lang::Ja);
        assert!(ja.ends_with("ためです。"), "{ja}");
        assert!(ja.contains(rules.patterns[r.pattern].name.get(Lang::Ja)), "{ja}");
    }

    #[test]
    fn a_single_eligible_pattern_is_said_to_be_the_only_one() {
        // Windows and a Kubernetes dependency leave EKS on EC2 alone (Fargate for EKS,
        // Auto Mode and ECS are ruled out).
        let text =
            because("windows = true\nk8s_ecosystem = true\nhost_access = true\nhost_customisation = true", Lang::En);
        assert!(text.contains("is the only pattern that no hard constraint rules out"), "{text}");
    }

    #[test]
    fn lower_first_keeps_acronyms() {
        assert_eq!(lower_first("Ease of operation"), "ease of operation");
        assert_eq!(lower_first("EKS support"), "EKS support");
        assert_eq!(lower_first("コストの低さ"), "コストの低さ");
    }
}
