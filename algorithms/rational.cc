#include "algorithms/rational.h"

#include <charconv>
#include <limits>
#include <ostream>

namespace fcsim {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

__int128 Abs128(__int128 x) { return x < 0 ? -x : x; }

__int128 Gcd128(__int128 a, __int128 b) {
  a = Abs128(a);
  b = Abs128(b);
  while (b != 0) {
    const __int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::int64_t ParseInt(std::string_view part, std::string_view whole) {
  std::int64_t value = 0;
  const char* begin = part.data();
  const char* end = part.data() + part.size();
  // from_chars accepts a leading '-' but not '+'; we accept neither in the
  // denominator, which the caller enforces.
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec == std::errc::result_out_of_range) {
    throw RationalOverflow("rational '" + std::string(whole) +
                           "': a part does not fit in 64 bits");
  }
  if (part.empty() || ec != std::errc() || ptr != end) {
    throw std::invalid_argument("bad rational '" + std::string(whole) +
                                "' (expected p or p/q with integers p, q)");
  }
  return value;
}

}  // namespace

Rational::Rational(std::int64_t value) {
  if (value == std::numeric_limits<std::int64_t>::min()) {
    throw RationalOverflow("rational: INT64_MIN is not representable");
  }
  num_ = value;
}

Rational::Rational(std::int64_t num, std::int64_t den) {
  if (den == 0) throw std::invalid_argument("rational: zero denominator");
  *this = FromWide(num, den);
}

Rational Rational::FromWide(__int128 n, __int128 d) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const __int128 g = Gcd128(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  if (Abs128(n) > kMax || d > kMax) {
    throw RationalOverflow("rational arithmetic overflows 64 bits");
  }
  Rational r;
  r.num_ = static_cast<std::int64_t>(n);
  r.den_ = static_cast<std::int64_t>(d);
  return r;
}

Rational Rational::Parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return Rational(ParseInt(text, text));
  const std::string_view den_text = text.substr(slash + 1);
  if (!den_text.empty() && den_text.front() == '-') {
    throw std::invalid_argument("bad rational '" + std::string(text) +
                                "' (negative denominator)");
  }
  const std::int64_t num = ParseInt(text.substr(0, slash), text);
  const std::int64_t den = ParseInt(den_text, text);
  if (den == 0) {
    throw std::invalid_argument("bad rational '" + std::string(text) +
                                "' (zero denominator)");
  }
  return Rational(num, den);
}

std::string Rational::ToString() const {
  if (den_ == 1) return std::to_string(num_);
  return std::to_string(num_) + "/" + std::to_string(den_);
}

mpq_class Rational::ToMpq() const {
  // mpz from a string avoids the platform-dependent width of `long`.
  mpq_class q(mpz_class(std::to_string(num_)), mpz_class(std::to_string(den_)));
  q.canonicalize();
  return q;
}

Rational Rational::FromMpq(const mpq_class& q) {
  const mpz_class& n = q.get_num();
  const mpz_class& d = q.get_den();
  if (!n.fits_slong_p() || !d.fits_slong_p() || sizeof(long) < 8) {
    throw RationalOverflow("rational " + q.get_str() +
                           " does not fit in 64 bits");
  }
  return Rational(n.get_si(), d.get_si());
}

std::int64_t Rational::Floor() const {
  // C++ division truncates toward zero; adjust for negative non-integers.
  std::int64_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  return q;
}

std::int64_t Rational::Ceil() const {
  std::int64_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ > 0) ++q;
  return q;
}

Rational Rational::operator-() const {
  Rational r;
  r.num_ = -num_;
  r.den_ = den_;
  return r;
}

Rational operator+(const Rational& x, const Rational& y) {
  return Rational::FromWide(static_cast<__int128>(x.num_) * y.den_ +
                                static_cast<__int128>(y.num_) * x.den_,
                            static_cast<__int128>(x.den_) * y.den_);
}

Rational operator-(const Rational& x, const Rational& y) { return x + (-y); }

Rational operator*(const Rational& x, const Rational& y) {
  return Rational::FromWide(static_cast<__int128>(x.num_) * y.num_,
                            static_cast<__int128>(x.den_) * y.den_);
}

Rational operator/(const Rational& x, const Rational& y) {
  if (y.num_ == 0) throw std::domain_error("rational: division by zero");
  return Rational::FromWide(static_cast<__int128>(x.num_) * y.den_,
                            static_cast<__int128>(x.den_) * y.num_);
}

std::strong_ordering operator<=>(const Rational& x, const Rational& y) {
  const __int128 l = static_cast<__int128>(x.num_) * y.den_;
  const __int128 r = static_cast<__int128>(y.num_) * x.den_;
  return l <=> r;
}

std::ostream& operator<<(std::ostream& out, const Rational& r) {
  return out << r.ToString();
}

}  // namespace fcsim
