#include "algorithms/blocks/ruling_set.h"

#include <stdexcept>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/colour_reduction.h"
#include "algorithms/blocks/colouring_mis.h"
#include "algorithms/blocks/linial.h"
#include "algorithms/blocks/power_rounds.h"
#include "algorithms/bounds.h"

namespace fcsim {
namespace {

// Value = colour * 2 + candidate flag.
struct BitMergeRule {
  using Input = std::uint64_t;
  static constexpr bool kInitialFlood = true;
  std::uint64_t colours = 0;

  std::uint32_t steps() const { return CeilLog2(colours); }
  std::uint64_t Initial(NodeId, const Input& c) const {
    if (c >= colours) {
      throw std::invalid_argument("ruling set: input colour " +
                                  std::to_string(c) +
                                  " >= " + std::to_string(colours));
    }
    return c * 2 + 1;
  }
  bool Acts(std::uint32_t i, const Input& c, std::uint64_t own) const {
    return (own & 1) && ((c >> i) & 1);
  }
  std::uint64_t Step(std::uint32_t i, const Input& c, std::uint64_t own,
                     std::span<const std::uint64_t> others) const {
    for (std::uint64_t o : others) {
      const std::uint64_t oc = o >> 1;
      if ((o & 1) && (oc >> (i + 1)) == (c >> (i + 1)) && !((oc >> i) & 1)) {
        return own & ~std::uint64_t{1};
      }
    }
    return own;
  }
  bool Final(std::uint32_t, const Input&, std::uint64_t) const { return false; }
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
  return LinialRoundBound(id_range, dr, r) + RuleRounds(CeilLog2(k), true, r);
}

VertexData<std::uint8_t> RulingSetFromColouring(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    std::uint64_t num_colours, std::uint32_t r, bool force_power) {
  VertexData<std::uint64_t> out = RunRule(
      sim, BitMergeRule{num_colours}, colours, r,
      r == 1 ? "ruling-set-bits" : "ruling-set-bits-power", force_power);
  return sim.Map(out, [](std::uint64_t v) { return std::uint8_t(v & 1); });
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
