// Timetables: an a:b-colouring of jobs read as a periodic, conflict-free
// time-share schedule (docs/schedule.md).
//
// Time is cut into slots of length `slot_ns` from the epoch on; a frame is
// `frame_slots` = a consecutive slots and repeats forever. Job j runs in the
// slots of its list in every frame: slot s of frame k is the half-open
// interval [epoch + (k*a + s)*slot, epoch + (k*a + s + 1)*slot). A valid
// timetable never puts two conflicting jobs in one slot and gives job j at
// least demand(j)*b slots, i.e. a share >= demand(j)/weight with weight a/b.
#ifndef FCSIM_EXPERIMENTS_SCHEDULE_TIMETABLE_H_
#define FCSIM_EXPERIMENTS_SCHEDULE_TIMETABLE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/coloring.h"
#include "algorithms/rational.h"
#include "experiments/schedule/jobs.h"
#include "sim/graph.h"

namespace fcsim {

// A timetable file that cannot be read (exit code 2): one line,
// "<file>:<line>: <problem>".
class TimetableFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

// "10m" -> 600e9. Units ns, us, ms, s, m (or min), h, d; a positive integer
// count. Throws std::invalid_argument naming the text.
std::int64_t ParseDuration(std::string_view text);
// The largest unit that divides exactly: 600e9 -> "10m", 1500e6 -> "1500ms".
std::string FormatDuration(std::int64_t ns);
// "2027-01-01T00:00:00Z" (UTC, whole seconds, years 1970..9999) -> seconds
// since 1970-01-01T00:00:00Z. Throws std::invalid_argument.
std::int64_t ParseEpoch(std::string_view text);
// Nanoseconds since 1970 -> "2027-01-01T00:10:00Z" (fraction when needed).
std::string FormatInstant(std::int64_t ns_since_1970);
// "20270101T001000Z" (iCalendar UTC form) <-> seconds since 1970.
std::string FormatIcsInstant(std::int64_t seconds_since_1970);
std::int64_t ParseIcsInstant(std::string_view text);

// "fnv1a64:<16 hex digits>" of records.h's GraphHash (docs/records.md).
std::string TimetableGraphHash(const Graph& graph);

struct Timetable {
  std::uint32_t frame_slots = 0;  // a
  std::uint32_t base_slots = 0;   // b: slots of a demand-1 job
  std::int64_t slot_ns = 0;
  std::int64_t epoch_s = 0;  // seconds since 1970-01-01T00:00:00Z
  std::vector<std::string> jobs;
  std::vector<std::uint32_t> demand;
  // Slots of job j: slots[slot_offsets[j] .. slot_offsets[j+1]), ascending.
  std::vector<std::uint64_t> slot_offsets{0};
  std::vector<std::uint32_t> slots;
  // Provenance, written to JSON (informational when read back).
  std::string graph_source;
  std::string graph_kind;  // "jobs" or "graph"
  std::string graph_hash;
  std::uint64_t conflicts = 0;
  std::string algorithm;
  std::string requested_algorithm;
  std::string fallback_reason;
  std::string params;
  std::string ids;
  std::uint64_t seed = 0;
  std::uint64_t rounds = 0;
  std::string verdict;

  std::uint32_t num_jobs() const {
    return static_cast<std::uint32_t>(jobs.size());
  }
  std::span<const std::uint32_t> slots_of(std::uint32_t j) const {
    return {slots.data() + slot_offsets[j], slots.data() + slot_offsets[j + 1]};
  }
  // a/b; throws std::invalid_argument when b == 0.
  Rational weight() const;
  // Frame length a*slot in ns; throws std::overflow_error when it does not
  // fit in 64 bits.
  std::int64_t frame_ns() const;
  // Start of slot s in frame 0, in ns since 1970.
  std::int64_t SlotStartNs(std::uint32_t s) const;
  // Appends a job (slots need not be sorted; duplicates are refused with
  // std::invalid_argument).
  void AddJob(std::string name, std::uint32_t job_demand,
              std::vector<std::uint32_t> job_slots);
};

// Job j's slots = the union of the colours of its copies copy_offsets[j] ..
// copy_offsets[j+1]-1 in the expanded colouring (jobs.h).
Timetable TimetableFromColoring(const ABColoring& expanded,
                                std::span<const std::uint64_t> copy_offsets,
                                const JobSet& jobs, std::int64_t slot_ns,
                                std::int64_t epoch_s);

struct TimetableCheck {
  bool passed = false;
  std::string message;  // "PASS" or the first violation, one line
  // Least share over jobs, as |slots| / (demand * a) (meaningful when
  // every job is in the timetable).
  Rational min_share_per_demand = 0;
};

// Validates `table` against the conflict graph of `jobs` (vertex j = job j).
// Structural mismatches (a job unknown to the jobs file, a slot outside the
// frame, a demand that differs, weight != a/b) throw TimetableFormatError
// naming `table_name`. Violations, in this order, make a FAIL:
//  * edges {u, v}, u < v ascending: no common slot (the smallest is named
//    with both jobs, its first start time and, for jobs files, a shared
//    resource);
//  * jobs in file order: at least demand*b slots (a missing job has 0).
TimetableCheck CheckTimetable(const Timetable& table,
                              const std::string& table_name,
                              const Graph& conflicts, const JobSet& jobs);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_SCHEDULE_TIMETABLE_H_
