#include "algorithms/blocks/linial.h"

#include <gtest/gtest.h>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/bounds.h"
#include "graphs/generators.h"
#include "sim/ids.h"
#include "tests/algorithms/blocks/block_test_util.h"

namespace fcsim {
namespace {

using testing::Algorithm;

TEST(LinialTest, ScheduleBounds) {
  // The declared bounds of linial.h, over the whole parameter range.
  for (std::uint64_t degree = 1; degree <= 4096; degree = degree * 3 / 2 + 1) {
    for (std::uint32_t l = 1; l <= 63; ++l) {
      for (std::uint64_t id_range :
           {(std::uint64_t{1} << (l - 1)) + 1, std::uint64_t{1} << l}) {
        const auto schedule = LinialSchedule(id_range, degree);
        EXPECT_LE(schedule.size(), LogStar(id_range) + 2)
            << "id_range " << id_range << " degree " << degree;
        const std::uint64_t colours = LinialColours(id_range, degree);
        EXPECT_LE(colours,
                  std::max(id_range, (4 * degree + 2) * (4 * degree + 2)));
        for (const LinialStep& s : schedule) {
          EXPECT_GT(s.q, s.d * degree);  // a free point always exists
          EXPECT_LT(s.colours_out, s.colours_in);
        }
      }
    }
  }
}

TEST(LinialTest, NewColourAvoidsEveryNeighbour) {
  const LinialStep step{7, 2, 343, 49};
  std::vector<std::uint64_t> others = {1, 2, 3, 50, 100, 341};
  const std::uint64_t c = LinialNewColour(step, 0, others);
  for (std::uint64_t o : others) EXPECT_NE(c, LinialNewColour(step, o, {}));
  EXPECT_THROW(LinialNewColour(step, 3, others), std::invalid_argument);
}

class LinialOnRegular : public ::testing::TestWithParam<int> {};

TEST_P(LinialOnRegular, ProperWithinBoundBothShells) {
  const int d = GetParam();
  const Graph g = RandomRegular(3000, d, d);
  const auto ids = AssignIds(g, IdScheme::kRandomSparse, 8);
  const Knowledge k{.n = 3000,
                    .max_degree = Port(d),
                    .id_range = IdRange(IdScheme::kRandomSparse, 3000)};
  for (std::uint32_t r : {1u, 2u}) {
    const Algorithm<std::uint64_t> algo = [r](Simulation& sim) {
      return LinialColouring(sim, r);
    };
    const auto run = testing::RunBoth<std::uint64_t>(g, ids, k, 1, algo);
    EXPECT_EQ(VerifyLinial(g, run.out, k.id_range, d, r), "") << "r=" << r;
    EXPECT_LE(run.stats.rounds, LinialRoundBound(k.id_range, d, r));
    EXPECT_GT(run.stats.rounds, 0u);
  }
  // The G^r shell with r = 1 computes exactly what the broadcast shell does.
  const auto direct = testing::RunOnce<std::uint64_t>(
      g, ids, k, 1, 1, [](Simulation& sim) { return LinialColouring(sim, 1); });
  const auto power = testing::RunOnce<std::uint64_t>(
      g, ids, k, 2, 1,
      [](Simulation& sim) { return LinialColouring(sim, 1, true); });
  EXPECT_EQ(direct.out, power.out);
  EXPECT_EQ(direct.stats.rounds, power.stats.rounds);
}

INSTANTIATE_TEST_SUITE_P(Degrees, LinialOnRegular, ::testing::Values(3, 4, 8));

TEST(LinialTest, LocalityAuditOnGAndG2) {
  const Graph g = RandomRegular(300, 3, 5);
  const auto ids = AssignIds(g, IdScheme::kRandomSparse, 3);
  const Knowledge k{.n = 300,
                    .max_degree = 3,
                    .id_range = IdRange(IdScheme::kRandomSparse, 300)};
  for (std::uint32_t r : {1u, 2u}) {
    const Algorithm<std::uint64_t> algo = [r](Simulation& sim) {
      return LinialColouring(sim, r);
    };
    const auto run = testing::RunBoth<std::uint64_t>(g, ids, k, 1, algo);
    testing::ExpectLocal<std::uint64_t>(g, ids, k, 1, algo, run, 16);
  }
}

TEST(LinialTest, MissingKnowledgeIsAClearError) {
  const Graph g = Cycle(10);
  const auto ids = AssignIds(g, IdScheme::kIdentity, 1);
  Simulation sim(g, ids, Knowledge{.n = 10}, {});
  EXPECT_THROW(LinialColouring(sim), std::invalid_argument);
}

}  // namespace
}  // namespace fcsim
