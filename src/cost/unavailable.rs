//! Why the `cost` command cannot estimate: no prices, a missing workload answer, or an
//! unpriced Region. The binary maps it to exit code 2 with this message.

use std::fmt;

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

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::NoPricing => f.write_str(
                "the rules define no prices (`[pricing]`, conventionally in `pricing.toml`), so there is nothing to estimate",
            ),
            Unavailable::Missing(ids) => {
                let names = ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
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
                write!(
                    f,
                    "the cost estimate needs {names}; answer {} with `{example}` or in `--answers FILE`",
                    if ids.len() == 1 { "it" } else { "them" }
                )
            }
            Unavailable::RegionNotPriced(region) => write!(f, "Region `{region}` has no prices in the rules"),
        }
    }
}

impl std::error::Error for Unavailable {}
