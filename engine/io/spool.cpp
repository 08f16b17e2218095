#include "engine/io/spool.h"

#include <algorithm>
#include <vector>

namespace wfsim::io {

Spool::Spool(std::string what, std::size_t memory_limit) : limit_(memory_limit), file_(std::move(what)) {}

void Spool::append(const char* data, std::size_t n) {
    // Flushed before it would pass the limit, and reserved at the limit, so
    // that the buffer never grows (geometrically) beyond it.
    if (!buffer_.empty() && buffer_.size() + n > limit_) flush();
    if (buffer_.capacity() < limit_) buffer_.reserve(limit_);
    buffer_.append(data, n);
}

void Spool::flush() {
    if (buffer_.empty()) return;
    file_.write_at(written_, buffer_.data(), buffer_.size());
    written_ += buffer_.size();
    buffer_.clear();
}

void Spool::read(std::size_t piece, const std::function<void(const char*, std::size_t)>& fn) {
    piece = std::max<std::size_t>(1, piece);
    if (written_ == 0) {
        for (std::size_t at = 0; at < buffer_.size(); at += piece) fn(buffer_.data() + at, std::min(piece, buffer_.size() - at));
        return;
    }
    flush();
    std::vector<char> chunk;
    for (std::uint64_t at = 0; at < written_; at += piece) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(piece, written_ - at));
        chunk.resize(n);
        file_.read_at(at, chunk.data(), n);
        fn(chunk.data(), n);
    }
}

}  // namespace wfsim::io
