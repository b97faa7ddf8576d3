// Counter-based random streams: every draw is a pure function of
// (seed, vertex ID, phase, round, draw index), so a vertex's randomness does
// not depend on the thread count, the execution order, or the rest of the
// graph (which is what makes the locality audit meaningful for randomised
// programs).
#ifndef FCSIM_SIM_RNG_H_
#define FCSIM_SIM_RNG_H_

#include <cmath>
#include <cstdint>

namespace fcsim {

// SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche.
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Hash of a sequence of words; different orders give different values.
constexpr std::uint64_t HashWords(std::uint64_t a, std::uint64_t b) {
  return Mix64(Mix64(a) ^ (b + 0x632be59bd9b4e019ULL));
}

class RandomStream {
 public:
  constexpr RandomStream(std::uint64_t seed, std::uint64_t id,
                         std::uint32_t phase, std::uint32_t round)
      : key_(HashWords(HashWords(seed, id),
                       (static_cast<std::uint64_t>(phase) << 32) | round)) {}

  // The draw with index `i`, independent of how many draws came before.
  constexpr std::uint64_t At(std::uint64_t i) const {
    return HashWords(key_, i);
  }
  // Next 64 uniform bits.
  constexpr std::uint64_t Next() { return At(draw_++); }
  // Uniform in [0, 1) with 53 bits of precision.
  double Uniform01() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, bound) without modulo bias (Lemire's method).
  std::uint64_t Below(std::uint64_t bound) {
    if (bound == 0) return 0;
    for (;;) {
      const unsigned __int128 m =
          static_cast<unsigned __int128>(Next()) * bound;
      const auto low = static_cast<std::uint64_t>(m);
      if (low >= (0 - bound) % bound) {
        return static_cast<std::uint64_t>(m >> 64);
      }
    }
  }
  bool Bernoulli(double p) { return Uniform01() < p; }
  // Exponential with rate `rate` (mean 1/rate).
  double Exponential(double rate) { return -std::log1p(-Uniform01()) / rate; }
  std::uint64_t draws() const { return draw_; }

 private:
  std::uint64_t key_;
  std::uint64_t draw_ = 0;
};

}  // namespace fcsim

#endif  // FCSIM_SIM_RNG_H_
