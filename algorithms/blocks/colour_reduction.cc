#include "algorithms/blocks/colour_reduction.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/power_rounds.h"
#include "algorithms/bounds.h"

namespace fcsim {
namespace {

constexpr std::uint32_t kNoMove = ~std::uint32_t{0};

// Least colour of [0, b) not in `used` (marks only colours below b).
std::uint64_t LeastFree(std::span<const std::uint64_t> used, std::uint64_t b) {
  thread_local std::vector<std::uint8_t> taken;
  taken.assign(b, 0);
  for (std::uint64_t c : used) {
    if (c < b) taken[c] = 1;
  }
  for (std::uint64_t c = 0; c < b; ++c) {
    if (!taken[c]) return c;
  }
  throw std::invalid_argument(
      "colour reduction: no free colour (degree above the declared bound)");
}

struct OneClassRule {
  using Input = std::uint64_t;
  static constexpr bool kInitialFlood = true;
  std::uint64_t colours_in = 0;
  std::uint64_t b = 0;  // target palette size Δ_r + 1

  std::uint32_t steps() const {
    return static_cast<std::uint32_t>(colours_in > b ? colours_in - b : 0);
  }
  std::uint64_t Initial(NodeId, const Input& c) const { return c; }
  bool Acts(std::uint32_t k, const Input&, std::uint64_t own) const {
    return own == b + k;
  }
  std::uint64_t Step(std::uint32_t, const Input&, std::uint64_t,
                     std::span<const std::uint64_t> others) const {
    return LeastFree(others, b);
  }
  bool Final(std::uint32_t k, const Input&, std::uint64_t own) const {
    return own < b || own <= b + k;
  }
  // The two-hop program's view (TwoHopReductionProgram): one block, the
  // position is the colour, a vertex moves at most once.
  std::uint64_t StepKey(std::uint32_t, std::uint64_t) const { return 0; }
  std::uint64_t StepPos(std::uint32_t, std::uint64_t v) const { return v; }
  std::uint64_t Moved(std::uint32_t, std::uint64_t, std::uint64_t p) const {
    return p;
  }
  std::uint32_t NextMove(std::uint64_t v, std::uint32_t from) const {
    if (v < b || v - b < from || v - b >= steps()) return kNoMove;
    return static_cast<std::uint32_t>(v - b);
  }
  bool MayMoveAgain(std::uint32_t) const { return false; }
};

// Block halving. A value packs (tag, block0, p): block0 = the level-0 block
// of the input colour, p the position last set, tag = 1 + the level in
// which it was set (0: the input). Values change only when a vertex moves,
// so the values a vertex holds for its ball stay valid across the merges.
struct BlockHalvingRule {
  using Input = std::uint64_t;
  static constexpr bool kInitialFlood = true;
  static constexpr int kTagShift = 56;
  std::uint64_t colours_in = 0;
  std::uint64_t b = 0;
  std::uint32_t levels = 0;

  static std::uint32_t Levels(std::uint64_t colours_in, std::uint64_t b) {
    if (colours_in <= b) return 0;
    const std::uint64_t blocks = (colours_in + 2 * b - 1) / (2 * b);
    return 1 + CeilLog2(blocks);
  }
  std::uint32_t steps() const { return static_cast<std::uint32_t>(levels * b); }
  std::uint64_t Initial(NodeId, const Input& c) const {
    if (c >= colours_in) {
      throw std::invalid_argument("colour reduction: input colour " +
                                  std::to_string(c) +
                                  " >= " + std::to_string(colours_in));
    }
    return c;  // tag 0, block0 * 2b + p with p = c mod 2b
  }
  std::uint64_t Tag(std::uint64_t v) const { return v >> kTagShift; }
  std::uint64_t Block0(std::uint64_t v) const {
    return (v & ((std::uint64_t{1} << kTagShift) - 1)) / (2 * b);
  }
  std::uint64_t P(std::uint64_t v) const {
    return (v & ((std::uint64_t{1} << kTagShift) - 1)) % (2 * b);
  }
  // Position in the vertex's block at `level`, before that level's moves
  // (or after them, when the vertex moved in this level).
  std::uint64_t Pos(std::uint64_t v, std::uint32_t level) const {
    if (level == 0 || Tag(v) == level + 1) return P(v);
    return ((Block0(v) >> (level - 1)) & 1) * b + P(v);
  }
  bool Acts(std::uint32_t k, const Input&, std::uint64_t own) const {
    const std::uint32_t level = static_cast<std::uint32_t>(k / b);
    return Pos(own, level) == b + k % b;
  }
  std::uint64_t Step(std::uint32_t k, const Input&, std::uint64_t own,
                     std::span<const std::uint64_t> others) const {
    const std::uint32_t level = static_cast<std::uint32_t>(k / b);
    const std::uint64_t block = Block0(own) >> level;
    thread_local std::vector<std::uint64_t> used;
    used.clear();
    for (std::uint64_t o : others) {
      if ((Block0(o) >> level) == block) used.push_back(Pos(o, level));
    }
    const std::uint64_t p = LeastFree(used, b);
    return (std::uint64_t{level + 1} << kTagShift) | (Block0(own) * 2 * b + p);
  }
  bool Final(std::uint32_t, const Input&, std::uint64_t) const { return false; }
  std::uint64_t Colour(std::uint64_t v) const {
    return levels == 0 ? v : Pos(v, levels - 1);
  }
  // The two-hop program's view (TwoHopReductionProgram) of step k.
  std::uint64_t StepKey(std::uint32_t k, std::uint64_t v) const {
    return Block0(v) >> (k / b);
  }
  std::uint64_t StepPos(std::uint32_t k, std::uint64_t v) const {
    return Pos(v, static_cast<std::uint32_t>(k / b));
  }
  std::uint64_t Moved(std::uint32_t k, std::uint64_t own,
                      std::uint64_t p) const {
    const std::uint64_t level = k / b;
    return ((level + 1) << kTagShift) | (Block0(own) * 2 * b + p);
  }
  // The first step >= from at which a vertex holding v moves (if it has
  // not moved in between).
  std::uint32_t NextMove(std::uint64_t v, std::uint32_t from) const {
    for (std::uint32_t level = static_cast<std::uint32_t>(from / b);
         level < levels; ++level) {
      const std::uint64_t pos = Pos(v, level);
      if (pos < b) continue;
      const std::uint64_t s = level * b + (pos - b);
      if (s >= from) return static_cast<std::uint32_t>(s);
    }
    return kNoMove;
  }
  bool MayMoveAgain(std::uint32_t k) const { return k / b + 1 < levels; }
};

// A reduction rule on G^2 without stored balls. Step k of the rule is taken
// at round 2k + 2 (as in the relay shell with its initial flood); a vertex
// v that moves at step k needs the positions below b, in its block, of the
// other vertices within distance 2. Every neighbour u of v holds its
// neighbours' current values (their latest messages) and so knows that v
// moves at step k: in round 2k + 1 it sends, for each of its step-k moving
// neighbours, that neighbour's block and the set of positions below b of
// the members of N[u] in that block, as a bit mask. The union over
// u in N(v) covers the whole 2-ball, so v takes the same least free
// position as the rule does. Movers of one step that share a neighbour are
// within distance 2, hence in different blocks: a block names its mover.
// Message: [own value, then (block, mask words) per moving neighbour].
// A vertex is awake only in the rounds in which it moves, serves a moving
// neighbour, or re-reads a neighbour that has just moved (all known from
// the values it holds); otherwise it sleeps, and it halts when neither it
// nor a neighbour can move again. Rounds: at most 2 · steps.
template <typename Rule>
struct TwoHopReductionProgram {
  using Input = std::uint64_t;
  using State = std::uint64_t;  // the rule's value
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kVariable;

  Rule rule;
  std::uint64_t b = 0;

  std::size_t Words() const { return static_cast<std::size_t>((b + 63) / 64); }

  static std::uint64_t ValueOf(Context<TwoHopReductionProgram>& ctx, Port p) {
    const std::span<const std::uint64_t> m = ctx.Received(p);
    return m.empty() ? 0 : m.front();
  }

  void Init(Context<TwoHopReductionProgram>& ctx) const {
    std::uint64_t& value = ctx.state();
    value = rule.Initial(ctx.id(), ctx.input());
    if (rule.steps() == 0) {
      ctx.Halt();
      return;
    }
    ctx.Send({value});
  }

  void Round(Context<TwoHopReductionProgram>& ctx) const {
    std::uint64_t& value = ctx.state();
    const std::uint32_t t = ctx.round();
    if (t % 2 == 1) {
      Serve(ctx, (t - 1) / 2);
    } else {
      const std::uint32_t k = t / 2 - 1;
      if (k < rule.steps() && rule.Acts(k, ctx.input(), value)) {
        Move(ctx, k);
      }
    }
    Schedule(ctx);
  }

  Output Finish(const State& s) const { return s; }

 private:
  // Round 2k + 1: masks for the neighbours that move at step k.
  void Serve(Context<TwoHopReductionProgram>& ctx, std::uint32_t k) const {
    if (k >= rule.steps()) return;
    const std::uint64_t own = ctx.state();
    const std::size_t words = Words();
    std::vector<std::uint64_t> out;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::uint64_t w = ValueOf(ctx, p);
      // Both rules decide Acts from the value alone (their Input is unused).
      if (!rule.Acts(k, ctx.input(), w)) continue;
      if (out.empty()) out.push_back(own);
      const std::uint64_t key = rule.StepKey(k, w);
      out.push_back(key);
      const std::size_t at = out.size();
      out.resize(at + words, 0);
      auto mark = [&](std::uint64_t x) {
        if (rule.StepKey(k, x) != key) return;
        const std::uint64_t pos = rule.StepPos(k, x);
        if (pos < b) out[at + pos / 64] |= std::uint64_t{1} << (pos % 64);
      };
      mark(own);
      for (Port q = 0; q < ctx.degree(); ++q) mark(ValueOf(ctx, q));
    }
    if (!out.empty()) ctx.Send(std::move(out));
  }

  // Round 2k + 2: take the least position free in the 2-ball.
  void Move(Context<TwoHopReductionProgram>& ctx, std::uint32_t k) const {
    std::uint64_t& value = ctx.state();
    const std::uint64_t key = rule.StepKey(k, value);
    const std::size_t words = Words();
    thread_local std::vector<std::uint64_t> used;
    used.assign(words, 0);
    for (Port p = 0; p < ctx.degree(); ++p) {
      if (!ctx.NeighbourSent(p)) {
        throw std::logic_error("colour reduction: a neighbour did not serve");
      }
      const std::span<const std::uint64_t> m = ctx.Received(p);
      for (std::size_t i = 1; i + words < m.size(); i += 1 + words) {
        if (m[i] != key) continue;
        for (std::size_t j = 0; j < words; ++j) used[j] |= m[i + 1 + j];
        break;
      }
    }
    std::uint64_t p = 0;
    while (p < b && ((used[p / 64] >> (p % 64)) & 1) != 0) ++p;
    if (p == b) {
      throw std::invalid_argument(
          "colour reduction: no free colour (degree above the declared "
          "bound)");
    }
    value = rule.Moved(k, value, p);
    ctx.Send({value});
  }

  // Sleeps until the next round in which this vertex moves, serves, or
  // re-reads a neighbour that moved; halts when there is none.
  void Schedule(Context<TwoHopReductionProgram>& ctx) const {
    const std::uint32_t t = ctx.round();
    std::uint64_t next = kNoMove;
    const std::uint32_t own = rule.NextMove(ctx.state(), t / 2);
    if (own != kNoMove) next = 2ull * own + 2;
    // Moves of steps < (t - 1) / 2 are visible in the values held now.
    const std::uint32_t from = (t - 1) / 2;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::uint32_t s = rule.NextMove(ValueOf(ctx, p), from);
      if (s == kNoMove) continue;
      if (2ull * s + 1 > t) {
        next = std::min<std::uint64_t>(next, 2ull * s + 1);
      } else if (rule.MayMoveAgain(s)) {
        next = std::min<std::uint64_t>(next, 2ull * s + 3);
      }
    }
    if (next == kNoMove) {
      ctx.Halt();
    } else {
      ctx.SleepUntil(static_cast<std::uint32_t>(next));
    }
  }
};

}  // namespace

std::uint64_t ReductionSteps(ReductionSchedule schedule,
                             std::uint64_t colours_in, std::uint64_t degree) {
  const std::uint64_t b = degree + 1;
  if (schedule == ReductionSchedule::kFastest) {
    schedule = FastestReduction(colours_in, degree);
  }
  if (schedule == ReductionSchedule::kOneClassPerRound) {
    return colours_in > b ? colours_in - b : 0;
  }
  return std::uint64_t{BlockHalvingRule::Levels(colours_in, b)} * b;
}

ReductionSchedule FastestReduction(std::uint64_t colours_in,
                                   std::uint64_t degree) {
  return ReductionSteps(ReductionSchedule::kBlockHalving, colours_in, degree) <
                 ReductionSteps(ReductionSchedule::kOneClassPerRound,
                                colours_in, degree)
             ? ReductionSchedule::kBlockHalving
             : ReductionSchedule::kOneClassPerRound;
}

std::uint64_t ReductionRoundBound(ReductionSchedule schedule,
                                  std::uint64_t colours_in,
                                  std::uint64_t max_degree, std::uint32_t r) {
  const std::uint64_t steps =
      ReductionSteps(schedule, colours_in, PowerDegreeBound(max_degree, r));
  return steps == 0 ? 0 : std::uint64_t{r} * (steps + 1);
}

VertexData<std::uint64_t> ReduceColours(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    std::uint64_t colours_in, std::uint32_t r, ReductionSchedule schedule,
    bool force_power) {
  if (sim.knowledge().max_degree == 0) {
    throw std::invalid_argument(
        "colour reduction: knowledge must declare max_degree");
  }
  const std::uint64_t degree = PowerDegreeBound(sim.knowledge().max_degree, r);
  const std::uint64_t b = degree + 1;
  if (b >= (std::uint64_t{1} << 24) || colours_in >= (std::uint64_t{1} << 48)) {
    throw std::invalid_argument("colour reduction: palette too large");
  }
  if (schedule == ReductionSchedule::kFastest) {
    schedule = FastestReduction(colours_in, degree);
  }
  if (schedule == ReductionSchedule::kOneClassPerRound) {
    const OneClassRule rule{colours_in, b};
    if (r == 2 && !force_power) {
      return sim.Run(TwoHopReductionProgram<OneClassRule>{rule, b}, colours,
                     "reduce-one-class");
    }
    return RunRule(sim, rule, colours, r, "reduce-one-class", force_power);
  }
  BlockHalvingRule rule{colours_in, b, BlockHalvingRule::Levels(colours_in, b)};
  VertexData<std::uint64_t> packed =
      r == 2 && !force_power
          ? sim.Run(TwoHopReductionProgram<BlockHalvingRule>{rule, b}, colours,
                    "reduce-block-halving")
          : RunRule(sim, rule, colours, r, "reduce-block-halving", force_power);
  return sim.Map(packed, [rule](std::uint64_t v) { return rule.Colour(v); });
}

std::string VerifyReducedColouring(const Graph& graph,
                                   std::span<const std::uint64_t> colours,
                                   std::uint64_t max_degree, std::uint32_t r) {
  return CheckPowerColouring(graph, colours,
                             PowerDegreeBound(max_degree, r) + 1, r);
}

}  // namespace fcsim
