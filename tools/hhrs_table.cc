// Prints the HHRS table of papers/hhrs.md: for random 3- and 4-regular
// graphs and 2-D grids with n = 10^3 .. max_n and α ∈ {2, 3/2, 11/10}, runs
// HHRS through the harness (exact check of the symbolic schedule, weight
// T = α(Δ+1) against the claim, 1 round, locality audit) and reports the
// output size: the exact number of intervals κ of the vertex with the
// largest ID, and the bound 2^(p(m+1)).
//
// Usage: hhrs_table [--max-n N] [--threads T] [--seed S] [--format md|tsv]
// (tsv: the data of papers/figures/hhrs_output_size.gp).
#include <gmpxx.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "algorithms/hhrs.h"
#include "graphs/generators.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

struct Options {
  std::uint64_t max_n = 100000;
  int threads = 1;
  std::uint64_t seed = 1;
  bool tsv = false;
};

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      throw std::invalid_argument("hhrs_table: " + arg + " needs a value");
    }
    const std::string value = argv[++i];
    if (arg == "--max-n") {
      options.max_n = std::stoull(value);
    } else if (arg == "--threads") {
      options.threads = std::stoi(value);
    } else if (arg == "--seed") {
      options.seed = std::stoull(value);
    } else if (arg == "--format" && (value == "md" || value == "tsv")) {
      options.tsv = value == "tsv";
    } else {
      throw std::invalid_argument("hhrs_table: unknown option " + arg);
    }
  }
  if (options.max_n < 1000 || options.threads < 1) {
    throw std::invalid_argument(
        "hhrs_table: needs --max-n >= 1000, --threads >= 1");
  }
  return options;
}

// log2 of a positive integer, to three decimals.
double Log2(const mpz_class& x) {
  const std::size_t bits = mpz_sizeinbase(x.get_mpz_t(), 2);
  if (bits <= 60) return std::log2(x.get_d());
  mpz_class top = x >> (bits - 60);
  return std::log2(top.get_d()) + static_cast<double>(bits - 60);
}

struct Family {
  std::string name;
  std::uint32_t delta;
  std::function<Graph(std::uint64_t n, std::uint64_t seed)> make;
};

void Row(const Family& family, std::uint64_t n, const Rational& alpha,
         const Options& options) {
  const Graph g = family.make(n, options.seed);
  const std::vector<NodeId> ids =
      AssignIds(g, IdScheme::kRandomPermutation, options.seed);
  HarnessOptions harness;
  harness.sim.threads = options.threads;
  harness.audit.samples = 32;
  const auto start = std::chrono::steady_clock::now();
  const RunResult<HhrsVertexOutput> r =
      RunAndVerify(g, ids, HhrsAlgorithm(alpha), harness);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const HhrsSchedule& s = r.outputs[0].schedule;
  // The worst vertex for the output size: the one with the largest ID m.
  Vertex top = 0;
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    if (ids[v] > ids[top]) top = v;
  }
  const HhrsVertexOutput& out = r.outputs[top];
  NodeId m = out.id;
  for (NodeId y : out.neighbor_ids) m = std::max(m, y);
  const mpz_class kappa = HhrsIntervalCount(s.p, out.id, out.neighbor_ids);
  const mpq_class measure = HhrsMeasure(s, g.max_degree());
  if (options.tsv) {
    std::printf("%s\t%llu\t%u\t%s\t%.6f\t%u\t%llu\t%s\t%.3f\t%llu\n",
                family.name.c_str(),
                static_cast<unsigned long long>(g.num_vertices()),
                g.max_degree(), alpha.ToString().c_str(), s.frame.ToDouble(),
                s.p, static_cast<unsigned long long>(r.stats.rounds),
                r.verdict.passed() ? "PASS" : "FAIL", Log2(kappa),
                static_cast<unsigned long long>(HhrsIntervalBoundLog2(s.p, m)));
    std::fflush(stdout);
    return;
  }
  std::printf(
      "| %s | %llu | %u | %s | %s | %u | %llu | %.6f | %s | %llu/%llu | "
      "2^%.3f | 2^%llu | %.2f |\n",
      family.name.c_str(), static_cast<unsigned long long>(g.num_vertices()),
      g.max_degree(), alpha.ToString().c_str(), s.frame.ToString().c_str(), s.p,
      static_cast<unsigned long long>(r.stats.rounds), measure.get_d(),
      r.verdict.passed() ? "PASS" : r.verdict.ToString().c_str(),
      static_cast<unsigned long long>(r.audit ? r.audit->audited : 0),
      static_cast<unsigned long long>(r.audit ? r.audit->mismatches.size() : 0),
      Log2(kappa),
      static_cast<unsigned long long>(HhrsIntervalBoundLog2(s.p, m)), seconds);
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  const std::vector<Family> families = {
      {"random 3-regular", 3,
       [](std::uint64_t n, std::uint64_t seed) {
         return RandomRegular(static_cast<Vertex>(n), 3, seed);
       }},
      {"random 4-regular", 4,
       [](std::uint64_t n, std::uint64_t seed) {
         return RandomRegular(static_cast<Vertex>(n), 4, seed);
       }},
      {"grid (square)", 4,
       [](std::uint64_t n, std::uint64_t) {
         const auto side = static_cast<Vertex>(std::llround(std::sqrt(n)));
         return Grid({side, side});
       }},
  };
  const Rational alphas[] = {Rational(2), Rational(3, 2), Rational(11, 10)};
  if (options.tsv) {
    std::printf(
        "# graph\tn\tdelta\talpha\tT\tp\trounds\tverdict\tlog2_kappa\t"
        "log2_bound\n");
  } else {
    std::printf(
        "| graph | n | Δ | α | T = α(Δ+1) | p | rounds | min measure | "
        "verdict | audited / mismatches | κ (max-ID vertex) | "
        "bound 2^(p(m+1)) | seconds |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  }
  for (const Family& family : families) {
    for (std::uint64_t n = 1000; n <= options.max_n; n *= 10) {
      for (const Rational& alpha : alphas) Row(family, n, alpha, options);
    }
  }
  return 0;
}

}  // namespace
}  // namespace fcsim

int main(int argc, char** argv) {
  try {
    return fcsim::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "hhrs_table: %s\n", e.what());
    return 1;
  }
}
