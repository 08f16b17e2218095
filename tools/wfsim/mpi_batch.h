// wfsim as one rank of an MPI job (`mpirun -np K build/wfsim run ...`). Each
// rank runs a contiguous block of every batch's replications and sends the
// results to rank 0 as the records of shard.h; rank 0 writes the same files
// as a single process would, byte for byte, and the other ranks write and
// print nothing but errors.
//
// The MPI part is compiled only when CMake finds MPI (WFSIM_WITH_MPI); the
// launcher check is in every build, so that a build without MPI can say that
// mpirun started several copies of it.
#pragma once
#include <functional>

namespace wfsim::cli::mpi {

// The number of processes an MPI launcher (mpirun, mpiexec, srun with PMI)
// says the job has; 0 when no launcher started this process.
int launcher_world_size();

#ifdef WFSIM_WITH_MPI
// Initialises MPI, installs the MPI Distributor (batch_runner.h), runs `body`
// (the command) and finalises. Ranks other than 0 print nothing unless they
// fail on their own. On failure MPI is not finalised, so that mpirun ends
// every rank (one may be waiting for the failed one) and exits with the code.
int run_rank(int& argc, char**& argv, const std::function<int()>& body);
#endif

}  // namespace wfsim::cli::mpi
