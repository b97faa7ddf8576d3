// Graph readers and writers: shared machinery, the line-oriented text formats
// (edge list / SNAP, METIS, DIMACS .col, Matrix Market), format names, and
// the atomic file writer. GraphML / DOT live in io_boost.cc, graph6 /
// sparse6 in io_nauty.cc. The accepted syntax is documented in
// docs/formats.md; keep the two in step.
//
// Speed: input is read in 4 MiB blocks and split with memchr; numbers are
// parsed with std::from_chars. No iostream extraction per token.
#include "graphs/io.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/parallel_sort.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <new>
#include <optional>
#include <span>
#include <stdexcept>

#include "graphs/io_internal.h"

namespace fcsim {
namespace io_internal {

void Fail(std::string_view name, std::uint64_t line, std::string_view what) {
  if (line == 0) throw GraphFormatError(fmt::format("{}: {}", name, what));
  throw GraphFormatError(fmt::format("{}:{}: {}", name, line, what));
}

std::string Printable(std::string_view token) {
  constexpr std::size_t kMaxShown = 24;
  std::string out;
  for (std::size_t i = 0; i < token.size() && i < kMaxShown; ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  if (token.size() > kMaxShown) out += "...";
  return out;
}

namespace {
// Reads start small (tiny inputs are common: tests, fuzzing) and the block
// doubles while the input keeps filling it, up to 4 MiB.
constexpr std::size_t kFirstBlock = std::size_t{1} << 16;
constexpr std::size_t kReadBlock = std::size_t{1} << 22;
}  // namespace

// Up-front reservations trust a header only this far; vectors grow after.
constexpr std::uint64_t kMaxReserve = std::uint64_t{1} << 22;

LineReader::LineReader(std::istream& in, std::string_view name)
    : in_(in), name_(name), buffer_(kFirstBlock) {}

bool LineReader::Next(std::string_view* line) {
  for (;;) {
    if (begin_ < end_) {
      const char* start = buffer_.data() + begin_;
      const void* newline = std::memchr(start, '\n', end_ - begin_);
      if (newline != nullptr || eof_) {
        std::size_t length =
            newline != nullptr ? static_cast<std::size_t>(
                                     static_cast<const char*>(newline) - start)
                               : end_ - begin_;
        begin_ += length + (newline != nullptr ? 1 : 0);
        if (length > 0 && start[length - 1] == '\r') --length;
        *line = std::string_view(start, length);
        ++line_number_;
        // CR-only line ends would glue lines together, and an edge list
        // would then read "0 1\r1 2" as one edge with an extra field.
        if (std::memchr(start, '\r', length) != nullptr) {
          Fail(name_, line_number_,
               "carriage return inside a line (CR-only line ends are not "
               "read)");
        }
        return true;
      }
    } else if (eof_) {
      return false;
    }
    Refill();
  }
}

void LineReader::Refill() {
  // Keep the unfinished line at the front; grow only for a line longer than
  // the whole buffer (METIS lines of huge-degree vertices).
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size() || (reads_ > 0 && buffer_.size() < kReadBlock)) {
    buffer_.resize(buffer_.size() * 2);
  }
  ++reads_;
  in_.read(buffer_.data() + end_,
           static_cast<std::streamsize>(buffer_.size() - end_));
  const std::streamsize got = in_.gcount();
  if (in_.bad()) Fail(name_, 0, "read error");
  end_ += static_cast<std::size_t>(got);
  if (got == 0 || in_.eof()) eof_ = true;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view TrimLeft(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) ++i;
  return s.substr(i);
}

bool Tokens::Next(std::string_view* token) {
  rest_ = TrimLeft(rest_);
  if (rest_.empty()) return false;
  std::size_t i = 0;
  while (i < rest_.size() && !IsSpace(rest_[i])) ++i;
  *token = rest_.substr(0, i);
  rest_ = rest_.substr(i);
  return true;
}

bool Tokens::AtEnd() {
  rest_ = TrimLeft(rest_);
  return rest_.empty();
}

bool ParseUnsigned(std::string_view token, std::uint64_t* value,
                   bool* too_large) {
  *too_large = false;
  // from_chars alone would accept a prefix; a sign is never a vertex id.
  if (token.empty() || token[0] < '0' || token[0] > '9') return false;
  const char* end = token.data() + token.size();
  auto [ptr, ec] = std::from_chars(token.data(), end, *value);
  if (ptr != end) return false;
  if (ec == std::errc::result_out_of_range) {
    *too_large = true;
    return false;
  }
  return ec == std::errc();
}

bool IsInteger(std::string_view token) {
  if (!token.empty() && (token[0] == '+' || token[0] == '-')) {
    token.remove_prefix(1);
  }
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

bool IsReal(std::string_view token) {
  if (!token.empty() && token[0] == '+') token.remove_prefix(1);
  if (token.empty()) return false;
  double value = 0;
  const char* end = token.data() + token.size();
  auto [ptr, ec] = std::from_chars(token.data(), end, value);
  // Out-of-range magnitudes are still numbers (a weight of 1e999).
  return ptr == end &&
         (ec == std::errc() || ec == std::errc::result_out_of_range);
}

std::uint64_t ExpectUnsigned(Tokens& tokens, std::string_view what,
                             std::string_view name, std::uint64_t line) {
  std::string_view token;
  if (!tokens.Next(&token)) {
    Fail(name, line, fmt::format("expected {}, found end of line", what));
  }
  std::uint64_t value = 0;
  bool too_large = false;
  if (!ParseUnsigned(token, &value, &too_large)) {
    Fail(name, line,
         too_large
             ? fmt::format("{} '{}' is too large", what, Printable(token))
             : fmt::format("expected {}, found '{}'", what, Printable(token)));
  }
  return value;
}

std::uint64_t VertexLimit(const ReadOptions& options) {
  return std::min<std::uint64_t>(options.max_vertices, kNoVertex - 1);
}

EdgeCollector::EdgeCollector(std::string_view name, const ReadOptions& options,
                             std::uint64_t id_base, bool ordered_pairs)
    : name_(name),
      options_(options),
      id_base_(id_base),
      ordered_pairs_(ordered_pairs) {}

void EdgeCollector::Reserve(std::uint64_t expected_edges) {
  const auto count = static_cast<std::size_t>(
      std::min<std::uint64_t>(expected_edges, kMaxReserve));
  edges_.reserve(count);
  if (options_.strict) lines_.reserve(count);
}

void EdgeCollector::Add(Vertex u, Vertex v, std::uint64_t line) {
  ++records_;
  if (u == v) {
    if (options_.strict) {
      Fail(name_, line,
           fmt::format("self-loop at vertex {} (refused in strict mode)",
                       u + id_base_));
    }
    if (self_loops_++ == 0) first_loop_line_ = line;
    return;
  }
  edges_.emplace_back(u, v);
  if (options_.strict) lines_.push_back(line);
}

void EdgeCollector::Shift(Vertex shift) {
  if (shift == 0) return;
  for (auto& [u, v] : edges_) {
    u -= shift;
    v -= shift;
  }
}

Graph EdgeCollector::Build(Vertex n) {
  auto key = [this](const std::pair<Vertex, Vertex>& e) {
    const auto [u, v] = e;
    const Vertex a = ordered_pairs_ ? u : std::min(u, v);
    const Vertex b = ordered_pairs_ ? v : std::max(u, v);
    return (std::uint64_t{a} << 32) | b;
  };
  std::uint64_t duplicates = 0;
  if (ordered_pairs_) {
    // Symmetrising merges u->v with v->u; only a repeated ordered pair is
    // a repeated edge of the file.
    std::vector<std::uint64_t> keys(edges_.size());
    for (std::size_t i = 0; i < edges_.size(); ++i) keys[i] = key(edges_[i]);
    tbb::parallel_sort(keys.begin(), keys.end());
    for (std::size_t i = 1; i < keys.size(); ++i) {
      duplicates += keys[i] == keys[i - 1] ? 1 : 0;
    }
  }
  std::uint64_t repeats = 0;
  Graph graph = CsrFromEdges(n, edges_, &repeats, name_);
  if (!ordered_pairs_) duplicates = repeats;
  if (options_.strict && duplicates > 0) {
    // Errors only: find the first repeat in file order to name its line.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> keyed(edges_.size());
    for (std::size_t i = 0; i < edges_.size(); ++i) {
      keyed[i] = {key(edges_[i]), i};
    }
    tbb::parallel_sort(keyed.begin(), keyed.end());
    std::uint64_t first = edges_.size();
    for (std::size_t i = 1; i < keyed.size(); ++i) {
      if (keyed[i].first == keyed[i - 1].first) {
        first = std::min(first, keyed[i].second);
      }
    }
    const auto [u, v] = edges_[first];
    Fail(name_, lines_[first],
         fmt::format("repeated edge {} {} (refused in strict mode)",
                     u + id_base_, v + id_base_));
  }
  ReportDropped(name_, options_, self_loops_, first_loop_line_, duplicates);
  return graph;
}

void ReportDropped(std::string_view name, const ReadOptions& options,
                   std::uint64_t self_loops, std::uint64_t first_loop_line,
                   std::uint64_t repeats) {
  if (self_loops + repeats == 0) return;
  std::string message = fmt::format("{}: warning: dropped", name);
  if (self_loops > 0) {
    message +=
        fmt::format(" {} self-loop{}", self_loops, self_loops == 1 ? "" : "s");
    if (first_loop_line > 0) {
      message += fmt::format(" (first at line {})", first_loop_line);
    }
  }
  if (repeats > 0) {
    message +=
        fmt::format("{} {} repeated edge{}", self_loops > 0 ? " and" : "",
                    repeats, repeats == 1 ? "" : "s");
  }
  std::ostream& out =
      options.warnings != nullptr ? *options.warnings : std::cerr;
  out << message << '\n';
}

Graph CompactCsr(std::vector<EdgeIndex> offsets, std::vector<Vertex> adjacency,
                 std::uint64_t* repeats, std::string_view name) {
  const auto n = static_cast<Vertex>(offsets.size() - 1);
  std::vector<EdgeIndex> kept(offsets.size(), 0);
  // Sort each list and drop repeats; a repeated edge {x, y}, x < y, is
  // counted once, in x's list.
  *repeats = tbb::parallel_reduce(
      tbb::blocked_range<Vertex>(0, n), std::uint64_t{0},
      [&](const auto& r, std::uint64_t count) {
        for (Vertex x = r.begin(); x != r.end(); ++x) {
          auto begin = adjacency.begin() + offsets[x];
          auto end = adjacency.begin() + offsets[x + 1];
          std::sort(begin, end);
          for (auto it = begin; it != end && it + 1 != end; ++it) {
            count += (*it == *(it + 1) && *it > x) ? 1 : 0;
          }
          kept[x + 1] = static_cast<EdgeIndex>(std::unique(begin, end) - begin);
        }
        return count;
      },
      std::plus<>());
  for (Vertex x = 0; x < n; ++x) kept[x + 1] += kept[x];
  try {
    if (kept[n] == adjacency.size()) {
      return Graph(std::move(offsets), std::move(adjacency));
    }
    std::vector<Vertex> compact(kept[n]);
    tbb::parallel_for(tbb::blocked_range<Vertex>(0, n), [&](const auto& r) {
      for (Vertex x = r.begin(); x != r.end(); ++x) {
        std::copy_n(adjacency.begin() + offsets[x], kept[x + 1] - kept[x],
                    compact.begin() + kept[x]);
      }
    });
    return Graph(std::move(kept), std::move(compact));
  } catch (const std::invalid_argument& e) {
    Fail(name, 0, e.what());
  }
}

Graph CsrFromEdges(Vertex n,
                   const std::vector<std::pair<Vertex, Vertex>>& edges,
                   std::uint64_t* repeats, std::string_view name) {
  // Counting placement instead of a global sort of 2m keys: O(m) scatter,
  // then short per-vertex sorts.
  std::vector<EdgeIndex> offsets(std::size_t{n} + 1, 0);
  for (const auto& [u, v] : edges) {
    if (u >= n || v >= n) {
      Fail(name, 0,
           fmt::format("edge endpoint {} out of range for n = {}",
                       std::max(u, v), n));
    }
    ++offsets[u + 1];
    ++offsets[v + 1];
  }
  for (Vertex x = 0; x < n; ++x) offsets[x + 1] += offsets[x];
  std::vector<Vertex> adjacency(offsets[n]);
  {
    std::vector<EdgeIndex> fill(offsets.begin(), offsets.end() - 1);
    for (const auto& [u, v] : edges) {
      adjacency[fill[u]++] = v;
      adjacency[fill[v]++] = u;
    }
  }
  return CompactCsr(std::move(offsets), std::move(adjacency), repeats, name);
}

OutBuffer::OutBuffer(std::ostream& out) : out_(out), buffer_(1 << 16) {}

// Unflushed data is dropped on purpose: a writer that threw must not leave
// a plausible-looking partial file behind its error.
OutBuffer::~OutBuffer() = default;

void OutBuffer::Put(std::string_view text) {
  if (size_ + text.size() > buffer_.size()) {
    Flush();
    if (text.size() > buffer_.size()) {
      out_.write(text.data(), static_cast<std::streamsize>(text.size()));
      if (!out_) throw GraphFormatError("write failed");
      return;
    }
  }
  std::memcpy(buffer_.data() + size_, text.data(), text.size());
  size_ += text.size();
}

void OutBuffer::Put(char c) {
  if (size_ == buffer_.size()) Flush();
  buffer_[size_++] = c;
}

void OutBuffer::PutNumber(std::uint64_t value) {
  constexpr std::size_t kDigits = 20;
  if (size_ + kDigits > buffer_.size()) Flush();
  char* begin = buffer_.data() + size_;
  auto result = std::to_chars(begin, begin + kDigits, value);
  size_ += static_cast<std::size_t>(result.ptr - begin);
}

void OutBuffer::Flush() {
  if (size_ > 0)
    out_.write(buffer_.data(), static_cast<std::streamsize>(size_));
  size_ = 0;
  out_.flush();
  if (!out_) throw GraphFormatError("write failed");
}

void PutEdges(OutBuffer& buffer, const Graph& graph, std::string_view prefix,
              bool upper) {
  for (Vertex v = 0; v < graph.num_vertices(); ++v) {
    for (const Vertex w : graph.neighbors(v)) {
      if (upper ? w <= v : w >= v) continue;
      buffer.Put(prefix);
      buffer.PutNumber(std::uint64_t{v} + 1);
      buffer.Put(' ');
      buffer.PutNumber(std::uint64_t{w} + 1);
      buffer.Put('\n');
    }
  }
}

}  // namespace io_internal

namespace {

using io_internal::EdgeCollector;
using io_internal::ExpectUnsigned;
using io_internal::Fail;
using io_internal::LineReader;
using io_internal::OutBuffer;
using io_internal::Printable;
using io_internal::PutEdges;
using io_internal::Tokens;
using io_internal::TrimLeft;
using io_internal::VertexLimit;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void ExpectEnd(Tokens& tokens, std::string_view after, std::string_view name,
               std::uint64_t line) {
  std::string_view extra;
  if (tokens.Next(&extra)) {
    Fail(name, line,
         fmt::format("unexpected '{}' after {}", Printable(extra), after));
  }
}

// ---------------------------------------------------------------------------
// Edge list / SNAP.

struct SnapHeader {
  std::optional<std::uint64_t> nodes;
  std::optional<std::uint64_t> edges;
  std::uint64_t line = 0;
};

// Reads "Nodes: N" / "Edges: M" from a comment (SNAP writes
// "# Nodes: 4039 Edges: 88234"). Other comments are ignored.
void ParseSnapComment(std::string_view comment, std::uint64_t line,
                      std::string_view name, std::uint64_t limit,
                      SnapHeader* header) {
  Tokens tokens(comment);
  std::string_view token;
  while (tokens.Next(&token)) {
    std::optional<std::uint64_t>* field = nullptr;
    if (token == "Nodes:") field = &header->nodes;
    if (token == "Edges:") field = &header->edges;
    if (field == nullptr) continue;
    if (field->has_value()) {
      Fail(name, line, fmt::format("second '{}' header", token));
    }
    *field = ExpectUnsigned(tokens, fmt::format("a count after '{}'", token),
                            name, line);
    header->line = line;
  }
  if (header->nodes && *header->nodes > limit) {
    Fail(name, line,
         fmt::format("header says Nodes: {}, above the vertex limit {}",
                     *header->nodes, limit));
  }
}

Graph ReadEdgeList(std::istream& in, std::string_view name,
                   const ReadOptions& options) {
  if (options.edge_list_base < -1 || options.edge_list_base > 1) {
    Fail(name, 0,
         fmt::format("edge-list base {} is not 0, 1 or -1 (detect)",
                     options.edge_list_base));
  }
  const std::uint64_t limit = VertexLimit(options);
  LineReader lines(in, name);
  // Raw file ids are collected; the base is known only at the end.
  EdgeCollector edges(name, options, 0);
  SnapHeader header;
  std::uint64_t max_id = 0;
  std::uint64_t max_id_line = 0;
  std::uint64_t first_zero_line = 0;
  bool any_edge = false;
  std::string_view line;
  while (lines.Next(&line)) {
    const std::string_view text = TrimLeft(line);
    if (text.empty()) continue;
    const std::uint64_t number = lines.line_number();
    if (text[0] == '#' || text[0] == '%') {
      // Headers count only before the first edge, where SNAP puts them.
      if (!any_edge) {
        ParseSnapComment(text.substr(1), number, name, limit, &header);
      }
      continue;
    }
    any_edge = true;
    Tokens tokens(text);
    const std::uint64_t u = ExpectUnsigned(tokens, "a vertex id", name, number);
    const std::uint64_t v =
        ExpectUnsigned(tokens, "a second vertex id", name, number);
    // Extra fields (weights, timestamps) are skipped, but must be numbers
    // so that a garbled line is never half-read.
    std::string_view extra;
    while (tokens.Next(&extra)) {
      if (!io_internal::IsReal(extra)) {
        Fail(name, number,
             fmt::format("unexpected '{}' after the edge (extra fields must "
                         "be numbers)",
                         Printable(extra)));
      }
    }
    for (const std::uint64_t id : {u, v}) {
      // n >= id whatever the base, so this refuses before any allocation.
      if (id > limit) {
        Fail(
            name, number,
            fmt::format("vertex id {} exceeds the vertex limit {}", id, limit));
      }
      if (id == 0 && first_zero_line == 0) first_zero_line = number;
      if (id > max_id || max_id_line == 0) {
        max_id = std::max(max_id, id);
        max_id_line = number;
      }
    }
    edges.Add(static_cast<Vertex>(u), static_cast<Vertex>(v), number);
  }
  if (!any_edge && !header.nodes) {
    Fail(name, 0, "empty file: no edges and no 'Nodes:' header");
  }
  if (header.edges && *header.edges != edges.records()) {
    Fail(name, header.line,
         fmt::format("header says Edges: {} but the file lists {} edges",
                     *header.edges, edges.records()));
  }
  const int base = options.edge_list_base >= 0 ? options.edge_list_base
                   : first_zero_line > 0       ? 0
                                               : 1;
  if (base == 1 && first_zero_line > 0) {
    Fail(name, first_zero_line, "vertex id 0 in a 1-based edge list");
  }
  // With base 1 and no id 0, max_id >= 1 whenever there is an edge.
  const std::uint64_t id_count = any_edge ? max_id + 1 - base : 0;
  if (id_count > limit) {
    Fail(
        name, max_id_line,
        fmt::format("vertex id {} exceeds the vertex limit {}", max_id, limit));
  }
  // "Nodes:" is a count: within it, it fixes n (trailing isolated vertices
  // survive a round trip); beyond it, the ids are sparse SNAP labels.
  const bool sparse = header.nodes && id_count > *header.nodes;
  const std::uint64_t n = header.nodes && !sparse ? *header.nodes : id_count;
  edges.Shift(static_cast<Vertex>(base));
  edges.set_id_base(static_cast<std::uint64_t>(base));
  Graph graph = edges.Build(static_cast<Vertex>(n));
  if (sparse) {
    std::uint64_t used = 0;
    for (Vertex v = 0; v < graph.num_vertices(); ++v) {
      used += graph.degree(v) > 0 ? 1 : 0;
    }
    if (used > *header.nodes) {
      Fail(name, header.line,
           fmt::format("header says Nodes: {} but the edges use {} distinct "
                       "vertex ids",
                       *header.nodes, used));
    }
  }
  return graph;
}

void WriteEdgeList(const Graph& graph, std::ostream& out) {
  OutBuffer buffer(out);
  // SNAP's header line; the ids are 1-based so that the reader's base
  // detection (1-based when no 0 appears) is exact on the way back.
  buffer.Put("# Nodes: ");
  buffer.PutNumber(graph.num_vertices());
  buffer.Put(" Edges: ");
  buffer.PutNumber(graph.num_edges());
  buffer.Put("\n# Undirected, 1-based vertex ids, written by fcsim\n");
  PutEdges(buffer, graph, "", true);
  buffer.Flush();
}

// ---------------------------------------------------------------------------
// METIS.

Graph ReadMetis(std::istream& in, std::string_view name,
                const ReadOptions& options) {
  LineReader lines(in, name);
  std::string_view line;
  std::string_view text;
  std::uint64_t header_line = 0;
  while (lines.Next(&line)) {
    text = TrimLeft(line);
    if (text.empty() || text[0] == '%') continue;
    header_line = lines.line_number();
    break;
  }
  if (header_line == 0) Fail(name, 0, "empty file: no 'n m [fmt]' header");
  Tokens header(text);
  const std::uint64_t n =
      ExpectUnsigned(header, "the vertex count n", name, header_line);
  const std::uint64_t m =
      ExpectUnsigned(header, "the edge count m", name, header_line);
  bool has_size = false;
  bool has_vertex_weights = false;
  bool has_edge_weights = false;
  std::uint64_t ncon = 0;
  std::string_view fmt_token;
  if (header.Next(&fmt_token)) {
    // fmt is up to three binary digits: vertex sizes, vertex weights, edge
    // weights. Weights are read and skipped.
    if (fmt_token.size() > 3 ||
        !std::all_of(fmt_token.begin(), fmt_token.end(),
                     [](char c) { return c == '0' || c == '1'; })) {
      Fail(name, header_line,
           fmt::format("fmt '{}' is not three binary digits (e.g. 0, 1, 10, "
                       "11, 100)",
                       Printable(fmt_token)));
    }
    const std::size_t k = fmt_token.size();
    has_edge_weights = fmt_token[k - 1] == '1';
    has_vertex_weights = k >= 2 && fmt_token[k - 2] == '1';
    has_size = k >= 3 && fmt_token[k - 3] == '1';
    std::string_view ncon_token;
    if (header.Next(&ncon_token)) {
      bool too_large = false;
      if (!io_internal::ParseUnsigned(ncon_token, &ncon, &too_large) ||
          ncon == 0) {
        Fail(name, header_line,
             fmt::format("expected the number of vertex weights ncon, found "
                         "'{}'",
                         Printable(ncon_token)));
      }
      if (!has_vertex_weights) {
        Fail(name, header_line, "ncon given but fmt has no vertex weights");
      }
    } else if (has_vertex_weights) {
      ncon = 1;
    }
    ExpectEnd(header, "the header", name, header_line);
  }
  const std::uint64_t limit = VertexLimit(options);
  if (n > limit) {
    Fail(
        name, header_line,
        fmt::format("header says n = {}, above the vertex limit {}", n, limit));
  }
  // METIS is already a CSR: keep the lists as they come, then sort each
  // list, check symmetry and drop repeats per vertex (no global sort).
  std::vector<EdgeIndex> offsets;
  offsets.reserve(static_cast<std::size_t>(
                      std::min<std::uint64_t>(n, io_internal::kMaxReserve)) +
                  1);
  offsets.push_back(0);
  std::vector<Vertex> adjacency;
  adjacency.reserve(static_cast<std::size_t>(
      std::min<std::uint64_t>(2 * m, io_internal::kMaxReserve)));
  std::vector<std::uint64_t> vertex_line;
  vertex_line.reserve(offsets.capacity());
  std::uint64_t loops = 0;
  std::uint64_t first_loop_line = 0;
  Vertex v = 0;
  while (lines.Next(&line)) {
    text = TrimLeft(line);
    if (!text.empty() && text[0] == '%') continue;
    const std::uint64_t number = lines.line_number();
    if (v == n) {
      if (text.empty()) continue;
      Fail(name, number, fmt::format("more than n = {} vertex lines", n));
    }
    vertex_line.push_back(number);
    Tokens tokens(text);
    if (has_size) ExpectUnsigned(tokens, "the vertex size", name, number);
    for (std::uint64_t c = 0; c < ncon; ++c) {
      ExpectUnsigned(tokens, "a vertex weight", name, number);
    }
    std::string_view token;
    while (tokens.Next(&token)) {
      std::uint64_t u = 0;
      bool too_large = false;
      if (!io_internal::ParseUnsigned(token, &u, &too_large)) {
        Fail(name, number,
             fmt::format("expected a neighbour id, found '{}'",
                         Printable(token)));
      }
      if (u == 0 || u > n) {
        Fail(name, number,
             fmt::format("neighbour {} out of range 1..{}", u, n));
      }
      if (has_edge_weights) {
        ExpectUnsigned(tokens, "an edge weight", name, number);
      }
      const auto w = static_cast<Vertex>(u - 1);
      if (w == v) {
        if (options.strict) {
          Fail(name, number,
               fmt::format("self-loop at vertex {} (refused in strict mode)",
                           u));
        }
        if (loops++ == 0) first_loop_line = number;
      } else {
        adjacency.push_back(w);
      }
    }
    offsets.push_back(adjacency.size());
    ++v;
  }
  if (v < n) {
    Fail(name, header_line,
         fmt::format("header says n = {} but the file has {} vertex lines", n,
                     v));
  }
  const std::uint64_t entries = adjacency.size();
  if (entries % 2 != 0 || entries / 2 + loops != m) {
    Fail(name, header_line,
         fmt::format("header says m = {} but the adjacency lists hold {} "
                     "neighbour entries (each edge is listed twice)",
                     m, entries + loops));
  }
  tbb::parallel_for(tbb::blocked_range<Vertex>(0, v), [&](const auto& r) {
    for (Vertex x = r.begin(); x != r.end(); ++x) {
      std::sort(adjacency.begin() + offsets[x],
                adjacency.begin() + offsets[x + 1]);
    }
  });
  const auto list = [&](Vertex x) {
    return std::span<const Vertex>(adjacency.data() + offsets[x],
                                   adjacency.data() + offsets[x + 1]);
  };
  // How often x lists y: lists are sorted.
  const auto times = [&](Vertex x, Vertex y) {
    auto range = std::equal_range(list(x).begin(), list(x).end(), y);
    return static_cast<std::uint64_t>(range.second - range.first);
  };
  // Symmetry: the transpose, built by counting placement in vertex order,
  // has sorted lists; the adjacency is symmetric iff it equals the transpose.
  std::vector<Vertex> transpose(adjacency.size());
  {
    std::vector<EdgeIndex> fill(offsets.size(), 0);
    for (const Vertex y : adjacency) ++fill[y + 1];
    for (Vertex x = 0; x < v; ++x) fill[x + 1] += fill[x];
    for (Vertex x = 0; x < v; ++x) {
      for (const Vertex y : list(x)) transpose[fill[y]++] = x;
    }
  }
  if (transpose != adjacency) {
    // Slow path, errors only: the first vertex whose list differs (a list
    // may also differ in length, which shifts every later list).
    for (Vertex x = 0; x < v; ++x) {
      for (const Vertex y : list(x)) {
        const std::uint64_t here = times(x, y);
        const std::uint64_t there = times(y, x);
        if (here != there) {
          Fail(name, vertex_line[here > there ? x : y],
               fmt::format("adjacency not symmetric: vertex {} lists {} {} "
                           "time(s) but vertex {} lists {} {} time(s)",
                           x + 1, y + 1, here, y + 1, x + 1, there));
        }
      }
    }
  }
  transpose = {};
  if (options.strict) {
    for (Vertex x = 0; x < v; ++x) {
      const auto nx = list(x);
      const auto repeat = std::adjacent_find(nx.begin(), nx.end());
      if (repeat != nx.end()) {
        Fail(name, vertex_line[x],
             fmt::format("repeated edge {} {} (refused in strict mode)", x + 1,
                         *repeat + 1));
      }
    }
  }
  std::uint64_t repeats = 0;
  Graph graph = io_internal::CompactCsr(std::move(offsets),
                                        std::move(adjacency), &repeats, name);
  io_internal::ReportDropped(name, options, loops, first_loop_line, repeats);
  return graph;
}

void WriteMetis(const Graph& graph, std::ostream& out) {
  OutBuffer buffer(out);
  buffer.PutNumber(graph.num_vertices());
  buffer.Put(' ');
  buffer.PutNumber(graph.num_edges());
  buffer.Put('\n');
  for (Vertex v = 0; v < graph.num_vertices(); ++v) {
    bool first = true;
    for (const Vertex w : graph.neighbors(v)) {
      if (!first) buffer.Put(' ');
      first = false;
      buffer.PutNumber(std::uint64_t{w} + 1);
    }
    // An isolated vertex is an empty line: METIS has no other way.
    buffer.Put('\n');
  }
  buffer.Flush();
}

// ---------------------------------------------------------------------------
// DIMACS .col (our own parser: Boost's mis-reads "e u v" lines).

Graph ReadDimacs(std::istream& in, std::string_view name,
                 const ReadOptions& options) {
  const std::uint64_t limit = VertexLimit(options);
  LineReader lines(in, name);
  EdgeCollector edges(name, options, 1);
  bool any_line = false;
  std::uint64_t header_line = 0;
  std::uint64_t n = 0;
  std::uint64_t m = 0;
  auto expect_vertex = [&](Tokens& tokens, std::string_view what,
                           std::uint64_t number) {
    const std::uint64_t id = ExpectUnsigned(tokens, what, name, number);
    if (id == 0 || id > n) {
      Fail(name, number, fmt::format("vertex {} out of range 1..{}", id, n));
    }
    return static_cast<Vertex>(id - 1);
  };
  std::string_view line;
  while (lines.Next(&line)) {
    const std::string_view text = TrimLeft(line);
    if (text.empty()) continue;
    any_line = true;
    if (text[0] == 'c') continue;
    const std::uint64_t number = lines.line_number();
    Tokens tokens(text);
    std::string_view kind;
    tokens.Next(&kind);
    if (kind == "p") {
      if (header_line != 0) {
        Fail(name, number,
             fmt::format("second 'p' line (first at line {})", header_line));
      }
      std::string_view problem;
      if (!tokens.Next(&problem)) {
        Fail(name, number, "expected the problem 'edge', found end of line");
      }
      if (problem != "edge" && problem != "edges" && problem != "col") {
        Fail(name, number,
             fmt::format("problem '{}' is not 'edge'", Printable(problem)));
      }
      n = ExpectUnsigned(tokens, "the vertex count", name, number);
      m = ExpectUnsigned(tokens, "the edge count", name, number);
      ExpectEnd(tokens, "the header", name, number);
      if (n > limit) {
        Fail(name, number,
             fmt::format("header says {} vertices, above the vertex limit {}",
                         n, limit));
      }
      header_line = number;
      edges.Reserve(m);
    } else if (kind == "e" || kind == "n") {
      if (header_line == 0) {
        Fail(name, number,
             fmt::format("'{}' line before the 'p edge' header", kind));
      }
      if (kind == "e") {
        const Vertex u = expect_vertex(tokens, "a vertex id", number);
        const Vertex v = expect_vertex(tokens, "a second vertex id", number);
        ExpectEnd(tokens, "the edge", name, number);
        edges.Add(u, v, number);
      } else {
        // "n id value": a vertex weight or colour, not needed for the graph.
        expect_vertex(tokens, "a vertex id", number);
        std::string_view value;
        if (!tokens.Next(&value) || !io_internal::IsInteger(value)) {
          Fail(name, number, "expected 'n <vertex> <integer value>'");
        }
        ExpectEnd(tokens, "the vertex value", name, number);
      }
    } else {
      Fail(name, number,
           fmt::format("unknown line type '{}' (expected c, p, e or n)",
                       Printable(kind)));
    }
  }
  if (!any_line) Fail(name, 0, "empty file");
  if (header_line == 0) Fail(name, 0, "no 'p edge n m' header line");
  if (edges.records() != m) {
    Fail(name, header_line,
         fmt::format("header says {} edges but the file has {} 'e' lines", m,
                     edges.records()));
  }
  return edges.Build(static_cast<Vertex>(n));
}

void WriteDimacs(const Graph& graph, std::ostream& out) {
  OutBuffer buffer(out);
  buffer.Put("c written by fcsim\np edge ");
  buffer.PutNumber(graph.num_vertices());
  buffer.Put(' ');
  buffer.PutNumber(graph.num_edges());
  buffer.Put('\n');
  PutEdges(buffer, graph, "e ", true);
  buffer.Flush();
}

// ---------------------------------------------------------------------------
// Matrix Market (coordinate).

Graph ReadMatrixMarket(std::istream& in, std::string_view name,
                       const ReadOptions& options) {
  LineReader lines(in, name);
  std::string_view line;
  if (!lines.Next(&line)) Fail(name, 0, "empty file");
  Tokens banner(line);
  std::string_view word;
  if (!banner.Next(&word) || Lower(word) != "%%matrixmarket") {
    Fail(name, 1, "missing '%%MatrixMarket' banner");
  }
  auto banner_word = [&](std::string_view what) {
    std::string_view token;
    if (!banner.Next(&token)) {
      Fail(name, 1, fmt::format("banner lacks the {}", what));
    }
    return Lower(token);
  };
  const std::string object = banner_word("object ('matrix')");
  if (object != "matrix") {
    Fail(name, 1,
         fmt::format("object '{}' is not 'matrix'", Printable(object)));
  }
  const std::string format = banner_word("format ('coordinate')");
  if (format == "array") {
    Fail(name, 1, "dense 'array' format is not read; only 'coordinate'");
  }
  if (format != "coordinate") {
    Fail(name, 1,
         fmt::format("format '{}' is not 'coordinate'", Printable(format)));
  }
  const std::string field = banner_word("field (pattern, real, integer ...)");
  int values = 0;
  if (field == "pattern") {
    values = 0;
  } else if (field == "real" || field == "double" || field == "integer") {
    values = 1;
  } else if (field == "complex") {
    values = 2;
  } else {
    Fail(name, 1,
         fmt::format("field '{}' is not pattern, real, integer or complex",
                     Printable(field)));
  }
  const std::string symmetry = banner_word("symmetry (general, symmetric ...)");
  if (symmetry != "general" && symmetry != "symmetric" &&
      symmetry != "skew-symmetric" && symmetry != "hermitian") {
    Fail(name, 1,
         fmt::format("symmetry '{}' is not general, symmetric, "
                     "skew-symmetric or hermitian",
                     Printable(symmetry)));
  }
  ExpectEnd(banner, "the banner", name, 1);

  std::uint64_t size_line = 0;
  std::string_view text;
  while (lines.Next(&line)) {
    text = TrimLeft(line);
    if (text.empty() || text[0] == '%') continue;
    size_line = lines.line_number();
    break;
  }
  if (size_line == 0) Fail(name, 0, "no size line 'rows columns entries'");
  Tokens size(text);
  const std::uint64_t rows =
      ExpectUnsigned(size, "the row count", name, size_line);
  const std::uint64_t columns =
      ExpectUnsigned(size, "the column count", name, size_line);
  const std::uint64_t entries =
      ExpectUnsigned(size, "the entry count", name, size_line);
  ExpectEnd(size, "the size line", name, size_line);
  if (rows != columns) {
    Fail(name, size_line,
         fmt::format("matrix is {} x {}, not square", rows, columns));
  }
  const std::uint64_t limit = VertexLimit(options);
  if (rows > limit) {
    Fail(name, size_line,
         fmt::format("size line says {} rows, above the vertex limit {}", rows,
                     limit));
  }
  // A general matrix is symmetrised: a(i,j) and a(j,i) are one edge.
  EdgeCollector edges(name, options, 1, symmetry == "general");
  edges.Reserve(entries);
  auto index = [&](Tokens& tokens, std::string_view what,
                   std::uint64_t number) {
    const std::uint64_t i = ExpectUnsigned(tokens, what, name, number);
    if (i == 0 || i > rows) {
      Fail(name, number,
           fmt::format("{} {} out of range 1..{}", what, i, rows));
    }
    return static_cast<Vertex>(i - 1);
  };
  const std::string article =
      (field == "integer" ? "an " : "a ") + std::string(field);
  while (lines.Next(&line)) {
    text = TrimLeft(line);
    if (text.empty() || text[0] == '%') continue;
    const std::uint64_t number = lines.line_number();
    if (edges.records() == entries) {
      Fail(name, number,
           fmt::format("more entries than the {} of the size line", entries));
    }
    Tokens tokens(text);
    const Vertex i = index(tokens, "row index", number);
    const Vertex j = index(tokens, "column index", number);
    for (int k = 0; k < values; ++k) {
      std::string_view value;
      if (!tokens.Next(&value)) {
        Fail(name, number,
             fmt::format("expected {} value, found end of line", article));
      }
      const bool ok = field == "integer" ? io_internal::IsInteger(value)
                                         : io_internal::IsReal(value);
      if (!ok) {
        Fail(name, number,
             fmt::format("expected {} value, found '{}'", article,
                         Printable(value)));
      }
    }
    ExpectEnd(tokens, "the entry", name, number);
    edges.Add(i, j, number);
  }
  if (edges.records() != entries) {
    Fail(name, size_line,
         fmt::format("size line says {} entries but the file has {}", entries,
                     edges.records()));
  }
  return edges.Build(static_cast<Vertex>(rows));
}

void WriteMatrixMarket(const Graph& graph, std::ostream& out) {
  OutBuffer buffer(out);
  buffer.Put("%%MatrixMarket matrix coordinate pattern symmetric\n");
  buffer.PutNumber(graph.num_vertices());
  buffer.Put(' ');
  buffer.PutNumber(graph.num_vertices());
  buffer.Put(' ');
  buffer.PutNumber(graph.num_edges());
  buffer.Put('\n');
  // Symmetric storage keeps the lower triangle: row > column.
  PutEdges(buffer, graph, "", false);
  buffer.Flush();
}

// ---------------------------------------------------------------------------
// Names and extensions.

struct FormatName {
  std::string_view name;
  GraphFormat format;
};

// The first entry per format is its canonical name.
constexpr std::array<FormatName, 20> kNames = {{
    {"edgelist", GraphFormat::kEdgeList},
    {"metis", GraphFormat::kMetis},
    {"dimacs", GraphFormat::kDimacs},
    {"mtx", GraphFormat::kMatrixMarket},
    {"graphml", GraphFormat::kGraphMl},
    {"dot", GraphFormat::kDot},
    {"graph6", GraphFormat::kGraph6},
    {"sparse6", GraphFormat::kSparse6},
    {"edges", GraphFormat::kEdgeList},
    {"el", GraphFormat::kEdgeList},
    {"snap", GraphFormat::kEdgeList},
    {"txt", GraphFormat::kEdgeList},
    {"graph", GraphFormat::kMetis},
    {"col", GraphFormat::kDimacs},
    {"matrixmarket", GraphFormat::kMatrixMarket},
    {"mm", GraphFormat::kMatrixMarket},
    {"gv", GraphFormat::kDot},
    {"graphviz", GraphFormat::kDot},
    {"g6", GraphFormat::kGraph6},
    {"s6", GraphFormat::kSparse6},
}};

constexpr std::array<FormatName, 17> kExtensions = {{
    {"txt", GraphFormat::kEdgeList},
    {"el", GraphFormat::kEdgeList},
    {"edges", GraphFormat::kEdgeList},
    {"edgelist", GraphFormat::kEdgeList},
    {"snap", GraphFormat::kEdgeList},
    {"metis", GraphFormat::kMetis},
    {"graph", GraphFormat::kMetis},
    {"col", GraphFormat::kDimacs},
    {"dimacs", GraphFormat::kDimacs},
    {"mtx", GraphFormat::kMatrixMarket},
    {"graphml", GraphFormat::kGraphMl},
    {"dot", GraphFormat::kDot},
    {"gv", GraphFormat::kDot},
    {"g6", GraphFormat::kGraph6},
    {"graph6", GraphFormat::kGraph6},
    {"s6", GraphFormat::kSparse6},
    {"sparse6", GraphFormat::kSparse6},
}};

constexpr std::array<GraphFormat, 8> kAllFormats = {
    GraphFormat::kEdgeList,     GraphFormat::kMetis,   GraphFormat::kDimacs,
    GraphFormat::kMatrixMarket, GraphFormat::kGraphMl, GraphFormat::kDot,
    GraphFormat::kGraph6,       GraphFormat::kSparse6,
};

std::string KnownNames() {
  std::string out;
  for (const GraphFormat f : kAllFormats) {
    if (!out.empty()) out += ", ";
    out += GraphFormatName(f);
  }
  return out;
}

}  // namespace

std::span<const GraphFormat> AllGraphFormats() { return kAllFormats; }

std::string_view GraphFormatName(GraphFormat format) {
  for (const auto& entry : kNames) {
    if (entry.format == format) return entry.name;
  }
  throw GraphFormatError("unknown graph format value");
}

GraphFormat ParseGraphFormat(std::string_view name) {
  const std::string lower = Lower(name);
  for (const auto& entry : kNames) {
    if (entry.name == lower) return entry.format;
  }
  throw GraphFormatError(fmt::format("unknown graph format '{}' (known: {})",
                                     Printable(name), KnownNames()));
}

GraphFormat FormatFromPath(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  if (extension.empty()) {
    throw GraphFormatError(fmt::format(
        "{}: no file extension to tell the format by; name the format "
        "explicitly (one of {})",
        path, KnownNames()));
  }
  extension = Lower(std::string_view(extension).substr(1));
  for (const auto& entry : kExtensions) {
    if (entry.name == extension) return entry.format;
  }
  throw GraphFormatError(fmt::format(
      "{}: unknown extension '.{}'; name the format explicitly (one of {})",
      path, Printable(extension), KnownNames()));
}

Graph ReadGraph(std::istream& in, GraphFormat format, const std::string& name,
                const ReadOptions& options) {
  try {
    switch (format) {
      case GraphFormat::kEdgeList:
        return ReadEdgeList(in, name, options);
      case GraphFormat::kMetis:
        return ReadMetis(in, name, options);
      case GraphFormat::kDimacs:
        return ReadDimacs(in, name, options);
      case GraphFormat::kMatrixMarket:
        return ReadMatrixMarket(in, name, options);
      case GraphFormat::kGraphMl:
        return io_internal::ReadGraphMl(in, name, options);
      case GraphFormat::kDot:
        return io_internal::ReadDot(in, name, options);
      case GraphFormat::kGraph6:
        return io_internal::ReadGraph6(in, name, options);
      case GraphFormat::kSparse6:
        return io_internal::ReadSparse6(in, name, options);
    }
  } catch (const std::bad_alloc&) {
    Fail(name, 0, "out of memory while reading the graph");
  } catch (const std::length_error&) {
    Fail(name, 0, "out of memory while reading the graph");
  }
  Fail(name, 0, "unknown graph format value");
}

Graph ReadGraph(const std::string& path, GraphFormat format,
                const ReadOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    Fail(path, 0, "is a directory, not a graph file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Fail(path, 0, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  return ReadGraph(in, format, path, options);
}

Graph ReadGraph(const std::string& path, const ReadOptions& options) {
  return ReadGraph(path, FormatFromPath(path), options);
}

void WriteGraph(const Graph& graph, std::ostream& out, GraphFormat format) {
  switch (format) {
    case GraphFormat::kEdgeList:
      return WriteEdgeList(graph, out);
    case GraphFormat::kMetis:
      return WriteMetis(graph, out);
    case GraphFormat::kDimacs:
      return WriteDimacs(graph, out);
    case GraphFormat::kMatrixMarket:
      return WriteMatrixMarket(graph, out);
    case GraphFormat::kGraphMl:
      return io_internal::WriteGraphMl(graph, out);
    case GraphFormat::kDot:
      return io_internal::WriteDot(graph, out);
    case GraphFormat::kGraph6:
      return io_internal::WriteGraph6(graph, out);
    case GraphFormat::kSparse6:
      return io_internal::WriteSparse6(graph, out);
  }
  throw GraphFormatError("unknown graph format value");
}

void WriteGraph(const Graph& graph, const std::string& path,
                GraphFormat format) {
  namespace fs = std::filesystem;
  static std::atomic<std::uint64_t> counter{0};
  const fs::path target(path);
  // Same directory as the target, so that rename() is atomic.
  const fs::path temp = target.parent_path() /
                        fmt::format(".{}.tmp-{}-{}", target.filename().string(),
                                    ::getpid(), counter.fetch_add(1));
  // O_EXCL: never clobber someone else's file; mode 0666 minus umask, as
  // the final file would get.
  const int fd =
      ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    throw GraphFormatError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  ::close(fd);
  try {
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      if (!out) {
        throw GraphFormatError(fmt::format("cannot open {}: {}", temp.string(),
                                           std::strerror(errno)));
      }
      WriteGraph(graph, out, format);
      out.close();
      if (!out) throw GraphFormatError("write failed");
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
      throw GraphFormatError(
          fmt::format("cannot rename into place: {}", std::strerror(errno)));
    }
  } catch (const GraphFormatError& e) {
    ::unlink(temp.c_str());
    throw GraphFormatError(fmt::format("{}: {}", path, e.what()));
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
}

void WriteGraph(const Graph& graph, const std::string& path) {
  WriteGraph(graph, path, FormatFromPath(path));
}

}  // namespace fcsim
