#include "experiments/records.h"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "algorithms/rational.h"
#include "experiments/algorithm_registry.h"
#include "experiments/cli_commands.h"
#include "fcsim_revision.h"  // generated: FCSIM_GIT_REVISION
#include "sim/ids.h"

namespace fcsim {
namespace {

using nlohmann::json;

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t Fnv(std::uint64_t hash, std::uint64_t word) {
  return (hash ^ word) * kFnvPrime;
}

json OptionalRational(const std::optional<Rational>& r) {
  return r ? json(r->ToString()) : json(nullptr);
}

json OptionalDouble(const std::optional<Rational>& r) {
  return r ? json(r->ToDouble()) : json(nullptr);
}

// The series label: the family prefix of a spec, or the file's name.
std::string SpecFamily(const std::string& spec) {
  const std::size_t colon = spec.find(':');
  if (colon != std::string::npos) return spec.substr(0, colon);
  return std::filesystem::path(spec).filename().string();
}

// The CSV columns, in order: (column name, field path in the record).
const std::vector<std::pair<std::string, std::string>>& CsvColumns() {
  static const std::vector<std::pair<std::string, std::string>> columns = {
      {"schema", "schema"},
      {"family", "family"},
      {"graph", "graph"},
      {"graph_hash", "graph_hash"},
      {"algorithm", "algorithm"},
      {"params", "params"},
      {"eps", "eps"},
      {"eps_value", "eps_value"},
      {"seed", "seed"},
      {"threads", "threads"},
      {"ids", "ids"},
      {"id_range", "id_range"},
      {"n", "n"},
      {"m", "m"},
      {"max_degree", "max_degree"},
      {"output", "output"},
      {"a", "a"},
      {"b", "b"},
      {"weight", "weight"},
      {"weight_value", "weight_value"},
      {"weight_claim", "weight_claim"},
      {"weight_claim_value", "weight_claim_value"},
      {"rounds", "rounds"},
      {"phases", "phases"},
      {"round_bound", "round_bound"},
      {"round_formula", "round_formula"},
      {"messages", "messages"},
      {"bits_total", "bits_total"},
      {"bits_max", "bits_max"},
      {"sim_seconds", "sim_seconds"},
      {"wall_seconds", "wall_seconds"},
      {"peak_rss_bytes", "peak_rss_bytes"},
      {"verdict", "verdict"},
      {"violation_kind", "violation/kind"},
      {"violation_message", "violation/message"},
      {"audit_samples", "audit_samples"},
      {"audit_radius", "audit/radius"},
      {"audit_audited", "audit/audited"},
      {"audit_mismatches", "audit/mismatches"},
      {"audit_summary", "audit_summary"},
      {"fcsim_version", "fcsim_version"},
      {"git_revision", "git_revision"},
      {"timestamp", "timestamp"},
  };
  return columns;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string CsvValue(const json& record, const std::string& path) {
  if (path == "phases") {
    std::string joined;
    if (record.contains("phases") && record["phases"].is_array()) {
      for (const json& p : record["phases"]) {
        if (!joined.empty()) joined += ';';
        joined += p.value("name", "") + ":" +
                  std::to_string(p.value("rounds", std::uint64_t{0}));
      }
    }
    return joined;
  }
  const json* node = &record;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const std::size_t slash = path.find('/', pos);
    const std::string key = path.substr(
        pos, slash == std::string::npos ? std::string::npos : slash - pos);
    if (!node->is_object() || !node->contains(key)) return "";
    node = &(*node)[key];
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  if (node->is_null()) return "";
  if (node->is_string()) return node->get<std::string>();
  if (node->is_number_float()) return fmt::format("{}", node->get<double>());
  return node->dump();
}

void WriteAll(int fd, const std::string& data, const std::string& path) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot write '" + path +
                               "': " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::uint64_t GraphHash(const Graph& graph) {
  std::uint64_t hash = Fnv(kFnvOffset, graph.num_vertices());
  std::vector<Vertex> higher;
  for (Vertex u = 0; u < graph.num_vertices(); ++u) {
    higher.clear();
    for (Vertex w : graph.neighbors(u)) {
      if (w > u) higher.push_back(w);
    }
    std::sort(higher.begin(), higher.end());
    for (Vertex w : higher) hash = Fnv(Fnv(hash, u), w);
  }
  return hash;
}

std::string GraphHashHex(std::uint64_t hash) {
  return fmt::format("{:016x}", hash);
}

std::string NormaliseEps(const std::string& eps_arg) {
  if (eps_arg.empty()) return "";
  return ParseRationalArg(eps_arg, "eps").ToString();
}

std::string RunKey(const std::string& graph, const std::string& algo,
                   const std::string& eps, std::uint64_t seed,
                   const std::string& ids, int threads) {
  return fmt::format("{}|{}|{}|{}|{}|{}", graph, algo, eps, seed, ids, threads);
}

std::string RecordKey(const json& r) {
  const std::string eps = r.contains("eps") && r["eps"].is_string()
                              ? r["eps"].get<std::string>()
                              : "";
  return RunKey(r.value("graph", ""), r.value("algorithm", ""), eps,
                r.value("seed", std::uint64_t{0}), r.value("ids", ""),
                r.value("threads", 0));
}

json MakeRecord(const GlobalOptions& global, const AlgorithmChoice& choice,
                const PreparedRun& run, const AlgorithmReport& report,
                double total_seconds, std::uint64_t audit_samples,
                const std::string& family) {
  const Graph& g = run.graph.graph;
  json r;
  r["schema"] = kRecordSchema;
  r["family"] = family.empty() ? SpecFamily(run.graph.name) : family;
  r["graph"] = run.graph.name;
  r["graph_hash"] = GraphHashHex(GraphHash(g));
  r["algorithm"] = run.entry->name;
  r["params"] = report.params;
  const std::string eps = NormaliseEps(choice.eps);
  r["eps"] = eps.empty() ? json(nullptr) : json(eps);
  r["eps_value"] =
      eps.empty() ? json(nullptr) : json(Rational::Parse(eps).ToDouble());
  r["seed"] = global.seed;
  r["threads"] = global.threads;
  r["ids"] = std::string(IdSchemeName(run.scheme));
  r["id_range"] = report.inputs.id_range;
  r["n"] = g.num_vertices();
  r["m"] = g.num_edges();
  r["max_degree"] = g.max_degree();
  r["output"] = report.output_kind;
  r["a"] = report.coloring ? json(report.coloring->a()) : json(nullptr);
  r["b"] = report.coloring ? json(report.coloring->b()) : json(nullptr);
  r["weight"] = OptionalRational(report.weight);
  r["weight_value"] = OptionalDouble(report.weight);
  r["weight_claim"] = OptionalRational(report.weight_claim);
  r["weight_claim_value"] = OptionalDouble(report.weight_claim);
  r["rounds"] = report.stats.rounds;
  json phases = json::array();
  for (const PhaseStats& p : report.stats.phases) {
    phases.push_back({{"name", p.name}, {"rounds", p.rounds}});
  }
  r["phases"] = std::move(phases);
  r["round_bound"] = report.round_bound;
  r["round_formula"] = report.round_formula;
  r["messages"] = report.stats.messages;
  r["bits_total"] = report.stats.message_bits;
  r["bits_max"] = report.stats.max_message_bits;
  r["sim_seconds"] = report.stats.wall_seconds;
  r["wall_seconds"] = total_seconds;
  r["peak_rss_bytes"] = report.stats.peak_rss_bytes;
  r["verdict"] = report.verdict.passed() ? "PASS" : "FAIL";
  if (report.verdict.violation) {
    r["violation"] = {
        {"kind",
         std::string(ViolationKindName(report.verdict.violation->kind))},
        {"message", report.verdict.violation->message}};
  } else {
    r["violation"] = nullptr;
  }
  r["verdict_text"] = report.verdict.ToString();
  r["audit_samples"] = audit_samples;
  if (report.audit) {
    r["audit"] = {{"radius", report.audit->radius},
                  {"audited", report.audit->audited},
                  {"mismatches", report.audit->mismatches.size()}};
    r["audit_summary"] = report.audit->Summary();
  } else {
    r["audit"] = nullptr;
    r["audit_summary"] = "not run";
  }
  r["fcsim_version"] = FCSIM_VERSION;
  r["git_revision"] = FCSIM_GIT_REVISION;
  r["timestamp"] = UtcTimestamp();
  return r;
}

std::string CsvHeader() {
  std::string header;
  for (const auto& [name, path] : CsvColumns()) {
    if (!header.empty()) header += ',';
    header += name;
  }
  return header;
}

std::string CsvRow(const json& record) {
  std::string row;
  bool first = true;
  for (const auto& [name, path] : CsvColumns()) {
    if (!first) row += ',';
    first = false;
    row += CsvField(CsvValue(record, path));
  }
  return row;
}

void AppendLine(const std::string& path, const std::string& line) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) {
    throw std::runtime_error("cannot open '" + path +
                             "' for appending: " + std::strerror(errno));
  }
  // One write of the whole line: with O_APPEND, readers and concurrent
  // writers never see interleaved halves.
  try {
    WriteAll(fd, line + "\n", path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::fsync(fd);
  ::close(fd);
}

void AppendRecordJsonl(const std::string& path, const json& record) {
  AppendLine(path, record.dump());
}

void AppendRecordCsv(const std::string& path, const json& record) {
  std::error_code ec;
  const bool fresh = !std::filesystem::exists(path, ec) ||
                     std::filesystem::file_size(path, ec) == 0;
  AppendLine(path,
             fresh ? CsvHeader() + "\n" + CsvRow(record) : CsvRow(record));
}

RecordFile ReadRecords(const std::string& path) {
  RecordFile file;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      throw std::runtime_error("cannot read records file '" + path + "'");
    }
    return file;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string data = text.str();
  std::size_t pos = 0;
  std::uint64_t line_number = 0;
  while (pos < data.size()) {
    const std::size_t end = data.find('\n', pos);
    ++line_number;
    if (end == std::string::npos) {
      // A last line without newline is a write cut short by a kill.
      file.truncated_tail = true;
      break;
    }
    const std::string line = data.substr(pos, end - pos);
    pos = end + 1;
    file.valid_bytes = pos;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json record = json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) {
      throw std::runtime_error(fmt::format(
          "{}:{}: not a JSON record (a complete line that does not parse)",
          path, line_number));
    }
    file.records.push_back(std::move(record));
  }
  return file;
}

void WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      throw std::runtime_error("cannot write '" + temp + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw std::runtime_error("cannot rename '" + temp + "' to '" + path + "'");
  }
}

bool RepairRecordFile(const std::string& path) {
  const RecordFile file = ReadRecords(path);
  if (!file.truncated_tail) return false;
  std::ifstream in(path, std::ios::binary);
  std::string prefix(file.valid_bytes, '\0');
  in.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
  WriteFileAtomically(path, prefix);
  return true;
}

void WriteCsvFile(const std::string& path, const std::vector<json>& records) {
  std::string text = CsvHeader() + "\n";
  for (const json& r : records) text += CsvRow(r) + "\n";
  WriteFileAtomically(path, text);
}

std::string UtcTimestamp() {
  const std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace fcsim
