#include "tools/schemac/arena.h"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

// The sanitizers keep their own operator new; replacing it would blind them.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SCHEMAC_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SCHEMAC_ARENA 0
#endif
#endif
#ifndef SCHEMAC_ARENA
#define SCHEMAC_ARENA 1
#endif

#if SCHEMAC_ARENA
namespace {

constexpr std::size_t kRegionBytes = std::size_t{4} << 30;
constexpr std::size_t kAlign = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

// The regions, one per thread that opened a scope, for operator delete on any thread to tell
// their memory from malloc's.
constexpr int kMaxRegions = 8;
std::atomic<char*> region_begin[kMaxRegions];
std::atomic<char*> region_end[kMaxRegions];
std::atomic<int> region_count{0};

// This thread's bump pointer; `depth` > 0 while a scope is alive on the thread.
thread_local char* base = nullptr;  // This thread's region.
thread_local char* next = nullptr;
thread_local char* limit = nullptr;
// Freed blocks of up to kAlign * kClasses bytes, by size, for reuse: about a quarter of what a
// compile allocates is freed again (temporary strings, a vector's old storage when it grows).
constexpr std::size_t kClasses = 64;
thread_local void* free_blocks[kClasses];
thread_local int depth = 0;
thread_local bool has_region = false;

bool InRegion(const void* p) {
  const char* c = static_cast<const char*>(p);
  int count = std::min(region_count.load(std::memory_order_acquire), kMaxRegions);
  for (int i = 0; i < count; ++i) {
    if (c >= region_begin[i].load(std::memory_order_relaxed) &&
        c < region_end[i].load(std::memory_order_relaxed)) {
      return true;
    }
  }
  return false;
}

std::size_t Rounded(std::size_t size) {
  return size == 0 ? kAlign : (size + kAlign - 1) & ~(kAlign - 1);
}

void* Allocate(std::size_t size) {
  if (depth > 0) {
    std::size_t rounded = Rounded(size);
    if (std::size_t index = rounded / kAlign - 1; index < kClasses && free_blocks[index]) {
      void* p = free_blocks[index];
      free_blocks[index] = *static_cast<void**>(p);
      return p;
    }
    if (static_cast<std::size_t>(limit - next) >= rounded) {
      void* p = next;
      next += rounded;
      return p;
    }
  }
  return std::malloc(size == 0 ? 1 : size);
}

}  // namespace
#endif

namespace schemac::cli {

CompileArena::CompileArena() {
#if SCHEMAC_ARENA
  if (!has_region) {
    has_region = true;  // Tried once per thread.
    int slot = region_count.load(std::memory_order_relaxed);
    if (slot >= kMaxRegions) return;
    void* p = mmap(nullptr, kRegionBytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return;  // Strict overcommit, say: malloc as usual.
    // One fault per 2 MB rather than per 4 KB; where THP is off, this fails and changes nothing.
    madvise(p, kRegionBytes, MADV_HUGEPAGE);
    slot = region_count.fetch_add(1, std::memory_order_relaxed);
    if (slot >= kMaxRegions) {
      munmap(p, kRegionBytes);
      return;
    }
    base = next = static_cast<char*>(p);
    limit = next + kRegionBytes;
    region_begin[slot].store(next, std::memory_order_relaxed);
    region_end[slot].store(limit, std::memory_order_relaxed);
  }
  if (limit == nullptr) return;
  ++depth;
  active_ = true;
#endif
}

CompileArena::~CompileArena() {
#if SCHEMAC_ARENA
  if (active_) --depth;
#endif
}

bool CompileArena::Enabled() { return SCHEMAC_ARENA; }

void RunInArena(void (*work)(void* context), void* context) {
  CompileArena arena;
  work(context);
}

bool CompileArena::Owns([[maybe_unused]] const void* p) {
#if SCHEMAC_ARENA
  return InRegion(p);
#else
  return false;
#endif
}

}  // namespace schemac::cli

#if SCHEMAC_ARENA

void* operator new(std::size_t size) {
  for (;;) {
    if (void* p = Allocate(size)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return Allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return Allocate(size); }

void operator delete(void* p) noexcept {
  if (!InRegion(p)) std::free(p);
}
void operator delete[](void* p) noexcept { operator delete(p); }
// Sized, in this thread's region while its scope is alive: the last allocation is taken back,
// a small block is kept for reuse.
void operator delete(void* p, std::size_t size) noexcept {
  char* c = static_cast<char*>(p);
  if (depth > 0 && c >= base && c < limit) {
    std::size_t rounded = Rounded(size);
    if (c + rounded == next) {
      next = c;
    } else if (std::size_t index = rounded / kAlign - 1; index < kClasses) {
      *static_cast<void**>(p) = free_blocks[index];
      free_blocks[index] = p;
    }
  } else if (!InRegion(p)) {
    std::free(p);
  }
}
void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { operator delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { operator delete(p); }

#endif
