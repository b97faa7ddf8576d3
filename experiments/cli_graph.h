// Graph and colouring files for the command line: a graph argument is either
// a graph spec (graphs/spec.h, e.g. "cycle:n=10", "file:g.mtx") or the path
// of an existing graph file.
#ifndef FCSIM_EXPERIMENTS_CLI_GRAPH_H_
#define FCSIM_EXPERIMENTS_CLI_GRAPH_H_

#include <iosfwd>
#include <string>

#include "experiments/cli.h"
#include "sim/graph.h"

namespace fcsim {

struct LoadedGraph {
  Graph graph;
  std::string name;  // the spec or path as given
};

// A path to an existing regular file is read (format from its extension,
// dropped self-loops / repeated edges warned about on `warnings`); anything
// else is parsed as a graph spec. Throws std::invalid_argument or
// GraphFormatError with a one-line message.
LoadedGraph LoadGraph(const std::string& spec_or_path, std::ostream& warnings);
// Only a spec (for `gen`).
LoadedGraph GenerateFromSpec(const std::string& spec);

// `fcsim gen --list`.
void PrintGraphFamilies(std::ostream& out);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_CLI_GRAPH_H_
