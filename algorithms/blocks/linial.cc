#include "algorithms/blocks/linial.h"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

std::uint64_t MulMod(std::uint64_t a, std::uint64_t b, std::uint64_t q) {
  return static_cast<std::uint64_t>(u128{a} * b % q);
}

std::uint64_t PowMod(std::uint64_t a, std::uint64_t e, std::uint64_t q) {
  std::uint64_t acc = 1 % q;
  for (; e != 0; e >>= 1) {
    if (e & 1) acc = MulMod(acc, a, q);
    a = MulMod(a, a, q);
  }
  return acc;
}

// One Linial step as the streaming program needs it: q, d and, for d = 2 and
// small odd q, a table of square roots (-1 for non-residues).
struct StreamStep {
  LinialStep step;
  std::vector<std::int64_t> sqrt_of;
  std::vector<std::uint64_t> inv_of;  // q <= 2^22: inverses mod q
  bool closed_form = false;  // roots by formula (d <= 1, or d = 2 + table)
};

// Coefficients of f_c over GF(q): the d + 1 base-q digits of c.
void Coefficients(std::uint64_t c, const LinialStep& s, std::uint64_t* out) {
  for (std::uint32_t i = 0; i <= s.d; ++i) {
    out[i] = c % s.q;
    c /= s.q;
  }
}

std::uint64_t Horner(const std::uint64_t* a, std::uint32_t d, std::uint64_t x,
                     std::uint64_t q) {
  std::uint64_t acc = 0;
  for (std::uint32_t i = d + 1; i-- > 0;) acc = (MulMod(acc, x, q) + a[i]) % q;
  return acc;
}

// Marks in `blocked` every x with f_c(x) = f_own(x): the roots of the
// nonzero polynomial g = f_c − f_own (c != own, both < q^{d+1}).
void MarkRoots(const StreamStep& ss, std::uint64_t own, std::uint64_t c,
               std::vector<std::uint64_t>& blocked) {
  const LinialStep& s = ss.step;
  const std::uint64_t q = s.q;
  std::uint64_t a[64], o[64];
  Coefficients(c, s, a);
  Coefficients(own, s, o);
  std::uint32_t deg = 0;
  for (std::uint32_t i = 0; i <= s.d; ++i) {
    a[i] = (a[i] + q - o[i]) % q;
    if (a[i] != 0) deg = i;
  }
  auto mark = [&](std::uint64_t x) { blocked[x >> 6] |= 1ull << (x & 63); };
  if (deg == 0) return;  // a nonzero constant: no root
  if (!ss.inv_of.empty()) {
    // q <= 2^22: products fit 64 bits, inverses and roots are table look-ups.
    if (deg == 1) {
      mark((q - a[0]) % q * ss.inv_of[a[1]] % q);
      return;
    }
    const std::uint64_t disc = (a[1] * a[1] + q - 4 * a[2] % q * a[0] % q) % q;
    const std::int64_t root = ss.sqrt_of[disc];
    if (root < 0) return;
    const std::uint64_t inv = ss.inv_of[2 * a[2] % q];
    const std::uint64_t minus_b = (q - a[1]) % q;
    const auto y = static_cast<std::uint64_t>(root);
    mark((minus_b + y) % q * inv % q);
    mark((minus_b + q - y) % q * inv % q);
    return;
  }
  if (deg == 1) {
    mark(MulMod((q - a[0]) % q, PowMod(a[1], q - 2, q), q));
    return;
  }
  if (deg == 2 && !ss.sqrt_of.empty()) {
    const std::uint64_t disc =
        (MulMod(a[1], a[1], q) + q - MulMod(4 % q, MulMod(a[2], a[0], q), q)) %
        q;
    const std::int64_t root = ss.sqrt_of[disc];
    if (root < 0) return;
    const std::uint64_t inv = PowMod(MulMod(2, a[2], q), q - 2, q);
    const std::uint64_t minus_b = (q - a[1]) % q;
    mark(MulMod((minus_b + static_cast<std::uint64_t>(root)) % q, inv, q));
    mark(MulMod((minus_b + q - static_cast<std::uint64_t>(root)) % q, inv, q));
    return;
  }
  // Steps without a closed form keep the ball instead (closed_form).
  throw std::logic_error("MarkRoots: degree " + std::to_string(deg) +
                         " without a closed form");
}

// Linial on G^r with frontier relaying (see the header); V is the width of
// the colours carried. A message is fresh exactly when its sender sent in
// the previous round (NeighbourSent), so no round stamps are needed.
template <typename V>
struct PowerLinialProgram {
  using Input = NoInput;
  using Message = V;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kVariable;

  struct State {
    std::uint64_t colour = 0;
    std::vector<V> near, nearer;  // F(t − 1), F(t − 2), sorted
    std::vector<std::uint64_t> blocked;
    std::vector<std::uint64_t> heard;  // d >= 3 only: the ball's colours
  };

  const std::vector<StreamStep>* steps = nullptr;
  std::uint32_t r = 1;

  void Init(Context<PowerLinialProgram>& ctx) const {
    State& s = ctx.state();
    s.colour = ctx.id() - 1;
    if (steps->empty()) {
      ctx.Halt();
      return;
    }
    ctx.Send({static_cast<V>(s.colour)});
  }

  void Round(Context<PowerLinialProgram>& ctx) const {
    State& s = ctx.state();
    const std::uint32_t t = ctx.round();
    const std::uint32_t step = (t - 1) / r;
    const std::uint32_t sub = (t - 1) % r + 1;
    const StreamStep& ss = (*steps)[step];
    thread_local std::vector<V> fresh;
    fresh.clear();
    const V own = static_cast<V>(s.colour);
    for (Port p = 0; p < ctx.degree(); ++p) {
      if (!ctx.NeighbourSent(p)) continue;
      for (const V c : ctx.Received(p)) {
        if (c == own || std::binary_search(s.near.begin(), s.near.end(), c) ||
            std::binary_search(s.nearer.begin(), s.nearer.end(), c)) {
          continue;
        }
        fresh.push_back(c);
      }
    }
    std::sort(fresh.begin(), fresh.end());
    fresh.erase(std::unique(fresh.begin(), fresh.end()), fresh.end());
    if (ss.closed_form) {
      if (!fresh.empty() && s.blocked.empty()) {
        s.blocked.assign((ss.step.q + 63) / 64, 0);
      }
      for (const V c : fresh) MarkRoots(ss, s.colour, c, s.blocked);
    } else {
      s.heard.insert(s.heard.end(), fresh.begin(), fresh.end());
    }
    if (sub < r) {
      s.nearer.swap(s.near);
      s.near.assign(fresh.begin(), fresh.end());
      if (!fresh.empty()) ctx.Send(std::vector<V>(fresh.begin(), fresh.end()));
      return;
    }
    if (ss.closed_form) {
      // End of the step: the least unmarked point x, colour x·q + f_v(x).
      std::uint64_t x = 0;
      while (x < ss.step.q && !s.blocked.empty() &&
             (s.blocked[x >> 6] >> (x & 63) & 1) != 0) {
        ++x;
      }
      if (x == ss.step.q) {
        throw std::logic_error("PowerLinial: no free evaluation point");
      }
      std::uint64_t coeffs[64];
      Coefficients(s.colour, ss.step, coeffs);
      s.colour = x * ss.step.q + Horner(coeffs, ss.step.d, x, ss.step.q);
    } else {
      // Degree >= 3 (a first step from a huge ID range): the ball's colours
      // were kept; the same least x, found by LinialNewColour.
      std::sort(s.heard.begin(), s.heard.end());
      s.heard.erase(std::unique(s.heard.begin(), s.heard.end()), s.heard.end());
      s.colour = LinialNewColour(ss.step, s.colour, s.heard);
    }
    std::vector<V>().swap(s.near);
    std::vector<V>().swap(s.nearer);
    std::vector<std::uint64_t>().swap(s.blocked);
    std::vector<std::uint64_t>().swap(s.heard);
    if (step + 1 < steps->size()) {
      ctx.Send({static_cast<V>(s.colour)});
    } else {
      ctx.Halt();
    }
  }

  Output Finish(const State& s) const { return s.colour; }
};

std::vector<StreamStep> MakeStreamSteps(std::span<const LinialStep> schedule) {
  std::vector<StreamStep> out;
  for (const LinialStep& step : schedule) {
    StreamStep ss;
    ss.step = step;
    const std::uint64_t q = step.q;
    if (step.d <= 2 && q > 2 && q <= (1u << 22)) {
      ss.sqrt_of.assign(q, -1);
      for (std::uint64_t y = q; y-- > 0;) {
        ss.sqrt_of[y * y % q] = static_cast<std::int64_t>(y);
      }
      ss.inv_of.assign(q, 0);
      ss.inv_of[1] = 1;
      for (std::uint64_t i = 2; i < q; ++i) {
        ss.inv_of[i] = (q - q / i) * ss.inv_of[q % i] % q;
      }
    }
    ss.closed_form = step.d <= 1 || !ss.sqrt_of.empty();
    out.push_back(std::move(ss));
  }
  return out;
}

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
  const std::vector<LinialStep> schedule =
      LinialSchedule(k.id_range, PowerDegreeBound(k.max_degree, r));
  if (r >= 2 || force_power) {
    // G^r: frontier relaying with fixed memory per vertex (same colours as
    // the stored-ball rule: the least free evaluation point).
    return StreamingPowerLinial(sim, schedule, r, "linial-power");
  }
  return RunRule(sim, LinialRule{schedule}, sim.Constant(NoInput{}), r,
                 "linial");
}

std::string VerifyLinial(const Graph& graph,
                         std::span<const std::uint64_t> colours,
                         std::uint64_t id_range, std::uint64_t max_degree,
                         std::uint32_t r) {
  return CheckPowerColouring(
      graph, colours, LinialColours(id_range, PowerDegreeBound(max_degree, r)),
      r);
}

VertexData<std::uint64_t> StreamingPowerLinial(
    Simulation& sim, std::span<const LinialStep> schedule, std::uint32_t r,
    std::string_view name) {
  if (r == 0) throw std::invalid_argument("Linial: r must be >= 1");
  const std::vector<StreamStep> steps = MakeStreamSteps(schedule);
  constexpr std::uint64_t kNarrow = std::uint64_t{1} << 32;
  bool wide = sim.knowledge().id_range > kNarrow;
  for (const LinialStep& step : schedule) {
    if (step.colours_out > kNarrow || step.colours_in > kNarrow) wide = true;
  }
  if (wide) {
    return sim.Run(PowerLinialProgram<std::uint64_t>{&steps, r},
                   sim.Constant(NoInput{}), name);
  }
  return sim.Run(PowerLinialProgram<std::uint32_t>{&steps, r},
                 sim.Constant(NoInput{}), name);
}

}  // namespace fcsim
