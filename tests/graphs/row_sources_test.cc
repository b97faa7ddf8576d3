// Row sources give exactly the rows (and port order) of the generators and
// of the graph a .fcsr file holds; bad files are one-line errors.
#include "graphs/row_sources.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "graphs/generators.h"
#include "graphs/io.h"

namespace fcsim {
namespace {

void ExpectSameRows(const RowSource& rows, const Graph& g) {
  ASSERT_EQ(rows.num_vertices(), g.num_vertices());
  std::vector<Vertex> row;
  for (Vertex v = 0; v < g.num_vertices(); ++v) {
    row.clear();
    rows.AppendRow(v, &row);
    ASSERT_EQ(rows.Degree(v), g.degree(v)) << v;
    const auto want = g.neighbors(v);
    ASSERT_EQ(row, std::vector<Vertex>(want.begin(), want.end())) << v;
  }
}

TEST(RowSources, GeneratedRowsEqualTheGenerators) {
  ExpectSameRows(GridRowSource({7, 5}, false), Grid({7, 5}));
  ExpectSameRows(GridRowSource({4, 3, 5}, false), Grid({4, 3, 5}));
  ExpectSameRows(GridRowSource({6, 4}, true), Grid({6, 4}, true));
  ExpectSameRows(GridRowSource({3, 3, 4}, true), Grid({3, 3, 4}, true));
  ExpectSameRows(CycleRowSource(9, true), Cycle(9));
  ExpectSameRows(CycleRowSource(3, true), Cycle(3));
  ExpectSameRows(CycleRowSource(8, false), Path(8));
  ExpectSameRows(*MakeRowSource("grid:dims=6x5,torus=1"), Grid({6, 5}, true));
  ExpectSameRows(*MakeRowSource("torus:dims=4x4"), Grid({4, 4}, true));
  ExpectSameRows(*MakeRowSource("path:n=1e1"), Path(10));
  EXPECT_THROW(MakeRowSource("regular:n=10,d=3"), std::invalid_argument);
  EXPECT_THROW(MakeRowSource("grid:dims=0x3"), std::invalid_argument);
  EXPECT_THROW(MakeRowSource("cycle:n=abc"), std::invalid_argument);
}

TEST(RowSources, CsrFileRoundTripsAndIsReadByRows) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "fcsim_rows_test.fcsr")
          .string();
  const Graph g = RandomRegular(50, 3, 2);
  WriteCsrFile(g, path);
  const CsrFileRowSource rows(path);
  ExpectSameRows(rows, g);
  EXPECT_EQ(rows.EdgeBalancedBlocks(3),
            GraphRowSource(g).EdgeBalancedBlocks(3));
  const Graph back = ReadCsrFile(path);
  EXPECT_EQ(back.adjacency(), g.adjacency());
  // A truncated file and a foreign file are refused.
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 4);
  EXPECT_THROW(CsrFileRowSource{path}, GraphFormatError);
  std::ofstream(path) << "0 1\n1 2\n";
  EXPECT_THROW(CsrFileRowSource{path}, GraphFormatError);
  std::filesystem::remove(path);
  EXPECT_THROW(CsrFileRowSource{path}, GraphFormatError);
}

TEST(RowSources, EdgeBalancedBlocksSplitTheEdgesEvenly) {
  const Graph g = Grid({40, 25});
  const GridRowSource rows({40, 25}, false);
  for (int parts = 1; parts <= 5; ++parts) {
    const std::vector<Vertex> blocks = rows.EdgeBalancedBlocks(parts);
    ASSERT_EQ(blocks, GraphRowSource(g).EdgeBalancedBlocks(parts));
    ASSERT_EQ(blocks.front(), 0u);
    ASSERT_EQ(blocks.back(), g.num_vertices());
    for (int k = 0; k < parts; ++k) {
      const EdgeIndex edges =
          g.edge_begin(blocks[k + 1]) - g.edge_begin(blocks[k]);
      EXPECT_LE(edges, g.num_directed_edges() / parts + 4);
    }
  }
}

}  // namespace
}  // namespace fcsim
