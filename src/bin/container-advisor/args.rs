//! Command-line definitions (clap derive) and their conversion into library options.
//! Nothing here runs a command.

// Doc comments here are the `--help` text users read, not rustdoc: no backticks.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0    success (also when the reader of stdout goes away: `| head`)
  1    unexpected failure: an I/O error (a full disk, a closed stdout), a bug
  2    invalid input: flags, answers, rule files, an output path that cannot be written;
       or a prompt needed without a terminal
  130  interrupted (Ctrl-C at a prompt, quitting at the first question, SIGINT);
       143 on SIGTERM, 129 on SIGHUP";

const RECOMMEND_KEYS: &str = "\
Keys at the questionnaire:
  enter   answer (type to filter a list, space to tick in a multiple choice)
  esc     back one question (at the first question: quit)
  ctrl-c  stop at once (exit 130); nothing is written, the answers so far are kept
After the last question a review lists every answer: choose one to change it.

Answers of an interrupted questionnaire are kept in
$XDG_STATE_HOME/container-advisor/answers.toml (else
~/.local/state/container-advisor/answers.toml) for --resume, never with --no-input.";

/// Choose how to run containers on AWS: ECS or EKS, on EC2 you run, on Fargate, or on EC2 that AWS runs.
#[derive(Debug, Parser)]
#[command(name = "container-advisor", version, about, long_about = None, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,

    #[command(flatten)]
    pub(crate) global: GlobalArgs,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// Language of prompts and output [default: from LC_ALL, LC_MESSAGES, LANG]
    #[arg(long, global = true, value_enum)]
    pub(crate) lang: Option<LangArg>,

    /// A rules directory that overlays the embedded defaults (same id replaces, new id adds)
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) rules: Option<PathBuf>,

    /// Use the rules directory alone, without the embedded defaults
    #[arg(long, global = true)]
    pub(crate) rules_only: bool,

    /// A folder of document templates that replace the built-in ones by file name (see `templates export`); a templates/ folder inside the --rules directory is read too
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) templates: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Ask the questionnaire (or read answers) and recommend a pattern, with every reason
    #[command(after_help = RECOMMEND_KEYS)]
    Recommend(RecommendArgs),
    /// The patterns side by side on every criterion, with reasons and sources; with answers, the weighted view
    Compare(CompareArgs),
    /// Estimate the monthly cost of every pattern for a workload (Region, tasks, task size)
    Cost(CostArgs),
    /// Print the questionnaire, or a commented answers template with `--format toml`
    Questions(QuestionsArgs),
    /// Validate or export rule files
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write the built-in document templates, to start a team's own from
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Import prices from AWS Price List offer files into a `--rules` overlay
    #[command(subcommand)]
    Pricing(PricingCommand),
    /// Print a shell completion script, e.g. `container-advisor completions bash > /etc/bash_completion.d/container-advisor`
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff), e.g. `container-advisor man recommend | man -l -`; `--dir DIR` writes every page
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub(crate) struct RecommendArgs {
    /// Read answers from a TOML file (`id = value` per line)
    #[arg(long, value_name = "FILE")]
    pub(crate) answers: Option<PathBuf>,

    /// Answer one question, e.g. `--set gpu=false`, `--set priorities=cost,learning` or, by an option's label, `--set traffic="Daily cycle"` (repeatable; wins over `--answers`)
    #[arg(long = "set", value_name = "ID=VALUE")]
    pub(crate) set: Vec<String>,

    /// Never prompt: unanswered questions take their default; fail if one has none
    #[arg(long)]
    pub(crate) no_input: bool,

    /// Continue an interrupted questionnaire: start from the answers it kept (see below) and ask only what is missing
    #[arg(long, conflicts_with = "no_input")]
    pub(crate) resume: bool,

    /// Also write the answers used to FILE (an answers file `--answers` reads back)
    #[arg(long, value_name = "FILE")]
    pub(crate) save_answers: Option<PathBuf>,

    /// Output format [default: from the extension of --output (.md, .html, .json, .csv), else table]
    #[arg(long, value_enum)]
    pub(crate) format: Option<FormatArg>,

    /// Show the whole trace: every base rating, delta, weight factor and contribution
    #[arg(long)]
    pub(crate) explain: bool,

    /// Compare with a second answers file (team A vs team B, today vs next year)
    #[arg(long, value_name = "FILE")]
    pub(crate) versus: Option<PathBuf>,

    /// Seed of the robustness sampler (the default gives the same figures every run)
    #[arg(long, value_name = "N", default_value_t = container_advisor::engine::robustness::DEFAULT_SEED)]
    pub(crate) seed: u64,

    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CompareArgs {
    /// Weight by the answers in FILE (the weighted view: weights, points, totals, exclusions)
    #[arg(long, value_name = "FILE")]
    pub(crate) answers: Option<PathBuf>,

    /// Answer one question, e.g. `--set gpu=true` (repeatable; implies the weighted view)
    #[arg(long = "set", value_name = "ID=VALUE")]
    pub(crate) set: Vec<String>,

    /// Only these patterns, in this order, by id or name, e.g. `--patterns ecs-fargate,eks-ec2` or `--patterns "EKS Auto Mode"`
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub(crate) patterns: Vec<String>,

    /// Output format [default: from the extension of --output (.md, .html, .json, .csv), else table]
    #[arg(long, value_enum)]
    pub(crate) format: Option<FormatArg>,

    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CostArgs {
    /// Read answers from a TOML file (`id = value` per line); only the workload answers are used
    #[arg(long, value_name = "FILE")]
    pub(crate) answers: Option<PathBuf>,

    /// Answer one question, e.g. `--set region=us-east-1 --set tasks=10` (repeatable; wins over `--answers`)
    #[arg(long = "set", value_name = "ID=VALUE")]
    pub(crate) set: Vec<String>,

    /// Output format [default: from the extension of --output (.md, .html, .json, .csv), else table]
    #[arg(long, value_enum)]
    pub(crate) format: Option<CostFormat>,

    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Write the result to FILE instead of stdout (atomically; `-` is stdout)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// Overwrite existing output files
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// The command whose page to print, e.g. `recommend` or `rules check` [default: the top page]
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub(crate) command: Vec<String>,

    /// Write every page (container-advisor.1, container-advisor-recommend.1, ...) into DIR, for packagers
    #[arg(long, value_name = "DIR")]
    pub(crate) dir: Option<std::path::PathBuf>,

    /// Overwrite existing pages in DIR
    #[arg(long, requires = "dir")]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct QuestionsArgs {
    /// Output format [default: from the extension of --output (.toml), else table]
    #[arg(long, value_enum)]
    pub(crate) format: Option<QuestionsFormat>,

    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RulesCommand {
    /// Validate rule files and print every problem with file:line:col
    Check {
        /// The rules directory to check [default: the `--rules` directory, else the embedded defaults]
        dir: Option<PathBuf>,
    },
    /// Print the catalogue of every criterion, rating and rule with its reason and source
    List {
        /// Output format
        #[arg(long, value_enum, default_value_t = ReachFormat::Table)]
        format: ReachFormat,
    },
    /// How often each pattern wins over the answer space, per answer value; patterns that never win; rules that never change a ranking
    #[command(long_about = REACH_ABOUT)]
    Reach(ReachArgs),
    /// Print the JSON Schema of the rule files (for TOML editors)
    Schema,
    /// Write the embedded default rules (and their JSON Schema) to DIR, to start a team's own rules from
    Export {
        /// Where to write them (created if missing)
        dir: PathBuf,
        /// Overwrite existing files
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TemplatesCommand {
    /// Write every built-in Markdown, HTML and ADR template to DIR; edit them and pass --templates DIR
    Export {
        /// Where to write them (created if missing)
        dir: PathBuf,
        /// Overwrite existing files
        #[arg(long)]
        force: bool,
    },
}

const REACH_ABOUT: &str = "\
How often each pattern wins over the answer space of the effective rules (the embedded \
defaults, with `--rules DIR` overlaid), overall and per answer value; the patterns that never \
win; the rules whose effects never change a ranking.

Every single and bool question that a scoring rule (rating, weight or exclude) reads is swept \
over each of its values, and every such multi-choice question over every set of up to \
`max_choices` options; a question whose `ask_if` does not hold stays unanswered. Number \
questions and questions no scoring rule reads take their defaults, so no cost estimate is \
priced: cost is the qualitative rating. The sweep is \
exhaustive up to 10 billion answer sets, else a seeded sample (the output says which). The \
rule ablation (which rules never change a ranking) runs on a seeded sample of 20,000 answer \
sets.

Pin answers with `--set id=value` or `--answers FILE` to sweep only the answer sets that give \
them, e.g. `--set k8s_in_use=none --set lock_in=acceptable`.";

#[derive(Debug, Args)]
pub(crate) struct ReachArgs {
    /// Pin one answer, e.g. `--set k8s_in_use=none` (repeatable; wins over `--answers`)
    #[arg(long = "set", value_name = "ID=VALUE")]
    pub(crate) set: Vec<String>,

    /// Pin the answers in a TOML answers file
    #[arg(long, value_name = "FILE")]
    pub(crate) answers: Option<PathBuf>,

    /// Evaluate a seeded sample of N answer sets instead of sweeping every one
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) sample: Option<u64>,

    /// Seed of the samples (the same seed gives the same figures)
    #[arg(long, value_name = "N", default_value_t = container_advisor::reach::DEFAULT_SEED)]
    pub(crate) seed: u64,

    /// Output format [default: from the extension of --output (.md, .json), else table]
    #[arg(long, value_enum)]
    pub(crate) format: Option<ReachFormat>,

    #[command(flatten)]
    pub(crate) output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReachFormat {
    /// Terminal tables
    Table,
    /// GitHub-flavoured Markdown
    Markdown,
    /// The JSON model (schema_version 1)
    Json,
}

impl From<ReachFormat> for container_advisor::Format {
    fn from(format: ReachFormat) -> Self {
        match format {
            ReachFormat::Table => Self::Table,
            ReachFormat::Markdown => Self::Markdown,
            ReachFormat::Json => Self::Json,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    En,
    Ja,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// Terminal tables
    Table,
    /// GitHub-flavoured Markdown, for design documents
    Markdown,
    /// The stable JSON contract (schema_version 1)
    Json,
    /// RFC 4180 CSV, one row per pattern and criterion
    Csv,
    /// An architecture decision record (MADR 4)
    Adr,
    /// One self-contained HTML file with a chart, no scripts or network
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CostFormat {
    /// Terminal tables
    Table,
    /// GitHub-flavoured Markdown
    Markdown,
    /// The cost object of the JSON contract (schema_version 1)
    Json,
    /// RFC 4180 CSV, one row per cost line with its price, date and source
    Csv,
    /// One self-contained HTML file (for an ADR with the cost, use `recommend --format adr`)
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum QuestionsFormat {
    /// A table of the questions
    Table,
    /// A commented answers template for `recommend --answers`
    Toml,
}

impl From<QuestionsFormat> for container_advisor::app::QuestionsFormat {
    fn from(format: QuestionsFormat) -> Self {
        match format {
            QuestionsFormat::Table => Self::Table,
            QuestionsFormat::Toml => Self::Toml,
        }
    }
}

impl From<LangArg> for container_advisor::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::En => Self::En,
            LangArg::Ja => Self::Ja,
        }
    }
}

impl From<CostFormat> for container_advisor::Format {
    fn from(format: CostFormat) -> Self {
        match format {
            CostFormat::Table => Self::Table,
            CostFormat::Markdown => Self::Markdown,
            CostFormat::Json => Self::Json,
            CostFormat::Csv => Self::Csv,
            CostFormat::Html => Self::Html,
        }
    }
}

impl From<FormatArg> for container_advisor::Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Table => Self::Table,
            FormatArg::Markdown => Self::Markdown,
            FormatArg::Json => Self::Json,
            FormatArg::Csv => Self::Csv,
            FormatArg::Html => Self::Html,
            FormatArg::Adr => Self::Adr,
        }
    }
}

impl GlobalArgs {
    /// Which rules the flags select.
    pub(crate) fn rules_selection(&self) -> Result<container_advisor::RulesSelection, container_advisor::Message> {
        use container_advisor::RulesSelection;
        match (&self.rules, self.rules_only) {
            (Some(dir), true) => Ok(RulesSelection::Only(dir.clone())),
            (Some(dir), false) => Ok(RulesSelection::Overlay(dir.clone())),
            (None, true) => Err(container_advisor::msg!(
                "`--rules-only` needs a rules directory: `--rules DIR`",
                "`--rules-only` にはルールディレクトリの指定（`--rules DIR`）が必要です"
            )),
            (None, false) => Ok(RulesSelection::Default),
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    #[test]
    fn clap_definitions_are_consistent() {
        super::Cli::command().debug_assert();
    }
}

/// `pricing` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum PricingCommand {
    /// Read AWS Price List bulk offer files (AmazonEC2, AmazonECS, AmazonEKS) and write DIR/pricing.toml, an overlay for `--rules DIR` (docs/pricing.md)
    Import {
        /// Offer files (`index.json`) downloaded from the Price List bulk API
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only this Region (repeatable); all Regions found by default
        #[arg(long = "region")]
        regions: Vec<String>,
        /// The overlay directory to write (created if missing)
        #[arg(long)]
        output: PathBuf,
        /// Overwrite existing files
        #[arg(long)]
        force: bool,
    },
}
