#pragma once
// Bump allocation for the offline commands (check, fmt, ir, types from .schema files).
//
// Compiling a schema makes about 120,000 small allocations for 1,000 tables (syntax tree, IR,
// names) that live until the process exits. glibc's malloc spent 13% of `schemac types` on them
// (tools/bench, docs/benchmarks.md). While a CompileArena is alive, operator new on its thread
// takes memory from a large region instead: a pointer bump and no header. Memory is never given
// back to the system (the region goes when the process exits); of what operator delete frees
// with its size, the scope's last allocation is taken back and blocks of up to 1 KiB are kept
// for reuse by size; the rest stays where it is. Other threads, and everything outside the
// scope, use malloc as usual. Built into the schemac executable (and the unit
// tests), not the database module; not under the sanitizers, which replace operator new.
// Why, the figure that justifies it and how to turn it off: docs/architecture.md, "Performance
// machinery".

namespace schemac::cli {

/// Each thread that opens a scope gets its own region (up to 8), address space only (4 GiB,
/// MAP_NORESERVE, transparent huge pages asked for): pages are used as the scope writes them.
/// Past its end, or where it cannot be mapped, allocation falls back to malloc. Scopes nest.
class CompileArena {
 public:
  CompileArena();
  ~CompileArena();
  CompileArena(const CompileArena&) = delete;
  CompileArena& operator=(const CompileArena&) = delete;

  /// False in the sanitizer builds, where scopes do nothing.
  static bool Enabled();
  /// Whether `p` is memory of the region.
  static bool Owns(const void* p);

 private:
  bool active_ = false;
};

/// A WorkerWrapper (compiler/worker.h): runs `work(context)` inside a scope of its own, so that a
/// worker thread allocates from its own region as the command's thread does.
void RunInArena(void (*work)(void* context), void* context);

}  // namespace schemac::cli
