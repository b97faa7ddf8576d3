#!/usr/bin/env python3
"""Tables of papers/bep_grid.md from papers/data/bep_grid.jsonl (bep-grid records).

Usage: python3 tools/bep_grid_tables.py [papers/data/bep_grid.jsonl]
Prints the claims table, the rounds-against-n table (2-D) and writes
papers/figures/bep_grid_rounds.tsv for papers/figures/bep_grid_rounds.gp.
"""
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "papers/data/bep_grid.jsonl"
rows = [json.loads(l) for l in open(path) if l.strip()]
rows = [r for r in rows if r.get("algorithm") == "bep-grid"]


def mib(b):
    return f"{b / 2**20:.0f} MiB" if b < 2**30 else f"{b / 2**30:.2f} GiB"


print("| graph | n | ε | a:b = weight (≤ 2+ε) | rounds (measured) | declared bound | audit "
      "| sim / total wall (2 threads) | peak RSS | result |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    ok = (r["verdict"] == "PASS" and r["rounds"] <= r["round_bound"])
    print(f"| `{r['graph']}` | {r['n']} | {r['eps']} | {r['a']}:{r['b']} = {r['weight']} "
          f"| {r['rounds']} | {r['round_bound']} | {r['audit_summary']} "
          f"| {r['sim_seconds']:.1f} s / {r['wall_seconds']:.1f} s | {mib(r['peak_rss_bytes'])} "
          f"| {'PASS' if ok else 'FAIL'} |")

print()
two_d = [r for r in rows if r["graph"].count("x") == 1]
epss = sorted({r["eps"] for r in two_d}, key=lambda e: -eval(e))
ns = sorted({r["n"] for r in two_d})
print("| ε | " + " | ".join(f"n = {n}" for n in ns) + " | declared bound (largest n) | within bound |")
print("|---|" + "---|" * len(ns) + "---|---|")
for e in epss:
    cells, bound, ok = [], 0, True
    for n in ns:
        rs = [r for r in two_d if r["eps"] == e and r["n"] == n]
        cells.append(" / ".join(f"{r['rounds']} ({r['family']})" for r in rs) or "not run")
        for r in rs:
            bound = max(bound, r["round_bound"])
            ok = ok and r["rounds"] <= r["round_bound"]
    print(f"| {e} | " + " | ".join(cells) + f" | {bound} | {'PASS' if ok else 'FAIL'} |")

with open("papers/figures/bep_grid_rounds.tsv", "w") as f:
    for r in rows:
        f.write("\t".join(str(x) for x in [
            r["family"], r["n"], r["eps"], r["eps_value"], r["rounds"], r["round_bound"],
            r["a"], r["b"], r["weight_value"], r["verdict"], r["graph"]]) + "\n")
