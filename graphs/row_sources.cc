#include "graphs/row_sources.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "graphs/io.h"
#include "graphs/spec.h"

namespace fcsim {
namespace {

constexpr char kMagic[8] = {'F', 'C', 'S', 'R', '0', '0', '0', '1'};
constexpr std::uint64_t kHeaderBytes = 24;

std::uint64_t ParseCount(const std::string& spec, const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 1 || value != std::floor(value) ||
      value > 4294967295.0) {
    throw std::invalid_argument("graph spec '" + spec + "': bad count '" +
                                text + "'");
  }
  return static_cast<std::uint64_t>(value);
}

const std::string& Param(const GraphSpec& g, const std::string& spec,
                         const std::string& key) {
  const auto it = g.params.find(key);
  if (it == g.params.end()) {
    throw std::invalid_argument("graph spec '" + spec + "': " + g.family +
                                " needs " + key + "=...");
  }
  return it->second;
}

}  // namespace

GridRowSource::GridRowSource(std::vector<Vertex> sides, bool torus)
    : sides_(std::move(sides)), torus_(torus) {
  if (sides_.empty()) {
    throw std::invalid_argument("grid: at least one side length is needed");
  }
  std::uint64_t total = 1;
  for (Vertex s : sides_) {
    if (s == 0) throw std::invalid_argument("grid: side lengths must be >= 1");
    if (torus_ && s < 3) {
      throw std::invalid_argument("torus: side lengths must be >= 3 (got " +
                                  std::to_string(s) + ")");
    }
    total *= s;
    if (total > 0xffffffffull - 1) {
      throw std::invalid_argument("grid: more than 2^32-2 vertices");
    }
  }
  n_ = static_cast<Vertex>(total);
  stride_.assign(sides_.size(), 1);
  for (std::size_t i = sides_.size() - 1; i > 0; --i) {
    stride_[i - 1] = stride_[i] * sides_[i];
  }
}

Port GridRowSource::Degree(Vertex v) const {
  Port deg = 0;
  for (std::size_t i = 0; i < sides_.size(); ++i) {
    if (torus_) {
      deg += 2;
    } else {
      const Vertex c = (v / stride_[i]) % sides_[i];
      deg += (c > 0) + (c + 1 < sides_[i]);
    }
  }
  return deg;
}

void GridRowSource::Fill(Vertex v, Vertex* out) const {
  for (std::size_t i = 0; i < sides_.size(); ++i) {
    const Vertex c = (v / stride_[i]) % sides_[i];
    const Vertex wrap = (sides_[i] - 1) * stride_[i];
    if (c > 0) {
      *out++ = v - stride_[i];
    } else if (torus_) {
      *out++ = v + wrap;
    }
    if (c + 1 < sides_[i]) {
      *out++ = v + stride_[i];
    } else if (torus_) {
      *out++ = v - wrap;
    }
  }
}

void GridRowSource::AppendRow(Vertex v, std::vector<Vertex>* out) const {
  const std::size_t at = out->size();
  out->resize(at + Degree(v));
  Fill(v, out->data() + at);
  // Ports in ascending neighbour order, as Grid's CSR (BuildCsr) has them.
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(at), out->end());
}

CycleRowSource::CycleRowSource(Vertex n, bool cycle) : n_(n), cycle_(cycle) {
  if (cycle_ && n_ < 3) throw std::invalid_argument("cycle: n must be >= 3");
  if (n_ < 1) throw std::invalid_argument("path: n must be >= 1");
}

Port CycleRowSource::Degree(Vertex v) const {
  if (cycle_) return 2;
  return (v > 0) + (v + 1 < n_);
}

void CycleRowSource::AppendRow(Vertex v, std::vector<Vertex>* out) const {
  // Neighbour lists ascending, as Graph::FromEdges builds them.
  std::vector<Vertex> row;
  if (v > 0) row.push_back(v - 1);
  if (v + 1 < n_) row.push_back(v + 1);
  if (cycle_ && v == 0) row.push_back(n_ - 1);
  if (cycle_ && v + 1 == n_) row.insert(row.begin(), 0);
  std::sort(row.begin(), row.end());
  out->insert(out->end(), row.begin(), row.end());
}

bool IsCsrFilePath(const std::string& path) {
  return path.size() > 5 && path.ends_with(".fcsr");
}

CsrFileRowSource::CsrFileRowSource(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    throw GraphFormatError(path + ": cannot open: " + std::strerror(errno));
  }
  char header[kHeaderBytes];
  if (::pread(fd_, header, kHeaderBytes, 0) !=
          static_cast<ssize_t>(kHeaderBytes) ||
      std::memcmp(header, kMagic, 8) != 0) {
    ::close(fd_);
    throw GraphFormatError(path + ": not an fcsim CSR file (bad header)");
  }
  std::memcpy(&n_, header + 8, 8);
  std::memcpy(&edges_, header + 16, 8);
  const auto size = std::filesystem::file_size(path);
  if (n_ == 0 || n_ >= 0xffffffffull || edges_ % 2 != 0 ||
      size != kHeaderBytes + 8 * (n_ + 1) + 4 * edges_) {
    ::close(fd_);
    throw GraphFormatError(path + ": CSR file sizes do not match its header");
  }
}

CsrFileRowSource::~CsrFileRowSource() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t CsrFileRowSource::Offset(Vertex v) const {
  std::uint64_t off = 0;
  if (::pread(fd_, &off, 8, kHeaderBytes + 8 * std::uint64_t{v}) != 8 ||
      off > edges_) {
    throw GraphFormatError(path_ + ": bad offset of vertex " +
                           std::to_string(v));
  }
  return off;
}

Port CsrFileRowSource::Degree(Vertex v) const {
  const std::uint64_t a = Offset(v), b = Offset(v + 1);
  if (b < a) {
    throw GraphFormatError(path_ + ": offsets decrease at vertex " +
                           std::to_string(v));
  }
  return static_cast<Port>(b - a);
}

void CsrFileRowSource::AppendRow(Vertex v, std::vector<Vertex>* out) const {
  const std::uint64_t a = Offset(v), b = Offset(v + 1);
  if (b < a) {
    throw GraphFormatError(path_ + ": offsets decrease at vertex " +
                           std::to_string(v));
  }
  const std::size_t at = out->size();
  out->resize(at + (b - a));
  const std::uint64_t base = kHeaderBytes + 8 * (n_ + 1);
  const auto bytes = static_cast<ssize_t>(4 * (b - a));
  if (bytes > 0 &&
      ::pread(fd_, out->data() + at, bytes, base + 4 * a) != bytes) {
    throw GraphFormatError(path_ + ": truncated adjacency");
  }
}

std::vector<Vertex> CsrFileRowSource::EdgeBalancedBlocks(int parts) const {
  if (Offset(0) != 0 || Offset(static_cast<Vertex>(n_)) != edges_) {
    throw GraphFormatError(path_ + ": offsets do not span the adjacency");
  }
  return BlocksFromPrefix(n_, edges_, parts,
                          [&](Vertex v) { return Offset(v); });
}

void WriteCsrFile(const Graph& g, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::string temp_name = ".";
  temp_name += target.filename().string();
  temp_name += ".tmp-";
  temp_name += std::to_string(::getpid());
  const fs::path temp = target.parent_path() / temp_name;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw GraphFormatError(path + ": cannot write: " + std::strerror(errno));
    }
    const std::uint64_t n = g.num_vertices(), e = g.num_directed_edges();
    out.write(kMagic, 8);
    out.write(reinterpret_cast<const char*>(&n), 8);
    out.write(reinterpret_cast<const char*>(&e), 8);
    out.write(reinterpret_cast<const char*>(g.offsets().data()),
              static_cast<std::streamsize>(8 * (n + 1)));
    out.write(reinterpret_cast<const char*>(g.adjacency().data()),
              static_cast<std::streamsize>(4 * e));
    out.close();
    if (!out) {
      fs::remove(temp);
      throw GraphFormatError(path + ": write failed");
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp);
    throw GraphFormatError(path +
                           ": cannot rename into place: " + ec.message());
  }
}

Graph ReadCsrFile(const std::string& path) {
  const CsrFileRowSource src(path);
  const Vertex n = static_cast<Vertex>(src.num_vertices());
  std::vector<EdgeIndex> offsets(n + 1, 0);
  std::vector<Vertex> adjacency;
  for (Vertex v = 0; v < n; ++v) {
    src.AppendRow(v, &adjacency);
    offsets[v + 1] = adjacency.size();
  }
  try {
    Graph g(std::move(offsets), std::move(adjacency));
    g.Validate();
    return g;
  } catch (const std::invalid_argument& e) {
    throw GraphFormatError(path + ": " + e.what());
  }
}

std::unique_ptr<RowSource> MakeRowSource(const std::string& spec_or_path) {
  if (IsCsrFilePath(spec_or_path)) {
    return std::make_unique<CsrFileRowSource>(spec_or_path);
  }
  const GraphSpec g = ParseGraphSpec(spec_or_path);
  if (g.family == "grid" || g.family == "torus") {
    std::vector<Vertex> sides;
    const std::string& dims = Param(g, spec_or_path, "dims");
    std::size_t start = 0;
    while (start <= dims.size()) {
      const std::size_t x = dims.find('x', start);
      const std::string part = dims.substr(
          start, x == std::string::npos ? std::string::npos : x - start);
      sides.push_back(static_cast<Vertex>(ParseCount(spec_or_path, part)));
      if (x == std::string::npos) break;
      start = x + 1;
    }
    bool torus = g.family == "torus";
    if (const auto it = g.params.find("torus"); it != g.params.end()) {
      torus = it->second == "1" || it->second == "true";
    }
    return std::make_unique<GridRowSource>(std::move(sides), torus);
  }
  if (g.family == "cycle" || g.family == "path") {
    return std::make_unique<CycleRowSource>(
        static_cast<Vertex>(
            ParseCount(spec_or_path, Param(g, spec_or_path, "n"))),
        g.family == "cycle");
  }
  throw std::invalid_argument(
      "graph '" + spec_or_path +
      "': distributed runs generate grid, torus, cycle and path specs per "
      "rank, or read a .fcsr file (fcsim gen SPEC -o G.fcsr)");
}

}  // namespace fcsim
