// Exact rational numbers for weights, interval endpoints and LP certificates.
//
// Rational is a/b over int64_t, always normalised (b > 0, gcd(|a|, b) = 1).
// Every operation computes in __int128 and reduces before narrowing back, so
// a result is either exact or the operation throws RationalOverflow: a value
// is never silently wrapped or rounded. The representable range excludes
// INT64_MIN so that negation never overflows.
//
// For values that do not fit (e.g. the exact measure of an HHRS schedule,
// whose denominator is 2^(p(d+1))) use GMP's mpq_class; ToMpq / FromMpq
// convert between the two.
#ifndef FCSIM_ALGORITHMS_RATIONAL_H_
#define FCSIM_ALGORITHMS_RATIONAL_H_

#include <gmpxx.h>

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fcsim {

class RationalOverflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

class Rational {
 public:
  constexpr Rational() = default;
  // Implicit from integers, so that `Rational w = 3;` reads naturally.
  Rational(std::int64_t value);  // NOLINT(google-explicit-constructor)
  // num/den; throws std::invalid_argument when den == 0.
  Rational(std::int64_t num, std::int64_t den);

  std::int64_t num() const { return num_; }
  std::int64_t den() const { return den_; }

  // Parses "3/2", "-7", "0/5", " 4 / 6 " is refused (no spaces). Throws
  // std::invalid_argument naming the text on bad syntax or a zero
  // denominator, RationalOverflow when a part does not fit in int64.
  static Rational Parse(std::string_view text);
  // "3/2", or "3" when the denominator is 1.
  std::string ToString() const;
  double ToDouble() const { return static_cast<double>(num_) / den_; }
  mpq_class ToMpq() const;
  // Throws RationalOverflow when the value does not fit.
  static Rational FromMpq(const mpq_class& q);

  // Largest integer <= value, smallest integer >= value.
  std::int64_t Floor() const;
  std::int64_t Ceil() const;

  Rational operator-() const;
  friend Rational operator+(const Rational& x, const Rational& y);
  friend Rational operator-(const Rational& x, const Rational& y);
  friend Rational operator*(const Rational& x, const Rational& y);
  // Throws std::domain_error when y == 0.
  friend Rational operator/(const Rational& x, const Rational& y);
  Rational& operator+=(const Rational& y) { return *this = *this + y; }
  Rational& operator-=(const Rational& y) { return *this = *this - y; }
  Rational& operator*=(const Rational& y) { return *this = *this * y; }
  Rational& operator/=(const Rational& y) { return *this = *this / y; }

  friend bool operator==(const Rational& x, const Rational& y) = default;
  // Exact: cross-multiplication in __int128 cannot overflow.
  friend std::strong_ordering operator<=>(const Rational& x, const Rational& y);

 private:
  // Reduces n/d (d != 0) and narrows to int64, or throws RationalOverflow.
  static Rational FromWide(__int128 n, __int128 d);

  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

std::ostream& operator<<(std::ostream& out, const Rational& r);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_RATIONAL_H_
