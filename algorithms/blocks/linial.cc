#include "algorithms/blocks/linial.h"

#include <stdexcept>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/power_rounds.h"
#include "algorithms/bounds.h"

namespace fcsim {
namespace {

using u128 = unsigned __int128;

bool IsPrime(std::uint64_t x) {
  if (x < 2) return false;
  for (std::uint64_t p = 2; p * p <= x; ++p) {
    if (x % p == 0) return false;
  }
  return true;
}

std::uint64_t NextPrime(std::uint64_t x) {
  while (!IsPrime(x)) ++x;
  return x;
}

// q^k >= m, saturating.
bool PowerAtLeast(std::uint64_t q, std::uint32_t k, std::uint64_t m) {
  u128 acc = 1;
  for (std::uint32_t i = 0; i < k; ++i) {
    acc *= q;
    if (acc >= m) return true;
  }
  return acc >= m;
}

// Smallest q >= 2 with q^k >= m.
std::uint64_t CeilRoot(std::uint64_t m, std::uint32_t k) {
  std::uint64_t lo = 1, hi = 2;
  while (!PowerAtLeast(hi, k, m)) hi *= 2;
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    (PowerAtLeast(mid, k, m) ? hi : lo) = mid;
  }
  return std::max<std::uint64_t>(hi, 2);
}

// f_c(x) over GF(q): coefficients are the base-q digits of c (Horner from
// the most significant digit).
std::uint64_t Evaluate(std::uint64_t c, std::uint64_t x, std::uint64_t q,
                       std::uint32_t d) {
  std::uint64_t digits[64];
  for (std::uint32_t i = 0; i <= d; ++i) {
    digits[i] = c % q;
    c /= q;
  }
  u128 acc = 0;
  for (std::uint32_t i = d + 1; i-- > 0;) acc = (acc * x + digits[i]) % q;
  return static_cast<std::uint64_t>(acc);
}

struct LinialRule {
  using Input = NoInput;
  static constexpr bool kInitialFlood = true;
  std::vector<LinialStep> schedule;

  std::uint32_t steps() const {
    return static_cast<std::uint32_t>(schedule.size());
  }
  std::uint64_t Initial(NodeId id, const Input&) const { return id - 1; }
  bool Acts(std::uint32_t, const Input&, std::uint64_t) const { return true; }
  std::uint64_t Step(std::uint32_t k, const Input&, std::uint64_t own,
                     std::span<const std::uint64_t> others) const {
    return LinialNewColour(schedule[k], own, others);
  }
  bool Final(std::uint32_t, const Input&, std::uint64_t) const { return false; }
};

}  // namespace

std::vector<LinialStep> LinialSchedule(std::uint64_t id_range,
                                       std::uint64_t degree) {
  std::vector<LinialStep> schedule;
  std::uint64_t m = id_range;
  for (;;) {
    LinialStep best;
    for (std::uint32_t d = 1; d < 63; ++d) {
      const u128 floor_q = u128{d} * degree + 1;
      if (best.q != 0 && floor_q > best.q) break;  // q only grows from here
      if (floor_q > (u128{1} << 62)) break;
      const std::uint64_t q = NextPrime(std::max<std::uint64_t>(
          static_cast<std::uint64_t>(floor_q), CeilRoot(m, d + 1)));
      if (best.q == 0 || q < best.q) best = {q, d, m, q * q};
    }
    if (best.q == 0 || u128{best.q} * best.q >= m) break;
    schedule.push_back(best);
    m = best.colours_out;
  }
  return schedule;
}

std::uint64_t LinialColours(std::uint64_t id_range, std::uint64_t degree) {
  const auto schedule = LinialSchedule(id_range, degree);
  return schedule.empty() ? id_range : schedule.back().colours_out;
}

std::uint64_t LinialRoundBound(std::uint64_t id_range, std::uint64_t,
                               std::uint32_t r) {
  return std::uint64_t{r} * (LogStar(id_range) + 2);
}

std::uint64_t LinialNewColour(const LinialStep& step, std::uint64_t own,
                              std::span<const std::uint64_t> others) {
  for (std::uint64_t c : others) {
    if (c == own) {
      throw std::invalid_argument(
          "Linial step: two ball members share colour " + std::to_string(c) +
          " (the input colouring is not proper)");
    }
  }
  for (std::uint64_t x = 0; x < step.q; ++x) {
    const std::uint64_t fx = Evaluate(own, x, step.q, step.d);
    bool free = true;
    for (std::uint64_t c : others) {
      if (Evaluate(c, x, step.q, step.d) == fx) {
        free = false;
        break;
      }
    }
    if (free) return x * step.q + fx;
  }
  // Unreachable for a proper input and q > d * (ball size - 1).
  throw std::logic_error("LinialNewColour: no free evaluation point");
}

VertexData<std::uint64_t> LinialColouring(Simulation& sim, std::uint32_t r,
                                          bool force_power) {
  const Knowledge& k = sim.knowledge();
  if (k.id_range == 0 || k.max_degree == 0) {
    throw std::invalid_argument(
        "Linial: knowledge must declare id_range and max_degree");
  }
  LinialRule rule{
      LinialSchedule(k.id_range, PowerDegreeBound(k.max_degree, r))};
  return RunRule(sim, rule, sim.Constant(NoInput{}), r,
                 r == 1 ? "linial" : "linial-power", force_power);
}

std::string VerifyLinial(const Graph& graph,
                         std::span<const std::uint64_t> colours,
                         std::uint64_t id_range, std::uint64_t max_degree,
                         std::uint32_t r) {
  return CheckPowerColouring(
      graph, colours, LinialColours(id_range, PowerDegreeBound(max_degree, r)),
      r);
}

}  // namespace fcsim
