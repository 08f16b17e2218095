#include "file_kind.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace wfsim::io {

std::string not_a_regular_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ELOOP) return "a loop of symbolic links";
        struct stat link {};
        if (errno == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
            std::vector<char> target(4096);
            const ssize_t n = ::readlink(path.c_str(), target.data(), target.size() - 1);
            return "a symbolic link to '" + std::string(target.data(), n > 0 ? static_cast<std::size_t>(n) : 0) +
                   "', which does not exist";
        }
        return "";  // missing: the reader says so (why_not_opened)
    }
    if (S_ISREG(st.st_mode)) return "";
    if (S_ISDIR(st.st_mode)) return "a folder";
    if (S_ISFIFO(st.st_mode)) return "a pipe (FIFO)";
    if (S_ISCHR(st.st_mode)) return "a character device";
    if (S_ISBLK(st.st_mode)) return "a block device";
    if (S_ISSOCK(st.st_mode)) return "a socket";
    return "not a regular file";
}

std::string why_not_opened(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return "does not exist";
        if (errno == ENOTDIR) return "does not exist (a part of its path is not a folder)";
        if (errno == EACCES) return "cannot be reached (permission denied on a folder of its path)";
        return std::string("cannot be read (") + std::strerror(errno) + ")";
    }
    if (::access(path.c_str(), R_OK) != 0) return "cannot be read (permission denied)";
    return "cannot be read";
}

}  // namespace wfsim::io
