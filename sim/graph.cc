#include "sim/graph.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace fcsim {

Graph::Graph(std::vector<EdgeIndex> offsets, std::vector<Vertex> adjacency)
    : offsets_(std::move(offsets)), adjacency_(std::move(adjacency)) {
  if (offsets_.empty()) offsets_.push_back(0);
  if (offsets_.size() - 1 >= kNoVertex) {
    throw std::invalid_argument("graph: too many vertices for 32-bit indices");
  }
  if (offsets_.front() != 0 || offsets_.back() != adjacency_.size()) {
    throw std::invalid_argument("graph: CSR offsets do not span the adjacency");
  }
  const Vertex n = num_vertices();
  std::atomic<bool> bad{false};
  tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
    for (Vertex v = r.begin(); v != r.end(); ++v) {
      if (offsets_[v + 1] < offsets_[v]) bad = true;
    }
  });
  if (bad) throw std::invalid_argument("graph: CSR offsets decrease");
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, adjacency_.size()),
                    [&](const auto& r) {
                      for (EdgeIndex e = r.begin(); e != r.end(); ++e) {
                        if (adjacency_[e] >= n) bad = true;
                      }
                    });
  if (bad) throw std::invalid_argument("graph: neighbour index out of range");
  ComputeDegreeRange();
}

void Graph::ComputeDegreeRange() {
  const Vertex n = num_vertices();
  if (n == 0) {
    max_degree_ = min_degree_ = 0;
    return;
  }
  using Range = std::pair<Port, Port>;
  Range r = tbb::parallel_reduce(
      tbb::blocked_range<Vertex>(0, n), Range{~Port{0}, 0},
      [&](const auto& br, Range acc) {
        for (Vertex v = br.begin(); v != br.end(); ++v) {
          acc.first = std::min(acc.first, degree(v));
          acc.second = std::max(acc.second, degree(v));
        }
        return acc;
      },
      [](Range a, Range b) {
        return Range{std::min(a.first, b.first), std::max(a.second, b.second)};
      });
  min_degree_ = r.first;
  max_degree_ = r.second;
}

Graph Graph::FromEdges(Vertex n,
                       std::span<const std::pair<Vertex, Vertex>> edges,
                       EdgeCleanup* cleanup) {
  std::vector<std::uint64_t> keys;
  keys.reserve(2 * edges.size());
  std::uint64_t loops = 0;
  for (const auto& [u, v] : edges) {
    if (u >= n || v >= n) {
      throw std::invalid_argument("graph: edge endpoint " +
                                  std::to_string(std::max(u, v)) +
                                  " out of range for n = " + std::to_string(n));
    }
    if (u == v) {
      ++loops;
      continue;
    }
    keys.push_back((std::uint64_t{u} << 32) | v);
    keys.push_back((std::uint64_t{v} << 32) | u);
  }
  tbb::parallel_sort(keys.begin(), keys.end());
  const std::size_t before = keys.size();
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (cleanup != nullptr) {
    cleanup->self_loops = loops;
    cleanup->duplicates = (before - keys.size()) / 2;
  }
  std::vector<EdgeIndex> offsets(std::size_t{n} + 1, 0);
  std::vector<Vertex> adjacency(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    ++offsets[(keys[i] >> 32) + 1];
    adjacency[i] = static_cast<Vertex>(keys[i] & 0xffffffffu);
  }
  for (Vertex v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  return Graph(std::move(offsets), std::move(adjacency));
}

const std::vector<Port>& Graph::ReversePorts() const {
  std::call_once(*reverse_once_, [this] {
    std::vector<Port> rev(adjacency_.size());
    tbb::parallel_for(
        tbb::blocked_range<Vertex>(0, num_vertices()), [&](const auto& r) {
          for (Vertex v = r.begin(); v != r.end(); ++v) {
            for (Port p = 0; p < degree(v); ++p) {
              const Vertex u = neighbor(v, p);
              auto nu = neighbors(u);
              // Sorted lists (the common case) allow a binary search.
              auto it = std::lower_bound(nu.begin(), nu.end(), v);
              if (it == nu.end() || *it != v) {
                it = std::find(nu.begin(), nu.end(), v);
              }
              rev[offsets_[v] + p] = it == nu.end()
                                         ? ~Port{0}
                                         : static_cast<Port>(it - nu.begin());
            }
          }
        });
    reverse_ports_ = std::move(rev);
  });
  return reverse_ports_;
}

const std::vector<EdgeIndex>& Graph::IncomingEdges() const {
  std::call_once(*incoming_once_, [this] {
    const std::vector<Port>& rev = ReversePorts();
    std::vector<EdgeIndex> incoming(adjacency_.size());
    tbb::parallel_for(
        tbb::blocked_range<Vertex>(0, num_vertices()), [&](const auto& r) {
          for (Vertex v = r.begin(); v != r.end(); ++v) {
            for (EdgeIndex e = offsets_[v]; e != offsets_[v + 1]; ++e) {
              incoming[e] = offsets_[adjacency_[e]] + rev[e];
            }
          }
        });
    incoming_edges_ = std::move(incoming);
  });
  return incoming_edges_;
}

void Graph::Validate() const {
  const Vertex n = num_vertices();
  const auto& rev = ReversePorts();
  for (Vertex v = 0; v < n; ++v) {
    auto nv = neighbors(v);
    for (Port p = 0; p < nv.size(); ++p) {
      if (nv[p] == v) {
        throw std::invalid_argument("graph: self-loop at vertex " +
                                    std::to_string(v));
      }
      if (rev[offsets_[v] + p] == ~Port{0}) {
        throw std::invalid_argument("graph: edge " + std::to_string(v) + "->" +
                                    std::to_string(nv[p]) +
                                    " has no reverse edge");
      }
    }
    std::vector<Vertex> sorted(nv.begin(), nv.end());
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
      throw std::invalid_argument("graph: repeated neighbour at vertex " +
                                  std::to_string(v));
    }
  }
}

std::size_t Graph::MemoryBytes() const {
  return offsets_.capacity() * sizeof(EdgeIndex) +
         adjacency_.capacity() * sizeof(Vertex) +
         reverse_ports_.capacity() * sizeof(Port) +
         incoming_edges_.capacity() * sizeof(EdgeIndex);
}

Graph Graph::InducedSubgraph(std::span<const Vertex> vertices) const {
  // A hash map keeps small subgraphs (audit balls) cheap on huge graphs.
  std::unordered_map<Vertex, Vertex> local;
  local.reserve(vertices.size() * 2);
  for (Vertex i = 0; i < vertices.size(); ++i) {
    if (!local.emplace(vertices[i], i).second) {
      throw std::invalid_argument("graph: repeated vertex in induced subgraph");
    }
  }
  std::vector<EdgeIndex> offsets(vertices.size() + 1, 0);
  std::vector<Vertex> adjacency;
  for (Vertex i = 0; i < vertices.size(); ++i) {
    for (Vertex u : neighbors(vertices[i])) {
      auto it = local.find(u);
      if (it != local.end()) adjacency.push_back(it->second);
    }
    offsets[i + 1] = adjacency.size();
  }
  return Graph(std::move(offsets), std::move(adjacency));
}

}  // namespace fcsim
