// Maximal independent set of G^r from a proper colouring of G^r: colour
// classes join in order, one class per round of G^r.
//
// Model: LOCAL, deterministic. Input: a proper K-colouring of G^r, K known.
// Guarantee: an MIS of G^r, i.e. members pairwise at distance >= r + 1 in G
// and every vertex within distance r of a member (an (r+1, r)-ruling set).
// Rounds: r · (K - 1) (class 0 joins without communication; the joins of
// class k travel r hops before class k+1 decides). On G (r = 1) a vertex
// halts as soon as its class has been processed.
// Programs: r = 1 the broadcast rule shell; r = 2 fixed-size broadcasts of
// (class, distance to a member in {0, 1, far}), every vertex asleep except
// in its decision round and the rounds after a neighbour class decided
// (at most 2 · (K - 1) rounds); r >= 3 the relay shell of power_rounds.h.
// `force_power` runs the relay shell for r = 1 and r = 2 too (same output).
// Citation: folklore; e.g. Barenboim–Elkin 2013, Sec. 3.
#ifndef FCSIM_ALGORITHMS_BLOCKS_COLOURING_MIS_H_
#define FCSIM_ALGORITHMS_BLOCKS_COLOURING_MIS_H_

#include <cstdint>
#include <span>
#include <string>

#include "sim/engine.h"

namespace fcsim {

std::uint64_t ColouringMisRoundBound(std::uint64_t colours,
                                     std::uint32_t r = 1);

// Output: 1 for members, 0 otherwise.
VertexData<std::uint8_t> MisFromColouring(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    std::uint64_t num_colours, std::uint32_t r = 1, bool force_power = false);

// Verifier: an MIS of G^r (members at pairwise distance >= r+1, every vertex
// within r of a member).
std::string VerifyPowerMis(const Graph& graph,
                           std::span<const std::uint8_t> members,
                           std::uint32_t r = 1);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_COLOURING_MIS_H_
