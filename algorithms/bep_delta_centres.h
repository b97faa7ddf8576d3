// BEP-a, phase "centres": a set M of vertices pairwise at distance >= r + 1
// with every vertex within distance r·B of M, where r = 4k − 3 (so centres
// are >= 4k − 2 apart) and B = ⌈log2 C⌉ for the number C of colours of a
// proper colouring of G^r.
//
// Model: LOCAL, deterministic, unique IDs. Knowledge: Δ and id_range.
//
// Step 1, PowerLinial: Linial's colour reduction on G^r (the schedule and
// the per-step rule LinialSchedule / LinialNewColour of
// algorithms/blocks/linial.h, with the G^r degree bound Δ_r =
// Σ_{i=1..r} Δ(Δ−1)^{i−1}). Each step gathers the colours of the radius-r
// ball honestly over r rounds: a colour is relayed once, when first heard,
// while it has travelled fewer than r hops. Deduplicating by colour value
// rather than by vertex is exact here: a colour c reaches v after exactly
// dist(v, nearest vertex of colour c) rounds, so v learns precisely the
// colours present in its r-ball, which is all Linial's step needs. Values
// are 32-bit when the ID range and every step's palette fit, halving the
// memory (each vertex holds its ball's colours: the phase's memory peak).
// Rounds: r · S, S = the number of Linial steps (S <= log*(id_range) + 2;
// S = 0 when Δ_r >= id_range: the IDs are then used as the colours).
//
// Step 2, PowerRulingSet: the Awerbuch–Goldberg–Luby–Plotkin bit recursion
// on G^r. Initially every vertex is a candidate; for bit j = 0..B−1 every
// candidate whose colour has bit j = 0 floods "low candidate" r hops, and a
// candidate with bit j = 1 that hears one within r hops withdraws.
// Survivors within distance r differ in some bit j and were both candidates
// then, so one would have withdrawn: M is independent in G^r. A vertex that
// withdraws at bit j has a candidate within r that survives bit j; chains
// of withdrawals have length <= B, so every vertex is within r·B of M.
// Rounds: r · B (each bit is one G^r round = r flooding rounds of G).
//
// Citation: N. Linial, SIAM J. Comput. 21(1), 1992; B. Awerbuch,
// A. V. Goldberg, M. Luby, S. A. Plotkin, "Network decomposition and
// locality in distributed computation", FOCS 1989.
#ifndef FCSIM_ALGORITHMS_BEP_DELTA_CENTRES_H_
#define FCSIM_ALGORITHMS_BEP_DELTA_CENTRES_H_

#include <cstdint>
#include <vector>

#include "algorithms/blocks/linial.h"
#include "sim/engine.h"

namespace fcsim {

struct CentreParams {
  std::uint32_t r = 1;               // the power: centres >= r + 1 apart
  std::uint64_t power_degree = 0;    // Δ_r
  std::vector<LinialStep> schedule;  // Linial on G^r
  std::uint64_t colours = 0;         // colours after the schedule
  std::uint32_t bits = 0;            // B = ⌈log2 colours⌉
  bool wide_values = false;          // 64-bit ball values needed
  std::uint64_t linial_rounds() const {
    return std::uint64_t{r} * schedule.size();
  }
  std::uint64_t ruling_rounds() const { return std::uint64_t{r} * bits; }
  std::uint64_t beta() const { return std::uint64_t{r} * bits; }  // domination
};

CentreParams MakeCentreParams(NodeId id_range, std::uint64_t max_degree,
                              std::uint32_t r);

// A proper colouring of G^r with params.colours colours.
VertexData<std::uint64_t> RunPowerLinial(Simulation& sim,
                                         const CentreParams& params);

// 1 for the members of M, 0 otherwise, from a proper colouring of G^r with
// params.colours colours.
VertexData<std::uint8_t> RunPowerRulingSet(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    const CentreParams& params);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BEP_DELTA_CENTRES_H_
