// A one-line progress bar on stderr for `run` and `sweep`: phase, round,
// active vertices, elapsed time (and the sweep's k/N prefix). Drawn only when
// enabled (stderr is a terminal and not -q), redrawn at most 10 times a
// second, and erased before the summary is printed.
#ifndef FCSIM_EXPERIMENTS_PROGRESS_H_
#define FCSIM_EXPERIMENTS_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace fcsim {

// Whether a progress bar belongs on file descriptor 2: a terminal, not quiet,
// and FCSIM_NO_PROGRESS unset.
bool ProgressWanted(int verbosity);

class ProgressBar {
 public:
  // Draws on `out` when `enabled`; `prefix` (e.g. "[3/12] ") starts the
  // line. FCSIM_PROGRESS_PREFIX in the environment is prepended (a sweep
  // passes its k/N to the runs it starts).
  ProgressBar(std::ostream& out, bool enabled, std::string prefix = "");
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // The engine's on_round callback.
  void OnRound(std::string_view phase, std::uint32_t round,
               std::uint64_t active);
  // A free-form status ("generating graph", "verifying").
  void Status(std::string_view what);
  // Erases the line (idempotent).
  void Clear();
  std::function<void(std::string_view, std::uint32_t, std::uint64_t)>
  Callback();
  bool enabled() const { return enabled_; }
  // Lines drawn so far (tests).
  std::uint64_t draws() const { return draws_; }

 private:
  void Draw(const std::string& body, bool force);

  std::ostream& out_;
  bool enabled_;
  std::string prefix_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
  std::uint64_t draws_ = 0;
};

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_PROGRESS_H_
