// `fcsim plot RECORDS...`: draws result records with gnuplot, as SVG and PNG
// (pngcairo): rounds against n (log x axis) with each series' declared round
// bound dashed, weight against ε with the claimed weight dashed, and wall
// time against n (log-log). One series per (family, algorithm[, ε]). Every
// file is written to a temporary name and renamed.
#ifndef FCSIM_EXPERIMENTS_PLOT_H_
#define FCSIM_EXPERIMENTS_PLOT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fcsim {

struct PlotRequest {
  std::vector<nlohmann::json> records;
  std::string source;  // for messages: the records file(s)
  std::string dir = ".";
  std::string prefix;  // file names are <dir>/<prefix><kind>.<format>
  std::vector<std::string> formats = {"svg", "png"};
  // Any of "rounds", "weight", "wall"; a kind with no data is skipped
  // ("weight" needs records with ε and a weight).
  std::vector<std::string> kinds = {"rounds", "weight", "wall"};
  std::string title;  // prefix of every plot's title
};

// The gnuplot program: $FCSIM_GNUPLOT when set, else `gnuplot` on PATH.
// Throws CliError when it is not found.
std::string FindGnuplot();

// Checks that every record has the fields the plots read (CliError naming
// `source` and the record's position otherwise).
void CheckPlotRecords(const std::vector<nlohmann::json>& records,
                      const std::string& source);

// The gnuplot script of one plot kind writing `outputs` (one per format,
// same order as request.formats); empty when the kind has no data.
std::string PlotScript(const PlotRequest& request, const std::string& kind,
                       const std::vector<std::string>& outputs);

// Draws the plots; returns the files written. Throws CliError on empty or
// malformed records, a missing gnuplot or a gnuplot failure.
std::vector<std::string> MakePlots(const PlotRequest& request);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_PLOT_H_
