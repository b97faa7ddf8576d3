// graph6 and sparse6, the compact formats of nauty (B. D. McKay, "Description
// of graph6, sparse6 and digraph6 encodings", users.cecs.anu.edu.au/~bdm/data/
// formats.txt). Both hold one graph per line in printable bytes 63..126, six
// bits per byte, most significant bit first; vertices are 0-based.
// graph6 stores the upper triangle column by column (n(n-1)/2 bits); sparse6
// stores (b, x) pairs that walk the edges sorted by larger endpoint, and is
// decoded exactly as nauty's stringtograph() does, padding rules included.
#include <fmt/format.h>

#include <algorithm>
#include <istream>
#include <ostream>
#include <string>

#include "graphs/io_internal.h"

namespace fcsim::io_internal {
namespace {

constexpr int kBias = 63;
// graph6 size is n^2/12 bytes: beyond this, sparse6 is the sane choice.
constexpr Vertex kGraph6MaxWrite = Vertex{1} << 16;

struct GraphLine {
  std::string data;               // the graph's bytes, header and '\n' removed
  std::size_t column_offset = 0;  // bytes removed in front (header)
  std::uint64_t line = 0;
};

// Reads the one non-blank line of the file; more than one graph is refused
// rather than silently ignored.
GraphLine ReadOneGraph(std::istream& in, std::string_view name,
                       std::string_view header) {
  LineReader lines(in, name);
  GraphLine result;
  std::string_view line;
  while (lines.Next(&line)) {
    while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
    if (TrimLeft(line).empty()) continue;
    if (result.line != 0) {
      Fail(name, lines.line_number(),
           "more than one graph in the file (fcsim reads exactly one)");
    }
    result.line = lines.line_number();
    result.data.assign(line);
  }
  if (result.line == 0) Fail(name, 0, "empty file");
  if (std::string_view(result.data).substr(0, header.size()) == header) {
    result.data.erase(0, header.size());
    result.column_offset = header.size();
  }
  return result;
}

void CheckBytes(const GraphLine& g, std::size_t from, std::string_view format,
                std::string_view name) {
  for (std::size_t i = from; i < g.data.size(); ++i) {
    const auto c = static_cast<unsigned char>(g.data[i]);
    if (c < kBias || c > 126) {
      Fail(name, g.line,
           fmt::format("byte '{}' at column {} is not a {} character (63..126)",
                       Printable(g.data.substr(i, 1)), i + 1 + g.column_offset,
                       format));
    }
  }
}

// N(n): one byte for n <= 62, 126 + 3 bytes up to 258047, 126 126 + 6 bytes
// up to 2^36 - 1.
std::uint64_t DecodeN(const GraphLine& g, std::size_t* pos,
                      std::string_view name) {
  const std::string& d = g.data;
  auto value = [&](std::size_t i) -> std::uint64_t {
    if (i >= d.size()) Fail(name, g.line, "truncated vertex count");
    return static_cast<unsigned char>(d[i]) - kBias;
  };
  std::uint64_t n = value(*pos);
  if (n < 63) {
    *pos += 1;
    return n;
  }
  std::size_t digits = 3;
  std::size_t start = *pos + 1;
  if (value(*pos + 1) == 63) {
    digits = 6;
    start = *pos + 2;
  }
  n = 0;
  for (std::size_t i = 0; i < digits; ++i) n = (n << 6) | value(start + i);
  *pos = start + digits;
  return n;
}

void EncodeN(std::uint64_t n, std::string* out) {
  if (n <= 62) {
    *out += static_cast<char>(n + kBias);
    return;
  }
  std::size_t digits = 3;
  *out += static_cast<char>(126);
  if (n > 258047) {
    *out += static_cast<char>(126);
    digits = 6;
  }
  for (std::size_t i = digits; i-- > 0;) {
    *out += static_cast<char>(((n >> (6 * i)) & 63) + kBias);
  }
}

void CheckVertexCount(std::uint64_t n, const GraphLine& g,
                      std::string_view name, const ReadOptions& options) {
  const std::uint64_t limit = VertexLimit(options);
  if (n > limit) {
    Fail(name, g.line,
         fmt::format("vertex count {} is above the vertex limit {}", n, limit));
  }
}

// Packs bits six to a byte, most significant first.
class BitWriter {
 public:
  explicit BitWriter(std::string* out) : out_(out) {}
  void Put(bool bit) {
    acc_ = (acc_ << 1) | (bit ? 1 : 0);
    if (++used_ == 6) {
      *out_ += static_cast<char>(acc_ + kBias);
      acc_ = 0;
      used_ = 0;
    }
  }
  void PutBits(std::uint64_t value, int count) {
    for (int i = count - 1; i >= 0; --i) Put(((value >> i) & 1) != 0);
  }
  int free_bits() const { return used_ == 0 ? 0 : 6 - used_; }

 private:
  std::string* out_;
  unsigned acc_ = 0;
  int used_ = 0;
};

void Emit(const std::string& line, std::ostream& out) {
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
  out.put('\n');
  out.flush();
  if (!out) throw GraphFormatError("write failed");
}

// Bits needed for n - 1 (0 for n <= 1), as nauty computes it.
int SparseWidth(std::uint64_t n) {
  int width = 0;
  for (std::uint64_t i = n > 0 ? n - 1 : 0; i > 0; i >>= 1) ++width;
  return width;
}

}  // namespace

Graph ReadGraph6(std::istream& in, std::string_view name,
                 const ReadOptions& options) {
  const GraphLine g = ReadOneGraph(in, name, ">>graph6<<");
  if (!g.data.empty() && (g.data[0] == ':' || g.data[0] == ';')) {
    Fail(name, g.line, "this is sparse6 (starts with ':'), not graph6");
  }
  if (!g.data.empty() && g.data[0] == '&') {
    Fail(name, g.line, "this is digraph6 (starts with '&'), not graph6");
  }
  CheckBytes(g, 0, "graph6", name);
  std::size_t pos = 0;
  const std::uint64_t n = DecodeN(g, &pos, name);
  CheckVertexCount(n, g, name, options);
  const std::uint64_t bits = n * (n > 0 ? n - 1 : 0) / 2;
  const std::uint64_t expected = (bits + 5) / 6;
  const std::uint64_t found = g.data.size() - pos;
  if (found != expected) {
    Fail(name, g.line,
         fmt::format("n = {} needs {} data bytes, found {}", n, expected,
                     found));
  }
  EdgeCollector edges(name, options, 0);
  std::uint64_t k = 0;
  for (std::uint64_t j = 1; j < n; ++j) {
    for (std::uint64_t i = 0; i < j; ++i, ++k) {
      const auto byte = static_cast<unsigned>(
          static_cast<unsigned char>(g.data[pos + k / 6]) - kBias);
      if ((byte >> (5 - k % 6)) & 1) {
        edges.Add(static_cast<Vertex>(i), static_cast<Vertex>(j), g.line);
      }
    }
  }
  return edges.Build(static_cast<Vertex>(n));
}

void WriteGraph6(const Graph& graph, std::ostream& out) {
  const Vertex n = graph.num_vertices();
  if (n > kGraph6MaxWrite) {
    throw GraphFormatError(fmt::format(
        "graph6 needs n^2/12 bytes; n = {} is above {}, use sparse6", n,
        kGraph6MaxWrite));
  }
  std::string line;
  EncodeN(n, &line);
  BitWriter bits(&line);
  std::vector<char> adjacent(n, 0);
  for (Vertex j = 1; j < n; ++j) {
    for (const Vertex w : graph.neighbors(j)) adjacent[w] = 1;
    for (Vertex i = 0; i < j; ++i) bits.Put(adjacent[i] != 0);
    for (const Vertex w : graph.neighbors(j)) adjacent[w] = 0;
  }
  // graph6 pads the last byte with zeros.
  bits.PutBits(0, bits.free_bits());
  Emit(line, out);
}

Graph ReadSparse6(std::istream& in, std::string_view name,
                  const ReadOptions& options) {
  const GraphLine g = ReadOneGraph(in, name, ">>sparse6<<");
  if (!g.data.empty() && g.data[0] == ';') {
    Fail(name, g.line, "incremental sparse6 (starts with ';') is not read");
  }
  if (g.data.empty() || g.data[0] != ':') {
    Fail(name, g.line, "a sparse6 graph starts with ':'");
  }
  CheckBytes(g, 1, "sparse6", name);
  std::size_t pos = 1;
  const std::uint64_t n = DecodeN(g, &pos, name);
  CheckVertexCount(n, g, name, options);
  const int width = SparseWidth(n);
  const std::uint64_t total_bits = 6 * (g.data.size() - pos);
  std::uint64_t bit = 0;
  auto next_bit = [&]() -> std::uint64_t {
    const auto byte = static_cast<unsigned>(
        static_cast<unsigned char>(g.data[pos + bit / 6]) - kBias);
    const std::uint64_t value = (byte >> (5 - bit % 6)) & 1;
    ++bit;
    return value;
  };
  EdgeCollector edges(name, options, 0);
  edges.Reserve(total_bits / (width + 1));
  std::uint64_t v = 0;
  // An incomplete (b, x) pair at the end is padding and is discarded.
  while (bit + 1 + static_cast<std::uint64_t>(width) <= total_bits) {
    const bool b = next_bit() != 0;
    std::uint64_t x = 0;
    for (int i = 0; i < width; ++i) x = (x << 1) | next_bit();
    if (b) ++v;
    if (x > v) {
      v = x;
    } else if (v < n) {
      edges.Add(static_cast<Vertex>(x), static_cast<Vertex>(v), g.line);
    }
  }
  return edges.Build(static_cast<Vertex>(n));
}

void WriteSparse6(const Graph& graph, std::ostream& out) {
  const Vertex n = graph.num_vertices();
  const int width = SparseWidth(n);
  std::string line = ":";
  EncodeN(n, &line);
  BitWriter bits(&line);
  std::uint64_t last = 0;
  std::vector<Vertex> lower;
  // Edges {i, j}, i < j, sorted by j then i, as nauty's ntos6() emits them.
  for (Vertex j = 0; j < n; ++j) {
    lower.clear();
    for (const Vertex i : graph.neighbors(j)) {
      if (i < j) lower.push_back(i);
    }
    std::sort(lower.begin(), lower.end());
    for (const Vertex i : lower) {
      if (j == last) {
        bits.Put(false);
      } else {
        bits.Put(true);
        if (j > last + 1) {
          // Jump: b = 1 then x = j sets v = j; the edge follows with b = 0.
          bits.PutBits(j, width);
          bits.Put(false);
        }
        last = j;
      }
      bits.PutBits(i, width);
    }
  }
  const int free = bits.free_bits();
  if (free > 0) {
    // All-ones padding would read as an edge {n-1, n-1} in this one case;
    // nauty then starts the padding with a 0 bit.
    if (free >= width + 1 && n >= 2 && last == n - 2 &&
        n == (std::uint64_t{1} << width)) {
      bits.Put(false);
      bits.PutBits(~std::uint64_t{0}, free - 1);
    } else {
      bits.PutBits(~std::uint64_t{0}, free);
    }
  }
  Emit(line, out);
}

}  // namespace fcsim::io_internal
