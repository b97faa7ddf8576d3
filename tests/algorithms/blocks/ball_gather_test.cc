#include "algorithms/blocks/ball_gather.h"

#include <gtest/gtest.h>

#include "graphs/generators.h"
#include "sim/ids.h"
#include "tests/algorithms/blocks/block_test_util.h"

namespace fcsim {
namespace {

using testing::Algorithm;

TEST(BallGatherTest, GatheredBallsEqualTrueBalls) {
  std::vector<Graph> graphs;
  graphs.push_back(RandomRegular(300, 3, 2));
  graphs.push_back(Grid({12, 12}));
  graphs.push_back(Cycle(40));
  graphs.push_back(Petersen());
  for (const Graph& g : graphs) {
    const auto ids = AssignIds(g, IdScheme::kRandomSparse, 4);
    for (std::uint32_t r : {1u, 2u, 3u}) {
      for (BallExtent e : {BallExtent::kView, BallExtent::kInduced}) {
        const Algorithm<LocalBall> algo = [r, e](Simulation& sim) {
          return GatherBalls(sim, r, e);
        };
        const auto run = testing::RunBoth<LocalBall>(g, ids, {}, 1, algo);
        EXPECT_EQ(VerifyBalls(g, ids, r, e, run.out), "")
            << "r=" << r << " induced=" << (e == BallExtent::kInduced);
        EXPECT_EQ(run.stats.rounds, BallGatherRoundBound(r, e));
      }
    }
  }
}

TEST(BallGatherTest, ViewLacksOnlyTheBoundaryEdges) {
  // On C_5 the radius-2 ball is everything; the edge between the two
  // vertices at distance 2 is seen only by the induced (3-round) gather.
  const Graph g = Cycle(5);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  const auto view = testing::RunOnce<LocalBall>(
      g, ids, {}, 1, 1,
      [](Simulation& sim) { return GatherBalls(sim, 2, BallExtent::kView); });
  const auto induced =
      testing::RunOnce<LocalBall>(g, ids, {}, 1, 1, [](Simulation& sim) {
        return GatherBalls(sim, 2, BallExtent::kInduced);
      });
  EXPECT_EQ(view.out[0].vertices.size(), 5u);
  EXPECT_EQ(view.out[0].edges.size(), 4u);
  EXPECT_EQ(induced.out[0].edges.size(), 5u);
  EXPECT_GT(view.stats.max_message_bits, 0u);
}

TEST(BallGatherTest, LocalityAudit) {
  const Graph g = RandomRegular(200, 3, 3);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 2);
  const Algorithm<LocalBall> algo = [](Simulation& sim) {
    return GatherBalls(sim, 2, BallExtent::kInduced);
  };
  const auto run = testing::RunBoth<LocalBall>(g, ids, {}, 1, algo);
  testing::ExpectLocal<LocalBall>(g, ids, {}, 1, algo, run);
}

TEST(BallGatherTest, VerifierRejectsAMissingEdge) {
  const Graph g = Cycle(6);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  auto run = testing::RunOnce<LocalBall>(g, ids, {}, 1, 1, [](Simulation& s) {
    return GatherBalls(s, 1, BallExtent::kInduced);
  });
  EXPECT_EQ(VerifyBalls(g, ids, 1, BallExtent::kInduced, run.out), "");
  run.out[3].edges.pop_back();
  EXPECT_NE(VerifyBalls(g, ids, 1, BallExtent::kInduced, run.out), "");
}

}  // namespace
}  // namespace fcsim
