// Result records: the graph hash, CSV flattening, JSONL append/read/repair,
// and the record `fcsim run --record/--csv` writes.
#include "experiments/records.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "fcsim_revision.h"  // generated: FCSIM_GIT_REVISION
#include "tests/experiments/cli_test_util.h"

namespace fcsim {
namespace {

using nlohmann::json;
using testing::ReadFile;
using testing::RunInProcess;
using testing::TempDir;
using testing::WriteFile;

TEST(GraphHash, DependsOnEdgesNotOnTheirOrder) {
  const std::vector<std::pair<Vertex, Vertex>> edges = {
      {0, 1}, {1, 2}, {2, 3}, {3, 0}};
  const std::vector<std::pair<Vertex, Vertex>> shuffled = {
      {3, 2}, {0, 3}, {2, 1}, {1, 0}};
  const Graph a = Graph::FromEdges(4, edges);
  const Graph b = Graph::FromEdges(4, shuffled);
  EXPECT_EQ(GraphHash(a), GraphHash(b));
  // Another edge, or another n, changes it.
  const std::vector<std::pair<Vertex, Vertex>> chord = {
      {0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 2}};
  EXPECT_NE(GraphHash(a), GraphHash(Graph::FromEdges(4, chord)));
  EXPECT_NE(GraphHash(a), GraphHash(Graph::FromEdges(5, edges)));
  // The documented definition: FNV-1a over the words n, u0, w0, ...
  std::uint64_t h = 14695981039346656037ull;
  for (std::uint64_t word : {4, 0, 1, 0, 3, 1, 2, 2, 3}) {
    h = (h ^ word) * 1099511628211ull;
  }
  EXPECT_EQ(GraphHash(a), h);
  EXPECT_EQ(GraphHashHex(0xabcull), "0000000000000abc");
}

TEST(Records, CsvQuotesAndFlattensPhases) {
  const json r = {
      {"graph", "regular:n=10,d=3"},
      {"params", "say \"hi\""},
      {"rounds", 7},
      {"phases", json::array({{{"name", "linial"}, {"rounds", 3}},
                              {{"name", "reduce"}, {"rounds", 4}}})},
      {"violation", {{"kind", "shared colour"}, {"message", "x"}}},
      {"weight_value", 3.5},
      {"a", nullptr}};
  const std::string row = CsvRow(r);
  EXPECT_NE(row.find("\"regular:n=10,d=3\""), std::string::npos) << row;
  EXPECT_NE(row.find("\"say \"\"hi\"\"\""), std::string::npos) << row;
  EXPECT_NE(row.find(",linial:3;reduce:4,"), std::string::npos) << row;
  EXPECT_NE(row.find(",shared colour,x,"), std::string::npos) << row;
  EXPECT_NE(row.find(",3.5,"), std::string::npos) << row;
  // Same number of columns as the header (no field holds a bare comma).
  const std::string header = CsvHeader();
  EXPECT_EQ(std::count(header.begin(), header.end(), ','), 42);
}

TEST(Records, TruncatedLastLineIsDetectedAndDropped) {
  TempDir dir;
  const std::string path = dir.File("r.jsonl");
  AppendRecordJsonl(path, json{{"graph", "a"}, {"seed", 1}});
  AppendRecordJsonl(path, json{{"graph", "b"}, {"seed", 2}});
  // A kill in the middle of the third write.
  WriteFile(path, ReadFile(path) + "{\"graph\":\"c\",\"se");
  RecordFile file = ReadRecords(path);
  EXPECT_TRUE(file.truncated_tail);
  ASSERT_EQ(file.records.size(), 2u);
  EXPECT_EQ(file.records[1]["graph"], "b");
  EXPECT_TRUE(RepairRecordFile(path));
  EXPECT_FALSE(RepairRecordFile(path));
  file = ReadRecords(path);
  EXPECT_FALSE(file.truncated_tail);
  EXPECT_EQ(file.records.size(), 2u);
  EXPECT_EQ(ReadFile(path).back(), '\n');
  // A complete line that is not JSON is an error naming file and line.
  WriteFile(path, ReadFile(path) + "garbage\n");
  try {
    ReadRecords(path);
    ADD_FAILURE() << "garbage accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("r.jsonl:3:"), std::string::npos)
        << e.what();
  }
  // A missing file has no records.
  EXPECT_TRUE(ReadRecords(dir.File("absent.jsonl")).records.empty());
}

TEST(Records, KeysIgnoreMeasurementsAndNormaliseEps) {
  const json r = {{"graph", "cycle:n=9"}, {"algorithm", "hhrs"},
                  {"eps", "1/2"},         {"seed", 3},
                  {"ids", "sparse"},      {"threads", 2},
                  {"rounds", 1}};
  EXPECT_EQ(RecordKey(r),
            RunKey("cycle:n=9", "hhrs", NormaliseEps("0.5"), 3, "sparse", 2));
  EXPECT_NE(RecordKey(r),
            RunKey("cycle:n=9", "hhrs", NormaliseEps("0.25"), 3, "sparse", 2));
  EXPECT_EQ(NormaliseEps(""), "");
}

TEST(Records, RunAppendsOneRecordPerRunToJsonlAndCsv) {
  TempDir dir;
  const std::string jsonl = dir.File("r.jsonl");
  const std::string csv = dir.File("r.csv");
  for (int seed : {1, 2}) {
    const testing::CliResult r =
        RunInProcess({"-q", "run", "--graph", "petersen", "--algo", "bep-delta",
                      "--eps", "0.5", "--seed", std::to_string(seed),
                      "--audit-samples", "2", "--record", jsonl, "--csv", csv});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  const RecordFile file = ReadRecords(jsonl);
  ASSERT_EQ(file.records.size(), 2u);
  const json& rec = file.records[1];
  EXPECT_EQ(rec["algorithm"], "bep-delta");
  EXPECT_EQ(rec["graph"], "petersen");
  EXPECT_EQ(rec["seed"], 2);
  EXPECT_EQ(rec["n"], 10);
  EXPECT_EQ(rec["m"], 15);
  EXPECT_EQ(rec["max_degree"], 3);
  EXPECT_EQ(rec["a"], 7);
  EXPECT_EQ(rec["b"], 2);
  EXPECT_EQ(rec["weight"], "7/2");
  EXPECT_DOUBLE_EQ(rec["weight_value"].get<double>(), 3.5);
  EXPECT_EQ(rec["eps"], "1/2");
  EXPECT_EQ(rec["verdict"], "PASS");
  EXPECT_TRUE(rec["violation"].is_null());
  EXPECT_EQ(rec["audit"]["mismatches"], 0);
  EXPECT_EQ(rec["graph_hash"].get<std::string>().size(), 16u);
  // Per-phase rounds add up to the total.
  std::uint64_t sum = 0;
  for (const json& p : rec["phases"]) sum += p["rounds"].get<std::uint64_t>();
  EXPECT_EQ(sum, rec["rounds"].get<std::uint64_t>());
  EXPECT_LE(rec["rounds"].get<std::uint64_t>(),
            rec["round_bound"].get<std::uint64_t>());
  EXPECT_EQ(rec["git_revision"], FCSIM_GIT_REVISION);
  // The CSV: a header and one row per record.
  const std::string text = ReadFile(csv);
  EXPECT_EQ(text.rfind(CsvHeader() + "\n", 0), 0u);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);
  EXPECT_NE(text.find(CsvRow(rec).substr(0, 40)), std::string::npos);
}

}  // namespace
}  // namespace fcsim
