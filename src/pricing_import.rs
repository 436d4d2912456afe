//! `pricing import`: reads the bulk "offer" files of the AWS Price List (`AmazonEC2`,
//! `AmazonECS`, `AmazonEKS`; `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<offer>/current/index.json`
//! or a Region's file) and writes an overlay directory (`pricing.toml`, `sources.toml`
//! and, for a Region the built-in rules do not know, `questions.toml`) that `--rules DIR`
//! applies. Documented step by step in `docs/pricing.md`.
//!
//! Streaming: an offer file is read once with a `serde_json` visitor over its top-level
//! object, its `products` map (one product at a time; only the products this tool prices
//! are kept) and its `terms.OnDemand` map (only the SKUs kept). The full EC2 file is
//! several GB; memory stays proportional to the products kept, not to the file.
//!
//! No network: the files are downloaded by the user (`curl`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use crate::error::InvalidInput;
use crate::load::{Layer, RuleSources};
use crate::model::pricing::{InstanceType, Price, Pricing, RegionPricing};
use crate::model::{RuleSet, Text};
use crate::msg;
use crate::output;

/// What a Fargate usage type prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FargateKey {
    X86Vcpu,
    X86Gb,
    ArmVcpu,
    ArmGb,
    Ephemeral,
    WindowsVcpu,
    WindowsGb,
    WindowsLicense,
}

impl FargateKey {
    /// The usage type without its Region prefix (`EUN1-`), as the ECS offer names it; the
    /// spellings are those of AWS's `AmazonECS` offer for us-east-1 of 2025-08-28
    /// (`USE1-Fargate-Windows-vCPU-Hours:perCPU`, `USE1-Fargate-EphemeralStorage-GB-Hours`, …).
    fn from_usage(usage: &str) -> Option<Self> {
        Some(match usage {
            "Fargate-vCPU-Hours:perCPU" => Self::X86Vcpu,
            "Fargate-GB-Hours" => Self::X86Gb,
            "Fargate-ARM-vCPU-Hours:perCPU" => Self::ArmVcpu,
            "Fargate-ARM-GB-Hours" => Self::ArmGb,
            "Fargate-EphemeralStorage-GB-Hours" => Self::Ephemeral,
            "Fargate-Windows-vCPU-Hours:perCPU" => Self::WindowsVcpu,
            "Fargate-Windows-GB-Hours" => Self::WindowsGb,
            "Fargate-Windows-OS-Hours:perCPU" => Self::WindowsLicense,
            _ => return None,
        })
    }
}

/// What a kept product prices.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Ec2(String),
    Fargate(FargateKey),
    Eks { extended: bool },
}

/// A product kept from the `products` map: its Region and what it prices.
#[derive(Debug, Clone)]
struct Kept {
    region: String,
    kind: Kind,
}

/// One price read from an offer, with the offer it came from.
#[derive(Debug, Clone)]
struct Seen {
    usd: f64,
    source: String,
    as_of: String,
}

/// Everything read from all files.
#[derive(Debug, Default)]
struct Collected {
    fargate: BTreeMap<String, BTreeMap<FargateKey, Seen>>,
    ec2: BTreeMap<String, BTreeMap<String, Seen>>,
    eks: BTreeMap<String, (Option<Seen>, Option<Seen>)>,
    region_names: BTreeMap<String, String>,
    /// `(source id, offer code, publication date, file name)` per file.
    offers: Vec<(String, String, String, String)>,
}

/// The product attributes this tool reads; every other attribute is skipped.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Attributes {
    region_code: Option<String>,
    location: Option<String>,
    usagetype: Option<String>,
    instance_type: Option<String>,
    operating_system: Option<String>,
    tenancy: Option<String>,
    pre_installed_sw: Option<String>,
    capacitystatus: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Product {
    #[serde(default)]
    attributes: Attributes,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Term {
    #[serde(default)]
    price_dimensions: BTreeMap<String, Dimension>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Dimension {
    #[serde(default)]
    price_per_unit: BTreeMap<String, String>,
    #[serde(default)]
    begin_range: Option<String>,
}

/// The state of reading one file.
struct Reading<'a> {
    wanted: &'a BTreeSet<String>,
    catalogue: &'a BTreeSet<String>,
    offer_code: Option<String>,
    publication_date: Option<String>,
    kept: HashMap<String, Kept>,
    region_names: BTreeMap<String, String>,
    /// Hourly on-demand USD by SKU, for the SKUs kept.
    prices: HashMap<String, f64>,
    /// Terms read before products (not the order AWS writes): every SKU's price, matched later.
    early_prices: HashMap<String, f64>,
    products_seen: bool,
}

/// The usage type without the Region prefix: `EUN1-BoxUsage:m6i.large` -> `BoxUsage:m6i.large`.
fn strip_region_prefix(usage: &str) -> &str {
    match usage.split_once('-') {
        Some((prefix, rest))
            if !prefix.is_empty()
                && prefix.len() <= 8
                && prefix.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
        {
            rest
        }
        _ => usage,
    }
}

impl Reading<'_> {
    fn classify(&self, attributes: &Attributes) -> Option<Kept> {
        let region = attributes.region_code.as_ref()?;
        if !self.wanted.is_empty() && !self.wanted.contains(region) {
            return None;
        }
        let usage = strip_region_prefix(attributes.usagetype.as_deref()?);
        let kind = match self.offer_code.as_deref() {
            Some("AmazonEC2") => {
                let instance = attributes.instance_type.as_ref()?;
                let linux = attributes.operating_system.as_deref() == Some("Linux")
                    && attributes.tenancy.as_deref() == Some("Shared")
                    && attributes.pre_installed_sw.as_deref().is_none_or(|s| s == "NA")
                    && attributes.capacitystatus.as_deref().is_none_or(|s| s == "Used");
                (linux && usage.starts_with("BoxUsage:") && self.catalogue.contains(instance))
                    .then(|| Kind::Ec2(instance.clone()))?
            }
            Some("AmazonECS") => Kind::Fargate(FargateKey::from_usage(usage)?),
            Some("AmazonEKS") => {
                // AWS spells them `USE1-AmazonEKS-Hours:perCluster` and
                // `USE1-AmazonEKS-Hours:extendedSupport` (the surcharge; see `control_plane_toml`).
                if usage == "AmazonEKS-Hours:perCluster" {
                    Kind::Eks { extended: false }
                } else if usage.starts_with("AmazonEKS-Hours:") && usage.to_ascii_lowercase().contains("extended") {
                    Kind::Eks { extended: true }
                } else {
                    return None;
                }
            }
            _ => return None,
        };
        Some(Kept { region: region.clone(), kind })
    }
}

/// The first USD price of an on-demand term (the first tier when priced in tiers).
fn hourly_usd(terms: &BTreeMap<String, Term>) -> Option<f64> {
    let dimensions = terms.values().flat_map(|t| t.price_dimensions.values());
    let mut best: Option<(bool, f64)> = None;
    for d in dimensions {
        let Some(usd) = d.price_per_unit.get("USD").and_then(|u| u.trim().parse::<f64>().ok()) else { continue };
        if !usd.is_finite() || usd < 0.0 {
            continue;
        }
        let first_tier = d.begin_range.as_deref().is_none_or(|b| b.trim() == "0");
        if best.is_none_or(|(tier, _)| first_tier && !tier) {
            best = Some((first_tier, usd));
        }
    }
    best.map(|(_, usd)| usd)
}

struct TopLevel<'r, 'a>(&'r mut Reading<'a>);

impl<'de> Visitor<'de> for TopLevel<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an AWS Price List offer (a JSON object with `offerCode`, `products` and `terms`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "offerCode" => self.0.offer_code = Some(map.next_value()?),
                "publicationDate" => self.0.publication_date = Some(map.next_value()?),
                "products" => {
                    if self.0.offer_code.is_none() {
                        return Err(serde::de::Error::custom("`products` comes before `offerCode`"));
                    }
                    map.next_value_seed(Products(&mut *self.0))?;
                    self.0.products_seen = true;
                }
                "terms" => map.next_value_seed(Terms(&mut *self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

struct Products<'r, 'a>(&'r mut Reading<'a>);

impl<'de> Visitor<'de> for Products<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`products`: an object of products keyed by SKU")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(sku) = map.next_key::<String>()? {
            let product: Product = map.next_value()?;
            if let Some(kept) = self.0.classify(&product.attributes) {
                if let Some(location) = product.attributes.location {
                    self.0.region_names.entry(kept.region.clone()).or_insert(location);
                }
                self.0.kept.insert(sku, kept);
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Products<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

struct Terms<'r, 'a>(&'r mut Reading<'a>);

impl<'de> Visitor<'de> for Terms<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`terms`: an object with `OnDemand`")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "OnDemand" {
                map.next_value_seed(OnDemand(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Terms<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

struct OnDemand<'r, 'a>(&'r mut Reading<'a>);

impl<'de> Visitor<'de> for OnDemand<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`terms.OnDemand`: an object of terms keyed by SKU")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(sku) = map.next_key::<String>()? {
            let wanted = !self.0.products_seen || self.0.kept.contains_key(&sku);
            if wanted {
                let terms: BTreeMap<String, Term> = map.next_value()?;
                if let Some(usd) = hourly_usd(&terms) {
                    if self.0.products_seen {
                        self.0.prices.insert(sku, usd);
                    } else {
                        self.0.early_prices.insert(sku, usd);
                    }
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for OnDemand<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

/// `2026-11-20T00:00:00Z` -> `2026-11-20`.
fn date_of(publication: &str) -> Option<String> {
    let date = publication.get(..10)?;
    let ok = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    ok.then(|| date.to_owned())
}

fn shown(path: &Path) -> String {
    crate::escape::terminal_line(&path.display().to_string()).into_owned()
}

fn bad_file(path: &Path, why: &str) -> anyhow::Error {
    let file = shown(path);
    InvalidInput(msg!(
        "`{file}` is not a usable AWS Price List offer file: {why}",
        "`{file}` は AWS Price List のオファーファイルとして読めません: {why}"
    ))
    .into()
}

/// Reads one offer file into `collected`.
fn read_offer(
    path: &Path,
    reader: impl Read,
    wanted: &BTreeSet<String>,
    catalogue: &BTreeSet<String>,
    collected: &mut Collected,
) -> anyhow::Result<()> {
    let mut reading = Reading {
        wanted,
        catalogue,
        offer_code: None,
        publication_date: None,
        kept: HashMap::new(),
        region_names: BTreeMap::new(),
        prices: HashMap::new(),
        early_prices: HashMap::new(),
        products_seen: false,
    };
    let mut de = serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, reader));
    // serde_json's message ends with the line and column of the problem.
    TopLevel(&mut reading).deserialize(&mut de).map_err(|e| bad_file(path, &e.to_string()))?;
    de.end().map_err(|e| bad_file(path, &e.to_string()))?;
    let offer = match reading.offer_code.as_deref() {
        Some(code @ ("AmazonEC2" | "AmazonECS" | "AmazonEKS")) => code.to_owned(),
        Some(other) => {
            let other = crate::escape::terminal_line(other).into_owned();
            return Err(bad_file(path, &format!("offer `{other}` is not AmazonEC2, AmazonECS or AmazonEKS")));
        }
        None => return Err(bad_file(path, "no `offerCode`")),
    };
    let Some(as_of) = reading.publication_date.as_deref().and_then(date_of) else {
        return Err(bad_file(path, "no `publicationDate` (YYYY-MM-DDThh:mm:ssZ)"));
    };
    if !reading.products_seen {
        return Err(bad_file(path, "no `products`"));
    }
    let source = format!("aws-price-list-{}-{as_of}", offer.to_ascii_lowercase());
    let early = std::mem::take(&mut reading.early_prices);
    reading.prices.extend(early.into_iter().filter(|(sku, _)| reading.kept.contains_key(sku)));
    for (sku, kept) in &reading.kept {
        let Some(&usd) = reading.prices.get(sku) else { continue };
        let seen = Seen { usd, source: source.clone(), as_of: as_of.clone() };
        match &kept.kind {
            Kind::Ec2(instance) => {
                collected.ec2.entry(instance.clone()).or_default().insert(kept.region.clone(), seen);
            }
            Kind::Fargate(key) => {
                collected.fargate.entry(kept.region.clone()).or_default().insert(*key, seen);
            }
            Kind::Eks { extended } => {
                let entry = collected.eks.entry(kept.region.clone()).or_default();
                if *extended { entry.1 = Some(seen) } else { entry.0 = Some(seen) }
            }
        }
    }
    for (region, name) in reading.region_names {
        collected.region_names.entry(region).or_insert(name);
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !collected.offers.iter().any(|(id, ..)| *id == source) {
        collected.offers.push((source, offer, as_of, name));
    }
    Ok(())
}

/// A TOML basic string (JSON's escapes are a subset of TOML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

fn seen_toml(seen: &Seen) -> String {
    format!(
        "{{ usd = {}, as_of = {}, confidence = \"high\", source = {} }}",
        seen.usd,
        quoted(&seen.as_of),
        quoted(&seen.source)
    )
}

fn price_toml(price: &Price) -> String {
    let confidence = price.confidence.map(|c| format!(", confidence = \"{}\"", c.as_str())).unwrap_or_default();
    format!(
        "{{ usd = {}, as_of = {}{confidence}, source = {} }}",
        price.usd,
        quoted(&price.as_of),
        quoted(&price.source)
    )
}

fn derived_toml(usd: f64, from: &Seen) -> String {
    format!(
        "{{ usd = {}, as_of = {}, confidence = \"low\", source = {} }}",
        (usd * 1e6).round() / 1e6,
        quoted(&from.as_of),
        quoted(&from.source)
    )
}

fn discount_toml(d: &crate::model::pricing::Discount) -> String {
    let confidence = d.confidence.map(|c| format!(", confidence = \"{}\"", c.as_str())).unwrap_or_default();
    format!("{{ factor = {}, as_of = {}{confidence}, source = {} }}", d.factor, quoted(&d.as_of), quoted(&d.source))
}

/// One `[[pricing.region]]` from the ECS offer; missing figures come from the built-in
/// Region when there is one, else are derived (low confidence) or copied from us-east-1.
fn region_toml(
    id: &str,
    name: &str,
    fargate: &BTreeMap<FargateKey, Seen>,
    builtin: Option<&RegionPricing>,
    reference: &RegionPricing,
) -> Result<String, String> {
    let x86_vcpu = fargate.get(&FargateKey::X86Vcpu).ok_or("no Fargate vCPU-hour price (Fargate-vCPU-Hours:perCPU)")?;
    let x86_gb = fargate.get(&FargateKey::X86Gb).ok_or("no Fargate GB-hour price (Fargate-GB-Hours)")?;
    let ratio = x86_vcpu.usd / reference.fargate_x86_vcpu_hour.usd.max(f64::MIN_POSITIVE);
    let mut out =
        format!("[[pricing.region]]\nid = {}\nname = {{ en = {n}, ja = {n} }}\n", quoted(id), n = quoted(name));
    let mut line = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(" = ");
        out.push_str(&value);
        out.push('\n');
    };
    line("fargate_x86_vcpu_hour", seen_toml(x86_vcpu));
    line("fargate_x86_gb_hour", seen_toml(x86_gb));
    let pick = |key: FargateKey, builtin: Option<&Price>, derived: f64, from: &Seen| match fargate.get(&key) {
        Some(seen) => seen_toml(seen),
        None => builtin.map_or_else(|| derived_toml(derived, from), price_toml),
    };
    let b = builtin;
    line(
        "fargate_arm64_vcpu_hour",
        pick(FargateKey::ArmVcpu, b.map(|r| &r.fargate_arm64_vcpu_hour), x86_vcpu.usd * 0.8, x86_vcpu),
    );
    line(
        "fargate_arm64_gb_hour",
        pick(FargateKey::ArmGb, b.map(|r| &r.fargate_arm64_gb_hour), x86_gb.usd * 0.8, x86_gb),
    );
    line(
        "fargate_ephemeral_gb_hour",
        pick(
            FargateKey::Ephemeral,
            b.map(|r| &r.fargate_ephemeral_gb_hour),
            reference.fargate_ephemeral_gb_hour.usd * ratio,
            x86_vcpu,
        ),
    );
    let base = builtin.unwrap_or(reference);
    line("savings_plan_ec2", discount_toml(&base.savings_plan_ec2));
    line("savings_plan_fargate", discount_toml(&base.savings_plan_fargate));
    line("spot_ec2", discount_toml(&base.spot_ec2));
    line("spot_fargate", discount_toml(&base.spot_fargate));
    let optional =
        |key: FargateKey, builtin: Option<&Price>| fargate.get(&key).map(seen_toml).or_else(|| builtin.map(price_toml));
    let windows = [
        ("fargate_windows_vcpu_hour", FargateKey::WindowsVcpu, b.and_then(|r| r.fargate_windows_vcpu_hour.as_ref())),
        ("fargate_windows_gb_hour", FargateKey::WindowsGb, b.and_then(|r| r.fargate_windows_gb_hour.as_ref())),
        (
            "fargate_windows_license_vcpu_hour",
            FargateKey::WindowsLicense,
            b.and_then(|r| r.fargate_windows_license_vcpu_hour.as_ref()),
        ),
    ];
    for (key, fargate_key, builtin) in windows {
        if let Some(value) = optional(fargate_key, builtin) {
            line(key, value);
        }
    }
    // AWS charges the same for a public IPv4 address in every Region.
    if let Some(ipv4) = base.public_ipv4_hour.as_ref() {
        line("public_ipv4_hour", price_toml(ipv4));
    }
    if let (Some(hour), Some(gb)) =
        builtin.map_or((None, None), |r| (r.nat_gateway_hour.as_ref(), r.nat_gateway_gb.as_ref()))
    {
        line("nat_gateway_hour", price_toml(hour));
        line("nat_gateway_gb", price_toml(gb));
    }
    Ok(out)
}

fn instance_toml(t: &InstanceType, imported: &BTreeMap<String, Seen>) -> String {
    let family = serde_json::to_value(t.family).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    let mut out = format!(
        "[[pricing.instance_type]]\nid = {}\nfamily = {}\narch = {}\nvcpu = {}\nmemory_gib = {}\nmax_pods = {}\ngpus = {}\nprices = [\n",
        quoted(&t.id),
        quoted(&family),
        quoted(t.arch.as_str()),
        t.vcpu,
        t.memory_gib,
        t.max_pods,
        t.gpus
    );
    let mut regions: BTreeMap<&str, String> = t.prices.iter().map(|(r, p)| (r.as_str(), price_toml(p))).collect();
    for (region, seen) in imported {
        regions.insert(region, seen_toml(seen));
    }
    for (region, price) in regions {
        let price = price.trim_start_matches("{ ");
        let _ = writeln!(out, "  {{ region = {}, {price},", quoted(region));
    }
    out.push_str("]\n");
    out
}

fn control_plane_toml(pricing: &Pricing, eks: &BTreeMap<String, (Option<Seen>, Option<Seen>)>) -> Option<String> {
    let builtin = pricing.control_plane("eks")?;
    let mut standard: BTreeMap<&str, String> =
        builtin.prices.iter().map(|(r, p)| (r.as_str(), price_toml(p))).collect();
    let mut extended: BTreeMap<&str, String> =
        builtin.extended_support.iter().map(|(r, p)| (r.as_str(), price_toml(p))).collect();
    for (region, (std_price, ext_price)) in eks {
        if let Some(p) = std_price {
            standard.insert(region, seen_toml(p));
        }
        // AWS's price list bills extended support as a surcharge on top of the standard
        // cluster-hour: `<prefix>-AmazonEKS-Hours:extendedSupport` ($0.50) next to
        // `AmazonEKS-Hours:perCluster` ($0.10), the $0.60 of the pricing page. The rules hold
        // what a cluster in extended support costs in all, so the two are added: with the
        // standard price of the same offer when it has one (high), else the built-in
        // standard price of the Region (low); without either the surcharge is not used.
        if let Some(p) = ext_price {
            let total = |base: f64| (((p.usd + base) * 1e6).round() / 1e6, p);
            match (std_price, builtin.prices.get(region.as_str())) {
                (Some(s), _) => {
                    let (usd, p) = total(s.usd);
                    extended.insert(region, seen_toml(&Seen { usd, ..p.clone() }));
                }
                (None, Some(b)) => {
                    let (usd, p) = total(b.usd);
                    extended.insert(region, derived_toml(usd, p));
                }
                (None, None) => {}
            }
        }
    }
    let list = |prices: BTreeMap<&str, String>| {
        prices.into_iter().fold(String::new(), |mut out, (r, p)| {
            let _ = writeln!(out, "  {{ region = {}, {},", quoted(r), p.trim_start_matches("{ "));
            out
        })
    };
    Some(format!(
        "[[pricing.control_plane]]\nid = \"eks\"\nname = {{ en = {}, ja = {} }}\nprices = [\n{}]\nextended_support = [\n{}]\n",
        quoted(&builtin.name.en),
        quoted(&builtin.name.ja),
        list(standard),
        list(extended)
    ))
}

/// The `region` question with the new Regions added to the built-in options.
fn region_question_toml(rules: &RuleSet, new: &[(String, String)]) -> Option<String> {
    let q = rules.question("region")?;
    let text = |t: &Text| format!("{{ en = {}, ja = {} }}", quoted(&t.en), quoted(&t.ja));
    let mut out = format!("[[question]]\nid = \"region\"\nkind = \"single\"\ntext = {}\n", text(&q.text));
    if let Some(help) = &q.help {
        let _ = writeln!(out, "help = {}", text(help));
    }
    out.push_str("optional = true\nask_if = { q = \"estimate_cost\", is = true }\noptions = [\n");
    for o in &q.options {
        let _ = writeln!(out, "  {{ id = {}, label = {} }},", quoted(&o.id), text(&o.label));
    }
    for (id, name) in new {
        let _ = writeln!(out, "  {{ id = {}, label = {{ en = {n}, ja = {n} }} }},", quoted(id), n = quoted(name));
    }
    out.push_str("]\n");
    Some(out)
}

/// What `import` wrote.
#[derive(Debug)]
pub struct Imported {
    /// The files written.
    pub written: Vec<PathBuf>,
    /// Regions with a `[[pricing.region]]` in the overlay.
    pub regions: Vec<String>,
    /// Instance types with imported prices.
    pub instance_types: usize,
}

/// Reads the offer `files` (only the Regions in `regions`, all when empty) and writes
/// `DIR/pricing.toml` and `DIR/sources.toml` (and `DIR/questions.toml` for new Regions)
/// atomically; refuses existing files without `force`. Bad input is [`InvalidInput`]
/// (exit 2) naming the file and, where the parser knows it, the line and column.
#[allow(clippy::too_many_lines)] // Read, check the Regions, then write each part of the overlay, in order.
pub fn import(files: &[PathBuf], regions: &[String], dir: &Path, force: bool) -> anyhow::Result<Imported> {
    let rules = crate::default_rules()?;
    let pricing = rules.pricing.get().ok_or_else(|| anyhow::anyhow!("the built-in rules have no pricing"))?;
    let catalogue: BTreeSet<String> = pricing.instance_types.iter().map(|t| t.id.to_string()).collect();
    let wanted: BTreeSet<String> = regions.iter().cloned().collect();
    let mut collected = Collected::default();
    for path in files {
        let file = File::open(path).map_err(|e| {
            let file = shown(path);
            InvalidInput(msg!("cannot read `{file}`: {e}", "`{file}` を読めません: {e}"))
        })?;
        read_offer(path, file, &wanted, &catalogue, &mut collected)?;
    }
    if collected.fargate.is_empty() && collected.ec2.is_empty() && collected.eks.is_empty() {
        let regions = if wanted.is_empty() { String::new() } else { format!(" for {}", list_of(&wanted)) };
        return Err(InvalidInput(msg!(
            "no price this tool uses was found in the files{regions}",
            "ファイルにこのツールが使う価格が見つかりません{regions}"
        ))
        .into());
    }
    let reference = pricing
        .region("us-east-1")
        .or_else(|| pricing.regions.first())
        .ok_or_else(|| anyhow::anyhow!("the built-in rules have no Region"))?;
    let mut pricing_toml = String::from(
        "# Written by `container-advisor pricing import` from the AWS Price List (see sources.toml).\n\
         # Apply with `--rules DIR`. Each figure's `as_of` is its offer's publicationDate.\n\
         # Figures the offers did not contain keep the built-in value, or are derived (`low`).\n\n",
    );
    let mut new_regions = Vec::new();
    let mut region_ids = Vec::new();
    for (id, fargate) in &collected.fargate {
        let builtin = pricing.region(id);
        let name = collected.region_names.get(id).cloned().or_else(|| builtin.map(|r| r.name.en.to_string()));
        let name = name.unwrap_or_else(|| id.clone());
        let entry = region_toml(id, &name, fargate, builtin, reference).map_err(|why| {
            let id = crate::escape::terminal_line(id).into_owned();
            InvalidInput(msg!("Region `{id}`: {why}", "リージョン `{id}`: {why}"))
        })?;
        pricing_toml.push_str(&entry);
        pricing_toml.push('\n');
        if builtin.is_none() {
            new_regions.push((id.clone(), name));
        }
        region_ids.push(id.clone());
    }
    // A Region unknown to the built-in rules needs Fargate (for its `[[pricing.region]]`)
    // and the EKS control plane.
    let unknown: BTreeSet<&String> = collected
        .ec2
        .values()
        .flat_map(BTreeMap::keys)
        .chain(collected.eks.keys())
        .filter(|r| pricing.region(r).is_none() && !collected.fargate.contains_key(*r))
        .collect();
    if let Some(region) = unknown.first() {
        let region = crate::escape::terminal_line(region).into_owned();
        return Err(InvalidInput(msg!(
            "Region `{region}` is not in the built-in rules: give its AmazonECS offer too (Fargate prices)",
            "リージョン `{region}` は組み込みのルールにないため、その AmazonECS のオファー（Fargate の料金）も指定してください"
        ))
        .into());
    }
    for (id, _) in &new_regions {
        if collected.eks.get(id).is_none_or(|(standard, _)| standard.is_none()) {
            let id = crate::escape::terminal_line(id).into_owned();
            return Err(InvalidInput(msg!(
                "Region `{id}` is not in the built-in rules: give its AmazonEKS offer too (control-plane price)",
                "リージョン `{id}` は組み込みのルールにないため、その AmazonEKS のオファー（コントロールプレーンの料金）も指定してください"
            ))
            .into());
        }
        if !collected.ec2.values().any(|prices| prices.contains_key(id)) {
            let id = crate::escape::terminal_line(id).into_owned();
            return Err(InvalidInput(msg!(
                "Region `{id}` is not in the built-in rules: give its AmazonEC2 offer too (instance prices)",
                "リージョン `{id}` は組み込みのルールにないため、その AmazonEC2 のオファー（インスタンスの料金）も指定してください"
            ))
            .into());
        }
    }
    if !collected.eks.is_empty()
        && let Some(plane) = control_plane_toml(pricing, &collected.eks)
    {
        pricing_toml.push_str(&plane);
        pricing_toml.push('\n');
    }
    for t in &pricing.instance_types {
        if let Some(imported) = collected.ec2.get(t.id.as_str()) {
            pricing_toml.push_str(&instance_toml(t, imported));
            pricing_toml.push('\n');
        }
    }
    let mut sources_toml = String::from("# The AWS Price List offers `pricing.toml` was imported from.\n\n");
    for (id, offer, date, file) in &collected.offers {
        let _ = write!(
            sources_toml,
            "# Read from `{}`.\n[[source]]\nid = {}\ntitle = {{ en = {t}, ja = {t} }}\npublisher = \"Amazon Web Services\"\ndate = {}\nurl = {}\n\n",
            file.replace(['\n', '\r'], " "),
            quoted(id),
            quoted(date),
            quoted(&format!("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{offer}/current/index.json")),
            t = quoted(&format!("AWS Price List: {offer} offer, published {date}")),
        );
    }
    let mut outputs = vec![(dir.join("pricing.toml"), pricing_toml), (dir.join("sources.toml"), sources_toml)];
    if !new_regions.is_empty()
        && let Some(question) = region_question_toml(&rules, &new_regions)
    {
        outputs.push((
            dir.join("questions.toml"),
            format!("# The `region` question with the imported Regions.\n\n{question}"),
        ));
    }
    check_overlay(&outputs)?;
    std::fs::create_dir_all(dir).map_err(|e| {
        let d = shown(dir);
        InvalidInput(msg!("cannot create `{d}`: {e}", "`{d}` を作成できません: {e}"))
    })?;
    let paths: Vec<&Path> = outputs.iter().map(|(p, _)| p.as_path()).collect();
    let targets = output::check_each(&paths, force).map_err(|p| InvalidInput(p.message()))?;
    let items: Vec<(&output::Target, &[u8])> =
        targets.iter().zip(&outputs).map(|(t, (_, text))| (t, text.as_bytes())).collect();
    output::write_all(&items)?;
    Ok(Imported {
        written: outputs.into_iter().map(|(p, _)| p).collect(),
        regions: region_ids,
        instance_types: collected.ec2.len(),
    })
}

/// The overlay must validate on top of the built-in rules before anything is written.
fn check_overlay(outputs: &[(PathBuf, String)]) -> anyhow::Result<()> {
    let mut sources = RuleSources::default();
    sources.add_defaults();
    for (path, text) in outputs {
        sources.add_text(path.display().to_string(), text, Layer::User);
    }
    let validated = crate::validate(&sources);
    if validated.rules.is_none() {
        let report = crate::diag::render(&validated.diagnostics, &sources.sources, false, crate::model::Lang::En);
        anyhow::bail!("the imported overlay does not validate (a bug in `pricing import`):\n{report}");
    }
    Ok(())
}

/// `a, b, c` from a set of names, each made safe for a terminal line.
fn list_of(names: &BTreeSet<String>) -> String {
    names.iter().map(|n| crate::escape::terminal_line(n).into_owned()).collect::<Vec<_>>().join(", ")
}
