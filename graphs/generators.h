// Graph generators. Each is deterministic in its arguments (seed included)
// for any thread count, and documents the properties it guarantees.
// Vertex numbering is stated per generator; tests rely on it.
#ifndef FCSIM_GRAPHS_GENERATORS_H_
#define FCSIM_GRAPHS_GENERATORS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/graph.h"

namespace fcsim {

// Path P_n: 0 - 1 - ... - n-1.
Graph Path(Vertex n);
// Cycle C_n (n >= 3): i ~ i+1 mod n.
Graph Cycle(Vertex n);
// Complete graph K_n.
Graph Complete(Vertex n);
// Complete bipartite K_{a,b}: 0..a-1 on one side, a..a+b-1 on the other.
Graph CompleteBipartite(Vertex a, Vertex b);
// Star K_{1,n}: centre 0.
Graph Star(Vertex leaves);
// d-dimensional box (grid) with the given side lengths, row-major numbering
// (last coordinate fastest); torus=true wraps every side (sides >= 3).
// Built directly into CSR, in parallel.
Graph Grid(const std::vector<Vertex>& sides, bool torus = false);
// Hypercube Q_d: vertices 0..2^d-1, adjacent when they differ in one bit.
Graph Hypercube(int d);
// Uniform random labelled tree on n vertices (Prüfer sequence).
Graph RandomTree(Vertex n, std::uint64_t seed);
// Complete d-ary tree of the given depth (root 0, BFS numbering).
Graph CompleteTree(int arity, int depth);
// Random simple d-regular graph on n vertices (n*d even), with girth >= girth
// when girth > 3 (edge switchings remove short cycles). Throws
// std::invalid_argument when impossible or when the girth is not reached.
Graph RandomRegular(Vertex n, int d, std::uint64_t seed, int girth = 3);
// G(n, p) and G(n, m); max_degree > 0 caps degrees (edges that would exceed
// the cap are dropped).
Graph Gnp(Vertex n, double p, std::uint64_t seed, int max_degree = 0);
Graph Gnm(Vertex n, std::uint64_t m, std::uint64_t seed, int max_degree = 0);
// Random geometric (unit-disk) graph: n points uniform in the unit square,
// adjacent when at distance <= radius.
Graph RandomGeometric(Vertex n, double radius, std::uint64_t seed);
// The points RandomGeometric(n, radius, seed) places (vertex i at [i]).
std::vector<std::pair<double, double>> RandomGeometricPoints(
    Vertex n, std::uint64_t seed);
// Kneser graph K(n, k): k-subsets of {0..n-1}, adjacent when disjoint.
// Subsets are numbered in lexicographic order. Petersen = Kneser(5, 2).
Graph Kneser(int n, int k);
Graph Petersen();
// Mycielski graph M_k (M_2 = K_2, M_3 = C_5, M_4 = Grötzsch, ...).
Graph Mycielski(int k);
// The Chvátal graph (12 vertices, 4-regular, triangle-free, χ = 4).
Graph Chvatal();
// k-th power of the cycle C_n: i ~ j when their cyclic distance is <= k.
Graph CyclePower(Vertex n, int k);
// Lexicographic product G[H]: (g, h) numbered g * |H| + h.
Graph LexicographicProduct(const Graph& g, const Graph& h);
// K_Δ-replacement of a Δ-regular graph: vertex v becomes a clique on
// v*Δ .. v*Δ+Δ-1, and edge {v, u} at port p of v and port q of u joins
// v*Δ+p with u*Δ+q. Throws if the input is not regular.
Graph CliqueReplacement(const Graph& regular);
// Random planar graph: a random maximal-planar-ish triangulation-based
// construction on n vertices (connected, planar).
Graph RandomPlanar(Vertex n, std::uint64_t seed);
// The same triangulation (n >= 3: a maximal planar graph, 3n-6 edges), then
// every edge outside a random spanning tree deleted with probability
// delete_fraction in [0, 1] (stays connected and planar). The two-argument
// form keeps every edge.
Graph RandomPlanar(Vertex n, std::uint64_t seed, double delete_fraction);
// Face insertion alone makes degrees heavy-tailed (Δ ~ 1000 at n = 10^6);
// max_degree >= 7 rejects growth steps that would exceed it, so Δ <=
// max_degree (0 = no cap).
Graph RandomPlanar(Vertex n, std::uint64_t seed, double delete_fraction,
                   int max_degree);
// Every edge replaced by a path with s internal vertices (girth multiplies
// by s+1; planar stays planar).
Graph Subdivide(const Graph& g, int s);
// Random (maximal) outerplanar graph on n vertices.
Graph RandomOuterplanar(Vertex n, std::uint64_t seed);
// Random graph of treewidth <= w (a random partial w-tree) on n vertices.
// The three-argument form deletes each edge outside a random spanning tree
// with probability 1/2; delete_fraction = 0 gives the full random w-tree
// (n >= w+1: (w+1)w/2 + (n-w-1)w edges). Always connected.
Graph RandomPartialKTree(Vertex n, int w, std::uint64_t seed);
Graph RandomPartialKTree(Vertex n, int w, std::uint64_t seed,
                         double delete_fraction);

}  // namespace fcsim

#endif  // FCSIM_GRAPHS_GENERATORS_H_
