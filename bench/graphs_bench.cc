// Scale figures for the generators and the property checks.
//
// The acceptance runs of issue 3 (peak RSS via /usr/bin/time -v):
//   graphs_bench --benchmark_filter='BM_Grid2D/10000$'          10^8-vertex
//   grid graphs_bench --benchmark_filter='BM_RandomRegular/10000000/4/3$'
//   graphs_bench --benchmark_filter='BM_RandomRegular/1000000/.*/6$'
// The default run (no filter) stays at small sizes.
#include <benchmark/benchmark.h>

#include "graphs/generators.h"
#include "graphs/properties.h"

namespace fcsim {
namespace {

void BM_Grid2D(benchmark::State& state) {
  const auto side = static_cast<Vertex>(state.range(0));
  for (auto _ : state) {
    Graph g = Grid({side, side});
    benchmark::DoNotOptimize(g.adjacency().data());
    state.counters["n"] = g.num_vertices();
    state.counters["m"] = static_cast<double>(g.num_edges());
    state.counters["MiB"] = static_cast<double>(g.MemoryBytes()) / (1 << 20);
  }
}
BENCHMARK(BM_Grid2D)
    ->Arg(1000)
    ->Arg(3000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_RandomRegular(benchmark::State& state) {
  const auto n = static_cast<Vertex>(state.range(0));
  const int d = static_cast<int>(state.range(1));
  const int girth = static_cast<int>(state.range(2));
  for (auto _ : state) {
    Graph g = RandomRegular(n, d, 1, girth);
    benchmark::DoNotOptimize(g.adjacency().data());
    state.counters["m"] = static_cast<double>(g.num_edges());
  }
}
BENCHMARK(BM_RandomRegular)
    ->Args({100000, 4, 3})
    ->Args({100000, 3, 6})
    ->Args({1000000, 3, 6})
    ->Args({1000000, 4, 6})
    ->Args({10000000, 4, 3})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

void BM_RandomPlanar(benchmark::State& state) {
  const auto n = static_cast<Vertex>(state.range(0));
  for (auto _ : state) {
    Graph g = RandomPlanar(n, 1, 0.3);
    benchmark::DoNotOptimize(g.adjacency().data());
  }
}
BENCHMARK(BM_RandomPlanar)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

void BM_GirthGrid(benchmark::State& state) {
  const auto side = static_cast<Vertex>(state.range(0));
  Graph g = Grid({side, side});
  for (auto _ : state) benchmark::DoNotOptimize(Girth(g));
}
BENCHMARK(BM_GirthGrid)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_GirthRegular(benchmark::State& state) {
  Graph g = RandomRegular(static_cast<Vertex>(state.range(0)), 3, 1, 6);
  for (auto _ : state) benchmark::DoNotOptimize(Girth(g));
}
BENCHMARK(BM_GirthRegular)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_Components(benchmark::State& state) {
  const auto side = static_cast<Vertex>(state.range(0));
  Graph g = Grid({side, side});
  for (auto _ : state) benchmark::DoNotOptimize(ConnectedComponents(g));
}
BENCHMARK(BM_Components)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fcsim

BENCHMARK_MAIN();
