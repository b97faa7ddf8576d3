// BEP-a, phase "small components": every connected component of diameter
// < 4k is Δ-coloured canonically (Brooks), and every vertex of it learns its
// colour; all other vertices learn that their component is not small.
//
// Model: LOCAL, deterministic, unique IDs. Knowledge: Δ (max_degree).
//
// Construction (ours; it replaces "gather the radius-4k ball at every
// vertex", whose memory is n·Δ^{4k} words, by a leader convergecast whose
// memory is n·(depth + Δ) words). With R = 4k − 1:
//  * rounds 1..R: min-ID flood; v ends with L(v) = the least ID within
//    distance R, d(v) = its distance and a parent (the least-ID neighbour
//    that was at (L(v), d(v) − 1) after round R − 1);
//  * rounds R..2R: convergecast of adjacency records towards L(v): the vertex
//    at depth d sends its subtree's records (tagged L(v), parent) in round
//    2R − d; a parent keeps only children with its own L; a subtree with
//    more than Moore(Δ, R) vertices (the most a component of diameter <= R
//    can have) is sent as "overflow";
//  * round 2R: a root L whose gathered vertex set is closed (every listed
//    neighbour is listed) holds a whole component; if its diameter is
//    <= 4k − 1 the root computes the canonical Brooks colouring (or flags a
//    K_{Δ+1}) and, rounds 2R+1..3R, the colour table travels down the tree.
// Consistency: a closed gathered set is a whole component, so only roots of
// small components ever broadcast; conversely in a component of diameter
// <= R every vertex has L = the component's least ID and d = the true
// distance, so the tree is a BFS tree of the whole component.
// Rounds: exactly 3R = 12k − 3 declared; fewer are used when no component is
// small (every vertex halts at round 2R + d(v)).
//
// The canonical colouring (CanonicalBrooksColouring) is Lovász's proof of
// Brooks' theorem made deterministic by IDs: greedy in reverse BFS order
// from a vertex of degree < Δ; for a Δ-regular component, a vertex v with
// two non-adjacent neighbours x, y such that G − {x, y} is connected (x, y
// get colour 0, v is coloured last); failing that, a cut vertex c splits the
// component into parts, each coloured from c and permuted to agree at c.
//
// Citation: L. Lovász, "Three short proofs in graph theory", J. Combin.
// Theory Ser. B 19 (1975); N. Bousquet, L. Esperet, F. Pirot, SIROCCO 2021.
#ifndef FCSIM_ALGORITHMS_BEP_DELTA_SMALL_H_
#define FCSIM_ALGORITHMS_BEP_DELTA_SMALL_H_

#include <cstdint>
#include <span>
#include <vector>

#include "sim/engine.h"
#include "sim/graph.h"
#include "sim/ids.h"

namespace fcsim {

enum class SmallStatus : std::uint8_t {
  kLarge = 0,    // the component is not small (diameter >= 4k)
  kSmall = 1,    // coloured: `colour` is the vertex's colour in [0, Δ)
  kCliqueK = 2,  // root of a K_{Δ+1} component (outside BEP-a's class)
};

struct SmallResult {
  SmallStatus status = SmallStatus::kLarge;
  std::uint8_t colour = 0;
  bool operator==(const SmallResult&) const = default;
};

// Rounds declared for the phase: 3 (4k − 1).
std::uint64_t SmallComponentRounds(std::uint32_t k);

// Largest number of vertices of a connected graph of max degree Δ and
// diameter <= diameter (the Moore bound), saturating at 2^62.
std::uint64_t MooreBound(std::uint64_t max_degree, std::uint64_t diameter);

// Runs the phase (knowledge().max_degree must be declared).
VertexData<SmallResult> RunSmallComponents(Simulation& sim, std::uint32_t k);

// The canonical Δ-colouring of a connected graph `component` (vertex i has
// ID ids[i]) with max degree <= Δ, Δ >= 3, not K_{Δ+1}: the result depends
// only on the graph with its IDs, not on the vertex numbering. Colours in
// [0, Δ). Throws std::invalid_argument for K_{Δ+1}, a disconnected input or
// a degree above Δ.
std::vector<std::uint8_t> CanonicalBrooksColouring(const Graph& component,
                                                   std::span<const NodeId> ids,
                                                   std::uint32_t max_degree);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BEP_DELTA_SMALL_H_
