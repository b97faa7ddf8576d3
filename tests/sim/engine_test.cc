// Pins down the engine contract: message timing, per-phase rounds, halting,
// waiting and active sets, the three message paths, determinism across
// thread counts, random streams, errors, and the locality audit.
#include "sim/engine.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <random>
#include <utility>
#include <vector>

#include "sim/audit.h"
#include "sim/ids.h"
#include "sim/rng.h"

namespace fcsim {
namespace {

Graph PathGraph(Vertex n) {
  std::vector<std::pair<Vertex, Vertex>> edges;
  for (Vertex v = 0; v + 1 < n; ++v) edges.push_back({v, v + 1});
  return Graph::FromEdges(n, edges);
}

Graph CycleGraph(Vertex n) {
  std::vector<std::pair<Vertex, Vertex>> edges;
  for (Vertex v = 0; v < n; ++v) edges.push_back({v, (v + 1) % n});
  return Graph::FromEdges(n, edges);
}

// A random graph with a degree cap, built without the generators library.
Graph RandomGraph(Vertex n, std::uint64_t m, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::vector<std::pair<Vertex, Vertex>> edges;
  for (std::uint64_t i = 0; i < m; ++i) {
    edges.push_back(
        {static_cast<Vertex>(gen() % n), static_cast<Vertex>(gen() % n)});
  }
  return Graph::FromEdges(n, edges);
}

std::vector<NodeId> Ids(const Graph& g, IdScheme scheme = IdScheme::kIdentity,
                        std::uint64_t seed = 3) {
  return AssignIds(g, scheme, seed);
}

// Vertex with ID 1 starts sending a token in round `kStart`; every vertex
// records the first round in which it sees a token and forwards it once.
struct TokenTiming {
  static constexpr std::uint32_t kStart = 3;
  struct State {
    std::uint32_t first_seen = 0;
  };
  using Input = NoInput;
  using Message = std::uint8_t;
  using Output = std::uint32_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<TokenTiming>&) const {}
  void Round(Context<TokenTiming>& ctx) const {
    if (ctx.state().first_seen == 0) {
      bool token = ctx.id() == 1 && ctx.round() == kStart;
      for (Port p = 0; p < ctx.degree(); ++p) token |= ctx.Received(p) != 0;
      if (token) {
        ctx.state().first_seen = ctx.round();
        ctx.Send(1);
      }
    }
    if (ctx.round() == 12) ctx.Halt();
  }
  Output Finish(const State& s) const { return s.first_seen; }
};

TEST(Engine, MessageSentInRoundRIsSeenInRoundRPlusOne) {
  Graph g = PathGraph(6);
  auto ids = Ids(g);
  Simulation sim(g, ids, Knowledge{}, SimOptions{});
  auto out = Simulation::Release(sim.Run(TokenTiming{}, "token"));
  // Vertex 0 (ID 1) sends in round 3; vertex d hears it in round 3 + d.
  for (Vertex v = 0; v < 6; ++v) EXPECT_EQ(out[v], TokenTiming::kStart + v);
  EXPECT_EQ(sim.stats().rounds, 12u);
}

// Halts at round `id mod 5` (round 0 = Init); counts its own invocations.
struct StaggeredHalt {
  struct State {
    std::uint32_t calls = 0;
    std::uint32_t halted_at = 0;
  };
  using Input = NoInput;
  using Message = std::uint32_t;
  using Output = State;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<StaggeredHalt>& ctx) const { Step(ctx); }
  void Round(Context<StaggeredHalt>& ctx) const { Step(ctx); }
  static void Step(Context<StaggeredHalt>& ctx) {
    ++ctx.state().calls;
    if (ctx.round() == ctx.id() % 5) {
      ctx.state().halted_at = ctx.round();
      ctx.Halt();
    }
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, HaltedVerticesAreNotCalledAgainAndPhaseEndsWithLastHalt) {
  Graph g = CycleGraph(20);
  auto ids = Ids(g);
  Simulation sim(g, ids, Knowledge{}, SimOptions{});
  auto out = Simulation::Release(sim.Run(StaggeredHalt{}, "halt"));
  for (Vertex v = 0; v < 20; ++v) {
    EXPECT_EQ(out[v].halted_at, ids[v] % 5);
    EXPECT_EQ(out[v].calls, ids[v] % 5 + 1);
  }
  EXPECT_EQ(sim.stats().rounds, 4u);
  EXPECT_EQ(sim.stats().phases[0].vertex_activations,
            20u + 4 * 3 + 4 * 2 + 4 * 1 + 4 * 0 + 4 * 4);
}

// Runs exactly `rounds` rounds, adding its input to what it outputs, so that
// phases can be chained.
struct FixedRounds {
  std::uint32_t rounds;
  using Input = std::uint64_t;
  using State = std::uint64_t;
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<FixedRounds>& ctx) const {
    ctx.state() = ctx.input();
    ctx.Send(ctx.state());
    if (rounds == 0) ctx.Halt();
  }
  void Round(Context<FixedRounds>& ctx) const {
    std::uint64_t sum = ctx.state();
    for (Port p = 0; p < ctx.degree(); ++p) sum += ctx.Received(p);
    ctx.state() = sum % 1000003;
    ctx.Send(ctx.state());
    if (ctx.round() == rounds) ctx.Halt();
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, PhasesComposeAndRoundsAreReportedPerPhase) {
  Graph g = CycleGraph(50);
  auto ids = Ids(g);
  Simulation sim(g, ids, Knowledge{}, SimOptions{});
  auto a = sim.Run(FixedRounds{2}, sim.Constant<std::uint64_t>(1), "first");
  auto b = sim.Run(FixedRounds{5}, a, "second");
  auto c = sim.Run(FixedRounds{0}, b, "third");
  ASSERT_EQ(sim.stats().phases.size(), 3u);
  EXPECT_EQ(sim.stats().phases[0].name, "first");
  EXPECT_EQ(sim.stats().phases[0].rounds, 2u);
  EXPECT_EQ(sim.stats().phases[1].rounds, 5u);
  EXPECT_EQ(sim.stats().phases[2].rounds, 0u);
  EXPECT_EQ(sim.stats().rounds, 7u);
  // On a cycle every vertex sees the same values: after 2 rounds 9, then
  // 5 more rounds of tripling.
  auto out = Simulation::Release(std::move(c));
  std::uint64_t expect = 9;
  for (int i = 0; i < 5; ++i) expect = expect * 3 % 1000003;
  for (auto x : out) EXPECT_EQ(x, expect);
  // Each round, each vertex sends one 64-bit message to each of 2 ports.
  EXPECT_EQ(sim.stats().phases[0].messages, 50u * 2 * 3);
  EXPECT_EQ(sim.stats().phases[0].message_bits, 50u * 2 * 3 * 64);
  EXPECT_EQ(sim.stats().max_message_bits, 64u);
}

// Randomised: every vertex draws, exchanges the draw, and keeps a hash of
// everything seen. Output depends on streams, messages and ports.
struct RandomMix {
  using Input = NoInput;
  using State = std::uint64_t;
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<RandomMix>& ctx) const {
    ctx.state() = ctx.rng().Next();
    ctx.Send(ctx.state());
  }
  void Round(Context<RandomMix>& ctx) const {
    std::uint64_t h = ctx.state();
    for (Port p = 0; p < ctx.degree(); ++p) h = HashWords(h, ctx.Received(p));
    ctx.state() = HashWords(h, ctx.rng().Next());
    // Vertices drop out at random times, so the active set shrinks.
    if (ctx.rng().Bernoulli(0.3) || ctx.round() == 8) {
      ctx.Halt();
    } else {
      ctx.Send(ctx.state());
    }
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, OutputsAndStatsAreIdenticalFor1To4Threads) {
  Graph g = RandomGraph(20000, 50000, 11);
  auto ids = Ids(g, IdScheme::kRandomSparse);
  std::vector<std::uint64_t> reference;
  RunStats reference_stats;
  for (int threads : {1, 2, 4}) {
    SimOptions opt;
    opt.threads = threads;
    opt.seed = 99;
    Simulation sim(g, ids, Knowledge{}, opt);
    auto out = Simulation::Release(sim.Run(RandomMix{}, "mix"));
    if (threads == 1) {
      reference = out;
      reference_stats = sim.stats();
    } else {
      EXPECT_EQ(out, reference) << threads << " threads";
      EXPECT_TRUE(sim.stats().SameCounts(reference_stats)) << threads;
    }
  }
  // A different seed changes the outcome.
  SimOptions opt;
  opt.seed = 100;
  Simulation sim(g, ids, Knowledge{}, opt);
  EXPECT_NE(Simulation::Release(sim.Run(RandomMix{}, "mix")), reference);
}

TEST(Engine, RandomStreamIsAPureFunctionOfSeedIdPhaseRoundDraw) {
  RandomStream a(7, 42, 1, 3), b(7, 42, 1, 3);
  std::vector<std::uint64_t> draws;
  for (int i = 0; i < 5; ++i) draws.push_back(a.Next());
  for (int i = 4; i >= 0; --i) EXPECT_EQ(b.At(i), draws[i]);
  EXPECT_NE(RandomStream(8, 42, 1, 3).At(0), draws[0]);
  EXPECT_NE(RandomStream(7, 43, 1, 3).At(0), draws[0]);
  EXPECT_NE(RandomStream(7, 42, 2, 3).At(0), draws[0]);
  EXPECT_NE(RandomStream(7, 42, 1, 4).At(0), draws[0]);
  // Unbiased bounded draws stay in range.
  for (int i = 0; i < 1000; ++i) EXPECT_LT(a.Below(7), 7u);
}

// BFS from the vertex with ID 1 using Wait(): only the frontier acts, so
// long paths run almost entirely over the sparse active set.
struct WaitingBfs {
  static constexpr std::uint32_t kUnset = ~std::uint32_t{0};
  using Input = NoInput;
  using State = std::uint32_t;
  using Message = std::uint32_t;  // distance + 1; 0 = nothing yet
  using Output = std::uint32_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<WaitingBfs>& ctx) const {
    ctx.state() = kUnset;
    if (ctx.id() == 1) {
      ctx.state() = 0;
      ctx.Send(1);
      ctx.Halt();
    } else {
      ctx.Wait();
    }
  }
  void Round(Context<WaitingBfs>& ctx) const {
    for (Port p = 0; p < ctx.degree(); ++p) {
      if (ctx.Received(p) != 0) {
        ctx.state() = std::min(ctx.state(), ctx.Received(p));
      }
    }
    if (ctx.state() != kUnset) {
      ctx.Send(ctx.state() + 1);
      ctx.Halt();
    } else {
      ctx.Wait();
    }
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, ActiveSetExecutionMatchesDenseExecution) {
  Graph g = PathGraph(3000);
  auto ids = Ids(g, IdScheme::kIdentity);
  SimOptions dense;
  dense.sparse_divisor = 0;
  SimOptions sparse;  // default: active-set rounds when few vertices act
  Simulation a(g, ids, Knowledge{}, dense), b(g, ids, Knowledge{}, sparse);
  auto out_a = Simulation::Release(a.Run(WaitingBfs{}, "bfs"));
  auto out_b = Simulation::Release(b.Run(WaitingBfs{}, "bfs"));
  EXPECT_EQ(out_a, out_b);
  for (Vertex v = 0; v < 3000; ++v) EXPECT_EQ(out_a[v], v);
  EXPECT_TRUE(a.stats().SameCounts(b.stats()));
  EXPECT_EQ(a.stats().rounds, 2999u);
  EXPECT_EQ(a.stats().phases[0].sparse_rounds, 0u);
  EXPECT_GT(b.stats().phases[0].sparse_rounds, 2900u);
  // Waiting vertices are not invoked: Init everywhere plus one wake-up each.
  EXPECT_EQ(b.stats().phases[0].vertex_activations, 3000u + 2999u);
}

// Runs program P once per (skip_empty_rounds, sparse_divisor, threads)
// combination, in that nesting order; outputs and stats by combination.
template <typename P>
struct ConfigRuns {
  std::vector<std::vector<typename P::Output>> outs;
  std::vector<RunStats> stats;
};
template <typename P>
ConfigRuns<P> RunEachConfig(const Graph& g, const std::vector<NodeId>& ids,
                            std::initializer_list<bool> skips,
                            std::initializer_list<std::uint32_t> divisors,
                            std::initializer_list<int> threads) {
  ConfigRuns<P> runs;
  for (bool skip : skips) {
    for (std::uint32_t divisor : divisors) {
      for (int t : threads) {
        SimOptions opt;
        opt.sparse_divisor = divisor;
        opt.skip_empty_rounds = skip;
        opt.threads = t;
        Simulation sim(g, ids, Knowledge{}, opt);
        runs.outs.push_back(Simulation::Release(sim.Run(P{}, "phase")));
        runs.stats.push_back(sim.stats());
      }
    }
  }
  return runs;
}

// Each vertex sleeps until round (ID mod 50) + 2, then records the round
// it woke in, whether each neighbour sent in the previous round, and halts.
// Vertices with an ID divisible by 7 send their ID in every round they run.
struct Sleeper {
  struct State {
    std::uint32_t woke = 0;
    std::uint32_t fresh_ports = 0;  // neighbours that sent last round
    std::uint64_t last_sent_echo = 0;
  };
  using Input = NoInput;
  using Message = std::uint64_t;
  using Output = State;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  static std::uint32_t WakeRound(NodeId id) { return id % 50 + 2; }
  void Init(Context<Sleeper>& ctx) const {
    if (ctx.id() % 7 == 0) ctx.Send(ctx.id());
    ctx.SleepUntil(WakeRound(ctx.id()));
  }
  void Round(Context<Sleeper>& ctx) const {
    State& s = ctx.state();
    if (ctx.id() % 7 == 0) {
      s.last_sent_echo = ctx.LastSent();  // what it sent in Init
      ctx.Send(ctx.id());
    }
    s.woke = ctx.round();
    for (Port p = 0; p < ctx.degree(); ++p)
      s.fresh_ports += ctx.NeighbourSent(p);
    ctx.Halt();
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, SleepUntilWakesAtTheRoundAndNeighbourSentSeesLastRound) {
  Graph g = RandomGraph(4000, 5000, 11);
  auto ids = Ids(g, IdScheme::kRandomPermutation);
  const auto [outs, stats] =
      RunEachConfig<Sleeper>(g, ids, {true}, {0u, 20u}, {1, 2});
  for (std::size_t i = 1; i < outs.size(); ++i) {
    for (Vertex v = 0; v < g.num_vertices(); ++v) {
      ASSERT_EQ(outs[i][v].woke, outs[0][v].woke);
      ASSERT_EQ(outs[i][v].fresh_ports, outs[0][v].fresh_ports);
    }
    EXPECT_TRUE(stats[i].SameCounts(stats[0]));
  }
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    const NodeId id = ids[v];
    // Asleep until its round: called then, not before (woke == 1 would mean
    // it ran in round 1).
    EXPECT_EQ(outs[0][v].woke, Sleeper::WakeRound(id));
    // The previous round's senders are the neighbours with ID = 0 mod 7 that
    // woke in that round (Init counts as round 0, never "previous").
    std::uint32_t expected = 0;
    for (Vertex u : g.neighbors(v)) {
      expected += ids[u] % 7 == 0 &&
                  Sleeper::WakeRound(ids[u]) + 1 == Sleeper::WakeRound(id);
    }
    EXPECT_EQ(outs[0][v].fresh_ports, expected) << "vertex " << v;
    if (id % 7 == 0) {
      EXPECT_EQ(outs[0][v].last_sent_echo, id);
    }
  }
  // Only Init and one wake-up per vertex: sleeping costs no activations.
  EXPECT_EQ(stats[0].phases[0].vertex_activations, 2 * 4000u);
  EXPECT_EQ(stats[0].rounds, 49u + 2);
  EXPECT_GT(stats[2].phases[0].sparse_rounds, 40u);
  // The property is not vacuous: some vertices saw a fresh message.
  std::uint64_t fresh = 0;
  for (const auto& o : outs[0]) fresh += o.fresh_ports;
  EXPECT_GT(fresh, 10u);
}

// Two long sleeps with gaps of both parities: wakes at W1(id), sends its ID
// there when ID = 0 mod 5, sleeps until W2(id), records again and halts.
// Most rounds are empty, so the engine skips them.
struct LongSleeper {
  struct State {
    std::uint32_t woke[2] = {0, 0};
    std::uint32_t fresh[2] = {0, 0};  // neighbours that sent the round before
    bool operator==(const State&) const = default;
  };
  using Input = NoInput;
  using Message = std::uint64_t;
  using Output = State;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  static std::uint32_t W1(NodeId id) {
    return 2 + (id % 40) * 997 + (id / 40) % 2;
  }
  static std::uint32_t W2(NodeId id) { return W1(id) + 3 + (id % 7) * 5003; }
  static bool Sends(NodeId id) { return id % 5 == 0; }
  void Init(Context<LongSleeper>& ctx) const { ctx.SleepUntil(W1(ctx.id())); }
  void Round(Context<LongSleeper>& ctx) const {
    State& s = ctx.state();
    const int i = ctx.round() == W1(ctx.id()) ? 0 : 1;
    s.woke[i] = ctx.round();
    for (Port p = 0; p < ctx.degree(); ++p) s.fresh[i] += ctx.NeighbourSent(p);
    if (Sends(ctx.id())) ctx.Send(ctx.id());
    if (i == 0) {
      ctx.SleepUntil(W2(ctx.id()));
    } else {
      ctx.Halt();
    }
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, EmptyRoundsAreSkippedWithoutChangingAnything) {
  Graph g = RandomGraph(3000, 4000, 17);
  auto ids = Ids(g, IdScheme::kRandomPermutation);
  const auto [outs, stats] =
      RunEachConfig<LongSleeper>(g, ids, {false, true}, {0u, 20u}, {2});
  for (std::size_t i = 1; i < outs.size(); ++i) {
    EXPECT_EQ(outs[i], outs[0]) << "run " << i;
    EXPECT_TRUE(stats[i].SameCounts(stats[0])) << "run " << i;
  }
  // Same sparse-round count with and without skipping.
  EXPECT_EQ(stats[3].phases[0].sparse_rounds, stats[1].phases[0].sparse_rounds);
  EXPECT_EQ(stats[1].phases[0].skipped_rounds, 0u);
  EXPECT_GT(stats[3].phases[0].skipped_rounds, stats[3].rounds / 2);
  // Against the schedule itself.
  std::uint32_t last = 0;
  std::uint64_t fresh = 0;
  auto sent_in = [&](Vertex u, std::uint32_t r) {
    const NodeId id = ids[u];
    return LongSleeper::Sends(id) &&
           (LongSleeper::W1(id) == r || LongSleeper::W2(id) == r);
  };
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    const NodeId id = ids[v];
    const std::uint32_t w[2] = {LongSleeper::W1(id), LongSleeper::W2(id)};
    for (int i = 0; i < 2; ++i) {
      ASSERT_EQ(outs[3][v].woke[i], w[i]);
      std::uint32_t expected = 0;
      for (Vertex u : g.neighbors(v)) expected += sent_in(u, w[i] - 1);
      ASSERT_EQ(outs[3][v].fresh[i], expected) << "vertex " << v;
      fresh += expected;
    }
    last = std::max(last, w[1]);
  }
  EXPECT_EQ(stats[3].rounds, last);
  EXPECT_GT(fresh, 0u);  // not vacuous: some wake-ups saw a fresh message
}

// Beacons (ID = 0 mod 9) sleep until B(id), send once and halt. Everyone
// else waits with a deadline (WaitUntil) three times in a row and records
// the rounds it was called in.
struct TimedWaiter {
  static constexpr bool kTimedWaits = true;
  struct State {
    std::array<std::uint32_t, 3> woke{};
    std::uint32_t count = 0;
    bool operator==(const State&) const = default;
  };
  using Input = NoInput;
  using Message = std::uint64_t;
  using Output = State;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  static bool Beacon(NodeId id) { return id % 9 == 0; }
  static std::uint32_t B(NodeId id) { return 3 + (id % 17) * 13; }
  static std::uint32_t FirstDeadline(NodeId id) { return 5 + (id % 23) * 11; }
  static std::uint32_t Gap(NodeId id) { return 1 + (id % 5) * 7; }
  void Init(Context<TimedWaiter>& ctx) const {
    if (Beacon(ctx.id())) {
      ctx.SleepUntil(B(ctx.id()));
    } else {
      ctx.WaitUntil(FirstDeadline(ctx.id()));
    }
  }
  void Round(Context<TimedWaiter>& ctx) const {
    State& s = ctx.state();
    if (Beacon(ctx.id())) {
      ctx.Send(ctx.id());
      ctx.Halt();
      return;
    }
    s.woke[s.count++] = ctx.round();
    if (s.count == 3) {
      ctx.Halt();
    } else {
      ctx.WaitUntil(ctx.round() + Gap(ctx.id()));
    }
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, WaitUntilWakesAtTheFirstMessageOrTheDeadline) {
  Graph g = RandomGraph(3000, 4500, 23);
  auto ids = Ids(g, IdScheme::kRandomPermutation);
  const auto [outs, stats] =
      RunEachConfig<TimedWaiter>(g, ids, {false, true}, {0u, 20u}, {1, 2});
  for (std::size_t i = 1; i < outs.size(); ++i) {
    EXPECT_EQ(outs[i], outs[0]) << "run " << i;
    EXPECT_TRUE(stats[i].SameCounts(stats[0])) << "run " << i;
  }
  EXPECT_GT(stats.back().phases[0].skipped_rounds, 0u);
  // Against the schedule: registered in round t0 with deadline d, a vertex
  // runs next in min(d, 1 + the first send round >= t0 of a beacon
  // neighbour).
  std::uint64_t by_message = 0, by_deadline = 0;
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    const NodeId id = ids[v];
    if (TimedWaiter::Beacon(id)) continue;
    std::uint32_t t0 = 0, deadline = TimedWaiter::FirstDeadline(id);
    for (int i = 0; i < 3; ++i) {
      std::uint32_t next = deadline;
      for (Vertex u : g.neighbors(v)) {
        if (!TimedWaiter::Beacon(ids[u])) continue;
        const std::uint32_t b = TimedWaiter::B(ids[u]);
        if (b >= t0) next = std::min(next, b + 1);
      }
      ASSERT_EQ(outs[0][v].woke[i], next) << "vertex " << v << " wake " << i;
      (next == deadline ? by_deadline : by_message) += 1;
      t0 = next;
      deadline = next + TimedWaiter::Gap(id);
    }
  }
  // Not vacuous: both kinds of wake-up happen.
  EXPECT_GT(by_message, 100u);
  EXPECT_GT(by_deadline, 100u);
}

TEST(Engine, ActiveSetsAgreeOnRandomisedProgramsAcrossThreads) {
  Graph g = RandomGraph(5000, 6000, 5);
  auto ids = Ids(g, IdScheme::kRandomPermutation);
  std::vector<std::uint64_t> ref;
  for (std::uint32_t divisor : {0u, 2u, 20u, 1000000u}) {
    for (int threads : {1, 2}) {
      SimOptions opt;
      opt.sparse_divisor = divisor;
      opt.threads = threads;
      Simulation sim(g, ids, Knowledge{}, opt);
      auto out = Simulation::Release(sim.Run(RandomMix{}, "mix"));
      if (ref.empty()) ref = out;
      EXPECT_EQ(out, ref) << divisor << " " << threads;
    }
  }
}

// Per-port: each vertex tells each neighbour the port it uses for it; the
// neighbour thereby learns its reverse ports.
struct PortEcho {
  using Input = NoInput;
  using State = std::vector<Port>;
  using Message = Port;
  using Output = std::vector<Port>;
  static constexpr MessagePath kPath = MessagePath::kPerPort;
  void Init(Context<PortEcho>& ctx) const {
    for (Port p = 0; p < ctx.degree(); ++p) ctx.SendTo(p, p);
  }
  void Round(Context<PortEcho>& ctx) const {
    for (Port p = 0; p < ctx.degree(); ++p) {
      ctx.state().push_back(ctx.Received(p));
    }
    ctx.Halt();
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, PerPortMessagesArriveOnTheRightPort) {
  Graph g = RandomGraph(500, 2000, 8);
  auto ids = Ids(g);
  Simulation sim(g, ids, Knowledge{}, SimOptions{});
  auto out = Simulation::Release(sim.Run(PortEcho{}, "ports"));
  const auto& rev = g.ReversePorts();
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    ASSERT_EQ(out[v].size(), g.degree(v));
    for (Port p = 0; p < g.degree(v); ++p) {
      EXPECT_EQ(out[v][p], rev[g.edge_begin(v) + p]);
      EXPECT_EQ(g.neighbor(g.neighbor(v, p), out[v][p]), v);
    }
  }
  EXPECT_EQ(sim.stats().messages, g.num_directed_edges());
  EXPECT_EQ(sim.stats().message_bits, g.num_directed_edges() * 32);
}

// Variable-size: in round 1 each vertex sends the sorted IDs of its
// neighbours; in round 2 it knows its radius-2 ball's IDs.
struct SecondNeighbourhood {
  using Input = NoInput;
  using State = std::vector<NodeId>;
  using Message = NodeId;
  using Output = std::vector<NodeId>;
  static constexpr MessagePath kPath = MessagePath::kVariable;
  void Init(Context<SecondNeighbourhood>& ctx) const { ctx.Send({ctx.id()}); }
  void Round(Context<SecondNeighbourhood>& ctx) const {
    std::vector<NodeId> seen{ctx.id()};
    for (Port p = 0; p < ctx.degree(); ++p) {
      auto m = ctx.Received(p);
      seen.insert(seen.end(), m.begin(), m.end());
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    ctx.state() = seen;
    if (ctx.round() == 2) {
      ctx.Halt();
    } else {
      ctx.Send(seen);
    }
  }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, VariableSizeMessagesGatherTheBall) {
  Graph g = RandomGraph(300, 500, 2);
  auto ids = Ids(g, IdScheme::kRandomSparse);
  Simulation sim(g, ids, Knowledge{}, SimOptions{});
  auto out = Simulation::Release(sim.Run(SecondNeighbourhood{}, "ball2"));
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    std::vector<Vertex> ball = Ball(g, v, 2, 1 << 20);
    std::vector<NodeId> expect;
    for (Vertex u : ball) expect.push_back(ids[u]);
    std::sort(expect.begin(), expect.end());
    EXPECT_EQ(out[v], expect) << v;
  }
  EXPECT_EQ(sim.stats().rounds, 2u);
  EXPECT_GT(sim.stats().max_message_bits, 64u);
}

struct NeverHalts {
  using Input = NoInput;
  using State = int;
  using Message = int;
  using Output = int;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<NeverHalts>&) const {}
  void Round(Context<NeverHalts>&) const {}
  Output Finish(const State& s) const { return s; }
};

struct WaitsForever {
  using Input = NoInput;
  using State = int;
  using Message = int;
  using Output = int;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<WaitsForever>& ctx) const { ctx.Wait(); }
  void Round(Context<WaitsForever>& ctx) const { ctx.Wait(); }
  Output Finish(const State& s) const { return s; }
};

TEST(Engine, BadArgumentsAndRunawayProgramsAreClearErrors) {
  Graph g = CycleGraph(10);
  auto ids = Ids(g);
  SimOptions zero;
  zero.threads = 0;
  EXPECT_THROW(Simulation(g, ids, Knowledge{}, zero), SimulationError);
  Graph empty;
  std::vector<NodeId> no_ids;
  EXPECT_THROW(Simulation(empty, no_ids, Knowledge{}, SimOptions{}),
               SimulationError);
  std::vector<NodeId> short_ids(5, 1);
  EXPECT_THROW(Simulation(g, short_ids, Knowledge{}, SimOptions{}),
               SimulationError);

  SimOptions limited;
  limited.max_rounds = 50;
  Simulation sim(g, ids, Knowledge{}, limited);
  try {
    sim.Run(NeverHalts{}, "spin");
    FAIL() << "expected a round-limit error";
  } catch (const SimulationError& e) {
    EXPECT_NE(std::string(e.what()).find("round limit of 50"),
              std::string::npos);
  }
  try {
    sim.Run(WaitsForever{}, "sleepers");
    FAIL() << "expected a stall error";
  } catch (const SimulationError& e) {
    EXPECT_NE(std::string(e.what()).find("stalled"), std::string::npos);
  }
}

// A deliberately non-local program: it counts, through a static variable,
// how many vertices exist. Its types let it compile; the audit catches it.
std::atomic<std::uint64_t> g_vertices_seen{0};
struct ReadsAStaticVariable {
  using Input = NoInput;
  using State = std::uint64_t;
  using Message = std::uint8_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<ReadsAStaticVariable>&) const { ++g_vertices_seen; }
  void Round(Context<ReadsAStaticVariable>& ctx) const {
    ctx.state() = g_vertices_seen.load() % 7;
    ctx.Halt();
  }
  Output Finish(const State& s) const { return s; }
};

TEST(LocalityAudit, FlagsANonLocalProgramAndPassesLocalOnes) {
  Graph g = RandomGraph(2000, 3000, 4);
  auto ids = Ids(g, IdScheme::kRandomPermutation);
  const Knowledge k{g.num_vertices(), g.max_degree(), g.num_vertices()};
  AuditOptions audit;
  audit.samples = 40;

  std::function<VertexData<std::uint64_t>(Simulation&)> cheat =
      [](Simulation& s) {
        g_vertices_seen = 0;
        return s.Run(ReadsAStaticVariable{}, "cheat");
      };
  Simulation sim(g, ids, k, SimOptions{});
  auto out = Simulation::Release(cheat(sim));
  const std::uint32_t rounds = sim.stats().rounds;
  AuditReport bad = LocalityAudit<std::uint64_t>(g, ids, k, SimOptions{}, cheat,
                                                 out, rounds, audit);
  EXPECT_FALSE(bad.ok()) << bad.Summary();
  EXPECT_GT(bad.mismatches.size(), 20u);

  std::function<VertexData<std::uint64_t>(Simulation&)> honest =
      [](Simulation& s) {
        auto a = s.Run(FixedRounds{3}, s.Constant<std::uint64_t>(2), "a");
        auto b = s.Run(RandomMix{}, "b");
        return s.Run(FixedRounds{2},
                     s.Map(s.Zip(a, b),
                           [](const auto& p) { return p.first ^ p.second; }),
                     "c");
      };
  Simulation sim2(g, ids, k, SimOptions{});
  auto out2 = Simulation::Release(honest(sim2));
  AuditReport good = LocalityAudit<std::uint64_t>(
      g, ids, k, SimOptions{}, honest, out2, sim2.stats().rounds, audit);
  EXPECT_TRUE(good.ok()) << good.Summary();
  EXPECT_GT(good.audited, 30u) << good.Summary();
  EXPECT_EQ(good.skipped, 0u);
  EXPECT_EQ(good.radius, sim2.stats().rounds + 1);
}

// Non-local through the engine's vertex order: the output is the number of
// Init calls before this vertex's (single thread), after enough rounds that
// the audit ball is the whole graph.
std::atomic<std::uint64_t> g_init_calls{0};
struct ReadsTheVertexOrder {
  std::uint32_t rounds;
  using Input = NoInput;
  using State = std::uint64_t;
  using Message = std::uint8_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<ReadsTheVertexOrder>& ctx) const {
    ctx.state() = g_init_calls++;
    ctx.SleepUntil(rounds);
  }
  void Round(Context<ReadsTheVertexOrder>& ctx) const { ctx.Halt(); }
  Output Finish(const State& s) const { return s; }
};

// Above max_ball, samples whose ball is the whole graph share one re-run on
// the graph renumbered from a sample; it passes local programs and flags one
// that depends on the vertex numbering.
TEST(LocalityAudit, WholeGraphBallsAreAuditedByOneRenumberedRun) {
  const Vertex n = 200;
  std::vector<std::pair<Vertex, Vertex>> edges;
  for (Vertex v = 0; v < n; ++v) edges.push_back({v, (v + 1) % n});
  const Graph g = Graph::FromEdges(n, edges);  // a cycle: eccentricity 100
  auto ids = Ids(g, IdScheme::kRandomPermutation);
  const Knowledge k{n, 2, n};
  AuditOptions audit;
  audit.samples = 6;
  audit.max_ball = 50;

  std::function<VertexData<std::uint64_t>(Simulation&)> honest =
      [](Simulation& s) {
        return s.Run(FixedRounds{120}, s.Constant<std::uint64_t>(1), "a");
      };
  Simulation sim(g, ids, k, SimOptions{});
  auto out = Simulation::Release(honest(sim));
  AuditReport good = LocalityAudit<std::uint64_t>(
      g, ids, k, SimOptions{}, honest, out, sim.stats().rounds, audit);
  EXPECT_TRUE(good.ok()) << good.Summary();
  EXPECT_EQ(good.audited, 6u);
  EXPECT_EQ(good.whole_graph, 6u);
  EXPECT_EQ(good.skipped, 0u);
  EXPECT_NE(good.Summary().find("whole graph"), std::string::npos);

  // Too few rounds for a whole-graph ball: balls of 2·31+1 > 50 vertices
  // are skipped, and reported so.
  std::function<VertexData<std::uint64_t>(Simulation&)> short_run =
      [](Simulation& s) {
        return s.Run(FixedRounds{30}, s.Constant<std::uint64_t>(1), "a");
      };
  Simulation sim_short(g, ids, k, SimOptions{});
  auto out_short = Simulation::Release(short_run(sim_short));
  AuditReport partial =
      LocalityAudit<std::uint64_t>(g, ids, k, SimOptions{}, short_run,
                                   out_short, sim_short.stats().rounds, audit);
  EXPECT_EQ(partial.whole_graph, 0u);
  EXPECT_EQ(partial.skipped, 6u);

  std::function<VertexData<std::uint64_t>(Simulation&)> cheat =
      [](Simulation& s) {
        g_init_calls = 0;
        return s.Run(ReadsTheVertexOrder{110}, "cheat");
      };
  Simulation sim2(g, ids, k, SimOptions{});
  auto out2 = Simulation::Release(cheat(sim2));
  AuditReport bad = LocalityAudit<std::uint64_t>(
      g, ids, k, SimOptions{}, cheat, out2, sim2.stats().rounds, audit);
  EXPECT_EQ(bad.whole_graph, 6u);
  EXPECT_FALSE(bad.ok()) << bad.Summary();
  EXPECT_GE(bad.mismatches.size(), 5u);
}

TEST(LocalityAudit, RandomisedProgramsPassBecauseStreamsAreLocal) {
  Graph g = RandomGraph(1000, 1500, 6);
  auto ids = Ids(g, IdScheme::kRandomSparse);
  const Knowledge k{g.num_vertices(), g.max_degree(),
                    IdRange(IdScheme::kRandomSparse, 1000)};
  std::function<VertexData<std::uint64_t>(Simulation&)> algo =
      [](Simulation& s) { return s.Run(RandomMix{}, "mix"); };
  SimOptions opt;
  opt.seed = 5;
  Simulation sim(g, ids, k, opt);
  auto out = Simulation::Release(algo(sim));
  AuditOptions audit;
  audit.samples = 25;
  AuditReport r = LocalityAudit<std::uint64_t>(g, ids, k, opt, algo, out,
                                               sim.stats().rounds, audit);
  EXPECT_TRUE(r.ok()) << r.Summary();
  EXPECT_EQ(r.skipped, 0u);
}

TEST(Ids, SchemesGiveDistinctIdsInRangeDeterministically) {
  Graph g = RandomGraph(5000, 8000, 9);
  for (IdScheme s : {IdScheme::kIdentity, IdScheme::kRandomPermutation,
                     IdScheme::kRandomSparse, IdScheme::kBfsAdversarial}) {
    auto ids = AssignIds(g, s, 17);
    EXPECT_EQ(ids, AssignIds(g, s, 17));
    auto sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
    EXPECT_GE(sorted.front(), 1u);
    EXPECT_LE(sorted.back(), IdRange(s, 5000));
    EXPECT_EQ(ParseIdScheme(IdSchemeName(s)), s);
  }
  auto perm = AssignIds(g, IdScheme::kRandomPermutation, 17);
  EXPECT_NE(perm, AssignIds(g, IdScheme::kRandomPermutation, 18));
  EXPECT_EQ(*std::max_element(perm.begin(), perm.end()), 5000u);
  // BFS IDs increase along a BFS from vertex 0.
  Graph p = PathGraph(10);
  auto bfs = AssignIds(p, IdScheme::kBfsAdversarial, 0);
  for (Vertex v = 0; v < 10; ++v) EXPECT_EQ(bfs[v], v + 1);
  EXPECT_THROW(ParseIdScheme("nope"), std::invalid_argument);
  EXPECT_EQ(IdRange(IdScheme::kRandomSparse, 100), 1000000u);
}

TEST(GraphCsr, ValidatesAndBuildsSubgraphsKeepingPorts) {
  EXPECT_THROW(Graph({0, 2}, {0}), std::invalid_argument);
  EXPECT_THROW(Graph({0, 1}, {5}), std::invalid_argument);
  Graph asym({0, 1, 1}, {1});
  EXPECT_THROW(asym.Validate(), std::invalid_argument);
  EdgeCleanup cleanup;
  std::vector<std::pair<Vertex, Vertex>> edges{{0, 1}, {1, 0}, {2, 2}, {1, 2}};
  Graph g = Graph::FromEdges(3, edges, &cleanup);
  EXPECT_EQ(cleanup.self_loops, 1u);
  EXPECT_EQ(cleanup.duplicates, 1u);
  EXPECT_EQ(g.num_edges(), 2u);
  g.Validate();
  EXPECT_EQ(g.max_degree(), 2u);
  EXPECT_EQ(g.min_degree(), 1u);
  std::vector<Vertex> keep{1, 2};
  Graph sub = g.InducedSubgraph(keep);
  EXPECT_EQ(sub.num_vertices(), 2u);
  EXPECT_EQ(sub.num_edges(), 1u);
}

}  // namespace
}  // namespace fcsim

namespace fcsim {
namespace {

TEST(LocalityAudit, SampleIsDistinctWithoutReplacementAndDeterministic) {
  for (Vertex n : {40u, 1000u, 1u << 30}) {
    AuditOptions opt;
    opt.samples = 32;
    opt.seed = 9;
    const std::vector<Vertex> a = AuditSample(n, opt);
    EXPECT_EQ(a.size(), 32u) << "n = " << n;  // no collisions lost
    EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
    EXPECT_EQ(std::adjacent_find(a.begin(), a.end()), a.end());
    for (Vertex v : a) EXPECT_LT(v, n);
    EXPECT_EQ(AuditSample(n, opt), a);
    opt.seed = 10;
    EXPECT_NE(AuditSample(n, opt), a);
  }
}

}  // namespace
}  // namespace fcsim
