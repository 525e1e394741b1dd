#!/usr/bin/env python3
"""Writes the two illustrative teaching cases of issue 6 (run from the repo root:
`python3 cases/make/generate.py`). Deterministic: every synthetic address and hash is derived
from a SHA-256 of a name, so running it again gives the same files. The only real addresses are
public contracts named in the bundled label book (the Tornado Cash 100 ETH pool and the
Avalanche Bridge on Ethereum); everything else is invented and tagged "illustrative"."""

import hashlib
import json

def h(name, n=40):
    return hashlib.sha256(name.encode()).hexdigest()[:n]

def eth(name):
    return "0x" + h(name)

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

def btc(name):
    digest = hashlib.sha256(name.encode()).digest()
    n = int.from_bytes(digest, "big")
    out = ""
    while len(out) < 33:
        n, r = divmod(n, 58)
        out += B58[r]
    return "1" + out

class Case:
    def __init__(self, title, notes, chain):
        self.title, self.notes, self.chain = title, notes, chain
        self.nodes, self.transfers, self.seeds = [], [], []
        self.ids = set()
        self.k = 0

    def node(self, address, label=None, category="unknown", tags=("illustrative",), chain=None):
        if address in self.ids:
            return address
        self.ids.add(address)
        n = {"id": address, "chain": chain or self.chain}
        if label:
            n["label"] = label
        n["category"] = category
        n["tags"] = list(tags)
        self.nodes.append(n)
        return address

    def send(self, a, b, amount, t, asset, chain=None, tx=None, index=None):
        self.k += 1
        row = {
            "tx": tx or eth("tx-%s-%d" % (self.title, self.k)).ljust(66, "0")[:66],
            "from": a, "to": b, "amount": amount, "asset": asset,
            "timestamp": t, "chain": chain or self.chain,
        }
        if index is not None:
            row["index"] = index
        self.transfers.append(row)

    def write(self, path):
        doc = {"format": "hopscope-case", "version": 1, "title": self.title,
               "notes": self.notes, "nodes": self.nodes, "transfers": self.transfers,
               "seeds": self.seeds}
        with open(path, "w") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")


def bridge_case():
    c = Case(
        "Bridge theft → Tornado Cash → Avalanche — illustrative",
        "Teaching case modelled on the pattern of Lazarus-attributed bridge thefts (e.g. Harmony "
        "Horizon, June 2022; FBI statement of 23 January 2023): stolen ETH is split, deposited in "
        "100 ETH units into a Tornado Cash pool, withdrawn to fresh addresses, and moved on across a "
        "bridge to another chain and to exchanges.\n\n"
        "IMPORTANT: this file is illustrative. Apart from the Tornado Cash 100 ETH pool "
        "(0xa160cdab225685da1d56aa342ad8841c3b53f291) and the Avalanche Bridge on Ethereum "
        "(0x8eb8a3b98659cce290402893d0123abb75e3ab28), every address, tx hash, amount and time is "
        "synthetic (derived from a SHA-256 hash of a name) and tagged \"illustrative\". The pool's "
        "other depositors and withdrawers stand for the crowd a real pool hides a deposit in. Do not "
        "use any of it as evidence.\n\n"
        "What to look for: expand from the hacked wallet to the pool; expanding the pool shows only "
        "the withdrawals that may continue the trail's deposits, each with a confidence and its "
        "reasons (a withdrawal back to a depositor, a withdrawal address that had dealt with a "
        "depositor, one that later takes gas from the hacker's gas wallet); accept one and the "
        "trace continues past the mixer. Split 4 spreads 120 ETH over the 100 ETH and 10 ETH pools and one "
        "address takes the same 120 ETH out of them (a matching multi-denomination total). One withdrawal crosses the Avalanche Bridge: the matching "
        "transfer out on Avalanche is linked as a cross-chain hop.",
        "ethereum",
    )
    t0 = 1_655_000_000  # June 2022
    victim = c.node(eth("bridge-victim"), "Bridge hot wallet (victim)", "victim")
    hacker = c.node(eth("bridge-hacker"), "Bridge exploiter", "hacker", ("illustrative", "lazarus-attributed"))
    gas = c.node(eth("bridge-gas"), "Gas wallet", "hacker")
    pool = c.node("0xa160cdab225685da1d56aa342ad8841c3b53f291", "Tornado Cash 100 ETH pool", "mixer", ("tornado-cash", "eth-pool", "100-eth"))
    c.seeds = [victim]
    c.send(victim, hacker, "720", t0, "ETH")
    c.send(hacker, gas, "2", t0 + 3_000, "ETH")
    splits = [c.node(eth("bridge-split-%d" % i), "Split %d" % i, "hacker") for i in range(1, 4)]
    for i, s in enumerate(splits):
        c.send(hacker, s, "200", t0 + 7_200 * (i + 1), "ETH")
    # The crowd: other people using the pool, before and after.
    crowd_in = [c.node(eth("pool-user-in-%d" % i), None, "unknown", ("illustrative", "pool-user")) for i in range(10)]
    for i, u in enumerate(crowd_in):
        c.send(u, pool, "100", t0 + 20_000 + 9_000 * i, "ETH")
    # The trail's deposits (6 × 100 ETH).
    deposits = []
    for i, s in enumerate(splits):
        for j in range(2):
            t = t0 + 40_000 + 30_000 * (2 * i + j)
            c.send(s, pool, "100", t, "ETH")
            deposits.append((s, t))
    # Split 4 spreads 120 ETH over two pools (100 + 10 + 10), and one fresh address takes the
    # same 120 out of them: the multi-denomination total gives it away.
    pool10 = c.node("0x910cbd523d972eb0a6f4cae4618ad62622b39dbf", "Tornado Cash 10 ETH pool", "mixer", ("tornado-cash", "eth-pool", "10-eth"))
    split4 = c.node(eth("bridge-split-4"), "Split 4", "hacker")
    c.send(hacker, split4, "120", t0 + 30_000, "ETH")
    c.send(split4, pool, "100", t0 + 45_000, "ETH")
    c.send(split4, pool10, "10", t0 + 46_000, "ETH")
    c.send(split4, pool10, "10", t0 + 47_000, "ETH")
    crowd10 = [c.node(eth("pool10-user-%d" % i), None, "unknown", ("illustrative", "pool-user")) for i in range(4)]
    for i, u in enumerate(crowd10):
        c.send(u, pool10, "10", t0 + 41_000 + 3_000 * i, "ETH")
    w_total = c.node(eth("bridge-w-total"), None, "unknown")
    c.send(pool10, crowd10[0], "10", t0 + 300_000, "ETH")
    c.send(pool, w_total, "100", t0 + 320_000, "ETH")
    c.send(pool10, w_total, "10", t0 + 321_000, "ETH")
    c.send(pool10, crowd10[1], "10", t0 + 322_000, "ETH")
    c.send(pool10, w_total, "10", t0 + 323_000, "ETH")
    c.send(w_total, elsewhere_exchange := c.node(eth("bridge-exchange-2"), "Exchange deposit 2", "exchange", ("illustrative", "deposit-address")), "119.9", t0 + 400_000, "ETH")
    # True withdrawals, each with a different tell:
    w_back = splits[2]                                           # back to a depositor
    w_linked = c.node(eth("bridge-w-linked"), None, "unknown")   # dealt with Split 2 before
    w_gas = c.node(eth("bridge-w-gas"), None, "unknown")         # later takes gas from the gas wallet
    c.send(splits[1], w_linked, "0.05", t0 + 30_000, "ETH")      # the test payment that gives it away
    tw = t0 + 260_000
    withdrawals = [
        (w_gas, tw + 4_000),
        (w_linked, tw + 61_000),
        (w_back, tw + 133_000),
    ]
    # Decoy withdrawals (other people's), interleaved.
    decoys = [c.node(eth("pool-user-out-%d" % i), None, "unknown", ("illustrative", "pool-user")) for i in range(9)]
    for i, d in enumerate(decoys):
        withdrawals.append((d, tw + 20_000 * i + 9_000))
    withdrawals.sort(key=lambda w: w[1])
    for who, t in withdrawals:
        c.send(pool, who, "100", t, "ETH")
    # After the pool: gas, the bridge, exchanges.
    c.send(gas, w_gas, "0.1", tw + 6_000, "ETH")
    bridge_eth = c.node("0x8eb8a3b98659cce290402893d0123abb75e3ab28", "Avalanche Bridge", "bridge", ("bridge",))
    c.send(w_gas, bridge_eth, "100", tw + 50_000, "ETH")
    bridge_avax = c.node(eth("avalanche-bridge-avax-side"), "Avalanche Bridge (Avalanche side)", "bridge", ("illustrative", "bridge"), chain="avalanche")
    on_avax = c.node(eth("bridge-avax-recipient"), None, "unknown", chain="avalanche")
    c.send(bridge_avax, on_avax, "99.7", tw + 50_000 + 1_500, "ETH", chain="avalanche")
    avax_exchange = c.node(eth("bridge-avax-exchange"), "Exchange deposit (Avalanche)", "exchange", ("illustrative", "deposit-address"), chain="avalanche")
    c.send(on_avax, avax_exchange, "99.6", tw + 90_000, "ETH", chain="avalanche")
    exchange = c.node(eth("bridge-exchange"), "Exchange deposit", "exchange", ("illustrative", "deposit-address"))
    otc = c.node(eth("bridge-otc"), "OTC desk", "otc")
    c.send(w_linked, exchange, "99.9", tw + 150_000, "ETH")
    c.send(w_back, otc, "199.8", tw + 200_000, "ETH")
    # Decoys go about their business.
    elsewhere = c.node(eth("pool-user-dex"), "DEX router", "defi", ("illustrative",))
    for i, d in enumerate(decoys[:5]):
        c.send(d, elsewhere, "99.9", tw + 300_000 + 1_000 * i, "ETH")
    return c


def peel_case():
    c = Case(
        "Bitcoin peel chain after a bridge hop — illustrative",
        "Teaching case: stolen funds, bridged to Bitcoin, are consolidated from two addresses in one "
        "transaction (so the common-spend heuristic joins those two addresses into one entity) and "
        "then walked down a peel chain: each transaction pays a small amount to an exchange deposit "
        "or OTC address and sends the large remainder to a fresh change address, which the next "
        "transaction spends alone. A CoinJoin-like transaction (four inputs, four equal outputs) is "
        "included to show that clustering passes it over.\n\n"
        "IMPORTANT: this file is illustrative. Every address, transaction id, amount and time is "
        "synthetic (derived from a SHA-256 hash of a name) and tagged \"illustrative\"; it follows "
        "the shape of the Bitcoin transactions the hopscope Esplora importer produces (address → "
        "transaction → address). Do not use any of it as evidence.\n\n"
        "What to look for: the pattern panel lists the peel chain (its length, total peeled and "
        "endpoints); show it collapsed as one node and open it on demand. Turn on entities to see "
        "the two consolidated addresses as one entity named after the labelled one.",
        "bitcoin",
    )
    t0 = 1_656_000_000
    def tx(name, t, ins, outs):
        txid = h("btc-tx-" + name, 64)
        node = c.node(txid, "tx %s…" % txid[:8], "unknown", ("illustrative", "transaction"))
        for i, (a, amount) in enumerate(ins):
            c.send(a, node, amount, t, "BTC", tx=txid, index=i)
        for n, (b, amount) in enumerate(outs):
            c.send(node, b, amount, t, "BTC", tx=txid, index=n)
        return node
    landing_a = c.node(btc("landing-a"), "Bridge landing address (from the bridge hop)", "hacker")
    landing_b = c.node(btc("landing-b"), None, "unknown")
    c.seeds = [landing_a]
    bridge_out = c.node(btc("bridge-out"), "Bridge (Bitcoin side)", "bridge", ("illustrative", "bridge"))
    tx("fund-a", t0 - 7_200, [(bridge_out, "40.00000000")], [(landing_a, "30.00000000"), (landing_b, "9.99990000")])
    start = c.node(btc("peel-start"), "Consolidated", "hacker")
    tx("consolidate", t0, [(landing_a, "30.00000000"), (landing_b, "9.99990000")], [(start, "39.99980000")])
    exchanges = [c.node(btc("exchange-%d" % i), "Exchange deposit %s" % "ABC"[i], "exchange", ("illustrative", "deposit-address")) for i in range(3)]
    otc = c.node(btc("otc"), "OTC desk", "otc")
    holder, balance = start, 3_999_980_000  # satoshi
    fee = 2_000
    for s in range(12):
        peel_to = (exchanges + [otc])[s % 4]
        peel = 150_000_000 + 10_000_000 * (s % 3)  # 1.5 – 1.7 BTC
        change = c.node(btc("change-%d" % s), None, "unknown")
        left = balance - peel - fee
        tx("peel-%d" % s, t0 + 3_600 * (s + 1), [(holder, "%.8f" % (balance / 1e8))],
           [(peel_to, "%.8f" % (peel / 1e8)), (change, "%.8f" % (left / 1e8))])
        holder, balance = change, left
    # A CoinJoin-like transaction elsewhere: four inputs, four equal outputs.
    cj_in = [c.node(btc("cj-in-%d" % i), None, "unknown") for i in range(4)]
    cj_out = [c.node(btc("cj-out-%d" % i), None, "unknown") for i in range(4)]
    tx("coinjoin", t0 + 60_000, [(a, "0.10010000") for a in cj_in[:3]] + [(holder, "0.10010000")],
       [(b, "0.10000000") for b in cj_out])
    return c


if __name__ == "__main__":
    bridge_case().write("cases/bridge-tornado-avalanche.json")
    peel_case().write("cases/bitcoin-peel-chain.json")
