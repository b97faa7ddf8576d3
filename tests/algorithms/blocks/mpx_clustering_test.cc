#include "algorithms/blocks/mpx_clustering.h"

#include <gtest/gtest.h>

#include "algorithms/blocks/block_checks.h"
#include "graphs/generators.h"
#include "sim/ids.h"
#include "tests/algorithms/blocks/block_test_util.h"

namespace fcsim {
namespace {

using testing::Algorithm;

// Serial reference: argmax_u (δ_u - dist(u, v)), ties to the smaller ID.
std::vector<ClusterLabel> Reference(const Graph& g, std::span<const NodeId> ids,
                                    std::uint64_t seed, double beta,
                                    std::uint32_t cap) {
  const Vertex n = g.num_vertices();
  std::vector<ClusterLabel> best(n);
  std::vector<double> score(n, -1e300);
  for (Vertex u = 0; u < n; ++u) {
    const double shift = MpxShift(seed, ids[u], 0, beta, cap);
    std::vector<std::uint8_t> src(n, 0);
    src[u] = 1;
    const auto dist = SerialDistances(g, src, cap);
    for (Vertex v = 0; v < n; ++v) {
      if (dist[v] == kUnreached) continue;
      const double s = shift - dist[v];
      if (s > score[v] || (s == score[v] && ids[u] < best[v].centre)) {
        score[v] = s;
        best[v] = {ids[u], dist[v]};
      }
    }
  }
  return best;
}

TEST(MpxTest, MatchesSerialReferenceAndVerifies) {
  const Graph g = Grid({20, 20});
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 1);
  for (double beta : {0.2, 0.5, 1.0}) {
    const std::uint32_t cap = 8;
    const Algorithm<ClusterLabel> algo = [beta, cap](Simulation& sim) {
      return MpxClustering(sim, beta, cap);
    };
    const auto run = testing::RunBoth<ClusterLabel>(g, ids, {}, 42, algo);
    EXPECT_EQ(VerifyClustering(g, ids, cap, run.out), "");
    EXPECT_EQ(run.out, Reference(g, ids, 42, beta, cap)) << "beta " << beta;
    EXPECT_EQ(run.stats.rounds, MpxRoundBound(cap));
  }
}

TEST(MpxTest, ReproducibleFromSeedAndSeedMatters) {
  const Graph g = RandomRegular(600, 3, 1);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  const Algorithm<ClusterLabel> algo = [](Simulation& sim) {
    return MpxClustering(sim, 0.4, 10);
  };
  const auto a = testing::RunOnce<ClusterLabel>(g, ids, {}, 1, 7, algo);
  const auto b = testing::RunOnce<ClusterLabel>(g, ids, {}, 2, 7, algo);
  const auto c = testing::RunOnce<ClusterLabel>(g, ids, {}, 1, 8, algo);
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  EXPECT_EQ(VerifyClustering(g, ids, 10, c.out), "");
}

TEST(MpxTest, LocalityAudit) {
  const Graph g = Grid({15, 15});
  const auto ids = AssignIds(g, IdScheme::kRandomSparse, 1);
  const Algorithm<ClusterLabel> algo = [](Simulation& sim) {
    return MpxClustering(sim, 0.5, 5);
  };
  const auto run = testing::RunBoth<ClusterLabel>(g, ids, {}, 3, algo);
  testing::ExpectLocal<ClusterLabel>(g, ids, {}, 3, algo, run);
}

TEST(MpxTest, BadBetaAndBadLabels) {
  const Graph g = Path(4);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  Simulation sim(g, ids, {}, {});
  EXPECT_THROW(MpxClustering(sim, 0.0, 3), std::invalid_argument);
  std::vector<ClusterLabel> labels = {{1, 0}, {1, 1}, {1, 2}, {4, 0}};
  EXPECT_EQ(VerifyClustering(g, ids, 3, labels), "");
  labels[2] = {1, 1};  // no neighbour of vertex 2 at distance 0 in cluster 1
  EXPECT_NE(VerifyClustering(g, ids, 3, labels), "");
}

}  // namespace
}  // namespace fcsim
