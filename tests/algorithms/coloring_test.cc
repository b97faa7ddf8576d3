#include "algorithms/coloring.h"

#include <gtest/gtest.h>

#include <vector>

#include "algorithms/checker.h"
#include "sim/rng.h"

namespace fcsim {
namespace {

Graph CycleGraph(Vertex n) {
  std::vector<std::pair<Vertex, Vertex>> e;
  for (Vertex i = 0; i < n; ++i) e.push_back({i, (i + 1) % n});
  return Graph::FromEdges(n, e);
}

TEST(ColorSet, InsertContainsCountForEach) {
  ColorSet s{3, 64, 255};
  EXPECT_TRUE(s.Contains(3));
  EXPECT_TRUE(s.Contains(64));
  EXPECT_FALSE(s.Contains(4));
  EXPECT_FALSE(s.Contains(1000));
  EXPECT_FALSE(s.Contains(5000));
  EXPECT_EQ(s.Count(), 3u);
  EXPECT_EQ(s.Bound(), 256u);
  std::vector<std::uint32_t> seen;
  s.ForEach([&](std::uint32_t c) { seen.push_back(c); });
  EXPECT_EQ(seen, (std::vector<std::uint32_t>{3, 64, 255}));
  s.Erase(255);
  EXPECT_EQ(s.Bound(), 65u);
  s.Insert(1023);  // the palette's last colour
  EXPECT_EQ(s.Bound(), 1024u);
  s.Erase(1023);
  EXPECT_THROW(s.Insert(1024), std::out_of_range);
  EXPECT_EQ(ColorSet::Range(2, 3), (ColorSet{2, 3, 4}));
  EXPECT_EQ(ColorSet{}.Bound(), 0u);
  EXPECT_EQ(ColorSet({1, 70}).FirstCommon(ColorSet{70, 71}), 70u);
  EXPECT_FALSE(ColorSet({1}).Intersects(ColorSet{2}));
}

TEST(ABColoring, FromVertexOutputsKeepsOutOfRangeColours) {
  const std::vector<ColorSet> sets = {{0, 1}, {2, 130}};
  const ABColoring c = ABColoring::FromVertexOutputs(4, 2, sets);
  EXPECT_EQ(c.num_vertices(), 2u);
  EXPECT_EQ(c.words_per_vertex(), 3u);  // colour 130 needs 3 words
  EXPECT_TRUE(c.Contains(1, 130));
  EXPECT_EQ(c.Count(0), 2u);
  EXPECT_EQ(c.Bound(1), 131u);
  EXPECT_EQ(c.Set(1), sets[1]);
  EXPECT_EQ(c.weight(), Rational(2));
  ABColoring d(5, 2, 3);
  d.Insert(2, 4);
  EXPECT_THROW(d.Insert(3, 0), std::out_of_range);
  EXPECT_THROW(d.Insert(0, 64), std::out_of_range);
}

TEST(IntervalSchedule, FromColoringAndMeasure) {
  // The 5:2-colouring of C5: v gets {2v, 2v+1} mod 5.
  ABColoring c(5, 2, 5);
  for (Vertex v = 0; v < 5; ++v) {
    c.Insert(v, (2 * v) % 5);
    c.Insert(v, (2 * v + 1) % 5);
  }
  const IntervalSchedule s = ToSchedule(c);
  EXPECT_EQ(s.frame(), Rational(5, 2));
  EXPECT_EQ(s.max_intervals_per_vertex(), 2u);
  EXPECT_EQ(s.intervals(2)[0], (Interval{Rational(0), Rational(1, 2)}));
  EXPECT_EQ(UnionMeasure(s.intervals(3)), Rational(1));
  EXPECT_TRUE(CheckSchedule(CycleGraph(5), s).passed());
  EXPECT_THROW(IntervalSchedule(1, {0, 2}, {}), std::invalid_argument);
}

TEST(IntervalSchedule, NormalizeMergesOverlapsAndTouching) {
  const std::vector<Interval> list = {{Rational(3), Rational(4)},
                                      {Rational(0), Rational(1, 2)},
                                      {Rational(1, 3), Rational(1)},
                                      {Rational(1), Rational(1)},
                                      {Rational(1), Rational(3, 2)}};
  const std::vector<Interval> merged = NormalizeIntervals(list);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0], (Interval{Rational(0), Rational(3, 2)}));
  EXPECT_EQ(UnionMeasure(list), Rational(5, 2));
}

TEST(Hhrs, PowerSumMatchesDirectSum) {
  for (std::uint32_t d = 0; d <= 6; ++d) {
    for (int count = 1; count <= 9; ++count) {
      mpz_class direct = 0;
      for (int k = 0; k < count; ++k) {
        mpz_class power;
        mpz_ui_pow_ui(power.get_mpz_t(), k, d);
        direct += power;
      }
      EXPECT_EQ(PowerSum(count, d), direct) << count << " " << d;
    }
  }
}

TEST(Hhrs, ProbabilityMatchesEnumerationOfLabels) {
  // Count label tuples (x, y_1..y_d) in {0..2^p-1} with x < every y_i.
  for (std::uint32_t p = 1; p <= 2; ++p) {
    for (std::uint32_t d = 0; d <= 3; ++d) {
      const std::uint64_t labels = 1u << p;
      std::uint64_t total = 1, good = 0;
      for (std::uint32_t i = 0; i <= d; ++i) total *= labels;
      for (std::uint64_t t = 0; t < total; ++t) {
        std::uint64_t rest = t;
        const std::uint64_t x = rest % labels;
        rest /= labels;
        bool minimum = true;
        for (std::uint32_t i = 0; i < d; ++i, rest /= labels) {
          minimum = minimum && x < rest % labels;
        }
        good += minimum ? 1 : 0;
      }
      mpq_class expected(mpz_class(std::to_string(good)),
                         mpz_class(std::to_string(total)));
      expected.canonicalize();
      EXPECT_EQ(HhrsStrictMinProbability(p, d), expected) << p << " " << d;
    }
  }
}

TEST(Hhrs, MeasureMatchesDigitLevelDefinition) {
  // Vertex with ID 2 and neighbours 1, 3, p = 1: S'_v depends on the digits
  // at positions < p(3+1) = 4; enumerate all 16 dyadic cells exactly.
  const std::vector<NodeId> neighbours = {1, 3};
  int inside = 0;
  for (unsigned cell = 0; cell < 16; ++cell) {
    auto digit = [&](std::uint64_t i) { return ((cell >> (3 - i)) & 1) != 0; };
    inside += HhrsContains(1, 2, neighbours, digit) ? 1 : 0;
  }
  mpq_class measured(inside, 16);
  measured.canonicalize();
  EXPECT_EQ(measured, HhrsStrictMinProbability(1, 2));
  EXPECT_EQ(HhrsIntervalBoundLog2(1, 3), 4u);
}

TEST(Hhrs, EdgesAreDisjointOnRandomTimes) {
  // Random edges {x, y} with random neighbourhoods, random t: never both.
  RandomStream rng(7, 0, 0, 0);
  int v_members = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    const std::uint32_t p = 1 + static_cast<std::uint32_t>(rng.Below(3));
    const NodeId x = 1 + rng.Below(50);
    NodeId y = 1 + rng.Below(50);
    if (y == x) y = x + 50;
    std::vector<NodeId> nx = {y}, ny = {x};
    for (int i = 0; i < 2; ++i) {
      nx.push_back(101 + rng.Below(100));
      ny.push_back(201 + rng.Below(100));
    }
    const std::uint64_t seed = rng.Next();
    auto digit = [seed](std::uint64_t i) {
      return (HashWords(seed, i / 64) >> (i % 64)) & 1;
    };
    const bool in_x = HhrsContains(p, x, nx, digit);
    const bool in_y = HhrsContains(p, y, ny, digit);
    EXPECT_FALSE(in_x && in_y) << "x=" << x << " y=" << y;
    v_members += in_x ? 1 : 0;
  }
  // The test is not vacuous: t often lies in S'_x (Pr ~ 1/4 here).
  EXPECT_GT(v_members, 200);
}

TEST(Hhrs, MinimalPAndChecker) {
  // Δ = 2 (cycle), α = 2: T = 6; p is the least with 6 Pr >= 1.
  const Rational frame(6);
  const std::uint32_t p = HhrsMinimalP(frame, 2);
  ASSERT_GE(p, 1u);
  EXPECT_GE(HhrsMeasure({p, frame}, 2), 1);
  if (p > 1) {
    EXPECT_LT(HhrsMeasure({p - 1, frame}, 2), 1);
  }
  // T <= Δ+1 can never suffice.
  EXPECT_EQ(HhrsMinimalP(Rational(3), 2, 20), 0u);
  const Graph g = CycleGraph(6);
  const std::vector<NodeId> ids = {4, 9, 1, 7, 3, 12};
  EXPECT_TRUE(CheckHhrsSchedule(g, ids, {p, frame}).passed());
  const Verdict small = CheckHhrsSchedule(g, ids, {1, Rational(3)});
  ASSERT_FALSE(small.passed());
  EXPECT_EQ(small.violation->kind, ViolationKind::kMeasureTooSmall);
  const std::vector<NodeId> dup = {4, 4, 1, 7, 3, 12};
  const Verdict d = CheckHhrsSchedule(g, dup, {p, frame});
  ASSERT_FALSE(d.passed());
  EXPECT_EQ(d.violation->kind, ViolationKind::kDuplicateId);
  EXPECT_EQ(d.violation->vertex, 0u);
  EXPECT_EQ(d.violation->other, 1u);
}

}  // namespace
}  // namespace fcsim
