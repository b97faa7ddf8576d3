#include "experiments/schedule/jobs.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <istream>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace fcsim {
namespace {

constexpr std::uint64_t kMaxVertices = std::uint64_t{1} << 28;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// Control characters would break every line-based adapter (cron, ics, ...).
void RequirePrintable(std::string_view text, std::string_view what) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      throw std::invalid_argument(std::string(what) +
                                  " contains a control character");
    }
  }
}

std::uint32_t ParseDemand(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 ||
      value > kMaxDemand) {
    throw std::invalid_argument(
        fmt::format("demand must be an integer in 1..{}, got '{}'", kMaxDemand,
                    std::string(text)));
  }
  return static_cast<std::uint32_t>(value);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::optional<std::uint32_t> JobSet::SharedResource(std::uint32_t a,
                                                    std::uint32_t b) const {
  const auto ra = resources(a);
  const auto rb = resources(b);
  // Both lists are sorted ascending: a merge finds the smallest common one.
  std::size_t i = 0, j = 0;
  while (i < ra.size() && j < rb.size()) {
    if (ra[i] == rb[j]) return ra[i];
    if (ra[i] < rb[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return std::nullopt;
}

bool JobSet::AllUnitDemand() const {
  return std::all_of(demand.begin(), demand.end(),
                     [](std::uint32_t d) { return d == 1; });
}

std::vector<std::string> SplitCsvRecord(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && IsBlank(line[i])) ++i;
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field += line[i++];
      }
      if (!closed) {
        throw std::invalid_argument(
            "unterminated quoted field (fields may not span lines)");
      }
      while (i < line.size() && IsBlank(line[i])) ++i;
      if (i < line.size() && line[i] != ',') {
        throw std::invalid_argument(
            fmt::format("unexpected '{}' after a quoted field", line[i]));
      }
    } else {
      const std::size_t start = i;
      while (i < line.size() && line[i] != ',') {
        if (line[i] == '"') {
          throw std::invalid_argument(
              "quote inside an unquoted field (quote the whole field and "
              "double inner quotes)");
        }
        ++i;
      }
      field = std::string(Trim(line.substr(start, i - start)));
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

std::string CsvField(std::string_view field) {
  const bool needs_quotes =
      field.find_first_of(",\"") != std::string_view::npos ||
      (!field.empty() && (IsBlank(field.front()) || IsBlank(field.back()) ||
                          field.front() == '#'));
  if (!needs_quotes) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

JobSet ReadJobs(std::istream& in, const std::string& name) {
  JobSet jobs;
  std::unordered_map<std::string, std::uint32_t> job_index;
  std::unordered_map<std::string, std::uint32_t> resource_index;
  std::string line;
  std::uint64_t line_no = 0;
  std::size_t header_fields = 0;  // 0 = no header seen
  bool first_record = true;
  std::vector<std::uint32_t> row_resources;
  auto fail = [&](const std::string& problem) {
    throw JobsFormatError(fmt::format("{}:{}: {}", name, line_no, problem));
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view view = line;
    // A UTF-8 byte-order mark, as spreadsheet exports write it.
    if (line_no == 1 && view.substr(0, 3) == "\xEF\xBB\xBF") {
      view.remove_prefix(3);
    }
    const std::string_view trimmed = Trim(view);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    std::vector<std::string> fields;
    try {
      fields = SplitCsvRecord(view);
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
    if (first_record) {
      first_record = false;
      if (Lower(fields[0]) == "job") {
        if (fields.size() < 2 || fields.size() > 3 ||
            Lower(fields[1]) != "resources" ||
            (fields.size() == 3 && Lower(fields[2]) != "demand")) {
          fail("header must be 'job,resources' or 'job,resources,demand'");
        }
        header_fields = fields.size();
        continue;
      }
    }
    if (fields.size() < 2 || fields.size() > 3) {
      fail(
          fmt::format("expected 2 or 3 fields (job,resources[,demand]), got {}",
                      fields.size()));
    }
    if (header_fields != 0 && fields.size() > header_fields) {
      fail(fmt::format("{} fields but the header has {}", fields.size(),
                       header_fields));
    }
    const std::string& job = fields[0];
    if (job.empty()) fail("empty job name");
    try {
      RequirePrintable(job, "job name");
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
    if (jobs.names.size() >= kMaxVertices) {
      fail(fmt::format("more than {} jobs", kMaxVertices));
    }
    const auto [it, inserted] =
        job_index.emplace(job, static_cast<std::uint32_t>(jobs.names.size()));
    if (!inserted) {
      fail(fmt::format("job '{}' already defined on line {}", job,
                       jobs.lines[it->second]));
    }
    std::uint32_t demand = 1;
    if (fields.size() == 3 && !fields[2].empty()) {
      try {
        demand = ParseDemand(fields[2]);
      } catch (const std::invalid_argument& e) {
        fail(e.what());
      }
    }
    row_resources.clear();
    if (!fields[1].empty()) {
      std::string_view rest = fields[1];
      while (true) {
        const std::size_t semi = rest.find(';');
        const std::string_view piece = Trim(rest.substr(0, semi));
        if (piece.empty()) {
          fail(fmt::format("empty resource name in '{}'", fields[1]));
        }
        try {
          RequirePrintable(piece, "resource name");
        } catch (const std::invalid_argument& e) {
          fail(e.what());
        }
        const auto [rit, fresh] = resource_index.emplace(
            std::string(piece),
            static_cast<std::uint32_t>(jobs.resource_names.size()));
        if (fresh) jobs.resource_names.emplace_back(piece);
        row_resources.push_back(rit->second);
        if (semi == std::string_view::npos) break;
        rest.remove_prefix(semi + 1);
      }
    }
    // A resource named twice in one row is the same resource: keep one.
    std::sort(row_resources.begin(), row_resources.end());
    row_resources.erase(std::unique(row_resources.begin(), row_resources.end()),
                        row_resources.end());
    jobs.names.push_back(job);
    jobs.demand.push_back(demand);
    jobs.lines.push_back(line_no);
    jobs.resource_ids.insert(jobs.resource_ids.end(), row_resources.begin(),
                             row_resources.end());
    jobs.resource_offsets.push_back(jobs.resource_ids.size());
  }
  if (in.bad()) {
    throw JobsFormatError(fmt::format("{}:{}: read error", name, line_no));
  }
  if (jobs.names.empty()) {
    throw JobsFormatError(fmt::format("{}:{}: no jobs", name, line_no));
  }
  return jobs;
}

JobSet ReadJobs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw JobsFormatError("cannot open jobs file '" + path + "'");
  return ReadJobs(in, path);
}

JobSet JobsFromGraph(Vertex n) {
  JobSet jobs;
  jobs.names.reserve(n);
  for (Vertex v = 0; v < n; ++v) jobs.names.push_back(std::to_string(v));
  jobs.demand.assign(n, 1);
  jobs.resource_offsets.assign(std::size_t{n} + 1, 0);
  jobs.lines.assign(n, 0);
  return jobs;
}

Graph BuildConflictGraph(const JobSet& jobs, std::uint64_t max_pairs) {
  const std::uint32_t n = jobs.num_jobs();
  const std::size_t num_resources = jobs.resource_names.size();
  // Jobs of every resource (CSR), ascending because jobs are scanned in order.
  std::vector<std::uint64_t> offsets(num_resources + 1, 0);
  for (std::uint32_t r : jobs.resource_ids) ++offsets[r + 1];
  for (std::size_t r = 0; r < num_resources; ++r) offsets[r + 1] += offsets[r];
  std::vector<std::uint32_t> members(jobs.resource_ids.size());
  {
    std::vector<std::uint64_t> next(offsets.begin(), offsets.end() - 1);
    for (std::uint32_t j = 0; j < n; ++j) {
      for (std::uint32_t r : jobs.resources(j)) members[next[r]++] = j;
    }
  }
  // Count the pairs first: one huge resource must be refused before any
  // allocation, with a message that says which one.
  unsigned __int128 pairs = 0;
  std::size_t largest = 0;
  for (std::size_t r = 0; r < num_resources; ++r) {
    const std::uint64_t c = offsets[r + 1] - offsets[r];
    pairs += static_cast<unsigned __int128>(c) * (c - 1) / 2;
    if (c > offsets[largest + 1] - offsets[largest]) largest = r;
  }
  if (pairs > max_pairs) {
    const std::uint64_t c = offsets[largest + 1] - offsets[largest];
    throw std::invalid_argument(fmt::format(
        "the conflict graph would have up to {} conflict pairs, above the "
        "limit of {} (--max-conflicts); resource '{}' alone is shared by {} "
        "jobs ({} pairs)",
        static_cast<std::uint64_t>(std::min<unsigned __int128>(pairs, ~0ULL)),
        max_pairs, jobs.resource_names[largest], c, c * (c - 1) / 2));
  }
  // Each job's neighbours: the union of its resources' members, sorted.
  std::vector<EdgeIndex> graph_offsets(std::size_t{n} + 1, 0);
  std::vector<Vertex> adjacency;
  adjacency.reserve(static_cast<std::size_t>(2 * pairs));
  std::vector<Vertex> scratch;
  for (std::uint32_t j = 0; j < n; ++j) {
    scratch.clear();
    for (std::uint32_t r : jobs.resources(j)) {
      for (std::uint64_t k = offsets[r]; k < offsets[r + 1]; ++k) {
        if (members[k] != j) scratch.push_back(members[k]);
      }
    }
    std::sort(scratch.begin(), scratch.end());
    scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
    adjacency.insert(adjacency.end(), scratch.begin(), scratch.end());
    graph_offsets[j + 1] = adjacency.size();
  }
  adjacency.shrink_to_fit();
  return Graph(std::move(graph_offsets), std::move(adjacency));
}

Graph ExpandDemands(const Graph& conflicts,
                    std::span<const std::uint32_t> demand,
                    std::vector<std::uint64_t>* copy_offsets,
                    std::uint64_t max_pairs) {
  const Vertex n = conflicts.num_vertices();
  if (demand.size() != n) {
    throw std::invalid_argument("demand list does not match the graph");
  }
  std::vector<std::uint64_t>& copies = *copy_offsets;
  copies.assign(std::size_t{n} + 1, 0);
  for (Vertex j = 0; j < n; ++j) copies[j + 1] = copies[j] + demand[j];
  if (copies[n] > kMaxVertices) {
    throw std::invalid_argument(
        fmt::format("the demand expansion has {} job copies, above the limit "
                    "of {}",
                    copies[n], kMaxVertices));
  }
  unsigned __int128 pairs = 0;
  for (Vertex j = 0; j < n; ++j) {
    const std::uint64_t d = demand[j];
    pairs += d * (d - 1) / 2;
    for (Vertex u : conflicts.neighbors(j)) {
      if (u > j) pairs += static_cast<unsigned __int128>(d) * demand[u];
    }
  }
  if (pairs > max_pairs) {
    throw std::invalid_argument(fmt::format(
        "the demand expansion would have {} conflict pairs, above the limit "
        "of {} (--max-conflicts)",
        static_cast<std::uint64_t>(std::min<unsigned __int128>(pairs, ~0ULL)),
        max_pairs));
  }
  const Vertex total = static_cast<Vertex>(copies[n]);
  std::vector<EdgeIndex> offsets(std::size_t{total} + 1, 0);
  std::vector<Vertex> adjacency;
  adjacency.reserve(static_cast<std::size_t>(2 * pairs));
  // Neighbour lists come out sorted: conflict neighbours are sorted and the
  // copies of a job are contiguous, with j's own copies in their place.
  for (Vertex j = 0; j < n; ++j) {
    for (std::uint64_t c = copies[j]; c < copies[j + 1]; ++c) {
      const auto nbrs = conflicts.neighbors(j);
      std::size_t k = 0;
      for (; k < nbrs.size() && nbrs[k] < j; ++k) {
        for (std::uint64_t x = copies[nbrs[k]]; x < copies[nbrs[k] + 1]; ++x) {
          adjacency.push_back(static_cast<Vertex>(x));
        }
      }
      for (std::uint64_t x = copies[j]; x < copies[j + 1]; ++x) {
        if (x != c) adjacency.push_back(static_cast<Vertex>(x));
      }
      for (; k < nbrs.size(); ++k) {
        for (std::uint64_t x = copies[nbrs[k]]; x < copies[nbrs[k] + 1]; ++x) {
          adjacency.push_back(static_cast<Vertex>(x));
        }
      }
      offsets[c + 1] = adjacency.size();
    }
  }
  return Graph(std::move(offsets), std::move(adjacency));
}

}  // namespace fcsim
