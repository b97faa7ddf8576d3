#include "graphs/spec.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include "graphs/generators.h"
#include "graphs/properties.h"

namespace fcsim {
namespace {

bool SameGraph(const Graph& a, const Graph& b) {
  return a.offsets() == b.offsets() && a.adjacency() == b.adjacency();
}

// The message of the std::invalid_argument thrown by MakeGraph(spec), or ""
// when it does not throw that.
std::string SpecErrorOf(const std::string& spec) {
  try {
    MakeGraph(spec);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(Spec, ParsesFamilyAndParameters) {
  GraphSpec s = ParseGraphSpec("regular:n=1e6,d=4,girth=5,seed=7");
  EXPECT_EQ(s.family, "regular");
  EXPECT_EQ(s.params.size(), 4u);
  EXPECT_EQ(s.params.at("n"), "1e6");
  EXPECT_EQ(s.params.at("girth"), "5");
  EXPECT_EQ(ParseGraphSpec("petersen").family, "petersen");
  EXPECT_TRUE(ParseGraphSpec("  chvatal ").params.empty());

  // Nesting: brackets protect commas; ';' also separates.
  GraphSpec nested =
      ParseGraphSpec("subdivide:s=2,of=[regular:n=100,d=3,seed=2]");
  EXPECT_EQ(nested.params.at("of"), "regular:n=100,d=3,seed=2");
  GraphSpec lex = ParseGraphSpec("lex:outer=cycle:n=5;inner=complete:n=2");
  EXPECT_EQ(lex.params.at("outer"), "cycle:n=5");
  EXPECT_EQ(lex.params.at("inner"), "complete:n=2");
  GraphSpec deep =
      ParseGraphSpec("replacement:of=[lex:outer=[cycle:n=5],inner=[path:n=2]]");
  EXPECT_EQ(deep.params.at("of"), "lex:outer=[cycle:n=5],inner=[path:n=2]");

  // file: takes the rest verbatim unless it starts with path=.
  EXPECT_EQ(ParseGraphSpec("file:/tmp/a,b=c:d.txt").params.at("path"),
            "/tmp/a,b=c:d.txt");
  GraphSpec file = ParseGraphSpec("file:path=[x.el],format=edgelist");
  EXPECT_EQ(file.params.at("path"), "x.el");
  EXPECT_EQ(file.params.at("format"), "edgelist");
}

TEST(Spec, BuildsTheBriefExamples) {
  EXPECT_EQ(MakeGraph("grid:dims=100x30").num_vertices(), 3000u);
  EXPECT_TRUE(SameGraph(MakeGraph("torus:dims=6x6"), Grid({6, 6}, true)));
  EXPECT_TRUE(
      SameGraph(MakeGraph("grid:dims=6x6,torus=1"), Grid({6, 6}, true)));
  Graph r = MakeGraph("regular:n=1e3,d=4,girth=5,seed=7");
  EXPECT_TRUE(SameGraph(r, RandomRegular(1000, 4, 7, 5)));
  EXPECT_GE(Girth(r), 5u);
  EXPECT_TRUE(SameGraph(MakeGraph("cycle:n=1000"), Cycle(1000)));
  EXPECT_TRUE(SameGraph(MakeGraph("petersen"), Petersen()));
  EXPECT_TRUE(SameGraph(MakeGraph("kneser:n=7,k=3"), Kneser(7, 3)));
  EXPECT_TRUE(SameGraph(MakeGraph("mycielski:k=4"), Mycielski(4)));
  EXPECT_TRUE(SameGraph(MakeGraph("chvatal"), Chvatal()));
  EXPECT_TRUE(SameGraph(MakeGraph("cyclepower:n=8,k=2"), CyclePower(8, 2)));
  const Graph c5k2 = LexicographicProduct(Cycle(5), Complete(2));
  EXPECT_TRUE(
      SameGraph(MakeGraph("lex:outer=cycle:n=5;inner=complete:n=2"), c5k2));
  EXPECT_TRUE(
      SameGraph(MakeGraph("lex:outer=cycle:n=5,inner=complete:n=2"), c5k2));
  EXPECT_TRUE(
      SameGraph(MakeGraph("lex:outer=[cycle:n=5],inner=[complete:n=2]"), c5k2));
  EXPECT_TRUE(SameGraph(MakeGraph("replacement:of=[regular:n=50,d=3,seed=4]"),
                        CliqueReplacement(RandomRegular(50, 3, 4))));
  EXPECT_TRUE(
      SameGraph(MakeGraph("planar:n=300,seed=3"), RandomPlanar(300, 3)));
  EXPECT_TRUE(SameGraph(MakeGraph("planar:n=300,seed=3,delete=0.5"),
                        RandomPlanar(300, 3, 0.5)));
  EXPECT_TRUE(SameGraph(MakeGraph("planar:n=300,seed=3,maxdeg=9"),
                        RandomPlanar(300, 3, 0.0, 9)));
  EXPECT_TRUE(SameGraph(MakeGraph("subdivide:s=2,of=petersen"),
                        Subdivide(Petersen(), 2)));
  EXPECT_TRUE(SameGraph(MakeGraph("gnp:n=500,p=0.01,seed=3,maxdeg=4"),
                        Gnp(500, 0.01, 3, 4)));
  EXPECT_TRUE(SameGraph(MakeGraph("gnm:n=500,m=1e3"), Gnm(500, 1000, 1)));
  EXPECT_TRUE(SameGraph(MakeGraph("geometric:n=500,radius=0.05,seed=2"),
                        RandomGeometric(500, 0.05, 2)));
  EXPECT_TRUE(SameGraph(MakeGraph("hypercube:d=4"), Hypercube(4)));
  EXPECT_TRUE(SameGraph(MakeGraph("tree:n=100"), RandomTree(100, 1)));
  EXPECT_TRUE(
      SameGraph(MakeGraph("karytree:arity=2,depth=3"), CompleteTree(2, 3)));
  EXPECT_TRUE(SameGraph(MakeGraph("outerplanar:n=50,seed=5"),
                        RandomOuterplanar(50, 5)));
  EXPECT_TRUE(SameGraph(MakeGraph("ktree:n=100,w=3"),
                        RandomPartialKTree(100, 3, 1, 0.5)));
  EXPECT_TRUE(SameGraph(MakeGraph("completebipartite:a=2,b=3"),
                        CompleteBipartite(2, 3)));
  EXPECT_TRUE(SameGraph(MakeGraph("star:leaves=4"), Star(4)));
  EXPECT_TRUE(SameGraph(MakeGraph("path:n=4"), Path(4)));
  EXPECT_TRUE(SameGraph(MakeGraph("complete:n=4"), Complete(4)));
  // The struct form builds the same graph.
  EXPECT_TRUE(
      SameGraph(MakeGraph(ParseGraphSpec("subdivide:s=1,of=[cycle:n=4]")),
                Subdivide(Cycle(4), 1)));
}

TEST(Spec, NumbersAndDimensions) {
  EXPECT_EQ(MakeGraph("path:n=2.5e3").num_vertices(), 2500u);
  EXPECT_EQ(MakeGraph("grid:dims=1e1x2x3").num_vertices(), 60u);
  EXPECT_NE(SpecErrorOf("path:n=1.5").find("'n'"), std::string::npos);
  EXPECT_NE(SpecErrorOf("path:n=-3").find("'n'"), std::string::npos);
  EXPECT_NE(SpecErrorOf("path:n=abc").find("'abc'"), std::string::npos);
  EXPECT_NE(SpecErrorOf("path:n=1e20").find("out of range"), std::string::npos);
  EXPECT_NE(SpecErrorOf("grid:dims=10xx10").find("'dims'"), std::string::npos);
  EXPECT_NE(SpecErrorOf("gnp:n=10,p=zero").find("'p'"), std::string::npos);
  EXPECT_NE(SpecErrorOf("grid:dims=3x3,torus=maybe").find("'torus'"),
            std::string::npos);
}

TEST(Spec, ErrorsNameTheProblem) {
  EXPECT_NE(SpecErrorOf("moebius:n=5").find("unknown family 'moebius'"),
            std::string::npos);
  EXPECT_NE(SpecErrorOf("cycle:n=5,colour=red").find("unknown key 'colour'"),
            std::string::npos);
  EXPECT_NE(SpecErrorOf("cycle").find("missing required key 'n'"),
            std::string::npos);
  EXPECT_NE(SpecErrorOf("cycle:n=5,n=6").find("'n' given twice"),
            std::string::npos);
  EXPECT_NE(SpecErrorOf("cycle:n").find("no value"), std::string::npos);
  EXPECT_NE(SpecErrorOf("cycle:n=5,").find("empty parameter"),
            std::string::npos);
  EXPECT_NE(SpecErrorOf("subdivide:s=1,of=[cycle:n=5").find("unbalanced"),
            std::string::npos);
  EXPECT_NE(SpecErrorOf("").find("empty spec"), std::string::npos);
  EXPECT_NE(SpecErrorOf("lex:outer=cycle:n=5,inner=moebius")
                .find("unknown family 'moebius'"),
            std::string::npos);
  // Generator-level errors pass through as std::invalid_argument.
  EXPECT_NE(SpecErrorOf("regular:n=5,d=3").find("even"), std::string::npos);
  EXPECT_NE(SpecErrorOf("replacement:of=path:n=5").find("not regular"),
            std::string::npos);
  // Every message is one line.
  for (const char* bad : {"moebius", "cycle:n=x", "cycle:m=3", "cycle"}) {
    const std::string message = SpecErrorOf(bad);
    EXPECT_FALSE(message.empty()) << bad;
    EXPECT_EQ(message.find('\n'), std::string::npos) << bad;
  }
  EXPECT_ANY_THROW(MakeGraph("file:/nonexistent/fcsim/graph.txt"));
}

TEST(Spec, FileDelegatesToReader) {
  const std::string path =
      (std::filesystem::temp_directory_path() /
       ("fcsim_spec_test_" + std::to_string(getpid()) + ".el"))
          .string();
  {
    std::ofstream out(path);
    out << "# a 4-cycle\n0 1\n1 2\n2 3\n3 0\n";
  }
  Graph g = MakeGraph("file:" + path);
  EXPECT_TRUE(SameGraph(g, Cycle(4)));
  Graph h = MakeGraph("file:path=" + path + ",format=edgelist");
  EXPECT_TRUE(SameGraph(h, Cycle(4)));
  std::remove(path.c_str());
}

TEST(Spec, RegistryDescribesEveryFamily) {
  const auto& families = GraphFamilies();
  std::set<std::string> names;
  for (const FamilyInfo& f : families) {
    EXPECT_TRUE(names.insert(f.name).second) << "duplicate " << f.name;
    EXPECT_FALSE(f.summary.empty()) << f.name;
    EXPECT_FALSE(f.properties.empty()) << f.name;
    EXPECT_EQ(ParseGraphSpec(f.example).family, f.name);
    if (f.name == "file") continue;
    // Every example builds a valid graph.
    Graph g = MakeGraph(f.example);
    EXPECT_GT(g.num_vertices(), 0u) << f.example;
    EXPECT_NO_THROW(g.Validate()) << f.example;
  }
  for (const char* required :
       {"grid",        "torus",     "regular",   "cycle",      "petersen",
        "kneser",      "mycielski", "chvatal",   "cyclepower", "lex",
        "replacement", "planar",    "subdivide", "gnp",        "gnm",
        "geometric",   "hypercube", "tree",      "karytree",   "outerplanar",
        "ktree",       "file"}) {
    EXPECT_TRUE(names.count(required)) << required;
  }
  const std::string listing = DescribeGraphFamilies();
  EXPECT_NE(listing.find("regular - "), std::string::npos);
  EXPECT_NE(listing.find("girth"), std::string::npos);
}

}  // namespace
}  // namespace fcsim
