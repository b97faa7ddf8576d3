# BEP-a rounds against n (Δ = 4, ε = 1/2, IDs a random permutation of 1..n),
# measured by the engine, with the declared bound; the rows marked
# "previous" are the measurements before the rework (papers/bep.md, A2).
# Data: one line per run of
#   build/tools/bep_rounds --min-n N --max-n N --threads 2 --family F --format tsv
# (columns: family, n, rounds, bound, verdict, wall s, peak RSS GiB),
# collected in papers/figures/bep_rounds.tsv.
# Plot:  gnuplot papers/figures/bep_rounds.gp   (run from the repository root)
set terminal svg size 760,480 dynamic enhanced font "Helvetica,12"
set output "papers/figures/bep_rounds.svg"
set datafile separator "\t"
set logscale x
set format x "10^{%L}"
set xrange [500:2e7]
set yrange [0:900]
set xlabel "n (vertices)"
set ylabel "rounds"
set key top left box opaque
set grid
rows(pat) = sprintf("< awk -F'\t' '$1 ~ /%s/' papers/figures/bep_rounds.tsv", pat)
plot rows("^random 4-regular$") using 2:4 with lines dt 2 lw 2 lc rgb "#1f77b4" title "declared bound (4 log*(n) + 221)", \
     rows("^random 4-regular$") using 2:3 with linespoints pt 7 lc rgb "#1f77b4" title "random 4-regular", \
     rows("^grid") using 2:3 with linespoints pt 5 lc rgb "#2ca02c" title "2-D grid", \
     rows("^previous") using 2:4 with lines dt 3 lw 2 lc rgb "#d62728" title "previous declared bound", \
     rows("^previous") using 2:3 with linespoints pt 9 lc rgb "#d62728" title "previous, random 4-regular"
