// One rank's part of a graph split into contiguous vertex blocks.
//
// The global graph has vertices 0..n-1; rank r owns the block
// [blocks[r], blocks[r+1]), the blocks being balanced by edge count (each
// holds about 2m/P directed edges). A rank's LocalPart is a Graph over its
// local vertices: the owned ones first (local index = global - blocks[r], so
// in global order), then the ghosts (remote neighbours of owned vertices),
// sorted by global index. An owned vertex's row is its global row in the
// same port order, mapped to local indices; a ghost's row lists only its
// owned neighbours (ascending), so the local graph is symmetric and its
// IncomingEdges() give every owned vertex the slot where a ghost's per-port
// message to it lands. Ghosts never run a program; the halo exchange writes
// their visible messages.
//
// Since blocks are contiguous, the ghosts owned by one neighbour rank form a
// contiguous local range; the vertices a rank sends to a neighbour rank are
// listed in global order, which is the order the neighbour keeps them in.
#ifndef FCSIM_SIM_PARTITION_H_
#define FCSIM_SIM_PARTITION_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/graph.h"

namespace fcsim {

// Where a partitioned graph's rows come from (a generator evaluated per
// vertex, or a file read by rows): no rank needs the whole graph.
class RowSource {
 public:
  virtual ~RowSource() = default;
  virtual std::uint64_t num_vertices() const = 0;
  virtual Port Degree(Vertex v) const = 0;
  // v's neighbours (global indices) in port order, appended to *out.
  virtual void AppendRow(Vertex v, std::vector<Vertex>* out) const = 0;
  // Block boundaries for `parts` ranks balanced by edge count (size
  // parts+1). The default scans every degree once (in parallel); sources
  // with a stored prefix (CSR files) override it.
  virtual std::vector<Vertex> EdgeBalancedBlocks(int parts) const;
};

// A whole in-memory Graph as a row source (tests, small runs).
class GraphRowSource : public RowSource {
 public:
  explicit GraphRowSource(const Graph& g) : g_(g) {}
  std::uint64_t num_vertices() const override { return g_.num_vertices(); }
  Port Degree(Vertex v) const override { return g_.degree(v); }
  void AppendRow(Vertex v, std::vector<Vertex>* out) const override;
  std::vector<Vertex> EdgeBalancedBlocks(int parts) const override;

 private:
  const Graph& g_;
};

// Block boundaries from a prefix of degrees: blocks[k] is the smallest v
// with prefix(v) >= ceil(k * total / parts) (prefix(0) = 0, prefix(n) =
// total), so that every block holds about total/parts directed edges.
// Throws std::invalid_argument when parts > n.
std::vector<Vertex> BlocksFromPrefix(
    std::uint64_t n, std::uint64_t total, int parts,
    const std::function<std::uint64_t(Vertex)>& prefix);

struct LocalPart {
  Graph graph;  // owned vertices, then ghosts (see above)
  Vertex num_owned = 0;
  std::uint64_t global_n = 0;
  int rank = 0;
  int num_ranks = 1;
  std::vector<Vertex> blocks;        // size num_ranks + 1, global indices
  std::vector<Vertex> global;        // global index of every local vertex
  std::vector<int> neighbour_ranks;  // sorted
  // Per neighbour rank i: the owned local vertices it holds as ghosts, in
  // global order; and, for the per-port path, their local edge slots that
  // lead to that rank (grouped per vertex in the same order, each group in
  // the order of the neighbours' global indices), with group offsets.
  std::vector<std::vector<Vertex>> send_vertices;
  std::vector<std::vector<EdgeIndex>> send_edges;
  std::vector<std::vector<std::uint32_t>> send_edge_offsets;
  // Per neighbour rank i: its vertices held here as ghosts, local range
  // [recv_begin[i], recv_end[i]).
  std::vector<Vertex> recv_begin, recv_end;

  Vertex num_local() const { return graph.num_vertices(); }
  Vertex num_ghosts() const { return num_local() - num_owned; }
  // Rank owning global vertex v.
  int OwnerOf(Vertex v) const;
};

// Rank `rank` of `num_ranks`: reads only its own rows from `source`.
// Throws std::invalid_argument for num_ranks > n or a row naming a vertex
// outside 0..n-1.
LocalPart BuildLocalPart(const RowSource& source, int rank, int num_ranks);
LocalPart BuildLocalPart(const RowSource& source, int rank, int num_ranks,
                         std::vector<Vertex> blocks);

}  // namespace fcsim

#endif  // FCSIM_SIM_PARTITION_H_
