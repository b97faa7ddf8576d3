// Integer logarithms used to state round bounds of LOCAL algorithms.
//
// All functions are exact on uint64_t (no floating point), constexpr, and
// defined on the whole domain the bounds need: LogStar(0) = LogStar(1) = 0,
// CeilLog2(0) = CeilLog2(1) = 0, FloorLog2(0) throws (log of 0 is undefined).
#ifndef FCSIM_ALGORITHMS_BOUNDS_H_
#define FCSIM_ALGORITHMS_BOUNDS_H_

#include <bit>
#include <cstdint>
#include <stdexcept>

namespace fcsim {

// floor(log2(x)) for x >= 1.
constexpr uint32_t FloorLog2(uint64_t x) {
  if (x == 0) throw std::invalid_argument("FloorLog2: argument 0");
  return 63u - static_cast<uint32_t>(std::countl_zero(x));
}

// ceil(log2(x)) for x >= 1; CeilLog2(0) = 0 by convention (empty range).
constexpr uint32_t CeilLog2(uint64_t x) {
  if (x <= 1) return 0;
  return 64u - static_cast<uint32_t>(std::countl_zero(x - 1));
}

// Iterated logarithm: the number of times log2 must be applied to x before
// the result is <= 1. log*(1)=0, log*(2)=1, log*(4)=2, log*(16)=3,
// log*(65536)=4, log*(65537)=5. Uses real log2 semantics: for x not a power
// of two, log2(x) is between FloorLog2 and CeilLog2; iterating the *ceiling*
// is exact for the count because log*(x) only changes at towers of 2, and
// ceil(log2(x)) <= tower(k-1) iff x <= tower(k).
constexpr uint32_t LogStar(uint64_t x) {
  uint32_t count = 0;
  while (x > 1) {
    x = CeilLog2(x);
    ++count;
  }
  return count;
}

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BOUNDS_H_
