#include "algorithms/checker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "algorithms/harness.h"
#include "sim/engine.h"

namespace fcsim {
namespace {

Graph CycleGraph(Vertex n) {
  std::vector<std::pair<Vertex, Vertex>> e;
  for (Vertex i = 0; i < n; ++i) e.push_back({i, (i + 1) % n});
  return Graph::FromEdges(n, e);
}

// The 5:2-colouring of C5 made by hand: v gets {2v, 2v+1} mod 5.
ABColoring C5FiveTwo() {
  ABColoring c(5, 2, 5);
  for (Vertex v = 0; v < 5; ++v) {
    c.Insert(v, (2 * v) % 5);
    c.Insert(v, (2 * v + 1) % 5);
  }
  return c;
}

TEST(Checker, AcceptsHandMadeFiveTwoColoringOfC5) {
  const Verdict v = CheckABColoring(CycleGraph(5), C5FiveTwo());
  EXPECT_TRUE(v.passed()) << v.ToString();
  EXPECT_EQ(v.ToString(), "PASS");
}

TEST(Checker, AcceptsProperColoringAsAOneColoring) {
  const std::vector<std::uint32_t> colors = {0, 1, 0, 1, 2};
  EXPECT_TRUE(CheckProperColoring(CycleGraph(5), colors, 3).passed());
  const ABColoring c = ABColoring::FromProperColoring(colors, 3);
  EXPECT_EQ(c.weight(), Rational(3));
  EXPECT_TRUE(CheckABColoring(CycleGraph(5), c).passed());
}

TEST(Checker, RejectsOneSharedColourOnOneEdge) {
  ABColoring c = C5FiveTwo();  // vertex 3 has {1, 2}; vertex 4 has {3, 4}
  c.Insert(4, 2);              // now edge (3, 4) shares colour 2
  const Verdict v = CheckABColoring(CycleGraph(5), c);
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kSharedColor);
  EXPECT_EQ(v.violation->message, "edge (3, 4) shares colour 2");
  EXPECT_EQ(v.violation->vertex, 3u);
  EXPECT_EQ(v.violation->other, 4u);
  EXPECT_EQ(v.violation->color, 2);
}

TEST(Checker, RejectsOneVertexOneColourShort) {
  ABColoring c(5, 2, 5);
  const ABColoring good = C5FiveTwo();
  for (Vertex v = 0; v < 5; ++v) {
    good.ForEach(v, [&](std::uint32_t col) {
      if (!(v == 2 && col == 4)) c.Insert(v, col);
    });
  }
  const Verdict v = CheckABColoring(CycleGraph(5), c);
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kTooFewColors);
  EXPECT_EQ(v.violation->message, "vertex 2 has 1 colours, needs 2");
  EXPECT_EQ(v.violation->vertex, 2u);
}

TEST(Checker, RejectsColourOutsidePalette) {
  std::vector<ColorSet> sets = {{0, 1}, {2, 3}, {4, 0}, {1, 2}, {3, 12}};
  const ABColoring c = ABColoring::FromVertexOutputs(5, 2, sets);
  const Verdict v = CheckABColoring(CycleGraph(5), c);
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kColorOutOfRange);
  EXPECT_EQ(v.violation->message, "vertex 4 has colour 12 outside 0..4");
  EXPECT_EQ(v.violation->color, 12);
}

TEST(Checker, FirstViolationIsDeterministic) {
  // Several violations: vertex checks come first, smallest vertex first;
  // the result is the same on repeated (parallel) runs.
  Graph g = CycleGraph(2000);
  ABColoring c(3, 1, 2000);
  for (Vertex v = 0; v < 2000; ++v) c.Insert(v, v % 2);
  // Even cycle, 2-coloured: valid. Break it (one edge; two vertices).
  ABColoring bad = c;
  bad.Insert(1500, 1);  // shares 1 with 1499 and 1501
  ABColoring bad2(3, 1, 2000);
  for (Vertex v = 0; v < 2000; ++v) {
    if (v != 1700 && v != 900) bad2.Insert(v, v % 2);
  }
  EXPECT_TRUE(CheckABColoring(g, c).passed());
  for (int rep = 0; rep < 3; ++rep) {
    ASSERT_FALSE(CheckABColoring(g, bad).passed());
    ASSERT_FALSE(CheckABColoring(g, bad2).passed());
    EXPECT_EQ(CheckABColoring(g, bad).violation->message,
              "edge (1499, 1500) shares colour 1");
    EXPECT_EQ(CheckABColoring(g, bad2).violation->message,
              "vertex 900 has 0 colours, needs 1");
  }
}

TEST(Checker, RejectsMalformedSizes) {
  const Verdict v = CheckABColoring(CycleGraph(6), C5FiveTwo());
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kMalformed);
  EXPECT_FALSE(CheckABColoring(CycleGraph(5), ABColoring(5, 0, 5)).passed());
}

TEST(Checker, ScheduleViolations) {
  const Graph g = CycleGraph(3);
  const Rational half(1, 2);
  auto sched = [&](std::vector<std::vector<Interval>> lists) {
    return IntervalSchedule::FromLists(Rational(3), lists);
  };
  const std::vector<std::vector<Interval>> good = {
      {{0, half}, {half, 1}}, {{1, 2}}, {{2, 3}}};
  EXPECT_TRUE(CheckSchedule(g, sched(good)).passed());
  auto overlap = good;
  overlap[2] = {{Rational(3, 2), Rational(5, 2)}};
  Verdict v = CheckSchedule(g, sched(overlap));
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kOverlap);
  EXPECT_EQ(v.violation->message, "edge (1, 2) overlaps from time 3/2");
  auto short_measure = good;
  short_measure[0] = {{0, half}, {Rational(1, 4), Rational(3, 4)}};
  v = CheckSchedule(g, sched(short_measure));
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kMeasureTooSmall);
  EXPECT_EQ(v.violation->message, "vertex 0 has measure 3/4, needs 1");
  auto outside = good;
  outside[2] = {{Rational(2), Rational(4)}};
  v = CheckSchedule(g, sched(outside));
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kBadInterval);
  // Touching intervals [0,1) and [1,2) on an edge are disjoint.
  EXPECT_TRUE(CheckSchedule(g, sched(good)).passed());
}

TEST(Checker, RoundsWeightAndConstantOutput) {
  EXPECT_TRUE(CheckRounds(40, 40, "40").passed());
  const Verdict r = CheckRounds(57, 40, "3*log*(n)+28");
  ASSERT_FALSE(r.passed());
  EXPECT_EQ(r.violation->message,
            "rounds 57 exceed the declared bound 40 = 3*log*(n)+28");
  EXPECT_TRUE(CheckWeight(Rational(5, 2), Rational(5, 2)).passed());
  EXPECT_FALSE(CheckWeight(Rational(11, 4), Rational(5, 2)).passed());
  EXPECT_TRUE(CheckConstantOutput(7, 2, {7, 2}).passed());
  const Verdict c = CheckConstantOutput(9, 2, {7, 2});
  ASSERT_FALSE(c.passed());
  EXPECT_EQ(c.violation->kind, ViolationKind::kOutputNotConstant);
  Verdict chain = Verdict::Pass();
  chain.Then(Verdict::Pass()).Then(r).Then(c);
  EXPECT_EQ(chain.violation->kind, ViolationKind::kRoundsExceeded);
}

// ---- Whole runs through the harness: rounds over the bound, non-locality.

// Outputs {ID - 1} after `rounds` silent rounds: an id_range:1-colouring.
struct IdColoring {
  using Input = NoInput;
  using State = NodeId;
  using Message = std::uint8_t;
  using Output = ColorSet;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  std::uint32_t rounds = 0;
  void Init(Context<IdColoring>& ctx) const {
    ctx.state() = ctx.id();
    if (rounds == 0) ctx.Halt();
  }
  void Round(Context<IdColoring>& ctx) const {
    if (ctx.round() >= rounds) ctx.Halt();
  }
  Output Finish(const State& s) const {
    return ColorSet{static_cast<std::uint32_t>(s - 1)};
  }
};

FractionalAlgorithm IdAlgorithm(std::uint32_t rounds, std::uint64_t bound) {
  FractionalAlgorithm alg;
  alg.name = "id-colouring";
  alg.rounds = {std::to_string(bound),
                [bound](const BoundInputs&) { return bound; }};
  alg.weight_claim = [](const BoundInputs& in) {
    return Rational(static_cast<std::int64_t>(in.id_range));
  };
  alg.run = [rounds](Simulation& sim) {
    FractionalOutput out;
    out.colors = sim.Run(IdColoring{rounds}, "id");
    out.a = static_cast<std::uint32_t>(sim.knowledge().id_range);
    out.b = 1;
    return out;
  };
  return alg;
}

std::vector<NodeId> Ids(Vertex n) {
  std::vector<NodeId> ids(n);
  for (Vertex v = 0; v < n; ++v) ids[v] = (v * 7) % n + 1;  // n prime to 7
  return ids;
}

TEST(CheckerRuns, AcceptsCorrectRun) {
  const Graph g = CycleGraph(12);
  const std::vector<NodeId> ids = Ids(12);
  const FractionalRunResult r = RunAndVerify(g, ids, IdAlgorithm(2, 2));
  EXPECT_TRUE(r.verdict.passed()) << r.verdict.ToString();
  EXPECT_EQ(r.weight, Rational(12));
  EXPECT_EQ(r.stats.rounds, 2u);
  ASSERT_TRUE(r.audit.has_value());
  EXPECT_EQ(r.audit->audited, 12u);
}

TEST(CheckerRuns, RejectsRoundsOverTheBound) {
  const Graph g = CycleGraph(12);
  const std::vector<NodeId> ids = Ids(12);
  const FractionalRunResult r = RunAndVerify(g, ids, IdAlgorithm(3, 2));
  ASSERT_FALSE(r.verdict.passed());
  EXPECT_EQ(r.verdict.violation->kind, ViolationKind::kRoundsExceeded);
  EXPECT_EQ(r.verdict.violation->message,
            "rounds 3 exceed the declared bound 2 = 2");
}

// A non-local program: it learns how many vertices exist by reading a global
// counter that every vertex bumps in Init, instead of from its ball.
std::atomic<std::uint64_t> g_inits{0};

struct ReadsGlobalCounter {
  using Input = NoInput;
  using State = std::uint64_t;
  using Message = std::uint8_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<ReadsGlobalCounter>&) const { g_inits.fetch_add(1); }
  void Round(Context<ReadsGlobalCounter>& ctx) const {
    ctx.state() = g_inits.load();
    ctx.Halt();
  }
  Output Finish(const State& s) const { return s; }
};

TEST(CheckerRuns, LocalityAuditCatchesGlobalVariable) {
  const Graph g = CycleGraph(20);
  const std::vector<NodeId> ids = Ids(20);
  Algorithm<std::uint64_t> alg;
  alg.name = "reads-global";
  alg.rounds = {"1", [](const BoundInputs&) { return 1; }};
  alg.run = [](Simulation& sim) {
    return sim.Run(ReadsGlobalCounter{}, "global");
  };
  g_inits = 0;
  const RunResult<std::uint64_t> r = RunAndVerify(g, ids, alg);
  EXPECT_EQ(r.outputs[0], 20u);  // it did learn n
  ASSERT_FALSE(r.verdict.passed());
  EXPECT_EQ(r.verdict.violation->kind, ViolationKind::kNonLocal);
  EXPECT_EQ(r.verdict.violation->vertex, 0u);
  ASSERT_TRUE(r.audit.has_value());
  EXPECT_EQ(r.audit->mismatches.size(), 20u);
}

}  // namespace
}  // namespace fcsim
