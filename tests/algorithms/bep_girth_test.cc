#include "algorithms/bep_girth.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/bep_delta.h"
#include "algorithms/harness.h"
#include "graphs/generators.h"
#include "graphs/properties.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

// Runs BEP-d through the harness (checker, weight, constant output, rounds,
// locality audit); returns the peeling phases used.
std::uint64_t ExpectValid(const Graph& g, const Rational& eps,
                          std::uint64_t seed = 5, int threads = 1) {
  const std::vector<NodeId> ids =
      AssignIds(g, IdScheme::kRandomPermutation, seed);
  HarnessOptions options;
  options.sim.threads = threads;
  options.audit.samples = 4;
  const FractionalRunResult r =
      RunAndVerify(g, ids, BepGirthAlgorithm(eps), options);
  const std::uint32_t k = BepPalettes(eps);
  EXPECT_TRUE(r.verdict.passed())
      << r.verdict.ToString() << " (eps=" << eps.ToString() << ")";
  EXPECT_EQ(r.weight, Rational(2 * k + 1, k));
  EXPECT_EQ(r.coloring.a(), 2 * k + 1);
  EXPECT_EQ(r.coloring.b(), k);
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    EXPECT_EQ(r.coloring.Count(v), k) << "vertex " << v;
  }
  EXPECT_LE(r.stats.rounds, r.round_bound);
  const std::uint64_t phases = BepGirthPeelPhases(r.stats);
  EXPECT_LE(phases, BepGirthMaxPhases(g.num_vertices(), k));
  return phases;
}

// The stall error, with the message the CLI prints.
std::string ExpectStall(const Graph& g, const Rational& eps) {
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kIdentity, 1);
  HarnessOptions options;
  options.audit_locality = false;
  try {
    RunAndVerify(g, ids, BepGirthAlgorithm(eps), options);
  } catch (const BepGirthStall& s) {
    EXPECT_GE(s.phase(), 1u);
    return BepGirthStallMessage(g, s, BepPalettes(eps));
  }
  ADD_FAILURE() << "no stall";
  return "";
}

TEST(BepGirthTest, SubdividedPlanar) {
  const Graph base = RandomPlanar(60, 3, 0.3);
  for (const Rational& eps : {Rational(1, 2), Rational(1, 4)}) {
    const std::uint32_t k = BepPalettes(eps);
    const Graph g = Subdivide(base, static_cast<int>(2 * k));
    EXPECT_GE(ExpectValid(g, eps), 1u);
  }
}

TEST(BepGirthTest, SubdividedPartialKTree) {
  const Graph g = Subdivide(RandomPartialKTree(50, 3, 2), 3);
  EXPECT_GE(ExpectValid(g, Rational(1, 2)), 1u);
}

TEST(BepGirthTest, TenthSubdividedTriangulation) {
  // k = 10: threads of >= 19 vertices.
  const Graph g = Subdivide(RandomPlanar(12, 1), 19);
  EXPECT_GE(ExpectValid(g, Rational(1, 10)), 1u);
}

TEST(BepGirthTest, TreesAndPathsAndCycles) {
  // Trees peel by leaves and long threads in several phases.
  EXPECT_GE(ExpectValid(RandomTree(400, 9), Rational(1, 4)), 2u);
  EXPECT_EQ(ExpectValid(Path(50), Rational(1, 4)), 1u);
  EXPECT_EQ(ExpectValid(Path(2), Rational(1, 4)), 1u);
  EXPECT_EQ(ExpectValid(Path(1), Rational(1, 4)), 1u);
  // Cycle components: long odd, even (short ones too), exactly 2k+1.
  EXPECT_EQ(ExpectValid(Cycle(301), Rational(1, 4)), 1u);
  EXPECT_EQ(ExpectValid(Cycle(9), Rational(1, 4)), 1u);
  EXPECT_EQ(ExpectValid(Cycle(4), Rational(1, 4)), 1u);
  EXPECT_EQ(ExpectValid(Cycle(40), Rational(1, 10)), 1u);
}

TEST(BepGirthTest, ThreadEndsOnOneVertexAndPendantPaths) {
  // Two cycles of length 12 sharing a vertex (threads from a vertex to
  // itself), with a pendant path and a short pendant thread.
  std::vector<std::pair<Vertex, Vertex>> edges;
  Vertex next = 1;
  for (int c = 0; c < 2; ++c) {
    Vertex prev = 0;
    for (int i = 0; i < 11; ++i) {
      edges.emplace_back(prev, next);
      prev = next++;
    }
    edges.emplace_back(prev, 0);
  }
  edges.emplace_back(0, next);
  edges.emplace_back(next, next + 1);
  next += 2;
  const Graph g = Graph::FromEdges(next, edges);
  EXPECT_GE(ExpectValid(g, Rational(1, 4)), 1u);
  EXPECT_GE(ExpectValid(g, Rational(1, 2), 11, 2), 1u);
}

TEST(BepGirthTest, SparseIdsBeyond32Bits) {
  // IDs in 1..n^3 > 2^32: the ruling set keeps 64-bit colours.
  const Graph g = Subdivide(RandomTree(2000, 4), 1);
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kRandomSparse, 2);
  HarnessOptions options;
  options.audit.samples = 3;
  const FractionalRunResult r =
      RunAndVerify(g, ids, BepGirthAlgorithm(Rational(1, 2)), options);
  EXPECT_GT(r.inputs.id_range, std::uint64_t{1} << 32);
  EXPECT_TRUE(r.verdict.passed()) << r.verdict.ToString();
}

TEST(BepGirthTest, DeterministicAcrossThreads) {
  const Graph g = Subdivide(RandomPlanar(40, 8, 0.2), 5);
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kRandomPermutation, 3);
  HarnessOptions one, two;
  one.audit_locality = two.audit_locality = false;
  two.sim.threads = 2;
  const FractionalRunResult a =
      RunAndVerify(g, ids, BepGirthAlgorithm(Rational(1, 3)), one);
  const FractionalRunResult b =
      RunAndVerify(g, ids, BepGirthAlgorithm(Rational(1, 3)), two);
  ASSERT_TRUE(a.verdict.passed()) << a.verdict.ToString();
  EXPECT_TRUE(a.stats.SameCounts(b.stats));
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    EXPECT_EQ(a.coloring.Count(v), b.coloring.Count(v));
    for (std::uint32_t c = 0; c < a.coloring.a(); ++c) {
      EXPECT_EQ(a.coloring.Contains(v, c), b.coloring.Contains(v, c));
    }
  }
}

TEST(BepGirthTest, StallOnTriangulation) {
  const std::string msg = ExpectStall(RandomPlanar(80, 4), Rational(1, 4));
  EXPECT_NE(msg.find("stalled at phase 1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("core of 80 vertices"), std::string::npos) << msg;
  EXPECT_NE(msg.find("shortest cycle 3"), std::string::npos) << msg;
}

TEST(BepGirthTest, StallOnGrid) {
  const std::string msg = ExpectStall(Grid({10, 10}), Rational(1, 2));
  EXPECT_NE(msg.find("core of 100 vertices"), std::string::npos) << msg;
  EXPECT_NE(msg.find("shortest cycle 4"), std::string::npos) << msg;
}

TEST(BepGirthTest, StallOnLittleSubdividedK4) {
  // K4 with 2 vertices per edge: threads of 2 < 2k-1 = 7 for k = 4.
  const std::string msg =
      ExpectStall(Subdivide(Complete(4), 2), Rational(1, 4));
  EXPECT_NE(msg.find("stalled at phase 1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("core of 16 vertices"), std::string::npos) << msg;
  EXPECT_NE(msg.find("shortest cycle 9"), std::string::npos) << msg;
}

TEST(BepGirthTest, StallOnShortOddCycle) {
  // C_7 has no homomorphism to C_9 (k = 4); C_9 has.
  const std::string msg = ExpectStall(Cycle(7), Rational(1, 4));
  EXPECT_NE(msg.find("odd cycle component"), std::string::npos) << msg;
  EXPECT_NE(msg.find("shortest cycle 7"), std::string::npos) << msg;
  // A pendant tree in front of a triangle: peels the tree, then stalls.
  std::vector<std::pair<Vertex, Vertex>> edges = {{0, 1}, {1, 2}, {2, 0}};
  for (Vertex v = 3; v < 10; ++v) edges.emplace_back(v - 1, v);
  const std::string late =
      ExpectStall(Graph::FromEdges(10, edges), Rational(1, 2));
  EXPECT_NE(late.find("core of 3 vertices"), std::string::npos) << late;
}

TEST(BepGirthTest, PlanAndBounds) {
  const BepGirthPlan plan = MakeBepGirthPlan(1000, 1000, 4);
  EXPECT_EQ(plan.a, 9u);
  EXPECT_EQ(plan.b, 4u);
  EXPECT_EQ(plan.r, 7u);
  EXPECT_EQ(plan.beta, 7u * plan.merge_bits);
  EXPECT_EQ(plan.max_phases, BepGirthMaxPhases(1000, 4));
  EXPECT_EQ(BepGirthMaxPhases(1000, 4), 311u);  // floor(45 ln 1000) + 1
  EXPECT_EQ(BepGirthRequiredGirth(4), 154u);
  EXPECT_THROW(MakeBepGirthPlan(10, 10, 0), std::invalid_argument);
  EXPECT_THROW(MakeBepGirthPlan(10, 10, 33), std::invalid_argument);
}

}  // namespace
}  // namespace fcsim
