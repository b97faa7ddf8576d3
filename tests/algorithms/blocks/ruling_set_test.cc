#include "algorithms/blocks/ruling_set.h"

#include <gtest/gtest.h>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/colour_reduction.h"
#include "algorithms/blocks/colouring_mis.h"
#include "algorithms/blocks/linial.h"
#include "algorithms/blocks/luby_mis.h"
#include "algorithms/bounds.h"
#include "graphs/generators.h"
#include "sim/ids.h"
#include "tests/algorithms/blocks/block_test_util.h"

namespace fcsim {
namespace {

using testing::Algorithm;

TEST(MisFromColouringTest, MisOfGFromLinial) {
  const Graph g = RandomRegular(2000, 4, 3);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 1);
  const Knowledge k{.n = 2000, .max_degree = 4, .id_range = 2000};
  const std::uint64_t kin = LinialColours(2000, 4);
  const Algorithm<std::uint8_t> algo = [kin](Simulation& sim) {
    return MisFromColouring(sim, LinialColouring(sim), kin);
  };
  const auto run = testing::RunBoth<std::uint8_t>(g, ids, k, 1, algo);
  EXPECT_EQ(VerifyMis(g, run.out), "");
  EXPECT_LE(run.stats.phases[1].rounds, ColouringMisRoundBound(kin));
  const auto power =
      testing::RunOnce<std::uint8_t>(g, ids, k, 1, 1, [kin](Simulation& sim) {
        return MisFromColouring(sim, LinialColouring(sim), kin, 1, true);
      });
  EXPECT_EQ(power.out, run.out);
}

class PowerMisTest : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(PowerMisTest, MisOfGrVerifiedWithinBound) {
  const std::uint32_t r = GetParam();
  const Graph g = RandomRegular(1500, 3, 4);
  const auto ids = AssignIds(g, IdScheme::kRandomSparse, 5);
  const Knowledge k{.n = 1500,
                    .max_degree = 3,
                    .id_range = IdRange(IdScheme::kRandomSparse, 1500)};
  const Algorithm<std::uint8_t> algo = [r](Simulation& sim) {
    return PowerMis(sim, r);
  };
  const auto run = testing::RunBoth<std::uint8_t>(g, ids, k, 1, algo);
  EXPECT_EQ(VerifyPowerMis(g, run.out, r), "");
  EXPECT_LE(run.stats.rounds, PowerMisRoundBound(k.id_range, 3, r));
}

INSTANTIATE_TEST_SUITE_P(Powers, PowerMisTest, ::testing::Values(1u, 2u, 3u));

TEST(MisFromColouringTest, TwoHopProgramMatchesTheRelayShellOnG2) {
  for (int degree : {3, 8}) {
    const Graph g = RandomRegular(1200, degree, 11);
    const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 4);
    const Knowledge k{.n = 1200, .max_degree = Port(degree), .id_range = 1200};
    const std::uint64_t dr = PowerDegreeBound(degree, 2);
    const std::uint64_t kin = LinialColours(1200, dr);
    auto algo = [kin, dr](bool force_power) -> Algorithm<std::uint8_t> {
      return [kin, dr, force_power](Simulation& sim) {
        VertexData<std::uint64_t> c =
            ReduceColours(sim, LinialColouring(sim, 2), kin, 2,
                          ReductionSchedule::kFastest, force_power);
        return MisFromColouring(sim, c, dr + 1, 2, force_power);
      };
    };
    const auto fast = testing::RunBoth<std::uint8_t>(g, ids, k, 1, algo(false));
    const auto relay =
        testing::RunOnce<std::uint8_t>(g, ids, k, 1, 1, algo(true));
    EXPECT_EQ(VerifyPowerMis(g, fast.out, 2), "") << "Δ=" << degree;
    EXPECT_EQ(fast.out, relay.out) << "Δ=" << degree;
    ASSERT_EQ(fast.stats.phases.size(), 3u);
    EXPECT_LE(fast.stats.phases[2].rounds, ColouringMisRoundBound(dr + 1, 2));
    EXPECT_LE(fast.stats.phases[2].rounds, relay.stats.phases[2].rounds);
    // Sleeping vertices: far fewer activations than n per round.
    EXPECT_LT(fast.stats.phases[2].vertex_activations,
              relay.stats.phases[2].vertex_activations / 4);
  }
}

TEST(PowerRulingSetTest, RulingSetFromColouringIsTheBinaryDigitMerge) {
  const Graph g = RandomRegular(1000, 3, 17);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 8);
  const Knowledge k{.n = 1000, .max_degree = 3, .id_range = 1000};
  for (std::uint32_t r : {1u, 2u}) {
    const std::uint64_t kin = LinialColours(1000, PowerDegreeBound(3, r));
    const auto bits =
        testing::RunBoth<std::uint8_t>(g, ids, k, 1, [r, kin](Simulation& sim) {
          return RulingSetFromColouring(sim, LinialColouring(sim, r), kin, r);
        });
    const auto digits = testing::RunOnce<std::uint8_t>(
        g, ids, k, 1, 1, [r, kin](Simulation& sim) {
          return DigitRulingSet(sim, LinialColouring(sim, r), BinaryDigits(kin),
                                r, "digits");
        });
    EXPECT_EQ(bits.out, digits.out) << "r=" << r;
    EXPECT_EQ(VerifyRulingSet(g, bits.out, r + 1, r * CeilLog2(kin)), "")
        << "r=" << r;
    ASSERT_EQ(bits.stats.phases.size(), 2u);
    EXPECT_EQ(bits.stats.phases[1].rounds,
              DigitRulingSetRounds(BinaryDigits(kin), r));
  }
}

TEST(PowerRulingSetTest, BitMergeRulingSetOfG2AndG3) {
  const Graph g = RandomRegular(2000, 4, 6);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 7);
  const Knowledge k{.n = 2000, .max_degree = 4, .id_range = 2000};
  for (std::uint32_t r : {1u, 2u, 3u}) {
    const Algorithm<std::uint8_t> algo = [r](Simulation& sim) {
      return PowerRulingSet(sim, r);
    };
    const auto run = testing::RunBoth<std::uint8_t>(g, ids, k, 1, algo);
    const std::uint32_t beta = PowerRulingSetBeta(2000, 4, r);
    EXPECT_EQ(VerifyRulingSet(g, run.out, r + 1, beta), "") << "r=" << r;
    EXPECT_LE(run.stats.rounds, PowerRulingSetRoundBound(2000, 4, r));
    // Cheaper than the MIS of G^r, which is why it exists.
    EXPECT_LT(PowerRulingSetRoundBound(2000, 4, r),
              PowerMisRoundBound(2000, 4, r));
  }
}

TEST(DigitRulingSetTest, MixedRadixRulingSetOfG2) {
  // Bases (3, 5, 7, ...) with Π b_j >= K: an (r + 1, r·m)-ruling set in
  // exactly r · Σ(b_j − 1) rounds, on G^2 from Linial's colouring.
  const Graph g = RandomRegular(2000, 3, 13);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 2);
  const Knowledge k{.n = 2000, .max_degree = 3, .id_range = 2000};
  const std::uint32_t r = 2;
  const std::uint64_t kin = LinialColours(2000, PowerDegreeBound(3, r));
  RulingDigits digits;
  digits.colours = kin;
  std::uint64_t product = 1;
  for (std::uint32_t b = 3; product < kin; b += 2) {
    digits.bases.push_back(b);
    product *= b;
  }
  const Algorithm<std::uint8_t> algo = [&](Simulation& sim) {
    return DigitRulingSet(sim, LinialColouring(sim, r), digits, r, "digits");
  };
  const auto run = testing::RunBoth<std::uint8_t>(g, ids, k, 1, algo);
  EXPECT_EQ(VerifyRulingSet(
                g, run.out, r + 1,
                static_cast<std::uint32_t>(DigitRulingSetBeta(digits, r))),
            "");
  ASSERT_EQ(run.stats.phases.size(), 2u);
  EXPECT_EQ(run.stats.phases[1].rounds, DigitRulingSetRounds(digits, r));
  EXPECT_EQ(DigitRulingSetRounds(digits, r), r * digits.windows());
  testing::ExpectLocal<std::uint8_t>(g, ids, k, 1, algo, run, 8);
}

TEST(DigitRulingSetTest, CheapestDigitsCoverThePaletteAndBeatBinary) {
  for (std::uint64_t colours :
       {2ull, 3ull, 1000ull, 11449ull, 942841ull, 1ull << 40}) {
    for (std::uint64_t digit_cost : {1ull, 15ull, 500ull}) {
      const RulingDigits d = CheapestDigits(colours, 3, digit_cost);
      unsigned __int128 product = 1;
      for (std::uint32_t b : d.bases) {
        EXPECT_GE(b, 2u);
        product *= b;
      }
      EXPECT_GE(product, colours);
      const RulingDigits bin = BinaryDigits(colours);
      EXPECT_LE(3 * d.windows() + d.digits() * digit_cost,
                3 * bin.windows() + bin.digits() * digit_cost);
    }
  }
  // Large digit costs favour few large digits.
  EXPECT_LT(CheapestDigits(11449, 3, 500).digits(),
            CheapestDigits(11449, 3, 1).digits());
}

TEST(PowerRulingSetTest, LocalityAudit) {
  const Graph g = RandomRegular(200, 3, 8);
  const auto ids = AssignIds(g, IdScheme::kRandomPermutation, 9);
  const Knowledge k{.n = 200, .max_degree = 3, .id_range = 200};
  const Algorithm<std::uint8_t> mis = [](Simulation& sim) {
    return PowerMis(sim, 2);
  };
  const auto run = testing::RunBoth<std::uint8_t>(g, ids, k, 1, mis);
  testing::ExpectLocal<std::uint8_t>(g, ids, k, 1, mis, run, 6);
  const Algorithm<std::uint8_t> ruling = [](Simulation& sim) {
    return PowerRulingSet(sim, 2);
  };
  const auto run2 = testing::RunBoth<std::uint8_t>(g, ids, k, 1, ruling);
  testing::ExpectLocal<std::uint8_t>(g, ids, k, 1, ruling, run2, 12);
}

TEST(PowerRulingSetTest, VerifierRejectsCloseMembersAndFarVertices) {
  const Graph g = Path(7);  // 0-1-2-3-4-5-6
  EXPECT_EQ(
      VerifyRulingSet(g, std::vector<std::uint8_t>{1, 0, 0, 1, 0, 0, 1}, 3, 1),
      "");
  EXPECT_NE(
      VerifyRulingSet(g, std::vector<std::uint8_t>{1, 0, 1, 0, 0, 0, 1}, 3, 2),
      "");
  EXPECT_NE(
      VerifyRulingSet(g, std::vector<std::uint8_t>{1, 0, 0, 0, 0, 0, 0}, 3, 5),
      "");
}

}  // namespace
}  // namespace fcsim
