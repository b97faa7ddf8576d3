#include "sim/engine.h"

#include <string>

namespace fcsim {

Simulation::Simulation(const Graph& graph, std::span<const NodeId> ids,
                       Knowledge knowledge, SimOptions options)
    : graph_(graph),
      ids_(ids),
      knowledge_(knowledge),
      options_(std::move(options)) {
  if (options_.threads < 1) {
    throw SimulationError("threads must be at least 1 (got " +
                          std::to_string(options_.threads) + ")");
  }
  if (graph_.num_vertices() == 0) {
    throw SimulationError("the graph has no vertices (n = 0)");
  }
  if (options_.max_rounds == 0) {
    throw SimulationError("the round limit must be at least 1");
  }
  if (ids_.size() != graph_.num_vertices()) {
    throw SimulationError("expected one ID per vertex (" +
                          std::to_string(graph_.num_vertices()) + "), got " +
                          std::to_string(ids_.size()));
  }
  arena_ = std::make_unique<tbb::task_arena>(options_.threads);
}

}  // namespace fcsim
