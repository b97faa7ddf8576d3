#include "experiments/schedule/adapters.h"

#include <fmt/core.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace fcsim {
namespace {

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 3'600;
constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kWeek = 604'800;

// Slot length and epoch on the adapter's granularity (whole seconds
// `granularity_s`); returns the frame in seconds.
std::int64_t RequireGranularity(const Timetable& t, const std::string& adapter,
                                std::int64_t granularity_s) {
  const std::int64_t g = granularity_s * kNanosPerSecond;
  if (t.slot_ns % g != 0) {
    throw AdapterError(fmt::format(
        "{}: slots of {} are finer than its granularity of {} (use --slot "
        "with a multiple of {})",
        adapter, FormatDuration(t.slot_ns), FormatDuration(g),
        FormatDuration(g)));
  }
  if (t.epoch_s % granularity_s != 0) {
    throw AdapterError(fmt::format(
        "{}: the epoch {} is not on its granularity of {}", adapter,
        FormatInstant(t.epoch_s * kNanosPerSecond), FormatDuration(g)));
  }
  return t.frame_ns() / kNanosPerSecond;
}

// How a calendar recurrence expresses a frame of P seconds.
enum class Repeat { kSeconds, kMinutes, kHours, kWeek };

// cron-like targets: minutes (cron) or seconds (systemd) as the finest field.
Repeat CalendarRepeat(std::int64_t period_s, bool has_seconds,
                      const std::string& adapter) {
  if (has_seconds && kMinute % period_s == 0) return Repeat::kSeconds;
  if (period_s % kMinute == 0 && kHour % period_s == 0) return Repeat::kMinutes;
  if (period_s % kHour == 0 && kDay % period_s == 0) return Repeat::kHours;
  if (period_s == kWeek) return Repeat::kWeek;
  throw AdapterError(fmt::format(
      "{}: a frame of {} cannot be expressed by its recurrence (the frame "
      "must {}divide an hour in whole minutes, divide a day in whole hours, "
      "or be 7 days; pad it with --frame-slots or change --slot)",
      adapter, FormatDuration(period_s * kNanosPerSecond),
      has_seconds ? "divide a minute, " : ""));
}

std::int64_t FloorMod(std::int64_t x, std::int64_t m) {
  const std::int64_t r = x % m;
  return r < 0 ? r + m : r;
}

// 1970-01-01 was a Thursday; cron and systemd number Sunday 0.
int Weekday(std::int64_t seconds) {
  return static_cast<int>(FloorMod(seconds / kDay + 4, 7));
}

// "first-last/step", or the single value when the step covers the range.
std::string StepField(std::int64_t first, std::int64_t step, int last) {
  if (first + step > last) return std::to_string(first);
  return fmt::format("{}-{}/{}", first, last, step);
}

std::int64_t SlotStartSeconds(const Timetable& t, std::uint32_t s) {
  return t.SlotStartNs(s) / kNanosPerSecond;
}

std::string SystemdCalendar(const Timetable& t, std::uint32_t s,
                            Repeat repeat) {
  const std::int64_t p = t.frame_ns() / kNanosPerSecond;
  const std::int64_t t0 = SlotStartSeconds(t, s);
  const std::int64_t sec = FloorMod(t0, kMinute);
  const std::int64_t min = FloorMod(t0 / kMinute, 60);
  const std::int64_t hour = FloorMod(t0 / kHour, 24);
  switch (repeat) {
    case Repeat::kSeconds:
      return fmt::format("*-*-* *:*:{:02}/{} UTC", sec % p, p);
    case Repeat::kMinutes:
      return fmt::format("*-*-* *:{:02}/{}:{:02} UTC", min % (p / kMinute),
                         p / kMinute, sec);
    case Repeat::kHours:
      return fmt::format("*-*-* {:02}/{}:{:02}:{:02} UTC", hour % (p / kHour),
                         p / kHour, min, sec);
    case Repeat::kWeek: {
      static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed",
                                              "Thu", "Fri", "Sat"};
      return fmt::format("{} *-*-* {:02}:{:02}:{:02} UTC", kDays[Weekday(t0)],
                         hour, min, sec);
    }
  }
  return "";
}

// Cron's '%' means newline: escape it.
std::string CronCommand(const std::string& command) {
  std::string out;
  for (char c : command) {
    if (c == '%') out += '\\';
    out += c;
  }
  return out;
}

std::uint32_t Fnv32(const std::string& text) {
  std::uint32_t h = 2166136261u;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

// Slurm option values and unit names: [A-Za-z0-9_.-], others '_'.
std::string SafeName(const std::string& job) {
  std::string out;
  for (char c : job) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    out += ok ? c : '_';
  }
  return out;
}

std::string Header(const Timetable& t, const std::string& comment,
                   const std::string& adapter) {
  return fmt::format(
      "{0} fcsim timetable ({1}): {2} jobs, frame {3} = {4} slots of {5}, "
      "weight {6}\n{0} epoch {7}, graph {8}, algorithm {9}, verdict {10}\n",
      comment, adapter, t.num_jobs(), FormatDuration(t.frame_ns()),
      t.frame_slots, FormatDuration(t.slot_ns), t.weight().ToString(),
      FormatInstant(t.epoch_s * kNanosPerSecond),
      t.graph_hash.empty() ? "-" : t.graph_hash,
      t.algorithm.empty() ? "-" : t.algorithm,
      t.verdict.empty() ? "-" : t.verdict);
}

std::string Quoted(const std::string& text) {
  return nlohmann::json(text).dump();
}

}  // namespace

std::int64_t AdapterGranularityNs(const std::string& adapter) {
  if (adapter == "cron" || adapter == "scrontab" || adapter == "k8s") {
    return kMinute * kNanosPerSecond;
  }
  if (adapter == "systemd" || adapter == "ics") return kNanosPerSecond;
  return 1;
}

std::string ShellWord(const std::string& word) {
  const bool plain =
      !word.empty() && word.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX"
                           "YZ0123456789_.,:/=+-@") == std::string::npos;
  if (plain) return word;
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string ExpandCommand(const std::string& command_template,
                          const std::string& job, std::uint32_t slot,
                          std::int64_t slot_ns, std::uint32_t demand) {
  std::string out;
  for (std::size_t i = 0; i < command_template.size(); ++i) {
    if (command_template[i] == '{') {
      const std::size_t close = command_template.find('}', i);
      const std::string key =
          close == std::string::npos
              ? ""
              : command_template.substr(i + 1, close - i - 1);
      if (key == "job") {
        out += ShellWord(job);
      } else if (key == "slot") {
        out += std::to_string(slot);
      } else if (key == "seconds") {
        out += std::to_string(slot_ns / kNanosPerSecond);
      } else if (key == "demand") {
        out += std::to_string(demand);
      } else {
        throw AdapterError("--command: unknown placeholder in '" +
                           command_template +
                           "' (known: {job}, {slot}, {seconds}, {demand})");
      }
      i = close;
      continue;
    }
    if (static_cast<unsigned char>(command_template[i]) < 0x20) {
      throw AdapterError("--command contains a control character");
    }
    out += command_template[i];
  }
  return out;
}

std::string Dns1123Name(const std::string& prefix, const std::string& job,
                        std::size_t max_length) {
  std::string body;
  for (char c : job) {
    char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9');
    if (ok) {
      body += l;
    } else if (!body.empty() && body.back() != '-') {
      body += '-';
    }
  }
  const std::string hash = fmt::format("{:08x}", Fnv32(job));
  const std::size_t room = max_length - prefix.size() - hash.size() - 2;
  if (body.size() > room) body.resize(room);
  while (!body.empty() && body.back() == '-') body.pop_back();
  return body.empty() ? prefix + "-" + hash : prefix + "-" + body + "-" + hash;
}

std::string CronExpression(const Timetable& t, std::uint32_t s) {
  const std::int64_t p = RequireGranularity(t, "cron", kMinute);
  const Repeat repeat = CalendarRepeat(p, false, "cron");
  const std::int64_t t0 = SlotStartSeconds(t, s);
  const std::int64_t min = FloorMod(t0 / kMinute, 60);
  const std::int64_t hour = FloorMod(t0 / kHour, 24);
  switch (repeat) {
    case Repeat::kMinutes: {
      const std::int64_t step = p / kMinute;
      return StepField(min % step, step, 59) + " * * * *";
    }
    case Repeat::kHours: {
      const std::int64_t step = p / kHour;
      return fmt::format("{} {} * * *", min, StepField(hour % step, step, 23));
    }
    case Repeat::kWeek:
      return fmt::format("{} {} * * {}", min, hour, Weekday(t0));
    case Repeat::kSeconds:
      break;
  }
  throw AdapterError("cron: internal error (second repetition)");
}

std::string RenderCron(const Timetable& t, const AdapterOptions& options) {
  const std::int64_t p = RequireGranularity(t, "cron", kMinute);
  CalendarRepeat(p, false, "cron");
  std::string out = Header(t, "#", "cron");
  out +=
      "# Times are UTC (CRON_TZ, cronie); on a cron without CRON_TZ the host "
      "must run in UTC.\nCRON_TZ=UTC\nSHELL=/bin/sh\n";
  for (std::uint32_t j = 0; j < t.num_jobs(); ++j) {
    for (std::uint32_t s : t.slots_of(j)) {
      out += CronExpression(t, s) + " " +
             CronCommand(ExpandCommand(options.command, t.jobs[j], s, t.slot_ns,
                                       t.demand[j])) +
             "\n";
    }
  }
  return out;
}

std::string RenderScrontab(const Timetable& t, const AdapterOptions& options) {
  const std::int64_t p = RequireGranularity(t, "scrontab", kMinute);
  CalendarRepeat(p, false, "scrontab");
  std::string out = Header(t, "#", "Slurm scrontab");
  out +=
      "# Install with `scrontab FILE`. Times are the slurmctld's local time: "
      "run it in UTC.\n";
  const std::int64_t minutes = t.slot_ns / kNanosPerSecond / kMinute;
  for (std::uint32_t j = 0; j < t.num_jobs(); ++j) {
    for (std::uint32_t s : t.slots_of(j)) {
      out += fmt::format("#SCRON --job-name=fcsim-{}-s{} --time={}\n",
                         SafeName(t.jobs[j]), s, minutes);
      out += CronExpression(t, s) + " " +
             CronCommand(ExpandCommand(options.command, t.jobs[j], s, t.slot_ns,
                                       t.demand[j])) +
             "\n";
    }
  }
  return out;
}

std::string RenderK8s(const Timetable& t, const AdapterOptions& options) {
  const std::int64_t p = RequireGranularity(t, "k8s", kMinute);
  CalendarRepeat(p, false, "k8s");
  std::string out = Header(t, "#", "Kubernetes CronJobs, batch/v1");
  const std::int64_t seconds = t.slot_ns / kNanosPerSecond;
  for (std::uint32_t j = 0; j < t.num_jobs(); ++j) {
    for (std::uint32_t s : t.slots_of(j)) {
      // CronJob names are limited to 52 characters (Job names add 11).
      const std::string suffix = fmt::format("-s{}", s);
      const std::string name =
          Dns1123Name("fcsim", t.jobs[j], 52 - suffix.size()) + suffix;
      const std::string command =
          ExpandCommand(options.command, t.jobs[j], s, t.slot_ns, t.demand[j]);
      out += "---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n";
      out += "  name: " + name + "\n";
      if (!options.k8s_namespace.empty()) {
        out += "  namespace: " + Quoted(options.k8s_namespace) + "\n";
      }
      out += "  labels:\n    app.kubernetes.io/managed-by: fcsim\n";
      out += "  annotations:\n";
      out += "    fcsim/job: " + Quoted(t.jobs[j]) + "\n";
      out += fmt::format("    fcsim/slot: \"{}\"\n", s);
      out += "spec:\n";
      out += "  schedule: " + Quoted(CronExpression(t, s)) + "\n";
      out += "  timeZone: \"Etc/UTC\"\n";
      out += "  concurrencyPolicy: Forbid\n";
      out += fmt::format("  startingDeadlineSeconds: {}\n", seconds);
      out += "  jobTemplate:\n    spec:\n";
      out += fmt::format("      activeDeadlineSeconds: {}\n", seconds);
      out += "      backoffLimit: 0\n";
      out += "      template:\n        spec:\n";
      out += "          restartPolicy: Never\n";
      out += "          containers:\n";
      out += "            - name: job\n";
      out += "              image: " + Quoted(options.image) + "\n";
      out += "              command: [\"/bin/sh\", \"-c\", " + Quoted(command) +
             "]\n";
    }
  }
  return out;
}

std::string RenderTaprio(const Timetable& t, const AdapterOptions& options) {
  constexpr std::uint32_t kMaxClasses = 16;  // TC_QOPT_MAX_QUEUE
  if (t.num_jobs() > kMaxClasses) {
    throw AdapterError(fmt::format(
        "taprio: {} jobs but a taprio qdisc has at most {} traffic classes "
        "(one per job)",
        t.num_jobs(), kMaxClasses));
  }
  if (t.slot_ns > std::int64_t{UINT32_MAX}) {
    throw AdapterError(fmt::format(
        "taprio: slots of {} exceed its 32-bit sched-entry interval (at most "
        "4294967295ns)",
        FormatDuration(t.slot_ns)));
  }
  if (options.taprio_dev.empty() ||
      options.taprio_dev.find_first_of(" \t'\"\\$`;&|<>") !=
          std::string::npos) {
    throw AdapterError("taprio: bad device name '" + options.taprio_dev + "'");
  }
  const std::uint32_t n = std::max<std::uint32_t>(t.num_jobs(), 1);
  std::vector<std::uint32_t> masks(t.frame_slots, 0);
  for (std::uint32_t j = 0; j < t.num_jobs(); ++j) {
    for (std::uint32_t s : t.slots_of(j)) masks[s] |= 1u << j;
  }
  std::string out = "#!/bin/sh\n" + Header(t, "#", "tc taprio gate list");
  out +=
      "# Traffic class j (gate bit j, priority j, tx queue j) is job j; other "
      "priorities use class 0.\n";
  for (std::uint32_t j = 0; j < t.num_jobs(); ++j) {
    out += fmt::format("#   class {}: {}\n", j, t.jobs[j]);
  }
  out +=
      "# base-time is the epoch on CLOCK_TAI (UTC + 37 s, the TAI-UTC offset "
      "since 2017).\n";
  out += fmt::format(
      "tc qdisc replace dev {} parent root handle 100 taprio \\\n    num_tc "
      "{} \\\n    map",
      options.taprio_dev, n);
  for (std::uint32_t prio = 0; prio < 16; ++prio) {
    out += fmt::format(" {}", prio < n ? prio : 0);
  }
  out += " \\\n    queues";
  for (std::uint32_t q = 0; q < n; ++q) out += fmt::format(" 1@{}", q);
  out += fmt::format(" \\\n    base-time {} \\\n",
                     t.SlotStartNs(0) + 37 * kNanosPerSecond);
  // Adjacent slots with the same gates become one entry (while it fits).
  std::uint32_t s = 0;
  while (s < t.frame_slots) {
    std::int64_t interval = t.slot_ns;
    std::uint32_t next = s + 1;
    while (next < t.frame_slots && masks[next] == masks[s] &&
           interval + t.slot_ns <= std::int64_t{UINT32_MAX}) {
      interval += t.slot_ns;
      ++next;
    }
    out += fmt::format("    sched-entry S {:x} {} \\\n", masks[s], interval);
    s = next;
  }
  out += "    clockid CLOCK_TAI\n";
  return out;
}

std::vector<std::pair<std::string, std::string>> RenderSystemd(
    const Timetable& t, const AdapterOptions& options) {
  const std::int64_t p = RequireGranularity(t, "systemd", 1);
  const Repeat repeat = CalendarRepeat(p, true, "systemd");
  std::vector<std::pair<std::string, std::string>> files;
  std::set<std::string> used;
  const std::int64_t seconds = t.slot_ns / kNanosPerSecond;
  for (std::uint32_t j = 0; j < t.num_jobs(); ++j) {
    const std::string unit = Dns1123Name("fcsim", t.jobs[j], 64);
    if (!used.insert(unit).second) {
      throw AdapterError("systemd: two jobs map to the unit name " + unit);
    }
    std::string timer = Header(t, "#", "systemd timer");
    timer += fmt::format(
        "[Unit]\nDescription=fcsim timetable: job {} ({} of "
        "{} slots of {})\n\n[Timer]\n",
        SafeName(t.jobs[j]), t.slots_of(j).size(), t.frame_slots,
        FormatDuration(t.slot_ns));
    std::string service = Header(t, "#", "systemd service");
    service += fmt::format("[Unit]\nDescription=fcsim job {}\n\n[Service]\n",
                           SafeName(t.jobs[j]));
    for (std::uint32_t s : t.slots_of(j)) {
      timer += "OnCalendar=" + SystemdCalendar(t, s, repeat) + "\n";
    }
    timer += fmt::format(
        "AccuracySec=1s\nUnit={}.service\n\n[Install]\nWantedBy=timers."
        "target\n",
        unit);
    // ExecStart: double-quoted argument; '%' is a specifier, '\' and '"'
    // escapes.
    std::string command;
    for (char c : ExpandCommand(options.command, t.jobs[j],
                                t.slots_of(j).empty() ? 0 : t.slots_of(j)[0],
                                t.slot_ns, t.demand[j])) {
      if (c == '%') {
        command += "%%";
      } else if (c == '\\' || c == '"') {
        command += '\\';
        command += c;
      } else {
        command += c;
      }
    }
    service += "Type=simple\nExecStart=/bin/sh -c \"" + command + "\"\n";
    service += fmt::format("RuntimeMaxSec={}\n", seconds);
    files.emplace_back(unit + ".timer", std::move(timer));
    files.emplace_back(unit + ".service", std::move(service));
  }
  return files;
}

}  // namespace fcsim
