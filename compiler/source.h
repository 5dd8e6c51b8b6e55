#pragma once
// Source files and positions. Every span in the AST points into a file held here.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace schemac {

/// A position in a source file. Lines and columns are 1-based; columns count bytes.
struct Position {
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t offset = 0;  ///< Byte offset from the start of the file.
};

/// A half-open byte range [begin, end) in one source file.
struct Span {
  uint32_t file = 0;  ///< Index into SourceManager::files().
  Position begin;
  Position end;
};

/// One loaded source file.
struct SourceFile {
  std::string path;  ///< As given by the user (used in diagnostics).
  std::string text;
  std::vector<uint32_t> line_starts;  ///< Byte offset of the start of each line.

  /// The text of 1-based line `line`, without its line break.
  std::string_view Line(uint32_t line) const;
};

/// The largest source file schemac reads (64 MiB): a larger one is refused with a message, and
/// a file that does not say its size (a pipe, /dev/zero) is read no further than this.
inline constexpr size_t kMaxSourceBytes = size_t{64} << 20;

/// Owns the text of every source file of a run. Files are never removed, so indices stay valid.
class SourceManager {
 public:
  /// Adds a file from memory and returns its index.
  uint32_t Add(std::string path, std::string text);
  /// Reads a file from disk. Returns false and sets `error` when it cannot be read or is larger
  /// than kMaxSourceBytes.
  bool Load(const std::string& path, uint32_t* index, std::string* error);

  const SourceFile& file(uint32_t index) const { return files_[index]; }
  const std::vector<SourceFile>& files() const { return files_; }

  /// Position of a byte offset in a file.
  Position PositionAt(uint32_t file, uint32_t offset) const;

 private:
  std::vector<SourceFile> files_;
};

/// `path` copied once into storage that lives until the process exits; the same view for the
/// same path. Thread-safe.
std::string_view InternPath(std::string_view path);

/// Offset of the first byte of `text` that is not part of a well-formed UTF-8 sequence
/// (overlong forms, surrogates and code points past U+10FFFF included), or npos.
size_t FirstInvalidUtf8(std::string_view text);

}  // namespace schemac
