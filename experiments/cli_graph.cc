#include "experiments/cli_graph.h"

#include <filesystem>
#include <ostream>
#include <stdexcept>

#include "graphs/io.h"
#include "graphs/row_sources.h"
#include "graphs/spec.h"

namespace fcsim {

LoadedGraph LoadGraph(const std::string& spec_or_path, std::ostream& warnings) {
  std::error_code ec;
  if (IsCsrFilePath(spec_or_path)) {
    return {ReadCsrFile(spec_or_path), spec_or_path};
  }
  if (std::filesystem::is_regular_file(spec_or_path, ec)) {
    ReadOptions options;
    options.warnings = &warnings;
    return {ReadGraph(spec_or_path, options), spec_or_path};
  }
  // Without a family prefix, something that looks like a path is one.
  if (spec_or_path.find(':') == std::string::npos &&
      spec_or_path.find_first_of("/.") != std::string::npos) {
    throw std::invalid_argument("graph file '" + spec_or_path + "' not found");
  }
  return GenerateFromSpec(spec_or_path);
}

LoadedGraph GenerateFromSpec(const std::string& spec) {
  return {MakeGraph(spec), spec};
}

void PrintGraphFamilies(std::ostream& out) { out << DescribeGraphFamilies(); }

}  // namespace fcsim
