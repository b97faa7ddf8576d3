// The independent checker: reads only the graph (and IDs) and an output, and
// decides whether the output is what the algorithm claims. It never looks at
// how the output was produced.
//
// Every check returns a Verdict: PASS, or FAIL with the FIRST violation in a
// fixed deterministic order (documented per function), so that the same
// wrong output always yields the same message, for any thread count. Loops
// over vertices run in parallel (TBB); each finds the smallest failing index
// and the minimum is taken, which keeps the result deterministic.
#ifndef FCSIM_ALGORITHMS_CHECKER_H_
#define FCSIM_ALGORITHMS_CHECKER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "algorithms/coloring.h"
#include "algorithms/rational.h"
#include "sim/audit.h"
#include "sim/graph.h"
#include "sim/ids.h"

namespace fcsim {

enum class ViolationKind {
  kMalformed,          // output does not fit the graph (sizes, b = 0, ...)
  kColorOutOfRange,    // a colour outside 0..a-1
  kTooFewColors,       // |S(v)| < b
  kSharedColor,        // adjacent vertices share a colour
  kBadInterval,        // an interval with lo >= hi or outside [0, T)
  kMeasureTooSmall,    // |S_v| < 1
  kOverlap,            // adjacent vertices' intervals intersect
  kDuplicateId,        // adjacent vertices with equal IDs (HHRS needs unique)
  kWeightExceeded,     // weight above the claimed bound
  kOutputNotConstant,  // (a, b) differ from the declared f(Δ, ε)
  kRoundsExceeded,     // rounds above the declared bound
  kNonLocal,           // the locality audit found a mismatch
  kVerifierFailed,     // a user-supplied verifier (building blocks) failed
};
std::string_view ViolationKindName(ViolationKind kind);

struct Violation {
  ViolationKind kind;
  std::string message;        // one line, e.g. "edge (17, 42) shares colour 5"
  Vertex vertex = kNoVertex;  // the vertex, or the first end of the edge
  Vertex other = kNoVertex;   // the second end of the edge
  std::int64_t color = -1;    // the colour involved, if any
};

struct Verdict {
  std::optional<Violation> violation;  // empty = PASS

  bool passed() const { return !violation.has_value(); }
  static Verdict Pass() { return {}; }
  static Verdict Fail(Violation v) { return {std::move(v)}; }
  // Sequential composition: keeps this verdict's violation if it has one,
  // otherwise takes next's. Returns *this.
  Verdict& Then(const Verdict& next);
  // "PASS" or "FAIL: <kind>: <message>".
  std::string ToString() const;
};

// a:b-colouring validity. Invariants, checked in this order:
//  * the colouring has one set per vertex of the graph and b >= 1;
//  * vertices in index order: no colour outside 0..a-1 (the smallest bad
//    colour is reported), then at least b colours;
//  * edges {u, v} with u < v in index order, v ascending: no shared colour
//    (the smallest shared colour is reported).
Verdict CheckABColoring(const Graph& graph, const ABColoring& coloring);
// The same checks on one rank's part of a partitioned graph (sim/partition.h:
// owned vertices first, then ghosts, `global` naming each): the vertex checks
// on the owned vertices, the edge checks on the edges {u, v} with u owned and
// global[u] < global[v]; violations name global vertices. Over all ranks
// this checks every vertex and every edge once (a distributed run's check).
Verdict CheckABColoringPart(const Graph& part, const ABColoring& coloring,
                            Vertex num_owned, std::span<const Vertex> global);

// A proper colouring with k colours, checked as the k:1-colouring.
Verdict CheckProperColoring(const Graph& graph,
                            std::span<const std::uint32_t> colors,
                            std::uint32_t k);

// Schedule validity. Invariants, in this order:
//  * one interval list per vertex, T > 0;
//  * vertices in index order: every interval satisfies 0 <= lo < hi <= T
//    (first bad interval), then the union has measure >= 1;
//  * edges {u, v}, u < v: the unions of u's and v's intervals are disjoint
//    (an overlapping point is reported as a colour-less message).
// Intervals of one vertex may overlap or touch; the measure is that of the
// union.
Verdict CheckSchedule(const Graph& graph, const IntervalSchedule& schedule);

// The symbolic HHRS schedule, exactly. Invariants, in this order:
//  * one ID per vertex, 1 <= p <= 62, T > 0;
//  * edges {u, v}, u < v: IDs differ (disjointness then holds by the proof
//    in coloring.h; p(maxID+1) must fit in 64 bits so labels are defined);
//  * degrees d present, ascending: T * Pr[strict min among d+1] >= 1
//    (computed exactly with GMP; the first degree that fails is reported,
//    with a vertex of that degree).
Verdict CheckHhrsSchedule(const Graph& graph, std::span<const NodeId> ids,
                          const HhrsSchedule& schedule);

// rounds <= bound; the message quotes the formula, e.g.
// "rounds 57 exceed the declared bound 40 = 3*log*(n)+28".
Verdict CheckRounds(std::uint64_t rounds, std::uint64_t bound,
                    std::string_view formula);

// weight <= claim.
Verdict CheckWeight(const Rational& weight, const Rational& claim);

// Constant-size output: the (a, b) used equal the algorithm's declared
// function of (Δ, ε) only, never of n or of the IDs.
Verdict CheckConstantOutput(std::uint32_t a, std::uint32_t b,
                            std::pair<std::uint32_t, std::uint32_t> declared);

// The locality audit's report as a verdict (the first mismatching vertex).
Verdict CheckLocality(const AuditReport& report);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_CHECKER_H_
