// HHRS: the one-round fractional colouring of weight α(Δ+1).
//
// Model: LOCAL, unique IDs from {1..poly(n)}; every vertex knows Δ (an upper
// bound on the maximum degree) and the parameter α > 1 (a rational). Nothing
// else is known: not n, not the ID range.
//
// Claimed guarantee: a schedule S_v ⊆ [0, T) with T = α(Δ+1) exactly, every
// |S_v| >= 1 and S_u ∩ S_v = ∅ on every edge, i.e. weight <= α(Δ+1).
// Claimed rounds: exactly 1 (round 0 broadcasts the ID; in round 1 a vertex
// reads its neighbours' IDs and halts).
// Output size: NOT constant. S_v is a union of dyadic intervals whose count is
// at most 2^(p(m+1)), m the largest ID in v's closed neighbourhood; it grows
// with the IDs (see HhrsIntervalCount for the exact count).
//
// Construction (derandomised "strict local minimum of a random label"): time
// t ∈ [0,1) is the random seed; ID x reads the p-bit label formed by the
// binary digits of t at positions p·x .. p·x+p-1, so distinct IDs see i.i.d.
// uniform labels. v owns the t where its label is strictly below all its
// neighbours' labels, scaled by T. p is the least p with
// T · Pr[strict minimum among Δ+1 i.i.d. p-bit labels] >= 1, computed exactly
// with GMP (the probability tends to 1/(Δ+1) < α/T, so such a p exists).
// The schedule is symbolic (HhrsSchedule in coloring.h): a vertex's output
// is its ID, its neighbours' IDs and (p, T); it is never expanded.
//
// Citation: H. Hasemann, J. Hirvonen, J. Rybicki, J. Suomela,
// "Deterministic local algorithms, unique identifiers, and fractional graph
// colouring", Theoretical Computer Science 610 (2016) 204-217.
#ifndef FCSIM_ALGORITHMS_HHRS_H_
#define FCSIM_ALGORITHMS_HHRS_H_

#include <gmpxx.h>

#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/checker.h"
#include "algorithms/coloring.h"
#include "algorithms/harness.h"
#include "algorithms/rational.h"
#include "algorithms/wire.h"
#include "sim/engine.h"
#include "sim/graph.h"
#include "sim/ids.h"

namespace fcsim {

// What one vertex outputs: the data that defines S_v (coloring.h).
struct HhrsVertexOutput {
  NodeId id = 0;
  std::vector<NodeId> neighbor_ids;  // in port order
  HhrsSchedule schedule;
  bool operator==(const HhrsVertexOutput&) const = default;
};

template <>
struct Wire<HhrsVertexOutput> {
  static void Put(Bytes& out, const HhrsVertexOutput& o) {
    Wire<NodeId>::Put(out, o.id);
    Wire<std::vector<NodeId>>::Put(out, o.neighbor_ids);
    Wire<std::uint32_t>::Put(out, o.schedule.p);
    Wire<std::int64_t>::Put(out, o.schedule.frame.num());
    Wire<std::int64_t>::Put(out, o.schedule.frame.den());
  }
  static HhrsVertexOutput Take(const Bytes& in, std::size_t& at) {
    HhrsVertexOutput o;
    o.id = Wire<NodeId>::Take(in, at);
    o.neighbor_ids = Wire<std::vector<NodeId>>::Take(in, at);
    o.schedule.p = Wire<std::uint32_t>::Take(in, at);
    const auto num = Wire<std::int64_t>::Take(in, at);
    const auto den = Wire<std::int64_t>::Take(in, at);
    o.schedule.frame = Rational(num, den);
    return o;
  }
};

// (p, T) for α and Δ: T = α(Δ+1), p minimal (see above). Throws
// std::invalid_argument when α <= 1, Δ = 0 is not declared, or p would
// exceed 62 (α too close to 1).
HhrsSchedule HhrsScheduleFor(const Rational& alpha, std::uint32_t max_degree);

// The vertex program. The schedule is computed once by the driver from the
// declared Δ (global knowledge), exactly as every vertex would compute it.
class HhrsProgram {
 public:
  using Input = NoInput;
  struct State {
    NodeId id = 0;
    std::vector<NodeId> neighbor_ids;
  };
  using Message = NodeId;
  using Output = HhrsVertexOutput;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  explicit HhrsProgram(HhrsSchedule schedule) : schedule_(schedule) {}

  // Round 0: broadcast the own ID. Throws std::invalid_argument when the
  // vertex's degree exceeds the declared Δ (the guarantee would not hold).
  void Init(Context<HhrsProgram>& ctx) const;
  // Round 1: record the neighbours' IDs and halt.
  void Round(Context<HhrsProgram>& ctx) const;
  Output Finish(const State& state) const;

 private:
  HhrsSchedule schedule_;
};

// Runs HHRS in a simulation whose knowledge declares Δ; one phase, 1 round.
VertexData<HhrsVertexOutput> RunHhrs(Simulation& sim, const Rational& alpha);

// The independent verifier. Invariants, in this order:
//  * one output per vertex, all with the same (p, T);
//  * vertices in index order: the output's ID is the vertex's ID and its
//    neighbour IDs are the graph's neighbours' IDs in port order;
//  * T <= α(Δ+1) (CheckWeight), Δ the declared maximum degree;
//  * CheckHhrsSchedule: IDs differ on edges, every measure >= 1 (exact).
Verdict CheckHhrsOutputs(const Graph& graph, std::span<const NodeId> ids,
                         std::span<const HhrsVertexOutput> outputs,
                         const Rational& alpha, std::uint32_t max_degree);

// HHRS for the harness: declared rounds "1", verifier CheckHhrsOutputs.
Algorithm<HhrsVertexOutput> HhrsAlgorithm(const Rational& alpha);

// Exact number of maximal intervals of S'_v ⊆ [0,1) (the output size κ_v)
// for a vertex with ID `id` and neighbour IDs `neighbor_ids` (distinct, all
// != id). Computed by counting, over the cut points c of the dyadic grid of
// depth L = p(m+1), the c with t = c·2^-L in S'_v and the cell just below
// not in S'_v, grouped so that the cost is O(d² · p · 2^p) big-integer
// operations, never 2^L. Throws std::invalid_argument for p > 20 (the
// enumeration over one label's values would be too large), repeated IDs, or
// p(m+1) >= 2^30 (κ_v itself would not fit in memory).
mpz_class HhrsIntervalCount(std::uint32_t p, NodeId id,
                            std::span<const NodeId> neighbor_ids);

// The same count by brute force over all 2^L cells; L = p(m+1) <= 24 only
// (for tests).
std::uint64_t HhrsIntervalCountBruteForce(std::uint32_t p, NodeId id,
                                          std::span<const NodeId> neighbor_ids);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_HHRS_H_
