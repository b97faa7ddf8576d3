#include "experiments/papers.h"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "algorithms/rational.h"
#include "experiments/cli.h"
#include "experiments/cli_commands.h"
#include "experiments/plot.h"
#include "experiments/records.h"
#include "experiments/spec_file.h"

namespace fcsim {
namespace {

using nlohmann::json;

const std::set<std::string> kChecks = {"verdict",
                                       "rounds_within_bound",
                                       "rounds_at_most",
                                       "weight_within_claim",
                                       "weight_equals_claim",
                                       "constant_output",
                                       "audit_clean"};

// Column name -> header of a runs table.
const std::map<std::string, std::string>& Columns() {
  static const std::map<std::string, std::string> columns = {
      {"family", "family"},
      {"graph", "graph"},
      {"n", "n"},
      {"m", "m"},
      {"max_degree", "Δ"},
      {"algorithm", "algorithm"},
      {"eps", "ε"},
      {"ids", "ids"},
      {"seed", "seed"},
      {"threads", "threads"},
      {"a", "a"},
      {"b", "b"},
      {"weight", "weight"},
      {"weight_claim", "claimed weight"},
      {"rounds", "rounds"},
      {"round_bound", "declared bound"},
      {"messages", "messages"},
      {"sim_seconds", "simulation"},
      {"wall_seconds", "wall"},
      {"peak_rss_bytes", "peak RSS"},
      {"audit", "audit"},
      {"verdict", "verdict"},
      {"command", "command"},
  };
  return columns;
}

std::string Text(const json& v) {
  if (v.is_null()) return "–";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string Str(const json& r, const char* key) {
  return r.contains(key) ? Text(r[key]) : "–";
}

std::uint64_t U64(const json& r, const char* key) {
  return r.contains(key) && r[key].is_number_unsigned()
             ? r[key].get<std::uint64_t>()
             : 0;
}

bool Matches(const json& r, const json& where) {
  if (!where.is_object()) return true;
  for (const auto& [key, want] : where.items()) {
    const std::string have = r.contains(key) ? Text(r[key]) : "–";
    bool ok = false;
    if (want.is_array()) {
      for (const json& w : want) ok |= Text(w) == have;
    } else {
      ok = Text(want) == have;
    }
    if (!ok) return false;
  }
  return true;
}

// The `fcsim run` command that reproduces a record.
std::string RunCommand(const json& r) {
  std::string cmd =
      "fcsim run -g " + Str(r, "graph") + " -a " + Str(r, "algorithm");
  if (r.contains("eps") && r["eps"].is_string()) {
    cmd += " -e " + r["eps"].get<std::string>();
  }
  cmd += " --ids " + Str(r, "ids") + " -s " + Str(r, "seed") + " -t " +
         Str(r, "threads");
  if (U64(r, "audit_samples") > 0) {
    cmd += " --audit-samples " + Str(r, "audit_samples");
  }
  return "`" + cmd + "`";
}

std::string Cell(const json& r, const std::string& column) {
  if (column == "command") return RunCommand(r);
  if (column == "wall_seconds" || column == "sim_seconds") {
    return r.contains(column) && r[column].is_number()
               ? fmt::format("{:.2f} s", r[column].get<double>())
               : "–";
  }
  if (column == "peak_rss_bytes") return FormatBytes(U64(r, "peak_rss_bytes"));
  if (column == "verdict") {
    if (r.value("verdict", "") == "PASS") return "PASS";
    return "FAIL: " + (r.contains("violation") && r["violation"].is_object()
                           ? r["violation"].value("kind", "?")
                           : std::string("?"));
  }
  if (column == "audit") {
    if (!r.contains("audit") || !r["audit"].is_object()) return "not run";
    return fmt::format("{} audited, {} differ", Text(r["audit"]["audited"]),
                       Text(r["audit"]["mismatches"]));
  }
  return Str(r, column.c_str());
}

// "1 run", "3 runs".
std::string Runs(std::size_t count) {
  return fmt::format("{} run{}", count, count == 1 ? "" : "s");
}

// "1000" or "1000…30000".
std::string Range(std::uint64_t lo, std::uint64_t hi) {
  return lo == hi ? std::to_string(lo) : fmt::format("{}…{}", lo, hi);
}

std::string NRange(const std::vector<json>& records) {
  std::uint64_t lo = UINT64_MAX, hi = 0;
  for (const json& r : records) {
    lo = std::min(lo, U64(r, "n"));
    hi = std::max(hi, U64(r, "n"));
  }
  return Range(lo, hi);
}

std::optional<Rational> RationalField(const json& r, const char* key) {
  if (!r.contains(key) || !r[key].is_string()) return std::nullopt;
  return Rational::Parse(r[key].get<std::string>());
}

ClaimResult CheckWeights(const std::vector<json>& records, bool equal) {
  std::vector<std::string> pairs;
  bool passed = true;
  for (const json& r : records) {
    const std::optional<Rational> w = RationalField(r, "weight");
    const std::optional<Rational> c = RationalField(r, "weight_claim");
    if (!w || !c) {
      return {fmt::format("record of {} on {} has no weight or claim",
                          Str(r, "algorithm"), Str(r, "graph")),
              false};
    }
    const bool ok = equal ? *w == *c : *w <= *c;
    passed &= ok;
    const std::string pair =
        w->ToString() +
        (ok ? (equal ? " = " : " ≤ ") : (equal ? " ≠ " : " > ")) +
        c->ToString();
    if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) {
      pairs.push_back(pair);
    }
  }
  std::string joined;
  for (const std::string& p : pairs) joined += (joined.empty() ? "" : ", ") + p;
  return {fmt::format("weight {} claim: {} ({}, n = {})", equal ? "=" : "≤",
                      joined, Runs(records.size()), NRange(records)),
          passed};
}

json Where(const json& table, const std::string& file, const std::string& key) {
  if (!table.contains("where")) return json::object();
  if (!table["where"].is_object()) {
    SpecError(file, key + ".where", "expected a table {field = value}");
  }
  return table["where"];
}

std::string StringKey(const json& t, const char* name, const std::string& file,
                      const std::string& key, bool required) {
  if (!t.contains(name)) {
    if (required) SpecError(file, key + "." + name, "missing");
    return "";
  }
  if (!t[name].is_string()) {
    SpecError(file, key + "." + name, "expected a string");
  }
  return t[name].get<std::string>();
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::vector<json> Select(const std::vector<json>& records, const json& where) {
  std::vector<json> selected;
  for (const json& r : records) {
    if (Matches(r, where)) selected.push_back(r);
  }
  return selected;
}

ClaimResult EvaluateClaim(const PaperClaim& claim,
                          const std::vector<json>& records) {
  const std::vector<json> sel = Select(records, claim.where);
  if (sel.empty()) return {"no records match", false};
  const std::string& check = claim.check;
  if (check == "verdict") {
    std::size_t pass = 0;
    std::string first_fail;
    for (const json& r : sel) {
      if (r.value("verdict", "") == "PASS") {
        ++pass;
      } else if (first_fail.empty()) {
        first_fail = "; first FAIL: " + Str(r, "graph") + ": " +
                     r.value("verdict_text", std::string("FAIL"));
      }
    }
    return {fmt::format("{} of {} PASS (n = {}){}", pass, Runs(sel.size()),
                        NRange(sel), first_fail),
            pass == sel.size()};
  }
  if (check == "rounds_within_bound" || check == "rounds_at_most") {
    std::uint64_t lo = UINT64_MAX, hi = 0, blo = UINT64_MAX, bhi = 0;
    double ratio = 0;
    bool passed = true;
    for (const json& r : sel) {
      const std::uint64_t rounds = U64(r, "rounds");
      const std::uint64_t bound = check == "rounds_at_most"
                                      ? static_cast<std::uint64_t>(claim.value)
                                      : U64(r, "round_bound");
      lo = std::min(lo, rounds);
      hi = std::max(hi, rounds);
      blo = std::min(blo, bound);
      bhi = std::max(bhi, bound);
      if (bound > 0) ratio = std::max(ratio, double(rounds) / double(bound));
      passed &= rounds <= bound;
    }
    if (check == "rounds_at_most") {
      return {fmt::format("rounds {} in {} (claim ≤ {}, n = {})", Range(lo, hi),
                          Runs(sel.size()), claim.value, NRange(sel)),
              passed};
    }
    return {fmt::format("rounds {} against declared bounds {}; max "
                        "rounds/bound = {:.3f} ({}, n = {})",
                        Range(lo, hi), Range(blo, bhi), ratio, Runs(sel.size()),
                        NRange(sel)),
            passed};
  }
  if (check == "weight_within_claim") return CheckWeights(sel, false);
  if (check == "weight_equals_claim") return CheckWeights(sel, true);
  if (check == "constant_output") {
    // (a, b) per (algorithm, ε, Δ) must not depend on n.
    std::map<std::string, std::set<std::string>> groups;
    std::map<std::string, std::vector<json>> members;
    for (const json& r : sel) {
      const std::string group =
          fmt::format("{} ε={} Δ={}", Str(r, "algorithm"), Str(r, "eps"),
                      Str(r, "max_degree"));
      groups[group].insert(Str(r, "a") + ":" + Str(r, "b"));
      members[group].push_back(r);
    }
    bool passed = true;
    std::string measured;
    for (const auto& [group, sizes] : groups) {
      std::string joined;
      for (const std::string& s : sizes) {
        joined += (joined.empty() ? "" : " / ") + s;
      }
      passed &= sizes.size() == 1 && joined.find("–") == std::string::npos;
      measured += fmt::format("{}a:b = {} for {} at n = {}",
                              measured.empty() ? "" : "; ", joined, group,
                              NRange(members[group]));
    }
    return {measured, passed};
  }
  // audit_clean
  std::uint64_t audited = 0, mismatches = 0;
  std::size_t missing = 0;
  for (const json& r : sel) {
    if (!r.contains("audit") || !r["audit"].is_object()) {
      ++missing;
      continue;
    }
    audited += U64(r["audit"], "audited");
    mismatches += U64(r["audit"], "mismatches");
  }
  std::string measured =
      fmt::format("{} vertices audited in {}, {} mismatches", audited,
                  Runs(sel.size() - missing), mismatches);
  if (missing > 0) measured += fmt::format("; {} not audited", Runs(missing));
  return {measured, missing == 0 && mismatches == 0 && audited > 0};
}

PageSpec ReadPageSpec(const std::string& path, const std::string& scale) {
  const json doc = ReadTomlFile(path);
  PageSpec spec;
  spec.path = path;
  spec.sweep = ParseSweepSpec(doc, path, scale,
                              {"page", "title", "records", "table", "figure"});
  spec.page = StringKey(doc, "page", path, "", true);
  if (spec.page.empty() || spec.page.find('/') != std::string::npos ||
      !spec.page.ends_with(".md")) {
    SpecError(path, "page", "expected a file name like \"bep.md\"");
  }
  spec.title = StringKey(doc, "title", path, "", false);
  if (spec.title.empty()) spec.title = spec.page;
  spec.records = StringKey(doc, "records", path, "", true);
  std::set<std::string> names;
  if (doc.contains("table")) {
    if (!doc["table"].is_array()) {
      SpecError(path, "table", "expected an array of tables [[table]]");
    }
    std::size_t i = 0;
    for (const json& t : doc["table"]) {
      const std::string key = fmt::format("table[{}]", i++);
      if (!t.is_object()) SpecError(path, key, "expected a table");
      PaperTable table;
      table.name = StringKey(t, "name", path, key, true);
      table.kind = StringKey(t, "kind", path, key, true);
      table.where = Where(t, path, key);
      if (!names.insert("table " + table.name).second) {
        SpecError(path, key + ".name", "duplicate table '" + table.name + "'");
      }
      for (const auto& [k, v] : t.items()) {
        static const std::set<std::string> kKeys = {"name", "kind", "where",
                                                    "columns", "claim"};
        if (!kKeys.contains(k)) SpecError(path, key + "." + k, "unknown key");
      }
      if (table.kind == "runs") {
        if (!t.contains("columns") || !t["columns"].is_array() ||
            t["columns"].empty()) {
          SpecError(path, key + ".columns",
                    "a runs table needs a non-empty list of columns");
        }
        std::size_t c = 0;
        for (const json& col : t["columns"]) {
          const std::string col_key = fmt::format("{}.columns[{}]", key, c++);
          if (!col.is_string() || !Columns().contains(col.get<std::string>())) {
            std::string known;
            for (const auto& [name, header] : Columns()) {
              known += (known.empty() ? "" : ", ") + name;
            }
            SpecError(
                path, col_key,
                "unknown column " + col.dump() + " (known: " + known + ")");
          }
          table.columns.push_back(col.get<std::string>());
        }
      } else if (table.kind == "claims") {
        if (!t.contains("claim") || !t["claim"].is_array() ||
            t["claim"].empty()) {
          SpecError(path, key + ".claim",
                    "a claims table needs [[table.claim]] entries");
        }
        std::size_t c = 0;
        for (const json& cl : t["claim"]) {
          const std::string claim_key = fmt::format("{}.claim[{}]", key, c++);
          if (!cl.is_object()) SpecError(path, claim_key, "expected a table");
          PaperClaim claim;
          claim.id = StringKey(cl, "id", path, claim_key, true);
          claim.statement = StringKey(cl, "statement", path, claim_key, true);
          claim.check = StringKey(cl, "check", path, claim_key, true);
          claim.command = StringKey(cl, "command", path, claim_key, false);
          claim.where = Where(cl, path, claim_key);
          if (!kChecks.contains(claim.check)) {
            std::string known;
            for (const std::string& k : kChecks) {
              known += (known.empty() ? "" : ", ") + k;
            }
            SpecError(
                path, claim_key + ".check",
                "unknown check '" + claim.check + "' (known: " + known + ")");
          }
          if (claim.check == "rounds_at_most") {
            if (!cl.contains("value") || !cl["value"].is_number_integer()) {
              SpecError(path, claim_key + ".value",
                        "rounds_at_most needs an integer value");
            }
            claim.value = cl["value"].get<std::int64_t>();
          }
          // The table's filter applies to every claim.
          for (const auto& [k, v] : table.where.items()) {
            if (!claim.where.contains(k)) claim.where[k] = v;
          }
          table.claims.push_back(std::move(claim));
        }
      } else {
        SpecError(
            path, key + ".kind",
            "expected \"claims\" or \"runs\", got \"" + table.kind + "\"");
      }
      spec.tables.push_back(std::move(table));
    }
  }
  if (doc.contains("figure")) {
    if (!doc["figure"].is_array()) {
      SpecError(path, "figure", "expected an array of tables [[figure]]");
    }
    std::size_t i = 0;
    for (const json& f : doc["figure"]) {
      const std::string key = fmt::format("figure[{}]", i++);
      if (!f.is_object()) SpecError(path, key, "expected a table");
      PaperFigure figure;
      figure.name = StringKey(f, "name", path, key, true);
      figure.caption = StringKey(f, "caption", path, key, false);
      figure.where = Where(f, path, key);
      if (!names.insert("figure " + figure.name).second) {
        SpecError(path, key + ".name",
                  "duplicate figure '" + figure.name + "'");
      }
      figure.plots = {"rounds", "weight", "wall"};
      if (f.contains("plots")) {
        figure.plots.clear();
        for (const json& p : f["plots"]) {
          if (!p.is_string() ||
              (p != "rounds" && p != "weight" && p != "wall")) {
            SpecError(path, key + ".plots",
                      "expected a list of \"rounds\", \"weight\", \"wall\"");
          }
          figure.plots.push_back(p.get<std::string>());
        }
      }
      spec.figures.push_back(std::move(figure));
    }
  }
  return spec;
}

std::string RenderTable(const PaperTable& table,
                        const std::vector<json>& records,
                        const std::string& sweep_command) {
  std::string md;
  if (table.kind == "claims") {
    md += "| # | statement | command | measured | verdict |\n";
    md += "|---|-----------|---------|----------|---------|\n";
    for (const PaperClaim& claim : table.claims) {
      const ClaimResult result = EvaluateClaim(claim, records);
      md += fmt::format(
          "| {} | {} | {} | {} | {} |\n", claim.id, claim.statement,
          claim.command.empty() ? sweep_command
                                : fmt::format("`{}`", claim.command),
          result.measured, result.passed ? "PASS" : "FAIL");
    }
    return md;
  }
  std::string header = "|", rule = "|";
  for (const std::string& c : table.columns) {
    // Appends only: GCC 12 -Wrestrict misfires on "literal" + std::string.
    header += ' ';
    header += Columns().at(c);
    header += " |";
    rule += "---|";
  }
  md += header + "\n" + rule + "\n";
  for (const json& r : Select(records, table.where)) {
    std::string row = "|";
    for (const std::string& c : table.columns) {
      row += ' ';
      row += Cell(r, c);
      row += " |";
    }
    md += row + "\n";
  }
  return md;
}

std::string ReplaceBlock(const std::string& page, const std::string& kind,
                         const std::string& name, const std::string& body,
                         const std::string& where) {
  const std::string open = "<!-- fcsim:" + kind + " " + name + " -->";
  const std::string close = "<!-- /fcsim:" + kind + " -->";
  const std::size_t begin = page.find(open);
  if (begin == std::string::npos) {
    std::string result = page;
    if (!result.empty() && !result.ends_with("\n")) result += "\n";
    return result + "\n" + open + "\n" + body + close + "\n";
  }
  const std::size_t content = begin + open.size();
  const std::size_t end = page.find(close, content);
  if (end == std::string::npos) {
    throw CliError(where + ": marker '" + open + "' has no closing '" + close +
                   "'");
  }
  return page.substr(0, content) + "\n" + body + page.substr(end);
}

namespace {

struct PapersCommand {
  std::string dir = "papers";
  std::string scale = "small";
  std::vector<std::string> only;
  bool fresh = false;
  bool render_only = false;
  bool check = false;
};

int PapersMain(const GlobalOptions& global, const PapersCommand& cmd,
               std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  const std::string specs_dir = cmd.dir + "/specs";
  std::error_code ec;
  if (!fs::is_directory(specs_dir, ec)) {
    throw CliError("papers: no spec directory '" + specs_dir + "'");
  }
  std::vector<std::string> specs;
  for (const fs::directory_entry& e : fs::directory_iterator(specs_dir)) {
    if (e.path().extension() != ".toml") continue;
    if (!cmd.only.empty() &&
        std::find(cmd.only.begin(), cmd.only.end(), e.path().stem().string()) ==
            cmd.only.end()) {
      continue;
    }
    specs.push_back(e.path().string());
  }
  std::sort(specs.begin(), specs.end());
  if (specs.empty()) {
    throw CliError("papers: no page specs (*.toml) in '" + specs_dir + "'");
  }
  // Parse everything first: a bad spec fails before minutes of runs.
  std::vector<PageSpec> pages;
  for (const std::string& s : specs)
    pages.push_back(ReadPageSpec(s, cmd.scale));
  std::size_t stale = 0;
  std::size_t failed_claims = 0;
  for (const PageSpec& spec : pages) {
    const std::string records_path = cmd.dir + "/" + spec.records;
    const std::string page_path = cmd.dir + "/" + spec.page;
    // Paths as printed on the page: relative to the repository root,
    // whatever directory `fcsim papers` ran from.
    fs::path dir_path = fs::path(cmd.dir).lexically_normal();
    if (dir_path.filename().empty()) dir_path = dir_path.parent_path();
    const std::string shown_dir = dir_path.filename().string();
    const std::string shown_records = shown_dir + "/" + spec.records;
    const std::string shown_spec =
        shown_dir + "/specs/" + fs::path(spec.path).filename().string();
    const std::string sweep_command =
        fmt::format("`fcsim sweep {} -o {}{}`", shown_spec, shown_records,
                    cmd.scale == "full" ? " --scale full" : "");
    if (!cmd.check && !cmd.render_only) {
      if (cmd.fresh) fs::remove(records_path, ec);
      fs::create_directories(fs::path(records_path).parent_path(), ec);
      if (global.verbosity >= 1) {
        out << "papers: " << spec.path << " -> " << records_path << "\n";
      }
      RunSweep(global, spec.sweep, SweepOptions{records_path, "", false}, out,
               err);
    }
    std::map<std::string, json> by_key;
    try {
      for (json& r : ReadRecords(records_path).records) {
        std::string key = RecordKey(r);
        by_key[std::move(key)] = std::move(r);
      }
    } catch (const std::exception& e) {
      throw CliError(std::string("papers: ") + e.what());
    }
    std::vector<json> records;
    std::size_t missing = 0;
    for (const PlannedRun& run : PlanSweep(spec.sweep)) {
      auto it = by_key.find(run.key);
      if (it == by_key.end()) {
        ++missing;
      } else {
        records.push_back(it->second);
      }
    }
    if (missing > 0) {
      throw CliError(fmt::format(
          "papers: {}: {} of {} planned runs have no record in {} (run "
          "`fcsim papers` without --check/--render-only)",
          spec.path, missing, missing + records.size(), records_path));
    }
    const std::string original = fs::exists(page_path, ec)
                                     ? ReadText(page_path)
                                     : "# " + spec.title + "\n";
    std::string page = original;
    const std::string note = fmt::format(
        "\n_Generated by `fcsim papers` from `{}` ({} records of `{}`); do "
        "not edit by hand._\n",
        shown_records, records.size(), shown_spec);
    for (const PaperTable& table : spec.tables) {
      const std::string body =
          RenderTable(table, records, sweep_command) + note;
      page = ReplaceBlock(page, "table", table.name, body, page_path);
      for (const PaperClaim& claim : table.claims) {
        failed_claims += EvaluateClaim(claim, records).passed ? 0 : 1;
      }
    }
    for (const PaperFigure& figure : spec.figures) {
      PlotRequest request;
      request.records = Select(records, figure.where);
      request.source = records_path;
      request.dir = cmd.dir + "/figures";
      request.prefix = figure.name + "_";
      request.kinds = figure.plots;
      request.title = spec.title;
      if (request.records.empty()) {
        throw CliError("papers: " + spec.path + ": figure '" + figure.name +
                       "' matches no records");
      }
      std::string body;
      for (const std::string& kind : figure.plots) {
        if (PlotScript(request, kind, {"x.svg", "x.png"}).empty()) continue;
        const std::string file = "figures/" + figure.name + "_" + kind;
        body += fmt::format("![{} {}]({}.svg) ([PNG]({}.png))\n", spec.title,
                            kind, file, file);
      }
      if (!figure.caption.empty()) body += "\n" + figure.caption + "\n";
      body += note;
      if (!cmd.check) {
        for (const std::string& f : MakePlots(request)) {
          if (global.verbosity >= 1) out << "wrote " << f << "\n";
        }
      }
      page = ReplaceBlock(page, "figure", figure.name, body, page_path);
    }
    if (cmd.check) {
      if (page != original) {
        ++stale;
        out << "papers: " << page_path << " does not match " << records_path
            << " (run `fcsim papers --render-only`)\n";
      } else if (global.verbosity >= 1) {
        out << "papers: " << page_path << " matches " << records_path << "\n";
      }
    } else if (page != original) {
      WriteFileAtomically(page_path, page);
      if (global.verbosity >= 1) out << "wrote " << page_path << "\n";
    }
  }
  if (global.verbosity >= 1) {
    out << fmt::format(
        "papers: {} specs, {} claims FAIL{}\n", pages.size(), failed_claims,
        cmd.check ? fmt::format(", {} pages out of date", stale) : "");
  }
  return stale > 0 ? kExitVerificationFailed : kExitOk;
}

const SubcommandRegistrar kPapersRegistrar{
    "papers",
    "regenerate the papers/ pages' tables and plots from sweeps and records",
    [](CLI::App* sub) -> SubcommandMain {
      auto cmd = std::make_shared<PapersCommand>();
      sub->add_option("--dir", cmd->dir,
                      "papers directory (specs in DIR/specs)")
          ->capture_default_str();
      sub->add_option("--scale", cmd->scale, "small (default) or full")
          ->capture_default_str();
      sub->add_option("--only", cmd->only,
                      "only these specs (file stems, e.g. bep)")
          ->delimiter(',');
      auto* fresh =
          sub->add_flag("--fresh", cmd->fresh,
                        "delete the records files first (from scratch)");
      auto* render = sub->add_flag(
          "--render-only", cmd->render_only,
          "run nothing: render the pages from the existing records");
      sub->add_flag("--check", cmd->check,
                    "run and write nothing: exit 1 when a page's generated "
                    "blocks differ from its records")
          ->excludes(fresh)
          ->excludes(render);
      render->excludes(fresh);
      return [cmd](const GlobalOptions& global, std::ostream& out,
                   std::ostream& err) {
        return PapersMain(global, *cmd, out, err);
      };
    },
    /*manages_threads=*/true};

}  // namespace
}  // namespace fcsim
