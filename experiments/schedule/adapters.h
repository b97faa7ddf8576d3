// Export adapters: a Timetable (timetable.h) rendered for schedulers people
// install (docs/schedule.md, "Adapters"). Every adapter states its time
// granularity and the frames its recurrence can express; a timetable outside
// them is refused with AdapterError (one line, exit 2 in the CLI) before
// anything is written.
//
//   adapter    granularity  frame (period) it can express
//   cron       1 min        divides 60 min, or whole hours dividing 24 h, or 7
//   d scrontab   1 min        as cron (Slurm scrontab uses cron syntax) k8s 1
//   min        as cron (CronJob spec.schedule, timeZone Etc/UTC) systemd    1 s
//   divides 60 s, or whole minutes dividing 1 h, or
//                           whole hours dividing 24 h, or 7 d (OnCalendar)
//   taprio     1 ns         any; slots <= 2^32-1 ns, at most 16 jobs (traffic
//                           classes)
//
// Slot starts must also sit on the granularity (slot length and epoch).
#ifndef FCSIM_EXPERIMENTS_SCHEDULE_ADAPTERS_H_
#define FCSIM_EXPERIMENTS_SCHEDULE_ADAPTERS_H_

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "experiments/schedule/timetable.h"

namespace fcsim {

class AdapterError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct AdapterOptions {
  // The command each slot runs. Placeholders: {job} (the job name, quoted for
  // /bin/sh), {slot}, {seconds} (slot length, whole seconds), {demand}.
  std::string command = "timeout {seconds} run-job {job}";
  std::string image = "busybox:1.36";  // k8s container image
  std::string k8s_namespace;           // k8s metadata.namespace; "" = none
  std::string taprio_dev = "eth0";     // taprio network device
};

// The granularity of an adapter in ns, for messages and docs.
std::int64_t AdapterGranularityNs(const std::string& adapter);

// The command template with its placeholders filled in.
std::string ExpandCommand(const std::string& command_template,
                          const std::string& job, std::uint32_t slot,
                          std::int64_t slot_ns, std::uint32_t demand);
// A word quoted for /bin/sh when it needs it.
std::string ShellWord(const std::string& word);
// A DNS-1123 label from a job name: lower-case, [a-z0-9-], with an 8-hex
// hash of the original name for uniqueness; at most `max_length` (>= 20).
std::string Dns1123Name(const std::string& prefix, const std::string& job,
                        std::size_t max_length);

// The 5-field cron expression ("M H DOM MON DOW") of slot s, UTC.
std::string CronExpression(const Timetable& table, std::uint32_t slot);

std::string RenderCron(const Timetable& table, const AdapterOptions& options);
std::string RenderScrontab(const Timetable& table,
                           const AdapterOptions& options);
std::string RenderK8s(const Timetable& table, const AdapterOptions& options);
std::string RenderTaprio(const Timetable& table, const AdapterOptions& options);
// (file name, content) of a .timer and a .service per job.
std::vector<std::pair<std::string, std::string>> RenderSystemd(
    const Timetable& table, const AdapterOptions& options);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_SCHEDULE_ADAPTERS_H_
