// Graph spec strings: one line that names a graph everywhere (CLI, sweeps,
// records), e.g. "grid:dims=1000x1000", "regular:n=1e6,d=4,girth=5,seed=7",
// "lex:outer=cycle:n=5,inner=complete:n=2", "file:roads.mtx".
//
// Syntax (docs/graphs.md has the full list of families):
//   spec   := family [ ':' params ]
//   params := param { (',' | ';') param }
//   param  := key '=' value
//   value  := text without ',' ';' '[' ']'  |  '[' spec-or-text ']'
// A value holding commas (a nested spec with several parameters) is wrapped
// in square brackets: "subdivide:s=2,of=[regular:n=100,d=3]". Brackets nest.
// "file:PATH" takes everything after "file:" as the path unless it starts
// with "path=", in which case it is parsed as parameters (path, format,
// strict). Integers accept scientific notation when exact ("1e6");
// dimensions are written "1000x1000". Errors are std::invalid_argument with
// a one-line message naming the spec and the offending family, key or value.
#ifndef FCSIM_GRAPHS_SPEC_H_
#define FCSIM_GRAPHS_SPEC_H_

#include <map>
#include <string>
#include <vector>

#include "sim/graph.h"

namespace fcsim {

struct GraphSpec {
  std::string family;
  std::map<std::string, std::string> params;  // brackets already stripped
};

struct FamilyParam {
  std::string name;
  std::string description;
  std::string default_value;  // empty: the parameter is required
};

struct FamilyInfo {
  std::string name;
  std::string summary;  // what the family is, vertex numbering
  std::vector<FamilyParam> params;
  std::string properties;  // what is guaranteed (Δ, girth, χ_f, planarity)
  std::string example;     // a spec string that builds a member
};

// Syntax only: does not check the family or its keys.
GraphSpec ParseGraphSpec(const std::string& spec);

// Parses, checks the family and its keys against the registry, builds.
Graph MakeGraph(const std::string& spec);
Graph MakeGraph(const GraphSpec& spec);

// The registry behind `fcsim gen --list`, in a fixed order.
const std::vector<FamilyInfo>& GraphFamilies();
// Human-readable listing of every family, its parameters and guarantees.
std::string DescribeGraphFamilies();

}  // namespace fcsim

#endif  // FCSIM_GRAPHS_SPEC_H_
