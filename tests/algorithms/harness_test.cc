#include "algorithms/harness.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <queue>
#include <vector>

namespace fcsim {
namespace {

Graph PathGraph(Vertex n) {
  std::vector<std::pair<Vertex, Vertex>> e;
  for (Vertex i = 0; i + 1 < n; ++i) e.push_back({i, i + 1});
  return Graph::FromEdges(n, e);
}

// Each vertex learns the largest ID within distance 2, in exactly 2 rounds.
struct MaxIdWithinTwo {
  using Input = NoInput;
  using State = NodeId;
  using Message = NodeId;
  using Output = NodeId;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<MaxIdWithinTwo>& ctx) const {
    ctx.state() = ctx.id();
    ctx.Send(ctx.id());
  }
  void Round(Context<MaxIdWithinTwo>& ctx) const {
    for (Port p = 0; p < ctx.degree(); ++p) {
      ctx.state() = std::max(ctx.state(), ctx.Received(p));
    }
    if (ctx.round() == 2) {
      ctx.Halt();
    } else {
      ctx.Send(ctx.state());
    }
  }
  Output Finish(const State& s) const { return s; }
};

// Serial verifier: BFS to depth 2 from every vertex.
Verdict VerifyMaxId(const Graph& g, std::span<const NodeId> ids,
                    std::span<const NodeId> out, const BoundInputs&) {
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    NodeId best = ids[v];
    for (Vertex u : g.neighbors(v)) {
      best = std::max(best, ids[u]);
      for (Vertex w : g.neighbors(u)) best = std::max(best, ids[w]);
    }
    if (out[v] != best) {
      return Verdict::Fail({ViolationKind::kVerifierFailed,
                            "vertex " + std::to_string(v) + " output " +
                                std::to_string(out[v]) + ", expected " +
                                std::to_string(best),
                            v});
    }
  }
  return Verdict::Pass();
}

Algorithm<NodeId> MaxIdAlgorithm() {
  Algorithm<NodeId> alg;
  alg.name = "max-id-2";
  alg.rounds = {"2", [](const BoundInputs&) { return 2; }};
  alg.run = [](Simulation& sim) { return sim.Run(MaxIdWithinTwo{}, "max"); };
  alg.verify = VerifyMaxId;
  return alg;
}

std::vector<NodeId> ScrambledIds(Vertex n) {
  std::vector<NodeId> ids(n);
  for (Vertex v = 0; v < n; ++v) ids[v] = (v * 37) % n + 1;  // n odd
  return ids;
}

TEST(Harness, GenericAlgorithmPassesAllChecks) {
  const Graph g = PathGraph(101);
  const std::vector<NodeId> ids = ScrambledIds(101);
  HarnessOptions options;
  options.audit.samples = 10;
  const RunResult<NodeId> r = RunAndVerify(g, ids, MaxIdAlgorithm(), options);
  EXPECT_TRUE(r.verdict.passed()) << r.verdict.ToString();
  EXPECT_EQ(r.stats.rounds, 2u);
  EXPECT_EQ(r.round_bound, 2u);
  EXPECT_EQ(r.inputs.n, 101u);
  EXPECT_EQ(r.inputs.max_degree, 2u);
  EXPECT_EQ(r.inputs.id_range, 101u);
  ASSERT_TRUE(r.audit.has_value());
  EXPECT_EQ(r.audit->audited, 10u);
  EXPECT_EQ(r.audit->radius, 3u);
}

TEST(Harness, ReportsVerifierFailure) {
  Algorithm<NodeId> alg = MaxIdAlgorithm();
  // Declares radius 2 but is checked against radius 1: the verifier fails.
  alg.verify = [](const Graph& g, std::span<const NodeId> ids,
                  std::span<const NodeId> out, const BoundInputs&) {
    for (Vertex v = 0; v < g.num_vertices(); ++v) {
      NodeId best = ids[v];
      for (Vertex u : g.neighbors(v)) best = std::max(best, ids[u]);
      if (out[v] != best) {
        return Verdict::Fail({ViolationKind::kVerifierFailed, "mismatch", v});
      }
    }
    return Verdict::Pass();
  };
  const Graph g = PathGraph(11);
  const RunResult<NodeId> r = RunAndVerify(g, ScrambledIds(11), alg);
  ASSERT_FALSE(r.verdict.passed());
  EXPECT_EQ(r.verdict.violation->kind, ViolationKind::kVerifierFailed);
}

TEST(Harness, MissingBoundFailsAndAuditCanBeSkipped) {
  Algorithm<NodeId> alg = MaxIdAlgorithm();
  alg.rounds = {};
  HarnessOptions options;
  options.audit_locality = false;
  const RunResult<NodeId> r =
      RunAndVerify(PathGraph(11), ScrambledIds(11), alg, options);
  ASSERT_FALSE(r.verdict.passed());
  EXPECT_EQ(r.verdict.violation->kind, ViolationKind::kRoundsExceeded);
  EXPECT_FALSE(r.audit.has_value());
}

TEST(Harness, DeclaredKnowledge) {
  const Graph g = PathGraph(11);
  const std::vector<NodeId> ids = ScrambledIds(11);
  HarnessOptions options;
  options.id_range = 1331;
  options.n = 20;
  const BoundInputs in = MakeBoundInputs(g, ids, options, Rational(1, 4));
  EXPECT_EQ(in.id_range, 1331u);
  EXPECT_EQ(in.n, 20u);
  EXPECT_EQ(in.epsilon, Rational(1, 4));
  EXPECT_EQ(ToKnowledge(in).id_range, 1331u);
  options.id_range = 5;  // below the largest ID: refused
  EXPECT_THROW(MakeBoundInputs(g, ids, options, 0), std::invalid_argument);
  EXPECT_THROW(MakeBoundInputs(g, std::span<const NodeId>(ids).first(3), {}, 0),
               std::invalid_argument);
}

TEST(Harness, SameResultsForOneAndTwoThreads) {
  const Graph g = PathGraph(3001);
  const std::vector<NodeId> ids = ScrambledIds(3001);
  HarnessOptions one, two;
  one.audit.samples = two.audit.samples = 4;
  two.sim.threads = 2;
  const RunResult<NodeId> a = RunAndVerify(g, ids, MaxIdAlgorithm(), one);
  const RunResult<NodeId> b = RunAndVerify(g, ids, MaxIdAlgorithm(), two);
  EXPECT_TRUE(a.verdict.passed());
  EXPECT_EQ(a.outputs, b.outputs);
  EXPECT_TRUE(a.stats.SameCounts(b.stats));
}

// {ID-1} in round 0: weight id_range, which depends on the IDs.
struct IdSet {
  using Input = NoInput;
  using State = NodeId;
  using Message = std::uint8_t;
  using Output = ColorSet;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<IdSet>& ctx) const {
    ctx.state() = ctx.id();
    ctx.Halt();
  }
  void Round(Context<IdSet>&) const {}
  Output Finish(const State& s) const {
    return ColorSet{static_cast<std::uint32_t>(s - 1)};
  }
};

FractionalAlgorithm IdSetAlgorithm() {
  FractionalAlgorithm alg;
  alg.name = "id-set";
  alg.rounds = {"0", [](const BoundInputs&) { return 0; }};
  alg.weight_claim = [](const BoundInputs& in) {
    return Rational(static_cast<std::int64_t>(in.id_range));
  };
  alg.run = [](Simulation& sim) {
    return FractionalOutput{
        sim.Run(IdSet{}, "id"),
        static_cast<std::uint32_t>(sim.knowledge().id_range), 1};
  };
  return alg;
}

TEST(Harness, FractionalWeightClaimAndConstantOutput) {
  const Graph g = PathGraph(9);
  const std::vector<NodeId> ids = ScrambledIds(9);
  FractionalRunResult ok = RunAndVerify(g, ids, IdSetAlgorithm());
  EXPECT_TRUE(ok.verdict.passed()) << ok.verdict.ToString();
  EXPECT_EQ(ok.weight, Rational(9));
  EXPECT_EQ(ok.max_colors_per_vertex, 1u);
  EXPECT_EQ(ok.coloring.a(), 9u);

  FractionalAlgorithm greedy = IdSetAlgorithm();
  greedy.weight_claim = [](const BoundInputs& in) {
    return Rational(in.max_degree + 1);
  };
  FractionalRunResult heavy = RunAndVerify(g, ids, greedy);
  ASSERT_FALSE(heavy.verdict.passed());
  EXPECT_EQ(heavy.verdict.violation->kind, ViolationKind::kWeightExceeded);
  EXPECT_EQ(heavy.verdict.violation->message,
            "weight 9 exceeds the claimed bound 3");

  FractionalAlgorithm constant = IdSetAlgorithm();
  constant.constant_output = [](const BoundInputs& in) {
    return std::pair<std::uint32_t, std::uint32_t>{in.max_degree + 1, 1};
  };
  FractionalRunResult grows = RunAndVerify(g, ids, constant);
  ASSERT_FALSE(grows.verdict.passed());
  EXPECT_EQ(grows.verdict.violation->kind, ViolationKind::kOutputNotConstant);
}

}  // namespace
}  // namespace fcsim
