// Shared helpers of the building-block tests: run a block with 1 and 2
// threads (outputs and deterministic statistics must agree), and run the
// locality audit on it.
#ifndef FCSIM_TESTS_ALGORITHMS_BLOCKS_BLOCK_TEST_UTIL_H_
#define FCSIM_TESTS_ALGORITHMS_BLOCKS_BLOCK_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <functional>
#include <unordered_map>
#include <vector>

#include "algorithms/blocks/own_id.h"
#include "sim/audit.h"
#include "sim/engine.h"

namespace fcsim::testing {

template <typename Out>
using Algorithm = std::function<VertexData<Out>(Simulation&)>;

template <typename Out>
struct BlockRun {
  std::vector<Out> out;
  RunStats stats;
};

template <typename Out>
BlockRun<Out> RunOnce(const Graph& g, std::span<const NodeId> ids,
                      const Knowledge& k, int threads, std::uint64_t seed,
                      const Algorithm<Out>& algorithm) {
  SimOptions options;
  options.threads = threads;
  options.seed = seed;
  Simulation sim(g, ids, k, options);
  std::vector<Out> out = Simulation::Release(algorithm(sim));
  return {std::move(out), sim.stats()};
}

// Runs with 1 and 2 threads, expects identical outputs and counts, and
// returns the 1-thread run.
template <typename Out>
BlockRun<Out> RunBoth(const Graph& g, std::span<const NodeId> ids,
                      const Knowledge& k, std::uint64_t seed,
                      const Algorithm<Out>& algorithm) {
  BlockRun<Out> one = RunOnce(g, ids, k, 1, seed, algorithm);
  BlockRun<Out> two = RunOnce(g, ids, k, 2, seed, algorithm);
  EXPECT_TRUE(one.out == two.out) << "outputs differ between 1 and 2 threads";
  EXPECT_TRUE(one.stats.SameCounts(two.stats))
      << "RunStats differ between 1 and 2 threads";
  return one;
}

// Locality audit on `samples` vertices (all when >= n).
template <typename Out>
void ExpectLocal(const Graph& g, std::span<const NodeId> ids,
                 const Knowledge& k, std::uint64_t seed,
                 const Algorithm<Out>& algorithm, const BlockRun<Out>& run,
                 std::uint64_t samples = 24) {
  SimOptions options;
  options.seed = seed;
  AuditOptions audit;
  audit.samples = samples;
  const AuditReport report = LocalityAudit<Out>(
      g, ids, k, options, algorithm, run.out, run.stats.rounds, audit);
  EXPECT_TRUE(report.ok()) << report.Summary();
  EXPECT_GT(report.audited, 0u) << report.Summary();
}

template <typename T>
VertexData<T> InputById(Simulation& sim,
                        const std::unordered_map<NodeId, T>& by_id) {
  VertexData<NodeId> own = sim.Run(OwnId{}, "own-id");
  return sim.Map(own, [&by_id](NodeId id) { return by_id.at(id); });
}

template <typename T>
std::unordered_map<NodeId, T> ById(std::span<const NodeId> ids,
                                   const std::vector<T>& values) {
  std::unordered_map<NodeId, T> m;
  for (std::size_t v = 0; v < ids.size(); ++v) m[ids[v]] = values[v];
  return m;
}

inline std::vector<std::uint64_t> Widen(const std::vector<std::uint8_t>& v) {
  return std::vector<std::uint64_t>(v.begin(), v.end());
}

}  // namespace fcsim::testing

#endif  // FCSIM_TESTS_ALGORITHMS_BLOCKS_BLOCK_TEST_UTIL_H_
