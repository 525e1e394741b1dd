//! GEXF 1.2 (Gephi, NetworkX `write_gexf`): nodes become addresses, each edge a transfer. The
//! edge `weight` is read exactly (NetworkX writes wei as long integers) and scaled by the
//! chosen decimals; attribute values (`<attvalues>`) are mapped by their declared titles.
//! Written back with hopscope's attributes declared, so a case round-trips.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::graph_attrs::{self, Attrs, GraphBuilder, XmlElement, EDGE_ATTR_NAMES, NODE_ATTR_NAMES};
use super::xml::{attr, attributes, error_at, escape, local_name, next_event, LineCounter};
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::Case;

pub fn parse_gexf(text: &str, options: &ImportOptions) -> Result<Imported<Case>, ParseError> {
    let mut lines = LineCounter::new(text);
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut builder = GraphBuilder::new(options);
    // Declared attribute titles, by (class, id).
    let mut titles: HashMap<(bool, String), String> = HashMap::new();
    let mut attr_class_is_edge = false;
    let mut open: Option<XmlElement> = None;
    let mut title = String::new();
    let mut saw_gexf = false;
    loop {
        let (position, event) = next_event(&mut reader, text)?;
        options.progress.reached(position as usize);
        let (start, is_empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if name == "node" || name == "edge" {
                    if let Some(o) = open.take() {
                        o.finish(&mut builder);
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let Some(e) = start else { continue };
        let name = local_name(e);
        let attrs = attributes(e).map_err(|m| error_at(text, position, m))?;
        match name.as_str() {
            "gexf" => saw_gexf = true,
            "graph" => title = attr(&attrs, "name").unwrap_or_default().to_owned(),
            "attributes" => attr_class_is_edge = attr(&attrs, "class") == Some("edge"),
            "attribute" => {
                if let (Some(id), Some(t)) = (attr(&attrs, "id"), attr(&attrs, "title")) {
                    titles.insert((attr_class_is_edge, id.to_owned()), t.to_owned());
                }
            }
            "node" | "edge" => {
                if let Some(o) = open.take() {
                    o.finish(&mut builder);
                }
                let line = lines.line_at(position);
                let o = XmlElement {
                    is_edge: name == "edge",
                    own: attrs,
                    attrs: Attrs::default(),
                    line,
                };
                if is_empty {
                    o.finish(&mut builder);
                } else {
                    open = Some(o);
                }
            }
            "attvalue" => {
                if let Some(o) = open.as_mut() {
                    let key = attr(&attrs, "for")
                        .or(attr(&attrs, "id"))
                        .unwrap_or_default();
                    let title = titles
                        .get(&(o.is_edge, key.to_owned()))
                        .map(String::as_str)
                        .unwrap_or(key);
                    o.attrs
                        .insert(title, attr(&attrs, "value").unwrap_or_default());
                }
            }
            _ => {}
        }
    }
    if !saw_gexf {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "not a GEXF file: no <gexf> element".into(),
        });
    }
    let (case, warnings) = builder.finish(title);
    Ok(Imported {
        format: Format::Gexf,
        value: case,
        warnings,
    })
}

/// Writes a case as GEXF 1.2: one edge per transfer (ids `0…`), weight = amount, hopscope's
/// fields as declared attributes.
pub fn write_gexf(case: &Case) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n");
    out.push_str("  <meta><creator>hopscope</creator></meta>\n");
    out.push_str(&format!(
        "  <graph defaultedgetype=\"directed\" mode=\"static\" name=\"{}\">\n",
        escape(&case.title)
    ));
    declare(&mut out, "node", NODE_ATTR_NAMES);
    declare(&mut out, "edge", EDGE_ATTR_NAMES);
    out.push_str("    <nodes>\n");
    for (id, node) in case.graph.nodes() {
        let address = escape(node.address.as_str());
        out.push_str(&format!(
            "      <node id=\"{address}\" label=\"{}\">\n",
            escape(node.label.as_deref().unwrap_or(node.address.as_str()))
        ));
        attvalues(
            &mut out,
            NODE_ATTR_NAMES,
            &graph_attrs::node_attrs(case, id),
        );
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, t) in case.graph.transfers().iter().enumerate() {
        let (Some(from), Some(to)) = (case.graph.node(t.from), case.graph.node(t.to)) else {
            continue;
        };
        out.push_str(&format!(
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\">\n",
            escape(from.address.as_str()),
            escape(to.address.as_str()),
            t.amount
        ));
        attvalues(&mut out, EDGE_ATTR_NAMES, &graph_attrs::transfer_attrs(t));
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn declare(out: &mut String, class: &str, names: &[&str]) {
    out.push_str(&format!(
        "    <attributes class=\"{class}\" mode=\"static\">\n"
    ));
    for name in names {
        out.push_str(&format!(
            "      <attribute id=\"{class}-{name}\" title=\"{name}\" type=\"string\"/>\n"
        ));
    }
    out.push_str("    </attributes>\n");
}

fn attvalues(out: &mut String, names: &[&str], values: &[(&'static str, String)]) {
    let class = if names == NODE_ATTR_NAMES {
        "node"
    } else {
        "edge"
    };
    out.push_str("        <attvalues>\n");
    for (name, value) in values {
        out.push_str(&format!(
            "          <attvalue for=\"{class}-{name}\" value=\"{}\"/>\n",
            escape(value)
        ));
    }
    out.push_str("        </attvalues>\n");
}
