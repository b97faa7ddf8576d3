#include "experiments/schedule/timetable_io.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "experiments/schedule/adapters.h"

namespace fcsim {
namespace {

Timetable Sample(bool with_idle = true) {
  Timetable t;
  t.frame_slots = 4;
  t.base_slots = 1;
  t.slot_ns = 15 * 60 * kNanosPerSecond;
  t.epoch_s = ParseEpoch("2027-01-01T00:00:00Z");
  t.graph_hash = "fnv1a64:0123456789abcdef";
  t.AddJob("render", 1, {0, 2});
  t.AddJob("backup, \"nightly\"; long name with a lot of text to fold it", 2,
           {1, 3});
  if (with_idle) t.AddJob("idle", 1, {});
  return t;
}

void ExpectSameSlots(const Timetable& a, const Timetable& b) {
  ASSERT_EQ(a.num_jobs(), b.num_jobs());
  EXPECT_EQ(a.frame_slots, b.frame_slots);
  EXPECT_EQ(a.base_slots, b.base_slots);
  EXPECT_EQ(a.slot_ns, b.slot_ns);
  EXPECT_EQ(a.epoch_s, b.epoch_s);
  for (std::uint32_t j = 0; j < a.num_jobs(); ++j) {
    EXPECT_EQ(a.jobs[j], b.jobs[j]);
    EXPECT_EQ(a.demand[j], b.demand[j]);
    EXPECT_EQ(
        std::vector<std::uint32_t>(a.slots_of(j).begin(), a.slots_of(j).end()),
        std::vector<std::uint32_t>(b.slots_of(j).begin(), b.slots_of(j).end()));
  }
}

TEST(ScheduleTimetableIo, JsonRoundTrip) {
  const Timetable t = Sample();
  std::stringstream s;
  WriteTimetableJson(s, t, "fcsim test");
  const std::string text = s.str();
  EXPECT_NE(text.find("\"weight\": \"4\""), std::string::npos);
  EXPECT_NE(text.find("\"frame_length\": \"1h\""), std::string::npos);
  ExpectSameSlots(t, ReadTimetableJson(s, "t.json"));
}

TEST(ScheduleTimetableIo, CsvRoundTripAndEditedStartIsRefused) {
  const Timetable t = Sample();
  std::stringstream s;
  WriteTimetableCsv(s, t);
  ExpectSameSlots(t, ReadTimetableCsv(s, "t.csv"));
  std::string text = s.str();
  // Change a slot number but not its start time: an error, not a silent
  // disagreement.
  const std::size_t row = text.find("render,1,2,");
  ASSERT_NE(row, std::string::npos);
  text.replace(row, 11, "render,1,1,");
  std::istringstream edited(text);
  EXPECT_THROW(ReadTimetableCsv(edited, "t.csv"), TimetableFormatError);
}

TEST(ScheduleTimetableIo, IcsRoundTripFoldsAndEscapes) {
  // A job without slots has no event (valid timetables have none).
  const Timetable t = Sample(/*with_idle=*/false);
  std::stringstream s;
  WriteTimetableIcs(s, t);
  const std::string text = s.str();
  EXPECT_NE(text.find("RRULE:FREQ=HOURLY;INTERVAL=1\r\n"), std::string::npos);
  EXPECT_NE(text.find("backup\\, \"nightly\"\\;"), std::string::npos);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_LE(line.size(), 76u) << line;  // 75 octets + '\r'
  }
  ExpectSameSlots(t, ReadTimetableIcs(s, "t.ics"));
}

TEST(ScheduleTimetableIo, DetectsFormatAndRefusesGarbage) {
  std::istringstream bad_json("{\"format\": \"other\"}");
  EXPECT_THROW(ReadTimetableJson(bad_json, "x"), TimetableFormatError);
  std::istringstream bad_csv("job,demand,slot,start,end\n");
  EXPECT_THROW(ReadTimetableCsv(bad_csv, "x"), TimetableFormatError);
  std::istringstream bad_ics("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  EXPECT_THROW(ReadTimetableIcs(bad_ics, "x"), TimetableFormatError);
  EXPECT_THROW(ReadTimetable("/nonexistent/t.json"), TimetableFormatError);
}

TEST(ScheduleAdapters, CronExpressionsFollowTheFrame) {
  Timetable t = Sample();  // 4 x 15 min = 1 h
  EXPECT_EQ(CronExpression(t, 0), "0 * * * *");
  EXPECT_EQ(CronExpression(t, 3), "45 * * * *");
  t.frame_slots = 2;  // 30 min
  EXPECT_EQ(CronExpression(t, 1), "15-59/30 * * * *");
  t.frame_slots = 8;  // 2 h
  EXPECT_EQ(CronExpression(t, 5), "15 1-23/2 * * *");
  t.frame_slots = 672;  // 7 d; 2027-01-01 is a Friday
  EXPECT_EQ(CronExpression(t, 96), "0 0 * * 6");
}

TEST(ScheduleAdapters, GranularityAndFrameErrors) {
  Timetable t = Sample();
  t.slot_ns = 30 * kNanosPerSecond;
  EXPECT_THROW(RenderCron(t, {}), AdapterError);
  EXPECT_THROW(RenderK8s(t, {}), AdapterError);
  EXPECT_NO_THROW(RenderSystemd(t, {}));  // 2 min frame: fine at 1 s
  t.slot_ns = 7 * 60 * kNanosPerSecond;   // 28 min frame
  try {
    RenderScrontab(t, {});
    FAIL();
  } catch (const AdapterError& e) {
    EXPECT_NE(std::string(e.what()).find("a frame of 28m cannot be expressed"),
              std::string::npos)
        << e.what();
  }
  t.slot_ns = 4 * kNanosPerSecond;  // taprio: > 2^32 ns is refused
  EXPECT_NO_THROW(RenderTaprio(t, {}));
  t.slot_ns = 5'000'000'000;
  EXPECT_THROW(RenderTaprio(t, {}), AdapterError);
}

TEST(ScheduleAdapters, TaprioGateListAndNames) {
  Timetable t = Sample();
  t.slot_ns = 250'000;
  const std::string tc = RenderTaprio(t, {});
  // Slots 0,2: render (bit 0); 1,3: job 1 (bit 1).
  EXPECT_NE(tc.find("sched-entry S 1 250000 \\\n    sched-entry S 2 250000"),
            std::string::npos)
      << tc;
  EXPECT_NE(tc.find("num_tc 3"), std::string::npos);
  EXPECT_EQ(
      Dns1123Name("fcsim", "Render_GPU #1", 40).rfind("fcsim-render-gpu-1-", 0),
      0u);
  EXPECT_EQ(ExpandCommand("x {job} {slot} {seconds}", "a b", 3,
                          60 * kNanosPerSecond, 1),
            "x 'a b' 3 60");
  EXPECT_THROW(ExpandCommand("{nope}", "a", 0, kNanosPerSecond, 1),
               AdapterError);
}

}  // namespace
}  // namespace fcsim
