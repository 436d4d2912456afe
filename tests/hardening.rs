//! Issue 11, "hardening, round 2": one test (or more) per row, through the binary.
//! Output targets, stdout and stderr that cannot be written, signals, limits, hostile
//! rule text and the messages for each. Each test failed before its fix.

// Test inputs are built with `format!` per line; clarity over speed here.
#![allow(clippy::format_collect)]

mod support;

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use support::{COMPLETE, cmd, write};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_container-advisor")
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn answers(dir: &Path) -> PathBuf {
    write(dir, "a.toml", COMPLETE)
}

/// Runs `sh -c script` with the binary as `$B`; returns the exit code and stderr.
fn sh(script: &str, dir: &Path) -> (Option<i32>, String, String) {
    let output = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("B", bin())
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

// Row 1: `--force` renamed a temporary file over devices, FIFOs and `/dev/stdout`.

#[test]
fn row01_force_never_replaces_a_device_or_a_fifo() {
    let dir = tempdir();
    let a = answers(dir.path());
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()));
    for target in [Path::new("/dev/null"), fifo.as_path()] {
        for force in [false, true] {
            let mut c = cmd();
            c.args(["recommend", "--no-input", "--answers"]).arg(&a).arg("--output").arg(target);
            if force {
                c.arg("--force");
            }
            let output = c.timeout(Duration::from_secs(20)).output().unwrap_or_else(|e| panic!("{e}"));
            let stderr = stderr_of(&output);
            assert_eq!(output.status.code(), Some(2), "{target:?} force={force}: {stderr}");
            assert!(stderr.contains("is not a regular file"), "{stderr}");
            assert!(!stderr.contains("--force"), "the message must not suggest `--force`: {stderr}");
        }
    }
    assert!(std::fs::metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo_like()), "the FIFO is still a FIFO");
    assert!(std::fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()), "/dev/null is still a device");
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}

impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn row01_dev_stdout_and_dash_write_to_stdout() {
    let dir = tempdir();
    let a = answers(dir.path());
    for target in ["/dev/stdout", "-"] {
        let output = cmd()
            .args(["recommend", "--no-input", "--format", "json", "--force", "--output", target, "--answers"])
            .arg(&a)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(output.status.success(), "{target}: {}", stderr_of(&output));
        let json: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{target}: not JSON on stdout: {e}"));
        assert_eq!(json["schema_version"], 1);
    }
    assert!(!dir.path().join("-").exists(), "`--output -` must not create a file named `-`");
    assert!(std::fs::symlink_metadata("/dev/stdout").is_ok_and(|m| !m.is_file()), "/dev/stdout is untouched");
}

// Row 8: panics (exit 101) when stdout or stderr cannot be written.

#[test]
fn row08_unwritable_stdout_or_stderr_is_an_error_not_a_panic() {
    let dir = tempdir();
    for (script, code) in [
        ("$B rules check > /dev/full", Some(1)),
        ("$B questions > /dev/full", Some(1)),
        ("$B recommend --no-input --set gpu=maybe 2> /dev/full", Some(2)),
        ("$B rules check /nonexistent 2> /dev/full", Some(2)),
        ("$B recommend --answers /nonexistent --no-input > /dev/full 2>&1", Some(2)),
    ] {
        let (got, _, stderr) = sh(script, dir.path());
        assert_eq!(got, code, "{script}: {stderr}");
        assert!(!stderr.contains("panicked"), "{script}: {stderr}");
    }
}

#[test]
fn row08_a_reader_that_goes_away_is_not_an_error() {
    let dir = tempdir();
    for _ in 0..10 {
        let (code, _, stderr) = sh("bash -c 'set -o pipefail; \"$B\" rules check | true'", dir.path());
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        let (code, _, stderr) = sh("set -e; $B rules check > out.txt; test -s out.txt", dir.path());
        assert_eq!(code, Some(0), "{stderr}");
    }
    let script = "bash -c 'set -o pipefail; (sleep 0.2; exec \"$B\" rules check) | true'";
    let (code, _, stderr) = sh(script, dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "quiet: {stderr}");
}

// Row 10: every written file was 0600; `--force` reset the mode and broke hard links.

#[test]
fn row10_files_follow_the_umask_and_keep_their_mode_and_links() {
    let dir = tempdir();
    answers(dir.path());
    let (code, _, stderr) = sh("umask 022; $B recommend --no-input --answers a.toml --output r.txt", dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    let mode = |p: &str| std::fs::metadata(dir.path().join(p)).map_or(0, |m| m.mode() & 0o777);
    assert_eq!(mode("r.txt"), 0o644);
    let (code, _, stderr) = sh("umask 022; $B rules export pack", dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(mode("pack/team.toml"), 0o644);
    std::fs::set_permissions(dir.path().join("r.txt"), std::fs::Permissions::from_mode(0o600))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::hard_link(dir.path().join("r.txt"), dir.path().join("link.txt")).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) =
        sh("$B recommend --no-input --answers a.toml --format json --output r.txt --force", dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(mode("r.txt"), 0o600, "the replaced file keeps its mode");
    let linked = std::fs::read_to_string(dir.path().join("link.txt")).unwrap_or_default();
    assert!(linked.starts_with('{'), "the other hard link sees the new report");
}

// Row 11: output-path problems were found only after the whole questionnaire.

#[test]
fn row11_output_paths_are_checked_before_the_first_question() {
    let dir = tempdir();
    std::fs::write(dir.path().join("file"), "x").unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("dangling")).unwrap_or_else(|e| panic!("{e}"));
    // No answers at all and no terminal: had the paths not been checked first, the
    // error would be "no terminal to ask the questions on".
    for (flag, path, expected) in [
        ("--output", "nope/x.md", "folder `nope` does not exist"),
        ("--output", "file/x.md", "`file` is a file, not a folder"),
        ("--output", "dangling", "is a symbolic link to"),
        ("--output", ".", "is a directory"),
        ("--save-answers", "nope/a.toml", "folder `nope` does not exist"),
    ] {
        let output = cmd().current_dir(dir.path()).args(["recommend", flag, path]).output();
        let output = output.unwrap_or_else(|e| panic!("{e}"));
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{flag} {path}: {stderr}");
        assert!(stderr.contains(expected), "{flag} {path}: {stderr}");
        assert!(!stderr.contains("no terminal"), "{flag} {path}: {stderr}");
    }
}

// Row 12: `--save-answers X --output X`; a failed report left the saved answers behind.

#[test]
fn row12_save_answers_and_output_are_one_all_or_nothing_write() {
    let dir = tempdir();
    answers(dir.path());
    let (code, _, stderr) =
        sh("$B recommend --no-input --answers a.toml --output x.md --save-answers ./x.md", dir.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("both name"), "{stderr}");
    assert!(!dir.path().join("x.md").exists());
    // The report cannot be written (stdout is full): the answers are not saved either.
    let (code, _, stderr) =
        sh("$B recommend --no-input --answers a.toml --save-answers saved.toml > /dev/full", dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!dir.path().join("saved.toml").exists(), "no saved answers without the report");
}

// Row 13: SIGINT/SIGTERM during a write left a hidden `.tmpXXXXXX` beside the target.

#[test]
fn row13_a_signal_during_a_write_leaves_no_temporary_file() {
    let dir = tempdir();
    let mut exits = Vec::new();
    for i in 0..24u64 {
        let pack = dir.path().join(format!("pack{i}"));
        let mut child = Command::new(bin())
            .args(["rules", "export"])
            .arg(&pack)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        std::thread::sleep(Duration::from_micros(500 * (i % 12) + 1_000));
        let signal = if i % 2 == 0 { "-TERM" } else { "-INT" };
        let _ = Command::new("kill").arg(signal).arg(child.id().to_string()).status();
        let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
        exits.push(status.code());
        if pack.exists() {
            let leftovers = temporary_files(&pack);
            assert!(leftovers.is_empty(), "run {i}: {leftovers:?}");
        }
    }
    // `None`: killed before the handler was installed (then nothing was written yet).
    assert!(exits.iter().all(|c| matches!(c, None | Some(0 | 130 | 143))), "{exits:?}");
    assert!(exits.iter().any(|c| matches!(c, Some(130 | 143))), "the handler ran: {exits:?}");
}

/// The hidden files in `dir`: what an interrupted atomic write would leave behind.
fn temporary_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

// Issue 14: only a run that may leave a temporary file or a raw terminal behind waits
// for signals (a thread per run was a measurable part of start-up).

#[test]
fn a_signal_ends_a_stdout_run_at_once_and_a_run_writing_a_file_cleans_up() {
    let dir = tempdir();
    let a = answers(dir.path());
    let (mut to_stdout, mut to_file) = (Vec::new(), Vec::new());
    for i in 0..12u64 {
        for file in [false, true] {
            let mut command = Command::new(bin());
            command.args(["recommend", "--no-input", "--format", "json", "--answers"]).arg(&a);
            if file {
                command.arg("--output").arg(dir.path().join(format!("r{i}.json")));
            }
            let mut child =
                command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap_or_else(|e| panic!("{e}"));
            std::thread::sleep(Duration::from_micros(500 * (i % 6) + 1_000));
            let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
            let code = child.wait().unwrap_or_else(|e| panic!("{e}")).code();
            if file { to_file.push(code) } else { to_stdout.push(code) }
        }
    }
    // To stdout only: the default disposition ends the run (no exit code; a shell says
    // 143), never a handler.
    assert!(to_stdout.iter().all(|c| matches!(c, None | Some(0))), "{to_stdout:?}");
    assert!(to_stdout.iter().any(Option::is_none), "a signal arrived during a run: {to_stdout:?}");
    // With `--output`: the handler (`None` only when killed before it was installed).
    assert!(to_file.iter().all(|c| matches!(c, None | Some(0 | 143))), "{to_file:?}");
    assert!(to_file.contains(&Some(143)), "the handler ran: {to_file:?}");
    let leftovers = temporary_files(dir.path());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// Row 15: `rules export` on a full disk left some files, and a retry was refused.

#[test]
fn row15_rules_export_is_all_or_nothing() {
    let dir = tempdir();
    // `pack/ratings.toml` is a directory: the export fails on it, so nothing is written.
    std::fs::create_dir_all(dir.path().join("pack/ratings.toml")).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = sh("$B rules export pack --force", dir.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("is a directory"), "{stderr}");
    let names: Vec<String> = std::fs::read_dir(dir.path().join("pack"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["ratings.toml"], "no other file was written");
}

// Row 19: misleading messages; one exit code per kind of problem across commands.

#[test]
fn row19_output_path_messages_say_the_true_problem_with_one_exit_code() {
    let dir = tempdir();
    answers(dir.path());
    std::fs::create_dir(dir.path().join("somedir")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("file"), "x").unwrap_or_else(|e| panic!("{e}"));
    let commands: [&[&str]; 4] = [
        &["recommend", "--no-input", "--answers", "a.toml"],
        &["compare"],
        &[
            "cost",
            "--set",
            "region=us-east-1",
            "--set",
            "tasks=2",
            "--set",
            "task_vcpu=1",
            "--set",
            "task_memory_gib=2",
        ],
        &["questions"],
    ];
    for command in commands {
        for (path, force, expected) in [
            ("somedir", false, "`somedir` is a directory"),
            ("somedir", true, "`somedir` is a directory"),
            ("file/x", false, "`file` is a file, not a folder"),
            ("nope/x", false, "folder `nope` does not exist"),
            ("/dev/null", true, "is not a regular file"),
            ("file", false, "already exists; pass `--force`"),
        ] {
            let mut c = cmd();
            c.current_dir(dir.path()).args(command).args(["--output", path]);
            if force {
                c.arg("--force");
            }
            let output = c.output().unwrap_or_else(|e| panic!("{e}"));
            let stderr = stderr_of(&output);
            assert_eq!(output.status.code(), Some(2), "{command:?} {path}: {stderr}");
            assert!(stderr.contains(expected), "{command:?} {path}: {stderr}");
            assert!(!(stderr.contains("--force") && path == "somedir"), "{stderr}");
        }
    }
}

// Row 20: closed stdout, `--help > /dev/full`, `TERM=dumb`, `LANG=C`, `--output -`,
// `compare --patterns a,a`.

#[test]
fn row20_closed_stdout_is_an_error_and_help_to_a_full_disk_fails() {
    let dir = tempdir();
    let (code, _, stderr) = sh("$B rules check >&-", dir.path());
    assert_eq!(code, Some(1), "a closed stdout must not exit 0 with the result lost: {stderr}");
    assert!(stderr.contains("stdout"), "{stderr}");
    let (code, _, _) = sh("$B rules check > /dev/null", dir.path());
    assert_eq!(code, Some(0), "`> /dev/null` is a choice, not a closed stdout");
    for args in ["--help", "--version", "recommend --help"] {
        let (code, _, stderr) = sh(&format!("$B {args} > /dev/full"), dir.path());
        assert_eq!(code, Some(1), "{args}: {stderr}");
    }
}

#[test]
fn row20_c_locale_gets_ascii_borders_and_utf8_gets_box_drawing() {
    let output = cmd().args(["compare"]).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.is_ascii() || !text.contains('│'), "LANG=C: no box drawing");
    assert!(!text.contains('│') && !text.contains('═'), "{text}");
    let output = cmd().env("LANG", "en_US.UTF-8").args(["compare"]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&output.stdout).contains('│'));
}

#[test]
fn row20_dumb_terminal_gets_no_colour() {
    // `script` gives the binary a terminal; TERM=dumb must still mean no escape codes.
    if Command::new("script").arg("--version").output().is_err() {
        return;
    }
    let dir = tempdir();
    answers(dir.path());
    let run = "$B recommend --no-input --answers a.toml";
    let (code, out, stderr) = sh(&format!("TERM=dumb NO_COLOR= script -qec \"{run}\" /dev/null"), dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    let (_, out, _) = sh(&format!("TERM=xterm NO_COLOR= script -qec \"{run}\" /dev/null"), dir.path());
    assert!(out.contains('\u{1b}'), "colour on a real terminal: {out:?}");
    // On a dumb terminal the questionnaire is not started (no raw mode, no bracketed paste).
    let (code, out, _) = sh("TERM=dumb script -qec \"$B recommend\" /dev/null", dir.path());
    assert_ne!(code, Some(0));
    assert!(!out.contains("\u{1b}[?2004h"), "{out:?}");
    assert!(out.contains("`TERM=dumb` cannot show the questionnaire"), "{out:?}");
}

#[test]
fn row20_compare_refuses_a_pattern_named_twice() {
    let output = cmd().args(["compare", "--patterns", "ecs-ec2,ecs-ec2"]).output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("`ecs-ec2` twice"), "{stderr}");
}

// Row 2: diagnostics were quadratic (each handed the whole file to the renderer).

/// Runs the binary in `dir`. The speed itself is measured outside the tests (the README's
/// figures, `/usr/bin/time -v`); the timeout only stops a regression from hanging CI.
fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    cmd().current_dir(dir).args(args).timeout(Duration::from_secs(120)).output().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn row02_thousands_of_diagnostics_render_in_linear_time_with_a_cap() {
    let dir = tempdir();
    let keys: String = (0..24_000).map(|i| format!("x{i} = 1\n")).collect();
    write(dir.path(), "j.toml", &keys);
    let output = run_in(dir.path(), &["recommend", "--answers", "j.toml", "--no-input"]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("and 23,950 more"), "{}", &stderr[stderr.len().saturating_sub(300)..]);
    assert!(stderr.contains("24000 errors"), "the summary still counts them all");
    assert!(stderr.matches("error[unknown-question]").count() == 50);
    // Before: 26 s in a release build; now 0.14 s (README, Hardening).

    // 20,000 bad rules, in three files under the 1 MiB limit.
    std::fs::create_dir(dir.path().join("bad")).unwrap_or_else(|e| panic!("{e}"));
    for part in 0..3 {
        let rules: String = (part * 6_667..(part + 1) * 6_667)
            .map(|i| {
                format!(
                    "[[rule]]\nid = \"r{i}\"\nwhen = {{ q = \"nope\", is = true }}\nreason = {{ en = \"a\", ja = \"b\" }}\n\
                     source = \"s\"\neffects = [{{ weight = \"cost\", factor = 1 }}]\n"
                )
            })
            .collect();
        write(&dir.path().join("bad"), &format!("x{part}.toml"), &rules);
    }
    let output = run_in(dir.path(), &["rules", "check", "bad"]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("more diagnostics not shown"), "{stderr}");
    // Before: 523 s in a release build; now 0.66 s (README, Hardening).
}

#[test]
fn row02_the_cap_counts_what_is_not_shown() {
    let dir = tempdir();
    let keys: String = (0..60).map(|i| format!("x{i} = 1\n")).collect();
    write(dir.path(), "j.toml", &format!("{keys}gpu = \"yes\"\n"));
    let output = run_in(dir.path(), &["recommend", "--answers", "j.toml", "--no-input"]);
    let stderr = stderr_of(&output);
    assert!(stderr.contains("and 11 more"), "{stderr}");
}

// Rows 4 and 19: user text reaching the terminal in diagnostics (file names, ids).

#[test]
fn row04_row19_diagnostics_show_control_and_invisible_characters_escaped() {
    let dir = tempdir();
    let name = "evil\u{1b}]0;title\u{7}\u{202e}.toml";
    write(dir.path(), name, "gpus = true\n");
    let output = cmd()
        .current_dir(dir.path())
        .args(["recommend", "--no-input", "--answers", name])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'), "{stderr:?}");
    assert!(stderr.contains("evil\\u{1b}]0;title\\u{7}\\u{202e}.toml"), "{stderr}");

    let output = cmd().args(["recommend", "--no-input", "--set", "traffic\u{200b}=steady"]).output();
    let stderr = stderr_of(&output.unwrap_or_else(|e| panic!("{e}")));
    assert!(stderr.contains("unknown question `traffic\\u{200b}`"), "{stderr}");
    assert!(stderr.contains("did you mean `traffic`?"), "{stderr}");

    // A quoted key may hold any character: the source line shows it replaced.
    write(dir.path(), "k.toml", "\"gpu\u{1b}[2J\" = true\n");
    let output = cmd().current_dir(dir.path()).args(["recommend", "--no-input", "--answers", "k.toml"]).output();
    let stderr = stderr_of(&output.unwrap_or_else(|e| panic!("{e}")));
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

// Rows 7, 14 and 18, and the validation half of row 4: the documented limits.

/// `rules check` of a directory holding `files`; returns the exit code and stderr.
fn check_pack(files: &[(&str, String)]) -> (Option<i32>, String) {
    let dir = tempdir();
    let pack = dir.path().join("pack");
    std::fs::create_dir(&pack).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in files {
        write(&pack, name, text);
    }
    let output = cmd().arg("rules").arg("check").arg(&pack).output().unwrap_or_else(|e| panic!("{e}"));
    (output.status.code(), stderr_of(&output))
}

fn exported(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules").join(name))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn rule(id: &str, reason: &str, effect: &str) -> String {
    format!(
        "[[rule]]\nid = \"{id}\"\nwhen = {{ q = \"gpu\", is = true }}\nreason = {{ en = \"{reason}\", ja = \"b\" }}\n\
         source = \"aws-ecs-pricing\"\neffects = [{effect}]\n"
    )
}

#[test]
fn row07_absurd_weights_factors_and_prices_are_refused() {
    let criteria = exported("criteria.toml");
    let at = criteria.find("weight = ").unwrap_or_else(|| panic!("no weight in criteria.toml"));
    let end = at + criteria[at..].find('\n').unwrap_or(0);
    let huge = format!("{}weight = 1e308{}", &criteria[..at], &criteria[end..]);
    let (code, stderr) = check_pack(&[("criteria.toml", huge)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("error[weight-out-of-range]"), "{stderr}");

    let (code, stderr) = check_pack(&[("x.toml", rule("x", "a", "{ weight = \"cost\", factor = 1e300 }"))]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("error[factor-out-of-range]"), "{stderr}");

    let many: String = (0..30).map(|i| rule(&format!("x{i}"), "a", "{ weight = \"cost\", factor = 100 }")).collect();
    let (code, stderr) = check_pack(&[("x.toml", many)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("together can multiply the weight of `cost`"), "{stderr}");

    let pricing = exported("pricing.toml").replacen("usd = 0.04048", "usd = 1e308", 1);
    let (code, stderr) = check_pack(&[("pricing.toml", pricing)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("error[price-out-of-range]"), "{stderr}");
}

#[test]
fn row04_control_characters_and_bidi_overrides_in_rule_text_are_refused() {
    for reason in ["\\u001b]52;c;ZXZpbA==\\u0007", "abc\u{202e}cba", "a\\rb", "zero\u{200b}width", "\\u009b31m"] {
        let (code, stderr) = check_pack(&[("x.toml", rule("x", reason, "{ weight = \"cost\", factor = 2 }"))]);
        assert_eq!(code, Some(2), "{reason}: {stderr}");
        assert!(stderr.contains("error[control-character]"), "{reason}: {stderr}");
        assert!(!stderr.contains('\u{202e}') && !stderr.contains('\u{1b}'), "{stderr:?}");
    }
    // Line feeds and tabs are text.
    let (code, stderr) =
        check_pack(&[("x.toml", rule("x", "line one\\n\\tline two", "{ weight = \"cost\", factor = 2 }"))]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn row14_rule_files_and_rule_sets_have_a_size_limit() {
    let one: String = (0..8_000).map(|i| rule(&format!("r{i}"), "a", "{ weight = \"cost\", factor = 1 }")).collect();
    assert!(one.len() > 1024 * 1024);
    let (code, stderr) = check_pack(&[("big.toml", one)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("error[file-too-large]") && stderr.contains("big.toml"), "{stderr}");

    let part = |from: usize| -> String {
        (from..from + 5_001).map(|i| rule(&format!("r{i}"), "a", "{ weight = \"cost\", factor = 1 }")).collect()
    };
    let (code, stderr) = check_pack(&[("a.toml", part(0)), ("b.toml", part(5_001))]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("error[too-many-entries]"), "{stderr}");

    let files: Vec<(String, String)> =
        (0..9).map(|i| (format!("f{i}.toml"), format!("# {}\n", "x".repeat(1_000_000)))).collect();
    let files: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let (code, stderr) = check_pack(&files);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("the rules directory is larger than the limit of 8 MiB"), "{stderr}");
}

#[test]
fn row18_workload_numbers_out_of_range_are_refused_not_clamped() {
    let questions = exported("questions.toml").replacen("max = 10000", "max = 1e308", 1);
    let (code, stderr) = check_pack(&[("questions.toml", questions)]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("question `tasks`: 1e308 is outside the supported range 1 to 1000000"), "{stderr}");
    let output = cmd()
        .args(["cost", "--set", "region=us-east-1", "--set", "tasks=1e18", "--set", "task_vcpu=1", "--set"])
        .arg("task_memory_gib=2")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("`tasks` must be between 1 and"), "{stderr}");
}

// Row 17: `--set priorities=cost,cost,cost,cost` was "got 4"; `["cost","cost"]` passed.

#[test]
fn row17_a_choice_named_twice_is_refused_the_same_way_in_a_file_and_in_set() {
    let dir = tempdir();
    write(dir.path(), "a.toml", &format!("{COMPLETE}\npriorities = [\"cost\", \"cost\"]\n"));
    let runs: [&[&str]; 3] = [
        &["recommend", "--no-input", "--answers", "a.toml"],
        &["recommend", "--no-input", "--answers", "a.toml", "--set", "priorities=cost,learning,cost"],
        &["recommend", "--no-input", "--set", "priorities=cost,cost,cost,cost"],
    ];
    for args in runs {
        let output = cmd().current_dir(dir.path()).args(args).output().unwrap_or_else(|e| panic!("{e}"));
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("`priorities` names `cost` twice"), "{args:?}: {stderr}");
    }
}

// Row 16: a signal during a prompt left the terminal in raw mode with bracketed paste on.

#[test]
fn row16_a_signal_during_a_prompt_restores_the_terminal() {
    use expectrl::Expect as _;
    use expectrl::process::unix::WaitStatus;

    for (signal, code) in [("-TERM", 143), ("-HUP", 129)] {
        let mut command = Command::new(bin());
        command.env("NO_COLOR", "1").env("LANG", "C").env("TERM", "xterm").env_remove("LC_ALL");
        command.args(["recommend"]);
        let mut session = expectrl::session::OsSession::spawn(command).unwrap_or_else(|e| panic!("{e}"));
        session.set_expect_timeout(Some(Duration::from_secs(15)));
        session.expect("?2004h").unwrap_or_else(|e| panic!("bracketed paste is on at the prompt: {e}"));
        let pid = session.get_process().pid().to_string();
        let _ = Command::new("kill").arg(signal).arg(&pid).status();
        let rest = session.expect(expectrl::Eof).map(|c| c.as_bytes().to_vec()).unwrap_or_default();
        let rest = String::from_utf8_lossy(&rest);
        assert!(rest.contains("\u{1b}[?2004l"), "bracketed paste is turned off: {rest:?}");
        match session.get_process().wait().unwrap_or_else(|e| panic!("{e}")) {
            WaitStatus::Exited(_, got) => assert_eq!(got, code, "{signal}"),
            other => panic!("{signal}: died without cleaning up: {other:?}"),
        }
    }
}
