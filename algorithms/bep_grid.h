// BEP-c: a fractional (2 + ε)-colouring of d-dimensional grids (bipartite
// boxes and even tori) with constant-size output.
//
// Model: LOCAL, deterministic, unique IDs in 1..id_range. Knowledge: Δ
// (max_degree) and id_range; the dimension is d = ⌈Δ/2⌉ (d <= 4); ε is a
// parameter. Only graph distances and bipartiteness are used: no
// coordinates, no orientation. Class: bipartite graphs whose balls are
// quotients of L1 balls of Z^d with pairwise distances not increased (boxes
// and tori of any side lengths, as subgraphs or quotients of Z^d); the
// packing bounds below are proved for exactly that class.
//
// Claimed output: a 2k:(k−B)-colouring, weight 2k/(k−B) <= 2 + ε, where the
// plan (MakeBepGridPlan) fixes, from (d, ε) only: the centre spacing s, the
// hierarchy radii D_0 < ... < D_L = s − 1, the coverage β = Σ D_i, the number
// of clusterings k <= 512 and the miss bound B (formulas below). a and b do
// not depend on n or on the IDs.
//
// Construction (ours; design: /work/shared/design/algorithms.md "BEP-c",
// improved as recorded in papers/bep_grid.md):
//  1. Centres M: pairwise distance >= s, every vertex within β of M.
//     Hierarchy of L+1 levels, M_0 = V. Level i computes an MIS M_{i+1} of
//     the conflict graph H_i on M_i (edges: G-distance <= D_i):
//       a. Linial on H_i: the schedule of algorithms/blocks/linial.h for
//          degree bound Δ_i (S_i steps, C_i colours). In window j (D_i
//          rounds) every member's value floods D_i − 1 hops; relays are the
//          non-members, which sleep until a neighbour sends (Wait) and
//          forward only the first arrival of an ID; members stay awake,
//          collect, and apply step j at the window's end (they relay too
//          only when D_i > 2·D_{i−1} + 1, see b). A halt wave (<= h_i
//          rounds, see b) ends the phase.
//          Δ_0 = V_d(D_0) − 1; Δ_i = ⌊V_d(D_i + t)/V_d(t)⌋ − 1 with
//          t = ⌊D_{i−1}/2⌋ (members are > D_{i−1} apart, so their radius-t
//          L1 balls are disjoint and lie in the radius-(D_i + t) ball).
//          V_d(r) = Σ_i 2^i C(d,i) C(r,i) is the L1 ball of Z^d. A member
//          that hears more than Δ_i members flags "outside the class".
//       b. MIS of H_i by colour classes, on a fixed schedule: class c
//          decides in round 1 + c·D_i (a member joins unless a joined
//          member lies within D_i) and a joiner's hop count floods D_i − 1
//          hops through relays, so it has reached every member within D_i
//          before the next class decides. Members of one class are > D_i
//          apart (proper colouring of H_i): joins of one class never
//          conflict. Relays: every non-member, which sleeps until a
//          neighbour sends (Wait). Members sleep until their class's round
//          (SleepUntil) and do not relay, which loses nothing when
//          D_i <= 2·D_{i−1} + 1: two members within D_i are then joined by
//          geodesics without a third member (a third one would be
//          > D_{i−1} from both ends). At a level with D_i > 2·D_{i−1} + 1
//          (the top level when λ > 2) members stay awake and relay too.
//          After the last class a halt wave leaves the members and reaches
//          every non-member within h_i = Σ_{j<i} D_j hops (M_i dominates V
//          within h_i; the geodesic to the nearest member crosses no other
//          member). Classes are split into phases of K_i =
//          ⌊2^19 / D_i⌋ classes (the engine's per-phase round limit is
//          2^20); a phase starts by re-sending the hop counts < D_i. The
//          number of rounds depends only on the plan (and on the halt
//          wave's length <= h_i): flat in n apart from S_i's log* part.
//       b'. A level with C_i·D_i > 2^24 (in 3-D, where Δ_i and C_i are large)
//          uses the MIS in colour order instead: iterations of 2·D_i rounds,
//          a min-flood of the undecided members' colours (local minima
//          join) then a join-flood (members reached drop out); after
//          iteration c every member of colour < c is decided, so at most
//          C_i + 1 iterations (in practice a few, growing slowly with n).
//          Between an iteration's two decision rounds every vertex waits
//          for a neighbour's message or the next decision round (WaitUntil).
//     Hence M = M_{L+1} is > D_L = s − 1 apart and dominates at β = Σ D_i.
//     Radii: D_L = s − 1, D_{L−1} = ⌈D_L/λ⌉ (λ ∈ kBepGridTopRatios), then
//     D_{i−1} = ⌈D_i/2⌉ down to D_0 = 1.
//  2. k clusterings in one min-flood of R + k rounds, R = β (before round R
//     a vertex acts only on a neighbour's message, WaitUntil(R)): in clustering
//     j < k every vertex v is owned by o_j(v) = the least-ID centre within
//     ρ_j = R + j and takes c_j(v) = dist(v, o_j(v)) mod 2. Owners exist
//     (β-domination). v is *dropped* in clustering j when a neighbour u has
//     c_j(u) = c_j(v) and o_j(u) < o_j(v); an edge with equal colours and
//     equal owners would close an odd walk (reported: not bipartite).
//     Kept vertices of clustering j are properly 2-coloured by c_j: an edge
//     with equal colours has different owners and its larger-owner end is
//     dropped. Colour of (j, c) is 2j + c; v outputs its first k − B kept
//     clusterings.
//  3. Miss bound. If v is dropped in j because of u, then
//     dist(u, o_j(u)) <= ρ_j < dist(v, o_j(u)), so o_j(u) is a centre at
//     distance exactly ρ_j + 1 ∈ [R+1, R+k]; a centre causes at most one
//     drop. Radius-t balls (t = ⌊(s−1)/2⌋) of those centres are disjoint and
//     lie in the L1 annulus [R+1−t, R+k+t], hence
//       B = ⌊(V_d(R+k+t) − V_d(R−t)) / V_d(t)⌋.
//     (Boxes are L1-convex in Z^d; in a torus pick each centre's nearest
//     lift: the lifts keep their distances to v and stay >= s apart.)
//     Sharper in low dimension (same centres, pairwise >= s apart, at L1
//     distance in [R+1, R+k] from v): write u = x + y, w = x − y; for any
//     two points |Δx| + |Δy| = max(|Δu|, |Δw|). In the closed quadrant
//     x, y >= 0 the centres have u ∈ [R+1, R+k] and w ∈ [−(R+k), R+k]; if
//     k <= s then |Δu| < s, so their w are s-separated: at most
//     ⌊2(R+k)/s⌋ + 1 per quadrant, and
//       B = min(volume bound, 4·(⌊2(R+k)/s⌋ + 1))   (d = 2, k <= s).
//     In d = 1 the centres lie in two intervals of k points:
//       B = min(volume bound, 2·(⌊(k−1)/s⌋ + 1)).
//     (Tori again via nearest lifts.)
//     A vertex kept fewer than k − B times proves the input outside the
//     class and is reported.
//  The plan takes the first λ of kBepGridTopRatios that admits a plan, and
//  for it the least s (then the least k) with 2k/(k−B) <= 2 + ε.
//
// Claimed rounds (BepGridPlan::total_rounds, every constant explicit):
//   Σ_i [ D_i·S_i + h_i + MIS_i ] + R + k,
// MIS_i = C_i·D_i + P_i·(1 + h_i) (class schedule, C_i·D_i <= 2^24; every
// level in 2-D at ε >= 1/4) or 2·D_i·(C_i + 1) (colour order),
// S_i = |LinialSchedule(id_range, Δ_i)| <= log*(id_range) + 2; C_i =
// LinialColours(id_range, Δ_i) <= (4Δ_i + 2)^2 once id_range is large,
// P_i = ⌈C_i / K_i⌉, h_i = Σ_{j<i} D_j. For fixed d, ε this is O(log* n),
// and the measured rounds fall short of it only by the halt waves' slack
// (every MIS class slot is run whether or not the class occurs).
//
// Citation: N. Bousquet, L. Esperet, F. Pirot, "Distributed algorithms for
// fractional coloring", SIROCCO 2021, arXiv:2012.01752 (grids: 2 + ε in
// O(log* n) rounds with constant output). The construction is ours.
#ifndef FCSIM_ALGORITHMS_BEP_GRID_H_
#define FCSIM_ALGORITHMS_BEP_GRID_H_

#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/blocks/linial.h"
#include "algorithms/harness.h"
#include "algorithms/rational.h"
#include "sim/engine.h"

namespace fcsim {

// Clusterings are carried in 64-bit masks (2 words for k <= 128, else 8):
// k <= 512, a = 2k <= 1024 = ColorSet::kMaxColors.
inline constexpr std::uint32_t kBepGridMaxClusterings = 512;
// Candidate ratios D_L / D_{L-1} of the hierarchy's top level, tried in
// order (larger: less coverage overhead β/s, hence smaller s for a given ε,
// but more members per ball, i.e. more memory, in the top level's Linial).
inline constexpr std::uint32_t kBepGridTopRatios[] = {2, 3, 4, 8};

// |L1 ball of radius r in Z^d| = Σ_{i<=min(d,r)} 2^i C(d,i) C(r,i).
std::uint64_t LatticeBallSize(std::uint32_t d, std::uint64_t r);

// Rounds of one MIS phase at most (a phase handles a chunk of classes).
inline constexpr std::uint64_t kBepGridMaxPhaseRounds = 1u << 19;
// A level uses the class schedule when C_i·D_i is at most this; otherwise
// (3-D, where Δ_i and C_i are large) the MIS in colour order.
inline constexpr std::uint64_t kBepGridMaxClassScheduleRounds = 1u << 24;

struct BepGridLevel {
  std::uint32_t radius = 0;          // D_i: conflict distance
  std::uint64_t degree_bound = 0;    // Δ_i: members within D_i of a member
  std::vector<LinialStep> schedule;  // Linial on H_i
  std::uint64_t colours = 0;         // C_i
  std::uint32_t relay_hops = 0;      // h_i = Σ_{j<i} D_j (0 at level 0)
  bool members_relay = false;        // D_i > 2·D_{i−1} + 1
  std::uint64_t chunk = 1;           // K_i: classes per MIS phase
  bool class_schedule = true;        // C_i·D_i <= 2^24
  std::uint64_t chunks() const { return (colours + chunk - 1) / chunk; }
  // D_i·S_i + h_i (h_i: the halt wave).
  std::uint64_t linial_rounds() const {
    return std::uint64_t{radius} * schedule.size() + relay_hops;
  }
  // Class schedule: C_i·D_i + P_i·(1 + h_i), P_i = ⌈C_i / K_i⌉ phases;
  // colour order: 2·D_i·(C_i + 1).
  std::uint64_t mis_rounds() const {
    if (!class_schedule) return 2 * std::uint64_t{radius} * (colours + 1);
    return colours * radius + chunks() * (1 + std::uint64_t{relay_hops});
  }
};

struct BepGridPlan {
  std::uint32_t d = 0;
  std::uint32_t spacing = 0;  // s
  std::uint32_t top_ratio = 2;
  std::uint32_t beta = 0;    // R = β = Σ D_i
  std::uint32_t k = 0;       // clusterings
  std::uint32_t missed = 0;  // B
  std::uint32_t a = 0, b = 0;
  std::vector<BepGridLevel> levels;
  std::uint64_t cluster_rounds() const { return std::uint64_t{beta} + k; }
  std::uint64_t total_rounds() const;
};

// The proved miss bound B for (d, s, β, k) (header, step 3).
std::uint64_t BepGridMissBound(std::uint32_t d, std::uint32_t s,
                               std::uint32_t beta, std::uint32_t k);

// The plan for declared Δ (d = ⌈Δ/2⌉), id_range and ε. Throws
// std::invalid_argument (one line) for ε <= 0, Δ = 0 or d > 4, id_range = 0,
// or an ε whose 2k colours would exceed 1024 under the miss bound.
BepGridPlan MakeBepGridPlan(std::uint64_t max_degree, NodeId id_range,
                            const Rational& epsilon);

RoundBound BepGridRoundBound(const Rational& epsilon);

// The driver. Throws std::invalid_argument for inputs outside the class
// (odd cycle seen, too many members in a ball, a vertex kept too rarely).
FractionalOutput RunBepGrid(Simulation& sim, const Rational& epsilon);

// For measurements (tools/bep_grid_kept): the number of clusterings in
// which each vertex was kept (>= k − B on the class), without the final
// "kept too rarely" check. Not an algorithm output.
std::vector<std::uint32_t> BepGridKeptCounts(Simulation& sim,
                                             const Rational& epsilon);

// The algorithm for the harness: weight claim 2k/(k−B) (<= 2 + ε), constant
// output (2k, k − B), the round bound above.
FractionalAlgorithm BepGridAlgorithm(const Rational& epsilon);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BEP_GRID_H_
