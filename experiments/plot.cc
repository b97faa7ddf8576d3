#include "experiments/plot.h"

#include <fmt/core.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "experiments/cli.h"
#include "experiments/records.h"

namespace fcsim {
namespace {

using nlohmann::json;

// A gnuplot single-quoted string ('' is a quote).
std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += '\'';
    q += c;
  }
  return q + "'";
}

std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

double Number(const json& r, const char* key) {
  return r.contains(key) && r[key].is_number() ? r[key].get<double>() : -1;
}

std::string SeriesName(const json& r, bool with_eps) {
  std::string name = r.value("family", "") + " / " + r.value("algorithm", "");
  if (with_eps && r.contains("eps") && r["eps"].is_string()) {
    name += " ε=" + r["eps"].get<std::string>();
  }
  return name;
}

struct Point {
  double y = 0;      // max (rounds, weight) or mean (wall)
  double bound = 0;  // max declared bound / claim
  int count = 0;
};

// series -> x -> point
using Series = std::map<std::string, std::map<double, Point>>;

Series Collect(const std::vector<json>& records, const std::string& kind) {
  Series series;
  for (const json& r : records) {
    if (kind == "weight") {
      const double eps = Number(r, "eps_value");
      const double weight = Number(r, "weight_value");
      if (eps <= 0 || weight < 0) continue;
      Point& p = series[SeriesName(r, false)][eps];
      p.y = std::max(p.y, weight);
      p.bound = std::max(p.bound, Number(r, "weight_claim_value"));
      ++p.count;
    } else if (kind == "rounds") {
      Point& p = series[SeriesName(r, true)][Number(r, "n")];
      p.y = std::max(p.y, Number(r, "rounds"));
      p.bound = std::max(p.bound, Number(r, "round_bound"));
      ++p.count;
    } else {
      Point& p = series[SeriesName(r, true)][Number(r, "n")];
      p.y += Number(r, "wall_seconds");
      ++p.count;
    }
  }
  if (kind == "wall") {
    for (auto& [name, points] : series) {
      for (auto& [x, p] : points) p.y /= p.count;
    }
  }
  // A series of one point shows no trend against x and crowds the key:
  // dropped, unless no series has two.
  Series trends;
  for (const auto& [name, points] : series) {
    if (points.size() >= 2) trends[name] = points;
  }
  return trends.empty() ? series : trends;
}

std::string Terminal(const std::string& format) {
  if (format == "svg") {
    return "set terminal svg size 900,560 dynamic font 'sans,12' background "
           "'#ffffff'";
  }
  return "set terminal pngcairo size 900,560 font 'sans,10'";
}

}  // namespace

std::string FindGnuplot() {
  if (const char* env = std::getenv("FCSIM_GNUPLOT"); env && *env) {
    if (::access(env, X_OK) == 0) return env;
    throw CliError(std::string("plot: gnuplot not found at FCSIM_GNUPLOT='") +
                   env + "'");
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const std::string candidate = dir + "/gnuplot";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  throw CliError(
      "plot: gnuplot not found on PATH (install the Debian package "
      "gnuplot-nox, or set FCSIM_GNUPLOT)");
}

void CheckPlotRecords(const std::vector<json>& records,
                      const std::string& source) {
  if (records.empty()) throw CliError("plot: no records in " + source);
  std::size_t i = 0;
  for (const json& r : records) {
    ++i;
    for (const char* key : {"family", "algorithm"}) {
      if (!r.contains(key) || !r[key].is_string()) {
        throw CliError(fmt::format(
            "plot: {}: record {} has no string field '{}' (not an fcsim "
            "record?)",
            source, i, key));
      }
    }
    for (const char* key : {"n", "rounds", "round_bound", "wall_seconds"}) {
      if (!r.contains(key) || !r[key].is_number()) {
        throw CliError(fmt::format(
            "plot: {}: record {} has no numeric field '{}' (not an fcsim "
            "record?)",
            source, i, key));
      }
    }
  }
}

std::string PlotScript(const PlotRequest& request, const std::string& kind,
                       const std::vector<std::string>& outputs) {
  const Series series = Collect(request.records, kind);
  if (series.empty()) return "";
  std::string s = "set termoption noenhanced\nset encoding utf8\n";
  s += "set grid\nset key outside right top\n";
  const std::string title = request.title.empty() ? "" : request.title + ": ";
  if (kind == "rounds") {
    s += "set logscale x\nset xlabel 'n'\nset ylabel 'rounds'\n";
    s += "set title " +
         Quote(title + "rounds against n (dashed: declared bound)") + "\n";
  } else if (kind == "weight") {
    s += "set logscale x\nset xlabel 'ε'\nset ylabel 'weight a/b'\n";
    s += "set title " +
         Quote(title + "weight against ε (dashed: claimed bound)") + "\n";
  } else {
    s += "set logscale xy\nset xlabel 'n'\nset ylabel 'wall time (s)'\n";
    s += "set title " + Quote(title + "wall time against n") + "\n";
  }
  std::string plot = "plot ";
  int index = 0;
  for (const auto& [name, points] : series) {
    const std::string block = fmt::format("$s{}", index);
    s += block + " << EOD\n";
    for (const auto& [x, p] : points) {
      // Wall times of 0 s cannot sit on a log axis: floor at 1 µs.
      const double y = kind == "wall" ? std::max(p.y, 1e-6) : p.y;
      s += fmt::format("{} {} {}\n", x, y, p.bound);
    }
    s += "EOD\n";
    if (index > 0) plot += ", \\\n     ";
    const int colour = index + 1;
    plot += fmt::format("{} using 1:2 with linespoints lc {} pt 7 title {}",
                        block, colour, Quote(name));
    if (kind != "wall") {
      // The bound / claim: dashed, same colour, named in the title.
      plot += fmt::format(", {} using 1:3 with lines lc {} dt 2 notitle", block,
                          colour);
    }
    ++index;
  }
  for (std::size_t f = 0; f < outputs.size(); ++f) {
    s += Terminal(request.formats[f]) + "\n";
    s += "set output " + Quote(outputs[f]) + "\n";
    s += f == 0 ? plot + "\n" : "replot\n";
    s += "unset output\n";
  }
  return s;
}

std::vector<std::string> MakePlots(const PlotRequest& request) {
  CheckPlotRecords(request.records, request.source);
  for (const std::string& f : request.formats) {
    if (f != "svg" && f != "png") {
      throw CliError("plot: unknown format '" + f + "' (expected svg, png)");
    }
  }
  for (const std::string& k : request.kinds) {
    if (k != "rounds" && k != "weight" && k != "wall") {
      throw CliError("plot: unknown plot '" + k +
                     "' (expected rounds, weight, wall)");
    }
  }
  const std::string gnuplot = FindGnuplot();
  std::error_code ec;
  std::filesystem::create_directories(request.dir, ec);
  if (!std::filesystem::is_directory(request.dir, ec)) {
    throw CliError("plot: cannot create directory '" + request.dir + "'");
  }
  std::vector<std::string> written;
  const std::string pid = std::to_string(::getpid());
  for (const std::string& kind : request.kinds) {
    std::vector<std::string> finals, temps;
    for (const std::string& f : request.formats) {
      const std::string name = request.prefix + kind + "." + f;
      finals.push_back(request.dir + "/" + name);
      temps.push_back(request.dir + "/." + name + ".tmp." + pid + "." + f);
    }
    const std::string script = PlotScript(request, kind, temps);
    if (script.empty()) continue;
    const std::string script_path =
        request.dir + "/." + request.prefix + kind + ".gp.tmp." + pid;
    const std::string log_path = script_path + ".log";
    {
      std::ofstream out(script_path);
      out << script;
      if (!out) throw CliError("plot: cannot write '" + script_path + "'");
    }
    const std::string command = ShellQuote(gnuplot) + " " +
                                ShellQuote(script_path) + " >" +
                                ShellQuote(log_path) + " 2>&1 </dev/null";
    const int status = std::system(command.c_str());
    std::string log;
    {
      std::ifstream in(log_path);
      std::getline(in, log);
    }
    std::filesystem::remove(script_path, ec);
    std::filesystem::remove(log_path, ec);
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    for (const std::string& t : temps) {
      ok = ok && std::filesystem::file_size(t, ec) > 0 && !ec;
    }
    if (!ok) {
      for (const std::string& t : temps) std::filesystem::remove(t, ec);
      throw CliError("plot: gnuplot failed on the " + kind + " plot" +
                     (log.empty() ? std::string() : ": " + log));
    }
    for (std::size_t i = 0; i < temps.size(); ++i) {
      std::filesystem::rename(temps[i], finals[i], ec);
      if (ec) {
        throw CliError("plot: cannot rename '" + temps[i] + "' to '" +
                       finals[i] + "'");
      }
      written.push_back(finals[i]);
    }
  }
  return written;
}

namespace {

struct PlotCommand {
  std::vector<std::string> records;
  std::string dir = ".";
  std::string prefix;
  std::vector<std::string> formats = {"svg", "png"};
  std::vector<std::string> kinds = {"rounds", "weight", "wall"};
  std::string title;
};

const SubcommandRegistrar kPlotRegistrar{
    "plot", "draw result records as SVG/PNG (gnuplot)",
    [](CLI::App* sub) -> SubcommandMain {
      auto cmd = std::make_shared<PlotCommand>();
      sub->add_option("records", cmd->records, "JSONL records file(s)")
          ->required();
      sub->add_option("-o,--out-dir", cmd->dir, "directory for the plots")
          ->capture_default_str();
      sub->add_option("--prefix", cmd->prefix,
                      "file name prefix: <dir>/<prefix><plot>.<format>");
      sub->add_option("--format", cmd->formats, "svg, png (default both)")
          ->delimiter(',');
      sub->add_option("--plots", cmd->kinds,
                      "rounds, weight, wall (default all)")
          ->delimiter(',');
      sub->add_option("--title", cmd->title, "title prefix");
      return [cmd](const GlobalOptions& global, std::ostream& out,
                   std::ostream& err) {
        (void)err;
        PlotRequest request;
        for (const std::string& path : cmd->records) {
          if (!std::filesystem::exists(path)) {
            throw CliError("plot: cannot open records file '" + path + "'");
          }
          RecordFile file;
          try {
            file = ReadRecords(path);
          } catch (const std::exception& e) {
            throw CliError(std::string("plot: ") + e.what());
          }
          for (auto& r : file.records) request.records.push_back(std::move(r));
          if (!request.source.empty()) request.source += ", ";
          request.source += path;
        }
        request.dir = cmd->dir;
        request.prefix = cmd->prefix;
        request.formats = cmd->formats;
        request.kinds = cmd->kinds;
        request.title = cmd->title;
        for (const std::string& file : MakePlots(request)) {
          if (global.verbosity >= 1) out << "wrote " << file << "\n";
        }
        return kExitOk;
      };
    }};

}  // namespace

}  // namespace fcsim
