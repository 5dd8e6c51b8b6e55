// Whole-file reads and atomic replacement (files.h).

#include "compiler/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "compiler/error.h"

namespace schemac {

std::string ReadFileText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UserError("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

namespace {

// Where writing `path` lands: through its symlinks, as a shell's `>` writes, so that a link
// stays a link (the target need not exist yet). Empty after too many links (a loop).
std::string FollowSymlinks(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path at = path;
  for (int links = 0; links < 40; ++links) {
    std::error_code ec;
    if (!fs::is_symlink(at, ec)) return at.string();
    fs::path target = fs::read_symlink(at, ec);
    if (ec) return at.string();
    at = target.is_absolute() ? target : at.parent_path() / target;
  }
  return "";
}

}  // namespace

bool WriteFileAtomically(const std::string& link, const std::string& content, std::string* error) {
  const std::string path = FollowSymlinks(link);
  if (path.empty()) {
    *error = "cannot write " + link + ": " + std::strerror(ELOOP);
    return false;
  }
  struct stat info {};
  mode_t mode = 0644;
  if (stat(path.c_str(), &info) == 0) mode = info.st_mode & 07777;
  std::string temp = path + ".schemac-tmp-XXXXXX";
  int fd = mkstemp(temp.data());
  if (fd < 0) {
    *error = "cannot write next to " + path + ": " + std::strerror(errno);
    return false;
  }
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = "cannot write " + temp + ": " + std::strerror(errno);
      close(fd);
      unlink(temp.c_str());
      return false;
    }
    written += static_cast<size_t>(n);
  }
  if (fchmod(fd, mode) != 0 || fsync(fd) != 0 || close(fd) != 0) {
    *error = "cannot write " + temp + ": " + std::strerror(errno);
    unlink(temp.c_str());
    return false;
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    *error = "cannot replace " + path + ": " + std::strerror(errno);
    unlink(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace schemac
