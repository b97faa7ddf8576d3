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
    throw std::invalid_argument(BepGirthStallMessage(graph, stall, k));
  }
  AlgorithmReport report;
  report.params = fmt::format("eps={}, k={}, peel phases={}", eps.ToString(), k,
                              BepGirthPeelPhases(result.stats));
  report.output_kind =
      fmt::format("a:b-colouring, constant size ({} colours per vertex)",
                  result.max_colors_per_vertex);
  report.weight = result.weight;
  report.weight_claim = result.weight_claim;
  report.coloring = std::move(result.coloring);
  report.stats = std::move(result.stats);
  report.inputs = result.inputs;
  report.round_bound = result.round_bound;
  report.round_formula = algo.rounds.formula;
  report.audit = std::move(result.audit);
  report.verdict = std::move(result.verdict);
  return report;
}

const AlgorithmRegistrar kRegistrar{AlgorithmEntry{
    "bep-girth",
    "BEP-d: (2k+1):k-colouring, k = ceil(1/eps) (default eps = 1/4), weight "
    "2+1/k, constant output, O(k log n) rounds; large-girth graphs of a "
    "minor-closed class (else a stall error)",
    true, true, RunBepGirthEntry}};

}  // namespace
}  // namespace fcsim
