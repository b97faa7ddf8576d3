// Jobs files and conflict graphs for `fcsim schedule` (docs/schedule.md).
//
// A jobs file is CSV (RFC 4180 quoting), one job per record:
//
//   job,resources,demand          optional header (first field "job")
//   render,gpu0;disk,2            resources separated by ';'
//   "backup, nightly",disk        quoted fields may hold ',' and '""'
//   idle,                         no resources: conflicts with nothing
//
// Blank lines and lines whose first non-blank character is '#' are ignored.
// Demand is a positive integer (default 1, at most kMaxDemand). Jobs sharing
// a resource conflict. Every reader error is a JobsFormatError with a
// one-line message "<file>:<line>: <problem>".
//
// Demand is honoured by expansion: job j with demand d becomes a clique of d
// copies, and every copy of j is adjacent to every copy of each job that
// conflicts with j. In any a:b-colouring of the expanded graph the copies of
// j hold pairwise disjoint colour sets, so the union (j's slots) has at least
// d*b colours: job j gets a share of at least d*b/a = d/weight of the frame,
// and two conflicting jobs never share a slot.
#ifndef FCSIM_EXPERIMENTS_SCHEDULE_JOBS_H_
#define FCSIM_EXPERIMENTS_SCHEDULE_JOBS_H_

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/graph.h"

namespace fcsim {

class JobsFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::uint32_t kMaxDemand = 1024;
// Conflict pairs generated before de-duplication (resource cliques, or the
// expanded graph's edges): 2e7 pairs are about 160 MB of adjacency.
inline constexpr std::uint64_t kDefaultMaxConflictPairs = 20'000'000;

// Jobs with their resources (CSR: resources of job j are
// resource_ids[resource_offsets[j] .. resource_offsets[j+1]), ascending).
struct JobSet {
  std::vector<std::string> names;
  std::vector<std::uint32_t> demand;
  std::vector<std::string> resource_names;
  std::vector<std::uint64_t> resource_offsets{0};
  std::vector<std::uint32_t> resource_ids;
  // The 1-based line of each job in its file (0 for JobsFromGraph).
  std::vector<std::uint64_t> lines;

  std::uint32_t num_jobs() const {
    return static_cast<std::uint32_t>(names.size());
  }
  std::span<const std::uint32_t> resources(std::uint32_t job) const {
    return {resource_ids.data() + resource_offsets[job],
            resource_ids.data() + resource_offsets[job + 1]};
  }
  // The first resource both jobs use, if any (by resource id).
  std::optional<std::uint32_t> SharedResource(std::uint32_t a,
                                              std::uint32_t b) const;
  bool AllUnitDemand() const;
};

// Splits one CSV record (RFC 4180 quoting, no embedded line breaks). Unquoted
// fields are trimmed of blanks. Throws std::invalid_argument with the
// problem (without file or line).
std::vector<std::string> SplitCsvRecord(std::string_view line);
// Quotes a field for CSV when it needs it (',', '"', leading/trailing blank).
std::string CsvField(std::string_view field);

JobSet ReadJobs(std::istream& in, const std::string& name);
JobSet ReadJobs(const std::string& path);
// Jobs named "0".."n-1", demand 1, no resources (for graph inputs).
JobSet JobsFromGraph(Vertex n);

// The conflict graph: an edge between every two jobs sharing a resource.
// Refuses (std::invalid_argument naming the largest resource) when the
// resource cliques hold more than max_pairs pairs.
Graph BuildConflictGraph(const JobSet& jobs,
                         std::uint64_t max_pairs = kDefaultMaxConflictPairs);

// The demand expansion of `conflicts` (see the top comment). copy_offsets
// gets n+1 entries: the copies of job j are vertices copy_offsets[j] ..
// copy_offsets[j+1]-1. Refuses more than max_pairs edges or 2^28 vertices.
Graph ExpandDemands(const Graph& conflicts,
                    std::span<const std::uint32_t> demand,
                    std::vector<std::uint64_t>* copy_offsets,
                    std::uint64_t max_pairs = kDefaultMaxConflictPairs);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_SCHEDULE_JOBS_H_
