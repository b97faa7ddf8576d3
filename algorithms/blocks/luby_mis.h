// Luby's randomised maximal independent set (random-priority version).
//
// Model: LOCAL (O(log n)-bit messages), randomised: each vertex draws its
// priorities from ctx.rng(), a pure function of (seed, ID, phase, round).
// Nothing is known globally; IDs only break ties between equal draws.
// Iteration (2 rounds): every undecided vertex draws a 64-bit priority;
// a vertex whose (priority, ID) is smaller than that of every undecided
// neighbour joins; then undecided neighbours of joiners leave.
// Guarantee: always an MIS when it halts (Las Vegas).
// Rounds: 2 per iteration. Each iteration removes in expectation at least
// half of the remaining edges (Métivier et al. 2011), so after
// k = ceil(log2(m + 1)) + 20 iterations some edge survives with probability
// <= 2^-20, and one more iteration decides the remaining isolated vertices.
// Declared bound (holds with probability >= 1 - 2^-20):
// LubyRoundBound(n, Δ) = 2 · (ceil(log2(nΔ/2 + 1)) + 21).
// Citation: M. Luby, "A simple parallel algorithm for the maximal
// independent set problem", SIAM J. Comput. 15(4), 1986; Métivier, Robson,
// Saheb-Djahromi, Zemmari, "An optimal bit complexity randomized
// distributed MIS algorithm", Distrib. Comput. 23, 2011.
#ifndef FCSIM_ALGORITHMS_BLOCKS_LUBY_MIS_H_
#define FCSIM_ALGORITHMS_BLOCKS_LUBY_MIS_H_

#include <cstdint>
#include <span>
#include <string>

#include "sim/engine.h"

namespace fcsim {

struct LubyMisProgram {
  enum Status : std::uint8_t { kSilent = 0, kUndecided, kIn, kOut };
  struct Message {
    std::uint64_t priority = 0;
    NodeId id = 0;
    Status status = kSilent;
  };
  using Input = NoInput;
  struct State {
    Message mine;
  };
  using Output = std::uint8_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  void Init(Context<LubyMisProgram>& ctx) const;
  void Round(Context<LubyMisProgram>& ctx) const;
  Output Finish(const State& s) const { return s.mine.status == kIn ? 1 : 0; }
};

std::uint64_t LubyRoundBound(std::uint64_t n, std::uint64_t max_degree);

VertexData<std::uint8_t> LubyMis(Simulation& sim);

// Verifier: independent and maximal.
std::string VerifyMis(const Graph& graph,
                      std::span<const std::uint8_t> members);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_LUBY_MIS_H_
