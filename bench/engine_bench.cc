// Engine overhead benchmark (issue 2, acceptance 4 and 5).
//
// One broadcast round is new[v] = f(own state, neighbours' 8-byte states).
// The baseline is a hand-written loop over the same CSR arrays, in the same
// binary and the same run; the engine runs the same f as a vertex program
// (broadcast path and per-port path). Reported: time per round (ms_per_round:
// rounds 2..20 of a 20-round phase, timed by the engine's on_round hook;
// ms_per_round_with_setup: the whole phase, buffer set-up and Finish
// included, divided by 20), edges/s, and at the end the ratios engine/hand
// and per-port/broadcast per graph and thread count, for both.
//
//   build/bench/engine_bench                        # 10^7 vertices
//   FCSIM_BENCH_N=1000000 build/bench/engine_bench  # smaller
//   build/bench/engine_bench --benchmark_filter=Memory  # 10^8 grid, alone
#include <benchmark/benchmark.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graphs/generators.h"
#include "sim/engine.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

constexpr std::uint32_t kRounds = 20;

inline std::uint64_t Combine(std::uint64_t x, std::uint64_t y) {
  return x ^ (y + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2));
}

Vertex BenchN() {
  const char* env = std::getenv("FCSIM_BENCH_N");
  return env != nullptr ? static_cast<Vertex>(std::atof(env)) : 10'000'000;
}

struct Instance {
  Graph graph;
  std::vector<NodeId> ids;
};

// Graphs are built once per process and shared by the benchmarks.
const Instance& GetInstance(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Instance>> cache;
  auto& slot = cache[name];
  if (!slot) {
    slot = std::make_unique<Instance>();
    const Vertex n = BenchN();
    if (name == "grid") {
      const auto side = static_cast<Vertex>(std::lround(std::sqrt(n)));
      slot->graph = Grid({side, side});
    } else if (name == "grid100M") {
      slot->graph = Grid({10000, 10000});
    } else {
      slot->graph = RandomRegular(n, 4, 7);
    }
    slot->ids = AssignIds(slot->graph, IdScheme::kIdentity, 1);
  }
  return *slot;
}

struct HashRound {
  using Input = NoInput;
  using State = std::uint64_t;
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  std::uint32_t rounds;
  void Init(Context<HashRound>& ctx) const {
    ctx.state() = ctx.id();
    ctx.Send(ctx.state());
  }
  void Round(Context<HashRound>& ctx) const {
    std::uint64_t x = ctx.state();
    for (Port p = 0; p < ctx.degree(); ++p) x = Combine(x, ctx.Received(p));
    ctx.state() = x;
    ctx.Send(x);
    if (ctx.round() == rounds) ctx.Halt();
  }
  Output Finish(const State& s) const { return s; }
};

// The same round with the state kept in the broadcast message itself (the
// vertex reads back what it sent): one 8-byte value per vertex, as in the
// hand loop, instead of a state and a message.
struct HashRoundFolded {
  using Input = NoInput;
  struct State {};
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  std::uint32_t rounds;
  void Init(Context<HashRoundFolded>& ctx) const { ctx.Send(ctx.id()); }
  void Round(Context<HashRoundFolded>& ctx) const {
    std::uint64_t x = ctx.LastSent();
    for (Port p = 0; p < ctx.degree(); ++p) x = Combine(x, ctx.Received(p));
    ctx.Send(x);
    if (ctx.round() == rounds) ctx.Halt();
  }
  Output Finish(const State&) const { return 0; }
};

struct HashRoundPerPort {
  using Input = NoInput;
  using State = std::uint64_t;
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kPerPort;
  std::uint32_t rounds;
  void Init(Context<HashRoundPerPort>& ctx) const {
    ctx.state() = ctx.id();
    for (Port p = 0; p < ctx.degree(); ++p) ctx.SendTo(p, ctx.state());
  }
  void Round(Context<HashRoundPerPort>& ctx) const {
    std::uint64_t x = ctx.state();
    for (Port p = 0; p < ctx.degree(); ++p) x = Combine(x, ctx.Received(p));
    ctx.state() = x;
    for (Port p = 0; p < ctx.degree(); ++p) ctx.SendTo(p, x);
    if (ctx.round() == rounds) ctx.Halt();
  }
  Output Finish(const State& s) const { return s; }
};

void Report(benchmark::State& state, const Graph& g, double seconds_per_round,
            std::uint64_t peak_rss) {
  state.counters["ms_per_round"] = seconds_per_round * 1e3;
  state.counters["edges_per_s"] =
      static_cast<double>(g.num_directed_edges()) / seconds_per_round;
  if (peak_rss != 0) {
    state.counters["peak_rss_GiB"] = static_cast<double>(peak_rss) / (1 << 30);
  }
}

void BM_HandLoop(benchmark::State& state, const std::string& graph_name) {
  const Instance& inst = GetInstance(graph_name);
  const Graph& g = inst.graph;
  const int threads = static_cast<int>(state.range(0));
  const Vertex n = g.num_vertices();
  const EdgeIndex* off = g.offsets().data();
  const Vertex* adj = g.adjacency().data();
  std::vector<std::uint64_t> cur(inst.ids.begin(), inst.ids.end()), next(n);
  tbb::task_arena arena(threads);
  double total = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    arena.execute([&] {
      for (std::uint32_t r = 0; r < kRounds; ++r) {
        tbb::parallel_for(tbb::blocked_range<Vertex>(0, n, Simulation::kGrain),
                          [&](const tbb::blocked_range<Vertex>& range) {
                            for (Vertex v = range.begin(); v != range.end();
                                 ++v) {
                              std::uint64_t x = cur[v];
                              for (EdgeIndex e = off[v]; e != off[v + 1]; ++e) {
                                x = Combine(x, cur[adj[e]]);
                              }
                              next[v] = x;
                            }
                          });
        cur.swap(next);
      }
    });
    total +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    benchmark::DoNotOptimize(cur.data());
  }
  Report(state, g, total / state.iterations() / kRounds, 0);
}

template <typename Program>
void BM_Engine(benchmark::State& state, const std::string& graph_name) {
  const Instance& inst = GetInstance(graph_name);
  SimOptions opt;
  opt.threads = static_cast<int>(state.range(0));
  double total = 0;
  double rounds_only = 0;
  std::uint64_t peak = 0;
  // Round time proper: from the end of round 1 to the end of the last round
  // (on_round is called after each round), i.e. kRounds - 1 whole rounds.
  std::chrono::steady_clock::time_point first, last;
  opt.on_round = [&](std::string_view, std::uint32_t round, std::uint64_t) {
    if (round == 1) first = std::chrono::steady_clock::now();
    if (round == kRounds) last = std::chrono::steady_clock::now();
  };
  for (auto _ : state) {
    Simulation sim(inst.graph, inst.ids, Knowledge{}, opt);
    auto out = sim.Run(Program{kRounds}, "hash");
    benchmark::DoNotOptimize(out);
    // The phase clock includes the buffers' set-up, Init and Finish.
    total += sim.stats().wall_seconds;
    rounds_only += std::chrono::duration<double>(last - first).count();
    peak = sim.stats().peak_rss_bytes;
    if (sim.stats().rounds != kRounds) state.SkipWithError("wrong rounds");
  }
  Report(state, inst.graph, rounds_only / state.iterations() / (kRounds - 1),
         peak);
  state.counters["ms_per_round_with_setup"] =
      total / state.iterations() / kRounds * 1e3;
}

// Acceptance 5: one round on a 10^8-vertex grid, peak RSS from RunStats.
void BM_Memory(benchmark::State& state) {
  const Instance& inst = GetInstance("grid100M");
  SimOptions opt;
  opt.threads = 2;
  for (auto _ : state) {
    Simulation sim(inst.graph, inst.ids, Knowledge{}, opt);
    auto out = sim.Run(HashRound{1}, "one-round");
    benchmark::DoNotOptimize(out);
    state.counters["n"] = inst.graph.num_vertices();
    state.counters["rounds"] = sim.stats().rounds;
    state.counters["peak_rss_GiB"] =
        static_cast<double>(sim.stats().peak_rss_bytes) / (1 << 30);
    state.counters["wall_s"] = sim.stats().wall_seconds;
  }
}

// Prints engine/hand and per-port/broadcast ratios after the normal output.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      auto it = run.counters.find("ms_per_round");
      if (it != run.counters.end()) {
        // "EngineBroadcast/grid/2/iterations:2/real_time" -> ".../grid/2".
        std::string name = run.benchmark_name();
        name = name.substr(0, name.find("/iterations"));
        ms_[name] = it->second;
        auto setup = run.counters.find("ms_per_round_with_setup");
        if (setup != run.counters.end()) ms_[name + "+setup"] = setup->second;
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\nratios (time per round, same run):\n");
    for (const char* graph : {"regular4", "grid"}) {
      for (int threads : {1, 2}) {
        const std::string suffix =
            std::string(graph) + "/" + std::to_string(threads);
        const double hand = Get("HandLoop/" + suffix);
        const double bcast = Get("EngineBroadcast/" + suffix);
        const double port = Get("EnginePerPort/" + suffix);
        const double folded = Get("EngineFolded/" + suffix);
        if (hand > 0 && bcast > 0) {
          std::printf("  %-12s threads=%d  engine/hand = %.2f", graph, threads,
                      bcast / hand);
          if (port > 0)
            std::printf("  per-port/broadcast = %.2f", port / bcast);
          if (folded > 0) std::printf("  folded/hand = %.2f", folded / hand);
          const double bcast_setup =
              Get("EngineBroadcast/" + suffix + "+setup");
          const double port_setup = Get("EnginePerPort/" + suffix + "+setup");
          std::printf("  | with phase set-up: engine/hand = %.2f",
                      bcast_setup / hand);
          if (port_setup > 0) {
            std::printf("  per-port/broadcast = %.2f",
                        port_setup / bcast_setup);
          }
          std::printf("\n");
        }
      }
    }
  }

 private:
  double Get(const std::string& name) const {
    auto it = ms_.find(name);
    return it == ms_.end() ? 0 : it->second;
  }
  std::map<std::string, double> ms_;
};

}  // namespace
}  // namespace fcsim

int main(int argc, char** argv) {
  using namespace fcsim;
  for (const char* graph : {"regular4", "grid"}) {
    const std::string g = graph;
    benchmark::RegisterBenchmark(("HandLoop/" + g).c_str(), BM_HandLoop, g)
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(2)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("EngineBroadcast/" + g).c_str(),
                                 BM_Engine<HashRound>, g)
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(2)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("EngineFolded/" + g).c_str(),
                                 BM_Engine<HashRoundFolded>, g)
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(2)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("EnginePerPort/" + g).c_str(),
                                 BM_Engine<HashRoundPerPort>, g)
        ->Arg(1)
        ->Arg(2)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(2)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("Memory/grid100M", BM_Memory)
      ->Iterations(1)
      ->Unit(benchmark::kSecond)
      ->UseRealTime();
  // Initialize() consumes the flags it knows, so look for a filter first.
  bool filtered = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]).starts_with("--benchmark_filter")) filtered = true;
  }
  benchmark::Initialize(&argc, argv);
  // The 10^8 grid runs only when asked for by a filter (it needs its own
  // process so that its peak RSS is not inflated by the other graphs).
  RatioReporter reporter;
  if (filtered) {
    benchmark::RunSpecifiedBenchmarks(&reporter);
  } else {
    benchmark::RunSpecifiedBenchmarks(&reporter, "^(Hand|Engine)");
  }
  benchmark::Shutdown();
  return 0;
}
