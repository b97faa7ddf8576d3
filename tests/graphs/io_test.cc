#include "graphs/io.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace fcsim {
namespace {

namespace fs = std::filesystem;
using Edges = std::vector<std::pair<Vertex, Vertex>>;

// A random graph from a raw edge list (loops and repeats are dropped by
// FromEdges); vertices above the last used one stay isolated.
Graph RandomGraph(Vertex n, std::size_t raw_edges, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Edges edges;
  if (n > 0) {
    std::uniform_int_distribution<Vertex> pick(0, n - 1);
    for (std::size_t i = 0; i < raw_edges; ++i) {
      edges.emplace_back(pick(rng), pick(rng));
    }
  }
  return Graph::FromEdges(n, edges);
}

Graph Make(Vertex n, const Edges& edges) { return Graph::FromEdges(n, edges); }

Edges EdgeSet(const Graph& g) {
  Edges out;
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    for (const Vertex w : g.neighbors(v)) {
      if (v < w) out.emplace_back(v, w);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ExpectSame(const Graph& a, const Graph& b) {
  ASSERT_EQ(a.num_vertices(), b.num_vertices());
  EXPECT_EQ(EdgeSet(a), EdgeSet(b));
}

Graph Parse(const std::string& text, GraphFormat format,
            const ReadOptions& options = {}) {
  std::istringstream in(text);
  std::ostringstream sink;
  ReadOptions with_sink = options;
  if (with_sink.warnings == nullptr) with_sink.warnings = &sink;
  return ReadGraph(in, format, "in.txt", with_sink);
}

std::string Write(const Graph& g, GraphFormat format) {
  std::ostringstream out;
  WriteGraph(g, out, format);
  return out.str();
}

// The error message of parsing `text`, which must fail.
std::string ErrorOf(const std::string& text, GraphFormat format,
                    const ReadOptions& options = {}) {
  try {
    Parse(text, format, options);
  } catch (const GraphFormatError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for: " << text.substr(0, 60);
  return "";
}

// Checks that `text` fails with a one-line message naming `line` and
// containing `what`.
void ExpectError(const std::string& text, GraphFormat format, int line,
                 const std::string& what, const ReadOptions& options = {}) {
  const std::string message = ErrorOf(text, format, options);
  const std::string where =
      line > 0 ? "in.txt:" + std::to_string(line) + ": " : "in.txt: ";
  EXPECT_EQ(message.rfind(where, 0), 0u)
      << "message '" << message << "' should start with '" << where << "'";
  EXPECT_NE(message.find(what), std::string::npos)
      << "message '" << message << "' should contain '" << what << "'";
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

class GraphIoFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fcsim_io_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& file) const {
    return (dir_ / file).string();
  }
  std::vector<std::string> Listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }
  fs::path dir_;
};

// ---------------------------------------------------------------------------
// Round trips.

std::vector<Graph> RoundTripGraphs() {
  std::vector<Graph> graphs;
  graphs.push_back(Make(0, {}));
  graphs.push_back(Make(1, {}));
  graphs.push_back(Make(2, {}));
  graphs.push_back(Make(2, {{0, 1}}));
  // Isolated vertices first, in the middle and last.
  graphs.push_back(Make(9, {{2, 3}, {3, 4}, {6, 7}}));
  // sparse6 padding corner cases (n a power of two, last edge at n-2).
  graphs.push_back(Make(8, {{0, 6}}));
  graphs.push_back(Make(4, {{1, 2}}));
  graphs.push_back(Make(16, {{3, 14}}));
  // graph6's N(n) switches encoding above 62.
  graphs.push_back(RandomGraph(62, 100, 1));
  graphs.push_back(RandomGraph(63, 100, 2));
  graphs.push_back(RandomGraph(300, 900, 3));
  for (std::uint64_t seed = 10; seed < 16; ++seed) {
    graphs.push_back(RandomGraph(5 + seed * 7, seed * 20, seed));
  }
  return graphs;
}

TEST(GraphIoRoundTrip, EveryFormatThroughStreams) {
  const std::vector<Graph> graphs = RoundTripGraphs();
  for (const GraphFormat format : AllGraphFormats()) {
    for (std::size_t i = 0; i < graphs.size(); ++i) {
      SCOPED_TRACE(std::string(GraphFormatName(format)) + " graph #" +
                   std::to_string(i));
      std::ostringstream warnings;
      ReadOptions options;
      options.strict = true;  // a writer never emits loops or repeats
      options.warnings = &warnings;
      const std::string text = Write(graphs[i], format);
      std::istringstream in(text);
      const Graph back = ReadGraph(in, format, "rt", options);
      ExpectSame(graphs[i], back);
      EXPECT_EQ(warnings.str(), "");
    }
  }
}

TEST_F(GraphIoFileTest, EveryFormatThroughFilesByExtension) {
  const Graph g = RandomGraph(40, 90, 7);
  for (const std::string file :
       {"a.txt", "a.el", "a.edges", "a.snap", "a.metis", "a.graph", "a.col",
        "a.dimacs", "a.mtx", "a.graphml", "a.dot", "a.gv", "a.g6", "a.s6"}) {
    SCOPED_TRACE(file);
    WriteGraph(g, Path(file));
    ExpectSame(g, ReadGraph(Path(file)));
  }
  // Only the written files remain: no temporaries.
  EXPECT_EQ(Listing().size(), 14u);
}

TEST(GraphIoRoundTrip, LargerRandomGraph) {
  const Graph g = RandomGraph(20000, 60000, 99);
  for (const GraphFormat format :
       {GraphFormat::kEdgeList, GraphFormat::kMetis, GraphFormat::kDimacs,
        GraphFormat::kMatrixMarket, GraphFormat::kSparse6}) {
    SCOPED_TRACE(GraphFormatName(format));
    ExpectSame(g, Parse(Write(g, format), format));
  }
}

// Encodings produced by networkx (an independent implementation).
TEST(GraphIoNauty, MatchesReferenceEncodings) {
  const Graph petersen = Make(10, {{0, 1},
                                   {1, 2},
                                   {2, 3},
                                   {3, 4},
                                   {4, 0},
                                   {0, 5},
                                   {1, 6},
                                   {2, 7},
                                   {3, 8},
                                   {4, 9},
                                   {5, 7},
                                   {7, 9},
                                   {9, 6},
                                   {6, 8},
                                   {8, 5}});
  EXPECT_EQ(Write(petersen, GraphFormat::kGraph6), "IheA@GUAo\n");
  EXPECT_EQ(Write(petersen, GraphFormat::kSparse6), ":I`ES@obGkqegW~\n");
  const Graph spec = Make(7, {{0, 1}, {0, 2}, {1, 2}, {5, 6}});
  EXPECT_EQ(Write(spec, GraphFormat::kGraph6), "Fw??G\n");
  EXPECT_EQ(Write(spec, GraphFormat::kSparse6), ":Fa@x^\n");
  // The padding case that needs a leading 0 bit.
  EXPECT_EQ(Write(Make(8, {{0, 6}}), GraphFormat::kSparse6), ":GwF\n");
  const Graph g5 = Make(5, {{0, 2}, {0, 4}, {1, 3}, {3, 4}});
  EXPECT_EQ(Write(g5, GraphFormat::kGraph6), "DQc\n");
  EXPECT_EQ(Write(g5, GraphFormat::kSparse6), ":DgH_~\n");
  // Three-byte N(n).
  EXPECT_EQ(Write(Make(300, {{3, 299}}), GraphFormat::kSparse6), ":~?Ckqk?~\n");
  ExpectSame(petersen, Parse(">>graph6<<IheA@GUAo\n", GraphFormat::kGraph6));
  ExpectSame(spec, Parse(">>sparse6<<:Fa@x^", GraphFormat::kSparse6));
}

// ---------------------------------------------------------------------------
// Self-loop / repeated-edge policy.

struct PolicyCase {
  GraphFormat format;
  std::string text;  // has one self-loop (line loop_line) and one repeat
  int loop_line;     // 0 for formats without line numbers
  int repeat_line;
  std::string loop_what;  // vertex number as the file shows it
};

std::vector<PolicyCase> PolicyCases() {
  return {
      {GraphFormat::kEdgeList, "0 1\n1 2\n2 2\n2 1\n", 3, 4, "vertex 2"},
      {GraphFormat::kMetis, "3 4\n2 2\n1 1 2 3\n2\n", 3, 2, "vertex 2"},
      {GraphFormat::kDimacs, "p edge 3 4\ne 1 2\ne 2 3\ne 3 3\ne 3 2\n", 4, 5,
       "vertex 3"},
      {GraphFormat::kMatrixMarket,
       "%%MatrixMarket matrix coordinate pattern symmetric\n3 3 4\n2 1\n3 2\n"
       "3 3\n2 3\n",
       5, 6, "vertex 3"},
      {GraphFormat::kSparse6, ":AG\n", 1, 1, "vertex 0"},
      {GraphFormat::kDot, "graph { 0 -- 1; 1 -- 2; 2 -- 2; 2 -- 1; }", 0, 0,
       "vertex 2"},
  };
}

TEST(GraphIoPolicy, DefaultDropsWithOneWarningLine) {
  for (const PolicyCase& c : PolicyCases()) {
    SCOPED_TRACE(GraphFormatName(c.format));
    std::ostringstream warnings;
    ReadOptions options;
    options.warnings = &warnings;
    const Graph g = Parse(c.text, c.format, options);
    g.Validate();
    const std::string w = warnings.str();
    EXPECT_NE(w.find("in.txt: warning: dropped 1 self-loop"), std::string::npos)
        << w;
    EXPECT_NE(w.find("1 repeated edge"), std::string::npos) << w;
    EXPECT_EQ(std::count(w.begin(), w.end(), '\n'), 1) << w;
  }
}

TEST(GraphIoPolicy, StrictRefusesNamingTheLine) {
  for (const PolicyCase& c : PolicyCases()) {
    SCOPED_TRACE(GraphFormatName(c.format));
    ReadOptions strict;
    strict.strict = true;
    ExpectError(c.text, c.format, c.loop_line, "self-loop at " + c.loop_what,
                strict);
  }
  ReadOptions strict;
  strict.strict = true;
  // Repeats alone (no loop), to see the repeated-edge line.
  ExpectError("0 1\n1 2\n\n2 1\n", GraphFormat::kEdgeList, 4,
              "repeated edge 2 1", strict);
  ExpectError("p edge 3 2\ne 1 2\ne 2 1\n", GraphFormat::kDimacs, 3,
              "repeated edge 2 1", strict);
  ExpectError("3 2\n2 2\n1 1\n\n", GraphFormat::kMetis, 2, "repeated edge 1 2",
              strict);
  ExpectError(":AG", GraphFormat::kSparse6, 1, "self-loop at vertex 0", strict);
}

TEST(GraphIoPolicy, GeneralMatrixIsSymmetrisedWithoutWarnings) {
  const std::string general =
      "%%MatrixMarket matrix coordinate real general\n3 3 4\n1 2 1.5\n"
      "2 1 -2e3\n2 3 7\n3 2 0\n";
  std::ostringstream warnings;
  ReadOptions options;
  options.warnings = &warnings;
  options.strict = true;
  ExpectSame(Make(3, {{0, 1}, {1, 2}}),
             Parse(general, GraphFormat::kMatrixMarket, options));
  EXPECT_EQ(warnings.str(), "");
  // The same ordered entry twice is a repeat.
  ExpectError(
      "%%MatrixMarket matrix coordinate pattern general\n3 3 3\n1 2\n2 1\n"
      "1 2\n",
      GraphFormat::kMatrixMarket, 5, "repeated edge 1 2", options);
}

TEST(GraphIoPolicy, DirectedInputsAreSymmetrised) {
  ExpectSame(Make(3, {{0, 1}, {1, 2}}),
             Parse("digraph { 0 -> 1; 1 -> 0; 2 -> 1; }", GraphFormat::kDot));
  const std::string graphml =
      "<?xml version=\"1.0\"?><graphml><graph edgedefault=\"directed\">"
      "<node id=\"a\"/><node id=\"b\"/><node id=\"c\"/>"
      "<edge source=\"b\" target=\"a\"/><edge source=\"a\" target=\"b\"/>"
      "<edge source=\"c\" target=\"a\"/></graph></graphml>";
  ExpectSame(Make(3, {{0, 1}, {0, 2}}), Parse(graphml, GraphFormat::kGraphMl));
}

// ---------------------------------------------------------------------------
// Edge lists.

TEST(GraphIoEdgeList, BaseDetection) {
  // A 0 appears: 0-based.
  ExpectSame(Make(3, {{0, 1}, {1, 2}}),
             Parse("0 1\n1 2\n", GraphFormat::kEdgeList));
  // No 0: 1-based.
  ExpectSame(Make(2, {{0, 1}}),
             Parse("# c\n% c\n1 2\n", GraphFormat::kEdgeList));
  ReadOptions zero;
  zero.edge_list_base = 0;
  ExpectSame(Make(3, {{1, 2}}), Parse("1 2\n", GraphFormat::kEdgeList, zero));
  ReadOptions one;
  one.edge_list_base = 1;
  ExpectError("1 2\n2 0\n", GraphFormat::kEdgeList, 2, "vertex id 0", one);
  ReadOptions bad;
  bad.edge_list_base = 2;
  ExpectError("1 2\n", GraphFormat::kEdgeList, 0, "base 2", bad);
}

TEST(GraphIoEdgeList, SnapHeaderAndExtraColumns) {
  // Nodes: keeps trailing isolated vertices; weights/timestamps skipped.
  ExpectSame(Make(6, {{0, 1}, {1, 2}}),
             Parse("# Directed graph\n# Nodes: 6 Edges: 2\n0\t1 3.5\n1 2 7 "
                   "1e9\n",
                   GraphFormat::kEdgeList));
  // Sparse SNAP ids beyond the node count: n = max id + 1.
  const Graph sparse =
      Parse("# Nodes: 3 Edges: 2\n10 20\n20 30\n", GraphFormat::kEdgeList);
  EXPECT_EQ(sparse.num_vertices(), 30u);
  EXPECT_EQ(sparse.num_edges(), 2u);
  ExpectError("# Nodes: 2 Edges: 2\n10 20\n20 30\n", GraphFormat::kEdgeList, 1,
              "3 distinct vertex ids");
  ExpectError("# Nodes: 5 Edges: 3\n0 1\n1 2\n", GraphFormat::kEdgeList, 1,
              "Edges: 3 but the file lists 2 edges");
  ExpectError("# Nodes: x\n0 1\n", GraphFormat::kEdgeList, 1,
              "expected a count after 'Nodes:'");
  ExpectError("0 1 w\n", GraphFormat::kEdgeList, 1, "unexpected 'w'");
}

TEST(GraphIoEdgeList, Malformed) {
  const GraphFormat f = GraphFormat::kEdgeList;
  ExpectError("0 1\n1\n", f, 2, "expected a second vertex id, found end");
  ExpectError("0 1\n1 x2\n", f, 2, "found 'x2'");
  ExpectError("0 1\n-1 2\n", f, 2, "found '-1'");
  ExpectError("0 99999999999999999999999\n", f, 1, "too large");
  ExpectError("0 1\n1 4294967295\n", f, 2, "exceeds the vertex limit");
  ExpectError("", f, 0, "empty file");
  ExpectError("# only a comment\n\n", f, 0, "empty file");
  ExpectError("0 1\r\n1 2\r3 4\r\n", f, 2, "carriage return inside a line");
  ExpectError(std::string("\x89PNG\r\n\x1a\n\0\0", 10), f, 1, "\\x89PNG");
}

// ---------------------------------------------------------------------------
// METIS.

TEST(GraphIoMetis, WeightsCommentsAndIsolatedVertices) {
  const Graph expected = Make(4, {{0, 1}, {1, 2}});
  ExpectSame(expected, Parse("% c\n4 2\n2\n1 3\n2\n\n", GraphFormat::kMetis));
  // fmt 1: neighbour/weight pairs.
  ExpectSame(expected,
             Parse("4 2 1\n2 5\n1 5 3 6\n% mid\n2 6\n\n", GraphFormat::kMetis));
  // fmt 11 with ncon = 2 vertex weights, fmt 100 with vertex sizes.
  ExpectSame(expected, Parse("4 2 11 2\n1 1 2 5\n1 1 1 5 3 6\n1 1 2 6\n1 1\n",
                             GraphFormat::kMetis));
  ExpectSame(expected,
             Parse("4 2 100\n1 2\n1 1 3\n1 2\n1\n", GraphFormat::kMetis));
}

TEST(GraphIoMetis, Malformed) {
  const GraphFormat f = GraphFormat::kMetis;
  ExpectError("3\n", f, 1, "expected the edge count m, found end of line");
  ExpectError("3 1 1\n2 7\n1\n\n", f, 3,
              "expected an edge weight, found end of line");
  ExpectError("3 x\n", f, 1, "found 'x'");
  ExpectError("3 1\n2\n1 q\n\n", f, 3, "expected a neighbour id, found 'q'");
  ExpectError("3 1\n4\n1\n\n", f, 2, "neighbour 4 out of range 1..3");
  ExpectError("3 1\n0\n1\n\n", f, 2, "neighbour 0 out of range");
  ExpectError("3 2\n2\n1\n\n", f, 1, "header says m = 2");
  ExpectError("4 1\n2\n1\n", f, 1, "header says n = 4 but the file has 2");
  ExpectError("2 1\n2\n1\n2\n", f, 4, "more than n = 2 vertex lines");
  ExpectError("3 1\n2\n3\n\n", f, 2, "not symmetric");
  ExpectError("3 3\n2 2\n1 3 3\n2\n", f, 2,
              "vertex 1 lists 2 2 time(s) but vertex 2 lists 1 1 time(s)");
  ExpectError("3 1 2\n", f, 1, "fmt '2'");
  ExpectError("3 1 0 2\n", f, 1, "ncon given");
  ExpectError("", f, 0, "empty file");
  ExpectError("% nothing\n", f, 0, "empty file");
  ExpectError(std::string("\x7f"
                          "ELF\x02\x01\x01\0",
                          8),
              f, 1, "\\x7fELF");
}

// ---------------------------------------------------------------------------
// DIMACS.

TEST(GraphIoDimacs, CommentsAndVertexLines) {
  ExpectSame(Make(4, {{0, 3}, {1, 2}}),
             Parse("c hello\nc\np edge 4 2\nn 1 3\ne 1 4\n\ne 3 2\n",
                   GraphFormat::kDimacs));
  ExpectSame(Make(2, {{0, 1}}),
             Parse("p col 2 1\ne 2 1", GraphFormat::kDimacs));
}

TEST(GraphIoDimacs, Malformed) {
  const GraphFormat f = GraphFormat::kDimacs;
  ExpectError("p edge 3 1\ne 1\n", f, 2,
              "expected a second vertex id, found end of line");
  ExpectError("p edge 3 1\ne 1 b\n", f, 2, "found 'b'");
  ExpectError("p edge 3 1\ne 1 4\n", f, 2, "vertex 4 out of range 1..3");
  ExpectError("p edge 3 2\ne 1 2\n", f, 1,
              "header says 2 edges but the file has 1");
  ExpectError("e 1 2\np edge 3 1\n", f, 1, "before the 'p edge' header");
  ExpectError("p edge 3 1\np edge 3 1\n", f, 2, "second 'p' line");
  ExpectError("p edge 3\n", f, 1, "expected the edge count");
  ExpectError("p cnf 3 1\n", f, 1, "problem 'cnf'");
  ExpectError("p edge 3 1\ne 1 2 9\n", f, 2, "unexpected '9'");
  ExpectError("p edge 3 1\nx 1 2\n", f, 2, "unknown line type 'x'");
  ExpectError("c only\n", f, 0, "no 'p edge n m' header");
  ExpectError("", f, 0, "empty file");
  ExpectError(std::string("\0\x01\x02garbage", 10), f, 1, "unknown line type");
}

// ---------------------------------------------------------------------------
// Matrix Market.

TEST(GraphIoMatrixMarket, FieldsAndSymmetries) {
  const Graph expected = Make(3, {{0, 1}, {1, 2}});
  ExpectSame(expected,
             Parse("%%MatrixMarket matrix coordinate integer symmetric\n% c\n"
                   "\n3 3 2\n2 1 -4\n3 2 +5\n",
                   GraphFormat::kMatrixMarket));
  ExpectSame(expected, Parse("%%MatrixMarket MATRIX Coordinate complex "
                             "hermitian\n3 3 2\n2 1 1.0 -2.0\n3 2 0 1\n",
                             GraphFormat::kMatrixMarket));
  ExpectSame(expected, Parse("%%MatrixMarket matrix coordinate pattern "
                             "skew-symmetric\n3 3 2\n2 1\n3 2\n",
                             GraphFormat::kMatrixMarket));
}

TEST(GraphIoMatrixMarket, Malformed) {
  const GraphFormat f = GraphFormat::kMatrixMarket;
  const std::string banner =
      "%%MatrixMarket matrix coordinate pattern symmetric\n";
  ExpectError(banner + "3 3 1\n2\n", f, 3,
              "expected column index, found end of line");
  ExpectError(banner + "3 3 1\n2 z\n", f, 3, "found 'z'");
  ExpectError(banner + "3 3 1\n4 1\n", f, 3, "row index 4 out of range 1..3");
  ExpectError(banner + "3 3 2\n2 1\n", f, 2,
              "size line says 2 entries but the file has 1");
  ExpectError(banner + "3 3 1\n2 1\n3 1\n", f, 4, "more entries than the 1");
  ExpectError(banner + "3 4 1\n2 1\n", f, 2, "3 x 4, not square");
  ExpectError(banner + "3 3\n", f, 2, "expected the entry count");
  ExpectError(banner + "3 3 1\n2 1 1\n", f, 3, "unexpected '1'");
  ExpectError(banner, f, 0, "no size line");
  ExpectError(
      "%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 2 "
      "1.5\n",
      f, 3, "expected an integer value, found '1.5'");
  ExpectError("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2\n", f,
              3, "expected a real value, found end of line");
  ExpectError("%%MatrixMarket matrix array real general\n2 2\n", f, 1,
              "'array'");
  ExpectError("%%MatrixMarket matrix coordinate pattern upper\n", f, 1,
              "symmetry 'upper'");
  ExpectError("3 3 1\n2 1\n", f, 1, "missing '%%MatrixMarket' banner");
  ExpectError("", f, 0, "empty file");
  ExpectError(std::string("\xff\xfe\x00\x01", 4), f, 1, "banner");
}

// ---------------------------------------------------------------------------
// graph6 / sparse6.

TEST(GraphIoNauty, Malformed) {
  ExpectError("Dh\n", GraphFormat::kGraph6, 1,
              "n = 5 needs 2 data bytes, found 1");
  ExpectError("DQcc\n", GraphFormat::kGraph6, 1, "found 3");
  ExpectError("\nD Qc\n", GraphFormat::kGraph6, 2, "column 2");
  ExpectError("DQc\nDQc\n", GraphFormat::kGraph6, 2, "more than one graph");
  ExpectError(":DgH_~", GraphFormat::kGraph6, 1, "sparse6");
  ExpectError("~?", GraphFormat::kGraph6, 1, "truncated vertex count");
  // N(n) = 2^36 - 1: refused before anything is allocated.
  ExpectError("~~~~~~~~", GraphFormat::kGraph6, 1, "above the vertex limit");
  ExpectError("", GraphFormat::kGraph6, 0, "empty file");
  ExpectError(std::string("\x01\x02\x03", 3), GraphFormat::kGraph6, 1, "\\x01");
  ExpectError("DgH_~", GraphFormat::kSparse6, 1, "starts with ':'");
  ExpectError(";DgH_~", GraphFormat::kSparse6, 1, "incremental");
  ExpectError(":D g", GraphFormat::kSparse6, 1, "column 3");
  ExpectError(":~~~~~~~~~", GraphFormat::kSparse6, 1, "above the vertex limit");
  ExpectError(":", GraphFormat::kSparse6, 1, "truncated vertex count");
  ExpectError("\n\n", GraphFormat::kSparse6, 0, "empty file");
}

// ---------------------------------------------------------------------------
// GraphML / DOT (Boost's readers: whole-file messages).

TEST(GraphIoBoost, DotNamesAndErrors) {
  // Integer names are numbered by value, not by Boost's string order.
  ExpectSame(Make(12, {{2, 11}, {10, 3}}),
             Parse("graph { 0; 1; 2; 3; 4; 5; 6; 7; 8; 9; 10; 11; 2 -- 11; "
                   "10 -- 3 [weight=2]; }",
                   GraphFormat::kDot));
  // Other names: Boost's order (by name).
  ExpectSame(Make(3, {{0, 1}, {1, 2}}),
             Parse("strict graph G { label=\"x\"; b -- a; b -- c; }",
                   GraphFormat::kDot));
  // "07" is not canonical: name order ("07" < "1" < "5").
  ExpectSame(Make(3, {{1, 2}}),
             Parse("graph { 5 -- 1; 07; }", GraphFormat::kDot));
  ExpectSame(Make(3, {{0, 1}}),
             Parse("graph { 5 -- 1; 7; }", GraphFormat::kDot));
  ExpectError("graph { a -- ", GraphFormat::kDot, 0, "DOT:");
  ExpectError("\n \n", GraphFormat::kDot, 0, "empty file");
  ExpectError(std::string(2000, '{'), GraphFormat::kDot, 0, "nesting deeper");
  ExpectError("\x89\x01garbage", GraphFormat::kDot, 0, "DOT:");
}

TEST(GraphIoBoost, GraphMlErrors) {
  ExpectError(
      "<graphml><graph edgedefault=\"undirected\"><node id=\"a\"/>"
      "<edge source=\"a\"/></graph></graphml>",
      GraphFormat::kGraphMl, 0, "GraphML:");
  ExpectError("hello", GraphFormat::kGraphMl, 0, "GraphML:");
  ExpectError("", GraphFormat::kGraphMl, 0, "empty file");
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "<a>";
  ExpectError(deep, GraphFormat::kGraphMl, 0, "nesting deeper");
}

// ---------------------------------------------------------------------------
// Files, names, atomic writes.

TEST(GraphIoFiles, MissingFileAndDirectory) {
  try {
    ReadGraph("/nonexistent/dir/g.mtx");
    ADD_FAILURE() << "no error";
  } catch (const GraphFormatError& e) {
    EXPECT_STREQ(e.what(),
                 "/nonexistent/dir/g.mtx: cannot open: No such file or "
                 "directory");
  }
  EXPECT_THROW(ReadGraph("/", GraphFormat::kEdgeList), GraphFormatError);
}

TEST(GraphIoFiles, ErrorsNameThePath) {
  const std::string path =
      (fs::temp_directory_path() /
       ("fcsim_io_bad_" + std::to_string(::getpid()) + ".col"))
          .string();
  {
    std::ofstream out(path);
    out << "c x\np edge 2 1\ne 1 3\n";
  }
  try {
    ReadGraph(path);
    ADD_FAILURE() << "no error";
  } catch (const GraphFormatError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":3: vertex 3 out of range 1..2");
  }
  fs::remove(path);
}

TEST(GraphIoFiles, FormatNamesAndExtensions) {
  for (const GraphFormat format : AllGraphFormats()) {
    EXPECT_EQ(ParseGraphFormat(GraphFormatName(format)), format);
  }
  EXPECT_EQ(AllGraphFormats().size(), 8u);
  EXPECT_EQ(ParseGraphFormat("SNAP"), GraphFormat::kEdgeList);
  EXPECT_EQ(ParseGraphFormat("col"), GraphFormat::kDimacs);
  EXPECT_EQ(ParseGraphFormat("g6"), GraphFormat::kGraph6);
  EXPECT_THROW(ParseGraphFormat("xlsx"), GraphFormatError);
  EXPECT_EQ(FormatFromPath("dir.v2/roads.MTX"), GraphFormat::kMatrixMarket);
  EXPECT_EQ(FormatFromPath("a.txt"), GraphFormat::kEdgeList);
  EXPECT_EQ(FormatFromPath("a.edges"), GraphFormat::kEdgeList);
  EXPECT_EQ(FormatFromPath("a.graph"), GraphFormat::kMetis);
  EXPECT_EQ(FormatFromPath("a.metis"), GraphFormat::kMetis);
  EXPECT_EQ(FormatFromPath("a.col"), GraphFormat::kDimacs);
  EXPECT_EQ(FormatFromPath("a.graphml"), GraphFormat::kGraphMl);
  EXPECT_EQ(FormatFromPath("a.gv"), GraphFormat::kDot);
  EXPECT_EQ(FormatFromPath("a.dot"), GraphFormat::kDot);
  EXPECT_EQ(FormatFromPath("a.g6"), GraphFormat::kGraph6);
  EXPECT_EQ(FormatFromPath("a.s6"), GraphFormat::kSparse6);
  EXPECT_THROW(FormatFromPath("a.gz"), GraphFormatError);
  EXPECT_THROW(FormatFromPath("dir.d/noext"), GraphFormatError);
}

TEST_F(GraphIoFileTest, WriteIntoMissingDirectoryLeavesNothing) {
  const Graph g = RandomGraph(10, 20, 3);
  const std::string path = Path("missing/g.mtx");
  EXPECT_THROW(WriteGraph(g, path), GraphFormatError);
  EXPECT_FALSE(fs::exists(Path("missing")));
  EXPECT_TRUE(Listing().empty());
}

TEST_F(GraphIoFileTest, FailedWriteRemovesTemporaryAndKeepsOldFile) {
  const std::string path = Path("g.g6");
  WriteGraph(Make(3, {{0, 1}}), path);
  // graph6 refuses n > 65536: the write fails after the temporary exists.
  EXPECT_THROW(WriteGraph(Make(70000, {}), path), GraphFormatError);
  EXPECT_EQ(Listing(), std::vector<std::string>{"g.g6"});
  ExpectSame(Make(3, {{0, 1}}), ReadGraph(path));
  // A successful write replaces the file.
  WriteGraph(Make(4, {{2, 3}}), path);
  ExpectSame(Make(4, {{2, 3}}), ReadGraph(path));
  EXPECT_EQ(Listing(), std::vector<std::string>{"g.g6"});
}

TEST(GraphIoLimits, LyingHeadersAreRefusedCheaply) {
  ExpectError("4000000000 1\n2\n1\n", GraphFormat::kMetis, 1,
              "above the vertex limit");
  // Within the limit: refused by the body, before n is allocated.
  ExpectError("200000000 1\n2\n1\n", GraphFormat::kMetis, 1,
              "header says n = 200000000 but the file has 2 vertex lines");
  ExpectError("p edge 4000000000 0\n", GraphFormat::kDimacs, 1,
              "above the vertex limit");
  ExpectError(
      "%%MatrixMarket matrix coordinate pattern general\n"
      "900000000 900000000 0\n",
      GraphFormat::kMatrixMarket, 2, "above the vertex limit");
  ReadOptions small;
  small.max_vertices = 100;
  ExpectError("# Nodes: 101\n", GraphFormat::kEdgeList, 1,
              "above the vertex limit 100", small);
  ExpectError("0 100\n", GraphFormat::kEdgeList, 1,
              "vertex id 100 exceeds the vertex limit 100", small);
  EXPECT_EQ(Parse("0 99\n", GraphFormat::kEdgeList, small).num_vertices(),
            100u);
}

}  // namespace
}  // namespace fcsim
