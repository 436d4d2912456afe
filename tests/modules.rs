//! The top-level modules of each library (this crate's and the rules crate's,
//! `crates/rules`) import one another without a circle: a module never depends, directly
//! or through others, on a module that depends on it. (Between the two crates there can
//! be none: the rules crate cannot depend on this one.)
//!
//! The graph is read from the sources (`crate::x` paths in `src/x.rs` and `src/x/**`,
//! test modules excluded), so a new import that closes a circle fails here with the
//! circle named. Circles *inside* one top-level module (between its submodules) are
//! not checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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

/// The code of a file without its `#[cfg(test)] mod …` blocks (they sit at the end of
/// a file by house style) and without comment lines.
fn code_of(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod ").unwrap_or(text.len());
    text[..end].lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Every top-level module named after `crate::` in `code`, grouped imports included.
fn referenced(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find("};").unwrap_or(group.len())];
            let mut depth = 0;
            let mut start = true;
            for token in inner.split_inclusive(['{', '}', ',']) {
                let name: String =
                    token.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if start && depth == 0 && modules.contains(&name) {
                    found.insert(name);
                }
                depth += token.matches('{').count();
                depth -= token.matches('}').count().min(depth);
                start = token.ends_with(',') || token.ends_with('{');
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if modules.contains(&name) {
                found.insert(name);
            }
        }
    }
    found
}

/// The import graph of the top-level modules of the library whose sources are `src`
/// (relative to this package).
fn graph(src: &str) -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(src);
    let modules: BTreeSet<String> = std::fs::read_dir(&src)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".rs")).map(str::to_owned))
        .filter(|m| m != "lib" && m != "testing")
        .collect();
    let mut graph = BTreeMap::new();
    for module in &modules {
        let mut files = vec![src.join(format!("{module}.rs"))];
        rust_files(&src.join(module), &mut files);
        let mut deps = BTreeSet::new();
        for file in files.iter().filter(|f| !f.ends_with("tests.rs")) {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            deps.extend(referenced(&code_of(&text), &modules));
        }
        deps.remove(module);
        graph.insert(module.clone(), deps);
    }
    graph
}

/// A path from `from` back to `to`, if there is one.
fn path_to(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    to: &str,
    seen: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    for next in graph.get(from).into_iter().flatten() {
        if next == to {
            return Some(vec![next.clone()]);
        }
        if seen.insert(next.clone())
            && let Some(mut rest) = path_to(graph, next, to, seen)
        {
            rest.insert(0, next.clone());
            return Some(rest);
        }
    }
    None
}

/// Every circle of a graph, one line each.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    graph
        .keys()
        .filter_map(|module| {
            path_to(graph, module, module, &mut BTreeSet::new()).map(|p| format!("{module} -> {}", p.join(" -> ")))
        })
        .collect()
}

/// Asserts that the graph of `src` has the edge `from -> to` (the scan works) and no
/// circle.
fn assert_no_circle(src: &str, (from, to): (&str, &str)) {
    let graph = graph(src);
    assert!(graph.get(from).is_some_and(|deps| deps.contains(to)), "the scan of {src} found no edges: {graph:?}");
    let circles = circles(&graph);
    assert!(circles.is_empty(), "import circles between top-level modules of {src}:\n{}", circles.join("\n"));
}

#[test]
fn top_level_modules_have_no_import_circle() {
    assert_no_circle("src", ("report", "engine"));
}

#[test]
fn top_level_modules_of_the_rules_crate_have_no_import_circle() {
    assert_no_circle("crates/rules/src", ("validate", "model"));
}

#[test]
fn the_scan_sees_grouped_imports() {
    let modules: BTreeSet<String> = ["a", "b", "c"].map(str::to_owned).into();
    let found = referenced("use crate::{a::{x, y}, b};\nfn f() { crate::c::g() }", &modules);
    assert_eq!(found, modules);
}
