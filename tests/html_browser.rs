//! The HTML report in a real browser: headless Chromium (Debian's `chromium`, which
//! `.ci/run` installs) renders `recommend --format html`; the screenshot must decode
//! and not be blank, and the DOM Chromium builds must hold the chart with every bar
//! and rule text as text, never as an element.
//!
//! Without Chromium the test fails under CI (`CI` set) and is skipped, loudly,
//! elsewhere. Set `HTML_BROWSER_KEEP=DIR` to keep the pages and screenshots in DIR.

mod support;

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use support::{COMPLETE, cmd, write};

/// Chromium gets this long per run before it is killed.
const TIMEOUT: Duration = Duration::from_secs(60);
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 2400;

/// A team rule whose text tries to inject markup: in its reason, in the locator of its
/// citation and in the title of the source it cites (which the Sources section links).
const HOSTILE_RULE: &str = r#"
[[rule]]
id = "team-hostile-text"
when = { all = [] }
reason = { en = "<script>alert(1)</script> \"&' stays text.", ja = "<script>alert(1)</script> \"&' は文字のまま。" }
source = "team-hostile §<img src=x onerror=alert(2)>"
effects = [{ note = { pattern = "ecs-ec2" }, kind = "consider" }]

[[source]]
id = "team-hostile"
title = { en = "<img src=y onerror=alert(3)> title", ja = "<img src=y onerror=alert(3)> タイトル" }
publisher = "<b>Team</b>"
date = "2026-11"
url = "https://wiki.example.com/hostile"
"#;

/// `chromium` on PATH, else Debian's `/usr/bin/chromium`.
fn chromium() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|dir| dir.join("chromium")).find(|p| p.is_file()));
    on_path.or_else(|| Some(PathBuf::from("/usr/bin/chromium")).filter(|p| p.is_file()))
}

/// Runs Chromium headless on `page` with a fresh profile; stdout goes to `stdout`.
fn run_chromium(chromium: &Path, work: &Path, name: &str, page: &Path, mode: &[String]) -> PathBuf {
    let profile = work.join(format!("profile-{name}"));
    let stdout = work.join(format!("{name}.out"));
    let stderr = work.join(format!("{name}.err"));
    let create = |path: &Path| File::create(path).unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--hide-scrollbars",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--window-size={WIDTH},{HEIGHT}"),
        ])
        .args(mode)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(create(&stdout))
        .stderr(create(&stderr))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    let started = Instant::now();
    let status: ExitStatus = loop {
        if let Some(status) = child.try_wait().unwrap_or_else(|e| panic!("cannot wait for chromium: {e}")) {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {mode:?} did not finish within {TIMEOUT:?}; killed it");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        status.success(),
        "chromium {mode:?} failed: {status}\n{}",
        std::fs::read_to_string(&stderr).unwrap_or_default()
    );
    stdout
}

/// Decodes a PNG into (width, height, RGBA-or-RGB pixels, bytes per pixel).
fn decode_png(path: &Path) -> (u32, u32, Vec<u8>, usize) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap_or_else(|e| panic!("the screenshot is not a PNG: {e}"));
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or_else(|| panic!("the screenshot is too large"))];
    let info = reader.next_frame(&mut pixels).unwrap_or_else(|e| panic!("cannot decode the screenshot: {e}"));
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "8-bit screenshot");
    let channels = info.color_type.samples();
    assert!(channels >= 3, "colour screenshot, got {:?}", info.color_type);
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels, channels)
}

/// Renders one language and checks the screenshot and the DOM.
fn check_in_browser(chromium: &Path, lang: &str) {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let answers = write(work.path(), "answers.toml", &format!("{COMPLETE}host_access = true\n"));
    let rules = work.path().join("team-rules");
    std::fs::create_dir(&rules).unwrap_or_else(|e| panic!("{e}"));
    write(&rules, "hostile.toml", HOSTILE_RULE);
    let output = cmd()
        .args(["recommend", "--no-input", "--format", "html", "--lang", lang, "--answers"])
        .arg(&answers)
        .arg("--rules")
        .arg(&rules)
        .output()
        .unwrap_or_else(|e| panic!("cannot run: {e}"));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let html = String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("not UTF-8: {e}"));
    assert!(!html.to_ascii_lowercase().contains("<script"), "the file has no script");
    let bars = html.matches("<rect class=\"bar\"").count();
    assert_eq!(bars, 6 * 10, "one bar per pattern and criterion");
    let page = write(work.path(), &format!("report-{lang}.html"), &html);

    // The screenshot decodes, has the requested size and is not blank: plenty of
    // non-white pixels, many colours, and the chart's first two bar colours.
    let png = work.path().join(format!("report-{lang}.png"));
    run_chromium(chromium, work.path(), "shot", &page, &[format!("--screenshot={}", png.display())]);
    if let Some(keep) = std::env::var_os("HTML_BROWSER_KEEP") {
        for file in [&page, &png] {
            let name = file.file_name().unwrap_or_default();
            std::fs::copy(file, Path::new(&keep).join(name))
                .unwrap_or_else(|e| panic!("cannot keep {}: {e}", file.display()));
        }
    }
    let (width, height, pixels, channels) = decode_png(&png);
    assert_eq!((width, height), (WIDTH, HEIGHT));
    let mut ink = 0;
    let mut colours = BTreeSet::new();
    let (mut blue, mut orange) = (0, 0);
    let near = |p: &[u8], rgb: [u8; 3]| p.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 24);
    for p in pixels.chunks_exact(channels) {
        if p[..3].iter().any(|&c| c < 224) {
            ink += 1;
        }
        colours.insert((p[0] >> 4, p[1] >> 4, p[2] >> 4));
        blue += usize::from(near(p, [0x00, 0x72, 0xB2]));
        orange += usize::from(near(p, [0xE6, 0x9F, 0x00]));
    }
    assert!(ink > 20_000, "the page looks blank: {ink} non-white pixels");
    assert!(colours.len() > 16, "the page has only {} colours", colours.len());
    assert!(blue > 1_000 && orange > 1_000, "the chart's bars are not visible (blue {blue}, orange {orange} px)");

    // The DOM as Chromium parsed it: the chart with its bars, and the hostile rule as
    // text (Chromium serialises text with named entities).
    let dom_file = run_chromium(chromium, work.path(), "dom", &page, &["--dump-dom".to_owned()]);
    let dom = std::fs::read_to_string(&dom_file).unwrap_or_else(|e| panic!("{e}"));
    assert!(dom.contains("<svg "), "no chart in the DOM");
    assert!(dom.contains("role=\"img\""));
    assert_eq!(dom.matches("<rect class=\"bar\"").count(), bars, "every bar reaches the DOM");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "rule text stays text");
    assert!(dom.contains("&lt;img src=x onerror=alert(2)&gt;"), "a citation's locator stays text");
    assert!(dom.contains("&lt;img src=y onerror=alert(3)&gt; "), "a source's title stays text");
    assert!(dom.contains("<a href=\"https://wiki.example.com/hostile\">"), "the source links its URL");
    assert!(!dom.to_ascii_lowercase().contains("<script"), "no script element in the DOM");
    assert!(!dom.contains("<img"), "no image element in the DOM");
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        let message = "Chromium not found (`chromium` on PATH or /usr/bin/chromium): \
                       install Debian's `chromium` package (`.ci/run` does)";
        assert!(std::env::var_os("CI").is_none(), "{message}");
        eprintln!("\n!!!!!!!! SKIPPED html_report_renders_in_headless_chromium: {message} !!!!!!!!\n");
        return;
    };
    for lang in ["en", "ja"] {
        check_in_browser(&chromium, lang);
    }
}
