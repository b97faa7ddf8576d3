#include "algorithms/blocks/colour_reduction.h"

#include <stdexcept>
#include <vector>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/power_rounds.h"
#include "algorithms/bounds.h"

namespace fcsim {
namespace {

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
    return RunRule(sim, OneClassRule{colours_in, b}, colours, r,
                   "reduce-one-class", force_power);
  }
  BlockHalvingRule rule{colours_in, b, BlockHalvingRule::Levels(colours_in, b)};
  VertexData<std::uint64_t> packed =
      RunRule(sim, rule, colours, r, "reduce-block-halving", force_power);
  return sim.Map(packed, [rule](std::uint64_t v) { return rule.Colour(v); });
}

std::string VerifyReducedColouring(const Graph& graph,
                                   std::span<const std::uint64_t> colours,
                                   std::uint64_t max_degree, std::uint32_t r) {
  return CheckPowerColouring(graph, colours,
                             PowerDegreeBound(max_degree, r) + 1, r);
}

}  // namespace fcsim
