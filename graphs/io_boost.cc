// GraphML and DOT through Boost.Graph's read_graphml / read_graphviz and
// write_graphml / write_graphviz. Both are small-graph formats: the file is
// read into memory and parsed by Boost; we then apply fcsim's vertex
// numbering and self-loop / repeated-edge policy.
//
// Vertex numbering: GraphML nodes in order of appearance (Boost's order).
// DOT: Boost numbers nodes in name order ("10" before "2"), so when every
// node name is a canonical decimal integer we number by value instead; this
// makes the writer's "0".."n-1" names read back as the same vertices. Directed
// inputs (digraph, edgedefault="directed") are symmetrised.
#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <istream>
#include <map>
#include <numeric>
#include <ostream>
#include <sstream>
#include <string>

#include "graphs/io_internal.h"

namespace fcsim::io_internal {
namespace {

struct NamedVertex {
  std::string name;
};
using UndirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS,
                                              boost::undirectedS, NamedVertex>;
using DirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS,
                                            boost::directedS, NamedVertex>;
using PlainGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// Boost's parsers recurse on nesting; a deeper input would exhaust the stack
// instead of failing cleanly.
constexpr int kMaxNesting = 512;

std::string Slurp(std::istream& in, std::string_view name) {
  std::string data;
  std::vector<char> block(std::size_t{1} << 16);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    data.append(block.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) Fail(name, 0, "read error");
  if (data.find_first_not_of(" \t\r\n\v\f") == std::string::npos) {
    Fail(name, 0, "empty file");
  }
  return data;
}

// Boost's messages may span lines; ours are one line.
std::string OneLine(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  constexpr std::size_t kMaxLength = 200;
  if (out.size() > kMaxLength) out = out.substr(0, kMaxLength) + "...";
  return out;
}

// Nesting depth of XML elements ("<a>" opens, "</a>" and "/>" close), or
// of DOT braces and brackets, skipping quoted strings. Approximate but
// conservative enough to keep the recursive parsers off the stack limit.
int MaxNesting(std::string_view data, bool xml) {
  int depth = 0;
  int deepest = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '\\' && !xml) {
        ++i;
      } else if (c == '"') {
        quoted = false;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (xml) {
      const char next = i + 1 < data.size() ? data[i + 1] : '\0';
      if (c == '<' && next != '/' && next != '!' && next != '?') ++depth;
      if ((c == '<' && next == '/') || (c == '/' && next == '>')) --depth;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
    deepest = std::max(deepest, depth);
  }
  return deepest;
}

void CheckNesting(std::string_view data, bool xml, std::string_view name) {
  if (MaxNesting(data, xml) > kMaxNesting) {
    Fail(name, 0, fmt::format("nesting deeper than {} levels", kMaxNesting));
  }
}

// Fills the collector from a Boost graph, renumbering vertices by `order`
// (order[boost_index] = fcsim vertex) when given.
template <typename BoostGraph>
Graph Convert(const BoostGraph& g, std::string_view name,
              const ReadOptions& options, bool directed,
              const std::vector<Vertex>* order) {
  const std::uint64_t n = boost::num_vertices(g);
  const std::uint64_t limit = VertexLimit(options);
  if (n > limit) {
    Fail(name, 0,
         fmt::format("{} vertices, above the vertex limit {}", n, limit));
  }
  EdgeCollector edges(name, options, 0, directed);
  edges.Reserve(boost::num_edges(g));
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    auto u = static_cast<Vertex>(boost::source(e, g));
    auto v = static_cast<Vertex>(boost::target(e, g));
    if (order != nullptr) {
      u = (*order)[u];
      v = (*order)[v];
    }
    edges.Add(u, v, 0);
  }
  return edges.Build(static_cast<Vertex>(n));
}

// When every DOT node name is a canonical decimal integer, vertices are
// numbered in increasing value; otherwise Boost's (name) order stays.
template <typename BoostGraph>
std::vector<Vertex> DotOrder(const BoostGraph& g) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<std::uint64_t> values(n);
  for (std::size_t v = 0; v < n; ++v) {
    bool too_large = false;
    // Canonical numerals only ("7", not "07"), so that values are distinct.
    const std::string& name = g[v].name;
    if (!ParseUnsigned(name, &values[v], &too_large) ||
        (name.size() > 1 && name[0] == '0')) {
      return {};
    }
  }
  std::vector<Vertex> by_value(n);
  std::iota(by_value.begin(), by_value.end(), Vertex{0});
  std::sort(by_value.begin(), by_value.end(),
            [&](Vertex a, Vertex b) { return values[a] < values[b]; });
  std::vector<Vertex> order(n);
  for (std::size_t rank = 0; rank < n; ++rank) {
    order[by_value[rank]] = static_cast<Vertex>(rank);
  }
  return order;
}

template <typename BoostGraph>
Graph ParseDot(const std::string& data, std::string_view name,
               const ReadOptions& options, bool directed) {
  BoostGraph g;
  boost::dynamic_properties properties(boost::ignore_other_properties);
  properties.property("node_id", boost::get(&NamedVertex::name, g));
  if (!boost::read_graphviz(data, g, properties, "node_id")) {
    Fail(name, 0, "DOT: Boost's reader rejected the file");
  }
  const std::vector<Vertex> order = DotOrder(g);
  return Convert(g, name, options, directed, order.empty() ? nullptr : &order);
}

template <typename BoostGraph>
Graph ParseGraphMl(const std::string& data, std::string_view name,
                   const ReadOptions& options, bool directed) {
  BoostGraph g;
  boost::dynamic_properties properties(boost::ignore_other_properties);
  std::istringstream in(data);
  boost::read_graphml(in, g, properties);
  return Convert(g, name, options, directed, nullptr);
}

void CheckWritten(std::ostream& out) {
  out.flush();
  if (!out) throw GraphFormatError("write failed");
}

PlainGraph ToBoost(const Graph& graph) {
  PlainGraph g(graph.num_vertices());
  for (Vertex v = 0; v < graph.num_vertices(); ++v) {
    for (const Vertex w : graph.neighbors(v)) {
      if (v < w) boost::add_edge(v, w, g);
    }
  }
  return g;
}

}  // namespace

Graph ReadGraphMl(std::istream& in, std::string_view name,
                  const ReadOptions& options) {
  const std::string data = Slurp(in, name);
  CheckNesting(data, /*xml=*/true, name);
  try {
    try {
      return ParseGraphMl<UndirectedGraph>(data, name, options, false);
    } catch (const boost::directed_graph_error&) {
      return ParseGraphMl<DirectedGraph>(data, name, options, true);
    }
  } catch (const GraphFormatError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    Fail(name, 0, fmt::format("GraphML: {}", OneLine(e.what())));
  } catch (...) {
    Fail(name, 0, "GraphML: Boost's reader failed");
  }
}

Graph ReadDot(std::istream& in, std::string_view name,
              const ReadOptions& options) {
  const std::string data = Slurp(in, name);
  CheckNesting(data, /*xml=*/false, name);
  try {
    try {
      return ParseDot<UndirectedGraph>(data, name, options, false);
    } catch (const boost::directed_graph_error&) {
      return ParseDot<DirectedGraph>(data, name, options, true);
    }
  } catch (const GraphFormatError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    Fail(name, 0, fmt::format("DOT: {}", OneLine(e.what())));
  } catch (...) {
    Fail(name, 0, "DOT: Boost's reader failed");
  }
}

void WriteGraphMl(const Graph& graph, std::ostream& out) {
  const PlainGraph g = ToBoost(graph);
  boost::dynamic_properties properties;
  // ordered_vertices: nodes are written as n0, n1, ... in index order,
  // which is the order the reader numbers them.
  boost::write_graphml(out, g, properties, /*ordered_vertices=*/true);
  CheckWritten(out);
}

void WriteDot(const Graph& graph, std::ostream& out) {
  const PlainGraph g = ToBoost(graph);
  boost::write_graphviz(out, g);
  CheckWritten(out);
}

}  // namespace fcsim::io_internal
