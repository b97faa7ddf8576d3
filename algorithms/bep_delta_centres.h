// BEP-a, phase "centres": a set M of vertices pairwise at distance >= r + 1
// with every vertex within distance β = r·m of M, where r is BEP-a's power
// (4k − 5 for k >= 2, so centres are >= 4k − 4 apart; 1 for k = 1) and m
// is the number of digits of the ruling set below. Every count here
// depends on (Δ, r) only, except the number of Linial steps, which is at
// most log*(id_range) + 2.
//
// Model: LOCAL, deterministic, unique IDs. Knowledge: Δ and id_range.
//
// Step 1, PowerLinial: Linial's colour reduction on G^r (LinialSchedule /
// LinialNewColour of algorithms/blocks/linial.h, degree bound
// Δ_r = Σ_{i=1..r} Δ(Δ−1)^{i−1}), run only until the palette is at most
// C_r = Linial's fixed point for Δ_r (q_r², q_r the least prime above
// 2Δ_r: C_r = 107² = 11449 for Δ = 4, r = 3), a number independent of n.
// When id_range <= C_r the IDs are already a colouring inside the palette
// [0, C_r) and no step runs; otherwise one step (id_range <= q_r³) or a few.
// The ruling set therefore always sees the same palette C_r whatever n is:
// this is what makes BEP-a's count flat. (For Δ_r > 2^20, i.e. large k, C_r
// exceeds any practical ID range and the palette is id_range instead.)
// Each step gathers the colours of the radius-r ball over r rounds as
// frontiers: F_v(0) = {c(v)}, F_v(t) = ∪_u F_u(t−1) minus F_v(t−1),
// F_v(t−2) and c(v). By induction on t every F_v(t) holds only colours
// within distance t, and a colour at distance t lies in some F_v(t'),
// t' <= t (it is in F_u(t' − 1) for the neighbour u towards it, and is
// dropped at v only when v already had it one or two rounds before); so
// ∪_{t <= r} F_v(t) is exactly the set of colours of v's r-ball, while a
// vertex keeps only two frontiers, never its ball. Arriving colours c are
// not stored either when the step's degree d <= 2 and q <= 2^22 (always,
// except a first step from a huge ID range): v marks in a q-bit map the
// points x of GF(q) where f_c(x) = f_v(x), the roots of the nonzero
// polynomial f_c − f_v (closed form with inverse and square-root tables),
// and takes the least unmarked x: the same choice as LinialNewColour,
// which is used on the kept ball colours for the other steps.
// Rounds: r · S, S = the number of steps <= log*(id_range) + 2.
//
// Step 2, the ruling set: DigitRulingSet (algorithms/blocks/ruling_set.h)
// on G^r from the C_r-colouring, with the mixed radix that minimises
// BEP-a's total: each window costs r rounds and each digit adds r to β,
// hence r to the layer depth D, i.e. r(Δ + 1) rounds in the layers and
// greedy phases (CheapestDigits). For Δ = 4, k = 2: bases (6, 6, 7, 7, 7),
// 28 windows, rounds 84, β = 15. Rounds r · Σ(b_j − 1), β = r · m.
//
// Citation: N. Linial, SIAM J. Comput. 21(1), 1992; B. Awerbuch,
// A. V. Goldberg, M. Luby, S. A. Plotkin, "Network decomposition and
// locality in distributed computation", FOCS 1989.
#ifndef FCSIM_ALGORITHMS_BEP_DELTA_CENTRES_H_
#define FCSIM_ALGORITHMS_BEP_DELTA_CENTRES_H_

#include <cstdint>
#include <vector>

#include "algorithms/blocks/linial.h"
#include "algorithms/blocks/ruling_set.h"
#include "sim/engine.h"

namespace fcsim {

struct CentreParams {
  std::uint32_t r = 1;               // the power: centres >= r + 1 apart
  std::uint64_t power_degree = 0;    // Δ_r
  std::vector<LinialStep> schedule;  // Linial on G^r, down to <= colours
  std::uint64_t colours = 0;         // C_r: the palette of the ruling set
  RulingDigits digits;               // mixed radix of C_r
  std::uint64_t linial_rounds() const {
    return std::uint64_t{r} * schedule.size();
  }
  std::uint64_t ruling_rounds() const {
    return DigitRulingSetRounds(digits, r);
  }
  std::uint64_t beta() const { return DigitRulingSetBeta(digits, r); }
};

// Linial's fixed-point palette on a graph of degree bound `degree`.
std::uint64_t LinialFixedPoint(std::uint64_t degree);

CentreParams MakeCentreParams(NodeId id_range, std::uint64_t max_degree,
                              std::uint32_t r);

// A proper colouring of G^r with colours < params.colours.
VertexData<std::uint64_t> RunPowerLinial(Simulation& sim,
                                         const CentreParams& params);

// 1 for the members of M, 0 otherwise, from a proper colouring of G^r with
// colours < params.colours.
VertexData<std::uint8_t> RunPowerRulingSet(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    const CentreParams& params);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BEP_DELTA_CENTRES_H_
