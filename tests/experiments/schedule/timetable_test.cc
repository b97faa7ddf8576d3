#include "experiments/schedule/timetable.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "experiments/records.h"

namespace fcsim {
namespace {

JobSet Parse(const std::string& text) {
  std::istringstream in(text);
  return ReadJobs(in, "jobs.csv");
}

TEST(ScheduleTimetable, DurationsAndInstants) {
  EXPECT_EQ(ParseDuration("10m"), 600 * kNanosPerSecond);
  EXPECT_EQ(ParseDuration("1500ms"), 1'500'000'000);
  EXPECT_EQ(ParseDuration("2min"), 120 * kNanosPerSecond);
  EXPECT_EQ(FormatDuration(600 * kNanosPerSecond), "10m");
  EXPECT_EQ(FormatDuration(1'500'000'000), "1500ms");
  for (const char* bad : {"", "0s", "5", "5x", "-1s", "99999999999d"}) {
    EXPECT_THROW(ParseDuration(bad), std::invalid_argument) << bad;
  }
  const std::int64_t e = ParseEpoch("2027-01-01T00:10:00Z");
  EXPECT_EQ(e, 1798762200);
  EXPECT_EQ(FormatInstant(e * kNanosPerSecond + 500'000'000),
            "2027-01-01T00:10:00.5Z");
  EXPECT_EQ(FormatIcsInstant(e), "20270101T001000Z");
  EXPECT_EQ(ParseIcsInstant("20270101T001000Z"), e);
  for (const char* bad : {"2027-02-30T00:00:00Z", "2027-01-01 00:00:00Z",
                          "1969-12-31T23:59:59Z", "2027-01-01T24:00:00Z"}) {
    EXPECT_THROW(ParseEpoch(bad), std::invalid_argument) << bad;
  }
}

TEST(ScheduleTimetable, GraphHashIsRecordsHash) {
  const JobSet jobs = Parse("a,r\nb,r\n");
  const Graph g = BuildConflictGraph(jobs);
  EXPECT_EQ(TimetableGraphHash(g), "fnv1a64:" + GraphHashHex(GraphHash(g)));
}

// Triangle a-b-c (resource r) plus d conflicting with c (resource s).
struct Fixture {
  JobSet jobs = Parse("a,r\nb,r\nc,r;s\nd,s,2\n");
  Graph g = BuildConflictGraph(jobs);
  Timetable Table(std::vector<std::vector<std::uint32_t>> slots) const {
    Timetable t;
    t.frame_slots = 5;
    t.base_slots = 1;
    t.slot_ns = 60 * kNanosPerSecond;
    t.epoch_s = ParseEpoch("2027-01-01T00:00:00Z");
    for (std::uint32_t j = 0; j < jobs.num_jobs(); ++j) {
      t.AddJob(jobs.names[j], jobs.demand[j], slots[j]);
    }
    return t;
  }
};

TEST(ScheduleTimetable, CheckPassesAndReportsLeastShare) {
  Fixture f;
  const TimetableCheck c =
      CheckTimetable(f.Table({{0}, {1}, {2}, {3, 4}}), "t", f.g, f.jobs);
  EXPECT_TRUE(c.passed) << c.message;
  EXPECT_EQ(c.min_share_per_demand, Rational(1, 5));
}

TEST(ScheduleTimetable, ConflictNamesBothJobsSlotAndResource) {
  Fixture f;
  const TimetableCheck c =
      CheckTimetable(f.Table({{0}, {1}, {2, 3}, {3, 4}}), "t", f.g, f.jobs);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.message,
            "jobs 'c' and 'd' conflict (both need resource 's') but both run "
            "in slot 3 (first at 2027-01-01T00:03:00Z, every 5m)");
}

TEST(ScheduleTimetable, ShortShareAndStructuralErrors) {
  Fixture f;
  const TimetableCheck c =
      CheckTimetable(f.Table({{0}, {1}, {2}, {3}}), "t", f.g, f.jobs);
  EXPECT_FALSE(c.passed);
  EXPECT_NE(c.message.find("job 'd' gets 1 of 5 slots"), std::string::npos)
      << c.message;
  Timetable bad = f.Table({{0}, {1}, {7}, {3, 4}});
  EXPECT_THROW(CheckTimetable(bad, "t", f.g, f.jobs), TimetableFormatError);
  Timetable unknown = f.Table({{0}, {1}, {2}, {3, 4}});
  unknown.AddJob("zz", 1, {0});
  EXPECT_THROW(CheckTimetable(unknown, "t", f.g, f.jobs), TimetableFormatError);
  EXPECT_THROW(f.Table({{0, 0}, {1}, {2}, {3, 4}}), std::invalid_argument);
}

TEST(ScheduleTimetable, FromColoringUnitesCopies) {
  Fixture f;
  std::vector<std::uint64_t> copies;
  const Graph x = ExpandDemands(f.g, f.jobs.demand, &copies);
  ABColoring col(5, 1, x.num_vertices());
  const std::uint32_t colours[] = {0, 1, 2, 3, 4};
  for (Vertex v = 0; v < x.num_vertices(); ++v) col.Insert(v, colours[v]);
  const Timetable t =
      TimetableFromColoring(col, copies, f.jobs, kNanosPerSecond, 0);
  ASSERT_EQ(t.num_jobs(), 4u);
  EXPECT_EQ(
      std::vector<std::uint32_t>(t.slots_of(3).begin(), t.slots_of(3).end()),
      (std::vector<std::uint32_t>{3, 4}));
  EXPECT_TRUE(CheckTimetable(t, "t", f.g, f.jobs).passed);
}

}  // namespace
}  // namespace fcsim
