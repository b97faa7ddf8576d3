// The MPI Communicator (built only with -DFCSIM_MPI=ON; see docs/mpi.md).
//
// Halo exchanges are MPI-3 neighbourhood collectives on a distributed-graph
// communicator (MPI_Dist_graph_create_adjacent) built once per set of
// neighbour ranks: MPI_Neighbor_alltoall of the byte counts, then
// MPI_Neighbor_alltoallv of the bytes. Counters use MPI_Allreduce on
// MPI_COMM_WORLD (a duplicate). A watchdog thread ends the process with a
// one-line error when a collective has not completed after `timeout`
// seconds (a dead or hung rank), so a run never hangs past the timeout;
// mpirun then ends the other ranks.
#ifndef FCSIM_SIM_MPI_MPI_COMM_H_
#define FCSIM_SIM_MPI_MPI_COMM_H_

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sim/comm.h"

namespace fcsim {

// True when this process was started by mpirun / mpiexec (Open MPI's or
// PMIx's environment variables are set).
bool LaunchedByMpirun();

// MPI_Init_thread (MPI_THREAD_FUNNELED) in the constructor, MPI_Finalize in
// the destructor.
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  // Ends every rank of the job at once (MPI_Abort) with exit code `code`.
  [[noreturn]] static void Abort(int code);
};

class MpiCommunicator : public Communicator {
 public:
  explicit MpiCommunicator(double timeout_seconds);
  ~MpiCommunicator() override;
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void set_timeout(double seconds) { timeout_ns_ = ToNs(seconds); }
  // What this rank sent in halo exchanges so far (for benchmarks).
  std::uint64_t halo_exchanges() const { return halo_exchanges_; }
  std::uint64_t halo_bytes_sent() const { return halo_bytes_sent_; }
  // Seconds spent inside collectives (communication and waiting for the
  // slowest rank).
  double collective_seconds() const { return collective_ns_ / 1e9; }

  void AllreduceSum(std::span<std::uint64_t> values) override;
  void AllreduceMax(std::span<std::uint64_t> values) override;
  // One MPI_Allreduce with a user operation (sum on the first part, max on
  // the second).
  void AllreduceSumMax(std::span<std::uint64_t> sums,
                       std::span<std::uint64_t> maxima) override;
  void SetNeighbours(std::span<const int> neighbour_ranks) override;
  void Exchange(const std::vector<Bytes>& send,
                std::vector<Bytes>& recv) override;
  Bytes GatherToRoot(const Bytes& mine) override;
  void BroadcastFromRoot(Bytes& bytes) override;

 private:
  struct Impl;
  static std::int64_t ToNs(double seconds);
  // Marks entry into / exit from a collective for the watchdog.
  void Enter(const char* what);
  void Leave();

  int rank_ = 0;
  int size_ = 1;
  std::unique_ptr<Impl> impl_;
  std::vector<int> neighbours_;
  std::uint64_t halo_exchanges_ = 0;
  std::uint64_t halo_bytes_sent_ = 0;
  std::int64_t collective_ns_ = 0;
  std::atomic<std::int64_t> timeout_ns_;
  std::atomic<std::int64_t> entered_ns_{0};  // 0 = not in a collective
  std::atomic<const char*> what_{""};
  std::atomic<bool> stop_{false};
  std::thread watchdog_;
};

}  // namespace fcsim

#endif  // FCSIM_SIM_MPI_MPI_COMM_H_
