//! Messages in both languages: every diagnostic, invalid-input error and hint is a
//! [`Message`] built by [`msg!`](crate::msg) from an English and a Japanese literal.
//!
//! This module owns the pairing and the test that keeps it complete; it picks no
//! language (the binary does, from `--lang` or the locale) and prints nothing.
//! Operational failures (`anyhow` contexts such as ``failed to write `x` ``) and the
//! text that comes from other crates (TOML parse errors, OS errors, clap) stay English.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The language of every user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Chooses from the locale variables as POSIX orders them: `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`; `ja*` means Japanese, anything else English.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|var| get(var).filter(|v| !v.is_empty()))
            .map_or(Lang::En, |v| if v.starts_with("ja") { Lang::Ja } else { Lang::En })
    }

    /// Picks the English or the Japanese of a pair of UI strings.
    pub fn pick<'a>(self, en: &'a str, ja: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }

    /// The code, `en` or `ja`.
    pub fn as_str(self) -> &'static str {
        self.pick("en", "ja")
    }
}

/// A user-facing message in English and Japanese. `Display` is the English, for
/// `anyhow` chains and logs; renderers pick a language with [`Message::get`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    /// English: lowercase, no trailing period, identifiers in backticks.
    pub en: String,
    /// Japanese: です・ます調 for sentences (体言止め for labels), identifiers in backticks kept as they are.
    pub ja: String,
}

impl Message {
    /// The message in one language.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.ja)
    }

    /// Identifiers in backticks, as a list: `` `a`, `b` `` / `` `a`、`b` ``.
    pub fn list<S: AsRef<str>>(ids: &[S]) -> Self {
        let ticked: Vec<String> = ids.iter().map(|id| format!("`{}`", id.as_ref())).collect();
        Self { en: ticked.join(", "), ja: ticked.join("、") }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// A count with thousands separators: `7,358,123,456`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Builds a [`Message`] from an English and a Japanese format literal, each formatted
/// with `format!` and implicit captures of local variables (let-bind expressions
/// first). Both literals are required, so a message without its Japanese does not
/// compile. Variables listed after `;` are [`Message`]s themselves: each literal sees
/// the part in its own language.
///
/// ```
/// use container_advisor_rules::{Lang, msg};
///
/// let id = "gpus";
/// let what = msg!("question", "質問");
/// let m = msg!("unknown {what} `{id}`", "不明な{what} `{id}`"; what);
/// assert_eq!(m.to_string(), "unknown question `gpus`");
/// assert_eq!(m.get(Lang::Ja), "不明な質問 `gpus`");
/// ```
#[macro_export]
macro_rules! msg {
    ($en:literal, $ja:literal $(; $($part:ident),+)? $(,)?) => {
        $crate::i18n::Message {
            en: {
                $($(let $part: &str = &$part.en;)+)?
                ::std::format!($en)
            },
            ja: {
                $($(let $part: &str = &$part.ja;)+)?
                ::std::format!($ja)
            },
        }
    };
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// Reads one Rust string literal (`"…"` or `r#"…"#`) at the start of `text`;
    /// returns its contents (escapes kept as written) and the rest of the text.
    fn literal(text: &str) -> Option<(String, &str)> {
        let text = text.trim_start();
        if let Some(rest) = text.strip_prefix('r') {
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            let body = rest[hashes..].strip_prefix('"')?;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = body.find(&close)?;
            return Some((body[..end].to_owned(), &body[end + close.len()..]));
        }
        let body = text.strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    let (_, next) = chars.next()?;
                    if next == '\n' {
                        // A line continuation: the following whitespace is not part of it.
                        while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                            chars.next();
                        }
                    } else {
                        out.push('\\');
                        out.push(next);
                    }
                }
                '"' => return Some((out, &body[i + 1..])),
                c => out.push(c),
            }
        }
        None
    }

    /// The names of the `{placeholders}` of a format string (`{{` is not one).
    fn placeholders(format: &str) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        let mut rest = format.replace("{{", "").replace("}}", "");
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            let inside = &rest[open + 1..open + close];
            names.insert(inside.split(':').next().unwrap_or_default().to_owned());
            rest = rest[open + close + 1..].to_owned();
        }
        names
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// What a call looks like (spelt in two parts so that this line is not one).
    const CALL: &str = concat!("msg", "!(");

    /// Every `msg!` call: (file, line, English, Japanese).
    fn calls() -> Vec<(String, usize, String, String)> {
        // This crate's sources and the binary crate's (the workspace root), which uses
        // the same macro.
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&manifest.join("src"), &mut files);
        rust_files(&manifest.join("../../src"), &mut files);
        files.sort();
        let mut calls = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&path).display().to_string();
            for (at, _) in text.match_indices(CALL) {
                let line = text[..at].lines().count().max(1);
                let after = &text[at + CALL.len()..];
                if after.trim_start().starts_with('$') {
                    continue; // the macro's own definition
                }
                let pair = literal(after).and_then(|(en, rest)| {
                    let rest = rest.trim_start().strip_prefix(',')?;
                    literal(rest).map(|(ja, _)| (en, ja))
                });
                let (en, ja) = pair.unwrap_or_else(|| panic!("{name}:{line}: `msg!` needs two string literals"));
                calls.push((name.clone(), line, en, ja));
            }
        }
        calls
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        let calls = calls();
        assert!(calls.len() > 100, "found only {} `msg!` calls: is the scan broken?", calls.len());
        let mut problems = Vec::new();
        for (file, line, en, ja) in &calls {
            if en.trim().is_empty() {
                problems.push(format!("{file}:{line}: the English of a message is empty"));
            }
            if ja.trim().is_empty() {
                problems.push(format!("{file}:{line}: the Japanese of a message is empty"));
            }
            if placeholders(en) != placeholders(ja) {
                problems.push(format!("{file}:{line}: different placeholders\n  en: {en}\n  ja: {ja}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn english_messages_follow_the_house_style() {
        let proper_nouns = ["Region", "Fargate"];
        let problems: Vec<String> = calls()
            .into_iter()
            .filter(|(_, _, en, _)| {
                en.ends_with('.')
                    || (en.starts_with(char::is_uppercase) && !proper_nouns.iter().any(|n| en.starts_with(n)))
            })
            .map(|(file, line, en, _)| format!("{file}:{line}: lowercase, no trailing period: {en}"))
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_scanner_reads_literals_and_placeholders() {
        let (en, rest) = literal(
            r#" "a `{x}` \
            b", "c""#,
        )
        .unwrap_or_default();
        assert_eq!(en, "a `{x}` b");
        assert_eq!(literal(rest.trim_start().trim_start_matches(',')).map(|l| l.0).as_deref(), Some("c"));
        assert_eq!(placeholders("{a} {{b}} {c:.2}"), BTreeSet::from(["a".to_owned(), "c".to_owned()]));
    }

    #[test]
    fn parts_are_taken_in_each_language() {
        let what = crate::msg!("rule `x`", "ルール `x`");
        let m = crate::msg!("{what} has no `effects`", "{what} に `effects` がない"; what);
        assert_eq!(m.to_string(), "rule `x` has no `effects`");
        assert_eq!(m.get(crate::Lang::Ja), "ルール `x` に `effects` がない");
    }
}
