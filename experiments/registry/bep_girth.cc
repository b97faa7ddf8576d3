// `fcsim run --algo bep-girth --eps E`: BEP-d (algorithms/bep_girth.h).
#include "algorithms/bep_girth.h"

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

#include "algorithms/bep_delta.h"
#include "experiments/algorithm_registry.h"

namespace fcsim {
namespace {

AlgorithmReport RunBepGirthEntry(const Graph& graph,
                                 std::span<const NodeId> ids,
                                 const AlgorithmParams& params,
                                 const HarnessOptions& options) {
  const Rational eps = params.epsilon.value_or(Rational(1, 4));
  const std::uint32_t k = BepPalettes(eps);
  const FractionalAlgorithm algo = BepGirthAlgorithm(eps);
  FractionalRunResult result;
  try {
    result = RunAndVerify(graph, ids, algo, options);
  } catch (const BepGirthStall& stall) {
    // An input outside the class: one line, with the core's girth.
    // Under MPI only rank 0 holds the global graph to describe the core.
    if (options.dist != nullptr && !options.dist->root()) {
      throw std::invalid_argument("bep-girth: the peel stalled (see rank 0)");
    }
    throw std::invalid_argument(BepGirthStallMessage(graph, stall, k));
  }
  std::string summary =
      fmt::format("eps={}, k={}, peel phases={}", eps.ToString(), k,
                  BepGirthPeelPhases(result.stats));
  return ConstantOutputReport(std::move(result), algo, std::move(summary));
}

const AlgorithmRegistrar kRegistrar{AlgorithmEntry{
    "bep-girth",
    "BEP-d: (2k+1):k-colouring, k = ceil(1/eps) (default eps = 1/4), weight "
    "2+1/k, constant output, O(k log n) rounds; large-girth graphs of a "
    "minor-closed class (else a stall error)",
    true, true, RunBepGirthEntry}};

}  // namespace
}  // namespace fcsim
