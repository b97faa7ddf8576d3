// Output types of fractional colouring algorithms.
//
//  * ColorSet: one vertex's colour set, inline (1024 bits), trivially
//    copyable. This is the Output type that vertex programs produce.
//  * ABColoring: an a:b-colouring of a whole graph, n colour sets stored flat
//    (n x words_per_vertex words). Built from vertex outputs by the harness.
//  * IntervalSchedule: the schedule form: every vertex owns a finite list of
//    half-open intervals [lo, hi) of [0, T) with exact rational endpoints,
//    stored CSR-like. An a:b-colouring is the schedule with colour c ->
//    [c/b, (c+1)/b) and frame T = a/b.
//  * HhrsSchedule: the symbolic schedule of the one-round HHRS algorithm,
//    whose expansion into intervals would have up to 2^(p(maxID+1))
//    intervals per vertex; it is checked exactly without being expanded.
//
// Nothing here knows which algorithm produced an output; validity is
// established by algorithms/checker.h.
#ifndef FCSIM_ALGORITHMS_COLORING_H_
#define FCSIM_ALGORITHMS_COLORING_H_

#include <gmpxx.h>

#include <array>
#include <bit>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "algorithms/rational.h"
#include "sim/graph.h"
#include "sim/ids.h"

namespace fcsim {

// A set of colours from 0..1023, stored inline as 16 x 64 bits (128 bytes).
class ColorSet {
 public:
  static constexpr std::uint32_t kMaxColors = 1024;
  static constexpr std::size_t kWords = kMaxColors / 64;

  constexpr ColorSet() = default;
  ColorSet(std::initializer_list<std::uint32_t> colors) {
    for (std::uint32_t c : colors) Insert(c);
  }
  // {first, first+1, ..., first+count-1}.
  static ColorSet Range(std::uint32_t first, std::uint32_t count);

  // Throws std::out_of_range for c >= 1024: an algorithm that needs more
  // colours per vertex must use another output type, not wrap around.
  void Insert(std::uint32_t c) {
    CheckColor(c);
    // The mask is a no-op after the check; it lets the compiler see the
    // index is in bounds (GCC 12 -Warray-bounds false positive otherwise).
    words_[(c >> 6) & (kWords - 1)] |= std::uint64_t{1} << (c & 63);
  }
  void Erase(std::uint32_t c) {
    CheckColor(c);
    words_[(c >> 6) & (kWords - 1)] &= ~(std::uint64_t{1} << (c & 63));
  }
  bool Contains(std::uint32_t c) const {
    return c < kMaxColors &&
           ((words_[(c >> 6) & (kWords - 1)] >> (c & 63)) & 1) != 0;
  }
  std::uint32_t Count() const {
    std::uint32_t n = 0;
    for (std::uint64_t w : words_) n += std::popcount(w);
    return n;
  }
  bool Empty() const { return Count() == 0; }
  // Largest colour + 1 (0 for the empty set): the palette size it needs.
  std::uint32_t Bound() const;
  // The smallest colour in both sets, if any.
  std::optional<std::uint32_t> FirstCommon(const ColorSet& other) const;
  bool Intersects(const ColorSet& other) const {
    return FirstCommon(other).has_value();
  }
  // Calls f(c) for every colour, ascending.
  template <typename F>
  void ForEach(F&& f) const {
    for (std::size_t i = 0; i < kWords; ++i) {
      for (std::uint64_t w = words_[i]; w != 0; w &= w - 1) {
        f(static_cast<std::uint32_t>(i * 64 + std::countr_zero(w)));
      }
    }
  }
  const std::array<std::uint64_t, kWords>& words() const { return words_; }

  bool operator==(const ColorSet&) const = default;

 private:
  static void CheckColor(std::uint32_t c) {
    if (c >= kMaxColors) {
      throw std::out_of_range("ColorSet: colour " + std::to_string(c) +
                              " outside 0.." + std::to_string(kMaxColors - 1));
    }
  }
  std::array<std::uint64_t, kWords> words_{};
};
static_assert(std::is_trivially_copyable_v<ColorSet>);

// An a:b-colouring candidate: a palette size a, a demand b, and one colour
// set per vertex. It may be invalid (that is for the checker to decide); to
// make wrong outputs representable, colours up to capacity()-1 can be stored
// even when capacity() > a.
class ABColoring {
 public:
  ABColoring() = default;
  // n empty sets; capacity 0 means max(a, 1) colours.
  ABColoring(std::uint32_t a, std::uint32_t b, Vertex n,
             std::uint32_t capacity = 0);
  // The harness's conversion of vertex outputs; capacity is the largest
  // Bound() over the sets (at least a).
  static ABColoring FromVertexOutputs(std::uint32_t a, std::uint32_t b,
                                      std::span<const ColorSet> sets);
  // A proper colouring c: V -> {0..k-1} as the k:1-colouring {c(v)}.
  // Colours >= k are kept (and rejected by the checker).
  static ABColoring FromProperColoring(std::span<const std::uint32_t> colors,
                                       std::uint32_t k);

  std::uint32_t a() const { return a_; }
  std::uint32_t b() const { return b_; }
  Vertex num_vertices() const { return n_; }
  std::uint32_t capacity() const { return words_per_vertex_ * 64; }
  std::uint32_t words_per_vertex() const { return words_per_vertex_; }
  // a/b; throws std::invalid_argument when b == 0.
  Rational weight() const;

  // Throws std::out_of_range for c >= capacity() or v >= n.
  void Insert(Vertex v, std::uint32_t c);
  bool Contains(Vertex v, std::uint32_t c) const;
  std::uint32_t Count(Vertex v) const;
  // Largest colour of v + 1 (0 when v has none).
  std::uint32_t Bound(Vertex v) const;
  std::optional<std::uint32_t> FirstCommon(Vertex u, Vertex v) const;
  std::span<const std::uint64_t> Row(Vertex v) const {
    return {words_.data() + static_cast<std::size_t>(v) * words_per_vertex_,
            words_per_vertex_};
  }
  template <typename F>
  void ForEach(Vertex v, F&& f) const {
    const std::span<const std::uint64_t> row = Row(v);
    for (std::size_t i = 0; i < row.size(); ++i) {
      for (std::uint64_t w = row[i]; w != 0; w &= w - 1) {
        f(static_cast<std::uint32_t>(i * 64 + std::countr_zero(w)));
      }
    }
  }
  // v's colours as a ColorSet (throws when one is >= 1024).
  ColorSet Set(Vertex v) const;

  bool operator==(const ABColoring&) const = default;

 private:
  std::uint32_t a_ = 0;
  std::uint32_t b_ = 0;
  Vertex n_ = 0;
  std::uint32_t words_per_vertex_ = 1;
  std::vector<std::uint64_t> words_;
};

// A half-open interval [lo, hi) of time.
struct Interval {
  Rational lo;
  Rational hi;
  bool operator==(const Interval&) const = default;
};

// The schedule form of a fractional colouring: per-vertex interval lists in
// CSR layout (intervals of v are intervals_[offsets_[v] .. offsets_[v+1])).
// Like ABColoring, it may be invalid; the checker decides.
class IntervalSchedule {
 public:
  IntervalSchedule() = default;
  // offsets has n+1 non-decreasing entries starting at 0 and ending at
  // intervals.size(); throws std::invalid_argument otherwise.
  IntervalSchedule(Rational frame, std::vector<std::uint64_t> offsets,
                   std::vector<Interval> intervals);
  static IntervalSchedule FromLists(
      Rational frame, const std::vector<std::vector<Interval>>& lists);

  const Rational& frame() const { return frame_; }  // T, the weight
  Vertex num_vertices() const {
    return offsets_.empty() ? 0 : static_cast<Vertex>(offsets_.size() - 1);
  }
  std::span<const Interval> intervals(Vertex v) const {
    return {intervals_.data() + offsets_[v],
            intervals_.data() + offsets_[v + 1]};
  }
  std::uint64_t num_intervals() const { return intervals_.size(); }
  // κ, the output size: the most intervals any vertex holds.
  std::uint64_t max_intervals_per_vertex() const;
  const std::vector<std::uint64_t>& offsets() const { return offsets_; }
  const std::vector<Interval>& all_intervals() const { return intervals_; }

  bool operator==(const IntervalSchedule&) const = default;

 private:
  Rational frame_ = 0;
  std::vector<std::uint64_t> offsets_{0};
  std::vector<Interval> intervals_;
};

// Colour c of v -> [c/b, (c+1)/b), T = a/b. One interval per colour (not
// merged), so the output size equals the number of colours per vertex.
IntervalSchedule ToSchedule(const ABColoring& coloring);

// Sorted, merged copy of a list of intervals (empty intervals dropped).
std::vector<Interval> NormalizeIntervals(std::span<const Interval> list);
// Exact measure of the union of the intervals.
Rational UnionMeasure(std::span<const Interval> list);

// ---------------------------------------------------------------------------
// The symbolic HHRS schedule (see /work/shared/design/algorithms.md, HHRS).
//
// Time t in [0, 1) is read as its binary digits t = sum_{i>=0} d_i 2^-(i+1).
// The label of ID x at time t is the p-bit number whose bits, most
// significant first, are d_{p x}, ..., d_{p x + p - 1}. Vertex v with ID x
// and neighbour IDs Y owns
//     S'_v = { t in [0,1) : label_x(t) < label_y(t) for every y in Y },
// and its schedule is S_v = T * S'_v in [0, T). Per vertex nothing is stored
// beyond what the graph gives (its ID and its neighbours' IDs): the whole
// output is the pair (p, T).
//
// Disjointness on edges (proof). Let {v, u} be an edge with IDs x != y. If
// t were in S'_v and S'_u then label_x(t) < label_y(t), because u is a
// neighbour of v, and label_y(t) < label_x(t), because v is a neighbour of
// u: a contradiction. So S_v and S_u are disjoint; IDs must be unique on
// every edge, which the checker verifies.
//
// Measure (exact). Distinct IDs read disjoint digit blocks, and the digits of
// a uniform t are i.i.d. fair bits, so the labels of v and its d neighbours
// are i.i.d. uniform on {0..2^p-1}. Hence, with N = 2^p,
//     |S_v| = T * Pr[label_v < all d others]
//           = T * sum_{x=0}^{N-1} N^-1 ((N-1-x)/N)^d
//           = T * (sum_{k=0}^{N-1} k^d) / N^(d+1),
// which depends only on deg(v); it decreases in d. The schedule is valid iff
// this is >= 1 for every degree present.
//
// Output size. S'_v is decided by the digits at positions < p(m+1), m the
// largest ID in v's closed neighbourhood, so it is a union of at most
// 2^(p(m+1)) dyadic intervals of length 2^-(p(m+1)): the output size grows
// with the IDs (HHRS's output is not constant-size).
struct HhrsSchedule {
  std::uint32_t p = 1;  // bits per label, >= 1
  Rational frame = 1;   // T > 0
  bool operator==(const HhrsSchedule&) const = default;
};

// label_x(t); digit(i) returns digit d_i of t (0 or 1). p <= 63.
template <typename DigitFn>
std::uint64_t HhrsLabel(std::uint32_t p, NodeId x, DigitFn&& digit) {
  std::uint64_t label = 0;
  const std::uint64_t first = static_cast<std::uint64_t>(p) * x;
  for (std::uint32_t j = 0; j < p; ++j) {
    label = (label << 1) | (digit(first + j) ? 1u : 0u);
  }
  return label;
}

// Whether t (given by its digits) is in S'_v for v with ID `id` and
// neighbour IDs `neighbor_ids`.
template <typename DigitFn>
bool HhrsContains(std::uint32_t p, NodeId id,
                  std::span<const NodeId> neighbor_ids, DigitFn&& digit) {
  const std::uint64_t own = HhrsLabel(p, id, digit);
  for (NodeId y : neighbor_ids) {
    if (!(own < HhrsLabel(p, y, digit))) return false;
  }
  return true;
}

// sum_{k=0}^{N-1} k^d, exactly (Faulhaber's formula, O(d^2) operations).
mpz_class PowerSum(const mpz_class& count, std::uint32_t d);
// Pr[a uniform p-bit label is strictly below d independent others], exactly.
mpq_class HhrsStrictMinProbability(std::uint32_t p, std::uint32_t d);
// |S_v| for a vertex of degree d: T * HhrsStrictMinProbability(p, d).
mpq_class HhrsMeasure(const HhrsSchedule& schedule, std::uint32_t d);
// log2 of the bound 2^(p(m+1)) on the intervals of a vertex whose closed
// neighbourhood has largest ID m.
std::uint64_t HhrsIntervalBoundLog2(std::uint32_t p, NodeId max_id);
// The least p in 1..max_p with T * Pr[strict minimum among d+1] >= 1 for
// d = max_degree, or 0 when there is none (e.g. T <= d+1: the limit of the
// probability as p grows is 1/(d+1), never reached).
std::uint32_t HhrsMinimalP(const Rational& frame, std::uint32_t max_degree,
                           std::uint32_t max_p = 62);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_COLORING_H_
