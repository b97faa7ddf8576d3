// Every registered algorithm, run distributed on P = 1..4 in-process ranks
// (sim/inproc_comm.h: the engine's MPI code path without MPI), against the
// single-process run: the outputs (their digest), the colouring, the verdict
// and every deterministic RunStats field must be identical.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "experiments/algorithm_registry.h"
#include "graphs/generators.h"
#include "sim/inproc_comm.h"
#include "sim/partition.h"

namespace fcsim {
namespace {

struct Case {
  std::string algo;
  std::string graph_name;
  const Graph* graph;
};

// The IDs of a part's local vertices (owned, then ghosts).
std::vector<NodeId> LocalIds(const LocalPart& part,
                             const std::vector<NodeId>& ids) {
  std::vector<NodeId> local(part.num_local());
  for (Vertex v = 0; v < part.num_local(); ++v) local[v] = ids[part.global[v]];
  return local;
}

AlgorithmReport RunSingle(const AlgorithmEntry& entry, const Graph& g,
                          const std::vector<NodeId>& ids) {
  HarnessOptions options;
  options.sim.threads = 2;
  options.audit.samples = 2;
  return entry.run(g, ids, {}, options);
}

void ExpectSameAsSingle(const AlgorithmEntry& entry, const Graph& g,
                        const std::string& graph_name) {
  const std::vector<NodeId> ids =
      AssignIds(g, IdScheme::kRandomPermutation, 11);
  const AlgorithmReport single = RunSingle(entry, g, ids);
  ASSERT_TRUE(single.verdict.passed()) << entry.name << " on " << graph_name
                                       << ": " << single.verdict.ToString();
  const Graph empty;
  const std::vector<NodeId> no_ids;
  for (int ranks = 1; ranks <= 4; ++ranks) {
    SCOPED_TRACE(entry.name + " on " + graph_name + ", " +
                 std::to_string(ranks) + " ranks");
    const GraphRowSource rows(g);
    std::vector<AlgorithmReport> reports(ranks);
    InProcessGroup group(ranks);
    group.Run([&](Communicator& comm) {
      const LocalPart part = BuildLocalPart(rows, comm.rank(), ranks);
      const std::vector<NodeId> local_ids = LocalIds(part, ids);
      const DistRun dist{&part, &comm, local_ids};
      HarnessOptions options;
      options.dist = &dist;
      options.sim.threads = 1 + comm.rank() % 2;
      options.audit.samples = 2;
      const bool root = comm.rank() == 0;
      reports[comm.rank()] =
          entry.run(root ? g : empty, root ? ids : no_ids, {}, options);
    });
    const AlgorithmReport& r = reports[0];
    EXPECT_TRUE(r.verdict.passed()) << r.verdict.ToString();
    EXPECT_EQ(r.output_digest, single.output_digest);
    EXPECT_TRUE(r.stats.SameCounts(single.stats));
    EXPECT_EQ(r.stats.rounds, single.stats.rounds);
    EXPECT_EQ(r.stats.messages, single.stats.messages);
    EXPECT_EQ(r.stats.message_bits, single.stats.message_bits);
    ASSERT_EQ(r.stats.phases.size(), single.stats.phases.size());
    for (std::size_t i = 0; i < r.stats.phases.size(); ++i) {
      EXPECT_EQ(r.stats.phases[i].sparse_rounds,
                single.stats.phases[i].sparse_rounds)
          << r.stats.phases[i].name;
    }
    EXPECT_EQ(r.coloring.has_value(), single.coloring.has_value());
    if (r.coloring && single.coloring) {
      EXPECT_TRUE(*r.coloring == *single.coloring);
    }
    for (int k = 1; k < ranks; ++k) {
      EXPECT_TRUE(reports[k].stats.SameCounts(single.stats)) << "rank " << k;
    }
  }
}

TEST(DistributedRegistry, EveryAlgorithmMatchesTheSingleProcessRun) {
  const Graph regular = RandomRegular(90, 3, 5);
  const Graph grid = Grid({11, 10});
  const Graph torus = Grid({8, 6}, /*torus=*/true);
  const Graph cycle = Cycle(70);
  const Graph girth = Subdivide(RandomPlanar(12, 1), 19);
  int covered = 0;
  for (const AlgorithmEntry& entry : Algorithms()) {
    // Entries named test-* are registered by other tests (deliberately wrong).
    if (entry.name.starts_with("test-")) continue;
    if (entry.name == "cole-vishkin") {
      ExpectSameAsSingle(entry, cycle, "cycle:n=70");
    } else if (entry.name == "bep-grid") {
      ExpectSameAsSingle(entry, grid, "grid 11x10");
      ExpectSameAsSingle(entry, torus, "torus 8x6");
    } else if (entry.name == "bep-girth") {
      ExpectSameAsSingle(entry, girth, "subdivided planar");
    } else {
      ExpectSameAsSingle(entry, regular, "random 3-regular n=90");
      ExpectSameAsSingle(entry, grid, "grid 11x10");
    }
    ++covered;
  }
  EXPECT_GE(covered, 9);
}

// --mpi-check distributed: no rank holds the global graph; every rank
// checks its part of the a:b-colouring. Same digest, rounds and verdict.
TEST(DistributedRegistry, DistributedCheckMatchesTheSingleProcessRun) {
  const Graph g = RandomRegular(120, 4, 8);
  const std::vector<NodeId> ids = AssignIds(g, IdScheme::kIdentity, 1);
  for (const char* name : {"bep-delta", "linial-delta1"}) {
    const AlgorithmEntry& entry = FindAlgorithm(name);
    if (std::string(name) == "linial-delta1") {
      // Proper colourings are generic outputs: refused, with the hint.
      InProcessGroup group(2);
      EXPECT_THROW(group.Run([&](Communicator& comm) {
        const LocalPart part =
            BuildLocalPart(GraphRowSource(g), comm.rank(), 2);
        const std::vector<NodeId> local_ids = LocalIds(part, ids);
        DistRun dist{&part, &comm, local_ids};
        dist.check_at_root = false;
        HarnessOptions options;
        options.dist = &dist;
        entry.run(Graph(), {}, {}, options);
      }),
                   std::invalid_argument);
      continue;
    }
    HarnessOptions single_options;
    single_options.audit_locality = false;
    const AlgorithmReport single = entry.run(g, ids, {}, single_options);
    for (int ranks = 1; ranks <= 4; ++ranks) {
      std::vector<AlgorithmReport> reports(ranks);
      InProcessGroup group(ranks);
      group.Run([&](Communicator& comm) {
        const LocalPart part =
            BuildLocalPart(GraphRowSource(g), comm.rank(), ranks);
        const std::vector<NodeId> local_ids = LocalIds(part, ids);
        DistRun dist{&part, &comm, local_ids};
        dist.check_at_root = false;
        HarnessOptions options;
        options.dist = &dist;
        reports[comm.rank()] = entry.run(Graph(), {}, {}, options);
      });
      EXPECT_TRUE(reports[0].verdict.passed()) << reports[0].verdict.ToString();
      EXPECT_EQ(reports[0].output_digest, single.output_digest);
      EXPECT_TRUE(reports[0].stats.SameCounts(single.stats));
      EXPECT_EQ(reports[0].ab, single.ab);
      EXPECT_FALSE(reports[0].coloring.has_value());
    }
  }
}

// The part checker names global vertices and finds a shared colour on an
// edge between two ranks' blocks, from the rank owning its smaller end.
TEST(DistributedRegistry, PartCheckerFindsAViolationAcrossTheCut) {
  const Graph g = Path(10);
  const GraphRowSource rows(g);
  std::vector<ColorSet> sets(10);
  for (Vertex v = 0; v < 10; ++v) sets[v] = ColorSet{v % 3};
  sets[5] = ColorSet{1};  // only 4 and 5 share a colour (1)
  int failures = 0;
  for (int r = 0; r < 2; ++r) {
    const LocalPart part = BuildLocalPart(rows, r, 2);
    std::vector<ColorSet> local(part.num_local());
    for (Vertex v = 0; v < part.num_local(); ++v)
      local[v] = sets[part.global[v]];
    const Verdict v = CheckABColoringPart(
        part.graph, ABColoring::FromVertexOutputs(3, 1, local), part.num_owned,
        part.global);
    if (!v.passed()) {
      ++failures;
      EXPECT_EQ(v.violation->kind, ViolationKind::kSharedColor);
      EXPECT_EQ(v.violation->vertex, 4u);
      EXPECT_EQ(v.violation->other, 5u);
    }
  }
  EXPECT_EQ(failures, 1);
}

TEST(DistributedRegistry, PartitionCoversEveryEdgeOnceFromEachSide) {
  const Graph g = RandomRegular(101, 4, 3);
  const GraphRowSource rows(g);
  for (int ranks = 1; ranks <= 4; ++ranks) {
    EdgeIndex owned_edges = 0;
    Vertex owned = 0;
    for (int r = 0; r < ranks; ++r) {
      const LocalPart part = BuildLocalPart(rows, r, ranks);
      owned += part.num_owned;
      part.graph.Validate();  // symmetric, simple
      for (Vertex v = 0; v < part.num_owned; ++v) {
        ASSERT_EQ(part.graph.degree(v), g.degree(part.global[v]));
        for (Port p = 0; p < part.graph.degree(v); ++p) {
          // Same ports as the global graph.
          ASSERT_EQ(part.global[part.graph.neighbor(v, p)],
                    g.neighbor(part.global[v], p));
        }
        owned_edges += part.graph.degree(v);
      }
      for (std::size_t i = 0; i < part.neighbour_ranks.size(); ++i) {
        for (Vertex gh = part.recv_begin[i]; gh < part.recv_end[i]; ++gh) {
          ASSERT_EQ(part.OwnerOf(part.global[gh]), part.neighbour_ranks[i]);
        }
      }
    }
    EXPECT_EQ(owned, g.num_vertices());
    EXPECT_EQ(owned_edges, g.num_directed_edges());
  }
  EXPECT_THROW(BuildLocalPart(GraphRowSource(Cycle(3)), 0, 4),
               std::invalid_argument);
}

}  // namespace
}  // namespace fcsim
