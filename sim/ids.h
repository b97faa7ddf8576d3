// Identifier schemes for the LOCAL model: unique IDs from {1..poly(n)}.
#ifndef FCSIM_SIM_IDS_H_
#define FCSIM_SIM_IDS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/graph.h"

namespace fcsim {

using NodeId = std::uint64_t;

enum class IdScheme {
  kIdentity,           // ID(v) = v + 1
  kRandomPermutation,  // a uniformly random permutation of 1..n
  kRandomSparse,       // distinct pseudo-random IDs from 1..min(n^3, 2^62)
  kBfsAdversarial,     // IDs increasing along a BFS order from vertex 0
};

IdScheme ParseIdScheme(std::string_view name);  // throws std::invalid_argument
std::string_view IdSchemeName(IdScheme scheme);

// Upper bound on every ID the scheme can give on n vertices (the "ID range"
// that algorithms such as Linial's may declare as global knowledge).
NodeId IdRange(IdScheme scheme, std::uint64_t n);

// Assigns IDs; deterministic in (graph, scheme, seed) for any thread count.
std::vector<NodeId> AssignIds(const Graph& graph, IdScheme scheme,
                              std::uint64_t seed);
// The IDs AssignIds gives the listed vertices of an n-vertex graph, for the
// schemes that are a function of the vertex number alone (all but bfs,
// which throws std::invalid_argument): what a distributed rank computes for
// its local vertices.
std::vector<NodeId> AssignIdsOf(IdScheme scheme, std::uint64_t n,
                                std::uint64_t seed,
                                std::span<const Vertex> vertices);

}  // namespace fcsim

#endif  // FCSIM_SIM_IDS_H_
