#include "algorithms/blocks/colour_reduction.h"

#include <gtest/gtest.h>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/linial.h"
#include "graphs/generators.h"
#include "sim/ids.h"
#include "tests/algorithms/blocks/block_test_util.h"

namespace fcsim {
namespace {

using testing::Algorithm;

struct Case {
  int degree;
  std::uint32_t r;
  ReductionSchedule schedule;
};

class ReductionTest : public ::testing::TestWithParam<Case> {};

TEST_P(ReductionTest, LinialThenReductionIsProperWithinBound) {
  const Case c = GetParam();
  const Vertex n = 1200;
  const Graph g = RandomRegular(n, c.degree, 21);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 2);
  const Knowledge k{.n = n, .max_degree = Port(c.degree), .id_range = n};
  const std::uint64_t kin = LinialColours(n, PowerDegreeBound(c.degree, c.r));
  const Algorithm<std::uint64_t> algo = [&](Simulation& sim) {
    return ReduceColours(sim, LinialColouring(sim, c.r), kin, c.r, c.schedule);
  };
  const auto run = testing::RunBoth<std::uint64_t>(g, ids, k, 1, algo);
  EXPECT_EQ(VerifyReducedColouring(g, run.out, c.degree, c.r), "");
  ASSERT_EQ(run.stats.phases.size(), 2u);
  EXPECT_LE(run.stats.phases[1].rounds,
            ReductionRoundBound(c.schedule, kin, c.degree, c.r));
  if (c.r <= 2) {
    // The relay shell (stored balls) agrees with the broadcast shell on G
    // and with the two-hop program on G^2.
    const auto power =
        testing::RunOnce<std::uint64_t>(g, ids, k, 1, 1, [&](Simulation& sim) {
          return ReduceColours(sim, LinialColouring(sim, c.r), kin, c.r,
                               c.schedule, true);
        });
    EXPECT_EQ(power.out, run.out);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Schedules, ReductionTest,
    ::testing::Values(Case{3, 1, ReductionSchedule::kOneClassPerRound},
                      Case{3, 1, ReductionSchedule::kBlockHalving},
                      Case{8, 1, ReductionSchedule::kOneClassPerRound},
                      Case{8, 1, ReductionSchedule::kBlockHalving},
                      Case{4, 1, ReductionSchedule::kFastest},
                      Case{3, 2, ReductionSchedule::kBlockHalving},
                      Case{3, 2, ReductionSchedule::kOneClassPerRound},
                      Case{4, 2, ReductionSchedule::kBlockHalving},
                      Case{8, 2, ReductionSchedule::kFastest}));

TEST(ReductionTest, TwoHopProgramUsesAtMostTwoRoundsPerStep) {
  // The relay shell takes exactly 2 · steps rounds on G^2; the two-hop
  // program at most that, and a vertex is active only when it or a
  // neighbour moves (far fewer activations than n per round).
  const Vertex n = 1000;
  const Graph g = RandomRegular(n, 4, 5);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 3);
  const Knowledge k{.n = n, .max_degree = 4, .id_range = n};
  const std::uint64_t kin = LinialColours(n, PowerDegreeBound(4, 2));
  const std::uint64_t steps = ReductionSteps(ReductionSchedule::kBlockHalving,
                                             kin, PowerDegreeBound(4, 2));
  const Algorithm<std::uint64_t> algo = [&](Simulation& sim) {
    return ReduceColours(sim, LinialColouring(sim, 2), kin, 2,
                         ReductionSchedule::kBlockHalving);
  };
  const auto run = testing::RunBoth<std::uint64_t>(g, ids, k, 1, algo);
  EXPECT_EQ(VerifyReducedColouring(g, run.out, 4, 2), "");
  ASSERT_EQ(run.stats.phases.size(), 2u);
  const PhaseStats& phase = run.stats.phases[1];
  EXPECT_LE(phase.rounds, 2 * steps);
  EXPECT_GT(phase.rounds, 2 * steps - 2 * PowerDegreeBound(4, 2) - 2);
  EXPECT_LT(phase.vertex_activations, std::uint64_t{n} * phase.rounds / 4);
}

TEST(ReductionStepsTest, BlockHalvingFormulaAndFastestChoice) {
  // 289 colours, Δ = 8: B = 9, ceil(289 / 18) = 17 blocks, 1 + 5 levels.
  EXPECT_EQ(ReductionSteps(ReductionSchedule::kBlockHalving, 289, 8), 54u);
  EXPECT_EQ(ReductionSteps(ReductionSchedule::kOneClassPerRound, 289, 8), 280u);
  EXPECT_EQ(FastestReduction(289, 8), ReductionSchedule::kBlockHalving);
  EXPECT_EQ(FastestReduction(12, 8), ReductionSchedule::kOneClassPerRound);
  EXPECT_EQ(ReductionSteps(ReductionSchedule::kFastest, 9, 8), 0u);
}

TEST(ReductionTest, LocalityAudit) {
  const Graph g = RandomRegular(300, 4, 2);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 6);
  const Knowledge k{.n = 300, .max_degree = 4, .id_range = 300};
  for (std::uint32_t r : {1u, 2u}) {
    const std::uint64_t kin = LinialColours(300, PowerDegreeBound(4, r));
    const Algorithm<std::uint64_t> algo = [r, kin](Simulation& sim) {
      return ReduceColours(sim, LinialColouring(sim, r), kin, r);
    };
    const auto run = testing::RunBoth<std::uint64_t>(g, ids, k, 1, algo);
    EXPECT_EQ(VerifyReducedColouring(g, run.out, 4, r), "");
    testing::ExpectLocal<std::uint64_t>(g, ids, k, 1, algo, run, 12);
  }
}

TEST(ReductionTest, ImproperInputIsAClearError) {
  const Graph g = Cycle(12);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  Simulation sim(g, ids, Knowledge{.n = 12, .max_degree = 2, .id_range = 12},
                 {});
  // Colour 20 is outside the declared 10 input colours.
  EXPECT_THROW(ReduceColours(sim, sim.Constant<std::uint64_t>(20), 10, 1,
                             ReductionSchedule::kBlockHalving),
               std::invalid_argument);
}

}  // namespace
}  // namespace fcsim
