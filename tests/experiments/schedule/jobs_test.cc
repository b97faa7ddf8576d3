#include "experiments/schedule/jobs.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace fcsim {
namespace {

JobSet Parse(const std::string& text) {
  std::istringstream in(text);
  return ReadJobs(in, "jobs.csv");
}

std::string ErrorOf(const std::string& text) {
  try {
    Parse(text);
  } catch (const JobsFormatError& e) {
    return e.what();
  }
  return "";
}

TEST(ScheduleJobs, ReadsHeaderQuotesCommentsAndDemand) {
  const JobSet jobs = Parse(
      "\xEF\xBB\xBFjob,resources,demand\r\n"
      "# a comment\n"
      "render,gpu0;disk,2\n"
      "\"backup, nightly\",disk\n"
      "idle,\n"
      "twice,gpu0;gpu0,\n");
  ASSERT_EQ(jobs.num_jobs(), 4u);
  EXPECT_EQ(jobs.names[1], "backup, nightly");
  EXPECT_EQ(jobs.demand, (std::vector<std::uint32_t>{2, 1, 1, 1}));
  EXPECT_EQ(jobs.resources(2).size(), 0u);
  EXPECT_EQ(jobs.resources(3).size(), 1u);  // gpu0 named twice
  EXPECT_EQ(jobs.lines[0], 3u);
  EXPECT_FALSE(jobs.AllUnitDemand());
  ASSERT_TRUE(jobs.SharedResource(0, 1).has_value());
  EXPECT_EQ(jobs.resource_names[*jobs.SharedResource(0, 1)], "disk");
  EXPECT_FALSE(jobs.SharedResource(1, 3).has_value());
}

TEST(ScheduleJobs, ErrorsNameFileAndLine) {
  EXPECT_EQ(ErrorOf("a,x\na,y\n"),
            "jobs.csv:2: job 'a' already defined on line 1");
  EXPECT_NE(ErrorOf("a,x,0\n").find("jobs.csv:1: demand must be"),
            std::string::npos);
  EXPECT_NE(ErrorOf("a,x,1,9\n").find("expected 2 or 3 fields"),
            std::string::npos);
  EXPECT_NE(ErrorOf("a,x;;y\n").find("empty resource name"), std::string::npos);
  EXPECT_NE(ErrorOf("\"a,x\n").find("unterminated"), std::string::npos);
  EXPECT_NE(ErrorOf("# only comments\n").find("no jobs"), std::string::npos);
  EXPECT_NE(ErrorOf("job,res\n").find("header must be"), std::string::npos);
}

TEST(ScheduleJobs, CsvFieldRoundTrips) {
  for (const std::string s : {"plain", "a,b", "say \"hi\"", " pad", "#x"}) {
    const std::vector<std::string> f = SplitCsvRecord(CsvField(s) + ",z");
    ASSERT_EQ(f.size(), 2u) << s;
    EXPECT_EQ(f[0], s);
  }
}

TEST(ScheduleJobs, ConflictGraphIsUnionOfResourceCliques) {
  const JobSet jobs = Parse("a,r1\nb,r1;r2\nc,r2\nd,r1;r2\ne,\n");
  const Graph g = BuildConflictGraph(jobs);
  EXPECT_EQ(g.num_vertices(), 5u);
  // r1 = {a,b,d}, r2 = {b,c,d}: edges ab ad bd bc cd (bd once).
  EXPECT_EQ(g.num_edges(), 5u);
  EXPECT_EQ(g.degree(4), 0u);
  EXPECT_EQ(g.degree(1), 3u);
  EXPECT_NO_THROW(g.Validate());
}

TEST(ScheduleJobs, HugeResourceIsRefusedByName) {
  std::string text;
  for (int i = 0; i < 100; ++i) {
    // Appends only: GCC 12 -Wrestrict misfires on "literal" + std::string.
    text += 'j';
    text += std::to_string(i);
    text += ",shared\n";
  }
  const JobSet jobs = Parse(text);
  try {
    BuildConflictGraph(jobs, 1000);
    FAIL() << "expected a refusal";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("resource 'shared' alone is shared by "
                                         "100 jobs (4950 pairs)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(BuildConflictGraph(jobs, 4950).num_edges(), 4950u);
}

TEST(ScheduleJobs, DemandExpansionMakesCliquesAndBicliques) {
  const JobSet jobs = Parse("a,r,2\nb,r,3\nc,s,1\n");
  const Graph g = BuildConflictGraph(jobs);
  std::vector<std::uint64_t> copies;
  const Graph x = ExpandDemands(g, jobs.demand, &copies);
  EXPECT_EQ(copies, (std::vector<std::uint64_t>{0, 2, 5, 6}));
  // K_5 on the copies of a and b, c isolated.
  EXPECT_EQ(x.num_edges(), 10u);
  EXPECT_EQ(x.degree(5), 0u);
  EXPECT_NO_THROW(x.Validate());
  EXPECT_THROW(ExpandDemands(g, jobs.demand, &copies, 9),
               std::invalid_argument);
}

}  // namespace
}  // namespace fcsim
