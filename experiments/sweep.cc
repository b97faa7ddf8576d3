#include "experiments/sweep.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "experiments/algorithm_registry.h"
#include "experiments/progress.h"
#include "experiments/records.h"
#include "experiments/spec_file.h"
#include "graphs/spec.h"
#include "sim/engine.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

using nlohmann::json;

const std::set<std::string> kTopKeys = {
    "output", "csv",     "algorithms",    "eps",   "seeds",
    "ids",    "threads", "audit_samples", "family"};

std::string TypeName(const json& v) {
  if (v.is_string()) return "a string";
  if (v.is_number_integer()) return "an integer";
  if (v.is_number_float()) return "a float";
  if (v.is_boolean()) return "a boolean";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "a table";
  return "null";
}

std::string String(const json& v, const std::string& file,
                   const std::string& key) {
  if (!v.is_string()) {
    SpecError(file, key, "expected a string, got " + TypeName(v));
  }
  return v.get<std::string>();
}

std::int64_t Integer(const json& v, const std::string& file,
                     const std::string& key, std::int64_t min) {
  if (!v.is_number_integer()) {
    SpecError(file, key, "expected an integer, got " + TypeName(v));
  }
  const std::int64_t value = v.get<std::int64_t>();
  if (value < min) {
    SpecError(file, key, fmt::format("must be >= {}, got {}", min, value));
  }
  return value;
}

// A non-empty array (a single scalar is accepted as a one-element list).
std::vector<json> List(const json& v, const std::string& file,
                       const std::string& key) {
  std::vector<json> items;
  if (v.is_array()) {
    for (const json& item : v) items.push_back(item);
  } else {
    items.push_back(v);
  }
  if (items.empty()) SpecError(file, key, "the list is empty");
  return items;
}

std::vector<std::string> Algorithms(const json& v, const std::string& file,
                                    const std::string& key) {
  std::vector<std::string> names;
  std::size_t i = 0;
  for (const json& item : List(v, file, key)) {
    const std::string item_key = fmt::format("{}[{}]", key, i++);
    const std::string name = String(item, file, item_key);
    try {
      names.push_back(FindAlgorithm(name).name);
    } catch (const std::exception& e) {
      SpecError(file, item_key, e.what());
    }
  }
  return names;
}

std::vector<std::string> EpsList(const json& v, const std::string& file,
                                 const std::string& key) {
  std::vector<std::string> values;
  std::size_t i = 0;
  for (const json& item : List(v, file, key)) {
    const std::string item_key = fmt::format("{}[{}]", key, i++);
    std::string text;
    if (item.is_number_integer()) {
      text = std::to_string(item.get<std::int64_t>());
    } else if (item.is_string()) {
      text = item.get<std::string>();
    } else {
      SpecError(file, item_key,
                "give ε as a string, e.g. \"1/4\" or \"0.25\" (got " +
                    TypeName(item) + ")");
    }
    try {
      if (ParseRationalArg(text, "eps") <= Rational(0)) {
        SpecError(file, item_key, "ε must be > 0, got " + text);
      }
    } catch (const std::invalid_argument& e) {
      SpecError(file, item_key, e.what());
    }
    values.push_back(text);
  }
  return values;
}

// Family and key names of an expanded graph spec, checked without building.
void CheckGraphSpec(const std::string& graph, const std::string& file,
                    const std::string& key) {
  GraphSpec spec;
  try {
    spec = ParseGraphSpec(graph);
  } catch (const std::exception& e) {
    SpecError(file, key, e.what());
  }
  if (spec.family == "file") return;
  for (const FamilyInfo& info : GraphFamilies()) {
    if (info.name != spec.family) continue;
    for (const auto& [name, value] : spec.params) {
      bool known = false;
      for (const FamilyParam& p : info.params) known |= p.name == name;
      if (!known) {
        SpecError(file, key,
                  fmt::format("graph '{}': family '{}' has no parameter '{}'",
                              graph, spec.family, name));
      }
    }
    for (const FamilyParam& p : info.params) {
      if (p.default_value.empty() && !spec.params.contains(p.name)) {
        SpecError(file, key,
                  fmt::format("graph '{}': family '{}' needs parameter '{}'",
                              graph, spec.family, p.name));
      }
    }
    return;
  }
  SpecError(file, key,
            fmt::format("graph '{}': unknown graph family '{}' (see fcsim gen "
                        "--list)",
                        graph, spec.family));
}

// The placeholders "{name}" of a template, in order of appearance.
std::vector<std::string> Placeholders(const std::string& graph,
                                      const std::string& file,
                                      const std::string& key) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while ((pos = graph.find('{', pos)) != std::string::npos) {
    const std::size_t end = graph.find('}', pos);
    if (end == std::string::npos) {
      SpecError(file, key, "unclosed '{' in '" + graph + "'");
    }
    const std::string name = graph.substr(pos + 1, end - pos - 1);
    if (name.empty()) SpecError(file, key, "empty '{}' in '" + graph + "'");
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
    pos = end + 1;
  }
  return names;
}

std::string Substitute(std::string graph,
                       const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    std::size_t pos = 0;
    while ((pos = graph.find(placeholder, pos)) != std::string::npos) {
      graph.replace(pos, placeholder.size(), value);
      pos += value.size();
    }
  }
  return graph;
}

// Every graph of a family, in odometer order of its value lists.
std::vector<std::string> Expand(const SweepFamily& family) {
  std::vector<std::string> graphs;
  std::vector<std::size_t> index(family.values.size(), 0);
  while (true) {
    std::map<std::string, std::string> chosen;
    for (std::size_t i = 0; i < family.values.size(); ++i) {
      chosen[family.values[i].first] = family.values[i].second[index[i]];
    }
    graphs.push_back(Substitute(family.graph, chosen));
    std::size_t i = family.values.size();
    while (i > 0) {
      --i;
      if (++index[i] < family.values[i].second.size()) break;
      index[i] = 0;
      if (i == 0) return graphs;
    }
    if (family.values.empty()) return graphs;
  }
}

std::vector<std::string> ValueList(const json& v, const std::string& file,
                                   const std::string& key) {
  std::vector<std::string> values;
  std::size_t i = 0;
  for (const json& item : List(v, file, key)) {
    const std::string item_key = fmt::format("{}[{}]", key, i++);
    if (item.is_number_integer()) {
      values.push_back(std::to_string(item.get<std::int64_t>()));
    } else if (item.is_string()) {
      values.push_back(item.get<std::string>());
    } else {
      SpecError(file, item_key,
                "expected an integer or a string, got " + TypeName(item));
    }
  }
  return values;
}

SweepFamily ParseFamily(const json& f, const std::string& file,
                        const std::string& key, const std::string& scale,
                        const std::vector<std::string>& algorithms,
                        const std::vector<std::string>& eps) {
  if (!f.is_object()) {
    SpecError(file, key, "expected a table [[family]], got " + TypeName(f));
  }
  SweepFamily family;
  if (!f.contains("name")) SpecError(file, key + ".name", "missing");
  if (!f.contains("graph")) SpecError(file, key + ".graph", "missing");
  family.name = String(f["name"], file, key + ".name");
  family.graph = String(f["graph"], file, key + ".graph");
  family.algorithms =
      f.contains("algorithms")
          ? Algorithms(f["algorithms"], file, key + ".algorithms")
          : algorithms;
  family.eps = f.contains("eps") ? EpsList(f["eps"], file, key + ".eps") : eps;
  if (f.contains("audit_samples")) {
    family.audit_samples = static_cast<std::uint64_t>(
        Integer(f["audit_samples"], file, key + ".audit_samples", 0));
  }
  if (family.algorithms.empty()) {
    SpecError(file, key + ".algorithms",
              "no algorithms (give `algorithms = [...]` at the top or in the "
              "family)");
  }
  std::map<std::string, std::vector<std::string>> lists;
  for (const auto& [name, value] : f.items()) {
    if (name == "name" || name == "graph" || name == "algorithms" ||
        name == "eps" || name == "full" || name == "audit_samples") {
      continue;
    }
    lists[name] = ValueList(value, file, key + "." + name);
  }
  if (f.contains("full")) {
    const json& full = f["full"];
    if (!full.is_object()) {
      SpecError(file, key + ".full", "expected a table of value lists");
    }
    for (const auto& [name, value] : full.items()) {
      const std::string full_key = key + ".full." + name;
      if (!lists.contains(name)) {
        SpecError(file, full_key,
                  "overrides a value list the family does not have");
      }
      std::vector<std::string> values = ValueList(value, file, full_key);
      if (scale == "full") lists[name] = std::move(values);
    }
  }
  const std::vector<std::string> used =
      Placeholders(family.graph, file, key + ".graph");
  for (const std::string& name : used) {
    if (!lists.contains(name)) {
      SpecError(file, key + "." + name,
                "placeholder {" + name + "} of the graph has no value list");
    }
    family.values.emplace_back(name, lists[name]);
  }
  for (const auto& [name, values] : lists) {
    if (std::find(used.begin(), used.end(), name) == used.end()) {
      SpecError(file, key + "." + name,
                "unknown key (not a placeholder {" + name + "} of the graph)");
    }
  }
  for (const std::string& graph : Expand(family)) {
    CheckGraphSpec(graph, file, key + ".graph");
  }
  return family;
}

// Test hook (docs/cli.md): FCSIM_SWEEP_KILL_AFTER=K makes the process write
// the first half of its (K+1)-th record and SIGKILL itself, the worst moment
// for a kill.
std::optional<std::size_t> KillAfter() {
  const char* env = std::getenv("FCSIM_SWEEP_KILL_AFTER");
  if (env == nullptr || *env == '\0') return std::nullopt;
  return static_cast<std::size_t>(std::strtoull(env, nullptr, 10));
}

// The first bytes of a record without its newline, as a kill in the middle
// of the write would leave them.
void AppendRawForKillTest(const std::string& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return;
  const ssize_t written = ::write(fd, bytes.data(), bytes.size());
  (void)written;
  ::close(fd);
}

// Linux: writing 5 to /proc/self/clear_refs resets the peak RSS (VmHWM) to
// the current RSS, so that each run of a sweep gets its own peak instead of
// the process's peak so far (getrusage's ru_maxrss cannot be reset).
bool ResetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

std::optional<std::uint64_t> VmHwmBytes() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmHWM:") {
      std::uint64_t kb = 0;
      if (status >> kb) return kb * 1024;
      return std::nullopt;
    }
    status.ignore(1 << 16, '\n');
  }
  return std::nullopt;
}

std::string RunLabel(const PlannedRun& run) {
  std::string label = run.choice.graph + "  " + run.choice.algo;
  if (!run.choice.eps.empty()) label += " eps=" + run.choice.eps;
  label += fmt::format(" ids={} seed={} threads={}", run.choice.ids, run.seed,
                       run.threads);
  return label;
}

}  // namespace

SweepSpec ParseSweepSpec(const json& doc, const std::string& path,
                         const std::string& scale,
                         const std::set<std::string>& extra_keys) {
  if (scale != "small" && scale != "full") {
    throw CliError("--scale must be 'small' or 'full', got '" + scale + "'");
  }
  SweepSpec spec;
  spec.path = path;
  for (const auto& [key, value] : doc.items()) {
    if (!kTopKeys.contains(key) && !extra_keys.contains(key)) {
      SpecError(path, key, "unknown key");
    }
  }
  if (doc.contains("output"))
    spec.output = String(doc["output"], path, "output");
  if (doc.contains("csv")) spec.csv = String(doc["csv"], path, "csv");
  std::vector<std::string> algorithms;
  if (doc.contains("algorithms")) {
    algorithms = Algorithms(doc["algorithms"], path, "algorithms");
  }
  std::vector<std::string> eps;
  if (doc.contains("eps")) eps = EpsList(doc["eps"], path, "eps");
  if (doc.contains("seeds")) {
    spec.seeds.clear();
    std::size_t i = 0;
    for (const json& s : List(doc["seeds"], path, "seeds")) {
      spec.seeds.push_back(static_cast<std::uint64_t>(
          Integer(s, path, fmt::format("seeds[{}]", i++), 0)));
    }
  }
  if (doc.contains("ids")) {
    spec.ids.clear();
    std::size_t i = 0;
    for (const json& s : List(doc["ids"], path, "ids")) {
      const std::string key = fmt::format("ids[{}]", i++);
      const std::string name = String(s, path, key);
      try {
        spec.ids.emplace_back(IdSchemeName(ParseIdScheme(name)));
      } catch (const std::exception& e) {
        SpecError(path, key, e.what());
      }
    }
  }
  if (doc.contains("threads")) {
    spec.threads.clear();
    std::size_t i = 0;
    for (const json& s : List(doc["threads"], path, "threads")) {
      spec.threads.push_back(static_cast<int>(
          Integer(s, path, fmt::format("threads[{}]", i++), 1)));
    }
  }
  if (doc.contains("audit_samples")) {
    spec.audit_samples = static_cast<std::uint64_t>(
        Integer(doc["audit_samples"], path, "audit_samples", 0));
  }
  if (!doc.contains("family")) {
    SpecError(path, "family", "missing (give at least one [[family]] table)");
  }
  if (!doc["family"].is_array()) {
    SpecError(path, "family",
              "expected an array of tables [[family]], got " +
                  TypeName(doc["family"]));
  }
  std::size_t i = 0;
  std::set<std::string> names;
  for (const json& f : List(doc["family"], path, "family")) {
    const std::string key = fmt::format("family[{}]", i++);
    spec.families.push_back(ParseFamily(f, path, key, scale, algorithms, eps));
    if (!names.insert(spec.families.back().name).second) {
      SpecError(path, key + ".name",
                "duplicate family name '" + spec.families.back().name + "'");
    }
  }
  return spec;
}

SweepSpec ReadSweepSpec(const std::string& path, const std::string& scale) {
  // A papers page spec is a sweep spec with page keys: `fcsim sweep` runs it.
  return ParseSweepSpec(ReadTomlFile(path), path, scale,
                        {"page", "title", "records", "table", "figure"});
}

std::vector<PlannedRun> PlanSweep(const SweepSpec& spec) {
  std::vector<PlannedRun> plan;
  std::set<std::string> keys;
  for (const SweepFamily& family : spec.families) {
    for (const std::string& graph : Expand(family)) {
      for (const std::string& algo : family.algorithms) {
        const AlgorithmEntry& entry = FindAlgorithm(algo);
        std::vector<std::string> eps_values = {""};
        if (entry.takes_epsilon && !family.eps.empty()) {
          eps_values = family.eps;
        }
        for (const std::string& eps : eps_values) {
          for (const std::string& ids : spec.ids) {
            for (std::uint64_t seed : spec.seeds) {
              for (int threads : spec.threads) {
                PlannedRun run;
                run.family = family.name;
                run.choice = AlgorithmChoice{graph, entry.name, eps, ids};
                run.seed = seed;
                run.threads = threads;
                run.audit_samples =
                    family.audit_samples.value_or(spec.audit_samples);
                run.key = RunKey(graph, entry.name, NormaliseEps(eps), seed,
                                 ids, threads);
                if (keys.insert(run.key).second) plan.push_back(run);
              }
            }
          }
        }
      }
    }
  }
  return plan;
}

SweepSummary RunSweep(const GlobalOptions& global, const SweepSpec& spec,
                      const SweepOptions& options, std::ostream& out,
                      std::ostream& err) {
  SweepSummary summary;
  summary.output = options.output.empty() ? spec.output : options.output;
  const std::string csv = options.csv.empty() ? spec.csv : options.csv;
  if (summary.output.empty()) {
    throw CliError(
        "sweep: no records file (give --output FILE or `output = "
        "\"FILE\"` in " +
        spec.path + ")");
  }
  const std::vector<PlannedRun> plan = PlanSweep(spec);
  summary.planned = plan.size();
  if (options.dry_run) {
    for (std::size_t i = 0; i < plan.size(); ++i) {
      out << fmt::format("[{}/{}] {}\n", i + 1, plan.size(), RunLabel(plan[i]));
    }
    return summary;
  }
  try {
    summary.repaired = RepairRecordFile(summary.output);
  } catch (const std::exception& e) {
    throw CliError(e.what());
  }
  if (summary.repaired && global.verbosity >= 1) {
    err << "fcsim: sweep: dropped a truncated last line of " << summary.output
        << " (a run cut short; it is run again)\n";
  }
  std::map<std::string, std::string> verdicts;  // key -> verdict
  for (const json& r : ReadRecords(summary.output).records) {
    verdicts[RecordKey(r)] = r.value("verdict", "");
  }
  const std::optional<std::size_t> kill_after = KillAfter();
  const bool progress_wanted =
      ProgressWanted(global.verbosity) && &err == &std::cerr;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const PlannedRun& planned = plan[i];
    const std::string counter = fmt::format("[{}/{}]", i + 1, plan.size());
    if (auto it = verdicts.find(planned.key); it != verdicts.end()) {
      ++summary.skipped;
      if (it->second != "PASS") ++summary.failed;
      if (global.verbosity >= 2) {
        out << counter << " present  " << RunLabel(planned) << "\n";
      }
      continue;
    }
    GlobalOptions run_global = global;
    run_global.seed = planned.seed;
    run_global.threads = planned.threads;
    tbb::global_control parallelism(
        tbb::global_control::max_allowed_parallelism,
        static_cast<std::size_t>(planned.threads));
    const bool peak_reset = ResetPeakRss();
    const auto start = std::chrono::steady_clock::now();
    ProgressBar progress(err, progress_wanted, counter + " ");
    progress.Status("preparing " + planned.choice.graph);
    PreparedRun run;
    try {
      run = Prepare(run_global, planned.choice, planned.audit_samples, err);
    } catch (const std::exception& e) {
      throw CliError(fmt::format("sweep {}: run {} ({}): {}", spec.path,
                                 counter, RunLabel(planned), e.what()));
    }
    run.options.sim.on_round = progress.Callback();
    AlgorithmReport report;
    try {
      report = Execute(run);
    } catch (const SimulationError& e) {
      throw SimulationError(fmt::format("sweep {}: run {} ({}): {}", spec.path,
                                        counter, RunLabel(planned), e.what()));
    } catch (const std::invalid_argument& e) {
      throw CliError(fmt::format("sweep {}: run {} ({}): {}", spec.path,
                                 counter, RunLabel(planned), e.what()));
    }
    progress.Clear();
    if (const std::optional<std::uint64_t> hwm = VmHwmBytes();
        peak_reset && hwm) {
      report.stats.peak_rss_bytes = *hwm;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    const json record =
        MakeRecord(run_global, planned.choice, run, report, seconds,
                   planned.audit_samples, planned.family);
    if (RecordKey(record) != planned.key) {
      throw std::logic_error("sweep: record key '" + RecordKey(record) +
                             "' differs from the planned '" + planned.key +
                             "'");
    }
    if (kill_after && summary.ran == *kill_after) {
      const std::string line = record.dump();
      AppendRawForKillTest(summary.output, line.substr(0, line.size() / 2));
      ::raise(SIGKILL);
    }
    AppendRecordJsonl(summary.output, record);
    ++summary.ran;
    if (!report.verdict.passed()) ++summary.failed;
    if (global.verbosity >= 1) {
      std::string line =
          fmt::format("{} {}: rounds {} (bound {})", counter, RunLabel(planned),
                      report.stats.rounds, report.round_bound);
      if (report.weight) line += ", weight " + report.weight->ToString();
      line += fmt::format(
          ", {:.2f} s, {}", seconds,
          report.verdict.passed() ? "PASS" : report.verdict.ToString());
      out << line << std::endl;
    }
  }
  if (!csv.empty()) {
    WriteCsvFile(csv, ReadRecords(summary.output).records);
  }
  if (global.verbosity >= 1) {
    out << fmt::format(
        "sweep: {} runs planned, {} already in {}, {} run, {} FAIL{}\n",
        summary.planned, summary.skipped, summary.output, summary.ran,
        summary.failed, csv.empty() ? "" : ", CSV " + csv);
  }
  return summary;
}

namespace {

struct SweepCommand {
  std::string spec;
  std::string output;
  std::string csv;
  std::string scale = "small";
  bool dry_run = false;
};

const SubcommandRegistrar kSweepRegistrar{
    "sweep", "run a grid of runs from a TOML spec file (resumable)",
    [](CLI::App* sub) -> SubcommandMain {
      auto cmd = std::make_shared<SweepCommand>();
      sub->add_option("spec", cmd->spec, "sweep spec file (TOML)")->required();
      sub->add_option("-o,--output", cmd->output,
                      "records file (JSONL; default: the spec's `output`)");
      sub->add_option("--csv", cmd->csv,
                      "also write the records as CSV (default: the spec's "
                      "`csv`)");
      sub->add_option("--scale", cmd->scale,
                      "value lists: small (default) or full (the families' "
                      "`full` lists)")
          ->capture_default_str();
      sub->add_flag("-n,--dry-run", cmd->dry_run,
                    "list the planned runs, run nothing");
      return [cmd](const GlobalOptions& global, std::ostream& out,
                   std::ostream& err) {
        const SweepSpec spec = ReadSweepSpec(cmd->spec, cmd->scale);
        const SweepSummary summary = RunSweep(
            global, spec, SweepOptions{cmd->output, cmd->csv, cmd->dry_run},
            out, err);
        return summary.failed > 0 ? kExitVerificationFailed : kExitOk;
      };
    },
    /*manages_threads=*/true};

}  // namespace

}  // namespace fcsim
