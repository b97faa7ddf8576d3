#include "algorithms/harness.h"

#include <algorithm>
#include <stdexcept>

namespace fcsim {

BoundInputs MakeBoundInputs(const Graph& graph, std::span<const NodeId> ids,
                            const HarnessOptions& options,
                            const Rational& epsilon) {
  if (ids.size() != graph.num_vertices()) {
    throw std::invalid_argument(
        "harness: " + std::to_string(ids.size()) + " IDs for " +
        std::to_string(graph.num_vertices()) + " vertices");
  }
  BoundInputs in;
  in.n = options.n != 0 ? options.n : graph.num_vertices();
  in.max_degree =
      options.max_degree != 0 ? options.max_degree : graph.max_degree();
  NodeId max_id = 0;
  for (NodeId id : ids) max_id = std::max(max_id, id);
  in.id_range = options.id_range != 0 ? options.id_range : max_id;
  // Declared knowledge must be an upper bound of the truth, or the
  // algorithm's guarantees do not apply.
  if (in.n < graph.num_vertices() || in.max_degree < graph.max_degree() ||
      in.id_range < max_id) {
    throw std::invalid_argument(
        "harness: declared n / Δ / id_range below the true values");
  }
  in.epsilon = epsilon;
  return in;
}

Knowledge ToKnowledge(const BoundInputs& inputs) {
  return Knowledge{inputs.n, inputs.max_degree, inputs.id_range};
}

BoundInputs MakeDistBoundInputs(const DistRun& dist,
                                const HarnessOptions& options,
                                const Rational& epsilon) {
  const LocalPart& part = *dist.part;
  if (dist.local_ids.size() != part.num_local()) {
    throw std::invalid_argument(
        "harness: " + std::to_string(dist.local_ids.size()) + " IDs for " +
        std::to_string(part.num_local()) + " local vertices");
  }
  std::uint64_t maxima[2] = {0, 0};  // Δ, largest ID
  for (Vertex v = 0; v < part.num_owned; ++v) {
    maxima[0] = std::max<std::uint64_t>(maxima[0], part.graph.degree(v));
    maxima[1] = std::max<std::uint64_t>(maxima[1], dist.local_ids[v]);
  }
  dist.comm->AllreduceMax(maxima);
  BoundInputs in;
  in.n = options.n != 0 ? options.n : part.global_n;
  in.max_degree = options.max_degree != 0 ? options.max_degree
                                          : static_cast<Port>(maxima[0]);
  in.id_range = options.id_range != 0 ? options.id_range : maxima[1];
  if (in.n < part.global_n || in.max_degree < maxima[0] ||
      in.id_range < maxima[1]) {
    throw std::invalid_argument(
        "harness: declared n / Δ / id_range below the true values");
  }
  in.epsilon = epsilon;
  return in;
}

void CheckRootGraph(const DistRun& dist, const Graph& graph,
                    std::span<const NodeId> ids) {
  if (graph.num_vertices() != dist.part->global_n ||
      ids.size() != graph.num_vertices()) {
    throw std::invalid_argument(
        "harness: rank 0 needs the global graph and IDs of the partition");
  }
}

bool RootDecides(const DistRun& dist, bool root_value) {
  Bytes b(1, std::byte{root_value ? std::uint8_t{1} : std::uint8_t{0}});
  dist.comm->BroadcastFromRoot(b);
  return b.size() == 1 && b[0] != std::byte{0};
}

void ReducePeakRss(const DistRun& dist, RunStats& stats) {
  std::uint64_t rss = stats.peak_rss_bytes;
  dist.comm->AllreduceMax(std::span<std::uint64_t>(&rss, 1));
  stats.peak_rss_bytes = rss;
}

namespace {

// The weight, constant-output and round checks of a fractional run (after
// validity), the same at every rank.
void CheckClaims(const FractionalAlgorithm& algorithm, std::uint32_t a,
                 std::uint32_t b, FractionalRunResult& result) {
  result.a = a;
  result.b = b;
  if (b != 0) result.weight = Rational(a, b);
  if (!algorithm.weight_claim) {
    result.verdict.Then(Verdict::Fail({ViolationKind::kWeightExceeded,
                                       algorithm.name + " claims no weight"}));
  } else {
    result.weight_claim = algorithm.weight_claim(result.inputs);
    result.verdict.Then(CheckWeight(result.weight, result.weight_claim));
  }
  if (algorithm.constant_output) {
    result.verdict.Then(
        CheckConstantOutput(a, b, (*algorithm.constant_output)(result.inputs)));
  }
  result.verdict.Then(CheckDeclaredRounds(algorithm.name, algorithm.rounds,
                                          result.inputs, result.stats.rounds,
                                          &result.round_bound));
}

// DistRun::check_at_root == false: every rank checks its part.
FractionalRunResult CheckDistributed(const DistRun& dist,
                                     const FractionalAlgorithm& algorithm,
                                     FractionalRunResult result,
                                     std::uint32_t a, std::uint32_t b,
                                     std::vector<ColorSet> local) {
  const LocalPart& part = *dist.part;
  // The ghosts' colour sets: one exchange of the boundary vertices' sets.
  std::vector<Bytes> send(part.neighbour_ranks.size()), recv;
  for (std::size_t i = 0; i < send.size(); ++i) {
    for (Vertex v : part.send_vertices[i])
      Wire<ColorSet>::Put(send[i], local[v]);
  }
  dist.comm->Exchange(send, recv);
  for (std::size_t i = 0; i < recv.size(); ++i) {
    std::size_t at = 0;
    for (Vertex g = part.recv_begin[i]; g < part.recv_end[i]; ++g) {
      local[g] = Wire<ColorSet>::Take(recv[i], at);
    }
  }
  std::uint64_t maxima[1] = {0};
  for (Vertex v = 0; v < part.num_owned; ++v) {
    maxima[0] = std::max<std::uint64_t>(maxima[0], local[v].Count());
  }
  dist.comm->AllreduceMax(maxima);
  result.max_colors_per_vertex = static_cast<std::uint32_t>(maxima[0]);
  std::uint64_t digest = OutputDigestPart(std::span<const ColorSet>(local),
                                          part.global, part.num_owned);
  dist.comm->AllreduceSum(std::span<std::uint64_t>(&digest, 1));
  result.output_digest = digest;
  const Verdict mine = CheckABColoringPart(
      part.graph, ABColoring::FromVertexOutputs(a, b, local), part.num_owned,
      part.global);
  // Rank 0 reports the first failing rank's violation.
  Bytes text;
  if (!mine.passed()) {
    const std::string s = mine.violation->message;
    Wire<std::uint32_t>::Put(text,
                             static_cast<std::uint32_t>(mine.violation->kind));
    Wire<std::uint32_t>::Put(text, static_cast<std::uint32_t>(s.size()));
    for (char c : s) Wire<char>::Put(text, c);
  }
  const Bytes all = dist.comm->GatherToRoot(text);
  if (!all.empty()) {
    std::size_t at = 0;
    const auto kind =
        static_cast<ViolationKind>(Wire<std::uint32_t>::Take(all, at));
    const std::uint32_t size = Wire<std::uint32_t>::Take(all, at);
    std::string message;
    for (std::uint32_t k = 0; k < size; ++k)
      message += Wire<char>::Take(all, at);
    result.verdict = Verdict::Fail({kind, message});
  }
  CheckClaims(algorithm, a, b, result);
  return result;
}

}  // namespace

FractionalRunResult RunAndVerify(const Graph& graph,
                                 std::span<const NodeId> ids,
                                 const FractionalAlgorithm& algorithm,
                                 const HarnessOptions& options) {
  FractionalRunResult result;
  Knowledge knowledge;
  std::uint32_t a = 0, b = 0;
  std::vector<ColorSet> sets;
  if (options.dist != nullptr) {
    const DistRun& dist = *options.dist;
    if (dist.root() && dist.check_at_root) CheckRootGraph(dist, graph, ids);
    result.inputs = MakeDistBoundInputs(dist, options, algorithm.epsilon);
    knowledge = ToKnowledge(result.inputs);
    Simulation sim(*dist.part, *dist.comm, dist.local_ids, knowledge,
                   options.sim);
    FractionalOutput out = algorithm.run(sim);
    result.stats = sim.stats();
    ReducePeakRss(dist, result.stats);
    a = out.a;
    b = out.b;
    std::vector<ColorSet> local = Simulation::Release(std::move(out.colors));
    if (!dist.check_at_root) {
      return CheckDistributed(dist, algorithm, std::move(result), a, b,
                              std::move(local));
    }
    sets = GatherOutputs<ColorSet>(dist, std::span<const ColorSet>(local));
    if (!dist.root()) return result;
  } else {
    result.inputs = MakeBoundInputs(graph, ids, options, algorithm.epsilon);
    knowledge = ToKnowledge(result.inputs);
    Simulation sim(graph, ids, knowledge, options.sim);
    FractionalOutput out = algorithm.run(sim);
    result.stats = sim.stats();
    a = out.a;
    b = out.b;
    sets = Simulation::Release(std::move(out.colors));
  }
  if (sets.size() != graph.num_vertices()) {
    result.verdict =
        Verdict::Fail({ViolationKind::kMalformed,
                       algorithm.name + " returned " +
                           std::to_string(sets.size()) + " colour sets for " +
                           std::to_string(graph.num_vertices()) + " vertices"});
    return result;
  }
  result.output_digest = OutputDigest(std::span<const ColorSet>(sets));
  result.coloring = ABColoring::FromVertexOutputs(a, b, sets);
  for (const ColorSet& s : sets) {
    result.max_colors_per_vertex =
        std::max(result.max_colors_per_vertex, s.Count());
  }
  result.verdict = CheckABColoring(graph, result.coloring);
  CheckClaims(algorithm, a, b, result);
  if (options.audit_locality) {
    // The audit compares colour sets; a ball run declaring another (a, b)
    // is a locality failure as well (the audit counts a throw as mismatch).
    const std::function<VertexData<ColorSet>(Simulation&)> colors_only =
        [&](Simulation& ball) {
          FractionalOutput o = algorithm.run(ball);
          if (o.a != a || o.b != b) {
            throw std::runtime_error("(a, b) differ on a ball");
          }
          return std::move(o.colors);
        };
    result.audit = LocalityAudit<ColorSet>(
        graph, ids, knowledge, options.sim, colors_only,
        std::span<const ColorSet>(sets), result.stats.rounds, options.audit);
    result.verdict.Then(CheckLocality(*result.audit));
  }
  return result;
}

}  // namespace fcsim
