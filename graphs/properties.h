// Global graph properties for `fcsim info`, for tests of the generators, and
// for checking an algorithm's preconditions (Δ, girth, bipartite,
// K_{Δ+1}-free, planar). These read the whole graph: they are verifiers'
// tools and must never feed a vertex program.
//
// Every function is deterministic (same answer for any thread count); the
// parallel ones use oneTBB.
#ifndef FCSIM_GRAPHS_PROPERTIES_H_
#define FCSIM_GRAPHS_PROPERTIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/graph.h"

namespace fcsim {

struct GraphProperties {
  std::uint64_t n = 0;
  std::uint64_t m = 0;
  Port max_degree = 0;
  Port min_degree = 0;
  // degree_histogram[d] = number of vertices of degree d (size Δ+1).
  std::vector<std::uint64_t> degree_histogram;
  std::uint64_t components = 0;
  bool bipartite = true;
  // Length of a shortest cycle; 0 = acyclic (or not computed, see below).
  std::uint64_t girth = 0;
  bool girth_computed = false;
  bool has_clique_of_size_max_degree_plus_1 = false;
  // Unset when the graph has more edges than PropertyOptions allows.
  std::optional<bool> planar;
};

struct PropertyOptions {
  bool compute_girth = true;
  // Boyer–Myrvold runs on a Boost adjacency list: ~100 bytes per edge.
  std::uint64_t max_planarity_edges = 5'000'000;
};

GraphProperties ComputeProperties(const Graph& graph,
                                  const PropertyOptions& options = {});

// Exact girth (0 when acyclic). BFS from every vertex of degree >= 3 of the
// 2-core, in parallel, stopping each BFS at the depth where it can no longer
// beat the best cycle found so far; cycle components are measured directly.
std::uint64_t Girth(const Graph& graph);

bool IsBipartite(const Graph& graph);

// labels[v] = the smallest vertex of v's component.
std::vector<Vertex> ConnectedComponents(const Graph& graph);
std::uint64_t CountComponents(const std::vector<Vertex>& labels);

// Whether the graph contains K_size. size = Δ+1 uses the fast test (is the
// closed neighbourhood of some degree-Δ vertex a clique); other sizes run a
// branch-and-bound search over higher-numbered neighbours.
bool HasClique(const Graph& graph, int size);

// Boyer–Myrvold planarity test (Boost.Graph); m > 3n - 6 is rejected at once.
bool IsPlanar(const Graph& graph);

std::vector<std::uint64_t> DegreeHistogram(const Graph& graph);

// Multi-line "key: value" text for `fcsim info`.
std::string FormatProperties(const GraphProperties& properties);

}  // namespace fcsim

#endif  // FCSIM_GRAPHS_PROPERTIES_H_
