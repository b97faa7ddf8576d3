// BEP-a (Δ = 4, ε = 1/2) on a random 4-regular graph with 10^6 vertices at
// 2 threads: rounds, wall time and peak RSS as counters. The output is
// verified by the independent checker (no locality audit at this size).
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <vector>

#include "algorithms/bep_delta.h"
#include "algorithms/harness.h"
#include "graphs/generators.h"
#include "sim/ids.h"
#include "sim/stats.h"

namespace {

void BM_BepDeltaRegular4(benchmark::State& state) {
  const auto n = static_cast<fcsim::Vertex>(state.range(0));
  const fcsim::Graph g = fcsim::RandomRegular(n, 4, 1);
  const std::vector<fcsim::NodeId> ids =
      fcsim::AssignIds(g, fcsim::IdScheme::kRandomPermutation, 1);
  fcsim::HarnessOptions options;
  options.sim.threads = 2;
  options.audit_locality = false;
  const fcsim::FractionalAlgorithm alg =
      fcsim::BepDeltaAlgorithm(fcsim::Rational(1, 2));
  fcsim::FractionalRunResult r;
  for (auto _ : state) {
    r = fcsim::RunAndVerify(g, ids, alg, options);
    if (!r.verdict.passed()) state.SkipWithError(r.verdict.ToString().c_str());
  }
  state.counters["rounds"] = r.stats.rounds;
  state.counters["round_bound"] = static_cast<double>(r.round_bound);
  state.counters["sim_wall_s"] = r.stats.wall_seconds;
  state.counters["peak_rss_GiB"] =
      static_cast<double>(fcsim::PeakRssBytes()) / (1u << 30);
}
BENCHMARK(BM_BepDeltaRegular4)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
