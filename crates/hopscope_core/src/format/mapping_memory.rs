//! Column mappings the user chose in the column dialog, remembered by the table's header, so
//! the next file with the same header (the next export of the same query, the same tool) is
//! read the same way without asking again. The newest fifty are kept.

use serde::{Deserialize, Serialize};

use super::edge_list::ColumnMapping;

/// Headers remembered at most; the oldest is forgotten first.
pub const LIMIT: usize = 50;

/// Remembered mappings, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingMemory {
    entries: Vec<(String, ColumnMapping)>,
}

/// A header as remembered: its names, trimmed and in lower case (a spreadsheet that changed
/// the case or padding of a name still has the same header).
fn key(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

impl MappingMemory {
    /// The mapping chosen for this header before, if any (and if its columns still exist).
    pub fn recall(&self, headers: &[String]) -> Option<&ColumnMapping> {
        let k = key(headers);
        self.entries
            .iter()
            .find(|(h, _)| *h == k)
            .map(|(_, m)| m)
            .filter(|m| {
                [
                    Some(m.from),
                    Some(m.to),
                    Some(m.amount),
                    m.asset,
                    m.time,
                    m.tx,
                    m.chain,
                ]
                .into_iter()
                .flatten()
                .all(|i| i < headers.len())
            })
    }

    /// Remembers `mapping` for this header, newest first.
    pub fn remember(&mut self, headers: &[String], mapping: ColumnMapping) {
        let k = key(headers);
        self.entries.retain(|(h, _)| *h != k);
        self.entries.insert(0, (k, mapping));
        self.entries.truncate(LIMIT);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn recalls_by_header_newest_first_and_forgets_the_oldest() {
        let mut memory = MappingMemory::default();
        let h = headers(&["col_a", "col_b", "col_c"]);
        let m = ColumnMapping {
            from: 0,
            to: 1,
            amount: 2,
            ..ColumnMapping::default()
        };
        assert_eq!(memory.recall(&h), None);
        memory.remember(&h, m.clone());
        assert_eq!(
            memory.recall(&headers(&[" COL_A", "col_b ", "Col_C"])),
            Some(&m)
        );
        assert_eq!(
            memory.recall(&headers(&["col_a", "col_b"])),
            None,
            "another header"
        );
        // A later choice for the same header replaces the earlier one.
        let m2 = ColumnMapping {
            from: 1,
            to: 0,
            ..m.clone()
        };
        memory.remember(&h, m2.clone());
        assert_eq!((memory.len(), memory.recall(&h)), (1, Some(&m2)));
        for i in 0..LIMIT {
            memory.remember(&headers(&[&format!("h{i}"), "x", "y"]), m.clone());
        }
        assert_eq!(memory.len(), LIMIT);
        assert_eq!(memory.recall(&h), None, "the oldest was forgotten");
        // Survives storage as JSON.
        let back: MappingMemory =
            serde_json::from_str(&serde_json::to_string(&memory).unwrap()).unwrap();
        assert_eq!(back, memory);
    }
}
