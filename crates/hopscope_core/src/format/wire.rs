//! The binary form in which read files cross from the import worker to the page: a stream of
//! frames (a 4-byte length, then postcard), so the page copies in and decodes one frame of a
//! few thousand items at a time and never holds the whole answer in wasm memory. A head frame
//! names the files and, for each case, its counts; then come each case's chains and assets,
//! nodes, flows, transfers, dollar values and transactions. The case crosses as it is stored
//! (nodes by position, each transfer with its flow, amounts as variable-length limbs) and is
//! rebuilt with `Graph::push_flow`/`push_transfer`, without the lookups that reading needed
//! (`Graph::seal`), so the same file gives the same case on either side.

use serde::{Deserialize, Serialize};

use super::{Format, Imported, ParseError, Warning};
use crate::model::{
    Address, Amount, Asset, Case, Category, Chain, Graph, Node, NodeId, Transfer, TransferId,
    TxCursor, TxHash,
};

/// One file as the worker read it: what `batch::combine` merges, plus the header row of a
/// table whose columns the user must name.
#[derive(Clone, Debug)]
pub struct ReadFile {
    pub name: String,
    pub detected: Option<Format>,
    pub result: Result<Imported<Case>, ParseError>,
    /// The header row when the file is a table that asks for a column mapping.
    pub headers: Vec<String>,
}

/// The version of the stream's layout, first in its head: a page never reads a stream of
/// another layout as if it were its own. Autosaves are kept in this form, so a change of
/// layout bumps it and keeps a reader for each version saved before (`tests/wire.rs` reads a
/// kept version-3 save). Version 2 was only written by development builds of 2026-12-07 and
/// is refused by name.
const VERSION: u32 = 3;

/// Items per frame: a frame of transfers is a few hundred kilobytes.
const BATCH: usize = 4096;

/// Bytes a stream of frames is read from: a slice, or on the page the worker's buffer, which
/// is copied into wasm memory a frame at a time so the page never holds the whole answer.
pub trait Frames {
    fn size(&self) -> usize;
    /// Copies the bytes at `range` (within `size`) into `out`, replacing what it held.
    fn copy(&self, range: std::ops::Range<usize>, out: &mut Vec<u8>);
}

impl Frames for [u8] {
    fn size(&self) -> usize {
        self.len()
    }

    fn copy(&self, range: std::ops::Range<usize>, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(&self[range]);
    }
}

#[derive(Serialize, Deserialize)]
struct WireHead {
    version: u32,
    files: Vec<WireFile>,
}

#[derive(Serialize, Deserialize)]
struct WireFile {
    name: String,
    detected: Option<Format>,
    result: Result<WireImported, ParseError>,
    headers: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct WireImported {
    format: Format,
    warnings: Vec<Warning>,
    case: WireCase,
}

/// A case's head; its nodes, flows, transfers, dollar values and transactions follow in
/// frames of their own, in that order, as many as the counts say.
#[derive(Serialize, Deserialize)]
struct WireCase {
    title: String,
    notes: String,
    seeds: Vec<u32>,
    /// The saved investigation as JSON (its optional fields do not suit postcard).
    investigation: Option<String>,
    /// The story as JSON, likewise.
    story: Option<String>,
    /// The files the case was built from: name, format, transfers added, warnings.
    sources: Vec<(String, String, u64, Vec<String>)>,
    nodes: u32,
    flows: u32,
    transfers: u32,
    usd: u32,
    txs: u32,
    /// Transfers stored as a later occurrence of their key (`Graph::occurrences`).
    occurrences: Vec<(u32, u32)>,
}

#[derive(Serialize, Deserialize)]
struct WireNode {
    address: String,
    chain: u32,
    label: Option<String>,
    label_source: Option<String>,
    category: Category,
    tags: Vec<String>,
}

/// An amount's limbs and scale (`Amount::to_limbs`): a few bytes for most amounts.
type WireAmount = ([u64; 4], u8);

#[derive(Serialize, Deserialize)]
struct WireTransfer<T> {
    /// The hash's text: written from a `TxText`, read as a borrowed `&str`.
    tx: T,
    /// The flow's position (`Graph::push_flow`); `from` and `to` must be its ends.
    flow: u32,
    from: u32,
    to: u32,
    amount: WireAmount,
    asset: u32,
    timestamp: Option<i64>,
    chain: Option<u32>,
    block: Option<u64>,
    fee: Option<WireAmount>,
    index: Option<u32>,
}

/// Writes frames to `out`: each a 4-byte little-endian length and that many bytes of
/// postcard, made in a scratch buffer that is reused.
struct Writer<'w, W: std::io::Write> {
    out: &'w mut W,
    scratch: Vec<u8>,
}

/// Why a frame could not be written: the value (never, for these plain structs) or the sink.
fn write_error(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

impl<W: std::io::Write> Writer<'_, W> {
    fn frame<T: Serialize + ?Sized>(&mut self, value: &T) -> std::io::Result<()> {
        self.scratch.clear();
        self.scratch =
            postcard::to_extend(value, std::mem::take(&mut self.scratch)).map_err(write_error)?;
        let len = u32::try_from(self.scratch.len()).map_err(write_error)?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&self.scratch)
    }

    /// `items` in frames of `BATCH`, each made by `make`.
    fn frames<I, T: Serialize>(
        &mut self,
        items: impl Iterator<Item = I>,
        make: impl Fn(I) -> T,
    ) -> std::io::Result<()> {
        let mut batch = Vec::with_capacity(BATCH);
        for item in items {
            batch.push(make(item));
            if batch.len() == BATCH {
                self.frame(&batch)?;
                batch.clear();
            }
        }
        if !batch.is_empty() {
            self.frame(&batch)?;
        }
        Ok(())
    }
}

/// Reads the frames `Writer` wrote, one at a time.
struct Reader<'s, F: Frames + ?Sized> {
    source: &'s F,
    at: usize,
    buf: Vec<u8>,
}

fn damaged(what: &str) -> String {
    format!("the import worker's answer is damaged ({what})")
}

impl<F: Frames + ?Sized> Reader<'_, F> {
    /// The next frame's bytes.
    fn next(&mut self) -> Result<&[u8], String> {
        let len_end = self.at + 4;
        if len_end > self.source.size() {
            return Err(damaged("it ends early"));
        }
        self.source.copy(self.at..len_end, &mut self.buf);
        let len = self
            .buf
            .get(..4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, u32::from_le_bytes) as usize;
        let end = len_end
            .checked_add(len)
            .filter(|&e| e <= self.source.size())
            .ok_or_else(|| damaged("a frame runs past its end"))?;
        self.source.copy(len_end..end, &mut self.buf);
        self.at = end;
        Ok(&self.buf)
    }

    /// The next frame as an owned value.
    fn value<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, String> {
        let bytes = self.next()?;
        postcard::from_bytes(bytes).map_err(|e| damaged(&e.to_string()))
    }

    /// Bytes not read yet: every item takes at least one, so no count is believed past this
    /// (and room for what is left is only taken where the allocator has it).
    fn left(&self) -> usize {
        self.source.size().saturating_sub(self.at)
    }

    /// Reads frames of items until `n` have come, handing each to `take`.
    fn items<T: serde::de::DeserializeOwned>(
        &mut self,
        n: u32,
        mut take: impl FnMut(T) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut got = 0usize;
        while got < n as usize {
            let batch: Vec<T> = self.value()?;
            got += batch.len();
            if batch.is_empty() || got > n as usize {
                return Err(damaged("a frame holds the wrong number of items"));
            }
            batch.into_iter().try_for_each(&mut take)?;
        }
        Ok(())
    }
}

/// What every stream starts with: a saved case in this form is told from a case file's text.
pub const MAGIC: &[u8] = b"hopscope-wire\n";

/// Encodes read files for the page.
pub fn encode(files: &[ReadFile]) -> Vec<u8> {
    let mut out = Vec::new();
    let entries = files.iter().map(|f| Entry {
        name: &f.name,
        detected: f.detected,
        headers: &f.headers,
        result: f
            .result
            .as_ref()
            .map(|i| (i.format, i.warnings.as_slice(), &i.value)),
    });
    // Writing plain structs into a Vec cannot fail; if it did, the page would be told the
    // answer is damaged.
    if write_files(entries, &mut out).is_err() {
        out.clear();
    }
    out
}

/// Writes one case to `out` in this form, as a file named `name` read as a case file would
/// be (`Format::CaseV1`), at once (`CaseSave` writes it a piece at a time).
pub fn write_case(case: &Case, name: &str, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut save = CaseSave::new(case, name);
    while !save.step(case, out, usize::MAX / 2)? {}
    Ok(())
}

/// A file to write: what `ReadFile` holds, borrowed.
#[derive(Clone, Copy)]
struct Entry<'a> {
    name: &'a str,
    detected: Option<Format>,
    headers: &'a [String],
    result: Result<(Format, &'a [Warning], &'a Case), &'a ParseError>,
}

fn write_files<'a>(
    files: impl Iterator<Item = Entry<'a>> + Clone,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut w = Writer {
        out,
        scratch: Vec::new(),
    };
    write_head(files.clone(), &mut w)?;
    for file in files {
        if let Ok((_, _, case)) = file.result {
            let mut frames = CaseFrames::new(case);
            while !frames.step(case, &mut w, usize::MAX / 2)? {}
        }
    }
    Ok(())
}

/// The stream's start: `MAGIC` and the head frame naming the files.
fn write_head<'a, W: std::io::Write>(
    files: impl Iterator<Item = Entry<'a>>,
    w: &mut Writer<'_, W>,
) -> std::io::Result<()> {
    w.out.write_all(MAGIC)?;
    let head = WireHead {
        version: VERSION,
        files: files
            .map(|f| WireFile {
                name: f.name.to_owned(),
                detected: f.detected,
                result: f
                    .result
                    .map_err(Clone::clone)
                    .map(|(format, warnings, case)| WireImported {
                        format,
                        warnings: warnings.to_vec(),
                        case: head_of(case),
                    }),
                headers: f.headers.to_vec(),
            })
            .collect(),
    };
    w.frame(&head)
}

/// Decodes what `encode` wrote; any inconsistency is an error, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Vec<ReadFile>, String> {
    decode_from(bytes)
}

/// Reads back what `write_case` (or `CaseSave`) wrote: its one case, as a file named `name`.
pub fn read_case_from<F: Frames + ?Sized>(source: &F, name: &str) -> Result<ReadFile, String> {
    let mut files = decode_from(source)?;
    if files.len() != 1 {
        return Err("it holds no single case".to_owned());
    }
    let mut file = files.remove(0);
    file.name = name.to_owned();
    Ok(file)
}

/// Whether a source starts as a stream in this form does (`MAGIC`).
pub fn is_wire<F: Frames + ?Sized>(source: &F) -> bool {
    let mut start = Vec::new();
    source.size() >= MAGIC.len() && {
        source.copy(0..MAGIC.len(), &mut start);
        start == MAGIC
    }
}

/// Decodes what `encode` wrote from any frame source (`Frames`).
pub fn decode_from<F: Frames + ?Sized>(source: &F) -> Result<Vec<ReadFile>, String> {
    let mut reader = Reader {
        source,
        at: MAGIC.len(),
        buf: Vec::new(),
    };
    if !is_wire(source) {
        return Err(damaged("it does not start as one"));
    }
    let bytes = reader.next()?;
    // The version first, on its own: a head of another layout may not read as this one's.
    let (version, _) =
        postcard::take_from_bytes::<u32>(bytes).map_err(|e| damaged(&e.to_string()))?;
    let head: WireHead = match version {
        VERSION => postcard::from_bytes(bytes).map_err(|e| damaged(&e.to_string()))?,
        _ => WireHead {
            version,
            files: Vec::new(),
        },
    };
    if head.version != VERSION {
        return Err(format!(
            "it was written in layout {} of hopscope's binary form, and this version reads layout {VERSION}",
            head.version
        ));
    }
    let mut out = Vec::with_capacity(head.files.len());
    for f in head.files {
        let result = match f.result {
            Err(e) => Err(e),
            Ok(i) => Ok(Imported {
                format: i.format,
                warnings: i.warnings,
                value: read_case(&mut reader, i.case)?,
            }),
        };
        out.push(ReadFile {
            name: f.name,
            detected: f.detected,
            result,
            headers: f.headers,
        });
    }
    if reader.left() > 0 {
        return Err(damaged("bytes after its end"));
    }
    Ok(out)
}

/// Interns strings into a table, returning each one's position.
#[derive(Default)]
struct Table {
    list: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl Table {
    /// The position of a string `id` has entered (every one has been, before `get`).
    fn get(&self, s: &str) -> u32 {
        self.index.get(s).copied().unwrap_or(u32::MAX)
    }

    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        i
    }
}

/// The position of each node (`Graph::node_ids` order) by node index.
fn positions(case: &Case) -> Vec<u32> {
    let mut at = vec![u32::MAX; case.graph.node_bound()];
    for (k, id) in case.graph.node_ids().enumerate() {
        if let Some(slot) = at.get_mut(id.index()) {
            *slot = k as u32;
        }
    }
    at
}

fn head_of(case: &Case) -> WireCase {
    let at = positions(case);
    let at = |id: NodeId| at.get(id.index()).copied().unwrap_or(u32::MAX);
    WireCase {
        title: case.title.clone(),
        notes: case.notes.clone(),
        seeds: case.seeds.iter().map(|&s| at(s)).collect(),
        investigation: case
            .investigation
            .as_ref()
            .and_then(|i| serde_json::to_string(i).ok()),
        story: case
            .story
            .as_ref()
            .and_then(|s| serde_json::to_string(s).ok()),
        sources: case
            .sources
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.format.clone(),
                    s.transfers as u64,
                    s.warnings.clone(),
                )
            })
            .collect(),
        nodes: case.graph.n_nodes() as u32,
        flows: case.graph.n_flows() as u32,
        transfers: case.graph.n_transfers() as u32,
        usd: case.facts.usd_values().count() as u32,
        txs: case.facts.n_transactions() as u32,
        occurrences: case
            .graph
            .occurrences()
            .iter()
            .map(|&(id, nth)| (id.0, nth))
            .collect(),
    }
}

/// Writes a case's frames after its head a piece at a time: its chains and assets (one
/// frame), nodes, flows, transfers, dollar values and transactions. Each `step` writes at
/// most about `items` items, so the page can save a big case between frames; the case must
/// not change between steps (`CaseSave` is the public face).
struct CaseFrames {
    part: Part,
    /// Items of the part written so far, and how many it has (counted once, on entering it).
    at: usize,
    len: usize,
    positions: Vec<u32>,
    /// Each transfer's flow, by position.
    flow_of: Vec<u32>,
    chains: Table,
    assets: Table,
    /// Where the transactions part has got to.
    txs: TxCursor,
    /// The case's sizes when the save began (`sizes`): a step on a case that changed is an
    /// error, never a damaged save.
    sizes: [usize; 5],
}

/// Nodes, flows, transfers, dollar values and transactions.
fn sizes(case: &Case) -> [usize; 5] {
    [
        case.graph.n_nodes(),
        case.graph.n_flows(),
        case.graph.n_transfers(),
        case.facts.usd_values().len(),
        // Entries, not transactions: counted without a walk, and any change moves it.
        case.facts.transaction_entries(),
    ]
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    /// Gathering the transfers' chains and assets (nothing written).
    Scan,
    /// Finding each transfer's flow (nothing written).
    FlowIndex,
    Tables,
    Nodes,
    Flows,
    Transfers,
    Usd,
    Txs,
    Done,
}

impl CaseFrames {
    /// Ready to write `case`; its chains, assets and each transfer's flow are gathered by the
    /// first steps (`Part::Scan`, `Part::FlowIndex`), a slice at a time like the rest.
    fn new(case: &Case) -> CaseFrames {
        let mut chains = Table::default();
        for (_, node) in case.graph.nodes() {
            chains.id(node.chain.as_str());
        }
        CaseFrames {
            part: Part::Scan,
            at: 0,
            len: case.graph.n_transfers(),
            positions: positions(case),
            flow_of: vec![u32::MAX; case.graph.n_transfers()],
            chains,
            assets: Table::default(),
            txs: TxCursor::default(),
            sizes: sizes(case),
        }
    }

    /// How many items the current part has.
    fn part_len(&self, case: &Case) -> usize {
        match self.part {
            Part::Scan => case.graph.n_transfers(),
            Part::FlowIndex => case.graph.n_flows(),
            Part::Tables => 1,
            Part::Nodes => case.graph.n_nodes(),
            Part::Flows => case.graph.n_flows(),
            Part::Transfers => case.graph.n_transfers(),
            Part::Usd => self.sizes[3],
            Part::Txs => case.facts.n_transactions(),
            Part::Done => 0,
        }
    }

    /// Writes up to `items` more items (rounded up to whole frames); `true` once all are.
    fn step<W: std::io::Write>(
        &mut self,
        case: &Case,
        w: &mut Writer<'_, W>,
        items: usize,
    ) -> std::io::Result<bool> {
        let items = items.max(1).div_ceil(BATCH) * BATCH;
        if sizes(case) != self.sizes {
            return Err(std::io::Error::other(
                "the case changed while it was written out",
            ));
        }
        // Parts with nothing left are passed over.
        while self.part != Part::Done && self.at >= self.len {
            self.part = match self.part {
                Part::Scan => Part::FlowIndex,
                Part::FlowIndex => Part::Tables,
                Part::Tables => Part::Nodes,
                Part::Nodes => Part::Flows,
                Part::Flows => Part::Transfers,
                Part::Transfers => Part::Usd,
                Part::Usd => Part::Txs,
                Part::Txs | Part::Done => Part::Done,
            };
            self.at = 0;
            self.len = self.part_len(case);
        }
        // Gathering is cheap per item: more of it per step.
        let items = match self.part {
            Part::Scan | Part::FlowIndex => items.saturating_mul(8),
            _ => items,
        };
        let (start, end) = (self.at, (self.at + items).min(self.len));
        match self.part {
            Part::Scan => {
                for t in case.graph.transfers().get(start..end).unwrap_or_default() {
                    self.assets.id(t.asset.as_str());
                    if let Some(c) = &t.chain {
                        self.chains.id(c.as_str());
                    }
                }
                self.at = end;
                return Ok(false);
            }
            Part::FlowIndex => {
                for (k, (_, _, flow)) in
                    (start..end).filter_map(|k| Some((k, case.graph.flow_at(k)?)))
                {
                    for t in &flow.transfers {
                        if let Some(slot) = self.flow_of.get_mut(t.index()) {
                            *slot = k as u32;
                        }
                    }
                }
                self.at = end;
                return Ok(false);
            }
            _ => {}
        }
        let txs = match self.part {
            Part::Txs => case.facts.transactions_next(&mut self.txs, end - start),
            _ => Vec::new(),
        };
        let positions = &self.positions;
        let at = |id: NodeId| positions.get(id.index()).copied().unwrap_or(u32::MAX);
        let (chains, assets) = (&self.chains, &self.assets);
        match self.part {
            Part::Scan | Part::FlowIndex => {}
            Part::Tables => w.frame(&(&chains.list, &assets.list))?,
            Part::Nodes => w.frames(
                (start..end).filter_map(|k| case.graph.node_at(k)),
                |(_, node)| WireNode {
                    address: node.address.as_str().to_owned(),
                    chain: chains.get(node.chain.as_str()),
                    label: node.label.clone(),
                    label_source: node.label_source.clone(),
                    category: node.category,
                    tags: node.tags.clone(),
                },
            )?,
            Part::Flows => w.frames(
                (start..end).filter_map(|k| case.graph.flow_at(k)),
                |(from, to, _)| (at(from), at(to)),
            )?,
            Part::Transfers => {
                let flow_of = &self.flow_of;
                w.frames(
                    case.graph
                        .transfers()
                        .get(start..end)
                        .unwrap_or_default()
                        .iter()
                        .zip(start..),
                    |(t, k)| WireTransfer {
                        tx: t.tx.as_str(),
                        flow: flow_of.get(k).copied().unwrap_or(u32::MAX),
                        from: at(t.from),
                        to: at(t.to),
                        amount: t.amount.to_limbs(),
                        asset: assets.get(t.asset.as_str()),
                        timestamp: t.timestamp,
                        chain: t.chain.as_ref().map(|c| chains.get(c.as_str())),
                        block: t.block,
                        fee: t.fee.as_ref().map(|f| f.get().to_limbs()),
                        index: t.index,
                    },
                )?
            }
            Part::Usd => w.frames(
                case.facts.usd_values().skip(start).take(end - start),
                |(id, usd)| (id.0, usd.to_limbs()),
            )?,
            Part::Txs => w.frames(txs.into_iter(), |(tx, sender, memo)| {
                (tx, sender.map(at), memo)
            })?,
            Part::Done => return Ok(true),
        }
        self.at = end;
        Ok(false)
    }
}

/// A case being saved in this form a piece at a time (`write_case` at once): the page steps
/// it between frames, checking that the case has not changed, and reads it back with
/// `decode_from`.
pub struct CaseSave {
    name: String,
    started: bool,
    frames: CaseFrames,
    scratch: Vec<u8>,
}

impl CaseSave {
    /// The save of `case` as a file named `name` (labelled `Format::CaseV1`, as `write_case`).
    pub fn new(case: &Case, name: &str) -> CaseSave {
        CaseSave {
            name: name.to_owned(),
            started: false,
            frames: CaseFrames::new(case),
            scratch: Vec::new(),
        }
    }

    /// Writes about `items` more items of `case` (the same case as before) to `out`; `true`
    /// once the whole case is written.
    pub fn step(
        &mut self,
        case: &Case,
        out: &mut impl std::io::Write,
        items: usize,
    ) -> std::io::Result<bool> {
        let mut w = Writer {
            out,
            scratch: std::mem::take(&mut self.scratch),
        };
        let done = if self.started {
            self.frames.step(case, &mut w, items)
        } else {
            self.started = true;
            let entry = Entry {
                name: &self.name,
                detected: Some(Format::CaseV1),
                headers: &[],
                result: Ok((Format::CaseV1, &[], case)),
            };
            write_head(std::iter::once(entry), &mut w).map(|()| false)
        };
        self.scratch = w.scratch;
        done
    }
}

fn read_case<F: Frames + ?Sized>(
    reader: &mut Reader<'_, F>,
    wire: WireCase,
) -> Result<Case, String> {
    let (chains, assets): (Vec<String>, Vec<String>) = reader.value()?;
    let chains: Vec<Chain> = chains.iter().map(|c| Chain::new(c)).collect();
    let assets: Vec<Asset> = assets.iter().map(|a| Asset::new(a)).collect();
    let chain = |i: u32| {
        chains
            .get(i as usize)
            .cloned()
            .ok_or_else(|| damaged("chain"))
    };
    let amount = |l| Amount::from_limbs(l).ok_or_else(|| damaged("amount"));
    let room = |n: u32| (n as usize).min(reader.left());
    let mut graph = Graph::with_capacity(room(wire.nodes), room(wire.transfers));
    let mut ids = Vec::new();
    let _ = ids.try_reserve_exact(room(wire.nodes));
    reader.items(wire.nodes, |n: WireNode| {
        let (id, _) = graph.add_node(Node {
            address: Address::new(&n.address),
            chain: chain(n.chain)?,
            label: n.label,
            label_source: n.label_source,
            category: n.category,
            tags: n.tags,
        });
        ids.push(id);
        Ok(())
    })?;
    let node = |i: u32| ids.get(i as usize).copied().ok_or_else(|| damaged("node"));
    reader.items(wire.flows, |(from, to): (u32, u32)| {
        graph
            .push_flow(node(from)?, node(to)?)
            .ok_or_else(|| damaged("flow"))
    })?;
    let mut got = 0usize;
    while got < wire.transfers as usize {
        let bytes = reader.next()?;
        let batch: Vec<WireTransfer<&str>> =
            postcard::from_bytes(bytes).map_err(|e| damaged(&e.to_string()))?;
        got += batch.len();
        if batch.is_empty() || got > wire.transfers as usize {
            return Err(damaged("a frame holds the wrong number of items"));
        }
        for t in batch {
            graph
                .push_transfer(
                    t.flow,
                    Transfer {
                        tx: TxHash::new(t.tx),
                        from: node(t.from)?,
                        to: node(t.to)?,
                        amount: amount(t.amount)?,
                        asset: assets
                            .get(t.asset as usize)
                            .cloned()
                            .ok_or_else(|| damaged("asset"))?,
                        timestamp: t.timestamp,
                        chain: t.chain.map(chain).transpose()?,
                        block: t.block,
                        fee: t.fee.map(amount).transpose()?.map(Amount::pack),
                        index: t.index,
                    },
                )
                .ok_or_else(|| damaged("transfer"))?;
        }
    }
    graph
        .set_occurrences(
            wire.occurrences
                .into_iter()
                .map(|(id, nth)| (TransferId(id), nth))
                .collect(),
        )
        .ok_or_else(|| damaged("occurrences"))?;
    let mut facts = crate::model::Facts::default();
    let n_transfers = graph.n_transfers();
    let mut last = None;
    reader.items(wire.usd, |(k, usd): (u32, WireAmount)| {
        // In id order, each once, as `Facts` keeps them (so each is appended).
        if k as usize >= n_transfers || last.is_some_and(|l| l >= k) {
            return Err(damaged("usd"));
        }
        last = Some(k);
        facts.set_usd(TransferId(k), amount(usd)?);
        Ok(())
    })?;
    reader.items(
        wire.txs,
        |(tx, sender, memo): (String, Option<u32>, Option<String>)| {
            let tx = TxHash::from(tx);
            if let Some(sender) = sender {
                facts.set_sender(&tx, node(sender)?);
            }
            if let Some(memo) = memo {
                facts.set_memo(&tx, &memo);
            }
            Ok(())
        },
    )?;
    // Read whole: sorted once, so lookups are binary searches.
    facts.shrink_to_fit();
    let seeds = wire.seeds.into_iter().map(node).collect::<Result<_, _>>()?;
    Ok(Case {
        title: wire.title,
        notes: wire.notes,
        graph,
        seeds,
        investigation: wire
            .investigation
            .and_then(|text| serde_json::from_str(&text).ok()),
        story: wire.story.and_then(|text| serde_json::from_str(&text).ok()),
        book: super::label_list::bundled_book(),
        facts,
        sources: wire
            .sources
            .into_iter()
            .map(|(name, format, transfers, warnings)| crate::model::Source {
                name,
                format,
                transfers: usize::try_from(transfers).unwrap_or(usize::MAX),
                warnings,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::batch::read_file;
    use crate::ImportOptions;

    #[test]
    fn a_damaged_count_is_an_error_not_an_abort() {
        let text = "from,to,amount,asset,tx\na,b,1,ETH,0x1\nb,c,2,ETH,0x2\n";
        let bytes = encode(&[read_file("t.csv", text, &ImportOptions::default(), None)]);
        let reader = |bytes: &[u8]| {
            let len = u32::from_le_bytes(bytes[MAGIC.len()..MAGIC.len() + 4].try_into().unwrap());
            MAGIC.len() + 4 + len as usize
        };
        let head_end = reader(&bytes);
        let mut head: WireHead = postcard::from_bytes(&bytes[MAGIC.len() + 4..head_end]).unwrap();
        for count in [u32::MAX, 1 << 28] {
            let Ok(file) = &mut head.files[0].result else {
                panic!("the file read");
            };
            file.case.transfers = count;
            file.case.nodes = count;
            let frame = postcard::to_allocvec(&head).unwrap();
            let mut damaged = MAGIC.to_vec();
            damaged.extend_from_slice(&(frame.len() as u32).to_le_bytes());
            damaged.extend_from_slice(&frame);
            damaged.extend_from_slice(&bytes[head_end..]);
            let error = decode(&damaged).map(|_| ()).unwrap_err();
            assert!(error.contains("damaged"), "{error}");
        }
    }

    #[test]
    fn a_stream_of_another_layout_is_refused_by_name() {
        let text = "from,to,amount,asset,tx\na,b,1,ETH,0x1\n";
        let mut bytes = encode(&[read_file("t.csv", text, &ImportOptions::default(), None)]);
        // The head's first byte is its version (a one-byte varint).
        let at = MAGIC.len() + 4;
        assert_eq!(u32::from(bytes[at]), VERSION);
        bytes[at] = 2;
        let error = decode(&bytes).map(|_| ()).unwrap_err();
        assert!(error.contains("layout 2"), "{error}");
    }
}
