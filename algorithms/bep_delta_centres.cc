#include "algorithms/bep_delta_centres.h"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/bounds.h"

namespace fcsim {
namespace {

using u128 = unsigned __int128;

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

std::vector<StreamStep> MakeStreamSteps(const CentreParams& params) {
  std::vector<StreamStep> out;
  for (const LinialStep& step : params.schedule) {
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

std::uint64_t LinialFixedPoint(std::uint64_t degree) {
  return LinialColours(std::uint64_t{1} << 62, degree);
}

CentreParams MakeCentreParams(NodeId id_range, std::uint64_t max_degree,
                              std::uint32_t r) {
  if (r == 0 || r > 250) {
    throw std::invalid_argument("BEP-a centres: power r must be in 1..250");
  }
  CentreParams p;
  p.r = r;
  p.power_degree = PowerDegreeBound(max_degree, r);
  // Beyond Δ_r ≈ 2^20 the fixed point q² would not fit the sqrt tables and
  // exceeds any practical ID range: the IDs are then the colouring.
  constexpr std::uint64_t kMaxPowerDegree = std::uint64_t{1} << 20;
  if (p.power_degree <= kMaxPowerDegree) {
    p.colours = LinialFixedPoint(p.power_degree);
    if (id_range > p.colours) {
      for (const LinialStep& step : LinialSchedule(id_range, p.power_degree)) {
        p.schedule.push_back(step);
        if (step.colours_out <= p.colours) break;
      }
      if (p.schedule.empty() || p.schedule.back().colours_out > p.colours) {
        throw std::logic_error("BEP-a centres: Linial misses its fixed point");
      }
    }
  } else {
    p.colours = id_range;
  }
  // Each digit adds r to β, hence to the layer depth D, which costs one
  // round in the layers phase and Δ in the greedy phase.
  p.digits = CheapestDigits(p.colours, r, std::uint64_t{r} * (max_degree + 1));
  constexpr std::uint64_t kNarrow = std::uint64_t{1} << 32;
  p.wide_values = id_range > kNarrow;
  for (const LinialStep& step : p.schedule) {
    if (step.colours_out > kNarrow) p.wide_values = true;
  }
  return p;
}

VertexData<std::uint64_t> RunPowerLinial(Simulation& sim,
                                         const CentreParams& params) {
  const std::vector<StreamStep> steps = MakeStreamSteps(params);
  if (params.wide_values) {
    return sim.Run(PowerLinialProgram<std::uint64_t>{&steps, params.r},
                   sim.Constant(NoInput{}), "bep-linial-power");
  }
  return sim.Run(PowerLinialProgram<std::uint32_t>{&steps, params.r},
                 sim.Constant(NoInput{}), "bep-linial-power");
}

VertexData<std::uint8_t> RunPowerRulingSet(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    const CentreParams& params) {
  return DigitRulingSet(sim, colours, params.digits, params.r,
                        "bep-ruling-set-power");
}

}  // namespace fcsim
