// Immutable CSR graph: the only graph representation the engine runs on.
//
// 32-bit vertex indices, 64-bit edge offsets. A vertex's ports are the
// positions in its neighbour list: port p of v leads to neighbors(v)[p]. The
// graph is simple and undirected: every edge {u, v} is stored as u->v and
// v->u, with no self-loops and no repeated neighbours.
#ifndef FCSIM_SIM_GRAPH_H_
#define FCSIM_SIM_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

namespace fcsim {

using Vertex = std::uint32_t;
using EdgeIndex = std::uint64_t;
using Port = std::uint32_t;

inline constexpr Vertex kNoVertex = ~Vertex{0};

// Counts of what FromEdges dropped, so that callers can warn or refuse.
struct EdgeCleanup {
  std::uint64_t self_loops = 0;
  std::uint64_t duplicates = 0;
};

class Graph {
 public:
  Graph() = default;
  // Takes ownership of CSR arrays. Checks sizes, monotonicity and ranges
  // (throws std::invalid_argument); symmetry is checked by Validate().
  Graph(std::vector<EdgeIndex> offsets, std::vector<Vertex> adjacency);

  Graph(Graph&&) noexcept = default;
  Graph& operator=(Graph&&) noexcept = default;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Builds a simple undirected graph from an edge list: both directions are
  // stored, neighbour lists sorted ascending, self-loops and repeated edges
  // dropped (and counted in *cleanup when given). Deterministic for any
  // thread count.
  static Graph FromEdges(Vertex n,
                         std::span<const std::pair<Vertex, Vertex>> edges,
                         EdgeCleanup* cleanup = nullptr);

  Vertex num_vertices() const {
    return offsets_.empty() ? 0 : static_cast<Vertex>(offsets_.size() - 1);
  }
  EdgeIndex num_directed_edges() const { return adjacency_.size(); }
  EdgeIndex num_edges() const { return adjacency_.size() / 2; }
  Port degree(Vertex v) const {
    return static_cast<Port>(offsets_[v + 1] - offsets_[v]);
  }
  Port max_degree() const { return max_degree_; }
  Port min_degree() const { return min_degree_; }
  EdgeIndex edge_begin(Vertex v) const { return offsets_[v]; }
  EdgeIndex edge_end(Vertex v) const { return offsets_[v + 1]; }
  std::span<const Vertex> neighbors(Vertex v) const {
    return {adjacency_.data() + offsets_[v],
            adjacency_.data() + offsets_[v + 1]};
  }
  Vertex neighbor(Vertex v, Port p) const {
    return adjacency_[offsets_[v] + p];
  }

  const std::vector<EdgeIndex>& offsets() const { return offsets_; }
  const std::vector<Vertex>& adjacency() const { return adjacency_; }

  // For every directed edge e = (v, port p) the port of v at neighbor(v, p).
  // Built on first use (the per-port message path needs it), then cached.
  const std::vector<Port>& ReversePorts() const;
  // For every directed edge e = (v, port p) the index of the reverse edge
  // (u -> v) in the adjacency array: what the per-port message path reads.
  // Built on first use, then cached.
  const std::vector<EdgeIndex>& IncomingEdges() const;

  // Throws std::invalid_argument naming the first self-loop, repeated
  // neighbour or missing reverse edge.
  void Validate() const;

  // Bytes held by the CSR arrays (and the reverse ports, once built).
  std::size_t MemoryBytes() const;

  // The subgraph induced by `vertices` (which must be distinct). Vertex i of
  // the result is vertices[i]; each kept neighbour list keeps its original
  // relative order, so a vertex whose whole neighbourhood is kept keeps its
  // port numbering.
  Graph InducedSubgraph(std::span<const Vertex> vertices) const;

 private:
  void ComputeDegreeRange();

  std::vector<EdgeIndex> offsets_;
  std::vector<Vertex> adjacency_;
  Port max_degree_ = 0;
  Port min_degree_ = 0;
  mutable std::unique_ptr<std::once_flag> reverse_once_ =
      std::make_unique<std::once_flag>();
  mutable std::vector<Port> reverse_ports_;
  mutable std::unique_ptr<std::once_flag> incoming_once_ =
      std::make_unique<std::once_flag>();
  mutable std::vector<EdgeIndex> incoming_edges_;
};

}  // namespace fcsim

#endif  // FCSIM_SIM_GRAPH_H_
