// The communication a distributed Simulation needs between ranks, as an
// interface with no MPI in it: the single-process build compiles and links
// no MPI at all. Two implementations exist:
//  * MpiCommunicator (sim/mpi/, only with -DFCSIM_MPI=ON): MPI-3
//    neighbourhood collectives on a distributed-graph communicator built once
//    from the partition's neighbour ranks, MPI_Allreduce for counters.
//  * InProcessGroup (sim/inproc_comm.h): P ranks as P threads of one process,
//    for tests of the distributed engine path (also under the sanitizers).
// Every call is collective: every rank makes the same calls in the same
// order. A call that does not complete within the communicator's timeout
// ends the process with a one-line error (a dead peer never hangs the run).
#ifndef FCSIM_SIM_COMM_H_
#define FCSIM_SIM_COMM_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace fcsim {

using Bytes = std::vector<std::byte>;

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;

  // Element-wise sum / max over all ranks, in place.
  virtual void AllreduceSum(std::span<std::uint64_t> values) = 0;
  virtual void AllreduceMax(std::span<std::uint64_t> values) = 0;
  // Both at once (one allreduce where the implementation can: the engine's
  // per-round counters). The default makes two calls.
  virtual void AllreduceSumMax(std::span<std::uint64_t> sums,
                               std::span<std::uint64_t> maxima) {
    AllreduceSum(sums);
    AllreduceMax(maxima);
  }

  // Declares the ranks this rank exchanges halos with (sorted, symmetric:
  // j lists i iff i lists j). Called once per partition, before Exchange.
  virtual void SetNeighbours(std::span<const int> neighbour_ranks) = 0;
  // One halo exchange: send[i] goes to neighbour_ranks[i]; recv[i] receives
  // what neighbour_ranks[i] sent to this rank (any size, possibly empty).
  virtual void Exchange(const std::vector<Bytes>& send,
                        std::vector<Bytes>& recv) = 0;

  // Every rank's bytes, concatenated in rank order, at rank 0 (empty
  // elsewhere).
  virtual Bytes GatherToRoot(const Bytes& mine) = 0;
  // Rank 0's bytes at every rank.
  virtual void BroadcastFromRoot(Bytes& bytes) = 0;
};

}  // namespace fcsim

#endif  // FCSIM_SIM_COMM_H_
