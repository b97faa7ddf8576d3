# HHRS output size (exact number of intervals κ of the vertex with the
# largest ID) against n, next to BEP-a's constant b = k colours per vertex.
# Data: build-e2/tools/hhrs_table --format tsv --max-n 1000000 > papers/figures/hhrs_output_size.tsv
# Plot:  gnuplot papers/figures/hhrs_output_size.gp   (run from the repository root)
set terminal svg size 760,480 dynamic enhanced font "Helvetica,12"
set output "papers/figures/hhrs_output_size.svg"
set datafile separator "\t"
set logscale xy
set xlabel "n (vertices; IDs a random permutation of 1..n)"
set ylabel "log_2 (intervals per vertex)"
set key at graph 0.98, graph 0.5 right box opaque
set grid
set format y "10^{%L}"
set format x "10^{%L}"
set yrange [0.5:1e7]
# Rows of one family and one α (awk: the tab-separated columns 1 and 4).
rows(fam, a) = sprintf("< awk -F'\t' '$1 == \"%s\" && $4 == \"%s\"' papers/figures/hhrs_output_size.tsv", fam, a)
set xrange [500:2e6]
plot rows("random 4-regular", "2") using 2:9 with linespoints pt 7 title "HHRS, random 4-regular, α = 2", \
     rows("random 4-regular", "11/10") using 2:9 with linespoints pt 5 title "HHRS, random 4-regular, α = 11/10", \
     rows("random 3-regular", "3/2") using 2:9 with linespoints pt 9 title "HHRS, random 3-regular, α = 3/2", \
     rows("grid (square)", "11/10") using 2:9 with linespoints pt 11 title "HHRS, grid, α = 11/10", \
     log(10)/log(2) with lines dt 2 lw 2 title "BEP-a, ε = 1/10: b = 10 colours (log_2 b = 3.32)", \
     1 with lines dt 3 lw 2 title "BEP-a, ε = 1/2: b = 2 colours (log_2 b = 1)"
