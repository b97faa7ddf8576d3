// Shared body of the libFuzzer targets graphs/*_fuzz.cc (built by
// scripts/fuzz.sh with clang++ -fsanitize=fuzzer,address,undefined; not part
// of the CMake build). Each target parses the input bytes with one reader
// through the istream overload. Beyond "no crash", it checks the reader's
// contract: errors are GraphFormatError with a one-line message, and a graph
// that was accepted is simple and survives a write/read round trip in the
// same format unchanged.
#ifndef FCSIM_GRAPHS_IO_FUZZ_H_
#define FCSIM_GRAPHS_IO_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "graphs/io.h"

namespace fcsim {

inline void FuzzCheck(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz contract violated: %s\n", what);
    std::abort();
  }
}

inline int FuzzReader(const std::uint8_t* data, std::size_t size,
                      GraphFormat format) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::ostringstream warnings;
  ReadOptions options;
  options.warnings = &warnings;
  // Small limit: a lying header must be refused, not allocated.
  options.max_vertices = std::uint64_t{1} << 16;
  options.strict = size > 0 && (data[0] & 1) != 0;
  try {
    std::istringstream in(text);
    const Graph graph = ReadGraph(in, format, "fuzz", options);
    graph.Validate();
    // graph6 is refused by its writer beyond 2^16 vertices; the limit above
    // keeps every accepted graph writable.
    std::ostringstream out;
    WriteGraph(graph, out, format);
    std::istringstream back_in(out.str());
    ReadOptions strict;
    strict.strict = true;
    strict.max_vertices = options.max_vertices;
    const Graph back = ReadGraph(back_in, format, "fuzz-roundtrip", strict);
    FuzzCheck(back.num_vertices() == graph.num_vertices(), "round trip: n");
    FuzzCheck(back.offsets() == graph.offsets(), "round trip: offsets");
    FuzzCheck(back.adjacency() == graph.adjacency(), "round trip: adjacency");
  } catch (const GraphFormatError& e) {
    const std::string message = e.what();
    FuzzCheck(message.find('\n') == std::string::npos,
              "error message spans lines");
    FuzzCheck(message.rfind("fuzz", 0) == 0, "error message lacks the name");
  }
  return 0;
}

}  // namespace fcsim

#endif  // FCSIM_GRAPHS_IO_FUZZ_H_
