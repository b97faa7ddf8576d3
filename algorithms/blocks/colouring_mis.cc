#include "algorithms/blocks/colouring_mis.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/power_rounds.h"

namespace fcsim {
namespace {

// Value 1 = member. Nobody is a member initially, so nothing needs sending
// before class 0 decides.
struct ClassMisRule {
  using Input = std::uint64_t;
  static constexpr bool kInitialFlood = false;
  std::uint64_t colours = 0;

  std::uint32_t steps() const { return static_cast<std::uint32_t>(colours); }
  std::uint64_t Initial(NodeId, const Input& c) const {
    if (c >= colours) {
      throw std::invalid_argument("MIS from colouring: input colour " +
                                  std::to_string(c) +
                                  " >= " + std::to_string(colours));
    }
    return 0;
  }
  bool Acts(std::uint32_t k, const Input& c, std::uint64_t) const {
    return c == k;
  }
  std::uint64_t Step(std::uint32_t, const Input&, std::uint64_t,
                     std::span<const std::uint64_t> others) const {
    for (std::uint64_t o : others) {
      if (o == 1) return 0;
    }
    return 1;
  }
  bool Final(std::uint32_t k, const Input& c, std::uint64_t) const {
    return c <= k;
  }
};

// The class-by-class MIS on G^2 with fixed-size broadcast messages: a
// vertex shows (its class, its distance to the nearest member: 0, 1, or
// far). Class c decides in round 2c, as in the relay shell: it joins iff
// no neighbour shows a distance <= 1, i.e. no member within 2 hops. A
// member of class c shows distance 0 from round 2c on; its neighbours
// show 1 from round 2c + 1 on, in time for class c + 1. A vertex knows its
// neighbours' classes from round 1, so it is awake only in its own
// decision round and in the rounds 2c + 1 after a neighbour class c may
// have joined (only while a later neighbour class may still need the
// relay); it sleeps in between and halts when nothing is left (members and
// relays halt at once). Rounds: at most 2 (K - 1).
struct TwoHopMisMessage {
  std::uint32_t colour = 0;
  std::uint8_t dist = 0xFF;
};

struct TwoHopMisProgram {
  using Input = std::uint64_t;
  using State = std::uint8_t;  // distance to the nearest member, capped
  using Message = TwoHopMisMessage;
  using Output = std::uint8_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  static constexpr std::uint8_t kFar = 0xFF;
  static std::uint64_t MessageBits(const Message&) { return 32 + 2; }

  std::uint64_t colours = 0;

  void Init(Context<TwoHopMisProgram>& ctx) const {
    const std::uint64_t c = ctx.input();
    if (c >= colours) {
      throw std::invalid_argument("MIS from colouring: input colour " +
                                  std::to_string(c) +
                                  " >= " + std::to_string(colours));
    }
    std::uint8_t& d = ctx.state();
    d = c == 0 ? 0 : kFar;
    ctx.Send({static_cast<std::uint32_t>(c), d});
    if (d == 0) ctx.Halt();
  }

  void Round(Context<TwoHopMisProgram>& ctx) const {
    std::uint8_t& d = ctx.state();
    const std::uint32_t t = ctx.round();
    const auto c = static_cast<std::uint32_t>(ctx.input());
    std::uint32_t nearest = kFar;
    std::uint32_t max_class = 0;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const TwoHopMisMessage& m = ctx.Received(p);
      nearest = std::min<std::uint32_t>(nearest, m.dist + 1u);
      max_class = std::max(max_class, m.colour);
    }
    if (nearest < d) d = static_cast<std::uint8_t>(nearest);
    if (d == 1) {  // relay for the later classes, then done
      ctx.Send({c, 1});
      ctx.Halt();
      return;
    }
    if (t == 2 * c && d > 2) {
      d = 0;
      ctx.Send({c, 0});
      ctx.Halt();
      return;
    }
    std::uint64_t next = ~std::uint64_t{0};
    if (d > 2 && 2ull * c > t) next = 2ull * c;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::uint32_t cu = ctx.Received(p).colour;
      if (cu < max_class && 2ull * cu + 1 > t) {
        next = std::min<std::uint64_t>(next, 2ull * cu + 1);
      }
    }
    if (next == ~std::uint64_t{0}) {
      ctx.Halt();
    } else {
      ctx.SleepUntil(static_cast<std::uint32_t>(next));
    }
  }

  Output Finish(const State& d) const { return d == 0 ? 1 : 0; }
};

}  // namespace

std::uint64_t ColouringMisRoundBound(std::uint64_t colours, std::uint32_t r) {
  return colours == 0 ? 0 : std::uint64_t{r} * (colours - 1);
}

VertexData<std::uint8_t> MisFromColouring(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    std::uint64_t num_colours, std::uint32_t r, bool force_power) {
  if (num_colours >= (std::uint64_t{1} << 31)) {
    throw std::invalid_argument("MIS from colouring: too many colours");
  }
  if (r == 2 && !force_power) {
    return sim.Run(TwoHopMisProgram{num_colours}, colours, "mis-power");
  }
  VertexData<std::uint64_t> out =
      RunRule(sim, ClassMisRule{num_colours}, colours, r,
              r == 1 ? "mis-from-colouring" : "mis-power", force_power);
  return sim.Map(out, [](std::uint64_t v) { return std::uint8_t(v); });
}

std::string VerifyPowerMis(const Graph& graph,
                           std::span<const std::uint8_t> members,
                           std::uint32_t r) {
  return CheckRulingSet(graph, members, r + 1, r);
}

}  // namespace fcsim
