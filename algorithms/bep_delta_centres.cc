#include "algorithms/bep_delta_centres.h"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <utility>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/bounds.h"

namespace fcsim {
namespace {

// Linial on G^r with value-deduplicated ball gathering; V is the width of
// the colours carried (message word 0 is the round it was sent in, so that
// a persisting old message is never read as a fresh one).
template <typename V>
struct PowerLinialProgram {
  using Input = NoInput;
  using Message = V;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kVariable;

  struct State {
    std::uint64_t colour = 0;
    std::vector<V> ball;  // colours heard in this step, sorted, own excluded
  };

  const CentreParams* params = nullptr;

  void Init(Context<PowerLinialProgram>& ctx) const {
    State& s = ctx.state();
    s.colour = ctx.id() - 1;
    if (params->schedule.empty()) {
      ctx.Halt();
      return;
    }
    ctx.Send({V{0}, static_cast<V>(s.colour)});
  }

  void Round(Context<PowerLinialProgram>& ctx) const {
    State& s = ctx.state();
    const std::uint32_t t = ctx.round();
    const std::uint32_t r = params->r;
    const std::uint32_t step = (t - 1) / r;
    const std::uint32_t sub = (t - 1) % r + 1;
    thread_local std::vector<V> fresh;
    fresh.clear();
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::span<const V> m = ctx.Received(p);
      if (m.empty() || m[0] != static_cast<V>(t - 1)) continue;
      for (std::size_t i = 1; i < m.size(); ++i) {
        if (m[i] != static_cast<V>(s.colour) &&
            !std::binary_search(s.ball.begin(), s.ball.end(), m[i])) {
          fresh.push_back(m[i]);
        }
      }
    }
    std::sort(fresh.begin(), fresh.end());
    fresh.erase(std::unique(fresh.begin(), fresh.end()), fresh.end());
    if (!fresh.empty()) {
      // Exact-size merge: the ball is the phase's memory peak.
      std::vector<V> merged(s.ball.size() + fresh.size());
      std::merge(s.ball.begin(), s.ball.end(), fresh.begin(), fresh.end(),
                 merged.begin());
      s.ball.swap(merged);
    }
    if (sub < r) {
      if (!fresh.empty()) {
        std::vector<V> out;
        out.reserve(fresh.size() + 1);
        out.push_back(static_cast<V>(t));
        out.insert(out.end(), fresh.begin(), fresh.end());
        ctx.Send(std::move(out));
      }
      return;
    }
    thread_local std::vector<std::uint64_t> others;
    others.assign(s.ball.begin(), s.ball.end());
    s.colour = LinialNewColour(params->schedule[step], s.colour, others);
    std::vector<V>().swap(s.ball);
    if (step + 1 < params->schedule.size()) {
      ctx.Send({static_cast<V>(t), static_cast<V>(s.colour)});
    } else {
      ctx.Halt();
    }
  }

  Output Finish(const State& s) const { return s.colour; }
};

struct RulingMessage {
  std::uint8_t tag = 0;  // 1 + the bit being processed (0: never sent)
  std::uint8_t dist = 0;
};

struct PowerRulingProgram {
  using Input = std::uint64_t;  // the G^r colour
  using Message = RulingMessage;
  using Output = std::uint8_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  static constexpr std::uint8_t kFar = 0xFF;

  struct State {
    bool candidate = true;
    std::uint8_t dist = kFar;  // hops to the nearest low candidate (<= r)
  };

  std::uint32_t r = 1;
  std::uint32_t bits = 0;

  void Init(Context<PowerRulingProgram>& ctx) const {
    if (bits == 0) {
      ctx.Halt();
      return;
    }
    StartBit(ctx, 0);
  }

  void Round(Context<PowerRulingProgram>& ctx) const {
    State& s = ctx.state();
    const std::uint32_t t = ctx.round();
    const std::uint32_t bit = (t - 1) / r;
    const std::uint32_t sub = (t - 1) % r + 1;
    std::uint32_t best = s.dist;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const RulingMessage& m = ctx.Received(p);
      if (m.tag == bit + 1) best = std::min<std::uint32_t>(best, m.dist + 1u);
    }
    const bool improved = best < s.dist;
    if (improved) s.dist = static_cast<std::uint8_t>(best);
    if (sub < r) {
      if (improved) {
        ctx.Send({static_cast<std::uint8_t>(bit + 1), s.dist});
      }
      return;
    }
    if (s.candidate && ((ctx.input() >> bit) & 1) != 0 && s.dist <= r) {
      s.candidate = false;
    }
    if (bit + 1 < bits) {
      StartBit(ctx, bit + 1);
    } else {
      ctx.Halt();
    }
  }

  Output Finish(const State& s) const { return s.candidate ? 1 : 0; }

 private:
  void StartBit(Context<PowerRulingProgram>& ctx, std::uint32_t bit) const {
    State& s = ctx.state();
    const bool low = s.candidate && ((ctx.input() >> bit) & 1) == 0;
    s.dist = low ? 0 : kFar;
    if (low) ctx.Send({static_cast<std::uint8_t>(bit + 1), 0});
  }
};

}  // namespace

CentreParams MakeCentreParams(NodeId id_range, std::uint64_t max_degree,
                              std::uint32_t r) {
  if (r == 0 || r > 250) {
    throw std::invalid_argument("BEP-a centres: power r must be in 1..250");
  }
  CentreParams p;
  p.r = r;
  p.power_degree = PowerDegreeBound(max_degree, r);
  // Linial's palettes have more than Δ_r^2 colours: when Δ_r >= id_range
  // the IDs are already the better colouring (and the schedule search would
  // test primes near Δ_r, which saturates at 2^62 for large r).
  if (p.power_degree < id_range) {
    p.schedule = LinialSchedule(id_range, p.power_degree);
  }
  p.colours = p.schedule.empty() ? id_range : p.schedule.back().colours_out;
  p.bits = CeilLog2(p.colours);
  if (p.bits > 64) throw std::invalid_argument("BEP-a centres: too many bits");
  constexpr std::uint64_t kNarrow = std::uint64_t{1} << 32;
  p.wide_values = id_range > kNarrow;
  for (const LinialStep& step : p.schedule) {
    if (step.colours_out > kNarrow) p.wide_values = true;
  }
  return p;
}

VertexData<std::uint64_t> RunPowerLinial(Simulation& sim,
                                         const CentreParams& params) {
  if (params.wide_values) {
    return sim.Run(PowerLinialProgram<std::uint64_t>{&params},
                   sim.Constant(NoInput{}), "bep-linial-power");
  }
  return sim.Run(PowerLinialProgram<std::uint32_t>{&params},
                 sim.Constant(NoInput{}), "bep-linial-power");
}

VertexData<std::uint8_t> RunPowerRulingSet(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    const CentreParams& params) {
  return sim.Run(PowerRulingProgram{params.r, params.bits}, colours,
                 "bep-ruling-set-power");
}

}  // namespace fcsim
