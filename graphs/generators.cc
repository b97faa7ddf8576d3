// Graph generators (see generators.h and docs/graphs.md).
//
// Determinism: every random draw comes from a counter-based RandomStream keyed
// by (seed, generator tag, block or vertex index), never from a thread-local
// engine, and every parallel loop writes only slots it owns. So the CSR arrays
// are identical for any thread count. Generators whose random process is
// inherently sequential (switchings, triangulation growth) run serially; they
// are O(n) or O(n log n) and fast enough at 10^7 vertices.
#include "graphs/generators.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_scan.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "graphs/row_sources.h"
#include "sim/rng.h"

namespace fcsim {
namespace {

using Edge = std::pair<Vertex, Vertex>;

// Distinct stream tags so that two generators given the same seed differ.
enum Tag : std::uint32_t {
  kTagTree = 1,
  kTagRegularShuffle,
  kTagRegularSwitch,
  kTagGnp,
  kTagGnm,
  kTagCap,
  kTagGeometric,
  kTagPlanar,
  kTagOuterplanar,
  kTagKTree,
  kTagSpanning,
};

[[noreturn]] void Fail(const std::string& what) {
  throw std::invalid_argument(what);
}

// Largest vertex count a Graph can hold (indices are 32-bit, kNoVertex is
// reserved).
constexpr std::uint64_t kMaxVertices = kNoVertex - 1;

Vertex CheckedVertexCount(std::uint64_t n, const char* family) {
  if (n > kMaxVertices) {
    Fail(std::string(family) + ": " + std::to_string(n) +
         " vertices exceed the 32-bit vertex index range");
  }
  return static_cast<Vertex>(n);
}

// Builds a CSR graph in parallel from a degree function and a fill function
// that writes exactly degree(v) neighbours of v; lists are then sorted so that
// every generator yields the canonical (sorted) port order.
template <class DegreeFn, class FillFn>
Graph BuildCsr(Vertex n, DegreeFn degree, FillFn fill) {
  std::vector<EdgeIndex> offsets(std::size_t{n} + 1, 0);
  tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
    for (Vertex v = r.begin(); v != r.end(); ++v) offsets[v + 1] = degree(v);
  });
  tbb::parallel_scan(
      tbb::blocked_range<std::size_t>(1, offsets.size()), EdgeIndex{0},
      [&](const auto& r, EdgeIndex sum, bool final_pass) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          sum += offsets[i];
          if (final_pass) offsets[i] = sum;
        }
        return sum;
      },
      [](EdgeIndex a, EdgeIndex b) { return a + b; });
  std::vector<Vertex> adjacency(offsets.back());
  tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
    for (Vertex v = r.begin(); v != r.end(); ++v) {
      Vertex* out = adjacency.data() + offsets[v];
      fill(v, out);
      std::sort(out, adjacency.data() + offsets[v + 1]);
    }
  });
  return Graph(std::move(offsets), std::move(adjacency));
}

// Union-find for the (serial) spanning-tree step of the random sparsifiers.
class DisjointSets {
 public:
  explicit DisjointSets(Vertex n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), Vertex{0});
  }
  Vertex Find(Vertex v) {
    while (parent_[v] != v) {
      parent_[v] = parent_[parent_[v]];
      v = parent_[v];
    }
    return v;
  }
  bool Union(Vertex a, Vertex b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return false;
    if (a < b) std::swap(a, b);
    parent_[a] = b;
    return true;
  }

 private:
  std::vector<Vertex> parent_;
};

// Keeps a random spanning forest (Kruskal over a random edge order) and each
// other edge with probability 1 - delete_fraction, so connectivity is kept.
std::vector<Edge> SparsifyKeepingConnected(Vertex n, std::vector<Edge> edges,
                                           double delete_fraction,
                                           std::uint64_t seed) {
  if (!(delete_fraction >= 0.0 && delete_fraction <= 1.0)) {
    Fail("delete_fraction must lie in [0, 1], got " +
         std::to_string(delete_fraction));
  }
  if (delete_fraction == 0.0) return edges;
  RandomStream rng(seed, 0, kTagSpanning, 0);
  for (std::size_t i = edges.size(); i > 1; --i) {
    std::swap(edges[i - 1], edges[rng.Below(i)]);
  }
  DisjointSets sets(n);
  std::vector<Edge> kept;
  kept.reserve(edges.size());
  for (const Edge& e : edges) {
    // Draw for every edge so the choice of one edge does not shift others.
    const bool drop = rng.Bernoulli(delete_fraction);
    if (sets.Union(e.first, e.second) || !drop) kept.push_back(e);
  }
  return kept;
}

// Drops, in a seeded random order, every edge that would push an endpoint
// above max_degree. The order is random so that no vertex range is favoured.
std::vector<Edge> ApplyDegreeCap(Vertex n, std::vector<Edge> edges,
                                 int max_degree, std::uint64_t seed) {
  if (max_degree <= 0) return edges;
  std::vector<std::pair<std::uint64_t, Edge>> keyed(edges.size());
  tbb::parallel_for(std::size_t{0}, edges.size(), [&](std::size_t i) {
    const Edge e = edges[i];
    const std::uint64_t code = (std::uint64_t{e.first} << 32) | e.second;
    keyed[i] = {HashWords(HashWords(seed, kTagCap), code), e};
  });
  tbb::parallel_sort(keyed.begin(), keyed.end());
  std::vector<Port> degree(n, 0);
  std::vector<Edge> kept;
  for (const auto& [key, e] : keyed) {
    if (degree[e.first] < static_cast<Port>(max_degree) &&
        degree[e.second] < static_cast<Port>(max_degree)) {
      ++degree[e.first];
      ++degree[e.second];
      kept.push_back(e);
    }
  }
  return kept;
}

// ---------------------------------------------------------------------------
// Random regular graphs: configuration model, then switchings.
//
// Slot s (0 <= s < n*d) is the (s mod d)-th half-edge of vertex s / d, and
// mate_[s] is the slot it is paired with. A short cycle (length < girth; a
// loop has length 1, a double edge length 2) is destroyed by switching one
// of its edges {a, b} with a random edge {c, e} into {a, c}, {b, e}; the
// switch is kept only when neither new edge closes a cycle shorter than the
// girth, so the number of short cycles strictly decreases.
class RegularPairing {
 public:
  RegularPairing(Vertex n, int d, int girth, std::uint64_t seed)
      : n_(n), d_(static_cast<std::uint64_t>(d)), limit_(girth - 1) {
    const std::uint64_t slots = std::uint64_t{n} * d_;
    std::vector<std::uint64_t> order(slots);
    std::iota(order.begin(), order.end(), std::uint64_t{0});
    RandomStream rng(seed, 0, kTagRegularShuffle, 0);
    for (std::uint64_t i = slots; i > 1; --i) {
      std::swap(order[i - 1], order[rng.Below(i)]);
    }
    mate_.resize(slots);
    tbb::parallel_for(std::uint64_t{0}, slots / 2, [&](std::uint64_t k) {
      mate_[order[2 * k]] = order[2 * k + 1];
      mate_[order[2 * k + 1]] = order[2 * k];
    });
  }

  // Removes every cycle shorter than the girth; throws when the switchings
  // keep failing (parameters too close to the Moore bound).
  void Repair(std::uint64_t seed) {
    std::vector<char> bad(n_, 0);
    tbb::enumerable_thread_specific<Scratch> scratch(
        [&] { return Scratch(n_); });
    tbb::parallel_for(tbb::blocked_range<Vertex>(0, n_), [&](const auto& r) {
      Scratch& s = scratch.local();
      for (Vertex v = r.begin(); v != r.end(); ++v) {
        bad[v] = ShortCycleEdge(v, s) != kNoSlot;
      }
    });
    Scratch& s = scratch.local();
    RandomStream rng(seed, 0, kTagRegularSwitch, 0);
    const std::uint64_t slots = mate_.size();
    // Switches never create short cycles, so one pass over the initially bad
    // vertices suffices.
    for (Vertex v = 0; v < n_; ++v) {
      if (!bad[v]) continue;
      for (std::uint64_t a = ShortCycleEdge(v, s); a != kNoSlot;
           a = ShortCycleEdge(v, s)) {
        bool done = false;
        for (int attempt = 0; attempt < kMaxAttempts && !done; ++attempt) {
          const std::uint64_t b = mate_[a];
          std::uint64_t c = rng.Below(slots);
          if (c == a || c == b) continue;
          std::uint64_t e = mate_[c];
          if (e == a || e == b) continue;
          if (rng.Next() & 1) std::swap(c, e);
          Pair(a, c);
          Pair(b, e);
          if (!ClosesShortCycle(a, s) && !ClosesShortCycle(b, s)) {
            done = true;
          } else {
            Pair(a, b);
            Pair(c, e);
          }
        }
        if (!done) {
          Fail("regular: could not reach girth " + std::to_string(limit_ + 1) +
               " with n = " + std::to_string(n_) + ", d = " +
               std::to_string(d_) + " (too few vertices for this girth?)");
        }
      }
    }
  }

  Graph ToGraph() const {
    return BuildCsr(
        n_, [&](Vertex) { return d_; },
        [&](Vertex v, Vertex* out) {
          for (std::uint64_t i = 0; i < d_; ++i) {
            out[i] = Owner(mate_[v * d_ + i]);
          }
        });
  }

 private:
  static constexpr std::uint64_t kNoSlot = ~std::uint64_t{0};
  static constexpr int kMaxAttempts = 100000;

  // Per-thread BFS marks: stamp_[v] == stamp means visited in this search.
  struct Scratch {
    explicit Scratch(Vertex n) : stamp(n, 0), depth(n, 0) {}
    std::vector<std::uint32_t> stamp;
    std::vector<std::uint8_t> depth;
    std::uint32_t current = 0;
    struct Entry {
      Vertex v;
      std::uint64_t arrival;  // slot of v through which it was reached
    };
    std::vector<Entry> queue;
    void Reset() {
      if (++current == 0) {
        std::fill(stamp.begin(), stamp.end(), 0);
        current = 1;
      }
      queue.clear();
    }
    bool Seen(Vertex v) const { return stamp[v] == current; }
    void Visit(Vertex v, int d, std::uint64_t arrival) {
      stamp[v] = current;
      depth[v] = static_cast<std::uint8_t>(d);
      queue.push_back({v, arrival});
    }
  };

  Vertex Owner(std::uint64_t slot) const {
    return static_cast<Vertex>(slot / d_);
  }
  void Pair(std::uint64_t a, std::uint64_t b) {
    mate_[a] = b;
    mate_[b] = a;
  }

  // A slot on a cycle of length <= limit_ found by a BFS from v of depth
  // floor(limit_/2), or kNoSlot. Every such cycle through v lies in that ball
  // and cannot consist of BFS-tree edges only, so none is missed.
  std::uint64_t ShortCycleEdge(Vertex v, Scratch& s) const {
    const int radius = limit_ / 2;
    s.Reset();
    s.Visit(v, 0, kNoSlot);
    for (std::size_t i = 0; i < s.queue.size(); ++i) {
      const auto [w, arrival] = s.queue[i];
      const int dw = s.depth[w];
      if (2 * dw + 1 > limit_) break;
      for (std::uint64_t slot = w * d_; slot < (w + 1) * d_; ++slot) {
        if (slot == arrival) continue;
        const Vertex t = Owner(mate_[slot]);
        if (s.Seen(t)) {
          if (dw + s.depth[t] + 1 <= limit_) return slot;
        } else if (dw + 1 <= radius) {
          s.Visit(t, dw + 1, mate_[slot]);
        }
      }
    }
    return kNoSlot;
  }

  // Whether the edge at slot a lies on a cycle of length <= limit_, i.e. its
  // endpoints are within limit_-1 of each other without that edge.
  bool ClosesShortCycle(std::uint64_t a, Scratch& s) const {
    const Vertex from = Owner(a);
    const Vertex to = Owner(mate_[a]);
    if (from == to) return true;
    s.Reset();
    s.Visit(from, 0, kNoSlot);
    for (std::size_t i = 0; i < s.queue.size(); ++i) {
      const Vertex w = s.queue[i].v;
      const int dw = s.depth[w];
      if (dw + 1 > limit_ - 1) break;
      for (std::uint64_t slot = w * d_; slot < (w + 1) * d_; ++slot) {
        if (slot == a || slot == mate_[a]) continue;
        const Vertex t = Owner(mate_[slot]);
        if (t == to) return true;
        if (!s.Seen(t)) s.Visit(t, dw + 1, mate_[slot]);
      }
    }
    return false;
  }

  Vertex n_;
  std::uint64_t d_;
  int limit_;  // longest forbidden cycle length (girth - 1)
  std::vector<std::uint64_t> mate_;
};

// Fewest vertices of a d-regular graph of girth g (the Moore bound).
double MooreBound(int d, int g) {
  double sum = 0;
  double power = 1;
  const int h = (g - 1) / 2;
  for (int i = 0; i < h; ++i) {
    sum += power;
    power *= d - 1;
  }
  // Odd g = 2h+1: 1 + d * sum_{i<h} (d-1)^i; even g = 2h+2: 2 sum_{i<=h}.
  return g % 2 == 1 ? 1 + d * sum : 2 * (sum + power);
}

// The k-subsets of {0..n-1} as bit masks, in lexicographic order of their
// sorted element lists.
std::vector<std::uint64_t> LexSubsets(int n, int k) {
  std::vector<std::uint64_t> out;
  std::vector<int> c(k);
  std::iota(c.begin(), c.end(), 0);
  for (;;) {
    std::uint64_t mask = 0;
    for (int x : c) mask |= std::uint64_t{1} << x;
    out.push_back(mask);
    int i = k - 1;
    while (i >= 0 && c[i] == n - k + i) --i;
    if (i < 0) break;
    ++c[i];
    for (int j = i + 1; j < k; ++j) c[j] = c[j - 1] + 1;
  }
  return out;
}

double Binomial(int n, int k) {
  double r = 1;
  for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
  return r;
}

}  // namespace

// ---------------------------------------------------------------------------
// Elementary families.

Graph Path(Vertex n) {
  return BuildCsr(
      n, [&](Vertex v) { return (v > 0) + (v + 1 < n); },
      [&](Vertex v, Vertex* out) {
        if (v > 0) *out++ = v - 1;
        if (v + 1 < n) *out = v + 1;
      });
}

Graph Cycle(Vertex n) {
  if (n < 3) Fail("cycle: n must be >= 3, got " + std::to_string(n));
  return BuildCsr(
      n, [](Vertex) { return 2; },
      [&](Vertex v, Vertex* out) {
        out[0] = v == 0 ? n - 1 : v - 1;
        out[1] = v + 1 == n ? 0 : v + 1;
      });
}

Graph Complete(Vertex n) {
  if (n > 200000) Fail("complete: n = " + std::to_string(n) + " is too large");
  return BuildCsr(
      n, [&](Vertex) { return n - 1; },
      [&](Vertex v, Vertex* out) {
        for (Vertex u = 0; u < n; ++u) {
          if (u != v) *out++ = u;
        }
      });
}

Graph CompleteBipartite(Vertex a, Vertex b) {
  const Vertex n =
      CheckedVertexCount(std::uint64_t{a} + b, "completebipartite");
  if (double(a) * b > 2e10) Fail("completebipartite: too many edges");
  return BuildCsr(
      n, [&](Vertex v) { return v < a ? b : a; },
      [&](Vertex v, Vertex* out) {
        const Vertex first = v < a ? a : 0;
        const Vertex count = v < a ? b : a;
        for (Vertex i = 0; i < count; ++i) out[i] = first + i;
      });
}

Graph Star(Vertex leaves) {
  const Vertex n = CheckedVertexCount(std::uint64_t{leaves} + 1, "star");
  return BuildCsr(
      n, [&](Vertex v) { return v == 0 ? leaves : 1; },
      [&](Vertex v, Vertex* out) {
        if (v != 0) {
          *out = 0;
          return;
        }
        for (Vertex i = 1; i < n; ++i) out[i - 1] = i;
      });
}

Graph Grid(const std::vector<Vertex>& sides, bool torus) {
  if (sides.empty()) Fail("grid: at least one side length is needed");
  std::uint64_t total = 1;
  for (Vertex side : sides) {
    if (side == 0) Fail("grid: side lengths must be >= 1");
    if (torus && side < 3) {
      Fail("torus: side lengths must be >= 3 (got " + std::to_string(side) +
           "), shorter sides would repeat edges");
    }
    total *= side;
    if (total > kMaxVertices) CheckedVertexCount(total, "grid");
  }
  const Vertex n = static_cast<Vertex>(total);
  // The rows are those a distributed run generates per rank.
  const GridRowSource rows(sides, torus);
  return BuildCsr(
      n, [&](Vertex v) { return rows.Degree(v); },
      [&](Vertex v, Vertex* out) { rows.Fill(v, out); });
}

Graph Hypercube(int d) {
  if (d < 0 || d > 31)
    Fail("hypercube: d must lie in 0..31, got " + std::to_string(d));
  const Vertex n = CheckedVertexCount(std::uint64_t{1} << d, "hypercube");
  return BuildCsr(
      n, [&](Vertex) { return static_cast<Port>(d); },
      [&](Vertex v, Vertex* out) {
        for (int i = 0; i < d; ++i) out[i] = v ^ (Vertex{1} << i);
      });
}

Graph RandomTree(Vertex n, std::uint64_t seed) {
  if (n <= 1) return Path(n);
  // Linear-time Prüfer decoding.
  std::vector<Vertex> code(n - 2);
  RandomStream rng(seed, 0, kTagTree, 0);
  for (auto& x : code) x = static_cast<Vertex>(rng.Below(n));
  std::vector<Vertex> degree(n, 1);
  for (Vertex x : code) ++degree[x];
  std::vector<Edge> edges;
  edges.reserve(n - 1);
  Vertex ptr = 0;
  while (degree[ptr] != 1) ++ptr;
  Vertex leaf = ptr;
  for (Vertex x : code) {
    edges.push_back({leaf, x});
    if (--degree[x] == 1 && x < ptr) {
      leaf = x;
    } else {
      ++ptr;
      while (degree[ptr] != 1) ++ptr;
      leaf = ptr;
    }
  }
  edges.push_back({leaf, n - 1});
  return Graph::FromEdges(n, edges);
}

Graph CompleteTree(int arity, int depth) {
  if (arity < 1 || depth < 0) {
    Fail("karytree: need arity >= 1 and depth >= 0");
  }
  std::uint64_t total = 0;
  std::uint64_t level = 1;
  for (int i = 0; i <= depth; ++i) {
    total += level;
    if (total > kMaxVertices) CheckedVertexCount(total, "karytree");
    level *= static_cast<std::uint64_t>(arity);
  }
  const Vertex n = static_cast<Vertex>(total);
  const std::uint64_t a = static_cast<std::uint64_t>(arity);
  auto has_children = [&](Vertex v) { return a * v + 1 < n; };
  return BuildCsr(
      n,
      [&](Vertex v) {
        return static_cast<Port>((v > 0) + (has_children(v) ? arity : 0));
      },
      [&](Vertex v, Vertex* out) {
        if (v > 0) *out++ = static_cast<Vertex>((v - 1) / a);
        if (has_children(v)) {
          for (std::uint64_t i = 1; i <= a; ++i) {
            *out++ = static_cast<Vertex>(a * v + i);
          }
        }
      });
}

Graph RandomRegular(Vertex n, int d, std::uint64_t seed, int girth) {
  if (d < 0) Fail("regular: d must be >= 0");
  if (d > 0 && static_cast<std::uint64_t>(d) >= n) {
    Fail("regular: need d < n (d = " + std::to_string(d) +
         ", n = " + std::to_string(n) + ")");
  }
  if ((std::uint64_t{n} * d) % 2 != 0) {
    Fail("regular: n*d must be even (n = " + std::to_string(n) +
         ", d = " + std::to_string(d) + ")");
  }
  if (girth > 64) Fail("regular: girth must be <= 64");
  girth = std::max(girth, 3);
  if (d >= 2 && MooreBound(d, girth) > n) {
    Fail("regular: no " + std::to_string(d) + "-regular graph of girth " +
         std::to_string(girth) + " has only " + std::to_string(n) +
         " vertices (Moore bound)");
  }
  RegularPairing pairing(n, d, girth, seed);
  pairing.Repair(seed);
  return pairing.ToGraph();
}

// ---------------------------------------------------------------------------
// Random graphs.

Graph Gnp(Vertex n, double p, std::uint64_t seed, int max_degree) {
  if (!(p >= 0.0 && p <= 1.0)) Fail("gnp: p must lie in [0, 1]");
  if (p * (double(n) * (n - 1) / 2) > 4e9) Fail("gnp: too many expected edges");
  // Row u holds the pairs (u, v), v < u; each row draws from its own stream
  // (geometric skipping, Batagelj-Brandes) so rows run in any order.
  constexpr Vertex kBlock = 4096;
  const Vertex blocks = n / kBlock + 1;
  std::vector<std::vector<Edge>> parts(blocks);
  const double log_q = std::log1p(-p);
  tbb::parallel_for(Vertex{0}, blocks, [&](Vertex b) {
    const Vertex end = static_cast<Vertex>(
        std::min<std::uint64_t>(n, std::uint64_t{b + 1} * kBlock));
    for (Vertex u = b * kBlock; u < end; ++u) {
      if (p == 0.0) break;
      if (p == 1.0) {
        for (Vertex v = 0; v < u; ++v) parts[b].push_back({u, v});
        continue;
      }
      RandomStream rng(seed, u, kTagGnp, 0);
      double v = -1;
      for (;;) {
        v += 1 + std::floor(std::log1p(-rng.Uniform01()) / log_q);
        if (v >= u) break;
        parts[b].push_back({u, static_cast<Vertex>(v)});
      }
    }
  });
  std::vector<Edge> edges;
  for (auto& part : parts) edges.insert(edges.end(), part.begin(), part.end());
  parts.clear();
  edges = ApplyDegreeCap(n, std::move(edges), max_degree, seed);
  return Graph::FromEdges(n, edges);
}

Graph Gnm(Vertex n, std::uint64_t m, std::uint64_t seed, int max_degree) {
  const std::uint64_t pairs = std::uint64_t{n} * (n == 0 ? 0 : n - 1) / 2;
  if (m > pairs) {
    Fail("gnm: m = " + std::to_string(m) + " exceeds the " +
         std::to_string(pairs) + " vertex pairs");
  }
  // Sample the smaller of the edge set and its complement: the first `want`
  // distinct values of an i.i.d. uniform sequence form a uniform subset.
  const bool complement = m > pairs / 2;
  const std::uint64_t want = complement ? pairs - m : m;
  RandomStream rng(seed, 0, kTagGnm, 0);
  std::vector<std::uint64_t> chosen;
  while (chosen.size() < want) {
    const std::size_t have = chosen.size();
    for (std::size_t i = have; i < want; ++i)
      chosen.push_back(rng.Below(pairs));
    tbb::parallel_sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  }
  auto decode = [](std::uint64_t k) {
    // Pair index k = u(u-1)/2 + v with v < u.
    auto u = static_cast<std::uint64_t>(
        (1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(k))) / 2.0);
    while (u * (u - 1) / 2 > k) --u;
    while ((u + 1) * u / 2 <= k) ++u;
    return Edge{static_cast<Vertex>(u),
                static_cast<Vertex>(k - u * (u - 1) / 2)};
  };
  std::vector<Edge> edges;
  edges.reserve(m);
  if (!complement) {
    for (std::uint64_t k : chosen) edges.push_back(decode(k));
  } else {
    std::size_t next = 0;
    for (std::uint64_t k = 0; k < pairs; ++k) {
      if (next < chosen.size() && chosen[next] == k) {
        ++next;
      } else {
        edges.push_back(decode(k));
      }
    }
  }
  edges = ApplyDegreeCap(n, std::move(edges), max_degree, seed);
  return Graph::FromEdges(n, edges);
}

std::vector<std::pair<double, double>> RandomGeometricPoints(
    Vertex n, std::uint64_t seed) {
  std::vector<std::pair<double, double>> points(n);
  tbb::parallel_for(Vertex{0}, n, [&](Vertex i) {
    // Each point from its own stream: independent of the thread count.
    RandomStream rng(seed, i, kTagGeometric, 0);
    points[i].first = rng.Uniform01();
    points[i].second = rng.Uniform01();
  });
  return points;
}

Graph RandomGeometric(Vertex n, double radius, std::uint64_t seed) {
  if (!(radius >= 0.0) || !std::isfinite(radius)) {
    Fail("geometric: radius must be a finite number >= 0");
  }
  std::vector<double> x(n), y(n);
  {
    const auto points = RandomGeometricPoints(n, seed);
    for (Vertex i = 0; i < n; ++i) std::tie(x[i], y[i]) = points[i];
  }
  // Buckets of side >= radius: neighbours lie in the 3x3 block of cells.
  const double by_radius = radius > 0 ? std::floor(1.0 / radius) : 1.0;
  const auto cells = static_cast<std::uint32_t>(std::max(
      1.0, std::min(by_radius, std::ceil(std::sqrt(static_cast<double>(n))))));
  auto cell_of = [&](double t) {
    return std::min(static_cast<std::uint32_t>(t * cells), cells - 1);
  };
  std::vector<std::uint64_t> start(std::uint64_t{cells} * cells + 1, 0);
  std::vector<std::uint64_t> cell(n);
  for (Vertex i = 0; i < n; ++i) {
    cell[i] = std::uint64_t{cell_of(x[i])} * cells + cell_of(y[i]);
    ++start[cell[i] + 1];
  }
  for (std::size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
  std::vector<Vertex> members(n);
  {
    std::vector<std::uint64_t> pos(start.begin(), start.end() - 1);
    for (Vertex i = 0; i < n; ++i) members[pos[cell[i]]++] = i;
  }
  const double r2 = radius * radius;
  auto visit = [&](Vertex i, auto&& emit) {
    const std::int64_t cx = static_cast<std::int64_t>(cell[i] / cells);
    const std::int64_t cy = static_cast<std::int64_t>(cell[i] % cells);
    for (std::int64_t ax = cx - 1; ax <= cx + 1; ++ax) {
      for (std::int64_t ay = cy - 1; ay <= cy + 1; ++ay) {
        if (ax < 0 || ay < 0 || ax >= cells || ay >= cells) continue;
        const std::uint64_t c = static_cast<std::uint64_t>(ax) * cells + ay;
        for (std::uint64_t k = start[c]; k < start[c + 1]; ++k) {
          const Vertex j = members[k];
          const double dx = x[i] - x[j], dy = y[i] - y[j];
          if (j != i && dx * dx + dy * dy <= r2) emit(j);
        }
      }
    }
  };
  return BuildCsr(
      n,
      [&](Vertex i) {
        Port count = 0;
        visit(i, [&](Vertex) { ++count; });
        return count;
      },
      [&](Vertex i, Vertex* out) { visit(i, [&](Vertex j) { *out++ = j; }); });
}

// ---------------------------------------------------------------------------
// Named graphs with known fractional chromatic number.

Graph Kneser(int n, int k) {
  if (k < 1 || n < k || n > 64) {
    Fail("kneser: need 1 <= k <= n <= 64 (n = " + std::to_string(n) +
         ", k = " + std::to_string(k) + ")");
  }
  if (Binomial(n, k) > 2e7 || Binomial(n, k) * Binomial(n - k, k) > 2e9) {
    Fail("kneser: K(" + std::to_string(n) + ", " + std::to_string(k) +
         ") is too large");
  }
  const std::vector<std::uint64_t> subsets = LexSubsets(n, k);
  std::vector<std::pair<std::uint64_t, Vertex>> by_mask(subsets.size());
  for (Vertex i = 0; i < subsets.size(); ++i) by_mask[i] = {subsets[i], i};
  std::sort(by_mask.begin(), by_mask.end());
  const auto degree = static_cast<Port>(Binomial(n - k, k) + 0.5);
  return BuildCsr(
      static_cast<Vertex>(subsets.size()), [&](Vertex) { return degree; },
      [&](Vertex v, Vertex* out) {
        // Neighbours are the k-subsets of the complement.
        std::vector<int> rest;
        for (int x = 0; x < n; ++x) {
          if (!((subsets[v] >> x) & 1)) rest.push_back(x);
        }
        const int r = static_cast<int>(rest.size());
        if (r < k) return;
        for (std::uint64_t sub : LexSubsets(r, k)) {
          std::uint64_t mask = 0;
          for (int i = 0; i < r; ++i) {
            if ((sub >> i) & 1) mask |= std::uint64_t{1} << rest[i];
          }
          auto it = std::lower_bound(by_mask.begin(), by_mask.end(),
                                     std::pair<std::uint64_t, Vertex>{mask, 0});
          *out++ = it->second;
        }
      });
}

Graph Petersen() { return Kneser(5, 2); }

Graph Mycielski(int k) {
  if (k < 1 || k > 16) Fail("mycielski: k must lie in 1..16");
  // M_{j+1}: vertices v_i = i, shadows u_i = n + i, apex w = 2n.
  Vertex n = 1;
  std::vector<Edge> edges;
  for (int j = 1; j < k; ++j) {
    if (j == 1) {
      n = 2;
      edges = {{0, 1}};
      continue;
    }
    const std::size_t old = edges.size();
    for (std::size_t e = 0; e < old; ++e) {
      const auto [a, b] = edges[e];
      edges.push_back({n + a, b});
      edges.push_back({a, n + b});
    }
    for (Vertex i = 0; i < n; ++i) edges.push_back({n + i, 2 * n});
    n = 2 * n + 1;
  }
  return Graph::FromEdges(n, edges);
}

Graph Chvatal() {
  // Standard labelling (as in NetworkX's chvatal_graph).
  const std::vector<Edge> edges = {
      {0, 1},  {0, 4},  {0, 6},  {0, 9}, {1, 2},  {1, 5},  {1, 7},  {2, 3},
      {2, 6},  {2, 8},  {3, 4},  {3, 7}, {3, 9},  {4, 5},  {4, 8},  {5, 10},
      {5, 11}, {6, 10}, {6, 11}, {7, 8}, {7, 11}, {8, 10}, {9, 10}, {9, 11}};
  return Graph::FromEdges(12, edges);
}

Graph CyclePower(Vertex n, int k) {
  if (n < 3 || k < 1) Fail("cyclepower: need n >= 3 and k >= 1");
  // When 2k >= n - 1 the power is complete; FromEdges drops the repeats.
  const Vertex reach = static_cast<Vertex>(std::min<std::uint64_t>(k, n / 2));
  std::vector<Edge> edges;
  edges.reserve(std::uint64_t{n} * reach);
  for (Vertex i = 0; i < n; ++i) {
    for (Vertex j = 1; j <= reach; ++j) {
      edges.push_back({i, static_cast<Vertex>((std::uint64_t{i} + j) % n)});
    }
  }
  return Graph::FromEdges(n, edges);
}

Graph LexicographicProduct(const Graph& g, const Graph& h) {
  const Vertex nh = h.num_vertices();
  const Vertex n =
      CheckedVertexCount(std::uint64_t{g.num_vertices()} * nh, "lex");
  return BuildCsr(
      n,
      [&](Vertex x) {
        return static_cast<EdgeIndex>(g.degree(x / nh)) * nh + h.degree(x % nh);
      },
      [&](Vertex x, Vertex* out) {
        const Vertex a = x / nh;
        const Vertex b = x % nh;
        for (Vertex a2 : g.neighbors(a)) {
          for (Vertex b2 = 0; b2 < nh; ++b2) *out++ = a2 * nh + b2;
        }
        for (Vertex b2 : h.neighbors(b)) *out++ = a * nh + b2;
      });
}

Graph CliqueReplacement(const Graph& regular) {
  const Vertex n0 = regular.num_vertices();
  const Port delta = regular.max_degree();
  if (n0 > 0 && regular.min_degree() != delta) {
    Fail("replacement: the input graph is not regular (degrees " +
         std::to_string(regular.min_degree()) + ".." + std::to_string(delta) +
         ")");
  }
  const std::vector<Port>& reverse = regular.ReversePorts();
  for (Port q : reverse) {
    if (q == ~Port{0}) Fail("replacement: the input graph is not symmetric");
  }
  const Vertex n = CheckedVertexCount(std::uint64_t{n0} * delta, "replacement");
  return BuildCsr(
      n, [&](Vertex) { return delta; },
      [&](Vertex x, Vertex* out) {
        const Vertex v = x / delta;
        const Port p = x % delta;
        for (Port q = 0; q < delta; ++q) {
          if (q != p) *out++ = v * delta + q;
        }
        const Vertex u = regular.neighbor(v, p);
        *out = u * delta + reverse[regular.edge_begin(v) + p];
      });
}

// ---------------------------------------------------------------------------
// Sparse minor-closed families.

Graph RandomPlanar(Vertex n, std::uint64_t seed) {
  return RandomPlanar(n, seed, 0.0);
}

Graph RandomPlanar(Vertex n, std::uint64_t seed, double delete_fraction) {
  return RandomPlanar(n, seed, delete_fraction, 0);
}

Graph RandomPlanar(Vertex n, std::uint64_t seed, double delete_fraction,
                   int max_degree) {
  if (max_degree != 0 && max_degree < 7) {
    Fail("planar: a degree cap must be 0 (none) or >= 7, got " +
         std::to_string(max_degree));
  }
  if (n < 3) return Path(n);
  // A triangulation of the sphere as a half-edge structure: half-edge 3f+i
  // runs from corner[3f+i] to corner[3f+(i+1)%3]; twin[] pairs opposite ones.
  // Growth alternates at random between inserting a vertex in a random face
  // (Apollonian step) and splitting a random edge (which keeps degrees
  // moderate); both keep the triangulation simple.
  const std::uint64_t faces = 2 * std::uint64_t{n} - 4;
  std::vector<Vertex> corner(3 * faces);
  std::vector<std::uint64_t> twin(3 * faces);
  corner[0] = 0, corner[1] = 1, corner[2] = 2;  // inner face
  corner[3] = 0, corner[4] = 2, corner[5] = 1;  // outer face
  twin[0] = 5, twin[5] = 0;                     // 0->1 / 1->0
  twin[1] = 4, twin[4] = 1;                     // 1->2 / 2->1
  twin[2] = 3, twin[3] = 2;                     // 2->0 / 0->2
  std::uint64_t used = 2;
  auto link = [&](std::uint64_t a, std::uint64_t b) {
    twin[a] = b;
    twin[b] = a;
  };
  auto set_face = [&](std::uint64_t f, Vertex a, Vertex b, Vertex c) {
    corner[3 * f] = a, corner[3 * f + 1] = b, corner[3 * f + 2] = c;
  };
  RandomStream rng(seed, 0, kTagPlanar, 0);
  // Without a cap, face insertion is preferential attachment (a vertex of
  // degree k lies on k faces) and degrees grow heavy-tailed; a cap rejects
  // growth steps that would push a vertex over it.
  const Port cap = max_degree == 0 ? ~Port{0} : static_cast<Port>(max_degree);
  std::vector<Port> degree(n, 0);
  degree[0] = degree[1] = degree[2] = 2;
  // Consecutive rejections before giving up: the cap is unreachable.
  constexpr int kMaxRejections = 1 << 20;
  int rejections = 0;
  auto reject = [&] {
    if (++rejections > kMaxRejections) {
      Fail("planar: degree cap " + std::to_string(max_degree) +
           " could not be kept");
    }
  };
  for (Vertex x = 3; x < n; ++x) {
    const bool split = x > 3 && (rng.Next() & 1);
    if (!split) {
      const std::uint64_t f = rng.Below(used);
      const Vertex a = corner[3 * f], b = corner[3 * f + 1],
                   c = corner[3 * f + 2];
      if (degree[a] >= cap || degree[b] >= cap || degree[c] >= cap) {
        reject();
        --x;  // retry the same vertex
        continue;
      }
      ++degree[a], ++degree[b], ++degree[c];
      degree[x] = 3;
      rejections = 0;
      const std::uint64_t t1 = twin[3 * f + 1], t2 = twin[3 * f + 2];
      const std::uint64_t f2 = used++, f3 = used++;
      set_face(f, a, b, x);
      set_face(f2, b, c, x);
      set_face(f3, c, a, x);
      link(3 * f2, t1);
      link(3 * f3, t2);
      link(3 * f + 1, 3 * f2 + 2);
      link(3 * f2 + 1, 3 * f3 + 2);
      link(3 * f3 + 1, 3 * f + 2);
      continue;
    }
    const std::uint64_t h = rng.Below(3 * used);
    const std::uint64_t f = h / 3, i = h % 3;
    const std::uint64_t t = twin[h];
    const std::uint64_t g = t / 3, j = t % 3;
    const Vertex a = corner[h], b = corner[3 * f + (i + 1) % 3];
    const Vertex c = corner[3 * f + (i + 2) % 3];
    const Vertex d = corner[3 * g + (j + 2) % 3];
    if (degree[c] >= cap || degree[d] >= cap) {
      reject();
      --x;
      continue;
    }
    ++degree[c], ++degree[d];
    degree[x] = 4;
    rejections = 0;
    const std::uint64_t hb = 3 * f + (i + 1) % 3, hc = 3 * f + (i + 2) % 3;
    const std::uint64_t ga = 3 * g + (j + 1) % 3, gd = 3 * g + (j + 2) % 3;
    const std::uint64_t f2 = used++, g2 = used++;
    // Surviving sides move to new half-edge ids; their twins may be among
    // them (small triangulations), hence the remapping.
    const std::uint64_t old_side[4] = {hb, hc, ga, gd};
    const std::uint64_t new_side[4] = {3 * f2 + 1, 3 * f + 2, 3 * g2 + 1,
                                       3 * g + 2};
    std::uint64_t old_twin[4];
    for (int k = 0; k < 4; ++k) old_twin[k] = twin[old_side[k]];
    set_face(f, a, x, c);
    set_face(f2, x, b, c);
    set_face(g, b, x, d);
    set_face(g2, x, a, d);
    for (int k = 0; k < 4; ++k) {
      std::uint64_t other = old_twin[k];
      for (int l = 0; l < 4; ++l) {
        if (old_side[l] == other) other = new_side[l];
      }
      link(new_side[k], other);
    }
    link(3 * f, 3 * g2);          // a->x / x->a
    link(3 * f + 1, 3 * f2 + 2);  // x->c / c->x
    link(3 * f2, 3 * g);          // x->b / b->x
    link(3 * g + 1, 3 * g2 + 2);  // x->d / d->x
  }
  std::vector<Edge> edges;
  edges.reserve(3 * std::uint64_t{n});
  for (std::uint64_t e = 0; e < 3 * used; ++e) {
    const Vertex from = corner[e];
    const Vertex to = corner[3 * (e / 3) + (e % 3 + 1) % 3];
    if (from < to) edges.push_back({from, to});
  }
  edges = SparsifyKeepingConnected(n, std::move(edges), delete_fraction, seed);
  return Graph::FromEdges(n, edges);
}

Graph Subdivide(const Graph& g, int s) {
  if (s < 0) Fail("subdivide: s must be >= 0");
  const Vertex n0 = g.num_vertices();
  const std::uint64_t m = g.num_edges();
  const Vertex n =
      CheckedVertexCount(n0 + m * static_cast<std::uint64_t>(s), "subdivide");
  // Edge e = {u < v} (numbered in CSR order of u) gets the internal path
  // n0 + e*s .. n0 + e*s + s-1, running from u to v.
  std::vector<std::uint64_t> first(std::size_t{n0} + 1, 0);
  for (Vertex u = 0; u < n0; ++u) {
    std::uint64_t up = 0;
    for (Vertex v : g.neighbors(u)) up += v > u;
    first[u + 1] = first[u] + up;
  }
  std::vector<Edge> edges(first[n0] * (static_cast<std::uint64_t>(s) + 1));
  tbb::parallel_for(Vertex{0}, n0, [&](Vertex u) {
    std::uint64_t e = first[u];
    for (Vertex v : g.neighbors(u)) {
      if (v <= u) continue;
      const std::uint64_t base = n0 + e * s;
      Edge* out = edges.data() + e * (s + 1);
      Vertex prev = u;
      for (int i = 0; i < s; ++i) {
        const auto mid = static_cast<Vertex>(base + i);
        *out++ = {prev, mid};
        prev = mid;
      }
      *out = {prev, v};
      ++e;
    }
  });
  return Graph::FromEdges(n, edges);
}

Graph RandomOuterplanar(Vertex n, std::uint64_t seed) {
  if (n < 3) return Path(n);
  // Grow a triangulated polygon: each new vertex is glued as an ear onto a
  // random edge of the outer cycle (next[u] follows u on that cycle).
  std::vector<Vertex> next(n);
  next[0] = 1, next[1] = 2, next[2] = 0;
  std::vector<Edge> edges = {{0, 1}, {1, 2}, {0, 2}};
  RandomStream rng(seed, 0, kTagOuterplanar, 0);
  for (Vertex x = 3; x < n; ++x) {
    const auto u = static_cast<Vertex>(rng.Below(x));
    const Vertex w = next[u];
    edges.push_back({u, x});
    edges.push_back({x, w});
    next[u] = x;
    next[x] = w;
  }
  return Graph::FromEdges(n, edges);
}

Graph RandomPartialKTree(Vertex n, int w, std::uint64_t seed) {
  return RandomPartialKTree(n, w, seed, 0.5);
}

Graph RandomPartialKTree(Vertex n, int w, std::uint64_t seed,
                         double delete_fraction) {
  if (w < 1) Fail("ktree: w must be >= 1");
  if (n <= static_cast<Vertex>(w) + 1) {
    return Graph::FromEdges(n, [&] {
      std::vector<Edge> e;
      for (Vertex a = 0; a < n; ++a)
        for (Vertex b = a + 1; b < n; ++b) e.push_back({a, b});
      return SparsifyKeepingConnected(n, e, delete_fraction, seed);
    }());
  }
  // A w-tree grows by joining a new vertex to a w-clique inside a random
  // existing (w+1)-clique; clique i is stored at cliques[i*(w+1) ...].
  const std::size_t width = static_cast<std::size_t>(w) + 1;
  std::vector<Vertex> cliques;
  cliques.reserve((n - w) * width);
  std::vector<Edge> edges;
  for (Vertex a = 0; a < width; ++a) {
    cliques.push_back(a);
    for (Vertex b = a + 1; b < width; ++b) edges.push_back({a, b});
  }
  RandomStream rng(seed, 0, kTagKTree, 0);
  for (Vertex x = static_cast<Vertex>(width); x < n; ++x) {
    const std::uint64_t c = rng.Below(cliques.size() / width);
    const std::uint64_t drop = rng.Below(width);
    for (std::size_t i = 0; i < width; ++i) {
      if (i == drop) continue;
      const Vertex y = cliques[c * width + i];
      edges.push_back({y, x});
      cliques.push_back(y);
    }
    cliques.push_back(x);
  }
  edges = SparsifyKeepingConnected(n, std::move(edges), delete_fraction, seed);
  return Graph::FromEdges(n, edges);
}

}  // namespace fcsim
