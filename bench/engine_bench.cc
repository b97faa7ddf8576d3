// Engine overhead benchmark (issue 2, acceptance 4 and 5).
//
// One broadcast round is new[v] = f(own state, neighbours' 8-byte states).
// The baseline is a hand-written loop over the same CSR arrays, in the same
// binary and the same run; the engine runs the same f as a vertex program
// (broadcast path with a state array, broadcast with the state folded into
// the message, and per-port). Reported per benchmark: time per round
// (ms_per_round: wall time of rounds 2..20 of a 20-round phase, timed by the
// engine's on_round hook; min_ms_per_round: the fastest single round;
// cpu_ms_per_round: process CPU time, all threads, of the same rounds;
// ms_per_round_with_setup: the whole phase, buffer set-up and Finish
// included, divided by 20), edges/s; and at the end a table of the medians
// over repetitions with the ratios engine/hand and per-port/broadcast per
// graph and thread count. On a shared, loaded machine the CPU-time and
// fastest-round ratios are the steadier ones.
//
//   build/bench/engine_bench --benchmark_repetitions=5
//     --benchmark_enable_random_interleaving=true   # 10^7 vertices
//   FCSIM_BENCH_N=1000000 build/bench/engine_bench  # smaller
//   build/bench/engine_bench --benchmark_filter=Memory  # 10^8 grid, alone
#include <benchmark/benchmark.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/hash_round.h"
#include "graphs/generators.h"
#include "sim/engine.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

constexpr std::uint32_t kRounds = 20;

// Process CPU time (all threads), in seconds.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) +
         1e-9 * static_cast<double>(ts.tv_nsec);
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
            double min_seconds, double cpu_seconds_per_round,
            std::uint64_t peak_rss) {
  state.counters["ms_per_round"] = seconds_per_round * 1e3;
  state.counters["min_ms_per_round"] = min_seconds * 1e3;
  state.counters["cpu_ms_per_round"] = cpu_seconds_per_round * 1e3;
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
  double cpu = 0;
  double fastest = 1e30;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = CpuSeconds();
    arena.execute([&] {
      auto round_start = start;
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
        const auto now = std::chrono::steady_clock::now();
        fastest = std::min(
            fastest, std::chrono::duration<double>(now - round_start).count());
        round_start = now;
      }
    });
    cpu += CpuSeconds() - cpu_start;
    total +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    benchmark::DoNotOptimize(cur.data());
  }
  const double rounds = static_cast<double>(state.iterations()) * kRounds;
  Report(state, g, total / rounds, fastest, cpu / rounds, 0);
}

template <typename Program>
void BM_Engine(benchmark::State& state, const std::string& graph_name) {
  const Instance& inst = GetInstance(graph_name);
  SimOptions opt;
  opt.threads = static_cast<int>(state.range(0));
  double total = 0;
  double rounds_only = 0;
  double cpu = 0;
  double fastest = 1e30;
  std::uint64_t peak = 0;
  // Round time proper: from the end of round 1 to the end of the last round
  // (on_round is called after each round), i.e. kRounds - 1 whole rounds.
  std::chrono::steady_clock::time_point first, last, prev;
  double cpu_first = 0;
  opt.on_round = [&](std::string_view, std::uint32_t round, std::uint64_t) {
    const auto now = std::chrono::steady_clock::now();
    if (round == 1) {
      first = now;
      cpu_first = CpuSeconds();
    } else {
      fastest =
          std::min(fastest, std::chrono::duration<double>(now - prev).count());
    }
    if (round == kRounds) {
      last = now;
      cpu += CpuSeconds() - cpu_first;
    }
    prev = now;
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
  const double rounds = static_cast<double>(state.iterations()) * (kRounds - 1);
  Report(state, inst.graph, rounds_only / rounds, fastest, cpu / rounds, peak);
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

// Prints, after the normal output, the medians over repetitions of each
// benchmark's per-round times and the ratios engine/hand and
// per-port/broadcast per graph and thread count.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
      // "EngineBroadcast/grid/2/iterations:2/real_time" -> ".../grid/2".
      std::string name = run.benchmark_name();
      name = name.substr(0, name.find("/iterations"));
      for (const char* counter :
           {"ms_per_round", "min_ms_per_round", "cpu_ms_per_round",
            "ms_per_round_with_setup", "edges_per_s"}) {
        auto it = run.counters.find(counter);
        if (it != run.counters.end()) {
          samples_[name + "|" + counter].push_back(it->second);
        }
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    if (samples_.empty()) return;  // e.g. the Memory benchmark alone
    std::printf(
        "\nmedians over repetitions (ms per round: wall / fastest round / "
        "process CPU; edges/s from the wall median):\n");
    for (const auto& [key, values] : samples_) {
      const std::string name = key.substr(0, key.find('|'));
      if (key.ends_with("|ms_per_round")) {
        std::printf(
            "  %-26s n=%zu  wall %8.2f  fastest %8.2f  cpu %8.2f  "
            "edges/s %.3g\n",
            name.c_str(), values.size(), Get(name, "ms_per_round"),
            Get(name, "min_ms_per_round"), Get(name, "cpu_ms_per_round"),
            Get(name, "edges_per_s"));
      }
    }
    std::printf("\nratios of the medians (wall / fastest round / CPU):\n");
    for (const char* graph : {"regular4", "grid"}) {
      for (int threads : {1, 2}) {
        const std::string suffix =
            std::string(graph) + "/" + std::to_string(threads);
        const std::string hand = "HandLoop/" + suffix;
        const std::string bcast = "EngineBroadcast/" + suffix;
        const std::string folded = "EngineFolded/" + suffix;
        const std::string port = "EnginePerPort/" + suffix;
        if (Get(hand, "ms_per_round") <= 0) continue;
        std::printf("  %-9s threads=%d", graph, threads);
        PrintRatio("engine/hand", bcast, hand);
        PrintRatio("folded/hand", folded, hand);
        PrintRatio("per-port/broadcast", port, bcast);
        if (Get(bcast, "ms_per_round_with_setup") > 0) {
          std::printf("  | with phase set-up: engine/hand %.2f",
                      Get(bcast, "ms_per_round_with_setup") /
                          Get(hand, "ms_per_round"));
        }
        std::printf("\n");
      }
    }
  }

 private:
  void PrintRatio(const char* label, const std::string& a,
                  const std::string& b) const {
    if (Get(a, "ms_per_round") <= 0 || Get(b, "ms_per_round") <= 0) return;
    std::printf("  %s %.2f / %.2f / %.2f", label,
                Get(a, "ms_per_round") / Get(b, "ms_per_round"),
                Get(a, "min_ms_per_round") / Get(b, "min_ms_per_round"),
                Get(a, "cpu_ms_per_round") / Get(b, "cpu_ms_per_round"));
  }
  // Median of the samples of one counter (0 when there are none).
  double Get(const std::string& name, const char* counter) const {
    auto it = samples_.find(name + "|" + counter);
    if (it == samples_.end() || it->second.empty()) return 0;
    std::vector<double> v = it->second;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
  std::map<std::string, std::vector<double>> samples_;
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
