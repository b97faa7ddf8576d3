// The engine's distributed mode (sim/partition.h, sim/comm.h) on P = 1..4
// in-process ranks: for each message path, with waiting, sleeping and
// halting vertices, the outputs and every deterministic RunStats field equal
// the single-process run's, and the rounds run sparse or dense alike.
#include <gtest/gtest.h>

#include <vector>

#include "graphs/generators.h"
#include "sim/engine.h"
#include "sim/inproc_comm.h"
#include "sim/partition.h"

namespace fcsim {
namespace {

// Per-port: in round r a vertex sends h(id, p, r) on the ports p with
// p + r odd only (the others keep their last message), sums what it
// receives weighted by port, and halts after round 6.
struct PortMix {
  using Input = NoInput;
  struct State {
    std::uint64_t sum = 0;
  };
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kPerPort;
  static Message H(NodeId id, Port p, std::uint32_t r) {
    return id * 1000003 + p * 101 + r;
  }
  void Init(Context<PortMix>& ctx) const {
    for (Port p = 0; p < ctx.degree(); ++p) ctx.SendTo(p, H(ctx.id(), p, 0));
  }
  void Round(Context<PortMix>& ctx) const {
    for (Port p = 0; p < ctx.degree(); ++p) {
      ctx.state().sum +=
          (p + 1) * ctx.Received(p) + (ctx.NeighbourSent(p) ? 7 : 0);
    }
    if (ctx.round() == 6) {
      ctx.Halt();
      return;
    }
    for (Port p = 0; p < ctx.degree(); ++p) {
      if ((p + ctx.round()) % 2 == 1) {
        ctx.SendTo(p, H(ctx.id(), p, ctx.round()));
      }
    }
  }
  Output Finish(const State& s) const { return s.sum; }
};

// Variable size: a vertex sends id % 4 copies of its round number in
// rounds where id % 3 != round % 3, collects sizes and contents, halts at 5.
struct VarMix {
  using Input = NoInput;
  struct State {
    std::uint64_t acc = 0;
  };
  using Message = std::uint32_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kVariable;
  void Init(Context<VarMix>& ctx) const {
    ctx.Send(std::vector<Message>(ctx.id() % 4, 0));
  }
  void Round(Context<VarMix>& ctx) const {
    for (Port p = 0; p < ctx.degree(); ++p) {
      for (Message m : ctx.Received(p))
        ctx.state().acc = ctx.state().acc * 31 + m + p;
      ctx.state().acc += ctx.Received(p).size();
    }
    if (ctx.round() == 5) {
      ctx.Halt();
    } else if (ctx.id() % 3 != ctx.round() % 3) {
      ctx.Send(std::vector<Message>(ctx.id() % 4, ctx.round()));
    }
  }
  Output Finish(const State& s) const { return s.acc; }
};

// Broadcast with Wait and SleepUntil: BFS distance from the vertices whose
// ID is divisible by 5; unreached vertices wait; every 4th vertex sleeps
// until round 3 first. Mostly sparse rounds.
struct Flood {
  using Input = NoInput;
  struct State {
    std::uint32_t dist = ~0u;
  };
  using Message = std::uint32_t;
  using Output = std::uint32_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<Flood>& ctx) const {
    if (ctx.id() % 5 == 0) {
      ctx.state().dist = 0;
      ctx.Send(1);  // messages carry distance + 1 (0 = not reached)
      ctx.Halt();
    } else if (ctx.id() % 4 == 0) {
      ctx.SleepUntil(3);
    } else {
      ctx.Wait();
    }
  }
  void Round(Context<Flood>& ctx) const {
    std::uint32_t best = ~0u;
    for (Port p = 0; p < ctx.degree(); ++p) {
      if (ctx.Received(p) != 0) best = std::min(best, ctx.Received(p));
    }
    if (best != ~0u) {
      ctx.state().dist = best;
      ctx.Send(best + 1);
      ctx.Halt();
    } else {
      ctx.Wait();
    }
  }
  Output Finish(const State& s) const { return s.dist; }
};

// Long sleeps whose wake rounds differ between ranks: most rounds are empty
// everywhere and skipped, which needs the global earliest wake round. The
// second wait is a SleepUntil, or with kTimed a WaitUntil (woken by
// whichever comes first, a neighbour's message or the round).
template <bool kTimed>
struct GapSleeper {
  static constexpr bool kTimedWaits = kTimed;
  using Input = NoInput;
  struct State {
    std::uint32_t sum = 0;
    bool second = false;
  };
  using Message = std::uint32_t;
  using Output = std::uint32_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  static std::uint32_t Wake(NodeId id) { return 2 + (id % 13) * 301 + id % 2; }
  void Init(Context<GapSleeper>& ctx) const { ctx.SleepUntil(Wake(ctx.id())); }
  void Round(Context<GapSleeper>& ctx) const {
    State& s = ctx.state();
    for (Port p = 0; p < ctx.degree(); ++p) {
      if (ctx.NeighbourSent(p)) s.sum += ctx.Received(p) + ctx.round();
    }
    if (s.second) {
      ctx.Halt();
      return;
    }
    s.second = true;
    if (ctx.id() % 3 != 0)
      ctx.Send(static_cast<std::uint32_t>(ctx.id() % 1000));
    const std::uint32_t until = ctx.round() + 1 + (ctx.id() % 5) * 700;
    if constexpr (kTimed) {
      ctx.WaitUntil(until);
    } else {
      ctx.SleepUntil(until);
    }
  }
  Output Finish(const State& s) const { return s.sum; }
};

template <typename P>
void ExpectSameDistributed(const Graph& g, std::uint32_t sparse_divisor) {
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kRandomSparse, 4);
  SimOptions opts;
  opts.sparse_divisor = sparse_divisor;
  Simulation single(g, ids, Knowledge{g.num_vertices(), g.max_degree(), 0},
                    opts);
  const std::vector<typename P::Output> want =
      Simulation::Release(single.Run(P{}, "phase"));
  const GraphRowSource rows(g);
  for (int ranks = 1; ranks <= 4; ++ranks) {
    SCOPED_TRACE(std::to_string(ranks) + " ranks");
    std::vector<std::vector<typename P::Output>> parts(ranks);
    std::vector<RunStats> stats(ranks);
    std::vector<LocalPart> locals(ranks);
    InProcessGroup group(ranks);
    group.Run([&](Communicator& comm) {
      LocalPart& part = locals[comm.rank()];
      part = BuildLocalPart(rows, comm.rank(), ranks);
      std::vector<NodeId> local_ids(part.num_local());
      for (Vertex v = 0; v < part.num_local(); ++v) {
        local_ids[v] = ids[part.global[v]];
      }
      SimOptions o = opts;
      o.threads = 1 + comm.rank() % 2;
      Simulation sim(part, comm, local_ids,
                     Knowledge{g.num_vertices(), g.max_degree(), 0}, o);
      parts[comm.rank()] = Simulation::Release(sim.Run(P{}, "phase"));
      stats[comm.rank()] = sim.stats();
    });
    std::vector<typename P::Output> got;
    for (int r = 0; r < ranks; ++r) {
      got.insert(got.end(), parts[r].begin(),
                 parts[r].begin() + locals[r].num_owned);
    }
    EXPECT_EQ(got, want);
    for (int r = 0; r < ranks; ++r) {
      EXPECT_TRUE(stats[r].SameCounts(single.stats())) << "rank " << r;
      EXPECT_EQ(stats[r].phases[0].sparse_rounds,
                single.stats().phases[0].sparse_rounds);
    }
  }
}

TEST(EngineDistributed, PerPortMessagesMatchTheSingleProcessEngine) {
  ExpectSameDistributed<PortMix>(RandomRegular(120, 5, 9), 20);
  ExpectSameDistributed<PortMix>(Grid({9, 8}), 20);
}

TEST(EngineDistributed, VariableSizeMessagesMatchTheSingleProcessEngine) {
  ExpectSameDistributed<VarMix>(RandomRegular(100, 3, 2), 20);
  ExpectSameDistributed<VarMix>(Grid({5, 4, 3}), 20);
}

TEST(EngineDistributed, WaitingAndSleepingMatchDenseAndSparse) {
  ExpectSameDistributed<Flood>(Grid({30, 20}), 20);  // mostly sparse
  ExpectSameDistributed<Flood>(Grid({30, 20}), 0);   // always dense
  ExpectSameDistributed<Flood>(RandomRegular(200, 3, 1), 2);
  ExpectSameDistributed<GapSleeper<false>>(Grid({30, 20}), 20);
  ExpectSameDistributed<GapSleeper<false>>(RandomRegular(200, 3, 1), 0);
  ExpectSameDistributed<GapSleeper<true>>(Grid({30, 20}), 20);
  ExpectSameDistributed<GapSleeper<true>>(RandomRegular(200, 3, 1), 0);
}

TEST(EngineDistributed, MismatchedRankIsAClearError) {
  const Graph g = Grid({4, 4});
  const GraphRowSource rows(g);
  InProcessGroup group(2);
  EXPECT_THROW(group.Run([&](Communicator& comm) {
    const LocalPart part = BuildLocalPart(rows, 1 - comm.rank(), 2);
    std::vector<NodeId> ids(part.num_local(), 1);
    Simulation sim(part, comm, ids, Knowledge{}, SimOptions{});
  }),
               SimulationError);
}

}  // namespace
}  // namespace fcsim
