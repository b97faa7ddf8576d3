// The algorithm registry: the names `fcsim run --algo NAME` and
// `fcsim audit --algo NAME` accept, each mapped to a runner that executes the
// algorithm through the harness (algorithms/harness.h) and returns a uniform
// AlgorithmReport, whatever the algorithm's output type.
//
// One entry per algorithm, in algorithm_registry.cc; later algorithms add
// their entry there (and nothing else in experiments/).
#ifndef FCSIM_EXPERIMENTS_ALGORITHM_REGISTRY_H_
#define FCSIM_EXPERIMENTS_ALGORITHM_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/checker.h"
#include "algorithms/coloring.h"
#include "algorithms/harness.h"
#include "algorithms/rational.h"
#include "sim/audit.h"
#include "sim/graph.h"
#include "sim/ids.h"
#include "sim/stats.h"

namespace fcsim {

struct AlgorithmParams {
  // ε as given on the command line; nullopt = the entry's default.
  std::optional<Rational> epsilon;
};

// What every run reports, for the summary table and result records.
struct AlgorithmReport {
  std::string params;       // e.g. "eps=1/4"; "-" when none
  std::string output_kind;  // "proper colouring", "a:b-colouring", "MIS", ...
  // The colouring, when the output is one (a proper k-colouring is the
  // k:1-colouring); `run -o` writes it.
  std::optional<ABColoring> coloring;
  std::optional<Rational> weight;        // a/b, or the schedule's frame T
  std::optional<Rational> weight_claim;  // claimed bound on the weight
  RunStats stats;
  BoundInputs inputs;
  std::uint64_t round_bound = 0;
  std::string round_formula;
  std::optional<AuditReport> audit;
  Verdict verdict;
};

struct AlgorithmEntry {
  std::string name;
  std::string description;  // one line: model, guarantee, rounds
  bool takes_epsilon = false;
  bool produces_coloring = false;  // an a:b-colouring `run -o` can write
  std::function<AlgorithmReport(const Graph&, std::span<const NodeId>,
                                const AlgorithmParams&, const HarnessOptions&)>
      run;
};

// Every registered algorithm, sorted by name.
const std::vector<AlgorithmEntry>& Algorithms();

// Throws std::invalid_argument "unknown algorithm 'x' (known: a, b, ...)".
const AlgorithmEntry& FindAlgorithm(std::string_view name);

// "name  description" lines, for `fcsim run --list`.
void PrintAlgorithms(std::ostream& out);

// Parses "3/4", "0.25", "2" (exact: decimals become fractions). Throws
// std::invalid_argument naming `what` and the text.
Rational ParseRationalArg(std::string_view text, std::string_view what);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_ALGORITHM_REGISTRY_H_
