// BEP-d: a fractional (2 + ε)-colouring of large-girth graphs from a proper
// minor-closed family, with constant-size output.
//
// Model: LOCAL, deterministic, unique IDs in 1..id_range. Knowledge: n (an
// upper bound) and id_range; ε is a parameter, k = ⌈1/ε⌉ (1 <= k <= 32).
// Class (for the phase bound below): planar graphs of girth
// >= 22(2k − 1); more generally girth >= h(2k − 1) in a minor-closed class
// whose graphs of girth >= h have at most 1.1·|V| edges (every proper
// minor-closed class has such an h; 22 for planar). Outside the class the
// peeling stalls and the driver throws BepGirthStall, an input error naming
// the phase and the remaining core.
//
// Claimed output: a (2k+1):k-colouring, weight 2 + 1/k <= 2 + ε; every
// vertex outputs the window {c, c+1, ..., c+k−1} mod 2k+1 of c = j·k mod
// (2k+1), where j is a homomorphism to the cycle C_{2k+1} (neighbours have
// j differing by ±1, hence c differing by k, hence disjoint windows).
//
// Construction (design: /work/shared/design/algorithms.md, "BEP-d"):
//  1. Peeling, phase p = 1, 2, ... on the graph G_p of vertices not yet
//     removed (one engine phase each, 2k + 1 rounds): a vertex of degree
//     <= 1 in G_p is removed ("A"); a degree-2 vertex whose maximal run of
//     degree-2 vertices has >= 2k − 1 vertices, or is a cycle component, is
//     removed ("B"). Runs are measured by relaying ID tokens H = 2k hops
//     along the run; a vertex whose own ID comes back after L <= 2k hops is
//     on a cycle component of length L, and odd L < 2k + 1 is an input
//     error (C_L has no homomorphism to C_{2k+1}). The driver stops when no
//     vertex is left, and throws BepGirthStall when a phase removes nothing
//     or after P_max phases (termination detection via Simulation::Any).
//  2. Ruling set on the removed runs ("pieces", paths and cycles of max
//     degree 2; one engine phase for all pieces at once): candidates are the
//     piece vertices at distance >= 2k from every end of their piece that is
//     a later-removed vertex ("fixed" end). Linial on the piece power P^r,
//     r = 2k − 1 (degree 2r, C = LinialColours(id_range, 2r) colours), then
//     the bit-by-bit merge of Awerbuch–Goldberg–Luby–Plotkin: members are
//     pairwise >= 2k apart along the piece and every candidate is within
//     β = r·⌈log2 C⌉ of a member. Every round of P^r is r rounds of G: the
//     values are relayed as a shift register along the piece (one token per
//     port and round), so no vertex reads anything outside its r-ball.
//  3. Colouring back, phase p = P, ..., 1 (one engine phase each): anchors
//     are ruling members (position 0) and fixed ends (already coloured,
//     they were removed later). Between two anchors at distance L >= 2k the
//     segment follows the canonical walk W(a, b, L) in C_{2k+1} (in C_{2k+1}
//     walks of every length >= 2k join any two vertices: take the ±1 run of
//     length d or 2k+1−d whose parity matches L, then alternate); segments
//     are oriented from the anchor with the smaller key (anchor ID, ID of
//     the segment's first vertex), which both ends' vertices compute alike.
//     A segment ending at a free end (a vertex of degree 1 removed in the
//     same phase) alternates a, a+1, a, ... from its only anchor. Then the
//     A vertices of phase p take their single neighbour's position + 1 (a
//     K_2 component: the smaller ID takes 0, the other 1; isolated: 0).
//     Anchors are spaced as in step 2: every gap is >= 2k and at most
//     G = max(4k − 1, 2k + β, 2β + 1), so anchor data travels <= G hops.
//
// Phase bound (our proof, planar case; see papers/bep_girth.md): let V1 be
// the vertices of degree 1, V3 those of degree >= 3, X = |V1| + |V3| in G_p.
// The short threads (< 2k − 1 vertices) form a planar topological minor on
// V1 ∪ V3 of girth >= g/(2k − 1) >= 22, so they number <= 1.1·X; counting
// degrees, either |V1| >= X/5 or the long threads number >= |V3|/4 and
// contain >= X/5 vertices. The kept vertices are V3 and those of short
// threads, <= 2.2k·X. So |G_{p+1}| <= (1 − 1/(11k+1))·|G_p| and
//   P <= P_max = ⌊(11k + 1)·ln n⌋ + 1 phases.
//
// Claimed rounds (exact, BepGirthPlan::total_rounds):
//   P_max·(2k + 1)                         peeling
// + r·(S + ⌈log2 C⌉),  S = |LinialSchedule(id_range, 2r)| <= log*(id) + 2
// + P_max·(G + 3)                          colouring back
// = O(k·log n + k·log* n + k log k) for fixed k: c·ln n with
//   c = (11k + 1)(2k + 4 + G) (G is constant in n).
//
// Citation: N. Bousquet, L. Esperet, F. Pirot, "Distributed algorithms for
// fractional coloring", SIROCCO 2021, arXiv:2012.01752 (their result:
// 2 + ε for large-girth graphs of proper minor-closed families in O(log n)
// rounds with constant output; the construction here is ours).
#ifndef FCSIM_ALGORITHMS_BEP_GIRTH_H_
#define FCSIM_ALGORITHMS_BEP_GIRTH_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/harness.h"
#include "algorithms/rational.h"
#include "sim/engine.h"
#include "sim/graph.h"

namespace fcsim {

inline constexpr std::uint32_t kBepGirthMaxK = 32;

struct BepGirthPlan {
  std::uint32_t k = 1;
  std::uint32_t a = 3, b = 1;        // 2k + 1, k
  std::uint32_t horizon = 2;         // H = 2k (peeling token hops)
  std::uint32_t r = 1;               // 2k − 1 (power of the piece graph)
  std::uint32_t linial_steps = 0;    // S
  std::uint64_t linial_colours = 0;  // C
  std::uint32_t merge_bits = 0;      // ⌈log2 C⌉
  std::uint64_t beta = 0;            // r·⌈log2 C⌉
  std::uint64_t max_gap = 0;         // G
  std::uint64_t max_phases = 0;      // P_max
  std::uint64_t peel_rounds = 0;     // per phase: 2k + 1
  std::uint64_t ruling_rounds = 0;   // r·(S + ⌈log2 C⌉)
  std::uint64_t colour_rounds = 0;   // per phase: G + 3
  std::uint64_t total_rounds() const {
    return max_phases * (peel_rounds + colour_rounds) + ruling_rounds;
  }
};

// P_max = ⌊(11k + 1)·ln n⌋ + 1 (n >= 2; 1 for n <= 1).
std::uint64_t BepGirthMaxPhases(std::uint64_t n, std::uint32_t k);

// The girth the phase bound assumes: 22(2k − 1).
std::uint64_t BepGirthRequiredGirth(std::uint32_t k);

// Throws std::invalid_argument for k outside 1..32 or id_range = 0.
BepGirthPlan MakeBepGirthPlan(std::uint64_t n, NodeId id_range,
                              std::uint32_t k);

RoundBound BepGirthRoundBound(std::uint32_t k);

// The input is outside the class: peeling removed nothing in `phase`, ran
// out of phases, or met an odd cycle component shorter than 2k + 1. `core`
// holds the vertices of G_phase (indices of the simulated graph).
class BepGirthStall : public std::invalid_argument {
 public:
  BepGirthStall(const std::string& what, std::uint64_t phase,
                std::uint64_t odd_cycle, std::vector<Vertex> core)
      : std::invalid_argument(what),
        phase_(phase),
        odd_cycle_(odd_cycle),
        core_(std::move(core)) {}
  std::uint64_t phase() const { return phase_; }
  std::uint64_t odd_cycle() const { return odd_cycle_; }
  const std::vector<Vertex>& core() const { return core_; }

 private:
  std::uint64_t phase_;
  std::uint64_t odd_cycle_;
  std::vector<Vertex> core_;
};

// One line: phase, core size and the girth of the core (computed on the
// core, outside the simulation), for the CLI and tests.
std::string BepGirthStallMessage(const Graph& graph, const BepGirthStall& s,
                                 std::uint32_t k);

// Engine phase names; the peeling phases used are the RunStats phases
// named kBepGirthPeelPhase.
inline constexpr const char* kBepGirthPeelPhase = "girth-peel";
std::uint64_t BepGirthPeelPhases(const RunStats& stats);

// The whole driver. Needs knowledge().n and id_range.
FractionalOutput RunBepGirth(Simulation& sim, std::uint32_t k);

FractionalAlgorithm BepGirthAlgorithm(const Rational& epsilon);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BEP_GIRTH_H_
