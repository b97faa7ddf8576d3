#include "algorithms/blocks/colouring_mis.h"

#include <stdexcept>

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
