#include "sim/ids.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "sim/rng.h"

namespace fcsim {
namespace {

constexpr NodeId kSparseCap = NodeId{1} << 62;

// A keyed pseudo-random permutation of [0, range) by a 4-round Feistel
// network on the next even power of two, with cycle walking back into range.
class FeistelPermutation {
 public:
  FeistelPermutation(std::uint64_t range, std::uint64_t seed) : range_(range) {
    int bits = 2;
    while (bits < 64 && (std::uint64_t{1} << bits) < range) bits += 2;
    half_bits_ = bits / 2;
    for (int i = 0; i < 4; ++i) keys_[i] = HashWords(seed, 0xfe15'7e10 + i);
  }
  std::uint64_t operator()(std::uint64_t x) const {
    do {
      x = Round(x);
    } while (x >= range_);
    return x;
  }

 private:
  std::uint64_t Round(std::uint64_t x) const {
    const std::uint64_t mask = (std::uint64_t{1} << half_bits_) - 1;
    std::uint64_t left = x >> half_bits_, right = x & mask;
    for (std::uint64_t key : keys_) {
      const std::uint64_t next = left ^ (HashWords(key, right) & mask);
      left = right;
      right = next;
    }
    return (left << half_bits_) | right;
  }
  std::uint64_t range_;
  int half_bits_;
  std::uint64_t keys_[4];
};

}  // namespace

IdScheme ParseIdScheme(std::string_view name) {
  if (name == "identity") return IdScheme::kIdentity;
  if (name == "permutation") return IdScheme::kRandomPermutation;
  if (name == "sparse") return IdScheme::kRandomSparse;
  if (name == "bfs") return IdScheme::kBfsAdversarial;
  throw std::invalid_argument(
      "unknown ID scheme '" + std::string(name) +
      "' (expected identity, permutation, sparse or bfs)");
}

std::string_view IdSchemeName(IdScheme scheme) {
  switch (scheme) {
    case IdScheme::kIdentity:
      return "identity";
    case IdScheme::kRandomPermutation:
      return "permutation";
    case IdScheme::kRandomSparse:
      return "sparse";
    case IdScheme::kBfsAdversarial:
      return "bfs";
  }
  return "?";
}

NodeId IdRange(IdScheme scheme, std::uint64_t n) {
  if (scheme != IdScheme::kRandomSparse) return std::max<NodeId>(n, 1);
  // n^3 capped at 2^62 (n^3 overflows 64 bits beyond n ~ 2.6e6).
  if (n >= (NodeId{1} << 20)) return kSparseCap;
  return std::max<NodeId>(n * n * n, 1);
}

std::vector<NodeId> AssignIds(const Graph& graph, IdScheme scheme,
                              std::uint64_t seed) {
  const Vertex n = graph.num_vertices();
  std::vector<NodeId> ids(n);
  switch (scheme) {
    case IdScheme::kIdentity:
      std::iota(ids.begin(), ids.end(), NodeId{1});
      break;
    case IdScheme::kRandomPermutation:
    case IdScheme::kRandomSparse: {
      // A keyed bijection applied to each index: parallel and deterministic.
      const NodeId range = IdRange(scheme, n);
      const FeistelPermutation perm(range, HashWords(seed, 0x1d5));
      tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
        for (Vertex v = r.begin(); v != r.end(); ++v) ids[v] = perm(v) + 1;
      });
      break;
    }
    case IdScheme::kBfsAdversarial: {
      // BFS from vertex 0 (then from each unreached vertex in index order).
      std::vector<Vertex> queue;
      queue.reserve(n);
      std::vector<bool> seen(n, false);
      NodeId next = 1;
      for (Vertex s = 0; s < n; ++s) {
        if (seen[s]) continue;
        seen[s] = true;
        queue.clear();
        queue.push_back(s);
        for (std::size_t head = 0; head < queue.size(); ++head) {
          const Vertex v = queue[head];
          ids[v] = next++;
          for (Vertex u : graph.neighbors(v)) {
            if (!seen[u]) {
              seen[u] = true;
              queue.push_back(u);
            }
          }
        }
      }
      break;
    }
  }
  return ids;
}

std::vector<NodeId> AssignIdsOf(IdScheme scheme, std::uint64_t n,
                                std::uint64_t seed,
                                std::span<const Vertex> vertices) {
  std::vector<NodeId> ids(vertices.size());
  switch (scheme) {
    case IdScheme::kIdentity:
      for (std::size_t i = 0; i < vertices.size(); ++i) {
        ids[i] = NodeId{vertices[i]} + 1;
      }
      return ids;
    case IdScheme::kRandomPermutation:
    case IdScheme::kRandomSparse: {
      const FeistelPermutation perm(IdRange(scheme, n), HashWords(seed, 0x1d5));
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, vertices.size()),
                        [&](const auto& r) {
                          for (std::size_t i = r.begin(); i != r.end(); ++i) {
                            ids[i] = perm(vertices[i]) + 1;
                          }
                        });
      return ids;
    }
    case IdScheme::kBfsAdversarial:
      break;
  }
  throw std::invalid_argument(
      "ID scheme 'bfs' needs the whole graph (a BFS order): not available "
      "per rank");
}

}  // namespace fcsim
