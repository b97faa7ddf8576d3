// Gathering the radius-r ball: every vertex learns the IDs, degrees and
// distances of the vertices within distance r, and the edges among them,
// for steps that "compute something on the local view".
//
// Model: LOCAL, deterministic, variable-size messages (MessagePath::
// kVariable); nothing known. Each vertex announces (ID, degree); after
// round 1 it knows its incident edges; from then on every vertex forwards
// the items it learnt in the previous round (only new ones: the rest was
// already forwarded), so items travel one hop per round.
// Guarantee and rounds:
//  * BallExtent::kView, r rounds: every vertex within distance r, and every
//    edge with an endpoint within distance r - 1 (the classical r-round
//    LOCAL view; edges between two vertices at distance exactly r cannot
//    be known after r rounds).
//  * BallExtent::kInduced, r + 1 rounds: the subgraph induced by the
//    radius-r ball, i.e. also the edges between vertices at distance r.
// Degrees let the caller see which ball vertices have neighbours outside.
// Citation: folklore (the LOCAL model's "gather the ball", Linial 1992).
#ifndef FCSIM_ALGORITHMS_BLOCKS_BALL_GATHER_H_
#define FCSIM_ALGORITHMS_BLOCKS_BALL_GATHER_H_

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine.h"

namespace fcsim {

enum class BallExtent { kView, kInduced };

struct BallVertex {
  NodeId id = 0;
  std::uint32_t degree = 0;    // degree in G
  std::uint32_t distance = 0;  // from the gathering vertex
  bool operator==(const BallVertex&) const = default;
};

struct LocalBall {
  std::vector<BallVertex> vertices;              // sorted by ID
  std::vector<std::pair<NodeId, NodeId>> edges;  // (a < b), sorted
  bool operator==(const LocalBall&) const = default;
};

struct BallGatherProgram {
  // An announced vertex (b == 0) or an edge {a, b}, a < b.
  struct Item {
    NodeId a = 0;
    NodeId b = 0;
    std::uint32_t degree = 0;
    std::uint32_t stamp = 0;  // round sent, so persisting items read as stale
  };
  using Input = NoInput;
  using Message = Item;
  using Output = LocalBall;
  struct State {
    LocalBall ball;
  };
  static constexpr MessagePath kPath = MessagePath::kVariable;

  std::uint32_t radius = 1;
  BallExtent extent = BallExtent::kInduced;

  void Init(Context<BallGatherProgram>& ctx) const;
  void Round(Context<BallGatherProgram>& ctx) const;
  Output Finish(const State& s) const { return s.ball; }
};

std::uint64_t BallGatherRoundBound(std::uint32_t radius, BallExtent extent);

VertexData<LocalBall> GatherBalls(Simulation& sim, std::uint32_t radius,
                                  BallExtent extent = BallExtent::kInduced);

// Verifier: each vertex's ball equals the true one (computed serially from
// the graph and the IDs).
std::string VerifyBalls(const Graph& graph, std::span<const NodeId> ids,
                        std::uint32_t radius, BallExtent extent,
                        std::span<const LocalBall> balls);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_BALL_GATHER_H_
