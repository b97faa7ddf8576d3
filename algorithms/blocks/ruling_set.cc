#include "algorithms/blocks/ruling_set.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/colour_reduction.h"
#include "algorithms/blocks/colouring_mis.h"
#include "algorithms/blocks/linial.h"
#include "algorithms/blocks/power_rounds.h"
#include "algorithms/bounds.h"

namespace fcsim {
namespace {

// The digit-by-digit candidate floods of DigitRulingSet. Window s (rounds
// s·r + 1 .. s·r + r) belongs to digit j and value x: the candidates whose
// digit j is x sent (tag s + 1, hop 0) at round s·r, and the flood is
// relayed while its hop count is below r.
struct DigitFlood {
  std::uint16_t tag = 0;  // 1 + window index (0: never sent)
  std::uint8_t hops = 0;
};

struct DigitRulingProgram {
  using Input = std::uint64_t;  // the G^r colour
  using Message = DigitFlood;
  using Output = std::uint8_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  static constexpr std::uint8_t kFar = 0xFF;
  static std::uint64_t MessageBits(const Message&) { return 24; }

  struct State {
    bool candidate = true;
    std::uint16_t tag = 0;     // window of `hops`
    std::uint8_t hops = kFar;  // hops to the nearest flooding candidate
  };

  std::uint32_t r = 1;
  // Per window: digit index and value; per digit: divisor Π_{i<j} b_i.
  std::vector<std::uint32_t> window_digit, window_value, bases;
  std::vector<std::uint64_t> divisor;
  std::uint64_t colours = 0;

  std::uint64_t Digit(std::uint64_t c, std::uint32_t j) const {
    return (c / divisor[j]) % bases[j];
  }

  void Init(Context<DigitRulingProgram>& ctx) const {
    if (ctx.input() >= colours) {
      throw std::invalid_argument("ruling set: input colour " +
                                  std::to_string(ctx.input()) +
                                  " >= " + std::to_string(colours));
    }
    if (window_digit.empty()) {
      ctx.Halt();
      return;
    }
    Start(ctx, 0);
  }

  void Round(Context<DigitRulingProgram>& ctx) const {
    State& s = ctx.state();
    const std::uint32_t t = ctx.round();
    const std::uint32_t w = (t - 1) / r;
    const std::uint32_t hop = (t - 1) % r + 1;
    const auto tag = static_cast<std::uint16_t>(w + 1);
    if (s.tag != tag) {
      s.tag = tag;
      s.hops = kFar;
    }
    std::uint32_t best = s.hops;
    for (Port p = 0; p < ctx.degree(); ++p) {
      if (!ctx.NeighbourSent(p)) continue;  // floods only travel when sent
      const DigitFlood& m = ctx.Received(p);
      if (m.tag == tag) best = std::min<std::uint32_t>(best, m.hops + 1u);
    }
    if (best < s.hops) {
      s.hops = static_cast<std::uint8_t>(best);
      if (best < r) ctx.Send({tag, s.hops});
      // A larger digit within r of a candidate of value x withdraws.
      if (s.candidate &&
          Digit(ctx.input(), window_digit[w]) > window_value[w]) {
        s.candidate = false;
      }
    }
    if (hop < r) return;
    if (w + 1 < window_digit.size()) {
      Start(ctx, w + 1);
    } else {
      ctx.Halt();
    }
  }

  Output Finish(const State& s) const { return s.candidate ? 1 : 0; }

 private:
  void Start(Context<DigitRulingProgram>& ctx, std::uint32_t w) const {
    State& s = ctx.state();
    s.tag = static_cast<std::uint16_t>(w + 1);
    s.hops = kFar;
    if (s.candidate && Digit(ctx.input(), window_digit[w]) == window_value[w]) {
      s.hops = 0;
      ctx.Send({s.tag, 0});
    }
  }
};

void RequireKnowledge(const Simulation& sim, const char* what) {
  if (sim.knowledge().id_range == 0 || sim.knowledge().max_degree == 0) {
    throw std::invalid_argument(std::string(what) +
                                ": knowledge must declare id_range and "
                                "max_degree");
  }
}

}  // namespace

std::uint64_t PowerMisRoundBound(std::uint64_t id_range,
                                 std::uint64_t max_degree, std::uint32_t r) {
  const std::uint64_t dr = PowerDegreeBound(max_degree, r);
  const std::uint64_t k = LinialColours(id_range, dr);
  return LinialRoundBound(id_range, dr, r) +
         ReductionRoundBound(ReductionSchedule::kFastest, k, max_degree, r) +
         ColouringMisRoundBound(std::min(k, dr + 1), r);
}

VertexData<std::uint8_t> PowerMis(Simulation& sim, std::uint32_t r) {
  RequireKnowledge(sim, "PowerMis");
  const std::uint64_t dr = PowerDegreeBound(sim.knowledge().max_degree, r);
  const std::uint64_t k = LinialColours(sim.knowledge().id_range, dr);
  VertexData<std::uint64_t> colours = LinialColouring(sim, r);
  VertexData<std::uint64_t> reduced = ReduceColours(sim, colours, k, r);
  return MisFromColouring(sim, reduced, std::min(k, dr + 1), r);
}

std::uint32_t PowerRulingSetBeta(std::uint64_t id_range,
                                 std::uint64_t max_degree, std::uint32_t r) {
  const std::uint64_t k =
      LinialColours(id_range, PowerDegreeBound(max_degree, r));
  return r * CeilLog2(k);
}

std::uint64_t PowerRulingSetRoundBound(std::uint64_t id_range,
                                       std::uint64_t max_degree,
                                       std::uint32_t r) {
  const std::uint64_t dr = PowerDegreeBound(max_degree, r);
  const std::uint64_t k = LinialColours(id_range, dr);
  return LinialRoundBound(id_range, dr, r) +
         DigitRulingSetRounds(BinaryDigits(k), r);
}

std::uint64_t RulingDigits::windows() const {
  std::uint64_t w = 0;
  for (std::uint32_t b : bases) w += b - 1;
  return w;
}

RulingDigits BinaryDigits(std::uint64_t colours) {
  RulingDigits d;
  d.colours = colours;
  d.bases.assign(CeilLog2(colours), 2);
  return d;
}

RulingDigits CheapestDigits(std::uint64_t colours, std::uint32_t r,
                            std::uint64_t digit_cost) {
  using u128 = unsigned __int128;
  RulingDigits best = BinaryDigits(colours);
  if (colours <= 2) return best;
  auto cost = [&](const RulingDigits& d) {
    return d.windows() * r + std::uint64_t{d.digits()} * digit_cost;
  };
  for (std::uint32_t m = 1; m <= CeilLog2(colours); ++m) {
    // The least t with t^m >= colours (binary search: colours may be
    // ~2^40), then lower as many bases to t - 1 as the product allows
    // (balanced bases minimise Σ b_j for a given product).
    auto product = [&](std::uint64_t low, std::uint32_t count_low) {
      u128 p = 1;
      for (std::uint32_t i = 0; i < m; ++i) {
        p *= i < count_low ? low : low + 1;
        if (p >= colours) return p;
      }
      return p;
    };
    std::uint64_t lo = 1, hi = colours;  // product(lo-1,0) < colours <= ..
    while (hi - lo > 1) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      (product(mid - 1, 0) >= colours ? hi : lo) = mid;
    }
    const std::uint64_t t = std::max<std::uint64_t>(hi, 2);  // bases all t
    if (t - 1 > 0xFFFF) continue;  // one digit of > 2^16 windows: never best
    std::uint32_t lowered = 0;
    while (lowered < m && t - 1 >= 2 && product(t - 1, lowered + 1) >= colours)
      ++lowered;
    RulingDigits d;
    d.colours = colours;
    for (std::uint32_t i = 0; i < m; ++i) {
      d.bases.push_back(static_cast<std::uint32_t>(i < lowered ? t - 1 : t));
    }
    if (cost(d) < cost(best)) best = d;
  }
  return best;
}

std::uint64_t DigitRulingSetRounds(const RulingDigits& digits,
                                   std::uint32_t r) {
  return digits.windows() * r;
}

std::uint64_t DigitRulingSetBeta(const RulingDigits& digits, std::uint32_t r) {
  return std::uint64_t{digits.digits()} * r;
}

VertexData<std::uint8_t> DigitRulingSet(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    const RulingDigits& digits, std::uint32_t r, std::string_view name) {
  if (r == 0 || r > 250) {
    throw std::invalid_argument("ruling set: r must be in 1..250");
  }
  DigitRulingProgram program;
  program.r = r;
  program.colours = digits.colours;
  program.bases = digits.bases;
  std::uint64_t div = 1;
  for (std::uint32_t j = 0; j < digits.digits(); ++j) {
    program.divisor.push_back(div);
    for (std::uint32_t x = 0; x + 1 < digits.bases[j]; ++x) {
      program.window_digit.push_back(j);
      program.window_value.push_back(x);
    }
    div = digits.bases[j] >= (~std::uint64_t{0}) / div ? ~std::uint64_t{0}
                                                       : div * digits.bases[j];
  }
  if (program.window_digit.size() >= 0xFFFF) {
    throw std::invalid_argument("ruling set: too many digit windows");
  }
  return sim.Run(program, colours, name);
}

VertexData<std::uint8_t> RulingSetFromColouring(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    std::uint64_t num_colours, std::uint32_t r) {
  return DigitRulingSet(sim, colours, BinaryDigits(num_colours), r,
                        r == 1 ? "ruling-set-bits" : "ruling-set-bits-power");
}

VertexData<std::uint8_t> PowerRulingSet(Simulation& sim, std::uint32_t r) {
  RequireKnowledge(sim, "PowerRulingSet");
  const std::uint64_t k =
      LinialColours(sim.knowledge().id_range,
                    PowerDegreeBound(sim.knowledge().max_degree, r));
  return RulingSetFromColouring(sim, LinialColouring(sim, r), k, r);
}

std::string VerifyRulingSet(const Graph& graph,
                            std::span<const std::uint8_t> members,
                            std::uint32_t alpha, std::uint32_t beta) {
  return CheckRulingSet(graph, members, alpha, beta);
}

}  // namespace fcsim
