#include "algorithms/bep_delta_small.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace fcsim {
namespace {

using Adjacency = std::vector<std::vector<std::uint32_t>>;
constexpr std::uint8_t kNoColour = 0xFF;

// BFS order from `root` over vertices not in `removed`.
std::vector<std::uint32_t> BfsOrder(const Adjacency& adj, std::uint32_t root,
                                    const std::vector<char>& removed) {
  std::vector<char> seen(adj.size(), 0);
  std::vector<std::uint32_t> order{root};
  seen[root] = 1;
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (std::uint32_t w : adj[order[i]]) {
      if (!seen[w] && !removed[w]) {
        seen[w] = 1;
        order.push_back(w);
      }
    }
  }
  return order;
}

// Colours `order` greedily with the least colour of [0, Δ) free among the
// already coloured neighbours; the callers' orders guarantee one is free.
void GreedyInOrder(const Adjacency& adj, std::span<const std::uint32_t> order,
                   std::uint32_t max_degree,
                   std::vector<std::uint8_t>& colour) {
  std::vector<char> used(max_degree + 1);
  for (std::uint32_t v : order) {
    std::fill(used.begin(), used.end(), 0);
    for (std::uint32_t w : adj[v]) {
      if (colour[w] != kNoColour) used[colour[w]] = 1;
    }
    std::uint32_t c = 0;
    while (c < max_degree && used[c]) ++c;
    if (c == max_degree) {
      throw std::logic_error("Brooks colouring: no free colour (bug)");
    }
    colour[v] = static_cast<std::uint8_t>(c);
  }
}

// Reverse BFS order from root over vertices not removed: every vertex but the
// root has its BFS parent still uncoloured when it is coloured.
void ColourTowards(const Adjacency& adj, std::uint32_t root,
                   const std::vector<char>& removed, std::uint32_t max_degree,
                   std::vector<std::uint8_t>& colour) {
  std::vector<std::uint32_t> order = BfsOrder(adj, root, removed);
  std::reverse(order.begin(), order.end());
  GreedyInOrder(adj, order, max_degree, colour);
}

// Brooks in rank space (vertex i = i-th smallest ID, neighbours ascending).
std::vector<std::uint8_t> BrooksRanked(const Adjacency& adj,
                                       std::uint32_t max_degree) {
  const auto n = static_cast<std::uint32_t>(adj.size());
  std::vector<std::uint8_t> colour(n, kNoColour);
  std::vector<char> none(n, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (adj[v].size() < max_degree) {
      ColourTowards(adj, v, none, max_degree, colour);
      return colour;
    }
  }
  // Δ-regular. Lovász: some v has non-adjacent neighbours x, y with
  // G − {x, y} connected whenever G is 2-connected.
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::size_t i = 0; i < adj[v].size(); ++i) {
      for (std::size_t j = i + 1; j < adj[v].size(); ++j) {
        const std::uint32_t x = adj[v][i], y = adj[v][j];
        if (std::binary_search(adj[x].begin(), adj[x].end(), y)) continue;
        std::vector<char> removed(n, 0);
        removed[x] = removed[y] = 1;
        if (BfsOrder(adj, v, removed).size() != n - 2) continue;
        colour[x] = colour[y] = 0;
        ColourTowards(adj, v, removed, max_degree, colour);
        return colour;
      }
    }
  }
  // Not 2-connected: colour each part of G − c together with c, from c
  // (c has fewer than Δ neighbours in each part), then rename colours so
  // that c has colour 0 everywhere.
  for (std::uint32_t c = 0; c < n; ++c) {
    std::vector<char> removed(n, 0);
    removed[c] = 1;
    const std::uint32_t start = c == 0 ? 1 : 0;
    if (BfsOrder(adj, start, removed).size() == n - 1) continue;
    std::vector<char> done(n, 0);
    done[c] = 1;
    for (std::uint32_t s = 0; s < n; ++s) {
      if (done[s]) continue;
      const std::vector<std::uint32_t> part = BfsOrder(adj, s, removed);
      std::vector<char> outside(n, 1);
      for (std::uint32_t w : part) {
        outside[w] = 0;
        done[w] = 1;
      }
      outside[c] = 0;
      std::vector<std::uint8_t> local(n, kNoColour);
      ColourTowards(adj, c, outside, max_degree, local);
      const std::uint8_t cc = local[c];
      for (std::uint32_t w : part) {
        std::uint8_t x = local[w];
        if (x == cc) {
          x = 0;
        } else if (x == 0) {
          x = cc;
        }
        colour[w] = x;
      }
    }
    colour[c] = 0;
    return colour;
  }
  throw std::logic_error(
      "Brooks colouring: no Lovász triple and no cut vertex");
}

// Message layouts (words of the variable-size path).
constexpr std::uint64_t kFlood = 1;   // [kFlood, id, L, d]
constexpr std::uint64_t kRecord = 2;  // [kRecord, L, parent, overflow, count,
                                      //  (id, deg, nbr ids...)...]
constexpr std::uint64_t kColour = 3;  // [kColour, L, m, ids..., colours...]
constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();

struct SmallProgram {
  using Input = NoInput;
  using Message = std::uint64_t;
  using Output = SmallResult;
  static constexpr MessagePath kPath = MessagePath::kVariable;

  struct State {
    NodeId leader = 0;
    std::uint64_t depth = 0;
    NodeId parent = kNone;
    std::vector<NodeId> neighbour_ids;
    SmallResult result;
  };

  std::uint32_t radius = 3;  // R = 4k − 1
  std::uint64_t cap = 0;     // Moore(Δ, R)

  void Init(Context<SmallProgram>& ctx) const {
    State& s = ctx.state();
    s.leader = ctx.id();
    s.depth = 0;
    s.neighbour_ids.assign(ctx.degree(), 0);
    ctx.Send({kFlood, ctx.id(), s.leader, s.depth});
  }

  void Round(Context<SmallProgram>& ctx) const {
    State& s = ctx.state();
    const std::uint32_t t = ctx.round();
    const std::uint32_t big_r = radius;
    if (t <= big_r) Flood(ctx, t == big_r);
    if (t >= big_r && t == 2 * big_r - s.depth) Convergecast(ctx);
    if (t == 2 * big_r - s.depth + 1 && s.depth > 0) {
      ctx.Send({});  // the record was read; free it
    }
    if (s.depth > 0 && t == 2 * big_r + s.depth) {
      ReceiveColours(ctx);
      ctx.Halt();
    }
  }

  Output Finish(const State& s) const { return s.result; }

 private:
  void Flood(Context<SmallProgram>& ctx, bool last) const {
    State& s = ctx.state();
    NodeId best_l = s.leader;
    std::uint64_t best_d = s.depth;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::span<const std::uint64_t> m = ctx.Received(p);
      if (m.size() != 4 || m[0] != kFlood) continue;
      s.neighbour_ids[p] = m[1];
      if (std::pair(m[2], m[3] + 1) < std::pair(best_l, best_d)) {
        best_l = m[2];
        best_d = m[3] + 1;
      }
    }
    const bool changed = best_l != s.leader || best_d != s.depth;
    s.leader = best_l;
    s.depth = best_d;
    if (last) {
      // Parent: the least-ID neighbour one step closer to the same leader.
      for (Port p = 0; p < ctx.degree(); ++p) {
        const std::span<const std::uint64_t> m = ctx.Received(p);
        if (m.size() == 4 && m[0] == kFlood && m[2] == s.leader &&
            m[3] + 1 == s.depth && (s.parent == kNone || m[1] < s.parent)) {
          s.parent = m[1];
        }
      }
    } else if (changed) {
      ctx.Send({kFlood, ctx.id(), s.leader, s.depth});
    }
  }

  void Convergecast(Context<SmallProgram>& ctx) const {
    State& s = ctx.state();
    std::vector<std::uint64_t> out{kRecord, s.leader, s.parent,    0,
                                   1,       ctx.id(), ctx.degree()};
    out.insert(out.end(), s.neighbour_ids.begin(), s.neighbour_ids.end());
    bool overflow = false;
    std::uint64_t count = 1;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::span<const std::uint64_t> m = ctx.Received(p);
      if (m.size() < 5 || m[0] != kRecord || m[1] != s.leader ||
          m[2] != ctx.id()) {
        continue;
      }
      if (m[3] != 0) {
        overflow = true;
        continue;
      }
      count += m[4];
      if (!overflow) out.insert(out.end(), m.begin() + 5, m.end());
    }
    // A subtree larger than any component of diameter <= R is not worth
    // carrying further: the root could not close it.
    if (count > cap) overflow = true;
    if (overflow) out.resize(5);
    out[3] = overflow ? 1 : 0;
    out[4] = count;
    if (s.depth > 0) {
      ctx.Send(std::move(out));
      return;
    }
    if (!overflow) Decide(ctx, out);
    ctx.Halt();
  }

  // The root of a closed set of diameter <= R colours its component.
  void Decide(Context<SmallProgram>& ctx,
              const std::vector<std::uint64_t>& records) const {
    State& s = ctx.state();
    const std::uint64_t max_degree = ctx.knowledge().max_degree;
    std::vector<std::pair<NodeId, std::size_t>> members;  // (id, offset)
    for (std::size_t i = 5; i < records.size(); i += 2 + records[i + 1]) {
      members.emplace_back(records[i], i);
    }
    std::sort(members.begin(), members.end());
    const auto m = static_cast<Vertex>(members.size());
    auto index_of = [&](NodeId id) -> std::int64_t {
      auto it = std::lower_bound(members.begin(), members.end(),
                                 std::pair<NodeId, std::size_t>(id, 0));
      if (it == members.end() || it->first != id) return -1;
      return it - members.begin();
    };
    std::vector<std::pair<Vertex, Vertex>> edges;
    for (Vertex i = 0; i < m; ++i) {
      const std::size_t off = members[i].second;
      for (std::uint64_t j = 0; j < records[off + 1]; ++j) {
        const std::int64_t w = index_of(records[off + 2 + j]);
        if (w < 0) return;  // not closed: not a whole component
        if (static_cast<Vertex>(w) > i) {
          edges.emplace_back(i, static_cast<Vertex>(w));
        }
      }
    }
    const Graph component = Graph::FromEdges(m, edges);
    // Diameter <= R? The root's eccentricity e gives diameter <= 2e; else
    // search every eccentricity, stopping at the first one above R.
    Adjacency adj(m);
    for (Vertex v = 0; v < m; ++v) {
      const auto nb = component.neighbors(v);
      adj[v].assign(nb.begin(), nb.end());
    }
    std::vector<char> none(m, 0);
    auto eccentricity = [&](std::uint32_t v) {
      std::vector<std::uint32_t> dist(m, ~0u);
      std::vector<std::uint32_t> queue{v};
      dist[v] = 0;
      std::uint32_t ecc = 0;
      for (std::size_t q = 0; q < queue.size(); ++q) {
        const std::uint32_t x = queue[q];
        ecc = std::max(ecc, dist[x]);
        for (std::uint32_t w : adj[x]) {
          if (dist[w] == ~0u) {
            dist[w] = dist[x] + 1;
            queue.push_back(w);
          }
        }
      }
      return ecc;
    };
    const std::uint32_t self = static_cast<std::uint32_t>(index_of(ctx.id()));
    if (2 * eccentricity(self) > radius) {
      for (std::uint32_t v = 0; v < m; ++v) {
        if (eccentricity(v) > radius) return;
      }
    }
    bool clique = m == max_degree + 1;
    for (Vertex v = 0; clique && v < m; ++v) {
      clique = component.degree(v) == max_degree;
    }
    if (clique) {
      s.result.status = SmallStatus::kCliqueK;
      return;
    }
    std::vector<NodeId> ids(m);
    for (Vertex i = 0; i < m; ++i) ids[i] = members[i].first;
    const std::vector<std::uint8_t> colours = CanonicalBrooksColouring(
        component, ids, static_cast<std::uint32_t>(max_degree));
    std::vector<std::uint64_t> out{kColour, s.leader, m};
    out.insert(out.end(), ids.begin(), ids.end());
    out.insert(out.end(), colours.begin(), colours.end());
    s.result = {SmallStatus::kSmall, colours[self]};
    ctx.Send(std::move(out));
  }

  void ReceiveColours(Context<SmallProgram>& ctx) const {
    State& s = ctx.state();
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::span<const std::uint64_t> msg = ctx.Received(p);
      if (msg.size() < 3 || msg[0] != kColour || msg[1] != s.leader) continue;
      const std::uint64_t m = msg[2];
      const auto ids = msg.subspan(3, m);
      const auto it = std::lower_bound(ids.begin(), ids.end(), ctx.id());
      if (it == ids.end() || *it != ctx.id()) continue;
      s.result = {SmallStatus::kSmall,
                  static_cast<std::uint8_t>(msg[3 + m + (it - ids.begin())])};
      ctx.Send(std::vector<std::uint64_t>(msg.begin(), msg.end()));
      return;
    }
  }
};

}  // namespace

std::uint64_t SmallComponentRounds(std::uint32_t k) {
  return 3 * (4 * std::uint64_t{k} - 1);
}

std::uint64_t MooreBound(std::uint64_t max_degree, std::uint64_t diameter) {
  constexpr std::uint64_t kCap = std::uint64_t{1} << 62;
  std::uint64_t total = 1, layer = 1;
  for (std::uint64_t i = 0; i < diameter; ++i) {
    const std::uint64_t mult = i == 0 ? max_degree : max_degree - 1;
    if (mult != 0 && layer > kCap / mult) return kCap;
    layer *= mult;
    total += layer;
    if (total >= kCap) return kCap;
  }
  return total;
}

VertexData<SmallResult> RunSmallComponents(Simulation& sim, std::uint32_t k) {
  const std::uint32_t radius = 4 * k - 1;
  SmallProgram program;
  program.radius = radius;
  program.cap = MooreBound(sim.knowledge().max_degree, radius);
  return sim.Run(program, sim.Constant(NoInput{}), "bep-small-components");
}

std::vector<std::uint8_t> CanonicalBrooksColouring(const Graph& component,
                                                   std::span<const NodeId> ids,
                                                   std::uint32_t max_degree) {
  const Vertex n = component.num_vertices();
  if (ids.size() != n) {
    throw std::invalid_argument("Brooks colouring: one ID per vertex needed");
  }
  if (max_degree < 3) {
    throw std::invalid_argument("Brooks colouring: needs Δ >= 3");
  }
  if (n == 0) return {};
  if (component.max_degree() > max_degree) {
    throw std::invalid_argument("Brooks colouring: a degree exceeds Δ = " +
                                std::to_string(max_degree));
  }
  std::vector<Vertex> by_id(n);
  for (Vertex v = 0; v < n; ++v) by_id[v] = v;
  std::sort(by_id.begin(), by_id.end(),
            [&](Vertex a, Vertex b) { return ids[a] < ids[b]; });
  std::vector<std::uint32_t> rank(n);
  for (Vertex i = 0; i < n; ++i) rank[by_id[i]] = i;
  Adjacency adj(n);
  for (Vertex v = 0; v < n; ++v) {
    for (Vertex w : component.neighbors(v)) adj[rank[v]].push_back(rank[w]);
    std::sort(adj[rank[v]].begin(), adj[rank[v]].end());
  }
  if (BfsOrder(adj, 0, std::vector<char>(n, 0)).size() != n) {
    throw std::invalid_argument("Brooks colouring: the graph is disconnected");
  }
  if (n == max_degree + 1 && component.min_degree() == max_degree) {
    throw std::invalid_argument("input contains K_" + std::to_string(n) +
                                " = K_{Δ+1} (Δ=" + std::to_string(max_degree) +
                                "): outside BEP-a's class");
  }
  const std::vector<std::uint8_t> ranked = BrooksRanked(adj, max_degree);
  std::vector<std::uint8_t> colour(n);
  for (Vertex v = 0; v < n; ++v) colour[v] = ranked[rank[v]];
  return colour;
}

}  // namespace fcsim
