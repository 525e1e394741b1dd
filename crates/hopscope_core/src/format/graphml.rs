//! GraphML (NetworkX, Gephi, yEd): `<key>` declarations give each `<data key=…>` its
//! attribute name; nodes become addresses and edges transfers through the shared graph
//! attribute mapping. NetworkX may declare two keys with the same name (`weight` as long and
//! as double); keys are resolved by id, then read by name. yEd's graphics keys are ignored.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::graph_attrs::{self, Attrs, GraphBuilder, XmlElement, EDGE_ATTR_NAMES, NODE_ATTR_NAMES};
use super::xml::{
    attr, attributes, error_at, escape, local_name, next_event, resolve_reference, LineCounter,
};
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::Case;

pub fn parse_graphml(text: &str, options: &ImportOptions) -> Result<Imported<Case>, ParseError> {
    let mut lines = LineCounter::new(text);
    let mut reader = Reader::from_str(text);
    let mut builder = GraphBuilder::new(options);
    let mut key_names: HashMap<String, String> = HashMap::new();
    let mut open: Option<XmlElement> = None;
    // The key of the <data> element being read, and its text so far.
    let mut data: Option<(String, String)> = None;
    let mut saw_graphml = false;
    loop {
        let (position, event) = next_event(&mut reader, text)?;
        options.progress.reached(position as usize);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = local_name(e);
                let attrs = attributes(e).map_err(|m| error_at(text, position, m))?;
                match name.as_str() {
                    "graphml" => saw_graphml = true,
                    "key" => {
                        if let (Some(id), Some(n)) = (attr(&attrs, "id"), attr(&attrs, "attr.name"))
                        {
                            key_names.insert(id.to_owned(), n.to_owned());
                        }
                    }
                    "node" | "edge" => {
                        // A nested node (a yEd group) ends the outer one's own data.
                        if let Some(outer) = open.take() {
                            outer.finish(&mut builder);
                        }
                        let o = XmlElement {
                            is_edge: name == "edge",
                            own: attrs,
                            attrs: Attrs::default(),
                            line: lines.line_at(position),
                        };
                        if is_empty {
                            o.finish(&mut builder);
                        } else {
                            open = Some(o);
                        }
                    }
                    "data" if !is_empty => {
                        data = attr(&attrs, "key").map(|k| (k.to_owned(), String::new()))
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                if let Some((_, buf)) = data.as_mut() {
                    buf.push_str(&t.xml10_content().unwrap_or_default());
                }
            }
            Event::CData(ref t) => {
                if let Some((_, buf)) = data.as_mut() {
                    buf.push_str(&String::from_utf8_lossy(t));
                }
            }
            Event::GeneralRef(ref r) => {
                if let (Some((_, buf)), Some(resolved)) = (data.as_mut(), resolve_reference(r)) {
                    buf.push_str(&resolved);
                }
            }
            Event::End(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                match name.as_str() {
                    "data" => {
                        if let (Some((key, value)), Some(o)) = (data.take(), open.as_mut()) {
                            let attr_name = key_names.get(&key).cloned().unwrap_or(key);
                            o.attrs.insert(&attr_name, value.trim());
                        }
                    }
                    "node" | "edge" => {
                        if let Some(o) = open.take() {
                            o.finish(&mut builder);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_graphml {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "not a GraphML file: no <graphml> element".into(),
        });
    }
    let (case, warnings) = builder.finish(String::new());
    Ok(Imported {
        format: Format::GraphMl,
        value: case,
        warnings,
    })
}

/// Writes a case as GraphML with hopscope's attributes as string keys.
pub fn write_graphml(case: &Case) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (class, names) in [("node", NODE_ATTR_NAMES), ("edge", EDGE_ATTR_NAMES)] {
        for name in names {
            out.push_str(&format!("  <key id=\"{class}-{name}\" for=\"{class}\" attr.name=\"{name}\" attr.type=\"string\"/>\n"));
        }
    }
    out.push_str(&format!(
        "  <graph id=\"{}\" edgedefault=\"directed\">\n",
        escape(&case.title)
    ));
    for (id, node) in case.graph.nodes() {
        out.push_str(&format!(
            "    <node id=\"{}\">\n",
            escape(node.address.as_str())
        ));
        data(&mut out, "node", &graph_attrs::node_attrs(case, id));
        out.push_str("    </node>\n");
    }
    for (i, t) in case.graph.transfers().iter().enumerate() {
        let (Some(from), Some(to)) = (case.graph.node(t.from), case.graph.node(t.to)) else {
            continue;
        };
        out.push_str(&format!(
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n",
            escape(from.address.as_str()),
            escape(to.address.as_str())
        ));
        data(&mut out, "edge", &graph_attrs::transfer_attrs(t));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn data(out: &mut String, class: &str, values: &[(&'static str, String)]) {
    for (name, value) in values {
        out.push_str(&format!(
            "      <data key=\"{class}-{name}\">{}</data>\n",
            escape(value)
        ));
    }
}
