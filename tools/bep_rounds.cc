// Rounds of BEP-a (Δ = 4, ε = 1/2 by default) on random 4-regular graphs and
// 2-D grids for n = 10^3 .. max_n, with the declared bound, the verdict of
// the independent checker, wall time and peak RSS. Prints a markdown table.
//
//   bep_rounds --min-n 1000 --max-n 1000000 --threads 2
//              [--family regular|grid|both]
//              [--eps 1/2] [--audit-samples 0] [--format md|tsv]
//
// --format tsv prints one tab-separated line per run (family, n, rounds,
// bound, verdict, wall s, peak RSS GiB) for papers/figures/bep_rounds.gp.
//
// Peak RSS is the process's peak so far (it only grows down the table).
// Per-phase wall times go to stderr.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/bep_delta.h"
#include "algorithms/harness.h"
#include "graphs/generators.h"
#include "sim/ids.h"
#include "sim/stats.h"

namespace {

using fcsim::Graph;

void Row(const std::string& family, const Graph& g, const fcsim::Rational& eps,
         int threads, std::uint64_t audit_samples, bool tsv) {
  const std::vector<fcsim::NodeId> ids =
      fcsim::AssignIds(g, fcsim::IdScheme::kRandomPermutation, 1);
  fcsim::HarnessOptions options;
  options.sim.threads = threads;
  options.audit_locality = audit_samples > 0;
  options.audit.samples = audit_samples;
  const auto start = std::chrono::steady_clock::now();
  const fcsim::FractionalRunResult r =
      fcsim::RunAndVerify(g, ids, fcsim::BepDeltaAlgorithm(eps), options);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::string phases;
  for (const fcsim::PhaseStats& p : r.stats.phases) {
    if (!phases.empty()) phases += " ";
    std::string name = p.name;
    if (name.rfind("bep-", 0) == 0) name = name.substr(4);
    phases += fmt::format("{}:{}", name, p.rounds);
  }
  const double rss = static_cast<double>(fcsim::PeakRssBytes()) / (1u << 30);
  const std::string verdict =
      r.verdict.passed() ? "PASS" : r.verdict.ToString();
  if (tsv) {
    fmt::print("{}\t{}\t{}\t{}\t{}\t{:.1f}\t{:.2f}\n", family, g.num_vertices(),
               r.stats.rounds, r.round_bound, verdict, wall, rss);
  } else {
    fmt::print("| {} | {} | {} | {} | {} | {} | {} | {:.1f} | {:.2f} |\n",
               g.num_vertices(), family, phases, r.stats.rounds, r.round_bound,
               r.weight.ToString(), verdict, wall, rss);
  }
  std::string walls;
  for (const fcsim::PhaseStats& p : r.stats.phases) {
    walls += fmt::format(" {}:{:.1f}s", p.name, p.wall_seconds);
  }
  fmt::print(stderr, "n={} {} phase walls:{}\n", g.num_vertices(), family,
             walls);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"BEP-a rounds table"};
  std::uint64_t min_n = 1000;
  std::uint64_t max_n = 1000000;
  int threads = 2;
  std::string family = "both";
  std::string eps_text = "1/2";
  std::uint64_t audit_samples = 0;
  app.add_option("--min-n", min_n, "smallest n (a power of 10)");
  app.add_option("--max-n", max_n, "largest n (powers of 10 from min-n)");
  app.add_option("--threads", threads, "engine threads");
  app.add_option("--family", family, "regular | grid | both");
  app.add_option("--eps", eps_text, "ε as a fraction");
  app.add_option("--audit-samples", audit_samples, "locality audit samples");
  std::string format = "md";
  app.add_option("--format", format, "md | tsv")
      ->check(CLI::IsMember({"md", "tsv"}));
  CLI11_PARSE(app, argc, argv);
  const bool tsv = format == "tsv";
  const fcsim::Rational eps = fcsim::Rational::Parse(eps_text);
  if (!tsv) {
    fmt::print(
        "BEP-a, Δ = 4, ε = {}, threads = {}, IDs = random permutation\n\n",
        eps.ToString(), threads);
    fmt::print(
        "| n | graph | rounds per phase | total | bound | weight | verdict | "
        "wall s | peak RSS GiB |\n|---|---|---|---|---|---|---|---|---|\n");
  }
  for (std::uint64_t n = min_n; n <= max_n; n *= 10) {
    if (family == "regular" || family == "both") {
      Row("random 4-regular",
          fcsim::RandomRegular(static_cast<fcsim::Vertex>(n), 4, 1), eps,
          threads, audit_samples, tsv);
    }
    if (family == "grid" || family == "both") {
      const auto side = static_cast<fcsim::Vertex>(std::llround(std::sqrt(n)));
      Row(fmt::format("grid {}x{}", side, side), fcsim::Grid({side, side}), eps,
          threads, audit_samples, tsv);
    }
  }
  return 0;
}
