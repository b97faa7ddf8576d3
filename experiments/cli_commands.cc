#include "experiments/cli_commands.h"

#include <fmt/core.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <ostream>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/checker.h"
#include "algorithms/coloring_io.h"
#include "algorithms/harness.h"
#include "experiments/algorithm_registry.h"
#include "experiments/cli_graph.h"
#include "experiments/progress.h"
#include "experiments/records.h"
#include "graphs/io.h"
#include "graphs/properties.h"
#include "graphs/row_sources.h"
#include "sim/ids.h"
#include "sim/stats.h"

namespace fcsim {

std::string FormatBytes(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < (1u << 20)) return fmt::format("{:.1f} KiB", bytes / 1024.0);
  if (bytes < (1u << 30)) {
    return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024));
  }
  return fmt::format("{:.2f} GiB", bytes / (1024.0 * 1024 * 1024));
}

namespace {

std::string ClaimText(const std::optional<Rational>& claim) {
  return claim ? " (claim <= " + claim->ToString() + ")" : std::string();
}

// One "key  value" row of the summary table.
void Row(std::ostream& out, std::string_view key, const std::string& value) {
  out << fmt::format("{:<12} {}\n", key, value);
}

// A schedule file starts (after comments and blank lines) with its magic.
bool IsScheduleFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw CliError("cannot open colouring file '" + path + "'");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    return line.rfind("fcsim-schedule", 0) == 0;
  }
  return false;
}

// A colour >= a is a wrong colouring, not a malformed file: verify reports it
// as a FAIL naming the vertex and colour (the reader refuses such files, so
// this scan runs first). Lines that do not parse are left to the reader.
std::optional<Violation> ColourOutOfRange(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::optional<std::uint64_t> a;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    if (!a) {
      std::string magic, version, a_field;
      words >> magic >> version >> a_field;
      if (magic != "fcsim-coloring" || a_field.rfind("a=", 0) != 0) {
        return std::nullopt;
      }
      try {
        a = std::stoull(a_field.substr(2));
      } catch (const std::exception&) {
        return std::nullopt;
      }
      continue;
    }
    std::uint64_t vertex = 0;
    if (!(words >> vertex)) continue;
    std::string token;
    while (words >> token) {
      if (token.empty() ||
          token.find_first_not_of("0123456789") != std::string::npos ||
          token.size() > 18) {
        break;
      }
      const std::uint64_t colour = std::stoull(token);
      if (colour >= *a) {
        return Violation{ViolationKind::kColorOutOfRange,
                         fmt::format("vertex {} has colour {} >= a = {}",
                                     vertex, colour, *a),
                         static_cast<Vertex>(vertex), kNoVertex,
                         static_cast<std::int64_t>(colour)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

// Resolves everything a run needs before any simulation starts, so that a
// bad argument is reported before minutes of work.
void CheckChoice(const AlgorithmChoice& choice) {
  const AlgorithmEntry& entry = FindAlgorithm(choice.algo);
  if (!choice.eps.empty()) {
    const Rational eps = ParseRationalArg(choice.eps, "--eps");
    if (eps <= Rational(0)) {
      throw CliError("--eps must be > 0, got " + choice.eps);
    }
    if (!entry.takes_epsilon) {
      throw CliError("algorithm '" + entry.name + "' takes no --eps");
    }
  }
  ParseIdScheme(choice.ids);
}

PreparedRun PrepareOptions(const GlobalOptions& global,
                           const AlgorithmChoice& choice,
                           std::uint64_t audit_samples) {
  CheckChoice(choice);
  PreparedRun run;
  run.entry = &FindAlgorithm(choice.algo);
  if (!choice.eps.empty()) {
    run.params.epsilon = ParseRationalArg(choice.eps, "--eps");
  }
  run.scheme = ParseIdScheme(choice.ids);
  run.graph.name = choice.graph;
  run.options.sim.threads = global.threads;
  run.options.sim.seed = global.seed;
  run.options.audit.samples = audit_samples;
  run.options.audit.seed = global.seed;
  run.options.audit_locality = audit_samples > 0;
  return run;
}

PreparedRun Prepare(const GlobalOptions& global, const AlgorithmChoice& choice,
                    std::uint64_t audit_samples, std::ostream& warnings) {
  PreparedRun run = PrepareOptions(global, choice, audit_samples);
  run.graph = LoadGraph(choice.graph, warnings);
  run.ids = AssignIds(run.graph.graph, run.scheme, global.seed);
  // Algorithms know the range of the ID scheme, not the IDs drawn.
  run.options.id_range = IdRange(run.scheme, run.graph.graph.num_vertices());
  return run;
}

void PrintReport(std::ostream& out, const GlobalOptions& global,
                 const PreparedRun& run, const AlgorithmReport& report,
                 double total_seconds) {
  const Graph& g = run.graph.graph;
  Row(out, "graph", run.graph.name);
  Row(out, "n", std::to_string(run.sizes ? (*run.sizes)[0] : g.num_vertices()));
  Row(out, "m", std::to_string(run.sizes ? (*run.sizes)[1] : g.num_edges()));
  Row(out, "Δ", std::to_string(run.sizes ? (*run.sizes)[2] : g.max_degree()));
  Row(out, "ids",
      std::string(IdSchemeName(run.scheme)) + ", range 1.." +
          std::to_string(report.inputs.id_range));
  Row(out, "algorithm", run.entry->name);
  Row(out, "params", report.params);
  Row(out, "output", report.output_kind);
  if (report.coloring) {
    const ABColoring& c = *report.coloring;
    Row(out, "a:b", fmt::format("{}:{}", c.a(), c.b()));
  } else if (report.ab) {
    Row(out, "a:b", fmt::format("{}:{}", report.ab->first, report.ab->second));
  }
  if (report.weight) {
    Row(out, "weight",
        report.weight->ToString() + ClaimText(report.weight_claim));
  }
  Row(out, "rounds",
      fmt::format("{} (bound {} = {})", report.stats.rounds, report.round_bound,
                  report.round_formula));
  for (const PhaseStats& p : report.stats.phases) {
    if (global.verbosity >= 2) {
      Row(out, "  phase",
          fmt::format("{}: {} rounds, {} messages, {} bits, {} sparse "
                      "rounds, {} skipped empty rounds, {:.3f} s",
                      p.name, p.rounds, p.messages, p.message_bits,
                      p.sparse_rounds, p.skipped_rounds, p.wall_seconds));
    } else {
      Row(out, "  phase", fmt::format("{}: {} rounds", p.name, p.rounds));
    }
  }
  Row(out, "messages", std::to_string(report.stats.messages));
  Row(out, "bits",
      fmt::format("{} total, {} max per message", report.stats.message_bits,
                  report.stats.max_message_bits));
  Row(out, "wall time",
      fmt::format("{:.3f} s simulation, {:.3f} s total",
                  report.stats.wall_seconds, total_seconds));
  Row(out, "peak RSS", FormatBytes(report.stats.peak_rss_bytes));
  Row(out, "threads",
      run.options.dist == nullptr
          ? std::to_string(global.threads)
          : fmt::format("{} per rank, {} MPI ranks", global.threads,
                        run.options.dist->comm->size()));
  Row(out, "outputs digest", fmt::format("{:016x}", report.output_digest));
  Row(out, "audit", report.audit ? report.audit->Summary() : "not run");
  Row(out, "verdict", report.verdict.ToString());
}

AlgorithmReport Execute(const PreparedRun& run) {
  return run.entry->run(run.graph.graph, run.ids, run.params, run.options);
}

int GenMain(const GlobalOptions& global, const GenCommand& cmd,
            std::ostream& out, std::ostream& err) {
  (void)err;
  if (cmd.list) {
    PrintGraphFamilies(out);
    return kExitOk;
  }
  // Check the format before generating: generation can take minutes.
  if (cmd.format.empty() && IsCsrFilePath(cmd.output)) {
    // The binary CSR file distributed runs read by rows (docs/mpi.md).
    const LoadedGraph g = GenerateFromSpec(cmd.spec);
    WriteCsrFile(g.graph, cmd.output);
    if (global.verbosity >= 1) {
      out << fmt::format("wrote {} (n={}, m={}, format fcsr)\n", cmd.output,
                         g.graph.num_vertices(), g.graph.num_edges());
    }
    return kExitOk;
  }
  const GraphFormat format = cmd.format.empty() ? FormatFromPath(cmd.output)
                                                : ParseGraphFormat(cmd.format);
  const LoadedGraph g = GenerateFromSpec(cmd.spec);
  WriteGraph(g.graph, cmd.output, format);
  if (global.verbosity >= 1) {
    out << fmt::format("wrote {} (n={}, m={}, format {})\n", cmd.output,
                       g.graph.num_vertices(), g.graph.num_edges(),
                       GraphFormatName(format));
  }
  return kExitOk;
}

int InfoMain(const GlobalOptions& global, const InfoCommand& cmd,
             std::ostream& out, std::ostream& err) {
  (void)global;
  const LoadedGraph g = LoadGraph(cmd.graph, err);
  // Same "key: value" style as FormatProperties.
  out << "graph: " << g.name << "\n";
  out << FormatProperties(ComputeProperties(g.graph));
  return kExitOk;
}

int RunMain(const GlobalOptions& global, const RunCommand& cmd,
            std::ostream& out, std::ostream& err) {
  if (Communicator* comm = DistributedCommunicator()) {
    return RunMainDistributed(global, cmd, out, err, *comm);
  }
  const auto start = std::chrono::steady_clock::now();
  ProgressBar progress(err,
                       ProgressWanted(global.verbosity) && &err == &std::cerr);
  progress.Status("preparing " + cmd.choice.graph);
  PreparedRun run = Prepare(global, cmd.choice, cmd.audit_samples, err);
  if (!cmd.output.empty() && !run.entry->produces_coloring) {
    throw CliError("algorithm '" + run.entry->name +
                   "' produces no a:b-colouring to write to " + cmd.output);
  }
  run.options.sim.on_round = progress.Callback();
  const AlgorithmReport report = Execute(run);
  progress.Clear();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  PrintReport(out, global, run, report, seconds);
  return WriteRunOutputs(global, cmd, run, report, seconds, err);
}

int WriteRunOutputs(const GlobalOptions& global, const RunCommand& cmd,
                    const PreparedRun& run, const AlgorithmReport& report,
                    double seconds, std::ostream& err) {
  if (!cmd.output.empty()) {
    if (!report.coloring) {
      throw CliError("the colouring of '" + run.entry->name +
                     "' was too large to materialise for " + cmd.output);
    }
    WriteColoring(cmd.output, *report.coloring);
    if (global.verbosity >= 1) {
      err << "fcsim: wrote colouring to " << cmd.output << "\n";
    }
  }
  if (!cmd.record.empty() || !cmd.csv.empty()) {
    const nlohmann::json record =
        MakeRecord(global, cmd.choice, run, report, seconds, cmd.audit_samples,
                   cmd.family);
    if (!cmd.record.empty()) AppendRecordJsonl(cmd.record, record);
    if (!cmd.csv.empty()) AppendRecordCsv(cmd.csv, record);
  }
  return report.verdict.passed() ? kExitOk : kExitVerificationFailed;
}

int AuditMain(const GlobalOptions& global, const AuditCommand& cmd,
              std::ostream& out, std::ostream& err) {
  PreparedRun run = Prepare(global, cmd.choice, cmd.samples, err);
  const AlgorithmReport report = Execute(run);
  Row(out, "graph", run.graph.name);
  Row(out, "algorithm", run.entry->name);
  Row(out, "rounds", std::to_string(report.stats.rounds));
  Row(out, "audit", report.audit ? report.audit->Summary() : "not run");
  if (report.audit && global.verbosity >= 2) {
    for (Vertex v : report.audit->mismatches) {
      Row(out, "  mismatch", "vertex " + std::to_string(v));
    }
  }
  Row(out, "verdict", report.verdict.ToString());
  return report.verdict.passed() ? kExitOk : kExitVerificationFailed;
}

int VerifyMain(const GlobalOptions& global, const VerifyCommand& cmd,
               std::ostream& out, std::ostream& err) {
  (void)global;
  std::optional<Rational> claim;
  if (!cmd.weight.empty()) {
    claim = ParseRationalArg(cmd.weight, "--weight");
    if (*claim <= Rational(0)) {
      throw CliError("--weight must be > 0, got " + cmd.weight);
    }
  }
  const bool schedule = IsScheduleFile(cmd.coloring);
  const LoadedGraph g = LoadGraph(cmd.graph, err);
  Verdict verdict;
  Row(out, "graph", g.name);
  Row(out, schedule ? "schedule" : "coloring", cmd.coloring);
  if (schedule) {
    const IntervalSchedule s = ReadSchedule(cmd.coloring);
    verdict = CheckSchedule(g.graph, s);
    if (claim) verdict.Then(CheckWeight(s.frame(), *claim));
    Row(out, "intervals", std::to_string(s.num_intervals()));
    Row(out, "weight", s.frame().ToString() + ClaimText(claim));
  } else {
    if (std::optional<Violation> out_of_range =
            ColourOutOfRange(cmd.coloring)) {
      Row(out, "verdict", Verdict::Fail(*out_of_range).ToString());
      return kExitVerificationFailed;
    }
    const ABColoring c = ReadColoring(cmd.coloring);
    verdict = CheckABColoring(g.graph, c);
    Row(out, "a:b", fmt::format("{}:{}", c.a(), c.b()));
    if (c.b() != 0) {
      if (claim) verdict.Then(CheckWeight(c.weight(), *claim));
      Row(out, "weight", c.weight().ToString() + ClaimText(claim));
    }
  }
  Row(out, "verdict", verdict.ToString());
  return verdict.passed() ? kExitOk : kExitVerificationFailed;
}

}  // namespace fcsim
