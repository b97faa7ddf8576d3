// RunStats: what every simulation reports, per phase and in total.
#ifndef FCSIM_SIM_STATS_H_
#define FCSIM_SIM_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace fcsim {

struct PhaseStats {
  std::string name;
  std::uint32_t rounds = 0;              // communication rounds of the phase
  std::uint64_t messages = 0;            // point-to-point messages sent
  std::uint64_t message_bits = 0;        // total bits over all messages
  std::uint64_t max_message_bits = 0;    // largest single message
  std::uint64_t vertex_activations = 0;  // program invocations (Init + Round)
  std::uint32_t sparse_rounds = 0;  // rounds run over an explicit active set
  // Empty rounds (nobody awake, no message, every sleeper due later) that
  // were counted without being executed; included in `rounds`.
  std::uint32_t skipped_rounds = 0;
  double wall_seconds = 0;  // not deterministic

  // Equality on the deterministic fields only.
  bool SameCounts(const PhaseStats& o) const {
    return name == o.name && rounds == o.rounds && messages == o.messages &&
           message_bits == o.message_bits &&
           max_message_bits == o.max_message_bits &&
           vertex_activations == o.vertex_activations;
  }
};

struct RunStats {
  std::uint32_t rounds = 0;
  std::uint64_t messages = 0;
  std::uint64_t message_bits = 0;
  std::uint64_t max_message_bits = 0;
  double wall_seconds = 0;
  std::uint64_t peak_rss_bytes = 0;
  std::vector<PhaseStats> phases;

  void Add(const PhaseStats& p) {
    rounds += p.rounds;
    messages += p.messages;
    message_bits += p.message_bits;
    if (p.max_message_bits > max_message_bits) {
      max_message_bits = p.max_message_bits;
    }
    wall_seconds += p.wall_seconds;
    phases.push_back(p);
  }
  bool SameCounts(const RunStats& o) const {
    if (rounds != o.rounds || messages != o.messages ||
        message_bits != o.message_bits ||
        max_message_bits != o.max_message_bits ||
        phases.size() != o.phases.size()) {
      return false;
    }
    for (std::size_t i = 0; i < phases.size(); ++i) {
      if (!phases[i].SameCounts(o.phases[i])) return false;
    }
    return true;
  }
};

// Peak resident set size of this process so far, in bytes.
std::uint64_t PeakRssBytes();
// Current resident set size, in bytes.
std::uint64_t CurrentRssBytes();

}  // namespace fcsim

#endif  // FCSIM_SIM_STATS_H_
