// A temporary file for data too large to keep in memory: made in $TMPDIR
// (or /tmp) and unlinked at once, so the system removes it when it is closed,
// however the process ends.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace wfsim::io {

class TempFile {
public:
    // Makes the file on first use. `what` names its contents in messages
    // ("replication results"); dir "" means $TMPDIR or /tmp.
    explicit TempFile(std::string what, std::string dir = "");
    ~TempFile();
    TempFile(TempFile&& other) noexcept;
    TempFile& operator=(TempFile&& other) noexcept;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    // Both throw std::runtime_error with a message that names the folder (a
    // full disk, a file size limit, a missing folder).
    void write_at(std::uint64_t offset, const void* data, std::size_t n);
    void read_at(std::uint64_t offset, void* data, std::size_t n) const;
    const std::string& folder() const { return dir_; }

private:
    void open();
    std::string what_, dir_;
    int fd_ = -1;
};

}  // namespace wfsim::io
