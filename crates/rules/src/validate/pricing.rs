//! `[pricing]` → [`Pricing`]: applies the overlay (a Region, an instance type, a control
//! plane or a management fee is replaced by id, a Fargate size by its vCPU), then checks
//! every figure: each Region has every price and discount and every control plane's
//! price, prices are >= 0, factors are in (0, 1], every figure has an `as_of` date and a
//! source, fees name known instance types and Regions, and every option of the `region`
//! question is priced.
//!
//! Like the rest of `validate`, it reports every problem and computes no bill.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::Validator;
use super::merge::{Entry, merge};
use crate::diag::FileId;
use crate::diag::{Code, Diagnostic};
use crate::i18n::Message;
use crate::load::ParsedFile;
use crate::model::Str;
use crate::model::answers::format_number;
use crate::model::pricing::{
    ByRegion, Confidence, ControlPlane, DEFAULT_MAX_PODS, Discount, Family, FargateCpu, InstanceType, ManagementFee,
    Price, Pricing, RegionPricing,
};
use crate::model::raw::RawQuestion;
use crate::model::raw::pricing::{
    RawControlPlane, RawDerivation, RawDiscount, RawFamilyUsd, RawFargateSize, RawInstanceFamily, RawInstancePrice,
    RawInstanceType, RawManagementFee, RawPrice, RawRegion,
};

/// A Region's EC2 prices derived from another Region's (`ec2_from`), validated.
struct Derivation {
    from: Str,
    factor: f64,
    as_of: Str,
    source: Str,
}

/// Rounds a derived price to a millionth of a dollar (what AWS's price list shows).
fn micro(usd: f64) -> f64 {
    (usd * 1e6).round() / 1e6
}
use crate::msg;
use crate::suggest::did_you_mean;

/// The question whose options must all be priced.
const REGION_QUESTION: &str = "region";

/// True for `YYYY-MM` and `YYYY-MM-DD` with a plausible month and day.
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    match parts.as_slice() {
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

/// An instance type id: lowercase letters, digits, `.` and `-`, e.g. `m6i.large`.
fn is_instance_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

/// Prices every type that lacks one in a Region with `ec2_from` at the other Region's
/// price × factor, low confidence, citing both the price and the ratio.
/// Only prices written in the files are multiplied, never derived ones.
fn derive_regional_prices(regions: &[(RegionPricing, Option<Derivation>)], types: &mut [InstanceType]) {
    for t in types.iter_mut() {
        let mut derived = Vec::new();
        for (region, derivation) in regions {
            let Some(d) = derivation else { continue };
            if t.prices.contains_key(&region.id) {
                continue;
            }
            let Some(base) = t.prices.get(&d.from) else { continue };
            derived.push((
                region.id.clone(),
                Price {
                    // To a hundredth of a cent, as price tables show a derived figure.
                    usd: (base.usd * d.factor * 1e4).round() / 1e4,
                    as_of: d.as_of.clone(),
                    source: if d.source.starts_with(base.source.as_str()) {
                        d.source.clone()
                    } else {
                        format!("{}; {}", base.source, d.source).into()
                    },
                    confidence: Some(Confidence::Low),
                },
            ));
        }
        t.prices.extend(derived);
    }
}

impl Validator {
    /// Validates the `[pricing]` of every file; `None` when no file has any.
    #[allow(clippy::too_many_lines)] // Merge, build and cross-check each kind of entry, in order.
    pub(crate) fn pricing(&mut self, files: &[ParsedFile], questions: &[Entry<'_, RawQuestion>]) -> Option<Pricing> {
        let regions = merge(
            files,
            |f| &f.pricing.region,
            |r: &RawRegion| r.id.clone(),
            &msg!("pricing region", "料金のリージョン"),
            &mut self.diagnostics,
        );
        let types = merge(
            files,
            |f| &f.pricing.instance_type,
            |t: &RawInstanceType| t.id.clone(),
            &msg!("instance type", "インスタンスタイプ"),
            &mut self.diagnostics,
        );
        let families = merge(
            files,
            |f| &f.pricing.instance_family,
            |t: &RawInstanceFamily| t.id.clone(),
            &msg!("instance family", "インスタンスファミリー"),
            &mut self.diagnostics,
        );
        let sizes = merge(
            files,
            |f| &f.pricing.fargate_size,
            |s: &RawFargateSize| Spanned::new(s.vcpu.span(), format_number(*s.vcpu.get_ref())),
            &msg!("Fargate size", "Fargate のサイズ"),
            &mut self.diagnostics,
        );
        let planes = merge(
            files,
            |f| &f.pricing.control_plane,
            |c: &RawControlPlane| c.id.clone(),
            &msg!("control plane", "コントロールプレーン"),
            &mut self.diagnostics,
        );
        let fees = merge(
            files,
            |f| &f.pricing.management_fee,
            |m: &RawManagementFee| m.id.clone(),
            &msg!("management fee", "管理料金"),
            &mut self.diagnostics,
        );
        if regions.is_empty()
            && types.is_empty()
            && families.is_empty()
            && sizes.is_empty()
            && planes.is_empty()
            && fees.is_empty()
        {
            return None;
        }

        let region_ids: Vec<&str> = regions.iter().map(|e| e.item.get_ref().id.get_ref().as_str()).collect();
        let built_regions: Vec<Option<(RegionPricing, Option<Derivation>)>> =
            regions.iter().map(|e| self.region(e, &region_ids)).collect();
        let built_families: Vec<Option<Vec<InstanceType>>> =
            families.iter().map(|e| self.instance_family(e, &region_ids)).collect();
        let built_types: Vec<Option<InstanceType>> = types.iter().map(|e| self.instance_type(e, &region_ids)).collect();
        let mut built_sizes: Vec<Option<FargateCpu>> = sizes.iter().map(|e| self.fargate_size(e)).collect();
        let family_type_ids: Vec<String> = families
            .iter()
            .flat_map(|e| {
                let raw = e.item.get_ref();
                raw.sizes.get_ref().iter().map(|size| format!("{}.{size}", raw.id.get_ref())).collect::<Vec<_>>()
            })
            .collect();
        let type_ids: Vec<&str> = types
            .iter()
            .map(|e| e.item.get_ref().id.get_ref().as_str())
            .chain(family_type_ids.iter().map(String::as_str))
            .collect();
        let built_planes: Vec<Option<ControlPlane>> =
            planes.iter().map(|e| self.control_plane(e, &region_ids)).collect();
        let built_fees: Vec<Option<(ManagementFee, Option<Discount>)>> =
            fees.iter().map(|e| self.management_fee(e, &region_ids, &type_ids)).collect();

        match (regions.first(), types.first(), sizes.first()) {
            (None, first_type, first_size) => {
                let mut diag = Diagnostic::error(
                    Code::MissingRegion,
                    msg!(
                        "`[pricing]` defines no `[[pricing.region]]`",
                        "`[pricing]` に `[[pricing.region]]` がありません"
                    ),
                )
                .with_help(msg!(
                    "add a `[[pricing.region]]` with every price, or remove the pricing",
                    "すべての価格を持つ `[[pricing.region]]` を追加するか、料金の定義を削除してください"
                ));
                if let Some((file, span)) =
                    first_type.map(|e| (e.file, e.item.span())).or_else(|| first_size.map(|e| (e.file, e.item.span())))
                {
                    diag = diag.at(file, span);
                }
                self.push(diag);
            }
            (Some(first), _, None) => self.push(
                Diagnostic::error(
                    Code::MissingPrice,
                    msg!(
                        "`[pricing]` defines no `[[pricing.fargate_size]]`",
                        "`[pricing]` に `[[pricing.fargate_size]]` がありません"
                    ),
                )
                .at(first.file, first.item.get_ref().id.span())
                .with_help(msg!(
                    "the valid Fargate sizes are needed to round tasks and pods up",
                    "タスクや Pod のサイズを切り上げるには、有効な Fargate のサイズが必要です"
                )),
            ),
            _ => {}
        }
        self.regions_asked(questions, &region_ids);

        let region_entries = regions;
        let regions: Vec<(RegionPricing, Option<Derivation>)> = built_regions.into_iter().collect::<Option<_>>()?;
        let explicit: Vec<InstanceType> = built_types.into_iter().collect::<Option<_>>()?;
        let mut instance_types: Vec<InstanceType> =
            built_families.into_iter().collect::<Option<Vec<_>>>()?.into_iter().flatten().collect();
        // An explicit `[[pricing.instance_type]]` replaces the type its family made.
        for t in explicit {
            match instance_types.iter_mut().find(|made| made.id == t.id) {
                Some(made) => *made = t,
                None => instance_types.push(t),
            }
        }
        derive_regional_prices(&regions, &mut instance_types);
        self.regions_offered(&region_entries, &instance_types);
        let regions: Vec<RegionPricing> = regions.into_iter().map(|(r, _)| r).collect();
        built_sizes.sort_by(|a, b| match (a, b) {
            (Some(a), Some(b)) => a.vcpu.total_cmp(&b.vcpu),
            _ => std::cmp::Ordering::Equal,
        });
        let fargate_sizes: Vec<FargateCpu> = built_sizes.into_iter().collect::<Option<_>>()?;
        let control_planes: Vec<ControlPlane> = built_planes.into_iter().collect::<Option<_>>()?;
        let management_fees: Vec<ManagementFee> = built_fees
            .into_iter()
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .map(|(fee, factor)| ManagementFee { factor_of_on_demand: factor, ..fee })
            .collect();
        Some(Pricing { regions, instance_types, fargate_sizes, control_planes, management_fees })
    }

    /// Every Region must have a non-burstable instance type priced in it (after derivation).
    fn regions_offered(&mut self, entries: &[Entry<'_, RawRegion>], types: &[InstanceType]) {
        for entry in entries {
            let id = entry.item.get_ref().id.get_ref();
            let offered = types.iter().any(|t| t.family != Family::Burstable && t.prices.contains_key(id.as_str()));
            if !offered {
                self.error(
                    Code::MissingPrice,
                    entry.file,
                    entry.item.get_ref().id.span(),
                    msg!(
                        "no non-burstable `[[pricing.instance_type]]` has a price in Region `{id}`",
                        "リージョン `{id}` の価格を持つバースト不可の `[[pricing.instance_type]]` がありません"
                    ),
                );
            }
        }
    }

    /// Every option of the `region` question must have prices.
    fn regions_asked(&mut self, questions: &[Entry<'_, RawQuestion>], region_ids: &[&str]) {
        let Some(question) = questions.iter().find(|q| q.item.get_ref().id.get_ref() == REGION_QUESTION) else {
            return;
        };
        for option in &question.item.get_ref().options {
            let id = option.get_ref().id.get_ref();
            if !region_ids.contains(&id.as_str()) {
                self.push(
                    Diagnostic::error(
                        Code::MissingRegion,
                        msg!(
                            "the `{REGION_QUESTION}` question offers `{id}`, which `[pricing]` does not price",
                            "質問 `{REGION_QUESTION}` の選択肢 `{id}` に `[pricing]` の価格がありません"
                        ),
                    )
                    .at(question.file, option.get_ref().id.span())
                    .with_help(msg!(
                        "add a `[[pricing.region]]` with `id = \"{id}\"`, or remove the option",
                        "`id = \"{id}\"` の `[[pricing.region]]` を追加するか、この選択肢を削除してください"
                    )),
                );
            }
        }
    }

    fn region(
        &mut self,
        entry: &Entry<'_, RawRegion>,
        region_ids: &[&str],
    ) -> Option<(RegionPricing, Option<Derivation>)> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        let id = raw.id.get_ref().clone();
        let what = msg!("Region `{id}`", "リージョン `{id}`");
        let name = self.text(file, &raw.name, &what);
        let mut missing = Vec::new();
        let mut price = |v: &mut Validator, key: &'static str, field: &Option<Spanned<RawPrice>>| match field {
            Some(p) => v.price(file, p, &msg!("{what}, `{key}`", "{what} の `{key}`"; what)),
            None => {
                missing.push(key);
                None
            }
        };
        let fargate_x86_vcpu_hour = price(self, "fargate_x86_vcpu_hour", &raw.fargate_x86_vcpu_hour);
        let fargate_x86_gb_hour = price(self, "fargate_x86_gb_hour", &raw.fargate_x86_gb_hour);
        let fargate_arm64_vcpu_hour = price(self, "fargate_arm64_vcpu_hour", &raw.fargate_arm64_vcpu_hour);
        let fargate_arm64_gb_hour = price(self, "fargate_arm64_gb_hour", &raw.fargate_arm64_gb_hour);
        let fargate_ephemeral_gb_hour = price(self, "fargate_ephemeral_gb_hour", &raw.fargate_ephemeral_gb_hour);
        let mut discount = |v: &mut Validator, key: &'static str, field: &Option<Spanned<RawDiscount>>| match field {
            Some(d) => v.discount(file, d, &msg!("{what}, `{key}`", "{what} の `{key}`"; what)),
            None => {
                missing.push(key);
                None
            }
        };
        let savings_plan_ec2 = discount(self, "savings_plan_ec2", &raw.savings_plan_ec2);
        let savings_plan_fargate = discount(self, "savings_plan_fargate", &raw.savings_plan_fargate);
        let spot_ec2 = discount(self, "spot_ec2", &raw.spot_ec2);
        let spot_fargate = discount(self, "spot_fargate", &raw.spot_fargate);
        let optional = |v: &mut Validator, key: &'static str, field: &Option<Spanned<RawPrice>>| match field {
            Some(p) => v.price(file, p, &msg!("{what}, `{key}`", "{what} の `{key}`"; what)).map(Some),
            None => Some(None),
        };
        let fargate_windows_vcpu_hour = optional(self, "fargate_windows_vcpu_hour", &raw.fargate_windows_vcpu_hour);
        let fargate_windows_gb_hour = optional(self, "fargate_windows_gb_hour", &raw.fargate_windows_gb_hour);
        let fargate_windows_license_vcpu_hour =
            optional(self, "fargate_windows_license_vcpu_hour", &raw.fargate_windows_license_vcpu_hour);
        let public_ipv4_hour = optional(self, "public_ipv4_hour", &raw.public_ipv4_hour);
        let nat_gateway_hour = optional(self, "nat_gateway_hour", &raw.nat_gateway_hour);
        let nat_gateway_gb = optional(self, "nat_gateway_gb", &raw.nat_gateway_gb);
        let derivation = match &raw.ec2_from {
            Some(d) => self.derivation(file, d, &what, &id, region_ids).map(Some),
            None => Some(None),
        };
        if !missing.is_empty() {
            let keys = Message::list(&missing);
            self.push(
                Diagnostic::error(
                    Code::MissingPrice,
                    msg!("{what} lacks {keys}", "{what} に {keys} がありません"; what, keys),
                )
                .at(file, raw.id.span())
                .with_help(msg!(
                    "every Region needs every price and discount, each with `as_of` and `source`",
                    "どのリージョンにもすべての価格と割引が必要で、それぞれに `as_of` と `source` を付けてください"
                )),
            );
        }
        let region = RegionPricing {
            id: id.into(),
            name: name?,
            fargate_x86_vcpu_hour: fargate_x86_vcpu_hour?,
            fargate_x86_gb_hour: fargate_x86_gb_hour?,
            fargate_arm64_vcpu_hour: fargate_arm64_vcpu_hour?,
            fargate_arm64_gb_hour: fargate_arm64_gb_hour?,
            fargate_ephemeral_gb_hour: fargate_ephemeral_gb_hour?,
            savings_plan_ec2: savings_plan_ec2?,
            savings_plan_fargate: savings_plan_fargate?,
            spot_ec2: spot_ec2?,
            spot_fargate: spot_fargate?,
            fargate_windows_vcpu_hour: fargate_windows_vcpu_hour?,
            fargate_windows_gb_hour: fargate_windows_gb_hour?,
            fargate_windows_license_vcpu_hour: fargate_windows_license_vcpu_hour?,
            public_ipv4_hour: public_ipv4_hour?,
            nat_gateway_hour: nat_gateway_hour?,
            nat_gateway_gb: nat_gateway_gb?,
        };
        Some((region, derivation?))
    }

    /// `ec2_from`: another known Region and a factor > 0.
    fn derivation(
        &mut self,
        file: FileId,
        raw: &Spanned<RawDerivation>,
        what: &Message,
        id: &str,
        region_ids: &[&str],
    ) -> Option<Derivation> {
        let d = raw.get_ref();
        let what = msg!("{what}, `ec2_from`", "{what} の `ec2_from`"; what);
        let known = self.known_region(file, &d.region, &what, region_ids);
        let from = d.region.get_ref();
        if from == id {
            self.error(
                Code::OutOfRange,
                file,
                d.region.span(),
                msg!("{what}: a Region cannot derive from itself", "{what}: 自分自身から導出することはできません"; what),
            );
        }
        let factor = self.positive(file, &d.factor, &what, "factor");
        let as_of = self.as_of(file, d.as_of.as_ref(), raw.span(), &what);
        let source = self.source(file, d.source.as_ref(), raw.span(), &what);
        (known && from != id).then_some(())?;
        Some(Derivation { from: from.as_str().into(), factor: factor?, as_of: as_of?, source: source? })
    }

    fn price(&mut self, file: FileId, raw: &Spanned<RawPrice>, what: &Message) -> Option<Price> {
        let p = raw.get_ref();
        let usd = self.usd(file, &p.usd, what);
        let as_of = self.as_of(file, p.as_of.as_ref(), raw.span(), what);
        let source = self.source(file, p.source.as_ref(), raw.span(), what);
        Some(Price { usd: usd?, as_of: as_of?, source: source?, confidence: p.confidence })
    }

    fn discount(&mut self, file: FileId, raw: &Spanned<RawDiscount>, what: &Message) -> Option<Discount> {
        let d = raw.get_ref();
        let factor = *d.factor.get_ref();
        let valid = factor.is_finite() && factor > 0.0 && factor <= 1.0;
        if !valid {
            let got = format_number(factor);
            self.push(
                Diagnostic::error(
                    Code::InvalidPrice,
                    msg!(
                        "{what}: `factor` must be in (0, 1], got {got}",
                        "{what}: `factor` は 0 より大きく 1 以下としてください（指定値: {got}）"; what
                    ),
                )
                .at(file, d.factor.span())
                .with_help(msg!(
                    "`factor` is the share of the on-demand price paid: 0.67 means 33 % off",
                    "`factor` はオンデマンド価格に対して支払う割合です（0.67 なら 33% 引き）"
                )),
            );
        }
        let as_of = self.as_of(file, d.as_of.as_ref(), raw.span(), what);
        let source = self.source(file, d.source.as_ref(), raw.span(), what);
        Some(Discount { factor: valid.then_some(factor)?, as_of: as_of?, source: source?, confidence: d.confidence })
    }

    fn usd(&mut self, file: FileId, usd: &Spanned<f64>, what: &Message) -> Option<f64> {
        let value = *usd.get_ref();
        if value.is_finite() && value > super::limits::MAX_USD {
            let (max, value) = (super::limits::shown(super::limits::MAX_USD), super::limits::shown(value));
            self.error(Code::PriceOutOfRange, file, usd.span(), {
                msg!(
                    "{what}: `usd` {value} is above the limit of {max}",
                    "{what}: `usd` {value} が上限 {max} を超えています"; what
                )
            });
            return None;
        }
        if value.is_finite() && value >= 0.0 {
            return Some(value);
        }
        self.error(Code::InvalidPrice, file, usd.span(), {
            let got = format_number(value);
            msg!(
                "{what}: `usd` must be a number >= 0, got {got}",
                "{what}: `usd` には 0 以上の数値を指定してください（指定値: {got}）"; what
            )
        });
        None
    }

    fn as_of(
        &mut self,
        file: FileId,
        as_of: Option<&Spanned<String>>,
        at: Range<usize>,
        what: &Message,
    ) -> Option<Str> {
        match as_of {
            Some(date) if is_date(date.get_ref()) => Some(date.get_ref().as_str().into()),
            Some(date) => {
                let value = date.get_ref();
                self.push(
                    Diagnostic::error(
                        Code::MissingAsOf,
                        msg!(
                            "{what}: `as_of = \"{value}\"` is not a date",
                            "{what}: `as_of = \"{value}\"` は日付ではありません"; what
                        ),
                    )
                    .at(file, date.span())
                    .with_help(msg!(
                        "write the date the price was seen as `YYYY-MM-DD` or `YYYY-MM`",
                        "価格を確認した日付を `YYYY-MM-DD` か `YYYY-MM` で書いてください"
                    )),
                );
                None
            }
            None => {
                self.push(
                    Diagnostic::error(
                        Code::MissingAsOf,
                        msg!(
                            "{what} does not say when it was seen (`as_of`)",
                            "{what} に確認した日付（`as_of`）がありません"; what
                        ),
                    )
                    .at(file, at)
                    .with_help(msg!(
                        "add `as_of = \"YYYY-MM-DD\"` (or `YYYY-MM`): prices change",
                        "価格は変わるので `as_of = \"YYYY-MM-DD\"`（または `YYYY-MM`）を付けてください"
                    )),
                );
                None
            }
        }
    }

    fn instance_type(&mut self, entry: &Entry<'_, RawInstanceType>, region_ids: &[&str]) -> Option<InstanceType> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        let id = raw.id.get_ref().clone();
        let what = msg!("instance type `{id}`", "インスタンスタイプ `{id}`");
        if !is_instance_id(&id) {
            self.error(
                Code::InvalidId,
                file,
                raw.id.span(),
                msg!(
                    "{what}: an instance type id uses lowercase letters, digits, `.` and `-`",
                    "{what}: インスタンスタイプの ID には英小文字、数字、`.`、`-` だけを使ってください"; what
                ),
            );
        }
        let vcpu = self.positive(file, &raw.vcpu, &what, "vcpu");
        let memory_gib = self.positive(file, &raw.memory_gib, &what, "memory_gib");
        let max_pods = match &raw.max_pods {
            Some(m) => match u32::try_from(*m.get_ref()) {
                Ok(n) if n >= 1 => Some(n),
                _ => {
                    self.error(
                        Code::OutOfRange,
                        file,
                        m.span(),
                        msg!(
                            "{what}: `max_pods` must be a whole number >= 1",
                            "{what}: `max_pods` には 1 以上の整数を指定してください"; what
                        ),
                    );
                    None
                }
            },
            None => Some(DEFAULT_MAX_PODS),
        };
        let gpus = match &raw.gpus {
            Some(g) => self.count(file, g, &what, "gpus", 0),
            None => Some(0),
        };
        let prices = self.regional_prices(file, &raw.prices, &what, region_ids);
        Some(InstanceType {
            id: id.into(),
            family: raw.family,
            arch: raw.arch,
            vcpu: vcpu?,
            memory_gib: memory_gib?,
            max_pods: max_pods?,
            gpus: gpus?,
            prices: prices?,
        })
    }

    /// A whole number >= `min`.
    fn count(&mut self, file: FileId, value: &Spanned<i64>, what: &Message, key: &str, min: u32) -> Option<u32> {
        match u32::try_from(*value.get_ref()) {
            Ok(n) if n >= min => Some(n),
            _ => {
                self.error(
                    Code::OutOfRange,
                    file,
                    value.span(),
                    msg!(
                        "{what}: `{key}` must be a whole number >= {min}",
                        "{what}: `{key}` には {min} 以上の整数を指定してください"; what
                    ),
                );
                None
            }
        }
    }

    /// The instance types of one `[[pricing.instance_family]]`: its parallel lists must
    /// have one entry per size, and each Region's `usd` one number or one per size.
    #[allow(clippy::too_many_lines)] // One check per parallel list, then the prices per Region.
    fn instance_family(
        &mut self,
        entry: &Entry<'_, RawInstanceFamily>,
        region_ids: &[&str],
    ) -> Option<Vec<InstanceType>> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        let id = raw.id.get_ref().clone();
        let what = msg!("instance family `{id}`", "インスタンスファミリー `{id}`");
        let sizes = raw.sizes.get_ref();
        let n = sizes.len();
        let mut ok = !sizes.is_empty() && is_instance_id(&id) && !id.contains('.');
        if !ok {
            self.error(
                Code::InvalidId,
                file,
                raw.id.span(),
                msg!(
                    "{what}: needs an id without `.` and at least one size",
                    "{what}: `.` を含まない ID と 1 つ以上のサイズが必要です"; what
                ),
            );
        }
        let gpus_len = raw.gpus.as_ref().map(|g| g.get_ref().len());
        let lengths = [
            ("vcpu", raw.vcpu.get_ref().len(), raw.vcpu.span()),
            ("memory_gib", raw.memory_gib.get_ref().len(), raw.memory_gib.span()),
            ("max_pods", raw.max_pods.get_ref().len(), raw.max_pods.span()),
            ("gpus", gpus_len.unwrap_or(n), raw.gpus.as_ref().map_or(raw.sizes.span(), Spanned::span)),
        ];
        for (key, len, span) in lengths {
            if len != n {
                ok = false;
                self.error(
                    Code::OutOfRange,
                    file,
                    span,
                    msg!(
                        "{what}: `{key}` has {len} entries for {n} sizes",
                        "{what}: `{key}` の要素数 {len} がサイズの数 {n} と一致しません"; what
                    ),
                );
            }
        }
        let all_positive = |v: &[f64]| v.iter().all(|x| x.is_finite() && *x > 0.0);
        if !all_positive(raw.vcpu.get_ref()) || !all_positive(raw.memory_gib.get_ref()) {
            ok = false;
            self.error(
                Code::OutOfRange,
                file,
                raw.vcpu.span(),
                msg!(
                    "{what}: every `vcpu` and `memory_gib` must be > 0",
                    "{what}: `vcpu` と `memory_gib` はすべて 0 より大きくしてください"; what
                ),
            );
        }
        let whole = |v: &[i64], min: i64| v.iter().all(|x| *x >= min && u32::try_from(*x).is_ok());
        if !whole(raw.max_pods.get_ref(), 1) || raw.gpus.as_ref().is_some_and(|g| !whole(g.get_ref(), 0)) {
            ok = false;
            self.error(
                Code::OutOfRange,
                file,
                raw.max_pods.span(),
                msg!(
                    "{what}: `max_pods` must be whole numbers >= 1 and `gpus` >= 0",
                    "{what}: `max_pods` は 1 以上、`gpus` は 0 以上の整数にしてください"; what
                ),
            );
        }
        let mut by_region: Vec<ByRegion<Price>> = vec![ByRegion::default(); n];
        for price in &raw.prices {
            let p = price.get_ref();
            let region = p.region.get_ref();
            if by_region.first().is_some_and(|m| m.contains_key(region.as_str())) {
                ok = false;
                self.error(
                    Code::DuplicateId,
                    file,
                    p.region.span(),
                    msg!(
                        "{what} has two prices for Region `{region}`",
                        "{what} にリージョン `{region}` の価格が二つあります"; what
                    ),
                );
            }
            ok &= self.known_region(file, &p.region, &what, region_ids);
            let where_ = msg!("{what} in `{region}`", "`{region}` の{what}"; what);
            let as_of = self.as_of(file, p.as_of.as_ref(), price.span(), &where_);
            let source = self.source(file, p.source.as_ref(), price.span(), &where_);
            let usd: Vec<f64> = match p.usd.get_ref() {
                RawFamilyUsd::First(first) => {
                    let first_vcpu = raw.vcpu.get_ref().first().copied().unwrap_or(1.0);
                    raw.vcpu.get_ref().iter().map(|v| micro(first * v / first_vcpu)).collect()
                }
                RawFamilyUsd::PerSize(list) => list.clone(),
            };
            if usd.len() != n {
                ok = false;
                let len = usd.len();
                self.error(
                    Code::OutOfRange,
                    file,
                    p.usd.span(),
                    msg!(
                        "{where_}: `usd` has {len} prices for {n} sizes",
                        "{where_}: `usd` の価格の数 {len} がサイズの数 {n} と一致しません"; where_
                    ),
                );
                continue;
            }
            for (i, value) in usd.iter().enumerate() {
                let checked = self.usd(file, &Spanned::new(p.usd.span(), *value), &where_);
                if let (Some(usd), Some(as_of), Some(source)) = (checked, &as_of, &source) {
                    by_region[i].insert(
                        region.as_str().into(),
                        Price { usd, as_of: as_of.clone(), source: source.clone(), confidence: p.confidence },
                    );
                } else {
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        let gpus = raw.gpus.as_ref().map(|g| g.get_ref().clone());
        Some(
            sizes
                .iter()
                .enumerate()
                .map(|(i, size)| InstanceType {
                    id: format!("{id}.{size}").into(),
                    family: raw.family,
                    arch: raw.arch,
                    vcpu: raw.vcpu.get_ref()[i],
                    memory_gib: raw.memory_gib.get_ref()[i],
                    max_pods: u32::try_from(raw.max_pods.get_ref()[i]).unwrap_or(DEFAULT_MAX_PODS),
                    gpus: gpus.as_ref().and_then(|g| u32::try_from(g[i]).ok()).unwrap_or(0),
                    prices: std::mem::take(&mut by_region[i]),
                })
                .collect(),
        )
    }

    /// A list of `{ region, usd, as_of, source, confidence }` by Region; `None` when any
    /// entry is wrong (each problem reported).
    fn regional_prices(
        &mut self,
        file: FileId,
        raw: &[Spanned<RawInstancePrice>],
        what: &Message,
        region_ids: &[&str],
    ) -> Option<ByRegion<Price>> {
        let mut prices = ByRegion::default();
        let mut complete = true;
        for price in raw {
            let p = price.get_ref();
            let region = p.region.get_ref();
            if prices.contains_key(region.as_str()) {
                self.error(
                    Code::DuplicateId,
                    file,
                    p.region.span(),
                    msg!(
                        "{what} has two prices for Region `{region}`",
                        "{what} にリージョン `{region}` の価格が二つあります"; what
                    ),
                );
            }
            complete &= self.known_region(file, &p.region, what, region_ids);
            let where_ = msg!("{what} in `{region}`", "`{region}` の{what}"; what);
            let usd = self.usd(file, &p.usd, &where_);
            let as_of = self.as_of(file, p.as_of.as_ref(), price.span(), &where_);
            let source = self.source(file, p.source.as_ref(), price.span(), &where_);
            match (usd, as_of, source) {
                (Some(usd), Some(as_of), Some(source)) => {
                    prices.insert(region.as_str().into(), Price { usd, as_of, source, confidence: p.confidence });
                }
                _ => complete = false,
            }
        }
        complete.then_some(prices)
    }

    /// True when `region` has a `[[pricing.region]]`; an `unknown-region` error otherwise.
    fn known_region(&mut self, file: FileId, region: &Spanned<String>, what: &Message, region_ids: &[&str]) -> bool {
        let name = region.get_ref();
        if region_ids.contains(&name.as_str()) {
            return true;
        }
        let mut diag = Diagnostic::error(
            Code::UnknownRegion,
            msg!(
                "{what}: Region `{name}` has no `[[pricing.region]]`",
                "{what}: リージョン `{name}` の `[[pricing.region]]` がありません"; what
            ),
        )
        .at(file, region.span());
        if let Some(near) = did_you_mean(name, region_ids) {
            diag = diag.with_help(msg!("did you mean `{near}`?", "`{near}` の誤りではありませんか？"));
        }
        self.push(diag);
        false
    }

    fn control_plane(&mut self, entry: &Entry<'_, RawControlPlane>, region_ids: &[&str]) -> Option<ControlPlane> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        let id = raw.id.get_ref().clone();
        let what = msg!("control plane `{id}`", "コントロールプレーン `{id}`");
        let name = self.text(file, &raw.name, &what);
        let prices = self.regional_prices(file, &raw.prices, &what, region_ids);
        let extended_what = msg!("{what}, extended support", "{what}（延長サポート）"; what);
        let extended_support = self.regional_prices(file, &raw.extended_support, &extended_what, region_ids);
        if let Some(prices) = &prices {
            let missing: Vec<&str> = region_ids.iter().copied().filter(|r| !prices.contains_key(r)).collect();
            if !missing.is_empty() {
                let regions = Message::list(&missing);
                self.push(
                    Diagnostic::error(
                        Code::MissingPrice,
                        msg!("{what} has no price in {regions}", "{what} に {regions} の価格がありません"; what, regions),
                    )
                    .at(file, raw.id.span())
                    .with_help(msg!(
                        "every Region needs the price of every control plane a pattern may pay",
                        "パターンが支払いうるコントロールプレーンには、どのリージョンにも価格が必要です"
                    )),
                );
                return None;
            }
        }
        Some(ControlPlane { id: id.into(), name: name?, prices: prices?, extended_support: extended_support? })
    }

    fn management_fee(
        &mut self,
        entry: &Entry<'_, RawManagementFee>,
        region_ids: &[&str],
        type_ids: &[&str],
    ) -> Option<(ManagementFee, Option<Discount>)> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        let id = raw.id.get_ref().clone();
        let what = msg!("management fee `{id}`", "管理料金 `{id}`");
        let name = self.text(file, &raw.name, &what);
        let factor = match &raw.factor_of_on_demand {
            Some(d) => self
                .discount(file, d, &msg!("{what}, `factor_of_on_demand`", "{what} の `factor_of_on_demand`"; what))
                .map(Some),
            None => Some(None),
        };
        let mut prices: BTreeMap<Str, BTreeMap<Str, Price>> = BTreeMap::new();
        let mut complete = true;
        for price in &raw.prices {
            let p = price.get_ref();
            let (instance, region) = (p.instance_type.get_ref(), p.region.get_ref());
            if !type_ids.contains(&instance.as_str()) {
                let mut diag = Diagnostic::error(
                    Code::UnknownInstanceType,
                    msg!(
                        "{what}: instance type `{instance}` has no `[[pricing.instance_type]]`",
                        "{what}: インスタンスタイプ `{instance}` の `[[pricing.instance_type]]` がありません"; what
                    ),
                )
                .at(file, p.instance_type.span());
                if let Some(near) = did_you_mean(instance, type_ids) {
                    diag = diag.with_help(msg!("did you mean `{near}`?", "`{near}` の誤りではありませんか？"));
                }
                self.push(diag);
                complete = false;
            }
            if prices.get(instance.as_str()).is_some_and(|by_region| by_region.contains_key(region.as_str())) {
                self.error(
                    Code::DuplicateId,
                    file,
                    p.region.span(),
                    msg!(
                        "{what} has two prices for `{instance}` in Region `{region}`",
                        "{what} に `{region}` の `{instance}` の価格が二つあります"; what
                    ),
                );
            }
            complete &= self.known_region(file, &p.region, &what, region_ids);
            let where_ = msg!("{what} for `{instance}` in `{region}`", "`{region}` の `{instance}` の{what}"; what);
            let usd = self.usd(file, &p.usd, &where_);
            let as_of = self.as_of(file, p.as_of.as_ref(), price.span(), &where_);
            let source = self.source(file, p.source.as_ref(), price.span(), &where_);
            match (usd, as_of, source) {
                (Some(usd), Some(as_of), Some(source)) => {
                    prices
                        .entry(instance.as_str().into())
                        .or_default()
                        .insert(region.as_str().into(), Price { usd, as_of, source, confidence: p.confidence });
                }
                _ => complete = false,
            }
        }
        complete.then_some(())?;
        Some((ManagementFee { id: id.into(), name: name?, prices, factor_of_on_demand: None }, factor?))
    }

    fn positive(&mut self, file: FileId, value: &Spanned<f64>, what: &Message, key: &str) -> Option<f64> {
        let v = *value.get_ref();
        if v.is_finite() && v > 0.0 {
            return Some(v);
        }
        self.error(
            Code::OutOfRange,
            file,
            value.span(),
            {
                let got = format_number(v);
                msg!("{what}: `{key}` must be > 0, got {got}", "{what}: `{key}` には 0 より大きい値を指定してください（指定値: {got}）"; what)
            },
        );
        None
    }

    fn fargate_size(&mut self, entry: &Entry<'_, RawFargateSize>) -> Option<FargateCpu> {
        let raw = entry.item.get_ref();
        let file = entry.file;
        let size = format_number(*raw.vcpu.get_ref());
        let what = msg!("Fargate size `{size}` vCPU", "Fargate のサイズ `{size}` vCPU");
        let vcpu = self.positive(file, &raw.vcpu, &what, "vcpu");
        let memory = raw.memory_gib.get_ref();
        let ascending = memory.windows(2).all(|w| w[0] < w[1]);
        let memory_ok = !memory.is_empty() && ascending && memory.iter().all(|m| m.is_finite() && *m > 0.0);
        if !memory_ok {
            self.error(
                Code::OutOfRange,
                file,
                raw.memory_gib.span(),
                msg!(
                    "{what}: `memory_gib` must list sizes > 0 in ascending order",
                    "{what}: `memory_gib` には 0 より大きいサイズを昇順に並べてください"; what
                ),
            );
        }
        let source = self.source(file, raw.source.as_ref(), raw.vcpu.span(), &what);
        Some(FargateCpu { vcpu: vcpu?, memory_gib: memory_ok.then(|| memory.clone())?, source: source? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_year_month_or_year_month_day() {
        for ok in ["2026-06", "2026-06-17", "2024-12-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in ["", "2026", "2026-13", "2026-6-1", "26-06-17", "2026-06-32", "June 2026", "2026-06-17T00"] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn instance_ids_allow_dots() {
        assert!(is_instance_id("m6i.large"));
        assert!(is_instance_id("u-3tb1.56xlarge"));
        assert!(!is_instance_id("M6i.large"));
        assert!(!is_instance_id(".large"));
    }
}
