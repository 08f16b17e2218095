// What a path is, before anything opens it. Opening a named pipe for reading
// blocks until a writer comes (for ever, if none does), and a device such as
// /dev/zero never ends, so every input file is checked to be a regular file
// (or a link to one) first, with a message that says what it is instead.
#pragma once
#include <string>

namespace wfsim::io {

// "" for a regular file (or a link to one) and for a path that does not exist
// (its reader says so); otherwise what it is: "a folder", "a pipe
// (FIFO)", "a character device", "a block device", "a socket", "a loop of
// symbolic links", "a symbolic link to 'x', which does not exist".
std::string not_a_regular_file(const std::string& path);

// Why a path that is not a special file could not be opened for reading:
// "does not exist", "cannot be read (permission denied)", ... (from errno).
std::string why_not_opened(const std::string& path);

}  // namespace wfsim::io
