# BEP-c (bep-grid): measured rounds against n on 2-D boxes/tori, one line per ε,
# next to the weight reached (a/b) against ε.
# Data: python3 tools/bep_grid_tables.py   (writes papers/figures/bep_grid_rounds.tsv)
# Plot:  gnuplot papers/figures/bep_grid_rounds.gp   (run from the repository root)
set terminal svg size 980,440 dynamic enhanced font "Helvetica,12"
set output "papers/figures/bep_grid_rounds.svg"
set datafile separator "\t"
set multiplot layout 1,2
# 2-D boxes (lines) and 2-D tori (points) of one ε, by n.
rows(fam, eps) = sprintf("< awk -F'\t' '$1 == \"%s\" && $3 == \"%s\" && $11 ~ /^[a-z]+:dims=[0-9]+x[0-9]+$/' papers/figures/bep_grid_rounds.tsv | sort -t'\t' -k2,2n", fam, eps)
set logscale x
set xlabel "n (vertices, 2-D boxes and even tori)"
set ylabel "rounds (measured: points; declared bound: dashed)"
set logscale y
set format x "10^{%L}"
set grid
set key top right box opaque
set title "rounds against n: fixed by the plan (class-schedule MIS)"
set xrange [5e3:2e7]
set yrange [1e5:1e8]
plot rows("grid", "1") using 2:6 with lines dt 2 lc 1 notitle, \
     rows("grid", "1/2") using 2:6 with lines dt 2 lc 2 notitle, \
     rows("grid", "1/4") using 2:6 with lines dt 2 lc 3 notitle, \
     rows("grid", "1/10") using 2:6 with lines dt 2 lc 4 notitle, \
     rows("grid", "1") using 2:5 with linespoints pt 7 lc 1 title "box, ε = 1", \
     rows("grid", "1/2") using 2:5 with linespoints pt 5 lc 2 title "box, ε = 1/2", \
     rows("grid", "1/4") using 2:5 with linespoints pt 9 lc 3 title "box, ε = 1/4", \
     rows("grid", "1/10") using 2:5 with linespoints pt 11 lc 4 title "box, ε = 1/10", \
     rows("torus", "1") using 2:5 with points pt 6 lc 1 ps 1.5 title "torus, ε = 1", \
     rows("torus", "1/2") using 2:5 with points pt 4 lc 2 ps 1.5 title "torus, ε = 1/2", \
     rows("torus", "1/4") using 2:5 with points pt 8 lc 3 ps 1.5 title "torus, ε = 1/4", \
     rows("torus", "1/10") using 2:5 with points pt 10 lc 4 ps 1.5 title "torus, ε = 1/10"
unset logscale x
unset logscale y
set format x "%g"
set xlabel "ε"
set ylabel "weight"
set title "weight a/b reached against ε"
set xrange [0:1.1]
set xtics ("1/10" 0.1, "1/4" 0.25, "1/2" 0.5, "1" 1)
set yrange [1.9:3.2]
set key top left
plot "< awk -F'\t' '$1 == \"grid\" || $1 == \"torus\"' papers/figures/bep_grid_rounds.tsv" using 4:9 with points pt 7 ps 1.2 title "bep-grid (measured a/b)", \
     2 + x with lines dt 2 title "2 + ε", 2 with lines dt 3 title "χ_f = 2"
unset multiplot
