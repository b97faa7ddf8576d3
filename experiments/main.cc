// The fcsim program. All of it lives in experiments/cli.cc (RunCli), which
// the tests also drive in-process. Built with -DFCSIM_MPI=ON and started by
// mpirun, it first joins the MPI job (docs/mpi.md): `run` then simulates
// distributed, rank 0 reports.
#include <iostream>

#include "experiments/cli.h"

#ifdef FCSIM_MPI
#include <cstdlib>
#include <sstream>
#include <string>

#include "experiments/cli_commands.h"
#include "sim/mpi/mpi_comm.h"

namespace {

// Seconds a rank may wait in one collective before it gives up
// (FCSIM_MPI_TIMEOUT, default 120).
double MpiTimeout() {
  const char* text = std::getenv("FCSIM_MPI_TIMEOUT");
  if (text == nullptr) return 120;
  const double t = std::atof(text);
  return t > 0 ? t : 120;
}

int RunUnderMpi(int argc, char** argv) {
  fcsim::MpiSession session(&argc, &argv);
  fcsim::MpiCommunicator comm(MpiTimeout());
  fcsim::SetDistributedCommunicator(&comm);
  std::ostringstream quiet;  // only rank 0 prints results
  const int rc = fcsim::RunCli(argc, argv, comm.rank() == 0 ? std::cout : quiet,
                               std::cerr);
  fcsim::SetDistributedCommunicator(nullptr);
  if (rc != fcsim::kExitOk && rc != fcsim::kExitVerificationFailed) {
    // The other ranks may be waiting in a collective: end the job now.
    std::cerr.flush();
    fcsim::MpiSession::Abort(rc);
  }
  return rc;
}

}  // namespace
#endif

int main(int argc, char** argv) {
#ifdef FCSIM_MPI
  if (fcsim::LaunchedByMpirun()) return RunUnderMpi(argc, argv);
#endif
  return fcsim::RunCli(argc, argv, std::cout, std::cerr);
}
