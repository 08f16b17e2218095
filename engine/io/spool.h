// Bytes appended in order and read back in order: kept in memory up to a
// limit and beyond it in a temporary file, so that holding a large stream
// (the results an MPI rank sends at the end of its block) costs no memory.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "engine/io/temp_file.h"

namespace wfsim::io {

class Spool {
public:
    // what: the contents, for messages.
    explicit Spool(std::string what, std::size_t memory_limit = std::size_t{16} << 20);
    void append(const char* data, std::size_t n);
    std::uint64_t size() const { return written_ + buffer_.size(); }
    // Calls fn(data, n) over every byte appended, in order, in pieces of
    // `piece` bytes (the last may be shorter).
    void read(std::size_t piece, const std::function<void(const char*, std::size_t)>& fn);

private:
    void flush();
    std::size_t limit_;
    std::string buffer_;
    TempFile file_;
    std::uint64_t written_ = 0;  // bytes in the file
};

}  // namespace wfsim::io
