//! Why the `cost` command cannot estimate: no prices, a missing workload answer, or an
//! unpriced Region. The binary maps it to exit code 2 with this message, in the user's
//! language.

use std::fmt;

use crate::i18n::Message;
use crate::msg;

/// Why the `cost` command cannot estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// The rule set has no `[pricing]`.
    NoPricing,
    /// These required workload answers are missing.
    Missing(Vec<String>),
    /// The answered Region has no prices.
    RegionNotPriced(String),
}

impl Unavailable {
    /// What to tell the user, in both languages.
    pub fn message(&self) -> Message {
        match self {
            Unavailable::NoPricing => msg!(
                "the rules define no prices (`[pricing]`, conventionally in `pricing.toml`), so there is nothing to estimate",
                "ルールに価格（`[pricing]`、通常は `pricing.toml`）が定義されていないため、見積もれません"
            ),
            Unavailable::Missing(ids) => {
                let names = Message::list(ids);
                let example = ids
                    .iter()
                    .map(|id| {
                        let value = match id.as_str() {
                            "region" => "us-east-1",
                            "tasks" => "10",
                            "task_vcpu" => "1",
                            "task_memory_gib" => "2",
                            _ => "…",
                        };
                        format!("--set {id}={value}")
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                if ids.len() == 1 {
                    msg!(
                        "the cost estimate needs {names}; answer it with `{example}` or in `--answers FILE`",
                        "コストの見積もりには {names} が必要です。`{example}` か `--answers FILE` で回答してください"; names
                    )
                } else {
                    msg!(
                        "the cost estimate needs {names}; answer them with `{example}` or in `--answers FILE`",
                        "コストの見積もりには {names} が必要です。`{example}` か `--answers FILE` で回答してください"; names
                    )
                }
            }
            Unavailable::RegionNotPriced(region) => {
                msg!("Region `{region}` has no prices in the rules", "リージョン `{region}` の価格がルールにありません")
            }
        }
    }
}

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.message(), f)
    }
}

impl std::error::Error for Unavailable {}
