// Row sources (sim/partition.h) for distributed runs: each rank evaluates
// only its own rows. Generated families whose rows are a formula of the
// vertex number (grid/torus boxes of any dimension, cycles, paths) and the
// binary CSR file format (.fcsr, docs/formats.md), read by rows with pread.
#ifndef FCSIM_GRAPHS_ROW_SOURCES_H_
#define FCSIM_GRAPHS_ROW_SOURCES_H_

#include <memory>
#include <string>
#include <vector>

#include "sim/graph.h"
#include "sim/partition.h"

namespace fcsim {

// Row-major d-dimensional box or torus: the rows Grid(sides, torus) has,
// in the same port order (Grid builds its CSR from this class).
class GridRowSource : public RowSource {
 public:
  GridRowSource(std::vector<Vertex> sides, bool torus);
  std::uint64_t num_vertices() const override { return n_; }
  Port Degree(Vertex v) const override;
  void AppendRow(Vertex v, std::vector<Vertex>* out) const override;
  // Writes v's Degree(v) neighbours to out.
  void Fill(Vertex v, Vertex* out) const;

 private:
  std::vector<Vertex> sides_, stride_;
  bool torus_;
  Vertex n_ = 0;
};

// Cycle(n) (i ~ i±1 mod n) or Path(n), in the generators' port order.
class CycleRowSource : public RowSource {
 public:
  CycleRowSource(Vertex n, bool cycle);
  std::uint64_t num_vertices() const override { return n_; }
  Port Degree(Vertex v) const override;
  void AppendRow(Vertex v, std::vector<Vertex>* out) const override;

 private:
  Vertex n_;
  bool cycle_;
};

// The binary CSR file: "FCSR0001", u64 n, u64 2m, u64 offsets[n+1],
// u32 adjacency[2m] (little-endian). Rows are read with pread; the block
// boundaries come from a binary search on the stored offsets.
class CsrFileRowSource : public RowSource {
 public:
  explicit CsrFileRowSource(const std::string& path);  // GraphFormatError
  ~CsrFileRowSource() override;
  std::uint64_t num_vertices() const override { return n_; }
  Port Degree(Vertex v) const override;
  void AppendRow(Vertex v, std::vector<Vertex>* out) const override;
  std::vector<Vertex> EdgeBalancedBlocks(int parts) const override;

 private:
  std::uint64_t Offset(Vertex v) const;
  std::string path_;
  int fd_ = -1;
  std::uint64_t n_ = 0, edges_ = 0;
};

bool IsCsrFilePath(const std::string& path);  // ends with ".fcsr"
void WriteCsrFile(const Graph& g, const std::string& path);  // temp + rename
Graph ReadCsrFile(const std::string& path);  // whole graph, validated

// The row source of a spec ("grid:dims=...", "torus:dims=...",
// "cycle:n=...", "path:n=...") or a .fcsr path; std::invalid_argument for
// anything else (naming what distributed runs accept).
std::unique_ptr<RowSource> MakeRowSource(const std::string& spec_or_path);

}  // namespace fcsim

#endif  // FCSIM_GRAPHS_ROW_SOURCES_H_
