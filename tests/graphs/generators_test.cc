#include "graphs/generators.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <stdexcept>
#include <vector>

#include "graphs/properties.h"

namespace fcsim {
namespace {

std::vector<Vertex> Neighbors(const Graph& g, Vertex v) {
  auto nv = g.neighbors(v);
  return {nv.begin(), nv.end()};
}

bool IsRegular(const Graph& g, Port d) {
  return g.min_degree() == d && g.max_degree() == d;
}

// Every generator must give a simple symmetric CSR graph.
void ExpectSimple(const Graph& g) { EXPECT_NO_THROW(g.Validate()); }

// Whether the vertices can be coloured with `colours` colours (backtracking;
// tiny graphs only).
bool Colourable(const Graph& g, int colours) {
  std::vector<int> colour(g.num_vertices(), -1);
  std::function<bool(Vertex)> place = [&](Vertex v) {
    if (v == g.num_vertices()) return true;
    for (int c = 0; c < colours; ++c) {
      bool free = true;
      for (Vertex u : g.neighbors(v)) free = free && colour[u] != c;
      if (!free) continue;
      colour[v] = c;
      if (place(v + 1)) return true;
    }
    colour[v] = -1;
    return false;
  };
  return place(0);
}

// Runs `make` with 1 and with 2 TBB threads and expects identical CSR arrays.
void ExpectThreadIndependent(const std::function<Graph()>& make) {
  std::vector<EdgeIndex> offsets1;
  std::vector<Vertex> adjacency1;
  {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    Graph g = make();
    offsets1 = g.offsets();
    adjacency1 = g.adjacency();
  }
  tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
  Graph g = make();
  EXPECT_EQ(g.offsets(), offsets1);
  EXPECT_EQ(g.adjacency(), adjacency1);
  EXPECT_GT(adjacency1.size(), 0u);
}

TEST(Generators, PathCycleCompleteStar) {
  Graph p = Path(5);
  EXPECT_EQ(p.num_vertices(), 5u);
  EXPECT_EQ(p.num_edges(), 4u);
  EXPECT_EQ(Neighbors(p, 2), (std::vector<Vertex>{1, 3}));
  EXPECT_EQ(Path(1).num_edges(), 0u);

  Graph c = Cycle(7);
  EXPECT_TRUE(IsRegular(c, 2));
  EXPECT_EQ(c.num_edges(), 7u);
  EXPECT_EQ(Neighbors(c, 0), (std::vector<Vertex>{1, 6}));
  EXPECT_THROW(Cycle(2), std::invalid_argument);

  Graph k = Complete(6);
  EXPECT_TRUE(IsRegular(k, 5));
  EXPECT_EQ(k.num_edges(), 15u);

  Graph kab = CompleteBipartite(3, 4);
  EXPECT_EQ(kab.num_edges(), 12u);
  EXPECT_EQ(Neighbors(kab, 0), (std::vector<Vertex>{3, 4, 5, 6}));
  EXPECT_EQ(Neighbors(kab, 6), (std::vector<Vertex>{0, 1, 2}));
  EXPECT_TRUE(IsBipartite(kab));

  Graph s = Star(9);
  EXPECT_EQ(s.num_vertices(), 10u);
  EXPECT_EQ(s.degree(0), 9u);
  EXPECT_EQ(s.min_degree(), 1u);
  for (const Graph* g : {&p, &c, &k, &kab, &s}) ExpectSimple(*g);
}

TEST(Generators, GridBoxes) {
  Graph g = Grid({3, 4});
  EXPECT_EQ(g.num_vertices(), 12u);
  EXPECT_EQ(g.num_edges(), 3u * 3 + 2u * 4);
  // Row-major: vertex (1, 1) = 5.
  EXPECT_EQ(Neighbors(g, 5), (std::vector<Vertex>{1, 4, 6, 9}));
  EXPECT_EQ(Neighbors(g, 0), (std::vector<Vertex>{1, 4}));
  EXPECT_TRUE(IsBipartite(g));
  EXPECT_EQ(Girth(g), 4u);
  ExpectSimple(g);

  Graph box = Grid({2, 3, 4});
  EXPECT_EQ(box.num_vertices(), 24u);
  // Edges along each axis: (side-1) * (product of the other sides).
  EXPECT_EQ(box.num_edges(), 1u * 12 + 2u * 8 + 3u * 6);
  EXPECT_EQ(box.max_degree(), 5u);
  EXPECT_EQ(box.min_degree(), 3u);
  ExpectSimple(box);

  // Sides of length 1 are allowed and add nothing.
  Graph line = Grid({1, 5, 1});
  EXPECT_EQ(line.num_edges(), 4u);
  EXPECT_THROW(Grid({}), std::invalid_argument);
  EXPECT_THROW(Grid({3, 0}), std::invalid_argument);
  EXPECT_THROW(Grid({100000, 100000}), std::invalid_argument);
}

TEST(Generators, GridTori) {
  Graph t = Grid({6, 6}, true);
  EXPECT_TRUE(IsRegular(t, 4));
  EXPECT_EQ(t.num_edges(), 72u);
  EXPECT_EQ(Neighbors(t, 0), (std::vector<Vertex>{1, 5, 6, 30}));
  EXPECT_TRUE(IsBipartite(t));
  EXPECT_EQ(Girth(t), 4u);
  ExpectSimple(t);

  Graph odd = Grid({5, 6}, true);
  EXPECT_FALSE(IsBipartite(odd));
  EXPECT_EQ(Girth(odd), 4u);
  EXPECT_EQ(Girth(Grid({3, 5}, true)), 3u);

  Graph t3 = Grid({4, 4, 4}, true);
  EXPECT_TRUE(IsRegular(t3, 6));
  EXPECT_EQ(t3.num_edges(), 3u * 64);
  ExpectSimple(t3);
  // A one-dimensional torus is a cycle.
  Graph ring = Grid({9}, true);
  EXPECT_EQ(ring.offsets(), Cycle(9).offsets());
  EXPECT_EQ(ring.adjacency(), Cycle(9).adjacency());
  EXPECT_THROW(Grid({2, 5}, true), std::invalid_argument);
}

TEST(Generators, HypercubeAndTrees) {
  Graph q = Hypercube(4);
  EXPECT_EQ(q.num_vertices(), 16u);
  EXPECT_TRUE(IsRegular(q, 4));
  EXPECT_EQ(q.num_edges(), 32u);
  EXPECT_TRUE(IsBipartite(q));
  EXPECT_EQ(Girth(q), 4u);
  EXPECT_EQ(Neighbors(q, 5), (std::vector<Vertex>{1, 4, 7, 13}));

  Graph t = RandomTree(1000, 3);
  EXPECT_EQ(t.num_edges(), 999u);
  EXPECT_EQ(CountComponents(ConnectedComponents(t)), 1u);
  EXPECT_EQ(Girth(t), 0u);
  ExpectSimple(t);
  EXPECT_EQ(RandomTree(2, 1).num_edges(), 1u);

  Graph k = CompleteTree(3, 4);
  EXPECT_EQ(k.num_vertices(), 1u + 3 + 9 + 27 + 81);
  EXPECT_EQ(k.num_edges(), k.num_vertices() - 1);
  EXPECT_EQ(k.max_degree(), 4u);
  EXPECT_EQ(k.degree(0), 3u);
  EXPECT_EQ(Neighbors(k, 1), (std::vector<Vertex>{0, 4, 5, 6}));
  EXPECT_EQ(CountComponents(ConnectedComponents(k)), 1u);
}

TEST(Generators, RandomRegularSimple) {
  Graph g = RandomRegular(10000, 4, 11);
  EXPECT_TRUE(IsRegular(g, 4));
  EXPECT_EQ(g.num_edges(), 20000u);
  ExpectSimple(g);
  Graph odd_n = RandomRegular(11, 4, 2);
  EXPECT_TRUE(IsRegular(odd_n, 4));
  ExpectSimple(odd_n);
  // Dense: K_6 minus a perfect matching is the only 4-regular graph on 6.
  Graph dense = RandomRegular(6, 4, 5);
  EXPECT_TRUE(IsRegular(dense, 4));
  ExpectSimple(dense);
}

TEST(Generators, RandomRegularGirth) {
  for (int d : {3, 4}) {
    for (int girth : {5, 6}) {
      Graph g = RandomRegular(2000, d, 7, girth);
      EXPECT_TRUE(IsRegular(g, static_cast<Port>(d)));
      ExpectSimple(g);
      EXPECT_GE(Girth(g), static_cast<std::uint64_t>(girth))
          << "d=" << d << " girth=" << girth;
    }
  }
  // Girth 7 with d = 3 at modest n still succeeds.
  EXPECT_GE(Girth(RandomRegular(3000, 3, 1, 7)), 7u);
}

TEST(Generators, RandomRegularRejectsImpossible) {
  EXPECT_THROW(RandomRegular(7, 3, 1), std::invalid_argument);      // n*d odd
  EXPECT_THROW(RandomRegular(4, 4, 1), std::invalid_argument);      // d >= n
  EXPECT_THROW(RandomRegular(10, 3, 1, 6), std::invalid_argument);  // Moore
  EXPECT_THROW(RandomRegular(10, -1, 1), std::invalid_argument);
  // Small but feasible.
  EXPECT_GE(Girth(RandomRegular(60, 3, 1, 5)), 5u);
}

TEST(Generators, GnpAndGnm) {
  const Vertex n = 2000;
  const double p = 0.01;
  Graph g = Gnp(n, p, 4);
  const double mean = p * n * (n - 1) / 2;
  EXPECT_NEAR(static_cast<double>(g.num_edges()), mean, 6 * std::sqrt(mean));
  ExpectSimple(g);
  Graph capped = Gnp(n, p, 4, 8);
  EXPECT_LE(capped.max_degree(), 8u);
  EXPECT_GT(capped.num_edges(), n * 3u);
  EXPECT_EQ(Gnp(50, 0.0, 1).num_edges(), 0u);
  EXPECT_EQ(Gnp(50, 1.0, 1).num_edges(), 50u * 49 / 2);
  EXPECT_THROW(Gnp(10, 1.5, 1), std::invalid_argument);

  Graph m = Gnm(1000, 3000, 9);
  EXPECT_EQ(m.num_edges(), 3000u);
  ExpectSimple(m);
  // Dense side: sampled through the complement.
  Graph dense = Gnm(20, 180, 9);
  EXPECT_EQ(dense.num_edges(), 180u);
  ExpectSimple(dense);
  EXPECT_LE(Gnm(1000, 5000, 9, 6).max_degree(), 6u);
  EXPECT_THROW(Gnm(10, 46, 1), std::invalid_argument);
  // Different seeds give different graphs.
  EXPECT_NE(Gnm(1000, 3000, 1).adjacency(), m.adjacency());
}

TEST(Generators, RandomGeometricMatchesBruteForce) {
  const Vertex n = 400;
  const double r = 0.08;
  Graph g = RandomGeometric(n, r, 5);
  const auto points = RandomGeometricPoints(n, 5);
  std::uint64_t pairs = 0;
  for (Vertex i = 0; i < n; ++i) {
    std::vector<Vertex> expected;
    for (Vertex j = 0; j < n; ++j) {
      const double dx = points[i].first - points[j].first;
      const double dy = points[i].second - points[j].second;
      if (j != i && dx * dx + dy * dy <= r * r) expected.push_back(j);
    }
    pairs += expected.size();
    ASSERT_EQ(Neighbors(g, i), expected) << "vertex " << i;
  }
  EXPECT_GT(pairs, 0u);
  EXPECT_EQ(RandomGeometric(50, 2.0, 1).num_edges(), 50u * 49 / 2);
  EXPECT_EQ(RandomGeometric(50, 0.0, 1).num_edges(), 0u);
  EXPECT_THROW(RandomGeometric(5, -1, 1), std::invalid_argument);
}

TEST(Generators, KneserAndPetersen) {
  Graph p = Petersen();
  EXPECT_EQ(p.num_vertices(), 10u);
  EXPECT_EQ(p.num_edges(), 15u);
  EXPECT_TRUE(IsRegular(p, 3));
  EXPECT_EQ(Girth(p), 5u);
  // Lexicographic numbering: {0,1} = 0 is disjoint from {2,3}, {2,4}, {3,4}.
  EXPECT_EQ(Neighbors(p, 0), (std::vector<Vertex>{7, 8, 9}));

  Graph k = Kneser(7, 3);
  EXPECT_EQ(k.num_vertices(), 35u);
  EXPECT_TRUE(IsRegular(k, 4));
  EXPECT_EQ(k.num_edges(), 70u);
  ExpectSimple(k);
  // K(2k, k) is a perfect matching; K(n, k) with n < 2k has no edges.
  EXPECT_EQ(Kneser(6, 3).num_edges(), 10u);
  EXPECT_EQ(Kneser(5, 3).num_edges(), 0u);
  EXPECT_THROW(Kneser(3, 4), std::invalid_argument);
}

TEST(Generators, Mycielski) {
  Graph m2 = Mycielski(2);
  EXPECT_EQ(m2.num_edges(), 1u);
  Graph m3 = Mycielski(3);
  EXPECT_EQ(m3.num_vertices(), 5u);
  EXPECT_TRUE(IsRegular(m3, 2));
  EXPECT_EQ(Girth(m3), 5u);
  Graph m4 = Mycielski(4);
  EXPECT_EQ(m4.num_vertices(), 11u);
  EXPECT_EQ(m4.num_edges(), 20u);
  Graph m5 = Mycielski(5);
  EXPECT_EQ(m5.num_vertices(), 23u);
  EXPECT_EQ(m5.num_edges(), 71u);
  for (const Graph* g : {&m3, &m4, &m5}) {
    ExpectSimple(*g);
    EXPECT_FALSE(HasClique(*g, 3));
  }
  // χ(M_k) = k.
  EXPECT_FALSE(Colourable(m4, 3));
  EXPECT_TRUE(Colourable(m4, 4));
}

TEST(Generators, Chvatal) {
  Graph c = Chvatal();
  EXPECT_EQ(c.num_vertices(), 12u);
  EXPECT_EQ(c.num_edges(), 24u);
  EXPECT_TRUE(IsRegular(c, 4));
  EXPECT_FALSE(HasClique(c, 3));
  EXPECT_EQ(Girth(c), 4u);
  EXPECT_FALSE(Colourable(c, 3));
  EXPECT_TRUE(Colourable(c, 4));
  ExpectSimple(c);
}

TEST(Generators, CyclePowerAndLexProduct) {
  Graph c82 = CyclePower(8, 2);
  EXPECT_EQ(c82.num_vertices(), 8u);
  EXPECT_EQ(c82.num_edges(), 16u);
  EXPECT_TRUE(IsRegular(c82, 4));
  EXPECT_FALSE(HasClique(c82, 5));
  EXPECT_TRUE(HasClique(c82, 3));
  EXPECT_EQ(Neighbors(c82, 0), (std::vector<Vertex>{1, 2, 6, 7}));
  // The power saturates into a complete graph.
  EXPECT_EQ(CyclePower(5, 3).num_edges(), 10u);
  ExpectSimple(CyclePower(5, 3));

  Graph c5k2 = LexicographicProduct(Cycle(5), Complete(2));
  EXPECT_EQ(c5k2.num_vertices(), 10u);
  EXPECT_EQ(c5k2.num_edges(), 25u);
  EXPECT_TRUE(IsRegular(c5k2, 5));
  EXPECT_FALSE(HasClique(c5k2, 6));
  EXPECT_TRUE(HasClique(c5k2, 4));
  // (0, 0) = 0: its twin 1 and both copies of cycle neighbours 1 and 4.
  EXPECT_EQ(Neighbors(c5k2, 0), (std::vector<Vertex>{1, 2, 3, 8, 9}));
  ExpectSimple(c5k2);
  Graph p3c4 = LexicographicProduct(Path(3), Cycle(4));
  EXPECT_EQ(p3c4.num_edges(), 3u * 4 + 2u * 16);
}

TEST(Generators, CliqueReplacement) {
  Graph base = RandomRegular(30, 4, 3, 4);
  Graph r = CliqueReplacement(base);
  const std::uint64_t n = 30, delta = 4;
  EXPECT_EQ(r.num_vertices(), n * delta);
  EXPECT_EQ(r.num_edges(), n * delta * (delta - 1) / 2 + n * delta / 2);
  EXPECT_TRUE(IsRegular(r, 4));
  EXPECT_TRUE(HasClique(r, 4));
  EXPECT_FALSE(HasClique(r, 5));
  ExpectSimple(r);
  // Port structure: v*Δ+p is joined to u*Δ+q with u = port p of v and
  // v = port q of u.
  for (Vertex v = 0; v < n; ++v) {
    for (Port p = 0; p < delta; ++p) {
      const Vertex u = base.neighbor(v, p);
      std::vector<Vertex> outside;
      for (Vertex x : r.neighbors(v * delta + p)) {
        if (x / delta != v) outside.push_back(x);
      }
      ASSERT_EQ(outside.size(), 1u);
      EXPECT_EQ(outside[0] / delta, u);
      EXPECT_EQ(base.neighbor(u, outside[0] % delta), v);
    }
  }
  EXPECT_EQ(CliqueReplacement(Petersen()).num_edges(), 45u);
  EXPECT_THROW(CliqueReplacement(Path(4)), std::invalid_argument);
}

TEST(Generators, RandomPlanar) {
  Graph tri = RandomPlanar(500, 3);
  EXPECT_EQ(tri.num_edges(), 3u * 500 - 6);
  EXPECT_TRUE(IsPlanar(tri));
  EXPECT_EQ(CountComponents(ConnectedComponents(tri)), 1u);
  ExpectSimple(tri);
  Graph sparse = RandomPlanar(500, 3, 0.6);
  EXPECT_LT(sparse.num_edges(), 2u * 500);
  EXPECT_GE(sparse.num_edges(), 499u);
  EXPECT_TRUE(IsPlanar(sparse));
  EXPECT_EQ(CountComponents(ConnectedComponents(sparse)), 1u);
  Graph capped = RandomPlanar(3000, 3, 0.0, 8);
  EXPECT_LE(capped.max_degree(), 8u);
  EXPECT_EQ(capped.num_edges(), 3u * 3000 - 6);
  EXPECT_TRUE(IsPlanar(capped));
  ExpectSimple(capped);
  EXPECT_THROW(RandomPlanar(100, 1, 0.0, 6), std::invalid_argument);
  EXPECT_EQ(RandomPlanar(4, 1).num_edges(), 6u);  // K_4
  EXPECT_EQ(RandomPlanar(2, 1).num_edges(), 1u);
  EXPECT_THROW(RandomPlanar(10, 1, 1.5), std::invalid_argument);
}

TEST(Generators, Subdivide) {
  Graph p = Subdivide(Petersen(), 2);
  EXPECT_EQ(p.num_vertices(), 10u + 15 * 2);
  EXPECT_EQ(p.num_edges(), 45u);
  EXPECT_EQ(Girth(p), 15u);
  ExpectSimple(p);
  Graph planar = Subdivide(RandomPlanar(200, 5), 3);
  EXPECT_TRUE(IsPlanar(planar));
  EXPECT_EQ(Girth(planar), 12u);
  // Internal vertices of edge {0, u} run from 0 towards u.
  Graph path = Subdivide(Path(2), 3);
  EXPECT_EQ(Neighbors(path, 0), (std::vector<Vertex>{2}));
  EXPECT_EQ(Neighbors(path, 4), (std::vector<Vertex>{1, 3}));
  EXPECT_EQ(Subdivide(Cycle(5), 0).num_edges(), 5u);
}

TEST(Generators, RandomOuterplanar) {
  const Vertex n = 300;
  Graph g = RandomOuterplanar(n, 8);
  EXPECT_EQ(g.num_edges(), 2u * n - 3);
  ExpectSimple(g);
  // G is outerplanar iff G plus a vertex joined to every vertex is planar.
  std::vector<std::pair<Vertex, Vertex>> edges;
  for (Vertex v = 0; v < n; ++v) {
    for (Vertex u : g.neighbors(v)) {
      if (v < u) edges.push_back({v, u});
    }
    edges.push_back({v, n});
  }
  EXPECT_TRUE(IsPlanar(Graph::FromEdges(n + 1, edges)));
  // A planar graph that is not outerplanar fails the same test (K_4).
  std::vector<std::pair<Vertex, Vertex>> k4apex = {{0, 1}, {0, 2}, {0, 3},
                                                   {1, 2}, {1, 3}, {2, 3}};
  for (Vertex v = 0; v < 4; ++v) k4apex.push_back({v, 4});
  EXPECT_FALSE(IsPlanar(Graph::FromEdges(5, k4apex)));
}

// Smallest-degree-first elimination: a partial w-tree is w-degenerate.
Port Degeneracy(const Graph& g) {
  const Vertex n = g.num_vertices();
  std::vector<Port> degree(n);
  std::set<std::pair<Port, Vertex>> queue;
  for (Vertex v = 0; v < n; ++v) {
    degree[v] = g.degree(v);
    queue.insert({degree[v], v});
  }
  std::vector<char> gone(n, 0);
  Port worst = 0;
  while (!queue.empty()) {
    const auto [d, v] = *queue.begin();
    queue.erase(queue.begin());
    worst = std::max(worst, d);
    gone[v] = 1;
    for (Vertex u : g.neighbors(v)) {
      if (gone[u]) continue;
      queue.erase({degree[u], u});
      queue.insert({--degree[u], u});
    }
  }
  return worst;
}

TEST(Generators, RandomPartialKTree) {
  const Vertex n = 300;
  Graph full = RandomPartialKTree(n, 3, 4, 0.0);
  EXPECT_EQ(full.num_edges(), 6u + (n - 4) * 3u);
  EXPECT_TRUE(HasClique(full, 4));
  EXPECT_FALSE(HasClique(full, 5));
  EXPECT_EQ(Degeneracy(full), 3u);
  ExpectSimple(full);
  Graph partial = RandomPartialKTree(n, 3, 4);
  EXPECT_LT(partial.num_edges(), full.num_edges());
  EXPECT_LE(Degeneracy(partial), 3u);
  EXPECT_EQ(CountComponents(ConnectedComponents(partial)), 1u);
  // Treewidth 1 and no deletion: a tree.
  Graph tree = RandomPartialKTree(100, 1, 2, 0.0);
  EXPECT_EQ(tree.num_edges(), 99u);
  EXPECT_EQ(Girth(tree), 0u);
  EXPECT_THROW(RandomPartialKTree(10, 0, 1), std::invalid_argument);
}

TEST(Generators, SameGraphForAnyThreadCount) {
  ExpectThreadIndependent([] { return Grid({37, 41}); });
  ExpectThreadIndependent([] { return Grid({5, 6, 7}, true); });
  ExpectThreadIndependent([] { return RandomRegular(3000, 4, 21, 5); });
  ExpectThreadIndependent([] { return RandomRegular(5000, 3, 21); });
  ExpectThreadIndependent([] { return Gnp(3000, 0.002, 21, 5); });
  ExpectThreadIndependent([] { return Gnm(3000, 9000, 21, 7); });
  ExpectThreadIndependent([] { return RandomGeometric(3000, 0.03, 21); });
  ExpectThreadIndependent([] { return RandomTree(3000, 21); });
  ExpectThreadIndependent([] { return RandomPlanar(3000, 21, 0.3); });
  ExpectThreadIndependent([] { return RandomPlanar(3000, 21, 0.3, 9); });
  ExpectThreadIndependent([] { return RandomOuterplanar(3000, 21); });
  ExpectThreadIndependent([] { return RandomPartialKTree(3000, 3, 21); });
  ExpectThreadIndependent([] { return Kneser(9, 3); });
}

}  // namespace
}  // namespace fcsim
