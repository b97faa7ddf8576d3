// P ranks as P threads of one process: a Communicator for tests of the
// distributed engine path without MPI (they also run under the sanitizers).
//
//   InProcessGroup group(3);
//   group.Run([&](Communicator& comm) { ... one rank's work ... });
//
// Run starts one thread per rank and joins them; an exception on any rank
// is rethrown by Run (the first one by rank), after the other ranks are
// released from their collective calls with an error.
#ifndef FCSIM_SIM_INPROC_COMM_H_
#define FCSIM_SIM_INPROC_COMM_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

#include "sim/comm.h"

namespace fcsim {

class InProcessGroup {
 public:
  explicit InProcessGroup(int size);
  int size() const { return size_; }
  void Run(const std::function<void(Communicator&)>& body);

 private:
  class Rank;
  friend class Rank;
  // Blocks until every rank has arrived (or one failed: throws).
  void Barrier();

  int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  int arrived_ = 0;
  std::uint64_t generation_ = 0;
  bool failed_ = false;
  // Shared slots, one per rank (reductions, gathers) and per pair (halos).
  std::vector<std::vector<std::uint64_t>> values_;
  std::vector<Bytes> bytes_;
  std::vector<std::vector<Bytes>> mail_;  // mail_[from][to]
  std::vector<std::vector<int>> neighbours_;
};

}  // namespace fcsim

#endif  // FCSIM_SIM_INPROC_COMM_H_
