// BEP-a: a fractional (Δ + ε)-colouring with constant-size output.
//
// Model: LOCAL, deterministic, unique IDs in 1..id_range. Knowledge: Δ
// (max_degree, an upper bound on every degree, Δ >= 3) and id_range; ε is a
// parameter. Class: graphs of max degree <= Δ with no K_{Δ+1} component.
//
// Claimed output: with k = ⌈1/ε⌉, an a:b-colouring with a = kΔ + 1, b = k,
// weight (kΔ + 1)/k = Δ + 1/k <= Δ + ε. Every vertex outputs exactly k
// colours; a and b depend only on (Δ, ε).
//
// Construction (design: /work/shared/design/algorithms.md, "BEP-a"):
// colours are pairs (palette i < k, colour c < Δ) -> iΔ + c, plus one extra
// colour ⋆ = kΔ shared by all palettes.
//  0. Degree check (0 rounds): a vertex of degree > Δ flags an error.
//  1. c0: a proper (Δ+1)-colouring (Linial + reduction, algorithms/blocks).
//  2. Small components (bep_delta_small.h): a component of diameter < 4k is
//     Δ-coloured canonically (Brooks); its vertices output their colour in
//     all k palettes. A K_{Δ+1} component is reported as an input error.
//  3. Centres (bep_delta_centres.h): M with pairwise distance >= 4k − 2 and
//     every vertex within β = r·B of M, r = 4k − 3, B = ⌈log2 C_r⌉, C_r the
//     colours of Linial on G^r.
//  4. Holes: each centre m takes t = the least-ID vertex at distance exactly
//     L = 2k − 2 and the lexicographically least (by IDs) shortest path
//     m = p_0, ..., p_L = t; hole_i(m) = p_{2i}, i < k. Centres are
//     >= 4k − 2 apart, so radius-L balls of centres are disjoint, holes of
//     different centres are >= 2 apart, holes of one centre are >= 2 apart
//     on a geodesic: S = ∪ S_i is independent and the S_i are disjoint.
//     In a component that is not small, ecc(m) >= diam/2 >= 2k > L, so
//     every centre has all k holes.
//     Done with five L-round sweeps of fixed-size messages: BFS from the
//     centres, convergecast of the least ID on layer L, broadcast of t, BFS
//     from t inside the ball, and the walk down the least path.
//  5. Palettes in parallel: ℓ_i(v) = dist(v, S_i) <= D = β + L (one flood
//     of k distances, D rounds); then v colours palette i in slot
//     (D − ℓ_i(v))(Δ+1) + c0(v) with the least colour of [Δ] unused by its
//     neighbours in palette i; holes of S_i take ⋆ instead.
//     Why a colour is free: v (ℓ = ℓ_i(v) >= 1) has a neighbour u with
//     ℓ_i(u) = ℓ − 1, which is a hole (never coloured in palette i) or has
//     a later slot (its layer comes after v's). Neighbours in v's layer have
//     other c0 colours, hence other slots. So when v colours, at most
//     deg(v) − 1 <= Δ − 1 neighbours hold a palette-i colour, and one of the
//     Δ colours is free. Adjacent vertices: palette-i colours differ (the
//     later one avoids the earlier), ⋆ is only on holes (independent), so
//     the sets are disjoint; each vertex gets k colours (one per palette,
//     ⋆ replacing the one palette where it is a hole).
//
// Claimed rounds (exact sum of the phases' declared bounds, see
// BepDeltaPlan; every constant explicit):
//   LinialRoundBound(id_range, Δ) = log*(id_range) + 2
// + ReductionRoundBound(kFastest, LinialColours(id_range, Δ), Δ)
// + 3(4k − 1)                                    small components
// + r·S_r,   S_r = |LinialSchedule(id_range, Δ_r)| <= log*(id_range) + 2
// + r·B,     B = ⌈log2 C_r⌉, C_r <= (4Δ_r + 2)^2 once id_range is large
// + 5(2k − 2)                                    holes
// + D,       D = r·B + 2k − 2                    distances
// + D(Δ+1) − 1                                   greedy slots
// with r = 4k − 3 and Δ_r = Σ_{i=1..r} Δ(Δ−1)^{i−1}: O(k log* n) plus
// O(k Δ log Δ_r) = poly(Δ^k)·... for fixed Δ, ε, i.e. O(log* n).
//
// Improvements over the brief's suggestion, and why: small components use a
// leader convergecast (memory n·depth words instead of n·Δ^{4k}); the G^r
// ball gathering deduplicates colours by value in 32-bit words; holes use
// fixed-size sweeps instead of gathering the centre's ball.
//
// Citation: N. Bousquet, L. Esperet, F. Pirot, "Distributed algorithms for
// fractional coloring", SIROCCO 2021, arXiv:2012.01752 (the construction
// here is ours and meets their guarantee Δ + ε in O(log* n) rounds).
#ifndef FCSIM_ALGORITHMS_BEP_DELTA_H_
#define FCSIM_ALGORITHMS_BEP_DELTA_H_

#include <cstdint>
#include <string>
#include <utility>

#include "algorithms/bep_delta_centres.h"
#include "algorithms/harness.h"
#include "algorithms/rational.h"
#include "sim/engine.h"

namespace fcsim {

// Palettes carried in fixed-size messages: k = ⌈1/ε⌉ <= 16 (ε >= 1/16).
inline constexpr std::uint32_t kBepMaxPalettes = 16;

// Everything the algorithm derives from the declared knowledge and k, and
// the declared rounds of each phase.
struct BepDeltaPlan {
  std::uint32_t k = 1;
  std::uint32_t max_degree = 0;    // Δ
  std::uint32_t a = 0, b = 0;      // kΔ + 1, k
  std::uint32_t holes_radius = 0;  // L = 2k − 2
  CentreParams centres;            // r = 4k − 3, Linial on G^r, B
  std::uint64_t max_distance = 0;  // D = r·B + L
  // Declared rounds per phase.
  std::uint64_t linial_rounds = 0;
  std::uint64_t reduction_rounds = 0;
  std::uint64_t small_rounds = 0;
  std::uint64_t power_linial_rounds = 0;
  std::uint64_t ruling_rounds = 0;
  std::uint64_t hole_rounds = 0;
  std::uint64_t layer_rounds = 0;
  std::uint64_t greedy_rounds = 0;
  std::uint64_t total_rounds() const {
    return linial_rounds + reduction_rounds + small_rounds +
           power_linial_rounds + ruling_rounds + hole_rounds + layer_rounds +
           greedy_rounds;
  }
};

// k = ⌈1/ε⌉ for 0 < ε; throws std::invalid_argument otherwise.
std::uint32_t BepPalettes(const Rational& epsilon);

// Throws std::invalid_argument for Δ < 3, k = 0, k > 16 or kΔ + 1 > 256.
BepDeltaPlan MakeBepDeltaPlan(std::uint64_t max_degree, NodeId id_range,
                              std::uint32_t k);

// The declared round bound (formula with constants, and its evaluation).
RoundBound BepDeltaRoundBound(std::uint32_t k);

// The whole driver. Needs knowledge().max_degree and id_range. Throws
// std::invalid_argument (one line) for inputs outside the class: Δ < 3, a
// vertex of degree above the declared Δ, a K_{Δ+1} component.
FractionalOutput RunBepDelta(Simulation& sim, std::uint32_t k);

// The algorithm for the harness (weight claim Δ + 1/k, constant output
// (kΔ + 1, k), the round bound above).
FractionalAlgorithm BepDeltaAlgorithm(const Rational& epsilon);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BEP_DELTA_H_
