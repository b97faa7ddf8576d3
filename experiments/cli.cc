#include "experiments/cli.h"

#include <tbb/global_control.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "experiments/algorithm_registry.h"
#include "experiments/cli_commands.h"
#include "fcsim_revision.h"  // generated: FCSIM_GIT_REVISION
#include "sim/engine.h"

namespace fcsim {
namespace {

// Errors must fit on one line (scripts grep for them): newlines become "; ".
std::string OneLine(std::string message) {
  std::string result;
  for (char c : message) {
    if (c == '\n' || c == '\r') {
      if (!result.empty() && result.back() != ' ') result += "; ";
    } else {
      result += c;
    }
  }
  while (!result.empty() && (result.back() == ' ' || result.back() == ';')) {
    result.pop_back();
  }
  return result;
}

int ReportError(std::ostream& err, const std::string& message, int code) {
  err << "fcsim: error: " << OneLine(message) << std::endl;
  return code;
}

// Integer options that must be >= 1 (CLI11's PositiveNumber prints the whole
// double range in its message).
CLI::Validator AtLeastOne() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        try {
          std::size_t used = 0;
          const long long value = std::stoll(text, &used);
          if (used == text.size() && value >= 1) return "";
        } catch (const std::exception&) {
        }
        return "must be an integer >= 1, got '" + text + "'";
      },
      "INT>=1");
}

void AddChoiceOptions(CLI::App* sub, AlgorithmChoice* choice) {
  sub->add_option("-g,--graph", choice->graph,
                  "graph spec (family:key=value,...) or graph file")
      ->required();
  sub->add_option("-a,--algo", choice->algo,
                  "algorithm name (see `fcsim run --list`)");
  sub->add_option("-e,--eps", choice->eps,
                  "accuracy parameter ε > 0, as a/b or decimal "
                  "(algorithms that take one)");
  sub->add_option("--ids", choice->ids,
                  "ID scheme: identity (v+1), permutation (random of 1..n), "
                  "sparse (random distinct in 1..n^3), bfs (increasing "
                  "along a BFS)")
      ->capture_default_str();
}

std::vector<SubcommandPlugin>& MutablePlugins() {
  static std::vector<SubcommandPlugin> plugins;
  return plugins;
}

}  // namespace

SubcommandRegistrar::SubcommandRegistrar(std::string name,
                                         std::string description,
                                         SubcommandSetup setup,
                                         bool manages_threads) {
  MutablePlugins().push_back({std::move(name), std::move(description),
                              std::move(setup), manages_threads});
}

const std::vector<SubcommandPlugin>& SubcommandPlugins() {
  return MutablePlugins();
}

std::string VersionString() {
  return std::string("fcsim ") + FCSIM_VERSION + " (git " + FCSIM_GIT_REVISION +
         ")";
}

int RunCli(int argc, const char* const* argv, std::ostream& out,
           std::ostream& err) {
  CLI::App app(
      "fcsim: LOCAL-model simulator for distributed fractional colouring",
      "fcsim");
  // Global options are accepted after the subcommand as well.
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", VersionString(),
                       "print the version and git revision, then exit");

  GlobalOptions global;
  bool quiet = false;
  bool verbose = false;
  app.add_option("-t,--threads", global.threads, "worker threads (>= 1)")
      ->check(AtLeastOne())
      ->capture_default_str();
  app.add_option("-s,--seed", global.seed,
                 "seed of random generators, IDs and random streams")
      ->capture_default_str();
  auto* quiet_flag =
      app.add_flag("-q,--quiet", quiet, "print only results, no commentary");
  app.add_flag("-v,--verbose", verbose, "print per-phase details")
      ->excludes(quiet_flag);

  GenCommand gen;
  CLI::App* gen_app = app.add_subcommand("gen", "write a generated graph");
  gen_app->add_option("spec", gen.spec, "graph spec, e.g. cycle:n=100");
  gen_app->add_option("-o,--output", gen.output, "file to write");
  gen_app->add_option("-f,--format", gen.format,
                      "graph format (default: from the file extension)");
  gen_app->add_flag("-l,--list", gen.list, "list the graph families");

  InfoCommand info;
  CLI::App* info_app =
      app.add_subcommand("info", "print the properties of a graph");
  info_app->add_option("graph", info.graph, "graph spec or graph file")
      ->required();

  RunCommand run;
  bool run_list = false;
  CLI::App* run_app = app.add_subcommand(
      "run", "run an algorithm on a graph, verify it, print a summary");
  AddChoiceOptions(run_app, &run.choice);
  run_app->add_option("-o,--output", run.output,
                      "write the colouring to this file");
  run_app
      ->add_option("--audit-samples", run.audit_samples,
                   "vertices checked by the locality audit (0 = none)")
      ->capture_default_str();
  run_app->add_option("--record", run.record,
                      "append the result record to this JSONL file");
  run_app->add_option("--csv", run.csv,
                      "append the result record to this CSV file");
  run_app->add_option("--family", run.family,
                      "series label in the record (default: the spec's "
                      "family)");
  run_app
      ->add_option("--mpi-check", run.mpi_check,
                   "under mpirun: root (rank 0 checks on the global graph) or "
                   "distributed (each rank checks its part)")
      ->check(CLI::IsMember({"root", "distributed"}))
      ->capture_default_str();
  run_app->add_flag("-l,--list", run_list, "list the algorithms");
  // --list needs no graph; every other use does.
  run_app->get_option("--graph")->required(false);

  VerifyCommand verify;
  CLI::App* verify_app = app.add_subcommand(
      "verify", "check a colouring file against a graph (and a weight)");
  verify_app->add_option("-g,--graph", verify.graph, "graph spec or file")
      ->required();
  verify_app->add_option("-c,--coloring", verify.coloring, "colouring file")
      ->required();
  verify_app->add_option(
      "-w,--weight", verify.weight,
      "claimed weight bound, a/b or decimal: FAIL when the weight exceeds it");

  AuditCommand audit;
  CLI::App* audit_app = app.add_subcommand(
      "audit", "run an algorithm and audit its locality on sampled vertices");
  AddChoiceOptions(audit_app, &audit.choice);
  audit_app->get_option("--algo")->required();
  audit_app->add_option("--samples", audit.samples, "vertices audited (>= 1)")
      ->check(AtLeastOne())
      ->capture_default_str();

  std::vector<std::pair<CLI::App*, SubcommandMain>> plugin_apps;
  std::vector<bool> plugin_manages_threads;
  std::string known_subcommands = "gen, info, run, verify, audit";
  for (const SubcommandPlugin& plugin : SubcommandPlugins()) {
    CLI::App* sub = app.add_subcommand(plugin.name, plugin.description);
    plugin_apps.emplace_back(sub, plugin.setup(sub));
    plugin_manages_threads.push_back(plugin.manages_threads);
    known_subcommands += ", " + plugin.name;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    if (app.get_subcommands().empty()) {
      // CLI11 reports an unknown subcommand as a missing one; name it.
      for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "-t" || word == "--threads" || word == "-s" ||
            word == "--seed") {
          ++i;  // skip the option's value
        } else if (!word.empty() && word[0] != '-') {
          return ReportError(err,
                             "unknown subcommand '" + word + "' (expected " +
                                 known_subcommands + ")",
                             kExitUsage);
        }
      }
    }
    std::string message = e.what();
    message += " (see fcsim --help)";
    return ReportError(err, message, kExitUsage);
  }
  global.verbosity = quiet ? 0 : (verbose ? 2 : 1);
  // --threads bounds every parallel loop (generators, properties, checker),
  // not only the simulation's own arena.
  // (Plugins that run several thread counts bound them themselves.)
  bool manages_threads = false;
  for (std::size_t i = 0; i < plugin_apps.size(); ++i) {
    manages_threads |=
        plugin_apps[i].first->parsed() && plugin_manages_threads[i];
  }
  std::optional<tbb::global_control> parallelism;
  if (!manages_threads) {
    parallelism.emplace(tbb::global_control::max_allowed_parallelism,
                        static_cast<std::size_t>(global.threads));
  }

  try {
    if (gen_app->parsed()) {
      if (gen.list == !gen.spec.empty()) {
        throw CliError("gen: give either a graph spec or --list");
      }
      if (!gen.list && gen.output.empty()) {
        throw CliError("gen: --output FILE is required");
      }
      return GenMain(global, gen, out, err);
    }
    if (info_app->parsed()) return InfoMain(global, info, out, err);
    if (run_app->parsed()) {
      if (run_list) {
        PrintAlgorithms(out);
        return kExitOk;
      }
      if (run.choice.graph.empty()) throw CliError("run: --graph is required");
      if (run.choice.algo.empty()) throw CliError("run: --algo is required");
      return RunMain(global, run, out, err);
    }
    if (verify_app->parsed()) return VerifyMain(global, verify, out, err);
    if (audit_app->parsed()) return AuditMain(global, audit, out, err);
    for (const auto& [sub, main] : plugin_apps) {
      if (sub->parsed()) return main(global, out, err);
    }
  } catch (const SimulationError& e) {
    // The run could not complete (round limit, stall): no verified result.
    return ReportError(err, e.what(), kExitVerificationFailed);
  } catch (const std::exception& e) {
    return ReportError(err, e.what(), kExitUsage);
  }
  return ReportError(err, "no subcommand (see fcsim --help)", kExitUsage);
}

int RunCli(const std::vector<std::string>& args, std::ostream& out,
           std::ostream& err) {
  std::vector<const char*> argv;
  argv.push_back("fcsim");
  for (const std::string& a : args) argv.push_back(a.c_str());
  return RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
}

}  // namespace fcsim
