//! Part of `cargo xtask layers`: the app's components (`src/components/*.rs`, one module per
//! file) import each other one way too. The small stores sit at the bottom, `ui.rs` (all the
//! stores together) above them, the panels above that and `app.rs` on top; a panel that
//! imported `app.rs`, or a store that imported a panel, would make a circle and fail here.
//! The files are printed by level (a file's level is one more than its highest import's).

use std::collections::BTreeMap;
use std::path::Path;

use crate::layers::{find_circle, used_modules, Use};

/// Checks `src/components` under `root` and prints its files by level.
pub fn check(root: &Path) -> Result<(), String> {
    let dir = root.join("src/components");
    let graph = read(&dir)?;
    let levels = levels(&graph);
    println!("The components' imports, by level (bottom first):");
    let top = levels.values().copied().max().unwrap_or(0);
    for level in 0..=top {
        let files: Vec<&str> = levels
            .iter()
            .filter(|(_, &l)| l == level)
            .map(|(f, _)| f.as_str())
            .collect();
        println!("  {level:>2}  {}", files.join(", "));
    }
    match find_circle(&graph) {
        None => {
            println!("No circle: the components import one way.");
            Ok(())
        }
        Some(circle) => {
            let first = graph
                .get(&circle[0])
                .and_then(|d| d.get(&circle[1]))
                .map(|u| format!("{}:{}: ", u.file, u.line))
                .unwrap_or_default();
            eprintln!(
                "layers: {first}import circle among the components: {}",
                circle.join(" -> ")
            );
            Err("an import circle among the components".to_owned())
        }
    }
}

/// Each component file → the component files it imports (`super::x`), with where.
fn read(dir: &Path) -> Result<BTreeMap<String, BTreeMap<String, Use>>, String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(stem) = name.strip_suffix(".rs").filter(|s| *s != "mod") {
            names.push(stem.to_owned());
        }
    }
    let mut graph: BTreeMap<String, BTreeMap<String, Use>> = BTreeMap::new();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(format!("{name}.rs")))
            .map_err(|e| format!("src/components/{name}.rs: {e}"))?;
        graph.insert(name.clone(), imports(name, &text, &names));
    }
    Ok(graph)
}

/// The sibling files `text` (the file `name`) imports, leaving out its tests.
fn imports(name: &str, text: &str, siblings: &[String]) -> BTreeMap<String, Use> {
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        // From `components/x.rs`, `super::` is `components`: the names after it are files.
        for dep in used_modules(code, 1) {
            if dep != name && siblings.contains(&dep) {
                out.entry(dep).or_insert(Use {
                    file: format!("src/components/{name}.rs"),
                    line: n + 1,
                });
            }
        }
    }
    out
}

/// Each file's level: 0 for a file that imports no other, else one more than its highest
/// import's (files on a circle are left at the level reached).
fn levels(graph: &BTreeMap<String, BTreeMap<String, Use>>) -> BTreeMap<String, usize> {
    let mut level: BTreeMap<String, usize> = graph.keys().map(|k| (k.clone(), 0)).collect();
    // At most one pass per file moves a level; a circle stops moving after that.
    for _ in 0..graph.len() {
        let mut moved = false;
        for (file, deps) in graph {
            let want = deps
                .keys()
                .filter_map(|d| level.get(d))
                .map(|l| l + 1)
                .max()
                .unwrap_or(0);
            if level.get(file) != Some(&want) {
                level.insert(file.clone(), want);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;

    fn siblings() -> Vec<String> {
        ["app", "ui", "open_case", "links_panel"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn reads_sibling_imports_but_not_tests_or_other_modules() {
        let text = "use super::ui::Ui;\nuse crate::stage::Stage;\nlet x = super::open_case::CaseStore::new();\n#[cfg(test)]\nmod tests { use super::app::App; }";
        let found: Vec<String> = imports("links_panel", text, &siblings())
            .into_keys()
            .collect();
        assert_eq!(found, ["open_case", "ui"]);
    }

    #[test]
    fn a_panel_importing_the_app_is_a_circle() {
        let mut graph: BTreeMap<String, BTreeMap<String, Use>> = BTreeMap::new();
        let s = siblings();
        graph.insert(
            "app".into(),
            imports("app", "use super::links_panel::LinksPanel;", &s),
        );
        graph.insert(
            "links_panel".into(),
            imports("links_panel", "use super::open_case::CaseStore;", &s),
        );
        graph.insert("open_case".into(), BTreeMap::new());
        assert!(find_circle(&graph).is_none());
        assert_eq!(levels(&graph)["app"], 2);
        graph.insert(
            "links_panel".into(),
            imports("links_panel", "use super::app::App;", &s),
        );
        assert!(find_circle(&graph).is_some());
    }

    #[test]
    fn the_components_as_they_stand_import_one_way() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        check(&root).unwrap();
    }
}
