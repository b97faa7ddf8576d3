// Reduction of a proper K-colouring of G^r to Δ_r + 1 colours, where Δ_r is
// the degree bound of G^r (Δ for r = 1).
//
// Model: LOCAL, deterministic. Knowledge: max_degree (Δ). Input: a proper
// colouring of G^r with colours in [0, K), K known to all (it is the output
// size of the previous block, e.g. LinialColours).
//
// Two schedules, both exact:
//  * kOneClassPerRound (folklore): in step t the vertices of colour Δ_r+1+t
//    take the least colour of [0, Δ_r] unused in their ball.
//    Steps: max(0, K - Δ_r - 1).
//  * kBlockHalving (Kuhn–Wattenhofer, PODC 2006, "On the complexity of
//    distributed graph coloring", Sec. 4): cut [0, K) into blocks of 2B
//    colours, B = Δ_r + 1; inside every block in parallel, the upper B
//    colours move one class per step to a free colour of the lower B;
//    then pairs of blocks merge and the halving repeats.
//    Steps: B · (1 + ceil(log2 ceil(K / 2B))) when K > B.
// ReduceColours picks the schedule with fewer steps. Each step is one
// round of G^r; the first exchange of colours is G^r round 0 and step k is
// taken at its end, so a run uses exactly r · steps rounds of G. The
// declared bound ReductionRoundBound = r · (steps + 1) keeps one G^r round
// of slack (callers such as BEP-a already budget it).
//
// Programs: on G (r = 1) the broadcast rule shell; on G^2 a two-hop program
// without stored balls (a mover's neighbours send it, per block, the
// positions used in their closed neighbourhoods as a bit mask of Δ_2 + 1
// bits; vertices sleep except in the rounds in which they or a neighbour
// move), at most 2 · steps rounds; for r >= 3 the relay shell of
// power_rounds.h (stored balls), exactly r · steps rounds. `force_power`
// runs the relay shell for r = 1 and r = 2 as well (same colours; tests
// compare the programs).
#ifndef FCSIM_ALGORITHMS_BLOCKS_COLOUR_REDUCTION_H_
#define FCSIM_ALGORITHMS_BLOCKS_COLOUR_REDUCTION_H_

#include <cstdint>
#include <span>
#include <string>

#include "sim/engine.h"

namespace fcsim {

enum class ReductionSchedule { kOneClassPerRound, kBlockHalving, kFastest };

// Steps (G^r rounds after the first exchange) of a schedule.
std::uint64_t ReductionSteps(ReductionSchedule schedule,
                             std::uint64_t colours_in, std::uint64_t degree);
// The schedule kFastest resolves to.
ReductionSchedule FastestReduction(std::uint64_t colours_in,
                                   std::uint64_t degree);
// Declared bound in rounds of G: r · (steps + 1), 0 when K <= Δ_r + 1
// (measured: exactly r · steps).
std::uint64_t ReductionRoundBound(ReductionSchedule schedule,
                                  std::uint64_t colours_in,
                                  std::uint64_t max_degree,
                                  std::uint32_t r = 1);

// Reduces a proper colouring of G^r with `colours_in` colours to one with
// PowerDegreeBound(Δ, r) + 1 colours.
VertexData<std::uint64_t> ReduceColours(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    std::uint64_t colours_in, std::uint32_t r = 1,
    ReductionSchedule schedule = ReductionSchedule::kFastest,
    bool force_power = false);

// Verifier: a proper colouring of G^r with Δ_r + 1 colours.
std::string VerifyReducedColouring(const Graph& graph,
                                   std::span<const std::uint64_t> colours,
                                   std::uint64_t max_degree,
                                   std::uint32_t r = 1);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_COLOUR_REDUCTION_H_
