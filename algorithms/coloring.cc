#include "algorithms/coloring.h"

#include <algorithm>
#include <string>

namespace fcsim {

ColorSet ColorSet::Range(std::uint32_t first, std::uint32_t count) {
  ColorSet s;
  for (std::uint32_t c = first; c < first + count; ++c) s.Insert(c);
  return s;
}

std::uint32_t ColorSet::Bound() const {
  for (std::size_t i = kWords; i-- > 0;) {
    if (words_[i] != 0) {
      return static_cast<std::uint32_t>(i * 64 + 64 -
                                        std::countl_zero(words_[i]));
    }
  }
  return 0;
}

std::optional<std::uint32_t> ColorSet::FirstCommon(
    const ColorSet& other) const {
  for (std::size_t i = 0; i < kWords; ++i) {
    const std::uint64_t w = words_[i] & other.words_[i];
    if (w != 0) return static_cast<std::uint32_t>(i * 64 + std::countr_zero(w));
  }
  return std::nullopt;
}

ABColoring::ABColoring(std::uint32_t a, std::uint32_t b, Vertex n,
                       std::uint32_t capacity)
    : a_(a), b_(b), n_(n) {
  const std::uint64_t cap = std::max<std::uint64_t>({capacity, a, 1});
  words_per_vertex_ = static_cast<std::uint32_t>((cap + 63) / 64);
  words_.assign(static_cast<std::size_t>(n) * words_per_vertex_, 0);
}

ABColoring ABColoring::FromVertexOutputs(std::uint32_t a, std::uint32_t b,
                                         std::span<const ColorSet> sets) {
  std::uint32_t cap = a;
  for (const ColorSet& s : sets) cap = std::max(cap, s.Bound());
  ABColoring out(a, b, static_cast<Vertex>(sets.size()), cap);
  const std::size_t copy =
      std::min<std::size_t>(out.words_per_vertex_, ColorSet::kWords);
  for (std::size_t v = 0; v < sets.size(); ++v) {
    std::copy_n(sets[v].words().begin(), copy,
                out.words_.begin() + v * out.words_per_vertex_);
  }
  return out;
}

ABColoring ABColoring::FromProperColoring(std::span<const std::uint32_t> colors,
                                          std::uint32_t k) {
  std::uint32_t cap = k;
  for (std::uint32_t c : colors) {
    if (c == UINT32_MAX) {
      throw std::out_of_range("FromProperColoring: colour 2^32-1 not storable");
    }
    cap = std::max(cap, c + 1);
  }
  ABColoring out(k, 1, static_cast<Vertex>(colors.size()), cap);
  for (Vertex v = 0; v < colors.size(); ++v) out.Insert(v, colors[v]);
  return out;
}

Rational ABColoring::weight() const {
  if (b_ == 0) throw std::invalid_argument("a:b-colouring with b = 0");
  return Rational(a_, b_);
}

void ABColoring::Insert(Vertex v, std::uint32_t c) {
  if (v >= n_ || c >= capacity()) {
    throw std::out_of_range("ABColoring::Insert: vertex " + std::to_string(v) +
                            " colour " + std::to_string(c) +
                            " outside the storage (n = " + std::to_string(n_) +
                            ", capacity " + std::to_string(capacity()) + ")");
  }
  words_[static_cast<std::size_t>(v) * words_per_vertex_ + (c >> 6)] |=
      std::uint64_t{1} << (c & 63);
}

bool ABColoring::Contains(Vertex v, std::uint32_t c) const {
  if (c >= capacity()) return false;
  return ((Row(v)[c >> 6] >> (c & 63)) & 1) != 0;
}

std::uint32_t ABColoring::Count(Vertex v) const {
  std::uint32_t n = 0;
  for (std::uint64_t w : Row(v)) n += std::popcount(w);
  return n;
}

std::uint32_t ABColoring::Bound(Vertex v) const {
  const std::span<const std::uint64_t> row = Row(v);
  for (std::size_t i = row.size(); i-- > 0;) {
    if (row[i] != 0) {
      return static_cast<std::uint32_t>(i * 64 + 64 - std::countl_zero(row[i]));
    }
  }
  return 0;
}

std::optional<std::uint32_t> ABColoring::FirstCommon(Vertex u, Vertex v) const {
  const std::span<const std::uint64_t> x = Row(u), y = Row(v);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::uint64_t w = x[i] & y[i];
    if (w != 0) return static_cast<std::uint32_t>(i * 64 + std::countr_zero(w));
  }
  return std::nullopt;
}

ColorSet ABColoring::Set(Vertex v) const {
  ColorSet s;
  ForEach(v, [&](std::uint32_t c) { s.Insert(c); });
  return s;
}

IntervalSchedule::IntervalSchedule(Rational frame,
                                   std::vector<std::uint64_t> offsets,
                                   std::vector<Interval> intervals)
    : frame_(frame),
      offsets_(std::move(offsets)),
      intervals_(std::move(intervals)) {
  if (offsets_.empty() || offsets_.front() != 0 ||
      offsets_.back() != intervals_.size() ||
      !std::is_sorted(offsets_.begin(), offsets_.end())) {
    throw std::invalid_argument(
        "IntervalSchedule: offsets must start at 0, be non-decreasing and "
        "end at the number of intervals");
  }
}

IntervalSchedule IntervalSchedule::FromLists(
    Rational frame, const std::vector<std::vector<Interval>>& lists) {
  std::vector<std::uint64_t> offsets{0};
  std::vector<Interval> all;
  for (const auto& list : lists) {
    all.insert(all.end(), list.begin(), list.end());
    offsets.push_back(all.size());
  }
  return IntervalSchedule(frame, std::move(offsets), std::move(all));
}

std::uint64_t IntervalSchedule::max_intervals_per_vertex() const {
  std::uint64_t best = 0;
  for (std::size_t v = 0; v + 1 < offsets_.size(); ++v) {
    best = std::max(best, offsets_[v + 1] - offsets_[v]);
  }
  return best;
}

IntervalSchedule ToSchedule(const ABColoring& coloring) {
  const Rational slot(1, coloring.b());
  std::vector<std::uint64_t> offsets{0};
  std::vector<Interval> all;
  for (Vertex v = 0; v < coloring.num_vertices(); ++v) {
    coloring.ForEach(v, [&](std::uint32_t c) {
      all.push_back({Rational(c) * slot, Rational(c + 1) * slot});
    });
    offsets.push_back(all.size());
  }
  return IntervalSchedule(coloring.weight(), std::move(offsets),
                          std::move(all));
}

std::vector<Interval> NormalizeIntervals(std::span<const Interval> list) {
  std::vector<Interval> sorted;
  for (const Interval& i : list) {
    if (i.lo < i.hi) sorted.push_back(i);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const Interval& x, const Interval& y) { return x.lo < y.lo; });
  std::vector<Interval> merged;
  for (const Interval& i : sorted) {
    if (!merged.empty() && i.lo <= merged.back().hi) {
      merged.back().hi = std::max(merged.back().hi, i.hi);
    } else {
      merged.push_back(i);
    }
  }
  return merged;
}

Rational UnionMeasure(std::span<const Interval> list) {
  Rational total = 0;
  for (const Interval& i : NormalizeIntervals(list)) total += i.hi - i.lo;
  return total;
}

mpz_class PowerSum(const mpz_class& count, std::uint32_t d) {
  // Faulhaber: sum_{k=0}^{N-1} k^d = 1/(d+1) sum_{j=0}^{d} C(d+1, j) B_j
  // N^(d+1-j), with the Bernoulli numbers of the convention B_1 = -1/2
  // (defined by sum_{j=0}^{m} C(m+1, j) B_j = 0 for m >= 1).
  if (d == 0) return count;
  std::vector<mpq_class> bern(d + 1);
  bern[0] = 1;
  for (std::uint32_t m = 1; m <= d; ++m) {
    mpq_class acc = 0;
    mpz_class binom = 1;  // C(m+1, j), updated incrementally
    for (std::uint32_t j = 0; j < m; ++j) {
      acc += mpq_class(binom) * bern[j];
      binom = binom * (m + 1 - j) / (j + 1);
    }
    bern[m] = -acc / mpq_class(binom);  // binom is now C(m+1, m) = m+1
  }
  mpq_class sum = 0;
  mpz_class binom = 1;  // C(d+1, j)
  for (std::uint32_t j = 0; j <= d; ++j) {
    mpz_class power;
    mpz_pow_ui(power.get_mpz_t(), count.get_mpz_t(), d + 1 - j);
    sum += mpq_class(binom) * bern[j] * mpq_class(power);
    binom = binom * (d + 1 - j) / (j + 1);
  }
  sum /= mpq_class(d + 1);
  sum.canonicalize();
  if (sum.get_den() != 1) {
    throw std::logic_error("PowerSum: Faulhaber's sum is not an integer");
  }
  return sum.get_num();
}

mpq_class HhrsStrictMinProbability(std::uint32_t p, std::uint32_t d) {
  if (p == 0 || p > 62) {
    throw std::invalid_argument("HHRS: label bits p must be in 1..62, got " +
                                std::to_string(p));
  }
  mpz_class n = 1;
  n <<= p;
  // Pr = sum_{k=0}^{N-1} k^d / N^(d+1): k counts the labels above x.
  mpz_class denominator;
  mpz_pow_ui(denominator.get_mpz_t(), n.get_mpz_t(), d + 1);
  mpq_class pr(PowerSum(n, d), denominator);
  pr.canonicalize();
  return pr;
}

mpq_class HhrsMeasure(const HhrsSchedule& schedule, std::uint32_t d) {
  return schedule.frame.ToMpq() * HhrsStrictMinProbability(schedule.p, d);
}

std::uint64_t HhrsIntervalBoundLog2(std::uint32_t p, NodeId max_id) {
  return static_cast<std::uint64_t>(p) * (max_id + 1);
}

std::uint32_t HhrsMinimalP(const Rational& frame, std::uint32_t max_degree,
                           std::uint32_t max_p) {
  // The probability is non-decreasing in p: a strict minimum at p bits stays
  // one when every label gains a lower-order bit.
  for (std::uint32_t p = 1; p <= std::min<std::uint32_t>(max_p, 62); ++p) {
    if (HhrsMeasure({p, frame}, max_degree) >= 1) return p;
  }
  return 0;
}

}  // namespace fcsim
