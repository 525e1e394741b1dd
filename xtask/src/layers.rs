//! `cargo xtask layers`, also the first step of `cargo xtask test`: the core's modules, and the
//! app's, import only downward. Every top-level module of `crates/hopscope_core/src` belongs
//! to one layer of `LAYERS` (the app's, of `src/`, to one of `APP_LAYERS`); a module may use
//! (`crate::x`, `super::x` up to the crate root, a name the crate root re-exports from `x`, or
//! `hopscope_layout`) modules of its own layer or of a layer below, and the modules' import
//! graph has no circle. A new module must be given a layer here. Test modules
//! (`#[cfg(test)]` to the end of a file) are left out: tests may use anything. Items defined in
//! the crate root itself (the app's bundled cases) are not a module and not counted. The
//! graph is printed layer by layer, so a reader sees the shape the code really has.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The core's layers, bottom first, with the top-level modules in each.
pub const LAYERS: &[(&str, &[&str])] = &[
    // `layout` is the `hopscope_layout` crate, which depends on nothing of ours.
    ("geometry", &["layout", "spatial", "camera", "counting"]),
    ("model", &["model", "figures"]),
    ("format", &["format"]),
    (
        "analysis",
        &[
            "spam",
            "filter",
            "demix",
            "bridge",
            "convert",
            "peel",
            "cluster",
            "infer",
            "trace",
            "paths",
            "search",
            "addresses",
            "inspect",
            "stats",
        ],
    ),
    ("view", &["view"]),
    ("scene", &["style", "emphasis", "playback", "annotate"]),
    ("case_file", &["case_file"]),
    ("export", &["export"]),
];

/// The app's layers, bottom first: browser helpers; the two workers' clients; the stage (no
/// browser types); the renderers; the Leptos components.
pub const APP_LAYERS: &[(&str, &[&str])] = &[
    ("platform", &["platform"]),
    ("workers", &["import", "simulate"]),
    ("stage", &["stage"]),
    ("render", &["render"]),
    ("components", &["components"]),
];

/// One import of one module by another, where it was seen first.
pub(crate) struct Use {
    pub(crate) file: String,
    pub(crate) line: usize,
}

/// Checks the core and the app under `root` (the repository root) and prints their import
/// graphs.
pub fn check(root: &Path) -> Result<(), String> {
    let core = check_crate(root, "crates/hopscope_core/src", "The core", LAYERS);
    let app = check_crate(root, "src", "The app", APP_LAYERS);
    let panels = crate::panels::check(root);
    match (core, app, panels) {
        (Ok(()), Ok(()), Ok(())) => Ok(()),
        (core, app, panels) => Err([core.err(), app.err(), panels.err()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

fn check_crate(
    root: &Path,
    dir: &str,
    name: &str,
    layers: &[(&str, &[&str])],
) -> Result<(), String> {
    let src = root.join(dir);
    let graph = read_graph(&src, dir)?;
    let layer_of: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(i, (_, mods))| mods.iter().map(move |m| (*m, i)))
        .collect();
    let mut problems = Vec::new();
    for module in graph.keys() {
        if !layer_of.contains_key(module.as_str()) {
            problems.push(format!(
                "{dir}: module `{module}` has no layer: add it to the layers in xtask/src/layers.rs"
            ));
        }
    }
    println!("{name}'s import graph, layer by layer (bottom first):");
    for (i, (layer, mods)) in layers.iter().enumerate() {
        println!("  {i} {layer}");
        for m in mods.iter() {
            let deps: Vec<&str> = graph
                .get(*m)
                .map(|d| d.keys().map(String::as_str).collect())
                .unwrap_or_default();
            println!(
                "      {m:<10} -> {}",
                if deps.is_empty() {
                    "(nothing)".to_owned()
                } else {
                    deps.join(", ")
                }
            );
        }
    }
    for (module, deps) in &graph {
        let Some(&own) = layer_of.get(module.as_str()) else {
            continue;
        };
        for (dep, at) in deps {
            match layer_of.get(dep.as_str()) {
                Some(&theirs) if theirs > own => problems.push(format!(
                    "{}:{}: `{module}` ({}) imports `{dep}`, which is in a layer above ({})",
                    at.file, at.line, layers[own].0, layers[theirs].0
                )),
                Some(_) => {}
                None => problems.push(format!(
                    "{}:{}: `{module}` imports `{dep}`, which has no layer",
                    at.file, at.line
                )),
            }
        }
    }
    if let Some(circle) = find_circle(&graph) {
        problems.push(format!("import circle: {}", circle.join(" -> ")));
    } else {
        println!(
            "No circle: {}'s modules import one way.",
            name.to_lowercase()
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        for p in &problems {
            eprintln!("layers: {p}");
        }
        Err(format!(
            "{} layering problem(s) in the core",
            problems.len()
        ))
    }
}

/// Module → the modules it uses, each with where it was first seen.
fn read_graph(src: &Path, dir: &str) -> Result<BTreeMap<String, BTreeMap<String, Use>>, String> {
    let mut graph: BTreeMap<String, BTreeMap<String, Use>> = BTreeMap::new();
    let mut files = Vec::new();
    collect_files(src, &mut files)?;
    files.sort();
    // The modules (top-level files and folders), and names the crate root re-exports from one.
    let mut modules: BTreeSet<String> = files
        .iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(src)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let first = rel.split('/').next()?.trim_end_matches(".rs").to_owned();
            (!matches!(first.as_str(), "lib" | "main" | "bin")).then_some(first)
        })
        .collect();
    let root_text = std::fs::read_to_string(src.join("lib.rs")).unwrap_or_default();
    // A crate the root re-exports as a module (`pub use hopscope_layout as layout;`).
    for stmt in root_text.split(';') {
        if let Some((_, name)) = stmt
            .trim()
            .strip_prefix("pub use ")
            .and_then(|p| p.split_once(" as "))
            .filter(|(krate, _)| !krate.contains("::"))
        {
            modules.insert(name.trim().to_owned());
        }
    }
    let aliases = root_aliases(&root_text, &modules);
    for path in files {
        let rel = path
            .strip_prefix(src)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "lib.rs" || rel == "main.rs" || rel.starts_with("bin/") {
            continue;
        }
        let parts: Vec<&str> = rel.split('/').collect();
        let module = parts[0].trim_end_matches(".rs").to_owned();
        // How many `super::` reach the crate root from this file's module.
        let depth = match parts.as_slice() {
            [_] => 1,
            [_, last] if *last == "mod.rs" => 1,
            _ => parts.len() - usize::from(rel.ends_with("/mod.rs")),
        };
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{rel}: {e}"))?;
        let entry = graph.entry(module.clone()).or_default();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") && !line.starts_with(' ') {
                break;
            }
            let code = line.split("//").next().unwrap_or("");
            for name in used_modules(code, depth) {
                let dep = match aliases.get(&name) {
                    Some(m) => m.clone(),
                    None if modules.contains(&name) => name,
                    None => continue, // an item of the crate root itself
                };
                if dep != module {
                    entry.entry(dep).or_insert(Use {
                        file: format!("{dir}/{rel}"),
                        line: n + 1,
                    });
                }
            }
        }
    }
    Ok(graph)
}

/// Names the crate root re-exports (`pub use m::{A, B};`, `pub use m::A;`), by the module
/// they come from.
fn root_aliases(root: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut aliases = BTreeMap::new();
    let flat = root.replace('\n', " ");
    for stmt in flat.split(';') {
        let Some(path) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, rest)) = path.split_once("::") else {
            continue;
        };
        if !modules.contains(module.trim()) {
            continue;
        }
        for name in rest
            .trim_matches(|c| c == '{' || c == '}' || c == ' ')
            .split(',')
        {
            let name = name.trim().rsplit("::").next().unwrap_or("").trim();
            if !name.is_empty() {
                aliases.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    aliases
}

fn collect_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The crate-level modules a line of code names: `crate::x`, `crate::{x, y::z}`,
/// `super::`…`::x` climbing to the crate root, and `hopscope_layout` (the `layout` module).
pub(crate) fn used_modules(code: &str, depth: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if code.contains("hopscope_layout") {
        out.insert("layout".to_owned());
    }
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        // `hopscope_core::crate::` cannot occur; skip `$crate::` in macros.
        if i > 0 && rest.as_bytes()[i - 1] == b'$' {
            rest = after;
            continue;
        }
        names_at(after, &mut out);
        rest = after;
    }
    let mut rest = code;
    while let Some(i) = rest.find("super::") {
        let before_ok = i == 0 || !is_ident(rest.as_bytes()[i - 1]);
        let mut after = &rest[i..];
        let mut climbs = 0;
        while let Some(a) = after.strip_prefix("super::") {
            climbs += 1;
            after = a;
        }
        if before_ok && climbs >= depth {
            names_at(after, &mut out);
        }
        rest = &rest[i + "super::".len() * climbs.max(1)..];
    }
    out
}

/// The first path segment at `text`, or each top-level segment of a `{…}` group.
fn names_at(text: &str, out: &mut BTreeSet<String>) {
    if let Some(group) = text.strip_prefix('{') {
        let mut level = 0;
        let mut start = 0;
        let bytes = group.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            match bytes[k] {
                b'{' => level += 1,
                b'}' if level == 0 => {
                    add_segment(&group[start..k], out);
                    return;
                }
                b'}' => level -= 1,
                b',' if level == 0 => {
                    add_segment(&group[start..k], out);
                    start = k + 1;
                }
                _ => {}
            }
            k += 1;
        }
        // The group goes on over the next lines: count what this line has.
        add_segment(&group[start..], out);
    } else {
        add_segment(text, out);
    }
}

fn add_segment(text: &str, out: &mut BTreeSet<String>) {
    let name: String = text
        .trim_start()
        .bytes()
        .take_while(|&b| is_ident(b))
        .map(char::from)
        .collect();
    if !name.is_empty() && !matches!(name.as_str(), "self" | "super" | "crate") {
        out.insert(name);
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A circle in the graph, as the modules along it, if there is one.
pub(crate) fn find_circle(graph: &BTreeMap<String, BTreeMap<String, Use>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, Use>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_owned(), Mark::Open);
        stack.push(node.to_owned());
        for dep in graph.get(node).map(|d| d.keys()).into_iter().flatten() {
            match marks.get(dep.as_str()) {
                Some(Mark::Open) => {
                    let from = stack.iter().position(|m| m == dep).unwrap_or(0);
                    let mut circle = stack[from..].to_vec();
                    circle.push(dep.clone());
                    return Some(circle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(c) = visit(dep, graph, marks, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if !marks.contains_key(node.as_str()) {
            if let Some(c) = visit(node, graph, &mut marks, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(code: &str, depth: usize) -> Vec<String> {
        used_modules(code, depth).into_iter().collect()
    }

    #[test]
    fn reads_every_way_a_module_is_named() {
        assert_eq!(names("use crate::model::{Case, NodeId};", 1), ["model"]);
        assert_eq!(
            names("use crate::{infer::LinkKey, view::{View, Mark}, model};", 1),
            ["infer", "model", "view"]
        );
        assert_eq!(names("let x = crate::figures::count(3);", 2), ["figures"]);
        // From `view/expand.rs` (depth 2), `super::` is the view itself and `super::super::`
        // the crate root.
        assert_eq!(names("use super::View;", 2), Vec::<String>::new());
        // A name the crate root re-exports is kept, to be looked up among the aliases.
        assert_eq!(names("let c = crate::Case::default();", 1), ["Case"]);
        assert_eq!(names("use super::super::trace::Trace;", 2), ["trace"]);
        // From a top-level file, `super::` is the crate root.
        assert_eq!(names("use super::style::Scene;", 1), ["style"]);
        assert_eq!(names("pub use hopscope_layout as layout;", 1), ["layout"]);
        assert_eq!(names("macro! { $crate::x }", 1), Vec::<String>::new());
    }

    #[test]
    fn root_re_exports_name_their_module() {
        let modules: BTreeSet<String> = ["format", "model"].map(String::from).into();
        let aliases = root_aliases(
            "pub mod model;\npub use format::{\n    import, parse_case,\n};\npub use model::Case;\npub use other::X;",
            &modules,
        );
        assert_eq!(
            aliases.get("parse_case").map(String::as_str),
            Some("format")
        );
        assert_eq!(aliases.get("Case").map(String::as_str), Some("model"));
        assert_eq!(aliases.get("X"), None);
    }

    #[test]
    fn finds_a_circle_and_passes_a_tree() {
        let edge = |f: &str| Use {
            file: f.to_owned(),
            line: 1,
        };
        let mut graph: BTreeMap<String, BTreeMap<String, Use>> = BTreeMap::new();
        graph
            .entry("a".into())
            .or_default()
            .insert("b".into(), edge("a"));
        graph
            .entry("b".into())
            .or_default()
            .insert("c".into(), edge("b"));
        graph.entry("c".into()).or_default();
        assert!(find_circle(&graph).is_none());
        graph
            .entry("c".into())
            .or_default()
            .insert("a".into(), edge("c"));
        assert_eq!(
            find_circle(&graph).unwrap(),
            ["a", "b", "c", "a"].map(String::from)
        );
    }

    #[test]
    fn the_core_as_it_stands_is_layered() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        check(&root).unwrap();
    }
}
