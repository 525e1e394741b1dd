//! GraphSense TagPacks, the open standard for sharing attribution tags: a YAML document whose
//! header fields (`label`, `category`, `abuse`, `source`, `currency`, `actor`…) apply to every
//! item of its `tags:` list unless the item gives its own.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::{Yaml, YamlLoader};

use super::words::category_of;
use super::Entries;
use crate::format::ParseError;
use crate::model::address_form::sure_chain_of;
use crate::model::coins::chain_of;
use crate::model::{Address, LabelEntry};

/// Whether a text looks like a TagPack: YAML keys at the top and a `tags:` list.
pub fn is_tagpack(body: &str) -> bool {
    let first = body
        .lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with('#') && l != &"---");
    let keyed = first.is_some_and(|l| {
        l.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
    });
    keyed && body.lines().any(|l| l.trim_end() == "tags:")
}

fn text(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) => Some(s.trim().to_owned()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Real(r) => Some(r.clone()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// TagPacks have no use for YAML aliases (`*name`), and a file of nested aliases expands
/// exponentially when loaded: one is refused before loading, with where it is.
fn refuse_aliases(body: &str) -> Result<(), ParseError> {
    let mut parser = Parser::new_from_str(body);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return Ok(()),
            Ok((Event::Alias(_), mark)) => {
                return Err(ParseError {
                    line: mark.line(),
                    column: mark.col() + 1,
                    message: "a YAML alias (*name): TagPacks are read without aliases".into(),
                })
            }
            Ok(_) => {}
            Err(e) => {
                return Err(ParseError {
                    line: e.marker().line(),
                    column: e.marker().col() + 1,
                    message: format!("not a readable TagPack (YAML): {}", e.info()),
                })
            }
        }
    }
}

/// Reads a TagPack.
pub fn read(body: &str, list_name: &str, out: &mut Entries) -> Result<(), ParseError> {
    refuse_aliases(body)?;
    let docs = YamlLoader::load_from_str(body).map_err(|e| ParseError {
        line: e.marker().line(),
        column: e.marker().col() + 1,
        message: format!("not a readable TagPack (YAML): {}", e.info()),
    })?;
    let Some(pack) = docs.first() else {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "the TagPack is empty".into(),
        });
    };
    let Some(tags) = pack["tags"].as_vec() else {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "a TagPack needs a \"tags:\" list".into(),
        });
    };
    let title = text(&pack["title"]).unwrap_or_else(|| list_name.to_owned());
    for (k, tag) in tags.iter().enumerate() {
        // A tag's own field, else the pack's.
        let field = |name: &str| text(&tag[name]).or_else(|| text(&pack[name]));
        let Some(address) = field("address") else {
            out.warn(format!("tags[{k}]"), "no address; skipped");
            continue;
        };
        let label = field("label")
            .or_else(|| field("actor"))
            .unwrap_or_else(|| title.clone());
        let category_words = [
            field("abuse").unwrap_or_default(),
            field("category").unwrap_or_default(),
            label.clone(),
            field("actor").unwrap_or_default(),
        ];
        let words: Vec<&str> = category_words.iter().map(String::as_str).collect();
        let category = category_of(&words);
        let source = match field("source") {
            Some(s) => format!("{list_name} (GraphSense TagPack \"{title}\"): {s}"),
            None => format!("{list_name} (GraphSense TagPack \"{title}\")"),
        };
        let chain = field("currency")
            .and_then(|c| chain_of(&c).map(|(chain, _)| chain))
            .or_else(|| sure_chain_of(&address))
            .map(str::to_owned);
        out.add(
            Address::new(&address),
            LabelEntry {
                label,
                category,
                chain,
                source,
            },
        );
    }
    Ok(())
}
