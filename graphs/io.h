// Graph file formats: readers and writers.
//
// Policy for self-loops and repeated edges: dropped with a warning on the
// warning stream by default; refused (GraphFormatError) with strict = true.
// Every reader error is a GraphFormatError whose message is one line naming
// the file and (where it applies) the line: "roads.mtx:17: ...".
// The accepted syntax of every format is documented in docs/formats.md.
#ifndef FCSIM_GRAPHS_IO_H_
#define FCSIM_GRAPHS_IO_H_

#include <cstdint>
#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/graph.h"

namespace fcsim {

class GraphFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class GraphFormat {
  kEdgeList,      // .txt .el .edges .edgelist .snap: "u v" per line
  kMetis,         // .metis .graph
  kDimacs,        // .col .dimacs: "p edge n m", "e u v"
  kMatrixMarket,  // .mtx: pattern/any field, symmetric or general
  kGraphMl,       // .graphml (Boost.Graph reader)
  kDot,           // .dot .gv (Boost.Graph reader)
  kGraph6,        // .g6 .graph6 (nauty; one graph per file)
  kSparse6,       // .s6 .sparse6 (nauty; one graph per file)
};

struct ReadOptions {
  bool strict = false;      // refuse self-loops / repeated edges
  int edge_list_base = -1;  // edge lists: 0, 1, or -1 = detect
  // Where dropped-edge warnings go; nullptr means std::cerr (never silent).
  std::ostream* warnings = nullptr;
  // Largest vertex count accepted. A header (or an edge-list id) asking for
  // more is refused before anything is allocated, so a lying header cannot
  // trigger a huge allocation. 2^28 covers the 10^8-vertex target.
  std::uint64_t max_vertices = std::uint64_t{1} << 28;
};

// Both throw GraphFormatError for an unknown name / extension.
GraphFormat ParseGraphFormat(std::string_view name);  // "mtx", "metis", ...
GraphFormat FormatFromPath(const std::string& path);  // by extension
std::string_view GraphFormatName(GraphFormat format);
// Every format, in enum order (for --help texts and tests).
std::span<const GraphFormat> AllGraphFormats();

Graph ReadGraph(const std::string& path, const ReadOptions& options = {});
Graph ReadGraph(const std::string& path, GraphFormat format,
                const ReadOptions& options = {});
// Parses from a stream; `name` is used in error messages.
Graph ReadGraph(std::istream& in, GraphFormat format, const std::string& name,
                const ReadOptions& options = {});

// Writes atomically: to a temporary name beside `path`, renamed when done;
// the temporary is removed on failure. Errors (I/O, or a graph the format
// cannot hold) are GraphFormatError too.
void WriteGraph(const Graph& graph, const std::string& path);
void WriteGraph(const Graph& graph, const std::string& path,
                GraphFormat format);
void WriteGraph(const Graph& graph, std::ostream& out, GraphFormat format);

}  // namespace fcsim

#endif  // FCSIM_GRAPHS_IO_H_
