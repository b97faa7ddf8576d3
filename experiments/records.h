// Result records: one JSON object per run, written as one line of a JSONL
// file (and the same fields flattened into one CSV row), so that pandas, R,
// gnuplot and `fcsim plot` / `fcsim papers` read them directly. Every field
// is documented in docs/records.md.
//
// Appending is crash-safe in the only sense that matters for resumable
// sweeps: a line is written by one write(2) on an O_APPEND descriptor and
// then flushed to the file, so a reader sees either the whole line or, after
// a kill in the middle of that call, a last line without its newline, which
// ReadRecords detects and RepairRecordFile drops.
#ifndef FCSIM_EXPERIMENTS_RECORDS_H_
#define FCSIM_EXPERIMENTS_RECORDS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/graph.h"

namespace fcsim {

struct PreparedRun;
struct AlgorithmReport;
struct AlgorithmChoice;
struct GlobalOptions;

inline constexpr int kRecordSchema = 1;

// FNV-1a over 64-bit words (see docs/records.md): n, then every edge {u, w}
// with u < w in lexicographic order as the two words u, w. Independent of
// the CSR's neighbour order and of the thread count.
std::uint64_t GraphHash(const Graph& graph);
// 16 lowercase hex digits.
std::string GraphHashHex(std::uint64_t hash);

// The record of one `run` (or one sweep run). `family` labels the series in
// plots: the sweep family's name, else the spec's family prefix.
nlohmann::json MakeRecord(const GlobalOptions& global,
                          const AlgorithmChoice& choice, const PreparedRun& run,
                          const AlgorithmReport& report, double total_seconds,
                          std::uint64_t audit_samples,
                          const std::string& family);

// The identity of a run for resuming: graph spec, algorithm, eps, seed, ids,
// threads, joined by '|'. Works on records and on planned runs alike.
std::string RecordKey(const nlohmann::json& record);
std::string RunKey(const std::string& graph, const std::string& algo,
                   const std::string& eps, std::uint64_t seed,
                   const std::string& ids, int threads);
// ε as recorded: the exact a/b text of --eps, or "" for the default.
std::string NormaliseEps(const std::string& eps_arg);

// The CSV header and one row (RFC 4180 quoting); per-phase rounds become one
// "name:rounds;..." column.
std::string CsvHeader();
std::string CsvRow(const nlohmann::json& record);

// Appends `line` + '\n' to `path` (created when missing) in one write and
// flushes it. Throws std::runtime_error naming the path on failure.
void AppendLine(const std::string& path, const std::string& line);
// Appends the record to a JSONL file.
void AppendRecordJsonl(const std::string& path, const nlohmann::json& record);
// Appends the CSV row, writing the header first when the file is new/empty.
void AppendRecordCsv(const std::string& path, const nlohmann::json& record);

struct RecordFile {
  std::vector<nlohmann::json> records;
  bool truncated_tail = false;    // a last line without '\n' was dropped
  std::uint64_t valid_bytes = 0;  // length of the complete lines
};
// Reads a JSONL file (a missing file has no records). A complete line that
// is not a JSON object is an error naming the file and line; an incomplete
// last line (no newline: a write cut short) is dropped and reported.
RecordFile ReadRecords(const std::string& path);
// Drops an incomplete last line by rewriting the complete ones to a
// temporary file renamed over `path`. Returns whether anything was dropped.
bool RepairRecordFile(const std::string& path);
// Writes the CSV of `records` (header + rows) to `path` atomically.
void WriteCsvFile(const std::string& path,
                  const std::vector<nlohmann::json>& records);
// Writes `text` to `path` through a temporary file and a rename.
void WriteFileAtomically(const std::string& path, const std::string& text);

// "2026-11-25T07:41:22Z".
std::string UtcTimestamp();

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_RECORDS_H_
