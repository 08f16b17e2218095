#include "mpi_batch.h"

#include <cstdlib>
#include <string>

namespace wfsim::cli::mpi {

int launcher_world_size() {
    // Open MPI's mpirun, then PMIx and PMI launchers (Slurm's srun --mpi=...,
    // MPICH's hydra).
    for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE", "MPI_LOCALNRANKS"}) {
        if (const char* v = std::getenv(var)) {
            const int n = std::atoi(v);
            if (n > 0) return n;
        }
    }
    if (std::getenv("PMIX_RANK") || std::getenv("PMI_RANK")) return 1;
    return 0;
}

}  // namespace wfsim::cli::mpi

#ifdef WFSIM_WITH_MPI

#include <mpi.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "batch_runner.h"
#include "shard.h"

namespace wfsim::cli::mpi {

namespace {

constexpr int kTagHead = 1, kTagData = 2;
constexpr std::size_t kChunkBytes = 8u << 20;  // records are sent in messages of at most 8 MiB

void check(int rc, const char* what) {
    if (rc == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, text, &len);
    throw std::runtime_error(std::string("MPI ") + what + " failed: " + std::string(text, static_cast<std::size_t>(len)));
}

class MpiDistributor final : public Distributor {
public:
    MpiDistributor() {
        check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "Comm_rank");
        check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "Comm_size");
        // This rank's share of the cores: those it may run on (mpirun may
        // bind it to one), divided among the ranks on this node.
        MPI_Comm node;
        int on_node = 1;
        check(MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node), "Comm_split_type");
        check(MPI_Comm_size(node, &on_node), "Comm_size");
        MPI_Comm_free(&node);
        unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        cpu_set_t set;
        if (sched_getaffinity(0, sizeof set, &set) == 0) cores = std::min(cores, static_cast<unsigned>(CPU_COUNT(&set)));
        threads_ = std::max(1u, std::min(cores, std::max(1u, std::thread::hardware_concurrency()) /
                                                    static_cast<unsigned>(std::max(1, on_node))));
    }

    int rank() const override { return rank_; }
    int size() const override { return size_; }
    unsigned default_threads() const override { return threads_; }
    std::uint64_t bytes_gathered() const override { return gathered_; }

    bool all_completed(bool completed) override {
        int mine = completed ? 1 : 0, all = 0;
        check(MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD), "Allreduce");
        return all == 1;
    }

    void gather(Range whole, EncodedBlock& mine, const ResultSink& sink) override {
        if (rank_ != 0) {
            send(mine);
            return;
        }
        for (int source = 1; source < size_; ++source)
            receive(source, block_of(whole, static_cast<std::size_t>(source), static_cast<std::size_t>(size_)).size(), sink);
    }

private:
    // A head (count and layout), then the records in messages of whole records.
    void send(EncodedBlock& block) {
        const RecordLayout layout{block.metrics, block.months, block.financial_years};
        std::uint64_t head[4] = {block.count, layout.metrics, layout.months, layout.financial_years};
        check(MPI_Send(head, 4, MPI_UINT64_T, 0, kTagHead, MPI_COMM_WORLD), "Send");
        if (block.count == 0) return;
        const std::size_t per_message = std::max<std::size_t>(1, kChunkBytes / layout.bytes()) * layout.bytes();
        block.records.read(per_message, [&](const char* data, std::size_t n) {
            check(MPI_Send(data, static_cast<int>(n), MPI_BYTE, 0, kTagData, MPI_COMM_WORLD), "Send");
        });
    }

    // Decodes the records as they arrive and hands them to the sink.
    void receive(int source, std::size_t expected, const ResultSink& sink) {
        std::uint64_t head[4];
        check(MPI_Recv(head, 4, MPI_UINT64_T, source, kTagHead, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "Recv");
        if (head[0] != expected)
            throw std::runtime_error("MPI rank " + std::to_string(source) + " sent " + std::to_string(head[0]) +
                                     " results where " + std::to_string(expected) + " were expected");
        const RecordLayout layout{head[1], head[2], head[3]};
        std::vector<char> buffer;
        model::ReplicationResult r;
        for (std::uint64_t got = 0; got < head[0];) {
            MPI_Status status;
            check(MPI_Probe(source, kTagData, MPI_COMM_WORLD, &status), "Probe");
            int n = 0;
            check(MPI_Get_count(&status, MPI_BYTE, &n), "Get_count");
            if (n <= 0 || static_cast<std::size_t>(n) % layout.bytes() != 0)
                throw std::runtime_error("MPI rank " + std::to_string(source) + " sent a message that is not whole records");
            buffer.resize(static_cast<std::size_t>(n));
            check(MPI_Recv(buffer.data(), n, MPI_BYTE, source, kTagData, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "Recv");
            for (std::size_t off = 0; off < buffer.size(); off += layout.bytes()) {
                decode_record(buffer.data() + off, layout, r);
                sink(r);
                ++got;
            }
            gathered_ += static_cast<std::uint64_t>(n);
        }
    }

    int rank_ = 0, size_ = 1;
    unsigned threads_ = 1;
    std::uint64_t gathered_ = 0;
};

// Each line of `text`, prefixed.
std::string prefixed(const std::string& prefix, const std::string& text) {
    std::istringstream in(text);
    std::string out;
    for (std::string line; std::getline(in, line);) out += prefix + line + "\n";
    return out;
}

}  // namespace

int run_rank(int& argc, char**& argv, const std::function<int()>& body) {
    int provided = 0;
    // Only the main thread calls MPI; replications run on worker threads.
    if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        std::cerr << "wfsim: MPI_Init failed\n";
        return 1;
    }
    int code = 1, rank = 0, size = 1;
    std::ostringstream held_out, held_err;
    std::streambuf *cout_buf = nullptr, *cerr_buf = nullptr;
    try {
        MpiDistributor distributor;
        rank = distributor.rank();
        size = distributor.size();
        if (rank != 0) {
            cout_buf = std::cout.rdbuf(held_out.rdbuf());
            cerr_buf = std::cerr.rdbuf(held_err.rdbuf());
        }
        set_distributor(&distributor);
        try {
            code = body();
        } catch (...) {
            set_distributor(nullptr);
            throw;
        }
        set_distributor(nullptr);
    } catch (const std::exception& e) {
        std::cerr << "wfsim: failed: " << e.what() << "\n";
        code = 1;
    }
    if (cout_buf) std::cout.rdbuf(cout_buf);
    if (cerr_buf) std::cerr.rdbuf(cerr_buf);
    if (code == 0) {
        MPI_Finalize();
        return 0;
    }
    if (rank != 0) {
        // Every rank has the same command line and files, so most failures
        // happen on every rank and rank 0 reports them; mpirun ends this rank
        // when rank 0 exits. A failure of this rank alone is reported after
        // the wait.
        ::sleep(3);
        std::cerr << prefixed("wfsim (MPI rank " + std::to_string(rank) + " of " + std::to_string(size) + "): ",
                              held_err.str());
    }
    std::cout.flush();
    std::cerr.flush();
    return code;  // without MPI_Finalize: see mpi_batch.h
}

}  // namespace wfsim::cli::mpi

#endif  // WFSIM_WITH_MPI
