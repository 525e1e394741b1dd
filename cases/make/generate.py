#!/usr/bin/env python3
"""Writes the illustrative teaching cases of issues 6 and 8 and the stories (guided tours) of
the bundled cases (run from the repo root: `python3 cases/make/generate.py`). Deterministic: every synthetic address and hash is derived
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

    def write(self, path, story=None, investigation=None, transactions=None):
        doc = {"format": "hopscope-case", "version": 1, "title": self.title,
               "notes": self.notes, "nodes": self.nodes, "transfers": self.transfers,
               "seeds": self.seeds}
        if story:
            doc["story"] = {"steps": story}
        if investigation:
            doc["investigation"] = investigation
        if transactions:
            doc["transactions"] = transactions
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


# ---------------------------------------------------------------------------------------------
# Stories (issue 8). A step: title, caption, phase, the addresses and flows it highlights, the
# time range it shows (the timeline stands at its end) and what the camera fits (default: the
# highlighted addresses and flow ends).

def step(title, caption, phase, highlight=(), flows=(), to=None, fit=()):
    s = {"title": title, "caption": caption, "phase": phase, "highlight": list(highlight)}
    if flows:
        s["flows"] = [{"from": a, "to": b} for a, b in flows]
    if to is not None:
        s["time"] = {"to": to}
    if fit:
        s["fit"] = list(fit)
    return s


def last_time(transfers, pred):
    times = [t["timestamp"] for t in transfers if pred(t)]
    return max(times)


def bridge_hack_case():
    c = Case(
        "Bridge hack → ETH → Tornado Cash → Bitcoin → peel chain — illustrative",
        "Teaching case of the whole laundering route typical of large bridge hacks attributed to "
        "North Korea's Lazarus group (the pattern of e.g. Harmony Horizon, June 2022): the stolen "
        "stablecoins are swapped for ETH (an issuer can freeze stablecoins, nobody can freeze ETH), "
        "split and pushed through Tornado Cash in 100 ETH notes, withdrawn to fresh addresses, "
        "bridged to Bitcoin, walked down a peel chain and cashed out at exchange deposit addresses "
        "and an OTC desk.\n\n"
        "IMPORTANT: this file is illustrative. Apart from the Tornado Cash 100 ETH pool "
        "(0xa160cdab225685da1d56aa342ad8841c3b53f291), every address, tx hash, amount and time is "
        "synthetic (derived from a SHA-256 hash of a name) and tagged \"illustrative\". Do not use "
        "any of it as evidence. Play its story (Story ▶) for a guided tour.",
        "ethereum",
    )
    t0 = 1_718_000_000  # June 2024
    victim = c.node(eth("bh-victim"), "Bridge contract (victim)", "victim")
    thief = c.node(eth("bh-exploiter"), "Exploiter", "hacker", ("illustrative", "lazarus-attributed"))
    dex = c.node(eth("bh-dex"), "DEX router", "defi")
    c.seeds = [victim]
    c.send(victim, thief, "4200000", t0, "USDC")
    c.send(victim, thief, "1800000", t0 + 240, "USDT")
    # Swaps: stablecoins out to the DEX, ETH back (at 3,000 per ETH, less slippage).
    for i in range(4):
        c.send(thief, dex, "1050000", t0 + 1_800 + 600 * i, "USDC")
        c.send(dex, thief, "349.8", t0 + 1_800 + 600 * i + 12, "ETH")
    for i in range(2):
        c.send(thief, dex, "900000", t0 + 4_800 + 600 * i, "USDT")
        c.send(dex, thief, "299.8", t0 + 4_800 + 600 * i + 12, "ETH")
    # Split over five addresses, 400 ETH each.
    splits = [c.node(eth("bh-split-%d" % i), "Split %d" % (i + 1), "hacker") for i in range(5)]
    for i, s_ in enumerate(splits):
        c.send(thief, s_, "400", t0 + 10_000 + 900 * i, "ETH")
    pool = c.node("0xa160cdab225685da1d56aa342ad8841c3b53f291", "Tornado Cash 100 ETH pool", "mixer", ("tornado-cash", "eth-pool", "100-eth"))
    crowd_in = [c.node(eth("bh-pool-in-%d" % i), None, "unknown", ("illustrative", "pool-user")) for i in range(6)]
    for i, u in enumerate(crowd_in):
        c.send(u, pool, "100", t0 + 30_000 + 17_000 * i, "ETH")
    td = t0 + 40_000
    for j in range(4):
        for i, s_ in enumerate(splits):
            c.send(s_, pool, "100", td + 6_000 * (4 * i + j), "ETH")
    deposits_end = td + 6_000 * 19
    # Withdrawals days later to fresh addresses, with other people's in between.
    fresh = [c.node(eth("bh-fresh-%d" % i), "Fresh address %d" % (i + 1), "unknown", ("illustrative", "post-mixer")) for i in range(5)]
    crowd_out = [c.node(eth("bh-pool-out-%d" % i), None, "unknown", ("illustrative", "pool-user")) for i in range(6)]
    tw = t0 + 400_000
    outs = [(fresh[k % 5], tw + 7_000 * k) for k in range(20)]
    outs += [(u, tw + 7_000 * (3 * i) + 3_500) for i, u in enumerate(crowd_out)]
    outs.sort(key=lambda o: o[1])
    for who, t in outs:
        c.send(pool, who, "100", t, "ETH")
    withdrawals_end = max(t for _, t in outs)
    # Across a bridge to Bitcoin: 400 ETH ≈ 19.9 BTC each (at 20 ETH per BTC, less fees).
    router = c.node(eth("bh-btc-bridge"), "Bridge to Bitcoin (Ethereum side)", "bridge", ("illustrative", "bridge"))
    vault = c.node(btc("bh-btc-vault"), "Bridge to Bitcoin (Bitcoin side)", "bridge", ("illustrative", "bridge"), chain="bitcoin")
    tb = withdrawals_end + 20_000
    landing = [c.node(btc("bh-landing-%d" % i), "Landing address %d" % (i + 1), "hacker", chain="bitcoin") for i in range(2)]
    for i, f in enumerate(fresh):
        c.send(f, router, "399.9", tb + 3_000 * i, "ETH")
        c.send(vault, landing[i % 2], "19.9", tb + 3_000 * i + 1_200, "BTC", chain="bitcoin",
               tx=h("bh-bridge-out-%d" % i, 64))
    bridged_end = tb + 3_000 * 4 + 1_200
    # A peel chain on Bitcoin: both landing addresses are spent together, then each hop pays a
    # few BTC to an exchange deposit or the OTC desk and sends the rest to fresh change.
    tp = bridged_end + 30_000
    start = c.node(btc("bh-peel-start"), "Consolidated", "hacker", chain="bitcoin")
    cons = h("bh-consolidate", 64)
    c.send(landing[0], start, "59.69990", tp, "BTC", chain="bitcoin", tx=cons, index=0)
    c.send(landing[1], start, "39.79990", tp, "BTC", chain="bitcoin", tx=cons, index=1)
    exchanges = [c.node(btc("bh-exchange-%d" % i), "Exchange deposit %s" % "ABC"[i], "exchange", ("illustrative", "deposit-address"), chain="bitcoin") for i in range(3)]
    otc = c.node(btc("bh-otc"), "OTC desk", "otc", chain="bitcoin")
    holder, balance = start, 9_949_980_000  # satoshi
    for k in range(8):
        txid = h("bh-peel-%d" % k, 64)
        peel = (350 + 40 * (k % 3)) * 1_000_000  # 3.5 – 4.3 BTC
        left = balance - peel - 5_000
        change = c.node(btc("bh-change-%d" % k), "Peel hop %d" % (k + 1), "unknown", chain="bitcoin")
        t = tp + 5_400 * (k + 1)
        c.send(holder, (exchanges + [otc])[k % 4], "%.8f" % (peel / 1e8), t, "BTC", chain="bitcoin", tx=txid, index=0)
        c.send(holder, change, "%.8f" % (left / 1e8), t, "BTC", chain="bitcoin", tx=txid, index=1)
        holder, balance = change, left
    peel_end = tp + 5_400 * 8
    c.send(holder, otc, "%.8f" % ((balance - 5_000) / 1e8), peel_end + 40_000, "BTC", chain="bitcoin", tx=h("bh-last", 64))
    peel_hops = [start] + [btc("bh-change-%d" % k) for k in range(8)]
    story = [
        step("The bridge is drained",
             "Placement. The exploiter abuses the bridge contract and takes 6 million dollars in "
             "stablecoins (4.2 m USDC, 1.8 m USDT) in two transfers. This is where the trail "
             "starts: the victim's address is the seed.",
             "placement", [victim, thief], [(victim, thief)], to=t0 + 240),
        step("Stablecoins swapped for ETH",
             "Layering. Within the hour every stablecoin is sold for ETH on a DEX router. USDC and "
             "USDT can be frozen by their issuers; ETH cannot. 6 m dollars become about 2,000 ETH.",
             "layering", [thief, dex], [(thief, dex), (dex, thief)], to=t0 + 5_412),
        step("Split across five addresses",
             "Layering. The ETH is split into five addresses of 400 ETH each, so that no single "
             "address holds the whole amount and each can feed the mixer in parallel.",
             "layering", [thief] + splits, [(thief, s_) for s_ in splits], to=t0 + 10_000 + 900 * 4),
        step("Into Tornado Cash, 100 ETH at a time",
             "Layering. Each split deposits four notes of exactly 100 ETH into the Tornado Cash "
             "pool. Other people use the pool too: the deposits hide in that crowd, and the pool "
             "breaks the on-chain link between deposit and withdrawal.",
             "layering", splits + [pool], [(s_, pool) for s_ in splits], to=deposits_end),
        step("Out to fresh addresses",
             "Layering. Days later, 20 withdrawals of 100 ETH go to five addresses with no history, "
             "between other people's withdrawals. The pool shows no link; investigators match "
             "amounts, timing and later behaviour (hopscope's demixing links) to follow on.",
             "layering", [pool] + fresh, [(pool, f) for f in fresh], to=withdrawals_end),
        step("Across a bridge to Bitcoin",
             "Layering. Each fresh address sends its 400 ETH into a bridge; about 19.9 BTC come out "
             "on the Bitcoin side to two landing addresses. A chain hop: the trail continues on "
             "another blockchain, with another asset.",
             "layering", fresh + [router, vault] + landing,
             [(f, router) for f in fresh] + [(vault, l) for l in landing], to=bridged_end),
        step("A peel chain",
             "Layering. The landing addresses are spent together into one, then each hop peels off "
             "3.5 – 4.3 BTC and sends the large rest to a new change address, hour after hour: a "
             "peel chain, which hides the cash-out in many small payments.",
             "layering", landing + peel_hops,
             [(peel_hops[k], peel_hops[k + 1]) for k in range(8)], to=peel_end),
        step("Cash-out",
             "Integration. The peeled amounts land at exchange deposit addresses and an OTC desk, "
             "where they are sold for cash. These are the points where an investigator asks the "
             "exchange to freeze funds and identify the account holder.",
             "integration", exchanges + [otc],
             [(peel_hops[k], (exchanges + [otc])[k % 4]) for k in range(8)], fit=peel_hops + exchanges + [otc]),
    ]
    return c, story


def swap_route_case():
    """Issue 19: stolen USDT → DEX swap → ETH → Tornado Cash → THORChain → BTC → peel chain →
    exchange, with the swap in one transaction, THORChain memos on both sides and the demixing
    links accepted, so one trace from the hack reaches the exchanges."""
    c = Case(
        "Stolen USDT → DEX → ETH → Tornado Cash → THORChain → BTC → exchange — illustrative",
        "Teaching case of the route the HTX (2023) and Bybit (2025) proceeds took: stolen "
        "stablecoins are swapped for ETH on a DEX in one transaction (an issuer can freeze "
        "stablecoins, nobody can freeze ETH), pushed through Tornado Cash in 100 ETH notes, "
        "withdrawn to fresh addresses, swapped for bitcoin through THORChain (the deposit's memo "
        "names the Bitcoin address, the payout's memo names the deposit), walked down a peel chain "
        "and cashed out at exchange deposit addresses.\n\n"
        "IMPORTANT: this file is illustrative. Apart from the Tornado Cash 100 ETH pool "
        "(0xa160cdab225685da1d56aa342ad8841c3b53f291) and the THORChain router "
        "(0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146), every address, tx hash, amount and time is "
        "synthetic (derived from a SHA-256 hash of a name) and tagged \"illustrative\". Do not use "
        "any of it as evidence.\n\n"
        "What to look for: run the trace of USDT from the hack with Follow conversions on; the "
        "cash-out table shows the exchanges with the bitcoin that reached them and its worth in "
        "USDT. Turn Follow conversions off and the trace stops at the DEX.",
        "ethereum",
    )
    t0 = 1_709_000_000  # late February 2024
    victim = c.node(eth("sr-victim"), "Exchange hot wallet (victim)", "victim")
    thief = c.node(eth("sr-thief"), "Attacker", "hacker", ("illustrative", "lazarus-attributed"))
    pool_dex = c.node(eth("sr-dex-pool"), "DEX pool USDT/WETH", "unknown")
    router = c.node(eth("sr-dex-router"), "DEX router", "defi")
    c.seeds = [victim]
    c.send(victim, thief, "3000000", t0, "USDT")
    txs = []
    # The swap, in one transaction: USDT to the pool, WETH to the router, ETH to the attacker.
    swap = eth("sr-swap").ljust(66, "0")[:66]
    c.send(thief, pool_dex, "3000000", t0 + 1_800, "USDT", tx=swap, index=0)
    c.send(pool_dex, router, "1000", t0 + 1_800, "WETH", tx=swap, index=1)
    c.send(router, thief, "1000", t0 + 1_800, "ETH", tx=swap, index=2)
    txs.append({"tx": swap, "sender": thief})
    splits = [c.node(eth("sr-split-%d" % i), "Split %d" % (i + 1), "hacker") for i in range(2)]
    for i, s_ in enumerate(splits):
        c.send(thief, s_, "500", t0 + 5_000 + 600 * i, "ETH")
    pool = c.node("0xa160cdab225685da1d56aa342ad8841c3b53f291", "Tornado Cash 100 ETH pool", "mixer", ("tornado-cash", "eth-pool", "100-eth"))
    crowd_in = [c.node(eth("sr-pool-in-%d" % i), None, "unknown", ("illustrative", "pool-user")) for i in range(4)]
    for i, u in enumerate(crowd_in):
        c.send(u, pool, "100", t0 + 20_000 + 21_000 * i, "ETH")
    td = t0 + 30_000
    deposits = []
    for j in range(5):
        for i, s_ in enumerate(splits):
            t = td + 7_000 * (2 * j + i)
            c.send(s_, pool, "100", t, "ETH")
            deposits.append(c.transfers[-1])
    fresh = [c.node(eth("sr-fresh-%d" % i), "Fresh address %d" % (i + 1), "unknown", ("illustrative", "post-mixer")) for i in range(2)]
    crowd_out = [c.node(eth("sr-pool-out-%d" % i), None, "unknown", ("illustrative", "pool-user")) for i in range(4)]
    tw = t0 + 500_000
    withdrawals = []
    for k in range(10):
        c.send(pool, fresh[k % 2], "100", tw + 9_000 * k, "ETH")
        withdrawals.append(c.transfers[-1])
        if k % 3 == 1:
            c.send(pool, crowd_out[k // 3], "100", tw + 9_000 * k + 4_000, "ETH")
    withdrawals_end = tw + 9_000 * 9
    # THORChain: each fresh address deposits 500 ETH with a memo naming a Bitcoin address; the
    # payout on Bitcoin names the deposit in its OP_RETURN memo.
    thor = c.node("0xd37bbe5744d730a1d98d8dc97c42f0ca46ad7146", "THORChain Router", "defi", ("thorchain",))
    vault = c.node(btc("sr-thor-vault"), "THORChain vault (Bitcoin)", "defi", ("illustrative", "thorchain"), chain="bitcoin")
    landing = [c.node(btc("sr-landing-%d" % i), "Landing address %d" % (i + 1), "hacker", chain="bitcoin") for i in range(2)]
    tt = withdrawals_end + 30_000
    for i, f in enumerate(fresh):
        dep = eth("sr-thor-in-%d" % i).ljust(66, "0")[:66]
        c.send(f, thor, "500", tt + 5_000 * i, "ETH", tx=dep)
        txs.append({"tx": dep, "sender": f, "memo": "=:BTC.BTC:%s:0/1/0" % landing[i]})
        out = h("sr-thor-out-%d" % i, 64)
        node = c.node(out, "tx %s…" % out[:8], "unknown", ("illustrative", "transaction"), chain="bitcoin")
        c.send(vault, node, "180.00000000", tt + 5_000 * i + 1_500, "BTC", chain="bitcoin", tx=out, index=0)
        c.send(node, landing[i], "24.93000000", tt + 5_000 * i + 1_500, "BTC", chain="bitcoin", tx=out, index=0)
        c.send(node, vault, "155.06990000", tt + 5_000 * i + 1_500, "BTC", chain="bitcoin", tx=out, index=1)
        txs.append({"tx": out, "memo": "OUT:" + dep[2:].upper()})
    thor_end = tt + 5_000 + 1_500
    # A peel chain on Bitcoin, then exchange deposit addresses.
    tp = thor_end + 20_000
    start = c.node(btc("sr-peel-start"), "Consolidated", "hacker", chain="bitcoin")
    cons = h("sr-consolidate", 64)
    cnode = c.node(cons, "tx %s…" % cons[:8], "unknown", ("illustrative", "transaction"), chain="bitcoin")
    c.send(landing[0], cnode, "24.93000000", tp, "BTC", chain="bitcoin", tx=cons, index=0)
    c.send(landing[1], cnode, "24.93000000", tp, "BTC", chain="bitcoin", tx=cons, index=1)
    c.send(cnode, start, "49.85990000", tp, "BTC", chain="bitcoin", tx=cons, index=0)
    exchanges = [c.node(btc("sr-exchange-%d" % i), "Exchange deposit %s" % "ABC"[i], "exchange", ("illustrative", "deposit-address"), chain="bitcoin") for i in range(3)]
    holder, balance = start, 4_985_990_000  # satoshi
    hops = [start]
    for k in range(6):
        txid = h("sr-peel-%d" % k, 64)
        tnode = c.node(txid, "tx %s…" % txid[:8], "unknown", ("illustrative", "transaction"), chain="bitcoin")
        peel = (400 + 50 * (k % 3)) * 1_000_000
        left = balance - peel - 5_000
        change = c.node(btc("sr-change-%d" % k), "Peel hop %d" % (k + 1), "unknown", chain="bitcoin")
        t = tp + 5_400 * (k + 1)
        c.send(holder, tnode, "%.8f" % (balance / 1e8), t, "BTC", chain="bitcoin", tx=txid, index=0)
        c.send(tnode, exchanges[k % 3], "%.8f" % (peel / 1e8), t, "BTC", chain="bitcoin", tx=txid, index=0)
        c.send(tnode, change, "%.8f" % (left / 1e8), t, "BTC", chain="bitcoin", tx=txid, index=1)
        holder, balance = change, left
        hops.append(change)
    peel_end = tp + 5_400 * 6
    saved = lambda t: {"tx": t["tx"], "from": t["from"], "to": t["to"], "asset": t["asset"], "amount": t["amount"]}
    investigation = {
        "visible": [{"address": victim}],
        "links": [{"into": saved(d), "out": saved(w), "accepted": True} for d, w in zip(deposits, withdrawals)],
        "trace": {"method": "haircut", "asset": "USDT", "pools": "absorb", "conversions": True},
    }
    story = [
        step("The hot wallet is drained",
             "Placement. 3 million USDT leave the exchange's hot wallet for the attacker. The "
             "victim's address is the seed: the trace of USDT starts here.",
             "placement", [victim, thief], [(victim, thief)], to=t0),
        step("USDT swapped for ETH, in one transaction",
             "Layering. The attacker sells the USDT on a DEX: in one transaction the USDT goes to a "
             "pool, the pool pays WETH to the router, the router pays 1,000 ETH back. hopscope "
             "reads the three transfers as one conversion (3,000,000 USDT → 1,000 ETH) and the trace "
             "carries on in ETH.",
             "layering", [thief, pool_dex, router], [(thief, pool_dex), (pool_dex, router), (router, thief)], to=t0 + 1_800),
        step("Into Tornado Cash, 100 ETH at a time",
             "Layering. Two splits deposit ten notes of exactly 100 ETH into the Tornado Cash pool, "
             "among other people's deposits.",
             "layering", [thief] + splits + [pool], [(thief, s_) for s_ in splits] + [(s_, pool) for s_ in splits], to=td + 7_000 * 9),
        step("Out to fresh addresses",
             "Layering. Days later the notes come out to two fresh addresses. The demixing links "
             "(accepted in this case) let the trace cross the pool.",
             "layering", [pool] + fresh, [(pool, f) for f in fresh], to=withdrawals_end),
        step("ETH becomes bitcoin through THORChain",
             "Layering. Each fresh address deposits 500 ETH into THORChain with a memo asking for "
             "bitcoin at a named address; THORChain pays about 24.93 BTC there, with a memo naming "
             "the deposit (OUT:<hash>). A cross-chain swap: the trace follows into BTC.",
             "layering", fresh + [thor, vault] + landing, [(f, thor) for f in fresh], to=thor_end),
        step("A peel chain",
             "Layering. The two landing addresses are spent together, then each hop peels 4 – 5 BTC "
             "to an exchange deposit address and sends the rest to fresh change.",
             "layering", landing + hops, [], to=peel_end),
        step("Cash-out",
             "Integration. The bitcoin lands at exchange deposit addresses, where it can be frozen and "
             "the account holder identified. The trace's cash-out table gives each exchange's BTC and "
             "its worth in the stolen USDT.",
             "integration", exchanges, [], fit=hops + exchanges),
    ]
    return c, story, investigation, txs


def add_story(path, make):
    with open(path) as f:
        doc = json.load(f)
    doc["story"] = {"steps": make(doc)}
    with open(path, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


def by_label(doc):
    return {n.get("label"): n["id"] for n in doc["nodes"] if n.get("label")}


def textbook_story(doc):
    a = by_label(doc)
    victim, thief = a["Victim wallet"], a["Thief"]
    splits = [a["Split A"], a["Split B"], a["Split C"]]
    mixer, recombine = a["Mixer (illustrative)"], a["Recombination address"]
    peel = [a["Peel hop 1"], a["Peel hop 2"]]
    exchange = a["Exchange deposit (illustrative)"]
    tr = doc["transfers"]
    at = lambda frm, to: last_time(tr, lambda t: t["from"] == frm and t["to"] == to)
    return [
        step("The theft",
             "Placement. 100 ETH is stolen from the victim and lands at the thief's address. "
             "Everything that follows starts here: the victim is the seed of the trace.",
             "placement", [victim, thief], [(victim, thief)], to=at(victim, thief)),
        step("Splitting",
             "Layering. Within two hours the thief splits the 100 ETH across three new addresses "
             "(40, 35 and 24.9 ETH), so that no one address holds it all.",
             "layering", [thief] + splits, [(thief, s) for s in splits], to=at(thief, splits[2])),
        step("Into the mixer",
             "Layering. Splits A and B deposit their ETH into a mixer, which pools it with other "
             "people's funds. Split C skips the mixer.",
             "layering", splits[:2] + [mixer], [(splits[0], mixer), (splits[1], mixer)],
             to=at(splits[1], mixer)),
        step("Out of the mixer, recombined",
             "Layering. A few days later the mixer pays out to one fresh address, a little less than "
             "went in (the mixer's fee), and Split C joins it there: the funds are recombined.",
             "layering", [mixer, splits[2], recombine], [(mixer, recombine), (splits[2], recombine)],
             to=at(splits[2], recombine)),
        step("A peel chain",
             "Layering. The recombined funds move down a chain of addresses; each hop peels off a "
             "small amount and passes the rest on. The amounts shrink a little at every hop "
             "(network fees).",
             "layering", [recombine] + peel, [(recombine, peel[0]), (peel[0], peel[1])],
             to=at(peel[0], peel[1])),
        step("Cash-out at the exchange",
             "Integration. The peeled amounts and the final remainder arrive at an exchange "
             "deposit address, where they can be sold for cash. An investigator's request to the "
             "exchange can name the account behind it.",
             "integration", peel + [exchange], [(peel[0], exchange), (peel[1], exchange)]),
    ]


def htx_story(doc):
    a = by_label(doc)
    nodes = doc["nodes"]
    tr = doc["transfers"]
    victims = [n["id"] for n in nodes if n.get("category") == "victim"]
    hackers = [a["Hacker %d" % i] for i in (1, 2, 3)]
    dex = a["DEX router (illustrative)"]
    cons = [a["Consolidation %d" % i] for i in (1, 2, 3)]
    splits = [a["Split %d" % i] for i in range(1, 31)]
    pools = [n["id"] for n in nodes if n.get("category") == "mixer"]
    withdrawals = [n["id"] for n in nodes if "post-mixer" in n.get("tags", [])]
    exits = [n["id"] for n in nodes if n.get("category") in ("bridge", "exchange", "otc")]
    into = lambda group: (lambda t: t["to"] in group)
    out_of = lambda group: (lambda t: t["from"] in group)
    pairs = lambda src, dst: sorted({(t["from"], t["to"]) for t in tr if t["from"] in src and t["to"] in dst})
    return [
        step("The hack",
             "Placement. On 22 November 2023 HTX hot wallets and the HTX/HECO bridge are drained "
             "into three attacker addresses: ETH and USDT. (Illustrative data following the real "
             "timeline; the amounts are a scaled-down slice.)",
             "placement", victims + hackers, pairs(victims, hackers),
             to=last_time(tr, out_of(victims))),
        step("USDT swapped for ETH",
             "Layering. The stolen USDT is sold for ETH on a DEX router. Tether can freeze USDT at "
             "an address; ETH cannot be frozen.",
             "layering", hackers + [dex], pairs(hackers, [dex]) + pairs([dex], hackers),
             to=last_time(tr, lambda t: dex in (t["from"], t["to"]))),
        step("Consolidation, then waiting",
             "Layering. From December 2023 to February 2024 the ETH is gathered in three "
             "consolidation addresses and left to sit while the news moves on.",
             "layering", hackers + cons, pairs(hackers, cons),
             to=last_time(tr, lambda t: t["from"] in hackers and t["to"] in cons)),
        step("Split across thirty addresses",
             "Layering. The consolidated ETH is split across thirty intermediate addresses, each "
             "holding a few hundred ETH: ready to feed the mixer in exact notes.",
             "layering", cons + splits, pairs(cons, splits), fit=cons + splits,
             to=last_time(tr, lambda t: t["from"] in cons and t["to"] in splits)),
        step("Into Tornado Cash (March 2024)",
             "Layering. In March 2024 the splits deposit exact 100 ETH and 10 ETH notes into "
             "Tornado Cash, as the UN panel reported for the real proceeds (about US$147.5 m). "
             "Inside the pool the deposits mix with everyone else's.",
             "layering", pools, pairs(splits, pools), fit=splits + pools,
             to=last_time(tr, into(pools))),
        step("Withdrawn to fresh addresses",
             "Layering. Over the following weeks the notes are withdrawn to fresh addresses with no "
             "history. On chain nothing links them to the deposits; timing, amounts and what the "
             "addresses do next are what an investigator has to go on.",
             "layering", pools + withdrawals, pairs(pools, withdrawals), fit=pools + withdrawals,
             to=last_time(tr, out_of(pools))),
        step("Cash-out: bridges, exchanges, OTC",
             "Integration. The withdrawn ETH leaves through bridges to other chains, exchange "
             "deposit addresses and an OTC desk (April – May 2024). These exits are where funds can "
             "be frozen and account holders identified.",
             "integration", exits, pairs(withdrawals, exits), fit=withdrawals + exits),
    ]


if __name__ == "__main__":
    bridge_case().write("cases/bridge-tornado-avalanche.json")
    peel_case().write("cases/bitcoin-peel-chain.json")
    case, story = bridge_hack_case()
    case.write("cases/bridge-hack-to-bitcoin.json", story)
    case, story, investigation, txs = swap_route_case()
    case.write("cases/swap-route-thorchain.json", story, investigation, txs)
    add_story("cases/textbook-ten.json", textbook_story)
    add_story("cases/htx-2023-tornado.json", htx_story)
