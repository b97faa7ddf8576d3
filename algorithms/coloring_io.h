// Text formats for colourings and interval schedules (docs/coloring_format.md).
//
//   fcsim-coloring 1 a=<a> b=<b> n=<n>
//   <vertex> <c1> <c2> ...          one line per vertex, any order
//
//   fcsim-schedule 1 T=<p/q> n=<n>
//   <vertex> <l1>-<r1> <l2>-<r2> ...   half-open intervals, rationals
//
// Blank lines and lines starting with '#' are ignored. Readers check the
// syntax and that every vertex 0..n-1 appears exactly once; whether the
// output is a valid colouring is the checker's job (algorithms/checker.h).
// Every reader error is a ColoringFormatError with a one-line message
// "<name>:<line>: <problem>". Writers write to a temporary file in the same
// directory and rename it, so a reader never sees a half-written file.
#ifndef FCSIM_ALGORITHMS_COLORING_IO_H_
#define FCSIM_ALGORITHMS_COLORING_IO_H_

#include <iosfwd>
#include <stdexcept>
#include <string>

#include "algorithms/coloring.h"

namespace fcsim {

class ColoringFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Colours must lie in 0..a-1 (a <= 2^24), each at most once per line.
ABColoring ReadColoring(std::istream& in, const std::string& name);
ABColoring ReadColoring(const std::string& path);
void WriteColoring(std::ostream& out, const ABColoring& coloring);
// Throws std::runtime_error naming the path when writing fails.
void WriteColoring(const std::string& path, const ABColoring& coloring);

IntervalSchedule ReadSchedule(std::istream& in, const std::string& name);
IntervalSchedule ReadSchedule(const std::string& path);
void WriteSchedule(std::ostream& out, const IntervalSchedule& schedule);
void WriteSchedule(const std::string& path, const IntervalSchedule& schedule);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_COLORING_IO_H_
