// Helpers for the CLI golden tests: run fcsim in-process (RunCli) or as the
// built binary, capturing exit code, stdout and stderr. Header-only: the
// test CMake builds only *_test.cc files.
#ifndef FCSIM_TESTS_EXPERIMENTS_CLI_TEST_UTIL_H_
#define FCSIM_TESTS_EXPERIMENTS_CLI_TEST_UTIL_H_

#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiments/cli.h"

namespace fcsim::testing {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

// In-process: fcsim::RunCli with string streams.
inline CliResult RunInProcess(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CliResult r;
  r.code = RunCli(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A fresh empty directory for one test's files (the caller removes it).
inline std::string MakeTempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "fcsim_cli_test_XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + pattern);
  }
  return pattern;
}

// Removes a MakeTempDir directory when the test ends, pass or fail.
class TempDir {
 public:
  TempDir() : path_(MakeTempDir()) {}
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

// The built `fcsim` binary: $FCSIM_BINARY when set, else
// <dir of the test binary>/../experiments/fcsim. Empty when not found.
inline std::string FcsimBinary() {
  if (const char* env = std::getenv("FCSIM_BINARY"); env && *env) return env;
  std::error_code ec;
  const std::filesystem::path self =
      std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const std::filesystem::path candidate =
      self.parent_path().parent_path() / "experiments" / "fcsim";
  return std::filesystem::exists(candidate, ec) ? candidate.string() : "";
}

// Single-quotes a word for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  q += '\'';
  return q;
}

// Runs the binary through /bin/sh with stdout and stderr captured. Throws
// when the binary is missing, so that the calling test fails loudly.
inline CliResult RunBinary(const std::vector<std::string>& args) {
  const std::string binary = FcsimBinary();
  if (binary.empty()) {
    throw std::runtime_error(
        "fcsim binary not found next to the test binary (build the `fcsim` "
        "target, or set FCSIM_BINARY)");
  }
  TempDir dir;
  std::string command = ShellQuote(binary);
  // Appends only: GCC 12 -Wrestrict misfires on "literal" + std::string.
  for (const std::string& a : args) {
    command += ' ';
    command += ShellQuote(a);
  }
  command += " >";
  command += ShellQuote(dir.File("out"));
  command += " 2>";
  command += ShellQuote(dir.File("err"));
  command += " </dev/null";
  const int status = std::system(command.c_str());
  CliResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(dir.File("out"));
  r.err = ReadFile(dir.File("err"));
  return r;
}

}  // namespace fcsim::testing

#endif  // FCSIM_TESTS_EXPERIMENTS_CLI_TEST_UTIL_H_
