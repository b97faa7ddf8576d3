#include "algorithms/exact_chi_f.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "graphs/generators.h"

namespace fcsim {
namespace {

// Explicit constructions, independent of graphs/generators, so that the
// known χ_f values test the LP and not a generator.
using EdgeList = std::vector<std::pair<Vertex, Vertex>>;

Graph CycleGraph(Vertex n) {
  EdgeList e;
  for (Vertex i = 0; i < n; ++i) e.push_back({i, (i + 1) % n});
  return Graph::FromEdges(n, e);
}

Graph CompleteGraph(Vertex n) {
  EdgeList e;
  for (Vertex i = 0; i < n; ++i) {
    for (Vertex j = i + 1; j < n; ++j) e.push_back({i, j});
  }
  return Graph::FromEdges(n, e);
}

// Kneser K(n, k): k-subsets of {0..n-1} as bit masks, adjacent if disjoint.
Graph KneserGraph(int n, int k) {
  std::vector<unsigned> sets;
  for (unsigned m = 0; m < (1u << n); ++m) {
    if (std::popcount(m) == k) sets.push_back(m);
  }
  EdgeList e;
  for (Vertex i = 0; i < sets.size(); ++i) {
    for (Vertex j = i + 1; j < sets.size(); ++j) {
      if ((sets[i] & sets[j]) == 0) e.push_back({i, j});
    }
  }
  return Graph::FromEdges(static_cast<Vertex>(sets.size()), e);
}

// Mycielskian of g: vertices v, shadows n+v, apex 2n.
Graph Mycielskian(const Graph& g) {
  const Vertex n = g.num_vertices();
  EdgeList e;
  for (Vertex v = 0; v < n; ++v) {
    for (Vertex u : g.neighbors(v)) {
      if (u > v) e.push_back({u, v});
      e.push_back({n + v, u});
    }
    e.push_back({n + v, 2 * n});
  }
  return Graph::FromEdges(2 * n + 1, e);
}

// M_k: M_2 = K_2, M_{k+1} = Mycielskian(M_k).
Graph MycielskiGraph(int k) {
  Graph g = CompleteGraph(2);
  for (int i = 2; i < k; ++i) g = Mycielskian(g);
  return g;
}

// The Chvátal graph (12 vertices, 4-regular, triangle-free), standard edges.
Graph ChvatalGraph() {
  const EdgeList e = {{0, 1},  {0, 4}, {0, 6},  {0, 9},  {1, 2},  {1, 5},
                      {1, 7},  {2, 3}, {2, 6},  {2, 8},  {3, 4},  {3, 7},
                      {3, 9},  {4, 5}, {4, 8},  {5, 10}, {5, 11}, {6, 10},
                      {6, 11}, {7, 8}, {7, 11}, {8, 10}, {9, 10}, {9, 11}};
  return Graph::FromEdges(12, e);
}

Graph CyclePowerGraph(Vertex n, Vertex k) {
  EdgeList e;
  for (Vertex i = 0; i < n; ++i) {
    for (Vertex d = 1; d <= k; ++d) e.push_back({i, (i + d) % n});
  }
  return Graph::FromEdges(n, e);
}

// G[H]: (g, h) -> g |H| + h; adjacent if g ~ g', or g = g' and h ~ h'.
Graph Lexicographic(const Graph& g, const Graph& h) {
  const Vertex nh = h.num_vertices();
  EdgeList e;
  for (Vertex a = 0; a < g.num_vertices(); ++a) {
    for (Vertex x = 0; x < nh; ++x) {
      for (Vertex y : h.neighbors(x)) e.push_back({a * nh + x, a * nh + y});
      for (Vertex b : g.neighbors(a)) {
        for (Vertex y = 0; y < nh; ++y) e.push_back({a * nh + x, b * nh + y});
      }
    }
  }
  return Graph::FromEdges(g.num_vertices() * nh, e);
}

Graph Torus(Vertex rows, Vertex cols) {
  EdgeList e;
  for (Vertex r = 0; r < rows; ++r) {
    for (Vertex c = 0; c < cols; ++c) {
      e.push_back({r * cols + c, r * cols + (c + 1) % cols});
      e.push_back({r * cols + c, ((r + 1) % rows) * cols + c});
    }
  }
  return Graph::FromEdges(rows * cols, e);
}

void ExpectChiF(const Graph& g, Rational expected) {
  const ChiF chi = ExactFractionalChromaticNumber(g);
  EXPECT_EQ(chi.value, expected);
  std::string why;
  EXPECT_TRUE(CheckCertificate(g, chi, &why)) << why;
  EXPECT_FALSE(chi.primal.empty());
}

TEST(ExactChiF, OddCycles) {
  ExpectChiF(CycleGraph(5), Rational(5, 2));
  ExpectChiF(CycleGraph(7), Rational(7, 3));
  ExpectChiF(CycleGraph(9), Rational(9, 4));
}

TEST(ExactChiF, KneserGraphs) {
  ExpectChiF(KneserGraph(5, 2), Rational(5, 2));  // Petersen
  ExpectChiF(KneserGraph(7, 3), Rational(7, 3));
  ExpectChiF(KneserGraph(8, 3), Rational(8, 3));
}

TEST(ExactChiF, MycielskiGraphs) {
  ExpectChiF(MycielskiGraph(4), Rational(29, 10));
  ExpectChiF(MycielskiGraph(5), Rational(941, 290));
}

TEST(ExactChiF, ChvatalCyclePowerBlowUp) {
  ExpectChiF(ChvatalGraph(), Rational(3));
  ExpectChiF(CyclePowerGraph(8, 2), Rational(4));
  ExpectChiF(Lexicographic(CycleGraph(5), CompleteGraph(2)), Rational(5));
}

TEST(ExactChiF, TorusCompleteAndTrivial) {
  ExpectChiF(Torus(6, 6), Rational(2));
  ExpectChiF(CompleteGraph(5), Rational(5));
  ExpectChiF(CompleteGraph(1), Rational(1));
  EXPECT_EQ(ExactFractionalChromaticNumber(Graph::FromEdges(0, {})).value,
            Rational(0));
}

// The same values on graphs/generators' constructions (cross-check of both).
TEST(ExactChiF, GeneratorGraphs) {
  ExpectChiF(Cycle(7), Rational(7, 3));
  ExpectChiF(Petersen(), Rational(5, 2));
  ExpectChiF(Kneser(7, 3), Rational(7, 3));
  ExpectChiF(Mycielski(4), Rational(29, 10));
  ExpectChiF(Chvatal(), Rational(3));
  ExpectChiF(CyclePower(8, 2), Rational(4));
  ExpectChiF(LexicographicProduct(Cycle(5), Complete(2)), Rational(5));
  ExpectChiF(Grid({6, 6}, /*torus=*/true), Rational(2));
  ExpectChiF(Complete(5), Rational(5));
}

TEST(ExactChiF, CertificateCheckRejectsTampering) {
  const Graph g = CycleGraph(5);
  const ChiF good = ExactFractionalChromaticNumber(g);
  std::string why;
  // A smaller claimed value: sums no longer match.
  ChiF low = good;
  low.value = Rational(2);
  EXPECT_FALSE(CheckCertificate(g, low, &why));
  // A dual that is not a fractional clique: all weight on one vertex.
  ChiF heavy = good;
  heavy.dual.assign(5, Rational(0));
  heavy.dual[0] = good.value;
  EXPECT_FALSE(CheckCertificate(g, heavy, &why));
  EXPECT_NE(why.find("> 1"), std::string::npos) << why;
  // A primal "independent set" containing an edge.
  ChiF edge = good;
  edge.primal[0].vertices = {0, 1};
  EXPECT_FALSE(CheckCertificate(g, edge, &why));
  // A vertex left uncovered.
  ChiF thin = good;
  thin.primal.pop_back();
  EXPECT_FALSE(CheckCertificate(g, thin, &why));
}

TEST(ExactChiF, MaxWeightIndependentSet) {
  const Graph g = CycleGraph(5);
  const std::vector<std::int64_t> w = {5, 1, 1, 4, 1};
  const auto [best, mask] = MaxWeightIndependentSet(g, w);
  EXPECT_EQ(best, 9);  // {0, 3}... 0 and 3 are not adjacent in C5
  EXPECT_EQ(mask, (1u << 0) | (1u << 3));
  // Brute force on a Kneser graph with uneven weights.
  const Graph k = KneserGraph(6, 2);
  std::vector<std::int64_t> wk(k.num_vertices());
  for (Vertex v = 0; v < wk.size(); ++v) wk[v] = (v * 7) % 5 + 1;
  std::int64_t brute = 0;
  for (std::uint64_t m = 0; m < (1ull << k.num_vertices()); ++m) {
    bool ok = true;
    std::int64_t s = 0;
    for (Vertex v = 0; v < k.num_vertices() && ok; ++v) {
      if (((m >> v) & 1) == 0) continue;
      s += wk[v];
      for (Vertex u : k.neighbors(v)) ok = ok && ((m >> u) & 1) == 0;
    }
    if (ok) brute = std::max(brute, s);
  }
  EXPECT_EQ(MaxWeightIndependentSet(k, wk).first, brute);
}

TEST(ExactChiF, RefusesLargeGraphs) {
  EXPECT_THROW(ExactFractionalChromaticNumber(CycleGraph(65)),
               std::invalid_argument);
}

}  // namespace
}  // namespace fcsim
