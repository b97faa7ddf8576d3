#include "algorithms/coloring_io.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

namespace fcsim {
namespace {

ABColoring C5FiveTwo() {
  ABColoring c(5, 2, 5);
  for (Vertex v = 0; v < 5; ++v) {
    c.Insert(v, (2 * v) % 5);
    c.Insert(v, (2 * v + 1) % 5);
  }
  return c;
}

TEST(ColoringIo, ColoringRoundTripThroughStreamAndFile) {
  const ABColoring c = C5FiveTwo();
  std::stringstream text;
  WriteColoring(text, c);
  EXPECT_EQ(text.str().substr(0, text.str().find('\n')),
            "fcsim-coloring 1 a=5 b=2 n=5");
  EXPECT_EQ(ReadColoring(text, "mem"), c);

  const std::string dir = ::testing::TempDir();
  const std::string path =
      dir + "/c5_" + std::to_string(static_cast<long>(::getpid())) + ".col";
  WriteColoring(path, c);
  EXPECT_EQ(ReadColoring(path), c);
  // No temporary file is left behind.
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().string().find(path + ".tmp"), std::string::npos);
  }
  std::filesystem::remove(path);
}

TEST(ColoringIo, ReadsAnyOrderCommentsAndEmptySets) {
  std::istringstream in(
      "# a comment\n"
      "fcsim-coloring 1 a=3 b=1 n=3\n"
      "\n"
      "2 2\n"
      "0 0 1\n"
      "1\n");
  const ABColoring c = ReadColoring(in, "mem");
  EXPECT_EQ(c.Count(0), 2u);
  EXPECT_EQ(c.Count(1), 0u);
  EXPECT_TRUE(c.Contains(2, 2));
}

void ExpectColoringError(const std::string& text, const std::string& part) {
  std::istringstream in(text);
  try {
    ReadColoring(in, "x.col");
    ADD_FAILURE() << "accepted: " << text;
  } catch (const ColoringFormatError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(part), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(ColoringIo, ColoringErrorsNameTheLine) {
  ExpectColoringError("", "x.col:0: missing");
  ExpectColoringError("fcsim-schedule 1 T=1 n=1\n", "x.col:1: expected header");
  ExpectColoringError("fcsim-coloring 2 a=1 b=1 n=1\n", "version");
  ExpectColoringError("fcsim-coloring 1 a=1 n=1\n", "x.col:1: header needs");
  ExpectColoringError("fcsim-coloring 1 a=2 b=3 n=1\n0 0\n", "b must be");
  ExpectColoringError("fcsim-coloring 1 a=3 b=1 n=2\n0 0\n0 1\n",
                      "x.col:3: vertex 0 appears twice");
  ExpectColoringError("fcsim-coloring 1 a=3 b=1 n=2\n1 0\n",
                      "vertex 0 has no line");
  ExpectColoringError("fcsim-coloring 1 a=3 b=1 n=2\n0 0\n1 3\n",
                      "x.col:3: colour 3 outside 0..2");
  ExpectColoringError("fcsim-coloring 1 a=3 b=1 n=2\n0 x\n", "bad colour 'x'");
  ExpectColoringError("fcsim-coloring 1 a=3 b=1 n=2\n0 1 1\n", "repeated");
  ExpectColoringError("fcsim-coloring 1 a=3 b=1 n=2\n5 1\n", "outside 0..1");
  EXPECT_THROW(ReadColoring("/nonexistent/dir/file.col"), ColoringFormatError);
  EXPECT_THROW(WriteColoring("/nonexistent/dir/file.col", C5FiveTwo()),
               std::runtime_error);
}

TEST(ColoringIo, ScheduleRoundTripAndErrors) {
  const IntervalSchedule s = IntervalSchedule::FromLists(
      Rational(5, 2),
      {{{Rational(0), Rational(1, 2)}, {Rational(3, 2), Rational(2)}},
       {},
       {{Rational(1, 3), Rational(4, 3)}}});
  std::stringstream text;
  WriteSchedule(text, s);
  EXPECT_EQ(text.str(),
            "fcsim-schedule 1 T=5/2 n=3\n0 0-1/2 3/2-2\n1\n2 1/3-4/3\n");
  EXPECT_EQ(ReadSchedule(text, "mem"), s);
  const std::string path = ::testing::TempDir() + "/s_" +
                           std::to_string(static_cast<long>(::getpid())) +
                           ".sched";
  WriteSchedule(path, s);
  EXPECT_EQ(ReadSchedule(path), s);
  std::filesystem::remove(path);

  for (const auto& [bad, part] :
       std::vector<std::pair<std::string, std::string>>{
           {"fcsim-schedule 1 T=0 n=1\n0\n", "T must be positive"},
           {"fcsim-schedule 1 T=1/0 n=1\n0\n", "x.s:1: bad T"},
           {"fcsim-schedule 1 T=1 n=1\n0 1/2\n", "x.s:2: bad interval '1/2'"},
           {"fcsim-schedule 1 T=1 n=1\n0 0-a\n", "x.s:2: bad hi"},
           {"fcsim-schedule 1 T=1 n=2\n0 0-1\n", "vertex 1 has no line"}}) {
    std::istringstream in(bad);
    try {
      ReadSchedule(in, "x.s");
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const ColoringFormatError& e) {
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
          << e.what();
    }
  }
}

}  // namespace
}  // namespace fcsim
