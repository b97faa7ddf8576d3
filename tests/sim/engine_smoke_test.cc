#include <gtest/gtest.h>

#include "sim/engine.h"

namespace fcsim {
namespace {

// Each vertex learns the largest ID within distance 2, in exactly 2 rounds.
struct MaxId2 {
  using Input = NoInput;
  using State = NodeId;
  using Message = NodeId;
  using Output = NodeId;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<MaxId2>& ctx) const {
    ctx.state() = ctx.id();
    ctx.Send(ctx.id());
  }
  void Round(Context<MaxId2>& ctx) const {
    for (Port p = 0; p < ctx.degree(); ++p) {
      ctx.state() = std::max(ctx.state(), ctx.Received(p));
    }
    if (ctx.round() == 2) {
      ctx.Halt();
    } else {
      ctx.Send(ctx.state());
    }
  }
  Output Finish(const State& s) const { return s; }
};

TEST(EngineSmoke, PathMaxWithinTwo) {
  std::vector<std::pair<Vertex, Vertex>> edges;
  for (Vertex v = 0; v + 1 < 10; ++v) edges.push_back({v, v + 1});
  Graph g = Graph::FromEdges(10, edges);
  std::vector<NodeId> ids(10);
  for (Vertex v = 0; v < 10; ++v) ids[v] = v + 1;
  Simulation sim(g, ids, Knowledge{}, SimOptions{});
  auto out = Simulation::Release(sim.Run(MaxId2{}, "max2"));
  for (Vertex v = 0; v < 10; ++v)
    EXPECT_EQ(out[v], std::min<NodeId>(v + 3, 10));
  EXPECT_EQ(sim.stats().rounds, 2u);
}

}  // namespace
}  // namespace fcsim
