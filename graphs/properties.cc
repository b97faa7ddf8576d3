#include "graphs/properties.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <atomic>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/boyer_myrvold_planar_test.hpp>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace fcsim {
namespace {

constexpr std::uint64_t kNoCycle = ~std::uint64_t{0};

void AtomicMin(std::atomic<std::uint64_t>& target, std::uint64_t value) {
  std::uint64_t current = target.load(std::memory_order_relaxed);
  while (value < current && !target.compare_exchange_weak(
                                current, value, std::memory_order_relaxed)) {
  }
}

// Marks the 2-core (vertices that survive repeated removal of degree <= 1
// vertices) and returns every vertex's degree inside it. Only 2-core vertices
// lie on cycles.
std::vector<Port> TwoCoreDegrees(const Graph& g) {
  const Vertex n = g.num_vertices();
  std::vector<Port> degree(n);
  std::vector<Vertex> queue;
  for (Vertex v = 0; v < n; ++v) {
    degree[v] = g.degree(v);
    if (degree[v] <= 1) queue.push_back(v);
  }
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const Vertex v = queue[i];
    if (degree[v] == 0) continue;
    degree[v] = 0;
    for (Vertex u : g.neighbors(v)) {
      if (degree[u] > 0 && --degree[u] == 1) queue.push_back(u);
    }
  }
  // A vertex removed with degree 1 was set to 0 above; one removed with
  // degree 0 from the start stays 0.
  return degree;
}

// Shortest cycle of the components of the 2-core in which every vertex has
// core degree 2 (these are plain cycles that no degree->=3 BFS would see).
// Each maximal chain of core-degree-2 vertices is walked once.
std::uint64_t ShortestCycleComponent(const Graph& g,
                                     const std::vector<Port>& core) {
  const Vertex n = g.num_vertices();
  std::vector<char> seen(n, 0);
  std::uint64_t best = kNoCycle;
  // Walks from `start` through `first` along core-degree-2 vertices, marking
  // them; returns the number of vertices marked, or kNoCycle when the walk
  // came back to `start`.
  auto walk = [&](Vertex start, Vertex first, std::uint64_t* marked) {
    Vertex prev = start;
    Vertex cur = first;
    *marked = 0;
    while (core[cur] == 2) {
      if (cur == start) return true;
      seen[cur] = 1;
      ++*marked;
      Vertex next = kNoVertex;
      for (Vertex u : g.neighbors(cur)) {
        if (core[u] > 0 && u != prev) {
          next = u;
          break;
        }
      }
      if (next == kNoVertex) break;
      prev = cur;
      cur = next;
    }
    return false;
  };
  for (Vertex v = 0; v < n; ++v) {
    if (core[v] != 2 || seen[v]) continue;
    seen[v] = 1;
    Vertex ends[2] = {kNoVertex, kNoVertex};
    int k = 0;
    for (Vertex u : g.neighbors(v)) {
      if (core[u] > 0 && k < 2) ends[k++] = u;
    }
    std::uint64_t marked = 0;
    if (walk(v, ends[0], &marked)) {
      best = std::min(best, marked + 1);
    } else if (ends[1] != kNoVertex) {
      walk(v, ends[1], &marked);
    }
  }
  return best;
}

// Per-thread BFS scratch with timestamps, so a BFS touching few vertices
// costs only what it touches.
struct BfsScratch {
  explicit BfsScratch(Vertex n) : stamp(n, 0), dist(n, 0) {}
  std::vector<std::uint32_t> stamp;
  std::vector<std::uint32_t> dist;
  std::uint32_t current = 0;
  struct Entry {
    Vertex v;
    Vertex parent;
  };
  std::vector<Entry> queue;
  void Reset() {
    if (++current == 0) {
      std::fill(stamp.begin(), stamp.end(), 0);
      current = 1;
    }
    queue.clear();
  }
};

// Shortest closed walk through a non-tree edge seen by a BFS from `root`,
// cut off when it cannot beat `best`.
void GirthBfs(const Graph& g, const std::vector<Port>& core, Vertex root,
              std::atomic<std::uint64_t>& best, BfsScratch& s) {
  s.Reset();
  s.stamp[root] = s.current;
  s.dist[root] = 0;
  s.queue.push_back({root, kNoVertex});
  std::uint64_t local = best.load(std::memory_order_relaxed);
  for (std::size_t i = 0; i < s.queue.size(); ++i) {
    const auto [w, parent] = s.queue[i];
    const std::uint64_t dw = s.dist[w];
    // Any cycle closed from depth dw on has length >= 2*dw + 1.
    if (2 * dw + 1 >= local) break;
    for (Vertex t : g.neighbors(w)) {
      if (t == parent || core[t] == 0) continue;
      if (s.stamp[t] == s.current) {
        local = std::min(local, dw + s.dist[t] + 1);
      } else if (2 * dw + 2 < local) {
        // Only a vertex at depth dw+1 could close an even cycle of length
        // 2*dw+2, which must beat `local` to matter.
        s.stamp[t] = s.current;
        s.dist[t] = static_cast<std::uint32_t>(dw + 1);
        s.queue.push_back({t, w});
      }
    }
  }
  AtomicMin(best, local);
}

bool SortedLists(const Graph& g) {
  return tbb::parallel_reduce(
      tbb::blocked_range<Vertex>(0, g.num_vertices()), true,
      [&](const auto& r, bool ok) {
        for (Vertex v = r.begin(); ok && v != r.end(); ++v) {
          auto nv = g.neighbors(v);
          ok = std::is_sorted(nv.begin(), nv.end());
        }
        return ok;
      },
      [](bool a, bool b) { return a && b; });
}

bool Adjacent(const Graph& g, bool sorted, Vertex u, Vertex v) {
  if (g.degree(u) > g.degree(v)) std::swap(u, v);
  auto nu = g.neighbors(u);
  if (sorted) return std::binary_search(nu.begin(), nu.end(), v);
  return std::find(nu.begin(), nu.end(), v) != nu.end();
}

// Can `clique` (its size only) be extended by `size - have` vertices from
// `candidates`, all pairwise adjacent?
bool ExtendClique(const Graph& g, bool sorted, int have, int size,
                  const std::vector<Vertex>& candidates) {
  if (have >= size) return true;
  if (have + static_cast<int>(candidates.size()) < size) return false;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (have + static_cast<int>(candidates.size() - i) < size) return false;
    const Vertex c = candidates[i];
    std::vector<Vertex> next;
    for (std::size_t j = i + 1; j < candidates.size(); ++j) {
      if (Adjacent(g, sorted, c, candidates[j])) next.push_back(candidates[j]);
    }
    if (ExtendClique(g, sorted, have + 1, size, next)) return true;
  }
  return false;
}

}  // namespace

std::uint64_t Girth(const Graph& graph) {
  const Vertex n = graph.num_vertices();
  const std::vector<Port> core = TwoCoreDegrees(graph);
  std::atomic<std::uint64_t> best{ShortestCycleComponent(graph, core)};
  tbb::enumerable_thread_specific<BfsScratch> scratch(
      [&] { return BfsScratch(n); });
  tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
    BfsScratch* s = nullptr;
    for (Vertex v = r.begin(); v != r.end(); ++v) {
      // 3 is the least possible girth of a simple graph: nothing to improve.
      if (core[v] < 3 || best.load(std::memory_order_relaxed) <= 3) continue;
      if (s == nullptr) s = &scratch.local();
      GirthBfs(graph, core, v, best, *s);
    }
  });
  const std::uint64_t g = best.load();
  return g == kNoCycle ? 0 : g;
}

bool IsBipartite(const Graph& graph) {
  const Vertex n = graph.num_vertices();
  std::vector<std::int8_t> side(n, -1);
  std::vector<Vertex> queue;
  for (Vertex s = 0; s < n; ++s) {
    if (side[s] >= 0) continue;
    side[s] = 0;
    queue.assign(1, s);
    for (std::size_t i = 0; i < queue.size(); ++i) {
      const Vertex v = queue[i];
      for (Vertex u : graph.neighbors(v)) {
        if (side[u] < 0) {
          side[u] = static_cast<std::int8_t>(1 - side[v]);
          queue.push_back(u);
        } else if (side[u] == side[v]) {
          return false;
        }
      }
    }
  }
  return true;
}

std::vector<Vertex> ConnectedComponents(const Graph& graph) {
  const Vertex n = graph.num_vertices();
  std::vector<Vertex> parent(n);
  tbb::parallel_for(Vertex{0}, n, [&](Vertex v) { parent[v] = v; });
  // Concurrent union-find that always hangs the larger root under the
  // smaller one, so every root is its component's smallest vertex whatever
  // the interleaving: the labels do not depend on the thread count.
  auto find = [&](Vertex v) {
    for (;;) {
      std::atomic_ref<Vertex> ref(parent[v]);
      Vertex p = ref.load(std::memory_order_relaxed);
      if (p == v) return v;
      const Vertex gp =
          std::atomic_ref<Vertex>(parent[p]).load(std::memory_order_relaxed);
      if (gp != p) ref.compare_exchange_weak(p, gp, std::memory_order_relaxed);
      v = gp;
    }
  };
  tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
    for (Vertex v = r.begin(); v != r.end(); ++v) {
      for (Vertex u : graph.neighbors(v)) {
        if (u < v) continue;
        Vertex a = v, b = u;
        for (;;) {
          a = find(a);
          b = find(b);
          if (a == b) break;
          if (a < b) std::swap(a, b);
          Vertex expected = a;
          if (std::atomic_ref<Vertex>(parent[a]).compare_exchange_strong(
                  expected, b, std::memory_order_acq_rel)) {
            break;
          }
        }
      }
    }
  });
  std::vector<Vertex> labels(n);
  tbb::parallel_for(Vertex{0}, n, [&](Vertex v) { labels[v] = find(v); });
  return labels;
}

std::uint64_t CountComponents(const std::vector<Vertex>& labels) {
  std::uint64_t count = 0;
  for (Vertex v = 0; v < labels.size(); ++v) count += labels[v] == v;
  return count;
}

bool HasClique(const Graph& graph, int size) {
  const Vertex n = graph.num_vertices();
  if (size <= 0) return true;
  if (size == 1) return n > 0;
  if (size == 2) return graph.num_edges() > 0;
  const Port delta = graph.max_degree();
  if (static_cast<std::uint64_t>(size) > std::uint64_t{delta} + 1) return false;
  const bool sorted = SortedLists(graph);
  std::atomic<bool> found{false};
  if (static_cast<std::uint64_t>(size) == std::uint64_t{delta} + 1) {
    // A K_{Δ+1} is exactly the closed neighbourhood of any of its vertices.
    tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
      for (Vertex v = r.begin(); v != r.end() && !found; ++v) {
        if (graph.degree(v) != delta) continue;
        auto nv = graph.neighbors(v);
        bool clique = true;
        for (std::size_t i = 0; clique && i < nv.size(); ++i) {
          for (std::size_t j = i + 1; clique && j < nv.size(); ++j) {
            clique = Adjacent(graph, sorted, nv[i], nv[j]);
          }
        }
        if (clique) found = true;
      }
    });
    return found;
  }
  tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
    for (Vertex v = r.begin(); v != r.end() && !found; ++v) {
      if (graph.degree(v) + 1 < static_cast<std::uint64_t>(size)) continue;
      std::vector<Vertex> candidates;
      for (Vertex u : graph.neighbors(v)) {
        if (u > v && graph.degree(u) + 1 >= static_cast<std::uint64_t>(size)) {
          candidates.push_back(u);
        }
      }
      if (ExtendClique(graph, sorted, 1, size, candidates)) found = true;
    }
  });
  return found;
}

bool IsPlanar(const Graph& graph) {
  const std::uint64_t n = graph.num_vertices();
  const std::uint64_t m = graph.num_edges();
  // Euler: a simple planar graph on n >= 3 vertices has at most 3n - 6 edges.
  if (n >= 3 && m > 3 * n - 6) return false;
  using BoostGraph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  BoostGraph bg(n);
  for (Vertex v = 0; v < n; ++v) {
    for (Vertex u : graph.neighbors(v)) {
      if (v < u) boost::add_edge(v, u, bg);
    }
  }
  return boost::boyer_myrvold_planarity_test(bg);
}

std::vector<std::uint64_t> DegreeHistogram(const Graph& graph) {
  std::vector<std::uint64_t> histogram(
      graph.num_vertices() == 0 ? 0 : std::size_t{graph.max_degree()} + 1, 0);
  for (Vertex v = 0; v < graph.num_vertices(); ++v)
    ++histogram[graph.degree(v)];
  return histogram;
}

GraphProperties ComputeProperties(const Graph& graph,
                                  const PropertyOptions& options) {
  GraphProperties p;
  p.n = graph.num_vertices();
  p.m = graph.num_edges();
  p.max_degree = graph.max_degree();
  p.min_degree = graph.min_degree();
  p.degree_histogram = DegreeHistogram(graph);
  p.components = CountComponents(ConnectedComponents(graph));
  p.bipartite = IsBipartite(graph);
  if (options.compute_girth) {
    p.girth = Girth(graph);
    p.girth_computed = true;
  }
  p.has_clique_of_size_max_degree_plus_1 =
      p.n > 0 && HasClique(graph, static_cast<int>(p.max_degree) + 1);
  if (p.m <= options.max_planarity_edges) p.planar = IsPlanar(graph);
  return p;
}

std::string FormatProperties(const GraphProperties& p) {
  std::ostringstream out;
  out << "vertices: " << p.n << "\n";
  out << "edges: " << p.m << "\n";
  out << "max degree: " << p.max_degree << "\n";
  out << "min degree: " << p.min_degree << "\n";
  out << "degree histogram:";
  constexpr int kMaxEntries = 32;
  int shown = 0;
  std::uint64_t hidden = 0;
  for (std::size_t d = 0; d < p.degree_histogram.size(); ++d) {
    if (p.degree_histogram[d] == 0) continue;
    if (shown < kMaxEntries) {
      out << " " << d << ":" << p.degree_histogram[d];
      ++shown;
    } else {
      ++hidden;
    }
  }
  if (hidden > 0) out << " ... (" << hidden << " more degrees)";
  out << "\n";
  out << "components: " << p.components << "\n";
  out << "bipartite: " << (p.bipartite ? "yes" : "no") << "\n";
  out << "girth: ";
  if (!p.girth_computed) {
    out << "not computed";
  } else if (p.girth == 0) {
    out << "infinite (acyclic)";
  } else {
    out << p.girth;
  }
  out << "\n";
  out << "contains K_{max degree + 1}: "
      << (p.has_clique_of_size_max_degree_plus_1 ? "yes" : "no") << "\n";
  out << "planar: ";
  if (p.planar.has_value()) {
    out << (*p.planar ? "yes" : "no");
  } else {
    out << "not computed (too many edges)";
  }
  out << "\n";
  return out.str();
}

}  // namespace fcsim
