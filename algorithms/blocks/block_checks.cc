#include "algorithms/blocks/block_checks.h"

#include <limits>
#include <unordered_map>

namespace fcsim {

std::vector<std::uint32_t> SerialDistances(
    const Graph& graph, std::span<const std::uint8_t> sources,
    std::uint32_t limit) {
  const Vertex n = graph.num_vertices();
  std::vector<std::uint32_t> dist(n, kUnreached);
  std::vector<Vertex> frontier;
  for (Vertex v = 0; v < n; ++v) {
    if (sources[v]) {
      dist[v] = 0;
      frontier.push_back(v);
    }
  }
  std::vector<Vertex> next;
  for (std::uint32_t d = 1; !frontier.empty() && d <= limit; ++d) {
    next.clear();
    for (Vertex v : frontier) {
      for (Vertex u : graph.neighbors(v)) {
        if (dist[u] == kUnreached) {
          dist[u] = d;
          next.push_back(u);
        }
      }
    }
    frontier.swap(next);
    if (d == kUnreached - 1) break;
  }
  return dist;
}

std::string CheckProperColouring(const Graph& graph,
                                 std::span<const std::uint64_t> colours,
                                 std::uint64_t num_colours) {
  const Vertex n = graph.num_vertices();
  if (colours.size() != n) return "colouring has the wrong number of vertices";
  for (Vertex v = 0; v < n; ++v) {
    if (colours[v] >= num_colours) {
      return "vertex " + std::to_string(v) + " has colour " +
             std::to_string(colours[v]) + " outside [0, " +
             std::to_string(num_colours) + ")";
    }
    for (Vertex u : graph.neighbors(v)) {
      if (u > v && colours[u] == colours[v]) {
        return "edge {" + std::to_string(v) + ", " + std::to_string(u) +
               "} has both ends coloured " + std::to_string(colours[v]);
      }
    }
  }
  return "";
}

std::string CheckPowerColouring(const Graph& graph,
                                std::span<const std::uint64_t> colours,
                                std::uint64_t num_colours, std::uint32_t r) {
  if (r <= 1) return CheckProperColouring(graph, colours, num_colours);
  const Vertex n = graph.num_vertices();
  if (colours.size() != n) return "colouring has the wrong number of vertices";
  std::unordered_map<Vertex, std::uint32_t> seen;
  std::vector<Vertex> frontier, next;
  for (Vertex v = 0; v < n; ++v) {
    if (colours[v] >= num_colours) {
      return "vertex " + std::to_string(v) + " has colour " +
             std::to_string(colours[v]) + " outside [0, " +
             std::to_string(num_colours) + ")";
    }
    seen.clear();
    seen[v] = 0;
    frontier.assign(1, v);
    for (std::uint32_t d = 1; d <= r && !frontier.empty(); ++d) {
      next.clear();
      for (Vertex w : frontier) {
        for (Vertex u : graph.neighbors(w)) {
          if (!seen.emplace(u, d).second) continue;
          if (colours[u] == colours[v]) {
            return "vertices " + std::to_string(v) + " and " +
                   std::to_string(u) + " at distance " + std::to_string(d) +
                   " share colour " + std::to_string(colours[v]);
          }
          next.push_back(u);
        }
      }
      frontier.swap(next);
    }
  }
  return "";
}

std::string CheckRulingSet(const Graph& graph,
                           std::span<const std::uint8_t> members,
                           std::uint32_t alpha, std::uint32_t beta) {
  const Vertex n = graph.num_vertices();
  if (members.size() != n) return "ruling set has the wrong number of vertices";
  // Independence at distance alpha-1: a bounded BFS from each member.
  std::unordered_map<Vertex, std::uint32_t> seen;
  std::vector<Vertex> frontier, next;
  for (Vertex m = 0; m < n && alpha >= 2; ++m) {
    if (!members[m]) continue;
    seen.clear();
    seen[m] = 0;
    frontier.assign(1, m);
    for (std::uint32_t d = 1; d < alpha && !frontier.empty(); ++d) {
      next.clear();
      for (Vertex v : frontier) {
        for (Vertex u : graph.neighbors(v)) {
          if (!seen.emplace(u, d).second) continue;
          if (members[u]) {
            return "members " + std::to_string(m) + " and " +
                   std::to_string(u) + " are at distance " + std::to_string(d) +
                   " < " + std::to_string(alpha);
          }
          next.push_back(u);
        }
      }
      frontier.swap(next);
    }
  }
  const std::vector<std::uint32_t> dist = SerialDistances(graph, members, beta);
  for (Vertex v = 0; v < n; ++v) {
    if (dist[v] == kUnreached) {
      return "vertex " + std::to_string(v) + " is farther than " +
             std::to_string(beta) + " from every member";
    }
  }
  return "";
}

std::uint64_t PowerDegreeBound(std::uint64_t max_degree, std::uint32_t r) {
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max() / 4;
  std::uint64_t total = 0, layer = max_degree;
  for (std::uint32_t i = 1; i <= r; ++i) {
    total = std::min(kMax, total + layer);
    if (max_degree > 1 && layer > kMax / (max_degree - 1)) {
      layer = kMax;
    } else {
      layer = layer * (max_degree > 0 ? max_degree - 1 : 0);
    }
  }
  return total;
}

}  // namespace fcsim
