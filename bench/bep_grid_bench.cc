// BEP-c (issue 6, acceptance 3): the 2-D grid of 10^6 vertices (1000 x 1000)
// at ε = 1/2 and 2 threads. Counters: rounds and the declared bound, the
// simulation wall time (sim_wall_s, the engine's phase clocks summed) and the
// whole harness run (wall_s: IDs, simulation, checker), the wall time of the
// phase groups (linial_s, mis_s, clusters_s), peak RSS, and the baseline
// measured in the same run: one dense round of the engine's plain broadcast
// loop (an 8-byte hash of the neighbours' values, every vertex awake) on the
// same grid. `dense_round_equivalents` = sim_wall_s / that round's time: the
// algorithm costs as much as that many dense broadcast rounds. The output is
// verified by the independent checker (no locality audit: at this size a
// sample is a second full run; papers/bep_grid.md has audited runs).
//
//   build/bench/bep_grid_bench                 # 1000 x 1000, ε = 1/2
//   FCSIM_BENCH_SIDE=316 build/bench/bep_grid_bench
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "algorithms/bep_grid.h"
#include "algorithms/harness.h"
#include "bench/hash_round.h"
#include "graphs/generators.h"
#include "sim/engine.h"
#include "sim/ids.h"
#include "sim/stats.h"

namespace fcsim {
namespace {

constexpr std::uint32_t kBaselineRounds = 20;

Vertex BenchSide() {
  const char* env = std::getenv("FCSIM_BENCH_SIDE");
  return env != nullptr ? static_cast<Vertex>(std::atol(env)) : 1000;
}

bool StartsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

void BM_BepGrid2D(benchmark::State& state) {
  const Vertex side = BenchSide();
  const Graph g = Grid({side, side});
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kRandomPermutation, 1);
  HarnessOptions options;
  options.sim.threads = 2;
  options.audit_locality = false;
  const FractionalAlgorithm alg = BepGridAlgorithm(Rational(1, 2));
  FractionalRunResult r;
  double wall = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    r = RunAndVerify(g, ids, alg, options);
    wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    if (!r.verdict.passed()) state.SkipWithError(r.verdict.ToString().c_str());
  }
  double linial = 0, mis = 0, clusters = 0;
  for (const PhaseStats& p : r.stats.phases) {
    if (StartsWith(p.name, "bep-grid-linial")) linial += p.wall_seconds;
    if (StartsWith(p.name, "bep-grid-mis")) mis += p.wall_seconds;
    if (StartsWith(p.name, "bep-grid-clusters")) clusters += p.wall_seconds;
  }
  // Baseline in the same process: kBaselineRounds dense rounds.
  SimOptions opt;
  opt.threads = 2;
  Simulation sim(g, ids, Knowledge{}, opt);
  benchmark::DoNotOptimize(sim.Run(HashRound{kBaselineRounds}, "hash"));
  const double dense_round = sim.stats().wall_seconds / kBaselineRounds;

  state.counters["n"] = static_cast<double>(g.num_vertices());
  state.counters["rounds"] = r.stats.rounds;
  state.counters["round_bound"] = static_cast<double>(r.round_bound);
  state.counters["sim_wall_s"] = r.stats.wall_seconds;
  state.counters["wall_s"] = wall;
  state.counters["linial_s"] = linial;
  state.counters["mis_s"] = mis;
  state.counters["clusters_s"] = clusters;
  state.counters["dense_round_ms"] = dense_round * 1e3;
  state.counters["dense_round_equivalents"] =
      r.stats.wall_seconds / dense_round;
  state.counters["peak_rss_GiB"] =
      static_cast<double>(PeakRssBytes()) / (1u << 30);
}
BENCHMARK(BM_BepGrid2D)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace fcsim

BENCHMARK_MAIN();
