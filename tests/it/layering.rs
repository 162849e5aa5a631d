//! The layering check: data flows one way through the crate's modules.
//!
//! Every top-level module of `src/` has a place in [`ORDER`]; a module may
//! import only modules before it. Imports go through real module paths
//! (`crate::money::Money`), never through the crate root's re-exports
//! (`crate::Money`), so the graph below is the whole truth. The check reads
//! the sources (code only: comments and doc examples are skipped) and fails
//! on an upward import, an import through the root, or a module missing
//! from the order; an upward import is also how a cycle would show.

#![allow(clippy::disallowed_methods, reason = "the check reads the sources")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The allowed order, lowest first. A module may import the modules
/// before it and nothing after it:
///
/// - `id`, `money` and `scale`: the foundations (identifiers, ISO 4217
///   money, rating scales), with their own small error types and no crate
///   import;
/// - `error`: the crate's error type and every module's error enum, whose
///   fields carry typed values (instants, decimals, money, ids);
/// - `serde_map`: the one reader of serialised maps (duplicate keys);
/// - the domain records: `interaction` (cases), `customer` (which names a
///   preferred channel), `feedback` (survey answers);
/// - `calendar` (business time, periods, windows, zones) and `stats`;
/// - `metrics` (scores over the records), then `loyalty` (tiers and
///   benefits), `sla` (which reads benefits and feeds attainment metrics)
///   and `compensation` (which reads benefits).
const ORDER: &[&str] = &[
    "id",
    "money",
    "scale",
    "error",
    "serde_map",
    "interaction",
    "customer",
    "feedback",
    "calendar",
    "stats",
    "metrics",
    "loyalty",
    "sla",
    "compensation",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments (line, block and doc comments) and without
/// string literals, so doc examples and messages never count as imports.
fn code_only(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut depth = 1;
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '/' && c == '*' {
                        depth += 1;
                    } else if prev == '*' && c == '/' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    prev = c;
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The code before a file's unit-test module (`#[cfg(test)]` followed by
/// `mod`): tests may reach anywhere, the library may not.
fn library_part(code: &str) -> String {
    let mut out = String::new();
    let mut lines = code.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            let next = lines.clone().find(|l| {
                !l.trim().starts_with("#[")
                    && !l.trim().starts_with(')')
                    && !l.trim().is_empty()
                    && !l.trim().starts_with("clippy::")
                    && !l.trim().starts_with("reason")
            });
            if next.is_some_and(|l| l.trim_start().starts_with("mod ")) {
                break;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The first segments of every `crate::` path (and of `super::` paths in a
/// top-level module file, where `super` is the crate root).
fn roots(code: &str, top_level_file: bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let prefixes: &[&str] = if top_level_file {
        &["crate::", "super::"]
    } else {
        &["crate::"]
    };
    for prefix in prefixes {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `mycrate::`, not `crate::`
            }
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c, d::{e, f}}`: the first segment of each
                // top-level item of the group.
                let mut depth = 0;
                let mut item = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            found.insert(first_segment(&item));
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    if depth == 0 {
                        item.push(c);
                    }
                }
                found.insert(first_segment(&item));
            } else {
                found.insert(first_segment(rest));
            }
        }
    }
    found.remove("");
    found
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn modules_import_only_lower_modules_through_real_paths() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let rank: BTreeMap<&str, usize> = ORDER.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut problems = Vec::new();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let parts: Vec<_> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts == ["lib.rs"] {
            continue; // the root declares and re-exports the modules
        }
        let module = parts[0].trim_end_matches(".rs").to_owned();
        let top_level_file = parts.len() == 1 || (parts.len() == 2 && parts[1] == "mod.rs");
        let Some(&mine) = rank.get(module.as_str()) else {
            problems.push(format!(
                "{}: module `{module}` has no place in ORDER",
                rel.display()
            ));
            continue;
        };
        let code = library_part(&code_only(&std::fs::read_to_string(file).unwrap()));
        for target in roots(&code, top_level_file) {
            if target == module {
                continue;
            }
            match rank.get(target.as_str()) {
                None => problems.push(format!(
                    "{}: `crate::{target}` goes through the crate root; import it by its module path",
                    rel.display()
                )),
                Some(&theirs) if theirs > mine => problems.push(format!(
                    "{}: `{module}` imports `{target}`, which comes after it in ORDER",
                    rel.display()
                )),
                Some(_) => {
                    edges.entry(module.clone()).or_default().insert(target);
                }
            }
        }
    }
    let mut top_level: BTreeSet<String> = BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name != "lib.rs" {
            top_level.insert(name.trim_end_matches(".rs").to_owned());
        }
    }
    for m in &top_level {
        if !rank.contains_key(m.as_str()) {
            problems.push(format!("module `{m}` has no place in ORDER"));
        }
    }
    assert!(
        problems.is_empty(),
        "layering problems:\n{}",
        problems.join("\n")
    );
    // The foundations import nothing of the crate.
    for foundation in ["id", "money", "scale"] {
        assert!(
            edges.get(foundation).is_none_or(BTreeSet::is_empty),
            "{foundation} imports {:?}",
            edges[foundation]
        );
    }
    // The error type imports only the foundations.
    let error_deps: BTreeSet<&str> = edges
        .get("error")
        .map(|e| e.iter().map(String::as_str).collect())
        .unwrap_or_default();
    assert!(
        error_deps.is_subset(&BTreeSet::from(["id", "money", "scale"])),
        "error imports {error_deps:?}"
    );
}

#[test]
fn the_checker_sees_through_groups_comments_and_strings() {
    let code = code_only(
        "use crate::{money::Money, id::{AgentId, TierId}, Error};\n\
         // use crate::sla::Nothing;\n\
         /// let x = crate::loyalty::Doc;\n\
         let s = \"crate::metrics::InAString\";\n\
         fn f() -> crate::calendar::Zone { todo!() }\n\
         use mycrate::not_ours;",
    );
    let found = roots(&code, false);
    assert_eq!(
        found,
        ["Error", "calendar", "id", "money"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    assert!(roots("use super::Error;", true).contains("Error"));
    assert!(roots("use super::Error;", false).is_empty());
    let with_tests = "use crate::money::Money;\n#[cfg(test)]\n#[allow(\n    clippy::unwrap_used,\n)]\nmod tests {\n    use crate::sla::Anything;\n}\n";
    assert_eq!(
        roots(&library_part(with_tests), false),
        ["money"].map(String::from).into_iter().collect()
    );
}
