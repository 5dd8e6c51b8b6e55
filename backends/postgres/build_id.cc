#include "backends/postgres/build_id.h"

#include <elf.h>
#include <link.h>

#include <cstdint>
#include <cstring>

namespace schemac::pg {

namespace {

struct Search {
  uintptr_t address = 0;  // 0: the main executable
  bool first = true;
  std::string id;
};

bool Holds(const dl_phdr_info& info, uintptr_t address) {
  for (ElfW(Half) i = 0; i < info.dlpi_phnum; ++i) {
    const ElfW(Phdr)& segment = info.dlpi_phdr[i];
    uintptr_t start = info.dlpi_addr + segment.p_vaddr;
    if (segment.p_type == PT_LOAD && address >= start && address < start + segment.p_memsz) {
      return true;
    }
  }
  return false;
}

// The notes of a PT_NOTE segment: header, name and description, each padded to the segment's
// alignment (4, or 8 for segments such as .note.gnu.property).
std::string BuildIdIn(const dl_phdr_info& info, const ElfW(Phdr)& segment) {
  size_t align = segment.p_align == 8 ? 8 : 4;
  auto pad = [align](size_t n) { return (n + align - 1) & ~(align - 1); };
  const auto* at = reinterpret_cast<const unsigned char*>(info.dlpi_addr + segment.p_vaddr);
  const unsigned char* end = at + segment.p_filesz;
  while (at + sizeof(ElfW(Nhdr)) <= end) {
    ElfW(Nhdr) note;
    std::memcpy(&note, at, sizeof note);
    const unsigned char* name = at + sizeof note;
    const unsigned char* desc = name + pad(note.n_namesz);
    if (desc + note.n_descsz > end) break;
    if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 &&
        note.n_descsz > 0) {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string hex;
      for (uint32_t i = 0; i < note.n_descsz; ++i) {
        hex += kHex[desc[i] >> 4];
        hex += kHex[desc[i] & 0xf];
      }
      return hex;
    }
    at = desc + pad(note.n_descsz);
  }
  return "";
}

int Visit(dl_phdr_info* info, size_t, void* data) {
  auto* search = static_cast<Search*>(data);
  // glibc reports the main executable first.
  bool wanted = search->address == 0 ? search->first : Holds(*info, search->address);
  search->first = false;
  if (!wanted) return 0;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum && search->id.empty(); ++i) {
    if (info->dlpi_phdr[i].p_type == PT_NOTE) search->id = BuildIdIn(*info, info->dlpi_phdr[i]);
  }
  return 1;  // found the object: stop
}

}  // namespace

std::string LoadedBuildId(const void* address) {
  Search search;
  search.address = reinterpret_cast<uintptr_t>(address);
  dl_iterate_phdr(Visit, &search);
  return search.id;
}

}  // namespace schemac::pg
