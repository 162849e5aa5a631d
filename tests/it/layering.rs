//! The layering check: data flows one way through the crate's modules.
//!
//! Every top-level module of `src/` has a place in [`ORDER`]; a module may
//! import only modules before it. Imports go through real module paths
//! (`crate::money::Money`), never through the crate root's re-exports
//! (`crate::Money`), so the graph below is the whole truth. The check reads
//! the sources (code only: comments and doc examples are skipped) and fails
//! on an upward import, an import through the root, or a module missing
//! from the order; an upward import is also how a cycle would show.
//!
//! Inside a module the files form a graph too: each file names items of
//! other files (re-exports followed to the file that defines the item),
//! and no files may import each other in a cycle. Where two files need
//! each other, the shared type moves to a file below both (the FCR
//! convention below the clocks and the rate, a grant below the history
//! and its index, the review schedule below the qualifying values).

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

/// Every `.rs` file under `dir` (also used by the docs-stand-alone check).
pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
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

/// A `use` tree or inline path, expanded into full paths:
/// `a::{b, c::{d, self}}` gives `a::b`, `a::c::d` and `a::c`.
fn expand(text: &str) -> Vec<Vec<String>> {
    fn tree(chars: &[char], at: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut path = prefix.to_vec();
        loop {
            while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
                *at += 1;
            }
            if chars.get(*at) == Some(&'{') {
                *at += 1;
                loop {
                    tree(chars, at, &path, out);
                    while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
                        *at += 1;
                    }
                    match chars.get(*at) {
                        Some(',') => *at += 1,
                        Some('}') => {
                            *at += 1;
                            return;
                        }
                        _ => return,
                    }
                    while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
                        *at += 1;
                    }
                    if chars.get(*at) == Some(&'}') {
                        *at += 1;
                        return;
                    }
                }
            }
            let start = *at;
            while chars
                .get(*at)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
            {
                *at += 1;
            }
            let segment: String = chars[start..*at].iter().collect();
            if segment.is_empty() {
                break;
            }
            if segment != "self" {
                path.push(segment);
            }
            if chars.get(*at) == Some(&':') && chars.get(*at + 1) == Some(&':') {
                *at += 2;
            } else {
                break;
            }
        }
        // `X as Y`: the path names X.
        let rest: String = chars[*at..chars.len().min(*at + 4)].iter().collect();
        if rest.starts_with(" as ") {
            *at += 4;
            while chars
                .get(*at)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
            {
                *at += 1;
            }
        }
        if path.len() > prefix.len() || !path.is_empty() {
            out.push(path);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    tree(&chars, &mut at, &[], &mut out);
    out
}

/// The crate's files as modules: `metrics/survey/nps.rs` is
/// `["metrics", "survey", "nps"]`, `metrics/mod.rs` is `["metrics"]`.
struct Files {
    src: PathBuf,
}

impl Files {
    fn file_of(&self, module: &[String]) -> Option<PathBuf> {
        if module.is_empty() {
            return Some(self.src.join("lib.rs"));
        }
        let dir = module.iter().fold(self.src.clone(), |d, s| d.join(s));
        let as_file = dir.with_extension("rs");
        if as_file.is_file() {
            Some(as_file)
        } else if dir.join("mod.rs").is_file() {
            Some(dir.join("mod.rs"))
        } else {
            None
        }
    }

    fn module_of(&self, file: &Path) -> (Vec<String>, bool) {
        let rel = file.strip_prefix(&self.src).unwrap();
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let last = parts.pop().unwrap();
        let is_dir_module = last == "mod.rs" || last == "lib.rs";
        if !is_dir_module {
            parts.push(last.trim_end_matches(".rs").to_owned());
        }
        (parts, is_dir_module)
    }

    /// Absolute module paths of every `prefix`-rooted path in `code`.
    fn paths(code: &str, module: &[String], is_dir_module: bool) -> Vec<(usize, Vec<String>)> {
        let parent: Vec<String> = if is_dir_module {
            module.to_vec()
        } else {
            module[..module.len().saturating_sub(1)].to_vec()
        };
        let super_base: Vec<String> = parent[..parent.len().saturating_sub(1)].to_vec();
        let mut found = Vec::new();
        for (prefix, base) in [
            ("crate::", Vec::new()),
            (
                "super::",
                if is_dir_module {
                    super_base
                } else {
                    parent.clone()
                },
            ),
            ("self::", module.to_vec()),
        ] {
            let mut from = 0;
            while let Some(i) = code[from..].find(prefix) {
                let at = from + i;
                from = at + prefix.len();
                if code[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                {
                    continue;
                }
                for path in expand(&code[from..]) {
                    let mut full = base.clone();
                    full.extend(path);
                    found.push((at, full));
                }
            }
        }
        found
    }

    /// The names a directory module re-exports from its children
    /// (`pub use survey::{Nps, ...}`), each with the path it names.
    fn reexports(&self, module: &[String]) -> BTreeMap<String, Vec<String>> {
        let mut names = BTreeMap::new();
        let Some(file) = self.file_of(module) else {
            return names;
        };
        let code = code_only(&std::fs::read_to_string(file).unwrap());
        for keyword in ["pub use ", "pub(crate) use "] {
            let mut from = 0;
            while let Some(i) = code[from..].find(keyword) {
                from += i + keyword.len();
                let text = &code[from..];
                let (base, text) = if let Some(t) = text.strip_prefix("crate::") {
                    (Vec::new(), t)
                } else if let Some(t) = text.strip_prefix("super::") {
                    (module[..module.len().saturating_sub(1)].to_vec(), t)
                } else {
                    (module.to_vec(), text.strip_prefix("self::").unwrap_or(text))
                };
                for path in expand(text) {
                    let mut full = base.clone();
                    full.extend(path);
                    if let Some(name) = full.last() {
                        names.insert(name.clone(), full.clone());
                    }
                }
            }
        }
        names
    }

    /// The file that defines what `path` names, following re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> Option<PathBuf> {
        let mut module_len = 0;
        while module_len < path.len() && self.file_of(&path[..=module_len]).is_some() {
            module_len += 1;
        }
        let file = self.file_of(&path[..module_len])?;
        let Some(name) = path.get(module_len) else {
            return Some(file);
        };
        if depth < 8 && module_len > 0 {
            if let Some(target) = self.reexports(&path[..module_len]).get(name) {
                if target.as_slice() != path {
                    return self.resolve(target, depth + 1);
                }
            }
        }
        Some(file)
    }
}

/// The file-level import graph: an edge from each file to every file
/// whose item it names, re-exports followed to the defining file. A
/// directory module's own re-exports of its children are not edges.
fn file_graph(src: &Path) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let files_tree = Files {
        src: src.to_path_buf(),
    };
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph = BTreeMap::new();
    for file in files {
        let (module, is_dir_module) = files_tree.module_of(&file);
        if module.is_empty() {
            continue; // lib.rs
        }
        let code = library_part(&code_only(&std::fs::read_to_string(&file).unwrap()));
        let reexport_spans: Vec<(usize, usize)> = if is_dir_module {
            ["pub use ", "pub(crate) use "]
                .iter()
                .flat_map(|k| code.match_indices(k).map(|(i, _)| i))
                .map(|i| (i, i + code[i..].find(';').unwrap_or(0)))
                .collect()
        } else {
            Vec::new()
        };
        let mut targets = BTreeSet::new();
        for (at, path) in Files::paths(&code, &module, is_dir_module) {
            let in_reexport = reexport_spans.iter().any(|&(s, e)| s <= at && at <= e);
            if in_reexport && path.starts_with(&module) {
                continue;
            }
            if let Some(target) = files_tree.resolve(&path, 0) {
                if target != file && !target.ends_with("lib.rs") {
                    targets.insert(target);
                }
            }
        }
        graph.insert(file, targets);
    }
    graph
}

/// Depth-first search; an edge back into the path closes a cycle.
fn visit(
    node: &PathBuf,
    graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    state: &mut BTreeMap<PathBuf, u8>,
    path: &mut Vec<PathBuf>,
    cycles: &mut Vec<Vec<PathBuf>>,
) {
    state.insert(node.clone(), 1);
    path.push(node.clone());
    for next in graph.get(node).into_iter().flatten() {
        match state.get(next) {
            Some(1) => {
                let start = path.iter().position(|n| n == next).unwrap();
                let mut cycle = path[start..].to_vec();
                cycle.push(next.clone());
                cycles.push(cycle);
            }
            Some(_) => {}
            None => visit(next, graph, state, path, cycles),
        }
    }
    path.pop();
    state.insert(node.clone(), 2);
}

#[test]
fn no_two_files_import_each_other_in_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = file_graph(&src);
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for node in graph.keys() {
        if !state.contains_key(node) {
            visit(node, &graph, &mut state, &mut Vec::new(), &mut cycles);
        }
    }
    let shown: Vec<String> = cycles
        .iter()
        .map(|cycle| {
            cycle
                .iter()
                .map(|f| f.strip_prefix(&src).unwrap().display().to_string())
                .collect::<Vec<_>>()
                .join(" -> ")
        })
        .collect();
    assert!(
        shown.is_empty(),
        "import cycles between files:\n{}",
        shown.join("\n")
    );
    // The graph is not empty: the check sees real edges.
    assert!(
        graph[&src.join("metrics/service/fcr.rs")].contains(&src.join("metrics/service/clocks.rs"))
    );
}

#[test]
fn the_file_graph_follows_reexports_to_the_defining_file() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = Files { src: src.clone() };
    let path = |p: &str| p.split("::").map(String::from).collect::<Vec<_>>();
    assert_eq!(
        files.resolve(&path("metrics::Nps"), 0),
        Some(src.join("metrics/survey/nps.rs"))
    );
    assert_eq!(
        files.resolve(&path("metrics::MetricsError"), 0),
        Some(src.join("error/metrics.rs"))
    );
    assert_eq!(
        files.resolve(&path("metrics::kernels"), 0),
        Some(src.join("metrics/kernels.rs"))
    );
    assert_eq!(
        expand("a::{b, c::{self, d}, e as f}; x"),
        [path("a::b"), path("a::c"), path("a::c::d"), path("a::e")]
    );
}
