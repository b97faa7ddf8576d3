// The algorithm registry: the names `fcsim run --algo NAME` and
// `fcsim audit --algo NAME` accept, each mapped to a runner that executes the
// algorithm through the harness (algorithms/harness.h) and returns a uniform
// AlgorithmReport, whatever the algorithm's output type.
//
// The classical entries live in algorithm_registry.cc. A new algorithm adds
// its entry in a file of its own, experiments/registry/<name>.cc, with a
// namespace-scope `const AlgorithmRegistrar kRegistrar{AlgorithmEntry{...}};`
// (experiments/ is an OBJECT library, so such registrars are always linked).
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
  // (a, b) of an a:b-colouring output, also when `coloring` is not held
  // (a distributed check keeps the colour sets on the ranks).
  std::optional<std::pair<std::uint32_t, std::uint32_t>> ab;
  std::optional<Rational> weight;        // a/b, or the schedule's frame T
  std::optional<Rational> weight_claim;  // claimed bound on the weight
  RunStats stats;
  // A digest of every vertex's output (algorithms/wire.h OutputDigest): equal
  // for equal outputs, e.g. a distributed run and a single-process one.
  std::uint64_t output_digest = 0;
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

// Registers an entry at static-initialisation time (see the top comment).
struct AlgorithmRegistrar {
  explicit AlgorithmRegistrar(AlgorithmEntry entry);
};

// Every registered algorithm, sorted by name. Throws std::logic_error when
// two entries share a name.
const std::vector<AlgorithmEntry>& Algorithms();

// ---- Helpers for entries --------------------------------------------------

// Verdict from a verifier's reason string ("" = PASS).
Verdict FromReason(const std::string& reason);

// Throws std::invalid_argument when an algorithm without ε is given one.
void RequireNoEpsilon(const AlgorithmParams& params, std::string_view name);

// Copies the harness's result of a generic algorithm into a report (stats,
// inputs, round bound and formula, audit, verdict).
template <typename Out>
AlgorithmReport Report(RunResult<Out>&& result, const Algorithm<Out>& algo) {
  AlgorithmReport report;
  report.stats = std::move(result.stats);
  report.output_digest = result.output_digest;
  report.inputs = result.inputs;
  report.round_bound = result.round_bound;
  report.round_formula = algo.rounds.formula;
  report.audit = std::move(result.audit);
  report.verdict = std::move(result.verdict);
  return report;
}

// The report of a constant-output fractional algorithm (BEP-a, -c, -d):
// the harness's result, the a:b-colouring, its weight against the claim.
AlgorithmReport ConstantOutputReport(FractionalRunResult&& result,
                                     const FractionalAlgorithm& algo,
                                     std::string params);

// A proper colouring with palette k as the k:1-colouring, when k <= 2^16
// (nullopt otherwise, so a palette as large as the ID range is not
// materialised).
std::optional<ABColoring> ProperColoring(std::span<const std::uint64_t> colors,
                                         std::uint64_t k);

// Throws std::invalid_argument "unknown algorithm 'x' (known: a, b, ...)".
const AlgorithmEntry& FindAlgorithm(std::string_view name);

// "name  description" lines, for `fcsim run --list`.
void PrintAlgorithms(std::ostream& out);

// Parses "3/4", "0.25", "2" (exact: decimals become fractions). Throws
// std::invalid_argument naming `what` and the text.
Rational ParseRationalArg(std::string_view text, std::string_view what);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_ALGORITHM_REGISTRY_H_
