#include "algorithms/blocks/ball_gather.h"

#include <algorithm>
#include <unordered_map>

#include "sim/audit.h"

namespace fcsim {
namespace {

using Item = BallGatherProgram::Item;

// Inserts keeping order; true when new.
bool AddVertex(LocalBall& ball, const BallVertex& v) {
  auto it = std::lower_bound(
      ball.vertices.begin(), ball.vertices.end(), v.id,
      [](const BallVertex& x, NodeId id) { return x.id < id; });
  if (it != ball.vertices.end() && it->id == v.id) return false;
  ball.vertices.insert(it, v);
  return true;
}

bool AddEdge(LocalBall& ball, std::pair<NodeId, NodeId> e) {
  auto it = std::lower_bound(ball.edges.begin(), ball.edges.end(), e);
  if (it != ball.edges.end() && *it == e) return false;
  ball.edges.insert(it, e);
  return true;
}

bool Contains(const LocalBall& ball, NodeId id) {
  return std::binary_search(
      ball.vertices.begin(), ball.vertices.end(), id,
      [](const auto& x, const auto& y) {
        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, NodeId>) {
          return x < y.id;
        } else {
          return x.id < y;
        }
      });
}

}  // namespace

void BallGatherProgram::Init(Context<BallGatherProgram>& ctx) const {
  LocalBall& ball = ctx.state().ball;
  ball.vertices.push_back(BallVertex{ctx.id(), ctx.degree(), 0});
  if (radius == 0) {
    ctx.Halt();
    return;
  }
  ctx.Send({Item{ctx.id(), 0, ctx.degree(), 0}});
}

void BallGatherProgram::Round(Context<BallGatherProgram>& ctx) const {
  LocalBall& ball = ctx.state().ball;
  const std::uint32_t t = ctx.round();
  const std::uint32_t last =
      extent == BallExtent::kInduced ? radius + 1 : radius;
  std::vector<Item> fresh;
  for (Port p = 0; p < ctx.degree(); ++p) {
    const std::span<const Item> in = ctx.Received(p);
    if (in.empty() || in.front().stamp != t - 1) continue;
    for (const Item& item : in) {
      if (item.b == 0) {
        // A vertex first heard in round t is at distance t; beyond the
        // radius (the extra round of kInduced) it is not kept.
        if (t <= radius && AddVertex(ball, {item.a, item.degree, t})) {
          fresh.push_back(Item{item.a, 0, item.degree, t});
        }
        if (t == 1) {
          // The neighbour's announcement gives the incident edge.
          const std::pair<NodeId, NodeId> e{std::min(item.a, ctx.id()),
                                            std::max(item.a, ctx.id())};
          if (AddEdge(ball, e)) fresh.push_back(Item{e.first, e.second, 0, t});
        }
      } else if (AddEdge(ball, {item.a, item.b})) {
        fresh.push_back(Item{item.a, item.b, 0, t});
      }
    }
  }
  if (t >= last) {
    // Keep only edges with both ends in the ball (kInduced hears a few
    // edges towards distance r + 1 in its extra round).
    std::erase_if(ball.edges, [&](const std::pair<NodeId, NodeId>& e) {
      return !Contains(ball, e.first) || !Contains(ball, e.second);
    });
    ctx.Halt();
    return;
  }
  if (!fresh.empty()) ctx.Send(std::move(fresh));
}

std::uint64_t BallGatherRoundBound(std::uint32_t radius, BallExtent extent) {
  if (radius == 0) return 0;
  return extent == BallExtent::kInduced ? radius + 1 : radius;
}

VertexData<LocalBall> GatherBalls(Simulation& sim, std::uint32_t radius,
                                  BallExtent extent) {
  return sim.Run(BallGatherProgram{radius, extent}, "ball-gather");
}

std::string VerifyBalls(const Graph& graph, std::span<const NodeId> ids,
                        std::uint32_t radius, BallExtent extent,
                        std::span<const LocalBall> balls) {
  const Vertex n = graph.num_vertices();
  if (balls.size() != n || ids.size() != n) {
    return "balls have the wrong number of vertices";
  }
  for (Vertex v = 0; v < n; ++v) {
    const std::vector<Vertex> members = Ball(graph, v, radius, ~0ull);
    std::unordered_map<Vertex, std::uint32_t> dist{{v, 0}};
    LocalBall truth;
    // Ball() lists vertices in BFS order: distances follow the order.
    for (Vertex u : members) {
      for (Vertex w : graph.neighbors(u)) {
        if (!dist.count(w) && dist[u] < radius) dist[w] = dist[u] + 1;
      }
    }
    for (Vertex u : members) {
      truth.vertices.push_back({ids[u], graph.degree(u), dist.at(u)});
      for (Vertex w : graph.neighbors(u)) {
        const auto it = dist.find(w);
        if (it == dist.end() || ids[u] >= ids[w]) continue;
        const bool seen = extent == BallExtent::kInduced ||
                          std::min(dist.at(u), it->second) + 1 <= radius;
        if (seen) truth.edges.push_back({ids[u], ids[w]});
      }
    }
    std::sort(
        truth.vertices.begin(), truth.vertices.end(),
        [](const BallVertex& a, const BallVertex& b) { return a.id < b.id; });
    std::sort(truth.edges.begin(), truth.edges.end());
    if (!(truth == balls[v])) {
      return "vertex " + std::to_string(v) + ": gathered ball has " +
             std::to_string(balls[v].vertices.size()) + " vertices and " +
             std::to_string(balls[v].edges.size()) + " edges, true ball " +
             std::to_string(truth.vertices.size()) + " and " +
             std::to_string(truth.edges.size());
    }
  }
  return "";
}

}  // namespace fcsim
