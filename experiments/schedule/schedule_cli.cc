// `fcsim schedule`: fractional colourings of a conflict graph exported as
// conflict-free periodic time-share schedules (docs/schedule.md).
//
//   fcsim schedule --jobs jobs.csv --slot 1m --json t.json --ics t.ics ...
//   fcsim schedule --check t.json --jobs jobs.csv
//   fcsim schedule --gen-jobs 100000 -o jobs.csv
//
// Export: build the conflict graph (jobs sharing a resource conflict; or a
// graph given with --graph), expand demands (jobs.h), run the algorithm
// (default bep-delta, eps 1/2; graphs outside its class fall back to the
// proper (Δ+1)-colouring linial-delta1 as a (Δ+1):1-colouring, with the
// reason recorded) or read --coloring, verify the colouring with the checker
// and the timetable with CheckTimetable, render every requested format (any
// adapter error is exit 2 before a file is written), then write them all
// through temporary files renamed into place.
#include <fmt/core.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <numeric>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/bep_delta.h"
#include "algorithms/checker.h"
#include "algorithms/coloring_io.h"
#include "experiments/algorithm_registry.h"
#include "experiments/cli.h"
#include "experiments/cli_graph.h"
#include "experiments/records.h"
#include "experiments/schedule/adapters.h"
#include "experiments/schedule/jobs.h"
#include "experiments/schedule/timetable.h"
#include "experiments/schedule/timetable_io.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

constexpr const char* kDefaultAlgorithm = "bep-delta";
constexpr const char* kFallbackAlgorithm = "linial-delta1";

struct ScheduleOptions {
  std::string jobs;
  std::string graph;
  std::string algo = kDefaultAlgorithm;
  std::string eps;
  std::string ids = "permutation";
  std::string coloring;
  std::string slot = "1m";
  std::string epoch = "2027-01-01T00:00:00Z";
  std::uint64_t max_conflicts = kDefaultMaxConflictPairs;
  std::uint32_t frame_slots = 0;  // 0 = a; else pad the frame to this
  bool no_fallback = false;
  std::string check;
  std::string json, csv, ics, cron, systemd, scrontab, k8s, taprio;
  AdapterOptions adapter;
  std::uint64_t gen_jobs = 0;
  std::uint32_t gen_per_job = 2;
  std::uint32_t gen_share = 3;
  std::uint32_t gen_max_demand = 1;
  std::string output;
};

void Row(std::ostream& out, std::string_view key, const std::string& value) {
  out << fmt::format("{:<12} {}\n", key, value);
}

struct ConflictInput {
  JobSet jobs;
  Graph graph;
  std::string source;
  std::string kind;
};

ConflictInput LoadConflicts(const ScheduleOptions& o, std::ostream& err) {
  if (o.jobs.empty() == o.graph.empty()) {
    throw CliError(
        "schedule: give exactly one of --jobs FILE or --graph GRAPH");
  }
  ConflictInput in;
  if (!o.jobs.empty()) {
    in.jobs = ReadJobs(o.jobs);
    in.graph = BuildConflictGraph(in.jobs, o.max_conflicts);
    in.source = o.jobs;
    in.kind = "jobs";
  } else {
    LoadedGraph g = LoadGraph(o.graph, err);
    in.jobs = JobsFromGraph(g.graph.num_vertices());
    in.graph = std::move(g.graph);
    in.source = g.name;
    in.kind = "graph";
  }
  return in;
}

// Why bep-delta cannot colour `g` with k palettes ("" when it can).
std::string BepDeltaClassProblem(const Graph& g, std::uint32_t k) {
  const std::uint64_t delta = g.max_degree();
  if (delta < 3) {
    return fmt::format("bep-delta needs Δ >= 3, the conflict graph has Δ = {}",
                       delta);
  }
  if (k * delta + 1 > kBepDeltaMaxColors) {
    return fmt::format(
        "bep-delta with k = {} needs kΔ+1 = {} colours, above its {} (Δ = {})",
        k, k * delta + 1, kBepDeltaMaxColors, delta);
  }
  // A component is K_{Δ+1} iff it has Δ+1 vertices, all of degree Δ.
  const Vertex n = g.num_vertices();
  std::vector<char> seen(n, 0);
  std::vector<Vertex> stack;
  for (Vertex s = 0; s < n; ++s) {
    if (seen[s]) continue;
    seen[s] = 1;
    stack.assign(1, s);
    std::uint64_t size = 0;
    bool all_delta = true;
    while (!stack.empty()) {
      const Vertex v = stack.back();
      stack.pop_back();
      ++size;
      all_delta = all_delta && g.degree(v) == delta;
      for (Vertex u : g.neighbors(v)) {
        if (!seen[u]) {
          seen[u] = 1;
          stack.push_back(u);
        }
      }
    }
    if (all_delta && size == delta + 1) {
      return fmt::format(
          "bep-delta excludes K_{{Δ+1}} components, and vertex {} lies in a "
          "K_{}",
          s, delta + 1);
    }
  }
  return "";
}

// A file (or directory of files) rendered in memory, written later.
struct Output {
  std::string path;
  std::string text;                                        // a file, or
  std::vector<std::pair<std::string, std::string>> files;  // a directory
  bool directory = false;
};

std::string TempName(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

// Every output is written to a temporary name first; only when all of them
// are complete are they renamed into place. A failure removes the
// temporaries, so no partial file is ever left under a final name.
void WriteOutputs(const std::vector<Output>& outputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> temps;
  const auto cleanup = [&] {
    std::error_code ec;
    for (const std::string& t : temps) fs::remove_all(t, ec);
  };
  const auto write_file = [](const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw CliError("cannot write '" + path + "'");
  };
  try {
    for (const Output& o : outputs) {
      const std::string temp = TempName(o.path);
      temps.push_back(temp);
      if (!o.directory) {
        write_file(temp, o.text);
        continue;
      }
      std::error_code ec;
      if (fs::exists(o.path, ec)) {
        throw CliError("--systemd: '" + o.path +
                       "' already exists (give a new directory)");
      }
      if (!fs::create_directory(temp, ec) || ec) {
        throw CliError("cannot create directory '" + temp + "'");
      }
      for (const auto& [name, text] : o.files)
        write_file(temp + "/" + name, text);
    }
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      std::error_code ec;
      fs::rename(temps[i], outputs[i].path, ec);
      if (ec) {
        throw CliError("cannot rename '" + temps[i] + "' to '" +
                       outputs[i].path + "': " + ec.message());
      }
    }
  } catch (...) {
    cleanup();
    throw;
  }
}

std::string GenerateJobs(const ScheduleOptions& o, std::uint64_t seed) {
  // Configuration model: R = ceil(N*K/C) resources with C seats each; the
  // seats are shuffled and dealt K to a job. A job shares each of its (at
  // most K) resources with at most C-1 others: Δ <= K(C-1).
  if (o.gen_jobs > (std::uint64_t{1} << 26)) {
    throw CliError("--gen-jobs: at most 2^26 jobs");
  }
  if (o.gen_per_job == 0 || o.gen_per_job > 64 || o.gen_share < 1 ||
      o.gen_share > 1'000'000) {
    throw CliError("--gen-per-job must be in 1..64 and --gen-share in 1..1e6");
  }
  if (o.gen_max_demand < 1 || o.gen_max_demand > kMaxDemand) {
    throw CliError(
        fmt::format("--gen-max-demand must be in 1..{}", kMaxDemand));
  }
  const std::uint64_t n = o.gen_jobs;
  const std::uint64_t seats_needed = n * o.gen_per_job;
  const std::uint64_t resources =
      (seats_needed + o.gen_share - 1) / o.gen_share;
  std::vector<std::uint64_t> seats;
  seats.reserve(resources * o.gen_share);
  for (std::uint64_t r = 0; r < resources; ++r) {
    for (std::uint32_t c = 0; c < o.gen_share; ++c) seats.push_back(r);
  }
  std::mt19937_64 rng(seed);
  std::shuffle(seats.begin(), seats.end(), rng);
  std::string text = fmt::format(
      "# fcsim schedule --gen-jobs {} --gen-per-job {} --gen-share {} "
      "--gen-max-demand {} --seed {}\njob,resources,demand\n",
      n, o.gen_per_job, o.gen_share, o.gen_max_demand, seed);
  std::uniform_int_distribution<std::uint32_t> demand(1, o.gen_max_demand);
  for (std::uint64_t j = 0; j < n; ++j) {
    text += fmt::format("job{},", j);
    for (std::uint32_t k = 0; k < o.gen_per_job; ++k) {
      if (k > 0) text += ';';
      text += fmt::format("r{}", seats[j * o.gen_per_job + k]);
    }
    text += fmt::format(",{}\n", o.gen_max_demand > 1 ? demand(rng) : 1);
  }
  return text;
}

int CheckMain(const ScheduleOptions& o, std::ostream& out, std::ostream& err) {
  const ConflictInput in = LoadConflicts(o, err);
  const Timetable table = ReadTimetable(o.check);
  const TimetableCheck check =
      CheckTimetable(table, o.check, in.graph, in.jobs);
  const std::string hash = TimetableGraphHash(in.graph);
  Row(out, "timetable", o.check);
  Row(out, "conflicts",
      fmt::format("{} ({} jobs, {} conflicting pairs)", in.source,
                  in.jobs.num_jobs(), in.graph.num_edges()));
  if (!table.graph_hash.empty() && table.graph_hash != hash) {
    Row(out, "note",
        "the timetable was made for graph " + table.graph_hash +
            ", this one is " + hash);
  }
  Row(out, "frame",
      fmt::format("{} slots of {} = {}", table.frame_slots,
                  FormatDuration(table.slot_ns),
                  FormatDuration(table.frame_ns())));
  Row(out, "weight", table.weight().ToString());
  if (check.passed) {
    Row(out, "min share",
        check.min_share_per_demand.ToString() + " per unit of demand (>= " +
            Rational(table.base_slots, table.frame_slots).ToString() + ")");
  }
  Row(out, "verdict", check.passed ? "PASS" : "FAIL: " + check.message);
  return check.passed ? kExitOk : kExitVerificationFailed;
}

int ExportMain(const GlobalOptions& global, const ScheduleOptions& o,
               std::ostream& out, std::ostream& err) {
  const std::int64_t slot_ns = ParseDuration(o.slot);
  const std::int64_t epoch_s = ParseEpoch(o.epoch);
  if (o.json.empty() && o.csv.empty() && o.ics.empty() && o.cron.empty() &&
      o.systemd.empty() && o.scrontab.empty() && o.k8s.empty() &&
      o.taprio.empty()) {
    throw CliError(
        "schedule: nothing to export (give --json, --csv, --ics, --cron, "
        "--systemd, --scrontab, --k8s or --taprio, or --check)");
  }
  {
    std::vector<std::string> paths;
    for (const std::string* p : {&o.json, &o.csv, &o.ics, &o.cron, &o.systemd,
                                 &o.scrontab, &o.k8s, &o.taprio}) {
      if (p->empty()) continue;
      if (std::find(paths.begin(), paths.end(), *p) != paths.end()) {
        throw CliError("two exports write to '" + *p + "'");
      }
      paths.push_back(*p);
    }
  }
  const IdScheme scheme = ParseIdScheme(o.ids);
  const AlgorithmEntry* entry = nullptr;
  AlgorithmParams params;
  if (o.coloring.empty()) {
    entry = &FindAlgorithm(o.algo);
    if (!o.eps.empty()) {
      params.epsilon = ParseRationalArg(o.eps, "--eps");
      if (*params.epsilon <= Rational(0)) throw CliError("--eps must be > 0");
      if (!entry->takes_epsilon) {
        throw CliError("algorithm '" + entry->name + "' takes no --eps");
      }
    }
    if (!entry->produces_coloring) {
      throw CliError("algorithm '" + entry->name +
                     "' produces no a:b-colouring to schedule");
    }
  } else if (!o.eps.empty() || o.algo != kDefaultAlgorithm) {
    throw CliError(
        "--coloring takes the colouring from a file: no --algo/--eps");
  }
  const ConflictInput in = LoadConflicts(o, err);
  const Vertex n = in.jobs.num_jobs();
  // The graph that is coloured: the conflict graph, or its demand expansion.
  std::vector<std::uint64_t> copies(std::size_t{n} + 1);
  std::iota(copies.begin(), copies.end(), std::uint64_t{0});
  Graph expanded_storage;
  const Graph* coloured = &in.graph;
  if (!in.jobs.AllUnitDemand()) {
    expanded_storage =
        ExpandDemands(in.graph, in.jobs.demand, &copies, o.max_conflicts);
    coloured = &expanded_storage;
  }
  Timetable meta;
  meta.requested_algorithm = o.coloring.empty() ? o.algo : "-";
  meta.seed = global.seed;
  meta.ids = std::string(IdSchemeName(scheme));
  ABColoring coloring;
  if (!o.coloring.empty()) {
    coloring = ReadColoring(o.coloring);
    if (coloring.num_vertices() != coloured->num_vertices()) {
      throw CliError(fmt::format(
          "--coloring: {} colours {} vertices, the {} has {}", o.coloring,
          coloring.num_vertices(),
          in.jobs.AllUnitDemand() ? "conflict graph" : "demand expansion",
          coloured->num_vertices()));
    }
    meta.algorithm = "file:" + o.coloring;
    meta.params = "-";
    meta.ids = "-";
  } else {
    if (entry->name == kDefaultAlgorithm) {
      const std::string problem = BepDeltaClassProblem(
          *coloured, BepPalettes(params.epsilon.value_or(Rational(1, 2))));
      if (!problem.empty()) {
        if (o.no_fallback) throw CliError(problem + " (--no-fallback)");
        meta.fallback_reason = problem;
        entry = &FindAlgorithm(kFallbackAlgorithm);
        params.epsilon.reset();
        if (global.verbosity >= 1) {
          err << "fcsim: " << problem << "; falling back to "
              << kFallbackAlgorithm << "\n";
        }
      }
    }
    const std::vector<NodeId> ids = AssignIds(*coloured, scheme, global.seed);
    HarnessOptions options;
    options.sim.threads = global.threads;
    options.sim.seed = global.seed;
    options.audit_locality = false;
    options.id_range = IdRange(scheme, coloured->num_vertices());
    AlgorithmReport report = entry->run(*coloured, ids, params, options);
    if (!report.verdict.passed()) {
      Row(out, "algorithm", entry->name);
      Row(out, "verdict", report.verdict.ToString());
      return kExitVerificationFailed;
    }
    if (!report.coloring) {
      throw CliError("the colouring of '" + entry->name +
                     "' is too large to materialise");
    }
    coloring = std::move(*report.coloring);
    meta.algorithm = entry->name;
    meta.params = report.params;
    meta.rounds = report.stats.rounds;
  }
  // Every colouring goes through the checker, from a file or not.
  const Verdict verdict = CheckABColoring(*coloured, coloring);
  if (!verdict.passed()) {
    Row(out, "coloring", meta.algorithm);
    Row(out, "verdict", verdict.ToString());
    return kExitVerificationFailed;
  }
  Timetable table =
      TimetableFromColoring(coloring, copies, in.jobs, slot_ns, epoch_s);
  if (o.frame_slots != 0) {
    if (o.frame_slots < table.frame_slots) {
      throw CliError(fmt::format(
          "--frame-slots {} is below the colouring's a = {} (it can only pad)",
          o.frame_slots, table.frame_slots));
    }
    // Extra slots stay idle: still conflict-free, weight frame_slots/b.
    table.frame_slots = o.frame_slots;
  }
  table.graph_source = in.source;
  table.graph_kind = in.kind;
  table.graph_hash = TimetableGraphHash(in.graph);
  table.conflicts = in.graph.num_edges();
  table.algorithm = meta.algorithm;
  table.requested_algorithm = meta.requested_algorithm;
  table.fallback_reason = meta.fallback_reason;
  table.params = meta.params;
  table.ids = meta.ids;
  table.seed = meta.seed;
  table.rounds = meta.rounds;
  (void)table.frame_ns();  // overflow is an input error, before rendering
  const TimetableCheck check =
      CheckTimetable(table, "timetable", in.graph, in.jobs);
  if (!check.passed) {
    Row(out, "verdict", "FAIL: " + check.message);
    return kExitVerificationFailed;
  }
  table.verdict = "PASS";
  // Render everything first: an adapter that cannot express the timetable
  // is an error before any file exists.
  std::vector<Output> outputs;
  const auto add = [&](const std::string& path, const std::string& what,
                       const auto& render) {
    if (path.empty()) return;
    try {
      outputs.push_back(Output{path, render(), {}, false});
    } catch (const std::invalid_argument& e) {
      throw CliError(what + ": " + e.what());
    }
  };
  add(o.json, "--json", [&] {
    std::ostringstream s;
    WriteTimetableJson(s, table, VersionString());
    return s.str();
  });
  add(o.csv, "--csv", [&] {
    std::ostringstream s;
    WriteTimetableCsv(s, table);
    return s.str();
  });
  add(o.ics, "--ics", [&] {
    if (table.slot_ns % kNanosPerSecond != 0) {
      throw AdapterError(
          fmt::format("ics: slots of {} are finer than its granularity of 1s",
                      FormatDuration(table.slot_ns)));
    }
    std::ostringstream s;
    WriteTimetableIcs(s, table);
    return s.str();
  });
  add(o.cron, "--cron", [&] { return RenderCron(table, o.adapter); });
  add(o.scrontab, "--scrontab",
      [&] { return RenderScrontab(table, o.adapter); });
  add(o.k8s, "--k8s", [&] { return RenderK8s(table, o.adapter); });
  add(o.taprio, "--taprio", [&] { return RenderTaprio(table, o.adapter); });
  if (!o.systemd.empty()) {
    try {
      outputs.push_back(
          Output{o.systemd, "", RenderSystemd(table, o.adapter), true});
    } catch (const std::invalid_argument& e) {
      throw CliError(std::string("--systemd: ") + e.what());
    }
  }
  WriteOutputs(outputs);
  Row(out, "conflicts",
      fmt::format("{} ({} jobs, {} conflicting pairs, Δ = {})", in.source, n,
                  in.graph.num_edges(), in.graph.max_degree()));
  if (coloured != &in.graph) {
    Row(out, "demand",
        fmt::format("expanded to {} job copies, Δ = {}",
                    coloured->num_vertices(), coloured->max_degree()));
  }
  Row(out, "algorithm",
      table.algorithm + (table.params.empty() || table.params == "-"
                             ? ""
                             : " (" + table.params + ")"));
  if (!table.fallback_reason.empty()) {
    Row(out, "fallback", table.fallback_reason);
  }
  Row(out, "a:b", fmt::format("{}:{}", table.frame_slots, table.base_slots));
  Row(out, "weight", table.weight().ToString());
  Row(out, "frame",
      fmt::format("{} slots of {} = {}, epoch {}", table.frame_slots,
                  FormatDuration(slot_ns), FormatDuration(table.frame_ns()),
                  FormatInstant(epoch_s * kNanosPerSecond)));
  Row(out, "min share",
      check.min_share_per_demand.ToString() + " per unit of demand (>= " +
          Rational(table.base_slots, table.frame_slots).ToString() + ")");
  Row(out, "graph hash", table.graph_hash);
  for (const Output& o2 : outputs) Row(out, "wrote", o2.path);
  Row(out, "verdict", "PASS");
  return kExitOk;
}

int ScheduleMain(const GlobalOptions& global, const ScheduleOptions& o,
                 std::ostream& out, std::ostream& err) {
  if (o.gen_jobs > 0) {
    if (o.output.empty()) throw CliError("--gen-jobs needs -o FILE");
    const std::string text = GenerateJobs(o, global.seed);
    WriteOutputs({Output{o.output, text, {}, false}});
    if (global.verbosity >= 1) {
      out << fmt::format("wrote {} ({} jobs)\n", o.output, o.gen_jobs);
    }
    return kExitOk;
  }
  if (!o.output.empty()) throw CliError("-o is only for --gen-jobs");
  if (!o.check.empty()) return CheckMain(o, out, err);
  return ExportMain(global, o, out, err);
}

const SubcommandRegistrar kRegistrar{
    "schedule",
    "export a verified fractional colouring of a conflict graph as a "
    "periodic timetable (JSON, CSV, iCalendar, cron, systemd, scrontab, "
    "Kubernetes, taprio), or --check one",
    [](CLI::App* sub) -> SubcommandMain {
      auto o = std::make_shared<ScheduleOptions>();
      sub->add_option("-j,--jobs", o->jobs,
                      "jobs CSV: job,resources(;-separated)[,demand]");
      sub->add_option("-g,--graph", o->graph,
                      "conflict graph spec or file instead of --jobs (jobs "
                      "are named by vertex)");
      sub->add_option("-a,--algo", o->algo,
                      "algorithm producing an a:b-colouring")
          ->capture_default_str();
      sub->add_option("-e,--eps", o->eps,
                      "ε for the algorithm, a/b or decimal");
      sub->add_option("--ids", o->ids, "ID scheme (see `fcsim run --help`)")
          ->capture_default_str();
      sub->add_option("-c,--coloring", o->coloring,
                      "use this colouring file (of the conflict graph, or "
                      "of its demand expansion) instead of running one");
      sub->add_flag("--no-fallback", o->no_fallback,
                    "fail instead of falling back to linial-delta1 when "
                    "bep-delta cannot colour the graph");
      sub->add_option("--slot", o->slot, "slot length: 500ms, 30s, 1m, 1h, ...")
          ->capture_default_str();
      sub->add_option("--epoch", o->epoch,
                      "start of frame 0, UTC YYYY-MM-DDTHH:MM:SSZ")
          ->capture_default_str();
      sub->add_option("--frame-slots", o->frame_slots,
                      "pad the frame with idle slots to this many (>= a), "
                      "e.g. so that cron can express it");
      sub->add_option("--max-conflicts", o->max_conflicts,
                      "refuse conflict graphs with more pairs than this")
          ->capture_default_str();
      sub->add_option("--check", o->check,
                      "validate this timetable (JSON, CSV or iCalendar) "
                      "against --jobs/--graph");
      sub->add_option("--json", o->json, "write the canonical JSON timetable");
      sub->add_option("--csv", o->csv, "write the CSV timetable");
      sub->add_option("--ics", o->ics, "write iCalendar (granularity 1 s)");
      sub->add_option("--cron", o->cron, "write a crontab (granularity 1 min)");
      sub->add_option("--systemd", o->systemd,
                      "write .timer/.service units into this new directory "
                      "(granularity 1 s)");
      sub->add_option("--scrontab", o->scrontab,
                      "write Slurm scrontab lines (granularity 1 min)");
      sub->add_option("--k8s", o->k8s,
                      "write Kubernetes CronJob manifests (granularity 1 min)");
      sub->add_option("--taprio", o->taprio,
                      "write a tc taprio command (granularity 1 ns, <= 16 "
                      "jobs)");
      sub->add_option("--command", o->adapter.command,
                      "command per slot; {job} {slot} {seconds} {demand}")
          ->capture_default_str();
      sub->add_option("--image", o->adapter.image, "k8s container image")
          ->capture_default_str();
      sub->add_option("--namespace", o->adapter.k8s_namespace,
                      "k8s metadata.namespace");
      sub->add_option("--taprio-dev", o->adapter.taprio_dev,
                      "taprio network device")
          ->capture_default_str();
      sub->add_option("--gen-jobs", o->gen_jobs,
                      "write a random jobs file with this many jobs to -o");
      sub->add_option("--gen-per-job", o->gen_per_job,
                      "resources per generated job")
          ->capture_default_str();
      sub->add_option("--gen-share", o->gen_share,
                      "jobs per generated resource (Δ <= per-job*(share-1))")
          ->capture_default_str();
      sub->add_option("--gen-max-demand", o->gen_max_demand,
                      "generated demands uniform in 1..this")
          ->capture_default_str();
      sub->add_option("-o,--output", o->output, "jobs file for --gen-jobs");
      return [o](const GlobalOptions& g, std::ostream& out, std::ostream& err) {
        return ScheduleMain(g, *o, out, err);
      };
    }};

}  // namespace
}  // namespace fcsim
