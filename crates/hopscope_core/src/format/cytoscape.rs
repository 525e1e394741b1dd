//! Cytoscape.js JSON (and Cytoscape desktop's `.cyjs`, NetworkX's `cytoscape_data`):
//! `elements` as `{nodes: [...], edges: [...]}` or as one array whose items are edges when
//! their `data` has `source` and `target`. Each element's `data` fields go through the shared
//! graph attribute mapping; a node's readable `name` becomes its label.

use serde_json::{json, Map, Value};

use super::graph_attrs::{self, Attrs, GraphBuilder};
use super::json::json_error;
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::Case;

/// Recognises Cytoscape JSON from its start.
pub fn detect(head: &str) -> bool {
    (head.starts_with('{') && head.contains("\"elements\""))
        || (head.starts_with('[')
            && head.contains("\"data\"")
            && (head.contains("\"group\"") || head.contains("\"source\"")))
}

pub fn parse_cytoscape(text: &str, options: &ImportOptions) -> Result<Imported<Case>, ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(body).map_err(|e| json_error(e, body))?;
    let title = root
        .pointer("/data/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let elements = root.get("elements").unwrap_or(&root);
    let (mut nodes, mut edges): (Vec<&Value>, Vec<&Value>) = (Vec::new(), Vec::new());
    match elements {
        Value::Object(groups) => {
            nodes.extend(
                groups
                    .get("nodes")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
            edges.extend(
                groups
                    .get("edges")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
        }
        Value::Array(items) => {
            for item in items {
                let is_edge = match item.get("group").and_then(Value::as_str) {
                    Some(g) => g == "edges",
                    None => {
                        item.pointer("/data/source").is_some()
                            && item.pointer("/data/target").is_some()
                    }
                };
                if is_edge {
                    edges.push(item)
                } else {
                    nodes.push(item)
                }
            }
        }
        _ => {
            return Err(ParseError {
                line: 1,
                column: 1,
                message: "\"elements\" is neither a list nor {nodes, edges}".into(),
            })
        }
    }
    let mut builder = GraphBuilder::new(options);
    for (i, node) in nodes.iter().enumerate() {
        let attrs = data_attrs(node);
        let id = attrs.0.get("id").cloned().unwrap_or_default();
        builder.node(&id, &attrs, &format!("nodes[{i}]"));
    }
    for (i, edge) in edges.iter().enumerate() {
        let attrs = data_attrs(edge);
        let get = |k: &str| attrs.0.get(k).cloned().unwrap_or_default();
        let weight = attrs.0.get("weight").cloned();
        let id = match get("id") {
            id if id.is_empty() => i.to_string(),
            id => id,
        };
        builder.edge(
            &id,
            &get("source"),
            &get("target"),
            weight.as_deref(),
            &attrs,
            &format!("edges[{i}]"),
        );
    }
    let (case, warnings) = builder.finish(title);
    Ok(Imported {
        format: Format::Cytoscape,
        value: case,
        warnings,
    })
}

/// An element's `data` as attributes; numbers and booleans as their text.
fn data_attrs(element: &Value) -> Attrs {
    let mut attrs = Attrs::default();
    if let Some(data) = element.get("data").and_then(Value::as_object) {
        for (k, v) in data {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Null => continue,
                other => other.to_string(),
            };
            attrs.insert(k, text);
        }
        // Cytoscape desktop keeps the readable name apart from the numeric id.
        if let (Some(name), false) = (
            data.get("name").and_then(Value::as_str),
            attrs.0.contains_key("label"),
        ) {
            attrs.insert("label", name);
        }
    }
    attrs
}

/// Writes a case as Cytoscape.js JSON (`elements: {nodes, edges}`).
pub fn write_cytoscape(case: &Case) -> String {
    let nodes: Vec<Value> = case
        .graph
        .nodes()
        .map(|(id, node)| {
            let mut data = Map::new();
            data.insert("id".into(), json!(node.address.as_str()));
            for (k, v) in graph_attrs::node_attrs(case, id) {
                data.insert(k.into(), json!(v));
            }
            json!({ "data": data })
        })
        .collect();
    let edges: Vec<Value> = case
        .graph
        .transfers()
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let (from, to) = (case.graph.node(t.from)?, case.graph.node(t.to)?);
            let mut data = Map::new();
            data.insert("id".into(), json!(format!("e{i}")));
            data.insert("source".into(), json!(from.address.as_str()));
            data.insert("target".into(), json!(to.address.as_str()));
            for (k, v) in graph_attrs::transfer_attrs(t) {
                data.insert(k.into(), json!(v));
            }
            Some(json!({ "data": data }))
        })
        .collect();
    let doc = json!({
        "format_version": "1.0",
        "generated_by": "hopscope",
        "data": { "name": case.title },
        "elements": { "nodes": nodes, "edges": edges },
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
