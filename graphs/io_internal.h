// Internals shared by the graph readers and writers (graphs/io*.cc): the
// one-line error helper, a buffered line reader, a whitespace tokenizer and
// the edge collector that applies the self-loop / repeated-edge policy.
// Not part of the public API: include graphs/io.h instead.
#ifndef FCSIM_GRAPHS_IO_INTERNAL_H_
#define FCSIM_GRAPHS_IO_INTERNAL_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graphs/io.h"
#include "sim/graph.h"

namespace fcsim::io_internal {

// Throws GraphFormatError("name:line: what"), or "name: what" when line == 0.
[[noreturn]] void Fail(std::string_view name, std::uint64_t line,
                       std::string_view what);

// A token as it may be shown in a one-line message: printable ASCII kept,
// every other byte as \xNN, long tokens cut with "...".
std::string Printable(std::string_view token);

// Splits a stream into lines with large reads (no per-token iostream work).
// A line excludes its '\n' and a trailing '\r'; the last line may lack '\n'.
class LineReader {
 public:
  explicit LineReader(std::istream& in, std::string_view name);
  // False at end of input. The view is valid until the next call.
  bool Next(std::string_view* line);
  // 1-based number of the line last returned.
  std::uint64_t line_number() const { return line_number_; }

 private:
  void Refill();

  std::istream& in_;
  std::string_view name_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  std::size_t reads_ = 0;
  std::uint64_t line_number_ = 0;
};

// Whitespace-separated tokens of one line.
class Tokens {
 public:
  explicit Tokens(std::string_view line) : rest_(line) {}
  bool Next(std::string_view* token);
  bool AtEnd();

 private:
  std::string_view rest_;
};

bool IsSpace(char c);
std::string_view TrimLeft(std::string_view s);

// Parses a whole token as an unsigned decimal; false when it is not one.
// *too_large is set when it is a number that does not fit 64 bits.
bool ParseUnsigned(std::string_view token, std::uint64_t* value,
                   bool* too_large);
// True when the whole token is a decimal integer (optional sign).
bool IsInteger(std::string_view token);
// True when the whole token is a real number (as accepted by from_chars).
bool IsReal(std::string_view token);

// Reads the next token of `tokens` as an unsigned number; on failure throws
// "expected <what>, found ..." at (name, line).
std::uint64_t ExpectUnsigned(Tokens& tokens, std::string_view what,
                             std::string_view name, std::uint64_t line);

// The largest vertex count a reader accepts: the caller's limit, clamped to
// what 32-bit vertex indices can hold.
std::uint64_t VertexLimit(const ReadOptions& options);

// Collects the edges a reader finds and applies the stated policy:
// self-loops and repeated edges are dropped and reported in one warning line
// (default) or refused with a GraphFormatError naming the line (strict).
class EdgeCollector {
 public:
  // id_base is added back to vertex numbers shown in messages (1 for
  // 1-based formats). With ordered_pairs, the input is a directed edge list
  // that is symmetrised: (u, v) and (v, u) together are one edge, and only a
  // repeated ordered pair counts as a repeated edge.
  EdgeCollector(std::string_view name, const ReadOptions& options,
                std::uint64_t id_base, bool ordered_pairs = false);

  void Reserve(std::uint64_t expected_edges);
  // Records one edge read at `line` (0 when unknown). Self-loops are
  // counted (or refused in strict mode) and not stored.
  void Add(Vertex u, Vertex v, std::uint64_t line);
  // Number of Add calls: the edge records of the file.
  std::uint64_t records() const { return records_; }
  const std::vector<std::pair<Vertex, Vertex>>& edges() const { return edges_; }
  // Subtracts `shift` from every stored endpoint (edge lists learn their
  // base only at the end of the file).
  void Shift(Vertex shift);
  void set_id_base(std::uint64_t id_base) { id_base_ = id_base; }
  // Builds the graph on n vertices, refusing or reporting repeated edges.
  Graph Build(Vertex n);

 private:
  std::string name_;
  const ReadOptions& options_;
  std::uint64_t id_base_;
  bool ordered_pairs_;
  std::vector<std::pair<Vertex, Vertex>> edges_;
  std::vector<std::uint64_t> lines_;  // parallel to edges_, strict mode only
  std::uint64_t records_ = 0;
  std::uint64_t self_loops_ = 0;
  std::uint64_t first_loop_line_ = 0;
};

// Writes the one warning line for dropped self-loops / repeated edges (to
// options.warnings, or std::cerr), if there were any.
void ReportDropped(std::string_view name, const ReadOptions& options,
                   std::uint64_t self_loops, std::uint64_t first_loop_line,
                   std::uint64_t repeats);

// A simple graph from CSR lists that may repeat neighbours (but hold no
// self-loops): each list is sorted and repeats removed; *repeats counts the
// removed undirected edges (a repeat of {x, y}, x < y, in x's list).
Graph CompactCsr(std::vector<EdgeIndex> offsets, std::vector<Vertex> adjacency,
                 std::uint64_t* repeats, std::string_view name);
// The same from an edge list (both directions stored), by counting
// placement rather than a global sort. Same result as Graph::FromEdges.
Graph CsrFromEdges(Vertex n,
                   const std::vector<std::pair<Vertex, Vertex>>& edges,
                   std::uint64_t* repeats, std::string_view name);

// Formats read and written through Boost.Graph (graphs/io_boost.cc).
Graph ReadGraphMl(std::istream& in, std::string_view name,
                  const ReadOptions& options);
Graph ReadDot(std::istream& in, std::string_view name,
              const ReadOptions& options);
void WriteGraphMl(const Graph& graph, std::ostream& out);
void WriteDot(const Graph& graph, std::ostream& out);

// nauty's graph6 and sparse6 (graphs/io_nauty.cc).
Graph ReadGraph6(std::istream& in, std::string_view name,
                 const ReadOptions& options);
Graph ReadSparse6(std::istream& in, std::string_view name,
                  const ReadOptions& options);
void WriteGraph6(const Graph& graph, std::ostream& out);
void WriteSparse6(const Graph& graph, std::ostream& out);

// Buffered writer of text and decimal numbers onto a stream.
class OutBuffer {
 public:
  explicit OutBuffer(std::ostream& out);
  ~OutBuffer();
  OutBuffer(const OutBuffer&) = delete;
  OutBuffer& operator=(const OutBuffer&) = delete;

  void Put(std::string_view text);
  void Put(char c);
  void PutNumber(std::uint64_t value);
  // Writes what is buffered; throws GraphFormatError if the stream failed.
  void Flush();

 private:
  std::ostream& out_;
  std::vector<char> buffer_;
  std::size_t size_ = 0;
};

// Writes every edge once as "<prefix><x+1> <y+1>\n" (1-based ids), from each
// vertex v in order to its neighbours w: with w > v when `upper` (x = v,
// y = w), else with w < v (x = v, y = w: the lower triangle).
void PutEdges(OutBuffer& buffer, const Graph& graph, std::string_view prefix,
              bool upper);

}  // namespace fcsim::io_internal

#endif  // FCSIM_GRAPHS_IO_INTERNAL_H_
