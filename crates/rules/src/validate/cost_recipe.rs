//! A pattern's `cost` table → [`CostRecipe`]: the keys must fit the compute kind
//! (`cost-recipe-mismatch`), the overhead must be a number >= 0 (`out-of-range`), and,
//! when the rule set has pricing, the control plane and the management fee it names must
//! exist there (`unknown-price-key`).
//!
//! Like the rest of `validate`, it reports every problem and prices nothing.

use std::ops::Range;

use toml::Spanned;

use super::Validator;
use super::merge::Entry;
use crate::diag::FileId;
use crate::diag::{Code, Diagnostic};
use crate::i18n::Message;
use crate::model::answers::format_number;
use crate::model::cost_recipe::{Compute, ComputeRecipe, CostRecipe};
use crate::model::pricing::Pricing;
use crate::model::raw::{RawCostRecipe, RawPattern};
use crate::msg;
use crate::suggest::did_you_mean;

impl Validator {
    /// The shape of a recipe: keys that fit its compute kind, and a valid overhead.
    pub(crate) fn cost_recipe(
        &mut self,
        file: FileId,
        raw: &Spanned<RawCostRecipe>,
        what: &Message,
    ) -> Option<CostRecipe> {
        let recipe = raw.get_ref();
        let compute = *recipe.compute.get_ref();
        // Keys of the other compute kind.
        let foreign = match compute {
            Compute::Ec2 => [
                ("pod_overhead_gib", recipe.pod_overhead_gib.as_ref().map(Spanned::span)),
                ("fargate_spot", recipe.fargate_spot.as_ref().map(Spanned::span)),
                ("arm64", recipe.arm64.as_ref().map(Spanned::span)),
                ("windows", recipe.windows.as_ref().map(Spanned::span)),
                ("public_ipv4", recipe.public_ipv4.as_ref().map(Spanned::span)),
            ]
            .to_vec(),
            Compute::Fargate => [
                ("management_fee", recipe.management_fee.as_ref().map(Spanned::span)),
                ("node_reserve", recipe.node_reserve.as_ref().map(Spanned::span)),
            ]
            .to_vec(),
        };
        let mut fits = true;
        for (key, span) in foreign {
            if let Some(span) = span {
                fits = false;
                self.recipe_mismatch(file, what, compute, key, span);
            }
        }
        let recipe_compute = match compute {
            Compute::Ec2 => self.ec2_recipe(file, recipe, what),
            Compute::Fargate => self.fargate_recipe(file, recipe, what),
        };
        fits.then_some(())?;
        Some(CostRecipe {
            compute: recipe_compute?,
            control_plane: recipe.control_plane.as_ref().map(|c| c.get_ref().as_str().into()),
        })
    }

    fn recipe_mismatch(&mut self, file: FileId, what: &Message, compute: Compute, key: &str, span: Range<usize>) {
        let kind = compute.as_str();
        self.push(
            Diagnostic::error(
                Code::CostRecipeMismatch,
                msg!(
                    "{what}: `{key}` does not apply to `compute = \"{kind}\"`",
                    "{what}: `{key}` は `compute = \"{kind}\"` には指定できません"; what
                ),
            )
            .at(file, span)
            .with_help(match compute {
                Compute::Ec2 => msg!(
                    "`pod_overhead_gib`, `fargate_spot` and `arm64` describe Fargate; remove them",
                    "`pod_overhead_gib`、`fargate_spot`、`arm64` は Fargate の設定なので削除してください"
                ),
                Compute::Fargate => msg!(
                    "`management_fee` and `node_reserve` describe EC2 instances; remove them",
                    "`management_fee` と `node_reserve` は EC2 インスタンスの設定なので削除してください"
                ),
            }),
        );
    }

    /// `compute = "ec2"`: `node_reserve` is required.
    fn ec2_recipe(&mut self, file: FileId, recipe: &RawCostRecipe, what: &Message) -> Option<ComputeRecipe> {
        let Some(node_reserve) = recipe.node_reserve.as_ref().map(|n| *n.get_ref()) else {
            self.push(
                Diagnostic::error(
                    Code::CostRecipeMismatch,
                    msg!(
                        "{what}: `compute = \"ec2\"` needs `node_reserve`",
                        "{what}: `compute = \"ec2\"` には `node_reserve` が必要です"; what
                    ),
                )
                .at(file, recipe.compute.span())
                .with_help(msg!(
                    "say what each node keeps for itself: `node_reserve = \"ecs\"` or `\"eks\"`",
                    "各ノードが自身のために確保する分を `node_reserve = \"ecs\"` か `\"eks\"` で指定してください"
                )),
            );
            return None;
        };
        Some(ComputeRecipe::Ec2 {
            node_reserve,
            management_fee: recipe.management_fee.as_ref().map(|f| f.get_ref().as_str().into()),
        })
    }

    /// `compute = "fargate"`: the overhead is a number >= 0; Spot and arm64 default to on.
    fn fargate_recipe(&mut self, file: FileId, recipe: &RawCostRecipe, what: &Message) -> Option<ComputeRecipe> {
        let pod_overhead_gib = match &recipe.pod_overhead_gib {
            None => 0.0,
            Some(o) if o.get_ref().is_finite() && *o.get_ref() >= 0.0 => *o.get_ref(),
            Some(o) => {
                let got = format_number(*o.get_ref());
                self.error(
                    Code::OutOfRange,
                    file,
                    o.span(),
                    msg!(
                        "{what}: `pod_overhead_gib` must be a number >= 0, got {got}",
                        "{what}: `pod_overhead_gib` には 0 以上の数値を指定してください（指定値: {got}）"; what
                    ),
                );
                return None;
            }
        };
        Some(ComputeRecipe::Fargate {
            pod_overhead_gib,
            fargate_spot: recipe.fargate_spot.as_ref().is_none_or(|s| *s.get_ref()),
            arm64: recipe.arm64.as_ref().is_none_or(|a| *a.get_ref()),
            windows: recipe.windows.as_ref().is_none_or(|w| *w.get_ref()),
            public_ipv4: recipe.public_ipv4.as_ref().is_none_or(|p| *p.get_ref()),
        })
    }

    /// Every control plane and management fee a recipe names exists in `pricing`.
    pub(crate) fn cost_recipe_keys(&mut self, patterns: &[Entry<'_, RawPattern>], pricing: &Pricing) {
        let planes: Vec<&str> = pricing.control_planes.iter().map(|c| c.id.as_str()).collect();
        let fees: Vec<&str> = pricing.management_fees.iter().map(|f| f.id.as_str()).collect();
        for entry in patterns {
            let raw = entry.item.get_ref();
            let Some(recipe) = &raw.cost else { continue };
            let id = raw.id.get_ref();
            let what = msg!("pattern `{id}`", "パターン `{id}`");
            let checks = [
                ("control_plane", "[[pricing.control_plane]]", recipe.get_ref().control_plane.as_ref(), &planes),
                ("management_fee", "[[pricing.management_fee]]", recipe.get_ref().management_fee.as_ref(), &fees),
            ];
            for (key, table, value, known) in checks {
                let Some(value) = value else { continue };
                let name = value.get_ref();
                if known.contains(&name.as_str()) {
                    continue;
                }
                let mut diag = Diagnostic::error(
                    Code::UnknownPriceKey,
                    msg!(
                        "{what}: `{key} = \"{name}\"` names no `{table}`",
                        "{what}: `{key} = \"{name}\"` に対応する `{table}` がありません"; what
                    ),
                )
                .at(entry.file, value.span());
                diag = match did_you_mean(name, known) {
                    Some(near) => diag.with_help(msg!("did you mean `{near}`?", "`{near}` の誤りではありませんか？")),
                    None => {
                        let list = Message::list(known);
                        diag.with_help(msg!("defined: {list}", "定義済み: {list}"; list))
                    }
                };
                self.push(diag);
            }
        }
    }
}
