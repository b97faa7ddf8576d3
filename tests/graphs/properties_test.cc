#include "graphs/properties.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <functional>
#include <string>
#include <vector>

#include "graphs/generators.h"

namespace fcsim {
namespace {

using EdgeList = std::vector<std::pair<Vertex, Vertex>>;

// Disjoint union, second graph shifted after the first.
Graph Union(const Graph& a, const Graph& b) {
  EdgeList edges;
  const Vertex shift = a.num_vertices();
  for (Vertex v = 0; v < a.num_vertices(); ++v) {
    for (Vertex u : a.neighbors(v)) edges.push_back({v, u});
  }
  for (Vertex v = 0; v < b.num_vertices(); ++v) {
    for (Vertex u : b.neighbors(v)) edges.push_back({v + shift, u + shift});
  }
  return Graph::FromEdges(shift + b.num_vertices(), edges);
}

// Reference girth: full BFS from every vertex, no pruning.
std::uint64_t NaiveGirth(const Graph& g) {
  std::uint64_t best = 0;
  const Vertex n = g.num_vertices();
  for (Vertex s = 0; s < n; ++s) {
    std::vector<std::int64_t> dist(n, -1);
    std::vector<Vertex> parent(n, kNoVertex), queue = {s};
    dist[s] = 0;
    for (std::size_t i = 0; i < queue.size(); ++i) {
      const Vertex w = queue[i];
      for (Vertex t : g.neighbors(w)) {
        if (t == parent[w]) continue;
        if (dist[t] >= 0) {
          const auto len = static_cast<std::uint64_t>(dist[w] + dist[t] + 1);
          if (best == 0 || len < best) best = len;
        } else {
          dist[t] = dist[w] + 1;
          parent[t] = w;
          queue.push_back(t);
        }
      }
    }
  }
  return best;
}

// Reference clique test: all subsets of the given size (tiny graphs only).
bool NaiveHasClique(const Graph& g, int size) {
  const Vertex n = g.num_vertices();
  std::vector<Vertex> pick;
  std::function<bool(Vertex)> grow = [&](Vertex from) {
    if (static_cast<int>(pick.size()) == size) return true;
    for (Vertex v = from; v < n; ++v) {
      bool ok = true;
      for (Vertex u : pick) {
        auto nv = g.neighbors(v);
        ok = ok && std::find(nv.begin(), nv.end(), u) != nv.end();
      }
      if (!ok) continue;
      pick.push_back(v);
      if (grow(v + 1)) return true;
      pick.pop_back();
    }
    return false;
  };
  return grow(0);
}

TEST(Properties, GirthOfKnownGraphs) {
  EXPECT_EQ(Girth(Cycle(7)), 7u);
  EXPECT_EQ(Girth(Path(10)), 0u);
  EXPECT_EQ(Girth(Complete(4)), 3u);
  EXPECT_EQ(Girth(Petersen()), 5u);
  EXPECT_EQ(Girth(Grid({10, 10})), 4u);
  EXPECT_EQ(Girth(Hypercube(5)), 4u);
  EXPECT_EQ(Girth(Subdivide(Petersen(), 1)), 10u);
  EXPECT_EQ(Girth(Graph::FromEdges(3, EdgeList{})), 0u);
  // Cycle components are seen even without any vertex of degree >= 3.
  EXPECT_EQ(Girth(Union(Cycle(12), Cycle(9))), 9u);
  EXPECT_EQ(Girth(Union(Cycle(5), Complete(4))), 3u);
  EXPECT_EQ(Girth(Union(Petersen(), Cycle(20))), 5u);
  // A long cycle hanging off a tree: the 2-core is just the cycle.
  EdgeList edges;
  for (Vertex v = 0; v < 30; ++v) edges.push_back({v, (v + 1) % 30});
  for (Vertex v = 30; v < 60; ++v) edges.push_back({v - 30, v});
  EXPECT_EQ(Girth(Graph::FromEdges(60, edges)), 30u);
}

TEST(Properties, GirthMatchesNaiveOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    Graph g = Gnp(40, 0.02 + 0.005 * static_cast<double>(seed), seed);
    EXPECT_EQ(Girth(g), NaiveGirth(g)) << "seed " << seed;
    Graph sparse = Subdivide(Gnm(15, 18, seed), static_cast<int>(seed % 3));
    EXPECT_EQ(Girth(sparse), NaiveGirth(sparse)) << "seed " << seed;
  }
}

TEST(Properties, Bipartite) {
  EXPECT_TRUE(IsBipartite(Cycle(8)));
  EXPECT_FALSE(IsBipartite(Cycle(9)));
  EXPECT_TRUE(IsBipartite(RandomTree(100, 2)));
  EXPECT_TRUE(IsBipartite(Hypercube(6)));
  EXPECT_FALSE(IsBipartite(Petersen()));
  EXPECT_FALSE(IsBipartite(Union(Cycle(8), Cycle(7))));
  EXPECT_TRUE(IsBipartite(Graph::FromEdges(4, EdgeList{})));
}

TEST(Properties, ComponentsMatchBoost) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Graph g = Gnm(2000, 900 + 100 * seed, seed);
    const std::vector<Vertex> labels = ConnectedComponents(g);
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> bg(
        g.num_vertices());
    for (Vertex v = 0; v < g.num_vertices(); ++v) {
      for (Vertex u : g.neighbors(v)) {
        if (v < u) boost::add_edge(v, u, bg);
      }
    }
    std::vector<int> component(g.num_vertices());
    const int count = boost::connected_components(bg, component.data());
    EXPECT_EQ(CountComponents(labels), static_cast<std::uint64_t>(count));
    for (Vertex v = 0; v < g.num_vertices(); ++v) {
      // Labels are the smallest vertex of the component.
      ASSERT_LE(labels[v], v);
      ASSERT_EQ(component[labels[v]], component[v]);
      ASSERT_EQ(labels[labels[v]], labels[v]);
    }
  }
  EXPECT_EQ(CountComponents(ConnectedComponents(Union(Cycle(5), Path(3)))), 2u);
}

TEST(Properties, Cliques) {
  EXPECT_TRUE(HasClique(Complete(5), 5));
  EXPECT_FALSE(HasClique(Complete(5), 6));
  EXPECT_FALSE(HasClique(Cycle(5), 3));
  EXPECT_TRUE(HasClique(Cycle(3), 3));
  // K_{Δ+1} as a component of a larger graph with the same Δ.
  EXPECT_TRUE(HasClique(Union(Cycle(10), Complete(3)), 3));
  EXPECT_FALSE(HasClique(Union(Cycle(10), Path(3)), 3));
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Graph g = Gnp(25, 0.35, seed);
    for (int size = 3; size <= 6; ++size) {
      EXPECT_EQ(HasClique(g, size), NaiveHasClique(g, size))
          << "seed " << seed << " size " << size;
    }
    const int top = static_cast<int>(g.max_degree()) + 1;
    EXPECT_EQ(HasClique(g, top), NaiveHasClique(g, top));
  }
}

TEST(Properties, Planarity) {
  EXPECT_FALSE(IsPlanar(Complete(5)));
  EXPECT_TRUE(IsPlanar(Complete(4)));
  EXPECT_FALSE(IsPlanar(CompleteBipartite(3, 3)));
  EXPECT_FALSE(IsPlanar(Petersen()));
  EXPECT_TRUE(IsPlanar(Grid({20, 20})));
  EXPECT_FALSE(IsPlanar(Grid({5, 5}, true)));
  // Subdividing keeps non-planarity (Kuratowski).
  EXPECT_FALSE(IsPlanar(Subdivide(Complete(5), 2)));
}

TEST(Properties, DegreeHistogram) {
  const auto h = DegreeHistogram(Star(7));
  EXPECT_EQ(h, (std::vector<std::uint64_t>{0, 7, 0, 0, 0, 0, 0, 1}));
  EXPECT_TRUE(DegreeHistogram(Graph::FromEdges(0, EdgeList{})).empty());
}

TEST(Properties, ComputeAndFormat) {
  GraphProperties p = ComputeProperties(Petersen());
  EXPECT_EQ(p.n, 10u);
  EXPECT_EQ(p.m, 15u);
  EXPECT_EQ(p.max_degree, 3u);
  EXPECT_EQ(p.min_degree, 3u);
  EXPECT_EQ(p.components, 1u);
  EXPECT_FALSE(p.bipartite);
  EXPECT_TRUE(p.girth_computed);
  EXPECT_EQ(p.girth, 5u);
  EXPECT_FALSE(p.has_clique_of_size_max_degree_plus_1);
  ASSERT_TRUE(p.planar.has_value());
  EXPECT_FALSE(*p.planar);
  const std::string text = FormatProperties(p);
  EXPECT_NE(text.find("girth: 5\n"), std::string::npos);
  EXPECT_NE(text.find("planar: no\n"), std::string::npos);
  EXPECT_NE(text.find("degree histogram: 3:10\n"), std::string::npos);

  PropertyOptions options;
  options.compute_girth = false;
  options.max_planarity_edges = 9;
  GraphProperties q = ComputeProperties(Union(Complete(4), Path(5)), options);
  EXPECT_EQ(q.components, 2u);
  EXPECT_TRUE(q.has_clique_of_size_max_degree_plus_1);
  EXPECT_FALSE(q.girth_computed);
  EXPECT_FALSE(q.planar.has_value());
  const std::string qtext = FormatProperties(q);
  EXPECT_NE(qtext.find("girth: not computed"), std::string::npos);
  EXPECT_NE(qtext.find("planar: not computed"), std::string::npos);
  EXPECT_NE(FormatProperties(ComputeProperties(Path(4))).find("acyclic"),
            std::string::npos);
}

}  // namespace
}  // namespace fcsim
