#include "experiments/algorithm_registry.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "algorithms/bep_delta.h"
#include "algorithms/blocks/cole_vishkin.h"
#include "algorithms/blocks/colour_reduction.h"
#include "algorithms/blocks/linial.h"
#include "algorithms/blocks/luby_mis.h"
#include "algorithms/blocks/own_id.h"
#include "algorithms/blocks/ruling_set.h"
#include "algorithms/bounds.h"
#include "algorithms/hhrs.h"

namespace fcsim {
namespace {

// Proper colourings are materialised as k:1-colourings (one bit per colour
// and vertex) only up to this palette, so that an algorithm whose palette is
// the ID range cannot exhaust memory just to be summarised.
constexpr std::uint64_t kMaxMaterialisedPalette = 1u << 16;

template <typename T>
std::vector<std::uint64_t> Widen(std::span<const T> values) {
  return std::vector<std::uint64_t>(values.begin(), values.end());
}

std::string CountMembers(std::span<const std::uint8_t> members) {
  std::uint64_t k = 0;
  for (std::uint8_t m : members) k += m != 0;
  return fmt::format("{} members", k);
}

// Entries registered from other files (AlgorithmRegistrar); a function-local
// static, so registration order across files does not matter.
std::vector<AlgorithmEntry>& Registered() {
  static std::vector<AlgorithmEntry> registered;
  return registered;
}

// ---- Entries -------------------------------------------------------------

AlgorithmReport RunLinial(const Graph& graph, std::span<const NodeId> ids,
                          const AlgorithmParams& params,
                          const HarnessOptions& options) {
  RequireNoEpsilon(params, "linial");
  Algorithm<std::uint64_t> algo{
      .name = "linial",
      .rounds = {"log*(id_range)+2",
                 [](const BoundInputs& in) {
                   return LinialRoundBound(in.id_range, in.max_degree);
                 }},
      .run = [](Simulation& sim) { return LinialColouring(sim); },
      .verify =
          [](const Graph& g, std::span<const NodeId>,
             std::span<const std::uint64_t> colours, const BoundInputs& in) {
            return FromReason(
                VerifyLinial(g, colours, in.id_range, in.max_degree));
          },
  };
  RunResult<std::uint64_t> result = RunAndVerify(graph, ids, algo, options);
  const std::uint64_t k =
      LinialColours(result.inputs.id_range, result.inputs.max_degree);
  std::optional<ABColoring> coloring = ProperColoring(result.outputs, k);
  AlgorithmReport report = Report(std::move(result), algo);
  report.params = std::string(1, '-');
  report.output_kind = fmt::format("proper colouring ({}:1)", k);
  report.coloring = std::move(coloring);
  report.weight = Rational(static_cast<std::int64_t>(k));
  report.weight_claim = report.weight;
  return report;
}

AlgorithmReport RunLinialDelta1(const Graph& graph, std::span<const NodeId> ids,
                                const AlgorithmParams& params,
                                const HarnessOptions& options) {
  RequireNoEpsilon(params, "linial-delta1");
  Algorithm<std::uint64_t> algo{
      .name = "linial-delta1",
      .rounds = {"log*(id_range)+2 + r_reduce(K=LinialColours, Δ)",
                 [](const BoundInputs& in) {
                   const std::uint64_t k =
                       LinialColours(in.id_range, in.max_degree);
                   return LinialRoundBound(in.id_range, in.max_degree) +
                          ReductionRoundBound(ReductionSchedule::kFastest, k,
                                              in.max_degree);
                 }},
      .run =
          [](Simulation& sim) {
            const Knowledge& k = sim.knowledge();
            VertexData<std::uint64_t> c = LinialColouring(sim);
            return ReduceColours(sim, c,
                                 LinialColours(k.id_range, k.max_degree));
          },
      .verify =
          [](const Graph& g, std::span<const NodeId>,
             std::span<const std::uint64_t> colours, const BoundInputs& in) {
            return FromReason(
                VerifyReducedColouring(g, colours, in.max_degree));
          },
  };
  RunResult<std::uint64_t> result = RunAndVerify(graph, ids, algo, options);
  const std::uint64_t k = std::uint64_t{result.inputs.max_degree} + 1;
  std::optional<ABColoring> coloring = ProperColoring(result.outputs, k);
  AlgorithmReport report = Report(std::move(result), algo);
  report.params = std::string(1, '-');
  report.output_kind = fmt::format("proper (Δ+1)-colouring ({}:1)", k);
  report.coloring = std::move(coloring);
  report.weight = Rational(static_cast<std::int64_t>(k));
  report.weight_claim = report.weight;
  return report;
}

AlgorithmReport RunColeVishkin(const Graph& graph, std::span<const NodeId> ids,
                               const AlgorithmParams& params,
                               const HarnessOptions& options) {
  RequireNoEpsilon(params, "cole-vishkin");
  // The orientation is the algorithm's input: i -> i+1 along the numbering
  // of the generated cycle:n=... or path:n=... (an assumption, checked).
  std::vector<Port> successor;
  auto by_id = std::make_shared<std::unordered_map<NodeId, Port>>();
  if (options.dist != nullptr) {
    // Under MPI each rank derives its owned vertices' successors from their
    // global numbers; a rank that finds the numbering broken tells all.
    const LocalPart& part = *options.dist->part;
    std::uint64_t bad = 0;
    const std::uint64_t n = part.global_n;
    for (Vertex v = 0; v < part.num_owned; ++v) {
      const auto nb = part.graph.neighbors(v);
      const std::uint64_t gv = part.global[v];
      const bool cycle = n >= 3 && nb.size() == 2;
      const std::uint64_t want = gv + 1 == n ? (cycle ? 0 : n) : gv + 1;
      Port port = kNoSuccessor;
      for (Port p = 0; p < nb.size(); ++p) {
        if (part.global[nb[p]] == want) port = p;
      }
      if (nb.size() > 2 || (want != n && port == kNoSuccessor)) bad = 1;
      (*by_id)[options.dist->local_ids[v]] = port;
    }
    options.dist->comm->AllreduceMax(std::span<std::uint64_t>(&bad, 1));
    if (bad != 0) {
      throw std::invalid_argument(
          "cole-vishkin needs an oriented cycle or path numbered along the "
          "orientation (cycle:n=N or path:n=N)");
    }
  }
  if (options.dist == nullptr || options.dist->root()) {
    // (Rank 0 of a distributed run also needs every vertex's successor: its
    // locality audit re-runs the driver on balls of the global graph.)
    try {
      successor = graph.num_vertices() >= 3 && graph.min_degree() == 2 &&
                          graph.max_degree() == 2
                      ? CycleSuccessorPorts(graph)
                      : PathSuccessorPorts(graph);
    } catch (const std::invalid_argument&) {
      throw std::invalid_argument(
          "cole-vishkin needs an oriented cycle or path numbered along the "
          "orientation (cycle:n=N or path:n=N)");
    }
    for (std::size_t v = 0; v < ids.size(); ++v) {
      (*by_id)[ids[v]] = successor[v];
    }
  }
  Algorithm<std::uint8_t> algo{
      .name = "cole-vishkin",
      .rounds = {"log*(id_range)+4",
                 [](const BoundInputs& in) {
                   return ColeVishkinRoundBound(in.id_range);
                 }},
      .run =
          [by_id](Simulation& sim) {
            VertexData<NodeId> own = sim.Run(OwnId{}, "own-id");
            return ColeVishkin(
                sim, sim.Map(own, [&](NodeId id) { return by_id->at(id); }));
          },
      .verify =
          [](const Graph& g, std::span<const NodeId>,
             std::span<const std::uint8_t> colours, const BoundInputs&) {
            return FromReason(VerifyThreeColouring(g, colours));
          },
  };
  RunResult<std::uint8_t> result = RunAndVerify(graph, ids, algo, options);
  std::optional<ABColoring> coloring =
      ProperColoring(Widen<std::uint8_t>(result.outputs), 3);
  AlgorithmReport report = Report(std::move(result), algo);
  report.params = std::string(1, '-');
  report.output_kind = "proper 3-colouring (3:1)";
  report.coloring = std::move(coloring);
  report.weight = Rational(3);
  report.weight_claim = Rational(3);
  return report;
}

// An MIS algorithm with output 1 = member.
AlgorithmReport RunMisEntry(const Graph& graph, std::span<const NodeId> ids,
                            const HarnessOptions& options,
                            Algorithm<std::uint8_t> algo) {
  algo.verify = [](const Graph& g, std::span<const NodeId>,
                   std::span<const std::uint8_t> members, const BoundInputs&) {
    return FromReason(VerifyMis(g, members));
  };
  RunResult<std::uint8_t> result = RunAndVerify(graph, ids, algo, options);
  const std::string kind =
      "maximal independent set (" + CountMembers(result.outputs) + ")";
  AlgorithmReport report = Report(std::move(result), algo);
  report.params = std::string(1, '-');
  report.output_kind = kind;
  return report;
}

AlgorithmReport RunLubyMis(const Graph& graph, std::span<const NodeId> ids,
                           const AlgorithmParams& params,
                           const HarnessOptions& options) {
  RequireNoEpsilon(params, "luby-mis");
  return RunMisEntry(graph, ids, options,
                     {.name = "luby-mis",
                      .rounds = {"2*(ceil(log2(nΔ/2+1))+21), w.p. >= 1-2^-20",
                                 [](const BoundInputs& in) {
                                   return LubyRoundBound(in.n, in.max_degree);
                                 }},
                      .run = [](Simulation& sim) { return LubyMis(sim); },
                      .verify = {}});
}

AlgorithmReport RunDeterministicMis(const Graph& graph,
                                    std::span<const NodeId> ids,
                                    const AlgorithmParams& params,
                                    const HarnessOptions& options) {
  RequireNoEpsilon(params, "mis");
  return RunMisEntry(graph, ids, options,
                     {.name = "mis",
                      .rounds = {"log*(id_range)+2 + r_reduce + Δ",
                                 [](const BoundInputs& in) {
                                   return PowerMisRoundBound(in.id_range,
                                                             in.max_degree, 1);
                                 }},
                      .run = [](Simulation& sim) { return PowerMis(sim, 1); },
                      .verify = {}});
}

}  // namespace

AlgorithmReport ConstantOutputReport(FractionalRunResult&& result,
                                     const FractionalAlgorithm& algo,
                                     std::string params) {
  AlgorithmReport report;
  report.params = std::move(params);
  report.output_kind =
      fmt::format("a:b-colouring, constant size ({} colours per vertex)",
                  result.max_colors_per_vertex);
  report.weight = result.weight;
  report.weight_claim = result.weight_claim;
  report.ab = std::make_pair(result.a, result.b);
  if (result.coloring.num_vertices() > 0) {
    report.coloring = std::move(result.coloring);
  }
  report.stats = std::move(result.stats);
  report.output_digest = result.output_digest;
  report.inputs = result.inputs;
  report.round_bound = result.round_bound;
  report.round_formula = algo.rounds.formula;
  report.audit = std::move(result.audit);
  report.verdict = std::move(result.verdict);
  return report;
}

namespace {

AlgorithmReport RunBepDelta(const Graph& graph, std::span<const NodeId> ids,
                            const AlgorithmParams& params,
                            const HarnessOptions& options) {
  const Rational eps = params.epsilon.value_or(Rational(1, 2));
  const FractionalAlgorithm algo = BepDeltaAlgorithm(eps);
  return ConstantOutputReport(
      RunAndVerify(graph, ids, algo, options), algo,
      fmt::format("eps={}, k={}", eps.ToString(), BepPalettes(eps)));
}

AlgorithmReport RunHhrsEntry(const Graph& graph, std::span<const NodeId> ids,
                             const AlgorithmParams& params,
                             const HarnessOptions& options) {
  // HHRS is stated for α > 1; the CLI's ε is α − 1.
  const Rational eps = params.epsilon.value_or(Rational(1));
  const Rational alpha = Rational(1) + eps;
  const Algorithm<HhrsVertexOutput> algo = HhrsAlgorithm(alpha);
  RunResult<HhrsVertexOutput> result = RunAndVerify(graph, ids, algo, options);
  const Rational claim =
      alpha * Rational(static_cast<std::int64_t>(result.inputs.max_degree) + 1);
  std::optional<Rational> frame;
  if (!result.outputs.empty()) frame = result.outputs[0].schedule.frame;
  AlgorithmReport report = Report(std::move(result), algo);
  report.params =
      fmt::format("eps={}, alpha={}", eps.ToString(), alpha.ToString());
  report.output_kind = "symbolic interval schedule (size grows with IDs)";
  report.weight = frame;
  report.weight_claim = claim;
  return report;
}

std::vector<AlgorithmEntry> MakeEntries() {
  std::vector<AlgorithmEntry> entries = {
      {"linial",
       "Linial colour reduction: proper O(Δ²)-colouring from IDs, "
       "log*(id_range)+2 rounds (deterministic)",
       false, true, RunLinial},
      {"linial-delta1",
       "Linial, then reduction to a proper (Δ+1)-colouring "
       "(Kuhn–Wattenhofer / one class per round, whichever is faster)",
       false, true, RunLinialDelta1},
      {"cole-vishkin",
       "Cole–Vishkin 3-colouring of an oriented cycle or path "
       "(cycle:n=N, path:n=N), log*(id_range)+4 rounds",
       false, true, RunColeVishkin},
      {"luby-mis",
       "Luby's randomised MIS, 2*(ceil(log2(m+1))+21) rounds w.h.p.", false,
       false, RunLubyMis},
      {"bep-delta",
       "BEP-a: (kΔ+1):k-colouring, k = ceil(1/eps) (default eps = 1/2), "
       "weight <= Δ+eps, constant output, O(log* n) rounds; Δ >= 3, no "
       "K_{Δ+1}",
       true, true, RunBepDelta},
      {"hhrs",
       "HHRS: 1-round schedule of weight alpha(Δ+1), alpha = 1+eps "
       "(default eps = 1); output grows with IDs",
       true, false, RunHhrsEntry},
      {"mis", "deterministic MIS: Linial, (Δ+1)-colouring, one class per round",
       false, false, RunDeterministicMis},
  };
  for (const AlgorithmEntry& e : Registered()) entries.push_back(e);
  std::sort(entries.begin(), entries.end(),
            [](const AlgorithmEntry& x, const AlgorithmEntry& y) {
              return x.name < y.name;
            });
  for (std::size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].name == entries[i - 1].name) {
      throw std::logic_error("two algorithms are registered as '" +
                             entries[i].name + "'");
    }
  }
  return entries;
}

}  // namespace

Verdict FromReason(const std::string& reason) {
  if (reason.empty()) return Verdict::Pass();
  return Verdict::Fail({ViolationKind::kVerifierFailed, reason});
}

void RequireNoEpsilon(const AlgorithmParams& params, std::string_view name) {
  if (params.epsilon) {
    throw std::invalid_argument("algorithm '" + std::string(name) +
                                "' takes no --eps");
  }
}

std::optional<ABColoring> ProperColoring(std::span<const std::uint64_t> colors,
                                         std::uint64_t k) {
  if (k > kMaxMaterialisedPalette) return std::nullopt;
  std::vector<std::uint32_t> narrow(colors.size());
  for (std::size_t v = 0; v < colors.size(); ++v) {
    // A colour >= k is already a FAIL; clamp to k so the file shows it
    // out of range without a huge bit row.
    narrow[v] = static_cast<std::uint32_t>(std::min(colors[v], k));
  }
  return ABColoring::FromProperColoring(narrow, static_cast<std::uint32_t>(k));
}

AlgorithmRegistrar::AlgorithmRegistrar(AlgorithmEntry entry) {
  Registered().push_back(std::move(entry));
}

const std::vector<AlgorithmEntry>& Algorithms() {
  static const std::vector<AlgorithmEntry> entries = MakeEntries();
  return entries;
}

const AlgorithmEntry& FindAlgorithm(std::string_view name) {
  std::string known;
  for (const AlgorithmEntry& e : Algorithms()) {
    if (e.name == name) return e;
    if (!known.empty()) known += ", ";
    known += e.name;
  }
  throw std::invalid_argument("unknown algorithm '" + std::string(name) +
                              "' (known: " + known + ")");
}

void PrintAlgorithms(std::ostream& out) {
  std::size_t width = 0;
  for (const AlgorithmEntry& e : Algorithms()) {
    width = std::max(width, e.name.size());
  }
  for (const AlgorithmEntry& e : Algorithms()) {
    out << e.name << std::string(width + 2 - e.name.size(), ' ')
        << e.description << (e.takes_epsilon ? " [--eps]" : "") << "\n";
  }
}

Rational ParseRationalArg(std::string_view text, std::string_view what) {
  const auto bad = [&] {
    return std::invalid_argument(std::string(what) + ": '" + std::string(text) +
                                 "' is not a number (use a/b or a decimal)");
  };
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos) {
    try {
      return Rational::Parse(text);
    } catch (const RationalOverflow&) {
      throw;
    } catch (const std::exception&) {
      throw bad();
    }
  }
  // Decimal: digits '.' digits, read exactly as a fraction of 10^k.
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = text.substr(dot + 1);
  bool negative = false;
  if (!whole.empty() && (whole[0] == '-' || whole[0] == '+')) {
    negative = whole[0] == '-';
    whole.remove_prefix(1);
  }
  const auto all_digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
  };
  if ((whole.empty() && frac.empty()) || !all_digits(whole) ||
      !all_digits(frac) || frac.size() > 18 || whole.size() > 18) {
    throw bad();
  }
  std::int64_t den = 1;
  for (std::size_t i = 0; i < frac.size(); ++i) den *= 10;
  const std::int64_t w = whole.empty() ? 0 : std::stoll(std::string(whole));
  const std::int64_t f = frac.empty() ? 0 : std::stoll(std::string(frac));
  const Rational value = Rational(w) + Rational(f, den);
  return negative ? -value : value;
}

}  // namespace fcsim
