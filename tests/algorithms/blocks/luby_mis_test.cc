#include "algorithms/blocks/luby_mis.h"

#include <gtest/gtest.h>

#include "graphs/generators.h"
#include "sim/ids.h"
#include "tests/algorithms/blocks/block_test_util.h"

namespace fcsim {
namespace {

using testing::Algorithm;

TEST(LubyMisTest, VerifiedWithinBoundOnSeveralFamilies) {
  const Algorithm<std::uint8_t> algo = [](Simulation& sim) {
    return LubyMis(sim);
  };
  std::vector<Graph> graphs;
  graphs.push_back(RandomRegular(2000, 3, 1));
  graphs.push_back(RandomRegular(2000, 8, 2));
  graphs.push_back(Gnp(1500, 0.004, 3));
  graphs.push_back(Grid({40, 40}));
  graphs.push_back(Complete(30));
  for (const Graph& g : graphs) {
    const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 4);
    const auto run = testing::RunBoth<std::uint8_t>(g, ids, {}, 17, algo);
    EXPECT_EQ(VerifyMis(g, run.out), "");
    EXPECT_LE(run.stats.rounds,
              LubyRoundBound(g.num_vertices(), g.max_degree()));
  }
}

TEST(LubyMisTest, ReproducibleFromSeedAndSeedMatters) {
  const Graph g = RandomRegular(1000, 4, 9);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  const Algorithm<std::uint8_t> algo = [](Simulation& sim) {
    return LubyMis(sim);
  };
  const auto a = testing::RunOnce<std::uint8_t>(g, ids, {}, 1, 5, algo);
  const auto b = testing::RunOnce<std::uint8_t>(g, ids, {}, 2, 5, algo);
  const auto c = testing::RunOnce<std::uint8_t>(g, ids, {}, 1, 6, algo);
  EXPECT_EQ(a.out, b.out);
  EXPECT_TRUE(a.stats.SameCounts(b.stats));
  EXPECT_NE(a.out, c.out);  // 1000 vertices: equal MIS by chance is absurd
  EXPECT_EQ(VerifyMis(g, c.out), "");
}

TEST(LubyMisTest, LocalityAudit) {
  const Graph g = RandomRegular(400, 3, 4);
  const auto ids = AssignIds(g, IdScheme::kRandomSparse, 2);
  const Algorithm<std::uint8_t> algo = [](Simulation& sim) {
    return LubyMis(sim);
  };
  const auto run = testing::RunBoth<std::uint8_t>(g, ids, {}, 3, algo);
  testing::ExpectLocal<std::uint8_t>(g, ids, {}, 3, algo, run);
}

TEST(LubyMisTest, VerifierRejectsDependentAndNonMaximalSets) {
  const Graph g = Path(4);
  EXPECT_EQ(VerifyMis(g, std::vector<std::uint8_t>{1, 0, 1, 0}), "");
  EXPECT_NE(VerifyMis(g, std::vector<std::uint8_t>{1, 1, 0, 1}), "");
  EXPECT_NE(VerifyMis(g, std::vector<std::uint8_t>{1, 0, 0, 0}), "");
}

}  // namespace
}  // namespace fcsim
