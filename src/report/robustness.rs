//! The robustness part of a report: serialisable figures and the verdict in plain
//! words, in one language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::robustness::{Direction, Flip, Robustness};
use crate::model::{Lang, RuleSet};

/// A flip as a report shows it.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct FlipReport {
    /// Criterion id.
    pub criterion: String,
    /// Criterion name.
    pub criterion_name: String,
    /// The factor on the criterion's weight at which the winner changes.
    pub factor: f64,
    /// `raise` or `lower`.
    pub direction: Direction,
    /// The pattern that would then win.
    pub to: String,
    /// Its name.
    pub to_name: String,
}

/// How sure the recommendation is (DESIGN §3 step 7, §7 `robustness`).
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct RobustnessReport {
    /// Weight samples drawn.
    pub samples: usize,
    /// σ of the log-normal weight factors.
    pub sigma: f64,
    /// Seed of the sampler.
    pub seed: u64,
    /// Share of samples each eligible pattern wins, by pattern id.
    pub win_probability: BTreeMap<String, f64>,
    /// Points between the first and second pattern (`null` with one eligible pattern).
    pub margin: Option<f64>,
    /// The smallest single-weight change that changes the winner.
    pub nearest_flip: Option<FlipReport>,
    /// For each criterion, the nearest flip when raising and when lowering its weight.
    pub flips: Vec<FlipReport>,
    /// The verdict in plain words.
    pub verdict: String,
}

impl RobustnessReport {
    /// Turns the analysis into report data and words.
    pub fn new(rules: &RuleSet, robustness: &Robustness, winner: Option<usize>, lang: Lang) -> Self {
        let flip = |f: &Flip| FlipReport {
            criterion: rules.criteria[f.criterion].id.to_string(),
            criterion_name: rules.criteria[f.criterion].name.get(lang).to_owned(),
            factor: f.factor,
            direction: f.direction,
            to: rules.patterns[f.to].id.to_string(),
            to_name: rules.patterns[f.to].name.get(lang).to_owned(),
        };
        let win_probability: BTreeMap<String, f64> =
            robustness.win_probability.iter().map(|(p, share)| (rules.patterns[*p].id.to_string(), *share)).collect();
        let nearest_flip = robustness.nearest_flip.as_ref().map(flip);
        let verdict = winner.map_or_else(
            || lang.pick("No pattern is eligible.", "条件を満たすパターンがありません。").to_owned(),
            |w| {
                let share = robustness.win_probability.iter().find(|(p, _)| *p == w).map_or(0.0, |(_, s)| *s);
                verdict(
                    rules.patterns[w].name.get(lang),
                    share,
                    robustness.win_probability.len(),
                    nearest_flip.as_ref(),
                    lang,
                )
            },
        );
        RobustnessReport {
            samples: robustness.options.samples,
            sigma: robustness.options.sigma,
            seed: robustness.options.seed,
            win_probability,
            margin: robustness.margin,
            nearest_flip,
            flips: robustness.flips.iter().map(flip).collect(),
            verdict,
        }
    }
}

/// A factor as people read it: two significant digits.
pub fn format_factor(factor: f64) -> String {
    if factor >= 10.0 {
        format!("{factor:.0}")
    } else if factor >= 1.0 {
        format!("{factor:.1}")
    } else {
        format!("{factor:.2}")
    }
}

/// A probability as a whole percentage; never "100 %" for less than certain, nor "0 %"
/// for more than nothing.
pub fn format_share(share: f64) -> String {
    let percent = share * 100.0;
    let shown = if share < 1.0 && percent > 99.0 {
        ">99".to_owned()
    } else if share > 0.0 && percent < 1.0 {
        "<1".to_owned()
    } else {
        format!("{percent:.0}")
    };
    format!("{shown}%")
}

fn verdict(name: &str, share: f64, eligible: usize, flip: Option<&FlipReport>, lang: Lang) -> String {
    if eligible == 1 {
        return match lang {
            Lang::En => format!("{name} — the only pattern that meets the hard constraints."),
            Lang::Ja => format!("{name} — ハード制約を満たす唯一のパターンです。"),
        };
    }
    let (strength_en, strength_ja) = match share {
        s if s >= 0.9 => ("a clear choice", "明確な選択"),
        s if s >= 0.7 => ("a solid choice", "有力な選択"),
        s if s >= 0.5 => ("a lean", "やや優勢"),
        _ => ("a toss-up", "拮抗"),
    };
    let share = format_share(share);
    match lang {
        Lang::En => {
            let head = format!("{name} — {strength_en}: it wins in {share} of plausible weightings");
            match flip {
                Some(f) if f.direction == Direction::Raise => format!(
                    "{head}; {} would need {}× the weight on {} to win.",
                    f.to_name,
                    format_factor(f.factor),
                    f.criterion_name.to_lowercase()
                ),
                Some(f) => format!(
                    "{head}; {} would win if the weight on {} fell to {}×.",
                    f.to_name,
                    f.criterion_name.to_lowercase(),
                    format_factor(f.factor)
                ),
                None => format!("{head}; no change to a single weight makes another pattern win."),
            }
        }
        Lang::Ja => {
            let head = format!("{name} — {strength_ja}：妥当な重み付けの {share} で首位になります。");
            match flip {
                Some(f) if f.direction == Direction::Raise => format!(
                    "{head}{} が逆転するには「{}」の重みを {} 倍にする必要があります。",
                    f.to_name,
                    f.criterion_name,
                    format_factor(f.factor)
                ),
                Some(f) => format!(
                    "{head}「{}」の重みが {} 倍まで下がると {} が逆転します。",
                    f.criterion_name,
                    format_factor(f.factor),
                    f.to_name
                ),
                None => format!("{head}重みを 1 つ変えるだけでは首位は入れ替わりません。"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flip(direction: Direction, factor: f64) -> FlipReport {
        FlipReport {
            criterion: "flexibility".into(),
            criterion_name: "Flexibility".into(),
            factor,
            direction,
            to: "eks-ec2".into(),
            to_name: "EKS on EC2".into(),
        }
    }

    #[test]
    fn verdict_reads_as_a_sentence_in_both_languages() {
        let raise = flip(Direction::Raise, 2.4);
        assert_eq!(
            verdict("ECS on Fargate", 0.91, 4, Some(&raise), Lang::En),
            "ECS on Fargate — a clear choice: it wins in 91% of plausible weightings; \
             EKS on EC2 would need 2.4× the weight on flexibility to win."
        );
        let ja_raise = FlipReport { criterion_name: "柔軟性".into(), ..raise };
        assert_eq!(
            verdict("ECS on Fargate", 0.91, 4, Some(&ja_raise), Lang::Ja),
            "ECS on Fargate — 明確な選択：妥当な重み付けの 91% で首位になります。EKS on EC2 が逆転するには「柔軟性」の重みを 2.4 倍にする必要があります。"
        );
        let lower = flip(Direction::Lower, 0.45);
        assert!(verdict("X", 0.55, 3, Some(&lower), Lang::En).contains("a lean"));
        assert!(
            verdict("X", 0.55, 3, Some(&lower), Lang::En)
                .ends_with("would win if the weight on flexibility fell to 0.45×.")
        );
        assert!(verdict("X", 1.0, 1, None, Lang::En).contains("only pattern"));
        assert!(verdict("X", 0.4, 2, None, Lang::Ja).contains("拮抗"));
    }

    #[test]
    fn shares_never_round_to_certainty() {
        assert_eq!(format_share(0.9996), ">99%");
        assert_eq!(format_share(1.0), "100%");
        assert_eq!(format_share(0.0004), "<1%");
        assert_eq!(format_share(0.0), "0%");
        assert_eq!(format_share(0.914), "91%");
    }
}
