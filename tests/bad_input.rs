//! Every kind of bad input exits 2 with a message naming the file (with line and
//! column where there is one) or the flag — never a panic, a hang or a crash.
//! One row per case: what is written, the arguments, the exit code, a fragment of stderr.

mod support;

use std::path::Path;

use support::{COMPLETE, cmd};

/// What a case writes before running: a file name and its bytes (`None`: nothing).
type Setup = Option<(&'static str, Vec<u8>)>;

struct Case {
    name: &'static str,
    setup: Setup,
    args: &'static [&'static str],
    code: i32,
    stderr: &'static str,
}

fn answers(extra: &str) -> Vec<u8> {
    format!("{COMPLETE}\n{extra}\n").into_bytes()
}

fn nested(depth: usize) -> Vec<u8> {
    format!("gpu = {}true{}\n", "[".repeat(depth), "]".repeat(depth)).into_bytes()
}

fn cases() -> Vec<Case> {
    let huge_comment = {
        let mut text = answers("");
        text.extend(
            std::iter::repeat_n(b"# padding padding padding padding padding padding padding\n".as_slice(), 200_000)
                .flatten(),
        );
        text.extend(b"gpus = true\n");
        text
    };
    vec![
        Case { name: "toml syntax error", setup: Some(("a.toml", b"gpu = tru\n".to_vec())), args: &["--answers", "{a.toml}"], code: 2, stderr: "a.toml:1:7" },
        Case { name: "unknown question", setup: Some(("a.toml", answers("database = \"rds\""))), args: &["--answers", "{a.toml}"], code: 2, stderr: "unknown question `database`" },
        Case { name: "unknown option", setup: Some(("a.toml", answers("storage = \"tape\""))), args: &["--answers", "{a.toml}"], code: 2, stderr: "`tape` is not an option of `storage`" },
        Case { name: "wrong type", setup: Some(("a.toml", answers("gpu = \"yes\""))), args: &["--answers", "{a.toml}"], code: 2, stderr: "`gpu` expects `true` or `false`" },
        Case { name: "number out of range", setup: Some(("a.toml", answers("tasks = 0"))), args: &["--answers", "{a.toml}"], code: 2, stderr: "`tasks` must be between 1 and" },
        Case { name: "fraction where a whole number is needed", setup: Some(("a.toml", answers("tasks = 2.5"))), args: &["--answers", "{a.toml}"], code: 2, stderr: "`tasks` must be a whole number" },
        Case { name: "nan", setup: Some(("a.toml", answers("task_vcpu = nan"))), args: &["--answers", "{a.toml}"], code: 2, stderr: "`task_vcpu` must be between" },
        Case { name: "infinity", setup: Some(("a.toml", answers("task_memory_gib = inf"))), args: &["--answers", "{a.toml}"], code: 2, stderr: "`task_memory_gib` must be between" },
        Case { name: "too many choices", setup: Some(("a.toml", answers("priorities = [\"cost\", \"learning\", \"recovery\", \"staffing\"]"))), args: &["--answers", "{a.toml}"], code: 2, stderr: "at most 3 choices" },
        Case { name: "duplicate key", setup: Some(("a.toml", answers("gpu = true\ngpu = false"))), args: &["--answers", "{a.toml}"], code: 2, stderr: "duplicate key" },
        Case { name: "not utf-8", setup: Some(("a.toml", vec![0x67, 0x70, 0x75, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0x0a])), args: &["--answers", "{a.toml}"], code: 2, stderr: "is not UTF-8 text" },
        Case { name: "binary file", setup: Some(("a.bin", vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3, 0])), args: &["--answers", "{a.bin}"], code: 2, stderr: "a.bin:1:" },
        Case { name: "directory as answers file", setup: Some(("dir/", Vec::new())), args: &["--answers", "{dir/}"], code: 2, stderr: "is a directory" },
        Case { name: "file as rules directory", setup: Some(("r.toml", b"".to_vec())), args: &["--rules", "{r.toml}"], code: 2, stderr: "is not a directory" },
        Case { name: "missing answers file", setup: None, args: &["--answers", "/nonexistent/answers.toml"], code: 2, stderr: "cannot read answers file `/nonexistent/answers.toml`" },
        Case { name: "missing rules directory", setup: None, args: &["--rules", "/nonexistent/rules"], code: 2, stderr: "cannot read rules directory `/nonexistent/rules`" },
        Case { name: "absurd nesting", setup: Some(("a.toml", nested(100_000))), args: &["--answers", "{a.toml}"], code: 2, stderr: "a.toml:1:" },
        Case { name: "10 MB answers file", setup: Some(("a.toml", huge_comment)), args: &["--answers", "{a.toml}"], code: 2, stderr: "unknown question `gpus`" },
        Case { name: "set without equals", setup: None, args: &["--set", "gpu"], code: 2, stderr: "`--set gpu` has no `=`" },
        Case { name: "set with unknown option", setup: None, args: &["--set", "traffic=bursty"], code: 2, stderr: "`bursty` is not an option of `traffic`" },
        Case { name: "unknown format", setup: None, args: &["--format", "pdf"], code: 2, stderr: "invalid value 'pdf' for '--format" },
        Case { name: "unknown lang", setup: None, args: &["--lang", "fr"], code: 2, stderr: "invalid value 'fr' for '--lang" },
        Case { name: "unknown pattern for compare", setup: None, args: &["@compare", "--patterns", "ecs-fargte"], code: 2, stderr: "did you mean `ecs-fargate`?" },
        Case { name: "rule file with unknown question", setup: Some(("rules/x.toml", b"[[rule]]\nid = \"x\"\nwhen = { q = \"gpuu\", is = true }\nreason = { en = \"a\", ja = \"b\" }\nsource = \"s\"\neffects = [{ weight = \"cost\", factor = 2 }]\n".to_vec())), args: &["--rules", "{rules/}"], code: 2, stderr: "x.toml:3:14" },
        Case { name: "rule file nested too deep", setup: Some(("rules/x.toml", format!("[[rule]]\nid = \"x\"\nwhen = {}{{ all = [] }}{}\nreason = {{ en = \"a\", ja = \"b\" }}\nsource = \"s\"\neffects = [{{ weight = \"cost\", factor = 2 }}]\n", "{ not = ".repeat(40), " }".repeat(40)).into_bytes())), args: &["--rules", "{rules/}"], code: 2, stderr: "nesting-too-deep" },
        Case { name: "rule file nested 100,000 levels", setup: Some(("rules/x.toml", format!("[[rule]]\nid = \"x\"\nwhen = {}{{ all = [] }}{}\n", "{ not = ".repeat(100_000), " }".repeat(100_000)).into_bytes())), args: &["--rules", "{rules/}"], code: 2, stderr: "x.toml:3:" },
        Case { name: "rule file not utf-8", setup: Some(("rules/x.toml", vec![0xff, 0xfe, 0x00])), args: &["--rules", "{rules/}"], code: 2, stderr: "invalid-utf8" },
    ]
    .into_iter()
    .chain(rule_pack_cases())
    .collect()
}

/// A rule pack overlaid on the defaults (`--rules DIR`) with one file `rules/x.toml`.
fn rule_pack(name: &'static str, text: String, code: &'static str) -> Case {
    Case {
        name,
        setup: Some(("rules/x.toml", text.into_bytes())),
        args: &["--rules", "{rules/}"],
        code: 2,
        stderr: code,
    }
}

/// A rule with the given `when` and `effects` (and a source unless `source` is false).
fn rule(id: &str, when: &str, effects: &str, source: bool) -> String {
    let source = if source { "source = \"team wiki\"\n" } else { "" };
    format!(
        "[[rule]]\nid = \"{id}\"\nwhen = {when}\nreason = {{ en = \"a\", ja = \"あ\" }}\n{source}effects = [{effects}]\n"
    )
}

/// The default `us-east-1` pricing block, to mutate.
fn us_east_pricing() -> String {
    let text = include_str!("../rules/pricing.toml");
    let start = text.find("[[pricing.region]]").unwrap_or(0);
    let end = text[start + 1..].find("[[pricing.region]]").map_or(text.len(), |i| start + 1 + i);
    text[start..end].to_owned()
}

/// Every validation code of DESIGN §4 and the pricing errors, through the CLI: each
/// exits 2 and names its stable code (the message, in either language, comes with it).
fn rule_pack_cases() -> Vec<Case> {
    let pricing = us_east_pricing();
    let weight = "{ weight = \"cost\", factor = 2 }";
    vec![
        rule_pack("invalid-toml", "[[rule]\nid = 1\n".to_owned(), "error[invalid-toml]"),
        rule_pack("duplicate-id", rule("twice", "{ all = [] }", weight, true).repeat(2), "error[duplicate-id]"),
        rule_pack("invalid-id", rule("Bad Id", "{ all = [] }", weight, true), "error[invalid-id]"),
        rule_pack("unknown-question", rule("x", "{ q = \"gpus\", is = true }", weight, true), "error[unknown-question]"),
        rule_pack("unknown-option", rule("x", "{ q = \"services\", in = [\"lots\"] }", weight, true), "error[unknown-option]"),
        rule_pack("unknown-criterion", rule("x", "{ all = [] }", "{ weight = \"costs\", factor = 2 }", true), "error[unknown-criterion]"),
        rule_pack("unknown-pattern", rule("x", "{ all = [] }", "{ exclude = { pattern = \"ecs-fargte\" } }", true), "error[unknown-pattern]"),
        rule_pack("type-mismatch", rule("x", "{ q = \"services\", gte = 3 }", weight, true), "error[type-mismatch]"),
        rule_pack(
            "out-of-range",
            "[[rating]]\npattern = \"ecs-ec2\"\ncriterion = \"cost\"\nvalue = 7\nreason = { en = \"a\", ja = \"あ\" }\nsource = \"s\"\n".to_owned(),
            "error[out-of-range]",
        ),
        rule_pack(
            "missing-rating",
            "[[pattern]]\nid = \"ecs-anywhere\"\norchestrator = \"ecs\"\ncapacity = \"ec2\"\nname = { en = \"ECS Anywhere\", ja = \"ECS Anywhere\" }\nsummary = { en = \"s\", ja = \"s\" }\n".to_owned(),
            "error[missing-rating]",
        ),
        rule_pack("missing-source", rule("x", "{ all = [] }", weight, false), "error[missing-source]"),
        rule_pack(
            "missing-translation",
            rule("x", "{ all = [] }", weight, true).replace("reason = { en = \"a\", ja = \"あ\" }", "reason = { en = \"a\" }"),
            "error[missing-translation]",
        ),
        rule_pack("invalid-effect", rule("x", "{ all = [] }", "{ weight = \"cost\", factor = 2, exclude = { capacity = \"ec2\" } }", true), "error[invalid-effect]"),
        rule_pack("invalid-condition", rule("x", "{ q = \"gpu\", is = true, in = [\"a\"] }", weight, true), "error[invalid-condition]"),
        rule_pack("empty-selector", rule("x", "{ all = [] }", "{ exclude = {} }", true), "error[empty-selector]"),
        rule_pack(
            "invalid-default",
            "[[question]]\nid = \"services\"\nkind = \"single\"\ndefault = \"medium\"\ntext = { en = \"How many?\", ja = \"いくつか？\" }\noptions = [{ id = \"few\", label = { en = \"Few\", ja = \"少\" } }, { id = \"some\", label = { en = \"Some\", ja = \"中\" } }, { id = \"many\", label = { en = \"Many\", ja = \"多\" } }]\n".to_owned(),
            "error[invalid-default]",
        ),
        rule_pack("invalid-price (negative)", pricing.replacen("usd = 0.04048", "usd = -0.04048", 1), "error[invalid-price]"),
        rule_pack("missing-as-of", pricing.replacen("usd = 0.04048, as_of = \"2026-06-17\", ", "usd = 0.04048, ", 1), "error[missing-as-of]"),
        rule_pack(
            "missing-price",
            pricing.lines().filter(|l| !l.starts_with("fargate_x86_gb_hour")).collect::<Vec<_>>().join("\n"),
            "error[missing-price]",
        ),
        rule_pack(
            "missing-region (a region option without prices)",
            include_str!("../rules/questions.toml").replace(
                "  { id = \"ap-northeast-1\",",
                "  { id = \"sa-east-1\", label = { en = \"South America (São Paulo)\", ja = \"南米（サンパウロ）\" } },\n  { id = \"ap-northeast-1\",",
            ),
            "error[missing-region]",
        ),
        rule_pack(
            "unknown-region (an instance priced in no known region)",
            "[[pricing.instance_type]]\nid = \"c6i.large\"\nfamily = \"compute\"\narch = \"x86_64\"\nvcpu = 2\nmemory_gib = 4\nmax_pods = 29\nprices = [{ region = \"eu-west-9\", usd = 0.085, as_of = \"2026-11\", source = \"s\" }]\n".to_owned(),
            "error[unknown-region]",
        ),
    ]
}

/// Replaces `{name}` in an argument with the path of the written file.
fn resolve(arg: &str, dir: &Path) -> String {
    match arg.strip_prefix('{').and_then(|a| a.strip_suffix('}')) {
        Some(name) => dir.join(name.trim_end_matches('/')).display().to_string(),
        None => arg.to_owned(),
    }
}

#[test]
fn bad_input_exits_2_with_a_message_that_names_the_place() {
    let mut failures = Vec::new();
    for case in cases() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        if let Some((name, bytes)) = &case.setup {
            let path = dir.path().join(name.trim_end_matches('/'));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            if name.ends_with('/') {
                std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{e}"));
            } else {
                std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let mut args: Vec<String> = case.args.iter().map(|a| resolve(a, dir.path())).collect();
        let command = match args.first().and_then(|a| a.strip_prefix('@')) {
            Some(command) => {
                let command = command.to_owned();
                args.remove(0);
                command
            }
            None => "recommend".to_owned(),
        };
        let no_input: &[&str] = if command == "recommend" { &["--no-input"] } else { &[] };
        let output = cmd()
            .arg(&command)
            .args(no_input)
            .args(&args)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        if code != Some(case.code) || !stderr.contains(case.stderr) || stderr.contains("panicked") {
            failures.push(format!(
                "{}: exit {code:?}, expected {} with {:?}\n  stderr: {}",
                case.name,
                case.code,
                case.stderr,
                stderr.chars().take(400).collect::<String>()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
