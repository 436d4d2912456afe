//! The document templates (Markdown, HTML, ADR; DESIGN §8, STYLE 16): built-in ones
//! embedded from `templates/`, any of which a team can replace by file name
//! (`--templates DIR`, or a `templates/` folder inside a `--rules` directory).
//!
//! A template's context is the view's JSON contract (the `Serialize` value of the
//! view: `Report`, `CompareReport`, `VersusReport`, `CostOnlyReport`) plus `t` (the
//! labels of [`Labels`] in the view's language), `options` (`date`, `explain`, `width`)
//! and, where the view has a cost estimate, `cost_text` (its sentences in the view's
//! language, the same words as the terminal). Formatting is done by filters and
//! functions registered here, never by string building in the renderers.
//!
//! Escaping is on by default for the output type: a `.html` template HTML-escapes every
//! expression; a `.md` template (Markdown and ADR) passes every string through
//! [`markdown::escape`], the one Markdown escaper. `|safe` is only for values built
//! here from validated data.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State};
use serde::Serialize;

use super::cost::CostReport;
use super::labels::Labels;
use super::markdown;
use super::{RenderOptions, format_rating_value, format_score};
use crate::error::InvalidInput;
use crate::i18n::Message;
use crate::model::Lang;
use crate::model::answers::format_number;
use crate::msg;

mod chart;
#[cfg(test)]
mod html_tests;
#[cfg(test)]
mod tests;

/// The name of the Markdown auto-escape (`.md` templates).
const MARKDOWN: &str = "markdown";

/// Every built-in template: its file name and text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("recommend.md", include_str!("../../templates/recommend.md")),
    ("recommend.html", include_str!("../../templates/recommend.html")),
    ("compare.md", include_str!("../../templates/compare.md")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("versus.md", include_str!("../../templates/versus.md")),
    ("versus.html", include_str!("../../templates/versus.html")),
    ("cost.md", include_str!("../../templates/cost.md")),
    ("cost.html", include_str!("../../templates/cost.html")),
    ("_cost.md", include_str!("../../templates/_cost.md")),
    ("_cost.html", include_str!("../../templates/_cost.html")),
    ("_cost_details.md", include_str!("../../templates/_cost_details.md")),
    ("_cost_details.html", include_str!("../../templates/_cost_details.html")),
    ("_answers.md", include_str!("../../templates/_answers.md")),
    ("_answers.html", include_str!("../../templates/_answers.html")),
    ("_sources.md", include_str!("../../templates/_sources.md")),
    ("_sources.html", include_str!("../../templates/_sources.html")),
    ("_footer.md", include_str!("../../templates/_footer.md")),
    ("_layout.html", include_str!("../../templates/_layout.html")),
    ("_chart.html", include_str!("../../templates/_chart.html")),
    ("_style.css", include_str!("../../templates/_style.css")),
    ("recommend.adr.md", include_str!("../../templates/recommend.adr.md")),
    ("compare.adr.md", include_str!("../../templates/compare.adr.md")),
    ("versus.adr.md", include_str!("../../templates/versus.adr.md")),
    ("_adr_record.md", include_str!("../../templates/_adr_record.md")),
    ("_adr_front.md", include_str!("../../templates/_adr_front.md")),
    ("_adr_drivers.md", include_str!("../../templates/_adr_drivers.md")),
    ("_adr_pros_cons.md", include_str!("../../templates/_adr_pros_cons.md")),
    ("_adr_what_changed.md", include_str!("../../templates/_adr_what_changed.md")),
    ("_adr_about.md", include_str!("../../templates/_adr_about.md")),
    ("_adr_regenerate.md", include_str!("../../templates/_adr_regenerate.md")),
    ("_adr_macros.md", include_str!("../../templates/_adr_macros.md")),
];

/// The templates in use: the built-in ones, with a team's replacements by file name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    /// Replacements by file name, with the path they were read from.
    overrides: BTreeMap<String, (PathBuf, String)>,
}

/// A template that does not parse or render: file, line and what is wrong.
#[derive(Debug)]
pub struct TemplateError {
    /// The template's file (a path for a replacement, the name for a built-in one).
    pub file: String,
    /// The line, when the engine knows it.
    pub line: Option<usize>,
    /// What is wrong (the engine's words, in English).
    pub detail: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "template error at {}:{line}: {}", self.file, self.detail),
            None => write!(f, "template error in {}: {}", self.file, self.detail),
        }
    }
}

impl std::error::Error for TemplateError {}

impl From<TemplateError> for InvalidInput {
    fn from(e: TemplateError) -> Self {
        let (file, detail) = (&e.file, &e.detail);
        InvalidInput(match e.line {
            Some(line) => {
                msg!("template error at {file}:{line}: {detail}", "テンプレートのエラーです（{file}:{line}）: {detail}")
            }
            None => msg!("template error in {file}: {detail}", "テンプレートのエラーです（{file}）: {detail}"),
        })
    }
}

impl Templates {
    /// The built-in templates, replaced by the files of `dir` (`--templates`) and of a
    /// `templates/` folder inside `rules_dir` (`--rules`), `dir` winning. Every file
    /// must have the name of a built-in template (a misspelt name would silently do
    /// nothing), and every template must parse: both are reported as invalid input.
    pub fn load(dir: Option<&Path>, rules_dir: Option<&Path>) -> Result<Templates, InvalidInput> {
        let mut templates = Templates::default();
        if let Some(rules) = rules_dir {
            let folder = rules.join("templates");
            if folder.is_dir() {
                templates.add_dir(&folder)?;
            }
        }
        if let Some(dir) = dir {
            templates.add_dir(dir)?;
        }
        // Every replacement must parse, used by this run or not (without one, there
        // is nothing to check: the built-in templates are tested).
        if !templates.overrides.is_empty() {
            let env = templates.environment().map_err(|e| templates.error(&e))?;
            for name in templates.overrides.keys() {
                env.get_template(name).map_err(|e| templates.error(&e))?;
            }
        }
        Ok(templates)
    }

    fn add_dir(&mut self, dir: &Path) -> Result<(), InvalidInput> {
        let path = crate::escape::terminal_line(&dir.display().to_string()).into_owned();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            InvalidInput(msg!(
                "cannot read templates directory `{path}`: {e}",
                "テンプレートのディレクトリ `{path}` を読めません: {e}"
            ))
        })?;
        let mut files: Vec<PathBuf> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| {
                InvalidInput(msg!(
                    "cannot read templates directory `{path}`: {e}",
                    "テンプレートのディレクトリ `{path}` を読めません: {e}"
                ))
            })?;
            files.push(entry.path());
        }
        files.sort();
        for file in files.into_iter().filter(|f| f.is_file()) {
            let shown = crate::escape::terminal_line(&file.display().to_string()).into_owned();
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if name.starts_with('.') {
                continue;
            }
            if !BUILTIN.iter().any(|(builtin, _)| *builtin == name) {
                let names = BUILTIN.iter().map(|(n, _)| *n);
                let known = Message::list(&names.map(str::to_owned).collect::<Vec<_>>());
                return Err(InvalidInput(msg!(
                    "`{shown}` does not replace a built-in template (known names: {known}; \
                     `container-advisor templates export DIR` writes them all)",
                    "`{shown}` は組み込みテンプレートの名前ではありません（既知の名前: {known}。\
                     `container-advisor templates export DIR` ですべて書き出せます）"; known
                )));
            }
            let text = std::fs::read_to_string(&file).map_err(|e| {
                InvalidInput(msg!("cannot read template `{shown}`: {e}", "テンプレート `{shown}` を読めません: {e}"))
            })?;
            self.overrides.insert(name, (file, text));
        }
        Ok(())
    }

    /// The file names of the replaced templates.
    pub fn replaced(&self) -> impl Iterator<Item = &str> {
        self.overrides.keys().map(String::as_str)
    }

    /// The text of a template in use (the loader's choice, for tests).
    #[cfg(test)]
    fn source(&self, name: &str) -> Option<&str> {
        self.overrides
            .get(name)
            .map(|(_, text)| text.as_str())
            .or_else(|| BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| *text))
    }

    /// A new environment with the templates in use (replacements first), compiling each
    /// when first used.
    fn environment(&self) -> Result<Environment<'static>, Error> {
        let mut env = Environment::new();
        let mut syntax = minijinja::syntax::SyntaxConfig::builder();
        syntax.trim_blocks(true).lstrip_blocks(true).keep_trailing_newline(true);
        env.set_syntax(syntax.build()?);
        env.set_auto_escape_callback(|name| match name.rsplit('.').next() {
            Some("html") => AutoEscape::Html,
            Some("md") => AutoEscape::Custom(Cow::Borrowed(MARKDOWN)),
            _ => AutoEscape::None,
        });
        env.set_formatter(format_value);
        // Numbers formatted here hold no markup: they are written as they are.
        let safe = Value::from_safe_string;
        env.add_filter("score", move |v: f64| safe(format_score(v)));
        env.add_filter("rating", move |v: &Value| rating(v).map(safe));
        env.add_filter("rating_value", move |v: f64| safe(format_rating_value(v)));
        env.add_filter("number", move |v: f64| safe(format_number(v)));
        env.add_filter("fixed", move |v: f64, digits: Option<usize>| safe(format!("{v:.*}", digits.unwrap_or(2))));
        env.add_filter("signed", move |v: f64, digits: Option<usize>| {
            safe(match digits {
                Some(d) => format!("{v:+.d$}"),
                None => format!("{v:+}"),
            })
        });
        env.add_filter("usd", move |v: f64| safe(super::cost::text::usd(v)));
        env.add_filter("percent", move |v: f64, digits: Option<usize>| {
            safe(format!("{:.*}%", digits.unwrap_or(0), v * 100.0))
        });
        env.add_filter("factor", move |v: f64| safe(super::robustness::format_factor(v)));
        env.add_filter("bar5", move |v: f64| safe(markdown::bar(v)));
        // `<1%` and `>99%` are escaped like text.
        env.add_filter("share", |v: f64| super::robustness::format_share(v));
        env.add_filter("code", |s: String| Value::from_safe_string(markdown::code(&s)));
        // A source with its `http(s)` URLs as autolinks, the rest escaped (Markdown).
        env.add_filter("source", |s: String| Value::from_safe_string(markdown::source(&s)));
        // A criterion name inside an English sentence: `Cost` → `cost`, `GPU support` stays.
        env.add_filter("lower_first", |s: String| markdown::lower_first(&s));
        env.add_function("color", |i: usize| chart::color(i));
        env.add_function("chart", chart::chart);
        // Templates are compiled when first used (the one rendered and what it
        // includes), not all of them for every document.
        let overrides: BTreeMap<String, String> =
            self.overrides.iter().map(|(name, (_, text))| (name.clone(), text.clone())).collect();
        env.set_loader(move |name| {
            Ok(overrides
                .get(name)
                .cloned()
                .or_else(|| BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned())))
        });
        Ok(env)
    }

    /// The error of a template, naming its file (the replacement's path) and line.
    fn error(&self, e: &Error) -> InvalidInput {
        let name = e.name().unwrap_or("?");
        let file = self.overrides.get(name).map_or_else(
            || name.to_owned(),
            |(path, _)| crate::escape::terminal_line(&path.display().to_string()).into_owned(),
        );
        let detail = match e.detail() {
            Some(detail) => format!("{}: {detail}", e.kind()),
            None => e.kind().to_string(),
        };
        TemplateError { file, line: e.line(), detail }.into()
    }

    /// Renders `name` (e.g. `recommend.md`) with a view as its context.
    pub fn render(
        &self,
        name: &str,
        view: &impl Serialize,
        lang: Lang,
        options: &RenderOptions,
        extra: Value,
    ) -> Result<String, InvalidInput> {
        let fresh;
        let env = if self.overrides.is_empty() {
            builtin_environment().map_err(|e| self.error(&e))?
        } else {
            fresh = self.environment().map_err(|e| self.error(&e))?;
            &fresh
        };
        let template = env.get_template(name).map_err(|e| self.error(&e))?;
        let context = minijinja::context! {
            t => labels(lang),
            options => minijinja::context! {
                date => options.date.clone(),
                explain => options.explain,
                width => options.width,
            },
        };
        // The first map that has a key wins: labels and options, then `extra`, then the view.
        let context = minijinja::value::merge_maps([context, extra, Value::from(minijinja::value::Serde(view))]);
        let mut text = template.render(context).map_err(|e| self.error(&e))?;
        if !text.ends_with('\n') {
            text.push('\n');
        }
        Ok(text)
    }

    /// Writes every built-in template into `dir` (atomically, each file; refusing files
    /// that exist unless `force`), as `rules export` does.
    pub fn export(dir: &Path, force: bool) -> anyhow::Result<Vec<PathBuf>> {
        let files: Vec<(PathBuf, String)> =
            BUILTIN.iter().map(|(name, text)| (dir.join(name), (*text).to_owned())).collect();
        crate::output::export_files(dir, &files, force)
    }
}

/// The environment of the built-in templates, one per process: each template is compiled
/// the first time it is used and kept (a run renders one document, a test suite many),
/// and the compiled templates are not torn down at exit.
fn builtin_environment() -> Result<&'static Environment<'static>, Error> {
    static BUILTIN_ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    if let Some(env) = BUILTIN_ENVIRONMENT.get() {
        return Ok(env);
    }
    let env = Templates::default().environment()?;
    Ok(BUILTIN_ENVIRONMENT.get_or_init(|| env))
}

/// The labels of a language as trusted text (`t`): written as they are.
fn labels(lang: Lang) -> Value {
    let map: BTreeMap<&'static str, Value> =
        Labels::get(lang).entries().map(|(key, text)| (key, Value::from_safe_string(text.to_owned()))).collect();
    // The map itself is the object (`Value::from` would copy every key into an `Arc<str>`).
    Value::from_object(map)
}

/// The sentences of a cost estimate in one language (`cost_text`), the words the
/// terminal shows too: `heading`, `workload`, `patterns` (rule order: `pattern`,
/// `name`, `marked` with "(cheapest)", `monthly`, `capacity`), `names` by id,
/// `reserve_lines`, `break_even_lines`, and `line_sources` (one per `cost.lines`).
pub(crate) fn cost_text(cost: Option<&CostReport>, lang: Lang) -> Value {
    let Some(cost) = cost else { return Value::UNDEFINED };
    let patterns: Vec<Value> = cost
        .patterns
        .iter()
        .map(|p| {
            minijinja::context! {
                pattern => &p.pattern,
                name => &p.name,
                marked => cost.name_marked(&p.pattern, &p.name, lang),
                monthly => cost.monthly(&p.pattern),
                capacity => cost.capacity_text(&p.pattern, p.orchestrator, lang),
            }
        })
        .collect();
    let names: BTreeMap<String, String> = cost.patterns.iter().map(|p| (p.pattern.clone(), p.name.clone())).collect();
    minijinja::context! {
        cost_text => minijinja::context! {
            heading => cost.heading_line(lang),
            workload => super::cost::text::workload_line(&cost.workload, lang),
            patterns,
            names,
            reserve_lines => cost.reserve_lines(lang),
            break_even_lines => cost.break_even_lines(lang),
            line_sources => cost.lines.iter().map(|l| CostReport::line_source(l, lang)).collect::<Vec<_>>(),
        }
    }
}

/// Writes a value: strings through the escaper of the template's output type; safe
/// strings, numbers and booleans as they are; `none` and undefined as nothing.
fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    // A string is written from where it lies (its `Display` is itself); anything else
    // is formatted first.
    let formatted;
    let text = match value.as_str() {
        Some(text) => text,
        None => {
            formatted = value.to_string();
            &formatted
        }
    };
    let written = if value.is_safe() || matches!(value.kind(), ValueKind::Number | ValueKind::Bool) {
        out.write_str(text)
    } else {
        match state.auto_escape() {
            AutoEscape::Custom(name) if name == MARKDOWN => out.write_str(&markdown::escape(text)),
            AutoEscape::Html => write_html_escaped(out, text),
            _ => out.write_str(text),
        }
    };
    written.map_err(|e| Error::new(ErrorKind::WriteFailure, e.to_string()))
}

/// [`write_html_escaped`] into a new string.
#[cfg(test)]
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = write_html_escaped(&mut out, text);
    out
}

/// Writes HTML text and attribute values: `&`, `<`, `>`, `"` and `'` as entities (a URL
/// keeps its slashes), the runs between them as they are.
fn write_html_escaped(out: &mut impl fmt::Write, text: &str) -> fmt::Result {
    let mut run = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // An ASCII byte never falls inside a multi-byte character: `at` is a boundary.
        out.write_str(&text[run..at])?;
        out.write_str(entity)?;
        run = at + 1;
    }
    out.write_str(&text[run..])
}

/// `4 (+1)`: a rating with its change from the base; `4.46 ($)` from the cost estimate.
fn rating(score: &Value) -> Result<String, Error> {
    let number = |key: &str| -> Result<f64, Error> {
        let v = score.get_attr(key)?;
        f64::try_from(v).map_err(|_| Error::new(ErrorKind::InvalidOperation, format!("`rating` needs a `{key}`")))
    };
    let rating = number("rating")?;
    let money = score.get_attr("money")?;
    if !(money.is_undefined() || money.is_none()) {
        return Ok(format!("{rating:.2} ($)"));
    }
    let change = rating - number("base")?;
    Ok(if change == 0.0 {
        format_rating_value(rating)
    } else {
        format!("{} ({change:+})", format_rating_value(rating))
    })
}
