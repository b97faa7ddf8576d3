# BEP-d (bep-girth): peeling phases and rounds against n.
# Data: tools/bep_girth_runs.sh; tools/bep_girth_table.py papers/figures/bep_girth_runs.csv
#       (writes papers/figures/bep_girth_phases.tsv: family, k, n, phases, rounds)
# Plot:  gnuplot papers/figures/bep_girth_phases.gp   (run from the repository root)
set terminal svg size 1000,620 dynamic enhanced font "Helvetica,12"
set output "papers/figures/bep_girth_phases.svg"
set datafile separator "\t"
set multiplot layout 1,2
rows(fam, k) = sprintf("< awk -F'\t' '$1 == \"%s\" && $2 == \"%s\"' papers/figures/bep_girth_phases.tsv", fam, k)
set logscale x
set format x "10^{%L}"
set xrange [500:2e7]
set grid
set key below box
set xlabel "n (vertices)"
set ylabel "peeling phases"
set title "peeling phases (proved: P_{max} = ⌊(11k+1) ln n⌋ + 1)"
set yrange [0:*]
plot rows("tree", "2") using 3:4 with linespoints pt 7 title "random tree, k = 2", \
     rows("tree", "4") using 3:4 with linespoints pt 5 title "random tree, k = 4", \
     rows("tree", "10") using 3:4 with linespoints pt 9 title "random tree, k = 10", \
     rows("planar", "4") using 3:4 with linespoints pt 11 title "subdivided planar, k = 4", \
     rows("ktree", "4") using 3:4 with linespoints pt 13 title "subdivided 3-tree, k = 4", \
     1.2*log(x) with lines dt 2 title "1.2 ln n"
set ylabel "rounds"
set title "rounds (measured; declared bound: c ln n + c')"
set logscale y
set yrange [10:*]
plot rows("tree", "2") using 3:5 with linespoints pt 7 title "random tree, k = 2", \
     rows("tree", "4") using 3:5 with linespoints pt 5 title "random tree, k = 4", \
     rows("tree", "10") using 3:5 with linespoints pt 9 title "random tree, k = 10", \
     rows("planar", "2") using 3:5 with linespoints pt 10 title "subdivided planar, k = 2", \
     rows("planar", "4") using 3:5 with linespoints pt 11 title "subdivided planar, k = 4", \
     rows("planar", "10") using 3:5 with linespoints pt 12 title "subdivided planar, k = 10", \
     rows("ktree", "4") using 3:5 with linespoints pt 13 title "subdivided 3-tree, k = 4"
unset multiplot
