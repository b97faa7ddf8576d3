// `fcsim bench --graph G --algo A`: times a verified run and compares it with
// a baseline measured in the same process on the same graph.
//
// The run (engine + algorithm; the harness's checking timed separately) is
// repeated --repeat times; rounds must agree across repetitions (the engine
// is deterministic) and the minimum and median wall times are reported. The
// baseline is a hand-written loop over the same CSR arrays doing the least
// work any LOCAL round does: every vertex combines its neighbours' 64-bit
// words, for as many rounds as the run took, with the same number of TBB
// threads. ratio = run / baseline says how much the algorithm's messages,
// state and the engine's bookkeeping cost over that floor; it is not a
// comparison with another implementation of the same algorithm.
#include <fmt/core.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "experiments/cli.h"
#include "experiments/cli_commands.h"
#include "sim/stats.h"

namespace fcsim {
namespace {

struct BenchCommand {
  AlgorithmChoice choice;
  int repeat = 3;
};

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// `rounds` synchronous rounds of "new[v] = combine(own, neighbours)" over the
// CSR, double-buffered; returns a checksum so the work cannot be elided.
std::uint64_t BaselineRounds(const Graph& g, std::uint32_t rounds,
                             int threads) {
  const Vertex n = g.num_vertices();
  std::vector<std::uint64_t> cur(n), next(n);
  for (Vertex v = 0; v < n; ++v) cur[v] = v + 1;
  tbb::task_arena arena(threads);
  for (std::uint32_t r = 0; r < rounds; ++r) {
    arena.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<Vertex>(0, n, 4096),
          [&](const tbb::blocked_range<Vertex>& range) {
            for (Vertex v = range.begin(); v != range.end(); ++v) {
              std::uint64_t x = cur[v];
              for (Vertex w : g.neighbors(v)) {
                x ^= cur[w] + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2);
              }
              next[v] = x;
            }
          });
    });
    cur.swap(next);
  }
  std::uint64_t sum = 0;
  for (std::uint64_t x : cur) sum += x;
  return sum;
}

void Row(std::ostream& out, std::string_view key, const std::string& value) {
  out << fmt::format("{:<16} {}\n", key, value);
}

int BenchMain(const GlobalOptions& global, const BenchCommand& cmd,
              std::ostream& out, std::ostream& err) {
  if (cmd.repeat < 1) throw CliError("--repeat must be >= 1");
  const auto prepare_start = std::chrono::steady_clock::now();
  PreparedRun run = Prepare(global, cmd.choice, 0, err);
  const double prepare_seconds = Seconds(prepare_start);
  std::vector<double> sim_seconds, run_seconds;
  AlgorithmReport report;
  for (int i = 0; i < cmd.repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    AlgorithmReport r = Execute(run);
    run_seconds.push_back(Seconds(start));
    sim_seconds.push_back(r.stats.wall_seconds);
    if (i > 0 && r.stats.rounds != report.stats.rounds) {
      throw std::logic_error(
          fmt::format("bench: rounds differ between repetitions ({} vs {})",
                      r.stats.rounds, report.stats.rounds));
    }
    report = std::move(r);
  }
  const std::uint32_t rounds = std::max<std::uint32_t>(report.stats.rounds, 1);
  std::vector<double> baseline_seconds;
  std::uint64_t checksum = 0;
  for (int i = 0; i < cmd.repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    checksum += BaselineRounds(run.graph.graph, rounds, global.threads);
    baseline_seconds.push_back(Seconds(start));
  }
  const double sim_min =
      *std::min_element(sim_seconds.begin(), sim_seconds.end());
  const double base_min =
      *std::min_element(baseline_seconds.begin(), baseline_seconds.end());
  const Graph& g = run.graph.graph;
  Row(out, "graph", run.graph.name);
  Row(out, "n", std::to_string(g.num_vertices()));
  Row(out, "m", std::to_string(g.num_edges()));
  Row(out, "algorithm", run.entry->name);
  Row(out, "params", report.params);
  Row(out, "threads", std::to_string(global.threads));
  Row(out, "repetitions", std::to_string(cmd.repeat));
  Row(out, "rounds",
      fmt::format("{} (bound {})", report.stats.rounds, report.round_bound));
  Row(out, "prepare", fmt::format("{:.4f} s (graph and IDs)", prepare_seconds));
  Row(out, "simulation",
      fmt::format("{:.4f} s min, {:.4f} s median", sim_min,
                  Median(sim_seconds)));
  Row(out, "run+verify",
      fmt::format("{:.4f} s min, {:.4f} s median",
                  *std::min_element(run_seconds.begin(), run_seconds.end()),
                  Median(run_seconds)));
  Row(out, "baseline",
      fmt::format("{:.4f} s min, {:.4f} s median ({} rounds of a hand-written "
                  "CSR neighbour-combine loop, checksum {:x})",
                  base_min, Median(baseline_seconds), rounds,
                  checksum & 0xffff));
  Row(out, "per round",
      fmt::format("{:.3f} ms simulation, {:.3f} ms baseline",
                  1e3 * sim_min / rounds, 1e3 * base_min / rounds));
  Row(out, "ratio",
      base_min > 0 ? fmt::format("{:.2f} (simulation min / baseline min)",
                                 sim_min / base_min)
                   : std::string("n/a (baseline below timer resolution)"));
  Row(out, "peak RSS", FormatBytes(PeakRssBytes()));
  Row(out, "verdict", report.verdict.ToString());
  return report.verdict.passed() ? kExitOk : kExitVerificationFailed;
}

const SubcommandRegistrar kBenchRegistrar{
    "bench",
    "time a run against a hand-written baseline loop on the same graph",
    [](CLI::App* sub) -> SubcommandMain {
      auto cmd = std::make_shared<BenchCommand>();
      sub->add_option("-g,--graph", cmd->choice.graph,
                      "graph spec or graph file")
          ->required();
      sub->add_option("-a,--algo", cmd->choice.algo, "algorithm name")
          ->required();
      sub->add_option("-e,--eps", cmd->choice.eps, "ε > 0 (a/b or decimal)");
      sub->add_option("--ids", cmd->choice.ids, "ID scheme")
          ->capture_default_str();
      sub->add_option("-r,--repeat", cmd->repeat, "repetitions (>= 1)")
          ->capture_default_str();
      return [cmd](const GlobalOptions& global, std::ostream& out,
                   std::ostream& err) {
        return BenchMain(global, *cmd, out, err);
      };
    }};

}  // namespace
}  // namespace fcsim
