#include "algorithms/bep_grid.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/harness.h"
#include "graphs/generators.h"
#include "graphs/spec.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

Graph Make(const std::string& spec) { return MakeGraph(spec); }

// Runs BEP-c through the harness (checker, exact weight, constant output,
// rounds against the declared bound, locality audit).
void ExpectValid(const std::string& spec, const Rational& eps,
                 IdScheme scheme = IdScheme::kRandomPermutation,
                 std::uint64_t audit_samples = 2) {
  const Graph g = Make(spec);
  const std::vector<NodeId> ids = AssignIds(g, scheme, 11);
  HarnessOptions options;
  options.audit.samples = audit_samples;
  const FractionalRunResult r =
      RunAndVerify(g, ids, BepGridAlgorithm(eps), options);
  EXPECT_TRUE(r.verdict.passed())
      << spec << " ε=" << eps.ToString() << ": " << r.verdict.ToString();
  const BepGridPlan plan =
      MakeBepGridPlan(g.max_degree(), r.inputs.id_range, eps);
  EXPECT_EQ(r.coloring.a(), plan.a);
  EXPECT_EQ(r.coloring.b(), plan.b);
  EXPECT_EQ(r.weight, Rational(plan.a, plan.b));
  EXPECT_LE(r.weight, Rational(2) + eps);
  EXPECT_LE(r.stats.rounds, r.round_bound);
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    ASSERT_GE(r.coloring.Count(v), plan.b) << spec << " vertex " << v;
  }
}

TEST(BepGridTest, LatticeBallSizes) {
  EXPECT_EQ(LatticeBallSize(1, 5), 11u);
  EXPECT_EQ(LatticeBallSize(2, 0), 1u);
  EXPECT_EQ(LatticeBallSize(2, 1), 5u);
  EXPECT_EQ(LatticeBallSize(2, 2), 13u);
  EXPECT_EQ(LatticeBallSize(2, 10), 2u * 100 + 2 * 10 + 1);
  EXPECT_EQ(LatticeBallSize(3, 1), 7u);
  EXPECT_EQ(LatticeBallSize(3, 2), 25u);
}

TEST(BepGridTest, PlanMeetsTheWeightAndTheMissBound) {
  for (const Rational& eps :
       {Rational(1), Rational(1, 2), Rational(1, 4), Rational(1, 10)}) {
    const BepGridPlan p = MakeBepGridPlan(4, 1u << 20, eps);
    EXPECT_EQ(p.d, 2u);
    EXPECT_EQ(p.a, 2 * p.k);
    EXPECT_EQ(p.b, p.k - p.missed);
    EXPECT_LE(Rational(p.a, p.b), Rational(2) + eps) << eps.ToString();
    EXPECT_LE(p.a, ColorSet::kMaxColors);
    // Hierarchy: radii increase to s - 1, coverage is their sum.
    ASSERT_FALSE(p.levels.empty());
    EXPECT_EQ(p.levels.back().radius, p.spacing - 1);
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < p.levels.size(); ++i) {
      sum += p.levels[i].radius;
      if (i > 0) {
        EXPECT_GT(p.levels[i].radius, p.levels[i - 1].radius);
      }
    }
    EXPECT_EQ(p.beta, sum);
    // The miss bound, recomputed from its formulas (volume; quadrant).
    const std::uint64_t t = (p.spacing - 1) / 2;
    std::uint64_t miss = (LatticeBallSize(2, p.beta + p.k + t) -
                          LatticeBallSize(2, p.beta - t)) /
                         LatticeBallSize(2, t);
    if (p.k <= p.spacing) {
      miss = std::min<std::uint64_t>(
          miss, 4 * ((2 * (std::uint64_t{p.beta} + p.k)) / p.spacing + 1));
    }
    EXPECT_EQ(p.missed, miss);
    EXPECT_EQ(p.total_rounds(),
              BepGridRoundBound(eps).eval(BoundInputs{0, 4, 1u << 20, eps}));
  }
}

// The quadrant bound against brute force: the most points, pairwise at L1
// distance >= s, in the annulus R+1 <= |x|_1 <= R+k of Z^2, found greedily
// in several orders, never exceed BepGridMissBound (a lower estimate of the
// true maximum, which the bound must dominate).
TEST(BepGridTest, MissBoundDominatesGreedyPackings) {
  for (const auto& [s, beta, k] : std::vector<std::array<std::uint32_t, 3>>{
           {6, 12, 5}, {9, 15, 9}, {12, 20, 7}, {7, 7, 3}}) {
    std::vector<std::pair<int, int>> annulus;
    const int outer = static_cast<int>(beta + k);
    for (int x = -outer; x <= outer; ++x) {
      for (int y = -outer; y <= outer; ++y) {
        const int r = std::abs(x) + std::abs(y);
        if (r >= static_cast<int>(beta) + 1 && r <= outer) {
          annulus.emplace_back(x, y);
        }
      }
    }
    std::uint64_t best = 0;
    for (std::uint32_t rotation = 0; rotation < 16; ++rotation) {
      std::vector<std::pair<int, int>> chosen;
      const std::size_t offset = rotation * annulus.size() / 16;
      for (std::size_t i = 0; i < annulus.size(); ++i) {
        const auto& p = annulus[(i + offset) % annulus.size()];
        bool far = true;
        for (const auto& q : chosen) {
          if (std::abs(p.first - q.first) + std::abs(p.second - q.second) <
              static_cast<int>(s)) {
            far = false;
            break;
          }
        }
        if (far) chosen.push_back(p);
      }
      best = std::max<std::uint64_t>(best, chosen.size());
    }
    EXPECT_LE(best, BepGridMissBound(2, s, beta, k))
        << "s=" << s << " beta=" << beta << " k=" << k;
    EXPECT_GE(best, 1u);
  }
}

TEST(BepGridTest, PlanRejectsBadParameters) {
  EXPECT_THROW(MakeBepGridPlan(4, 100, Rational(0)), std::invalid_argument);
  EXPECT_THROW(MakeBepGridPlan(0, 100, Rational(1)), std::invalid_argument);
  EXPECT_THROW(MakeBepGridPlan(10, 100, Rational(1)), std::invalid_argument);
  EXPECT_THROW(MakeBepGridPlan(4, 0, Rational(1)), std::invalid_argument);
  // Below the reach of 1024 colours under the proved miss bound.
  EXPECT_THROW(MakeBepGridPlan(4, 100, Rational(1, 100)),
               std::invalid_argument);
}

TEST(BepGridTest, ValidOnBoxes) {
  ExpectValid("grid:dims=40x40", Rational(1));
  ExpectValid("grid:dims=30x40", Rational(1, 2), IdScheme::kBfsAdversarial, 1);
  ExpectValid("grid:dims=20x20", Rational(1, 4), IdScheme::kRandomPermutation,
              1);
}

TEST(BepGridTest, ValidOnEvenToriAndCycles) {
  ExpectValid("torus:dims=24x24", Rational(1, 2), IdScheme::kRandomPermutation,
              1);
  ExpectValid("cycle:n=400", Rational(1, 2));
}

TEST(BepGridTest, ValidOnA3DBox) {
  ExpectValid("grid:dims=8x8x8", Rational(1), IdScheme::kRandomPermutation, 1);
}

// The plans beyond 256 colours (ColorSet holds 1024): 2-D at ε = 1/10,
// 3-D at ε = 1/2 and 1/4; a = 2k > 256 in each.
TEST(BepGridTest, ValidWithMoreThan256Colours) {
  for (const auto& [spec, eps] : std::vector<std::pair<std::string, Rational>>{
           {"grid:dims=24x20", Rational(1, 10)},
           {"grid:dims=7x6x5", Rational(1, 2)},
           {"grid:dims=6x6x6", Rational(1, 4)}}) {
    const Graph g = Make(spec);
    EXPECT_GT(MakeBepGridPlan(g.max_degree(), 1000, eps).a, 256u) << spec;
    ExpectValid(spec, eps, IdScheme::kRandomPermutation, 1);
  }
}

// With the class schedule the rounds are fixed by the plan, up to the halt
// waves: at least Σ_i [D_i·S_i + C_i·D_i + P_i] + R + k (members halt at the
// end of each schedule) and at most the declared bound. With the same
// declared id_range, boxes of 10^3 and 10^4 vertices therefore use rounds
// within that slack of each other.
TEST(BepGridTest, RoundsAreFixedByThePlan) {
  const Rational eps(1);
  std::vector<std::uint64_t> rounds;
  for (const char* spec : {"grid:dims=30x30", "grid:dims=100x100"}) {
    const Graph g = Make(spec);
    const std::vector<NodeId> ids =
        AssignIds(g, IdScheme::kRandomPermutation, 2);
    HarnessOptions options;
    options.audit_locality = false;
    options.id_range = 10000;
    const FractionalRunResult r =
        RunAndVerify(g, ids, BepGridAlgorithm(eps), options);
    ASSERT_TRUE(r.verdict.passed()) << r.verdict.ToString();
    const BepGridPlan plan = MakeBepGridPlan(4, 10000, eps);
    std::uint64_t fixed = plan.cluster_rounds();
    for (const BepGridLevel& l : plan.levels) {
      ASSERT_TRUE(l.class_schedule);
      fixed += std::uint64_t{l.radius} * l.schedule.size() +
               l.colours * l.radius + l.chunks();
    }
    EXPECT_GE(r.stats.rounds, fixed) << spec;
    EXPECT_LE(r.stats.rounds, plan.total_rounds()) << spec;
    EXPECT_EQ(r.round_bound, plan.total_rounds());
    rounds.push_back(r.stats.rounds);
  }
  const BepGridPlan plan = MakeBepGridPlan(4, 10000, eps);
  std::uint64_t slack = 0;
  for (const BepGridLevel& l : plan.levels) {
    slack += l.relay_hops * (l.chunks() + 1);
  }
  const std::uint64_t gap =
      rounds[0] > rounds[1] ? rounds[0] - rounds[1] : rounds[1] - rounds[0];
  EXPECT_LE(gap, slack);
  EXPECT_LT(slack, plan.total_rounds() / 100);
}

TEST(BepGridTest, ResultIsIndependentOfThreads) {
  const Graph g = Make("torus:dims=30x34");
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kRandomPermutation, 3);
  HarnessOptions one, two;
  one.audit_locality = two.audit_locality = false;
  two.sim.threads = 2;
  const FractionalRunResult a =
      RunAndVerify(g, ids, BepGridAlgorithm(Rational(1)), one);
  const FractionalRunResult b =
      RunAndVerify(g, ids, BepGridAlgorithm(Rational(1)), two);
  ASSERT_TRUE(a.verdict.passed()) << a.verdict.ToString();
  EXPECT_EQ(a.stats.rounds, b.stats.rounds);
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    for (std::uint32_t c = 0; c < a.coloring.a(); ++c) {
      ASSERT_EQ(a.coloring.Contains(v, c), b.coloring.Contains(v, c));
    }
  }
}

// A single centre covers the 15 x 15 torus: the odd wrap-around closes an
// edge with equal owner and parity, which the algorithm reports itself.
TEST(BepGridTest, OddTorusIsReportedAsNotBipartite) {
  const Graph g = Make("torus:dims=15x15");
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kRandomPermutation, 5);
  HarnessOptions options;
  options.audit_locality = false;
  try {
    RunAndVerify(g, ids, BepGridAlgorithm(Rational(1)), options);
    ADD_FAILURE() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("not bipartite"), std::string::npos)
        << e.what();
  }
}

// A ternary tree (Δ = 4, so d = 2) is bipartite but grows exponentially: a
// level's Linial sees more members in a ball than the L1 packing allows.
TEST(BepGridTest, TreeIsReportedAsNotAGrid) {
  const Graph g = Make("karytree:arity=3,depth=6");
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kRandomPermutation, 5);
  HarnessOptions options;
  options.audit_locality = false;
  try {
    RunAndVerify(g, ids, BepGridAlgorithm(Rational(1)), options);
    ADD_FAILURE() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("not a d-dimensional grid"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace fcsim
