// `fcsim run --algo bep-grid --eps E`: BEP-c on d-dimensional grids
// (algorithms/bep_grid.h). Precondition checked on the input before the run
// (a documented whole-graph check, not part of the LOCAL algorithm): the
// graph must be bipartite — an odd torus has χ_f = 2 + 1/m and an odd cycle
// rules out the construction. The algorithm itself also reports an odd
// closed walk it sees, and any ball that is not grid-like.
#include "algorithms/bep_grid.h"

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

#include "experiments/algorithm_registry.h"
#include "graphs/properties.h"

namespace fcsim {
namespace {

AlgorithmReport RunBepGridEntry(const Graph& graph, std::span<const NodeId> ids,
                                const AlgorithmParams& params,
                                const HarnessOptions& options) {
  const Rational eps = params.epsilon.value_or(Rational(1, 2));
  // Under MPI only rank 0 holds the global graph: it decides for all.
  const bool bipartite =
      options.dist != nullptr
          ? RootDecides(*options.dist,
                        options.dist->root() && IsBipartite(graph))
          : IsBipartite(graph);
  if (!bipartite) {
    throw std::invalid_argument(
        "bep-grid: the graph is not bipartite (e.g. a torus with an odd side, "
        "χ_f = 2 + 1/m): BEP-c needs a bipartite grid");
  }
  const FractionalAlgorithm algo = BepGridAlgorithm(eps);
  FractionalRunResult result = RunAndVerify(graph, ids, algo, options);
  const BepGridPlan plan =
      MakeBepGridPlan(result.inputs.max_degree, result.inputs.id_range, eps);
  std::string summary = fmt::format(
      "eps={}, d={}, s={}, lambda={}, R={}, k={}, B={}", eps.ToString(), plan.d,
      plan.spacing, plan.top_ratio, plan.beta, plan.k, plan.missed);
  return ConstantOutputReport(std::move(result), algo, std::move(summary));
}

const AlgorithmRegistrar kRegistrar{AlgorithmEntry{
    "bep-grid",
    "BEP-c: 2k:(k-B)-colouring of bipartite d-dim grids (d = ceil(Δ/2)), "
    "weight <= 2+eps (default eps = 1/2), constant output, O(log* n) rounds",
    true, true, RunBepGridEntry}};

}  // namespace
}  // namespace fcsim
