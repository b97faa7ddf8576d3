#!/usr/bin/env python3
"""Tables and the gnuplot data of papers/bep_girth.md from the CSV written
by tools/bep_girth_runs.sh (one fcsim result record per run).

  tools/bep_girth_table.py [CSV] > tables.md   (also writes the .tsv files
                                                 next to the CSV)
"""
import csv
import math
import os
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "papers/figures/bep_girth_runs.csv"
rows = list(csv.DictReader(open(path)))
k_of = lambda r: int(re.search(r"k=(\d+)", r["params"]).group(1))
phases_of = lambda r: int(re.search(r"peel phases=(\d+)", r["params"]).group(1))


def pmax(n, k):
    return math.floor((11 * k + 1) * math.log(n)) + 1


print("| family | graph | n | eps | a:b | peel phases | P_max | rounds | "
      "declared bound | rounds / ln n | audit | wall s (2 thr) | peak RSS MiB | verdict |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    n, k = int(r["n"]), k_of(r)
    print(f"| {r['family']} | `{r['graph']}` | {n} | {r['eps']} | {r['a']}:{r['b']} "
          f"| {phases_of(r)} | {pmax(n, k)} | {r['rounds']} | {r['round_bound']} "
          f"| {int(r['rounds']) / math.log(n):.1f} "
          f"| {r['audit_audited']} audited, {r['audit_mismatches']} differ "
          f"| {float(r['wall_seconds']):.1f} "
          f"| {int(r['peak_rss_bytes']) / 2**20:.0f} | {r['verdict']} |")

# One TSV per (family, k): n, phases, rounds.
base = os.path.dirname(path)
series = {}
for r in rows:
    series.setdefault((r["family"], k_of(r)), []).append(
        (int(r["n"]), phases_of(r), int(r["rounds"])))
with open(os.path.join(base, "bep_girth_phases.tsv"), "w") as out:
    out.write("# family k n peel_phases rounds (from bep_girth_runs.csv)\n")
    for (fam, k), pts in sorted(series.items()):
        out.write(f"# {fam} k={k}\n")
        for n, p, rd in sorted(pts):
            out.write(f"{fam}\t{k}\t{n}\t{p}\t{rd}\n")
        out.write("\n\n")
