#include "experiments/schedule/timetable_io.h"

#include <fmt/core.h>

#include <charconv>
#include <fstream>
#include <istream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace fcsim {
namespace {

using nlohmann::json;

constexpr std::string_view kFormatName = "fcsim-timetable";

std::string Share(std::uint64_t have, std::uint64_t frame) {
  return Rational(static_cast<std::int64_t>(have),
                  static_cast<std::int64_t>(frame))
      .ToString();
}

bool ParseUnsigned(std::string_view text, std::uint64_t* value) {
  if (text.empty()) return false;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size();
}

std::uint32_t ToU32(std::uint64_t v, const std::string& what,
                    const std::string& where) {
  if (v > UINT32_MAX) {
    throw TimetableFormatError(where + ": " + what + " " + std::to_string(v) +
                               " is too large");
  }
  return static_cast<std::uint32_t>(v);
}

// Frame, slot and epoch must make sense before any slot is read.
void CheckHeader(const Timetable& t, const std::string& where) {
  if (t.frame_slots == 0 || t.base_slots == 0 || t.base_slots > t.frame_slots) {
    throw TimetableFormatError(
        fmt::format("{}: frame of {} slots with b = {} (need 1 <= b <= a)",
                    where, t.frame_slots, t.base_slots));
  }
  if (t.slot_ns <= 0) {
    throw TimetableFormatError(where + ": slot length must be positive");
  }
  try {
    (void)t.SlotStartNs(0);
  } catch (const std::overflow_error& e) {
    throw TimetableFormatError(where + ": " + e.what());
  }
}

// ---- iCalendar helpers (RFC 5545) -----------------------------------------

std::string IcsEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    out += c;
  }
  return out;
}

std::string IcsUnescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      ++i;
      out += (text[i] == 'n' || text[i] == 'N') ? '\n' : text[i];
    } else {
      out += text[i];
    }
  }
  return out;
}

// Content lines longer than 75 octets are folded (CRLF + one space); folds
// never split a UTF-8 sequence.
void IcsLine(std::ostream& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 1 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    out << line.substr(0, cut) << "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out << line << "\r\n";
}

// The coarsest RRULE frequency whose INTERVAL expresses `seconds`.
std::string IcsRecurrence(std::int64_t seconds) {
  struct Freq {
    const char* name;
    std::int64_t seconds;
  };
  static constexpr Freq kFreqs[] = {{"WEEKLY", 604'800},
                                    {"DAILY", 86'400},
                                    {"HOURLY", 3'600},
                                    {"MINUTELY", 60},
                                    {"SECONDLY", 1}};
  for (const Freq& f : kFreqs) {
    if (seconds % f.seconds == 0) {
      return fmt::format("FREQ={};INTERVAL={}", f.name, seconds / f.seconds);
    }
  }
  return fmt::format("FREQ=SECONDLY;INTERVAL={}", seconds);
}

// The period of an RRULE with FREQ and INTERVAL only, in seconds.
std::int64_t ParseRecurrence(std::string_view rule, const std::string& where) {
  std::int64_t unit = 0;
  std::uint64_t interval = 1;
  std::string_view rest = rule;
  while (!rest.empty()) {
    const std::size_t semi = rest.find(';');
    const std::string_view part = rest.substr(0, semi);
    const std::size_t eq = part.find('=');
    const std::string_view key = part.substr(0, eq);
    const std::string_view value =
        eq == std::string_view::npos ? "" : part.substr(eq + 1);
    if (key == "FREQ") {
      if (value == "SECONDLY") unit = 1;
      if (value == "MINUTELY") unit = 60;
      if (value == "HOURLY") unit = 3'600;
      if (value == "DAILY") unit = 86'400;
      if (value == "WEEKLY") unit = 604'800;
    } else if (key == "INTERVAL") {
      if (!ParseUnsigned(value, &interval) || interval == 0 ||
          interval > (std::uint64_t{1} << 40)) {
        throw TimetableFormatError(where + ": bad RRULE INTERVAL '" +
                                   std::string(value) + "'");
      }
    } else {
      throw TimetableFormatError(where + ": RRULE part '" + std::string(part) +
                                 "' is not one fcsim writes (FREQ, INTERVAL)");
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  if (unit == 0) {
    throw TimetableFormatError(where + ": RRULE '" + std::string(rule) +
                               "' has no FREQ fcsim writes");
  }
  return unit * static_cast<std::int64_t>(interval);
}

}  // namespace

// ---- JSON -----------------------------------------------------------------

void WriteTimetableJson(std::ostream& out, const Timetable& table,
                        const std::string& generator) {
  json doc;  // std::map keys: sorted
  doc["format"] = kFormatName;
  doc["version"] = kTimetableVersion;
  doc["generator"] = generator;
  doc["frame_slots"] = table.frame_slots;
  doc["base_slots"] = table.base_slots;
  doc["slot_ns"] = table.slot_ns;
  doc["slot_length"] = FormatDuration(table.slot_ns);
  doc["frame_ns"] = table.frame_ns();
  doc["frame_length"] = FormatDuration(table.frame_ns());
  doc["epoch"] = FormatInstant(table.epoch_s * kNanosPerSecond);
  doc["weight"] = table.weight().ToString();
  doc["graph"] = {{"source", table.graph_source},
                  {"kind", table.graph_kind},
                  {"hash", table.graph_hash},
                  {"jobs", table.num_jobs()},
                  {"conflicts", table.conflicts}};
  doc["algorithm"] = {{"name", table.algorithm},
                      {"requested", table.requested_algorithm},
                      {"fallback_reason", table.fallback_reason},
                      {"params", table.params},
                      {"ids", table.ids},
                      {"seed", table.seed},
                      {"rounds", table.rounds}};
  doc["verdict"] = table.verdict;
  // Least share per unit of demand over the jobs (exact).
  Rational min_share = 0;
  for (std::uint32_t j = 0; j < table.num_jobs(); ++j) {
    const Rational s(static_cast<std::int64_t>(table.slots_of(j).size()),
                     static_cast<std::int64_t>(std::uint64_t{table.demand[j]} *
                                               table.frame_slots));
    if (j == 0 || s < min_share) min_share = s;
  }
  doc["min_share_per_demand"] = min_share.ToString();
  doc["jobs"] = json::array();
  // One key per line and one job per line: canonical (sorted keys, fixed
  // layout), diffable and editable by hand.
  out << "{\n";
  bool first = true;
  for (const auto& [key, value] : doc.items()) {
    if (!first) out << ",\n";
    first = false;
    out << json(key).dump() << ": ";
    if (key != "jobs") {
      out << value.dump();
      continue;
    }
    out << "[";
    for (std::uint32_t j = 0; j < table.num_jobs(); ++j) {
      const auto slots = table.slots_of(j);
      json job = {
          {"name", table.jobs[j]},
          {"demand", table.demand[j]},
          {"slots", std::vector<std::uint32_t>(slots.begin(), slots.end())},
          {"share", Share(slots.size(), table.frame_slots)}};
      out << (j == 0 ? "\n  " : ",\n  ") << job.dump();
    }
    out << (table.num_jobs() == 0 ? "]" : "\n]");
  }
  out << "\n}\n";
}

Timetable ReadTimetableJson(std::istream& in, const std::string& name) {
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& e) {
    throw TimetableFormatError(
        fmt::format("{}: byte {}: not valid JSON", name, e.byte));
  }
  const auto fail = [&](const std::string& problem) {
    return TimetableFormatError(name + ": " + problem);
  };
  try {
    if (!doc.is_object() || doc.value("format", "") != kFormatName) {
      throw fail("not an fcsim timetable (\"format\": \"fcsim-timetable\")");
    }
    if (doc.at("version").get<int>() != kTimetableVersion) {
      throw fail(
          fmt::format("version {} is not supported (this fcsim reads {})",
                      doc.at("version").dump(), kTimetableVersion));
    }
    Timetable t;
    t.frame_slots = doc.at("frame_slots").get<std::uint32_t>();
    t.base_slots = doc.at("base_slots").get<std::uint32_t>();
    t.slot_ns = doc.at("slot_ns").get<std::int64_t>();
    try {
      t.epoch_s = ParseEpoch(doc.at("epoch").get<std::string>());
    } catch (const std::invalid_argument& e) {
      throw fail(e.what());
    }
    CheckHeader(t, name);
    if (doc.contains("weight") &&
        doc["weight"].get<std::string>() != t.weight().ToString()) {
      throw fail("\"weight\" " + doc["weight"].dump() +
                 " is not a/b = " + t.weight().ToString());
    }
    if (doc.contains("graph")) {
      const json& g = doc["graph"];
      t.graph_source = g.value("source", "");
      t.graph_kind = g.value("kind", "");
      t.graph_hash = g.value("hash", "");
    }
    if (doc.contains("algorithm"))
      t.algorithm = doc["algorithm"].value("name", "");
    t.verdict = doc.value("verdict", "");
    std::uint64_t index = 0;
    for (const json& job : doc.at("jobs")) {
      const std::string where = fmt::format("jobs[{}]", index++);
      try {
        t.AddJob(job.at("name").get<std::string>(),
                 job.value("demand", std::uint32_t{1}),
                 job.at("slots").get<std::vector<std::uint32_t>>());
      } catch (const std::invalid_argument& e) {
        throw fail(where + ": " + e.what());
      }
    }
    return t;
  } catch (const json::exception& e) {
    throw fail(std::string("bad timetable field: ") + e.what());
  }
}

// ---- CSV ------------------------------------------------------------------

void WriteTimetableCsv(std::ostream& out, const Timetable& table) {
  out << fmt::format(
      "# {} {} frame_slots={} base_slots={} slot_ns={} epoch={} weight={} "
      "graph_hash={}\n",
      kFormatName, kTimetableVersion, table.frame_slots, table.base_slots,
      table.slot_ns, FormatInstant(table.epoch_s * kNanosPerSecond),
      table.weight().ToString(),
      table.graph_hash.empty() ? "-" : table.graph_hash);
  out << "job,demand,slot,start,end\n";
  for (std::uint32_t j = 0; j < table.num_jobs(); ++j) {
    const std::string job = CsvField(table.jobs[j]);
    if (table.slots_of(j).empty())
      out << job << "," << table.demand[j] << ",,,\n";
    for (std::uint32_t s : table.slots_of(j)) {
      const std::int64_t start = table.SlotStartNs(s);
      out << job << "," << table.demand[j] << "," << s << ","
          << FormatInstant(start) << "," << FormatInstant(start + table.slot_ns)
          << "\n";
    }
  }
}

Timetable ReadTimetableCsv(std::istream& in, const std::string& name) {
  Timetable t;
  std::string line;
  std::uint64_t line_no = 0;
  bool have_magic = false, have_header = false;
  const auto fail = [&](const std::string& problem) {
    return TimetableFormatError(
        fmt::format("{}:{}: {}", name, line_no, problem));
  };
  // Rows grouped per job in order of first appearance.
  std::vector<std::string> names;
  std::vector<std::uint32_t> demands;
  std::vector<std::vector<std::uint32_t>> slots;
  std::unordered_map<std::string, std::size_t> index;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!have_magic) {
      if (line.empty()) continue;
      std::istringstream words(line);
      std::string hash, magic, version;
      words >> hash >> magic >> version;
      if (hash != "#" || magic != kFormatName) {
        throw fail("not an fcsim CSV timetable (first line '# " +
                   std::string(kFormatName) + " 1 ...')");
      }
      if (version != std::to_string(kTimetableVersion)) {
        throw fail("version " + version + " is not supported");
      }
      std::string token;
      bool frame = false, base = false, slot = false, epoch = false;
      while (words >> token) {
        const std::size_t eq = token.find('=');
        const std::string key = token.substr(0, eq);
        const std::string value =
            eq == std::string::npos ? "" : token.substr(eq + 1);
        std::uint64_t v = 0;
        const bool numeric = ParseUnsigned(value, &v);
        if (key == "frame_slots" && numeric) {
          t.frame_slots = ToU32(v, "frame_slots", name);
          frame = true;
        } else if (key == "base_slots" && numeric) {
          t.base_slots = ToU32(v, "base_slots", name);
          base = true;
        } else if (key == "slot_ns" && numeric && v <= INT64_MAX) {
          t.slot_ns = static_cast<std::int64_t>(v);
          slot = true;
        } else if (key == "epoch") {
          try {
            t.epoch_s = ParseEpoch(value);
          } catch (const std::invalid_argument& e) {
            throw fail(e.what());
          }
          epoch = true;
        } else if (key == "graph_hash") {
          t.graph_hash = value == "-" ? "" : value;
        } else if (key != "weight") {
          throw fail("bad header field '" + token + "'");
        }
      }
      if (!frame || !base || !slot || !epoch) {
        throw fail("header needs frame_slots=, base_slots=, slot_ns=, epoch=");
      }
      CheckHeader(t, fmt::format("{}:{}", name, line_no));
      have_magic = true;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    try {
      fields = SplitCsvRecord(line);
    } catch (const std::invalid_argument& e) {
      throw fail(e.what());
    }
    if (!have_header) {
      if (fields.size() != 5 || fields[0] != "job" || fields[1] != "demand" ||
          fields[2] != "slot" || fields[3] != "start" || fields[4] != "end") {
        throw fail("expected the header 'job,demand,slot,start,end'");
      }
      have_header = true;
      continue;
    }
    if (fields.size() != 5) {
      throw fail(fmt::format("expected 5 fields, got {}", fields.size()));
    }
    std::uint64_t demand = 0;
    if (!ParseUnsigned(fields[1], &demand) || demand == 0 ||
        demand > kMaxDemand) {
      throw fail("bad demand '" + fields[1] + "'");
    }
    const auto [it, fresh] = index.emplace(fields[0], names.size());
    if (fresh) {
      names.push_back(fields[0]);
      demands.push_back(static_cast<std::uint32_t>(demand));
      slots.emplace_back();
    } else if (demands[it->second] != demand) {
      throw fail(fmt::format("job '{}' has demand {} here but {} before",
                             fields[0], demand, demands[it->second]));
    }
    if (fields[2].empty()) {
      if (!fields[3].empty() || !fields[4].empty()) {
        throw fail("a row without a slot has no start or end");
      }
      continue;
    }
    std::uint64_t s = 0;
    if (!ParseUnsigned(fields[2], &s) || s >= t.frame_slots) {
      throw fail(fmt::format("bad slot '{}' (frame has slots 0..{})", fields[2],
                             t.frame_slots - 1));
    }
    // start and end are redundant; when given they must agree with the slot,
    // so that an edit of one without the other is not silently ignored.
    const std::int64_t start = t.SlotStartNs(static_cast<std::uint32_t>(s));
    if ((!fields[3].empty() && fields[3] != FormatInstant(start)) ||
        (!fields[4].empty() && fields[4] != FormatInstant(start + t.slot_ns))) {
      throw fail(fmt::format(
          "slot {} runs {} .. {} in frame 0, but the row says {} .. {} (edit "
          "the slot number, or leave start and end empty)",
          s, FormatInstant(start), FormatInstant(start + t.slot_ns), fields[3],
          fields[4]));
    }
    slots[it->second].push_back(static_cast<std::uint32_t>(s));
  }
  if (in.bad()) throw fail("read error");
  if (!have_magic || !have_header) throw fail("no timetable header");
  for (std::size_t j = 0; j < names.size(); ++j) {
    try {
      t.AddJob(names[j], demands[j], std::move(slots[j]));
    } catch (const std::invalid_argument& e) {
      throw TimetableFormatError(name + ": " + e.what());
    }
  }
  return t;
}

// ---- iCalendar --------------------------------------------------------------

void WriteTimetableIcs(std::ostream& out, const Timetable& table) {
  if (table.slot_ns % kNanosPerSecond != 0) {
    throw std::invalid_argument("iCalendar needs whole-second slots");
  }
  const std::int64_t slot_s = table.slot_ns / kNanosPerSecond;
  const std::int64_t frame_s = table.frame_ns() / kNanosPerSecond;
  const std::string rrule = IcsRecurrence(frame_s);
  const std::string stamp = FormatIcsInstant(table.epoch_s);
  const std::string uid_base =
      table.graph_hash.empty()
          ? "fcsim"
          : table.graph_hash.substr(table.graph_hash.find(':') + 1);
  IcsLine(out, "BEGIN:VCALENDAR");
  IcsLine(out, "VERSION:2.0");
  IcsLine(out, "PRODID:-//fcsim//schedule export//EN");
  IcsLine(out, "CALSCALE:GREGORIAN");
  IcsLine(out, "X-WR-CALNAME:fcsim timetable " + table.weight().ToString());
  IcsLine(out, fmt::format("X-FCSIM-FORMAT:{}", kFormatName));
  IcsLine(out, fmt::format("X-FCSIM-VERSION:{}", kTimetableVersion));
  IcsLine(out, fmt::format("X-FCSIM-FRAME-SLOTS:{}", table.frame_slots));
  IcsLine(out, fmt::format("X-FCSIM-BASE-SLOTS:{}", table.base_slots));
  IcsLine(out, fmt::format("X-FCSIM-SLOT-NS:{}", table.slot_ns));
  IcsLine(out, "X-FCSIM-EPOCH:" + stamp);
  if (!table.graph_hash.empty()) {
    IcsLine(out, "X-FCSIM-GRAPH-HASH:" + table.graph_hash);
  }
  for (std::uint32_t j = 0; j < table.num_jobs(); ++j) {
    const std::string job = IcsEscape(table.jobs[j]);
    for (std::uint32_t s : table.slots_of(j)) {
      const std::int64_t start_s = table.SlotStartNs(s) / kNanosPerSecond;
      IcsLine(out, "BEGIN:VEVENT");
      IcsLine(out, fmt::format("UID:{}-j{}-s{}@fcsim", uid_base, j, s));
      IcsLine(out, "DTSTAMP:" + stamp);
      IcsLine(out, "DTSTART:" + FormatIcsInstant(start_s));
      IcsLine(out, "DTEND:" + FormatIcsInstant(start_s + slot_s));
      IcsLine(out, "RRULE:" + rrule);
      IcsLine(out, "SUMMARY:" + job);
      IcsLine(out, "TRANSP:OPAQUE");
      IcsLine(out, "X-FCSIM-JOB:" + job);
      IcsLine(out, fmt::format("X-FCSIM-DEMAND:{}", table.demand[j]));
      IcsLine(out, fmt::format("X-FCSIM-SLOT:{}", s));
      IcsLine(out, "END:VEVENT");
    }
  }
  IcsLine(out, "END:VCALENDAR");
}

Timetable ReadTimetableIcs(std::istream& in, const std::string& name) {
  // Unfold: a line starting with a space or tab continues the previous one.
  std::vector<std::pair<std::uint64_t, std::string>> lines;
  std::string raw;
  std::uint64_t line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (!raw.empty() && (raw[0] == ' ' || raw[0] == '\t') && !lines.empty()) {
      lines.back().second += raw.substr(1);
    } else if (!raw.empty()) {
      lines.emplace_back(line_no, raw);
    }
  }
  if (in.bad()) throw TimetableFormatError(name + ": read error");
  Timetable t;
  bool frame = false, base = false, slot = false, epoch = false;
  bool header_checked = false, in_event = false, in_calendar = false;
  std::int64_t frame_s = 0;
  struct Event {
    std::uint64_t line = 0;
    std::string job;
    std::uint64_t demand = 1;
    std::optional<std::int64_t> start, end, period;
    std::optional<std::uint64_t> slot;
  } ev;
  std::vector<std::string> names;
  std::vector<std::uint32_t> demands;
  std::vector<std::vector<std::uint32_t>> slots;
  std::unordered_map<std::string, std::size_t> index;
  for (const auto& [no, text] : lines) {
    const std::string where = fmt::format("{}:{}", name, no);
    const auto fail = [&](const std::string& problem) {
      return TimetableFormatError(where + ": " + problem);
    };
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos) throw fail("content line without ':'");
    std::string key = text.substr(0, colon);
    const std::string value = text.substr(colon + 1);
    if (const std::size_t semi = key.find(';'); semi != std::string::npos) {
      key.resize(semi);  // parameters (none written by fcsim) are ignored
    }
    const auto number = [&](std::uint64_t* v) {
      if (!ParseUnsigned(value, v))
        throw fail("bad " + key + " '" + value + "'");
    };
    const auto instant = [&]() -> std::int64_t {
      try {
        return ParseIcsInstant(value);
      } catch (const std::invalid_argument& e) {
        throw fail(std::string(e.what()) + " in " + key);
      }
    };
    if (key == "BEGIN" && value == "VCALENDAR") {
      in_calendar = true;
    } else if (!in_calendar) {
      throw fail("not an iCalendar file (expected BEGIN:VCALENDAR)");
    } else if (key == "BEGIN" && value == "VEVENT") {
      if (!frame || !base || !slot || !epoch) {
        throw fail(
            "an fcsim calendar sets X-FCSIM-FRAME-SLOTS, -BASE-SLOTS, "
            "-SLOT-NS and -EPOCH before its events");
      }
      if (!header_checked) {
        CheckHeader(t, where);
        if (t.slot_ns % kNanosPerSecond != 0) {
          throw fail("iCalendar slots must be whole seconds");
        }
        frame_s = t.frame_ns() / kNanosPerSecond;
        header_checked = true;
      }
      in_event = true;
      ev = Event{};
      ev.line = no;
    } else if (key == "END" && value == "VEVENT") {
      if (!in_event) throw fail("END:VEVENT without BEGIN:VEVENT");
      in_event = false;
      const std::string ew = fmt::format("{}:{}", name, ev.line);
      if (ev.job.empty()) {
        throw TimetableFormatError(ew +
                                   ": event without X-FCSIM-JOB or SUMMARY");
      }
      if (!ev.start || !ev.end || !ev.period) {
        throw TimetableFormatError(ew + ": event of '" + ev.job +
                                   "' needs DTSTART, DTEND and RRULE");
      }
      const std::int64_t slot_s = t.slot_ns / kNanosPerSecond;
      if (*ev.period != frame_s) {
        throw TimetableFormatError(fmt::format(
            "{}: event of '{}' repeats every {} s, not every frame ({} s)", ew,
            ev.job, *ev.period, frame_s));
      }
      if (*ev.end - *ev.start != slot_s) {
        throw TimetableFormatError(
            fmt::format("{}: event of '{}' lasts {} s, not one slot ({} s)", ew,
                        ev.job, *ev.end - *ev.start, slot_s));
      }
      // DTSTART decides the slot (any frame's occurrence will do).
      std::int64_t offset = (*ev.start - t.epoch_s) % frame_s;
      if (offset < 0) offset += frame_s;
      if (offset % slot_s != 0) {
        throw TimetableFormatError(
            fmt::format("{}: event of '{}' starts {} s into the frame, not at "
                        "a slot boundary",
                        ew, ev.job, offset));
      }
      const std::uint64_t s = static_cast<std::uint64_t>(offset / slot_s);
      if (ev.slot && *ev.slot != s) {
        throw TimetableFormatError(fmt::format(
            "{}: event of '{}' says X-FCSIM-SLOT:{} but DTSTART is slot {} "
            "(edit both, or drop X-FCSIM-SLOT)",
            ew, ev.job, *ev.slot, s));
      }
      const auto [it, fresh] = index.emplace(ev.job, names.size());
      if (fresh) {
        names.push_back(ev.job);
        demands.push_back(ToU32(ev.demand, "demand", ew));
        slots.emplace_back();
      } else if (demands[it->second] != ev.demand) {
        throw TimetableFormatError(ew + ": job '" + ev.job +
                                   "' has two different X-FCSIM-DEMAND values");
      }
      slots[it->second].push_back(static_cast<std::uint32_t>(s));
    } else if (in_event) {
      if (key == "X-FCSIM-JOB") {
        ev.job = IcsUnescape(value);
      } else if (key == "SUMMARY" && ev.job.empty()) {
        ev.job = IcsUnescape(value);
      } else if (key == "X-FCSIM-DEMAND") {
        number(&ev.demand);
      } else if (key == "X-FCSIM-SLOT") {
        std::uint64_t v = 0;
        number(&v);
        ev.slot = v;
      } else if (key == "DTSTART") {
        ev.start = instant();
      } else if (key == "DTEND") {
        ev.end = instant();
      } else if (key == "RRULE") {
        ev.period = ParseRecurrence(value, where);
      }
    } else if (key == "X-FCSIM-FORMAT") {
      if (value != kFormatName)
        throw fail("X-FCSIM-FORMAT is not " + std::string(kFormatName));
    } else if (key == "X-FCSIM-VERSION") {
      if (value != std::to_string(kTimetableVersion)) {
        throw fail("version " + value + " is not supported");
      }
    } else if (key == "X-FCSIM-FRAME-SLOTS") {
      std::uint64_t v = 0;
      number(&v);
      t.frame_slots = ToU32(v, key, where);
      frame = true;
    } else if (key == "X-FCSIM-BASE-SLOTS") {
      std::uint64_t v = 0;
      number(&v);
      t.base_slots = ToU32(v, key, where);
      base = true;
    } else if (key == "X-FCSIM-SLOT-NS") {
      std::uint64_t v = 0;
      number(&v);
      if (v > INT64_MAX) throw fail("X-FCSIM-SLOT-NS too large");
      t.slot_ns = static_cast<std::int64_t>(v);
      slot = true;
    } else if (key == "X-FCSIM-EPOCH") {
      t.epoch_s = instant();
      epoch = true;
    } else if (key == "X-FCSIM-GRAPH-HASH") {
      t.graph_hash = value;
    }
  }
  if (!frame || !base || !slot || !epoch) {
    throw TimetableFormatError(
        name +
        ": not an fcsim calendar (no X-FCSIM-FRAME-SLOTS, "
        "-BASE-SLOTS, -SLOT-NS, -EPOCH)");
  }
  if (in_event) throw TimetableFormatError(name + ": unterminated VEVENT");
  CheckHeader(t, name);
  for (std::size_t j = 0; j < names.size(); ++j) {
    try {
      t.AddJob(names[j], demands[j], std::move(slots[j]));
    } catch (const std::invalid_argument& e) {
      throw TimetableFormatError(name + ": " + e.what());
    }
  }
  return t;
}

Timetable ReadTimetable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TimetableFormatError("cannot open timetable '" + path + "'");
  // The first non-blank character(s) decide the format.
  std::string head;
  char c = 0;
  while (in.get(c) && head.size() < 32) {
    if (head.empty() && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
      continue;
    }
    head += c;
  }
  in.clear();
  in.seekg(0);
  if (!head.empty() && head[0] == '{') return ReadTimetableJson(in, path);
  if (head.rfind("BEGIN:VCALENDAR", 0) == 0) return ReadTimetableIcs(in, path);
  if (head.rfind("# fcsim-timetable", 0) == 0) {
    return ReadTimetableCsv(in, path);
  }
  throw TimetableFormatError(
      path +
      ": not a timetable fcsim can check (JSON, CSV with '# fcsim-timetable', "
      "or iCalendar)");
}

}  // namespace fcsim
