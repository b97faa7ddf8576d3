// `fcsim sweep SPEC`: a grid of runs described by a TOML spec file (format in
// docs/formats.md, "Sweep spec"), executed in-process one after the other,
// each appended as one result record (experiments/records.h) to a JSONL file.
//
// Resumable: the records already in the output file are read first (a
// truncated last line, left by a kill in the middle of a write, is dropped),
// and every planned run whose RecordKey is present is skipped. A record is
// appended with one write(2) of one line, so killing the sweep at any point
// and re-running it completes the grid with no duplicated or truncated
// record. The CSV, when asked for, is rewritten atomically from the JSONL
// file at the end.
#ifndef FCSIM_EXPERIMENTS_SWEEP_H_
#define FCSIM_EXPERIMENTS_SWEEP_H_

#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "experiments/cli.h"
#include "experiments/cli_commands.h"

namespace fcsim {

// One graph family of a spec: a graph spec template with {placeholders},
// each placeholder a list of values (the family's runs take their product).
struct SweepFamily {
  std::string name;
  std::string graph;  // template, e.g. "regular:n={n},d=4,seed=1"
  std::vector<std::pair<std::string, std::vector<std::string>>> values;
  std::vector<std::string> algorithms;         // the spec's unless overridden
  std::vector<std::string> eps;                // the spec's unless overridden
  std::optional<std::uint64_t> audit_samples;  // the spec's unless given
};

struct SweepSpec {
  std::string path;
  std::vector<SweepFamily> families;
  std::vector<std::uint64_t> seeds = {1};
  std::vector<std::string> ids = {"permutation"};
  std::vector<int> threads = {1};
  std::uint64_t audit_samples = 0;
  std::string output;  // JSONL records file; may be overridden by --output
  std::string csv;     // CSV file; "" = none
};

struct PlannedRun {
  std::string family;
  AlgorithmChoice choice;
  std::uint64_t seed = 1;
  int threads = 1;
  std::uint64_t audit_samples = 0;
  std::string key;  // RecordKey of its record
};

// Parses the sweep keys of `doc` (read from `path`); keys in `extra_keys`
// are accepted and ignored (a papers page spec adds its own). `scale` picks
// the families' value lists: "small" (the plain lists) or "full" (a family's
// `full = { key = [...] }` overrides where given). Throws CliError
// "FILE: key 'K': ..." on any bad key or value, before anything runs.
SweepSpec ParseSweepSpec(const nlohmann::json& doc, const std::string& path,
                         const std::string& scale,
                         const std::set<std::string>& extra_keys = {});
SweepSpec ReadSweepSpec(const std::string& path, const std::string& scale);

// The runs of the grid in a fixed order (families, values, algorithms, ε,
// ids, seeds, threads), without duplicate keys. ε applies only to
// algorithms that take one; the others run once with no ε.
std::vector<PlannedRun> PlanSweep(const SweepSpec& spec);

struct SweepOptions {
  std::string output;  // overrides spec.output when not empty
  std::string csv;     // overrides spec.csv when not empty
  bool dry_run = false;
};

struct SweepSummary {
  std::size_t planned = 0;
  std::size_t skipped = 0;  // already in the records file
  std::size_t ran = 0;
  std::size_t failed = 0;  // records of the plan with verdict FAIL
  bool repaired = false;   // a truncated last line was dropped
  std::string output;
};

// Runs the missing runs of the plan; prints one line per run on `out`.
// Returns the summary; throws CliError on an input error (naming the run).
SweepSummary RunSweep(const GlobalOptions& global, const SweepSpec& spec,
                      const SweepOptions& options, std::ostream& out,
                      std::ostream& err);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_SWEEP_H_
