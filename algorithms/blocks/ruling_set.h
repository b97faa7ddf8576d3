// Ruling sets of the power graph G^r, every round of G^r simulated by r
// rounds of G (values relayed hop by hop; nothing outside the r-ball is
// read).
//
// Model: LOCAL, deterministic. Knowledge: id_range, max_degree (Δ).
// Δ_r = Σ_{i=1..r} Δ(Δ-1)^{i-1} bounds the degree of G^r.
//
// PowerMis (an (r+1, r)-ruling set of G, i.e. an MIS of G^r):
//   Linial on G^r (K = LinialColours(id_range, Δ_r) colours), reduction to
//   Δ_r + 1 colours (ReduceColours, fastest schedule), then one colour class
//   per G^r round. Rounds: LinialRoundBound + ReductionRoundBound +
//   r · Δ_r, stated by PowerMisRoundBound.
//
// PowerRulingSet (an (r+1, r·ceil(log2 K))-ruling set):
//   Linial on G^r, then the bit-by-bit merge of Awerbuch, Goldberg, Luby and
//   Plotkin (FOCS 1989): every vertex starts as a candidate; for bit
//   i = 0, 1, ... of the colour, a candidate whose bit i is 1 withdraws when
//   a candidate of its ball agrees with it on the bits above i and has bit
//   i = 0. Candidates of one group stay independent in G^r, and a withdrawn
//   vertex has a surviving candidate one G^r hop away, so every vertex is
//   within ceil(log2 K) hops of G^r, i.e. r·ceil(log2 K) hops of G.
//   Rounds: LinialRoundBound + r · (ceil(log2 K) + 1).
// Citation: Awerbuch, Goldberg, Luby, Plotkin, "Network decomposition and
// locality in distributed computation", FOCS 1989; Linial 1992.
#ifndef FCSIM_ALGORITHMS_BLOCKS_RULING_SET_H_
#define FCSIM_ALGORITHMS_BLOCKS_RULING_SET_H_

#include <cstdint>
#include <span>
#include <string>

#include "sim/engine.h"

namespace fcsim {

std::uint64_t PowerMisRoundBound(std::uint64_t id_range,
                                 std::uint64_t max_degree, std::uint32_t r);
VertexData<std::uint8_t> PowerMis(Simulation& sim, std::uint32_t r);

// Domination distance β (in hops of G) of PowerRulingSet.
std::uint32_t PowerRulingSetBeta(std::uint64_t id_range,
                                 std::uint64_t max_degree, std::uint32_t r);
std::uint64_t PowerRulingSetRoundBound(std::uint64_t id_range,
                                       std::uint64_t max_degree,
                                       std::uint32_t r);
// The bit-merge step alone, from a proper K-colouring of G^r.
VertexData<std::uint8_t> RulingSetFromColouring(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    std::uint64_t num_colours, std::uint32_t r, bool force_power = false);
VertexData<std::uint8_t> PowerRulingSet(Simulation& sim, std::uint32_t r);

// Verifier: members pairwise at distance >= alpha, everyone within beta.
std::string VerifyRulingSet(const Graph& graph,
                            std::span<const std::uint8_t> members,
                            std::uint32_t alpha, std::uint32_t beta);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_RULING_SET_H_
