#!/usr/bin/env bash
# Markdown rows for papers/bep_grid.md from papers/data/bep_grid.jsonl.
set -eu
IN=${1:-papers/data/bep_grid.jsonl}
jq -r 'select(.algorithm=="bep-grid") |
  "| \(.graph) | \(.n) | \(.eps) | \(.a):\(.b) = \(.weight) (≤ 2 + \(.eps)) | \(.rounds) | \(.round_bound) | \(.audit_summary) | \(.sim_seconds*10|round/10) s sim, \(.wall_seconds*10|round/10) s total | \((.peak_rss_bytes/1048576)|round) MiB | \(.verdict) |"' "$IN"
