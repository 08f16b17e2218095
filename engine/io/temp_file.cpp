#include "engine/io/temp_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace wfsim::io {

namespace {

std::string temp_folder(const std::string& given) {
    if (!given.empty()) return given;
    const char* env = std::getenv("TMPDIR");
    return env && *env ? env : "/tmp";
}

}  // namespace

TempFile::TempFile(std::string what, std::string dir) : what_(std::move(what)), dir_(temp_folder(dir)) {}

TempFile::~TempFile() {
    if (fd_ >= 0) ::close(fd_);
}

TempFile::TempFile(TempFile&& o) noexcept : what_(std::move(o.what_)), dir_(std::move(o.dir_)), fd_(o.fd_) { o.fd_ = -1; }

TempFile& TempFile::operator=(TempFile&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        what_ = std::move(o.what_);
        dir_ = std::move(o.dir_);
        fd_ = o.fd_;
        o.fd_ = -1;
    }
    return *this;
}

void TempFile::open() {
    std::string path = dir_ + "/wfsim-results-XXXXXX";
    fd_ = ::mkostemp(path.data(), O_CLOEXEC);  // not inherited by child processes
    if (fd_ < 0)
        throw std::runtime_error("cannot make a temporary file in " + dir_ + " for " + what_ + " (" +
                                 std::strerror(errno) + "); set TMPDIR to a folder with space");
    ::unlink(path.c_str());  // removed by the system when closed, however the process ends
}

void TempFile::write_at(std::uint64_t offset, const void* data, std::size_t n) {
    if (fd_ < 0) open();
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
        const ssize_t w = ::pwrite(fd_, p, n, static_cast<off_t>(offset));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            throw std::runtime_error("cannot write " + what_ + " to a temporary file in " + dir_ + ": " +
                                     std::strerror(w < 0 ? errno : ENOSPC) + "; set TMPDIR to a folder with space");
        p += w;
        n -= static_cast<std::size_t>(w);
        offset += static_cast<std::uint64_t>(w);
    }
}

void TempFile::read_at(std::uint64_t offset, void* data, std::size_t n) const {
    char* p = static_cast<char*>(data);
    while (n > 0) {
        const ssize_t r = fd_ < 0 ? 0 : ::pread(fd_, p, n, static_cast<off_t>(offset));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0)
            throw std::runtime_error("cannot read back " + what_ + " from a temporary file in " + dir_ + ": " +
                                     (r < 0 ? std::strerror(errno) : "it is shorter than written"));
        p += r;
        n -= static_cast<std::size_t>(r);
        offset += static_cast<std::uint64_t>(r);
    }
}

}  // namespace wfsim::io
