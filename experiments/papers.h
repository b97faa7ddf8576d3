// `fcsim papers`: regenerates the measured tables and plots of the papers/
// pages from result records, driven by one TOML spec per page part in
// papers/specs/*.toml (format in docs/formats.md, "Papers page spec").
//
// A page spec is a sweep spec (experiments/sweep.h) plus `page`, `title`,
// `records`, [[table]] and [[figure]] entries. For each spec, in file-name
// order: run the sweep into its records file (resuming; --fresh deletes the
// file first), keep the records of the spec's planned runs, render every
// table and figure, and replace the text between the page's markers
//   <!-- fcsim:table NAME --> ... <!-- /fcsim:table -->
//   <!-- fcsim:figure NAME --> ... <!-- /fcsim:figure -->
// (a marker pair missing from the page is appended at its end; a missing
// page is created). Every number in a generated block is read from a record,
// and every PASS/FAIL is computed from the records by the claim's check.
#ifndef FCSIM_EXPERIMENTS_PAPERS_H_
#define FCSIM_EXPERIMENTS_PAPERS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "experiments/sweep.h"

namespace fcsim {

// One claim row: `check` is one of the kinds in docs/cli.md ("papers").
struct PaperClaim {
  std::string id;
  std::string statement;
  std::string check;
  nlohmann::json where;    // {field: value or [values]}; {} = every record
  std::int64_t value = 0;  // for rounds_at_most
  std::string command;     // "" = the spec's sweep command
};

struct PaperTable {
  std::string name;
  std::string kind;  // "claims" or "runs"
  nlohmann::json where;
  std::vector<std::string> columns;  // runs tables
  std::vector<PaperClaim> claims;    // claims tables
};

struct PaperFigure {
  std::string name;
  nlohmann::json where;
  std::vector<std::string> plots;  // rounds, weight, wall
  std::string caption;
};

struct PageSpec {
  std::string path;     // the spec file
  std::string page;     // file name in the papers directory
  std::string title;    // heading of a page the spec creates
  std::string records;  // records file, relative to the papers directory
  SweepSpec sweep;
  std::vector<PaperTable> tables;
  std::vector<PaperFigure> figures;
};

PageSpec ReadPageSpec(const std::string& path, const std::string& scale);

// The outcome of a claim's check over its records.
struct ClaimResult {
  std::string measured;
  bool passed = false;
};
ClaimResult EvaluateClaim(const PaperClaim& claim,
                          const std::vector<nlohmann::json>& records);

// The records matching `where`.
std::vector<nlohmann::json> Select(const std::vector<nlohmann::json>& records,
                                   const nlohmann::json& where);

// The markdown of a table (without markers). `sweep_command` fills the
// command column of claims that give none.
std::string RenderTable(const PaperTable& table,
                        const std::vector<nlohmann::json>& records,
                        const std::string& sweep_command);

// Replaces the block between `<!-- fcsim:KIND NAME -->` and
// `<!-- /fcsim:KIND -->` in `page` by `body` (appended with its markers
// when absent). Throws CliError on an unclosed marker.
std::string ReplaceBlock(const std::string& page, const std::string& kind,
                         const std::string& name, const std::string& body,
                         const std::string& where);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_PAPERS_H_
