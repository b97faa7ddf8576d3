#include "experiments/schedule/timetable.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <unordered_map>
#include <utility>

#include "experiments/records.h"

namespace fcsim {
namespace {

struct Unit {
  std::string_view name;
  std::int64_t ns;
};
// Largest first, so FormatDuration picks the coarsest exact unit.
constexpr Unit kUnits[] = {
    {"d", 86'400 * kNanosPerSecond},
    {"h", 3'600 * kNanosPerSecond},
    {"m", 60 * kNanosPerSecond},
    {"s", kNanosPerSecond},
    {"ms", 1'000'000},
    {"us", 1'000},
    {"ns", 1},
};

bool ParseDigits(std::string_view text, std::int64_t* value) {
  if (text.empty()) return false;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size() && *value >= 0;
}

std::int64_t DaysFromCivil(int y, unsigned m, unsigned d, bool* ok) {
  const std::chrono::year_month_day ymd{
      std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  *ok = ymd.ok();
  return std::chrono::sys_days{ymd}.time_since_epoch().count();
}

struct Civil {
  int year;
  unsigned month, day;
  std::int64_t second_of_day;
};

Civil CivilFromSeconds(std::int64_t seconds) {
  std::int64_t days = seconds / 86'400;
  std::int64_t rest = seconds % 86'400;
  if (rest < 0) {
    rest += 86'400;
    --days;
  }
  const std::chrono::year_month_day ymd{
      std::chrono::sys_days{std::chrono::days{days}}};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()), rest};
}

}  // namespace

std::int64_t ParseDuration(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
    ++digits;
  }
  std::string_view unit = text.substr(digits);
  if (unit == "min") unit = "m";
  std::int64_t count = 0;
  if (ParseDigits(text.substr(0, digits), &count) && count > 0) {
    for (const Unit& u : kUnits) {
      if (u.name != unit) continue;
      if (count > INT64_MAX / u.ns) break;
      return count * u.ns;
    }
  }
  throw std::invalid_argument(
      "bad duration '" + std::string(text) +
      "' (expected a positive integer and a unit: ns, us, ms, s, m, h, d)");
}

std::string FormatDuration(std::int64_t ns) {
  for (const Unit& u : kUnits) {
    if (ns % u.ns == 0) return fmt::format("{}{}", ns / u.ns, u.name);
  }
  return fmt::format("{}ns", ns);
}

std::int64_t ParseEpoch(std::string_view text) {
  // Exactly YYYY-MM-DDTHH:MM:SSZ: a fixed layout, checked field by field.
  const auto bad = [&] {
    return std::invalid_argument("bad epoch '" + std::string(text) +
                                 "' (expected UTC 'YYYY-MM-DDTHH:MM:SSZ', "
                                 "years 1970..9999)");
  };
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' ||
      text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    throw bad();
  }
  std::int64_t y, mo, d, h, mi, s;
  if (!ParseDigits(text.substr(0, 4), &y) ||
      !ParseDigits(text.substr(5, 2), &mo) ||
      !ParseDigits(text.substr(8, 2), &d) ||
      !ParseDigits(text.substr(11, 2), &h) ||
      !ParseDigits(text.substr(14, 2), &mi) ||
      !ParseDigits(text.substr(17, 2), &s) || y < 1970 || h > 23 || mi > 59 ||
      s > 59 || mo < 1 || mo > 12 || d < 1 || d > 31) {
    throw bad();
  }
  bool ok = false;
  const std::int64_t days =
      DaysFromCivil(static_cast<int>(y), static_cast<unsigned>(mo),
                    static_cast<unsigned>(d), &ok);
  if (!ok) throw bad();
  return days * 86'400 + h * 3'600 + mi * 60 + s;
}

std::string FormatInstant(std::int64_t ns) {
  std::int64_t seconds = ns / kNanosPerSecond;
  std::int64_t frac = ns % kNanosPerSecond;
  if (frac < 0) {
    frac += kNanosPerSecond;
    --seconds;
  }
  const Civil c = CivilFromSeconds(seconds);
  std::string out = fmt::format(
      "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.year, c.month, c.day,
      c.second_of_day / 3600, c.second_of_day / 60 % 60, c.second_of_day % 60);
  if (frac != 0) {
    std::string digits = fmt::format("{:09}", frac);
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out + "Z";
}

std::string FormatIcsInstant(std::int64_t seconds) {
  const Civil c = CivilFromSeconds(seconds);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", c.year, c.month, c.day,
                     c.second_of_day / 3600, c.second_of_day / 60 % 60,
                     c.second_of_day % 60);
}

std::int64_t ParseIcsInstant(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') {
    throw std::invalid_argument("bad UTC date-time '" + std::string(text) +
                                "' (expected YYYYMMDDTHHMMSSZ)");
  }
  const std::string iso =
      fmt::format("{}-{}-{}T{}:{}:{}Z", text.substr(0, 4), text.substr(4, 2),
                  text.substr(6, 2), text.substr(9, 2), text.substr(11, 2),
                  text.substr(13, 2));
  return ParseEpoch(iso);
}

std::string TimetableGraphHash(const Graph& graph) {
  return "fnv1a64:" + GraphHashHex(GraphHash(graph));
}

Rational Timetable::weight() const {
  if (base_slots == 0) {
    throw std::invalid_argument("timetable: base slots b must be >= 1");
  }
  return Rational(frame_slots, base_slots);
}

std::int64_t Timetable::frame_ns() const {
  if (slot_ns > 0 && frame_slots > INT64_MAX / slot_ns) {
    throw std::overflow_error("frame of " + std::to_string(frame_slots) +
                              " slots of " + FormatDuration(slot_ns) +
                              " overflows 64-bit nanoseconds");
  }
  return static_cast<std::int64_t>(frame_slots) * slot_ns;
}

std::int64_t Timetable::SlotStartNs(std::uint32_t s) const {
  // Callers have checked frame_ns() fits; the epoch must too.
  if (epoch_s > (INT64_MAX - frame_ns()) / kNanosPerSecond) {
    throw std::overflow_error("epoch plus frame overflows 64-bit nanoseconds");
  }
  return epoch_s * kNanosPerSecond + static_cast<std::int64_t>(s) * slot_ns;
}

void Timetable::AddJob(std::string name, std::uint32_t job_demand,
                       std::vector<std::uint32_t> job_slots) {
  std::sort(job_slots.begin(), job_slots.end());
  if (std::adjacent_find(job_slots.begin(), job_slots.end()) !=
      job_slots.end()) {
    throw std::invalid_argument("job '" + name + "' lists a slot twice");
  }
  jobs.push_back(std::move(name));
  demand.push_back(job_demand);
  slots.insert(slots.end(), job_slots.begin(), job_slots.end());
  slot_offsets.push_back(slots.size());
}

Timetable TimetableFromColoring(const ABColoring& expanded,
                                std::span<const std::uint64_t> copy_offsets,
                                const JobSet& jobs, std::int64_t slot_ns,
                                std::int64_t epoch_s) {
  Timetable t;
  t.frame_slots = expanded.a();
  t.base_slots = expanded.b();
  t.slot_ns = slot_ns;
  t.epoch_s = epoch_s;
  t.jobs.reserve(jobs.num_jobs());
  std::vector<std::uint32_t> job_slots;
  for (std::uint32_t j = 0; j < jobs.num_jobs(); ++j) {
    job_slots.clear();
    for (std::uint64_t c = copy_offsets[j]; c < copy_offsets[j + 1]; ++c) {
      expanded.ForEach(static_cast<Vertex>(c), [&](std::uint32_t colour) {
        job_slots.push_back(colour);
      });
    }
    // Copies of a job are adjacent, so a valid colouring never repeats a
    // colour among them; an invalid one is caught by the checker first.
    std::sort(job_slots.begin(), job_slots.end());
    job_slots.erase(std::unique(job_slots.begin(), job_slots.end()),
                    job_slots.end());
    t.AddJob(jobs.names[j], jobs.demand[j], job_slots);
  }
  return t;
}

TimetableCheck CheckTimetable(const Timetable& table,
                              const std::string& table_name,
                              const Graph& conflicts, const JobSet& jobs) {
  const auto fail = [&](const std::string& problem) {
    return TimetableFormatError(table_name + ": " + problem);
  };
  if (conflicts.num_vertices() != jobs.num_jobs()) {
    throw std::logic_error("CheckTimetable: graph and jobs differ in size");
  }
  if (table.frame_slots == 0 || table.base_slots == 0 ||
      table.base_slots > table.frame_slots) {
    throw fail(fmt::format("frame of {} slots with b = {} (need 1 <= b <= a)",
                           table.frame_slots, table.base_slots));
  }
  if (table.slot_ns <= 0) throw fail("slot length must be positive");
  std::unordered_map<std::string_view, std::uint32_t> index;
  index.reserve(jobs.num_jobs());
  for (std::uint32_t j = 0; j < jobs.num_jobs(); ++j) {
    index.emplace(jobs.names[j], j);
  }
  // Slots per graph vertex; kMissing marks jobs absent from the timetable.
  constexpr std::uint64_t kMissing = ~std::uint64_t{0};
  std::vector<std::uint64_t> row(jobs.num_jobs(), kMissing);
  for (std::uint32_t t = 0; t < table.num_jobs(); ++t) {
    const auto it = index.find(table.jobs[t]);
    if (it == index.end()) {
      throw fail("job '" + table.jobs[t] + "' is not in the conflict graph");
    }
    if (row[it->second] != kMissing) {
      throw fail("job '" + table.jobs[t] + "' appears twice");
    }
    row[it->second] = t;
    if (table.demand[t] != jobs.demand[it->second]) {
      throw fail(fmt::format("job '{}' has demand {} but the jobs file says {}",
                             table.jobs[t], table.demand[t],
                             jobs.demand[it->second]));
    }
    for (std::uint32_t s : table.slots_of(t)) {
      if (s >= table.frame_slots) {
        throw fail(fmt::format("job '{}': slot {} outside 0..{}", table.jobs[t],
                               s, table.frame_slots - 1));
      }
    }
  }
  const auto slots_of = [&](Vertex v) -> std::span<const std::uint32_t> {
    if (row[v] == kMissing) return {};
    return table.slots_of(static_cast<std::uint32_t>(row[v]));
  };
  TimetableCheck check;
  const std::int64_t frame = table.frame_ns();
  for (Vertex u = 0; u < conflicts.num_vertices(); ++u) {
    const auto su = slots_of(u);
    for (Vertex v : conflicts.neighbors(u)) {
      if (v <= u) continue;
      const auto sv = slots_of(v);
      std::size_t i = 0, k = 0;
      while (i < su.size() && k < sv.size()) {
        if (su[i] < sv[k]) {
          ++i;
        } else if (sv[k] < su[i]) {
          ++k;
        } else {
          std::string via;
          if (const auto r = jobs.SharedResource(u, v)) {
            via = " (both need resource '" + jobs.resource_names[*r] + "')";
          }
          check.message = fmt::format(
              "jobs '{}' and '{}' conflict{} but both run in slot {} (first "
              "at {}, every {})",
              jobs.names[u], jobs.names[v], via, su[i],
              FormatInstant(table.SlotStartNs(su[i])), FormatDuration(frame));
          return check;
        }
      }
    }
  }
  const std::uint64_t a = table.frame_slots;
  for (std::uint32_t j = 0; j < jobs.num_jobs(); ++j) {
    const std::uint64_t have = slots_of(j).size();
    const std::uint64_t need = std::uint64_t{jobs.demand[j]} * table.base_slots;
    if (have < need) {
      check.message = fmt::format(
          "job '{}' gets {} of {} slots (share {}) but demand {} at weight {} "
          "needs {} slots",
          jobs.names[j], have, a,
          Rational(static_cast<std::int64_t>(have),
                   static_cast<std::int64_t>(a))
              .ToString(),
          jobs.demand[j], table.weight().ToString(), need);
      return check;
    }
    const Rational share(static_cast<std::int64_t>(have),
                         static_cast<std::int64_t>(a * jobs.demand[j]));
    if (j == 0 || share < check.min_share_per_demand) {
      check.min_share_per_demand = share;
    }
  }
  check.passed = true;
  check.message = "PASS";
  return check;
}

}  // namespace fcsim
