#include "sim/audit.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "sim/rng.h"

namespace fcsim {

std::string AuditReport::Summary() const {
  std::string s = "locality audit (radius " + std::to_string(radius) +
                  "): " + std::to_string(audited) + " audited, " +
                  std::to_string(mismatches.size()) + " differ";
  if (whole_graph > 0) {
    s += " (" + std::to_string(whole_graph) +
         " with the whole graph as ball: one re-run, renumbered)";
  }
  if (skipped > 0) {
    s += ", " + std::to_string(skipped) + " skipped (ball too large)";
  }
  if (!mismatches.empty()) {
    s += ", first at vertex " + std::to_string(mismatches.front());
  }
  return s;
}

std::vector<Vertex> Ball(const Graph& graph, Vertex center,
                         std::uint32_t radius, std::uint64_t limit) {
  std::vector<Vertex> order{center};
  std::unordered_map<Vertex, std::uint32_t> dist{{center, 0}};
  for (std::size_t head = 0; head < order.size(); ++head) {
    const Vertex v = order[head];
    const std::uint32_t d = dist[v];
    if (d == radius) continue;
    for (Vertex u : graph.neighbors(v)) {
      if (dist.emplace(u, d + 1).second) {
        order.push_back(u);
        if (order.size() > limit) return order;
      }
    }
  }
  return order;
}

std::vector<Vertex> WholeGraphBall(const Graph& graph, Vertex center,
                                   std::uint32_t radius) {
  const Vertex n = graph.num_vertices();
  std::vector<std::uint32_t> dist(n, UINT32_MAX);
  std::vector<Vertex> order;
  order.reserve(n);
  order.push_back(center);
  dist[center] = 0;
  for (std::size_t head = 0; head < order.size(); ++head) {
    const Vertex v = order[head];
    if (dist[v] >= radius) continue;
    for (Vertex u : graph.neighbors(v)) {
      if (dist[u] == UINT32_MAX) {
        dist[u] = dist[v] + 1;
        order.push_back(u);
      }
    }
  }
  if (order.size() != n) return {};
  return order;
}

std::vector<Vertex> AuditSample(Vertex n, const AuditOptions& options) {
  std::vector<Vertex> sample;
  if (options.samples >= n) {
    sample.resize(n);
    for (Vertex v = 0; v < n; ++v) sample[v] = v;
  } else {
    // Without replacement (Floyd's algorithm): exactly `samples` distinct
    // vertices, in O(samples) time and memory whatever n is.
    RandomStream rng(options.seed, 0xa0d17, 0, 0);
    std::unordered_set<Vertex> chosen;
    for (std::uint64_t j = n - options.samples; j < n; ++j) {
      const auto t = static_cast<Vertex>(rng.Below(j + 1));
      const Vertex pick = chosen.insert(t).second ? t : static_cast<Vertex>(j);
      if (pick != t) chosen.insert(pick);
      sample.push_back(pick);
    }
  }
  sample.insert(sample.end(), options.extra.begin(), options.extra.end());
  std::sort(sample.begin(), sample.end());
  sample.erase(std::unique(sample.begin(), sample.end()), sample.end());
  return sample;
}

}  // namespace fcsim
