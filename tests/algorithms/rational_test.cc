#include "algorithms/rational.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <sstream>

#include "algorithms/bounds.h"

namespace fcsim {
namespace {

TEST(Rational, NormalisesSignAndGcd) {
  const Rational r(6, -4);
  EXPECT_EQ(r.num(), -3);
  EXPECT_EQ(r.den(), 2);
  EXPECT_EQ(Rational(0, -7), Rational(0));
  EXPECT_EQ(Rational(0, -7).den(), 1);
  EXPECT_THROW(Rational(1, 0), std::invalid_argument);
}

TEST(Rational, ArithmeticIsExact) {
  EXPECT_EQ(Rational(1, 3) + Rational(1, 6), Rational(1, 2));
  EXPECT_EQ(Rational(1, 3) - Rational(1, 2), Rational(-1, 6));
  EXPECT_EQ(Rational(2, 3) * Rational(9, 4), Rational(3, 2));
  EXPECT_EQ(Rational(2, 3) / Rational(4, 9), Rational(3, 2));
  EXPECT_THROW(Rational(1) / Rational(0), std::domain_error);
  EXPECT_LT(Rational(2, 3), Rational(3, 4));
  EXPECT_GT(Rational(-1, 3), Rational(-1, 2));
  EXPECT_EQ(Rational(7, 2).Floor(), 3);
  EXPECT_EQ(Rational(7, 2).Ceil(), 4);
  EXPECT_EQ(Rational(-7, 2).Floor(), -4);
  EXPECT_EQ(Rational(-7, 2).Ceil(), -3);
  EXPECT_EQ(Rational(4).Floor(), 4);
}

TEST(Rational, LargeIntermediatesReduceInsteadOfOverflowing) {
  const std::int64_t big = std::int64_t{1} << 62;
  // (2^62 / 3) * (3 / 2^62) = 1: the product of numerators exceeds 64 bits.
  EXPECT_EQ(Rational(big, 3) * Rational(3, big), Rational(1));
  // Comparison of values whose cross products exceed 64 bits.
  EXPECT_LT(Rational(big - 1, big), Rational(big, big - 1));
}

TEST(Rational, OverflowThrows) {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  EXPECT_THROW(Rational(max) + Rational(1), RationalOverflow);
  EXPECT_THROW(Rational(max) * Rational(2), RationalOverflow);
  EXPECT_THROW(Rational(1, max) * Rational(1, 2), RationalOverflow);
  EXPECT_THROW(Rational(std::numeric_limits<std::int64_t>::min()),
               RationalOverflow);
}

TEST(Rational, ParseAndPrint) {
  EXPECT_EQ(Rational::Parse("3/2"), Rational(3, 2));
  EXPECT_EQ(Rational::Parse("-6/4"), Rational(-3, 2));
  EXPECT_EQ(Rational::Parse("7"), Rational(7));
  EXPECT_EQ(Rational(3, 2).ToString(), "3/2");
  EXPECT_EQ(Rational(-4, 2).ToString(), "-2");
  std::ostringstream out;
  out << Rational(941, 290);
  EXPECT_EQ(out.str(), "941/290");
  for (const char* bad :
       {"", "/", "3/", "/2", "3/0", "a", "1.5", "3 /2", "3/-2", "+3"}) {
    EXPECT_THROW(Rational::Parse(bad), std::invalid_argument) << bad;
  }
  EXPECT_THROW(Rational::Parse("99999999999999999999/2"), RationalOverflow);
}

TEST(Rational, MpqRoundTrip) {
  const Rational r(-941, 290);
  EXPECT_EQ(Rational::FromMpq(r.ToMpq()), r);
  mpq_class huge(mpz_class(1) << 70, 3);
  EXPECT_THROW(Rational::FromMpq(huge), RationalOverflow);
}

TEST(Bounds, Logarithms) {
  EXPECT_EQ(LogStar(1), 0u);
  EXPECT_EQ(LogStar(2), 1u);
  EXPECT_EQ(LogStar(4), 2u);
  EXPECT_EQ(LogStar(5), 3u);
  EXPECT_EQ(LogStar(16), 3u);
  EXPECT_EQ(LogStar(17), 4u);
  EXPECT_EQ(LogStar(65536), 4u);
  EXPECT_EQ(LogStar(65537), 5u);
  EXPECT_EQ(LogStar(~std::uint64_t{0}), 5u);
  EXPECT_EQ(CeilLog2(1), 0u);
  EXPECT_EQ(CeilLog2(5), 3u);
  EXPECT_EQ(CeilLog2(8), 3u);
  EXPECT_EQ(FloorLog2(8), 3u);
  EXPECT_EQ(FloorLog2(9), 3u);
  EXPECT_THROW(FloorLog2(0), std::invalid_argument);
}

}  // namespace
}  // namespace fcsim
