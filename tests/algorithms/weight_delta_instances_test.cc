// The weight-Δ instances of BEP-b (papers/bep.md): graphs of maximum degree
// Δ with no K_{Δ+1} whose fractional chromatic number is exactly Δ — the
// K_Δ-replacement of Δ-regular graphs, C₈² and C₅[K₂] — and the reduction
// that makes weight exactly Δ hard: from an optimal fractional colouring of
// a replacement graph, every independent set of positive weight picks one
// port per clique, hence a sinkless orientation of the base graph H.
#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/bep_delta.h"
#include "algorithms/exact_chi_f.h"
#include "algorithms/harness.h"
#include "algorithms/rational.h"
#include "graphs/generators.h"
#include "graphs/properties.h"
#include "sim/graph.h"
#include "sim/ids.h"

namespace fcsim {
namespace {

struct Instance {
  std::string name;
  Graph graph;
  std::uint32_t delta;
  std::optional<Graph> base;  // H, for K_Δ-replacements
};

Instance Replacement(std::string name, Graph h) {
  Graph g = CliqueReplacement(h);
  const std::uint32_t delta = h.max_degree();
  return Instance{"K_" + std::to_string(delta) + "-replacement of " + name,
                  std::move(g), delta, std::move(h)};
}

std::vector<Instance> Instances() {
  std::vector<Instance> out;
  out.push_back({"C8^2", CyclePower(8, 2), 4, std::nullopt});
  out.push_back(
      {"C5[K2]", LexicographicProduct(Cycle(5), Complete(2)), 5, std::nullopt});
  out.push_back(Replacement("K4", Complete(4)));
  out.push_back(Replacement("K3,3", CompleteBipartite(3, 3)));
  out.push_back(Replacement("Petersen", Petersen()));
  out.push_back(Replacement("K5", Complete(5)));
  out.push_back(Replacement("random 4-regular n=10", RandomRegular(10, 4, 3)));
  out.push_back(Replacement("K6", Complete(6)));
  out.push_back(
      Replacement("random 3-regular n=16 girth 5", RandomRegular(16, 3, 7, 5)));
  out.push_back(
      Replacement("random 4-regular n=14 girth 4", RandomRegular(14, 4, 7, 4)));
  return out;
}

// Orientation of H read off an independent set I of its K_Δ-replacement:
// vertex v of H points along the port whose clique vertex v·Δ+p is in I.
// Returns the out-port of every vertex of H, or an error naming the first
// clique that I does not hit exactly once.
struct PickedPorts {
  std::vector<Port> port;  // port[v] = the port picked by v
  std::string error;       // empty when I hits every clique exactly once
};

PickedPorts PickPorts(const Graph& h, const std::vector<Vertex>& set) {
  const Port delta = h.max_degree();
  PickedPorts picked;
  picked.port.assign(h.num_vertices(), ~Port{0});
  for (Vertex x : set) {
    const Vertex v = x / delta;
    if (picked.port[v] != ~Port{0}) {
      picked.error = "clique " + std::to_string(v) + " is hit twice";
      return picked;
    }
    picked.port[v] = x % delta;
  }
  for (Vertex v = 0; v < h.num_vertices(); ++v) {
    if (picked.port[v] == ~Port{0}) {
      picked.error = "clique " + std::to_string(v) + " is missed";
      return picked;
    }
  }
  return picked;
}

// The orientation of every edge of H: picked edges point away from the
// vertex that picked them, the others from the smaller index to the larger.
// out[v][p] = true when edge (v, port p) is oriented v -> neighbour.
// Returns an error when an edge is picked from both ends.
std::string Orient(const Graph& h, const std::vector<Port>& port,
                   std::vector<std::vector<bool>>* out) {
  out->assign(h.num_vertices(), {});
  for (Vertex v = 0; v < h.num_vertices(); ++v) {
    (*out)[v].assign(h.degree(v), false);
  }
  const std::vector<Port>& reverse = h.ReversePorts();
  for (Vertex v = 0; v < h.num_vertices(); ++v) {
    for (Port p = 0; p < h.degree(v); ++p) {
      const Vertex u = h.neighbor(v, p);
      const Port q = reverse[h.edge_begin(v) + p];
      const bool v_picks = port[v] == p, u_picks = port[u] == q;
      if (v_picks && u_picks) {
        return "edge {" + std::to_string(v) + ", " + std::to_string(u) +
               "} picked from both ends";
      }
      (*out)[v][p] = v_picks || (!u_picks && v < u);
    }
  }
  return "";
}

// Sinkless: every edge oriented exactly one way, every vertex has an
// out-edge. Independent of how the orientation was built.
bool IsSinklessOrientation(const Graph& h,
                           const std::vector<std::vector<bool>>& out) {
  const std::vector<Port>& reverse = h.ReversePorts();
  for (Vertex v = 0; v < h.num_vertices(); ++v) {
    bool has_out = false;
    for (Port p = 0; p < h.degree(v); ++p) {
      const Vertex u = h.neighbor(v, p);
      if (out[v][p] == out[u][reverse[h.edge_begin(v) + p]]) return false;
      has_out = has_out || out[v][p];
    }
    if (!has_out) return false;
  }
  return true;
}

TEST(WeightDeltaInstances, ClassAndExactChiFIsDelta) {
  for (const Instance& inst : Instances()) {
    SCOPED_TRACE(inst.name);
    const Graph& g = inst.graph;
    EXPECT_EQ(g.max_degree(), inst.delta);
    EXPECT_EQ(g.min_degree(), inst.delta);  // all are Δ-regular
    EXPECT_FALSE(HasClique(g, static_cast<int>(inst.delta) + 1));
    const ChiF chi = ExactFractionalChromaticNumber(g);
    std::string why;
    EXPECT_TRUE(CheckCertificate(g, chi, &why)) << why;
    EXPECT_EQ(chi.value, Rational(inst.delta));
    std::cout << "[weight-delta] " << inst.name << ": n = " << g.num_vertices()
              << ", Δ = " << inst.delta << ", exact χ_f = " << chi.value
              << " (certificate: " << chi.primal.size()
              << " independent sets)\n";
  }
}

TEST(WeightDeltaInstances, ReplacementsContainKDelta) {
  for (const Instance& inst : Instances()) {
    if (!inst.base) continue;
    SCOPED_TRACE(inst.name);
    // The clique of vertex 0 of H: χ_f >= ω = Δ, so weight Δ is optimal.
    EXPECT_TRUE(HasClique(inst.graph, static_cast<int>(inst.delta)));
  }
}

// The BEP-b reduction, measured: every independent set of positive weight in
// the exact optimum hits each clique exactly once, and its picked ports
// orient H without a sink.
TEST(WeightDeltaInstances, OptimalColouringGivesASinklessOrientation) {
  for (const Instance& inst : Instances()) {
    if (!inst.base) continue;
    SCOPED_TRACE(inst.name);
    const Graph& h = *inst.base;
    const ChiF chi = ExactFractionalChromaticNumber(inst.graph);
    ASSERT_EQ(chi.value, Rational(inst.delta));
    std::uint64_t checked = 0;
    for (const WeightedIndependentSet& set : chi.primal) {
      ASSERT_GT(set.weight, 0);
      const PickedPorts picked = PickPorts(h, set.vertices);
      ASSERT_EQ(picked.error, "");
      std::vector<std::vector<bool>> out;
      ASSERT_EQ(Orient(h, picked.port, &out), "");
      EXPECT_TRUE(IsSinklessOrientation(h, out));
      ++checked;
    }
    std::cout << "[weight-delta] " << inst.name << ": " << checked << " of "
              << chi.primal.size()
              << " weighted independent sets give sinkless orientations of H "
                 "(n_H = "
              << h.num_vertices() << ")\n";
  }
}

// The checks above can fail: a set that misses a clique, or an orientation
// with a sink, is rejected.
TEST(WeightDeltaInstances, ExtractionRejectsBadInputs) {
  const Graph h = Complete(4);
  const Graph g = CliqueReplacement(h);
  const ChiF chi = ExactFractionalChromaticNumber(g);
  ASSERT_FALSE(chi.primal.empty());
  std::vector<Vertex> set = chi.primal[0].vertices;
  ASSERT_EQ(set.size(), 4u);
  set.pop_back();
  EXPECT_NE(PickPorts(h, set).error, "");
  // All edges of K4 oriented from the smaller index: vertex 3 is a sink.
  std::vector<std::vector<bool>> out(4);
  for (Vertex v = 0; v < 4; ++v) {
    for (Vertex u : h.neighbors(v)) out[v].push_back(v < u);
  }
  EXPECT_FALSE(IsSinklessOrientation(h, out));
  // Both ends of edge {0, 1} picking it is refused.
  std::vector<Port> port(4, 0);
  port[1] = 0;  // vertex 1's port 0 leads to vertex 0
  ASSERT_EQ(h.neighbor(0, 0), 1u);
  ASSERT_EQ(h.neighbor(1, 0), 0u);
  EXPECT_NE(Orient(h, port, &out), "");
}

// BEP-a on the weight-Δ instances: valid, weight exactly Δ + 1/k, strictly
// above χ_f = Δ. The larger replacement graph (diameter >= 4k) goes through
// the centres/holes path rather than the small-component path.
TEST(WeightDeltaInstances, BepDeltaReachesDeltaPlusOneOverK) {
  std::vector<Instance> instances = Instances();
  instances.push_back(Replacement("random 3-regular n=100 girth 5",
                                  RandomRegular(100, 3, 5, 5)));
  for (const Instance& inst : instances) {
    for (const Rational& epsilon : {Rational(1), Rational(1, 2)}) {
      SCOPED_TRACE(inst.name + ", ε = " + epsilon.ToString());
      const std::vector<NodeId> ids =
          AssignIds(inst.graph, IdScheme::kRandomPermutation, 11);
      HarnessOptions options;
      options.audit.samples = 4;
      const FractionalRunResult r =
          RunAndVerify(inst.graph, ids, BepDeltaAlgorithm(epsilon), options);
      ASSERT_TRUE(r.verdict.passed()) << r.verdict.ToString();
      const std::uint32_t k = BepPalettes(epsilon);
      EXPECT_EQ(r.weight, Rational(inst.delta) + Rational(1, k));
      EXPECT_GT(r.weight, Rational(inst.delta));
      std::cout << "[weight-delta] BEP-a on " << inst.name
                << ", ε = " << epsilon << ": weight " << r.weight
                << " (χ_f = " << inst.delta << "), rounds " << r.stats.rounds
                << " <= " << r.round_bound << "\n";
    }
  }
}

}  // namespace
}  // namespace fcsim
