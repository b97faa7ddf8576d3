#!/usr/bin/env python3
"""Tables of papers/bep_grid.md from papers/data/bep_grid.jsonl (bep-grid records).

Usage: python3 tools/bep_grid_tables.py [--write PAPER.md] [papers/data/bep_grid.jsonl]
Prints the claims table, the rounds-against-n table (2-D) and writes
papers/figures/bep_grid_rounds.tsv for papers/figures/bep_grid_rounds.gp.
With --write, replaces the text between the markers <!-- claims:begin -->
and <!-- claims:end --> (and rounds:begin/rounds:end) of PAPER.md instead.
"""
import contextlib
import io
import json
import sys

args = sys.argv[1:]
paper = None
if args[:1] == ["--write"]:
    paper, args = args[1], args[2:]
path = args[0] if args else "papers/data/bep_grid.jsonl"
claims_out, rounds_out = io.StringIO(), io.StringIO()
rows = [json.loads(l) for l in open(path) if l.strip()]
rows = [r for r in rows if r.get("algorithm") == "bep-grid"]


def mib(b):
    return f"{b / 2**20:.0f} MiB" if b < 2**30 else f"{b / 2**30:.2f} GiB"


def dim(r):
    return r["graph"].count("x") + 1


# Claims: by dimension, then ε (largest first), then n.
stdout = contextlib.redirect_stdout(claims_out)
stdout.__enter__()
rows.sort(key=lambda r: (dim(r), -r["eps_value"], r["n"], r["family"]))
print("| graph | n | ε | a:b = weight (≤ 2+ε) | rounds (measured) | declared bound | audit "
      "| sim / total wall (2 threads) | peak RSS | binary | result |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    ok = (r["verdict"] == "PASS" and r["rounds"] <= r["round_bound"])
    print(f"| `{r['graph']}` | {r['n']} | {r['eps']} | {r['a']}:{r['b']} = {r['weight']} "
          f"| {r['rounds']} | {r['round_bound']} | {r['audit_summary']} "
          f"| {r['sim_seconds']:.1f} s / {r['wall_seconds']:.1f} s | {mib(r['peak_rss_bytes'])} "
          f"| {r['git_revision'][:7]} | {'PASS' if ok else 'FAIL'} |")

stdout.__exit__(None, None, None)
stdout = contextlib.redirect_stdout(rounds_out)
stdout.__enter__()
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

stdout.__exit__(None, None, None)

if paper is None:
    print(claims_out.getvalue())
    print(rounds_out.getvalue(), end="")
else:
    text = open(paper).read()
    for name, body in (("claims", claims_out.getvalue()), ("rounds", rounds_out.getvalue())):
        begin, end = f"<!-- {name}:begin -->\n", f"<!-- {name}:end -->"
        i, j = text.index(begin) + len(begin), text.index(end)
        text = text[:i] + body + text[j:]
    with open(paper + ".tmp", "w") as f:
        f.write(text)
    import os
    os.replace(paper + ".tmp", paper)

with open("papers/figures/bep_grid_rounds.tsv", "w") as f:
    for r in rows:
        f.write("\t".join(str(x) for x in [
            r["family"], r["n"], r["eps"], r["eps_value"], r["rounds"], r["round_bound"],
            r["a"], r["b"], r["weight_value"], r["verdict"], r["graph"]]) + "\n")
