#include "algorithms/blocks/bfs_layers.h"

#include <gtest/gtest.h>

#include "graphs/generators.h"
#include "sim/ids.h"
#include "tests/algorithms/blocks/block_test_util.h"

namespace fcsim {
namespace {

using testing::Algorithm;

std::vector<std::uint8_t> Sources(Vertex n, std::initializer_list<Vertex> s) {
  std::vector<std::uint8_t> src(n, 0);
  for (Vertex v : s) src[v] = 1;
  return src;
}

TEST(BfsLayersTest, WaitModeMatchesSerialBfsAndUsesActiveSets) {
  const Graph g = Grid({60, 60});
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 3);
  const auto src = Sources(g.num_vertices(), {0, 1234});
  const auto by_id = testing::ById(ids, src);
  const Algorithm<std::uint32_t> algo = [&](Simulation& sim) {
    return BfsLayers(sim, testing::InputById(sim, by_id), kUnreached,
                     BfsMode::kWait);
  };
  const auto run = testing::RunBoth<std::uint32_t>(g, ids, {}, 1, algo);
  EXPECT_EQ(VerifyBfsLayers(g, src, kUnreached, run.out), "");
  const std::uint32_t ecc = *std::max_element(run.out.begin(), run.out.end());
  EXPECT_EQ(run.stats.rounds, ecc);
  // The frontier of a grid flood is a small fraction of the vertices.
  EXPECT_GT(run.stats.phases.back().sparse_rounds, 0u);
  testing::ExpectLocal<std::uint32_t>(g, ids, {}, 1, algo, run);
}

TEST(BfsLayersTest, ClockModeReportsUnreachedBeyondRadius) {
  const Graph g = RandomRegular(500, 3, 7);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  const auto src = Sources(g.num_vertices(), {5});
  const auto by_id = testing::ById(ids, src);
  const std::uint32_t radius = 4;
  const Algorithm<std::uint32_t> algo = [&](Simulation& sim) {
    return BfsLayers(sim, testing::InputById(sim, by_id), radius,
                     BfsMode::kClock);
  };
  const auto run = testing::RunBoth<std::uint32_t>(g, ids, {}, 1, algo);
  EXPECT_EQ(VerifyBfsLayers(g, src, radius, run.out), "");
  EXPECT_LE(run.stats.rounds, BfsLayersRoundBound(radius));
  EXPECT_GT(std::count(run.out.begin(), run.out.end(), kUnreached), 0);
  testing::ExpectLocal<std::uint32_t>(g, ids, {}, 1, algo, run);
}

TEST(BfsLayersTest, WaitModeWithUnreachableVertexIsAStallError) {
  std::vector<std::pair<Vertex, Vertex>> edges = {{0, 1}, {2, 3}};
  const Graph g = Graph::FromEdges(4, edges);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  Simulation sim(g, ids, {}, {});
  EXPECT_THROW(BfsLayers(sim, Simulation::Wrap(Sources(4, {0})), kUnreached,
                         BfsMode::kWait),
               SimulationError);
}

TEST(BfsLayersTest, VerifierRejectsAWrongDistance) {
  const Graph g = Path(5);
  const auto src = Sources(5, {0});
  std::vector<std::uint32_t> dist = {0, 1, 2, 3, 4};
  EXPECT_EQ(VerifyBfsLayers(g, src, kUnreached, dist), "");
  dist[3] = 2;
  EXPECT_NE(VerifyBfsLayers(g, src, kUnreached, dist), "");
}

}  // namespace
}  // namespace fcsim
