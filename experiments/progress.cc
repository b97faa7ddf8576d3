#include "experiments/progress.h"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdlib>
#include <ostream>

namespace fcsim {

bool ProgressWanted(int verbosity) {
  if (verbosity <= 0) return false;
  if (const char* off = std::getenv("FCSIM_NO_PROGRESS"); off && *off) {
    return false;
  }
  return isatty(STDERR_FILENO) == 1;
}

ProgressBar::ProgressBar(std::ostream& out, bool enabled, std::string prefix)
    : out_(out),
      enabled_(enabled),
      prefix_(std::move(prefix)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - std::chrono::seconds(1)) {
  if (const char* env = std::getenv("FCSIM_PROGRESS_PREFIX"); env && *env) {
    prefix_ = std::string(env) + prefix_;
  }
}

ProgressBar::~ProgressBar() { Clear(); }

void ProgressBar::Draw(const std::string& body, bool force) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // At most ~10 redraws a second: a terminal write per round would cost more
  // than a sparse round itself.
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string line = fmt::format("{}{} | {:.1f} s", prefix_, body, elapsed);
  if (line.size() > 110) line.resize(110);
  // \r + erase-to-end-of-line: redraw in place.
  out_ << "\r\033[K" << line << std::flush;
  drawn_ = true;
  ++draws_;
}

void ProgressBar::OnRound(std::string_view phase, std::uint32_t round,
                          std::uint64_t active) {
  Draw(fmt::format("phase {} | round {} | {} active", phase, round, active),
       false);
}

void ProgressBar::Status(std::string_view what) {
  Draw(std::string(what), true);
}

void ProgressBar::Clear() {
  if (enabled_ && drawn_) {
    out_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }
}

std::function<void(std::string_view, std::uint32_t, std::uint64_t)>
ProgressBar::Callback() {
  if (!enabled_) return nullptr;
  return [this](std::string_view phase, std::uint32_t round,
                std::uint64_t active) { OnRound(phase, round, active); };
}

}  // namespace fcsim
