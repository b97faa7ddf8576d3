// Cole–Vishkin 3-colouring of oriented paths and cycles (more generally of
// any orientation with out-degree <= 1, e.g. rooted trees, pseudoforests).
//
// Model: LOCAL, deterministic. Knowledge: id_range (IDs in 1..id_range are
// the initial colours, colour = ID - 1). Input: the port of the vertex's
// successor, or kNoSuccessor (a path end); the orientation is input, given
// by the caller (e.g. CycleSuccessorPorts), not computed.
//
// Steps: (1) colour reduction: with colours in [0, N), N > 6, each vertex
// finds the lowest bit i where its colour differs from its successor's and
// takes 2i + (its bit i); a vertex without successor takes its bit 0
// (i = 0). Colours drop to [0, 2·ceil(log2 N)) per round, until N <= 6.
// (2) shift down: every vertex takes its successor's colour (a vertex
// without successor takes the least of {0,1,2} other than its own), so all
// predecessors of v share one colour. (3) colours 5, 4, 3 in turn pick the
// least colour of {0,1,2} free among their neighbours.
//
// Guarantee: a proper colouring with colours {0, 1, 2}.
// Rounds: s + 4, where s = CvReductionSteps(id_range) is the number of
// reduction rounds (0 if id_range <= 6), and 0 when id_range <= 3.
// Derivation of the constant: s depends only on L = ceil(log2 id_range);
// comparing s with log*(2^{L-1} + 1) (the least id_range with that L) for
// every L = 3..64 gives s <= log*(id_range) for all 4 <= id_range <= 2^64
// (checked by CvTest.ReductionStepsWithinLogStar). Hence
// rounds <= log*(id_range) + 4: c = 4 = one shift round + three recolouring
// rounds.
// Citation: R. Cole, U. Vishkin, "Deterministic coin tossing with
// applications to optimal parallel list ranking", Inf. Control 70(1), 1986;
// the 6 -> 3 step as in Goldberg, Plotkin, Shannon 1988.
#ifndef FCSIM_ALGORITHMS_BLOCKS_COLE_VISHKIN_H_
#define FCSIM_ALGORITHMS_BLOCKS_COLE_VISHKIN_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/engine.h"

namespace fcsim {

inline constexpr Port kNoSuccessor = ~Port{0};

struct ColeVishkinProgram {
  using Input = Port;  // successor port or kNoSuccessor
  struct State {
    std::uint64_t colour = 0;
  };
  using Message = std::uint64_t;
  using Output = std::uint8_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  std::uint32_t steps = 0;  // CvReductionSteps(id_range)

  void Init(Context<ColeVishkinProgram>& ctx) const;
  void Round(Context<ColeVishkinProgram>& ctx) const;
  Output Finish(const State& s) const { return std::uint8_t(s.colour); }
};

std::uint32_t CvReductionSteps(std::uint64_t id_range);
// Declared bound: LogStar(id_range) + 4 (0 when id_range <= 3).
std::uint64_t ColeVishkinRoundBound(std::uint64_t id_range);

// Requires knowledge().id_range. Successor ports are validated against the
// degrees by the harness-level overload below; inside the program an
// out-of-range port counts as "no successor".
VertexData<std::uint8_t> ColeVishkin(Simulation& sim,
                                     const VertexData<Port>& successor);

// Successor ports of an orientation given as a successor vertex per vertex
// (kNoVertex for none). Throws std::invalid_argument when a successor is
// not a neighbour.
std::vector<Port> SuccessorPorts(const Graph& graph,
                                 std::span<const Vertex> successor);
// The orientation i -> i+1 (mod n) of the generated Cycle(n) / Path(n).
std::vector<Port> CycleSuccessorPorts(const Graph& cycle);
std::vector<Port> PathSuccessorPorts(const Graph& path);

// Verifier: proper, colours in {0, 1, 2}.
std::string VerifyThreeColouring(const Graph& graph,
                                 std::span<const std::uint8_t> colours);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_COLE_VISHKIN_H_
