// Prints the rounds table of the building blocks (papers/blocks.md): for
// random Δ-regular graphs with n = 10^3 .. 10^max, Δ in {3, 4, 8}, runs
// Linial, the reduction to Δ+1 colours, the MIS from that colouring, and
// the MIS and the bit-merge ruling set of G^2; verifies every output and
// compares the measured rounds with the declared bound.
//
// Usage: blocks_table [--max-exp 6] [--threads 2] [--seed 1]
//                     [--degrees 3,4,8] [--ids sparse|permutation]
//                     [--power-max-exp 5] [--min-exp 3] [--no-power-mis]
//                     [--no-power-ruling] [--power-only]
// --no-power-mis skips the MIS of G^2, --no-power-ruling the bit-merge
// ruling set of G^2, --power-only the rows on G. The G^2 rows run up to
// 10^power-max-exp only (see papers/blocks.md for the measured scale).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/blocks/colour_reduction.h"
#include "algorithms/blocks/colouring_mis.h"
#include "algorithms/blocks/linial.h"
#include "algorithms/blocks/luby_mis.h"
#include "algorithms/blocks/ruling_set.h"
#include "graphs/generators.h"
#include "sim/engine.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

struct Options {
  int min_exp = 3;
  int max_exp = 6;
  int power_max_exp = 5;
  int threads = 2;
  std::uint64_t seed = 1;
  std::vector<int> degrees = {3, 4, 8};
  IdScheme ids = IdScheme::kRandomSparse;
  bool power_mis = true;
  bool power_ruling = true;
  bool rows_on_g = true;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--max-exp") {
      o.max_exp = std::stoi(value());
      if (o.max_exp < 3 || o.max_exp > 8) {
        throw std::invalid_argument("--max-exp must be in 3..8");
      }
    } else if (a == "--min-exp") {
      o.min_exp = std::stoi(value());
    } else if (a == "--no-power-mis") {
      o.power_mis = false;
    } else if (a == "--no-power-ruling") {
      o.power_ruling = false;
    } else if (a == "--power-only") {
      o.rows_on_g = false;
    } else if (a == "--power-max-exp") {
      o.power_max_exp = std::stoi(value());
    } else if (a == "--threads") {
      o.threads = std::stoi(value());
    } else if (a == "--seed") {
      o.seed = std::stoull(value());
    } else if (a == "--degrees") {
      o.degrees.clear();
      std::stringstream ss(value());
      for (std::string d; std::getline(ss, d, ',');) {
        o.degrees.push_back(std::stoi(d));
      }
    } else if (a == "--ids") {
      o.ids = ParseIdScheme(value());
    } else {
      throw std::invalid_argument("unknown argument '" + a + "'");
    }
  }
  return o;
}

void Row(std::uint64_t n, int d, const std::string& block, std::uint64_t rounds,
         std::uint64_t bound, const std::string& extra,
         const std::string& error, double seconds) {
  const bool ok = error.empty() && rounds <= bound;
  std::printf(
      "| %llu | %d | %s | %llu | %llu | %s | %s | %.1f |\n",
      static_cast<unsigned long long>(n), d, block.c_str(),
      static_cast<unsigned long long>(rounds),
      static_cast<unsigned long long>(bound), extra.c_str(),
      ok ? "PASS" : ("FAIL: " + (error.empty() ? "rounds" : error)).c_str(),
      seconds);
  std::fflush(stdout);
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t)
      .count();
}

int Main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  std::printf(
      "| n | Δ | block | rounds | bound | output | verdict | seconds |\n"
      "|---|---|---|---|---|---|---|---|\n");
  for (int e = o.min_exp; e <= o.max_exp; ++e) {
    Vertex n = 1;
    for (int i = 0; i < e; ++i) n *= 10;
    for (int d : o.degrees) {
      const Graph g = RandomRegular(n, d, o.seed + e * 100 + d);
      const std::vector<NodeId> ids = AssignIds(g, o.ids, o.seed);
      const Knowledge k{
          .n = n, .max_degree = Port(d), .id_range = IdRange(o.ids, n)};
      SimOptions so;
      so.threads = o.threads;
      so.seed = o.seed;

      // Linial -> Δ+1 -> MIS, on G.
      if (o.rows_on_g) {
        Simulation sim(g, ids, k, so);
        const std::uint64_t kin = LinialColours(k.id_range, d);
        auto t = std::chrono::steady_clock::now();
        VertexData<std::uint64_t> lin = LinialColouring(sim);
        const std::vector<std::uint64_t> lin_out =
            Simulation::Release(VertexData<std::uint64_t>(lin));
        Row(n, d, "Linial", sim.stats().phases[0].rounds,
            LinialRoundBound(k.id_range, d), std::to_string(kin) + " colours",
            VerifyLinial(g, lin_out, k.id_range, d), Since(t));
        t = std::chrono::steady_clock::now();
        VertexData<std::uint64_t> red = ReduceColours(sim, lin, kin);
        const std::vector<std::uint64_t> red_out =
            Simulation::Release(VertexData<std::uint64_t>(red));
        const ReductionSchedule s = FastestReduction(kin, d);
        Row(n, d,
            s == ReductionSchedule::kBlockHalving ? "Δ+1 (block halving)"
                                                  : "Δ+1 (one class/round)",
            sim.stats().phases[1].rounds, ReductionRoundBound(s, kin, d),
            std::to_string(d + 1) + " colours",
            VerifyReducedColouring(g, red_out, d), Since(t));
        t = std::chrono::steady_clock::now();
        const std::vector<std::uint8_t> mis =
            Simulation::Release(MisFromColouring(sim, red, d + 1));
        Row(n, d, "MIS from Δ+1 colours", sim.stats().phases[2].rounds,
            ColouringMisRoundBound(d + 1), "(2,1)-ruling", VerifyMis(g, mis),
            Since(t));
        Row(n, d, "MIS of G (total)", sim.stats().rounds,
            LinialRoundBound(k.id_range, d) + ReductionRoundBound(s, kin, d) +
                ColouringMisRoundBound(d + 1),
            "", "", 0);
      }
      // MIS of G^2 and the bit-merge ruling set of G^2.
      if (e > o.power_max_exp) continue;
      if (o.power_mis) {
        Simulation sim(g, ids, k, so);
        const auto t = std::chrono::steady_clock::now();
        const std::vector<std::uint8_t> mis =
            Simulation::Release(PowerMis(sim, 2));
        // Rounds and seconds per phase: Linial + reduction + classes (all on
        // G^2).
        std::string parts;
        std::string secs;
        for (const PhaseStats& p : sim.stats().phases) {
          if (!parts.empty()) parts.push_back('+');
          parts.append(std::to_string(p.rounds));
          char buf[32];
          std::snprintf(buf, sizeof buf, "%s%.1f", secs.empty() ? "" : "+",
                        p.wall_seconds);
          secs.append(buf);
        }
        parts.append(" in ");
        parts.append(secs);
        parts.append(" s");
        Row(n, d, "MIS of G^2", sim.stats().rounds,
            PowerMisRoundBound(k.id_range, d, 2),
            "(3,2)-ruling, rounds " + parts, VerifyPowerMis(g, mis, 2),
            Since(t));
      }
      if (o.power_ruling) {
        Simulation sim(g, ids, k, so);
        const auto t = std::chrono::steady_clock::now();
        const std::vector<std::uint8_t> rs =
            Simulation::Release(PowerRulingSet(sim, 2));
        const std::uint32_t beta = PowerRulingSetBeta(k.id_range, d, 2);
        Row(n, d, "ruling set of G^2 (bit merge)", sim.stats().rounds,
            PowerRulingSetRoundBound(k.id_range, d, 2),
            "(3," + std::to_string(beta) + ")-ruling",
            VerifyRulingSet(g, rs, 3, beta), Since(t));
      }
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
    std::cerr << "blocks_table: " << e.what() << "\n";
    return 1;
  }
}
