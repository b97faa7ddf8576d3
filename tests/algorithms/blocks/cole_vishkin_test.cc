#include "algorithms/blocks/cole_vishkin.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "algorithms/bounds.h"
#include "graphs/generators.h"
#include "sim/ids.h"
#include "tests/algorithms/blocks/block_test_util.h"

namespace fcsim {
namespace {

using testing::Algorithm;

Algorithm<std::uint8_t> CvByInput(
    const std::unordered_map<NodeId, Port>& by_id) {
  return [&by_id](Simulation& sim) {
    return ColeVishkin(sim, testing::InputById(sim, by_id));
  };
}

TEST(CvTest, ReductionStepsWithinLogStar) {
  // CvReductionSteps depends only on CeilLog2(id_range); LogStar is least at
  // the smallest id_range with that CeilLog2, so checking that one per L
  // covers every id_range in 4..2^64.
  // Above 8 (L >= 4) the first step already maps by L alone.
  for (std::uint64_t id_range = 4; id_range <= 8; ++id_range) {
    EXPECT_LE(CvReductionSteps(id_range), LogStar(id_range)) << id_range;
  }
  for (std::uint32_t l = 4; l <= 64; ++l) {
    const std::uint64_t smallest = (std::uint64_t{1} << (l - 1)) + 1;
    const std::uint64_t largest =
        l == 64 ? ~std::uint64_t{0} : std::uint64_t{1} << l;
    EXPECT_EQ(CvReductionSteps(smallest), CvReductionSteps(largest)) << l;
    EXPECT_LE(CvReductionSteps(smallest), LogStar(smallest)) << "L = " << l;
    EXPECT_EQ(ColeVishkinRoundBound(smallest), LogStar(smallest) + 4);
  }
}

TEST(CvTest, SmallCyclesAndPathsAllIdSchemes) {
  for (Vertex n : {3u, 4u, 5u, 7u, 64u, 1001u}) {
    for (bool cycle : {true, false}) {
      const Graph g = cycle ? Cycle(n) : Path(n);
      const std::vector<Port> succ =
          cycle ? CycleSuccessorPorts(g) : PathSuccessorPorts(g);
      for (IdScheme scheme : {IdScheme::kIdentity, IdScheme::kRandomSparse,
                              IdScheme::kBfsAdversarial}) {
        const auto ids = AssignIds(g, scheme, 11);
        const Knowledge k{
            .n = n, .max_degree = 2, .id_range = IdRange(scheme, n)};
        const auto by_id = testing::ById(ids, succ);
        const auto run =
            testing::RunBoth<std::uint8_t>(g, ids, k, 1, CvByInput(by_id));
        EXPECT_EQ(VerifyThreeColouring(g, run.out), "")
            << "n=" << n << " cycle=" << cycle;
        EXPECT_LE(run.stats.rounds, ColeVishkinRoundBound(k.id_range));
      }
    }
  }
}

TEST(CvTest, LocalityAudit) {
  const Graph g = Cycle(300);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 5);
  const Knowledge k{.n = 300, .max_degree = 2, .id_range = 300};
  const auto by_id = testing::ById(ids, CycleSuccessorPorts(g));
  const auto algo = CvByInput(by_id);
  const auto run = testing::RunBoth<std::uint8_t>(g, ids, k, 1, algo);
  testing::ExpectLocal<std::uint8_t>(g, ids, k, 1, algo, run, 40);
}

TEST(CvTest, BadSuccessorIsAClearError) {
  const Graph g = Cycle(5);
  std::vector<Vertex> succ = {2, 2, 3, 4, 0};  // 2 is not a neighbour of 0
  EXPECT_THROW(SuccessorPorts(g, succ), std::invalid_argument);
}

// Issue 2, acceptance 3: oriented cycles of 10^3 .. 10^7 vertices.
TEST(CvTest, LargeOrientedCycles) {
  const bool sanitizer = std::getenv("FCSIM_SANITIZER_BUILD") != nullptr;
  const Vertex largest = sanitizer ? 1000000u : 10000000u;
  if (sanitizer) {
    std::cout << "[ CV ] FCSIM_SANITIZER_BUILD set: cycles up to 10^6 only\n";
  }
  for (Vertex n = 1000; n <= largest; n *= 10) {
    const Graph g = Cycle(n);
    const std::vector<Port> succ = CycleSuccessorPorts(g);
    const auto ids = AssignIds(g, IdScheme::kRandomPermutation, n);
    const Knowledge k{.n = n, .max_degree = 2, .id_range = n};
    SimOptions options;
    options.threads = 2;
    Simulation sim(g, ids, k, options);
    const auto out =
        Simulation::Release(ColeVishkin(sim, Simulation::Wrap(succ)));
    EXPECT_EQ(VerifyThreeColouring(g, out), "") << "n = " << n;
    const std::uint64_t bound = LogStar(n) + 4;
    EXPECT_EQ(ColeVishkinRoundBound(n), bound);
    EXPECT_LE(sim.stats().rounds, bound) << "n = " << n;
    std::cout << "[ CV ] n = " << n << ": " << sim.stats().rounds
              << " rounds <= log* n + 4 = " << bound << ", 3 colours, proper\n";
  }
}

}  // namespace
}  // namespace fcsim
