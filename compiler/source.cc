#include "compiler/source.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>

namespace schemac {

std::string_view SourceFile::Line(uint32_t line) const {
  if (line == 0 || line > line_starts.size()) return {};
  uint32_t begin = line_starts[line - 1];
  uint32_t end = line < line_starts.size() ? line_starts[line] : static_cast<uint32_t>(text.size());
  std::string_view view(text.data() + begin, end - begin);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

std::string_view InternPath(std::string_view path) {
  static std::mutex mutex;
  static auto* paths = new std::set<std::string, std::less<>>;  // Never freed: see the header.
  std::lock_guard<std::mutex> lock(mutex);
  auto it = paths->find(path);
  if (it == paths->end()) it = paths->emplace(path).first;
  return *it;
}

uint32_t SourceManager::Add(std::string path, std::string text) {
  SourceFile file;
  file.path = std::move(path);
  file.text = std::move(text);
  file.line_starts.reserve(file.text.size() / 32 + 1);
  file.line_starts.push_back(0);
  const char* begin = file.text.data();
  const char* end = begin + file.text.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p)));) {
    ++p;
    file.line_starts.push_back(static_cast<uint32_t>(p - begin));
  }
  files_.push_back(std::move(file));
  return static_cast<uint32_t>(files_.size() - 1);
}

bool SourceManager::Load(const std::string& path, uint32_t* index, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  // At most one byte past the limit is read, whatever the file is: /dev/zero or a pipe has no
  // size and no end, and reading it whole would take all memory. A regular file's size sizes
  // the buffer.
  std::string text;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  in.clear();
  const size_t limit = kMaxSourceBytes + 1;
  // (Without a size, the whole limit is reserved: address space, touched only as it fills,
  // rather than a doubling string that copies itself up to three times the limit.)
  text.reserve(size > 0 ? std::min(static_cast<size_t>(size), limit) : limit);
  char buffer[64 << 10];
  while (text.size() < limit && in) {
    in.read(buffer, static_cast<std::streamsize>(std::min(sizeof buffer, limit - text.size())));
    text.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    *error = "cannot read " + path;
    return false;
  }
  if (text.size() > kMaxSourceBytes) {
    *error = path + " is larger than " + std::to_string(kMaxSourceBytes >> 20) +
             " MiB, the most schemac reads from one schema file";
    return false;
  }
  *index = Add(path, std::move(text));
  return true;
}

Position SourceManager::PositionAt(uint32_t file, uint32_t offset) const {
  const SourceFile& f = files_[file];
  auto it = std::upper_bound(f.line_starts.begin(), f.line_starts.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - f.line_starts.begin());
  return Position{line, offset - f.line_starts[line - 1] + 1, offset};
}

size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // ASCII, eight bytes at a time.
    while (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= text.size()) break;
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // Range of the second byte.
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // Overlong.
      if (c == 0xED) high = 0x9F;  // Surrogates.
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;   // Overlong.
      if (c == 0xF4) high = 0x8F;  // Past U+10FFFF.
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    if (byte(i + 1) < low || byte(i + 1) > high) return i;
    for (size_t k = 2; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace schemac
