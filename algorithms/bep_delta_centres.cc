#include "algorithms/bep_delta_centres.h"

#include <stdexcept>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/bounds.h"

namespace fcsim {

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
  return p;
}

VertexData<std::uint64_t> RunPowerLinial(Simulation& sim,
                                         const CentreParams& params) {
  return StreamingPowerLinial(sim, params.schedule, params.r,
                              "bep-linial-power");
}

VertexData<std::uint8_t> RunPowerRulingSet(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    const CentreParams& params) {
  return DigitRulingSet(sim, colours, params.digits, params.r,
                        "bep-ruling-set-power");
}

}  // namespace fcsim
