// The harness: how every algorithm (building block or fractional colouring)
// is run and verified. GAP-style: the algorithm supplies a driver and its
// declared bounds; the harness builds the declared knowledge, runs the
// driver in a Simulation, hands the outputs to an independent verifier,
// compares the rounds the engine counted with the declared bound, and runs
// the locality audit (sim/audit.h), which re-runs the SAME driver on balls.
//
// Usage for a building block (Out = per-vertex output type, with ==):
//
//   Algorithm<std::uint32_t> linial{
//       .name = "linial",
//       .rounds = {"log*(id_range)+3",
//                  [](const BoundInputs& in) { return LogStar(in.id_range) + 3;
//                  }},
//       .run = [](Simulation& sim) { return sim.Run(LinialProgram{}, "linial");
//       }, .verify = [](const Graph& g, std::span<const NodeId>,
//                    std::span<const std::uint32_t> c, const BoundInputs& in) {
//         return CheckProperColoring(g, c, SomeBound(in.max_degree)); }};
//   RunResult<std::uint32_t> r = RunAndVerify(graph, ids, linial, {});
//   if (!r.verdict.passed()) ... r.verdict.ToString() ...
//
// A fractional colouring algorithm uses FractionalAlgorithm, whose driver
// returns per-vertex ColorSets plus the (a, b) it declares; the harness
// converts them to an ABColoring and checks validity, exact weight a/b
// against the claim, constant output size, rounds and locality.
//
// Drivers must only use the Simulation (Run/Map/Zip/Any/Constant) and values
// captured from the algorithm's parameters; in particular they must not
// capture the graph or the IDs, since the audit runs them on other graphs.
#ifndef FCSIM_ALGORITHMS_HARNESS_H_
#define FCSIM_ALGORITHMS_HARNESS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/bounds.h"
#include "algorithms/checker.h"
#include "algorithms/coloring.h"
#include "algorithms/rational.h"
#include "algorithms/wire.h"
#include "sim/audit.h"
#include "sim/comm.h"
#include "sim/engine.h"
#include "sim/graph.h"
#include "sim/ids.h"
#include "sim/partition.h"
#include "sim/stats.h"

namespace fcsim {

// The quantities a declared bound may depend on (all globally known).
struct BoundInputs {
  std::uint64_t n = 0;           // vertices (or the declared upper bound)
  std::uint32_t max_degree = 0;  // Δ (or the declared upper bound)
  NodeId id_range = 0;           // every ID is in 1..id_range
  Rational epsilon = 0;          // the algorithm's ε (0 when it has none)
};

// A declared round bound: a human-readable formula with explicit constants
// and its evaluation. An empty eval means "no bound declared" and fails.
struct RoundBound {
  std::string formula;
  std::function<std::uint64_t(const BoundInputs&)> eval;
};

// A distributed run (docs/mpi.md): this rank's part of the graph, the
// communicator, and the IDs of the part's local vertices (owned, then
// ghosts). With it, RunAndVerify simulates on the part (every rank calls it
// collectively); the outputs are gathered at rank 0, which verifies and
// audits them on the global graph and IDs it was given. The other ranks pass
// an empty graph and get a result with the stats only (and no verdict).
struct DistRun {
  const LocalPart* part = nullptr;
  Communicator* comm = nullptr;
  std::span<const NodeId> local_ids;
  // false: no rank holds the global graph; a:b-colourings are checked by
  // every rank on its part (CheckABColoringPart after one exchange of the
  // boundary colour sets), rank 0 collects the verdicts; no locality audit,
  // no gathered colouring. Other outputs need check_at_root.
  bool check_at_root = true;
  bool root() const { return comm->rank() == 0; }
};

struct HarnessOptions {
  const DistRun* dist = nullptr;  // distributed run; nullptr = one process
  SimOptions sim;
  AuditOptions audit;
  bool audit_locality = true;
  // Declared knowledge; 0 means "the true value" (n, Δ of the graph, the
  // largest ID). Set id_range to IdRange(scheme, n) to declare the range of
  // the ID scheme rather than the IDs actually drawn.
  std::uint64_t n = 0;
  Port max_degree = 0;
  NodeId id_range = 0;
};

// The declared inputs for this graph and these options (see HarnessOptions).
BoundInputs MakeBoundInputs(const Graph& graph, std::span<const NodeId> ids,
                            const HarnessOptions& options,
                            const Rational& epsilon);
Knowledge ToKnowledge(const BoundInputs& inputs);
// The same for a distributed run: n, Δ and the largest ID over all ranks.
BoundInputs MakeDistBoundInputs(const DistRun& dist,
                                const HarnessOptions& options,
                                const Rational& epsilon);
// Rank 0 must hold the global graph and IDs of the partition.
void CheckRootGraph(const DistRun& dist, const Graph& graph,
                    std::span<const NodeId> ids);
// Rank 0's value at every rank (collective): for a decision only rank 0,
// which holds the global graph, can make (e.g. "is the graph bipartite").
bool RootDecides(const DistRun& dist, bool root_value);
// The largest peak RSS of any rank (collective).
void ReducePeakRss(const DistRun& dist, RunStats& stats);

// The owned vertices' outputs of every rank, in global vertex order, at
// rank 0 (empty elsewhere). `local` holds one entry per local vertex.
template <typename T>
std::vector<T> GatherOutputs(const DistRun& dist, std::span<const T> local) {
  Bytes mine;
  for (Vertex v = 0; v < dist.part->num_owned; ++v) {
    Wire<T>::Put(mine, local[v]);
  }
  const Bytes all = dist.comm->GatherToRoot(mine);
  std::vector<T> out;
  if (!dist.root()) return out;
  out.reserve(dist.part->global_n);
  std::size_t at = 0;
  while (at < all.size()) out.push_back(Wire<T>::Take(all, at));
  return out;
}

// A generic algorithm with per-vertex output Out.
template <typename Out>
struct Algorithm {
  std::string name;
  Rational epsilon = 0;
  RoundBound rounds;
  // The whole driver (all phases). Re-run by the locality audit on balls.
  std::function<VertexData<Out>(Simulation&)> run;
  // The independent verifier: reads only the graph, the IDs, the outputs and
  // the declared inputs. Empty = no validity check (rounds/locality only).
  std::function<Verdict(const Graph&, std::span<const NodeId>,
                        std::span<const Out>, const BoundInputs&)>
      verify;
};

// Rounds used against the algorithm's declared bound (stored in *bound);
// an algorithm that declares no bound fails.
inline Verdict CheckDeclaredRounds(const std::string& name,
                                   const RoundBound& declared,
                                   const BoundInputs& inputs,
                                   std::uint64_t rounds, std::uint64_t* bound) {
  if (!declared.eval) {
    return Verdict::Fail(
        {ViolationKind::kRoundsExceeded, name + " declares no round bound"});
  }
  *bound = declared.eval(inputs);
  return CheckRounds(rounds, *bound, declared.formula);
}

template <typename Out>
struct RunResult {
  std::vector<Out> outputs;
  std::uint64_t output_digest = 0;  // OutputDigest(outputs) (rank 0)
  RunStats stats;
  BoundInputs inputs;
  std::uint64_t round_bound = 0;
  std::optional<AuditReport> audit;  // empty when not audited
  Verdict verdict;                   // validity, then rounds, then locality
};

template <typename Out>
RunResult<Out> RunAndVerify(const Graph& graph, std::span<const NodeId> ids,
                            const Algorithm<Out>& algorithm,
                            const HarnessOptions& options = {}) {
  RunResult<Out> result;
  Knowledge knowledge;
  if (options.dist != nullptr) {
    const DistRun& dist = *options.dist;
    if (!dist.check_at_root) {
      throw std::invalid_argument(
          algorithm.name +
          ": its output has no distributed checker; check at rank 0 "
          "(--mpi-check root)");
    }
    if (dist.root()) CheckRootGraph(dist, graph, ids);
    result.inputs = MakeDistBoundInputs(dist, options, algorithm.epsilon);
    knowledge = ToKnowledge(result.inputs);
    Simulation sim(*dist.part, *dist.comm, dist.local_ids, knowledge,
                   options.sim);
    const std::vector<Out> local = Simulation::Release(algorithm.run(sim));
    result.stats = sim.stats();
    ReducePeakRss(dist, result.stats);
    result.outputs = GatherOutputs<Out>(dist, std::span<const Out>(local));
    if (!dist.root()) return result;
  } else {
    result.inputs = MakeBoundInputs(graph, ids, options, algorithm.epsilon);
    knowledge = ToKnowledge(result.inputs);
    Simulation sim(graph, ids, knowledge, options.sim);
    result.outputs = Simulation::Release(algorithm.run(sim));
    result.stats = sim.stats();
  }
  if (result.outputs.size() != graph.num_vertices()) {
    result.verdict = Verdict::Fail(
        {ViolationKind::kMalformed,
         algorithm.name + " returned " + std::to_string(result.outputs.size()) +
             " outputs for " + std::to_string(graph.num_vertices()) +
             " vertices"});
    return result;
  }
  result.output_digest = OutputDigest(std::span<const Out>(result.outputs));
  if (algorithm.verify) {
    result.verdict.Then(
        algorithm.verify(graph, ids, result.outputs, result.inputs));
  }
  result.verdict.Then(CheckDeclaredRounds(algorithm.name, algorithm.rounds,
                                          result.inputs, result.stats.rounds,
                                          &result.round_bound));
  if (options.audit_locality) {
    result.audit =
        LocalityAudit<Out>(graph, ids, knowledge, options.sim, algorithm.run,
                           std::span<const Out>(result.outputs),
                           result.stats.rounds, options.audit);
    result.verdict.Then(CheckLocality(*result.audit));
  }
  return result;
}

// What a fractional colouring driver returns: the colour sets and the (a, b)
// it declares. a and b must be computed from the declared knowledge only.
struct FractionalOutput {
  VertexData<ColorSet> colors;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};

struct FractionalAlgorithm {
  std::string name;
  Rational epsilon = 0;
  RoundBound rounds;
  // The claimed weight bound, e.g. Δ + ε; required.
  std::function<Rational(const BoundInputs&)> weight_claim;
  // For constant-size output algorithms: the declared (a, b) = f(Δ, ε).
  std::optional<std::function<std::pair<std::uint32_t, std::uint32_t>(
      const BoundInputs&)>>
      constant_output;
  std::function<FractionalOutput(Simulation&)> run;
};

struct FractionalRunResult {
  ABColoring coloring;
  Rational weight = 0;        // a/b, exact
  Rational weight_claim = 0;  // the claim evaluated on the inputs
  std::uint32_t max_colors_per_vertex = 0;
  std::uint32_t a = 0, b = 0;       // the declared (a, b)
  std::uint64_t output_digest = 0;  // OutputDigest of the colour sets
  RunStats stats;
  BoundInputs inputs;
  std::uint64_t round_bound = 0;
  std::optional<AuditReport> audit;
  // Order: validity (CheckABColoring), weight <= claim, constant output,
  // rounds <= bound, locality.
  Verdict verdict;
};

FractionalRunResult RunAndVerify(const Graph& graph,
                                 std::span<const NodeId> ids,
                                 const FractionalAlgorithm& algorithm,
                                 const HarnessOptions& options = {});

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_HARNESS_H_
