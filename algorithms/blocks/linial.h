// Linial's colour reduction: from unique IDs to O(Δ²) colours in
// O(log* n) rounds, on G or on the power graph G^r.
//
// Model: LOCAL, deterministic. Knowledge: id_range (IDs in 1..id_range) and
// Δ (max_degree). On G^r the degree bound is Δ_r = Σ_{i=1..r} Δ(Δ-1)^{i-1}.
//
// Construction (polynomials over GF(q), Linial 1992 / the standard
// algebraic set system): a colour c < q^{d+1} is read as the polynomial
// f_c of degree <= d whose coefficients are the base-q digits of c. Two
// different polynomials agree on at most d points, so when q > d·Δ_r a
// vertex finds x in GF(q) with f_c(x) != f_{c'}(x) for every ball member c';
// its new colour is x·q + f_c(x) (q² colours; neighbours with the same x
// differ in the second digit). Each step picks the (d, q) minimising q
// among primes q > d·Δ_r with q^{d+1} >= (current colours); the schedule
// stops when no step reduces the number of colours. It depends only on
// (id_range, Δ_r), so every vertex computes the same one.
//
// Guarantee: a proper colouring of G^r with LinialColours(...) colours;
// for every id_range < 2^63 and Δ_r <= 2^16 the final count is at most
// (4Δ_r + 2)² (the last step has d = 2 and q is the least prime above 2Δ_r
// unless q³ >= colours forces more; Bertrand's postulate gives q <= 4Δ_r+2).
// Rounds: r · (number of steps) and steps <= log*(id_range) + 2 (checked
// over id_range = 2^{L-1}+1 and 2^L for L = 1..63, Δ_r = 1..4096, by the
// unit test LinialTest.ScheduleBounds); 0 steps when id_range is already
// at or below the fixed point.
//
// Citation: N. Linial, "Locality in distributed graph algorithms",
// SIAM J. Comput. 21(1), 1992; polynomial set systems as in Barenboim–Elkin,
// "Distributed Graph Coloring: Fundamentals and Recent Developments", 2013.
#ifndef FCSIM_ALGORITHMS_BLOCKS_LINIAL_H_
#define FCSIM_ALGORITHMS_BLOCKS_LINIAL_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine.h"

namespace fcsim {

struct LinialStep {
  std::uint64_t q = 0;  // prime field size
  std::uint32_t d = 0;  // polynomial degree
  std::uint64_t colours_in = 0;
  std::uint64_t colours_out = 0;  // q * q
};

// The deterministic schedule for colours 0..id_range-1 and degree bound
// `degree` (Δ of the graph the colouring must be proper on).
std::vector<LinialStep> LinialSchedule(std::uint64_t id_range,
                                       std::uint64_t degree);

// Colours after the whole schedule (id_range when the schedule is empty).
std::uint64_t LinialColours(std::uint64_t id_range, std::uint64_t degree);

// Declared bound: r * (LogStar(id_range) + 2) rounds.
std::uint64_t LinialRoundBound(std::uint64_t id_range, std::uint64_t degree,
                               std::uint32_t r = 1);

// One step at a vertex of colour `own`: the new colour given the colours of
// the other members of its ball (all different from `own`).
std::uint64_t LinialNewColour(const LinialStep& step, std::uint64_t own,
                              std::span<const std::uint64_t> others);

// Runs Linial on G^r from the IDs (colour = ID - 1). Requires
// knowledge().id_range and knowledge().max_degree. `force_power` runs the
// G^r shell even for r = 1 (tests compare it with the broadcast shell).
VertexData<std::uint64_t> LinialColouring(Simulation& sim, std::uint32_t r = 1,
                                          bool force_power = false);

// Runs `schedule` (steps from LinialSchedule, or a prefix of one) on G^r
// from the IDs (colour = ID - 1), r rounds per step. Each step relays
// frontiers instead of the ball: F_v(0) = {c(v)}, F_v(t) = ∪_u F_u(t−1)
// minus F_v(t−1), F_v(t−2) and c(v); by induction the union over t <= r is
// exactly the set of colours of v's r-ball (a colour is dropped at v only
// when v had it one or two rounds before), while v keeps two frontiers.
// For steps of degree d <= 2 with q <= 2^22 arriving colours are not kept:
// v marks the roots of f_c − f_v in a q-bit map (inverse and square-root
// tables) and takes the least unmarked point; other steps keep the ball's
// colours and call LinialNewColour. Both give LinialNewColour's colour.
// Fresh messages are recognised by NeighbourSent. Rounds: r · steps.
VertexData<std::uint64_t> StreamingPowerLinial(
    Simulation& sim, std::span<const LinialStep> schedule, std::uint32_t r,
    std::string_view name);

// Verifier: a proper colouring of G^r with LinialColours(...) colours.
std::string VerifyLinial(const Graph& graph,
                         std::span<const std::uint64_t> colours,
                         std::uint64_t id_range, std::uint64_t max_degree,
                         std::uint32_t r = 1);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_LINIAL_H_
