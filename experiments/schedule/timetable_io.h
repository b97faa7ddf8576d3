// The timetable formats fcsim writes and reads back (docs/schedule.md):
//
//  * JSON, canonical: keys sorted, schema docs/schedule.schema.json
//    ("format": "fcsim-timetable", "version": 1);
//  * CSV: a "# fcsim-timetable 1 ..." line with the frame, then
//    "job,demand,slot,start,end" rows, one per job and slot (start/end of the
//    slot's first occurrence, UTC; when read, they may be empty but must
//    otherwise match the slot);
//  * iCalendar (RFC 5545): one VEVENT per job and slot, repeating every
//    frame (RRULE), with X-FCSIM-* properties that make it readable back
//    (when read, DTSTART decides the slot). A job without slots has no
//    event, so it reads back as missing (which --check reports as a FAIL).
//
// Readers throw TimetableFormatError with "<file>:<line>: <problem>".
#ifndef FCSIM_EXPERIMENTS_SCHEDULE_TIMETABLE_IO_H_
#define FCSIM_EXPERIMENTS_SCHEDULE_TIMETABLE_IO_H_

#include <iosfwd>
#include <string>

#include "experiments/schedule/timetable.h"

namespace fcsim {

inline constexpr int kTimetableVersion = 1;

void WriteTimetableJson(std::ostream& out, const Timetable& table,
                        const std::string& generator);
void WriteTimetableCsv(std::ostream& out, const Timetable& table);
// Needs whole seconds (slot length); the caller checks granularity.
void WriteTimetableIcs(std::ostream& out, const Timetable& table);

Timetable ReadTimetableJson(std::istream& in, const std::string& name);
Timetable ReadTimetableCsv(std::istream& in, const std::string& name);
Timetable ReadTimetableIcs(std::istream& in, const std::string& name);
// Detects the format from the content: '{' -> JSON, "BEGIN:VCALENDAR" ->
// iCalendar, "# fcsim-timetable" -> CSV.
Timetable ReadTimetable(const std::string& path);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_SCHEDULE_TIMETABLE_IO_H_
