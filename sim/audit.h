// The locality audit: a T-round LOCAL algorithm's output at v must be a
// function of v's radius-T ball. For sampled vertices the algorithm is re-run
// on the subgraph induced by the radius-(T+1) ball alone (radius T+1 keeps
// the degrees and port numbers of everything within distance T), with the
// original IDs and the same declared knowledge; every vertex whose output
// differs is reported.
#ifndef FCSIM_SIM_AUDIT_H_
#define FCSIM_SIM_AUDIT_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "sim/engine.h"
#include "sim/graph.h"

namespace fcsim {

struct AuditOptions {
  std::uint64_t samples = 32;  // vertices audited (all when >= n)
  std::uint64_t seed = 1;      // which vertices are sampled
  // Balls with more vertices than this are not re-run; they are counted as
  // skipped (the report says so) rather than silently passed.
  std::uint64_t max_ball = 1u << 20;
  std::vector<Vertex> extra;  // vertices audited in addition to the sample
};

struct AuditReport {
  std::uint32_t radius = 0;  // T + 1
  std::uint64_t audited = 0;
  std::uint64_t skipped = 0;  // balls over max_ball
  // Audited samples whose ball is the whole (connected) graph: at n above
  // max_ball they share one re-run on the graph renumbered in BFS order
  // from the first of them (a whole-graph ball is never skipped).
  std::uint64_t whole_graph = 0;
  std::uint64_t largest_ball = 0;
  std::vector<Vertex> mismatches;  // vertices whose output differed
  bool ok() const { return mismatches.empty(); }
  std::string Summary() const;
};

// The vertices within distance `radius` of `center`, center first, in BFS
// order. Stops (returns what it has) once more than `limit` are found.
std::vector<Vertex> Ball(const Graph& graph, Vertex center,
                         std::uint32_t radius, std::uint64_t limit);

// The vertices of a connected graph in BFS order from `center` when all of
// them lie within `radius`; empty otherwise (dense arrays: for large n).
std::vector<Vertex> WholeGraphBall(const Graph& graph, Vertex center,
                                   std::uint32_t radius);

// The sample of vertices an audit looks at (deterministic in the seed).
std::vector<Vertex> AuditSample(Vertex n, const AuditOptions& options);

// Runs the audit. `algorithm` is the whole driver (all phases); `outputs`
// are its outputs on the full graph, `rounds` the rounds it used there.
template <typename Out>
AuditReport LocalityAudit(
    const Graph& graph, std::span<const NodeId> ids, const Knowledge& knowledge,
    const SimOptions& options,
    const std::function<VertexData<Out>(Simulation&)>& algorithm,
    std::span<const Out> outputs, std::uint32_t rounds,
    const AuditOptions& audit = {}) {
  AuditReport report;
  report.radius = rounds + 1;
  const std::vector<Vertex> sample = AuditSample(graph.num_vertices(), audit);
  std::vector<char> bad(sample.size(), 0), skipped(sample.size(), 0);
  std::vector<std::uint64_t> sizes(sample.size(), 0);
  SimOptions ball_options = options;
  ball_options.threads = 1;
  ball_options.on_round = nullptr;
  // Above max_ball, samples whose ball is the whole graph: one re-run on the
  // renumbered graph (all threads) checks them all.
  std::vector<char> whole(sample.size(), 0);
  if (graph.num_vertices() > audit.max_ball) {
    std::vector<Vertex> order;
    std::size_t first = 0;
    for (; first < sample.size() && order.empty(); ++first) {
      order = WholeGraphBall(graph, sample[first], report.radius);
    }
    if (!order.empty()) {
      --first;
      std::vector<Vertex> position(graph.num_vertices());
      for (std::size_t j = 0; j < order.size(); ++j) position[order[j]] = j;
      Graph sub = graph.InducedSubgraph(order);
      std::vector<NodeId> sub_ids(order.size());
      for (std::size_t j = 0; j < order.size(); ++j) sub_ids[j] = ids[order[j]];
      order = {};
      SimOptions whole_options = options;
      whole_options.on_round = nullptr;
      Simulation sim(sub, sub_ids, knowledge, whole_options);
      std::vector<Out> local;
      bool failed = false;
      try {
        local = Simulation::Release(algorithm(sim));
      } catch (const std::exception&) {
        failed = true;
      }
      for (std::size_t i = first; i < sample.size(); ++i) {
        // Other vertices may have a larger eccentricity: check each.
        if (i > first &&
            WholeGraphBall(graph, sample[i], report.radius).empty()) {
          continue;
        }
        whole[i] = 1;
        sizes[i] = graph.num_vertices();
        const Vertex v = sample[i];
        if (failed || !(local[position[v]] == outputs[v])) bad[i] = 1;
      }
    }
  }
  // Balls are independent: audit them in parallel, one thread each.
  tbb::task_arena arena(options.threads);
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, sample.size(), [&](std::size_t i) {
      if (whole[i]) return;
      const Vertex v = sample[i];
      std::vector<Vertex> ball = Ball(graph, v, report.radius, audit.max_ball);
      sizes[i] = ball.size();
      if (ball.size() > audit.max_ball) {
        skipped[i] = 1;
        return;
      }
      Graph sub = graph.InducedSubgraph(ball);
      std::vector<NodeId> sub_ids(ball.size());
      for (std::size_t j = 0; j < ball.size(); ++j) sub_ids[j] = ids[ball[j]];
      Simulation sim(sub, sub_ids, knowledge, ball_options);
      try {
        std::vector<Out> local = Simulation::Release(algorithm(sim));
        if (!(local[0] == outputs[v])) bad[i] = 1;
      } catch (const std::exception&) {
        bad[i] = 1;  // failing on the ball alone is itself non-local
      }
    });
  });
  for (std::size_t i = 0; i < sample.size(); ++i) {
    report.largest_ball = std::max(report.largest_ball, sizes[i]);
    if (skipped[i]) {
      ++report.skipped;
    } else {
      ++report.audited;
      report.whole_graph += whole[i];
      if (bad[i]) report.mismatches.push_back(sample[i]);
    }
  }
  return report;
}

}  // namespace fcsim

#endif  // FCSIM_SIM_AUDIT_H_
