#include "algorithms/hhrs.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "algorithms/checker.h"
#include "algorithms/harness.h"
#include "graphs/generators.h"
#include "sim/engine.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

const Rational kAlphas[] = {Rational(2), Rational(3, 2), Rational(11, 10)};

std::vector<NodeId> IdentityIds(const Graph& g) {
  return AssignIds(g, IdScheme::kIdentity, 1);
}

TEST(HhrsSchedule, FrameIsAlphaTimesDeltaPlusOneAndPIsMinimal) {
  for (const Rational& alpha : kAlphas) {
    for (std::uint32_t delta = 1; delta <= 6; ++delta) {
      const HhrsSchedule s = HhrsScheduleFor(alpha, delta);
      EXPECT_EQ(s.frame, alpha * Rational(delta + 1));
      EXPECT_GE(HhrsMeasure(s, delta), 1) << alpha << " " << delta;
      if (s.p > 1) {
        EXPECT_LT(HhrsMeasure({s.p - 1, s.frame}, delta), 1)
            << alpha << " " << delta;
      }
    }
  }
  // Hand-checked: Δ = 1, α = 2: T = 4, p = 1 gives 4 · 1/4 = 1 exactly.
  EXPECT_EQ(HhrsScheduleFor(2, 1).p, 1u);
  // α = 3/2, Δ = 1: T = 3 needs Pr[l0 < l1] = (1 - 2^-p)/2 >= 1/3: p = 2.
  EXPECT_EQ(HhrsScheduleFor(Rational(3, 2), 1).p, 2u);
}

TEST(HhrsSchedule, RejectsBadParameters) {
  EXPECT_THROW(HhrsScheduleFor(1, 3), std::invalid_argument);
  EXPECT_THROW(HhrsScheduleFor(Rational(1, 2), 3), std::invalid_argument);
  EXPECT_THROW(HhrsScheduleFor(2, 0), std::invalid_argument);
  // α = 1 + 2^-62, Δ = 1 needs p = 63 labels bits: refused, not wrapped.
  const std::int64_t big = std::int64_t{1} << 62;
  EXPECT_THROW(HhrsScheduleFor(Rational(big + 1, big), 1),
               std::invalid_argument);
  // α = 1 + 2^-61 still fits: p = 62.
  EXPECT_EQ(HhrsScheduleFor(Rational(big / 2 + 1, big / 2), 1).p, 62u);
}

void ExpectPasses(const Graph& g, const std::vector<NodeId>& ids,
                  const Rational& alpha) {
  HarnessOptions options;
  options.audit.samples = 16;
  const RunResult<HhrsVertexOutput> r =
      RunAndVerify(g, ids, HhrsAlgorithm(alpha), options);
  EXPECT_TRUE(r.verdict.passed()) << r.verdict.ToString();
  EXPECT_EQ(r.stats.rounds, 1u);
  ASSERT_TRUE(r.audit.has_value());
  EXPECT_GT(r.audit->audited, 0u);
  ASSERT_EQ(r.outputs.size(), g.num_vertices());
  EXPECT_EQ(r.outputs[0].schedule.frame,
            alpha * Rational(std::int64_t{g.max_degree()} + 1));
}

TEST(Hhrs, ValidOnSmallGraphsForEveryAlpha) {
  for (const Rational& alpha : kAlphas) {
    SCOPED_TRACE(alpha.ToString());
    {
      Graph g = Petersen();
      ExpectPasses(g, IdentityIds(g), alpha);
    }
    {
      Graph g = Cycle(11);
      ExpectPasses(g, AssignIds(g, IdScheme::kRandomPermutation, 3), alpha);
    }
    {
      Graph g = Grid({6, 7});
      ExpectPasses(g, AssignIds(g, IdScheme::kRandomSparse, 5), alpha);
    }
    {
      Graph g = RandomRegular(200, 3, 7);
      ExpectPasses(g, AssignIds(g, IdScheme::kBfsAdversarial, 1), alpha);
    }
    {
      Graph g = RandomRegular(200, 4, 9);
      ExpectPasses(g, IdentityIds(g), alpha);
    }
    {
      Graph g = Star(5);  // degrees 1 and 5: every degree is checked
      ExpectPasses(g, IdentityIds(g), alpha);
    }
  }
}

TEST(Hhrs, OutputsAreTheNeighbourIdsInPortOrder) {
  Graph g = Path(4);
  const std::vector<NodeId> ids = {10, 3, 7, 5};
  const RunResult<HhrsVertexOutput> r =
      RunAndVerify(g, ids, HhrsAlgorithm(2), {});
  ASSERT_TRUE(r.verdict.passed()) << r.verdict.ToString();
  EXPECT_EQ(r.outputs[1].id, 3u);
  EXPECT_EQ(r.outputs[1].neighbor_ids, (std::vector<NodeId>{10, 7}));
  EXPECT_EQ(r.outputs[3].neighbor_ids, (std::vector<NodeId>{7}));
}

TEST(Hhrs, DeclaredDegreeBelowTheTruthIsAnError) {
  Graph g = Star(4);
  const std::vector<NodeId> ids = IdentityIds(g);
  Simulation sim(g, ids, Knowledge{0, 3, 0}, SimOptions{});
  try {
    RunHhrs(sim, 2);
    FAIL() << "degree 4 above declared Δ = 3 was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("above the declared"),
              std::string::npos)
        << e.what();
  }
  Simulation no_delta(g, ids, Knowledge{}, SimOptions{});
  EXPECT_THROW(RunHhrs(no_delta, 2), std::invalid_argument);
}

class HhrsVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ids_ = IdentityIds(g_);
    r_ = RunAndVerify(g_, ids_, HhrsAlgorithm(alpha_), {});
    ASSERT_TRUE(r_.verdict.passed()) << r_.verdict.ToString();
  }
  Verdict Check() const {
    return CheckHhrsOutputs(g_, ids_, r_.outputs, alpha_, g_.max_degree());
  }
  Graph g_ = Petersen();
  Rational alpha_ = Rational(3, 2);
  std::vector<NodeId> ids_;
  RunResult<HhrsVertexOutput> r_;
};

TEST_F(HhrsVerifierTest, RejectsWrongNeighbourIds) {
  r_.outputs[4].neighbor_ids[1] += 100;
  const Verdict v = Check();
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kMalformed);
  EXPECT_EQ(v.violation->vertex, 4u);
}

TEST_F(HhrsVerifierTest, RejectsAFrameAboveTheClaim) {
  for (auto& out : r_.outputs) out.schedule.frame += Rational(1, 7);
  const Verdict v = Check();
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kWeightExceeded);
}

TEST_F(HhrsVerifierTest, RejectsTooFewLabelBits) {
  ASSERT_GT(r_.outputs[0].schedule.p, 1u);
  for (auto& out : r_.outputs) --out.schedule.p;
  const Verdict v = Check();
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kMeasureTooSmall);
}

TEST_F(HhrsVerifierTest, RejectsMixedSchedules) {
  ++r_.outputs[9].schedule.p;
  const Verdict v = Check();
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->vertex, 9u);
}

TEST_F(HhrsVerifierTest, RejectsEqualIdsOnAnEdge) {
  // Give vertex 0's first neighbour u the ID of vertex 0.
  const Vertex u = g_.neighbor(0, 0);
  std::vector<NodeId> ids = ids_;
  ids[u] = ids[0];
  auto outputs = r_.outputs;
  outputs[u].id = ids[0];
  for (Vertex v = 0; v < g_.num_vertices(); ++v) {
    for (Port q = 0; q < g_.degree(v); ++q) {
      outputs[v].neighbor_ids[q] = ids[g_.neighbor(v, q)];
    }
  }
  const Verdict v = CheckHhrsOutputs(g_, ids, outputs, alpha_, 3);
  ASSERT_FALSE(v.passed());
  EXPECT_EQ(v.violation->kind, ViolationKind::kDuplicateId);
}

// Independent of the checker's formula: expands S'_v cell by cell for small
// IDs, and checks disjointness on edges and the exact measure.
TEST(Hhrs, ExpandedScheduleIsDisjointWithTheClaimedMeasure) {
  Graph g = Cycle(5);
  const std::vector<NodeId> ids = {1, 4, 2, 5, 3};
  const std::uint32_t p = 2;
  const std::uint64_t length = p * (5 + 1);
  std::vector<std::vector<NodeId>> nbr(5);
  for (Vertex v = 0; v < 5; ++v) {
    for (Vertex u : g.neighbors(v)) nbr[v].push_back(ids[u]);
  }
  std::vector<std::uint64_t> cells(5, 0);
  for (std::uint64_t c = 0; c < (std::uint64_t{1} << length); ++c) {
    auto digit = [&](std::uint64_t i) {
      return ((c >> (length - 1 - i)) & 1) != 0;
    };
    std::vector<bool> in(5);
    for (Vertex v = 0; v < 5; ++v) {
      in[v] = HhrsContains(p, ids[v], nbr[v], digit);
      if (in[v]) ++cells[v];
    }
    for (Vertex v = 0; v < 5; ++v) {
      for (Vertex u : g.neighbors(v)) ASSERT_FALSE(in[v] && in[u]) << c;
    }
  }
  const mpq_class expected = HhrsStrictMinProbability(p, 2);
  for (Vertex v = 0; v < 5; ++v) {
    mpq_class measured(cells[v], std::uint64_t{1} << length);
    measured.canonicalize();
    EXPECT_EQ(measured, expected);
  }
}

TEST(HhrsIntervalCount, MatchesBruteForce) {
  struct Case {
    std::uint32_t p;
    NodeId id;
    std::vector<NodeId> nbrs;
  };
  const std::vector<Case> cases = {
      {1, 1, {2}},       {1, 2, {1}},          {1, 3, {1, 2}},
      {1, 1, {2, 3, 4}}, {1, 5, {2, 9}},       {2, 1, {2}},
      {2, 3, {1, 5}},    {2, 6, {2, 4, 1}},    {3, 2, {4}},
      {3, 4, {1, 2}},    {4, 1, {3}},          {4, 3, {1}},
      {2, 7, {}},        {1, 10, {3, 17, 12}}, {2, 8, {9, 3}},
      {5, 1, {2, 3}},    {1, 11, {1, 12, 15}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(HhrsIntervalCount(c.p, c.id, c.nbrs),
              HhrsIntervalCountBruteForce(c.p, c.id, c.nbrs))
        << "p=" << c.p << " id=" << c.id;
  }
}

TEST(HhrsIntervalCount, GrowsWithTheIds) {
  // The same star shape with IDs shifted up: the output size is not bounded
  // by any function of Δ alone.
  mpz_class previous = 0;
  for (NodeId shift : {0u, 10u, 100u, 1000u}) {
    const std::vector<NodeId> nbrs = {shift + 2, shift + 3, shift + 4};
    const mpz_class count = HhrsIntervalCount(3, shift + 1, nbrs);
    EXPECT_GT(count, previous) << shift;
    previous = count;
  }
  EXPECT_THROW(HhrsIntervalCount(3, 2, std::vector<NodeId>{2}),
               std::invalid_argument);
  EXPECT_THROW(HhrsIntervalCount(21, 1, std::vector<NodeId>{2}),
               std::invalid_argument);
  // IDs from a sparse range (up to n^3): κ would have ~10^15 bits.
  EXPECT_THROW(HhrsIntervalCount(3, 1, std::vector<NodeId>{NodeId{1} << 50}),
               std::invalid_argument);
}

}  // namespace
}  // namespace fcsim
