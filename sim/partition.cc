#include "sim/partition.h"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <tuple>

namespace fcsim {

std::vector<Vertex> BlocksFromPrefix(
    std::uint64_t n, std::uint64_t total, int parts,
    const std::function<std::uint64_t(Vertex)>& prefix) {
  if (parts < 1) throw std::invalid_argument("at least one rank is needed");
  if (static_cast<std::uint64_t>(parts) > n) {
    throw std::invalid_argument("more ranks (" + std::to_string(parts) +
                                ") than vertices (" + std::to_string(n) + ")");
  }
  std::vector<Vertex> blocks(parts + 1, 0);
  blocks[parts] = static_cast<Vertex>(n);
  for (int k = 1; k < parts; ++k) {
    const std::uint64_t target =
        (static_cast<unsigned __int128>(total) * k + parts - 1) / parts;
    std::uint64_t lo = blocks[k - 1], hi = n;  // smallest v with prefix >=
    while (lo < hi) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      if (prefix(static_cast<Vertex>(mid)) >= target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    blocks[k] = static_cast<Vertex>(lo);
  }
  // Every rank owns at least one vertex (an edgeless stretch could leave a
  // block empty): spread ties.
  for (int k = 1; k < parts; ++k) {
    blocks[k] = std::max<Vertex>(blocks[k], blocks[k - 1] + 1);
  }
  for (int k = parts - 1; k >= 1; --k) {
    blocks[k] = std::min<Vertex>(blocks[k], blocks[k + 1] - 1);
  }
  return blocks;
}

std::vector<Vertex> RowSource::EdgeBalancedBlocks(int parts) const {
  const std::uint64_t n = num_vertices();
  constexpr std::uint64_t kChunk = 1 << 16;
  const std::uint64_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::uint64_t> chunk_prefix(chunks + 1, 0);
  tbb::parallel_for(std::uint64_t{0}, chunks, [&](std::uint64_t c) {
    std::uint64_t sum = 0;
    const std::uint64_t end = std::min(n, (c + 1) * kChunk);
    for (std::uint64_t v = c * kChunk; v < end; ++v) {
      sum += Degree(static_cast<Vertex>(v));
    }
    chunk_prefix[c + 1] = sum;
  });
  for (std::uint64_t c = 0; c < chunks; ++c) {
    chunk_prefix[c + 1] += chunk_prefix[c];
  }
  return BlocksFromPrefix(n, chunk_prefix[chunks], parts, [&](Vertex v) {
    const std::uint64_t c = v / kChunk;
    std::uint64_t sum = chunk_prefix[c];
    for (std::uint64_t u = c * kChunk; u < v; ++u) {
      sum += Degree(static_cast<Vertex>(u));
    }
    return sum;
  });
}

void GraphRowSource::AppendRow(Vertex v, std::vector<Vertex>* out) const {
  const auto row = g_.neighbors(v);
  out->insert(out->end(), row.begin(), row.end());
}

std::vector<Vertex> GraphRowSource::EdgeBalancedBlocks(int parts) const {
  return BlocksFromPrefix(g_.num_vertices(), g_.num_directed_edges(), parts,
                          [&](Vertex v) { return g_.edge_begin(v); });
}

int LocalPart::OwnerOf(Vertex v) const {
  return static_cast<int>(std::upper_bound(blocks.begin(), blocks.end(), v) -
                          blocks.begin()) -
         1;
}

LocalPart BuildLocalPart(const RowSource& source, int rank, int num_ranks) {
  return BuildLocalPart(source, rank, num_ranks,
                        source.EdgeBalancedBlocks(num_ranks));
}

LocalPart BuildLocalPart(const RowSource& source, int rank, int num_ranks,
                         std::vector<Vertex> blocks) {
  const std::uint64_t n = source.num_vertices();
  if (rank < 0 || rank >= num_ranks ||
      blocks.size() != static_cast<std::size_t>(num_ranks) + 1) {
    throw std::invalid_argument("partition: bad rank or block list");
  }
  LocalPart part;
  part.global_n = n;
  part.rank = rank;
  part.num_ranks = num_ranks;
  part.blocks = std::move(blocks);
  const Vertex lo = part.blocks[rank], hi = part.blocks[rank + 1];
  const Vertex owned = hi - lo;
  part.num_owned = owned;

  // Owned rows, global indices, in port order.
  std::vector<EdgeIndex> offsets(owned + 1, 0);
  tbb::parallel_for(Vertex{0}, owned,
                    [&](Vertex v) { offsets[v + 1] = source.Degree(lo + v); });
  for (Vertex v = 0; v < owned; ++v) offsets[v + 1] += offsets[v];
  const EdgeIndex owned_edges = offsets[owned];
  std::vector<Vertex> row_global(owned_edges);
  tbb::parallel_for(
      tbb::blocked_range<Vertex>(0, owned, 1024), [&](const auto& r) {
        std::vector<Vertex> row;
        for (Vertex v = r.begin(); v != r.end(); ++v) {
          row.clear();
          source.AppendRow(lo + v, &row);
          if (row.size() != offsets[v + 1] - offsets[v]) {
            throw std::invalid_argument(
                "partition: row of vertex " + std::to_string(lo + v) + " has " +
                std::to_string(row.size()) + " entries, its degree is " +
                std::to_string(offsets[v + 1] - offsets[v]));
          }
          for (Vertex u : row) {
            if (u >= n || u == lo + v) {
              throw std::invalid_argument(
                  "partition: vertex " + std::to_string(lo + v) +
                  " has a bad neighbour " + std::to_string(u));
            }
          }
          std::copy(row.begin(), row.end(), row_global.begin() + offsets[v]);
        }
      });

  // Ghosts: remote neighbours, sorted by global index.
  tbb::enumerable_thread_specific<std::vector<Vertex>> remote_parts;
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, owned_edges, 1 << 14),
                    [&](const auto& r) {
                      auto& mine = remote_parts.local();
                      for (EdgeIndex e = r.begin(); e != r.end(); ++e) {
                        const Vertex u = row_global[e];
                        if (u < lo || u >= hi) mine.push_back(u);
                      }
                    });
  std::vector<Vertex> ghosts;
  for (auto& v : remote_parts) ghosts.insert(ghosts.end(), v.begin(), v.end());
  tbb::parallel_sort(ghosts.begin(), ghosts.end());
  ghosts.erase(std::unique(ghosts.begin(), ghosts.end()), ghosts.end());
  const Vertex num_ghosts = static_cast<Vertex>(ghosts.size());
  auto local_of = [&](Vertex u) -> Vertex {
    if (u >= lo && u < hi) return u - lo;
    return owned + static_cast<Vertex>(
                       std::lower_bound(ghosts.begin(), ghosts.end(), u) -
                       ghosts.begin());
  };

  // Cross edges (owned v, ghost g, slot e), sorted by (v, g).
  std::vector<Vertex> adjacency(owned_edges);
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, owned_edges, 1 << 14),
                    [&](const auto& r) {
                      for (EdgeIndex e = r.begin(); e != r.end(); ++e) {
                        adjacency[e] = local_of(row_global[e]);
                      }
                    });
  row_global.clear();
  row_global.shrink_to_fit();
  std::vector<std::tuple<Vertex, Vertex, EdgeIndex>> cross;
  for (Vertex v = 0; v < owned; ++v) {
    for (EdgeIndex e = offsets[v]; e < offsets[v + 1]; ++e) {
      if (adjacency[e] >= owned) cross.emplace_back(v, adjacency[e], e);
    }
  }
  std::sort(cross.begin(), cross.end());

  // Ghost rows: their owned neighbours, ascending.
  std::vector<std::pair<Vertex, Vertex>> ghost_edges;  // (ghost, owned)
  ghost_edges.reserve(cross.size());
  for (const auto& [v, g, e] : cross) ghost_edges.emplace_back(g, v);
  std::sort(ghost_edges.begin(), ghost_edges.end());
  offsets.resize(static_cast<std::size_t>(owned) + num_ghosts + 1);
  std::size_t k = 0;
  for (Vertex g = owned; g < owned + num_ghosts; ++g) {
    while (k < ghost_edges.size() && ghost_edges[k].first == g) {
      adjacency.push_back(ghost_edges[k].second);
      ++k;
    }
    offsets[g + 1] = adjacency.size();
  }
  part.graph = Graph(std::move(offsets), std::move(adjacency));

  part.global.resize(static_cast<std::size_t>(owned) + num_ghosts);
  for (Vertex v = 0; v < owned; ++v) part.global[v] = lo + v;
  for (Vertex g = 0; g < num_ghosts; ++g) part.global[owned + g] = ghosts[g];

  // Neighbour ranks and their ghost ranges.
  for (Vertex g = 0; g < num_ghosts; ++g) {
    const int r = part.OwnerOf(ghosts[g]);
    if (part.neighbour_ranks.empty() || part.neighbour_ranks.back() != r) {
      part.neighbour_ranks.push_back(r);
      part.recv_begin.push_back(owned + g);
      part.recv_end.push_back(owned + g);
    }
    part.recv_end.back() = owned + g + 1;
  }
  const std::size_t nr = part.neighbour_ranks.size();
  part.send_vertices.assign(nr, {});
  part.send_edges.assign(nr, {});
  part.send_edge_offsets.assign(nr, {});
  auto rank_index = [&](Vertex g) {
    return static_cast<std::size_t>(
        std::upper_bound(part.recv_begin.begin(), part.recv_begin.end(), g) -
        part.recv_begin.begin() - 1);
  };
  for (const auto& [v, g, e] : cross) {
    const std::size_t i = rank_index(g);
    auto& verts = part.send_vertices[i];
    if (verts.empty() || verts.back() != v) {
      verts.push_back(v);
      part.send_edge_offsets[i].push_back(
          static_cast<std::uint32_t>(part.send_edges[i].size()));
    }
    part.send_edges[i].push_back(e);
  }
  for (std::size_t i = 0; i < nr; ++i) {
    part.send_edge_offsets[i].push_back(
        static_cast<std::uint32_t>(part.send_edges[i].size()));
  }
  return part;
}

}  // namespace fcsim
