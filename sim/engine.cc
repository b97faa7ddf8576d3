#include "sim/engine.h"

#include <string>

namespace fcsim {

Simulation::Simulation(const Graph& graph, std::span<const NodeId> ids,
                       Knowledge knowledge, SimOptions options)
    : graph_(graph),
      ids_(ids),
      knowledge_(knowledge),
      options_(std::move(options)),
      num_owned_(graph.num_vertices()),
      global_n_(graph.num_vertices()) {
  CheckOptions();
}

Simulation::Simulation(const LocalPart& part, Communicator& comm,
                       std::span<const NodeId> ids, Knowledge knowledge,
                       SimOptions options)
    : graph_(part.graph),
      ids_(ids),
      knowledge_(knowledge),
      options_(std::move(options)),
      part_(&part),
      comm_(&comm),
      num_owned_(part.num_owned),
      global_n_(part.global_n) {
  if (comm.size() != part.num_ranks || comm.rank() != part.rank) {
    throw SimulationError(
        "the partition was built for rank " + std::to_string(part.rank) +
        " of " + std::to_string(part.num_ranks) + ", this is rank " +
        std::to_string(comm.rank()) + " of " + std::to_string(comm.size()));
  }
  CheckOptions();
  comm.SetNeighbours(part.neighbour_ranks);
}

void Simulation::CheckOptions() {
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
